"""``enrich render markdown|html``: the flags and the function the CLI calls.

Registered by ``cli.py`` with one call, so the renderers' options live beside
the renderers and the CLI stays a thin layer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from enrich.errors import EXIT_OK
from enrich.render.view import SORTS
from enrich.settings import Settings


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
    markdown.add_argument("--sort", choices=sorted(SORTS), default="list", help="default: list")
    markdown.add_argument("--heading-level", type=int, choices=range(1, 7), default=3)
    where = markdown.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, metavar="FILE", help="write to FILE (default stdout)")
    where.add_argument(
        "--into",
        type=Path,
        metavar="README",
        help="replace what lies between <!-- enrich:begin --> and <!-- enrich:end --> in README",
    )

    html = formats.add_parser(
        "html",
        help="a static site: one page per list, and an index",
        description="Render lists as a static site: one page per list, and an index",
    )
    html.add_argument("lists", metavar="LIST", nargs="+", help="names or enriched JSON files")
    html.add_argument("--out", type=Path, metavar="DIR", required=True, help="the site's folder")

    for parser in (markdown, html):
        parser.add_argument(
            "--output-dir", type=Path, metavar="DIR", help="where lists are found by name"
        )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.render.load import load_enriched

    if args.format == "html":
        from enrich.render.site import build_site

        documents = [load_enriched(spec, settings.output_dir) for spec in args.lists]
        pages = build_site(documents, args.out)
        print(f"wrote {len(pages)} pages to {args.out}", file=sys.stderr)
        return EXIT_OK

    from enrich.render.markdown import render_markdown, write_into

    text = render_markdown(
        load_enriched(args.list, settings.output_dir), args.sort, args.heading_level
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
