"""Placing records on a match's timeline: by what they say, by where they sit, by when they were posted.

What a record says bounds when it was written. Naming a scorer or "the winner" means the
goal has happened (a lower bound); a scoreline said as news ("JAPAN LEAD 2-0!") means the
next goal has not happened yet (an upper bound). When a record names later events than
its scoreline ("changing the game at 2-0 down ... Fellaini & Chadli"), the scoreline is
looking back and only the lower bound counts.

Live-reaction articles run in match order, so a record with nothing to go on sits with
the record before it, and placement along one document never runs backwards unless the
record's own words say it is earlier. Quotes are gathered after the match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby

import numpy as np
import numpy.typing as npt
import pandas as pd

from analyzer.matches import Goal, Match, Moment, MomentKind
from analyzer.matches.clock import PHASES, MatchClock, Phase, minute_label
from analyzer.records import Kind, Record

# The moment of a record posted after the post-match window (settings.post_match).
LATER = "later"

# How much a placement can be trusted, by what placed it.
CONFIDENCE_TIME = 0.9  # a posting time; the estimated lag is what keeps it below 1
CONFIDENCE_NAMED_EVENT = 0.8  # names a scorer, or gives the scoreline
CONFIDENCE_OUTCOME_WORDS = 0.6  # "heartbreak", "full-time", "equaliser": the event is implied
CONFIDENCE_QUOTE_AFTER_MATCH = 0.5
CONFIDENCE_POSITION = 0.4  # nothing of its own: sits with its neighbours

RE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
RE_SCORELINE = re.compile(r"(?<![\d:/.-])(\d{1,2})\s?[-–]\s?(\d{1,2})(?![\d:/.-])")
RE_FULL_TIME = re.compile(
    r"\b(?:full[- ]?time|final whistle|ft|heartbreak(?:er|ing)?|knocked out|crash(?:es|ed)? out"
    r"|eliminated|through to the|into the quarter|quarter-?finals?|last[- ]gasp|what a (?:game|match)"
    r"|game of the (?:tournament|world cup)|(?:great|entertaining|exciting|insane|incredible) (?:game|match))\b",
    re.I,
)
# Words about the result: written after the final whistle, whatever goal they also name.
RE_RESULT = re.compile(
    r"\b(?:champions?|campeones|campe[oõ]n|trophy|lifts? the (?:cup|trophy)|lifted the (?:cup|trophy)"
    r"|won (?:it )?on penalties|wins? (?:it )?on penalties|(?:penalty )?shoot-?outs?"
    r"|through to the (?:final|semis?|semi-finals?|quarters?|quarter-finals?|next round))\b",
    re.I,
)
# An embedded tweet dated this many days or more from the match day is about something else.
OFF_DAY_DAYS = 2
OFF_DAY = "off-day"
# A record posted more than this many minutes before kick-off is about something else too
# (an article quoting a tweet from a year before): off-day, not on the match clock.
EARLIEST_MINUTES = 24 * 60.0
# Moments of records kept in the data files but not the match's: off its clock and mood.
NOT_THE_MATCH = (LATER, OFF_DAY)
RE_EQUALISER = re.compile(
    r"\b(?:equali[sz](?:er|es|ed|ing)|level(?:s|led)? (?:it|the score|things))\b", re.I
)
RE_WINNER = re.compile(r"\b(?:winner|winning goal|wins? it|won it|the win)\b", re.I)
RE_PULLS_BACK = re.compile(r"\b(?:pulls?|pulled) (?:one|a goal) back\b", re.I)
RE_COMEBACK = re.compile(
    r"\b(?:comeback|come ?back|came back|fight ?back|turn(?:ed)? (?:it )?around)\b", re.I
)
RE_HALF_TIME = re.compile(r"\b(?:half[- ]?time|ht|the break)\b", re.I)
RE_KICK_OFF = re.compile(r"\b(?:kick[- ]?off|kicks off|under ?way)\b", re.I)
RE_PRE_MATCH = re.compile(
    r"\b(?:line-?ups?|starting (?:xi|eleven)|team news|predictions?|can'?t wait)\b", re.I
)


class Method(StrEnum):
    TIME = "time"
    CONTENT = "content"
    POSITION = "position"
    AFTER_MATCH = "after-match"
    OFF_DAY = "off-day"  # dated days away from the match: kept, but not on its clock
    UNALIGNED = "unaligned"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a record sits on the match timeline, how it got there, and how sure that is.

    ``clock`` is in minutes of play since kick-off (see ``Match.position``); ``moment``
    is the id of the latest moment that had happened by then.
    """

    moment: str | None
    clock: float | None
    phase: Phase
    method: Method
    confidence: float
    evidence: str


UNALIGNED = Placement(
    None, None, Phase.UNKNOWN, Method.UNALIGNED, 0.0, "no evidence and no neighbours"
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Bounds on when a record was written, in match-clock minutes, and the words behind them."""

    lower: float | None = None
    upper: float | None = None
    reasons: tuple[str, ...] = ()
    strong: bool = False  # named an event outright (scorer, scoreline)

    @property
    def empty(self) -> bool:
        return self.lower is None and self.upper is None


def align(records: Sequence[Record], match: Match) -> list[Placement]:
    """One placement per record of articles, in the order given. Nothing is dropped.

    Records are grouped by file and placed along each file in order; records with an
    exact time are placed again by :func:`place_by_time` once the stream's lag is known.
    """
    timeline = Timeline(match)
    placements: dict[int, Placement] = {}
    indexed = sorted(
        enumerate(records), key=lambda item: (item[1].source.path, item[1].source.position)
    )
    for _, document in groupby(indexed, key=lambda item: item[1].source.path):
        items = list(document)
        for (i, _), placement in zip(
            items, timeline.place_document([r for _, r in items]), strict=True
        ):
            placements[i] = placement
    return [placements[i] for i in range(len(records))]


class Timeline:
    """A match's moments and the words that point at them."""

    def __init__(self, match: Match) -> None:
        self.match = match
        self.points = [m for m in match.moments if m.kind is not MomentKind.COMEBACK]
        self.full_time = next(m for m in self.points if m.kind is MomentKind.FULL_TIME)
        self._goals = [m for m in self.points if m.kind is MomentKind.GOAL and m.goal]
        self._comeback = next((m for m in match.moments if m.kind is MomentKind.COMEBACK), None)
        self._scorers = {
            _fold(surname): m
            for m in reversed(self._goals)
            if m.goal
            for surname in _name_keys(m.goal.scorer)
        }

    def place_loose(self, records: Sequence[Record]) -> list[Placement]:
        """Placements for records whose order says nothing about the match (a tweet export).

        Only a record's own words place it; records with a posting time are placed by
        time later, once the stream's lag is known.
        """
        placements = []
        for record in records:
            if record.posted_at is not None:  # its time will place it, not its words
                placements.append(UNALIGNED)
                continue
            found = self.evidence(record)
            if found.empty:
                placements.append(UNALIGNED)
            else:
                placements.append(self._place(record, found, None))
        return placements

    def place_document(self, records: Sequence[Record]) -> list[Placement]:
        """Placements for one document's records, given in document order."""
        evidence = [self.evidence(r) for r in records]
        placements: list[Placement] = []
        previous: Placement | None = None
        for record, found in zip(records, evidence, strict=True):
            if off := self.off_day(record):
                placements.append(off)  # another day's tweet: it moves no neighbour
                continue
            placement = self._place(record, found, previous)
            placements.append(placement)
            if placement.clock is not None:
                previous = placement
        return placements

    def _place(self, record: Record, found: Evidence, previous: Placement | None) -> Placement:
        if not found.empty:
            clock = found.lower if found.lower is not None else -1.0
            reasons = "; ".join(found.reasons)
            neighbour = previous.clock if previous is not None else None
            # Its words allow it to be as late as its neighbour, so it does not run backwards.
            if (
                neighbour is not None
                and neighbour > clock
                and (found.upper is None or found.upper > neighbour)
            ):
                clock = neighbour
                reasons += "; not before the record above it"
            confidence = CONFIDENCE_NAMED_EVENT if found.strong else CONFIDENCE_OUTCOME_WORDS
            return self.placement(clock, Method.CONTENT, confidence, reasons)
        if record.kind is Kind.QUOTE:
            return self.placement(
                self.full_time.position, Method.AFTER_MATCH, CONFIDENCE_QUOTE_AFTER_MATCH,
                "quotes are gathered after the match",
            )  # fmt: skip
        if previous is not None and previous.clock is not None:
            return self.placement(
                previous.clock, Method.POSITION, CONFIDENCE_POSITION,
                f"follows the record above it ({self.moment_at(previous.clock).label})",
            )  # fmt: skip
        return UNALIGNED

    def off_day(self, record: Record) -> Placement | None:
        """The placement of a tweet whose signature dates it days away from the match, if so."""
        if record.posted_date is None or record.posted_at is not None:
            return None
        days = (record.posted_date - self.match.date).days
        if abs(days) < OFF_DAY_DAYS:
            return None
        when = "after" if days > 0 else "before"
        return Placement(
            OFF_DAY, None, Phase.UNKNOWN, Method.OFF_DAY, 0.0,
            f"dated {record.posted_date.isoformat()}, {abs(days)} days {when} the match",
        )  # fmt: skip

    def placement(
        self, clock: float, method: Method, confidence: float, evidence: str
    ) -> Placement:
        moment = self.moment_at(clock) if clock >= 0 else None
        return Placement(
            moment.id if moment else "pre-match",
            clock,
            self.phase_at(clock),
            method,
            confidence,
            evidence,
        )

    def moment_at(self, clock: float) -> Moment:
        """The latest moment at or before ``clock`` (kick-off for anything earlier)."""
        current = self.points[0]
        for moment in self.points:
            if moment.position <= clock:
                current = moment
        return current

    def phase_at(self, clock: float) -> Phase:
        if clock < 0:
            return Phase.PRE_MATCH
        moment = self.moment_at(clock)
        if moment.kind is MomentKind.FULL_TIME:
            return Phase.POST_MATCH
        if moment.kind is MomentKind.PENALTIES:
            return Phase.PENALTIES
        if moment.kind is MomentKind.HALF_TIME and clock == moment.position:
            return Phase.HALF_TIME
        period = moment.minute.period if moment.kind is not MomentKind.HALF_TIME else 2
        return {1: Phase.FIRST_HALF, 2: Phase.SECOND_HALF}.get(period, Phase.EXTRA_TIME)

    def evidence(self, record: Record) -> Evidence:
        """What a record's words say about when it was written."""
        text = record.text
        folded = _fold(text)
        lowers: list[tuple[float, str, bool]] = []  # (clock, reason, strong)
        uppers: list[tuple[float, str]] = []
        for word in RE_WORD.findall(folded):
            if (moment := self._scorers.get(word)) and moment.goal:
                lowers.append((moment.position, f"names {moment.goal.surname}", True))
        for scoreline in RE_SCORELINE.finditer(text):
            bounds = self._scoreline(int(scoreline[1]), int(scoreline[2]))
            if bounds:
                lowers.append((bounds[0], f"scoreline {scoreline[1]}-{scoreline[2]}", True))
                uppers.append((bounds[1], f"scoreline {scoreline[1]}-{scoreline[2]}"))
        if full_time := RE_FULL_TIME.search(text):
            lowers.append((self.full_time.position, f"says {full_time.group()!r}", False))
        if result := RE_RESULT.search(text):
            lowers.append((self.full_time.position, f"says {result.group()!r} (the result)", False))
        dated = record.posted_date if record.posted_at is None else None
        if dated is not None and (dated - self.match.date).days == 1:
            lowers.append((self.full_time.position, "dated the day after the match", False))
        for pattern, moment, what in self._outcome_words():
            if moment is not None and (said := pattern.search(text)):
                lowers.append((moment.position, f"says {said.group()!r} ({what})", False))
        if RE_PRE_MATCH.search(text):
            uppers.append((-0.5, "pre-match words"))
        if not lowers and not uppers:
            return Evidence()
        lower = max((c for c, _, _ in lowers), default=None)
        upper = min((c for c, _ in uppers), default=None)
        reasons = [r for c, r, _ in lowers if c == lower] + [r for c, r in uppers if c == upper]
        if lower is not None and upper is not None and upper <= lower:
            upper = None  # the scoreline looks back: later events are named too
            reasons = [r for c, r, _ in lowers if c == lower]
        strong = any(s for c, _, s in lowers if c == lower) or (lower is None and upper is not None)
        return Evidence(lower, upper, tuple(dict.fromkeys(reasons)), strong)

    def _outcome_words(self) -> list[tuple[re.Pattern[str], Moment | None, str]]:
        return [
            (RE_EQUALISER, self._first_goal(lambda g: g.score[0] == g.score[1]), "the equaliser"),
            (RE_WINNER, self._winning_goal(), "the winner"),
            (RE_PULLS_BACK, self._first_goal(self._cuts_deficit), "a goal back"),
            (RE_COMEBACK, self._comeback, "the comeback"),
            (
                RE_HALF_TIME,
                next((m for m in self.points if m.kind is MomentKind.HALF_TIME), None),
                "half-time",
            ),
            (RE_KICK_OFF, self.points[0], "kick-off"),
        ]

    def _scoreline(self, a: int, b: int) -> tuple[float, float] | None:
        """The stretch of the match during which the score was a-b (either way round)."""
        states = [(0.0, (0, 0))] + [(m.position, m.goal.score) for m in self._goals if m.goal]
        for i, (start, score) in enumerate(states):
            if sorted(score) == sorted((a, b)):
                end = states[i + 1][0] if i + 1 < len(states) else self.full_time.position
                return start, end
        return None

    def _first_goal(self, test: Callable[[Goal], bool]) -> Moment | None:
        return next((m for m in self._goals if m.goal and test(m.goal)), None)

    def _cuts_deficit(self, goal: Goal) -> bool:
        leader = self._leader(goal)
        return leader is not None and leader != goal.team

    def _leader(self, goal: Goal) -> str | None:
        score = goal.score
        if score[0] == score[1]:
            return None
        return self.match.home.code if score[0] > score[1] else self.match.away.code

    def _winning_goal(self) -> Moment | None:
        """The goal after which the eventual winner led for good (none in a draw)."""
        final = self.match.score
        if final[0] == final[1]:
            return None
        winner = self.match.home.code if final[0] > final[1] else self.match.away.code
        decisive = None
        for moment in self._goals:
            if moment.goal and self._leader(moment.goal) == winner:
                decisive = decisive or moment
            else:
                decisive = None
        return decisive


def place_by_time(
    chunk: pd.DataFrame,
    clock: MatchClock,
    timeline: Timeline,
    *,
    post_match: float,
) -> pd.DataFrame:
    """Place every row with a posting time on the match clock (a copy; other rows unchanged).

    Rows posted more than ``post_match`` minutes after the final whistle get the moment
    ``later``: by then a stream talks of other matches and other news.
    """
    timed = chunk["posted_at"].notna().to_numpy()
    if not timed.any():
        return chunk
    placed = chunk.copy()
    nanoseconds = placed.loc[timed, "posted_at"].astype("int64").to_numpy()
    positions, phases = clock.place((nanoseconds / 1e9).astype(np.float64))
    points = list(timeline.points)
    starts = np.array([m.position for m in points])
    index = np.searchsorted(starts, positions, side="right") - 1
    moment_ids = np.array([m.id for m in points], dtype=object)
    moment_labels = np.array([m.label for m in points], dtype=object)
    before = index < 0
    after_end = phases == PHASES.index(Phase.POST_MATCH)
    index = np.clip(index, 0, len(points) - 1)
    ids = np.where(before, "pre-match", moment_ids[index])
    labels = np.where(before, "Before kick-off", moment_labels[index])
    full_time = next(i for i, m in enumerate(points) if m.kind is MomentKind.FULL_TIME)
    ids = np.where(after_end, moment_ids[full_time], ids)
    labels = np.where(after_end, moment_labels[full_time], labels)
    later = positions > clock.match.final_whistle_position + post_match
    ids = np.where(later, LATER, ids)
    labels = np.where(later, f"Over {post_match:g} min after the final whistle", labels)
    early = positions < -EARLIEST_MINUTES
    ids = np.where(early, OFF_DAY, ids)
    labels = np.where(early, "A day or more before kick-off", labels)
    placed.loc[timed, "moment"] = ids
    placed.loc[timed, "moment_label"] = labels
    placed.loc[timed, "clock"] = positions
    placed.loc[timed, "minute"] = _minute_labels(positions, clock.match)
    placed.loc[timed, "phase"] = [PHASES[int(code)].value for code in phases]
    placed.loc[timed, "method"] = Method.TIME.value
    placed.loc[timed, "confidence"] = CONFIDENCE_TIME
    lag = f"{clock.lag:g} min lag"
    # numpy writes "2018-07-02T19:05:12" for a million times at once; the evidence wants 19:05:12.
    stamps = np.datetime_as_string((nanoseconds // 10**9).astype("datetime64[s]"), unit="s")
    origins = placed.loc[timed, "time_origin"].fillna("field").tolist()
    placed.loc[timed, "evidence"] = [
        f"posted {stamp[11:]} UTC ({origin}), {lag}"
        for stamp, origin in zip(stamps.tolist(), origins, strict=True)
    ]
    return placed


def _minute_labels(positions: npt.NDArray[np.float64], match: Match) -> list[str | None]:
    """Minute labels for many positions; labels change once a minute, so compute each once."""
    cache: dict[float, str | None] = {}
    labels = []
    end = match.final_whistle_position
    for position in positions.tolist():
        # The label of a minute is that of its last instant (0 < x <= 1 is 1'), except
        # before kick-off and after the final whistle, which count whole minutes away.
        inside = 0 <= position < end
        key = float(np.ceil(position)) if inside else float(np.floor(position))
        if inside and key >= end:  # the last minute of play ends at the whistle: still play
            key = position
        if key not in cache:
            cache[key] = minute_label(key, match, exact=True)
        labels.append(cache[key])
    return labels


def _fold(text: str) -> str:
    """Lower case without accents, so 'MBAPPE' and 'Mbappé' meet."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _name_keys(scorer: str) -> list[str]:
    """The words a fan would use for a scorer: the surname (the last word of a multi-word name)."""
    words = scorer.split()
    return [words[-1]] if len(words[-1]) > 2 else words
