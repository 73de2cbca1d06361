"""The command line: a thin layer over the Python API.

Each command lives in its own module under :mod:`digitize.commands`; they are imported only when
used, so ``digitize --help`` is fast and a broken optional dependency does not break every command.
"""
from __future__ import annotations

import importlib
import sys

import click

from . import __version__

# command name -> "module:attribute"
COMMANDS = {
    "run": "digitize.commands.run:run",
    "validate": "digitize.commands.validate:validate",
    "mets": "digitize.commands.mets:mets",
    "qa": "digitize.commands.qa:qa",
    "eval": "digitize.commands.eval:eval_cmd",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digitize")
def cli():
    """Turn scanned Chinese newspaper pages into ALTO XML and clean reading-order text."""


def main(argv=None):
    try:
        return cli.main(args=argv, prog_name="digitize", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
