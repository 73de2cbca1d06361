"""ALTO writer: schema-valid 4.4 and 2.1, geometry and references hold, text and confidences survive."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from lxml import etree

from digitize.config import OutputSettings
from digitize.geometry import Box, Transform
from digitize.model import Article, Block, BlockType, Glyph, Line, Page, ProcessingStep, Separator, Word
from digitize.validate import load_schema, validate_bytes, validate_file
from digitize.writers.alto import char_confidence_code, to_xml, write_alto

A4 = "http://www.loc.gov/standards/alto/ns-v4#"
A2 = "http://www.loc.gov/standards/alto/ns-v2#"


def han_line(line_id: str, text: str, x: int, y: int, size: int = 40, conf: float = 0.9,
             vertical: bool = False) -> Line:
    """One line of Han characters, one Word (with one Glyph) per character."""
    words = []
    for i, ch in enumerate(text):
        bx = Box(x, y + i * size, x + size, y + (i + 1) * size) if vertical else \
            Box(x + i * size, y, x + (i + 1) * size, y + size)
        c = max(0.05, conf - 0.07 * (i % 3))
        words.append(Word(ch, bx, c, glyphs=[Glyph(ch, bx, c)]))
    box = Box.union_all(w.box for w in words)
    return Line(line_id, box, polygon=box.corners(), words=words, font_size_px=size, vertical=vertical)


def latin_line(line_id: str, x: int, y: int) -> Line:
    """`电话 CN 50-0033 inter-` : Han, then Latin runs with spaces, a word hyphenated at the line end."""
    ln = han_line(line_id, "电话", x, y)
    xs = x + 80
    for text, width, conf in (("CN", 40, 0.95), ("50-0033", 140, 0.85), ("inter-", 120, 0.7)):
        b = Box(xs + 20, y + 5, xs + 20 + width, y + 38)
        glyphs = [Glyph(ch, Box(b.x0 + k * (width // len(text)), b.y0, b.x0 + (k + 1) * (width // len(text)), b.y1), conf)
                  for k, ch in enumerate(text)]
        ln.words.append(Word(text, b, conf, glyphs=glyphs, space_before=True))
        xs = b.x1
    ln.words[-1].hyphenated = True
    ln.box = Box.union_all(w.box for w in ln.words)
    return ln


def sample_page(tmp: Path | None = None) -> Page:
    """A small newspaper page built by hand: masthead, two articles (one with a picture and its
    caption), a teaser, a vertical block, separators, Latin runs, a hyphenated word, rotated frame."""
    src = (tmp or Path("/nonexistent")) / "issue" / "page-001.tif"
    page = Page(source=src, width=2000, height=2600, dpi=300.0, page_number=1, checksum="ab" * 32)
    # a 90-degree rotation plus a small deskew: the transform is not the identity
    a = math.radians(1.2)
    page.transform = Transform(((math.cos(a), math.sin(a), -30.0), (-math.sin(a), math.cos(a), 25.0)), (2000, 2600))
    page.deskew_angle, page.orientation = 1.2, 0
    mast = Block("masthead", BlockType.MASTHEAD, Box(500, 40, 1500, 200), lines=[han_line("m1", "人民日报", 600, 60, 120)],
                 order=0, font_size_px=120)
    h1 = Block("a1_head", BlockType.HEADLINE, Box(100, 300, 1000, 380), lines=[han_line("h1", "新闻标题", 110, 310, 60)],
               article="art1", order=1, font_size_px=60)
    by1 = Block("a1_by", BlockType.BYLINE, Box(100, 390, 700, 430), lines=[han_line("by1", "本报记者", 110, 392, 32)],
                article="art1", order=2)
    body1 = Block("a1_body", BlockType.BODY, Box(100, 450, 1000, 700),
                  lines=[han_line("b1", "今年经济增长", 110, 460), latin_line("b2", 110, 510),
                         Line("b3", Box(110, 560, 300, 600), words=[Word("national", Box(110, 562, 290, 598), 0.8)])],
                  article="art1", order=3, font_size_px=40)
    pic = Block("a2_pic", BlockType.PICTURE, Box(1100, 300, 1900, 900), polygon=Box(1100, 300, 1900, 900).corners(),
                article="art2", order=None)
    cap = Block("a2_cap", BlockType.CAPTION, Box(1100, 910, 1900, 960), lines=[han_line("c1", "图为会场", 1110, 915, 36)],
                article="art2", order=6, caption_of="a2_pic")
    h2 = Block("a2_head", BlockType.HEADLINE, Box(1100, 1000, 1900, 1080), lines=[han_line("h2", "第二篇", 1110, 1010, 60)],
               article="art2", order=4)
    body2 = Block("a2_body", BlockType.BODY, Box(1100, 1100, 1900, 1300), lines=[han_line("b21", "春天来了", 1110, 1110)],
                  article="art2", order=5)
    vert = Block("vert", BlockType.BODY, Box(50, 1400, 200, 1800), vertical=True, order=7,
                 lines=[han_line("v1", "竖排文字", 150, 1410, 40, vertical=True), han_line("v2", "第二行", 100, 1410, 40, vertical=True)])
    teaser = Block("teaser", BlockType.TEASER, Box(300, 1400, 900, 1460), lines=[han_line("t1", "详见第二版", 310, 1410, 40, 0.3)],
                   order=8)
    sub = Block("sub", BlockType.SUBHEAD, Box(300, 1500, 900, 1550), lines=[han_line("s1", "副标题", 310, 1505, 44)], order=9)
    page.blocks = [mast, h1, by1, body1, pic, cap, h2, body2, vert, teaser, sub]
    # blocks found in the deskewed working frame: their rectangle maps to a rotated polygon
    for b in (mast, body1, body2, body1.lines[0]):
        b.box, b.polygon = page.transform.box_to_original(b.box, page.width, page.height)
    page.articles = [Article("art1", ["a1_head", "a1_by", "a1_body"], "新闻标题"),
                     Article("art2", ["a2_head", "a2_body", "a2_pic", "a2_cap"], "第二篇")]
    page.separators = [Separator("sep1", Box(1040, 300, 1046, 1300), "v", 6), Separator("sep2", Box(50, 1340, 1950, 1344), "h", 4)]
    page.steps = [ProcessingStep("deskew", "digitize", "0.1.0", {"angle": 1.2}, "preOperation", "deskew and binarize"),
                  ProcessingStep("layout", "digitize", "0.1.0", {"columns": 2}, "preOperation"),
                  ProcessingStep("recognition", "rapidocr", "3.10.0", {"engine": "ppocr"}, "contentGeneration"),
                  ProcessingStep("textclean", "digitize", "0.1.0", {}, "postOperation")]
    return page


def xsd_valid(data: bytes, xsd: str) -> list[str]:
    """Straight check against the official XSD (independent of digitize.validate's own checks)."""
    schema = load_schema(xsd)
    ok = schema.validate(etree.fromstring(data))
    return [] if ok else [str(e) for e in schema.error_log]


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


@pytest.fixture(scope="module")
def page() -> Page:
    return sample_page()


@pytest.fixture(scope="module")
def alto44(page) -> bytes:
    return to_xml(page, OutputSettings())


def test_alto44_is_schema_valid_and_passes_our_validator(alto44):
    assert xsd_valid(alto44, "alto-4-4.xsd") == []
    assert validate_bytes(alto44) == []


def test_alto21_is_schema_valid_and_passes_our_validator(page):
    data = to_xml(page, OutputSettings(alto_version="2.1"))
    assert xsd_valid(data, "alto-2-1.xsd") == []
    assert validate_bytes(data) == []
    root = etree.fromstring(data)
    assert root.tag == q(A2, "alto")
    assert root.find(f".//{q(A2, 'Glyph')}") is None and root.find(f".//{q(A2, 'ReadingOrder')}") is None
    # ALTO 2.1 keeps the reading order as an IDNEXT chain over the text blocks
    tbs = root.findall(f".//{q(A2, 'TextBlock')}")
    assert [tb.get("IDNEXT") for tb in tbs[:-1]] == [tb.get("ID") for tb in tbs[1:]]
    steps = root.find(f".//{q(A2, 'OCRProcessing')}")
    assert [etree.QName(c).localname for c in steps] == ["preProcessingStep", "preProcessingStep",
                                                         "ocrProcessingStep", "postProcessingStep"]


def test_description_styles_tags(page, alto44):
    root = etree.fromstring(alto44)
    d = root.find(q(A4, "Description"))
    assert d.findtext(q(A4, "MeasurementUnit")) == "pixel"
    info = d.find(q(A4, "sourceImageInformation"))
    assert info.findtext(q(A4, "fileName")) == "page-001.tif"
    assert info.find(q(A4, "fileIdentifier")).text == "ab" * 32
    procs = d.findall(q(A4, "Processing"))
    assert [p.findtext(q(A4, "processingCategory")) for p in procs] == \
        ["preOperation", "preOperation", "contentGeneration", "postOperation"]
    assert procs[0].findtext(q(A4, "processingStepSettings")) == "angle=1.2"
    assert procs[2].findtext(f"{q(A4, 'processingSoftware')}/{q(A4, 'softwareName')}") == "rapidocr"
    sizes = {float(s.get("FONTSIZE")) for s in root.iter(q(A4, "TextStyle"))}
    assert 9.5 in sizes and 29 in sizes   # 40 px and 120 px at 300 dpi, to 0.5 pt
    labels = {t.get("LABEL") for t in root.iter(q(A4, "LayoutTag"))}
    assert {"masthead", "headline", "byline", "body", "caption", "subhead", "teaser", "picture"} <= labels
    page_el = root.find(f".//{q(A4, 'Page')}")
    assert page_el.get("LANG") == "zh-Hans" and page_el.get("PHYSICAL_IMG_NR") == "1"
    assert 0 < float(page_el.get("PC")) <= 1


def test_source_name_and_inch1200_scale_with_dpi(page):
    data = to_xml(page, OutputSettings(measurement_unit="inch1200"), source_name="issue/page-001.tif")
    assert validate_bytes(data) == []
    root = etree.fromstring(data)
    assert root.findtext(f".//{q(A4, 'fileName')}") == "issue/page-001.tif"
    assert root.findtext(f".//{q(A4, 'MeasurementUnit')}") == "inch1200"
    p = root.find(f".//{q(A4, 'Page')}")
    assert (p.get("WIDTH"), p.get("HEIGHT")) == ("8000", "10400")   # 2000 px at 300 dpi = 6.67 in
    head = root.find(f".//{q(A4, 'TextBlock')}[@ID='a1_head']")
    assert (head.get("HPOS"), head.get("VPOS")) == ("400", "1200")
    page.dpi = 600.0
    try:
        root6 = etree.fromstring(to_xml(page, OutputSettings(measurement_unit="inch1200")))
    finally:
        page.dpi = 300.0
    assert root6.find(f".//{q(A4, 'Page')}").get("WIDTH") == "4000"
    assert root6.find(f".//{q(A4, 'TextBlock')}[@ID='a1_head']").get("HPOS") == "200"


def test_mm10_unit_and_reproducible_output(page, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = to_xml(page, OutputSettings(measurement_unit="mm10"))
    assert data == to_xml(page, OutputSettings(measurement_unit="mm10"))
    assert validate_bytes(data) == []
    root = etree.fromstring(data)
    assert root.find(f".//{q(A4, 'Page')}").get("WIDTH") == "1694"      # 2000 px / 300 dpi * 254
    assert root.findtext(f".//{q(A4, 'processingDateTime')}") == "2023-11-14T22:13:20Z"
    with pytest.raises(ValueError, match="unsupported measurement unit"):
        to_xml(page, OutputSettings(measurement_unit="cm"))


def test_articles_pictures_separators_and_reading_order(alto44):
    root = etree.fromstring(alto44)
    ps = root.find(f".//{q(A4, 'PrintSpace')}")
    kids = [(etree.QName(c).localname, c.get("ID")) for c in ps]
    assert kids[0] == ("TextBlock", "masthead")
    assert ("ComposedBlock", "art1") in kids and ("ComposedBlock", "art2") in kids
    assert [k for k in kids if k[0] == "GraphicalElement"] == [("GraphicalElement", "sep1"), ("GraphicalElement", "sep2")]
    art2 = root.find(f".//{q(A4, 'ComposedBlock')}[@ID='art2']")
    assert art2.get("TYPE") == "article" and art2.get("TAGREFS") == "ST_ARTICLE"
    # picture without an order is placed right before its caption
    assert [c.get("ID") for c in art2] == ["a2_head", "a2_body", "a2_pic", "a2_cap"]
    assert etree.QName(art2[2]).localname == "Illustration"
    refs = [e.get("REF") for e in root.iter(q(A4, "ElementRef"))]
    blocks = [e.get("ID") for e in root.iter(q(A4, "TextBlock"), q(A4, "Illustration"))]
    assert refs == blocks
    assert refs == ["masthead", "a1_head", "a1_by", "a1_body", "a2_head", "a2_body", "a2_pic", "a2_cap",
                    "vert", "teaser", "sub"]
    vert = root.find(f".//{q(A4, 'TextBlock')}[@ID='vert']")
    assert vert.get("BASEDIRECTION") == "ttb" and vert.get("LANG") == "zh-Hans"


def _line_text(tl) -> str:
    out = []
    for c in tl:
        name = etree.QName(c).localname
        if name == "String":
            out.append(c.get("CONTENT"))
        elif name == "SP":
            out.append(" ")
        elif name == "HYP":
            out.append(c.get("CONTENT"))
    return "".join(out)


def test_text_rebuilt_from_strings_equals_word_texts(page, alto44):
    root = etree.fromstring(alto44)
    got = {tl.get("ID"): _line_text(tl) for tl in root.iter(q(A4, "TextLine"))}
    for b in page.blocks:
        for ln in b.lines:
            assert got[ln.id] == ln.text
    assert got["b2"] == "电话 CN 50-0033 inter-"
    tl = root.find(f".//{q(A4, 'TextLine')}[@ID='b2']")
    names = [etree.QName(c).localname for c in tl if etree.QName(c).localname != "Shape"]
    # no SP between Han characters; SP only before the Latin runs; HYP closes the line
    assert names == ["String", "String", "SP", "String", "SP", "String", "SP", "String", "HYP"]
    strings = tl.findall(q(A4, "String"))
    assert strings[-1].get("CONTENT") == "inter" and strings[-1].get("SUBS_TYPE") == "HypPart1"
    assert strings[-1].get("SUBS_CONTENT") == "international"
    nxt = root.find(f".//{q(A4, 'TextLine')}[@ID='b3']/{q(A4, 'String')}")
    assert nxt.get("SUBS_TYPE") == "HypPart2"


def test_confidences_and_glyphs(alto44):
    root = etree.fromstring(alto44)
    s = root.find(f".//{q(A4, 'String')}[@CONTENT='50-0033']")
    assert s.get("WC") == "0.85"
    assert s.get("CC") == " ".join(["1"] * 7)
    glyphs = s.findall(q(A4, "Glyph"))
    assert "".join(g.get("CONTENT") for g in glyphs) == "50-0033"
    teaser = root.find(f".//{q(A4, 'TextBlock')}[@ID='teaser']")
    first = teaser.find(f".//{q(A4, 'String')}")
    assert first.get("CC") == "6" and first.find(q(A4, "Glyph")).get("GC") == "0.3"
    assert char_confidence_code(1.0) == 0 and char_confidence_code(0.0) == 9 and char_confidence_code(float("nan")) == 9


def test_rotated_blocks_carry_their_polygon_inside_their_box(alto44):
    root = etree.fromstring(alto44)
    for bid in ("masthead", "a1_body", "a2_body"):
        tb = root.find(f".//{q(A4, 'TextBlock')}[@ID='{bid}']")
        pts = [tuple(map(int, p.split(","))) for p in tb.find(f"{q(A4, 'Shape')}/{q(A4, 'Polygon')}").get("POINTS").split()]
        x, y, w, h = (int(tb.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        assert len(pts) == 4 and all(x <= px <= x + w and y <= py <= y + h for px, py in pts)
        assert pts[0][0] != pts[3][0] and pts[0][1] != pts[1][1]      # a rotated rectangle


def test_an_interrupted_article_keeps_the_reading_order(tmp_path):
    page = sample_page(tmp_path)
    page.block("teaser").order, page.block("a1_by").order = 2, 8   # teaser read between a1's blocks
    root = etree.fromstring(to_xml(page, OutputSettings()))
    ps = root.find(f".//{q(A4, 'PrintSpace')}")
    assert [c.get("ID") for c in ps][:4] == ["masthead", "art1", "teaser", "art1_part2"]
    assert [e.get("REF") for e in root.iter(q(A4, "ElementRef"))][:5] == ["masthead", "a1_head", "teaser", "a1_body", "a2_head"]
    assert validate_bytes(etree.tostring(root)) == []


def test_baselines(page, alto44):
    root = etree.fromstring(alto44)
    line = lambda r, ns, i: r.find(f".//{q(ns, 'TextLine')}[@ID='{i}']")   # noqa: E731
    assert line(root, A4, "h1").get("BASELINE") == "110,370 350,370"          # bottom edge of the line
    assert line(root, A4, "v1").get("BASELINE") == "170,1410 170,1570"        # centre line of a vertical line
    b1 = [tuple(map(int, p.split(","))) for p in line(root, A4, "b1").get("BASELINE").split()]
    assert b1[0][0] < b1[1][0] and abs(b1[0][1] - b1[1][1]) >= 4           # skewed line: sloped baseline
    root21 = etree.fromstring(to_xml(page, OutputSettings(alto_version="2.1")))
    assert line(root21, A2, "h1").get("BASELINE") == "370" and line(root21, A2, "v1").get("BASELINE") is None


def test_glyphs_can_be_switched_off(page):
    data = to_xml(page, OutputSettings(glyphs=False))
    assert b"<Glyph" not in data and validate_bytes(data) == []


def test_bad_geometry_in_the_model_is_repaired(tmp_path):
    page = sample_page(tmp_path)
    body = page.block("a1_body")
    body.box = Box(120, 470, 500, 520)                   # smaller than its lines
    body.lines[0].words[0].box = Box(-20, 455, 30, 520)  # word outside its line and the page
    page.block("sub").lines[0].words[-1].box = Box(1990, 1505, 2100, 2700)   # beyond the page
    page.separators.append(Separator("sep3", Box(-5, -5, 3000, 3), "h"))
    out = tmp_path / "out" / "page.xml"
    write_alto(page, out, OutputSettings())
    assert validate_file(out) == []
    root = etree.parse(str(out)).getroot()
    for el in root.iter():
        for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"):
            if el.get(k) is not None:
                assert float(el.get(k)) >= 0


def test_empty_page_and_odd_text_still_valid(tmp_path):
    page = Page(source=tmp_path / "blank.png", width=100, height=80)
    data = to_xml(page, OutputSettings())
    assert xsd_valid(data, "alto-4-4.xsd") == [] and validate_bytes(data) == []
    page.blocks = [Block("1 bad id", BlockType.BODY, Box(0, 0, 50, 20),
                         lines=[Line("l", Box(0, 0, 50, 20), words=[Word("a\x00b", Box(0, 0, 20, 20), 1.5),
                                                                    Word("  ", Box(20, 0, 40, 20), 0.5)]),
                                Line("empty", Box(0, 0, 10, 10))], order=0)]
    for version in ("4.4", "2.1"):
        data = to_xml(page, OutputSettings(alto_version=version))
        assert validate_bytes(data) == [], version
        root = etree.fromstring(data)
        strings = [e for e in root.iter() if etree.QName(e).localname == "String"]
        assert [s.get("CONTENT") for s in strings] == ["ab"] and strings[0].get("WC") == "1"


def test_independent_reader_accepts_our_alto(tmp_path, page, capsys):
    """alto-tools (PyPI, a reader written without our code) parses our ALTO: namespace accepted,
    every line's text, the mean word confidence and the illustration/separator boxes come out.
    Like most ALTO readers it joins Strings with a blank (it ignores SP), so a Chinese line
    reads back with a blank between characters: compare with blanks removed."""
    from alto_tools import alto_tools as at   # in the [test] extra
    out = tmp_path / "p.xml"
    write_alto(page, out, OutputSettings())
    with open(out, "rb") as f:
        parsed = at.alto_parse(f)
        assert parsed is not None, capsys.readouterr().out
        _, xml, ns = parsed
        capsys.readouterr()
        at.alto_text(xml, ns)
        lines = capsys.readouterr().out.strip("\n").split("\n")
        mean_wc = at.alto_confidence(f, xml, ns)
        at.alto_illustrations(f, xml, ns)
        at.alto_graphics(f, xml, ns)
        boxes = capsys.readouterr().out
    assert ns == A4
    expected = [ln.text.replace(" ", "") for b in page.ordered_blocks() for ln in b.lines]
    got = [ln.replace(" ", "") for ln in lines]
    assert got[0] == "人民日报" and "电话CN50-0033inter" in got
    assert len(got) == len(expected)
    same = [g == e for g, e in zip(got, expected)]
    assert sum(same) >= len(expected) - 2   # the hyphenated pair is read by alto-tools' own rule
    words = [w.confidence for w in page.words()]
    assert mean_wc == pytest.approx(100 * sum(words) / len(words), abs=0.1)
    assert "Illustration: a2_pic=600,800,300,1100" in boxes and "GraphicalElement: sep1=" in boxes


@pytest.mark.slow
def test_real_pipeline_page_gives_valid_alto(sample_dir):
    """A rendered skewed page with a picture through every stage: both ALTO versions are valid and
    every recognised line is written once, in the model's reading order."""
    from digitize.config import Settings
    from digitize.pipeline import process_file
    (page,) = list(process_file(sample_dir / "page-b.jpg", Settings()))
    assert page.steps and any(ln.words for ln in page.lines())
    for version, xsd in (("4.4", "alto-4-4.xsd"), ("2.1", "alto-2-1.xsd")):
        data = to_xml(page, OutputSettings(alto_version=version), source_name="page-b.jpg")
        assert xsd_valid(data, xsd) == [] and validate_bytes(data) == [], version
    root = etree.fromstring(to_xml(page, OutputSettings()))
    written = [tl.get("ID") for tl in root.iter(q(A4, "TextLine"))]
    expected = [ln.id for b in page.ordered_blocks() for ln in b.lines if ln.words]
    assert written == expected
    assert len(list(root.iter(q(A4, "Processing")))) == len(page.steps)



@pytest.mark.parametrize("version,xsd", [("4.4", "alto-4-4.xsd"), ("2.1", "alto-2-1.xsd")])
def test_script_alternatives_for_cross_script_search(tmp_path, version, xsd):
    from digitize.writers.text import write_text
    p = Page(source=Path("trad.png"), width=600, height=400, dpi=300.0)
    line = han_line("l1", "臺灣報紙的新聞", 20, 20, vertical=True)
    p.blocks = [Block("b1", BlockType.BODY, line.box, lines=[line], order=0, vertical=True)]
    data = to_xml(p, OutputSettings(alto_version=version, script_alternatives="simplified"))
    assert xsd_valid(data, xsd) == [] and validate_bytes(data) == []
    strings = [e for e in etree.fromstring(data).iter() if isinstance(e.tag, str) and e.tag.endswith("}String")]
    alts = {s.get("CONTENT"): [a.text for a in s if a.tag.endswith("}ALTERNATIVE")] for s in strings}
    assert alts["臺"] == ["台"] and alts["灣"] == ["湾"] and alts["的"] == []      # same in both scripts: none
    assert all(a.get("PURPOSE") == "simplified" for s in strings for a in s if a.tag.endswith("}ALTERNATIVE"))
    assert "ALTERNATIVE" not in to_xml(p, OutputSettings(alto_version=version)).decode()
    write_text(p, tmp_path / "t.txt", script="simplified")
    assert (tmp_path / "t.txt").read_text(encoding="utf-8").strip() == "台湾报纸的新闻"
    write_text(p, tmp_path / "t.txt")
    assert (tmp_path / "t.txt").read_text(encoding="utf-8").strip() == "臺灣報紙的新聞"
