"""Client side of a finished page: write its ALTO and text, and measure what the manifest records."""
from __future__ import annotations

import inspect
import json
import time
from pathlib import Path
from typing import Any, Optional

from ..config import Settings
from ..model import Page


def output_paths(out: Path, rel: Path, stem: str) -> tuple[Path, Path]:
    """``OUT/<rel folder>/<stem>.xml`` and ``.txt``."""
    folder = out / rel.parent
    return folder / f"{stem}.xml", folder / f"{stem}.txt"


def _write_alto(page: Page, path: Path, settings: Settings, rel: Path) -> None:
    from ..writers.alto import write_alto
    if "source_name" in inspect.signature(write_alto).parameters:
        write_alto(page, path, settings.output, source_name=rel.as_posix())
    else:
        write_alto(page, path, settings.output)


def write_outputs(page: Page, out: Path, rel: Path, settings: Settings) -> tuple[Path, Optional[Path]]:
    """Write the page's ALTO (and text unless turned off), atomically; returns their paths."""
    alto, txt = output_paths(out, rel, page.stem)
    t = time.perf_counter()
    _write_alto(page, alto, settings, rel)
    if settings.output.write_text:
        from ..writers.text import write_text
        write_text(page, txt, settings.output.text_nfkc, settings.output.text_script)
    else:
        txt = None
    if settings.output.trace:
        from ..writers.trace import write_trace
        write_trace(page, alto.with_name(page.stem + ".trace.txt"))
    if settings.output.pdf or settings.output.jp2:
        _write_derivatives(page, alto, settings)
    page.timings["write"] = page.timings.get("write", 0.0) + time.perf_counter() - t
    return alto, txt


def _write_derivatives(page: Page, alto: Path, settings: Settings) -> None:
    """``<stem>.pdf`` (searchable) and ``<stem>.jp2`` beside the ALTO; the page image is read again
    from the input (the worker's copy is not sent back), only when a writer needs it."""
    from ..load import load_frame
    image = None

    def picture():
        nonlocal image
        if image is None:
            image = load_frame(page.source, page.frame, settings.input)
        return image

    if settings.output.pdf:
        from ..writers.pdf import write_pdf
        write_pdf(page, alto.with_suffix(".pdf"), picture)
    if settings.output.jp2:
        from ..writers.jp2 import write_jp2
        write_jp2(page, alto.with_suffix(".jp2"), picture())


def page_stats(page: Page, low_confidence: float) -> dict[str, Any]:
    """Manifest columns measured on a finished page."""
    chars, low = 0, 0
    for w in page.words():
        if w.glyphs:
            confs = [g.confidence for g in w.glyphs]
            chars += sum(len(g.text.strip()) > 0 for g in w.glyphs)
        else:
            n = len("".join(w.text.split()))
            confs = [w.confidence] * n
            chars += n
        low += sum(c < low_confidence for c in confs)
    conf = page.confidence
    return {
        "width": page.width, "height": page.height, "chars": chars,
        "mean_conf": round(conf, 4) if conf is not None else None,
        "low_conf_chars": low, "deskew_angle": round(page.deskew_angle, 3),
        "blocks": len(page.blocks), "articles": len(page.articles),
        "warnings": json.dumps(page.warnings, ensure_ascii=False),
        "timings": json.dumps({k: round(v, 3) for k, v in page.timings.items()}),
    }
