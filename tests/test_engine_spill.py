"""Spill: chunks written to disk come back whole, in order, joined into fewer, larger chunks."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.engine.spill import Spill


def numbered(start: int, stop: int) -> pd.DataFrame:
    return pd.DataFrame({"n": range(start, stop), "text": [f"t{i}" for i in range(start, stop)]})


@given(
    sizes=st.lists(st.integers(min_value=0, max_value=40), max_size=12),
    per_chunk=st.integers(1, 60),
)
def test_rows_come_back_in_order_and_chunks_hold_at_least_the_threshold(
    sizes: list[int], per_chunk: int
) -> None:
    spill = Spill(rows_per_chunk=per_chunk)
    start = 0
    for size in sizes:
        spill.append(numbered(start, start + size))
        start += size
    try:
        chunks = list(spill)
        assert spill.rows == start == sum(len(chunk) for chunk in chunks)
        joined = spill.frame(["n", "text"])
        assert joined["n"].tolist() == list(range(start))
        assert joined["text"].tolist() == [f"t{i}" for i in range(start)]
        # Every chunk but the last was flushed because it reached the threshold.
        assert all(len(chunk) >= per_chunk for chunk in chunks[:-1])
        assert all(not chunk.empty for chunk in chunks)
        # Reading twice gives the same chunks: iteration flushes, it does not consume.
        assert [len(chunk) for chunk in spill] == [len(chunk) for chunk in chunks]
    finally:
        spill.close()


def test_appending_after_reading_keeps_the_order() -> None:
    spill = Spill(rows_per_chunk=10)
    spill.append(numbered(0, 3))
    assert [len(chunk) for chunk in spill] == [3]
    spill.append(numbered(3, 5))
    assert spill.frame(["n", "text"])["n"].tolist() == [0, 1, 2, 3, 4]
    assert [len(chunk) for chunk in spill] == [3, 2]
    spill.close()


def test_an_empty_spill_gives_an_empty_frame_with_the_columns() -> None:
    spill = Spill()
    spill.append(numbered(0, 0))
    frame = spill.frame(["n", "text"])
    assert frame.empty and list(frame.columns) == ["n", "text"]
    assert spill.rows == 0


def test_closing_removes_the_folder() -> None:
    spill = Spill(rows_per_chunk=2)
    spill.append(numbered(0, 5))
    folder = spill.folder
    assert any(folder.iterdir())
    spill.close()
    assert not folder.exists()
    with pytest.raises(FileNotFoundError):
        list(spill)
