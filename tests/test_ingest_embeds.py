"""Embedded tweets in article text: every one of the 17 in the sample, and the rules on small texts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.embeds import find_embeds
from analyzer.ingest.layout import Layout

from .conftest import ARTICLE_WITH_TWEETS

# (handle, display name, how the text starts, how it ends, picture link) for all 17 tweets.
SAMPLE_TWEETS = [
    ("FOXSoccer", "FOX Soccer", "JAPAN ARE OUT IN FRONT!\n\nHaraguchi gets", "put the underdogs up 1-0.", "pic.twitter.com/UG3bVzd5rx"),
    ("FOXSoccer", "FOX Soccer", "Who saw this coming?!\n\nInui hits a rocket", "up 2-0 on Belgium! 🇯🇵", "pic.twitter.com/Bw2famzZiR"),
    ("SiriusXMFC", "SiriusXM FC 157 ⚽️📻", "GOLAZO GOLAZO GOLAZO #JPN!", "IT'S ALL HAPPENING!\n\nJAPAN LEAD 2-0!", "pic.twitter.com/AvBBYT0Ryg"),
    ("Futfanatico", "MISTER Minúsculo Vandálico Plaga", "YESSSSSSSSSSS INUI", "YESSSSSSSSS CHAOS!!!!!", None),
    ("KiyanSo", "Kiyan Sobhani", "I'm just glad that the entire world", "Real Betis swooping in with a bargain", None),
    ("SquawkaNews", "Squawka News", "So good you can read his name", "whichever way you look at it. 🙃", "pic.twitter.com/bgUb6UFMF3"),
    ("SoccerByIves", "Ives Galarcep", "WHOA!! GOAL JAPAN!!", "sweet build-up before it. Japan is BALLING", None),
    ("KiyanSo", "Kiyan Sobhani", "this World Cup", "this World Cup", "pic.twitter.com/IXXoUuhMjD"),
    ("FOXSoccer", "FOX Soccer", "Vertonghen pulls one back for Belgium!", "for Belgium!\n\nGAME ON!", "pic.twitter.com/KIO2uwDaDU"),
    ("FOXSoccer", "FOX Soccer", "FELLAINI EQUALIZES!\n\nThe big man", "pull Belgium back level with Japan.", "pic.twitter.com/syoltmR0DI"),
    ("FOXSoccer", "FOX Soccer", "We dare you to find a better counterattack!\n\nChadli finishes", "late in stoppage time. 🔥🔥🔥", "pic.twitter.com/lbUxZDzG0E"),
    ("SpencerOwen", "Spencer FC", "Heartbreak for Japan. Last minute winner for Belgium.\n\nBoth subs", "at 2-0 down.\n\nBuzzing for Brazil vs Belgium!", None),
    ("samuelluckhurst", "Samuel Luckhurst", "Didn’t want the world to be denied", "One of the great World Cup halves. #BELJPN", None),
    ("IanDarke", "Ian Darke", "Another great game at a marvellous World Cup.", "Credit Belgium for fightback.", None),
    ("joeyrasdien", "Yusuf Rasdien", "Who would have thought that Japan vs Belgium", "most entertaining game at the World Cup so far.", None),
    ("FuchsOfficial", "Christian Fuchs", "What a game. Big respect", "for an insane game!!! #WC2018", None),
    ("bumpypitch", "bumpypitch", "I would like to thank Japan and Belgium", "the incredible entertainment they have provided us today.", None),
]  # fmt: skip


@pytest.fixture(scope="module")
def sample_embeds():
    return find_embeds(Layout(ARTICLE_WITH_TWEETS.read_text(encoding="utf-8")))


def test_the_sample_article_holds_exactly_17_tweets(sample_embeds) -> None:
    assert len(sample_embeds) == 17


@pytest.mark.parametrize(("index", "expected"), list(enumerate(SAMPLE_TWEETS)))
def test_each_sample_tweet(sample_embeds, index, expected) -> None:
    handle, name, start, end, pic = expected
    embed = sample_embeds[index]
    assert embed.handle == handle
    assert embed.name == name
    assert embed.text.startswith(start)
    assert embed.text.endswith(end)
    assert embed.pic == pic
    assert embed.day == date(2018, 7, 2)
    assert "—" not in embed.text and "pic.twitter.com" not in embed.text


def test_a_tweet_never_swallows_the_article_prose_before_it(sample_embeds) -> None:
    text = " ".join(e.text for e in sample_embeds)
    for prose in ("Needless to say", "However, just as everyone", "Finally, in the fourth minute",
                  "That's the soccer equivalent", "Haraguchi's goal came off"):  # fmt: skip
        assert prose not in text


def test_the_start_offset_points_at_the_first_character_of_the_text(sample_embeds) -> None:
    source = ARTICLE_WITH_TWEETS.read_text(encoding="utf-8")
    for embed in sample_embeds:
        first_line = embed.text.split("\n")[0]
        assert source[embed.start : embed.start + len(first_line)] == first_line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one paragraph, signature on the same line
        ("Prose.\n\nWhat a goal! — A Fan (@fan) July 2, 2018", ["What a goal!"]),
        # paragraphs of one tweet are set apart by a wider gap than the article uses
        ("Prose one.\n\nProse two.\n\nLine one\n\n\n\nLine two — A (@a) Jul 2, 2018",
         ["Line one\n\nLine two"]),
        # the usual gap ends the tweet: "Prose two." stays prose
        ("Prose one.\n\nProse two.\n\nOnly this — A (@a) July 2, 2018", ["Only this"]),
        # two tweets in one paragraph: the second starts after the first signature
        ("First — A (@a) July 2, 2018 Second — B (@b) July 3, 2018", ["First", "Second"]),
        # an en dash in the prose before a signature does not join the name
        ("Saved – by the post. Great save — Keeper Fan (@kf) July 2, 2018", ["Saved – by the post. Great save"]),
        # not a signature: no handle, or no date
        ("Text — Somebody July 2, 2018", []),
        ("Text — Somebody (@some)", []),
    ],
)  # fmt: skip
def test_embed_rules(text: str, expected: list[str]) -> None:
    assert [e.text for e in find_embeds(Layout(text))] == expected


def test_an_impossible_date_keeps_the_tweet_without_a_day() -> None:
    [embed] = find_embeds(Layout("Hi — A (@a) February 30, 2018"))
    assert embed.text == "Hi" and embed.day is None


# Property: a well-formed embed inserted into arbitrary prose comes out whole.
PROSE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="—–\n@()"),
    max_size=80,
)
BODY = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "Zs"), whitelist_characters="!?.,#'"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")


@given(before=PROSE, body=BODY, after=PROSE)
def test_an_embed_in_any_prose_is_found_with_its_text(before: str, body: str, after: str) -> None:
    text = f"{before}\n\n{body} — Some Name (@handle_1) July 2, 2018\n\n{after}"
    embeds = find_embeds(Layout(text))
    assert [e.text for e in embeds] == [body.strip()]
    assert embeds[0].handle == "handle_1"


@given(st.text())
def test_the_finder_never_fails_on_any_text(text: str) -> None:
    for embed in find_embeds(Layout(text)):
        assert 0 <= embed.start <= embed.end <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A signature with nothing before it is still a tweet, without text (reported by the
        # article reader); it never takes the prose paragraph before it.
        ("— A (@a) July 2, 2018", [("", "a")]),
        ("Prose.\n\n— A (@a) July 2, 2018", [("", "a")]),
        ("One — A (@a) July 2, 2018 — B (@b) July 2, 2018", [("One", "a"), ("", "b")]),
    ],
)
def test_a_signature_without_text(text: str, expected: list[tuple[str, str]]) -> None:
    embeds = find_embeds(Layout(text))
    assert [(e.text, e.handle) for e in embeds] == expected
    assert all(text[e.signature :].startswith("—") for e in embeds)


# What hostile text holds: marks, joiners, combining marks, emoji, control characters.
HOSTILE_BODY = (
    st.lists(
        st.one_of(
            st.characters(whitelist_categories=("L", "N", "Zs", "Mn", "So", "Cf")),
            st.sampled_from(["\u200f", "\u200d", "\u0301", "😀", "🇯🇵", "👨\u200d👩\u200d👧", "\x00",
                             "\x07", "\x1b", "\t", "!", "#", "'", "’"]),
        ),
        min_size=1,
        max_size=60,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)  # fmt: skip


@given(before=PROSE, body=HOSTILE_BODY, after=PROSE)
def test_an_embed_with_hostile_characters_comes_out_whole(before, body, after) -> None:
    text = f"{before}\n\n{body} — Some Name (@handle_1) July 2, 2018\n\n{after}"
    assert [(e.text, e.handle) for e in find_embeds(Layout(text))] == [(body.strip(), "handle_1")]
