"""Top-to-bottom text is told by blank pixel columns (vertical.looks_vertical); specks in a heavy scan's
leading do not make a block of horizontal lines set on a character grid look like columns."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.vertical import looks_vertical


def _grid(lines: int, chars: int, pitch_x: int, pitch_y: int, size: int = 11) -> np.ndarray:
    img = np.zeros((20 + lines * pitch_y, 20 + chars * pitch_x), np.uint8)
    for j in range(lines):
        for k in range(chars):
            img[10 + j * pitch_y:10 + j * pitch_y + size, 10 + k * pitch_x:10 + k * pitch_x + size] = 255
    return img


def test_letter_spaced_caption_with_specks_in_its_leading_is_not_vertical() -> None:
    """Four lines of 20 letter-spaced characters (11 px, pitch 15 px: the characters stand in columns) with
    3 px of leading, each row of the leading dirtied by a speck or two (a heavy scan): horizontal text."""
    img = _grid(4, 20, 15, 14)
    rng = np.random.default_rng(3)
    for j in range(3):
        for y in range(10 + j * 14 + 11, 10 + (j + 1) * 14):
            for x in rng.choice(np.arange(10, 10 + 20 * 15, 15), 2):     # inside a character's columns
                img[y, x + 5] = 255
    box = Box(10, 10, 10 + 20 * 15 - 4, 10 + 4 * 14 - 3)
    assert not looks_vertical(img, box)
    clean = _grid(4, 20, 15, 14)                                       # without the specks: as before
    assert not looks_vertical(clean, box)


def test_vertical_columns_with_specks_between_them_stay_vertical() -> None:
    """Eight columns of 20 characters (11 px, column pitch 18 px, character pitch 13 px) with a speck in
    every pixel column of the white between two of the columns: top-to-bottom text."""
    img = _grid(20, 8, 18, 13)
    for x in range(10 + 11, 10 + 18):
        img[40, x] = 255
    assert looks_vertical(img, Box(10, 10, 10 + 8 * 18 - 7, 10 + 20 * 13 - 2))


def test_a_blob_whose_columns_are_only_nearly_blank_is_not_vertical() -> None:
    """Columns of ink with a little ink in every pixel column between them (a smeared microfilm blob): no
    pixel column is empty, so it is no vertical text, though discounting faint ink would make it so."""
    img = _grid(20, 8, 18, 13)
    for x in range(10, 10 + 8 * 18):
        img[10 + (x % 7) * 30, x] = 255                 # a pixel in every column, rows far apart
    assert not looks_vertical(img, Box(10, 10, 10 + 8 * 18 - 7, 10 + 20 * 13 - 2))
