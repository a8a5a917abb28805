"""Writing the tables as data files other tools can join on: CSV and JSON Lines, chunk by chunk, atomically.

CSV files are UTF-8 (no BOM), comma-separated, with a header row; fields holding commas,
quotes or line breaks are quoted and inner quotes doubled (RFC 4180). List columns
(hashtags, mentions, links, emoji) hold their items separated by single spaces; times
are ISO 8601 in UTC (``2018-07-02T19:05:12Z``). Text is written exactly as read: a cell
starting with ``=``, ``+``, ``-`` or ``@`` is data here, but a spreadsheet may run it as
a formula, so open the CSV files as text in a spreadsheet, or write them with
``excel_safe=True`` (``--excel-safe``), which puts a ' before such cells.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from analyzer.outputs.table_text import Cells, csv_text, jsonl_bytes
from analyzer.schema import Column

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# Rows converted to Python values at once when writing (a few MB of objects).
ROWS_CONVERTED = 5_000
# First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = frozenset("=+-@\t\r")


@contextmanager
def atomic_writer(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    An interrupted run leaves the old file or none, never a half-written one.
    """
    handle, temporary = _create_temporary(path)
    try:
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


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new file beside ``path``, named ``.<name>.<random>.tmp``, open for writing.

    Created with mode 0666 so the system's umask applies, as for any file the user makes
    (mkstemp's would be private, 0600); reading the umask would mean changing it.
    """
    while True:
        temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:  # a clash of 48 random bits: draw again
            continue


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path, binary=True) as stream:
        stream.write(data)


def write_text(path: Path, text: str) -> None:
    with atomic_writer(path) as stream:
        stream.write(text)


def write_table(
    chunks: Iterable[pd.DataFrame],
    columns: tuple[Column, ...],
    *,
    csv: Path | None = None,
    jsonl: Path | None = None,
    excel_safe: bool = False,
) -> int:
    """Write chunks of one table to CSV and/or JSON Lines in a single pass; returns the rows written.

    ``excel_safe`` neutralises CSV cells a spreadsheet would run as a formula (see
    :func:`excel_safe_text`); JSON Lines always keep the text exact.
    """
    names = [c.name for c in columns]
    lists = [c.name for c in columns if c.dtype == "object"]
    texts = [c.name for c in columns if c.dtype in ("string", "object")]
    floats = {c.name for c in columns if c.dtype == "float64"}
    rows = 0
    with ExitStack() as stack:
        csv_stream = stack.enter_context(atomic_writer(csv)) if csv else None
        jsonl_stream = stack.enter_context(atomic_writer(jsonl, binary=True)) if jsonl else None
        for chunk in chunks:
            # A slice at a time: a row as Python objects takes ten times its size in the frame.
            for start in range(0, len(chunk), ROWS_CONVERTED):
                piece = chunk.iloc[start : start + ROWS_CONVERTED]
                # Converted once for both files; CSV takes float columns as arrays instead.
                values = {
                    name: _json_values(piece[name])
                    for name in names
                    if jsonl_stream is not None or name not in floats
                }
                if csv_stream is not None:
                    cells: dict[str, Cells] = {
                        name: _floats(piece[name]) if name in floats else values[name]
                        for name in names
                    }
                    _write_csv_chunk(cells, csv_stream, lists=lists, header=rows == 0,
                                     neutralise=texts if excel_safe else [])  # fmt: skip
                if jsonl_stream is not None:
                    _write_jsonl_chunk(values, jsonl_stream)
                rows += len(piece)
        if rows == 0 and csv_stream is not None:  # a header, so the file still says what it holds
            csv_stream.write(",".join(names) + "\n")
    return rows


def _write_csv_chunk(
    chunk: dict[str, Cells],
    stream: IO[str],
    *,
    lists: list[str],
    header: bool,
    neutralise: list[str],
) -> None:
    """Rows to CSV from columns already converted (see _json_values), a column at a time.

    Byte for byte what ``csv.writer`` (and so ``DataFrame.to_csv``) writes here (tests
    compare them), with no Python code per row: see :mod:`analyzer.outputs.table_text`.
    """
    names = list(chunk)
    columns = []
    for name in names:
        values = chunk[name]
        if name in lists:
            values = [" ".join(items) for items in values]
        if name in neutralise:
            values = [excel_safe_text(v) if isinstance(v, str) else v for v in values]
        columns.append(values)
    stream.write(csv_text(names, columns, header=header))


def excel_safe_text(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading =, +, -, @, tab or carriage return gets a '.

    Spreadsheets run such cells as formulas (CSV injection, OWASP); the quote makes them
    text. Off by default, because it changes the data that pipelines read.
    """
    return "'" + value if value[:1] in FORMULA_STARTS else value


def _write_jsonl_chunk(chunk: dict[str, list[Any]], stream: IO[bytes]) -> None:
    """One JSON object per row, keys in column order; missing values are null, lists are arrays.

    Columns come converted in bulk and orjson writes each column in one call (see
    :mod:`analyzer.outputs.table_text`): what a dict per row dumped by orjson gives.
    """
    stream.write(jsonl_bytes(list(chunk), list(chunk.values())))


def _floats(column: pd.Series) -> Cells:
    """A float column as an array (NaN where missing), for CSV; a column of other values as they are."""
    if column.dtype != np.float64:
        return _json_values(column)
    return column.to_numpy(dtype=np.float64, na_value=np.nan)


def _json_values(column: pd.Series) -> list[Any]:
    """A column as plain Python values for JSON: NA to None, times to ISO text, tuples stay lists."""
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        # numpy formats a million times in a blink, pandas' strftime in seconds; same text.
        text = np.datetime_as_string(column.dt.tz_convert(None).to_numpy("datetime64[s]"), unit="s")
        return [None if t == "NaT" else t + "Z" for t in text.tolist()]
    # One conversion, missing values as None on the way (not astype, then where, then tolist).
    # pandas-stubs leave None out of na_value's types, though pandas documents and takes it.
    to_numpy: Any = column.to_numpy
    values: list[Any] = to_numpy(dtype=object, na_value=None).tolist()
    return values


def load_pyarrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, imported only when Parquet is written (an optional extra)."""
    import pyarrow
    import pyarrow.parquet

    return pyarrow, pyarrow.parquet


class ParquetUnavailable(Exception):
    """pyarrow is not installed; the message says how to get it."""


def write_parquet(chunks: Iterable[pd.DataFrame], columns: tuple[Column, ...], path: Path) -> int:
    """Write chunks of one table to a Parquet file with a fixed schema; returns the rows written.

    pyarrow is an optional extra (``pip install 'analyzer[parquet]'``); without it this
    raises ParquetUnavailable and nothing is written.
    """
    try:
        pa, pq = load_pyarrow()
    except ImportError:
        raise ParquetUnavailable(
            f"{path.name} not written: pyarrow is not installed (pip install 'analyzer[parquet]')"
        ) from None
    arrow_types = {
        "string": pa.string(),
        "Int64": pa.int64(),
        "float64": pa.float64(),
        "boolean": pa.bool_(),
        "datetime64[ns, UTC]": pa.timestamp("ns", tz="UTC"),
        "object": pa.list_(pa.string()),
    }
    schema = pa.schema([pa.field(c.name, arrow_types[c.dtype]) for c in columns])
    rows = 0
    with atomic_writer(path, binary=True) as stream, pq.ParquetWriter(stream, schema) as writer:
        for chunk in chunks:
            arrays = [
                # pyarrow reads tuples as lists, straight from Python; columns of other
                # types convert from their pandas arrays without a Python object each.
                pa.array(chunk[field.name].tolist(), type=field.type)
                if pa.types.is_list(field.type)
                else pa.Array.from_pandas(chunk[field.name], type=field.type)
                for field in schema
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            rows += len(chunk)
        if rows == 0:
            writer.write_table(schema.empty_table())
    return rows
