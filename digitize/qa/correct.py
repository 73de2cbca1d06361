"""A reviewer's correction of one text line: rewrite the line in ALTO (``CS="true"``), update the
text file, and log the change in table ``corrections`` of the manifest."""
from __future__ import annotations

import getpass
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from lxml import etree

from ..atomic import write_bytes, write_text
from ..errors import InputError
from ..altoxml import line_text, local_name as _local, read_xml
from ..validate import validate_bytes
from .pages import PageRow, connect, manifest_path

_TOKENS = re.compile(r"\s+|[A-Za-z0-9]+(?:[.,:/\-][A-Za-z0-9]+)*|\S")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    page_id INTEGER NOT NULL,
    line_id TEXT NOT NULL,
    old TEXT NOT NULL,
    new TEXT NOT NULL,
    reviewer TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL
);
"""


@dataclass
class Correction:
    page_id: int
    line_id: str
    old: str
    new: str
    text_updated: bool          # False when the old line could not be found once in the text file
    mets_updated: list = field(default_factory=list)   # METS files whose checksums were refreshed


def _num(value: float, integer: bool) -> str:
    return str(round(value)) if integer else f"{value:.2f}".rstrip("0").rstrip(".")


def tokens(text: str) -> list[str]:
    """Strings of the corrected line: one per Han character or punctuation mark, one per Latin or
    number run; whitespace runs become a single " " (an ALTO SP)."""
    return [" " if t.isspace() else t for t in _TOKENS.findall(text.strip())]


def rewrite_line(line: etree._Element, text: str, taken: set[str]) -> None:
    """Replace the line's Strings/SP/HYP with the new text, spread over the line's box."""
    ns = etree.QName(line).namespace
    x, y = float(line.get("HPOS")), float(line.get("VPOS"))
    w, h = float(line.get("WIDTH")), float(line.get("HEIGHT"))
    integer = all(float(v).is_integer() for v in (x, y, w, h))
    toks = tokens(text)
    if not toks:
        raise ValueError("the corrected text is empty")
    vertical = h > 2 * w and len(toks) > 1
    style = next((el.get("STYLEREFS") for el in line if _local(el) == "String" and el.get("STYLEREFS")), None)
    for el in list(line):
        if _local(el) in ("String", "SP", "HYP"):
            line.remove(el)
    total = sum(1 if t == " " else len(t) for t in toks)
    length = h if vertical else w
    pos, n = 0.0, 0
    for t in toks:
        size = length * (1 if t == " " else len(t)) / total
        if vertical:
            box = (x, y + pos, w, size)
        else:
            box = (x + pos, y, size, h)
        pos += size
        el = etree.SubElement(line, f"{{{ns}}}{'SP' if t == ' ' else 'String'}")
        n += 1
        sid = f"{line.get('ID')}_C{n}"
        while sid in taken:
            sid += "x"
        taken.add(sid)
        el.set("ID", sid)
        if t != " ":
            el.set("CONTENT", t)
        el.set("HPOS", _num(box[0], integer))
        el.set("VPOS", _num(box[1], integer))
        el.set("WIDTH", _num(max(box[2], 1), integer))
        if t != " ":
            el.set("HEIGHT", _num(max(box[3], 1), integer))
            if style:
                el.set("STYLEREFS", style)
            el.set("WC", "1")
            el.set("CS", "true")
    line.set("CS", "true")


def inside_output(out, path) -> None:
    """Refuse to write ``path`` unless it lies inside the output folder ``out`` (symlinks resolved):
    the manifest's paths are data, and an edited manifest must not make QA write elsewhere."""
    root = Path(out).resolve()
    if not Path(path).resolve().is_relative_to(root):
        raise InputError(path, f"is outside the output folder {root}; refusing to write there "
                               "(the manifest points outside the batch)")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def correct_line(out, page: PageRow, line_id: str, text: str, reviewer: Optional[str] = None) -> Correction:
    """Rewrite line ``line_id`` of the page's ALTO with ``text`` (validated before it replaces the
    file), replace the old line in the text file when it occurs there exactly once, log it."""
    if page.status != "done" or page.alto is None or not page.alto.is_file():
        raise InputError(page.alto or page.source, f"page {page.id} ({page.name}) has no ALTO file to correct")
    inside_output(out, page.alto)
    if page.txt is not None:
        inside_output(out, page.txt)
    tree = read_xml(page.alto)
    root = tree.getroot()
    line = next((el for el in root.iter() if _local(el) == "TextLine" and el.get("ID") == line_id), None)
    if line is None:
        raise InputError(page.alto, f"no TextLine with ID '{line_id}'")
    before = set(validate_bytes(etree.tostring(root)))
    old = line_text(line)
    taken = {el.get("ID") for el in root.iter() if isinstance(el.tag, str) and el.get("ID")}
    try:
        rewrite_line(line, text, taken)
    except ValueError as e:
        raise InputError(page.alto, f"line {line_id}: {e}") from None
    etree.indent(tree, space="  ")
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    new_problems = [p for p in validate_bytes(data) if p not in before]
    if new_problems:
        raise InputError(page.alto, f"corrected ALTO would not validate: {new_problems[0]}")
    write_bytes(page.alto, data)
    updated = False
    if page.txt is not None and page.txt.is_file():
        content = page.txt.read_text(encoding="utf-8")
        # the text file is NFKC by default (output.text_nfkc), the ALTO keeps the printed forms
        for was, now in ((old, text.strip()), (_nfkc(old), _nfkc(text.strip()))):
            if was and content.count(was) == 1:
                write_text(page.txt, content.replace(was, now))
                updated = True
                break
    _log(out, page.id, line_id, old, text.strip(), reviewer)
    from ..writers.mets import refresh_checksums           # the METS keeps matching its files
    mets = refresh_checksums([page.alto] + ([page.txt] if updated else []), Path(out))
    return Correction(page.id, line_id, old, text.strip(), updated, mets)


def _log(out, page_id: int, line_id: str, old: str, new: str, reviewer: Optional[str]) -> None:
    if reviewer is None:
        try:
            reviewer = getpass.getuser()
        except (KeyError, OSError):
            reviewer = ""
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    con = connect(out)
    try:
        with con:
            con.executescript(_SCHEMA)
            con.execute("INSERT INTO corrections (page_id, line_id, old, new, reviewer, time) VALUES (?,?,?,?,?,?)",
                        (page_id, line_id, old, new, reviewer, stamp))
    except sqlite3.DatabaseError as e:
        raise InputError(manifest_path(out), f"cannot log the correction ({e})") from None
    finally:
        con.close()
