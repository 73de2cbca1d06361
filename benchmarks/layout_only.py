"""Layout figures without OCR, for comparing layout variants quickly on pages with ground truth.

For each page of SET (``STEM.gt.json`` beside the image): load -> preprocess -> layout with the project's
settings (``--config``), then the shared bench's ``line_order.score_page`` (imported from ``--bench`` at run
time, not copied) gives lines found / consecutive lines in order / lines merged across blocks, and an
"oracle CER": every hypothesis line reads the ground-truth text of the GT lines matched to it, in our line
order, against the GT text in the GT's block order.  It is the CER the page would have with perfect
recognition: what layout and reading order cost.

    python benchmarks/layout_only.py SET [--config FILE] [--bench ../shared/bench]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from digitize import layout, preprocess
from digitize.config import load_settings
from digitize.load import load_pages

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _line_order(bench: Path):
    spec = importlib.util.spec_from_file_location("line_order", bench / "line_order.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def oracle_cer(lo, gt: dict, hyp: list[list[float]]) -> tuple[int, int]:
    """(edit distance, GT characters) of the GT text read in hypothesis line order."""
    owner: dict[int, list[int]] = {}
    for gi, g in enumerate(gt["lines"]):
        gb = lo.box_of(g)
        best, bi = 0.0, None
        for i, h in enumerate(hyp):
            v = lo.inter(gb, h)
            if v > best:
                best, bi = v, i
        if bi is not None and best >= 0.5 * min(lo.area(gb), lo.area(hyp[bi])):
            owner.setdefault(bi, []).append(gi)
    order = {b["id"]: (b["order"] if b.get("order") is not None else 1e9) for b in gt["blocks"]}
    lines = gt["lines"]
    gt_seq = sorted(range(len(lines)), key=lambda i: (order.get(lines[i]["block"], 1e9), i))
    hyp_text = "".join(lines[gi]["text"] for i in range(len(hyp)) for gi in owner.get(i, []))
    gt_text = "".join(lines[i]["text"] for i in gt_seq)
    return Levenshtein.distance(hyp_text, gt_text), len(gt_text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", type=Path)
    ap.add_argument("--config", default=None)
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    a = ap.parse_args(argv)
    lo = _line_order(a.bench)
    settings = load_settings(a.config)
    keys = ("gt_lines", "found", "pairs", "succ_ok", "merged")
    tot = dict.fromkeys(keys, 0)
    ed = chars = 0
    print(f"{'page':24s} {'lines':>6s} {'found':>6s} {'order':>6s} {'merged':>7s} {'oracle CER':>11s}")
    for img in sorted(p for p in a.set.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES):
        gt_path = img.with_name(img.stem + ".gt.json")
        if not gt_path.exists():
            continue
        gt = json.loads(gt_path.read_text(encoding="utf-8"))
        page, scan = next(load_pages(img, settings.input))
        page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
        hyp = [[ln.box.x0, ln.box.y0, ln.box.x1, ln.box.y1] for b in page.ordered_blocks() for ln in b.lines]
        r = lo.score_page(gt, hyp)
        d, n = oracle_cer(lo, gt, hyp)
        ed, chars = ed + d, chars + n
        for k in keys:
            tot[k] += r[k]
        print(f"{img.stem:24s} {r['gt_lines']:6d} {r['found'] / max(1, r['gt_lines']):6.3f} "
              f"{r['succ_ok'] / max(1, r['pairs']):6.3f} {r['merged'] / max(1, r['found']):7.3f} {d / max(1, n):11.3f}")
    print(f"{'all':24s} {tot['gt_lines']:6d} {tot['found'] / max(1, tot['gt_lines']):6.3f} "
          f"{tot['succ_ok'] / max(1, tot['pairs']):6.3f} {tot['merged'] / max(1, tot['found']):7.3f} "
          f"{ed / max(1, chars):11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
