"""The command line: turns flags into a frozen :class:`Settings` and calls one function.

Each flag defaults to its environment variable (see ``settings.ENVIRONMENT``),
so ``GITHUB_TOKEN=... python -m enrich run`` and ``--flag`` mean the same
thing. Exit codes are decided in ``errors.exit_code_for``: 0 ok, 1 failure
(or warnings with ``--strict``), 2 usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from enrich import __version__, commands
from enrich.errors import EXIT_INTERRUPTED, EnrichError, exit_code_for
from enrich.settings import SOURCES, Settings, from_environment


def _sources(value: str) -> frozenset[str]:
    chosen = frozenset(part.strip() for part in value.split(",") if part.strip())
    unknown = chosen - SOURCES
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated subset of {','.join(sorted(SOURCES))}, got {value!r}"
        )
    return chosen


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="enrich", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"enrich {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="-v info, -vv debug")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    commands_ = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands_.add_parser("run", help="enrich every list in data/raw into data/enriched")
    run.add_argument("--input", type=Path, action="append", help="a list file (repeatable)")
    run.add_argument("--list", dest="list_names", action="append", help="only this list (name)")
    run.add_argument("--raw-dir", type=Path, help="where the lists are (default data/raw)")
    run.add_argument("--output-dir", type=Path, help="where JSON goes (default data/enriched)")
    run.add_argument("--report-dir", type=Path, help="where run reports go (default data/reports)")
    run.add_argument("--cache-dir", type=Path, help="cache (env ENRICH_CACHE_DIR)")
    run.add_argument("--only", type=_sources, help="sources to run: arxiv,github,pages")
    run.add_argument("--offline", action="store_true", default=None, help="cache only, no socket")
    run.add_argument("--refresh", action="store_true", default=None, help="ignore freshness")
    run.add_argument("--strict", action="store_true", default=None, help="exit 1 on warnings")

    parse = commands_.add_parser("parse", help="print a list's parsed entries as JSON")
    parse.add_argument("file", type=Path)

    validate = commands_.add_parser("validate", help="check enriched files against the schema")
    validate.add_argument("files", type=Path, nargs="+")

    commands_.add_parser("schema", help="print the JSON Schema of enriched files")

    diff = commands_.add_parser("diff", help="summarise the change between two enriched files")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    diff.add_argument("--format", choices=("text", "markdown", "commit"), default="text")

    cache = commands_.add_parser("cache", help="inspect or clear the cache")
    cache.add_argument("action", choices=("stats", "clear"))
    cache.add_argument("--source", choices=sorted(SOURCES), help="only this source")
    cache.add_argument("--cache-dir", type=Path, help="cache (env ENRICH_CACHE_DIR)")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return from_environment().with_overrides(
        inputs=tuple(args.input) if getattr(args, "input", None) else None,
        list_names=frozenset(args.list_names) if getattr(args, "list_names", None) else None,
        raw_dir=getattr(args, "raw_dir", None),
        output_dir=getattr(args, "output_dir", None),
        report_dir=getattr(args, "report_dir", None),
        cache_dir=getattr(args, "cache_dir", None),
        only=getattr(args, "only", None),
        offline=getattr(args, "offline", None),
        refresh=getattr(args, "refresh", None),
        strict=getattr(args, "strict", None),
        quiet=args.quiet or None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = (
        logging.ERROR
        if args.quiet
        else (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    )
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return commands.dispatch(args, _settings(args))
    except EnrichError as error:
        print(f"enrich: error: {error}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt:
        print("enrich: interrupted; finished files are intact", file=sys.stderr)
        return EXIT_INTERRUPTED
