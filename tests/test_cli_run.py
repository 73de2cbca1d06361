"""``digitize run`` end to end, in real processes: outputs, manifest, resume, bad files, hangs,
crashed workers, --max-failures, kill -9 of the client, and a Dask cluster.

Workers call :func:`hook` (through ``DIGITIZE_TEST_HOOK``) before each file: it counts every
processing in a file and makes pages whose name says so hang, die or take a while.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
SENTENCES = ["今天天气很好我们去公园散步", "新华社北京电记者报道经济发展", "人民群众生活水平不断提高",
             "全国各地农业生产形势良好", "城市建设取得了新的进展", "学校教育工作稳步推进改革",
             "科学技术研究获得重要成果", "工厂职工积极参加劳动竞赛", "铁路交通运输能力显著增强",
             "文化艺术事业繁荣发展起来"]


def hook(path) -> None:
    """Test hook run in the worker before each file, and with None when a worker starts."""
    if path is None:
        once = os.environ.get("BATCH_TEST_WORKER_START_CRASH_ONCE")
        if once and not os.path.exists(once):
            Path(once).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        if os.environ.get("BATCH_TEST_WORKER_START_CRASH"):
            os.kill(os.getpid(), signal.SIGKILL)
        return
    name = Path(path).name
    counter = os.environ.get("BATCH_TEST_COUNTER")
    if counter:
        with open(counter, "a", encoding="utf-8") as f:
            f.write(f"{path}\n")
    spare = os.environ.get("BATCH_TEST_SPARE")
    if spare:                           # the idle cores this page may borrow (digitize.cores)
        from digitize import cores
        with open(spare, "a", encoding="utf-8") as f:
            f.write(f"{name} {cores.spare()}\n")
    if "chatter" in name:               # what Leptonica does under Tesseract: fprintf(stderr, ...)
        os.write(2, b"Error in pixScaleAreaMap: pixd too small\n")
    if "hang" in name:
        time.sleep(600)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "slow" in name:
        time.sleep(float(os.environ.get("BATCH_TEST_SLOW", "0")))


def render(path: Path, seed: int, lines: int = 5) -> str:
    """A small 300-dpi page of Chinese lines saved at ``path``; returns its text."""
    im, text = page_image(seed, lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, dpi=(300, 300))
    return text


def page_image(seed: int, lines: int = 5) -> tuple[Image.Image, str]:
    rng = random.Random(seed)
    font = ImageFont.truetype(str(FONT), 40)
    im = Image.new("L", (900, 120 + 80 * lines), 250)
    d = ImageDraw.Draw(im)
    text = [rng.choice(SENTENCES) for _ in range(lines)]
    for i, t in enumerate(text):
        d.text((70, 60 + i * 80), t, font=font, fill=20)
    return im, "".join(text)


def digitize_run(*args, env: dict | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(*args), env=_env(env), capture_output=True, text=True, timeout=timeout)


def _cmd(*args) -> list[str]:
    return [sys.executable, "-c", "import sys; from digitize.cli import main; sys.exit(main())", "run",
            *map(str, args)]


def _env(extra: dict | None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["DIGITIZE_TEST_HOOK"] = "tests.test_cli_run:hook"
    env.update(extra or {})
    return env


def rows(out: Path) -> dict[str, sqlite3.Row]:
    conn = sqlite3.connect(out / "manifest.sqlite")
    conn.row_factory = sqlite3.Row
    try:
        return {r["rel"]: r for r in conn.execute("SELECT * FROM pages")}
    finally:
        conn.close()


def coverage(expected: str, got: str) -> float:
    """Share of the expected characters found in the output (order-free)."""
    exp, hyp = Counter(expected), Counter("".join(got.split()))
    return sum(min(n, hyp[c]) for c, n in exp.items()) / max(1, sum(exp.values()))


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    """Three good pages in a title/year/issue tree, run once with two local workers; the last in
    input order is the largest, the first the smallest."""
    base = tmp_path_factory.mktemp("local")
    src = base / "scans"
    texts = {"front.png": render(src / "front.png", 1, lines=3),
             "daily/1950/01/p1.png": render(src / "daily/1950/01/p1.png", 2, lines=4),
             "daily/1950/01/p2.jpg": render(src / "daily/1950/01/p2.jpg", 3)}
    out = base / "out"
    log = base / "log.jsonl"
    res = digitize_run(src, "-o", out, "--workers", 2, "--log-json", log)
    return src, out, texts, res, log


def test_run_writes_mirrored_outputs_manifest_and_log(local_run) -> None:
    src, out, texts, res, log = local_run
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert "3 pages done" in res.stderr
    manifest = rows(out)
    assert set(manifest) == set(texts)
    for rel, text in texts.items():
        stem = Path(rel).with_suffix("")
        xml, txt = out / f"{stem}.xml", out / f"{stem}.txt"
        root = etree.parse(str(xml)).getroot()
        assert root.tag.endswith("alto")
        assert coverage(text, txt.read_text(encoding="utf-8")) > 0.8
        r = manifest[rel]
        assert r["status"] == "done" and r["reason"] is None and r["attempts"] == 1
        assert Path(r["source"]) == (src / rel).resolve() and r["frame"] == 0
        assert (r["alto"], r["txt"]) == (f"{stem.as_posix()}.xml", f"{stem.as_posix()}.txt")
        assert r["engine"] == "ppocr" and len(r["checksum"]) == 64 and r["size"] == (src / rel).stat().st_size
        assert (r["width"], r["height"]) == Image.open(src / rel).size
        assert r["chars"] >= 0.8 * len(text) and 0.5 < r["mean_conf"] <= 1.0
        assert r["blocks"] >= 1 and r["low_conf_chars"] >= 0
        assert "recognition" in json.loads(r["timings"]) and r["started"] <= r["finished"]
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    kinds = Counter(e["event"] for e in events)
    assert kinds == {"run_started": 1, "page_started": 3, "page_done": 3, "run_finished": 1}
    done = [e for e in events if e["event"] == "page_done"]
    assert all("recognition" in e["timings"] for e in done)
    assert events[-1]["done"] == 3 and events[-1]["failed"] == 0 and events[-1]["exit_code"] == 0
    # the last pages of a batch start largest first (runner.start_order); rows keep the input order
    assert [e["rel"] for e in events if e["event"] == "page_started"] == \
        ["daily/1950/01/p2.jpg", "daily/1950/01/p1.png", "front.png"]
    assert [r["rel"] for r in sorted(manifest.values(), key=lambda r: r["id"])] == \
        ["front.png", "daily/1950/01/p1.png", "daily/1950/01/p2.jpg"]


def test_start_order_does_not_change_outputs(local_run, tmp_path: Path) -> None:
    """One worker starts the pages in input order; the texts are the same as the two workers' run,
    which started them largest first."""
    src, out2, texts, _, _ = local_run
    out1, log = tmp_path / "out1", tmp_path / "log.jsonl"
    res = digitize_run(src, "-o", out1, "--workers", 1, "--log-json", log)
    assert res.returncode == 0, res.stderr
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [e["rel"] for e in events if e["event"] == "page_started"] == list(texts)
    for rel in texts:
        stem = Path(rel).with_suffix("")
        assert (out1 / f"{stem}.txt").read_bytes() == (out2 / f"{stem}.txt").read_bytes()


def test_rerun_skips_done_force_redoes_changed_file_redone(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    render(src / "a.png", 4)
    render(src / "b.png", 5)
    counter = tmp_path / "count.txt"
    env = {"BATCH_TEST_COUNTER": str(counter)}
    assert digitize_run(src, "-o", out, "--workers", 2, env=env).returncode == 0
    first = rows(out)
    again = digitize_run(src, "-o", out, "--workers", 2, env=env)
    assert again.returncode == 0, again.stderr
    assert "0 pages done, 2 skipped" in again.stderr
    assert {k: (r["finished"], r["attempts"]) for k, r in rows(out).items()} == \
           {k: (r["finished"], r["attempts"]) for k, r in first.items()}
    time.sleep(0.01)
    new_text = render(src / "b.png", 6)                       # the file changed: redone
    spare = tmp_path / "spare.txt"
    changed = digitize_run(src, "-o", out, "--workers", 2, env={**env, "BATCH_TEST_SPARE": str(spare)})
    assert changed.returncode == 0 and "1 page done, 1 skipped" in changed.stderr
    assert spare.read_text() == "b.png 1\n"         # one page for two workers: it may borrow the idle core
    now = rows(out)
    assert now["a.png"]["attempts"] == 1 and now["b.png"]["attempts"] == 2
    assert now["b.png"]["checksum"] != first["b.png"]["checksum"]
    assert coverage(new_text, (out / "b.txt").read_text(encoding="utf-8")) > 0.8
    forced = digitize_run(src, "-o", out, "--workers", 2, "--force", "--quiet", env=env)
    assert forced.returncode == 0 and forced.stderr == ""
    assert [r["attempts"] for r in rows(out).values()] == [2, 3]
    assert Counter(Path(p).name for p in counter.read_text().split()) == {"a.png": 2, "b.png": 3}


def _png_header_only(path: Path, w: int, h: int) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                     + chunk(b"IEND", b""))


def test_bad_files_fail_alone_with_reasons(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    text = render(src / "good.png", 7)
    (src / "empty.png").write_bytes(b"")
    render(tmp_path / "full.jpg", 8)
    whole = (tmp_path / "full.jpg").read_bytes()
    (src / "truncated.jpg").write_bytes(whole[: len(whole) // 3])
    (src / "notimage.tif").write_text("this is a shopping list, not a scan\n")
    _png_header_only(src / "huge.png", 60000, 60000)
    res = digitize_run(src, "-o", out, "--workers", 2)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    manifest = rows(out)
    failed_lines = [ln.strip() for ln in res.stderr.splitlines() if ln.startswith("  ")]
    for name in ("empty.png", "truncated.jpg", "notimage.tif", "huge.png"):
        r = manifest[name]
        assert r["status"] == "failed" and r["reason"] and "\n" not in r["reason"]
        assert f"{name}: {r['reason']}" in failed_lines
    assert "empty" in manifest["empty.png"]["reason"]
    assert "60000" in manifest["huge.png"]["reason"]
    assert manifest["good.png"]["status"] == "done"
    assert coverage(text, (out / "good.txt").read_text(encoding="utf-8")) > 0.8
    assert "1 page done" in res.stderr and "4 failed" in res.stderr


def test_multipage_tiff_one_output_per_page_and_bad_frame_isolated(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    frames = [page_image(30 + i, lines=3) for i in range(3)]
    ims = [im for im, _ in frames]
    ims[0].save(src / "issue.tif", save_all=True, append_images=ims[1:], compression="tiff_adobe_deflate",
                dpi=(300, 300))
    ims[0].save(src / "broken.tif", save_all=True, append_images=ims[1:], compression="tiff_adobe_deflate",
                dpi=(300, 300))
    with Image.open(src / "broken.tif") as im:          # spoil the compressed data of the second page
        im.seek(1)
        offset, count = im.tag_v2[273][0], im.tag_v2[279][0]
    data = bytearray((src / "broken.tif").read_bytes())
    data[offset:offset + count] = b"\x55" * count
    (src / "broken.tif").write_bytes(bytes(data))
    dup_text = render(src / "dup.jpg", 33)
    render(src / "dup.png", 34)                         # same output name as dup.jpg: refused, named
    res = digitize_run(src, "-o", out, "--workers", 2)
    assert res.returncode == 1, res.stderr
    for stem, (_, text) in zip(["issue", "issue_p002", "issue_p003"], frames):
        assert coverage(text, (out / f"{stem}.txt").read_text(encoding="utf-8")) > 0.8
        etree.parse(str(out / f"{stem}.xml"))
    conn = sqlite3.connect(out / "manifest.sqlite")
    got = conn.execute("SELECT rel, frame, status, alto, reason FROM pages ORDER BY rel, frame").fetchall()
    conn.close()
    assert got[:2] == [("broken.tif", 0, "done", "broken.xml", None)] + [got[1]]
    assert got[1][:3] == ("broken.tif", 1, "failed") and got[1][4].startswith("page 2: ")
    assert got[2][:3] == ("dup.jpg", 0, "done")
    assert got[3][:3] == ("dup.png", 0, "failed") and "dup.xml is already used by dup.jpg" in got[3][4]
    assert coverage(dup_text, (out / "dup.txt").read_text(encoding="utf-8")) > 0.8
    assert [g[:4] for g in got[4:]] == [("issue.tif", i, "done", f"{s}.xml")
                                       for i, s in enumerate(["issue", "issue_p002", "issue_p003"])]
    assert (out / "broken.txt").exists() and not (out / "broken_p002.xml").exists()
    assert "broken.tif: page 2: " in res.stderr and "dup.png: output name" in res.stderr


def test_hanging_page_timed_out_and_killed_worker_isolated(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    render(src / "hang.png", 9)
    render(src / "crash.png", 10)
    text = render(src / "good.png", 11)
    t = time.monotonic()
    # the hanging page sleeps 600 s, so only the timeout ends it; the good page (5 short lines, ~2 CPU-s) has
    # 30 s, room for a loaded 2-core machine (with 5 s it timed out once at load 15)
    res = digitize_run(src, "-o", out, "--workers", 2, "--page-timeout", 30)
    assert time.monotonic() - t < 200
    assert res.returncode == 1, res.stderr
    manifest = rows(out)
    assert manifest["hang.png"]["status"] == "failed"
    assert "timed out after 30 s" in manifest["hang.png"]["reason"]
    assert manifest["crash.png"]["status"] == "failed"
    assert manifest["crash.png"]["reason"].startswith("worker process died: SIGKILL")
    assert manifest["good.png"]["status"] == "done"
    assert coverage(text, (out / "good.txt").read_text(encoding="utf-8")) > 0.8
    assert "hang.png: timed out" in res.stderr and "crash.png: worker process died" in res.stderr


def test_workers_that_cannot_start_stop_the_run(tmp_path: Path) -> None:
    render(tmp_path / "in" / "p.png", 15, lines=2)
    res = digitize_run(tmp_path / "in", "-o", tmp_path / "out", "--workers", 1,     # ends long before the
                       env={"BATCH_TEST_WORKER_START_CRASH": "1"})                  # 900 s page timeout
    assert res.returncode == 2, res.stderr
    assert "worker processes keep dying while they start" in res.stderr
    assert {r["status"] for r in rows(tmp_path / "out").values()} == {"pending"}
    # a worker that dies once while starting: a new pool takes over, the page is done
    res = digitize_run(tmp_path / "in", "-o", tmp_path / "out", "--workers", 1,
                       env={"BATCH_TEST_WORKER_START_CRASH_ONCE": str(tmp_path / "crashed-once")})
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "crashed-once").exists()
    assert rows(tmp_path / "out")["p.png"]["status"] == "done"


def test_max_failures_aborts_with_exit_3_and_rerun_finishes(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "a").mkdir(parents=True)
    (src / "a" / "1-empty.png").write_bytes(b"")
    (src / "a" / "2-empty.png").write_bytes(b"")
    render(src / "a" / "3-good.png", 12)
    res = digitize_run(src, "-o", out, "--workers", 1, "--max-failures", 1)
    assert res.returncode == 3, res.stderr
    assert "Aborted after" in res.stderr and "a/1-empty.png: empty file" in res.stderr
    manifest = rows(out)
    assert manifest["a/3-good.png"]["status"] == "skipped"
    assert "--max-failures" in manifest["a/3-good.png"]["reason"]
    assert not (out / "a" / "3-good.xml").exists()
    res = digitize_run(src, "-o", out, "--workers", 1)
    assert res.returncode == 1
    assert rows(out)["a/3-good.png"]["status"] == "done"


def test_usage_and_config_errors_exit_2(tmp_path: Path) -> None:
    res = digitize_run(tmp_path / "missing", "-o", tmp_path / "out")
    assert res.returncode == 2 and "missing: no such file or folder" in res.stderr
    assert "Traceback" not in res.stderr
    render(tmp_path / "in" / "p.png", 13)
    bad = tmp_path / "bad.toml"
    bad.write_text("[batch]\nworkerz = 3\n")
    res = digitize_run(tmp_path / "in", "-o", tmp_path / "out", "--config", bad)
    assert res.returncode == 2 and "unknown setting 'workerz'" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    cfg = tmp_path / "nomodel.toml"
    cfg.write_text("[recognition]\nengine = \"tesseract\"\nlanguage = \"xyz_none\"\n")
    res = digitize_run(tmp_path / "in", "-o", tmp_path / "out", "--config", cfg, "--quiet")
    assert res.returncode == 2 and "cannot start" in res.stderr and "xyz_none" in res.stderr
    assert "Traceback" not in res.stderr
    assert {r["status"] for r in rows(tmp_path / "out").values()} == {"pending"}


@pytest.mark.slow
def test_kill_client_then_rerun_finishes_each_page_once(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(6):
        render(src / f"slow_{i}.png", 20 + i, lines=3)
    counter = tmp_path / "count.txt"
    env = {"BATCH_TEST_COUNTER": str(counter), "BATCH_TEST_SLOW": "1.0"}
    proc = subprocess.Popen(_cmd(src, "-o", out, "--workers", 2, "--quiet"), env=_env(env),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if (out / "manifest.sqlite").exists():
                try:
                    if sum(r["status"] == "done" for r in rows(out).values()) >= 2:
                        break
                except sqlite3.OperationalError:
                    pass
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)                  # the client dies; its workers are orphaned
        proc.wait(10)
        orphans_gone = False                               # ... and notice it (every 2 s), and exit
        for _ in range(600):                               # waited for up to 60 s on a busy machine
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                orphans_gone = True
                break
            time.sleep(0.1)
        assert orphans_gone, "worker processes survived the client"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)            # then clear the orphans of the run we started
        except ProcessLookupError:
            pass
    before = rows(out)
    runs_before = Counter(Path(p).name for p in counter.read_text().split())
    done_before = {k: r["finished"] for k, r in before.items() if r["status"] == "done"}
    assert 2 <= len(done_before) < 6
    res = digitize_run(src, "-o", out, "--workers", 2, env={"BATCH_TEST_COUNTER": str(counter)})
    assert res.returncode == 0, res.stderr
    assert f"{len(done_before)} skipped" in res.stderr
    after = rows(out)
    assert len(after) == 6 and all(r["status"] == "done" for r in after.values())
    runs = Counter(Path(p).name for p in counter.read_text().split()) - runs_before
    for rel, r in after.items():
        if rel in done_before:                              # finished pages are not recomputed
            assert r["finished"] == done_before[rel] and r["attempts"] == 1 and runs[rel] == 0
        else:                                               # the rest done exactly once more
            assert runs[rel] == 1 and r["attempts"] <= 2
        etree.parse(str(out / r["alto"]))
        assert (out / r["txt"]).read_text(encoding="utf-8").strip()
    assert not list(out.rglob("*.tmp"))


def test_ctrl_c_exits_130_and_leaves_pages_for_the_next_run(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(3):
        render(src / f"slow_{i}.png", 40 + i, lines=2)
    counter = tmp_path / "count.txt"
    # pages hang far longer than the test waits: only the Ctrl-C handling can end the run (no race between a
    # page finishing and the interrupt, however slow a loaded machine starts its workers)
    # a terminal delivers Ctrl-C to a process that has SIGINT at its default; a test run started in the
    # background of a script (make test &) inherits SIGINT ignored, so the child gets it back first
    proc = subprocess.Popen(_cmd(src, "-o", out, "--workers", 2),
                            env=_env({"BATCH_TEST_SLOW": "900", "BATCH_TEST_COUNTER": str(counter)}),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 600                  # both workers busy with a page (runaway guard)
        while not (counter.exists() and len(counter.read_text().split()) >= 2):
            assert time.monotonic() < deadline and proc.poll() is None, "the workers never started their pages"
            time.sleep(0.1)
        os.killpg(proc.pid, signal.SIGINT)                 # what Ctrl-C in a terminal does
        _, err = proc.communicate(timeout=120)            # runaway guard only: a loaded machine winds down slowly
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert {r["status"] for r in rows(out).values()} == {"pending"}


@pytest.mark.slow
def test_dask_cluster_gives_same_text_as_local(local_run, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    src, local_out, texts, res, _ = local_run
    assert res.returncode == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        dres = digitize_run(src, "-o", out, "--scheduler", cluster.scheduler_address, "--page-timeout", 120)
    assert dres.returncode == 0, dres.stderr
    for rel in texts:
        stem = Path(rel).with_suffix("")
        assert (out / f"{stem}.txt").read_text(encoding="utf-8") == \
               (local_out / f"{stem}.txt").read_text(encoding="utf-8")
        etree.parse(str(out / f"{stem}.xml"))
    assert {r["status"] for r in rows(out).values()} == {"done"}


@pytest.mark.slow
def test_dask_timeout_and_killed_worker_are_failed_pages(tmp_path: Path, monkeypatch) -> None:
    """Two runs on one cluster, so that no outcome depends on which of two clocks runs out first: the
    crashing page with a page timeout it cannot reach (only KilledWorker can end it), then the
    hanging page alone with a short one (only the timeout can end it)."""
    distributed = pytest.importorskip("distributed")
    import dask
    src, hang_src = tmp_path / "in", tmp_path / "in-hang"
    render(src / "crash.png", 50, lines=2)
    text = render(src / "good.png", 52, lines=2)
    render(hang_src / "hang.png", 51, lines=2)
    for key, value in _env(None).items():                   # the hook, in the Dask workers too
        if key in ("PYTHONPATH", "DIGITIZE_TEST_HOOK"):
            monkeypatch.setenv(key, value)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None) as cluster:
            res = digitize_run(src, "-o", tmp_path / "out", "--scheduler", cluster.scheduler_address,
                               "--page-timeout", 600)
            hres = digitize_run(hang_src, "-o", tmp_path / "out-hang", "--scheduler", cluster.scheduler_address,
                                "--page-timeout", 5)
    assert res.returncode == 1, res.stderr
    manifest = rows(tmp_path / "out")
    assert manifest["crash.png"]["status"] == "failed" and "KilledWorker" in manifest["crash.png"]["reason"]
    assert manifest["good.png"]["status"] == "done"
    assert coverage(text, (tmp_path / "out" / "good.txt").read_text(encoding="utf-8")) > 0.8
    assert hres.returncode == 1, hres.stderr
    hang = rows(tmp_path / "out-hang")["hang.png"]
    assert hang["status"] == "failed" and "timed out after 5 s" in hang["reason"]


def test_dask_scheduler_unreachable_exit_2(tmp_path: Path) -> None:
    render(tmp_path / "in" / "p.png", 14)
    res = digitize_run(tmp_path / "in", "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert res.returncode == 2 and "cannot connect to the Dask scheduler" in res.stderr
    assert "Traceback" not in res.stderr


def test_python_api_and_worker_recycling(tmp_path: Path, monkeypatch) -> None:
    from digitize.batch import local
    from digitize.batch.progress import Reporter
    from digitize.batch.runner import run_batch
    from digitize.config import Settings
    monkeypatch.setattr(local, "MAX_TASKS_PER_WORKER", 1)        # a fresh worker for every file
    src, out, log = tmp_path / "in", tmp_path / "out", tmp_path / "log.jsonl"
    texts = [render(src / f"p{i}.png", 60 + i, lines=2) for i in range(3)]
    summary = run_batch([src], out, Settings().override("batch", workers=1),
                        reporter=Reporter(quiet=True, log_json=log))
    assert (summary.done, summary.failed, summary.exit_code) == (3, [], 0)
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    workers = [e["worker"] for e in events if e["event"] == "page_done"]
    assert len(set(workers)) == 3
    for i, text in enumerate(texts):
        assert coverage(text, (out / f"p{i}.txt").read_text(encoding="utf-8")) > 0.8


def test_full_disk_stops_the_run_and_leaves_pages_pending(tmp_path: Path, monkeypatch) -> None:
    import errno
    from digitize.batch import runner
    from digitize.config import Settings

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(runner, "write_outputs", full)
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(2):
        render(src / f"p{i}.png", 70 + i, lines=2)
    with pytest.raises(runner.OutputFullError, match="No space left on device"):
        runner.run_batch([src], out, Settings().override("batch", workers=1))
    assert {r["status"] for r in rows(out).values()} == {"pending"}   # nothing marked failed


def test_debug_writes_layout_trace_beside_alto(tmp_path: Path) -> None:
    src = tmp_path / "scans"
    render(src / "p.png", 4, lines=3)
    out = tmp_path / "out"
    res = digitize_run(src / "p.png", "-o", out, "--workers", 1, "--debug")
    assert res.returncode == 0, res.stderr
    trace = (out / "p.trace.txt").read_text(encoding="utf-8")
    blocks = [ln for ln in trace.splitlines() if ln.startswith("b")]
    assert blocks and all(" body " in b or " headline " in b or " subhead " in b or " byline " in b
                          for b in blocks), trace
    assert "started (does not continue the block above" in trace
    assert "article:" in trace
    res = digitize_run(src / "p.png", "-o", tmp_path / "plain", "--workers", 1)
    assert res.returncode == 0 and not (tmp_path / "plain" / "p.trace.txt").exists()


def test_python_m_digitize_cli_is_the_command() -> None:
    """`python -m digitize.cli --help` prints the command's help (it used to do nothing and exit 0)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "digitize.cli", "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "run" in out.stdout, (out.returncode, out.stdout, out.stderr)
