"""Every API request has an overall deadline (http/deadlines.py): a server that drips one
byte at a time, each well within the read timeout, is cut for arXiv, GitHub and OpenAlex
alike, not only for project pages."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response as WResponse

from enrich.errors import NetworkError
from enrich.http.client import NetworkDoor
from enrich.http.deadlines import api_deadline
from enrich.settings import Settings
from enrich.sources.arxiv._policy import arxiv_policy
from enrich.sources.arxiv._settings import ArxivSettings
from enrich.sources.github._policy import github_policy
from enrich.sources.github._settings import GithubSettings
from enrich.sources.openalex._policy import openalex_policy


def _drip() -> Iterator[bytes]:
    while True:
        time.sleep(0.05)  # the server's pace: each byte well within the read timeout
        yield b" "


def test_the_deadline_is_the_retry_budget_and_two_exchanges() -> None:
    settings = Settings(connect_timeout=10.0, read_timeout=30.0, max_retry_wait=120.0)
    assert api_deadline(settings).seconds == 200.0
    assert api_deadline(settings, extra=60.0).seconds == 260.0
    github = github_policy(settings).deadline
    assert github is not None and github.seconds == 260.0  # + its longest reset wait
    arxiv = arxiv_policy(settings).deadline
    assert arxiv is not None and arxiv.seconds == 200.0 + settings.max_attempts * 3.0


def test_a_slow_drip_server_is_cut_at_the_deadline_for_every_api(
    threaded_server: HTTPServer, tmp_path: Path
) -> None:
    threaded_server.expect_request("/drip").respond_with_handler(
        lambda r: WResponse(_drip(), content_type="application/json")
    )
    settings = Settings(
        cache_dir=tmp_path / "cache",
        connect_timeout=0.1,
        read_timeout=0.2,
        max_retry_wait=0.0,
        max_attempts=1,
    ).with_sources(ArxivSettings(delay=0.0), GithubSettings(max_rate_limit_wait=0.0))
    policies = {p.name: p for p in (arxiv_policy(settings), github_policy(settings))}
    policies["openalex"] = openalex_policy(settings)
    url = threaded_server.url_for("/drip")

    def cut(service: str) -> tuple[str, float]:
        started = time.monotonic()
        with pytest.raises(NetworkError) as raised:
            door.request(service, "GET", url, freshness=0)
        return raised.value.message, time.monotonic() - started

    with NetworkDoor(settings, policies) as door, ThreadPoolExecutor(3) as pool:
        results = list(pool.map(cut, ["arxiv", "github", "openalex"]))
    for message, took in results:
        assert "deadline passed while reading" in message
        assert took < 2.0  # 0.6 s of deadline, not forever
