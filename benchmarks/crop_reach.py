"""Where recognition's line crops reach past the layout's line ends, without OCR.

For each page of SET (``STEM.gt.json`` with lines beside the image): load -> preprocess -> layout with the
project's settings (``--config``), then for every horizontal text line the crop that recognition would send
to the engine (``recognize.crop_box``: widened over ink just past the line's end, a dropped end mark).
A widening is counted "into another line" when it covers at least 0.3 of a character of a ground-truth line
that is not the line's own (the next column's first character: the engine reads it into this line), and
"own end" when it covers as much of the line's own GT end (a mark the layout's box had cut off).

    python benchmarks/crop_reach.py SET [--config FILE] [--list]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digitize import layout, preprocess
from digitize.config import load_settings
from digitize.geometry import Box
from digitize.load import load_pages
from digitize.qa.evaluate import match_lines, read_ground_truth
from digitize.recognize import crop_box

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SHARE = 0.3          # of a character (the GT line's height) covered across, half of it down


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", type=Path)
    ap.add_argument("--config", default=None)
    ap.add_argument("--list", action="store_true", help="print each widening into another line")
    a = ap.parse_args(argv)
    settings = load_settings(a.config)
    images = {p.stem: p for p in a.set.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES}
    tot = {"lines": 0, "widened": 0, "into": 0, "own": 0}
    print(f"{'page':24s} {'lines':>6s} {'widened':>8s} {'into another':>13s} {'own end':>8s}")
    for gt in read_ground_truth(a.set):
        if not gt.lines or gt.stem not in images:
            continue
        page, scan = next(load_pages(images[gt.stem], settings.input))
        page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
        work = scan.work if scan.work is not None else scan.gray
        size = (work.shape[1], work.shape[0])
        lines = [(b, ln) for b in page.ordered_blocks() if b.type.is_text for ln in b.lines
                 if not (ln.vertical or b.vertical)]
        match = match_lines([box for box, _ in gt.lines], [ln.box for _, ln in lines])
        n = {"lines": len(lines), "widened": 0, "into": 0, "own": 0}
        for i, (b, ln) in enumerate(lines):
            wide, plain = crop_box(page, ln, False, size, work), crop_box(page, ln, False, size)
            if wide is None or plain is None or wide.x1 <= plain.x1:
                continue
            n["widened"] += 1
            h = ln.box
            reach = Box(h.x1, h.y0, h.x1 + wide.x1 - plain.x1, h.y1)
            into = own = False
            for gi, (g, _) in enumerate(gt.lines):
                ch = min(g.height, g.width)
                if (min(reach.y1, g.y1) - max(reach.y0, g.y0) < 0.5 * ch
                        or min(reach.x1, g.x1) - max(reach.x0, g.x0) < SHARE * ch):
                    continue
                if match[gi] == i:
                    own = True
                else:
                    into = True
            if into and a.list:
                print(f"  into another line: {gt.stem} line {h} widened by {wide.x1 - plain.x1} px")
            n["into"] += into
            n["own"] += own and not into
        for k, v in n.items():
            tot[k] += v
        print(f"{gt.stem:24s} {n['lines']:6d} {n['widened']:8d} {n['into']:13d} {n['own']:8d}")
    print(f"{'all':24s} {tot['lines']:6d} {tot['widened']:8d} {tot['into']:13d} {tot['own']:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
