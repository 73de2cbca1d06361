"""Small readers of ALTO XML elements shared by the validator, METS writer and QA tools."""
from __future__ import annotations

from lxml import etree


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
