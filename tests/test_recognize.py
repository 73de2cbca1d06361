"""The recognition stage on tiny hand-built pages: crops, box mapping, cleaning, Words and Glyphs."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Optional, Sequence

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from digitize import lineink, recognize
from digitize.config import RecognitionSettings
from digitize.engines import get_engine
from digitize.engines.base import CharResult, LineResult
from digitize.geometry import Box, Transform
from digitize.model import Block, BlockType, Glyph, Line, Page, Scan, Word
from digitize.textclean import han_space_count

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
TEXT = "本报讯(重庆日报记者 罗静雯)12月15日,"
CLEAN = "本报讯（重庆日报记者罗静雯）12月15日，"


def _work_image(text: str = TEXT, size: int = 40) -> tuple[np.ndarray, Box]:
    """A 300 x 1200 working image with one line of text; returns it and the line's box."""
    font = ImageFont.truetype(str(FONT), size)
    im = Image.new("L", (1200, 300), 255)
    ImageDraw.Draw(im).text((100, 120), text, font=font, fill=0, anchor="lt")
    arr = np.asarray(im)
    ys, xs = np.where(arr < 128)
    return arr, Box(int(xs.min()) - 2, int(ys.min()) - 2, int(xs.max()) + 3, int(ys.max()) + 3)


def _rotated_page(work: np.ndarray, line_box: Box) -> tuple[Page, Scan]:
    """The original scan is the working image turned 90 deg clockwise (the scanner put it sideways)."""
    original = cv2.rotate(work, cv2.ROTATE_90_CLOCKWISE)
    ho, wo = original.shape
    # work = original turned counter-clockwise: (x, y) -> (y, wo - x)
    transform = Transform(((0.0, 1.0, 0.0), (-1.0, 0.0, float(wo))), (work.shape[1], work.shape[0]))
    page = Page(source=Path("scan.png"), width=wo, height=ho, dpi=300.0, transform=transform)
    poly = transform.to_original(line_box.corners())
    blank = Box(100, 220, 600, 270)
    page.blocks = [
        Block("b0", BlockType.BODY, Box.around(poly), lines=[
            Line("l0", Box.around(poly), polygon=poly, indent=True),
            Line("l1", Box.around(transform.to_original(blank.corners())),
                 polygon=transform.to_original(blank.corners())),
        ], order=0),
        Block("b1", BlockType.PICTURE, Box(0, 0, 10, 10), order=1),
    ]
    return page, Scan(original=original, gray=original, work=work)


class ScriptedEngine:
    """Returns fixed characters with known boxes, to check the stage's own arithmetic."""

    name, software, version, model = "scripted", "test", "0", "none"
    reliable_positions = False

    def __init__(self, result: LineResult):
        self.result = result
        self.calls: list[tuple[int, bool]] = []

    def settings(self) -> dict:
        return {"k": 1}

    def recognize_lines(self, images: Sequence[np.ndarray], vertical: bool = False,
                        dpi: Optional[float] = None) -> list[LineResult]:
        self.calls.append((len(images), vertical))
        return [self.result if img.min() < 128 else LineResult("", 0.0, []) for img in images]


def test_box_mapping_on_rotated_page() -> None:
    work, line_box = _work_image("重庆科技")
    page, scan = _rotated_page(work, line_box)
    pad = recognize.crop_box(page, page.blocks[0].lines[0], False, (work.shape[1], work.shape[0]))
    assert pad is not None and pad.x0 < line_box.x0 and pad.x1 > line_box.x1
    # the engine claims four 40 px cells from the crop's left edge (crop pixels)
    ox, oy = line_box.x0 - pad.x0, line_box.y0 - pad.y0
    chars = [CharResult(c, (ox + 41 * i, oy, ox + 41 * (i + 1), oy + 40), 0.5 + 0.1 * i) for i, c in enumerate("重庆科技")]
    engine = ScriptedEngine(LineResult("重庆 科技", 0.7, chars))
    recognize.run(page, scan, engine, RecognitionSettings(batch_lines=8))
    assert engine.calls == [(2, False)]                       # both lines in one batch
    line = page.blocks[0].lines[0]
    assert len(page.blocks[0].lines) == 1                     # the blank line was dropped
    assert line.text == "重庆科技" and [w.text for w in line.words] == list("重庆科技")
    assert not any(w.space_before for w in line.words)
    assert [round(w.confidence, 2) for w in line.words] == [0.5, 0.6, 0.7, 0.8]
    wo = page.width
    for word in line.words:
        # back in the working frame the (ink-tightened) box lies inside the line
        wb = Box.around(page.transform.to_work(word.box.corners()))
        assert line_box.x0 - 1 <= wb.x0 < wb.x1 <= line_box.x1 + 1
        assert line_box.y0 - 1 <= wb.y0 < wb.y1 <= line_box.y1 + 1
        assert 0 <= word.box.x0 < word.box.x1 <= wo and word.glyphs[0].box == word.box
    # reading direction in the working frame (x) is downwards (y) in the sideways original
    ys = [w.box.y0 for w in line.words]
    assert ys == sorted(ys) and len(set(ys)) == 4
    step = page.steps[-1]
    assert step.name == "recognition" and step.settings["engine"] == "scripted" and step.settings["k"] == 1


def test_tesseract_reads_rotated_page() -> None:
    work, line_box = _work_image()
    page, scan = _rotated_page(work, line_box)
    engine = get_engine(RecognitionSettings(engine="tesseract"))
    recognize.run(page, scan, engine, RecognitionSettings(engine="tesseract"))
    [line] = page.blocks[0].lines
    text = line.text
    assert han_space_count(text) == 0 and " " not in text
    assert "（" in text and "12" in text and "，" in text and "(" not in text
    same = sum(a == b for a, b in zip(text, CLEAN))
    assert same >= 0.8 * len(CLEAN), text
    # the ink of every glyph: back in the working frame it is dark and inside the line
    for word in line.words:
        for g in word.glyphs:
            wb = Box.around(page.transform.to_work(g.box.corners())).clip(work.shape[1], work.shape[0])
            assert line_box.x0 - 1 <= wb.x0 and wb.x1 <= line_box.x1 + 1
            assert work[wb.y0:wb.y1, wb.x0:wb.x1].min() < 128
            assert 0.0 <= g.confidence <= 1.0
    xs = [Box.around(page.transform.to_work(w.box.corners())).x0 for w in line.words]
    assert xs == sorted(xs)
    assert page.steps[-1].software == "tesseract" and page.steps[-1].settings["model"] == "chi_sim"


def test_spaces_from_ink_gaps() -> None:
    text = "CN 50-0033 代号"
    work, box = _work_image(text)
    font = ImageFont.truetype(str(FONT), 40)
    crop = work[box.y0:box.y1, 90:box.x1]
    chars = []   # the engine gives no spaces; boxes are each glyph's advance cell
    for i, ch in enumerate(text):
        if ch != " ":
            x0, x1 = 100 + font.getlength(text[:i]) - 90, 100 + font.getlength(text[:i + 1]) - 90
            chars.append(CharResult(ch, (int(x0), 0, int(x1), crop.shape[0]), 0.9))
    got, spaces = recognize.line_chars(LineResult(text.replace(" ", ""), 0.9, chars), lineink.ink_mask(crop), False)
    assert [c.text for c in got] == [c for c in text if c != " "]
    assert [i for i, sp in enumerate(spaces) if sp] == [2]    # "CN|50": a space; "3|代" is not Latin-Latin
    words = recognize.build_words(got, spaces, lambda b: Box(*b))
    assert [(w.text, w.space_before) for w in words] == [("CN", False), ("50-0033", True), ("代", False), ("号", False)]
    assert all(w.glyphs and w.box == Box.union_all(g.box for g in w.glyphs) for w in words)


def test_spread_without_engine_boxes() -> None:
    ink = np.zeros((40, 300), bool)
    ink[5:35, 20:260] = True
    chars = lineink.spread_chars("重庆AB科技", ink, False, 0.8)
    assert [c.text for c in chars] == list("重庆AB科技")
    assert chars[0].box[0] == 20 and chars[-1].box[2] == 260
    widths = [c.box[2] - c.box[0] for c in chars]
    assert widths[2] < widths[0] and widths[3] < widths[5]     # Latin about half a Han character
    assert [c.box[0] for c in chars] == sorted(c.box[0] for c in chars)
    spread = lineink.spread_chars("科技创新", np.ones((200, 40), bool), True, 0.8)
    assert [c.box[1] for c in spread] == [0, 50, 100, 150] and spread[-1].box[3] == 200


def test_hyphenation() -> None:
    from digitize.model import Glyph, Word

    def word(text: str) -> Word:
        return Word(text, Box(0, 0, 10, 10), 1.0, [Glyph(c, Box(i, 0, i + 1, 10), 1.0) for i, c in enumerate(text)])

    a = Line("a", Box(0, 0, 10, 10), words=[word("inter-")])
    b = Line("b", Box(0, 0, 10, 10), words=[word("national")])
    c = Line("c", Box(0, 0, 10, 10), words=[word("COVID-")])
    d = Line("d", Box(0, 0, 10, 10), words=[word("19")])
    recognize.mark_hyphenation([a, b, c, d])
    assert a.words[0].text == "inter" and a.words[0].hyphenated and len(a.words[0].glyphs) == 5
    assert c.words[0].text == "COVID-" and not c.words[0].hyphenated


def test_vertical_line_on_page() -> None:
    font = ImageFont.truetype(str(FONT), 40)
    im = Image.new("L", (300, 500), 255)
    draw = ImageDraw.Draw(im)
    for i, ch in enumerate("科技创新"):
        draw.text((120, 60 + i * 46), ch, font=font, fill=0, anchor="lt")
    work = np.asarray(im)
    box = Box(115, 55, 165, 60 + 4 * 46)
    page = Page(source=Path("v.png"), width=300, height=500, dpi=300.0)
    page.blocks = [Block("b0", BlockType.BODY, box, vertical=True, order=0,
                         lines=[Line("l0", box, polygon=box.corners(), vertical=True)])]
    engine = get_engine(RecognitionSettings(engine="tesseract"))
    recognize.run(page, Scan(original=work, gray=work, work=work), engine, RecognitionSettings(engine="tesseract"))
    [line] = page.blocks[0].lines
    assert line.text == "科技创新"
    tops = [w.box.y0 for w in line.words]
    assert tops == sorted(tops) and all(box.x0 <= w.box.x0 < w.box.x1 <= box.x1 for w in line.words)


def test_noise_lines() -> None:
    from digitize.model import Glyph, Word

    def words(text: str, conf: float) -> list:
        return [Word(c, Box(0, 0, 1, 1), conf, [Glyph(c, Box(0, 0, 1, 1), conf)]) for c in text]

    assert recognize.is_noise(words("马", 0.29)) and recognize.is_noise(words("•.", 0.73))
    assert recognize.is_noise(words("作調語符国家院使調的在", 0.26))
    assert not recognize.is_noise(words("马", 0.95)) and not recognize.is_noise(words("重庆科技报", 0.6))
    assert not recognize.is_noise(words("。", 0.9)) and recognize.is_noise([])


def test_split_bands_of_a_merged_crop() -> None:
    font = ImageFont.truetype(str(FONT), 32)
    im = Image.new("L", (700, 110), 255)
    draw = ImageDraw.Draw(im)
    draw.text((10, 8), "国内统一连续出版物号：CN 50-0033", font=font, fill=0, anchor="lt")
    draw.text((10, 60), "重庆市科学技术协会主管主办", font=font, fill=0, anchor="lt")
    two = np.asarray(im)
    box = Box(100, 200, 800, 310)
    parts = lineink.split_bands(two, box)
    assert len(parts) == 2 and parts[0].y0 == 200 and parts[1].y1 == 310 and parts[0].y1 == parts[1].y0
    assert 240 <= parts[0].y1 <= 270 and all(p.x0 == 100 and p.x1 == 800 for p in parts)
    one = two.copy()
    one[55:, :] = 255
    one[80:83, 10:600] = 0                        # a thin rule under a single line does not split it
    assert lineink.split_bands(one, box) == [box]
    work, line_box = _work_image("二〇〇〇年十二月 一一")
    assert lineink.split_bands(work[line_box.y0 - 6:line_box.y1 + 6, line_box.x0:line_box.x1], line_box) == [line_box]


def test_trailing_end_mark_is_taken_in() -> None:
    work, full = _work_image("委员会规定。", size=40)
    work = work.copy()
    ys, xs = np.where(work[:, :full.x1 - 30] < 128)          # the box the layout gave: the 定 ends it
    cut = Box(full.x0, full.y0, int(xs.max()) + 1, full.y1)
    assert work[full.y0:full.y1, cut.x1:full.x1].min() < 128   # the 。 lies beyond it
    ext = lineink.trailing_ink(work, cut)
    assert cut.x1 + ext >= full.x1 - 3
    # a neighbouring column further right is not taken in; nor is a vertical rule in the gap
    alone, box = _work_image("规定", size=40)
    alone = alone.copy()
    far = alone.copy()
    far[box.y0:box.y1, box.x1 + 60:box.x1 + 200] = 0
    assert lineink.trailing_ink(far, box) == 0
    rule = alone.copy()
    rule[:, box.x1 + 15:box.x1 + 17] = 0
    assert lineink.trailing_ink(rule, box) == 0
    assert lineink.trailing_ink(alone, box) == 0


def test_next_columns_line_is_not_an_end_mark() -> None:
    """Beyond a narrow gutter (half an em to one em, with or without a rule) the next column's line
    starts: its first character is not taken in, wherever the search would have stopped."""
    font = ImageFont.truetype(str(FONT), 40)
    alone, box = _work_image("增资制度", size=40)
    for gap in (20, 28, 36, 44):
        for rule in (False, True):
            im = Image.fromarray(alone.copy())
            ImageDraw.Draw(im).text((box.x1 + gap, 120), "繁忙万余名三峡", font=font, fill=0, anchor="lt")
            work = np.asarray(im).copy()
            if rule:
                work[:, box.x1 + gap // 2 - 1:box.x1 + gap // 2 + 1] = 0
            assert lineink.trailing_ink(work, box) == 0, (gap, rule)


def test_specks_after_a_line_are_not_taken_in() -> None:
    work, box = _work_image("委员会规定", size=40)
    work = work.copy()
    cv2.circle(work, (box.x1 + 12, (box.y0 + box.y1) // 2), 2, 0, -1)
    assert lineink.trailing_ink(work, box) == 0


def test_accept_tail() -> None:
    chars = [CharResult(c, (i * 40, 0, i * 40 + 40, 40), conf)
             for i, (c, conf) in enumerate([("规", 1.0), ("定", 1.0), ("。", 0.99), (".", 0.9), ("庆", 0.95), ("。", 0.56)])]
    kept, spaces = recognize.accept_tail(chars, [False] * 6, 85)
    assert [c.text for c in kept] == ["规", "定", "。", "庆"] and spaces == [False] * 4


def test_marks_between_han_need_a_cell() -> None:
    def c(text: str, x: int) -> CharResult:
        return CharResult(text, (x, 0, x + 38, 40), 0.95)

    # 这一.天: the dot sits between two characters one advance apart: a speck
    line = [c("这", 0), c("一", 40), c(".", 70), c("天", 80), c("，", 120), c("她", 160), c("们", 200), c("终", 240)]
    kept, _ = recognize.marks_between_han(line, [False] * len(line))
    assert "".join(k.text for k in kept) == "这一天，她们终"
    # 革开放.是: the dot has a cell of its own: a comma read too thin
    line = [c("改", 0), c("革", 40), c("开", 80), c("放", 120), c(".", 160), c("是", 200), c("以", 240)]
    kept, _ = recognize.marks_between_han(line, [False] * len(line))
    assert "".join(k.text for k in kept) == "改革开放，是以"
    # a narrow middle dot stays
    line = [c("今", 0), c("日", 40), c("版", 80), c("·", 110), c("总", 125), c("第", 165)]
    kept, _ = recognize.marks_between_han(line, [False] * len(line))
    assert "".join(k.text for k in kept) == "今日版·总第"


class BarrierEngine:
    """A thread-safe engine whose calls wait for each other: two calls must run at once, or the
    barrier breaks.  It reads a line as one 一 per 100 px of crop width."""

    name, software, version, model = "barrier", "test", "0", "none"
    reliable_positions = False
    thread_safe = True

    def __init__(self, parties: int):
        import threading
        self.barrier = threading.Barrier(parties, timeout=60) if parties > 1 else None
        self.calls: list[int] = []

    def settings(self) -> dict:
        return {}

    def recognize_lines(self, images: Sequence[np.ndarray], vertical: bool = False,
                        dpi: Optional[float] = None) -> list[LineResult]:
        if self.barrier is not None:
            self.barrier.wait()
        self.calls.append(len(images))
        return [LineResult("一" * (img.shape[1] // 100), 0.95, []) for img in images]


def _bars_page() -> tuple[Page, Scan]:
    """Four 'lines' (black bars 40 px high) 200, 300, 400 and 500 px long, one block."""
    work = np.full((400, 800), 255, np.uint8)
    lines = []
    for i, length in enumerate((200, 300, 400, 500)):
        y = 40 + 80 * i
        work[y:y + 40, 50:50 + length] = 0
        box = Box(50, y, 50 + length, y + 40)
        lines.append(Line(f"l{i}", box, polygon=box.corners()))
    page = Page(source=Path("bars.png"), width=800, height=400, dpi=300.0)
    page.blocks = [Block("b0", BlockType.BODY, Box(50, 40, 550, 320), lines=lines, order=0)]
    return page, Scan(original=work, gray=work, work=work)


def test_idle_cores_read_a_pages_lines_in_parallel() -> None:
    """With an idle core published (digitize.cores), a helper thread reads lines while the page's
    thread does: the barrier engine's calls run two at a time; every line still gets its own
    reading.  An engine that is not thread-safe reads ``batch_lines`` lines per call on the page's
    thread only, idle core or not."""
    from digitize import cores

    class Idle:
        value = 1

    page, scan = _bars_page()
    alone = BarrierEngine(1)
    recognize.run(page, scan, alone, RecognitionSettings(batch_lines=8))
    assert alone.calls == [4]                         # batch_lines lines per call, on one thread
    assert page.timings["recognition_threads"] == 1
    expected = [ln.text for ln in page.blocks[0].lines]
    assert [len(t) for t in expected] == sorted(len(t) for t in expected) and len(set(expected)) == 4

    page, scan = _bars_page()
    both = BarrierEngine(2)
    single = BarrierEngine(1)
    single.thread_safe = False
    cores.publish_to(Idle())
    try:
        assert cores.spare() == 1
        recognize.run(page, scan, both, RecognitionSettings(batch_lines=8))
        assert both.calls == [1, 1, 1, 1] and [ln.text for ln in page.blocks[0].lines] == expected
        assert page.timings["recognition_threads"] == 2     # CPU seconds may be twice the wall seconds
        page, scan = _bars_page()
        recognize.run(page, scan, single, RecognitionSettings(batch_lines=3))
        assert single.calls == [3, 1] and [ln.text for ln in page.blocks[0].lines] == expected
        assert page.timings["recognition_threads"] == 1
    finally:
        cores.publish_to(None)
    assert cores.spare() == 0


def test_engine_failure_on_a_helper_thread_fails_the_page() -> None:
    """An engine error raised on a helper thread reaches the page's thread (the page fails with it)."""
    from digitize import cores

    class Idle:
        value = 1

    class Failing(BarrierEngine):
        """Breaks on any thread but the page's; there it waits until it broke on a helper."""
        broke = threading.Event()

        def recognize_lines(self, images, vertical=False, dpi=None):
            if threading.current_thread() is not threading.main_thread():
                self.broke.set()
                raise RuntimeError("engine broke")
            assert self.broke.wait(60)
            return super().recognize_lines(images, vertical, dpi)

    page, scan = _bars_page()
    cores.publish_to(Idle())
    try:
        with pytest.raises(RuntimeError, match="engine broke"):
            recognize.run(page, scan, Failing(1), RecognitionSettings())
    finally:
        cores.publish_to(None)


def test_character_boxes_stay_inside_their_line() -> None:
    """The crop's padding holds the neighbours' ascenders and descenders: a character box reaching into
    them is cut to the layout's line rows (columns for vertical text); one wholly outside keeps its box."""
    chars = [CharResult("a", (0, 2, 10, 30), 0.9), CharResult("b", (12, 8, 20, 20), 0.9),
             CharResult("c", (22, 0, 30, 5), 0.9)]
    out = recognize.within_line(chars, (6, 24), vertical=False)
    assert [c.box for c in out] == [(0, 6, 10, 24), (12, 8, 20, 20), (22, 0, 30, 5)]
    out = recognize.within_line([CharResult("中", (1, 0, 40, 30), 0.9)], (5, 35), vertical=True)
    assert out[0].box == (5, 0, 35, 30)


def test_body_line_words_leave_out_the_neighbours_ink_in_the_crop() -> None:
    """A descender of the line above reaches into the crop's padding: a body line's word box stops at the
    layout's line box; a headline's (whose layout box may be cut to its letters' core rows) is the engine's
    box tightened to the ink, as before."""

    class WholeCrop:
        name, software, version, model = "whole", "test", "0", "none"
        reliable_positions = False

        def settings(self) -> dict:
            return {}

        def recognize_lines(self, images, vertical=False, dpi=None):
            return [LineResult("一", 0.95, [CharResult("一", (0, 0, img.shape[1], img.shape[0]), 0.95)])
                    for img in images]

    work = np.full((400, 800), 255, np.uint8)
    page = Page(source=Path("two.png"), width=800, height=400, dpi=300.0)
    blocks = []
    for k, (kind, y) in enumerate(((BlockType.BODY, 100), (BlockType.HEADLINE, 250))):
        work[y:y + 40, 50:450] = 0
        work[y - 5:y - 1, 60:120] = 0                   # tails of the line above, inside the padding
        box = Box(50, y, 450, y + 40)
        blocks.append(Block(f"b{k}", kind, box, lines=[Line(f"l{k}", box, polygon=box.corners())], order=k))
    page.blocks = blocks
    recognize.run(page, Scan(original=work, gray=work, work=work), WholeCrop(), RecognitionSettings())
    body, head = (b.lines[0].words[0].box for b in page.blocks)
    assert body.y0 == 100 and body.y1 == 140
    assert head.y0 == 245


def test_end_mark_below_a_vertical_line_is_taken_in() -> None:
    """A paragraph's last column: the layout's box stops at its last character; the 。 in the cell under it
    (a thin ring that vanishes at layout resolution) is taken in; a column with nothing under it, or the
    next tier's text under a rule, is not extended."""
    font = ImageFont.truetype(str(FONT), 40)
    im = Image.new("L", (300, 900), 255)
    draw = ImageDraw.Draw(im)
    for i, ch in enumerate("委員會規定。"):
        draw.text((120, 100 + 46 * i), ch, font=font, fill=0, anchor="lt")
    work = np.asarray(im).copy()
    ys, xs = np.where(work[:100 + 46 * 5, :] < 128)            # the box the layout gave: 定 ends it
    box = Box(int(xs.min()) - 2, int(ys.min()) - 2, int(xs.max()) + 3, int(ys.max()) + 3)
    assert work[box.y1:box.y1 + 46, box.x0:box.x1].min() < 128   # the 。 lies below it
    ext = recognize.trailing_ink_below(work, box)
    ys_all = np.where(work < 128)[0]
    assert box.y1 + ext >= int(ys_all.max())
    # crop_box widens a vertical line's crop the same way
    page = Page(source=Path("v.png"), width=300, height=900, dpi=300.0)
    line = Line("l1", box, vertical=True)
    assert recognize.crop_box(page, line, True, (300, 900), work).y1 > recognize.crop_box(page, line, True, (300, 900)).y1
    # nothing under it; a rule then the next tier's text under it
    bare = work.copy()
    bare[box.y1:, :] = 255
    assert recognize.trailing_ink_below(bare, box) == 0
    ruled = bare.copy()
    ruled[box.y1 + 12:box.y1 + 14, 60:260] = 0
    ImageDraw.Draw(tier := Image.fromarray(ruled)).text((120, box.y1 + 20), "繁忙萬餘名", font=font, fill=0, anchor="lt")
    assert recognize.trailing_ink_below(np.asarray(tier), box) == 0


def test_accept_tail_of_a_vertical_line() -> None:
    chars = [CharResult(c, (0, i * 40, 40, i * 40 + 40), conf)
             for i, (c, conf) in enumerate([("規", 1.0), ("定", 1.0), ("」", 0.95), ("·", 0.9)])]
    kept, spaces = recognize.accept_tail(chars, [False] * 4, 85, vertical=True)
    assert [c.text for c in kept] == ["規", "定", "」"] and spaces == [False] * 3


def test_simplified_forms_read_on_a_traditional_page_are_written_traditional() -> None:
    """PP-OCR reads some traditional characters as their simplified forms (內 as 内, 說 as 说); on a page
    whose text is traditional those with one traditional form are written so (后, with two, stays; 峰 is
    Taiwan's standard form, not a simplified one); a simplified page is left alone."""
    def block(text: str) -> Block:
        words = [Word(ch, Box(0, 0, 10, 10), 0.9, [Glyph(ch, Box(0, 0, 10, 10), 0.9)]) for ch in text]
        return Block("b1", BlockType.BODY, Box(0, 0, 10, 10), lines=[Line("l1", Box(0, 0, 10, 10), words=words)])
    trad = block("國內經濟發展說明會議後臺灣銀行與東亞貿易關係" * 2 + "內说内后峰")
    assert recognize.as_printed_script([trad]) == 2
    got = "".join(w.text for w in trad.lines[0].words)
    assert got.endswith("內說內后峰") and trad.lines[0].words[-3].glyphs[0].text == "內"
    simp = block("国内经济发展说明会议后台湾银行与东亚贸易关系" * 2 + "内说")
    assert recognize.as_printed_script([simp]) == 0


def test_variant_forms_read_on_a_traditional_page_are_written_as_taiwan_sets_them() -> None:
    """PP-OCR reads some traditional characters as a Japanese or older variant (產 as 産, 為 as 爲, 眾 as 衆,
    說 as 説); on a traditional page they are written in Taiwan's standard form (a character of several
    forms, 乾 or 著, stays); a simplified page is left alone."""
    def block(text: str) -> Block:
        words = [Word(ch, Box(0, 0, 10, 10), 0.9, [Glyph(ch, Box(0, 0, 10, 10), 0.9)]) for ch in text]
        return Block("b1", BlockType.BODY, Box(0, 0, 10, 10), lines=[Line("l1", Box(0, 0, 10, 10), words=words)])
    trad = block("國內經濟發展說明會議後臺灣銀行與東亞貿易關係" * 2 + "生産爲群衆説乾著")
    assert recognize.as_printed_script([trad]) == 4
    assert "".join(w.text for w in trad.lines[0].words).endswith("生產為群眾說乾著")
    simp = block("国内经济发展说明会议后台湾银行与东亚贸易关系" * 2 + "生産")
    assert recognize.as_printed_script([simp]) == 0
    assert "".join(w.text for w in simp.lines[0].words).endswith("生産")


def test_turned_corner_brackets_of_vertical_lines_are_quotes_on_a_simplified_page() -> None:
    """Vertical print sets “” as ﹃﹄, read as 『』: on a simplified page they are written as the quotes (a
    horizontal line's 『』 and a traditional page's stay as read)."""
    def block(text: str, vertical: bool) -> Block:
        words = [Word(ch, Box(0, 0, 10, 10), 0.9, [Glyph(ch, Box(0, 0, 10, 10), 0.9)]) for ch in text]
        return Block("b1", BlockType.BODY, Box(0, 0, 10, 10), vertical=vertical,
                     lines=[Line("l1", Box(0, 0, 10, 10), words=words, vertical=vertical)])
    body = "国内经济发展说明会议后台湾银行与东亚贸易关系" * 2
    vert, flat = block(body + "被『双规』了", True), block("书名『红楼梦』", False)
    recognize.as_printed_script([vert, flat])
    assert "".join(w.text for w in vert.lines[0].words).endswith("被“双规”了")
    assert vert.lines[0].words[-5].glyphs[0].text == "“"
    assert "".join(w.text for w in flat.lines[0].words) == "书名『红楼梦』"
    trad = block("國內經濟發展說明會議後臺灣銀行與東亞貿易關係" * 2 + "「好」", True)
    recognize.as_printed_script([trad])
    assert "".join(w.text for w in trad.lines[0].words).endswith("「好」")
