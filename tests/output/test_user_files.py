"""Files the user named are written through, kept as they were, or refused (issue 21 item 9).

``render markdown --into`` and ``fix --write`` rewrite a README or a list the
user owns: a symbolic link must lead to the file that changes, its mode must
stay, read-only files and anything that is not a regular file are refused
with a message (a FIFO without blocking), hard links keep sharing the
content. ``render html`` keeps every file inside ``--out`` whatever a list's
name says.
"""

from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path

import pytest

from enrich.errors import InputError, OutputError
from enrich.findings import with_findings
from enrich.fix import fix_lists
from enrich.models import EnrichedList
from enrich.output.json import dump_bytes
from enrich.output.user_file import read_user_file, write_user_file
from enrich.render.markdown import BEGIN, END, write_into
from enrich.render.site import build_site
from enrich.settings import Settings

README = f"# x\n{BEGIN}\nold\n{END}\n"
DEMO = Path(__file__).parents[1] / "render" / "fixtures" / "demo.json"
OLD = "http://lab.example.org/talker"
NEW = "https://lab.example.org/talker/"


def _into(path: Path) -> None:
    write_into(path, "new table\n")


def test_into_a_symlink_writes_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "checkout" / "README.md"
    real.parent.mkdir()
    real.write_text(README)
    link = tmp_path / "README.md"
    link.symlink_to(real)
    _into(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "new table" in real.read_text()


@pytest.mark.parametrize("mode", [0o600, 0o750, 0o664])
def test_the_files_mode_is_kept(tmp_path: Path, mode: int) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README)
    readme.chmod(mode)
    _into(readme)
    assert stat.S_IMODE(readme.stat().st_mode) == mode and "new table" in readme.read_text()


def test_a_read_only_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README)
    readme.chmod(0o444)
    with pytest.raises(OutputError, match="is read-only; left alone"):
        _into(readme)
    assert readme.read_text() == README


def test_hard_links_keep_sharing_the_new_content(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README)
    other = tmp_path / "docs.md"
    os.link(readme, other)
    _into(readme)
    assert other.read_text() == readme.read_text() and "new table" in other.read_text()
    assert os.stat(other).st_ino == os.stat(readme).st_ino


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "README.md"
    os.mkfifo(fifo)
    raised: list[BaseException] = []

    def attempt() -> None:
        try:
            _into(fifo)
        except (InputError, OutputError) as error:
            raised.append(error)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)  # a guard only: before the fix this blocked forever
    assert not worker.is_alive(), "blocked on the FIFO"
    assert raised and "is a FIFO (named pipe), not a regular file" in str(raised[0])
    with pytest.raises(OutputError, match="FIFO"):
        write_user_file(fifo, b"x")
    with pytest.raises(InputError, match="directory"):
        read_user_file(tmp_path)


def _fix_world(tmp_path: Path) -> tuple[Settings, Path]:
    """A list whose page moved (a page-https fix) and the last run's JSON for it."""
    raw, output = tmp_path / "raw", tmp_path / "enriched"
    raw.mkdir()
    output.mkdir()
    listing = raw / "l.md"
    listing.write_text(f"# l\n- [Talker](x), [ProjectPage]({OLD})\n")
    entry = {
        "id": "p1",
        "section": ["Papers"],
        "line": 2,
        "title": "Talker",
        "project_url": OLD,
        "project_page": {
            "status": "ok",
            "provenance": {"method": "project_page_link", "source_url": OLD},
            "record": {"url": OLD, "health": "ok", "final_url": NEW, "status_code": 200},
        },
    }
    document = with_findings(
        EnrichedList.model_validate(
            {"name": "l", "source": {"path": "l.md", "sha256": "0"}, "papers": [entry]}
        )
    )
    (output / "l.json").write_bytes(dump_bytes(document))
    return Settings(raw_dir=raw, output_dir=output), listing


def test_fix_write_goes_through_a_symlink_and_keeps_the_mode(tmp_path: Path) -> None:
    settings, listing = _fix_world(tmp_path)
    real = tmp_path / "elsewhere.md"
    listing.rename(real)
    real.chmod(0o600)
    listing.symlink_to(real)
    err = io.StringIO()
    fix_lists(settings, write=True, out=io.StringIO(), err=err)
    assert "1 line(s) fixed" in err.getvalue()
    assert listing.is_symlink() and f"[ProjectPage]({NEW})" in real.read_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_fix_write_refuses_a_read_only_list(tmp_path: Path) -> None:
    settings, listing = _fix_world(tmp_path)
    listing.chmod(0o444)
    before = listing.read_text()
    with pytest.raises(OutputError, match="read-only"):
        fix_lists(settings, write=True, out=io.StringIO(), err=io.StringIO())
    assert listing.read_text() == before


@pytest.mark.parametrize("name", ["../escaped", "/tmp/enrich-absolute-name", "a/../../b", ".."])
def test_render_html_keeps_every_file_inside_out(tmp_path: Path, name: str) -> None:
    out = tmp_path / "site" / "out"
    document = EnrichedList.model_validate_json(DEMO.read_bytes()).model_copy(update={"name": name})
    build_site([document], out)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(out in p.parents for p in written), written
    assert not Path("/tmp/enrich-absolute-name.html").exists()
