"""One pass over a page's markup: the few things :mod:`._meta` reads, and nothing else.

Why not a tree: building BeautifulSoup's tree of a page (a Python object per
tag and per string) was 60% of the page check's own CPU, to read a title,
some ``<meta>`` tags, the links and the text. Here lxml's HTML parser (the
same libxml2 parser BeautifulSoup drove, set up as BeautifulSoup sets it up)
sends its events to a small collector that keeps only those.

What is kept means exactly what it meant when it was read from
BeautifulSoup's tree (``tests/sources/bs4_oracle.py`` is that reading, and a
property test holds the two equal on generated and hostile pages):

- a string is one run of text between two parser events (tags, comments,
  doctype, processing instructions); strings are joined with a space;
- a string below ``rt``, ``rp``, ``script``, ``style`` or ``template`` is not
  text (BeautifulSoup gives it another string class, which ``get_text``
  leaves out); the page's text also leaves out everything below
  ``noscript`` (the reader removed those elements before taking the text);
- the title is the first ``<title>`` outside ``script``, ``style``,
  ``noscript`` and ``template``; the heading is the first ``<h1>`` anywhere.

Pure, no network; lxml raises only what :func:`read_markup` lets through
(``etree.ParserError`` on markup it refuses), for the caller to decide.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

# BeautifulSoup's string containers (HTMLTreeBuilder.DEFAULT_STRING_CONTAINERS):
# strings below these are not the page's text.
_NOT_TEXT = frozenset({"rt", "rp", "script", "style", "template"})
_REMOVED = frozenset({"script", "style", "noscript", "template"})  # removed before the text
JSON_LD = "application/ld+json"
# The <meta> attributes read (none of them one BeautifulSoup splits into a list).
META_KEYS = ("property", "name", "itemprop", "content", "http-equiv")


@dataclass
class Markup:
    """What a page's markup holds, in document order."""

    metas: list[dict[str, str]] = field(default_factory=list)  # each <meta>'s META_KEYS
    json_ld: list[str] = field(default_factory=list)  # texts of <script type=application/ld+json>
    base_href: str | None = None  # the first <base href>
    hrefs: list[str] = field(default_factory=list)  # every <a href> and <area href>
    heading: str | None = None  # text of the first <h1>, or None without one
    title: str | None = None  # text of the first shown <title>, or None without one
    text: str = ""  # the page's text, strings joined with spaces


class _Open:
    """One open element: its name and what it collects."""

    __slots__ = ("name", "parts")

    def __init__(self, name: str, parts: list[str] | None) -> None:
        self.name = name
        self.parts = parts  # where its text goes (the h1, title or JSON-LD script), if anywhere


class _Collector:
    """lxml parser target: receives the parser's events, keeps :class:`Markup`.

    Ready for the next page once :meth:`close` has handed over this one's.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.markup = Markup()
        self._open: list[_Open] = []
        self._open_names: Counter[str] = Counter()  # an end tag nothing opened costs nothing
        self._not_text = 0  # open elements whose strings are not text
        self._removed = 0  # open elements removed before the page's text is taken
        self._text: list[str] = []
        self._heading: list[str] | None = None
        self._title: list[str] | None = None
        self._collecting: list[list[str]] = []  # open collectors of text (h1, title)
        self._script: list[str] | None = None  # the open JSON-LD script's strings

    def start(self, tag: str, attrib: Mapping[str, str], nsmap: object = None) -> None:
        self._text.append(" ")
        for parts in self._collecting:
            parts.append(" ")
        kept = self._started(tag, attrib)
        self._open.append(_Open(tag, kept))
        self._open_names[tag] += 1
        if kept is not None and kept is not self._script:
            self._collecting.append(kept)
        if tag in _NOT_TEXT:
            self._not_text += 1
        if tag in _REMOVED:
            self._removed += 1

    def _started(self, tag: str, attrib: Mapping[str, str]) -> list[str] | None:
        """Record what this element holds; the list its strings go to, if they are kept."""
        markup = self.markup
        if tag == "meta":
            markup.metas.append({key: attrib[key] for key in META_KEYS if key in attrib})
        elif tag in ("a", "area") and "href" in attrib:
            markup.hrefs.append(attrib["href"])
        elif tag == "base" and markup.base_href is None and "href" in attrib:
            markup.base_href = attrib["href"]
        elif tag == "h1" and self._heading is None:
            self._heading = []
            return self._heading
        elif tag == "title" and self._title is None and not self._removed:
            self._title = []
            return self._title
        elif tag == "script" and attrib.get("type") == JSON_LD:
            self._script = []
            return self._script
        return None

    def end(self, tag: str) -> None:
        self._text.append(" ")
        for parts in self._collecting:
            parts.append(" ")
        # A stray end is ignored, as BeautifulSoup ignored it (its open-tag counter).
        if not self._open_names[tag]:
            return
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].name == tag:
                for element in reversed(self._open[depth:]):
                    self._closed(element)
                del self._open[depth:]
                return

    def _closed(self, element: _Open) -> None:
        self._open_names[element.name] -= 1
        if element.name in _NOT_TEXT:
            self._not_text -= 1
        if element.name in _REMOVED:
            self._removed -= 1
        if element.parts is None:
            return
        if element.parts is self._script:
            self.markup.json_ld.append("".join(element.parts))  # one string: no separator
            self._script = None
        else:
            self._collecting.remove(element.parts)

    def data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)  # a script's own strings are its text
        if self._not_text:
            return
        if not self._removed:
            self._text.append(data)
        for parts in self._collecting:
            # The heading is read before anything is removed; the title after.
            if parts is self._heading or not self._removed:
                parts.append(data)

    def comment(self, text: str) -> None:
        self._boundary()

    def doctype(self, *ids: object) -> None:
        self._boundary()

    def pi(self, *parts: object) -> None:
        self._boundary()

    def _boundary(self) -> None:
        """A comment, doctype or processing instruction ends the string before it."""
        self._text.append(" ")
        for parts in self._collecting:
            parts.append(" ")

    def close(self) -> Markup:
        for element in reversed(self._open):
            self._closed(element)
        self._open.clear()
        markup = self.markup
        markup.text = "".join(self._text)
        markup.heading = None if self._heading is None else "".join(self._heading)
        markup.title = None if self._title is None else "".join(self._title)
        self._reset()
        return markup


_readers = threading.local()  # each thread's parser, kept: see read_markup


def read_markup(markup: str) -> Markup:
    """Everything :class:`Markup` holds, from one pass of lxml's HTML parser over ``markup``.

    Each thread keeps its parser: making one with a Python target costs lxml an
    ``inspect`` of the target's methods, as long as the parse of a small page
    (measured: 116 -> 62 us a page). A parser that raised is not used again.
    """
    parser = getattr(_readers, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(target=_Collector(), recover=True, huge_tree=False, encoding=None)
    _readers.parser = None  # until this parse has ended well
    parser.feed(markup)
    result: Markup = parser.close()
    _readers.parser = parser
    return result
