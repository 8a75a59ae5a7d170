"""Headings -> the section tree, entry section paths, and what a section holds.

A section's category comes from the innermost heading on its path that names
one ("Papers", "Datasets", "Researchers and labs", "Toolbox" ...), so
sub-sections such as "Papers > 3D talking-face synthesis" inherit it.
A lone leading H1 is the document's title: it stays in the tree but is left
out of entry section paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from enrich.models import Section, ToolCategory
from enrich.parse.blocks.walk import Block, Heading
from enrich.parse.list_settings import NO_SETTINGS, ListSettings

CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("todo", re.compile(r"\bto[\s-]?do\b", re.I)),
    ("news", re.compile(r"^\W*(?:latest )?(?:news|updates?|update logs?|changelog)\W*$", re.I)),
    (
        "none",
        re.compile(
            r"^\W*(?:contribut\w*|how to contribute|acknowledg\w*|credits?|thanks|"
            r"citations?|cite|cite us|"
            r"citing|star[\s-]?history|"
            r"(?:table of )?contents|license|contact\w*|related|"
            r"related(?: awesome)? (?:lists?|links?|repos\w*|projects?|resources)|"
            r"other awesome lists?|sponsors?|contributors?|notes?|star trend|stargazers)\W*$",
            re.I,
        ),
    ),
    ("researchers", re.compile(r"\b(?:researchers?|labs?|people|scholars?)\b", re.I)),
    ("lists", re.compile(r"^(?!.*\bpapers?\b)"
                         r"(?:.*\bawesome[\s-]+(?:lists?|repos\w*|collections?)\b|"
                         r"\W*(?:related|other)(?: awesome)? (?:lists?|repos\w*)\W*$|"
                         r".*\bcurated lists?\b)", re.I)),  # "Curated list of papers": papers
    ("leaderboards", re.compile(r"\bleader[\s-]?boards?\b", re.I)),
    ("datasets", re.compile(r"\b(?:data[\s-]?sets?|benchmarks?|corpora|corpus)\b", re.I)),
    ("metrics", re.compile(r"\b(?:metrics?|evaluation)\b", re.I)),
    ("tools", re.compile(r"\b(?:tool(?:s|box|boxes|kits?)?|librar(?:y|ies)|software|"
                         r"implementations?|viewers?|frameworks?|(?:llm |ai )applications?)\b|"
                         r"^\W*(?:\d+[.)]?\s*)?(?:source |open[\s-]source )?codes?\W*$", re.I)),
    ("models", re.compile(r"\b(?:open[\s-]source|oss)\s(?:[a-z0-9]+\s){0,4}?models?\b|"
                          r"\b(?:open|released?|pre-?trained|public)\s+models?\b|"
                          r"\bmodel (?:releases?|zoo|weights|checkpoints|cards?)\b|"
                          r"\bcheckpoints\b", re.I)),
    ("courses", re.compile(r"\b(?:courses?|lectures?|tutorials?|classes|lessons)\b", re.I)),
    ("books", re.compile(r"\b(?:books?|textbooks?)\b", re.I)),
    ("talks", re.compile(r"\b(?:talks?|keynotes?|playlists?|videos? talks?|webinars?|"
                         r"presentations?|podcasts?)\b", re.I)),
    ("posts", re.compile(r"\b(?:blogs?|blog posts?|newsletters?)\b|^\W*(?:posts?|articles?)\W*$",
                         re.I)),
    ("websites", re.compile(r"\b(?:websites?|web sites?|compan(?:y|ies)|commercial products?|"
                            r"startups?)\b|^\W*(?:references?|products?)\W*$", re.I)),
    ("papers", re.compile(r"\b(?:papers?(?:withcode)?|publications?|literature|"
                          r"reading list)\b", re.I)),
)  # fmt: skip
_PAPERS = dict(CATEGORIES)["papers"]
# Sections of entries that are not papers, and what their entries are.
NONPAPER_KINDS: dict[str, ToolCategory] = {
    "tools": ToolCategory.SOFTWARE, "models": ToolCategory.MODEL,
    "leaderboards": ToolCategory.LEADERBOARD, "courses": ToolCategory.COURSE,
    "books": ToolCategory.BOOK, "talks": ToolCategory.TALK, "posts": ToolCategory.POST,
    "lists": ToolCategory.LIST, "websites": ToolCategory.WEBSITE,
}  # fmt: skip


def category_of(path: tuple[str, ...]) -> str | None:
    """'papers', 'researchers', 'datasets', 'metrics', 'todo', 'none', a kind of
    :data:`NONPAPER_KINDS` ('tools', 'talks', 'lists' ...) or None.

    'news' sections hold dated news lines, which are not papers, and lines
    announcing papers, which are. 'none' marks sections that hold no entries
    (Contributing, Citation, Star history, Contents ...): their links are the list's own. It
    is not inherited: lists that nest every section under "Table of Contents"
    still hold papers in the sub-sections.
    """
    for depth, title in enumerate(reversed(path)):
        for name, pattern in CATEGORIES:
            if pattern.search(title) and (name != "none" or depth == 0):
                if name in NONPAPER_KINDS and name != "tools" and _PAPERS.search(title):
                    return "papers"  # "Talks and Papers", "Tutorial Papers": papers first
                return name
    return None


def title_heading(blocks: list[Block]) -> Heading | None:
    """The document title: the first heading, if it is the only H1."""
    headings = [b for b in blocks if isinstance(b, Heading)]
    h1s = [h for h in headings if h.level == 1]
    return headings[0] if headings and len(h1s) == 1 and headings[0] is h1s[0] else None


@dataclass
class _Node:
    heading: Heading
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Section:
        h = self.heading
        kids = tuple(child.freeze() for child in self.children)
        return Section(title=h.title, level=h.level, line=h.line, children=kids)


def section_tree(headings: list[Heading]) -> tuple[Section, ...]:
    """Nest each heading under the nearest earlier heading of a lower level."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for heading in headings:
        node = _Node(heading)
        while stack and stack[-1].heading.level >= heading.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return tuple(root.freeze() for root in roots)


class PathTracker:
    """The current heading path while walking blocks in order.

    The path and its category change only at headings but are read for every
    item, so both are computed in :meth:`enter` rather than on each read.
    """

    def __init__(self, title: Heading | None, settings: ListSettings = NO_SETTINGS) -> None:
        self._title = title
        self._settings = settings
        self._stack: list[Heading] = []
        self._path: tuple[str, ...] = ()
        self._hint_path: tuple[str, ...] = ()
        self._category: str | None = category_of(())

    def enter(self, heading: Heading) -> None:
        while self._stack and self._stack[-1].level >= heading.level:
            self._stack.pop()
        self._stack.append(heading)
        self._path = tuple(h.title for h in self._stack if h is not self._title)
        self._hint_path = tuple(h.title for h in self._stack)
        self._category = self._set_kind() or category_of(self._path)

    def _set_kind(self) -> str | None:
        """The kind the list's settings give the innermost heading that they name."""
        for title in reversed(self._path):
            if kind := self._settings.section_kind(title):
                return kind
        return None

    @property
    def path(self) -> tuple[str, ...]:
        return self._path

    @property
    def hint_path(self) -> tuple[str, ...]:
        """The path with the document title kept: "# CVPR-2023-Papers" dates every entry."""
        return self._hint_path

    @property
    def category(self) -> str | None:
        """``category_of(self.path)``."""
        return self._category
