"""The texts the scorer is timed and checked on: labelled sets, the generator's tweets, the samples, a mix.

Shared by benchmarks/bench_scorer.py (time per distinct text) and
tests/test_sentiment_identity.py (every Score field of every text against a committed
digest), so the texts that are timed are the texts that are proved unchanged.

- ``groundtruth``: the 4,200 texts of VADER's tweet ground truth (data/vader-groundtruth);
- ``football``: the distinct texts of the 2014 World Cup labelled tweets (data/football-labelled);
- ``synthetic``: the distinct original tweets of a seeded BEL-JPN stream from
  ``analyzer.synthetic`` (realistic length: several sentences, links, hashtags, replies, emoji);
  the benchmark writes them afresh, the identity test reads the first 5,000 as the generator
  wrote them on 2026-12-03 (tests/data/synthetic_texts.jsonl.gz), so that a change to the
  generator does not pass for a change to the scorer;
- ``sample``: the texts of the committed example (reports/BEL-JPN/records.jsonl), read from
  the three sample articles;
- ``mixed``: seeded random texts built from the pieces each layer of the scorer looks for
  (lexicon and phrase words, boosters and negations, stretched words, camel-case and team
  hashtags, emoji with skin tones and joiners, flags, capitals, links, mentions, dots,
  curly apostrophes, letters that lower-case to two code points), so that every fast path
  meets the texts it must leave alone.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

from analyzer.evaluate import (
    FOOTBALL_FILE,
    GROUND_TRUTH_FILE,
    default_data_dir,
    read_football,
    read_ground_truth,
)
from analyzer.matches import shipped
from analyzer.synthetic import write_stream

REPO = Path(__file__).resolve().parents[1]
SAMPLE_RECORDS = REPO / "reports" / "BEL-JPN" / "records.jsonl"
SYNTHETIC_SNAPSHOT = REPO / "tests" / "data" / "synthetic_texts.jsonl.gz"
SYNTHETIC_MATCH = "BEL-JPN"
SYNTHETIC_SEED = 2018
SYNTHETIC_TWEETS = 20_000
MIXED_SEED = 15
MIXED_TEXTS = 5_000
CORPORA = ("groundtruth", "football", "synthetic", "sample", "mixed")

# The pieces of the mixed corpus. Each is something one layer or rule reacts to.
_WORDS = (
    "goal", "GOAL", "great", "bad", "good", "not", "no", "never", "so", "this", "but", "BUT",
    "kind", "of", "at", "least", "very", "without", "doubt", "isn't", "don't", "can’t",
    "sort", "of", "the", "bomb", "cut", "the", "mustard", "yeah", "right", "win", "lost",
    "Belgium", "Japan", "ref", "robbed", "bottled", "clinical", "world-class", "top", "bins",
    "what", "a", "goal", "own", "goal", "let's", "lets", "go", "its", "coming", "home",
    "İstanbul", "ŞAHANE", "straße", "café", "extremely", "absolutely", "barely", "hardly",
    "love", "hate", "LOL", "lmao", "ugh", "meh", "wow", "!", "?", "...", ":)", ":(", ":D",
    "</3", "<3", "2-0", "90+4'", "1st", "&amp;", "&#39;", "—", "…",
)  # fmt: skip
_STRETCHED = (
    "GOOOOAL", "gooooal", "noooo", "NOOOOO", "yesssss", "YESSSS", "wowww", "sooooo",
    "buuuut", "Goooood", "baaaad", "loooove", "zzz", "www", "İİİ", "ßßß", "ooohhh",
)  # fmt: skip
_HASHTAGS = (
    "#ItsComingHome", "#WhatAGoal", "#WorldCup", "#WorldCup2018", "#BELJPN", "#NEDvsESP",
    "#love", "#LOL", "#Bélgica", "#RedDevils", "#SamuraiBlue", "#FIFAWorldCup", "#WC2018",
    "#EnglandvsUruguay", "#heartBroken", "#a#b", "&#Tag", "x#CamelCase", "#",
)  # fmt: skip
_EMOJI = (
    "😂", "😭", "🔥", "⚽", "⚽️", "❤", "❤️", "👍🏽", "👏🏻", "🙌", "💔", "😍", "😡", "🤦‍♂️",
    "👨‍👩‍👧", "🇧🇪", "🇯🇵", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "🏻", "1️⃣", "#️⃣", "☺", "✌️", "🏟", "💯", "😱", "🙏",
    "\ufe0f", "\u200d", "©", "™",
)  # fmt: skip
_OTHERS = (
    "@FIFAWorldCup", "@user_1", "https://t.co/abc123", "http://x.y/z", "www.example.com",
    "RT @BBCSport:", "HOME...woohoo", "lost..gutted", "U.S.A", "t.co", "\n", "\n\n", "  ",
    "que", "der", "les", "Vamos", "ça", "日本", "がんばれ日本", "Россия", "é", "’",
)  # fmt: skip


def ground_truth_texts(data_dir: Path | None = None) -> list[str]:
    data_dir = data_dir if data_dir is not None else default_data_dir()
    return list(dict.fromkeys(row.text for row in read_ground_truth(data_dir / GROUND_TRUTH_FILE)))


def football_texts(data_dir: Path | None = None) -> list[str]:
    data_dir = data_dir if data_dir is not None else default_data_dir()
    return list(dict.fromkeys(row.text for row in read_football(data_dir / FOOTBALL_FILE)))


def synthetic_texts(tweets: int = SYNTHETIC_TWEETS, *, seed: int = SYNTHETIC_SEED) -> list[str]:
    """The distinct texts of a seeded stream with no retweets (v1.1: ``full_text``)."""
    buffer = io.StringIO()
    match = shipped().find(SYNTHETIC_MATCH)
    write_stream(buffer, match, tweets=tweets, retweets=0.0, seed=seed)
    lines = buffer.getvalue().splitlines()
    return list(dict.fromkeys(json.loads(line)["full_text"] for line in lines))


def synthetic_snapshot_texts() -> list[str]:
    """The first 5,000 of ``synthetic_texts()`` as the generator wrote them on 2026-12-03."""
    lines = gzip.decompress(SYNTHETIC_SNAPSHOT.read_bytes()).decode("utf-8").splitlines()
    return [str(json.loads(line)) for line in lines]


def sample_texts() -> list[str]:
    lines = SAMPLE_RECORDS.read_text(encoding="utf-8").splitlines()
    return list(dict.fromkeys(str(json.loads(line)["text"]) for line in lines))


def mixed_texts(count: int = MIXED_TEXTS, *, seed: int = MIXED_SEED) -> list[str]:
    """Seeded random texts from pieces every layer reacts to, glued by spaces or not at all."""
    rng = random.Random(seed)
    pools = (_WORDS, _WORDS, _WORDS, _STRETCHED, _HASHTAGS, _EMOJI, _OTHERS)
    texts = []
    for _ in range(count):
        pieces = [rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 14))]
        glue = rng.choice((" ", " ", " ", "", "-", " ! "))
        text = glue.join(pieces)
        if rng.random() < 0.15:
            text = text.upper()
        texts.append(text)
    return list(dict.fromkeys(texts))


def corpus(name: str) -> list[str]:
    """The distinct texts of the corpus called ``name`` (one of ``CORPORA``)."""
    if name == "groundtruth":
        return ground_truth_texts()
    if name == "football":
        return football_texts()
    if name == "synthetic":
        return synthetic_snapshot_texts()
    if name == "sample":
        return sample_texts()
    if name == "mixed":
        return mixed_texts()
    raise ValueError(f"no corpus called {name!r}; the corpora: {', '.join(CORPORA)}")
