"""HTML for one horizontal newspaper page, laid out by the browser.

The page is a CSS grid of N equal columns (gutter = the body column gap, 0.5-1.5 em) below an optional
masthead. The article area is cut recursively (guillotine: a horizontal cut reads top part first, a
vertical cut left part first), so the document order of the articles is the order a reader reads them.
Each leaf becomes one article kind: news (multi-column, grid or float body), photo news, a listing table,
small ads, a vertical-text article, or an L-shaped pair (an article wrapping under its neighbour).

Sizes are CSS px (1/96 in); make.py renders them at 300 dpi (1 CSS px = 3.125 image px).
Body text is not in the HTML: ``Page.chains`` lists containers and their paragraphs, which page.js fills
to capacity in the browser (a paragraph cut at the end of a container continues in the next one).
"""
import datetime
import html
import random

from pictures import data_url, picture

PT = 96.0 / 72.0            # CSS px per point
BODY_PT = (8, 8.5, 9, 9.5, 10, 10.5, 11)   # 33-46 px at 300 dpi
BODY_FONTS = ["Noto Serif CJK SC", "AR PL UMing CN", "Noto Serif CJK SC", "Noto Sans CJK SC"]
HEAD_FONTS = [("Noto Sans CJK SC", 700), ("Noto Serif CJK SC", 700), ("WenQuanYi Zen Hei", 400),
              ("Noto Sans CJK SC", 700)]
KAI = "AR PL UKai CN"
SANS = "Noto Sans CJK SC"
FEATURES = ("multicol", "grid", "float", "rule", "norule", "lshape", "box", "jump", "table", "ads",
            "vert", "photo", "pictop", "masthead")
REGIONS = ["江南", "滨海", "北方", "东方", "西部", "华中", "南国", "长河", "海峡", "燕赵", "巴蜀", "齐鲁",
           "三秦", "中原", "湖湘", "闽江", "天山", "珠江", "松花", "黄河"]
PAPERS = ["日报", "晚报", "科技报", "经济报", "商报", "都市报", "青年报", "农民报", "法制报", "时报"]
WEEKDAYS = "一二三四五六日"
ADS = [("遗失声明", ["{n}不慎遗失{o}一份，编号{d}，声明作废。", "特此声明。"]),
       ("招聘启事", ["本公司因业务发展需要，诚聘{j}{k}名，{r}。", "待遇面议，有意者请携带简历前来面试。", "地址：{a}。"]),
       ("房屋出租", ["{a}临街门面房{k}间出租，面积约{d}平方米，水电齐全，交通便利。", "价格面议。"]),
       ("培训招生", ["{j}培训班常年招生，小班授课，随到随学，学完推荐就业。", "报名地址：{a}。"]),
       ("注销公告", ["{n}经股东会决议，拟向登记机关申请注销登记，请债权人自本公告之日起四十五日内向本单位申报债权。"]),
       ("转让", ["{a}一处经营场所整体转让，设备齐全，接手即可营业。", "非诚勿扰。"])]
AD_FILL = {"o": ["营业执照副本", "税务登记证正本", "开户许可证", "道路运输证", "出生医学证明"],
           "j": ["会计", "驾驶员", "电工", "厨师", "销售代表", "文员", "焊工"],
           "r": ["身体健康，有相关工作经验者优先", "年龄四十五岁以下，吃苦耐劳", "大专以上学历"],
           "a": ["新华路十八号", "人民大道东段", "解放街三十二号", "建设南路一百零六号", "滨江路中段"]}
STOCK_WORDS = "华光明东方新大中国海天电力科技银行建设能源交通化工钢铁汽车医药信息通讯航空"
TV = ["新闻联播", "焦点访谈", "天气预报", "经济半小时", "今日说法", "动物世界", "体育新闻", "电视剧：山河",
      "纪录片：大江大河", "少儿节目", "戏曲欣赏", "农业科技", "晚间新闻", "综艺晚会", "健康之路", "法治在线"]
CHANNELS = ["中央一套", "中央二套", "省台新闻频道", "市台综合频道", "中央四套"]


class Page:
    """Builder for one page: HTML pieces, fill chains and trim targets, para and article counters."""

    def __init__(self, rng, pool, opts, W, H):
        self.rng, self.pool, self.opts, self.W, self.H = rng, pool, opts, W, H
        self.html, self.chains, self.trims = [], [], []
        self.n_para = self.n_id = 0
        self.n_art = 1
        self.features = set()

    def pid(self):
        self.n_para += 1
        return self.n_para

    def uid(self, p="e"):
        self.n_id += 1
        return "%s%d" % (p, self.n_id)

    def art(self):
        a = self.n_art
        self.n_art += 1
        return a

    def el(self, tag, cls, btype, art, text, style="", extra=""):
        """A one-paragraph text block (headline, byline ...)."""
        return '<%s class="%s" data-t="%s" data-a="%d" data-p="%d" style="%s"%s>%s</%s>' % (
            tag, cls, btype, art, self.pid(), style, extra, text, tag)

    def paras(self, n_chars, cls=""):
        return [dict(p=self.pid(), t=t, cls=cls) for t in self.pool.paras(n_chars)]


def esc(s):
    return html.escape(s, quote=True)


def fields(parts):
    """Print sets fields of a line apart: one space in the text, a wider gap on paper."""
    return " ".join('<span class="fld">%s</span>' % esc(p) for p in parts)


# ----------------------------------------------------------------------------- geometry

def grid_geometry(rng, opts, W, H):
    fs_pt = opts.get("pt") or rng.choice(BODY_PT)
    fs = fs_pt * PT
    gap_em = rng.uniform(0.5, 1.5)
    g = gap_em * fs
    margin = rng.uniform(34, 48)
    cw = W - 2 * margin
    cpl = rng.randint(10, 15)                 # characters per body line, as on real pages
    n = opts.get("cols") or max(4, min(9, round((cw + g) / (cpl * fs + g))))
    colw = (cw - (n - 1) * g) / n
    return dict(fs_pt=fs_pt, fs=fs, gap_em=gap_em, g=g, margin=margin, n=n, colw=colw,
                lh=round(rng.uniform(1.35, 1.6), 3))


def partition(rng, n, top, bottom, min_h):
    """Guillotine cut of columns [0, n) x [top, bottom) into article leaves, in reading order."""
    leaves = []

    def cut(c0, c1, y0, y1, depth):
        w, h = c1 - c0, y1 - y0
        can_h, can_v = h >= 2 * min_h, w >= 2
        big = w >= 4 and h >= 1.6 * min_h            # too big for one article: always cut
        if depth == 0 or big:
            stop = 0.0
        elif w <= 3:
            stop = 0.55 if can_h else 0.75          # narrow leaves: cut into 1-column items only sometimes
        else:
            stop = 0.25
        if (not can_h and not can_v) or rng.random() < stop:
            leaves.append((c0, c1, y0, y1))
            return
        horiz = can_h and (not can_v or rng.random() < (0.65 if w >= 4 else 0.35))
        if horiz:
            y = round(y0 + min_h + rng.random() * (h - 2 * min_h))
            cut(c0, c1, y0, y, depth + 1)
            cut(c0, c1, y, y1, depth + 1)
        else:
            lo, hi = (c0 + 2, c1 - 2) if w >= 4 else (c0 + 1, c1 - 1)
            c = rng.randint(lo, hi)
            cut(c0, c, y0, y1, depth + 1)
            cut(c, c1, y0, y1, depth + 1)

    cut(0, n, top, bottom, 0)
    return leaves


# ----------------------------------------------------------------------------- page

def build(rng, pool, opts, W, H):
    """Return (html, chains, trims, meta) for a horizontal page of W x H CSS px."""
    pg = Page(rng, pool, opts, W, H)
    geo = grid_geometry(rng, opts, W, H)
    feats = set(opts.get("feat", ()))
    body_kind = opts.get("body", "mix")
    if body_kind != "mix":
        feats.add(body_kind)
    body_font = rng.choice(BODY_FONTS)
    head_font = rng.choice(HEAD_FONTS)
    rules = "rule" in feats or ("norule" not in feats and rng.random() < 0.5)
    masthead = opts.get("masthead", W < H or rng.random() < 0.4) or "masthead" in feats
    n, g, fs, lh = geo["n"], geo["g"], geo["fs"], geo["lh"]
    inner_h = H - 2 * geo["margin"]
    mast_h = round((150 if W < H else 120) + rng.uniform(0, 30)) if masthead else 0
    top = mast_h + (round(0.6 * fs) if masthead else 0)
    min_h = max(200.0, 12 * fs * lh + 6 * fs)   # headline + byline + about 12 body lines
    for attempt in range(40):   # cut again until every feature the plan asks for has a leaf that fits it
        leaves = partition(rng, n, top, inner_h, min_h)
        kinds, missing = assign_kinds(rng, leaves, feats, body_kind, n, inner_h, min_h)
        if not missing:
            break
    if missing:
        raise SystemExit("browserpages: no layout fits the features %s (page %dx%d, %d columns)" % (missing, W, H, n))
    geo.update(body_font=body_font, head_font=head_font, rules=rules, top=top, min_h=min_h)
    for l, k in kinds.items():   # the corner the L-shaped article wraps around, fixed before the grid rows
        if k["kind"] == "lshape":
            c0, c1, y0, y1 = l
            k["cb"] = rng.randint(c0 + 1, c1 - 2) if c1 - c0 >= 4 else c0 + 1
            k["yb"] = round(y0 + (y1 - y0) * rng.uniform(0.45, 0.6))
    rows = sorted({0, top, inner_h} | {y for l in leaves for y in l[2:]} | {k["yb"] for k in kinds.values() if "yb" in k})
    out = []
    if masthead:
        out.append(masthead_html(pg, geo, mast_h))
    for leaf in leaves:
        kind = kinds[leaf]
        out.append(article_html(pg, geo, leaf, kind, rows, top))
    css = page_css(geo, W, H, rows)
    doc = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>%s</style></head>'
           '<body><div id="page">%s</div></body></html>') % (css, "".join(out))
    used = sorted(pg.features | {k["kind"] for k in kinds.values()} | {"rule" if rules else "norule"}
                  | ({"masthead"} if masthead else set()))
    meta = dict(columns=n, column_gap_em=round(geo["gap_em"], 3), body_pt=geo["fs_pt"], line_height=lh,
                body_font=body_font, head_font=head_font[0], masthead=bool(masthead), column_rules=rules,
                features=used)
    return doc, pg.chains, pg.trims, meta, geo


def assign_kinds(rng, leaves, feats, body_kind, n, inner_h, min_h):
    """Pick an article kind per leaf; every feature asked for in ``feats`` gets at least one leaf."""
    kinds = {}

    def body_for(w):
        if body_kind != "mix":
            ok = {"float": 2 <= w <= 4, "grid": w >= 2}.get(body_kind, True)
            return body_kind if ok else "multicol"
        r = rng.random()
        return "float" if (r < 0.18 and 2 <= w <= 3) else ("grid" if r < 0.45 else "multicol")

    for l in leaves:
        c0, c1, y0, y1 = l
        w, h = c1 - c0, y1 - y0
        r = rng.random()
        k = dict(kind="news", body=body_for(w))
        if r < 0.06 and w >= 2:
            k = dict(kind="photo")
        elif r < 0.12 and w <= 2:
            k = dict(kind="table")
        elif r < 0.15 and w <= 2:
            k = dict(kind="vert")
        elif r < 0.25 and w >= 3 and h >= 2.2 * min_h:
            k = dict(kind="lshape", body=body_for(w))
        kinds[l] = k
    order = list(leaves)

    claimed = set()
    missing = []

    def force(name, ok, make, flag=False):
        """Give feature ``name`` to one leaf that passes ``ok`` (a leaf forced for another feature keeps
        its kind; a flag such as box/jump only goes to news articles)."""
        if any(k.get("kind") == name or k.get("body") == name or k.get(name) for k in kinds.values()):
            return True
        if flag:
            cands = [l for l in order if ok(l) and kinds[l]["kind"] in (("news", "lshape") if name == "jump" else ("news",))]
        else:
            cands = [l for l in order if ok(l) and l not in claimed and kinds[l]["kind"] == "news"] or \
                    [l for l in order if ok(l) and l not in claimed]
        if not cands:
            return False
        l = rng.choice(cands)
        kinds[l] = make(kinds[l])
        claimed.add(l)
        return True

    wid = lambda l: l[1] - l[0]
    hgt = lambda l: l[3] - l[2]
    structural = ("lshape", "ads", "table", "vert", "photo", "float", "grid", "multicol")
    for f in [x for x in structural if x in feats] + [x for x in ("box", "jump", "pictop") if x in feats]:
        if f in ("multicol", "grid"):
            ok = force(f, lambda l: wid(l) >= 2, lambda k, f=f: dict(kind="news", body=f))
        elif f == "float":
            ok = force(f, lambda l: 2 <= wid(l) <= 3, lambda k: dict(kind="news", body="float")) or \
                force(f, lambda l: 2 <= wid(l) <= 4, lambda k: dict(kind="news", body="float"))
        elif f == "lshape":
            ok = force(f, lambda l: wid(l) >= 3 and hgt(l) >= 2.2 * min_h, lambda k: dict(kind="lshape", body=k.get("body") or "multicol")) or \
                force(f, lambda l: wid(l) >= 2 and hgt(l) >= 1.7 * min_h, lambda k: dict(kind="lshape", body=k.get("body") or "multicol"))
        elif f in ("table", "vert"):
            ok = force(f, lambda l: wid(l) <= 3, lambda k, f=f: dict(kind=f))
        elif f == "photo":
            ok = force(f, lambda l: wid(l) >= 2, lambda k: dict(kind="photo"))
        elif f == "ads":
            ok = force(f, lambda l: wid(l) >= 2 and l[3] == inner_h and hgt(l) <= 3 * min_h, lambda k: dict(kind="ads")) or \
                force(f, lambda l: wid(l) >= 2, lambda k: dict(kind="ads"))
        else:   # box, jump, pictop
            ok = force(f, (lambda l: wid(l) >= 2 and hgt(l) >= 1.6 * min_h) if f == "pictop" else (lambda l: True),
                       lambda k, f=f: dict(k, **{f: True}), flag=True)
        if not ok:
            missing.append(f)
    for l, k in kinds.items():   # the rest at random
        if k["kind"] in ("news", "lshape"):
            k.setdefault("box", rng.random() < 0.1)
            k.setdefault("jump", rng.random() < 0.2)
            k.setdefault("pictop", wid(l) >= 2 and hgt(l) >= 2.2 * min_h and rng.random() < 0.25)
    return kinds, missing


def page_css(geo, W, H, rows):
    fs, g, lh = geo["fs"], geo["g"], geo["lh"]
    hf, hw = geo["head_font"]
    tracks = " ".join("%.2fpx" % (b - a) for a, b in zip(rows, rows[1:]))
    return """
* { box-sizing: border-box; margin: 0; padding: 0; }
html, body { width: %(W)dpx; height: %(H)dpx; background: #fff; color: #000; overflow: hidden; }
#page { position: absolute; left: %(m).2fpx; top: %(m).2fpx; width: %(cw).2fpx; height: %(ch).2fpx;
  display: grid; grid-template-columns: repeat(%(n)d, %(colw).3fpx); column-gap: %(g).3fpx; row-gap: 0;
  grid-template-rows: %(tracks)s; }
.art { position: relative; display: flex; flex-direction: column; min-height: 0; min-width: 0; }
.art.top-rule { border-top: 1px solid #000; padding-top: %(pad).2fpx; }
.art.not-top { padding-top: %(pad).2fpx; }
.art.vrule::before { content: ''; position: absolute; left: %(vr).2fpx; top: 0; bottom: %(pad).2fpx;
  border-left: 0.7px solid #000; }
.art.boxed { border: 1.3px solid #000; background: #e2e2e2; padding: %(pad).2fpx %(bp).2fpx; margin-bottom: %(pad).2fpx; }
.art.bottom-gap { padding-bottom: %(pad).2fpx; }
.hl { font-family: '%(hf)s'; font-weight: %(hw)d; line-height: 1.2; margin-bottom: %(hgap).2fpx; }
.kicker, .sub { font-family: '%(kai)s'; font-size: %(sub).2fpx; line-height: 1.3; }
.kicker { margin-bottom: 2px; }
.sub { margin-bottom: %(hgap).2fpx; }
.by { font-family: '%(sans)s'; font-size: %(by).2fpx; line-height: 1.3; margin-bottom: %(hgap).2fpx; }
.fld { margin-right: 1.2em; }
.fld:last-child { margin-right: 0; }
.body { flex: 1 1 0; min-height: 0; overflow: hidden; font-family: '%(bf)s'; font-size: %(fs).3fpx;
  line-height: %(lh).3f; text-align: justify; text-justify: inter-character; }
.body p { text-indent: 2em; }
.body p.cont { text-indent: 0; }
.body p.jump { text-indent: 0; text-align: right; font-family: '%(sans)s'; font-size: %(small).2fpx; }
.mc { column-fill: auto; column-gap: %(g).3fpx; }
.mc.ruled { column-rule: 0.6px solid #000; }
.gridb { flex: 1 1 0; min-height: 0; display: grid; grid-template-rows: minmax(0, 1fr); column-gap: %(g).3fpx; }
.gridb > .body { height: 100%%; }
.gridb.ruled > .body + .body { border-left: 0.6px solid #000; padding-left: %(hg).2fpx; margin-left: -%(hg).2fpx; }
.fig { display: flex; flex-direction: column; margin-bottom: %(hgap).2fpx; }
.img { overflow: hidden; position: relative; }
.img img { position: absolute; left: 0; top: 0; width: 100%%; height: 100%%; object-fit: cover; display: block; }
.flt { width: 56%%; margin: 0.2em 0 0.4em 0.8em; float: right; }
.flt.left { float: left; margin: 0.2em 0.8em 0.4em 0; }
.cap { font-family: '%(kai)s'; font-size: %(small).2fpx; line-height: 1.35; text-align: justify; margin-top: 3px; text-indent: 0; }
.pn { flex: 1 1 0; min-height: 0; display: flex; flex-direction: column; }
.pn .img { flex: 1 1 0; min-height: 0; }
.tbl { flex: 1 1 0; min-height: 0; overflow: hidden; font-family: '%(sans)s'; font-size: %(tfs).2fpx; line-height: 1.45; }
.tbl table { width: 100%%; border-collapse: collapse; }
.tbl td, .tbl th { padding: 0 0.25em; white-space: nowrap; font-weight: 400; }
.tbl tr.head { border-bottom: 0.8px solid #000; }
.tbl td.num { text-align: right; }
.ads { display: grid; gap: %(hg).2fpx; }
.ad { border: 1px solid #000; padding: 0.3em 0.4em; display: flex; flex-direction: column; min-height: 0; overflow: hidden; }
.ad .hl { text-align: center; margin-bottom: 2px; }
.ad .body { font-family: '%(sans)s'; font-size: %(adfs).2fpx; line-height: 1.35; }
.ad .body p { text-indent: 0; }
.vt { writing-mode: vertical-rl; display: flex; flex-direction: column; }
.vt .hl { margin: 0 0 0 %(hgap).2fpx; }
.vt .by { margin: 0 0 0 %(hgap).2fpx; }
.vt .body { text-align: justify; min-width: 0; }
.mast { grid-column: 1 / -1; display: flex; justify-content: space-between; align-items: flex-end;
  border-bottom: 3.5px double #000; padding-bottom: 4px; overflow: hidden; }
.mtitle { font-family: '%(mf)s'; font-weight: 700; line-height: 1.1; letter-spacing: 0.05em; }
.mline { font-family: '%(sans)s'; font-size: %(small).2fpx; line-height: 1.5; }
.ears { display: flex; gap: %(g).2fpx; align-items: flex-end; }
.ear { border: 1px solid #000; padding: 0.35em 0.6em; font-family: '%(sans)s'; }
.ear p { font-size: %(ear).2fpx; line-height: 1.35; }
.ear p.see { text-align: right; font-size: %(small).2fpx; }
""" % dict(W=W, H=H, m=geo["margin"], cw=W - 2 * geo["margin"], ch=H - 2 * geo["margin"], n=geo["n"],
           colw=geo["colw"], g=g, hg=g / 2, tracks=tracks, pad=0.45 * fs, bp=0.6 * fs, vr=-g / 2,
           hf=hf, hw=hw, kai=KAI, sans=SANS, bf=geo["body_font"], fs=fs, lh=lh, hgap=0.35 * fs,
           sub=1.15 * fs, by=0.95 * fs, small=0.85 * fs, tfs=0.9 * fs, adfs=0.95 * fs, ear=1.05 * fs,
           mf=geo.get("mast_font", "Noto Serif CJK SC"))


def span_style(leaf, rows):
    c0, c1, y0, y1 = leaf
    return "grid-column: %d / %d; grid-row: %d / %d;" % (c0 + 1, c1 + 1, rows.index(y0) + 1, rows.index(y1) + 1)


def art_classes(geo, leaf, top, extra=()):
    c0, c1, y0, y1 = leaf
    cls = ["art"] + list(extra)
    if "boxed" not in extra:
        if y0 > top:
            cls.append("top-rule" if geo["rules"] else "not-top")
        if c0 > 0 and geo["rules"]:
            cls.append("vrule")
        cls.append("bottom-gap")
    return " ".join(cls)


def width_px(geo, w):
    return w * geo["colw"] + (w - 1) * geo["g"]


def headline_block(pg, geo, art, w, h, lead=False, vertical=False):
    """Kicker, headline, subhead and byline of an article, as HTML."""
    rng, pool = pg.rng, pg.pool
    if vertical:
        hs = geo["fs"] * rng.uniform(1.5, 2.0)
        per_line = max(4, int(h * 0.92 / hs))
        text = pool.headline(5, min(16, per_line))
    else:
        hs = min(36 * PT, max(13 * PT, (11 + 3.2 * w + rng.uniform(-2, 3) + (5 if lead else 0)) * PT))
        per_line = max(4, int(width_px(geo, w) / hs))
        text = pool.headline(5, max(6, min(26, 2 * per_line - 1)))
    align = "center" if (not vertical and rng.random() < 0.5) else "start"
    out = []
    if not vertical and rng.random() < 0.25:
        out.append(pg.el("div", "kicker", "subhead", art, esc(pool.clause(6, max(8, min(20, int(per_line * hs / (1.15 * geo["fs"]))))))))
    out.append(pg.el("h2", "hl", "headline", art, esc(text), "font-size:%.2fpx;text-align:%s" % (hs, align)))
    if not vertical and rng.random() < 0.35:
        out.append(pg.el("div", "sub", "subhead", art, esc("——" + pool.clause(6, max(8, min(18, int(width_px(geo, w) / (1.15 * geo["fs"])) - 3)))),
                         "text-align:%s" % align))
    if rng.random() < 0.6:
        r = rng.random()
        parts = ["本报记者", pool.name()] if r < 0.5 else (
            ["本报记者", pool.name(), "通讯员", pool.name()] if r < 0.8 else ["新华社记者", pool.name()])
        out.append(pg.el("div", "by", "byline", art, fields(parts), "text-align:%s" % align))
    return "".join(out)


def capacity(geo, w_px, h_px, fs=None):
    fs = fs or geo["fs"]
    return int(1.6 * (w_px / fs) * (h_px / (fs * geo["lh"]))) + 200


def figure(pg, geo, art, w_px, h_px, cls="fig", style=""):
    rng = pg.rng
    iw = max(60, int(w_px * 1.6))
    ih = max(40, int(h_px * 1.6))
    img = data_url(picture(rng, iw, ih))
    cap_id = pg.uid("cap")
    cap = pg.pool.clause(8, 30)
    cap_html = '<div class="cap" id="%s" data-t="caption" data-a="%d"><p data-p="%d">%s</p>%s</div>' % (
        cap_id, art, pg.pid(), esc(("图为" if rng.random() < 0.5 else "") + cap + "。"),
        ('<p data-p="%d" style="text-align:right">%s</p>' % (pg.pid(), esc(pg.pool.name() + " 摄"))) if rng.random() < 0.6 else "")
    return ('<div class="%s" style="%s"><div class="img" data-t="image" data-a="%d" data-cap="%s" style="height:%.1fpx">'
            '<img src="%s"></div>%s</div>') % (cls, style, art, cap_id, h_px, img, cap_html)


def body_html(pg, geo, art, kind, w, body_h, jump):
    """Body containers of a news article; registers the fill chain."""
    rng = pg.rng
    ids, parts = [], []
    w_px = width_px(geo, w)
    ruled = geo["rules"] and w >= 2
    if kind == "grid" and w >= 2:
        pg.features.add("grid")
        for _ in range(w):
            i = pg.uid("b")
            ids.append(i)
            parts.append('<div class="body" id="%s" data-t="body" data-a="%d" data-k="grid"></div>' % (i, art))
        html_ = '<div class="gridb%s" style="grid-template-columns:repeat(%d,minmax(0,1fr))">%s</div>' % (
            " ruled" if ruled else "", w, "".join(parts))
    elif kind == "float":
        pg.features.add("float")
        i = pg.uid("b")
        ids.append(i)
        fw = w_px * 0.56
        fh = min(body_h * 0.5, fw * rng.uniform(0.6, 1.0))
        fig = figure(pg, geo, art, fw, fh, cls="flt" + (" left" if rng.random() < 0.4 else ""))
        html_ = '<div class="body" id="%s" data-t="body" data-a="%d" data-k="float">%s</div>' % (i, art, fig)
    else:
        pg.features.add("multicol")
        i = pg.uid("b")
        ids.append(i)
        html_ = '<div class="body mc%s" id="%s" data-t="body" data-a="%d" data-k="multicol" style="column-count:%d"></div>' % (
            " ruled" if ruled else "", i, art, w)
    paras = pg.paras(capacity(geo, w_px, body_h))
    if rng.random() < 0.3:
        paras[0]["t"] = "本报讯（记者 %s）" % pg.pool.name() + paras[0]["t"]
    tail = None
    if jump:
        pg.features.add("jump")
        tail = dict(p=pg.pid(), t=rng.choice(["（转第%d版）", "（下转第%d版）", "（转%d版）"]) % rng.randint(2, 16), cls="jump")
    pg.chains.append(dict(conts=ids, paras=paras, tail=tail, minChars=2))
    return html_, ids


def article_html(pg, geo, leaf, k, rows, top):
    kind = k["kind"]
    c0, c1, y0, y1 = leaf
    w, h = c1 - c0, y1 - y0
    lead = y0 == top and c0 == 0
    if kind == "lshape":
        return lshape_html(pg, geo, leaf, k, rows, top)
    if kind == "photo":
        return photo_html(pg, geo, leaf, rows, top)
    if kind == "table":
        return table_html(pg, geo, leaf, rows, top)
    if kind == "ads":
        return ads_html(pg, geo, leaf, rows, top)
    if kind == "vert":
        return vert_html(pg, geo, leaf, rows, top)
    return news_html(pg, geo, leaf, k, rows, top, lead)


def news_html(pg, geo, leaf, k, rows, top, lead=False, art=None, head=True, style_extra=""):
    c0, c1, y0, y1 = leaf
    w, h = c1 - c0, y1 - y0
    art = art if art is not None else pg.art()
    extra = ["boxed"] if k.get("box") else []
    if extra:
        pg.features.add("box")
    parts = [headline_block(pg, geo, art, w, h, lead)] if head else []
    body_h = h * 0.78
    if k.get("pictop") and w >= 2 and h >= 1.6 * geo["min_h"]:
        pg.features.add("pictop")
        fh = min(h * pg.rng.uniform(0.2, 0.33), h - 16 * geo["fs"] * geo["lh"])
        parts.append(figure(pg, geo, art, width_px(geo, w), fh))
        body_h -= fh
    body, _ = body_html(pg, geo, art, k.get("body", "multicol"), w, body_h, k.get("jump"))
    parts.append(body)
    return '<article class="%s" style="%s%s">%s</article>' % (
        art_classes(geo, leaf, top, extra), span_style(leaf, rows), style_extra, "".join(parts))


def lshape_html(pg, geo, leaf, k, rows, top):
    """Neighbour B in the top-left corner; article A to its right and continuing under it (L shape)."""
    rng = pg.rng
    c0, c1, y0, y1 = leaf
    w, h = c1 - c0, y1 - y0
    cb, yb = k["cb"], k["yb"]
    pg.features.add("lshape")
    b_leaf = (c0, cb, y0, yb)
    b_html = news_html(pg, geo, b_leaf, dict(body="multicol" if cb - c0 > 1 else "multicol"), rows, top)
    art = pg.art()
    a1 = (cb, c1, y0, yb)
    a2 = (c0, c1, yb, y1)
    head = headline_block(pg, geo, art, c1 - cb, yb - y0, y0 == top)
    kind = k.get("body") or "multicol"
    kind = "multicol" if kind == "float" else kind
    b1_html, ids1 = body_html(pg, geo, art, kind, c1 - cb, (yb - y0) * 0.8, False)
    chain1 = pg.chains.pop()
    b2_html, ids2 = body_html(pg, geo, art, kind, w, (y1 - yb) * 0.9, k.get("jump"))
    chain2 = pg.chains.pop()
    pg.chains.append(dict(conts=ids1 + ids2, paras=chain1["paras"] + chain2["paras"], tail=chain2["tail"], minChars=2))
    a1_html = '<article class="%s" style="%s">%s%s</article>' % (art_classes(geo, a1, top), span_style(a1, rows), head, b1_html)
    cls2 = art_classes(geo, a2, top).replace("top-rule", "not-top")
    a2_html = '<article class="%s" style="%s">%s</article>' % (cls2, span_style(a2, rows), b2_html)
    return b_html + a1_html + a2_html


def photo_html(pg, geo, leaf, rows, top):
    rng = pg.rng
    c0, c1, y0, y1 = leaf
    art = pg.art()
    pg.features.add("photo")
    w_px = width_px(geo, c1 - c0)
    img = data_url(picture(rng, int(w_px * 1.6), int((y1 - y0) * 1.3)))
    cap_id = pg.uid("cap")
    head = pg.el("h2", "hl", "headline", art, esc(pg.pool.headline(5, 14)), "font-size:%.2fpx" % (geo["fs"] * 1.4)) if rng.random() < 0.5 else ""
    cap = ('<div class="cap" id="%s" data-t="caption" data-a="%d"><p data-p="%d">%s</p><p data-p="%d" style="text-align:right">%s</p></div>') % (
        cap_id, art, pg.pid(), esc(pg.pool.clause(12, 40) + "。" + pg.pool.clause(10, 30) + "。"), pg.pid(), esc(pg.pool.name() + " 摄"))
    return ('<article class="%s" style="%s">%s<div class="pn"><div class="img" data-t="image" data-a="%d" data-cap="%s">'
            '<img src="%s"></div>%s</div></article>') % (art_classes(geo, leaf, top), span_style(leaf, rows), head, art, cap_id, img, cap)


def table_html(pg, geo, leaf, rows, top):
    rng = pg.rng
    c0, c1, y0, y1 = leaf
    art = pg.art()
    pg.features.add("table")
    tid = pg.uid("t")
    trs = []
    need = int((y1 - y0) / (0.9 * geo["fs"] * 1.45)) + 2     # rows that fill the leaf
    extra = random.Random("table:%s:%d" % (tid, need))
    if width_px(geo, c1 - c0) / (0.9 * geo["fs"]) >= 24 and rng.random() < 0.6:
        title = rng.choice(["沪深股市行情", "今日股市", "股市行情一览", "个股收盘价"])
        trs.append('<tr class="head" data-p="%d"><th>代码</th> <th>名称</th> <th>收盘</th> <th>涨跌</th></tr>' % pg.pid())
        for k in range(max(60, need)):
            r = rng if k < 60 else extra     # rows past the 60th (tall tables) come from their own RNG
            code = "%s%04d" % (r.choice(["600", "601", "000", "002", "300"]), r.randint(0, 9999))
            name = "".join(r.choice(STOCK_WORDS) for _ in range(r.choice((2, 4))))
            price = r.uniform(2, 80)
            ch = r.uniform(-9.9, 9.9)
            trs.append('<tr data-unit="1" data-p="%d"><td>%s</td> <td>%s</td> <td class="num">%.2f</td> <td class="num">%+.2f%%</td></tr>' % (
                pg.pid(), code, esc(name), price, ch))
    else:
        title = "%s节目预告" % rng.choice(CHANNELS)
        t = rng.randint(6, 8) * 60 + rng.choice((0, 30))
        for k in range(max(40, need)):
            r = rng if k < 40 else extra
            trs.append('<tr data-unit="1" data-p="%d"><td>%02d:%02d</td> <td>%s</td></tr>' % (pg.pid(), t // 60 % 24, t % 60, esc(r.choice(TV))))
            t += r.choice((15, 20, 30, 45, 60, 90))
    head = pg.el("h2", "hl", "headline", art, esc(title), "font-size:%.2fpx;text-align:center" % (geo["fs"] * 1.35))
    pg.trims.append(tid)
    return '<article class="%s" style="%s">%s<div class="tbl" id="%s" data-t="body" data-a="%d" data-k="table"><table>%s</table></div></article>' % (
        art_classes(geo, leaf, top), span_style(leaf, rows), head, tid, art, "".join(trs))


def ads_html(pg, geo, leaf, rows, top):
    rng = pg.rng
    c0, c1, y0, y1 = leaf
    w, h = c1 - c0, y1 - y0
    pg.features.add("ads")
    ncol = min(w, 4)
    nrow = max(1, round(h / 150))
    boxes = []
    for _ in range(ncol * nrow):
        art = pg.art()
        title, tmpl = rng.choice(ADS)
        vals = dict(n=pg.pool.name() + rng.choice(["", "商贸有限公司", "建材经营部", "餐饮店"]),
                    d="%d" % rng.randint(1000, 99999), k=rng.choice("一二三四五六"),
                    **{key: rng.choice(v) for key, v in AD_FILL.items()})
        paras = [dict(p=pg.pid(), t=s.format(**vals)) for s in tmpl]
        paras.append(dict(p=pg.pid(), t="电话：%s" % rng.choice(["1%d%08d" % (rng.randint(30, 89), rng.randint(0, 99999999)),
                                                                "0%d-%d" % (rng.randint(10, 999), rng.randint(2000000, 89999999))])))
        bid = pg.uid("ad")
        pg.chains.append(dict(conts=[bid], paras=paras, tail=None, minChars=2, short=True))
        boxes.append('<div class="ad">%s<div class="body" id="%s" data-t="body" data-a="%d" data-k="ad"></div></div>' % (
            pg.el("div", "hl", "headline", art, esc(title), "font-size:%.2fpx" % (geo["fs"] * rng.uniform(1.2, 1.6))), bid, art))
    return '<div class="%s" style="%s"><div class="ads" style="flex:1 1 0;grid-template-columns:repeat(%d,minmax(0,1fr));grid-template-rows:repeat(%d,minmax(0,1fr))">%s</div></div>' % (
        art_classes(geo, leaf, top), span_style(leaf, rows), ncol, nrow, "".join(boxes))


def vert_html(pg, geo, leaf, rows, top):
    """A vertical-text article (writing-mode: vertical-rl): columns right to left, each top to bottom."""
    c0, c1, y0, y1 = leaf
    w, h = c1 - c0, y1 - y0
    art = pg.art()
    pg.features.add("vert")
    head = headline_block(pg, geo, art, w, h * 0.85, vertical=True)
    bid = pg.uid("v")
    paras = pg.paras(capacity(geo, width_px(geo, w), h))
    pg.chains.append(dict(conts=[bid], paras=paras, tail=None, minChars=2))
    body = '<div class="body" id="%s" data-t="body" data-a="%d" data-k="vertical"></div>' % (bid, art)
    cls = art_classes(geo, leaf, top)
    return '<article class="%s" style="%s"><div class="vt" style="flex:1 1 0;min-height:0">%s%s</div></article>' % (
        cls, span_style(leaf, rows), head, body)


def masthead_html(pg, geo, mast_h):
    rng, pool = pg.rng, pg.pool
    title = rng.choice(pool.titles) if pool.titles and rng.random() < 0.3 else rng.choice(REGIONS) + rng.choice(PAPERS)
    geo["mast_font"] = rng.choice(["Noto Serif CJK SC", KAI, "Noto Sans CJK SC"])
    ts = min(mast_h * 0.48, (pg.W * 0.45) / max(3, len(title)))
    d = datetime.date(1995, 1, 1) + datetime.timedelta(days=rng.randint(0, 10500))
    date = ["%d年%d月%d日" % (d.year, d.month, d.day), "星期" + WEEKDAYS[d.weekday()],
            "今日%d版" % rng.choice((4, 8, 12, 16, 24)), "总第%d期" % rng.randint(1000, 25000)]
    info = rng.choice(pool.info) if pool.info and rng.random() < 0.4 else \
        "国内统一连续出版物号 CN %d-%04d 邮发代号 %d-%d" % (rng.randint(11, 65), rng.randint(1, 9999), rng.randint(1, 88), rng.randint(1, 99))
    left = ('<div class="mleft">%s%s%s</div>') % (
        pg.el("div", "mtitle", "masthead", 0, esc(title), "font-size:%.1fpx" % ts),
        pg.el("div", "mline", "masthead", 0, fields(date)),
        pg.el("div", "mline", "masthead", 0, esc(info)))
    ears = []
    for _ in range(rng.choice((0, 1, 2)) if pg.W > pg.H * 0.9 else rng.choice((1, 2))):
        a = 1000 + len(ears)
        ears.append('<div class="ear" data-t="teaser" data-a="%d" style="max-width:%.0fpx"><p data-p="%d">%s</p><p class="see" data-p="%d">详见%02d版</p></div>' % (
            a, pg.W * 0.22, pg.pid(), esc(pool.headline(6, 16)), pg.pid(), rng.randint(2, 16)))
    if ears:
        pg.features.add("teaser")
    return '<header class="mast" style="grid-row: 1 / 2">%s<div class="ears">%s</div></header>' % (left, "".join(ears))
