"""A web host on 127.0.0.1 whose redirects carry any ``Location`` bytes at all.

Why not werkzeug: it rewrites ``Location`` (``iri_to_uri``) and answers 500
when the header does not parse, so the client never sees what a hostile or
broken server really sends. Real servers put anything there: RFC 9110 10.2.2
asks for a URI reference, and in the wild ``Location`` carries
``javascript:``/``data:`` URIs (wapiti-scanner/wapiti#690, a scanner's
reflected payloads), scheme-only values (encode/httpx#771, ``https:///``
in dakrone/clj-http#435) and raw spaces or non-ASCII bytes (httpx decodes
header values as Latin-1). This server writes the bytes it is given.

``GET /to/<hex>`` answers ``302`` with ``Location: bytes.fromhex(<hex>)``;
every other path answers ``200`` with a small HTML page.
"""

from __future__ import annotations

import socketserver
import threading
from typing import Self


def redirect_path(location: bytes) -> str:
    """The path whose answer redirects to ``location`` (any bytes but CR/LF)."""
    return "/to/" + location.hex()


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        while True:
            line = self.rfile.readline(65_537)
            if not line:
                return
            while self.rfile.readline(65_537) not in (b"\r\n", b"\n", b""):
                pass  # headers: not needed
            parts = line.split()
            path = parts[1].decode("latin-1") if len(parts) > 1 else "/"
            if path.startswith("/to/"):
                try:
                    location = bytes.fromhex(path[4:].split("?", 1)[0])
                except ValueError:
                    location = b""
                head = b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\n"
                body = b""
            else:
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                body = b"<!doctype html><title>landed</title><p>landed</p>"
            head += b"Content-Length: %d\r\n\r\n" % len(body)
            self.wfile.write(head + body)
            self.wfile.flush()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class RawRedirectServer:
    """Start, stop and ``with``, like the other fakes; ``url(path)`` on 127.0.0.1."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def redirect_url(self, location: bytes) -> str:
        return self.url(redirect_path(location))

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
