"""The analyze command, driven as a user would: exit codes, files written, messages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from analyzer.cli import main

from .conftest import REPO, SAMPLES


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    """One real run on the sample articles, shared by the tests that read its output."""
    out = tmp_path_factory.mktemp("reports")
    result = CliRunner().invoke(
        main, [str(SAMPLES.parent), "--match", "BEL-JPN", "--out", str(out), "--authors", "all"]
    )
    assert result.exit_code == 0, result.output
    return out / "BEL-JPN", result


def test_the_main_job_writes_every_file(report_dir) -> None:
    folder, result = report_dir
    assert sorted(p.name for p in folder.iterdir()) == [
        "moments.csv", "mood.png", "mood.svg", "records.csv", "records.jsonl", "records.parquet",
        "report.html", "summary.json",
    ]  # fmt: skip
    assert result.stdout.rstrip().endswith(
        "records.csv records.jsonl records.parquet moments.csv mood.png mood.svg report.html summary.json"
    )


def test_the_summary_names_each_file_and_the_mood_around_each_goal(report_dir) -> None:
    _, result = report_dir
    out = result.stdout
    assert "Belgium 3-2 Japan" in out
    assert "BEL-JPN/001_f94c4db15e66a882.txt  17 tweets" in out
    assert "BEL-JPN/002_14d4a9f4abd7d5c7.txt  8 quotes" in out
    assert "26 records (17 tweets, 9 quotes); 0 could not be placed" in out
    assert (
        "  52' Inui BEL 0-2 JPN        +0.156 (1) -> +0.445 (7)\n" in out
    )  # --authors all: one column
    assert result.stderr == ""


def test_records_csv_has_every_record_with_provenance(report_dir) -> None:
    folder, _ = report_dir
    records = pd.read_csv(folder / "records.csv")
    assert len(records) == 26
    assert records["kind"].value_counts().to_dict() == {"tweet": 17, "quote": 9}
    chadli = records[records["text"].str.startswith("We dare you")].iloc[0]
    assert (chadli["file"], chadli["line"], chadli["moment"], chadli["minute"]) == (
        "BEL-JPN/001_f94c4db15e66a882.txt",
        59,
        "goal-5",
        "90+4'",
    )
    assert chadli["emoji"] == "🔥 🔥 🔥"


def test_records_jsonl_matches_the_csv(report_dir) -> None:
    folder, _ = report_dir
    lines = (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    csv_ids = pd.read_csv(folder / "records.csv")["record_id"].tolist()
    assert [r["record_id"] for r in rows] == csv_ids
    assert rows[3]["hashtags"] == ["JPN"]


def test_moments_csv(report_dir) -> None:
    folder, _ = report_dir
    moments = pd.read_csv(folder / "moments.csv").set_index("moment")
    assert moments.loc["goal-2", "records"] == 7
    assert moments.loc["full-time", "records"] == 15
    assert moments.loc["comeback-1", "records"] == 3
    assert moments.loc["goal-4", "mean_mood"] == pytest.approx(0.6797)


@pytest.mark.slow
def test_running_twice_gives_the_same_data_files(tmp_path) -> None:
    runs = []
    for name in ("a", "b"):
        result = CliRunner().invoke(
            main, [str(SAMPLES), "-m", "BEL-JPN", "-o", str(tmp_path / name), "-q"]
        )
        assert result.exit_code == 0
        runs.append(
            {
                f: (tmp_path / name / "BEL-JPN" / f).read_bytes()
                for f in ("records.csv", "records.jsonl", "moments.csv")
            }
        )
    assert runs[0] == runs[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--match", "XYZ-JPN"], "Error: no team with code XYZ"),
        (["--match", "BEL-ENG"], "Error: BEL-ENG names 2 matches"),
        ([], "say which match"),
    ],
)
def test_bad_match_ids_are_one_line_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, [str(SAMPLES), *args])
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_a_missing_input_folder_is_a_one_line_error(tmp_path) -> None:
    result = CliRunner().invoke(main, [str(tmp_path / "nope"), "--match", "BEL-JPN"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: input {tmp_path / 'nope'} does not exist"


def test_an_empty_input_folder_is_a_one_line_error(tmp_path) -> None:
    result = CliRunner().invoke(
        main, [str(tmp_path), "--match", "BEL-JPN", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "Error: no files in" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_one_bad_file_among_good_ones_is_a_warning_and_listed_in_the_report(tmp_path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SAMPLES, inputs)
    (inputs / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = CliRunner().invoke(main, [str(inputs), "-m", "BEL-JPN", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "Warning: skipped photo.jpg: binary file (JPEG image)" in result.stderr
    assert "photo.jpg" in (tmp_path / "out" / "BEL-JPN" / "report.html").read_text(encoding="utf-8")


def test_verbose_shows_the_traceback(tmp_path) -> None:
    result = CliRunner().invoke(main, [str(tmp_path / "nope"), "--match", "BEL-JPN", "--verbose"])
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


@pytest.mark.slow
def test_a_match_file_instead_of_the_shipped_data(tmp_path) -> None:
    match_file = tmp_path / "m.toml"
    match_file.write_text(
        'kickoff = 2018-07-02T21:00:00+03:00\nhome = {name = "Belgium", code = "BEL"}\n'
        'away = {name = "Japan", code = "JPN"}\ngoals = [{team = "JPN", scorer = "Takashi Inui", minute = 52}]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, [str(SAMPLES), "--match-file", str(match_file), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert "Belgium 0-1 Japan" in result.stdout


def test_matches_lists_the_shipped_matches() -> None:
    result = CliRunner().invoke(main, ["matches", "--team", "JPN", "--year", "2018"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "COL-JPN@2018-06-19     World Cup 2018  Matchday 6             Colombia 1-2 Japan",
        "JPN-SEN@2018-06-24     World Cup 2018  Matchday 11            Japan 2-2 Senegal",
        "JPN-POL@2018-06-28     World Cup 2018  Matchday 15            Japan 0-1 Poland",
        "BEL-JPN@2018-07-02     World Cup 2018  Round of 16            Belgium 3-2 Japan",
    ]


def test_every_command_has_help() -> None:
    for name, command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and command.help, name
        assert len(result.output) > 100


def test_the_top_level_help_explains_the_default_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "analyze tweets/ --match BEL-JPN" in result.output
    assert "matches" in result.output and "run" in result.output


def test_help_does_not_import_pandas_or_matplotlib() -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom analyzer.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\nCliRunner().invoke(main, ['run', '--help'])\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert output.stdout.strip() == "[]"


def test_python_dash_m_runs_the_command() -> None:
    output = subprocess.run(
        [sys.executable, "-m", "analyzer", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert output.returncode == 0 and "Usage: analyze" in output.stdout


def test_the_default_view_speaks_for_fans_and_the_data_files_keep_everyone(tmp_path) -> None:
    result = CliRunner().invoke(main, [str(SAMPLES), "-m", "BEL-JPN", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (
        "The report speaks for fans: 10 of the 26 records (--authors all for everyone)."
        in result.stdout
    )
    assert (
        "  52' Inui BEL 0-2 JPN           n/a -> +0.892 (1)       +0.156 (1) -> +0.445 (7)\n"
        in result.stdout
    )
    folder = tmp_path / "BEL-JPN"
    assert len(pd.read_csv(folder / "records.csv")) == 26
    assert pd.read_csv(folder / "moments.csv").set_index("moment").loc["goal-2", "records"] == 7
    html = (folder / "report.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="r-[0-9a-f]{16}".*?</tr>', html, re.S)
    assert len(rows) == 10 and not [row for row in rows if "Nishino" in row]  # the coach is no fan
    assert sum("Shunji Suga" in row for row in rows) == 2


@pytest.mark.parametrize("match_id", ["../../x", "BEL-JPN/../..", "..", "BEL-JPN\x00"])
def test_a_match_id_can_never_become_a_path(tmp_path, match_id: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [str(SAMPLES), "--match", match_id, "--out", str(out)])
    assert result.exit_code == 1 and "is not like BEL-JPN" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere


def test_a_match_file_code_can_never_become_a_path(tmp_path) -> None:
    match_file = tmp_path / "m.json"
    match_file.write_text(
        json.dumps(
            {
                "home": {"name": "A", "code": "../.."},
                "away": {"name": "B", "code": "BBB"},
                "kickoff": "2020-01-01T20:00:00+00:00",
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, [str(SAMPLES), "--match-file", str(match_file), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1 and "must be 2-4 letters" in result.stderr
    assert not (tmp_path / "o").exists()


def test_hostile_file_names_are_data_never_paths_and_print_escaped(tmp_path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    hostile = "x..\x1b[2J\u202egnp.exe"
    (inputs / f"{hostile}.txt").write_text("Chadli! — A Fan (@fan) July 2, 2018", encoding="utf-8")
    (inputs / "a..b.json").write_text('{"not": "tweets"}', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, [str(inputs), "-m", "BEL-JPN", "-o", str(out), "--authors", "all"]
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert all(name.startswith(("in/", "out/BEL-JPN/")) for name in written)
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "x..\\u001b[2J\\u202egnp.exe.txt" in result.stdout
    assert "Warning: skipped a..b.json: JSON, but not a tweet export I know" in result.stderr


@pytest.mark.slow
def test_encoding_is_detected_or_forced(tmp_path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes("Müller’s goal! — Fan (@fan) July 2, 2018".encode("cp1252"))
    detected = CliRunner().invoke(
        main, [str(inputs), "-m", "BEL-JPN", "-o", str(tmp_path / "d"), "--authors", "all"]
    )
    assert detected.exit_code == 0
    assert (
        "Warning: a.txt: line 1: not UTF-8" in detected.stderr
        and "read as cp1252" in detected.stderr
    )
    forced = CliRunner().invoke(
        main,
        [str(inputs), "-m", "BEL-JPN", "-o", str(tmp_path / "f"), "--encoding", "cp1252", "-q"],
    )
    assert forced.exit_code == 0 and forced.stderr == ""
    text = pd.read_csv(tmp_path / "f" / "BEL-JPN" / "records.csv")["text"].tolist()
    assert text == ["Müller’s goal!"]


def test_an_unknown_encoding_is_a_one_line_error() -> None:
    result = CliRunner().invoke(main, [str(SAMPLES), "-m", "BEL-JPN", "--encoding", "klingon"])
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("Error: unknown encoding 'klingon'")
        and len(result.stderr.splitlines()) == 1
    )


@pytest.mark.slow
def test_a_stream_that_misses_every_goal_says_so_without_nan(tmp_path) -> None:
    from analyzer.matches import shipped
    from analyzer.synthetic import write_stream

    stream = tmp_path / "all.jsonl"
    write_stream(stream, shipped().find("BEL-JPN"), tweets=3000, fmt="v1", seed=5)
    # Only the hour before kick-off: no goal falls inside the stream's times.
    early = [
        line for line in stream.read_text().splitlines() if '"created_at":"Mon Jul 02 17:' in line
    ]
    assert len(early) > 200
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "early.jsonl").write_text("\n".join(early) + "\n")
    result = CliRunner().invoke(
        main,
        [str(tmp_path / "in"), "-m", "BEL-JPN", "-o", str(tmp_path / "out"), "--authors", "all"],
    )
    assert result.exit_code == 0, result.output
    assert "could not estimate: no goal inside the stream's times" in result.output
    assert "nan" not in result.output
    *_, row = [line for line in result.output.splitlines() if line.startswith("  48' Haraguchi")]
    assert row.split() == ["48'", "Haraguchi", "BEL", "0-1", "JPN"] + ["n/a", "(0/0)"] * 3


def test_without_authors_the_default_view_is_everyone_and_says_so(tmp_path) -> None:
    # An export with no author columns: nobody can be told to be a fan.
    rows = ["text,created_at"] + [
        f'"Goal! Japan lead, what a strike {n}",2018-07-02T19:0{n % 10}:00Z' for n in range(40)
    ]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, [str(tmp_path / "in"), "--match", "BEL-JPN", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    note = "The report speaks for everyone: the input says nothing about its authors (--authors picks a view)."
    assert note in result.output.splitlines()
    folder = tmp_path / "out" / "BEL-JPN"
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["view"] == {"authors": "all", "asked": None, "records": 40, "note": note}
    assert note in (folder / "report.html").read_text(encoding="utf-8")
    # Asked for, the fans' view is kept even though it is empty.
    asked = CliRunner().invoke(
        main,
        [
            str(tmp_path / "in"),
            "--match",
            "BEL-JPN",
            "--authors",
            "fans",
            "--out",
            str(tmp_path / "o2"),
        ],
    )
    assert "The report speaks for fans: 0 of the 40 records" in asked.output


def test_a_folder_that_yields_no_record_is_an_error_not_an_empty_report(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Belgium beat Japan 3-2 in Rostov.\n\nIt was a great match for everyone.\n"
    )
    result = CliRunner().invoke(
        main, [str(tmp_path / "in"), "-m", "BEL-JPN", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: no tweet or quote found in {tmp_path / 'in'}: 1 file read; articles need "
        "embedded tweets or attributed quotes, exports a text column\n"
    )
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
@pytest.mark.parametrize("scorer", ["learned", "football", "vader"])
def test_each_scorer_fills_mood_compound_and_the_probabilities(tmp_path, scorer) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    out = tmp_path / "out"
    result = CliRunner().invoke(main, [str(SAMPLES), "-m", "BEL-JPN", "-o", str(out), "-q",
                                       "--scorer", scorer])  # fmt: skip
    assert result.exit_code == 0, result.output
    records = pd.read_csv(out / "BEL-JPN" / "records.csv")
    scored = records[records["label"] != "unscored"]
    summary = json.loads((out / "BEL-JPN" / "summary.json").read_text(encoding="utf-8"))
    assert summary["analyzer"]["scorer"] == scorer
    if scorer == "learned":
        total = scored["p_positive"] + scored["p_neutral"] + scored["p_negative"]
        assert total.round(9).eq(1.0).all()
        assert (scored["mood"] - (scored["p_positive"] - scored["p_negative"])).abs().max() < 1e-9
        assert summary["analyzer"]["model_version"] is not None
    else:
        assert records["p_positive"].isna().all() and summary["analyzer"]["model_version"] is None
        assert scored["mood"].equals(scored["compound"])
    if scorer == "vader":  # vaderSentiment's own numbers, exactly
        vader = SentimentIntensityAnalyzer()
        expected = [vader.polarity_scores(t)["compound"] for t in scored["text"]]
        assert scored["compound"].tolist() == expected
