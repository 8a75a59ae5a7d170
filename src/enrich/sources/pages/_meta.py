"""Read what a maintainer wants to know from an HTML page: title, blurb, image, links.

Pure: bytes and a Content-Type in, a :class:`PageMeta` out; no network.

Decoding follows the browsers' order of trust: a byte-order mark, then the
charset of the HTTP header, then ``<meta charset>`` / ``http-equiv``, then a
statistical guess (bs4's :class:`~bs4.UnicodeDammit` with charset-normalizer).
A charset that fails to decode strictly is skipped rather than producing
mojibake, so a Shift_JIS page served as ``utf-8`` still gets its real title.
``ISO-8859-1`` is read as ``windows-1252``, as the WHATWG encoding standard
requires. UTF-7 is never used, whoever declares it: browsers refuse it because
its ``+ADw-`` spelling of ``<`` smuggles markup past filters.

The page is hostile input. A value that cannot be used (a ``<base href>``,
``og:image`` or refresh target that is not a valid URL, JSON-LD nested too
deep) is dropped, and :attr:`PageMeta.problems` says what and why so the
caller can warn; nothing here may raise on any bytes.

Embedded metadata: a library such as ``extruct`` parses every microdata,
RDFa and JSON-LD flavour, but it is heavy and we want five fields, so the few
``<meta>`` tags (Open Graph, Twitter cards, ``name=description``) and JSON-LD
``name``/``description`` are read by hand, from one pass of lxml's parser
(:mod:`._markup`); decoding uses BeautifulSoup's ``UnicodeDammit`` unless the
header's charset settles it as UnicodeDammit would.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Mapping, Sequence
from urllib.parse import urljoin, urlsplit

from enrich.sources.pages._links import identities_in_links
from enrich.sources.pages._markup import Markup, read_markup
from enrich.sources.pages._page import PageMeta

MAX_TEXT = 1000  # a description longer than this is body text, not a blurb
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_REFRESH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*[;,]\s*(?:url\s*=\s*)?[\"']?([^\"']+)", re.I)
MAX_REFRESH_DELAY = 5.0
_ALIASES = {"iso-8859-1": "windows-1252", "latin1": "windows-1252", "latin-1": "windows-1252"}
# Labels of UTF-7 (WHATWG lists none of them: browsers never decode it).
REFUSED_CHARSETS = frozenset({"utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "u7"})
# A parsed tag costs about half a kilobyte; a 2 MB page of ``<div>`` is 400,000
# of them (200 MB, 9 s). Real project pages have a few thousand.
MAX_TAGS = 50_000
MAX_JSON_LD_DEPTH = 64  # schema.org data is a few levels deep; more is an attack
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKETS = re.compile(r"[\[\]{}]")


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, normalised."""
    match = _CHARSET.search(content_type or "")
    if not match:
        return None
    name = match.group(1).lower()
    return _ALIASES.get(name, name)


def decode_html(
    body: bytes, content_type: str | None, *, truncated: bool = False
) -> tuple[str, str | None]:
    """The page as text and the charset used (see the module docstring for the order)."""
    if truncated:
        # A cut body may end inside a multi-byte character, which would make a
        # strict decode fail and fall back to a wrong guess; ``>`` is never a
        # trailing byte in UTF-8 or Shift_JIS, so cutting after it is safe.
        end = body.rfind(b">")
        body = body[: end + 1] if end >= 0 else body
    declared = header_charset(content_type)
    if declared in REFUSED_CHARSETS:
        declared = None
    if declared is not None and (settled := _as_declared(body, declared)) is not None:
        return settled
    return dammit_decode(body, declared)


def dammit_decode(body: bytes, declared: str | None) -> tuple[str, str | None]:
    """BeautifulSoup's ``UnicodeDammit`` with the header's charset tried first."""
    from bs4.dammit import UnicodeDammit  # bs4 and its imports: only for pages that need it

    dammit = UnicodeDammit(
        body,
        known_definite_encodings=[declared] if declared else [],
        is_html=True,
        exclude_encodings=sorted(REFUSED_CHARSETS),
    )
    if dammit.unicode_markup is None:
        return body.decode("utf-8", errors="replace"), None
    return dammit.unicode_markup, dammit.original_encoding


# What UnicodeDammit would try first: a byte-order mark (it strips one and trusts it
# after the header's charset), or a charset name it maps (``CHARSET_ALIASES``).
_MAY_BE_A_BOM = (b"\xfe\xff", b"\xff\xfe", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff")
DAMMIT_ALIASES = {"macintosh": "mac-roman", "x-sjis": "shift-jis"}


def _as_declared(body: bytes, declared: str) -> tuple[str, str] | None:
    """The body decoded strictly with the header's charset, when that is what
    :func:`dammit_decode` would do first and it works; else ``None``.

    Why: most pages are served as ``text/html; charset=utf-8`` and decode so at
    once, and importing bs4 for ``UnicodeDammit`` (with soupsieve) was a tenth of
    a page check's start-up. The answer is UnicodeDammit's, name included: no
    byte-order mark to strip, the codec found under the name it would look up,
    a non-empty strict decode. A property test holds the two equal.
    """
    if not body or body.startswith(_MAY_BE_A_BOM):
        return None
    name = DAMMIT_ALIASES.get(declared, declared)
    try:
        codecs.lookup(name)
        text = str(body, name, "strict")
    except Exception:  # noqa: BLE001 - any failure: UnicodeDammit decides, as before
        return None
    return (text, name.lower()) if text else None


def bounded_markup(markup: str, problems: list[str]) -> str:
    """The markup without NUL characters and cut before its ``MAX_TAGS``-th tag.

    Browsers drop NULs from markup too; the parser turns each into its own
    event, and 2 MB of them cost 180 MB. The cut keeps the head and the top
    of the body, where the metadata and the paper and code buttons are.
    """
    if "\0" in markup:
        markup = markup.replace("\0", "")
    position = -1
    for _ in range(MAX_TAGS):
        position = markup.find("<", position + 1)
        if position < 0:
            return markup
    problems.append(f"more than {MAX_TAGS:,} tags: only the page's start was read")
    return markup[:position]


def collapse_spaces(text: str) -> str:
    """Runs of whitespace as one space, none at the ends.

    What ``re.sub(r"\\s+", " ", text).strip()`` gives, four times faster (it
    runs on the page's whole text, every page), and the same for every
    character: ``str.split`` and the pattern both take what ``str.isspace``
    calls space.
    """
    return " ".join(text.split())


def _clean(text: str | None) -> str | None:
    """Collapse whitespace; ``None`` for nothing; cut overlong text at ``MAX_TEXT``."""
    if text is None:
        return None
    collapsed = collapse_spaces(text)
    if not collapsed:
        return None
    return collapsed if len(collapsed) <= MAX_TEXT else collapsed[: MAX_TEXT - 1].rstrip() + "…"


def _meta_values(metas: Sequence[Mapping[str, str]]) -> dict[str, str]:
    """``<meta property|name=K content=V>`` as {k: v}, first occurrence wins."""
    values: dict[str, str] = {}
    for tag in metas:
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key is not None and content is not None and content.strip():
            values.setdefault(key.strip().lower(), content)
    return values


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest, counted without parsing it.

    Python's parser recurses once per level, so 200,000 ``[`` raise
    RecursionError; counting brackets outside strings first costs one pass.
    """
    depth = deepest = 0
    for match in _JSON_BRACKETS.finditer(_JSON_STRING.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _json_ld(scripts: Sequence[str], problems: list[str]) -> dict[str, str]:
    """``name`` and ``description`` of the first JSON-LD object that has them."""
    for text in scripts:
        if json_depth(text) > MAX_JSON_LD_DEPTH:
            problems.append(f"JSON-LD nested deeper than {MAX_JSON_LD_DEPTH} levels: ignored")
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; it is only a fallback
        items = data if isinstance(data, list) else [data]
        if isinstance(data, dict) and isinstance(data.get("@graph"), list):
            items = data["@graph"]
        for item in items:
            if isinstance(item, dict):
                found = {k: v for k in ("name", "description") if isinstance(v := item.get(k), str)}
                if found:
                    return found
    return {}


def _first(*candidates: str | None) -> str | None:
    return next((clean for value in candidates if (clean := _clean(value))), None)


def _join(base: str, href: str, what: str, problems: list[str]) -> str | None:
    """``href`` made absolute against ``base``; ``None`` (and a problem) if it is no URL."""
    try:
        absolute = urljoin(base, href.strip())
        urlsplit(absolute)
    except ValueError as error:
        problems.append(f"{what} {_shown(href)} is not a valid URL ({error}): ignored")
        return None
    return absolute


def _shown(value: str, limit: int = 80) -> str:
    """A page's value quoted for a message, cut so a hostile page cannot flood the report."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _base_url(href: str | None, page_url: str, problems: list[str]) -> str:
    if href is None:
        return page_url
    return _join(page_url, href, "<base href>", problems) or page_url


def _links(hrefs: Sequence[str], base: str, problems: list[str]) -> list[str]:
    """Absolute http(s) targets of ``<a href>`` and ``<area href>``, in page order."""
    links: list[str] = []
    invalid: list[str] = []
    for href in hrefs:
        try:
            absolute = urljoin(base, href.strip())
            scheme = urlsplit(absolute).scheme
        except ValueError:
            invalid.append(href)  # a malformed href (bad IPv6 literal...): no link we can use
            continue
        if scheme in {"http", "https"}:
            links.append(absolute)
    if invalid:
        problems.append(
            f"{len(invalid)} link(s) are not valid URLs, e.g. {_shown(invalid[0])}: ignored"
        )
    return links


def _refresh_target(
    metas: Sequence[Mapping[str, str]], base: str, problems: list[str]
) -> str | None:
    """Where ``<meta http-equiv="refresh" content="0; url=...">`` sends a reader.

    Static hosts cannot send a 301, so a moved GitHub Pages site often leaves
    a page that refreshes to its new home. Only a prompt refresh (at most
    ``MAX_REFRESH_DELAY`` seconds) counts: a slow one is a page reloading itself.
    """
    for tag in metas:
        if tag.get("http-equiv", "").lower() != "refresh":
            continue
        match = _REFRESH.match(tag.get("content", ""))
        if match and float(match.group(1)) <= MAX_REFRESH_DELAY:
            return _join(base, match.group(2), "meta refresh target", problems)
    return None


def parse_page(
    body: bytes, content_type: str | None, page_url: str, *, truncated: bool = False
) -> PageMeta:
    """Everything :class:`PageMeta` holds, read from one HTML document."""
    problems: list[str] = []
    declared = header_charset(content_type)
    if declared in REFUSED_CHARSETS:
        problems.append(f"charset {declared} refused (browsers never decode it)")
    markup, encoding = decode_html(body, content_type, truncated=truncated)
    return page_meta(read_markup(bounded_markup(markup, problems)), page_url, encoding, problems)


def page_meta(markup: Markup, page_url: str, encoding: str | None, problems: list[str]) -> PageMeta:
    """:class:`PageMeta` from what the page's markup holds (``problems`` so far, added to)."""
    meta = _meta_values(markup.metas)
    ld = _json_ld(markup.json_ld, problems)
    base = _base_url(markup.base_href, page_url, problems)
    image = _first(
        meta.get("og:image"),
        meta.get("og:image:url"),
        meta.get("og:image:secure_url"),
        meta.get("twitter:image"),
        meta.get("twitter:image:src"),
    )
    arxiv_ids, repos = identities_in_links(_links(markup.hrefs, base, problems))
    refresh = _refresh_target(markup.metas, base, problems)
    image_url = _join(base, image, "og:image", problems) if image else None
    return PageMeta(
        title=_first(markup.title, meta.get("og:title"), meta.get("twitter:title"), ld.get("name")),
        description=_first(
            meta.get("description"),
            meta.get("og:description"),
            meta.get("twitter:description"),
            ld.get("description"),
        ),
        image=image_url,
        arxiv_ids=arxiv_ids,
        github_repos=repos,
        text=collapse_spaces(markup.text),
        heading=_clean(markup.heading),
        refresh=refresh,
        encoding=encoding,
        problems=tuple(problems),
    )
