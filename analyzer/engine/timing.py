"""CPU time spent in each stage of a run, kept only when the benchmark asks for it (off by default).

``ANALYZER_STAGE_TIMES=<file>`` in the environment turns it on: each process adds up the
CPU seconds (``time.process_time``) it spends in each stage; a worker's seconds travel
back with its results (:func:`take` / :func:`merge`) and the main process writes the
totals to the file as JSON when it exits. Stages are timed per unit of work (a block of
thousands of records), never per record, so the timer costs nothing that can be seen;
when it is off, :func:`stage` hands back one shared do-nothing context.
"""

from __future__ import annotations

import atexit
import json
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENVIRONMENT_VARIABLE = "ANALYZER_STAGE_TIMES"
# The stages, in the order a run goes through them (the benchmark prints them so).
STAGES = (
    "read",  # splitting the input into units, parsing JSON into records
    "score",  # sentiment of each distinct text
    "attribute",  # teams a text is about, and each author's role
    "place",  # on the match clock, by words (pass one) and by time (pass two)
    "table",  # records, scores, teams and placements into a slice of the table
    "aggregate",  # per-minute series, role counts, totals
    "spill",  # slices parked on disk between the passes, and read back
    "write",  # records.csv, records.jsonl, records.parquet, moments, series, summary.json
    "chart",  # mood.png and mood.svg
    "report",  # report.html
)

_NOTHING: AbstractContextManager[None] = nullcontext()
_seconds: dict[str, float] | None = None


def enabled() -> bool:
    return _seconds is not None


def stage(name: str) -> AbstractContextManager[None]:
    """A context that adds the CPU time spent inside it to stage ``name`` (nothing when off)."""
    if _seconds is None:
        return _NOTHING
    return _timed(_seconds, name)


@contextmanager
def _timed(seconds: dict[str, float], name: str) -> Iterator[None]:
    started = time.process_time()
    try:
        yield
    finally:
        seconds[name] = seconds.get(name, 0.0) + time.process_time() - started


def timed_iter(name: str, items: Iterable[T]) -> Iterator[T]:
    """``items``, with the time spent making each one added to stage ``name``."""
    if _seconds is None:
        yield from items
        return
    iterator = iter(items)
    while True:
        with _timed(_seconds, name):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


def take() -> dict[str, float] | None:
    """This process's seconds so far, emptied: a worker sends them back with its result."""
    global _seconds
    if _seconds is None:
        return None
    taken, _seconds = _seconds, {}
    return taken


def merge(seconds: Mapping[str, float] | None) -> None:
    """Add seconds another process (or an earlier :func:`take`) measured to this process's."""
    if _seconds is None or not seconds:
        return
    for name, value in seconds.items():
        _seconds[name] = _seconds.get(name, 0.0) + value


def _write(path: Path) -> None:
    if _seconds is not None:
        path.write_text(json.dumps({"cpu_seconds": _seconds}, indent=1) + "\n", encoding="utf-8")


def _start() -> None:
    global _seconds
    target = os.environ.get(ENVIRONMENT_VARIABLE)
    if not target:
        return
    _seconds = {}
    # Only the process the user started writes the file; workers hand their seconds back.
    if multiprocessing.parent_process() is None:
        atexit.register(_write, Path(target))


_start()
