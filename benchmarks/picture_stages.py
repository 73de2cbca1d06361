#!/usr/bin/env python3
"""Which picture rule put the GT text under our pictures: for every GT text line lying (over half of its box) under
a picture block of our layout, the first step of the layout's picture rules whose pictures already held it.

    python benchmarks/picture_stages.py --group all --pages DIR [--exclude-status TEXT]
    python benchmarks/picture_stages.py SET_FOLDER... [--config F]

The steps (``digitize.layout.analyse``, in order): ``split`` (separators.split_ink's pictures), ``tone``
(pictures.add_tone_pictures), ``grow`` (pictures.grow_pictures), ``grain`` (pictures.grow_over_grain),
``alone`` (pictures.photos_read_as_text), ``pieces`` / ``blobs`` / ``heads`` (pictures.absorb_photo_*), each
followed by ``merge`` (separators.merge_pictures: a line first held after a merge is charged to
``merge<-STEP``).  A page laid out turned (a vertical page) is measured in its turned frame.

Printed: one row per page with eaten lines (GT lines, their characters' share of the page's GT characters, and
the lines per step), then per page source and per step the pages, lines and character share summed.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_layout  # noqa: E402
import pagesets  # noqa: E402
from layout_only import IMAGE_SUFFIXES  # noqa: E402
from picture_census import lies_under  # noqa: E402


class Hooks:
    """Wraps the picture rules named in ``digitize.layout`` and records the pictures after each call."""

    NAMES = {"split_ink": "split", "add_tone_pictures": "tone", "grow_pictures": "grow",
             "grow_over_grain": "grain", "merge_pictures": "merge", "photos_read_as_text": "alone",
             "absorb_photo_pieces": "pieces", "absorb_photo_blobs": "blobs", "absorb_photo_heads": "heads"}

    def __init__(self) -> None:
        import digitize.layout as lay
        self.lay = lay
        self.steps: list[tuple[str, list, tuple]] = []
        self.current: list = []
        self.unguarded, self.fired = False, False
        for name, label in self.NAMES.items():
            setattr(lay, name, self._wrap(getattr(lay, name), label))

    def _wrap(self, fn, label):
        def inner(*args, **kw):
            if label == "grow" and self.unguarded and len(args) > 7 and args[7] is not None:
                # the checkout's growth guard (pictures._short_of_text) asked for, its answer noted and the
                # growth without it returned: the census stays the code's without the guard
                out = fn(*args[:7], **kw)
                self.fired = self.fired or out != fn(*args, **kw)
                return self._record(label, out, args)
            out = fn(*args, **kw)
            return self._record(label, out, args)
        return inner

    def _record(self, label, out, args):
        if label == "split":
            self.steps = []         # a new analyse call (a turned page: the turned one counts)
            self.current = list(out.pictures)
            shape = args[0].shape
        elif label == "alone":
            self.current = self.current + list(out)
            shape = None
        else:
            if label == "grain" and not out:
                return out
            self.current = list(out)
            shape = None
        if shape is None and self.steps:
            shape = self.steps[-1][2]
        self.steps.append((label, [(b.x0, b.y0, b.x1, b.y1) for b in self.current], shape))
        return out


def page_row(image: Path, settings, hooks: Hooks) -> dict:
    from digitize import layout, preprocess
    from digitize.load import load_pages
    from digitize.model import BlockType

    j = json.loads(image.with_name(image.stem + ".gt.json").read_text(encoding="utf-8"))
    page, scan = next(load_pages(image, settings.input))
    hooks.fired = False
    page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
    final = [(b.box.x0, b.box.y0, b.box.x1, b.box.y1) for b in page.ordered_blocks() if b.type == BlockType.PICTURE]
    lines = [ln for ln in j["lines"] if ln.get("text")]
    total = sum(len(ln["text"]) for ln in lines) or 1
    eaten = [ln for ln in lines if lies_under(ln["bbox"], final)]
    steps = hooks.steps
    by_step: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    if eaten and steps:
        h, w = steps[0][2]
        turned = w > h and j["width"] < j["height"] or (w < h and j["width"] > j["height"])
        kx = (h if turned else w) / j["width"]
        for ln in eaten:
            x0, y0, x1, y1 = (v * kx for v in ln["bbox"])
            if turned:      # np.rot90: (x, y) -> (y, W - x)
                W = j["width"] * kx
                x0, y0, x1, y1 = y0, W - x1, y1, W - x0
            label = "later"
            prev = ""
            for name, pics, _ in steps:
                if lies_under((x0, y0, x1, y1), pics):
                    label = f"merge<-{prev}" if name == "merge" else name
                    break
                if name != "merge":
                    prev = name
            by_step[label][0] += 1
            by_step[label][1] += len(ln["text"])
    return {"fired": hooks.fired, "lines": len(eaten), "share": sum(len(ln["text"]) for ln in eaten) / total,
            "steps": {k: (v[0], v[1] / total) for k, v in by_step.items()}}


def main(argv: list[str] | None = None) -> int:
    from digitize.config import load_settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--config", default=None)
    ap.add_argument("--group", action="append", default=[], choices=[*pagesets.GROUPS, "all"])
    ap.add_argument("--pages", type=Path, action="append", default=[])
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    ap.add_argument("--exclude-status", default="of session 24", help="leave out sets whose status holds this")
    ap.add_argument("--unguarded", action="store_true",
                    help="lay out without grow_pictures' text guard (``lines``), printing FIRED where it would act")
    a = ap.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    known = pagesets.load()
    jobs = [(s, a.config) for s in a.sets] + compare_layout.group_sets(a.group, a.pages, a.bench)
    group_of = {pagesets.path(name, s, pages, a.bench).resolve(): s["group"] for name, s in known.items()
                for pages in a.pages}
    hooks = Hooks()
    hooks.unguarded = a.unguarded
    tot: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0.0]))
    pages: dict[str, int] = defaultdict(int)
    for d, config in jobs:
        if d.name in known and a.exclude_status and a.exclude_status in known[d.name].get("status", "") \
                and "seen since" not in known[d.name].get("status", ""):
            continue
        settings = load_settings(None if config is None else str(root / config) if not Path(config).is_absolute()
                                 else config)
        source = group_of.get(d.resolve()) or (known[d.name]["group"] if d.name in known else "-")
        for img in sorted(p for p in d.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES):
            if not img.with_name(img.stem + ".gt.json").exists():
                continue
            pages[source] += 1
            try:
                r = page_row(img, settings, hooks)
            except Exception as e:     # noqa: BLE001
                print(f"{source:9s} {d.name:16s} {img.stem:10s} ERROR {e}", flush=True)
                continue
            if r["fired"]:
                print(f"{source:9s} {d.name:16s} {img.stem:10s} FIRED", flush=True)
            if r["lines"]:
                print(f"{source:9s} {d.name:16s} {img.stem:10s} {r['lines']:4d} {r['share']:.3f}  "
                      + " ".join(f"{k}:{n}/{s:.3f}" for k, (n, s) in sorted(r["steps"].items())), flush=True)
                for k, (n, s) in r["steps"].items():
                    t = tot[source][k]
                    t[0] += 1
                    t[1] += n
                    t[2] += s
    for source, steps in tot.items():
        print(f"{source}: {pages[source]} pages; " + "; ".join(
            f"{k}: {int(v[0])} pages, {int(v[1])} lines, share {v[2]:.3f}" for k, v in sorted(steps.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
