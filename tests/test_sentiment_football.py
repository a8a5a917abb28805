"""The football layers: each rule on real fan tweets, each layer switchable, plain == VADER."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analyzer.sentiment import (
    LAYERS,
    LEXICON_VERSION,
    Label,
    Layer,
    Scorer,
    ScoringOptions,
)
from analyzer.sentiment.football import (
    FLAG_TOKEN,
    football_emoji,
    football_lexicon,
    lexicon_table,
    phrase_token,
)
from analyzer.sentiment.normalise import split_hashtags, squeeze_elongations
from analyzer.sentiment.vader import Vader
from tests.conftest import labelled_file

YES_INUI = "YESSSSSSSSSSS INUI YESSSSSSSSS CHAOS!!!!!"
CHADLI = (
    "We dare you to find a better counterattack!\n\nChadli finishes off a beautiful team play "
    "to give Belgium the win late in stoppage time. 🔥🔥🔥"
)
PLAIN = ScoringOptions.plain()
OURS = ScoringOptions.football()


@pytest.fixture(scope="module")
def ours() -> Scorer:
    return Scorer()


@pytest.fixture(scope="module")
def plain() -> Scorer:
    return Scorer(options=PLAIN)


# The sample tweets (tweets/BEL-JPN) and what a fan means by them.
@pytest.mark.parametrize(
    ("text", "label"),
    [
        (YES_INUI, Label.POSITIVE),
        (CHADLI, Label.POSITIVE),
        ("GOLAZO GOLAZO GOLAZO #JPN!", Label.POSITIVE),
        (
            "Didn’t want the world to be denied Belgium vs Brazil but gutted for Japan.",
            Label.NEGATIVE,
        ),
        ("gutted for Japan", Label.NEGATIVE),
        ("he killed it", Label.POSITIVE),
        ("Lukaku absolutely killed it tonight", Label.POSITIVE),
        # Decided: a referee who "killed the game" spoiled it; VADER's reading stands.
        ("the referee killed the game", Label.NEGATIVE),
        ("Red Devils", Label.NEUTRAL),
        ("The Red Devils face the Samurai Blue in Rostov", Label.NEUTRAL),
        (
            "What a game. Big respect to Japan and Belgium for an insane game!!! #WC2018",
            Label.POSITIVE,
        ),
        ("WHAT A GOAL", Label.POSITIVE),
        ("Buzzing for Brazil vs Belgium!", Label.POSITIVE),
        ("Third free kick for France #WorldCup", Label.NEUTRAL),
        # The chant is hope and joy (lexicon 2.0.0); the tag is read as its words.
        ("#ItsComingHome", Label.POSITIVE),
        ("#WhatAGoal", Label.POSITIVE),
        ("Robbed again by the officials", Label.NEGATIVE),
    ],
)
def test_fan_talk_reads_the_way_fans_mean_it(ours: Scorer, text: str, label: Label) -> None:
    assert ours.score(text).label is label


@pytest.mark.parametrize(
    ("text", "plain_label"),
    [
        (YES_INUI, Label.NEGATIVE),
        ("GOLAZO GOLAZO GOLAZO #JPN!", Label.NEUTRAL),
        ("gutted for Japan", Label.NEUTRAL),
        ("he killed it", Label.NEGATIVE),
        ("Red Devils", Label.NEGATIVE),
    ],
)
def test_plain_vader_misreads_them(plain: Scorer, text: str, plain_label: Label) -> None:
    assert plain.score(text).label is plain_label


def test_fire_no_longer_pulls_a_celebration_down(ours: Scorer, plain: Scorer) -> None:
    without_fire = CHADLI.removesuffix(" 🔥🔥🔥")
    assert plain.score(CHADLI).compound < plain.score(without_fire).compound
    assert ours.score(CHADLI).compound > ours.score(without_fire).compound > 0.5


def test_the_sample_tweet_with_elongations_keeps_its_exclamation_marks(ours: Scorer) -> None:
    # YES (1.7) twice against CHAOS (-2.7), all in capitals (no capitals boost), plus "!!!!!".
    assert ours.score(YES_INUI).compound == 0.4344


# VADER's rules work on the new words and phrases.
def test_negation_turns_a_football_phrase_around(ours: Scorer) -> None:
    assert ours.score("not what a game").compound < 0 < ours.score("what a game").compound


def test_boosters_and_capitals_strengthen_football_words(ours: Scorer) -> None:
    gutted = ours.score("gutted for Japan").compound
    assert ours.score("really gutted for Japan").compound < gutted
    assert ours.score("GUTTED for Japan").compound < gutted


def test_but_weighs_the_clause_after_it(ours: Scorer) -> None:
    after = ours.score("a great game but gutted for Japan").compound
    before = ours.score("gutted for Japan but a great game").compound
    assert after < 0 < before


def test_a_phrase_shouted_whole_keeps_its_capitals(ours: Scorer) -> None:
    lexicon = football_lexicon()
    assert lexicon.join_phrases("WHAT A GOAL from Inui") == "WHATAGOAL from Inui"
    assert lexicon.join_phrases("What a goal!") == "whatagoal!"
    assert lexicon.join_phrases("what  a\tgoal") == "whatagoal"
    assert lexicon.join_phrases("let’s go Japan") == "letsgo Japan"


@pytest.mark.parametrize(
    "text",
    ["somewhat a goal", "what a goalkeeper", "@killedit", "#RedDevils", "whatagoal", "red  devil"],
)
def test_phrases_match_whole_words_only(text: str) -> None:
    assert football_lexicon().join_phrases(text) == text


def test_a_nickname_is_a_name_not_a_feeling(ours: Scorer) -> None:
    assert (
        ours.score("Come on you Red Devils!").compound
        == ours.score("Come on you Belgium!").compound
    )


# Elongation.
@pytest.mark.parametrize(
    ("text", "squeezed"),
    [
        ("YESSSSSSSSSSS INUI YESSSSSSSSS", "YES INUI YES"),
        ("Goooood game", "GOOD game"),  # known word: emphasised
        ("Noooo", "NO"),
        ("GOOOOOOAAAAALLLLL", "GOOAL"),  # the stretched shout's spelling in the lexicon
        ("Aaaaaand they score", "And they score"),  # "and" is no lexicon word: no emphasis
        ("sooooo close", "SO close"),
        ("Neymaaaar", "Neymar"),  # unknown word: squeezed, not emphasised
        ("good game", "good game"),
        ("@messsi http://t.co/aaaa www.ffff.com", "@messsi http://t.co/aaaa www.ffff.com"),
    ],
)
def test_elongations_are_squeezed_to_a_known_spelling(
    ours: Scorer, text: str, squeezed: str
) -> None:
    assert squeeze_elongations(text, vocabulary=ours._vocabulary, emphasise=True) == squeezed


def test_elongation_counts_as_emphasis_like_capitals(ours: Scorer) -> None:
    emphasised = ours.score("that was a goooood game").compound
    assert emphasised == ours.score("that was a GOOD game").compound
    assert (
        emphasised
        > Scorer(options=replace(OURS, emphasis=False)).score("that was a goooood game").compound
    )


# Hashtags.
@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("#ItsComingHome", "Its Coming Home"),
        ("#WhatAGoal!", "What A Goal!"),
        ("(#SadTimes)", "(Sad Times)"),
        ("#GoUSA", "Go USA"),
        # Team, fixture and tournament tags stay whole, as names.
        ("#JPN", "#JPN"),
        ("#BELJPN", "#BELJPN"),
        ("#BEL", "#BEL"),
        ("#NEDvsESP", "#NEDvsESP"),
        ("#EnglandvsUruguay", "#EnglandvsUruguay"),
        ("#WorldCup", "#WorldCup"),
        ("#FIFAWorldCup", "#FIFAWorldCup"),
        ("#WC2018", "#WC2018"),
        ("#Brazil2014", "#Brazil2014"),
        # One word already, not a tag, or not ASCII: left alone.
        ("#love", "#love"),
        ("#LOL", "#LOL"),
        ("x#SadTimes", "x#SadTimes"),
        ("&#SadTimes", "&#SadTimes"),
        ("#BélgicaCampeón", "#BélgicaCampeón"),
    ],
)
def test_hashtags_are_split_into_words(text: str, split: str) -> None:
    assert split_hashtags(text) == split


# Emoji.
def test_emoji_with_presentation_marks_score_like_the_plain_emoji(ours: Scorer) -> None:
    assert ours.score("❤️").compound == ours.score("❤").compound > 0.5
    assert ours.score("💪🏽 lads").compound == ours.score("💪 lads").compound > 0
    assert ours.score("⚽️ Japan").compound == ours.score("⚽ Japan").compound == 0


def test_a_zwj_sequence_means_what_its_first_emoji_means(ours: Scorer) -> None:
    assert ours.score("🤦‍♂️ again").compound == ours.score("🤦 again").compound < 0


@pytest.mark.parametrize("flag", ["🇧🇪", "🇯🇵", "🇧🇷", "🏴󠁧󠁢󠁥󠁮󠁧󠁿"])
def test_flags_are_team_mentions(ours: Scorer, flag: str) -> None:
    assert football_emoji().token_for(flag) == FLAG_TOKEN
    assert ours.score(f"{flag} {flag}").compound == 0.0


@pytest.mark.parametrize(
    ("emoji", "sign"),
    [("🔥", 1), ("🐐", 1), ("🙌", 1), ("👏", 1), ("💪", 1), ("🤯", 1), ("💔", -1), ("😭", -1),
     ("😱", 0), ("⚽", 0), ("🏆", 0)],
)  # fmt: skip
def test_football_emoji_carry_the_tables_sign(ours: Scorer, emoji: str, sign: int) -> None:
    compound = ours.score(emoji).compound
    assert (compound > 0) - (compound < 0) == sign


# Layers: each one switchable, off means exactly the behaviour without it.
@pytest.mark.parametrize(
    ("layer", "text"),
    [
        ("emoji", "Chadli! 🔥🔥🔥"),
        ("elongation", "Goooood job"),
        ("hashtags", "#SadTimes"),
        ("lexicon", "gutted for Japan"),
        ("language", "Was für ein Spiel! Belgien dreht das Spiel gegen Japan in der Nachspielzeit"),
    ],
)
def test_a_layer_switched_off_gives_the_score_without_it(layer: Layer, text: str) -> None:
    without = Scorer(options=OURS.with_layer(layer, False)).score(text)
    alone = Scorer(options=PLAIN.with_layer(layer, True)).score(text)
    plain = Scorer(options=PLAIN).score(text)
    assert (without.compound, without.label) == (plain.compound, plain.label)
    assert (alone.compound, alone.label) != (plain.compound, plain.label)


def test_the_band_switched_off_is_vaders() -> None:
    text = "I feel funny. Funny strange not funny haha."  # compound 0.0294
    assert Scorer(options=OURS.with_layer("neutral_band", False)).score(text).label is Label.NEUTRAL
    assert Scorer(options=OURS).score(text).label is Label.POSITIVE


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_alone_leaves_untouched_text_as_vader_scores_it(layer: Layer) -> None:
    text = "I love this team, but the referee was awful today."
    scorer = Scorer(options=PLAIN.with_layer(layer, True))
    expected = SentimentIntensityAnalyzer().polarity_scores(text)
    assert scorer.score(text).compound == expected["compound"]


def test_layers_on_names_the_layers() -> None:
    assert PLAIN.layers_on() == ()
    assert OURS.layers_on() == LAYERS
    assert OURS.with_layer("lexicon", False).layers_on() == tuple(
        x for x in LAYERS if x != "lexicon"
    )


def test_plain_options_are_vader_exactly_on_the_ground_truth(plain: Scorer) -> None:
    lines = labelled_file("vader-groundtruth", "tweets_GroundTruth.txt").read_text(encoding="utf-8")
    texts = [line.split("\t", 2)[2] for line in lines.splitlines()[:400]]
    vader = Vader()
    for text in texts:
        expected = vader.polarity_scores(text)
        score = plain.score(text)
        got = {
            "neg": score.negative,
            "neu": score.neutral,
            "pos": score.positive,
            "compound": score.compound,
        }
        assert got == expected, text


def test_the_same_text_always_gets_the_same_score() -> None:
    texts = [
        YES_INUI,
        CHADLI,
        "GOLAZO GOLAZO GOLAZO #JPN!",
        "Qué partidazo, increíble remontada de Bélgica",
    ]
    first = Scorer().score_all(texts)
    second = [Scorer().score(text) for text in reversed(texts)][::-1]
    assert [repr(s) for s in first] == [repr(s) for s in second]


def test_score_all_takes_declared_languages_in_step() -> None:
    scores = Scorer().score_all(["golazo!!!", "golazo!!!"], declared_languages=["es", "und"])
    assert (scores[0].label, scores[0].language) == (Label.UNSCORED, "es")
    assert scores[1].label is Label.POSITIVE
    with pytest.raises(ValueError, match="2 declared languages for 1 texts"):
        Scorer().score_all(["gol"], declared_languages=["es", "en"])


# The data files.
def test_the_lexicon_version_comes_from_the_file_header() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", LEXICON_VERSION)
    assert lexicon_table().version == LEXICON_VERSION
    assert Scorer().lexicon_version == LEXICON_VERSION
    assert Scorer(options=PLAIN).lexicon_version is None


def test_every_lexicon_entry_has_a_valence_and_a_reason() -> None:
    entries = lexicon_table().entries
    assert len(entries) > 50
    terms = [entry.term for entry in entries]
    assert len(terms) == len(set(terms)), "a term is listed twice"
    for entry in entries:
        assert -4 <= entry.valence <= 4
        assert len(entry.reason.split()) >= 2, entry.term


def test_phrase_tokens_are_not_words_vader_knows() -> None:
    vader_words = Vader().lexicon
    lexicon = football_lexicon()
    for phrase, valence in lexicon.phrases.items():
        token = phrase_token(phrase)
        assert token not in vader_words, phrase
        # "hat trick" becomes "hattrick", also listed as a word: the two must agree.
        assert lexicon.words.get(token, valence) == valence, phrase


def test_the_emoji_table_lists_real_emoji() -> None:
    import emoji as emoji_package

    for emoji in football_emoji().valences:
        assert emoji_package.is_emoji(emoji), emoji


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_scores_without_error(text: str) -> None:
    score = Scorer().score(text)
    if score.scored:
        assert -1 <= score.compound <= 1
    else:
        assert math.isnan(score.compound)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["GOOOAL", "#WhatAGoal", "what a", "goal", "🔥", "❤️", "🇯🇵", "not", "Red", "Devils",
             "gutted", "but", "!!!", "#JPN", "killed", "it", "Nooo", "very", "日本", "the"]
        ),
        max_size=12,
    )
)  # fmt: skip
@pytest.mark.slow
def test_fan_fragments_score_within_bounds(words: list[str]) -> None:
    score = Scorer().score(" ".join(words))
    assert score.label is Label.UNSCORED or -1 <= score.compound <= 1
    assert score.scored or math.isnan(score.compound)


def test_a_lone_skin_tone_swatch_is_a_neutral_emoji(ours: Scorer) -> None:
    # Found by the property test: "🏻" is all presentation, with no emoji left to look up.
    score = ours.score("🏻")
    assert (score.compound, score.emoji) == (0.0, ("🏻",))
