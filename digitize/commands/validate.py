"""`digitize validate FILE...`: schema, geometry and reference checks of ALTO and METS files."""
from __future__ import annotations

import sys

import click

from ..validate import validate_file


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check ALTO 4.x / 2.x and METS FILES against the official schemas, geometry and references.

    Prints `FILE: OK` or one line per problem; exit status 0 when every file is valid, else 1.
    """
    ok = True
    for f in files:
        problems = validate_file(f)
        if problems:
            ok = False
            for p in problems:
                click.echo(f"{f}: {p}")
        else:
            click.echo(f"{f}: OK")
    sys.exit(0 if ok else 1)
