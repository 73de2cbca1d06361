"""``digitize run``: scans in, ALTO + text + manifest out, resumable, one bad page never stops the batch."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from ..config import load_settings
from ..errors import ConfigError, DigitizeError

EXIT_HELP = """\b
Exit codes:
  0  every page done (or skipped: already done, input unchanged)
  1  some pages failed (each named with its reason in the closing summary)
  2  the run cannot go on: usage or configuration error (bad option, config
     file, missing input, OCR engine cannot start, Dask scheduler
     unreachable, output folder in use or full); rerun when fixed
  3  aborted after --max-failures failures (the rest left for the next run)
  130  interrupted (Ctrl-C); rerun to continue
"""


@click.command(epilog=EXIT_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder: OUT/<path relative to the input folder>/<stem>.xml and .txt, and manifest.sqlite.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Local worker processes (default: all cores; 0 = all cores).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="TOML settings profile (see configs/default.toml).")
@click.option("--engine", type=click.Choice(["ppocr", "tesseract"]), default=None, help="OCR engine.")
@click.option("--alto-version", type=click.Choice(["4.4", "2.1"]), default=None, help="ALTO version written.")
@click.option("--force", is_flag=True, help="Redo pages already done.")
@click.option("--page-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds before a page is given up and marked failed (default 900).")
@click.option("--max-failures", type=click.IntRange(min=0), default=None,
              help="Abort after N failed pages (default 0: never).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Send pages to this Dask scheduler instead of local processes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; print the summary only when pages failed.")
@click.option("--log-json", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Append one JSON object per event (page started/done/failed, run summary) to FILE.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def run(inputs, out, workers, config, engine, alto_version, force, page_timeout, max_failures, scheduler,
        quiet, log_json, debug):
    """Turn scans (files, or folders searched recursively) into ALTO XML and clean text.

    Rerunning the same command resumes: pages already done whose input is unchanged are skipped.
    A page that fails, hangs past --page-timeout or kills its worker is marked failed and the
    batch goes on; OUT/manifest.sqlite records every page.
    """
    from ..batch.progress import Reporter
    from ..batch.runner import EngineStartError, run_batch

    try:
        settings = load_settings(config)
        settings = settings.override("batch", workers=workers, page_timeout=page_timeout,
                                     max_failures=max_failures, scheduler=scheduler)
        settings = settings.override("recognition", engine=engine)
        settings = settings.override("output", alto_version=alto_version)
    except ConfigError as e:
        _die(str(e), 2)
    if settings.batch.scheduler and not settings.batch.scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        _die(f"--scheduler {settings.batch.scheduler}: expected an address like tcp://HOST:PORT", 2)
    try:
        reporter = Reporter(quiet=quiet, log_json=log_json)
    except OSError as e:
        _die(f"{log_json}: cannot write the JSON log ({e.strerror or e})", 2)
    error: tuple[str, int] | None = None
    trace = ""
    try:
        summary = run_batch(inputs, out, settings, force=force, reporter=reporter, debug=debug)
    except EngineStartError as e:
        error, trace = (f"the OCR engine '{settings.recognition.engine}' cannot start in the workers: {e}", 2), \
            traceback.format_exc()
    except DigitizeError as e:            # InputError, scheduler unreachable, output folder in use/full
        error, trace = (str(e), 2), traceback.format_exc()
    except KeyboardInterrupt:
        error = ("interrupted; pages not finished are left for the next run (rerun the same command to continue)",
                 130)
    except Exception as e:   # a bug: one line unless --debug
        first = (str(e).strip().splitlines() or [""])[0]
        error = (f"unexpected error: {type(e).__name__}: {first} (--debug shows the traceback)", 2)
        trace = traceback.format_exc()
    if error is not None:
        reporter.event("run_aborted", reason=error[0], exit_code=error[1])
    reporter.close()                     # the progress bar stops before anything else is printed
    if error is not None:
        if debug and trace:
            click.echo(trace.rstrip(), err=True)
        _die(*error)
    _print_summary(summary, out, quiet, debug)
    sys.exit(summary.exit_code)


def _die(message: str, code: int) -> None:
    click.echo(f"digitize run: {message}", err=True)
    sys.exit(code)


def _print_summary(summary, out: Path, quiet: bool, debug: bool) -> None:
    if quiet and not summary.failed and not summary.aborted:
        return
    echo = lambda s="": click.echo(s, err=True)   # noqa: E731
    parts = [f"{_count(summary.done, 'page')} done"]
    if summary.skipped:
        parts.append(f"{summary.skipped} skipped (already done; --force redoes them)")
    parts.append(f"{len(summary.failed)} failed")
    echo(f"{', '.join(parts)} in {summary.seconds:.1f} s -> {out}")
    if summary.failed:
        echo("Failed:")
        for rel, reason in sorted(summary.failed):
            echo(f"  {rel}: {reason}")
            if debug and rel in summary.tracebacks:
                echo(summary.tracebacks[rel])
    if summary.aborted:
        echo(f"Aborted after {len(summary.failed)} failures (--max-failures); "
             f"{_count(summary.not_processed, 'page')} not processed: rerun to continue.")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
