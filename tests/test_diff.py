"""`enrich diff`: the commit message and job summary of the nightly run."""

from __future__ import annotations

from pathlib import Path

from enrich.cli import main
from enrich.models import (
    EnrichedList,
    GithubRecord,
    GithubSlot,
    PageHealth,
    PageRecord,
    PageSlot,
    Paper,
    SlotStatus,
    SourceFile,
)
from enrich.output.json import dumps

SOURCE = SourceFile(path="data/raw/demo.md", sha256="0" * 64)


def _paper(key: str, stars: int | None, health: PageHealth = PageHealth.OK) -> Paper:
    github = GithubSlot(
        status=SlotStatus.OK,
        record=GithubRecord(
            full_name=f"o/{key}", url=f"https://github.com/o/{key}", stars=stars, forks=1
        ),
    )
    page = PageSlot(status=SlotStatus.OK, record=PageRecord(url=f"https://{key}.io", health=health))
    return Paper(
        id=f"paper-{key}",
        section=("Papers",),
        line=1,
        title=key.title(),
        github=github,
        project_page=page,
    )


def _write(path: Path, *papers: Paper) -> Path:
    path.write_text(dumps(EnrichedList(name="demo", source=SOURCE, papers=papers)))
    return path


def test_commit_message_sums_up_new_papers_stars_and_pages(tmp_path: Path, capsys) -> None:
    old = _write(tmp_path / "old.json", _paper("alpha", 100), _paper("beta", 10))
    new = _write(
        tmp_path / "new.json",
        _paper("alpha", 400, PageHealth.BROKEN),
        _paper("beta", 122),
        _paper("gamma", 7),
        _paper("delta", 9),
    )
    assert main(["diff", str(old), str(new), "--format", "commit"]) == 0
    assert capsys.readouterr().out == (
        "data: 2 new papers, +412 stars, 1 page down\n"
        "\n"
        "- new paper: Delta\n"
        "- new paper: Gamma\n"
        "- page down: Alpha\n"
    )


def test_a_stale_count_does_not_move_the_star_total(tmp_path: Path, capsys) -> None:
    old = _write(tmp_path / "old.json", _paper("alpha", 100))
    stale = _paper("alpha", 100)
    assert stale.github is not None
    stale = stale.model_copy(
        update={
            "github": stale.github.model_copy(
                update={"status": SlotStatus.STALE, "stale_since": "2026-11-20"}
            )
        }
    )
    new = _write(tmp_path / "new.json", stale)
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out == "1 stale\n  stale github: Alpha\n"


def test_first_run_and_no_change(tmp_path: Path, capsys) -> None:
    new = _write(tmp_path / "new.json", _paper("alpha", 5))
    assert main(["diff", str(tmp_path / "missing.json"), str(new), "--format", "markdown"]) == 0
    assert capsys.readouterr().out == "### 1 new paper\n\n- new paper: Alpha\n"
    assert main(["diff", str(new), str(new)]) == 0
    assert capsys.readouterr().out == "no data changes\n"


def test_folders_compare_list_by_list(tmp_path: Path, capsys) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _write(tmp_path / "a" / "demo.json", _paper("alpha", 1))
    _write(tmp_path / "b" / "demo.json", _paper("alpha", 3))
    _write(tmp_path / "a" / "other.json", _paper("beta", 1))
    _write(tmp_path / "b" / "other.json", _paper("beta", 1))
    assert main(["diff", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "commit"]) == 0
    assert capsys.readouterr().out == "data: demo: +2 stars\n"


def test_a_broken_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["diff", str(bad), str(bad)]) == 1
    assert "bad.json: not a valid enriched file" in capsys.readouterr().err


def test_two_missing_files_are_a_usage_error_not_no_changes(tmp_path: Path, capsys) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert main(["diff", str(old), str(new)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"enrich: error: {old} and {new}: neither exists, nothing to compare\n"
    assert main(["diff", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "commit"]) == 2


def test_a_file_against_a_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:
    single = _write(tmp_path / "demo.json", _paper("alpha", 1))
    folder = tmp_path / "enriched"
    folder.mkdir()
    assert main(["diff", str(single), str(folder)]) == 2
    assert f"{folder} is a folder but {single} is a file" in capsys.readouterr().err


def test_a_removed_folder_lists_what_went(tmp_path: Path, capsys) -> None:
    (tmp_path / "a").mkdir()
    _write(tmp_path / "a" / "demo.json", _paper("alpha", 1))
    assert main(["diff", str(tmp_path / "a"), str(tmp_path / "gone")]) == 0
    assert capsys.readouterr().out == "1 removed paper\n  removed paper: Alpha\n"
