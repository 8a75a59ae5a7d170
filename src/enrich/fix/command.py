"""``enrich fix``: the flags and the function the CLI calls.

Registered by ``cli.py`` with one call (as ``render`` is), so the flags live
beside the code they steer. The list and folder flags are ``run``'s, so the
same selection is fixed that was enriched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from enrich.errors import EXIT_OK
from enrich.settings import Settings


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``fix`` to the CLI's subcommands."""
    summary = "apply the last run's safe fixes to the lists (a diff unless --write)"
    fix = commands.add_parser("fix", help=summary, description=summary[0].upper() + summary[1:])
    fix.add_argument("--input", type=Path, action="append", metavar="FILE", help="a list file")
    fix.add_argument(
        "--list", dest="list_names", action="append", metavar="NAME", help="only this list"
    )
    fix.add_argument("--raw-dir", type=Path, metavar="DIR", help="the lists (default data/raw)")
    fix.add_argument(
        "--output-dir", type=Path, metavar="DIR", help="the last run's JSON (default data/enriched)"
    )
    fix.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="accepted as run takes it; fix needs only the enriched JSON",
    )
    fix.add_argument("--write", action="store_true", help="edit the lists in place")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.fix import fix_lists

    fix_lists(settings, write=args.write, out=sys.stdout, err=sys.stderr)
    return EXIT_OK
