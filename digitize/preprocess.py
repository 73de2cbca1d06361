"""Preprocessing: dark-border removal, orientation, deskew, binarization for layout.

Produces what every later stage relies on:

* ``page.transform``: the affine map original scan -> working image (a clockwise quarter turn
  ``page.orientation`` composed with the deskew rotation about the centre; a 90/270 turn swaps
  the working image's width and height).  Coordinates are continuous pixels (a pixel ``i`` covers
  ``[i, i+1)``), the same convention as :class:`~digitize.geometry.Box`.
* ``page.deskew_angle``: the measured skew, degrees counter-clockwise as displayed (the page was
  straightened by turning it clockwise by this much).
* ``scan.work``: upright, deskewed full-resolution 8-bit gray, scanner border painted paper-white.
* ``scan.binary``: ink = 255 at ``layout_dpi`` (``scan.binary_scale`` = binary / work width).

Everything except the one full-resolution warp runs at layout resolution.
"""
from __future__ import annotations

import math

import cv2
import numpy as np

from . import __version__
from .binarize import despeckle, otsu, paper_and_ink, sauvola
from .borders import find_dark_border, paper_behind
from .config import PreprocessSettings
from .deskew import estimate_skew, text_components
from .geometry import Transform
from .illumination import flatten, paper_field
from .model import Page, ProcessingStep, Scan
from .orientation import Orientation, lines_turn, refine_with_punctuation, turn


def work_matrix(width: int, height: int, orientation: int, skew: float) -> tuple[np.ndarray, tuple[int, int]]:
    """(3x3 continuous-pixel matrix original -> work, work size) for a clockwise quarter turn by
    ``orientation`` followed by straightening ``skew`` (ccw degrees) about the image centre."""
    o = orientation % 360
    turn_m = {0: [[1, 0, 0], [0, 1, 0]],
              90: [[0, -1, height], [1, 0, 0]],
              180: [[-1, 0, width], [0, -1, height]],
              270: [[0, 1, 0], [-1, 0, width]]}[o]
    size = (height, width) if o in (90, 270) else (width, height)
    t = math.radians(skew)
    c, s = math.cos(t), math.sin(t)
    cx, cy = size[0] / 2.0, size[1] / 2.0
    # rotate clockwise (as displayed, y down) by ``skew`` about the centre
    rot = np.array([[c, -s, cx - c * cx + s * cy], [s, c, cy - s * cx - c * cy], [0, 0, 1]])
    m = rot @ np.vstack([np.array(turn_m, dtype=np.float64), [0, 0, 1]])
    return m, size


def _cv_matrix(m: np.ndarray) -> np.ndarray:
    """Continuous-pixel 3x3 matrix -> the 2x3 pixel-index matrix cv2.warpAffine expects."""
    half = np.array([[1, 0, 0.5], [0, 1, 0.5], [0, 0, 1]])
    unhalf = np.array([[1, 0, -0.5], [0, 1, -0.5], [0, 0, 1]])
    return (unhalf @ m @ half)[:2]


def _scaled(m: np.ndarray, s_in: tuple[float, float], s_out: tuple[float, float]) -> np.ndarray:
    """The same map between images scaled by ``s_in`` (source) and ``s_out`` (destination), per axis.

    Per-axis factors (actual size ratios after rounding) keep quarter turns exact pixel permutations.
    """
    return np.diag([s_out[0], s_out[1], 1.0]) @ m @ np.diag([1.0 / s_in[0], 1.0 / s_in[1], 1.0])


def _binarize(gray: np.ndarray, settings: PreprocessSettings, window: int) -> tuple[np.ndarray, int]:
    if settings.binarization == "otsu":
        b = otsu(gray)
    else:
        b = sauvola(gray, window, settings.sauvola_k)
    return despeckle(b, settings.despeckle_px)


def _skew(binary0: np.ndarray, orientation: int, comps, settings: PreprocessSettings,
          past_grain: bool = False) -> tuple[float, float]:
    """(skew, confidence) of the original-frame binary turned by ``orientation``; ``past_grain``: the
    characters' size measured past a tail of film grain (``text_components``)."""
    if not settings.deskew:
        return 0.0, 0.0
    turned = turn(binary0, orientation)
    if comps is None:
        comps = text_components(turned, past_grain=past_grain)
    return estimate_skew(turned, comps, settings.max_skew_deg)


def _straighten(small: np.ndarray, s_small: tuple[float, float], size0: tuple[int, int], orientation: int,
                skew: float, fill: int, scale: float, settings: PreprocessSettings,
                window: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(small_work, binary, speckles removed): the layout-resolution image turned and deskewed."""
    m1, size1 = work_matrix(size0[0], size0[1], orientation, skew)
    ssize1 = (max(1, round(size1[0] * scale)), max(1, round(size1[1] * scale)))
    s_small_work = (ssize1[0] / size1[0], ssize1[1] / size1[1])
    small_work = cv2.warpAffine(small, _cv_matrix(_scaled(m1, s_small, s_small_work)), ssize1,
                                flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    binary, speckles = _binarize(small_work, settings, window)
    return small_work, binary, speckles


# the layout needs a typical character (its larger side) at least 10 px tall; CJK body type at 100 dpi is
# 10-14 px, Latin type 6-8 px where the resolution tag overstates the scan by half (real broadsheets)
MIN_GLYPH_PX = 10.0


def _layout_scale_binary(gray: np.ndarray, scale: float, dpi: float, settings: PreprocessSettings,
                         past_grain: bool = False):
    """Steps 1-2 at one layout scale: the page at that scale, its scanner border painted paper, its
    binarization and character-sized components (``past_grain``: their size measured past a tail of film
    grain, ``text_components``).  Returns (small, scale, Sauvola window, border mask, border edges, paper
    level, ink level, binary, components)."""
    h, w = gray.shape
    sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
    scale = sw / w
    small = cv2.resize(gray, (sw, sh), interpolation=cv2.INTER_AREA) if scale < 1 else gray.copy()
    sdpi = dpi * scale
    window = max(3, int(round(settings.sauvola_window * sdpi / 100.0)) | 1)
    # 1. scanner border (original frame, layout resolution)
    border, edges = np.zeros_like(small), []
    if settings.remove_borders:
        paper0, _ = paper_and_ink(small)
        border, edges = find_dark_border(small, sdpi, paper0)
    has_border = bool(edges) or bool(border.any())
    paper, ink = paper_and_ink(small, border if has_border else None)
    if has_border:
        small = paper_behind(small, border, sdpi, paper)
    # 2. binarization; line direction and skew are measured on it
    binary0 = otsu(small) if settings.binarization == "otsu" else sauvola(small, window, settings.sauvola_k)
    return small, scale, window, border, edges, paper, ink, binary0, text_components(binary0, past_grain=past_grain)


def run(page: Page, scan: Scan, settings: PreprocessSettings) -> Page:
    """Fill ``page.transform``, ``page.orientation``, ``page.deskew_angle``, ``scan.work``,
    ``scan.binary`` and ``scan.binary_scale``; append a "preOperation" ProcessingStep."""
    gray = scan.gray
    h, w = gray.shape
    dpi = float(page.dpi or 300.0)
    # On film the characters' size is measured past the specks of grain (settings.grain_glyph_size), at the first
    # layout scale only: there it decides whether the page is laid out finer at all (taken from the specks, a
    # film page was laid out at up to twice the scale its type needs, where its grain stays ink and joins its
    # lines and columns; microfilm 73 mx3_001 at 167 dpi lost two thirds of its lines).  At the finer scale the
    # same measure only changes which components vote on the skew: on the 8 seen film pages where it did, CER
    # 0.405 -> 0.422 with order-free error 0.101 -> 0.097 (article order flipped, no text gained; BENCHMARKS.md,
    # session 30, film30), so the finer scale keeps the count median.
    grain = settings.grain_glyph_size
    small, scale, window, border, edges, paper, ink, binary0, comps = _layout_scale_binary(
        gray, min(1.0, settings.layout_dpi / dpi), dpi, settings, past_grain=grain)
    if 0 < comps.em < MIN_GLYPH_PX and scale < 1.0:
        # characters too small to analyse at the resolution the file claims (a resolution tag that
        # overstates it, or small type): binarize again where a typical character is MIN_GLYPH_PX tall
        grain = False
        small, scale, window, border, edges, paper, ink, binary0, comps = _layout_scale_binary(
            gray, min(1.0, scale * MIN_GLYPH_PX / comps.em), dpi, settings)
    sh, sw = small.shape
    sdpi = dpi * scale
    has_border = bool(edges) or bool(border.any())
    fill = int(round(paper))
    orient = lines_turn(binary0, comps) if settings.orientation else Orientation(lines="?")
    skew, skew_conf = _skew(binary0, orient.angle, comps if orient.angle == 0 else None, settings, grain)

    # 3. straightened layout-resolution image; punctuation decides 0/180 and vertical text
    s_small = (sw / w, sh / h)
    small_work, binary, speckles = _straighten(small, s_small, (w, h), orient.angle, skew, fill, scale,
                                               settings, window)
    first = orient.angle
    if settings.orientation:
        orient = refine_with_punctuation(orient, binary)
    extra = (orient.angle - first) % 360
    if extra % 180 == 90 and settings.deskew and orient.lines == "?":
        # the line direction was unclear: measure the skew again across the lines now known
        skew2, conf2 = _skew(binary0, orient.angle, None, settings, grain)
        if conf2 > 0:
            skew, skew_conf = skew2, conf2
            small_work, binary, speckles = _straighten(small, s_small, (w, h), orient.angle, skew, fill, scale,
                                                       settings, window)
            extra = 0
    if extra:
        binary = turn(binary, extra)
        small_work = turn(small_work, extra)

    # 4. the one full-resolution warp, border painted paper-white
    m, size = work_matrix(w, h, orient.angle, skew)
    work = cv2.warpAffine(gray, _cv_matrix(m), size, flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)
    if settings.flatten_illumination:
        field = paper_field(small_work, sdpi)
        field = cv2.resize(field, size, interpolation=cv2.INTER_LINEAR)
        flatten(work, field, fill)
        del field
    if has_border:
        # border pixels become max(work, paper there): the dark border turns paper-white, nothing else changes
        paint = np.where(border > 0, small, np.uint8(0))
        full = cv2.warpAffine(paint, _cv_matrix(_scaled(m, s_small, (1.0, 1.0))), size,
                              flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_REPLICATE)
        cv2.max(work, full, dst=work)
        del full

    page.transform = Transform(tuple(tuple(float(v) for v in row) for row in m[:2]), (int(size[0]), int(size[1])))
    page.deskew_angle = float(skew)
    page.orientation = int(orient.angle)
    scan.work = work
    scan.binary = binary
    scan.binary_scale = binary.shape[1] / size[0]
    if settings.orientation and not orient.confident:
        page.warnings.append("orientation uncertain: " + "; ".join(orient.notes or ["too little text"]))
    if settings.deskew and skew_conf == 0.0:
        page.warnings.append("skew not measurable (too little text); not deskewed")
    page.steps.append(ProcessingStep(
        "preprocess", "digitize", __version__,
        {"orientation": page.orientation, "orientation_confident": orient.confident,
         "vertical_text": orient.vertical_text, "line_score": orient.line_score,
         "punctuation_marks": orient.marks, "deskew_angle": round(skew, 3),
         "deskew_confidence": round(skew_conf, 3), "border_edges": edges,
         "binarization": settings.binarization, "sauvola_window": window, "sauvola_k": settings.sauvola_k,
         "flatten_illumination": settings.flatten_illumination,
         "speckles_removed": speckles, "paper": round(paper), "ink": round(ink),
         "layout_scale": round(scan.binary_scale, 5)},
        category="preOperation",
        description=f"turned {page.orientation} deg cw, deskewed {skew:+.2f} deg, border {'/'.join(edges) or 'none'},"
                    f" {settings.binarization} binarization at {sdpi:.0f} dpi"))
    return page
