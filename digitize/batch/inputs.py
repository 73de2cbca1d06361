"""Find the input files of a run: files and folders (searched recursively), in a stable order.

Each input file keeps its path relative to the folder it was found in (``rel``); outputs mirror
that path under the output folder, so title/year/issue folder trees are kept.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..load import SUFFIXES


@dataclass(frozen=True)
class InputFile:
    source: Path      # absolute path of the file
    rel: Path         # path relative to the input folder (the bare name for a file given directly)

    def output_base(self, out: Path, stem: str) -> Path:
        """``OUT/<rel folder>/<stem>`` (add ``.xml`` / ``.txt``)."""
        return out / self.rel.parent / stem


def is_image(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(".")


def _walk(root: Path, skip: Path | None) -> Iterable[Path]:
    seen = {root.resolve()}                 # followed symlinks may loop: visit each real folder once
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            real = (here / d).resolve()
            if d.startswith(".") or real == skip or real in seen:
                continue
            seen.add(real)
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            p = here / name
            if is_image(p):
                yield p


def find_inputs(inputs: Iterable[str | os.PathLike], out: Path | None = None) -> list[InputFile]:
    """Every image file named by ``inputs`` (files, or folders searched recursively).

    Raises :class:`InputError` for an input that does not exist or a file that is not an image
    type we read; the output folder ``out`` is never searched.  Duplicates are dropped.
    """
    skip = Path(out).resolve() if out is not None else None
    found: dict[Path, InputFile] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in _walk(p, skip):
                src = f.resolve()
                found.setdefault(src, InputFile(src, f.relative_to(p)))
        elif p.is_file():
            if p.suffix.lower() not in SUFFIXES:
                raise InputError(p, f"not an image type digitize reads ({', '.join(sorted(SUFFIXES))})")
            src = p.resolve()
            found.setdefault(src, InputFile(src, Path(p.name)))
        else:
            raise InputError(p, "no such file or folder")
    return list(found.values())
