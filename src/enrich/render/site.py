"""``enrich render html``: a static site, one page per list and an index, that works from disk.

Browsers block ``fetch`` on ``file://`` pages, so each page carries its data
as JSON in a ``<script type="application/json">`` element, and the table is
built by a small script of ours (``assets/site.js``) with no library and no
request to any other host. Pages, data and assets are written atomically,
and the same lists give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from enrich.models import EnrichedList
from enrich.output.json import write_atomic
from enrich.render.templating import environment
from enrich.render.view import PaperView, paper_views

ASSETS = ("site.css", "site.js")


def site_data(views: Sequence[PaperView], abstracts: str) -> dict[str, Any]:
    """The page's data: section names once, per paper short keys (10,000 papers weigh in).

    Abstracts are most of a list's weight, so they live in their own script
    (``abstracts``, its URL), fetched only when a reader searches or expands.
    """
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
    return {
        "sections": [" › ".join(section) for section in sections],
        "papers": papers,
        "abstracts": abstracts,
    }


def abstracts_script(views: Sequence[PaperView]) -> str:
    """``enrichAbstracts([...])``: every paper's abstract in list order (null where none).

    A script, not a JSON file: browsers refuse ``fetch`` on ``file://`` pages
    but run a ``<script src>`` beside them.
    """
    abstracts = json.dumps([view.abstract for view in views], ensure_ascii=False)
    return f"enrichAbstracts({abstracts});\n"


def _choices(views: Sequence[PaperView]) -> dict[str, list[Any]]:
    return {
        "venues": sorted({view.venue for view in views if view.venue}, key=str.casefold),
        "years": sorted({view.year for view in views if view.year}, reverse=True),
    }


def list_page(document: EnrichedList, views: Sequence[PaperView]) -> str:
    template = environment().get_template("list.html.j2")
    data = site_data(views, quote(abstracts_name(document)))
    return template.render(name=document.name, data=data, **_choices(views))


def index_page(documents: Sequence[EnrichedList]) -> str:
    lists = [{"name": d.name, "papers": len(d.papers), "page": page_name(d)} for d in documents]
    return environment().get_template("index.html.j2").render(lists=lists)


def page_name(document: EnrichedList) -> str:
    return f"{document.name}.html"


def abstracts_name(document: EnrichedList) -> str:
    return f"{document.name}.abstracts.js"


def build_site(documents: Sequence[EnrichedList], out: Path) -> list[Path]:
    """Write every list's page, the index and the assets under ``out``; returns the pages."""
    written = []
    for asset in ASSETS:
        write_atomic(
            out / "assets" / asset, files("enrich.render").joinpath("assets", asset).read_bytes()
        )
    for document in sorted(documents, key=lambda d: d.name):
        views = paper_views(document)
        path = out / page_name(document)
        write_atomic(path, list_page(document, views))
        write_atomic(out / abstracts_name(document), abstracts_script(views))
        written.append(path)
    index = out / "index.html"
    write_atomic(index, index_page(sorted(documents, key=lambda d: d.name)))
    return [index, *written]
