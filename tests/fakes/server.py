"""The loopback HTTP server every fake and test server is built on.

Why not plain :class:`pytest_httpserver.HTTPServer`: its thread runs werkzeug's
``serve_forever`` with socketserver's default ``poll_interval`` of 0.5 s, and
``stop()`` waits for the next poll, so every stop cost about half a second —
45% of the whole suite's time went to shutting servers down. A short poll
interval makes a stop take a few milliseconds; nothing else changes (same
request matching, same werkzeug handling, same threading option).
"""

from __future__ import annotations

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
