"""Vertical recognition compared on ground-truth columns: cells pasted upright vs the column turned 90 deg
ccw vs whole cells cut at the character pitch (``cells.grid_cells``) vs the cells where they agree with the
turned column, else the turned column (``engines.ppocr.pick_vertical``, before session 7) vs that with the grid
cells' marks put into the turned reading (``ppocr.add_marks``, session 7) vs that with the cells' brackets and
quotes (set turned in the column) read again turned back first (``cells.put_turned_marks``: the engine's
default, session 8), with the PP-OCR engine.

For each page (``STEM.gt.json`` beside the image): preprocess (deskew), then every GT line that is a vertical
column (at least 3 times taller than wide, at least 4 characters) is cut from the working image (its GT
polygon mapped into the working frame, padded as recognition pads) and read three ways.  Prints the CER of
each way over all columns, the share of it that is marks (punctuation) missing, and the CPU seconds
each reading took (the two picks reuse the readings before them).

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
from digitize.engines.cells import (cut_cells, grid_cells, map_vertical, paste_cells, put_turned_marks,
                                    turn_grid_marks, turned_mark_cells)
from digitize.engines.ppocr import MARKS, SQUEEZE_KEPT, PPOCREngine, add_marks, pick_vertical
from digitize.geometry import Box
from digitize.load import load_pages
from digitize.recognize import PAD_FRACTION


def main(argv: list[str]) -> int:
    engine = PPOCREngine(RecognitionSettings())
    settings = load_settings()

    def cells(c):
        img, cut = paste_cells(c, *cut_cells(c))
        return map_vertical(engine._run([img], SQUEEZE_KEPT)[0], cut, c.shape[1])

    def turned_marks(c, picked):
        cut, em = cut_cells(c)
        turn = turned_mark_cells(c, cut, em)
        if not turn:
            return picked
        img, where = paste_cells(c, cut, em, turn)
        return put_turned_marks(picked, map_vertical(engine._run([img], SQUEEZE_KEPT)[0], where, c.shape[1]),
                                where, turn)

    def grid(c):
        g = grid_cells(c)
        return map_vertical(engine._run([g[0]], SQUEEZE_KEPT)[0], g[1], c.shape[1]) if g else None

    def grid_turned_marks(c, read):
        g = grid_cells(c)
        t = turn_grid_marks(c, g) if g else None
        if t is None:
            return read
        return put_turned_marks(read, map_vertical(engine._run([t[0]], SQUEEZE_KEPT)[0], g[1], c.shape[1]), g[1], t[1])

    def turned(c):
        return engine._run([np.ascontiguousarray(np.rot90(c))], SQUEEZE_KEPT)[0]

    names = ["cells", "turned", "grid cells", "pick_vertical (before)", "with grid marks (session 7)",
             "with turned marks (default)"]
    totals = {k: [0, 0, 0.0, 0] for k in names}
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
            got = {}
            for k, read in (("cells", cells), ("turned", turned), ("grid cells", grid)):
                t = time.process_time()
                got[k] = read(crop)
                totals[k][2] += time.process_time() - t
            if got["grid cells"] is None:
                got["grid cells"] = got["turned"]
            got["pick_vertical (before)"] = p = pick_vertical(got["cells"], got["turned"], crop.shape)
            got["with grid marks (session 7)"] = p if p is got["cells"] else add_marks(p, got["grid cells"])
            t = time.process_time()
            tm = turned_marks(crop, got["cells"])
            totals["with turned marks (default)"][2] += time.process_time() - t
            p = pick_vertical(tm, got["turned"], crop.shape)
            got["with turned marks (default)"] = p if p is tm else add_marks(p, grid_turned_marks(crop, got["grid cells"]))
            for k in names:
                text = got[k].text.replace(" ", "")
                totals[k][0] += Levenshtein.distance(text, want)
                totals[k][1] += len(want)
                totals[k][3] += sum(1 for op in Levenshtein.editops(text, want)
                                    if op.tag == "insert" and want[op.dest_pos] in MARKS)
    for k, (d, n, t, m) in totals.items():
        print(f"{k:26s} CER {d / max(1, n):.4f}  marks missing {m / max(1, n):.4f}  ({n} characters)  "
              f"CPU {t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
