"""Batch building blocks without OCR: the manifest, input discovery, page figures, worker deaths."""
from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from digitize.batch import manifest as mf
from digitize.batch.inputs import find_inputs
from digitize.batch.local import death_reason
from digitize.batch.outputs import output_paths, page_stats
from digitize.batch import runner
from digitize.batch.inputs import InputFile
from digitize.batch.runner import RunSummary, _Planned, count_frames, remove_stale_temporaries, start_order
from digitize.errors import InputError
from digitize.geometry import Box
from digitize.model import Block, BlockType, Glyph, Line, Page, Word

REQUIRED = ["id", "source", "rel", "frame", "size", "checksum", "status", "reason", "engine", "alto", "txt",
            "width", "height", "chars", "mean_conf", "low_conf_chars", "deskew_angle", "blocks", "articles",
            "timings", "started", "finished", "attempts"]


def test_manifest_schema_wal_and_unique(tmp_path: Path) -> None:
    conn = mf.open_manifest(tmp_path / "m.sqlite")
    cols = [r["name"] for r in conn.execute("PRAGMA table_info(pages)")]
    assert set(REQUIRED) <= set(cols)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    mf.upsert(conn, "/a.png", 0, rel="a.png", status="pending")
    mf.upsert(conn, "/a.png", 0, status="done", chars=12)          # same (source, frame): updated
    mf.upsert(conn, "/b.tif", 1, rel="b.tif", status="failed", reason="empty file")
    rows = mf.pages(conn)
    assert [(r["source"], r["frame"], r["status"]) for r in rows] == [("/a.png", 0, "done"), ("/b.tif", 1, "failed")]
    assert rows[0]["rel"] == "a.png" and rows[0]["chars"] == 12 and rows[0]["attempts"] == 0
    assert [r["source"] for r in mf.pages(conn, "failed")] == ["/b.tif"]
    assert len(mf.pages(conn, ["done", "failed"])) == 2
    assert mf.counts(conn) == {"done": 1, "failed": 1}
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO pages (source, frame) VALUES ('/a.png', 0)")
    with pytest.raises(KeyError):
        mf.upsert(conn, "/a.png", 0, colour="red")
    with pytest.raises(ValueError):
        mf.upsert(conn, "/a.png", 0, status="half-done")


def test_manifest_started_attempts_and_frames(tmp_path: Path) -> None:
    conn = mf.open_manifest(tmp_path / "m.sqlite")
    for frame in range(3):
        mf.upsert(conn, "/t.tif", frame, status="done")
    mf.mark_started(conn, "/t.tif", "2026-01-01T00:00:00Z")
    mf.mark_started(conn, "/t.tif", "2026-01-01T00:00:05Z")
    rows = mf.rows_for(conn, "/t.tif")
    assert [(r["status"], r["attempts"], r["started"]) for r in rows] == [("running", 2, "2026-01-01T00:00:05Z")] * 3
    mf.drop_frames_from(conn, "/t.tif", 1)
    assert [r["frame"] for r in mf.rows_for(conn, "/t.tif")] == [0]


def test_manifest_keeps_other_tables_and_adds_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE pages (id INTEGER PRIMARY KEY, source TEXT, frame INTEGER, status TEXT, "
                "attempts INTEGER DEFAULT 0, UNIQUE(source, frame))")
    old.execute("CREATE TABLE reviews (page_id INTEGER, verdict TEXT)")
    old.execute("INSERT INTO reviews VALUES (1, 'ok')")
    old.execute("INSERT INTO pages (source, frame, status) VALUES ('/x.png', 0, 'done')")
    old.commit()
    old.close()
    conn = mf.open_manifest(path)
    assert conn.execute("SELECT verdict FROM reviews").fetchone()[0] == "ok"
    cols = {r["name"] for r in conn.execute("PRAGMA table_info(pages)")}
    assert set(REQUIRED) <= cols
    mf.upsert(conn, "/x.png", 0, mean_conf=0.9)
    assert mf.rows_for(conn, "/x.png")[0]["mean_conf"] == 0.9


def _png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (8, 8), 255).save(path)
    return path


def test_find_inputs_recursive_mirrored_and_filtered(tmp_path: Path) -> None:
    root = tmp_path / "scans"
    _png(root / "title" / "1950" / "issue-01" / "p1.png")
    _png(root / "title" / "1950" / "issue-01" / "p2.TIF")
    _png(root / "front.jpg")
    _png(root / ".hidden" / "x.png")
    _png(root / "out" / "old.png")                      # the output folder is never searched
    (root / "notes.txt").write_text("not an image")
    (root / ".p1.png.tmp").write_text("")
    single = _png(tmp_path / "loose.png")
    ignored: list = []
    found = find_inputs([root, single, root / "front.jpg"], out=root / "out", ignored=ignored)
    assert [f.rel.as_posix() for f in found] == ["front.jpg", "title/1950/issue-01/p1.png",
                                                "title/1950/issue-01/p2.TIF", "loose.png"]
    # everything else in the input folder is named with its reason (the output folder excepted)
    assert sorted(ignored) == [(f"{root.as_posix()}/.hidden/", "hidden folder (not searched)"),
                               (f"{root.as_posix()}/.p1.png.tmp", "hidden file"),
                               (f"{root.as_posix()}/notes.txt", "not a page image or PDF")]
    assert all(f.source.is_absolute() for f in found)
    assert output_paths(tmp_path / "o", found[1].rel, "p1") == (
        tmp_path / "o/title/1950/issue-01/p1.xml", tmp_path / "o/title/1950/issue-01/p1.txt")


def test_find_inputs_survives_symlink_loops(tmp_path: Path) -> None:
    _png(tmp_path / "a" / "p.png")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    assert [f.rel.as_posix() for f in find_inputs([tmp_path])] == ["a/p.png"]


def test_find_inputs_refuses_missing_and_non_images(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        find_inputs([tmp_path / "nope"])
    (tmp_path / "a.gif").write_bytes(b"GIF89a")
    with pytest.raises(InputError, match="not an image or PDF type"):
        find_inputs([tmp_path / "a.gif"])


def test_count_frames_of_multipage_tiff(tmp_path: Path) -> None:
    p = tmp_path / "m.tif"
    frames = [Image.new("L", (10, 10), v) for v in (0, 128, 255)]
    frames[0].save(p, save_all=True, append_images=frames[1:])
    assert count_frames(p) == 3
    assert count_frames(_png(tmp_path / "one.png")) == 1
    (tmp_path / "broken.tif").write_bytes(b"II*\x00junk")
    assert count_frames(tmp_path / "broken.tif") == 1
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 junk")
    assert count_frames(tmp_path / "broken.pdf") == 1


def test_start_order_largest_last_pages_first(tmp_path: Path, monkeypatch) -> None:
    """The last pages of a batch start largest first (pixels from the header times frames; a file
    the header does not tell about counts as the median page); ties and the pages ahead of that
    window keep the input order, and one worker keeps the input order throughout."""
    def planned(name: str, size: tuple[int, int] | None, frames: int = 1) -> _Planned:
        p = tmp_path / name
        if size is None:
            p.write_bytes(b"%PDF-1.4 not read here")
        else:
            Image.new("L", size, 255).save(p)
        return _Planned(InputFile(p, Path(name)), p.stat().st_size, 0, frames)

    todo = [planned("a.png", (10, 10)), planned("b.png", (30, 30)), planned("c.png", (20, 20)),
            planned("d.pdf", None, frames=3), planned("e.png", (30, 30)), planned("f.tif", (10, 10), frames=5),
            planned("g.png", (40, 40))]
    names = lambda ps: [p.item.rel.name for p in ps]                     # noqa: E731
    # the median page has 900 px: the PDF's 3 pages 2700; the TIFF's 5 pages of 100 px 500
    assert names(start_order(todo, 2)) == ["d.pdf", "g.png", "b.png", "e.png", "f.tif", "c.png", "a.png"]
    assert names(start_order(todo, 1)) == names(todo)
    monkeypatch.setattr(runner, "LARGEST_FIRST_PER_WORKER", 2)        # a window of the last 4 files
    assert names(start_order(todo, 2)) == ["a.png", "b.png", "c.png", "d.pdf", "g.png", "e.png", "f.tif"]
    monkeypatch.setattr(runner, "LARGEST_FIRST_PER_WORKER", 1)        # the last 2 files
    assert names(start_order(todo, 2)) == ["a.png", "b.png", "c.png", "d.pdf", "e.png", "g.png", "f.tif"]
    assert names(start_order(todo[:-1], 2)) == ["a.png", "b.png", "c.png", "d.pdf", "e.png", "f.tif"]


def test_fork_server_starts_early_and_light() -> None:
    """``forkserver.start`` (the first thing ``digitize run`` does) imports nothing heavy itself, and
    the workers it forks have the pipeline imported already and one thread per library."""
    import subprocess
    import sys
    code = ("import sys; from digitize.batch import forkserver; forkserver.start(); "
            "light = not {'numpy', 'cv2', 'digitize.pipeline'} & set(sys.modules); "
            "pool = forkserver.context().Pool(1); "
            "child = pool.apply(eval, (\"(__import__('sys').modules.__contains__('digitize.pipeline'), "
            "__import__('os').environ.get('OMP_THREAD_LIMIT'))\",)); "
            "pool.close(); pool.join(); print(light, *child)")
    root = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)})
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["True", "True", "1"]


def test_page_stats_counts_chars_and_low_confidence() -> None:
    b = Box(0, 0, 10, 10)
    words = [Word("新", b, 0.9, glyphs=[Glyph("新", b, 0.9)]),
             Word("闻", b, 0.3, glyphs=[Glyph("闻", b, 0.3)]),
             Word("AB", b, 0.5, space_before=True)]
    page = Page(source=Path("/p.png"), width=100, height=50, deskew_angle=0.41234)
    page.blocks = [Block("b1", BlockType.BODY, b, lines=[Line("l1", b, words=words)], order=0)]
    page.timings = {"layout": 0.12345}
    s = page_stats(page, low_confidence=0.6)
    assert s["chars"] == 4 and s["low_conf_chars"] == 3
    assert s["mean_conf"] == pytest.approx((0.9 + 0.3 + 0.5 * 2) / 4, abs=1e-4)
    assert (s["width"], s["height"], s["blocks"], s["articles"]) == (100, 50, 1, 0)
    assert s["deskew_angle"] == 0.412 and s["timings"] == '{"layout": 0.123}'


def test_death_reason_names_the_signal() -> None:
    class Expired(Exception):
        def __init__(self, code):
            self.exitcode = code
    assert death_reason(Expired(-signal.SIGKILL)) == "worker process died: SIGKILL (out of memory, or killed)"
    assert death_reason(Expired(-signal.SIGSEGV)) == "worker process died: SIGSEGV"
    assert death_reason(Expired(3)) == "worker process died (exit code 3)"


def test_stale_temporaries_removed_outputs_kept(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    keep = [tmp_path / "a" / "p.xml", tmp_path / "a" / "p.txt", tmp_path / "other.tmp"]
    stale = [tmp_path / "a" / ".p.xml.k2j3h4.tmp", tmp_path / ".q.txt.abc.tmp"]
    for p in keep + stale:
        p.write_text("x")
    assert remove_stale_temporaries(tmp_path) == 2
    assert all(p.exists() for p in keep) and not any(p.exists() for p in stale)


def test_exit_codes() -> None:
    assert RunSummary(done=3).exit_code == 0
    assert RunSummary(done=2, failed=[("a.png", "empty file")]).exit_code == 1
    assert RunSummary(failed=[("a.png", "x")], aborted=True).exit_code == 3


def test_one_client_per_output_folder(tmp_path: Path) -> None:
    from digitize.batch.runner import lock_output
    from digitize.errors import DigitizeError
    first = lock_output(tmp_path)
    with pytest.raises(DigitizeError, match="another digitize run"):
        lock_output(tmp_path)
    first.close()
    lock_output(tmp_path).close()          # freed with its holder
