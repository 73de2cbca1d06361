"""Scanner-border debris at the image edge (layout.off_edge): self-made line boxes."""
from __future__ import annotations

from digitize.geometry import Box
from digitize.layout import off_edge
from digitize.layout.blocks import group_lines
from digitize.layout.regions import Seg
from digitize.model import BlockType
from digitize.layout.regions import Region

EM = 13.0
SHAPE = (1000, 800)                          # layout px: height, width


def test_a_speck_on_the_edge_does_not_take_the_block_above_it_along() -> None:
    """A vertical article whose columns blurred into one smear (one 'line' 60 em tall) takes a speck on the
    page's bottom edge as its second line (browser 22 bz_006): the speck goes, the article stays."""
    article = Seg(Box(50, 100, 500, 940))
    speck = Seg(Box(200, 985, 230, 1000))   # touches the bottom edge (y1 = height)
    regions = group_lines([article, speck], EM, [(40, 520)], [], [])
    assert [len(r.lines) for r in regions] == [2]           # grouped together, as on the page
    kept = off_edge(regions, SHAPE)
    assert len(kept) == 1 and [s.box for s in kept[0].lines] == [article.box]
    assert kept[0].box == article.box


def test_a_line_or_two_on_the_edge_is_still_dropped() -> None:
    """A lone line touching the edge, or two lines both touching it, are border debris; three lines are a
    block, kept whole."""
    one = Region(Box(0, 300, 40, 310), BlockType.BODY, [Seg(Box(0, 300, 40, 310))])
    two = Region(Box(760, 500, 800, 530), BlockType.BODY,
                 [Seg(Box(770, 500, 800, 510)), Seg(Box(760, 520, 800, 530))])
    three = Region(Box(0, 600, 300, 650), BlockType.BODY,
                   [Seg(Box(0, 600, 300, 610)), Seg(Box(10, 620, 300, 630)), Seg(Box(10, 640, 300, 650))])
    inner = Region(Box(100, 100, 300, 110), BlockType.BODY, [Seg(Box(100, 100, 300, 110))])
    assert off_edge([one, two, three, inner], SHAPE) == [three, inner]
