"""How the door treats Hugging Face's paper API: pacing, freshness, body cap, redirects."""

from __future__ import annotations

from enrich.http.policy import Pacing, ServicePolicy
from enrich.settings import Settings
from enrich.sources.huggingface._settings import HuggingfaceSettings

SERVICE = "huggingface"
GIVE_UP_UNREACHABLE = 3
TERMS = "Hugging Face Hub rate limits: 500 API requests per 5 minutes for an anonymous caller"


def huggingface_policy(settings: Settings) -> ServicePolicy:
    """The door's rules for Hugging Face."""
    own = settings.of(HuggingfaceSettings)
    return ServicePolicy(
        name=SERVICE,
        freshness=own.freshness,
        max_body_bytes=own.max_bytes,
        max_redirects=own.max_redirects,
        pacing=Pacing(own.delay, single_flight=False, reason=TERMS),
        give_up_unreachable=GIVE_UP_UNREACHABLE,
        # A paper Hugging Face lacks (404) is asked again with the rest, after the same
        # three days: asked every night, 10,000 papers not on it were 10,000 requests a
        # night, 100 minutes at the anonymous limit.
        not_found_freshness=own.freshness,
    )
