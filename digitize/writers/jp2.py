"""JPEG 2000 derivative of a page's scan (``run --jp2``), as NDNP batches carry beside the master.

Lossy (irreversible 9/7 wavelet) at ``COMPRESSION_RATIO``:1 with ``RESOLUTIONS`` resolution levels, so
an image server can zoom without decoding the whole page.  A writer: it reads the page image only.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
from PIL import Image

from ..atomic import write_bytes
from ..model import Page

COMPRESSION_RATIO = 8          # NDNP's JPEG 2000 profile: about 8:1, visually lossless for gray newsprint
RESOLUTIONS = 6                # wavelet levels: a 4700-px page has a ~150-px thumbnail level
MIN_SIDE_PER_LEVEL = 2         # openjpeg needs the smallest level at least this many pixels wide


def to_jp2(page: Page, image: np.ndarray) -> bytes:
    h, w = image.shape[:2]
    levels = RESOLUTIONS
    while levels > 1 and min(h, w) >> (levels - 1) < MIN_SIDE_PER_LEVEL:
        levels -= 1
    buf = io.BytesIO()
    dpi = page.dpi or 300.0
    Image.fromarray(image, "L" if image.ndim == 2 else "RGB").save(
        buf, "JPEG2000", irreversible=True, quality_mode="rates", quality_layers=[COMPRESSION_RATIO],
        num_resolutions=levels, no_jp2=False, dpi=(dpi, dpi))
    return buf.getvalue()


def write_jp2(page: Page, path: str | os.PathLike, image: np.ndarray) -> Path:
    path = Path(path)
    write_bytes(path, to_jp2(page, image))
    return path
