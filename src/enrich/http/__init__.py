"""The one door to the network: see ``enrich.http.client``."""
