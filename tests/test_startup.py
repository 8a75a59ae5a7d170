"""Start-up cost (issue 23): ``--help`` and the flags import neither the models, the network,
the sources, the parser nor the pipeline; each command imports what it uses when it runs."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "enrich.pipeline",
    "enrich.sources",
    "enrich.http",
    "enrich.parse",
    "enrich.models",
    "pydantic",
    "httpx",
    "bs4",
)

PROBE = f"""
import sys
from enrich import cli
cli._parser().format_help()
print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))
"""


def test_building_the_command_line_imports_nothing_heavy() -> None:
    # A fresh interpreter: this one has imported everything already.
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
