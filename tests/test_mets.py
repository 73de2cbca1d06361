"""METS per issue: valid METS 1.12.1, pages in order, files and checksums, articles -> ALTO blocks."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from digitize.cli import cli
from digitize.config import OutputSettings
from digitize.errors import InputError
from digitize.validate import load_schema, validate_file
from digitize.writers.alto import write_alto
from digitize.writers.mets import refresh_checksums, write_issue, write_issues, write_mets

from .test_alto import sample_page

M = "http://www.loc.gov/METS/"
XL = "http://www.w3.org/1999/xlink"
A4 = "http://www.loc.gov/standards/alto/ns-v4#"


def q(tag: str) -> str:
    return f"{{{M}}}{tag}"


def make_issue(tmp_path: Path, manifest: bool) -> Path:
    """OUT/ with three pages: p3 (ALTO 2.1) in a subfolder, p1 and p2 at the top, texts beside them."""
    out = tmp_path / "out"
    rows = []
    for nr, rel, version in ((2, "b/page-2.xml", "4.4"), (1, "page-1.xml", "4.4"), (3, "a/page-3.xml", "2.1")):
        page = sample_page(tmp_path)
        page.page_number = nr
        page.source = tmp_path / "scans" / Path(rel).with_suffix(".tif")
        page.source.parent.mkdir(parents=True, exist_ok=True)
        page.source.write_bytes(b"II*\x00 fake tiff " + bytes([nr]))
        page.checksum = hashlib.sha256(page.source.read_bytes()).hexdigest()
        write_alto(page, out / rel, OutputSettings(alto_version=version),
                   source_name=Path(rel).with_suffix(".tif").as_posix())
        (out / rel).with_suffix(".txt").write_text(f"page {nr}\n", encoding="utf-8")
        rows.append((str(page.source), rel, Path(rel).with_suffix(".txt").as_posix()))
    (out / "notes.xml").write_text("<notes/>", encoding="utf-8")     # not ALTO: ignored
    if manifest:
        con = sqlite3.connect(out / "manifest.sqlite")
        con.execute("CREATE TABLE pages (id INTEGER PRIMARY KEY, source TEXT, frame INTEGER, alto TEXT, txt TEXT)")
        con.executemany("INSERT INTO pages (source, frame, alto, txt) VALUES (?, 0, ?, ?)", rows)
        con.commit()
        con.close()
    return out


@pytest.fixture
def issue(tmp_path) -> Path:
    return make_issue(tmp_path, manifest=True)


def test_mets_is_valid_and_points_at_alto_blocks(issue):
    path = write_mets(issue, title="人民日报", date="1950-03-05", issue="12")
    assert path == issue / "mets.xml"
    tree = etree.parse(str(path))
    schema = load_schema("mets-1-12-1.xsd")
    assert schema.validate(tree), schema.error_log
    assert validate_file(path) == []
    root = tree.getroot()
    # every area names an existing block of the ALTO file it points to
    files = {f.get("ID"): f.find(q("FLocat")).get(f"{{{XL}}}href") for f in root.iter(q("file"))}
    areas = list(root.iter(q("area")))
    assert len(areas) >= 3 * 11
    for area in areas:
        alto = etree.parse(str(issue / files[area.get("FILEID")]))
        assert alto.getroot().xpath("//*[@ID=$i]", i=area.get("BEGIN"))
    # articles become logical divisions with their blocks in reading order and the headline as label
    arts = [d for d in root.iter(q("div")) if d.get("TYPE") == "article"]
    assert len(arts) == 6
    assert arts[0].get("LABEL") == "新闻标题"
    assert [a.get("BEGIN") for a in arts[1].iter(q("area"))] == ["a2_head", "a2_body", "a2_pic", "a2_cap"]


def test_pages_in_file_order_masters_in_the_package_all_relative(issue):
    result = write_issue(issue)
    assert result.warnings == [] and result.pages == 3
    root = etree.parse(str(result.path)).getroot()
    phys = [d for d in root.iter(q("div")) if d.get("TYPE") == "page"]
    assert [d.get("ORDER") for d in phys] == ["1", "2", "3"]
    grp = {g.get("USE"): g for g in root.iter(q("fileGrp"))}
    assert set(grp) == {"MASTER", "FULLTEXT", "TEXT"}
    hrefs = lambda use: [f.find(q("FLocat")).get(f"{{{XL}}}href") for f in grp[use]]   # noqa: E731
    assert hrefs("FULLTEXT") == ["a/page-3.xml", "b/page-2.xml", "page-1.xml"]           # file order
    assert hrefs("TEXT") == ["a/page-3.txt", "b/page-2.txt", "page-1.txt"]
    assert hrefs("MASTER") == ["masters/page-3.tif", "masters/page-2.tif", "masters/page-1.tif"]
    for f in root.iter(q("file")):
        data = (issue / f.find(q("FLocat")).get(f"{{{XL}}}href")).read_bytes()
        assert f.get("CHECKSUM") == hashlib.sha256(data).hexdigest() and f.get("CHECKSUMTYPE") == "SHA-256"
        assert f.get("SIZE") == str(len(data))
    assert grp["MASTER"][0].get("MIMETYPE") == "image/tiff"
    # the master is the input scan itself (a hard link here: same file system)
    assert (issue / "masters" / "page-1.tif").samefile(issue.parent / "scans" / "page-1.tif")
    # each physical page holds its image, ALTO and text
    assert [fp.get("FILEID") for fp in phys[0].iter(q("fptr"))] == ["IMG_0001", "ALTO_0001", "TXT_0001"]
    # every logical division is linked to its page
    links = {(s.get(f"{{{XL}}}from"), s.get(f"{{{XL}}}to")) for s in root.iter(q("smLink"))}
    assert ("LOG_0001", "PHYS_0001") in links and len(links) == 1 + 3 * 6   # issue + 6 divisions per page


def test_without_manifest_masters_are_named_as_missing(tmp_path):
    out = make_issue(tmp_path, manifest=False)
    result = write_issue(out)
    assert validate_file(result.path) == []
    assert len(result.warnings) == 3 and all("not found" in w for w in result.warnings)
    root = etree.parse(str(result.path)).getroot()
    assert [g.get("USE") for g in root.iter(q("fileGrp"))] == ["FULLTEXT", "TEXT"]
    assert root.find(q("dmdSec")) is None
    assert write_issue(out, masters="none").warnings == []


def test_mods_metadata(issue):
    root = etree.parse(str(write_mets(issue, title="人民日报", date="1950-03-05", issue="12"))).getroot()
    mods = "{http://www.loc.gov/mods/v3}"
    assert root.findtext(f".//{mods}title") == "人民日报"
    assert root.findtext(f".//{mods}dateIssued") == "1950-03-05"
    assert root.findtext(f".//{mods}detail[@type='issue']/{mods}number") == "12"
    assert root.find(f".//{q('div')}[@TYPE='issue']").get("DMDID") == "DMD_ISSUE"


def test_validator_catches_a_mets_area_pointing_nowhere(issue):
    path = write_mets(issue)
    broken = path.read_bytes().replace(b'BEGIN="a1_head"', b'BEGIN="no_such_block"', 1)
    path.write_bytes(broken)
    assert any("BEGIN 'no_such_block' is no ID in page-3.xml" in p for p in validate_file(path))
    (issue / "page-1.xml").unlink()
    assert any("page-1.xml does not exist" in p for p in validate_file(path))


def test_validator_checks_sizes_and_checksums_and_refresh_mends_them(issue):
    path = write_mets(issue)
    assert validate_file(path) == []
    txt = issue / "b" / "page-2.txt"
    txt.write_text("page 2, edited by hand\n", encoding="utf-8")
    problems = validate_file(path)
    assert any("b/page-2.txt is" in p and "the METS says" in p for p in problems)
    assert any("b/page-2.txt does not match its SHA-256 checksum" in p for p in problems)
    assert refresh_checksums([txt], issue) == [path]
    assert validate_file(path) == []


def test_mets_name_never_takes_a_pages_output(tmp_path):
    out = make_issue(tmp_path, manifest=True)
    (out / "page-1.xml").rename(out / "mets.xml")          # a page scanned as mets.png
    (out / "page-1.txt").rename(out / "mets.txt")
    alto = (out / "mets.xml").read_bytes()
    first = write_issue(out, recursive=False, masters="none")
    assert first.path == out / "mets_1.xml" and (out / "mets.xml").read_bytes() == alto
    again = write_issue(out, recursive=False, masters="none")
    assert again.path == out / "mets_1.xml" and validate_file(again.path) == []


def test_a_day_tree_gives_one_mets_per_issue_dated_by_its_path(tmp_path):
    out = tmp_path / "out"
    for day, n in (("1950/03/05", 2), ("1950/03/06", 1)):
        for i in range(n):
            page = sample_page(tmp_path)
            write_alto(page, out / "daily" / day / f"p{i + 1}.xml", OutputSettings())
    results = write_issues(out, masters="none")
    assert [r.path for r in results] == [out / "daily/1950/03/05/mets.xml", out / "daily/1950/03/06/mets.xml"]
    assert [(r.pages, r.date) for r in results] == [(2, "1950-03-05"), (1, "1950-03-06")]
    mods = "{http://www.loc.gov/mods/v3}"
    assert etree.parse(str(results[0].path)).getroot().findtext(f".//{mods}dateIssued") == "1950-03-05"
    # a pattern makes the day folders' parent the issue instead
    [month] = write_issues(out, pattern="daily/1950/03", masters="none")
    assert month.pages == 3 and month.date is None
    with pytest.raises(InputError, match="2 issues found"):
        write_issues(out, date="1950-03-05", masters="none")


def test_cli(issue, tmp_path):
    runner = CliRunner()
    r = runner.invoke(cli, ["mets", str(issue), "--title", "T"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [str(issue / "mets.xml"), str(issue / "a" / "mets.xml"),
                                     str(issue / "b" / "mets.xml")]
    r = runner.invoke(cli, ["mets", str(issue / "a"), "--date", "1950-03-05", "--issue", "3"])
    assert r.exit_code == 0 and r.output.strip() == str(issue / "a" / "mets.xml")
    r = runner.invoke(cli, ["mets", str(issue), "--date", "1950-13-05"])
    assert r.exit_code == 2 and "not a date YYYY-MM-DD" in r.output
    empty = tmp_path / "empty"
    empty.mkdir()
    r = runner.invoke(cli, ["mets", str(empty)])
    assert r.exit_code == 2 and r.output.strip() == f"digitize: error: {empty}: no ALTO files found"
    with pytest.raises(InputError, match="not a folder"):
        write_mets(tmp_path / "missing")
