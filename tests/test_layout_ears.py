"""The masthead band's ear (报眼): a teaser box beside the title whose frame is not found closed (a rule on its top,
rules down its sides, its bottom the band's double rule: synth 126 sk3_007) or that holds more lines than a teaser
box (synth 101 sw_005).  Its lines stood above the band's rule, so they were typed masthead and read by their
tops inside the band, between the title and its info lines.  An ear is a teaser article of its own, read after
the band; the masthead's own lines set far beside the title with no box round them stay in the band."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from digitize import layout, preprocess
from digitize.config import Settings
from digitize.geometry import Box
from digitize.layout.masthead import band_ears
from digitize.layout.regions import Region, Seg
from digitize.layout.separators import Rule
from digitize.load import load_pages
from digitize.model import BlockType
from tests.fixtures.render import PageSpec, render_page
from tests.fixtures.typeset import font

EAR_LINES = ["祝福新世纪祝福祖国", "好全国政协新世纪第", "一个新年茶话会侧记", "越南国家主席陈德良",
             "推进国家的工业化进", "程取得新的成果", "详见16版"]


def page_with_ear(tmp_path: Path) -> tuple[Box, Box, object]:
    """The fixture's masthead (title left, date lines at the right, the band's double rule under them) with an
    ear drawn between them: seven lines in a box of three sides, a rule on top and two down its sides to just
    above the double rule.  Returns the ear's box and the date lines' box (scan px) and the laid out page."""
    r = render_page(PageSpec(masthead=True, bands=2, width=2400, height=3000, seed=3))
    title = next(b for b in r.blocks if b["type"] == "masthead")
    info = [b for b in r.blocks if b["type"] == "masthead"][1]
    double = next(b for b in r.blocks if b.get("kind") == "double")
    im = Image.fromarray(r.image)
    d = ImageDraw.Draw(im)
    size, pitch = 26, 36
    x0, x1 = title["box"][2] + 300, title["box"][2] + 300 + 10 * size
    y0 = title["box"][1] - 10
    bottom = double["box"][1] - 12
    d.rectangle([x0, y0, x1, y0 + 2], fill=0)                      # the top rule
    d.rectangle([x0, y0, x0 + 2, bottom], fill=0)                  # the sides, down to just above the band's rule
    d.rectangle([x1 - 2, y0, x1, bottom], fill=0)
    f = font("sans_bold", size)
    for i, t in enumerate(EAR_LINES):
        d.text((x0 + 12, y0 + 12 + i * pitch), t, font=f, fill=0)
    assert y0 + 12 + len(EAR_LINES) * pitch < bottom
    r.image = np.asarray(im).copy()
    path = r.save(tmp_path / "ear.png")
    settings = Settings()
    page, scan = next(load_pages(path, settings.input))
    page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
    return Box(x0, y0, x1, bottom), Box(*info["box"]), page


def test_an_ear_beside_the_masthead_title_is_a_teaser_article_read_after_the_band(tmp_path: Path) -> None:
    ear, info, page = page_with_ear(tmp_path)
    blocks = page.ordered_blocks()
    inside = [b for b in blocks if b.type.is_text and ear.intersection(b.box) > 0.5 * b.box.area]
    assert inside and sum(len(b.lines) for b in inside) >= len(EAR_LINES) - 1
    assert all(b.type == BlockType.TEASER for b in inside)
    arts = {b.article for b in inside}
    assert len(arts) == 1
    art = next(a for a in page.articles if a.id in arts)
    assert set(art.block_ids) == {b.id for b in inside}               # a teaser article of its own
    band = [b for b in blocks if b.type == BlockType.MASTHEAD]
    assert len(band) >= 2                                            # the title and the date lines stay
    assert any(info.intersection(b.box) > 0.5 * b.box.area for b in band)
    assert max(b.order for b in band) < min(b.order for b in inside)  # read after the band


def _line_region(x0: int, y0: int, x1: int, y1: int) -> Region:
    return Region(Box(x0, y0, x1, y1), BlockType.MASTHEAD, [Seg(Box(x0, y0, x1, y1))], font=float(y1 - y0),
                  masthead=True)


def test_band_ears_measures_the_white_beside_the_title_and_asks_for_a_box() -> None:
    """On band blocks alone (layout px, em 10): a slogan 3 em beside the title and the info lines under it are the
    title's; a speck between the slogan and the ear bridges nothing; a box 6 em off with a rule on top is an ear;
    date lines 20 em off with no rule round them stay in the band."""
    em = 10.0
    title = Seg(Box(100, 20, 500, 80))
    t = _line_region(100, 20, 500, 80)
    slogan = _line_region(530, 30, 640, 60)         # 3 em beside the title
    info = _line_region(90, 90, 560, 110)           # under it
    speck = _line_region(660, 40, 672, 52)          # 2 em from the slogan, 1.8 em from the ear: 1.2 em wide
    ear = _line_region(700, 25, 850, 95)            # 6 em from the slogan
    dates = _line_region(1050, 30, 1200, 70)        # 20 em off, no box
    band = [t, slogan, info, speck, ear, dates]
    top = Rule(Box(695, 18, 855, 20), "h", 2.0)
    assert band_ears(band, title, em, [], []) == 0                   # no box round it: no ear
    assert all(r.type == BlockType.MASTHEAD and r.ear is None for r in band)
    assert band_ears(band, title, em, [top], []) == 1
    assert ear.type == BlockType.TEASER and ear.ear == 0
    assert all(r.type == BlockType.MASTHEAD and r.ear is None for r in band if r is not ear)
    across = _line_region(700, 25, 850, 95)       # a rule across the page's top boxes nothing
    band2 = [_line_region(100, 20, 500, 80), across]
    assert band_ears(band2, title, em, [Rule(Box(50, 10, 1250, 12), "h", 2.0)], []) == 0
    near = _line_region(560, 25, 700, 95)         # 6 em from the title but 3 em from the slogan: the title's
    band3 = [_line_region(100, 20, 500, 80), _line_region(530, 30, 640, 60), near]
    assert band_ears(band3, title, em, [], [Box(555, 15, 705, 100)]) == 0
