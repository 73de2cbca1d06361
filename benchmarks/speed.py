"""Speed against plain Tesseract, in one run: wall-time ratio, CPU per stage, start-up, memory, scaling.

    .venv/bin/python benchmarks/speed.py SOURCE... [--rounds 2] [--workers 2] [--no-scaling]
                                        [--score ../shared/bench/score.py] [--keep DIR]

    e.g. benchmarks/speed.py ../shared/bench/dev:8 /work/pages/browser-dev:4:half \\
             --score ../shared/bench/score.py

A SOURCE is ``DIR[:N][:half|full]``: the first N page images of DIR (sorted by name), optionally only
landscape (``half``: wider than tall) or portrait (``full``) ones.  All sources together are the
page list; both systems get the same list in the same order.

Each round runs, back to back, ``digitize run --workers W --force`` (engine start-up included) and
``OMP_THREAD_LIMIT=1 tesseract IMG OUT -l chi_sim --psm 3 txt alto`` W at a time on the same pages;
the order of the two alternates from round to round, so load from elsewhere on the machine hits both
alike.  The ratio of the two wall times is reported per round (paired) and over all rounds.  With
scaling on, round 1 also runs ``digitize`` with one worker.

From the runs' JSON logs: CPU seconds per page by stage (load, preprocess, layout, recognition split
into the engine and our own per-line work, output writing; ``other`` is retype, quality and what the
stages do not cover), recognised characters per CPU-second, peak RSS per worker, and the fixed cost
of a run: from launching the command to the first page starting in a worker (imports, input scan,
worker start, model load) plus from the last page finished to the command's exit; and how long the
first worker to run out of pages waited for the last one to finish (its core is lent to that page's
lines, digitize.cores).

``--score`` runs the shared bench's scorer on each source's pages of the last digitize run and of
the last Tesseract run (order-free bag error and CER per source).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digitize.batch.inputs import find_inputs  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch_speed  # noqa: E402

# Stages as the pipeline logs them (page.timings: "<stage>_cpu" is CPU seconds of the worker).
STAGES = ("load", "preprocess", "layout", "recognition_engine", "recognition")


def pick_pages(spec: str) -> tuple[str, list[Path]]:
    """``DIR[:N][:half|full]`` -> (source name, pages)."""
    parts = spec.split(":")
    folder, n, shape = Path(parts[0]), None, None
    for p in parts[1:]:
        if p.isdigit():
            n = int(p)
        elif p in ("half", "full"):
            shape = p
        else:
            raise SystemExit(f"{spec}: expected DIR[:N][:half|full], not '{p}'")
    files = sorted((f.source for f in find_inputs([folder])), key=lambda q: q.name)
    if shape:
        from PIL import Image
        keep = []
        for f in files:
            with Image.open(f) as im:
                w, h = im.size
            if (w > h) == (shape == "half"):
                keep.append(f)
        files = keep
    return folder.name, files[:n] if n else files


def _t(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def run_digitize(pages: list[Path], out: Path, workers: int) -> dict:
    """Time one ``digitize run`` over ``pages``; everything else from its JSON log and manifest."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    log = out.parent / f"{out.name}.jsonl"
    log.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", "import sys; from digitize.cli import main; sys.exit(main())", "run",
           *map(str, pages), "-o", str(out), "--workers", str(workers), "--force", "--quiet", "--log-json", str(log)]
    launched = time.time()
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    ended = time.time()
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    done = [e for e in events if e["event"] == "page_done"]
    rss: dict[str, float] = {}
    for e in done:
        rss[e["worker"]] = max(rss.get(e["worker"], 0.0), e.get("worker_peak_rss_mb", 0.0))
    starts = [_t(e["time"]) - e["seconds"] for e in done]
    ends = [_t(e["time"]) for e in done]
    last: dict[str, float] = {}               # per worker: when its last page was done
    for e in done:
        last[e["worker"]] = max(last.get(e["worker"], 0.0), _t(e["time"]))
    stage_cpu = {s: sum(e["timings"].get(f"{s}_cpu", 0.0) for e in done) for s in STAGES}
    stage_cpu["recognition_lines"] = stage_cpu.pop("recognition") - stage_cpu["recognition_engine"]
    stage_cpu["write"] = sum(e["timings"].get("write", 0.0) for e in done)      # client side, wall
    cpu = sum(e.get("cpu_seconds", 0.0) for e in done)
    stage_cpu["other"] = max(0.0, cpu - sum(v for k, v in stage_cpu.items() if k != "write"))
    return {"workers": workers, "exit": proc.returncode, "pages": len(done), "wall_s": wall,
            "cpu_s": cpu, "stage_cpu_s": stage_cpu, "chars": _chars(out),
            "startup_s": (min(starts) - launched) if starts else None,
            "shutdown_s": (ended - max(ends)) if ends else None,
            "idle_at_end_s": (max(ends) - min(last.values())) if len(last) > 1 else 0.0,
            "peak_rss_mb_per_worker": rss, "stderr": proc.stderr.strip()[-500:]}


def _chars(out: Path) -> int:
    import sqlite3
    con = sqlite3.connect(out / "manifest.sqlite")
    try:
        return int(con.execute("SELECT COALESCE(SUM(chars), 0) FROM pages WHERE status = 'done'").fetchone()[0])
    finally:
        con.close()


def run_tesseract(pages: list[Path], out: Path, jobs: int) -> dict:
    """Plain Tesseract CLI, ``jobs`` processes at a time, one thread each (``batch_speed.py``'s runner), into a
    fresh ``out``."""
    if out.exists():
        shutil.rmtree(out)
    return batch_speed.run_tesseract(pages, out, jobs)


def score(scorer: Path, source_pages: list[Path], hyp: Path, work: Path) -> dict:
    """The shared bench's scorer on these pages only (a folder of links to their ground truth)."""
    gt = work / "gt"
    if gt.exists():
        shutil.rmtree(gt)
    gt.mkdir(parents=True)
    for p in source_pages:
        for suffix in (".gt.txt", ".gt.json"):
            f = p.with_name(p.stem + suffix)
            if f.exists():
                (gt / f.name).symlink_to(f.resolve())
    js = work / "score.json"
    proc = subprocess.run([sys.executable, str(scorer), "--gt", str(gt), "--hyp", str(hyp), "--json", str(js)],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not js.exists():
        return {"error": proc.stderr.strip()[-300:]}
    s = json.loads(js.read_text(encoding="utf-8"))["summary"]["all"]
    return {"pages": s["pages"], "bag_err": s["bag_err_macro"], "cer_macro": s["cer_macro"], "cer_micro": s["cer_micro"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", help="DIR[:N][:half|full]")
    ap.add_argument("--rounds", type=int, default=2, help="paired rounds, order alternated (default 2)")
    ap.add_argument("--workers", type=int, default=2, help="digitize workers = tesseract processes at a time")
    ap.add_argument("--no-scaling", action="store_true", help="skip the one-worker run")
    ap.add_argument("--score", type=Path, help="the shared bench's score.py: bag error and CER per source")
    ap.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = ap.parse_args(argv)
    if shutil.which("tesseract") is None:
        print("tesseract CLI not found", file=sys.stderr)
        return 2
    sources = [pick_pages(s) for s in args.sources]
    pages = [p for _, ps in sources for p in ps]
    if not pages:
        print("no pages found", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="speed_"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{len(pages)} pages: " + ", ".join(f"{name} {len(ps)}" for name, ps in sources)
          + f"; {args.workers} workers; {len(os.sched_getaffinity(0))} cores; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    rounds, one = [], None
    for r in range(args.rounds):
        order = ("digitize", "tesseract") if r % 2 == 0 else ("tesseract", "digitize")
        res: dict = {}
        for what in order:
            if what == "digitize":
                res["digitize"] = run_digitize(pages, work / "digitize", args.workers)
            else:
                res["tesseract"] = run_tesseract(pages, work / "tesseract", args.workers)
        d, t = res["digitize"], res["tesseract"]
        res["ratio"] = d["wall_s"] / t["wall_s"]
        rounds.append(res)
        print(f"round {r + 1} ({' then '.join(order)}): digitize {d['wall_s']:.1f} s (exit {d['exit']}, "
              f"{d['pages']} pages; a worker idle {d['idle_at_end_s']:.1f} s at the end), tesseract "
              f"{t['wall_s']:.1f} s ({t['failed']} failed): ratio {res['ratio']:.3f}", flush=True)
        if r == 0 and not args.no_scaling and args.workers > 1:
            one = run_digitize(pages, work / "digitize1", 1)
            print(f"         digitize, 1 worker: {one['wall_s']:.1f} s -> scaling 1 -> {args.workers} workers "
                  f"{one['wall_s'] / d['wall_s']:.2f}x", flush=True)
    dw = sum(r["digitize"]["wall_s"] for r in rounds)
    tw = sum(r["tesseract"]["wall_s"] for r in rounds)
    print(f"\nwall time digitize / tesseract over {len(rounds)} rounds: {dw / tw:.3f} "
          f"(per round: {', '.join(format(r['ratio'], '.3f') for r in rounds)})")
    runs = [r["digitize"] for r in rounds]
    n = sum(r["pages"] for r in runs)
    stage = {k: sum(r["stage_cpu_s"][k] for r in runs) / max(1, n) for k in runs[0]["stage_cpu_s"]}
    cpu = sum(stage[k] for k in stage if k != "write")
    print("CPU seconds per page by stage (worker; write: client wall): " + ", ".join(
        f"{k} {v:.2f} ({100 * v / cpu:.0f} %)" if k != "write" else f"{k} {v:.2f}" for k, v in stage.items())
          + f"; total {cpu:.2f}")
    chars = sum(r["chars"] for r in runs)
    print(f"recognised characters per CPU-second: {chars / max(1e-9, sum(r['cpu_s'] for r in runs)):.0f} "
          f"({chars // len(runs)} characters per run)")
    rss = [v for r in runs for v in r["peak_rss_mb_per_worker"].values()]
    print(f"peak RSS per worker: {min(rss):.0f}-{max(rss):.0f} MB")
    ups = [r["startup_s"] for r in runs if r["startup_s"] is not None]
    downs = [r["shutdown_s"] for r in runs if r["shutdown_s"] is not None]
    if ups and downs:
        print(f"fixed cost per run: start-up {min(ups):.2f} s (launch -> first page starts in a worker), "
              f"shutdown {min(downs):.2f} s (last page done -> exit); best of {len(ups)}")
    if one is not None:
        print(f"scaling 1 -> {args.workers} workers: {one['wall_s'] / rounds[0]['digitize']['wall_s']:.2f}x")
    report = {"pages": [str(p) for p in pages], "rounds": rounds, "one_worker": one,
              "ratio": dw / tw, "stage_cpu_s_per_page": stage}
    if args.score:
        report["score"] = {}
        for name, ps in sources:
            stems = {p.stem for p in ps}
            row = {}
            for system, folder in (("digitize", work / "digitize"), ("tesseract", work / "tesseract")):
                hyp = work / f"hyp-{system}-{name}"
                if hyp.exists():
                    shutil.rmtree(hyp)
                hyp.mkdir()
                for f in folder.rglob("*"):
                    if f.suffix in (".txt", ".xml") and re.sub(r"\.(txt|xml)$", "", f.name) in stems:
                        (hyp / f.name).symlink_to(f.resolve())
                row[system] = score(args.score, ps, hyp, work / f"score-{system}-{name}")
            report["score"][name] = row
            print(f"{name}: " + "; ".join(
                f"{s} bag {v['bag_err']:.4f} CER {v['cer_macro']:.4f}" if "bag_err" in v else f"{s} {v}"
                for s, v in row.items()))
    (work / "speed.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print(f"load average after: {os.getloadavg()[0]:.1f}; report: {work / 'speed.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
