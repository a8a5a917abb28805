"""The match clock: when a moment happened in real time, and where a timestamp falls in the match.

Wall-clock time runs through the breaks; the match clock (``Match.position``: minutes
of play since kick-off, stoppage time included) stands still in them. Between the two
sit the half-time break, the break before extra time and the shoot-out, none of which
the match data times, so their lengths are assumptions a user can change. Tweets also
run behind the pitch (broadcast delay, typing): a tweet posted at ``t`` reacts to what
happened at ``t - lag``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from analyzer.matches.model import PERIOD_END, PERIOD_START, SHOOTOUT_MINUTES, Match

# Laws of the Game: half-time lasts at most 15 minutes; FIFA allows a 5-minute break
# before extra time and a short drinks/ends change between its halves.
HALF_TIME_BREAK_MINUTES = 15.0
EXTRA_TIME_BREAK_MINUTES = 5.0
EXTRA_TIME_HALF_BREAK_MINUTES = 1.0
SHOOTOUT_BREAK_MINUTES = 3.0


class Phase(StrEnum):
    PRE_MATCH = "pre-match"
    FIRST_HALF = "first half"
    HALF_TIME = "half-time"
    SECOND_HALF = "second half"
    EXTRA_TIME = "extra time"
    EXTRA_TIME_BREAK = "extra-time break"  # before extra time, and between its halves
    PENALTIES = "penalties"
    POST_MATCH = "post-match"
    UNKNOWN = "unknown"


# Phase codes for vectorised placement, in the order of PHASES.
PHASES: tuple[Phase, ...] = tuple(Phase)


@dataclass(frozen=True, slots=True)
class _Segment:
    """A stretch of wall-clock time, in minutes since kick-off, and the clock position it starts at."""

    wall_start: float
    wall_end: float
    position: float
    running: bool  # the match clock runs (play) or stands still (a break)
    phase: Phase


@dataclass(frozen=True)
class MatchClock:
    """Maps wall-clock instants to match-clock positions and back, for one match and one lag."""

    match: Match
    half_time_break: float = HALF_TIME_BREAK_MINUTES
    lag: float = 0.0  # minutes the stream runs behind the pitch

    @classmethod
    def for_match(
        cls, match: Match, *, half_time_break: float | None = None, lag: float = 0.0
    ) -> MatchClock:
        """The clock with the half-time break a user gave, else the match file's, else 15 minutes."""
        chosen = half_time_break if half_time_break is not None else match.half_time_break
        return cls(match, HALF_TIME_BREAK_MINUTES if chosen is None else chosen, lag)

    def with_lag(self, lag: float) -> MatchClock:
        return MatchClock(self.match, self.half_time_break, lag)

    @property
    def segments(self) -> tuple[_Segment, ...]:
        """Play and breaks from kick-off to the final whistle, in wall-clock minutes since kick-off."""
        match = self.match
        segments: list[_Segment] = []
        wall = position = 0.0
        breaks = {
            1: self.half_time_break,
            2: EXTRA_TIME_BREAK_MINUTES,
            3: EXTRA_TIME_HALF_BREAK_MINUTES,
        }
        phases = {
            1: Phase.FIRST_HALF,
            2: Phase.SECOND_HALF,
            3: Phase.EXTRA_TIME,
            4: Phase.EXTRA_TIME,
        }
        for period in range(1, match.last_period + 1):
            length = PERIOD_END[period] - PERIOD_START[period] + match.stoppage_minutes(period)
            segments.append(_Segment(wall, wall + length, position, True, phases[period]))
            wall, position = wall + length, position + length
            if period < match.last_period:
                pause = breaks[period]
                phase = Phase.HALF_TIME if period == 1 else Phase.EXTRA_TIME_BREAK
                segments.append(_Segment(wall, wall + pause, position, False, phase))
                wall += pause
        if match.penalties:
            shootout = SHOOTOUT_BREAK_MINUTES + SHOOTOUT_MINUTES
            segments.append(_Segment(wall, wall + shootout, position, False, Phase.PENALTIES))
        return tuple(segments)

    def break_lengths(self) -> list[tuple[int, float]]:
        """Each break (half-time, before and within extra time, the shoot-out): the minute of
        the clock it stands at, and how many minutes of real time it lasts."""
        return [
            (math.floor(s.position), s.wall_end - s.wall_start)
            for s in self.segments
            if not s.running
        ]

    @property
    def wall_minutes(self) -> float:
        """Minutes from kick-off to the final whistle, breaks included."""
        return self.segments[-1].wall_end

    def wall_time(self, position: float) -> datetime:
        """When the pitch reached ``position`` (no lag: the event itself)."""
        for segment in self.segments:
            if segment.running and segment.position <= position <= segment.position + (
                segment.wall_end - segment.wall_start
            ):
                minutes = segment.wall_start + (position - segment.position)
                return self.match.kickoff + timedelta(minutes=minutes)
        if position < 0:
            return self.match.kickoff + timedelta(minutes=position)
        end = self.segments[-1]
        after = position - self.match.final_whistle_position
        return self.match.kickoff + timedelta(minutes=end.wall_end + max(after, 0.0))

    def place(
        self, epoch_seconds: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]]:
        """Clock positions and phase codes (indexes into PHASES) for timestamps in seconds since the epoch.

        Before kick-off positions are negative (minutes before it); after the final
        whistle they count on from its position, so "how long after" is position minus
        ``Match.final_whistle_position``. NaN timestamps give NaN and ``Phase.UNKNOWN``.
        """
        kickoff = self.match.kickoff.timestamp()
        minutes = (epoch_seconds - kickoff) / 60.0 - self.lag
        positions = np.full(minutes.shape, np.nan)
        phases = np.full(minutes.shape, PHASES.index(Phase.UNKNOWN), dtype=np.int8)
        before = minutes < 0
        positions[before] = minutes[before]
        phases[before] = PHASES.index(Phase.PRE_MATCH)
        for segment in self.segments:
            inside = (minutes >= segment.wall_start) & (minutes < segment.wall_end)
            offset = minutes[inside] - segment.wall_start if segment.running else 0.0
            positions[inside] = segment.position + offset
            phases[inside] = PHASES.index(segment.phase)
        end = self.segments[-1].wall_end
        after = minutes >= end
        positions[after] = self.match.final_whistle_position + (minutes[after] - end)
        phases[after] = PHASES.index(Phase.POST_MATCH)
        return positions, phases

    def place_one(self, when: datetime) -> tuple[float, Phase]:
        positions, phases = self.place(np.array([when.timestamp()], dtype=np.float64))
        return float(positions[0]), PHASES[int(phases[0])]


def minute_label(clock: float | None, match: Match, *, exact: bool = False) -> str | None:
    """Minutes of play since kick-off -> how football writes it: 45+2', 52', 90+4', -30', FT+8'.

    ``exact`` says the clock comes from a real time, so minutes before kick-off and after
    the final whistle are meaningful; otherwise a record placed at the final whistle is "FT".
    """
    if clock is None or clock != clock:  # None or NaN
        return None
    end = match.final_whistle_position
    if clock < 0:
        return f"-{int(-clock // 1) + (1 if -clock % 1 else 0)}'" if exact else "pre-match"
    if clock >= end:
        after = int((clock - end) // 1)
        return f"FT+{after}'" if exact and after > 0 else "FT"
    return str(match.minute_at(clock))
