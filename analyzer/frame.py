"""The tables the analysis produces: the one place where their columns, types and meanings are defined."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analyzer.align import Placement
from analyzer.matches import Match, MomentKind
from analyzer.records import Record
from analyzer.sentiment import Score

# How each pandas dtype is named in the documentation, and written in CSV.
TYPE_NAMES = {"string": "text", "Int64": "integer", "float64": "number", "object": "list of text"}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: str  # a pandas dtype; "object" columns hold tuples of strings
    description: str

    @property
    def type_name(self) -> str:
        return TYPE_NAMES[self.dtype]


RECORD_COLUMNS: tuple[Column, ...] = (
    Column("record_id", "string", "Stable id: a hash of file, offset and text; the same on every run"),
    Column("file", "string", "Source file, relative to the input folder"),
    Column("line", "Int64", "Line (from 1) where the record's text starts"),
    Column("offset", "Int64", "Character offset (from 0) where the record's text starts in the file"),
    Column("position", "Int64", "Order of the record among the records of its file (from 0)"),
    Column("kind", "string", "tweet or quote"),
    Column("author_name", "string", "Display name of the tweet's author, or the quoted speaker"),
    Column("author_handle", "string", "Twitter handle without the @, for tweets"),
    Column("author_role", "string", "fan, coach, player, former player, pundit, media or unknown"),
    Column("author_age", "Int64", "Age when the text gives it"),
    Column("posted_date", "string", "Day the tweet was posted, as its embed says (YYYY-MM-DD)"),
    Column("document_date", "string", "Date of the article the record was found in (YYYY-MM-DD)"),
    Column("text", "string", "The tweet or quote; paragraphs are separated by a blank line"),
    Column("hashtags", "object", "Hashtags in the text, without #"),
    Column("mentions", "object", "@-mentions in the text, without @"),
    Column("links", "object", "Links in the text, and the tweet's picture link"),
    Column("emoji", "object", "Every emoji in the text, each one whole (flags, skin tones, sequences)"),
    Column("compound", "float64", "VADER compound score, from -1 (most negative) to +1"),
    Column("positive", "float64", "VADER's share of positive words"),
    Column("neutral", "float64", "VADER's share of neutral words"),
    Column("negative", "float64", "VADER's share of negative words"),
    Column("label", "string", "positive (compound >= 0.05), negative (<= -0.05) or neutral"),
    Column("moment", "string", "Id of the latest match moment by the record's time: kick-off, goal-2, full-time ..."),
    Column("moment_label", "string", "That moment in words: \"52' Inui BEL 0-2 JPN\""),
    Column("clock", "float64", "Estimated minutes of play since kick-off, stoppage time included; empty when unaligned"),
    Column("minute", "string", "The clock as a match minute: 52', 90+4', or FT for after the final whistle"),
    Column("phase", "string", "pre-match, first half, half-time, second half, extra time, penalties, post-match or unknown"),
    Column("method", "string", "What placed the record: time, content, position, after-match or unaligned"),
    Column("confidence", "float64", "How far the placement can be trusted, from 0 to 1"),
    Column("evidence", "string", "The words or neighbour that placed the record"),
)  # fmt: skip

MOMENT_COLUMNS: tuple[Column, ...] = (
    Column("moment", "string", "Moment id: kick-off, half-time, goal-1 ..., comeback-1, full-time"),
    Column("kind", "string", "kick-off, half-time, goal, comeback, extra-time, penalties or full-time"),
    Column("label", "string", "The moment in words, with the running score"),
    Column("minute", "string", "Match minute of the moment (its start, for a comeback)"),
    Column("clock", "float64", "Minutes of play since kick-off"),
    Column("end_minute", "string", "For a comeback: the minute it ended"),
    Column("team", "string", "Team code for goals and comebacks"),
    Column("records", "Int64", "Records placed in this moment (for a comeback: within its span)"),
    Column("mean_compound", "float64", "Mean compound score of those records; empty when there are none"),
    Column("positive", "Int64", "How many of them are positive"),
    Column("neutral", "Int64", "How many are neutral"),
    Column("negative", "Int64", "How many are negative"),
)  # fmt: skip


def records_frame(
    records: Sequence[Record],
    scores: Sequence[Score],
    placements: Sequence[Placement],
    match: Match,
) -> pd.DataFrame:
    """One row per record, in input order, with the columns of ``RECORD_COLUMNS``."""
    labels = {m.id: m.label for m in match.moments}
    rows = [
        {
            "record_id": r.record_id,
            "file": r.source.path,
            "line": r.source.line,
            "offset": r.source.offset,
            "position": r.source.position,
            "kind": r.kind.value,
            "author_name": r.author.name,
            "author_handle": r.author.handle,
            "author_role": r.author.role.value,
            "author_age": r.author.age,
            "posted_date": r.posted_date.isoformat() if r.posted_date else None,
            "document_date": r.source.document_date.isoformat() if r.source.document_date else None,
            "text": r.text,
            "hashtags": r.hashtags,
            "mentions": r.mentions,
            "links": r.links,
            "emoji": s.emoji,
            "compound": s.compound,
            "positive": s.positive,
            "neutral": s.neutral,
            "negative": s.negative,
            "label": s.label.value,
            "moment": p.moment,
            "moment_label": labels.get(p.moment or "", "Before kick-off" if p.moment else None),
            "clock": p.clock,
            "minute": minute_label(p.clock, match),
            "phase": p.phase.value,
            "method": p.method.value,
            "confidence": p.confidence,
            "evidence": p.evidence,
        }
        for r, s, p in zip(records, scores, placements, strict=True)
    ]
    return typed(pd.DataFrame(rows, columns=[c.name for c in RECORD_COLUMNS]), RECORD_COLUMNS)


def moments_frame(records: pd.DataFrame, match: Match) -> pd.DataFrame:
    """One row per match moment with how many records fall in it and their mean mood."""
    rows = []
    for moment in match.moments:
        if moment.kind is MomentKind.COMEBACK:
            inside = records[
                (records["clock"] >= moment.position)
                & (records["clock"] <= (moment.end_position or moment.position))
            ]
        else:
            inside = records[records["moment"] == moment.id]
        counts = inside["label"].value_counts()
        rows.append(
            {
                "moment": moment.id,
                "kind": moment.kind.value,
                "label": moment.label,
                "minute": str(moment.minute),
                "clock": moment.position,
                "end_minute": str(moment.end_minute) if moment.end_minute else None,
                "team": moment.team,
                "records": len(inside),
                # VADER gives four decimals; more would only be noise in the file.
                "mean_compound": round(float(inside["compound"].mean()), 4)
                if len(inside)
                else None,
                "positive": int(counts.get("positive", 0)),
                "neutral": int(counts.get("neutral", 0)),
                "negative": int(counts.get("negative", 0)),
            }
        )
    return typed(pd.DataFrame(rows, columns=[c.name for c in MOMENT_COLUMNS]), MOMENT_COLUMNS)


def minute_label(clock: float | None, match: Match) -> str | None:
    """Minutes of play since kick-off -> how football writes it: 45+2', 52', 90+4', FT."""
    if clock is None:
        return None
    if clock < 0:
        return "pre-match"
    if clock >= match.final_whistle_position:
        return "FT"
    return str(match.minute_at(clock))


def typed(frame: pd.DataFrame, columns: Sequence[Column]) -> pd.DataFrame:
    return frame.astype({c.name: c.dtype for c in columns})
