"""``same_content``: whether a file already holds exactly the bytes a run would write."""

from __future__ import annotations

from pathlib import Path

from enrich.output.atomic import same_content

MB = 1 << 20


def test_equal_bytes_over_several_chunks_are_the_same(tmp_path: Path) -> None:
    data = bytes(range(256)) * (3 * MB // 256) + b"tail"
    path = tmp_path / "list.json"
    path.write_bytes(data)
    assert same_content(path, data)


def test_any_difference_is_seen(tmp_path: Path) -> None:
    data = b"x" * (2 * MB + 10)
    path = tmp_path / "list.json"
    path.write_bytes(data)
    for at in (0, MB - 1, MB, 2 * MB + 9):
        changed = data[:at] + b"y" + data[at + 1 :]
        assert not same_content(path, changed), at
    assert not same_content(path, data[:-1])
    assert not same_content(path, data + b"x")


def test_a_missing_file_is_not_the_same(tmp_path: Path) -> None:
    assert not same_content(tmp_path / "absent.json", b"")
    assert not same_content(tmp_path, b"")  # a folder
