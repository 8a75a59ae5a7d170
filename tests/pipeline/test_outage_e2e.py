"""The real CLI through an outage and through same-day reruns: verdicts kept, bytes unchanged.

The CLI's ``main`` runs in this process (a subprocess costs a second of
start-up per run, and these tests run it six times), with the environment a
nightly job sets.

A good run, then the network goes (every fake stopped: every connection is
refused), then three runs: no page is charged a failure, each keeps what it
showed, the slot and the report say the check did not happen, and the three
outputs are byte-identical. And two runs on one day that get the same failing
answers write the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from enrich.cli import main
from tests.environment import UNREACHABLE, loopback_environment
from tests.fakes.arxiv import FakeArxiv, FakePaper
from tests.fakes.github import FakeGithub
from tests.fakes.openalex import UNREACHABLE_URL
from tests.fakes.pages import FakeWebHost

pytestmark = pytest.mark.e2e

PAPER = FakePaper(id="2008.10010", title="Wav2Lip: Accurately Lip-syncing Videos", comment=None)
REPOS = {"Rudrabha/Wav2Lip": {"id": 101, "stars": 9000, "forks": 2000}}


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path, str, FakeGithub], None]:
    def set_up(root: Path, arxiv_url: str, github: FakeGithub) -> None:
        for name in list(os.environ):
            if name.startswith(("ENRICH_", "GITHUB_")):
                monkeypatch.delenv(name)
        values = loopback_environment(
            {
                "ENRICH_ARXIV_API_URL": arxiv_url,
                "GITHUB_API_URL": github.api_url,
                "GITHUB_GRAPHQL_URL": github.graphql_url,
                "GITHUB_TOKEN": github.token,
                "ENRICH_OPENALEX_API_URL": UNREACHABLE_URL,
                "ENRICH_CACHE_DIR": str(root / "cache"),
                "ENRICH_ARXIV_DELAY": "0",
                "ENRICH_ALLOW_PRIVATE_HOSTS": "1",
                "ENRICH_MAX_ATTEMPTS": "1",
                "ENRICH_MAX_RETRY_WAIT": "0",
                "ENRICH_CONNECT_TIMEOUT": "1",
                "ENRICH_READ_TIMEOUT": "2",
            },
            base={},
            elsewhere=UNREACHABLE,  # an outage: every service no fake plays is down too
        )
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_up


def _run(root: Path, *extra: str) -> bytes:
    folders = ("--raw-dir", "raw", "--output-dir", "enriched", "--report-dir", "reports")
    argv = [part if part.startswith("--") else str(root / part) for part in folders]
    assert main(["-q", "run", *argv, *extra]) == 0
    return (root / "enriched" / "demo.json").read_bytes()


def _report(root: Path) -> dict[str, Any]:
    return json.loads((root / "reports" / "demo.report.json").read_text(encoding="utf-8"))


def _write_list(root: Path, first: FakeWebHost, second: FakeWebHost) -> None:
    raw = root / "raw"
    raw.mkdir()
    (raw / "demo.md").write_text(
        "# demo\n\n## Papers\n"
        "- [MM 2020] [Wav2Lip: Accurately Lip-syncing Videos](https://arxiv.org/abs/2008.10010), "
        f"IIIT, [ProjectPage]({first.url('/wav2lip/')}), "
        "[Code](https://github.com/Rudrabha/Wav2Lip)\n"
        "- [CVPR 2023] [Other: A Second Paper Title](https://arxiv.org/abs/2008.10010), Lab, "
        f"[ProjectPage]({second.url('/other/')})\n",
        encoding="utf-8",
    )


def _pages(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [paper["project_page"] for paper in document["papers"]]


def test_an_outage_keeps_every_pages_verdict_and_writes_the_same_bytes(
    tmp_path: Path, environment: Callable[[Path, str, FakeGithub], None]
) -> None:
    arxiv, github = FakeArxiv([PAPER]).start(), FakeGithub(REPOS).start()
    first, second = FakeWebHost().start(), FakeWebHost().start()
    try:
        first.add_page("/wav2lip/", "Wav2Lip", description="Lip sync", image="/card.png")
        second.add_status("/other/", 404)
        _write_list(tmp_path, first, second)
        environment(tmp_path, arxiv.url, github)
        good = json.loads(_run(tmp_path))
    finally:
        for server in (arxiv, github, first, second):
            server.stop()  # the network is gone: every connection is refused
    outputs = [_run(tmp_path, "--refresh") for _ in range(3)]

    assert outputs[0] == outputs[1] == outputs[2]
    after = json.loads(outputs[0])
    for before, kept in zip(_pages(good), _pages(after), strict=True):
        assert kept["record"] == before["record"]  # verdict, streak, title, image: as they were
        assert kept["status"] == "stale"
        assert kept["reason"].startswith("not checked: no connection got an answer")
    assert _pages(after)[0]["record"]["title"] == "Wav2Lip"
    assert _pages(after)[1]["record"]["consecutive_failures"] == 1
    assert any("pages: not checked" in note for note in _report(tmp_path)["notes"])


def test_two_runs_on_one_day_with_the_same_failing_answers_write_the_same_bytes(
    tmp_path: Path, environment: Callable[[Path, str, FakeGithub], None]
) -> None:
    with (
        FakeArxiv([PAPER]) as arxiv,
        FakeGithub(REPOS) as github,
        FakeWebHost() as first,
        FakeWebHost() as second,
    ):
        first.add_page("/wav2lip/", "Wav2Lip")
        second.add_status("/other/", 503)  # failing, never cached: asked again on the rerun
        _write_list(tmp_path, first, second)
        environment(tmp_path, arxiv.url, github)
        runs = [_run(tmp_path) for _ in range(2)]
    assert runs[0] == runs[1]
    failing = _pages(json.loads(runs[1]))[1]["record"]
    assert (failing["health"], failing["consecutive_failures"], failing["dead"]) == (
        "failing",
        1,
        False,
    )


def test_an_outage_with_every_page_on_one_host_keeps_the_verdicts_too(
    tmp_path: Path, environment: Callable[[Path, str, FakeGithub], None]
) -> None:
    """One host alone cannot tell an outage from a dead domain; the door's APIs can."""
    arxiv, github, host = FakeArxiv([PAPER]).start(), FakeGithub(REPOS).start(), FakeWebHost()
    host.start()
    try:
        host.add_page("/wav2lip/", "Wav2Lip", description="Lip sync")
        host.add_status("/other/", 404)
        _write_list(tmp_path, host, host)
        environment(tmp_path, arxiv.url, github)
        good = json.loads(_run(tmp_path))
    finally:
        for server in (arxiv, github, host):
            server.stop()
    after = json.loads(_run(tmp_path, "--refresh"))

    for before, kept in zip(_pages(good), _pages(after), strict=True):
        assert kept["record"] == before["record"]
        assert kept["status"] == "stale"
        assert kept["reason"].startswith("not checked: no connection got an answer")
    report = _report(tmp_path)
    assert any("pages: not checked" in note for note in report["notes"])
    silent = report["requests"]["services"]
    assert silent["arxiv"]["unreachable"] >= 1 and silent["arxiv"]["requests"] == 0


def test_one_dead_host_while_the_apis_answer_is_the_pages_failure(
    tmp_path: Path, environment: Callable[[Path, str, FakeGithub], None]
) -> None:
    with FakeArxiv([PAPER]) as arxiv, FakeGithub(REPOS) as github:
        host = FakeWebHost().start()
        host.add_page("/wav2lip/", "Wav2Lip")
        host.add_status("/other/", 404)
        _write_list(tmp_path, host, host)
        environment(tmp_path, arxiv.url, github)
        _run(tmp_path)
        host.stop()  # only the pages' host is gone; arXiv and GitHub still answer
        after = json.loads(_run(tmp_path, "--refresh"))
    assert [page["status"] for page in _pages(after)] == ["ok", "ok"]
    assert [page["record"]["health"] for page in _pages(after)] == ["failing", "failing"]
