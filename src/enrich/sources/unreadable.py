"""One wording for "this answer could not be read", shared by every source.

Every answer from the network is hostile input. Each source parses with
care, but a parser defect or a payload built to break it must cost one
entry's slot, not the run: the source catches what escaped while reading one
answer and stores this reason in the ``error`` slots concerned. The
reason names the exception's type and message (cut short: a hostile answer
may echo megabytes, or a credential, which is masked), and the traceback
goes to the debug log, so the failure is reported, never hidden.
"""

from __future__ import annotations

import logging

from enrich.redact import redact

MAX_REASON = 300  # characters of the exception's message kept in a slot

log = logging.getLogger("enrich.sources")


def unreadable_reason(what: str, error: BaseException) -> str:
    """``"could not read <what>: TypeName: message"``; the traceback is logged at debug."""
    log.debug("could not read %s", what, exc_info=error)
    message = redact(str(error))
    if len(message) > MAX_REASON:
        message = message[: MAX_REASON - 1] + "…"
    return f"could not read {what}: {type(error).__name__}: {message}"
