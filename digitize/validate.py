"""Validate ALTO (4.x, 2.x) and METS files offline: schema, geometry, references, reading order.

``validate_file(path)`` returns a list of problems (empty = valid).  The official XSDs ship in
``digitize/schemas``; their ``xlink.xsd`` import is rewritten to the local copy and the parser never
touches the network.  Beyond the schema it checks what a strict library ingest checks:

* geometry: no negative coordinate or size, every box inside its parent box and inside the page;
* references: every TAGREFS / STYLEREFS / PROCESSINGREFS / IDNEXT / ElementRef REF points to an
  existing ID of the right kind; ``CC`` has one digit 0-9 per character of ``CONTENT``;
* reading order: the ALTO 4 ``ReadingOrder`` lists each block once, in element order, and lists
  every TextBlock;
* METS: referenced local files exist and match their SIZE and CHECKSUM, and every ``mets:area
  BEGIN`` names an ID in its ALTO file.
"""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

from lxml import etree

from .altoxml import local_name as _local, read_xml, read_xml_bytes, safe_parser
from .errors import InputError

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
XLINK_NS = "http://www.w3.org/1999/xlink"
ALTO4_NS = "http://www.loc.gov/standards/alto/ns-v4#"
ALTO2_NS = "http://www.loc.gov/standards/alto/ns-v2#"
METS_NS = "http://www.loc.gov/METS/"
SCHEMAS = {ALTO4_NS: "alto-4-4.xsd", ALTO2_NS: "alto-2-1.xsd", METS_NS: "mets-1-12-1.xsd"}
MAX_SCHEMA_ERRORS = 20

BOX_TAGS = {"PrintSpace", "TopMargin", "LeftMargin", "RightMargin", "BottomMargin", "ComposedBlock",
            "TextBlock", "Illustration", "GraphicalElement", "TextLine", "String", "SP", "HYP", "Glyph"}
BLOCK_TAGS = {"TextBlock", "Illustration", "GraphicalElement", "ComposedBlock"}
REF_TARGETS = {
    "TAGREFS": {"LayoutTag", "StructureTag", "RoleTag", "NamedEntityTag", "OtherTag"},
    "STYLEREFS": {"TextStyle", "ParagraphStyle"},
    "PROCESSINGREFS": {"Processing", "OCRProcessing"},
    "PROCESSING": {"Processing", "OCRProcessing"},
    "IDNEXT": BLOCK_TAGS,
    "REF": BLOCK_TAGS | {"TextLine", "String", "Glyph"},
}


def _parser() -> etree.XMLParser:
    return safe_parser()


@functools.lru_cache(maxsize=None)
def load_schema(name: str) -> etree.XMLSchema:
    """One of the shipped XSDs, with its xlink import pointed at the local copy."""
    doc = etree.parse(str(SCHEMA_DIR / name), _parser())
    for imp in doc.getroot().iter(f"{{{XSD_NS}}}import"):
        if imp.get("namespace") == XLINK_NS:
            imp.set("schemaLocation", (SCHEMA_DIR / "xlink.xsd").as_uri())
    return etree.XMLSchema(doc)


def _where(el: etree._Element) -> str:
    ident = el.get("ID")
    return f"line {el.sourceline}: {_local(el)}" + (f" {ident}" if ident else "")


def validate_file(path: str | os.PathLike) -> list[str]:
    """Problems found in one ALTO or METS file; an empty list means valid."""
    p = Path(path)
    if not p.is_file():
        return ["file not found" if not p.exists() else "not a file"]
    try:
        tree = read_xml(p)
    except InputError as e:
        return [e.reason]
    return validate_tree(tree, p.parent)


def validate_bytes(data: bytes) -> list[str]:
    """Problems found in an in-memory ALTO or METS document."""
    try:
        tree = read_xml_bytes(data)
    except InputError as e:
        return [e.reason]
    return validate_tree(tree, None)


def validate_tree(tree: etree._ElementTree, base_dir: Optional[Path]) -> list[str]:
    root = tree.getroot()
    ns = etree.QName(root).namespace
    if ns not in SCHEMAS:
        return [f"root element {root.tag} is not ALTO 4, ALTO 2 or METS"]
    problems = schema_problems(tree, SCHEMAS[ns])
    problems += reference_problems(root)
    if ns == METS_NS:
        problems += mets_problems(root, base_dir)
    else:
        problems += geometry_problems(root)
        problems += confidence_problems(root)
        problems += reading_order_problems(root)
    return problems


def schema_problems(tree: etree._ElementTree, xsd: str) -> list[str]:
    schema = load_schema(xsd)
    if schema.validate(tree):
        return []
    errors = list(schema.error_log)
    out = [f"line {e.line}: schema ({xsd}): {e.message}" for e in errors[:MAX_SCHEMA_ERRORS]]
    if len(errors) > MAX_SCHEMA_ERRORS:
        out.append(f"schema ({xsd}): {len(errors) - MAX_SCHEMA_ERRORS} more errors")
    return out


def _box(el: etree._Element) -> Optional[tuple[float, float, float, float]]:
    try:
        return tuple(float(el.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))  # type: ignore
    except (TypeError, ValueError):
        return None


def geometry_problems(root: etree._Element) -> list[str]:
    """Negative coordinates or sizes; boxes outside their parent box or outside the page."""
    out: list[str] = []
    for page in (el for el in root.iter() if _local(el) == "Page"):
        try:
            pw, ph = float(page.get("WIDTH")), float(page.get("HEIGHT"))
        except (TypeError, ValueError):
            pw = ph = None
        for el in page.iter():
            if _local(el) == "Polygon":
                out += _polygon_problems(el, el.get("POINTS"), pw, ph)
            elif _local(el) == "TextLine" and el.get("BASELINE") and etree.QName(el).namespace == ALTO4_NS:
                out += _polygon_problems(el, el.get("BASELINE"), pw, ph, minimum=2, what="BASELINE")
            if _local(el) not in BOX_TAGS:
                continue
            box = _box(el)
            if box is None:
                continue
            x, y, w, h = box
            for name, v in zip(("HPOS", "VPOS", "WIDTH", "HEIGHT"), box):
                if v < 0:
                    out.append(f"{_where(el)}: negative {name} {v:g}")
            if pw is not None and (x + w > pw or y + h > ph):
                out.append(f"{_where(el)}: box {x:g},{y:g} {w:g}x{h:g} outside the page {pw:g}x{ph:g}")
            parent = el.getparent()
            while parent is not None and (_local(parent) not in BOX_TAGS or _box(parent) is None):
                if _local(parent) == "Page":
                    parent = None
                    break
                parent = parent.getparent()
            if parent is None:
                continue
            px, py, pw2, ph2 = _box(parent)
            if x < px or y < py or x + w > px + pw2 or y + h > py + ph2:
                out.append(f"{_where(el)}: box {x:g},{y:g} {w:g}x{h:g} not inside its parent "
                           f"{_local(parent)} {parent.get('ID') or ''} {px:g},{py:g} {pw2:g}x{ph2:g}".replace("  ", " "))
    return out


def _polygon_problems(el: etree._Element, points: Optional[str], pw: Optional[float], ph: Optional[float],
                      minimum: int = 3, what: str = "polygon") -> list[str]:
    """Points ("x,y x,y ..." or "x y x y ...") must be numbers, not negative, inside the page."""
    raw = (points or "").replace(",", " ").split()
    try:
        nums = [float(v) for v in raw]
    except ValueError:
        return [f"{_where(el)}: {what} points '{points}' are not numbers"]
    if len(nums) % 2 or len(nums) < 2 * minimum:
        return [f"{_where(el)}: {what} needs at least {minimum} x,y pairs"]
    pts = list(zip(nums[::2], nums[1::2]))
    if any(x < 0 or y < 0 for x, y in pts):
        return [f"{_where(el)}: negative {what} point"]
    if pw is not None and any(x > pw or y > ph for x, y in pts):
        return [f"{_where(el)}: {what} point outside the page {pw:g}x{ph:g}"]
    return []


def _ids(root: etree._Element) -> dict[str, etree._Element]:
    ids: dict[str, etree._Element] = {}
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("ID"):
            ids.setdefault(el.get("ID"), el)
    return ids


def reference_problems(root: etree._Element) -> list[str]:
    """ID references that point nowhere, or at the wrong kind of element; duplicate IDs."""
    out: list[str] = []
    seen: set[str] = set()
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("ID"):
            if el.get("ID") in seen:
                out.append(f"{_where(el)}: duplicate ID")
            seen.add(el.get("ID"))
    ids = _ids(root)
    is_mets = etree.QName(root).namespace == METS_NS
    attrs = ("FILEID", "ADMID", "DMDID") if is_mets else tuple(REF_TARGETS)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in attrs:
            value = el.get(attr)
            if value is None:
                continue
            for ref in value.split():
                target = ids.get(ref)
                if target is None:
                    out.append(f"{_where(el)}: {attr} '{ref}' points to no element")
                elif not is_mets and _local(target) not in REF_TARGETS[attr]:
                    out.append(f"{_where(el)}: {attr} '{ref}' points to a {_local(target)}")
    return out


def confidence_problems(root: etree._Element) -> list[str]:
    """CC must hold one digit 0-9 per character of CONTENT (space-separated or not)."""
    out = []
    for el in root.iter():
        if _local(el) != "String" or el.get("CC") is None:
            continue
        cc, content = el.get("CC"), el.get("CONTENT") or ""
        codes = cc.split() if any(c.isspace() for c in cc) else list(cc)
        if not all(c.isdigit() and len(c) == 1 for c in codes):
            out.append(f"{_where(el)}: CC '{cc}' is not a list of digits 0-9")
        elif len(codes) != len(content):
            out.append(f"{_where(el)}: CC has {len(codes)} values for {len(content)} characters")
    return out


def reading_order_problems(root: etree._Element) -> list[str]:
    """The ReadingOrder must list blocks once each, in element order, and every TextBlock."""
    ro = next((el for el in root.iter() if _local(el) == "ReadingOrder"), None)
    if ro is None:
        return []
    position = {el.get("ID"): i for i, el in enumerate(root.iter()) if isinstance(el.tag, str) and el.get("ID")}
    out: list[str] = []
    refs: list[tuple[etree._Element, str]] = [
        (el, r) for el in ro.iter() if _local(el) == "ElementRef" for r in (el.get("REF") or "").split()]
    listed: set[str] = set()
    last: Optional[tuple[int, str]] = None
    for el, ref in refs:
        if ref in listed:
            out.append(f"{_where(el)}: ReadingOrder lists {ref} twice")
            continue
        listed.add(ref)
        if ref not in position:
            continue   # reported by reference_problems
        if last is not None and position[ref] < last[0]:
            out.append(f"{_where(el)}: ReadingOrder puts {ref} after {last[1]}, the layout before it")
        last = (position[ref], ref)
    for el in root.iter():
        if _local(el) == "TextBlock" and el.get("ID") not in listed:
            out.append(f"{_where(el)}: TextBlock missing from the ReadingOrder")
    return out


def _href(el: etree._Element) -> Optional[str]:
    return el.get(f"{{{XLINK_NS}}}href")


def _local_path(href: str, base_dir: Path) -> Optional[Path]:
    u = urlparse(href)
    if u.scheme not in ("", "file"):
        return None
    p = Path(unquote(u.path))
    return p if p.is_absolute() else base_dir / p


CHECKSUM_TYPES = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512"}


def _file_integrity(f: etree._Element, href: str, path: Path) -> list[str]:
    """A METS file's SIZE and CHECKSUM against the file on disk."""
    out = []
    size = f.get("SIZE")
    if size is not None and size.isdigit() and int(size) != path.stat().st_size:
        out.append(f"{_where(f)}: file {href} is {path.stat().st_size} bytes, the METS says {size}")
    want, kind = f.get("CHECKSUM"), (f.get("CHECKSUMTYPE") or "").upper()
    if want and kind in CHECKSUM_TYPES:
        h = hashlib.new(CHECKSUM_TYPES[kind])
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        if h.hexdigest().lower() != want.strip().lower():
            out.append(f"{_where(f)}: file {href} does not match its {kind} checksum (changed since the METS was written)")
    return out


def mets_problems(root: etree._Element, base_dir: Optional[Path]) -> list[str]:
    """smLinks join existing IDs; local files named by FLocat URLs (relative to the METS file) exist
    and match their SIZE and CHECKSUM; every area BEGIN is an ID of its (ALTO) file."""
    out: list[str] = []
    ids = _ids(root)
    for sm in root.iter(f"{{{METS_NS}}}smLink"):
        for end in ("from", "to"):
            ref = sm.get(f"{{{XLINK_NS}}}{end}")
            if ref not in ids:
                out.append(f"{_where(sm)}: xlink:{end} '{ref}' points to no element")
    if base_dir is None:
        return out
    files: dict[str, Optional[Path]] = {}
    for f in root.iter(f"{{{METS_NS}}}file"):
        loc = next(f.iter(f"{{{METS_NS}}}FLocat"), None)
        href = _href(loc) if loc is not None and loc.get("LOCTYPE") == "URL" else None
        path = _local_path(href, base_dir) if href else None
        files[f.get("ID")] = path
        if path is not None and not path.is_file():
            out.append(f"{_where(f)}: file {href} does not exist")
        elif path is not None:
            out += _file_integrity(f, href, path)
    id_cache: dict[Path, set[str]] = {}
    for area in root.iter(f"{{{METS_NS}}}area"):
        path = files.get(area.get("FILEID"))
        begin = area.get("BEGIN")
        if path is None or begin is None or not path.is_file():
            continue
        if path not in id_cache:
            try:
                id_cache[path] = set(_ids(read_xml(path).getroot()))
            except InputError as e:
                id_cache[path] = set()
                out.append(f"{_where(area)}: {path.name}: {e.reason}")
        if id_cache[path] and begin not in id_cache[path]:
            out.append(f"{_where(area)}: BEGIN '{begin}' is no ID in {path.name}")
    return out
