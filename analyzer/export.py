"""Writing the tables as data files other tools can join on: CSV and JSON Lines, written atomically.

CSV files are UTF-8 (no BOM), comma-separated, with a header row; fields holding commas,
quotes or line breaks are quoted and inner quotes doubled (RFC 4180). List columns
(hashtags, mentions, links, emoji) hold their items separated by single spaces. Text is
written exactly as read: a cell starting with ``=``, ``+``, ``-`` or ``@`` is data here,
but a spreadsheet may run it as a formula, so open the CSV files as text in a spreadsheet.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd

from analyzer.frame import RECORD_COLUMNS, Column

LIST_COLUMNS = tuple(c.name for c in RECORD_COLUMNS if c.dtype == "object")


def _file_mode() -> int:
    """The mode a plainly created file gets (mkstemp's temporary files are private, 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


@contextmanager
def atomic_writer(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    An interrupted run leaves the old file or none, never a half-written one.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, FILE_MODE)
        if binary:
            with os.fdopen(handle, "wb") as stream:
                yield stream
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                yield stream
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path, binary=True) as stream:
        stream.write(data)


def write_text(path: Path, text: str) -> None:
    with atomic_writer(path) as stream:
        stream.write(text)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    flat = frame.copy()
    for name in LIST_COLUMNS:
        if name in flat.columns:
            flat[name] = flat[name].map(lambda items: " ".join(items))
    with atomic_writer(path) as stream:
        flat.to_csv(stream, index=False, lineterminator="\n")


def write_jsonl(
    frame: pd.DataFrame, path: Path, columns: tuple[Column, ...] = RECORD_COLUMNS
) -> None:
    """One JSON object per line, keys in column order; missing values are null, lists are arrays."""
    names = [c.name for c in columns]
    with atomic_writer(path) as stream:
        for row in frame[names].itertuples(index=False, name=None):
            stream.write(
                json.dumps(dict(zip(names, map(_plain, row), strict=True)), ensure_ascii=False)
            )
            stream.write("\n")


def _plain(value: Any) -> Any:
    """pandas scalars -> JSON values: NA to null, tuples to lists, numpy numbers to Python ones."""
    if isinstance(value, tuple):
        return list(value)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
