"""Reading ALTO (and METS) back: the one hardened parser (:func:`read_xml`) and small element
readers, shared by the validator, the METS writer and the QA tools."""
from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from .errors import InputError


def local_name(el: etree._Element) -> str:
    """The element's tag without namespace ('' for comments and processing instructions)."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def line_text(line: etree._Element) -> str:
    """A TextLine's text as written: String contents, a space for each SP."""
    parts = []
    for el in line:
        name = local_name(el)
        if name == "String":
            parts.append(el.get("CONTENT") or "")
        elif name == "SP":
            parts.append(" ")
    return "".join(parts)


# ---------------------------------------------------------------- reading ALTO / METS back, hardened

# Largest ALTO or METS file read back (validate, qa, mets, eval).  A dense 300-dpi broadsheet page
# with one String per character and its Glyphs is 5-20 MB of ALTO; lxml needs ~15-20x the file size
# in memory, so 64 MB (~1 GB in memory) leaves room for any real page while a 400 MB file (which
# took 7 GB and 5 minutes) is refused at once.  DIGITIZE_MAX_XML_MB raises it when needed.
MAX_XML_MB = 64.0


def max_xml_bytes() -> int:
    try:
        return int(float(os.environ.get("DIGITIZE_MAX_XML_MB", MAX_XML_MB)) * 1024 * 1024)
    except ValueError:
        return int(MAX_XML_MB * 1024 * 1024)


def safe_parser() -> etree.XMLParser:
    """No DTD loaded, no entity resolved, no network, libxml2's own depth/size guards kept."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                           huge_tree=False, remove_pis=False)


def _refuse_doctype(tree: etree._ElementTree, where: str | os.PathLike) -> None:
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputError(where, "has a DOCTYPE declaration (DTDs and entities are not allowed in ALTO or METS)")


def read_xml(path: str | os.PathLike) -> etree._ElementTree:
    """Parse an ALTO or METS file we read back; every problem is a one-line :class:`InputError`
    (missing, unreadable, over the size limit, not well-formed, with a DOCTYPE)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise InputError(p, f"cannot read ({e.strerror or e})") from None
    if not p.is_file():
        raise InputError(p, "not a file")
    limit = max_xml_bytes()
    if size > limit:
        raise InputError(p, f"{size / 1048576:.0f} MB, over the {limit / 1048576:g} MB limit for reading "
                            f"ALTO/METS back (set DIGITIZE_MAX_XML_MB to raise it)")
    try:
        with open(p, "rb") as f:
            tree = etree.parse(f, safe_parser())
    except etree.XMLSyntaxError as e:
        raise InputError(p, f"not well-formed XML ({e})") from None
    except OSError as e:
        raise InputError(p, f"cannot read ({e.strerror or e})") from None
    _refuse_doctype(tree, p)
    return tree


def read_xml_bytes(data: bytes, where: str = "<document>") -> etree._ElementTree:
    """Like :func:`read_xml` for a document in memory."""
    limit = max_xml_bytes()
    if len(data) > limit:
        raise InputError(where, f"{len(data) / 1048576:.0f} MB, over the {limit / 1048576:g} MB limit")
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser()))
    except etree.XMLSyntaxError as e:
        raise InputError(where, f"not well-formed XML ({e})") from None
    _refuse_doctype(tree, where)
    return tree
