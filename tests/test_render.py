"""The synthetic page renderer: deterministic, consistent ground truth, honest degradations."""
from __future__ import annotations

import re
import time

import cv2
import numpy as np
import pytest
from PIL import Image

from tests.fixtures.render import PageSpec, render_page, write_samples, SAMPLES
from tests.fixtures.texts import load_pool
from tests.fixtures.typeset import NO_LINE_START, font

RICH = dict(width=2000, height=2400, columns=4, seed=5, masthead=True, teaser=True, picture=True,
            boxed_article=True, bands=2, vertical=True, subhead=True)


def _squash(s: str) -> str:
    return re.sub(r"\s", "", s)


def _ink_fraction(img: np.ndarray, box, level: int = 128) -> float:
    x0, y0, x1, y1 = box
    region = img[y0:y1, x0:x1]
    return float((region < level).mean()) if region.size else 0.0


def test_default_spec_renders(rendered_page):
    r = rendered_page()
    assert r.image.dtype == np.uint8 and r.image.shape == (1400, 1800)
    assert r.dpi == 300 and r.rotation_deg == 0.0
    assert np.median(r.image) == 255 and r.image.min() == 0
    types = {b["type"] for b in r.blocks}
    assert {"headline", "body", "separator"} <= types


def test_fonts_are_simplified_chinese_faces_not_tofu():
    f = font("serif", 40)
    assert f.getname()[0] == "Noto Serif CJK SC"
    assert font("sans_bold", 40).getname()[0] == "Noto Sans CJK SC"
    masks = [np.asarray(f.getmask(ch), dtype=np.uint8) for ch in "中国報"]
    assert all(m.sum() > 0 for m in masks)
    assert masks[0].shape != masks[1].shape or not np.array_equal(masks[0], masks[1])


def test_deterministic_per_seed():
    a = render_page(PageSpec(seed=3, noise=5, speckles=200, skew_deg=0.7))
    b = render_page(PageSpec(seed=3, noise=5, speckles=200, skew_deg=0.7))
    c = render_page(PageSpec(seed=4, noise=5, speckles=200, skew_deg=0.7))
    assert np.array_equal(a.image, b.image)
    assert a.blocks == b.blocks and a.lines == b.lines and a.text == b.text
    assert a.text != c.text


@pytest.mark.parametrize("fields", [{}, RICH, dict(RICH, skew_deg=-2.5, border=True), dict(columns=5, headline_span=4)])
def test_boxes_inside_image_and_well_formed(rendered_page, fields):
    r = rendered_page(**fields)
    h, w = r.image.shape
    ids = {b["id"] for b in r.blocks}
    for item in r.blocks + r.lines:
        x0, y0, x1, y1 = item["box"]
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, item
    for ln in r.lines:
        assert ln["block"] in ids and ln["text"]
    for b in r.blocks:
        if b["type"] == "caption":
            assert r.blocks[[x["id"] for x in r.blocks].index(b["caption_of"])]["type"] == "picture"


def test_rich_page_has_every_block_type(rendered_page):
    r = rendered_page(**RICH)
    types = {b["type"] for b in r.blocks}
    assert types == {"masthead", "headline", "subhead", "byline", "body", "caption", "teaser", "picture", "separator"}
    assert any(b["vertical"] for b in r.blocks if b["type"] == "body")
    kinds = {b["kind"] for b in r.blocks if b["type"] == "separator"}
    assert {"rule", "double", "frame"} <= kinds
    assert len({b["article"] for b in r.blocks if b["article"] is not None}) >= 5


@pytest.mark.parametrize("fields", [{}, RICH])
def test_text_blocks_contain_ink_and_nothing_is_drawn_outside_boxes(rendered_page, fields):
    r = rendered_page(**fields)
    img = r.image
    for item in r.text_blocks() + r.lines:
        assert _ink_fraction(img, item["box"]) > 0.03, item
    for b in r.blocks:
        if b["type"] in ("picture", "separator"):
            assert _ink_fraction(img, b["box"], 200) > 0.3, b
    covered = np.zeros(img.shape, bool)
    for b in r.blocks:
        x0, y0, x1, y1 = b["box"]
        covered[max(y0 - 3, 0):y1 + 3, max(x0 - 3, 0):x1 + 3] = True
    assert not ((img < 200) & ~covered).any()


@pytest.mark.parametrize("fields", [{}, RICH, dict(columns=2, bands=2, seed=9)])
def test_reading_order_text_is_the_blocks_in_order(rendered_page, fields):
    r = rendered_page(**fields)
    ordered = [b for b in r.blocks if b["order"] is not None]
    assert [b["order"] for b in ordered] == list(range(len(ordered)))
    assert all(b["order"] is None for b in r.blocks if b["type"] == "separator")
    assert _squash(r.text) == _squash("".join(b["text"] for b in ordered))
    assert _squash(r.text) == _squash("".join(ln["text"] for ln in r.lines))
    assert r.text.endswith("\n") and "\n\n\n" not in r.text
    # masthead first; inside an article headline < byline < body < picture < caption
    types = [b["type"] for b in ordered]
    if "masthead" in types:
        assert types[:types.count("masthead")] == ["masthead"] * types.count("masthead")
    rank = {"headline": 0, "subhead": 1, "byline": 2, "body": 3, "picture": 4, "caption": 5}
    for art in {b["article"] for b in ordered if b["article"] is not None}:
        ranks = [rank[b["type"]] for b in ordered if b["article"] == art and b["type"] in rank]
        assert ranks == sorted(ranks)


def test_articles_are_read_by_rows_left_to_right(rendered_page):
    r = rendered_page(columns=4, headline_span=2, bands=2, seed=2)
    tops = {}
    for b in r.blocks:
        if b["article"] is not None:
            x0, y0 = b["box_orig"][:2]
            t = tops.setdefault(b["article"], [y0, x0, b["order"]])
            t[0], t[1], t[2] = min(t[0], y0), min(t[1], x0), min(t[2], b["order"])
    seq = sorted(tops.values(), key=lambda t: t[2])
    assert len(seq) >= 4
    for (ya, xa, _), (yb, xb, _) in zip(seq, seq[1:]):
        assert yb > ya + 40 or (abs(yb - ya) <= 40 and xb > xa)


def test_body_typesetting_indent_and_kinsoku(rendered_page):
    r = rendered_page(columns=3, seed=7)
    body_lines = [ln for ln in r.lines if ln["block"] in {b["id"] for b in r.blocks if b["type"] == "body"}]
    assert body_lines
    assert not [ln["text"] for ln in body_lines if ln["text"][0] in NO_LINE_START]
    em = r.spec.body_px
    by_block: dict[str, list] = {}
    for ln in body_lines:
        by_block.setdefault(ln["block"], []).append(ln)
    for lines in by_block.values():
        left = min(ln["box"][0] for ln in lines)
        for ln in lines:
            assert abs(ln["box"][0] - left - (2 * em if ln["indent"] else 0)) <= 1
    # every paragraph unit of body text comes from the source text, in order
    pool = [_squash(p) for p in load_pool().paragraphs]
    for b in r.blocks:
        if b["type"] == "body":
            for part in b["text"].split("\n"):
                assert any(_squash(part) in p for p in pool), part


@pytest.mark.parametrize("angle", [2.0, -1.5])
def test_skewed_boxes_follow_the_rotation(rendered_page, angle):
    flat = rendered_page(columns=3, seed=6)
    r = rendered_page(columns=3, seed=6, skew_deg=angle)
    assert r.rotation_deg == angle
    assert [b["box_orig"] for b in r.blocks] == [b["box_orig"] for b in flat.blocks]
    h, w = r.image.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    checked = 0
    for ln in r.lines:
        if ln["box_orig"][2] - ln["box_orig"][0] < 300:
            continue
        inside = np.zeros(r.image.shape, np.uint8)
        cv2.fillPoly(inside, [np.round(np.array(ln["poly"])).astype(np.int32)], 1)
        ink = np.argwhere((r.image < 128) & (inside > 0))
        cy, cx = ink.mean(axis=0)
        ox0, oy0, ox1, oy1 = ln["box_orig"]
        fy, fx = np.argwhere(flat.image[oy0:oy1, ox0:ox1] < 128).mean(axis=0) + (oy0, ox0)
        ex, ey = m @ np.array([fx, fy, 1.0])
        assert abs(cx - ex) < 12 and abs(cy - ey) < 3, (ln["text"], cx, ex, cy, ey)
        # the text line's ink is tilted the same way: its left end is lower for counter-clockwise rotation
        xs, ys = ink[:, 1], ink[:, 0]
        slope = np.polyfit(xs, ys, 1)[0]
        assert abs(np.degrees(np.arctan(-slope)) - angle) < 0.5
        checked += 1
    assert checked >= 10


def test_degradations_change_the_page_but_not_the_ground_truth(rendered_page):
    clean = rendered_page(seed=8)
    dirty = rendered_page(seed=8, noise=8, speckles=800, border=True, bleed=True, blur=1.0, jpeg_quality=60,
                          paper=235, ink=30)
    assert dirty.blocks == clean.blocks and dirty.text == clean.text
    assert dirty.image.std() > 0 and not np.array_equal(dirty.image, clean.image)
    paper = dirty.image[dirty.image.shape[0] // 2, :]
    assert 200 < np.median(paper) < 245
    # the border darkens at least one image edge strip
    h, w = dirty.image.shape
    strips = [dirty.image[:, :8], dirty.image[:, -8:], dirty.image[:8, :], dirty.image[-8:, :]]
    assert min(float(s.mean()) for s in strips) < 150


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".tif"])
def test_save_keeps_the_dpi_tag_and_writes_ground_truth(rendered_page, tmp_path, suffix):
    r = rendered_page(width=900, height=700, columns=2, headline_span=1, dpi=400, body_px=28)
    p = r.save(tmp_path / f"page{suffix}", gt=True)
    with Image.open(p) as im:
        assert round(im.info["dpi"][0]) == 400 and im.size == (900, 700)
        back = np.asarray(im.convert("L"))
    if suffix != ".jpg":
        assert np.array_equal(back, r.image)
    assert (tmp_path / "page.gt.txt").read_text(encoding="utf-8") == r.text
    assert (tmp_path / "page.gt.json").exists()


def test_render_is_fast_enough():
    t = time.perf_counter()
    render_page(PageSpec(seed=21, picture=True, masthead=True))
    assert time.perf_counter() - t < 60.0  # ~0.2 s alone: a guard against a runaway, robust on a loaded box


def test_sample_dir_fixture(sample_dir):
    images = sorted(p.name for p in sample_dir.iterdir() if p.is_file())
    assert images == ["page-a.png", "page-b.jpg"]
    assert (sample_dir / "ground-truth" / "page-b.gt.txt").read_text(encoding="utf-8").strip()


def test_committed_samples_match_the_renderer():
    """scans/ground-truth holds the text of the committed sample scans; it must be what the renderer makes."""
    from pathlib import Path
    scans = Path(__file__).resolve().parents[1] / "scans"
    for name, spec in SAMPLES.items():
        img = scans / name
        assert img.exists() and img.stat().st_size < 1_000_000, name
        gt = (scans / "ground-truth" / f"{img.stem}.gt.txt").read_text(encoding="utf-8")
        assert gt == render_page(spec).text
        with Image.open(img) as im:
            assert im.size == (spec.width, spec.height) and round(im.info["dpi"][0]) == spec.dpi


def test_spec_too_small_for_its_grid_is_refused_clearly():
    with pytest.raises(ValueError, match="too narrow"):
        render_page(PageSpec(width=800, columns=6))
    with pytest.raises(ValueError, match="too short"):
        render_page(PageSpec(height=700, bands=3, masthead=True))


def test_gt_json_carries_bench_style_box_names(rendered_page):
    g = rendered_page().gt_json()
    assert all(b["bbox"] == b["box"] and b["bbox_orig"] == b["box_orig"] for b in g["blocks"])
    assert g["width"] == 1800 and g["dpi"] == 300


def test_ground_truth_as_model_page(rendered_page):
    from digitize.model import BlockType
    from tests.fixtures.to_model import page_from_rendered
    r = rendered_page(**dict(RICH, skew_deg=1.5))
    page = page_from_rendered(r, "rich.png")
    assert [b.id for b in page.text_blocks()] == [b["id"] for b in r.text_blocks()]
    assert _squash("".join(ln.text for ln in page.lines())) == _squash(r.text)
    assert {s.kind for s in page.separators} >= {"rule", "double", "frame"}
    pic = next(b for b in page.blocks if b.type is BlockType.PICTURE)
    assert next(b for b in page.blocks if b.type is BlockType.CAPTION).caption_of == pic.id
    assert all(a.title for a in page.articles if any(page.block(i).type is BlockType.HEADLINE for i in a.block_ids))
    line = next(page.lines())
    up = page.transform.to_work(line.polygon)
    ref = next(ln for ln in r.lines if ln["id"] == line.id)["box_orig"]
    assert abs(up[0][0] - ref[0]) < 0.5 and abs(up[2][1] - ref[3]) < 0.5
    bare = page_from_rendered(r, "rich.png", text=False, order=False)
    assert all(b.order is None for b in bare.blocks) and not bare.articles and not list(bare.words())


def test_picture_on_top_pushes_the_body_below_its_caption(rendered_page):
    r = rendered_page(columns=4, headline_span=3, picture=True, picture_at="top", seed=3, width=2400, height=1800)
    pic = next(b for b in r.blocks if b["type"] == "picture")
    cap = next(b for b in r.blocks if b["type"] == "caption")
    assert cap["caption_of"] == pic["id"] and cap["box"][1] >= pic["box"][3] - 2
    art_body = [b for b in r.blocks if b["type"] == "body" and b["article"] == pic["article"]]
    under = [b for b in art_body if b["box"][0] < pic["box"][2] and b["box"][2] > pic["box"][0]]
    beside = [b for b in art_body if b not in under]
    assert under and beside
    assert all(b["box"][1] > cap["box"][3] for b in under)
    assert all(b["box"][1] < pic["box"][3] for b in beside)
    assert max(b["order"] for b in art_body) < pic["order"] < cap["order"]


def test_headline_font_option(rendered_page):
    sans = rendered_page(seed=4)
    serif = rendered_page(seed=4, headline_font="serif_bold")
    assert sans.text == serif.text
    hb = next(b for b in sans.blocks if b["type"] == "headline")["box"]
    x0, y0, x1, y1 = hb
    assert not np.array_equal(sans.image[y0:y1, x0:x1], serif.image[y0:y1, x0:x1])


def test_vertical_block_reads_right_to_left_top_to_bottom(rendered_page):
    r = rendered_page(**RICH)
    vb = next(b for b in r.blocks if b["vertical"])
    lines = [ln for ln in r.lines if ln["block"] == vb["id"]]
    assert len(lines) >= 3 and all(ln["vertical"] for ln in lines)
    xs = [ln["box"][0] for ln in lines]
    assert xs == sorted(xs, reverse=True)                       # lines go right to left
    assert all(ln["box"][3] - ln["box"][1] > ln["box"][2] - ln["box"][0] for ln in lines if len(ln["text"]) > 2)
    assert not [ln["text"] for ln in lines if ln["text"][0] in NO_LINE_START]
    em = r.spec.body_px
    for ln in lines:                                            # paragraph starts are indented 2 em from the top
        assert abs(ln["box"][1] - vb["box"][1] - (2 * em if ln["indent"] else 0)) <= 1
