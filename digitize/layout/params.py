"""Named layout parameters, in units of the page's own measured body type size (``em``, layout px).

Every value says why it is what it is.  The layout measures ``em`` on the page (``lines.estimate_em``), so
these hold at any resolution and type size: a 7 pt microfilm page and a 11 pt broadsheet scale alike.
Rules that still use bare numbers are being moved here one by one (issue 10).
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Iterator


@dataclass(frozen=True)
class LayoutParams:
    # --- whitespace gutters (whitespace.py) -------------------------------------------------------------
    # CJK body type is set solid: neighbouring characters are 0.05-0.15 em apart; Latin word spaces are
    # 0.2-0.33 of a line's height.  A gutter of half an em keeps >= 0.35 em of paper even with side bearings.
    gutter_min_width_em: float = 0.35
    # White over about six consecutive lines (pitch 1.3-1.6 em).  A closing mark (。，、) or a narrow glyph
    # (一, 十, 1) leaves ~0.6 em of white in its line, as wide as a narrow gutter, and on a character grid
    # the same place is white in 3-4 lines in a row often enough (measured on the shared dev pages: a
    # minimum of 4 em cut body columns apart, 9 em did not).  Columns shorter than that are not split.
    gutter_min_height_em: float = 9.0
    # A hyphen, a comma or a speck reaching into a gutter interrupts its white for less than half an em
    # in all over the gutter's minimum height (white down a column of text is interrupted far more, and
    # is told from a gutter by the text on both sides, see column_min_ink_share).
    gutter_intrusion_em: float = 0.5
    # A gutter has text on both sides within 1.5 em (further away it is open space, not a gutter).
    gutter_reach_em: float = 1.5
    # The white between two lines of one column (leading) is under 1 em at a line pitch under 2 em.
    line_leading_em: float = 1.0
    # A paragraph's short last line leaves a gutter without text on one side for a line: bridge 1.5 em.
    gutter_bridge_em: float = 1.5
    # A gutter's core is the x-range white on half of its rows (its box bulges at paragraph ends).
    gutter_core_share: float = 0.5
    # Text columns are at least 4 em wide; in a column of text every half-em stretch has ink on at least
    # a fifth of the rows (lines, where white between characters of one line never lines up for long).
    column_min_width_em: float = 4.0
    column_min_ink_share: float = 0.2
    # "Every half-em stretch": _column_beside's stretch is column_stretch_em wide (ee64306, the first whitespace
    # gutters; fitted, no page named).
    column_stretch_em: float = 0.5
    # That test looks at every stretch of half an em centred on a pixel column of the 4 em beside the gutter's
    # core, so its first stretch lies half in the gutter's white and its last half beyond the 4 em: each sees
    # a quarter em of the column only.  Where the core ends short of the text (a heavy page's blurred, ragged
    # column edge) or the 4 em end in the white between two characters lined up down the column, the test
    # failed a real gutter and lines ran on across it (browser 24 bg_002, 7.8 % of lines merged; browser 19
    # bj_006).  A strip at least this tall (about 11 lines of body type: river_short_em, longer than the
    # white lined up by chance down one paragraph's punctuation) that lies off the page's column grid (the
    # grid's gutters are walls of the line smear already, which a spanning line may cross; a whitespace
    # gutter there would cut it) is judged by stretches wholly inside the 4 em.  Shorter strips keep the
    # test as it was: found with whole stretches, rivers of synth 53, 81, 85, 94 and shared dev dev_006 cut
    # paragraphs in two.
    gutter_whole_stretch_em: float = 16.0
    # A line 1.5 em tall or more (its dense core too) is headline type: a gutter never runs through it
    # (the white between two of its characters can be as wide as a gutter) ...
    headline_min_em: float = 1.5
    # ... and one line of headline type is at most 4 em tall (a taller fragment is lines run together).
    headline_max_em: float = 4.0
    # Pieces of one headline line cut apart where a gutter runs up into it (lines.join_row): tops and
    # heights within 15 % of the line's height, and the white between them under half its height, as
    # between the characters of one headline (two headlines side by side stand a gutter plus the ragged
    # end of the left one apart).
    headline_piece_level: float = 0.15
    headline_piece_gap: float = 0.5
    # ... where the white between the pieces counts a bracket pair's own white as no space (lines._bracket_white):
    # a closing and an opening bracket facing each other ink a fifth of their square cells each, on the far
    # sides; a mark at most 0.45 of the line's height wide, parted from its piece by white of at least 0.05 of
    # the height (the white between the characters of display type set solid), in a cell 0.9 of the height
    # wide (the line's ink box is about 1.1 of the type's em: brackets reach above and below the characters).
    bracket_max_width: float = 0.45
    bracket_white_frac: float = 0.05
    bracket_cell: float = 0.9
    # Its glyphs are headline-sized: the typical mark at least 1.1 em tall (body glyphs are at most an em;
    # a Latin headline's lower-case letters are about 0.7 of its 1.5 em or more).
    headline_glyph_em: float = 1.1
    # Wider white than 3 em is open space between articles, not a gutter between columns.
    gutter_max_width_em: float = 3.0
    # A gutter stops where a line of headline type runs across it: fragments of one row reaching within
    # headline_cross_em of the gutter from both sides (whitespace.stop_at_headlines; 9f480ef, gutters stop
    # where a headline runs across; fitted, no page named).
    headline_cross_em: float = 1.0
    # A gutter found only as a spine of white that runs on into other white (the open space beside a
    # headline above it, a paragraph end, another block's gutters) is 0.75 em wide or more: wider than the
    # white a closing mark or a narrow glyph leaves in a line (~0.6 em), which lines up down a column of text
    # for 9 em often enough (a 0.4-0.5 em strip of that kind cut synth and browser body lines apart).
    spine_min_width_em: float = 0.75
    # A strip of white inside one paragraph (a river: characters of a justified CJK text sit on one grid, so
    # the white between two of them lines up down the lines, wider where spaced numerals or punctuation
    # fall) ends where the paragraph's own lines run on across it.  A gutter between columns ends at white,
    # a rule, a picture or a headline.  So a strip whose top and bottom are both crossed, within the white
    # between two lines (river_reach_em), by a line of body type (shorter than headline_min_em) that runs
    # on at least river_side_em on both sides with no gutter-wide white, is not a gutter (browser seed 8
    # bt_000: a 13 em strip 0.46 em wide cut one paragraph into two blocks).  The lines on both sides of a
    # river are the same lines: of the rows inked on either side, river_level_share are inked on both (text
    # beside a caption, or beside a picture's pale edges, is not level with it).  A strip shorter than
    # river_short_em (about 11 lines) needs one end crossed only (a paragraph's first lines after open
    # paper); a longer one both: a column under a paragraph set across two of them is a page's layout.
    river_reach_em: float = 1.0
    river_side_em: float = 2.0
    river_short_em: float = 16.0
    river_level_share: float = 0.8
    # A white run through lines set across it (whitespace._lines_across): the gutter finder takes a strip white
    # on most rows of 9 em, a hyphen or a comma reaching into it for half an em at most; lines whose characters'
    # cells sit on one grid leave the white between two characters at the same place line after line, and where
    # a few lines hold a closing mark, a spaced numeral or a paragraph's end there, the strip is white enough.
    # Measured over a line's whole height (its rows of ink, river_line_min_em to headline_min_em tall, with text
    # on both sides within 4 em), the white at such a strip is the gap between two characters: on 151 seen
    # browser and synth pages holding a gutter under 0.8 em, 227 of the 458 lines at the 60 gutters that GT lines
    # run across leave under 0.4 em (0.07 em and up), 11 of the 3,061 lines at the 229 gutters no GT line
    # crosses (0.18 em and up; median 0.69 em: the gutter's own width, 0.5-1.5 em on these pages).
    # Lines with less white than river_line_white_em cut the strip; if no piece is gutter_min_height_em tall,
    # it is no gutter (BENCHMARKS.md, session 29, wrap29).
    # Two such lines at least (river_lines_across): a real gutter that one spanning line crosses near its end,
    # the finder's window bridging it, is only just taller than gutter_min_height_em on one side of it (two
    # real gutters of 9.5-10 em on 24 seen film pages, microfilm 30, 40, 50, 60, would go with one line; on the
    # paper pages six chance runs of 9.1-10.5 em with one line across stay, oracle 0.010 summed).
    # Not on film (whitespace_gutters' ``across``): compared on the paper sources only (BENCHMARKS.md).
    river_line_white_em: float = 0.4
    river_line_min_em: float = 0.5
    river_lines_across: int = 2

    # --- rules worn to pieces (separators.join_broken_rules, real5) ---------------------------------------
    # Two pieces of one rule lie on one line: their centre lines within the rule's thickness of each other
    # (plus a pixel of skew), where the pieces of two different rules (a column rule and a box side) stand
    # apart by a gutter.  The scan shows the rule in the gap between them on at least half of its rows: a
    # worn rule leaves its short middle pieces (too short for the rule finder's opening), while the white
    # where a headline crosses a column, or between two rules that end, has no ink there.
    rule_join_offset: float = 1.0
    rule_gap_ink: float = 0.5

    # --- dust (separators.drop_specks, real5) -------------------------------------------------------------
    # A speck is at most half a square mm, which is 0.05 of a square em at 9 pt body type (em ~3.2 mm, the
    # first pass's line height): a full stop or a stroke of a small letter is more.  Where the resolution tag
    # overstates the scan's, the mm bound counts too many pixels and the em bound holds.
    speck_em2: float = 0.05

    # --- a line's type size (lines.measure_core, real5) ----------------------------------------------------
    # A line 8 heights long or more is measured levelled along its own slope: the mean row of its ink in 4
    # stretches (2 heights each: enough ink for a mean row), a straight line through them, every column
    # shifted by it.  A line whose ends lie a third of its height apart, measured as it lies, spans more rows
    # than its type is tall and was typed a headline (1939 NZZ page).
    core_pieces: int = 4
    core_piece_len: float = 2.0

    # --- the masthead title's line (masthead.trim_title_lines, real5) -------------------------------------
    # Title type is 3 body sizes tall or more (masthead_title's own bound for the title) ...
    title_min_em: float = 3.0
    # ... and its line box holds the rows where its letters (ink taller than a line of headline type,
    # headline_max_em) hold at least 15 % of their densest row: the tails of two or three descenders or
    # swash capitals (Z, g) under a title of 15-20 letters hold under 11 % of it, the rows of its capitals
    # and ascenders above the x-height 15-22 % (measured on the three NZZ titles), the x-height band all.
    title_core_share: float = 0.15

    # --- crossing walls (lines.smear_segments) ------------------------------------------------------------
    # A row crosses a vertical rule only where ink within half an em of it covers 80 % of the wall's width
    # (text of both columns touching a rule from either side covers its edges, not its middle).
    rule_crossing_cover: float = 0.8
    # ... a whitespace gutter where that ink reaches into each third of its width and covers 60 % of it
    # (the glyphs of a spanning headline, an open one such as 广 included; not a hyphen and the next
    # column's first letter reaching into a narrow gutter from either side).
    space_crossing_cover: float = 0.6
    # "Each third": the gutter's width cut in space_crossing_parts parts, each needing ink of the crossing row.
    space_crossing_parts: int = 3
    # "Within half an em": the ink of a row is counted over the rows crossing_reach_em above and below it (the
    # window of smear_segments; 6fd3316, the first layout; fitted, no page named).
    crossing_reach_em: float = 0.5

    # --- touching lines (lines.valley_cuts) ---------------------------------------------------------------
    # A body line's inked height is under 1.4 em (the measured em is a line's dense core) ...
    line_max_em: float = 1.4
    # ... a cut keeps 0.6 em on each side ...
    line_min_em: float = 0.6
    # ... and a valley between two touching lines holds at most a quarter of the densest row's ink
    # (Fraktur ascenders and descenders meeting; blur between CJK lines).
    valley_share: float = 0.25

    # --- film photos found in part (pictures.grow_over_grain) ---------------------------------------------
    # A microfilm photo is grain or dither, toned 0.35-0.80 (session 15, pic15: ml_001, mm_001, mc_002, ma_001),
    # its pale parts under grow_pictures' 0.6 per row / column.  A picture grows on over a band
    # ``grain_band_em`` deep along a side, an em at a time, while the band is toned at least
    # ``grain_toned_share`` ...
    grain_band_em: float = 2.0
    grain_toned_share: float = 0.35
    # ... no more than ``grain_blank_share`` of its lines along or across it are blank (toned under
    # ``grain_blank_rel`` of the band's own share: film grain tones the paper too, so blank is relative): text
    # leaves its leading and the white between glyphs, grain leaves none (2 em x 10 em bands over the seen
    # microfilm pages' GT blocks, toned 0.35 or more, no such line, glyphs as below: headlines 0.9 %, body
    # 2.5 %, the unfound parts of photos 19 %; with blank as under 0.05 toned: 6.3 %, 8.7 %, 40 %) ...
    grain_blank_rel: float = 0.3
    grain_blank_share: float = 0.1
    # (a band along a picture's top or bottom also fails where between ``grain_blank_share`` and all but that of
    # its rows hold no ink: text lines on a shaded or noisy paper, toned all over, keep their leading free of
    # ink; grain leaves ink in nearly every row, a dark part of a photo that binarized to nothing in nearly
    # none: synth 97 sp_005, 91 sh_002, text over a photo on a dark-scanned page, were grown over without it)
    # ... it holds under ``grain_glyph_density`` glyph-sized marks of the page's type per square em (body text
    # 0.42-0.60, pic15; a film photo's grain binarizes to blobs of a glyph's size too, 0.18-0.42 over the pale
    # parts of microfilm 8 ma_001, 22 ml_001) ...
    grain_glyph_density: float = 0.45
    # ... and no row (or column) of ``grain_row_marks`` headline-sized marks (``grain_head_min_em`` to
    # ``grain_head_max_em`` tall, at least half an em wide, heights within ``grain_head_alike``, centres within
    # a quarter of their height across and ``grain_head_reach_em`` heights along) lies within
    # ``grain_head_ring_em`` of it: headlines hold few glyphs of the body's size (0.00-0.15 per square em) but
    # their marks stand in rows; grain's large blobs do not.
    grain_head_min_em: float = 1.5
    grain_head_max_em: float = 5.0
    grain_head_alike: float = 0.25
    grain_head_reach_em: float = 2.5
    grain_head_ring_em: float = 3.0
    grain_row_marks: int = 3
    # (a headline-sized mark is at least ``grain_head_min_width_em`` wide, and marks of one row or column stand
    # with their centres within ``grain_head_level`` of their height across: a row of type, not grain's blobs)
    grain_head_min_width_em: float = 0.5
    grain_head_level: float = 0.25
    # Only a picture at least ``grain_least_mm`` on each side grows over grain (a photo's piece, not a glyph
    # or a speck found as a picture: grow_pictures' least picture too); its four sides are grown in turn
    # ``grain_passes`` times, since a side grown out opens a longer band beside the next side.
    grain_least_mm: float = 10.0
    grain_passes: int = 3
    # A picture grows over no text line running out of it (session 16, pic16: browser dev bd_007, the photo
    # grown 5 em over the ends of the body lines set beside it on a tinted box, toned and under the glyph
    # density there; microfilm 8 ma_001, 21 md_000, browser 8 bt_002, 12 bw_002, 18 be_006, 25 br_000 and 8
    # more pages where it grew to or over the lines beside it): a side stops ``grain_text_gap_em`` short of a
    # line of the page's text that the grown picture would not hold whole.  A text line here is a fragment
    # of the ink outside the pictures smeared ``grain_text_smear_em`` along its rows (the line smear's reach,
    # layout.text_lines), ``grain_text_min_height_em`` to ``grain_text_max_height_em`` tall, at least
    # ``grain_text_min_em`` long, with at least ``grain_glyph_density`` glyph-sized marks per square em:
    # measured on the 32 pages where the rule grew a picture (session 15's moved pages), the lines beside
    # a photo are 5.4-28 em long and 0.44-1.26 dense; film grain smeared so is 2-4.7 em long, or longer
    # but under 0.36 dense (synth 100 sv_000 7.3 em 0.00, browser 44 ch_002 7.3 em 0.09, browser 11 bv_002
    # 28 em 0.36).  The gap: the gutter between a photo and the lines beside it is 0.8-0.9 em on these pages
    # (mp_000, bd_007, be_006); half an em keeps the picture off the lines' ink and leaves the strip white.
    grain_text_smear_em: float = 1.5
    # A fragment is cut to its run of type: from the first to the last mark that starts (ends)
    # ``grain_text_run`` glyph-sized marks in a row, of alike height (within ``grain_text_alike`` of the
    # fragment's median mark) and each at most ``grain_text_space_em`` from the next (a CJK line's glyphs stand
    # 0.05-0.15 em apart, 0.5-0.7 em beside a full-width stop or comma); the grain of a photo's pale edge
    # that the smear joined to the lines beside it (browser 12 bw_002: 2-5 em of it before each line, the
    # gutter 0.6 em) is dots and blobs of any height, not such a run.
    grain_text_run: int = 3
    grain_text_alike: float = 0.3
    grain_text_space_em: float = 1.5
    grain_text_min_height_em: float = 0.5
    grain_text_max_height_em: float = 1.6
    grain_text_min_em: float = 5.0
    grain_text_gap_em: float = 0.5

    # --- pictures (pictures.grow_pictures) ---------------------------------------------------------------
    # A printed tint with scan noise (sigma up to 16) spans about 40 gray levels in its middle 80 %; a
    # photo's tones span more.  A picture does not grow over a flat tint that holds characters.
    flat_tone_span: float = 45.0
    # Tone running across (down) over 80 % of the page is scanner background or border, not a picture to
    # grow over: measured outside the pictures found (two photos side by side over most of a row are no
    # border; browser 15 bh_001, a photo's pale lower part beside another photo and text columns on a light
    # gray scan: rows up to 0.83 toned with the photos counted, 0.75 without).
    page_tone_share: float = 0.8
    # A boxed article printed on a tint: inside its frame the tint is the paper, so a photo there is what is
    # darker than the tint (pictures.tint_levels; browser dev bd_003: a pale photo on a 226 tint, paper 255,
    # was all "toned" and broke into junk headlines).  The inside is measured 1 mm off the frame's rules
    # (they are 0.1-0.5 mm), and it is a tint when a third of it lies within 6 levels of its commonest level
    # (scan noise on a tint: sigma up to about 5 at layout size; a photo's tones spread over far more).
    tint_inset_mm: float = 1.0
    tint_flat_levels: float = 6.0
    tint_flat_share: float = 0.33
    # A picture grown over a blank tint (a boxed article's tint above a photo, no text there to tell it) holds
    # the headline beside it once joined with another piece (browser 19 bj_007).  The grown part is trimmed
    # from its outer edge, a band of tint_band_mm at a time along the picture's own extent, while the band
    # is one clean tone: tint_band_share of its paper within tint_flat_levels of its commonest level (a clean
    # tint: 1.0; the outer 2 mm of pale photo parts: 0.2-0.7 on browser 8 bt_002, 15 bh_004, 19 bj_007, its
    # grain spreads).  A tint on a noisy scan spreads too and is left as it was.
    tint_band_mm: float = 2.0
    tint_band_share: float = 0.9
    # (issue 10, session 31, picgrow31) Nor does a grown side reach past a gap of clean tint: walking out from
    # the picture's edge a tint_band_mm band at a time, along its own extent, the first run of clean bands
    # (``_clean_tone``) picture_tint_gap_em of the page's em deep ends the side at the run's inner edge.  A
    # photo's pale part is never one clean tone over a whole band (0.2-0.7 above), so a clean band that deep
    # across the photo's width is the paper (or tint) beside it, and what lies beyond it is not the photo:
    # browser 98 el_004, a photo in a boxed article on a tint no frame was found for, grown up over the tint
    # to the box's top, took the article's headline and byline (3 lines, the article then read in two
    # pieces; oracle 0.427); there the photo's top is 7 clean bands (4 em) below the headline's foot, the
    # headline's own rows (halo and antialiasing of 2 em type) 0.77-0.92 clean, so the trim from the outer
    # edge stopped at once.  One em: the white between a photo and the text beside it is 0.5-1 line.
    picture_tint_gap_em: float = 1.0
    # A photo with a pale area (sky, a lit wall) is found in pieces: its dark part is a picture, the pale
    # part breaks up into ink that the line finder reads as junk text blocks.  A text block touching a
    # picture (within half an em: the white between a picture and its caption or the column beside it is
    # wider, a quarter to a full line) and lying within the picture's extent along that side (an em of
    # slack) is part of the photo when three quarters of its area are darker than the paper (text leaves
    # more paper than that between its strokes, even a bold headline) and even its lightest tenth is
    # darker than the background (paper or tint) in a ring of an em around it: text on a tint is as light
    # between its strokes as the tint around it.
    photo_piece_gap_em: float = 0.5
    photo_piece_slack_em: float = 1.0
    photo_piece_toned_share: float = 0.75
    photo_piece_ring_em: float = 1.0
    # A pale photo that the picture finder missed altogether (a light scan, its tone under the finder's
    # threshold in part) breaks into junk "headlines" and "bodies" that interrupt articles.  A text block at
    # least photo_alone_min_em wide and tall (about six characters: a headline or a column of text is
    # mostly paper between its strokes at any size) that passes the photo-piece test above on its own is a
    # picture (browser seed 8 bt_006: a 31 mm photo read as a headline, 93 % toned, text blocks 23-39 %).
    photo_alone_min_em: float = 6.0
    # ... and holds few marks of a glyph's size: text, on paper or on a tint as dark as a pale photo, has
    # 0.43-0.50 of them per square em (browser pages, tinted boxes); pale photos read as text 0.02-0.17.
    photo_alone_glyph_density: float = 0.3
    # ... or (upright paper pages, not film: params' users in __init__) whose middle tone, its
    # photo_middle_percentile-th percentile, lies darker than the ring's by more than the paper's noise, and
    # whose paper between the marks is no flat tone (flat_tone_span; pictures.photo_middle): characters ink
    # well under half of a text block's box, so its median is its paper or tint (the 133 text regions reaching
    # this test on 65 seen paper pages, BENCHMARKS.md session 31 pichead31: the median 0-17 levels under the
    # ring's with margins 10-35, except one 13 x 7 em region holding a photo's piece, 34 under, margin 10,
    # stopped by its 0.44 glyph-sized marks per em^2; the paper between marks spans under 45 levels on 123 of
    # them; those with few glyph-sized marks and a spread paper, 7 and 4 levels under, margins 10-11), while a
    # pale photo with patches as light as the background around it (a lit area on
    # paper, browser 90 ed_005; or any light part on a tint that was not found as a tint, its frame's top part
    # of a longer rule, browser 98 el_002) fails the lightest-tenth test and has a middle well under the ring's
    # (el_002: a 12 x 12 em photo, lightest tenth 215 against the ring's 220, median 181 against 216, margin
    # 10, the paper between its marks spanning 57 levels).
    photo_middle_percentile: int = 50
    # A veiled area's sides (pictures._glyph_free; 4f45bdb) are trimmed while a band glyph_free_band_em deep
    # along the side is as dense in glyph-sized marks as text (fitted, no page named).
    glyph_free_band_em: int = 2
    # A photo found in part whose dark shape (a blob of tone on its pale side, cut off from the found part by
    # paler tone) is read as a one-line "headline" of huge type starts an article of its own that takes the
    # photo's caption and the text under it (synth 63 sq_006, 83 sx_005, 94 sj_002: shapes 3.5-11.5 em tall,
    # 0-3.7 em from the found part, inside the photo's frame).  A text block of one line at least
    # photo_blob_min_em tall and no wider than tall (one "character": text of that size is a row of them),
    # whose biggest mark of ink spans at least photo_blob_mark_share of its height (a column of vertical type
    # is marks of a character's size, a tenth of it), level with a picture (within its extent and
    # photo_piece_slack_em) and at most photo_blob_gap_em from it, with no other text between, is part of it.
    # A photo found in part whose cut-off strip is pale with light shapes in it (the tone test above fails on
    # it) is read as a line of headline type: a "headline" that starts an article of its own, takes the
    # photo's caption and the text under it, and is read a row later (synth 71 su2_004: the strip under a
    # photo, 1.7 em tall; synth 109 sj2_005: a strip over a photo, 4.1 em; the article-order loss counted in
    # BENCHMARKS.md, session 23, ord23: headline-type blocks holding no characters, the largest cause of
    # articles read in pieces on both synth and browser pages).  Characters hold marks of their own type size:
    # each character of a line is one or more marks photo_head_mark_lo to photo_head_mark_hi of the line's
    # height (its shorter side) tall and at most that wide (CJK radicals and Latin x-height letters are over
    # 0.3 of it; a character is at most the line's height): headlines of the seen synth and browser pages
    # next to photos hold 0.48-1.5 of them per square of the line's height, those strips 0.00.  A block of at
    # most photo_head_max_lines lines whose tallest line is of headline height, touching a picture as a pale
    # piece must (photo_piece_gap_em, photo_piece_slack_em) and holding fewer than photo_head_mark_density
    # such marks per square, is part of the picture.  Not on film (the microfilm profile's grain_joined_lines):
    # film grain joins and breaks the ink of type, and the count did not tell text from a photo's piece there
    # (microfilm 22 ml_002: a block of headline type next to a photo taken into it, one article fewer, the
    # page's oracle CER 0.256 -> 0.722; it fired on 4 of the first 36 microfilm pages, none better).
    photo_head_max_lines: int = 2
    photo_head_mark_lo: float = 0.3
    photo_head_mark_hi: float = 1.2
    photo_head_mark_density: float = 0.3
    photo_blob_min_em: float = 3.0
    photo_blob_mark_share: float = 0.8
    photo_blob_gap_em: float = 4.5
    # On a turned vertical page such a photo's box (its text block's) is moved in over its edge rows not
    # mostly toned, by photo_text_trim_em at most: the block can hold the first row of the caption under the
    # photo (vertical 9 vg_000: 1.2 em of it, the row then run on into the caption of the photo beside it;
    # vertical_page.cut_rows_between_pictures).  A row or column across a photo is toned nearly all along,
    # one through text about half at most (vertical_page.PHOTO_EDGE_TONED, grow_pictures: 0.6).  Captions
    # are set at 0.85 em, a row at most 1.5 em (vertical_page.CAPTION_ROW_EM).
    photo_edge_toned_share: float = 0.6
    photo_text_trim_em: float = 1.5
    # A caption is set at body size or smaller (0.8-1.0 em); text of 1.3 em or more right under a picture
    # is a headline set there (the next article's, under a photo whose own caption is printed inside it:
    # browser dev bd_002), not its caption, when it is a line of at least caption_headline_min_em of its
    # characters (a lone dark blob of a photo's edge right under it is no headline either).
    caption_max_type_em: float = 1.3
    caption_headline_min_em: float = 3.0
    # A caption's next line may reach into the line above's box by a third of an em (a comma's tail, a
    # line box taller at an opening mark); a credit line set flush right under a caption may stand a line
    # (a blank line) further off than the caption's own lines (up to 2 em).
    caption_line_overlap_em: float = 0.3
    credit_gap_em: float = 2.0
    # A caption set as a paragraph indents its first line (two characters, up to 2.5 em with a quote mark):
    # its next line starts that much further left, flush with the picture's left edge (browser dev bd_007).
    caption_indent_max_em: float = 2.5
    # A caption's lines other than its indented first start at the caption's measure, under the picture: not
    # left of the picture's box by more than caption_photo_edge_em (a photo's box is found to within half an
    # em of its frame); a caption set in from the photo's frame starts inside it.  The same half em is the slack
    # of blocks._free_caption_tail (c6037a5, browser dev bd_007): a credit line under the caption lies within the
    # picture's sides and the other lines of the text beside the picture outside them, each to within it.
    caption_photo_edge_em: float = 0.5

    # --- articles (articles.attach_feet, articles.vertical_articles) -------------------------------------
    # The foot of an L-shaped article: body blocks in neighbouring columns whose tops are level (within
    # foot_level_em: blocks of one band start on the same line), each continuing text of its own column (a
    # body block of two lines or more of the same article ends foot_gap_em to foot_reach_em above it: a
    # white gap wider than a line's leading, so a block split after a line or two is no foot), those blocks
    # above ending level too (within foot_tops_em: the parts above the foot fill the same height), and
    # belonging to different articles.  The band is one article's text run under its neighbour: the article
    # holding most of its columns; when two hold as many, the right-hand one (its text wraps back to the
    # left under its neighbour, as text wraps from column to column).
    foot_level_em: float = 0.5
    foot_gap_em: float = 0.8
    foot_reach_em: float = 4.5
    foot_tops_em: float = 2.5
    # A column of the band whose text above ends short (a ragged column end of an L-shaped article's upper
    # tier: unseen 89 ec_003, the middle column ends 1.8 em above its neighbours', its foot 4.8 em under it,
    # past foot_reach_em; browser 68 dh_004 2.7 em, browser 80 dv_001 3.4 em above the band's first column's)
    # may join a band that starts in another column, not start one: its white may be foot_short_column_em
    # wider than foot_reach_em, the block above it may be of one line (unseen 89 ec_006: a subhead's line
    # split off), and the text above it may end foot_short_column_em higher than foot_tops_em allows (a
    # column joining a band ends short, not long: lower ends are still bounded by foot_tops_em).  2.5 em:
    # as much again as foot_tops_em (about two lines and their leading; session 28, lshape28).
    foot_short_column_em: float = 2.5
    # Level is read at the first lines' tops or at their bottoms: grain or a speck taken into a line's box
    # grows it on one side only (microfilm dev mf_002: a foot's first line grown 0.7 em up by a speck, its
    # neighbour's not; their bottoms agree to a pixel).
    # A foot's white on film: a column of the band whose block runs on across the band's level (not cut
    # there) is cut where its own lines leave a blank line's white level with the band: two full lines
    # (at least foot_full_share of the block's width) whose white between exceeds the block's own leading
    # (the median white between its full lines) by foot_blank_share of its line height, with nothing between
    # them but lines that start more than foot_speck_indent_em right of the block's left edge (grain or
    # specks on film: a paragraph's last line is set flush left, and it is text, not white).  Film's grain
    # bridges such a gap (microfilm 29 mn2_002: three specks in it) or its fat line boxes leave less white
    # than group_lines' 0.9 line (microfilm 22 ml_004: 25 px between lines 30 px tall, set solid); on paper
    # the gap was cut already.  Cut only when the band then holds two articles' text (a foot to give).  Both
    # on film only (layout.grain_joined_lines, the microfilm profile): grain is what bridges the white.
    foot_full_share: float = 0.5
    foot_blank_share: float = 0.6
    foot_speck_indent_em: float = 1.0
    # Top-to-bottom text on a horizontal page: a lone column of type counts as vertical from 3 ems tall
    # (three characters); columns of one vertical article stand within 1.5 em of each other.
    vertical_column_em: float = 3.0
    vertical_gap_em: float = 1.5
    # A headline heads the text under it down its columns until something of another article stands in
    # between: another headline, a teaser or a framed box covering over half of the narrower of the two
    # (a bar of ads under a wide headline's article ends that article in those columns; its text below the
    # ads is not the headline's).
    interrupt_overlap_share: float = 0.5
    # A block right under a headline's own box (its columns inside the columns the headline's box covers,
    # nothing but subheads and bylines between) is that headline's, even when a lower headline beside it has
    # its span grown over those columns (articles._heads_directly; issue 10, session 24, tail24: synth 109
    # sj2_001, synth 116 sx2_003, a one-column headline under a wider one's stack took the wider one's body
    # columns).  "Between": a block in its columns reaching over own_head_slack_em below the headline's foot
    # and starting that far above the block's top: boxes of a block and of its headline touch or overlap by a
    # fraction of a line where the white between them is a leading (half an em is less than any line of text).
    # The same slack says what stands between a headline and a block below it in articles._interrupted
    # (b8081fd: a headline, a teaser or a framed box of another article there ends the headline's article).
    own_head_slack_em: float = 0.5
    # A news photo set on its own (a picture and its caption, no headline: an article of its own, read in the
    # row where it stands) under the text of an article in its columns is no part of that article when that
    # article's text ends above it and another article starts level with it beside it: the photo opens the
    # next row (articles._photo_of_its_row; issue 10, session 28, paper28).  Counted first over the 1,100 seen
    # browser and synth pages (order_decomp's membership share, each foreign article split off in turn): a
    # headless photo article given to the article above is the mechanism that spans most sets (39 pages,
    # 32 browser sets, membership 1.01 summed; none on the synth generator's pages).  Level: the tops of
    # those photos and of the article beside them agree within 0.0-0.93 em on the 28 it takes (the
    # generator's rows; the reading order's own row tolerance, article_row_tolerance_mm, is 40 px at 300 dpi,
    # an em of 33-46 px), so photo_row_level_em; an article's own photo under its text with an article
    # level beside it was 1 of 1,559 own pictures at 1 em (browser 81 dw_005: a one-line head set in body
    # type right over the photo: the text right above the picture must not be its article's first block).
    # The article's text "ends above" the picture's top within photo_row_end_slack_em (a line's box grown
    # by a speck or the photo's edge reaching into the last line: overlaps of 0.07 and 0.39 em seen, browser
    # dev bd_002, browser 24 bg_002; half an em is less than any line of text).  Horizontal paper pages only
    # (assign_articles: not on film, not on a vertical page laid out turned), where it was counted.
    photo_row_level_em: float = 1.0
    photo_row_end_slack_em: float = 0.5
    # A headless photo (a picture given to the article whose text stands right above it in its column) set
    # across the page's whole text width, right under the text of two or more articles, is an article of its
    # own (articles._photo_across; issue 10, session 30, photo30): a photo under several stories belongs to
    # none of them, and read inside one it is read in the middle of the page (browser 94 eh_003: picture and
    # caption across the foot of all four articles, given to the one in column 3: membership 0.056).  Counted
    # on the 1,132 seen browser and synth pages and 390 film pages dumped at session 29's final code
    # (/work/notes/s30/photo30/count_across.py): of 44 headless pictures on paper, 5 fall short of the page's
    # text extent (the text blocks' leftmost and rightmost edges, masthead aside) by 0-50 px at 300 dpi on
    # either side (1.5 em at most), the next by 773 px (17 em and more); photo_across_slack_em lies between,
    # under a quarter of a body column's width.  All five stand right under two or more articles (browser 69
    # di_001, 89 ec_000, 91 ee_006; 35 bf_001 and 85 dy_006: a lead photo under the masthead's last info line
    # typed body and a boxed teaser, its caption GT's article of its own); browser 94 eh_003 (unseen then) is
    # the sixth.  Priced as photo and caption an article of their own (trace29 cf_photo_paper.txt): di_001
    # 0.038 -> 0, ec_000 0.030 -> 0, ee_006 0.065 -> 0.028, eh_003 0.376 -> 0; the looser class (any headless
    # photo under two or more articles) made browser 75 do_005 and microfilm 47 mj2_003 worse.
    # Horizontal paper pages only, as photo_row_*: film's 55 headless pictures hold none within 3 em (the
    # nearest falls 186 px short), and a vertical page laid out turned has no such foot.
    photo_across_slack_em: float = 3.0
    photo_across_min_articles: int = 2
    # A head group set in near-body type (a headline not told from the body, its subhead, its byline: text
    # that starts an article of its own, no headline above it) is cut off from its body by the article's own
    # thin rule (synth pages set one under every article's head, over its text's width): the text or picture
    # right under it across such a rule continues its article when the group is all short blocks, at most
    # head_group_max_lines lines each (classify types at most three short lines between a headline and its
    # body as subhead or byline), and the rule reaches at most head_rule_reach_em beyond the two blocks (a
    # rule across wider columns parts articles).
    head_group_max_lines: int = 3
    head_rule_reach_em: float = 1.0
    # Lines of one headline are set in one size (CJK glyphs fill the em, so their ink heights agree within
    # ~10 %); headline type under 0.85 of the headline right below it is a kicker set smaller above it.
    kicker_type_share: float = 0.85
    # A kicker (引题) is set as the line before its headline, so the white from its ink down to the headline's
    # ink is the headline's own leading over its ink (plus a small margin), and that grows with the headline's
    # type: headline lines set at 1.2-1.5 times their size leave 0.2-0.5 of their height of white above their
    # ink.  A kicker may stand that far above a headline when it is more than articles.KICKER_GAP_EM: half the
    # height of the headline's smallest line (browser 74 dn_004: a kicker 1.2 em over a lead headline of
    # 3.5 em type, whose own two lines stand 1.3 em apart, was an article of its own read first, and the
    # headline then came after the article beside it: article order 0.426).
    kicker_head_white_share: float = 0.5
    # Such a kicker further than KICKER_GAP_EM above its headline is a phrase (several characters): a piece
    # shorter than 2 em there is a mark (film's specks and grain: microfilm 50 mo2_001, 0.4 em; microfilm 24
    # mv_002, 1.3 em), and it is no closing line (articles._closing_line: a jump line or a photo credit set
    # flush right ends the text above; microfilm 50 mo2_002: a mark flush right in its column 2 em over a
    # headline, taken for its kicker, lifted its article into the row above: oracle 0.032 -> 0.228).
    kicker_min_width_em: float = 2.0
    # A small ad in a box frame: one title line at least 1.25 times the height of the lines under it
    # (title type is 1.4-2 em over body type), and at least two lines of text of one size under it.  A
    # teaser box (导读) sets its lines in one size and ends in one small line (详见N版): it stays one block.
    ad_title_share: float = 1.25
    ad_text_min_lines: int = 2
    # Running text starts at the column's left edge or a 2 em indent and runs to its right edge or ends a
    # paragraph short; a line short of both edges by 1.2 em or more, its centre within 1 em of the column's,
    # is set centred (a byline, credit or subhead) and is no paragraph of the body below it.
    centred_margin_em: float = 1.2
    centred_offset_em: float = 1.0

    # --- pictures side by side (separators.split_ink, separators.merge_pictures; issue 11, vert5) ----------
    # Pieces of one picture (a photo cut by a rule drawn behind it, nested pieces, a pale photo's dark
    # parts) lie within its rectangle, so together they fill most of their joint box, or one of them holds
    # nearly all of it.  Two photos set a millimetre apart in an L (a tall one beside a wide one, the text
    # under the wide one: vertical seed 2's vu_003 and vu_007) fill about half of their joint box, and
    # joining them takes the text between them into the picture.  Pieces join when they cover at least
    # 0.7 of their joint box.  On vertical pages only (layout.analyse's ``turned``): on horizontal pages
    # the same rule parts browser seed 7's bs_007 photos (two in an L across a rule, rightly) but the
    # article order downstream gets worse there (oracle CER 0.187 -> 0.241), so they keep joining within 2 mm.
    picture_join_fill: float = 0.7
    # ... nor when the part of their joint box outside both holds text: a large photo and a small piece of
    # another photo at its corner fill 0.71 of their joint box, the rest of it being the columns of three
    # articles beside the photo (vertical 9 vg_002: the 12 em strip the join added is inked over 0.22 and
    # toned over 0.34).  Text is inked over a twentieth of its area and more (body type binarized covers
    # 0.15-0.3); blank paper between two pieces of one photo less (0.006, vertical 13 vm_002); a photo's own
    # part between its pieces is toned over 0.75-1.0 (pictures.photo_piece_toned_share; vertical 8 va_002,
    # va_003, vertical 7 vz_004, vertical 15 vp_001), text about half at most (vertical_page.PHOTO_EDGE_TONED).
    picture_join_ink_share: float = 0.05
    picture_join_toned_share: float = 0.6
    # ... nor two that stand apart with paper between them along their common side: two photos side by side
    # in one tier, the white and the rule between them toned over 0.00-0.50 of the strip (vertical 9 vg_000,
    # vg_006, vertical 15 vp_002, vp_003, vertical 18 vh_000, vh_005: a photo's piece and its neighbour's,
    # joined into one picture across two articles' cells); the pieces of one photo have its tone between them
    # (0.98-0.99: vertical 7 vz_005, vertical 19 vi_004), as a pale photo's part is toned over 0.75
    # (photo_piece_toned_share).
    picture_gap_toned_share: float = 0.75
    # Pieces of one picture (separators.merge_pictures) stand at most picture_piece_gap_mm apart both ways
    # (33d2735: picture pieces merged; fitted, no page named).
    picture_piece_gap_mm: int = 2
    # On a horizontal page two pictures never join (merge_pictures within 2 mm, a tone picture over both:
    # pictures.add_tone_pictures) when their joint box, outside the pictures, holds ``picture_text_lines`` lines
    # of the page's text or more (pictures.holds_text; a line as pictures.text_lines_outside finds it: glyphs
    # of the page's em in a run along the line, dense as body type, ``grain_text_*``).  Issue 11, session 22
    # (pic22): of the 119 GT lines our pictures took in on the seen microfilm pages (16 pages), 64 lay under a
    # join of two photos set a millimetre apart, in an L or side by side, with their article's text between
    # them (microfilm 29 mn2_001 31 lines, the whole article round its two photos; 24 mv_000 16, 37 mw_001 8,
    # 29 mn2_005 7, 22 ml_005 2).  The joint box of those joins holds 2-10 such lines; the pieces of one photo
    # (a rule across it, a pale band between its dark parts: mn2_001's lower photo, mw_001, ml_005) hold none.
    # One line alone (a caption's first line between two photos: mn2_005, mw_001) is left to join: the grain
    # of a photo's pale part can read as one such line.  Nor does a picture grow (pictures.grow_pictures, over
    # the toned rows and columns beside it) over a strip holding that many lines: the side stops short of the
    # nearest (session 23, lead: browser 65 de_004, a boxed article printed on a tint a heavy scan left uneven,
    # its two photos grown over its text to the box's top and bottom; 40 lines never read).  A side's strip is
    # taken along the picture's own extent first, then along the box (its corners): text beside a photo stops its
    # growth sideways only (session 24, pic24: synth 71 su2_004).
    picture_text_lines: int = 2
    # A rule between two pictures (running along over half of each one's side, heavy11) parts them unless
    # they are level along it within picture_level_mm: a photo printed across a rule is cut by it into pieces
    # that share the photo's edges; two photos in neighbouring columns, a column rule between them, start and
    # end at heights of their own (synth 63 sq_007: tops 12 mm apart; joined, the box took in the text over
    # the shorter photo and the two captions became one).  Nor does a picture grow over a rule's tone (a
    # heavy scan's gray between two photos is toned, and each grew over the other).
    picture_level_mm: float = 2.0
    picture_rule_along: float = 0.5
    # On a vertical page laid out turned (layout.analyse's ``turned``) a whitespace gutter is the white between
    # two tiers (a column gutter of the turned frame): measured 0.92-2.5 em on every seen vertical page of
    # vertical dev, 7 and 8 (23 pages).  Across a tier's columns the characters sit on one grid, so the white
    # between two characters lines up from one column to the next: on a short tier (8 pt, 13 characters) a
    # 0.36 em strip of it ran 12 columns and cut the tier in two across its columns (vertical 8 va_005).
    # Turned, a gutter found narrower than 0.7 em is dropped (whitespace.tier_gutters; finding the gutters
    # with a 0.7 em minimum instead lost a 2.5 em gutter between a tier and a photo: vertical 15 vp_000).
    turned_gutter_min_width_em: float = 0.7

    # --- brow8 (issue 10, session 8): a frame round a photo and its caption (separators.caption_in_frame) ----
    # A frame may be the photo's own edges and the rules round photo and caption: the caption's lines then lie
    # inside it, between the photo and a side.  A line of characters there is at least three glyph-sized
    # pieces of ink side by side (a stroke or a character: 0.3-1.5 em; a speck of grain is under 0.3 em, the
    # dark part of a pale photo a blob of many ems) over line_min_em of an em of rows (browser 12 bw_000, whose
    # caption and credit were lost in the picture; browser dev bd_002, whose photo's pale lower part with a
    # dark patch in it, an em tall, is no line: see frame_glyph_share).
    frame_glyph_min_em: float = 0.3
    frame_glyph_max_em: float = 1.5
    frame_caption_glyphs: int = 3
    # ... and at least 0.8 of the ink on those rows is in such pieces: bd_002's dark patch is half blobs of
    # two ems and more; a caption line is all glyphs (a pair of touching characters allowed for)
    frame_glyph_share: float = 0.8
    # A caption is looked for between the pictures' joint box and the frame's top or bottom side only where
    # they stand frame_caption_room_em apart or more (a line's room; 74f5f8a, browser 12 bw_000).
    frame_caption_room_em: float = 1.0

    # A credit line (byline) sets its fields apart: '本报记者  张三  通讯员  李四', gaps of 1.4-1.5 em on browser
    # pages (a 1.2 em margin and a space: 80 % of GT byline lines have one of 1.2 em or more); running text is
    # set solid, its widest white a closing and an opening mark side by side (。“: under 1.2 em; 94 % of GT
    # body lines of browser dev and browser 7 have none, nearly all the rest are listing rows, which
    # listings.py takes first).  A line of one or two lines under a headline that holds such a gap (two of
    # them if it runs the column's width) is a byline: the body's paragraphs start after it, and it starts a
    # block of its own under a line without any (a subhead over it).
    field_gap_em: float = 1.4
    # ... with a whole character on both sides: ink on 0.6 of the line's height within half an em of each side
    # of the gap.  At layout resolution running text leaves 1.2 em of white beside a punctuation mark ('”，'
    # '》、', a small mark at the top or foot of the line, sometimes lost) on 8 % of its lines (browser 9 and
    # dev); a byline's gap lies between characters.
    field_flank_share: float = 0.6
    # "Within half an em of each side": the flank is field_flank_em wide; a line under field_line_min_gaps field
    # gaps long is not looked at (3a03632; fitted, no page named).
    field_flank_em: float = 0.5
    field_line_min_gaps: int = 2
    # Running text holds no field gap (94 % of GT body lines, above) and hardly ever two; a line with two is a
    # credit whatever its width (blocks._credit, where a full line needs two): a byline centred over three
    # columns runs as wide as the middle one and is no paragraph's end carried over to it
    # (classify.rejoin_continuations; browser 32 bo_006).
    credit_min_fields: int = 2
    # ... and it overhangs the column by more than this on a side: running text keeps to its column's measure
    # and may hold two punctuation whites ('纷、冲突的火种。但', browser 24 bg_004, a paragraph's end carried
    # over to the next column); a byline centred over three columns runs past the middle one's edges
    # (bo_006: 0.75 em each side).
    credit_overhang_em: float = 0.3

    # A headline sets its characters solid, or a full-width space (one em of its own type) apart; two headlines
    # side by side in neighbouring columns stand a gutter and the left one's ragged end apart, and a line of
    # display type (1.22 em and more: classify's headline size; a byline is set at 0.95 em, a subhead at 1.15)
    # joins a piece beside it in its row only within that one em (browser 9 bx_006, a 1.31 em headline 2.2
    # body em from the next article's: read as one line).  Body pieces keep joining up to 3 body em apart.
    headline_space_max: float = 1.0
    display_min_em: float = 1.22

    # A byline set centred over an article's two columns may have its field gap (1.4-1.8 em) fall on the gutter
    # between them, and the line is cut there.  Two level pieces, each ending within 1.5 em of that gutter,
    # a quarter em of white between them beyond the gutter's own (two columns' lines of running text run flush
    # to its sides, within a pixel at layout resolution: browser 8 bt_006; a byline's field gap, 1.4-1.8 em,
    # leaves 0.45 em and more beside a gutter of 0.5-1.3 em: browser 9 bx_004), and lines in the rows above or
    # below reaching more than 4.5 em beyond each half (browser 8 bt_002, browser 9 bx_005: where the page's
    # grid has one gutter in a band of many columns, their columns' lines are centred on it too)
    # on its column's outer side (running text starts at the edge or a paragraph
    # indent of 2 em, up to 4.5 em with an opening mark, and runs to the other edge or ends a paragraph short
    # of it: never both pieces of such a pair), centred on the gutter, are one line (browser 9 bx_002, bx_004).
    straddle_reach_em: float = 1.5
    straddle_inset_em: float = 4.5
    straddle_white_em: float = 0.25
    # ... the rows above and below: lines whose white to the pair is at most 3 of its heights, i.e. two lines
    # each way at a line pitch of up to 2 heights (2 x 2 - 1).  The first line under a byline starts a
    # paragraph, indented 2 em, so the second is the one that shows the column's edge (browser 23 ba_007: a
    # byline centred 6 em in from its columns' outer edges over an indented first line; one row each way
    # saw only that line and the headline above).
    straddle_near_lines: float = 3.0
    # ... of the pair's type size (dense core) within a quarter, as a line continues a block (blocks._fits):
    # a headline under or over the pair, as wide as two columns, tells nothing of the columns' width.
    straddle_near_size: tuple[float, float] = (0.8, 1.25)
    # A gutter of the page's grid runs down the whole page, and a band set in other columns (a row of small
    # ads under body columns) has its lines cut where that gutter runs through them; a line is cut only where
    # the white between two of its characters (after a comma, in a letter-spaced ad) falls in the gutter, the
    # lines above and below run across it (browser 32 bo_003: one line of three ads cut after its comma).  Two
    # level pieces (as the halves above) join over a grid gutter when the lines next to them above and below
    # (white to the pair at most bridge_near_lines of its height: the next row each way), of its type size
    # (straddle_near_size), each run across that gutter by bridge_over_em (a character) on both sides: there is
    # no gutter in that band.
    bridge_near_lines: float = 1.0
    bridge_over_em: float = 1.0

    # --- words standing in a gutter (lines.glyph_ink; issue 10, session 19, list19) ---------------------------
    # A column narrower than 4 em (a listing's times or codes, set apart from their names by more white than
    # a gutter) is no column of the grid: its ink lies in the gutter, where pieces under 0.75 em are dust.
    # A character there is at least half an em tall (digits are 0.7 em; specks of a heavy scan stay under
    # 0.2 em, listing_speck_em) and stands level beside another character within 0.6 em (the white of a
    # colon between hours and minutes is 0.3-0.5 em; listing_field_gap_em): those two are a word, kept.
    gutter_glyph_em: float = 0.5
    gutter_word_gap_em: float = 0.6
    # ... with white above and below it: a listing's rows leave 0.3 of their height or more between them
    # (listing_leading_min), so a quarter em over and under a word of its first column holds nothing but
    # specks (listing_speck_em).  Film grain standing in a gutter does not (microfilm 25 md2_003: grain over a
    # masthead kept as words became articles of their own, oracle 0.387 -> 0.592), nor do the pieces of
    # characters of body text set solid.
    gutter_word_white_em: float = 0.25
    # The marks kept between the two characters of such a word (a colon, a decimal point) lie in the pair's rows
    # widened above and below by the shorter character's height over gutter_word_mark_parts (a half; 35787d2:
    # browser dev bd_005, specks between the characters of a vertical article standing in a gutter were kept).
    gutter_word_mark_parts: int = 2
    # --- listings (listings.py; helper table5) -----------------------------------------------------------
    # A listing (TV programmes, stock prices) is rows of short fields.  Its fields are cut apart where at
    # least 0.42 em of white lies between two characters: CJK body type is set solid (0.05-0.15 em), Latin
    # word spaces are 0.25-0.33 em, so is the white where a colon is lost to binarization (06:30 at 100
    # layout dpi); a narrow table's cell padding leaves 0.5 em (browser seed 7, bs_003).
    # A closing mark leaves about 0.6 em and breaks a body line into fields too: a first field that ends in
    # a mark (its last 0.3 em holds ink over less than half the field's height: ，。、 sit at the foot of
    # their cell) is running text, never a listing's.
    listing_field_gap_em: float = 0.42
    listing_mark_em: float = 0.3
    listing_mark_height: float = 0.5
    # Two fields of a line under 0.8 em apart may be one first field: a time whose colon binarization lost
    # leaves 0.3-0.5 em between its hours and minutes (at 100 layout dpi and 8-9 pt type).
    listing_pair_gap_em: float = 0.8
    # Fields and the white between rows are measured without specks: ink under 0.2 em both ways (scanner
    # dust beside a number; a full stop or the dots of a colon are 0.1-0.2 em but lie inside a field).
    listing_speck_em: float = 0.2
    # Its first field is a time (08:00, 1.7-2.3 em), a stock code (600123, about 3 em) or a short name: at
    # least 1.2 em (one Han character of a vertical column or of a character grid is an em) and at most 4.5 em
    # (a body column is 4 em or wider and has no white gap at the same x down its lines).
    listing_anchor_min_em: float = 1.2
    listing_anchor_max_em: float = 4.5
    # A stock code is seven digits of the table's type (0.9 of the body's): 3.9-4.4 em where the page's em is
    # measured on its body lines (browser dev bd_002 up to 4.38 em, bd_008 4.21), 0.1-0.6 em under the limit
    # above.  On a page that is mostly a stock table the em is measured on the table's own digits (the codes
    # are its long flat fragments, estimate_em): browser 83 du_000, a page-long stock table beside a photo,
    # em 10 layout px where its names' type is 11 and the body's 12-13, its codes 4.8-5.2 em: no first field,
    # the codes read as one body block, the names as seven, only the prices and changes as a table (split CER
    # 0.772, full pipeline 0.801).  A run of first fields up to 6 em wide (a listing's other fields are at most
    # listing_field_max_em) is a listing's first column only where a listing of first fields under
    # listing_anchor_max_em stands level with it further right, its rows at the same pitch (the stock table's
    # prices): a body column 4.5-6 em wide has no listing beside it at its own line pitch
    # (listings._beside_listing).  Such runs are looked for apart (their chains from fields of either width,
    # kept when their median is wide), so the listings of ordinary first fields are found as before: a field
    # 4.5-6 em wide joining an ordinary chain made a film page's body a table (microfilm 43 mc2_004, oracle
    # 0.338 -> 0.348 when it did).
    listing_wide_anchor_max_em: float = 6.0
    # ... followed by another field of its row within 12 em: a table set 100 % wide spreads its columns (a
    # TV listing 20 em wide leaves 11 em between a time and its programme, browser dev bd_000).  A listing
    # never spans more white than that.
    listing_next_field_em: float = 12.0
    # Its first fields start and end where those above do (digits are set on one width): one edge within
    # 0.3 em, the other within 0.6 em (scanner dust fused to a number moves one edge by up to half an em) ...
    listing_align_em: float = 0.3
    listing_align_loose_em: float = 0.6
    # ... in at least five rows (a body line's fields end where its marks fall, never level for five lines),
    listing_min_rows: int = 5
    # ... one under the other at most 2.2 em apart (a table's line pitch is 1.2-1.6 em; past up to two rows
    # whose first field is spoilt: a character of a body column 0.5 em beside it fused to it, dust, a lost
    # digit), at an even pitch (each within a quarter of the median or of a multiple of it) ...
    listing_pitch_max_em: float = 2.2
    listing_skip_rows: int = 2
    listing_pitch_spread: float = 0.25
    # ... that leaves white between the rows: the pitch is at least 1.3 times a first field's height (digits
    # are 0.7 em tall at a pitch of 1.3-1.5 em; a column of vertical text stands 1.0-1.1 em per character).
    listing_leading_min: float = 1.3
    # Its sides are where the white between its rows ends: a column of text beside it, set at another line
    # pitch, puts ink into a third of those white bands or more (a speck or a descender in one or two does
    # not); so does a column rule or a picture running across a third of them, though their ink was taken out
    # of the text (the column past a rule, set at the listing's pitch, left the bands white: browser 29
    # ci_001).  A listing is at most 30 em wide.
    listing_dirty_share: float = 0.3
    # Those white bands lie between the rows' ink, and a row's first field may be its shortest: a time's or a
    # code's digits are 0.7-0.9 em tall, a programme's or a stock's Han name 0.9-1.0 em, and on film blur adds
    # a pixel above and below.  Measured between first fields alone, at a pitch of 1.3-1.4 em (gaps of 4-6
    # layout px on film), the names stood a pixel into the band and a third of the bands held ink right after
    # the first column: the listing ended at its times or codes and the rest of its rows were read as body
    # text, column by column (microfilm 23 mp_003: three TV listings, none found).  So a row's ink is its first
    # field and the first character (1 em) of the field after it.  A column beside the listing at another
    # pitch still crosses the white between the rows.
    listing_row_glyph_em: float = 1.0
    # It has other fields, and they are short: in half its rows or more there is one, and the longest is at
    # most 6 em (a programme of four to seven characters, a stock's name or price; running text beside a
    # column of first fields, e.g. the names a list in the next column ends its lines with, holds 8 em and
    # more between two marks; a column of words at the start of Fraktur lines has nothing after it, the
    # ascenders of the words beside them ending its extent).
    listing_field_max_em: float = 6.0
    # Two listings side by side with the same rows (level over 70 % of either's height, pitches within
    # 10 %) are one table (a stock table's right-aligned prices and changes line up as well as its codes)
    # when what lies between them keeps the white between the rows (listing_dirty_share above).
    listing_level_share: float = 0.7
    listing_level_pitch: float = 0.1
    # ... unless they are two listings of one kind (two TV listings side by side, each under its headline):
    # first fields as wide (listing_align_em) and as tall, within 0.1 em (digits are 0.7 em tall, the Han
    # name of a stock 0.9 em, however alike their widths).
    listing_twin_height_em: float = 0.1
    listing_max_width_em: float = 30.0

    # --- measuring to the pixel (blocks._fits, classify; real6) --------------------------------------------
    # Line sizes and the white between lines are whole layout pixels.  Where the layout em is under 10.5 px
    # (Latin pages, whose glyphs preprocessing scales to 10 px: the NZZ pages' em is 8-9 px) one pixel of
    # curl, slope or binarization is 10-12 % of the type: a body line measured 11 px against an em of 9 read
    # as headline type (1.22 em), and Fraktur ascenders and descenders overlapping the line above a pixel
    # more than 0.4 em as lines run together.  There, type size (for headlines) and overlap are judged one
    # pixel in the line's favour.  At the 11-16 px em of CJK body type at 100 dpi a pixel is a smaller share
    # and the bounds hold as measured (with the slack there, a 1.29 em headline of the shared dev set,
    # dev_003, was typed body).  (A line's size against its block's is compared as measured: one pixel in
    # its favour cut CJK subheads from their body, shared dev in order 0.990 -> 0.985.)
    measure_slack_px: float = 1.0
    coarse_em_px: float = 10.5

    # --- narrow gutters, session 6 (helper gutter6: whitespace.py, columns.py, lines.py) -------------------
    # A picture floated into a column has the column's text beside it: at least three lines (a caption set
    # beside a photo is one or two), half of them starting (or ending) within 0.3 em of one edge (justified
    # lines start on the column's edge; a dust speck or an indent moves one line by more).  The strip
    # between that edge and the picture stays a wall up to 5 em under the picture: a caption of up to three
    # lines of caption type (0.75-0.9 em, pitch 1.2-1.4 em) and the white between it and the picture.
    picture_side_min_lines: int = 3
    picture_side_align_em: float = 0.3
    picture_caption_reach_em: float = 5.0
    # ... and ends above a line under the picture, on its side, running up to the strip within a closing mark's
    # white (closing_line_flush_em), whose box is at least 0.9 of the height of the lines beside the picture:
    # caption type is at most 0.9 of the body's (see above), so such a line is the text set across under the
    # picture, and the strip's white in it only a mark's (browser dev bd_007: a 。 fell where the strip runs).
    picture_caption_type_max: float = 0.9
    # ... a line set across under the picture runs the picture's width on its side, less a paragraph's indent
    # or a last line's short end: over half of it (a fragment of the photo left under the picture's box is
    # no such line).
    picture_across_share: float = 0.5
    # Lines standing beside such a picture end (or start) at its strip (blocks._beside; ce0b6e0): a wall whose
    # side lies at most picture_wall_slack_em inside the lines' ends (fitted, no page named).
    picture_wall_slack_em: float = 0.5

    # --- vertical articles on horizontal pages, session 7 (helper brow7: blocks.join_vertical_pieces) --------
    # A vertical column cut short (a paragraph's last character or two at the top) leaves white one column
    # pitch plus the usual space between columns (browser 4 bq_004: 83 scan px at a pitch of 62, 300 dpi; browser 7
    # bs_003 likewise) down the rest of the article: found as a gutter, it parts the article.  Two vertical
    # blocks at most two of their own column pitches apart are one (two columns cut short are further apart).
    vertical_join_pitches: float = 2.0
    # Columns of one article are set in one size: their widths agree within the 25 % the line grouping
    # allows between lines of one block.
    vertical_join_width_ratio: float = 1.25
    # Its columns cut across instead (a row of characters level across the columns smeared into one tall line,
    # a block of its own, parts the blocks above and below it: browser 24 bg_003, a vertical article read as
    # four articles, one a "headline"): two vertical blocks one over the other, the same columns, are one when
    # at most three characters apart (a row or two of characters read as a line between them; a headline
    # between two vertical articles stands further off, with white round it).
    vertical_stack_gap_chars: float = 3.0
    # A line lying (80 % of its area) inside a vertical block's box is ink that block's columns already read.
    vertical_inside_share: float = 0.8
    # The rows read across a vertical block's columns (their first or last characters, smeared into a line
    # under or over it) lie within the block's sides, vertical_rows_side_em of slack (join_vertical_pieces;
    # 60e2ef1; fitted, no page named).
    vertical_rows_side_em: float = 0.5

    # --- microfilm pages, session 7 (helper micro7: issue 11; whitespace.py, borders.py) ------------------
    # A listing (a TV programme's times and names) set in the column beside a column of text, a narrow
    # gutter (0.8 em) apart: the white between its first fields (times, 2-2.5 em) and the next fields
    # fails the text test of column_min_ink_share, so the gutter was not found and body lines ran on into
    # the listing's rows (microfilm seed 4 mq_003: 24 % of lines merged across blocks).  Such a gutter is
    # still one when the side it fails is inked along the gutter for at least listing_side_em (a listing's
    # first field, listing_anchor_min_em) and the two sides are different line systems: of the rows inked
    # within river_side_em on either side, under listing_side_level_share are inked on both.  The lines of
    # one paragraph on both sides of a river are the same rows (river_level_share 0.8 and more); two
    # systems at their own pitches overlap by chance: with ink on a of the rows on one side and b on the
    # other, ab / (a + b - ab), about 0.45 for body (0.7) beside a listing (0.55; measured 0.46 on mq_003).
    listing_side_em: float = 1.2
    listing_side_level_share: float = 0.6
    # A scratch down the film is a thin straight line through the text, found as a vertical rule; as a rule
    # it parts every line it runs through (microfilm seed 4 mq_002: a column's lines read alternately into
    # two blocks).  A rule in a gutter has the gutter's white beside it (at least 0.2 em on a side even in
    # a half-em gutter with a hairline); a scratch has the glyphs it cuts right beside it: ink within
    # scratch_touch_em on both sides on scratch_text_share of its rows or more (body lines are inked on
    # 0.6-0.75 of the rows of a column; a headline crossing a rule over a short stretch is far less).
    # It is taken out of the ink as a rule is, and parts nothing.
    scratch_touch_em: float = 0.15
    scratch_text_share: float = 0.3
    # (micro10, session 10) At layout resolution a glyph is about ten pixels with white inside, so a scratch
    # through a line of type touches glyph ink on both sides on only some of the line's rows: measured row by
    # row beside the box, 8 of the 59 vertical rule candidates that run through GT text lines on 13 seen
    # microfilm sets were scratches.  So a rule is a scratch also when, measured beside its stroke (its ink,
    # row by row: a slanted scratch's box is wider than its stroke, and beside the box there is white), ink
    # touches both sides within scratch_window_em above or below (the rows of one line of type) on
    # scratch_text_share of its rows, and lines of type cross it: their leading leaves both sides white
    # (within scratch_leading_em) on scratch_leading_share of its rows or more.  Scratches through lines of
    # type: 0.37-0.65 of their rows; rules beside columns of vertical type or a picture's edge, which ink
    # touches nearly all the way: 0.02-0.27 (microfilm 2 mu_005, 7 mz_005, 6 my_003).  A rule in a gutter
    # keeps the gutter's white beside its stroke however far up or down one looks.
    scratch_window_em: float = 0.3
    scratch_leading_em: float = 0.3
    scratch_leading_share: float = 0.3
    # (micro11, session 11) Taken out of the ink, a scratch takes the edges of the glyphs it runs through with
    # it and leaves a white strip down the column, which the whitespace gutter finder took for a gutter of
    # half an em: the column's lines were cut in two and read as two columns (fresh microfilm 20 mi_000, a
    # scratch down a column: split oracle 0.115 against 0.016).  A whitespace gutter within scratch_touch_em
    # of a scratch along scratch_gutter_share of its height is that strip, no gutter (a scratch down a real
    # gutter has white beside it and is kept as a rule, not a scratch).  Only a strip narrower than
    # scratch_strip_max_em: the white of a scratch along the white between a column's characters (0.1-0.2 em)
    # is 0.35-0.45 em wide; a slanted scratch down a narrow gutter touches the glyphs on both sides too and
    # is taken for a scratch, but its gutter is 0.7-0.8 em wide (microfilm 11 mu_003, 13 m13_005: dropped,
    # the two columns' lines were joined).
    scratch_gutter_share: float = 0.5
    scratch_strip_max_em: float = 0.6
    # A masthead title with no rule under it (masthead.masthead_bottom: 3.6 em or taller, at the top left) is
    # set far bigger than the page's headlines: 1.5 times the tallest line of headline type outside its row
    # or more (generated microfilm: titles 6.6-10.5 em, headlines up to 4-6 em).  A half page without a
    # masthead has the headline of its top-left article as its biggest type, and headlines beside or under
    # it within 25 % of its size (microfilm seed 4 mq_002: a 4 em headline, the next 3.4 em, was taken for a
    # title and the top row's headlines and first lines read first as the masthead).
    masthead_over_headline: float = 1.5
    # Under a masthead title, above the rule that ends the band, stand its info lines (date, issue number,
    # slogan, price, weather): a few rows.  A column of body lines there (more than masthead_band_max_rows
    # lines of body size stacked under one another) is an article's text, the title its headline, and the
    # rule a rule between articles (synth 53 sn_005, a page without a masthead: its top-left headline and a
    # rule under the first row of articles made a "masthead band" 1,000 px tall holding six body columns).
    masthead_band_max_rows: int = 6
    # (lines of body size there: at least masthead_body_min_em long, two characters; 37cb43e, synth 53 sn_005)
    masthead_body_min_em: int = 2
    # A masthead title is the biggest type of its page (session 15, head15; measured on 180 seen pages of the
    # browser, synth, microfilm and real sources with a band found): over a full-width rule, 1.25-4.8 times
    # the tallest line of headline type outside its row.  A page without a masthead has its lead headline at
    # the top over a rule of its own, and another headline as tall (synth 53 sn_004, 88 sk_003, 94 sj_003,
    # sj_005: 0.98-1.11 times): under masthead_rule_over_headline times, with fewer than
    # masthead_rule_info_lines pieces of lines between it and the rule (masthead._info_lines: a masthead's
    # date and issue lines set in fields, 5-20 on those pages; a lead headline's subhead and byline, 2-5), the
    # "title" is a headline and the page has no masthead band (sj_003: the lead's columns read as five
    # articles of no headline).  The one masthead under 1.25 times (synth 95 sl_002, 1.20) has 17 pieces.
    masthead_rule_over_headline: float = 1.2
    masthead_rule_info_lines: int = 8
    # A title with no rule under it makes a band of its own height and a third only with the masthead's info
    # lines under it (date, issue number, price: set in fields, 4-10 pieces of lines on the seen pages with
    # such a band).  A page's lead headline read as a title (browser 25 br_003, 37 bq_005, microfilm 8
    # ma_004, 10 mr_004: 0-2 pieces there, a subhead or nothing) has its own columns under it.
    masthead_info_min_lines: int = 3
    # An ear of the masthead band (报眼: a teaser box, 导读, beside the title, its lines set above the rule that
    # ends the band; masthead.band_ears) stands apart from the title and the band's own lines: the title's group
    # is the title's row and every band block whose span across reaches within ear_gap_em of it (its info lines
    # under it, a slogan beside it), chained; a block of the band further off is an ear, read as a teaser
    # article after the band (issue 10, session 30, helper ear30).  Measured on the 1,180 seen browser and synth
    # pages (start code 4774f32, /work/notes/s30/ear30/gaps_*.txt): a slogan beside the title stands 1.9-3.1 em from it
    # (synth 111 sn2_002, 87 sg_005, 99 st_002, 104 sd_000), an ear 5.8 em or more from the title's group
    # (sg_005 5.8, sd_000 6.6; most 17-60 em); the ears read before the band's info lines cost 23 pages in 22
    # sets, oracle 0.36 of 1.07.  A band block under ear_chain_min_em wide (a speck, a dot: no text item of
    # the band is under two characters) bridges nothing (sg_005: a speck 1.4 em wide stood 2.5 em from the
    # slogan and 1.8 em from the ear).
    ear_gap_em: float = 4.5
    ear_chain_min_em: float = 2.0
    # ... and an ear is boxed: a frame holds it, or a rule runs along its top or a side within ear_rule_pad_em
    # (the seen ears: the top rule -0.8 to 0.9 em from the box's first line, the side rules 0.0-0.8 em from its
    # lines; within 1 em, 24 of the 27 ears read in the band on the seen browser and synth pages are boxed, 36
    # of 46 on microfilm; within 2 em, 26 and 37).  The masthead's own lines set far beside the title (microfilm: date and issue lines at the
    # right, 28 blocks; the test fixture's masthead) have no rule nearer than 5.2 em but the band's bottom rule.
    ear_rule_pad_em: float = 1.0

    # --- microfilm pages, session 8 (helper micro8: issue 11; masthead.masthead_title) ---------------------
    # The masthead title is type: its ink is glyphs and their strokes, pieces as tall as headline type
    # (headline_min_em) or more hold at least title_glyph_share of it (generated titles 6-9 em: 0.86-1.00,
    # measured on microfilm dev, seeds 2-5 and 13).  Film grain at the top of a dark frame or beside a photo
    # binarized into a tall patch of specks (microfilm seed 2 mu_000: 0.03-0.09; seed 5 mx_003, grain left of
    # a photo: 0.73) is no title, however tall.
    title_glyph_share: float = 0.8

    # --- vertical pages, session 7 (vertical_page.short_columns; issue 11, vert7) ---------------------------
    # A paragraph's last column of a character or two is lost by the turned layout where it stands outside
    # the column grid of its tier (the grid's edge is where most of the page's columns start; in a tier of
    # few columns, most of them indented, it came out two ems inside: vertical seed 2 vu_006, whose body then
    # split there).  It is looked for one column pitch left of a body's last column: ink starting within
    # 0.5 em of the columns' top (a paragraph's last column is never indented), its characters under an em
    # apart (set solid: 0-0.2 em), at least 0.6 em long (one character) and 0.5 em wide (a rule is 0.05-0.2
    # em), at most half the columns' length (longer ink there is a picture's edge or a rule as often as
    # text), the rest of the place blank but for 5 % of its rows (specks on a heavy page).
    short_column_top_em: float = 0.5
    short_column_gap_em: float = 1.0
    short_column_min_em: float = 0.6
    short_column_width_em: float = 0.5
    short_column_share: float = 0.5
    short_column_noise: float = 0.05
    # ... and the ink found there holds a glyph: one connected piece at least half an em tall or wide (session
    # 20, vert20).  A character's strokes join over most of its em (the least of the columns found that hold
    # text, over the seen vertical pages: 1.08 em; "二" or "川" still have a stroke 0.8 em long); specks of
    # paper noise join over 0.4 em at most (0.03-0.37 em, on 13 seen pages the rows of specks left of a
    # page's last column passed every measure above: 18 of the 22 columns found, read as text lines with no
    # text; on vertical 27 vh2_000 one widened its block past the article above's sides by a pitch, so the
    # block was taken for the next columns of the article beside it: oracle 0.319, membership 0.239).
    short_column_glyph_em: float = 0.5
    # A body is looked at only when its columns stand at a pitch between one and short_column_pitch_widths of
    # their own width (columns set at a regular pitch; 079d465; fitted, no page named).
    short_column_pitch_widths: int = 2

    # --- vertical pages, session 9 (vertical_page.cut_order; issue 11, vert9) -----------------------------
    # A cut down a vertical page's tiers is one cut (a strip of articles read down before what stands beside
    # it) where the right edges of the articles left of it (the edge of their column of the page grid, where
    # each starts its headline or first column) line up in every band the cut crosses; where they stand
    # apart, the gutters of two tiers only happen to meet and the tiers are read across first.  Measured on
    # every cut both ways of the seen vertical sets (dev, 2-6, 11, 13, 14): the edges of one cut stand 0-0.33 em
    # apart in each pair of bands (deskew residue and side bearings; one band in three to five off by up to
    # 0.7 em: a stray piece given to the article), those of tiers cut on their own 0.57-3.2 em apart (7 cuts;
    # one more, vertical dev vt_007's left half, 0.17 em apart by chance, was read as strips: the rules over
    # its tiers tell, below).
    strip_edge_em: float = 0.45
    # A photo's edge in such a cut (an article with no column of text: the picture's box) is held to the text
    # edges from one side only (vertical_page.straight_cut; issue 11, session 30, vert30): a photo in a strip
    # fills its column to the edge where the text beside the cut starts, or its box reaches on into the gutter
    # (a frame, the gutter's rule: up to 0.75 em further right where the GT reads a strip); one standing
    # inside the line of the text edges, left of their median, by more than strip_picture_inside_em was set
    # in a tier cut on its own.  Measured on every cut down join_broken_cuts keeps with a photo's edge and a
    # text edge, on the 512 seen vertical pages of 64 sets at the start code 4774f32 (work frame, the page's
    # body em; each cut priced by reading it the other way: /work/notes/s30/vert30/picedge.py): where the GT
    # reads a strip the photo stands at most 0.25 em inside (vertical 15 vp_001, 7.5 px: a pale side; then
    # 0.22, 0.12, 0.09 em), where it reads the tiers across 0.31-1.52 em inside (vertical 46 vj2_003 0.31,
    # 69 vl3_007 0.42, 35 vv_001 0.97, 15 vp_000 1.52).  The threshold is the most that the text edges of one
    # cut stand apart (0.33 em, strip_edge_em's measurement): vj2_003 (0.31) stays read as a strip.
    strip_picture_inside_em: float = 0.33
    # Where no article's box leaves a cut down the page, the cut is sought through the blocks: a gutter running
    # straight down between them that an article crosses only by a stray block (a piece of a strip's last
    # tier given to the body beside it, vertical 47 vl2_006; a head or a few characters under a banner given
    # to the wrong article) is a cut, each article read with the part that holds most of its blocks' area
    # (vertical_page.stray_cut; issue 11, session 21, ord21).  An article with more than cut_stray_share of its
    # area on each side spans that gutter: no cut there.  (A stray is a piece of an article: on vl2_006
    # 0.19 of the article's area; an article set across two strips holds about half on each side.)
    cut_stray_share: float = 0.25
    # ... but where the stray stands in the part's first or last band (no block above it or none under it: the
    # gutter may start or end there, the band a tier cut on its own, read across), at most cut_stray_edge_share:
    # a head column or a column or two given to the wrong article (vertical 17 vf_005 0.01-0.06, 44 vg2_006
    # 0.02-0.07 of the article), not the last band's own articles set across the gutters above (44 vg2_000:
    # 0.12 and 0.20 of the two articles of its last tier; the GT reads the tiers across).
    cut_stray_edge_share: float = 0.1

    # --- vertical pages, session 16 (vertical_page.cut_at_rule_breaks; issue 11, vert16) ---------------------
    # The rule over a tier is drawn over each article of that tier on its own, and stops at the gutter between
    # two articles: where the rule just over a body's top is in two pieces, the break standing in the white
    # between two of the body's columns, the columns right of it are one article's, those left of it another's
    # (two articles' continuation columns side by side in a lower tier, their gutter only ~0.45 em wider than
    # the white between columns and no vertical rule in it, that the turned layout made one body: 7 pages of 6
    # seen vertical sets, vertical 12 vb_006, 32 vn_001, 34 vs_002 vs_003 vs_007, 35 vv_002, 36 vw_000).  The
    # rule stands over the body when its middle is at most rule_over_em above the body's top (the rule and the
    # white under it are about an em; a paragraph's indented first column does not set the body's top) and at
    # most rule_over_inside_em under it (deskew residue); a column stands under a piece that covers half its
    # width; the break lies between the two columns when neither piece reaches more than rule_break_slack_em
    # over the column beyond its end (deskew residue: a rule is drawn to its article's edge, in the gutter; on
    # the 8 breaks of the seen pages at the start code the pieces end 0.27-0.74 em short of those columns' ink).
    rule_over_em: float = 2.0
    rule_over_inside_em: float = 0.5
    rule_break_slack_em: float = 0.2
    # Each article's own rule runs down its edge in the gutter: the articles of one straight cut down through
    # several tiers (a strip) have their rules at one x, those of tiers cut on their own only where their cuts
    # happen to meet.  Measured on every pair of vertical rules one under the other within an em across on the
    # 192 seen vertical pages at the start code (work frame, 300 dpi): 149 where the GT reads a strip 0-3.0 px
    # (0-0.25 mm) apart, 10 of 12 where it reads the tiers across 4.5-30 px (0.38-2.5 mm; the other two 1.5 px:
    # cuts that met to the pixel, nothing tells them apart).  A rule is at most gutter_rule_width_em wide (the
    # widest of those 310 rules 0.57 em; a "rule" 1.1-1.5 em wide has ink of the column beside it in its box).
    # The same holds for the rule over each tier, drawn over each article from its one edge to the other
    # (vertical_page.tier_rules_apart, session 19): where the GT reads a strip its pieces break at the gutter
    # at one x in every band the cut crosses, where it reads tiers cut on their own they break where each
    # tier's cut fell.  Measured on every decision of join_broken_cuts on the 184 seen vertical pages of 23
    # sets at the start code 8d1e91f (work frame, 300 dpi; the ends of the pieces left of the gutter and those
    # right of it, each side measured in two bands or more, the nearer together of the two sides): 92 strips
    # 0-3 px apart (0-0.25 mm; 77 of them 0 px), 34 tier pairs 0-72 px: 8 at 0-2 px (cuts that met, nothing
    # tells), then 6, 9, 12 px (vertical 36 vw_000, 23 vq_001, dev vt_007, read as strips: no rule found in
    # their gutters, text edges 0.2-0.3 em apart), 18 px and more.  One side's ends alone may move (a piece's
    # end eaten by specks: 6 px on vertical 42 vc2_005, a strip, its other side level): both sides must part.
    gutter_rule_apart_mm: float = 0.32
    # A gutter moves both pieces' ends alike, the left piece's end and the right piece's start, by as much as
    # the cut moved (a pixel of the print, 0.26 mm, is 2-3 px at 300 dpi); specks, blur and the deskew's residue
    # move each end on its own.  Measured on every pair of bands join_broken_cuts judges with both sides'
    # pieces found in both bands (the 296 seen vertical pages of sessions 17-54 and vertical 55-60, work frame,
    # 300 dpi; issue 11, session 26, vord26): where the GT reads a strip (73 pairs) the two sides move the same
    # way by at most 1 px (5 pairs, all on pages scanned turned 0.6-1.9 degrees: the deskew's residue), where
    # it reads tiers cut on their own by 2-3 px on the three pairs the spread test above missed (vertical 38
    # vz2_004 2 and 2 px, 45 vi2_007 6 and 3, 58 vb3_004 3 and 6; all clean, unturned) and by 4-177 px on the
    # 33 it caught.  So a shift of tier_rule_shift_mm or more on both sides the same way parts the tiers.
    tier_rule_shift_mm: float = 0.15
    gutter_rule_width_em: float = 0.6
    # Only the rules of two neighbouring tiers are compared: the lower one starts at most gutter_rule_stack_em
    # under the end of the upper (the rule across between the two tiers and the white around it, 1-2 em); over
    # a tier with no rule in the gutter (an article at the page's left edge has none) nothing is told.
    gutter_rule_stack_em: float = 3.0

    # --- vertical pages, session 17 (vertical_page.heads_in_body; issue 11, vert17) -------------------------
    # A vertical article's heads (headline, subhead, byline) stand right of its body, read first: in the ground
    # truth of the 120 seen vertical pages of session 17 (15 sets, 1062 subhead and byline blocks) no subhead or
    # byline stands left of a body column of its own article in its tier.  A "subhead" or "byline" the turned layout typed so
    # with a body column of its article right of it in its tier (beside it over half the shorter's height) is
    # one of that body's columns (a paragraph's short last columns, typed "at most 3 short lines between a
    # headline and its body" in the turned frame) and is read in the body's place.  The body's box may reach
    # head_left_of_body_em over the column's right side (deskew residue, as _body_between allows).
    head_left_of_body_em: float = 0.5
    # Two vertical headlines never stand side by side in the ground truth of the seen vertical pages (an article's
    # body stands between its headline and the next article's): of two "headlines" standing so (the left one's
    # right side within HEAD_BESIDE_EM of the right one's left side, tops level within TIER_TOP_EM), the left
    # one is the right one's subhead (or subhead and byline, joined) where its type is at most
    # subhead_beside_size times the right one's: subheads measure 0.83-1.2 body em (typed headline by the turned
    # layout: 0.4-1.6 em, a merged pair measured wider), headlines 1.4 em and more (5th percentile; the least 1.17;
    # 1012 headline blocks of the 120 seen vertical pages).  Typed headline, such a subhead started an article of its own and took the article's body
    # (vertical 37 vy_004, vertical 24 vx_000: 0.57 and 0.58 times the headline beside it).
    subhead_beside_size: float = 0.8

    # --- vertical articles on horizontal pages, session 10 (vertical.split_heads; issue 10, vert10) ----------
    # A vertical article's headline and byline stand in columns of their own right of its body, measured
    # against the block's median column width (the body's character size, w).  Seen browser pages with a
    # vertical article (19): headline columns 1.5-2.0 w wide, body columns 0.9-1.1 w, a squat smudge or stamp
    # beside four of them 1.4-2.0 w but only 1-1.2 w tall (a column of type is two characters or more); on a
    # heavy page whose columns ran together in pairs (browser 21 by_006) a body column stood 1.38 w wide.
    # A byline column starts level with the body's top (0-0.1 w off; a paragraph's first column is indented
    # two characters, 1.6-2.5 w lower), ends more than two characters short of the body's foot, and the column
    # after it starts a paragraph (indented at least one character below the byline's top).
    # Only a block of text columns is split: columns apart by leading (median gap between neighbours 0.35-0.7 w
    # on those pages) and long (median 12-66 characters).  A justified horizontal paragraph spaced out beside a
    # photo also stands in columns of characters (browser 12 bw_003, taken for vertical text): 0.14 w apart,
    # 7 characters long; split there, its first 'column' became a headline that started an article (oracle
    # CER 0.04 -> 0.52).
    vertical_columns_gap_em: float = 0.25
    vertical_columns_min_chars: float = 10.0
    vertical_head_width_ratio: float = 1.45
    vertical_head_min_chars: float = 2.0
    vertical_byline_top_em: float = 0.5
    vertical_byline_short_em: float = 2.0
    vertical_byline_indent_em: float = 1.0

    # --- headline type (classify.classify; lead, session 8) -----------------------------------------------
    # A block is headline type when its type is at least headline_size_em of the body's (1.22: body lines
    # measure 0.93-1.08 em and a line of bigger type set in the body face 1.15 em at the most on every page
    # source), or, in at most headline_bold_max_lines lines, when it is at least headline_bold_size_em and
    # set bold.  Bold is told by the strokes: their mean width (the mean run of ink along a row) against the
    # body's.  At the 100 dpi of the layout a body stroke is one or two pixels and that ratio was a coin
    # toss (two two-line headlines of one synth page at 1.26 and 1.41, bylines of body weight up to 1.47);
    # it is measured at the scan's resolution instead (each line binarized on its own, Otsu), where a bold
    # face's strokes are 1.4-2.4 times the body's and the regular face's 0.7-1.2 times over 8 pages each of
    # the shared generator (4 seeds) and the browser pages (3 sets).  Any bound from 1.30 to 1.40 types
    # those blocks alike; headline_bold_stroke is its middle.  headline_bold_stroke_coarse is the old ratio
    # at layout resolution, kept for a page without a working image (a binary scan given directly).
    headline_size_em: float = 1.22
    headline_bold_size_em: float = 1.1
    headline_bold_max_lines: int = 3
    headline_bold_stroke: float = 1.35
    headline_bold_stroke_coarse: float = 1.3
    # The body's stroke is measured on the first headline_bold_ref_lines lines of each body block (45a57c1): a
    # body line's strokes are alike from line to line, so three lines per block give the page's body stroke at a
    # fraction of the cost of every line of every column.
    headline_bold_ref_lines: int = 3
    # A headline is set apart from the text around it: white above and below its line.  A one-line block of
    # headline size whose line box touches or reaches into a body line both above and below it in its column,
    # no white row between (lines overlapping over swollen_line_column_share of the narrower's width: one
    # column) is a body line swollen by its
    # neighbours' ink (film grain, a scratch, the next line's short end joined to it): it measured 1.1-2.8
    # body line heights and started an article that took the column's body under it (issue 11, session 15:
    # 25 such blocks holding GT body text on 19 of 114 seen microfilm pages, none holding GT headline text).
    swollen_line_column_share: float = 0.5
    # The same for a block of headline size of any number of lines set in a column's run of body text: its
    # first line has a body line of its column right above it and its last line one right below it, each no
    # further than the body's own leading (the page's median white between consecutive body lines, measured)
    # times body_run_leading; and its ink is body type (lines.body_type: most of it in components no taller
    # than a body line; the glyphs of headline type are taller).  Body lines joined by film grain or a
    # scratch into one tall "line", or two swollen lines touching each other: 1.2-8 body line heights, read
    # as headline type, each started an article that took the column's body under it (issue 11, session 16,
    # film16: on the 138 seen microfilm pages, after the one-line rule above, the rule fires on 29 blocks
    # holding GT body text on 24 pages, 30 holding no GT text, none holding GT headline text; the one GT
    # headline set so tight, microfilm 20 mi_002, has glyphs taller than a body line).  On with the profile
    # setting layout.grain_joined_lines (configs/microfilm.toml).
    body_run_leading: float = 1.0
    # The same for a stack of two or more such blocks, one right under the other in their column, each
    # within the body's leading of the next (classify.body_run_stacks): a body line right above the first and
    # one right below the last; each one's neighbour is the next block, not body, so the rule above sees none
    # of them.  Grain that joins a column's lines into such tall "lines" joins their characters too, over
    # two or three lines, and lines.body_type misses them; a stack's ink is that of body lines when it is
    # body type or holds no headline glyphs (classify.body_ink): under run_glyph_ink_share of it (by area) in
    # components at least run_glyph_line_share of their line's height tall.  A headline's characters fill
    # their line's height (on film grain joins a character's strokes into one component): on two seen
    # microfilm pages (22 ml_003, 38 mx_005) the 33 blocks typed headline or subhead holding GT headline,
    # subhead or byline text held 0.52-1.00 of their ink in such components, 0.82 and more at 2 em and over;
    # the six holding GT body, grain-joined "lines" 2.8-15 em tall, 0.00-0.25.  For a single block set in the
    # body the glyph test is not enough (microfilm 26 me2_005: a headline and its byline read as one 2.4 em
    # block between body lines hold none, its characters fill half its height): there the rule above keeps
    # lines.body_type (issue 11, session 19, film19; figures in BENCHMARKS.md).
    run_glyph_line_share: float = 0.6
    run_glyph_ink_share: float = 0.5
    # One line of headline type cut into pieces at a column gutter (classify.headline_pieces): a gutter found
    # through the white between two of its characters parts the line into blocks, and each piece heads the
    # columns under it as an article of its own; the article's left columns and its right ones are read in
    # turn with other articles between (issue 11, session 20, film20).  Pieces of one line are set in one
    # type: their inked heights within headline_piece_size_share of each other, level (tops and feet within
    # headline_piece_level_share of that height), and the white between them is one character's spacing:
    # at most headline_piece_gap_share of that height.  Counted on the 156 seen microfilm pages (layout only,
    # start code d58e743, /work/notes/film20/pairs20.py): pairs of level headline blocks of one type whose GT
    # text lies in one article (or in none: a piece whose characters the GT line gave to the other piece)
    # stood 0.00-0.39 of their height apart; those of two articles (neighbouring headlines over their own
    # columns, the gutter between them) 0.41 and more.
    headline_piece_gap_share: float = 0.35
    headline_piece_size_share: float = 0.85
    headline_piece_level_share: float = 0.2
    # A vertical rule between two such pieces parts them only if it reaches more than this share of their
    # height above or below their line: a column rule runs on down the columns; on microfilm 34 mq_001 a
    # "rule" found in the white between two characters of a 4 em headline (a colon's dots and grain, 1.7 of
    # the line's height, 0.5 of it above the line and 0.2 below) cut the headline in two.
    headline_piece_rule_reach: float = 1.0

    # --- a rule touching a solid area (separators.find_rules; lead, session 8) ----------------------------
    # (horizontal rules only: a column rule that characters brush came out of its component too and the
    # lines beside it were grouped otherwise, synth 63 sq_007 0.028 -> 0.060)
    # A rule that a photo's edge or a picture touches makes one component with it and fails the thickness
    # test (browser seed 9 bx_000: the double rule under the masthead touched the top of a photo set right
    # under it, was read as a line of text across the page, and the photo, the caption and the masthead's
    # last line became an article read before the first headline).  Its rule is the band of rows that run
    # rule_through_cover of the component's length (a photo's rows run only the photo's width), each row of
    # the band inked over rule_through_row of the length (a rule tilted by a pixel lies in two rows), the
    # band no thicker than a rule.
    rule_through_cover: float = 0.7
    rule_through_row: float = 0.5
    # ... and it must run on beyond the solid area it touches: the columns inked more than a rule's thickness
    # outside the band span at most rule_through_beyond of its length (a photo's own straight edge, a
    # bordered photo's frame line, spans the whole photo: synth 81 sr_005's photo was cut in two by one).
    rule_through_beyond: float = 0.8
    # (a column counts as the solid's where the component has more than rule_through_solid_mm of ink
    # outside the band: more than a double rule's hairline second line, less than any photo's edge)
    rule_through_solid_mm: float = 0.8
    # The other line of a double rule, worn to slivers shorter than a rule, lies within a few of the rule's
    # thicknesses of it (a double rule's lines are set one to two thicknesses apart): such a sliver (no
    # thicker than a rule, at least a rule's shortest length, alongside the rule) is the rule's ink.
    rule_beside_gap: float = 3.0

    # --- rows of articles (order.rows; film18, session 18) ----------------------------------------------------
    # Articles whose tops lie within this of the previous top of their row are one row, read left to right:
    # the shared bench's convention (40 px at 300 dpi), under which a row's boxes start within it of the
    # row's first and the next row starts 2 mm or more below the row's last top (synth and browser ground
    # truth: 3.6-4.5 mm on some pages).  A profile may widen it (``layout.row_tolerance_mm``) where what
    # stands at an article's top moves its measured ink top further off its box (configs/microfilm.toml).
    article_row_tolerance_mm: float = 40 * 25.4 / 300

    # --- boxes, gutters of different bands, article bands (blocks.group_lines, order; lead, session 9) -------
    # The body of an article is read band by band (order._body_sequence, an L-shaped article's foot after the
    # part above): the horizontal cut between two bands may cross a block by this share of the body's line
    # height (a last line's descender or mark; the foot's first line is a whole line below, not half).
    order_band_overlap_lines: float = 0.5
    # --- film29 (issue 11, session 29): an article's body in tiers over the same columns, on film ------------
    # On film (order.reading_order's ``tiers``: layout.grain_joined_lines, the microfilm profile) a band of an
    # article's body that runs across every column of the body above it (two or more) and stands
    # order_tier_gap_pitch of the body's own line pitch or more under it (white across the article's width; no
    # picture, caption, subhead or byline of the article in that white over the band) is a tier of its own,
    # read after the part above even where it reaches no new column (order._body_sequence).  The pitch is the
    # article's: its body blocks of pitch_min_lines lines or more, height per line, median.  Between two lines of
    # a column the white is the leading (a quarter to a half of the pitch), and film grain cuts columns there; a
    # blank line leaves two pitches less a line's height (about 1.3).  Counted on the 390 seen film pages at
    # 4b275e3 (bands across all of two or more columns above, white over the page's pitch): 583 of 663 such cuts
    # under 0.5, 15 at 0.5-1.0 (none at 0.83-0.99), 65 at 1.0 or more, most at 1.2-1.5.  Such a tier is the foot
    # of an L-shaped article whose new column the layout lost to a neighbour (microfilm 69 mt3_001: 1.62 of the
    # article's pitch) or a headless article's body under another's (mt3_003: 1.28), read column by column
    # with the part above at the start code.
    order_tier_gap_pitch: float = 1.0
    # An article's photo stands at the top of the grid columns it spans (its caption under it), and the text set
    # under it in those columns is read column by column with the columns beside it, not as an L-shaped foot
    # after them (order._held_by_photo).  Text under a photo is in the photo's columns when nothing of the
    # article's body stands between them and it lies inside the photo's span (its edges within
    # photo_column_slack_em of the photo's or caption's: a column's edge and the photo's frame agree to about
    # an em); the blocks so held fill the photo's width together to within photo_column_fill_em on the two
    # sides (columns under a photo fill its span; a float's text wraps wider than the float, and a
    # paragraph's short last line under a float fills a part of it); each holds photo_column_min_lines lines
    # (a paragraph's last line wrapped under a float is one line).
    photo_column_slack_em: float = 1.0
    photo_column_fill_em: float = 2.0
    photo_column_min_lines: int = 2
    # --- memb16 (issue 10, session 16): text runs down the page in every column (order._tops_first) --------
    # Inside an article's body a block is read after a block that starts above it (by more than
    # order_band_overlap_lines of a body line) and overlaps it across by over this share of the narrower
    # block's width: the text beside a float photo before the text run on across the photo's width under it.
    # Over half the narrower's width: two blocks of one column overlap by all of it, blocks of neighbouring
    # columns by nothing or a few px where a column's box was grown by a mark.
    order_above_overlap_share: float = 0.5
    # ... unless the upper block's column goes on under the block across: a block of this many lines or more
    # starts below the block across's top inside the upper block's edges (half a body line of slack).  Then the
    # block across is lines merged over a gutter (microfilm 9 mg_001), and the columns are read one after the
    # other; one line there is a paragraph's last line or a piece of a line cut at the float's edge (browser 18
    # be_002).
    order_column_goes_on_lines: int = 2

    # --- order14 (issue 10, session 14): text that flows from column to column (order.flow_order) -----------
    # A column whose top block starts no article (body text, no headline in its article) continues the text
    # at the foot of the column on its left when the two columns are set as one run of text: in the band of
    # articles (a horizontal cut no article crosses) both start level and end level, within this many of the
    # page's body line pitches (a column may end a line or so short: a widow, a paragraph's last line; NZZ
    # 1890: 1.4 lines; text set in rows of articles starts and ends where its articles do, not together).
    flow_level_lines: float = 2.0
    # The text at the top of the column continues a paragraph: its first line is body type (its height within
    # this share of the body's median line height: NZZ 0.91-1.09; a headline or byline the typing took for
    # body, 0.40-0.80 on browser 15 bh_002, 24 bo_001 and synth 87 sg_005), and when the text at the foot of
    # the column on the left ends in a full line (the paragraph runs on), it starts flush left, and when that
    # line is short (the paragraph ended), set in as the next paragraph starts (a paragraph's first line is
    # set in by an em or more, a full line stops at most a pixel or two short):
    # both measured in the page's body line height, a line set in or stopping short by more than
    # ``flow_indent_lines`` of it starts or ends its paragraph.
    flow_type_tolerance: float = 0.15
    flow_indent_lines: float = 0.5

    # A jump line ('转第12版') or a closing credit ends an article set flush right on a line of its own: its
    # right edge within 1 em of the column's (a line's last character may stop short by a kinsoku push), its
    # left edge at least 4 em in (a paragraph's short last line stands flush left instead).
    # A framed box is a boxed article (its own columns, one article: blocks.group_lines, articles) when text
    # lines (pieces at least 2 em long, frame_line_min_height_em to a headline's height tall; 8b00762) cover
    # a fifth of it: a boxed article's lines cover half of it or more; a photo's frame holds its caption's one
    # or two lines and, on a heavy scan, pieces of the photo's grain (synth 53 sn_005: 4 %).
    frame_text_share: float = 0.2
    frame_line_min_em: float = 2.0
    frame_line_min_height_em: float = 0.5
    closing_line_flush_em: float = 1.0
    closing_line_inset_em: float = 4.0
    # A boxed article's own column joins the page grid when it overlaps every grid column by less than half
    # of the narrower of the two: a column the page lacks (an inset box's narrower columns) shares at most a
    # gutter's edge with a page column; one that overlaps a page column by half of the narrower's width
    # stands over that column (a box two page columns wide set as one column of its own).
    box_column_overlap_share: float = 0.5

    # --- heavy11 (issue 10, session 11): an article read as vertical text (order.article_sequence) ----------
    # An article is read top to bottom, its columns right to left, when top-to-bottom blocks hold over half
    # of its text's area (captions left out: a caption is read after its picture either way).  One vertical
    # block does not turn a horizontal article: a caption of grid-set, letter-spaced characters on a heavy
    # scan taken for columns (synth 86 sa_006) had the whole article's headline, byline and three columns
    # read right to left; a vertical article's headline and body columns hold nearly all of its text.
    vertical_article_share: float = 0.5
    # A block is top-to-bottom text when more of its pixel columns than rows are blank (vertical.looks_vertical);
    # blank is ink at most 5 % of a full row's (column's): specks and stroke tips in the leading of a heavy scan
    # hold 1-5 % of a row crossing the characters (sa_006's caption: 2-7 px of 140-160); the white between a
    # vertical article's columns holds none, and the white between its characters 10 % or more of a full
    # row (blocks of browser dev bd_001, bd_005, bd_007, browser 22 bz_003, 23 ba_003: 0-1 % of their rows blank
    # at 0 %, 5 % and 10 %).
    vertical_blank_share: float = 0.05
    # A line's type size measured by its box (classify: big bold type, whose dense core understates it) runs
    # from its first to its last row holding more than 5 % of a full row's ink: a speck of a heavy scan right
    # above or below the line, taken into its box, holds 1-3 px of a row (fresh synth 91 sh_006: a byline's
    # box 1.33 em tall for type of 1.09 em, typed headline, started an article of its own).  Measured so on
    # the block's lines, against the body lines' boxes: the trim only takes headline type away (with the body
    # lines trimmed too, a heavy browser page's lines merged across a gutter, browser 23 ba_004, came out at
    # 1.25 em and a headline).  Where the block's inked rows agree with its core (headline_box_over_core:
    # true type, not a merged or slanted line), it is also measured like with like, the smaller of its boxes
    # against the body's boxes and its inked rows against theirs: film grain swells the body's boxes (1.1 em
    # for 1.0 em inked), and against them a stock listing's title inked 1.4 em tall measured 1.27 (1.20 by its
    # core less the pixel of slack) and was read as body, the listing inside the article above (microfilm 9
    # mg_003).  (Without the agreement, browser 19 bj_006, left 2.4 degrees askew, had a slanted body line,
    # inked 1.31 times its core, typed headline.)  A kicker over a headline is measured by inked rows too
    # (articles.stacked_kickers; microfilm 7 mz_002: grain made a kicker's box 0.86 of its headline's).
    line_speck_row_share: float = 0.05
    # A block's size by its line boxes counts up to 1.15 times its dense core's (classify: the core
    # understates big bold type a little, by no more than that).
    headline_box_over_core: float = 1.15

    # --- film grain joining columns (lines.split_tall, lines.column_slices; issue 11, session 11, micro11) ---
    # On heavy film grain (microfilm seed 8 ma_005: half of the page's components are specks of 1-3 px, too
    # many and too close to the type for the dust test) the specks in the leading and in 0.75 em gutters join
    # the lines of up to four columns into one fragment 20-54 em tall whose lines stand at different heights,
    # so no row of it is white and no row cut parts it (55 % of ma_005's lines were merged with another
    # block's).  A fragment of body-size ink taller than giant_em (three headline heights; a masthead title is
    # 6-9 em) is cut first down its columns: the x positions where its ink covers at least
    # giant_column_share of the share its densest columns have (the 90th percentile), runs closer than a
    # gutter (gutter_min_width_em) joined.  Columns of text there hold ink on 20-40 % of the fragment's rows,
    # a gutter and a column whose lines are other fragments only grain (1-5 %).  Each column is then cut at its
    # own white rows; the gutters between columns are walls for join_row.
    # A stretch between the dense columns (or beside them) a column wide whose ink is mostly in components of
    # grain_glyph_em or more (characters and their strokes; grain specks are 1-5 px, under 0.3 em) is a column
    # of sparser text beside denser ink (a photo's grain, ma_001) and is kept as a column of its own; a
    # stretch of grain goes.
    # (issue 11, session 14, film14) No character is giant_em tall either: such a fragment with
    # white rows across it is lines stacked even where one of its row pieces is taller than a body line (a
    # headline, two lines joined by grain), which in a smaller fragment means a big character with white rows
    # inside, kept whole.  Kept whole, a giant fragment touching the image edge is one "line" there, and
    # layout.off_edge drops it as scanner-border debris with all its text (fresh microfilm 15 me_004: the page's
    # first columns and a headline, 55 em tall, grain on the film's edge joining them; 16 % of its lines lost).
    # It is cut at its rows, each row piece at its gutter-wide white (gutter_min_width_em), and each piece
    # again on its own (lines.split_tall).  Only there: a giant fragment inside the page kept whole is read in
    # one piece, and cut, its rows' pieces were read worse in order (microfilm 13 m13_005 oracle CER 0.088 ->
    # 0.468, 8 ma_005 0.550 -> 0.645, 10 mr_000 0.521 -> 0.556; 12 mb_005 0.218 -> 0.179 better).
    # Likewise a giant fragment reaching past the text area (grain in the margin joining a column's lines) is
    # cut back to it with all its rows that have ink inside, not only the inked run around its densest row (a
    # line's, with the debris hung on it left out): fresh microfilm 17 mk_000 kept one line of the first
    # column's 16 (lines.clip_to_text_area).
    # (issue 11, session 21, seg21) On film (layout.grain_joined_lines, the microfilm profile) a giant fragment
    # inside the page whose row pieces are mostly body lines is lines stacked too, cut at its rows the same way:
    # when pieces one body line tall (0.6 em or more between white rows, inked 1.4 em or less) make up
    # giant_rows_line_share of its height.  Kept whole it is one "line" 12-140 em tall that recognition reads
    # as one line: on the 174 seen microfilm pages (start code), GT lines held stacked or side by side in one
    # line taller than giant_em and wider than 4 em are the largest segmentation loss, 1276 GT lines on 36
    # pages of 22 sets, 5.1 pages' worth of characters (microfilm 28 mk2_003: a masthead, a headline and the
    # body lines under them, 57 em, 104 GT lines, 30 % of the page's text; full-pipeline CER 0.692 against an
    # oracle 0.445).  The oracle CER credits such a line with its GT lines' text in their own order, as if
    # recognised perfectly; that is why session 14 saw cutting it as worse.  A giant of taller pieces (the
    # columns of a vertical article, white rows only between a few characters' rows) stays whole, for
    # detect_vertical.  Only on film: on paper a giant fragment is no grain but a vertical article's columns,
    # whose characters may stand level on a grid, white rows between every row of them (browser 49 cn_003,
    # a vertical page: cut into rows of characters, oracle CER 0.178 -> 0.338).
    giant_em: float = 12.0
    giant_column_share: float = 0.3
    # "Its densest columns" above: the giant_dense_percentile-th percentile of the per-x ink share (86dcc9d):
    # high enough to stand for the text columns, not the single densest pixel column (a scratch, a rule).
    giant_dense_percentile: int = 90
    giant_rows_line_share: float = 0.5
    grain_glyph_em: float = 0.3
    # A run of dense columns under giant_column_min_em wide is no column of text (lines.column_slices; 86dcc9d,
    # microfilm 8 ma_005).
    giant_column_min_em: float = 1.0
    # A vertical article inside such a fragment (issue 11, session 13, micro13): on film its columns stand 0.4-0.6
    # em apart, wider than a gutter's join (gutter_min_width_em), so its dense runs are each one character
    # wide (line_min_em to line_max_em: 0.7-0.9 em measured) with channels narrower than a character between
    # them; with the bodies either side (gutters of about an em, grain bridging them) it made one fragment
    # 23-83 em wide that no column or row cut parted, read as one line (microfilm 7 mz_004, 9 mg_004, 12 mb_004
    # and mb_005, 13 m13_005: 29-100 GT lines of 3-11 blocks in one line).  vertical_chain_columns or more
    # such runs in a row are one vertical block: it is cut out of the fragment whole (detect_vertical reads
    # its columns later) and the ink either side is cut again as a fragment of its own.  (vertical._giant_apart
    # takes a giant line for such an article only when it is vertical_chain_columns em wide or more: as many
    # columns of about an em.)
    vertical_chain_columns: int = 3
    # Such a vertical article, a block of one "line" taller than giant_em (no horizontal line is: a masthead
    # title is 6-9 em), is looked at with the specks discounted alone (vertical.looks_vertical's second look,
    # vertical_blank_share): the film grain in the 0.4-0.6 em channels between its columns leaves no pixel
    # column blank, so the first look (columns blank of every pixel) never sees columns there; and its columns
    # are parted at pixel columns holding at most that share of a full one's ink (vertical.vertical_lines).
    # (issue 10, session 25, vhz25) Such a giant "line" on a horizontal page that lines.split_tall kept whole
    # because its ink looks vertical (the article alone, or with its headline column beside the chain) is
    # grouped by blocks.group_lines with lines around it: stray lines under it (a photo's top, 8-12 em lower), or
    # a few lines beside it.  Their rows fill the region's blank pixel rows, or its blank pixel columns grow
    # fewer than its rows, so the region as a whole does not look vertical and detect_vertical left the article
    # one line 26-46 em tall that recognition reads as one (browser 69 di_002 full pipeline 0.143, split CER
    # 0.101; 68 dh_004 0.354, split 0.360; 51 cp_006 split 0.320).  With vertical_giant_apart such a line,
    # taller than giant_em and looking vertical on its own (on film with the specks discounted, as a one-line
    # block is: vertical_blank_share), is taken out of its region first (vertical._giant_apart).  On the seen
    # pages whose ground truth holds a vertical article (102 browser, 75 microfilm; session 25's start code) 3
    # browser and 17 microfilm pages held it in such a giant line, the largest of its fates (in pieces: 16 and
    # 10 pages): 0.42 and 3.00 pages' worth of characters in giant lines.  And on paper a giant fragment that
    # looks vertical as a whole is still cut at its columns when a "column" at its side is wider than the
    # biggest type (headline_max_em): rows of a neighbour's horizontal text that the line smear joined to it
    # (lines._columns_span; di_002: a neighbour's headline and kicker beside the article's headline column, read
    # as one more column of the article).
    vertical_giant_apart: bool = True
    # Top-to-bottom lines are columns of characters when their median is at least vertical_column_aspect times
    # as tall as wide (detect_vertical, _giant_apart): a column holds three characters or more, while the
    # pieces vertical_lines finds in a row of big horizontal characters (a headline) stand about as tall as
    # wide, one character each.  Two and a half characters leaves room for a short last column.
    vertical_column_aspect: float = 2.5
    # ... and _giant_apart takes a giant line out of its region only when it is no listing's rows
    # (vertical._rows_of_fields): "columns" (looked at with the specks discounted, vertical_blank_share) whose ink
    # pieces (runs of rows holding over vertical_blank_share of a full row's ink) are in the median no taller
    # than a body line (line_max_em) and that are vertical_row_width_ratio times as wide as those pieces are tall
    # or wider hold over vertical_rows_ink_share of its ink.  A column of characters is one character wide, its
    # pieces a character tall or several touching; the "columns" in a listing's rows joined by film grain are
    # its fields (a time, a name of several characters side by side), each piece one row of a field, 3-8 times
    # as wide as tall.  Microfilm 61 ml3_005 (session 25's unseen report page, 0.514 -> 0.554 full pipeline with
    # _giant_apart): a TV listing's rows, a fragment 13 em tall, taken apart and read as 5 columns; 83 % of its
    # ink in such fields, against 0-22 % in the giants of the 15 film and 3 browser pages it was written for
    # (microfilm 60 mk3_003 0 %, 37 mw_004 22 %; browser 69 di_002 0 %; figures: BENCHMARKS.md, session 26,
    # film26).
    vertical_row_width_ratio: float = 2.0
    vertical_rows_ink_share: float = 0.5

    # --- a block's measure from its own lines' aligned edges (blocks.tab_stops, issue 10, session 21) ------
    # _fits judges a line short (a paragraph's end) against its grid column's right edge.  Where the page grid
    # misses a column (a whole-page profile: a listing or a spanning band fills the gutters of the columns
    # above it), a narrow column's grid column runs on to the next gutter the profile found, and every line of
    # it ends "short" there (browser 57 cw_000: a column 14 em wide in a grid column 30 em wide, 21 of its lines
    # each a block of its own, read interleaved with the box beside it).  As Tesseract's tab-stop finder does,
    # the measure is taken from the lines themselves: the right (and left) edge at which at least
    # tab_min_lines lines of body size end (start) within tab_align_em of each other, among the lines of
    # about the line's own width (overlapping it by over half of the wider of the two: a wider band's lines
    # or a narrow caption are no peers) within tab_window_em above or below it.  Three: one paragraph's
    # full lines (a paragraph has at least two full lines before its end; the third makes it no chance).
    tab_min_lines: int = 3
    # The ink of a justified CJK line ends within half an em of its cell edge: a closing mark (。，、) or a
    # narrow glyph inks only the left half of its cell (measured on browser 57 cw_000: 0-6 px at 13 px em).
    tab_align_em: float = 0.5
    # About ten lines at a body line pitch of 1.3-1.6 em either side: one paragraph or two of the column,
    # not the next band's.
    tab_window_em: float = 15.0
    # The measure replaces the grid column's edge only where it lies inside it by more than an em (a column
    # the grid found right ends within an em of it: a closing mark, a kinsoku line are _fits's own slack).
    tab_inside_em: float = 1.0
    # The lines measured: horizontal lines of body size (a dense core of tab_body_min_em to tab_body_max_em: not
    # a headline's, not a caption's or a credit's small type) ...
    tab_body_min_em: float = 0.7
    tab_body_max_em: float = 1.4
    # ... and a line's peers: lines overlapping it by over tab_peer_overlap of the wider of the two (a wider
    # band's lines, a narrow caption are no peers), of a size within tab_peer_size_ratio of its own (one
    # column's body type; 0.8-1.25).
    tab_peer_overlap: float = 0.5
    tab_peer_size_ratio: float = 1.25

    # --- a headline's piece inside its headline's box (articles.headline_pieces; issue 11, session 23, film23) --
    # Film breaks a headline's line into pieces (grain and exposure eat the ink between two characters; a
    # line of 3-4 em type at 100 dpi keeps gaps wider than join_row's), and a piece left out of its headline's
    # block became a headline of its own: it started an article, which took the columns under it and was read
    # a row late (microfilm 29 mn2_004: the second line of a three-column headline in two pieces, one in the
    # headline's block, the other a block inside that block's box level with its sibling; layout-only oracle
    # CER 0.374, article order 0.201; microfilm dev mf_002 the same, inside a headline "line" of both its
    # lines joined).  Blocks of a page never overlap where the ink is clean: a headline block lying inside a
    # bigger headline block's box by over head_piece_inside_share of its own area, and level with one of that
    # block's lines (its rows overlapping that line's by over head_piece_level_share of the lower of the
    # two), is that headline's piece: it joins that headline's article and heads no columns of its own.
    # Only on film (layout.grain_joined_lines, the microfilm profile): film is what breaks a headline's line
    # so; paper pages keep the start code's decision.
    head_piece_inside_share: float = 0.5
    head_piece_level_share: float = 0.5

    # --- a rule across cuts the columns it runs under (vertical_page.cut_at_rules; issue 11, sessions 24-25) ----
    # A rule across a vertical body cuts its columns there (the rule between two tiers of one article, where the
    # turned layout joined each column of the one tier to the one under it).  It cuts a column only where it runs
    # under more than rule_cut_column_share of the column's width: a rule stops in the gutter at its article's
    # edge, so it covers a column of its own tier whole and one of the article beside it not at all; that
    # column stands next to the tier (the turned layout joined it to the tier's body across a gutter of
    # 0.3 em, no vertical rule in it) and is not cut (vertical 52 vs2_004: the rule under a banner, 765-3147 px,
    # cut the 6 columns of the article left of it, 399-751 px, at the rule's height, and the rule break over
    # the tier no longer parted the two articles).  Half a column: deskew residue moves a rule's end by a few px.
    rule_cut_column_share: float = 0.5
    # The rules over one tier are drawn one over each of its articles, in pieces at one height that break at
    # the gutters: pieces whose middles stand within rule_piece_level_em of each other are one rule where they
    # run under a column (vertical 56 vw2_003: a rule in two pieces, 111-719 and 732-1235 px, at 2778 px, the
    # long column 1190-1231 px under the second).  Pieces of one rule stand level to the deskew residue (a few
    # px, under a tenth of an em); two rules of a page, a tier's and the one under a banner, stand a banner's
    # height apart (2-3 em): half an em parts them.
    rule_piece_level_em: float = 0.5

    # --- rules, frames, pictures and debris in the binary (separators.py; issue 10, session 27: moved here from
    # the code, values as they were).  ``unit`` there is layout px per mm: these are sizes on the printed page.
    # Scanner border: a component touching the image's edge that is over border_debris_mm across or over
    # border_debris_mm2 of ink is the scanner's border or the book's edge, not a character cut by the edge
    # (ae870da, the rule finder's first version; fitted, no page named in the history).
    border_debris_mm: int = 8
    border_debris_mm2: int = 4
    # A rule is at most rule_max_thick_mm thick (a thicker band is a bar of ink or a picture's edge; 6fd3316,
    # the first layout), at least rule_min_len_mm long (a rule candidate, and the least sliver of a worn
    # double rule, _beside_rules; ae870da), found by an opening at most rule_open_mm long (ink of text rarely
    # runs that far straight; ae870da), and its band may be wider than its thickness by rule_skew_share of
    # its length (residual skew after deskew; ae870da).  Fitted with the first rule finder; the history names
    # no page.
    rule_max_thick_mm: float = 1.6
    rule_min_len_mm: int = 8
    rule_open_mm: int = 12
    # ... and never shorter than rule_open_min_px layout pixels (at a low resolution tag rule_open_mm can shrink
    # to a few pixels, where an opening keeps the strokes of text; ae870da).
    rule_open_min_px: int = 9
    # The opened rules are closed over gaps of rule_close_mm along them (a worn or dashed rule's breaks; ae870da;
    # fitted, no page named).
    rule_close_mm: int = 2
    rule_skew_share: float = 0.03
    # A rule kept on its own length is rule_long_mm long (a column rule or a rule across an article; shorter
    # ones only as hairlines, below); a vertical rule that long is a column rule, whose ends a horizontal rule
    # meets at a T (separators._is_dash; browser 21 by_003, ffd27da); join_broken_rules joins a worn piece to
    # a rule that long (5f93fda, real broadsheets).
    rule_long_mm: int = 25
    # A hairline between the columns of a short article: at least hairline_min_mm long and at most
    # hairline_max_thick_mm thick (between the columns of a short article, as the code says; 5f93fda, the real
    # broadsheets; fitted there).
    hairline_min_mm: int = 15
    hairline_max_thick_mm: float = 0.8
    # A horizontal stroke with characters at both ends within dash_reach_mm above and below its middle is a
    # dash (——) in a headline (7592f23; fitted, no page named).
    dash_reach_mm: int = 3
    # The characters are looked for within dash_side_mm beyond each end (a vertical rule that close meets the
    # stroke at a T) and are ink at least dash_ink_min_mm tall (7592f23; fitted, no page named).
    dash_side_mm: int = 2
    dash_ink_min_mm: int = 2
    # Frames: four rules whose corners meet within frame_corner_mm (a box's rules are drawn to meet; ae870da),
    # top and bottom more than frame_min_height_mm apart (two rules closer than that are a double rule or
    # a rule's two edges), the box at least frame_min_side_mm wide or tall (a small ad's box; ae870da; all
    # fitted, no page named).  A side the scan faded to pieces (51887ba, seed-13 fh_007 0.134 ->
    # 0.015) is looked for in a strip of a quarter of the corner tolerance each side (faded_side_tol_parts),
    # and counts when ink shows on at least faded_side_ink_share (a third) of the rows between top and
    # bottom, over at least faded_side_min_px rows (a pixel count: fewer rows are no side to judge).
    frame_corner_mm: float = 2.5
    frame_min_height_mm: int = 5
    frame_min_side_mm: int = 20
    faded_side_tol_parts: int = 4
    faded_side_ink_share: float = 0.33
    faded_side_min_px: int = 3
    # Dust: a speck is at most speck_mm2 of a square mm (see speck_em2 for the em bound; e612f6d), lonely
    # when no bigger ink lies within speck_reach_mm along its row and a third of that (speck_reach_tall_parts)
    # above or below (punctuation sits beside a character of its own line; e612f6d, fitted, no page named).
    speck_mm2: float = 0.5
    speck_reach_mm: float = 2.5
    speck_reach_tall_parts: int = 3
    # A speck's area bound is at least speck_min_area_px layout pixels (5f93fda: with the em bound on a small
    # em the limit fell under the area of a 2 x 2 dot, and the dust test took nothing).
    speck_min_area_px: int = 4
    # Pictures among the ink left after the rules: a component over picture_min_width_mm wide and over
    # picture_min_height_mm tall inking over picture_min_fill of its box (sparse photos: solid parts >= 5 %;
    # 2ab7a4c), whose solid body (opened with a square of picture_open_mm: strokes of text and rules touching
    # the photo are thinner; 9487736) is over picture_solid_min_mm on each side and inks over picture_min_fill
    # of its box (1e9e075).  The body is its largest solid piece and the pieces of at least solid_piece_share
    # of its size within solid_piece_near_mm of it (a frame or rule the photo touches leaves small far bits;
    # 1e9e075).  All fitted on the synth pages of sessions 1-3 (no page named in the history).
    picture_min_width_mm: int = 20
    picture_min_height_mm: int = 15
    picture_min_fill: float = 0.05
    picture_open_mm: float = 1.2
    picture_solid_min_mm: int = 10
    solid_piece_share: float = 0.02
    solid_piece_near_mm: int = 3
    # A frame round a picture is the picture's border: the picture lies over frame_picture_inside of its area
    # inside the frame and fills over frame_picture_share of it (1e9e075: a boxed article holding a small
    # photo stays a frame); or the frame holds blobs over frame_blob_mm on each side inking over
    # frame_blob_fill of their box (a photo's dark parts, bigger than characters; 2ab7a4c, fitted).
    frame_picture_inside: float = 0.8
    frame_picture_share: float = 0.3
    frame_blob_mm: int = 12
    frame_blob_fill: float = 0.15
    # Two parallel rules within double_rule_gap_mm of each other and running along over double_rule_along of
    # the shorter one are one double rule (6fd3316, the first layout; fitted, no page named: two rules of the
    # layout stand a gutter apart, wider than that).
    double_rule_gap_mm: float = 1.5
    double_rule_along: float = 0.8

    # --- pictures from tone (pictures.py; issue 10, session 27: moved here from the code, values as they were) -
    # Character-sized marks in mm (_charlike_density; a079bd5, pale photos from tone): ink components
    # charlike_min_mm to charlike_max_mm tall (at most that wide), counted per square of charlike_cell_mm.
    # A toned area with under charlike_text_density of them per square is a photo, not text (c86f1ea), and a
    # picture does not grow over a flat tint holding that many (9f480ef).  Fitted; the history names no page.
    charlike_min_mm: float = 1.0
    charlike_max_mm: int = 7
    charlike_cell_mm: int = 4
    charlike_text_density: float = 0.1
    # Marks of a glyph's size in the page's own type (_glyph_density, text_lines_outside): glyph_min_em to
    # glyph_max_em tall and at most that wide; the densities photo_alone_glyph_density and grain_glyph_density
    # are counted with them (text 0.42-0.60 per square em, pic15).
    glyph_min_em: float = 0.4
    glyph_max_em: float = 1.5
    # The paper's tone level (_tone_level; 8bd6366): the paper is the 75th percentile of the page's gray, the
    # ink the 2nd; pixels within paper_near_share of the paper-to-ink range of the paper are paper, and
    # what is darker than the paper by paper_noise_sigmas times their spread (at least paper_noise_min_levels
    # gray levels) is toned (three sigmas of the paper's own noise).
    paper_near_share: float = 0.1
    paper_noise_sigmas: int = 3
    paper_noise_min_levels: float = 10.0
    # A frame's inside is looked at for a tint only when at least tint_min_mm on each side (a7c9062), and a
    # picture grows over its tone only when at least picture_grow_min_mm on each side (9842fe8; the same
    # least picture as grain_least_mm): smaller ones are a glyph or a speck found as a picture.
    tint_min_mm: int = 10
    picture_grow_min_mm: int = 10
    # "Mostly toned": a row or column along a picture toned on at least mostly_toned_share of the picture's
    # extent is grown over (grow_pictures, 9842fe8), and a tone area's box is the rows and columns toned that
    # much (_toned_areas, 933539c); text on paper is toned far less (photo_edge_toned_share is the same 0.6).
    mostly_toned_share: float = 0.6
    # Pixel counts too few to measure a tone from: the paper of a strip (_flat_tone, _clean_tone), a gray
    # crop (_photo_tone), a ring round a piece (photo_piece).
    tone_min_px: int = 50
    photo_tone_min_px: int = 100
    photo_ring_min_px: int = 20
    # The paper's level in a gray crop is its paper_level_percentile-th percentile (tone_level, photo_margin,
    # vertical_page's dark mask: paper is most of any crop of a page, so three quarters of the pixels lie at or
    # under it and the ink and tone under that); a photo piece is darker than the paper around it when the
    # photo_light_percentile-th percentile of its pixels (its lightest tenth) lies under the ring's (d189cc5).
    paper_level_percentile: int = 75
    photo_light_percentile: int = 90
    # Tone pictures (tone_pictures; a079bd5, c86f1ea): a box filter of tone_window_mm (a pale photo's blotches
    # are smaller, text lines' leading too) finds areas toned on at least tone_window_share of the window,
    # at least tone_area_min_width_mm x tone_area_min_height_mm (a small photo; _glyph_free keeps the same
    # least picture).  A veiled area's lightest pixel is taken within veil_reach_mm of each point (a text
    # line's pitch at any body size, as the code said).  A tone picture overlapping over
    # tone_picture_overlap of a picture found in the binary (of the smaller of the two) is that picture.
    # Fitted on the synth and browser pages of sessions 2-5; the history names no page.
    tone_window_mm: int = 5
    tone_window_share: float = 0.85
    tone_area_min_width_mm: int = 15
    tone_area_min_height_mm: int = 10
    veil_reach_mm: float = 1.5
    tone_picture_overlap: float = 0.3

    # --- lines (lines.py; issue 10, session 27: moved here from the code, values as they were) ---------------
    # A row crosses a wall (rule or gutter) only where more than a speck's worth of ink lies across it within
    # the window: crossing_ink_em of an em of ink pixels, at least crossing_ink_min_px (e253e4a; fitted).
    crossing_ink_em: float = 1.5
    crossing_ink_min_px: float = 6.0
    # A mark inside a gutter is no speck when at least gutter_mark_min_em across (a character's piece); a
    # smaller one is kept only where ink of one line lies level with it on
    # both sides within gutter_mark_level_em (a comma of a line running across the gutter; b9da55b: seed-11
    # set CER 0.013 -> 0.009, h2_007 0.070 -> 0.034).  The inked rows beside it are one run across gaps of
    # up to side_run_step_px - 1 blank rows (_side_run: "gaps of 2 rows bridged").
    gutter_mark_min_em: float = 0.75
    gutter_mark_level_em: float = 0.3
    side_run_step_px: int = 3
    # The first type size (estimate_em): the median core height of the flat fragments, at least
    # em_flat_aspect times as long as tall and em_min_px tall (a pixel count: specks and rules are thinner);
    # with fewer than em_min_lines of them, of every fragment that tall; em_fallback_px when there is none
    # (6fd3316, 76eaba6: most such fragments are body lines).
    em_flat_aspect: int = 4
    em_min_px: int = 4
    em_min_lines: int = 5
    em_fallback_px: float = 12.0
    # Pieces of one line (merge_pieces; 6fd3316, the first layout, fitted, no page named): a small
    # piece (under piece_small_height_em tall or under piece_small_width_em wide) joins a piece it stands
    # over or under (overlapping along by over piece_stack_overlap of the narrower, under piece_stack_gap_em
    # apart, the two at most piece_stack_height times an em or the taller's height: the parts of 二 or 旱)
    # or a piece beside it on its row at least piece_row_height of its height.
    piece_small_height_em: float = 0.75
    piece_small_width_em: float = 1.2
    piece_stack_overlap: float = 0.4
    piece_stack_gap_em: float = 0.4
    piece_stack_height: float = 1.2
    piece_row_height: float = 0.9
    # ... standing at most piece_row_gap_em from it along the row (6fd3316, fitted, no page named).
    piece_row_gap_em: float = 0.5
    # The joins are repeated merge_pieces_passes times (a piece joined in one pass may then join a third: the
    # three strokes of 三 and a speck beside them; 6fd3316, fitted, no page named).
    merge_pieces_passes: int = 3
    # Pieces of one row join (join_row) when level (their rows overlap over row_join_level of the lower's
    # height; ac23a10), under row_join_gap_em apart (fitted, no page named; the gutter tests of join_row come
    # on top), and alike in box height or in dense core (within row_join_alike of the larger:
    # a Latin run's small x-height core; 3c8a0fb, seed-11 set 273 -> 255 edits).
    row_join_level: float = 0.7
    row_join_gap_em: float = 3.0
    row_join_alike: float = 0.35
    # A line's dense core: the rows holding core_row_share (a fifth) of the densest row's ink (_core; 243cd60:
    # the tails of the lines above and below in a Fraktur line's box lie beyond a thinner row).
    core_row_share: float = 0.2
    # split_tall looks only at fragments over split_tall_min_em tall (one line of body type with its
    # accents is less; b54fec9), and cuts one at a profile valley (valley_cuts) only when at least
    # valley_min_width_em wide (a few characters side by side: a big character's own white rows are no
    # valley between lines; f7959eb).  Its row pieces are body lines when line_min_em to line_max_em tall
    # (valley_cuts' bounds; 7633abc).
    split_tall_min_em: float = 1.6
    valley_min_width_em: int = 5
    # A fragment under split_tall_min_width_em wide is not split at all, and its cuts at empty rows leave pieces
    # at least split_piece_min_em tall above and below (b54fec9; fitted, no page named).
    split_tall_min_width_em: int = 2
    split_piece_min_em: float = 0.5
    # Dust hung on a line's end (trim_dust; 96440e0): a blob under dust_blob_em2 of a square em, its pieces
    # under dust_blob_gap_em apart being one blob (fitted, no page named).
    dust_blob_em2: float = 0.15
    dust_blob_gap_em: float = 0.25
    # ... standing at least dust_gap_em off the line's next ink (96440e0; fitted, no page named).
    dust_gap_em: float = 0.5
    # Line boxes reach the block's measure (0823ae1: line ends short of GT 30 -> 18 held-out, 54 -> 36 dev):
    # a line ending within line_to_measure_em of the block's right edge is a full line and reaches it; a
    # paragraph's end takes in a mark up to line_end_mark_em past it.
    line_to_measure_em: float = 1.5
    line_end_mark_em: float = 1.0

    # --- the masthead (masthead.py; issue 10, session 27: moved here from the code, values as they were) -----
    # The title is the biggest type (title_min_em tall or more) of the first row of such type in the top
    # masthead_top_share of the page (a title stands at the top: bigger "type" lower down is something else,
    # microfilm dev mf_001, mf_000), at least title_min_aspect as wide as tall (a column of vertical type or a
    # rule's piece is narrower), with the pieces of its line beside it: as tall within title_row_alike, their
    # rows overlapping over title_row_level of its height (a title set in words, or cut by a gutter; 6a22467).
    masthead_top_share: float = 0.3
    title_min_aspect: float = 0.6
    title_row_alike: float = 0.25
    title_row_level: float = 0.6
    # The rule under the masthead spans at least masthead_rule_width_share of the page's width (950b2ec: a
    # rule across one article is no masthead rule) and starts in its top masthead_rule_top_share (6fd3316).
    masthead_rule_width_share: float = 0.7
    masthead_rule_top_share: float = 0.4
    # With no rule under it, a title makes a band only when very large (bare_title_min_em, over title_min_em),
    # starting in the left bare_title_left_share of the page, the band reaching bare_title_band_share of its
    # height below it (e3b1ffd, 77f3b14: microfilm, a lead headline read as a title; fitted there).  Its info
    # lines start at most info_line_slack_em above the title's bottom.
    bare_title_min_em: float = 3.6
    bare_title_left_share: float = 0.25
    bare_title_band_share: float = 0.3
    info_line_slack_em: float = 0.2
    # ... and count only when info_line_min_em wide or more (a character: masthead._info_lines; 77f3b14, lead
    # headlines read as masthead titles: browser 25 br_003, 37 bq_005, microfilm 10 mr_004).
    info_line_min_em: float = 1.0
    # A huge bold glyph of the title taken for a picture (restore_title_glyphs; d3ec562) is level with the
    # title's line (rows overlapping over title_glyph_level of the lower) and at most title_glyph_max_height
    # times its height.
    title_glyph_level: float = 0.6
    title_glyph_max_height: float = 1.5
    # ... at least title_glyph_min_height of it tall and at most title_glyph_max_width of its height wide
    # (d3ec562; fitted, no page named).
    title_glyph_min_height: float = 0.5
    title_glyph_max_width: int = 2

    # --- the layout's passes (layout/__init__.py; issue 10, session 27: moved here, values as they were) ------
    # The first pass smears ink into lines over first_smear_mm (before the type size is known; 6fd3316, the
    # first layout, fitted, no page named); later passes smear over line_smear_em of the measured em (2f47212;
    # grain_text_smear_em is the same reach).
    first_smear_mm: float = 1.5
    line_smear_em: float = 1.5
    # The smallest smear or morphology kernel, in layout pixels: a kernel under three pixels has no middle and
    # joins or opens nothing at a coarse em (the smear, the gutter's height, the picture opening, the rule close;
    # ee64306, ae870da).
    min_kernel_px: int = 3
    # A boxed article has its own column grid unless its frame holds frame_grid_max_share of the page or more
    # (a box round most of the page is the page; 09fb456), when it holds frame_grid_min_lines fragments
    # (29ceb9d); its gutters are walls for the line smear when it is over frame_walls_min_em tall and holds
    # frame_walls_min_lines fragments (30767c4).  Fitted, no page named.
    frame_grid_max_share: float = 0.4
    frame_grid_min_lines: int = 5
    frame_walls_min_em: int = 10
    frame_walls_min_lines: int = 10
    # A fragment under line_least_em both ways is a speck, not a line (30767c4).
    line_least_em: float = 0.3
    # A text region lying over inside_picture_share of its area inside a picture belongs to it (57d63ac); a
    # region lying that much (nested_inside_share) inside a line at least twice its size is a stroke of that
    # line's huge glyph (6902581: held-out blkP 0.99 -> 1.00).
    inside_picture_share: float = 0.8
    nested_inside_share: float = 0.8
    # Lines reaching past the text area (the grid's outer columns widened by text_area_pad_em each side) are cut
    # back to it (clip_to_text_area; af1c440, moved in 30767c4; fitted, no page named).  A block's trace names a
    # gutter, rule or picture side beside it when the two overlap along it by over trace_wall_overlap_em
    # (trace_walls; 9590821: the trace only, no layout decision reads it).
    text_area_pad_em: float = 0.5
    trace_wall_overlap_em: float = 0.5
    # ... and whose side stands within trace_wall_side_em of the block's (trace_walls; 9590821, the trace only).
    trace_wall_side_em: float = 1.0

    # --- the column grid (columns.column_grid; issue 10, session 27: moved here, values as they were) -------
    # Columns are where body-size fragments (grid_line_min_em to grid_line_max_em tall: a body line with its
    # accents, not a headline nor a speck) stand; a gutter is where their count falls under grid_gutter_share
    # of its median over the text (a spanning headline or picture crosses a gutter, few lines do), at least
    # grid_gutter_min_em wide (and the profile's min_column_gap_mm); a column narrower than
    # grid_column_min_em (a few characters: stray ink in a margin) is folded away.  6fd3316, 2bae326,
    # bdcc517: the first layout, fitted, no page named (column_min_width_em is the same 4 em).
    grid_line_min_em: float = 0.7
    grid_line_max_em: float = 1.4
    grid_gutter_share: float = 0.25
    grid_gutter_min_em: float = 0.6
    grid_column_min_em: int = 4
    # A box lies in a grid column when it overlaps it by column_overlap_em (or half the box's or the column's
    # width, the least): a line's end reaching over a gutter by a character does not put it in that column.
    column_overlap_em: float = 1.0

    # --- listings, headline lines, the ALTO, the order (listings.py, whitespace.headline_line, emit.py,
    # order.py; issue 10, session 27: moved here, values as they were) ----------------------------------------
    # A listing's field is at least listing_field_min_em tall (digits are 0.7 em, a speck under
    # listing_speck_em; 33c8a15); its rows and the parts of a line outside it are cut at white rows into
    # pieces at least listing_row_min_em tall or long (specks dropped; 33c8a15); the band of white measured
    # between two rows is the middle half of that white (half of it each side of the middle:
    # listing_band_parts, fe4a5dd); a line up to listing_header_pitches of the listing's pitch above it may
    # be its header row (33c8a15).  Fitted with the listing finder; the history names no page for them.
    listing_field_min_em: float = 0.4
    listing_row_min_em: float = 0.3
    listing_band_parts: int = 4
    listing_header_pitches: float = 1.5
    # A line of headline type is not two lines touching: its profile has no valley of rows under
    # headline_valley_share of its densest row that valley_cuts would cut at (823169e), and its typical mark is
    # measured over marks at least an em over headline_mark_parts tall (a third of an em: specks and
    # punctuation left out; 823169e).  Its dense core is core_row_share of the densest row, as a line's.
    headline_valley_share: float = 0.06
    headline_mark_parts: int = 3
    # A line starting indent_min_em or more right of its block's left edge starts a paragraph (ALTO's
    # first-line indent: CJK paragraphs indent two characters, the white between glyphs is far less; 6fd3316).
    indent_min_em: float = 1.2
    # The page's body line pitch is measured over body blocks of pitch_min_lines lines or more (a block of
    # one or two lines has no pitch of its own to speak of; 1115cb2).
    pitch_min_lines: int = 3

    # --- vertical blocks on a horizontal page (vertical.py; issue 10, session 27: moved here, values as they
    # were; 5413219, the first vertical detection, fitted, no page named) ------
    # A block is top-to-bottom when at least vertical_blank_columns of its pixel columns are blank (and at most
    # half as many rows: white channels between columns of type) ...
    vertical_blank_columns: float = 0.12
    # ... its column lines are runs of inked pixel columns, runs under vertical_stroke_gap_em apart being
    # strokes of one character, a line at least vertical_line_min_em wide.
    vertical_stroke_gap_em: float = 0.15
    vertical_line_min_em: float = 0.3
    # A block is looked at again as vertical only when at least vertical_regroup_min_height_em tall and
    # vertical_regroup_min_width_em wide (a few characters each way; bee07f9, microfilm); a piece under or over
    # it within vertical_piece_gap_em, of type up to vertical_piece_type_em, may be its own columns' piece.
    vertical_regroup_min_height_em: int = 4
    vertical_regroup_min_width_em: int = 3
    vertical_piece_gap_em: float = 1.0
    vertical_piece_type_em: float = 1.25
    # A block taken into a vertical block it lies under or over is at most vertical_piece_side_em wider than it
    # and lies within its sides, that much of slack each side (detect_vertical; 5413219, fitted, no page named).
    vertical_piece_side_em: float = 1.0
    # A vertical article's headline and byline columns are split off a body of at least
    # vertical_split_min_lines columns, and a byline is looked for only when that many columns remain
    # (7a41ea7: its first columns then have body columns to be measured against).
    vertical_split_min_lines: int = 4
    # (issue 11, session 31, film31) On film the grain in the narrow white channels between a vertical
    # article's columns (0.4-0.6 em) leaves a few inked pixels in each of its pixel columns, so the column
    # finder (vertical_lines, blank = no ink at all) runs two to six columns together into one "line" that
    # recognition then reads as nothing or as garbage (fresh microfilm 77 m15_002: 9 of the body's 17 lines
    # held 23 of its 40 columns, 1,350 of its 2,040 characters; the full pipeline read 372 characters of the
    # article).  Measured on m15_002 at layout scale: one column 11-13 px wide, joined ones 25-28, 40-41 and
    # 71 px; in the channels between joined columns 0-5 % of a full pixel column's ink, inside a column 10 %
    # and more.  So a line of a vertical block over vertical_joined_width_ratio times as wide as the block's
    # own narrow columns (its lines' lower-quartile width; vertical_joined_min_lines lines or more, so the
    # block has columns of its own to be measured by) is parted at the pixel columns holding at most
    # vertical_blank_share of a full one's ink (the specks discounted, as for a grainy one-line block), when
    # that gives two pieces or more, each at least vertical_joined_part_ratio of the narrow columns' width: the
    # channel left may be a single pixel column (m15_002: 1 % of a full column's ink between two 5-30 %
    # ones), so the pieces are not rejoined across vertical_stroke_gap_em, and a piece narrower than that
    # share would be strokes of one character (vertical.split_joined_columns; the microfilm profile only:
    # layout.grain_joined_lines).
    vertical_joined_width_ratio: float = 1.6
    vertical_joined_min_lines: int = 3
    vertical_joined_part_ratio: float = 0.6
    # (the block's narrow columns: its lines' widths at this quantile, the lower quartile: a block whose columns
    # are joined two by two in half of its lines still has a quarter of single columns to be measured by)
    vertical_joined_narrow_quantile: float = 0.25

    # --- articles (articles.py; issue 10, session 27: moved here, values as they were) ----------------------
    # Text beside a headline's rows stops its span when its rows overlap the headline's type rows by over
    # head_rows_overlap_em (2ef5bd9: a line's box touching them by a fraction of an em is the line above).
    head_rows_overlap_em: float = 0.3
    # Headlines of one row: rows within head_row_reach_em of each other (6fd3316, bdcc517).  A headline is centred
    # over a span when its centre is within head_centred_em of the span's, left-aligned when its left edge is
    # within head_left_aligned_em of the column's (bdcc517: headline spans from centring, then left alignment).
    head_row_reach_em: int = 2
    head_centred_em: float = 0.75
    head_left_aligned_em: float = 1.0
    # A free column does not join a headline's span across a vertical rule standing in the gutter between the
    # two columns or up to span_rule_side_em inside either (headline_spans' free; d838210: a headline heads only
    # columns with nothing else beside it; fitted, no page named).
    span_rule_side_em: float = 1.0
    # Text above a kicker that keeps it from being one: a line ending above the kicker's top or at most
    # kicker_above_slack_em into it (032ef73).
    kicker_above_slack_em: float = 0.3
    # A kicker lies inside its headline's span (its columns, else the headline's box) with kicker_span_slack_em
    # of slack each side (attach_kickers; 032ef73, fitted, no page named); text level with it in the span so
    # widened makes it a piece of a row, no kicker (_level_text; 271cfb6, browser 74 dn_004).
    kicker_span_slack_em: float = 1.0
    # A horizontal rule between a headline and a block below it starts a new band when it reaches over
    # head_barrier_reach_em beyond the headline's span on either side (_h_barrier); a headline heads only the
    # blocks whose tops lie at most head_top_slack_em above its own (6fd3316, the first layout; both fitted,
    # no page named).
    head_barrier_reach_em: int = 2
    head_top_slack_em: float = 0.5
    # The block just above another in its column (_nearest_above): its bottom at most above_reach_em above the
    # other's top (a blank line and a leading) or reaching above_into_em into it.
    above_reach_em: float = 2.0
    above_into_em: float = 0.5
    # A single column of type at least vertical_column_em tall is top-to-bottom text when it is upright_aspect
    # times as tall as wide or more (0f56c5a; three characters).
    upright_aspect: int = 3
    # A foot's white on film is measured only in a block of foot_min_full_lines full lines or more (the median
    # white between them is its leading; fewer give no leading to compare with; 35fb6f5).
    foot_min_full_lines: int = 4

    # --- block types (classify.py; issue 10, session 27: moved here, values as they were) -------------------
    # Body size, against which a bold headline's strokes are measured: type within body_type_lo to
    # body_type_hi of the em, in blocks of pitch_min_lines lines or more (45a57c1).  Lines at least
    # em_flat_aspect times as long as tall measure the body's box and ink heights (28972d8), as estimate_em's.
    body_type_lo: float = 0.9
    body_type_hi: float = 1.1
    # A paragraph's end carried over to the top of a later column (rejoin_continuations; 73d4cd2): at most
    # carried_max_lines lines, none indented carried_indent_em or more (a paragraph's first line is indented two
    # characters), all but the last within carried_short_em of the column's right edge.
    carried_max_lines: int = 4
    carried_indent_em: float = 0.8
    carried_short_em: float = 2.5
    # ... and it goes back on top of the body block of its column that starts at most carried_gap_lines of a
    # line (its type or the em, the larger) under it (a line's leading; 73d4cd2).
    carried_gap_lines: float = 1.0
    # A headline above a block: its bottom at most head_above_reach_em above the block's top (a subhead and a
    # byline between; 6fd3316, 76eaba6) or head_above_slack_em into it, and within head_above_side_em of it
    # across (or spanning its columns).  At most head_group_max_lines short lines between a headline and its
    # body are subhead or byline.
    head_above_slack_em: float = 0.3
    head_above_reach_em: float = 4.5
    head_above_side_em: int = 2
    # A paragraph's last line wedged in its column (is_paragraph_tail; 11cece1, seed-21 set): one line at most
    # tail_max_em wide (three characters), body text right above and right below (a line gap: at most
    # tail_gap_em apart, or overlapping by tail_overlap_em).
    tail_max_em: int = 3
    tail_gap_em: float = 1.0
    tail_overlap_em: float = 0.5
    # ... that text in the line's column: its left edge at most tail_left_slack_em right of the line's
    # (11cece1, seed-21 fx_007).
    tail_left_slack_em: float = 1.0
    # A smaller headline-like line right under a headline is its subhead: within subhead_gap_em under it (or
    # overlapping by subhead_overlap_em), type under subhead_type_share of the headline's (2bae326, b89592b).
    # Full-width lines between a headline and its byline are a subhead too: under the headline within
    # subhead_gap_em (overlapping by at most subhead_full_overlap_em; f65ec4d, seed-21 fx_005 0.063 -> 0.057).
    subhead_gap_em: float = 1.5
    subhead_overlap_em: float = 0.5
    subhead_type_share: float = 0.8
    subhead_full_overlap_em: float = 0.3
    # A block of lines all (but the last) over full_line_share of their column's width is body, not a subhead.
    full_line_share: float = 0.9
    # A byline (76eaba6, b280bdb): flush left (within byline_flush_em of a column's left edge), at most
    # byline_max_type_em type and the last before the body or of body size or smaller (byline_small_type_em);
    # or centred, at most centred_byline_type_em type, right above (within byline_body_gap_em) body text that
    # runs under byline_over_body of its width or more.
    byline_flush_em: float = 1.0
    byline_max_type_em: float = 1.15
    byline_small_type_em: float = 0.95
    centred_byline_type_em: float = 1.05
    byline_body_gap_em: float = 1.0
    byline_over_body: float = 0.9

    # --- lines into blocks (blocks.py; issue 10, session 27: moved here, values as they were) -----------------
    # A line continues the block above it (_fits, group_lines; 6fd3316, 76eaba6, 73d4cd2 and later;
    # fitted, no page named): the white to the block's last line at most group_gap_lines of a line's
    # height (a line's leading; more is a paragraph or article break), overlapping by under group_overlap_lines
    # of it; type within type_ratio_lo to type_ratio_hi of the block's ("by more than 25 %"), unless a small
    # tail: a line under small_tail_em long (a paragraph's last few characters, whose box a mark grows) of type
    # up to small_tail_type of the block's (a block's size is that of its lines at least small_tail_em long).
    group_gap_lines: float = 0.9
    group_overlap_lines: float = 0.4
    type_ratio_lo: float = 0.8
    type_ratio_hi: float = 1.25
    small_tail_em: float = 2.5
    small_tail_type: float = 1.2
    # A line that starts a block names in its trace why it continues none: the nearest block it lies under,
    # reaching at most trace_under_em up into its last line (group_lines; 9590821, the trace; 79f956f finds those
    # blocks at once beside the ones passing the gap test, the same output).
    trace_under_em: float = 1.0
    # Type up to textlike_type_em is text; bigger is a headline, whose wrapped lines sit closer (the white at
    # most head_wrap_gap_lines of a line) and over each other (overlapping over head_wrap_overlap of the narrower).
    textlike_type_em: float = 1.25
    head_wrap_gap_lines: float = 0.7
    head_wrap_overlap: float = 0.3
    # A paragraph's indent is two characters: indent_lo_em to indent_hi_em in from the measure (up to
    # indent_mark_em for a line running to the column's edge: an opening mark sits at the right of its cell and a
    # small one may be lost in binarization; the code said so); a line starting under flush_em in is flush;
    # a line ending within measure_slack_em of the measure is full (past it by more, it spills); one ending
    # short_line_em or more short ends a paragraph, unless it ends within ragged_em of the measure and is flush
    # (kinsoku pushed a character over: 73d4cd2); type within same_type_lo to same_type_hi of the block's is the
    # same face (a subhead over a byline is set bigger).
    indent_lo_em: float = 1.2
    indent_hi_em: float = 3.5
    indent_mark_em: float = 4.5
    flush_em: float = 0.8
    measure_slack_em: float = 1.0
    short_line_em: float = 1.6
    ragged_em: float = 2.5
    same_type_lo: float = 0.88
    same_type_hi: float = 1.14
    # A horizontal rule parts two lines when it runs under over barrier_rule_share of the lower line's width.
    barrier_rule_share: float = 0.3
    # A fragment under speck_max_em both ways is a speck (no character is that small); a lone one-line block
    # under crumb_max_width_em wide and crumb_max_height_em tall is a crumb (dirt, the scanner border's piece).
    speck_max_em: float = 0.6
    crumb_max_width_em: float = 1.2
    crumb_max_height_em: int = 3
    # The masthead's lines (group_loose): stacked within group_gap_lines, overlapping by at most
    # loose_overlap_lines, type within loose_type_lo to loose_type_hi of each other (title, slogans and info lines
    # differ more than a body's lines), at most loose_side_em beside each other.
    loose_overlap_lines: float = 0.3
    loose_type_lo: float = 0.6
    loose_type_hi: float = 1.6
    loose_side_em: float = 1.0
    # A small box frame holding at most teaser_max_lines lines is a teaser or a small ad, an ad's text lines
    # alike in height within ad_text_alike of their median (6fd3316, the first layout; 6d3716a, small ads).
    teaser_max_lines: int = 6
    ad_text_alike: float = 0.2
    # Captions (attach_captions): text under a picture within caption_reach_em (or reaching caption_overlap_em
    # into it), inside its width (caption_slack_em of slack; or caption_under_share of the line under it: a
    # photo's pale edge was lost), the nearest at most caption_first_gap_em under it; pieces of its row and
    # its next lines of type alike within caption_type_alike, at most caption_line_gap_em apart (a credit line
    # set flush right, of type up to credit_type_share of the caption's, further: credit_gap_em).  On a turned
    # vertical page the text under a picture is its caption when inside its width with caption_slack_em of slack
    # too (vertical_page.captions_under_pictures; 84ade21, 207518f: vertical dev vt_000's two-row caption).
    caption_reach_em: float = 4.0
    caption_overlap_em: float = 0.5
    caption_slack_em: float = 1.0
    caption_under_share: float = 0.8
    caption_first_gap_em: float = 2.0
    caption_type_alike: float = 0.2
    caption_line_gap_em: float = 1.0
    credit_type_share: float = 1.2
    # Caption pieces of one row have their tops within caption_row_level_em (9487736: captions split under
    # spanning pictures joined; fitted, no page named); on a turned vertical page the characters of a caption
    # the turned layout cut into one-character columns fall in one row when their middles lie that close
    # (vertical_page.captions_under_pictures; 84ade21).
    caption_row_level_em: float = 0.5

    # --- stability runs (stability.py) -------------------------------------------------------------------
    # The body type size the layout works with is the measured one (lines.estimate_em) times this: 1.  The
    # stability runs read the page again at 1.1 (a tenth, about the spread of the measure between pages of
    # one type size) to see which of the layout's decisions hang on the type size.
    em_scale: float = 1.0

    # --- vertical pages: ones and twos of an em (vertical_page.py; issue 10, session 28, names28 and names28b:
    # named, values as they were) ------------------------------------------------------------------------------
    # The page's column pitch is the median step between neighbouring columns of its vertical bodies under
    # column_pitch_max_em (a wider step is white between paragraphs or articles; 1591f1d; fitted, no page named).
    column_pitch_max_em: int = 2
    # A horizontal headline over banner_min_aspect times as wide as tall is a banner (5e930a1, the first vertical
    # page layout; fitted, no page named).
    banner_min_aspect: int = 2
    # A vertical rule taller than vertical_rule_min_em parts articles and columns (assign_articles, gutter_rules;
    # 5e930a1, b50b01e; fitted, no page named).
    vertical_rule_min_em: int = 2
    # A set of articles no cut divides is read by tiers whose tops lie within tier_tops_tolerances of the cut
    # tolerance (vertical_page.CUT_TOLERANCE_EM) of each other (cut_order; 9b1269e; fitted, no page named).
    tier_tops_tolerances: int = 2
    # The masthead (find_masthead) is the text above the rule near the page's top, its bottom at most
    # masthead_bound_slack_em under the rule, or inside a frame in the top right corner within that much of
    # its sides (5e930a1, the first vertical page layout; fitted on vertical dev, no page named).
    masthead_bound_slack_em: float = 1.0
    # Of two banners side by side over a block, the one whose sides, banner_over_side_em of slack each side, take
    # in the block's centre heads it (assign_articles' banner; ecbcf9e, vertical seed 11 0.242 -> 0.193; no page
    # named).
    banner_over_side_em: float = 1.0
    # Under banners, a head column (a subhead or byline: a vertical block of at most head_column_lines columns;
    # the turned layout types them body as often as not) goes with the banner over the body it stands right
    # of, where the white on its right is wider than the white between it and that body by
    # head_gutter_margin_em or more (the gutter to the next article against the gap between an article's heads
    # and its body; assign_articles' heads_body; issue 11, session 31, vert31).  Measured on the 528 seen
    # vertical pages at adfaf94 (/work/notes/s31/vert31/bh.jsonl): the head columns a banner over the next
    # article took stand 0.63-1.0 em from their body and 1.75-2.25 em from that article (vertical 70 vm3_003,
    # 18 vh_000, 34 vs_006, 38 vz2_002); the short columns under a banner with another article's text on their
    # left (a body's last columns) have the wider white on their left.  Replayed on those pages (whatif_head.txt):
    # 7 pages better and none worse for a margin from 0.25 to 1.0 em (0.5 in the middle), 3 at 1.25 em.
    head_column_lines: int = 2
    head_gutter_margin_em: float = 0.5
    # A body continues the article of the block right above it (assign_articles' continued; 5e930a1): that
    # block's bottom at most continued_above_into_em into the body's top, no headline of another article in the
    # body's tier with its centre within continued_head_side_em of the article's sides (5e930a1; both fitted on
    # vertical dev, no page named) ...
    continued_above_into_em: float = 1.0
    continued_head_side_em: float = 1.0
    # ... and no picture between, its top at most picture_between_slack_em above that block's bottom (811cb76,
    # vertical seed 11 vu_007: a sliver at a photo's foot continued the article over the photo).
    picture_between_slack_em: float = 1.0


    def slack(self, em: float) -> float:
        """Pixels of slack for size and gap comparisons at a layout em of ``em`` px."""
        return self.measure_slack_px if em < self.coarse_em_px else 0.0

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


DEFAULT = LayoutParams()


@contextmanager
def using(params: LayoutParams) -> Iterator[LayoutParams]:
    """Run the layout with ``params`` instead of ``DEFAULT`` while the block runs: every layout module reads
    its ``PARAMS`` (bound to ``DEFAULT`` at import), so each such binding is swapped and put back after.
    For a whole layout run in one process (layout/stability.py reads the page again with a parameter
    changed); not for threads sharing the modules."""
    mods = [m for n, m in list(sys.modules.items())
            if (n == __package__ or n.startswith(__package__ + ".")) and getattr(m, "PARAMS", None) is DEFAULT]
    for m in mods:
        m.PARAMS = params
    try:
        yield params
    finally:
        for m in mods:
            m.PARAMS = DEFAULT
