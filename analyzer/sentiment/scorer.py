"""Scoring text: VADER's compound, positive, neutral and negative scores and a label."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from analyzer.sentiment.emojis import EmojiDescriber
from analyzer.sentiment.vader import Vader

# The VADER authors' cut-offs on the compound score (Hutto & Gilbert 2014, and the
# vaderSentiment README): at or above +0.05 positive, at or below -0.05 negative.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05


class Label(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"
    # No text to score (a bare link to a tweet), or text VADER cannot read: not a
    # confident 0.0, but no score at all.
    UNSCORED = "unscored"


@dataclass(frozen=True, slots=True)
class Score:
    """VADER's four numbers (NaN when unscored), the label, and the emoji found."""

    compound: float
    positive: float
    neutral: float
    negative: float
    label: Label
    emoji: tuple[str, ...]  # every emoji found, in order, each one whole
    language: str | None = (
        None  # a detected language other than English, when that is why it is unscored
    )

    @property
    def scored(self) -> bool:
        return self.label is not Label.UNSCORED


def unscored(*, emoji: tuple[str, ...] = (), language: str | None = None) -> Score:
    return Score(math.nan, math.nan, math.nan, math.nan, Label.UNSCORED, emoji, language)


def label_for(compound: float) -> Label:
    if compound >= POSITIVE_THRESHOLD:
        return Label.POSITIVE
    if compound <= NEGATIVE_THRESHOLD:
        return Label.NEGATIVE
    return Label.NEUTRAL


class Scorer:
    """Scores texts. Knows nothing about files or matches; make one and reuse it."""

    def __init__(self) -> None:
        self._vader = Vader()
        self._emoji = EmojiDescriber(self._vader.emoji_lexicon)

    def score(self, text: str) -> Score:
        if not text.strip():
            return unscored()
        described = self._emoji.describe(text)
        raw = self._vader.polarity_scores(described.text)
        return Score(
            compound=raw["compound"],
            positive=raw["pos"],
            neutral=raw["neu"],
            negative=raw["neg"],
            label=label_for(raw["compound"]),
            emoji=described.emoji,
        )

    def score_all(self, texts: Iterable[str]) -> list[Score]:
        """Scores in input order; each distinct text is scored once (retweets and chants repeat)."""
        seen: dict[str, Score] = {}
        scores = []
        for text in texts:
            score = seen.get(text)
            if score is None:
                score = seen[text] = self.score(text)
            scores.append(score)
        return scores


@cache
def default_scorer() -> Scorer:
    """One scorer per process: loading VADER's lexicons takes longer than scoring a tweet."""
    return Scorer()
