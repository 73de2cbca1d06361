"""The command line: a thin layer over the Python API.

Each command lives in its own module under :mod:`digitize.commands`; they are imported only when
used, so ``digitize --help`` is fast and a broken optional dependency does not break every command.

Errors are handled in one place, :meth:`DigitizeGroup.main`, for every command alike: a
:class:`~digitize.errors.DigitizeError` prints ``digitize: error: <message>`` and exits with its
class's code; a usage error (bad option or argument) prints the usage line, the same prefix, and
exits 2; Ctrl-C exits 130; anything else is a bug (exit 5, traceback with ``--debug``).
"""
from __future__ import annotations

import importlib
import os
import sys
import traceback

import click

from . import __version__
from .errors import PREFIX, ExitCode, exit_code_of, message_of, one_line

# command name -> "module:attribute"
COMMANDS = {
    "run": "digitize.commands.run:run",
    "validate": "digitize.commands.validate:validate",
    "mets": "digitize.commands.mets:mets",
    "qa": "digitize.commands.qa:qa",
    "eval": "digitize.commands.eval:eval_cmd",
}

# Set by `digitize run --debug` (or DIGITIZE_DEBUG=1): the handler prints tracebacks.
DEBUG = {"on": False}


def fail(e: BaseException) -> int:
    """Print the one line for ``e`` (and its traceback when debugging); the exit code to end with."""
    if DEBUG["on"] or os.environ.get("DIGITIZE_DEBUG"):
        click.echo(traceback.format_exc().rstrip(), err=True)
    click.echo(PREFIX + message_of(e), err=True)
    return exit_code_of(e)


def _usage(e: click.ClickException) -> int:
    if type(e).__name__ == "NoArgsIsHelpError":              # `digitize` alone: the help text
        e.show()
        return int(ExitCode.cannot_run)
    ctx = getattr(e, "ctx", None)
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            click.echo(f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.", err=True)
    click.echo(PREFIX + one_line(e.format_message()), err=True)
    return int(ExitCode.cannot_run)


class DigitizeGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run a command; in standalone mode every error ends here, printed and mapped to its exit code."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except click.exceptions.Abort:                       # Ctrl-C during a prompt
            code = fail(KeyboardInterrupt())
        except click.ClickException as e:                    # bad option, argument or file argument
            code = _usage(e)
        except KeyboardInterrupt as e:
            code = fail(e)
        except Exception as e:                               # DigitizeError, or a bug
            code = fail(e)
        sys.exit(code)


LazyGroup = DigitizeGroup   # the former name


@click.group(cls=DigitizeGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="\b\nExample:\n  digitize run scans/ -o out && digitize qa report out -o report.html")
@click.version_option(__version__, prog_name="digitize")
def cli():
    """Turn scanned Chinese newspaper pages into ALTO XML and clean reading-order text."""


def main(argv=None):
    return cli.main(args=argv, prog_name="digitize")


if __name__ == "__main__":      # `python -m digitize.cli` is the `digitize` command too (as `python -m digitize`)
    main()
