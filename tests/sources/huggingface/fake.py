"""A local fake of Hugging Face's paper API on 127.0.0.1, for the Hugging Face source's tests.

A fake is a claim about the real service; each behaviour names where it was
read:

- ``GET /api/papers/{arxiv_id}`` answers the paper object with the keys
  ``huggingface_hub``'s ``PaperInfo`` reads (huggingface/huggingface_hub
  ``src/huggingface_hub/hf_api.py``: ``id``, ``authors`` as ``{"_id",
  "name", "hidden"}``, ``publishedAt``, ``title``, ``summary``,
  ``upvotes``, ``discussionId``, ``projectPage``, ``githubRepo``,
  ``githubStars``, ``numComments``); ``projectPage`` and ``githubRepo`` are
  absent when the authors linked none.
- A paper not indexed answers **404** (huggingface/skills
  ``skills/huggingface-papers/SKILL.md``, *Error Handling*: "404 on
  /api/papers/{PAPER_ID}: the paper may not be indexed ... yet") with the
  Hub's error body ``{"error": "..."}``.
- ``GET /api/models``, ``/api/datasets``, ``/api/spaces`` with
  ``filter=arxiv:{id}`` answer a JSON array of repository objects (``_id``,
  ``id`` as ``owner/name``) citing the paper (the same skill, "To find models
  linked to the paper"), at most ``limit`` of them.

Every request is recorded for counting; ``fail_next(n)`` answers 503.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass

from werkzeug import Request, Response

from tests.fakes.server import FakeService, QuickStopHTTPServer

KINDS = ("models", "datasets", "spaces")


@dataclass(frozen=True)
class FakeHfPaper:
    arxiv_id: str
    title: str
    upvotes: int = 0
    github_repo: str | None = None
    project_page: str | None = None
    models: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()
    spaces: tuple[str, ...] = ()

    def body(self) -> dict[str, object]:
        paper: dict[str, object] = {
            "id": self.arxiv_id,
            "authors": [{"_id": "64" + "0" * 22, "name": "A. Author", "hidden": False}],
            "publishedAt": "2022-11-22T18:59:59.000Z",
            "title": self.title,
            "summary": f"The abstract of {self.title}.",
            "upvotes": self.upvotes,
            "discussionId": "65" + "0" * 22,
            "numComments": 0,
        }
        if self.github_repo:
            paper["githubRepo"] = self.github_repo
            paper["githubStars"] = 1234
        if self.project_page:
            paper["projectPage"] = self.project_page
        return paper


class FakeHuggingface(FakeService):
    def __init__(self, papers: tuple[FakeHfPaper, ...] = ()) -> None:
        self.papers = {paper.arxiv_id: paper for paper in papers}
        self.requests: list[str] = []
        self._faults = 0
        self._lock = threading.Lock()
        self.server = QuickStopHTTPServer(host="127.0.0.1", port=0)
        self.server.expect_request(re.compile(r"^/api/.*")).respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def fail_next(self, times: int) -> None:
        with self._lock:
            self._faults += times

    def _handle(self, request: Request) -> Response:
        with self._lock:
            self.requests.append(request.full_path.rstrip("?"))
            if self._faults:
                self._faults -= 1
                return _json({"error": "Service Unavailable"}, 503)
        parts = request.path.strip("/").split("/")
        if len(parts) == 3 and parts[:2] == ["api", "papers"]:
            paper = self.papers.get(parts[2])
            if paper is None:
                return _json({"error": "Paper not found"}, 404)
            return _json(paper.body())
        if len(parts) == 2 and parts[1] in KINDS:
            wanted = request.args.get("filter", "").removeprefix("arxiv:")
            limit = int(request.args.get("limit", "1000"))
            paper = self.papers.get(wanted)
            names = getattr(paper, parts[1]) if paper else ()
            repos = [{"_id": f"{n:024x}", "id": name} for n, name in enumerate(names)]
            return _json(repos[:limit])
        return _json({"error": "Not found"}, 404)


def _json(value: object, status: int = 200) -> Response:
    return Response(json.dumps(value), status=status, content_type="application/json")
