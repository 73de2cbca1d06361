"""Gutters between columns: a blot of speckle in a gutter (straddling two lines) does not carry a body line
across it, while a comma of a caption running across the gutter and a headline drawn over it still do."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.lines import clear_gutter_dust, smear_segments

EM = 13.0
WALL = Box(210, 0, 230, 200)        # the gutter between a column ending at x=208 and one starting at x=232


def characters(im: np.ndarray, y: int, x0: int, x1: int, size: int) -> None:
    """A run of square 'characters' of ``size`` px with 2 px between them."""
    for x in range(x0, x1 - size + 1, size + 2):
        im[y:y + size, x:x + size] = 255
        im[y + 3:y + size - 3, x + 3:x + size - 3] = 0


def row_pieces(im: np.ndarray, top: int, bottom: int) -> list[Box]:
    clear_gutter_dust(im, [WALL], EM)
    segs, _ = smear_segments(im, 20, [WALL], EM)
    return [s.box for s in segs if top <= s.box.y0 < bottom]


def test_speckle_blot_in_gutter_does_not_join_body_lines() -> None:
    im = np.zeros((200, 440), np.uint8)
    characters(im, 40, 10, 208, 12)                 # body lines of the left column
    characters(im, 58, 10, 208, 12)
    characters(im, 40, 232, 430, 12)                # the same rows in the right column
    characters(im, 58, 232, 430, 12)
    im[48:56, 217:224] = 255                        # a 7x8 speckle blot in the gutter, between two lines
    row = row_pieces(im, 30, 50)
    assert len(row) == 2, row
    assert all(b.height <= 14 for b in row), row
    assert not im[48:56, 217:224].any()             # the blot is dust


def test_comma_in_gutter_keeps_caption_line_whole() -> None:
    im = np.zeros((200, 440), np.uint8)
    characters(im, 40, 10, 208, 12)                 # a caption line running across the gutter
    characters(im, 40, 234, 430, 12)
    im[45:52, 214:219] = 255                        # its comma, sitting in the gutter within the line's rows
    row = row_pieces(im, 30, 50)
    assert len(row) == 1 and row[0].x0 <= 12 and row[0].x1 >= 420, row


def test_headline_across_gutter_is_one_line() -> None:
    im = np.zeros((200, 440), np.uint8)
    characters(im, 100, 20, 420, 22)                # big type running over the gutter
    row = row_pieces(im, 90, 130)
    assert len(row) == 1 and row[0].x0 <= 22 and row[0].x1 >= 400, row


def digits(im: np.ndarray, y: int, x0: int, text: str, em: float = EM) -> int:
    """A time or a number drawn as digits 0.7 em tall (hollow boxes half an em wide, 1 px apart) and a colon
    (two dots of 2 px) for ':'; returns the right edge."""
    h, w = int(round(0.7 * em)), int(round(0.4 * em))
    x = x0
    for ch in text:
        if ch == ":":
            im[y + 2:y + 4, x + 1:x + 3] = 255
            im[y + h - 4:y + h - 2, x + 1:x + 3] = 255
            x += 4
        else:
            im[y:y + h, x:x + w] = 255
            im[y + 2:y + h - 2, x + 2:x + w - 2] = 0
            x += w + 1
    return x


def test_a_column_of_times_standing_in_a_gutter_is_no_dust() -> None:
    """A listing's times, a column narrower than the grid keeps (columns.column_grid folds it into the gutter
    beside it): their digits are 0.7 em tall, under the 0.75 em a lone piece in a gutter needs, but each
    stands level beside another within a character's gap, white above and below: a word, kept with its
    colon.  Specks, a lone mark as tall and film grain (level blobs with no white between their rows) in the
    same gutter are still dust (browser 31 cq_005: 20 times of a TV listing erased; microfilm 25 md2_003)."""
    wall = Box(150, 0, 300, 300)
    im = np.zeros((300, 440), np.uint8)
    characters(im, 20, 10, 140, 12)                 # the body column on the left ...
    characters(im, 20, 310, 430, 12)                # ... and the programmes on the right
    times = []
    for k in range(8):
        y = 20 + 18 * k
        x1 = digits(im, y, 170, f"{6 + k:02d}:{15 * (k % 4):02d}")
        times.append((y, x1))
    im[250:253, 200:203] = 255                      # a speck
    im[270:279, 240:245] = 255                      # a lone mark as tall as a digit, nothing beside it
    for gy in range(170, 240, 10):                  # film grain: blobs as tall as digits, level, 3 px apart,
        for gx in range(250, 290, 10):              # but with no white above and below them
            im[gy:gy + 7, gx:gx + 7] = 255
    before = im.copy()
    clear_gutter_dust(im, [wall], EM)
    for y, x1 in times:                             # every time whole, its colon too
        assert (im[y:y + 10, 170:x1] == before[y:y + 10, 170:x1]).all(), y
    assert not im[250:253, 200:203].any()
    assert not im[270:279, 240:245].any()
    assert not im[170:240, 250:290].any()
