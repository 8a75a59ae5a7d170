"""A paper's published version, and its citations over every version. Pure.

OpenAlex often holds a paper twice: the arXiv preprint (DOI
``10.48550/arxiv.<id>``, venue "arXiv (Cornell University)", few
citations) and the conference or journal work (the venue, most citations).
Where OpenAlex merged them into one work, ``_works`` already takes the
venue from the published location. Where it did not, the published twin is
found among title-search hits for the preprint's title and accepted only by
the rule every source shares (:func:`enrich.matching.versions.same_paper`:
titles as a search hit is accepted, an author in common, years in order).

The record a paper gets is then the published version (its id, DOI, venue,
year, type), with the preprint's abstract, authors or PDF where the
published one lacks them, ``cited_by_count`` summed over the versions, and
every version's id and count in ``versions``. A preprint whose twin was
looked for and not found says ``preprint_only``; one whose twin could not be
looked for (allowance spent, offline) keeps ``not_looked_up``.

The canonical venue short name comes from the venue table (:func:`enrich.venues.canonical`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from enrich import venues
from enrich.matching.titles import similarity
from enrich.matching.versions import same_paper
from enrich.models import OpenalexRecord, OpenalexVersion, VersionFinding


def is_preprint(record: OpenalexRecord) -> bool:
    return record.version != VersionFinding.PUBLISHED


def _evidence(record: OpenalexRecord) -> tuple[str, list[str], int | None]:
    return record.title, [a.name for a in record.authors], record.publication_year


def twins(preprint: OpenalexRecord, candidates: Iterable[OpenalexRecord]) -> list[OpenalexRecord]:
    """The published records that are versions of ``preprint``, best first."""
    found = [
        c
        for c in candidates
        if c.id != preprint.id
        and not is_preprint(c)
        and same_paper(_evidence(preprint), _evidence(c))
    ]
    return sorted(
        found, key=lambda c: (-similarity(preprint.title, c.title), -(c.cited_by_count or 0), c.id)
    )


def _all_versions(records: Sequence[OpenalexRecord]) -> tuple[OpenalexVersion, ...]:
    unique = {v.id: v for r in records for v in (r.versions or ())}
    return tuple(sorted(unique.values(), key=lambda v: (not v.published, v.id)))


def combine(published: OpenalexRecord, preprints: Sequence[OpenalexRecord]) -> OpenalexRecord:
    """The published record with the preprints folded in (citations summed)."""
    versions = _all_versions([published, *preprints])
    counts = [v.cited_by_count for v in versions if v.cited_by_count is not None]
    first = preprints[0] if preprints else None
    return published.model_copy(
        update={
            "version": VersionFinding.PUBLISHED,
            "versions": versions,
            "cited_by_count": sum(counts) if counts else None,
            "abstract": published.abstract or (first.abstract if first else None),
            "authors": published.authors or (first.authors if first else ()),
            "oa_pdf_url": published.oa_pdf_url or (first.oa_pdf_url if first else None),
            "venue_short": venues.canonical(published.venue),
        }
    )


def settle(record: OpenalexRecord, hits: Sequence[OpenalexRecord] | None) -> OpenalexRecord:
    """``record`` as the paper's record once ``hits`` (a search for its title) are known.

    ``hits`` is ``None`` when no search could be made: a preprint then stays
    ``not_looked_up``. A published record is final whatever the hits.
    """
    if not is_preprint(record):
        return combine(record, ())
    short = venues.canonical(record.venue)
    if hits is None:
        return record.model_copy(
            update={"version": VersionFinding.NOT_LOOKED_UP, "venue_short": short}
        )
    found = twins(record, hits)
    if not found:
        return record.model_copy(
            update={"version": VersionFinding.PREPRINT_ONLY, "venue_short": short}
        )
    return combine(found[0], [record])


def fold(records: Sequence[OpenalexRecord]) -> list[OpenalexRecord]:
    """Search hits with each paper's versions folded into one record (the published one).

    So a title search that finds both versions of a paper offers one
    candidate, not two near-equal ones that leave the choice ambiguous. The
    hits are the search for the paper: a preprint left alone is
    ``preprint_only``.
    """
    published = [r for r in records if not is_preprint(r)]
    folded: dict[str, list[OpenalexRecord]] = {}
    alone: list[OpenalexRecord] = []
    for record in records:
        if not is_preprint(record):
            continue
        found = twins(record, published)
        if found:
            folded.setdefault(found[0].id, []).append(record)
        else:
            update = {
                "version": VersionFinding.PREPRINT_ONLY,
                "venue_short": venues.canonical(record.venue),
            }
            alone.append(record.model_copy(update=update))
    return [combine(r, folded.get(r.id, [])) for r in published] + alone


def version_summary(records: Iterable[OpenalexRecord | None]) -> list[str]:
    """One run-report line: how many papers got their published version, and why not."""
    counts = {finding: 0 for finding in VersionFinding}
    twice = 0
    for record in records:
        if record is not None and record.version is not None:
            counts[record.version] += 1
            twice += len(record.versions) > 1
    if not any(counts.values()):
        return []
    line = (
        f"OpenAlex versions: {counts[VersionFinding.PUBLISHED]} published "
        f"({twice} held twice, citations summed), "
        f"{counts[VersionFinding.PREPRINT_ONLY]} only a preprint"
    )
    if counts[VersionFinding.NOT_LOOKED_UP]:
        line += (
            f", {counts[VersionFinding.NOT_LOOKED_UP]} preprint(s) whose published version "
            "was not looked up (search not affordable or not answered)"
        )
    return [line]
