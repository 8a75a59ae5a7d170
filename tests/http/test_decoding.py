"""Bounded decompression: any bytes give decoded chunks or httpx.DecodingError,
never another exception and never a chunk above the step size."""

from __future__ import annotations

import contextlib
import gzip
import zlib

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.http.decoding import STEP, decompress_steps


def _decode(raw: list[bytes], encoding: str) -> bytes:
    chunks = list(decompress_steps(iter(raw), encoding))
    assert all(len(chunk) <= STEP for chunk in chunks)
    return b"".join(chunks)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.binary(max_size=300), max_size=5), st.sampled_from(["gzip", "deflate"]))
def test_any_bytes_decode_or_fail_cleanly(raw: list[bytes], encoding: str) -> None:
    with contextlib.suppress(httpx.DecodingError):  # the only failure allowed
        _decode(raw, encoding)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200_000), st.integers(min_value=1, max_value=70_000))
def test_valid_bodies_decode_whole_in_any_chunking(body: bytes, cut: int) -> None:
    packed = gzip.compress(body)
    pieces = [packed[i : i + cut] for i in range(0, len(packed), cut)]

    assert _decode(pieces, "gzip") == body
    assert _decode([zlib.compress(body)], "deflate") == body


def test_a_bomb_comes_out_in_steps() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)

    chunks = decompress_steps(iter([bomb]), "gzip")
    first = next(chunks)

    assert len(first) == STEP  # one step, not five megabytes at once
    with pytest.raises(StopIteration):
        while True:
            assert len(next(chunks)) <= STEP
