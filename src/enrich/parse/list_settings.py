"""Per-list settings: what inference cannot know, written beside the list.

``data/raw/<list>.toml`` (optional) next to ``data/raw/<list>.md``::

    skip_sections = ["Company", "Star History"]   # headings whose blocks give no entries

    [sections]                                    # heading -> kind
    "Evaluation Benchmarks" = "papers"            # papers, datasets, metrics, tools,
                                                  # researchers, news or none; or a
    "Demos" = "websites"                          # kind of non-paper entry: models,
                                                  # leaderboards, courses, books, talks,
                                                  # posts, lists, websites (tools: software)
    [columns]                                     # table header -> role of the column
    "Benchmark" = "title"                         # title, venue, year, authors,
                                                  # affiliation or ignore

Headings and headers match case-insensitively, ignoring emoji and spaces at
the ends. A file that cannot be read or names an unknown kind or role is
reported as a warning at its line and the list is parsed without it, so a
typo in the settings never stops the run.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from enrich.parse.fields.plain_text import strip_symbols

SECTION_KINDS = frozenset(
    {"papers", "datasets", "metrics", "researchers", "news", "none", "todo"}
    | {"tools", "models", "leaderboards", "courses", "books", "talks", "posts", "lists", "websites"}
)
COLUMN_ROLES = frozenset({"title", "venue", "year", "authors", "affiliation", "ignore"})
KEYS = frozenset({"skip_sections", "sections", "columns"})


def key_of(text: str) -> str:
    """The form headings and headers are compared in."""
    return " ".join(strip_symbols(text).casefold().split())


@dataclass(frozen=True)
class ListSettings:
    path: str | None = None
    skip_sections: frozenset[str] = frozenset()
    sections: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    columns: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[tuple[int | None, str], ...] = ()

    def section_kind(self, title: str) -> str | None:
        """The kind the settings give a heading ('none' for skipped ones), else None."""
        key = key_of(title)
        return "none" if key in self.skip_sections else self.sections.get(key)

    def column_role(self, header: str) -> str | None:
        return self.columns.get(key_of(header))


NO_SETTINGS = ListSettings()


def settings_path(list_path: Path) -> Path:
    return list_path.with_suffix(".toml")


def load_settings(list_path: Path) -> ListSettings:
    """The settings beside ``list_path``; empty when there is no file; problems kept, not raised."""
    path = settings_path(list_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return NO_SETTINGS
    except (OSError, UnicodeDecodeError) as error:
        return ListSettings(str(path), problems=((None, f"{path}: cannot read: {error}"),))
    return parse_settings(text, str(path))


def parse_settings(text: str, path: str) -> ListSettings:
    """Settings from TOML text; every problem named with the file and, when known, the line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))  # Python < 3.14 has no error.lineno
        line = int(found.group(1)) if found else None
        return ListSettings(path, problems=((line, f"{path}: not valid TOML: {error}"),))
    problems: list[tuple[int | None, str]] = []
    for unknown in sorted(set(data) - KEYS):
        problems.append((_line_of(text, unknown), f"{path}: unknown setting '{unknown}'"))
    skip = data.get("skip_sections", [])
    if not isinstance(skip, list) or not all(isinstance(s, str) for s in skip):
        problems.append(
            (_line_of(text, "skip_sections"), f"{path}: skip_sections: a list of headings")
        )
        skip = []
    sections = _table(data, "sections", SECTION_KINDS, text, path, problems)
    columns = _table(data, "columns", COLUMN_ROLES, text, path, problems)
    return ListSettings(
        path,
        frozenset(key_of(s) for s in skip),
        MappingProxyType(sections),
        MappingProxyType(columns),
        tuple(problems),
    )


def _table(
    data: dict[str, Any],
    name: str,
    allowed: frozenset[str],
    text: str,
    path: str,
    problems: list[tuple[int | None, str]],
) -> dict[str, str]:
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        problems.append((_line_of(text, name), f"{path}: [{name}] must be a table"))
        return {}
    kept: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, str) and value in allowed:
            kept[key_of(key)] = value
        else:
            problems.append(
                (
                    _line_of(text, key),
                    f"{path}: [{name}] '{key}' = {value!r}: expected one of "
                    f"{', '.join(sorted(allowed))}; ignored",
                )
            )
    return kept


def _line_of(text: str, key: str) -> int | None:
    """The first line that names ``key`` (TOML parsers give no line for valid values)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if key in line:
            return number
    return None
