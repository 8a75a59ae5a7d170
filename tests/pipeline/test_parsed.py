"""A list's kept parse (enrich.pipeline.parsed): the same as parsing, and never stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from enrich.inputs import parse_file
from enrich.pipeline import parsed as kept_parse
from enrich.pipeline.parsed import parse_kept

ROOT = Path(__file__).resolve().parents[2]
PARSE_FIXTURES = ROOT / "tests" / "parse" / "fixtures"
LISTS = sorted(
    [ROOT / "data" / "raw" / "awesome-avatar.md", *PARSE_FIXTURES.rglob("*.md")],
    key=lambda p: str(p),
)


@pytest.mark.parametrize("listing", LISTS, ids=lambda p: p.name)
def test_a_kept_parse_equals_parsing(listing: Path, tmp_path: Path) -> None:
    copy = tmp_path / "lists" / listing.name
    copy.parent.mkdir()
    shutil.copy(listing, copy)
    fresh = parse_kept(copy, tmp_path / "cache")  # parsed, and kept
    assert (tmp_path / "cache" / "parsed" / f"{copy.stem}.json").exists()
    again = parse_kept(copy, tmp_path / "cache")  # read back
    assert again == fresh == parse_file(copy)


DEMO = "# demo\n\n## Papers\n- [Lumen](https://arxiv.org/abs/2301.00001)\n"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The lists markdown parsing was run on, in order."""
    import enrich.parse.markdown

    seen: list[str] = []
    real = enrich.parse.markdown.parse_list

    def counted(text: str, shown: str, settings: object) -> object:
        seen.append(shown)
        return real(text, shown, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(enrich.parse.markdown, "parse_list", counted)
    return seen


def test_anything_parsing_reads_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    listing, cache = tmp_path / "demo.md", tmp_path / "cache"
    listing.write_text(DEMO)
    first = parse_kept(listing, cache)
    assert parse_kept(listing, cache) == first and len(parses) == 1

    listing.write_text(DEMO.replace("Lumen", "Gloam"))
    assert parse_kept(listing, cache).papers[0].title == "Gloam" and len(parses) == 2

    listing.with_suffix(".toml").write_text('skip_sections = ["Papers"]\n')
    assert parse_kept(listing, cache).papers == () and len(parses) == 3

    monkeypatch.setattr(kept_parse, "code_digest", lambda: "another version of enrich")
    parse_kept(listing, cache)
    assert len(parses) == 4


def test_an_unreadable_kept_parse_is_parsed_again(tmp_path: Path, parses: list[str]) -> None:
    listing, cache = tmp_path / "demo.md", tmp_path / "cache"
    listing.write_text(DEMO)
    first = parse_kept(listing, cache)
    kept = cache / "parsed" / "demo.json"
    key = kept.read_bytes().split(b"\n", 1)[0]
    kept.write_bytes(key + b'\n{"papers": "not a list"')
    assert parse_kept(listing, cache) == first and len(parses) == 2
