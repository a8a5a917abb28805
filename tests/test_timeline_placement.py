"""Alignment: each record gets a moment, a minute, a method and a confidence; none is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.ingest import read_folder
from analyzer.records import Author, Kind, Record, Source
from analyzer.timeline.placement import Method, Phase, Timeline, align

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def placed(bel_jpn):
    corpus = read_folder(SAMPLES)
    return list(zip(corpus.records, align(corpus.records, bel_jpn), strict=True))


def find(placed, start: str):
    [placement] = [p for r, p in placed if r.text.startswith(start)]
    return placement


@pytest.mark.parametrize(
    ("start", "moment", "minute_clock"),
    [
        ("JAPAN ARE OUT IN FRONT!\n\nHaraguchi", "goal-1", 50.0),
        ("Who saw this coming?!\n\nInui", "goal-2", 54.0),
        ("GOLAZO GOLAZO GOLAZO", "goal-2", 54.0),
        ("YESSSSSSSSSSS INUI", "goal-2", 54.0),
        ("Vertonghen pulls one back", "goal-3", 71.0),
        ("FELLAINI EQUALIZES!", "goal-4", 76.0),
        ("We dare you to find a better counterattack!\n\nChadli", "goal-5", 96.0),
        ("Heartbreak for Japan.", "full-time", 97.0),
    ],
)
def test_the_sample_tweets_land_on_their_goals(
    placed, start: str, moment: str, minute_clock: float
) -> None:
    placement = find(placed, start)
    assert placement.moment == moment
    assert placement.clock == minute_clock
    assert placement.method is Method.CONTENT


def test_the_heartbreak_tweet_is_after_the_final_whistle_although_it_says_2_0(placed) -> None:
    placement = find(placed, "Heartbreak for Japan.")
    assert placement.phase is Phase.POST_MATCH


def test_tokyo_fan_quotes_are_after_the_final_whistle(placed) -> None:
    tokyo = [(r, p) for r, p in placed if r.source.path.endswith("002_14d4a9f4abd7d5c7.txt")]
    assert len(tokyo) == 8
    assert all(p.moment == "full-time" and p.phase is Phase.POST_MATCH for _, p in tokyo)


def test_records_without_evidence_sit_with_the_record_before_them(placed) -> None:
    placement = find(placed, "this World Cup")
    assert (placement.moment, placement.method) == ("goal-2", Method.POSITION)
    assert placement.confidence < find(placed, "YESSSSSSSSSSS INUI").confidence


def test_placement_along_a_document_never_runs_backwards(placed) -> None:
    tweets = [p for r, p in placed if r.kind is Kind.TWEET]
    clocks = [p.clock for p in tweets]
    assert clocks == sorted(clocks)


def test_nothing_is_dropped_or_left_unaligned_in_the_samples(placed) -> None:
    assert len(placed) == 26
    assert all(p.method is not Method.UNALIGNED for _, p in placed)


def record(text: str, position: int = 0, kind: Kind = Kind.TWEET, path: str = "a.txt") -> Record:
    return Record(kind, text, Source(path, 1, position, position), Author("x"))


@pytest.mark.parametrize(
    ("text", "lower", "upper", "strong"),
    [
        ("Haraguchi!!", 50.0, None, True),
        ("HARAGUCHI", 50.0, None, True),
        ("It's 1-0", 50.0, 54.0, True),  # a scoreline bounds both ways
        ("2-2 now", 76.0, 96.0, True),
        ("0-0 still", 0.0, 50.0, True),
        ("at 2-0 down Fellaini came on", 76.0, None, True),  # names a later goal: looking back
        ("What an equaliser", 76.0, None, False),
        ("Last minute winner", 96.0, None, False),
        ("Full time in Rostov", 97.0, None, False),
        ("Lovely day", None, None, False),
        ("7-1 is the score I dream of", None, None, False),  # never the score of this match
        ("Kick-off 21:00, date 2018-07-02", 0.0, None, False),  # times and dates are not scorelines
    ],
)
def test_evidence_from_words(bel_jpn, text: str, lower, upper, strong: bool) -> None:
    evidence = Timeline(bel_jpn).evidence(record(text))
    assert (evidence.lower, evidence.upper, evidence.strong) == (lower, upper, strong)


def test_an_unplaceable_record_is_kept_and_says_so(bel_jpn) -> None:
    [placement] = align([record("Lovely day")], bel_jpn)
    assert (
        placement.method is Method.UNALIGNED
        and placement.clock is None
        and placement.moment is None
    )


def test_a_present_scoreline_can_go_back_before_its_neighbour(bel_jpn) -> None:
    records = [record("Fellaini!", 0), record("Still 1-0 here", 1)]
    assert [p.moment for p in align(records, bel_jpn)] == ["goal-4", "goal-1"]


def test_a_lower_bound_alone_does_not_go_back_before_its_neighbour(bel_jpn) -> None:
    records = [record("Fellaini!", 0), record("Haraguchi was good today", 1)]
    assert [p.moment for p in align(records, bel_jpn)] == ["goal-4", "goal-4"]


def test_documents_are_placed_independently(bel_jpn) -> None:
    records = [record("Chadli!", 0, path="a.txt"), record("Nothing to say", 0, path="b.txt")]
    assert [p.method for p in align(records, bel_jpn)] == [Method.CONTENT, Method.UNALIGNED]


def test_a_quote_without_evidence_is_after_the_match(bel_jpn) -> None:
    [placement] = align([record("We tried", kind=Kind.QUOTE)], bel_jpn)
    assert (placement.method, placement.moment) == (Method.AFTER_MATCH, "full-time")


def test_results_come_back_in_input_order(bel_jpn) -> None:
    records = [record("Chadli!", 1, path="b.txt"), record("Haraguchi!", 0, path="a.txt")]
    assert [p.moment for p in align(records, bel_jpn)] == ["goal-5", "goal-1"]


def test_the_sample_folder_reads_three_files(bel_jpn) -> None:
    corpus = read_folder(Path(SAMPLES))
    assert [f.total for f in corpus.read] == [1, 17, 8]
