"""`digitize mets OUT_FOLDER`: one METS file for a newspaper issue from its ALTO output."""
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


@click.command()
@click.argument("out_folder", type=click.Path(file_okay=False))
@click.option("--title", help="Newspaper title (MODS titleInfo, METS LABEL).")
@click.option("--date", callback=_check_date, help="Issue date, YYYY-MM-DD (MODS dateIssued).")
@click.option("--issue", help="Issue number (MODS part/detail type=issue).")
def mets(out_folder: str, title: str | None, date: str | None, issue: str | None) -> None:
    """Write OUT_FOLDER/mets.xml for the ALTO files under OUT_FOLDER (one newspaper issue).

    Pages are ordered by PHYSICAL_IMG_NR, then path; images come from OUT_FOLDER/manifest.sqlite
    when present, else from each ALTO's sourceImageInformation.
    """
    from ..writers.mets import write_mets
    path = write_mets(out_folder, title=title, date=date, issue=issue)
    click.echo(str(path))
