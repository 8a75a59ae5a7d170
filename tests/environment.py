"""Test and benchmark environments, generated from the registry: every endpoint on loopback.

A source declares its environment variables in its settings class
(``Variable(..., endpoint=True)`` for a URL of its service). Here every
declared endpoint of every registered source is pointed at loopback (the
given fake's address, else :data:`NOWHERE`, a closed loopback port) and every
declared secret is emptied unless given, so a new source needs no line here
and its tests cannot reach its public address even when nobody wrote a fake
for it yet. Subprocesses get the environment with the network guard
(``tests/guard``) as the test process set it up.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from enrich.assembly import source_settings
from enrich.settings import SourceSettings, Variable
from enrich.sources.registry import SOURCES

NOWHERE = "http://127.0.0.1:9"  # the discard port, closed: refused at once, nothing sent


def declared_variables() -> tuple[Variable, ...]:
    """Every environment variable the registered sources read."""
    return tuple(variable for spec in SOURCES for variable in spec.settings.VARIABLES)


def loopback_environment(
    given: Mapping[str, str] | None = None, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """``base`` (default: this process's environment without any ``ENRICH_*``, ``GITHUB_*``
    or source variable) with every source endpoint on loopback.

    ``given`` wins (a fake's URL, a key, ``ENRICH_ARXIV_DELAY``); an endpoint
    not given points at :data:`NOWHERE` and a secret not given is empty.
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
            environment[variable.name] = NOWHERE
        elif variable.secret:
            environment[variable.name] = ""
    environment.update(given or {})
    return environment


def loopback_sources(given: Mapping[str, str] | None = None) -> tuple[SourceSettings, ...]:
    """Every registered source's settings read from :func:`loopback_environment`."""
    return source_settings(loopback_environment(given, base={}))
