"""The one lint-and-test entry point, run by CI (``.ci/run``) and by people.

``python -m tests.check`` runs, in order, and stops at the first failure:
ruff (lint and formatting), mypy on ``src/enrich``, then the test suite.
Extra arguments go to pytest (e.g. ``python -m tests.check -k parse``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

STEPS: list[tuple[str, list[str]]] = [
    ("ruff check", [PYTHON, "-m", "ruff", "check", "src", "tests", "benchmarks"]),
    ("ruff format", [PYTHON, "-m", "ruff", "format", "--check", "src", "tests", "benchmarks"]),
    ("mypy", [PYTHON, "-m", "mypy"]),
]


def main(pytest_args: list[str]) -> int:
    for name, command in STEPS:
        print(f"== {name}", flush=True)
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            print(f"== {name} failed", flush=True)
            return 1
    print("== pytest", flush=True)
    return subprocess.run([PYTHON, "-m", "pytest", *pytest_args], cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
