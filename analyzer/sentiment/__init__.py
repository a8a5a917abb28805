"""Sentiment: scores for a text. The scorer knows nothing about files, records or matches."""

from analyzer.sentiment.football import LEXICON_VERSION
from analyzer.sentiment.options import (
    FOOTBALL_NEUTRAL_BAND,
    LAYERS,
    VADER_NEUTRAL_BAND,
    Layer,
    ScoringOptions,
)
from analyzer.sentiment.scorer import (
    NEGATIVE_THRESHOLD,
    POSITIVE_THRESHOLD,
    Label,
    Score,
    Scorer,
    default_scorer,
    label_for,
    unscored,
)

__all__ = [
    "FOOTBALL_NEUTRAL_BAND",
    "LAYERS",
    "LEXICON_VERSION",
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "VADER_NEUTRAL_BAND",
    "Label",
    "Layer",
    "Score",
    "Scorer",
    "ScoringOptions",
    "default_scorer",
    "label_for",
    "unscored",
]
