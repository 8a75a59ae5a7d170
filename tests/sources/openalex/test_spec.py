"""What the pipeline asks of OpenAlex, and the settings that point it somewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enrich.models import Paper, Work
from enrich.settings import Settings
from enrich.sources.interface import Hint
from enrich.sources.openalex import SPEC
from enrich.sources.registry import SOURCES


def _paper(url: str | None) -> Paper:
    return Paper(
        id="p", section=("Papers",), line=4, title="DINet: A Title", year=2023, paper_url=url
    )


def test_every_paper_asks_openalex_with_its_link_as_the_hint() -> None:
    (request,) = SPEC.requests(_paper("https://openaccess.thecvf.com/x.html"), "list.md")
    assert (request.source, request.attribute) == ("openalex", "openalex")
    target = request.target
    assert (target.key, target.file, target.line, target.year) == ("p", "list.md", 4, 2023)
    assert target.hints == (Hint("https://openaccess.thecvf.com/x.html", "link"),)
    (bare,) = SPEC.requests(_paper(None), "list.md")
    assert bare.target.hints == ()


def test_a_researchers_work_does_not() -> None:
    work = Work(
        id="w", section=("R",), line=9, label="SadTalker", url="https://arxiv.org/abs/2211.12194"
    )
    assert list(SPEC.requests(work, "list.md")) == []


def test_arxiv_ids_and_dois_found_elsewhere_are_accepted() -> None:
    assert SPEC.accepts(Hint("https://arxiv.org/abs/2211.12194", "project_page"))
    assert SPEC.accepts(Hint("https://doi.org/10.1145/3550469.3555399", "project_page"))
    assert not SPEC.accepts(Hint("https://github.com/OpenTalker/SadTalker", "project_page"))


def test_registered_with_its_policy() -> None:
    assert SPEC in SOURCES
    assert SPEC.policy is not None
    policy = SPEC.policy(Settings())
    assert policy.name == "openalex" and policy.quota is not None


def test_endpoint_and_key_come_from_the_environment() -> None:
    """The openalex package declares its two variables; settings.py names no source."""
    from enrich.assembly import source_settings
    from enrich.sources.openalex import OpenalexSettings

    assert SPEC.settings is OpenalexSettings
    assert {v.name for v in SPEC.settings.VARIABLES} == {
        "ENRICH_OPENALEX_API_URL",
        "OPENALEX_API_KEY",
    }
    environ = {"ENRICH_OPENALEX_API_URL": "http://127.0.0.1:9/oa", "OPENALEX_API_KEY": "k" * 12}
    settings = Settings().with_sources(*source_settings(environ))
    own = settings.of(OpenalexSettings)
    assert (own.api_url, own.api_key) == ("http://127.0.0.1:9/oa", "k" * 12)
    assert "k" * 12 not in repr(settings)
    from enrich.redact import redact

    assert "k" * 12 not in redact(f"GET /works?api_key={'k' * 12}")  # declared secret
    defaults = OpenalexSettings.from_environment({"OPENALEX_API_KEY": ""})  # an unset secret
    assert (defaults.api_url, defaults.api_key) == (
        "https://api.openalex.org",
        None,
    )
    settings_module = Path(__file__).resolve().parents[3] / "src" / "enrich" / "settings.py"
    assert "openalex" not in settings_module.read_text(encoding="utf-8").lower()


def test_on_by_default_for_every_paper() -> None:
    """Issue 16 asks OpenAlex for every paper: a run without ``--only`` uses it."""
    from enrich.sources.registry import chosen

    assert SPEC.default
    assert SPEC in chosen(None)


def test_the_cache_command_knows_every_registered_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One list of source names, the registry's: ``cache clear --source openalex`` works."""
    import enrich.settings
    from enrich.assembly import build_door
    from enrich.cli import main
    from enrich.sources.registry import names

    with build_door(Settings(cache_dir=tmp_path)) as door:
        door.remember("openalex", "record:10.1/x", {"id": "W1"})
        door.remember("arxiv", "record:2008.10010", {"id": "2008.10010"})
    assert main(["cache", "stats", "--cache-dir", str(tmp_path)]) == 0
    per_source = json.loads(capsys.readouterr().out)["per_source"]
    assert set(per_source) == names() and per_source["openalex"] == 1
    assert main(["cache", "clear", "--source", "openalex", "--cache-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"removed 1 cache entries from {tmp_path}\n"
    assert not hasattr(enrich.settings, "SOURCES")  # no second copy of the names


def test_an_arxiv_record_is_handed_to_openalex() -> None:
    """A paper arXiv found by title (no arXiv link in the list) is looked up by its arXiv DOI."""
    from enrich.models import ArxivRecord, ArxivSlot, Provenance, SlotStatus
    from enrich.sources.arxiv import SPEC as ARXIV
    from enrich.sources.openalex._plan import lookup_for
    from enrich.sources.registry import SOURCES

    record = ArxivRecord.model_validate(
        {
            "id": "2303.09119",
            "title": "Taming Diffusion Models",
            "abs_url": "https://arxiv.org/abs/2303.09119",
        }
    )
    found = ArxivSlot(
        status=SlotStatus.OK, record=record, provenance=Provenance(method="title_search")
    )
    hints = ARXIV.discovers(found)
    assert [h for h in hints if SPEC.accepts(h)] == list(hints) != []
    (request,) = SPEC.requests(_paper("https://openaccess.thecvf.com/x.html"), "list.md")
    target = request.target
    widened = type(target)(
        target.key, target.file, target.line, target.title, target.year, target.hints + hints
    )
    assert lookup_for(widened).doi == "10.48550/arxiv.2303.09119"
    assert ARXIV.discovers(found.model_copy(update={"status": SlotStatus.UNRESOLVED})) == ()
    assert SOURCES.index(ARXIV) < SOURCES.index(SPEC)
