"""Sources of enrichment, one package per service behind one seam.

Each source package exports its one source class from its ``__init__``; the
rest of the package is private. The seam the pipeline sees is in
:mod:`enrich.sources.interface`.
"""
