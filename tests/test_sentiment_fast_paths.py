"""The scorer's shortcuts give what the plain way gives: each against the plain way, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.sentiment.football import _grouped_alternation, _phrase_pattern, football_lexicon
from analyzer.sentiment.normalise import (
    RE_GLUED_BY_DOTS,
    RE_LETTER_RUN,
    has_letter_run,
    space_glued_words,
)

PHRASES = sorted(football_lexicon().phrases, key=len, reverse=True)
BOUNDED = r"(?<![\w#@'’])(?:{})(?![\w'’])"
PLAIN = "|".join(_phrase_pattern(phrase) for phrase in PHRASES)
GROUPED = _grouped_alternation(PHRASES)
# Pieces of phrases, whole phrases and what sits around them: the texts where they could differ.
PIECES = st.sampled_from(
    [*PHRASES, *{w for p in PHRASES for w in p.split()}, " ", "-", "'", "’", "#", "@", "x", "."]
)
TEXTS = st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=40)


def test_the_phrases_are_grouped() -> None:
    assert GROUPED != PLAIN  # the shortcut is taken for the shipped lexicon
    assert GROUPED.count("(?:") < PLAIN.count("|")


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.booleans())
def test_grouped_phrases_match_where_the_plain_alternation_does(text: str, upper: bool) -> None:
    text = text.upper() if upper else text
    for flags in (0, re.IGNORECASE):
        plain = re.compile(BOUNDED.format(PLAIN), flags)
        grouped = re.compile(BOUNDED.format(GROUPED), flags)
        assert [m.span() for m in grouped.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


def test_a_phrase_that_starts_with_no_letter_leaves_the_alternation_plain() -> None:
    phrases = ["'tis the season", "what a goal"]
    assert _grouped_alternation(phrases) == "|".join(map(_phrase_pattern, phrases))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["HOME", "woohoo", ".", "..", "...", "…", " ", "1", "é"])).map("".join)
)
def test_glued_words_are_parted_as_the_pattern_alone_parts_them(text: str) -> None:
    assert space_glued_words(text) == RE_GLUED_BY_DOTS.sub(r"\1 ", text)


LETTERISH = st.sampled_from(
    [
        "a",
        "A",
        "o",
        "O",
        "s",
        "k",
        "K",
        "ſ",
        "\u212a",
        "İ",
        "i",
        "ß",
        "é",
        "É",
        "ö",
        "😂",
        "🇧🇪",
        "\ufe0f",
        " ",
        "!",
        "1",
        "_",
        "Ⓐ",
        "ⓐ",
        "日",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(LETTERISH, max_size=12).map("".join) | st.text(max_size=30))
def test_a_letter_run_is_found_as_the_unicode_pattern_finds_it(text: str) -> None:
    assert has_letter_run(text) == (RE_LETTER_RUN.search(text) is not None)
