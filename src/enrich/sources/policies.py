"""The door's policy per service, as the registered sources declare them.

One function builds the mapping the door is constructed with
(:func:`enrich.http.client.build_door` calls it when given none). A source
declares its policy in its spec (``SourceSpec.policy``, usually its
``_policy`` module's function); registering the source in
:mod:`enrich.sources.registry` is all it takes for the door to serve it.
"""

from __future__ import annotations

from enrich.http.policy import ServicePolicy
from enrich.settings import Settings
from enrich.sources.registry import SOURCES


def door_policies(settings: Settings) -> dict[str, ServicePolicy]:
    """Every service the door serves in a run, by name."""
    return {spec.name: spec.policy(settings) for spec in SOURCES if spec.policy is not None}
