"""analyze score: sentiment columns added to any CSV or JSON Lines file, everything else left alone."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from analyzer import score_file as annotate_module
from analyzer.cli import main
from analyzer.errors import InputError
from analyzer.score_file import annotate

CSV_TEXT = (
    "id,text,label,note\r\n"
    '007,"What a wonderful goal, I love this game!",positive,"keeps ""quotes"""\r\n'
    '008,"Gutted.\r\nAwful, terrible night",negative,\r\n'
    "009,,neutral,empty text\r\n"
)


def test_csv_gains_columns_and_keeps_every_cell_and_the_row_order(tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(CSV_TEXT.encode("utf-8"))
    out = io.StringIO()
    done = annotate(source, out, text_column="text", emoji=True)
    assert (done.rows, done.scored) == (3, 2)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["id", "text", "label", "note", "sentiment_mood", "sentiment_compound",
                       "sentiment_positive", "sentiment_neutral", "sentiment_negative",
                       "sentiment_p_positive", "sentiment_p_neutral", "sentiment_p_negative",
                       "sentiment_label", "sentiment_language", "sentiment_emoji"]  # fmt: skip
    original = list(csv.reader(io.StringIO(CSV_TEXT)))
    assert [row[:4] for row in rows] == original  # "007" stays text, the multi-line field survives
    assert rows[1][12] == "positive" and float(rows[1][4]) > 0.3 and float(rows[1][5]) > 0.5
    p = [float(x) for x in rows[1][9:12]]  # the learned scorer's probabilities
    assert abs(sum(p) - 1) < 1e-9 and abs(float(rows[1][4]) - (p[0] - p[2])) < 1e-9
    assert rows[2][12] == "negative" and rows[2][1] == "Gutted.\r\nAwful, terrible night"
    assert rows[3][4:13] == ["", "", "", "", "", "", "", "", "unscored"]
    assert out.getvalue().endswith("\r\n")  # the input's line endings are kept


def test_jsonl_gains_keys_at_the_end(tmp_path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": 1, "body": "I love it", "n": 1.5}\n\n{"id": 2, "body": null}\n', encoding="utf-8"
    )
    out = io.StringIO()
    annotate(source, out, text_column="body", prefix="s_")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert list(rows[0]) == ["id", "body", "n", "s_mood", "s_compound", "s_positive", "s_neutral",
                             "s_negative", "s_p_positive", "s_p_neutral", "s_p_negative", "s_label",
                             "s_language"]  # fmt: skip
    assert rows[0]["n"] == 1.5 and rows[0]["s_label"] == "positive"
    assert rows[1]["s_label"] == "unscored" and rows[1]["s_compound"] is None


def test_many_rows_stream_through_in_batches(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(annotate_module, "BATCH_ROWS", 7)
    source = tmp_path / "big.csv"
    source.write_text("n,text\n" + "".join(f"{i},great {i}\n" for i in range(50)), encoding="utf-8")
    out = io.StringIO()
    assert annotate(source, out, text_column="text").rows == 50
    assert [row[0] for row in csv.reader(io.StringIO(out.getvalue()))][1:] == [
        str(i) for i in range(50)
    ]


@pytest.mark.parametrize(
    ("content", "suffix", "column", "message"),
    [
        ("id,body\n1,x\n", ".csv", "text", "has no column 'text' (it has id, body)"),
        ("id,text,sentiment_label\n1,x,y\n", ".csv", "text", "already has sentiment_label"),
        ('{"text": "x"}\nnot json\n', ".jsonl", "text", "line 2 is not JSON"),
        ("", ".csv", "text", "is empty"),
    ],
)
def test_clear_errors(tmp_path, content: str, suffix: str, column: str, message: str) -> None:
    source = tmp_path / f"f{suffix}"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        annotate(source, io.StringIO(), text_column=column)


def test_the_score_command_writes_a_file_and_reports_on_stderr(tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(CSV_TEXT.encode("utf-8"))
    result = CliRunner().invoke(main, ["score", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"Scored 2 of 3 rows to {tmp_path / 'out.csv'}; added sentiment_mood, sentiment_compound"
    )
    assert (
        (tmp_path / "out.csv")
        .read_text(encoding="utf-8")
        .startswith("id,text,label,note,sentiment_mood,sentiment_compound")
    )


def test_the_score_command_refuses_to_overwrite_its_input(tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text\nhi\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(source), "-o", str(source)])
    assert result.exit_code == 2 and "must not be the input file" in result.stderr
    assert source.read_text(encoding="utf-8") == "text\nhi\n"


def test_teams_adds_the_team_and_its_mood_per_team(tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'id,text\n1,"Heartbreak for Japan. Last minute winner for Belgium."\n2,no team here\n3,Vamos #JPN\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["score", str(source), "--teams", "BEL-JPN"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["sentiment_teams"] for r in rows] == ["both", "neither", "JPN"]
    heartbreak = rows[0]
    assert float(heartbreak["sentiment_home_mood"]) > 0 > float(heartbreak["sentiment_away_mood"])
    assert rows[1]["sentiment_home_mood"] == rows[1]["sentiment_away_mood"] == ""


def test_teams_needs_a_real_match(tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text\nhi\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(source), "--teams", "XYZ-ABC"])
    assert result.exit_code == 1 and "Error: no team with code ABC, XYZ" in result.stderr
