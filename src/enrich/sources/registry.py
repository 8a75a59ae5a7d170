"""Every source the pipeline runs, in the order their findings are trusted.

The pipeline knows sources only through this tuple: it asks each spec which
slots every entry needs (:attr:`SourceSpec.requests`), builds the sources
through one door (:attr:`SourceSpec.build`), runs them side by side, and
hands each source the identities the others found that it accepts
(:attr:`SourceSpec.accepts`), in a later pass, for the slots still open.

Adding a source (OpenAlex, say) is its own package plus one line here:

1. ``src/enrich/sources/openalex/`` with a class whose one method is
   :meth:`~enrich.sources.interface.Source.resolve` (targets and last run's
   slots in, a :class:`~enrich.sources.interface.SourceOutcome` out), and a
   ``SPEC = SourceSpec(name="openalex", build=..., requests=..., accepts=...)``
   exported from the package's ``__init__``. ``requests`` yields a
   :class:`~enrich.sources.interface.SlotRequest` for each entry it serves
   (``attribute`` is the entry's field the slot is written to, e.g.
   ``"openalex"``); ``accepts`` says which hints found by other sources it
   uses (a DOI or an arXiv id, say); ``discovers`` what its slots tell the
   others.
2. ``from enrich.sources.openalex import SPEC as OPENALEX`` and the name in
   :data:`SOURCES` below. Order matters only for trust: hints found by an
   earlier source come before a later one's.

The slot field itself (``openalex: OpenalexSlot | None`` on the entry models)
is part of the JSON contract and lives in :mod:`enrich.models`, marked
``json_schema_extra={"since": "1.x"}`` (a new key is optional: a minor
schema bump, see :mod:`enrich.output.schema`); the merge with last run's
values finds slot fields there by their type, so it needs no line of its
own. The source's own settings class (a frozen subclass of
:class:`~enrich.settings.SourceSettings`, its environment variables declared
as ``Variable(..., endpoint=True)``, ``secret=True`` or ``pacing=True``) is
named in its spec (``settings=``), its door policy too; ``--only``,
``cache --source`` and :mod:`enrich.assembly` read them from here, and the
test environments (``tests/environment.py``) point every declared endpoint
at loopback. A door failure becomes a slot status through
:func:`~enrich.sources.interface.door_failure`, and a project page found for
another source is a hint with the ``PROJECT_PAGE`` role. That is all:
Hugging Face (``sources/huggingface/``) was added with this line, its slot
in the models and the regenerated schema, and nothing else outside its
folder.
"""

from __future__ import annotations

from collections.abc import Sequence

from enrich.sources.arxiv import SPEC as ARXIV
from enrich.sources.github import SPEC as GITHUB
from enrich.sources.huggingface import SPEC as HUGGINGFACE
from enrich.sources.interface import SourceSpec
from enrich.sources.openalex import SPEC as OPENALEX
from enrich.sources.pages import SPEC as PAGES

SOURCES: tuple[SourceSpec, ...] = (ARXIV, GITHUB, PAGES, OPENALEX, HUGGINGFACE)


def names() -> frozenset[str]:
    """The names ``--only`` accepts."""
    return frozenset(spec.name for spec in SOURCES)


def chosen(
    only: frozenset[str] | None, specs: Sequence[SourceSpec] = SOURCES
) -> tuple[SourceSpec, ...]:
    """The sources a run uses: those named by ``--only``, else those on by default."""
    return tuple(spec for spec in specs if (spec.default if only is None else spec.name in only))
