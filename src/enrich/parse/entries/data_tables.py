"""Table rows -> datasets and metrics.

Caption rows (one cell spanning the table) set the group; header rows
("Dataset name", "Year", ...) set the column order, so a reordered table still
reads right; every other non-empty row is an entry. Rows whose cells look like
they sit in the wrong columns are flagged, as are links lost to a misspelt
``href``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from enrich.models import Dataset, Metric, WarningKind
from enrich.parse.blocks.pieces import Link, Piece, Text, plain_text
from enrich.parse.blocks.rows import Cell, Row
from enrich.parse.collect import Collector
from enrich.parse.fields.plain_text import strip_symbols
from enrich.parse.links.roles import PAPER_ROLES, is_role_label, link_role

DATASET_COLUMNS = ("name", "environment", "year", "resolution", "subjects", "duration", "sentences")
METRIC_COLUMNS = ("name", "description", "code")
HEADER_ALIASES: dict[str, dict[str, str]] = {
    "dataset": {
        "dataset name": "name", "dataset": "name", "name": "name", "environment": "environment",
        "env": "environment", "scene": "environment", "year": "year", "resolution": "resolution",
        "subject": "subjects", "subjects": "subjects", "speakers": "subjects",
        "identities": "subjects", "duration": "duration", "hours": "duration",
        "sentence": "sentences", "sentences": "sentences", "utterances": "sentences",
        "download link": "url", "download": "url", "link": "url", "links": "url", "url": "url",
        "homepage": "url", "website": "url", "project page": "url", "access": "url",
    },
    "metric": {
        "metric name": "name", "metric": "name", "metrics": "name", "name": "name",
        "full name": "name", "description": "description",
        "code/paper": "code", "code": "code", "paper": "code", "link": "code",
    },
}  # fmt: skip
LANGUAGES = (
    "English", "Chinese", "Mandarin", "Cantonese", "Japanese", "Korean", "German", "French",
    "Spanish", "Arabic", "Hindi", "Russian", "Portuguese", "Italian", "Multilingual",
)  # fmt: skip
ARROWS = {
    "↓": "lower_is_better",
    "⬇": "lower_is_better",
    "↑": "higher_is_better",
    "⬆": "higher_is_better",
}
_METRIC_BULLET = re.compile(
    r"^\s*(?P<name>[^\s:()][^:()]{0,40}?(?:\s*\([^()]{1,80}\))?)\s*[:：]\s+(?P<description>.*)$",
    re.DOTALL,
)
_MIN_NAME_LETTERS = 2
_DIRECTION_WORDS = (
    (re.compile(r"\b(?:lower|smaller|less) is better\b", re.I), "lower_is_better"),
    (re.compile(r"\b(?:higher|larger|greater|more) is better\b", re.I), "higher_is_better"),
)
_LINK_WORDS = frozenset(
    {"download", "downloads", "link", "links", "here", "website", "page", "homepage", "project",
     "projectpage", "data", "dataset", "official", "site", "url", "access", "request", "form"}
)  # fmt: skip
_COUNT = re.compile(r"^[~≈<>]?\s*[\d][\d,.]*\s*[kKmM]?\+?$")
# Anchored at the first digit (^\D*+): "\d.*unit" searched from every digit was n² on long cells.
_TIME = re.compile(r"^\D*+\d.*\b(?:h|hrs?|hours?|min|mins|minutes?|s|secs?|seconds?|days?)\b", re.I)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_RESOLUTION = re.compile(r"(?<!\d)\d++\s*+p\b|(?<!\d)\d++\s*+[x×*]\s*+\d+|\b[248]k\b", re.I)
SHAPES: dict[str, Callable[[str], bool]] = {
    "year": lambda v: bool(_YEAR.match(v)),
    "resolution": lambda v: bool(_RESOLUTION.search(v)),
    "subjects": lambda v: bool(_COUNT.match(v)),
    "duration": lambda v: bool(_TIME.search(v)),
    "sentences": lambda v: bool(_COUNT.match(v)),
}


def read_table(rows: list[Row], kind: str, section: tuple[str, ...], out: Collector) -> None:
    """Add every data row of a dataset or metric table."""
    columns: tuple[str | None, ...] = DATASET_COLUMNS if kind == "dataset" else METRIC_COLUMNS
    group: str | None = None
    for row in rows:
        if _is_caption(row, len(columns)):
            group = row.cells[0].text or None
        elif mapped := header_columns(row, kind):
            columns = mapped
        elif any(cell.text or cell.url for cell in row.cells):
            values = {col: cell for col, cell in zip(columns, row.cells, strict=False) if col}
            add = _add_dataset if kind == "dataset" else _add_metric
            add(values, row, group, section, out)


def table_kind(rows: list[Row]) -> str | None:
    """'dataset' or 'metric' judged from a header row, for tables in other sections."""
    for row in rows:
        texts = " ".join(cell.text.casefold() for cell in row.cells)
        for kind in ("metric", "dataset"):
            if kind in texts and header_columns(row, kind):
                return kind
    return None


def _is_caption(row: Row, width: int) -> bool:
    return len(row.cells) == 1 and (row.cells[0].colspan > 1 or row.cells[0].header or width == 1)


def header_columns(row: Row, kind: str) -> tuple[str | None, ...] | None:
    """Column fields when the row is a header row, else None."""
    aliases = HEADER_ALIASES[kind]
    keys = [" ".join(cell.text.casefold().split()) for cell in row.cells]
    known = sum(key in aliases for key in keys)
    all_th = len(row.cells) > 1 and all(cell.header for cell in row.cells)
    if any(cell.url for cell in row.cells) or (known < 2 and not all_th):
        return None
    return tuple(aliases.get(key) for key in keys)


def _text(values: dict[str, Cell], column: str) -> str | None:
    cell = values.get(column)
    return cell.text if cell and cell.text else None


def _add_dataset(
    values: dict[str, Cell], row: Row, group: str | None, section: tuple[str, ...], out: Collector
) -> None:
    name, url = _text(values, "name"), values["name"].url if "name" in values else None
    if not name:
        out.warn(WarningKind.MALFORMED_ENTRY, row.line, "dataset row with no name skipped")
        return
    if (download := values.get("url")) and download.url:
        url = download.url  # a Download column: the name's link is then the paper's
    elif url and _is_paper_url(url):
        url = _other_link(row, url)  # the name links the dataset's paper, not the data
    ident = out.new_id("dataset", name, url)
    out.note_entry("dataset", (name,), row.line, ident)
    year_text = _text(values, "year")
    out.datasets.append(
        Dataset(
            id=ident, section=section, line=row.line, name=name, url=url,
            paper_url=paper_link([p for cell in row.cells for p in cell.pieces], url),
            group=group,
            language_group=language_of(group), environment=_text(values, "environment"),
            year=int(year_text) if year_text and _YEAR.match(year_text) else None,
            resolution=_text(values, "resolution"), subjects=_text(values, "subjects"),
            duration=_text(values, "duration"), sentences=_text(values, "sentences"),
        )
    )  # fmt: skip
    _check_typos(values, name, ident, out)
    _check_shifted(values, row.line, name, ident, out)


def _add_metric(
    values: dict[str, Cell], row: Row, group: str | None, section: tuple[str, ...], out: Collector
) -> None:
    raw = _text(values, "name")
    if not raw:
        out.warn(WarningKind.MALFORMED_ENTRY, row.line, "metric row with no name skipped")
        return
    direction = next((ARROWS[ch] for ch in raw if ch in ARROWS), None)
    name = "".join(ch for ch in raw if ch not in ARROWS).strip() or raw
    code = values.get("code")
    ident = out.new_id("metric", name, group)
    out.note_entry("metric", (group, name), row.line, ident)
    out.metrics.append(
        Metric(
            id=ident, section=section, line=row.line, name=name, direction=direction,
            description=_text(values, "description"), code_url=code.url if code else None,
            group=group,
        )
    )  # fmt: skip
    _check_typos(values, name, ident, out)


def read_metric_item(
    line: int, pieces: list[Piece], section: tuple[str, ...], out: Collector
) -> bool:
    """A metric bullet: ``NAME (long name) : description`` or ``[NAME](url) - description``.

    False when the item names no metric (no name before a colon, no link).
    """
    first = next((p for p in pieces if not (isinstance(p, Text) and not p.text.strip())), None)
    url: str | None
    if isinstance(first, Link) and first.text.strip():
        name, url = first.text.strip(), first.href
        description = plain_text(pieces[pieces.index(first) + 1 :]).strip(" -–—:|,") or None
    else:
        found = _METRIC_BULLET.match(plain_text(pieces))
        if not found:
            return False
        name, description = found["name"].strip(), found["description"].strip() or None
        if sum(ch.isalpha() for ch in name) < _MIN_NAME_LETTERS:
            return False  # "🧍 : Full-body tier": a legend, not a metric
        url = next((p.href for p in pieces if isinstance(p, Link) and p.href), None)
    text = f"{name} {description or ''}"
    direction = next((ARROWS[ch] for ch in name if ch in ARROWS), None) or next(
        (value for pattern, value in _DIRECTION_WORDS if pattern.search(text)), None
    )
    name = "".join(ch for ch in name if ch not in ARROWS).strip() or name
    ident = out.new_id("metric", name, None)
    out.note_entry("metric", (None, name), line, ident)
    out.metrics.append(
        Metric(
            id=ident, section=section, line=line, name=name, direction=direction,
            description=description, code_url=url, group=None,
        )
    )  # fmt: skip
    return True


def is_link_word(label: str) -> bool:
    """``Download link``, ``[Website]``, ``ProjectPage``: a label naming the link, not the entry."""
    cleaned = strip_symbols(label).strip("[]()` ")
    words = re.findall(r"[a-z]+", cleaned.casefold())
    return is_role_label(cleaned) or (bool(words) and all(w in _LINK_WORDS for w in words))


def _is_paper_url(url: str) -> bool:
    return link_role(url, "") in PAPER_ROLES


def _other_link(row: Row, paper: str) -> str | None:
    """The row's first link that is not a paper's: the dataset's own page or repository."""
    for cell in row.cells:
        for piece in cell.pieces:
            if isinstance(piece, Link) and piece.href != paper and not _is_paper_url(piece.href):
                return piece.href
    return None


def paper_link(pieces: list[Piece], besides: str | None) -> str | None:
    """The first paper link (arXiv, DOI, proceedings, PDF) among a dataset's other links."""
    for piece in pieces:
        if (
            isinstance(piece, Link)
            and piece.href != besides
            and link_role(piece.href, piece.text, tuple(i.alt for i in piece.images)) in PAPER_ROLES
        ):
            return piece.href
    return None


def language_of(caption: str | None) -> str | None:
    """The language a caption names, tolerating typos ('Enlish' -> 'English')."""
    words = re.findall(r"[A-Za-z]+", caption or "")
    for word in words:
        match = difflib.get_close_matches(word.capitalize(), LANGUAGES, n=1, cutoff=0.8)
        if match:
            return match[0]
    return None


def _check_typos(values: dict[str, Cell], name: str, ident: str, out: Collector) -> None:
    for cell in values.values():
        if cell.typo:
            out.warn(
                WarningKind.HTML_ATTRIBUTE_TYPO,
                cell.typo.line,
                f"<a {cell.typo.attribute}=\"{cell.typo.value}\"> in the row of '{name}': "
                f"'{cell.typo.attribute}' is not 'href', so the link '{cell.text}' is lost "
                "when rendered; URL kept",
                ident,
            )


def _check_shifted(
    values: dict[str, Cell], line: int, name: str, ident: str, out: Collector
) -> None:
    """Flag values that fail their own column's shape but fit another column's."""
    misplaced = []
    for column, shape in SHAPES.items():
        value = _text(values, column)
        if value is None or shape(value):
            continue
        fits = [other for other, check in SHAPES.items() if other != column and check(value)]
        if fits:
            misplaced.append(f"{column} '{value}' looks like {' or '.join(fits)}")
    if misplaced:
        out.warn(
            WarningKind.SHIFTED_CELLS,
            line,
            f"cells of '{name}' look shifted: {'; '.join(misplaced)}",
            ident,
        )
