"""Pass one on this machine's cores: a pool of worker processes, and this process taking its share.

With ``jobs`` above one, blocks of JSON Lines go to ``jobs - 1`` worker processes, or to
this one when the workers have enough to do; whole articles and batches stay here. The
results come back in input order.

The workers are started with ``spawn``, not forked: a fork would copy whatever threads
and locks this process holds (a notebook's, Dask's), so each worker builds its own
:class:`PassOne` from the match and options it is sent, in the pool's initializer. Every
wait has a timeout, and a worker that dies or hangs is named with the block it held.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from analyzer.engine.collector import pace_for_blocks
from analyzer.engine.work import Done, PassOne, work_on
from analyzer.errors import EngineError
from analyzer.ingest.folder import Batch, LineBlock

# Blocks sent ahead to each worker: enough to keep it busy, few enough to bound memory.
BLOCKS_AHEAD = 2
# The longest one block may take on a worker (a block is about 5,000 lines: seconds).
BLOCK_TIMEOUT_SECONDS = 600.0
# How long a closing pool's workers get to exit before they are terminated.
SHUTDOWN_TIMEOUT_SECONDS = 10.0


class LocalEngine:
    """Runs pass one over a stream of batches and blocks, in order, on ``jobs`` processes."""

    def __init__(self, work: PassOne, *, jobs: int) -> None:
        self.work = work
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None
        self._earlier_children: set[int | None] = set()  # not ours to end at close

    def run(self, units: Iterable[Batch | LineBlock]) -> Iterator[Done]:
        """Each unit's result, in the order the units came."""
        waiting: deque[Done | tuple[LineBlock, Future[Done]]] = deque()
        for unit in units:
            if isinstance(unit, Batch) or self.jobs == 1 or self._workers_busy(waiting):
                # This process also keeps the books for every block (and spills them), so it
                # takes a block only when the workers have enough to do: the load balances.
                waiting.append(work_on(unit, self.work))
            else:
                waiting.append((unit, self._workers().submit(_work_on_block, unit)))
            while waiting and _ready(waiting[0], limit=len(waiting) > BLOCKS_AHEAD * self.jobs):
                yield _result(waiting.popleft())
        while waiting:
            yield _result(waiting.popleft())

    def _workers_busy(self, waiting: Iterable[object]) -> bool:
        running = sum(1 for item in waiting if isinstance(item, tuple) and not item[1].done())
        return running >= BLOCKS_AHEAD * (self.jobs - 1)

    def close(self) -> None:
        """Stop the workers: cancel what has not started, give the rest a while, then end them."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(SHUTDOWN_TIMEOUT_SECONDS)
            if process.is_alive():
                process.terminate()
                process.join(SHUTDOWN_TIMEOUT_SECONDS)
        pool.shutdown(wait=True)  # the workers are gone: this joins the pool's own thread at once
        # A broken pool may have started a replacement worker the list above missed.
        for process in multiprocessing.active_children():
            if process.pid not in self._earlier_children:
                process.join(SHUTDOWN_TIMEOUT_SECONDS)
                if process.is_alive():
                    process.terminate()
                    process.join(SHUTDOWN_TIMEOUT_SECONDS)

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._earlier_children = {p.pid for p in multiprocessing.active_children()}
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs - 1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.work,),  # pickled as what it is built from (PassOne.__reduce__)
            )
        return self._pool


_WORK: PassOne | None = None  # a worker process's own pass-one context, set by its initializer


def _start_worker(work: PassOne) -> None:
    global _WORK
    pace_for_blocks()
    _WORK = work


def _work_on_block(block: LineBlock) -> Done:
    if _WORK is None:
        raise EngineError("a worker was started without its pass-one context")
    done = work_on(block, _WORK)
    done.block = None  # this process has the block: don't send its text back
    return done


def _ready(item: object, *, limit: bool) -> bool:
    """Whether the oldest unit can be handed on: done, or too many are waiting behind it."""
    if isinstance(item, tuple):
        return limit or item[1].done()
    return True


def _result(item: Done | tuple[LineBlock, Future[Done]]) -> Done:
    if isinstance(item, Done):
        return item
    block, future = item
    where = f"{block.path} (the block from line {block.line})"
    try:
        done = future.result(timeout=BLOCK_TIMEOUT_SECONDS)
    except FutureTimeout:
        raise EngineError(
            f"a worker process did not finish {where} in {BLOCK_TIMEOUT_SECONDS:g} s; "
            "run again with --jobs 1 to read it in this process"
        ) from None
    except BrokenProcessPool:
        raise EngineError(
            f"a worker process died while reading {where} (killed, or out of memory); "
            "run again with --jobs 1 to read it in this process"
        ) from None
    done.block = block
    return done
