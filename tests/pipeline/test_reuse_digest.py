"""The memo's fingerprint reads a file a chunk at a time, as if it had read it whole."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.pipeline import reuse


def _whole(name: str, path: Path) -> bytes:
    """What the fingerprint hashed before it read in chunks: ``name:<len>:<data>``."""
    data = b"present:" + path.read_bytes() if path.exists() else b"absent"
    return f"{name}:{len(data)}:".encode() + data


@settings(max_examples=50, deadline=None)
@given(content=st.binary(max_size=300) | st.none(), chunk=st.integers(1, 64))
def test_a_file_digests_as_if_read_whole(
    tmp_path_factory: pytest.TempPathFactory, content: bytes | None, chunk: int
) -> None:
    path = tmp_path_factory.mktemp("digest") / "list.json"
    if content is not None:
        path.write_bytes(content)
    streamed = hashlib.sha256()
    original, reuse.CHUNK = reuse.CHUNK, chunk
    try:
        reuse._digest_file(streamed, "output", path)
    finally:
        reuse.CHUNK = original
    assert streamed.hexdigest() == hashlib.sha256(_whole("output", path)).hexdigest()
