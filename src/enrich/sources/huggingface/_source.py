"""Looking papers up on Hugging Face: one paper request, then its linked artifacts counted.

A target's arXiv id comes from its hints (the list's arXiv link, or an id
another source found). ``/api/papers/{id}`` answers the paper or 404 (not on
Hugging Face's paper pages: ``not_found``); for a paper it has, the models,
datasets and Spaces citing it are counted with ``filter=arxiv:{id}``, up to
``list_limit`` each (a count that fails is left out, never written as 0).
The repository and project page the authors linked are handed to the other
sources as discoveries with the provenance ``huggingface``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from enrich.errors import NetworkError
from enrich.http.types import AheadURL, Door, Response
from enrich.identity.arxiv import ArxivRef, extract_id
from enrich.models import HuggingfaceRecord, HuggingfaceSlot, Provenance, SlotBase, SlotStatus
from enrich.settings import Settings
from enrich.sources.huggingface._answers import (
    PaperAnswer,
    UnusableAnswer,
    count_repositories,
    parse_paper,
)
from enrich.sources.huggingface._policy import SERVICE
from enrich.sources.huggingface._settings import HuggingfaceSettings
from enrich.sources.interface import (
    NO_PREVIOUS,
    PROJECT_PAGE,
    Hint,
    SourceOutcome,
    Target,
    door_failure,
)
from enrich.sources.summary import slot_summary

TITLE = "Hugging Face"
PAPER_PAGE = "https://huggingface.co/papers/{id}"
DISCOVERED_METHOD = "huggingface"
ARTIFACTS = ("models", "datasets", "spaces")


@dataclass(frozen=True)
class _Found:
    slot: HuggingfaceSlot
    hints: tuple[Hint, ...] = ()


@dataclass(frozen=True)
class _Listed:
    """A paper Hugging Face has: its page is read, its artifacts are still to count."""

    provenance: Provenance
    ref: ArxivRef
    paper: PaperAnswer


class HuggingfaceSource:
    """Fills each paper's ``huggingface`` slot through the door."""

    def __init__(self, door: Door, settings: Settings) -> None:
        self.door = door
        self.own = settings.of(HuggingfaceSettings)
        self.api = self.own.api_url.rstrip("/")

    def resolve(
        self, targets: Sequence[Target], previous: Mapping[str, SlotBase] = NO_PREVIOUS
    ) -> SourceOutcome[HuggingfaceSlot]:
        """One slot per target; last run's values are the pipeline's to keep."""
        chosen = {target.key: _chosen(target) for target in targets}
        named = [paper for paper in chosen.values() if paper is not None]
        self.door.read_ahead(SERVICE, urls=[self._paper_url(ref.id) for _, ref in named])
        pages = {key: self._page(paper) for key, paper in chosen.items()}
        # Counts are asked only for the papers it has (most lookups end at a 404): read
        # ahead for those alone, not three answers more for every paper.
        listed = [page for page in pages.values() if isinstance(page, _Listed)]
        self.door.read_ahead(SERVICE, urls=self._count_requests(listed))
        found = {
            key: page if isinstance(page, _Found) else self._counted(page)
            for key, page in pages.items()
        }
        slots = {key: item.slot for key, item in found.items()}
        discovered = {key: item.hints for key, item in found.items() if item.hints}
        notes = slot_summary(TITLE, slots.values())
        return SourceOutcome(slots=slots, discovered=discovered, notes=notes)

    def _count_requests(self, listed: Iterable[_Listed]) -> list[AheadURL]:
        """Every count :meth:`_counted` will ask the door for, so it can read them at once."""
        return [self._count_request(kind, page.ref.id) for page in listed for kind in ARTIFACTS]

    def _paper_url(self, arxiv_id: str) -> str:
        return f"{self.api}/api/papers/{arxiv_id}"

    def _count_request(self, kind: str, arxiv_id: str) -> tuple[str, dict[str, str]]:
        params = {"filter": f"arxiv:{arxiv_id}", "limit": str(self.own.list_limit)}
        return f"{self.api}/api/{kind}", params

    def _page(self, named: tuple[Hint, ArxivRef] | None) -> _Found | _Listed:
        """The paper page a target names (its link and arXiv id): the slot when that ends
        the lookup (no id, not on Hugging Face, a failure), else the page to count for."""
        if named is None:
            return _Found(HuggingfaceSlot(status=SlotStatus.UNRESOLVED, reason="no arXiv id"))
        hint, ref = named
        url = self._paper_url(ref.id)
        provenance = Provenance(method=hint.method, source_url=hint.value)
        try:
            response = self.door.request(SERVICE, "GET", url)
        except NetworkError as error:
            failed = door_failure(TITLE, error)
            return _Found(HuggingfaceSlot(status=failed.status, reason=failed.reason))
        if response.status == 404:
            reason = f"arXiv:{ref.id} is not on Hugging Face's paper pages"
            return _Found(
                HuggingfaceSlot(status=SlotStatus.NOT_FOUND, provenance=provenance, reason=reason)
            )
        try:
            return _Listed(provenance, ref, parse_paper(_ok(response)))
        except UnusableAnswer as error:
            reason = f"Hugging Face answered HTTP {response.status}: {error}"
            return _Found(HuggingfaceSlot(status=SlotStatus.ERROR, reason=reason))

    def _counted(self, page: _Listed) -> _Found:
        """A listed paper's slot, with its models, datasets and Spaces counted."""
        ref, paper = page.ref, page.paper
        counts = {kind: self._count(kind, ref.id) for kind in ARTIFACTS}
        record = HuggingfaceRecord(
            paper_id=ref.id,
            url=PAPER_PAGE.format(id=ref.id),
            upvotes=paper.upvotes,
            github_repo=paper.github_repo,
            project_page=paper.project_page,
            **counts,
        )
        hints = []
        if paper.github_repo:
            hints.append(Hint(paper.github_repo, DISCOVERED_METHOD))
        if paper.project_page:
            hints.append(Hint(paper.project_page, DISCOVERED_METHOD, PROJECT_PAGE))
        slot = HuggingfaceSlot(status=SlotStatus.OK, provenance=page.provenance, record=record)
        return _Found(slot, tuple(hints))

    def _count(self, kind: str, arxiv_id: str) -> int | None:
        """How many repositories of ``kind`` cite the paper; ``None`` if not known."""
        url, params = self._count_request(kind, arxiv_id)
        try:
            response = self.door.request(SERVICE, "GET", url, params=params)
            return count_repositories(_ok(response))
        except (NetworkError, UnusableAnswer):
            return None


def _chosen(target: Target) -> tuple[Hint, ArxivRef] | None:
    """The first of the target's links that names an arXiv paper, and its id."""
    return next(((h, ref) for h in target.hints if (ref := extract_id(h.value))), None)


def _ok(response: Response) -> bytes:
    if not response.ok:
        raise UnusableAnswer(f"HTTP {response.status}")
    return response.body
