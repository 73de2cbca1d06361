"""``digitize run``: scans in, ALTO + text + manifest out, resumable, one bad page never stops the batch."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import load_settings
from ..errors import EXIT_CODES_HELP, OutputError, UsageError, exit_code_of, message_of, one_line



@click.command(epilog=EXIT_CODES_HELP + "\n\b\nExample:\n  digitize run scans/ -o out --workers 2",
               context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder: OUT/<path relative to the input folder>/<stem>.xml and .txt, and manifest.sqlite.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Local worker processes (default: all cores; 0 = all cores).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="TOML settings profile (see configs/default.toml).")
@click.option("--engine", type=click.Choice(["ppocr", "tesseract"]), default=None, help="OCR engine.")
@click.option("--alto-version", type=click.Choice(["4.4", "2.1"]), default=None, help="ALTO version written.")
@click.option("--pdf", "pdf", is_flag=True, default=None,
              help="Also write OUT/<rel>/<stem>.pdf per page: the scan with an invisible, searchable text layer.")
@click.option("--jp2", "jp2", is_flag=True, default=None,
              help="Also write OUT/<rel>/<stem>.jp2 per page: a JPEG 2000 derivative of the scan.")
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
@click.option("--debug", is_flag=True,
              help="Show tracebacks, and write <stem>.trace.txt beside each ALTO: which layout rule made, typed, "
                   "split or merged each block.")
def run(inputs, out, workers, config, engine, alto_version, pdf, jp2, force, page_timeout, max_failures, scheduler,
        quiet, log_json, debug):
    """Turn scans (files, or folders searched recursively) into ALTO XML and clean text.

    Rerunning the same command resumes: pages already done whose input is unchanged are skipped.
    A page that fails, hangs past --page-timeout or kills its worker is marked failed and the
    batch goes on; OUT/manifest.sqlite records every page.
    """
    from ..cli import DEBUG

    DEBUG["on"] = DEBUG["on"] or debug
    settings = load_settings(config)
    settings = settings.override("batch", workers=workers, page_timeout=page_timeout,
                                 max_failures=max_failures, scheduler=scheduler)
    if not settings.batch.scheduler:      # local workers: their fork server imports while this process does
        from ..batch import forkserver
        forkserver.start()
    from ..batch.progress import Reporter
    from ..batch.runner import run_batch
    settings = settings.override("recognition", engine=engine)
    settings = settings.override("output", alto_version=alto_version, pdf=pdf or None, jp2=jp2 or None,
                                 trace=debug or None)
    if settings.batch.scheduler and not settings.batch.scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        raise UsageError(f"--scheduler {settings.batch.scheduler}: expected an address like tcp://HOST:PORT")
    try:
        reporter = Reporter(quiet=quiet, log_json=log_json)
    except OSError as e:
        raise OutputError(log_json, f"cannot write the JSON log ({e.strerror or e})") from None
    try:
        summary = run_batch(inputs, out, settings, force=force, reporter=reporter, debug=debug)
    except BaseException as e:          # the one CLI handler prints it; the log records it first
        reporter.event("run_aborted", reason=message_of(e), exit_code=exit_code_of(e))
        reporter.close()                 # the progress bar stops before anything else is printed
        raise
    reporter.close()
    _print_summary(summary, out, quiet, debug)
    sys.exit(summary.exit_code)


def _print_summary(summary, out: Path, quiet: bool, debug: bool) -> None:
    if quiet and not summary.failed and not summary.aborted and not summary.ignored:
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
            echo(f"  {one_line(rel)}: {one_line(reason)}")
            if debug and rel in summary.tracebacks:
                echo(summary.tracebacks[rel])
    if summary.ignored:
        _print_ignored(summary.ignored, echo)
    if summary.aborted:
        echo(f"Aborted after {len(summary.failed)} failures (--max-failures); "
             f"{_count(summary.not_processed, 'page')} not processed: rerun to continue.")


IGNORED_SHOWN = 50     # names listed in the summary; the JSON log (--log-json) has all of them


def _print_ignored(ignored, echo) -> None:
    """Everything in the input folders that is not a page: never left out without a word."""
    echo(f"Not processed ({len(ignored)} in the input folders that are not pages):")
    for path, why in ignored[:IGNORED_SHOWN]:
        echo(f"  {one_line(path)}: {why}")
    if len(ignored) > IGNORED_SHOWN:
        echo(f"  ... and {len(ignored) - IGNORED_SHOWN} more (--log-json lists them all)")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
