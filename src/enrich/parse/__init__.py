"""Parse an awesome list into typed entries: ``parse_list(text) -> ParsedList``, pure, no I/O.

Stages, one subpackage each: :mod:`.blocks` (Markdown and HTML to blocks),
:mod:`.entries` (one reader per list style), :mod:`.fields` (title, authors, venue,
year of one entry), :mod:`.links` (link recognition and roles). ``markdown.py`` runs
them; ``collect``, ``ids``, ``checks``, ``accounting`` and ``list_settings`` serve all.
"""
