"""Newspaper layout analysis: separators, column grid, typed blocks, text lines, articles, reading order.

Works on ``scan.binary`` (ink = 255, upright, ~100 dpi) and writes boxes in the original scan's frame.
Entry point: :func:`analyse`.
"""
from __future__ import annotations

import cv2
import numpy as np

from .. import __version__
from ..config import LayoutSettings
from ..geometry import Box
from ..model import BlockType, Page, ProcessingStep, Scan
from .articles import assign_articles
from .blocks import attach_captions, frame_regions, group_lines, group_loose, inside_frame, join_vertical_pieces
from .classify import classify
from .columns import column_grid, gutter_wall, gutters, new_column, picture_walls, split_at_gutters
from .emit import to_model
from .listings import find_listings
from .lines import (clear_gutter_dust, clip_to_text_area, estimate_em, extend_line_ends, field_gaps, join_row,
                    measure_core, merge_pieces, smear_segments, split_tall, trim_dust)
from .masthead import band_ears, masthead_bottom, masthead_title, split_title_lines
from .order import reading_order
from .pictures import (absorb_photo_blobs, absorb_photo_heads, absorb_photo_pieces, add_tone_pictures, grow_over_grain, grow_pictures, photos_read_as_text, tint_levels,
                       tone_pictures, toned_mask, trim_to_tone)
from .regions import Region, Seg, union
from .separators import Ink, cut_boxes, merge_pictures, split_ink
from .params import DEFAULT as PARAMS
from .vertical import detect_vertical, split_heads, split_joined_columns
from .vertical_page import analyse_turned, page_is_vertical
from .whitespace import headline_line, off_scratches, stop_at_headlines, tier_gutters, whitespace_gutters

__all__ = ["analyse"]


def analyse(page: Page, scan: Scan, settings: LayoutSettings, turned: bool = False) -> Page:
    """Fill ``page.separators``, ``page.blocks`` (typed, with lines, in reading order) and ``page.articles``.

    ``turned``: the page is a vertical page turned a quarter (vertical_page.analyse_turned): pictures side by
    side there join only when they fill their joint box (``picture_join_fill``)."""
    binary = scan.binary
    if binary is None:
        raise ValueError("layout needs scan.binary: run preprocessing first")
    mode_measures: dict[str, float] = {}     # the writing-mode decision's measures, logged on every page
    if settings.detect_vertical and settings.writing_mode != "horizontal":
        vertical, mode_measures = page_is_vertical(binary)
        if vertical or settings.writing_mode == "vertical":     # a page set top to bottom: vertical_page.py
            page = analyse_turned(page, scan, settings, analyse)
            page.steps[-1].settings.update(mode_measures)
            return page
    scale = scan.binary_scale or 1.0
    dpi = (page.dpi or 300.0) * scale
    unit = dpi / 25.4                                     # layout px per mm
    fill = PARAMS.picture_join_fill if turned else 0.0
    # the type size before the ink is split (line height of a first smear), for what is dust (drop_specks)
    em0 = estimate_em(smear_segments(binary, int(round(PARAMS.first_smear_mm * unit)))[0]) * PARAMS.em_scale
    small = None if scan.work is None else cv2.resize(scan.work, binary.shape[::-1], interpolation=cv2.INTER_AREA)
    # on a turned vertical page pictures join only where their joint box takes in no text (separators.text_between)
    ink = split_ink(binary, unit, em0, fill, part=not turned,
                    toned=toned_mask(small) if turned and small is not None else None)
    # a rule between two pictures parts them and stops their growth (separators.parted_by_rule); on a turned
    # vertical page pictures side by side part by picture_join_fill instead (vertical 11 vu_007: two photos
    # parted by the rule there left a mark between them to an article far off, and the page's order changed)
    parting = [] if turned else ink.rules
    # (on a horizontal page two pictures never join over lines of the page's text: pictures.holds_text)
    held = None if turned else (ink.text, em0)
    toned = None
    if small is not None:
        tints = tint_levels(small, ink.frames, unit)
        toned = toned_mask(small, tints)
        tone = (toned, ink.text) if turned else None
        # (the glyph test for pale photos is off on a turned vertical page: vertical dev vt_002, vertical 3
        # vw_006 lost columns to it)
        found = tone_pictures(scan.work, binary, unit, toned, small, tints, None if turned else em0, ink.pictures)
        ink.pictures = merge_pictures(add_tone_pictures(ink.pictures, found, held), unit, fill, parting, tone, held)
        ink.pictures = merge_pictures(grow_pictures(ink.pictures, toned, unit, ink.text, small, tints, parting, held),
                                      unit, fill, parting, tone, held)
        grain = [] if turned else grow_over_grain(ink.pictures, toned, ink.text, em0, unit, ink.rules)
        if grain and grain != ink.pictures:     # a film photo's pale parts between its pieces (pictures.py)
            ink.pictures = merge_pictures(grain, unit, fill, parting, tone, held)
        for p in ink.pictures:
            ink.text[p.y0:p.y1, p.x0:p.x1] = 0
    segs, _ = smear_segments(ink.text, int(round(PARAMS.first_smear_mm * unit)))
    em = estimate_em(segs) * PARAMS.em_scale
    mast_y = masthead_bottom(segs, ink.rules, em, binary.shape, ink.text)
    title = masthead_title(segs, em, binary.shape, ink.text)
    restore_title_glyphs(ink, binary, title)
    # boxed articles have their own grid: leave them out of the page's (unless a box holds most of the page)
    boxes = [f for f in ink.frames if f.area < PARAMS.frame_grid_max_share * binary.size]
    # narrow gutters (down to half an em) from the page's whitespace: first-pass fragments do not cross them;
    # a long one off the first-pass fragments' column grid is judged more leniently (whitespace._strip; not on a
    # vertical page laid out turned, whose gutters are the white between tiers: vertical 9 vg_002 read worse)
    def page_grid(segs: list[Seg]) -> list[tuple[int, int]]:
        """The column grid of the body's fragments outside boxed articles."""
        free = [s for s in segs if s.box.y0 > mast_y and not any(in_box(s.box, f) for f in boxes)]
        return column_grid(free, em, binary.shape[1], settings.min_column_gap_mm * unit)

    # (a strip white only between lines set across it is no gutter: not on film nor on a turned vertical page,
    # whitespace._lines_across)
    ws = off_scratches(whitespace_gutters(ink.text, em, PARAMS, top=mast_y, listings=not turned,
                                          grid=None if turned else gutters(page_grid(segs)),
                                          across=not turned and not settings.grain_joined_lines),
                       ink.scratches, em, PARAMS)
    if turned:      # the white between tiers only, no river across a tier's columns (whitespace.py)
        ws = tier_gutters(ws, em, PARAMS)
    ws = stop_at_headlines(ws, [s.box for s in segs if headline_line(ink.text, s.box, em, PARAMS)], em, PARAMS)
    if ws:
        segs, _ = smear_segments(ink.text, int(round(PARAMS.first_smear_mm * unit)), (), em, (), (), ws)
    cols = page_grid(segs)
    frame_grids = []                        # a boxed article's own columns (blocks.group_lines)
    grid = cols
    for f in boxes:                         # columns only a boxed article has join the grid
        inside = [s for s in segs if in_box(s.box, f)]
        if len(inside) >= PARAMS.frame_grid_min_lines:
            own = column_grid(inside, em, binary.shape[1], settings.min_column_gap_mm * unit)
            # (a photo's frame, the specks of a heavy scan inside it, is no boxed article: sn_005)
            text = sum(s.box.area for s in inside if s.box.width >= PARAMS.frame_line_min_em * em
                       and PARAMS.frame_line_min_height_em * em <= s.box.height <= PARAMS.headline_max_em * em)
            if text >= PARAMS.frame_text_share * f.area and not turned:     # (vertical_page.py: tiers)
                frame_grids.append((f, own))
            # the line smear's walls (``grid``) leave out the page's gutters under a column of a box that
            # overlaps each page column by under half of its own width (a box two page columns wide set as
            # one column keeps its lines whole); the grid of blocks and articles (``cols``) takes only the
            # columns the page lacks (columns.new_column): its columns never overlap (browser 23 ba_007)
            for c in own:
                if new_column(c, grid, own_width=True):
                    grid = sorted(grid + [c])
                if new_column(c, cols):
                    cols = sorted(cols + [c])
    cols, split = split_at_gutters(cols, ws, em, PARAMS.column_min_width_em)
    split_walls = [gutter_wall(ink.text, g, em, PARAMS.line_leading_em, PARAMS.headline_max_em) for g in split]
    pic_walls = picture_walls(ink.text, ink.pictures, segs, em, PARAMS)     # columns.py: a floated picture's side
    segs = text_lines(ink, segs, em, grid, settings.min_column_gap_mm * unit, list(ws) + pic_walls, split_walls,
                      grain=settings.grain_joined_lines, turned=turned)
    em = estimate_em(segs) * PARAMS.em_scale
    segs = split_title_lines(segs, ink.text, em, mast_y)

    regions: list[Region] = []
    teasers, segs = frame_regions(segs, ink.frames, em)
    regions.extend(teasers)
    mast = [s for s in segs if s.box.cy < mast_y]
    rest = [s for s in segs if s.box.cy >= mast_y]
    # (a listing never runs over a column rule or a picture: their ink is out of ink.text, listings._dirty)
    tables, rest = (find_listings(rest, ink.text, em, cols, rules=[r.box for r in ink.rules if r.orientation == "v"],
                                  pictures=ink.pictures) if not turned else ([], rest))
    band = drop_nested(off_edge(group_loose(mast, em), binary.shape))
    if not turned:                          # the band's ears: teaser articles (masthead.band_ears)
        band_ears(band, title if mast_y > 0 else None, em, ink.rules, ink.frames)
    regions.extend(band)
    if not turned:                          # credit lines (bylines) set their fields apart (lines.py)
        field_gaps(ink.text, rest, em)      # (a turned vertical page's columns are no such lines)
    body = off_edge(group_lines(rest, em, cols, ink.rules, ink.pictures, pic_walls, frame_grids,
                                beside=not turned), binary.shape)
    if settings.detect_vertical:
        body = detect_vertical(body, ink.text, em, apart=not turned)
        if not turned:                      # a vertical article on a horizontal page cut in pieces (blocks.py)
            body = join_vertical_pieces(body, ink.text, ink.rules, em)
            if settings.grain_joined_lines:     # its columns run together by film grain (vertical.py)
                body = split_joined_columns(body, ink.text, em)
            body = split_heads(body)        # its headline and byline columns, blocks of their own (vertical.py)
    # (a photo whose middle tone is darker than the background around it, photo_middle: upright paper pages only)
    alone = photos_read_as_text(body, ink.pictures, toned, small, ink.text, em,
                                middle=not turned and not settings.grain_joined_lines) if small is not None else []
    body = _outside(body, alone)
    if turned:      # a photo read as text: its block's box may hold its caption's first row (params.photo_text_trim_em)
        alone = [trim_to_tone(b, toned, PARAMS.photo_text_trim_em * em) for b in alone]
    ink.pictures = ink.pictures + alone
    if small is not None and ink.pictures:
        found = merge_pictures(absorb_photo_pieces(ink.pictures, body, toned, small, em), 0.0, fill,  # touching only
                               parting, None, None if turned else (ink.text, em))
        body = _outside(body, [q for q in found if q not in ink.pictures])
        ink.pictures = found
    if ink.pictures and not turned:         # a photo's dark shape read as one huge "character" (pictures.py)
        found = absorb_photo_blobs(ink.pictures, body, ink.text, em)
        body = _outside(body, [q for q in found if q not in ink.pictures])
        ink.pictures = found
    if ink.pictures and not turned and not settings.grain_joined_lines:
        # a photo's pale strip read as a line of headline type (pictures.py; not on film: params)
        found = absorb_photo_heads(ink.pictures, body, ink.text, em)
        body = _outside(body, [q for q in found if q not in ink.pictures])
        ink.pictures = found
    for i, p in enumerate(ink.pictures):
        why = ("picture: read as text at first, but darker than the paper around it nearly everywhere" if p in alone
               else "picture: a large area of solid ink or tone holding no characters")
        regions.insert(i, Region(p, BlockType.PICTURE, cols=(-1, -1), pic=i, trace=[why]))
    body = attach_captions(body, ink.pictures, em)
    body = classify(body, em, cols, ink.text, ink.rules, scan.work, body_run=settings.grain_joined_lines,
                    frames=[f for f, _ in frame_grids])
    for r in body:
        if r.type.is_text and r.type != BlockType.HEADLINE:
            extend_line_ends(r.lines, ink.text, em)
    trace_walls(body, ws, [r.box for r in ink.rules if r.orientation == "v"], em, pic_walls)
    regions.extend(body + tables)
    for r in regions:                       # a boxed article's blocks and pictures: one article (articles.py)
        if r.in_frame is None and not r.masthead:
            r.in_frame = next((ink.frames.index(f) for f, _ in frame_grids if inside_frame(r.box, f)), None)
            if r.in_frame is not None:
                r.trace.append("inside a framed box with its own columns")
    assign_articles(regions, cols, ink.rules, em, ink.text, grain=settings.grain_joined_lines, turned=turned)
    rows_mm = settings.row_tolerance_mm or PARAMS.article_row_tolerance_mm    # (0: the convention's)
    ordered = reading_order(regions, rows_mm * unit, settings.article_order, tiers=settings.grain_joined_lines)
    to_model(page, ordered, ink, scale, em)
    counts = {t.value: sum(1 for b in page.blocks if b.type == t) for t in BlockType}
    page.steps.append(ProcessingStep(
        "layout", "digitize", __version__,
        {"detect_vertical": settings.detect_vertical, "writing_mode": settings.writing_mode,
         "article_order": settings.article_order,
         "min_column_gap_mm": settings.min_column_gap_mm, "layout_dpi": round(dpi, 1),
         "body_em_px": round(em / scale, 1), "columns": len(cols), "whitespace_gutters": len(ws),
         **mode_measures,
         "blocks": counts, "separators": len(page.separators), "articles": len(page.articles)},
        category="contentGeneration",
        description="connected components at layout resolution: rules, frames, pictures, column grid, "
                    "line grouping, typed blocks, articles, reading order"))
    return page


def text_lines(ink: Ink, rough: list[Seg], em: float, cols: list[tuple[int, int]], min_gap: float,
               ws: list[Box] = (), split_walls: list[Box] = (), grain: bool = False, turned: bool = False) -> list[Seg]:
    """The text lines (layout px): ink smeared along rows but never across gutters, rules or frame sides,
    cleaned of dust and border debris, lines blurred together split, pieces of one line joined.
    ``rough`` are first-pass fragments (used for the column grid inside boxed articles); ``ws`` are the
    whitespace gutters (``whitespace.py``), never crossed; ``split_walls`` the gutters that split a grid
    column, as far as their strip stays white (``columns.gutter_wall``), walls like the grid's gutters.
    ``grain`` (layout.grain_joined_lines, the microfilm profile): lines stacked in a giant fragment of film
    grain inside the page are cut at their rows (``lines.split_tall``).  ``turned``: a vertical page laid out
    turned.  Only on paper (neither turned nor ``grain``) is a vertical article cut from rows of horizontal text
    beside its columns (``lines._columns_span``): on film grain bridges the channels between columns, and a run
    of ink wider than the biggest type is columns joined by grain (microfilm 30 mr2_005: cut off there, two of
    them were read as giant headline "lines")."""
    h, w = ink.text.shape
    rule_walls, cuts = cut_boxes(ink)
    walls = [Box(g0 + 1, 0, g1 - 1, h) for g0, g1 in gutters(cols)]
    clear_gutter_dust(ink.text, walls, em)
    walls += [Box(g.x0 + 1, g.y0, g.x1 - 1, g.y1) for g in split_walls if g.width > 2]
    for f in ink.frames:                    # a boxed article has its own, inset column grid
        inside = [s for s in rough if in_box(s.box, f)]
        if f.height > PARAMS.frame_walls_min_em * em and len(inside) >= PARAMS.frame_walls_min_lines:
            walls += [Box(g0 + 1, f.y0, g1 - 1, f.y1) for g0, g1 in gutters(column_grid(inside, em, w, min_gap))]
    segs, labels = smear_segments(ink.text, max(PARAMS.min_kernel_px, int(round(PARAMS.line_smear_em * em))), walls, em, cuts, rule_walls, ws)
    pad = int(PARAMS.text_area_pad_em * em)
    segs = clip_to_text_area(ink.text, segs, cols[0][0] - pad, cols[-1][1] + pad, labels, em)
    grain_gutters: list[Box] = []           # gutters found cutting lines joined by film grain (split_tall)
    article_sides: list[Box] = []           # the sides of a vertical article cut out of such a fragment
    segs = merge_pieces(split_tall(ink.text, trim_dust(ink.text, segs, em, labels), em, labels, grain_gutters,
                                   article_sides, grain, beside=not turned and not grain), em)
    segs = [s for s in segs if s.box.height >= PARAMS.line_least_em * em or s.box.width >= PARAMS.line_least_em * em]
    segs = measure_core(ink.text, segs)
    # the text area's edges part lines as gutters do: a mark in the margin left beside a line is no part of it
    edges = [(cols[0][0] - pad, cols[0][0] - pad), (cols[-1][1] + pad, cols[-1][1] + pad)]
    joined = join_row(segs, em, gutters(cols) + edges, list(ws) + list(split_walls) + grain_gutters,
                      cuts + rule_walls + article_sides, ink.text)
    measured = {id(s) for s in segs}        # a line join_row left as it was has its core measured already
    measure_core(ink.text, [s for s in joined if id(s) not in measured])
    return joined


def _outside(regions: list[Region], pictures: list[Box]) -> list[Region]:
    """The regions not lying (over 80 % of their area) inside one of ``pictures``."""
    return [r for r in regions if not any(r.box.intersection(q) > PARAMS.inside_picture_share * r.box.area
                                          for q in pictures)]


def trace_walls(regions: list[Region], ws: list[Box], rules: list[Box], em: float, pics: list[Box] = ()) -> None:
    """Note on each text block the whitespace gutter, vertical rule or strip beside a floated picture that
    bounds it on either side (its lines were cut there, or would have run across)."""
    for r in regions:
        b = r.box
        for kind, walls in (("whitespace gutter", ws), ("vertical rule", rules), ("picture's side", pics)):
            for g in walls:
                if min(g.y1, b.y1) - max(g.y0, b.y0) <= PARAMS.trace_wall_overlap_em * em:
                    continue
                side = "left" if abs(g.x1 - b.x0) <= PARAMS.trace_wall_side_em * em \
                    else "right" if abs(g.x0 - b.x1) <= PARAMS.trace_wall_side_em * em else ""
                if side:
                    r.trace.append(f"bounded on the {side} by a {kind} at layout px x={(g.x0 + g.x1) // 2} "
                                   f"({(g.x1 - g.x0) / em:.2f} em wide, {(g.y1 - g.y0) / em:.0f} em tall)")


def drop_nested(regions: list[Region]) -> list[Region]:
    """A region lying inside a line of another (a stroke of a huge masthead title glyph found as a line of
    its own) is part of that line's glyphs: it is read with that line, not again on its own."""
    lines = [(r, ln.box) for r in regions for ln in r.lines]
    return [r for r in regions
            if not any(o is not r and box.intersection(r.box) >= PARAMS.nested_inside_share * r.box.area
                       and box.area >= 2 * r.box.area
                       for o, box in lines)]


def at_edge(b: Box, shape: tuple[int, int]) -> bool:
    """The box touches the image edge."""
    h, w = shape
    return b.x0 <= 1 or b.y0 <= 1 or b.x1 >= w - 1 or b.y1 >= h - 1


def off_edge(regions: list[Region], shape: tuple[int, int]) -> list[Region]:
    """A line or two touching the image edge is scanner-border debris, not text: such a region loses the
    lines that touch the edge, and is dropped when none is left.  Its other line stays: a speck at the
    edge, taken into a block as its last line, does not take the block with it (browser 22 bz_006: a
    vertical article, its columns blurred into one smear, lost whole with a speck on the bottom edge)."""
    out = []
    for r in regions:
        if len(r.lines) > 2 or not at_edge(r.box, shape):
            out.append(r)
            continue
        lines = [s for s in r.lines if not at_edge(s.box, shape)]
        if lines:
            r.lines = lines
            r.box = union([s.box for s in lines])
            r.trace.append("its line touching the image edge left out (scanner-border debris)")
            out.append(r)
    return out


def in_box(b: Box, f: Box) -> bool:
    return f.x0 <= b.x0 and b.x1 <= f.x1 and f.y0 <= b.y0 and b.y1 <= f.y1


def restore_title_glyphs(ink: Ink, binary: np.ndarray, title: Seg | None) -> None:
    """A huge bold character of the masthead title taken for a picture goes back to the text."""
    if title is None:
        return
    t = title.box
    keep = []
    for p in ink.pictures:
        glyph = (min(p.y1, t.y1) - max(p.y0, t.y0) >= PARAMS.title_glyph_level * min(p.height, t.height)
                 and PARAMS.title_glyph_min_height * t.height <= p.height <= PARAMS.title_glyph_max_height * t.height
                 and p.width <= PARAMS.title_glyph_max_width * t.height)
        if glyph:
            ink.text[p.y0:p.y1, p.x0:p.x1] = binary[p.y0:p.y1, p.x0:p.x1]
        else:
            keep.append(p)
    ink.pictures = keep
