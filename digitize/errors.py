"""Every error a user may see, with the exit code it ends a command with.

In the style of OCRmyPDF's ``exceptions.py``: each class carries its :class:`ExitCode` and one
message format (:attr:`DigitizeError.message`).  Library code raises these; the command line has
one handler (:func:`digitize.cli.main`) that prints ``digitize: error: <message>`` on one line to
stderr and exits with the class's code, the same way for every command.  Tracebacks are shown only
with ``--debug`` (or ``DIGITIZE_DEBUG=1``).
"""
from __future__ import annotations

from enum import IntEnum
from pathlib import Path

PREFIX = "digitize: error: "


class ExitCode(IntEnum):
    """Exit codes of every ``digitize`` command (documented in README.md)."""

    ok = 0
    some_failed = 1      # the command went through, but some items failed: pages (run), files (validate)
    cannot_run = 2       # usage, configuration, input, output folder, engine or scheduler: fix, then rerun
    aborted = 3          # run: stopped after --max-failures failed pages; rerun to continue
    stopped = 4          # run: stopped midway by what it depends on (disk full, Dask scheduler gone); rerun
    internal = 5         # a bug in digitize: rerun with --debug and report the traceback
    interrupted = 130    # Ctrl-C; rerun to continue


EXIT_CODES_HELP = """\b
Exit codes (every command; errors print one line starting 'digitize: error: '):
  0  done (every page done or skipped as already done; every file valid)
  1  some pages failed / some files have problems (each named with its reason)
  2  cannot run: bad option or argument, configuration, input, output folder
     (read-only, in use, inside the input), OCR engine cannot start, Dask
     scheduler unreachable or without workers; fix it and rerun
  3  run aborted after --max-failures failures; rerun to continue
  4  run stopped midway (disk full, output folder made read-only, Dask
     scheduler gone); finished pages are kept, rerun to continue
  5  a bug in digitize (rerun with --debug or DIGITIZE_DEBUG=1 for the traceback)
  130  interrupted (Ctrl-C); rerun to continue
"""


def one_line(text: object) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


class DigitizeError(Exception):
    """Base class: anything raised on purpose by digitize.  ``str(e)`` is :attr:`message`."""

    exit_code = ExitCode.cannot_run

    @property
    def message(self) -> str:
        """The one line printed after the prefix (file names with newlines stay on one line)."""
        return one_line(super().__str__() if self.args else type(self).__doc__ or type(self).__name__)

    def __str__(self) -> str:
        return self.message


class UsageError(DigitizeError):
    """The command line asks for something impossible (beyond what option parsing catches)."""


class ConfigError(DigitizeError):
    """A configuration file or option is wrong."""


class InputError(DigitizeError):
    """A file or folder given to digitize cannot be used: ``PATH: reason``."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = one_line(reason)
        super().__init__(self.path, self.reason)

    @property
    def message(self) -> str:
        return one_line(f"{self.path}: {self.reason}")


class OutputError(InputError):
    """The output folder cannot be used (read-only, in use by another run, the input folder itself)."""


class EngineError(DigitizeError):
    """An OCR engine cannot be created or failed on a page."""


class EngineStartError(EngineError):
    """The OCR engine cannot start in the workers: no page can succeed, the run stops."""


class SchedulerError(DigitizeError):
    """The Dask scheduler cannot be reached, or has no workers."""


class StoppedError(DigitizeError):
    """A run stopped midway because something it depends on went away; finished pages are kept."""

    exit_code = ExitCode.stopped
    advice = "finished pages are kept; rerun the same command to continue"

    @property
    def message(self) -> str:
        return f"{super().message}; {self.advice}"


class OutputFullError(StoppedError):
    """The output folder cannot take more files (disk full, quota, made read-only) during a run."""


class SchedulerLostError(StoppedError):
    """The Dask scheduler went away during a run."""


class Interrupted(DigitizeError):
    """Ctrl-C."""

    exit_code = ExitCode.interrupted

    @property
    def message(self) -> str:
        return "interrupted; pages not finished are left for the next run (rerun the same command to continue)"


def exit_code_of(e: BaseException) -> int:
    """The exit code a command ends with when ``e`` stops it."""
    if isinstance(e, DigitizeError):
        return int(e.exit_code)
    if isinstance(e, KeyboardInterrupt):
        return int(ExitCode.interrupted)
    return int(ExitCode.internal)


def message_of(e: BaseException) -> str:
    """The one-line message printed for ``e`` (a bug is named by its type and first line)."""
    if isinstance(e, DigitizeError):
        return e.message
    if isinstance(e, KeyboardInterrupt):
        return Interrupted().message
    first = (str(e).strip().splitlines() or [""])[0]
    return one_line(f"unexpected error (a bug in digitize): {type(e).__name__}: {first} "
                    "(--debug shows the traceback)")
