"""HTML for one vertical traditional-Chinese page (issue 11 item 5), laid out by the browser.

The page below the masthead is a stack of tiers (段) separated by rules. Articles are rectangles of
whole tiers: the area is cut recursively, horizontal cuts only at tier rules (top part read first),
vertical cuts anywhere (RIGHT part read first), so document order = reading order: tiers top to
bottom, articles right to left within a tier. An article spanning several tiers continues its body
from one tier into the next, under itself. Text is `writing-mode: vertical-rl` (columns right to left,
each top to bottom), with vertical headlines, or a horizontal banner headline over vertical text;
pictures with a horizontal caption under them. Text is converted to traditional characters (OpenCC
s2tw), quotes to 「」『』, Arabic numbers to Chinese numerals.
"""
import datetime
import re

from layout import PT, Page, esc, fields
from pictures import data_url, picture

BODY_FONTS = ["Noto Serif CJK TC", "AR PL UMing TW", "Noto Serif CJK TC"]
HEAD_FONTS = [("Noto Sans CJK TC", 700), ("Noto Serif CJK TC", 700), ("AR PL UKai TW", 400)]
KAI_TC = "AR PL UKai TW"
SANS_TC = "Noto Sans CJK TC"
PAPERS = ["中央日報", "大公報", "新生報", "中華日報", "民聲日報", "華僑日報", "工商日報", "光華報",
          "自立晚報", "公論報", "星島日報", "商務日報"]
DIGITS = "〇一二三四五六七八九"
# --vert-marks (make.py, opt-in per set): AR PL UMing TW and UKai TW have no vertical form (GSUB `vert`) of
# ，；： (nor of ！？「」; only of 、。…·; Noto Serif/Sans CJK TC have them all).  At the body sizes of vertical pages
# Chromium then prints nothing in the cell the ground truth holds the mark in (a test column of UMing at
# device scale 300/96: blank at 10.7, 12, 12.7, 14.7 and 16 CSS px, a few pixels at 11.3 and 13.3, the upright
# horizontal glyph in the cell's lower left at 20 and 32 px).  make.py --ink-check on vertical-s66 (session 29, comma29): 509 of 518 ， 28 of 29 ：
# 25 of 27 ； of UMing text blank, none of its ！ ？ 「 」, none in Noto.
# With the option the fonts of VERT_MARKS_LACKING are preceded, wherever a vertical page names them, by a
# unicode-range face for VERT_MARKS only, taken from VERT_MARKS_FONT.  Without it the page is as before.
VERT_MARKS = "，；："
VERT_MARKS_LACKING = ("AR PL UMing TW", "AR PL UKai TW")
VERT_MARKS_FONT = ("Noto Serif CJK TC", "NotoSerifCJKtc-Regular", "Noto Serif CJK TC Bold", "NotoSerifCJKtc-Bold")
VERT_MARKS_FACE = "bp-vert-marks"
QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』", '"': "「"})


def cn_number(m):
    s = m.group(0)
    if len(s) <= 2 and int(s) < 100:   # 12 -> 十二, 30 -> 三十, 7 -> 七
        n = int(s)
        if n < 10:
            return DIGITS[n]
        return ("" if n // 10 == 1 else DIGITS[n // 10]) + "十" + (DIGITS[n % 10] if n % 10 else "")
    return "".join(DIGITS[int(c)] for c in s)   # years and long numbers digit by digit


class TradPool:
    """A TextPool whose text comes out traditional, with 「」 quotes and Chinese numerals."""

    def __init__(self, pool):
        from opencc import OpenCC
        self.pool, self.cc, self.rng = pool, OpenCC("s2tw"), pool.rng

    def conv(self, s):
        s = self.cc.convert(s).translate(QUOTES)
        s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        return re.sub(r"\d+", cn_number, s)

    def paras(self, n):
        return [self.conv(p) for p in self.pool.paras(n)]

    def clause(self, lo=8, hi=22):
        return self.conv(self.pool.clause(lo, hi))

    def headline(self, lo=8, hi=22):
        return self.conv(self.pool.headline(lo, hi))

    def name(self):
        return self.conv(self.pool.name())


def geometry(rng, opts, W, H, masthead):
    fs_pt = opts.get("pt") or rng.choice((8, 8.5, 9, 9.5, 10))
    fs = fs_pt * PT
    lh = round(rng.uniform(1.3, 1.6), 3)            # column pitch, in em
    margin = rng.uniform(34, 46)
    inner_h = H - 2 * margin
    top = 0.0
    if masthead == "top":
        top = round(rng.uniform(110, 140) if W < H else rng.uniform(90, 110))
    cpt = rng.randint(12, 22)                        # characters per column in one tier
    rule = 0.9 * fs                                  # space taken by a tier rule
    tiers = max(2, round((inner_h - top) / (cpt * fs + 2 * rule)))
    tier_h = (inner_h - top) / tiers
    return dict(fs_pt=fs_pt, fs=fs, lh=lh, margin=margin, inner_w=W - 2 * margin, inner_h=inner_h,
                top=top, tiers=tiers, tier_h=tier_h, rule=rule, pitch=fs * lh)


def partition(rng, geo, right_mast):
    """Leaves (x0, x1, t0, t1): x in CSS px from the left of the text area, tiers t0..t1-1."""
    min_w = 9 * geo["pitch"] + 3 * geo["fs"]
    leaves = []

    def cut(x0, x1, t0, t1, depth):
        w, k = x1 - x0, t1 - t0
        can_v, can_h = w >= 2 * min_w, k >= 2
        big = w > 0.45 * geo["inner_w"] and k >= 2
        stop = 0.0 if depth == 0 or big else (0.35 if w < 3 * min_w else 0.15)
        if (not can_v and not can_h) or rng.random() < stop:
            leaves.append((x0, x1, t0, t1))
            return
        if can_h and (not can_v or rng.random() < 0.45):
            t = rng.randint(t0 + 1, t1 - 1)
            cut(x0, x1, t0, t, depth + 1)
            cut(x0, x1, t, t1, depth + 1)
        else:
            x = round(x0 + min_w + rng.random() * (w - 2 * min_w))
            cut(x, x1, t0, t1, depth + 1)     # right part first: read right to left
            cut(x0, x, t0, t1, depth + 1)

    W = geo["inner_w"]
    if right_mast:   # masthead block in the top-right corner, over the first tier(s)
        mt = 1 if geo["tiers"] <= 3 else 2
        mw = round(max(min_w * 0.9, W * rng.uniform(0.1, 0.14)))
        leaves.append(("mast", W - mw, W, 0, mt))
        cut(0, W - mw, 0, mt, 1)
        if geo["tiers"] > mt:
            cut(0, W, mt, geo["tiers"], 0)
    else:
        cut(0, W, 0, geo["tiers"], 0)
    return leaves


def vert_marks_faces():
    """The @font-face rules of --vert-marks: VERT_MARKS only, regular and bold, from VERT_MARKS_FONT."""
    rng = ", ".join("U+%04X" % ord(c) for c in VERT_MARKS)
    r, rps, b, bps = VERT_MARKS_FONT
    return ("@font-face { font-family: '%s'; src: local('%s'), local('%s'); font-weight: 400; unicode-range: %s; }\n"
            "@font-face { font-family: '%s'; src: local('%s'), local('%s'); font-weight: 700; unicode-range: %s; }\n") % (
        VERT_MARKS_FACE, r, rps, rng, VERT_MARKS_FACE, b, bps, rng)


def css(geo, W, H, head_font, body_font, vert_marks=False):
    hf, hw = head_font
    s = css_rules(geo, W, H, hf, hw, body_font)
    if vert_marks:
        for f in VERT_MARKS_LACKING:
            s = s.replace("font-family: '%s'" % f, "font-family: '%s', '%s'" % (VERT_MARKS_FACE, f))
        s = "\n" + vert_marks_faces() + s
    return s


def css_rules(geo, W, H, hf, hw, body_font):
    fs, lh = geo["fs"], geo["lh"]
    return """
* { box-sizing: border-box; margin: 0; padding: 0; }
html, body { width: %(W)dpx; height: %(H)dpx; background: #fff; color: #000; overflow: hidden; }
#page { position: absolute; left: %(m).2fpx; top: %(m).2fpx; width: %(iw).2fpx; height: %(ih).2fpx; }
.leaf { position: absolute; }
.part { position: absolute; left: 0; right: 0; }
.part.ruled { border-top: 0.9px solid #000; }
.leaf.vr::after { content: ''; position: absolute; top: %(rp).2fpx; bottom: %(rp).2fpx; right: -%(hg).2fpx; border-right: 0.7px solid #000; }
.vt { writing-mode: vertical-rl; display: flex; flex-direction: column; height: 100%%; width: 100%%; }
.hl { font-family: '%(hf)s'; font-weight: %(hw)d; line-height: 1.15; }
.vt > .hl { margin-left: %(hgap).2fpx; }
.sub { font-family: '%(kai)s'; font-size: %(sub).2fpx; line-height: 1.3; margin-left: %(hgap).2fpx; }
.by { font-family: '%(sans)s'; font-size: %(by).2fpx; line-height: 1.3; margin-left: %(hgap).2fpx; }
.fld { margin-bottom: 1em; }
.fld:last-child { margin-bottom: 0; }
.hfld { margin-right: 1.2em; }
.body { flex: 1 1 0; min-width: 0; min-height: 0; overflow: hidden; font-family: '%(bf)s'; font-size: %(fs).3fpx;
  line-height: %(lh).3f; text-align: justify; writing-mode: vertical-rl; overflow-wrap: anywhere; }
.part > .body { height: 100%%; width: 100%%; }
.body p { text-indent: 2em; }
.body p.cont { text-indent: 0; }
.banner { display: flex; flex-direction: column; height: 100%%; }
.banner > .hl { text-align: center; margin-bottom: %(hgap).2fpx; border-bottom: 0.8px solid #000; padding-bottom: %(hgap).2fpx; }
.banner > .vt { flex: 1 1 0; min-height: 0; height: auto; width: 100%%; }
.photo { display: flex; flex-direction: column; height: 100%%; }
.img { flex: 1 1 0; min-height: 0; overflow: hidden; position: relative; }
.img img { position: absolute; left: 0; top: 0; width: 100%%; height: 100%%; object-fit: cover; }
.cap { font-family: '%(kai)s'; font-size: %(small).2fpx; line-height: 1.35; margin-top: 3px; text-align: justify; }
.mastv { writing-mode: vertical-rl; display: flex; flex-direction: column; align-items: center; height: 100%%; width: 100%%;
  border: 1.5px solid #000; padding: %(hgap).2fpx; }
.mtitle { font-family: '%(mf)s'; font-weight: 700; line-height: 1.1; }
.mline { font-family: '%(sans)s'; font-size: %(small).2fpx; line-height: 1.5; }
.masth { position: absolute; left: 0; right: 0; top: 0; display: flex; justify-content: space-between;
  align-items: flex-end; border-bottom: 3.5px double #000; padding-bottom: 4px; }
""" % dict(W=W, H=H, m=geo["margin"], iw=geo["inner_w"], ih=geo["inner_h"], hf=hf, hw=hw, kai=KAI_TC,
           sans=SANS_TC, bf=body_font, fs=fs, lh=lh, hgap=0.4 * fs, sub=1.15 * fs, by=0.95 * fs, small=0.85 * fs,
           rp=0.3 * fs, hg=0.5 * geo["rule"], mf=geo.get("mast_font", "Noto Serif CJK TC"))


def build(rng, pool, opts, W, H):
    """Return (html, chains, trims, meta, geo) for a vertical page of W x H CSS px."""
    tp = TradPool(pool)
    pg = Page(rng, tp, opts, W, H)
    mast = opts.get("mast") or rng.choice(["right", "top", "right"] if W < H else ["top", "right", "none"])
    if opts.get("masthead") is False:
        mast = "none"
    geo = geometry(rng, opts, W, H, mast)
    head_font, body_font = rng.choice(HEAD_FONTS), rng.choice(BODY_FONTS)
    geo["mast_font"] = rng.choice(["Noto Serif CJK TC", KAI_TC])
    leaves = partition(rng, geo, mast == "right")
    out = []
    if mast == "top":
        out.append(masthead_top(pg, geo))
    for leaf in leaves:
        if leaf[0] == "mast":
            out.append(masthead_right(pg, geo, leaf[1:]))
        else:
            out.append(article(pg, geo, leaf))
    doc = ('<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><style>%s</style></head>'
           '<body><div id="page">%s</div></body></html>') % (css(geo, W, H, head_font, body_font, opts.get("vert_marks", False)), "".join(out))
    meta = dict(writing_mode="vertical-rl", tiers=geo["tiers"], body_pt=geo["fs_pt"], line_height=geo["lh"],
                body_font=body_font, head_font=head_font[0], masthead=mast, features=sorted(pg.features),
                script="traditional (OpenCC s2tw)")
    if opts.get("vert_marks"):
        meta["vert_marks"] = "%s of %s set in %s" % (VERT_MARKS, " and ".join(VERT_MARKS_LACKING), VERT_MARKS_FONT[0])
    # the GT writer's column field and gutter figures: columns = tiers here (no page column grid)
    geo.update(n=1, g=geo["rule"], colw=geo["inner_w"], columns_note="vertical page: no column grid")
    return doc, pg.chains, pg.trims, meta, geo


def tier_box(geo, leaf):
    x0, x1, t0, t1 = leaf
    y0 = geo["top"] + t0 * geo["tier_h"]
    y1 = geo["top"] + t1 * geo["tier_h"]
    return x0, y0, x1 - x0 - geo["rule"] * 0.5, y1 - y0


def article(pg, geo, leaf):
    rng = pg.rng
    x0, x1, t0, t1 = leaf
    x, y, w, h = tier_box(geo, leaf)
    fs = geo["fs"]
    cls = "leaf" + (" vr" if x0 > 0 else "")
    style = "left:%.2fpx;top:%.2fpx;width:%.2fpx;height:%.2fpx" % (x, y, w, h)
    art = pg.art()
    if rng.random() < 0.12 and w > 8 * geo["pitch"]:
        return photo(pg, geo, cls, style, art, w, h, t0)
    th = geo["tier_h"]
    rule = geo["rule"]
    parts, ids = [], []
    banner = w > 0.33 * geo["inner_w"] and rng.random() < 0.6
    for k in range(t1 - t0):
        py = k * th + (rule if (t0 + k) > 0 else 0)
        ph = th - (rule if (t0 + k) > 0 else 0)
        pcls = "part" + (" ruled" if (t0 + k) > 0 else "")
        pstyle = "top:%.2fpx;height:%.2fpx;%s" % (py - (rule * 0.5 if (t0 + k) > 0 else 0), ph + (rule * 0.5 if (t0 + k) > 0 else 0),
                                                   "padding-top:%.2fpx" % (rule * 0.5) if (t0 + k) > 0 else "")
        bid = pg.uid("v")
        ids.append(bid)
        body = '<div class="body" id="%s" data-t="body" data-a="%d" data-k="vertical"></div>' % (bid, art)
        if k == 0:
            if banner:
                pg.features.add("banner")
                hs = min(fs * rng.uniform(1.8, 2.6), w / 14)
                hl = pg.el("h2", "hl", "headline", art, esc(pg.pool.headline(6, max(7, min(20, int(w / hs) - 1)))), "font-size:%.2fpx" % hs)
                inner = '<div class="banner">%s<div class="vt">%s%s</div></div>' % (hl, heads(pg, geo, art, ph * 0.8, sub_only=True), body)
            else:
                inner = '<div class="vt">%s%s</div>' % (heads(pg, geo, art, ph), body)
        else:
            pg.features.add("tier-continuation")
            inner = body
        parts.append('<div class="%s" style="%s">%s</div>' % (pcls, pstyle, inner))
    paras = [dict(p=pg.pid(), t=t) for t in pg.pool.paras(int(1.6 * (w / geo["pitch"]) * (h / fs)) + 200)]
    pg.chains.append(dict(conts=ids, paras=paras, tail=None, minChars=2))
    pg.features.add("vertical")
    return '<div class="%s" style="%s">%s</div>' % (cls, style, "".join(parts))


def heads(pg, geo, art, h, sub_only=False):
    """Vertical headline (and subhead, byline) at the right of an article."""
    rng, fs = pg.rng, geo["fs"]
    out = []
    if not sub_only:
        hs = fs * rng.uniform(1.5, 2.2)
        per = max(5, int(h * 0.92 / hs))
        out.append(pg.el("h2", "hl", "headline", art, esc(pg.pool.headline(5, min(16, 2 * per - 1))), "font-size:%.2fpx" % hs))
    if rng.random() < (0.35 if not sub_only else 0.5):
        out.append(pg.el("div", "sub", "subhead", art, esc(pg.pool.clause(6, max(7, min(16, int(h * 0.9 / (1.15 * fs))))))))
    if rng.random() < 0.5:
        parts = ["本報記者", pg.pool.name()] if rng.random() < 0.7 else ["中央社記者", pg.pool.name()]
        out.append(pg.el("div", "by", "byline", art, fields(parts)))
    return "".join(out)


def photo(pg, geo, cls, style, art, w, h, t0):
    rng = pg.rng
    pg.features.add("photo")
    cap_id = pg.uid("cap")
    img = data_url(picture(rng, int(w * 1.4), int(h * 1.2)))
    top = geo["rule"] if t0 > 0 else 0
    cap = '<div class="cap" id="%s" data-t="caption" data-a="%d"><p data-p="%d">%s</p></div>' % (
        cap_id, art, pg.pid(), esc(pg.pool.clause(10, 28) + "。（" + pg.pool.name() + "攝）"))
    return ('<div class="%s" style="%s"><div class="photo" style="padding-top:%.2fpx"><div class="img" data-t="image" data-a="%d" data-cap="%s">'
            '<img src="%s"></div>%s</div></div>') % (cls, style, top, art, cap_id, img, cap)


def _date(rng):
    d = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 17000))
    roc = d.year - 1911
    num = lambda n: re.sub(r"\d+", cn_number, str(n))
    return d, ["中華民國%s年%s月%s日" % (num(roc), num(d.month), num(d.day)), "星期" + "一二三四五六日"[d.weekday()]]


def masthead_right(pg, geo, leaf):
    rng = pg.rng
    x, y, w, h = tier_box(geo, leaf)
    title = rng.choice(PAPERS)
    ts = min(w * 0.55, h * 0.62 / len(title))
    d, date = _date(rng)
    pg.features.add("masthead-right")
    return ('<div class="leaf" style="left:%.2fpx;top:%.2fpx;width:%.2fpx;height:%.2fpx"><div class="mastv">%s%s%s</div></div>') % (
        x + 0.5 * geo["rule"], y, w - 0.5 * geo["rule"], h - geo["rule"],
        pg.el("div", "mtitle", "masthead", 0, esc(title), "font-size:%.1fpx" % ts),
        pg.el("div", "mline", "masthead", 0, fields(date)),
        pg.el("div", "mline", "masthead", 0, esc("第%s號" % re.sub(r"\d+", cn_number, str(rng.randint(1000, 9999))))))


def masthead_top(pg, geo):
    rng = pg.rng
    title = rng.choice(PAPERS)
    h = geo["top"] - 0.6 * geo["fs"]
    d, date = _date(rng)
    pg.features.add("masthead-top")
    hf = lambda parts: " ".join('<span class="hfld">%s</span>' % esc(p) for p in parts)
    # a horizontal masthead, read right to left in old print; it is set left to right here (modern reprints)
    return ('<div class="masth" style="height:%.2fpx"><div>%s</div><div>%s%s</div></div>') % (
        h, pg.el("div", "mtitle", "masthead", 0, esc(title), "font-size:%.1fpx" % (h * 0.62)),
        pg.el("div", "mline", "masthead", 0, hf(date)),
        pg.el("div", "mline", "masthead", 0, esc("社址 臺北市%s路%s號" % (rng.choice(["中山", "忠孝", "重慶南", "博愛"]),
                                                                  re.sub(r"\d+", cn_number, str(rng.randint(1, 99)))))))
