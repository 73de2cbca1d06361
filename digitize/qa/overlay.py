"""Draw what the machine saw on the page image: typed blocks (colour legend), articles outlined,
reading order numbered, low-confidence characters highlighted."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Optional

from PIL import Image, ImageDraw, ImageFont, ImageOps

from ..atomic import write_bytes
from .alto import AltoPage
from ..config import Settings
from .flags import Flag, page_flags
from .pages import PageRow, find_page, read_pages

MIN_SHORT_SIDE = 800
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "masthead": (130, 0, 170),
    "headline": (215, 25, 30),
    "subhead": (240, 120, 0),
    "byline": (140, 85, 20),
    "body": (25, 85, 215),
    "caption": (0, 145, 140),
    "teaser": (210, 0, 150),
    "table": (90, 60, 160),
    "picture": (30, 150, 40),
    "text": (100, 100, 100),
}
LOW_CONF_COLOUR = (255, 215, 0)
ARTICLE_COLOUR = (0, 0, 0)
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


def font(size: int) -> ImageFont.ImageFont:
    """A CJK-capable font when installed, else Pillow's built-in one."""
    for path in FONT_CANDIDATES:
        if Path(path).is_file():
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    return ImageFont.load_default(size)


def load_page_image(row: PageRow, max_short: int) -> tuple[Optional[Image.Image], str]:
    """The page's source image as 8-bit gray, reduced to about ``max_short`` px on the short side
    (decoding at reduced size where the format allows).  Returns (None, why) when it cannot be read."""
    Image.MAX_IMAGE_PIXELS = None     # the batch already refused oversized scans, with a clear reason
    try:
        im = Image.open(row.source)
        if row.frame:
            im.seek(row.frame)
        if im.format == "JPEG":
            short = min(im.size)
            if short > 2 * max_short:
                im.draft("L", (im.size[0] * max_short // short, im.size[1] * max_short // short))
        im = ImageOps.exif_transpose(im)
        return im.convert("L"), ""
    except FileNotFoundError:
        return None, "source image not found"
    except Exception as e:  # noqa: BLE001 - any decoder failure: show the page without its image
        return None, f"source image unreadable ({type(e).__name__})"


def render_overlay(row: PageRow, alto: Optional[AltoPage], flags: list[Flag] = (), short_side: int = 1200,
                   low_conf: float = 0.6, loaded: Optional[tuple[Optional[Image.Image], str]] = None,
                   line_ids: bool = False) -> Image.Image:
    """The annotated page, short side at least 800 px, with a header naming the page and a legend.
    ``loaded``: the result of :func:`load_page_image` when the caller already has it; ``line_ids``:
    label every text line with its ALTO ID (what ``qa correct`` takes)."""
    short_side = max(MIN_SHORT_SIDE, short_side)
    page_w = row.width or (alto.width if alto else 0)
    page_h = row.height or (alto.height if alto else 0)
    image, why = loaded if loaded is not None else load_page_image(row, short_side)
    if image is not None and not (page_w and page_h):
        page_w, page_h = image.size
    if not (page_w and page_h):
        page_w, page_h = 1200, 900          # nothing to show: a small placeholder
    scale = short_side / min(page_w, page_h)
    size = (max(1, round(page_w * scale)), max(1, round(page_h * scale)))
    if image is None:
        base = Image.new("RGB", size, (235, 235, 235))
    else:
        base = image.resize(size, Image.Resampling.LANCZOS).convert("RGB")
        base = Image.blend(base, Image.new("RGB", size, (255, 255, 255)), 0.35)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    if alto is not None:
        _draw_layout(layer, alto, scale, low_conf)
        if line_ids:
            _draw_line_ids(layer, alto, scale)
    base = Image.alpha_composite(base.convert("RGBA"), layer).convert("RGB")
    header = _header(row, alto, flags, why, size[0])
    out = Image.new("RGB", (size[0], size[1] + header.size[1]), (255, 255, 255))
    out.paste(header, (0, 0))
    out.paste(base, (0, header.size[1]))
    return out


def _sbox(box, s: float) -> tuple[float, float, float, float]:
    return box.x0 * s, box.y0 * s, box.x1 * s, box.y1 * s


def _draw_layout(layer: Image.Image, alto: AltoPage, s: float, low_conf: float) -> None:
    draw = ImageDraw.Draw(layer)
    lw = max(2, round(min(layer.size) / 400))
    for b in alto.blocks:
        colour = TYPE_COLOURS.get(b.type, TYPE_COLOURS["text"])
        draw.rectangle(_sbox(b.box, s), fill=colour + (38,), outline=colour + (255,), width=lw)
    for st in alto.strings():
        if st.confidence is not None and st.confidence < low_conf and st.text.strip():
            x0, y0, x1, y1 = _sbox(st.box, s)
            draw.rectangle((x0, y0, max(x1, x0 + 2), max(y1, y0 + 2)), fill=LOW_CONF_COLOUR + (150,),
                           outline=(230, 120, 0, 255), width=1)
    by_id = {b.id: b for b in alto.blocks}
    label_font = font(max(14, round(min(layer.size) / 55)))
    for n, (art, ids) in enumerate(alto.articles.items(), 1):
        boxes = [by_id[i].box for i in ids if i in by_id]
        if not boxes:
            continue
        x0, y0, x1, y1 = (min(b.x0 for b in boxes), min(b.y0 for b in boxes),
                          max(b.x1 for b in boxes), max(b.y1 for b in boxes))
        pad = 3 * lw
        rect = (x0 * s - pad, y0 * s - pad, x1 * s + pad, y1 * s + pad)
        _dashed_rectangle(draw, rect, ARTICLE_COLOUR + (230,), lw + 1, dash=6 * lw)
        tag = f"A{n}"
        tw = draw.textlength(tag, font=label_font)
        draw.rectangle((rect[2] - tw - 8, rect[1], rect[2], rect[1] + label_font.size + 6), fill=(0, 0, 0, 220))
        draw.text((rect[2] - tw - 4, rect[1] + 2), tag, fill=(255, 255, 255, 255), font=label_font)
    ordered = [b for b in alto.ordered_blocks() if b.is_text]
    centres = [((b.box.cx) * s, (b.box.cy) * s) for b in ordered]
    for a, b in zip(centres, centres[1:]):
        _arrow(draw, a, b, (200, 0, 0, 150), max(1, lw - 1))
    r = max(11, round(min(layer.size) / 70))
    num_font = font(round(r * 1.1))
    for i, b in enumerate(ordered, 1):
        colour = TYPE_COLOURS.get(b.type, TYPE_COLOURS["text"])
        cx, cy = b.box.x0 * s + r // 2, b.box.y0 * s + r // 2
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour + (235,), outline=(255, 255, 255, 255), width=2)
        draw.text((cx, cy), str(i), fill=(255, 255, 255, 255), font=num_font, anchor="mm")


LINE_ID_COLOUR = (0, 0, 0)


def _draw_line_ids(layer: Image.Image, alto: AltoPage, s: float) -> None:
    """Each text line's ID in a small white label at the line's start (left end, or top of a vertical
    line), with a tick to the line."""
    draw = ImageDraw.Draw(layer)
    for b in alto.blocks:
        if not b.is_text:
            continue
        for ln in b.lines:
            if not ln.id:
                continue
            x0, y0, x1, y1 = _sbox(ln.box, s)
            size = max(9, min(16, round((y1 - y0) * 0.8) if x1 - x0 >= y1 - y0 else round((x1 - x0) * 0.8)))
            f = font(size)
            w = draw.textlength(ln.id, font=f)
            draw.rectangle((x0, y0, x0 + w + 4, y0 + size + 2), fill=(255, 255, 255, 225),
                           outline=LINE_ID_COLOUR + (255,), width=1)
            draw.text((x0 + 2, y0 + 1), ln.id, fill=LINE_ID_COLOUR + (255,), font=f)


def _dashed_rectangle(draw: ImageDraw.ImageDraw, rect, fill, width: int, dash: int) -> None:
    x0, y0, x1, y1 = rect
    for (ax, ay), (bx, by) in [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))]:
        length = math.hypot(bx - ax, by - ay)
        steps = max(1, int(length // dash))
        for k in range(0, steps, 2):
            t0, t1 = k / steps, min(1.0, (k + 1) / steps)
            draw.line((ax + (bx - ax) * t0, ay + (by - ay) * t0, ax + (bx - ax) * t1, ay + (by - ay) * t1),
                      fill=fill, width=width)


def _arrow(draw: ImageDraw.ImageDraw, a, b, fill, width: int) -> None:
    draw.line((a, b), fill=fill, width=width)
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    head = 6 + 3 * width
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    pts = [(mx + head * math.cos(ang), my + head * math.sin(ang)),
           (mx + head * math.cos(ang + 2.5), my + head * math.sin(ang + 2.5)),
           (mx + head * math.cos(ang - 2.5), my + head * math.sin(ang - 2.5))]
    draw.polygon(pts, fill=fill)


def _header(row: PageRow, alto: Optional[AltoPage], flags, why: str, width: int) -> Image.Image:
    """Page name, numbers, flags and the colour legend, as a band above the image."""
    size = max(16, round(width / 60))
    f_big, f_small = font(round(size * 1.2)), font(size)
    messages = [f.message for f in flags]
    flag_lines = messages[:6] + ([f"... and {len(messages) - 6} more"] if len(messages) > 6 else [])
    flag_lines += [f"({why})"] if why else []
    height = round(size * 1.6) * (6 + len(flag_lines)) + 10
    band = Image.new("RGB", (width, height), (250, 250, 250))
    draw = ImageDraw.Draw(band)
    y = 6
    conf = f"{row.mean_conf:.2f}" if row.mean_conf is not None else "-"
    title = f"{row.name}   [{row.status}]   {row.chars} chars   conf {conf}   {row.articles} articles / {row.blocks} blocks"
    draw.text((10, y), title, fill=(0, 0, 0), font=f_big)
    y += round(size * 1.7)
    for line in flag_lines:
        draw.text((10, y), "! " + line, fill=(190, 0, 0), font=f_small)
        y += round(size * 1.6)
    x = 10
    legend = [(t, c) for t, c in TYPE_COLOURS.items() if t != "text" or _has_untyped(alto)]
    legend += [("low confidence", LOW_CONF_COLOUR), ("article", ARTICLE_COLOUR)]
    for name, colour in legend:
        w = draw.textlength(name, font=f_small)
        if x + size + w + 20 > width:
            x, y = 10, y + round(size * 1.6)
        draw.rectangle((x, y + 2, x + size, y + size + 2), fill=colour, outline=(0, 0, 0))
        draw.text((x + size + 5, y), name, fill=(0, 0, 0), font=f_small)
        x += int(size + w + 22)
    return band.crop((0, 0, width, min(height, y + round(size * 1.8))))


def _has_untyped(alto: Optional[AltoPage]) -> bool:
    return alto is not None and any(b.type == "text" for b in alto.blocks)


def save_png(image: Image.Image, path: str | Path) -> None:
    """Write the overlay as PNG, atomically."""
    import io

    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=6)
    write_bytes(path, buf.getvalue())


def overlay_for_page(out: str | Path, key: str, settings: Settings,
                     short_side: Optional[int] = None, line_ids: bool = False) -> tuple[Image.Image, PageRow]:
    """The overlay of the page named ``key`` (manifest id, relative path or stem) in batch ``out``."""
    from .summary import load_alto_safely

    row = find_page(read_pages(out), key, out)
    alto, extra = load_alto_safely(row)
    flags = sorted(page_flags(row, alto, settings.qa) + extra, key=lambda f: -f.weight)
    image = render_overlay(row, alto, flags, short_side or settings.qa.overlay_short_side,
                           settings.recognition.low_confidence, line_ids=line_ids)
    return image, row
