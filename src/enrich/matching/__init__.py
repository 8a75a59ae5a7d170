"""Pure matching rules shared by every source that searches by title (arXiv, OpenAlex).

One place, so that both services accept a search hit on the same evidence
(:mod:`~enrich.matching.titles`: how close two titles are, and of what kind;
:mod:`~enrich.matching.confidence`: how sure an accepted match is, and how
close a second candidate may come before the choice is ambiguous). No I/O.
"""
