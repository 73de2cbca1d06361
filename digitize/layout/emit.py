"""Turn layout regions (layout px, working frame) into model Blocks, Lines, Articles and Separators (original frame)."""
from __future__ import annotations

from ..geometry import Box
from ..model import Article, Block, BlockType, Line, Page, Separator
from .params import DEFAULT as PARAMS
from .regions import Region, Seg
from .separators import Ink


def to_work(box: Box, scale: float, pad: float, work_size: tuple[int, int]) -> Box:
    """A layout-px box in working-frame pixels, padded by ``pad`` working px."""
    w, h = work_size
    f = 1.0 / scale
    return Box(int(box.x0 * f - pad), int(box.y0 * f - pad), int(box.x1 * f + pad + 0.999),
               int(box.y1 * f + pad + 0.999)).clip(w, h)


def _line(page: Page, seg: Seg, lid: str, scale: float, indent: bool) -> Line:
    wb = to_work(seg.box, scale, 2.0, page.transform.work_size)
    box, poly = page.transform.box_to_original(wb, page.width, page.height)
    return Line(lid, box, poly, font_size_px=round(seg.size / scale, 1), indent=indent, vertical=seg.vertical)


def to_model(page: Page, ordered: list[Region], ink: Ink, scale: float, em: float) -> None:
    """Fill page.blocks (in reading order), page.articles and page.separators."""
    page.blocks, page.articles, page.separators = [], [], []
    art_ids: dict[int, str] = {}
    pic_ids: dict[int, str] = {}
    by_id: dict[str, Article] = {}
    n_line = 0
    blocks: list[Block] = []
    for k, r in enumerate(ordered):
        bid = f"b{k + 1}"
        if r.article not in art_ids:
            art_ids[r.article] = f"a{len(art_ids) + 1}"
            page.articles.append(Article(art_ids[r.article]))
            by_id[art_ids[r.article]] = page.articles[-1]
        aid = art_ids[r.article]
        lines: list[Line] = []
        if r.type.is_text:
            seq = sorted(r.lines, key=lambda s: (-s.box.x1, s.box.y0) if r.vertical else (s.box.y0, s.box.x0))
            left = min(s.box.x0 for s in seq) if seq else r.box.x0
            for s in seq:
                n_line += 1
                indent = (not r.vertical) and s.box.x0 - left >= PARAMS.indent_min_em * em
                lines.append(_line(page, s, f"l{n_line}", scale, indent))
            wb = to_work(Box.union_all([s.box for s in r.lines]), scale, 2.0, page.transform.work_size)
        else:
            wb = to_work(r.box, scale, 0.0, page.transform.work_size)
            pic_ids[r.pic] = bid
        box, poly = page.transform.box_to_original(wb, page.width, page.height)
        blocks.append(Block(bid, r.type, box, poly, lines, article=aid, column=r.column, order=k,
                            vertical=r.vertical, font_size_px=round(r.font / scale, 1) if r.font else None,
                            trace=list(r.trace)))
        by_id[aid].block_ids.append(bid)
    for r, b in zip(ordered, blocks):
        if r.type == BlockType.CAPTION and r.caption_of is not None:
            b.caption_of = pic_ids.get(r.caption_of)
    page.blocks = blocks
    n = 0
    for rule in ink.rules:
        n += 1
        wb = to_work(rule.box, scale, 0.0, page.transform.work_size)
        box, poly = page.transform.box_to_original(wb, page.width, page.height)
        page.separators.append(Separator(f"s{n}", box, rule.orientation, round(rule.thickness / scale, 1), rule.kind, poly))
    for f in ink.frames:
        n += 1
        wb = to_work(f, scale, 0.0, page.transform.work_size)
        box, poly = page.transform.box_to_original(wb, page.width, page.height)
        page.separators.append(Separator(f"s{n}", box, "h" if f.width >= f.height else "v", round(1 / scale, 1), "frame", poly))
