"""Finding the list files of a run and reading them, with errors that name the file.

Below the pipeline and the side rooms (``fix``, ``history``) alike: each of
them reads lists and shows paths, none of them imports another for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from enrich.errors import InputError, UsageError
from enrich.output.user_file import read_user_file
from enrich.settings import Settings

if TYPE_CHECKING:
    from enrich.models import ParsedList

LIST_SUFFIXES = (".md", ".markdown")


def display_path(path: Path) -> str:
    """The path as people should see it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(settings: Settings) -> list[Path]:
    """The list files of this run, in a stable order."""
    if settings.inputs:
        return list(settings.inputs)
    if not settings.raw_dir.is_dir():
        raise InputError(display_path(settings.raw_dir), "no such directory of lists")
    found = sorted(p for p in settings.raw_dir.iterdir() if p.suffix.lower() in LIST_SUFFIXES)
    if settings.list_names:
        known = {p.stem for p in found}
        missing = sorted(settings.list_names - known)
        if missing:
            raise UsageError(
                f"--list {', '.join(missing)}: not in {display_path(settings.raw_dir)} "
                f"(known: {', '.join(sorted(known)) or 'none'})"
            )
        found = [p for p in found if p.stem in settings.list_names]
    return found


def read_list(path: Path) -> str:
    """The text of a list file, or an :class:`InputError` saying why not."""
    shown = display_path(path)
    return decode_list(read_user_file(path, shown), shown)  # a FIFO is refused, not waited on


def decode_list(data: bytes, shown: str) -> str:
    """A list file's bytes as text, or an :class:`InputError` naming the line that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(shown, f"not UTF-8 (byte {error.start})", line=line) from error


def parse_file(path: Path) -> ParsedList:
    """A list file read (errors name the file) and parsed with the settings beside it.

    Here rather than in the pipeline so ``enrich parse`` loads the parser alone.
    """
    from enrich.parse.list_settings import load_settings
    from enrich.parse.markdown import parse_list

    return parse_list(read_list(path), display_path(path), load_settings(path))
