"""METS writer: newspaper issues (folders of page outputs) -> one METS 1.12.1 file per issue.

An **issue** is a folder holding page outputs (``STEM.xml`` ALTO beside ``STEM.txt`` and, when the
run wrote them, ``STEM.pdf`` / ``STEM.jp2``): ``find_issues(OUT)`` gives every folder under OUT that
holds ALTO files directly (a ``YYYY/MM/DD`` tree gives one issue per day), or the folders matching
a glob such as ``*/*/*`` (each with every ALTO file beneath it).  The issue date comes from the
folder's path when it is one (``.../YYYY/MM/DD``, ``YYYY-MM-DD`` or ``YYYYMMDD``); page order is
file order (natural sort of the paths: ``p2`` before ``p10``, ``scan`` before ``scan_p002``).

**Every reference is relative to the METS file** and lies inside the issue folder, so the folder
can be moved or zipped.  The master scans are brought into ``masters/`` inside the issue (a hard
link, or a copy across file systems: ``masters="link"``; ``"copy"``; ``"none"`` leaves them out),
found through the batch manifest ``manifest.sqlite`` of the nearest folder at or above the issue
(table ``pages``: ``source`` = absolute input path, ``alto`` relative to that folder); pages whose
master cannot be found (no manifest, input gone) are named in ``IssueResult.warnings``.  Every
file carries its SIZE and SHA-256 CHECKSUM; :func:`refresh_checksums` updates them after a file
changed (``qa correct``), and ``digitize validate`` checks them.

The METS file is ``mets.xml`` unless a page's outputs use that name (an input page ``mets.png``):
then ``mets_1.xml``, ``mets_2.xml``...; a METS that digitize wrote there before keeps its name.

Written: a ``dmdSec`` with MODS (title, date issued, issue number) when known; fileGrps ``MASTER``
(scans), ``FULLTEXT`` (ALTO), ``TEXT`` (plain text), ``PDF`` (searchable PDF), ``SERVICE`` (JPEG
2000), ``ISSUE_PDF`` (the issue's pages joined in one PDF, on request); a physical structMap (issue -> pages -> files); a logical structMap (issue -> articles and
other top-level blocks, each pointing into its ALTO blocks with ``mets:area BEGIN=block ID``); a
structLink from each logical division to its page(s).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import quote, unquote

from lxml import etree

from .. import __version__
from ..atomic import write_bytes
from ..batch import manifest
from ..altoxml import line_text, local_name as _local, read_xml
from ..checksum import sha256_of
from ..errors import InputError, UsageError
from .alto import timestamp

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
MODS = "http://www.loc.gov/mods/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ALTO_NAMESPACES = {"http://www.loc.gov/standards/alto/ns-v4#", "http://www.loc.gov/standards/alto/ns-v3#",
                   "http://www.loc.gov/standards/alto/ns-v2#"}
METS_NAME = "mets.xml"
MANIFEST_NAME = manifest.MANIFEST_NAME
MASTERS_DIR = "masters"
MASTER_MODES = ("link", "copy", "none")
IMAGE_TYPES = {".tif": "image/tiff", ".tiff": "image/tiff", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".png": "image/png", ".jp2": "image/jp2", ".j2k": "image/jp2", ".jpf": "image/jpx",
               ".jpx": "image/jpx", ".bmp": "image/bmp", ".pdf": "application/pdf"}
# page outputs beside the ALTO: (suffix, fileGrp USE, MIME type, file ID prefix)
DERIVATIVES = ((".txt", "TEXT", "text/plain", "TXT"), (".pdf", "PDF", "application/pdf", "PDF"),
               (".jp2", "SERVICE", "image/jp2", "JP2"))
DATE_IN_PATH = (re.compile(r"(?:^|/)(\d{4})/(\d{2})/(\d{2})$"), re.compile(r"(?:^|/|\D)(\d{4})-(\d{2})-(\d{2})(?:$|\D)"),
                re.compile(r"(?:^|/|\D)(\d{4})(\d{2})(\d{2})(?:$|\D)"))
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
    source: Optional[Path] = None  # the input scan (absolute, from the batch manifest), when known
    frame: int = 0                 # page inside the input file (multi-page TIFF / PDF)
    master: Optional[Path] = None  # the scan inside the issue folder (masters/...)


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


def find_manifest(folder: Path) -> Optional[Path]:
    """The batch manifest of the nearest folder at or above ``folder`` (a METS for a subfolder of a
    batch still finds its masters)."""
    for d in [folder, *folder.parents]:
        if (d / MANIFEST_NAME).is_file():
            return d / MANIFEST_NAME
    return None


def _manifest_rows(db: Optional[Path]) -> dict[Path, tuple[str, int]]:
    """Absolute ALTO path -> (absolute source path, frame) from a batch manifest."""
    if db is None:
        return {}
    base = db.parent.resolve()
    return {(base / r["alto"]).resolve(): (r["source"], int(r["frame"] or 0))
            for r in manifest.read_rows(db.parent) if r["alto"]}


def natural_key(rel: str) -> list:
    """Sort key: digit runs compare as numbers (p2 < p10); ``scan`` < ``scan_p002``."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.findall(r"\d+|\D+", rel.lower())]


def _is_page_alto(path: Path) -> bool:
    """Cheap test: an XML file whose root element is ALTO (METS files, notes... are not pages)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    m = re.search(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]", re.sub(rb"<[?!][^>]*>", b"", head))
    return bool(m) and m.group(1) == b"alto"


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def find_issues(out: str | os.PathLike, pattern: Optional[str] = None) -> list[Path]:
    """The issue folders under ``out`` (see the module doc); InputError when there is none."""
    out = Path(out)
    if not out.is_dir():
        raise InputError(out, "not a folder")
    if pattern:
        issues = sorted((d for d in out.glob(pattern) if d.is_dir() and not _hidden(d.relative_to(out))),
                        key=lambda d: natural_key(d.relative_to(out).as_posix()))
        issues = [d for d in issues if any(_is_page_alto(p) for p in d.rglob("*.xml"))]
    else:
        found = {p.parent for p in out.rglob("*.xml")
                 if not _hidden(p.relative_to(out)) and MASTERS_DIR not in p.relative_to(out).parts[:-1]
                 and _is_page_alto(p)}
        issues = sorted(found, key=lambda d: natural_key(d.relative_to(out).as_posix()))
    if not issues:
        raise InputError(out, "no ALTO files found" + (f" in folders matching '{pattern}'" if pattern else ""))
    return issues


def date_from_path(folder: Path, top: Optional[Path] = None) -> Optional[str]:
    """The issue date written in the folder's path (``YYYY/MM/DD``, ``YYYY-MM-DD``, ``YYYYMMDD``), if any."""
    rel = (folder.resolve().relative_to(top.resolve()) if top is not None else folder.resolve()).as_posix()
    for rx in DATE_IN_PATH:
        for m in reversed(list(rx.finditer(rel))):
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


def collect_pages(folder: str | os.PathLike, recursive: bool = True) -> list[AltoPage]:
    """The issue's ALTO pages in ``folder`` (and below it when ``recursive``), in file order, with
    their input scans from the batch manifest when there is one."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "not a folder")
    rows = _manifest_rows(find_manifest(folder.resolve()))
    pages = []
    for path in (folder.rglob("*.xml") if recursive else folder.glob("*.xml")):
        rel = path.relative_to(folder)
        if _hidden(rel) or MASTERS_DIR in rel.parts[:-1] or not _is_page_alto(path):
            continue
        page = read_alto(path, folder)
        if page is None:
            continue
        row = rows.get(path.resolve())
        if row and row[0]:
            page.source, page.frame = Path(row[0]), row[1]
        pages.append(page)
    if not pages:
        raise InputError(folder, "no ALTO files found")
    pages.sort(key=lambda p: natural_key(p.rel))
    return pages


def mets_name(folder: Path, pages: list[AltoPage]) -> str:
    """``mets.xml``, or the first ``mets_N.xml`` no page output uses; a METS digitize wrote here keeps its name."""
    stems = {Path(p.rel).stem.lower() for p in pages if "/" not in p.rel}
    for existing in sorted(folder.glob("mets*.xml")):
        if re.fullmatch(r"mets(_\d+)?\.xml", existing.name) and existing.stem.lower() not in stems \
                and _is_digitize_mets(existing):
            return existing.name
    name, n = METS_NAME, 0
    while Path(name).stem.lower() in stems or (folder / name).exists() and not _is_digitize_mets(folder / name):
        n += 1
        name = f"mets_{n}.xml"
    return name


def _is_digitize_mets(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return b"<mets:mets" in head and b"digitize" in head


def _place_master(page: AltoPage, folder: Path, mode: str, taken: dict[str, Path],
                  warnings: list[str]) -> None:
    """Bring the page's input scan into ``folder/masters/`` (hard link or copy); sets ``page.master``."""
    if mode == "none":
        return
    name = Path(page.image_name).name if page.image_name else None
    src = page.source
    if src is not None and src.is_file():
        name = src.name
    if not name:
        warnings.append(f"{page.rel}: no master image named in the ALTO; left out")
        return
    key = str(src.resolve()) if src is not None and src.is_file() else name
    if key in taken:                    # the pages of one multi-page input share its file
        page.master = taken[key]
        return
    target = folder / MASTERS_DIR / name
    stem, suffix, n = target.stem, target.suffix, 1
    while target in taken.values():
        n += 1
        target = target.with_name(f"{stem}_{n}{suffix}")
    if src is not None and src.is_file():
        if not (target.is_file() and target.stat().st_size == src.stat().st_size
                and (os.path.samefile(src, target) or sha256_of(target) == sha256_of(src))):
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            if tmp.exists():
                tmp.unlink()
            try:
                if mode != "link":
                    raise OSError("copy asked for")
                os.link(src, tmp)
            except OSError:
                shutil.copy2(src, tmp)
            os.replace(tmp, target)
    elif not target.is_file():
        where = f" ({src})" if src is not None else " (no batch manifest above the issue folder)"
        warnings.append(f"{page.rel}: master image {name} not found{where}; left out")
        return
    taken[key] = target
    page.master = target
    if page.image_sha256 and sha256_of(target) != page.image_sha256:
        warnings.append(f"{page.rel}: master image {name} has changed since the page was recognised")


@dataclass
class IssueResult:
    path: Path                     # the METS file written
    pages: int
    date: Optional[str]
    warnings: list[str] = field(default_factory=list)


def _iso_date(date: Optional[str]) -> Optional[str]:
    if date is None:
        return None
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise UsageError(f"date {date!r} is not YYYY-MM-DD") from None


def to_xml(folder: str | os.PathLike, pages: list[AltoPage], title: Optional[str] = None,
           date: Optional[str] = None, issue: Optional[str] = None, issue_pdf: Optional[Path] = None) -> bytes:
    """The METS document for the issue in ``folder`` made of ``pages`` (see the module doc); every
    href is relative to ``folder``, where the METS file goes.  ``issue_pdf``: the whole issue as one
    PDF (fileGrp ``ISSUE_PDF``, pointed at by the physical issue division)."""
    folder = Path(folder)
    date = _iso_date(date)
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
    groups = {"img": etree.SubElement(file_sec, m("fileGrp"), USE="MASTER"),
              "alto": etree.SubElement(file_sec, m("fileGrp"), USE="FULLTEXT")}
    for _, use, _, key in DERIVATIVES:
        groups[key] = etree.SubElement(file_sec, m("fileGrp"), USE=use)

    sums: dict[Path, str] = {}          # the pages of one multi-page master share its file: hash it once

    def add_file(key: str, fid: str, mime: str, path: Path) -> None:
        if path not in sums:
            sums[path] = sha256_of(path)
        f = etree.SubElement(groups[key], m("file"), ID=fid, MIMETYPE=mime, SIZE=str(path.stat().st_size),
                             CHECKSUM=sums[path], CHECKSUMTYPE="SHA-256")
        loc = etree.SubElement(f, m("FLocat"), LOCTYPE="URL")
        loc.set(f"{{{XLINK}}}href", href(path, folder))

    files: list[dict[str, str]] = []
    for i, p in enumerate(pages, 1):
        ids: dict[str, str] = {}
        if p.master is not None:
            ids["img"] = f"IMG_{i:04d}"
            add_file("img", ids["img"], IMAGE_TYPES.get(p.master.suffix.lower(), "application/octet-stream"),
                     p.master)
        ids["alto"] = f"ALTO_{i:04d}"
        add_file("alto", ids["alto"], "text/xml", p.path)
        for suffix, _, mime, key in DERIVATIVES:
            other = p.path.with_suffix(suffix)
            if other.is_file():
                ids[key] = f"{key}_{i:04d}"
                add_file(key, ids[key], mime, other)
        files.append(ids)
    if issue_pdf is not None:
        groups["issue_pdf"] = etree.SubElement(file_sec, m("fileGrp"), USE="ISSUE_PDF")
        add_file("issue_pdf", "ISSUE_PDF", "application/pdf", issue_pdf)
    for grp in list(groups.values()):
        if len(grp) == 0:
            file_sec.remove(grp)

    phys = etree.SubElement(root, m("structMap"), TYPE="PHYSICAL")
    seq = etree.SubElement(phys, m("div"), ID="PHYS_ISSUE", TYPE="physSequence")
    if issue_pdf is not None:
        etree.SubElement(seq, m("fptr"), FILEID="ISSUE_PDF")
    for i, (p, ids) in enumerate(zip(pages, files), 1):
        div = etree.SubElement(seq, m("div"), ID=f"PHYS_{i:04d}", TYPE="page", ORDER=str(i))
        label = p.image_name or p.rel
        div.set("LABEL", f"{label} page {p.frame + 1}" if p.frame else label)
        for key in ("img", "alto", *(d[3] for d in DERIVATIVES)):
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


def href(path: Path, folder: Path) -> str:
    """``path`` as a URL relative to ``folder`` (posix separators, percent-encoded)."""
    return quote(Path(os.path.relpath(path, folder)).as_posix())


def write_issue(folder: str | os.PathLike, title: Optional[str] = None, date: Optional[str] = None,
                issue: Optional[str] = None, masters: str = "link", recursive: bool = True,
                top: Optional[Path] = None, issue_pdf: bool = False) -> IssueResult:
    """Write the METS of the issue in ``folder`` (pages in it, and below it when ``recursive``).

    ``date`` defaults to the date in the folder's path (relative to ``top`` when given).
    ``issue_pdf``: also join the pages' searchable PDFs (``run --pdf``), in page order, into one PDF
    named like the METS file (``mets.pdf``: no page's output has that stem)."""
    folder = Path(folder)
    if masters not in MASTER_MODES:
        raise ValueError(f"masters must be one of {', '.join(MASTER_MODES)}")
    pages = collect_pages(folder, recursive=recursive)
    date = _iso_date(date) or date_from_path(folder, top)
    warnings: list[str] = []
    taken: dict[str, Path] = {}
    for p in pages:
        _place_master(p, folder, masters, taken, warnings)
    out = folder / mets_name(folder, pages)
    joined = None
    if issue_pdf:
        missing = [p.rel for p in pages if not p.path.with_suffix(".pdf").is_file()]
        if missing:
            warnings.append(f"no issue PDF: {len(missing)} of {len(pages)} pages have no PDF "
                            f"(e.g. {missing[0]}; `digitize run --pdf` writes them)")
        else:
            from .pdf import join_pdfs
            joined = join_pdfs([p.path.with_suffix(".pdf") for p in pages], out.with_suffix(".pdf"))
    write_bytes(out, to_xml(folder, pages, title, date, issue, joined))
    return IssueResult(out, len(pages), date, warnings)


def write_issues(out: str | os.PathLike, pattern: Optional[str] = None, title: Optional[str] = None,
                 date: Optional[str] = None, issue: Optional[str] = None, masters: str = "link",
                 issue_pdf: bool = False) -> list[IssueResult]:
    """One METS per issue under ``out`` (see :func:`find_issues`).  ``date`` and ``issue`` may be given
    only when there is one issue; otherwise each issue's date comes from its path."""
    out = Path(out)
    folders = find_issues(out, pattern)
    if len(folders) > 1 and (date or issue):
        raise InputError(out, f"{len(folders)} issues found ({', '.join(f.relative_to(out).as_posix() or '.' for f in folders[:4])}"
                              f"{', ...' if len(folders) > 4 else ''}): --date and --issue name one issue; "
                              "dates come from the folders' paths")
    return [write_issue(f, title, date, issue, masters, recursive=bool(pattern), top=out, issue_pdf=issue_pdf)
            for f in folders]


def write_mets(folder: str | os.PathLike, title: Optional[str] = None, date: Optional[str] = None,
               issue: Optional[str] = None, masters: str = "link") -> Path:
    """Write the METS for one issue made of every ALTO file under ``folder``; returns its path."""
    return write_issue(folder, title, date, issue, masters).path


def _file_path(f: etree._Element, base: Path) -> Optional[Path]:
    loc = next(f.iter(f"{{{METS}}}FLocat"), None)
    h = loc.get(f"{{{XLINK}}}href") if loc is not None and loc.get("LOCTYPE") == "URL" else None
    if not h or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", h) and not h.startswith("file:"):
        return None
    h = unquote(h[7:] if h.startswith("file://") else h)
    p = Path(h)
    return p if p.is_absolute() else base / p


def refresh_checksums(changed: list[Path], top: Path) -> list[Path]:
    """After files changed (``qa correct``), update SIZE and CHECKSUM of every METS file entry that
    names one of them, in the METS files digitize wrote at or above their folders up to ``top``.
    Returns the METS files rewritten."""
    changed = {Path(c).resolve() for c in changed}
    top = Path(top).resolve()
    folders: set[Path] = set()
    for c in changed:
        chain = [c.parent, *c.parent.parents]
        folders.update(chain[:chain.index(top) + 1] if top in chain else chain[:1])
    rewritten = []
    for d in sorted(folders):
        for mets in sorted(d.glob("mets*.xml")):
            if not _is_digitize_mets(mets):
                continue
            try:
                tree = read_xml(mets)
            except InputError:
                continue                 # not ours to mend: validate names what is wrong with it
            hit = False
            for f in tree.getroot().iter(f"{{{METS}}}file"):
                path = _file_path(f, mets.parent)
                if path is not None and path.resolve() in changed and path.is_file():
                    f.set("SIZE", str(path.stat().st_size))
                    f.set("CHECKSUM", sha256_of(path))
                    f.set("CHECKSUMTYPE", "SHA-256")
                    hit = True
            if hit:
                write_bytes(mets, etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
                rewritten.append(mets)
    return rewritten
