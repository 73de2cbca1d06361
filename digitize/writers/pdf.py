"""Searchable PDF writer: one page = the scan as an image + an invisible text layer per character.

Built the way Tesseract's ``pdfrenderer.cpp`` and OCRmyPDF's hOCR transform build theirs: the text
is drawn in render mode 3 (invisible) with a *glyph-less* font, a Type0 / CIDFontType2 font whose
one glyph is empty and 1 em wide, so the file stays small and nothing shows over the scan.  Each
character is placed on its own box: the line's box gives the font size (the em box spans the
line's height) and each character's horizontal scaling (``Tz``) makes its advance end exactly
where the next character starts, so text extractors (``pdftotext``, a viewer's search and
selection) see the characters of a line as one run, with no spaces between Chinese characters,
and a space only where the model has one (an ALTO ``SP``).  Lines are written in the model's
reading order, so ``pdftotext -raw`` reads the page in that order.  The layer is laid out in the
page's upright working frame (after the 90-degree turn and the deskew) and mapped onto the scan by
one matrix, so on a skewed scan the invisible lines slope with the printed ones (selection and
search highlights fall on the characters; PDFium reads each line whole).

Character codes are 2-byte CIDs numbered per document (1, 2, ... per distinct character), and the
``ToUnicode`` CMap maps each back to its Unicode text (characters outside the BMP included), so
copy and search return the real characters.  Vertical lines are placed character by character.

A writer: it reads the model and the page image (8-bit gray as the pipeline saw it), nothing else.
A JPEG scan whose pixels the pipeline took as they are (no EXIF turn), or a PDF page's JPEG scan
image, is embedded as it is stored, byte for byte; other scans are stored as JPEG (``JPEG_QUALITY``),
or lossless 1-bit when bilevel.
"""
from __future__ import annotations

import functools
import io
import os
import zlib
from pathlib import Path
from typing import Callable, Optional, Union

import numpy as np
from PIL import Image

from .. import __version__
from ..atomic import write_bytes
from ..geometry import Box
from ..model import Glyph, Line, Page

POINTS_PER_INCH = 72.0
DEFAULT_DPI = 300.0            # a page without a known resolution (the pipeline's own default)
JPEG_QUALITY = 85              # access copy of a non-JPEG scan: visually lossless for print at 300 dpi
EM = 1000                      # glyph units per em of the glyph-less font
ASCENT, DESCENT = 880, -120    # ideographic em box: 12 % of it below the baseline (as CJK fonts set it)
Image_ = Union[np.ndarray, Callable[[], np.ndarray], None]
FONT_TIMESTAMP = 0             # the font's head.created/modified: fixed, so a page's PDF is reproducible
MAX_LINE_PITCH_EM = 1.3        # baselines of a block at most this many font sizes apart (poppler joins <= 1.5)
MIN_ADVANCE_PT = 0.05          # a character never gets a zero or negative advance (viewers choke on Tz 0)


@functools.lru_cache(maxsize=1)
def glyphless_font() -> bytes:
    """A TrueType font whose one glyph is a plain rectangle filling the em box, 1 em wide (built with
    fontTools, a few hundred bytes).  Never seen (render mode 3); it needs an outline all the same:
    PDFium (Chromium's viewer) drops characters whose glyph has no box from search and selection,
    as Tesseract's ``pdf.ttf`` avoids the same way."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    fb = FontBuilder(EM, isTTF=True)
    fb.setupGlyphOrder([".notdef", "glyph"])
    fb.setupCharacterMap({0x20: "glyph"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, DESCENT))
    pen.lineTo((0, ASCENT))
    pen.lineTo((EM, ASCENT))
    pen.lineTo((EM, DESCENT))
    pen.closePath()
    fb.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "glyph": pen.glyph()})
    fb.setupHorizontalMetrics({".notdef": (EM, 0), "glyph": (EM, 0)})
    fb.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    fb.setupNameTable({"familyName": "GlyphLessFont", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=ASCENT, sTypoDescender=DESCENT, usWinAscent=ASCENT, usWinDescent=-DESCENT)
    fb.setupPost()
    fb.updateHead(created=FONT_TIMESTAMP, modified=FONT_TIMESTAMP)   # same bytes on every run
    fb.font.recalcTimestamp = False
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def _num(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class _Cids:
    """Character -> CID (1, 2, ...), in first-use order."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def hex(self, ch: str) -> str:
        cid = self.codes.setdefault(ch, len(self.codes) + 1)
        return f"{cid:04X}"

    def to_unicode(self) -> bytes:
        items = sorted((cid, ch) for ch, cid in self.codes.items())
        out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
               "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
               "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
        for i in range(0, len(items), 100):          # at most 100 entries per bfchar section
            chunk = items[i:i + 100]
            out.append(f"{len(chunk)} beginbfchar")
            out += [f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for cid, ch in chunk]
            out.append("endbfchar")
        out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(out).encode("ascii")

    def cid_to_gid(self) -> bytes:
        """Every used CID -> glyph 1 (the empty glyph); CID 0 -> .notdef."""
        n = len(self.codes) + 1
        return b"\x00\x00" + b"\x00\x01" * (n - 1)


class _Frame:
    """The page's upright working frame (after the 90-degree turn and the deskew), where lines are
    level: the text layer is laid out there, in points with y up, and one ``cm`` maps it onto the
    scan, so the invisible text follows a skewed or turned scan's lines as Tesseract's does."""

    def __init__(self, page: Page, k: float) -> None:
        self.t, self.k = page.transform, k
        self.h = float(page.transform.work_size[1])
        inv = page.transform.inverse_array()            # work -> original pixels
        a, b, c = inv[0]
        d, e, f = inv[1]
        page_h = page.height * k
        # (u, v) points in the work frame, y up  ->  PDF points on the original page
        self.cm = (a, -d, -b, e, k * (b * self.h + c), page_h - k * (e * self.h + f))

    def box(self, box: Box, polygon=None) -> Box:
        """An original-frame box (or its polygon) as an upright box in work pixels."""
        return Box.around(self.t.to_work(polygon if polygon else box.corners()))

    def x_centre(self, box: Box) -> float:
        return self.t.to_work([((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)])[0][0]

    def width(self, box: Box) -> float:
        """Width along the work frame's lines of an upright rectangle whose axis-aligned box in the
        original is ``box`` (a box around a turned rectangle is wider by |sin| x its height)."""
        (a, b, _), _ = self.t.matrix
        c, s_ = abs(a), abs(b)                                # |cos|, |sin| of the turn
        if c >= s_:
            w = (box.width - s_ * box.height) / max(c * c - s_ * s_, 1e-6) * c if s_ > 1e-9 else box.width
        else:                                                 # a quarter turn: the box's height runs along
            w = (box.height - c * box.width) / max(s_ * s_ - c * c, 1e-6) * s_ if c > 1e-9 else box.height
        return max(w, 0.5 * min(box.width, box.height), 1.0)

    def u(self, x: float) -> float:
        return x * self.k

    def v(self, y: float) -> float:
        return (self.h - y) * self.k


def _chars(line: Line, fr: _Frame) -> list[tuple[str, float, float, bool]]:
    """(character, x centre, half width, space before) in work pixels, in the model's order.

    A word with glyphs gives one entry per glyph; a word without (a Latin run) is spread evenly
    over its box, one entry per character.  Centres are mapped exactly; a box mapped from a skewed
    scan is wider than the character by the skew, so its half width is taken from the original box."""
    out: list[tuple[str, float, float, bool]] = []
    for w in line.words:
        glyphs: list[Glyph] = [g for g in w.glyphs if g.text] or []
        first = True
        pieces = [(g.text, g.box) for g in glyphs] if glyphs and "".join(g.text for g in glyphs) == w.text \
            else [(w.text, w.box)]
        for text, box in pieces:
            cx = fr.x_centre(box)
            width = fr.width(box)
            step = width / max(1, len(text))
            for k, ch in enumerate(text):
                out.append((ch, cx - width / 2 + (k + 0.5) * step, step / 2, w.space_before and first))
                first = False
    return out


def _spans(chars: list[tuple[str, float, float, bool]]) -> list[tuple[float, float, bool]]:
    """(start, end, space before) of each character along the line: neighbours meet half-way between
    their centres (no gap, no overlap: extractors see one run of text); a space keeps the gap the
    model saw between two words (at least a sliver, so the space is there and in its place)."""
    out = []
    for i, (ch, c, hw, space) in enumerate(chars):
        if i == 0:
            start = c - hw
        elif space:
            start = max(c - hw, out[-1][1])
        else:
            start = out[-1][1]
        nxt = chars[i + 1] if i + 1 < len(chars) else None
        if nxt is None or nxt[3]:
            end = c + hw
            if nxt is not None:
                end = min(end, max((c + nxt[1]) / 2, start))
        else:
            end = (c + nxt[1]) / 2
        out.append((start, max(end, start), space and i > 0))
    return out


def text_layer(page: Page, cids: _Cids, dpi: float) -> str:
    """The content-stream operators of the invisible text, in reading order."""
    k = POINTS_PER_INCH / dpi
    fr = _Frame(page, k)
    ops: list[str] = ["q " + " ".join(_num6(v) for v in fr.cm) + " cm"]
    for block in page.text_blocks():
        boxes = {id(ln): fr.box(ln.box, ln.polygon) for ln in block.lines}
        block_fs = _block_font_size([boxes[id(ln)] for ln in block.lines if ln.words]) * k
        for line in block.lines:
            chars = _chars(line, fr)
            if not chars:
                continue
            lb = boxes[id(line)]
            if line.vertical or block.vertical:
                ops.append(_vertical_line(line, lb, chars, cids, fr))
                continue
            fs = block_fs
            centre = fr.v((lb.y0 + lb.y1) / 2)
            base = centre - fs / 2 + (-DESCENT / EM) * fs          # the em box centred on the line
            spans = _spans(chars)
            parts = ["BT", "3 Tr", f"/F1 {_num(fs)} Tf", f"1 0 0 1 {_num(fr.u(spans[0][0]))} {_num(base)} Tm"]
            pos = spans[0][0]
            for (ch, *_), (start, end, space) in zip(chars, spans):
                if space:
                    gap = max((start - pos) * k, MIN_ADVANCE_PT)
                    parts.append(f"{_num(100 * gap / fs)} Tz <{cids.hex(' ')}> Tj")
                    pos = max(start, pos + MIN_ADVANCE_PT / k)
                adv = max((end - pos) * k, MIN_ADVANCE_PT)
                parts.append(f"{_num(100 * adv / fs)} Tz <{cids.hex(ch)}> Tj")
                pos += adv / k
            parts.append("ET")
            ops.append("\n".join(parts))
    ops.append("Q")
    return "\n".join(ops)


def _num6(v: float) -> str:
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _block_font_size(line_boxes: list[Box]) -> float:
    """One font size (pixels) for every line of a block: the median line height, raised so that
    consecutive baselines are at most ``MAX_LINE_PITCH_EM`` font sizes apart.  Text extractors group
    lines into paragraphs only when their font sizes agree (poppler: within 5 %) and their baselines
    are close (poppler: 1.5 font sizes); per-line sizes would leave every line alone and let
    ``pdftotext`` interleave the lines of neighbouring columns."""
    if not line_boxes:
        return 1.0
    heights = sorted(b.height for b in line_boxes)
    fs = heights[len(heights) // 2]
    bottoms = sorted(b.y1 for b in line_boxes)
    pitches = sorted(b - a for a, b in zip(bottoms, bottoms[1:]) if b - a > fs * 0.5)
    if pitches:
        fs = max(fs, pitches[len(pitches) // 2] / MAX_LINE_PITCH_EM)
    return max(fs, 1.0)


def _vertical_line(line: Line, lb: Box, chars, cids: _Cids, fr: _Frame) -> str:
    """Top-to-bottom line: each character on its own box (glyphs when known, else the line split evenly)."""
    glyphs = [g for w in line.words for g in (w.glyphs or [])]
    text = "".join(c[0] for c in chars)
    if len(glyphs) != len(text):
        step = lb.height / max(1, len(text))
        boxes = [Box(lb.x0, lb.y0 + i * step, lb.x1, lb.y0 + (i + 1) * step) for i in range(len(text))]
    else:
        boxes = [fr.box(g.box) for g in glyphs]
    parts = ["BT", "3 Tr"]
    for ch, b in zip(text, boxes):
        fs = max(b.width * fr.k, 1.0)
        base = fr.v(b.y1) + (-DESCENT / EM) * fs
        parts += [f"/F1 {_num(fs)} Tf", f"1 0 0 1 {_num(fr.u(b.x0))} {_num(base)} Tm", f"<{cids.hex(ch)}> Tj"]
    parts.append("ET")
    return "\n".join(parts)


def _load_step(page: Page) -> dict:
    return next((s.settings for s in page.steps if s.name == "load"), {})


def _image_xobject(page: Page, image: Image_) -> tuple[bytes, bytes]:
    """(XObject dictionary entries, stream data) of the page image."""
    load = _load_step(page)
    jpeg = None
    try:
        if load.get("format") == "JPEG" and load.get("exif_orientation", 1) in (1, None) and page.source.is_file():
            jpeg = page.source.read_bytes()
        elif load.get("format") == "PDF" and load.get("image") == "embedded image" and load.get("filters") == "DCTDecode":
            from ..pdfinput import embedded_jpeg
            jpeg = embedded_jpeg(page.source, page.frame)
    except Exception:                      # the source moved or changed: the decoded page image will do
        jpeg = None
    if jpeg is not None:
        try:
            with Image.open(io.BytesIO(jpeg)) as im:
                mode, size = im.mode, im.size
            if mode in ("L", "RGB") and size == (page.width, page.height):
                space = "/DeviceGray" if mode == "L" else "/DeviceRGB"
                return (f"/Width {size[0]} /Height {size[1]} /ColorSpace {space} /BitsPerComponent 8 "
                        f"/Filter /DCTDecode".encode(), jpeg)
        except OSError:
            pass
    if callable(image):
        image = image()
    if image is None:
        raise ValueError("the page image is needed for the PDF")
    h, w = image.shape[:2]
    if image.ndim == 2 and np.isin(image, (0, 255)).all():
        bits = np.packbits(image > 127, axis=1)                      # 1 = white with /Decode default
        return (f"/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 "
                f"/Filter /FlateDecode".encode(), zlib.compress(bits.tobytes(), 6))
    buf = io.BytesIO()
    mode = "L" if image.ndim == 2 else "RGB"
    Image.fromarray(image, mode).save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    space = "/DeviceGray" if mode == "L" else "/DeviceRGB"
    return (f"/Width {w} /Height {h} /ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode".encode(),
            buf.getvalue())


def to_pdf(page: Page, image: Image_) -> bytes:
    """The searchable PDF of one page (see the module doc).  ``image``: the page's 8-bit gray array, or
    a function returning it (called only when the scan is not embedded as its own JPEG file)."""
    dpi = page.dpi or DEFAULT_DPI
    k = POINTS_PER_INCH / dpi
    pw, ph = page.width * k, page.height * k
    cids = _Cids()
    text = text_layer(page, cids, dpi)
    content = f"q {_num(pw)} 0 0 {_num(ph)} 0 0 cm /Im1 Do Q\n{text}\n".encode("ascii")
    img_dict, img_data = _image_xobject(page, image)
    font = glyphless_font()
    cmap = cids.to_unicode()
    c2g = zlib.compress(cids.cid_to_gid(), 9)
    title = _pdf_string(page.stem)

    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_num(pw)} {_num(ph)}] /Contents 4 0 R "
         f"/Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> >>").encode(),
        _stream(b"/Filter /FlateDecode", zlib.compress(content, 6)),
        _stream(b"/Type /XObject /Subtype /Image " + img_dict, img_data),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] /ToUnicode 10 0 R >>",
        (f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
         f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
         f"/FontDescriptor 8 0 R /DW {EM} /CIDToGIDMap 11 0 R >>").encode(),
        (f"<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 {DESCENT} {EM} {ASCENT}] "
         f"/ItalicAngle 0 /Ascent {ASCENT} /Descent {DESCENT} /CapHeight {ASCENT} /StemV 80 "
         f"/FontFile2 9 0 R >>").encode(),
        _stream(f"/Length1 {len(font)}".encode(), font),
        _stream(b"", cmap),
        _stream(b"/Filter /FlateDecode", c2g),
        (f"<< /Producer (digitize {__version__}) /Title {title} >>").encode(),
    ]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info {len(objs)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _stream(entries: bytes, data: bytes) -> bytes:
    head = b"<< " + (entries + b" " if entries else b"") + f"/Length {len(data)} >>".encode()
    return head + b"\nstream\n" + data + b"\nendstream"


def _pdf_string(text: str) -> str:
    """A PDF text string (UTF-16BE with BOM, hex) for the document info."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def write_pdf(page: Page, path: str | os.PathLike, image: Image_) -> Path:
    """Write the page's searchable PDF to ``path`` atomically; returns the path."""
    path = Path(path)
    write_bytes(path, to_pdf(page, image))
    return path


def join_pdfs(pages: list[Path], path: str | os.PathLike) -> Path:
    """The page PDFs, in this order, joined into one PDF at ``path`` (written atomically) with PDFium;
    text layers and images are carried over as they are."""
    import pypdfium2 as pdfium
    path = Path(path)
    doc = pdfium.PdfDocument.new()
    try:
        for p in pages:
            src = pdfium.PdfDocument(str(p))
            try:
                doc.import_pages(src)
            finally:
                src.close()
        buf = io.BytesIO()
        doc.save(buf)
    finally:
        doc.close()
    write_bytes(path, buf.getvalue())
    return path
