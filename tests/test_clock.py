"""The match clock: wall-clock instants to match positions and back, breaks, lag, and time placement."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from analyzer.matches import shipped
from analyzer.matches.clock import MatchClock, Phase, minute_label
from analyzer.timeline.placement import Method, Timeline, place_by_time


def utc(hhmm: str, day: str = "2018-07-02") -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}+00:00")


@pytest.mark.parametrize(
    ("when", "position", "phase"),
    [
        ("17:30:00", -30.0, Phase.PRE_MATCH),
        ("18:00:00", 0.0, Phase.FIRST_HALF),
        ("18:46:30", 46.5, Phase.FIRST_HALF),  # 45+2 of stoppage assumed
        ("18:55:00", 47.0, Phase.HALF_TIME),  # the clock stands still in the break
        ("19:02:00", 47.0, Phase.SECOND_HALF),  # kick-off of the second half, 15 min later
        ("19:05:00", 50.0, Phase.SECOND_HALF),  # Haraguchi's 48'
        ("19:52:30", 97.5, Phase.POST_MATCH),
        ("20:30:00", 135.0, Phase.POST_MATCH),
    ],
)
def test_bel_jpn_wall_clock_to_match_clock(
    bel_jpn, when: str, position: float, phase: Phase
) -> None:
    clock = MatchClock.for_match(bel_jpn)
    assert clock.place_one(utc(when)) == (position, phase)


def test_every_moment_maps_to_its_wall_time_and_back(bel_jpn) -> None:
    clock = MatchClock.for_match(bel_jpn)
    for moment in bel_jpn.moments:
        wall = clock.wall_time(moment.position)
        assert clock.place_one(wall)[0] == pytest.approx(moment.position), moment.id
    assert clock.wall_time(50.0).astimezone(UTC).strftime("%H:%M") == "19:05"


def test_a_lag_moves_tweets_back_to_what_they_react_to(bel_jpn) -> None:
    lagged = MatchClock.for_match(bel_jpn, lag=2.0)
    assert lagged.place_one(utc("19:07:00")) == (50.0, Phase.SECOND_HALF)


def test_half_time_break_from_option_then_match_file_then_default(bel_jpn) -> None:
    assert MatchClock.for_match(bel_jpn).half_time_break == 15.0
    # with a 20-minute break the second half restarts at 19:07, so 19:10 is Haraguchi's 48'
    assert MatchClock.for_match(bel_jpn, half_time_break=20).place_one(utc("19:10:00"))[0] == 50.0
    from dataclasses import replace

    assert MatchClock.for_match(replace(bel_jpn, half_time_break=10.0)).half_time_break == 10.0


def test_extra_time_and_a_shootout_are_on_the_wall_clock() -> None:
    final = shipped().find("ARG-FRA@2022")
    clock = MatchClock.for_match(final)
    phases = [s.phase for s in clock.segments]
    assert phases == [
        Phase.FIRST_HALF, Phase.HALF_TIME, Phase.SECOND_HALF, Phase.EXTRA_TIME_BREAK,
        Phase.EXTRA_TIME, Phase.EXTRA_TIME_BREAK, Phase.EXTRA_TIME, Phase.PENALTIES,
    ]  # fmt: skip
    during_shootout = clock.wall_time(final.position(final.end_of_play)) + timedelta(minutes=6)
    assert clock.place_one(during_shootout)[1] is Phase.PENALTIES


def test_nan_times_are_unknown(bel_jpn) -> None:
    positions, phases = MatchClock.for_match(bel_jpn).place(np.array([np.nan]))
    assert np.isnan(positions[0]) and phases[0] == list(Phase).index(Phase.UNKNOWN)


@pytest.mark.parametrize(
    ("clock", "exact", "label"),
    [(-30.0, True, "-30'"), (-0.5, True, "-1'"), (-3.0, False, "pre-match"), (50.0, True, "48'"),
     (96.0, True, "90+4'"), (97.0, True, "FT"), (105.5, True, "FT+8'"), (105.5, False, "FT"), (None, True, None)],
)  # fmt: skip
def test_minute_labels(bel_jpn, clock, exact: bool, label) -> None:
    assert minute_label(clock, bel_jpn, exact=exact) == label


def chunk_with_times(times: list[str | None]) -> pd.DataFrame:
    from analyzer.schema import RECORD_COLUMNS, empty_records, typed

    rows = empty_records().reindex(range(len(times)))
    rows["posted_at"] = pd.to_datetime(times, utc=True)
    rows["time_origin"] = ["field" if t else None for t in times]
    rows["moment"] = ["untouched"] * len(times)
    rows["phase"] = ["unknown"] * len(times)
    rows["method"] = ["unaligned"] * len(times)
    return typed(rows, RECORD_COLUMNS)


def test_place_by_time_places_timed_rows_and_leaves_the_others(bel_jpn) -> None:
    chunk = chunk_with_times(
        ["2018-07-02T17:30:00Z", "2018-07-02T19:07:30Z", None, "2018-07-02T20:00:00Z"]
    )
    placed = place_by_time(
        chunk, MatchClock.for_match(bel_jpn, lag=2.0), Timeline(bel_jpn), post_match=60.0
    )
    assert placed["moment"].tolist() == ["pre-match", "goal-1", "untouched", "full-time"]
    assert placed["minute"].tolist()[:2] == ["-32'", "49'"]
    assert placed["phase"].tolist() == ["pre-match", "second half", "unknown", "post-match"]
    assert placed["method"].tolist() == [Method.TIME.value, "time", "unaligned", "time"]
    assert placed.loc[1, "evidence"] == "posted 19:07:30 UTC (field), 2 min lag"
    assert chunk["moment"].tolist() == ["untouched"] * 4  # the input chunk is not changed


def test_the_last_minute_of_play_is_labelled_by_its_segment_not_full_time() -> None:
    import pandas as pd

    from analyzer.matches import shipped
    from analyzer.timeline.placement import _minute_labels

    match = shipped().find("QAT-ECU")  # the final whistle at 96.0: 90+4' ends it
    labels = _minute_labels(np.array([94.5, 95.1, 95.9, 96.0, 96.5]), match)
    assert labels == ["90+3'", "90+4'", "90+4'", "FT", "FT"]
    assert pd.isna(minute_label(None, match))
