"""One page through every stage: load -> preprocess -> layout -> recognition -> retype -> quality -> (writers).

This is the Python API the CLI and the batch runner use.  It runs in a worker process.
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from . import layout, preprocess, quality, recognize, retype
from .config import Settings
from .layout import stability
from .engines import get_engine
from .load import load_pages
from .model import Page, Scan


def _timed(page: Page, name: str, fn, *args):
    """Run one stage, adding its wall seconds to ``page.timings[name]`` and the CPU seconds of this
    process to ``page.timings[name + "_cpu"]`` (CPU time does not depend on what else the machine does)."""
    t, c = time.perf_counter(), time.process_time()
    result = fn(*args)
    result.timings[name] = result.timings.get(name, 0.0) + time.perf_counter() - t
    result.timings[name + "_cpu"] = result.timings.get(name + "_cpu", 0.0) + time.process_time() - c
    return result


def process_scan(page: Page, scan: Scan, settings: Settings) -> Page:
    """Run the analysis stages on a loaded page; returns the finished model."""
    page = _timed(page, "preprocess", preprocess.run, page, scan, settings.preprocess)
    lay = settings.layout if settings.recognition.vertical_script() else replace(settings.layout, detect_vertical=False)
    page = _timed(page, "layout", layout.analyse, page, scan, lay)
    if lay.stability:
        page = _timed(page, "stability", stability.measure, page, scan, lay, layout.analyse)
    engine = get_engine(settings.recognition)
    page = _timed(page, "recognition", recognize.run, page, scan, engine, settings.recognition)
    page = retype.run(page)
    page = quality.run(page, scan)
    return page


def process_file(path: str | Path, settings: Settings) -> Iterator[Page]:
    """Every page of one input file (a multi-page TIFF gives several), fully processed."""
    frames = load_pages(Path(path), settings.input)
    while True:
        t, c = time.perf_counter(), time.process_time()
        try:
            page, scan = next(frames)
        except StopIteration:
            return
        page.timings["load"] = page.timings.get("load", 0.0) + time.perf_counter() - t
        page.timings["load_cpu"] = page.timings.get("load_cpu", 0.0) + time.process_time() - c
        yield process_scan(page, scan, settings)
