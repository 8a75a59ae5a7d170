"""The real CLI in a subprocess against every hostile payload at once (issue 13, "done when").

Twelve lists, one paper each pointing at one hostile arXiv answer, one
hostile REST repository and one hostile page, plus a paper found by title
search whose code link names a hostile GraphQL node. Run once without a
token (REST, every source) and once with one (GraphQL, GitHub only). Done
when each run exits 0, writes a valid file for every list with ``error``
slots where answers were unusable, and stays under 300 MB at its peak (the
kernel's count of the run's resident memory, through :mod:`tests.peak`: a
child of this worker would count the worker's memory as its own).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import pytest

from enrich.cli import main
from enrich.models import EnrichedList
from tests.environment import loopback_environment
from tests.fakes.github import FakeGithub
from tests.fakes.hostile import (
    ARXIV_IDS,
    GRAPHQL_NODES,
    OWNER,
    PAGE_PAYLOADS,
    REST_PAYLOADS,
    HostileServer,
)
from tests.fakes.openalex import UNREACHABLE_URL

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
PEAK_LIMIT_MB = 300
ADDRESS_SPACE_LIMIT = 3 * 1024**3  # protects the shared machine if a cap is missing
RUN_TIMEOUT = 120.0
TOKEN = "hostile-token"
LISTS = max(len(ARXIV_IDS), len(REST_PAYLOADS), len(PAGE_PAYLOADS), len(GRAPHQL_NODES))


def _names(table: dict[str, Any]) -> list[str]:
    return list(islice(cycle(table), LISTS))


def hostile_lists(server: HostileServer) -> dict[str, str]:
    """List name -> Markdown; list ``i`` meets the ``i``-th payload of every table."""
    lists = {}
    rows = zip(
        _names(ARXIV_IDS),
        _names(REST_PAYLOADS),
        _names(PAGE_PAYLOADS),
        _names(GRAPHQL_NODES),
        strict=True,
    )
    for index, (arxiv_id, rest, page, graphql) in enumerate(rows):
        search = ARXIV_IDS[arxiv_id].replace("-", "")
        lists[f"hostile-{index:02d}"] = (
            "# hostile list\n\n## Papers\n"
            f"- [CVPR 2021] [A Hostile Paper Number {index}](https://arxiv.org/abs/{arxiv_id}), "
            f"[ProjectPage]({server.page_url(page)}), [Code](https://github.com/{OWNER}/{rest})\n"
            f"- [CVPR 2021] Searching Hostile Answers With {search} Queries, "
            f"[Code](https://github.com/{OWNER}/{graphql})\n"
        )
    return lists


@dataclass(frozen=True)
class Run:
    returncode: int
    peak_mb: float
    stderr: str
    outputs: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


def _prepared(
    server: HostileServer,
    root: Path,
    token: str | None,
    *extra: str,
    lists: dict[str, str] | None = None,
    github_api_url: str | None = None,
) -> tuple[dict[str, str], list[str]]:
    """The lists written in ``root``; the environment and the command line of a run over them."""
    raw = root / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, text in (lists if lists is not None else hostile_lists(server)).items():
        (raw / f"{name}.md").write_text(text, encoding="utf-8")
    env = loopback_environment(
        {
            "ENRICH_ARXIV_API_URL": server.arxiv_url,
            "GITHUB_API_URL": github_api_url or server.github_api_url,
            "GITHUB_GRAPHQL_URL": server.graphql_url,
            "ENRICH_OPENALEX_API_URL": UNREACHABLE_URL,
            "ENRICH_CACHE_DIR": str(root / "cache"),
            "ENRICH_ARXIV_DELAY": "0",
            "ENRICH_ALLOW_PRIVATE_HOSTS": "1",
            "ENRICH_MAX_ATTEMPTS": "1",
            "ENRICH_MAX_RETRY_WAIT": "1",
            "ENRICH_READ_TIMEOUT": "2",
            **({"GITHUB_TOKEN": token} if token else {}),
        }
    )
    command = [sys.executable, "-m", "enrich", "run", "--raw-dir", str(raw), *extra]
    command += ["--output-dir", str(root / "enriched"), "--report-dir", str(root / "reports")]
    return env, command


def _outputs(root: Path) -> dict[str, Any]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((root / "enriched").glob("*.json"))
    }


def run_cli(
    server: HostileServer,
    root: Path,
    token: str | None,
    *extra: str,
    lists: dict[str, str] | None = None,
    github_api_url: str | None = None,
) -> Run:
    """The CLI over ``lists`` (default: every hostile list) in ``root``; its exit and peak."""
    env, command = _prepared(
        server, root, token, *extra, lists=lists, github_api_url=github_api_url
    )
    stderr_path, peak_file = root / "stderr.txt", root / "peak.kib"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.peak", str(peak_file), *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            preexec_fn=_limit_address_space,
            cwd=ROOT,
        )
        try:
            returncode = process.wait(RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()  # the run dies with its launcher
            raise
    peak_mb = int(peak_file.read_text(encoding="ascii")) / 1024
    return Run(returncode, peak_mb, stderr_path.read_text(), _outputs(root))


def run_main(
    monkeypatch: pytest.MonkeyPatch,
    server: HostileServer,
    root: Path,
    *extra: str,
    lists: dict[str, str],
    github_api_url: str | None = None,
) -> Run:
    """The same run in this process (no start-up, no peak measured): for behaviour checks."""
    env, command = _prepared(server, root, None, *extra, lists=lists, github_api_url=github_api_url)
    for name in [n for n in os.environ if n.startswith(("ENRICH_", "GITHUB_"))]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    returncode = main(command[3:])
    return Run(returncode, 0.0, "", _outputs(root))


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


@pytest.fixture(scope="module")
def rest_run(hostile: HostileServer, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run_cli(hostile, tmp_path_factory.mktemp("rest"), token=None)


@pytest.fixture(scope="module")
def graphql_run(hostile: HostileServer, tmp_path_factory: pytest.TempPathFactory) -> Run:
    # GraphQL is what this run adds; the REST run meets the arXiv and page payloads.
    return run_cli(hostile, tmp_path_factory.mktemp("graphql"), TOKEN, "--only", "github")


def slots(run: Run, attribute: str) -> dict[str, dict[str, Any]]:
    """The slot of ``attribute`` of every paper, by the repository or page it names."""
    found = {}
    for document in run.outputs.values():
        for paper in document["papers"]:
            slot, name = paper.get(attribute), _named(paper, attribute)
            if slot is not None and name:
                found[name] = slot
    return found


def _named(paper: dict[str, Any], attribute: str) -> str:
    if attribute == "project_page":
        return (paper["project_url"] or "").rsplit("/", 1)[-1]
    if attribute == "github":
        return (paper["code_url"] or "").rsplit("/", 1)[-1]
    return paper["paper_url"] or paper["title"]


@pytest.mark.parametrize("which", ["rest_run", "graphql_run"])
def test_a_run_against_every_hostile_payload_exits_0_and_writes_every_list(
    which: str, request: pytest.FixtureRequest
) -> None:
    run: Run = request.getfixturevalue(which)
    assert run.returncode == 0, run.stderr[-3000:]
    assert sorted(run.outputs) == [f"hostile-{i:02d}" for i in range(LISTS)]
    for document in run.outputs.values():
        EnrichedList.model_validate(document)  # the schema's own models accept it
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("which", ["rest_run", "graphql_run"])
def test_a_run_against_every_hostile_payload_stays_under_300_mb(
    which: str, request: pytest.FixtureRequest
) -> None:
    run: Run = request.getfixturevalue(which)
    assert run.peak_mb < PEAK_LIMIT_MB, f"peak {run.peak_mb:.0f} MB"


def test_unusable_rest_answers_are_error_slots_with_reasons(rest_run: Run) -> None:
    github = slots(rest_run, "github")
    for name in ("stars-lots", "stars-float", "stars-huge", "stars-null", "stars-missing"):
        assert github[name]["status"] == "error", github[name]
        assert "stargazers_count" in github[name]["reason"]
        assert github[name]["record"] is None


def test_unusable_graphql_nodes_are_error_slots_and_good_ones_ok(graphql_run: Run) -> None:
    github = slots(graphql_run, "github")
    assert github["fine"]["status"] == "ok"
    assert github["license-other"]["record"]["license"] is None
    for name in ("topics-list", "no-name", "description-number", "stars-string", "node-a-list"):
        assert github[name]["status"] == "error", github[name]


def test_hostile_pages_are_read_with_their_problems_warned(rest_run: Run) -> None:
    pages = slots(rest_run, "project_page")
    assert sorted(pages) == sorted(PAGE_PAYLOADS)
    for name in ("bad-base", "bad-og-image", "bad-refresh", "deep-json-ld", "utf-7"):
        assert pages[name]["status"] == "ok", pages[name]
        assert "<script>" not in (pages[name]["record"]["title"] or "")
    for name in ("redirect-javascript", "redirect-data"):  # refused, never "dead"
        # (skipped when the endless page's host outlasted the deadline first: not asked)
        health = (pages[name]["record"] or {}).get("health")
        assert health == "unsafe" or "not asked" in pages[name]["reason"], pages[name]
    messages = [w["message"] for d in rest_run.outputs.values() for w in d["warnings"]]
    assert any("og:image 'http://[x/' is not a valid URL" in m for m in messages)
    assert any("JSON-LD nested deeper than" in m for m in messages)


def test_a_count_of_the_wrong_type_after_a_good_run_keeps_the_last_good_value_stale(
    hostile: HostileServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: ``stargazers_count: "lots"`` must not replace last night's 42 with null."""
    lists = {
        "one": f"# one\n\n## Papers\n- [CVPR 2021] Some Paper, [Code](https://github.com/{OWNER}/stars-lots)\n"
    }
    with FakeGithub({f"{OWNER}/stars-lots": {"id": 77, "stars": 42, "forks": 5}}) as good:
        first = run_main(
            monkeypatch,
            hostile,
            tmp_path,
            "--only",
            "github",
            lists=lists,
            github_api_url=good.api_url,
        )
    second = run_main(monkeypatch, hostile, tmp_path, "--only", "github", "--refresh", lists=lists)
    assert (first.returncode, second.returncode) == (0, 0), second.stderr[-2000:]
    before = first.outputs["one"]["papers"][0]["github"]
    after = second.outputs["one"]["papers"][0]["github"]
    assert (before["status"], before["record"]["stars"]) == ("ok", 42)
    assert after["status"] == "stale"
    assert after["record"] == before["record"]
    assert after["stale_since"] is not None
    assert "stargazers_count" in after["reason"]
