"""``tests/peak.py`` reports a command's own peak memory, not its parent's (issue 23)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts interpreters: scheduled first (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[1]
BALLAST_MB = 200


def test_a_command_started_through_the_launcher_reports_its_own_peak(tmp_path: Path) -> None:
    ballast = bytearray(BALLAST_MB * 1024 * 1024)
    ballast[::4096] = b"\1" * len(ballast[::4096])  # resident, not just reserved
    peak_file = tmp_path / "peak.kib"
    command = [sys.executable, "-c", "x = bytearray(30 * 1024 * 1024); x[::4096] = b'1' * 7680"]
    launched = subprocess.run(
        [sys.executable, "-m", "tests.peak", str(peak_file), *command], cwd=ROOT, check=False
    )
    peak_mb = int(peak_file.read_text(encoding="ascii")) / 1024
    assert launched.returncode == 0
    assert 30 < peak_mb < BALLAST_MB / 2  # its 30 MB and Python, not this process's ballast
    del ballast


def test_the_launcher_passes_the_exit_code_on(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "raise SystemExit(3)"]
    launched = subprocess.run(
        [sys.executable, "-m", "tests.peak", str(tmp_path / "p"), *command], cwd=ROOT, check=False
    )
    assert launched.returncode == 3
