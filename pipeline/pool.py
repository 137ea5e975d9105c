"""The processes that run the model, started before a build knows what it will analyse.

Importing spaCy and loading the model take about a second; a build that adds one page to thousands
spends about as long reading its caches. Starting a worker when the build starts (most builds have a
page to analyse), and more when the parse stage finds many new pages, instead of when the extract stage
has worked out what to analyse, lets the two overlap. This module imports neither spaCy nor the model:
only the workers do.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from typing import Iterable, Iterator

from pipeline.config import Options
from pipeline.errors import PipelineError

FEW = 2  # new articles that a worker already loading the model takes on alone


_START_ERROR: Exception | None = None  # why this worker could not load the model


def _init_worker(opts: Options) -> None:
    """A worker leaves interruptions to the main process, which says what happened once. A worker that
    cannot start keeps the reason for its first task: a pool whose initializer fails starts it again
    and again, and the build would wait for ever."""
    global _START_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        from pipeline import analysis

        analysis.init_worker(opts)
    except Exception as err:  # noqa: BLE001 - reported by the task, where the main process sees it
        _START_ERROR = err if isinstance(err, PipelineError) else PipelineError(
            f"the model worker could not start: {type(err).__name__}: {err}")


def _analyse_in_worker(task):
    if _START_ERROR is not None:
        raise _START_ERROR
    from pipeline import analysis

    return analysis.analyse_in_worker(task)


def start_method() -> str:
    """Fork (quick) from a process that has not loaded spaCy; else a fork server, or spawn: the thread pools
    of the libraries under the model do not survive a fork, and a forked worker can wait on a lock for ever."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and not any(name in sys.modules for name in ("spacy", "thinc", "numpy")):
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


class ModelPool:
    """Worker processes that each load the model once (none with one job: the main process analyses)."""

    def __init__(self, opts: Options):
        self.opts = opts
        self.size = 0
        self._pool = None

    def start(self, articles: int) -> None:
        """Have min(jobs, articles) workers loading the model. A smaller pool started earlier is replaced,
        unless the articles are few: then the worker already loading the model is quicker than new ones."""
        want = min(self.opts.jobs, articles)
        if self.opts.jobs <= 1 or want <= self.size or (self.size and articles <= FEW):
            return
        self.close()
        self._pool = multiprocessing.get_context(start_method()).Pool(
            want, initializer=_init_worker, initargs=(self.opts,))
        self.size = want

    def analyse(self, tasks: list, knowledge) -> Iterator:
        """(article_id, result, serialized Docs or None) for each task, in the order they finish."""
        if not tasks:
            return iter(())
        if self.opts.jobs <= 1:
            from pipeline.analysis import analyse_here

            return analyse_here(tasks, self.opts, knowledge)
        self.start(len(tasks))
        return self._pool.imap_unordered(_analyse_in_worker, tasks, chunksize=1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool, self.size = None, 0

    def __enter__(self) -> "ModelPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def analyse_all(tasks: Iterable, opts: Options, knowledge) -> Iterator:
    """Analyse tasks with a pool of its own (for callers that did not start one early)."""
    tasks = list(tasks)
    with ModelPool(opts) as pool:
        yield from pool.analyse(tasks, knowledge)
