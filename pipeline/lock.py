"""One build at a time per output folder: stages that write a folder hold its lock (processed/.lock)."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from pipeline.log import say

LOCK_NAME = ".lock"


@contextlib.contextmanager
def folder_lock(out: Path):
    """Hold the folder's lock; if another build holds it, say so once and wait for it to finish."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            say(f"{out}: another build is writing here (pid {holder}); waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)
