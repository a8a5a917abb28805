"""The learned scorer: the choices, the shipped model, and inference equal to scikit-learn's."""

from __future__ import annotations

import gzip
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analyzer.evaluate import (
    FOOTBALL_FILE,
    GROUND_TRUTH_FILE,
    read_football,
    read_ground_truth,
    split_football,
)
from analyzer.sentiment import (
    DEFAULT_SCORER,
    MODEL_FILE,
    SCORER_NAMES,
    Label,
    Scorer,
    ScorerName,
    ScoringOptions,
    scorer_named,
    shipped_model,
)
from analyzer.sentiment.learned import ModelDataError, read_model_bytes
from tests.conftest import LABELLED, REPO, labelled_file

MAX_MODEL_BYTES = 2_000_000
PROBABILITY_TOLERANCE = 1e-9
# A fresh fit's weights against the shipped file's: lbfgs's last digits vary from run to run.
WEIGHT_TOLERANCE = 1e-4


@pytest.fixture(scope="module")
def learned() -> Scorer:
    return scorer_named("learned")


def test_the_choices_are_named_once_and_learned_is_the_default() -> None:
    assert SCORER_NAMES == ("learned", "football", "vader")
    assert DEFAULT_SCORER is ScorerName.LEARNED
    for name in SCORER_NAMES:
        assert ScoringOptions.for_scorer(name).scorer_name == name
        assert Scorer.named(name).name == name
    assert ScoringOptions.for_scorer("vader") == ScoringOptions.plain()
    assert ScoringOptions.for_scorer("football") == ScoringOptions.football() == Scorer().options
    with pytest.raises(ValueError, match="'bert' is not a valid ScorerName"):
        ScoringOptions.for_scorer("bert")


def test_the_model_needs_the_layers_it_was_trained_with() -> None:
    with pytest.raises(ValueError, match="needs every rewriting layer"):
        ScoringOptions(learned=True, hashtags=False)
    with pytest.raises(ValueError, match="options do not use it"):
        Scorer(options=ScoringOptions.football(), model=shipped_model())


@pytest.mark.parametrize(
    "text",
    [
        "What a game. Big respect to Japan and Belgium for an insane game!!! #WC2018",
        "YESSSSSSSSSSS INUI YESSSSSSSSS CHAOS!!!!!",
        "gutted for Japan 😭😭",
        "Lineups are out #BELJPN",
    ],
)
def test_the_vader_choice_is_vader_exactly(text: str) -> None:
    vader = SentimentIntensityAnalyzer().polarity_scores(text)
    score = scorer_named("vader").score(text)
    assert (score.compound, score.positive, score.neutral, score.negative) == (
        vader["compound"],
        vader["pos"],
        vader["neu"],
        vader["neg"],
    )
    assert (score.p_positive, score.p_neutral, score.p_negative) == (None, None, None)
    assert score.mood == score.compound


def test_the_football_choice_is_todays_scorer() -> None:
    text = "YESSSSS GOLAZO what a goal #ItsComingHome 🔥"
    football = scorer_named("football").score(text)
    assert football == Scorer().score(text)
    assert football.p_positive is None and football.mood == football.compound


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("What a goal from Inui!! Japan are brilliant", Label.POSITIVE),
        ("gutted for Japan, robbed by the ref", Label.NEGATIVE),
        ("Starting XI for tonight's match against Belgium: http://t.co/abc", Label.NEUTRAL),
    ],
)
def test_the_learned_choice_gives_probabilities_and_their_label(
    learned: Scorer, text: str, label: Label
) -> None:
    score = learned.score(text)
    football = scorer_named("football").score(text)
    assert score.compound == football.compound  # the compound stays the layers' VADER
    assert (score.positive, score.neutral, score.negative) == (
        football.positive,
        football.neutral,
        football.negative,
    )
    probabilities = (score.p_positive, score.p_neutral, score.p_negative)
    assert all(p is not None and 0 < p < 1 for p in probabilities)
    assert math.fsum(p for p in probabilities if p is not None) == pytest.approx(1, abs=1e-12)
    assert score.mood == pytest.approx(score.p_positive - score.p_negative)  # type: ignore[operator]
    assert score.label is label
    by_label = dict(
        zip((Label.POSITIVE, Label.NEUTRAL, Label.NEGATIVE), probabilities, strict=True)
    )
    assert max(by_label, key=lambda key: by_label[key] or 0.0) is label


def test_non_english_text_stays_unscored(learned: Scorer) -> None:
    score = learned.score("¡Qué golazo de Bélgica! Japón no se lo merecía")
    assert score.label is Label.UNSCORED and score.language == "es"
    assert score.p_positive is None and math.isnan(score.mood)
    assert learned.score("   ").label is Label.UNSCORED


def test_the_model_version_is_named(learned: Scorer) -> None:
    assert learned.model_version == shipped_model().version
    assert learned.model_version is not None and learned.model_version.startswith("1-")
    assert scorer_named("football").model_version is None


def test_the_shipped_file_is_small_and_says_how_it_was_made() -> None:
    path = REPO / "analyzer" / "data" / MODEL_FILE
    assert path.stat().st_size < MAX_MODEL_BYTES
    payload = json.loads(gzip.decompress(path.read_bytes()))
    assert payload["trained_with"].startswith("python -m analyzer.train")
    assert len(payload["data_sha256"]) == 64
    assert payload["trained_on"]["parts"] == ["train", "tune"]
    assert payload["trained_on"]["never_seen"] == ["test", "date"]
    assert payload["version"] == shipped_model().version


def test_a_broken_model_file_is_a_clear_error() -> None:
    with pytest.raises(ModelDataError, match="cannot be read"):
        read_model_bytes(b"not gzip")
    with pytest.raises(ModelDataError, match="malformed"):
        read_model_bytes(gzip.compress(b'{"format": 1}'))


def test_scores_are_the_same_one_by_one_and_together(learned: Scorer) -> None:
    texts = ["What a goal!", "gutted", "What a goal!", "Lineups are out"]
    assert learned.score_all(texts) == [learned.score(text) for text in texts]


def _evaluation_texts() -> list[str]:
    split = split_football(read_football(labelled_file("football-labelled", "fifa2014_train.tsv")))
    ground_truth = read_ground_truth(LABELLED / GROUND_TRUTH_FILE)
    rows = split.part("test") + split.part("date")
    return [row.text for row in rows] + [row.text for row in ground_truth]


@pytest.mark.slow
def test_inference_gives_scikit_learns_probabilities() -> None:
    # A model fitted with the shipped model's setting (one fit, no grid), then every text of
    # the evaluation sets scored by scikit-learn and by the plain-Python inference.
    pytest.importorskip("sklearn", reason="scikit-learn is in the test extra")
    from analyzer.sentiment.learned import CLASSES, LearnedModel
    from analyzer.train import Setting, train

    chosen = shipped_model().metadata["setting"]
    setting = Setting(chosen["C"], chosen["min_df"], chosen["class_weight"], chosen["sublinear_tf"])
    training = train(LABELLED / FOOTBALL_FILE, settings=[setting])
    model = LearnedModel(training.payload)
    scorer = Scorer(options=ScoringOptions.learned_model(), model=model)
    texts = _evaluation_texts()
    expected = training.fitted.predict_proba(texts)
    worst = 0.0
    for text, row in zip(texts, expected, strict=True):
        features, dense = scorer.model_inputs(text)
        got = model.probabilities(features, dense)
        by_class = dict(zip(CLASSES, row, strict=True))
        worst = max(
            worst,
            abs(got.positive - by_class["positive"]),
            abs(got.neutral - by_class["neutral"]),
            abs(got.negative - by_class["negative"]),
        )
    assert len(texts) > 11_000
    assert worst < PROBABILITY_TOLERANCE


@pytest.mark.slow
def test_the_shipped_file_is_what_the_training_command_makes(tmp_path: Path) -> None:
    # The training command itself, in a fresh process (grid, fit), as a user or CI runs it:
    # the same setting and vocabulary exactly, the same idf, and weights to WEIGHT_TOLERANCE.
    # The solver's last digits are not reproducible from run to run (numpy's vector sums
    # round differently with memory alignment, amplified over hundreds of lbfgs steps: fits
    # differed by up to 2e-5), so the weights are held to what the solver's own tolerance
    # can promise. After a change to the lexicon or the features this fails until
    # `python -m analyzer.train` is run again and its file committed.
    pytest.importorskip("sklearn", reason="scikit-learn is in the test extra")
    out = tmp_path / MODEL_FILE
    done = subprocess.run(
        [sys.executable, "-m", "analyzer.train", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    fresh = json.loads(gzip.decompress(out.read_bytes()))
    shipped = json.loads(gzip.decompress((REPO / "analyzer" / "data" / MODEL_FILE).read_bytes()))
    assert fresh["setting"] == shipped["setting"]
    assert fresh["data_sha256"] == shipped["data_sha256"]
    assert fresh["lexicon_version"] == shipped["lexicon_version"]
    assert list(fresh["features"]) == list(shipped["features"])
    for name, (idf, weights) in fresh["features"].items():
        shipped_idf, shipped_weights = shipped["features"][name]
        assert idf == pytest.approx(shipped_idf, abs=PROBABILITY_TOLERANCE)
        assert weights == pytest.approx(shipped_weights, abs=WEIGHT_TOLERANCE)
    assert fresh["intercepts"] == pytest.approx(shipped["intercepts"], abs=WEIGHT_TOLERANCE)
    for row, shipped_row in zip(fresh["dense_weights"], shipped["dense_weights"], strict=True):
        assert row == pytest.approx(shipped_row, abs=WEIGHT_TOLERANCE)
