"""The browser page generator (benchmarks/browserpages) writes ground truth that agrees with itself.

A benchmark tool, not part of digitize: skipped when Debian's chromium or playwright is not installed.
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from .fixtures import benchmarks

CHROMIUM = "/usr/bin/chromium"
GEN = Path(__file__).resolve().parents[1] / "benchmarks" / "browserpages" / "make.py"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no /usr/bin/chromium (benchmark tool only)")

SENTENCES = ["新华社北京电，记者从有关部门获悉，今年全省粮食总产量再创新高。",
             "本报记者 王明 报道：城市公共交通线路调整方案已经公布，市民出行更加方便。",
             "专家认为，科技创新是推动经济高质量发展的重要力量，各地应当加大投入。",
             "据统计，全市共有一千二百多所中小学完成了校舍改造，惠及学生四十余万人。",
             "会议强调，要坚持实事求是的思想路线，把各项工作落到实处。"]


def _load():
    pytest.importorskip("playwright")
    return benchmarks.load("browserpages/make.py", "browserpages_make")


def _text(tmp_path):
    paras = []
    for i in range(120):
        paras.append("".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(2 + i % 3)))
        paras.append(["经济建设取得新进展", "科技创新引领发展", "文化事业繁荣兴旺", "记者 李华"][i % 4])
    p = tmp_path / "text.txt"
    p.write_text("\n".join(paras), encoding="utf-8")
    return str(p)


def _norm(s):
    return re.sub(r"\s+", "", s)


def test_ground_truth_is_consistent_and_deterministic(tmp_path):
    make = _load()
    text = _text(tmp_path)
    plan = "light:half:body=multicol:feat=lshape+table+vert+box+jump+rule"
    for out in ("a", "b"):
        assert make.main(["--out", str(tmp_path / out), "--seed", "1", "--text", text, "--plan", plan]) == 0
    gt = json.loads((tmp_path / "a" / "bp_000.gt.json").read_text(encoding="utf-8"))
    # same seed, same pages
    assert (tmp_path / "a" / "bp_000.gt.json").read_text() == (tmp_path / "b" / "bp_000.gt.json").read_text()
    W, H = gt["width"], gt["height"]
    assert (W, H, gt["dpi"]) == (3300, 2350, 300)
    assert 0.3 <= abs(gt["rotation_deg"]) <= 1.5
    for f in ("lshape", "table", "vert", "box", "jump"):
        assert f in gt["layout"]["features"]
    blocks = {b["id"]: b for b in gt["blocks"]}
    assert [b["order"] for b in gt["blocks"]] == list(range(len(gt["blocks"])))
    # articles follow the shared bench's convention: masthead, then rows of tops (40 px), left to right;
    # the document's own order is kept beside it
    assert sorted(b["dom_order"] for b in gt["blocks"]) == list(range(len(gt["blocks"])))
    arts = []
    for b in gt["blocks"]:
        if not arts or arts[-1][0] != b["article"]:
            arts.append((b["article"], [b]))
        else:
            arts[-1][1].append(b)
    assert len({a for a, _ in arts}) == len(arts)          # an article's blocks are read together
    tops = [(min(b["bbox_orig"][1] for b in bs), min(b["bbox_orig"][0] for b in bs)) for a, bs in arts
            if any(b["type"] != "masthead" for b in bs)]
    for (t0, l0), (t1, l1) in zip(tops, tops[1:]):
        assert t1 >= t0 - 40 and (t1 > t0 + 40 or l1 > l0 or t1 >= t0), (t0, l0, t1, l1)
    lines_of = {}
    for ln in gt["lines"]:
        b = blocks[ln["block"]]
        lines_of.setdefault(b["id"], []).append(ln)
        x0, y0, x1, y1 = ln["bbox_orig"]
        bx0, by0, bx1, by1 = b["bbox_orig"]
        assert bx0 <= x0 < x1 <= bx1 and by0 <= y0 < y1 <= by1, (ln, b)
        assert 0 <= ln["bbox"][0] < ln["bbox"][2] <= W and 0 <= ln["bbox"][1] < ln["bbox"][3] <= H
        assert ln["text"].strip() == ln["text"] and ln["text"]
    # every text block holds its lines' text; the text file is the lines in reading order
    for bid, b in blocks.items():
        if b["type"] != "image":
            assert b["text"] == "".join(l["text"] for l in lines_of[bid])
    gt_txt = (tmp_path / "a" / "bp_000.gt.txt").read_text(encoding="utf-8")
    assert _norm(gt_txt) == _norm("".join(l["text"] for l in gt["lines"]))
    # lines of one block do not overlap (a line is one visual line)
    for ls in lines_of.values():
        for i, a in enumerate(ls):
            for c in ls[i + 1:]:
                ix = min(a["bbox_orig"][2], c["bbox_orig"][2]) - max(a["bbox_orig"][0], c["bbox_orig"][0])
                iy = min(a["bbox_orig"][3], c["bbox_orig"][3]) - max(a["bbox_orig"][1], c["bbox_orig"][1])
                assert ix <= 2 or iy <= 2, (a, c)
    # a vertical block's lines are columns read right to left
    vert = [b for b in gt["blocks"] if b.get("vertical") and b["type"] == "body"]
    assert vert
    xs = [l["bbox_orig"][0] for l in lines_of[vert[0]["id"]]]
    assert len(xs) >= 2 and xs == sorted(xs, reverse=True)
    # the rotated box of a line is where the rotation puts its unrotated box
    import cv2
    import numpy as np
    M = cv2.getRotationMatrix2D((W / 2, H / 2), gt["rotation_deg"], 1.0)
    ln = gt["lines"][len(gt["lines"]) // 2]
    x0, y0 = ln["bbox_orig"][:2]
    px, py = M @ np.array([x0, y0, 1.0])
    assert abs(ln["poly"][0][0] - px) <= 1 and abs(ln["poly"][0][1] - py) <= 1
    # the page image shows ink inside the first body line and the image has the stated size
    img = cv2.imread(str(tmp_path / "a" / gt["image"]), cv2.IMREAD_GRAYSCALE)
    assert img.shape == (H, W)
    body = next(l for l in gt["lines"] if blocks[l["block"]]["type"] == "body")
    x0, y0, x1, y1 = body["bbox"]
    assert img[y0:y1, x0:x1].min() < 120


def test_vertical_and_microfilm_pages(tmp_path):
    make = _load()
    pytest.importorskip("opencc")
    import cv2
    import numpy as np
    text = _text(tmp_path)
    out = tmp_path / "vm"
    assert make.main(["--out", str(out), "--seed", "1", "--text", text, "--prefix", "p",
                      "--plan", "clean:half:kind=vertical:mast=right,microfilm:half:film=g4:dpi=216"]) == 0
    v = json.loads((out / "p000.gt.json").read_text(encoding="utf-8"))
    assert v["layout"]["writing_mode"] == "vertical-rl"
    txt = (out / "p000.gt.txt").read_text(encoding="utf-8")
    assert "会" not in txt and "會" in txt          # converted to traditional
    assert not re.search(r"[0-9“”]", txt)            # Chinese numerals, 「」 quotes
    body = [b for b in v["blocks"] if b["type"] == "body"]
    assert body and all(b.get("vertical") for b in body)
    by_id = {b["id"]: b for b in v["blocks"]}
    for b in body:   # columns read right to left, each a tall narrow line
        ls = [l for l in v["lines"] if l["block"] == b["id"]]
        xs = [l["bbox_orig"][0] for l in ls]
        assert xs == sorted(xs, reverse=True)
        assert all(l["bbox_orig"][3] - l["bbox_orig"][1] > l["bbox_orig"][2] - l["bbox_orig"][0] for l in ls if len(l["text"]) >= 3)
    # within a tier, articles are read right to left: body blocks that share a top edge go leftwards
    tops = {}
    for b in body:
        tops.setdefault(by_id[b["id"]]["bbox_orig"][1] // 30, []).append(b["bbox_orig"][0])
    assert any(len(xs) >= 2 for xs in tops.values())
    for xs in tops.values():
        assert xs == sorted(xs, reverse=True)
    m = json.loads((out / "p001.gt.json").read_text(encoding="utf-8"))
    assert m["dpi"] == 216 and (m["width"], m["height"]) == (1056 * 216 // 96, 752 * 216 // 96)
    img = cv2.imread(str(out / m["image"]), cv2.IMREAD_UNCHANGED)
    assert img.shape[:2] == (m["height"], m["width"]) and set(np.unique(img)) <= {0, 1, 255}
    T = np.array(m["degradation"]["homography"])
    ln = m["lines"][len(m["lines"]) // 2]
    x0, y0 = ln["bbox_orig"][:2]
    q = T @ np.array([x0, y0, 1.0])
    assert abs(ln["poly"][0][0] - q[0] / q[2]) <= 1 and abs(ln["poly"][0][1] - q[1] / q[2]) <= 1
    assert m["layout"]["body_pt"] <= 7.5 and 5 <= m["layout"]["columns"] <= 8


def test_convention_reads_a_tall_article_in_the_row_of_its_top():
    """The document reads a stack of two articles before the tall one beside it (a vertical cut first);
    the shared bench's convention reads the tall one in the row of its top edge, after the masthead."""
    make = _load()

    def blk(article, t, box):
        return dict(article=article, type=t, bbox_orig=box)

    dom = [blk(0, "masthead", [100, 50, 900, 150]),
           blk(1, "headline", [100, 200, 500, 250]), blk(1, "body", [100, 260, 500, 700]),
           blk(2, "headline", [100, 760, 500, 800]), blk(2, "body", [100, 810, 500, 1400]),
           blk(3, "headline", [540, 220, 900, 270]), blk(3, "body", [540, 280, 900, 1400])]
    got = [(b["article"], b["type"]) for b in make.convention_order(dom, 300)]
    assert got == [(0, "masthead"), (1, "headline"), (1, "body"), (3, "headline"), (3, "body"),
                   (2, "headline"), (2, "body")]
    # at 150 dpi the row tolerance is 20 px: a top 30 px lower starts the next row
    dom2 = [blk(1, "body", [100, 200, 500, 300]), blk(2, "body", [50, 230, 90, 300])]
    assert [b["article"] for b in make.convention_order(dom2, 300)] == [2, 1]
    assert [b["article"] for b in make.convention_order(dom2, 150)] == [1, 2]


def test_film_parts_left_out_change_only_their_part():
    """Diagnostic switches of the microfilm degradation (make.py off=PART, scan=P): each part left out changes only
    that part; every random draw is made all the same, so the rest of the page stays as it was."""
    dg = benchmarks.load("browserpages/degrade.py", "browserpages_degrade")
    import random
    import numpy as np
    page = np.full((300, 240), 255, np.uint8)
    page[100:110, 40:200] = 0                               # one printed bar

    def film(off=()):
        return dg.microfilm(page, random.Random(7), True, off)

    img, angle, _, T = film()
    img2, angle2, _, T2 = film()
    assert np.array_equal(img, img2) and angle == angle2    # deterministic
    flat, a0, _, T0 = film(("keystone", "rotation"))
    assert a0 == 0.0 and np.allclose(T0, np.eye(3)) and not np.allclose(T, np.eye(3))
    quiet, a1, _, T1 = film(("scratches", "dust", "grain", "edge", "exposure", "keystone", "rotation"))
    assert (quiet[100:110, 45:195] == 0).all()                         # the bar is still ink
    assert (quiet[:90] == 255).all() and (quiet[120:] == 255).all()   # nothing else is
    noisy, a2, _, T2 = film(("keystone", "rotation"))
    assert (noisy[:90] == 0).any()                                     # the film's own marks
    nodust = film(("dust",))
    assert nodust[1] == angle and np.array_equal(nodust[3], T)        # the geometry drawn as without off=
    make = _load()
    plan = make.parse_plan("microfilm:half:film=g4:off=grain+dust:scan=clean")
    assert plan[0]["off"] == ("grain", "dust") and plan[0]["scan"] == "clean"
    for bad in ("microfilm:half:off=fog", "clean:half:scan=light", "clean:half:off=grain"):
        with pytest.raises(SystemExit):
            make.parse_plan(bad)


@pytest.mark.skipif(not shutil.which("fc-list") or "AR PL UMing TW" not in subprocess.run(
    ["fc-list", ":", "family"], capture_output=True, text=True).stdout,
    reason="the AR PL UMing TW font (Debian fonts-arphic-uming, a page generator font) is not installed")
def test_vert_marks_prints_the_marks_a_uming_vertical_column_leaves_blank():
    """AR PL UMing TW has no vertical form of ，；：: at 9 pt (12 CSS px, a vertical page's body size) Chromium
    leaves their cells blank in vertical-rl text, and make.py --ink-check finds them; with --vert-marks
    (vertical.VERT_MARKS_FACE first) every cell holds ink."""
    make = _load()
    import cv2
    import numpy as np
    from playwright.sync_api import sync_playwright
    vertical = make.vertical
    text = "天氣晴朗，氣溫回升；市民說：今年冬天不冷，出行方便。"
    s = 300 / 96

    def page(marks):
        fam = ("'%s', " % vertical.VERT_MARKS_FACE if marks else "") + "'AR PL UMing TW'"
        style = (vertical.vert_marks_faces() if marks else "") + (
            "body { margin: 0; background: #fff; } #c { position: absolute; left: 20px; top: 10px; width: 160px; "
            "height: 160px; writing-mode: vertical-rl; font-family: %s; font-size: 12px; line-height: 1.5; }" % fam)
        return ('<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><style>%s</style></head><body>'
                '<div id="c" data-t="body" data-a="1"><p data-p="0">%s</p></div></body></html>') % (style, text)

    blank = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=make.CHROME_ARGS)
        try:
            for marks in (False, True):
                ctx = browser.new_context(viewport={"width": 200, "height": 400}, device_scale_factor=s)
                pg = ctx.new_page()
                pg.set_content(page(marks), wait_until="load")
                pg.evaluate("document.fonts.ready.then(() => true)")
                pg.add_script_tag(path=make.PAGE_JS)
                raw = pg.evaluate("__bp.extract({chars: true})")
                img = cv2.imdecode(np.frombuffer(pg.screenshot(type="png"), np.uint8), cv2.IMREAD_GRAYSCALE)
                ctx.close()
                H, W = img.shape
                chk = make.ink_check(img, raw, s, W, H)
                assert "".join(c for c, f, t, ink, dark in chk) == text
                assert {f for c, f, t, ink, dark in chk} == {"AR PL UMing TW"}
                blank[marks] = "".join(c for c, f, t, ink, dark in chk if not ink)
        finally:
            browser.close()
    assert blank[False] == "，；：，"
    assert blank[True] == ""
