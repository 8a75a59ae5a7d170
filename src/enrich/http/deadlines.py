"""The overall deadline of one API request (arXiv, GitHub, OpenAlex), retries included.

Why: timeouts bound each *read*, not a request. A server that sends one byte
every two seconds never trips a 30-second read timeout and held a run for as
long as it liked; only project pages had a total deadline. Every API policy
now sets one (``Deadline`` of :mod:`enrich.http.policy`), and the transport
stops reading a body once it has passed (:mod:`enrich.http.transport`).

How long: what an honest request may take at worst, with room: the whole
retry budget (``max_retry_wait``) and two full connect+read timeouts (the
first attempt and one retry of a timeout). With the defaults that is
120 + 2 x 40 = 200 s. A source adds the waits only it knows (``extra``:
GitHub's longest accepted wait for a reset, arXiv's pacing gap before each
attempt).
"""

from __future__ import annotations

from enrich.http.policy import Deadline
from enrich.settings import Settings


def api_deadline(settings: Settings, extra: float = 0.0) -> Deadline:
    """The deadline for one API request under ``settings`` (see the module docstring)."""
    exchange = settings.connect_timeout + settings.read_timeout
    seconds = settings.max_retry_wait + 2 * exchange + extra
    # A timed-out attempt is tried again as often as any other failure: the
    # deadline, not a count, is what bounds an API that answers slowly.
    return Deadline(seconds, timeout_retries=settings.max_attempts)
