#!/usr/bin/env python3
"""GT text under our pictures: the characters a picture we found covers, page by page, in one checkout or two.

    python benchmarks/picture_text.py SET [--config F]                      # one set, this checkout
    python benchmarks/picture_text.py A B SET... [--config F] [--cache DIR] # two checkouts, set folders
    python benchmarks/picture_text.py A B --group all --pages DIR [--pages DIR2] [--cache DIR]

The full pipeline clears the ink under our picture blocks before recognition, so a picture grown over the
start of a text line loses those characters, though the line itself is still found whole (browser dev bd_007,
session 15).  ``layout_only.py``'s oracle CER reads the GT text of every GT line it matched, whatever a picture
covers: it is blind to this.  Here each GT line's text is set evenly along the line (along its height when the
line is taller than wide: a vertical line), each character in a cell of its own; a character is *under a
picture* when its cell's centre lies inside one of our picture blocks (its polygon, in the original frame).

Printed per page (one checkout): GT characters, characters under our pictures, of them those in GT lines a
hypothesis line was matched to (``blind``: what the oracle CER does not see), and GT lines touched.  With two
checkouts (as ``compare_layout.py``; each runs this script with its own code, ``PYTHONPATH``; cached in
``--cache`` by a hash of the checkout's ``digitize/``, ``configs/``, this script, the set's files and the
profile): the pages whose figures differ and every set's totals on both sides, then per page source the pages
that lose text under a picture and how much.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "digitize-picture-text-cache"
HEADER = f"{'page':24s} {'chars':>7s} {'under':>6s} {'blind':>6s} {'lines':>6s}"


def char_centres(box, text: str) -> list[tuple[float, float]]:
    """The centres of ``text``'s characters set evenly along ``box`` (x0, y0, x1, y1): left to right, or top to
    bottom when the box is taller than wide."""
    x0, y0, x1, y1 = box
    n = len(text)
    if n == 0:
        return []
    if y1 - y0 > x1 - x0:
        step = (y1 - y0) / n
        return [((x0 + x1) / 2, y0 + (k + 0.5) * step) for k in range(n)]
    step = (x1 - x0) / n
    return [(x0 + (k + 0.5) * step, (y0 + y1) / 2) for k in range(n)]


def _polygon(p) -> list[tuple[float, float]]:
    """A picture as a polygon: its points, or the corners of a box (x0, y0, x1, y1)."""
    if len(p) == 4 and not isinstance(p[0], (tuple, list)):
        x0, y0, x1, y1 = p
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return [(float(x), float(y)) for x, y in p]


def inside(poly: list[tuple[float, float]], x: float, y: float) -> bool:
    """Is (x, y) inside the polygon (even-odd rule)?"""
    hit = False
    for (ax, ay), (bx, by) in zip(poly, poly[1:] + poly[:1]):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            hit = not hit
    return hit


def under_pictures(box, text: str, pictures: list) -> int:
    """How many of the line's characters (``char_centres``) lie inside one of ``pictures``: boxes (x0, y0, x1, y1)
    or polygons (a picture block's polygon: on a page deskewed by the layout the block's box is the box around
    the turned rectangle, wider than the picture)."""
    polys = [_polygon(p) for p in pictures]
    spans = [(min(x for x, _ in q), min(y for _, y in q), max(x for x, _ in q), max(y for _, y in q)) for q in polys]
    return sum(1 for cx, cy in char_centres(box, text)
               if any(s[0] <= cx <= s[2] and s[1] <= cy <= s[3] and inside(q, cx, cy) for q, s in zip(polys, spans)))


def page_figures(gt_lines: list, pictures: list, matched: list[bool]) -> dict[str, int]:
    """GT characters, those under ``pictures``, those of them in matched (found) lines, GT lines touched.
    ``gt_lines``: (box (x0, y0, x1, y1), text) per GT line; ``matched``: per GT line, a hypothesis line matched."""
    out = {"chars": 0, "under": 0, "blind": 0, "lines": 0}
    for (box, text), m in zip(gt_lines, matched):
        u = under_pictures(box, text, pictures)
        out["chars"] += len(text)
        out["under"] += u
        out["blind"] += u if m else 0
        out["lines"] += 1 if u else 0
    return out


def run_set(set_dir: Path, config: str | None) -> list[str]:
    """This checkout's figures (``HEADER`` rows and an ``all`` row) for every page of ``set_dir``."""
    import json

    from digitize import layout, preprocess
    from digitize.config import load_settings
    from digitize.load import load_pages
    from digitize.model import BlockType
    from digitize.qa.evaluate import match_lines, read_ground_truth

    settings = load_settings(config)
    images = {p.stem: p for p in set_dir.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES}
    rows = [HEADER]
    tot: dict[str, int] = defaultdict(int)
    for gt in read_ground_truth(set_dir):
        if not gt.lines or gt.stem not in images:
            continue
        page, scan = next(load_pages(images[gt.stem], settings.input))
        page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
        blocks = page.ordered_blocks()
        pics = [[tuple(p) for p in b.polygon] if b.polygon else (b.box.x0, b.box.y0, b.box.x1, b.box.y1)
                for b in blocks if b.type == BlockType.PICTURE]
        hyp = [ln.box for b in blocks for ln in b.lines]
        matched = [m is not None for m in match_lines([box for box, _ in gt.lines], hyp)]
        gt_json = json.loads((set_dir / f"{gt.stem}.gt.json").read_text(encoding="utf-8"))
        lines = [((b.x0, b.y0, b.x1, b.y1), g["text"]) for (b, _), g in zip(gt.lines, gt_json["lines"])]
        f = page_figures(lines, pics, matched)
        for k, v in f.items():
            tot[k] += v
        rows.append(f"{gt.stem:24s} {f['chars']:7d} {f['under']:6d} {f['blind']:6d} {f['lines']:6d}")
    rows.append(f"{'all':24s} {tot['chars']:7d} {tot['under']:6d} {tot['blind']:6d} {tot['lines']:6d}")
    return rows


def run(root: Path, set_dir: Path, config: str | None, cache: Path, python: str) -> list[str]:
    """This script's rows for one checkout and set, run with that checkout's code (``compare_layout.run`` with this
    script: cached by a hash of the checkout's ``digitize/``, ``configs/``, this script, the set and the profile)."""
    import compare_layout

    return compare_layout.run(root, set_dir, config, cache, python, script=Path(__file__).resolve(), tag="pt")


def parse(rows: list[str]) -> dict[str, tuple[int, ...]]:
    """Page -> (chars, under, blind, lines)."""
    return {ln.split()[0]: tuple(int(v) for v in ln.split()[1:]) for ln in rows[1:] if ln.strip()}


def compare(a: Path, b: Path, jobs: list[tuple[Path, str | None, str]], cache: Path, python: str) -> dict:
    """Print pages that differ and set totals; return per source {side: [pages losing text, chars under, chars]}."""
    src: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"A": [0, 0, 0, 0], "B": [0, 0, 0, 0]})
    for d, config, source in jobs:
        ra, rb = parse(run(a, d, config, cache, python)), parse(run(b, d, config, cache, python))
        for p in sorted(set(ra) | set(rb)):
            if p != "all" and ra.get(p) != rb.get(p):
                print(f"  {d.name:16s} {p:24s} A {ra.get(p, '-')}  B {rb.get(p, '-')}")
        for side, r in (("A", ra), ("B", rb)):
            for p, v in r.items():
                if p == "all":
                    continue
                t = src[source][side]
                t[0] += 1 if v[1] else 0
                t[1] += v[1]
                t[2] += v[0]
                t[3] += 1
        print(f"{d.name:18s} all A {ra.get('all', '-')}  B {rb.get('all', '-')}", flush=True)
    for source, s in src.items():
        print(f"{source}: " + "; ".join(f"{side} {t[0]} of {t[3]} pages lose text under a picture, {t[1]} of {t[2]} "
                                       f"chars ({t[1] / max(1, t[2]):.4f})" for side, t in s.items()))
    return src


def main(argv: list[str] | None = None) -> int:
    import compare_layout
    import pagesets

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path, help="SET, or A B [SET...]")
    ap.add_argument("--config", default=None)
    ap.add_argument("--group", action="append", default=[], choices=[*pagesets.GROUPS, "all"])
    ap.add_argument("--pages", type=Path, action="append", default=[])
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--exclude", action="append", default=[],
                    help="leave out the sets whose pagesets.toml status holds this text (repeatable)")
    a = ap.parse_args(argv)
    if len(a.paths) == 1 and not a.group:
        print("\n".join(run_set(a.paths[0], a.config)))
        return 0
    if len(a.paths) < 2:
        ap.error("give SET, or A B with set folders or --group")
    known = pagesets.load()
    group_of = {pagesets.path(name, s, pages, a.bench).resolve(): s["group"] for name, s in known.items()
                for pages in a.pages}
    jobs = [(s, a.config, group_of.get(s.resolve(), "-")) for s in a.paths[2:]]
    status = {pagesets.path(name, s, pages, a.bench).resolve(): s.get("status", "") for name, s in known.items()
              for pages in a.pages}
    jobs += [(d, c, group_of.get(d.resolve(), "-")) for d, c in compare_layout.group_sets(a.group, a.pages, a.bench)
             if not any(x in status.get(d.resolve(), "") for x in a.exclude)]
    if not jobs:
        ap.error("no set to compare")
    compare(a.paths[0], a.paths[1], jobs, a.cache, a.python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
