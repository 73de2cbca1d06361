"""Group blocks into articles: each headline heads the columns it spans (or that it is left/centred over)."""
from __future__ import annotations

import numpy as np

from ..geometry import Box
from ..model import BlockType
from .columns import columns_of
from .params import DEFAULT as PARAMS
from .regions import Region, ink_height, union, x_overlap, y_overlap
from .separators import Rule


# A kicker is one line, two at most; it sits within an em of its headline (browser-set and real pages: a
# quarter to two thirds of an em), measured to the whole pixel: at a layout em under 10.5 px (microfilm,
# whose glyphs preprocessing scales to 10 px) one pixel in the kicker's favour (params.slack; microfilm 7
# mz_001: kickers 11 px over headlines of 3.2-3.7 em at an em of 10 px were articles of their own, read
# before the headline's row).
KICKER_MAX_LINES = 2
KICKER_GAP_EM = 1.0
# A kicker's box may reach into its headline's by KICKER_OVERLAP_EM (a comma's tail or a speck grows a line's
# box by a fraction of an em; 032ef73; fitted, no page named).
KICKER_OVERLAP_EM = 0.3


def _hrule_between(upper: Box, lower: Box, over: Box, rules: list[Rule]) -> bool:
    """A horizontal rule between the bottom of ``upper`` and the top of ``lower``, running over ``over``."""
    return any(ru.orientation == "h" and upper.y1 - 1 <= ru.box.cy <= lower.y0 + 1 and x_overlap(ru.box, over) > 0
               for ru in rules)


def _vrule_between(x0: float, x1: float, box: Box, rules: list[Rule]) -> bool:
    for r in rules:
        if r.orientation == "v" and x0 <= r.box.cx <= x1 and y_overlap(r.box, box) > 0.5 * box.height:
            return True
    return False


def _head_rows(h: Region, em: float) -> Box:
    """The rows of headline ``h``'s lines of headline type (boxes at least ``headline_size_em`` tall), across
    its width; its whole box if it has none."""
    big = [ln.box for ln in h.lines if ln.box.height >= PARAMS.headline_size_em * em]
    return Box(h.box.x0, min(b.y0 for b in big), h.box.x1, max(b.y1 for b in big)) if big else h.box


def _busy(c: int, h: Region, own: tuple[int, int], others: list[Region], cols: list[tuple[int, int]], em: float) -> bool:
    """Column ``c`` holds something else level with headline ``h`` (another article's body, picture, teaser
    or headline beside it): the headline does not head that column.  Level with its headline type
    (``_head_rows``): a line of body size at the foot of a headline block (the first body line under it,
    taken into its block, synth 103 sc_006) has the headline's own body beside it.  Text that ends above
    the middle of those rows stands above the headline, not beside it: the last line of the article above,
    its box grown into the headline's top by a speck or grain (microfilm 39 my_005: 1.2 em into a 3 em
    headline), keeps no column from the headline under it, when it starts above the headline's top (a line
    that starts inside those rows stands beside them, microfilm 32 mn_004).  (Text that starts below the
    middle may be another article's column running on beside the headline's lower line: synth 65 sf_002.)"""
    head = _head_rows(h, em)
    for o in others:
        if o is h or o.masthead or y_overlap(o.box, head) <= PARAMS.head_rows_overlap_em * em \
                or (o.box.y0 < head.y0 and o.box.y1 <= head.cy):
            continue
        oc = columns_of(o.box, cols, em)
        if oc[0] <= c <= oc[1] and not (oc[0] <= own[1] and own[0] <= oc[1]):
            return True
    return False


def _row_claims(h: Region, heads: list[Region], spans: dict[int, tuple[int, int]],
                em: float) -> tuple[list[Region], set[int]]:
    """The other headlines in ``h``'s row (with a span) and the columns their ``spans`` cover."""
    row = [g for g in heads if g is not h and spans[id(g)][0] >= 0
           and y_overlap(g.box, h.box) > -PARAMS.head_row_reach_em * em]
    return row, {c for g in row for c in range(spans[id(g)][0], spans[id(g)][1] + 1)}


def headline_spans(heads: list[Region], cols: list[tuple[int, int]], rules: list[Rule], em: float,
                   others: list[Region] = ()) -> dict[int, tuple[int, int]]:
    """Column span of each headline's article.

    A headline covers some columns; the free columns of its row next to it (no headline of the row over
    them, no vertical rule between, nothing of ``others`` beside the headline in them) may belong to it too.  A centred headline takes the widest span it is
    centred on; then a left-aligned headline takes the free columns to its right; columns still free go to
    the nearest headline on their left (else on their right).
    """
    covered = {id(h): columns_of(h.box, cols, em) for h in heads}
    spans = dict(covered)
    others = list(others)

    def free(c: int, side: int, h: Region) -> bool:
        """Column c (left of h's span if side < 0, else right) may join h's article."""
        reach = PARAMS.span_rule_side_em * em
        wall = (cols[c][1] - reach, cols[c + 1][0] + reach) if side < 0 \
            else (cols[c - 1][1] - reach, cols[c][0] + reach)
        return not _vrule_between(wall[0], wall[1], h.box, rules) and not _busy(c, h, covered[id(h)], others, cols, em)

    for h in heads:
        c0, c1 = covered[id(h)]
        if c0 < 0:
            continue
        _, taken = _row_claims(h, heads, covered, em)
        lo = c0
        while lo - 1 >= 0 and lo - 1 not in taken and free(lo - 1, -1, h):
            lo -= 1
        hi = c1
        while hi + 1 < len(cols) and hi + 1 not in taken and free(hi + 1, 1, h):
            hi += 1
        centre = h.box.cx
        best = None
        for a in range(lo, c0 + 1):
            for b in range(c1, hi + 1):
                if abs(centre - (cols[a][0] + cols[b][1]) / 2) <= PARAMS.head_centred_em * em \
                        and (best is None or b - a > best[1] - best[0]):
                    best = (a, b)
        if best is not None and best != (c0, c1):
            spans[id(h)] = best
        elif abs(h.box.x0 - cols[c0][0]) <= PARAMS.head_left_aligned_em * em:
            spans[id(h)] = (c0, hi)                    # left-aligned: the free columns to its right
    # resolve overlaps between row-mates: a centred claim wins over a left-aligned extension
    for h in heads:
        for g in heads:
            if g is h or spans[id(h)][0] < 0 or spans[id(g)][0] < 0 \
                    or y_overlap(g.box, h.box) <= -PARAMS.head_row_reach_em * em:
                continue
            a0, a1 = spans[id(h)]
            b0, b1 = spans[id(g)]
            if a0 <= b1 and b0 <= a1 and covered[id(h)][1] < covered[id(g)][0]:
                # h is left of g: h keeps up to g's first column not covered by g's own centring
                spans[id(h)] = (a0, max(covered[id(h)][1], b0 - 1))
    # columns no headline of the row claims go to the nearest headline on their left (else right)
    for h in heads:
        a, b = spans[id(h)]
        if a < 0:
            continue
        row, claimed = _row_claims(h, heads, spans, em)
        while b + 1 < len(cols) and b + 1 not in claimed and free(b + 1, 1, h):
            b += 1
        if not any(spans[id(g)][1] < a for g in row):
            while a - 1 >= 0 and a - 1 not in claimed and free(a - 1, -1, h):
                a -= 1
        spans[id(h)] = (a, b)
    return spans


def _h_barrier(top: int, bottom: int, span_box: Box, x: Box, rules: list[Rule], em: float) -> bool:
    """A horizontal rule between a headline and a block that is wider than the headline's article: a new band."""
    for r in rules:
        if r.orientation == "h" and top - 1 <= r.box.cy <= bottom + 1 and x_overlap(r.box, x) > 0 \
                and (r.box.x0 < span_box.x0 - PARAMS.head_barrier_reach_em * em
                     or r.box.x1 > span_box.x1 + PARAMS.head_barrier_reach_em * em):
            return True
    return False


def _heads_directly(h: Region, r: Region, rc: tuple[int, int], cols: list[tuple[int, int]], regions: list[Region],
                    em: float, stack: bool = True) -> bool:
    """Headline ``h`` stands right over block ``r`` in ``r``'s own columns: its own box (not a span grown to the
    free columns of its row) covers them, and between them stands nothing in ``r``'s columns but ``h``'s head
    stack (with ``stack``: subheads and bylines, which carry no article of their own yet).  A body column right
    under its own headline's stack is that headline's even when a lower headline beside it (one column to the
    left, its top under the stack's headline) has its span grown over it (synth 109 sj2_001, synth 116 sx2_003:
    a one-column headline below a wider one took the wider one's columns and read them as its own)."""
    if rc[0] < 0:
        return False
    c0, c1 = columns_of(h.box, cols, em)
    if c0 < 0 or not (c0 <= rc[0] and rc[1] <= c1):
        return False
    if not stack:
        return True
    slack = PARAMS.own_head_slack_em * em
    for o in regions:
        if o is h or o is r or o.masthead or x_overlap(o.box, r.box) <= 0:
            continue
        # anything in r's columns reaching below the headline's foot and starting above r's top (a block that
        # starts beside the headline and runs on down counts too: a vertical article beside a mark typed headline)
        if o.box.y1 > h.box.y1 + slack and o.box.y0 < r.box.y0 - slack \
                and o.type not in (BlockType.SUBHEAD, BlockType.BYLINE):
            return False
    return True


def _photo_of_its_row(p: Region, regions: list[Region], em: float) -> int | None:
    """Picture ``p`` stands on its own in a row of articles (a news photo and its caption, no headline): it
    was given to the article whose text stands right above it in its columns, but that article's text all
    ends above the picture's top (``photo_row_end_slack_em``) and started higher up than the block right
    above it (the picture is not under its own head: a headline set in body type right over its photo,
    browser 81 dw_005), and another article starts level with the picture's top beside it
    (``photo_row_level_em``): the photo opens the next row.  Returns the article id of that neighbour (browser
    pages: a headless photo article read as the foot of the article above, 39 seen pages in 32 sets), else
    None."""
    if p.type != BlockType.PICTURE or p.masthead or p.in_frame is not None or p.vertical \
            or p.article in (None, 0):
        return None
    own = [o for o in regions if o is not p and o.article == p.article and o.type.is_text
           and o.type != BlockType.CAPTION]
    if not own or any(o.box.y1 > p.box.y0 + PARAMS.photo_row_end_slack_em * em for o in own):
        return None
    above = [o for o in regions if o is not p and o.type.is_text and o.type != BlockType.CAPTION
             and o.box.y1 <= p.box.y0 + PARAMS.photo_row_end_slack_em * em
             and x_overlap(o.box, p.box) > 0.5 * min(o.box.width, p.box.width)]
    if not above:
        return None
    last = max(above, key=lambda o: o.box.y1)
    if last.article != p.article or last.type not in (BlockType.BODY, BlockType.TABLE) \
            or not any(o.box.y0 < last.box.y0 for o in own):
        return None
    tops: dict[int, list[Region]] = {}
    for o in regions:
        if o.article not in (None, 0, p.article) and not o.masthead:
            tops.setdefault(o.article, []).append(o)
    tol = PARAMS.photo_row_level_em * em
    for a, blocks in tops.items():
        top = min(o.box.y0 for o in blocks)
        if abs(top - p.box.y0) <= tol and all(x_overlap(o.box, p.box) <= 0 for o in blocks if o.box.y0 - top <= tol):
            return a
    return None


def _photo_across(p: Region, regions: list[Region], em: float) -> int:
    """Picture ``p`` (given to the text right above it in its column: no headline over it) is set across the
    page's whole text width (within ``photo_across_slack_em`` of the leftmost and the rightmost edge of the
    text blocks, masthead aside) and stands right under text of ``photo_across_min_articles`` articles or more
    (each the nearest block above it in its stretch of the picture's width): a news photo of its own under
    several stories, no part of any one of them.  Returns the number of those articles (0 if it is not such a
    photo)."""
    if p.type != BlockType.PICTURE or p.masthead or p.in_frame is not None or p.vertical \
            or p.article in (None, 0):
        return 0
    text = [o for o in regions if o is not p and o.type.is_text and o.type != BlockType.CAPTION
            and not o.masthead and o.article != 0]
    if not text:
        return 0
    slack = PARAMS.photo_across_slack_em * em
    if p.box.x0 > min(o.box.x0 for o in text) + slack or p.box.x1 < max(o.box.x1 for o in text) - slack:
        return 0
    end = p.box.y0 + PARAMS.photo_row_end_slack_em * em
    cands = [o for o in regions if o is not p and not o.masthead and o.box.y1 <= end and x_overlap(o.box, p.box) > 0]
    arts = set()
    for o in cands:
        if not o.type.is_text or o.type == BlockType.CAPTION or o.article in (None, 0):
            continue
        if any(q is not o and q.box.y0 >= o.box.y1 and x_overlap(q.box, o.box) > 0 for q in cands):
            continue                    # something stands between it and the picture in its stretch
        arts.add(o.article)
    return len(arts) if len(arts) >= PARAMS.photo_across_min_articles else 0


def _interrupted(h: Region, r: Region, regions: list[Region], em: float) -> Region | None:
    """Something of another article between headline ``h`` and block ``r`` below it, in ``r``'s columns
    (``interrupt_overlap_share`` in params): a headline set across (wider than tall), a teaser or a framed box."""
    for o in regions:
        if o is h or o is r or o.masthead or (o.article is not None and o.article == h.article):
            continue
        if not ((o.type == BlockType.HEADLINE and o.box.width >= o.box.height) or o.type == BlockType.TEASER
                or o.in_frame is not None):
            continue                # (a headline taller than wide is vertical type or a photo's speck, no bar)
        if o.box.y0 < h.box.y1 - PARAMS.own_head_slack_em * em or o.box.y1 > r.box.y0 + PARAMS.own_head_slack_em * em:
            continue
        if x_overlap(o.box, r.box) > PARAMS.interrupt_overlap_share * min(o.box.width, r.box.width):
            return o
    return None


def assign_articles(regions: list[Region], cols: list[tuple[int, int]], rules: list[Rule], em: float,
                    text: np.ndarray | None = None, grain: bool = False, turned: bool = False) -> None:
    """Set ``article`` on every region (masthead regions get article 0, the rest 1..).  ``grain``
    (layout.grain_joined_lines, the microfilm profile): an L-shaped article's foot is found through film's
    grain (``attach_feet``), and a piece of a headline's line that film broke off is that headline's
    (``headline_pieces``).  A news photo of its own opens the next row (``_photo_of_its_row``) on horizontal
    paper pages only, where it was counted and measured: not with ``grain`` (film's photos are found in part
    over its grain) nor ``turned`` (a vertical page laid out turned a quarter, whose "above" and "rows" are
    its tiers' columns)."""
    next_id = 1
    ears: dict[int, int] = {}
    for r in regions:
        if r.masthead and r.ear is not None:    # an ear of the band: a teaser article of its own (masthead.band_ears)
            if r.ear not in ears:
                ears[r.ear] = next_id
                next_id += 1
            r.article = ears[r.ear]
            r.trace.append("article: an ear of the masthead band (a teaser article of its own)")
        elif r.masthead:
            r.article = 0
            r.trace.append("article: masthead band")
    frames: dict[int, int] = {}
    for r in regions:                       # each framed box is one article
        if r.in_frame is not None and r.article is None:
            if r.in_frame not in frames:
                frames[r.in_frame] = next_id
                next_id += 1
            r.article = frames[r.in_frame]
            r.trace.append("article: inside a box frame (one boxed article)")
    heads = [r for r in regions if r.type == BlockType.HEADLINE and r.article is None]
    kicked = stacked_kickers(heads, rules, em, text)
    kicked.update(stacked_subheads(heads, rules, em, text, taken=kicked))
    heads = [h for h in heads if id(h) not in kicked]
    pieces = headline_pieces(heads) if grain else {}
    heads = [h for h in heads if id(h) not in pieces]
    spans = headline_spans(heads, cols, rules, em, regions)
    for h in heads:
        h.article = next_id
        h.trace.append("article: starts one (a headline)")
        next_id += 1
    for k in regions:
        if id(k) in kicked:
            k.article = kicked[id(k)].article
        elif id(k) in pieces:
            k.article = pieces[id(k)].article
            k.trace.append(f"article: a piece of the headline at layout px y={pieces[id(k)].box.y0}, inside its "
                           "box level with one of its lines (joins its article)")
    for h in heads:                         # a headline heads all the columns of its article
        if spans[id(h)][0] >= 0:
            h.cols = spans[id(h)]
    attach_kickers(regions, heads, spans, cols, rules, em)
    boxed = [r for r in regions if r.type == BlockType.HEADLINE and r.in_frame is not None]
    attach_kickers(regions, boxed, {id(h): (-1, -1) for h in boxed}, cols, rules, em, framed=True)
    next_id = vertical_articles(regions, em, next_id)
    for r in regions:
        if r.article is not None or r.type in (BlockType.CAPTION,):
            continue
        rc = r.cols if r.cols[0] >= 0 else columns_of(r.box, cols, em)
        best, best_y, cut, own = None, None, None, None
        for h in heads:
            c0, c1 = spans[id(h)]
            if c0 < 0 or h.box.y0 > r.box.y0 + PARAMS.head_top_slack_em * em:
                continue
            if h.vertical and not r.vertical and not any(
                    o.vertical and o.article == h.article and o.box.intersection(r.box) > 0 for o in regions):
                continue            # a vertical article's headline heads its own columns only (vertical_articles),
                # and rows read across them (ink of its columns); no horizontal text beside them
            if not (c0 <= rc[0] and rc[1] <= c1) and not (rc[0] < 0 and x_overlap(h.box, r.box) > 0):
                continue
            span_box = Box(cols[c0][0], h.box.y0, cols[c1][1], h.box.y1)
            if _h_barrier(h.box.y1, r.box.y0, span_box, r.box, rules, em):
                continue
            o = _interrupted(h, r, regions, em)
            if o is not None:
                # (a boxed article's title ends the wider article there too, but text under the box is
                # not the box's: a box is closed; browser 9 bx_007: an ad whose frame was not found went to
                # the framed ad 2,400 px above it)
                if o.type == BlockType.HEADLINE and o.article is not None and o.in_frame is None \
                        and (cut is None or o.box.y1 > cut.box.y1):
                    cut = o
                continue
            if best_y is None or h.box.y1 > best_y:
                best, best_y = h, h.box.y1
            if _heads_directly(h, r, rc, cols, regions, em) and (own is None or h.box.y1 > own.box.y1):
                own = h
        if best is not None and own is not None and own is not best \
                and not _heads_directly(best, r, rc, cols, regions, em, stack=False):
            r.article = own.article
            r.trace.append(f"article: right under the headline over its own columns (its top at layout px "
                           f"y={own.box.y0}), not the lower one beside it (at y={best.box.y0}) whose span reaches "
                           "over them")
        elif best is not None:
            r.article = best.article
            r.trace.append(f"article: under the headline that spans its columns (its top at layout px y={best.box.y0})")
        elif cut is not None:
            r.article = cut.article
            r.trace.append(f"article: under the headline right above it in its column (its top at layout px "
                           f"y={cut.box.y0}), which ends the wider headline's article there")
    orphans: set[int] = set()
    headless: set[int] = set()              # pictures given to the text right above them
    # text with no headline above it continues the article of the text right above it in its column
    # (a headline set too small to be told from the body starts a run of blocks that stay together)
    # A picture with no headline above it belongs to the text right above it in its column, and text with
    # no headline above it under a picture (and its caption) continues the picture's article: one column's
    # stack of text, picture, caption and text with no headline or rule between is one story (ss_003: a
    # headline set in body size, its picture, caption and body).
    for r in sorted(regions, key=lambda r: r.box.y0):
        if r.article is None and r.type == BlockType.PICTURE and not r.masthead and r.in_frame is None:
            above = _block_above(r, regions, rules, em)
            if above is None:
                above = _head_group_above(r, regions, orphans, rules, em)
                if above is not None:
                    r.article = above.article
                    r.trace.append("article: no headline above; the picture goes with the head group right above "
                                   "it, across its article's own rule under the head")
                    continue
            if above is not None and _closing_line(above, cols, em):
                r.trace.append("article: the text right above it ends its article with a line set flush right "
                               "(a jump line or closing credit): not that article's picture")
            elif above is not None:
                r.article = above.article
                headless.add(id(r))
                r.trace.append("article: no headline above; the picture goes with the text right above it in its column")
        elif r.article is None and r.type != BlockType.CAPTION and r.type.is_text:
            above = _block_above(r, regions, rules, em) or _picture_above(r, regions, rules, em)
            head = None if above is not None else _head_group_above(r, regions, orphans, rules, em)
            if head is not None:
                r.article = head.article
                r.trace.append("article: no headline above; continues the head group right above it in its "
                               "column, across its article's own rule under the head")
            elif above is not None:
                r.article = above.article
                r.trace.append("article: no headline above; continues the "
                               + ("picture" if above.type == BlockType.PICTURE else "text")
                               + " right above it in its column")
            else:
                r.article = next_id
                next_id += 1
                r.trace.append("article: starts one (no headline and no text above it)")
                orphans.add(id(r))
    attach_feet(regions, cols, em, orphans, grain, short_columns=not (grain or turned))
    for r in regions if not (grain or turned) else []:     # a news photo of its own opens the next row
        mate = _photo_of_its_row(r, regions, em)
        if mate is not None:
            r.article = next_id
            next_id += 1
            r.trace.append("article: a photo of its own, not the article above: that article's text ends above "
                           f"it and article {mate} starts level with it beside it")
        elif id(r) in headless and (under := _photo_across(r, regions, em)):
            r.article = next_id
            next_id += 1
            r.trace.append(f"article: a photo of its own across the page's text width, right under the text of "
                           f"{under} articles: no part of the one above it in its column")
    # captions follow their picture; pictures without a headline above start their own article
    for r in regions:
        if r.article is None and r.type != BlockType.CAPTION:
            r.article = next_id
            next_id += 1
    for r in regions:
        if r.type == BlockType.CAPTION:
            pic = regions_picture(regions, r)
            r.article = pic.article if pic is not None and pic.article is not None else next_id
            if pic is None or pic.article is None:
                next_id += 1


def headline_pieces(heads: list[Region]) -> dict[int, Region]:
    """Headline blocks that are pieces of a bigger headline block's lines (params.head_piece_inside_share,
    head_piece_level_share): inside its box, level with one of its lines.  Returns {id(piece): headline};
    a headline that is itself a piece heads no other piece (the biggest box first)."""
    out: dict[int, Region] = {}
    by_area = sorted((h for h in heads if h.lines and not h.vertical and not h.masthead), key=lambda h: -h.box.area)
    for i, p in enumerate(by_area):
        for h in by_area[:i]:
            if id(h) in out or h.box.area <= p.box.area \
                    or p.box.intersection(h.box) <= PARAMS.head_piece_inside_share * p.box.area:
                continue
            if any(y_overlap(p.box, ln.box) > PARAMS.head_piece_level_share * min(p.box.height, ln.box.height)
                   for ln in h.lines):
                out[id(p)] = h
                break
    return out


def stacked_kickers(heads: list[Region], rules: list[Rule], em: float,
                    text: np.ndarray | None = None) -> dict[int, Region]:
    """Headline type right above a bigger headline is its kicker (引题), not a headline of its own: at most
    ``KICKER_MAX_LINES`` lines, within ``KICKER_GAP_EM`` above it, overlapping it over half the narrower's
    width, its lines at most ``kicker_type_share`` (params) of the headline's height, no rule between.  Such a
    kicker is typed subhead; returns {id(kicker): headline}.  ``text``: the text ink; given, line heights are
    measured from the first to the last inked row (``regions.ink_height``): film grain and specks taken into
    the boxes of a big headline's lines and of its kicker's are no part of their type."""
    return _stacked_heads(heads, rules, em, text, below=False)


def stacked_subheads(heads: list[Region], rules: list[Rule], em: float, text: np.ndarray | None = None,
                     taken: dict[int, Region] | None = None) -> dict[int, Region]:
    """The same, right *under* a bigger headline: its subhead (副题), set in smaller headline type (synth 89
    so_007: a two-line deck under a two-line headline, typed headline, started an article of its own and the
    article beside it was read between the headline and its body).  The same bounds as a kicker's; a head
    already a kicker (``taken``) is left alone.  Returns {id(subhead): headline}."""
    return _stacked_heads(heads, rules, em, text, below=True, taken=taken or {})


def _stacked_heads(heads: list[Region], rules: list[Rule], em: float, text: np.ndarray | None, below: bool,
                   taken: dict[int, Region] | None = None) -> dict[int, Region]:
    def height(ln) -> int:
        return ln.box.height if text is None else ink_height(text, ln.box)
    taken = taken or {}
    out: dict[int, Region] = {}
    for k in heads:
        if not 0 < len(k.lines) <= KICKER_MAX_LINES or k.masthead or id(k) in taken:
            continue
        size = max(height(ln) for ln in k.lines)
        best = None
        for h in heads:
            if h is k or id(h) in out or id(h) in taken:
                continue
            gap = k.box.y0 - h.box.y1 if below else h.box.y0 - k.box.y1
            if not -KICKER_OVERLAP_EM * em <= gap <= _kicker_gap(em) \
                    or x_overlap(k.box, h.box) <= 0.5 * min(k.box.width, h.box.width) \
                    or size > PARAMS.kicker_type_share * min(height(ln) for ln in h.lines):
                continue
            if _hrule_between(*((h.box, k.box) if below else (k.box, h.box)), k.box, rules):
                continue
            if best is None or gap < best[0]:
                best = (gap, h)
        if best is not None and id(k) not in {id(v) for v in out.values()}:
            out[id(k)] = best[1]
            k.type = BlockType.SUBHEAD
            k.trace.append(f"article: {'a subhead' if below else 'a kicker'} in headline type right "
                           f"{'under' if below else 'above'} a bigger headline at layout px y={best[1].box.y0} "
                           "(typed subhead)")
    return out


def _kicker_gap(em: float) -> float:
    """The white a kicker (or a stacked head) may leave above the head under it: ``KICKER_GAP_EM`` and the slack."""
    return KICKER_GAP_EM * em + PARAMS.slack(em)


def _kicker_reach(h: Region, em: float) -> float:
    """How far above headline ``h`` a kicker may end: ``KICKER_GAP_EM``, or ``kicker_head_white_share`` (params)
    of the height of ``h``'s smallest line when that is more (the white above a big headline's ink is its
    leading, which grows with its type).  A kicker that stands further than ``KICKER_GAP_EM`` above its
    headline stands alone in the headline's span (``_level_text``: synth 98 ss_001, the right piece of a body
    line cut at a false column edge, 1.2 em over a lead headline, would have left its article), is at least
    ``kicker_min_width_em`` long and is no closing line (``_closing_line``)."""
    line = min((ln.box.height for ln in h.lines), default=0)
    return max(_kicker_gap(em), PARAMS.kicker_head_white_share * line + PARAMS.slack(em))


def _level_text(k: Region, lo: float, hi: float, regions: list[Region]) -> bool:
    """Other text stands level with ``k`` (overlapping its height by half) between x ``lo`` and ``hi``: ``k`` is a
    piece of a row of text running across there (a line cut at a column edge the grid found in it), not a
    head group's own line, which stands alone over its headline."""
    return any(o is not k and o.type.is_text and not o.masthead and lo <= o.box.cx <= hi
               and y_overlap(o.box, k.box) > 0.5 * k.box.height for o in regions)


def attach_kickers(regions: list[Region], heads: list[Region], spans: dict[int, tuple[int, int]],
                   cols: list[tuple[int, int]], rules: list[Rule], em: float, framed: bool = False) -> None:
    """A kicker (引题: a short line set right above a headline, smaller than it) belongs to the headline's
    article and is read before it: a text block of at most ``KICKER_MAX_LINES`` lines, its lines smaller than
    the headline's, lying inside the headline's column span, whose gap to the headline below is at most
    ``KICKER_GAP_EM`` (more over a big headline: ``_kicker_reach``) and smaller than its gap to any text above
    it in those columns (the masthead band aside), with no rule between.
    (A body paragraph ending above the next article's headline is longer, or sits closer to its own text.)
    ``framed``: the kickers of headlines inside framed boxes, among the blocks of the same box (the box is
    the article already: the kicker is typed and read before the headline; browser 8 bt_005)."""
    for k in regions:
        if (k.article is not None and not framed) or (k.in_frame is not None) != framed or k.masthead \
                or not k.type.is_text or k.type in (BlockType.HEADLINE, BlockType.CAPTION) \
                or not 0 < len(k.lines) <= KICKER_MAX_LINES:
            continue
        best = None
        for h in heads:
            if framed and h.in_frame != k.in_frame:
                continue
            c0, c1 = spans[id(h)]
            lo, hi = (cols[c0][0], cols[c1][1]) if c0 >= 0 else (h.box.x0, h.box.x1)
            if framed:                      # the box is the span: a kicker may stand flush left in it
                lo, hi = min(lo, k.box.x0), max(hi, k.box.x1)
            gap = h.box.y0 - k.box.y1
            # inside the headline's column span: a kicker set flush left over the span's first column
            # belongs to a headline centred over the span (bq_000) as much as one right under it
            if not -KICKER_OVERLAP_EM * em <= gap <= _kicker_reach(h, em) \
                    or k.box.x0 < lo - PARAMS.kicker_span_slack_em * em \
                    or k.box.x1 > hi + PARAMS.kicker_span_slack_em * em \
                    or (c0 < 0 and x_overlap(k.box, h.box) <= 0) \
                    or max(ln.box.height for ln in k.lines) >= h.box.height:
                continue
            if _hrule_between(k.box, h.box, k.box, rules):
                continue
            if gap > _kicker_gap(em) and (
                    k.box.width < PARAMS.kicker_min_width_em * em or _closing_line(k, cols, em)
                    or _level_text(k, lo - PARAMS.kicker_span_slack_em * em, hi + PARAMS.kicker_span_slack_em * em,
                                   regions)):
                continue        # (over a big headline only: _kicker_reach)
            if best is None or gap < best[0]:
                best = (gap, h)
        if best is None:
            continue
        gap, h = best
        above = [o.box.y1 for o in regions if o is not k and o.type.is_text and not o.masthead and not o.vertical
                 and x_overlap(o.box, k.box) > 0
                 and o.box.y1 <= k.box.y0 + PARAMS.kicker_above_slack_em * em and k.box.y0 - o.box.y1 <= gap]
        if above:
            continue
        k.type = BlockType.SUBHEAD
        k.article = h.article
        k.trace.append(f"article: a kicker right above the headline at layout px y={h.box.y0} (typed subhead)")


def _nearest_above(r: Region, cands: list[tuple[Region, Box]], rules: list[Rule], em: float) -> Region | None:
    """Of ``cands`` (a region and the box it stands for), the one just above ``r`` in the same column: its box's
    bottom within 2 em above ``r``'s top (or reaching half an em into it), overlapping over half the narrower's
    width, no horizontal rule between; the lowest such."""
    best, best_y = None, None
    for o, box in cands:
        gap = r.box.y0 - box.y1
        if not -PARAMS.above_into_em * em <= gap <= PARAMS.above_reach_em * em \
                or x_overlap(box, r.box) < 0.5 * min(box.width, r.box.width):
            continue
        if _hrule_between(box, r.box, r.box, rules):
            continue
        if best_y is None or box.y1 > best_y:
            best, best_y = o, box.y1
    return best


def _block_above(r: Region, regions: list[Region], rules: list[Rule], em: float) -> Region | None:
    """The text block just above ``r`` in the same column (``_nearest_above``) that already belongs to an
    article of the body area: not a framed box's, nor an ear's of the masthead band (``masthead.band_ears``): a
    box is closed (microfilm 35 ms_001: a line read across the page under an ear went to the ear's article, and
    three columns after it, oracle 0.265 -> 0.393)."""
    return _nearest_above(r, [(o, o.box) for o in regions if o is not r and o.article not in (None, 0)
                              and o.in_frame is None and not o.masthead and o.type.is_text
                              and o.type != BlockType.CAPTION], rules, em)


def _head_group_above(r: Region, regions: list[Region], orphans: set[int], rules: list[Rule],
                      em: float) -> Region | None:
    """The block just above ``r`` in its column (``_nearest_above``, rules aside) of an article that text with
    no headline above it started (its first block's id in ``orphans``) and that holds only a head group: text
    blocks of at most ``head_group_max_lines`` lines (params), no body, picture or caption; None if a
    horizontal rule between the two reaches more than ``head_rule_reach_em`` beyond both (params): the rule
    under an article's head spans the article's columns, one across wider columns parts articles."""
    started = {o.article for o in regions if id(o) in orphans}
    heads = set()
    for a in started:
        members = [o for o in regions if o.article == a]
        if all(o.type.is_text and o.type != BlockType.CAPTION and not o.vertical
               and len(o.lines) <= PARAMS.head_group_max_lines for o in members):
            heads.add(a)
    if not heads:
        return None
    above = _nearest_above(r, [(o, o.box) for o in regions if o is not r and o.article in heads], [], em)
    if above is None:
        return None
    lo = min(above.box.x0, r.box.x0) - PARAMS.head_rule_reach_em * em
    hi = max(above.box.x1, r.box.x1) + PARAMS.head_rule_reach_em * em
    for ru in rules:
        if ru.orientation == "h" and above.box.y1 - 1 <= ru.box.cy <= r.box.y0 + 1 and x_overlap(ru.box, r.box) > 0 \
                and (ru.box.x0 < lo or ru.box.x1 > hi):
            return None
    return above


def _picture_above(r: Region, regions: list[Region], rules: list[Rule], em: float) -> Region | None:
    """The picture just above ``r`` in the same column (``_nearest_above``), its captions counted as part of it,
    that already belongs to an article of the body area."""
    pics = [p for p in regions if p.type == BlockType.PICTURE and p.article not in (None, 0) and p.in_frame is None]
    return _nearest_above(r, [(p, Box.union_all([p.box] + [c.box for c in regions if c.type == BlockType.CAPTION
                                                            and p.pic is not None and c.caption_of == p.pic]))
                              for p in pics], rules, em)


def _closing_line(r: Region, cols: list[tuple[int, int]], em: float) -> bool:
    """Is ``r`` one short line set flush right in its column, as a jump line ('转第12版') or a closing credit
    ends an article: its right edge within ``closing_line_flush_em`` of the column's, its left edge at least
    ``closing_line_inset_em`` in from the column's (by_000: a photo under such a line was taken for the
    article's own)."""
    if len(r.lines) != 1 or r.cols[0] < 0 or not r.type.is_text:
        return False
    left, right = cols[r.cols[0]][0], cols[r.cols[1]][1]
    return abs(right - r.box.x1) <= PARAMS.closing_line_flush_em * em \
        and r.box.x0 - left >= PARAMS.closing_line_inset_em * em


def regions_picture(regions: list[Region], caption: Region) -> Region | None:
    for r in regions:
        if r.type == BlockType.PICTURE and r.pic == caption.caption_of:
            return r
    return None


def _upright(r: Region, em: float) -> bool:
    """Top-to-bottom text: a vertical block, or a single column of type (a vertical headline or byline) at
    least ``vertical_column_em`` tall and three times as tall as wide."""
    return r.vertical or (r.type.is_text and r.type != BlockType.CAPTION and len(r.lines) <= 1
                          and r.box.height >= PARAMS.vertical_column_em * em
                          and r.box.height >= PARAMS.upright_aspect * r.box.width)


def vertical_articles(regions: list[Region], em: float, next_id: int) -> int:
    """Top-to-bottom text on a horizontal page is an article of its own, never the continuation of the
    horizontal text above it: vertical blocks and single vertical columns (its headline, byline) that stand
    side by side (at most ``vertical_gap_em`` apart, overlapping over half the shorter's height) form one
    article.  Returns the next free article id."""
    vert = [r for r in regions if _upright(r, em) and r.in_frame is None and not r.masthead
            and r.article not in (0,) and (r.article is None or r.type == BlockType.HEADLINE)]
    if not any(r.vertical for r in vert):
        return next_id
    group = {id(r): i for i, r in enumerate(vert)}

    def find(i: int) -> int:
        while group[id(vert[i])] != i:
            i = group[id(vert[i])]
        return i

    for i, a in enumerate(vert):
        for j in range(i + 1, len(vert)):
            b = vert[j]
            gap = max(a.box.x0 - b.box.x1, b.box.x0 - a.box.x1)
            if gap <= PARAMS.vertical_gap_em * em and y_overlap(a.box, b.box) > 0.5 * min(a.box.height, b.box.height):
                group[id(vert[find(j)])] = find(i)
    roots = [find(i) for i in range(len(vert))]
    with_columns = {root for root, r in zip(roots, vert) if r.vertical}
    ids: dict[int, int] = {}
    for root, r in zip(roots, vert):
        if root not in with_columns:
            continue
        if root not in ids:
            ids[root] = next_id
            next_id += 1
        r.article = ids[root]
        r.trace.append("article: top-to-bottom text, an article of its own with the vertical columns beside it")
    return next_id


def _continued(r: Region, regions: list[Region], em: float, any_article: bool = False,
               reach_em: float | None = None, min_lines: int = 2) -> Region | None:
    """The body block (of two lines or more) of ``r``'s own article (of any article if ``any_article``)
    right above it in its column, ending ``foot_gap_em`` to ``foot_reach_em`` above it (params), if any:
    ``r`` continues that text there after a white gap, it does not start under a headline.  None if any
    block lies right above ``r`` in its column with less white between (a one-line block, a paragraph's last
    line split off): the text above runs on into ``r``, no gap sets it apart.  ``reach_em`` (default
    ``foot_reach_em``) widens the reach and ``min_lines`` (default 2) narrows the block above for a column
    joining a band whose text above ends short."""
    reach = PARAMS.foot_reach_em if reach_em is None else reach_em
    for o in regions:
        if o is not r and o.box.y0 < r.box.y0 and r.box.y0 - o.box.y1 < PARAMS.foot_gap_em * em \
                and x_overlap(o.box, r.box) > 0.5 * min(o.box.width, r.box.width):
            return None
    best = None
    for o in regions:
        if o is r or (o.article != r.article and not any_article) or o.type != BlockType.BODY:
            continue
        gap = r.box.y0 - o.box.y1
        if PARAMS.foot_gap_em * em <= gap <= reach * em and len(o.lines) >= min_lines \
                and x_overlap(o.box, r.box) > 0.5 * min(o.box.width, r.box.width):
            if best is None or o.box.y1 > best.box.y1:
                best = o
    return best


def _run_down(r: Region, regions: list[Region], em: float) -> list[Region]:
    """``r`` and the body blocks of its article that follow it down its column with less white between
    than ``foot_gap_em`` (a paragraph that starts right under a foot's first line is the foot's text too)."""
    run = [r]
    while True:
        last = run[-1]
        nxt = [o for o in regions if o.article == r.article and o.type == BlockType.BODY and o not in run
               and 0 <= o.box.y0 - last.box.y1 < PARAMS.foot_gap_em * em
               and x_overlap(o.box, last.box) > 0.5 * min(o.box.width, last.box.width)]
        if not nxt:
            return run
        run.append(min(nxt, key=lambda o: o.box.y0))


def _first(r: Region) -> Box:
    return min(r.lines, key=lambda s: s.box.y0).box


def _level(a: Box, b: Box, em: float) -> bool:
    """First lines ``a`` and ``b`` stand on the same line (on film): their tops or their bottoms agree within
    ``foot_level_em`` (a speck grows a line's box on one side only)."""
    tol = PARAMS.foot_level_em * em
    return abs(a.y0 - b.y0) <= tol or abs(a.y1 - b.y1) <= tol


def _foot_cut(o: Region, first: Box, em: float) -> int | None:
    """Where body block ``o`` leaves a blank line's white level with the line ``first`` (a foot's first line
    in the next column): the index of its first line under that white, if any (``foot_full_share``,
    ``foot_blank_share``, ``foot_speck_indent_em`` in params)."""
    lines = sorted(o.lines, key=lambda s: s.box.y0)
    full = [i for i, s in enumerate(lines) if s.box.width >= PARAMS.foot_full_share * o.box.width]
    if len(full) < PARAMS.foot_min_full_lines:
        return None
    whites = sorted(lines[j].box.y0 - lines[i].box.y1 for i, j in zip(full, full[1:]))
    lead = whites[len(whites) // 2]
    heights = sorted(lines[i].box.height for i in full)
    height = heights[len(heights) // 2]
    left = min(s.box.x0 for s in lines)
    for i, j in zip(full, full[1:]):
        if i == full[0] or not _level(lines[j].box, first, em):
            continue
        if lines[j].box.y0 - lines[i].box.y1 - lead < PARAMS.foot_blank_share * height:
            continue
        if any(s.box.x0 - left <= PARAMS.foot_speck_indent_em * em for s in lines[i + 1:j]):
            continue                        # a paragraph's last line between: text, not a blank line
        return j
    return None


def _foot_cuts(cand: list, regions: list[Region], cols: list[tuple[int, int]], em: float) -> list:
    """Candidates that film's grain kept uncut: beside each candidate, in the next column with no candidate
    level with it, a body block of that one column running on across its first line and leaving a blank
    line's white there (``_foot_cut``).  Returns (block, column, index of its first line under the white);
    the block is not cut here."""
    out, seen = [], set()
    for r, c, _ in cand:
        first = _first(r)
        for k in (c[0] - 1, c[1] + 1):
            if k < 0 or k >= len(cols) or any(t[1][0] <= k <= t[1][1] and _level(_first(t[0]), first, em)
                                              for t in cand):
                continue
            for o in regions:
                if id(o) in seen or any(t[0] is o for t in cand) or o.type != BlockType.BODY \
                        or o.article in (None, 0) or o.in_frame is not None or o.masthead \
                        or (o.cols if o.cols[0] >= 0 else columns_of(o.box, cols, em)) != (k, k) \
                        or not o.box.y0 < first.y0 - PARAMS.foot_gap_em * em or not o.box.y1 > first.y1:
                    continue
                j = _foot_cut(o, first, em)
                if j is not None:
                    seen.add(id(o))
                    out.append((o, k, j))
    return out


def attach_feet(regions: list[Region], cols: list[tuple[int, int]], em: float, orphans: set[int] = frozenset(),
                grain: bool = False, short_columns: bool = False) -> None:
    """Give the foot of an L-shaped article (``foot_*`` in params) to that article.  A body block that
    started an article of its own (no headline above it, ids in ``orphans``: the text above it ends more
    than a line's leading higher) may be part of a foot too, under text of any article.  On film (``grain``:
    layout.grain_joined_lines, the microfilm profile) first lines are level by their tops or their bottoms,
    and a block of the band's columns that runs on across the foot's first line with a blank line's white
    there (film's grain bridged it, ``_foot_cuts``) is cut there when its band holds a foot to give.  (On paper
    group_lines cut that white already: grain is what bridges it.)"""
    cand, short = [], []
    for r in regions:
        if r.type != BlockType.BODY or r.article in (None, 0) or r.in_frame is not None or r.masthead:
            continue
        c = r.cols if r.cols[0] >= 0 else columns_of(r.box, cols, em)
        above = _continued(r, regions, em, id(r) in orphans) if c[0] >= 0 else None
        if above is not None:
            cand.append((r, c, above))
        elif c[0] >= 0 and short_columns:
            # a column of the band whose text above ends short (a ragged column end: ec_003's middle column
            # ends 1.8 em above its neighbours') may join a band that starts in another column, not start one
            above = _continued(r, regions, em, id(r) in orphans,
                               PARAMS.foot_reach_em + PARAMS.foot_short_column_em, 1)
            if above is not None:
                short.append((r, c, above))
    # how much higher than the band's first column the text above a column may end (``short_columns``: horizontal
    # paper pages only, where foot_short_column_em was measured; film and turned vertical pages keep foot_tops_em)
    higher = (PARAMS.foot_tops_em + (PARAMS.foot_short_column_em if short_columns else 0.0)) * em
    cuts: dict[int, tuple[Region, Region]] = {}     # the lower part of a block to cut -> (the block, its upper part)
    for o, k, j in _foot_cuts(cand, regions, cols, em) if grain else []:
        lines = sorted(o.lines, key=lambda s: s.box.y0)
        upper, lower = (Region(union([s.box for s in part]), BlockType.BODY, part, (k, k), o.font, article=o.article)
                        for part in (lines[:j], lines[j:]))
        cuts[id(lower)] = (o, upper)
        cand.append((lower, (k, k), upper))
    # bands: chains of level candidates in neighbouring columns
    cand.sort(key=lambda t: t[1][0])
    used: set[int] = set()
    for i, (r, c, above) in enumerate(cand):
        if id(r) in used:
            continue
        band = [(r, c, above)]
        while True:
            last = band[-1]
            nxt = [t for t in cand + short if id(t[0]) not in used and t[1][0] == last[1][1] + 1
                   and (abs(t[0].box.y0 - band[0][0].box.y0) <= PARAMS.foot_level_em * em
                        or (grain and _level(_first(t[0]), _first(band[0][0]), em)))
                   and -higher <= t[2].box.y1 - band[0][2].box.y1 <= PARAMS.foot_tops_em * em]
            if not nxt:
                break
            band.append(min(nxt, key=lambda t: abs(t[0].box.y0 - band[0][0].box.y0)))
        arts = {t[0].article for t in band}
        own = [t for t in band if id(t[0]) not in orphans]     # blocks continuing their own article's text
        if len(arts) < 2 or not own:
            continue
        for t in band:
            used.add(id(t[0]))
        for t in band:                      # a block film's grain kept whole: cut it at the foot's white
            if id(t[0]) in cuts:
                o, upper = cuts[id(t[0])]
                o.lines, o.box = upper.lines, upper.box
                t[0].trace = o.trace + [f"cut from the block above at a blank line's white level with an L-shaped "
                                        f"article's foot in the next column (layout px y={t[0].box.y0})"]
                t[0].in_frame, t[0].vertical = o.in_frame, o.vertical
                regions.append(t[0])
        width: dict[int, int] = {}
        for t in own:
            width[t[0].article] = width.get(t[0].article, 0) + t[1][1] - t[1][0] + 1
        most = max(width.values())
        owner = max((t for t in own if width[t[0].article] == most), key=lambda t: t[1][1])[0].article
        for t in band:
            if t[0].article == owner:
                continue
            old = t[0].article
            # an orphan started its article: the text that continued it below goes with it
            moved = [r for r in regions if r.article == old] if id(t[0]) in orphans else _run_down(t[0], regions, em)
            for r in moved:
                r.article = owner
                r.trace.append("article: the foot of an L-shaped article, level with its text in the next "
                               "column(s) (read after that article's upper part)")
