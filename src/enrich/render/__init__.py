"""Renderers of enriched lists: Markdown tables for a README, and a static web site.

They read only the enriched JSON (through :mod:`enrich.models`, so the schema
is checked on load) and are the reference for other renderers of the
contract. Both share one view of a paper (:mod:`enrich.render.view`), so a
figure is formatted and sorted the same way everywhere.
"""
