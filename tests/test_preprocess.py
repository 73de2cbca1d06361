"""Preprocessing: deskew accuracy, orientation (incl. vertical text), border removal, transform, binary."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from digitize import preprocess
from digitize.config import PreprocessSettings
from digitize.model import Page, Scan
from tests.fixtures.render import PageSpec

SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
TEXT = Path(__file__).parent / "fixtures" / "front-page.txt"
BASE = PageSpec(width=1800, height=1400, columns=3, seed=5, body_px=36, dpi=300)


def _run(image: np.ndarray, dpi: float = 300.0, **settings) -> tuple[Page, Scan]:
    img = np.ascontiguousarray(image)
    page = Page(source=Path("test.png"), width=img.shape[1], height=img.shape[0], dpi=dpi)
    scan = Scan(original=img, gray=img)
    preprocess.run(page, scan, PreprocessSettings(**settings))
    return page, scan


def _turn_cw(image: np.ndarray, angle: int) -> np.ndarray:
    """The image as a scanner fed it turned clockwise by ``angle``."""
    return np.ascontiguousarray(np.rot90(image, -(angle // 90)))


# ---------------------------------------------------------------- deskew

@pytest.mark.parametrize("skew,degraded", [(1.7, False), (-2.6, True), (0.35, True), (-4.2, False)])
def test_deskew_within_a_tenth_of_a_degree(rendered_page, skew: float, degraded: bool) -> None:
    extra = dict(noise=8.0, blur=0.8, paper=232, ink=40, speckles=400, jpeg_quality=70) if degraded else {}
    r = rendered_page(BASE, skew_deg=skew, **extra)
    page, scan = _run(r.image, r.dpi)
    assert page.deskew_angle == pytest.approx(r.rotation_deg, abs=0.1)
    assert page.orientation == 0
    assert scan.work.shape == r.image.shape
    step = page.steps[-1]
    assert step.category == "preOperation"
    assert step.settings["deskew_angle"] == pytest.approx(page.deskew_angle, abs=1e-3)


def test_deskew_off_keeps_the_page(rendered_page) -> None:
    r = rendered_page(BASE, skew_deg=1.5)
    page, scan = _run(r.image, r.dpi, deskew=False, orientation=False)
    assert page.deskew_angle == 0.0 and page.orientation == 0
    assert np.array_equal(scan.work, r.image)


# ---------------------------------------------------------------- orientation

@pytest.mark.parametrize("fed", [90, 180, 270])
def test_turned_page_is_recognised(rendered_page, fed: int) -> None:
    r = rendered_page(BASE, skew_deg=0.8)
    page, scan = _run(_turn_cw(r.image, fed), r.dpi)
    assert page.orientation == (360 - fed) % 360
    assert scan.work.shape == r.image.shape                # upright again: the original's size
    assert page.deskew_angle == pytest.approx(0.8, abs=0.1)
    assert page.transform.work_size == (r.image.shape[1], r.image.shape[0])
    # the upright work image matches the one from the unturned scan
    _, ref = _run(r.image, r.dpi)
    diff = np.abs(scan.work.astype(int) - ref.work.astype(int))
    assert np.mean(diff > 60) < 0.01


def _vertical_page(width: int = 1500, height: int = 1300, em: int = 36, marks: str = "vertical") -> np.ndarray:
    """Chinese set top-to-bottom, columns right to left, with vertical punctuation forms (top-right), or
    with ``marks="horizontal"`` the horizontal forms left in (low-left in their cells, as a font without
    vertical forms sets them)."""
    text = re.sub(r"\s+", "", TEXT.read_text(encoding="utf-8"))
    if marks == "vertical":
        text = text.translate(str.maketrans({"，": "︐", "。": "︒", "、": "︑"}))
    text = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch in "︐︒︑，。、")
    font = ImageFont.truetype(SERIF, em, index=2)
    top = font.getbbox("中")[1]
    im = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(im)
    pitch, col_pitch, margin = int(em * 1.04), int(em * 1.5), 80
    x, i = width - margin - em, 0
    while x > margin:
        y = margin
        while y + em < height - margin and i < len(text):
            draw.text((x, y - top), text[i], font=font, fill=20)
            y, i = y + pitch, i + 1
        x -= col_pitch
    return np.asarray(im)


def test_vertical_text_is_not_turned_sideways() -> None:
    page, scan = _run(_vertical_page())
    assert page.orientation == 0
    assert scan.work.shape == (1300, 1500)
    assert page.steps[-1].settings["vertical_text"] is True


def test_vertical_text_with_horizontal_marks_is_not_turned_over() -> None:
    # marks low and left in their cells look like an upside-down page's vertical forms; a comma's head
    # above its tail says the page is upright
    page, scan = _run(_vertical_page(marks="horizontal"))
    assert page.orientation == 0
    assert page.steps[-1].settings["vertical_text"] is True


def _vertical_page_centred_marks(off_centre: int, width: int = 1500, height: int = 1300, em: int = 36) -> np.ndarray:
    """Chinese set top-to-bottom in a traditional-Chinese font, which sets its marks (。) in the middle of their
    cells, a mark every sixth cell; the first ``off_centre`` marks are dots low and right in their cells (a
    bracket, a character's loose dot or a speck that lands there)."""
    text = [ch for ch in re.sub(r"\s+", "", TEXT.read_text(encoding="utf-8")) if "\u4e00" <= ch <= "\u9fff"]
    font = ImageFont.truetype(SERIF, em, index=3)            # Noto Serif CJK TC
    top = font.getbbox("中")[1]
    im = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(im)
    pitch, col_pitch, margin, r = int(em * 1.04), int(em * 1.5), 80, em // 8
    x, i, k, placed = width - margin - em, 0, 0, 0
    while x > margin:
        y = margin
        while y + em < height - margin and i < len(text):
            if k % 6 == 5 and placed < off_centre:
                draw.ellipse((x + em - 3 * r, y + em - 3 * r, x + em - r, y + em - r), fill=20)
                placed += 1
            elif k % 6 == 5:
                draw.text((x, y - top), "。", font=font, fill=20)
            else:
                draw.text((x, y - top), text[i], font=font, fill=20)
                i += 1
            y, k = y + pitch, k + 1
        x -= col_pitch
    return np.asarray(im)


def test_vertical_text_with_centred_marks_is_not_turned_by_a_few_off_centre() -> None:
    # marks set in the middle of their cells say nothing about the turn; eight dots low and right in theirs
    # (low and early once the lines are turned across, as a sideways horizontal page's marks sit) are too few
    # to read the page as a horizontal page scanned sideways (vertical 39 vy2_000, vertical 33 vo_006)
    page, scan = _run(_vertical_page_centred_marks(off_centre=8))
    assert page.orientation == 0
    assert scan.work.shape == (1300, 1500)
    assert page.steps[-1].settings["vertical_text"] is True


@pytest.mark.parametrize("fed", [90, 180, 270])
def test_vertical_text_fed_turned_is_turned_back(fed: int) -> None:
    page, scan = _run(_turn_cw(_vertical_page(), fed))
    assert page.orientation == (360 - fed) % 360
    assert scan.work.shape == (1300, 1500)
    assert page.steps[-1].settings["vertical_text"] is True


def test_orientation_off(rendered_page) -> None:
    r = rendered_page(BASE)
    page, _ = _run(_turn_cw(r.image, 180), r.dpi, orientation=False)
    assert page.orientation == 0


# ---------------------------------------------------------------- border, bleed-through, binary

def test_dark_border_is_painted_paper_white(rendered_page) -> None:
    r = rendered_page(BASE, border=True, skew_deg=0.6, paper=236, ink=30)
    dark_in = r.image < 80
    page, scan = _run(r.image, r.dpi)
    edges = page.steps[-1].settings["border_edges"]
    assert edges, "the border was not found"
    work, binary = scan.work, scan.binary
    band = 25                                                   # px at 300 dpi next to each bordered edge
    sides = {"top": work[:band], "bottom": work[-band:], "left": work[:, :band], "right": work[:, -band:]}
    for e in edges:
        assert np.mean(sides[e] < 120) < 0.002, e
        assert np.mean(dark_in[:band] if e == "top" else dark_in[-band:] if e == "bottom"
                       else dark_in[:, :band] if e == "left" else dark_in[:, -band:]) > 0.2, e
    bsides = {"top": binary[:8], "bottom": binary[-8:], "left": binary[:, :8], "right": binary[:, -8:]}
    for e in edges:
        assert np.mean(bsides[e] > 0) < 0.002, e
    # the text itself survives: about as much ink as on the same page without a border
    _, ref = _run(rendered_page(BASE, skew_deg=0.6, paper=236, ink=30).image, r.dpi)
    assert np.count_nonzero(binary) == pytest.approx(np.count_nonzero(ref.binary), rel=0.08)


def test_no_border_on_a_clean_page(rendered_page) -> None:
    page, _ = _run(rendered_page(BASE).image, 300)
    assert page.steps[-1].settings["border_edges"] == []


def test_bleed_through_stays_out_of_the_binary(rendered_page) -> None:
    ghost = rendered_page(BASE, bleed=True, paper=235, ink=35)
    clean = rendered_page(BASE, bleed=False, paper=235, ink=35)
    _, s_ghost = _run(ghost.image, 300)
    _, s_clean = _run(clean.image, 300)
    assert np.count_nonzero(s_ghost.binary) == pytest.approx(np.count_nonzero(s_clean.binary), rel=0.05)


def test_binary_is_at_layout_resolution(rendered_page) -> None:
    r = rendered_page(BASE)
    page, scan = _run(r.image, 300, layout_dpi=100.0)
    assert scan.binary.dtype == np.uint8 and set(np.unique(scan.binary)) <= {0, 255}
    assert scan.binary_scale == pytest.approx(1 / 3, rel=0.01)
    assert scan.binary.shape == (round(1400 / 3), 600)
    assert 0.01 < np.mean(scan.binary > 0) < 0.4          # ink = 255, paper = 0
    _, otsu_scan = _run(r.image, 300, binarization="otsu")
    assert otsu_scan.binary.shape == scan.binary.shape


def test_despeckle_removes_small_dots() -> None:
    img = np.full((600, 600), 240, np.uint8)
    for y in range(20, 580, 40):
        for x in range(20 + y % 7, 580, 40):
            img[y:y + 4, x:x + 4] = 30                        # 4 px at 300 dpi -> at most 2 px at 100 dpi
    img[300:330, 100:400] = 30                                # a bar that must stay
    page, scan = _run(img, 300, orientation=False, deskew=False)
    assert page.steps[-1].settings["speckles_removed"] >= 180
    assert np.count_nonzero(scan.binary[:95]) == 0
    assert np.count_nonzero(scan.binary[100:110, 34:133]) > 900
    _, kept = _run(img, 300, orientation=False, deskew=False, despeckle_px=0)
    assert np.count_nonzero(kept.binary[:95]) > 100


# ---------------------------------------------------------------- transform

@pytest.mark.parametrize("orientation", [0, 90, 180, 270])
def test_work_matrix_round_trip_and_size(orientation: int) -> None:
    m, size = preprocess.work_matrix(1000, 600, orientation, 1.3)
    assert size == ((600, 1000) if orientation in (90, 270) else (1000, 600))
    from digitize.geometry import Transform
    t = Transform(tuple(tuple(v) for v in m[:2]), size)
    pts = [(0.0, 0.0), (999.5, 10.25), (123.0, 456.0), (1000.0, 600.0)]
    back = t.to_original(t.to_work(pts))
    assert np.allclose(back, pts, atol=1e-6)
    # the page centre stays the image centre
    cx, cy = t.to_work([(500.0, 300.0)])[0]
    assert (cx, cy) == pytest.approx((size[0] / 2, size[1] / 2), abs=1e-6)


@pytest.mark.parametrize("fed", [0, 90, 270])
def test_transform_maps_original_pixels_to_work_pixels(rendered_page, fed: int) -> None:
    """A mark drawn in the original scan is found in the work image where page.transform puts it."""
    r = rendered_page(BASE, skew_deg=1.2)
    img = _turn_cw(r.image, fed).copy()
    h, w = img.shape
    x0, y0 = int(w * 0.5), 20                                  # top margin of the scan as fed
    img[y0:y0 + 12, x0:x0 + 12] = 0
    page, scan = _run(img, r.dpi)
    assert page.orientation == (360 - fed) % 360
    (wx, wy), = page.transform.to_work([(x0 + 6.0, y0 + 6.0)])
    wx, wy = int(round(wx)), int(round(wy))
    assert scan.work[wy - 3:wy + 4, wx - 3:wx + 4].max() < 60
    back, = page.transform.to_original([(wx, wy)])
    assert back == pytest.approx((x0 + 6.0, y0 + 6.0), abs=1.0)
    # and the box helpers agree
    from digitize.geometry import Box
    box = page.transform.box_to_work(Box(x0, y0, x0 + 12, y0 + 12))
    assert box.x0 <= wx <= box.x1 and box.y0 <= wy <= box.y1


# ---------------------------------------------------------------- degenerate input

def test_blank_page_does_not_fail() -> None:
    page, scan = _run(np.full((900, 700), 245, np.uint8), 300)
    assert page.orientation == 0 and page.deskew_angle == 0.0
    assert np.count_nonzero(scan.binary) == 0
    assert scan.work.shape == (900, 700)
    assert any("skew" in w for w in page.warnings)


def test_low_dpi_and_tiny_image() -> None:
    page, scan = _run(np.full((40, 30), 200, np.uint8), 72)
    assert scan.work.shape == (40, 30) and scan.binary.shape[0] > 0


def test_flatten_illumination_evens_out_the_paper(rendered_page) -> None:
    r = rendered_page(BASE, paper=235, ink=35)
    h, w = r.image.shape
    shade = np.linspace(0.7, 1.0, w, dtype=np.float32)[None, :]          # darker towards the left
    uneven = np.clip(r.image.astype(np.float32) * shade, 0, 255).astype(np.uint8)
    _, plain = _run(uneven, 300, orientation=False, deskew=False)
    page, flat = _run(uneven, 300, orientation=False, deskew=False, flatten_illumination=True)
    paper = r.image > 200                                                  # paper pixels of the clean page
    left, right = paper[:, : w // 5], paper[:, -w // 5:]
    gap_plain = abs(float(plain.work[:, : w // 5][left].mean()) - float(plain.work[:, -w // 5:][right].mean()))
    gap_flat = abs(float(flat.work[:, : w // 5][left].mean()) - float(flat.work[:, -w // 5:][right].mean()))
    assert gap_plain > 40 and gap_flat < 8
    assert page.steps[-1].settings["flatten_illumination"] is True
    # ink stays ink
    ink = r.image < 100
    assert float(flat.work[ink].mean()) < 110


def test_a_far_line_fit_needs_many_lines(monkeypatch) -> None:
    # film grain linked into a few chance "lines" must not turn a straight page (microfilm); a fit over
    # many lines may correct the profile's angle by more than half a degree
    from digitize import deskew
    rng = np.random.default_rng(3)
    comps = deskew.TextComponents(rng.uniform(0, 500, (200, 2)), np.full((200, 2), 10), 10.0)
    monkeypatch.setattr(deskew, "_profile_skew", lambda c, em, m: (-0.35, 0.4))
    monkeypatch.setattr(deskew, "_line_fit_skew", lambda b, c, coarse: (coarse - 6.5, 5))
    assert deskew.estimate_skew(np.zeros((500, 500), np.uint8), comps, 5.0)[0] == pytest.approx(-0.35)
    monkeypatch.setattr(deskew, "_line_fit_skew", lambda b, c, coarse: (coarse + 1.1, 40))
    assert deskew.estimate_skew(np.zeros((500, 500), np.uint8), comps, 5.0)[0] == pytest.approx(0.75)


def _grainy_page(angle: float, seed: int) -> np.ndarray:
    """A binary page (ink = 255) of lines of 14 px hollow "characters" turned by ``angle``, strewn with more
    4-6 px film-grain specks than it has characters (the specks' median size is about half a character's)."""
    import cv2
    rng = np.random.default_rng(seed)
    h, w = 900, 700
    img = np.zeros((h, w), np.uint8)
    for y in range(60, h - 60, 24):
        x, end = 40 + int(rng.integers(0, 30)), w - 40 - int(rng.integers(0, 200))
        while x < end:
            img[y:y + 14, x:x + 14] = 255
            img[y + 3:y + 11, x + 3:x + 11] = 0
            x += 14 + int(rng.integers(2, 5))
    img = cv2.warpAffine(img, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), flags=cv2.INTER_NEAREST)
    for _ in range(3000):
        x, y, s = int(rng.integers(0, w - 6)), int(rng.integers(0, h - 6)), int(rng.integers(4, 7))
        img[y:y + s, x:x + s] = 255
    return img


@pytest.mark.parametrize("angle,seed", [(0.8, 5), (-1.3, 6), (0.4, 5)])
def test_grain_that_outnumbers_the_characters_does_not_decide_the_skew(angle: float, seed: int) -> None:
    # microfilm 8 ma_005: grain specks outnumbered the characters, the median component size came out as grain,
    # the characters were left out of the vote and the page stayed turned; the skew is measured again on the
    # components sized by ink when the profile of the first ones is flat
    from digitize import deskew
    b = _grainy_page(angle, seed)
    comps = deskew.text_components(b)
    assert comps.em < 10                                       # the count median is grain
    skew, conf = deskew.estimate_skew(b, comps, 5.0)
    assert skew == pytest.approx(angle, abs=0.4)
    assert conf >= deskew.MIN_PROFILE_CONF
    assert deskew.text_components(b, by_ink=True).em >= 14     # the ink median is a character


def _film_grain(img: np.ndarray, rng: np.random.Generator, count: int, smallest: int, value: int) -> None:
    """Strew ``count`` square specks over the white of ``img`` (ink ``value``), each apart from the ink: their
    number falls with their size from ``smallest`` px on (half as many one px larger), as film grain's does at
    layout resolution."""
    h, w = img.shape
    sizes = smallest + np.minimum(rng.geometric(0.5, count) - 1, 4)
    for s in sizes:
        for _ in range(20):
            x, y = int(rng.integers(1, w - s - 1)), int(rng.integers(1, h - s - 1))
            if not (img[y - 1:y + s + 1, x - 1:x + s + 1] == value).any():
                img[y:y + s, x:x + s] = value
                break


def _characters(img: np.ndarray, rng: np.random.Generator, size: int, pitch: int, value: int, stroke: int) -> int:
    """Lines of hollow ``size`` px "characters" (strokes ``stroke`` px) every ``pitch`` px; their number."""
    h, w = img.shape
    n = 0
    for y in range(2 * size, h - 2 * size, pitch):
        x, end = 2 * size + int(rng.integers(0, size)), w - 2 * size - int(rng.integers(0, 6 * size))
        while x < end:
            img[y:y + size, x:x + size] = value
            img[y + stroke:y + size - stroke, x + stroke:x + size - stroke] = 255 - value
            x += size + int(rng.integers(1, 4)) * max(1, size // 7)
            n += 1
    return n


def test_the_characters_size_is_measured_past_a_tail_of_film_grain() -> None:
    # microfilm 73 mx3_001, 36 mt_004: film grain specks outnumber the characters, their count falls with their
    # size, and the count median (6 px, 5 px) lands on that tail; the characters (10-11 px) are the peak past it
    from digitize import deskew
    sizes = np.repeat(np.arange(4, 13), [1500, 800, 430, 300, 180, 260, 460, 270, 140])
    assert np.median(sizes) < 7
    assert deskew.glyph_size(sizes, 4) == 10
    rng = np.random.default_rng(3)
    b = np.zeros((900, 700), np.uint8)
    chars = _characters(b, rng, 10, 16, 255, 2)
    _film_grain(b, rng, 3 * chars, 4, 255)
    assert deskew.text_components(b).em < 7                          # the count median is grain
    assert deskew.text_components(b, past_grain=True).em == pytest.approx(10, abs=1)


def test_without_grain_the_characters_size_is_the_count_median() -> None:
    from digitize import deskew
    rng = np.random.default_rng(4)
    b = np.zeros((900, 700), np.uint8)
    _characters(b, rng, 10, 16, 255, 2)
    _film_grain(b, rng, 200, 4, 255)                                 # a few specks, far fewer than characters
    assert deskew.text_components(b, past_grain=True).em == deskew.text_components(b).em
    sizes = np.repeat(np.arange(4, 13), [40, 20, 10, 30, 200, 900, 1400, 300, 20])
    assert deskew.glyph_size(sizes, 4) == float(np.median(sizes))


def test_a_film_page_under_heavy_grain_is_laid_out_at_its_type_size() -> None:
    # microfilm 73 mx3_001: its grain measured as its type, the page was laid out at 167 dpi for 10 px type at
    # 100 dpi; there the grain stayed ink, joined its lines and columns, and two thirds of its lines were lost
    rng = np.random.default_rng(7)
    img = np.full((1800, 1400), 255, np.uint8)
    chars = _characters(img, rng, 20, 32, 0, 4)                      # 20 px type at 200 dpi: 10 px at 100 dpi
    _film_grain(img, rng, 6 * chars, 8, 0)                           # specks 4 px and up at 100 dpi
    film, _ = _run(img, 200.0, grain_glyph_size=True, sauvola_k=0.3)
    assert film.steps[-1].settings["layout_scale"] == pytest.approx(0.5, abs=0.01)
    paper, _ = _run(img, 200.0, grain_glyph_size=False, sauvola_k=0.3)
    assert paper.steps[-1].settings["layout_scale"] > 0.55             # the count median of the specks: finer


def test_at_the_finer_layout_scale_the_skew_votes_are_counted_as_on_paper(monkeypatch) -> None:
    # the grain measure decides whether a film page is laid out finer; at the finer scale it would only change
    # which components vote on the skew (8 seen film pages: article order flipped, no text gained), so there the
    # count median is kept
    from digitize import deskew
    calls: list[tuple[bool, float]] = []
    real = deskew.text_components

    def spy(binary, *args, **kwargs):
        comps = real(binary, *args, **kwargs)
        calls.append((bool(kwargs.get("past_grain", False)), binary.shape[1]))
        return comps

    monkeypatch.setattr(preprocess, "text_components", spy)
    rng = np.random.default_rng(5)
    img = np.full((1800, 1400), 255, np.uint8)
    chars = _characters(img, rng, 14, 24, 0, 3)                      # 14 px type at 200 dpi: 7 px at 100 dpi
    _film_grain(img, rng, 3 * chars, 8, 0)
    page, _ = _run(img, 200.0, grain_glyph_size=True, sauvola_k=0.3)
    assert page.steps[-1].settings["layout_scale"] > 0.55           # laid out finer: the type is small
    widths = sorted({w for _, w in calls})
    assert len(widths) == 2                                          # the first scale and the finer one
    assert all(grain for grain, w in calls if w == widths[0])        # first scale: past the grain
    assert not any(grain for grain, w in calls if w == widths[1])    # finer scale: the count median
