"""Slices of the records table: records with their scores, teams and placements, as typed columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from analyzer.attribution.teams import Attribution
from analyzer.matches import Match
from analyzer.matches.clock import minute_label
from analyzer.records import Record, Role, record_id_of
from analyzer.schema import RECORD_COLUMNS, Column
from analyzer.sentiment import Score
from analyzer.timeline.placement import Placement


def records_chunk(
    records: Sequence[Record],
    scores: Sequence[Score],
    placements: Sequence[Placement],
    teams: Sequence[TeamCells],
    *,
    match: Match,
    format: str,
    roles: Sequence[Role] | None = None,
    shift: tuple[int, int] = (0, 0),
) -> pd.DataFrame:
    """Rows for a batch of records, built column by column (cheaper than a dict per row).

    Kinds, roles, labels, phases and methods are string enums: they go into the string
    columns as they are, which store their values (``.value`` on each costs more).

    ``shift`` (lines, characters) moves sources that count from the start of a block of
    lines to the file's count, in the provenance columns and the record ids alike.
    """
    lines, characters = shift
    labels = {m.id: m.label for m in match.moments}
    labels["pre-match"] = "Before kick-off"
    columns: dict[str, list[Any]] = {
        "record_id": [
            record_id_of(r.source.path, r.source.offset + characters, r.text) for r in records
        ],
        "tweet_id": [r.tweet_id for r in records],
        "file": [r.source.path for r in records],
        "line": [r.source.line + lines for r in records],
        "offset": [r.source.offset + characters for r in records],
        "position": [r.source.position for r in records],
        "format": [format] * len(records),
        "kind": [r.kind for r in records],
        "author_name": [r.author.name for r in records],
        "author_handle": [r.author.handle for r in records],
        "author_role": [r.author.role for r in records] if roles is None else list(roles),
        "author_age": [r.author.age for r in records],
        "posted_at": [r.posted_at for r in records],
        "time_origin": [r.time_origin for r in records],
        "posted_date": [r.posted_date.isoformat() if r.posted_date else None for r in records],
        "document_date": [
            r.source.document_date.isoformat() if r.source.document_date else None for r in records
        ],
        "text": [r.text for r in records],
        "lang": [r.lang for r in records],
        "is_retweet": [r.is_retweet for r in records],
        "retweet_of": [r.retweet_of for r in records],
        "quote_of": [r.quote_of for r in records],
        "hashtags": [r.hashtags for r in records],
        "mentions": [r.mentions for r in records],
        "links": [r.links for r in records],
        "emoji": [s.emoji for s in scores],
        "mood": [s.mood for s in scores],
        "compound": [s.compound for s in scores],
        "positive": [s.positive for s in scores],
        "neutral": [s.neutral for s in scores],
        "negative": [s.negative for s in scores],
        "p_positive": [s.p_positive for s in scores],
        "p_neutral": [s.p_neutral for s in scores],
        "p_negative": [s.p_negative for s in scores],
        "label": [s.label for s in scores],
        "language": [s.language for s in scores],
        "teams": [t.label for t in teams],
        "home_mood": [t.home_mood for t in teams],
        "away_mood": [t.away_mood for t in teams],
        "moment": [p.moment for p in placements],
        "moment_label": [labels.get(p.moment) if p.moment else None for p in placements],
        "clock": [p.clock for p in placements],
        "minute": [minute_label(p.clock, match) for p in placements],
        "phase": [p.phase for p in placements],
        "method": [p.method for p in placements],
        "confidence": [p.confidence for p in placements],
        "evidence": [p.evidence for p in placements],
    }
    return typed_frame(columns, RECORD_COLUMNS)


def typed_frame(columns: dict[str, list[Any]], spec: Sequence[Column]) -> pd.DataFrame:
    """A frame of ``spec``'s columns, each built straight in its type from a list of values.

    What ``typed(pd.DataFrame(columns), spec)`` gives, without first guessing each column's
    type from its values and then converting it (which took as long as building the lists).
    """
    arrays: dict[str, Any] = {}
    for column in spec:
        values = columns[column.name]
        if column.dtype == "float64":
            arrays[column.name] = np.array(values, dtype=np.float64)  # None: NaN
        elif column.dtype == "object":
            arrays[column.name] = pd.Series(values, dtype=object)  # tuples stay whole
        else:
            dtype: Any = column.dtype  # "string", "Int64", "boolean", a time: pandas' names
            arrays[column.name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(arrays, columns=[c.name for c in spec])


class TeamCells(NamedTuple):
    """What the table keeps of a record's team attribution: its label and the two teams' moods.

    Small on purpose: pass one remembers one per distinct text for the retweets to come
    (a whole Attribution, with its parts, takes about six times the memory).
    """

    label: str
    home_mood: float | None
    away_mood: float | None

    @classmethod
    def of(cls, attribution: Attribution, match: Match) -> TeamCells:
        return cls(
            attribution.label,
            _team_mood(attribution, match.home.code),
            _team_mood(attribution, match.away.code),
        )


def _team_mood(attribution: Attribution, team: str) -> float | None:
    """A team's mood, to VADER's four decimals (a weighted mean otherwise trails float noise)."""
    mood = attribution.moods.get(team)
    return round(mood.mood, 4) if mood and mood.mood is not None else None
