"""Vertical (top-to-bottom) text: blocks whose ink forms columns rather than rows; their lines are the
columns, read right to left."""
from __future__ import annotations

import numpy as np

from .params import DEFAULT as PARAMS
from .regions import FULL_PERCENTILE, Region, Seg
from ..geometry import Box


def _blank_columns_win(crop: np.ndarray, share: float) -> bool:
    """More blank pixel columns than rows in ``crop`` (bool), a row (column) blank when its ink is at most
    ``share`` of a full one's (the 90th percentile of the crop's rows, columns), with white channels inside."""
    col_ink, row_ink = crop.sum(axis=0), crop.sum(axis=1)
    empty_cols = col_ink <= share * np.percentile(col_ink, FULL_PERCENTILE)
    col_empty = float(empty_cols.mean())
    row_empty = float((row_ink <= share * np.percentile(row_ink, FULL_PERCENTILE)).mean())
    # white channels between top-to-bottom lines: empty runs of pixel columns inside the box
    starts = np.flatnonzero(np.diff(empty_cols.astype(np.int8)) == 1)
    interior = sum(1 for x in starts if 0 < x + 1 < len(empty_cols) - 1)
    return interior >= 2 and col_empty >= PARAMS.vertical_blank_columns and row_empty <= 0.5 * col_empty


def columns_in(text: np.ndarray, box: Box) -> bool:
    """Top-to-bottom columns inside the box, the specks of a scan discounted (``vertical_blank_share``): more
    blank pixel columns than rows, with white channels inside.  A strip of a few columns beside a gutter
    (whitespace._strip) is no block: a speck in each narrow white channel between its columns keeps every
    pixel column inked, which the first look of :func:`looks_vertical` needs blank (microfilm 13 m13_005)."""
    crop = text[box.y0:box.y1, box.x0:box.x1] > 0
    return crop.size > 0 and _blank_columns_win(crop, PARAMS.vertical_blank_share)


def looks_vertical(text: np.ndarray, box: Box, grainy: bool = False) -> bool:
    """More empty pixel columns than empty pixel rows inside the box: lines run top to bottom; and still so
    when a row (column) holding at most ``vertical_blank_share`` of a full one's ink counts as blank.  The
    specks of a heavy scan in the leading between lines, a stroke's tip reaching into it, fill rows that are
    white on the print (synth 86 sa_006: a caption of letter-spaced characters on a grid, its leading two or
    three pixels, had only 7 % of its rows empty of every pixel, and was read as 16 columns); specks never
    empty a row, so they only ever make text look vertical, and the second look only vetoes the first (a
    microfilm blob, microfilm 13 m13_005, looks vertical only with the specks discounted).  ``grainy``: the
    look with the specks discounted alone (a one-line block taller than ``giant_em``, see
    ``vertical_grain_share``)."""
    return ink_looks_vertical(text[box.y0:box.y1, box.x0:box.x1] > 0, grainy)


def ink_looks_vertical(crop: np.ndarray, grainy: bool = False) -> bool:
    """:func:`looks_vertical` of an ink mask (bool)."""
    if crop.size == 0:
        return False
    return (grainy or _blank_columns_win(crop, 0.0)) and _blank_columns_win(crop, PARAMS.vertical_blank_share)


def vertical_lines(text: np.ndarray, box: Box, em: float, share: float = 0.0) -> list[Seg]:
    """The top-to-bottom lines inside ``box``, right to left; a pixel column holding at most ``share`` of a full
    one's ink (the 90th percentile) is white between them."""
    crop = text[box.y0:box.y1, box.x0:box.x1] > 0
    col_ink = crop.sum(axis=0)
    inked = col_ink > (share * float(np.percentile(col_ink, FULL_PERCENTILE)) if share > 0 and col_ink.size else 0)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inked.astype(np.int8), [0]])))
    runs: list[list[int]] = []
    for a, z in zip(edges[::2], edges[1::2]):
        if runs and a - runs[-1][1] < PARAMS.vertical_stroke_gap_em * em:       # strokes of one character a hair apart
            runs[-1][1] = z
        else:
            runs.append([int(a), int(z)])
    out: list[Seg] = []
    for a, z in runs:
        if z - a < PARAMS.vertical_line_min_em * em:
            continue
        rows = np.flatnonzero(crop[:, a:z].any(axis=1))
        out.append(Seg(Box(box.x0 + a, box.y0 + int(rows[0]), box.x0 + z, box.y0 + int(rows[-1]) + 1),
                       vertical=True, core=float(z - a)))
    return sorted(out, key=lambda s: -s.box.x1)


def _are_columns(lines: list[Seg]) -> bool:
    """Are ``lines`` (top-to-bottom lines, :func:`vertical_lines`) columns of characters: two or more, in the
    median at least ``vertical_column_aspect`` times as tall as wide (a row of big characters, a headline, is
    not)?"""
    return len(lines) >= 2 and np.median([s.box.height / s.box.width for s in lines]) >= PARAMS.vertical_column_aspect


def _columns_of_text(text: np.ndarray, box: Box, em: float, share: float = 0.0) -> bool:
    """Is the ink inside ``box`` columns of characters: its top-to-bottom lines (:func:`vertical_lines` with
    ``share``) columns (:func:`_are_columns`) no wider than the biggest type (``headline_max_em``: a page's
    columns of horizontal lines joined by film grain into one fragment, 25 em wide, are not; microfilm 26
    me2_003) and not a listing's rows (:func:`_rows_of_fields`, on the lines looked at with the specks
    discounted: those already when ``share`` is ``vertical_blank_share``)?"""
    lines = vertical_lines(text, box, em, share)
    if not _are_columns(lines) or np.median([s.box.width for s in lines]) > PARAMS.headline_max_em * em:
        return False
    grainy = lines if share == PARAMS.vertical_blank_share else \
        vertical_lines(text, box, em, PARAMS.vertical_blank_share)
    return not _rows_of_fields(text, grainy, em)


def _rows_of_fields(text: np.ndarray, lines: list[Seg], em: float) -> bool:
    """Are ``lines``, a box's top-to-bottom lines looked at with the specks discounted (:func:`vertical_lines`
    with ``vertical_blank_share``), a listing's rows rather than columns of characters: do "columns" whose ink
    pieces are rows of a field hold over ``vertical_rows_ink_share`` of their ink (with film grain
    in the channels between a vertical article's columns, the first look joins them two by two, "columns" two
    characters wide)?  A column's pieces are its runs of rows holding over ``vertical_blank_share`` of its full
    row's ink; they are rows of a field when in the median no taller than a body line (``line_max_em``) and
    the column is at least ``vertical_row_width_ratio`` times as wide as they are tall.  A column of characters is one
    character wide, its pieces a character tall or several touching; the "columns" vertical_lines finds in a
    listing's rows joined by film grain are its fields (a time, a name of several characters side by side),
    each piece one row of the field, 2-8 times as wide as tall (microfilm 61 ml3_005: a TV listing's rows, a
    fragment 13 em tall, read as 5 columns)."""
    ink = rows = 0
    for s in lines:
        strip = text[s.box.y0:s.box.y1, s.box.x0:s.box.x1] > 0
        per_row = strip.sum(axis=1)
        inked = per_row > PARAMS.vertical_blank_share * float(np.percentile(per_row, FULL_PERCENTILE))
        edges = np.flatnonzero(np.diff(np.concatenate([[0], inked.astype(np.int8), [0]])))
        pieces = edges[1::2] - edges[::2]
        n = int(per_row.sum())
        ink += n
        if pieces.size:
            piece = float(np.median(pieces))
            if piece <= PARAMS.line_max_em * em and s.box.width >= PARAMS.vertical_row_width_ratio * piece:
                rows += n
    return rows > PARAMS.vertical_rows_ink_share * ink


def _giant_apart(r: Region, text: np.ndarray, em: float) -> list[Region]:
    """A region that does not look vertical as a whole but holds a "line" taller than ``giant_em`` whose own
    ink is columns of text (:func:`looks_vertical`, :func:`_columns_of_text`): a vertical article on a horizontal
    page that lines.split_tall left whole for this module (no horizontal line is ``giant_em`` tall), grouped by
    blocks.group_lines with lines above, below or beside it (the top of a photo under it, a caption, a
    horizontal article's stray lines).  Their ink fills the blank pixel rows
    between the article's characters, or adds blank columns the article lacks, so the region as a whole is
    not read as columns and the article stays one giant "line" (browser 69 di_002: 46 em; 68 dh_004: 26 em;
    51 cp_006: 32 em).  On film the giant is looked at with the specks discounted too, as detect_vertical looks
    at a one-line block taller than ``giant_em`` (grain in the channels between its columns leaves no pixel
    column blank; microfilm 60 mk3_003, 37 mw_004).  The giant line becomes a region of its own, the region's
    other lines another (``vertical_giant_apart``).  Returns the region, or the two pieces in its place."""
    if not PARAMS.vertical_giant_apart or len(r.lines) < 2 or looks_vertical(text, r.box):
        return [r]
    tall = [s for s in r.lines if s.box.height > PARAMS.giant_em * em
            and s.box.width >= PARAMS.vertical_chain_columns * em          # columns of about an em each
            and (looks_vertical(text, s.box) and _columns_of_text(text, s.box, em)
                 or looks_vertical(text, s.box, grainy=True)
                 and _columns_of_text(text, s.box, em, PARAMS.vertical_blank_share))]
    if not tall:
        return [r]
    giant = max(tall, key=lambda s: s.box.area)
    rest = [s for s in r.lines if s is not giant]
    why = (f"vertical: a line {giant.box.height / em:.0f} em tall whose ink is columns, taken apart from the "
           f"{len(rest)} other line(s) of its block")
    sizes = sorted(s.size for s in rest)
    return [Region(giant.box, r.type, [giant], cols=r.cols, font=r.font, in_frame=r.in_frame, masthead=r.masthead,
                   trace=list(r.trace) + [why]),
            Region(Box.union_all([s.box for s in rest]), r.type, rest, cols=r.cols, font=float(sizes[len(sizes) // 2]),
                   in_frame=r.in_frame, masthead=r.masthead,
                   trace=list(r.trace) + ["the rest of a block a vertical article's giant line was taken out of"])]


def detect_vertical(regions: list[Region], text: np.ndarray, em: float, apart: bool = False) -> list[Region]:
    """Turn regions of top-to-bottom text into vertical regions with column lines; body-size pieces of the
    same block cut off above or below (short columns, a first row of characters) are taken in.  ``apart`` (a
    horizontal page): a vertical article's giant line grouped with other lines is taken out of its region
    first (:func:`_giant_apart`).  Returns the regions left."""
    if apart:                   # (a horizontal page: a vertical article's giant line grouped with other lines)
        regions = [piece for r in regions for piece in _giant_apart(r, text, em)]
    out = list(regions)
    for r in regions:
        if r not in out:
            continue
        b = r.box
        if b.height < PARAMS.vertical_regroup_min_height_em * em or b.width < PARAMS.vertical_regroup_min_width_em * em:
            continue
        # one line taller than giant_em, a fragment of grainy film no column or row cut parted, that does not
        # look vertical as it is: looked at with the specks discounted alone (params.vertical_chain_columns)
        grainy = not looks_vertical(text, b) and len(r.lines) == 1 \
            and r.lines[0].box.height > PARAMS.giant_em * em and looks_vertical(text, b, grainy=True)
        if not grainy and not looks_vertical(text, b):
            continue
        share = PARAMS.vertical_blank_share if grainy else 0.0
        probe = vertical_lines(text, b, em, share)
        if not _are_columns(probe):
            continue
        grown = True
        while grown:
            grown = False
            for o in out:
                if o is r or o.box.width > r.box.width + PARAMS.vertical_piece_side_em * em:
                    continue
                ob = o.box
                inside_x = ob.x0 >= r.box.x0 - PARAMS.vertical_piece_side_em * em \
                    and ob.x1 <= r.box.x1 + PARAMS.vertical_piece_side_em * em
                gap = max(ob.y0 - r.box.y1, r.box.y0 - ob.y1)
                if inside_x and (gap < 0 or (gap <= PARAMS.vertical_piece_gap_em * em
                                             and o.font <= PARAMS.vertical_piece_type_em * em)):
                    # a piece of the same columns keeps the white channels between them; a horizontal
                    # line above or below (a byline) would fill them and merge the columns: leave it out
                    if len(vertical_lines(text, r.box.union(ob), em, share)) < len(probe):
                        continue
                    r.box = r.box.union(ob)
                    out.remove(o)
                    grown = True
                    break
        lines = vertical_lines(text, r.box, em, share)
        if not _are_columns(lines):
            continue                        # a row of big characters (headline), not columns of text
        r.lines = lines
        r.vertical = True
        r.trace.append(f"vertical: ink in {len(lines)} top-to-bottom columns (more empty pixel columns than rows)")
        widths = sorted(s.box.width for s in lines)
        r.font = float(widths[len(widths) // 2])
        r.cols = (-1, -1)
    return out


def split_joined_columns(regions: list[Region], text: np.ndarray, em: float) -> list[Region]:
    """Columns of a vertical block run together by film grain, parted (``vertical_joined_*`` in params): a line
    over ``vertical_joined_width_ratio`` times as wide as the block's own narrow columns (its lines' widths at
    ``vertical_joined_narrow_quantile``) is cut at its pixel columns holding at most ``vertical_blank_share``
    of a full one's ink (the block's 90th percentile: the specks discounted), when that gives two pieces or
    more at least ``vertical_line_min_em`` wide, each at least ``vertical_joined_part_ratio`` of the narrow columns' width
    (the strokes of one character are narrower).  The channel left between two joined columns may be one
    pixel wide, so pieces are not rejoined across ``vertical_stroke_gap_em`` as :func:`vertical_lines` does.
    Returns the regions (changed in place)."""
    for r in regions:
        if not r.vertical or len(r.lines) < PARAMS.vertical_joined_min_lines:
            continue
        widths = sorted(s.box.width for s in r.lines)
        narrow = widths[int(len(widths) * PARAMS.vertical_joined_narrow_quantile)]
        if not any(s.box.width > PARAMS.vertical_joined_width_ratio * narrow for s in r.lines):
            continue
        b = r.box
        crop = text[b.y0:b.y1, b.x0:b.x1] > 0
        col_ink = crop.sum(axis=0)
        inked = col_ink > PARAMS.vertical_blank_share * float(np.percentile(col_ink, FULL_PERCENTILE))
        lines: list[Seg] = []
        parted = 0
        for s in r.lines:
            a0, z0 = max(0, s.box.x0 - b.x0), min(len(inked), s.box.x1 - b.x0)
            pieces: list[Seg] = []
            if s.box.width > PARAMS.vertical_joined_width_ratio * narrow and z0 > a0:
                edges = np.flatnonzero(np.diff(np.concatenate([[0], inked[a0:z0].astype(np.int8), [0]])))
                for a, z in zip(edges[::2] + a0, edges[1::2] + a0):
                    if z - a < PARAMS.vertical_line_min_em * em:
                        continue
                    rows = np.flatnonzero(crop[:, a:z].any(axis=1))
                    pieces.append(Seg(Box(b.x0 + int(a), b.y0 + int(rows[0]), b.x0 + int(z), b.y0 + int(rows[-1]) + 1),
                                      vertical=True, core=float(z - a)))
            if len(pieces) >= 2 and min(q.box.width for q in pieces) >= PARAMS.vertical_joined_part_ratio * narrow:
                lines.extend(pieces)
                parted += 1
            else:
                lines.append(s)
        if not parted:
            continue
        r.lines = sorted(lines, key=lambda s: -s.box.x1)
        widths = sorted(s.box.width for s in r.lines)
        r.font = float(widths[len(widths) // 2])
        r.trace.append(f"vertical: {parted} line(s) over {PARAMS.vertical_joined_width_ratio:g} times as wide as "
                       f"its narrow columns ({narrow} px) parted where the specks are discounted: columns run "
                       f"together by grain in the white between them ({len(r.lines)} columns now)")
    return regions


def split_heads(regions: list[Region]) -> list[Region]:
    """A vertical article on a horizontal page found as one block of columns: its headline and byline, set
    in columns of their own right of the body, become blocks of their own (``vertical_head_*`` and
    ``vertical_byline_*`` in params), measured against the block's own columns (their median width is the
    body's character size).  From the right: columns of a squat mark (under two characters tall: a stamp,
    a smudge) are left as they are, a block of their own; then the headline, one column or more, each
    ``vertical_head_width_ratio`` of the body's width or wider; then a byline, one column starting level
    with the body's top (a paragraph's first column is indented), ending short of its foot, and followed by
    an indented column.  The body keeps at least two columns.  Only blocks whose columns stand apart
    by leading and run ten characters long in the median are split (``vertical_columns_*``).  Returns the regions, pieces in place of the
    block."""
    from ..model import BlockType
    from .params import DEFAULT as P
    out: list[Region] = []
    for r in regions:
        if not r.vertical or r.type != BlockType.BODY or len(r.lines) < P.vertical_split_min_lines:
            out.append(r)
            continue
        cols = sorted(r.lines, key=lambda s: -s.box.x1)
        w = float(np.median([s.box.width for s in cols]))
        gap = float(np.median([a.box.x0 - b.box.x1 for a, b in zip(cols, cols[1:])]))
        if gap < P.vertical_columns_gap_em * w or np.median([s.box.height for s in cols]) < P.vertical_columns_min_chars * w:
            out.append(r)           # not columns of text: characters of spaced rows standing in line
            continue
        i = 0
        while i < len(cols) and cols[i].box.height < P.vertical_head_min_chars * cols[i].box.width:
            i += 1
        stray = cols[:i]
        j = i
        while j < len(cols) and cols[j].box.width >= P.vertical_head_width_ratio * w \
                and cols[j].box.height >= P.vertical_head_min_chars * cols[j].box.width:
            j += 1
        head = cols[i:j]
        by: list[Seg] = []
        rest = cols[j:]
        if len(rest) >= P.vertical_split_min_lines:
            top, foot = min(s.box.y0 for s in rest), max(s.box.y1 for s in rest)
            c, d = rest[0], rest[1]
            if c.box.y0 - top <= P.vertical_byline_top_em * w and foot - c.box.y1 >= P.vertical_byline_short_em * w \
                    and d.box.y0 - c.box.y0 >= P.vertical_byline_indent_em * w \
                    and c.box.width < P.vertical_head_width_ratio * w:
                by, rest = [c], rest[1:]
        if not head and not by or len(rest) < 2:
            out.append(r)
            continue
        pieces = [(stray, BlockType.BODY, "vertical: a squat mark right of the article's columns, a block of its own"),
                  (head, BlockType.HEADLINE, f"headline: the article's first column(s), type over "
                                             f"{P.vertical_head_width_ratio} times its body columns' width"),
                  (by, BlockType.BYLINE, "byline: a short column level with the body's top before an indented one"),
                  (rest, BlockType.BODY, "body: the columns after the headline and byline split off")]
        for lines, kind, why in pieces:
            if not lines:
                continue
            widths = sorted(s.box.width for s in lines)
            out.append(Region(Box.union_all([s.box for s in lines]), kind, list(lines), cols=r.cols,
                              font=float(widths[len(widths) // 2]), vertical=True, in_frame=r.in_frame,
                              masthead=r.masthead, trace=list(r.trace) + [why]))
    return out
