"""The column-at-a-time CSV and JSON Lines writers give exactly what csv.writer and orjson per row give."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.outputs.table_text import QUOTING_CHARACTERS, csv_text, jsonl_bytes

# Text that a CSV writer can trip on: separators, quotes, every line break, control
# characters, spaces at the ends, non-ASCII (emoji, right-to-left marks, combining marks).
HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(",\"'\n\r\t \x00\x0b\x0c\x1f\x7f\x85\u2028\u200f\u0301=+-@;|\\")),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=30,
)
FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [0.0, -0.0, 1e-4, -1e-4, 9.999999999999999e-05, 1e16, 9999999999999998.0, 5e-324, 0.1]
)
SCALARS = st.one_of(
    st.none(), HOSTILE, st.integers(min_value=-(2**63), max_value=2**63 - 1), st.booleans()
)


def csv_module(names: list[str], rows: list[tuple[Any, ...]], *, header: bool) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    if header:
        writer.writerow(names)
    writer.writerows(rows)
    return stream.getvalue()


@st.composite
def tables(draw: st.DrawFn, values: st.SearchStrategy[Any]) -> tuple[list[str], list[list[Any]]]:
    width = draw(st.integers(min_value=1, max_value=5))
    height = draw(st.integers(min_value=0, max_value=6))
    names = draw(st.lists(HOSTILE, min_size=width, max_size=width))
    columns = [draw(st.lists(values, min_size=height, max_size=height)) for _ in range(width)]
    return names, columns


@settings(max_examples=400)
@given(tables(SCALARS), st.booleans())
def test_csv_is_what_csv_writer_writes(
    table: tuple[list[str], list[list[Any]]], header: bool
) -> None:
    names, columns = table
    expected = csv_module(names, list(zip(*columns, strict=True)), header=header)
    assert csv_text(names, columns, header=header) == expected


@settings(max_examples=300)
@given(tables(FLOATS))
def test_float_arrays_are_written_as_str_writes_floats(
    table: tuple[list[str], list[list[float]]],
) -> None:
    names, columns = table
    # A float column comes as an array with NaN where a value is missing, which csv writes empty.
    as_python = [[None if math.isnan(v) else v for v in column] for column in columns]
    expected = csv_module(names, list(zip(*as_python, strict=True)), header=False)
    arrays = [np.array(column, dtype=np.float64) for column in columns]
    assert csv_text(names, arrays, header=False) == expected


@settings(max_examples=200)
@given(st.lists(st.floats(min_value=-1e17, max_value=1e17), min_size=1, max_size=50))
def test_floats_near_where_python_turns_to_exponents(values: list[float]) -> None:
    scaled = [v * 10.0**k for v in values for k in (-20, -6, -5, -4, 0, 15, 16)]
    expected = csv_module(["x", "y"], [(v, "") for v in scaled], header=False)
    arrays = [np.array(scaled), [""] * len(scaled)]
    assert csv_text(["x", "y"], arrays, header=False) == expected


def test_the_quoting_characters_are_the_ones_python_3_11_quotes() -> None:
    # From 3.11 on at least the separator, the quote and the line end; "\r" alone is left
    # bare by 3.11 with "\n" line ends (the cleaning step folds it into "\n" anyway).
    assert {",", '"', "\n"} <= set(QUOTING_CHARACTERS)


def test_a_table_of_one_column_writes_empty_cells_as_the_csv_module_does() -> None:
    assert csv_text(["a"], [["", None, "x"]], header=True) == 'a\n""\n""\nx\n'


@pytest.mark.parametrize("values", [[1.5, None], [1e-05, 2.0], [float("inf"), 0.0]])
def test_floats_given_as_a_list_are_written_as_the_csv_module_writes_them(
    values: list[float | None],
) -> None:
    expected = csv_module(["f", "g"], [(v, v) for v in values], header=False)
    assert csv_text(["f", "g"], [values, values], header=False) == expected


JSON_VALUES = st.one_of(
    SCALARS,
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(HOSTILE, max_size=3).map(tuple),
    st.lists(HOSTILE, max_size=3),
)


@settings(max_examples=400)
@given(tables(JSON_VALUES))
def test_jsonl_is_what_orjson_writes_for_a_dict_per_row(
    table: tuple[list[str], list[list[Any]]],
) -> None:
    names, columns = table
    names = list(dict.fromkeys(names))  # a dict per row keeps one value per name
    columns = columns[: len(names)]
    expected = b"".join(
        orjson.dumps(dict(zip(names, row, strict=True)), option=orjson.OPT_APPEND_NEWLINE)
        for row in zip(*columns, strict=True)
    )
    assert jsonl_bytes(names, columns) == expected


def test_jsonl_with_the_first_key_inside_a_value_still_has_a_row_per_line() -> None:
    names = ["id", "nested"]
    columns: list[list[Any]] = [["a", "b"], [[{"x": 1}, {"id": 2}], {"x": '},{"id":'}]]
    expected = b'{"id":"a","nested":[{"x":1},{"id":2}]}\n{"id":"b","nested":{"x":"},{\\"id\\":"}}\n'
    assert jsonl_bytes(names, columns) == expected
