"""Why a page is suspect: each check gives a short flag with a plain-language explanation.

A flag carries a weight; the page's badness (for "worst first") is the sum of its flags' weights.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from ..config import QASettings
from ..geometry import Box
from .alto import AltoPage
from .pages import PageRow


@dataclass(frozen=True)
class Flag:
    code: str          # stable short name: failed, few-chars, low-conf, ...
    message: str       # why, with the numbers
    weight: float      # contribution to the page's badness
    count: int = 1     # how many items the flag is about (blocks, pairs): a feature of the quality estimate


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _named(ids: list[str]) -> str:
    """The first three of ``ids``, comma-separated, then ", ..." if there are more."""
    return ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")


def status_flags(row: PageRow) -> list[Flag]:
    """Flags from the page's processing status."""
    if row.status == "failed":
        return [Flag("failed", f"failed: {row.reason or 'no reason recorded'}", 100.0)]
    if row.status == "skipped":
        return [Flag("skipped", f"skipped: {row.reason or 'no reason recorded'}", 50.0)]
    if row.status in ("pending", "running"):
        return [Flag("not-done", f"not processed yet ({row.status})", 40.0)]
    if row.alto is None or not row.alto.is_file():
        return [Flag("no-alto", f"ALTO file missing ({row.alto or 'no path recorded'})", 60.0)]
    return []


def measure_flags(row: PageRow, qa: QASettings) -> list[Flag]:
    """Flags from the manifest's measurements: characters, confidence, skew."""
    flags: list[Flag] = []
    mpx = row.width * row.height / 1e6
    if mpx > 0:
        density = row.chars / mpx
        if row.chars == 0:
            flags.append(Flag("few-chars", f"no characters recognised on a {row.width}x{row.height} scan", 30.0))
        elif density < qa.min_chars_per_mpx:
            flags.append(Flag("few-chars", f"only {row.chars} characters for a {mpx:.1f} MP scan "
                                           f"({density:.0f}/MP < {qa.min_chars_per_mpx:.0f})", 20.0))
    if row.chars > 0:
        share = row.low_conf_chars / row.chars
        if share > qa.max_low_conf_share:
            flags.append(Flag("low-conf", f"{share:.0%} of characters have low confidence "
                                          f"(> {qa.max_low_conf_share:.0%}): many may be misread", 10.0 + 20.0 * share))
        if row.mean_conf is not None and row.mean_conf < qa.min_mean_conf:
            flags.append(Flag("mean-conf", f"mean confidence {row.mean_conf:.2f} < {qa.min_mean_conf:.2f}",
                              10.0 + 20.0 * (qa.min_mean_conf - row.mean_conf)))
    if row.warnings:
        shown = "; ".join(row.warnings[:2]) + (" ..." if len(row.warnings) > 2 else "")
        flags.append(Flag("warnings", f"{_n(len(row.warnings), 'processing warning')}: {shown}", 3.0))
    if row.deskew_angle is not None and abs(row.deskew_angle) > qa.max_skew_deg:
        flags.append(Flag("skew", f"large skew {row.deskew_angle:+.1f} deg (> {qa.max_skew_deg:g})", 8.0))
    return flags


def layout_flags(alto: AltoPage, qa: QASettings, skew_deg: float = 0.0) -> list[Flag]:
    """Flags from the written layout: text outside every text block, overlapping text blocks.

    ``skew_deg`` is the page's measured skew: ALTO boxes are upright boxes in the scan, so on a skewed
    page neighbouring columns' boxes overlap at their corners; overlaps are judged on the straightened page."""
    flags: list[Flag] = []
    blocks = [b for b in alto.blocks if b.is_text]
    total = outside = 0
    for b in blocks:
        for s in (s for ln in b.lines for s in ln.strings):
            if not s.text.strip():
                continue
            total += 1
            cx, cy = s.box.cx, s.box.cy
            if not any(o.box.x0 <= cx <= o.box.x1 and o.box.y0 <= cy <= o.box.y1 for o in blocks):
                outside += 1
    if total and outside / total > qa.max_outside_share:
        flags.append(Flag("outside", f"{outside} characters ({outside / total:.0%}) lie outside every text block: "
                                     "the layout's blocks do not cover the text read", 10.0))
    pairs = _overlapping_pairs(_straightened(blocks, skew_deg, alto.width, alto.height), qa.max_block_overlap)
    if pairs:
        shown = ", ".join(f"{a}/{b}" for a, b in pairs[:3]) + (" ..." if len(pairs) > 3 else "")
        flags.append(Flag("overlap", f"{_n(len(pairs), 'pair')} of overlapping text blocks ({shown}): "
                                     "the layout may have read one text twice or cut it", 5.0 + 2.0 * len(pairs), len(pairs)))
    crossing = _blocks_across_rules(blocks, alto.separators)
    if crossing:
        flags.append(Flag("across-rule", f"{_n(len(crossing), 'text block')} straddling a vertical column rule "
                                         f"({', '.join(crossing[:3])}{' ...' if len(crossing) > 3 else ''}): "
                                         "lines may be read across two columns", 8.0 + 2.0 * len(crossing), len(crossing)))
    if alto.width and alto.height:
        off = [b.id for b in alto.blocks if b.box.x1 > alto.width + 2 or b.box.y1 > alto.height + 2
               or b.box.x0 < -2 or b.box.y0 < -2]
        if off:
            flags.append(Flag("off-page", f"{_n(len(off), 'block')} extending beyond the page "
                                          f"({', '.join(off[:3])})", 10.0, len(off)))
    return flags


def pipeline_flags(alto: AltoPage, qa: QASettings) -> list[Flag]:
    """Flags from the pipeline's own measurements (the ALTO's ``quality`` step): lines dropped as
    noise, text-like ink left unread, small type; running-text lines with a wide gap inside, text
    inside another article's area, and columns cut lengthwise."""
    m = alto.measures
    flags: list[Flag] = []
    lines, noise = m.get("lines", 0.0), m.get("noise_lines", 0.0)
    if lines + noise and noise / (lines + noise) > qa.max_noise_share:
        flags.append(Flag("noise", f"{int(noise)} of {int(lines + noise)} lines read as noise and dropped "
                                   f"(> {qa.max_noise_share:.0%}): specks or texture, or text read too badly to keep",
                          5.0, int(noise)))
    unread = m.get("unread_ink", 0.0)
    if unread > qa.max_unread_ink:
        flags.append(Flag("unread", f"{unread:.1%} of the text-like ink lies in no text line (> {qa.max_unread_ink:.0%}): "
                                    "some text may not have been read", 8.0))
    from .estimate import (FRAGMENT_LINES, INTERLEAVED_FLAG, MARKS_FLAG, MARKS_MIN_HAN, MARKS_RATE, NARROW_COLUMN,
                           NARROW_FLAG, VERTICAL_INTERLEAVED_FLAG, backward_blocks, fragment_share, gap_lines,
                           headless_continued, headless_continued_articles, headline_alone_articles, interleaved,
                           late_heading, late_heading_blocks, lone_piece_articles, marks_rate, narrow_blocks,
                           read_backward, row_backward, row_backward_articles)
    share, small, body = fragment_share(alto)
    if body >= 3 and share > qa.max_fragment_share:
        flags.append(Flag("fragments", f"{small} of {body} body blocks hold at most {FRAGMENT_LINES} lines "
                                       f"(> {qa.max_fragment_share:.0%}): columns cut into pieces may be read out "
                                       "of order", 6.0, small))
    mixed = interleaved(alto)
    if mixed > INTERLEAVED_FLAG:
        flags.append(Flag("interleaved", f"{mixed:.0%} of the text lies inside the area of an article it is not "
                                         "part of: articles grouped across each other may be read in the wrong "
                                         "order", 6.0))
    upright = interleaved(alto, vertical_only=True)
    if upright > VERTICAL_INTERLEAVED_FLAG:
        flags.append(Flag("vertical-interleaved", f"{upright:.0%} of the text lies in vertical columns inside the area "
                                                  "of an article they are not part of: an article grouped across "
                                                  "another's columns, most likely read in the wrong order (on "
                                                  "vertical text this has almost always been an error)", 6.0))
    back = backward_blocks(alto)
    if back:
        flags.append(Flag("read-backward", f"{len(back)} block(s) ({_named(back)}) "
                                           "read after a block of another article lying below them in their column "
                                           "(or, in vertical text, left of them in their row): the reading order goes "
                                           f"back against the print's direction, so {read_backward(alto, back):.1%} of the "
                                           "text (their articles) is most likely read out of turn", 6.0, len(back)))
    late = late_heading_blocks(alto)
    if late:
        flags.append(Flag("late-heading", f"{len(late)} headline(s) or byline(s) ({_named(late)}) read after body "
                                          "text of their own article: print sets them over an article's body, so "
                                          "each starts a second "
                                          f"article joined to the first, and {late_heading(alto):.1%} of the text is "
                                          "most likely read in the first article's place instead of its own", 6.0,
                          len(late)))
    row = row_backward_articles(alto)
    if row:
        flags.append(Flag("row-backward", f"{len(row)} article(s) ({_named(row)}) "
                                          "read after an article that starts level with them on their right: a row "
                                          "of articles is read left to right, so "
                                          f"{row_backward(alto):.1%} of the text is most likely read out of turn", 6.0,
                          len(row)))
    lone = lone_piece_articles(alto)
    if lone:
        flags.append(Flag("lone-pieces", f"{len(lone)} article(s) of only {FRAGMENT_LINES} or fewer lines of body text "
                                         f"({_named(lone)}): a piece split off its "
                                         "article is read away from the rest of it", 5.0, len(lone)))
    heads, _ = headline_alone_articles(alto)
    if heads:
        flags.append(Flag("headline-alone", f"{len(heads)} article(s) of only a headline ({_named(heads)}): its body "
                                            "was given to another article and is read away from it", 5.0, len(heads)))
    torn = headless_continued_articles(alto)
    if torn:
        flags.append(Flag("headless-continued", f"{len(torn)} article(s) without a headline that start in the middle of "
                                                f"a paragraph ({_named(torn)}): "
                                                "a column split off its article (on a vertical page most often the "
                                                "part of an article in the tier below, cut at the tier rule), so "
                                                f"{headless_continued(alto):.1%} of the text is most likely read away "
                                                "from the text it continues", 5.0, len(torn)))
    rate, han = marks_rate(alto)
    if han >= MARKS_MIN_HAN and MARKS_RATE - rate > MARKS_FLAG:
        flags.append(Flag("missing-marks", f"the running text keeps {rate:.1%} punctuation marks where print keeps at "
                                           f"least {MARKS_RATE:.1%}: about {MARKS_RATE - rate:.1%} of the text, marks "
                                           "never read (small marks at the side of vertical columns are easily lost)",
                          4.0))
    narrow = narrow_blocks(alto)
    if narrow > NARROW_FLAG:
        flags.append(Flag("narrow-blocks", f"{narrow:.0%} of the text lies in body blocks whose lines are at most "
                                           f"{NARROW_COLUMN:.0%} of the page's usual body line: a column cut "
                                           "lengthwise is read one half after the other", 6.0))
    gap, running = gap_lines(alto)
    if running and gap / running > qa.max_gap_lines:
        flags.append(Flag("gap-lines", f"{gap} of {running} body/caption lines have a wide gap between Chinese "
                                       f"characters (> {qa.max_gap_lines:.0%}): they may run across a column gutter",
                          6.0, gap))
    em = m.get("em_mm", 0.0)
    if 0 < em < qa.min_type_mm:
        flags.append(Flag("small-type", f"small type: {em:.1f} mm (< {qa.min_type_mm:g} mm) reads less reliably", 3.0))
    px = m.get("em_px", 0.0)
    if 0 < px < qa.min_type_px:
        flags.append(Flag("few-pixels", f"type only {px:.1f} px per em (< {qa.min_type_px:g} px): too small to read "
                                        "reliably (a low-resolution image or microfilm); read as a best effort only",
                          8.0))
    return flags


def _blocks_across_rules(blocks, rules: list[Box]) -> list[str]:
    """Text blocks cut by a vertical rule: the rule runs through the block's middle part (not near
    its edges) over more than half of the block's height - text that belongs to two columns."""
    out = []
    for b in blocks:
        margin = b.box.width * 0.15
        for r in rules:
            if r.height < 4 * max(1, r.width):          # horizontal rules, frames, dots
                continue
            inside_x = b.box.x0 + margin < r.cx < b.box.x1 - margin
            shared = min(b.box.y1, r.y1) - max(b.box.y0, r.y0)
            if inside_x and shared > 0.5 * b.box.height:
                out.append(b.id)
                break
    return out


def _straightened(blocks, skew_deg: float, width: int, height: int) -> list[tuple[str, Box]]:
    """(id, box) of each text block on the straightened page.

    An upright box W x H drawn around a rectangle w x h turned by t has W = w cos t + h sin t and
    H = w sin t + h cos t; solving for w, h gives the rectangle back, placed at the box centre turned
    by -t about the page centre."""
    if not skew_deg:
        return [(b.id, b.box) for b in blocks]
    t = math.radians(abs(skew_deg))
    cos, sin, cos2 = math.cos(t), math.sin(t), math.cos(2 * t)
    turn = math.radians(skew_deg)
    cx, cy = width / 2, height / 2
    out = []
    for b in blocks:
        w = max(1.0, (b.box.width * cos - b.box.height * sin) / cos2)
        h = max(1.0, (b.box.height * cos - b.box.width * sin) / cos2)
        dx, dy = b.box.cx - cx, b.box.cy - cy   # image y runs down: undo a counter-clockwise skew
        x = cx + math.cos(turn) * dx - math.sin(turn) * dy
        y = cy + math.sin(turn) * dx + math.cos(turn) * dy
        out.append((b.id, Box(int(x - w / 2), int(y - h / 2), int(math.ceil(x + w / 2)), int(math.ceil(y + h / 2)))))
    return out


def _overlapping_pairs(items: list[tuple[str, Box]], limit: float) -> list[tuple[str, str]]:
    """Pairs of boxes whose intersection exceeds ``limit`` of the smaller one (sweep on x)."""
    items = sorted((it for it in items if it[1].area > 0), key=lambda it: it[1].x0)
    pairs = []
    for i, (a_id, a) in enumerate(items):
        for b_id, b in items[i + 1:]:
            if b.x0 >= a.x1:
                break
            inter = a.intersection(b)
            if inter and inter > limit * min(a.area, b.area):
                pairs.append((a_id, b_id))
    return pairs


def page_flags(row: PageRow, alto: Optional[AltoPage], qa: QASettings) -> list[Flag]:
    """All flags of one page, worst first."""
    flags = status_flags(row)
    if row.status == "done":
        flags += measure_flags(row, qa)
        if alto is not None:
            flags += layout_flags(alto, qa, row.deskew_angle or 0.0) + pipeline_flags(alto, qa)
    return sorted(flags, key=lambda f: -f.weight)
