"""Vader must give vaderSentiment 3.3.2's scores bit for bit, key order included."""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SENTIMENT_LADEN_IDIOMS,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from analyzer.sentiment.vader import Vader

REPO_ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH = REPO_ROOT / "data" / "vader-groundtruth" / "tweets_GroundTruth.txt"
GROUND_TRUTH_TWEETS = 4200
ARTICLES = REPO_ROOT / "tweets" / "BEL-JPN"
RANDOM_CORPUS_SIZE = 20_000
RANDOM_SEED = 1234
KEYS = ["neg", "neu", "pos", "compound"]
RE_BLANK_LINES = re.compile(r"\n\s*\n")

ORIGINAL = SentimentIntensityAnalyzer()
VADER = Vader()


def exact(scores: dict[str, float]) -> list[tuple[str, str]]:
    """Keys in order with each value's exact bits (float.hex tells 0.0 from -0.0; == doesn't)."""
    return [(key, float.hex(value)) for key, value in scores.items()]


def mismatches(texts: Iterable[str]) -> list[str]:
    """Describe the first few texts where Vader and vaderSentiment disagree."""
    found = []
    for text in texts:
        expected = ORIGINAL.polarity_scores(text)
        got = VADER.polarity_scores(text)
        if got != expected or exact(got) != exact(expected):
            found.append(f"{text[:200]!r}: expected {expected}, got {got}")
            if len(found) == 5:
                break
    return found


# Each case pins one rule or quirk of vaderSentiment 3.3.2, with the scores it gives.
PINNED = [
    ("", {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}),
    (" \t\n\u3000", {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}),
    ("the match", {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}),
    # list.index() in the "but" check finds the earlier twin (best * 0.5 == accept) and halves it
    # again, so "accept" is never weighted 1.5x.
    ("best match but I accept it", {"neg": 0.0, "neu": 0.476, "pos": 0.524, "compound": 0.5267}),
    ("good but bad", {"neg": 0.617, "neu": 0.13, "pos": 0.253, "compound": -0.5859}),
    # operator precedence: "so" right before the word boosts it 1.25x even without "never"
    ("the team is so good", {"neg": 0.0, "neu": 0.517, "pos": 0.483, "compound": 0.5777}),
    ("we are never so good", {"neg": 0.0, "neu": 0.475, "pos": 0.525, "compound": 0.6626}),
    ("this is not so good", {"neg": 0.431, "neu": 0.569, "pos": 0.0, "compound": -0.464}),
    ("it isn't good", {"neg": 0.546, "neu": 0.454, "pos": 0.0, "compound": -0.3412}),
    # any token containing "n't" negates
    ("it xn't good", {"neg": 0.546, "neu": 0.454, "pos": 0.0, "compound": -0.3412}),
    ("no good", {"neg": 0.706, "neu": 0.294, "pos": 0.0, "compound": -0.3412}),
    ("no", {"neg": 1.0, "neu": 0.0, "pos": 0.0, "compound": -0.296}),
    ("no fun or good", {"neg": 0.719, "neu": 0.281, "pos": 0.0, "compound": -0.6259}),
    ("least good", {"neg": 0.706, "neu": 0.294, "pos": 0.0, "compound": -0.3412}),
    ("at least good", {"neg": 0.0, "neu": 0.408, "pos": 0.592, "compound": 0.4404}),
    # "kind of" only dampens a word with three tokens before it
    ("kind of good", {"neg": 0.0, "neu": 0.408, "pos": 0.592, "compound": 0.4404}),
    ("it is kind of good", {"neg": 0.0, "neu": 0.605, "pos": 0.395, "compound": 0.3832}),
    (
        "Without a doubt, excellent idea.",
        {"neg": 0.0, "neu": 0.341, "pos": 0.659, "compound": 0.7013},
    ),
    ("this is the shit", {"neg": 0.0, "neu": 0.429, "pos": 0.571, "compound": 0.6124}),
    ("oh yeah right, great game", {"neg": 0.366, "neu": 0.366, "pos": 0.268, "compound": -0.2023}),
    # the idiom check runs for "ass" only: "bad" keeps its own valence
    ("he is bad ass", {"neg": 0.438, "neu": 0.25, "pos": 0.312, "compound": -0.25}),
    ("GREAT game", {"neg": 0.0, "neu": 0.171, "pos": 0.829, "compound": 0.7034}),
    ("GREAT GAME", {"neg": 0.0, "neu": 0.196, "pos": 0.804, "compound": 0.6249}),
    ("it is VERY good", {"neg": 0.0, "neu": 0.433, "pos": 0.567, "compound": 0.6028}),
    ("good!!!!!!", {"neg": 0.0, "neu": 0.0, "pos": 1.0, "compound": 0.6209}),
    ("good???", {"neg": 0.0, "neu": 0.0, "pos": 1.0, "compound": 0.533}),
    # emoji are replaced one code point at a time, glued to what follows ("facegood")
    ("😀good", {"neg": 0.0, "neu": 0.286, "pos": 0.714, "compound": 0.3612}),
    # only ⚽, 👍, 🏽 and 😍 are single-code-point keys; VS16 and the flag letters are not
    ("⚽️🇧🇪👍🏽😍", {"neg": 0.0, "neu": 0.769, "pos": 0.231, "compound": 0.4588}),
    (":) (:", {"neg": 0.0, "neu": 0.0, "pos": 1.0, "compound": 0.7351}),
]


@pytest.mark.parametrize(("text", "expected"), PINNED)
def test_pinned_rules_and_quirks(text: str, expected: dict[str, float]) -> None:
    assert exact(ORIGINAL.polarity_scores(text)) == exact(expected), "vaderSentiment changed"
    assert exact(VADER.polarity_scores(text)) == exact(expected)


def test_keys_are_in_vader_order() -> None:
    assert list(VADER.polarity_scores("What a goal!")) == KEYS
    assert list(VADER.polarity_scores("")) == KEYS


def test_lexicon_is_vaders_and_editing_it_changes_no_score() -> None:
    assert VADER.lexicon == ORIGINAL.lexicon
    scorer = Vader()
    before = scorer.polarity_scores("good game")
    scorer.lexicon["good"] = -4.0
    assert scorer.polarity_scores("good game") == before


def test_lower_is_idempotent_so_one_lower_per_token_is_enough() -> None:
    changed = [c for c in map(chr, range(sys.maxunicode + 1)) if c.lower().lower() != c.lower()]
    assert changed == []


def test_ground_truth_tweets() -> None:
    if not GROUND_TRUTH.is_file():
        pytest.fail(f"VADER ground truth not found at {GROUND_TRUTH}: it is part of the repository")
    rows = GROUND_TRUTH.read_text(encoding="utf-8").split("\n")
    tweets = [row.split("\t", 2)[2] for row in rows if row]
    assert len(tweets) == GROUND_TRUTH_TWEETS
    assert mismatches(tweets) == []


def test_sample_articles_paragraphs_and_lines() -> None:
    articles = sorted(ARTICLES.glob("*.txt"))
    assert len(articles) == 3, f"expected the three sample articles in {ARTICLES}"
    texts = []
    for article in articles:
        content = article.read_text(encoding="utf-8")
        texts.append(content)
        texts.extend(RE_BLANK_LINES.split(content))
        texts.extend(content.split("\n"))
    assert any(char in ORIGINAL.emojis for char in "".join(texts)), "the articles lost their emoji"
    assert mismatches(texts) == []


# Pieces for the random corpus: every rule of VADER has pieces that trigger it.
LEXICON_WORDS: list[str] = sorted(ORIGINAL.lexicon)
# Pairs whose valences differ by exactly 2x, so "x ... but ... y" hits the list.index() quirk.
TWINS: list[tuple[str, str]] = sorted(
    (word, half)
    for word, value in ORIGINAL.lexicon.items()
    for half in ("accept", "adequate", "advantaged", "admits", "agreed")
    if value == ORIGINAL.lexicon[half] * 2 and word.isalpha()
)
NEGATIONS = [*NEGATE, "isn't", "DON'T", "wouldn't", "Ain't", "xn't", "n't", "NOT"]
PHRASES = [
    "no {w}",
    "no {w} or {w}",
    "no {w} nor {w}",
    "no no {w}",
    "never so {w}",
    "never this {w}",
    "never {x} so {w}",
    "without doubt {w}",
    "without a doubt {w}",
    "without any doubt {w}",
    "least {w}",
    "at least {w}",
    "very least {w}",
    "the least {w}",
    "kind of {w}",
    "KIND OF {w}",
    "kind {w}",
    "sort of {w}",
    "just enough {w}",
    "{w} but {w}",
    "{w} {w} but {w} {w}",
    "{t0} but {t1}",
    "{t0} {t1} but {x}",
    "{w} BUT {x}",
    "this is {x} so {w}",
    "{x} {x} this {w}",
    "{w} :) {w} :D",
    "{w} :-( {w}",
]
IDIOMS = [*SPECIAL_CASES, *SENTIMENT_LADEN_IDIOMS, "THE BOMB", "The Shit", "BAD ASS"]
EMOTICONS = [":)", ":-(", ":D", ":(", ";)", "<3", ":'(", "xD", "(:", "):", ":-)", ":P", "</3"]
VADER_EMOJI: list[str] = sorted(ORIGINAL.emojis)
OTHER_EMOJI = [
    "🇧🇪",
    "🇯🇵",
    "⚽️",
    "⚽",
    "👍🏽",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "❤️",
    "☺️",
    "\ufe0f",
    "\u200d",
    "🫠",
    "🏴󠁧󠁢󠁥󠁮󠁧󠁿",
]
PUNCTUATION = ["!", "!!!!!", "???", "?!", "?", "...", "…", "—", ",", ".", "'", '"', "-", "#", "@"]
WRAPPERS = ["({w})", "'{w}'", '"{w}"', "{w}!!!", "...{w}", "#{w}", "@{w}", "{w}.", "-{w}-", "{w}?!"]
MISC = [
    "2-1",
    "90+4'",
    "3",
    "1000000",
    "https://t.co/Ab12Cd",
    "http://example.com/good?x=1",
    "#BELJPN",
    "#WorldCup",
    "@Hazard10",
    "@BBCSport:",
    "Größte",
    "ΟΔΟΣ",
    "ΣΟΦΟΣ.",
    "İstanbul",
    "日本代表",
    "سعيد",
    "très bien",
    "ﬁne",
    "ß",
    "a",
    "I",
    "ok",
    "&amp;",
    "RT",
]
SEPARATORS = [" "] * 12 + ["", "  ", "\n", "\t", "\u00a0", "\u3000", "\r\n", " \n "]


def random_case(word: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return word
    if roll < 0.7:
        return word.upper()
    if roll < 0.85:
        return word.title()
    return "".join(c.upper() if rng.random() < 0.5 else c for c in word)


def random_piece(rng: random.Random) -> str:
    def word() -> str:
        return random_case(rng.choice(LEXICON_WORDS), rng)

    kind = rng.random()
    if kind < 0.30:
        return word()
    if kind < 0.40:
        return random_case(rng.choice(list(BOOSTER_DICT)), rng)
    if kind < 0.47:
        return random_case(rng.choice(NEGATIONS), rng)
    if kind < 0.60:
        t0, t1 = rng.choice(TWINS)
        if rng.random() < 0.5:
            t0, t1 = t1, t0
        phrase = rng.choice(PHRASES)
        return phrase.format(w=word(), x=rng.choice(MISC), t0=t0, t1=t1)
    if kind < 0.65:
        return random_case(rng.choice(IDIOMS), rng)
    if kind < 0.70:
        return rng.choice(EMOTICONS)
    if kind < 0.78:
        return rng.choice(VADER_EMOJI)
    if kind < 0.82:
        return rng.choice(OTHER_EMOJI)
    if kind < 0.87:
        return rng.choice(PUNCTUATION)
    if kind < 0.93:
        return rng.choice(WRAPPERS).format(w=word())
    return random_case(rng.choice(MISC), rng)


def random_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.001:
        count = rng.randint(200, 800)
    elif roll < 0.01:
        return rng.choice(["", " ", "\n\t ", "\u3000", "   \r\n"])
    else:
        count = rng.randint(1, 14)
    text = random_piece(rng)
    for _ in range(count - 1):
        text += rng.choice(SEPARATORS) + random_piece(rng)
    return text


def random_corpus(size: int, *, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [random_text(rng) for _ in range(size)]


def test_twins_exist_for_the_but_quirk() -> None:
    assert ("best", "accept") in TWINS


@pytest.mark.slow
def test_seeded_random_corpus() -> None:
    corpus = random_corpus(RANDOM_CORPUS_SIZE, seed=RANDOM_SEED)
    # guard against a corpus that would agree trivially (all empty, all neutral)
    scored = [ORIGINAL.polarity_scores(text)["compound"] for text in corpus[:2000]]
    assert sum(1 for compound in scored if compound != 0) > 1500
    assert sum(1 for text in corpus if " but " in f" {text.lower()} ") > 1000
    assert mismatches(corpus) == []


lexicon_pieces = st.sampled_from(LEXICON_WORDS).flatmap(
    lambda w: st.sampled_from([w, w.upper(), w.title()])
)
phrase_pieces = st.builds(
    lambda phrase, w, x, twins: phrase.format(w=w, x=x, t0=twins[0], t1=twins[1]),
    st.sampled_from(PHRASES),
    lexicon_pieces,
    st.sampled_from(MISC),
    st.sampled_from(TWINS),
)
mixed_pieces = st.one_of(
    lexicon_pieces,
    phrase_pieces,
    st.sampled_from(list(BOOSTER_DICT) + NEGATIONS + IDIOMS + ["but", "BUT", "no", "least"]),
    st.sampled_from(EMOTICONS + VADER_EMOJI + OTHER_EMOJI + PUNCTUATION),
    st.sampled_from(WRAPPERS).flatmap(lambda wrap: lexicon_pieces.map(lambda w: wrap.format(w=w))),
    st.text(max_size=3),
)
mixed_texts = st.lists(st.tuples(mixed_pieces, st.sampled_from(SEPARATORS)), max_size=25).map(
    lambda pairs: "".join(piece + sep for piece, sep in pairs)
)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_arbitrary_text_agrees(text: str) -> None:
    assert mismatches([text]) == []


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_texts)
def test_mixed_vader_text_agrees(text: str) -> None:
    assert mismatches([text]) == []
