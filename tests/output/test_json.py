"""Deterministic serialisation, atomic replacement, and what a killed writer leaves.

The crash tests kill a real writer process at a known point: the child pauses
in ``atomic.before_replace`` (its temporary file complete, the target not yet
replaced), says so on stdout, and waits on stdin. The test then kills it with
SIGKILL and asserts the exact outcome.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from enrich.errors import OutputError
from enrich.models import Metric
from enrich.output import atomic
from enrich.output.json import dumps, write_atomic
from tests.conftest import without_permission_override

PAUSING_WRITER = """
import sys
from pathlib import Path
from enrich.output import atomic

def pause(temporary):
    print(temporary, flush=True)
    sys.stdin.readline()

atomic.before_replace = pause
atomic.write_atomic(Path(sys.argv[1]), "x" * int(sys.argv[2]))
print("done", flush=True)
"""


class PausedWriter:
    """A writer process held between writing its temporary file and the rename."""

    def __init__(self, target: Path, size: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", PAUSING_WRITER, str(target), str(size)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.temporary = Path(self.process.stdout.readline().strip())

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)

    def resume(self) -> str:
        out, _ = self.process.communicate("\n", timeout=10)
        return out


@pytest.fixture
def writers() -> Iterator[list[PausedWriter]]:
    started: list[PausedWriter] = []
    yield started
    for writer in started:
        if writer.process.poll() is None:
            writer.kill()


def test_dumps_is_stable_utf8_with_trailing_newline() -> None:
    metric = Metric(id="metric-lmd", section=("Metrics", "Lip-Sync"), line=3, name="LMD ↓")
    text = dumps(metric)
    assert text == dumps(metric.model_copy())
    assert text.endswith("}\n")
    assert "LMD ↓" in text  # not escaped
    assert text.index('"id"') < text.index('"section"') < text.index('"name"')


def test_write_atomic_replaces_content_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "list.json"
    write_atomic(target, "first\n")
    write_atomic(target, "second\n")
    assert target.read_text() == "second\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["list.json"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_writer_killed_before_the_rename_leaves_the_old_file_whole(
    tmp_path: Path, writers: list[PausedWriter]
) -> None:
    target = tmp_path / "list.json"
    write_atomic(target, "good\n")
    writer = PausedWriter(target, 3_000_000)
    writers.append(writer)
    assert writer.temporary.parent == tmp_path
    assert writer.temporary.name.startswith(".list.json.")
    assert writer.temporary.stat().st_size == 3_000_000  # the new data is complete on disk
    writer.kill()
    assert target.read_text() == "good\n"
    assert writer.temporary.exists()  # what a kill leaves behind ...


def test_the_next_write_removes_what_a_killed_writer_left(
    tmp_path: Path, writers: list[PausedWriter], caplog: pytest.LogCaptureFixture
) -> None:
    target = tmp_path / "list.json"
    writer = PausedWriter(target, 1000)
    writers.append(writer)
    writer.kill()
    other = tmp_path / "other.json"
    write_atomic(other, "unrelated\n")
    assert writer.temporary.exists()  # another target's write leaves it alone
    with caplog.at_level(logging.INFO, logger="enrich.output"):
        write_atomic(target, "next\n")
    assert not writer.temporary.exists()
    assert caplog.messages == [f"{writer.temporary}: removed, left by an interrupted write"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.json", "other.json"]


def test_a_live_writers_temporary_file_is_not_taken_from_it(
    tmp_path: Path, writers: list[PausedWriter]
) -> None:
    target = tmp_path / "list.json"
    writer = PausedWriter(target, 1000)
    writers.append(writer)
    write_atomic(target, "from a concurrent run\n")
    assert writer.temporary.exists()
    assert writer.resume() == "done\n"
    assert target.read_text() == "x" * 1000  # the paused writer finished its rename


def test_an_output_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "enriched"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError) as caught:
        write_atomic(blocker / "list.json", "x")
    assert str(caught.value) == f"{blocker}: is a file, expected a folder"
    with pytest.raises(OutputError) as caught:
        write_atomic(blocker / "deeper" / "list.json", "x")
    assert str(caught.value) == f"{blocker}: is a file, expected a folder"


def test_a_target_that_is_a_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "list.json"
    target.mkdir()
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "x")
    assert str(caught.value) == f"{target}: is a folder, expected a file"
    assert [p.name for p in tmp_path.iterdir()] == ["list.json"]  # no temporary file left


UNPRIVILEGED_WRITE = """
import sys
from pathlib import Path
from enrich.errors import OutputError
from enrich.output.atomic import write_atomic
try:
    write_atomic(Path(sys.argv[1]), "x")
except OutputError as error:
    print(error)
"""


def test_a_read_only_output_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "enriched"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        command = [*without_permission_override(), sys.executable, "-c", UNPRIVILEGED_WRITE]
        result = subprocess.run(
            [*command, str(folder / "list.json")],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    finally:
        folder.chmod(0o755)
    assert result.stdout == f"{folder}: cannot write here: permission denied\n", result.stderr


def test_leftover_cleanup_skips_what_is_not_a_plain_file(tmp_path: Path) -> None:
    target = tmp_path / "list.json"
    (tmp_path / ".list.json.abc.tmp").mkdir()
    (tmp_path / ".list.json.def.tmp").symlink_to(tmp_path / "elsewhere")
    stale = tmp_path / ".list.json.ghi.tmp"
    stale.write_text("half")
    assert atomic.remove_leftovers(target) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".list.json.abc.tmp",
        ".list.json.def.tmp",
    ]
