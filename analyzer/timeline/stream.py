"""How a tweet stream moves in time: its per-minute series, how far it lags the pitch, and its spikes.

Wall-clock series are keyed by minutes since the Unix epoch; match-clock series by the
whole minute of play (``floor(clock)``, negative before kick-off). Only records with a
posting time go into either: an article's placement is a moment, not a minute.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from analyzer.matches import Match, MomentKind
from analyzer.matches.clock import MatchClock, Phase, minute_label
from analyzer.schema import SERIES_COLUMNS, WALL_SERIES_COLUMNS, typed
from analyzer.timeline.lag import LagEstimate, estimate_lag
from analyzer.timeline.placement import EARLIEST_MINUTES, NOT_THE_MATCH
from analyzer.timeline.series import MinuteSeries, minute_keys
from analyzer.timeline.spikes import GoalDetection, Spike, attach_moments, detect_goals, find_spikes

STAT_DECIMALS = 4
# How far after the final whistle the wall-clock series follows a stream (before kick-off it
# starts where records stop being the match's: placement.EARLIEST_MINUTES).
WALL_MARGIN_MINUTES = 24 * 60.0
# Phases in which the match clock stands still.
BREAK_PHASES = frozenset(
    {Phase.HALF_TIME.value, Phase.EXTRA_TIME_BREAK.value, Phase.PENALTIES.value}
)


@dataclass(frozen=True)
class Lag:
    """How many minutes the tweets run behind the pitch, and where that figure comes from."""

    minutes: float
    # "given" (--lag), "estimated" from the data, "assumed" (0: the data could not say),
    # or "none" (no record has a posting time, so no lag applies).
    source: str
    detail: str = ""
    estimate: LagEstimate | None = None


def epoch_minutes(posted_at: pd.Series) -> npt.NDArray[np.float64]:
    """Posting times as (fractional) minutes since the Unix epoch."""
    return posted_at.astype("int64").to_numpy() / 60e9


class StreamSeries:
    """Per-minute series on the match clock: every record, the sentences naming each team, the breaks."""

    def __init__(self) -> None:
        self.overall = MinuteSeries()
        self.home = MinuteSeries()
        self.away = MinuteSeries()
        self.breaks = MinuteSeries()
        self.home_breaks = MinuteSeries()  # the sentences naming each team, posted in a break
        self.away_breaks = MinuteSeries()

    def add(self, chunk: pd.DataFrame) -> None:
        placed = ClockColumns.of(chunk)  # the columns every series reads, converted once
        add_match_clock(self.overall, chunk, placed=placed)
        add_match_clock(self.home, chunk, score="home_mood", placed=placed)
        add_match_clock(self.away, chunk, score="away_mood", placed=placed)
        add_match_clock(self.breaks, chunk, breaks=True, placed=placed)
        add_match_clock(self.home_breaks, chunk, score="home_mood", breaks=True, placed=placed)
        add_match_clock(self.away_breaks, chunk, score="away_mood", breaks=True, placed=placed)

    @property
    def volume(self) -> int:
        return self.overall.volume + self.breaks.volume


def add_wall_clock(
    series: MinuteSeries,
    chunk: pd.DataFrame,
    *,
    terms: bool = True,
    within: tuple[float, float] | None = None,
) -> None:
    """Feed the rows with a posting time into a wall-clock series (with their words, for spikes).

    ``within`` bounds the epoch minutes kept: a tweet from another year in a mixed folder
    would otherwise stretch the per-minute series over every minute in between.
    """
    timed = chunk[chunk["posted_at"].notna()]
    if within is not None and not timed.empty:
        minutes = epoch_minutes(timed["posted_at"])
        timed = timed[(minutes >= within[0]) & (minutes <= within[1])]
    if timed.empty:
        return
    series.add(
        minute_keys(epoch_minutes(timed["posted_at"])),
        timed["mood"].to_numpy(dtype=float, na_value=np.nan),
        timed["label"].to_numpy(dtype=object),
        hashtags=timed["hashtags"].tolist() if terms else None,
        texts=timed["text"].tolist() if terms else None,
    )


def wall_window(match: Match, clock: MatchClock) -> tuple[float, float]:
    """The epoch minutes a stream is followed in: a day before kick-off to a day after the end."""
    kickoff = clock.with_lag(0.0).wall_time(0.0).timestamp() / 60
    return kickoff - EARLIEST_MINUTES, kickoff + clock.wall_minutes + WALL_MARGIN_MINUTES


@dataclass(frozen=True)
class ClockColumns:
    """What the match-clock series read of a chunk, as arrays: which rows count, their clock and label."""

    timed: npt.NDArray[np.bool_]  # placed by time, and the match's
    in_break: npt.NDArray[np.bool_]
    clock: npt.NDArray[np.float64]
    labels: npt.NDArray[np.object_]

    @classmethod
    def of(cls, chunk: pd.DataFrame) -> ClockColumns:
        # Masks over whole columns: selecting rows of the frame would copy every column.
        timed = (chunk["method"] == "time").to_numpy()
        # Past the post-match window, or a day and more before kick-off: not the match's.
        timed &= ~chunk["moment"].isin(NOT_THE_MATCH).fillna(False).to_numpy(dtype=bool)
        return cls(
            timed,
            chunk["phase"].isin(BREAK_PHASES).to_numpy(),
            chunk["clock"].to_numpy(dtype=float, na_value=np.nan),
            chunk["label"].to_numpy(dtype=object),
        )


def add_match_clock(
    series: MinuteSeries,
    chunk: pd.DataFrame,
    *,
    score: str = "mood",
    breaks: bool = False,
    placed: ClockColumns | None = None,
) -> None:
    """Feed rows placed by time into a match-clock series of ``score`` (the mood, or a team's).

    The clock stands still in a break, so a 15-minute half-time would pile into one
    minute of play: rows posted in a break go to a series of their own (``breaks=True``).
    ``placed`` is the chunk's ClockColumns when the caller has them already.
    """
    placed = placed or ClockColumns.of(chunk)
    keep = placed.timed & (placed.in_break if breaks else ~placed.in_break)
    moods = chunk[score].to_numpy(dtype=float, na_value=np.nan)
    if score != "mood":
        keep &= ~np.isnan(moods)  # a team's score is missing where the row does not name it
    if not keep.any():
        return
    labels = placed.labels[keep] if score == "mood" else None
    series.add(minute_keys(placed.clock[keep]), moods[keep], labels)


def goal_times(match: Match, clock: MatchClock) -> list[tuple[float, str]]:
    """Each goal's wall-clock time (epoch minutes, as on the pitch: no lag) and its label."""
    return [
        (clock.wall_time(m.position).timestamp() / 60, m.label)
        for m in match.moments
        if m.kind is MomentKind.GOAL
    ]


def settle_lag(given: float | None, wall: MinuteSeries, match: Match, clock: MatchClock) -> Lag:
    """The lag a user gave, else the one the stream's volume shows around the goals."""
    if given is not None:
        return Lag(given, "given")
    if wall.volume == 0:
        return Lag(0.0, "none", "no record has a posting time")
    goals = [minute for minute, _ in goal_times(match, clock.with_lag(0.0))]
    estimate = estimate_lag(wall.table()["volume"], goals)
    if estimate.ok:
        detail = f"{estimate.method}; confidence {estimate.confidence:.2f}"
        return Lag(estimate.minutes, "estimated", detail, estimate)
    return Lag(0.0, "assumed", f"could not estimate: {estimate.status.value}", estimate)


def stream_spikes(
    wall: MinuteSeries, match: Match, clock: MatchClock
) -> tuple[list[Spike], list[GoalDetection]]:
    """Spikes in the wall-clock volume, each with its nearest moment, and which goals they caught."""
    if wall.volume == 0:
        return [], []
    pitch = clock.with_lag(0.0)
    moments = [
        (pitch.wall_time(m.position).timestamp() / 60, m.label)
        for m in match.moments
        if m.kind is not MomentKind.COMEBACK
    ]
    spikes = attach_moments(find_spikes(wall), moments, lag=clock.lag)
    goals = [minute for minute, _ in goal_times(match, pitch)]
    return spikes, detect_goals(goals, spikes)


def match_series_frame(series: StreamSeries, clock: MatchClock) -> pd.DataFrame:
    """The match-clock series as a table with ``SERIES_COLUMNS``.

    One row per minute of play from the first to the last (before kick-off and after
    the final whistle included), and one row per break with tweets, placed where the
    break falls on the clock and named by its phase.
    """
    match = clock.match
    table = series.overall.table()
    keys = table.index.to_numpy()
    frame = table.reset_index(drop=True)
    # A key k covers clock values from k to k + 1; football names a minute by its end.
    frame.insert(0, "clock_minute", keys)
    frame.insert(
        1, "minute", [minute_label(float(k + 1 if k >= 0 else k), match, exact=True) for k in keys]
    )
    frame.insert(2, "phase", [_phase_of(float(k) + 0.5, clock) for k in keys])
    for side, side_series in (("home", series.home), ("away", series.away)):
        side_table = side_series.table().reindex(keys)
        frame[f"{side}_mean"] = side_table["mean"].to_numpy()
        frame[f"{side}_scored"] = side_table["scored"].fillna(0).to_numpy()
    breaks = series.breaks.table()
    breaks = breaks[breaks["volume"] > 0]
    if not breaks.empty:
        rows = breaks.reset_index(drop=False).rename(columns={"minute": "clock_minute"})
        for side, side_series in (("home", series.home_breaks), ("away", series.away_breaks)):
            side_table = side_series.table().reindex(rows["clock_minute"].to_numpy())
            rows[f"{side}_mean"] = side_table["mean"].to_numpy()
            rows[f"{side}_scored"] = side_table["scored"].fillna(0).to_numpy()
        rows.insert(1, "minute", [_break_name(float(k), clock) for k in rows["clock_minute"]])
        rows.insert(2, "phase", [_break_phase(float(k), clock) for k in rows["clock_minute"]])
        frame = pd.concat([frame, rows], ignore_index=True)
        # A break sits before the play that follows it at the same clock minute.
        order = frame["phase"].map(lambda phase: 0 if phase in BREAK_PHASES else 1)
        frame = frame.assign(_order=order).sort_values(["clock_minute", "_order"], kind="stable")
    return _rounded(
        typed(frame[[c.name for c in SERIES_COLUMNS]].reset_index(drop=True), SERIES_COLUMNS)
    )


def wall_series_frame(wall: MinuteSeries) -> pd.DataFrame:
    """The wall-clock series as a table with ``WALL_SERIES_COLUMNS``."""
    table = wall.table()
    frame = table.reset_index(drop=True)
    frame.insert(0, "utc_minute", pd.to_datetime(table.index.to_numpy() * 60, unit="s", utc=True))
    return _rounded(typed(frame[[c.name for c in WALL_SERIES_COLUMNS]], WALL_SERIES_COLUMNS))


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Statistics to four decimals, VADER's own precision: more digits would only be noise."""
    numbers = [name for name, dtype in frame.dtypes.items() if dtype == "float64"]
    return frame.round(dict.fromkeys(numbers, STAT_DECIMALS))


def _break_phase(position: float, clock: MatchClock) -> str:
    """The phase of the break that stands at this clock minute."""
    return next(
        s.phase.value for s in clock.segments if not s.running and int(s.position) == int(position)
    )


def _break_name(position: float, clock: MatchClock) -> str:
    return {"half-time": "HT", "penalties": "pens"}.get(_break_phase(position, clock), "ET")


def _phase_of(position: float, clock: MatchClock) -> str:
    """The phase a clock position falls in (a break is a point on the match clock: the play around it)."""
    match = clock.match
    if position < 0:
        return Phase.PRE_MATCH.value
    if position >= match.final_whistle_position:
        return Phase.POST_MATCH.value
    period = match.minute_at(position).period
    return {1: Phase.FIRST_HALF, 2: Phase.SECOND_HALF}.get(period, Phase.EXTRA_TIME).value
