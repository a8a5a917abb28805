"""Running the passes over the input: on this machine's cores or on a Dask cluster, with records spilled to disk between them.

Both engines take the same units (articles, batches, blocks of JSON Lines) and hand back
the same slices of the records table, in input order; which one runs is the settings'
``engine`` (one of :data:`analyzer.settings.ENGINES`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from analyzer.engine.work import Done, PassOne
from analyzer.ingest.folder import Batch, LineBlock


class Engine(Protocol):
    """Runs pass one's units and yields their results in the order the units came."""

    def run(self, units: Iterable[Batch | LineBlock]) -> Iterator[Done]: ...

    def close(self) -> None: ...


def start_engine(name: str, work: PassOne, *, jobs: int, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` ("local" or "dask"), ready to run ``work`` on ``jobs`` processes."""
    if name == "dask":
        from analyzer.engine.dask_cluster import DaskEngine

        return DaskEngine(work, scheduler=scheduler, jobs=jobs)
    if name == "local":
        from analyzer.engine.local import LocalEngine

        return LocalEngine(work, jobs=jobs)
    raise ValueError(f"no engine called {name!r}")


__all__ = ["Done", "Engine", "PassOne", "start_engine"]
