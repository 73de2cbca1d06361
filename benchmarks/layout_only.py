"""Layout figures without OCR, for comparing layout variants quickly on pages with ground truth.

For each page of SET (``STEM.gt.json`` with lines beside the image): load -> preprocess -> layout with the
project's settings (``--config``), then ``digitize.qa.evaluate``'s line figures (lines found / consecutive
lines in order / lines merged across blocks, as ``digitize eval`` reports them) and an "oracle CER": every
hypothesis line reads the ground-truth text of the GT lines matched to it, in our line order, against the GT
text in the GT's block order.  It is the CER the page would have with perfect recognition: what layout and
reading order cost.  "spurious" counts hypothesis lines that overlap no GT line at all (marks in a picture,
noise or a border read as text: they become inserted characters).

"split CER" (the last column) is the oracle CER with rows cut into pieces charged: each GT line's text is
split over the hypothesis lines that cover it, in proportion to the length each covers along the line (its
width, or its height for a vertical line), and every hypothesis line reads its pieces in order along itself;
the pieces are read in hypothesis line order.  A row cut into two pieces that land in different blocks is read
where each block stands, as the text writer reads it; the oracle CER credits that GT line once, to the
hypothesis line that covers most of it.  Columns keep their positions; new ones are appended at the end.

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


def gt_sequence(gt_json: dict) -> list[int]:
    """The indices of the ground truth's lines in its reading order (its blocks' order, then line order)."""
    lines = gt_json["lines"]
    order = {b["id"]: (b["order"] if b.get("order") is not None else 1e9) for b in gt_json["blocks"]}
    return sorted(range(len(lines)), key=lambda i: (order.get(lines[i]["block"], 1e9), i))


def line_owners(gt_lines, hyp) -> dict[int, list[int]]:
    """Hypothesis line index -> the GT lines (indices, in GT line order) matched to it."""
    owner: dict[int, list[int]] = {}
    for gi, m in enumerate(match_lines([box for box, _ in gt_lines], hyp)):
        if m is not None:
            owner.setdefault(m, []).append(gi)
    return owner


def oracle_cer(gt_json: dict, gt_lines, hyp) -> tuple[int, int]:
    """(edit distance, GT characters) of the GT text read in hypothesis line order."""
    lines = gt_json["lines"]
    owner = line_owners(gt_lines, hyp)
    hyp_text = "".join(lines[gi]["text"] for i in range(len(hyp)) for gi in owner.get(i, []))
    gt_text = "".join(lines[i]["text"] for i in gt_sequence(gt_json))
    return Levenshtein.distance(hyp_text, gt_text), len(gt_text)


SPLIT_CROSS = 0.5   # a hypothesis line covers part of a GT line when they overlap across the line by this share of
                    # the thinner of the two (the height of a horizontal line): a neighbouring row that touches
                    # it by a descender covers nothing, a line merged with the row below still covers both


def _vertical(box) -> bool:
    """A GT line runs top to bottom when its box is taller than wide (vertical pages' columns)."""
    return box.height > box.width


def split_pieces(gt_box, text: str, hyp) -> list[tuple[int, float, str]]:
    """The GT line's text split over the hypothesis lines that cover it: (hypothesis index, position along the
    line of the piece's start, piece text).  Each character (placed evenly along the line) goes to the covering
    hypothesis line whose span along the line holds its centre, the one overlapping the line most when several
    do, the nearest when none does; a line no hypothesis line covers gives no pieces."""
    if not text or not hyp:
        return []
    vert = _vertical(gt_box)
    a0, a1, c0, c1 = ((gt_box.y0, gt_box.y1, gt_box.x0, gt_box.x1) if vert
                      else (gt_box.x0, gt_box.x1, gt_box.y0, gt_box.y1))
    cover = []                                     # (index, span start, span end, overlap across)
    for i, h in enumerate(hyp):
        h0, h1, k0, k1 = (h.y0, h.y1, h.x0, h.x1) if vert else (h.x0, h.x1, h.y0, h.y1)
        along = min(a1, h1) - max(a0, h0)
        across = min(c1, k1) - max(c0, k0)
        if along > 0 and across > 0 and across >= SPLIT_CROSS * max(1, min(c1 - c0, k1 - k0)):
            cover.append((i, max(a0, h0), min(a1, h1), across))
    if not cover:
        return []
    step = (a1 - a0) / len(text)
    owner = []
    for k in range(len(text)):
        mid = a0 + (k + 0.5) * step
        inside = [c for c in cover if c[1] <= mid <= c[2]]
        if inside:
            best = max(inside, key=lambda c: (c[3], c[2] - c[1], -c[0]))
        else:
            best = min(cover, key=lambda c: (min(abs(mid - c[1]), abs(mid - c[2])), c[0]))
        owner.append(best[0])
    pieces: list[tuple[int, float, str]] = []
    for k, i in enumerate(owner):
        if pieces and pieces[-1][0] == i:
            pieces[-1] = (i, pieces[-1][1], pieces[-1][2] + text[k])
        else:
            pieces.append((i, a0 + k * step, text[k]))
    return pieces


def split_oracle_cer(gt_json: dict, gt_lines, hyp) -> tuple[int, int]:
    """(edit distance, GT characters) of the GT text split over the hypothesis lines covering each GT line
    (``split_pieces``; ``gt_lines`` are ``read_ground_truth``'s, in the JSON's line order), each hypothesis line reading its pieces in order along itself (then by GT line),
    the lines in hypothesis order, against the GT text in the GT's block order."""
    lines = gt_json["lines"]
    order = {b["id"]: (b["order"] if b.get("order") is not None else 1e9) for b in gt_json["blocks"]}
    gt_seq = sorted(range(len(lines)), key=lambda i: (order.get(lines[i]["block"], 1e9), i))
    got: dict[int, list[tuple[float, int, str]]] = {}
    for rank, gi in enumerate(gt_seq):
        for i, start, piece in split_pieces(gt_lines[gi][0], lines[gi]["text"], hyp):
            got.setdefault(i, []).append((start, rank, piece))
    hyp_text = "".join(piece for i in range(len(hyp)) for _, _, piece in sorted(got.get(i, [])))
    gt_text = "".join(lines[i]["text"] for i in gt_seq)
    return Levenshtein.distance(hyp_text, gt_text), len(gt_text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", type=Path)
    ap.add_argument("--config", default=None)
    a = ap.parse_args(argv)
    settings = load_settings(a.config)
    images = {p.stem: p for p in a.set.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES}
    tot = {"gt": 0, "found": 0, "pairs": 0, "in_order": 0, "merged": 0, "ed": 0, "chars": 0, "spurious": 0,
           "sed": 0, "schars": 0}
    print(f"{'page':24s} {'lines':>6s} {'found':>6s} {'order':>6s} {'merged':>7s} {'oracle CER':>11s} "
          f"{'spurious':>8s} {'split CER':>10s}")
    for gt in read_ground_truth(a.set):
        if not gt.lines or gt.stem not in images:
            continue
        page, scan = next(load_pages(images[gt.stem], settings.input))
        page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
        hyp = [ln.box for b in page.ordered_blocks() for ln in b.lines]
        s = line_score(gt.lines, hyp)
        gt_json = json.loads((a.set / f"{gt.stem}.gt.json").read_text(encoding="utf-8"))
        d, n = oracle_cer(gt_json, gt.lines, hyp)
        sd, sn = split_oracle_cer(gt_json, gt.lines, hyp)
        spurious = sum(1 for h in hyp if not any(h.intersection(g) > 0 for g, _ in gt.lines))
        for k, v in (("gt", s.gt_lines), ("found", s.found), ("pairs", s.pairs), ("in_order", s.in_order),
                     ("merged", s.merged), ("ed", d), ("chars", n), ("spurious", spurious),
                     ("sed", sd), ("schars", sn)):
            tot[k] += v
        print(f"{gt.stem:24s} {s.gt_lines:6d} {s.found_share:6.3f} {s.order_share:6.3f} {s.merged_share:7.3f} "
              f"{d / max(1, n):11.3f} {spurious:8d} {sd / max(1, sn):10.3f}")
    print(f"{'all':24s} {tot['gt']:6d} {tot['found'] / max(1, tot['gt']):6.3f} "
          f"{tot['in_order'] / max(1, tot['pairs']):6.3f} {tot['merged'] / max(1, tot['found']):7.3f} "
          f"{tot['ed'] / max(1, tot['chars']):11.3f} {tot['spurious']:8d} "
          f"{tot['sed'] / max(1, tot['schars']):10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
