"""Per-host limits on page requests never starve other hosts of overall slots."""

from __future__ import annotations

import threading
import time as clock
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from werkzeug import Request, Response

from enrich.assembly import build_door
from enrich.settings import Settings
from enrich.sources.pages import PagesSettings
from tests.fakes.server import QuickStopHTTPServer


def test_a_busy_host_does_not_hold_back_other_hosts(tmp_path: Path) -> None:
    """Requests queued for one host wait for that host, not for a slot others need."""
    arrivals: list[str] = []
    lock = threading.Lock()

    def slow(name: str) -> Callable[[Request], Response]:
        def handler(request: Request) -> Response:
            with lock:
                arrivals.append(name + request.path)
            clock.sleep(0.3)
            return Response("<title>x</title>", content_type="text/html")

        return handler

    busy, other = (
        QuickStopHTTPServer(host="127.0.0.1", port=0),
        QuickStopHTTPServer(host="127.0.0.2", port=0),
    )
    busy.expect_request("/a1").respond_with_handler(slow("busy"))
    busy.expect_request("/a2").respond_with_handler(slow("busy"))
    busy.expect_request("/a3").respond_with_handler(slow("busy"))
    other.expect_request("/b").respond_with_handler(slow("other"))
    busy.start()
    other.start()
    try:
        settings = Settings(
            cache_dir=tmp_path,
            allow_private_hosts=True,
            sources=(PagesSettings(concurrency=2, concurrency_per_host=1),),
        )
        urls = [busy.url_for("/a1"), busy.url_for("/a2"), busy.url_for("/a3"), other.url_for("/b")]
        with build_door(settings) as door, ThreadPoolExecutor(4) as pool:
            futures = []
            for url in urls:
                futures.append(pool.submit(door.request, "pages", "GET", url))
                clock.sleep(0.02)  # submit in this order
            assert [f.result().status for f in futures] == [200, 200, 200, 200]
    finally:
        busy.stop()
        other.stop()
    assert arrivals.index("other/b") < arrivals.index("busy/a2")
