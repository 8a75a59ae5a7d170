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
