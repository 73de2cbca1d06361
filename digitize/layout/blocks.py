"""Group text lines into blocks: one block per run of alike lines in one column (or one spanning headline)."""
from __future__ import annotations

import bisect

import numpy as np

from ..geometry import Box
from ..model import BlockType
from .columns import columns_of
from .params import DEFAULT as PARAMS
from .regions import Region, Seg, centred, union, x_overlap, y_overlap
from .separators import Rule


def _barrier(top: int, bottom: int, box: Box, rules: list[Rule], pictures: list[Box]) -> bool:
    """Is there a horizontal rule or a picture between y=top and y=bottom over the x-range of ``box``?"""
    for r in rules:
        if r.orientation == "h" and top - 1 <= r.box.cy <= bottom + 1 \
                and x_overlap(r.box, box) > PARAMS.barrier_rule_share * box.width:
            return True
    for p in pictures:
        if p.y0 >= top - 1 and p.y1 <= bottom + 1 and x_overlap(p, box) > 0:
            return True
    return False


def _beside(walls: list[Box], a: Box, b: Box, lo: float, hi: float, em: float) -> tuple[float, float]:
    """The text measure ``lo``..``hi`` of a column, narrowed for lines ``a`` and ``b`` that both stand beside a
    picture floated into it: the strip between the picture and its lines' aligned edge (``walls``,
    ``columns.picture_walls``) is where those lines end (or start)."""
    for w in walls:
        if not all(y_overlap(w, x) > 0.5 * x.height for x in (a, b)):
            continue
        if lo < w.x0 < hi and w.x0 >= max(a.x1, b.x1) - PARAMS.picture_wall_slack_em * em:
            hi = w.x0
        elif lo < w.x1 < hi and w.x1 <= min(a.x0, b.x0) + PARAMS.picture_wall_slack_em * em:
            lo = w.x1
    return lo, hi


def _credit(s: Seg, right: float, em: float) -> bool:
    """Is line ``s`` set like a credit line: fields apart (``Seg.fields``, ``params.field_gap_em``), once in a
    line ending short of the column's right edge ``right``, ``credit_min_fields`` times in a full one?"""
    return s.fields >= PARAMS.credit_min_fields or (s.fields >= 1 and s.box.x1 < right - PARAMS.short_line_em * em)


def _edge(values: np.ndarray, tol: float, n: int, last: bool) -> float | None:
    """The outermost of the groups of ``values`` (neighbours within ``tol``) holding at least ``n``: its
    extreme value (the rightmost group's largest if ``last``, else the leftmost group's smallest)."""
    vs = np.sort(values)
    cuts = np.flatnonzero(np.diff(vs) > tol) + 1
    groups = [g for g in np.split(vs, cuts) if len(g) >= n]
    if not groups:
        return None
    return float(groups[-1][-1]) if last else float(groups[0][0])


def tab_stops(segs: list[Seg], em: float) -> dict[int, tuple[float | None, float | None]]:
    """Per horizontal line of body size (by ``id``), the measure its own column sets it to: the left and right
    edges (tab stops, as Tesseract's tabfind finds them) at which at least ``tab_min_lines`` lines about as wide
    as it (overlapping it by over half of the wider of the two) within ``tab_window_em`` above or below start
    and end within ``tab_align_em`` of each other (params); None where no such edge is.  A line's column is
    thus measured by its lines, not by the page grid, which may miss the gutter beside a narrow column
    (``_fits``)."""
    p = PARAMS
    body = [s for s in segs if not s.vertical and p.tab_body_min_em * em <= s.size <= p.tab_body_max_em * em]
    out: dict[int, tuple[float | None, float | None]] = {}
    if len(body) < p.tab_min_lines:
        return out
    body.sort(key=lambda s: s.box.cy)
    cy = np.array([s.box.cy for s in body], float)
    x0 = np.array([s.box.x0 for s in body], float)
    x1 = np.array([s.box.x1 for s in body], float)
    size = np.array([s.size for s in body], float)
    win, tol = p.tab_window_em * em, p.tab_align_em * em
    for i, s in enumerate(body):
        a, z = np.searchsorted(cy, [cy[i] - win, cy[i] + win], side="left")
        sl = slice(a, max(z, i + 1))
        over = np.minimum(x1[sl], x1[i]) - np.maximum(x0[sl], x0[i])
        ratio = size[sl] / size[i]
        peer = ((over > p.tab_peer_overlap * np.maximum(x1[sl] - x0[sl], x1[i] - x0[i]))
                & (ratio >= 1 / p.tab_peer_size_ratio) & (ratio <= p.tab_peer_size_ratio))
        if peer.sum() < p.tab_min_lines:
            continue
        out[id(s)] = (_edge(x0[sl][peer], tol, p.tab_min_lines, False),
                      _edge(x1[sl][peer], tol, p.tab_min_lines, True))
    return out


def _measure(reg: Region, b: Box, c0: float, right: float, em: float,
             tabs: dict[int, tuple[float | None, float | None]], last: Seg, s: Seg) -> tuple[float, float]:
    """The measure ``c0``..``right`` (the grid column's) narrowed to the tab stops (``tab_stops``) of the
    block's last line (else of line ``s``) where they lie inside it by more than ``tab_inside_em`` and the
    block and the line lie within them: a narrow column the page grid took with the column beside it is
    measured by its own lines (browser 57 cw_000)."""
    lo, hi = tabs.get(id(last)) or tabs.get(id(s)) or (None, None)
    inside = PARAMS.tab_inside_em * em
    if hi is not None and hi < right - inside and max(reg.box.x1, b.x1) <= hi + inside:
        right = hi
    if lo is not None and lo > c0 + inside and min(reg.box.x0, b.x0) >= lo - inside:
        c0 = lo
    return c0, right


def _fits(reg: Region, s: Seg, em: float, cols: list[tuple[int, int]], walls: list[Box] = (),
          own_grid: bool = False, beside: bool = True,
          tabs: dict[int, tuple[float | None, float | None]] | None = None) -> float | str:
    """The vertical gap if line ``s`` may continue region ``reg``, else why not (for the layout trace).
    ``walls``: the strips beside pictures floated into a column: lines beside one end there, not short.
    ``own_grid``: ``cols`` is a framed box's own column grid, not the page's one ``reg.cols`` refers to.
    ``tabs``: the lines' own measures (``tab_stops``), which narrow the grid column's."""
    rcols = columns_of(reg.box, cols, em) if own_grid else reg.cols
    last = reg.lines[-1].box
    b = s.box
    gap = b.y0 - last.y1
    font = reg.font
    P = PARAMS
    slack = P.slack(em)             # sizes and gaps are whole pixels (params)
    if gap < -P.group_overlap_lines * min(font, s.size) - slack or gap > P.group_gap_lines * max(font, s.size):
        return "gap to the line above out of range (more than 0.9 line or overlapping)"
    small_tail = b.width < P.small_tail_em * em and s.size <= P.small_tail_type * font + slack     # (a 。 grows a 6 px line by 2)
    ratio = s.size / font
    if not small_tail and not (P.type_ratio_lo <= ratio <= P.type_ratio_hi):
        return "type size differs from the block's by more than 25 %"
    sc = columns_of(b, cols, em)
    textlike = font <= P.textlike_type_em * em
    if not textlike:
        # headline lines: wrapped lines overlap and sit close
        if gap > P.head_wrap_gap_lines * max(font, s.size) or x_overlap(b, reg.box) < P.head_wrap_overlap * min(b.width, reg.box.width):
            return "headline lines too far apart or not over each other"
        return gap
    if sc[0] < 0 or rcols[0] < 0:
        return "outside the column grid"
    # a one-line block whose line is indented as a paragraph's first: its short last line starts the indent
    # further left, at the measure's edge (by_002's caption '学者们把…一一捡' / '起。')
    indented_first = len(reg.lines) == 1 and small_tail and P.indent_lo_em * font <= reg.box.x0 - b.x0 <= P.indent_hi_em * font
    if beside and x_overlap(b, reg.box) < -PARAMS.gutter_min_width_em * em and not indented_first:
        # a line wholly beside the block, a gutter's width or more away, is no next line of it (a block's lines
        # stand under each other): the line of a column set beside it, its baseline staggered (browser dev
        # bd_003 0.157 -> 0.044, browser 4 bq_003 0.058 -> 0, microfilm 5 mx_000, microfilm dev mf_005).
        # It costs rows cut apart by a film scratch (microfilm dev mf_002, mf_003, microfilm 4 mq_004); not on
        # turned vertical pages, whose columns are laid out as rows (vertical dev vt_002).
        return "wholly beside the block, not under it"
    if sc[0] != rcols[0] and x_overlap(b, reg.box) < 0.5 * min(b.width, reg.box.width):
        return "in another grid column"
    if sc[1] > sc[0] and rcols[1] == rcols[0] and len(reg.lines) > 1:
        return "a spanning line does not continue a one-column body"
    if rcols[1] > rcols[0] and sc[1] > sc[0] and last.x1 < reg.box.x1 - P.short_line_em * em and not small_tail:
        return "a spanning line after a short spanning line starts a new unit"
    if rcols[1] > rcols[0] and sc[1] == sc[0]:
        # under a spanning block (caption, wide subhead) only its short last line may sit in one column,
        # flush with its left edge; an indented paragraph start is the body below it
        last_cols = columns_of(last, cols, em)
        if last_cols[0] == last_cols[1] or (abs(b.x0 - reg.box.x0) >= P.flush_em * em and not indented_first) \
                or b.x0 - cols[sc[0]][0] >= P.flush_em * em:
            return "under a spanning block only its flush-left short last line continues it"
    c0 = min(cols[sc[0]][0], reg.box.x0)
    right = cols[rcols[1]][1]
    if tabs:
        c0, right = _measure(reg, b, c0, right, em, tabs, reg.lines[-1], s)
    c0, right = _beside(walls, last, b, c0, right, em)
    # a paragraph indent is 2 em; an opening mark (“ （ 《) sits at the right of its cell and a small one may
    # be lost in binarization, so a line running to the column edge may start up to 4.5 em in
    indent = P.indent_lo_em * em <= b.x0 - c0 <= P.indent_hi_em * em \
        or (P.indent_lo_em * em <= b.x0 - c0 <= P.indent_mark_em * em and b.x1 >= right - P.measure_slack_em * em)
    # a byline (credit) wrapped over two lines: a full first line, the rest centred under it (browser 4 bq_006
    # '本报记者 黎艳 通讯' / '员 与一位'); its centred second line is no paragraph start, and the body's first
    # line after it starts the body
    first = reg.lines[0].box
    full_first = first.x0 - c0 < P.flush_em * em and first.x1 >= right - P.measure_slack_em * em
    if full_first and len(reg.lines) == 1 and indent and P.same_type_lo <= ratio <= P.same_type_hi \
            and centred(b.x0, b.x1, c0, right, em) \
            and P.same_type_lo <= b.height / first.height <= P.same_type_hi:    # (a subhead over a byline is set bigger than it)
        return gap
    if full_first and len(reg.lines) == 2 and last.x0 - c0 >= P.indent_lo_em * em \
            and centred(last.x0, last.x1, c0, right, em):
        return "after a wrapped byline's centred last line the body starts"
    if len(reg.lines) <= 2:
        credit = [_credit(ln, right, em) for ln in reg.lines]
        # (full: flush with the block's left edge, or with its column's where a byline wider than the column
        # overhangs it: browser 32 bo_006, a byline centred over three columns, wider than the middle one)
        flush = min(b.x0 - c0, b.x0 - cols[sc[0]][0]) < P.flush_em * em
        if any(credit) and (indent or (flush and b.x1 >= right - P.measure_slack_em * em)) and not _credit(s, right, em):
            return "a paragraph does not start under a byline (a line set with field gaps)"
        if not any(credit) and _credit(s, right, em):
            return "a byline (a line set with field gaps) does not continue the line above it"
    if (last.x1 > right + P.measure_slack_em * em) != (b.x1 > right + P.measure_slack_em * em) and not small_tail:
        return "runs past the column edge while the line above does not (or the reverse)"
    # a line ending a little short at the column's left edge is still running text (kinsoku pushed a
    # character over); anything else ending short ends a paragraph (or is a subhead, byline, credit)
    kinsoku = last.x1 >= right - P.ragged_em * em and last.x0 - c0 < P.flush_em * em
    if last.x1 < right - P.short_line_em * em and not kinsoku:
        # after a short line only a new paragraph (indented, or a full unindented line of the same face
        # whose indent the scan lost) or a short tail may follow
        full = b.x0 - c0 < P.flush_em * em and b.x1 >= right - P.measure_slack_em * em
        if not small_tail and not ((indent or full) and P.same_type_lo <= ratio <= P.same_type_hi):
            return "after a short line (paragraph end) only an indented or full line of the same size continues"
    if indent and not P.same_type_lo <= ratio <= P.same_type_hi:
        return "a paragraph does not start under lines of another size"
    if (indent or b.x0 - c0 < P.flush_em * em) and not indented_first and len(reg.lines) <= 2 and all(
            centred(ln.box.x0, ln.box.x1, c0, right, em) for ln in reg.lines):
        return "a centred line (byline, credit, subhead) does not start the paragraphs below it"
    if indent:
        # lines that are not a paragraph (byline, subhead, credit: short or spilling, never indented)
        # do not start the paragraphs below them; a carried-over paragraph end is put back later
        # (classify.rejoin_continuations)
        unindented = all(ln.box.x0 - c0 < P.flush_em * em for ln in reg.lines)
        ragged = any(ln.box.x1 < right - P.ragged_em * em for ln in reg.lines[:-1]) or \
            any(ln.box.x1 > right + P.measure_slack_em * em for ln in reg.lines)
        if unindented and (len(reg.lines) == 1 or ragged):
            return "an indented line after unindented short or ragged lines (byline, subhead) starts the body"
    return gap


def inside_frame(b: Box, f: Box) -> bool:
    """Does box ``b`` stand inside frame ``f``: its centre inside (a line of a skewed or keystoned scan may
    poke out of the frame's upright box by a few pixels; nothing is set across a frame's side)."""
    return f.x0 <= b.cx <= f.x1 and f.y0 <= b.cy <= f.y1


def is_speck(s: Seg, em: float) -> bool:
    """A fragment too small to be a character (dust, a scanner-border crumb)."""
    return s.box.width < PARAMS.speck_max_em * em and s.box.height < PARAMS.speck_max_em * em


def is_crumb(r: Region, em: float) -> bool:
    """A lone blob narrower than a character that joined no line (dirt, a piece of the scanner border)."""
    return len(r.lines) == 1 and r.box.width < PARAMS.crumb_max_width_em * em and r.box.height < PARAMS.crumb_max_height_em * em


def group_lines(segs: list[Seg], em: float, cols: list[tuple[int, int]], rules: list[Rule],
                pictures: list[Box], walls: list[Box] = (),
                frame_grids: list[tuple[Box, list[tuple[int, int]]]] = (), beside: bool = True) -> list[Region]:
    """Greedy top-down grouping of lines into regions; lone specks are dropped.  ``walls``: the strips
    beside pictures floated into a column (``columns.picture_walls``), where the lines beside them end.
    ``frame_grids``: framed boxes with their own column grids.  A box's frame bounds its text as a page's
    column does: lines in a box are measured against the box's columns (a line full to the box's edge is a
    full line, not a paragraph's end in the page column the box sits in), and a block never takes lines from
    both sides of a frame (by_002: two boxed articles side by side in one page column).  ``beside``: a line
    wholly beside a block does not continue it (off on a turned vertical page)."""
    regions: list[Region] = []
    # per region its last line's bottom, its type size and its x-range, to test a line only against the
    # regions that pass _fits's first test (the gap to the last line) or that it lies under within an em
    # (they name why it starts a block): the same regions in the same order, not every region of the page
    last_y1, font, rx0, rx1 = (np.zeros(len(segs)) for _ in range(4))
    wide: list[list[float]] = []            # per region, the sizes of its lines at least 2.5 em long, sorted
    slack = PARAMS.slack(em)
    framed: list[int] = []                  # per region, its box (index into frame_grids) or -1
    tabs = tab_stops(segs, em)              # each line's measure from its own column's lines
    for s in sorted(segs, key=lambda s: (s.box.y0, s.box.x0)):
        best, best_gap = None, None
        why, why_gap = "no block above it", None
        b, m = s.box, len(regions)
        fi = next((i for i, (f, _) in enumerate(frame_grids) if inside_frame(b, f)), -1)
        grid = frame_grids[fi][1] if fi >= 0 else cols
        gaps = b.y0 - last_y1[:m]
        gap_ok = ~((gaps < -PARAMS.group_overlap_lines * np.minimum(font[:m], s.size) - slack)
                   | (gaps > PARAMS.group_gap_lines * np.maximum(font[:m], s.size)))
        ratio = s.size / font[:m]                                   # and its second (the type size)
        # (_fits gives a small tail's size a pixel of slack; here it has none, so such a tail reaches only the
        # blocks it lies under. Given the slack here too, five pages read worse and none better: browser 21
        # by_003 0.034 -> 0.045, microfilm 3 mw_003 0.178 -> 0.202, vertical 2/11 vu_006, vertical 3 vw_002)
        size_ok = (((b.width < PARAMS.small_tail_em * em) & (s.size <= PARAMS.small_tail_type * font[:m]))
                   | ((PARAMS.type_ratio_lo <= ratio) & (ratio <= PARAMS.type_ratio_hi)))
        under = ((np.minimum(rx1[:m], b.x1) - np.maximum(rx0[:m], b.x0)) > 0) & (gaps > -PARAMS.trace_under_em * em)
        for k in np.flatnonzero((gap_ok & size_ok) | under).tolist():
            reg = regions[k]
            g = "a frame's side lies between" if framed[k] != fi \
                else _fits(reg, s, em, grid, walls, fi >= 0, beside, tabs)
            if isinstance(g, str) or _barrier(reg.box.y1, s.box.y0, s.box, rules, pictures):
                near = s.box.y0 - reg.lines[-1].box.y1
                if x_overlap(reg.box, s.box) > 0 and near > -PARAMS.trace_under_em * em \
                        and (why_gap is None or near < why_gap):
                    why = g if isinstance(g, str) else "a rule or a picture lies between"
                    why_gap = near
                continue
            if best_gap is None or g < best_gap:
                best, best_gap, at = reg, g, k
        if best is None:
            if is_speck(s, em):
                continue
            regions.append(Region(s.box, BlockType.BODY, [s], columns_of(s.box, cols, em), s.size,
                                  trace=[f"started (does not continue the block above: {why})"]))
            framed.append(fi)
            last_y1[m], font[m], rx0[m], rx1[m] = b.y1, s.size, b.x0, b.x1
            wide.append([s.size] if b.width >= PARAMS.small_tail_em * em else [])
        else:
            best.lines.append(s)
            best.box = best.box.union(s.box)
            if b.width >= PARAMS.small_tail_em * em:             # the sizes of the region's wide lines, kept sorted
                bisect.insort(wide[at], s.size)
            hs = wide[at] or [best.font]
            best.font = float(hs[len(hs) // 2])
            best.cols = columns_of(best.box, cols, em)
            last_y1[at], font[at], rx0[at], rx1[at] = b.y1, best.font, best.box.x0, best.box.x1
    return [r for r in regions if not is_crumb(r, em)]


def group_loose(segs: list[Seg], em: float) -> list[Region]:
    """Masthead-style grouping: lines of similar size stacked close together (title, slogans, info lines)."""
    regions: list[Region] = []
    for s in sorted(segs, key=lambda s: (s.box.y0, s.box.x0)):
        b = s.box
        if is_speck(s, em):
            continue
        best = None
        for reg in regions:
            last = reg.lines[-1].box
            gap = b.y0 - last.y1
            ratio = b.height / reg.font
            if -PARAMS.loose_overlap_lines * b.height <= gap <= PARAMS.group_gap_lines * max(reg.font, b.height) \
                    and PARAMS.loose_type_lo <= ratio <= PARAMS.loose_type_hi \
                    and x_overlap(b, reg.box) > -PARAMS.loose_side_em * em:
                best = reg
                break
        if best is None:
            regions.append(Region(b, BlockType.MASTHEAD, [s], font=float(b.height), masthead=True,
                                  trace=["masthead: above the masthead rule"]))
        else:
            best.lines.append(s)
            best.box = best.box.union(b)
    return [r for r in regions if not is_crumb(r, em)]


def frame_regions(segs: list[Seg], frames: list[Box], em: float) -> tuple[list[Region], list[Seg]]:
    """Text inside small box frames becomes one teaser region per frame; returns (teasers, lines left over)."""
    taken = set()
    out: list[Region] = []
    for fi, f in enumerate(frames):
        inner = [i for i, s in enumerate(segs) if i not in taken and f.x0 <= s.box.cx <= f.x1 and f.y0 <= s.box.cy <= f.y1]
        if not inner:
            continue
        lines = sorted((segs[i] for i in inner), key=lambda s: s.box.y0)
        if len(lines) <= PARAMS.teaser_max_lines:
            taken.update(inner)
            rest = lines[1:]
            rest_h = float(np.median([s.box.height for s in rest])) if rest else 0.0
            if len(rest) >= PARAMS.ad_text_min_lines and lines[0].box.height >= PARAMS.ad_title_share * rest_h \
                    and all(abs(s.box.height - rest_h) <= PARAMS.ad_text_alike * rest_h for s in rest):
                # a small ad: its title line over its text (a teaser's big lines end in one small line)
                title, text = lines[:1], rest
                out.append(Region(title[0].box, BlockType.HEADLINE, title, font=float(title[0].box.height),
                                  in_frame=fi, trace=["headline: an ad's title line inside a small box frame "
                                                      "(bigger than the lines under it)"]))
                out.append(Region(union([s.box for s in text]), BlockType.BODY, text, font=rest_h, in_frame=fi,
                                  trace=[f"body: an ad's text, {len(text)} line(s) under its title in a small box frame"]))
                continue
            out.append(Region(union([s.box for s in lines]), BlockType.TEASER, lines,
                              font=float(sorted(s.box.height for s in lines)[len(lines) // 2]), in_frame=fi,
                              trace=[f"teaser: {len(lines)} line(s) inside a small box frame"]))
    return out, [s for i, s in enumerate(segs) if i not in taken]


def attach_captions(regions: list[Region], pictures: list[Box], em: float) -> list[Region]:
    """The text right under a picture, within its width, is its caption (pieces split by a rule or gutter
    under a spanning picture are joined back, row by row).  Returns the regions left."""
    out = list(regions)
    for pi, p in enumerate(pictures):
        cands = []
        for r in out:
            if r.type in (BlockType.PICTURE, BlockType.MASTHEAD, BlockType.TEASER) or r.caption_of is not None \
                    or r.font >= PARAMS.caption_max_type_em * em and r.box.width >= PARAMS.caption_headline_min_em * r.font:
                continue
            b = r.box
            d = b.y0 - p.y1
            # under the picture; a line starting left of it still is when most of it lies under the
            # picture (a photo whose pale edge was lost is found narrower than it is)
            under = x_overlap(b, p) > 0.5 * b.width if b.x0 >= p.x0 - PARAMS.caption_slack_em * em \
                else x_overlap(b, p) >= PARAMS.caption_under_share * b.width
            # likewise a line running on right of a picture whose pale right edge was lost
            inside = b.x1 <= p.x1 + PARAMS.caption_slack_em * em or x_overlap(b, p) >= PARAMS.caption_under_share * b.width
            if -PARAMS.caption_overlap_em * em <= d <= PARAMS.caption_reach_em * em and inside and under:
                cands.append((d, r))
        if not cands:
            continue
        cands.sort(key=lambda t: t[0])
        if cands[0][0] > PARAMS.caption_first_gap_em * em:
            continue
        best = cands[0][1]
        rest = _split_caption(best, em)
        if rest is not None:
            out.append(rest)
        for _, r in cands[1:]:
            if abs(r.box.y0 - best.box.y0) <= PARAMS.caption_row_level_em * em and abs(r.font - best.font) <= PARAMS.caption_type_alike * best.font:
                best.lines = _join_rows(best.lines + r.lines)
                best.box = best.box.union(r.box)
                out.remove(r)
        _free_caption_tail(out, best, p, em)
        more = True
        while more:                 # further caption lines right under it
            more = False
            for r in sorted(out, key=lambda t: (t.box.y0, t.box.x0)):   # down the lines under it
                gap = r.box.y0 - best.box.y1
                if r.type != BlockType.BODY or r.caption_of is not None or r is best \
                        or not -PARAMS.caption_line_overlap_em * em <= gap <= PARAMS.credit_gap_em * em:
                    continue
                # a credit line ('... 摄') set flush right under the picture belongs to its caption too
                credit = len(r.lines) == 1 and abs(r.box.x1 - max(best.box.x1, p.x1)) <= PARAMS.caption_slack_em * em \
                    and x_overlap(r.box, p) > 0.5 * r.box.width and r.font <= PARAMS.credit_type_share * best.font
                if gap > PARAMS.caption_line_gap_em * em and not credit:
                    continue
                # flush with the caption's left edge, or, where the caption's first line is indented, starting
                # left of it but not left of the picture (then under the picture: a short last line may lie
                # mostly left of the indented first line, browser 12 bw_007; a caption set in from the photo's
                # edge starts up to an em inside it, browser 18 be_006, 8 bt_006)
                indented = len(best.lines) == 1 and 0 < best.box.x0 - r.box.x0 <= PARAMS.caption_indent_max_em * em \
                    and r.box.x0 >= p.x0 - PARAMS.caption_photo_edge_em * em
                flush = abs(r.box.x0 - best.box.x0) <= PARAMS.caption_slack_em * em or indented
                below = x_overlap(r.box, best.box) > 0.5 * r.box.width \
                    or indented and x_overlap(r.box, p) > 0.5 * r.box.width
                if credit or below \
                        and abs(r.font - best.font) <= PARAMS.caption_type_alike * best.font and len(r.lines) <= 2 and flush:
                    best.lines = _join_rows(best.lines + r.lines)
                    best.box = best.box.union(r.box)
                    out.remove(r)
                    more = True
        best.type = BlockType.CAPTION
        best.caption_of = pi
        best.trace.append(f"caption: text right under (or beside) picture {pi}")
    return out


def _free_caption_tail(out: list[Region], cap: Region, p: Box, em: float) -> None:
    """A caption's last line (a credit, '... 摄') under picture ``p`` that was taken as the last line of the
    text running beside the picture (a picture floated in a body: browser dev bd_007) is cut from that text
    and left as a block of its own, under the caption: its one line lies within the picture's width while all
    the text's other lines lie right (or left) of the picture."""
    for r in list(out):
        if r.type != BlockType.BODY or r is cap or len(r.lines) < 2:
            continue
        last = max(r.lines, key=lambda s: s.box.y0)
        rest = [s for s in r.lines if s is not last]
        edge = PARAMS.caption_photo_edge_em * em
        if not (p.x0 - edge <= last.box.x0 and last.box.x1 <= p.x1 + edge) \
                or not -PARAMS.caption_line_overlap_em * em <= last.box.y0 - cap.box.y1 <= PARAMS.credit_gap_em * em:
            continue
        if not all(s.box.x0 >= p.x1 - edge or s.box.x1 <= p.x0 + edge for s in rest):
            continue
        r.lines = rest
        r.box = union([s.box for s in rest])
        tail = Region(last.box, BlockType.BODY, [last], font=last.size)
        tail.trace.append("started: a line under a picture's caption, cut from the text beside the picture")
        out.append(tail)


def _split_caption(r: Region, em: float) -> Region | None:
    """A caption starts flush left; the first indented line after it starts the body text that was grouped
    with it.  Cuts ``r`` there and returns the body part (None when there is nothing to cut)."""
    left = min(ln.box.x0 for ln in r.lines)
    if len(r.lines) < 2 or r.lines[0].box.x0 - left >= PARAMS.flush_em * em:
        return None
    for i, ln in enumerate(r.lines[1:], start=1):
        if PARAMS.indent_lo_em * em <= ln.box.x0 - left <= PARAMS.indent_hi_em * em:
            body = Region(union([s.box for s in r.lines[i:]]), BlockType.BODY, r.lines[i:], r.cols, r.font)
            r.lines = r.lines[:i]
            r.box = union([s.box for s in r.lines])
            return body
    return None


def _join_rows(lines: list[Seg]) -> list[Seg]:
    """Pieces of one printed line (same row) become one line."""
    out: list[Seg] = []
    for s in sorted(lines, key=lambda s: (s.box.y0, s.box.x0)):
        for k, t in enumerate(out):
            if y_overlap(t.box, s.box) > 0.5 * min(t.box.height, s.box.height):
                out[k] = Seg(t.box.union(s.box), s.vertical, max(t.core, s.core))
                break
        else:
            out.append(s)
    return out


def _pitch(r: Region) -> float | None:
    """The column pitch of a vertical region: the median distance between neighbouring columns' centres."""
    xs = sorted(s.box.cx for s in r.lines)
    steps = [b - a for a, b in zip(xs, xs[1:])]
    return float(np.median(steps)) if steps else None


def _stacked(r: Region, v: Region, text: np.ndarray, em: float, rules: list[Rule] = ()) -> bool:
    """Are vertical regions ``r`` and ``v`` the upper and lower parts of the same columns (either way up): one
    over the other, their boxes overlapping across over half the narrower's width, at most
    ``vertical_stack_gap_chars`` characters (their column width) apart, no horizontal rule between them (the
    rule between two tiers of a vertical page whose columns happen to line up: vertical 10 vr_006, two tiers'
    articles read as one block), and the columns of the box round both exactly as many as the one of the two
    with more has (the columns run on through the gap; columns of one standing between the other's would make
    more, ink across the gap joining two fewer)."""
    from .vertical import vertical_lines                # (vertical.py owns the column finder)
    gap = max(v.box.y0 - r.box.y1, r.box.y0 - v.box.y1)
    narrower = min(r.box.width, v.box.width)
    if y_overlap(r.box, v.box) > 0 or x_overlap(r.box, v.box) < 0.5 * narrower:
        return False
    if gap > PARAMS.vertical_stack_gap_chars * min(r.font, v.font):
        return False
    top, bottom = min(r.box.y1, v.box.y1), max(r.box.y0, v.box.y0)
    if any(ru.orientation == "h" and top - 1 <= ru.box.cy <= bottom + 1
           and x_overlap(ru.box, r.box.union(v.box)) >= 0.5 * narrower for ru in rules):
        return False
    return len(vertical_lines(text, r.box.union(v.box), em)) == max(len(r.lines), len(v.lines))


def join_vertical_pieces(regions: list[Region], text: np.ndarray, rules: list[Rule], em: float) -> list[Region]:
    """A vertical article on a horizontal page cut into pieces, put back together (``vertical_join_*`` in params).

    A column cut short (a paragraph's last character or two at its top) leaves white about two column pitches
    wide down the rest of the article, which is found as a gutter: the article comes out as two vertical
    blocks side by side, read left part first, and the columns' lower parts next to the short one as rows of
    horizontal lines across them.  Two vertical regions side by side (over half the shorter's height level,
    columns of the same width within ``vertical_join_width_ratio``, no vertical rule between) at most
    ``vertical_join_pitches`` of their own column pitch apart are one block; rows of another region over a
    vertical region's columns (its columns' ends: overlapping its box, no taller than ``vertical_join_width_ratio``
    em; or rows across all its columns touching it, no white row between, no taller than that share of its
    widest column: its headline column's characters, the first rows of a vertical article whose headline column
    starts level with its body read as lines of headline size, browser 30 cm_006) are taken in when its columns
    run on through them; then a line of any other region lying inside a vertical region's box
    (``vertical_inside_share`` of its area) is ink of its columns read a second time (a last character or two
    of the columns taken as a line of the headline under them), and leaves that region.  Returns the regions
    left."""
    from .vertical import vertical_lines                # (vertical.py owns the column finder)
    out = list(regions)
    merged = True
    while merged:
        merged = False
        verts = [r for r in out if r.vertical and len(r.lines) >= 2]
        for r in verts:
            pitch = _pitch(r)
            for v in verts:
                if v is r or pitch is None:
                    continue
                gap = max(v.box.x0 - r.box.x1, r.box.x0 - v.box.x1)
                level = y_overlap(r.box, v.box) >= 0.5 * min(r.box.height, v.box.height)
                alike = 1 / PARAMS.vertical_join_width_ratio <= v.font / r.font <= PARAMS.vertical_join_width_ratio
                if alike and _stacked(r, v, text, em, rules):
                    box = r.box.union(v.box)
                    r.box, r.lines = box, vertical_lines(text, box, em)
                    r.trace.append(f"vertical: joined with the vertical block of its own columns at layout px y="
                                   f"{v.box.y0}-{v.box.y1} (the columns cut across by a row read as a line)")
                    out.remove(v)
                    merged = True
                    break
                if not (level and alike and gap <= PARAMS.vertical_join_pitches * pitch):
                    continue
                x0, x1 = min(r.box.x1, v.box.x1), max(r.box.x0, v.box.x0)
                if any(ru.orientation == "v" and x0 - 1 <= ru.box.cx <= x1 + 1
                       and y_overlap(ru.box, r.box.union(v.box)) > 0.5 * min(r.box.height, v.box.height)
                       for ru in rules):
                    continue
                box = r.box.union(v.box)
                lines = vertical_lines(text, box, em)
                if len(lines) < len(r.lines) + len(v.lines):
                    continue                            # ink between would run columns together
                r.box, r.lines = box, lines
                widths = sorted(s.box.width for s in lines)
                r.font = float(widths[len(widths) // 2])
                r.trace.append(f"vertical: joined with the vertical block beside it at layout px x={v.box.x0}-"
                               f"{v.box.x1} ({gap / pitch:.1f} column pitches apart: a column cut short)")
                out.remove(v)
                merged = True
                break
            if merged:
                break
        for r in verts:                 # the lower ends of its columns read as rows under or over it
            if merged or r not in out:
                break
            widest = max(s.box.width for s in r.lines)    # (its rows are as tall as its widest column is wide)
            for o in out:
                b = o.box
                gap = max(b.y0 - r.box.y1, r.box.y0 - b.y1)
                side = PARAMS.vertical_rows_side_em * em
                if o.vertical or not o.lines or b.x0 < r.box.x0 - side or b.x1 > r.box.x1 + side \
                        or gap > PARAMS.line_leading_em * em:
                    continue
                ends = o.font <= PARAMS.vertical_join_width_ratio * em and (b.intersection(r.box) > 0 or gap < 0)
                # the first (last) characters of every column, its headline column's among them: rows across
                # all its columns, touching it, as tall as its widest column is wide at the most
                rows = gap <= 0 and b.x0 <= r.box.x0 + side and b.x1 >= r.box.x1 - side \
                    and o.font <= PARAMS.vertical_join_width_ratio * max(em, widest)
                if not (ends or rows):
                    continue
                box = r.box.union(b)
                lines = vertical_lines(text, box, em)
                if len(lines) < len(r.lines):
                    continue
                r.box, r.lines = box, lines
                r.trace.append(f"vertical: took in the row(s) at layout px y={b.y0}-{b.y1} across its columns' ends")
                out.remove(o)
                merged = True
                break
    verts = [r for r in out if r.vertical]
    kept = []
    for o in out:
        if o.vertical or not o.lines:
            kept.append(o)
            continue
        lines = [s for s in o.lines if not any(
            s.box.intersection(r.box) >= PARAMS.vertical_inside_share * s.box.area for r in verts)]
        if len(lines) < len(o.lines):
            if not lines:
                continue
            o.trace.append(f"{len(o.lines) - len(lines)} line(s) left out: ink inside a vertical block's columns")
            o.lines = lines
            o.box = union([s.box for s in lines])
        kept.append(o)
    return kept
