"""``enrich render bibtex``: a list's papers as a ``.bib`` file.

Entries are ``@inproceedings`` (a conference venue), ``@article`` (a
journal) or ``@misc`` (a preprint: no published venue known), with the DOI
and arXiv's ``eprint``, ``archivePrefix`` and ``primaryClass`` fields that
biblatex and most BibTeX styles (and Zotero, JabRef, pandoc) read. Values are
UTF-8 with LaTeX's special characters escaped, and a title's words whose
case matters (``SadTalker``, ``NeRF``, ``3D``) are wrapped in braces so a
style that lower-cases titles keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from enrich.render.citation import Citation, Name

_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_REPLACEMENTS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_URL_UNSAFE = re.compile(r"[{}\\\s%]")


def latex_text(value: str) -> str:
    """``value`` as literal text in a BibTeX field: one line, LaTeX specials escaped."""
    text = " ".join(value.split())
    return _SPECIAL.sub(lambda m: _REPLACEMENTS.get(m[0], "\\" + m[0]), text)


def _case_matters(part: str) -> bool:
    """'SadTalker', 'HEAT', 'NeRF', '3D', 'GANs': a style must not lower-case these."""
    letters = [c for c in part if c.isalnum()]
    if len(letters) < 2:
        return False
    has_digit = any(c.isdigit() for c in letters) and any(c.isalpha() for c in letters)
    return has_digit or any(c.isupper() for c in letters[1:])


def protected_title(title: str) -> str:
    """The title escaped, with each word whose case matters in braces: '{SadTalker}: Learning'."""
    words = []
    for word in " ".join(title.split()).split(" "):
        escaped = latex_text(word)
        core = re.match(r"^(\W*)(.*?)(\W*)$", escaped, re.S)
        assert core is not None  # the pattern matches any string
        lead, middle, tail = core.groups()
        if middle and any(_case_matters(part) for part in word.split("-")):
            words.append(f"{lead}{{{middle}}}{tail}")
        else:
            words.append(escaped)
    return " ".join(words)


def bibtex_name(name: Name) -> str:
    """'Family, Given' (BibTeX's unambiguous form); a name without a given one is braced."""
    family = latex_text(name.full_family)
    if name.given is None:
        return f"{{{family}}}"
    return f"{family}, {latex_text(name.given)}"


def _url(value: str) -> str:
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m[0]):02X}", value)


def entry_type(citation: Citation) -> str:
    if citation.venue is None:
        return "misc"
    return "article" if citation.journal else "inproceedings"


def bibtex_entry(citation: Citation) -> str:
    """One ``@type{key, ...}`` entry, fields in a fixed order."""
    fields: list[tuple[str, str | None]] = []
    names = [bibtex_name(name) for name in citation.authors]
    if citation.more_authors:
        names.append("others")
    fields.append(("author", " and ".join(names) or None))
    fields.append(("title", protected_title(citation.title)))
    kind = entry_type(citation)
    if citation.venue is not None:
        place = "journal" if kind == "article" else "booktitle"
        fields.append((place, latex_text(citation.venue)))
    fields.append(("year", str(citation.year) if citation.year else None))
    fields.append(("doi", _url(citation.doi) if citation.doi else None))
    if citation.arxiv_id is not None:
        fields.append(("eprint", citation.arxiv_id))
        fields.append(("archivePrefix", "arXiv"))
        fields.append(("primaryClass", citation.primary_class))
    fields.append(("url", _url(citation.url) if citation.url else None))
    fields.append(("abstract", latex_text(citation.abstract) if citation.abstract else None))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
    return f"@{kind}{{{citation.key},\n{body}}}\n"


def render_bibtex(name: str, citations: Sequence[Citation]) -> str:
    """The ``.bib`` file: a comment naming the list, then one entry per paper."""
    head = f"% {name}: {len(citations)} papers, written by enrich (render bibtex)\n"
    return head + "".join("\n" + bibtex_entry(citation) for citation in citations)
