"""Scoring text: VADER's compound, positive, neutral and negative scores, the model's, a label."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

from analyzer.sentiment.emojis import EmojiDescriber
from analyzer.sentiment.features import dense_features, text_features
from analyzer.sentiment.football import (
    LEXICON_VERSION,
    ExtendedVader,
    football_emoji,
    football_lexicon,
)
from analyzer.sentiment.language import non_english_language
from analyzer.sentiment.learned import LearnedModel, shipped_model
from analyzer.sentiment.normalise import has_letter_run, split_hashtags, squeeze_elongations
from analyzer.sentiment.options import VADER_NEUTRAL_BAND, ScorerName, ScoringOptions
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
    """VADER's four numbers (NaN when unscored), the label, the emoji found, the model's view.

    ``p_positive``, ``p_neutral`` and ``p_negative`` are the learned model's probabilities
    (None from the vader and football scorers, and when unscored); ``mood`` is what charts
    read: P(positive) - P(negative) from the model, else the compound.
    """

    compound: float
    positive: float
    neutral: float
    negative: float
    label: Label
    emoji: tuple[str, ...]  # every emoji found, in order, each one whole
    language: str | None = (
        None  # a detected language other than English, when that is why it is unscored
    )
    p_positive: float | None = None
    p_neutral: float | None = None
    p_negative: float | None = None

    @property
    def scored(self) -> bool:
        return self.label is not Label.UNSCORED

    @property
    def mood(self) -> float:
        """In [-1, 1]: P(positive) - P(negative) when the model scored it, else the compound."""
        if self.p_positive is None or self.p_negative is None:
            return self.compound
        return self.p_positive - self.p_negative


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

    ``Scorer()`` is the football scorer (every layer of ``ScoringOptions`` on), as it always
    was; ``Scorer.named("learned")`` (the default of ``analyze``) adds the trained model, and
    ``Scorer.named("vader")`` gives vaderSentiment 3.3.2's scores exactly. ``model`` replaces
    the shipped model (training and its tests use it); it needs ``options.learned``.
    """

    def __init__(
        self,
        *,
        options: ScoringOptions | None = None,
        neutral_band: float | None = None,
        model: LearnedModel | None = None,
    ) -> None:
        options = options if options is not None else ScoringOptions.football()
        if neutral_band is not None:
            options = replace(options, neutral_band=neutral_band)
        if model is not None and not options.learned:
            raise ValueError("a model was given to a scorer whose options do not use it")
        self.options = options
        # Loaded here, once per scorer: the first text must not pay for it.
        self._model = (model or shipped_model()) if options.learned else None
        lexicon = football_lexicon()
        emoji_table = football_emoji()
        extra: dict[str, float] = {}
        if options.lexicon:
            extra.update(lexicon.extra_valences())
        if options.emoji:
            extra.update(emoji_table.extra_valences())
        # The football words, phrase tokens and emoji tokens with their valence, for the model.
        self._football_valences = {**lexicon.extra_valences(), **emoji_table.extra_valences()}
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

    @classmethod
    def named(cls, name: str) -> Scorer:
        """The scorer called ``name`` in ``SCORER_NAMES``: "learned", "football" or "vader"."""
        return cls(options=ScoringOptions.for_scorer(name))

    @property
    def name(self) -> ScorerName:
        return self.options.scorer_name

    @property
    def lexicon_version(self) -> str | None:
        """The football lexicon's version when the lexicon layer is on, for reports."""
        return LEXICON_VERSION if self.options.lexicon else None

    @property
    def model_version(self) -> str | None:
        """The learned model's version when this scorer uses it, for reports."""
        return self._model.version if self._model is not None else None

    def score(self, text: str, *, declared_language: str | None = None) -> Score:
        """Score one text; ``declared_language`` is the source's own tag (Twitter's ``lang``)."""
        if not text.strip():
            return unscored()
        options = self.options
        if options.language:
            language = non_english_language(text, declared=declared_language)
            if language is not None:
                return unscored(emoji=self._emoji.find(text), language=language)
        rewritten, emoji, elongated = self._rewrite(text)
        raw = self._vader.polarity_scores(rewritten)
        compound = raw["compound"]
        if self._model is None:
            return Score(
                compound=compound,
                positive=raw["pos"],
                neutral=raw["neu"],
                negative=raw["neg"],
                label=label_for(compound, neutral_band=options.neutral_band),
                emoji=emoji,
            )
        features = text_features(
            text, rewritten, emoji, football_valences=self._football_valences, elongated=elongated
        )
        dense = dense_features(compound, raw["pos"], raw["neu"], raw["neg"])
        p = self._model.probabilities(features, dense)
        return Score(
            compound=compound,
            positive=raw["pos"],
            neutral=raw["neu"],
            negative=raw["neg"],
            label=_most_likely(p.positive, p.neutral, p.negative),
            emoji=emoji,
            p_positive=p.positive,
            p_neutral=p.neutral,
            p_negative=p.negative,
        )

    def model_inputs(self, text: str) -> tuple[list[str], tuple[float, ...]]:
        """The model's features of ``text`` and VADER's scores, as ``score`` computes them.

        No language check: training reads every labelled text. ``features`` of the same text
        is the first half of this, which is what scikit-learn is handed at training.
        """
        rewritten, emoji, elongated = self._rewrite(text)
        raw = self._vader.polarity_scores(rewritten)
        features = text_features(
            text, rewritten, emoji, football_valences=self._football_valences, elongated=elongated
        )
        return features, dense_features(raw["compound"], raw["pos"], raw["neu"], raw["neg"])

    def features(self, text: str) -> list[str]:
        """The model's features of ``text``: the analyzer scikit-learn's vectorizer is given."""
        rewritten, emoji, elongated = self._rewrite(text)
        return text_features(
            text, rewritten, emoji, football_valences=self._football_valences, elongated=elongated
        )

    def _rewrite(self, text: str) -> tuple[str, tuple[str, ...], bool | None]:
        """The text as the layers hand it to VADER, the emoji found in it, and whether the
        original has a letter run (``has_letter_run``) when the elongation layer found out.
        """
        options = self.options
        original = text
        elongated: bool | None = None
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
            if text == original:  # no emoji or hashtag rewritten: the model asks the same
                elongated = has_letter_run(text)
            text = squeeze_elongations(
                text,
                vocabulary=self._vocabulary,
                emphasise=options.emphasis,
                letter_run=elongated,
            )
        if self._lexicon is not None:
            text = self._lexicon.join_phrases(text)
        return text, emoji, elongated

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


def _most_likely(positive: float, neutral: float, negative: float) -> Label:
    # Ties (never seen in practice) go to neutral, then positive: saying less is safer.
    top = max(positive, neutral, negative)
    if neutral == top:
        return Label.NEUTRAL
    return Label.POSITIVE if positive == top else Label.NEGATIVE


@cache
def default_scorer() -> Scorer:
    """One scorer per process: loading VADER's lexicons takes longer than scoring a tweet."""
    return Scorer()


@cache
def scorer_named(name: str) -> Scorer:
    """One scorer per name per process ("learned", "football", "vader")."""
    return Scorer.named(name)
