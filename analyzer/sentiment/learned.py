"""The learned model: a multinomial logistic regression over tf-idf features, run in plain Python.

The model file (analyzer/data/learned_model.json.gz, written by ``python -m analyzer.train``)
holds, for every kept feature, its idf and one weight per class, plus the weights of VADER's
four scores and the intercepts. Scoring a text repeats what scikit-learn's
``TfidfVectorizer`` (raw counts times idf, L2-normalised) and ``LogisticRegression.predict_proba``
(softmax of the decision function) do, over the few features a tweet has: a test checks the
probabilities agree with scikit-learn's to 1e-9. scikit-learn is never imported here.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from analyzer.errors import AnalyzerError

MODEL_FILE = "learned_model.json.gz"
MODEL_FORMAT = 1
# scikit-learn orders the classes by sorting their names; the file says so too.
CLASSES = ("negative", "neutral", "positive")


class ModelDataError(AnalyzerError):
    """The model file is missing or malformed (a bug in the package, or a bad --model file)."""


@dataclass(frozen=True, slots=True)
class Probabilities:
    """The model's probability of each label; they add up to 1."""

    positive: float
    neutral: float
    negative: float


class LearnedModel:
    """A trained model: feature -> (idf, weight per class), dense weights, intercepts."""

    def __init__(self, payload: Mapping[str, Any]) -> None:
        try:
            if payload["format"] != MODEL_FORMAT or tuple(payload["classes"]) != CLASSES:
                raise ModelDataError(
                    f"model format {payload['format']} with classes {payload['classes']}; "
                    f"expected format {MODEL_FORMAT} with {list(CLASSES)}"
                )
            self.version: str = str(payload["version"])
            self.sublinear_tf: bool = bool(payload["sublinear_tf"])
            self.dense_names: tuple[str, ...] = tuple(payload["dense_features"])
            self.intercepts: tuple[float, float, float] = _three(payload["intercepts"])
            self.dense_weights: tuple[tuple[float, float, float], ...] = tuple(
                _three(weights) for weights in payload["dense_weights"]
            )
            self.features: dict[str, tuple[float, float, float, float]] = {
                feature: (float(idf), *_three(weights))
                for feature, (idf, weights) in payload["features"].items()
            }
            # Per feature: idf², and idf times each class's weight (see ``probabilities``).
            self._scaled: dict[str, tuple[float, float, float, float]] = {
                feature: (idf * idf, idf * w_neg, idf * w_neu, idf * w_pos)
                for feature, (idf, w_neg, w_neu, w_pos) in self.features.items()
            }
            self.metadata: dict[str, Any] = {
                key: value for key, value in payload.items() if key not in ("features",)
            }
        except (KeyError, TypeError, ValueError) as error:
            raise ModelDataError(f"the model file is malformed: {error!r}") from None
        if len(self.dense_weights) != len(self.dense_names):
            raise ModelDataError("the model file has not one weight row per dense feature")

    def probabilities(self, features: Sequence[str], dense: Sequence[float]) -> Probabilities:
        """P(positive), P(neutral), P(negative) for a text's features and VADER scores.

        A feature seen ``count`` times has the value tf * idf (tf: ``count``, or 1 + ln(count)
        when ``sublinear_tf``); the values are divided by their L2 norm, weighted per class and
        added to the intercepts and the weighted VADER scores; a softmax gives probabilities.
        Each feature's idf * weight and idf² are worked out once, at load: most features of a
        tweet occur once, so most need four additions and no multiplication.
        """
        table = self._scaled
        z_neg, z_neu, z_pos = self.intercepts
        squares = s_neg = s_neu = s_pos = 0.0
        if len(set(features)) == len(features):  # no feature repeats: every tf is 1
            # C-level loops (map, filter, zip, sum): a tweet's ~25 features cost microseconds.
            found = list(filter(None, map(table.get, features)))
            known = bool(found)
            if known:
                squares, s_neg, s_neu, s_pos = map(sum, zip(*found, strict=True))
        else:
            counts = Counter(filter(table.__contains__, features))
            known = bool(counts)
            sublinear = self.sublinear_tf
            for feature, count in counts.items():
                square, a_neg, a_neu, a_pos = table[feature]
                if count == 1:
                    # tf is exactly 1.0, and multiplying by 1.0 changes no bit.
                    squares += square
                    s_neg += a_neg
                    s_neu += a_neu
                    s_pos += a_pos
                    continue
                tf = (1.0 + math.log(count)) if sublinear else float(count)
                squares += tf * tf * square
                s_neg += tf * a_neg
                s_neu += tf * a_neu
                s_pos += tf * a_pos
        if known:  # else the norm is 0: no feature counts
            norm = math.sqrt(squares)
            z_neg += s_neg / norm
            z_neu += s_neu / norm
            z_pos += s_pos / norm
        for value, (w_neg, w_neu, w_pos) in zip(dense, self.dense_weights, strict=True):
            z_neg += value * w_neg
            z_neu += value * w_neu
            z_pos += value * w_pos
        top = max(z_neg, z_neu, z_pos)
        e_neg = math.exp(z_neg - top)
        e_neu = math.exp(z_neu - top)
        e_pos = math.exp(z_pos - top)
        total = e_neg + e_neu + e_pos
        return Probabilities(e_pos / total, e_neu / total, e_neg / total)


def _three(values: Sequence[float]) -> tuple[float, float, float]:
    first, second, third = (float(value) for value in values)
    return first, second, third


def read_model_bytes(data: bytes) -> LearnedModel:
    """A model from the bytes of a model file (gzip-compressed JSON)."""
    try:
        payload = json.loads(gzip.decompress(data))
    except (OSError, EOFError, ValueError) as error:
        raise ModelDataError(f"the model file cannot be read: {error}") from None
    return LearnedModel(payload)


@cache
def shipped_model() -> LearnedModel:
    """The model in the package, read once, on first use (about 0.1 s)."""
    try:
        data = resources.files("analyzer").joinpath("data", MODEL_FILE).read_bytes()
    except FileNotFoundError:
        raise ModelDataError(
            f"analyzer/data/{MODEL_FILE} is missing; `python -m analyzer.train` writes it"
        ) from None
    return read_model_bytes(data)


def shipped_model_version() -> str:
    """The version of the shipped model, for reports (reads the model once)."""
    return shipped_model().version
