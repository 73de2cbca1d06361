"""ALTO writer: the page model -> ALTO 4.4 (default) or ALTO 2.1 XML.

Only reads the model.  What it guarantees, whatever the stages produced:

* valid against the official XSD of the chosen version (``digitize.validate`` checks it);
* no negative coordinate or size, every box inside its parent and inside the page: boxes are
  clipped to the page, then parents are grown to hold their children (String -> TextLine ->
  TextBlock -> ComposedBlock -> PrintSpace);
* element order = reading order (``page.ordered_blocks()``); articles become
  ``ComposedBlock TYPE="article"`` holding their blocks; ALTO 4.4 also carries an explicit
  ``ReadingOrder`` listing the blocks in element order (ALTO 2.1, which has none, gets IDNEXT);
* one ``String`` per model Word with ``WC`` and ``CC`` (0 = sure ... 9 = unsure per character),
  ``SP`` only where ``word.space_before`` (never between Han characters), ``HYP`` after a word
  broken at the line end, ``Glyph`` per character (ALTO 4.4, ``settings.glyphs``).
"""
from __future__ import annotations

import math
import os
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from lxml import etree

from ..atomic import write_bytes
from ..config import OutputSettings
from ..geometry import Box, Point
from ..script import convert
from ..model import Article, Block, BlockType, Line, Page, ProcessingStep, Word

NAMESPACES = {
    "4.4": "http://www.loc.gov/standards/alto/ns-v4#",
    "2.1": "http://www.loc.gov/standards/alto/ns-v2#",
}
SCHEMA_LOCATIONS = {
    "4.4": "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd",
    "2.1": "http://www.loc.gov/standards/alto/v2/alto-2-1.xsd",
}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
UNITS_PER_INCH = {"pixel": None, "inch1200": 1200.0, "mm10": 254.0}   # ALTO MeasurementUnit values
LANG = "zh-Hans"
DEFAULT_DPI = 300.0          # used for inch1200 and font sizes when the scan carries no resolution
HYPHENS = "-\u2010\u2011\u00ad"
CATEGORIES = {"contentGeneration", "contentModification", "preOperation", "postOperation", "other"}
ARTICLE_TAG = "ST_ARTICLE"
SEPARATOR_TAG = "LT_SEPARATOR"

_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_XML_BAD = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def to_xml(page: Page, settings: OutputSettings, source_name: Optional[str] = None) -> bytes:
    """The page as ALTO XML (UTF-8 bytes).

    ``source_name`` is written as ``sourceImageInformation/fileName`` (the batch runner passes
    the path relative to its input root); default: the source file's name.
    """
    version = settings.alto_version
    if version not in NAMESPACES:
        raise ValueError(f"unsupported ALTO version {version!r} (known: {', '.join(NAMESPACES)})")
    return _AltoBuilder(page, settings, source_name).build()


def write_alto(page: Page, path: str | os.PathLike, settings: OutputSettings,
               source_name: Optional[str] = None) -> None:
    """Write the page's ALTO to ``path`` atomically."""
    write_bytes(Path(path), to_xml(page, settings, source_name))


# ----------------------------------------------------------------------------------------------
# small helpers

def clean_text(text: str) -> str:
    """Text safe for an XML attribute: characters XML 1.0 forbids removed, ends stripped."""
    return _XML_BAD.sub("", text).strip()


def char_confidence_code(confidence: float) -> int:
    """ALTO CC digit for a 0..1 confidence: 0 = sure ... 9 = unsure."""
    return 9 - round(_unit(confidence) * 9)


def _unit(x: Optional[float]) -> float:
    if x is None or not math.isfinite(x):
        return 0.0
    return min(1.0, max(0.0, float(x)))


def _num(x: float) -> str:
    return f"{round(x, 3):g}"


def _fit(box: Box, width: int, height: int) -> Box:
    """Box clipped to the page, at least 1 px wide and high."""
    x0 = min(max(box.x0, 0), width - 1)
    y0 = min(max(box.y0, 0), height - 1)
    x1 = min(max(box.x1, x0 + 1), width)
    y1 = min(max(box.y1, y0 + 1), height)
    return Box(x0, y0, x1, y1)


def timestamp() -> str:
    """Processing time: SOURCE_DATE_EPOCH when set (reproducible output), else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    t = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def _settings_text(settings: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in settings.items())


class _Ids:
    """Unique XML IDs: the model's own id when it is a valid, unused NCName, else generated."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def take(self, preferred: Optional[str], prefix: str) -> str:
        if preferred and _NCNAME.match(preferred) and preferred not in self.used:
            self.used.add(preferred)
            return preferred
        n = self.counters.get(prefix, 0)
        while True:
            n += 1
            cand = f"{prefix}{n}"
            if cand not in self.used:
                break
        self.counters[prefix] = n
        self.used.add(cand)
        return cand


@dataclass
class _WordOut:
    word: Word
    content: str
    box: Box
    glyph_boxes: list[Box]
    hyphen: str = ""                 # HYP content when the word is broken at the line end
    subs: Optional[tuple[str, str]] = None   # (SUBS_TYPE, SUBS_CONTENT)


@dataclass
class _LineOut:
    line: Line
    words: list[_WordOut]
    box: Box


@dataclass
class _BlockOut:
    block: Block
    lines: list[_LineOut]
    box: Box
    xml_id: str = ""


# ----------------------------------------------------------------------------------------------
# reading sequence and articles

def reading_sequence(page: Page) -> list[Block]:
    """Blocks in reading order; unordered pictures placed just before their caption."""
    seq = page.ordered_blocks()
    captions = {b.caption_of: b for b in seq if b.caption_of and b.order is not None}
    movable = {id(b) for b in seq if b.order is None and b.type is BlockType.PICTURE and b.id in captions}
    out: list[Block] = []
    for b in seq:
        if id(b) in movable:
            continue
        out.extend(p for p in seq if id(p) in movable and captions[p.id] is b)
        out.append(b)
    return out


def article_units(page: Page, seq: list[Block]) -> list[tuple[Optional[Article], list[Block]]]:
    """Group the sequence into runs: consecutive blocks of one article form one unit, any other
    block is a unit of its own.  The reading order always wins: an article interrupted by other
    blocks in ``seq`` gives several units (several ComposedBlocks), never a reordering."""
    arts = {a.id: a for a in page.articles}
    art_of: dict[str, str] = {}
    for a in page.articles:
        for bid in a.block_ids:
            art_of.setdefault(bid, a.id)
    for b in seq:
        if b.id not in art_of and b.article in arts:
            art_of[b.id] = b.article
    units: list[tuple[Optional[Article], list[Block]]] = []
    for b in seq:
        aid = art_of.get(b.id)
        if aid is not None and units and units[-1][0] is not None and units[-1][0].id == aid:
            units[-1][1].append(b)
        else:
            units.append((arts[aid] if aid is not None else None, [b]))
    return units


# ----------------------------------------------------------------------------------------------

class _AltoBuilder:
    def __init__(self, page: Page, settings: OutputSettings, source_name: Optional[str]):
        self.page = page
        self.settings = settings
        self.v4 = settings.alto_version == "4.4"
        self.ns = NAMESPACES[settings.alto_version]
        self.source_name = source_name
        self.dpi = page.dpi if page.dpi and page.dpi > 0 else DEFAULT_DPI
        if settings.measurement_unit not in UNITS_PER_INCH:
            raise ValueError(f"unsupported measurement unit {settings.measurement_unit!r} "
                             f"(known: {', '.join(UNITS_PER_INCH)})")
        per_inch = UNITS_PER_INCH[settings.measurement_unit]
        self.scale = per_inch / self.dpi if per_inch else 1.0
        self.ids = _Ids()
        self.styles: dict[float, str] = {}

    # -- geometry ------------------------------------------------------------------------------
    def _scaled(self, box: Box) -> tuple[int, int, int, int]:
        if self.scale == 1.0:
            x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
        else:
            x0, y0 = math.floor(box.x0 * self.scale), math.floor(box.y0 * self.scale)
            x1, y1 = math.ceil(box.x1 * self.scale), math.ceil(box.y1 * self.scale)
        return x0, y0, x1 - x0, y1 - y0

    def _set_box(self, el: etree._Element, box: Box) -> None:
        h, v, w, ht = self._scaled(box)
        el.set("HPOS", str(h))
        el.set("VPOS", str(v))
        el.set("WIDTH", str(w))
        el.set("HEIGHT", str(ht))

    def _shape(self, parent: etree._Element, polygon: Optional[list[Point]], box: Box) -> None:
        if not self.v4 or not polygon or len(polygon) < 3:
            return
        h, v, w, ht = self._scaled(box)
        pts = []
        for x, y in polygon:
            sx = min(max(round(x * self.scale), h), h + w)
            sy = min(max(round(y * self.scale), v), v + ht)
            pts.append((sx, sy))
        if set(pts) <= {(h, v), (h + w, v), (h + w, v + ht), (h, v + ht)}:
            return      # the polygon is the box itself: nothing to add
        pts = [f"{x},{y}" for x, y in pts]
        shape = self._sub(parent, "Shape")
        self._sub(shape, "Polygon", POINTS=" ".join(pts))

    # -- element helpers ------------------------------------------------------------------------
    def _sub(self, parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{self.ns}}}{tag}")
        for k, v in attrs.items():
            el.set(k, v)
        return el

    # -- model -> normalised output tree -------------------------------------------------------
    def _prepare_block(self, block: Block) -> _BlockOut:
        W, H = self.page.width, self.page.height
        lines: list[_LineOut] = []
        if block.type.is_text:
            for line in block.lines:
                words = []
                for w in line.words:
                    content = clean_text(w.text)
                    if not content:
                        continue
                    gboxes = [_fit(g.box, W, H) for g in w.glyphs]
                    wbox = Box.union_all([_fit(w.box, W, H), *gboxes])
                    words.append(_WordOut(w, content, wbox, gboxes))
                if not words:
                    continue
                last = words[-1]
                if last.word.hyphenated:
                    stripped = last.content.rstrip(HYPHENS)
                    if stripped:
                        last.hyphen = last.content[len(stripped):] or "-"
                        last.content = stripped
                lbox = Box.union_all([_fit(line.box, W, H), *(w.box for w in words)])
                lines.append(_LineOut(line, words, lbox))
            for prev, nxt in zip(lines, lines[1:]):
                a = prev.words[-1]
                if a.hyphen:
                    b = nxt.words[0]
                    full = a.content + b.content
                    a.subs = ("HypPart1", full)
                    b.subs = ("HypPart2", full)
        bbox = Box.union_all([_fit(block.box, W, H), *(ln.box for ln in lines)])
        return _BlockOut(block, lines, bbox)

    def _style_id(self, size_px: Optional[float]) -> Optional[str]:
        if not size_px or not math.isfinite(size_px) or size_px <= 0:
            return None
        pt = round(size_px * 72.0 / self.dpi * 2) / 2
        if pt <= 0:
            return None
        if pt not in self.styles:
            self.styles[pt] = self.ids.take(f"TS_{_num(pt).replace('.', '_')}", "TS_")
        return self.styles[pt]

    # -- build ---------------------------------------------------------------------------------
    def build(self) -> bytes:
        page = self.page
        if page.width <= 0 or page.height <= 0:
            raise ValueError(f"{page.source}: page has no size ({page.width}x{page.height})")
        seq = reading_sequence(page)
        units = article_units(page, seq)
        prepared = {id(b): self._prepare_block(b) for b in seq}
        types_used = [t for t in BlockType if any(b.type is t for b in seq)]
        articles_used = any(a is not None for a, _ in units)

        # reserve fixed IDs first so model ids cannot collide with them
        tag_ids = {t: self.ids.take(f"LT_{t.value.upper()}", "LT_") for t in types_used}
        art_tag = self.ids.take(ARTICLE_TAG, "ST_") if articles_used else None
        sep_tag = self.ids.take(SEPARATOR_TAG, "LT_") if page.separators else None
        proc_ids = [self.ids.take(f"PROC_{i + 1}", "PROC_") for i in range(len(page.steps))]
        page_id = self.ids.take(f"PAGE_{page.page_number}", "PAGE_")

        root = etree.Element(f"{{{self.ns}}}alto", nsmap={None: self.ns, "xsi": XSI})
        root.set(f"{{{XSI}}}schemaLocation", f"{self.ns} {SCHEMA_LOCATIONS[self.settings.alto_version]}")
        if self.v4:
            root.set("SCHEMAVERSION", "4.4")
        self._description(root, proc_ids)
        styles_el = self._sub(root, "Styles")
        tags_el = self._sub(root, "Tags") if (types_used or art_tag or sep_tag) else None
        if tags_el is not None:
            for t in types_used:
                self._sub(tags_el, "LayoutTag", ID=tag_ids[t], LABEL=t.value, TYPE="block")
            if sep_tag:
                self._sub(tags_el, "LayoutTag", ID=sep_tag, LABEL="separator", TYPE="block")
            if art_tag:
                self._sub(tags_el, "StructureTag", ID=art_tag, LABEL="article", TYPE="newspaper")
        ro_el = self._sub(root, "ReadingOrder") if self.v4 and seq else None
        layout = self._sub(root, "Layout")
        page_el = self._sub(layout, "Page", ID=page_id, PHYSICAL_IMG_NR=str(page.page_number))
        w, h = self._scaled(Box(0, 0, page.width, page.height))[2:]
        page_el.set("WIDTH", str(w))
        page_el.set("HEIGHT", str(h))
        if self.v4:
            page_el.set("LANG", LANG)
        if page.confidence is not None:
            page_el.set("PC", _num(_unit(page.confidence)))

        # PrintSpace covers every block and separator
        W, H = page.width, page.height
        sep_boxes = [_fit(s.box, W, H) for s in page.separators]
        content = [p.box for p in prepared.values()] + sep_boxes
        ps_box = Box.union_all(content) if content else Box(0, 0, W, H)
        ps = self._sub(page_el, "PrintSpace", ID=self.ids.take("PS_1", "PS_"))
        self._set_box(ps, ps_box)

        order: list[str] = []
        text_els: list[etree._Element] = []
        parts: dict[str, int] = {}
        for art, blocks in units:
            parent = ps
            if art is not None:
                part = parts[art.id] = parts.get(art.id, 0) + 1
                cb_id = art.id if part == 1 else f"{art.id}_part{part}"
                parent = self._sub(ps, "ComposedBlock", ID=self.ids.take(cb_id, "CB_"))
                self._set_box(parent, Box.union_all(prepared[id(b)].box for b in blocks))
                parent.set("TYPE", "article")
                parent.set("TAGREFS", art_tag)
            for b in blocks:
                out = prepared[id(b)]
                out.xml_id = self.ids.take(b.id, "TB_" if b.type.is_text else "IL_")
                el = self._block(parent, out, tag_ids[b.type])
                order.append(out.xml_id)
                if b.type.is_text:
                    text_els.append(el)
        for sep, box in zip(page.separators, sep_boxes):
            el = self._sub(ps, "GraphicalElement", ID=self.ids.take(sep.id, "GE_"))
            self._set_box(el, box)
            el.set("TAGREFS", sep_tag)
            self._shape(el, sep.polygon, box)

        if ro_el is not None and order:
            group = self._sub(ro_el, "OrderedGroup", ID=self.ids.take("RO_1", "RO_"))
            for ref in order:
                self._sub(group, "ElementRef", ID=self.ids.take(f"RO_{ref}", "ROE_"), REF=ref)
        elif ro_el is not None:
            root.remove(ro_el)
        if not self.v4:   # ALTO 2.1 has no ReadingOrder: chain the text blocks
            for a, b in zip(text_els, text_els[1:]):
                a.set("IDNEXT", b.get("ID"))

        if self.styles:
            for pt, sid in sorted(self.styles.items()):
                self._sub(styles_el, "TextStyle", ID=sid, FONTSIZE=_num(pt))
        else:
            root.remove(styles_el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def _description(self, root: etree._Element, proc_ids: list[str]) -> None:
        page = self.page
        desc = self._sub(root, "Description")
        self._sub(desc, "MeasurementUnit").text = self.settings.measurement_unit
        info = self._sub(desc, "sourceImageInformation")
        self._sub(info, "fileName").text = clean_text(self.source_name or page.source.name)
        if page.checksum:
            self._sub(info, "fileIdentifier", fileIdentifierLocation="sha256").text = page.checksum
        if not page.steps:
            return
        stamp = timestamp()
        if self.v4:
            for pid, step in zip(proc_ids, page.steps):
                proc = self._sub(desc, "Processing", ID=pid)
                cat = step.category if step.category in CATEGORIES else "other"
                self._sub(proc, "processingCategory").text = cat
                self._step_body(proc, step, stamp)
            return
        # ALTO 2.1: one OCRProcessing with pre*, exactly one ocr, post* steps
        ocr_i = next((i for i, s in enumerate(page.steps) if s.category == "contentGeneration"),
                     len(page.steps) - 1)
        proc = self._sub(desc, "OCRProcessing", ID=proc_ids[0])
        for i, step in enumerate(page.steps):
            tag = "preProcessingStep" if i < ocr_i else "ocrProcessingStep" if i == ocr_i else "postProcessingStep"
            self._step_body(self._sub(proc, tag), step, stamp)

    def _step_body(self, el: etree._Element, step: ProcessingStep, stamp: str) -> None:
        self._sub(el, "processingDateTime").text = stamp
        desc = clean_text(f"{step.name}: {step.description}" if step.description else step.name)
        if desc:
            self._sub(el, "processingStepDescription").text = desc
        if step.settings:
            self._sub(el, "processingStepSettings").text = clean_text(_settings_text(step.settings))
        sw = self._sub(el, "processingSoftware")
        self._sub(sw, "softwareName").text = clean_text(step.software)
        self._sub(sw, "softwareVersion").text = clean_text(str(step.version))

    def _block(self, parent: etree._Element, out: _BlockOut, tag_id: str) -> etree._Element:
        b = out.block
        if not b.type.is_text:
            el = self._sub(parent, "Illustration", ID=out.xml_id)
            self._set_box(el, out.box)
            el.set("TAGREFS", tag_id)
            self._shape(el, b.polygon, out.box)
            return el
        el = self._sub(parent, "TextBlock", ID=out.xml_id)
        sizes = [ln.line.font_size_px for ln in out.lines if ln.line.font_size_px]
        block_size = b.font_size_px or (statistics.median(sizes) if sizes else None)
        style = self._style_id(block_size)
        if style:
            el.set("STYLEREFS", style)
        el.set("TAGREFS", tag_id)
        self._set_box(el, out.box)
        el.set("LANG", LANG)
        if self.v4 and b.vertical:
            el.set("BASEDIRECTION", "ttb")
        self._shape(el, b.polygon, out.box)
        for ln in out.lines:
            self._line(el, ln, style, b.vertical)
        return el

    def _line(self, parent: etree._Element, ln: _LineOut, block_style: Optional[str], block_vertical: bool) -> None:
        line = ln.line
        el = self._sub(parent, "TextLine", ID=self.ids.take(line.id, "TL_"))
        style = self._style_id(line.font_size_px)
        if style and style != block_style:
            el.set("STYLEREFS", style)
        self._set_box(el, ln.box)
        vertical = line.vertical or block_vertical
        self._baseline(el, line.polygon, ln.box, vertical)
        if self.v4 and vertical and not block_vertical:
            el.set("BASEDIRECTION", "ttb")
        self._shape(el, line.polygon, ln.box)
        prev: Optional[_WordOut] = None
        for k, wo in enumerate(ln.words):
            if prev is not None and wo.word.space_before:
                self._space(el, prev.box, wo.box, ln.box, vertical)
            self._string(el, wo, f"{el.get('ID')}_S{k + 1}")
            prev = wo
        last = ln.words[-1]
        if last.hyphen:
            self._sub(el, "HYP", CONTENT=last.hyphen)

    def _baseline(self, el: etree._Element, polygon: Optional[list[Point]], box: Box, vertical: bool) -> None:
        """BASELINE: horizontal lines rest on the bottom edge of their (working-frame) rectangle,
        vertical lines on its centre line; ALTO 2.1 only takes a y value (horizontal lines)."""
        h, v, w, ht = self._scaled(box)
        if not self.v4:
            if not vertical:
                el.set("BASELINE", str(v + ht))
            return
        if polygon and len(polygon) == 4:
            tl, tr, br, bl = polygon
        else:
            tl, tr, br, bl = box.corners()
        if vertical:
            ends = [((tl[0] + tr[0]) / 2, (tl[1] + tr[1]) / 2), ((bl[0] + br[0]) / 2, (bl[1] + br[1]) / 2)]
        else:
            ends = [bl, br]
        pts = [(min(max(round(x * self.scale), h), h + w), min(max(round(y * self.scale), v), v + ht)) for x, y in ends]
        el.set("BASELINE", " ".join(f"{x},{y}" for x, y in pts))

    def _space(self, parent: etree._Element, a: Box, b: Box, line: Box, vertical: bool) -> None:
        if vertical:
            box = Box(line.x0, a.y1, line.x1, max(a.y1, b.y0))
        else:
            box = Box(a.x1, line.y0, max(a.x1, b.x0), line.y1)
        self._set_box(self._sub(parent, "SP"), box)

    def _string(self, parent: etree._Element, wo: _WordOut, pref_id: str) -> None:
        w = wo.word
        el = self._sub(parent, "String", ID=self.ids.take(pref_id, "S_"), CONTENT=wo.content)
        self._set_box(el, wo.box)
        if wo.subs:
            el.set("SUBS_TYPE", wo.subs[0])
            el.set("SUBS_CONTENT", wo.subs[1])
        el.set("WC", _num(_unit(w.confidence)))
        glyphs = self._aligned_glyphs(wo)
        confs = [g[0].confidence for g in glyphs] if glyphs else [w.confidence] * len(wo.content)
        el.set("CC", " ".join(str(char_confidence_code(c)) for c in confs))
        target = self.settings.script_alternatives
        if target:              # cross-script search: 臺灣 found by 台湾 (digitize.script, OpenCC)
            alt = convert(wo.content, target)
            if alt != wo.content:
                self._sub(el, "ALTERNATIVE", PURPOSE=target).text = alt
        if self.v4 and self.settings.glyphs and glyphs:
            for g, gbox in glyphs:
                gel = self._sub(el, "Glyph", CONTENT=clean_text(g.text) or g.text)
                self._set_box(gel, gbox)
                gel.set("GC", _num(_unit(g.confidence)))

    @staticmethod
    def _aligned_glyphs(wo: _WordOut) -> list:
        """Glyphs matching CONTENT character by character (else none)."""
        gl = wo.word.glyphs
        n = len(wo.content)
        if len(gl) < n or any(len(clean_text(g.text)) != 1 for g in gl[:n]):
            return []
        if "".join(clean_text(g.text) for g in gl[:n]) != wo.content:
            return []
        return list(zip(gl[:n], wo.glyph_boxes[:n]))
