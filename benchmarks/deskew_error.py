"""Deskew error per page: the page's true rotation (ground truth) against the skew digitize measured.

For each page of SET with a ``STEM.gt.json`` beside its image: load -> preprocess with the project's settings
(``--config``), then the preprocess step's ``deskew_angle`` against the ground truth's ``rotation_deg``.  Both
are degrees counter-clockwise as displayed (the generators turn the page with
``cv2.getRotationMatrix2D(centre, rotation_deg)``; digitize straightens it by turning it clockwise by
``deskew_angle``), so the residual is ``measured - true``: the turn left on the page layout sees.

Columns: page, profile, true rotation, measured, residual, deskew confidence, orientation, "keystone": on a
microfilm page whose ground truth holds its homography (keystone, then the rotation), half the difference of the
lines' slopes at 10 % and 90 % of the page's height (a keystone on the left or right side makes the lines slope
by up to 0.7 degrees more at one end than the other, so no one rotation straightens them all; 0 elsewhere), and
a flag ``*`` when |residual| exceeds ``--limit`` (default 0.3 degrees).  The last row: pages, mean and largest |residual|, pages
over the limit.  No OCR and no layout run, so a set takes seconds.

    python benchmarks/deskew_error.py SET [SET...] [--config FILE] [--limit DEG]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from digitize import preprocess
from digitize.config import load_settings
from digitize.load import load_pages

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


@dataclass
class Row:
    stem: str
    profile: str
    true: float
    measured: float
    confidence: float
    orientation: int
    keystone: float = 0.0

    @property
    def residual(self) -> float:
        return self.measured - self.true


def keystone_spread(gt: dict) -> float:
    """Half the difference of the slopes (degrees) of the page's lines at 10 % and 90 % of its height, from the
    ground truth's homography (upright page -> scan); 0 when it has none."""
    hom = (gt.get("degradation") or {}).get("homography")
    if not hom:
        return 0.0
    w, h = float(gt["width"]), float(gt["height"])

    def to_scan(x: float, y: float) -> tuple[float, float]:
        (a, b, c), (d, e, f), (g, k, m) = hom
        z = g * x + k * y + m
        return (a * x + b * y + c) / z, (d * x + e * y + f) / z

    slopes = []
    for fy in (0.1, 0.9):
        (x0, y0), (x1, y1) = to_scan(0.1 * w, fy * h), to_scan(0.9 * w, fy * h)
        slopes.append(-math.degrees(math.atan2(y1 - y0, x1 - x0)))
    return abs(slopes[1] - slopes[0]) / 2


def measure_page(image: Path, gt: dict, settings) -> Row:
    """Preprocess one page and compare its measured skew with the ground truth's rotation."""
    page, scan = next(load_pages(image, settings.input))
    page = preprocess.run(page, scan, settings.preprocess)
    step = next(s for s in page.steps if s.name == "preprocess")
    return Row(image.stem, str(gt.get("profile", "?")), float(gt.get("rotation_deg", 0.0)),
               float(step.settings["deskew_angle"]), float(step.settings["deskew_confidence"]),
               int(page.orientation), keystone_spread(gt))


def measure_set(folder: Path, settings) -> list[Row]:
    images = {p.stem: p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES}
    rows = []
    for gt_path in sorted(folder.glob("*.gt.json")):
        stem = gt_path.name[:-len(".gt.json")]
        if stem not in images:
            continue
        gt = json.loads(gt_path.read_text(encoding="utf-8"))
        rows.append(measure_page(images[stem], gt, settings))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", type=Path, nargs="+")
    ap.add_argument("--config", default=None)
    ap.add_argument("--limit", type=float, default=0.3, help="flag pages whose |residual| exceeds this (degrees)")
    a = ap.parse_args(argv)
    settings = load_settings(a.config)
    for folder in a.sets:
        rows = measure_set(folder, settings)
        print(f"# {folder}")
        print(f"{'page':24s} {'profile':>9s} {'true':>7s} {'measured':>8s} {'residual':>8s} {'conf':>5s} {'turn':>4s} {'keystone':>8s}")
        for r in rows:
            flag = " *" if abs(r.residual) > a.limit else ""
            print(f"{r.stem:24s} {r.profile:>9s} {r.true:7.3f} {r.measured:8.3f} {r.residual:8.3f} "
                  f"{r.confidence:5.2f} {r.orientation:4d} {r.keystone:8.3f}{flag}")
        res = [abs(r.residual) for r in rows]
        over = sum(1 for v in res if v > a.limit)
        print(f"{'all':24s} pages {len(rows)}  mean |residual| {sum(res) / max(1, len(res)):.3f}  "
              f"max {max(res, default=0.0):.3f}  over {a.limit:g}: {over}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
