"""The fast emoji finder finds exactly what the emoji package finds."""

from __future__ import annotations

import random
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

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


def test_threads_that_meet_the_emoji_package_fresh_find_every_emoji(monkeypatch) -> None:
    # The package builds its search tree on first use, filling a shared dict in place: a
    # thread that reads it half-built finds no emoji. A Dask worker with two threads did,
    # and its "❤️❤️❤️" tweets lost their hearts for the rest of the run (a CI failure).
    from analyzer.sentiment import emojis

    monkeypatch.setattr(emoji.tokenizer, "_SEARCH_TREE", {})
    monkeypatch.setattr(emojis, "_package_ready", False)
    texts = [f"run {i} " + "".join(random.Random(i).sample(ALL_EMOJI, 3)) for i in range(200)]
    threads = 4
    start = threading.Barrier(threads)

    def find_all(_: int) -> list[list[tuple[int, int, str]]]:
        start.wait()
        return [emoji_matches(text) for text in texts]

    switch = sys.getswitchinterval()
    emojis._in_run.cache_clear()
    sys.setswitchinterval(1e-6)  # hand the GIL over often, as a loaded machine does
    try:
        with ThreadPoolExecutor(threads) as pool:
            found = list(pool.map(find_all, range(threads)))
    finally:
        sys.setswitchinterval(switch)
        emojis._in_run.cache_clear()  # what a losing thread remembered must not outlive the test
    expected = [package(text) for text in texts]
    assert all(len(e) == 3 for e in expected)
    for each in found:
        assert each == expected
