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
        gc.set_threshold(700, 10, 10)  # Python's defaults
        assert collect_less_often() == (700, 10, 10)
        assert gc.get_threshold() == THRESHOLDS
        assert THRESHOLDS[2] >= 100 * 10  # a hundred times rarer: what this is for
    finally:
        gc.set_threshold(*before)


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="CPython's collector")
def test_no_threshold_is_lowered() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(50_000, 5, 2_000)
        collect_less_often()
        assert gc.get_threshold() == (50_000, THRESHOLDS[1], 2_000)
    finally:
        gc.set_threshold(*before)
