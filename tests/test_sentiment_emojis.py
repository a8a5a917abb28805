"""The fast emoji finder finds exactly what the emoji package finds."""

from __future__ import annotations

import random

import emoji
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.ingest import read_folder
from analyzer.sentiment.emojis import emoji_matches

from .conftest import SAMPLES

ALL_EMOJI = sorted(emoji.EMOJI_DATA)
# Pieces that make the package's tokenizer take its harder paths: joiners, selectors,
# skin tones, keycap parts, regional indicators and tag characters on their own.
PIECES = ["\u200d", "\ufe0f", "\ufe0e", "\U0001f3fb", "\U0001f3ff", "\u20e3", "#", "*", "1",
          "\U0001f1ef", "\U0001f1f5", "\U0001f3f4", "\U000e0067", "\U000e007f", " ", "a", "é", "、"]  # fmt: skip


def package(text: str) -> list[tuple[int, int, str]]:
    return [(m["match_start"], m["match_end"], m["emoji"]) for m in emoji.emoji_list(text)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no emoji at all",
        "Japan 🇯🇵 v Belgium 🇧🇪!!",
        "❤️❤ ⚽️⚽ 👍🏽👍",
        "family 👨‍👩‍👧 and 👨‍ a lone joiner‍",
        "keycaps 1️⃣ #️⃣ *️⃣ and 2-0 #JPN",
        "England 🏴󠁧󠁢󠁥󠁮󠁧󠁿 and a broken tag 🏴󠁧",
        "🔥🔥🔥GOOOAL🔥",
        "👩🏽‍🚀‍👨",
    ],
)
def test_tricky_texts(text: str) -> None:
    assert emoji_matches(text) == package(text)


def test_the_sample_records() -> None:
    for record in read_folder(SAMPLES).records:
        assert emoji_matches(record.text) == package(record.text)


def test_a_large_seeded_corpus() -> None:
    rng = random.Random(2018)
    for _ in range(3000):
        parts = [
            rng.choice(ALL_EMOJI) if rng.random() < 0.4 else rng.choice(PIECES)
            for _ in range(rng.randint(1, 12))
        ]
        text = "".join(parts)
        assert emoji_matches(text) == package(text), repr(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(ALL_EMOJI), st.sampled_from(PIECES), st.text(max_size=3)),
        max_size=15,
    )
)
def test_any_mix(parts: list[str]) -> None:
    text = "".join(parts)
    assert emoji_matches(text) == package(text)
