"""User-facing messages: one line each on stderr; a progress bar on a terminal, progress lines elsewhere."""

from __future__ import annotations

import os
import sys
import time

from tqdm import tqdm

# Without a terminal (make in a log file, CI), a long stage reports every tenth of its work.
QUIET_BELOW = 200


def say(message: str) -> None:
    """One line on stderr. A reader that went away (``2>&1 | head -1``) stops the messages, not the build."""
    try:
        print(message, file=sys.stderr, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stderr.fileno())
        os.close(devnull)


def _lines(iterable, total: int, desc: str):
    start = time.monotonic()
    step = max(1, total // 10)
    for done, item in enumerate(iterable, 1):
        yield item
        if done % step == 0 and done < total:
            elapsed = time.monotonic() - start
            say(f"{desc}: {done}/{total} ({100 * done // total}%), {elapsed:.0f} s, "
                f"about {elapsed * (total - done) / done:.0f} s to go")


def progress(iterable, *, total=None, desc="", enabled: bool | None = None):
    """tqdm on a terminal; elsewhere a line every tenth of a long stage. ``enabled``: None decides by the
    terminal, False shows nothing (the stage's summary line still comes)."""
    if enabled is False:
        return iterable
    if enabled or sys.stderr.isatty():
        return tqdm(iterable, total=total, desc=desc, unit="doc", leave=False, file=sys.stderr)
    if total is None or total < QUIET_BELOW:
        return iterable
    return _lines(iterable, total, desc)
