#!/usr/bin/env python3
"""Newspaper pages laid out by a web browser (headless Chromium), with ground truth read from the DOM.

  python make.py --out DIR --seed S --text FILE [FILE*K ...] --plan "clean:full,light:half:body=grid,..."

Plan items (comma separated, one per page):
  profile:size[:body=multicol|grid|float|mix][:feat=F+F+...][:cols=N][:pt=P][:fmt=png|jpg|tif][:masthead=0|1]
         [:kind=horizontal|vertical][:mast=right|top|none][:dpi=D][:film=g4|gray][:scan=clean|light|heavy]
  profile = clean | light | heavy | microfilm, size = full (3300x4700) | half (3300x2350) at 300 dpi.
  feat: features every page of that item must show (see layout.FEATURES): multicol grid float rule norule
  lshape box jump table ads vert photo pictop masthead.
  kind=vertical: a vertical traditional-Chinese page (vertical.py; mast = where its masthead goes).
  microfilm: 204-240 dpi (dpi=), 6.5-7.5 pt body in 5-8 columns unless pt=/cols= say otherwise,
  film=g4 (bitonal, Group 4 TIFF) or gray (near-bitonal PNG), keystone, scratches, grain, film edge.
  scan=P (microfilm only, a diagnostic): the same page (layout, text, dpi, type size) scanned like a paper page
  of profile P instead of filmed, written as PNG: what the film itself costs, page for page.
  off=PART+PART (microfilm only, a diagnostic): the film without those parts (degrade.FILM_PARTS: exposure
  keystone rotation scratches dust grain edge); the rest of the page is the same as without off=.
Output per page, in the shared bench's format: STEM.{png,jpg,tif}, STEM.gt.json, STEM.gt.txt.
Same seed + same text files + same plan => same pages.
--ink-check FILE (a generator self-check; the pages are made exactly as without it): for every page, the ground
truth characters whose box holds no ink on the clean render (before degradation), with their font, appended to
FILE as one JSON line per page; inkcheck.py sums them.
--vert-marks (opt-in, recorded per set in pagesets.toml as options = "--vert-marks"): on vertical pages the marks
VERT_MARKS that some fonts (AR PL UMing/UKai TW) have no vertical form of, and which Chromium then leaves blank,
are set in VERT_MARKS_FONT (a unicode-range @font-face), so the page prints what its ground truth says.
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
import vertical            # noqa: E402
from textpool import TextPool   # noqa: E402

DPI = 300                   # print pages; a microfilm page picks 204-240 dpi (MICROFILM_DPI)
CSS_SIZES = {"full": (1056, 1504), "half": (1056, 752)}   # CSS px (1/96 in): 11 x 15.67 in, 11 x 7.83 in
SIZES = {k: (round(w * DPI / 96), round(h * DPI / 96)) for k, (w, h) in CSS_SIZES.items()}   # 3300x4700, 3300x2350
MICROFILM_DPI = (204, 210, 216, 222, 228, 240)   # multiples of 6: whole image pixels for both page sizes
TEXT_TYPES = {"masthead", "headline", "subhead", "byline", "body", "caption", "teaser"}
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--font-render-hinting=none"]
JPEG_Q = {"clean": 92, "light": 85, "heavy": 60, "microfilm": 80}
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
            elif k == "kind" and v in ("horizontal", "vertical"):
                o[k] = v
            elif k == "film" and v in ("g4", "gray"):
                o[k] = v
            elif k == "scan" and v in ("clean", "light", "heavy") and f[0] == "microfilm":
                o[k] = v
            elif k == "off" and f[0] == "microfilm" and set(v.split("+")) <= set(dg.FILM_PARTS):
                o[k] = tuple(v.split("+"))
            elif k == "mast" and v in ("right", "top", "none"):
                o[k] = v
            elif k == "dpi":
                o[k] = int(v)
            else:
                raise SystemExit("browserpages: unknown plan key %r in %r" % (k, item))
        out.append(o)
    return out


def to_px(box, W, H, s):
    x0, y0, x1, y1 = box
    return [max(0, int(math.floor(x0 * s))), max(0, int(math.floor(y0 * s))),
            min(W, int(math.ceil(x1 * s))), min(H, int(math.ceil(y1 * s)))]


def union(boxes):
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def gt_blocks(raw, geo, W, H, s):
    """JS blocks (document order) -> GT blocks in reading order (text blocks split per column of a
    multi-column element; within an article, pictures and captions after the text)."""
    blocks = []
    for r in raw:
        if r["t"] == "image":
            blocks.append(dict(type="image", article=r["a"], kind=None, bbox_orig=to_px(r["box"], W, H, s),
                               eid=r["eid"], cap=r["cap"], lines=[]))
            continue
        slots = []
        for ln in r["lines"]:
            if not slots or slots[-1][0] != ln["slot"]:
                slots.append((ln["slot"], []))
            slots[-1][1].append(dict(para=int(ln["p"]) if ln["p"] is not None else None, text=ln["t"],
                                     bbox_orig=to_px([ln["x0"], ln["y0"], ln["x1"], ln["y1"]], W, H, s)))
        for _, lines in slots:
            blocks.append(dict(type=r["t"], article=r["a"], kind=r["kind"], vertical=r.get("vertical", False),
                               bbox_orig=union([l["bbox_orig"] for l in lines]), eid=r["eid"], lines=lines))
    first = {}
    for i, b in enumerate(blocks):
        first.setdefault(b["article"], i)
    order = sorted(range(len(blocks)), key=lambda i: (first[blocks[i]["article"]], blocks[i]["type"] in ("image", "caption"), i))
    for k, i in enumerate(order):
        blocks[i]["dom_order"] = k
    return [blocks[i] for i in order]


# The shared bench's reading-order convention (../shared/bench/README.md, "Reading-order convention"):
# masthead first, then articles by their top edge, articles whose tops lie within 40 px (at 300 dpi) of
# the row's first one form a row read left to right.  Articles are independent stories, so the order
# between them is a convention, not a property of the page; one convention for every page source
# keeps the figures of both generators comparable.  Inside an article the document order (the text's
# own flow, pictures and captions after the text) is kept.
ROW_TOLERANCE_PX_300DPI = 40


def convention_order(blocks, dpi):
    """Blocks (document order) re-ordered by the shared bench's article convention."""
    arts = {}
    for b in blocks:
        arts.setdefault(b["article"], []).append(b)
    mast = [a for a, bs in arts.items() if all(b["type"] == "masthead" for b in bs)]
    top = {a: min(b["bbox_orig"][1] for b in bs) for a, bs in arts.items()}
    left = {a: min(b["bbox_orig"][0] for b in bs) for a, bs in arts.items()}
    tol = ROW_TOLERANCE_PX_300DPI * dpi / 300.0
    rows = []
    for a in sorted((a for a in arts if a not in mast), key=lambda a: top[a]):
        if rows and top[a] - top[rows[-1][0]] <= tol:
            rows[-1].append(a)
        else:
            rows.append([a])
    ordered = mast + [a for r in rows for a in sorted(r, key=lambda a: left[a])]
    return [b for a in ordered for b in arts[a]]


def page_column(b, geo):
    if b["type"] in ("masthead", "teaser"):
        return None
    cx = (b["bbox_orig"][0] + b["bbox_orig"][2]) / 2 / geo["scale"] - geo["margin"]
    return max(0, min(geo["n"] - 1, int((cx + geo["g"] / 2) // (geo["colw"] + geo["g"]))))


def write_page(out, stem, o, img, angle, params, blocks, geo, meta, W, H, seed, index, T=None):
    fmt = o.get("fmt") or ("png" if o["profile"] == "clean" else "jpg")
    fn = "%s.%s" % (stem, fmt)
    tmp = os.path.join(out, ".tmp-" + fn)
    dpi = o.get("dpi", DPI)
    kw = {"dpi": (dpi, dpi)}    # the resolution is recorded in the file, as a scanner does
    im = Image.fromarray(img)
    if fmt == "tif" and o.get("film") == "g4":   # bitonal microfilm scan: CCITT Group 4
        im, kw["compression"] = im.convert("1"), "group4"
    elif fmt == "jpg":
        kw["quality"] = params["jpeg_quality"] = JPEG_Q[o["profile"]]
    elif fmt == "tif":
        kw["compression"] = "tiff_lzw"
    im.save(tmp, format={"jpg": "JPEG", "tif": "TIFF", "png": "PNG"}[fmt], **kw)
    os.replace(tmp, os.path.join(out, fn))

    M = dg.rotation_matrix(W, H, angle) if T is None else T
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
        if "dom_order" in b:
            e["dom_order"] = b["dom_order"]
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
    s = geo["scale"]
    lay = dict(meta, generator="benchmarks/browserpages", column_gap=round(geo["g"] * s, 1),
               margin=round(geo["margin"] * s, 1), body_font_px=round(geo["fs"] * s, 1),
               column_x=[[round((geo["margin"] + i * (geo["colw"] + geo["g"])) * s, 1),
                          round((geo["margin"] + i * (geo["colw"] + geo["g"]) + geo["colw"]) * s, 1)] for i in range(geo["n"])])
    gt = dict(image=fn, width=W, height=H, dpi=dpi, profile=o["profile"], size=o["size"], rotation_deg=round(angle, 4),
              rotation_note="positive = counter-clockwise as displayed; boxes mapped with cv2.getRotationMatrix2D(center=(W/2,H/2), angle)"
              + ("" if T is None else "; microfilm: boxes mapped with the 3x3 homography degradation.homography (keystone, then that rotation)"),
              degradation=params, layout=lay, seed=seed, page_index=index, blocks=gblocks, lines=glines)
    for name, data in ((stem + ".gt.json", json.dumps(gt, ensure_ascii=False, indent=1)),
                       (stem + ".gt.txt", "\n\n".join(units) + "\n")):
        tmp = os.path.join(out, ".tmp-" + name)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, os.path.join(out, name))
    return fn, sum(len(u) for u in units), len(gblocks), len(glines)


def render(browser, html, chains, trims, W, H, css_size, scale, chars=False):
    """Lay the page out, fill its text, read the ground truth; returns (gray image, JS blocks, fill report).
    chars: lines also carry their characters' boxes and font-family (for --ink-check)."""
    ctx = browser.new_context(viewport={"width": css_size[0], "height": css_size[1]}, device_scale_factor=scale)
    try:
        pg = ctx.new_page()
        pg.set_content(html, wait_until="load")
        pg.evaluate("document.fonts.ready.then(() => true)")
        pg.add_script_tag(path=PAGE_JS)
        report = pg.evaluate("([c, t]) => ({fill: c.map(x => __bp.fill(x)), trim: t.map(x => __bp.trim(x))})", [chains, trims])
        raw = pg.evaluate("__bp.extract({chars: true})") if chars else pg.evaluate("__bp.extract()")
        png = pg.screenshot(type="png")
    finally:
        ctx.close()
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img.shape != (H, W):
        raise SystemExit("browserpages: screenshot is %s, expected %dx%d" % (img.shape[::-1], W, H))
    return img, raw, report


# --ink-check: a character's box (1 em across the line, its advance along it) is shrunk by INK_INSET of its
# size on each side, so that a neighbour's anti-aliased edge is not counted, and holds ink when a pixel of the
# clean render is darker than INK_LEVEL (paper 255, ink 0).  The smallest marks (、 。 ， ．) keep tens of
# such pixels at 300 dpi; a blank cell has none.
INK_INSET = 0.1
INK_LEVEL = 160


def first_family(ff):
    """The first family of a CSS font-family value, other than the --vert-marks face."""
    fams = [f.strip().strip("'\"") for f in ff.split(",")]
    fams = [f for f in fams if f != vertical.VERT_MARKS_FACE]
    return fams[0] if fams else ""


def ink_check(clean, raw, s, W, H):
    """Every non-space ground-truth character of the page: (character, font, block type, has ink, darkest pixel
    of its inset box)."""
    out = []
    for r in raw:
        for ln in r.get("lines", ()):
            text = [c for c in ln["t"] if not c.isspace()]
            if len(text) != len(ln.get("cs", ())):
                raise SystemExit("browserpages: --ink-check: %d characters, %d boxes" % (len(text), len(ln.get("cs", ()))))
            for c, (x0, y0, x1, y1, ff) in zip(text, ln["cs"]):
                dx, dy = INK_INSET * (x1 - x0), INK_INSET * (y1 - y0)
                a, b, e, d = to_px([x0 + dx, y0 + dy, x1 - dx, y1 - dy], W, H, s)
                dark = int(clean[b:d, a:e].min()) if e > a and d > b else 255
                out.append((c, first_family(ff), r["t"], dark < INK_LEVEL, dark))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--text", nargs="+", required=True, help="text files, FILE*K weights a file K times")
    ap.add_argument("--plan", required=True)
    ap.add_argument("--prefix", default="bp_")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--keep-html", action="store_true", help="also write STEM.html (the page before filling)")
    ap.add_argument("--order", choices=("convention", "dom"), default="convention",
                    help="article order of the ground truth on horizontal pages: the shared bench's convention "
                         "(rows of article tops, default) or the document's cut order (blocks keep it as dom_order)")
    ap.add_argument("--ink-check", metavar="FILE",
                    help="append, per page, the ground-truth characters with no ink on the clean render (JSON lines)")
    ap.add_argument("--vert-marks", action="store_true",
                    help="vertical pages: set vertical.VERT_MARKS in vertical.VERT_MARKS_FONT (a font with their vertical forms)")
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
                cw, ch = CSS_SIZES[o["size"]]
                if o["profile"] == "microfilm":
                    o.setdefault("dpi", rng.choice(MICROFILM_DPI))
                    o.setdefault("pt", rng.choice((6.5, 7, 7, 7.5)))
                    o.setdefault("cols", rng.randint(5, 8))
                    o.setdefault("film", rng.choice(("g4", "gray")))
                    o.setdefault("fmt", "tif" if o["film"] == "g4" and not o.get("scan") else "png")
                s = o.get("dpi", DPI) / 96.0
                W, H = round(cw * s), round(ch * s)
                builder = vertical.build if o.get("kind") == "vertical" else layout.build
                if a.vert_marks and o.get("kind") == "vertical":
                    o["vert_marks"] = True
                html, chains, trims, meta, geo = builder(rng, pool, o, cw, ch)
                geo["scale"] = s
                stem = "%s%03d" % (a.prefix, i)
                if a.keep_html:
                    with open(os.path.join(a.out, stem + ".html"), "w", encoding="utf-8") as f:
                        f.write(html)
                clean, raw, report = render(browser, html, chains, trims, W, H, (cw, ch), s, chars=bool(a.ink_check))
                if a.ink_check:
                    chk = ink_check(clean, raw, s, W, H)
                    counts = {}
                    for c, f, t, ink, dark in chk:
                        counts.setdefault(f, {}).setdefault(c, 0)
                        counts[f][c] += 1
                    rec = dict(set=os.path.basename(os.path.normpath(a.out)), page=stem, kind=o.get("kind", "horizontal"),
                               profile=o["profile"], body_font=meta.get("body_font"), vert_marks=bool(o.get("vert_marks")),
                               chars=len(chk), counts=counts, blank=[[c, f, t, dark] for c, f, t, ink, dark in chk if not ink])
                    with open(a.ink_check, "a", encoding="utf-8") as f:
                        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                short = sum(1 for r, c in zip(report["fill"], chains) if not r["full"] and not c.get("short"))
                clipped = sum(r.get("clipped", 0) for r in raw)
                if clipped:
                    print("%s: %d characters hidden by overflow left out of the ground truth" % (stem, clipped), file=sys.stderr)
                blocks = gt_blocks(raw, geo, W, H, s)
                if a.order == "convention" and o.get("kind") != "vertical":
                    blocks = convention_order(blocks, o.get("dpi", DPI))
                    meta["reading_order"] = "convention: masthead, then articles in rows of their tops (40 px at 300 dpi), left to right"
                else:
                    meta["reading_order"] = "document order"
                srng = random.Random("browserpages-scan:%d:%d" % (a.seed, i))
                T = None
                if o["profile"] == "microfilm" and o.get("scan"):   # the film's page scanned like paper
                    img, angle, params = dg.degrade(clean, o["scan"], srng)
                    params["scan"] = o["scan"]
                elif o["profile"] == "microfilm":
                    img, angle, params, T = dg.microfilm(clean, srng, o["film"] == "g4", o.get("off", ()))
                    if o.get("off"):
                        params["film_off"] = "+".join(o["off"])
                    params["homography"] = [[round(v, 8) for v in row] for row in T.tolist()]
                else:
                    img, angle, params = dg.degrade(clean, o["profile"], srng)
                fn, nch, nb, nl = write_page(a.out, stem, o, img, angle, params, blocks, geo, meta, W, H, a.seed, i, T)
                print("%s %s %s dpi=%d cols=%d pt=%s gap=%.2fem rot=%.2f chars=%d blocks=%d lines=%d features=%s%s" % (
                    fn, o["profile"], o["size"], o.get("dpi", DPI), geo["n"], geo["fs_pt"], geo.get("gap_em", 0), angle, nch, nb, nl,
                    "+".join(meta["features"]), (" underfilled=%d" % short) if short else ""), flush=True)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
