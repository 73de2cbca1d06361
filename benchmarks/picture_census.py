#!/usr/bin/env python3
"""Pictures over the page sets: how often a photo is found only in part, what the pages it happens on lose, and
what finding every photo whole would be worth.

    python benchmarks/picture_census.py --group all --pages DIR [--pages DIR2] [--exclude SET]... [--gt-pictures]
    python benchmarks/picture_census.py SET_FOLDER... [--config F] [--gt-pictures]

For every page with images in its ground truth (``STEM.gt.json``): layout with the set's profile, then

- ``cov``: for each GT image, the share of its area our pictures cover;
- ``marks``: our text lines lying (over half their box) in a GT image: a photo's marks read as text;
- ``eaten``: GT text lines lying (over half) under one of our pictures;
- ``floats``: GT images most of whose area lies inside a body block of their own article (text set around
  the picture: a float);
- the oracle CER and its parts (``order_decomp.parts``: article order, inside articles, membership, lines,
  segmentation).

``--gt-pictures`` gives the layout the GT's image boxes as its pictures (in place of what
``pictures.grow_pictures`` returns; the later picture rules run as before): what pictures found whole and
exact would be worth, page by page.  Pages laid out turned (vertical pages) keep their own pictures.

Printed: one row per page whose oracle CER is at least ``--min-cer`` and that has a picture found in part
(``cov`` under COVERED with marks in it) or eaten lines or a float; then per page source the pages with a
picture found in part, their oracle CER summed and split into its parts.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_layout  # noqa: E402
import pagesets  # noqa: E402
from layout_only import IMAGE_SUFFIXES, oracle_cer  # noqa: E402
from order_decomp import parts  # noqa: E402

COVERED = 0.9       # a GT image covered under this share of its area is found in part
OVER = 0.5          # a line lies in a box when over this share of its own box does


def _inter(a, b) -> int:
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def _area(a) -> int:
    return max(0, a[2] - a[0]) * max(0, a[3] - a[1])


def lies_under(box, boxes) -> bool:
    """Does ``box`` (x0, y0, x1, y1) lie over half (``OVER`` of its own area) under one of ``boxes``?"""
    return any(_inter(box, b) > OVER * _area(box) for b in boxes)


def coverage(gt_json: dict, pictures: list) -> list[float]:
    """For each GT image (in the JSON's order) the share of its area covered by ``pictures`` (x0, y0, x1, y1)."""
    out = []
    for g in gt_json["blocks"]:
        if g["type"] != "image":
            continue
        x0, y0, x1, y1 = g["bbox"]
        x0, y0 = max(0, x0), max(0, y0)
        if x1 <= x0 or y1 <= y0:
            continue
        m = np.zeros((y1 - y0, x1 - x0), bool)
        for p in pictures:
            m[max(0, p[1] - y0):max(0, p[3] - y0), max(0, p[0] - x0):max(0, p[2] - x0)] = True
        out.append(float(m.mean()))
    return out


def marks(gt_json: dict, text_lines: list) -> int:
    """Our text lines (boxes) lying over half in a GT image."""
    imgs = [g["bbox"] for g in gt_json["blocks"] if g["type"] == "image"]
    return sum(1 for ln in text_lines if lies_under(ln, imgs))


def eaten(gt_json: dict, pictures: list) -> int:
    """GT text lines lying over half under one of ``pictures``."""
    return sum(1 for ln in gt_json["lines"] if lies_under(ln["bbox"], pictures))


def floats(gt_json: dict) -> int:
    """GT images lying over half inside a body block of their own article (text set around them)."""
    body = [b for b in gt_json["blocks"] if b["type"] == "body"]
    return sum(1 for g in gt_json["blocks"] if g["type"] == "image"
               and any(b.get("article") == g.get("article") and _inter(b["bbox"], g["bbox"]) > OVER * _area(g["bbox"])
                       for b in body))


class _GtPictures:
    """Replaces ``digitize.layout.grow_pictures`` while a page is laid out: returns the GT's image boxes at
    layout size (``--gt-pictures``); a page laid out turned keeps its own."""

    def __init__(self) -> None:
        import digitize.layout as lay
        self.lay, self.grow, self.page = lay, lay.grow_pictures, None
        lay.grow_pictures = self

    def __call__(self, pictures, toned, unit, *args, **kw):
        j = self.page
        if j is not None:
            kx, ky = toned.shape[1] / j["width"], toned.shape[0] / j["height"]
            if abs(kx - ky) <= 0.02 * kx:               # not turned: the page's own frame
                from digitize.geometry import Box
                return [Box(int(b["bbox"][0] * kx), int(b["bbox"][1] * ky), int(round(b["bbox"][2] * kx)),
                            int(round(b["bbox"][3] * ky))) for b in j["blocks"] if b["type"] == "image"]
        return self.grow(pictures, toned, unit, *args, **kw)


def page_row(image: Path, settings, gt_lines, hook: _GtPictures | None = None) -> dict:
    """Lay out ``image`` and measure it (module doc)."""
    from digitize import layout, preprocess
    from digitize.load import load_pages
    from digitize.model import BlockType

    gt_json = json.loads(image.with_name(image.stem + ".gt.json").read_text(encoding="utf-8"))
    if hook is not None:
        hook.page = gt_json
    page, scan = next(load_pages(image, settings.input))
    page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
    blocks = page.ordered_blocks()
    pics = [(b.box.x0, b.box.y0, b.box.x1, b.box.y1) for b in blocks if b.type == BlockType.PICTURE]
    lines = [(ln.box.x0, ln.box.y0, ln.box.x1, ln.box.y1) for b in blocks if b.type != BlockType.PICTURE for ln in b.lines]
    p = parts(gt_json, gt_lines, [(b.article, [ln.box for ln in b.lines]) for b in blocks])
    d, n = oracle_cer(gt_json, gt_lines, [ln.box for b in blocks for ln in b.lines])
    return {"cov": coverage(gt_json, pics), "marks": marks(gt_json, lines), "eaten": eaten(gt_json, pics),
            "floats": floats(gt_json), "oracle": d / max(1, n), "article": p["ours"] - p["art"],
            "inside": p["art"] - p["blk"], "member": p["blk"] - p["glob"], "lines": p["glob"] - p["line"],
            "segm": p["line"]}


def in_part(r: dict) -> bool:
    """A picture found in part: a GT image covered under COVERED with our text lines in it."""
    return any(c < COVERED for c in r["cov"]) and r["marks"] > 0


def main(argv: list[str] | None = None) -> int:
    from digitize.config import load_settings
    from digitize.qa.evaluate import read_ground_truth

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--config", default=None, help="profile for the SETS given by folder")
    ap.add_argument("--group", action="append", default=[], choices=[*pagesets.GROUPS, "all"])
    ap.add_argument("--pages", type=Path, action="append", default=[])
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    ap.add_argument("--exclude", action="append", default=[], help="a set's folder name to leave out (repeatable)")
    ap.add_argument("--gt-pictures", action="store_true")
    ap.add_argument("--min-cer", type=float, default=0.01)
    a = ap.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    jobs = [(s, a.config) for s in a.sets] + compare_layout.group_sets(a.group, a.pages, a.bench)
    hook = _GtPictures() if a.gt_pictures else None
    known = pagesets.load()
    group_of = {pagesets.path(name, s, pages, a.bench).resolve(): s["group"] for name, s in known.items()
                for pages in a.pages}
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    print(f"{'source':9s} {'set':16s} {'page':10s} {'oracle':>6s} {'article':>7s} {'inside':>6s} {'member':>6s} "
          f"{'lines':>6s} {'segm':>6s}  cov / marks / eaten / floats")
    for d, config in jobs:
        if d.name in a.exclude:
            continue
        settings = load_settings(None if config is None else str(root / config) if not Path(config).is_absolute()
                                 else config)
        images = {p.stem: p for p in d.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES}
        source = group_of.get(d.resolve()) or (known[d.name]["group"] if d.name in known else "-")
        for gt in read_ground_truth(d):
            gt_json = json.loads((d / f"{gt.stem}.gt.json").read_text(encoding="utf-8"))
            if gt.stem not in images or not any(b["type"] == "image" for b in gt_json["blocks"]):
                continue
            r = page_row(images[gt.stem], settings, gt.lines, hook)
            t = totals[source]
            t["pages with images"] += 1
            if in_part(r):
                t["found in part"] += 1
                for k in ("oracle", "article", "inside", "member", "lines", "segm"):
                    t[k] += r[k]
            if r["oracle"] >= a.min_cer and (in_part(r) or r["eaten"] or r["floats"]):
                print(f"{source:9s} {d.name:16s} {gt.stem:10s} {r['oracle']:6.3f} {r['article']:7.3f} {r['inside']:6.3f} "
                      f"{r['member']:6.3f} {r['lines']:6.3f} {r['segm']:6.3f}  "
                      f"{' '.join(f'{c:.2f}' for c in r['cov'])} / {r['marks']} / {r['eaten']} / {r['floats']}", flush=True)
    for source, t in totals.items():
        print(f"{source}: {int(t['pages with images'])} pages with images, {int(t['found in part'])} with a picture found "
              f"in part: oracle CER {t['oracle']:.2f} (article {t['article']:.2f}, inside {t['inside']:.2f}, member "
              f"{t['member']:.2f}, lines {t['lines']:.2f}, segm {t['segm']:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
