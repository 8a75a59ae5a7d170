"""Start-up cost (issue 23): ``--help`` and the flags import neither the models, the network,
the sources, the parser nor the pipeline; each command imports what it uses when it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts three interpreters: scheduled first (tests/conftest.py)

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


PARSE_PROBE = """
import sys
from enrich import cli
cli.main(["parse", sys.argv[1]])
print(sorted(m for m in sys.modules if m.startswith(NOT_FOR_PARSE)), file=sys.stderr)
"""
NOT_FOR_PARSE = ("enrich.pipeline", "enrich.sources", "enrich.http", "enrich.findings", "httpx")


def test_parse_imports_the_parser_alone(tmp_path: Path) -> None:
    listing = tmp_path / "demo.md"
    listing.write_text("# demo\n\n## Papers\n- [Lumen](https://arxiv.org/abs/2301.00001)\n")
    probe = f"NOT_FOR_PARSE = {NOT_FOR_PARSE!r}\n{PARSE_PROBE}"
    result = subprocess.run(
        [sys.executable, "-c", probe, str(listing)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert '"title": "Lumen"' in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "[]"


RUN_PROBE = """
import sys
from enrich import cli
code = cli.main(["run", "--offline", "--input", sys.argv[1], "--output-dir", sys.argv[2],
                 "--report-dir", sys.argv[2], "--cache-dir", sys.argv[2]])
heavy = {"github", "arxiv", "requests", "bs4", "jsonschema"}
print(code, sorted({m.split(".")[0] for m in sys.modules} & heavy))
"""


def test_a_run_that_reads_no_answer_imports_no_client_library(tmp_path: Path) -> None:
    """PyGithub (with jwt and cryptography) is loaded for a REST body, ``arxiv`` (with
    requests) for a title search, bs4 for a page and jsonschema for a document the
    compiled check refused: a run served from the cache or offline pays for none."""
    listing = tmp_path / "demo.md"
    listing.write_text(
        "# demo\n\n## Papers\n- [Lumen](https://arxiv.org/abs/2301.00001), "
        "[Code](https://github.com/lab/lumen)\n- Gloam: A Paper Found By Title\n"
    )
    assert _last_line(RUN_PROBE, listing, tmp_path / "out") == "0 []"


KEPT_PARSE_PROBE = """
import sys
from enrich import cli
PARSER = ("markdown_it", "enrich.parse.markdown", "enrich.parse.blocks", "lxml.html")
import enrich.pipeline  # the run's modules, the report's link tally among them
early = sorted(m for m in sys.modules if m.startswith(PARSER))
def run():
    return cli.main(["run", "--offline", "--input", sys.argv[1], "--output-dir", sys.argv[2],
                     "--report-dir", sys.argv[2], "--cache-dir", sys.argv[2]])
first = run()  # parses the list and keeps the parse
for name in [m for m in sys.modules if m.startswith(PARSER)]:
    del sys.modules[name]  # so that the second run's imports show
second = run()  # reads the kept parse
print(early, first, second, sorted(m for m in sys.modules if m.startswith(PARSER)))
"""


def test_a_run_from_a_kept_parse_does_not_import_the_parser(tmp_path: Path) -> None:
    """markdown-it, the block walker and lxml.html are the parser's: a run whose list is
    unchanged reads the kept parse (enrich.pipeline.parsed) and its report tallies links
    without them."""
    listing = tmp_path / "demo.md"
    listing.write_text("# demo\n\n## Papers\n- [Lumen](https://arxiv.org/abs/2301.00001)\n")
    assert _last_line(KEPT_PARSE_PROBE, listing, tmp_path / "out") == "[] 0 0 []"


def _last_line(probe: str, *args: Path) -> str:
    """The last line a probe prints, run in a fresh interpreter (this one has imported
    everything already)."""
    result = subprocess.run(
        [sys.executable, "-c", probe, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip().splitlines()[-1]
