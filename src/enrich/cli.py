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

from enrich import __version__
from enrich.errors import EXIT_FAILURE, EXIT_INTERRUPTED, EnrichError, exit_code_for
from enrich.output.workflow import inert_output
from enrich.redact import RedactingFilter, redact
from enrich.settings import Settings, from_environment

# Each command imports what it uses when it runs (enrich.commands), so ``--help``,
# ``parse`` and ``schema`` never load the network, the sources or the renderers.


def _sources(value: str) -> frozenset[str]:
    from enrich.sources.registry import names  # the registered sources, read when asked

    chosen = frozenset(part.strip() for part in value.split(",") if part.strip())
    known = names()
    unknown = chosen - known
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated subset of {','.join(sorted(known))}, got {value!r}"
        )
    return chosen


def _source(value: str) -> str:
    from enrich.sources.registry import names

    if value not in names():
        raise argparse.ArgumentTypeError(
            f"expected one of {', '.join(sorted(names()))}, got {value!r}"
        )
    return value


# What ``enrich --help`` tells a user (the module docstring above is for developers).
DESCRIPTION = """\
Enrich curated research-paper lists (awesome lists in Markdown) with arXiv,
GitHub and project-page metadata, written as schema-checked JSON."""
EXAMPLES = """examples:
  enrich run                          every list in data/raw -> data/enriched/<list>.json
  GITHUB_TOKEN=... enrich run --list awesome-avatar --strict
  enrich run --offline --only github  answer from the cache only, GitHub stage only
  enrich diff old.json data/enriched/awesome-avatar.json --format commit

Each flag defaults to its environment variable (see README, Configuration).
exit codes: 0 ok, 1 a list failed (or warnings with --strict), 2 usage, 130 interrupted
"""


def _command(
    commands_: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str
) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` opens with the same line the command list shows."""
    return commands_.add_parser(name, help=summary, description=summary[0].upper() + summary[1:])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="enrich",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"enrich {__version__}")
    _verbosity(parser, top=True)
    commands_ = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = _command(commands_, "run", "enrich every list in data/raw into data/enriched")
    run.add_argument(
        "--input", type=Path, action="append", metavar="FILE", help="a list file (repeatable)"
    )
    run.add_argument(
        "--list",
        dest="list_names",
        action="append",
        metavar="NAME",
        help="only this list of --raw-dir",
    )
    run.add_argument("--raw-dir", type=Path, metavar="DIR", help="the lists (default data/raw)")
    run.add_argument(
        "--output-dir", type=Path, metavar="DIR", help="the JSON (default data/enriched)"
    )
    run.add_argument(
        "--report-dir", type=Path, metavar="DIR", help="run reports (default data/reports)"
    )
    run.add_argument(
        "--cache-dir", type=Path, metavar="DIR", help="the cache (env ENRICH_CACHE_DIR)"
    )
    run.add_argument(
        "--only",
        type=_sources,
        metavar="SOURCES",
        help="comma-separated sources, e.g. arxiv,github (default: all)",
    )
    run.add_argument(
        "--offline", action="store_true", default=None, help="answer from the cache, no socket"
    )
    run.add_argument("--refresh", action="store_true", default=None, help="ignore cache freshness")
    run.add_argument("--strict", action="store_true", default=None, help="exit 1 on warnings")
    run.add_argument(
        "--changed-since",
        metavar="REV",
        help="only entries on lines changed since this git revision (pull-request checks)",
    )

    parse = _command(commands_, "parse", "print one list's parsed entries as JSON (no network)")
    parse.add_argument("file", type=Path, metavar="FILE", help="a Markdown list")

    validate = _command(commands_, "validate", "check enriched files against the schema")
    validate.add_argument("files", type=Path, nargs="+", metavar="FILE", help="enriched JSON")

    _command(commands_, "schema", "print the JSON Schema of enriched files")

    diff = _command(commands_, "diff", "sum up the change between two enriched files or folders")
    diff.add_argument("old", type=Path, metavar="OLD", help="the earlier file or folder")
    diff.add_argument("new", type=Path, metavar="NEW", help="the later file or folder")
    diff.add_argument(
        "--format",
        choices=("text", "markdown", "commit"),
        default="text",
        help="text (default), markdown (job summary) or commit (commit message)",
    )

    cache = _command(commands_, "cache", "inspect or clear the cache")
    cache.add_argument("action", choices=("stats", "clear"), help="stats: counts; clear: empty")
    cache.add_argument(
        "--source",
        type=_source,
        metavar="SOURCE",
        help="only this source's entries (any registered name)",
    )
    cache.add_argument(
        "--cache-dir", type=Path, metavar="DIR", help="the cache (env ENRICH_CACHE_DIR)"
    )
    from enrich.fix import command as fix_command
    from enrich.render import command as render_command

    render_command.add_parser(commands_)
    fix_command.add_parser(commands_)
    for command in _subcommands(parser):
        _verbosity(command, top=False)  # "enrich run -v" as well as "enrich -v run"
    return parser


def _verbosity(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """-v and -q; a subcommand's, when not given, leaves the value given before it alone."""
    unset = argparse.SUPPRESS
    parser.add_argument(
        "-v", "--verbose", action="count", default=0 if top else unset, help="-v info, -vv debug"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=False if top else unset, help="only errors"
    )


def _subcommands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every subcommand's parser, nested ones included."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += [sub, *_subcommands(sub)]
    return found


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
        changed_since=getattr(args, "changed_since", None),
        quiet=args.quiet or None,
    )


def _on_github_actions() -> bool:
    """``GITHUB_ACTIONS`` as the settings read it (false when the environment is unusable)."""
    try:
        return from_environment().annotations
    except EnrichError:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with inert_output(_on_github_actions()):  # no printed text becomes a workflow command
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    level = (
        logging.ERROR
        if args.quiet
        else (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    )
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # no credential reaches a log line
        handler.addFilter(RedactingFilter())
    try:
        from enrich import commands

        return commands.dispatch(args, _settings(args))
    except EnrichError as error:
        print(f"enrich: error: {error}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt:
        print("enrich: interrupted; finished files are intact", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # the last guard: one line, and the traceback at -v
        logging.getLogger("enrich").info("traceback of the failure", exc_info=True)
        print(
            redact(f"enrich: error: unexpected {type(error).__name__}: {error}")
            + " (-v shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILURE
