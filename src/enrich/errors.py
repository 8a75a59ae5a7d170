"""The typed error tree. Each error carries the context a user needs to act.

Exit codes are decided here, in one place (:func:`exit_code_for`), so the CLI
never invents its own.
"""

from __future__ import annotations

from enrich.redact import redact

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's convention for SIGINT


class EnrichError(Exception):
    """Base of every error the tool raises on purpose."""

    exit_code = EXIT_FAILURE


class UsageError(EnrichError):
    """The command line or configuration is wrong."""

    exit_code = EXIT_USAGE


class InputError(EnrichError):
    """An input file is missing, unreadable or not a list."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class OutputError(EnrichError):
    """An enriched document could not be validated or written."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class NetworkError(EnrichError):
    """A request failed. Names the service and URL, and whether it was retried.

    The message is often server text, so it is redacted here, once, before any
    caller can store or print it (:mod:`enrich.redact`).
    """

    def __init__(
        self, service: str, url: str, message: str, *, status: int | None = None, attempts: int = 1
    ) -> None:
        self.service = service
        self.url = url
        self.status = status
        self.attempts = attempts
        self.message = redact(message)
        super().__init__(redact(f"{service}: {url}: {message} (after {attempts} attempt(s))"))


class RetriesExhausted(NetworkError):
    """Every allowed attempt failed with a retryable error."""


class RateLimited(NetworkError):
    """The service's quota is spent until ``reset_at`` (epoch seconds), beyond the allowed wait."""

    def __init__(self, service: str, url: str, message: str, *, reset_at: float | None) -> None:
        self.reset_at = reset_at
        super().__init__(service, url, message, status=None)


class AnswerTooLarge(NetworkError):
    """An answer (decompressed) outgrew the service's size cap; it was not kept or cached."""

    def __init__(self, service: str, url: str, limit: int) -> None:
        self.limit = limit
        super().__init__(service, url, f"answer larger than {limit:,} bytes (decompressed)")


class OfflineMiss(NetworkError):
    """``--offline`` was set and the cache does not hold this request."""

    def __init__(self, service: str, url: str) -> None:
        super().__init__(service, url, "not in the cache and --offline is set", attempts=0)


class NotAsked(NetworkError):
    """The door sent nothing: the host or service was given up earlier this run.

    Says nothing about the URL itself (another page on its host hung, or the
    service stopped answering), so a caller keeps its last verdict.
    """

    def __init__(self, service: str, url: str, message: str) -> None:
        super().__init__(service, url, message, attempts=0)


class UnsafeURL(NetworkError):
    """A URL from a list points at a scheme or address the tool refuses to fetch."""

    def __init__(self, service: str, url: str, message: str) -> None:
        super().__init__(service, url, message, attempts=0)


def exit_code_for(error: BaseException) -> int:
    """The process exit code for an error that ended a command."""
    if isinstance(error, EnrichError):
        return error.exit_code
    return EXIT_FAILURE
