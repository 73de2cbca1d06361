"""Clean-text writer: units in reading order, paragraphs rebuilt across lines and columns."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from digitize.geometry import Box
from digitize.model import Block, BlockType, Line, Page, Word
from digitize.textclean import clean_line, han_space_count, tokens
from digitize.writers.text import render_text, write_text


def _line(i: int, text: str, indent: bool = False, x1: int = 1000) -> Line:
    words = [Word(tok, Box(0, i * 50, 10, i * 50 + 40), 0.9, space_before=sp) for tok, sp in tokens(clean_line(text))]
    return Line(f"l{i}", Box(0, i * 50, x1, i * 50 + 40), words=words, indent=indent)


def _block(bid: str, kind: BlockType, order: int, lines: list[Line], article: str | None = "a1") -> Block:
    return Block(bid, kind, Box(0, 0, 1000, 1000), lines=lines, article=article, order=order)


def _page(blocks: list[Block]) -> Page:
    return Page(source=Path("p.png"), width=2000, height=3000, blocks=blocks)


def test_units_paragraphs_and_column_continuation() -> None:
    page = _page([
        # deliberately listed out of order: the writer follows Block.order
        _block("b3", BlockType.BODY, 3, [_line(5, "科学城为抓手，加快建设。"),
                                         _line(6, "中国科学院是国家战略", indent=True),
                                         _line(7, "科技力量。")]),
        _block("b0", BlockType.HEADLINE, 0, [_line(0, "重庆市与中国科学院"), _line(1, "签署战略合作协议")]),
        _block("b1", BlockType.BYLINE, 1, [_line(2, "本报记者 罗静雯")]),
        _block("b2", BlockType.BODY, 2, [_line(3, "本报讯（重庆日报记者罗静雯）12月15日，", indent=True),
                                         _line(4, "以高标准高起点建设西部（重庆）")]),
        _block("b4", BlockType.PICTURE, 4, []),
        _block("b5", BlockType.CAPTION, 5, [_line(8, "近日，工作人员在綦江"), _line(9, "调试真空罐。")]),
    ])
    text = render_text(page, nfkc=False)
    assert text == ("重庆市与中国科学院签署战略合作协议\n\n"
                    "本报记者罗静雯\n\n"
                    "本报讯（重庆日报记者罗静雯）12月15日，以高标准高起点建设西部（重庆）科学城为抓手，加快建设。\n\n"
                    "中国科学院是国家战略科技力量。\n\n"
                    "近日，工作人员在綦江调试真空罐。\n")
    assert han_space_count(text) == 0


def test_continuation_only_within_the_same_article() -> None:
    page = _page([
        _block("b0", BlockType.BODY, 0, [_line(0, "第一篇文章的正文", indent=True)], article="a1"),
        _block("b1", BlockType.BODY, 1, [_line(1, "第二篇没有缩进")], article="a2"),
        _block("b2", BlockType.BODY, 2, [_line(2, "第一篇的下一栏")], article="a1"),
    ])
    assert render_text(page) == "第一篇文章的正文第一篇的下一栏\n\n第二篇没有缩进\n"


def test_latin_lines_and_hyphenation() -> None:
    first = _line(0, "the new COVID-19 vaccine is an inter", indent=True)
    first.words[-1].text = "inter"
    first.words[-1].hyphenated = True
    page = _page([_block("b0", BlockType.BODY, 0, [first, _line(1, "national effort and"), _line(2, "more")])])
    assert render_text(page) == "the new COVID-19 vaccine is an international effort and more\n"


def test_teaser_lines_split_at_short_lines() -> None:
    page = _page([_block("b0", BlockType.TEASER, 0, [_line(0, "2020年12月17日 星期四", x1=400),
                                                    _line(1, "网址：www.cqkjc.com", x1=500)], article=None)])
    assert render_text(page) == "2020年12月17日星期四\n\n网址:www.cqkjc.com\n"


def test_text_equals_alto_strings_and_is_written(tmp_path: Path) -> None:
    page = _page([
        _block("b0", BlockType.HEADLINE, 0, [_line(0, "国内统一连续出版物号：CN 50-0033 代号：77-9")]),
        _block("b1", BlockType.BODY, 1, [_line(1, "网址：www.cqkjc.com", indent=True), _line(2, "今日16版")]),
        _block("b2", BlockType.BODY, 2, [], article="a2"),
    ])
    text = render_text(page)
    strings = "".join(w.text for w in page.words())
    assert "".join(render_text(page, nfkc=False).split()) == strings     # the ALTO Strings, as printed
    assert text == unicodedata.normalize("NFKC", render_text(page, nfkc=False))
    out = tmp_path / "sub" / "p.txt"
    write_text(page, out)
    assert out.read_text(encoding="utf-8") == text
    assert render_text(_page([])) == ""


def _placed(text: str, x: int, y: int, size: int = 40) -> list[Word]:
    """Words of ``text`` set from (x, y), one em per Han character."""
    out = []
    for tok, sp in tokens(clean_line(text)):
        out.append(Word(tok, Box(x, y, x + size * len(tok), y + size), 0.9, space_before=sp))
        x += size * len(tok)
    return out


def test_masthead_row_items_and_merged_rows_are_units() -> None:
    row = Line("l0", Box(100, 100, 1500, 140), words=_placed("弘扬科学精神", 100, 100) + _placed("普及科学知识", 700, 100))
    merged = Line("l1", Box(100, 200, 1500, 290),
                  words=_placed("网址：www.cqkjc.com", 100, 200) + _placed("重庆科技报社出版", 100, 250))
    page = _page([_block("b0", BlockType.MASTHEAD, 0, [row, merged], article=None)])
    page.blocks[0].box = Box(100, 100, 1500, 290)
    assert render_text(page) == "弘扬科学精神\n\n普及科学知识\n\n网址:www.cqkjc.com\n\n重庆科技报社出版\n"
    # in a teaser a line running to the right edge continues on the next line
    full = Line("l2", Box(100, 100, 1500, 140), words=_placed("国内统一连续出版物号重庆市科学技术协会主管主办重庆市科学技术局", 100, 100))
    more = Line("l3", Box(100, 150, 500, 190), words=_placed("指导", 100, 150))
    page = _page([_block("b0", BlockType.TEASER, 0, [full, more], article=None)])
    page.blocks[0].box = Box(100, 100, 1500, 190)
    assert render_text(page) == "国内统一连续出版物号重庆市科学技术协会主管主办重庆市科学技术局指导\n"
    # in a masthead each line is an item of its own, even a full-width one
    page = _page([_block("b0", BlockType.MASTHEAD, 0, [full, more], article=None)])
    page.blocks[0].box = Box(100, 100, 1500, 190)
    assert render_text(page) == "国内统一连续出版物号重庆市科学技术协会主管主办重庆市科学技术局\n\n指导\n"


def test_text_is_nfkc_by_default_and_printed_on_request() -> None:
    page = _page([_block("b0", BlockType.BODY, 0, [_line(0, "本报讯（记者罗静雯）１２月１５日，签约：", indent=True)])])
    assert render_text(page) == "本报讯(记者罗静雯)12月15日,签约:\n"
    assert render_text(page, nfkc=False) == "本报讯（记者罗静雯）１２月１５日，签约：\n"


def test_field_gap_space_kept_and_credit_line_is_its_own_unit() -> None:
    byline = _line(0, "本报记者")
    name = _line(0, "张锦辉")
    name.words[0].space_before = True              # a field gap measured by the recognition stage
    byline.words += name.words
    caption = [_line(1, "近日，工作人员在綦江调试真空罐。"), _line(2, "重庆日报记者张锦辉摄")]
    for w in caption[1].words:
        w.box = Box(600, w.box.y0, 610, w.box.y1)
    caption[1].box = Box(600, caption[1].box.y0, 1000, caption[1].box.y1)   # right-aligned credit
    page = _page([_block("b0", BlockType.BYLINE, 0, [byline]), _block("b1", BlockType.CAPTION, 1, caption)])
    assert render_text(page) == "本报记者 张锦辉\n\n近日,工作人员在綦江调试真空罐。\n\n重庆日报记者张锦辉摄\n"
