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


def _real(path: Path) -> Path:
    """The real path (symlinks resolved); OSError for a symlink loop (Python raises RuntimeError)."""
    try:
        return path.resolve(strict=True)
    except RuntimeError as e:
        raise OSError(40, "symlink loop") from e   # ELOOP


def _reason(e: OSError) -> str:
    if e.errno == 40:
        return "symlink loop: not searched"
    return f"cannot read this folder ({e.strerror or e}): not searched"


def _walk(root: Path, skip: Path | None, problems: list[tuple[Path, str]],
          ignored: list[tuple[str, str]]) -> Iterable[Path]:
    """Image and PDF files under ``root``; everything else found there is added to ``ignored`` as
    (path, why it was not processed): nothing in an input folder is left out without a word."""
    seen = {_real(root)}                    # followed symlinks may loop: visit each real folder once

    def onerror(e: OSError) -> None:        # a folder that cannot be listed (permissions, I/O error)
        problems.append((Path(e.filename or root), _reason(e)))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                ignored.append((f"{(here / d).as_posix()}/", "hidden folder (not searched)"))
                continue
            try:
                real = _real(here / d)
            except OSError as e:
                problems.append((here / d, _reason(e)))
                continue
            if real == skip:
                continue                    # the output folder itself
            if real in seen:
                ignored.append((f"{(here / d).as_posix()}/", "folder already searched (a link to it)"))
                continue
            seen.add(real)
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            p = here / name
            if is_image(p):
                yield p
            elif not name.startswith(".") and p.is_symlink() and not p.exists():
                try:                        # a link that loops, or a dangling one that points nowhere
                    _real(p)
                except OSError as e:
                    if e.errno == 40:
                        problems.append((p, "symlink loop: not searched"))
                    else:
                        ignored.append((p.as_posix(), "link to nothing"))
            else:
                ignored.append((p.as_posix(), "hidden file" if name.startswith(".") else
                                "not a page image or PDF" if p.suffix else "no file type (suffix)"))


def find_inputs(inputs: Iterable[str | os.PathLike], out: Path | None = None,
                problems: list[tuple[Path, str]] | None = None,
                ignored: list[tuple[str, str]] | None = None) -> list[InputFile]:
    """Every image or PDF file named by ``inputs`` (files, or folders searched recursively).

    Raises :class:`InputError` for an input that does not exist or a file that is not an image
    type we read; the output folder ``out`` is never searched.  Duplicates are dropped.  A folder
    or file inside that cannot be read (symlink loop, permissions) is added to ``problems`` as
    (path, reason) and the search goes on.  Anything else in an input folder that is not processed
    (not an image or PDF, hidden, a second link to a file or folder) is added to ``ignored`` as
    (path, reason).
    """
    ignored = [] if ignored is None else ignored
    skip = Path(out).resolve() if out is not None else None
    problems = [] if problems is None else problems
    found: dict[Path, InputFile] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in _walk(p, skip, problems, ignored):
                try:
                    src = _real(f)
                except OSError as e:
                    if e.errno != 40:       # a dangling link: the run names it as a file it cannot read
                        src = f.absolute()
                    else:
                        problems.append((f, "symlink loop: not read"))
                        continue
                if src in found:
                    ignored.append((f.as_posix(), f"same file as {found[src].source}"))
                    continue
                found[src] = InputFile(src, f.relative_to(p))
        elif p.is_file():
            if p.suffix.lower() not in SUFFIXES:
                raise InputError(p, f"not an image or PDF type digitize reads ({', '.join(sorted(SUFFIXES))})")
            src = p.resolve()
            found.setdefault(src, InputFile(src, Path(p.name)))
        else:
            raise InputError(p, "no such file or folder")
    return list(found.values())
