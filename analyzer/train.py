"""Training the learned model: choose its settings on the tuning part, fit it, write the model file.

    python -m analyzer.train [--data FILE] [--out FILE] [--seed N]

Needs scikit-learn (``pip install '.[train]'``); scoring with the model does not. It reads the
labelled World Cup 2014 tweets (data/football-labelled/fifa2014_train.tsv by default), removes
duplicate texts and splits them as ``analyzer.evaluate.split_football`` says (near-duplicates
together; "test" and "date" never seen here). For each setting in ``GRID`` it fits a model on
"train" and measures macro-F1 on "tune"; the best setting is then fitted on "train" + "tune"
and written, with what it was trained on, to analyzer/data/learned_model.json.gz.

The features are ``Scorer.features`` (analyzer/sentiment/features.py), handed to scikit-learn's
``TfidfVectorizer`` as its analyzer, beside VADER's four scores with the football layers. The
fit is deterministic: the same data, lexicon and seed give the same weights.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import shlex
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import numpy as np

from analyzer.errors import AnalyzerError
from analyzer.evaluate import (
    DATE_SPLIT_FROM,
    FOOTBALL_FILE,
    REPO_ROOT,
    FootballSplit,
    LabelledText,
    default_data_dir,
    macro_f1,
    read_football,
    split_football,
)
from analyzer.sentiment import Label, Scorer, ScoringOptions
from analyzer.sentiment.features import DENSE_FEATURES
from analyzer.sentiment.football import LEXICON_VERSION, emoji_table
from analyzer.sentiment.learned import CLASSES, MODEL_FILE, MODEL_FORMAT

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Bumped by hand when the features or the training change in a way the data cannot show.
MODEL_SERIES = "1"
DEFAULT_SEED = 2014
DEFAULT_OUT = REPO_ROOT / "analyzer" / "data" / MODEL_FILE
# The settings tried on the tuning part. C is the inverse of the L2 penalty; "balanced"
# weighs each class by the inverse of its frequency, which helps the rarer neutral class that
# macro-F1 counts as much as the others. min_df=2 is the pruning: a feature seen in a single
# training text (most of a tweet vocabulary: typos, names, links' words) is dropped. Tried on
# the tuning part at C=1, balanced: min_df 1, 2 and 3 gave macro-F1 0.648, 0.646 and 0.645,
# and on train + tune min_df=2 keeps 21,695 of 91,261 features (min_df=3: 12,450); the file
# is 0.76 MB. What is kept carries weight: 1.3% of the features have all weights below 0.05.
GRID_C = (0.5, 1.0, 2.0, 4.0)
GRID_MIN_DF = (2,)
GRID_CLASS_WEIGHT = (None, "balanced")
GRID_SUBLINEAR_TF = (False, True)
MAX_ITERATIONS = 10_000
# The tuning fits only rank settings: scikit-learn's default tolerance. The fits that are
# written are run closer to the optimum, so the weights depend less on where the solver stops.
TUNING_TOLERANCE = 1e-4
FINAL_TOLERANCE = 1e-7
VERSION_DIGITS = 6  # the version hashes the weights rounded to this many decimals


class TrainingError(AnalyzerError):
    """Training cannot run: scikit-learn is missing or the data cannot be used."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One point of the grid."""

    c: float
    min_df: int
    class_weight: str | None
    sublinear_tf: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "C": self.c,
            "min_df": self.min_df,
            "class_weight": self.class_weight,
            "sublinear_tf": self.sublinear_tf,
        }


def grid() -> list[Setting]:
    return [
        Setting(c, min_df, class_weight, sublinear)
        for c, min_df, class_weight, sublinear in itertools.product(
            GRID_C, GRID_MIN_DF, GRID_CLASS_WEIGHT, GRID_SUBLINEAR_TF
        )
    ]


class FeatureCache:
    """``Scorer.features`` and VADER's scores, computed once per text and reused by every fit.

    Calling it is calling ``Scorer.features``: scikit-learn's vectorizer gets this as its
    analyzer, so the model is fitted on exactly the features inference extracts.
    """

    def __init__(self, scorer: Scorer) -> None:
        self._scorer = scorer
        self._features: dict[str, list[str]] = {}
        self._dense: dict[str, tuple[float, ...]] = {}

    def __call__(self, text: str) -> list[str]:
        if text not in self._features:
            self._features[text], self._dense[text] = self._scorer.model_inputs(text)
        return self._features[text]

    def dense(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
        for text in texts:
            self(text)
        return np.array([self._dense[text] for text in texts], dtype=np.float64)


@dataclass
class Fitted:
    """A fitted vectorizer and classifier (scikit-learn objects), and how to build their input."""

    vectorizer: Any
    classifier: Any
    features: FeatureCache

    def matrix(self, texts: Sequence[str]) -> csr_matrix:
        from scipy.sparse import csr_matrix, hstack

        words = self.vectorizer.transform(texts)
        return csr_matrix(hstack([words, csr_matrix(self.features.dense(texts))], format="csr"))

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """scikit-learn's probabilities, columns in ``CLASSES`` order."""
        result: np.ndarray[Any, np.dtype[np.float64]] = self.classifier.predict_proba(
            self.matrix(texts)
        )
        return result


def fit(
    texts: Sequence[str],
    labels: Sequence[str],
    setting: Setting,
    features: FeatureCache,
    *,
    seed: int,
    tolerance: float = FINAL_TOLERANCE,
) -> Fitted:
    """Fit a tf-idf vectorizer and a multinomial logistic regression on ``texts``."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise TrainingError(
            "training needs scikit-learn: pip install '.[train]' (scoring does not)"
        ) from None
    vectorizer = TfidfVectorizer(
        analyzer=features,
        min_df=setting.min_df,
        sublinear_tf=setting.sublinear_tf,
        dtype=np.float64,
    )
    vectorizer.fit(texts)
    classifier = LogisticRegression(
        C=setting.c,
        class_weight=setting.class_weight,
        max_iter=MAX_ITERATIONS,
        tol=tolerance,
        random_state=seed,
    )
    fitted = Fitted(vectorizer, classifier, features)
    classifier.fit(fitted.matrix(texts), list(labels))
    if tuple(classifier.classes_) != CLASSES:
        raise TrainingError(f"the labels are {list(classifier.classes_)}, not {list(CLASSES)}")
    return fitted


def predicted_labels(fitted: Fitted, texts: Sequence[str]) -> list[Label]:
    probabilities = fitted.predict_proba(texts)
    return [Label(CLASSES[int(i)]) for i in probabilities.argmax(axis=1)]


@dataclass(frozen=True)
class TuningResult:
    setting: Setting
    macro_f1: float


@dataclass(frozen=True)
class Training:
    """What ``train`` produced: the model file's payload and the scikit-learn objects."""

    payload: dict[str, Any]
    fitted: Fitted
    tuning: list[TuningResult]
    split: FootballSplit


def train(
    data: Path,
    *,
    seed: int = DEFAULT_SEED,
    command: str | None = None,
    settings: Sequence[Setting] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Training:
    """Tune on "tune", fit the best setting on "train" + "tune"; the model file's payload."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        raise TrainingError(
            "training needs scikit-learn: pip install '.[train]' (scoring does not)"
        ) from None
    # One BLAS thread: on small sparse problems more threads are many times slower, and one
    # thread sums in one order, so the same data gives the same weights to the last bit.
    with threadpool_limits(limits=1):
        return _train(data, seed=seed, command=command, settings=settings, progress=progress)


def _train(
    data: Path,
    *,
    seed: int,
    command: str | None,
    settings: Sequence[Setting] | None,
    progress: Callable[[str], None] | None,
) -> Training:
    say = progress or (lambda _: None)
    raw = data.read_bytes()
    split = split_football(read_football(data))
    train_rows = split.part("train")
    tune_rows = split.part("tune")
    features = FeatureCache(Scorer(options=ScoringOptions.football()))
    tuning = []
    for setting in settings if settings is not None else grid():
        fitted = fit(
            *_texts_labels(train_rows), setting, features, seed=seed, tolerance=TUNING_TOLERANCE
        )
        score = macro_f1(
            [row.label for row in tune_rows],
            predicted_labels(fitted, [row.text for row in tune_rows]),
        )
        tuning.append(TuningResult(setting, score))
        say(f"  {setting.as_json()}: macro-F1 {score:.4f} on tune")
    # The first of equals wins, so the order of the grid (smaller C first) breaks ties.
    best = max(tuning, key=lambda result: result.macro_f1)
    texts, labels = _texts_labels(train_rows + tune_rows)
    final = fit(texts, labels, best.setting, features, seed=seed)
    say(f"best {best.setting.as_json()}; {len(final.vectorizer.idf_)} features")
    payload = _payload(
        final,
        best,
        tuning,
        split,
        seed=seed,
        command=command or default_command(data, seed),
        data_sha256=hashlib.sha256(raw).hexdigest(),
        rows=len(texts),
    )
    return Training(payload, final, tuning, split)


def _texts_labels(rows: Sequence[LabelledText]) -> tuple[list[str], list[str]]:
    return [row.text for row in rows], [row.label.value for row in rows]


def _payload(
    fitted: Fitted,
    best: TuningResult,
    tuning: Sequence[TuningResult],
    split: FootballSplit,
    *,
    seed: int,
    command: str,
    data_sha256: str,
    rows: int,
) -> dict[str, Any]:
    names = [str(name) for name in fitted.vectorizer.get_feature_names_out()]
    words = len(names)
    coef = fitted.classifier.coef_
    idf = fitted.vectorizer.idf_
    features = {
        name: [float(idf[i]), [float(w) for w in coef[:, i]]] for i, name in enumerate(names)
    }
    dense_weights = [[float(w) for w in coef[:, words + j]] for j in range(len(DENSE_FEATURES))]
    payload: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "version": "",
        "classes": list(CLASSES),
        "trained_with": command,
        "data_sha256": data_sha256,
        "lexicon_version": LEXICON_VERSION,
        "emoji_table_version": emoji_table().version,
        "seed": seed,
        "trained_on": {
            "parts": ["train", "tune"],
            "texts": rows,
            "never_seen": ["test", "date"],
            "date_split_from": DATE_SPLIT_FROM.isoformat(),
            "split": split.counts(),
            "duplicates_removed": split.duplicates_removed,
        },
        "setting": best.setting.as_json(),
        "tuning": [{**r.setting.as_json(), "tune_macro_f1": r.macro_f1} for r in tuning],
        "sublinear_tf": best.setting.sublinear_tf,
        "dense_features": list(DENSE_FEATURES),
        "intercepts": [float(b) for b in fitted.classifier.intercept_],
        "dense_weights": dense_weights,
        "features": features,
    }
    payload["version"] = model_version(payload)
    return payload


def model_version(payload: dict[str, Any]) -> str:
    """'1-3fa9c2d1': the series, and a hash of the features and weights (rounded, so that the
    last bits a different machine's arithmetic may change do not change the version)."""
    digits = VERSION_DIGITS
    summary = {
        "features": {
            name: [round(idf, digits), [round(w, digits) for w in weights]]
            for name, (idf, weights) in sorted(payload["features"].items())
        },
        "dense_weights": [[round(w, digits) for w in row] for row in payload["dense_weights"]],
        "intercepts": [round(b, digits) for b in payload["intercepts"]],
    }
    digest = hashlib.sha256(json.dumps(summary, sort_keys=True).encode("utf-8")).hexdigest()
    return f"{MODEL_SERIES}-{digest[:8]}"


def model_bytes(payload: dict[str, Any]) -> bytes:
    """The model file: JSON (floats written so they read back exactly), gzip with no timestamp."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def default_command(data: Path, seed: int) -> str:
    shown = data.resolve()
    if shown.is_relative_to(REPO_ROOT):
        shown = shown.relative_to(REPO_ROOT)
    arguments = ["python", "-m", "analyzer.train", "--data", str(shown)]
    if seed != DEFAULT_SEED:
        arguments += ["--seed", str(seed)]
    return shlex.join(arguments)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The labelled football tweets (id, tweet, label).  "
    "[default: data/football-labelled/fifa2014_train.tsv]",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Where to write the model.  [default: analyzer/data/{MODEL_FILE}]",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
def main(data: Path | None, out: Path | None, seed: int) -> None:
    """Train the learned sentiment model and write the model file the package ships."""
    data = data if data is not None else default_data_dir() / FOOTBALL_FILE
    out = out if out is not None else DEFAULT_OUT
    try:
        training = train(data, seed=seed, progress=lambda line: click.echo(line, err=True))
    except (AnalyzerError, OSError) as error:
        raise click.ClickException(str(error)) from None
    content = model_bytes(training.payload)
    out.write_bytes(content)
    payload = training.payload
    click.echo(
        f"wrote {out} ({len(content) / 1e6:.2f} MB): model {payload['version']}, "
        f"{len(payload['features'])} features, setting {payload['setting']}, "
        f"trained on {payload['trained_on']['texts']} texts (train + tune)"
    )


if __name__ == "__main__":
    sys.exit(main())
