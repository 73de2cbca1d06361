"""Dump the layout model of pages to JSON, to prove a change leaves the layout's output the same.

For each page: load -> preprocess -> layout with the project's settings (``--config``), then every block
(type, box, polygon, lines with their boxes and polygons, article, column, order, trace), separator and
article, and the layout step's settings, are written to ``OUT/STEM.layout.json``.  Run it on two
checkouts and compare the folders (``diff -r``): identical files mean an identical layout.

    python benchmarks/layout_dump.py IMAGES_OR_FOLDERS... --out DIR [--config FILE]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from digitize import layout, preprocess
from digitize.batch.inputs import find_inputs
from digitize.config import load_settings
from digitize.load import load_pages


def layout_record(page) -> dict:
    """The layout's output of ``page`` as plain JSON data (no timings, no paths)."""
    def plain(obj):
        return json.loads(json.dumps(dataclasses.asdict(obj), default=lambda o: list(o) if hasattr(o, "__iter__")
                                     else str(o)))
    step = next((s for s in page.steps if s.name == "layout"), None)
    return {"size": [page.width, page.height],
            "blocks": [plain(b) for b in page.blocks],
            "separators": [plain(s) for s in page.separators],
            "articles": [plain(a) for a in page.articles],
            "layout_settings": step.settings if step else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--config", default=None)
    a = ap.parse_args(argv)
    settings = load_settings(a.config)
    a.out.mkdir(parents=True, exist_ok=True)
    for f in find_inputs(a.inputs):
        for page, scan in load_pages(f.source, settings.input):
            page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
            (a.out / f"{page.stem}.layout.json").write_text(json.dumps(layout_record(page), indent=0,
                                                                       ensure_ascii=False), encoding="utf-8")
            print(page.stem, len(page.blocks), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
