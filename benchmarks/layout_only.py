"""Layout figures without OCR, for comparing layout variants quickly on pages with ground truth.

For each page of SET (``STEM.gt.json`` with lines beside the image): load -> preprocess -> layout with the
project's settings (``--config``), then ``digitize.qa.evaluate``'s line figures (lines found / consecutive
lines in order / lines merged across blocks, as ``digitize eval`` reports them) and an "oracle CER": every
hypothesis line reads the ground-truth text of the GT lines matched to it, in our line order, against the GT
text in the GT's block order.  It is the CER the page would have with perfect recognition: what layout and
reading order cost.  "spurious" counts hypothesis lines that overlap no GT line at all (marks in a picture,
noise or a border read as text: they become inserted characters).

    python benchmarks/layout_only.py SET [--config FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from digitize import layout, preprocess
from digitize.config import load_settings
from digitize.load import load_pages
from digitize.qa.evaluate import line_score, match_lines, read_ground_truth

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def oracle_cer(gt_json: dict, gt_lines, hyp) -> tuple[int, int]:
    """(edit distance, GT characters) of the GT text read in hypothesis line order."""
    lines = gt_json["lines"]
    owner: dict[int, list[int]] = {}
    for gi, m in enumerate(match_lines([box for box, _ in gt_lines], hyp)):
        if m is not None:
            owner.setdefault(m, []).append(gi)
    order = {b["id"]: (b["order"] if b.get("order") is not None else 1e9) for b in gt_json["blocks"]}
    gt_seq = sorted(range(len(lines)), key=lambda i: (order.get(lines[i]["block"], 1e9), i))
    hyp_text = "".join(lines[gi]["text"] for i in range(len(hyp)) for gi in owner.get(i, []))
    gt_text = "".join(lines[i]["text"] for i in gt_seq)
    return Levenshtein.distance(hyp_text, gt_text), len(gt_text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", type=Path)
    ap.add_argument("--config", default=None)
    a = ap.parse_args(argv)
    settings = load_settings(a.config)
    images = {p.stem: p for p in a.set.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES}
    tot = {"gt": 0, "found": 0, "pairs": 0, "in_order": 0, "merged": 0, "ed": 0, "chars": 0, "spurious": 0}
    print(f"{'page':24s} {'lines':>6s} {'found':>6s} {'order':>6s} {'merged':>7s} {'oracle CER':>11s} "
          f"{'spurious':>8s}")
    for gt in read_ground_truth(a.set):
        if not gt.lines or gt.stem not in images:
            continue
        page, scan = next(load_pages(images[gt.stem], settings.input))
        page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
        hyp = [ln.box for b in page.ordered_blocks() for ln in b.lines]
        s = line_score(gt.lines, hyp)
        d, n = oracle_cer(json.loads((a.set / f"{gt.stem}.gt.json").read_text(encoding="utf-8")), gt.lines, hyp)
        spurious = sum(1 for h in hyp if not any(h.intersection(g) > 0 for g, _ in gt.lines))
        for k, v in (("gt", s.gt_lines), ("found", s.found), ("pairs", s.pairs), ("in_order", s.in_order),
                     ("merged", s.merged), ("ed", d), ("chars", n), ("spurious", spurious)):
            tot[k] += v
        print(f"{gt.stem:24s} {s.gt_lines:6d} {s.found_share:6.3f} {s.order_share:6.3f} {s.merged_share:7.3f} "
              f"{d / max(1, n):11.3f} {spurious:8d}")
    print(f"{'all':24s} {tot['gt']:6d} {tot['found'] / max(1, tot['gt']):6.3f} "
          f"{tot['in_order'] / max(1, tot['pairs']):6.3f} {tot['merged'] / max(1, tot['found']):7.3f} "
          f"{tot['ed'] / max(1, tot['chars']):11.3f} {tot['spurious']:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
