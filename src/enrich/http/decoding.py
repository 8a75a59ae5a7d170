"""Decompress an answer in bounded steps, so a gzip bomb never fills memory.

httpx decompresses each network read in one call: 64 KB of a gzip bomb
becomes some 64 MB before the caller can count it. For the encodings we
advertise (``gzip``, ``deflate``; httpx asks for ``br``/``zstd`` only when
their packages are installed, and they are not dependencies here) the raw
bytes are decompressed here instead, at most :data:`STEP` bytes per call, so
a body cap stops the answer within one step of its limit. Other encodings
fall back to httpx's own decoding.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import httpx

STEP = 64 * 1024  # most bytes one decompression call may produce
ACCEPT_ENCODING = "gzip, deflate"  # what the door asks for: what it can bound


def _decompressor(encoding: str, first: bytes) -> zlib._Decompress:
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    # "deflate" is meant to be zlib-wrapped, but some servers send it raw (as httpx allows).
    wrapped = len(first) >= 2 and (first[0] * 256 + first[1]) % 31 == 0 and first[0] & 0x0F == 8
    return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)


def decompress_steps(raw: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    decompressor: zlib._Decompress | None = None
    for chunk in raw:
        if not chunk:
            continue
        if decompressor is None:
            decompressor = _decompressor(encoding, chunk)
        data = chunk
        while data and not decompressor.eof:
            try:
                out = decompressor.decompress(data, STEP)
            except zlib.error as error:
                raise httpx.DecodingError(f"bad {encoding} body: {error}") from error
            if out:
                yield out
            data = decompressor.unconsumed_tail
    if decompressor is not None:
        tail = decompressor.flush()
        if tail:
            yield tail


def decoded_chunks(response: httpx.Response) -> Iterator[bytes]:
    """The body's decompressed bytes, in pieces of at most :data:`STEP` for gzip/deflate."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        return decompress_steps(response.iter_raw(), encoding)
    if encoding in ("", "identity"):
        return response.iter_raw()  # nothing to decode: no decoder, no re-chunking
    return response.iter_bytes()
