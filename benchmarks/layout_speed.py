"""CPU time of preprocessing and layout per page (the issue's goal: <= 1 s for a 300-dpi full page).

    .venv/bin/python benchmarks/layout_speed.py IMAGES_OR_FOLDERS... [--repeat 3] [--json FILE]

CPU time (``time.process_time`` of this single-threaded process), not wall time, so a busy shared
machine does not distort it; each page is run ``--repeat`` times and the fastest is kept.  Loading
(decoding the file) is reported separately: it is the image codec's cost, not ours.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENCV_FOR_THREADS_NUM", "1")

import cv2  # noqa: E402

from digitize import layout, preprocess  # noqa: E402
from digitize.batch.inputs import find_inputs  # noqa: E402
from digitize.config import Settings  # noqa: E402
from digitize.load import load_pages  # noqa: E402

cv2.setNumThreads(1)


def measure(path: Path, settings: Settings, repeat: int) -> dict:
    best: dict[str, float] = {}
    for _ in range(repeat):
        t0 = time.process_time()
        page, scan = next(load_pages(path, settings.input))
        t1 = time.process_time()
        page = preprocess.run(page, scan, settings.preprocess)
        t2 = time.process_time()
        page = layout.analyse(page, scan, settings.layout)
        t3 = time.process_time()
        for key, value in (("load", t1 - t0), ("preprocess", t2 - t1), ("layout", t3 - t2),
                           ("preprocess+layout", t3 - t1)):
            best[key] = min(best.get(key, float("inf")), value)
    return {"page": path.name, "size": f"{page.width}x{page.height}", "blocks": len(page.blocks),
            **{k: round(v, 3) for k, v in best.items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    settings = Settings()
    rows = [measure(f.source, settings, args.repeat) for f in find_inputs(args.inputs)]
    print(f"{'page':<14}{'size':>11}{'blocks':>8}{'load':>8}{'prep':>8}{'layout':>8}{'prep+layout':>13}  (CPU s)")
    for r in rows:
        print(f"{r['page']:<14}{r['size']:>11}{r['blocks']:>8}{r['load']:>8.3f}{r['preprocess']:>8.3f}"
              f"{r['layout']:>8.3f}{r['preprocess+layout']:>13.3f}")
    full = [r["preprocess+layout"] for r in rows if r["size"] == "3300x4700"]
    if full:
        print(f"300-dpi full pages (3300x4700): mean {statistics.mean(full):.3f} s, max {max(full):.3f} s CPU")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
