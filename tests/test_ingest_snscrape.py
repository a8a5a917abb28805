"""snscrape JSON Lines: every version's text field, retweets, quotes, naive dates, missing dates."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.base import Problems, ReadOptions
from analyzer.ingest.snscrape import read_snscrape
from analyzer.records import TimeOrigin

from .conftest import DATA

SCRAPE = DATA / "streams" / "snscrape.jsonl"


def read(source: Path | str, **options) -> tuple[list, list[tuple[int | None, str]]]:
    problems = Problems("f")
    if isinstance(source, Path):
        stream = source.open(encoding="utf-8-sig", newline="")
    else:
        stream = io.StringIO(source, newline="")
    with stream:
        records = list(
            read_snscrape(stream, path="f", options=ReadOptions(**options), problems=problems)
        )
    return records, [(p.line, p.message) for p in problems.kept]


def test_the_scrape() -> None:
    records, problems = read(SCRAPE)
    assert [(r.source.line, r.author.handle, r.author.name, r.tweet_id) for r in records] == [
        (1, "ghent_goals", "Ghent Goals", "1013866638472814593"),
        (2, "nao_tokyo", "Nao", "1013868240697012226"),
        (3, "osaka_ultra", "大阪ウルトラ", "1013869918418681859"),
        (5, "nao_tokyo", "Nao", "1013874072876863488"),
        (6, "ghent_goals", "Ghent Goals", "1013874616039301120"),
    ]
    assert problems == [
        (
            4,
            "not an snscrape tweet: a JSON object with keys _type, username, id, displayname; "
            "skipped",
        )
    ]


def test_a_plain_tweet_with_snscrapes_own_lists() -> None:
    tweet = read(SCRAPE)[0][0]
    assert tweet.text == (
        "Vertonghen from an impossible angle. 1-2 and suddenly it's a game @BelRedDevils #BELJPN"
    )
    assert tweet.posted_at == datetime(2018, 7, 2, 19, 26, 58, tzinfo=UTC)
    assert tweet.time_origin is TimeOrigin.FIELD
    assert (tweet.hashtags, tweet.mentions, tweet.links) == (("BELJPN",), ("BelRedDevils",), ())
    assert (tweet.lang, tweet.is_retweet, tweet.quote_of) == ("en", False, None)


def test_a_retweet_is_kept_with_the_originals_text() -> None:
    retweet = read(SCRAPE)[0][1]
    assert (retweet.is_retweet, retweet.retweet_of) == (True, "1013868135839690753")
    assert (
        retweet.text == "Two headers, two goals. Japan's keeper has had a night to forget #BELJPN"
    )
    assert retweet.hashtags == ("BELJPN",)
    assert retweet.author.handle == "nao_tokyo"
    assert retweet.posted_at == datetime(2018, 7, 2, 19, 33, 20, tzinfo=UTC)


def test_a_quote_tweet_with_a_naive_date() -> None:
    quote = read(SCRAPE)[0][2]
    assert quote.quote_of == "1013866638472814593"
    assert quote.links == ("https://twitter.com/ghent_goals/status/1013866638472814593",)
    # "2018-07-02T21:40:00" says no zone: UTC unless the user names one.
    assert quote.posted_at == datetime(2018, 7, 2, 21, 40, tzinfo=UTC)
    brussels = read(SCRAPE, naive_timezone=ZoneInfo("Europe/Brussels"))[0]
    assert brussels[2].posted_at == datetime(2018, 7, 2, 19, 40, tzinfo=UTC)
    # Dates that carry an offset do not move with it.
    assert [r.posted_at for r in brussels if r is not brussels[2]] == [
        r.posted_at for r in read(SCRAPE)[0] if r.tweet_id != quote.tweet_id
    ]


def test_older_versions_text_fields_and_a_missing_date() -> None:
    records = read(SCRAPE)[0]
    rendered, content = records[3], records[4]
    assert rendered.text == "Going home with our heads high. ありがとう Samurai Blue"
    assert rendered.posted_at == datetime(2018, 7, 2, 19, 56, 30, 500000, tzinfo=UTC)
    assert rendered.time_origin is TimeOrigin.TWEET_ID
    assert content.text == "Rostov, you were something else tonight & we'll remember it"
    assert content.posted_at == datetime(2018, 7, 2, 19, 58, 40, tzinfo=UTC)  # +01:00


def test_the_id_can_come_from_the_link() -> None:
    line = {"url": "https://twitter.com/nao_tokyo/status/1013874072876863488", "content": "Arigato"}
    records, problems = read(json.dumps(line))
    assert problems == []
    assert [(r.tweet_id, r.text, r.time_origin) for r in records] == [
        ("1013874072876863488", "Arigato", TimeOrigin.TWEET_ID)
    ]


def test_without_lists_the_text_gives_hashtags_mentions_and_links() -> None:
    line = {"id": 1, "date": "2018-07-02T19:00:00+00:00", "content": "@a go #JPN https://t.co/x"}
    tweet = read(json.dumps(line))[0][0]
    assert (tweet.hashtags, tweet.mentions, tweet.links) == (("JPN",), ("a",), ("https://t.co/x",))
    assert (tweet.posted_at, tweet.time_origin) == (
        datetime(2018, 7, 2, 19, tzinfo=UTC),
        TimeOrigin.FIELD,
    )


def test_an_unreadable_date_is_reported() -> None:
    line = {"id": 1013874072876863488, "date": "soon", "rawContent": "x"}
    records, problems = read(json.dumps(line))
    assert records[0].time_origin is TimeOrigin.TWEET_ID
    assert problems == [(1, "date 'soon' is not a time I can read")]


GARBAGE_LINE = st.text(max_size=60).filter(
    lambda s: "\n" not in s and "\r" not in s and not s.lstrip().startswith(("{", "["))
)


@given(st.text(max_size=300))
def test_any_text_is_read_without_raising(text) -> None:
    read(text)


@given(
    text=st.text(min_size=1, max_size=200),
    handle=st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    before=st.lists(GARBAGE_LINE, max_size=4),
    after=st.lists(GARBAGE_LINE, max_size=4),
)
def test_a_tweet_among_garbage_lines_is_read_back_whole(text, handle, before, after) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    tweet = {
        "_type": "snscrape.modules.twitter.Tweet",
        "url": f"https://twitter.com/{handle}/status/1013866638472814593",
        "date": "2018-07-02T19:26:58+00:00",
        "rawContent": escaped,
        "id": 1013866638472814593,
        "user": {"username": handle, "displayname": "N"},
    }
    records, _ = read("\n".join([*before, json.dumps(tweet), *after]))
    found = [r for r in records if r.tweet_id == "1013866638472814593"]
    assert [(r.text, r.author.handle, r.source.line) for r in found] == [
        (text, handle, len(before) + 1)
    ]
