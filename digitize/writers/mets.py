"""METS writer: one newspaper issue (a folder of ALTO files) -> ``FOLDER/mets.xml`` (METS 1.12.1).

Reads only what is in the output folder: every ALTO file under it (recursively, pages ordered by
``PHYSICAL_IMG_NR`` then path), the ``STEM.txt`` beside each, and the batch manifest
``manifest.sqlite`` when present (table ``pages``: ``source`` = absolute input path, ``alto`` and
``txt`` relative to the folder) for the image paths.  Without a manifest the image is the ALTO's
``sourceImageInformation/fileName``.

Written: a ``dmdSec`` with MODS (title, date issued, issue number) when given; a fileGrp each for
the page images (``MASTER``), ALTO (``FULLTEXT``) and plain text (``TEXT``), with SHA-256 checksums;
a physical structMap (issue -> pages -> files); a logical structMap (issue -> articles and other
top-level blocks, each pointing into its ALTO blocks with ``mets:area BEGIN=block ID``); a
structLink from each logical division to its page(s).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from lxml import etree

from .. import __version__
from ..atomic import write_bytes
from ..batch import manifest
from ..altoxml import line_text, local_name as _local, read_xml
from ..checksum import sha256_of
from ..errors import InputError
from .alto import timestamp

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
MODS = "http://www.loc.gov/mods/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ALTO_NAMESPACES = {"http://www.loc.gov/standards/alto/ns-v4#", "http://www.loc.gov/standards/alto/ns-v3#",
                   "http://www.loc.gov/standards/alto/ns-v2#"}
METS_NAME = "mets.xml"
MANIFEST_NAME = manifest.MANIFEST_NAME
IMAGE_TYPES = {".tif": "image/tiff", ".tiff": "image/tiff", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".png": "image/png", ".jp2": "image/jp2", ".j2k": "image/jp2", ".bmp": "image/bmp"}
TITLE_CHARS = 80


@dataclass
class AltoBlock:
    id: str
    label: str                     # LayoutTag label (headline, body, picture...) or ""
    text: str


@dataclass
class AltoDivision:
    """An article (ComposedBlock TYPE=article) or a top-level block, as the logical map sees it."""
    id: str
    type: str                      # "article" or the block's label
    blocks: list[AltoBlock]

    @property
    def label(self) -> str:
        heads = [b.text for b in self.blocks if b.label == "headline" and b.text]
        texts = heads or [b.text for b in self.blocks if b.text]
        text = texts[0] if texts else ""
        return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1] + "…"


@dataclass
class AltoPage:
    path: Path                     # the ALTO file
    rel: str                       # its path relative to the issue folder (posix)
    number: float                  # PHYSICAL_IMG_NR
    image_name: str                # sourceImageInformation/fileName
    image_sha256: str
    divisions: list[AltoDivision] = field(default_factory=list)
    image: Optional[str] = None    # image URL (from the batch manifest)
    text: Optional[Path] = None    # plain-text file


def _block_text(block: etree._Element) -> str:
    return "".join(line_text(tl) for tl in block.iter() if _local(tl) == "TextLine").strip()


def read_alto(path: Path, folder: Path) -> Optional[AltoPage]:
    """What the METS needs from one ALTO file; None when the file is XML but not ALTO.  A file that
    cannot be read back (not well-formed, too large, with a DOCTYPE) is an InputError: a page is never
    left out of the METS silently."""
    root = read_xml(path).getroot()
    ns = etree.QName(root).namespace
    if _local(root) != "alto" or ns not in ALTO_NAMESPACES:
        return None
    q = lambda tag: f"{{{ns}}}{tag}"   # noqa: E731
    page = root.find(f"{q('Layout')}/{q('Page')}")
    if page is None:
        return None
    try:
        number = float(page.get("PHYSICAL_IMG_NR") or 0)
    except ValueError:
        number = 0.0
    labels = {t.get("ID"): t.get("LABEL") or "" for t in root.iter(q("LayoutTag"), q("StructureTag"))}
    ident = root.find(f".//{q('sourceImageInformation')}/{q('fileIdentifier')}")
    sha = (ident.text or "").strip() if ident is not None and (ident.get("fileIdentifierLocation") or "").lower() \
        in ("sha256", "sha-256") else ""
    out = AltoPage(path, path.relative_to(folder).as_posix(), number,
                   (root.findtext(f".//{q('sourceImageInformation')}/{q('fileName')}") or "").strip(), sha)

    def block(el: etree._Element) -> AltoBlock:
        label = next((labels[t] for t in (el.get("TAGREFS") or "").split() if labels.get(t)), "")
        if not label:
            label = "picture" if _local(el) == "Illustration" else "text"
        return AltoBlock(el.get("ID"), label, _block_text(el))

    for ps in page.iter(q("PrintSpace")):
        for el in ps:
            name = _local(el)
            if name == "ComposedBlock":
                members = [block(c) for c in el.iter(q("TextBlock"), q("Illustration")) if c.get("ID")]
                if members:
                    kind = el.get("TYPE") or "section"
                    out.divisions.append(AltoDivision(el.get("ID"), kind, members))
            elif name in ("TextBlock", "Illustration") and el.get("ID"):
                b = block(el)
                out.divisions.append(AltoDivision(b.id, b.label, [b]))
    return out


def _manifest_rows(folder: Path) -> dict[str, tuple[str, Optional[str]]]:
    """alto path (relative, posix) -> (absolute source path, txt path) from OUT/manifest.sqlite."""
    if not (folder / MANIFEST_NAME).is_file():
        return {}
    return {Path(r["alto"]).as_posix(): (r["source"], r["txt"]) for r in manifest.read_rows(folder) if r["alto"]}


def collect_pages(folder: str | os.PathLike) -> list[AltoPage]:
    """The issue's ALTO pages under ``folder``, by PHYSICAL_IMG_NR then path, with images and texts."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "not a folder")
    rows = _manifest_rows(folder)
    pages = []
    for path in sorted(folder.rglob("*.xml")):
        if path.name == METS_NAME or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        page = read_alto(path, folder)
        if page is None:
            continue
        row = rows.get(page.rel)
        if row:
            page.image = Path(row[0]).resolve().as_uri() if row[0] else None
            if row[1]:
                page.text = folder / row[1]
        if page.text is None:
            page.text = path.with_suffix(".txt")
        if not page.text.is_file():
            page.text = None
        pages.append(page)
    if not pages:
        raise InputError(folder, "no ALTO files found")
    pages.sort(key=lambda p: (p.number, p.rel))
    return pages


def _iso_date(date: Optional[str]) -> Optional[str]:
    if date is None:
        return None
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise ValueError(f"date {date!r} is not YYYY-MM-DD") from None


def to_xml(folder: str | os.PathLike, title: Optional[str] = None, date: Optional[str] = None,
           issue: Optional[str] = None) -> bytes:
    """The METS document for the issue in ``folder`` (see the module doc)."""
    folder = Path(folder)
    date = _iso_date(date)
    pages = collect_pages(folder)
    m = lambda tag: f"{{{METS}}}{tag}"   # noqa: E731
    root = etree.Element(m("mets"), nsmap={"mets": METS, "mods": MODS, "xlink": XLINK, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{METS} http://www.loc.gov/standards/mets/version1121/mets.xsd")
    root.set("TYPE", "newspaper issue")
    if title:
        root.set("LABEL", title)
    hdr = etree.SubElement(root, m("metsHdr"), CREATEDATE=timestamp())
    agent = etree.SubElement(hdr, m("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    etree.SubElement(agent, m("name")).text = f"digitize {__version__}"

    dmd_id = None
    if title or date or issue:
        dmd_id = "DMD_ISSUE"
        dmd = etree.SubElement(root, m("dmdSec"), ID=dmd_id)
        wrap = etree.SubElement(dmd, m("mdWrap"), MDTYPE="MODS")
        mods = etree.SubElement(etree.SubElement(wrap, m("xmlData")), f"{{{MODS}}}mods")
        if title:
            ti = etree.SubElement(mods, f"{{{MODS}}}titleInfo")
            etree.SubElement(ti, f"{{{MODS}}}title").text = title
        etree.SubElement(mods, f"{{{MODS}}}typeOfResource").text = "text"
        etree.SubElement(mods, f"{{{MODS}}}genre").text = "newspaper"
        if date:
            oi = etree.SubElement(mods, f"{{{MODS}}}originInfo")
            etree.SubElement(oi, f"{{{MODS}}}dateIssued", encoding="iso8601").text = date
        if issue:
            part = etree.SubElement(mods, f"{{{MODS}}}part")
            detail = etree.SubElement(part, f"{{{MODS}}}detail", type="issue")
            etree.SubElement(detail, f"{{{MODS}}}number").text = str(issue)

    file_sec = etree.SubElement(root, m("fileSec"))
    grp_img = etree.SubElement(file_sec, m("fileGrp"), USE="MASTER")
    grp_alto = etree.SubElement(file_sec, m("fileGrp"), USE="FULLTEXT")
    grp_txt = etree.SubElement(file_sec, m("fileGrp"), USE="TEXT")

    def add_file(grp: etree._Element, fid: str, mime: str, href: str, sha: str = "", size: int | None = None,
                 url: bool = True) -> None:
        f = etree.SubElement(grp, m("file"), ID=fid, MIMETYPE=mime)
        if size is not None:
            f.set("SIZE", str(size))
        if sha:
            f.set("CHECKSUM", sha)
            f.set("CHECKSUMTYPE", "SHA-256")
        # a name that is not resolvable from here (no manifest): say so instead of a broken URL
        loc = etree.SubElement(f, m("FLocat"), LOCTYPE="URL") if url else \
            etree.SubElement(f, m("FLocat"), LOCTYPE="OTHER", OTHERLOCTYPE="SOURCE_FILENAME")
        loc.set(f"{{{XLINK}}}href", href)

    files: list[dict[str, str]] = []
    for i, p in enumerate(pages, 1):
        ids: dict[str, str] = {}
        if p.image or p.image_name:
            ids["img"] = f"IMG_{i:04d}"
            mime = IMAGE_TYPES.get(Path(p.image_name or p.image or "").suffix.lower(), "image/tiff")
            add_file(grp_img, ids["img"], mime, p.image or quote(p.image_name), p.image_sha256,
                     url=p.image is not None)
        ids["alto"] = f"ALTO_{i:04d}"
        add_file(grp_alto, ids["alto"], "text/xml", quote(p.rel), sha256_of(p.path), p.path.stat().st_size)
        if p.text is not None:
            ids["txt"] = f"TXT_{i:04d}"
            rel = os.path.relpath(p.text, folder)
            add_file(grp_txt, ids["txt"], "text/plain", quote(Path(rel).as_posix()), sha256_of(p.text),
                     p.text.stat().st_size)
        files.append(ids)
    for grp in (grp_img, grp_txt):
        if len(grp) == 0:
            file_sec.remove(grp)

    phys = etree.SubElement(root, m("structMap"), TYPE="PHYSICAL")
    seq = etree.SubElement(phys, m("div"), ID="PHYS_ISSUE", TYPE="physSequence")
    for i, (p, ids) in enumerate(zip(pages, files), 1):
        div = etree.SubElement(seq, m("div"), ID=f"PHYS_{i:04d}", TYPE="page", ORDER=str(i))
        div.set("LABEL", p.image_name or p.rel)
        for key in ("img", "alto", "txt"):
            if key in ids:
                etree.SubElement(div, m("fptr"), FILEID=ids[key])

    logical = etree.SubElement(root, m("structMap"), TYPE="LOGICAL")
    issue_div = etree.SubElement(logical, m("div"), ID="LOG_ISSUE", TYPE="issue")
    if dmd_id:
        issue_div.set("DMDID", dmd_id)
    if title:
        issue_div.set("LABEL", title)
    links: list[tuple[str, str]] = [("LOG_ISSUE", "PHYS_ISSUE")]
    n = 0
    for i, (p, ids) in enumerate(zip(pages, files), 1):
        for d in p.divisions:
            n += 1
            log_id = f"LOG_{n:04d}"
            div = etree.SubElement(issue_div, m("div"), ID=log_id, TYPE=d.type, ORDER=str(n))
            if d.label:
                div.set("LABEL", d.label)
            fptr = etree.SubElement(div, m("fptr"))
            seq_el = etree.SubElement(fptr, m("seq"))
            for b in d.blocks:
                etree.SubElement(seq_el, m("area"), FILEID=ids["alto"], BEGIN=b.id, BETYPE="IDREF")
            links.append((log_id, f"PHYS_{i:04d}"))
    if len(issue_div) == 0:
        for i in range(1, len(pages) + 1):
            etree.SubElement(issue_div, m("fptr"), FILEID=files[i - 1]["alto"])
    link = etree.SubElement(root, m("structLink"))
    for frm, to in links:
        sm = etree.SubElement(link, m("smLink"))
        sm.set(f"{{{XLINK}}}from", frm)
        sm.set(f"{{{XLINK}}}to", to)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_mets(folder: str | os.PathLike, title: Optional[str] = None, date: Optional[str] = None,
               issue: Optional[str] = None) -> Path:
    """Write ``folder/mets.xml`` for the issue whose ALTO files are under ``folder``; returns its path."""
    out = Path(folder) / METS_NAME
    write_bytes(out, to_xml(folder, title, date, issue))
    return out
