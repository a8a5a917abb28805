"""Pass one on a Dask cluster: the same work as on this machine's cores, done by the cluster's workers.

Pass one (reading a block of JSON Lines, scoring, team attribution, placing by words)
is nearly all of an analysis's work, and each unit of it stands alone. With ``--engine
dask`` each unit goes to the cluster as a task; this process keeps the books, as it
does with local workers: it takes the slices back in input order, spills them, and
then places the records on the clock, totals them and writes the report. So the
records, scores, moments and series are the same as the local engine's, digit for
digit, and this process never holds more than a few units at once.

A unit carries its own text (a block of lines, or a file's records), so the workers
need no access to the input files. Each worker builds its pass-one context (scorer, teams,
timeline) once, from the match and the options it is sent.

Dask is an optional extra (``pip install 'analyzer[dask]'``): without ``--scheduler`` a
local cluster of ``jobs`` single-threaded worker processes is started for the run.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from analyzer.engine.work import Done, PassOne, work_on
from analyzer.errors import EngineError, InputError
from analyzer.ingest.folder import Batch, LineBlock

# Units in flight per worker thread: enough to keep the cluster busy while this process
# takes results back in order, few enough to bound the memory they hold.
UNITS_AHEAD_PER_THREAD = 3
# How long to wait for a scheduler named by --scheduler before giving up.
CONNECT_TIMEOUT_SECONDS = 20
# The longest one unit may take on the cluster, queueing included.
UNIT_TIMEOUT_SECONDS = 600.0


def load_distributed() -> Any:
    """The ``distributed`` package, or an error that says how to get it."""
    try:
        import distributed
    except ImportError:
        raise InputError(
            "--engine dask needs Dask: pip install 'analyzer[dask]' (or use the default "
            "--engine local)"
        ) from None
    return distributed


class DaskEngine:
    """Runs pass one's units on a Dask cluster and hands back their results in input order.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); when None, a
    local cluster of ``jobs`` worker processes is started and stopped with this object.
    """

    def __init__(self, work: PassOne, *, scheduler: str | None, jobs: int) -> None:
        distributed = load_distributed()
        self.work = work
        self._cluster = None
        try:
            if scheduler is None:
                self._cluster = distributed.LocalCluster(
                    n_workers=max(1, jobs),
                    threads_per_worker=1,  # the scorer is pure Python: processes, not threads
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT_SECONDS)
        except OSError as exc:  # unreachable, refused, timed out
            self.close()
            where = scheduler or "a local cluster"
            raise InputError(f"cannot reach the Dask scheduler at {where}: {exc}") from None
        threads = sum(self._client.nthreads().values()) or 1
        self._ahead = UNITS_AHEAD_PER_THREAD * threads

    def run(self, units: Iterable[Batch | LineBlock]) -> Iterator[Done]:
        """Each unit's result, in the order the units came."""
        client = self._client
        # Sent once to every worker, which builds its scorer from it (see PassOne.__reduce__).
        [work] = client.scatter([self.work], broadcast=True)
        waiting: deque[Any] = deque()
        try:
            for unit in units:
                # The unit's data goes to the cluster first: a task carries a reference to it,
                # not a megabyte of text in the graph.
                [data] = client.scatter([unit], hash=False)
                waiting.append((unit, client.submit(work_on, data, work, pure=False)))
                if len(waiting) >= self._ahead:
                    yield _result(*waiting.popleft())
            while waiting:
                yield _result(*waiting.popleft())
        finally:
            for _, future in waiting:
                future.cancel()

    def close(self) -> None:
        client, cluster = getattr(self, "_client", None), self._cluster
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _result(unit: Batch | LineBlock, future: Any) -> Done:
    """A unit's result from the cluster, or an error that names the unit."""
    try:
        done: Done = future.result(timeout=UNIT_TIMEOUT_SECONDS)
    except TimeoutError:
        raise EngineError(
            f"the Dask cluster did not finish {unit.path} in {UNIT_TIMEOUT_SECONDS:g} s"
        ) from None
    return done
