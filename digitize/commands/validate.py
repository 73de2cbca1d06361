"""`digitize validate FILE...`: schema, geometry and reference checks of ALTO and METS files."""
from __future__ import annotations

import sys

import click

from ..errors import DigitizeError
from ..validate import validate_file


@click.command(epilog="\b\nExample:\n  digitize validate out/issue1/p1.xml out/issue1/mets.xml")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check ALTO 4.x / 2.x and METS FILES against the official schemas, geometry and references.

    Prints `FILE: OK` or one line per problem and goes on to the next file; exit status 0 when
    every file is valid, else 1.  Files are read with DTDs and entities refused, no network access,
    and a size limit (64 MB; DIGITIZE_MAX_XML_MB sets another).
    """
    ok = True
    for f in files:
        try:
            problems = validate_file(f)
        except DigitizeError as e:        # one bad file never stops the check of the others
            problems = [e.message]
        if problems:
            ok = False
            for p in problems:
                click.echo(f"{f}: {p}")
        else:
            click.echo(f"{f}: OK")
    sys.exit(0 if ok else 1)
