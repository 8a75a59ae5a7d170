"""``enrich render markdown|html|bibtex|csl-json|atom``: the flags and the function the CLI calls.

Registered by ``cli.py`` with one call, so the renderers' options live beside
the renderers and the CLI stays a thin layer.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from enrich.errors import EXIT_OK
from enrich.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from enrich.models import EnrichedList

FEED_DAYS = 30


class _SortNames:
    """The renderer's sort orders, read when argparse first asks (``--help`` and flag checks).

    The CLI builds every command's flags at start-up; importing the renderer's
    view (and with it the models) for four names would cost ``enrich --help``
    a third of its memory.
    """

    @staticmethod
    def _names() -> list[str]:
        from enrich.render.view import SORTS

        return sorted(SORTS)

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``render`` with its two formats to the CLI's subcommands."""
    summary = "render enriched lists as Markdown or a web site"
    render = commands.add_parser(
        "render", help=summary, description=summary[0].upper() + summary[1:]
    )
    formats = render.add_subparsers(dest="format", required=True, metavar="FORMAT")

    markdown = formats.add_parser(
        "markdown",
        help="Markdown tables, one per section",
        description="Render one list as Markdown tables, one per section",
    )
    markdown.add_argument("list", metavar="LIST", help="a list's name, or an enriched JSON file")
    markdown.add_argument(
        "--sort",
        choices=_SortNames(),
        default="list",
        metavar="ORDER",  # argparse would list the choices when the flag is added
        help="one of %(choices)s (default: list)",
    )
    markdown.add_argument("--heading-level", type=int, choices=range(1, 7), default=3)
    where = markdown.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, metavar="FILE", help="write to FILE (default stdout)")
    where.add_argument(
        "--into",
        type=Path,
        metavar="README",
        help="replace what lies between <!-- enrich:begin --> and <!-- enrich:end --> in README",
    )
    markdown.add_argument(
        "--thumbnails", action="store_true", help="add a column of teaser images (og:image)"
    )
    markdown.add_argument(
        "--sparklines",
        type=Path,
        metavar="DIR",
        help="write star-history sparklines (SVG) to DIR and add a column showing them",
    )

    html = formats.add_parser(
        "html",
        help="a static site: one page per list, and an index",
        description="Render lists as a static site: one page per list, and an index",
    )
    html.add_argument("lists", metavar="LIST", nargs="+", help="names or enriched JSON files")
    html.add_argument("--out", type=Path, metavar="DIR", required=True, help="the site's folder")
    html.add_argument(
        "--feed-days",
        type=int,
        metavar="N",
        help="also write each list's Atom feed of papers added in N days, and link it "
        "(needs the enriched JSON's git history)",
    )
    html.add_argument("--site-url", metavar="URL", help="where the site is published (feed links)")
    html.add_argument(
        "--no-teasers",
        dest="teasers",
        action="store_false",
        help="no teaser images: the pages then ask no other host for anything",
    )

    exports = []
    for name, what in (("bibtex", "a .bib file"), ("csl-json", "CSL-JSON (Zotero, pandoc)")):
        export = formats.add_parser(
            name,
            help=f"the list's papers as {what}",
            description=f"Write one list's papers, or a section's or a filter's, as {what}",
        )
        export.add_argument("list", metavar="LIST", help="a list's name, or an enriched JSON file")
        export.add_argument(
            "--section", metavar="NAME", help="only this section (and those below it)"
        )
        export.add_argument(
            "--filter",
            metavar="URL",
            help="only the papers a site URL shows, e.g. 'list.html#venue=CVPR&year=2023'",
        )
        export.add_argument(
            "--out", type=Path, metavar="FILE", help="write to FILE (default stdout)"
        )
        exports.append(export)

    atom = formats.add_parser(
        "atom",
        help="an Atom feed of the papers added in the last N days",
        description="Write an Atom feed of one list's papers first committed in the last N days "
        "(from the git history of its enriched JSON), newest first",
    )
    atom.add_argument("list", metavar="LIST", help="a list's name, or an enriched JSON file")
    atom.add_argument("--days", type=int, default=FEED_DAYS, metavar="N", help="default: 30")
    atom.add_argument("--site-url", metavar="URL", help="where the site is published (links)")
    atom.add_argument("--out", type=Path, metavar="FILE", help="write to FILE (default stdout)")

    for parser in (markdown, html, *exports, atom):
        parser.add_argument(
            "--output-dir", type=Path, metavar="DIR", help="where lists are found by name"
        )


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from enrich.output.json import write_atomic

    write_atomic(out, text)


def _export(args: argparse.Namespace, document: EnrichedList) -> str:
    from enrich.render.citation import citations
    from enrich.render.selection import parse_filter, select_papers

    filters = parse_filter(args.filter) if args.filter else None
    chosen = citations(select_papers(document, args.section, filters))
    print(f"{document.name}: {len(chosen)} papers", file=sys.stderr)
    if args.format == "bibtex":
        from enrich.render.bibtex import render_bibtex

        return render_bibtex(document.name, chosen)
    from enrich.render.csl import render_csl_json

    return render_csl_json(chosen)


def _history_dir(spec: str, settings: Settings) -> Path:
    """``data/history`` beside the enriched list's folder, as the pipeline writes it."""
    from enrich.render.load import enriched_path

    return enriched_path(spec, settings.output_dir).parent.parent / "history"


def _window_start(days: int) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(days=days)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.render.load import enriched_path, load_enriched

    if args.format == "html":
        from enrich.render.site import build_site

        paths = [enriched_path(spec, settings.output_dir) for spec in args.lists]
        documents = [load_enriched(spec, settings.output_dir) for spec in args.lists]
        feeds = None
        if args.feed_days is not None:
            feeds = dict(zip((d.name for d in documents), paths, strict=True))
        pages = build_site(
            documents,
            args.out,
            history_dir=_history_dir(args.lists[0], settings),
            feeds=feeds,
            feed_since=_window_start(args.feed_days or FEED_DAYS),
            site_url=args.site_url,
            teasers=args.teasers,
        )
        print(f"wrote {len(pages)} pages to {args.out}", file=sys.stderr)
        return EXIT_OK
    if args.format in ("bibtex", "csl-json"):
        _emit(_export(args, load_enriched(args.list, settings.output_dir)), args.out)
        return EXIT_OK
    if args.format == "atom":
        from enrich.render.atom import recent_entries, render_atom

        document = load_enriched(args.list, settings.output_dir)
        since = _window_start(args.days)
        entries = recent_entries(document, enriched_path(args.list, settings.output_dir), since)
        print(f"{document.name}: {len(entries)} papers added in {args.days} days", file=sys.stderr)
        _emit(render_atom(document, entries, since.isoformat(), args.site_url), args.out)
        return EXIT_OK

    from enrich.render.markdown import render_markdown, write_into

    document = load_enriched(args.list, settings.output_dir)
    images = None
    if args.sparklines is not None:
        from enrich.render.readme_media import write_sparklines
        from enrich.render.sparkline import read_sparks
        from enrich.render.view import paper_views

        history = _history_dir(args.list, settings) / f"{document.name}.csv"
        sparks = read_sparks(history)
        if sparks is None:
            print(f"{history}: no star history; no sparklines", file=sys.stderr)
        target = args.into or args.out
        readme_dir = target.parent if target is not None else Path.cwd()
        images = (
            write_sparklines(paper_views(document), sparks, args.sparklines, readme_dir)
            if sparks is not None
            else {}
        )
    text = render_markdown(
        document, args.sort, args.heading_level, thumbnails=args.thumbnails, sparklines=images
    )
    if args.into is not None:
        changed = write_into(args.into, text)
        print(f"{args.into}: {'updated' if changed else 'unchanged'}", file=sys.stderr)
    elif args.out is not None:
        from enrich.output.json import write_atomic

        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
