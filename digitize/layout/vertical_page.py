"""Pages set top to bottom (vertical-rl: older Chinese, Taiwanese and Hong Kong papers) as a layout of their own.

A vertical page is a horizontal page turned a quarter: tiers (段) stacked top to bottom are what columns are on
a horizontal page, articles right to left within a tier are what articles top to bottom within a column are,
and a vertical article's body continuing into the next tier is a body continuing into the next column.  So the
page is analysed by the horizontal layout on the working image turned a quarter counter-clockwise (the page's
right edge on top), with vertical-text detection on: what is horizontal on the page (a banner headline over
vertical articles, a horizontal masthead, captions under pictures) is vertical there and found as such.  The
blocks come back in the page's own frame (the Transform of the turned frame is composed with the page's),
every line of vertical text a top-to-bottom column.

Articles and reading order are then decided on the page itself (:func:`order_vertical`), by the print's rules:
a headline heads what stands to its left in its tier up to the next vertical rule or headline; a banner
headline heads what stands under it, but for a column its own vertical headline stands right beside; a body
with no headline beside it continues the article above it (a tier continuation); columns no headline starts
standing side by side in their tier are one article, its start the rightmost; the masthead comes first;
articles are read by recursive cuts: a cut down the page (right part first) before a cut across (top part
first); inside an article, the banner, then headline, subhead and byline right to left, then the body tier by
tier, each tier right to left, then pictures with their captions.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, NamedTuple, Optional

import numpy as np

from ..config import LayoutSettings
from ..deskew import text_components
from ..geometry import Box, Transform
from ..model import Article, Block, BlockType, Line, Page, Scan, Separator
from ..orientation import line_direction, run_direction
from .components import component_stats
from .order import cut_groups
from .params import DEFAULT as PARAMS
from .pictures import grow_over_pieces, photo_piece, tone_level
from .regions import y_overlap
from .separators import one_picture

# A page is vertical when clearly more of the ink of its lines of body type runs down the page than across it
# (orientation.run_direction: -1 all down, +1 all across).  Measured at main 885901b on every page of the seen
# and earlier fresh sets (473 pages): the 96 vertical pages -1.00..-0.61 (vertical 7 vz_003: photos, a banner
# and captions across), the 180 browser pages -0.12..+1.00 (browser 15 bh_003 and browser 35 bf_003: a
# vertical article beside horizontal ones, read by the horizontal layout), the 66 microfilm pages +0.26..+1.00,
# the 128 synth, dev and real pages +0.91..+1.00.  The threshold stands midway between the two sources' ends.
VERTICAL_PAGE_RUNS = -0.37
# The runs measure a page only where they hold a fair share of its ink: 0.24-0.80 on the vertical pages,
# 0.25 and more on every other page but one microfilm page (microfilm 8 ma_005: 0.004, its lines swollen by
# grain into blobs thicker than a line, where a ratio of next to nothing can come out either way).  Under
# RUN_MIN_SHARE (half the vertical pages' least) the smear score decides alone, as before: vertical at
# VERTICAL_PAGE_SCORE (orientation.line_direction, -1 all vertical, +1 all horizontal; vertical pages up to
# -0.295 there: vertical 10 vr_006, read as a horizontal page at that threshold, -0.309, -0.332).
RUN_MIN_SHARE = 0.12
VERTICAL_PAGE_SCORE = -0.3
# A "vertical" block whose columns are no taller than this many times their width, at least ROW_MIN_CHARS of
# them, is horizontal text cut into one column per character (rejoin_rows).
ROW_CELL_ASPECT = 1.6
ROW_MIN_CHARS = 3
# Pieces of one horizontal line stand at most this many line heights apart and are no taller than this many
# times the line (join_row_pieces).
ROW_PIECE_GAP = 1.5
ROW_PIECE_HEIGHT = 1.2
# ... and level with it: their rows overlap over ROW_PIECE_LEVEL of the piece's height (b13e1a0; fitted on the
# vertical dev pages, no page named).
ROW_PIECE_LEVEL = 0.6
# A vertical rule stands between two columns when it runs along over VRULE_ALONG of their rows (5e930a1, the
# first vertical page layout; a rule's piece beside a headline is shorter; fitted, no page named).
VRULE_ALONG = 0.3
# A straight cut down through tiers: every band's text edge lines up, except that of CUT_STANDOFF_BANDS or more
# bands one may stand off (a photo whose box takes in the gutter's rule; 6426ff4, vertical 19 vi_002).
CUT_STANDOFF_BANDS = 3
# Blocks beside (or over) each other may overlap by BOX_OVERLAP_EM and still stand "beside" (a speck or a
# comma's tail grows a line's box; 5e930a1 and later rules of the vertical page layout; fitted on the
# vertical dev pages, no page named).  So a block stands between two others (head_side, _body_between:
# 079d465, 387b86c) and a vertical rule between two blocks (_vrule_between's sides in assign_articles: 5e930a1,
# 84ade21, f12b52b, f871b95) with each side taken BOX_OVERLAP_EM into the box beside it.
BOX_OVERLAP_EM = 0.5
# Columns of one vertical headline: tops within HEAD_COLUMN_TOP column widths, at most HEAD_COLUMN_GAP column
# widths apart (line height 1.1-1.3), widths within a factor HEAD_COLUMN_WIDTHS (join_headline_columns).
HEAD_COLUMN_TOP = 0.5
HEAD_COLUMN_GAP = 0.5
HEAD_COLUMN_WIDTHS = 1.3
# Tiers start level: blocks of one tier (headline, body, picture of neighbouring articles) have their tops
# within this many body ems of each other; the next tier starts a tier height (12-22 em) lower.
TIER_TOP_EM = 2.0
# A vertical headline that starts higher than a block stands in the block's tier (_in_tier) where it runs on
# down beside the block's top by this many ems at least: a headline is a whole tier tall (12-22 em) or nearly,
# one of the tier above ends a rule's width (about an em) above the block's top.
HEAD_RUNS_BESIDE_EM = 1.0
# A body continues the article above it when its sides are where that article's are (same cell of the
# page's grid, one tier lower), within this many ems.
CONTINUATION_SIDE_EM = 2.0
# ... and it does so before it is taken for the next columns of a body beside it (BESIDE_GAP_EM) when both its
# sides stand within this many ems of that article's sides (articles of two strips of tiers can stand half an
# em apart with no rule between; a body split at a short column fills only part of the cell above it).
CONTINUATION_EXACT_EM = 1.0
# ... except on its left side: a tier's columns start at the cell's right edge and stop where the next column
# no longer fits, so the last column of two tiers of one cell stands up to one column pitch apart (the first
# tier's columns start left of the headline, the next tier's at the edge): the left sides may differ by the
# page's column pitch (_column_pitch; vertical 15 vp_006: a continuation 1.1 em wider on the left than the
# tier above, joined to the body beside it instead).
# A body whose right side stands within this many ems of a body or headline (columns 0.2-0.5 em apart, articles
# 1-2 em apart or a rule between) is that block's next columns.
BESIDE_GAP_EM = 0.8
# A body whose right side stands within this many ems of a headline with its top level (a headline's body
# starts 0.5-1 em to its left) is that headline's body, even where it stands where the article of the tier
# above would continue.
HEAD_BESIDE_EM = 1.5
# A rule across the page cuts the columns of a block it runs through (cut_at_rules) when it runs across this
# share of the block's width and stands this many ems inside its top and bottom (a tier is 12-22 em tall).
RULE_CUT_SHARE = 0.5
RULE_CUT_EM = 1.0
# A "line" this many body ems wide and tall is a picture taken for huge type (a masthead title character is
# 3-8 em, a banner 2-3 em tall); a speck under SPECK_EM across is dust (split_picture_lines).
PICTURE_LINE_EM = 12.0
SPECK_EM = 0.8
# ... so is a "line" PICTURE_TONED_LINE_EM ems wide and tall whose box is toned (darker than the paper) over
# params.photo_piece_toned_share of it: a pale photo's lighter part, 10.8 x 15.5 em (vertical 8 va_005).
# Type is smaller: the largest glyphs on the seen vertical pages, masthead title characters, stand at most
# 8.2 em, a heavy page's blurred one toned over 0.90 of its box (va_002).
PICTURE_TONED_LINE_EM = 9.0
# A line of a text block within params.photo_piece_gap_em of a picture (the white between a photo and its
# caption or the column beside it is a quarter to a full line) that is a pale piece of the photo
# (pictures.photo_piece: darker than the paper nearly all over) goes into the picture (absorb_photo_lines).
# A row or column across a photo is toned nearly all along (0.9 on vertical seed 3's vw_006, a pale photo);
# one through text under it (a caption) about half (0.4-0.6: ink and the paper between): a grown picture
# ends where its rows stop being mostly toned (pictures.grow_pictures uses the same share).
PHOTO_EDGE_TONED = 0.6
# ... measured first over bands this many body ems across: a single pixel column through a column of dense type
# on mottled paper can be toned along 0.6 of it (browser 49 cn_003: a pale photo and the whole vertical article
# beside it taken for one huge "line"), a band an em across through text is toned about half at most.
PHOTO_EDGE_BAND_EM = 1.0
# A text line lying this share of its area inside a picture is the picture's texture (drop_picture_texture).
PICTURE_TEXTURE_SHARE = 0.6
# A "line" thinner than this many body ems lying along a picture's edge (within photo_piece_gap_em) is the
# picture's border or edge, not type: a row or column of characters is at least 0.6 em thick even in a caption.
PICTURE_EDGE_EM = 0.4
# A caption's first row starts within CAPTION_GAP_EM body ems of its picture's bottom, a second row at most
# CAPTION_ROW_EM under it; its rows (or the one-character pieces the turned layout made of them) are at most
# CAPTION_ROW_EM tall (captions are set at 0.85 em; a column of two characters or more is taller).
CAPTION_GAP_EM = 1.0
CAPTION_ROW_EM = 1.5
# A row across set in body type or smaller (its measured type size; captions are 0.85 em, a banner 2-3 em)
# there is a caption row however tall its box came out (a skewed row's box is taller than the row).
CAPTION_TYPE_EM = 1.0
# A whole block of at least ROW_MIN_CHARS "columns" starting right under a picture and at most this many ems
# tall is a caption of two rows (each of its columns one character of each row).
CAPTION_BLOCK_EM = 3.2
# A banner headline heads what starts within this many ems under it.
BANNER_GAP_EM = 4.0
# The masthead: everything above a rule across this share of the page's width that lies in the top
# MAST_TOP of the page; or a frame in the top right corner holding type this many body ems large (the title).
MAST_RULE_WIDTH = 0.6
MAST_TOP = 0.2
MAST_TITLE_EM = 2.5
# A block the turned layout took for the masthead elsewhere is a headline from this size (ems) up.
MAST_HEADLINE_EM = 1.3
# Two article boxes overlapping by less than this many ems still allow a cut between them (deskew residue).
CUT_TOLERANCE_EM = 0.8
# A masthead boxed in the top right corner (narrower than MAST_BAND_WIDTH of the page) heads the band of
# tiers beside it: that band, cut across the whole page under the masthead, is read before the page under
# it, even where a cut down the whole page lines up by chance with a gutter of the band (vertical seed 13
# vm_000: the band's gutter at 2008-2055 px and the gutter under it at 2055-2086 px met within the
# tolerance, and the articles under the masthead were read before those beside it).
MAST_BAND_WIDTH = 0.5
# Where no cut is clean, article boxes reaching into a neighbour by up to this share of their own size (a
# stray piece or picture texture given to the wrong article) are cut through (cut_order).
SOFT_CUT_SHARE = 0.1

_HEADS = (BlockType.HEADLINE, BlockType.SUBHEAD, BlockType.BYLINE)
# A byline is a name and a place, at most about ten characters ("本報記者 艾尼瓦", "中央社記者 蘭紅光": 6-9 em
# measured on the seen vertical pages). A "byline" column of body type longer than BYLINE_MAX_EM that stands
# among a body's columns or right beside them is a body column the turned layout cut off its body (a
# paragraph's first column, indented, or the body's last column): vertical 8 va_002's were 19-23 em long
# (join_column_pieces; where it joins no body it stays a byline).
BYLINE_MAX_EM = 12.0
# A body piece overlapping a body's columns and lying within its tier (within PIECE_TIER_EM ems of its top
# and bottom: deskew residue) is one of its columns cut off it (join_column_pieces): a paragraph's short last
# column or its first, indented, column that the turned layout made a block of its own, read after the whole
# body or in a tier of its own.  A piece whose columns are wider than PIECE_WIDTH times the body's (headline
# type) is no such column.  A "headline" whose columns are no wider is set in body type (own_headline in
# assign_articles: no headline that takes a column from the banner over it).
PIECE_TIER_EM = 1.0
PIECE_WIDTH = 1.3
# ... and a one-column piece standing right beside a body, as far from its first column as the body's
# columns stand apart (their median gap) and at most PIECE_GAP_SLACK_EM more, no rule between, joins it when
# its column is longer than a byline (BYLINE_MAX_EM): a paragraph's first column, set two characters lower,
# that the turned layout left out of its body (vertical dev vt_007, vertical 8 va_002, vertical 11 vu_004:
# 0.1-0.5 em from it, the body's own gaps 0.3-0.5 em).  A byline stands right of its body as close; the body
# of another article beside it, no rule between, can stand 0.75 em away (fresh vertical 19 vi_007, its
# columns 0.35 em apart).
PIECE_GAP_SLACK_EM = 0.25
# A subhead or byline column of body type lying wholly inside a body's box (between its first and last
# columns) is a piece of one of its columns too: heads stand beside their body, right of it (vertical 8
# va_002: a body's first column cut in two pieces typed subhead, read after the whole body).
PIECE_HEADS = (BlockType.SUBHEAD, BlockType.BYLINE)
# assign_articles' notes (the blocks' trace, and what order_vertical asks of them): a block no rule gave an
# article, and a column joined to the one right beside it in a run of columns no headline starts
OWN = "an article of its own"
RUN_NEXT = "the next columns of the block right beside it, in a run of columns no headline starts"


def page_is_vertical(binary: np.ndarray) -> tuple[bool, dict[str, float]]:
    """(vertical?, the measures it was decided by) of the upright layout binary: the run score where the runs
    hold RUN_MIN_SHARE of the ink, else the smear score; either way the loose characters lean down the page
    (the smear score is below 0: on no seen page do runs and characters disagree so)."""
    comps = text_components(binary)
    lines, smear = line_direction(binary, comps)
    runs, share = run_direction(binary, comps)
    if share >= RUN_MIN_SHARE:
        vertical = runs <= VERTICAL_PAGE_RUNS and smear < 0
    else:
        vertical = lines == "v" and smear <= VERTICAL_PAGE_SCORE
    return vertical, {"run_direction_score": round(runs, 3), "run_share": round(share, 3),
                      "line_direction_score": round(smear, 3)}


def analyse_turned(page: Page, scan: Scan, settings: LayoutSettings,
                   analyse: Callable[..., Page]) -> Page:
    """Run the horizontal layout ``analyse`` on the page turned a quarter counter-clockwise and bring its
    blocks back: text that runs top to bottom on the page is vertical, what runs across is horizontal."""
    work = scan.work if scan.work is not None else scan.gray
    h, w = work.shape[:2]
    m = np.vstack([np.array(page.transform.matrix, dtype=np.float64), [0.0, 0.0, 1.0]])
    quarter = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, float(w)], [0.0, 0.0, 1.0]])   # (x, y) -> (y, w - x)
    t = quarter @ m
    turned_page = dataclasses.replace(
        page, transform=Transform(tuple(tuple(float(v) for v in row) for row in t[:2]), (h, w)),
        blocks=[], separators=[], articles=[], steps=[], warnings=[], timings={})
    turned = Scan(scan.original, scan.gray, np.ascontiguousarray(np.rot90(work)),
                  np.ascontiguousarray(np.rot90(scan.binary)))
    turned.binary_scale = turned.binary.shape[1] / h
    inner = dataclasses.replace(settings, detect_vertical=True, writing_mode="horizontal")
    turned_page = analyse(turned_page, turned, inner, turned=True)
    for b in turned_page.blocks:
        b.vertical = not b.vertical
        for ln in b.lines:
            ln.vertical = not ln.vertical
            ln.indent = False
        b.trace.append("vertical page: laid out turned a quarter counter-clockwise (tiers as columns)")
    for sep in turned_page.separators:
        sep.orientation = "v" if sep.orientation == "h" else "h"
    page.blocks, page.separators = turned_page.blocks, turned_page.separators
    page.warnings.extend(turned_page.warnings)
    step = turned_page.steps[-1]
    step.settings = {**step.settings, "writing_mode": "vertical", "turned": "90 ccw (tiers as columns)"}
    page.steps.append(step)
    em = _em(page)
    for b in page.blocks:
        if b.type == BlockType.CAPTION and b.vertical:
            # captions on a vertical page run across under their picture; a column beside one is a headline
            b.type = BlockType.HEADLINE if (b.font_size_px or 0) >= MAST_HEADLINE_EM * em else BlockType.BODY
            b.caption_of = None
            b.trace.append(f"vertical page: a column beside a picture, retyped {b.type.value}")
    toned, margin = _tone(scan.work) if scan.work is not None else (None, 0.0)
    step.settings["picture_lines_split_off"] = split_picture_lines(page, toned)
    step.settings["columns_cut_at_rules"] = cut_at_rules(page)
    step.settings["bodies_cut_at_rule_breaks"] = cut_at_rule_breaks(page)
    if scan.work is not None:
        step.settings["photo_lines_absorbed"] = absorb_photo_lines(page, scan.work, toned, margin)
    rows = sum(rejoin_rows(page, b) for b in page.blocks if b.type.is_text)
    step.settings["horizontal_rows_rejoined"] = rows
    step.settings["horizontal_pieces_joined"] = join_row_pieces(page)
    step.settings["headline_columns_joined"] = join_headline_columns(page)
    step.settings["picture_texture_lines_dropped"] = drop_picture_texture(page)
    step.settings["rows_cut_between_pictures"] = cut_rows_between_pictures(page)
    step.settings["captions_under_pictures"] = captions_under_pictures(page)
    if toned is not None:
        step.settings["short_columns_found"] = short_columns(page, toned)
    step.settings["column_pieces_joined"] = join_column_pieces(page)
    order_vertical(page)
    return page


def cut_at_rules(page: Page) -> int:
    """Columns of body text running through a rule across the page (the rule between two tiers of one
    article, where the turned layout joined each column of one tier with the one under it) are cut at the
    rule, and their block in a part above and a part below it.  A rule cuts a block when it runs across at least
    RULE_CUT_SHARE of the block's width and stands RULE_CUT_EM inside its top and bottom.  It cuts only the
    columns it runs under (params.rule_cut_column_share; the pieces of a rule drawn in pieces at one height,
    within params.rule_piece_level_em, count together): a column beside the rule's end is another article's,
    standing next to the tier whose rule it is (the turned layout joined it to that tier's body across a narrow
    gutter), and goes whole with the part its middle stands in.  A block no rule parts so (every line on one side
    of it) is tried with the next rule down.  Returns the columns cut."""
    em_work = _em(page) * _work_scale(page)
    rules = [_work_box(page, s.box, s.polygon) for s in page.separators if s.orientation == "h" and s.kind != "frame"]
    level = PARAMS.rule_piece_level_em * em_work
    cut = 0
    todo = [b for b in page.blocks if b.type == BlockType.BODY and b.vertical]
    while todo:
        b = todo.pop(0)
        wb = _work_box(page, b.box, b.polygon)
        across = sorted((r for r in rules if min(r.x1, wb.x1) - max(r.x0, wb.x0) >= RULE_CUT_SHARE * wb.width
                         and wb.y0 + RULE_CUT_EM * em_work < r.cy < wb.y1 - RULE_CUT_EM * em_work),
                        key=lambda r: r.cy)
        if not across:
            continue
        tried = [_cut_lines(page, b, r, [q for q in rules if abs(q.cy - r.cy) <= level], em_work) for r in across]
        k = next((i for i, (above, below, _) in enumerate(tried) if above and below), None)
        if k is None:
            above, below, n = tried[0]                # no rule parts the block: as the first one leaves it
            b.lines = above + below
            cut += n
            continue
        above, below, n = tried[k]
        r = across[k]
        cut += n
        for blk, lines in ((b, above), (dataclasses.replace(b, id=f"{b.id}r", lines=below, trace=list(b.trace)), below)):
            blk.lines = lines
            blk.box, blk.polygon = page.transform.box_to_original(
                Box.union_all(_work_box(page, ln.box, ln.polygon) for ln in lines), page.width, page.height)
            if blk is not b:
                page.blocks.insert(page.blocks.index(b) + 1, blk)
                todo.append(blk)
            blk.trace.append(f"vertical page: cut at the rule across it at work y={r.cy} "
                             f"({'above' if blk is b else 'below'} it)")
    return cut


def _cut_lines(page: Page, b: Block, r: Box, pieces: list[Box], em_work: float) -> tuple[list[Line], list[Line], int]:
    """``b``'s lines above and below the rule ``r`` (``pieces``: the rules at its height, ``r`` among them), each
    column the rule's pieces run under cut in a piece above and a piece below it; a column they run under less
    than params.rule_cut_column_share of its width goes whole with the side its middle stands on.  Returns the
    lines above, those below and the columns cut."""
    above: list[Line] = []
    below: list[Line] = []
    cut = 0
    for ln in b.lines:
        wl = _work_box(page, ln.box, ln.polygon)
        under = sum(max(0.0, min(q.x1, wl.x1) - max(q.x0, wl.x0)) for q in pieces)
        if under < PARAMS.rule_cut_column_share * wl.width:
            (above if wl.cy < r.cy else below).append(ln)      # beside the rule's end: not its tier's
        elif wl.cy < r.cy and wl.y1 <= r.cy + RULE_CUT_EM * em_work:
            above.append(ln)
        elif wl.cy >= r.cy and wl.y0 >= r.cy - RULE_CUT_EM * em_work:
            below.append(ln)
        else:                                         # through the rule: a piece above, a piece below
            for part, y0, y1 in ((above, wl.y0, r.y0), (below, r.y1, wl.y1)):
                if y1 - y0 >= RULE_CUT_EM * em_work:
                    box, poly = page.transform.box_to_original(Box(wl.x0, y0, wl.x1, y1), page.width,
                                                               page.height)
                    part.append(dataclasses.replace(ln, id=ln.id if part is above else f"{ln.id}r",
                                                    box=box, polygon=poly, words=[]))
            cut += 1
    return above, below, cut


def cut_at_rule_breaks(page: Page) -> int:
    """A vertical body whose columns stand under two pieces of the rule over its top, the break between two
    neighbouring columns, is cut there (params.rule_over_em): the rule over a tier is drawn over each of its
    articles and stops at the gutter between two, so the columns right of the break are one article's and
    those left of it another's (two articles' continuation columns that the turned layout took for one body).
    Returns the cuts made."""
    em_work = _em(page) * _work_scale(page)
    rules = [_work_box(page, s.box, s.polygon) for s in page.separators if s.orientation == "h" and s.kind != "frame"]
    slack = PARAMS.rule_break_slack_em * em_work
    cuts = 0
    for b in [b for b in page.blocks if b.type == BlockType.BODY and b.vertical and len(b.lines) >= 2]:
        cols = sorted(((_work_box(page, ln.box, ln.polygon), ln) for ln in b.lines), key=lambda t: -t[0].cx)
        top = min(w.y0 for w, _ in cols)
        over = [r for r in rules if top - PARAMS.rule_over_em * em_work <= r.cy <= top + PARAMS.rule_over_inside_em * em_work]

        def piece(w: Box) -> Optional[Box]:
            return next((r for r in over if min(r.x1, w.x1) - max(r.x0, w.x0) >= 0.5 * w.width), None)

        parts: list[list[tuple[Box, Line]]] = [[cols[0]]]
        for (wp, _), (wq, lq) in zip(cols, cols[1:]):
            rp, rq = piece(wp), piece(wq)
            if (rp is not None and rq is not None and rp is not rq
                    and rq.x1 <= wp.x0 + slack and rp.x0 >= wq.x1 - slack):
                parts.append([])                        # the rule breaks between the two columns
            parts[-1].append((wq, lq))
        if len(parts) == 1:
            continue
        lines = list(b.lines)
        blocks = []
        for k, part in enumerate(parts):
            keep = {id(ln) for _, ln in part}
            blk = b if k == 0 else dataclasses.replace(b, id=f"{b.id}k{k}", trace=list(b.trace))
            blk.lines = [ln for ln in lines if id(ln) in keep]
            blk.box, blk.polygon = page.transform.box_to_original(Box.union_all(w for w, _ in part), page.width,
                                                                  page.height)
            blk.trace.append(f"vertical page: cut where the rule over its top breaks between two columns "
                             f"(part {k + 1} of {len(parts)}, right to left)")
            blocks.append(blk)
        i = page.blocks.index(b)
        page.blocks[i + 1:i + 1] = blocks[1:]
        cuts += len(parts) - 1
    return cuts


def split_picture_lines(page: Page, toned: Optional[np.ndarray] = None) -> int:
    """A "line" of a text block at least PICTURE_LINE_EM body ems wide and tall is a picture the turned layout
    took for a line of huge type (a pale photo): it becomes a picture block of its own, and the block keeps
    its other lines (often a banner cut into characters beside it) with its type size measured again.
    Specks (under SPECK_EM in both directions) are dropped from such a block too.  Returns the pictures made."""
    em_work = _em(page) * _work_scale(page)
    made = 0
    for b in [b for b in page.blocks if b.type.is_text]:
        work = [_work_box(page, ln.box, ln.polygon) for ln in b.lines]
        big = [i for i, w in enumerate(work) if min(w.width, w.height) >= PICTURE_LINE_EM * em_work
               or (toned is not None and min(w.width, w.height) >= PICTURE_TONED_LINE_EM * em_work
                   and float(toned[w.y0:w.y1, w.x0:w.x1].mean()) >= PARAMS.photo_piece_toned_share)]
        if not big:
            continue
        for k, i in enumerate(big):
            ln = b.lines[i]
            pic = _shrink_to_tone(work[i], toned, em_work) if toned is not None else work[i]
            box, poly = page.transform.box_to_original(pic, page.width, page.height)
            page.blocks.append(Block(f"{b.id}p{k}", BlockType.PICTURE, box, poly,
                                     trace=[f"vertical page: line {ln.id} of {b.id}, {work[i].width / em_work:.0f} x "
                                            f"{work[i].height / em_work:.0f} em, is a picture, not a line of type"]))
        keep = [i for i in range(len(b.lines)) if i not in big
                and max(work[i].width, work[i].height) >= SPECK_EM * em_work]
        b.trace.append(f"vertical page: {len(big)} picture(s) and {len(b.lines) - len(big) - len(keep)} speck(s) "
                       f"split off")
        made += len(big)
        if not keep:
            page.blocks.remove(b)
            continue
        b.lines = [b.lines[i] for i in keep]
        b.box, b.polygon = page.transform.box_to_original(Box.union_all(work[i] for i in keep), page.width,
                                                          page.height)
        sizes = [ln.font_size_px for ln in b.lines if ln.font_size_px]
        b.font_size_px = float(np.median(sizes)) if sizes else None
    return made


def _tone(work: np.ndarray) -> tuple[np.ndarray, float]:
    """(pixels of the gray working image darker than the paper, the paper's noise margin) as
    pictures.toned_mask / absorb_photo_pieces measure them, the levels taken from every 4th pixel each way
    (the same percentiles at a sixteenth of the cost on a full-resolution page)."""
    sample = work[::4, ::4]
    level = tone_level(sample)
    return work < level, float(np.percentile(sample, PARAMS.paper_level_percentile)) - level


def absorb_photo_lines(page: Page, work: np.ndarray, toned: np.ndarray, margin: float) -> int:
    """Pictures grown over the lines of text blocks that are pale pieces of them (pictures.absorb_photo_pieces'
    test, line by line on the gray working image ``work``, ``toned`` and ``margin`` from _tone): a pale photo that the turned layout read as huge
    type leaves its lighter edges as "columns" beside and under the picture split_picture_lines made of it,
    and they break the tier they stand in.  drop_picture_texture then drops the lines the pictures now hold.
    Returns the lines absorbed."""
    join_overlapping_pictures(page)
    pics = [b for b in page.blocks if b.type == BlockType.PICTURE]
    if not pics:
        return 0
    em_work = _em(page) * _work_scale(page)
    boxes = [_work_box(page, p.box, p.polygon) for p in pics]
    lines = [_Piece(_work_box(page, ln.box, ln.polygon)) for b in page.blocks
             if b.type.is_text and b.type != BlockType.MASTHEAD for ln in b.lines]
    gap = PARAMS.photo_piece_gap_em * em_work
    grown = grow_over_pieces(boxes, lines, lambda ln: ln.box,
                             lambda p, q: max(q.x0 - p.x1, p.x0 - q.x1, q.y0 - p.y1, p.y0 - q.y1) <= gap,
                             lambda q, pics: photo_piece(work, toned, q, pics, em_work, margin))
    absorbed = 0
    for pic, old, new in zip(pics, boxes, grown):
        if new == old:
            continue
        new = _trim_to_tone(new, old, toned)
        absorbed += sum(1 for ln in lines if new.intersection(ln.box) == ln.box.area > old.intersection(ln.box))
        pic.box, pic.polygon = page.transform.box_to_original(new, page.width, page.height)
        pic.trace.append(f"vertical page: grown over the pale pieces of the photo beside it ({old} -> {new}, "
                         f"work frame)")
    return absorbed


def join_overlapping_pictures(page: Page) -> int:
    """Overlapping pictures that are pieces of one (separators.one_picture, ``picture_join_fill``: a pale
    photo split_picture_lines made a picture of beside the dark part the turned layout found) become one
    picture block.  Returns the joins made."""
    joins = 0
    while True:
        pics = [b for b in page.blocks if b.type == BlockType.PICTURE]
        work = {b.id: _work_box(page, b.box, b.polygon) for b in pics}
        pair = _first_pair(pics, pics, lambda a, b: work[a.id].intersection(work[b.id]) > 0
                           and one_picture(work[a.id], work[b.id], PARAMS.picture_join_fill))
        if pair is None:
            return joins
        a, b = pair
        old = work[a.id]
        a.box, a.polygon = page.transform.box_to_original(old.union(work[b.id]), page.width, page.height)
        a.trace.append(f"vertical page: joined with picture {b.id} over it (one picture, {old} -> "
                       f"{old.union(work[b.id])}, work frame)")
        page.blocks.remove(b)
        joins += 1


def _shrink_to_tone(box: Box, toned: np.ndarray, em: float) -> Box:
    """``box`` with each side moved in over the rows / columns not mostly toned (PHOTO_EDGE_TONED): a huge
    "line" may be a photo with the text beside it that the line finder swallowed (a row through text is
    toned about half at most).  Only the edges move: a pale patch inside a photo does not cut it.  A side
    first moves in over every band PHOTO_EDGE_BAND_EM ``em`` wide not mostly toned (one pixel row or column
    through a column of text can be toned all along, where type is dense on a mottled paper), then pixel by
    pixel; the sides are moved again until none moves, each time measured along what the others left."""
    x0, y0, x1, y1 = max(0, box.x0), max(0, box.y0), min(toned.shape[1], box.x1), min(toned.shape[0], box.y1)
    band = max(1, int(round(PHOTO_EDGE_BAND_EM * em)))
    while True:
        before = (x0, y0, x1, y1)
        y0, y1 = _shrink_span(toned[y0:y1, x0:x1].mean(axis=1), y0, band)
        x0, x1 = _shrink_span(toned[y0:y1, x0:x1].mean(axis=0), x0, band)
        if (x0, y0, x1, y1) == before:
            return Box(x0, y0, x1, y1)


def _shrink_span(profile: np.ndarray, start: int, band: int) -> tuple[int, int]:
    """(first, end) of the span of ``profile`` (toned shares of the rows or columns from ``start`` on) left
    when each end moves in while the ``band`` next to it is not mostly toned, then while the single one is not."""
    lo, hi = 0, len(profile)
    sums = np.concatenate([[0.0], np.cumsum(profile)])
    while hi - lo > band and (sums[hi] - sums[hi - band]) / band < PHOTO_EDGE_TONED:
        hi -= 1
    while hi - lo > band and (sums[lo + band] - sums[lo]) / band < PHOTO_EDGE_TONED:
        lo += 1
    while hi - lo > 1 and profile[hi - 1] < PHOTO_EDGE_TONED:
        hi -= 1
    while hi - lo > 1 and profile[lo] < PHOTO_EDGE_TONED:
        lo += 1
    return start + lo, start + hi


def _trim_to_tone(new: Box, old: Box, toned: np.ndarray) -> Box:
    """``new`` (grown from ``old``) with each grown side moved back over the rows / columns not mostly toned
    (PHOTO_EDGE_TONED): a piece may hold the first characters of the caption under the photo too."""
    x0, y0, x1, y1 = new.x0, new.y0, new.x1, new.y1
    while y1 > old.y1 and toned[y1 - 1, x0:x1].mean() < PHOTO_EDGE_TONED:
        y1 -= 1
    while y0 < old.y0 and toned[y0, x0:x1].mean() < PHOTO_EDGE_TONED:
        y0 += 1
    while x1 > old.x1 and toned[y0:y1, x1 - 1].mean() < PHOTO_EDGE_TONED:
        x1 -= 1
    while x0 < old.x0 and toned[y0:y1, x0].mean() < PHOTO_EDGE_TONED:
        x0 += 1
    return Box(x0, y0, x1, y1)


@dataclasses.dataclass
class _Piece:
    box: Box


def rejoin_rows(page: Page, block: Block) -> int:
    """A block of horizontal text on the vertical page (a caption under a picture, a one-line banner) that the
    turned layout cut into one "column" per character: its character boxes, squares side by side, are
    joined again into horizontal lines, one per row.  Returns the number of rows made (0: left alone)."""
    lines = block.lines
    if len(lines) < ROW_MIN_CHARS or not all(ln.vertical for ln in lines):
        return 0
    work = [Box.around(page.transform.to_work(ln.polygon or ln.box.corners())) for ln in lines]
    if float(np.median([b.height / max(1, b.width) for b in work])) > ROW_CELL_ASPECT:
        return 0                                          # real columns: taller than wide
    # rows by the middles of the cells, half a cell's height apart: the cells' median height, not the first
    # cell's (a flat 一 or a dot, a fifth of a character high, starts a row of its own next to its neighbours:
    # vertical 22 vk_004's banner 其中國家重點風景名勝區一一九個 was left as fifteen columns)
    cell = float(np.median([b.height for b in work]))
    rows: list[list[int]] = []
    for i in sorted(range(len(work)), key=lambda i: work[i].cy):
        if rows and work[i].cy - work[rows[-1][0]].cy <= 0.5 * cell:
            rows[-1].append(i)
        else:
            rows.append([i])
    if any(len(r) < 2 for r in rows) and len(rows) > 1:
        return 0
    new = []
    for r in rows:
        wb = Box.union_all(work[i] for i in r)
        box, poly = page.transform.box_to_original(wb, page.width, page.height)
        sizes = [lines[i].font_size_px for i in r if lines[i].font_size_px]
        new.append(Line(lines[r[0]].id, box, poly, font_size_px=float(np.median(sizes)) if sizes else None))
    block.lines = new
    block.vertical = False
    block.trace.append(f"vertical page: {len(lines)} one-character columns side by side rejoined into "
                       f"{len(new)} horizontal line(s)")
    return len(new)


def join_row_pieces(page: Page) -> int:
    """One-line horizontal blocks in one row with less than ROW_PIECE_GAP line heights between them are one
    line (a banner headline the turned layout broke at its wide letter spacing).  Returns the joins made."""
    joins = 0
    while True:
        cand = [b for b in page.blocks if b.type.is_text and len(b.lines) == 1]
        work = {b.id: _work_box(page, b.box, b.polygon) for b in cand}

        def pieces(a: Block, b: Block) -> bool:
            wa, wb = work[a.id], work[b.id]
            if wb.height > ROW_PIECE_HEIGHT * wa.height:
                return False       # a piece of the row is no taller than it (a real column is)
            over = min(wa.y1, wb.y1) - max(wa.y0, wb.y0)
            gap = max(wb.x0 - wa.x1, wa.x0 - wb.x1)
            return over >= ROW_PIECE_LEVEL * wb.height and gap <= ROW_PIECE_GAP * wa.height

        pair = _first_pair([a for a in cand if not a.vertical], cand, pieces)
        if pair is None:
            return joins
        a, b = pair
        wb = work[a.id].union(work[b.id])
        box, poly = page.transform.box_to_original(wb, page.width, page.height)
        la = a.lines[0]
        a.lines = [Line(la.id, box, poly, font_size_px=max(la.font_size_px or 0, b.lines[0].font_size_px or 0) or None)]
        a.box, a.polygon, a.vertical = box, poly, False
        if BlockType.HEADLINE in (a.type, b.type):
            a.type = BlockType.HEADLINE
        a.trace.append(f"vertical page: joined with {b.id}, the rest of its row")
        page.blocks.remove(b)
        joins += 1


def join_headline_columns(page: Page) -> int:
    """Vertical headlines side by side, tops level, as wide as each other and a narrow gap apart are one
    headline set in two or more columns.  Returns the joins made."""
    joins = 0
    while True:
        heads = [b for b in page.blocks if b.type == BlockType.HEADLINE and b.vertical]
        work = {b.id: _work_box(page, b.box, b.polygon) for b in heads}

        def columns(a: Block, b: Block) -> bool:
            wa, wb = work[a.id], work[b.id]
            if wb.x1 > wa.x0 + 0.5 * wb.width:
                return False                        # b must stand left of a
            narrow = min(wa.width / max(1, len(a.lines)), wb.width / max(1, len(b.lines)))
            wide = max(wa.width / max(1, len(a.lines)), wb.width / max(1, len(b.lines)))
            return (abs(wa.y0 - wb.y0) <= HEAD_COLUMN_TOP * narrow and wa.x0 - wb.x1 <= HEAD_COLUMN_GAP * narrow
                    and wide <= HEAD_COLUMN_WIDTHS * narrow)

        pair = _first_pair(heads, heads, columns)
        if pair is None:
            return joins
        a, b = pair
        a.lines = sorted(a.lines + b.lines, key=lambda ln: -ln.box.x1)
        wb = work[a.id].union(work[b.id])
        a.box, a.polygon = page.transform.box_to_original(wb, page.width, page.height)
        a.trace.append(f"vertical page: headline columns joined with {b.id} (tops level, a narrow gap apart)")
        page.blocks.remove(b)
        joins += 1


def drop_picture_texture(page: Page) -> int:
    """Lines of text blocks lying mostly inside a picture (texture of a photo that the turned layout read as
    columns, once the picture grew over it) or thin strips along its edge are dropped, and blocks left
    without lines.  Returns the lines dropped."""
    pics = [_work_box(page, b.box, b.polygon) for b in page.blocks if b.type == BlockType.PICTURE]
    em_work = _em(page) * _work_scale(page)
    dropped = 0
    for b in [b for b in page.blocks if b.type.is_text]:
        work = [_work_box(page, ln.box, ln.polygon) for ln in b.lines]     # level: a skewed box is no wider
        keep = [ln for ln, w in zip(b.lines, work)
                if not any(w.intersection(p) >= PICTURE_TEXTURE_SHARE * w.area or _picture_edge(w, p, em_work)
                           for p in pics)]
        if len(keep) == len(b.lines):
            continue
        dropped += len(b.lines) - len(keep)
        if not keep:
            page.blocks.remove(b)
            continue
        wb = Box.union_all(_work_box(page, ln.box, ln.polygon) for ln in keep)
        b.lines = keep
        b.box, b.polygon = page.transform.box_to_original(wb, page.width, page.height)
        b.trace.append(f"vertical page: {dropped} line(s) inside a picture dropped (its texture, not text)")
    return dropped


def _picture_edge(line: Box, pic: Box, em: float) -> bool:
    """Is ``line`` (work frame) a thin strip lying along the picture ``pic``'s edge (PICTURE_EDGE_EM)?"""
    if min(line.width, line.height) >= PICTURE_EDGE_EM * em:
        return False
    gap = PARAMS.photo_piece_gap_em * em
    grown = Box(int(pic.x0 - gap), int(pic.y0 - gap), int(pic.x1 + gap), int(pic.y1 + gap))
    return grown.intersection(line) >= 0.5 * line.area


def cut_rows_between_pictures(page: Page) -> int:
    """A row of caption type under two pictures side by side that runs across the white between them (the
    turned layout read the first rows of both captions as one column of the turned frame) is cut there: each
    part is the row of the caption under its picture (captions_under_pictures).  A row is a line no taller
    than CAPTION_ROW_EM starting within CAPTION_GAP_EM of both pictures' bottoms.  Returns the rows cut."""
    em_work = _em(page) * _work_scale(page)
    pics = [_work_box(page, b.box, b.polygon) for b in page.blocks if b.type == BlockType.PICTURE]
    cut = 0
    for b in [b for b in page.blocks if b.type.is_text and b.type != BlockType.MASTHEAD]:
        lines = []
        for ln in b.lines:
            wl = _work_box(page, ln.box, ln.polygon)
            under = [p for p in pics if abs(wl.y0 - p.y1) <= CAPTION_GAP_EM * em_work
                     and wl.height <= CAPTION_ROW_EM * em_work and p.x0 < wl.x1 and wl.x0 < p.x1]
            pair = next(((p, q) for p in under for q in under if p.x1 <= q.x0 and wl.x0 < p.x1 and q.x0 < wl.x1), None)
            if pair is None:
                lines.append(ln)
                continue
            p, q = pair
            for k, (x0, x1) in enumerate(((wl.x0, p.x1), (q.x0, wl.x1))):
                box, poly = page.transform.box_to_original(Box(x0, wl.y0, x1, wl.y1), page.width, page.height)
                lines.append(dataclasses.replace(ln, id=f"{ln.id}{'ab'[k]}", box=box, polygon=poly, words=[]))
            b.trace.append(f"vertical page: row {ln.id} cut at the white between two pictures over it "
                           f"(work x={p.x1}..{q.x0})")
            cut += 1
        b.lines = lines
    return cut


def captions_under_pictures(page: Page) -> int:
    """The text right under a picture is its caption, read across: lines no taller than CAPTION_ROW_EM body
    ems starting within CAPTION_GAP_EM of the picture's bottom (first row) or CAPTION_ROW_EM under it (second
    row), within the picture's width.  The turned layout cuts such a row into one-character columns and
    shares them out to a headline, a body, the body beside; they are taken out of those blocks and become one
    caption block of horizontal lines, one per row; a whole block of short columns right under the picture
    (CAPTION_BLOCK_EM) is a caption of two rows cut into two-character columns.  Returns the captions made."""
    em = _em(page)
    em_work = em * _work_scale(page)
    made = 0
    for pic in [b for b in page.blocks if b.type == BlockType.PICTURE]:
        pw = _work_box(page, pic.box, pic.polygon)
        taken: list[tuple[Block, Line, Box]] = []
        for b in page.blocks:
            if not b.type.is_text or b.type == BlockType.MASTHEAD:
                continue
            wb = _work_box(page, b.box, b.polygon)
            whole = (len(b.lines) >= ROW_MIN_CHARS and wb.height <= CAPTION_BLOCK_EM * em_work
                     and pw.y1 - CAPTION_GAP_EM * em_work <= wb.y0 <= pw.y1 + CAPTION_GAP_EM * em_work
                     and pw.x0 - PARAMS.caption_slack_em * em_work <= wb.x0
                     and wb.x1 <= pw.x1 + PARAMS.caption_slack_em * em_work)
            for ln in b.lines:
                wl = _work_box(page, ln.box, ln.polygon)
                small = wl.height <= CAPTION_ROW_EM * em_work or (
                    not ln.vertical and 0 < (ln.font_size_px or 0) <= CAPTION_TYPE_EM * em)
                if whole or (pw.y1 - CAPTION_GAP_EM * em_work <= wl.y0 <= pw.y1 + CAPTION_ROW_EM * em_work
                             and small and pw.x0 - PARAMS.caption_slack_em * em_work <= wl.x0
                             and wl.x1 <= pw.x1 + PARAMS.caption_slack_em * em_work):
                    taken.append((b, ln, wl))
        if not taken:
            continue
        cells = []           # a "column" of a two-row caption holds a character of each row: cut it in rows
        row_h = max(1.0, float(np.median([min(wl.width, wl.height) for _, _, wl in taken])))   # characters are square
        for _, _, wl in taken:
            n = max(1, int(round(wl.height / row_h)))
            cells.extend(Box(wl.x0, wl.y0 + k * wl.height // n, wl.x1, wl.y0 + (k + 1) * wl.height // n)
                         for k in range(n))
        rows: list[list[Box]] = []
        for x in sorted(cells, key=lambda x: x.cy):
            if rows and x.cy - rows[-1][0].cy <= PARAMS.caption_row_level_em * em_work:
                rows[-1].append(x)
            else:
                rows.append([x])
        size = min((ln.font_size_px for _, ln, _ in taken if ln.font_size_px), default=None)
        cap_id = f"{pic.id}c"
        lines = []
        for k, r in enumerate(rows):
            box, poly = page.transform.box_to_original(Box.union_all(r), page.width, page.height)
            lines.append(Line(f"{cap_id}_{k}", box, poly, font_size_px=size))
        sources = []
        for b in {id(b): b for b, _, _ in taken}.values():
            gone = {id(ln) for bb, ln, _ in taken if bb is b}
            keep = [ln for ln in b.lines if id(ln) not in gone]
            sources.append(b.id)
            if not keep:
                page.blocks.remove(b)
                continue
            b.lines = keep
            b.box, b.polygon = page.transform.box_to_original(
                Box.union_all(_work_box(page, ln.box, ln.polygon) for ln in keep), page.width, page.height)
            b.trace.append(f"vertical page: {len(gone)} line(s) right under picture {pic.id} given to its caption")
        box, poly = page.transform.box_to_original(Box.union_all(x for _, _, x in taken), page.width, page.height)
        cap = Block(cap_id, BlockType.CAPTION, box, poly, lines=lines, font_size_px=size, caption_of=pic.id,
                    trace=[f"vertical page: the text right under picture {pic.id} (from {', '.join(sources)}) is its "
                           f"caption, {len(lines)} row(s) across"])
        page.blocks.append(cap)
        made += 1
    return made


def short_columns(page: Page, toned: np.ndarray) -> int:
    """A body's lost last column (params.short_column_*): the ink one column pitch left of its last column, starting
    at the columns' top, a character or two long, holding a glyph (a piece of ink half an em across, no paper
    specks), with nothing else standing there, becomes the block's last line.  ``toned``: the working image's
    pixels darker than the paper.  Returns the columns found."""
    em_work = _em(page) * _work_scale(page)
    others = [_work_box(page, b.box, b.polygon) for b in page.blocks if b.type == BlockType.PICTURE]
    others += [_work_box(page, ln.box, ln.polygon) for b in page.blocks if b.type.is_text for ln in b.lines]
    others += [_work_box(page, sep.box, sep.polygon) for sep in page.separators if sep.kind != "frame"]
    found = 0
    for b in [b for b in page.blocks if b.type == BlockType.BODY and b.vertical and len(b.lines) >= 2]:
        work = sorted((_work_box(page, ln.box, ln.polygon) for ln in b.lines if ln.vertical), key=lambda w: w.x0)
        if len(work) < 2:
            continue
        pitch = float(np.median([q.x0 - p.x0 for p, q in zip(work, work[1:])]))
        width = float(np.median([w.width for w in work]))
        if not width < pitch < PARAMS.short_column_pitch_widths * width:
            continue
        top, bottom = min(w.y0 for w in work), max(w.y1 for w in work)
        place = Box(max(0, int(work[0].x0 - pitch)), top, work[0].x0 - 1, bottom)
        if place.width <= 0 or any(o.intersection(place) > 0 for o in others):
            continue
        ink = toned[place.y0:place.y1, place.x0:place.x1]
        rows = np.nonzero((ink.sum(axis=1) >= 2))[0]
        if rows.size == 0 or rows[0] > PARAMS.short_column_top_em * em_work:
            continue
        end = int(rows[0])
        for r in rows:
            if r - end > PARAMS.short_column_gap_em * em_work:
                break
            end = int(r)
        rest = int(np.sum(rows > end))
        if not PARAMS.short_column_min_em * em_work <= end - rows[0] + 1 <= PARAMS.short_column_share * place.height \
                or rest > PARAMS.short_column_noise * place.height:
            continue
        cols = np.nonzero(ink[rows[0]:end + 1].any(axis=0))[0]
        if cols[-1] - cols[0] + 1 < PARAMS.short_column_width_em * em_work:
            continue
        pieces = component_stats(ink[rows[0]:end + 1])
        if not pieces.size or pieces[:, 2:4].max() < PARAMS.short_column_glyph_em * em_work:
            continue                       # specks of the paper, no glyph (short_column_glyph_em)
        col = Box(place.x0 + int(cols[0]), place.y0 + int(rows[0]), place.x0 + int(cols[-1]) + 1, place.y0 + end + 1)
        last = min(b.lines, key=lambda ln: _work_box(page, ln.box, ln.polygon).x0)
        box, poly = page.transform.box_to_original(col, page.width, page.height)
        b.lines.append(Line(f"{last.id}s", box, poly, font_size_px=last.font_size_px, vertical=True))
        b.box, b.polygon = page.transform.box_to_original(Box.union_all([*work, col]), page.width, page.height)
        b.trace.append(f"vertical page: its last column, {col.height / em_work:.1f} em long, found again at work "
                       f"x={col.x0} (outside the turned layout's column grid)")
        others.append(col)
        found += 1
    return found


def _precedes(a: Box, b: Box) -> bool:
    """Column piece ``a`` is read before ``b`` (work frame): it stands right of it, or above it in one column."""
    over = min(a.x1, b.x1) - max(a.x0, b.x0)
    if over > 0.5 * min(a.width, b.width):
        return a.y0 < b.y0
    return a.cx > b.cx


def join_column_pieces(page: Page) -> int:
    """A vertical body piece (or a "byline" longer than BYLINE_MAX_EM) overlapping the columns of a larger body,
    or one column of it standing right beside it (PIECE_GAP_SLACK_EM) and longer than a byline, or a subhead or byline piece inside
    its box (PIECE_HEADS), lying within its
    tier (PIECE_TIER_EM), joins it, each of its columns put where it stands among the body's (right to left,
    a column's pieces top to bottom).  Returns the pieces joined."""
    em_work = _em(page) * _work_scale(page)
    em = _em(page)
    bodies = [b for b in page.blocks if b.type == BlockType.BODY and b.vertical and b.lines]
    heads = [b for b in page.blocks if b.type in PIECE_HEADS and b.vertical and b.lines]
    long = {b.id for b in heads if b.type == BlockType.BYLINE and b.box.height > BYLINE_MAX_EM * em
            and (b.font_size_px or 0) <= MAST_HEADLINE_EM * em}                # no byline: body columns
    work = {b.id: _work_box(page, b.box, b.polygon) for b in bodies + heads}  # as the turned layout left them
    vrules = [_work_box(page, s.box, s.polygon) for s in page.separators if s.orientation == "v" and s.kind != "frame"]

    def width(b: Block) -> float:
        return float(np.median([_work_box(page, ln.box, ln.polygon).width for ln in b.lines]))

    def gap(b: Block) -> float:
        """The median white between the body's neighbouring columns (work frame)."""
        xs = sorted((_work_box(page, ln.box, ln.polygon) for ln in b.lines), key=lambda w: -w.x1)
        gaps = [p.x0 - q.x1 for p, q in zip(xs, xs[1:]) if p.x0 - q.x1 >= 0]
        return float(np.median(gaps)) if gaps else 0.0

    def host(f: Block, b: Block) -> bool:
        wf, wb = work[f.id], work[b.id]
        if (b is f or b not in page.blocks or len(b.lines) <= len(f.lines) or width(f) > PIECE_WIDTH * width(b)
                or wf.y0 < wb.y0 - PIECE_TIER_EM * em_work or wf.y1 > wb.y1 + PIECE_TIER_EM * em_work):
            return False
        if f.type in PIECE_HEADS and f.id not in long:
            return wb.x0 <= wf.x0 and wf.x1 <= wb.x1                        # inside its box
        if wf.x0 < wb.x1 and wb.x0 < wf.x1:
            return True                                                     # among its columns
        return (0 <= wf.x0 - wb.x1 <= gap(b) + PIECE_GAP_SLACK_EM * em_work and wf.height > BYLINE_MAX_EM * em_work
                and wf.width <= PIECE_WIDTH * width(b)
                and not _vrule_between(wb.x1, wf.x0, wf.y0, wf.y1, vrules))  # right beside it, no byline

    joined = 0
    for f in sorted(bodies + heads, key=lambda b: len(b.lines)):
        hosts = [b for b in bodies if host(f, b)]
        if not hosts:
            continue
        b = min(hosts, key=lambda b: abs(work[f.id].cx - work[b.id].cx))
        lines = list(b.lines)
        for ln in f.lines:
            wl = _work_box(page, ln.box, ln.polygon)
            before = [i for i, o in enumerate(lines) if _precedes(_work_box(page, o.box, o.polygon), wl)]
            lines.insert(max(before) + 1 if before else 0, ln)
        b.lines = lines
        box = Box.union_all(_work_box(page, ln.box, ln.polygon) for ln in lines)
        b.box, b.polygon = page.transform.box_to_original(box, page.width, page.height)
        b.trace.append(f"vertical page: joined with {f.id} ({f.type.value}), {len(f.lines)} column(s) of it cut off it")
        page.blocks.remove(f)
        joined += 1
    return joined


def _work_scale(page: Page) -> float:
    """Working-frame pixels per original pixel."""
    m = page.transform.matrix
    return float(np.hypot(m[0][0], m[1][0])) or 1.0


def _first_pair(firsts: list[Block], seconds: list[Block],
                fits: Callable[[Block, Block], bool]) -> Optional[tuple[Block, Block]]:
    """The first (a, b), a from ``firsts`` and b another block from ``seconds``, for which ``fits(a, b)``."""
    return next(((a, b) for a in firsts for b in seconds if a is not b and fits(a, b)), None)


def _work_box(page: Page, box: Box, polygon) -> Box:
    """The element's rectangle in the upright, deskewed working frame (where tiers are level)."""
    return Box.around(page.transform.to_work(polygon or box.corners()))


def _em(page: Page) -> float:
    sizes = [b.font_size_px for b in page.blocks if b.type == BlockType.BODY and b.font_size_px]
    return float(np.median(sizes)) if sizes else 30.0


def _column_pitch(blocks: list[Block], em: float) -> float:
    """The page's column pitch: the median distance between neighbouring columns of its vertical bodies (the
    body em when it has none)."""
    steps = []
    for b in blocks:
        if b.type == BlockType.BODY and b.vertical and len(b.lines) >= 2:
            xs = sorted(ln.box.cx for ln in b.lines)
            steps += [q - p for p, q in zip(xs, xs[1:]) if 0 < q - p < PARAMS.column_pitch_max_em * em]
    return float(np.median(steps)) if steps else em


def _vrule_between(x0: float, x1: float, y0: float, y1: float, rules: list[Box]) -> bool:
    """A vertical rule stands between x0 and x1 over part of the rows y0..y1."""
    return any(x0 <= r.cx <= x1 and min(r.y1, y1) - max(r.y0, y0) > VRULE_ALONG * (y1 - y0) for r in rules)


def _banner(b: Block) -> bool:
    return b.type == BlockType.HEADLINE and not b.vertical and b.box.width > PARAMS.banner_min_aspect * b.box.height


def find_masthead(blocks: list[Block], seps: list[Separator], width: int, height: int, em: float) -> set[str]:
    """Ids of the masthead's blocks (work frame): everything above a rule running across most of the page
    near its top (a masthead across the top), or inside a frame in the top right corner (a boxed vertical
    title there)."""
    out: set[str] = set()
    across = [s for s in seps if s.orientation == "h" and s.kind != "frame" and s.box.width >= MAST_RULE_WIDTH * width
              and s.box.cy <= MAST_TOP * height]
    if across:      # the topmost such rule: a wide banner headline under it is underlined too
        s = min(across, key=lambda s: s.box.cy)
        out |= {b.id for b in blocks if b.type.is_text and b.box.cy < s.box.cy
                and b.box.y1 <= s.box.cy + PARAMS.masthead_bound_slack_em * em}
    for s in seps:
        f = s.box
        if s.kind == "frame" and f.x1 >= (1 - MAST_TOP) * width and f.y0 <= MAST_TOP * height:
            slack = PARAMS.masthead_bound_slack_em * em
            inside = [b for b in blocks if b.type.is_text and f.x0 - slack <= b.box.x0 and b.box.x1 <= f.x1 + slack
                      and f.y0 - slack <= b.box.y0 and b.box.y1 <= f.y1 + slack]
            if inside and max(ln.font_size_px or 0 for b in inside for ln in b.lines) >= MAST_TITLE_EM * em:
                out |= {b.id for b in inside}
    return out


def lone_subheads(blocks: list[Block], em: float) -> list[Block]:
    """Subheads set in headline type (MAST_HEADLINE_EM) with no headline or subhead right beside them on their
    right (within HEAD_BESIDE_EM, tops level): the turned layout typed them subhead for a headline next to
    them that was not one (a photo's pale edge read as a column, absorbed since)."""
    heads = [b for b in blocks if b.type in (BlockType.HEADLINE, BlockType.SUBHEAD) and b.vertical]
    return [s for s in heads if s.type == BlockType.SUBHEAD and (s.font_size_px or 0) >= MAST_HEADLINE_EM * em
            and not any(h is not s and -BOX_OVERLAP_EM * em <= h.box.x0 - s.box.x1 <= HEAD_BESIDE_EM * em
                        and abs(h.box.y0 - s.box.y0) <= TIER_TOP_EM * em for h in heads)]


def subheads_beside_headlines(blocks: list[Block], em: float) -> list[Block]:
    """Vertical headlines standing right beside a headline on their right (within HEAD_BESIDE_EM, tops level
    within TIER_TOP_EM) in type at most params.subhead_beside_size times its size: that headline's subhead (two
    articles' headlines never stand side by side; an article's heads stand together, right to left)."""
    heads = [b for b in blocks if b.type == BlockType.HEADLINE and b.vertical and b.font_size_px]
    return [s for s in heads
            if any(h is not s and -BOX_OVERLAP_EM * em <= h.box.x0 - s.box.x1 <= HEAD_BESIDE_EM * em
                   and abs(h.box.y0 - s.box.y0) <= TIER_TOP_EM * em
                   and s.font_size_px <= PARAMS.subhead_beside_size * h.font_size_px for h in heads)]


def head_side(h: Block, b: Block, blocks: list[Block], em: float) -> float:
    """The left side of headline ``h``'s heads: ``h`` and the subhead and byline columns standing one after
    another to its left (each within HEAD_BESIDE_EM of the one before, tops level with ``h``) up to ``b``."""
    left = h.box.x0
    for c in sorted((c for c in blocks if c.type in (BlockType.SUBHEAD, BlockType.BYLINE) and c.vertical
                     and c.box.x0 >= b.box.x1 - BOX_OVERLAP_EM * em and c.box.x1 <= h.box.x0 + BOX_OVERLAP_EM * em
                     and abs(c.box.y0 - h.box.y0) <= TIER_TOP_EM * em), key=lambda c: -c.box.x1):
        if left - c.box.x1 <= HEAD_BESIDE_EM * em:
            left = min(left, c.box.x0)
    return left


def _in_tier(h: Block, b: Block, em: float) -> bool:
    """Vertical headline ``h`` stands in ``b``'s tier: their tops are level (TIER_TOP_EM), or ``h`` starts
    higher and runs on down beside ``b``'s top by an em at least: a block set under a banner (2-3 em tall) or
    under a photo's caption starts lower in its tier than the vertical headlines of the articles beside it
    (2.1-2.3 em lower on vertical 16 ve_003 and vertical 20 vj_000, where such a headline was not seen between
    a column and a banner over another article, and the column was given to that banner)."""
    return (abs(h.box.y0 - b.box.y0) <= TIER_TOP_EM * em
            or h.box.y0 <= b.box.y0 <= h.box.y1 - HEAD_RUNS_BESIDE_EM * em)


def _beside_over_half(a: Box, b: Box) -> bool:
    """Do ``a`` and ``b`` stand side by side over more than half the height of the shorter of the two?"""
    return y_overlap(a, b) > 0.5 * min(a.height, b.height)


def _body_between(b: Block, h: Block, blocks: list[Block], em: float) -> bool:
    """A body stands between ``b`` and headline ``h`` on its right, over most of ``b``'s height: ``b`` is no
    head of ``h``'s (a subhead and byline stand between their headline and its body, HEAD_BESIDE_EM apart)."""
    return any(c.type == BlockType.BODY and c is not b and c.box.x0 >= b.box.x1 - BOX_OVERLAP_EM * em
               and c.box.x1 <= h.box.x0 + BOX_OVERLAP_EM * em
               and _beside_over_half(c.box, b.box) for c in blocks)


def _body_beside(b: Block, blocks: list[Block], vrules: list[Box], em: float) -> Optional[Block]:
    """The body nearest ``b`` across (overlapping it or at most BESIDE_GAP_EM away, no rule between) over
    most of ``b``'s height, or None."""
    best, dist = None, None
    for c in blocks:
        if c.type != BlockType.BODY or c is b:
            continue
        if not _beside_over_half(c.box, b.box):
            continue
        gap = max(c.box.x0 - b.box.x1, b.box.x0 - c.box.x1, 0)
        if gap > BESIDE_GAP_EM * em:
            continue
        lo, hi = sorted((b.box.cx, c.box.cx))
        if _vrule_between(lo, hi, b.box.y0, b.box.y1, vrules):
            continue
        if dist is None or gap < dist:
            best, dist = c, gap
    return best


def heads_in_body(blocks: list[Block], art: dict[str, int], em: float) -> list[Block]:
    """Subhead and byline columns with a body column of their own article (``art``) standing right of them in
    their tier (params.head_left_of_body_em): an article's heads stand right of its body, so these are columns
    of that body the turned layout typed heads (a paragraph's short last columns), read before the body."""
    bodies = [c for c in blocks if c.type == BlockType.BODY and c.vertical]
    return [b for b in blocks if b.type in PIECE_HEADS and b.vertical and art.get(b.id, 0) != 0
            and any(art.get(c.id) == art[b.id] and c.box.x0 >= b.box.x1 - PARAMS.head_left_of_body_em * em
                    and _beside_over_half(c.box, b.box) for c in bodies)]


def assign_articles(blocks: list[Block], seps: list[Separator], mast: set[str], em: float,
                    why: Optional[dict[str, str]] = None) -> dict[str, int]:
    """Block id -> article number (0: the masthead) by the rules of the module docstring (work frame); ``why``
    (if given) gets block id -> the rule that decided."""
    vrules = [s.box for s in seps if s.orientation == "v" and s.kind != "frame" and s.box.height > PARAMS.vertical_rule_min_em * em]
    art: dict[str, int] = {b.id: 0 for b in blocks if b.id in mast}
    n = 0
    heads = [b for b in blocks if b.type == BlockType.HEADLINE and b.id not in art]
    for h in sorted(heads, key=lambda b: (b.box.y0, -b.box.x1)):
        n += 1
        art[h.id] = n
    vheads = [h for h in heads if not _banner(h)]
    pictures = [b for b in blocks if b.type == BlockType.PICTURE]
    pitch = _column_pitch(blocks, em)
    banners = [h for h in heads if _banner(h)]

    def owner(b: Block) -> Optional[Block]:
        return vertical_owner(b) or under_banner(b)

    def vertical_owner(b: Block) -> Optional[Block]:
        """The nearest vertical headline on ``b``'s right in its tier, no rule between (a head column: no body
        between either), or None."""
        best, dist = None, None
        for h in vheads:
            if h is b or h.box.cx <= b.box.cx or not _in_tier(h, b, em):
                continue
            if _vrule_between(b.box.cx, h.box.x0 + BOX_OVERLAP_EM * em, b.box.y0, b.box.y1, vrules):
                continue
            if b.type in PIECE_HEADS and _body_between(b, h, blocks, em):
                continue                # an article's heads stand together, right of its body
            d = h.box.x0 - b.box.x1
            if dist is None or d < dist:
                best, dist = h, d
        return best

    def under_banner(b: Block) -> Optional[Block]:
        """The banner ``b`` stands right under, no other article's headline nor a rule between ``b`` and
        the banner's centre (a banner is centred over its article, which may be far wider than it); of two
        banners side by side, the one over ``b``, else the one whose centre is nearer."""
        best, dist = None, None
        for h in banners:
            gap = b.box.y0 - h.box.y1
            if not -BOX_OVERLAP_EM * em <= gap <= BANNER_GAP_EM * em:
                continue
            lo, hi = sorted((b.box.cx, h.box.cx))
            if any(v is not b and lo < v.box.cx < hi and _in_tier(v, b, em) for v in vheads):
                continue       # another article's headline stands between
            if _vrule_between(lo, hi, b.box.y0, b.box.y1, vrules):
                continue
            over = PARAMS.banner_over_side_em * em
            key = (0 if h.box.x0 - over <= b.box.cx <= h.box.x1 + over else 1, hi - lo)
            if dist is None or key < dist:
                best, dist = h, key
        return best

    def text_beside(b: Block, left: bool) -> tuple[Optional[Block], float]:
        """The text block nearest ``b`` on its left (or right) standing beside it over half the shorter's height
        (at most BOX_OVERLAP_EM into it), and the white between them (px)."""
        best, dist = None, 0.0
        for c in blocks:
            if c is b or not c.type.is_text or _banner(c) or not _beside_over_half(c.box, b.box):
                continue
            if (c.box.cx >= b.box.cx) if left else (c.box.cx <= b.box.cx):
                continue
            gap = b.box.x0 - c.box.x1 if left else c.box.x0 - b.box.x1
            if gap >= -BOX_OVERLAP_EM * em and (best is None or gap < dist):
                best, dist = c, gap
        return best, dist

    def head_column(b: Block) -> bool:
        return (b.vertical and (b.type == BlockType.BODY or b.type in PIECE_HEADS)
                and 0 < len(b.lines) <= PARAMS.head_column_lines)

    def heads_body(b: Block) -> Optional[Block]:
        """The body a head column ``b`` stands right of: an article's heads (a subhead, a byline: columns of one
        or two lines) stand right of its body, set apart from it by the white between heads and body, and from
        the next article on their right by the gutter, which is wider.  Walking left from ``b`` through such
        columns (each within HEAD_BESIDE_EM of the next, no rule between) to the first other text block: that
        block, where the white on the right of the run (the head columns beside ``b`` on either side) to the
        text beside it there (none: the run ends the region) is wider by params.head_gutter_margin_em than the
        white between the run and that block.  Else None."""
        def step(cur: Block, left: bool) -> tuple[Optional[Block], float, bool]:
            """The text beside ``cur`` on that side, the white, and whether it stands near (within
            HEAD_BESIDE_EM, no rule between)."""
            c, gap = text_beside(cur, left)
            if c is None:
                return None, 0.0, False
            lo, hi = (c.box.x1, cur.box.x0) if left else (cur.box.x1, c.box.x0)
            return c, gap, gap <= HEAD_BESIDE_EM * em and not _vrule_between(
                lo - BOX_OVERLAP_EM * em, hi + BOX_OVERLAP_EM * em, cur.box.y0, cur.box.y1, vrules)

        if not head_column(b):
            return None
        cur, body, gap = b, None, 0.0
        for _ in range(len(blocks)):
            c, gap, near = step(cur, left=True)
            if c is None or not near:
                return None                     # no body near on the left, or a rule between
            if not head_column(c):
                body = c
                break
            cur = c
        if body is None:
            return None
        cur = b
        for _ in range(len(blocks)):
            r, right, near = step(cur, left=False)
            if r is None or not (near and head_column(r)):
                return body if r is None or right - gap >= PARAMS.head_gutter_margin_em * em else None
            cur = r
        return None

    def continued(b: Block, side: float = CONTINUATION_SIDE_EM) -> Optional[int]:
        """The article ``b`` continues from the tier above: the block right above it belongs to an article
        whose sides in that tier are ``b``'s (within ``side`` ems), and no headline of another article
        stands within them in ``b``'s tier."""
        above = [a for a in blocks if a.id in art and art[a.id] != 0
                 and a.box.y1 <= b.box.y0 + PARAMS.continued_above_into_em * em
                 and min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0) > 0.5 * min(a.box.width, b.box.width)]
        if not above:
            return None
        a = max(above, key=lambda a: a.box.y1)
        aid = art[a.id]
        if any(p.box.y0 >= a.box.y1 - PARAMS.picture_between_slack_em * em and p.box.y0 < b.box.y0
               and min(p.box.x1, b.box.x1) - max(p.box.x0, b.box.x0) > 0.5 * b.box.width for p in pictures):
            return None                    # a picture stands between: what is under it is not that article's
        # the article's blocks in that tier: tops level with the block's, or standing beside it over half the
        # height of the shorter of the two (a column under a headline's first characters starts lower)
        level = [c for c in blocks if art.get(c.id) == aid
                 and (abs(c.box.y0 - a.box.y0) <= TIER_TOP_EM * em
                      or _beside_over_half(c.box, a.box))]
        x0, x1 = min(c.box.x0 for c in level), max(c.box.x1 for c in level)
        left = max(side * em, pitch)                  # the last column of each tier stands where it fits
        if b.box.x0 < x0 - left or b.box.x1 > x1 + side * em:
            return None
        if side < CONTINUATION_SIDE_EM and (b.box.x0 > x0 + left or b.box.x1 < x1 - side * em):
            return None                                           # both sides where the article's are
        if any(art[h.id] != aid and _in_tier(h, b, em)
               and x0 - PARAMS.continued_head_side_em * em <= h.box.cx <= x1 + PARAMS.continued_head_side_em * em
               for h in heads):
            return None
        return aid

    def beside(b: Block) -> Optional[int]:
        """The article of the text block standing right beside ``b`` on its right, at most BESIDE_GAP_EM
        away, no rule between, over most of ``b``'s height: ``b`` holds that block's next columns (a body
        the turned layout split at a short column, a body beside its own headline)."""
        best, dist = None, None
        for a in blocks:
            if a.id not in art or art[a.id] == 0 or not (a.type == BlockType.BODY or a.type in _HEADS):
                continue
            gap = a.box.x0 - b.box.x1
            if not -BOX_OVERLAP_EM * em <= gap <= BESIDE_GAP_EM * em or a.box.cx <= b.box.cx:
                continue
            if a.type in _HEADS and abs(a.box.y0 - b.box.y0) > TIER_TOP_EM * em:
                continue
            if min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0) < 0.5 * min(a.box.height, b.box.height):
                continue
            if _vrule_between(b.box.x1 - BOX_OVERLAP_EM * em, a.box.x0 + BOX_OVERLAP_EM * em, b.box.y0, b.box.y1, vrules):
                continue
            if dist is None or gap < dist:
                best, dist = a, gap
        return art[best.id] if best is not None else None

    def piece_of_left(b: Block) -> Optional[int]:
        """The article of the body right beside ``b`` on its left (at most BESIDE_GAP_EM away, no rule between)
        that starts higher in ``b``'s tier by more than TIER_TOP_EM and runs on under it: ``b`` is a piece of
        that body's tier, the first columns of it that the scan lost the top of (a column half under the dark
        edge of the scan, vertical 55 vv2_001), not a tier of the article above, whose next tier starts at the
        tier's top, level with the body beside it."""
        for c in blocks:
            if c.type != BlockType.BODY or art.get(c.id, 0) == 0 or c is b:
                continue
            if not -BOX_OVERLAP_EM * em <= b.box.x0 - c.box.x1 <= BESIDE_GAP_EM * em:
                continue
            if not (c.box.y0 < b.box.y0 - TIER_TOP_EM * em and c.box.y1 >= b.box.y1):
                continue
            if _vrule_between(c.box.x1 - BOX_OVERLAP_EM * em, b.box.x0 + BOX_OVERLAP_EM * em, b.box.y0, b.box.y1, vrules):
                continue
            return art[c.id]
        return None

    headed: set[str] = set()         # blocks given to the vertical headline right beside them, or beside those
    body_width = float(np.median([ln.box.width for b in blocks if b.type == BlockType.BODY and b.vertical
                                  for ln in b.lines] or [em]))

    def own_headline(b: Block) -> Optional[int]:
        """The article of the vertical headline ``b`` stands right beside in its tier (its heads within
        HEAD_BESIDE_EM of ``b``'s right side), or of the block right beside ``b`` (BESIDE_GAP_EM, tops level
        within TIER_TOP_EM, side by side over half the shorter's height) that went to such a headline: a
        vertical headline heads what stands to its left in its tier, and a banner over ``b`` (a caption
        typed headline, an article's banner ending short of ``b``) does not take a column its own headline
        stands right beside.  Not where that "headline" is set in body type (its columns no wider than
        PIECE_WIDTH times the page's body columns): a head column and the body's first columns the turned
        layout typed headline (vertical 34 vs_000, 22 vk_006: a subhead, a byline and the body's first columns
        right under the end of their own banner, 0.97-1.03 times the body's columns); a headline is set larger
        (1.39-1.80 times the body's columns on the seen pages where a banner took a column from it)."""
        if not b.vertical or not (b.type == BlockType.BODY or b.type in PIECE_HEADS):
            return None
        h = vertical_owner(b)
        if not (h is not None and head_side(h, b, blocks, em) - b.box.x1 <= HEAD_BESIDE_EM * em):
            c = next((c for c in blocks if c.id in headed and -BOX_OVERLAP_EM * em <= c.box.x0 - b.box.x1 <= BESIDE_GAP_EM * em
                      and abs(c.box.y0 - b.box.y0) <= TIER_TOP_EM * em and _beside_over_half(c.box, b.box)
                      and not _vrule_between(b.box.x1 - BOX_OVERLAP_EM * em, c.box.x0 + BOX_OVERLAP_EM * em, b.box.y0, b.box.y1,
                                             vrules)), None)
            h = next((v for v in vheads if c is not None and art.get(v.id) == art[c.id]), None)
        if h is None or not h.lines or np.median([ln.box.width for ln in h.lines]) <= PIECE_WIDTH * body_width:
            return None
        return art[h.id]

    note = why if why is not None else {}
    for h in heads:
        note[h.id] = "a headline: starts an article"
    pending = []
    for b in sorted(blocks, key=lambda b: (b.box.y0, -b.box.x1)):
        if b.id in art:
            continue
        over = under_banner(b)
        if over is not None:        # a head column under a banner goes with the banner over its body
            c = heads_body(b)
            over = (under_banner(c) if c is not None else None) or over
        aid = art[over.id] if over is not None else None        # right under a banner: its article
        rule = "under a banner headline"
        if aid is not None:
            mine = own_headline(b)
            if mine is not None:
                aid, rule = mine, "right beside its own vertical headline in its tier, though under a banner"
                headed.add(b.id)
        if aid is None and b.type == BlockType.BODY:
            h = owner(b)
            if h is not None and head_side(h, b, blocks, em) - b.box.x1 <= HEAD_BESIDE_EM * em:
                aid = art[h.id]            # the body right beside a headline is its body, not a continuation
                rule = "right beside a headline and its heads"
                headed.add(b.id)
        if aid is None and b.type == BlockType.BODY:
            aid = continued(b, CONTINUATION_EXACT_EM)  # both sides under the article above's: its next tier
            rule = "both sides under the article above's: its next tier"
        if aid is None and b.type == BlockType.BODY:
            aid = beside(b)                            # the next columns of a body or headline to its right
            rule = "the next columns of the block right beside it"
        if b.type == BlockType.PICTURE:
            pending.append(b)             # a picture with its caption is an item of its own (see module doc)
            continue
        if aid is None and b.type == BlockType.BODY:
            aid = piece_of_left(b)
            rule = "a piece of the body beside it on its left, which starts higher in its tier and runs on under it"
        if aid is None and b.type == BlockType.BODY:
            aid = continued(b)
            rule = "under the article above, within its sides: its next tier"
        h = owner(b) if aid is None else None
        if aid is not None:
            art[b.id] = aid
            note[b.id] = rule
        elif h is not None:
            art[b.id] = art[h.id]
            note[b.id] = "the nearest headline on its right in its tier"
        else:
            pending.append(b)
    for b in pending:
        if b.type in PIECE_HEADS:       # a head column with no headline of its own beside it: the body's it
            c = _body_beside(b, [c for c in blocks if c.id in art and art[c.id] != 0], vrules, em)
            if c is not None:           # stands among or next to (a body column typed subhead or byline)
                art[b.id] = art[c.id]
                note[b.id] = "a head column with no headline of its own beside it: the body's next to it"
    for b in sorted(pending, key=lambda b: (b.box.y0, -b.box.x1)):   # an article of its own (a photo)
        if b.id not in art:
            n += 1
            art[b.id] = n
            note[b.id] = OWN
    # a headless run of columns: text blocks that no rule gave an article stand side by side in their tier,
    # each the next columns of the one on its right (``beside``), but that one had no article yet when the
    # block was asked (no headline starts the run: a one-column headline set in body type, vertical 30 vp2_003).
    # Right to left, each goes with the block right beside it where that block is of such a run too, the run's
    # rightmost block starting the article; not with a block of an article a rule gave (a headline's, or a
    # tier continued: what stands beside it across a gutter there is another article's, vertical 35 vv_000).
    run = [b for b in pending if note.get(b.id) == OWN
           and (b.type == BlockType.BODY or b.type in PIECE_HEADS)]
    headless = {art[b.id] for b in run}
    for b in sorted(run, key=lambda b: -b.box.x1):
        aid = beside(b)
        if aid in headless and aid != art[b.id]:
            art[b.id] = aid
            note[b.id] = RUN_NEXT
    for b in blocks:                # captions go with their pictures
        if b.type == BlockType.CAPTION and b.caption_of in art:
            art[b.id] = art[b.caption_of]
            note[b.id] = "a caption: its picture's"
    return art


class GutterRules(NamedTuple):
    """The page's thin vertical rules (work frame: taller than two ems, at most params.gutter_rule_width_em
    wide), the distance (px) beyond which two of them stacked in one gutter are no pieces of one straight
    cut (params.gutter_rule_apart_mm), and how far (px) under the end of one the next tier's starts
    (params.gutter_rule_stack_em); the page's rules across (``tiers``, work frame) and how far (px) above a
    tier's top and inside it the rule over the tier stands (params.rule_over_em, rule_over_inside_em); how far
    (px) the rule's pieces on both sides of a gutter break further one way in one band than in another when
    the gutter moved (params.tier_rule_shift_mm)."""
    boxes: tuple = ()
    apart: float = 0.0
    stack: float = 0.0
    tiers: tuple = ()
    over: float = 0.0
    inside: float = 0.0
    shift: float = 0.0


def gutter_rules(seps: list[Separator], em: float, px_per_mm: float) -> GutterRules:
    """:class:`GutterRules` of the page's separators (work frame, ``em`` and ``px_per_mm`` in its pixels)."""
    boxes = tuple(s.box for s in seps if s.orientation == "v" and s.kind != "frame" and s.box.height > PARAMS.vertical_rule_min_em * em
                  and s.box.width <= PARAMS.gutter_rule_width_em * em)
    tiers = tuple(s.box for s in seps if s.orientation == "h" and s.kind != "frame")
    return GutterRules(boxes, PARAMS.gutter_rule_apart_mm * px_per_mm, PARAMS.gutter_rule_stack_em * em,
                       tiers, PARAMS.rule_over_em * em, PARAMS.rule_over_inside_em * em,
                       PARAMS.tier_rule_shift_mm * px_per_mm)


def rules_apart(right: list[tuple[Box, int]], left: list[tuple[Box, int]], tol: float, rules: GutterRules) -> bool:
    """Do two rules in the gutter of a cut down between ``right`` and ``left`` (article boxes), one right under
    the other (the next tier's, within ``rules.stack``), stand more than ``rules.apart`` across?  Each article's own rule runs down its edge; the articles of
    one straight cut share its x to a pixel or two, those of two tiers cut on their own only by chance."""
    if not rules.boxes:
        return False
    x0 = max(b.x1 for b, _ in left) - tol
    x1 = min(b.x0 for b, _ in right) + tol
    y0 = min(b.y0 for b, _ in right + left) - tol
    y1 = max(b.y1 for b, _ in right + left) + tol
    inside = [r for r in rules.boxes if x0 <= r.cx <= x1 and y0 <= r.y0 and r.y1 <= y1]
    return any(-tol <= s.y0 - r.y1 <= rules.stack and abs(s.cx - r.cx) > rules.apart
               for r in inside for s in inside)


def tier_rules_apart(right: list[tuple[Box, int]], left: list[tuple[Box, int]], tol: float,
                     rules: GutterRules) -> bool:
    """Do the rules over the tiers break at the gutter of a cut down between ``right`` and ``left`` (article
    boxes) at places more than ``rules.apart`` apart?  The rule over a tier is drawn over each article on its
    own, from its one edge to the other (cut_at_rule_breaks): in each band the cut crosses (cut across), the
    piece over the left article ends at the gutter (its x1, within ``tol`` of the gutter's white) and the piece
    over the right one starts there (its x0).  The articles of one straight cut share its edges, so their
    pieces end at one x to a pixel or two; tiers cut on their own only by chance.  Apart where the ends on
    each side measured in two bands or more stand more than ``rules.apart`` apart (a piece's end eaten by
    specks or blur moves one side only); a rule running on across the gutter, or none, measures nothing.
    Apart too where, of two bands measured on both sides, the pieces on both sides break further the same way
    by ``rules.shift`` or more in the one than in the other: the gutter itself moved, by as little as a pixel
    of the print (vertical 58 vb3_004: 3 and 6 px, 45 vi2_007: 6 and 3 px, 38 vz2_004: 2 and 2 px); the noise
    that moves a piece's end (specks, blur, the deskew's residue) moves the two sides apart or one only."""
    if not rules.tiers:
        return False
    mine = {a for _, a in right}
    ends: tuple[list[int], list[int]] = ([], [])
    pairs: list[tuple[int, int]] = []           # (left end, right start) of the bands measured on both sides
    for band in cut_groups(right + left, 0, tol):
        r = [b for b, a in band if a in mine]
        lf = [b for b, a in band if a not in mine]
        if not r or not lf:
            continue
        top = min(b.y0 for b in r + lf)
        gl, gr = max(b.x1 for b in lf), min(b.x0 for b in r)
        over = [s for s in rules.tiers if top - rules.over <= s.cy <= top + rules.inside]
        lx = [s.x1 for s in over if gl - tol <= s.x1 <= gr + tol and s.x0 < gl - tol]
        rx = [s.x0 for s in over if gl - tol <= s.x0 <= gr + tol and s.x1 > gr + tol]
        if lx:
            ends[0].append(max(lx))
        if rx:
            ends[1].append(min(rx))
        if lx and rx:
            pairs.append((max(lx), min(rx)))
    if rules.shift > 0 and any(min(abs(q[0] - p[0]), abs(q[1] - p[1])) >= rules.shift
                               and (q[0] - p[0]) * (q[1] - p[1]) > 0 for i, p in enumerate(pairs) for q in pairs[i + 1:]):
        return True
    sides = [e for e in ends if len(e) >= 2]
    return bool(sides) and all(max(e) - min(e) > rules.apart for e in sides)


def cut_order(items: list[tuple[Box, int]], tol: float, unmeasured: frozenset = frozenset(),
              rules: GutterRules = GutterRules(), parts: Optional[dict[int, list[tuple[Box, bool]]]] = None
              ) -> list[int]:
    """Recursive cuts: down the page first (right part first; not where the cut down only joins gutters of
    tiers that happen to meet, join_broken_cuts: those tiers are cut across, the top band read first), else across (the top part first, then the
    rest cut again, down first: a masthead or a band across the top does not fix the bands below); a set no cut
    divides is read by tiers of tops (within twice ``tol``), each right to left.  ``unmeasured``: articles
    whose box gives no edge for join_broken_cuts.  ``parts``: each article's blocks (box, a head); where no article
    box leaves a cut down the page, a cut down through the blocks that only strays cross (``stray_cut``)
    is taken before a cut across."""
    if len(items) <= 1:
        return [t[1] for t in items]
    down, kept = cut_groups(items, 1, tol, right_to_left=True), parts
    if len(down) == 1 and parts:
        down, kept = stray_cut(items, parts, tol) or (down, parts)
    groups = join_broken_cuts(down, tol, unmeasured, rules) if len(down) > 1 else down
    if len(groups) > 1:
        return [a for g in groups for a in cut_order(g, tol, unmeasured, rules, kept)]
    groups = cut_groups(items, 0, tol)
    if len(groups) > 1:     # only a top part is cut off: what is under it may be cut down the page again
        k = strip_bands(groups, tol, unmeasured, rules)
        return (cut_order([t for g in groups[:k] for t in g], tol, unmeasured, rules, parts)
                + cut_order([t for g in groups[k:] for t in g], tol, unmeasured, rules, parts))
    # no clean cut: an article box reaching a little into its neighbour's (a stray piece given to the wrong
    # article, picture texture read as text) should not decide the page's order; cut again with every box
    # trimmed by SOFT_CUT_SHARE of its size on each side, and read each part with the whole boxes.  Where a cut
    # down and a cut across are both found so, the one leaving less of the articles' blocks on the wrong side
    # of its line (``spill``) is the page's gutter, the other one runs through articles that only overlap;
    # the cut down where they leave as much
    soft = []
    for axis in (1, 0):
        trimmed = [(_trim(b, SOFT_CUT_SHARE, axis), (b, a)) for b, a in items]
        groups = cut_groups(trimmed, axis, tol, right_to_left=True)
        if len(groups) > 1:
            soft.append((axis, [[t for _, t in g] for g in groups]))
    if len(soft) == 2:
        soft.sort(key=lambda s: spill(s[1], s[0], parts))       # stable: the cut down first on a tie
    if soft:
        axis, groups = soft[0]
        if axis == 1:
            return [a for g in groups for a in cut_order(g, tol, unmeasured, rules, parts)]
        return (cut_order(groups[0], tol, unmeasured, rules, parts)
                + cut_order([t for g in groups[1:] for t in g], tol, unmeasured, rules, parts))
    rows: list[list[tuple[Box, int]]] = []
    for t in sorted(items, key=lambda t: t[0].y0):
        if rows and t[0].y0 - rows[-1][0][0].y0 <= PARAMS.tier_tops_tolerances * tol:
            rows[-1].append(t)
        else:
            rows.append([t])
    return [t[1] for row in rows for t in sorted(row, key=lambda t: -t[0].x1)]


def spill(groups: list[list[tuple[Box, int]]], axis: int,
          parts: Optional[dict[int, list[tuple[Box, bool]]]] = None) -> float:
    """How much of the articles' blocks (px², ``parts``, else each article's box) stands on the wrong side of
    the cuts between neighbouring ``groups`` (article boxes; ``axis`` 1: cuts down, groups right to left; 0:
    cuts across, groups top to bottom), each cut drawn along the block edge that leaves least so.  A cut
    through a gutter that a stray crosses leaves the stray (a speck, a piece given to the wrong article: vertical
    52 vs2_001, a speck of 45 x 108 px, 4860 px²); a cut between articles whose boxes overlap because they
    stand in different tiers (a staircase, no straight gutter) leaves whole blocks: vs2_001's cut down left a
    photo's side and the head columns of the article above it (210362 px²)."""
    def blocks(gs: list[list[tuple[Box, int]]]) -> list[Box]:
        return [q for g in gs for box, a in g for q in ([q for q, _ in parts[a]] if parts and parts.get(a) else [box])]

    total = 0.0
    for k in range(1, len(groups)):
        before, after = blocks(groups[:k]), blocks(groups[k:])

        def wrong(c: float) -> float:
            if axis == 1:                 # ``before`` stands right of the line, ``after`` left of it
                return (sum(max(0, min(b.x1, c) - b.x0) * b.height for b in before)
                        + sum(max(0, b.x1 - max(b.x0, c)) * b.height for b in after))
            return (sum(max(0, b.y1 - max(b.y0, c)) * b.width for b in before)
                    + sum(max(0, min(b.y1, c) - b.y0) * b.width for b in after))

        edges = [e for b in before + after for e in ((b.x0, b.x1) if axis == 1 else (b.y0, b.y1))]
        total += min(wrong(e) for e in edges)
    return total


def stray_cut(items: list[tuple[Box, int]], parts: dict[int, list[tuple[Box, bool]]], tol: float
              ) -> Optional[tuple[list[list[tuple[Box, int]]], dict[int, list[tuple[Box, bool]]]]]:
    """A cut down the page (right to left) through the articles' blocks (``parts``: each block's box and
    whether it is a head) where their boxes leave none: a block given to the wrong article (a piece of a strip's last tier taken for the next columns of
    the body beside it, a few characters under a banner) makes that article's box reach across a gutter that runs straight down
    between the blocks.  A gutter some article has more than ``params.cut_stray_share`` of its blocks' area on
    each side of is no cut, nor one the masthead crosses (masthead_band's), nor one with an article's heads
    on its smaller side (where the article starts: a vertical article's heads stand right of its body, the
    gap between them running straight down a strip of articles), nor one crossed by more than
    ``params.cut_stray_edge_share`` in the part's first or last band (the gutter starts or ends there: a tier
    cut on its own, as the cuts across read it); each article goes with the part that holds most of it, its box (and its parts further down
    the cuts) that of its blocks there: its strays are read with it, but do not place it.
    None where no such cut parts the articles in two groups or more."""
    if any(a not in parts or not parts[a] for _, a in items):
        return None
    blocks = [(b, (a, head)) for _, a in items for b, head in parts[a]]
    groups = cut_groups(blocks, 1, tol, right_to_left=True)
    if len(groups) < 2:
        return None
    area: dict[int, list[float]] = {a: [0.0] * len(groups) for _, a in items}
    heads: dict[int, set[int]] = {a: set() for _, a in items}      # the groups holding the article's heads
    for k, g in enumerate(groups):
        for b, (a, head) in g:
            area[a][k] += max(1.0, float(b.area))
            if head:
                heads[a].add(k)
    share, edge = PARAMS.cut_stray_share, PARAMS.cut_stray_edge_share

    def inside(b: Box) -> bool:
        """Do blocks of the part stand above ``b`` and under it (not its first or last band)?"""
        over = [c for c, _ in blocks if c is not b and min(c.x1, b.x1) > max(c.x0, b.x0)]
        return any(c.y1 <= b.y0 + tol for c in over) and any(c.y0 >= b.y1 - tol for c in over)

    def crossed(k: int) -> bool:
        """Does an article span the gutter before group ``k``: more than ``share`` of it on each side, or
        any of it on both sides where it is the masthead or its smaller side holds its heads, or more than ``edge`` where its smaller side
        reaches the part's first or last band (there the gutter starts or ends: those bands are cut across,
        tiers cut on their own)?"""
        for a, v in area.items():
            lo, hi = sum(v[:k]), sum(v[k:])
            if not lo or not hi:
                continue
            if a == 0 or min(lo, hi) > share * (lo + hi):
                return True
            few = range(k) if lo < hi else range(k, len(groups))
            if heads[a] & set(few):
                return True
            if min(lo, hi) > edge * (lo + hi) and any(x == a and not inside(b) for i in few for b, (x, _) in groups[i]):
                return True
        return False

    side = [0]                                   # the merged part of each group of blocks
    for k in range(1, len(groups)):
        side.append(side[-1] + (0 if crossed(k) else 1))
    n = side[-1] + 1
    if n < 2:
        return None
    out: list[list[tuple[Box, int]]] = [[] for _ in range(n)]
    kept: dict[int, list[tuple[Box, bool]]] = {}
    for _, a in items:
        held = [0.0] * n
        for k, v in enumerate(area[a]):
            held[side[k]] += v
        main = max(range(n), key=lambda i: held[i])
        kept[a] = [(b, head) for k, g in enumerate(groups) if side[k] == main for b, (x, head) in g if x == a]
        out[main].append((Box.union_all(b for b, _ in kept[a]), a))
    out = [g for g in out if g]
    return (out, kept) if len(out) > 1 else None


def join_broken_cuts(groups: list[list[tuple[Box, int]]], tol: float, unmeasured: frozenset = frozenset(),
                     rules: GutterRules = GutterRules()) -> list[list[tuple[Box, int]]]:
    """The groups of a cut down the page (right to left), neighbours joined again where the cut between them
    is no straight cut but gutters of tiers that only happen to meet: cut across, the bands it crosses have
    the right edges of the articles left of it apart (``straight_cut``; ``tol`` is CUT_TOLERANCE_EM ems).
    A band's edge is the right edge of its article nearest the cut; ``unmeasured``: articles with no column
    of text (a photo), whose edge is the picture's box.  The rules the cut passes tell too: those down its
    gutter standing apart (``rules_apart``), or those over the tiers breaking at it at places apart
    (``tier_rules_apart``, vertical dev vt_007), are tiers cut on their own."""
    em = tol / CUT_TOLERANCE_EM
    edge = PARAMS.strip_edge_em * em
    out = [groups[0]]
    for g in groups[1:]:
        right = {a for _, a in out[-1]}
        edges = []
        for band in cut_groups(out[-1] + g, 0, tol):
            left = [(b.x1, a) for b, a in band if a not in right]
            if left and len(left) < len(band):
                x, a = max(left, key=lambda t: t[0])
                edges.append((x, a not in unmeasured))
        if (straight_cut(edges, edge, em) and not rules_apart(out[-1], g, tol, rules)
                and not tier_rules_apart(out[-1], g, tol, rules)):
            out.append(g)
        else:
            out[-1] = out[-1] + g
    return out


def straight_cut(edges: list[tuple[float, bool]], edge: float, em: float = 0.0) -> bool:
    """Is a cut down through bands with these edges (x, set by a column of text) one straight cut?  The edges
    line up within ``edge`` (one band of three or more may stand off: a photo whose box takes in the gutter's
    rule), and every edge set by text stands within ``edge`` of the median of the other text edges: the
    first columns and headlines of one page column start at one x, a band whose text starts elsewhere was
    cut on its own (vertical 19 vi_002: the second tier's edge 0.9 em off three tiers under it that line up
    within 0.2 em).  A photo's edge (not set by text) standing more than params.strip_picture_inside_em
    (``em``: the page's body em, px) inside the line of the text edges, left of their median, is no part of
    the cut either: a photo in a strip fills its column to the edge the text starts at, or its box reaches
    on into the gutter; one standing inside that line was set in a tier cut on its own (vertical 69
    vl3_007).  Fewer than two edges: nothing tells the cut apart from a straight one; it stands."""
    text = [x for x, by_text in edges if by_text]
    if text and em > 0 and any(x < float(np.median(text)) - PARAMS.strip_picture_inside_em * em
                               for x, by_text in edges if not by_text):
        return False
    xs = [x for x, _ in edges]
    need = len(xs) if len(xs) < CUT_STANDOFF_BANDS else len(xs) - 1
    if len(xs) >= 2 and max(sum(1 for e in xs if x <= e <= x + edge) for x in xs) < need:
        return False
    for i, e in enumerate(text):
        others = text[:i] + text[i + 1:]
        if others and abs(e - float(np.median(others))) > edge:
            return False
    return True


def masthead_band(items: list[tuple[Box, int]], width: int, height: int, tol: float,
                  unmeasured: frozenset = frozenset(), rules: GutterRules = GutterRules(),
                  parts: Optional[dict[int, list[tuple[Box, bool]]]] = None) -> list[int]:
    """:func:`cut_order` of the page's articles (0: the masthead), the band beside a masthead boxed in the top
    right corner read first (``MAST_BAND_WIDTH``)."""
    mast = next((b for b, a in items if a == 0), None)
    if (mast is not None and mast.width < MAST_BAND_WIDTH * width and mast.x1 >= (1 - MAST_TOP) * width
            and mast.y0 <= MAST_TOP * height):
        bands = cut_groups(items, 0, tol)
        k = next(i for i, g in enumerate(bands) if any(a == 0 for _, a in g)) + 1
        if k < len(bands):
            return (cut_order([t for g in bands[:k] for t in g], tol, unmeasured, rules, parts)
                    + cut_order([t for g in bands[k:] for t in g], tol, unmeasured, rules, parts))
    return cut_order(items, tol, unmeasured, rules, parts)


def strip_bands(groups: list[list[tuple[Box, int]]], tol: float, unmeasured: frozenset = frozenset(),
                rules: GutterRules = GutterRules()) -> int:
    """How many of the bands ``groups`` (top to bottom, cut across) to read before the rest: a strip of
    articles down the right whose edge is the first band's own first cut down the page and runs on through
    the bands under it is read down with those bands before what stands beside it, where an article on one
    side of its edge is as tall as several tiers that the other side fills one by one (no band across there:
    vertical seed 4 vq_007, vertical dev vt_006); or the bands down to the last one a straight cut down the
    page runs through (join_broken_cuts: the right edges of the articles left of it line up in each band),
    the tiers beside it then read as strips, right first (vt_006, seed 2 vu_006 and vu_007, seed 13 vm_001);
    else the top band alone (a band of articles across, the bands under it then).  Two tiers cut on their own
    whose gutters happen to line up within strip_edge_em are read as strips too, unless the rules in the
    gutter or over the tiers tell them apart (join_broken_cuts)."""
    first = cut_groups(groups[0], 1, tol, right_to_left=True)
    if len(first) < 2:
        return 1
    right = {a for _, a in first[0]}
    top = {a for _, a in groups[0]}
    k = 1
    for i in range(2, len(groups)):
        down = cut_groups([t for g in groups[:i] for t in g], 1, tol, right_to_left=True)
        strip = {a for _, a in down[0]}
        parts = ([t for t in groups[i - 1] if t[1] in strip], [t for t in groups[i - 1] if t[1] not in strip])
        if len(down) > 1 and strip & top == right and any(p and len(cut_groups(p, 0, tol)) > 1 for p in parts):
            k = i
        elif len(down) > 1 and len(join_broken_cuts(down, tol, unmeasured, rules)) > 1:
            k = i             # the bands share one straight cut down (join_broken_cuts): strips read down first
    if 1 < k < len(groups) and cut_below_the_top(groups, tol, unmeasured, rules):
        return 1
    return k


def cut_below_the_top(groups: list[list[tuple[Box, int]]], tol: float, unmeasured: frozenset = frozenset(),
                      rules: GutterRules = GutterRules()) -> bool:
    """Does a cut down run through every band under the first (``groups``: bands top to bottom, the last
    one too) where the first band has an article across it?  The page is cut into whole tiers, each part
    read before the next: a gutter running straight down from the second band through the last was cut in
    a part holding those bands and not the first, so the first band was cut off across before it and is
    read first, alone.  Reading the first bands' strips down first (strip_bands) would need the page cut
    across under them first, through that gutter (vertical 72 vo3_003: the right strip of four one-tier
    articles read down with the first tier, the first tier's GT order read across: a gutter under the
    first tier runs from the second tier through the sixth, the first tier's last article set across it).
    A gutter of tiers cut on their own that only happen to line up is no such cut (join_broken_cuts: vertical
    61 ve3_005, the second tier's gutter lined up with the gutters under it within the cut tolerance)."""
    def cuts(items: list[tuple[Box, int]]) -> int:
        down = cut_groups(items, 1, tol, right_to_left=True)
        return len(join_broken_cuts(down, tol, unmeasured, rules)) if len(down) > 1 else 1

    return cuts([t for g in groups[1:] for t in g]) > cuts([t for g in groups for t in g])


def _trim(b: Box, share: float, axis: int) -> Box:
    """``b`` shrunk by ``share`` of its width (axis 1) or height (axis 0) on both sides."""
    if axis == 1:
        d = int(share * b.width)
        return Box(b.x0 + d, b.y0, b.x1 - d, b.y1)
    d = int(share * b.height)
    return Box(b.x0, b.y0 + d, b.x1, b.y1 - d)


def article_blocks(blocks: list[Block], em: float) -> list[Block]:
    """One article's blocks in reading order."""
    banners = sorted([b for b in blocks if _banner(b)], key=lambda b: b.box.y0)
    heads = sorted([b for b in blocks if (b.type in _HEADS or b.type in (BlockType.MASTHEAD, BlockType.TEASER))
                    and b not in banners], key=lambda b: (-b.box.x1, b.box.y0))
    body = [b for b in blocks if b.type == BlockType.BODY]
    tiers: list[list[Block]] = []
    # a body's blocks of one tier: tops level, or standing beside the tier's first over half the shorter's height
    # (columns of consecutive tiers never do; a column under a banner whose top runs up level with the banner,
    # a piece of its row joined to it, starts 3-3.5 em above the body's other columns: vertical 24 vx_002)
    for b in sorted(body, key=lambda b: b.box.y0):
        if tiers and (abs(b.box.y0 - tiers[-1][0].box.y0) <= TIER_TOP_EM * em
                      or _beside_over_half(b.box, tiers[-1][0].box)):
            tiers[-1].append(b)
        else:
            tiers.append([b])
    body = [b for t in tiers for b in sorted(t, key=lambda b: -b.box.x1)]
    pics = sorted([b for b in blocks if b.type == BlockType.PICTURE], key=lambda b: (b.box.y0, -b.box.x1))
    caps = [b for b in blocks if b.type == BlockType.CAPTION]
    tail: list[Block] = []
    for p in pics:
        tail.append(p)
        tail.extend(c for c in caps if c.caption_of == p.id)
    tail.extend(sorted((c for c in caps if c not in tail), key=lambda b: (b.box.y0, -b.box.x1)))
    return banners + heads + body + tail


def order_vertical(page: Page) -> None:
    """Masthead, articles and reading order of a vertical page (rules in the module docstring); sets
    ``block.order``, ``block.article`` and ``page.articles``; blocks the turned layout typed masthead
    outside the masthead found here become headlines or body."""
    em = _em(page)
    blocks = [dataclasses.replace(b, box=_work_box(page, b.box, b.polygon)) for b in page.blocks]
    seps = [dataclasses.replace(s, box=_work_box(page, s.box, s.polygon)) for s in page.separators]
    w, h = page.transform.work_size
    mast = find_masthead(blocks, seps, w, h, em)
    real = {b.id: b for b in page.blocks}
    for b in blocks:
        if b.id in mast:
            b.type = real[b.id].type = BlockType.MASTHEAD
            real[b.id].trace.append("vertical page: masthead (above the rule across the top, or boxed top right)")
        elif b.type == BlockType.MASTHEAD:
            b.type = real[b.id].type = (BlockType.HEADLINE if (b.font_size_px or 0) >= MAST_HEADLINE_EM * em
                                        else BlockType.BODY)
            real[b.id].trace.append(f"vertical page: not in the masthead area, retyped {b.type.value}")
    for b in lone_subheads(blocks, em):
        b.type = real[b.id].type = BlockType.HEADLINE
        real[b.id].trace.append("vertical page: headline type with no headline beside it on its right: the "
                                "article's headline, not a subhead")
    for b in subheads_beside_headlines(blocks, em):
        b.type = real[b.id].type = BlockType.SUBHEAD
        real[b.id].trace.append("vertical page: a headline in smaller type right beside a headline on its right: "
                                "its subhead")
    why: dict[str, str] = {}
    art = assign_articles(blocks, seps, mast, em, why)
    for b in blocks:
        if b.id in why:
            real[b.id].trace.append(f"vertical page: article by rule: {why[b.id]}")
    for b in heads_in_body(blocks, art, em):
        b.type = real[b.id].type = BlockType.BODY
        real[b.id].trace.append("vertical page: a head column left of its article's body in its tier: a body "
                                "column, retyped body")
    groups: dict[int, list[Block]] = {}
    for b in blocks:
        groups.setdefault(art[b.id], []).append(b)
    # the masthead takes part in the cuts (a boxed title top right has the first tiers' articles beside it,
    # the rest of the page under both) and is read first in its part
    items = [(Box.union_all(bl.box for bl in groups[a]), a) for a in groups]
    columns = (BlockType.BODY,) + _HEADS       # an article with no column of text has no measured edge
    unmeasured = frozenset(a for a, bl in groups.items() if not any(b.type in columns for b in bl))
    rules = (gutter_rules(seps, em * _work_scale(page), page.dpi / 25.4 * _work_scale(page)) if page.dpi
             else GutterRules())
    # where an article starts: its heads, or the rightmost column of a run of columns no headline starts
    # (assign_articles): a cut down between it and the run's next columns is no gutter strays cross
    runs = {art[b.id] for b in blocks if why.get(b.id) == RUN_NEXT}
    starts = {b.id for b in blocks if art[b.id] in runs and why.get(b.id) == OWN}
    parts = {a: [(b.box, b.type in _HEADS or b.id in starts) for b in bl] for a, bl in groups.items()}
    seq = masthead_band(items, w, h, CUT_TOLERANCE_EM * em, unmeasured, rules, parts) if items else []
    if 0 in seq:
        seq.remove(0)
        seq.insert(0, 0)
    ordered: list[Block] = []
    page.articles = []
    for k, a in enumerate(seq):
        bl = (sorted(groups[a], key=lambda b: (b.box.y0, -b.box.x1)) if a == 0 else article_blocks(groups[a], em))
        aid = f"a{k + 1}"
        page.articles.append(Article(aid, [b.id for b in bl]))
        ordered.extend(real[b.id] for b in bl)
    for i, b in enumerate(ordered):
        b.order = i
        b.article = page.articles[next(k for k, a in enumerate(page.articles) if b.id in a.block_ids)].id
        b.trace.append(f"vertical page: article {b.article}, reading position {i}")
    page.blocks = ordered
