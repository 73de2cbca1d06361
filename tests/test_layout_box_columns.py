"""A boxed article's own columns and the page's column grid (layout/__init__.py, columns.new_column)."""
from __future__ import annotations

from digitize.layout.columns import columns_of, new_column
from digitize.geometry import Box

PAGE = [(0, 100), (110, 210), (220, 320), (330, 430)]      # four page columns, 10 px gutters
EM = 10.0


def test_a_box_column_laid_over_two_page_columns_is_no_new_column() -> None:
    """A small ad two page columns wide set as one column overlaps each page column by under half of its
    own width but covers either page column whole: it is no column the page lacks (browser 23 ba_007)."""
    assert not new_column((5, 205), PAGE)
    assert not new_column((115, 425), PAGE)


def test_a_box_column_across_a_page_gutter_is_a_new_column() -> None:
    """An inset box's narrower column falling across a page gutter is one the page grid lacks."""
    assert new_column((185, 250), PAGE)


def test_a_box_column_inside_a_page_column_is_no_new_column() -> None:
    assert not new_column((115, 180), PAGE)


def test_with_the_box_column_left_out_a_headline_heads_only_its_own_columns() -> None:
    """Added, a box column over page columns 0-1 would make the grid's columns overlap: a headline over
    page columns 2-3 would seem to cover the box column too (it reaches an em into it) and so head
    every column between in the sorted grid."""
    head = Box(205, 0, 430, 30)         # display type set a little into the gutter
    wrong = sorted(PAGE + [(5, 215)])
    assert columns_of(head, wrong, EM)[0] < wrong.index((220, 320))
    grid = sorted(PAGE + [c for c in [(5, 215)] if new_column(c, PAGE)])
    assert columns_of(head, grid, EM) == (2, 3)
