"""The arXiv source: find each entry's arXiv id and fill its record.

For every target, in this order of trust:

1. **A direct link** (a hint with method ``link``) in any arXiv shape. The
   record is fetched in a batch. A list's label is often not the arXiv title,
   so the link stays when the titles agree in any way (same, renamed, the
   label is the method name, occurs in the title, or spells its initials).
   Only when the label fits nothing in the linked title *and* a title search
   finds a paper that surely is the label does the search win, with an
   ``arxiv_link_mismatch`` warning; otherwise the link stays with an
   ``arxiv_title_mismatch`` warning.
2. **An id from another stage** (project page, repository): taken when it
   agrees with the title, without searching if it agrees closely.
3. **A title search**, accepted only under the rules of
   :mod:`enrich.sources.arxiv._match`; when unsure the slot stays
   ``unresolved`` and a warning names the best candidate.

Failures are values: an unknown id is ``not_found``, an id arXiv rejects is
``not_found`` with arXiv's message, a failed service is ``error`` (the
pipeline keeps an earlier value as stale), an offline cache miss ``skipped``.
Code links (``github.com/owner/repo``) in the record's comment and abstract are
handed on as ``arxiv_comment`` hints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from enrich.http.types import Door
from enrich.identity.arxiv import extract_id, is_arxiv_url
from enrich.identity.github import repos_in_text
from enrich.matching.confidence import confidence
from enrich.matching.titles import MatchKind, compare, query_terms, same_head, tokens
from enrich.models import (
    ArxivRecord,
    ArxivSlot,
    DataWarning,
    Provenance,
    SlotBase,
    SlotStatus,
    WarningKind,
)
from enrich.settings import Settings
from enrich.sources.arxiv._client import ArxivClient, FetchResult, SearchOutcome, search_query
from enrich.sources.arxiv._match import Choice, choose
from enrich.sources.arxiv._settings import ArxivSettings
from enrich.sources.interface import NO_PREVIOUS, Hint, SourceOutcome, Target
from enrich.sources.summary import slot_summary

DIRECT_METHODS = frozenset({"link"})
LABEL_TOKENS = 3  # a "title" this short is a label (a method name), not a paper title
SECONDARY_CONFIDENCE = 0.9
WEAK_SECONDARY_CONFIDENCE = 0.6


@dataclass(frozen=True)
class _Plan:
    """What a target's hints say before any request."""

    target: Target
    direct: tuple[str, Hint] | None = None
    secondary: tuple[tuple[str, Hint], ...] = ()
    bad_links: tuple[str, ...] = ()


@dataclass
class _Verdict:
    slot: ArxivSlot
    warnings: list[DataWarning] = field(default_factory=list)


def plan(target: Target) -> _Plan:
    """Split a target's hints into the direct arXiv link, other ids, and broken arXiv links."""
    direct: tuple[str, Hint] | None = None
    secondary: list[tuple[str, Hint]] = []
    bad: list[str] = []
    for hint in target.hints:
        ref = extract_id(hint.value)
        if ref is None:
            if is_arxiv_url(hint.value):
                bad.append(hint.value)
        elif hint.method in DIRECT_METHODS and direct is None:
            direct = (ref.id, hint)
        elif all(ref.id != known for known, _ in secondary):
            secondary.append((ref.id, hint))
    return _Plan(target, direct, tuple(secondary), tuple(bad))


def code_links(record: ArxivRecord) -> tuple[str, ...]:
    """``https://github.com/owner/repo`` for every repository the comment or abstract names."""
    refs = repos_in_text(f"{record.comment or ''}\n{record.abstract or ''}")
    return tuple(f"https://github.com/{ref.full_name}" for ref in refs)


def _links(target: Target) -> str:
    """The entry's links as one text: evidence of a method's name (see ``names_differ``)."""
    return " ".join(hint.value for hint in target.hints)


def _is_label(title: str) -> bool:
    return len(tokens(title)) <= LABEL_TOKENS


class ArxivSource:
    """Resolves arXiv ids and records for a batch of targets, through the door."""

    def __init__(self, door: Door, settings: Settings) -> None:
        self.settings = settings.of(ArxivSettings)
        self.client = ArxivClient(door, settings)

    # -------------------------------------------------------------- resolve
    def resolve(
        self, targets: Sequence[Target], previous: Mapping[str, SlotBase] = NO_PREVIOUS
    ) -> SourceOutcome[ArxivSlot]:
        """The :class:`~enrich.sources.interface.Source` method; last run's slots are not needed."""
        plans = [plan(t) for t in targets]
        ids = [p.direct[0] for p in plans if p.direct]
        ids += [i for p in plans for i, _ in p.secondary]
        fetched = self.client.fetch(ids)
        searches = self.client.search(self._queries(plans, fetched))
        verdicts = {p.target.key: self._decide(p, fetched, searches) for p in plans}
        warnings = [w for p in plans for w in self._link_warnings(p)]
        warnings += [w for v in verdicts.values() for w in v.warnings]
        return SourceOutcome(
            slots={key: v.slot for key, v in verdicts.items()},
            warnings=tuple(warnings),
            discovered=self._discovered(verdicts),
            notes=slot_summary("arXiv", (v.slot for v in verdicts.values())),
        )

    def _queries(self, plans: Sequence[_Plan], fetched: FetchResult) -> list[tuple[str, ...]]:
        """Title queries for targets that need a search (no link, or a link to another paper)."""
        queries = []
        for p in plans:
            title = p.target.title
            if not title or not query_terms(title):
                continue
            if p.direct is None:
                if not self._strong_secondary(p, fetched):
                    queries.append(query_terms(title))
                continue
            record = fetched.records.get(p.direct[0])
            if record is not None and compare(title, record.title).kind == MatchKind.NONE:
                queries.append(query_terms(title))
        return queries

    def _strong_secondary(self, p: _Plan, fetched: FetchResult) -> tuple[ArxivRecord, Hint] | None:
        for arxiv_id, hint in p.secondary:
            record = fetched.records.get(arxiv_id)
            if (
                record
                and p.target.title
                and compare(p.target.title, record.title).accepts_search_hit
            ):
                return record, hint
        return None

    # ------------------------------------------------------------- decisions
    def _decide(
        self, p: _Plan, fetched: FetchResult, searches: Mapping[tuple[str, ...], SearchOutcome]
    ) -> _Verdict:
        if p.direct is None:
            return self._unlinked(p, fetched, searches)
        arxiv_id, hint = p.direct
        record = fetched.records.get(arxiv_id)
        if record is not None:
            return self._linked(p, record, hint, searches)
        return self._link_failed(p, arxiv_id, hint, fetched)

    def _link_failed(self, p: _Plan, arxiv_id: str, hint: Hint, fetched: FetchResult) -> _Verdict:
        provenance = Provenance(method=hint.method, source_url=hint.value)
        if arxiv_id in fetched.missing:
            status, reason = SlotStatus.NOT_FOUND, f"arXiv has no paper {arxiv_id}"
        elif arxiv_id in fetched.malformed:
            status = SlotStatus.NOT_FOUND
            reason = f"arXiv rejected the id {arxiv_id}: {fetched.malformed[arxiv_id]}"
        elif arxiv_id in fetched.skipped:
            return _Verdict(_slot(SlotStatus.SKIPPED, provenance, reason=fetched.skipped[arxiv_id]))
        else:
            status = SlotStatus.ERROR
            reason = fetched.failed.get(arxiv_id, "no answer from the arXiv API")
        slot = _slot(status, provenance, reason=reason)
        return _Verdict(slot, [self._warning(p.target, WarningKind.ARXIV, reason)])

    def _linked(
        self,
        p: _Plan,
        record: ArxivRecord,
        hint: Hint,
        searches: Mapping[tuple[str, ...], SearchOutcome],
    ) -> _Verdict:
        title = p.target.title
        link = Provenance(method=hint.method, source_url=hint.value)
        if not title:
            return _Verdict(_slot(SlotStatus.OK, link, record))
        match = compare(title, record.title)
        link = link.model_copy(update={"title_similarity": round(match.similarity, 3)})
        verdict = _Verdict(_slot(SlotStatus.OK, link, record))
        if match.kind in (MatchKind.EXACT, MatchKind.CLOSE):
            return verdict
        if match.kind != MatchKind.NONE:
            if match.kind == MatchKind.RENAMED or not _is_label(title):
                verdict.warnings.append(self._title_mismatch(p.target, record, match.similarity))
            return verdict
        outcome = searches.get(query_terms(title))
        if outcome is not None and outcome.failure is None:
            choice = choose(
                title, p.target.year, outcome.records, exclude=record.id, evidence=_links(p.target)
            )
            if choice.accepted is not None:
                return self._relinked(p, record, hint, choice)
        verdict.warnings.append(self._title_mismatch(p.target, record, match.similarity))
        return verdict

    def _relinked(self, p: _Plan, linked: ArxivRecord, hint: Hint, choice: Choice) -> _Verdict:
        assert choice.accepted is not None
        found = choice.accepted
        slot = _slot(SlotStatus.OK, self._search_provenance(p.target, choice), found.record)
        message = (
            f"the link {hint.value} points at arXiv:{linked.id} {linked.title!r}, "
            f"which is not {p.target.title!r}; a title search found {found.label}, used instead"
        )
        return _Verdict(slot, [self._warning(p.target, WarningKind.ARXIV_LINK_MISMATCH, message)])

    def _unlinked(
        self, p: _Plan, fetched: FetchResult, searches: Mapping[tuple[str, ...], SearchOutcome]
    ) -> _Verdict:
        strong = self._strong_secondary(p, fetched)
        if strong is not None:
            return self._from_secondary(p, *strong, SECONDARY_CONFIDENCE)
        title = p.target.title
        terms = query_terms(title) if title else ()
        if not title or not terms:
            return _Verdict(_slot(SlotStatus.UNRESOLVED, reason="no arXiv link and no title"))
        outcome = searches.get(terms, SearchOutcome(failure="the title was not searched"))
        if outcome.failure is not None:
            status = SlotStatus.SKIPPED if outcome.offline else SlotStatus.ERROR
            return _Verdict(_slot(status, reason=f"title search failed: {outcome.failure}"))
        choice = choose(title, p.target.year, outcome.records, evidence=_links(p.target))
        if choice.accepted is not None:
            return self._searched(p, choice)
        weak = self._weak_secondary(p, fetched)
        if weak is not None:
            return self._from_secondary(p, *weak, WEAK_SECONDARY_CONFIDENCE)
        return self._unresolved(p, choice)

    def _weak_secondary(self, p: _Plan, fetched: FetchResult) -> tuple[ArxivRecord, Hint] | None:
        for arxiv_id, hint in p.secondary:
            record = fetched.records.get(arxiv_id)
            title = p.target.title
            if record and title and self._confirms(title, record.title):
                return record, hint
        return None

    @staticmethod
    def _confirms(title: str, arxiv_title: str) -> bool:
        """Weak agreement, enough for an id found by another stage (not for a search)."""
        return compare(title, arxiv_title).kind == MatchKind.LABEL_IN_TITLE or same_head(
            title, arxiv_title
        )

    def _from_secondary(self, p: _Plan, record: ArxivRecord, hint: Hint, trust: float) -> _Verdict:
        similarity = compare(p.target.title or "", record.title).similarity
        provenance = Provenance(
            method=hint.method,
            source_url=hint.value,
            confidence=trust,
            title_similarity=round(similarity, 3),
        )
        return _Verdict(_slot(SlotStatus.OK, provenance, record))

    def _searched(self, p: _Plan, choice: Choice) -> _Verdict:
        assert choice.accepted is not None
        found = choice.accepted
        slot = _slot(SlotStatus.OK, self._search_provenance(p.target, choice), found.record)
        verdict = _Verdict(slot)
        if found.match.kind == MatchKind.RENAMED:
            verdict.warnings.append(
                self._title_mismatch(p.target, found.record, found.match.similarity)
            )
        return verdict

    def _unresolved(self, p: _Plan, choice: Choice) -> _Verdict:
        best = choice.best
        provenance = Provenance(
            method="title_search",
            source_url=self._query_url(p.target),
            confidence=0.0,
            title_similarity=round(best.match.similarity, 3) if best else None,
            candidate=best.label if best else None,
        )
        verdict = _Verdict(_slot(SlotStatus.UNRESOLVED, provenance, reason=choice.reason))
        if best is not None:
            message = f"no confident arXiv match for {p.target.title!r}: {choice.reason}"
            verdict.warnings.append(self._warning(p.target, WarningKind.ARXIV, message))
        return verdict

    # --------------------------------------------------------------- helpers
    def _search_provenance(self, target: Target, choice: Choice) -> Provenance:
        assert choice.accepted is not None
        return Provenance(
            method="title_search",
            source_url=self._query_url(target),
            confidence=choice.confidence or confidence(choice.accepted.match),
            title_similarity=round(choice.accepted.match.similarity, 3),
        )

    def _query_url(self, target: Target) -> str:
        query = search_query([query_terms(target.title or "")])
        return f"{self.settings.api_url}?{urlencode({'search_query': query})}"

    def _title_mismatch(
        self, target: Target, record: ArxivRecord, similarity: float
    ) -> DataWarning:
        message = (
            f"the list's title {target.title!r} differs from arXiv:{record.id} "
            f"{record.title!r} (similarity {similarity:.2f})"
        )
        return self._warning(target, WarningKind.ARXIV_TITLE_MISMATCH, message)

    def _link_warnings(self, p: _Plan) -> list[DataWarning]:
        return [
            self._warning(p.target, WarningKind.ARXIV, f"the arXiv link {url} names no valid id")
            for url in p.bad_links
        ]

    @staticmethod
    def _warning(target: Target, kind: WarningKind, message: str) -> DataWarning:
        return DataWarning(
            kind=kind, file=target.file, line=target.line, entry_id=target.key, message=message
        )

    @staticmethod
    def _discovered(verdicts: Mapping[str, _Verdict]) -> dict[str, tuple[Hint, ...]]:
        found = {}
        for key, verdict in verdicts.items():
            record = verdict.slot.record
            links = code_links(record) if record else ()
            if links:
                found[key] = tuple(Hint(url, "arxiv_comment") for url in links)
        return found


def _slot(
    status: SlotStatus,
    provenance: Provenance | None = None,
    record: ArxivRecord | None = None,
    reason: str | None = None,
) -> ArxivSlot:
    return ArxivSlot(status=status, provenance=provenance, record=record, reason=reason)
