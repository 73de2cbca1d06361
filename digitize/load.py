"""Load scans into the model: decode, keep the DPI, refuse what cannot be used with a clear reason.

Accepted: PNG, JPEG (EXIF orientation applied), TIFF (any compression libtiff decodes, multi-page:
one page per frame), JPEG 2000, and PDF (one page per PDF page: see :mod:`digitize.pdfinput`).  Any mode (1-bit, palette, 8/16-bit gray, RGB(A), CMYK) is turned
into one 8-bit gray array; ``Scan.original`` is that same array (no colour copy is kept, so a
600-dpi broadsheet costs one byte per pixel until preprocessing adds the working image).
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np
from PIL import Image, ImageFile, UnidentifiedImageError

from . import pdfinput
from .checksum import sha256_of
from .config import InputSettings
from .errors import InputError
from .model import Page, ProcessingStep, Scan

SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".jp2", ".j2k", ".jpf", ".jpx", ".pdf"}
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "TIFF": "TIFF", "JPEG2000": "JPEG 2000"}
MIN_PLAUSIBLE_DPI = 100.0      # below this a file's resolution is a software default, not a scan's
EXIF_ORIENTATION = 0x0112


def _sniff(path: Path) -> str:
    """Why Pillow could not identify ``path``: a short human reason."""
    with open(path, "rb") as f:
        head = f.read(2048)
    magic = {b"II*\x00": "TIFF", b"MM\x00*": "TIFF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG",
             b"\x00\x00\x00\x0cjP  ": "JPEG 2000", b"\xffO\xffQ": "JPEG 2000"}
    for sig, name in magic.items():
        if head.startswith(sig):
            return f"truncated or corrupt {name} file (its header cannot be read)"
    if head.startswith((b"GIF8", b"BM", b"RIFF")):
        return "unsupported image format"
    try:
        head.decode("utf-8")
        return "not an image (it is a text file)"
    except UnicodeDecodeError:
        pass
    if not head.strip(b"\x00"):
        return "not an image (only zero bytes)"
    return "not an image (unrecognised file format)"


def _open(path: Path) -> Image.Image:
    """Open lazily (header only); every failure becomes an InputError."""
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    if path.stat().st_size == 0:
        raise InputError(path, "empty file")
    try:
        im = Image.open(path)
    except PermissionError:
        raise InputError(path, "cannot read the file (permission denied)") from None
    except UnidentifiedImageError:
        raise InputError(path, _sniff(path)) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as e:
        raise InputError(path, f"unreadable image header ({e})") from None
    if im.format not in FORMATS:
        fmt = im.format
        im.close()
        raise InputError(path, f"unsupported image format {fmt} (use PNG, JPEG, TIFF or JPEG 2000)")
    return im


def _check_size(path: Path, im: Image.Image, settings: InputSettings, frame: int) -> None:
    w, h = im.size
    where = f" (frame {frame + 1})" if frame else ""
    if w <= 0 or h <= 0:
        raise InputError(path, f"image has no pixels{where}")
    if w * h > settings.max_pixels:
        raise InputError(path, f"image is {w}x{h} = {w * h / 1e6:.0f} MP{where}, over the limit of "
                               f"{settings.max_pixels / 1e6:.0f} MP (input.max_pixels)")


def _dpi(im: Image.Image, settings: InputSettings) -> tuple[float, str]:
    """(dpi, where it came from).  TIFF cm units are converted by Pillow; implausible values are ignored."""
    dpi = im.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if settings.dpi > 0:
        # the user knows better: a scanner or converter that writes a wrong tag (the NZZ scans say 475 dpi
        # for about 300); nothing on the page tells a wrong tag from small type reliably (BENCHMARKS.md)
        return settings.dpi, f"input.dpi setting (the file says {value:g} dpi)" if value else "input.dpi setting"
    if value >= MIN_PLAUSIBLE_DPI:
        return round(value, 1), "file"
    if value > 0:
        return settings.default_dpi, f"file says {value:g} dpi (ignored)"
    return settings.default_dpi, "default"


def _to_gray(im: Image.Image) -> np.ndarray:
    """Decoded frame -> 8-bit gray array (16-bit scaled, CMYK via RGB, alpha over white)."""
    mode = im.mode
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        a = np.asarray(im)
        if a.dtype != np.uint16:
            if mode == "I" and a.max(initial=0) <= 255:
                return np.clip(a, 0, 255).astype(np.uint8)
            a = np.clip(a, 0, 65535).astype(np.uint16)
        return cv2.convertScaleAbs(a, alpha=1.0 / 257.0)     # rounds and saturates, no wide temporary
    if mode == "F":
        a = np.asarray(im, dtype=np.float32)
        hi = float(a.max(initial=0.0))
        scale = 255.0 if hi <= 1.0 else (255.0 / 65535.0 if hi > 255.0 else 1.0)
        return np.clip(a * scale + 0.5, 0, 255).astype(np.uint8)
    if mode in ("RGBA", "LA", "PA", "La", "RGBa") or (mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return np.asarray(Image.alpha_composite(white, rgba).convert("L"))
    if mode == "CMYK":
        return np.asarray(im.convert("RGB").convert("L"))
    if mode == "L":
        return np.asarray(im)
    return np.asarray(im.convert("L"))


def _exif_turn(im: Image.Image, gray: np.ndarray) -> tuple[np.ndarray, int]:
    """Apply the EXIF orientation tag (JPEG/TIFF) to the gray array; returns (array, tag)."""
    try:
        tag = int(im.getexif().get(EXIF_ORIENTATION, 1))
    except Exception:  # a broken EXIF block must not lose the page
        return gray, 1
    ops = {2: lambda a: a[:, ::-1], 3: lambda a: a[::-1, ::-1], 4: lambda a: a[::-1],
           5: lambda a: a.T, 6: lambda a: np.rot90(a, -1), 7: lambda a: a[::-1, ::-1].T,
           8: lambda a: np.rot90(a, 1)}
    if tag not in ops:
        return gray, 1
    return np.ascontiguousarray(ops[tag](gray)), tag


def _decode(path: Path, im: Image.Image) -> np.ndarray:
    """Force a full decode; truncated or corrupt data is an InputError, never a half-grey page."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        im.load()
        return _to_gray(im)
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as e:
        msg = str(e) or type(e).__name__
        if "truncated" in msg or isinstance(e, EOFError):
            reason = f"truncated image data ({msg})"
        elif isinstance(e, MemoryError):
            reason = "not enough memory to decode the image"
        elif "decoder" in msg and "not available" in msg:
            reason = f"unsupported compression ({msg})"
        else:
            reason = f"corrupt image data ({msg})"
        raise InputError(path, reason) from None


def _read_frame(path: Path, settings: InputSettings, frame: int,
                n_frames: int) -> tuple[np.ndarray, float, str, str, int]:
    """(gray, dpi, dpi source, mode, EXIF orientation) of one frame; the file is closed again."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # e.g. "Corrupt EXIF data": not the user's concern
        with _open(path) as im:
            if frame:
                try:
                    im.seek(frame)
                except (OSError, EOFError, ValueError) as e:
                    raise InputError(path, f"cannot read frame {frame + 1} of {n_frames} ({e})") from None
            _check_size(path, im, settings, frame)
            dpi, dpi_from = _dpi(im, settings)
            mode = im.mode
            if im.format == "JPEG" and mode in ("RGB", "YCbCr"):
                im.draft("L", im.size)        # libjpeg decodes luminance only: 1 byte per pixel
            gray = _decode(path, im)
            gray, exif = _exif_turn(im, gray)
    return gray, dpi, dpi_from, mode, exif


def load_pages(path: Path, settings: InputSettings) -> Iterator[tuple[Page, Scan]]:
    """Every page (frame) of one input file as (Page, Scan); raises InputError for unusable input.

    The pixel limit is checked from the header of each frame before anything is decoded.  The file
    is re-opened per frame and closed before the page is handed out, so Pillow's decoded copy of a
    big scan is freed while the page is processed.
    """
    path = Path(path)
    if path.is_file() and path.stat().st_size and pdfinput.is_pdf(path):
        yield from _load_pdf(path, settings)
        return
    Image.MAX_IMAGE_PIXELS = None  # we check settings.max_pixels ourselves, with a clear message
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with _open(path) as im:
            _check_size(path, im, settings, 0)
            n_frames = int(getattr(im, "n_frames", 1) or 1)
            fmt = FORMATS[im.format]
    try:
        checksum = sha256_of(path)
    except OSError as e:
        raise InputError(path, f"cannot read the file ({e.strerror or e})") from None
    for frame in range(n_frames):
        gray, dpi, dpi_from, mode, exif = _read_frame(path, settings, frame, n_frames)
        page = Page(source=path, width=int(gray.shape[1]), height=int(gray.shape[0]), dpi=dpi,
                    page_number=frame + 1, frame=frame, checksum=checksum)
        if dpi_from != "file":
            page.warnings.append(f"resolution: {dpi_from}, using {dpi:g} dpi")
        page.steps.append(ProcessingStep(
            "load", "Pillow", Image.__version__,
            {"format": fmt, "mode": mode, "dpi": dpi, "dpi_source": dpi_from, "frames": n_frames,
             "exif_orientation": exif},
            category="preOperation", description="decoded to 8-bit gray"))
        yield page, Scan(original=gray, gray=gray)


def _load_pdf(path: Path, settings: InputSettings) -> Iterator[tuple[Page, Scan]]:
    """Every page of a PDF as (Page, Scan): its one scan image as stored, or rendered (see pdfinput)."""
    n_pages = pdfinput.page_count(path)
    try:
        checksum = sha256_of(path)
    except OSError as e:
        raise InputError(path, f"cannot read the file ({e.strerror or e})") from None
    for index in range(n_pages):
        img = pdfinput.read_page(path, index, settings.max_pixels)
        gray = img.gray
        page = Page(source=path, width=int(gray.shape[1]), height=int(gray.shape[0]), dpi=img.dpi,
                    page_number=index + 1, frame=index, checksum=checksum)
        dpi_from = "pdf" if img.how == "embedded image" else "rendered"
        if img.how == "embedded image" and img.dpi < MIN_PLAUSIBLE_DPI:
            page.warnings.append(f"resolution: the scan image is placed at {img.dpi:g} dpi on the PDF page")
        page.steps.append(ProcessingStep(
            "load", "pypdfium2", _pdfium_version(),
            {"format": "PDF", "page": index + 1, "pages": n_pages, "image": img.how, "mode": img.mode,
             "filters": img.filters, "dpi": img.dpi, "dpi_source": dpi_from},
            category="preOperation",
            description="scan image taken from the PDF page as stored" if img.how == "embedded image"
            else f"PDF page rendered at {pdfinput.RENDER_DPI:g} dpi"))
        yield page, Scan(original=gray, gray=gray)


def _pdfium_version() -> str:
    try:
        import pypdfium2
        return str(pypdfium2.version.PYPDFIUM_INFO)
    except Exception:  # provenance only
        return ""


def load_frame(path: Path, frame: int, settings: InputSettings) -> np.ndarray:
    """The 8-bit gray image of one page (frame) of an input file, as the pipeline saw it (writers that
    need the picture, e.g. the searchable PDF, read it with this)."""
    path = Path(path)
    if pdfinput.is_pdf(path):
        return pdfinput.read_page(path, frame, settings.max_pixels).gray
    with _open(path) as im:
        n_frames = int(getattr(im, "n_frames", 1) or 1)
    return _read_frame(path, settings, frame, n_frames)[0]
