"""A hostile fake on 127.0.0.1: arXiv, GitHub and web pages that answer to break us.

One server plays every service (``/arxiv/api/query``, ``/github/repos/...``,
``/github/graphql``, ``/pages/<name>``) and answers with the payloads an
attacker (or a broken upstream) would send: invalid URLs, JSON nested
200,000 deep, fields of the wrong type, XML entity bombs, gzip bombs, bodies
that never end, huge headers. Every payload is a named entry of a table, so
tests iterate over them and the end-to-end test builds one list that meets
them all.

Which payload an answer carries:

- arXiv: the first id of ``id_list`` picks it (:data:`ARXIV_IDS`); a title
  search picks it by the payload's name among the query's words.
- GitHub REST: ``GET /github/repos/hostile/<name>`` (:data:`REST_PAYLOADS`).
- GitHub GraphQL: each alias's repository name picks its node
  (:data:`GRAPHQL_NODES`); the other aliases are answered normally.
- Pages: ``GET /pages/<name>`` (:data:`PAGE_PAYLOADS`).

Usable outside pytest (subprocess end-to-end runs)::

    with HostileServer() as hostile:
        settings = Settings(arxiv_api_url=hostile.arxiv_url, ...)
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from werkzeug import Request, Response

from tests.fakes.server import FakeService, QuickStopHTTPServer

Handler = Callable[[Request], Response]
OWNER = "hostile"
BOMB_EXPANDED = 256 * 1024 * 1024  # bytes a gzip bomb expands to (from about 250 KB)
ENDLESS_CHUNK = b"<p>" + b"a" * 65_533 + b"\n"
HUGE_HEADER = 1024 * 1024  # one header line of a megabyte
DEEP = 200_000  # levels of nesting
_ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACES = (
    f'xmlns="{_ATOM}" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom"'
)


# --------------------------------------------------------------------------- #
# Shared building blocks
# --------------------------------------------------------------------------- #


@lru_cache(maxsize=2)
def gzip_bomb(expanded: int = BOMB_EXPANDED) -> bytes:
    """``expanded`` zero bytes (whole megabytes) as one gzip member, built in 0.07 s, not 0.8.

    One megabyte of zeros is deflated once and ended with a full flush, which
    byte-aligns the output and resets the compressor, so the same bytes encode
    every further megabyte; the gzip header and trailer (CRC-32 and length of
    the whole) are written around them (RFC 1952).
    """
    megabyte = bytes(1024 * 1024)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_RLE)  # raw deflate
    block = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)
    count = expanded // len(megabyte)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(megabyte, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, no time
    final_empty_block = b"\x03\x00"
    trailer = struct.pack("<II", crc, expanded % 2**32)
    return header + block * count + final_empty_block + trailer


def _bomb(content_type: str) -> Handler:
    def handler(request: Request) -> Response:
        return Response(
            gzip_bomb(),
            status=200,
            content_type=content_type,
            headers={"Content-Encoding": "gzip"},
        )

    return handler


def _endless(content_type: str) -> Handler:
    def chunks() -> Iterator[bytes]:
        while True:  # until the client hangs up
            yield ENDLESS_CHUNK

    def handler(request: Request) -> Response:
        return Response(chunks(), status=200, content_type=content_type)

    return handler


def _huge_header(body: bytes, content_type: str) -> Handler:
    def handler(request: Request) -> Response:
        return Response(
            body, status=200, content_type=content_type, headers={"X-Filler": "a" * HUGE_HEADER}
        )

    return handler


def _redirect(location: str) -> Handler:
    def handler(request: Request) -> Response:
        return Response(b"", status=302, headers={"Location": location})

    return handler


def _fixed(body: bytes | str, content_type: str, status: int = 200) -> Handler:
    data = body.encode() if isinstance(body, str) else body

    def handler(request: Request) -> Response:
        return Response(data, status=status, content_type=content_type)

    return handler


# --------------------------------------------------------------------------- #
# Pages
# --------------------------------------------------------------------------- #


def _page(head: str, body: str = "<h1>A hostile page</h1>") -> str:
    return (
        "<!doctype html><html><head><title>Hostile page</title>"
        f"{head}</head><body>{body}</body></html>"
    )


HTML = "text/html; charset=utf-8"
PAGE_PAYLOADS: dict[str, Handler] = {
    "bad-base": _fixed(_page('<base href="http://[x/">', '<a href="paper.pdf">p</a>'), HTML),
    "bad-og-image": _fixed(_page('<meta property="og:image" content="http://[x/">'), HTML),
    "bad-refresh": _fixed(_page('<meta http-equiv="refresh" content="0; url=http://[x/">'), HTML),
    "bad-links": _fixed(_page("", '<a href="http://[x/">x</a><a href="http://[::1/">y</a>'), HTML),
    "deep-json-ld": _fixed(
        _page(f'<script type="application/ld+json">{"[" * DEEP}{"]" * DEEP}</script>'), HTML
    ),
    "deep-html": _fixed(_page("", "<div>" * DEEP), HTML),
    "utf-7": _fixed(
        b"<html><head><title>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</title></head></html>",
        "text/html; charset=utf-7",
    ),
    "gzip-bomb": _bomb(HTML),
    "endless": _endless(HTML),
    "huge-header": _huge_header(_page("").encode(), HTML),
    # Locations httpx cannot parse: InvalidURL once escaped the door and failed the list.
    "redirect-javascript": _redirect("javascript:alert(1)"),
    "redirect-data": _redirect("data:,x"),
}


# --------------------------------------------------------------------------- #
# arXiv
# --------------------------------------------------------------------------- #


def _feed(total: str, entries: str = "") -> str:
    return (
        f"<?xml version='1.0' encoding='UTF-8'?>\n<feed {_NAMESPACES}>\n"
        "  <id>https://arxiv.org/api/hostile</id>\n  <title>arXiv Query</title>\n"
        f"  <opensearch:totalResults>{total}</opensearch:totalResults>\n"
        "  <opensearch:startIndex>0</opensearch:startIndex>\n"
        f"{entries}</feed>\n"
    )


def _entry(arxiv_id: str, title: str = "A hostile paper") -> str:
    return (
        f"  <entry>\n    <id>http://arxiv.org/abs/{arxiv_id}</id>\n"
        f"    <title>{title}</title>\n    <published>2021-01-01T00:00:00Z</published>\n"
        "    <author><name>A. Attacker</name></author>\n  </entry>\n"
    )


ATOM = "application/atom+xml; charset=utf-8"
_ENTITIES = "".join(
    f"<!ENTITY lol{i} '{f'&lol{i - 1};' * 10}'>\n" if i else "<!ENTITY lol0 'lol'>\n"
    for i in range(10)
)
_LAUGHS = (  # a billion laughs: 10^9 "lol" if entities were expanded
    f"<?xml version='1.0'?>\n<!DOCTYPE feed [\n{_ENTITIES}]>\n"
    f"<feed {_NAMESPACES}><title>&lol9;</title></feed>\n"
)
ARXIV_NAMES = (
    "total-digits",
    "total-superscript",
    "version-digits",
    "deep-xml",
    "entity-bomb",
    "external-entity",
    "not-xml",
    "gzip-bomb",
    "endless",
    "huge-header",
)
# The id whose request gets each payload: 2101.00101, 2101.00102, ... in table order.
ARXIV_IDS: dict[str, str] = {
    f"2101.{index:05d}": name for index, name in enumerate(ARXIV_NAMES, start=101)
}
_ID_OF = {name: arxiv_id for arxiv_id, name in ARXIV_IDS.items()}
ARXIV_PAYLOADS: dict[str, Handler] = {
    "total-digits": _fixed(_feed("9" * 5000, _entry(_ID_OF["total-digits"])), ATOM),
    "total-superscript": _fixed(_feed("\u00b2", _entry(_ID_OF["total-superscript"])), ATOM),
    "version-digits": _fixed(_feed("1", _entry(_ID_OF["version-digits"] + "v" + "9" * 5000)), ATOM),
    "deep-xml": _fixed(_feed("1", "<a>" * DEEP), ATOM),
    "entity-bomb": _fixed(_LAUGHS, ATOM),
    "external-entity": _fixed(
        "<?xml version='1.0'?>\n<!DOCTYPE feed [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
        f"<feed {_NAMESPACES}><title>&x;</title></feed>\n",
        ATOM,
    ),
    "not-xml": _fixed("<html><body>Service Unavailable", "text/html"),
    "gzip-bomb": _bomb(ATOM),
    "endless": _endless(ATOM),
    "huge-header": _huge_header(_feed("0").encode(), ATOM),
}


# --------------------------------------------------------------------------- #
# GitHub
# --------------------------------------------------------------------------- #


MISSING: Any = object()  # a field value meaning "leave the field out"


def repository(name: str, **changes: Any) -> dict[str, Any]:
    """GitHub's REST JSON for ``hostile/<name>``, with fields replaced (``...=MISSING`` drops)."""
    body: dict[str, Any] = {
        "id": 1000 + len(name),
        "name": name,
        "full_name": f"{OWNER}/{name}",
        "html_url": f"https://github.com/{OWNER}/{name}",
        "description": "a hostile repository",
        "homepage": None,
        "fork": False,
        "created_at": "2021-01-01T00:00:00Z",
        "pushed_at": "2021-01-02T00:00:00Z",
        "stargazers_count": 10,
        "watchers_count": 10,
        "subscribers_count": 2,
        "forks_count": 3,
        "open_issues_count": 1,
        "language": "Python",
        "archived": False,
        "topics": ["a"],
        "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT"},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not MISSING}


JSON = "application/json; charset=utf-8"


def _rest(name: str, **changes: Any) -> Handler:
    return _fixed(json.dumps(repository(name, **changes)), JSON)


REST_PAYLOADS: dict[str, Handler] = {
    "stars-lots": _rest("stars-lots", stargazers_count="lots"),
    "stars-float": _rest("stars-float", stargazers_count=12.5),
    # 1e999 is valid JSON that Python reads as infinity.
    "stars-huge": _fixed(
        json.dumps(repository("stars-huge")).replace(": 10,", ": 1e999,", 1), JSON
    ),
    "stars-null": _rest("stars-null", stargazers_count=None),
    "stars-missing": _rest("stars-missing", stargazers_count=MISSING),
    "topics-string": _rest("topics-string", topics="a,b"),
    "not-an-object": _fixed("[1, 2, 3]", JSON),
    "deep-json": _fixed("[" * DEEP + "]" * DEEP, JSON),
    "not-json": _fixed("<html>Unicorn!</html>", "text/html"),
    "gzip-bomb": _bomb(JSON),
    "endless": _endless(JSON),
    "huge-header": _huge_header(json.dumps(repository("huge-header")).encode(), JSON),
}


def node(name: str, **changes: Any) -> dict[str, Any]:
    """GitHub's GraphQL repository node for ``hostile/<name>``, fields replaced or dropped."""
    body: dict[str, Any] = {
        "databaseId": 2000 + len(name),
        "nameWithOwner": f"{OWNER}/{name}",
        "url": f"https://github.com/{OWNER}/{name}",
        "description": "a hostile repository",
        "homepageUrl": None,
        "stargazerCount": 10,
        "forkCount": 3,
        "watchers": {"totalCount": 2},
        "issues": {"totalCount": 1},
        "isArchived": False,
        "isFork": False,
        "createdAt": "2021-01-01T00:00:00Z",
        "pushedAt": "2021-01-02T00:00:00Z",
        "licenseInfo": {"spdxId": "MIT"},
        "primaryLanguage": {"name": "Python"},
        "repositoryTopics": {"nodes": [{"topic": {"name": "a"}}]},
        "latestRelease": None,
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not MISSING}


GRAPHQL_NODES: dict[str, Any] = {
    "fine": node("fine"),
    "topics-list": node("topics-list", repositoryTopics=[{"topic": {"name": "a"}}]),
    "no-name": node("no-name", nameWithOwner=MISSING),
    "description-number": node("description-number", description=42),
    "stars-string": node("stars-string", stargazerCount="lots"),
    "watchers-null": node("watchers-null", watchers=None),
    "node-a-list": [1, 2],
    "license-other": node("license-other", licenseInfo={"spdxId": "NOASSERTION"}),
}
_ALIAS = re.compile(r"(\w+)\s*:\s*repository\(\s*owner:\s*\$(\w+)\s*,\s*name:\s*\$(\w+)\s*\)")


RATE_LIMIT_NAME = "rate-limit"  # a query asking for it is answered "RATE_LIMIT" as a whole
DEEP_ANSWER_NAME = "deep-answer"  # a query asking for it is answered with JSON 200,000 deep


def graphql_answer(payload: Any) -> dict[str, Any]:
    """The answer to an aliased query: each alias gets its name's node, unknown names 404.

    A query that asks for :data:`RATE_LIMIT_NAME` gets GitHub's other spelling
    of a spent quota instead (``RATE_LIMIT``, githubkit issue 271).
    """
    variables = payload.get("variables") or {}
    if RATE_LIMIT_NAME in variables.values():
        message = "API rate limit exceeded for user ID 1."
        return {"errors": [{"type": "RATE_LIMIT", "message": message}]}
    data: dict[str, Any] = {"rateLimit": {"cost": 1, "remaining": 4999, "resetAt": None}}
    errors = []
    for alias, owner_var, name_var in _ALIAS.findall(payload.get("query", "")):
        name = str(variables.get(name_var, ""))
        if variables.get(owner_var) == OWNER and name in GRAPHQL_NODES:
            data[alias] = GRAPHQL_NODES[name]
        else:
            data[alias] = None
            errors.append({"type": "NOT_FOUND", "path": [alias], "message": f"no {name}"})
    return {"data": data, **({"errors": errors} if errors else {})}


# --------------------------------------------------------------------------- #
# The server
# --------------------------------------------------------------------------- #


class HostileServer(FakeService):
    """Every hostile payload above behind one loopback server (see the module docstring)."""

    def __init__(self) -> None:
        self.server = QuickStopHTTPServer(host="127.0.0.1", port=0, threaded=True)
        self.server.expect_request(re.compile(r"/.*")).respond_with_handler(self._dispatch)
        self.paths: list[str] = []  # every request path, in arrival order

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.port}{path}"

    @property
    def arxiv_url(self) -> str:
        return self.url("/arxiv/api/query")

    @property
    def github_api_url(self) -> str:
        return self.url("/github")

    @property
    def graphql_url(self) -> str:
        return self.url("/github/graphql")

    def page_url(self, name: str) -> str:
        return self.url(f"/pages/{name}")

    def _dispatch(self, request: Request) -> Response:
        self.paths.append(request.path)
        path = request.path
        if path == "/arxiv/api/query":
            return _arxiv(request)
        if path == "/github/graphql" and request.method == "POST":
            payload = request.get_json(force=True)
            if DEEP_ANSWER_NAME in (payload.get("variables") or {}).values():
                return Response("[" * DEEP + "]" * DEEP, 200, {}, JSON)
            return Response(json.dumps(graphql_answer(payload)), 200, {}, JSON)
        if path.startswith(f"/github/repos/{OWNER}/"):
            handler = REST_PAYLOADS.get(path.rsplit("/", 1)[-1])
            return handler(request) if handler else _not_found()
        if path.startswith("/pages/"):
            handler = PAGE_PAYLOADS.get(path.removeprefix("/pages/"))
            return handler(request) if handler else _not_found()
        return _not_found()


def _arxiv(request: Request) -> Response:
    first_id = (request.args.get("id_list") or "").split(",")[0]
    name = ARXIV_IDS.get(first_id)
    if name is None:
        words = set(re.findall(r"[\w-]+", request.args.get("search_query", "")))
        name = next((n for n in ARXIV_PAYLOADS if n.replace("-", "") in words), None)
    if name is None:
        return _fixed(_feed("0"), ATOM)(request)
    return ARXIV_PAYLOADS[name](request)


def _not_found() -> Response:
    return Response('{"message": "Not Found"}', status=404, content_type=JSON)
