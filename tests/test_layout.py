"""Layout analysis on rendered pages: block recall, block types and reading order against the renderer's truth.

Each test renders its own page, runs load -> preprocess -> layout (no OCR) and compares text blocks with the
ground truth by IoU in the original image frame.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from digitize import layout, preprocess
from digitize.config import LayoutSettings, Settings
from digitize.geometry import Box
from digitize.load import load_pages
from digitize.model import BlockType, Page
from tests.fixtures.render import PageSpec, Rendered, render_page

TEXT_TYPES = {"masthead", "headline", "subhead", "byline", "body", "caption", "teaser"}


def analyse_rendered(spec: PageSpec, tmp_path: Path) -> tuple[Rendered, Page]:
    r = render_page(spec)
    path = r.save(tmp_path / "page.png")
    settings = Settings()
    page, scan = next(load_pages(path, settings.input))
    page = preprocess.run(page, scan, settings.preprocess)
    return r, layout.analyse(page, scan, settings.layout)


def match(r: Rendered, page: Page) -> list[tuple[dict, object]]:
    """Each GT text block (in GT reading order) with its best-IoU hypothesis block if IoU >= 0.5, else None."""
    hyp = [b for b in page.blocks if b.type.is_text]
    out = []
    for g in sorted((b for b in r.blocks if b["type"] in TEXT_TYPES), key=lambda b: b["order"]):
        gb = Box(*g["box"])
        best = max(hyp, key=lambda h: gb.iou(h.box), default=None)
        out.append((g, best if best is not None and gb.iou(best.box) >= 0.5 else None))
    return out


def check(r: Rendered, page: Page, min_recall: float = 1.0, types: bool = True) -> None:
    pairs = match(r, page)
    found = [(g, h) for g, h in pairs if h is not None]
    assert len(found) >= min_recall * len(pairs), [(g["type"], g["box"]) for g, h in pairs if h is None]
    orders = [h.order for _, h in found]
    assert orders == sorted(orders), f"reading order broken: {[(g['type'], h.order) for g, h in found]}"
    if types:
        wrong = [(g["type"], h.type.value) for g, h in found if h.type.value != g["type"]]
        assert not wrong, wrong


def check_model(page: Page) -> None:
    """Structural promises of the layout stage: ids, order, articles, boxes, lines inside blocks."""
    ids = [b.id for b in page.blocks] + [ln.id for b in page.blocks for ln in b.lines] + [s.id for s in page.separators]
    assert len(ids) == len(set(ids))
    assert [b.order for b in page.blocks] == list(range(len(page.blocks)))
    arts = {a.id: a for a in page.articles}
    assert sorted(bid for a in page.articles for bid in a.block_ids) == sorted(b.id for b in page.blocks)
    for b in page.blocks:
        assert b.article in arts and b.id in arts[b.article].block_ids
        assert 0 <= b.box.x0 < b.box.x1 <= page.width and 0 <= b.box.y0 < b.box.y1 <= page.height
        assert (len(b.lines) > 0) == b.type.is_text
        for ln in b.lines:
            assert ln.box.x0 >= b.box.x0 - 2 and ln.box.x1 <= b.box.x1 + 2
            assert ln.box.y0 >= b.box.y0 - 2 and ln.box.y1 <= b.box.y1 + 2
        if b.type == BlockType.CAPTION and b.caption_of:
            assert page.block(b.caption_of).type == BlockType.PICTURE
    assert page.steps[-1].name == "layout"


@pytest.mark.parametrize("spec", [
    PageSpec(columns=3, headline_span=2),
    PageSpec(columns=5, width=2400, headline_span=3),
    PageSpec(columns=4, width=2200, headline_span=4, rules=False),
    PageSpec(columns=4, width=2200, headline_span=2, seed=3, subhead=True),
], ids=["3col", "5col-span3", "4col-span4-norules", "4col-subhead"])
def test_grids_and_spanning_headlines(spec: PageSpec, tmp_path: Path) -> None:
    r, page = analyse_rendered(spec, tmp_path)
    check(r, page)
    check_model(page)
    heads = [b for b in page.blocks if b.type == BlockType.HEADLINE]
    assert heads and heads[0].column is None           # the lead headline spans columns


def test_boxed_article_is_one_article_with_frame(tmp_path: Path) -> None:
    r, page = analyse_rendered(PageSpec(columns=4, width=2200, boxed_article=True), tmp_path)
    check(r, page)
    assert any(s.kind == "frame" for s in page.separators)


@pytest.mark.parametrize("spec", [
    PageSpec(columns=3, picture=True),
    PageSpec(width=2200, height=2400, columns=3, seed=642, headline_span=3, picture=True, picture_at="top",
             boxed_article=True, rules=False, skew_deg=-1.15, noise=10, speckles=300),
], ids=["below-body", "pale-photo-on-top-boxed"])
def test_picture_with_caption(spec: PageSpec, tmp_path: Path) -> None:
    r, page = analyse_rendered(spec, tmp_path)
    check(r, page)
    check_model(page)
    caps = [b for b in page.blocks if b.type == BlockType.CAPTION]
    assert caps and caps[0].caption_of is not None
    pic = page.block(caps[0].caption_of)
    assert pic.article == caps[0].article and pic.order < caps[0].order


@pytest.mark.parametrize("skew", [-1.5, 3.0])
def test_skewed_page(skew: float, tmp_path: Path) -> None:
    r, page = analyse_rendered(PageSpec(columns=4, width=2200, skew_deg=skew, seed=2), tmp_path)
    check(r, page)


def test_dark_border_bleed_and_speckles(tmp_path: Path) -> None:
    spec = PageSpec(border=True, bleed=True, noise=8, speckles=300, blur=1.0, paper=235, ink=40, jpeg_quality=70)
    r, page = analyse_rendered(spec, tmp_path)
    check(r, page, types=False)


def test_masthead_teaser_and_two_bands(tmp_path: Path) -> None:
    r, page = analyse_rendered(PageSpec(masthead=True, teaser=True, bands=2, height=2200), tmp_path)
    check(r, page)
    check_model(page)
    assert page.blocks[0].type == BlockType.MASTHEAD
    assert any(s.kind == "double" for s in page.separators)


def test_rules_are_separators(tmp_path: Path) -> None:
    r, page = analyse_rendered(PageSpec(columns=3, rules=True, bands=2, height=2000), tmp_path)
    gt = [b for b in r.blocks if b["type"] == "separator"]
    for g in gt:
        gb = Box(*g["box"])
        assert any(s.box.intersection(gb) > 0.5 * gb.area for s in page.separators), g


def test_blank_page_gives_no_blocks(tmp_path: Path) -> None:
    from digitize.model import Scan
    page = Page(source=tmp_path / "blank.png", width=600, height=800, dpi=300.0)
    binary = np.zeros((267, 200), np.uint8)
    scan = Scan(original=np.full((800, 600), 255, np.uint8), gray=np.full((800, 600), 255, np.uint8),
                work=np.full((800, 600), 255, np.uint8), binary=binary, binary_scale=200 / 600)
    page = layout.analyse(page, scan, LayoutSettings())
    assert page.blocks == [] and page.articles == []
    assert page.steps[-1].name == "layout"


def test_vertical_block_lines_right_to_left(tmp_path: Path) -> None:
    r, page = analyse_rendered(PageSpec(vertical=True, columns=4, width=2200), tmp_path)
    check(r, page, types=False)
    gt = next(b for b in r.blocks if b.get("vertical"))
    vb = max(page.blocks, key=lambda b: b.box.iou(Box(*gt["box"])))
    assert vb.vertical and vb.type == BlockType.BODY and len(vb.lines) >= 5
    assert all(ln.vertical and ln.box.height > 3 * ln.box.width for ln in vb.lines)
    xs = [ln.box.x0 for ln in vb.lines]
    assert xs == sorted(xs, reverse=True)          # read right to left
    assert not any(b.vertical for b in page.blocks if b is not vb)


def test_text_lines_match_ground_truth(tmp_path: Path) -> None:
    r, page = analyse_rendered(PageSpec(columns=3, picture=True, seed=4), tmp_path)
    hyp = [ln for b in page.blocks for ln in b.lines]
    gt = [Box(*ln["box"]) for ln in r.lines]
    matched = sum(1 for g in gt if max((g.iou(h.box) for h in hyp), default=0) >= 0.5)
    assert matched >= 0.95 * len(gt)
    # no line box reaches into the next line of its block
    for b in page.blocks:
        for a, c in zip(b.lines, b.lines[1:]):
            assert a.box.y1 <= c.box.y0 + 2
    assert any(ln.indent for ln in hyp)            # paragraph starts are marked


def test_heavy_five_column_front_page(tmp_path: Path) -> None:
    spec = PageSpec(width=2600, height=2400, columns=5, seed=7, masthead=True, teaser=True, bands=2, picture=True,
                    headline_span=3, skew_deg=-2.0, noise=10, speckles=800, border=True, bleed=True, blur=1.2,
                    paper=230, ink=45, jpeg_quality=60)
    r, page = analyse_rendered(spec, tmp_path)
    check(r, page, min_recall=0.85, types=False)
    check_model(page)
