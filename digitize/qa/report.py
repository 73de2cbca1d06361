"""One self-contained HTML review report (images inlined as data: URIs, nothing fetched)."""
from __future__ import annotations

import base64
import html
import io
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

from PIL import Image

from ..atomic import write_text
from ..config import Settings
from .overlay import MIN_SHORT_SIDE, TYPE_COLOURS, load_page_image, render_overlay
from .summary import SummaryRow, load_alto_safely, summarize

THUMB_WIDTH = 220

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin:0 0 .4em}
table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right}tr.flagged td:first-child{border-left:4px solid #c00}
.flag{color:#b00000;margin:0}.ok{color:#080}.approved{color:#080;font-weight:bold}
.rejected{color:#c00;font-weight:bold}.unreviewed{color:#888}
section.page{border-top:2px solid #999;margin-top:1.5em;padding-top:.8em}
.pics{display:flex;gap:1em;align-items:flex-start}.pics img{border:1px solid #aaa}
img.overlay{max-width:62%;height:auto}
.text{flex:1 1 28em;max-height:95vh;overflow:auto;border:1px solid #ccc;padding:.4em .6em;background:#fcfcfc}
.text .blk{margin:0 0 .6em}.text .bt{color:#666;font-size:.8em;margin:0}
.text p.ln{margin:.1em 0;line-height:1.5}.text code.lid{color:#0645ad;font-size:.8em;margin-right:.5em;user-select:all}
mark.weak{background:#ffd700;border-bottom:2px solid #e07000;padding:0}.est{font-weight:bold}
.hint{color:#555;font-size:.85em;margin:.3em 0}.legend span{display:inline-block;margin-right:1em}
.sw{display:inline-block;width:1em;height:1em;border:1px solid #000;vertical-align:middle;margin-right:.3em}
"""


def data_uri(image: Image.Image, fmt: str = "JPEG", quality: int = 82) -> str:
    """``image`` encoded inline: data:image/...;base64,..."""
    buf = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buf, format="JPEG", quality=quality, optimize=True)
        mime = "image/jpeg"
    else:
        image.save(buf, format="PNG")
        mime = "image/png"
    return f"data:{mime};base64,{base64.b64encode(buf.getvalue()).decode('ascii')}"


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _fmt(value: Optional[float], spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _text_html(r: SummaryRow, alto, low_conf: float) -> str:
    """The page's text in reading order, block by block, one paragraph per ALTO TextLine with its ID
    (what ``qa correct`` takes); characters below ``low_conf`` are marked."""
    p = r.page
    parts = [f'<div class="text" id="text-{p.id}">',
             f'<p class="hint">Fix a line: <code>digitize qa correct OUT {_esc(p.name)} LINE_ID "text"</code>; '
             f'<mark class="weak">marked</mark> characters have confidence below {low_conf:g}.</p>']
    if alto is None:
        parts.append("<p>(no ALTO text)</p>")
    else:
        for b in alto.ordered_blocks():
            if not b.is_text or not b.lines:
                continue
            parts.append(f'<div class="blk"><p class="bt">{_esc(b.type)} {_esc(b.id)}</p>')
            for ln in b.lines:
                chars = []
                for st in ln.strings:
                    if st.confidence is not None and st.confidence < low_conf and st.text.strip():
                        chars.append(f'<mark class="weak" title="confidence {st.confidence:.2f}">{_esc(st.text)}</mark>')
                    else:
                        chars.append(_esc(st.text))
                parts.append(f'<p class="ln" id="p{p.id}-{_esc(ln.id)}"><code class="lid">{_esc(ln.id)}</code>'
                             f'{"".join(chars)}</p>')
            parts.append("</div>")
    parts.append("</div>")
    return "\n".join(parts)


def _row_html(r: SummaryRow) -> str:
    p = r.page
    flags = "".join(f'<p class="flag">{_esc(f.message)}</p>' for f in r.flags) or '<span class="ok">-</span>'
    review = f'<span class="{r.review_state}">{r.review_state}</span>'
    if r.review and r.review.note:
        review += f"<br><small>{_esc(r.review.note)}</small>"
    done = p.status == "done"
    return (f'<tr class="{"flagged" if r.flags else "clean"}" id="row-{p.id}"><td class="n">{p.id}</td>'
            f'<td><a href="#page-{p.id}">{_esc(p.name)}</a></td><td>{_esc(p.status)}</td>'
            f'<td class="n est">{_fmt(r.estimated_cer, ".3f")}</td>'
            f'<td class="n">{p.chars if done else "-"}</td><td class="n">{_fmt(p.mean_conf, ".2f")}</td>'
            f'<td class="n">{_fmt(r.low_conf_share, ".0%")}</td><td class="n">{_fmt(p.deskew_angle, "+.1f")}</td>'
            f'<td class="n">{f"{p.articles}/{p.blocks}" if done else "-"}</td><td>{flags}</td><td>{review}</td></tr>')


def _page_html(r: SummaryRow, settings: Settings, pictures: bool) -> str:
    p = r.page
    parts = [f'<section class="page" id="page-{p.id}"><h2>{_esc(p.name)} '
             f'<small>(id {p.id}, {_esc(p.status)}, estimated CER <span class="est">{_fmt(r.estimated_cer, ".3f")}</span>, '
             f'source {_esc(p.source)})</small></h2>']
    parts += [f'<p class="flag">{_esc(f.message)}</p>' for f in r.flags]
    if pictures:
        alto, _ = load_alto_safely(p)
        image, why = load_page_image(p, MIN_SHORT_SIDE)
        overlay = render_overlay(p, alto, r.flags, MIN_SHORT_SIDE, settings.recognition.low_confidence,
                                 loaded=(image, why))
        thumb = image.copy() if image is not None else None
        parts.append('<div class="pics">')
        if thumb is not None:
            thumb.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 4))
            parts.append(f'<img class="thumb" alt="thumbnail of {_esc(p.name)}" src="{data_uri(thumb)}" '
                         f'width="{thumb.size[0]}" height="{thumb.size[1]}">')
        else:
            parts.append(f"<p>{_esc(why)}</p>")
        parts.append(f'<img class="overlay" alt="overlay of {_esc(p.name)}" src="{data_uri(overlay)}" '
                     f'width="{overlay.size[0]}" height="{overlay.size[1]}">')
        parts.append(_text_html(r, alto, settings.recognition.low_confidence))
        parts.append("</div>")
    parts.append("</section>")
    return "\n".join(parts)


def build_report(out: str | Path, settings: Settings, statuses: Iterable[str] = (), limit: int = 0) -> tuple[str, int]:
    """The HTML text and the number of pages it lists (worst first)."""
    rows = summarize(out, settings.qa, statuses, "worst")
    counts = Counter(r.page.status for r in rows)
    reviews = Counter(r.review_state for r in rows)
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    legend = "".join(f'<span><i class="sw" style="background:rgb{c}"></i>{t}</span>'
                     for t, c in TYPE_COLOURS.items() if t != "text")
    head = (f"<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>QA report {_esc(out)}</title>"
            f"<style>{_CSS}</style></head><body>\n<h1>QA report: {_esc(Path(out).resolve())}</h1>\n"
            f"<p>{len(rows)} pages ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))}); "
            f"{sum(1 for r in rows if r.flags)} flagged; reviews: "
            f"{', '.join(f'{k}: {v}' for k, v in sorted(reviews.items()))}. Generated {stamp}.</p>\n"
            f'<p class="legend">{legend}<span><i class="sw" style="background:rgb(255,215,0)"></i>'
            f"low confidence</span><span>dashed black: article; numbers: reading order</span></p>\n"
            "<p>Pages are sorted by estimated CER (from confidences, lines dropped as noise, unread ink, layout "
            "warnings, type size and skew), the most likely wrong first.</p>\n")
    table = ('<table id="summary"><thead><tr><th>id</th><th>page</th><th>status</th><th>est. CER</th>'
             '<th>chars</th><th>conf</th>'
             "<th>low</th><th>skew</th><th>art/blk</th><th>flags</th><th>review</th></tr></thead><tbody>\n"
             + "\n".join(_row_html(r) for r in rows) + "\n</tbody></table>\n")
    sections = "\n".join(_page_html(r, settings, not limit or i < limit) for i, r in enumerate(rows))
    return head + table + sections + "\n</body></html>\n", len(rows)


def write_report(out: str | Path, path: str | Path, settings: Settings, statuses: Iterable[str] = (),
                 limit: int = 0) -> int:
    """Write the report to ``path`` atomically; returns the number of pages listed."""
    text, n = build_report(out, settings, statuses, limit)
    write_text(path, text)
    return n
