"""A stream of real football tweet texts for the benchmark: the repo's 21,343 World Cup 2014 tweets as Twitter API v1.1 JSON Lines.

The generator's texts are made up; these are what fans wrote in 2014 (links, hashtags,
replies, several sentences; mean 86 characters, median 84: shorter than the issue's 2019 and
2022 streams, mean 109, since most were written under the 140-character limit). Each original
tweet takes the next text of data/football-labelled/fifa2014_train.tsv in turn with its
number after it (`` 17``), so every text is distinct (the file repeats some) and is scored
as new, as in a real stream; it is posted at an even pace over BEL-JPN's three hours (17:15 to 20:15 UTC) by one
of a few thousand accounts. A share of the tweets are retweets of a recent one, written as
the v1.1 API does (``RT @handle: `` cut at 140 characters, the original in
``retweeted_status``). The same arguments give the same bytes.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from analyzer.synthetic import snowflake

TEXTS = Path(__file__).resolve().parents[1] / "data" / "football-labelled" / "fifa2014_train.tsv"
START = datetime(2018, 7, 2, 17, 15, tzinfo=UTC)  # 1 h 45 min before BEL-JPN's kick-off
DURATION_MS = 3 * 60 * 60 * 1000
ACCOUNTS = 5_000
# Retweets repeat one of the last this many originals (retweets come soon after).
RECENT = 500
RETWEET_CUT = 140  # characters of "RT @handle: ..." a v1.1 retweet's own text keeps
TIME_FORMAT = "%a %b %d %H:%M:%S +0000 %Y"

RE_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
RE_MENTION = re.compile(r"(?<!\w)@(\w{1,15})")
RE_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True)
class Written:
    tweets: int
    retweets: int


def load_texts(path: Path = TEXTS) -> list[str]:
    """The labelled file's tweet texts, in file order."""
    with path.open(encoding="utf-8", newline="") as stream:
        return [row["tweet"] for row in csv.DictReader(stream, delimiter="\t") if row["tweet"]]


def write_real_stream(path: Path, *, tweets: int, retweets: float, seed: int) -> Written:
    """Write ``tweets`` tweets (a ``retweets`` share of them retweets) to ``path``."""
    texts = load_texts()
    rng = random.Random(seed)
    recent: list[dict[str, Any]] = []
    originals = retweeted = 0
    with path.open("wb") as out:
        lines: list[bytes] = []
        for number in range(tweets):
            ms = int(START.timestamp() * 1000) + number * DURATION_MS // tweets
            author = rng.randrange(ACCOUNTS)
            if recent and rng.random() < retweets:
                tweet = _retweet(rng.choice(recent), ms, number, author)
                retweeted += 1
            else:
                text = f"{texts[originals % len(texts)]} {originals + 1}"
                tweet = _tweet(text, ms, number, author)
                originals += 1
                recent.append(tweet)
                if len(recent) > RECENT:
                    del recent[0]
            lines.append(orjson.dumps(tweet, option=orjson.OPT_APPEND_NEWLINE))
            if len(lines) >= 10_000:
                out.write(b"".join(lines))
                lines.clear()
        out.write(b"".join(lines))
    return Written(tweets, retweeted)


def _user(author: int) -> dict[str, Any]:
    return {
        "id": 10_000_000 + author,
        "id_str": str(10_000_000 + author),
        "name": f"Supporter {author}",
        "screen_name": f"supporter{author}",
    }


def _entities(text: str) -> dict[str, Any]:
    return {
        "hashtags": [{"text": m.group(1), "indices": list(m.span())} for m in RE_HASHTAG.finditer(text)],
        "symbols": [],
        "user_mentions": [
            {"screen_name": m.group(1), "indices": list(m.span())} for m in RE_MENTION.finditer(text)
        ],
        "urls": [{"url": m.group(), "expanded_url": m.group(), "indices": list(m.span())}
                 for m in RE_URL.finditer(text)],
    }  # fmt: skip


def _tweet(text: str, ms: int, number: int, author: int) -> dict[str, Any]:
    tweet_id = snowflake(ms, number)
    return {
        "created_at": datetime.fromtimestamp(ms / 1000, UTC).strftime(TIME_FORMAT),
        "id": tweet_id,
        "id_str": str(tweet_id),
        "full_text": text,
        "truncated": False,
        "display_text_range": [0, len(text)],
        "entities": _entities(text),
        "user": _user(author),
        "lang": "en",
        "retweet_count": 0,
        "favorite_count": 0,
    }


def _retweet(original: dict[str, Any], ms: int, number: int, author: int) -> dict[str, Any]:
    text = f"RT @{original['user']['screen_name']}: {original['full_text']}"[:RETWEET_CUT]
    tweet = _tweet(text, ms, number, author)
    tweet["retweeted_status"] = original
    return tweet
