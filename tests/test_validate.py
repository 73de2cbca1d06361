"""Validator: accepts our ALTO/METS, catches schema, geometry, reference and reading-order faults."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from digitize.cli import cli
from digitize.config import OutputSettings
from digitize.validate import validate_bytes, validate_file
from digitize.writers.alto import to_xml

from .test_alto import sample_page

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">\n'
        '<Description><MeasurementUnit>pixel</MeasurementUnit></Description>\n')


def alto(body: str, tags: str = "", ro: str = "") -> bytes:
    """A small hand-written ALTO 4.4 page 1000x800 with the given PrintSpace content."""
    tags = f"<Tags>{tags}</Tags>\n" if tags else ""
    ro = f"<ReadingOrder><OrderedGroup ID='RO'>{ro}</OrderedGroup></ReadingOrder>\n" if ro else ""
    return (HEAD + tags + ro + '<Layout><Page ID="P1" PHYSICAL_IMG_NR="1" WIDTH="1000" HEIGHT="800">\n'
            '<PrintSpace HPOS="0" VPOS="0" WIDTH="1000" HEIGHT="800">\n' + body +
            '\n</PrintSpace></Page></Layout></alto>\n').encode()


def block(bid: str, x: int, y: int, w: int, h: int, extra: str = "", strings: str | None = None) -> str:
    s = strings if strings is not None else \
        f'<String CONTENT="字" HPOS="{x}" VPOS="{y}" WIDTH="{min(w, 20)}" HEIGHT="{min(h, 20)}" WC="0.9" CC="1"/>'
    return (f'<TextBlock ID="{bid}" HPOS="{x}" VPOS="{y}" WIDTH="{w}" HEIGHT="{h}" {extra}>'
            f'<TextLine ID="{bid}_l" HPOS="{x}" VPOS="{y}" WIDTH="{w}" HEIGHT="{h}">{s}</TextLine></TextBlock>')


def test_a_good_hand_written_file_is_valid():
    assert validate_bytes(alto(block("A", 10, 10, 100, 40) + block("B", 10, 60, 100, 40),
                               ro='<ElementRef ID="r1" REF="A"/><ElementRef ID="r2" REF="B"/>')) == []


def test_negative_sizes_and_coordinates():
    probs = validate_bytes(alto(block("A", 10, 10, 100, 40).replace('WIDTH="100"', 'WIDTH="-5"', 1)))
    assert any("TextBlock A: negative WIDTH -5" in p for p in probs)
    probs = validate_bytes(alto(block("A", -3, 10, 100, 40)))
    assert any("negative HPOS -3" in p for p in probs)


def test_box_outside_page_and_outside_parent():
    probs = validate_bytes(alto(block("A", 950, 10, 100, 40)))
    assert any("TextBlock A" in p and "outside the page 1000x800" in p for p in probs)
    s = '<String ID="s1" CONTENT="字" HPOS="200" VPOS="10" WIDTH="20" HEIGHT="20"/>'
    probs = validate_bytes(alto(block("A", 10, 10, 100, 40, strings=s)))
    assert any("String s1" in p and "not inside its parent TextLine A_l" in p for p in probs)


def test_polygons_must_stay_on_the_page():
    poly = '<Shape><Polygon POINTS="{}"/></Shape>'
    good = block("A", 10, 10, 100, 40).replace('">', '">' + poly.format("10,12 110,10 108,50 10,50"), 1)
    assert validate_bytes(alto(good)) == []
    neg = block("A", 10, 10, 100, 40).replace('">', '">' + poly.format("-2,12 110,10 108,50 10,50"), 1)
    assert any("negative polygon point" in p for p in validate_bytes(alto(neg)))
    out = block("A", 10, 10, 100, 40).replace('">', '">' + poly.format("10 12 1110 10 108 50"), 1)
    assert any("polygon point outside the page 1000x800" in p for p in validate_bytes(alto(out)))


def test_dangling_and_wrong_kind_references():
    tags = '<LayoutTag ID="LT_BODY" LABEL="body"/>'
    probs = validate_bytes(alto(block("A", 10, 10, 100, 40, 'TAGREFS="LT_NOPE"'), tags=tags))
    assert any("TAGREFS 'LT_NOPE' points to no element" in p for p in probs)
    assert not any("schema" in p for p in probs)      # libxml2's XSD check lets dangling IDREFS pass
    probs = validate_bytes(alto(block("A", 10, 10, 100, 40, 'STYLEREFS="LT_BODY"'), tags=tags))
    assert any("TextBlock A: STYLEREFS 'LT_BODY' points to a LayoutTag" in p for p in probs)
    probs = validate_bytes(alto(block("A", 10, 10, 100, 40), ro='<ElementRef ID="r1" REF="A"/><ElementRef ID="r2" REF="Z"/>'))
    assert any("REF 'Z' points to no element" in p for p in probs)


def test_reading_order_must_follow_element_order_and_list_every_text_block():
    body = block("A", 10, 10, 100, 40) + block("B", 10, 60, 100, 40) + block("C", 10, 120, 100, 40)
    probs = validate_bytes(alto(body, ro='<ElementRef ID="r1" REF="B"/><ElementRef ID="r2" REF="A"/>'))
    assert any("ReadingOrder puts A after B" in p for p in probs)
    assert any("TextBlock C: TextBlock missing from the ReadingOrder" in p for p in probs)


def test_cc_must_match_content():
    s = '<String ID="s1" CONTENT="人民" HPOS="10" VPOS="10" WIDTH="20" HEIGHT="20" CC="1"/>'
    assert any("CC has 1 values for 2 characters" in p for p in validate_bytes(alto(block("A", 10, 10, 100, 40, strings=s))))


def test_schema_errors_are_reported_with_lines():
    probs = validate_bytes(alto(block("A", 10, 10, 100, 40)).replace(b'WC="0.9"', b'WC="1.5"', 1))
    assert probs and all(re.match(r"line \d+: ", p) for p in probs) and any("schema (alto-4-4.xsd)" in p for p in probs)


def test_unreadable_and_foreign_files(tmp_path):
    assert validate_file(tmp_path / "missing.xml") == ["file not found"]
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<alto><Layout>")
    (p,) = validate_file(bad)
    assert p.startswith("not well-formed XML")
    other = tmp_path / "other.xml"
    other.write_bytes(b"<html/>")
    assert validate_file(other) == ["root element html is not ALTO 4, ALTO 2 or METS"]


def test_cli_prints_ok_or_problems_and_sets_exit_code(tmp_path):
    good = tmp_path / "good.xml"
    good.write_bytes(to_xml(sample_page(tmp_path), OutputSettings()))
    good21 = tmp_path / "good21.xml"
    good21.write_bytes(to_xml(sample_page(tmp_path), OutputSettings(alto_version="2.1")))
    runner = CliRunner()
    r = runner.invoke(cli, ["validate", str(good), str(good21)])
    assert r.exit_code == 0 and r.output.splitlines() == [f"{good}: OK", f"{good21}: OK"]
    broken = tmp_path / "broken.xml"
    broken.write_bytes(alto(block("A", -3, 10, 100, 40)))
    r = runner.invoke(cli, ["validate", str(good), str(broken), str(tmp_path / "nope.xml")])
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines[0] == f"{good}: OK"
    assert any(ln.startswith(f"{broken}: ") and "negative HPOS" in ln for ln in lines)
    assert lines[-1] == f"{tmp_path / 'nope.xml'}: file not found"
    assert "Traceback" not in r.output


@pytest.mark.parametrize("xsd", ["alto-4-4.xsd", "alto-2-1.xsd", "mets-1-12-1.xsd"])
def test_shipped_schemas_load_offline(xsd):
    """The package ships the official XSDs (licence headers kept); their loc.gov xlink import is
    served from the local copy: the parser runs with no_network, so a remote fetch would fail."""
    from digitize.validate import SCHEMA_DIR, load_schema
    assert load_schema(xsd) is not None
    head = (SCHEMA_DIR / xsd).read_text(encoding="utf-8")[:6000]
    assert head.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert ("ALTO: Analyzed Layout and Text Object" in head or "CC BY-SA 4.0" in head) if xsd.startswith("alto") \
        else "METS: Metadata Encoding and Transmission Standard" in head
