"""``python -m tests.peak OUT COMMAND...``: run COMMAND, write its own peak memory to OUT.

Why a launcher: Linux counts the resident pages a child had before its
``exec`` (its parent's, shared at the fork) in the child's ``ru_maxrss``, so
a command started by a big process (a pytest worker, the benchmark harness
holding 10,000 fake papers and pages) reports at least its parent's size:
a one-second run of ours measured 402 MB from the harness and a do-nothing
Python 510 MB from a 500 MB parent. Started from this small process, the
command's peak is its own. OUT gets the peak in KiB; the exit code is the
command's. If this launcher dies (a test's watchdog kills it), so does the
command (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def main(argv: list[str]) -> int:
    out, *command = argv
    process = subprocess.Popen(command, preexec_fn=_die_with_parent)
    _, status, usage = os.wait4(process.pid, 0)
    Path(out).write_text(f"{usage.ru_maxrss}\n", encoding="ascii")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
