"""Vertical pages (layout/vertical_page.py): tiers, articles right to left, columns right to left."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from digitize import layout, preprocess
from digitize.config import Settings
from digitize.geometry import Box
from digitize.load import load_pages
from digitize.model import BlockType
from digitize.layout.vertical_page import cut_order
from tests.fixtures.typeset import draw_vline, font

TEXT = ("新華社北京一月一日電記者從有關部門獲悉今年全國各地群眾以豐富多彩的活動歡慶節日滿懷豪情邁進"
        "新世紀各地政府表示將繼續推進經濟建設改善民生加強科技創新提高人民生活水平")


def vertical_article(draw: ImageDraw.ImageDraw, right: int, top: int, bottom: int, n_cols: int, head: str,
                     start: int) -> list[int]:
    """A headline column at ``right`` and ``n_cols`` body columns to its left; returns their left edges."""
    hf, bf = font("sans_bold", 52), font("serif", 32)
    xs = []
    x = right - 52
    draw_vline(draw, x, top, head, hf)
    xs.append(x)
    x -= 30
    per = (bottom - top) // 32
    for k in range(n_cols):
        x -= 46
        s = (start + k * per) % (len(TEXT) - per)
        draw_vline(draw, x, top, TEXT[s:s + per], bf)
        xs.append(x)
    return xs


def render(tmp_path: Path) -> Path:
    """Two tiers under a rule: in the top tier two articles side by side, in the bottom tier one across."""
    img = Image.new("L", (1500, 1700), 255)
    d = ImageDraw.Draw(img)
    vertical_article(d, 1420, 100, 800, 12, "科技創新在行動", 0)
    vertical_article(d, 720, 100, 800, 11, "經濟建設新成就", 9)
    d.line([(80, 850), (1420, 850)], fill=0, width=3)
    vertical_article(d, 1420, 900, 1600, 26, "新世紀的曙光", 17)
    path = tmp_path / "vertical.png"
    img.save(path, dpi=(300, 300))
    return path


def test_vertical_page_tiers_articles_and_columns(tmp_path: Path) -> None:
    settings = Settings()
    page, scan = next(load_pages(render(tmp_path), settings.input))
    page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
    assert page.orientation == 0
    step = page.steps[-1]
    assert step.name == "layout" and step.settings["writing_mode"] == "vertical"
    text = [b for b in page.ordered_blocks() if b.type.is_text]
    assert all(ln.vertical and ln.box.height > 3 * ln.box.width for b in text for ln in b.lines)
    heads = [b for b in text if b.type == BlockType.HEADLINE]
    assert len(heads) == 3
    # reading order: top tier right article, top tier left article, bottom tier
    assert [h.box.x1 > 1300 and h.box.y0 < 850 for h in heads] == [True, False, False]
    assert heads[1].box.x1 < 800 and heads[1].box.y0 < 850 and heads[2].box.y0 > 850
    assert len(page.articles) == 3
    for h, art in zip(heads, page.articles):
        assert h.article == art.id and art.block_ids[0] == h.id
    # columns of each body right to left, each below nothing of another tier
    for b in text:
        xs = [ln.box.x0 for ln in b.lines]
        assert xs == sorted(xs, reverse=True)
        assert b.box.y1 < 860 or b.box.y0 > 840
    body_top = [b for b in text if b.type == BlockType.BODY and b.box.y0 < 850]
    assert sum(len(b.lines) for b in body_top) >= 20


def test_cut_order_reads_right_part_first_then_top() -> None:
    # two tiers: right article over both tiers, left part cut across into two articles
    items = [(Box(0, 500, 500, 1000), 3), (Box(600, 0, 1000, 1000), 1), (Box(0, 0, 500, 480), 2)]
    assert cut_order(items, 10) == [1, 2, 3]
    # a tier across the page first, then the tier below right to left
    items = [(Box(0, 0, 1000, 400), 1), (Box(0, 450, 480, 900), 3), (Box(520, 450, 1000, 900), 2)]
    assert cut_order(items, 10) == [1, 2, 3]


def test_horizontal_page_is_not_vertical(tmp_path: Path) -> None:
    binary = np.zeros((400, 300), np.uint8)
    for y in range(20, 380, 20):                       # rows of character-sized blobs: horizontal lines
        for x in range(20, 280, 13):
            binary[y:y + 11, x:x + 11] = 255
    from digitize.layout.vertical_page import page_is_vertical
    assert page_is_vertical(binary)[0] is False
    assert page_is_vertical(np.ascontiguousarray(binary.T))[0] is True
