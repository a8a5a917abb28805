"""A match's timeline: teams, goals in time order with the running score, and the moments fans react to."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property

# Minutes of stoppage time assumed for a period when the match data does not say.
# Typical of the 2018 World Cup; a goal in stoppage time extends its period past it.
DEFAULT_STOPPAGE = {1: 2, 2: 4, 3: 1, 4: 1}

# Regulation start and end of each period, in match minutes (90+4 is period 2, 105+1 period 3).
PERIOD_START = {1: 0, 2: 45, 3: 90, 4: 105}
PERIOD_END = {1: 45, 2: 90, 3: 105, 4: 120}

# A shoot-out is not on the match clock; this is how long one takes, to place the final whistle.
SHOOTOUT_MINUTES = 10

# Lower-case words that belong to a surname: Di María, De Bruyne, van Dijk, dos Santos.
NAME_PARTICLES = frozenset(
    {
        "al",
        "bin",
        "d'",
        "da",
        "das",
        "de",
        "del",
        "della",
        "den",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "la",
        "le",
        "ten",
        "ter",
        "van",
        "von",
    }
)


@dataclass(frozen=True, slots=True)
class Team:
    name: str
    code: str


@dataclass(frozen=True, slots=True, order=True)
class MatchMinute:
    """A minute as football writes it: ``minute`` plus ``offset`` minutes of stoppage time.

    Ordering is chronological because stoppage time of the first half (45+2) is written
    with minute 45, which sorts before 46.
    """

    minute: int
    offset: int = 0

    @property
    def period(self) -> int:
        """1 and 2 are the halves, 3 and 4 the halves of extra time."""
        for period, end in PERIOD_END.items():
            if self.minute <= end:
                return period
        return 4

    def __str__(self) -> str:
        return f"{self.minute}+{self.offset}'" if self.offset else f"{self.minute}'"


@dataclass(frozen=True, slots=True)
class Goal:
    team: str  # code of the team credited with the goal (for an own goal, the other side's player scored)
    scorer: str
    minute: MatchMinute
    score: tuple[int, int] = (0, 0)  # running score after this goal, home first: see in_time_order
    penalty: bool = False
    own_goal: bool = False

    @property
    def score_text(self) -> str:
        return f"{self.score[0]}-{self.score[1]}"

    @property
    def surname(self) -> str:
        """The scorer's surname, the way commentators and fans name players."""
        return surname(self.scorer)


def surname(name: str) -> str:
    """'Ángel Di María' -> 'Di María', 'Kevin De Bruyne' -> 'De Bruyne', 'Neymar' -> 'Neymar'."""
    words = name.split()
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def in_time_order(goals: Iterable[Goal], *, home: str) -> tuple[Goal, ...]:
    """Sort goals by minute (match data lists them per team) and fill in the running score.

    The sort is stable, so two goals in one minute keep the order the source gives.
    """
    running = [0, 0]
    ordered: list[Goal] = []
    for goal in sorted(goals, key=lambda g: g.minute):
        running[0 if goal.team == home else 1] += 1
        ordered.append(replace(goal, score=(running[0], running[1])))
    return tuple(ordered)


class MomentKind(StrEnum):
    KICK_OFF = "kick-off"
    HALF_TIME = "half-time"
    GOAL = "goal"
    COMEBACK = "comeback"
    EXTRA_TIME = "extra-time"
    PENALTIES = "penalties"
    FULL_TIME = "full-time"


@dataclass(frozen=True, slots=True)
class Moment:
    """A point (or, for a comeback, a span) on the match clock.

    ``position`` is in minutes of play since kick-off, stoppage time included (see
    :meth:`Match.position`), so moments of both halves share one axis.
    """

    id: str
    kind: MomentKind
    label: str
    minute: MatchMinute
    position: float
    end_minute: MatchMinute | None = None
    end_position: float | None = None
    goal: Goal | None = None
    team: str | None = None


@dataclass(frozen=True)
class Match:
    competition: str
    round: str
    date: date
    kickoff: datetime  # time-zone aware
    venue: str
    home: Team
    away: Team
    goals: tuple[Goal, ...]  # in time order, running scores filled in
    score: tuple[int, int]  # after extra time when there was extra time
    half_time: tuple[int, int] | None = None
    penalties: tuple[int, int] | None = None
    extra_time: bool = False
    # Minutes of stoppage time per period and of the half-time break, where the data says.
    stoppage: dict[int, int] = field(default_factory=dict)
    half_time_break: float | None = None
    host: str | None = None  # the FIFA code of the competition's host nation, when known

    @property
    def id(self) -> str:
        return f"{self.home.code}-{self.away.code}"

    @property
    def key(self) -> str:
        """The id plus the date: unique across all matches the package ships."""
        return f"{self.id}@{self.date.isoformat()}"

    @property
    def title(self) -> str:
        result = f"{self.home.name} {self.score[0]}-{self.score[1]} {self.away.name}"
        if self.penalties:
            result += f" ({self.penalties[0]}-{self.penalties[1]} on penalties)"
        elif self.extra_time:
            result += " (after extra time)"
        return result

    def team(self, code: str) -> Team:
        for team in (self.home, self.away):
            if team.code == code:
                return team
        raise KeyError(code)

    @property
    def last_period(self) -> int:
        return 4 if self.extra_time else 2

    def stoppage_minutes(self, period: int) -> int:
        """Stoppage time of a period: as given, or the default stretched to cover its goals.

        A goal in 90+4 means the 94th minute had started, so the whistle comes after it.
        """
        if period in self.stoppage:
            return self.stoppage[period]
        offsets = [g.minute.offset for g in self.goals if g.minute.period == period]
        return max([DEFAULT_STOPPAGE[period], *(o + 1 for o in offsets)])

    def position(self, minute: MatchMinute) -> float:
        """Minutes of play from kick-off to ``minute``, counting the stoppage time of earlier periods."""
        earlier = sum(self.stoppage_minutes(p) for p in range(1, minute.period))
        return float(minute.minute + minute.offset + earlier)

    def minute_at(self, position: float) -> MatchMinute:
        """The inverse of :meth:`position`: minutes of play since kick-off -> the match minute.

        A minute is named by its end, as football does: 2.5 minutes into the second half
        is the 48th minute, 48', the same as a goal the data puts at 48.
        """
        elapsed = 0.0
        for period in range(1, self.last_period + 1):
            start, end = PERIOD_START[period], PERIOD_END[period]
            length = end - start + self.stoppage_minutes(period)
            if position <= elapsed + length or period == self.last_period:
                minute = start + max(0, math.ceil(position - elapsed - 1e-9))
                return MatchMinute(min(minute, end), max(0, minute - end))
            elapsed += length
        raise AssertionError("unreachable: the last period takes any position")

    @property
    def end_of_play(self) -> MatchMinute:
        """The whistle that ends the last period played (before any shoot-out)."""
        period = self.last_period
        return MatchMinute(PERIOD_END[period], self.stoppage_minutes(period))

    @property
    def final_whistle_position(self) -> float:
        """Where the match ends on the clock, a shoot-out included."""
        return self.position(self.end_of_play) + (SHOOTOUT_MINUTES if self.penalties else 0)

    def score_at(self, position: float) -> tuple[int, int]:
        """The score after every goal up to and including ``position``."""
        scored = [g for g in self.goals if self.position(g.minute) <= position]
        return scored[-1].score if scored else (0, 0)

    @cached_property
    def moments(self) -> tuple[Moment, ...]:
        """Kick-off, half-time, each goal, each comeback and the final whistle, in time order."""
        half_time = MatchMinute(45, self.stoppage_minutes(1))
        points = [
            Moment("kick-off", MomentKind.KICK_OFF, "Kick-off", MatchMinute(0), 0.0),
            Moment(
                "half-time",
                MomentKind.HALF_TIME,
                f"Half-time {self._score_text(self.score_at(self.position(half_time)))}",
                half_time,
                self.position(half_time),
            ),
        ]
        for number, goal in enumerate(self.goals, start=1):
            label = f"{goal.minute} {goal.surname}{' (pen.)' if goal.penalty else ''}"
            label += f"{' (o.g.)' if goal.own_goal else ''} {self._score_text(goal.score)}"
            points.append(
                Moment(
                    f"goal-{number}",
                    MomentKind.GOAL,
                    label,
                    goal.minute,
                    self.position(goal.minute),
                    goal=goal,
                    team=goal.team,
                )
            )
        end = self.end_of_play
        if self.extra_time:
            second_half_end = MatchMinute(90, self.stoppage_minutes(2))
            points.append(
                Moment(
                    "extra-time",
                    MomentKind.EXTRA_TIME,
                    f"Extra time {self._score_text(self.score_at(self.position(second_half_end)))}",
                    second_half_end,
                    self.position(second_half_end),
                )
            )
        full_time = f"Full-time {self._score_text(self.score)}"
        if self.penalties:
            shootout = f"{self.penalties[0]}-{self.penalties[1]}"
            points.append(
                Moment(
                    "penalties",
                    MomentKind.PENALTIES,
                    f"Penalty shoot-out {shootout}",
                    end,
                    self.position(end),
                )
            )
            full_time += f", {shootout} on penalties"
        points.append(
            Moment("full-time", MomentKind.FULL_TIME, full_time, end, self.final_whistle_position)
        )
        points.extend(self._comebacks())
        return tuple(sorted(points, key=lambda m: (m.position, _KIND_ORDER[m.kind])))

    def _score_text(self, score: tuple[int, int]) -> str:
        return f"{self.home.code} {score[0]}-{score[1]} {self.away.code}"

    def _comebacks(self) -> list[Moment]:
        """Spans in which a side that trailed fought back to draw level or to lead.

        A fight-back counts when it recovers a deficit of two or more goals, or when the
        side goes on to lead: a lone equaliser from 0-1 is a goal, not a comeback. The
        span runs from the first goal of the trailing side's unbroken run to the goal
        that levels the score or, when the same side scores next, the goal that puts it
        ahead.
        """
        comebacks: list[Moment] = []
        deepest = 0  # the trailing side's largest deficit since the score was last level
        run_start: Goal | None = None  # first goal of the trailing side's current run
        for i, goal in enumerate(self.goals):
            margin = goal.score[0] - goal.score[1]
            if margin == 0:
                if run_start is not None:
                    later = self.goals[i + 1] if i + 1 < len(self.goals) else None
                    went_ahead = later is not None and later.team == goal.team
                    if deepest >= 2 or went_ahead:
                        end = later if went_ahead and later is not None else goal
                        comebacks.append(
                            self._comeback(len(comebacks) + 1, run_start, end, deepest, went_ahead)
                        )
                deepest, run_start = 0, None
                continue
            leader = self.home.code if margin > 0 else self.away.code
            if goal.team == leader:  # the lead grows (or is taken): any run is broken
                deepest, run_start = max(deepest, abs(margin)), None
            elif run_start is None:
                run_start = goal
        return comebacks

    def _comeback(self, number: int, start: Goal, end: Goal, deficit: int, led: bool) -> Moment:
        team = self.team(start.team)
        outcome = "to lead" if led else "to draw level"
        return Moment(
            f"comeback-{number}",
            MomentKind.COMEBACK,
            f"{team.name} comeback from {deficit} down {outcome}, {start.minute}-{end.minute}",
            start.minute,
            self.position(start.minute),
            end_minute=end.minute,
            end_position=self.position(end.minute),
            team=team.code,
        )


# At one position a goal comes before the comeback it starts, and the whistle last.
_KIND_ORDER = {
    MomentKind.KICK_OFF: 0,
    MomentKind.HALF_TIME: 1,
    MomentKind.GOAL: 2,
    MomentKind.COMEBACK: 3,
    MomentKind.EXTRA_TIME: 4,
    MomentKind.PENALTIES: 5,
    MomentKind.FULL_TIME: 6,
}
