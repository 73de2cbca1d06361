"""Text form measured from the ink: field gaps, specks read as marks at line ends, middle dots."""
from __future__ import annotations

import numpy as np

from digitize import recognize
from digitize.engines.base import CharResult, LineResult
from digitize.lineink import field_gaps, gap_specks

EM = 40          # character height in px
TOP = 12         # the crop's padding above the characters


def _line(spec: str, extra: dict[int, float] | None = None, narrow: set[int] = frozenset(),
          residue: bool = False) -> tuple[list[CharResult], np.ndarray]:
    """A crop of Han 'characters' (solid squares with a white bar, one advance = 1.1 em apart);
    ``extra`` adds white (em) before character i; ``narrow`` characters have half the ink width."""
    extra = extra or {}
    ink = np.zeros((EM + 2 * TOP, 40 * EM), bool)
    chars, x = [], 5.0
    for i, ch in enumerate(spec):
        x += extra.get(i, 0.0) * EM
        x0, x1 = int(x), int(x + EM)
        ink_x0, ink_x1 = (x0 + EM // 4, x1 - EM // 4) if i in narrow else (x0 + 2, x1 - 2)
        ink[TOP:TOP + EM, ink_x0:ink_x1] = True
        ink[TOP + EM // 2 - 2:TOP + EM // 2 + 2, ink_x0 + 3:ink_x1 - 3] = False
        chars.append(CharResult(ch, (x0, TOP, x1, TOP + EM), 0.95))
        x += 1.1 * EM
    if residue:       # the stroke ends of a tightly set line above, cut by the crop's top edge
        ink[0:5, 0:int(x)] = True
    return chars, ink


def test_field_gap_found_where_the_print_leaves_half_an_em() -> None:
    chars, ink = _line("本报记者罗静雯", {4: 0.55})
    assert field_gaps(chars, ink) == [False] * 4 + [True] + [False] * 2


def test_no_field_gap_in_running_text_narrow_glyphs_or_spread_lines() -> None:
    chars, ink = _line("在綦江开拓卫星项目调试模拟", narrow={8})     # 目 is narrow: wide white, no extra step
    assert not any(field_gaps(chars, ink))
    spread = {i: 0.6 for i in range(1, 6)}                         # letter-spaced headline: every gap alike
    chars, ink = _line("科技创新在行动", spread)
    assert not any(field_gaps(chars, ink))


def test_cell_of_an_unread_mark_is_no_field_gap() -> None:
    chars, ink = _line("担任排连营团师", {4: 1.0})
    assert field_gaps(chars, ink)[4]                    # a white em between 连 and 营: a field gap
    x = chars[3].box[2] + 8                             # a 、 the engine did not read sits in that cell
    ink[TOP + EM - 12:TOP + EM - 2, x:x + 10] = True
    assert not any(field_gaps(chars, ink))
    ink[TOP + EM - 12:TOP + EM - 2, x:x + 10] = False
    ink[TOP + EM - 11:TOP + EM - 2, x:x + 2] = True     # a speck there (too tall to be dust) does not fill it
    assert field_gaps(chars, ink)[4]


def test_field_gap_not_hidden_by_the_line_above() -> None:
    chars, ink = _line("主管主办重庆市科学技术局", {4: 0.55}, residue=True)
    gaps = field_gaps(chars, ink)
    assert gaps[4] and sum(gaps) == 1


def test_field_gap_becomes_one_space_between_han_words() -> None:
    chars, ink = _line("本报记者罗静雯", {4: 0.55})
    words = recognize.build_words(chars, [False] * len(chars), lambda b: recognize.Box(*b), field_gaps(chars, ink))
    assert "".join((" " if w.space_before else "") + w.text for w in words) == "本报记者 罗静雯"


def _with_mark(mark: str, at: int, box: tuple[int, int, int, int], spec: str = "传统产业进行改造") -> list[CharResult]:
    chars, _ = _line(spec)
    chars.insert(at, CharResult(mark, box, 0.95))
    return chars


def test_speck_read_as_a_mark_at_a_line_end_is_dropped() -> None:
    chars, _ = _line("传统产业进行改造")
    last = chars[-1].box
    glued = _with_mark("·", len(chars), (last[2] - 3, 30, last[2] + 3, 36))            # on the character
    kept, _ = recognize.edge_specks(glued, [False] * len(glued), EM)
    assert "".join(c.text for c in kept) == "传统产业进行改造"
    tiny = _with_mark(".", len(chars), (last[2] + 12, 46, last[2] + 17, 51))            # small dot, with room
    kept, _ = recognize.edge_specks(tiny, [False] * len(tiny), EM)
    assert "".join(c.text for c in kept) == "传统产业进行改造"
    first = chars[0].box
    lead = _with_mark(".", 0, (first[0] - 4, 40, first[0] + 2, 46))
    kept, _ = recognize.edge_specks(lead, [False] * len(lead), EM)
    assert kept[0].text == "传"


def test_real_mark_with_a_cell_of_its_own_stays() -> None:
    chars, _ = _line("约翰")
    box = chars[-1].box
    spaced = chars + [CharResult("·", (box[2] + 15, 28, box[2] + 21, 34), 0.95)]
    kept, _ = recognize.edge_specks(spaced, [False] * 3, EM)
    assert [c.text for c in kept] == ["约", "翰", "·"]


def test_middle_dot_judged_by_its_height() -> None:
    chars, ink = _line("今日版总第期", {3: 1.0})
    a, b = chars[2].box, chars[3].box
    mid = (a[2] + b[0]) // 2
    for y0, want in [(TOP + EM // 2 - 3, "今日版·总第期"),        # in the middle: a middle dot
                     (TOP + EM - 8, "今日版，总第期"),             # low, with a cell of its own: a comma
                     (TOP + 2, "今日版总第期")]:                   # high up: a speck
        ink2 = ink.copy()
        ink2[y0:y0 + 6, mid - 3:mid + 3] = True
        line = chars[:3] + [CharResult("·", (mid - 3, y0, mid + 3, y0 + 6), 0.9)] + chars[3:]
        kept, _ = recognize.middle_dots(line, [False] * len(line), ink2)
        assert "".join(c.text for c in kept) == want


def test_middle_dot_judged_by_the_marks_own_ink_not_the_lines_around() -> None:
    """A printed comma read as ``·`` stays a comma although the stroke ends of the lines above and
    below, and a speck, lie in the same columns (all the ink's rows put it at the line's middle)."""
    chars, ink = _line("发展澳门回归", {2: 1.0})
    a, b = chars[1].box, chars[2].box
    mid = (a[2] + b[0]) // 2
    ink[0:4, mid - 2:mid + 2] = True                           # the line above, cut by the crop's top
    ink[-4:, mid - 6:mid - 2] = True                           # the line below, cut by its bottom
    ink[TOP + EM - 9:TOP + EM - 1, mid - 4:mid + 4] = True     # the comma, low in the line
    ink[TOP + 6:TOP + 8, mid + 5:mid + 7] = True               # a speck, high up
    line = chars[:2] + [CharResult("·", (mid - 4, TOP, mid + 4, TOP + EM), 0.8)] + chars[2:]
    kept, _ = recognize.middle_dots(line, [False] * len(line), ink)
    assert "".join(c.text for c in kept) == "发展，澳门回归"
    ink[TOP + EM - 9:TOP + EM - 1, mid - 4:mid + 4] = False    # no mark at all, only the others' ink
    kept, _ = recognize.middle_dots(line, [False] * len(line), ink)
    assert "".join(c.text for c in kept) == "发展澳门回归"


def test_full_cell_mark_read_as_middle_dot_becomes_that_mark() -> None:
    """Fonts that centre their marks put 。，、 at the line's middle: a ring there is a 。, a stretched
    piece running near upright a ，, one running down to the right a 、; a round dot stays ·, also a
    large one, and beside a larger piece of its neighbour's stroke lower down."""
    import cv2

    chars, ink = _line("发展澳门回归", {2: 1.0})
    a, b = chars[1].box, chars[2].box
    mid, cy = (a[2] + b[0]) // 2, TOP + EM // 2
    line = chars[:2] + [CharResult("·", (mid - 6, cy - 6, mid + 6, cy + 6), 0.8)] + chars[2:]
    ring = ink.copy()
    cv2.circle(ring.view(np.uint8), (mid, cy), 6, 1, 2)                  # 12 px = 0.3 em, a hole inside
    comma = ink.copy()
    cv2.circle(comma.view(np.uint8), (mid, cy - 4), 3, 1, -1)          # a comma's head ...
    cv2.line(comma.view(np.uint8), (mid + 1, cy - 2), (mid - 2, cy + 8), 1, 3)   # ... and its tail: 0.4 em high
    ideo = ink.copy()
    cv2.line(ideo.view(np.uint8), (mid - 5, cy - 5), (mid + 5, cy + 5), 1, 4)    # 、 down to the right
    dot = ink.copy()
    cv2.circle(dot.view(np.uint8), (mid, cy), 3, 1, -1)                # a round dot of 0.18 em
    dot[cy + 8:cy + 18, mid + 4:mid + 10] = True                       # a larger stroke end, lower down
    big = ink.copy()
    cv2.circle(big.view(np.uint8), (mid, cy), 6, 1, -1)                # a round dot of 0.33 em (sans type)
    for ink2, want in [(ring, "发展。澳门回归"), (comma, "发展，澳门回归"), (ideo, "发展、澳门回归"),
                       (dot, "发展·澳门回归"), (big, "发展·澳门回归")]:
        kept, _ = recognize.middle_dots(line, [False] * len(line), ink2)
        assert "".join(c.text for c in kept) == want


def test_round_speck_at_the_middle_beside_a_low_comma_is_the_comma() -> None:
    """Simplified type sets ，、 low and left in their own cell: with such a piece there, a round speck at
    the line's middle that made the engine read · is a speck and the mark a comma (or 、 by its shape).
    A middle dot's neighbour may have a low piece of its own (the left dot of 心 in 总), but it stands
    right against that character: the dot stays."""
    import cv2

    chars, ink = _line("发展澳门回归", {2: 1.0})
    a, b = chars[1].box, chars[2].box
    mid, cy = (a[2] + b[0]) // 2, TOP + EM // 2
    line = chars[:2] + [CharResult("·", (mid - 4, cy - 4, mid + 4, cy + 4), 0.8)] + chars[2:]
    ink[cy - 3:cy + 3, mid - 3:mid + 3] = True                            # the round speck (or dot)
    low = TOP + EM - 6
    comma = ink.copy()
    cv2.line(comma.view(np.uint8), (a[2] + 8, low - 8), (a[2] + 6, low + 2), 1, 3)   # a comma low in the left
    ideo = ink.copy()
    cv2.line(ideo.view(np.uint8), (a[2] + 4, low - 6), (a[2] + 12, low + 2), 1, 3)   # 、 low in the left
    stroke = ink.copy()
    cv2.line(stroke.view(np.uint8), (b[0] - 2, low - 8), (b[0] - 6, low + 2), 1, 3)  # the next one's low dot
    for ink2, want in [(comma, "发展，澳门回归"), (ideo, "发展、澳门回归"), (stroke, "发展·澳门回归"),
                       (ink, "发展·澳门回归")]:
        kept, _ = recognize.middle_dots(line, [False] * len(line), ink2)
        assert "".join(c.text for c in kept) == want


def test_masks_from_one_labelling_match_a_fresh_labelling() -> None:
    """Dropping whole components neither joins nor splits the others: a selection of the line's
    components (lineink.Components) has the components a fresh labelling of its pixels finds."""
    import cv2
    from digitize.lineink import Components, core_ink, without_specks

    chars, ink = _line("本报记者罗静雯", {4: 0.55}, residue=True)
    ink[30:32, 100:102] = True                                   # a speck
    ink[TOP + 10:TOP + 12, 2 * EM:2 * EM + 3] = True             # a speck touching a character's ink
    ink[TOP:, 8 * EM:9 * EM] = True                               # a character joined to the bottom edge
    parts = Components(ink)
    keep, inside = core_ink(parts)
    for sel in (keep, inside, keep & ~parts.blobs(0.2 * EM), ~parts.specks(EM)):
        n, _, stats, _ = cv2.connectedComponentsWithStats(parts.mask(sel).astype(np.uint8), connectivity=8)
        rows = lambda st: sorted(map(tuple, st.tolist()))            # noqa: E731
        assert rows(stats[1:]) == rows(parts.stats[sel & parts.all])
    assert (without_specks(ink, EM, parts=parts) == without_specks(ink, EM)).all()
    residue, joined = parts.labels[0, 0], parts.labels[-1, 8 * EM]
    assert not keep[residue] and not inside[residue] and keep[joined] and not inside[joined]


def test_field_gap_found_when_engine_boxes_cover_the_white() -> None:
    chars, ink = _line("本报记者罗静雯", {4: 0.6})
    b3, b4 = chars[3].box, chars[4].box
    chars[3] = CharResult("者", (b3[0], b3[1], b4[0] + 5, b3[3]), 0.95)     # a CTC box reaching into the next ink
    assert field_gaps(chars, ink) == [False] * 4 + [True] + [False] * 2


def test_unread_mark_under_an_engine_box_is_no_field_gap() -> None:
    chars, ink = _line("担任排连营团师", {4: 1.0})
    b3, b4 = chars[3].box, chars[4].box
    x = b3[2] + 8
    ink[TOP + EM - 12:TOP + EM - 2, x:x + 10] = True                     # the 、 the engine did not read
    chars[3] = CharResult("连", (b3[0], b3[1], b4[0] + 1, b3[3]), 0.95)     # and its box covers it
    assert not any(field_gaps(chars, ink))


def test_no_field_gap_in_a_line_cut_through() -> None:
    chars, ink = _line("本报记者罗静雯", {4: 0.6})
    ink[:TOP + EM - 6] = False                                           # only the strokes' feet are left
    assert not any(field_gaps(chars, ink))


def test_speck_read_as_a_mark_in_a_field_gap_goes() -> None:
    chars, ink = _line("本报记者罗静雯", {4: 1.0})
    x = chars[3].box[2] + 16
    ink[TOP + 6:TOP + 9, x:x + 3] = True                                 # a speck high in the gap
    speck = CharResult("：", (x, TOP + 6, x + 3, TOP + 9), 0.3)
    line = chars[:4] + [speck] + chars[4:]
    assert gap_specks(line, ink) == [4]
    kept, _ = recognize.line_chars(LineResult("".join(c.text for c in line), 0.9, line), ink, False)
    assert "".join(c.text for c in kept) == "本报记者罗静雯"
    ink[TOP + EM - 12:TOP + EM - 2, x:x + 10] = True                     # a printed comma there: it stays
    comma = CharResult("，", (x, TOP + EM - 12, x + 10, TOP + EM - 2), 0.3)
    assert gap_specks(chars[:4] + [comma] + chars[4:], ink) == []
    assert gap_specks(chars[:4] + [CharResult("：", speck.box, 0.95)] + chars[4:], ink) == []   # read confidently


def test_speck_read_as_a_quote_in_a_field_gap_goes_a_printed_quote_stays() -> None:
    chars, ink = _line("本报记者陈伟光", {4: 1.0})
    x = chars[3].box[2] + 16
    ink[TOP + 12:TOP + 20, x:x + 8] = True                               # one speck, a third down the line
    speck = CharResult("“", (x, TOP + 12, x + 8, TOP + 20), 0.39)
    assert gap_specks(chars[:4] + [speck] + chars[4:], ink) == [4]
    ink[TOP + 12:TOP + 20, x:x + 8] = False
    ink[TOP + 1:TOP + 9, x:x + 7] = True                                 # a printed “: two commas at the top
    ink[TOP + 1:TOP + 9, x + 10:x + 17] = True
    quote = CharResult("“", (x, TOP + 1, x + 17, TOP + 9), 0.39)
    assert gap_specks(chars[:4] + [quote] + chars[4:], ink) == []


def test_digits_boxes_off_their_ink_still_show_a_field_gap() -> None:
    """``CN 50-0033 代号``: the engine's boxes of narrow digits sit right of their ink, the last one
    reaching into the next character's ink; the white between them is still a field gap."""
    ink = np.zeros((EM + 2 * TOP, 20 * EM), bool)
    chars, x = [], 5
    for ch in "50033":                                                   # half-width digits, 0.55 em apart
        ink[TOP:TOP + EM, x:x + EM // 2 - 4] = True
        chars.append(CharResult(ch, (x + 3 * EM // 8, TOP, x + 9 * EM // 8, TOP + EM), 0.95))
        x += int(0.55 * EM)
    x += int(0.5 * EM)                                                   # the field gap
    for ch in "代号":
        ink[TOP:TOP + EM, x + 2:x + EM - 2] = True
        ink[TOP + EM // 2 - 2:TOP + EM // 2 + 2, x + 5:x + EM - 5] = False
        chars.append(CharResult(ch, (x + EM // 3, TOP, x + EM // 3 + EM, TOP + EM), 0.95))
        x += int(1.1 * EM)
    assert field_gaps(chars, ink) == [False] * 5 + [True, False]


def test_ink_of_a_character_dropped_as_a_speck_does_not_fill_a_field_gap() -> None:
    chars, ink = _line("本报记者罗静雯", {4: 1.0})
    x = chars[3].box[2] + 16
    ink[TOP + EM - 12:TOP + EM - 2, x:x + 10] = True                     # mark-sized ink in the gap ...
    assert not field_gaps(chars, ink)[4]                                 # ... an unread mark's cell
    assert field_gaps(chars, ink, specks=[x + 12])[4]                    # ... the engine read it; dropped as a speck
    assert not field_gaps(chars, ink, specks=[chars[5].box[0] + 5])[4]   # (a speck elsewhere does not count)


def test_mark_starting_a_line_is_a_speck_even_with_room() -> None:
    chars, _ = _line("任命为财政部长")
    first = chars[0].box
    lead = _with_mark("·", 0, (first[0] - 20, 28, first[0] - 12, 36), "任命为财政部长")   # 0.3 em clear, dot-sized
    kept, _ = recognize.edge_specks(lead, [False] * len(lead), EM)
    assert "".join(c.text for c in kept) == "任命为财政部长"


def _column(rows: list[tuple[str, float]]) -> "recognize.Block":
    """A body block of lines of Han 'characters' 40 px wide; each row's text starts at x=0 and a trailing
    ``·`` is set ``gap`` em after the last character."""
    from digitize.model import Glyph, Word
    from digitize.geometry import Box
    lines = []
    for k, (text, gap) in enumerate(rows):
        y, words, x = 100 * k, [], 0
        for ch in text:
            if ch == "·":
                x0 = int(x + gap * EM)
                box = Box(x0, y + 16, x0 + 8, y + 24)
            else:
                box = Box(x, y, x + EM, y + EM)
                x += EM
            words.append(Word(ch, box, 0.95, [Glyph(ch, box, 0.95)]))
        lines.append(recognize.Line(f"l{k}", Box.union_all(w.box for w in words), words=words))
    return recognize.Block("b", recognize.BlockType.BODY, Box.union_all(ln.box for ln in lines), lines=lines)


def test_mark_beyond_the_columns_measure_is_a_speck() -> None:
    full = "阿克马塔利耶夫被"
    block = _column([(full, 0), (full + "·", 0.3), (full, 0), (full, 0)])     # a speck past the column's edge
    assert recognize.beyond_measure(block) == 1
    assert "".join(w.text for w in block.lines[1].words) == full
    name = _column([(full, 0), ("阿克马塔利耶·", 0.2), (full, 0), (full, 0)])   # a middle dot inside the measure
    assert recognize.beyond_measure(name) == 0
    assert name.lines[1].words[-1].text == "·"


def test_a_stroke_outside_its_characters_box_is_no_mark_in_a_field_gap() -> None:
    chars, ink = _line("主管主办重庆市", {4: 0.55})
    x1 = chars[3].box[2]                                  # 办's right dot: 2 px clear of its ink, outside its box
    ink[TOP + 8:TOP + 20, x1:x1 + 6] = True
    gaps = field_gaps(chars, ink)
    assert gaps[4] and sum(gaps) == 1


def test_no_field_gap_before_a_character_whose_engine_box_missed_its_ink() -> None:
    chars, ink = _line("国内统一连续", {3: 0.55})
    x1 = chars[3].box[2]                                  # the engine's box of 一: 1 px, right of its ink
    chars[3] = CharResult("一", (x1 + 2, TOP + 20, x1 + 3, TOP + 22), 0.95)
    assert not any(field_gaps(chars, ink))
