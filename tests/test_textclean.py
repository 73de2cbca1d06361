"""Chinese text cleaning rules on real newspaper snippets."""
from __future__ import annotations

import pytest

from digitize.textclean import (clean_line, drop_spurious_marks, fix_brackets, fix_punctuation, han_space_count, is_cjk, is_han,
                                join_lines, tokens)


@pytest.mark.parametrize("raw, clean", [
    # dateline: the space between two Han characters goes, digits stay ASCII
    ("2020年12月17日 星期四", "2020年12月17日星期四"),
    # byline with half-width brackets and comma from the engine
    ("本报讯(重庆日报记者 罗静雯)12月15日,", "本报讯（重庆日报记者罗静雯）12月15日，"),
    # tesseract's spaces around full-width punctuation
    ("纲要》， 以", "纲要》，以"),
    ("719家、 高新", "719家、高新"),
    # URL and code: ASCII kept inside them, the colon after Chinese becomes full width
    ("网址:www.cqkjc.com", "网址：www.cqkjc.com"),
    ("国内统一连续出版物号:CN 50-0033 代号:77-9", "国内统一连续出版物号：CN 50-0033 代号：77-9"),
    ("国内统一连续出版物号 : CN 50-0033 代号 : 77-9", "国内统一连续出版物号：CN 50-0033 代号：77-9"),
    # mixed Latin: spaces inside Latin runs and between Latin and Han stay
    ("COVID-19 疫情", "COVID-19 疫情"),
    ("新冠 COVID-19 疫情 防控", "新冠 COVID-19 疫情防控"),
    ("the quick  brown fox", "the quick brown fox"),
    # misread opening bracket closed by a round one
    ("西部〈重庆) 科学城", "西部（重庆）科学城"),
    ("《成渝地区双城经济圈建设规划纲要》", "《成渝地区双城经济圈建设规划纲要》"),
    # quotes and question marks
    ("“双一流” 建设?", "“双一流”建设？"),
    ("时间 10:30, 地点", "时间 10:30，地点"),
    ("  ", ""),
    # a hyphen read as the Han "one" inside a Latin run
    ("网址：www.in一paku.com", "网址：www.in-paku.com"),
    ("第一版 A一3", "第一版 A-3"),
    # a lone dash between Han characters is 一; the doubled Chinese dash stays
    ("国内统—连续出版物", "国内统一连续出版物"),
    ("母公司——赫尔姆集团", "母公司——赫尔姆集团"),
])
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean
    assert han_space_count(clean_line(raw)) == 0


def test_cleaning_keeps_character_count() -> None:
    for raw in ["本报讯(重庆日报记者 罗静雯)12月15日,", "西部〈重庆) 科学城", "网址 : www.cqkjc.com"]:
        assert len(clean_line(raw).replace(" ", "")) == len(raw.replace(" ", ""))


def test_brackets() -> None:
    assert fix_brackets("《重庆)") == "（重庆）"
    assert fix_brackets("《纲要》") == "《纲要》"
    assert fix_brackets("〈重庆〉") == "〈重庆〉"
    assert fix_punctuation("（COVID-19)") == "（COVID-19）"
    assert fix_punctuation("f(x) = 1") == "f(x) = 1"


def test_classes() -> None:
    assert is_han("重") and is_han("〇") and not is_han("，")
    assert is_cjk("，") and is_cjk("《") and is_cjk("·") and not is_cjk("A") and not is_cjk("7")
    assert not is_cjk("１")    # full-width digit is alphanumeric, not punctuation


def test_tokens() -> None:
    assert tokens("本报讯（重庆）") == [(c, False) for c in "本报讯（重庆）"]
    assert tokens("号：CN 50-0033 代号") == [("号", False), ("：", False), ("CN", False), ("50-0033", True),
                                           ("代", True), ("号", False)]
    assert tokens("网址：www.cqkjc.com") == [("网", False), ("址", False), ("：", False), ("www.cqkjc.com", False)]
    assert tokens("COVID-19 疫情") == [("COVID-19", False), ("疫", True), ("情", False)]


def test_join_lines() -> None:
    assert join_lines("重庆科学", "城建设") == "重庆科学城建设"
    assert join_lines("the quick", "brown fox") == "the quick brown fox"
    assert join_lines("COVID-19", "疫情") == "COVID-19疫情"
    assert join_lines("", "疫情") == "疫情"


def test_han_space_count() -> None:
    assert han_space_count("重庆 科技") == 1
    assert han_space_count("重庆\n\n科技") == 0
    assert han_space_count("CN 50 代号") == 0


def test_drop_spurious_marks() -> None:
    def kept(text: str, confs: list[float]) -> str:
        return "".join(text[i] for i in drop_spurious_marks(list(text), confs))

    # a speck after a comma is read as a second mark: the less confident one goes
    assert kept("说，.菲", [1, 0.9, 0.6, 1]) == "说，菲"
    assert kept("：。即", [0.88, 1.0, 1]) == "。即"
    assert kept("评价。..(", [1, 1, 0.99, 0.9, 0.8, 1]) == "评价。("
    # legitimate neighbours stay: question + exclamation, colon + quote, decimals, "·" in names
    assert kept("吗？！", [1, 0.9, 0.8]) == "吗？！"
    assert kept("为：“军", [1, 0.9, 1.0, 1]) == "为：“军"
    assert kept("里氏6.6级", [1, 1, 1, 0.8, 1, 1]) == "里氏6.6级"
    assert kept("16版·总", [1, 1, 1, 0.95, 1]) == "16版·总"
    assert kept("拉·阿", [1, 0.6, 1]) == "拉·阿"
    # marks next to quotes stay even when doubtful; a stray dot before a Han character goes
    assert kept("变，“三", [1, 0.5, 1.0, 1]) == "变，“三"
    assert kept("年仅19.岁", [1, 1, 1, 1, 0.83, 1]) == "年仅19岁"
