"""Recognisers of identities in URLs and text, shared by parse, pipeline and sources.

One module per kind of identity, pure functions only (no network, no I/O), so
every part of enrich agrees on what is an arXiv id or a GitHub repository:

- :mod:`enrich.identity.arxiv`: arXiv ids in every URL, DOI and text form;
- :mod:`enrich.identity.github`: GitHub repositories, badges, github.io pages;
- :mod:`enrich.identity.doi`: DOIs in resolver URLs, publisher paths and text.
"""
