"""The one place a run is put together: sources, their settings, and the door.

The layers below know nothing of this: :mod:`enrich.settings` holds the
run-wide knobs, :mod:`enrich.http` serves whatever policies it is given, and
the pipeline runs whatever specs it is handed. Here the registry's specs
meet the environment: each chosen source's own settings class reads its
variables (:meth:`~enrich.settings.SourceSettings.from_environment`), the
door is built from every registered source's policy, and
:func:`enrich.commands.run` hands both to the pipeline.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from enrich.http.client import NetworkDoor
from enrich.http.policy import ServicePolicy
from enrich.redact import add_secret
from enrich.settings import Settings, SourceSettings
from enrich.sources.interface import SourceSpec
from enrich.sources.registry import SOURCES


def source_settings(
    environ: Mapping[str, str] | None = None, specs: Sequence[SourceSpec] = SOURCES
) -> tuple[SourceSettings, ...]:
    """Each source's own settings from the environment; its secrets are redacted from then on."""
    environ = os.environ if environ is None else environ
    for spec in specs:
        for variable in spec.settings.VARIABLES:
            if variable.secret:
                add_secret((environ.get(variable.name) or "").strip() or None)
    return tuple(spec.settings.from_environment(environ) for spec in specs)


def with_source_settings(
    settings: Settings,
    environ: Mapping[str, str] | None = None,
    specs: Sequence[SourceSpec] = SOURCES,
) -> Settings:
    """``settings`` with every registered source's own settings read from the environment."""
    return settings.with_sources(*source_settings(environ, specs))


def door_policies(
    settings: Settings, specs: Sequence[SourceSpec] = SOURCES
) -> dict[str, ServicePolicy]:
    """Every service the door serves in a run, by name, as the sources declare them."""
    return {spec.name: spec.policy(settings) for spec in specs if spec.policy is not None}


def build_door(
    settings: Settings,
    policies: Mapping[str, ServicePolicy] | None = None,
    **options: Any,
) -> NetworkDoor:
    """The door for a run: every registered source's policy unless ``policies`` are given.

    ``options`` are :class:`~enrich.http.client.NetworkDoor`'s test hooks.
    """
    return NetworkDoor(
        settings, door_policies(settings) if policies is None else policies, **options
    )
