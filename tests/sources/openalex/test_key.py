"""OpenAlex's API key travels in the URL, yet never lands on disk or in a log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from enrich.sources.interface import Hint, Target
from enrich.sources.openalex import OpenalexSettings, OpenalexSource
from tests.fakes.openalex import TEST_KEY, FakeOpenalex, FakeWork
from tests.pipeline.conftest import run_reported
from tests.sources.openalex.conftest import openalex_door, openalex_settings
from tests.sources.openalex.test_source import AUDIO2MOTION, DINET, SADTALKER


def test_the_key_is_sent_but_never_cached_or_logged(
    tmp_path: Path, fake: FakeOpenalex, caplog: pytest.LogCaptureFixture
) -> None:
    settings = openalex_settings(tmp_path, fake)
    assert settings.of(OpenalexSettings).api_key == TEST_KEY
    caplog.set_level(logging.DEBUG, logger="enrich")
    with openalex_door(settings) as door:
        outcome = OpenalexSource(door, settings).resolve([SADTALKER, DINET, AUDIO2MOTION])
    assert fake.count() >= 2 and all(r.args.get("api_key") == TEST_KEY for r in fake.requests)
    assert outcome.slots["sad"].record is not None
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files, "the run cached nothing"
    holding = [p.name for p in files if TEST_KEY.encode() in p.read_bytes()]
    assert holding == []
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("enrich")]
    assert any(m.startswith("openalex GET") for m in ours)  # logged, without the key
    assert not [m for m in ours if TEST_KEY in m]


def _cache_holds(tmp_path: Path, secret: str) -> list[str]:
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files, "the run cached nothing"
    return [p.name for p in files if secret.encode() in p.read_bytes()]


def test_a_200_body_quoting_the_key_is_stored_and_reported_without_it(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    fake.echo_key = True  # every answer says "requested with api_key=<key>"
    settings = openalex_settings(tmp_path, fake)
    with openalex_door(settings) as door:
        outcome = OpenalexSource(door, settings).resolve([SADTALKER, DINET])
        answer = door.request("openalex", "GET", fake.url + "/works/W4382000002")
    assert outcome.slots["sad"].record is not None
    assert TEST_KEY.encode() not in answer.body and b"api_key=[REDACTED]" in answer.body
    assert _cache_holds(tmp_path, TEST_KEY) == []
    assert not [s for s in outcome.slots.values() if TEST_KEY in s.model_dump_json()]
    assert not [n for n in outcome.notes if TEST_KEY in n]


def test_a_redirect_location_carrying_the_key_is_followed_without_keeping_it(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    fake.redirect_with_key = True  # the merged id's Location repeats ?api_key=<key>
    merged = Target(
        "m", "list.md", 9, None, None, (Hint("https://openalex.org/W1000000001", "link"),)
    )
    settings = openalex_settings(tmp_path, fake)
    with openalex_door(settings) as door:
        outcome = OpenalexSource(door, settings).resolve([merged])
        answer = door.request("openalex", "GET", fake.url + "/works/W1000000001")
    record = outcome.slots["m"].record
    assert record is not None and record.merged_from == "W1000000001"
    assert [r.args.get("api_key") for r in fake.requests[:2]] == [TEST_KEY, TEST_KEY]  # same origin
    assert TEST_KEY not in answer.final_url and TEST_KEY not in str(answer.redirects)
    assert _cache_holds(tmp_path, TEST_KEY) == []


def test_the_key_never_goes_to_another_origin_even_when_the_location_names_it(
    tmp_path: Path, fake: FakeOpenalex, httpserver: HTTPServer
) -> None:
    """A 301 to another host whose Location carries ``api_key=<key>``: that host gets no key."""
    httpserver.expect_request("/works/W7").respond_with_json(
        {"id": "https://openalex.org/W7", "title": "Moved Elsewhere"}
    )
    elsewhere = httpserver.url_for(f"/works/W7?api_key={TEST_KEY}&select=id,title")
    with FakeOpenalex() as origin:
        origin.server.expect_request("/moved/W6").respond_with_data(
            "", status=301, headers={"Location": elsewhere}
        )
        settings = openalex_settings(tmp_path, origin)
        with openalex_door(settings) as door:
            answer = door.request("openalex", "GET", origin.url + "/moved/W6")
    (sent,) = httpserver.log
    assert "api_key" not in sent[0].args and sent[0].args.get("select") == "id,title"
    assert answer.status == 200 and TEST_KEY not in answer.final_url


def test_a_run_whose_answers_quote_the_key_writes_it_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """The committed JSON, the run report, annotations, the job summary, the cache, the log:
    a work whose title quotes the key (a server echoing what it was sent) leaks into none."""
    leaky = FakeWork("W5", f"Leaky Paper requested with api_key={TEST_KEY}", doi="10.1000/leak")
    listing = tmp_path / "list.md"
    listing.write_text("## Papers\n\n- [Another Title](https://doi.org/10.1000/leak)\n")
    caplog.set_level(logging.DEBUG, logger="enrich")
    with FakeOpenalex([leaky]) as fake:
        fake.echo_key = True
        settings = openalex_settings(
            tmp_path,
            fake,
            inputs=(listing,),
            output_dir=tmp_path / "out",
            report_dir=tmp_path / "reports",
            step_summary=tmp_path / "summary.md",
            annotations=True,
            only=frozenset({"openalex"}),
        )
        report = run_reported(settings)
        assert fake.requests and all(r.args["api_key"] == TEST_KEY for r in fake.requests)
    assert report["slots"]["openalex"]["status"] == {"ok": 1}
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != listing]
    assert {p.parent.name for p in written} >= {"out", "reports"}
    assert [p.name for p in written if TEST_KEY.encode() in p.read_bytes()] == []
    printed = capsys.readouterr()
    assert TEST_KEY not in printed.out + printed.err
    ours = [r for r in caplog.records if r.name.startswith("enrich")]
    assert ours and not [r for r in ours if TEST_KEY in r.getMessage()]
    assert "[REDACTED]" in (tmp_path / "out" / "list.json").read_text()  # the title, masked
