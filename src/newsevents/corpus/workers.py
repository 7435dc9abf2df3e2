"""Run the pipeline over a stream of article batches, in this process or in worker processes.

Each worker process loads the spaCy model and the stage data once (in its initializer)
and then runs :func:`newsevents.pipeline.process_many` on one batch at a time. The parent
keeps at most ``2 × jobs`` batches in flight, so a corpus of any size streams through in
bounded memory, and receives outcomes in input order.

Workers are started with the ``spawn`` method (no inherited threads or open database
connections) and exit on their own when the parent dies, even by ``kill -9``.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from newsevents.errors import NewseventsError
from newsevents.pipeline import Options, process_many
from newsevents.records import Article, Result


@dataclass(frozen=True)
class Failed:
    """Why one article could not be processed (a picklable stand-in for the exception)."""

    reason: str
    message: str


Outcome = Result | Failed

_OPTIONS = Options()


def run_batch(batch: list[Article], options: Options) -> list[Outcome]:
    """Process one batch in this process; one outcome per article, in order."""
    outcomes: list[Outcome] = []
    for _article, outcome in process_many(batch, options, batch_size=max(1, len(batch))):
        if isinstance(outcome, NewseventsError):
            outcomes.append(Failed(outcome.reason, str(outcome)))
        else:
            outcomes.append(outcome)
    return outcomes


def warm_up(options: Options) -> None:
    """Load the model and every stage's data now, not inside the first timed batch."""
    from newsevents.articles import make_article

    sample = make_article("Police arrested 12 protesters in Paris on Monday, officials said.",
                          published="2015-01-07")
    run_batch([sample], options)


#: glibc ``mallopt`` parameters (malloc.h) and the largest mmap threshold it accepts (64-bit)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD_MAX = 32 * 1024 * 1024


def keep_freed_memory() -> None:
    """Have malloc keep the memory a batch frees for the next batch, in a process that runs
    the pipeline for its whole life (``newsevents ingest``, a worker).

    spaCy's parse of a batch allocates a few hundred MB of arrays and frees them at its end.
    By default glibc maps the large ones afresh (mmap) and hands the top of the heap back to
    the system, so every batch page-faults the same memory in again: about 500 page faults
    and 2-3 ms of system CPU an article. Here, blocks up to 32 MB come from the heap and the
    heap is never trimmed, so the memory is faulted in once. The peak memory is the same; the
    process keeps it until it exits. Elsewhere than glibc (no ``mallopt``), nothing changes.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX)
    mallopt(_M_TRIM_THRESHOLD, 2**31 - 1)


def _init_worker(options: Options) -> None:
    global _OPTIONS
    _OPTIONS = options
    keep_freed_memory()
    _exit_with_parent(os.getppid())
    with _no_full_collections():
        warm_up(options)
    gc.freeze()  # the model and stage data live as long as the worker: see _in_process


def _exit_with_parent(parent: int) -> None:
    """A daemon thread ends this worker once its parent is gone (killed, even by SIGKILL)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _work(batch: list[Article]) -> list[Outcome]:
    return run_batch(batch, _OPTIONS)


def batch_outcomes(
    batches: Iterable[list[Article]], options: Options, jobs: int = 1
) -> Iterator[list[tuple[Article, Outcome]]]:
    """Yield each batch's ``(article, outcome)`` pairs as one list, batches in input order."""
    if jobs <= 1:
        yield from _in_process(batches, options)
        return
    try:
        yield from _in_pool(batches, options, jobs)
    except BrokenProcessPool as exc:
        raise NewseventsError(
            "a worker process died (out of memory?). Everything stored so far is kept: rerun "
            "the same command to resume, with fewer --jobs or a smaller --batch-size"
        ) from exc


def _in_process(
    batches: Iterable[list[Article]], options: Options
) -> Iterator[list[tuple[Article, Outcome]]]:
    """Run the batches here. Once the first batch has loaded the model and the stage data,
    the objects alive are frozen for the garbage collector (``gc.freeze``) until the end:
    they are hundreds of thousands, they live as long as the run, and every full collection
    would walk them all for nothing (about 1 ms per article over a 300-article run).
    While the first batch loads them, there are no full collections (see
    :func:`_no_full_collections`)."""
    freeze = gc.get_freeze_count() == 0  # leave a caller's own freeze alone
    frozen = False
    try:
        for batch in batches:
            if freeze and not frozen:
                with _no_full_collections():
                    outcomes = run_batch(batch, options)
                gc.freeze()
                frozen = True
            else:
                outcomes = run_batch(batch, options)
            yield list(zip(batch, outcomes, strict=True))
    finally:
        if frozen:
            gc.unfreeze()


@contextlib.contextmanager
def _no_full_collections() -> Iterator[None]:
    """No collections of the oldest generation inside the block (the younger ones go on).

    Loading the model and the stage data (actor dictionaries, gazetteer, lexicons) makes
    hundreds of thousands of long-lived objects, and Python collects the oldest generation
    each time it has grown by a quarter: six full walks over everything loaded so far, which
    free nothing, 0.8 s of a 3.4 s start. Stopping the young collections too is no better:
    the loaders' short-lived cycles then pile up."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


def _in_pool(
    batches: Iterable[list[Article]], options: Options, jobs: int
) -> Iterator[list[tuple[Article, Outcome]]]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(options,)) as pool:
        window: deque[tuple[list[Article], Future[list[Outcome]]]] = deque()
        for batch in batches:
            window.append((batch, pool.submit(_work, batch)))
            if len(window) >= 2 * jobs:
                done, future = window.popleft()
                yield list(zip(done, future.result(), strict=True))
        while window:
            done, future = window.popleft()
            yield list(zip(done, future.result(), strict=True))
