"""The benchmark's stream of real tweet texts: a v1.1 export the reader takes whole, every text distinct."""

from __future__ import annotations

import orjson

from analyzer.ingest import ReadOptions
from analyzer.ingest.base import Problems
from analyzer.ingest.twitter_v1 import read_twitter_v1
from benchmarks.real_stream import RETWEET_CUT, load_texts, write_real_stream


def test_the_labelled_file_gives_its_21343_texts():
    texts = load_texts()
    assert len(texts) == 21_343
    assert len(set(texts)) < len(texts)  # the file repeats some: the stream numbers each
    assert texts[0] == "Line of cocaine!! #soccer #WorldCup"


def test_a_stream_of_real_texts_reads_back_as_written(tmp_path):
    path = tmp_path / "stream.jsonl"
    written = write_real_stream(path, tweets=2_000, retweets=0.3, seed=3)
    assert written.tweets == 2_000 and 450 < written.retweets < 750
    lines = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    assert len(lines) == 2_000
    originals = [t for t in lines if "retweeted_status" not in t]
    retweets = [t for t in lines if "retweeted_status" in t]
    assert len(retweets) == written.retweets
    texts = [t["full_text"] for t in originals]
    assert len(set(texts)) == len(texts)  # each distinct: scored as new, as in a real stream
    assert texts[0] == "Line of cocaine!! #soccer #WorldCup 1"
    first = originals[0]["entities"]["hashtags"]
    assert [(h["text"], h["indices"]) for h in first] == [
        ("soccer", [18, 25]),
        ("WorldCup", [26, 35]),
    ]
    seen = set()
    for tweet in lines:
        if "retweeted_status" in tweet:
            original = tweet["retweeted_status"]
            assert original["id_str"] in seen  # a retweet repeats an earlier tweet
            assert tweet["full_text"].startswith(f"RT @{original['user']['screen_name']}: ")
            assert len(tweet["full_text"]) <= RETWEET_CUT
        seen.add(tweet["id_str"])
    times = [t["created_at"] for t in lines]
    assert times[0] == "Mon Jul 02 17:15:00 +0000 2018"

    problems = Problems(str(path))
    with path.open(encoding="utf-8") as stream:
        records = list(
            read_twitter_v1(stream, path=path.name, options=ReadOptions(), problems=problems)
        )
    assert len(records) == 2_000
    assert sum(r.is_retweet for r in records) == written.retweets
    assert records[0].hashtags == ("soccer", "WorldCup")
    assert records[0].posted_at is not None and records[-1].posted_at is not None
    assert records[0].posted_at < records[-1].posted_at
    # A retweet's record carries the original's whole text, not the cut "RT @..." one.
    retweet = next(r for r in records if r.is_retweet)
    assert not retweet.text.startswith("RT @")


def test_the_same_arguments_give_the_same_bytes(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    write_real_stream(one, tweets=500, retweets=0.6, seed=9)
    write_real_stream(two, tweets=500, retweets=0.6, seed=9)
    assert one.read_bytes() == two.read_bytes()
