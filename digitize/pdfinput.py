"""PDF input: every page of a PDF is a page of the batch (``<stem>``, ``<stem>_p002``, ...).

A page that is one embedded scan image (a scanner's or a camera's PDF) gives that image as it is
stored: decoded at its own resolution, never resampled, its DPI taken from its size on the page.
Any other page (text, vector drawings, several images, an image placed turned or flipped) is
rendered at ``RENDER_DPI``.  Encrypted, broken and empty PDFs are an :class:`InputError` with a
one-line reason.  Read with PDFium (``pypdfium2``, BSD-3-Clause / Apache-2.0).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from .errors import InputError

RENDER_DPI = 300.0             # pages that are not one scan image: the resolution the pipeline is tuned for
MIN_IMAGE_COVER = 0.90         # a scan image fills the page; smaller than 90 % of its area it is a picture on it
AXIS_EPS = 1e-3                # image matrix terms below this (relative) count as zero: placed upright
POINTS_PER_INCH = 72.0
_lock = threading.Lock()       # PDFium is not thread-safe; pages are loaded one at a time per process


@dataclass
class PdfPageImage:
    gray: np.ndarray           # 8-bit gray, upright as the page is shown
    dpi: float
    how: str                   # "embedded image" or "rendered"
    mode: str                  # what the image was (e.g. "gray", "RGB", "1-bit") or "rendered"
    filters: str               # the embedded image's PDF filters ("DCTDecode", ...) or ""


def _pdfium():
    import pypdfium2 as pdfium
    return pdfium


def _open(path: Path):
    pdfium = _pdfium()
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise InputError(path, "encrypted PDF (it needs a password to open)") from None
        if _no_page_objects(path):
            raise InputError(path, "empty PDF (it has no pages)") from None
        m = re.search(r"PDFium: ([^)]*)", msg)
        raise InputError(path, f"broken PDF ({(m.group(1) if m else msg).rstrip('.').lower()})") from None
    except (OSError, ValueError) as e:
        raise InputError(path, f"cannot read the PDF ({e})") from None


PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
EMPTY_PAGE_TREE = re.compile(rb"/Count\s+0(?![0-9])")
SNIFF_BYTES = 1 << 20          # an empty PDF is tiny: only its first MiB is looked at


def _no_page_objects(path: Path) -> bool:
    """PDFium refuses a PDF whose page tree is empty as a format error: tell the two apart."""
    try:
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError:
        return False
    return bool(EMPTY_PAGE_TREE.search(head)) and not PAGE_OBJECT.search(head) and b"/ObjStm" not in head


def is_pdf(path: Path) -> bool:
    """By the file's first bytes (a PDF may be named anything) or, when unreadable, by its suffix."""
    try:
        with open(path, "rb") as f:
            return f.read(1024).lstrip(b"\x00\t\r\n ").startswith(b"%PDF")
    except OSError:
        return path.suffix.lower() == ".pdf"


def page_count(path: Path) -> int:
    """Pages in the PDF; InputError when it cannot be opened or has none."""
    with _lock:
        doc = _open(path)
        try:
            n = len(doc)
        finally:
            doc.close()
    if n == 0:
        raise InputError(path, "empty PDF (it has no pages)")
    return n


def _to_gray(arr: np.ndarray, n_channels: int) -> tuple[np.ndarray, str]:
    """PDFium bitmap (gray, BGR or BGRx/BGRA) -> 8-bit gray (Pillow's ITU-R 601 luma, as for image files)."""
    if arr.ndim == 2 or n_channels == 1:
        return np.ascontiguousarray(arr.reshape(arr.shape[0], arr.shape[1])), "gray"
    bgr = arr[:, :, :3]
    if np.array_equal(bgr[:, :, 0], bgr[:, :, 1]) and np.array_equal(bgr[:, :, 1], bgr[:, :, 2]):
        return np.ascontiguousarray(bgr[:, :, 0]), "gray"
    rgb = np.ascontiguousarray(bgr[:, :, ::-1])
    return np.asarray(Image.fromarray(rgb, "RGB").convert("L")), "RGB"


def _scan_image(page):
    """The page's one scan image object, or None when the page must be rendered."""
    import pypdfium2.raw as raw
    images, other = [], 0
    for obj in page.get_objects(max_depth=4):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            images.append(obj)
        elif obj.type == raw.FPDF_PAGEOBJ_TEXT and raw.FPDFTextObj_GetTextRenderMode(obj.raw) == \
                raw.FPDF_TEXTRENDERMODE_INVISIBLE:
            continue                     # an earlier OCR's hidden text layer: not part of the picture
        elif obj.type == raw.FPDF_PAGEOBJ_FORM:
            continue                     # its contents are listed too (max_depth)
        else:
            other += 1
    if len(images) != 1 or other:
        return None
    img = images[0]
    a, b, c, d, _, _ = img.get_matrix().get()
    scale = max(abs(a), abs(d), 1e-9)
    if abs(b) > AXIS_EPS * scale or abs(c) > AXIS_EPS * scale or a <= 0 or d <= 0:
        return None                      # turned or flipped on the page: let PDFium draw it
    x0, y0, x1, y1 = img.get_bounds()
    cx0, cy0, cx1, cy1 = page.get_cropbox()
    page_area = max((cx1 - cx0) * (cy1 - cy0), 1e-9)
    inter = max(0.0, min(x1, cx1) - max(x0, cx0)) * max(0.0, min(y1, cy1) - max(y0, cy0))
    if inter / page_area < MIN_IMAGE_COVER:
        return None
    return img


def read_page(path: Path, index: int, max_pixels: int) -> PdfPageImage:
    """Page ``index`` (0-based) of the PDF as an 8-bit gray image (see the module doc)."""
    pdfium = _pdfium()
    with _lock:
        doc = _open(path)
        try:
            if index >= len(doc):
                raise InputError(path, f"page {index + 1} does not exist (the PDF has {len(doc)})")
            page = doc[index]
            try:
                img = _scan_image(page)
                if img is not None:
                    w, h = img.get_px_size()
                    if w * h > max_pixels:
                        raise InputError(path, f"page {index + 1}: image is {w}x{h} = {w * h / 1e6:.0f} MP, over "
                                               f"the limit of {max_pixels / 1e6:.0f} MP (input.max_pixels)")
                    x0, _, x1, _ = img.get_bounds()
                    dpi = w / max((x1 - x0) / POINTS_PER_INCH, 1e-9)
                    filters = " ".join(img.get_filters())
                    try:
                        bitmap = img.get_bitmap(render=False)
                    except pdfium.PdfiumError as e:
                        raise InputError(path, f"page {index + 1}: the scan image cannot be decoded ({e})") from None
                    gray, mode = _to_gray(bitmap.to_numpy(), bitmap.n_channels)
                    turns = (page.get_rotation() // 90) % 4          # /Rotate is clockwise
                    if turns:
                        gray = np.ascontiguousarray(np.rot90(gray, -turns))
                    return PdfPageImage(gray, round(dpi, 1), "embedded image", mode, filters)
                pw, ph = page.get_size()
                scale = RENDER_DPI / POINTS_PER_INCH
                w, h = round(pw * scale), round(ph * scale)
                if w * h > max_pixels:
                    raise InputError(path, f"page {index + 1}: {w}x{h} px at {RENDER_DPI:g} dpi is over the "
                                           f"limit of {max_pixels / 1e6:.0f} MP (input.max_pixels)")
                if w <= 0 or h <= 0:
                    raise InputError(path, f"page {index + 1} has no area")
                try:
                    bitmap = page.render(scale=scale, grayscale=True)
                except pdfium.PdfiumError as e:
                    raise InputError(path, f"page {index + 1} cannot be rendered ({e})") from None
                gray, _ = _to_gray(bitmap.to_numpy(), bitmap.n_channels)
                return PdfPageImage(gray, RENDER_DPI, "rendered", "rendered", "")
            finally:
                page.close()
        finally:
            doc.close()


def embedded_jpeg(path: Path, index: int) -> bytes | None:
    """The JPEG file a scan page of the PDF stores (``DCTDecode`` only, page not turned), byte for
    byte, so a searchable PDF made from it carries the scan without a second lossy encoding; None
    for any other page."""
    with _lock:
        doc = _open(path)
        try:
            page = doc[index]
            try:
                img = _scan_image(page)
                if img is None or img.get_filters() != ["DCTDecode"] or page.get_rotation() % 360:
                    return None
                return bytes(img.get_data(decode_simple=False))
            finally:
                page.close()
        finally:
            doc.close()
