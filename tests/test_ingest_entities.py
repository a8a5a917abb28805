"""Hashtags, mentions and links found in a tweet's text, and the API's escapes undone."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.entities import RE_HASHTAG, RE_LINK, RE_MENTION, text_entities, unescape


@pytest.mark.parametrize(
    ("text", "hashtags", "mentions", "links"),
    [
        ("#WorldCup #JPN!", ["WorldCup", "JPN"], [], []),
        ("#1 #2018 a#b ##x &#39; #日本", ["日本"], [], []),  # a letter needed, not in a word
        ("@FIFAWorldCup: @a_b", [], ["FIFAWorldCup", "a_b"], []),
        ("x@y.com @@a @abcdefghijklmnopq", [], [], []),  # an address, a doubled @, 16 letters
        ("see https://t.co/x. and http://a b", [], [], ["https://t.co/x.", "http://a"]),
        ("pic.twitter.com/UG3 x.pic.twitter.com/a apic.twitter.com/b", [], [],
         ["pic.twitter.com/UG3"]),
    ],
)  # fmt: skip
def test_entities(text, hashtags, mentions, links) -> None:
    assert text_entities(text) == (tuple(hashtags), tuple(mentions), tuple(links))


def test_unescape_undoes_only_the_apis_three_entities() -> None:
    assert (
        unescape("a &amp; b &lt;3 &gt; &quot;x&quot; &amp;lt;") == "a & b <3 > &quot;x&quot; &lt;"
    )


# The patterns as first written, with the look-behind first: the same matches, slower.
REFERENCE = [
    (RE_HASHTAG, re.compile(r"(?<![\w#&])#(\w*[^\W\d_]\w*)")),
    (RE_MENTION, re.compile(r"(?<![\w@])@(\w{1,15})\b")),
    (RE_LINK, re.compile(r"(?:https?://|(?<![\w.])pic\.twitter\.com/)\S+")),
]
PIECES = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["#", "@", "&", ".", "_", "1", "é", " ", "https://", "pic.twitter.com/"]),
    ),
    max_size=30,
).map("".join)


@given(PIECES)
def test_the_patterns_match_as_first_written(text: str) -> None:
    for pattern, reference in REFERENCE:
        assert pattern.findall(text) == reference.findall(text)
