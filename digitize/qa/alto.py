"""Read an ALTO file (any version, namespace ignored) into the little QA needs: typed blocks with
their lines and characters, articles, reading order and the page size.

QA works on what was written, not on the in-memory model, so it can review any batch output.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from lxml import etree

from ..errors import InputError
from ..altoxml import local_name as _local, read_xml
from ..geometry import Box

TEXT_TYPES = ("masthead", "headline", "subhead", "byline", "body", "caption", "teaser", "table")
# units per inch of ALTO MeasurementUnit values (pixel needs none)
_UNITS_PER_INCH = {"inch1200": 1200.0, "mm10": 254.0}


@dataclass
class AltoString:
    text: str
    box: Box
    confidence: Optional[float]        # WC, 0..1 (None when absent)
    space_before: bool = False         # an SP precedes it in its line


@dataclass
class AltoLine:
    id: str
    box: Box
    strings: list[AltoString] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.strings)


@dataclass
class AltoBlock:
    id: str
    type: str                          # a digitize block type, "picture", or "text" when untyped
    box: Box
    lines: list[AltoLine] = field(default_factory=list)
    article: Optional[str] = None

    @property
    def text(self) -> str:
        return "".join(ln.text for ln in self.lines)

    @property
    def is_text(self) -> bool:
        return self.type != "picture"


@dataclass
class AltoPage:
    path: Path
    width: int                         # Page WIDTH/HEIGHT in pixels (after unit conversion)
    height: int
    blocks: list[AltoBlock] = field(default_factory=list)       # document order
    articles: dict[str, list[str]] = field(default_factory=dict)  # article id -> block ids
    order: list[str] = field(default_factory=list)              # block ids in reading order
    separators: list[Box] = field(default_factory=list)         # GraphicalElements (rules)
    measures: dict[str, float] = field(default_factory=dict)    # the pipeline's "quality" step settings

    def text(self) -> str:
        """Text of all text blocks in document order, lines joined without separator."""
        return "\n".join(b.text for b in self.blocks if b.is_text)

    def text_blocks(self) -> list[AltoBlock]:
        return [b for b in self.blocks if b.is_text and b.text.strip()]

    def strings(self):
        for b in self.blocks:
            for ln in b.lines:
                yield from ln.strings

    def ordered_blocks(self) -> list[AltoBlock]:
        """Blocks in reading order (explicit ReadingOrder when present, else document order)."""
        by_id = {b.id: b for b in self.blocks}
        seen: list[AltoBlock] = [by_id[i] for i in self.order if i in by_id]
        ids = {b.id for b in seen}
        return seen + [b for b in self.blocks if b.id not in ids and b.is_text]


def _box(el, scale: float) -> Optional[Box]:
    try:
        x, y = float(el.get("HPOS")), float(el.get("VPOS"))
        w, h = float(el.get("WIDTH")), float(el.get("HEIGHT"))
    except (TypeError, ValueError):
        return None
    return Box(round(x * scale), round(y * scale), round((x + w) * scale), round((y + h) * scale))


def _block_type(el, tags: dict[str, str]) -> str:
    for ref in (el.get("TAGREFS") or "").split():
        label = tags.get(ref, "").lower()
        if label in TEXT_TYPES or label == "picture":
            return label
    return "text"


def read_alto(path: str | Path, dpi: Optional[float] = None, width_px: Optional[int] = None) -> AltoPage:
    """Parse ``path``.  Coordinates in inch1200/mm10 are turned into pixels: by the ratio of the
    scan's ``width_px`` to the Page WIDTH when given, else with ``dpi`` (default 300)."""
    path = Path(path)
    root = read_xml(path).getroot()
    if _local(root) != "alto":
        raise InputError(path, f"not an ALTO file (root element <{_local(root)}>)")
    scale = 1.0
    for el in root.iter():
        if _local(el) == "MeasurementUnit":
            unit = (el.text or "pixel").strip()
            if unit in _UNITS_PER_INCH:
                scale = (dpi or 300.0) / _UNITS_PER_INCH[unit]
                page_el = next((p for p in root.iter() if _local(p) == "Page"), None)
                try:
                    if width_px:
                        scale = width_px / float(page_el.get("WIDTH"))
                except (AttributeError, TypeError, ValueError, ZeroDivisionError):
                    pass
            break
    tags = {el.get("ID"): (el.get("LABEL") or "") for el in root.iter() if _local(el) == "LayoutTag"}
    page_el = next((el for el in root.iter() if _local(el) == "Page"), None)
    width = height = 0
    if page_el is not None:
        try:
            width = round(float(page_el.get("WIDTH")) * scale)
            height = round(float(page_el.get("HEIGHT")) * scale)
        except (TypeError, ValueError):
            pass
    page = AltoPage(path=path, width=width, height=height)
    for el in root.iter():
        name = _local(el)
        if name == "ComposedBlock" and (el.get("TYPE") or "").lower() == "article":
            page.articles[el.get("ID") or f"article{len(page.articles) + 1}"] = [
                tb.get("ID") for tb in el.iter() if _local(tb) in ("TextBlock", "Illustration") and tb.get("ID")]
        elif name == "TextBlock":
            page.blocks.append(_read_block(el, tags, scale, len(page.blocks)))
        elif name in ("Illustration", "GraphicalElement") and _local(el.getparent()) != "TextBlock":
            box = _box(el, scale)
            if box is not None and name == "Illustration":
                page.blocks.append(AltoBlock(el.get("ID") or f"pic{len(page.blocks)}", "picture", box))
            elif box is not None:
                page.separators.append(box)
        elif name == "ReadingOrder":
            page.order = _reading_order(el)
        elif name == "processingStepDescription" and (el.text or "").startswith("quality"):
            page.measures = _step_settings(el.getparent())
    for art, ids in page.articles.items():
        for b in page.blocks:
            if b.id in ids:
                b.article = art
    if page.order:
        composed = {el.get("ID"): [tb.get("ID") for tb in el.iter() if _local(tb) == "TextBlock"]
                    for el in root.iter() if _local(el) == "ComposedBlock"}
        flat: list[str] = []
        for ref in page.order:
            flat.extend(composed.get(ref, [ref]))
        page.order = flat
    return page


def _read_block(el, tags: dict[str, str], scale: float, index: int) -> AltoBlock:
    block = AltoBlock(el.get("ID") or f"block{index}", _block_type(el, tags), _box(el, scale) or Box(0, 0, 0, 0))
    for tl in el:
        if _local(tl) != "TextLine":
            continue
        line = AltoLine(tl.get("ID") or "", _box(tl, scale) or block.box)
        space = False
        for s in tl:
            if _local(s) == "SP":
                space = bool(line.strings)
            if _local(s) != "String":
                continue
            wc = s.get("WC")
            try:
                conf = float(wc) if wc is not None else None
            except ValueError:
                conf = None
            line.strings.append(AltoString(s.get("CONTENT") or "", _box(s, scale) or line.box, conf, space))
            space = False
        block.lines.append(line)
    return block


def _step_settings(step) -> dict[str, float]:
    """The numbers of a processing step's ``processingStepSettings`` (``key=value; ...``)."""
    out: dict[str, float] = {}
    for el in step:
        if _local(el) != "processingStepSettings":
            continue
        for item in (el.text or "").split(";"):
            key, _, value = item.partition("=")
            try:
                out[key.strip()] = float(value)
            except ValueError:
                continue
    return out


def _reading_order(el) -> list[str]:
    return [ref.get("REF") for ref in el.iter() if _local(ref) == "ElementRef" and ref.get("REF")]
