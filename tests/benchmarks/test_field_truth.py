"""The field truth set is well-formed, and its scorer scores a hand-made case as a reader would."""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path

import pytest
from benchmarks.field_truth import labels as truth
from benchmarks.field_truth.observed import Observed, normal_url, observe
from benchmarks.field_truth.sample import DEFAULT_LISTS, candidates, sample_lines
from benchmarks.field_truth.score import score

from enrich.models import Paper, PaperLink, ParsedList, Researcher, SourceFile, Tool, Work

LABELS = truth.load()


def test_at_least_400_labels_spread_over_the_13_lists() -> None:
    per_list = Counter(label.list for label in LABELS)
    assert len(LABELS) >= 400
    assert len(per_list) == 13
    assert min(per_list.values()) >= 25, per_list
    assert Counter(label.kind for label in LABELS)["none"] > 0  # non-entries were drawn too


@pytest.mark.skipif(not DEFAULT_LISTS.is_dir(), reason="the real lists are beside the repository")
def test_every_label_is_where_it_says_in_its_list() -> None:
    """Each labelled line was drawn by the sampler; every labelled URL is in its entry's lines."""
    misplaced = []
    for name in {label.list for label in LABELS}:
        text = (DEFAULT_LISTS / f"{name}.md").read_text(encoding="utf-8")
        drawn, lines = set(sample_lines(name, text)), text.splitlines()
        for label in (label for label in LABELS if label.list == name):
            span = html.unescape("\n".join(lines[label.entry_line - 1 : label.end_line]))
            if label.line not in drawn:
                misplaced.append(f"{label.key}: not a drawn line")
            misplaced += [
                f"{label.key}: {link.url}" for link in label.links if link.url not in span
            ]
    assert misplaced == []


def good_row() -> dict[str, object]:
    return {
        "list": "x", "line": 3, "entry_line": 2, "end_line": 4, "kind": "paper",
        "title": "A Title", "authors": ["A. Name"], "year": 2024, "venue": "CVPR",
        "links": [{"url": "https://arxiv.org/abs/2401.00001", "role": "paper"}],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"kind": "tool"}, "unknown kind"),
        ({"line": 9}, "outside"),
        ({"kind": "none"}, "no title"),
        ({"authors": []}, "authors"),
        ({"year": 24}, "year"),
        ({"links": [{"url": "u", "role": "website"}]}, "bad link"),
        ({"also": {"roles": {"https://elsewhere": ["code"]}}}, "lacks"),
    ],
)
def test_malformed_rows_are_named(change: dict[str, object], problem: str) -> None:
    assert truth.problems(good_row()) == []
    assert any(problem in found for found in truth.problems({**good_row(), **change}))


def test_a_truth_file_with_a_bad_row_does_not_load(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(json.dumps({**good_row(), "kind": "tool"}) + "\n")
    with pytest.raises(truth.MalformedLabels, match=r"x\.jsonl:1: unknown kind"):
        truth.load(tmp_path)


def label(**fields: object) -> truth.Label:
    return truth.from_row({**good_row(), **fields})


def entry(**fields: object) -> Observed:
    base: dict[str, object] = {
        "line": 2, "kind": "paper", "title": "A Title", "authors": ("A. Name",), "year": 2024,
        "venues": frozenset({"CVPR"}),
        "roles": {normal_url("https://arxiv.org/abs/2401.00001"): "paper"},
    }  # fmt: skip
    return Observed(**{**base, **fields})  # type: ignore[arg-type]


def test_scorer_on_a_hand_made_case() -> None:
    labels = [
        label(line=3),  # every field right
        label(line=13, entry_line=12, end_line=13, title="Other", year=2023, venue="arXiv"),
        label(line=20, entry_line=20, end_line=20, kind="none", title=None, links=[],
              authors=None, year=None, venue=None),
        label(line=30, entry_line=30, end_line=31, kind="software", title="Tool", authors=None,
              year=None, venue=None, links=[{"url": "https://github.com/o/t", "role": "code"}]),
    ]  # fmt: skip
    entries = [
        entry(),
        # wrong title, wrong year, venue as written in another case (right), role wrong
        entry(line=12, title="Other, Y", year=None, venues=frozenset({"ArXiv"}),
              roles={normal_url("https://arxiv.org/abs/2401.00001"): "project"}),
        entry(line=20, title="Contributing"),  # a non-entry made a paper
        entry(line=31, kind="tool/software", title="Tool", authors=("Someone",), year=None,
              venues=frozenset(), roles={"https://github.com/o/t": "code"}),
    ]  # fmt: skip
    scores = score(labels, {"x": entries})
    tallies = {name: (t.right, t.total) for name, t in scores.by_field().items()}
    assert tallies == {
        "kind": (3, 4), "paper_or_not": (3, 4), "title": (2, 3), "authors": (2, 2),
        "year": (1, 2), "venue": (2, 2), "links": (2, 3),
    }  # fmt: skip
    assert [c.got for c in scores.invented["authors"]] == [("Someone",)]
    assert {(c.label.line, c.field) for c in scores.mismatches()} == {
        (13, "title"), (13, "year"), (13, "links"), (20, "kind"), (20, "paper_or_not"),
    }  # fmt: skip


def test_a_missing_entry_is_wrong_in_every_field_the_list_gives() -> None:
    scores = score([label()], {"x": []})
    assert {c.field for c in scores.mismatches()} == {
        "kind", "paper_or_not", "title", "authors", "year", "venue", "links",
    }  # fmt: skip


def test_alternative_readings_and_et_al_forms_are_accepted() -> None:
    labelled = label(authors=["Wu et al."], also={"year": [2023], "kind": ["dataset"]})
    seen = entry(kind="dataset", authors=("Wu", "et al."), year=2023)
    assert score([labelled], {"x": [seen]}).mismatches() == []


def test_observe_reads_roles_kinds_and_works_from_a_parse() -> None:
    parsed = ParsedList(
        source=SourceFile(path="x.md", sha256="0" * 64),
        papers=(
            Paper(id="p", section=("S",), line=5, title="T", paper_url="https://arxiv.org/abs/1",
                  project_url="https://p.github.io/", code_url="https://github.com/o/r",
                  links=(PaperLink(role="bibtex", url="./c.txt"),)),
        ),
        researchers=(
            Researcher(id="r", section=("R",), line=1, name="Lab", homepage="https://lab.org",
                       works=(Work(id="w", section=("R",), line=2, label="StyleX CVPR'21",
                                   venue_tag="CVPR'21", venue="CVPR", year=2021,
                                   url="https://arxiv.org/abs/2"),)),
        ),
        tools=(Tool(id="t", section=("T",), line=9, name="Tool", url="https://github.com/o/t"),),
    )  # fmt: skip
    seen = {e.line: e for e in observe(parsed)}
    assert seen[5].roles == {
        "https://arxiv.org/abs/1": "paper", "https://p.github.io": "project",
        "https://github.com/o/r": "code", "./c.txt": "bibtex",
    }  # fmt: skip
    assert (seen[2].kind, seen[2].title, seen[2].venues) == ("work", "StyleX", {"CVPR"})
    assert seen[1].roles == {"https://lab.org": "homepage"}
    assert seen[9].kind.startswith("tool") and seen[9].roles == {"https://github.com/o/t": "code"}


def test_sampling_is_seeded_and_blind_to_the_parser() -> None:
    text = "# T\n\nprose\n- [a](https://a)\n| x | y |\n|---|---|\n#### 1. Heading paper\nplain\n"
    assert candidates(text) == [4, 5, 7]
    assert sample_lines("x", text, k=2) == sample_lines("x", text, k=2)
    assert len(set(sample_lines("x", text, k=2))) == 2
