"""Article order: rows of top edges (default) and recursive XY-cut, on article boxes."""
from __future__ import annotations

from digitize.geometry import Box
from digitize.layout.order import rows, xy_order


def test_stack_beside_a_lead_article() -> None:
    # a rail of two short items (left) beside a tall lead article (right), then a full-width band below
    items = [(Box(0, 0, 100, 90), "rail-1"), (Box(0, 110, 100, 300), "rail-2"),
             (Box(120, 5, 400, 300), "lead"), (Box(0, 320, 400, 500), "band")]
    assert xy_order(items, 13) == ["rail-1", "rail-2", "lead", "band"]
    assert rows([(b.y0, b.x0, o) for b, o in items], 13) == ["rail-1", "lead", "rail-2", "band"]


def test_a_row_whose_tops_spread_wider_than_the_tolerance_step_by_step_stays_one_row() -> None:
    """Microfilm 20 mi_004: five articles of one row, tops measured at 366-381 px (keystone, the layout's 100
    dpi), tolerance 13.3 px: each top lies within it of the previous one, so the row is read left to right;
    the next row, far below, stays a row of its own."""
    items = [(366, 36, "a"), (377, 638, "d"), (377, 787, "e"), (381, 338, "b"), (381, 486, "c"),
             (700, 500, "next-right"), (702, 40, "next-left")]
    assert rows(items, 13.3) == ["a", "b", "c", "d", "e", "next-left", "next-right"]


def test_overlapping_boxes_fall_back_to_rows() -> None:
    # an L-shaped article's box overlaps its neighbour's: no straight cut, read by rows
    items = [(Box(0, 0, 300, 200), "L"), (Box(200, 100, 400, 300), "B"), (Box(0, 210, 190, 300), "C")]
    assert xy_order(items, 5) == ["L", "B", "C"]


def test_xy_cut_reads_a_grid_of_small_items_row_by_row() -> None:
    """Beside a tall picture, two stacks of small ads whose tops are level are one grid: read row by row;
    stacks of different counts stay column by column."""
    tall = (Box(0, 0, 500, 900), "pic")
    grid = [(Box(520 + 300 * c, 300 * r + (8 if c else 0), 800 + 300 * c, 300 * r + 260), f"ad{r}{c}")
            for r in range(3) for c in range(2)]
    assert xy_order([tall] + grid, 20) == ["pic", "ad00", "ad01", "ad10", "ad11", "ad20", "ad21"]
    uneven = grid[:-1]                             # 3 in the left stack, 2 in the right one
    assert xy_order([tall] + uneven, 20) == ["pic", "ad00", "ad10", "ad20", "ad01", "ad11"]


def test_row_mates_with_the_same_left_edge_are_read_top_first() -> None:
    # an L-shaped article's foot starts at its corner neighbour's left edge: the neighbour is higher
    assert rows([(110, 50, "wrapping"), (100, 55, "corner")], 40) == ["corner", "wrapping"]
    assert rows([(110, 50, "left"), (100, 200, "right")], 40) == ["left", "right"]


def test_row_mates_tied_on_top_and_left_are_read_by_where_their_top_part_starts() -> None:
    # an L-shaped article (headline at x=600) whose foot wraps under its neighbour (headline at x=0): both
    # start on the same line and at the same left edge; the neighbour's story starts further left
    assert rows([(100, 0, "wrapping", 600), (100, 2, "neighbour", 2)], 40) == ["neighbour", "wrapping"]
    assert rows([(100, 2, "neighbour", 2), (100, 0, "wrapping", 600)], 40) == ["neighbour", "wrapping"]
    # tops apart by more than a quarter of the row tolerance: the higher one first, as before
    assert rows([(130, 0, "wrapping", 600), (100, 2, "corner", 2)], 40) == ["corner", "wrapping"]


def test_l_shaped_article_with_paragraph_breaks_reads_its_upper_part_before_its_foot() -> None:
    """An article heads column 1 in three paragraphs (bands over the same column) and runs on under its
    neighbour in a band over columns 0-1: the upper part is read first, then the foot column by column."""
    from digitize.layout.order import article_sequence
    from digitize.layout.regions import Region
    from digitize.model import BlockType

    def body(x0: int, y0: int, x1: int, y1: int, c0: int, c1: int) -> Region:
        return Region(Box(x0, y0, x1, y1), BlockType.BODY, cols=(c0, c1))

    upper = [body(110, 50, 210, 120, 1, 1), body(110, 125, 210, 200, 1, 1), body(110, 205, 210, 300, 1, 1)]
    foot = [body(0, 330, 100, 480, 0, 0), body(110, 330, 210, 480, 1, 1)]
    assert article_sequence(foot[::-1] + upper[::-1]) == upper + foot


def test_a_subhead_or_byline_below_the_body_start_is_read_where_it_stands() -> None:
    """An ad: headline, two body lines, a short centred line typed subhead, more body; and a closing byline
    under the body.  The subhead is read between the body blocks around it, the byline last; a subhead above
    the body stays with the headline."""
    from digitize.layout.order import article_sequence
    from digitize.layout.regions import Region
    from digitize.model import BlockType

    def reg(t: BlockType, x0: int, y0: int, x1: int, y1: int, name: str) -> Region:
        r = Region(Box(x0, y0, x1, y1), t, cols=(0, 0))
        r.trace.append(name)
        return r

    head = reg(BlockType.HEADLINE, 40, 0, 160, 30, "head")
    deck = reg(BlockType.SUBHEAD, 20, 35, 180, 50, "deck")
    b1 = reg(BlockType.BODY, 0, 55, 200, 100, "b1")
    mid = reg(BlockType.SUBHEAD, 50, 105, 150, 118, "mid")
    b2 = reg(BlockType.BODY, 0, 122, 200, 200, "b2")
    sign = reg(BlockType.BYLINE, 120, 205, 200, 218, "sign")
    seq = article_sequence([b2, sign, mid, b1, deck, head])
    assert [r.trace[0] for r in seq] == ["head", "deck", "b1", "mid", "b2", "sign"]


def test_lines_of_a_column_the_grid_missed_are_read_top_to_bottom() -> None:
    """A TV listing's ragged column, missed by the page's grid: its lines, blocks of one line each outside
    the grid, start at different x (a long title, a field set further in).  They are read down the stack
    they form, not by their left edges (browser 8 bt_007); two such stacks side by side, left one first."""
    from digitize.layout.order import article_sequence
    from digitize.layout.regions import Region
    from digitize.model import BlockType

    def line(x0: int, y0: int, x1: int) -> Region:
        return Region(Box(x0, y0, x1, y0 + 12), BlockType.BODY, cols=(-1, -1))

    left = [line(300 + (37 * i) % 90, 20 * i, 420 + (53 * i) % 60) for i in range(8)]
    right = [line(600 + (29 * i) % 40, 20 * i + 5, 700) for i in range(5)]
    assert article_sequence(right[::-1] + left[::-1]) == left + right


def test_one_vertical_caption_does_not_turn_a_horizontal_article() -> None:
    """A horizontal article (headline over three columns, a byline, a body block per column, a picture
    with a caption) whose caption was taken for top-to-bottom columns (a heavy scan) is read as horizontal
    text: headline, byline, columns left to right, picture, caption.  An article whose text is mostly
    vertical blocks is read right to left."""
    from digitize.layout.order import article_sequence
    from digitize.layout.regions import Region
    from digitize.model import BlockType

    head = Region(Box(100, 0, 300, 30), BlockType.HEADLINE)
    by = Region(Box(0, 40, 60, 50), BlockType.BYLINE)
    cols = [Region(Box(x, 60, x + 90, 400), BlockType.BODY, cols=(c, c)) for c, x in enumerate((0, 105, 210))]
    pic = Region(Box(0, 420, 90, 500), BlockType.PICTURE, pic=0)
    cap = Region(Box(0, 505, 90, 530), BlockType.CAPTION, vertical=True)
    cap.caption_of = 0
    seq = article_sequence([cap, pic] + cols[::-1] + [by, head])
    assert seq == [head, by] + cols + [pic, cap]
    # the same blocks set top to bottom: its columns right to left
    for c in cols:
        c.vertical = True
    assert [r for r in article_sequence([head, by] + cols + [pic, cap]) if r in cols] == cols[::-1]


def _text(t, x0: int, y0: int, x1: int, y1: int, c0: int, c1: int, name: str, pitch: int = 20):
    """A block of lines ``pitch`` apart (font 16) over grid columns c0..c1, named in its trace."""
    from digitize.layout.regions import Region, Seg

    r = Region(Box(x0, y0, x1, y1), t, cols=(c0, c1), font=16.0,
               lines=[Seg(Box(x0, y, x1, min(y1, y + 16))) for y in range(y0, y1 - 8, pitch)])
    r.trace.append(name)
    return r


def _photo(width: int, cap_bottom: int, cap_width: int, c1: int):
    """A photo (picture 0) at the article's top left over grid columns 0..c1, its caption under it."""
    from digitize.model import BlockType

    pic = _text(BlockType.PICTURE, 0, 0, width, 200, 0, c1, "pic")
    pic.lines, pic.pic = [], 0
    cap = _text(BlockType.CAPTION, 0, 205, cap_width, cap_bottom, 0, c1, "cap")
    cap.caption_of = 0
    return pic, cap


def test_text_under_an_articles_photo_is_read_in_the_photos_columns() -> None:
    """An article's photo heads columns 0-1 (caption under it), column 2 runs from the top with a paragraph
    break level with the caption; the text under the photo continues columns 0 and 1: read column by
    column (0, 1, then 2), not as an L-shaped foot after column 2 (synth 95 sl_004, 83 sx_005, 98 ss_006)."""
    from digitize.layout.order import article_sequence
    from digitize.model import BlockType

    pic, cap = _photo(410, 240, 400, 1)
    c2a = _text(BlockType.BODY, 420, 0, 620, 235, 2, 2, "c2a")
    c2b = _text(BlockType.BODY, 420, 250, 620, 500, 2, 2, "c2b")
    c0 = _text(BlockType.BODY, 0, 250, 200, 500, 0, 0, "c0")
    c1 = _text(BlockType.BODY, 210, 250, 410, 500, 1, 1, "c1")
    seq = article_sequence([c2b, c1, cap, c0, c2a, pic])
    assert [r.trace[0] for r in seq] == ["c0", "c1", "c2a", "c2b", "pic", "cap"]


def test_text_wrapped_under_a_float_is_read_after_the_text_beside_it() -> None:
    """A photo floated left in a column, the text beside it on the right, then text set across the whole
    column under it (wider than the float), or a paragraph's short last line wrapped under it: the text
    beside the float is read first (browser 37 bq_002; browser dev bd_007)."""
    from digitize.layout.order import article_sequence
    from digitize.model import BlockType

    pic, cap = _photo(300, 225, 300, 0)
    beside = _text(BlockType.BODY, 320, 0, 620, 235, 1, 1, "beside")
    across = _text(BlockType.BODY, 0, 250, 620, 400, 0, 1, "across")
    assert [r.trace[0] for r in article_sequence([across, cap, beside, pic])] == ["beside", "across", "pic", "cap"]
    last = _text(BlockType.BODY, 0, 250, 180, 266, 0, 0, "last")
    across = _text(BlockType.BODY, 0, 280, 620, 400, 0, 1, "across")
    assert [r.trace[0] for r in article_sequence([across, last, cap, beside, pic])] == \
        ["beside", "last", "across", "pic", "cap"]


def test_text_run_across_under_a_float_waits_for_the_text_above_it_in_the_next_column() -> None:
    """The text beside a float photo (column 1) reaches a line below the top of the text run on across the
    photo's width under it (columns 0-1, its first line cut in two), or the text under the photo's caption in
    column 0 stands level with the foot of the text beside it: one band, and column order read the text
    across (column 0) before the text beside the photo, which stands above it (browser 16 bi_004, 18 be_002,
    36 bl_005, 44 ch_002).  The text beside is read first; blocks of one column keep their order."""
    from digitize.layout.order import article_sequence
    from digitize.model import BlockType

    pic, cap = _photo(300, 225, 300, 0)
    beside = _text(BlockType.BODY, 320, 0, 620, 310, 1, 1, "beside")
    across = _text(BlockType.BODY, 0, 290, 620, 400, 0, 1, "across")
    assert [r.trace[0] for r in article_sequence([across, cap, beside, pic])] == ["beside", "across", "pic", "cap"]
    under = _text(BlockType.BODY, 0, 250, 300, 290, 0, 0, "under")
    beside = _text(BlockType.BODY, 320, 0, 620, 290, 1, 1, "beside")
    across = _text(BlockType.BODY, 0, 300, 620, 400, 0, 1, "across")
    assert [r.trace[0] for r in article_sequence([across, under, cap, beside, pic])] == \
        ["under", "beside", "across", "pic", "cap"]


def test_lines_merged_across_a_gutter_do_not_reorder_the_columns() -> None:
    """Two columns whose lines are merged across the gutter for two rows (a block across both columns) and
    that both go on under it: the block across is a merge, not text run on across a photo's width; the
    columns are read one after the other as before (microfilm 9 mg_001)."""
    from digitize.layout.order import article_sequence
    from digitize.model import BlockType

    a0 = _text(BlockType.BODY, 0, 0, 200, 200, 0, 0, "a0")
    b0 = _text(BlockType.BODY, 210, 0, 410, 200, 1, 1, "b0")
    merged = _text(BlockType.BODY, 0, 210, 410, 250, 0, 1, "merged")
    a1 = _text(BlockType.BODY, 0, 260, 200, 400, 0, 0, "a1")
    b1 = _text(BlockType.BODY, 210, 260, 410, 400, 1, 1, "b1")
    assert [r.trace[0] for r in article_sequence([b1, a1, merged, b0, a0])] == ["a0", "merged", "a1", "b0", "b1"]


def test_blocks_side_by_side_in_columns_keep_column_order() -> None:
    """Two columns of one article, each in two blocks; a block in column 1 whose box starts a few px above
    the top of a block set across columns 0-1 (less than half a line: they start level): column by column as
    before."""
    from digitize.layout.order import article_sequence
    from digitize.model import BlockType

    a0 = _text(BlockType.BODY, 0, 0, 200, 200, 0, 0, "a0")
    a1 = _text(BlockType.BODY, 0, 220, 200, 400, 0, 0, "a1")
    b0 = _text(BlockType.BODY, 210, 0, 410, 150, 1, 1, "b0")
    b1 = _text(BlockType.BODY, 210, 170, 410, 400, 1, 1, "b1")
    assert [r.trace[0] for r in article_sequence([b1, a1, b0, a0])] == ["a0", "a1", "b0", "b1"]
    wide = _text(BlockType.BODY, 0, 500, 410, 560, 0, 1, "wide")
    level = _text(BlockType.BODY, 210, 495, 410, 520, 1, 1, "level")
    assert [r.trace[0] for r in article_sequence([a0, level, wide])][1:] == ["wide", "level"]


def _flow_page(indent: int = 0, head_height: int = 10, rows_mate: bool = False, last_short: bool = False,
               wraps: bool = False):
    """Two grid columns (0-100, 110-210) set as one run of text, as the real broadsheets set it: article 1
    (headline, body) and article 2 (headline, body) down column 0; column 1 starts with text of no headline
    (article 3: article 2's story running on) and then article 4 (headline, body).  Lines 10 px tall, a
    12 px pitch.  ``indent``: article 3's first line set in; ``head_height``: its first line's height;
    ``rows_mate``: article 4 starts level with article 2 (rows of articles, no flow); ``last_short``: article
    2's last line stops 40 px short (its paragraph ends there); ``wraps``: article 2 runs on in column 1 too,
    under article 4."""
    from digitize.layout.regions import Region, Seg
    from digitize.model import BlockType

    def block(kind: BlockType, x0: int, y0: int, y1: int, col: int, article: int, first_in: int = 0,
              first_h: int = 10, last_out: int = 0) -> Region:
        lines = [Seg(Box(x0 + (first_in if k == 0 else 0), y, x0 + 100, y + (first_h if k == 0 else 10)))
                 for k, y in enumerate(range(y0, y1 - 9, 12))]
        lines[-1].box = Box(lines[-1].box.x0, lines[-1].box.y0, lines[-1].box.x1 - last_out, lines[-1].box.y1)
        return Region(Box(x0, y0, x0 + 100, lines[-1].box.y1), kind, lines=lines, cols=(col, col),
                      article=article)

    h4 = 310 if rows_mate else 250
    if wraps:
        return [block(BlockType.HEADLINE, 0, 0, 20, 0, 1), block(BlockType.BODY, 0, 24, 296, 0, 1),
                block(BlockType.HEADLINE, 0, 310, 330, 0, 2), block(BlockType.BODY, 0, 334, 598, 0, 2),
                block(BlockType.BODY, 110, 0, h4 - 14, 1, 3, indent, head_height),
                block(BlockType.HEADLINE, 110, h4, h4 + 20, 1, 4), block(BlockType.BODY, 110, h4 + 24, 430, 1, 4),
                block(BlockType.BODY, 110, 450, 598, 1, 2)]
    return [block(BlockType.HEADLINE, 0, 0, 20, 0, 1), block(BlockType.BODY, 0, 24, 296, 0, 1),
            block(BlockType.HEADLINE, 0, 310, 330, 0, 2),
            block(BlockType.BODY, 0, 334, 598, 0, 2, last_out=40 if last_short else 0),
            block(BlockType.BODY, 110, 0, h4 - 14, 1, 3, indent, head_height),
            block(BlockType.HEADLINE, 110, h4, h4 + 20, 1, 4), block(BlockType.BODY, 110, h4 + 24, 598, 1, 4)]


def _article_order(regions) -> list[int]:
    from digitize.layout.order import reading_order
    out: list[int] = []
    for r in reading_order(regions, 13.0):
        if r.article not in out:
            out.append(r.article)
    return out


def test_text_flowing_on_at_the_top_of_the_next_column_is_read_after_the_column_it_continues() -> None:
    """Rows of tops would read the headless top of column 1 (article 3) right after article 1; it continues
    the story at the foot of column 0 (article 2), and article 4 under it waits for it."""
    assert _article_order(_flow_page()) == [1, 2, 3, 4]


def test_no_flow_where_the_top_of_the_column_is_no_running_text() -> None:
    # its first line set in by an em although column 0 ends in a full line: a new story, not the one running
    # on (its headline typed body); its first line in headline type (20 px, the body's 10): a headline
    assert _article_order(_flow_page(indent=10)) == [1, 3, 4, 2]
    assert _article_order(_flow_page(head_height=20)) == [1, 3, 4, 2]


def test_after_a_paragraph_end_the_next_column_runs_on_with_a_new_paragraph() -> None:
    # column 0 ends in a short line: the story runs on when the next column starts a paragraph (set in), and
    # a flush first line there is no paragraph's start
    assert _article_order(_flow_page(indent=10, last_short=True)) == [1, 2, 3, 4]
    assert _article_order(_flow_page(last_short=True)) == [1, 3, 4, 2]


def test_no_flow_into_a_column_the_story_itself_goes_on_in() -> None:
    # article 2 runs on in column 1 under article 4: the top of column 1 is no part of its text
    assert _article_order(_flow_page(wraps=True)) == [1, 3, 4, 2]


def test_no_flow_where_the_articles_are_set_in_rows() -> None:
    # article 4 starts level with article 2: rows of articles (a grid), read by rows
    assert _article_order(_flow_page(rows_mate=True)) == [1, 3, 2, 4]


def test_a_picture_given_to_an_article_does_not_move_where_the_article_is_read() -> None:
    """Three articles side by side in columns 0, 1 and 2, their tops level; a headless photo (and its caption)
    across the foot of all three went to the article in column 2 (the text right above it ends lowest there).
    The picture's left edge at the page's left must not make that article the row's second: the articles are
    read by where their text stands, 1, 2, 3 (browser 94 eh_003: article order 0.321)."""
    from digitize.layout.order import reading_order
    from digitize.model import BlockType

    def article(aid: int, col: int, foot: int) -> list:
        x0 = 220 * col
        head = _text(BlockType.HEADLINE, x0, 0, x0 + 200, 30, col, col, f"head{aid}", pitch=30)
        body = _text(BlockType.BODY, x0, 40, x0 + 200, foot, col, col, f"body{aid}")
        head.article = body.article = aid
        return [head, body]

    pic = _text(BlockType.PICTURE, 0, 420, 640, 700, 0, 2, "pic")
    pic.lines, pic.pic, pic.article = [], 0, 3
    cap = _text(BlockType.CAPTION, 0, 705, 640, 725, 0, 2, "cap")
    cap.caption_of, cap.article = 0, 3
    regions = [*article(1, 0, 380), *article(2, 1, 390), *article(3, 2, 410), pic, cap]
    seq = reading_order(regions, 13.0)
    assert [r.trace[0] for r in seq] == ["head1", "body1", "head2", "body2", "head3", "body3", "pic", "cap"]
