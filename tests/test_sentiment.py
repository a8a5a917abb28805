"""Scoring: plain VADER's numbers and cut-offs, the football default, and emoji recognised whole."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analyzer.sentiment import (
    FOOTBALL_NEUTRAL_BAND,
    NEGATIVE_THRESHOLD,
    POSITIVE_THRESHOLD,
    Label,
    Scorer,
    ScoringOptions,
    default_scorer,
    label_for,
)


@pytest.fixture(scope="module")
def scorer():
    return default_scorer()


@pytest.fixture(scope="module")
def plain():
    return Scorer(options=ScoringOptions.plain())


def test_the_cut_offs_are_vaders_standard_ones() -> None:
    assert (POSITIVE_THRESHOLD, NEGATIVE_THRESHOLD) == (0.05, -0.05)


@pytest.mark.parametrize(
    ("compound", "label"),
    [(0.05, Label.POSITIVE), (0.0499, Label.NEUTRAL), (0.0, Label.NEUTRAL), (-0.0499, Label.NEUTRAL),
     (-0.05, Label.NEGATIVE), (1.0, Label.POSITIVE), (-1.0, Label.NEGATIVE)],
)  # fmt: skip
def test_labels_at_the_cut_offs(compound: float, label: Label) -> None:
    assert label_for(compound) is label


@pytest.mark.parametrize(
    "text",
    [
        "What a game. Big respect to Japan and Belgium for an insane game!!! #WC2018",
        "I don’t think the players were to blame, I think it was me who might have lost control of the game",
        "YESSSSSSSSSSS INUI YESSSSSSSSS CHAOS!!!!!",
        "this World Cup",
    ],
)
def test_plain_options_score_exactly_as_vader(plain, text: str) -> None:
    vader = SentimentIntensityAnalyzer().polarity_scores(text)
    score = plain.score(text)
    assert (score.compound, score.positive, score.neutral, score.negative) == (
        vader["compound"],
        vader["pos"],
        vader["neu"],
        vader["neg"],
    )


def test_the_sample_scores_are_what_vader_says(plain) -> None:
    assert plain.score("YESSSSSSSSSSS INUI YESSSSSSSSS CHAOS!!!!!").compound == -0.7067
    assert plain.score("When the goal was conceded, I blamed myself, and I question my tactics. "
                        "As for the result, I am very disappointed. I am devastated.").label is Label.NEGATIVE  # fmt: skip


@pytest.mark.parametrize(
    ("text", "emoji"),
    [
        ("Japan up 2-0 🇯🇵", ("🇯🇵",)),  # a flag: two code points, one emoji
        ("⚽️ goal", ("⚽",)),  # ball + variation selector
        ("love it ❤️", ("❤️",)),
        ("👍🏽 nice", ("👍🏽",)),  # skin tone
        ("the family 👨‍👩‍👧 came", ("👨‍👩‍👧",)),  # zero-width-joiner sequence
        ("🔥🔥🔥", ("🔥", "🔥", "🔥")),
        ("no emoji here", ()),
    ],
)
def test_each_emoji_is_recorded_whole(scorer, plain, text: str, emoji: tuple[str, ...]) -> None:
    # Recorded whole whether or not the emoji layer scores them.
    assert scorer.score(text).emoji == emoji
    assert plain.score(text).emoji == emoji


def test_a_heart_with_a_variation_selector_scores_like_a_plain_heart(scorer) -> None:
    # Plain VADER gives "❤️" 0.0: it looks up the selector as a separate character.
    assert SentimentIntensityAnalyzer().polarity_scores("❤️")["compound"] == 0.0
    assert scorer.score("❤️").compound == scorer.score("❤").compound > 0.5


def test_a_skin_tone_does_not_change_the_score(scorer) -> None:
    assert scorer.score("great 👍🏽").compound == scorer.score("great 👍").compound


def test_score_all_keeps_order_and_scores_repeats_alike(scorer) -> None:
    scores = scorer.score_all(["I love it", "awful", "I love it"])
    assert [s.label for s in scores] == [Label.POSITIVE, Label.NEGATIVE, Label.POSITIVE]
    assert scores[0] is scores[2]


def test_one_scorer_per_process() -> None:
    assert default_scorer() is default_scorer()


def test_the_default_scorer_is_the_football_one(scorer) -> None:
    assert scorer.options == ScoringOptions.football() == Scorer().options
    assert scorer.options.neutral_band == FOOTBALL_NEUTRAL_BAND
    assert scorer.score("YESSSSSSSSSSS INUI YESSSSSSSSS CHAOS!!!!!").label is Label.POSITIVE


def test_the_band_is_a_constructor_option() -> None:
    text = "I feel funny. Funny strange not funny haha."  # compound 0.0294
    assert Scorer(neutral_band=0.02).score(text).label is Label.POSITIVE
    assert Scorer(neutral_band=0.05).score(text).label is Label.NEUTRAL
    with pytest.raises(ValueError, match="neutral_band"):
        Scorer(neutral_band=0)


@pytest.mark.parametrize(
    ("compound", "band", "label"),
    [(0.03, 0.01, Label.POSITIVE), (0.03, 0.05, Label.NEUTRAL), (-0.01, 0.01, Label.NEGATIVE),
     (-0.0099, 0.01, Label.NEUTRAL), (0.3, 0.3, Label.POSITIVE), (0.2999, 0.3, Label.NEUTRAL)],
)  # fmt: skip
def test_labels_with_a_band(compound: float, band: float, label: Label) -> None:
    assert label_for(compound, neutral_band=band) is label
