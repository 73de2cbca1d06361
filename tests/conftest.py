"""Shared pytest fixtures: rendered synthetic pages (no files outside the repository are needed).

* ``rendered_page(spec=None, **fields)`` -> :class:`tests.fixtures.render.Rendered`, cached per spec for the
  session (treat the result as read-only: ``image`` is not writeable).
* ``sample_dir``: a session tmp folder with two small rendered scans, ``page-a.png`` (clean, 2 columns,
  masthead) and ``page-b.jpg`` (3 columns, picture, 1 deg skew, noise); ground truth in
  ``sample_dir / "ground-truth"`` (STEM.gt.txt, STEM.gt.json) so the folder itself holds only images.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable, Optional

import pytest

from tests.fixtures.render import PageSpec, Rendered, render_page

SAMPLE_SPECS = {
    "page-a.png": PageSpec(width=1400, height=1100, columns=2, seed=1, headline_span=1, masthead=True, body_px=32),
    "page-b.jpg": PageSpec(width=1500, height=1200, columns=3, seed=2, headline_span=2, picture=True,
                           skew_deg=1.0, noise=4.0, blur=0.5, paper=242, ink=25, jpeg_quality=85, body_px=32),
}

_cache: dict[PageSpec, Rendered] = {}


def get_rendered(spec: Optional[PageSpec] = None, **fields) -> Rendered:
    """Render (or fetch from the session cache) the page for ``spec`` with ``fields`` replaced."""
    spec = dataclasses.replace(spec or PageSpec(), **fields)
    if spec not in _cache:
        r = render_page(spec)
        r.image.flags.writeable = False
        _cache[spec] = r
    return _cache[spec]


@pytest.fixture(scope="session")
def rendered_page() -> Callable[..., Rendered]:
    """Factory: ``rendered_page(PageSpec(columns=4))`` or ``rendered_page(columns=4, skew_deg=1.5)``."""
    return get_rendered


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """A folder with two small rendered scans (PNG and JPEG, 300 dpi); ground truth in ``ground-truth/``."""
    d = tmp_path_factory.mktemp("samples")
    for name, spec in SAMPLE_SPECS.items():
        get_rendered(spec).save(d / name, gt=True, gt_dir=d / "ground-truth")
    return d
