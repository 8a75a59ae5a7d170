"""The command line: commands, clear one-line errors, and exit codes (0, 1, 2)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from enrich.cli import main
from enrich.models import SCHEMA_VERSION
from tests.conftest import SEED_LIST

pytestmark = pytest.mark.slow  # starts the CLI: scheduled first (tests/conftest.py)


def test_parse_prints_the_seed_as_json_with_warnings_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["parse", str(SEED_LIST)]) == 0
    captured = capsys.readouterr()
    parsed = json.loads(captured.out)
    assert [
        len(parsed[kind]) for kind in ("papers", "researchers", "datasets", "metrics", "tools")
    ] == [
        22,
        4,
        9,
        4,
        6,
    ]
    assert "awesome-avatar.md:" in captured.err


def test_missing_input_is_one_clear_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.md"
    assert main(["parse", str(missing)]) == 1
    assert capsys.readouterr().err == f"enrich: error: {missing.as_posix()}: no such file\n"


def test_a_directory_or_binary_input_is_refused_with_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(tmp_path)]) == 1
    assert "is a directory" in capsys.readouterr().err
    binary = tmp_path / "list.md"
    binary.write_bytes(b"# ok\n\n\xff\xfe broken\n")
    assert main(["parse", str(binary)]) == 1
    assert capsys.readouterr().err == f"enrich: error: {binary.as_posix()}:3: not UTF-8 (byte 6)\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--only", "arxiv,bogus"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert "expected a comma-separated subset of arxiv,github," in error  # the registry's names
    assert "got 'arxiv,bogus'" in error


def test_bad_environment_value_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path
) -> None:
    monkeypatch.setenv("ENRICH_MAX_ATTEMPTS", "soon")  # a run-wide knob: every command reads it
    assert main(["schema"]) == 2
    assert "ENRICH_MAX_ATTEMPTS='soon'" in capsys.readouterr().err
    monkeypatch.delenv("ENRICH_MAX_ATTEMPTS")
    monkeypatch.setenv("ENRICH_ARXIV_DELAY", "soon")  # a source's own: read when a run is assembled
    assert main(["run", "--offline", "--cache-dir", str(tmp_path / "cache")]) == 2
    assert "ENRICH_ARXIV_DELAY='soon'" in capsys.readouterr().err


def test_run_offline_on_the_seed_writes_valid_deterministic_json(tmp_path: Path) -> None:
    """Parse-only content is complete even when every lookup misses the (empty) cache."""
    command = [
        sys.executable, "-m", "enrich", "run", "--input", str(SEED_LIST), "--offline",
        "--output-dir", str(tmp_path / "out"), "--report-dir", str(tmp_path / "reports"),
        "--cache-dir", str(tmp_path / "cache"),
    ]  # fmt: skip
    first = subprocess.run(command, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    output = tmp_path / "out" / "awesome-avatar.json"
    content = output.read_bytes()
    assert main(command[3:]) == 0  # the same run in-process: the same bytes, no second start-up
    assert output.read_bytes() == content
    assert main(["validate", str(output)]) == 0
    document = json.loads(content)
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["name"] == "awesome-avatar"
    statuses = {paper["arxiv"]["status"] for paper in document["papers"]}
    assert statuses <= {"skipped", "unresolved"}  # never a made-up value


def test_validate_names_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": "1.0", "name": 3}))
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: name: 3 is not of type 'string'" in err
    assert f"{bad}: (root): 'papers' is a required property" in err


def test_cache_stats_and_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from enrich.assembly import build_door
    from enrich.settings import Settings
    from enrich.sources.registry import names

    with build_door(Settings(cache_dir=tmp_path)) as door:
        door.remember("arxiv", "record:2008.10010", {"id": "2008.10010"})
        door.remember("github", "repo:o/r", {"full_name": "o/r"})
    assert main(["cache", "stats", "--cache-dir", str(tmp_path)]) == 0
    stats = json.loads(capsys.readouterr().out)
    none = dict.fromkeys(names(), 0)  # every registered source, counted
    assert (stats["entries"], stats["per_source"]) == (2, {**none, "arxiv": 1, "github": 1})
    assert main(["cache", "clear", "--source", "github", "--cache-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"removed 1 cache entries from {tmp_path}\n"
    assert main(["cache", "stats", "--cache-dir", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["per_source"] == {**none, "arxiv": 1}


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    return capsys.readouterr().out


def test_help_tells_a_user_what_the_tool_does_with_examples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = _help(capsys)
    assert text.splitlines()[2].startswith("Enrich curated research-paper lists")
    assert ":class:" not in text and "Settings" not in text  # not the developer docstring
    examples = text[text.index("examples:") :]
    assert "enrich run" in examples and "enrich diff" in examples


def test_every_command_help_opens_with_what_it_does_and_names_its_values(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import argparse

    from enrich.cli import _parser

    def commands(parser: argparse.ArgumentParser, *above: str) -> list[tuple[str, ...]]:
        """Every command and subcommand, as the words that name it."""
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += [(*above, name), *commands(sub, *above, name)]
        return found

    every = commands(_parser())
    assert set(every) >= {("run",), ("parse",), ("validate",), ("schema",), ("diff",), ("cache",)}
    for words in every:
        name = " ".join(words)
        lines = _help(capsys, *words).splitlines()
        description = lines[lines.index("") + 1]
        assert description[0].isupper(), (name, description)
        # argparse's default metavar is the destination's name: --output-dir OUTPUT_DIR
        assert not re.search(r"--[\w-]+ [A-Z]+_[A-Z_]+\b", "\n".join(lines)), name


def test_an_unexpected_error_is_one_line_with_the_traceback_at_v(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog
) -> None:
    from enrich import commands

    def broken(args: object, settings: object) -> int:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(commands.COMMANDS, "schema", broken)  # stands in for any command's bug
    assert main(["schema"]) == 1
    assert capsys.readouterr().err == (
        "enrich: error: unexpected RecursionError: maximum recursion depth exceeded"
        " (-v shows the traceback)\n"
    )
    with caplog.at_level(logging.INFO, logger="enrich"):
        assert main(["-v", "schema"]) == 1
    assert [r.exc_info[0] for r in caplog.records if r.exc_info] == [RecursionError]


@pytest.mark.parametrize(
    ("argv", "verbose", "quiet"),
    [
        (["run"], 0, False),
        (["-v", "run"], 1, False),
        (["run", "-vv"], 2, False),
        (["run", "-q"], 0, True),
        (["-q", "cache", "stats"], 0, True),
        (["render", "html", "x", "--out", "site", "-v"], 1, False),
    ],
)
def test_verbosity_flags_work_before_or_after_the_command(
    argv: list[str], verbose: int, quiet: bool
) -> None:
    from enrich.cli import _parser

    args = _parser().parse_args(argv)
    assert (args.verbose, args.quiet) == (verbose, quiet)
