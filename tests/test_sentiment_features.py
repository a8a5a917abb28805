"""The learned model's features: words and pairs of the rewritten text, emoji, stretches, tags, phrases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.sentiment import Scorer, ScoringOptions
from analyzer.sentiment.features import (
    ELONGATION_TOKEN,
    NEGATIVE_FOOTBALL_TOKEN,
    NUMBER_TOKEN,
    POSITIVE_FOOTBALL_TOKEN,
    RETWEET_TOKEN,
    URL_TOKEN,
    USER_TOKEN,
    emoji_feature,
)


@pytest.fixture(scope="module")
def features():
    return Scorer(options=ScoringOptions.football()).features


def words_of(found: list[str]) -> list[str]:
    """The single words (no pairs, no markers) in order."""
    return [f for f in found if " " not in f and not f.startswith(("<", "e:"))]


@pytest.mark.parametrize(
    ("emoji", "feature"),
    [
        ("😂", "e:face_with_tears_of_joy"),
        ("👍🏽", "e:thumbs_up"),  # the skin tone says nothing about the mood
        ("❤️", "e:red_heart"),  # with the variation selector
        ("❤", "e:red_heart"),  # and without
        ("🇧🇪", "e:flag"),  # every flag is one feature: which team is not a mood
        ("🇯🇵", "e:flag"),
        ("🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "e:flag"),  # England
        ("🤦‍♂️", "e:man_facepalming"),
        ("⚽", "e:soccer_ball"),
    ],
)
def test_each_emoji_is_a_feature_by_its_name(emoji: str, feature: str) -> None:
    assert emoji_feature(emoji) == feature


def test_emoji_are_named_and_their_words_read(features) -> None:
    found = features("Inui 😂😂 🇯🇵")
    assert found.count("e:face_with_tears_of_joy") == 2
    assert found.count("e:flag") == 1
    # VADER's description of 😂 is in the text the model reads, so its words are features too.
    assert words_of(found) == ["inui", *["face", "with", "tears", "of", "joy"] * 2, "emojiflag"]


@pytest.mark.parametrize(
    ("text", "words", "stretched"),
    [
        ("YESSSSS", ["yes"], True),
        ("Goooood game", ["good", "game"], True),
        ("noooooo", ["no"], True),
        ("GOOOOAL", ["gooal"], True),  # squeezed to the lexicon's cheer, not the event word
        ("good game", ["good", "game"], False),
        ("www.fifa.com is down", ["<url>", "is", "down"], True),  # www. is three letters in a row
    ],
)
def test_a_stretched_word_is_squeezed_and_marked(
    features, text: str, words: list[str], stretched: bool
) -> None:
    found = features(text)
    assert [f for f in found if " " not in f and not f.startswith("<fb")][: len(words)] == words
    assert (ELONGATION_TOKEN in found) is stretched


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("#BigGameTonight", ["big", "game", "tonight"]),
        ("#ItsComingHome", ["itscominghome"]),  # split, then the chant joined as one phrase
        ("#WhatAGoal tonight", ["whatagoal", "tonight"]),  # split, then the phrase joined
        ("#BELJPN", ["#beljpn"]),  # a fixture tag stays a name
        ("#WorldCup2014", ["#worldcup2014"]),
        ("#love", ["#love"]),  # one word already
    ],
)
def test_hashtags_are_split_into_words(features, text: str, words: list[str]) -> None:
    assert words_of(features(text)) == words


@pytest.mark.parametrize(
    ("text", "word", "marker"),
    [
        ("What a goal from Inui", "whatagoal", POSITIVE_FOOTBALL_TOKEN),
        ("He killed it tonight", "killedit", POSITIVE_FOOTBALL_TOKEN),
        ("gutted for Japan", "gutted", NEGATIVE_FOOTBALL_TOKEN),
        ("GOLAZO", "golazo", POSITIVE_FOOTBALL_TOKEN),
    ],
)
def test_lexicon_phrases_are_one_feature_with_their_sign(
    features, text: str, word: str, marker: str
) -> None:
    found = features(text)
    assert word in found
    assert marker in found


def test_plain_words_carry_no_football_marker(features) -> None:
    found = features("the bus leaves at nine")
    assert POSITIVE_FOOTBALL_TOKEN not in found and NEGATIVE_FOOTBALL_TOKEN not in found


def test_links_mentions_numbers_and_retweets(features) -> None:
    found = features("RT @fifa: Brazil 3-1 Croatia http://t.co/abc !!")
    assert words_of(found) == ["rt", "brazil", "croatia", "!"]
    assert found.count(USER_TOKEN) == 1 and found.count(URL_TOKEN) == 1
    assert found.count(NUMBER_TOKEN) == 2
    assert "!" in found  # "!!" is one feature: a run of them
    assert RETWEET_TOKEN in found
    assert RETWEET_TOKEN not in features("Brazil 3-1 Croatia")


def test_word_pairs_follow_the_words(features) -> None:
    found = features("I don’t think it's over!!!")
    assert words_of(found)[:5] == ["i", "don't", "think", "it's", "over"]  # curly ’ as '
    pairs = [f for f in found if " " in f]
    assert pairs == ["i don't", "don't think", "think it's", "it's over", "over !"]


def test_the_same_text_gives_the_same_features(features) -> None:
    text = "YESSSS what a goal 😂 #ItsComingHome @fifa http://x.co 2-0"
    assert features(text) == features(text) == Scorer.named("football").features(text)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_features_without_error(text: str) -> None:
    found = Scorer(options=ScoringOptions.football()).features(text)
    assert all(isinstance(f, str) and f for f in found)
    words = [f for f in found if " " not in f and not f.startswith(("<fb", "e:", "<elong", "<rt"))]
    pairs = [f for f in found if " " in f]
    assert len(pairs) == max(len(words) - 1, 0)
