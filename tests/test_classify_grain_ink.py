"""On film, ink of specks typed headline by its size is no headline (classify.speckled_ink)."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.classify import body_stroke, classify, speckled_ink, stroke_width
from digitize.layout.params import DEFAULT as PARAMS
from digitize.layout.regions import Region, Seg
from digitize.model import BlockType

EM = 12.0


def _chars(mask: np.ndarray, x0: int, x1: int, y0: int, y1: int, stroke: int) -> None:
    """Characters of strokes ``stroke`` px wide, one every ``y1 - y0`` px: three uprights and a bar across."""
    h = y1 - y0
    for x in range(x0, x1 - h + 1, h):
        w = h - max(2, h // 6)                     # the white between two characters
        for k in range(3):
            u = x + k * (w - stroke) // 2
            mask[y0:y1, u:u + stroke] = 255
        mid = y0 + h // 2
        mask[mid:mid + stroke, x:x + w] = 255


def _body(mask: np.ndarray, x0: int, y0: int, n: int = 10) -> Region:
    """A body block of ``n`` lines of type one em, strokes 2 px wide, from (x0, y0), 240 px wide."""
    lines = []
    for i in range(n):
        y = y0 + int(1.5 * EM) * i
        _chars(mask, x0, x0 + 240, y, y + int(EM), 2)
        lines.append(Seg(Box(x0, y, x0 + 240, y + int(EM))))
    return Region(Box(x0, y0, x0 + 240, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(0, 0), font=EM)


def _grain(mask: np.ndarray, box: Box, rng: np.random.Generator) -> None:
    """Film grain: single-pixel specks over a quarter of the box, most of them apart."""
    mask[box.y0:box.y1, box.x0:box.x1] = np.where(rng.random((box.height, box.width)) < 0.25, 255, 0)


def _page() -> tuple[np.ndarray, Region, Region, list[Region]]:
    """Two columns of body under a headline of 2 em type (strokes 3 px) over the left one and a 2 em patch
    of grain over the right one (a photo's texture thresholded into specks, its "line" of headline size)."""
    rng = np.random.default_rng(7)
    mask = np.zeros((300, 560), np.uint8)
    hbox, gbox = Box(0, 20, 216, 44), Box(290, 20, 530, 44)
    _chars(mask, 0, 216, 20, 44, 3)
    _grain(mask, gbox, rng)
    head = Region(hbox, BlockType.BODY, lines=[Seg(hbox)], cols=(0, 0), font=2 * EM)
    grain = Region(gbox, BlockType.BODY, lines=[Seg(gbox)], cols=(1, 1), font=2 * EM)
    body = [_body(mask, 0, 80), _body(mask, 290, 80)]
    body[1].cols = (1, 1)
    return mask, head, grain, body


def test_grain_typed_headline_by_its_size_is_body_on_film() -> None:
    """The grain patch measures headline size (2 em) and is typed a headline without the rule, on paper
    (``body_run`` off) as before; on film its ink's mean run is a third of the body's stroke and more
    under params.headline_ink_stroke_share: it is body.  The headline beside it stays one."""
    mask, head, grain, body = _page()
    stroke = body_stroke(body, mask, EM)
    assert stroke > 0
    assert stroke_width(mask, grain) < PARAMS.headline_ink_stroke_share * stroke <= stroke_width(mask, head)
    assert speckled_ink(grain, mask, stroke) and not speckled_ink(head, mask, stroke)
    classify([head, grain, *body], EM, [(0, 240), (290, 530)], mask)               # paper: no rule
    assert head.type == BlockType.HEADLINE and grain.type == BlockType.HEADLINE
    mask, head, grain, body = _page()
    classify([head, grain, *body], EM, [(0, 240), (290, 530)], mask, body_run=True)  # film
    assert head.type == BlockType.HEADLINE
    assert grain.type == BlockType.BODY
    assert any("specks, not strokes" in t for t in grain.trace)


def test_grain_typed_body_is_an_article_of_its_own_that_takes_nothing() -> None:
    """The grain patch over the right column, typed body on film, starts no article that takes the column
    under it and joins none: it is an article of its own (Region.specks), and the body under it is not in
    it.  As a headline (paper, no rule) it took that body into its article."""
    from digitize.layout.articles import assign_articles
    mask, head, grain, body = _page()
    regions = [head, grain, *body]
    classify(regions, EM, [(0, 240), (290, 530)], mask)                             # paper: no rule
    assign_articles(regions, [(0, 240), (290, 530)], [], EM, mask)
    assert grain.article == body[1].article
    mask, head, grain, body = _page()
    regions = [head, grain, *body]
    classify(regions, EM, [(0, 240), (290, 530)], mask, body_run=True)              # film
    assign_articles(regions, [(0, 240), (290, 530)], [], EM, mask, grain=True)
    assert grain.specks and grain.article is not None
    assert all(r.article != grain.article for r in regions if r is not grain)
    assert head.article == body[0].article
