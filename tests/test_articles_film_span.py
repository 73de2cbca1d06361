"""On film a headline's ink is cut at gutters or lost in grain, so its box covers fewer columns than its body: the
columns beside its span whose body starts level with the body right under it join its span
(articles.body_spans; the microfilm profile, layout.grain_joined_lines)."""
from __future__ import annotations

from digitize.geometry import Box
from digitize.layout.articles import assign_articles
from digitize.layout.regions import Region, Seg
from digitize.model import BlockType

EM = 10.0
COLS = [(0, 100), (120, 220), (240, 340), (360, 460)]


def block(kind: BlockType, x0: int, y0: int, x1: int, y1: int, c: int | None = None) -> Region:
    """A block of 10 px lines at a 14 px pitch (one line when shorter), in grid column ``c``."""
    lines = [Seg(Box(x0, y, x1, min(y1, y + 10))) for y in range(y0, max(y0 + 1, y1 - 5), 14)]
    return Region(Box(x0, y0, x1, y1), kind, lines=lines, cols=(c, c) if c is not None else (-1, -1), font=EM)


def page(col3_top: int) -> tuple[list[Region], Region, Region, Region]:
    """Row 1: a headline over all four columns and its body.  Row 2: a headline whose box covers columns 0-2 (its
    ink cut short of column 3), its body under it from y=260, a speck of grain level with it in column 3, and the
    body of column 3 from ``col3_top``."""
    top = block(BlockType.HEADLINE, 0, 0, 460, 30)
    row1 = [block(BlockType.BODY, c0, 40, c1, 200, i) for i, (c0, c1) in enumerate(COLS)]
    head = block(BlockType.HEADLINE, 0, 220, 330, 250)
    row2 = [block(BlockType.BODY, c0, 260, c1, 500, i) for i, (c0, c1) in enumerate(COLS[:3])]
    speck = block(BlockType.BODY, 400, 228, 408, 236, 3)
    col3 = block(BlockType.BODY, 360, col3_top, 460, 500, 3)
    return [top, *row1, head, *row2, speck, col3], top, head, col3


def test_a_column_beside_a_film_headline_level_with_its_body_joins_its_article() -> None:
    regions, top, head, col3 = page(262)
    assign_articles(regions, COLS, [], EM, grain=True)
    assert col3.article == head.article != top.article
    assert all(r.article == head.article for r in regions[6:9])


def test_on_paper_or_with_its_body_lower_the_column_stays_where_it_was() -> None:
    regions, top, head, col3 = page(262)
    assign_articles(regions, COLS, [], EM, grain=False)        # the paper profile: no change
    assert col3.article == top.article
    regions, top, head, col3 = page(262 + 3 * int(EM))          # 3 em below the headline's body: not its column
    assign_articles(regions, COLS, [], EM, grain=True)
    assert col3.article == top.article
