"""``enrich render markdown``: an enriched list as Markdown tables for a README.

The tables can replace what lies between ``<!-- enrich:begin -->`` and
``<!-- enrich:end -->`` in an existing README; everything outside the markers
is kept byte for byte (the file is read and written without newline
translation), so a maintainer's prose is never touched.
"""

from __future__ import annotations

from pathlib import Path

from enrich.errors import InputError
from enrich.models import EnrichedList
from enrich.render.templating import environment
from enrich.render.view import by_section, paper_views, sort_views

BEGIN = "<!-- enrich:begin -->"
END = "<!-- enrich:end -->"


def render_markdown(document: EnrichedList, order: str = "list", heading_level: int = 3) -> str:
    """The list's papers as one table per section, sections in list order."""
    views = sort_views(paper_views(document), order)
    template = environment().get_template("markdown.md.j2")
    return template.render(groups=by_section(views), heading_level=heading_level)


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
    newline = "\r\n" if "\r\n" in text[:start] or text[:start].endswith("\r") else "\n"
    body = content.replace("\n", newline) if newline != "\n" else content
    return text[:start] + newline + newline + body + newline + text[end:]


def write_into(readme: Path, content: str) -> bool:
    """Replace the marked part of ``readme``; returns whether the file changed."""
    from enrich.output.json import write_atomic

    shown = str(readme)
    try:
        with readme.open(encoding="utf-8", newline="") as stream:
            text = stream.read()
    except FileNotFoundError as error:
        raise InputError(shown, "no such README to write into") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(shown, f"cannot read: {error}") from error
    updated = between_markers(text, content, shown)
    if updated == text:
        return False
    write_atomic(readme, updated.encode("utf-8"))
    return True
