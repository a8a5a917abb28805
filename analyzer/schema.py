"""The tables the analysis produces: the one place where their columns, types and meanings are defined."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

# How each pandas dtype is named in the documentation.
TYPE_NAMES = {
    "string": "text",
    "Int64": "integer",
    "float64": "number",
    "boolean": "true/false",
    "datetime64[ns, UTC]": "time (UTC, ISO 8601)",
    "object": "list of text",
}


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
    Column("tweet_id", "string", "The tweet's own id, where the source gives it (join key for tweet datasets)"),
    Column("file", "string", "Source file, relative to the input folder"),
    Column("line", "Int64", "Line (from 1) where the record starts"),
    Column("offset", "Int64", "Character offset (from 0) where the record starts in the file"),
    Column("position", "Int64", "Order of the record among the records of its file (from 0)"),
    Column("format", "string", "How the file was read: article, twitter-v1, twitter-v2, snscrape, csv ..."),
    Column("kind", "string", "tweet, quote, or tweet link (a bare link to a tweet: time but no text)"),
    Column("author_name", "string", "Display name of the tweet's author, or the quoted speaker"),
    Column("author_handle", "string", "Twitter handle without the @, for tweets"),
    Column("author_role", "string", "fan, coach, player, former player, pundit, media or unknown"),
    Column("author_age", "Int64", "Age when the text gives it"),
    Column("posted_at", "datetime64[ns, UTC]", "When the tweet was posted, to the second, where known"),
    Column("time_origin", "string", "Where posted_at comes from: field (the source) or tweet id (derived from it)"),
    Column("posted_date", "string", "Day the tweet was posted, as an article's embed says (YYYY-MM-DD)"),
    Column("document_date", "string", "Date of the article the record was found in (YYYY-MM-DD)"),
    Column("text", "string", "The tweet or quote (for a retweet, the original's text); paragraphs separated by a blank line"),
    Column("lang", "string", "Language the source declares for the text (Twitter's lang), if any"),
    Column("is_retweet", "boolean", "Whether the record is a retweet (counted in volume, its text scored once)"),
    Column("retweet_of", "string", "Id of the retweeted tweet"),
    Column("quote_of", "string", "Id of the tweet a quote tweet quotes"),
    Column("hashtags", "object", "Hashtags in the text, without #"),
    Column("mentions", "object", "@-mentions in the text, without @"),
    Column("links", "object", "Links in the text, and the tweet's picture link"),
    Column("emoji", "object", "Every emoji in the text, each one whole (flags, skin tones, sequences)"),
    Column("mood", "float64", "The scorer's mood from -1 to +1, what the chart, moments and series average: P(positive) - P(negative) from the learned scorer, the compound from the others; empty when unscored"),
    Column("compound", "float64", "VADER's compound from -1 (most negative) to +1 (with the football layers unless --scorer vader); empty when unscored"),
    Column("positive", "float64", "VADER's share of positive words"),
    Column("neutral", "float64", "VADER's share of neutral words"),
    Column("negative", "float64", "VADER's share of negative words"),
    Column("p_positive", "float64", "The learned scorer's probability that the text is positive; empty with the other scorers"),
    Column("p_neutral", "float64", "Its probability that the text is neutral"),
    Column("p_negative", "float64", "Its probability that the text is negative"),
    Column("label", "string", "positive, neutral, negative, or unscored (no text, or not English)"),
    Column("language", "string", "The detected language of unscored non-English text"),
    Column("teams", "string", "Which team the record names: a team code, both, or neither"),
    Column("home_mood", "float64", "Mood toward the home team (first in the match id): the record's own when it names only that team, else that of its sentences naming it; empty when none does"),
    Column("away_mood", "float64", "The same for the away team"),
    Column("moment", "string", "Id of the latest match moment by the record's time: pre-match, kick-off, goal-2, full-time ..."),
    Column("moment_label", "string", "That moment in words: \"52' Inui BEL 0-2 JPN\""),
    Column("clock", "float64", "Minutes of play since kick-off, stoppage time included; negative before kick-off; empty when unaligned"),
    Column("minute", "string", "The clock as football writes it: 52', 90+4', -30' before kick-off, FT+8' after the final whistle, FT when only known to be after it"),
    Column("phase", "string", "pre-match, first half, half-time, second half, extra-time break, extra time, penalties, post-match or unknown"),
    Column("method", "string", "What placed the record: time, content, position, after-match or unaligned"),
    Column("confidence", "float64", "How far the placement can be trusted, from 0 to 1"),
    Column("evidence", "string", "The time, words or neighbour that placed the record"),
)  # fmt: skip

RECORD_COLUMN_NAMES = [c.name for c in RECORD_COLUMNS]

# The statistics of a minute, shared by both series files (see analyzer.timeline.series).
_MINUTE_STATS: tuple[Column, ...] = (
    Column("volume", "Int64", "Records posted in the minute, retweets and unscored ones included"),
    Column("scored", "Int64", "Of those, the ones with a score"),
    Column("mean", "float64", "Mean mood of the scored records"),
    Column("ci_low", "float64", "Lower end of the mean's 95% confidence interval (t distribution; empty below 2 scored)"),
    Column("ci_high", "float64", "Upper end of that interval"),
    Column("positive", "Int64", "Positive records"),
    Column("neutral", "Int64", "Neutral records"),
    Column("negative", "Int64", "Negative records"),
    Column("unscored", "Int64", "Records without a score (no text, or not English)"),
    Column("share_positive", "float64", "Positive share of the scored records"),
    Column("share_negative", "float64", "Negative share of the scored records"),
    Column("net", "float64", "Net sentiment: (positive - negative) / (positive + negative)"),
)  # fmt: skip

SERIES_COLUMNS: tuple[Column, ...] = (
    Column("clock_minute", "Int64", "Whole minute of play since kick-off: the records with a clock from this value to the next; negative before kick-off"),
    Column("minute", "string", "That minute as football writes it: 48', 90+4', -30' before kick-off, FT+5' after the final whistle"),
    Column("phase", "string", "pre-match, first half, half-time, second half, extra time, penalties or post-match"),
    *_MINUTE_STATS,
    Column("home_mean", "float64", "Mean mood toward the home team, of the records naming it (see home_mood)"),
    Column("home_scored", "Int64", "How many records gave one"),
    Column("away_mean", "float64", "The same for the away team"),
    Column("away_scored", "Int64", "How many records gave one"),
)  # fmt: skip

WALL_SERIES_COLUMNS: tuple[Column, ...] = (
    Column("utc_minute", "datetime64[ns, UTC]", "The minute, by posting time in UTC (the stream's own clock, lag not applied)"),
    *_MINUTE_STATS,
)  # fmt: skip

MOMENT_COLUMNS: tuple[Column, ...] = (
    Column("moment", "string", "Moment id: kick-off, half-time, goal-1 ..., comeback-1, full-time; pre-match for before kick-off"),
    Column("kind", "string", "pre-match, kick-off, half-time, goal, comeback, extra-time, penalties or full-time"),
    Column("label", "string", "The moment in words, with the running score"),
    Column("minute", "string", "Match minute of the moment (its start, for a comeback)"),
    Column("clock", "float64", "Minutes of play since kick-off"),
    Column("end_minute", "string", "For a comeback: the minute it ended"),
    Column("team", "string", "Team code for goals and comebacks"),
    Column("records", "Int64", "Records placed in this moment (for a comeback: within its span), unscored included"),
    Column("scored", "Int64", "Of those, the ones with a score"),
    Column("mean_mood", "float64", "Mean mood of the scored ones; empty when there are none"),
    Column("change", "float64", "Mean mood minus that of the previous moment with scored records"),
    Column("positive", "Int64", "How many are positive"),
    Column("neutral", "Int64", "How many are neutral"),
    Column("negative", "Int64", "How many are negative"),
)  # fmt: skip


def empty_records() -> pd.DataFrame:
    return typed(pd.DataFrame({name: [] for name in RECORD_COLUMN_NAMES}), RECORD_COLUMNS)


def typed(frame: pd.DataFrame, columns: Sequence[Column]) -> pd.DataFrame:
    return frame.astype({c.name: c.dtype for c in columns})
