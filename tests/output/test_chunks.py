"""The output made, compared and written an entry at a time: the same bytes as made whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.models import EnrichedList, Researcher, Work
from enrich.output.json import dump_bytes, dump_chunks, same_chunks, write_atomic
from enrich.output.schema import ENTRY_LISTS
from enrich.pipeline import write_document
from tests.conftest import REPO_ROOT

SEED = EnrichedList.model_validate_json(
    (REPO_ROOT / "data" / "enriched" / "awesome-avatar.json").read_bytes()
)


def _joined(document: EnrichedList) -> bytes:
    return b"".join(dump_chunks(document, ENTRY_LISTS))


def test_the_seed_output_in_chunks_is_the_seed_output() -> None:
    assert _joined(SEED) == dump_bytes(SEED)
    empty = SEED.model_copy(update=dict.fromkeys(ENTRY_LISTS, ()))
    assert _joined(empty) == dump_bytes(empty)


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=80), label=st.text(max_size=40), works=st.integers(0, 3))
def test_any_text_and_nesting_give_the_same_bytes(title: str, label: str, works: int) -> None:
    """Titles with newlines, quotes or a top-level key's own text (``\\n  "papers": []``),
    and researchers whose works nest deeper, are written as the whole document is."""
    paper = SEED.papers[0].model_copy(update={"title": title or "t"})
    researcher = Researcher(
        id="researcher-r",
        section=("Researchers",),
        line=9,
        name=label or "r",
        works=tuple(
            Work(
                id=f"work-{n}",
                section=("Researchers",),
                line=10 + n,
                label=f'{label}\n  "papers": []',
            )
            for n in range(works)
        ),
    )
    document = SEED.model_copy(
        update={"papers": (paper, *SEED.papers[1:3]), "researchers": (researcher,)}
    )
    assert _joined(document) == dump_bytes(document)


def test_same_chunks_compares_without_joining(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert not same_chunks(target, [b"a"])  # no file
    target.write_bytes(b"abcdef")
    assert same_chunks(target, [b"ab", b"", b"cd", b"ef"])
    assert not same_chunks(target, [b"ab", b"cd"])  # the file is longer
    assert not same_chunks(target, [b"ab", b"cd", b"efg"])  # the chunks are longer
    assert not same_chunks(target, [b"ab", b"xd", b"ef"])


def test_chunks_are_written_whole_and_an_unchanged_output_is_left(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, iter([b"{", b"}", b"\n"]))
    assert target.read_bytes() == b"{}\n"
    seed = tmp_path / "seed.json"
    assert write_document(seed, SEED) is True
    assert seed.read_bytes() == dump_bytes(SEED)
    stamp = seed.stat().st_mtime_ns
    assert write_document(seed, SEED) is False and seed.stat().st_mtime_ns == stamp


def test_a_name_that_is_not_a_top_level_list_is_refused() -> None:
    with pytest.raises(ValueError, match="'source' is not a top-level list"):
        list(dump_chunks(SEED, ("source",)))
