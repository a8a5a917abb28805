"""Sentiment: scores for a text. The scorer knows nothing about files, records or matches."""

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
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "Label",
    "Score",
    "Scorer",
    "default_scorer",
    "label_for",
    "unscored",
]
