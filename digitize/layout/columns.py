"""The page's column grid, from the aligned left and right edges of justified body lines."""
from __future__ import annotations

import numpy as np

from ..geometry import Box
from .params import DEFAULT as PARAMS
from .regions import Seg


def _clusters(values: list[int], tol: float) -> list[tuple[float, int]]:
    """(centre, count) of groups of sorted values whose neighbours are within ``tol``."""
    if not values:
        return []
    vs = sorted(values)
    out: list[list[int]] = [[vs[0]]]
    for v in vs[1:]:
        if v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [(float(np.median(g)), len(g)) for g in out]


def column_grid(segs: list[Seg], em: float, width: int, min_gap: float = 0.0) -> list[tuple[int, int]]:
    """Columns as (x0, x1) in layout px, left to right, from the gutters between body-size line fragments.

    Body lines dominate a newspaper page: the number of body-size fragments covering a pixel column is high
    inside text columns and near zero in the gutters, even where a spanning headline or picture crosses them.
    A gutter is at least ``min_gap`` px (and 0.6 em) wide.
    """
    diff = np.zeros(width + 1, np.float64)
    for s in segs:
        b = s.box
        if PARAMS.grid_line_min_em * em <= b.height <= PARAMS.grid_line_max_em * em:
            diff[max(0, b.x0)] += 1
            diff[min(width, b.x1)] -= 1
    prof = np.cumsum(diff)[:width]
    nz = np.nonzero(prof > 0)[0]
    if len(nz) == 0:
        return [(0, width)]
    level = float(np.median(prof[nz[0]:nz[-1] + 1]))
    low = prof < max(1.0, PARAMS.grid_gutter_share * level)
    inked = np.nonzero(~low)[0]
    left, right = int(inked[0]), int(inked[-1]) + 1
    cols: list[tuple[int, int]] = []
    x = left
    while x < right:
        if low[x]:
            run = x
            while run < right and low[run]:
                run += 1
            if run - x >= max(PARAMS.grid_gutter_min_em * em, min_gap) and cols and x > cols[-1][0]:
                cols[-1] = (cols[-1][0], x)
                cols.append((run, run))
            x = run
        else:
            if not cols:
                cols.append((x, x))
            x += 1
    if cols:
        cols[-1] = (cols[-1][0], right)
    # columns narrower than a few characters are not columns (stray ink in a margin): fold them away
    out = [c for c in cols if c[1] - c[0] >= PARAMS.grid_column_min_em * em]
    return out or [(left, right)]


def new_column(c: tuple[int, int], cols: list[tuple[int, int]], own_width: bool = False) -> bool:
    """Is ``c`` (a boxed article's own column) a column the page grid ``cols`` lacks: does it overlap each
    grid column by less than ``box_column_overlap_share`` (params) of the narrower of the two?  A box's
    column laid over two page columns overlaps each by under half of its own width, yet covers most of
    either: it is no new column, and added it would make the grid's columns overlap, so that a headline or
    block would seem to span columns it does not (browser 23 ba_007: a row of small ads two page columns
    wide each; a headline over three columns taken to head five, the next article's body given to it).
    ``own_width``: the share is of ``c``'s own width (the line smear's walls, layout.analyse: such a box
    column joins them, and keeps its lines whole over the page gutters under it)."""
    return all(min(c[1], d[1]) - max(c[0], d[0])
               < PARAMS.box_column_overlap_share * (c[1] - c[0] if own_width else min(c[1] - c[0], d[1] - d[0]))
               for d in cols)


def gutters(cols: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(cols[i][1], cols[i + 1][0]) for i in range(len(cols) - 1)]


def columns_of(box: Box, cols: list[tuple[int, int]], em: float) -> tuple[int, int]:
    """First and last grid column that ``box`` overlaps substantially; (-1, -1) outside the grid."""
    hit = [i for i, (l, r) in enumerate(cols)
           if min(box.x1, r) - max(box.x0, l) >= min(PARAMS.column_overlap_em * em, 0.5 * box.width, 0.5 * (r - l))]
    return (hit[0], hit[-1]) if hit else (-1, -1)


def split_at_gutters(cols: list[tuple[int, int]], ws: list[Box], em: float,
                     min_width_em: float) -> tuple[list[tuple[int, int]], list[Box]]:
    """The grid with each grid column split at the whitespace gutters found inside it (``whitespace.py``):
    narrow gutters, and gutters of one band's or one article's own columns, that the page-wide profile
    misses; the tallest gutters split first.  A split leaves at least ``min_width_em`` of column on each
    side.  Also returns the gutters that split a column (and those lying on a boundary already split: the
    same column gutter in another band): the split holds for grouping lines into blocks, but as a wall for the line smear
    such a gutter reaches only as far as its strip stays white (``gutter_wall``): in another band, text
    may run straight across the same place."""
    out = list(cols)
    used: list[Box] = []
    # the tallest gutters first: where two gutters of different bands are too close to split one column at
    # both, the one more of the page's lines stand beside decides (by_002: a photo's 700 px side beat the
    # 2,000 px gutter of an article's columns when gutters were taken from left to right)
    for g in sorted(ws, key=lambda b: (-b.height, b.x0, b.y0)):
        for i, (l, r) in enumerate(out):
            if g.x0 - l >= min_width_em * em and r - g.x1 >= min_width_em * em:
                out[i:i + 1] = [(l, g.x0), (g.x1, r)]
                used.append(g)
                break
        else:
            # the same column boundary in another band (the white between two split columns runs through
            # this gutter too): it walls the smear there as well (bn_002: an article's gutter and the one
            # under it, 4 px apart, one band's lines otherwise smeared across)
            if any(a[1] < g.x1 and g.x0 < b[0] for a, b in zip(out, out[1:])):
                used.append(g)
    return out, used


def gutter_wall(text: np.ndarray, g: Box, em: float, leading_em: float, crossing_em: float) -> Box:
    """Whitespace gutter ``g`` run up and down its own strip of ``text`` (ink = nonzero) past ink that
    crosses the strip for at most ``crossing_em`` (a headline, a caption line, a mark reaching in; inked
    rows closer than ``leading_em`` count as one crossing), up to ink that crosses for longer: lines of
    text set across the strip, one under the other, in another band.  The pieces of one gutter that the
    gutter finder left apart (at a headline over the columns, a paragraph end, a short line) join again;
    like a grid gutter, the wall lets rows with ink inside it cross (``lines.smear_segments``)."""
    inked = (text[:, max(0, g.x0):g.x1] > 0).any(axis=1)
    leading = max(1, int(round(leading_em * em)))
    longest = max(1, int(round(crossing_em * em)))

    def walk(y: int, step: int) -> int:
        end, start, white = y, None, 0              # end: the wall's reach; start: first row of a crossing
        while 0 <= y + step < len(inked):
            y += step
            if inked[y]:
                start = y if start is None else start
                white = 0
                if abs(y - start) > longest:
                    return end                      # text set across the strip: the wall ends before it
            else:
                white += 1
                if start is not None and white >= leading:
                    start = None                    # the crossing is over: the gutter goes on
                if start is None:
                    end = y
        return y

    return Box(g.x0, walk(g.y0, -1), g.x1, walk(g.y1 - 1, 1) + 1)


def picture_walls(text: np.ndarray, pictures: list[Box], segs: list[Seg], em: float, p) -> list[Box]:
    """The white strip between a picture and the column of text set beside it (a photo floated into a
    column), as a wall for the line smear: the lines beside the picture start (or end) at one edge, a
    gutter's width from the picture, and the picture's caption under (or over) it ends at the picture's
    side, so the strip is white down the caption's rows too, where nothing but the smear's reach (1.5 em)
    would keep a caption line apart from the body line level with it (browser seeds 8 and 11: captions
    read into the lines beside their photo).  The lines beside: at least ``picture_side_min_lines``
    fragments of body height whose middle lies in the picture's rows, within ``gutter_max_width_em`` of
    its side, half of them on one edge (within ``picture_side_align_em``).  The wall runs on down the
    strip (``gutter_wall``: past a crossing line, up to text set across) at most
    ``picture_caption_reach_em`` under the picture; never above it, where a byline set over the picture
    runs on across the strip (its wide spaces may fall there: browser seed 8, bt_006); and it ends above a
    line under the picture, on its side, of the lines beside's type (``picture_caption_type_max``), that runs
    up to the strip: the text set across under the picture."""
    out: list[Box] = []
    reach = p.gutter_max_width_em * em
    for pic in pictures:
        rows = [s.box for s in segs if pic.y0 <= s.box.cy <= pic.y1 and s.box.height <= p.line_max_em * em
                and not s.vertical]
        for side in (1, -1):
            if side == 1:
                beside = [b for b in rows if pic.x1 <= b.x0 <= pic.x1 + reach]
                edges = np.array([b.x0 for b in beside], float)
            else:
                beside = [b for b in rows if pic.x0 - reach <= b.x1 <= pic.x0]
                edges = np.array([b.x1 for b in beside], float)
            if len(edges) < p.picture_side_min_lines:
                continue
            edge = float(np.median(edges))
            aligned = np.abs(edges - edge) <= p.picture_side_align_em * em
            if aligned.sum() < 0.5 * len(edges):
                continue
            if side == 1:
                x0, x1 = pic.x1, int(edges[aligned].min())
            else:
                x0, x1 = int(edges[aligned].max()), pic.x0
            if x1 - x0 < 2:
                continue                                # text touching the picture: no strip to keep
            strip = gutter_wall(text, Box(x0, pic.y0, x1, pic.y1), em, p.line_leading_em, p.headline_max_em)
            y1 = min(strip.y1, pic.y1 + int(round(p.picture_caption_reach_em * em)))
            # a line of the body's type under the picture, on its side and running up to the strip (not past
            # it: a first-pass fragment running on into the text beside is a caption smeared into a line
            # beside), its fragments of the body's height covering over half the picture's width (not pieces
            # of the photo left under its box: fresh browser 15 bh_004), right above the lines that cross the
            # strip where its white ends (within a line's leading: the text set across under the picture, one
            # line under the other), is the first of those lines, not a caption: the wall ends above it (its
            # white where the strip runs is a closing mark's: browser dev bd_007, a 。 there let the wall cut it)
            size = float(np.median([b.height for b, a in zip(beside, aligned) if a]))
            flush = p.closing_line_flush_em * em
            under = [s.box for s in segs if pic.y1 <= s.box.y0 < y1 and not s.vertical
                     and p.picture_caption_type_max * size <= s.box.height <= p.line_max_em * em
                     and (pic.x0 - flush <= s.box.x0 and s.box.x1 <= x1 if side == 1
                          else x0 <= s.box.x0 and s.box.x1 <= pic.x1 + flush)]
            for b in sorted(under, key=lambda b: b.y0):
                row = sum(o.width for o in under if min(o.y1, b.y1) - max(o.y0, b.y0) > 0.5 * min(o.height, b.height))
                if (x0 - flush <= b.x1 if side == 1 else b.x0 <= x1 + flush) \
                        and row >= p.picture_across_share * pic.width \
                        and strip.y1 - b.y1 <= p.line_leading_em * em:
                    y1 = min(y1, b.y0)
                    break
            out.append(Box(x0, pic.y0, x1, y1))
    return out
