"""Reading OpenAlex's rate-limit headers and summing up what a run cost."""

from __future__ import annotations

from enrich.sources.openalex._allowance import Allowance, Ledger, RequestKind

HEADERS = {
    "x-ratelimit-limit-usd": "1",
    "x-ratelimit-remaining-usd": "0.0005",
    "x-ratelimit-cost-usd": "0.0001",
    "x-ratelimit-reset": "43200",
}


def test_dollar_headers_are_read() -> None:
    allowance = Allowance.from_headers(HEADERS)
    assert (allowance.limit_usd, allowance.remaining_usd, allowance.cost_usd) == (
        1.0,
        0.0005,
        0.0001,
    )
    assert allowance.reset_seconds == 43200
    assert allowance.affords(RequestKind.FILTER)
    assert not allowance.affords(RequestKind.SEARCH)  # ten times dearer than what is left


def test_credit_headers_count_when_dollars_are_absent() -> None:
    spent = Allowance.from_headers({"x-ratelimit-remaining": "0"})
    assert spent.stated and not spent.affords(RequestKind.FILTER)
    assert spent.affords(RequestKind.SINGLETON)
    assert Allowance.from_headers({"x-ratelimit-remaining-usd": "lots"}).stated is False
    assert Allowance().affords(RequestKind.SEARCH)  # nothing stated: ask and see


def test_the_ledger_counts_by_kind_and_reports_what_is_left() -> None:
    ledger = Ledger()
    ledger.count(RequestKind.FILTER, HEADERS, from_cache=False)
    ledger.count(RequestKind.SEARCH, {}, from_cache=False)  # no headers: priced from the terms
    ledger.count(RequestKind.FILTER, HEADERS, from_cache=True)
    assert ledger.sent == {RequestKind.FILTER: 1, RequestKind.SEARCH: 1}
    assert round(ledger.spent_usd, 6) == 0.0011
    assert not ledger.may_send(RequestKind.SEARCH)
    assert ledger.summary() == (
        "OpenAlex: 0 singleton, 1 filter (+1 cached), 1 search request(s), about $0.0011; "
        "allowance left $0.0005 of $1 (headers)"
    )
    ledger.exhausted = "daily allowance spent (429)"
    assert not ledger.may_send(RequestKind.SINGLETON)
    assert ledger.summary().endswith("; stopped: daily allowance spent (429)")
