"""Atomic output writes."""
import os
import stat

from digitize.atomic import write_text


def test_atomic_write_replaces_whole_file_and_follows_umask(tmp_path):
    target = tmp_path / "sub" / "page.txt"
    write_text(target, "旧")
    write_text(target, "新的内容")
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert [p.name for p in target.parent.iterdir()] == ["page.txt"]  # no temporary left behind
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
