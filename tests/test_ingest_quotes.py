"""Quotes in article text: who said what, in which role, and which quoted words are nobody's speech."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.layout import Layout
from analyzer.ingest.quotes import find_quotes
from analyzer.records import Role

from .conftest import ARTICLE_KLUIVERT, ARTICLE_TOKYO_FANS, ARTICLE_WITH_TWEETS


def quotes_in(path):
    return find_quotes(Layout(path.read_text(encoding="utf-8")))


def test_kluivert_former_player() -> None:
    [quote] = quotes_in(ARTICLE_KLUIVERT)
    assert quote.speaker.name == "Patrick Kluivert"
    assert quote.speaker.role is Role.FORMER_PLAYER
    assert quote.text.startswith("What a switch of the game")
    assert quote.text.endswith("until the end. Bravo.")


# (speaker, role, age, how the quote starts, how it ends, how the speaker was found)
TOKYO_QUOTES = [
    (
        "Shunji Suga",
        Role.FAN,
        None,
        "We had a really good chance.",
        "a great game of football",
        "after",
    ),
    (
        "Shunji Suga",
        Role.FAN,
        None,
        "I don’t think anyone was expecting",
        "heads held high.",
        "continuation",
    ),
    ("Nao Okada", Role.FAN, 21, "When we took the lead", "we were going to win", "after"),
    (
        "Nao Okada",
        Role.FAN,
        21,
        "It hurts, but it was",
        "keep playing hard next time.",
        "continuation",
    ),
    (
        "Kaneshita Misaki",
        Role.FAN,
        23,
        "That was a spirited battle.",
        "that was a good game.",
        "before",
    ),
    (
        "Nishino",
        Role.COACH,
        None,
        "I don’t think the players were to blame",
        "lost control of the game",
        "after",
    ),
    ("Nishino", Role.COACH, None, "When the goal was conceded", "I am devastated.", "continuation"),
    ("Kenta Saito", Role.FAN, 61, "Just a little bit more", "it was a harsh result", "after"),
]


def test_the_tokyo_article_has_eight_quotes_by_five_people() -> None:
    quotes = quotes_in(ARTICLE_TOKYO_FANS)
    assert len(quotes) == len(TOKYO_QUOTES)
    assert {q.speaker.name for q in quotes} == {
        "Shunji Suga",
        "Nao Okada",
        "Kaneshita Misaki",
        "Nishino",
        "Kenta Saito",
    }


@pytest.mark.parametrize(("index", "expected"), list(enumerate(TOKYO_QUOTES)))
def test_each_tokyo_quote(index, expected) -> None:
    name, role, age, start, end, method = expected
    quote = quotes_in(ARTICLE_TOKYO_FANS)[index]
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.age) == (name, role, age)
    assert quote.text.startswith(start) and quote.text.endswith(end)
    assert not quote.text.endswith(",")
    assert quote.method == method


def test_quoted_words_that_are_not_speech_are_not_quotes() -> None:
    texts = " ".join(q.text for q in quotes_in(ARTICLE_TOKYO_FANS))
    for not_speech in (
        "spasibo",
        "thank you",
        "Nebusoku Japan",
        "lack of sleep Japan",
        "Sorry Coach Nishino",
    ):
        assert not_speech not in texts


def test_the_article_with_tweets_has_no_quotes() -> None:
    assert quotes_in(ARTICLE_WITH_TWEETS) == []


@pytest.mark.parametrize(
    ("text", "name", "role", "age"),
    [
        ('“We were robbed,” said Japan coach Akira Nishino.', "Akira Nishino", Role.COACH, None),
        ('“Unbelievable,” Tom Smith, 34, a supporter from Leeds, said.', "Tom Smith", Role.FAN, 34),
        ('Former Japan midfielder Hidetoshi Nakata said: “They gave everything.”', "Hidetoshi Nakata", Role.FORMER_PLAYER, None),
        ('“Clinical finish,” said Gary Lineker, the pundit, after the game.', "Gary Lineker", Role.PUNDIT, None),
        ('“We go again,” said Belgium captain Eden Hazard.', "Eden Hazard", Role.PLAYER, None),
        ('"Straight quotes work too," said Kevin De Bruyne.', "Kevin De Bruyne", Role.UNKNOWN, None),
        ('“I cried,” said 19-year-old Yui Tanaka in Osaka.', "Yui Tanaka", Role.FAN, 19),
    ],
)  # fmt: skip
def test_attribution_patterns(text: str, name: str, role: Role, age: int | None) -> None:
    [quote] = find_quotes(Layout(text))
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.age) == (name, role, age)


def test_a_pronoun_continues_the_last_named_speaker() -> None:
    text = "“First,” said Nao Okada.\n\nLater, more. “Second,” she said."
    quotes = find_quotes(Layout(text))
    assert [(q.text, q.speaker.name, q.method) for q in quotes] == [
        ("First", "Nao Okada", "after"),
        ("Second", "Nao Okada", "pronoun"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The fans left a note saying “spasibo” which translates to “thank you”.",
        "The hashtag “Nebusoku Japan” was trending.",
        "Supporters tweeted “Sorry Coach Nishino”, apologising.",
        "“Heartbreak,” read the headline.",  # a headline is not a person
        "“A quote” with no attribution at all.",
        "He shouted “Go!” and the crowd roared as Japan said nothing.",
    ],
)
def test_quotes_nobody_is_named_for_are_not_records(text: str) -> None:
    assert find_quotes(Layout(text)) == []


def test_a_continuation_needs_an_attributed_paragraph_right_before() -> None:
    text = "“One,” said Nao Okada.\n\nThe bar emptied.\n\n“Two.”"
    assert [q.text for q in find_quotes(Layout(text))] == ["One"]


def test_quotes_inside_skipped_spans_are_left_to_the_tweets() -> None:
    text = "“Inside a tweet,” said Nao Okada.\n\n“Outside,” said Kenta Saito."
    quotes = find_quotes(Layout(text), skip=[(0, 10)])
    assert [q.speaker.name for q in quotes] == ["Kenta Saito"]


@given(st.text())
def test_the_finder_never_fails_on_any_text(text: str) -> None:
    for quote in find_quotes(Layout(text)):
        assert 0 <= quote.start < len(text)


NAME = st.sampled_from(
    ["Nao Okada", "Shunji Suga", "Kenta Saito", "Marie-Claire Dubois", "Kevin De Bruyne"]
)
SPOKEN = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "Zs"), whitelist_characters="'!?-"),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip() != "")
PROSE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters='“”"\n'), max_size=60
)


@given(before=PROSE, spoken=SPOKEN, name=NAME, after=PROSE)
def test_an_attributed_quote_in_any_prose_is_found_with_its_text(
    before, spoken, name, after
) -> None:
    text = f"{before}\n\n“{spoken},” said {name}.\n\n{after}"
    quotes = find_quotes(Layout(text))
    assert [(q.text, q.speaker.name) for q in quotes] == [(spoken.strip(), name)]


# Quotation marks left open, and quotes of several paragraphs.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The convention: each paragraph opens a quotation mark, only the last one closes.
        ("Intro.\n\n“We played well. We had chances.\n\n“But Belgium were better,” said Nishino."
         "\n\nThe end.",
         [("We played well. We had chances.\n\nBut Belgium were better", "Nishino", "after")]),
        ("Nishino said: “We played well.\n\n“We had chances.\n\n“But Belgium were better.”\n\nEnd.",
         [("We played well.\n\nWe had chances.\n\nBut Belgium were better.", "Nishino", "before")]),
        # Left open after an attributed quote: the same speaker goes on.
        ("“We lost,” said Nishino. “But we will be back.\n\n“Next time we win.”\n\nProse.",
         [("We lost", "Nishino", "after"),
          ("But we will be back.\n\nNext time we win.", "Nishino", "continuation")]),
        # An unclosed mark never takes in the paragraphs after it.
        ("“Unclosed, said Bob.\n\nNext paragraph “Hi,” said Ann.", [("Hi", "Ann", "after")]),
        ("Nishino said: “We played well.\n\nThe bar emptied after that.",
         [("We played well.", "Nishino", "before")]),
        # Named before the open mark and after the next paragraph's close: two speakers.
        ("Nishino said: “We played well.\n\n“It was a great game,” said Hazard.",
         [("We played well.", "Nishino", "before"), ("It was a great game", "Hazard", "after")]),
        ("“A, said nobody.\n\n“B.\n\nProse “C,” said Ann.", [("C", "Ann", "after")]),
        # A straight quotation mark left open (inches) is no quote.
        ('He is 6\'2" tall, said Bob.\n\n"Fine," said Ann.', [("Fine", "Ann", "after")]),
    ],
)  # fmt: skip
def test_open_quotation_marks(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(q.text, q.speaker.name, q.method) for q in find_quotes(Layout(text))] == expected


def test_a_quote_of_several_paragraphs_starts_at_its_first_word() -> None:
    text = "Intro.\n\n“ We played well.\n\n“But lost,” said Nishino."
    [quote] = find_quotes(Layout(text))
    assert text[quote.start :].startswith("We played well.")


# The same properties with what hostile text holds: marks, joiners, combining marks, emoji,
# control characters (record text is cleaned later, by the folder reader).
HOSTILE_SPOKEN = (
    st.lists(
        st.one_of(
            st.characters(whitelist_categories=("L", "N", "Zs", "Mn", "So")),
            st.sampled_from(["\u200f", "\u200e", "\u200d", "\u0301", "😀", "🇯🇵", "👨\u200d👩\u200d👧",
                             "\x00", "\x07", "\t", "’", "'", "!", "?"]),
        ),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)  # fmt: skip


@given(before=PROSE, spoken=HOSTILE_SPOKEN, name=NAME, after=PROSE)
def test_an_attributed_quote_with_hostile_characters_is_found_whole(
    before, spoken, name, after
) -> None:
    text = f"{before}\n\n“{spoken},” said {name}.\n\n{after}"
    assert [(q.text, q.speaker.name) for q in find_quotes(Layout(text))] == [(spoken.strip(), name)]


@given(before=PROSE, parts=st.lists(HOSTILE_SPOKEN, min_size=2, max_size=4), name=NAME, after=PROSE)
def test_a_quote_over_several_paragraphs_is_one_quote(before, parts, name, after) -> None:
    opened = "\n\n".join(f"“{part}" for part in parts[:-1])
    text = f"{before}\n\n{opened}\n\n“{parts[-1]},” said {name}.\n\n{after}"
    assert [(q.text, q.speaker.name) for q in find_quotes(Layout(text))] == [
        ("\n\n".join(part.strip() for part in parts), name)
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“What a game,” tweeted BBC 5 Live Sport.", "BBC 5 Live Sport"),
        ('"Japan were brilliant," wrote Sanket S Sanap.', "Sanket S Sanap"),
        ('"Japan were brilliant," wrote Sanket S. Sanap, a fan.', "Sanket S. Sanap"),
        ('"Unreal scenes," tweeted JOE.co.uk.', "JOE.co.uk"),
        ('"Oh no," said Okada 23 times.', "Okada"),
    ],
)
def test_prose_attributions_name_the_whole_account(text: str, speaker: str) -> None:
    [quote] = find_quotes(Layout(text))
    assert quote.speaker.name == speaker


@pytest.mark.parametrize(
    "text", ['"Oh no," one user said.', '"Oh no," the tweet read.', '"Oh no," another wrote.']
)
def test_unnamed_attributions_are_not_quotes(text: str) -> None:
    assert find_quotes(Layout(text)) == []
