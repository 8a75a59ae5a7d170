"""``render atom``: the papers first committed in the window, newest first, read back by feedparser.

The history is a real git repository made in a temporary folder, with
commits dated by ``GIT_COMMITTER_DATE`` (no clock is read but the window's).
feedparser is the feed reader most Python tools use; ``bozo`` is its flag
for a feed that is not well-formed, and the elements Atom requires are
checked on the parsed feed.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from enrich.cli import main
from enrich.models import EnrichedList
from enrich.render.added import first_seen
from enrich.render.atom import recent_entries, render_atom
from enrich.render.site import build_site

FIXTURE = Path(__file__).parent / "fixtures" / "demo.json"
SINCE = datetime(2026, 11, 1, tzinfo=UTC)


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env |= {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three commits of data/enriched/demo.json: two papers before the window, then more.

    Oct 20: wav2lip, sadtalker.  Nov 3: + faceformer, and sadtalker's title
    corrected (a new id, the same paper link: an edit, not news).  Nov 10:
    + geneface and nolinks.
    """
    repo = tmp_path_factory.mktemp("repo")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    demo = EnrichedList.model_validate_json(FIXTURE.read_bytes())
    by_id = {paper.id: paper for paper in demo.papers}
    path = repo / "data" / "enriched" / "demo.json"
    path.parent.mkdir(parents=True)
    old_sadtalker = by_id["paper-sadtalker"].model_copy(
        update={"id": "paper-sadtalker-typo", "title": "SadTalkr: typo"}
    )
    steps = [
        ("2026-10-20T08:00:00+00:00", [by_id["paper-wav2lip"], old_sadtalker]),
        (
            "2026-11-03T08:00:00+00:00",
            [by_id["paper-wav2lip"], by_id["paper-sadtalker"], by_id["paper-faceformer"]],
        ),
        ("2026-11-10T08:00:00+00:00", list(demo.papers)),
    ]
    for when, papers in steps:
        version = demo.model_copy(update={"papers": tuple(papers)})
        path.write_text(version.model_dump_json(indent=2), encoding="utf-8")
        _git(repo, "add", ".")
        _git(repo, "commit", "-q", "-m", when, when=when)
    return path


def test_papers_added_in_the_window_newest_first(history: Path) -> None:
    seen = first_seen(history, SINCE)
    assert seen["id:paper-sadtalker-typo"] is None  # before the window
    assert seen["id:paper-sadtalker"] == "2026-11-03T08:00:00+00:00"  # an edit of it
    assert seen["id:paper-faceformer"] == "2026-11-03T08:00:00+00:00"
    assert seen["id:paper-geneface"] == "2026-11-10T08:00:00+00:00"
    document = EnrichedList.model_validate_json(history.read_bytes())
    entries = recent_entries(document, history, SINCE)
    assert [e.paper.id for e in entries] == ["paper-nolinks", "paper-geneface", "paper-faceformer"]
    later = recent_entries(document, history, datetime(2026, 11, 5, tzinfo=UTC))
    assert [e.paper.id for e in later] == ["paper-nolinks", "paper-geneface"]


def test_the_feed_is_valid_atom_with_stable_ids(history: Path) -> None:
    document = EnrichedList.model_validate_json(history.read_bytes())
    entries = recent_entries(document, history, SINCE)
    text = render_atom(document, entries, SINCE.isoformat(), "https://example.org/site/")
    assert render_atom(document, entries, SINCE.isoformat(), "https://example.org/site/") == text
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == "tag:enrich,2024:demo"
    assert feed.feed.updated == "2026-11-10T08:00:00+00:00"
    assert {link.rel: link.href for link in feed.feed.links} == {
        "self": "https://example.org/site/demo.atom",
        "alternate": "https://example.org/site/demo.html",
    }
    ids = [entry.id for entry in feed.entries]
    assert ids == [f"tag:enrich,2024:demo/{e.paper.id}" for e in entries]
    for entry in feed.entries:  # what RFC 4287 requires of every entry
        assert entry.id and entry.title and entry.updated
        assert entry.get("link") or entry.get("content")
    faceformer = feed.entries[2]
    assert faceformer.title.startswith("FaceFormer")
    assert faceformer.link.startswith("https://arxiv.org/abs/")
    assert "Yingruo Fan" in [author.name for author in faceformer.authors]


def test_a_window_with_nothing_new_is_still_a_valid_feed(history: Path) -> None:
    document = EnrichedList.model_validate_json(history.read_bytes())
    since = datetime(2026, 12, 1, tzinfo=UTC)
    feed = feedparser.parse(
        render_atom(document, recent_entries(document, history, since), since.isoformat())
    )
    assert not feed.bozo and feed.entries == [] and feed.feed.updated == since.isoformat()


def test_cli_and_site_write_and_link_the_feed(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo.atom"
    assert main(["render", "atom", str(history), "--days", "36500", "--out", str(out)]) == 0
    feed = feedparser.parse(out.read_bytes())
    assert not feed.bozo and len(feed.entries) == 5  # the whole history is in 100 years
    assert "5 papers added" in capsys.readouterr().err

    site = tmp_path / "site"
    document = EnrichedList.model_validate_json(history.read_bytes())
    build_site([document], site, feeds={"demo": history}, feed_since=SINCE)
    assert len(feedparser.parse((site / "demo.atom").read_bytes()).entries) == 3
    page = (site / "demo.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="demo.atom"' in page


def test_a_list_outside_git_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "demo.json"
    copy.write_bytes(FIXTURE.read_bytes())
    assert main(["render", "atom", str(copy)]) != 0
    assert "git" in capsys.readouterr().err
