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

# Rows per chunk on disk (see Spill).
ROWS_PER_CHUNK = 20_000


class Spill:
    """An append-only sequence of DataFrame chunks on disk, read back in the order written.

    Small chunks are joined until they hold ``rows_per_chunk`` rows: whoever reads them
    back pays a fixed cost per chunk (a groupby, a conversion), and a few tens of
    thousands of rows are a few tens of MB.
    """

    def __init__(self, *, prefix: str = "analyzer-", rows_per_chunk: int = ROWS_PER_CHUNK) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))
        self._chunks = 0
        self.rows = 0
        self._rows_per_chunk = rows_per_chunk
        self._pending: list[pd.DataFrame] = []
        self._pending_rows = 0
        # Removed when the spill is closed or garbage-collected, and at interpreter exit.
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)

    def append(self, chunk: pd.DataFrame) -> None:
        if chunk.empty:
            return
        self._pending.append(chunk)
        self._pending_rows += len(chunk)
        self.rows += len(chunk)
        if self._pending_rows >= self._rows_per_chunk:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        pending = self._pending
        chunk = pending[0] if len(pending) == 1 else pd.concat(pending, ignore_index=True)
        path = self.folder / f"{self._chunks:06d}.pickle"
        with path.open("wb") as stream:
            pickle.dump(chunk, stream, protocol=pickle.HIGHEST_PROTOCOL)
        self._chunks += 1
        self._pending, self._pending_rows = [], 0

    def __iter__(self) -> Iterator[pd.DataFrame]:
        self._flush()
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
