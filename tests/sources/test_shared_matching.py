"""Title matching lives in one public place that every source uses; no source reads another's
private modules (a change to arXiv's internals cannot silently change OpenAlex's matches)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parents[2] / "src" / "enrich" / "sources"
PACKAGES = sorted(p for p in SOURCES.iterdir() if (p / "__init__.py").exists())


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_a_source_imports_no_other_sources_private_module(package: Path) -> None:
    foreign = {
        name
        for module in package.glob("*.py")
        for name in _imports(module)
        if name.startswith("enrich.sources.")
        and name.split(".")[2] in {other.name for other in PACKAGES} - {package.name}
    }
    assert foreign == set()


def test_arxiv_and_openalex_compare_titles_with_the_shared_module() -> None:
    from enrich.matching import confidence, titles

    for name in ("arxiv", "openalex"):
        used = set().union(*(_imports(m) for m in (SOURCES / name).glob("*.py")))
        assert "enrich.matching.titles" in used, name
    assert titles.compare("SadTalker", "SadTalker: Learning").kind == titles.MatchKind.LABEL_HEAD
    assert confidence.confidence(titles.compare("A b c", "A b c")) == 0.95


def test_both_sources_step_back_from_the_same_near_tie() -> None:
    from enrich.models import ArxivRecord, OpenalexRecord
    from enrich.sources.arxiv._match import choose as choose_arxiv
    from enrich.sources.openalex._match import choose as choose_openalex

    title = "Sparkle: Robust Talking Heads From Audio"
    twin = "Sparkle: Robust Talking Heads From Audios"
    arxiv = choose_arxiv(
        title,
        2023,
        [
            ArxivRecord(id=i, abs_url=f"https://arxiv.org/abs/{i}", title=t, published="2023-01-02")
            for i, t in (("2301.00002", title), ("2301.00003", twin))
        ],
    )
    openalex = choose_openalex(
        title,
        2023,
        [
            OpenalexRecord(id=i, url=f"https://openalex.org/{i}", title=t, publication_year=2023)
            for i, t in (("W2", title), ("W3", twin))
        ],
    )
    assert arxiv.accepted is None and openalex.accepted is None
    assert arxiv.reason.startswith("ambiguous: arXiv:2301.00002")
    assert openalex.reason.startswith("ambiguous: OpenAlex W2")
