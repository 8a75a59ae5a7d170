"""``enrich render html``: a static site, one page per list and an index, that works from disk.

Browsers block ``fetch`` on ``file://`` pages, so each page carries its data
as JSON in a ``<script type="application/json">`` element, and the table is
built by a small script of ours (``assets/site.js``) with no library and no
request to any other host. Pages, data and assets are written atomically,
and the same lists give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from enrich.models import EnrichedList
from enrich.output.json import write_atomic
from enrich.render.templating import environment
from enrich.render.view import PaperView, paper_views

ASSETS = ("site.css", "site.js")


def site_data(views: Sequence[PaperView]) -> dict[str, Any]:
    """The page's data: section names once, and per paper short keys (10,000 papers weigh in)."""
    sections: dict[tuple[str, ...], int] = {}
    papers = []
    for view in views:
        row: dict[str, Any] = {
            "i": view.order,
            "t": view.title,
            "s": sections.setdefault(view.section, len(sections)),
        }
        optional: dict[str, Any] = {
            "u": view.url,
            "x": view.arxiv_url,
            "v": view.venue,
            "y": view.year,
            "a": list(view.authors),
            "b": view.abstract,
            "d": view.date,
            "r": view.trend_30d,
            "w": view.trend_7d,
        }
        if view.code is not None:
            code = view.code
            optional["c"] = {
                "n": code.name,
                "u": code.url,
                "s": code.stars,
                "f": code.forks,
                "p": code.pushed,
                "a": code.archived or None,
                "z": code.stale_since,
            }
        if view.page is not None:
            page = view.page
            optional["p"] = {"u": page.url, "h": page.health, "m": page.problem, "z": page.since}
        row.update({key: value for key, value in optional.items() if value not in (None, [])})
        papers.append(row)
    return {"sections": [" › ".join(section) for section in sections], "papers": papers}


def _choices(views: Sequence[PaperView]) -> dict[str, list[Any]]:
    return {
        "venues": sorted({view.venue for view in views if view.venue}, key=str.casefold),
        "years": sorted({view.year for view in views if view.year}, reverse=True),
    }


def list_page(document: EnrichedList) -> str:
    views = paper_views(document)
    template = environment().get_template("list.html.j2")
    return template.render(name=document.name, data=site_data(views), **_choices(views))


def index_page(documents: Sequence[EnrichedList]) -> str:
    lists = [{"name": d.name, "papers": len(d.papers), "page": page_name(d)} for d in documents]
    return environment().get_template("index.html.j2").render(lists=lists)


def page_name(document: EnrichedList) -> str:
    return f"{document.name}.html"


def build_site(documents: Sequence[EnrichedList], out: Path) -> list[Path]:
    """Write every list's page, the index and the assets under ``out``; returns the pages."""
    written = []
    for asset in ASSETS:
        write_atomic(
            out / "assets" / asset, files("enrich.render").joinpath("assets", asset).read_bytes()
        )
    for document in sorted(documents, key=lambda d: d.name):
        path = out / page_name(document)
        write_atomic(path, list_page(document))
        written.append(path)
    index = out / "index.html"
    write_atomic(index, index_page(sorted(documents, key=lambda d: d.name)))
    return [index, *written]
