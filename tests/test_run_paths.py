"""Local paths that are wrong, and failures of one list: one clear line, the next list runs.

Runs are offline (no socket) on two one-paper lists, through the real CLI
entry point, so each case takes milliseconds.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from enrich.cli import main
from enrich.clock import utc_today
from enrich.models import EnrichedList, SlotBase
from enrich.pipeline import run_all
from enrich.pipeline.merge import SlotKey
from enrich.report import StageLog
from enrich.settings import Settings
from tests.conftest import without_permission_override

pytestmark = pytest.mark.slow  # starts the CLI: scheduled first (tests/conftest.py)

LIST = (
    "# demo\n\n## Papers\n"
    "- [CVPR 2024] [A Paper About Faces](https://arxiv.org/abs/2401.00001), Some Lab\n"
)


@pytest.fixture
def lists(tmp_path: Path) -> list[Path]:
    made = []
    for name in ("alpha", "beta"):
        path = tmp_path / "raw" / f"{name}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(LIST.replace("demo", name), encoding="utf-8")
        made.append(path)
    return made


def _run(tmp_path: Path, lists: list[Path], *extra: str, **folders: Path) -> int:
    chosen = {
        "output-dir": tmp_path / "out",
        "report-dir": tmp_path / "reports",
        "cache-dir": tmp_path / "cache",
    }
    chosen.update({name.replace("_", "-"): value for name, value in folders.items()})
    flags = [item for name, value in chosen.items() for item in (f"--{name}", str(value))]
    inputs = [item for path in lists for item in ("--input", str(path))]
    return main(["run", "--offline", *inputs, *flags, *extra])


@pytest.mark.parametrize("flag", ["output_dir", "report_dir", "cache_dir"])
def test_a_folder_that_is_a_file_is_one_line_and_exit_2(
    tmp_path: Path, lists: list[Path], flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert _run(tmp_path, lists, **{flag: blocker}) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("enrich: error: --")
    assert err.splitlines()[-1].endswith(f" {blocker}: is a file, expected a folder")
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_folder_under_a_file_names_the_file(
    tmp_path: Path, lists: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert _run(tmp_path, lists, output_dir=blocker / "enriched") == 2
    assert capsys.readouterr().err == (
        f"enrich: error: --output-dir {blocker / 'enriched'}: lies under {blocker}, "
        "which is a file, expected a folder\n"
    )


def test_cache_commands_name_a_cache_folder_that_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    for action in ("stats", "clear"):
        assert main(["cache", action, "--cache-dir", str(blocker)]) == 2
        assert capsys.readouterr().err == (
            f"enrich: error: --cache-dir (ENRICH_CACHE_DIR) {blocker}: "
            "is a file, expected a folder\n"
        )


@pytest.mark.parametrize("quiet", [(), ("-q",)], ids=["", "quiet"])
def test_a_target_that_is_a_folder_fails_that_list_and_the_next_is_written(
    tmp_path: Path, lists: list[Path], capsys: pytest.CaptureFixture[str], quiet: tuple[str, ...]
) -> None:
    """``-q`` is "only errors": the failed list's line is printed all the same."""
    (tmp_path / "out" / "alpha.json").mkdir(parents=True)
    assert _run(tmp_path, lists, *quiet) == 1
    err = capsys.readouterr().err
    assert f"error: {tmp_path / 'out' / 'alpha.json'}: is a folder, expected a file" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "beta.json").is_file()
    assert (tmp_path / "reports" / "beta.report.json").is_file()


def test_a_report_target_that_is_a_folder_fails_that_list_only(
    tmp_path: Path, lists: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "reports" / "alpha.report.json").mkdir(parents=True)
    assert _run(tmp_path, lists) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'reports' / 'alpha.report.json'}: is a folder, expected a file" in err
    assert (tmp_path / "reports" / "beta.report.json").is_file()


def test_a_step_summary_that_is_a_folder_is_said_once_and_every_list_is_written(
    tmp_path: Path,
    lists: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    summary = tmp_path / "summary"
    summary.mkdir()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert _run(tmp_path, lists, "-q") == 1  # said even with -q ("only errors")
    err = capsys.readouterr().err
    expected = f"GITHUB_STEP_SUMMARY {summary}: is a folder, expected a file"
    assert err.count(expected) == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["alpha.json", "beta.json"]


def test_a_usable_step_summary_gets_every_lists_report(
    tmp_path: Path, lists: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert _run(tmp_path, lists) == 0
    text = summary.read_text(encoding="utf-8")
    assert "alpha" in text and "beta" in text


class BreaksOn:
    """An enricher with a bug that shows on one list only (a stand-in for any stage's bug)."""

    today = staticmethod(utc_today)  # the run's clock

    def __init__(self, name: str) -> None:
        self.name = name

    def enrich(
        self, document: EnrichedList, previous: Mapping[SlotKey, SlotBase], log: StageLog
    ) -> EnrichedList:
        if document.name == self.name:
            raise KeyError("nameWithOwner")
        return document


def test_an_unexpected_error_in_one_list_is_one_line_and_the_next_list_runs(
    tmp_path: Path, lists: list[Path], caplog: pytest.LogCaptureFixture
) -> None:
    from rich.console import Console

    settings = Settings(
        inputs=tuple(lists),
        output_dir=tmp_path / "out",
        report_dir=tmp_path / "reports",
        cache_dir=tmp_path / "cache",
    )
    console = Console(record=True, width=200)
    with caplog.at_level(logging.INFO, logger="enrich.pipeline"):
        summary = run_all(settings, BreaksOn("alpha"), console=console)
    assert summary.failed
    assert [(r.name, r.error is None) for r in summary.lists] == [("alpha", False), ("beta", True)]
    shown = console.export_text()
    line = "error: " + summary.lists[0].error  # type: ignore[operator]
    assert line in shown
    assert "unexpected KeyError: 'nameWithOwner'" in line
    assert "Traceback" not in shown
    assert (tmp_path / "out" / "beta.json").is_file()
    assert not (tmp_path / "out" / "alpha.json").exists()
    traceback = [r for r in caplog.records if r.exc_info]
    assert len(traceback) == 1 and traceback[0].levelno == logging.INFO  # shown at -v


def test_no_code_is_kept_in_the_cache_folder(tmp_path: Path, lists: list[Path]) -> None:
    """The cache is restored from CI: validators are compiled in memory, never kept there
    to be run later (issue 21; tests/output/test_compiled.py plants such code)."""
    assert _run(tmp_path, lists) == 0
    assert not (tmp_path / "cache" / "validators").exists()
    assert not list((tmp_path / "cache").rglob("*.code"))


def test_a_read_only_output_folder_fails_each_list_with_one_line(
    tmp_path: Path, lists: list[Path]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    command = [sys.executable, "-m", "enrich", "run", "--offline", "--output-dir", str(out)]
    command += ["--report-dir", str(tmp_path / "reports"), "--cache-dir", str(tmp_path / "c")]
    command += [item for path in lists for item in ("--input", str(path))]
    try:
        result = subprocess.run(
            [*without_permission_override(), *command],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    finally:
        out.chmod(0o755)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert errors == [f"error: {out}: cannot write here: permission denied"] * 2
    assert "Traceback" not in result.stderr
