"""``enrich run`` makes full collections rare (``enrich.pipeline.collector``)."""

from __future__ import annotations

import gc
import platform

import pytest

from enrich.pipeline.collector import THRESHOLDS, collect_less_often


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="CPython's collector")
def test_full_collections_become_rare_and_the_old_thresholds_are_returned() -> None:
    before = gc.get_threshold()
    try:
        assert collect_less_often() == before
        assert gc.get_threshold() == THRESHOLDS
        assert THRESHOLDS[2] >= 100 * 10  # Python's default is 10: what this is for
    finally:
        gc.set_threshold(*before)
