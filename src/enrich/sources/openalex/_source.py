"""The OpenAlex source: authors, abstract, venue, year, DOI, open-access PDF and citations.

For every paper, on arXiv or not. The order of requests follows OpenAlex's
prices: free singletons (an OpenAlex link), then DOI filter batches (a DOI
or an arXiv id, whose DataCite DOI OpenAlex knows), then — only for papers
with neither — title searches, the dearest kind, which the allowance may
no longer cover. See ``_plan`` for the identities, ``_match`` for when a
search hit is taken, ``_allowance`` for the terms.

A paper OpenAlex holds twice gets its published version (``_versions``):
a preprint found by its arXiv DOI is followed by a search for its title
(after every other lookup, because searches are the dearest requests),
and title-search hits are folded by version before one is chosen.

Failures are values, as for every source: a DOI OpenAlex does not know is
``not_found``; a failed request ``error``; a lookup not made because the
allowance is spent, the key was refused or the run is offline ``skipped``
(the pipeline then keeps last run's record, stale, never a zero). The run
report gets one line with the requests by kind, their cost and the
allowance the headers said was left.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from enrich.http.types import Door
from enrich.matching.titles import MatchKind, compare, query_terms
from enrich.models import (
    DataWarning,
    OpenalexRecord,
    OpenalexSlot,
    Provenance,
    SlotBase,
    SlotStatus,
    WarningKind,
)
from enrich.settings import Settings
from enrich.sources.interface import NO_PREVIOUS, SourceOutcome, Target
from enrich.sources.openalex._allowance import Ledger
from enrich.sources.openalex._client import Found, OpenalexClient, SearchOutcome
from enrich.sources.openalex._match import Choice, choose
from enrich.sources.openalex._plan import Lookup, is_arxiv_doi, lookup_for, title_filter
from enrich.sources.openalex._settings import OpenalexSettings
from enrich.sources.openalex._versions import fold, is_preprint, settle, version_summary
from enrich.sources.summary import slot_summary


@dataclass
class _Verdict:
    slot: OpenalexSlot
    warnings: list[DataWarning] = field(default_factory=list)


def _title_query(lookup: Lookup) -> tuple[str, ...]:
    return query_terms(lookup.target.title or "")


def _merged_away(lookup: Lookup, dois: Found) -> bool:
    """An arXiv DOI OpenAlex does not hold, for a paper with a title to search."""
    doi = lookup.doi
    return bool(doi and is_arxiv_doi(doi) and doi in dois.missing and _title_query(lookup))


@dataclass(frozen=True)
class _Answers:
    works: Found
    dois: Found
    searches: Mapping[tuple[str, ...], SearchOutcome]
    # work id -> why values were refused, wherever the work was read (built once: a
    # lookup per record, not a scan of every search per record)
    refusals: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, works: Found, dois: Found, searches: Mapping[tuple[str, ...], SearchOutcome]
    ) -> _Answers:
        refusals: dict[str, tuple[str, ...]] = {}
        places = (works.refused, dois.refused, *(o.refused for o in searches.values()))
        for place in places:
            for work_id, reasons in place.items():
                refusals[work_id] = tuple(dict.fromkeys((*refusals.get(work_id, ()), *reasons)))
        return cls(works, dois, searches, refusals)

    def hits(self, record: OpenalexRecord) -> list[OpenalexRecord] | None:
        """The hits of the search for ``record``'s title; ``None``: not searched."""
        outcome = self.searches.get(query_terms(record.title))
        return None if outcome is None or outcome.failure else list(outcome.records)

    def refused(self, record: OpenalexRecord) -> list[str]:
        """Why values of ``record``'s versions were refused, wherever they were read."""
        ids = [v.id for v in record.versions] or [record.id]
        return list(dict.fromkeys(r for i in ids for r in self.refusals.get(i, ())))


def _slot(
    status: SlotStatus,
    provenance: Provenance | None = None,
    record: OpenalexRecord | None = None,
    reason: str | None = None,
) -> OpenalexSlot:
    return OpenalexSlot(status=status, provenance=provenance, record=record, reason=reason)


def _warning(target: Target, message: str) -> DataWarning:
    return DataWarning(
        kind=WarningKind.OPENALEX,
        file=target.file,
        line=target.line,
        entry_id=target.key,
        message=message,
    )


class OpenalexSource:
    """Finds each paper's OpenAlex work and fills the ``openalex`` slot, through the door."""

    def __init__(self, door: Door, settings: Settings) -> None:
        self.door = door
        self.api_url = settings.of(OpenalexSettings).api_url
        self.api_key = settings.of(OpenalexSettings).api_key  # only to tell whose allowance
        self.clock: Callable[[], float] = time.time  # which UTC day it is (the allowance's)

    def resolve(
        self, targets: Sequence[Target], previous: Mapping[str, SlotBase] = NO_PREVIOUS
    ) -> SourceOutcome[OpenalexSlot]:
        """One slot per target; ``previous`` is not needed (the pipeline keeps stale values)."""
        ledger = Ledger()
        client = OpenalexClient(self.door, self.api_url, ledger, self.api_key)
        try:
            return self._resolve(client, ledger, targets)
        finally:
            client.close()

    def _resolve(
        self, client: OpenalexClient, ledger: Ledger, targets: Sequence[Target]
    ) -> SourceOutcome[OpenalexSlot]:
        client.recall_day(self.clock())
        lookups = [lookup_for(t) for t in targets]
        works = client.works(lk.work_id for lk in lookups if lk.work_id)
        dois = client.dois(lk.doi for lk in lookups if lk.doi and not lk.work_id)
        # A paper OpenAlex merged into its published version is not under its arXiv
        # DOI (a work's ``doi`` is the published one): such a miss is searched by title.
        merged = [lk for lk in lookups if _merged_away(lk, dois)]
        searches = client.search(
            [lk.query for lk in lookups if not lk.identified] + [_title_query(lk) for lk in merged]
        )
        preprints = [r for found in (works, dois) for r in found.records.values() if is_preprint(r)]
        twins = client.search(query_terms(r.title) for r in preprints if r.title)  # last: dearest
        answers = _Answers.of(works, dois, {**twins, **searches})
        verdicts = {lk.target.key: self._decide(lk, answers, client) for lk in lookups}
        warnings = [w for v in verdicts.values() for w in v.warnings]
        notes = version_summary(v.slot.record for v in verdicts.values())
        notes += [f"OpenAlex: a work was unusable: {reason}" for reason in client.rejected]
        notes += [ledger.summary()] if lookups else []  # last: what the run cost
        client.remember_day()
        return SourceOutcome(
            slots={key: v.slot for key, v in verdicts.items()},
            warnings=tuple(warnings),
            notes=(*slot_summary("OpenAlex", (v.slot for v in verdicts.values())), *notes),
        )

    # ------------------------------------------------------------- decisions
    def _decide(self, lookup: Lookup, answers: _Answers, client: OpenalexClient) -> _Verdict:
        if lookup.work_id is not None:
            return self._identified(lookup, lookup.work_id, answers, answers.works, "work")
        if lookup.doi is not None:
            return self._identified(lookup, lookup.doi, answers, answers.dois, "DOI")
        if not lookup.query:
            return _Verdict(_slot(SlotStatus.UNRESOLVED, reason="no DOI, arXiv id or title"))
        outcome = answers.searches.get(lookup.query, SearchOutcome(failure="not searched"))
        return self._searched(lookup, outcome, client.query_url(lookup.query))

    def _identified(
        self, lookup: Lookup, key: str, answers: _Answers, found: Found, what: str
    ) -> _Verdict:
        assert lookup.hint is not None
        provenance = Provenance(method=lookup.hint.method, source_url=lookup.hint.value)
        target = lookup.target
        record = found.records.get(key)
        if record is not None:
            record = settle(record, answers.hits(record))
            match = compare(target.title, record.title) if target.title else None
            if match is not None:
                similarity = round(match.similarity, 3)
                provenance = provenance.model_copy(update={"title_similarity": similarity})
            verdict = _Verdict(_slot(SlotStatus.OK, provenance, record))
            if match is not None and match.kind == MatchKind.NONE and not is_arxiv_doi(key):
                message = (
                    f"the list's title {target.title!r} differs from OpenAlex {record.id} "
                    f"{record.title!r} (similarity {match.similarity:.2f}): is the link right?"
                )
                verdict.warnings.append(_warning(target, message))
            if record.merged_from:
                message = f"OpenAlex merged {record.merged_from} into {record.id}; link the latter"
                verdict.warnings.append(_warning(target, message))
            verdict.warnings.extend(_warning(target, r) for r in answers.refused(record))
            return verdict
        if key in found.missing and _merged_away(lookup, found):
            outcome = answers.searches.get(_title_query(lookup))
            if outcome is not None and outcome.failure is None:
                found_by_title = self._searched(lookup, outcome, self._query_url(lookup))
                if found_by_title.slot.status == SlotStatus.OK:
                    return found_by_title
            elif outcome is not None and outcome.skipped:  # not asked: nothing is known yet
                reason = f"not under its arXiv DOI; title search {outcome.failure}"
                return _Verdict(_slot(SlotStatus.SKIPPED, provenance, reason=reason))
        if key in found.missing:
            reason = f"OpenAlex has no work with {what} {key}"
            return _Verdict(
                _slot(SlotStatus.NOT_FOUND, provenance, reason=reason), [_warning(target, reason)]
            )
        if key in found.skipped:
            return _Verdict(_slot(SlotStatus.SKIPPED, provenance, reason=found.skipped[key]))
        reason = found.failed.get(key, "no answer from OpenAlex")
        return _Verdict(
            _slot(SlotStatus.ERROR, provenance, reason=reason), [_warning(target, reason)]
        )

    def _query_url(self, lookup: Lookup) -> str:
        """The title search for ``lookup`` as a URL a person can open (without the key)."""
        return f"{self.api_url.rstrip('/')}/works?filter={title_filter(_title_query(lookup))}"

    def _searched(self, lookup: Lookup, outcome: SearchOutcome, query_url: str) -> _Verdict:
        target = lookup.target
        if outcome.failure is not None:
            status = SlotStatus.SKIPPED if outcome.skipped else SlotStatus.ERROR
            reason = f"title search: {outcome.failure}"
            warnings = [] if outcome.skipped else [_warning(target, reason)]
            return _Verdict(_slot(status, reason=reason), warnings)
        choice = choose(target.title or "", target.year, fold(outcome.records))
        verdict = self._chosen(target, choice, query_url)
        if choice.accepted is not None:
            refused = outcome.refused
            ids = [v.id for v in choice.accepted.record.versions]
            reasons = dict.fromkeys(r for i in ids for r in refused.get(i, ()))
            verdict.warnings.extend(_warning(target, reason) for reason in reasons)
        return verdict

    @staticmethod
    def _chosen(target: Target, choice: Choice, query_url: str) -> _Verdict:
        if choice.accepted is not None:
            provenance = Provenance(
                method="title_search",
                source_url=query_url,
                confidence=choice.confidence,
                title_similarity=round(choice.accepted.match.similarity, 3),
            )
            return _Verdict(_slot(SlotStatus.OK, provenance, choice.accepted.record))
        best = choice.best
        provenance = Provenance(
            method="title_search",
            source_url=query_url,
            confidence=0.0,
            title_similarity=round(best.match.similarity, 3) if best else None,
            candidate=best.label if best else None,
        )
        slot = _slot(SlotStatus.UNRESOLVED, provenance, reason=choice.reason)
        if best is None:
            return _Verdict(slot)
        message = f"no confident OpenAlex match for {target.title!r}: {choice.reason}"
        return _Verdict(slot, [_warning(target, message)])
