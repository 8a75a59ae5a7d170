"""The log of which keys earlier lists of a process looked up (enrich.http.lookups)."""

from __future__ import annotations

from enrich.http.lookups import LookupLog


def test_only_lists_that_ended_count_and_forgetting_ends_them_all() -> None:
    log = LookupLog()
    log.looked_up("item|arxiv|record:1")
    assert not log.earlier_looked_up("item|arxiv|record:1")  # the current list's own
    log.close_list()
    log.looked_up("item|arxiv|record:2")
    assert log.earlier_looked_up("item|arxiv|record:1")
    assert not log.earlier_looked_up("item|arxiv|record:2")
    assert not log.earlier_looked_up("item|arxiv|record:3")  # never looked up
    log.close_list()
    keys = [f"answer|pages|GET|https://lab{n}.example/" for n in range(5000)]
    for key in keys:
        log.looked_up(key)
    log.close_list()
    assert all(log.earlier_looked_up(key) for key in (*keys, "item|arxiv|record:1"))
    assert not log.earlier_looked_up("answer|pages|GET|https://lab5000.example/")
    log.forget_earlier()
    assert not any(log.earlier_looked_up(key) for key in (*keys, "item|arxiv|record:2"))
