"""``enrich render markdown``: an enriched list as Markdown tables for a README.

The tables can replace what lies between ``<!-- enrich:begin -->`` and
``<!-- enrich:end -->`` in an existing README; everything outside the markers
is kept byte for byte (the file is read and written without newline
translation), so a maintainer's prose is never touched.

Every value comes from a list, a page or an API answer, so each cell is built
here, typed and escaped, and the template only lays cells out: a link is
written only for a plain http(s) URL (:func:`enrich.identity.web.plain_url`;
``javascript:``, ``data:`` and ``vbscript:`` targets are shown as text), every
text is escaped for a table cell (a GraphQL ``url`` or ``pushedAt`` holding
``|<b>x</b>|`` shifted the cells), dates are read as dates and numbers as
numbers (anything else is left out), and no cell can hold a marker, so a
value cannot break the next ``--into``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from enrich.errors import InputError
from enrich.identity.web import plain_url
from enrich.models import EnrichedList
from enrich.render.readme_media import sparkline_cell, thumbnail_cell
from enrich.render.templating import environment, markdown_text, signed, thousands
from enrich.render.view import CodeView, PageView, PaperView, by_section, paper_views, sort_views

BEGIN = "<!-- enrich:begin -->"
END = "<!-- enrich:end -->"


@dataclass(frozen=True)
class Row:
    """One paper's table cells, each already Markdown (escaped text, safe links)."""

    paper: str
    venue: str
    authors: str
    code: str
    page: str
    trend: str
    thumbnail: str = ""  # an <img> of the teaser (render/readme_media.py), when asked for
    sparkline: str = ""  # an image link to the stars' sparkline SVG, when asked for


def render_markdown(
    document: EnrichedList,
    order: str = "list",
    heading_level: int = 3,
    thumbnails: bool = False,
    sparklines: Mapping[int, str] | None = None,
) -> str:
    """The list's papers as one table per section, sections in list order.

    ``thumbnails`` adds a teaser column; ``sparklines`` (repository id ->
    image path, from :func:`enrich.render.readme_media.write_sparklines`)
    adds a star-history column. Both are off by default.
    """
    views = sort_views(paper_views(document), order)
    images = dict(sparklines or {})
    groups = [
        (
            text(" › ".join(section)),
            [
                replace(
                    row(view),
                    thumbnail=thumbnail_cell(view) if thumbnails else "",
                    sparkline=sparkline_cell(view, images),
                )
                for view in papers
            ],
        )
        for section, papers in by_section(views)
    ]
    template = environment().get_template("markdown.md.j2")
    return template.render(
        groups=groups,
        heading_level=heading_level,
        thumbnails=thumbnails,
        sparklines=sparklines is not None,
    )


def row(view: PaperView) -> Row:
    venue = " ".join(part for part in (view.venue, _year(view.year)) if part)
    return Row(
        paper=link(view.title, view.url),
        venue=text(venue),
        authors=text(view.first_authors),
        code=_code(view.code),
        page=_page(view.page),
        trend="—" if _number(view.trend_30d) is None else signed(view.trend_30d or 0),
    )


def text(value: object) -> str:
    """Literal text in a table cell: one line, markup escaped (``<`` too: no marker can form)."""
    return markdown_text(value)


def link(label: str, url: str | None) -> str:
    """``[label](url)`` for a plain http(s) URL; the label alone for anything else."""
    target = plain_url(url) if url else None
    return f"[{text(label)}]({target})" if target else text(label)


def _code(code: CodeView | None) -> str:
    if code is None:
        return ""
    parts = [link(code.name, code.url)]
    stars, forks = _number(code.stars), _number(code.forks)
    if stars is not None:
        parts[0] += f" ★ {thousands(stars)}"
    if forks is not None:
        parts.append(f"{thousands(forks)} forks")
    pushed = _day(code.pushed)
    if pushed:
        parts.append(f"pushed {pushed}")
    if code.archived is True:
        parts.append("**archived**")
    stale = _day(code.stale_since)
    if stale:
        parts.append(f"*figures from before {stale}*")
    return " · ".join(parts)


def _page(page: PageView | None) -> str:
    if page is None:
        return ""
    cell = link("page", page.url)
    if page.problem:
        since = _day(page.since)
        cell += f" ⚠️ {text(page.problem)}" + (f" since {since}" if since else "")
    return cell


def _day(value: object) -> str | None:
    """An ISO date (a timestamp's date part), or ``None`` for anything that is not one."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _year(value: object) -> str | None:
    year = _number(value)
    return str(year) if year is not None and 0 < year < 10_000 else None


def between_markers(text: str, content: str, shown: str) -> str:
    """``text`` with what lies between the markers replaced by ``content``.

    The markers stay on their lines; ``content`` goes on the lines between
    them. A missing, repeated or misordered marker is an error naming the
    file and line, so nothing is written to a README we do not understand.
    """
    for marker in (BEGIN, END):
        count = text.count(marker)
        if count != 1:
            line = text[: text.find(marker)].count("\n") + 1 if count else None
            found = "not found" if count == 0 else f"found {count} times"
            raise InputError(shown, f"marker {marker} {found}; it must appear exactly once", line)
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END)
    if end < start:
        line = text[:end].count("\n") + 1
        raise InputError(shown, f"{END} comes before {BEGIN}", line)
    for marker in (BEGIN, END):
        if marker in content:  # cells cannot hold one (see text()); a guard for what changes
            raise InputError(shown, f"the rendered tables hold the marker {marker}; not written")
    newline = "\r\n" if "\r\n" in text[:start] or text[:start].endswith("\r") else "\n"
    body = content.replace("\n", newline) if newline != "\n" else content
    return text[:start] + newline + newline + body + newline + text[end:]


def write_into(readme: Path, content: str) -> bool:
    """Replace the marked part of ``readme``; returns whether the file changed."""
    from enrich.output.user_file import read_user_file, write_user_file

    shown = str(readme)
    if not readme.exists() and not readme.is_symlink():
        raise InputError(shown, "no such README to write into")
    try:
        text = read_user_file(readme).decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(shown, f"cannot read: {error}") from error
    updated = between_markers(text, content, shown)
    if updated == text:
        return False
    write_user_file(readme, updated.encode("utf-8"))  # through a link, keeping the mode
    return True
