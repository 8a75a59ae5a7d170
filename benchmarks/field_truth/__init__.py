"""Field truth: entries of the 13 real lists labelled by reading them, and a scorer.

``python -m benchmarks.field_truth`` parses the sampled lists in process, matches
each labelled entry to the parser's entry by list and line, and prints accuracy
per field (kind, title, authors, year, venue, link roles) and per list. How the
entries were sampled and labelled: ``labels/README.md``.
"""
