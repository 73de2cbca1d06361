"""CPU seconds of preprocessing and layout per page of a set (one thread, no OCR).

    OMP_NUM_THREADS=1 PYTHONPATH=CHECKOUT python benchmarks/layout_cpu.py SET [LABEL]

Run it for two checkouts alternately, twice each, in one session: only timings taken in one run compare
(the machine is shared).  Per page: ``load_pages`` -> ``preprocess.run`` -> ``layout.analyse``, each of the
last two timed with ``time.process_time()``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from digitize import layout, preprocess
from digitize.config import Settings
from digitize.load import load_pages

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    folder, label = Path(argv[0]), (argv[1] if len(argv) > 1 else "")
    s = Settings()
    lay, pre = [], []
    for img in sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES):
        page, scan = next(load_pages(img, s.input))
        t0 = time.process_time()
        page = preprocess.run(page, scan, s.preprocess)
        t1 = time.process_time()
        layout.analyse(page, scan, s.layout)
        lay.append(time.process_time() - t1)
        pre.append(t1 - t0)
    if not lay:
        print(f"{folder}: no images")
        return 1
    print(f"{label} pages {len(lay)}  layout mean {sum(lay) / len(lay):.2f} max {max(lay):.2f}  "
          f"preprocess mean {sum(pre) / len(pre):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
