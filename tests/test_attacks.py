"""Attacks on the batch tool that once lost data, crashed or hung (issue 14), kept as tests.

Everything is generated on the fly in tmp folders.  A read-only folder is made with a private
read-only bind mount when running as root (root ignores file modes), else with chmod.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digitize.batch import manifest as mf

ROOT = Path(__file__).resolve().parents[1]


def digitize(*args, cwd=None, readonly: Path | None = None, env: dict | None = None,
             timeout: float = 240) -> subprocess.CompletedProcess:
    """``digitize ARGS`` in a subprocess; with ``readonly`` that folder is read-only for it."""
    cmd = [sys.executable, "-m", "digitize", *map(str, args)]
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), full_env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    full_env.update(env or {})
    if readonly is not None:
        if os.geteuid() == 0:
            if shutil.which("unshare") is None:
                pytest.skip("root without unshare(1): cannot make a read-only folder")
            script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
            cmd = ["unshare", "-m", "sh", "-c", script, str(readonly), *cmd]
        else:
            for d, _, files in os.walk(readonly):
                for f in files:
                    os.chmod(os.path.join(d, f), 0o444)
                os.chmod(d, 0o555)
    res = subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)
    if readonly is not None and os.geteuid() == 0 and "mount" in res.stderr and res.returncode == 32:
        pytest.skip(f"cannot bind-mount read-only here: {res.stderr.strip()}")
    return res


# ---------------------------------------------------------------- errors: one format, one exit code each

COMMANDS_ON_A_FOLDER = [("run", "{missing}", "-o", "{tmp}/out"), ("qa", "summary", "{missing}"),
                        ("qa", "export", "{missing}"), ("mets", "{missing}"), ("eval", "--gt", "{missing}", "{tmp}")]


@pytest.mark.parametrize("args", COMMANDS_ON_A_FOLDER, ids=lambda a: " ".join(a[:2]))
def test_every_command_reports_a_missing_folder_alike(tmp_path, args):
    res = digitize(*(a.format(missing=tmp_path / "missing", tmp=tmp_path) for a in args))
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digitize: error: ") and "missing" in lines[0], res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.parametrize("command", [["run", "x", "-o", "y"], ["validate", "x"], ["mets", "x"], ["qa", "summary", "x"],
                                     ["qa", "mark", "x", "1"], ["eval", "--gt", "x", "y"]], ids=" ".join)
def test_usage_errors_exit_2_with_the_same_prefix(command):
    res = digitize(*command, "--no-such-option")
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("Usage: digitize ") and "digitize: error: No such option" in res.stderr


def test_qa_errors_are_project_errors_not_value_errors(tmp_path):
    from digitize.errors import UsageError
    from digitize.qa import review, summary
    with pytest.raises(UsageError):
        review.export(tmp_path, "maybe")
    with pytest.raises(UsageError):
        summary.sort_rows([], "best")


# ---------------------------------------------------------------- the manifest: one owner, read-only mode

def _finished_batch(out: Path, clean_close: bool) -> None:
    """A batch's manifest as a run leaves it: one page done with its ALTO, one failed."""
    out.mkdir(parents=True)
    (out / "a.xml").write_text("<alto/>", encoding="utf-8")
    conn = mf.open_manifest(out / mf.MANIFEST_NAME)
    mf.upsert(conn, "/scans/a.png", 0, rel="a.png", status="done", alto="a.xml", chars=10, mean_conf=0.9)
    mf.upsert(conn, "/scans/b.png", 0, rel="b.png", status="failed", reason="empty file")
    if clean_close:
        mf.close_manifest(conn)
    else:                      # a run killed after its last commit: the file stays in WAL mode
        conn.close()


@pytest.mark.parametrize("clean_close", [True, False], ids=["finished", "killed"])
def test_qa_and_mets_read_a_batch_in_a_read_only_folder(tmp_path, clean_close):
    out = tmp_path / "out"
    _finished_batch(out, clean_close)
    before = sorted(p.name for p in out.iterdir())
    res = digitize("qa", "summary", out, "--quick", "--json", readonly=out)
    assert res.returncode == 0, res.stderr
    assert {r["name"]: r["status"] for r in json.loads(res.stdout)} == {"a": "done", "b": "failed"}
    res = digitize("qa", "export", out, "--status", "unreviewed", readonly=out)
    assert res.returncode == 0 and res.stdout.strip().endswith("a.xml"), res.stderr
    res = digitize("qa", "mark", out, "a", "--approve", readonly=out)     # writing is refused clearly
    assert res.returncode == 2 and res.stderr.startswith("digitize: error: ") and "Traceback" not in res.stderr
    assert sorted(p.name for p in out.iterdir()) == before


def test_manifest_readers_use_the_owner_module():
    """No module but digitize/batch/manifest.py queries the pages table."""
    offenders = []
    for path in (ROOT / "digitize").rglob("*.py"):
        if path.name == "manifest.py" and path.parent.name == "batch":
            continue
        text = path.read_text(encoding="utf-8")
        if "FROM pages" in text or "UPDATE pages" in text or "INTO pages" in text:
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == [], offenders


# ---------------------------------------------------------------- run: no silent loss, no stop, no traceback

def _page(path: Path, seed: int, lines: int = 2, **save) -> None:
    from tests.test_cli_run import page_image
    im, _ = page_image(seed, lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, dpi=(300, 300), **save)


def _rows(out: Path) -> dict[str, dict]:
    conn = mf.open_existing(out)
    try:
        return {f"{r['rel']}#{r['frame']}": dict(r) for r in conn.execute("SELECT * FROM pages")}
    finally:
        conn.close()


def test_later_page_of_a_tiff_and_a_file_of_that_name_never_overwrite(tmp_path):
    from tests.test_cli_run import page_image
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    frames = [page_image(80 + i, 2)[0] for i in range(2)]
    frames[0].save(src / "scan.tif", save_all=True, append_images=frames[1:], dpi=(300, 300))
    _page(src / "scan_p002.jpg", 90)
    res = digitize("run", src, "-o", out, "--workers", 1)
    assert res.returncode == 1, res.stderr
    rows = _rows(out)
    assert rows["scan.tif#0"]["status"] == rows["scan.tif#1"]["status"] == "done"
    assert rows["scan_p002.jpg#0"]["status"] == "failed"
    assert "output name scan_p002.xml is already used by scan.tif page 2" in rows["scan_p002.jpg#0"]["reason"]
    assert "scan_p002.jpg: output name scan_p002.xml is already used by scan.tif page 2" in res.stderr
    assert "scan.tif" in (out / "scan_p002.xml").read_text(encoding="utf-8")      # the TIFF's page, kept
    assert not (out / ".digitize-run.lock").exists()                                # no stale lock left


def test_symlink_loops_are_named_and_the_batch_goes_on(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _page(src / "good.png", 91)
    (src / "loop").symlink_to("loop")
    (src / "self.png").symlink_to("self.png")
    (src / "sub").mkdir()
    (src / "sub" / "up").symlink_to("../loop")
    res = digitize("run", src, "-o", out, "--workers", 1)
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr and "unexpected" not in res.stderr
    assert _rows(out)["good.png#0"]["status"] == "done"
    for name in ("loop", "self.png", "sub/up"):
        assert f"{src / name}: symlink loop" in res.stderr, res.stderr


def test_unreadable_folder_is_named_and_the_search_goes_on(tmp_path, monkeypatch):
    from digitize.batch.inputs import find_inputs
    _page(tmp_path / "a" / "p.png", 92, lines=1)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    problems: list = []
    assert [f.rel.as_posix() for f in find_inputs([tmp_path], problems=problems)] == ["a/p.png"]
    assert problems == [(tmp_path / "locked", "cannot read this folder (Permission denied): not searched")]


def test_resume_redoes_an_input_changed_in_place_with_size_and_mtime_restored(tmp_path):
    import numpy as np
    from PIL import Image
    src, out = tmp_path / "in", tmp_path / "out"
    _page(src / "p.tif", 93)                                     # uncompressed: pixels change, size does not
    assert digitize("run", src, "-o", out, "--workers", 1).returncode == 0
    st = (src / "p.tif").stat()
    with Image.open(src / "p.tif") as im:
        a = np.array(im)
    a[:, :] = 255 - a
    Image.fromarray(a).save(src / "p.tif", dpi=(300, 300))
    os.utime(src / "p.tif", ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (src / "p.tif").stat().st_size == st.st_size and (src / "p.tif").stat().st_mtime_ns == st.st_mtime_ns
    res = digitize("run", src, "-o", out, "--workers", 1)
    assert res.returncode == 0 and "skipped" not in res.stderr and "1 page done" in res.stderr, res.stderr
    res = digitize("run", src, "-o", out, "--workers", 1)            # unchanged now: skipped
    assert res.returncode == 0 and "0 pages done, 1 skipped" in res.stderr, res.stderr


def test_read_only_output_folder_is_a_clear_error(tmp_path):
    _page(tmp_path / "in" / "p.png", 94, lines=1)
    out = tmp_path / "out"
    out.mkdir()
    res = digitize("run", tmp_path / "in", "-o", out, readonly=out)
    assert res.returncode == 2, res.stderr
    assert res.stderr.strip().splitlines() == [
        f"digitize: error: {out}: cannot write to the output folder (Read-only file system)"
        if os.geteuid() == 0 else f"digitize: error: {out}: cannot write to the output folder (Permission denied)"]


def test_output_folder_equal_to_input_folder_is_refused(tmp_path):
    _page(tmp_path / "in" / "p.png", 95, lines=1)
    res = digitize("run", tmp_path / "in", "-o", tmp_path / "in" / "." )
    assert res.returncode == 2 and "is also an input folder" in res.stderr, res.stderr
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["p.png"]


def test_newline_in_a_file_name_keeps_its_reason_on_one_line(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad\nname.png").write_bytes(b"")
    _page(src / "ok.png", 96, lines=1)
    res = digitize("run", src, "-o", tmp_path / "out", "--workers", 1)
    assert res.returncode == 1, res.stderr
    assert "  bad name.png: empty file" in res.stderr.splitlines(), res.stderr


# ---------------------------------------------------------------- reading ALTO back: one hardened parser

def _good_alto() -> bytes:
    from tests.test_validate import alto, block
    return alto(block("A", 10, 10, 100, 40), ro='<ElementRef ID="r1" REF="A"/>')


def _with_entities(data: bytes) -> bytes:
    """A DOCTYPE with an internal and an external entity, used in text and an attribute."""
    text = data.decode()
    i = text.index("?>") + 2
    text = text[:i] + '\n<!DOCTYPE alto [<!ENTITY x "hello"><!ENTITY ext SYSTEM "file:///etc/passwd">]>' + text[i:]
    return text.replace('CONTENT="', 'CONTENT="&x;', 1).replace("pixel<", "&x;&ext;pixel<").encode()


def _batch_of(out: Path, files: dict[str, bytes]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    conn = mf.open_manifest(out / mf.MANIFEST_NAME)
    for i, (name, data) in enumerate(files.items()):
        (out / name).write_bytes(data)
        mf.upsert(conn, f"/scans/{name}.png", 0, rel=f"{Path(name).stem}.png", status="done", alto=name,
                  width=1000, height=800, chars=1)
    mf.close_manifest(conn)


def test_validate_reports_each_bad_file_and_goes_on(tmp_path):
    files = {"entity.xml": _with_entities(_good_alto()), "huge.xml": _good_alto() + b" " * (2 << 20),
             "broken.xml": b"<alto", "good.xml": _good_alto()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    res = digitize("validate", *(tmp_path / n for n in files), env={"DIGITIZE_MAX_XML_MB": "1"})
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr + res.stdout and res.stderr == ""
    out = res.stdout.splitlines()
    assert f"{tmp_path / 'entity.xml'}: has a DOCTYPE declaration (DTDs and entities are not allowed in ALTO or METS)" in out
    assert any(line.startswith(f"{tmp_path / 'huge.xml'}: 2 MB, over the 1 MB limit") for line in out), out
    assert any(line.startswith(f"{tmp_path / 'broken.xml'}: not well-formed XML") for line in out), out
    assert out[-1] == f"{tmp_path / 'good.xml'}: OK"
    assert "root:" not in res.stdout                                  # /etc/passwd never read in


def test_qa_summary_flags_hostile_alto_instead_of_crashing(tmp_path):
    out = tmp_path / "out"
    _batch_of(out, {"entity.xml": _with_entities(_good_alto()), "huge.xml": _good_alto() + b" " * (2 << 20),
                    "good.xml": _good_alto()})
    res = digitize("qa", "summary", out, "--json", env={"DIGITIZE_MAX_XML_MB": "1"})
    assert res.returncode == 0, res.stderr
    rows = {r["name"]: {f["code"] for f in r["flags"]} for r in json.loads(res.stdout)}
    assert "bad-alto" in rows["entity"] and "bad-alto" in rows["huge"] and "bad-alto" not in rows["good"]


def test_mets_names_an_alto_it_cannot_read(tmp_path):
    out = tmp_path / "out"
    _batch_of(out, {"a.xml": _good_alto(), "b.xml": _with_entities(_good_alto())})
    res = digitize("mets", out)
    assert res.returncode == 2 and not (out / "mets.xml").exists()
    assert res.stderr.strip() == (f"digitize: error: {out / 'b.xml'}: has a DOCTYPE declaration "
                                  "(DTDs and entities are not allowed in ALTO or METS)")


def test_qa_correct_refuses_paths_outside_the_output_folder(tmp_path):
    out = tmp_path / "out"
    outside = tmp_path / "elsewhere.xml"
    outside.write_bytes(_good_alto())
    _batch_of(out, {"good.xml": _good_alto()})
    conn = mf.open_manifest(out / mf.MANIFEST_NAME)
    mf.upsert(conn, "/scans/evil.png", 0, rel="evil.png", status="done", alto="../elsewhere.xml")
    mf.upsert(conn, "/scans/link.png", 0, rel="link.png", status="done", alto="link.xml")
    mf.close_manifest(conn)
    (out / "link.xml").symlink_to(outside)
    for page in ("evil", "link"):
        res = digitize("qa", "correct", out, page, "A_l", "新")
        assert res.returncode == 2 and "is outside the output folder" in res.stderr, res.stderr
    assert outside.read_bytes() == _good_alto()
    res = digitize("qa", "correct", out, "good", "A_l", "新")
    assert res.returncode == 0, res.stderr


# ---------------------------------------------------------------- Dask: an empty cluster, a lost scheduler

class DaskProcesses:
    """A Dask scheduler (and workers) in processes of their own, so a test can kill the scheduler."""

    def __init__(self, tmp: Path):
        self.tmp, self.procs = tmp, []
        sf = tmp / "scheduler.json"
        self.scheduler = self._start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                                     "--no-dashboard", "--scheduler-file", sf)
        for _ in range(600):                                    # up to 60 s on a busy machine
            if sf.exists() and sf.stat().st_size:
                try:
                    self.address = json.loads(sf.read_text())["address"]
                    return
                except ValueError:
                    pass
            if self.scheduler.poll() is not None:
                break
            import time
            time.sleep(0.1)
        self.close()
        raise RuntimeError("the Dask scheduler did not start")

    def _start(self, module: str, *args) -> subprocess.Popen:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        env["DIGITIZE_TEST_HOOK"] = "tests.test_cli_run:hook"
        env["BATCH_TEST_SLOW"] = "600"                         # pages named slow_* keep their worker busy
        env["BATCH_TEST_COUNTER"] = str(self.tmp / "started.txt")
        p = subprocess.Popen([sys.executable, "-m", module, *map(str, args)], env=env, cwd=self.tmp,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.procs.append(p)
        return p

    def add_worker(self) -> None:
        self._start("distributed.cli.dask_worker", self.address, "--nthreads", "1", "--nworkers", "1",
                    "--no-dashboard", "--no-nanny")

    def close(self) -> None:
        import signal
        for p in self.procs:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()


@pytest.fixture
def dask_processes(tmp_path):
    pytest.importorskip("distributed")
    d = DaskProcesses(tmp_path)
    yield d
    d.close()


def test_dask_scheduler_without_workers_is_a_clear_error(tmp_path, dask_processes):
    _page(tmp_path / "in" / "p.png", 97, lines=1)
    res = digitize("run", tmp_path / "in", "-o", tmp_path / "out", "--scheduler", dask_processes.address,
                   "--page-timeout", 900, timeout=180)            # a hang would last the page timeout
    assert res.returncode == 2, res.stderr
    assert res.stderr.strip().splitlines()[-1] == (
        f"digitize: error: the Dask scheduler at {dask_processes.address} has no workers (waited 10 s); "
        f"start some (`dask worker {dask_processes.address}`) and rerun")
    assert "Traceback" not in res.stderr


@pytest.mark.slow
def test_lost_dask_scheduler_stops_cleanly_and_the_rerun_finishes(tmp_path, dask_processes):
    import time
    src, out = tmp_path / "in", tmp_path / "out"
    _page(src / "slow_1.png", 98, lines=1)
    _page(src / "slow_2.png", 99, lines=1)
    dask_processes.add_worker()
    started = tmp_path / "started.txt"
    proc = subprocess.Popen([sys.executable, "-m", "digitize", "run", str(src), "-o", str(out), "--scheduler",
                             dask_processes.address, "--page-timeout", "900", "--quiet"],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not (started.exists() and started.read_text().strip()):
            time.sleep(0.2)                                      # a page is in the worker's hands
        assert started.exists(), "no page reached the Dask worker"
        dask_processes.scheduler.kill()
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 4, err
    assert err.strip().splitlines()[-1] == (
        f"digitize: error: lost the Dask scheduler at {dask_processes.address} (connection closed); "
        "finished pages are kept; rerun the same command to continue")
    assert "Traceback" not in err
    assert {r["status"] for r in _rows(out).values()} == {"pending"}
    assert not (out / ".digitize-run.lock").exists()
    os.rename(src / "slow_1.png", src / "p1.png")               # the same batch, local workers, fast
    os.rename(src / "slow_2.png", src / "p2.png")
    res = digitize("run", src, "-o", out, "--workers", 1)
    assert res.returncode == 0, res.stderr


def test_c_library_chatter_goes_to_the_log_not_the_terminal(tmp_path):
    src, log = tmp_path / "in", tmp_path / "log.jsonl"
    _page(src / "chatter.png", 100, lines=1)
    res = digitize("run", src, "-o", tmp_path / "out", "--workers", 1, "--engine", "tesseract", "--log-json", log,
                   env={"DIGITIZE_TEST_HOOK": "tests.test_cli_run:hook"})
    assert res.returncode == 0, res.stderr
    assert "pixScaleAreaMap" not in res.stderr + res.stdout
    done = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["event"] == "page_done"]
    assert done[0]["stderr"] == ["Error in pixScaleAreaMap: pixd too small"]
