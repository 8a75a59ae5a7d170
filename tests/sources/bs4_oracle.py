"""The page reading we replaced, kept as the oracle for :mod:`enrich.sources.pages._markup`.

Until issue 23's fourth round, :func:`enrich.sources.pages._meta.parse_page`
built BeautifulSoup's tree (lxml backend) and read it with ``find_all`` and
``get_text``. That tree costs a Python object per tag and per string; the
collector that replaced it keeps only what the reading needs. This module is
the old reading, unchanged, so the tests can hold the two equal.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import Tag

from enrich.sources.pages._markup import JSON_LD, META_KEYS, Markup


def read_markup_with_bs4(markup: str) -> Markup:
    """What BeautifulSoup's tree of ``markup`` held, read as ``parse_page`` read it."""
    soup = BeautifulSoup(markup, "lxml")
    metas = [
        {key: value for key in META_KEYS if isinstance(value := tag.get(key), str)}
        for tag in soup.find_all("meta")
        if isinstance(tag, Tag)
    ]
    scripts = [script.get_text() for script in soup.find_all("script", attrs={"type": JSON_LD})]
    base = soup.find("base", href=True)
    base_href = base.get("href") if isinstance(base, Tag) else None
    hrefs = [
        href
        for tag in soup.find_all(["a", "area"], href=True)
        if isinstance(tag, Tag) and isinstance(href := tag.get("href"), str)
    ]
    heading = soup.find("h1")
    heading_text = heading.get_text(" ") if isinstance(heading, Tag) else None
    for hidden in soup.find_all(["script", "style", "noscript", "template"]):
        hidden.decompose()
    title = soup.title
    return Markup(
        metas=metas,
        json_ld=scripts,
        base_href=base_href if isinstance(base_href, str) else None,
        hrefs=hrefs,
        heading=heading_text,
        title=title.get_text(" ") if isinstance(title, Tag) else None,
        text=soup.get_text(" "),
    )
