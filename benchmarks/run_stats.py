"""Speed and memory of `digitize run` outputs, from their JSON logs and manifests.

    .venv/bin/python benchmarks/run_stats.py RUN.jsonl... [--markdown]

For each log (written by ``digitize run --log-json RUN.jsonl -o OUT``; the manifest is read from OUT):
pages, mean wall seconds per page inside the worker, mean CPU seconds per page, characters per
CPU-second (= per core: each worker is single-threaded) for the whole page and for the recognition
stage alone, recognition characters per wall second, and the peak resident memory of any worker.  CPU figures do not depend on what else the machine
is doing; wall figures do.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path


def stats(log: Path) -> dict:
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = next(e for e in events if e["event"] == "run_started")
    done = [e for e in events if e["event"] == "page_done"]
    con = sqlite3.connect(Path(start["out"]) / "manifest.sqlite")
    chars = dict(con.execute("SELECT source || ':' || frame, chars FROM pages WHERE status = 'done'"))
    con.close()
    n_chars = sum(chars.get(f"{e['source']}:{e.get('frame', 0)}", 0) for e in done)
    wall = sum(e["seconds"] for e in done)
    cpu = sum(e.get("cpu_seconds", 0.0) for e in done)
    rec = sum(e["timings"].get("recognition", 0.0) for e in done)
    rec_cpu = sum(e["timings"].get("recognition_cpu", 0.0) for e in done)
    return {"run": log.stem, "pages": len(done), "chars": n_chars,
            "wall_s_per_page": wall / max(1, len(done)), "cpu_s_per_page": cpu / max(1, len(done)),
            "chars_per_cpu_s": n_chars / cpu if cpu else 0.0,
            "recognition_chars_per_s": n_chars / rec if rec else 0.0,
            "recognition_chars_per_cpu_s": n_chars / rec_cpu if rec_cpu else 0.0,
            "peak_rss_mb": max((e.get("worker_peak_rss_mb", 0.0) for e in done), default=0.0)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("logs", nargs="+", type=Path)
    args = ap.parse_args()
    print("| run | pages | chars | wall s/page | CPU s/page | chars per CPU-s (per core) "
          "| recognition chars per CPU-s | recognition chars/s (wall) | peak RSS per worker |")
    print("|---|---|---|---|---|---|---|---|---|")
    for log in args.logs:
        s = stats(log)
        print(f"| {s['run']} | {s['pages']} | {s['chars']} | {s['wall_s_per_page']:.1f} | {s['cpu_s_per_page']:.1f} "
              f"| {s['chars_per_cpu_s']:.0f} | {s['recognition_chars_per_cpu_s']:.0f} | {s['recognition_chars_per_s']:.0f} "
              f"| {s['peak_rss_mb']:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
