"""Provenance methods that more than one part of the tool reads.

A slot's ``provenance.method`` says how its identity was found; the pages
source and the findings both ask whether a URL promised an HTML page.
"""

from __future__ import annotations

# Hints that promise an HTML page; a plain "link" (a dataset, a tool) may be a PDF.
PAGE_METHODS = frozenset({"project_page_link", "repo_homepage", "github_io", "homepage"})
