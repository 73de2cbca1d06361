"""Archive-scale batch processing behind ``digitize run``.

* :mod:`.inputs`   - find the input files (folders searched recursively, relative paths kept)
* :mod:`.manifest` - ``OUT/manifest.sqlite``: one row per page (schema in its docstring)
* :mod:`.runner`   - :func:`~digitize.batch.runner.run_batch`: plan/resume, hand files to workers,
  write outputs and the manifest in the client
* :mod:`.work`     - what runs in a worker: one file -> its pages, never raises
* :mod:`.local`    - local worker processes (pebble), :mod:`.cluster` - a Dask cluster
* :mod:`.outputs`  - ALTO + text for a finished page, the figures the manifest records
* :mod:`.progress` - progress bar and JSON-lines event log
"""
