"""``python -m enrich`` leaves without freeing the run piece by piece (enrich.leave), and
nothing it printed or wrote is lost on the way out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from enrich import leave
from enrich.cli import main
from enrich.pipeline import run_all
from enrich.settings import Settings
from tests.conftest import SEED_LIST

ENRICHED = SEED_LIST.parents[1] / "enriched" / "awesome-avatar.json"


LAUNCHERS = {
    "python -m enrich": [sys.executable, "-m", "enrich"],
    "the enrich command": [str(Path(sys.executable).with_name("enrich"))],  # [project.scripts]
}


@pytest.mark.parametrize("launcher", LAUNCHERS, ids=list(LAUNCHERS))
@pytest.mark.parametrize(
    "command",
    [["parse", str(SEED_LIST)], ["validate", str(ENRICHED)]],
    ids=["one large write", "a short line left in the buffer"],
)
def test_everything_printed_reaches_a_pipe(
    launcher: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(command) == 0
    expected = capsys.readouterr().out
    buffered = {**os.environ, "PYTHONUNBUFFERED": ""}  # a pipe's stdout as Python buffers it
    done = subprocess.run(
        [*LAUNCHERS[launcher], *command],
        capture_output=True,
        text=True,
        check=False,
        env=buffered,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected and expected


@pytest.mark.parametrize("launcher", LAUNCHERS, ids=list(LAUNCHERS))
def test_the_exit_code_is_kept(launcher: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": "1.0"}))
    invalid = subprocess.run(
        [*LAUNCHERS[launcher], "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert invalid.returncode == 1
    assert "'papers' is a required property" in invalid.stderr


def test_a_run_holds_only_its_last_lists_document(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, title in (("first", "Lumen: Light Fields"), ("second", "Gloam: Dusk Rendering")):
        (raw / f"{name}.md").write_text(
            f"# {name}\n\n## Papers\n- [{title}](https://arxiv.org/abs/2301.00001)\n"
        )
    settings = Settings(
        inputs=(raw / "first.md", raw / "second.md"),
        output_dir=tmp_path / "out",
        report_dir=tmp_path / "reports",
        cache_dir=tmp_path / "cache",
    )
    summary = run_all(settings, console=Console(quiet=True))
    assert [result.name for result in summary.lists] == ["first", "second"]
    assert all(result.document is None for result in summary.lists)
    assert summary.last_document is not None and summary.last_document.name == "second"


def test_one_value_is_held_at_a_time() -> None:
    first, second = object(), object()
    leave.hold_until_exit(first)
    leave.hold_until_exit(second)
    assert leave._held == [second]
    leave.hold_until_exit(None)
