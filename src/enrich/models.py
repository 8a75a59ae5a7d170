"""Typed, frozen records: the data contract between the stages and with renderers.

Everything written to ``data/enriched/*.json`` is one of these records, and the
JSON Schema in ``schema/enriched.schema.json`` is generated from them
(``enrich.output.schema``), so the contract and the code cannot drift apart.

Failure is a value, never a zero: every enrichment slot carries a ``status``.
A lookup that failed this run keeps the last good ``record`` and says
``stale`` with ``stale_since``; a lookup that never succeeded has
``record: null`` and a ``reason``. A renderer therefore never mistakes
"GitHub was down" for "0 stars".

Only upstream facts and dates the upstream services state live here; run
timings, request counts and "checked at" times go to the run report, so the
JSON changes only when the data changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

# minor: additive (Tool.category, links, attributes; Paper.venue_as_written, link role dataset)
SCHEMA_VERSION = "1.2"


class Record(BaseModel):
    """Base of every record: immutable, and strict about unknown fields.

    Every record shares its class's one set of field names as the names it
    was given (:func:`_share_fields_set`).
    """

    # Every key is always written, so the schema marks every key required.
    model_config = ConfigDict(
        frozen=True, extra="forbid", json_schema_serialization_defaults_required=True
    )

    def model_post_init(self, context: Any, /) -> None:
        _share_fields_set(self)  # called by pydantic after every validation of a record

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        _share_fields_set(copied)
        return copied


_FIELD_NAMES: dict[type[BaseModel], set[str]] = {}  # each record class's, shared: never changed
_FEWER_NAMES: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}  # the same, for fewer


def _share_fields_set(record: BaseModel) -> None:
    """Give ``record`` its class's shared set of field names in place of a set of its own.

    Why: pydantic keeps, in every instance, a new set of the fields it was
    given (``model_fields_set``, for ``exclude_unset``, which nothing here
    uses). A 10,000-entry run holds 220,000 records, and those sets took
    110 MB, twice the records' own ``__dict__``: a quarter of the run's peak.
    A record given every field (as every record read back from JSON is: every
    key is always written) now points at its class's one set, and records
    given the same fewer fields share one set of those. Nothing changes what
    the set says; pydantic copies it before changing it (``model_copy``), and
    frozen records never add to it.
    """
    given = record.__pydantic_fields_set__
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES.setdefault(cls, set(cls.model_fields))
    if given is names:
        return
    if len(given) == len(names):  # only field names: the same set
        shared = names
    else:  # built in code with some defaults left out: one set per such shape
        shared = _FEWER_NAMES.setdefault((cls, frozenset(given)), given)
    object.__setattr__(record, "__pydantic_fields_set__", shared)


# --------------------------------------------------------------------------- #
# Enrichment status and provenance
# --------------------------------------------------------------------------- #


class SlotStatus(StrEnum):
    """What a source said about an entry in the latest run."""

    OK = "ok"  # resolved and filled this run (or from a fresh cache)
    STALE = "stale"  # this run failed; `record` holds the last good values
    NOT_FOUND = "not_found"  # the source answered: no such record (404, unknown id)
    UNRESOLVED = "unresolved"  # nothing identified a record (no link, no confident match)
    ERROR = "error"  # the source failed and no earlier value exists
    SKIPPED = "skipped"  # not attempted this run (--only, offline miss, quota exhausted)


class Provenance(Record):
    """How a slot's identity (arXiv id, repository, page URL) was found."""

    method: str = Field(
        description=(
            "What produced the identity: 'link' (the entry's own link), 'badge', "
            "'title_search', 'arxiv_comment', 'project_page', 'repo_homepage', "
            "'github_io', 'previous_run', ..."
        )
    )
    source_url: str | None = Field(None, description="The link or query the identity came from.")
    confidence: float = Field(1.0, ge=0.0, le=1.0, description="1.0 for an explicit link.")
    title_similarity: float | None = Field(
        None, ge=0.0, le=1.0, description="Similarity of the list's title and the record's title."
    )
    candidate: str | None = Field(
        None, description="The best rejected candidate, when the identity was left empty."
    )


class SlotBase(Record):
    """Fields shared by every enrichment slot."""

    status: SlotStatus
    provenance: Provenance | None = None
    stale_since: str | None = Field(
        None, description="ISO date of the first failed run since the last success."
    )
    reason: str | None = Field(None, description="Why the slot is not 'ok', for people.")


# --------------------------------------------------------------------------- #
# arXiv
# --------------------------------------------------------------------------- #


class ArxivAuthor(Record):
    name: str
    affiliations: tuple[str, ...] = ()


class ArxivRecord(Record):
    """One arXiv paper as the arXiv API describes it."""

    id: str = Field(
        description="Canonical id without version, e.g. '2104.11116' or 'math/0309136'."
    )
    version: int | None = Field(None, ge=1, description="Latest version number.")
    title: str
    authors: tuple[ArxivAuthor, ...] = ()
    abstract: str | None = None
    published: str | None = Field(None, description="Date of v1 (ISO 8601 date).")
    updated: str | None = Field(None, description="Date of the latest version (ISO 8601 date).")
    categories: tuple[str, ...] = ()
    primary_category: str | None = None
    doi: str | None = None
    journal_ref: str | None = None
    comment: str | None = None
    abs_url: str
    pdf_url: str | None = None


class ArxivSlot(SlotBase):
    record: ArxivRecord | None = None


# --------------------------------------------------------------------------- #
# GitHub
# --------------------------------------------------------------------------- #


class GithubRelease(Record):
    tag: str
    published: str | None = None


class GithubRecord(Record):
    """One repository's facts as GitHub reports them."""

    repo_id: int | None = Field(None, description="GitHub's numeric id; survives renames.")
    full_name: str
    url: str
    stars: int | None = Field(None, ge=0)
    forks: int | None = Field(None, ge=0)
    watchers: int | None = Field(None, ge=0)
    open_issues: int | None = Field(None, ge=0)
    description: str | None = None
    homepage: str | None = None
    topics: tuple[str, ...] = ()
    license: str | None = Field(None, description="SPDX id.")
    language: str | None = None
    archived: bool | None = None
    disabled: bool | None = Field(None, description="GitHub disabled it (e.g. a DMCA takedown).")
    empty: bool | None = Field(None, description="The repository holds no commits.")
    fork: bool | None = None
    created: str | None = None
    pushed: str | None = None
    latest_release: GithubRelease | None = None
    renamed_from: str | None = Field(
        None, description="The name the list uses, when GitHub redirected it to `full_name`."
    )


class Trend(Record):
    """Stars gained, computed from the list's star history (``data/history/<list>.csv``).

    The history keeps a row only when a figure changed, so a count held from
    its row's date until the next row. ``since_*`` is the date of the figure a
    gain counts from (the last recorded change on or before the window's
    start) and ``until`` the date of the latest figure: dates of recorded
    figures, so the JSON changes only when the history does. A gain is null,
    never zero, while the history does not reach back far enough.
    """

    stars_7d: int | None = Field(None, description="Stars gained in the last 7 days.")
    since_7d: str | None = Field(None, description="ISO date the 7-day gain counts from.")
    stars_30d: int | None = Field(None, description="Stars gained in the last 30 days.")
    since_30d: str | None = Field(None, description="ISO date the 30-day gain counts from.")
    until: str | None = Field(None, description="ISO date of the latest recorded figure.")


class GithubSlot(SlotBase):
    record: GithubRecord | None = None
    trend: Trend | None = Field(
        None, description="From the star history; null when the repository has no numeric id."
    )


# --------------------------------------------------------------------------- #
# OpenAlex
# --------------------------------------------------------------------------- #


class OpenalexAuthor(Record):
    name: str
    orcid: str | None = Field(None, description="Bare ORCID iD, e.g. '0000-0002-1825-0097'.")
    institutions: tuple[str, ...] = Field(
        (), description="Institution names, as OpenAlex has them."
    )


class VersionFinding(StrEnum):
    """Which version of a paper an OpenAlex record describes."""

    PUBLISHED = "published"  # the journal or proceedings version (merged or found)
    PREPRINT_ONLY = "preprint_only"  # a published version was looked for: none exists
    NOT_LOOKED_UP = "not_looked_up"  # a preprint; its published version was not searched


class OpenalexVersion(Record):
    """One OpenAlex work that is a version of the paper, with its own citations."""

    id: str = Field(description="OpenAlex work id of this version.")
    doi: str | None = None
    venue: str | None = None
    type: str | None = Field(None, description="OpenAlex's work type ('article', 'preprint').")
    publication_year: int | None = None
    cited_by_count: int | None = Field(None, ge=0)
    published: bool = Field(False, description="A journal or proceedings version.")


class OpenalexRecord(Record):
    """One work as OpenAlex describes it: for every paper, on arXiv or not.

    When OpenAlex holds a paper twice (the arXiv preprint and the published
    version), the record is the published version (venue, year, type, DOI)
    and ``cited_by_count`` is the sum over ``versions``.
    """

    id: str = Field(description="OpenAlex work id, e.g. 'W2741809807'.")
    url: str = Field(description="https://openalex.org/<id>")
    title: str
    doi: str | None = Field(None, description="Lower-case DOI without resolver, e.g. '10.1145/…'.")
    publication_year: int | None = None
    publication_date: str | None = Field(None, description="ISO 8601 date.")
    authors: tuple[OpenalexAuthor, ...] = ()
    abstract: str | None = Field(None, description="Rebuilt from OpenAlex's inverted index.")
    venue: str | None = Field(
        None, description="The primary location's source (journal, proceedings)."
    )
    oa_pdf_url: str | None = Field(None, description="An open-access PDF (or landing page) link.")
    cited_by_count: int | None = Field(
        None, ge=0, description="Citations, summed over `versions` when several were found."
    )
    merged_from: str | None = Field(
        None, description="The id asked for, when OpenAlex merged it into `id` (301)."
    )
    type: str | None = Field(None, description="OpenAlex's work type ('article', 'preprint').")
    venue_short: str | None = Field(None, description="The venue's canonical short name.")
    version: VersionFinding | None = Field(
        None, description="Published version, or only the preprint (and whether looked for)."
    )
    versions: tuple[OpenalexVersion, ...] = Field(
        (), description="Every version found (more than one when OpenAlex holds it twice)."
    )


class OpenalexSlot(SlotBase):
    record: OpenalexRecord | None = None


class HuggingfaceRecord(Record):
    """One paper as Hugging Face's paper pages describe it (``/api/papers/{arXiv id}``)."""

    paper_id: str = Field(description="The arXiv id Hugging Face keys the paper by.")
    url: str = Field(description="The paper's page on huggingface.co.")
    upvotes: int | None = Field(None, description="Upvotes on Hugging Face.")
    github_repo: str | None = Field(None, description="The repository the authors linked.")
    project_page: str | None = Field(None, description="The project page the authors linked.")
    models: int | None = Field(None, description="Models citing the paper (counted up to 100).")
    datasets: int | None = Field(None, description="Datasets citing it (counted up to 100).")
    spaces: int | None = Field(None, description="Spaces citing it (counted up to 100).")


class HuggingfaceSlot(SlotBase):
    record: HuggingfaceRecord | None = None


# --------------------------------------------------------------------------- #
# Web pages (project pages, homepages, dataset and tool links)
# --------------------------------------------------------------------------- #


class PageHealth(StrEnum):
    OK = "ok"
    MOVED = "moved"  # permanent redirect: update the link to `final_url`
    BLOCKED = "blocked"  # 403/429 or a bot challenge: probably alive
    SOFT_404 = "soft_404"  # 200 whose content says it is gone, or a parked domain
    BROKEN = "broken"  # 404, 410, no DNS
    FAILING = "failing"  # 5xx, timeout, TLS error, redirect loop
    NOT_HTML = "not_html"  # a PDF or other document
    UNSAFE = "unsafe"  # refused: not http(s), or a private/loopback address


class PageRecord(Record):
    url: str
    final_url: str | None = None
    status_code: int | None = None
    content_type: str | None = None
    title: str | None = None
    description: str | None = None
    image: str | None = Field(None, description="og:image")
    health: PageHealth
    dead: bool = Field(False, description="Failed on enough consecutive runs to be called dead.")
    failing_since: str | None = Field(None, description="ISO date of the first failing run.")
    consecutive_failures: int = Field(0, ge=0)
    truncated: bool = Field(False, description="The body passed the size cap and was cut.")
    arxiv_ids: tuple[str, ...] = Field((), description="arXiv ids the page links to.")
    github_repos: tuple[str, ...] = Field((), description="Repositories the page links to.")
    checked_on: str | None = Field(
        None,
        description=(
            "ISO date the page was last asked, when this run kept that verdict without asking"
            " again (a healthy verdict younger than ENRICH_PAGE_MAX_AGE); absent when checked"
            " by this run."
        ),
    )


class PageSlot(SlotBase):
    record: PageRecord | None = None


# --------------------------------------------------------------------------- #
# Entries parsed from a list
# --------------------------------------------------------------------------- #


class EntryBase(Record):
    id: str = Field(description="Stable across runs while the entry is unchanged.")
    section: tuple[str, ...] = Field(description="Heading path, outermost first.")
    line: int = Field(ge=1, description="1-based line in the source file.")


class LinkRole(StrEnum):
    """What a paper's link is, judged from its URL and its label together."""

    ARXIV = "arxiv"
    DOI = "doi"
    OPENREVIEW = "openreview"
    PROCEEDINGS = "proceedings"  # CVF open access, ACM, IEEE, Springer, NeurIPS, AAAI...
    PDF = "pdf"
    PAPER = "paper"  # labelled a paper, on no host we know
    CODE = "code"
    PROJECT = "project"
    VIDEO = "video"
    BIBTEX = "bibtex"
    HUGGINGFACE = "huggingface"
    DATASET = "dataset"  # a dataset card (huggingface.co/datasets/); "[Dataset]" stays other
    OTHER = "other"


class PaperLink(Record):
    """A link of a paper beyond its paper, project and code links (a second paper link, a video)."""

    role: LinkRole
    url: str
    label: str | None = None


class PaperAttribute(Record):
    """A further column of a paper's table row (``Dataset``, ``Backbone``, ``Notes``)."""

    name: str = Field(description="The column's header.")
    value: str


class Paper(EntryBase):
    kind: Literal["paper"] = "paper"
    venue: str | None = Field(
        None,
        description=(
            "The venue's canonical short name from the venue table (enrich/venues/venues.toml:"
            " 'ACM MM' for 'ACMMM', 'NeurIPS' for 'NIPS'); the venue as written when the table"
            " does not know it. Filter by this."
        ),
    )
    venue_as_written: str | None = Field(
        None, description="The venue as the list writes it, without its year ('ACMMM', 'NIPS')."
    )
    year: int | None = None
    title: str
    paper_url: str | None = None
    affiliation: str | None = None
    project_url: str | None = None
    code_url: str | None = None
    badge_repos: tuple[str, ...] = Field((), description="owner/name from stars/forks badges.")
    authors: tuple[str, ...] = Field((), description="As the list gives them ('X et al.' kept).")
    links: tuple[PaperLink, ...] = Field(
        (), description="Every further link of the entry, with its role, in list order."
    )
    attributes: tuple[PaperAttribute, ...] = Field(
        (), description="Other columns of the paper's table row, in column order."
    )
    arxiv: ArxivSlot | None = None
    github: GithubSlot | None = None
    project_page: PageSlot | None = None
    openalex: OpenalexSlot | None = None
    huggingface: HuggingfaceSlot | None = Field(None, json_schema_extra={"since": "1.2"})


class Work(EntryBase):
    """A researcher's linked work, under one topic line."""

    kind: Literal["work"] = "work"
    label: str
    venue_tag: str | None = Field(
        None, description="As written: \"CVPR'23\", 'SIGGRAPH Asia 2022'."
    )
    venue: str | None = Field(
        None,
        description="The venue's canonical short name from the venue table, else as written.",
    )
    year: int | None = None
    url: str | None = None
    topic: str | None = None
    arxiv: ArxivSlot | None = None
    github: GithubSlot | None = None
    page: PageSlot | None = None


class Researcher(EntryBase):
    kind: Literal["researcher"] = "researcher"
    name: str
    homepage: str | None = None
    affiliation: str | None = None
    works: tuple[Work, ...] = ()
    homepage_page: PageSlot | None = None


class Dataset(EntryBase):
    kind: Literal["dataset"] = "dataset"
    name: str
    url: str | None = None
    paper_url: str | None = Field(
        None, description="The dataset's paper (arXiv, DOI, proceedings) when its row links one."
    )
    group: str | None = Field(None, description="The table's caption row.")
    language_group: str | None = None
    environment: str | None = None
    year: int | None = None
    resolution: str | None = None
    subjects: str | None = None
    duration: str | None = None
    sentences: str | None = None
    page: PageSlot | None = None
    github: GithubSlot | None = None


class Metric(EntryBase):
    kind: Literal["metric"] = "metric"
    name: str
    direction: Literal["higher_is_better", "lower_is_better"] | None = None
    description: str | None = None
    code_url: str | None = None
    group: str | None = None


class ToolCategory(StrEnum):
    """What a non-paper entry is: from its section's heading, its table's header or its link.

    Renderers group and label by it; the pipeline never sends these entries to
    paper sources (arXiv, OpenAlex), only to GitHub and page checks.
    """

    SOFTWARE = "software"  # libraries, toolboxes, implementations, viewers, apps
    MODEL = "model"  # released weights and model cards
    LEADERBOARD = "leaderboard"  # leaderboards and benchmark sites
    COURSE = "course"  # courses, lectures, tutorials
    BOOK = "book"
    TALK = "talk"  # talks, videos, playlists, webinars
    POST = "post"  # blog posts, articles, newsletters
    LIST = "list"  # other awesome lists and curated collections
    WEBSITE = "website"  # companies, products, reference sites


class Tool(EntryBase):
    """A non-paper entry: software, a model, a course, a talk, a list, a website ..."""

    kind: Literal["tool"] = "tool"
    name: str
    description: str | None = None
    url: str | None = None
    category: ToolCategory | None = Field(
        None, description="What the entry is; null when its section and link do not say."
    )
    links: tuple[PaperLink, ...] = Field(
        (), description="The entry's further links with their roles, in list order."
    )
    attributes: tuple[PaperAttribute, ...] = Field(
        (), description="Other columns of the entry's table row (Task, Language, License)."
    )
    github: GithubSlot | None = None
    page: PageSlot | None = None


# --------------------------------------------------------------------------- #
# Documents
# --------------------------------------------------------------------------- #


class WarningKind(StrEnum):
    """Kinds of data-quality and enrichment warnings, for grouping in reports."""

    DUPLICATE_ENTRY = "duplicate_entry"
    HTML_ATTRIBUTE_TYPO = "html_attribute_typo"
    SHIFTED_CELLS = "shifted_cells"
    BADGE_MISMATCH = "badge_mismatch"
    LABEL_URL_MISMATCH = "label_url_mismatch"
    UNPARSED = "unparsed"
    MALFORMED_ENTRY = "malformed_entry"
    ARXIV = "arxiv"
    ARXIV_LINK_MISMATCH = "arxiv_link_mismatch"
    ARXIV_TITLE_MISMATCH = "arxiv_title_mismatch"
    GITHUB = "github"
    GITHUB_RENAMED = "github_renamed"
    PAGE = "page"
    STALE = "stale"
    HISTORY = "history"  # an unusable row of data/history/<list>.csv
    MISSING_LINK = "missing_link"
    OPENALEX = "openalex"
    LINK_NOT_TAKEN = "link_not_taken"


class Severity(StrEnum):
    """How urgent a warning is; the names GitHub's annotations use."""

    ERROR = "error"  # the list is wrong: a link that is gone, the wrong paper, a parse failure
    WARNING = "warning"  # the list should change: a moved page, a renamed repository
    NOTICE = "notice"  # worth knowing, nothing to fix yet: a blocked page, kept stale values


# Each kind's code and severity when the warning's author names none. The
# findings (enrich.findings) give finer codes, e.g. ``page-moved`` for a PAGE warning.
KIND_DEFAULTS: dict[WarningKind, tuple[str, Severity]] = {
    WarningKind.DUPLICATE_ENTRY: ("duplicate-entry", Severity.WARNING),
    WarningKind.HTML_ATTRIBUTE_TYPO: ("html-attribute-typo", Severity.WARNING),
    WarningKind.SHIFTED_CELLS: ("shifted-cells", Severity.WARNING),
    WarningKind.BADGE_MISMATCH: ("badge-mismatch", Severity.WARNING),
    WarningKind.LABEL_URL_MISMATCH: ("label-url-mismatch", Severity.WARNING),
    WarningKind.UNPARSED: ("unparsed", Severity.WARNING),
    WarningKind.MALFORMED_ENTRY: ("malformed-entry", Severity.ERROR),
    WarningKind.ARXIV: ("arxiv-unresolved", Severity.WARNING),
    WarningKind.ARXIV_LINK_MISMATCH: ("arxiv-wrong-paper", Severity.ERROR),
    WarningKind.ARXIV_TITLE_MISMATCH: ("arxiv-title-mismatch", Severity.WARNING),
    WarningKind.GITHUB: ("repo-not-found", Severity.ERROR),
    WarningKind.GITHUB_RENAMED: ("repo-renamed", Severity.WARNING),
    WarningKind.PAGE: ("page", Severity.WARNING),
    WarningKind.STALE: ("stale", Severity.NOTICE),
    WarningKind.HISTORY: ("history-row", Severity.WARNING),
    WarningKind.MISSING_LINK: ("missing-link", Severity.NOTICE),
    WarningKind.OPENALEX: ("openalex-unresolved", Severity.WARNING),
    WarningKind.LINK_NOT_TAKEN: ("link-not-taken", Severity.WARNING),
}


class DataWarning(Record):
    kind: WarningKind
    code: str = Field(
        "",
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="Stable identifier of the finding, e.g. 'page-moved', 'repo-archived'.",
    )
    severity: Severity = Severity.WARNING
    file: str
    line: int | None = None
    entry_id: str | None = None
    message: str
    suggestion: str | None = Field(
        None, description="The replacement text (usually a URL) that would fix it, if known."
    )

    @model_validator(mode="before")
    @classmethod
    def _kind_defaults(cls, data: object) -> object:
        """Fill ``code`` and ``severity`` from the kind, so every producer gets them."""
        if isinstance(data, dict) and not data.get("code"):
            try:
                code, severity = KIND_DEFAULTS[WarningKind(data["kind"])]
            except (KeyError, ValueError):
                return data  # field validation names the problem
            data = {**data, "code": code}
            data.setdefault("severity", severity)
        return data


class Section(Record):
    title: str
    level: int = Field(ge=1, le=6)
    line: int = Field(ge=1)
    children: tuple[Section, ...] = ()


class SourceFile(Record):
    path: str = Field(description="Path relative to the repository, POSIX separators.")
    sha256: str


class ParsedList(Record):
    """What the parser makes of one list: entries and warnings, no network."""

    source: SourceFile
    sections: tuple[Section, ...] = ()
    papers: tuple[Paper, ...] = ()
    researchers: tuple[Researcher, ...] = ()
    datasets: tuple[Dataset, ...] = ()
    metrics: tuple[Metric, ...] = ()
    tools: tuple[Tool, ...] = ()
    warnings: tuple[DataWarning, ...] = ()


class EnrichedList(Record):
    """The document written to ``data/enriched/<list>.json``.

    Same content as :class:`ParsedList`, with the enrichment slots filled, and
    the schema version and list name first so a reader can check them early.
    """

    schema_version: str = SCHEMA_VERSION
    name: str = Field(description="The list's name: its file name without extension.")
    source: SourceFile
    sections: tuple[Section, ...] = ()
    papers: tuple[Paper, ...] = ()
    researchers: tuple[Researcher, ...] = ()
    datasets: tuple[Dataset, ...] = ()
    metrics: tuple[Metric, ...] = ()
    tools: tuple[Tool, ...] = ()
    warnings: tuple[DataWarning, ...] = ()

    def all_entries(self) -> Iterator[EntryBase]:
        """Every entry, researchers' works included, in document order."""
        yield from self.papers
        for researcher in self.researchers:
            yield researcher
            yield from researcher.works
        yield from self.datasets
        yield from self.metrics
        yield from self.tools

    @classmethod
    def from_parsed(cls, name: str, parsed: ParsedList) -> EnrichedList:
        """Wrap a parse result, before any source has filled a slot."""
        return cls(
            name=name, **{field: getattr(parsed, field) for field in ParsedList.model_fields}
        )


def _slot_type(annotation: Any) -> type[SlotBase] | None:
    for kind in get_args(annotation) or (annotation,):
        if isinstance(kind, type) and issubclass(kind, SlotBase):
            return kind
    return None


def _entry_models(model: type[BaseModel]) -> Iterator[type[EntryBase]]:
    """Entry models held in ``model``'s tuples (a document's lists, a researcher's works)."""
    for field in model.model_fields.values():
        for kind in get_args(field.annotation):
            if isinstance(kind, type) and issubclass(kind, EntryBase):
                yield kind
                yield from _entry_models(kind)


@cache
def slot_names(model: type[EntryBase]) -> tuple[str, ...]:
    """The slot attributes entries of ``model`` have, in the model's field order.

    Asked of the class, once: reading an attribute an entry does not have
    (``getattr(paper, "page", None)``) makes pydantic raise and catch an
    AttributeError, and walking every field to find the slots reads 30 of them
    per entry; at 10,000 entries either cost the findings, the report and the
    merge about 0.1 s each.
    """
    types = slot_types()
    return tuple(name for name in model.model_fields if name in types)


@cache
def slot_types() -> Mapping[str, type[SlotBase]]:
    """Slot attribute -> slot model, read off the entry models (the contract says it once).

    Remembered (the models do not change), so handed out read-only: the report and the
    merge share the one mapping.
    """
    types: dict[str, type[SlotBase]] = {}
    for model in _entry_models(EnrichedList):
        for name, field in model.model_fields.items():
            kind = _slot_type(field.annotation)
            if kind is not None:
                types.setdefault(name, kind)
    return MappingProxyType(types)
