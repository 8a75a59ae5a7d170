"""``enrich render html``: a static site, one page per list and an index, that works from disk.

Browsers block ``fetch`` on ``file://`` pages, so each page carries its data
as JSON in a ``<script type="application/json">`` element, and the cards and
the table are built by a small script of ours (``assets/site.js``) with no
library. The only requests to another host are the papers' teaser images
(their project pages' ``og:image``, http(s) only), made when a card nears
the screen. Star sparklines come from the list's history
(``data/history/<list>.csv``), the chart of papers per year and venue is
HTML, and with ``feeds`` each list's Atom feed is written beside its page and
linked from it. Pages, data and assets are written atomically, and the same
lists give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from enrich.models import EnrichedList
from enrich.output.json import write_atomic
from enrich.render.atom import feed_name, recent_entries, render_atom
from enrich.render.bibtex import render_bibtex
from enrich.render.chart import venue_bars, year_bars
from enrich.render.citation import citations
from enrich.render.csl import render_csl_json
from enrich.render.names import file_stem, inside
from enrich.render.sparkline import Sparks, read_sparks
from enrich.render.templating import environment
from enrich.render.view import PaperView, paper_views

ASSETS = ("site.css", "site.js")


def site_data(
    views: Sequence[PaperView],
    abstracts: str,
    sparks: Sparks | None = None,
    teasers: bool = True,
) -> dict[str, Any]:
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
            spark = sparks.by_repo.get(code.repo_id) if sparks and code.repo_id else None
            optional["c"] = {
                "n": code.name,
                "u": code.url,
                "s": code.stars,
                "f": code.forks,
                "p": code.pushed,
                "a": code.archived or None,
                "z": code.stale_since,
                "h": spark.levels if spark else None,
                "hf": spark.first if spark else None,
            }
        if view.page is not None:
            page = view.page
            optional["p"] = {"u": page.url, "h": page.health, "m": page.problem, "z": page.since}
            optional["g"] = page.image if teasers else None
        row.update({key: value for key, value in optional.items() if value not in (None, [])})
        for nested in ("c", "p"):
            if nested in row:
                row[nested] = {k: v for k, v in row[nested].items() if v is not None}
        papers.append(row)
    return {
        "sections": [" › ".join(section) for section in sections],
        "papers": papers,
        "abstracts": abstracts,
        "spark": {"from": sparks.start, "to": sparks.end} if sparks else None,
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


def list_page(
    document: EnrichedList,
    views: Sequence[PaperView],
    sparks: Sparks | None = None,
    feed: str | None = None,
    teasers: bool = True,
) -> str:
    template = environment().get_template("list.html.j2")
    data = site_data(views, quote(abstracts_name(document)), sparks, teasers)
    exports = {"bibtex": quote(bibtex_name(document)), "csl": quote(csl_name(document))}
    return template.render(
        name=document.name,
        data=data,
        feed=quote(feed) if feed else None,
        exports=exports,
        years_chart=year_bars(views),
        venues_chart=venue_bars(views),
        **_choices(views),
    )


def index_page(documents: Sequence[EnrichedList]) -> str:
    lists = [{"name": d.name, "papers": len(d.papers), "page": page_name(d)} for d in documents]
    return environment().get_template("index.html.j2").render(lists=lists)


def page_name(document: EnrichedList) -> str:
    return f"{file_stem(document.name)}.html"


def abstracts_name(document: EnrichedList) -> str:
    return f"{file_stem(document.name)}.abstracts.js"


def bibtex_name(document: EnrichedList) -> str:
    return f"{file_stem(document.name)}.bib"


def csl_name(document: EnrichedList) -> str:
    return f"{file_stem(document.name)}.csl.json"


def write_exports(document: EnrichedList, out: Path) -> None:
    """The whole list's ``.bib`` and CSL-JSON beside its page, for readers to download."""
    chosen = citations(document.papers)
    write_atomic(inside(out, out / bibtex_name(document)), render_bibtex(document.name, chosen))
    write_atomic(inside(out, out / csl_name(document)), render_csl_json(chosen))


def build_site(
    documents: Sequence[EnrichedList],
    out: Path,
    history_dir: Path | None = None,
    feeds: Mapping[str, Path] | None = None,
    feed_since: datetime | None = None,
    site_url: str | None = None,
    teasers: bool = True,
) -> list[Path]:
    """Write every list's page, the index and the assets under ``out``; returns the pages.

    ``history_dir`` holds ``<list>.csv`` star histories (sparklines); ``feeds``
    maps a list's name to its enriched JSON in a git work tree, whose history
    dates the feed's entries (papers first committed since ``feed_since``).
    Without ``teasers`` the pages ask no other host for anything.
    """
    written = []
    for asset in ASSETS:
        write_atomic(
            out / "assets" / asset, files("enrich.render").joinpath("assets", asset).read_bytes()
        )
    for document in sorted(documents, key=lambda d: d.name):
        views = paper_views(document)
        history = history_dir / f"{file_stem(document.name)}.csv" if history_dir else None
        sparks = read_sparks(history) if history else None
        feed = None
        if feeds is not None and document.name in feeds and feed_since is not None:
            feed = feed_name(document)
            entries = recent_entries(document, feeds[document.name], feed_since)
            write_atomic(
                inside(out, out / feed),
                render_atom(document, entries, feed_since.isoformat(), site_url),
            )
        path = inside(out, out / page_name(document))
        write_atomic(path, list_page(document, views, sparks, feed, teasers))
        write_atomic(inside(out, out / abstracts_name(document)), abstracts_script(views))
        write_exports(document, out)
        written.append(path)
    index = out / "index.html"
    write_atomic(index, index_page(sorted(documents, key=lambda d: d.name)))
    return [index, *written]
