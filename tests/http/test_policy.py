"""The door serves whatever policies it is given and names no service itself:
a new service is one policy object, no edit in ``enrich.http``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from enrich.errors import AnswerTooLarge
from enrich.http.policy import Auth, ServicePolicy
from enrich.settings import Settings
from enrich.sources.registry import names
from tests.fakes.server import QuickStopHTTPServer
from tests.http.conftest import Clock, DoorFactory

HTTP_PACKAGE = Path(__file__).resolve().parents[2] / "src" / "enrich" / "http"
KNOWN_SERVICES = names()  # the registry's: a new source is checked too

TOY = ServicePolicy(
    name="toy",
    freshness=60.0,
    max_body_bytes=1_000,
    auth=Auth("X-Api-Key", "toy-key-0123456789", "toy-key-0123456789"),
)


def test_a_new_service_needs_only_its_policy(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock
) -> None:
    httpserver.expect_request("/works").respond_with_json({"results": []})
    httpserver.expect_request("/huge").respond_with_data(b"z" * 1_001)
    door = make_door(policies={"toy": TOY})
    url = httpserver.url_for("/works")

    first = door.request("toy", "GET", url)
    cached = door.request("toy", "GET", url)
    clock.advance(61)  # past the toy's own freshness
    again = door.request("toy", "GET", url)
    with pytest.raises(AnswerTooLarge):
        door.request("toy", "GET", httpserver.url_for("/huge"))

    assert (first.cache, cached.cache, again.cache) == ("miss", "hit", "miss")
    assert httpserver.log[0][0].headers["X-Api-Key"] == "toy-key-0123456789"
    assert sorted(name for name, _ in door.stats.services) == ["toy"]


def test_a_query_credential_is_on_the_wire_only_and_stays_on_its_origin(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    key = "toy-query-key-0123456789"
    policy = ServicePolicy(
        name="toy", freshness=60.0, max_body_bytes=1_000, auth=Auth.query("api_key", key)
    )
    with QuickStopHTTPServer(host="127.0.0.1", port=0) as other:
        other.expect_request("/elsewhere").respond_with_data("there")
        httpserver.expect_request("/old").respond_with_data(
            "", status=301, headers={"Location": "/new?x=1"}
        )
        httpserver.expect_request("/new").respond_with_data(
            "", status=302, headers={"Location": other.url_for("/elsewhere")}
        )
        door = make_door(policies={"toy": policy})
        answer = door.request("toy", "GET", httpserver.url_for("/old"), params={"q": "a"})
        door.request("toy", "GET", httpserver.url_for("/old"), params={"q": "a"})  # cached
        elsewhere = other.log[0][0]
    sent = [request.args.to_dict() for request, _ in httpserver.log]
    assert sent == [{"q": "a", "api_key": key}, {"x": "1", "api_key": key}]
    assert "api_key" not in elsewhere.args  # another origin gets no credential
    assert key not in answer.final_url and all(key not in url for _, url in answer.redirects)


def test_a_service_without_a_policy_is_a_clear_error(
    make_door: DoorFactory, settings: Settings
) -> None:
    door = make_door(policies={"toy": TOY})

    with pytest.raises(LookupError, match="no policy for 'github' \\(it serves toy\\)"):
        door.request("github", "GET", "https://api.github.com/repos/a/b")


def _code_strings(tree: ast.AST) -> set[str]:
    """String constants outside docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    }


@pytest.mark.parametrize("module", sorted(HTTP_PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_the_door_branches_on_no_service_name(module: Path) -> None:
    strings = _code_strings(ast.parse(module.read_text(encoding="utf-8")))

    assert not strings & KNOWN_SERVICES
