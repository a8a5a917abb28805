"""The evaluation: readers, metrics, the held-out split, and the command on small and full data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.evaluate import (
    DATE_SPLIT_FROM,
    EvaluationDataError,
    LabelledText,
    accuracy,
    evaluate,
    f1_by_label,
    football_half,
    macro_f1,
    main,
    near_duplicate_key,
    pearson,
    posted_on,
    read_football,
    read_ground_truth,
    split_football,
    variants,
)
from analyzer.sentiment import LAYERS, Label
from tests.conftest import LABELLED, REPO, labelled_file

P, U, N = Label.POSITIVE, Label.NEUTRAL, Label.NEGATIVE
LATE_TWEETS = 3332  # the World Cup 2014 tweets posted from 18 June on

GROUND_TRUTH = (
    "1\t2.7\tSo lucky to have such amazing friends. Love them!\n"
    "2\t-2.2\tTwo words that should die this year. Die die die\n"
    "3\t0.1\tThe bus leaves at nine\n"
    "4\t1.4\tYay. Another good phone interview."  # the last line has no newline
)
FOOTBALL = (
    "id\ttweet\tlabel\n"
    "1\tWhat a goal from Inui!\tpositive\n"
    "2\tgutted for Japan\tnegative\n"
    '3\t"Kick-off in Rostov\nBelgium v Japan"\tneutral\n'
    "4\tYESSSSS GOLAZO #JPN\tpositive\n"
    "5\tRobbed by the referee again\tnegative\n"
    "6\tthe referee killed the game\tnegative\n"
    "7\tHe killed it tonight\tpositive\n"
    "8\tLineups are out\tneutral\n"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    (tmp_path / "vader-groundtruth").mkdir()
    (tmp_path / "vader-groundtruth" / "tweets_GroundTruth.txt").write_text(
        GROUND_TRUTH, encoding="utf-8"
    )
    (tmp_path / "football-labelled").mkdir()
    (tmp_path / "football-labelled" / "fifa2014_train.tsv").write_text(FOOTBALL, encoding="utf-8")
    return tmp_path


def test_readers_keep_every_row_and_where_it_came_from(data_dir: Path) -> None:
    rated = read_ground_truth(data_dir / "vader-groundtruth" / "tweets_GroundTruth.txt")
    assert [(r.id, r.rating, r.line) for r in rated] == [
        ("1", 2.7, 1),
        ("2", -2.2, 2),
        ("3", 0.1, 3),
        ("4", 1.4, 4),
    ]
    assert rated[-1].text == "Yay. Another good phone interview."
    labelled = read_football(data_dir / "football-labelled" / "fifa2014_train.tsv")
    assert len(labelled) == 8
    assert (
        labelled[2].text == "Kick-off in Rostov\nBelgium v Japan"
    )  # a quoted tweet over two lines
    assert [row.label for row in labelled[:3]] == [P, N, U]


def test_a_bad_label_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("id\ttweet\tlabel\n1\thello\tmaybe\n", encoding="utf-8")
    with pytest.raises(
        EvaluationDataError,
        match="record 1: expected id, tweet and a positive/neutral/negative label",
    ):
        read_football(path)


def test_the_split_is_fixed_by_the_tweet_id() -> None:
    # SHA-256 of the id: an even first byte tunes, an odd one is held out. These never change.
    assert football_half("1") == "test"  # sha256("1") starts with 0x6b
    assert football_half("2") == "tune"  # 0xd4
    assert football_half("8") == "tune"  # 0x2c


def test_the_halves_are_about_even_on_the_football_set() -> None:
    rows = read_football(labelled_file("football-labelled", "fifa2014_train.tsv"))
    held_out = sum(row.half == "test" for row in rows)
    assert len(rows) == 21343
    assert held_out == 10544


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("RT @fifa: GOAL for Brazil! http://t.co/x1", "goal for brazil!"),
        ("GOAL for   Brazil! http://t.co/y2 @neymarjr", "goal for brazil!"),
        ("rt @a: RT @b: goal for brazil!", "goal for brazil!"),  # a retweet of a retweet
        ("RT @fifa Goal for Brazil!", "goal for brazil!"),  # no colon
        ("Lineups: www.fifa.com/lineups", "lineups:"),
        ("Brazil ART @ night", "brazil art @ night"),  # "RT" inside a word is no prefix
    ],
)
def test_near_duplicates_share_a_key(text: str, key: str) -> None:
    assert near_duplicate_key(text) == key


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True))
def test_a_retweet_or_a_copy_with_a_link_has_the_texts_key(text: str, user: str) -> None:
    key = near_duplicate_key(text)
    assert near_duplicate_key(key) == key
    assert near_duplicate_key(f"RT @{user}: {text}") == near_duplicate_key(f" {text}")
    assert near_duplicate_key(f"{text} http://t.co/{user}") == near_duplicate_key(f"{text} ")


def test_the_posting_day_is_read_from_the_tweet_id() -> None:
    # The first and last tweets of the labelled set: 9 and 24 June 2014.
    assert str(posted_on("476036529677434880")) == "2014-06-09"  # 16:22:07 UTC
    assert str(posted_on("481501504583389185")) == "2014-06-24"


def test_the_split_keeps_near_duplicates_on_one_side() -> None:
    split = split_football(read_football(labelled_file("football-labelled", "fifa2014_train.tsv")))
    assert split.duplicates_removed == 1172
    assert split.conflicting_duplicates == 0
    assert split.counts() == {"train": 10188, "tune": 2557, "test": 4094, "date": 3332}
    assert len({row.text for row in split.rows}) == len(split.rows) == 20171
    part_of_key: dict[str, set[str]] = {}
    for row in split.rows:
        part_of_key.setdefault(near_duplicate_key(row.text), set()).add(split.parts[row.id])
    assert all(len(parts) == 1 for parts in part_of_key.values())
    # Test tweets come only from the half the football layers were never tuned on.
    assert all(row.half == "test" for row in split.part("test"))
    # Everything trained on was posted before the date split.
    trained = split.part("train") + split.part("tune")
    assert max(posted_on(row.id) for row in trained) < DATE_SPLIT_FROM
    late_keys = {
        near_duplicate_key(r.text) for r in split.rows if posted_on(r.id) >= DATE_SPLIT_FROM
    }
    # The date part: the late tweets, and the earlier copies of a late text.
    assert all(near_duplicate_key(row.text) in late_keys for row in split.part("date"))
    assert sum(posted_on(row.id) >= DATE_SPLIT_FROM for row in split.part("date")) == LATE_TWEETS


def test_duplicate_texts_are_removed_and_retweets_grouped() -> None:
    rows = [
        LabelledText("1", Label.POSITIVE, "What a goal! http://t.co/a", "test", 1),
        LabelledText("2", Label.POSITIVE, "What a goal! http://t.co/a", "tune", 2),
        LabelledText("3", Label.NEGATIVE, "RT @x: what a goal! http://t.co/b", "tune", 3),
        LabelledText("4", Label.NEUTRAL, "Lineups are out", "tune", 4),
    ]
    split = split_football(rows)
    assert [row.id for row in split.rows] == ["1", "3", "4"]
    assert (split.duplicates_removed, split.conflicting_duplicates, split.groups) == (1, 0, 2)
    assert split.parts["1"] == split.parts["3"]


def test_pearson_accuracy_and_macro_f1_on_known_values() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    gold = [P, P, U, N, N, N]
    predicted = [P, U, U, N, N, P]
    assert accuracy(gold, predicted) == pytest.approx(4 / 6)
    # F1: positive 2*1/(2+2) = 0.5, neutral 2*1/(2+1) = 0.667, negative 2*2/(2+3) = 0.8.
    assert macro_f1(gold, predicted) == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)
    assert f1_by_label(gold, predicted) == pytest.approx({P: 0.5, U: 2 / 3, N: 0.8})


def test_variants_cover_the_three_scorers_and_each_layer_both_ways() -> None:
    names = [variant.name for variant in variants()]
    assert names[:3] == ["plain VADER", "football layers", "learned"]
    assert [v.options.scorer_name for v in variants()[:3]] == ["vader", "football", "learned"]
    for layer in LAYERS:
        assert f"plain + {layer}" in names
        assert f"football - {layer}" in names


def columns(output: str, variant: str, *, table: int = 0) -> list[str]:
    """The numbers on a variant's row of the ``table``-th table that has one."""
    rows = [line for line in output.splitlines() if line.startswith(f"{variant:<23} ")]
    return rows[table][23:].split()


@pytest.mark.slow
def test_the_command_prints_the_three_scorers_on_each_set(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert "parts: train 5, tune 0, test 3, date 0." in result.output
    # This is not the file the model was trained on, and the table says so.
    assert "it never saw test or date OF ITS OWN FILE" in result.output
    # Test: ids 1, 4 and 7 ("What a goal from Inui!", "YESSSSS GOLAZO #JPN", "He killed it
    # tonight"), all positive. Plain VADER reads "What a goal", "GOLAZO" and "killed it" as
    # nothing or a death; the football layers and the model get all three.
    # Columns: accuracy, macro-F1, diff, F1 pos, F1 neu, F1 neg, unscored.
    assert columns(result.output, "plain VADER", table=1)[:2] == ["0.0000", "0.0000"]
    assert columns(result.output, "football layers", table=1)[:4] == [
        "1.0000",
        "0.3333",
        "+0.3333",
        "1.0000",
    ]
    assert columns(result.output, "learned", table=1)[:2] == ["1.0000", "0.3333"]
    # The general set: r of the compound and of the mood.
    plain_r, plain_mood, _ = columns(result.output, "plain VADER")
    assert plain_r == plain_mood == "0.9866"  # without the model, the mood is the compound
    learned_r, learned_mood, _ = columns(result.output, "learned")
    assert learned_r == "0.9866" and learned_mood != learned_r


def test_json_output_for_machines(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--data", str(data_dir), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["football_parts"] == {"train": 5, "tune": 0, "test": 3, "date": 0}
    assert payload["model_version"].startswith("1-")
    by_name = {row["variant"]: row for row in payload["results"]}
    assert by_name["plain VADER"]["layers"] == []
    assert by_name["plain VADER"]["scorer"] == "vader"
    assert by_name["football layers"]["layers"] == list(LAYERS)
    assert by_name["learned"]["scorer"] == "learned"
    assert by_name["football layers"]["test"]["accuracy"] == 1.0
    assert by_name["plain VADER"]["test"]["accuracy"] == 0.0
    assert by_name["plain + lexicon"]["test"]["accuracy"] > 0.0
    assert by_name["learned"]["date"]["accuracy"] is None  # no date part: NaN is null


def test_missing_data_is_one_line_that_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "not found; pass --data DIR" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_band_search_runs_on_the_tuning_half(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--data", str(data_dir), "--tune"])
    assert result.exit_code == 0, result.output
    assert "TUNING half" in result.output
    assert result.output.count("<- best macro-F1") == 1


@pytest.mark.slow
def test_it_runs_as_a_module(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "analyzer.evaluate", "--data", str(data_dir), "--limit", "3"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "plain VADER" in done.stdout and "football layers" in done.stdout


def test_help_describes_the_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "--data" in result.output and "--json" in result.output and "--tune" in result.output
    assert "--model" in result.output


@pytest.mark.slow
def test_on_the_real_sets_the_layers_and_the_model_beat_plain_vader() -> None:
    evaluation = evaluate(LABELLED, only=["plain VADER", "football layers", "learned"])
    plain, football, learned = evaluation.results
    assert evaluation.football_sha256 == evaluation.model_data_sha256
    assert plain.groundtruth_pearson == pytest.approx(0.8722, abs=5e-5)
    assert plain.test.accuracy == pytest.approx(0.5528, abs=5e-5)
    assert plain.date.macro_f1 == pytest.approx(0.4548, abs=5e-5)
    assert football.groundtruth_pearson >= plain.groundtruth_pearson  # no loss on general tweets
    assert learned.groundtruth_pearson == football.groundtruth_pearson  # the compound is kept
    assert football.test.macro_f1 >= plain.test.macro_f1 + 0.03
    assert football.date.macro_f1 >= plain.date.macro_f1 + 0.03
    # The model, on parts it never saw (measured: test 0.658, date 0.541, neutral F1 0.543).
    assert learned.test.macro_f1 >= football.test.macro_f1 + 0.07
    assert learned.date.macro_f1 >= football.date.macro_f1 + 0.05
    assert learned.test.f1_neutral >= 0.5
    assert learned.groundtruth_mood_pearson >= 0.85
