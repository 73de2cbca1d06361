"""Reading order: masthead, then articles, then inside each article headline -> subhead -> byline -> body
column by column -> each picture followed by its caption.

Articles are read by rows of their top edges, left to right (setting ``layout.article_order = "rows"``), or
in recursive XY-cut order (``"xy-cut"``: the page is cut where no article crosses, across first, top part
before bottom part, else down, left part before right part).  The two differ on a stack of short items
beside a tall article: rows reads the lead article after the stack's first item, XY-cut after the whole
stack.  Newspapers differ; BENCHMARKS.md measures both on every page source.

Text that flows from column to column (a story running down one column and on at the top of the next with no
headline there, as the real broadsheets set it) is read on in the rows order (``flow_order``): the rows of
articles are a topological sort's tie-break, the column flow its constraints."""
from __future__ import annotations

from ..model import BlockType
from ..geometry import Box
from .params import DEFAULT as PARAMS
from .regions import Region, union, x_overlap

_HEAD_KINDS = (BlockType.HEADLINE, BlockType.SUBHEAD, BlockType.BYLINE)


def rows(items: list[tuple], tol: float) -> list[object]:
    """Sort (top, left, item[, head_left]) by rows: tops each within ``tol`` of the row's previous top (in
    order of tops) form one row, read left to right.  The articles of one row start at one cut across the
    page, and their tops differ only by what sits at their tops (a headline's, a subhead's or a body line's
    ink) and by what the scan adds: skew left after deskew, keystone, the layout resolution (100 dpi on a
    microfilm page: a pixel is a quarter mm).  Together these spread a row's measured tops wider than ``tol``
    (microfilm 20 mi_004: five articles of one row at tops 366-381 px, tol 13.3 px), while the next row's
    tops lie far below the last one (the ground truth of the browser, synth and microfilm pages: a row's tops
    within 3.3 mm, the next row's first top 2.0 mm below the row's last top at least, 10 mm in 19 of 20).
    Chained tops keep such a row whole where tops within ``tol`` of the first one cut it.

    Two items of a row whose left edges lie within ``tol`` (an L-shaped article's foot
    starts at its neighbour's left edge) are read top first; when their tops lie within ``tol`` x
    ``TIED_TOP_SHARE`` too and their ``head_left`` (the left edge of the item's part at its top: where the
    story starts, e.g. its headline; ``left`` if not given) lie more than ``tol`` apart, by ``head_left``."""
    items = sorted(items, key=lambda t: (t[0], t[1]))
    out: list[object] = []
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and (j == i or items[j][0] - items[j - 1][0] <= tol):
            j += 1
        row = sorted(items[i:j], key=lambda t: t[1])
        for k in range(len(row) - 1):
            a, b = row[k], row[k + 1]
            if b[1] - a[1] > tol:
                continue
            if abs(b[0] - a[0]) <= tol * TIED_TOP_SHARE and abs(_head_left(b) - _head_left(a)) > tol:
                if _head_left(b) < _head_left(a):
                    row[k], row[k + 1] = b, a
            elif b[0] < a[0]:
                row[k], row[k + 1] = b, a
        out.extend(t[2] for t in row)
        i = j
    return out


# Two articles of one row that start at the same left edge (an L-shaped article's foot under its
# neighbour) and whose tops differ by less than a quarter of the row tolerance (about a quarter em: ink
# tops of two headlines set on one line differ by less) are tied on both; the one whose top part (its
# headline) starts further left is read first.
TIED_TOP_SHARE = 0.25


def _head_left(t: tuple) -> float:
    return t[3] if len(t) > 3 else t[1]


def _by_columns(body: list[Region]) -> list[Region]:
    """Blocks column by column, top to bottom in each.  Blocks outside the page's grid (``cols`` -1: a
    column the grid missed, as a listing's ragged column of short fields) come after, by the stacks that
    vertical cuts no block crosses part them into (``cut_groups``), left to right, each read top to bottom:
    the lines of one such column start at different x (a time, a field set further in) and sorting them by
    their left edge first reads them out of order (browser 8 bt_007: a TV listing's lines)."""
    off = [b for b in body if b.cols[0] < 0]
    stack = {id(b): i for i, g in enumerate(cut_groups([(b.box, b) for b in off], 1, 0)) for _, b in g} if off else {}
    return sorted(body, key=lambda b: (b.cols[0] if b.cols[0] >= 0 else 1 << 20, stack.get(id(b), 0), b.box.y0))


def _held_by_photo(body: list[Region], photos: list[Region]) -> set[int]:
    """Ids of the body blocks set in the columns under one of the article's photos (``photos``: pictures and
    captions): each block's nearest neighbour above it (of the body and the photos, overlapping it across) is
    the photo or its caption, it lies inside their span (``photo_column_slack_em``), holds
    ``photo_column_min_lines`` lines, and the blocks under that photo together fill its width
    (``photo_column_fill_em`` short of each edge at most).  Real pages set a photo at the head of its columns
    the same way (the text under it continues those columns); a float's text wraps wider than the float
    (its lines run on under the text beside it)."""
    if not photos or not body:
        return set()
    fonts = sorted(b.font for b in body)
    em = fonts[len(fonts) // 2]
    tol = PARAMS.order_band_overlap_lines * em
    groups: dict[object, list[Region]] = {}
    for p in photos:
        key = p.pic if p.type == BlockType.PICTURE and p.pic is not None else (
            p.caption_of if p.type == BlockType.CAPTION and p.caption_of is not None else id(p))
        groups.setdefault(key, []).append(p)
    owner = {id(p): k for k, g in groups.items() for p in g}
    under: dict[object, list[Region]] = {}
    for b in body:
        if len(b.lines) < PARAMS.photo_column_min_lines:
            continue
        above = [r for r in (*body, *photos) if r is not b and r.box.y1 <= b.box.y0 + tol
                 and x_overlap(r.box, b.box) > 0]
        if not above:
            continue
        near = max(above, key=lambda r: r.box.y1)
        if id(near) not in owner:
            continue
        span = union([r.box for r in groups[owner[id(near)]]])
        slack = PARAMS.photo_column_slack_em * em
        if b.box.x0 >= span.x0 - slack and b.box.x1 <= span.x1 + slack:
            under.setdefault(owner[id(near)], []).append(b)
    held: set[int] = set()
    fill = PARAMS.photo_column_fill_em * em
    for k, bl in under.items():
        span = union([r.box for r in groups[k]])
        got = union([b.box for b in bl])
        if got.x0 <= span.x0 + fill and got.x1 >= span.x1 - fill:
            held |= {id(b) for b in bl}
    return held


def _body_sequence(body: list[Region], photos: list[Region] = (), others: list[Region] = (),
                   tiers: bool = False) -> list[Region]:
    """Body blocks column by column, top to bottom in a column; but an L-shaped article's foot (the bands of
    body blocks under the rest, from the first that reaches columns the part above does not) is read after
    the part above.  Bands over the same columns are one part, read down each column; on film (``tiers``,
    ``layout.grain_joined_lines``) a band that runs across every column of the body above it (two or more: in
    one column tiers and columns read alike, and a block off the grid keeps its place after them) a blank line
    or more under it (``_tier_below``, ``order_tier_gap_pitch``; ``others``: the article's pictures, captions,
    subheads and bylines) is a tier of its own, read after the part above.  Columns under one of the article's
    photos (``photos``: its pictures and captions; ``_held_by_photo``) are the photo's own columns: text set in
    them reaches no new columns."""
    if len(body) < 2:
        return body
    held = _held_by_photo(body, list(photos))
    # a block's last line may reach a little below the next band's first (its descenders, a line's box grown
    # by a mark): a cut may cross blocks by half a line (by_002: the text beside a photo ends 6 px below
    # the top of the text set across under the photo, and the foot was read first)
    fonts = sorted(b.font for b in body)
    bands = cut_groups([(b.box, b) for b in body], 0, PARAMS.order_band_overlap_lines * fonts[len(fonts) // 2])
    tier_gap = PARAMS.order_tier_gap_pitch * _own_pitch(body)
    parts: list[list[Region]] = []
    seen: set[int] = set()
    reach = None
    for band in bands:
        span = {c for _, b in band for c in range(b.cols[0], b.cols[1] + 1) if b.cols[0] >= 0}
        new = {c for _, b in band if id(b) not in held for c in range(b.cols[0], b.cols[1] + 1) if b.cols[0] >= 0}
        top = union([b.box for _, b in band])
        if not parts or new - seen or (tiers and len(seen) > 1 and span >= seen
                                        and _tier_below(reach, top, tier_gap, others)):
            parts.append([])
        parts[-1].extend(b for _, b in band)
        seen |= span
        reach = max([b.box.y1 for _, b in band] + ([] if reach is None else [reach]))
    return _tops_first([b for part in parts for b in _by_columns(part)],
                       PARAMS.order_band_overlap_lines * fonts[len(fonts) // 2])


def _own_pitch(body: list[Region]) -> float:
    """The body's own line pitch: the median height per line of its blocks of ``pitch_min_lines`` lines or more
    (0 without such blocks: then no band is taken for a tier by its white; ``_body_lines`` measures the page's)."""
    pitches = sorted(b.box.height / len(b.lines) for b in body if len(b.lines) >= PARAMS.pitch_min_lines)
    return pitches[len(pitches) // 2] if pitches else 0.0


def _tier_below(reach: float | None, band: Box, gap: float, others: list[Region]) -> bool:
    """Does a band (``band``: its blocks' union) stand under the body above it (ending at ``reach``) as a tier of
    its own: the white between them is ``gap`` (``order_tier_gap_pitch`` of the body's pitch) or more, and none
    of the article's pictures, captions, subheads or bylines (``others``) stands in it over the band's width?
    Text above and under a photo set across the article's columns, or under a crosshead in its column, is read
    as the columns run (``_held_by_photo``; microfilm 10 mr_000: a subhead over a column's last lines).  A
    headline there is another text's start, and the band under it a tier all the more."""
    if reach is None or gap <= 0 or band.y0 - reach < gap:
        return False
    return not any(o.box.y0 < band.y0 and o.box.y1 > reach and x_overlap(o.box, band) > 0 for o in others)


def _tops_first(seq: list[Region], tol: float) -> list[Region]:
    """``seq`` (an article's body blocks in column order) with every block read after the blocks that stand
    above it across its width: a block that starts more than ``tol`` higher and overlaps it across by over
    ``order_above_overlap_share`` of the narrower's width comes first (text runs down the page in every
    column).  Column order reads a block set across two columns (the text under a float photo, run on across
    the photo's width) with the first column, before the text beside the photo in the second that stands
    above it; such a block waits for the blocks above it, which are pulled forward to just before it, and
    everything else keeps its place.  A block across columns that go on under it (``goes_on``) waits for
    nothing."""
    share = PARAMS.order_above_overlap_share

    def goes_on(a: Region, b: Region) -> bool:
        """Does ``a``'s column go on under ``b``'s top: a block of ``order_column_goes_on_lines`` lines or more
        starting below it inside ``a``'s edges?  Then ``b`` is lines merged across the gutter (film, a lost
        gutter), not text run on across the columns, and the columns are read one after the other."""
        return any(len(z.lines) >= PARAMS.order_column_goes_on_lines and z.box.y0 > b.box.y0 + tol
                   and z.box.x0 >= a.box.x0 - tol and z.box.x1 <= a.box.x1 + tol for z in seq if z is not a and z is not b)

    def above(a: Region, b: Region) -> bool:
        return a.box.y0 < b.box.y0 - tol and x_overlap(a.box, b.box) > share * min(a.box.width, b.box.width) \
            and not goes_on(a, b)

    ups = {id(b): [a for a in seq if a is not b and above(a, b)] for b in seq}
    if not any(ups.values()):
        return seq
    out: list[Region] = []
    done: set[int] = set()

    def place(b: Region) -> None:       # (above is a strict order on tops: no cycle)
        done.add(id(b))
        for a in ups[id(b)]:
            if id(a) not in done:
                place(a)
        out.append(b)

    for b in seq:
        if id(b) not in done:
            place(b)
    return out


def _body_above(h: Region, body: list[Region]) -> Region | None:
    """The article's body block right above head-typed block ``h`` in its column (over half the narrower's
    width, ending above ``h``'s middle), if any: a short line typed subhead or byline below the body's start
    (a crosshead, an ad's centred line, a closing byline) is read where it stands in the text, not with the
    headline."""
    best = None
    for b in body:
        if b.box.y1 <= h.box.cy and min(b.box.x1, h.box.x1) - max(b.box.x0, h.box.x0) > 0.5 * min(b.box.width, h.box.width):
            if best is None or b.box.y1 > best.box.y1:
                best = b
    return best


def _reads_vertical(blocks: list[Region]) -> bool:
    """Is the article set top to bottom: do its vertical blocks hold over ``vertical_article_share`` of the
    area of its text blocks other than captions?"""
    text = [b for b in blocks if b.type.is_text and b.type != BlockType.CAPTION]
    if not any(b.vertical for b in text):
        return False
    upright = sum(b.box.area for b in text if b.vertical)
    return upright > PARAMS.vertical_article_share * sum(b.box.area for b in text)


def article_sequence(blocks: list[Region], tiers: bool = False) -> list[Region]:
    """The blocks of one article in reading order (top-to-bottom text, ``_reads_vertical``: its columns
    right to left).  ``tiers`` (film): a band of the body a blank line under the part above, across all its
    columns, is read after it (``_body_sequence``)."""
    if _reads_vertical(blocks):
        text = sorted([b for b in blocks if b.type not in (BlockType.PICTURE, BlockType.CAPTION)],
                      key=lambda b: (-b.box.x1, b.box.y0))
        rest = [b for b in blocks if b.type in (BlockType.PICTURE, BlockType.CAPTION)]
        return text + sorted(rest, key=lambda b: (b.box.y0, b.type == BlockType.CAPTION))
    body = _body_sequence([b for b in blocks if b.type in (BlockType.BODY, BlockType.TABLE)],
                          [b for b in blocks if b.type in (BlockType.PICTURE, BlockType.CAPTION)],
                          [b for b in blocks if b.type in (BlockType.PICTURE, BlockType.CAPTION, BlockType.SUBHEAD,
                                                           BlockType.BYLINE)], tiers)
    heads, inner = [], {}
    for h in sorted([b for b in blocks if b.type in _HEAD_KINDS or b.type in (BlockType.MASTHEAD, BlockType.TEASER)],
                    key=lambda b: (b.box.y0, b.box.x0)):
        above = _body_above(h, body) if h.type in (BlockType.SUBHEAD, BlockType.BYLINE) else None
        if above is None:
            heads.append(h)
        else:
            inner.setdefault(id(above), []).append(h)
    if inner:
        body = [x for b in body for x in [b] + inner.get(id(b), [])]
    pics = sorted([b for b in blocks if b.type == BlockType.PICTURE], key=lambda b: (b.box.y0, b.box.x0))
    caps = [b for b in blocks if b.type == BlockType.CAPTION]
    tail: list[Region] = []
    for p in pics:
        tail.append(p)
        tail.extend(c for c in caps if c.caption_of == p.pic)
    tail.extend(c for c in caps if c not in tail)
    return heads + body + tail


def cut_groups(items: list[tuple[Box, object]], axis: int, tol: float,
               right_to_left: bool = False) -> list[list[tuple[Box, object]]]:
    """Groups of ``items`` separated by a cut along ``axis`` (0: a horizontal line, groups top to bottom;
    1: a vertical line, groups left to right, or right to left with ``right_to_left``: vertical pages)
    that no box crosses by more than ``tol``, in order."""
    if axis == 0:
        lo, hi = (lambda b: b.y0), (lambda b: b.y1)
    elif right_to_left:
        lo, hi = (lambda b: -b.x1), (lambda b: -b.x0)
    else:
        lo, hi = (lambda b: b.x0), (lambda b: b.x1)
    items = sorted(items, key=lambda t: (lo(t[0]), hi(t[0])))
    groups: list[list[tuple[Box, object]]] = [[items[0]]]
    reach = hi(items[0][0])
    for t in items[1:]:
        if lo(t[0]) >= reach - tol:
            groups.append([t])
        else:
            groups[-1].append(t)
        reach = max(reach, hi(t[0]))
    return groups


def _side_by_side(a: list[tuple[Box, object]], b: list[tuple[Box, object]], tol: float) -> bool:
    """Are two neighbouring stacks the columns of one grid (small ads, a box of briefs): as many items in
    each, at least two, pairwise level (tops within ``tol``, overlapping over half their height)?"""
    if len(a) != len(b) or len(a) < 2:
        return False
    for (p, _), (q, _) in zip(sorted(a, key=lambda t: t[0].y0), sorted(b, key=lambda t: t[0].y0)):
        if abs(p.y0 - q.y0) > tol or min(p.y1, q.y1) - max(p.y0, q.y0) < 0.5 * min(p.height, q.height):
            return False
    return True


def xy_order(items: list[tuple[Box, object]], tol: float) -> list[object]:
    """Recursive XY-cut: cut across where possible (top before bottom), else down (left before right);
    a set that no straight cut divides (an L-shaped article's box overlapping its neighbour's) is read by
    rows of top edges.  Neighbouring stacks that are the columns of one grid (``_side_by_side``) are read
    row by row, as a grid of small items is."""
    if len(items) <= 1:
        return [t[1] for t in items]
    groups = cut_groups(items, 0, tol)
    if len(groups) > 1:
        return [o for g in groups for o in xy_order(g, tol)]
    groups = cut_groups(items, 1, tol)
    if len(groups) > 1:
        out: list[object] = []
        i = 0
        while i < len(groups):
            j = i + 1
            while j < len(groups) and _side_by_side(groups[j - 1], groups[j], tol):
                j += 1
            if j - i > 1:
                out.extend(rows([(b.y0, b.x0, o) for g in groups[i:j] for b, o in g], tol))
            else:
                out.extend(xy_order(groups[i], tol))
            i = j
        return out
    return rows([(b.y0, b.x0, o) for b, o in items], tol)


def reading_order(regions: list[Region], tol: float, method: str = "rows", tiers: bool = False) -> list[Region]:
    """All regions in reading order; ``tol`` is the row tolerance in layout px; ``method`` orders the
    articles: "rows" (by rows of top edges, left to right) or "xy-cut" (recursive cuts).  ``tiers``
    (``layout.grain_joined_lines``, the microfilm profile): an article's body read tier by tier where a blank
    line parts it across all its columns (``_body_sequence``)."""
    mast = [r for r in regions if r.article == 0]
    out: list[Region] = list(rows([(r.box.y0, r.box.x0, r) for r in mast], tol))
    arts: dict[int, list[Region]] = {}
    for r in regions:
        if r.article != 0:
            arts.setdefault(r.article, []).append(r)
    if method == "xy-cut":
        seq = xy_order([(union([b.box for b in bl]), aid) for aid, bl in arts.items()], tol)
    else:
        seq = flow_order(arts, rows([_article_item(aid, bl, tol) for aid, bl in arts.items()], tol), tol)
    for aid in seq:
        out.extend(article_sequence(arts[aid], tiers))
    return out


def _body_lines(regions: list[Region]) -> tuple[float, float]:
    """The page's body line pitch and line height: the medians, over its body blocks of three lines or more, of
    a block's height per line and of its lines' heights (0, 0 without such blocks)."""
    body = [r for r in regions if r.type == BlockType.BODY and len(r.lines) >= PARAMS.pitch_min_lines]
    if not body:
        return 0.0, 0.0
    heights = sorted(ln.box.height for r in body for ln in r.lines)
    return _own_pitch(body), heights[len(heights) // 2]


def _runs_on(last: Region, first: Region, column: list[Region], height: float) -> bool:
    """Does the text of block ``first`` (at the top of a column whose blocks are ``column``) go on from block
    ``last`` (at the foot of the column on the left) as one paragraph or the next: ``first``'s first line is
    body type (its height within ``flow_type_tolerance`` of the body's line ``height``), and it starts flush
    (set in from the column's left edge by at most ``flow_indent_lines`` of ``height``) when ``last``'s last
    line is full (stops at most that short of its block's right edge: the paragraph runs on), set in when it
    is short (the paragraph ended there and the next one starts)."""
    if not first.lines or not last.lines or height <= 0:
        return False
    top = min(first.lines, key=lambda ln: ln.box.y0).box
    if abs(top.height - height) > PARAMS.flow_type_tolerance * height:
        return False
    end = max(last.lines, key=lambda ln: ln.box.y1).box
    inset = PARAMS.flow_indent_lines * height
    full = last.box.x1 - end.x1 <= inset
    flush = top.x0 - min(b.box.x0 for b in column) <= inset
    return full == flush


def _bands(arts: dict[int, list[Region]]) -> list[list[tuple[int, Region]]]:
    """The page's bands of articles: groups parted by horizontal cuts that no article (the box of its blocks
    in the column grid) crosses, each as (article, block) pairs of its blocks in the grid."""
    inside = {aid: [b for b in bl if b.cols[0] >= 0] for aid, bl in arts.items()}
    boxes = [(union([b.box for b in bl]), aid) for aid, bl in inside.items() if bl]
    if not boxes:
        return []
    return [[(aid, b) for _, aid in g for b in inside[aid]] for g in cut_groups(boxes, 0, 0)]


def continuations(arts: dict[int, list[Region]], tol: float,
                  lines: tuple[float, float] | None = None) -> dict[int, int]:
    """{article Y: article X} where X's text continues Y's from the foot of one column to the top of the next,
    as text set in columns that flow reads on (the real broadsheets: a story runs down a column and on at
    the top of the next; no headline starts the next column).  In a band of articles (``_bands``), column c's
    top block (of the blocks set in one grid column) starts an article with no headline that lies in the
    band (X), nothing of another article stands above it in its column, and X is not the article of the
    lowest block of column c - 1 (Y), which lies wholly left of column c; the two columns start level and end
    level, within ``flow_level_lines`` (params) of the page's body line pitch; and no other article of column
    c starts level with Y (within ``tol``, the row tolerance): articles set in rows start level with one
    another, text that flows on does not.  ``lines``: the page's body line pitch and height (``_body_lines``),
    measured here if not given."""
    pitch, height = lines or _body_lines([b for bl in arts.values() for b in bl])
    level = PARAMS.flow_level_lines * pitch
    out: dict[int, int] = {}
    for band in _bands(arts):
        top_y = min(b.box.y0 for _, b in band)
        cols: dict[int, list[tuple[int, Region]]] = {}
        for aid, b in band:
            if b.cols[0] == b.cols[1] and b.lines and b.type.is_text:
                cols.setdefault(b.cols[0], []).append((aid, b))
        for c in sorted(cols):
            if c - 1 not in cols:
                continue
            here, left = cols[c], cols[c - 1]
            x, first = min(here, key=lambda t: t[1].box.y0)
            y, last = max(left, key=lambda t: t[1].box.y1)
            if x == y or x in out.values() or first.type != BlockType.BODY \
                    or any(b.type == BlockType.HEADLINE for b in arts[x]) or any(b.cols[1] >= c for b in arts[y]):
                continue                    # (Y's text going on in column c itself ends elsewhere)
            if abs(first.box.y0 - min(b.box.y0 for _, b in left)) > level \
                    or abs(max(b.box.y1 for _, b in here) - last.box.y1) > level:
                continue
            if any(aid != x and b.box.y0 >= top_y and b.box.y1 <= first.box.y0 + tol
                   and x_overlap(b.box, first.box) > 0.5 * min(b.box.width, first.box.width)
                   for aid, bl in arts.items() for b in bl):
                continue                    # something stands above it in its column: not the column's top
            y_top = min(b.box.y0 for b in arts[y])
            if any(aid != x and abs(b.box.y0 - y_top) <= tol for aid, b in here):
                continue                    # Y starts level with an article of column c: rows of articles
            if not _runs_on(last, first, [b for _, b in here], height):
                continue
            out[y] = x
    return out


def flow_order(arts: dict[int, list[Region]], seq: list[int], tol: float) -> list[int]:
    """``seq`` (the articles by rows of their tops) with text that flows on from column to column
    (``continuations``) read on: each continuation right after the article whose text it continues, and an
    article that lies wholly above another in its column (blocks overlapping over half the narrower's width;
    the two may overlap by ``order_band_overlap_lines`` of a body line: a descender) before it; otherwise in
    ``seq``'s order (a topological sort, taking the earliest of ``seq`` that nothing unread must precede).
    Without continuations, ``seq`` as it is."""
    lines = _body_lines([b for bl in arts.values() for b in bl])
    chain = continuations(arts, tol, lines)
    if not chain:
        return seq
    rank = {aid: k for k, aid in enumerate(seq)}
    boxes = {aid: union([b.box for b in bl]) for aid, bl in arts.items()}
    slack = PARAMS.order_band_overlap_lines * lines[0]
    waits = {aid: 0 for aid in seq}
    after: dict[int, list[int]] = {aid: [] for aid in seq}
    for w in seq:
        for z in seq:
            if w != z and boxes[w].y1 <= boxes[z].y0 + slack and any(
                    x_overlap(a.box, b.box) > 0.5 * min(a.box.width, b.box.width) for a in arts[w] for b in arts[z]):
                after[w].append(z)
                waits[z] += 1
    out: list[int] = []
    done: set[int] = set()
    chained = set(chain.values())
    while len(out) < len(seq):
        free = [a for a in seq if a not in done and a not in chained]
        ready = [a for a in free if waits[a] <= 0]
        a = min(ready or free or [a for a in seq if a not in done], key=rank.__getitem__)
        while a is not None and a not in done:
            out.append(a)
            done.add(a)
            for z in after[a]:
                waits[z] -= 1
            a = chain.get(a)
    return out


def _article_item(aid: int, blocks: list[Region], tol: float) -> tuple:
    """(top, left, id, head_left) of an article for ``rows``: head_left is the left edge of its blocks that
    start within ``tol`` of its top.  ``left`` is its text's left edge: its pictures and captions are left out
    (all its blocks for an article of pictures and captions only: a photo of its own is read where it stands).
    A picture given to the article whose text stands right above it in its column may be no part of it (a
    headless photo set across the foot of several articles, browser 94 eh_003: its left edge at the page's
    left made the article in the third column the row's second, read before the one in the second column:
    article order 0.321); where an article is read must not hang on it.  Counted on the 1,132 seen browser and
    synth pages (session 29, trace29 ``sim_left.py``): no paper page read otherwise, 4 of 390 film pages, one
    of them better by 0.002."""
    top = min(b.box.y0 for b in blocks)
    text = [b for b in blocks if b.type.is_text and b.type != BlockType.CAPTION] or blocks
    return (top, min(b.box.x0 for b in text), aid, min(b.box.x0 for b in blocks if b.box.y0 - top <= tol))
