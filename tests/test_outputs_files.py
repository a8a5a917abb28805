"""Data files: column order, round trips with emoji and line breaks, chunked and atomic writes."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

import analyzer
from analyzer.outputs.files import atomic_writer, write_table
from analyzer.schema import MOMENT_COLUMNS, RECORD_COLUMNS, Column

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def result():
    with analyzer.analyze(SAMPLES, match="BEL-JPN") as analysis:
        yield analysis


def test_columns_are_in_the_documented_order(result) -> None:
    assert list(result.records.columns) == [c.name for c in RECORD_COLUMNS]
    assert list(result.moments.columns) == [c.name for c in MOMENT_COLUMNS]


def test_csv_round_trip_keeps_text_emoji_and_line_breaks(result, tmp_path) -> None:
    write_table([result.records], RECORD_COLUMNS, csv=tmp_path / "r.csv")
    back = pd.read_csv(tmp_path / "r.csv", keep_default_na=False)
    assert back["text"].tolist() == result.records["text"].tolist()
    assert any("\n\n" in t for t in back["text"]) and any("🇯🇵" in t for t in back["text"])
    assert back["emoji"].tolist() == [" ".join(e) for e in result.records["emoji"]]


def test_jsonl_round_trip(result, tmp_path) -> None:
    write_table([result.records], RECORD_COLUMNS, jsonl=tmp_path / "r.jsonl")
    lines = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["text"] for r in rows] == result.records["text"].tolist()
    assert [tuple(r["emoji"]) for r in rows] == result.records["emoji"].tolist()
    assert list(rows[0]) == [c.name for c in RECORD_COLUMNS]
    assert rows[0]["author_handle"] is None and rows[0]["author_age"] is None


def test_chunks_make_the_same_files_as_one_frame(result, tmp_path) -> None:
    records = result.records
    chunks = [records.iloc[:5], records.iloc[5:6], records.iloc[6:]]
    write_table([records], RECORD_COLUMNS, csv=tmp_path / "one.csv", jsonl=tmp_path / "one.jsonl")
    write_table(chunks, RECORD_COLUMNS, csv=tmp_path / "many.csv", jsonl=tmp_path / "many.jsonl")
    for suffix in ("csv", "jsonl"):
        assert (tmp_path / f"one.{suffix}").read_bytes() == (
            tmp_path / f"many.{suffix}"
        ).read_bytes()


def test_times_are_iso_utc_in_both_formats(tmp_path) -> None:
    frame = pd.DataFrame(
        {"n": [1, 2], "posted_at": pd.to_datetime(["2018-07-02T19:05:12Z", None], utc=True)}
    )
    columns = (Column("n", "Int64", "a number"), Column("posted_at", "datetime64[ns, UTC]", "when"))
    write_table([frame], columns, csv=tmp_path / "t.csv", jsonl=tmp_path / "t.jsonl")
    assert (tmp_path / "t.csv").read_text(
        encoding="utf-8"
    ) == "n,posted_at\n1,2018-07-02T19:05:12Z\n2,\n"
    assert (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines() == [
        '{"n":1,"posted_at":"2018-07-02T19:05:12Z"}',
        '{"n":2,"posted_at":null}',
    ]


def test_an_empty_table_still_gets_a_header(tmp_path) -> None:
    assert write_table([], MOMENT_COLUMNS, csv=tmp_path / "m.csv") == 0
    assert (tmp_path / "m.csv").read_text(encoding="utf-8").strip() == ",".join(
        c.name for c in MOMENT_COLUMNS
    )


def test_an_interrupted_write_leaves_the_old_file(tmp_path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as stream:
        stream.write("half a new fi")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_parquet_round_trip_keeps_types_lists_emoji_and_line_breaks(result, tmp_path) -> None:
    from analyzer.outputs.files import write_parquet

    records = result.records
    assert (
        write_parquet(
            [records.iloc[:10], records.iloc[10:]], RECORD_COLUMNS, tmp_path / "r.parquet"
        )
        == 26
    )
    back = pd.read_parquet(tmp_path / "r.parquet")
    assert list(back.columns) == [c.name for c in RECORD_COLUMNS]
    assert back["text"].tolist() == records["text"].tolist()
    assert [tuple(e) for e in back["emoji"]] == records["emoji"].tolist()
    assert back["line"].tolist() == records["line"].tolist()
    assert back["compound"].tolist() == records["compound"].tolist()


def test_without_pyarrow_parquet_is_skipped_with_a_clear_message(
    result, tmp_path, monkeypatch
) -> None:
    from analyzer.outputs import files
    from analyzer.outputs.files import ParquetUnavailable, write_parquet

    def no_pyarrow():
        raise ImportError("No module named 'pyarrow'")

    monkeypatch.setattr(files, "load_pyarrow", no_pyarrow)
    with pytest.raises(ParquetUnavailable, match=r"pip install 'analyzer\[parquet\]'"):
        write_parquet([result.records], RECORD_COLUMNS, tmp_path / "r.parquet")
    assert not (tmp_path / "r.parquet").exists()
    written = analyzer.write_outputs(result, tmp_path / "out")
    assert "records.parquet" not in written.files
    assert not (written.folder / "records.parquet").exists()
    assert written.notes == [
        "records.parquet not written: pyarrow is not installed (pip install 'analyzer[parquet]')"
    ]


def test_summary_json_says_what_was_read_and_found(result, tmp_path) -> None:
    folder = analyzer.write_outputs(result, tmp_path).folder
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["match"]["key"] == "BEL-JPN@2018-07-02"
    assert [g["minute"] for g in summary["match"]["goals"]] == ["48'", "52'", "69'", "74'", "90+4'"]
    assert summary["analyzer"]["lexicon_version"] == "2.0.0"
    assert summary["counts"]["records"] == 26 and summary["counts"]["kinds"] == {
        "tweet": 17,
        "quote": 9,
    }
    assert summary["settings"]["lag_source"] == "none"
    read = {f["path"]: f for f in summary["inputs"]["read"]}
    assert read["001_f94c4db15e66a882.txt"]["records"] == {"tweet": 17}
    digest = hashlib.sha256((SAMPLES / "001_f94c4db15e66a882.txt").read_bytes()).hexdigest()
    assert read["001_f94c4db15e66a882.txt"]["sha256"] == digest
    assert summary["view"] == {"authors": "fans", "asked": None, "records": 10, "note": None}
    moments = {m["moment"]: m for m in summary["moments"]}  # the view's: fans
    everyone = {m["moment"]: m for m in summary["all_moments"]}
    assert (moments["goal-2"]["records"], everyone["goal-2"]["records"]) == (1, 7)
    assert {t["moment"] for t in summary["teams"]} >= {"goal-2", "full-time"}
    assert summary["outputs"][-1] == "summary.json"


@pytest.mark.slow
def test_every_data_file_is_byte_identical_on_a_second_run(tmp_path) -> None:
    files = ("records.csv", "records.jsonl", "records.parquet", "moments.csv", "summary.json", "mood.png",
             "mood.svg", "report.html")  # fmt: skip
    runs = []
    for name in ("a", "b"):
        with analyzer.analyze(SAMPLES, match="BEL-JPN") as again:
            folder = analyzer.write_outputs(again, tmp_path / name).folder
        runs.append({f: (folder / f).read_bytes() for f in files})
    assert runs[0] == runs[1]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\t=1", "'\t=1"), ("plain", "plain"), ("a=b", "a=b"), ("", "")],
)  # fmt: skip
def test_excel_safe_text(cell: str, safe: str) -> None:
    from analyzer.outputs.files import excel_safe_text

    assert excel_safe_text(cell) == safe


@pytest.mark.slow
def test_excel_safe_csv_neutralises_formulas_and_keeps_jsonl_exact(tmp_path) -> None:
    from click.testing import CliRunner

    from analyzer.cli import main

    export = tmp_path / "in" / "tweets.csv"
    export.parent.mkdir()
    export.write_text(
        'id,created_at,username,name,text\n1013800000000000001,2018-07-02T19:06:00Z,fan,"=cmd|x",'
        '"=HYPERLINK(""http://evil"",""Chadli!"")"\n',
        encoding="utf-8",
    )
    for flag, folder in (([], "exact"), (["--excel-safe"], "safe")):
        result = CliRunner().invoke(
            main, [str(export.parent), "-m", "BEL-JPN", "-o", str(tmp_path / folder), *flag]
        )
        assert result.exit_code == 0, result.output
    exact = pd.read_csv(tmp_path / "exact" / "BEL-JPN" / "records.csv", keep_default_na=False)
    safe = pd.read_csv(tmp_path / "safe" / "BEL-JPN" / "records.csv", keep_default_na=False)
    assert exact.loc[0, "text"] == '=HYPERLINK("http://evil","Chadli!")'
    assert safe.loc[0, "text"] == "'" + exact.loc[0, "text"]
    assert safe.loc[0, "author_name"] == "'=cmd|x"
    line = (tmp_path / "safe" / "BEL-JPN" / "records.jsonl").read_text(encoding="utf-8")
    assert json.loads(line)["text"] == '=HYPERLINK("http://evil","Chadli!")'


def test_score_excel_safe(tmp_path) -> None:
    from click.testing import CliRunner

    from analyzer.cli import main

    source = tmp_path / "in.csv"
    source.write_text("id,text\n-5,=1+1 great\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(source), "--excel-safe"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("'-5,'=1+1 great,")


def test_csv_is_byte_for_byte_what_pandas_writes(result, tmp_path) -> None:
    write_table([result.records], RECORD_COLUMNS, csv=tmp_path / "ours.csv")
    flat = result.records.copy()
    for column in RECORD_COLUMNS:
        if column.dtype == "object":
            flat[column.name] = flat[column.name].map(" ".join)
    flat.to_csv(
        tmp_path / "pandas.csv", index=False, lineterminator="\n", date_format="%Y-%m-%dT%H:%M:%SZ"
    )
    assert (tmp_path / "ours.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()


def test_outputs_get_the_mode_the_umask_gives(tmp_path) -> None:
    import os
    import stat

    from analyzer.outputs.files import write_text

    old = os.umask(0o027)
    try:
        write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary left beside it
