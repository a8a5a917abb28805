"""The words of a minute: terms_of reads a text as its first, plainer patterns did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.timeline.terms import (
    MIN_WORD_LENGTH,
    RE_ELONGATION,
    RE_WORD,
    STOP_WORDS,
    hashtags_of,
    terms_of,
)

# The patterns as first written: "\b" and look-behinds before the literal, IGNORECASE links.
PLAIN_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\bpic\.twitter\.com/\S+", re.IGNORECASE)
PLAIN_MENTION = re.compile(r"(?<![\w@])@\w+")
PLAIN_HASHTAG = re.compile(r"(?<![\w#&])#(\w+)")


def plain_terms_of(text: str) -> list[str]:
    text = PLAIN_URL.sub(" ", text.lower().replace("\u2019", "'"))
    text = PLAIN_HASHTAG.sub(" ", PLAIN_MENTION.sub(" ", text))
    words = (w.rstrip("'") for w in RE_WORD.findall(RE_ELONGATION.sub(r"\1\1", text)))
    return [w for w in words if len(w) >= MIN_WORD_LENGTH and w not in STOP_WORDS]


# Pieces of tweets where the patterns can differ: links in every case and with look-alike
# letters (dotless i, long s, Kelvin sign, dotted capital I), glued mentions and hashtags,
# apostrophes, elongations, and any other text.
PIECES = st.sampled_from([
    "https://t.co/x", "HTTP://A.b", "httpſ://x", "ſ", "ı", "İ", "K", "www.fifa.com", "WWW.x",
    "pic.twitter.com/a", "PIC.TWİTTER.COM/b", "pıc.twıtter.com/c", "@fifa", "@@x", "a@b",
    "#BELJPN", "##x", "&#38;", "a#b", "x#", "#1", "GOOOOAL", "sooo", "don't", "it’s", "'",
    " ", "\n", "_", "9", "é", "🔥", "xhttps://y", "_www.z", "1pic.twitter.com/q", "@#a", "#@a",
])  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=12).map("".join)


@settings(max_examples=1000)
@given(TEXTS)
def test_terms_are_what_the_plain_patterns_find(text: str) -> None:
    assert terms_of(text) == plain_terms_of(text)


@settings(max_examples=300)
@given(TEXTS)
def test_hashtags_are_what_the_plain_pattern_finds(text: str) -> None:
    assert hashtags_of(text) == PLAIN_HASHTAG.findall(text)


def test_terms_leave_out_links_mentions_hashtags_and_stop_words() -> None:
    text = "GOOOOAL!!! Inui 🔥 #BELJPN @FIFAcom https://t.co/x HTTPſ://y it's a beauty"
    assert terms_of(text) == ["gooal", "inui", "beauty"]
