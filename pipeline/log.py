"""User-facing messages: one line each on stderr; a progress bar only on a terminal."""

from __future__ import annotations

import sys

from tqdm import tqdm


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def progress(iterable, *, total=None, desc="", enabled: bool | None = None):
    """tqdm on a terminal; elsewhere (CI, log files) the iterable untouched, the stage prints its summary line."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return iterable
    return tqdm(iterable, total=total, desc=desc, unit="doc", leave=False, file=sys.stderr)
