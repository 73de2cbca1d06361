"""Load scans into the model: decode, keep the DPI, refuse what cannot be used with a clear reason."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

import numpy as np
from PIL import Image, ImageOps

from .config import InputSettings
from .errors import InputError
from .model import Page, ProcessingStep, Scan

SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".jp2", ".j2k", ".jpf", ".jpx"}


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_pages(path: Path, settings: InputSettings) -> Iterator[tuple[Page, Scan]]:
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    if path.stat().st_size == 0:
        raise InputError(path, "empty file")
    Image.MAX_IMAGE_PIXELS = None  # we check the limit ourselves, with a clear message
    try:
        im = Image.open(path)
    except Exception as e:
        raise InputError(path, f"not a readable image ({type(e).__name__}: {e})") from None
    w, h = im.size
    if w * h > settings.max_pixels:
        raise InputError(path, f"image is {w}x{h} = {w*h/1e6:.0f} MP, over the limit of {settings.max_pixels/1e6:.0f} MP")
    checksum = sha256_of(path)
    n_frames = getattr(im, "n_frames", 1)
    for frame in range(n_frames):
        try:
            im.seek(frame)
            dpi = im.info.get("dpi")
            frame_im = ImageOps.exif_transpose(im)
            frame_im.load()
            gray = np.asarray(frame_im.convert("L"))
        except Exception as e:
            raise InputError(path, f"cannot decode image data ({type(e).__name__}: {e})") from None
        dpi_val = float(dpi[0]) if dpi and dpi[0] else settings.default_dpi
        page = Page(source=path, width=gray.shape[1], height=gray.shape[0], dpi=dpi_val,
                    page_number=frame + 1, frame=frame, checksum=checksum)
        page.steps.append(ProcessingStep("load", "Pillow", Image.__version__,
                                         {"dpi": dpi_val, "frames": n_frames}, category="preOperation"))
        yield page, Scan(original=gray, gray=gray)
