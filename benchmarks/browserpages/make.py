#!/usr/bin/env python3
"""Newspaper pages laid out by a web browser (headless Chromium), with ground truth read from the DOM.

  python make.py --out DIR --seed S --text FILE [FILE*K ...] --plan "clean:full,light:half:body=grid,..."

Plan items (comma separated, one per page):
  profile:size[:body=multicol|grid|float|mix][:feat=F+F+...][:cols=N][:pt=P][:fmt=png|jpg|tif][:masthead=0|1]
  profile = clean | light | heavy, size = full (3300x4700) | half (3300x2350), 300 dpi.
  feat: features every page of that item must show (see layout.FEATURES): multicol grid float rule norule
  lshape box jump table ads vert photo pictop masthead.
Output per page, in the shared bench's format: STEM.{png,jpg,tif}, STEM.gt.json, STEM.gt.txt.
Same seed + same text files + same plan => same pages.
Chromium: Debian's /usr/bin/chromium through playwright (``--chromium`` to change); never downloaded.
"""
import argparse
import json
import math
import os
import random
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import degrade as dg       # noqa: E402
import layout              # noqa: E402
from textpool import TextPool   # noqa: E402

DPI = 300
SCALE = DPI / 96.0          # image px per CSS px (deviceScaleFactor)
SIZES = {"full": (3300, 4700), "half": (3300, 2350)}
TEXT_TYPES = {"masthead", "headline", "subhead", "byline", "body", "caption", "teaser"}
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--font-render-hinting=none"]
JPEG_Q = {"clean": 92, "light": 85, "heavy": 60}
PAGE_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "page.js")


def parse_plan(s):
    out = []
    for item in s.split(","):
        f = item.strip().split(":")
        if len(f) < 2 or f[0] not in JPEG_Q or f[1] not in SIZES:
            raise SystemExit("browserpages: bad plan item %r (want profile:size[:key=value...])" % item)
        o = dict(profile=f[0], size=f[1])
        for kv in f[2:]:
            k, _, v = kv.partition("=")
            if k == "body":
                o["body"] = v
            elif k == "feat":
                bad = [x for x in v.split("+") if x not in layout.FEATURES]
                if bad:
                    raise SystemExit("browserpages: unknown feature(s) %s in %r" % (bad, item))
                o["feat"] = tuple(v.split("+"))
            elif k in ("cols",):
                o[k] = int(v)
            elif k == "pt":
                o[k] = float(v)
            elif k == "fmt":
                o[k] = v
            elif k == "masthead":
                o[k] = v == "1"
            else:
                raise SystemExit("browserpages: unknown plan key %r in %r" % (k, item))
        out.append(o)
    return out


def to_px(box, W, H):
    x0, y0, x1, y1 = box
    return [max(0, int(math.floor(x0 * SCALE))), max(0, int(math.floor(y0 * SCALE))),
            min(W, int(math.ceil(x1 * SCALE))), min(H, int(math.ceil(y1 * SCALE)))]


def union(boxes):
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def gt_blocks(raw, geo, W, H):
    """JS blocks (document order) -> GT blocks in reading order (text blocks split per column of a
    multi-column element; within an article, pictures and captions after the text)."""
    blocks = []
    for r in raw:
        if r["t"] == "image":
            blocks.append(dict(type="image", article=r["a"], kind=None, bbox_orig=to_px(r["box"], W, H),
                               eid=r["eid"], cap=r["cap"], lines=[]))
            continue
        slots = []
        for ln in r["lines"]:
            if not slots or slots[-1][0] != ln["slot"]:
                slots.append((ln["slot"], []))
            slots[-1][1].append(dict(para=int(ln["p"]) if ln["p"] is not None else None, text=ln["t"],
                                     bbox_orig=to_px([ln["x0"], ln["y0"], ln["x1"], ln["y1"]], W, H)))
        for _, lines in slots:
            blocks.append(dict(type=r["t"], article=r["a"], kind=r["kind"], vertical=r.get("vertical", False),
                               bbox_orig=union([l["bbox_orig"] for l in lines]), eid=r["eid"], lines=lines))
    first = {}
    for i, b in enumerate(blocks):
        first.setdefault(b["article"], i)
    order = sorted(range(len(blocks)), key=lambda i: (first[blocks[i]["article"]], blocks[i]["type"] in ("image", "caption"), i))
    return [blocks[i] for i in order]


def page_column(b, geo):
    if b["type"] in ("masthead", "teaser"):
        return None
    cx = (b["bbox_orig"][0] + b["bbox_orig"][2]) / 2 / SCALE - geo["margin"]
    return max(0, min(geo["n"] - 1, int((cx + geo["g"] / 2) // (geo["colw"] + geo["g"]))))


def write_page(out, stem, o, img, angle, params, blocks, geo, meta, W, H, seed, index):
    fmt = o.get("fmt") or ("png" if o["profile"] == "clean" else "jpg")
    fn = "%s.%s" % (stem, fmt)
    tmp = os.path.join(out, ".tmp-" + fn)
    kw = {"dpi": (DPI, DPI)}    # the resolution is recorded in the file, as a scanner does
    if fmt == "jpg":
        kw["quality"] = params["jpeg_quality"] = JPEG_Q[o["profile"]]
    elif fmt == "tif":
        kw["compression"] = "tiff_lzw"
    Image.fromarray(img).save(tmp, format={"jpg": "JPEG", "tif": "TIFF", "png": "PNG"}[fmt], **kw)
    os.replace(tmp, os.path.join(out, fn))

    M = dg.rotation_matrix(W, H, angle)
    gblocks, glines, units = [], [], []
    cap_of = {}
    last_pid = None
    for k, b in enumerate(blocks):
        bid = "b%d" % k
        if b["type"] == "caption" and b["eid"]:
            cap_of.setdefault(b["eid"], bid)
        bb, poly = dg.map_box(M, b["bbox_orig"], W, H)
        e = dict(id=bid, order=k, type=b["type"], article=b["article"], column=page_column(b, geo),
                 bbox_orig=b["bbox_orig"], bbox=bb, poly=poly)
        if b.get("kind"):
            e["kind"] = b["kind"]
        if b.get("vertical"):
            e["vertical"] = True
        if b["type"] in TEXT_TYPES:
            e["text"] = "".join(l["text"] for l in b["lines"])
        for ln in b["lines"]:
            lb, lp = dg.map_box(M, ln["bbox_orig"], W, H)
            glines.append(dict(id="l%d" % len(glines), block=bid, para=ln["para"], bbox_orig=ln["bbox_orig"],
                               bbox=lb, poly=lp, text=ln["text"]))
            if ln["para"] is not None and ln["para"] == last_pid:
                units[-1] += ln["text"]
            else:
                units.append(ln["text"])
            last_pid = ln["para"]
        gblocks.append(e)
    for b, e in zip(blocks, gblocks):
        if b["type"] == "image" and b.get("cap") in cap_of:
            e["caption"] = cap_of[b["cap"]]
    s = SCALE
    lay = dict(meta, generator="benchmarks/browserpages", column_gap=round(geo["g"] * s, 1),
               margin=round(geo["margin"] * s, 1), body_font_px=round(geo["fs"] * s, 1),
               column_x=[[round((geo["margin"] + i * (geo["colw"] + geo["g"])) * s, 1),
                          round((geo["margin"] + i * (geo["colw"] + geo["g"]) + geo["colw"]) * s, 1)] for i in range(geo["n"])])
    gt = dict(image=fn, width=W, height=H, dpi=DPI, profile=o["profile"], size=o["size"], rotation_deg=round(angle, 4),
              rotation_note="positive = counter-clockwise as displayed; boxes mapped with cv2.getRotationMatrix2D(center=(W/2,H/2), angle)",
              degradation=params, layout=lay, seed=seed, page_index=index, blocks=gblocks, lines=glines)
    for name, data in ((stem + ".gt.json", json.dumps(gt, ensure_ascii=False, indent=1)),
                       (stem + ".gt.txt", "\n\n".join(units) + "\n")):
        tmp = os.path.join(out, ".tmp-" + name)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, os.path.join(out, name))
    return fn, sum(len(u) for u in units), len(gblocks), len(glines)


def render(browser, html, chains, trims, W, H):
    """Lay the page out, fill its text, read the ground truth; returns (gray image, JS blocks, fill report)."""
    ctx = browser.new_context(viewport={"width": round(W / SCALE), "height": round(H / SCALE)}, device_scale_factor=SCALE)
    try:
        pg = ctx.new_page()
        pg.set_content(html, wait_until="load")
        pg.evaluate("document.fonts.ready.then(() => true)")
        pg.add_script_tag(path=PAGE_JS)
        report = pg.evaluate("([c, t]) => ({fill: c.map(x => __bp.fill(x)), trim: t.map(x => __bp.trim(x))})", [chains, trims])
        raw = pg.evaluate("__bp.extract()")
        png = pg.screenshot(type="png")
    finally:
        ctx.close()
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img.shape != (H, W):
        raise SystemExit("browserpages: screenshot is %s, expected %dx%d" % (img.shape[::-1], W, H))
    return img, raw, report


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--text", nargs="+", required=True, help="text files, FILE*K weights a file K times")
    ap.add_argument("--plan", required=True)
    ap.add_argument("--prefix", default="bp_")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--keep-html", action="store_true", help="also write STEM.html (the page before filling)")
    a = ap.parse_args(argv)
    plan = parse_plan(a.plan)
    if not os.path.exists(a.chromium):
        raise SystemExit("browserpages: no Chromium at %s (apt-get install chromium)" % a.chromium)
    from playwright.sync_api import sync_playwright
    os.makedirs(a.out, exist_ok=True)
    pool = TextPool(a.text, random.Random("browserpages-text:%d" % a.seed))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a.chromium, args=CHROME_ARGS)
        try:
            for i, o in enumerate(plan):
                rng = random.Random("browserpages:%d:%d" % (a.seed, i))
                W, H = SIZES[o["size"]]
                html, chains, trims, meta, geo = layout.build(rng, pool, o, round(W / SCALE), round(H / SCALE))
                stem = "%s%03d" % (a.prefix, i)
                if a.keep_html:
                    with open(os.path.join(a.out, stem + ".html"), "w", encoding="utf-8") as f:
                        f.write(html)
                clean, raw, report = render(browser, html, chains, trims, W, H)
                short = sum(1 for r, c in zip(report["fill"], chains) if not r["full"] and not c.get("short"))
                clipped = sum(r.get("clipped", 0) for r in raw)
                if clipped:
                    print("%s: %d characters hidden by overflow left out of the ground truth" % (stem, clipped), file=sys.stderr)
                blocks = gt_blocks(raw, geo, W, H)
                img, angle, params = dg.degrade(clean, o["profile"], random.Random("browserpages-scan:%d:%d" % (a.seed, i)))
                fn, nch, nb, nl = write_page(a.out, stem, o, img, angle, params, blocks, geo, meta, W, H, a.seed, i)
                print("%s %s %s cols=%d pt=%s gap=%.2fem rot=%.2f chars=%d blocks=%d lines=%d features=%s%s" % (
                    fn, o["profile"], o["size"], geo["n"], geo["fs_pt"], geo["gap_em"], angle, nch, nb, nl,
                    "+".join(meta["features"]), (" underfilled=%d" % short) if short else ""), flush=True)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
