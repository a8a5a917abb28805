"""A real export's shape end to end, with the default settings: a report worth reading, and every figure saying whose it is.

The fixture reproduces the Kaggle World Cup 2022 opening-day CSV (an unnamed index, its
column names, a model's sentiment column, padding rows, CRLF, a stream that starts after
kick-off and runs hours past the final whistle), written by the generator with its own text.
"""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from analyzer.cli import main

from .conftest import DATA

KAGGLE = DATA / "exports" / "kaggle_qat_ecu.csv"
VIEW_NOTE = (
    "The report speaks for everyone: the input says nothing about its authors "
    "(--authors picks a view)."
)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kaggle")
    shutil.copy(KAGGLE, folder / "in.csv")
    result = CliRunner().invoke(
        main, [str(folder / "in.csv"), "--match", "QAT-ECU", "--out", str(folder / "out")]
    )
    assert result.exit_code == 0, result.output
    return result.output, folder / "out" / "QAT-ECU"


def test_the_terminal_says_what_was_read_and_whose_mood_it_shows(run) -> None:
    output, _ = run
    lines = output.splitlines()
    assert any("read text from 'Tweet', time from 'Date Created'" in line for line in lines)
    assert any(line.strip() == "501 empty rows skipped" for line in lines)
    assert VIEW_NOTE in lines
    assert "The data starts 7 min after kick-off (16:07 UTC)." in lines
    assert any(
        line.startswith("93 records posted over 60 min after the final whistle") for line in lines
    )
    assert "None" not in output and "nan" not in output
    # Each team's shift beside everyone's, at both goals.
    assert any("about QAT" in line and "about ECU" in line for line in lines)


def test_summary_json_names_its_view_and_the_streams_coverage(run) -> None:
    _, folder = run
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["view"] == {"authors": "all", "asked": None, "records": 400, "note": VIEW_NOTE}
    assert summary["counts"]["later"] == 93
    assert summary["coverage"]["starts_after_kickoff_minutes"] == pytest.approx(7.0)
    assert summary["coverage"]["gaps"] == []
    [read] = summary["inputs"]["read"]
    assert "501 empty rows skipped" in read["notes"]
    moments = {m["moment"]: m["records"] for m in summary["moments"]}
    assert moments["goal-1"] > 0 and moments["full-time"] > 0  # the default view is not empty
    assert sum(moments.values()) + 93 == 400  # the later ones are out of the moments
    assert [s["goal"] for s in summary["mood_shifts"]] == [
        "16' Valencia (pen.) QAT 0-1 ECU", "31' Valencia QAT 0-2 ECU"
    ]  # fmt: skip
    assert set(summary["team_mood_shifts"]) == {"QAT", "ECU"}


def test_the_data_files_keep_every_record_and_series_csv_its_break(run) -> None:
    _, folder = run
    records = pd.read_csv(folder / "records.csv")
    assert len(records) == 400 and (records["moment"] == "later").sum() == 93
    assert records["is_retweet"].sum() == 82
    series = pd.read_csv(folder / "series.csv")
    assert series["volume"].sum() == 400 - 93
    half_time = series[series["phase"] == "half-time"]
    assert len(half_time) == 1 and half_time["volume"].iloc[0] > 0


def test_the_report_leads_with_the_view_and_the_coverage(run) -> None:
    _, folder = run
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert VIEW_NOTE.replace("'", "&#39;") in html or VIEW_NOTE in html
    assert "The data starts 7 min after kick-off (16:07 UTC)." in html
    assert "Most positive: None" not in html and ">None<" not in html
