"""The door's remembered URL merging gives exactly what httpx gives (cache keys depend on it)."""

from __future__ import annotations

import httpx
from hypothesis import given
from hypothesis import strategies as st

from enrich.http.client import _merged

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
BASES = st.sampled_from(
    [
        "https://huggingface.co/api/models",
        "http://127.0.0.1:8080/api/datasets",
        "HTTPS://Example.COM:443/a b/ü/%41",
        "http://export.arxiv.org/api/query",
        "https://example.org",
        "https://example.org/path?already=1",
        "https://example.org/path#frag",
        "https://example.org/path?",
    ]
)


@given(BASES, st.lists(st.tuples(TEXT, TEXT), max_size=4, unique_by=lambda kv: kv[0]))
def test_merging_parameters_equals_httpx(base: str, pairs: list[tuple[str, str]]) -> None:
    params = tuple(pairs)
    assert _merged(base, params) == str(httpx.URL(base).copy_merge_params(dict(params)))


def test_the_urls_sources_build_keep_their_form() -> None:
    params = (("filter", "arxiv:2301.00001"), ("limit", "1000"))
    assert (
        _merged("https://huggingface.co/api/models", params)
        == "https://huggingface.co/api/models?filter=arxiv%3A2301.00001&limit=1000"
    )
