"""A stream's coverage of the match: when its data starts and ends against the kick-off and the whistle, and where it has gaps.

A collection that starts late, stops early or drops out for a while shows as minutes
with no tweets. Those minutes say nothing about the mood or the volume, so the report
names them, and a burst is never measured against them (see ``covered_minutes``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from analyzer.matches import Match
from analyzer.matches.clock import MatchClock
from analyzer.timeline.series import MinuteSeries

# A run of empty minutes is a gap in the collection, not a lull, when a Poisson stream at
# the stream's mean rate would leave that many minutes empty less often than this.
GAP_CHANCE = 1e-3
# ...and it lasts at least this many minutes (one empty minute is never a gap).
MIN_GAP_MINUTES = 3
# The data counts as starting at kick-off (or ending at the whistle) within this margin.
EDGE_MARGIN_MINUTES = 1.0


@dataclass(frozen=True, slots=True)
class Gap:
    start: int  # first empty minute (epoch minutes, UTC)
    minutes: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """Where a stream's posting times lie against the match, in epoch minutes (UTC)."""

    first: int  # the first minute with a record
    last: int  # the last minute with a record
    kickoff: float  # when the stream would show the kick-off: the pitch's time plus the lag
    whistle: float  # the same for the final whistle
    gaps: tuple[Gap, ...]

    @property
    def starts_late(self) -> float | None:
        """Minutes after kick-off that the data starts, when it starts after it."""
        late = self.first - self.kickoff
        return late if late > EDGE_MARGIN_MINUTES else None

    @property
    def ends_early(self) -> float | None:
        """Minutes before the final whistle that the data ends, when it ends before it."""
        early = self.whistle - (self.last + 1)
        return early if early > EDGE_MARGIN_MINUTES else None

    @property
    def complete(self) -> bool:
        return self.starts_late is None and self.ends_early is None and not self.gaps


def describe(coverage: Coverage) -> list[str]:
    """The coverage in sentences, for the terminal and the report; empty when it is complete."""
    lines = []
    if (late := coverage.starts_late) is not None:
        lines.append(
            f"The data starts {late:.0f} min after kick-off ({_clock(coverage.first)} UTC)."
        )
    if (early := coverage.ends_early) is not None:
        lines.append(
            f"The data ends {early:.0f} min before the final whistle ({_clock(coverage.last + 1)} UTC)."
        )
    if coverage.gaps:
        gaps = ", ".join(f"{g.minutes} min from {_clock(g.start)} UTC" for g in coverage.gaps)
        lines.append(f"No tweets for {gaps}: a gap in the collection, not a lull.")
    return lines


def _clock(minute: float) -> str:
    return datetime.fromtimestamp(minute * 60, tz=UTC).strftime("%H:%M")


def stream_coverage(wall: MinuteSeries, match: Match, clock: MatchClock) -> Coverage | None:
    """The coverage of a wall-clock series (None when no record has a posting time)."""
    if wall.volume == 0:
        return None
    volume = wall.table()["volume"]
    keys = volume.index.to_numpy()
    first = int(keys[0])
    kickoff = clock.with_lag(0.0).wall_time(0.0).timestamp() / 60 + clock.lag
    whistle = (
        clock.with_lag(0.0).wall_time(match.final_whistle_position).timestamp() / 60 + clock.lag
    )
    # Gaps are looked for during the match, at the match's own rate: before kick-off and
    # after the whistle a stream thins out, and its quiet minutes there are not gaps.
    during = (keys >= math.floor(kickoff)) & (keys < math.ceil(whistle))
    offset = int(keys[during][0]) if during.any() else first
    gaps = tuple(
        Gap(offset + start, length)
        for start, length in _gaps(volume.to_numpy()[during].astype(np.float64))
    )
    return Coverage(first, int(keys[-1]), kickoff, whistle, gaps)


def covered_minutes(volume: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Which minutes of a per-minute volume hold a full minute of data.

    The first and last minutes are partial (a collection starts and stops mid-minute), and
    so are the minutes next to a gap; the gaps hold none.
    """
    covered = np.ones(len(volume), dtype=bool)
    if len(volume) == 0:
        return covered
    covered[0] = covered[-1] = False
    for start, length in _gaps(volume):
        covered[max(0, start - 1) : start + length + 1] = False
    return covered


def _gaps(volume: npt.NDArray[np.float64]) -> list[tuple[int, int]]:
    """(index, length) of each run of empty minutes too long to be chance at the mean rate."""
    n = len(volume)
    if n == 0 or volume.sum() == 0:
        return []
    rate = float(volume.sum()) / n
    shortest = max(MIN_GAP_MINUTES, math.ceil(-math.log(GAP_CHANCE) / rate))
    empty = np.concatenate(([False], volume == 0, [False]))
    edges = np.flatnonzero(np.diff(empty.astype(np.int8)))
    starts, ends = edges[::2], edges[1::2]
    return [(int(s), int(e - s)) for s, e in zip(starts, ends, strict=True) if e - s >= shortest]
