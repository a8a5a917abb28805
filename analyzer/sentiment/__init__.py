"""Sentiment: scores for a text. The scorer knows nothing about files, records or matches."""

from analyzer.sentiment.football import LEXICON_VERSION
from analyzer.sentiment.learned import (
    MODEL_FILE,
    LearnedModel,
    Probabilities,
    shipped_model,
    shipped_model_version,
)
from analyzer.sentiment.options import (
    DEFAULT_SCORER,
    FOOTBALL_NEUTRAL_BAND,
    LAYERS,
    SCORER_NAMES,
    VADER_NEUTRAL_BAND,
    Layer,
    ScorerName,
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
    scorer_named,
    unscored,
)

__all__ = [
    "DEFAULT_SCORER",
    "FOOTBALL_NEUTRAL_BAND",
    "LAYERS",
    "LEXICON_VERSION",
    "MODEL_FILE",
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "SCORER_NAMES",
    "VADER_NEUTRAL_BAND",
    "Label",
    "Layer",
    "LearnedModel",
    "Probabilities",
    "Score",
    "Scorer",
    "ScorerName",
    "ScoringOptions",
    "default_scorer",
    "label_for",
    "scorer_named",
    "shipped_model",
    "shipped_model_version",
    "unscored",
]
