"""What a run tells the user: a rich progress bar on stderr and, optionally, a JSON-lines event log."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Optional, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn
from rich.text import Text

from .manifest import now_iso


class _RateColumn(ProgressColumn):
    """Failures, pages per minute and ETA, from the run's own clock (skipped pages excluded)."""

    def __init__(self, reporter: "Reporter"):
        super().__init__()
        self.reporter = reporter

    def render(self, task) -> Text:
        r = self.reporter
        rate = r.pages_per_minute()
        eta = r.eta_seconds()
        eta_s = "--:--" if eta is None else _clock(eta)
        style = "red" if r.failed else "green"
        return Text.assemble((f"{r.failed} failed", style), f" {rate:.1f}/min ETA {eta_s}")


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    d, s = divmod(s, 86400)
    clock = time.strftime("%H:%M:%S", time.gmtime(s))
    return f"{d}d {clock}" if d else clock


class Reporter:
    """Counts pages and reports them: progress bar (unless quiet) and JSON events (when a file is given)."""

    def __init__(self, quiet: bool = False, log_json: Optional[Path] = None, console: Optional[Console] = None):
        self.console = console or Console(stderr=True)
        self.quiet = quiet
        self._log: Optional[TextIO] = open(log_json, "a", encoding="utf-8", buffering=1) if log_json else None
        self._progress: Optional[Progress] = None
        self._task = None
        self.total = self.done = self.failed = self.skipped = 0
        self.t0 = time.monotonic()

    # -- events ------------------------------------------------------------------------------
    def event(self, name: str, **fields: Any) -> None:
        if self._log is not None:
            self._log.write(json.dumps({"event": name, "time": now_iso(), **fields}, ensure_ascii=False) + "\n")

    def start(self, total: int, skipped: int, **fields: Any) -> None:
        self.total, self.skipped = total, skipped
        self.t0 = time.monotonic()
        self.event("run_started", pages=total, skipped=skipped, **fields)
        if not self.quiet:
            self._progress = Progress(TextColumn("[bold]digitize"), BarColumn(bar_width=24), MofNCompleteColumn(),
                                      TextColumn("pages"), _RateColumn(self),
                                      console=self.console, transient=False)
            self._progress.start()
            self._task = self._progress.add_task("pages", total=total, completed=skipped)

    def page_started(self, **fields: Any) -> None:
        self.event("page_started", **fields)

    def page_done(self, pages: int = 1, **fields: Any) -> None:
        self.done += pages
        self.event("page_done", **fields)
        self._advance(pages)

    def page_failed(self, pages: int = 1, **fields: Any) -> None:
        self.failed += pages
        self.event("page_failed", **fields)
        self._advance(pages)

    def grow(self, pages: int) -> None:
        """The run holds ``pages`` more (or fewer) pages than planned (multi-page files)."""
        self.total += pages
        if self._progress is not None:
            self._progress.update(self._task, total=self.total)

    def finish(self, **fields: Any) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        self.event("run_finished", **fields)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        if self._log is not None:
            self._log.close()
            self._log = None

    # -- figures -----------------------------------------------------------------------------
    def _advance(self, pages: int) -> None:
        if self._progress is not None:
            finished = self.done + self.failed + self.skipped
            self._progress.update(self._task, completed=finished, total=self.total)

    def elapsed(self) -> float:
        return time.monotonic() - self.t0

    def pages_per_minute(self) -> float:
        e = self.elapsed()
        return 60.0 * (self.done + self.failed) / e if e > 0 else 0.0

    def eta_seconds(self) -> Optional[float]:
        rate = self.pages_per_minute()
        left = self.total - self.done - self.failed - self.skipped
        return 60.0 * left / rate if rate > 0 else None
