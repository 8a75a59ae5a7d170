"""Every loopback server in the tests is one that stops in milliseconds.

Why: a plain ``pytest_httpserver.HTTPServer`` takes 0.5 s to stop (werkzeug's
poll interval); with dozens of fakes started per run that was 45% of the
suite's time. New fakes and tests must build on
:class:`tests.fakes.server.QuickStopHTTPServer` (or share the ``httpserver``
fixture); this test names any that do not.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO_ROOT

SLOW_SERVER = re.compile(r"(?<![\w.])(?:pytest_httpserver\.)?HTTPServer\(")


def slow_servers(text: str) -> list[int]:
    """Line numbers that construct a plain ``HTTPServer``."""
    return [number for number, line in enumerate(text.splitlines(), 1) if SLOW_SERVER.search(line)]


def test_the_check_tells_plain_and_quick_servers_apart() -> None:
    text = (
        "server = HTTPServer(host='127.0.0.1')\n"
        "server = QuickStopHTTPServer(host='127.0.0.1')\n"
        "busy, other = (QuickStopHTTPServer(port=0), HTTPServer(port=0))\n"
        "class QuickStopHTTPServer(HTTPServer):\n"
    )
    assert slow_servers(text) == [1, 3]


def test_no_test_builds_a_slow_stopping_server() -> None:
    sources = [p for p in sorted((REPO_ROOT / "tests").rglob("*.py")) if p != Path(__file__)]
    found = {
        str(path.relative_to(REPO_ROOT)): lines
        for path in sources
        if (lines := slow_servers(path.read_text(encoding="utf-8")))
    }
    assert found == {}, f"use tests.fakes.server.QuickStopHTTPServer instead: {found}"


def test_the_shared_httpserver_fixture_is_a_quick_one(httpserver: object) -> None:
    from tests.fakes.server import QuickStopHTTPServer

    assert isinstance(httpserver, QuickStopHTTPServer)
