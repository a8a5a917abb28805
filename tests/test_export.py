"""Data files: column order, round trips with emoji and line breaks, atomic writes."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import analyzer
from analyzer.export import atomic_writer, write_csv, write_jsonl
from analyzer.frame import MOMENT_COLUMNS, RECORD_COLUMNS

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def result():
    return analyzer.analyze(SAMPLES, match="BEL-JPN")


def test_columns_are_in_the_documented_order(result) -> None:
    assert list(result.records.columns) == [c.name for c in RECORD_COLUMNS]
    assert list(result.moments.columns) == [c.name for c in MOMENT_COLUMNS]


def test_csv_round_trip_keeps_text_emoji_and_line_breaks(result, tmp_path) -> None:
    write_csv(result.records, tmp_path / "r.csv")
    back = pd.read_csv(tmp_path / "r.csv", keep_default_na=False)
    assert back["text"].tolist() == result.records["text"].tolist()
    assert any("\n\n" in t for t in back["text"]) and any("🇯🇵" in t for t in back["text"])
    assert back["emoji"].tolist() == [" ".join(e) for e in result.records["emoji"]]


def test_jsonl_round_trip(result, tmp_path) -> None:
    write_jsonl(result.records, tmp_path / "r.jsonl")
    rows = [
        json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["text"] for r in rows] == result.records["text"].tolist()
    assert [tuple(r["emoji"]) for r in rows] == result.records["emoji"].tolist()
    assert list(rows[0]) == [c.name for c in RECORD_COLUMNS]
    assert rows[0]["author_handle"] is None and rows[0]["author_age"] is None


def test_an_interrupted_write_leaves_the_old_file(tmp_path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as stream:
        stream.write("half a new fi")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
