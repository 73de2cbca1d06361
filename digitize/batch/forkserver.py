"""The fork server local workers start from, started early: it imports the pipeline while the client
still imports, searches the inputs and plans (this module imports nothing heavy).

Local workers are forked from multiprocessing's fork server, which imports the pipeline once
(``PRELOAD``), so a new worker only loads its OCR engine.  Starting that server is the first
thing a local run does: its imports (0.43 CPU-s) then run on another core while the client imports
its own modules and plans, instead of after them, ahead of the first page.
"""
from __future__ import annotations

import multiprocessing
import signal

# Imported once in the fork server, inherited by every worker.
PRELOAD = ["digitize.batch.work", "digitize.pipeline"]


def context():
    """The multiprocessing context local workers start in, its fork server set to ``PRELOAD``."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def start() -> None:
    """Start the fork server (and multiprocessing's resource tracker) now, in the background; a
    second call does nothing while it runs.

    They start with SIGINT ignored: Ctrl-C in a terminal signals the whole process group; the
    client handles it (stops the pool, leaves unfinished pages pending); helpers and workers, which
    inherit the ignored SIGINT, must not die half-started printing tracebacks.
    """
    from multiprocessing import forkserver, resource_tracker
    from .. import cores
    cores.one_thread_env()       # the server's and so the workers' environment, before numpy loads there
    context()
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        resource_tracker.ensure_running()
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, old)
