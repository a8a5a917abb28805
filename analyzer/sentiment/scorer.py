"""Scoring text: VADER's compound, positive, neutral and negative scores and a label."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

from analyzer.sentiment.emojis import EmojiDescriber
from analyzer.sentiment.football import (
    LEXICON_VERSION,
    ExtendedVader,
    football_emoji,
    football_lexicon,
)
from analyzer.sentiment.language import non_english_language
from analyzer.sentiment.normalise import split_hashtags, squeeze_elongations
from analyzer.sentiment.options import VADER_NEUTRAL_BAND, ScoringOptions
from analyzer.sentiment.vader import Vader

# VADER's standard cut-offs, the labels of plain VADER: at or above +0.05 positive, at or
# below -0.05 negative. The football scorer's band is FOOTBALL_NEUTRAL_BAND (options.py).
POSITIVE_THRESHOLD = VADER_NEUTRAL_BAND
NEGATIVE_THRESHOLD = -VADER_NEUTRAL_BAND

# Words VADER's rules look for besides its lexicon, boosters and negations: a stretched
# "Noooo" or "buuuut" must still be found by them.
RULE_WORDS = frozenset({"but", "least", "kind", "of", "never", "so", "this", "without", "doubt"})


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


def label_for(compound: float, *, neutral_band: float = VADER_NEUTRAL_BAND) -> Label:
    """Positive at or above +band, negative at or below -band, neutral between."""
    if compound >= neutral_band:
        return Label.POSITIVE
    if compound <= -neutral_band:
        return Label.NEGATIVE
    return Label.NEUTRAL


class Scorer:
    """Scores texts. Knows nothing about files or matches; make one and reuse it.

    The default is the football scorer (every layer of ``ScoringOptions`` on);
    ``Scorer(options=ScoringOptions.plain())`` gives vaderSentiment 3.3.2's scores exactly.
    """

    def __init__(
        self, *, options: ScoringOptions | None = None, neutral_band: float | None = None
    ) -> None:
        options = options if options is not None else ScoringOptions.football()
        if neutral_band is not None:
            options = replace(options, neutral_band=neutral_band)
        self.options = options
        lexicon = football_lexicon()
        emoji_table = football_emoji()
        extra: dict[str, float] = {}
        if options.lexicon:
            extra.update(lexicon.extra_valences())
        if options.emoji:
            extra.update(emoji_table.extra_valences())
        self._vader = ExtendedVader(extra) if extra else Vader()
        self._emoji = EmojiDescriber(
            self._vader.emoji_lexicon, token_for=emoji_table.token_for if options.emoji else None
        )
        self._lexicon = lexicon if options.lexicon else None
        words = (
            self._vader.extended_lexicon
            if isinstance(self._vader, ExtendedVader)
            else self._vader.lexicon
        )
        self._vocabulary = frozenset(
            {*words, *BOOSTER_DICT, *NEGATE, *RULE_WORDS}
            | (lexicon.phrase_words if options.lexicon else frozenset())
        )

    @property
    def lexicon_version(self) -> str | None:
        """The football lexicon's version when the lexicon layer is on, for reports."""
        return LEXICON_VERSION if self.options.lexicon else None

    def score(self, text: str, *, declared_language: str | None = None) -> Score:
        """Score one text; ``declared_language`` is the source's own tag (Twitter's ``lang``)."""
        if not text.strip():
            return unscored()
        options = self.options
        if options.language:
            language = non_english_language(text, declared=declared_language)
            if language is not None:
                return unscored(emoji=self._emoji.find(text), language=language)
        emoji: tuple[str, ...] = ()
        if not text.isascii():  # every emoji holds a non-ASCII code point
            if options.emoji:
                described = self._emoji.describe(text)
                text, emoji = described.text, described.emoji
            else:
                emoji = self._emoji.find(text)
        if options.hashtags:
            text = split_hashtags(text)
        if options.elongation:
            text = squeeze_elongations(
                text, vocabulary=self._vocabulary, emphasise=options.emphasis
            )
        if self._lexicon is not None:
            text = self._lexicon.join_phrases(text)
        raw = self._vader.polarity_scores(text)
        return Score(
            compound=raw["compound"],
            positive=raw["pos"],
            neutral=raw["neu"],
            negative=raw["neg"],
            label=label_for(raw["compound"], neutral_band=options.neutral_band),
            emoji=emoji,
        )

    def score_all(
        self, texts: Iterable[str], *, declared_languages: Sequence[str | None] | None = None
    ) -> list[Score]:
        """Scores in input order; each distinct text is scored once (retweets and chants repeat)."""
        texts = list(texts)
        if declared_languages is not None and len(declared_languages) != len(texts):
            raise ValueError(f"{len(declared_languages)} declared languages for {len(texts)} texts")
        languages = declared_languages if declared_languages is not None else [None] * len(texts)
        seen: dict[tuple[str, str | None], Score] = {}
        scores = []
        for text, declared in zip(texts, languages, strict=True):
            key = (text, declared)
            score = seen.get(key)
            if score is None:
                score = seen[key] = self.score(text, declared_language=declared)
            scores.append(score)
        return scores


@cache
def default_scorer() -> Scorer:
    """One scorer per process: loading VADER's lexicons takes longer than scoring a tweet."""
    return Scorer()
