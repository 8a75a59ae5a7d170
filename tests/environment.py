"""Test and benchmark environments, generated from the registry: every endpoint on loopback.

A source declares its environment variables in its settings class
(``Variable(..., endpoint=True)`` for a URL of its service). Here every
declared endpoint of every registered source is pointed at loopback (the
given fake's address, else :func:`nowhere`, a loopback server that answers
404 to everything at once) and every declared secret is emptied unless
given, so a new source needs no line here and its tests cannot reach its
public address even when nobody wrote a fake for it yet. Subprocesses get
the environment with the network guard (``tests/guard``) as the test
process set it up.
"""

from __future__ import annotations

import atexit
import functools
import os
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from enrich.assembly import source_settings
from enrich.settings import SourceSettings, Variable
from enrich.sources.registry import SOURCES


class _NothingHere(BaseHTTPRequestHandler):
    """404 with a JSON body for every request: "no such record", answered at once."""

    def _answer(self) -> None:
        body = b'{"error": "nothing here: no fake serves this endpoint in this test"}'
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return


@functools.cache
def nowhere() -> str:
    """The URL of this process's "nothing here" server, started on first use.

    Not a closed port: a refused connection is retried with backoff and then
    given up on, which costs seconds; a 404 costs a millisecond and reads as
    "not found" to every source.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NothingHere)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="nowhere", daemon=True).start()
    atexit.register(server.shutdown)
    return f"http://127.0.0.1:{server.server_address[1]}"


def declared_variables() -> tuple[Variable, ...]:
    """Every environment variable the registered sources read."""
    return tuple(variable for spec in SOURCES for variable in spec.settings.VARIABLES)


UNREACHABLE = "http://127.0.0.1:9"  # the discard port, closed: for worlds where the network is down


def loopback_environment(
    given: Mapping[str, str] | None = None,
    base: Mapping[str, str] | None = None,
    elsewhere: str | None = None,
) -> dict[str, str]:
    """``base`` (default: this process's environment without any ``ENRICH_*``, ``GITHUB_*``
    or source variable) with every source endpoint on loopback.

    ``given`` wins (a fake's URL, a key, ``ENRICH_ARXIV_DELAY``); an endpoint
    not given points at ``elsewhere`` (default :func:`nowhere`; an outage
    test passes :data:`UNREACHABLE`, since every service is down in an
    outage), a secret not given is empty and a pacing wait is 0.
    """
    if base is None:
        declared = {variable.name for variable in declared_variables()}
        base = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("ENRICH_", "GITHUB_")) and name not in declared
        }
    environment = dict(base)
    for variable in declared_variables():
        if variable.endpoint:
            environment[variable.name] = elsewhere or nowhere()
        elif variable.secret:
            environment[variable.name] = ""
        elif variable.pacing:
            environment[variable.name] = "0"  # a local fake has no terms to keep
    environment.update(given or {})
    return environment


def loopback_sources(given: Mapping[str, str] | None = None) -> tuple[SourceSettings, ...]:
    """Every registered source's settings read from :func:`loopback_environment`."""
    return source_settings(loopback_environment(given, base={}))
