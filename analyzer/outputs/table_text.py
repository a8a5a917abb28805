"""Rows of a table as CSV and JSON Lines text, from its columns, with as little Python per row as can be.

Both take a table as columns of plain Python values (None for a missing one; CSV also
takes arrays of floats) and give exactly what a row-at-a-time writer gives: the CSV is
what ``csv.writer`` writes with ``lineterminator="\\n"`` (its minimal quoting, the
quoting characters asked of the running ``csv`` module), the JSON Lines what
``orjson.dumps`` writes for a dict per row. CSV cells are made a column at a time (quoted
only in the columns holding a character that needs it, floats written by orjson for a
whole array), laid out row by row with slice assignments and joined once, so no Python
code runs per row. JSON Lines are one orjson call over all the rows' dicts, cut into lines.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

# How a CSV line ends here (the csv module's default is "\r\n").
LINE_END = "\n"


def _quoting_characters() -> str:
    """The characters that make ``csv.writer`` quote a field, as the running Python decides.

    Python 3.11 quotes a field holding the delimiter, the quote or a character of the line
    terminator (so "\\r" stays bare with "\\n" line ends); later versions may quote more.
    Non-ASCII characters never count, so the ASCII ones are asked once, at import.
    """
    found = []
    for code in range(128):
        character = chr(code)
        stream = io.StringIO()
        csv.writer(stream, lineterminator=LINE_END).writerow(["a" + character, "b"])
        if stream.getvalue() != f"a{character},b{LINE_END}":
            found.append(character)
    return "".join(found)


QUOTING_CHARACTERS = _quoting_characters()
RE_NEEDS_QUOTES = re.compile("[" + re.escape(QUOTING_CHARACTERS) + "]")
# Python writes a float with an exponent below 1e-4 and from 1e16 on; orjson, whose digits
# are the same shortest ones, writes some of those without. Those few are left to repr.
PLAIN_FLOATS = (1e-4, 1e16)

Cells = list[Any] | npt.NDArray[np.float64]


def csv_text(names: Sequence[str], columns: Sequence[Cells], *, header: bool) -> str:
    """The rows (and first the header, with ``header``) as CSV text, each line ending "\\n".

    A column is a list of values, or an array of floats (NaN for a missing one).
    """
    rows = len(columns[0]) if columns else 0
    if len(names) == 1:
        # A row of one empty field is written '""' by the csv module: leave that case to it.
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator=LINE_END)
        if header:
            writer.writerow(names)
        writer.writerows(zip(*(_values(column) for column in columns), strict=True))
        return stream.getvalue()
    cells = [_csv_cells(values) for values in columns]
    text = "".join(_interleave(cells, ",", LINE_END, rows))
    if header:
        titles = [[cell] for cell in _csv_cells(list(names))]
        return "".join(_interleave(titles, ",", LINE_END, 1)) + text
    return text


def _values(column: Cells) -> list[Any]:
    if isinstance(column, np.ndarray):
        return [None if value != value else value for value in column.tolist()]  # NaN: None
    return column


def _csv_cells(values: Cells) -> list[str]:
    """A column's CSV cells: None empty, other values as ``str`` gives them, quoted when needed."""
    if isinstance(values, np.ndarray):
        return _float_cells(values)  # never quoted: digits, ".", "-", "e", "inf"
    try:
        joined = "".join(values)  # all text: the cells are the values
        cells = values
    except TypeError:  # None, numbers
        cells = (
            list(map(str, values))
            if None not in values
            else ["" if value is None else str(value) for value in values]
        )
        joined = "".join(cells)
    if not RE_NEEDS_QUOTES.search(joined):
        return cells  # most columns (ids, numbers, labels) never need a quote
    search = RE_NEEDS_QUOTES.search
    return ['"' + cell.replace('"', '""') + '"' if search(cell) else cell for cell in cells]


def _float_cells(values: npt.NDArray[np.float64]) -> list[str]:
    """Floats as ``str`` writes them (NaN as an empty cell), by orjson for the whole array at once."""
    values = np.asarray(values, dtype=np.float64)
    if not len(values):
        return []
    cells = orjson.dumps(values, option=orjson.OPT_SERIALIZE_NUMPY).decode()[1:-1].split(",")
    size = np.abs(values)
    with np.errstate(invalid="ignore"):
        odd = (
            ~np.isfinite(values)
            | (size >= PLAIN_FLOATS[1])
            | ((size < PLAIN_FLOATS[0]) & (size != 0))
        )
    for i in np.flatnonzero(odd).tolist():
        value = float(values[i])
        cells[i] = "" if value != value else repr(value)
    return cells


def jsonl_bytes(names: Sequence[str], columns: Sequence[list[Any]]) -> bytes:
    """One JSON object per row, keys in column order, each line ending "\\n".

    orjson writes the rows as one array of objects in a single call (a call per row costs
    more than the row), which is then cut into lines between the objects.
    """
    rows = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    if not rows:
        return b""
    text = orjson.dumps(rows)[1:-1]
    # Where one object ends and the next begins: "}" "," "{" then the first key, whose
    # opening quote is not escaped, so this never occurs inside a string.
    between = b"},{" + orjson.dumps(names[0]) + b":"
    if text.count(between) != len(rows) - 1:  # the first key again in a nested object
        return b"".join(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE) for row in rows)
    return text.replace(between, b"}\n{" + between[3:]) + b"\n"


def _interleave(cells: Sequence[list[str]], separator: str, end: str, rows: int) -> list[str]:
    """Row-major pieces of text: row 1's cells with separators between them and ``end``, row 2's ..."""
    width = 2 * len(cells)
    pieces = [separator] * (rows * width)
    for i, column in enumerate(cells):
        pieces[2 * i :: width] = column
    pieces[width - 1 :: width] = [end] * rows
    return pieces
