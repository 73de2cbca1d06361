"""`digitize mets OUT`: one METS file per newspaper issue found in a batch's output folder."""
from __future__ import annotations

import datetime as dt

import click


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date YYYY-MM-DD") from None


@click.command(epilog="\b\nExample:\n  digitize mets out --title 重庆科技报 --date 2020-12-17 --issue 384")
@click.argument("out_folder", type=click.Path(file_okay=False))
@click.option("--issues", "pattern", metavar="GLOB",
              help="Issue folders relative to OUT_FOLDER, e.g. '*/*/*' for TITLE/YYYY/MM-DD; each holds every "
                   "ALTO file beneath it.  Default: every folder holding ALTO files is one issue.")
@click.option("--title", help="Newspaper title (MODS titleInfo, METS LABEL).")
@click.option("--date", callback=_check_date,
              help="Issue date, YYYY-MM-DD (MODS dateIssued); only for one issue.  Default: the date in the "
                   "issue folder's path (YYYY/MM/DD, YYYY-MM-DD or YYYYMMDD).")
@click.option("--issue", help="Issue number (MODS part/detail type=issue); only for one issue.")
@click.option("--masters", type=click.Choice(["link", "copy", "none"]), default="link", show_default=True,
              help="Put the input scans into ISSUE/masters/ as hard links (copies across file systems), as "
                   "copies, or leave them out of the package.")
@click.option("--pdf", "issue_pdf", is_flag=True,
              help="Also join each issue's page PDFs (from `digitize run --pdf`) into one PDF beside its METS.")
def mets(out_folder: str, pattern: str | None, title: str | None, date: str | None, issue: str | None,
         masters: str, issue_pdf: bool) -> None:
    """Write one METS file per issue under OUT_FOLDER and print the path of each, one per line.

    Every reference in a METS is relative to it and inside its issue folder (the folder can be
    moved or zipped); pages are in file order; every file has its size and SHA-256 checksum.
    The METS is ISSUE/mets.xml, or mets_1.xml... when a page's outputs already use that name.
    """
    from ..writers.mets import write_issues
    results = write_issues(out_folder, pattern, title=title, date=date, issue=issue, masters=masters,
                           issue_pdf=issue_pdf)
    for r in results:
        for w in r.warnings:
            click.echo(f"warning: {w}", err=True)
        click.echo(str(r.path))
