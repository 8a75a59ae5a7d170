"""No text the tool prints on GitHub Actions becomes a workflow command (issue 21 item 7).

:func:`runner_command` models how the runner reads a line, from actions/runner
``src/Runner.Common/ActionCommand.cs`` (``TryParseV2``: after the leading
spaces the line starts with ``::``, the command name ends at a space or the
next ``::``; ``TryParse``: ``##[`` anywhere, the name ends at a space or
``]``) and the commands ``ActionCommandManager`` registers.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.cli import main
from enrich.models import Severity
from enrich.output.annotations import Finding, publish
from enrich.output.workflow import InertStream, inert, write_command

REGISTERED = {
    "add-mask", "add-matcher", "add-path", "debug", "echo", "endgroup", "error", "group",
    "internal-set-repo-path", "notice", "remove-matcher", "save-state", "set-env",
    "set-output", "stop-commands", "warning",
}  # fmt: skip


def runner_command(line: str) -> str | None:
    """The command the runner would run for ``line``, or ``None``."""
    text = line.lstrip()
    if text.startswith("::"):
        end = text.find("::", 2)
        if end >= 0:
            name = text[2:end].split(" ", 1)[0]
            if name in REGISTERED:
                return name
    at = line.find("##[")
    if at >= 0:
        close = line.find("]", at)
        if close >= 0:
            name = line[at + 3 : close].split(" ", 1)[0]
            if name in REGISTERED:
                return name
    return None


def _commands(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [name for line in lines if (name := runner_command(line)) is not None]


EVIL_LIST = """# L

## Papers

<ul><li>::add-mask::hunter2
::error file=README.md,line=1::pwned ##[warning]old form</li></ul>

- [Talker ##[add-mask]x](https://arxiv.org/abs/2301.00001)
"""


def test_parse_on_actions_prints_no_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "evil.md"
    listing.write_text(EVIL_LIST)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["parse", str(listing)]) == 0
    out, err = capsys.readouterr()
    assert "hunter2" in err and "%3A:error file=README.md" in err  # shown, inert
    assert _commands(err) == [] and _commands(out) == []


def test_off_actions_the_text_is_printed_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "evil.md"
    listing.write_text(EVIL_LIST)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    main(["parse", str(listing)])
    assert "\n::error file=README.md" in capsys.readouterr().err


def test_the_tools_own_annotations_still_reach_the_runner() -> None:
    raw = io.StringIO()
    stream = InertStream(raw)
    finding = Finding("data/raw/l.md", 3, "page-moved", Severity.WARNING, "::add-mask::x\n##[y]")
    stream.write("before ::error::")
    publish([{"source": finding.file, "warnings": {"page": [vars(finding)]}}], stream, None)
    stream.write("\n::warning::after\n")
    stream.finish()
    lines = [line for line in raw.getvalue().splitlines() if line]
    assert [runner_command(line) for line in lines] == [None, "warning", None]
    assert lines[1].startswith("::warning file=data/raw/l.md,line=3,title=page-moved::")
    assert "%0A" in lines[1] and lines[2] == "%3A:warning::after"


def test_write_command_without_the_wrapper_writes_the_line() -> None:
    out = io.StringIO()
    write_command(out, "::notice::x")
    assert out.getvalue() == "::notice::x\n"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(["::", "##[", "error", "add-mask", " ", "\n", "\r", "\r\n", "]"]),
        ),
        max_size=30,
    ),
    st.data(),
)
def test_text_written_in_any_pieces_runs_no_command(pieces: list[str], data: st.DataObject) -> None:
    raw = io.StringIO()
    stream = InertStream(raw)
    for piece in pieces:
        cut = data.draw(st.integers(0, len(piece)))
        stream.write(piece[:cut])
        stream.write(piece[cut:])
    stream.finish()
    assert _commands(raw.getvalue()) == []
    assert raw.getvalue() == inert("".join(pieces))
