"""`digitize qa ...`: tell reviewers which pages to look at and why, show them, record decisions."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from ..config import load_settings

PAGE_STATES = ("pending", "running", "done", "failed", "skipped", "approved", "rejected", "unreviewed")


def _settings(ctx: click.Context):
    return ctx.obj["settings"]


def _split_states(values: tuple[str, ...]) -> list[str]:
    states = [s.strip() for v in values for s in v.split(",") if s.strip()]
    bad = [s for s in states if s not in PAGE_STATES]
    if bad:
        raise click.BadParameter(f"unknown status {', '.join(bad)} (choose from {', '.join(PAGE_STATES)})",
                                 param_hint="--status")
    return states


out_argument = click.argument("out", type=click.Path(file_okay=False, path_type=Path))


def example(command: str) -> str:
    """A ``--help`` epilog: one example, printed as written."""
    return f"\b\nExample:\n  {command}"


@click.group(epilog=example("digitize qa summary out --status done"))
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="TOML profile; its [qa] section sets the flag thresholds.")
@click.pass_context
def qa(ctx: click.Context, config):
    """Review a batch output folder: summary, overlays, decisions, HTML report."""
    ctx.obj = {"settings": load_settings(config)}


@qa.command(epilog=example("digitize qa summary out --json > pages.json"))
@out_argument
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable rows (JSON list).")
@click.option("--sort", type=click.Choice(["worst", "name", "id"]), default="worst", show_default=True,
              help="worst: highest estimated CER first.")
@click.option("--status", "status", multiple=True,
              help="Only pages with this processing status or review state (repeatable or comma-separated): "
                   + ", ".join(PAGE_STATES))
@click.option("--flagged", is_flag=True, help="Only pages with at least one flag.")
@click.option("--quick", is_flag=True, help="Manifest numbers only: do not read the ALTO files (no layout flags).")
@click.pass_context
def summary(ctx, out: Path, as_json: bool, sort: str, status: tuple[str, ...], flagged: bool, quick: bool):
    """One row per page: estimated CER, characters, confidence, skew, articles/blocks, flags (each
    saying why) and review state, the pages most likely wrong first.

    The estimated CER comes from what the pipeline knows about the page (character confidences,
    lines dropped as noise, text-like ink left unread, layout warnings, type size, skew), calibrated
    on pages with ground truth (digitize/qa/calibration.json, or the file the profile's [qa]
    calibration names: benchmarks/fit_quality.py --calibration FILE fits one on pages of your own)."""
    from ..qa.summary import render_table, summarize

    rows = summarize(out, _settings(ctx).qa, _split_states(status), sort, with_layout=not quick)
    if flagged:
        rows = [r for r in rows if r.flags]
    if as_json:
        click.echo(json.dumps([r.to_json(out) for r in rows], ensure_ascii=False, indent=1))
        return
    from rich.console import Console

    n_flag = sum(1 for r in rows if r.flags)
    title = f"{out}: {len(rows)} pages, {n_flag} flagged"
    Console(width=max(120, shutil.get_terminal_size().columns)).print(render_table(rows, title))


@qa.command(epilog=example("digitize qa show out issue1/p1 -o p1.png --line-ids"))
@out_argument
@click.argument("page")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="PNG file to write.")
@click.option("--size", type=click.IntRange(800, 10000), default=None,
              help="Short side of the image in pixels (default from [qa] overlay_short_side).")
@click.option("--line-ids", is_flag=True, help="Label every text line with its ALTO ID (for `qa correct`).")
@click.pass_context
def show(ctx, out: Path, page: str, output: Path, size, line_ids: bool):
    """Draw PAGE (manifest id, relative path or stem) with blocks, articles, order and weak characters."""
    from ..qa.overlay import overlay_for_page, save_png

    settings = _settings(ctx)
    image, row = overlay_for_page(out, page, settings, size, line_ids=line_ids)
    save_png(image, output)
    click.echo(f"{output}: page {row.id} ({row.name}), {image.size[0]}x{image.size[1]} px")


@qa.command(epilog=example("digitize qa mark out issue1/p1 --approve --note 'checked against the print'"))
@out_argument
@click.argument("page")
@click.option("--approve", is_flag=True, help="The page may be ingested.")
@click.option("--reject", is_flag=True, help="The page must be redone.")
@click.option("--note", default="", help="Why (shown in the summary).")
@click.option("--reviewer", default=None, help="Who decided (default: the login name).")
def mark(out: Path, page: str, approve: bool, reject: bool, note: str, reviewer):
    """Record a reviewer's decision on PAGE (with the time, in UTC): --approve or --reject."""
    from ..qa.pages import find_page, read_pages
    from ..qa.review import mark as record

    if approve == reject:
        raise click.UsageError("give --approve or --reject, not both" if approve else "give --approve or --reject")
    decision = "approved" if approve else "rejected"
    row = find_page(read_pages(out), page, out)
    review = record(out, row, decision, note, reviewer)
    click.echo(f"page {row.id} ({row.name}): {review.decision} by {review.reviewer or '?'} at {review.time}")


@qa.command(epilog=example("digitize qa export out --status approved > ingest.txt"))
@out_argument
@click.option("--status", type=click.Choice(["approved", "rejected", "unreviewed"]), default="approved",
              show_default=True)
@click.option("--relative", is_flag=True, help="Paths relative to OUT instead of absolute.")
def export(out: Path, status: str, relative: bool):
    """List the ALTO files of the pages in a review state, one per line (approved: ready to ingest)."""
    from ..qa.review import export as export_paths

    for path in export_paths(out, status):
        click.echo(path.relative_to(out).as_posix() if relative else str(path.resolve()))


@qa.command(epilog=example("digitize qa report out -o report.html --limit 50"))
@out_argument
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="HTML file to write.")
@click.option("--limit", type=click.IntRange(0), default=0,
              help="Pictures only for the N worst pages (0 = every page); the table lists all.")
@click.option("--status", "status", multiple=True, help="Only pages with this status / review state.")
@click.pass_context
def report(ctx, out: Path, output: Path, limit: int, status: tuple[str, ...]):
    """Write one self-contained HTML file: summary table, then per page (worst first) its overlay and,
    beside it, its text in reading order with each line's ID and weak characters marked, ready for
    `qa correct`."""
    from ..qa.report import write_report

    n = write_report(out, output, _settings(ctx), _split_states(status), limit)
    click.echo(f"{output}: {n} pages")


@qa.command(epilog=example("digitize qa correct out issue1/p1 TL_12 '本报记者 罗静雯'"))
@out_argument
@click.argument("page")
@click.argument("line_id")
@click.argument("text")
@click.option("--reviewer", default=None, help="Who corrected (default: the login name).")
def correct(out: Path, page: str, line_id: str, text: str, reviewer):
    """Replace the text of line LINE_ID (the ALTO TextLine ID, shown by `qa report` and
    `qa show --line-ids`) of PAGE with TEXT.

    The line's Strings are rewritten with CS="true" (validated before the file is replaced), the
    page's text file is updated where the old line occurs once, the change is logged, and the
    size and checksum of both files are refreshed in the METS of their issue."""
    from ..qa.correct import correct_line
    from ..qa.pages import find_page, read_pages

    row = find_page(read_pages(out), page, out)
    c = correct_line(out, row, line_id, text, reviewer)
    click.echo(f"page {row.id} ({row.name}) line {line_id}: '{c.old}' -> '{c.new}'"
               + ("" if c.text_updated else f"; text file NOT updated (old line not found once in {row.txt})"))
    for m in c.mets_updated:
        click.echo(f"checksums refreshed in {m}")
    if row.alto is not None and row.alto.with_suffix(".pdf").is_file():
        click.echo(f"note: {row.alto.with_suffix('.pdf')} keeps the text layer it was made with")
