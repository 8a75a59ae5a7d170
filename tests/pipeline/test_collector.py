"""``enrich run`` makes the cycle collector run less often (``enrich.pipeline.collector``)."""

from __future__ import annotations

import gc
import platform

import pytest

from enrich.pipeline.collector import THRESHOLDS, collect_less_often


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="CPython's collector")
def test_the_thresholds_are_raised_and_the_old_ones_returned() -> None:
    before = gc.get_threshold()
    try:
        assert collect_less_often() == before
        assert gc.get_threshold() == THRESHOLDS
        assert THRESHOLDS[0] > 700  # Python's default: what this is for
    finally:
        gc.set_threshold(*before)
