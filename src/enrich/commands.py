"""One function per CLI command; each returns the process exit code.

Kept apart from ``cli.py`` so the CLI stays a thin flag-to-settings layer and
these stay callable from tests without argparse.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from enrich.errors import EXIT_FAILURE, EXIT_OK, InputError
from enrich.settings import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Assemble the run (the sources' own settings, the door from their policies) and run it."""
    from rich.console import Console

    from enrich.assembly import build_door, with_source_settings
    from enrich.pipeline import run_all
    from enrich.pipeline.arenas import give_back_free_memory, limit_malloc_arenas
    from enrich.pipeline.collector import collect_less_often
    from enrich.pipeline.stages import StagedEnricher
    from enrich.preflight import check_run_folders, usable_step_summary
    from enrich.report import print_error, stage_progress
    from enrich.sources.registry import SOURCES

    limit_malloc_arenas()  # process-wide, so here, not in the pipeline (enrich.pipeline.arenas)
    collect_less_often()  # the same (enrich.pipeline.collector)
    settings = with_source_settings(settings)
    check_run_folders(settings)
    settings, summary_problem = usable_step_summary(settings)
    console = Console(stderr=True, quiet=settings.quiet)
    if summary_problem:
        print_error(console, summary_problem)
    with build_door(settings) as door, stage_progress(console) as on_stage:
        enricher = StagedEnricher(
            door, settings, on_stage=on_stage, specs=SOURCES, source_done=give_back_free_memory
        )
        summary = run_all(
            settings,
            enricher,
            requests=lambda: door.stats.to_dict(),
            console=console,
            memory=door,
        )
    from enrich.leave import hold_until_exit

    hold_until_exit(summary.last_document)  # not freed piece by piece if the process leaves
    summary.last_document = None
    if settings.annotations:
        from enrich.output.annotations import publish

        publish((result.report for result in summary.lists), sys.stdout, settings.step_summary)
    if summary.failed or summary_problem:
        return EXIT_FAILURE
    if settings.strict and summary.warning_count:
        return EXIT_FAILURE
    return EXIT_OK


def parse(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.inputs import parse_file
    from enrich.output.json import dumps

    parsed = parse_file(args.file)
    sys.stdout.write(dumps(parsed))
    for warning in parsed.warnings:
        print(f"{warning.file}:{warning.line}: {warning.kind}: {warning.message}", file=sys.stderr)
    return EXIT_OK


def validate(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.output.schema import validation_errors

    status = EXIT_OK
    for path in args.files:
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise InputError(str(path), f"cannot read: {error.strerror or error}") from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            print(f"{path}: not JSON: {error}", file=sys.stderr)
            status = EXIT_FAILURE
            continue
        problems = validation_errors(document)
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        if problems:
            status = EXIT_FAILURE
        else:
            print(f"{path}: valid")
    return status


def schema(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.output.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def diff(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.diff import diff_files

    print(diff_files(args.old, args.new, args.format))
    return EXIT_OK


def cache(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.http.cache import cache_clear, cache_stats
    from enrich.preflight import check_cache_folder
    from enrich.sources.registry import names

    check_cache_folder(settings)
    if args.action == "clear":
        removed = cache_clear(settings, names(), args.source)
        print(f"removed {removed} cache entries from {settings.cache_dir}")
    else:
        print(json.dumps(cache_stats(settings, names()), indent=2, sort_keys=True))
    return EXIT_OK


def render(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.render import command

    return command.run(args, settings)


def fix(args: argparse.Namespace, settings: Settings) -> int:
    from enrich.fix import command

    return command.run(args, settings)


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "run": run,
    "parse": parse,
    "validate": validate,
    "schema": schema,
    "diff": diff,
    "cache": cache,
    "render": render,
    "fix": fix,
}


def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    return COMMANDS[args.command](args, settings)
