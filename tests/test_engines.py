"""Both OCR engines on line images rendered here with a Noto CJK font."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

from digitize.config import RecognitionSettings
from digitize.engines import create_engine, get_engine
from digitize.engines.base import LineResult
from digitize.errors import EngineError

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
pytestmark = pytest.mark.skipif(not FONT.exists(), reason="Noto Serif CJK font not installed")

CHINESE = "重庆市与中国科学院签署战略合作协议"
MIXED = "国内统一连续出版物号：CN 50-0033 代号：77-9"
VERTICAL = "科技创新在行动"


def render_line(text: str, size: int = 40, pad: int = 8) -> np.ndarray:
    font = ImageFont.truetype(str(FONT), size)
    x0, y0, x1, y1 = font.getbbox(text)
    im = Image.new("L", (x1 - x0 + 2 * pad, size + 2 * pad), 255)
    ImageDraw.Draw(im).text((pad - x0, pad), text, font=font, fill=0, anchor="lt")
    return np.asarray(im)


def render_vertical(text: str, size: int = 40, pad: int = 8) -> np.ndarray:
    font = ImageFont.truetype(str(FONT), size)
    step = int(size * 1.15)
    im = Image.new("L", (size + 2 * pad, step * len(text) + 2 * pad), 255)
    draw = ImageDraw.Draw(im)
    for i, ch in enumerate(text):
        draw.text((pad, pad + i * step), ch, font=font, fill=0, anchor="lt")
    return np.asarray(im)


def cer(hyp: str, ref: str) -> float:
    hyp, ref = "".join(hyp.split()), "".join(ref.split())
    return Levenshtein.distance(hyp, ref) / len(ref)


def check_boxes(res: LineResult, img: np.ndarray, vertical: bool = False) -> None:
    h, w = img.shape
    assert res.chars, "no character boxes"
    assert 0.0 <= res.confidence <= 1.0
    for c in res.chars:
        x0, y0, x1, y1 = c.box
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, c
        assert 0.0 <= c.confidence <= 1.0
    starts = [c.box[1] if vertical else c.box[0] for c in res.chars]
    assert starts == sorted(starts), "character boxes are not in reading order"


@pytest.fixture(scope="module", params=["tesseract", "ppocr"])
def engine(request):
    return get_engine(RecognitionSettings(engine=request.param))


def test_horizontal_lines(engine) -> None:
    images = [render_line(CHINESE), render_line(MIXED)]
    results = engine.recognize_lines(images, vertical=False, dpi=300)
    assert len(results) == 2
    assert cer(results[0].text, CHINESE) <= 0.1
    assert cer(results[1].text.replace(":", "："), MIXED) <= 0.1
    assert "50-0033" in results[1].text
    for res, img in zip(results, images):
        check_boxes(res, img)
        text_chars = [c for c in res.text if not c.isspace()]
        assert "".join(c.text for c in res.chars) == "".join(text_chars)
    assert engine.name in ("tesseract", "ppocr") and engine.version and engine.model
    assert isinstance(engine.settings(), dict)


def test_vertical_line(engine) -> None:
    img = render_vertical(VERTICAL)
    [res] = engine.recognize_lines([img], vertical=True, dpi=300)
    assert cer(res.text, VERTICAL) <= 0.15
    if res.chars:   # tesseract's vertical symbol boxes are unusable: it leaves them to the caller
        check_boxes(res, img, vertical=True)
        assert len(res.chars) == len(VERTICAL)


def test_blank_and_tiny_images(engine) -> None:
    blank = np.full((50, 300), 255, np.uint8)
    tiny = np.full((1, 1), 255, np.uint8)
    results = engine.recognize_lines([blank, tiny], vertical=False, dpi=300)
    assert [r.text.strip() for r in results] == ["", ""]
    assert engine.recognize_lines([], vertical=False) == []


def test_bad_engine_settings() -> None:
    with pytest.raises(EngineError, match="unknown engine"):
        create_engine(RecognitionSettings(engine="nope"))
    with pytest.raises(EngineError, match="no model 'xx_none.traineddata'"):
        create_engine(RecognitionSettings(engine="tesseract", language="xx_none"))


def test_tesseract_without_vertical_model_reads_vertical_lines_by_cells(tmp_path) -> None:
    """A model with no ``_vert`` twin (Fraktur has none): a block judged vertical must not fail the page;
    its lines are cut into cells and read by the horizontal model."""
    from digitize.engines.tesseract import tessdata_path
    src = Path(tessdata_path(RecognitionSettings())) / "chi_sim.traineddata"
    (tmp_path / "chi_sim.traineddata").symlink_to(src)
    eng = create_engine(RecognitionSettings(engine="tesseract", tessdata=str(tmp_path)))
    img = render_vertical(VERTICAL)
    res = eng.recognize_lines([img], vertical=True, dpi=300)[0]
    assert cer(res.text, VERTICAL) <= 0.15
    check_boxes(res, img, vertical=True)
    assert "cells" in eng.settings()["vertical_language"]


def test_ppocr_ctc_decoding_matches_rapidocr() -> None:
    """Our greedy CTC decoding gives rapidocr 3.10's text, confidence and character columns, on the
    model's output for a real line and on made-up outputs with repeats, blanks and spaces."""
    import cv2
    from rapidocr.ch_ppocr_rec.utils import CTCLabelDecode
    from digitize.engines.ppocr import ctc_decode

    engine = get_engine(RecognitionSettings(engine="ppocr"))
    chars = engine._chars
    reference = CTCLabelDecode(character=chars[1:-1])
    img = render_line(MIXED)
    x = np.repeat(((cv2.resize(img, (img.shape[1] * 48 // img.shape[0], 48)).astype(np.float32) / 127.5) - 1.0)
                  [None, None], 3, axis=1)
    outputs = [engine._session.run(None, {engine._input: x})[0]]
    rng = np.random.default_rng(3)
    space = len(chars) - 1
    for _ in range(5):
        steps = rng.choice([0, 0, 5, 5, 17, space, 300], size=40)       # blanks, repeats, spaces
        p = rng.random((1, 40, len(chars))).astype(np.float32) * 0.1
        p[0, np.arange(40), steps] = rng.uniform(0.5, 1.0, 40)
        outputs.append(p)
    outputs.append(np.zeros((1, 12, len(chars)), np.float32))          # nothing read
    for preds in outputs:
        [(text, score)], [info] = reference(preds, return_word_box=True, wh_ratio_list=[1.0], max_wh_ratio=1.0)
        ours, conf, cols, confs, steps_n = ctc_decode(preds[0], chars)
        assert ours == text and conf == pytest.approx(score, abs=1e-9) and steps_n == preds.shape[1]
        assert cols == [c for word in (info.word_cols or []) for c in word]
        assert confs == (list(info.confs) if text else [])


def test_vertical_reading_picks_cells_when_they_agree_else_the_turned_column() -> None:
    from digitize.engines.base import CharResult, LineResult
    from digitize.engines.ppocr import pick_vertical
    turned = LineResult("中央希望全國各族人民", 0.99,
                        [CharResult(ch, (10 * k, 0, 10 * k + 9, 30), 0.99) for k, ch in enumerate("中央希望全國各族人民")])
    good_cells = LineResult("中央希望，全國各族人民。", 0.95, [])
    assert pick_vertical(good_cells, turned, (100, 30)) is good_cells      # marks kept
    bad_cells = LineResult("中夬希望全國人", 0.6, [])                        # cells cut wrong on a grainy crop
    got = pick_vertical(bad_cells, turned, (100, 30))
    assert got.text == turned.text
    # the turned column's x is the upright column's y
    assert [c.box for c in got.chars[:2]] == [(0, 0, 30, 9), (0, 10, 30, 19)]


def test_ppocr_squeezes_small_and_vertical_lines_less(monkeypatch) -> None:
    """Horizontal line crops go to the model at SQUEEZE of their width; crops under SMALL_LINE_PX tall
    (enlarged by the model) and vertical lines at SQUEEZE_KEPT."""
    from digitize.engines import ppocr

    engine = get_engine(RecognitionSettings(engine="ppocr"))
    seen = []

    def line(im: np.ndarray, squeeze: float) -> LineResult:
        seen.append((im.shape[0], squeeze))
        return LineResult("", 0.0, [])

    monkeypatch.setattr(engine, "_line", line)
    big, small = render_line(CHINESE, size=48), render_line(CHINESE, size=20)
    assert big.shape[0] >= ppocr.SMALL_LINE_PX > small.shape[0]
    engine.recognize_lines([big, small])
    assert seen == [(big.shape[0], ppocr.SQUEEZE), (small.shape[0], ppocr.SQUEEZE_KEPT)]
    seen.clear()
    engine.recognize_lines([render_vertical(VERTICAL)], vertical=True)
    assert seen and all(sq == ppocr.SQUEEZE_KEPT for _, sq in seen)
    assert ppocr.SQUEEZE < ppocr.SQUEEZE_KEPT


def test_grid_cells_cut_a_column_at_its_character_pitch() -> None:
    """Whole cells one character pitch tall, one per character (the marks' own cells too), empty cells
    (an indent) left out; each cell's place in the column comes back with it."""
    from digitize.engines.cells import grid_cells
    text = "中央希望，全國各族人民。團結"
    img = render_vertical("　　" + text)              # a two-cell indent at the top
    out, cells = grid_cells(img)
    step = int(40 * 1.15)
    assert len(cells) == len(text)
    assert all(abs((y1 - y0) - step) <= 2 for _, _, y0, y1 in cells[:-1])
    assert cells[0][2] >= 2 * step                     # the indent's cells are empty
    assert out.shape[1] == cells[-1][1] and out.shape[0] >= step
    assert grid_cells(render_vertical("中")) is None    # one character: too few cells for a pitch


def test_vertical_reading_puts_the_grid_cells_marks_into_the_turned_reading() -> None:
    from digitize.engines.base import CharResult, LineResult
    from digitize.engines.ppocr import add_marks

    def column(text, cells):
        return LineResult(text, 0.9, [CharResult(ch, (0, 10 * k, 30, 10 * k + 9), 0.9)
                                      for ch, k in zip(text, cells)])
    turned = column("中央希望全國各族人民", [0, 1, 2, 3, 5, 6, 7, 8, 9, 10])     # the column's cells
    grid = column("中央希望，全國各族人民。", range(12))
    got = add_marks(turned, grid)
    assert got.text == "中央希望，全國各族人民。"
    assert [c.box[1] for c in got.chars] == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]
    # the characters stay the turned reading's where the grid's differ; its marks go between them
    assert add_marks(turned, column("中夬希望，全國各族人民", range(11))).text == "中央希望，全國各族人民"
    assert add_marks(turned, column("中央希望全國各族人民", range(10))) is turned      # nothing to add
    assert add_marks(turned, column("", [])) is turned


def render_vertical_print(text: str, size: int = 40, pad: int = 8) -> np.ndarray:
    """A column as vertical print sets it: brackets and quotes turned a quarter clockwise in their cells (the
    font's vertical forms ﹁﹂︵︶, as a browser sets ``writing-mode: vertical-rl``)."""
    font = ImageFont.truetype(str(FONT), size)
    step = int(size * 1.15)
    im = Image.new("L", (size + 2 * pad, step * len(text) + 2 * pad), 255)
    draw = ImageDraw.Draw(im)
    forms = dict(zip("「」（）", "\ufe41\ufe42\ufe35\ufe36"))
    for i, ch in enumerate(text):
        draw.text((pad, pad + i * step), forms.get(ch, ch), font=font, fill=0, anchor="lt")
    return np.asarray(im)


def test_turned_brackets_in_a_vertical_column_are_read_turned_back() -> None:
    """「」（） set turned in a column are flat bars across it: upright in the pasted cells the model reads them
    as 一 or へ; those cells are read again turned back, and only a bracket or quote read there replaces the
    upright reading (a real 一 stays)."""
    from digitize.engines.cells import cut_cells, turned_mark_cells
    text = "今年「精美賀卡」的日子一天天（重慶）"
    img = render_vertical_print(text)
    cells, em = cut_cells(img)
    assert len(cells) == len(text)
    turn = turned_mark_cells(img, cells, em)
    assert {text.index("「"), text.index("」"), text.index("（"), text.index("）"), text.index("一")} <= turn
    assert text.index("精") not in turn
    engine = get_engine(RecognitionSettings(engine="ppocr"))
    got = engine.recognize_lines([img], vertical=True)[0]
    nfkc = lambda t: unicodedata.normalize("NFKC", "".join(t.split()))     # （ as ( : the cleaning widens it
    assert nfkc(got.text) == nfkc(text)
    assert [c.box[1] for c in got.chars] == sorted(c.box[1] for c in got.chars)


def test_put_turned_marks_keeps_characters_and_takes_marks_only() -> None:
    from digitize.engines.base import CharResult, LineResult
    from digitize.engines.cells import put_turned_marks

    def column(text, cells):
        return LineResult(text, 0.9, [CharResult(ch, (0, 10 * k, 30, 10 * k + 9), 0.9) for ch, k in zip(text, cells)])
    where = [(0, 0, 10 * k, 10 * k + 9) for k in range(6)]
    upright = column("一精美一一天", range(6))
    turned = column("「精美」|天", range(6))              # cells 0, 3, 4 turned back: 「 」 and a stroke
    got = put_turned_marks(upright, turned, where, frozenset({0, 3, 4}))
    assert got.text == "「精美」一天"
    assert put_turned_marks(upright, column("1精美丨|天", range(6)), where, frozenset({0, 3, 4})) is upright
    # a bracket the upright reading missed altogether goes into its place
    got = put_turned_marks(column("精美天", [1, 2, 5]), column("（精美）天", [0, 1, 2, 3, 5]), where,
                           frozenset({0, 3}))
    assert got.text == "（精美）天" and [c.box[1] for c in got.chars] == [0, 10, 20, 30, 50]


def test_ideographic_zero_in_vertical_numerals() -> None:
    from digitize.engines.base import CharResult, LineResult
    from digitize.engines.ppocr import ideographic_zero

    def line(text):
        return LineResult(text, 0.9, [CharResult(ch, (0, 10 * k, 30, 10 * k + 9), 0.9) for k, ch in enumerate(text)])
    got = ideographic_zero(line("二○○一年，畫了○號"))
    assert got.text == "二〇〇一年，畫了○號" and [c.text for c in got.chars][:4] == list("二〇〇一")
    plain = line("畫了一個○")
    assert ideographic_zero(line("第三○號")).text == "第三〇號"
    assert ideographic_zero(line("圓○形")) .text == "圓○形"
    assert ideographic_zero(plain).text == "畫了一個○"


def test_put_turned_marks_leaves_digits_and_letters() -> None:
    from digitize.engines.base import CharResult, LineResult
    from digitize.engines.cells import put_turned_marks

    def column(text, cells):
        return LineResult(text, 0.9, [CharResult(ch, (0, 10 * k, 30, 10 * k + 9), 0.9) for ch, k in zip(text, cells)])
    where = [(0, 0, 10 * k, 10 * k + 9) for k in range(3)]
    upright = column("第1號", range(3))                  # an upright 1 is a bar too: turned it reads as a dash
    assert put_turned_marks(upright, column("第—號", range(3)), where, frozenset({1})) is upright
    colon = column("為；考", range(3))                    # a semicolon set upright stays, though tall and narrow
    assert put_turned_marks(colon, column("為…考", range(3)), where, frozenset({1})) is colon


def test_turned_brackets_come_into_the_turned_reading_from_the_grid(monkeypatch) -> None:
    """Where the cells disagree with the turned column (grain), the turned reading is used with the marks of
    the whole grid cells; the grid's brackets and quotes are read with their tiles turned back too."""
    from digitize.engines import ppocr
    from digitize.engines.cells import cut_cells, grid_cells, turn_grid_marks
    text = "今年「精美賀卡」的日子天天（重慶）"
    img = render_vertical_print(text)
    grid = grid_cells(img)
    out, turn = turn_grid_marks(img, grid, cut_cells(img)[1])
    assert {text.index("「"), text.index("」"), text.index("（")} <= turn and text.index("精") not in turn
    k = text.index("「")
    x0, x1 = grid[1][k][0], grid[1][k][1]
    assert np.array_equal(out[:, x0:x1], np.rot90(grid[0][:, x0:x1]))
    assert np.array_equal(out[:, grid[1][0][0]:grid[1][0][1]], grid[0][:, grid[1][0][0]:grid[1][0][1]])
    monkeypatch.setattr(ppocr, "pick_vertical", lambda cells, turned, shape: ppocr.LineResult(
        turned.text, turned.confidence, [ppocr.CharResult(c.text, (0, c.box[0], shape[1], c.box[2]), c.confidence)
                                         for c in turned.chars]))
    got = get_engine(RecognitionSettings(engine="ppocr")).recognize_lines([img], vertical=True)[0]
    nfkc = unicodedata.normalize("NFKC", "".join(got.text.split()))
    assert "「" in nfkc and "」" in nfkc and "(" in nfkc


def test_digits_set_across_a_vertical_column_come_from_the_turned_reading() -> None:
    from digitize.engines.base import CharResult, LineResult
    from digitize.engines.ppocr import across_digits

    def column(text, step=10, w=30):
        return LineResult(text, 0.9, [CharResult(ch, (0, step * k, w, step * k + 9), 0.9) for k, ch in enumerate(text)])
    cells = column("豹不足只，其")                            # 10 in one cell, read as nothing upright
    turned = LineResult("豹不足10只其", 0.9, [CharResult(ch, (x, 0, x + 9, 30), 0.9)
                                          for ch, x in zip("豹不足10只其", (0, 10, 20, 30, 35, 40, 50))])
    got = across_digits(cells, turned, (60, 30))
    assert got.text == "豹不足10只，其"
    assert [c.box for c in got.chars[3:5]] == [(0, 30, 30, 39), (0, 35, 30, 44)]   # turned x -> column y
    # no digits missing, or letters / characters instead of digits: the cells' reading as it was
    assert across_digits(column("豹不足10只"), column("豹不足10只"), (60, 30)).text == "豹不足10只"
    assert across_digits(cells, column("豹不足十只其"), (60, 30)) is cells


def test_a_pause_mark_read_as_a_bar_in_its_cell_is_a_pause_mark() -> None:
    from digitize.engines.base import CharResult, LineResult
    from digitize.engines.cells import dot_marks
    img = np.full((100, 30), 255, np.uint8)
    img[2:28, 2:28] = 0                              # a character filling its cell
    img[35:41, 21:27] = 0                            # a pause mark, small, top right of its cell
    img[70:76, 2:28] = 0                             # a real 一 across the column
    img[85:91, 2:8] = 0                              # a speck at the column's left: no pause mark
    img[96:98, 22:24] = 0                            # a pale 一 whose ink is a speck in the right: none either
    res = LineResult("中一一一一", 0.9, [CharResult("中", (0, 0, 30, 30), 0.9), CharResult("一", (0, 33, 30, 45), 0.9),
                                       CharResult("一", (0, 66, 30, 80), 0.9), CharResult("一", (0, 82, 30, 93), 0.9),
                                       CharResult("一", (0, 94, 30, 100), 0.9)])
    assert dot_marks(res, img, 26.0).text == "中、一一一"
    # the same cell read both as a bar and as a mark: the bar goes
    both = LineResult("中一、", 0.9, [CharResult("中", (0, 0, 30, 30), 0.9), CharResult("一", (0, 33, 30, 45), 0.9),
                                    CharResult("、", (0, 33, 30, 45), 0.9)])
    assert dot_marks(both, img, 26.0).text == "中、"


def test_kept_cells_reading_takes_the_turned_columns_marks_and_zeros() -> None:
    """A kept cells' reading that lost a mark (a comma cut into the cell of the quote below it), read a comma as a
    middle dot, or read 〇〇 as nothing takes them from the turned column, aligned by text; its characters stay."""
    from digitize.engines.base import CharResult, LineResult
    from digitize.engines.ppocr import CELL_WEAK_MARKS, TURNED_READ_MARKS, add_marks, on_column

    def column(text):
        return LineResult(text, 0.9, [CharResult(ch, (0, 10 * k, 30, 10 * k + 9), 0.9) for k, ch in enumerate(text)])

    def turned(text):                                  # the turned column: its x is the column's y
        return on_column(LineResult(text, 0.9, [CharResult(ch, (10 * k, 0, 10 * k + 9, 30), 0.9)
                                                for k, ch in enumerate(text)]), (10 * len(text), 30))
    cells = column("同時新世紀·新長征七多個")
    got = add_marks(cells, turned("同時，「新世紀，新長征七○○○多個"), TURNED_READ_MARKS, CELL_WEAK_MARKS)
    assert got.text == "同時，「新世紀，新長征七○○○多個"
    assert [c.box[1] for c in got.chars][:2] == [0, 10] and got.chars[2].box == (0, 20, 30, 29)
    # the turned column's other characters never come in; a real 一 read a bar stays where the turned reads one
    assert add_marks(cells, turned("同時新世紀·新長征七多人"), TURNED_READ_MARKS, CELL_WEAK_MARKS) is cells
    one = column("第一天")
    assert add_marks(one, turned("第|天"), TURNED_READ_MARKS, CELL_WEAK_MARKS) is one
    # the default (the grid's marks into the turned reading) replaces nothing read
    assert add_marks(column("新世紀·新"), column("新世紀，新")).text == "新世紀·新"
