"""Issue packages end to end: a year/month/day tree of two issues -> two METS that survive `mv`,
stay valid after `qa correct`, and report a hand-edited ALTO.  Real `digitize` processes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree

from .test_cli_run import ROOT, render

M = "http://www.loc.gov/METS/"
XL = "http://www.w3.org/1999/xlink"


def digitize(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run([sys.executable, "-c", "import sys; from digitize.cli import main; sys.exit(main())",
                           *map(str, args)], env=env, capture_output=True, text=True, timeout=300)


def test_two_issues_two_mets_that_survive_a_move_corrections_and_report_edits(tmp_path: Path) -> None:
    scans, out = tmp_path / "scans", tmp_path / "out"
    for rel, seed in (("daily/1950/03/05/p1.png", 1), ("daily/1950/03/05/p2.png", 2),
                      ("daily/1950/03/06/p1.png", 3), ("daily/1950/03/06/mets.png", 4)):
        render(scans / rel, seed, lines=3)
    res = digitize("run", scans, "-o", out, "--workers", 2, "--pdf")
    assert res.returncode == 0, res.stderr
    day1, day2 = out / "daily/1950/03/05", out / "daily/1950/03/06"
    page_alto = (day2 / "mets.xml").read_bytes()              # the page scanned as mets.png

    res = digitize("mets", out, "--title", "Daily", "--pdf")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [str(day1 / "mets.xml"), str(day2 / "mets_1.xml")]
    assert (day2 / "mets.xml").read_bytes() == page_alto       # never overwritten by the METS
    root = etree.parse(str(day2 / "mets_1.xml")).getroot()
    assert root.findtext(".//{http://www.loc.gov/mods/v3}dateIssued") == "1950-03-06"
    hrefs = {g.get("USE"): [f.find(f"{{{M}}}FLocat").get(f"{{{XL}}}href") for f in g]
             for g in root.iter(f"{{{M}}}fileGrp")}
    assert hrefs == {"MASTER": ["masters/mets.png", "masters/p1.png"], "FULLTEXT": ["mets.xml", "p1.xml"],
                     "TEXT": ["mets.txt", "p1.txt"], "PDF": ["mets.pdf", "p1.pdf"], "ISSUE_PDF": ["mets_1.pdf"]}
    # the issue PDF: the two pages' PDFs in page order, text layers and all
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(day2 / "mets_1.pdf"))
    try:
        assert len(doc) == 2
        for i, stem in enumerate(["mets", "p1"]):
            want = "".join((day2 / f"{stem}.txt").read_text(encoding="utf-8").split())
            assert "".join(doc[i].get_textpage().get_text_range().split()) == want
    finally:
        doc.close()

    moved = tmp_path / "moved" / "package"
    moved.parent.mkdir()
    shutil.move(str(out), str(moved))
    shutil.rmtree(scans)                                      # the package holds its own masters
    m1, m2 = moved / "daily/1950/03/05/mets.xml", moved / "daily/1950/03/06/mets_1.xml"
    res = digitize("validate", m1, m2)
    assert res.returncode == 0, res.stdout
    assert res.stdout.splitlines() == [f"{m1}: OK", f"{m2}: OK"]

    alto = m1.parent / "p2.xml"
    line_id = next(el.get("ID") for el in etree.parse(str(alto)).getroot().iter()
                   if etree.QName(el).localname == "TextLine")
    res = digitize("qa", "correct", moved, "daily/1950/03/05/p2.png", line_id, "人民群众生活水平不断提高")
    assert res.returncode == 0, res.stderr
    assert f"checksums refreshed in {m1}" in res.stdout
    assert f"note: {m1.parent / 'p2.pdf'} keeps the text layer it was made with" in res.stdout
    res = digitize("validate", m1, m2)
    assert res.returncode == 0, res.stdout

    alto.write_bytes(alto.read_bytes().replace(b"</alto>", b"<!-- edited by hand --></alto>"))
    res = digitize("validate", m1, m2)
    assert res.returncode == 1
    assert "p2.xml does not match its SHA-256 checksum" in res.stdout and f"{m2}: OK" in res.stdout
