"""HTML fragments of a list -> element trees read as browsers read them, walked without recursion.

Lists embed HTML written for browsers, and browsers apply HTML5's optional end
tags: ``<tr><td>a<td>b`` then ``<tr>`` is two cells and a new row, ``<li>a<li>b``
two items. Python's ``html.parser`` knows none of that and nests every
unclosed ``<td>``/``<li>`` inside the previous one, so 100 such rows became
5,050 papers and 190 a ``RecursionError``. libxml2's HTML parser (through lxml,
already a dependency) closes them as a browser does, records each element's
``sourceline``, and bounds the tree's depth: markup nested deeper than
:data:`MAX_DEPTH` is cut there and reported, never followed into recursion.

Every walk here is iterative (an explicit stack), so no nesting in a list can
raise ``RecursionError``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree, html
from lxml.html import HtmlElement as Element

MAX_DEPTH = 256
"""libxml2's own bound on element depth without ``XML_PARSE_HUGE``: deeper markup is cut.

No real list nests HTML more than a few tens of levels; the bound only meets
hostile or broken markup, which gets a warning naming its line.
"""

_SKIPPED = frozenset({"script", "style", "template"})
_local = threading.local()


@dataclass(frozen=True)
class Fragment:
    """One parsed fragment: its ``<body>`` and whether markup was cut at :data:`MAX_DEPTH`."""

    body: Element
    too_deep: bool


def parse_fragment(markup: str) -> Fragment:
    """``markup`` as a tree under ``<body>``; line 1 of ``markup`` is ``sourceline`` 1.

    Parsed from UTF-8 bytes so that an XML declaration or a NUL in the list
    cannot make lxml refuse the string.
    """
    parser = _parser()
    data = ("<html><body>" + markup).encode("utf-8", "surrogatepass")
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):  # nothing parseable: an empty fragment
        root = html.document_fromstring(b"<html><body></body></html>", parser=parser)
    body = root.find("body")
    too_deep = any("Excessive depth" in entry.message for entry in parser.error_log)
    return Fragment(body if body is not None else root, too_deep)


def _parser() -> etree.HTMLParser:
    """One parser per thread (lxml parsers must not be shared between threads)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        _local.parser = parser
    return parser


def is_element(node: object) -> bool:
    """A real element (not a comment, processing instruction or entity node)."""
    return isinstance(node, etree.ElementBase) and isinstance(node.tag, str)


def flow(element: Element, is_leaf: Callable[[Element], bool]) -> Iterator[str | Element]:
    """The element's content in document order: text strings, and leaf elements whole.

    A leaf (for pieces: a link, an image, a break) is yielded and not entered;
    every other element is entered. Scripts, styles and comments are skipped,
    their tails kept.
    """
    if element.text:
        yield element.text
    stack: list[tuple[Iterator[Element], str | None]] = [(iter(element), None)]
    while stack:
        children, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tail:
                yield tail
            continue
        if not is_element(child) or child.tag in _SKIPPED:
            if child.tail:
                yield child.tail
        elif is_leaf(child):
            yield child
            if child.tail:
                yield child.tail
        else:
            if child.text:
                yield child.text
            stack.append((iter(child), child.tail))


def text_of(element: Element) -> str:
    """The element's visible text, whitespace collapsed (BeautifulSoup's ``get_text(" ")``)."""
    return " ".join(
        " ".join(part for part in flow(element, _never) if isinstance(part, str)).split()
    )


def _never(_: Element) -> bool:
    return False


def nearest(element: Element, tag: str) -> Element | None:
    """The closest ancestor named ``tag``, or None."""
    return next(element.iterancestors(tag), None)
