"""The loopback HTTP server every fake and test server is built on.

Why not plain :class:`pytest_httpserver.HTTPServer`: its thread runs werkzeug's
``serve_forever`` with socketserver's default ``poll_interval`` of 0.5 s, and
``stop()`` waits for the next poll, so every stop cost about half a second —
45% of the whole suite's time went to shutting servers down. A short poll
interval makes a stop take a few milliseconds; nothing else changes (same
request matching, same werkzeug handling, same threading option).
"""

from __future__ import annotations

from typing import Self

from pytest_httpserver import HTTPServer

# How often the serving thread checks for a shutdown request. Short enough that
# a stop is instant, long enough that an idle server costs no measurable CPU.
POLL_INTERVAL_SECONDS = 0.01


class QuickStopHTTPServer(HTTPServer):
    """:class:`HTTPServer` whose ``stop()`` returns in milliseconds, not 0.5 s."""

    def thread_target(self) -> None:
        # pytest-httpserver documents thread_target as the hook to override.
        assert self.server is not None
        self.server.serve_forever(poll_interval=POLL_INTERVAL_SECONDS)


class FakeService:
    """Start, stop and ``with`` for a fake service served by one quick-stopping server.

    A fake builds ``self.server`` and registers its handlers in ``__init__``;
    the lifecycle is the same for every fake, so it is written once here.
    """

    server: QuickStopHTTPServer

    def start(self) -> Self:
        self.server.start()
        return self

    def stop(self) -> None:
        if self.server.is_running():
            self.server.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
