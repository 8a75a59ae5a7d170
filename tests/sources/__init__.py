"""Tests of the sources (arXiv, GitHub, pages) against local fake services."""
