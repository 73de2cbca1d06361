"""`digitize eval --gt GT OUT`: CER, order-free character error and text-block recall per page and overall."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import click


@click.command("eval", epilog="\b\nExample:\n  digitize eval --gt ../shared/bench/dev runs/dev --json > dev.score.json")
@click.option("--gt", "gt", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder with STEM.gt.txt (or STEM.txt) and optional STEM.gt.json block boxes.")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--frame", type=click.Choice(["output", "orig"]), default="output", show_default=True,
              help="Ground-truth boxes to compare with: as scanned (output) or unrotated (orig).")
def eval_cmd(gt: Path, out: Path, as_json: bool, frame: str):
    """Score the batch output OUT against ground truth (text from OUT/**/STEM.txt, else ALTO).

    Besides CER, order-free error and block recall, and where STEM.gt.json lists lines: GT lines found,
    consecutive GT lines read in order, and GT lines merged with another block's line."""
    from ..qa.evaluate import evaluate

    result = evaluate(gt, out, frame)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{out} vs {gt}", header_style="bold")
    for name in ("page", "GT chars", "hyp chars", "CER", "bag", "blocks R@.5", "P@.5", "lines found", "in order",
                 "merged", ""):
        table.add_column(name, justify="left" if name in ("page", "") else "right")
    for p in result.pages:
        b = p.blocks
        table.add_row(p.stem, str(p.text.gt_chars), str(p.text.hyp_chars), f"{p.text.cer:.3f}", f"{p.text.bag:.3f}",
                      f"{b.recall:.2f} ({b.matched}/{b.gt_blocks})" if b else "-",
                      f"{b.precision:.2f}" if b else "-",
                      f"{p.lines.found_share:.3f}" if p.lines else "-", f"{p.lines.order_share:.3f}" if p.lines else "-",
                      f"{p.lines.merged_share:.3f}" if p.lines else "-", "MISSING" if p.missing else "")
    console = Console(width=max(100, shutil.get_terminal_size().columns))
    console.print(table)
    for name, o in [("all", result.overall()), *result.groups().items()]:
        if not o["pages"]:
            continue
        line = (f"{name}: pages={o['pages']} missing={o['missing']} GT chars={o['gt_chars']}  "
                f"CER micro={o['cer_micro']:.3f} macro={o['cer_macro']:.3f}  "
                f"bag micro={o['bag_micro']:.3f} macro={o['bag_macro']:.3f}")
        if "block_recall_micro" in o:
            line += (f"  text blocks ({o['block_pages']} pages): R@.5 micro={o['block_recall_micro']:.3f} "
                     f"macro={o['block_recall_macro']:.3f} P@.5 micro={o['block_precision_micro']:.3f} "
                     f"macro={o['block_precision_macro']:.3f} over={o['over']} under={o['under']}")
        if "lines_found" in o:
            line += (f"  lines ({o['line_pages']} pages, {o['gt_lines']} GT lines): found={o['lines_found']:.3f} "
                     f"in order={o['lines_in_order']:.3f} merged={o['lines_merged']:.3f}")
        console.print(line, highlight=False)
