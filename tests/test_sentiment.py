"""Scoring: VADER's numbers, the standard label cut-offs, and emoji recognised whole."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analyzer.sentiment import (
    NEGATIVE_THRESHOLD,
    POSITIVE_THRESHOLD,
    Label,
    default_scorer,
    label_for,
)


@pytest.fixture(scope="module")
def scorer():
    return default_scorer()


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
def test_text_without_emoji_scores_exactly_as_vader(scorer, text: str) -> None:
    vader = SentimentIntensityAnalyzer().polarity_scores(text)
    score = scorer.score(text)
    assert (score.compound, score.positive, score.neutral, score.negative) == (
        vader["compound"],
        vader["pos"],
        vader["neu"],
        vader["neg"],
    )


def test_the_sample_scores_are_what_vader_says(scorer) -> None:
    assert scorer.score("YESSSSSSSSSSS INUI YESSSSSSSSS CHAOS!!!!!").compound == -0.7067
    assert scorer.score("When the goal was conceded, I blamed myself, and I question my tactics. "
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
def test_each_emoji_is_recorded_whole(scorer, text: str, emoji: tuple[str, ...]) -> None:
    assert scorer.score(text).emoji == emoji


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
