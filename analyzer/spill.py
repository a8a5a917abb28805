"""Chunks of the records table kept on disk between passes, so memory does not grow with the input.

Time placement needs the stream's lag, and the lag needs every tweet's time: the
records are read and scored once, parked here, and placed on a second pass. Chunks
are pickled DataFrames in a private temporary folder that this process creates
(mode 0700) and deletes; nothing from outside is ever unpickled.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path

import pandas as pd


class Spill:
    """An append-only sequence of DataFrame chunks on disk, read back in the order written."""

    def __init__(self, *, prefix: str = "analyzer-") -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))
        self._chunks = 0
        self.rows = 0
        # Removed when the spill is closed or garbage-collected, and at interpreter exit.
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)

    def append(self, chunk: pd.DataFrame) -> None:
        if chunk.empty:
            return
        path = self.folder / f"{self._chunks:06d}.pickle"
        with path.open("wb") as stream:
            pickle.dump(chunk, stream, protocol=pickle.HIGHEST_PROTOCOL)
        self._chunks += 1
        self.rows += len(chunk)

    def __iter__(self) -> Iterator[pd.DataFrame]:
        for number in range(self._chunks):
            with (self.folder / f"{number:06d}.pickle").open("rb") as stream:
                chunk: pd.DataFrame = pickle.load(stream)  # written above by this process
            yield chunk

    def frame(self, columns: list[str]) -> pd.DataFrame:
        """Every chunk as one DataFrame (for small inputs and notebooks)."""
        chunks = list(self)
        if not chunks:
            return pd.DataFrame(columns=columns)
        return pd.concat(chunks, ignore_index=True)

    def close(self) -> None:
        self._cleanup()
