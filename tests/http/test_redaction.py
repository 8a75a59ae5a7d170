"""Credentials never reach a stored, printed or reported text."""

from __future__ import annotations

import logging

import pytest
from pytest_httpserver import HTTPServer

from enrich.errors import NetworkError, RetriesExhausted
from enrich.redact import MASK, RedactingFilter, redact
from enrich.settings import Settings
from enrich.sources.github import GithubSettings
from tests.http.conftest import DoorFactory

CONFIGURED = "s3cret-configured-token-0123"  # not GitHub-shaped: redacted because configured
SHAPED = {
    "classic": "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8",
    "oauth": "gho_" + "abcdefghijklmnopqrstuvwxyz0123456789",
    "user-to-server": "ghu_" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "server-to-server": "ghs_" + "0123456789abcdefghijABCDEFGHIJ012345",
    "refresh": "ghr_" + "zyxwvutsrqponmlkjihgfedcba9876543210",
    "fine-grained": "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
}


@pytest.mark.parametrize("token", SHAPED.values(), ids=SHAPED.keys())
def test_anything_shaped_like_a_github_token_is_redacted(token: str) -> None:
    text = f'{{"message": "Bad credentials: Authorization: Bearer {token}"}}'

    assert redact(text) == f'{{"message": "Bad credentials: Authorization: Bearer {MASK}"}}'


def test_ordinary_text_is_left_alone() -> None:
    text = "ghp_ is a prefix; see github.com/ghp/project and the-ghs_ thing"

    assert redact(text) == text


def test_the_configured_token_is_redacted_from_errors_and_logs(
    httpserver: HTTPServer,
    make_door: DoorFactory,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    httpserver.expect_request("/graphql").respond_with_data(b"{}", status=502)
    door = make_door(settings.with_source(GithubSettings, token=CONFIGURED))
    url = httpserver.url_for("/graphql") + f"?echo={CONFIGURED}"

    with (
        caplog.at_level(logging.DEBUG, logger="enrich.http"),
        pytest.raises(RetriesExhausted) as failure,
    ):
        door.request("github", "POST", url, json_body={"query": "{ viewer { login } }"})
    echoed = NetworkError("github", url, f"GraphQL error: token {CONFIGURED} is invalid")

    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("enrich"))
    sent = httpserver.log[0][0].headers["Authorization"]
    assert sent == f"Bearer {CONFIGURED}"  # it is still sent to GitHub
    for text in (str(failure.value), str(echoed), echoed.message, logged):
        assert CONFIGURED not in text
    assert MASK in str(echoed) and MASK in logged


def test_the_logging_filter_redacts_final_messages() -> None:
    token = SHAPED["classic"]
    record = logging.LogRecord("enrich", logging.WARNING, __file__, 1, "said %s", (token,), None)

    assert RedactingFilter().filter(record) is True
    assert record.getMessage() == f"said {MASK}"


def test_the_logging_filter_redacts_tracebacks() -> None:
    token = SHAPED["fine-grained"]
    try:
        raise ValueError(f"server said {token}")
    except ValueError as error:
        record = logging.LogRecord(
            "enrich", logging.INFO, __file__, 1, "failed", None, (type(error), error, None)
        )

    RedactingFilter().filter(record)
    shown = logging.Formatter().format(record)

    assert token not in shown and f"server said {MASK}" in shown
