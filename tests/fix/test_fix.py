"""``enrich fix`` on the fixture list: the expected file byte for byte, idempotent, offline."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from enrich.cli import main
from enrich.fix import fix_lists
from tests.findings.world import World

EXPECTED = Path(__file__).parent / "fixtures" / "fixed.md"


def _newline(made: World) -> str:
    return "\r\n" if b"\r\n" in (made.root / "raw" / "fixtures.md").read_bytes() else "\n"


def _expected(made: World) -> bytes:
    text = made.text(EXPECTED.read_text(encoding="utf-8"))
    return text.replace("\n", _newline(made)).encode("utf-8")


def _copy(made: World, tmp_path: Path) -> Path:
    """A private copy of the list, so each test starts from the unfixed file."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(made.root / "raw" / "fixtures.md", raw / "fixtures.md")
    return raw / "fixtures.md"


def _fix(made: World, raw: Path, *, write: bool) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    fix_lists(made.settings(raw_dir=raw.parent), write=write, out=out, err=err)
    return out.getvalue(), err.getvalue()


def _requests(made: World) -> tuple[int, int, int]:
    return made.arxiv.count(), made.github.count(), made.pages.count()


def test_write_gives_the_expected_file_byte_for_byte(enriched_world: World, tmp_path: Path) -> None:
    made = enriched_world
    listing = _copy(made, tmp_path)
    original = listing.read_bytes()
    before = _requests(made)
    _, err = _fix(made, listing, write=True)
    assert listing.read_bytes() == _expected(made)
    assert listing.read_bytes() != original
    assert err == f"{listing}: 5 line(s) fixed\n"
    assert _requests(made) == before  # only the enriched JSON was read


def test_fix_is_idempotent(enriched_world: World, tmp_path: Path) -> None:
    made = enriched_world
    listing = _copy(made, tmp_path)
    _fix(made, listing, write=True)
    fixed = listing.read_bytes()
    diff, err = _fix(made, listing, write=False)
    assert diff == ""
    assert "changed since the last run" in err
    _fix(made, listing, write=True)
    assert listing.read_bytes() == fixed


def test_the_diff_applies_to_the_expected_file(
    enriched_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --write: nothing written, and the diff is a patch git accepts."""
    made = enriched_world
    listing = _copy(made, tmp_path)
    original = listing.read_bytes()
    monkeypatch.chdir(tmp_path)
    diff, _ = _fix(made, listing, write=False)
    assert listing.read_bytes() == original
    assert diff.startswith("--- a/raw/fixtures.md\n+++ b/raw/fixtures.md\n")
    assert sum(line.startswith("+- ") for line in diff.splitlines()) == 5
    (tmp_path / "fix.patch").write_text(diff, encoding="utf-8", newline="")
    subprocess.run(["git", "apply", "--whitespace=nowarn", "fix.patch"], cwd=tmp_path, check=True)
    assert listing.read_bytes() == _expected(made)


def test_cli_fix_prints_the_diff(
    enriched_world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = enriched_world
    listing = _copy(made, tmp_path)
    args = ["fix", "--raw-dir", str(listing.parent), "--output-dir", str(made.root / "enriched")]
    assert main([*args, "--list", "fixtures"]) == 0
    assert "+- [ECCV 2022] [Commented Code Paper]" in capsys.readouterr().out
    assert main([*args, "--write"]) == 0
    assert listing.read_bytes() == _expected(made)


def test_a_list_never_enriched_is_left_alone(tmp_path: Path) -> None:
    from enrich.settings import Settings

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "new.md").write_text("# new\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    settings = Settings(raw_dir=raw, output_dir=tmp_path / "none")
    assert fix_lists(settings, write=True, out=out, err=err) == 0
    assert (out.getvalue(), err.getvalue()) == (
        "",
        f"{raw / 'new.md'}: no enriched file from a run yet; nothing to fix\n",
    )
