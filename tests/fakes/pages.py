"""A fake web host on 127.0.0.1 serving the pages real awesome lists link to.

Wraps :class:`pytest_httpserver.HTTPServer` (threaded, usable outside pytest:
benchmarks and subprocess end-to-end tests start one too) behind helpers that
register the shapes project pages take in the wild, including their failure
modes: 404, a 500 that recovers, a slow page, 301/302 chains, a redirect loop,
a huge body, a PDF, a Shift_JIS or Latin-1 page, a soft 404, a Cloudflare
challenge, a parked domain. Every HTML page carries an ``ETag`` and a
``Last-Modified`` and answers a matching conditional request with 304, so a
warm run's requests can be counted. Every request is recorded.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from werkzeug import Request, Response

from tests.fakes.server import FakeService, QuickStopHTTPServer

LAST_MODIFIED = "Wed, 01 Jan 2025 00:00:00 GMT"
Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Seen:
    """One request the host received."""

    method: str
    path: str
    headers: dict[str, str]


@dataclass
class _Route:
    handlers: list[Handler]  # served in turn; the last one repeats
    served: int = 0


def html_page(
    title: str,
    *,
    description: str | None = None,
    image: str | None = None,
    links: Sequence[str] = (),
    body: str = "",
    charset: str | None = "utf-8",
    extra_head: str = "",
) -> str:
    """A small project page: <title>, meta description, og:image, a list of links."""
    head = [f'<meta charset="{charset}">' if charset else ""]
    head.append(f"<title>{html.escape(title)}</title>")
    if description is not None:
        head.append(f'<meta name="description" content="{html.escape(description)}">')
    if image is not None:
        head.append(f'<meta property="og:image" content="{html.escape(image)}">')
    anchors = "".join(
        f'<li><a href="{html.escape(link)}">{html.escape(link)}</a></li>' for link in links
    )
    return (
        f"<!DOCTYPE html><html><head>{''.join(head)}{extra_head}</head>"
        f"<body><h1>{html.escape(title)}</h1>{body}<ul>{anchors}</ul></body></html>"
    )


CHALLENGE_PAGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    "<noscript>Enable JavaScript and cookies to continue</noscript>"
    "<script>window._cf_chl_opt={cvId:'3',cType:'managed'};</script></body></html>"
)
PARKED_PAGE = (
    "<!DOCTYPE html><html><head><title>example-avatar.com</title></head><body>"
    "<h1>example-avatar.com</h1><p>This domain is for sale! Buy this domain today.</p>"
    "<script src='https://www.sedoparking.com/frmpark/park.js'></script></body></html>"
)
SOFT_404_PAGE = (
    "<!DOCTYPE html><html><head><title>Page not found · GitHub Pages</title></head>"
    "<body><h1>404</h1><p>File not found</p><p>The site configured at this address does not"
    " contain the requested file.</p></body></html>"
)
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class FakeWebHost(FakeService):
    """A local web host; register pages with the ``add_*`` helpers, then fetch ``url(path)``."""

    def __init__(self, *, latency: float = 0.0, port: int = 0) -> None:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log on stderr
        self.server = QuickStopHTTPServer(host="127.0.0.1", port=port, threaded=True)
        self.latency = latency
        self._routes: dict[str, _Route] = {}
        self._seen: list[Seen] = []
        self._lock = threading.Lock()
        self._in_flight = 0
        self.max_in_flight = 0  # most requests handled at once (politeness checks)
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._dispatch)

    # -- lifecycle --------------------------------------------------------- #

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    # -- requests seen ------------------------------------------------------ #

    @property
    def requests(self) -> list[Seen]:
        with self._lock:
            return list(self._seen)

    def count(self, path: str | None = None) -> int:
        """Requests received (at ``path``)."""
        with self._lock:
            return sum(1 for seen in self._seen if path is None or seen.path == path)

    def reset_log(self) -> None:
        with self._lock:
            self._seen.clear()

    # -- registration ------------------------------------------------------- #

    def add(self, path: str, *handlers: Handler) -> str:
        """Serve ``handlers`` in turn at ``path`` (the last repeats); returns the URL."""
        with self._lock:
            self._routes[path] = _Route(list(handlers))
        return self.url(path)

    def add_html(
        self,
        path: str,
        page: str | bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        conditional: bool = True,
    ) -> str:
        """An HTML page (see :func:`html_page`), with ETag/Last-Modified/304 unless told not."""
        body = page.encode("utf-8") if isinstance(page, str) else page
        return self.add(path, static(body, content_type, conditional=conditional))

    def add_page(self, path: str, title: str, **options: object) -> str:
        """Shorthand: :func:`html_page` served at ``path``."""
        return self.add_html(path, html_page(title, **options))  # type: ignore[arg-type]

    def add_status(
        self, path: str, status: int, body: str = "", headers: dict[str, str] | None = None
    ) -> str:
        return self.add(path, fixed(status, body.encode(), "text/html; charset=utf-8", headers))

    def add_flaky(self, path: str, page: str, failures: int = 1, status: int = 500) -> str:
        """``failures`` answers of ``status``, then the page for good."""
        failing = [fixed(status, b"<h1>Internal Server Error</h1>", "text/html")] * failures
        return self.add(path, *failing, static(page.encode(), "text/html; charset=utf-8"))

    def add_slow(self, path: str, delay: float, page: str = "<title>slow</title>") -> str:
        """A page that takes ``delay`` seconds before answering (a timeout for short timeouts)."""

        def handler(request: Request) -> Response:
            time.sleep(delay)
            return Response(page, status=200, content_type="text/html; charset=utf-8")

        return self.add(path, handler)

    def add_redirect(self, path: str, target: str, status: int = 301) -> str:
        """A redirect to ``target`` (a path on this host or an absolute URL)."""
        location = target if "://" in target else self.url(target)
        return self.add(path, fixed(status, b"", "text/html", {"Location": location}))

    def add_redirect_chain(self, paths: Sequence[str], statuses: Sequence[int]) -> str:
        """paths[0] -(statuses[0])-> paths[1] -> ... -> paths[-1] (which must be registered)."""
        for source, target, status in zip(paths, paths[1:], statuses, strict=False):
            self.add_redirect(source, target, status)
        return self.url(paths[0])

    def add_loop(self, first: str, second: str) -> str:
        self.add_redirect(first, second, 302)
        self.add_redirect(second, first, 302)
        return self.url(first)

    def add_huge(self, path: str, size: int, title: str = "Huge page") -> str:
        """An HTML page of ``size`` bytes, streamed in chunks (to test the body cap)."""
        head = f"<!DOCTYPE html><html><head><title>{title}</title></head><body>".encode()

        def chunks() -> Iterator[bytes]:
            yield head
            sent = len(head)
            filler = b"<p>" + b"x" * 8185 + b"</p>"
            while sent < size:
                yield filler
                sent += len(filler)

        def handler(request: Request) -> Response:
            return Response(chunks(), status=200, content_type="text/html; charset=utf-8")

        return self.add(path, handler)

    def add_pdf(self, path: str) -> str:
        return self.add(path, static(MINIMAL_PDF, "application/pdf"))

    def add_encoded(self, path: str, title: str, encoding: str, *, declare: str = "header") -> str:
        """A page in ``encoding``, declared in the HTTP header, a ``<meta>``, or nowhere."""
        page = html_page(title, charset=encoding if declare == "meta" else None)
        content_type = f"text/html; charset={encoding}" if declare == "header" else "text/html"
        return self.add_html(path, page.encode(encoding), content_type=content_type)

    def add_soft_404(self, path: str) -> str:
        return self.add_html(path, SOFT_404_PAGE)

    def add_challenge(self, path: str, status: int = 403) -> str:
        return self.add(
            path,
            fixed(
                status,
                CHALLENGE_PAGE.encode(),
                "text/html; charset=UTF-8",
                {"Server": "cloudflare", "cf-mitigated": "challenge"},
            ),
        )

    def add_parked(self, path: str) -> str:
        return self.add_html(path, PARKED_PAGE)

    # -- dispatch ----------------------------------------------------------- #

    def _dispatch(self, request: Request) -> Response:
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            self._seen.append(Seen(request.method, request.path, dict(request.headers)))
            route = self._routes.get(request.path)
            if route is None:
                handler = fixed(404, b"<title>404 Not Found</title>", "text/html")
            else:
                handler = route.handlers[min(route.served, len(route.handlers) - 1)]
                route.served += 1
        try:
            if self.latency:
                time.sleep(self.latency)
            return handler(request)
        finally:
            with self._lock:
                self._in_flight -= 1


def fixed(
    status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
) -> Handler:
    """Always the same answer, no validators."""

    def handler(request: Request) -> Response:
        return Response(body, status=status, content_type=content_type, headers=headers or {})

    return handler


def static(body: bytes, content_type: str, *, conditional: bool = True) -> Handler:
    """A 200 with ETag and Last-Modified, answering matching conditional requests with 304."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

    def handler(request: Request) -> Response:
        if not conditional:
            return Response(body, status=200, content_type=content_type)
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if _not_modified(request, etag):
            return Response(status=304, headers=validators)
        return Response(body, status=200, content_type=content_type, headers=validators)

    return handler


def _not_modified(request: Request, etag: str) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    return request.headers.get("If-Modified-Since") == LAST_MODIFIED


def register_standard_pages(host: FakeWebHost, count: int = 10) -> list[str]:
    """``count`` healthy project pages linking to a repo and a paper; returns their URLs."""
    return [
        host.add_page(
            f"/project-{number}/",
            f"Project {number}",
            description=f"Talking heads, part {number}.",
            image=f"/project-{number}/teaser.png",
            links=(
                f"https://arxiv.org/abs/2301.{number + 1:05d}",
                f"https://github.com/lab/project-{number}",
            ),
        )
        for number in range(count)
    ]
