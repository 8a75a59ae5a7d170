"""Reading Hugging Face's answers: a paper (``/api/papers/{id}``) and a list of repositories.

The paper object's keys are those ``huggingface_hub``'s ``PaperInfo`` reads
(huggingface/huggingface_hub ``src/huggingface_hub/hf_api.py``): ``id``,
``title``, ``upvotes``, ``githubRepo``, ``projectPage``, ``githubStars``,
``numComments``... Every one may be missing. ``/api/models``,
``/api/datasets`` and ``/api/spaces`` with ``filter=arxiv:{id}`` answer a
JSON array, one object per repository (the huggingface/skills
``huggingface-papers`` skill documents these filters). A value of the wrong
type is dropped, never turned into a zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class UnusableAnswer(ValueError):
    """The body is not the JSON shape the endpoint documents."""


@dataclass(frozen=True)
class PaperAnswer:
    paper_id: str
    upvotes: int | None
    github_repo: str | None
    project_page: str | None


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:
        raise UnusableAnswer(f"not JSON ({error})") from error


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _url(value: Any) -> str | None:
    if isinstance(value, str) and value.strip().startswith(("https://", "http://")):
        return value.strip()
    return None


def parse_paper(body: bytes) -> PaperAnswer:
    """The fields this source keeps from one paper object."""
    data = _json(body)
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise UnusableAnswer("not a paper object (no string 'id')")
    return PaperAnswer(
        paper_id=data["id"],
        upvotes=_count(data.get("upvotes")),
        github_repo=_url(data.get("githubRepo")),
        project_page=_url(data.get("projectPage")),
    )


def count_repositories(body: bytes) -> int:
    """How many repositories a ``filter=arxiv:{id}`` list holds."""
    data = _json(body)
    if not isinstance(data, list):
        raise UnusableAnswer("not a list of repositories")
    return sum(1 for item in data if isinstance(item, dict) and isinstance(item.get("id"), str))
