"""The README block's optional pictures: a teaser thumbnail column and star sparkline images.

Both are off by default (a README table stays text). A thumbnail is the
project page's ``og:image`` as an ``<img>`` of fixed width (GitHub's
Markdown sizes no ``![]()``), only for a plain http(s) URL, with the URL
escaped for the quoted attribute. A README cannot hold inline SVG, so the
sparklines are SVG files written to a folder beside the README, one per
repository (named by GitHub's numeric id, which survives renames), and the
table links them by a path relative to the README.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from enrich.identity.web import for_syntax, plain_url
from enrich.output.json import write_atomic
from enrich.render.sparkline import Sparks, svg
from enrich.render.view import PaperView

THUMBNAIL_WIDTH = 120


def thumbnail_cell(view: PaperView) -> str:
    """``<img src="..." width="120" alt="">`` for an http(s) teaser; empty otherwise."""
    image = plain_url(view.page.image) if view.page is not None and view.page.image else None
    if image is None:
        return ""
    return f'<img src="{for_syntax(image, chr(34))}" width="{THUMBNAIL_WIDTH}" alt="">'


def write_sparklines(
    views: Iterable[PaperView], sparks: Sparks, folder: Path, readme_dir: Path
) -> dict[int, str]:
    """Write ``<folder>/<repo id>.svg`` for each repository with history; repo id -> README path."""
    written: dict[int, str] = {}
    for view in views:
        code = view.code
        if code is None or code.repo_id is None or code.repo_id in written:
            continue
        spark = sparks.by_repo.get(code.repo_id)
        if spark is None:
            continue
        label = f"{code.name}: stars {sparks.start} to {sparks.end}, {spark.first} to {spark.last}"
        path = folder / f"{code.repo_id}.svg"
        write_atomic(path, svg(spark.levels, label=label))
        relative = Path(os.path.relpath(path, readme_dir)).as_posix()
        written[code.repo_id] = quote(relative, safe="/._-~")
    return written


def sparkline_cell(view: PaperView, images: dict[int, str]) -> str:
    """``![stars over 8 weeks](path)`` for a repository with a sparkline; empty otherwise."""
    repo_id = view.code.repo_id if view.code is not None else None
    path = images.get(repo_id) if repo_id is not None else None
    return f"![stars over 8 weeks]({path})" if path else ""
