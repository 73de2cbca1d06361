"""Vertical recognition compared on ground-truth columns: cells pasted upright vs the column turned 90 deg
ccw vs both (``engines.ppocr.pick_vertical``), with the PP-OCR engine.

For each page (``STEM.gt.json`` beside the image): preprocess (deskew), then every GT line that is a vertical
column (at least 3 times taller than wide, at least 4 characters) is cut from the working image (its GT
polygon mapped into the working frame, padded as recognition pads) and read three ways.  Prints the CER of
each way over all columns and the CPU seconds it took.

    python benchmarks/vertical_reading.py PAGE.gt.json [PAGE.gt.json ...]
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Levenshtein

from digitize import preprocess
from digitize.config import RecognitionSettings, load_settings
from digitize.engines.cells import vertical_to_horizontal
from digitize.engines.ppocr import PPOCREngine
from digitize.geometry import Box
from digitize.load import load_pages
from digitize.recognize import PAD_FRACTION


def main(argv: list[str]) -> int:
    engine = PPOCREngine(RecognitionSettings())
    settings = load_settings()
    ways = {"cells": lambda c: engine._run([vertical_to_horizontal(c)[0]])[0].text,
            "turned": lambda c: engine._run([np.ascontiguousarray(np.rot90(c))])[0].text,
            "both (pick_vertical)": lambda c: engine.recognize_lines([c], vertical=True)[0].text}
    totals = {k: [0, 0, 0.0] for k in ways}
    for name in argv:
        gt = json.loads(Path(name).read_text(encoding="utf-8"))
        page, scan = next(load_pages(Path(name).parent / gt["image"], settings.input))
        page = preprocess.run(page, scan, settings.preprocess)
        for ln in gt["lines"]:
            b = Box.around(page.transform.to_work(ln["poly"]))
            if b.height < 3 * b.width or len(ln["text"]) < 4:
                continue
            pad = max(2, int(round(PAD_FRACTION * b.width)))
            crop = scan.work[max(0, b.y0 - pad):b.y1 + pad, max(0, b.x0 - pad):b.x1 + pad]
            want = ln["text"].replace(" ", "")
            for k, read in ways.items():
                t = time.process_time()
                got = read(crop).replace(" ", "")
                totals[k][2] += time.process_time() - t
                totals[k][0] += Levenshtein.distance(got, want)
                totals[k][1] += len(want)
    for k, (d, n, t) in totals.items():
        print(f"{k:22s} CER {d / max(1, n):.4f}  ({n} characters)  CPU {t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
