"""Placing article records: words about the result, and the day an embedded tweet is dated."""

from __future__ import annotations

from datetime import date

from analyzer.records import Author, Kind, Record, Source
from analyzer.timeline.placement import OFF_DAY, Method, Phase, align

MATCH_DAY = date(2018, 7, 2)


def tweet(text: str, position: int, *, day: date | None = MATCH_DAY, path: str = "a.txt") -> Record:
    return Record(
        kind=Kind.TWEET,
        text=text,
        source=Source(path, position + 1, position * 100, position),
        author=Author(handle="fan"),
        posted_date=day,
    )


def test_result_words_place_after_the_final_whistle_whatever_came_before(bel_jpn) -> None:
    records = [
        tweet("Haraguchi! What a finish", 0),
        tweet("BELGIUM ARE THROUGH TO THE QUARTERS", 1),
        tweet("Champions of nothing yet, but what a night", 2),
        tweet("Still shaking", 3),
    ]
    placed = align(records, bel_jpn)
    assert [p.moment for p in placed] == ["goal-1", "full-time", "full-time", "full-time"]
    assert [p.method for p in placed] == [
        Method.CONTENT, Method.CONTENT, Method.CONTENT, Method.POSITION,
    ]  # fmt: skip
    assert placed[1].phase is Phase.POST_MATCH


def test_a_penalty_shootout_is_evidence(bel_jpn) -> None:
    [placed] = align([tweet("ENGLAND HAVE WON A PENALTY SHOOTOUT!", 0)], bel_jpn)
    assert (placed.moment, placed.method) == ("full-time", Method.CONTENT)
    assert "SHOOTOUT" in placed.evidence


def test_a_tweet_dated_the_day_after_is_after_the_match(bel_jpn) -> None:
    [placed] = align([tweet("Still thinking about it", 0, day=date(2018, 7, 3))], bel_jpn)
    assert (placed.moment, placed.method) == ("full-time", Method.CONTENT)
    assert placed.evidence == "dated the day after the match"


def test_a_tweet_dated_days_away_is_off_day_and_moves_no_neighbour(bel_jpn) -> None:
    records = [
        tweet("Inui scores!", 0),
        tweet("Transfer news: a new striker signs", 1, day=date(2018, 7, 9)),
        tweet("No words", 2),
    ]
    placed = align(records, bel_jpn)
    assert [p.moment for p in placed] == ["goal-2", OFF_DAY, "goal-2"]
    off = placed[1]
    assert (off.clock, off.phase, off.method) == (None, Phase.UNKNOWN, Method.OFF_DAY)
    assert off.evidence == "dated 2018-07-09, 7 days after the match"
