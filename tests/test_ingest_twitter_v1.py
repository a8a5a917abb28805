"""Twitter API v1.1 exports: JSON Lines from the streaming API, arrays, search responses."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest import jsonlines
from analyzer.ingest.base import Problems, ReadOptions
from analyzer.ingest.twitter_v1 import read_twitter_v1
from analyzer.records import Kind, TimeOrigin

from .conftest import DATA

STREAM = DATA / "streams" / "v1_stream.jsonl"
TIMELINE = DATA / "streams" / "v1_timeline.json"


def read(source: Path | str) -> tuple[list, list[tuple[int | None, str]]]:
    problems = Problems("f")
    if isinstance(source, Path):
        with source.open(encoding="utf-8-sig", newline="") as stream:
            records = list(
                read_twitter_v1(stream, path="f", options=ReadOptions(), problems=problems)
            )
    else:
        stream = io.StringIO(source, newline="")
        records = list(read_twitter_v1(stream, path="f", options=ReadOptions(), problems=problems))
    return records, [(p.line, p.message) for p in problems.kept]


def test_a_stream_capture_with_its_broken_lines() -> None:
    records, problems = read(STREAM)
    assert [(r.source.line, r.source.position, r.author.handle, r.tweet_id) for r in records] == [
        (1, 0, "kenta_blue", "1013861199916969985"),
        (2, 1, "yui_futbol", "1013862286884605954"),
        (3, 2, "RedDevilsRik", "1013866773193543680"),
        (6, 3, "wout_de_wit", "1013867780373516288"),
        (7, 4, "LiegeUltra", "1013872961975853060"),
    ]
    assert problems == [
        (4, "not JSON (Expecting value at column 1); skipped"),
        (5, "not a v1.1 tweet: a JSON object with keys limit; skipped"),
        (8, "the file ends inside this JSON value (cut short?)"),
    ]
    text = STREAM.read_text(encoding="utf-8")
    assert all(text[r.source.offset :].startswith('{"') for r in records)
    assert records[1].source.offset == text.index("\n") + 1


def test_a_plain_tweet() -> None:
    tweet = read(STREAM)[0][0]
    assert tweet.kind is Kind.TWEET
    assert tweet.text == (
        "JAPAN LEAD! Haraguchi slides it past Courtois 🇯🇵 #BELJPN #WorldCup https://t.co/Xk3mQ9bLpa"
    )
    assert (tweet.author.name, tweet.author.handle) == ("Kenta 🇯🇵 Samurai Blue", "kenta_blue")
    assert tweet.posted_at == datetime(2018, 7, 2, 19, 5, 21, tzinfo=UTC)
    assert tweet.time_origin is TimeOrigin.FIELD
    assert tweet.lang == "en"
    assert (tweet.is_retweet, tweet.retweet_of, tweet.quote_of) == (False, None, None)
    assert tweet.hashtags == ("BELJPN", "WorldCup")
    assert tweet.links == ("https://www.fifa.com/worldcup/matches/match/300331540",)


def test_a_retweet_keeps_the_retweeter_and_the_originals_whole_text() -> None:
    retweet = read(STREAM)[0][1]
    assert retweet.is_retweet
    assert retweet.retweet_of == "1013862180011798529"
    assert retweet.author.handle == "yui_futbol"
    assert retweet.posted_at == datetime(2018, 7, 2, 19, 9, 40, tzinfo=UTC)  # the retweet's time
    # The original's extended text, entities unescaped, not "RT @...: ... Two goals…".
    assert retweet.text == (
        "What a strike from Inui! Belgium 0-2 Japan and the whole of Rostov is on its feet. "
        "Is this really happening? Two goals in four minutes & the Red Devils look stunned. #BELJPN"
    )
    assert retweet.hashtags == ("BELJPN",)


def test_a_quote_tweet() -> None:
    quote = read(STREAM)[0][2]
    assert (quote.is_retweet, quote.quote_of) == (False, "1013866583591714818")
    assert quote.text.startswith("That was never meant as a shot.")


def test_a_long_tweet_from_the_streaming_api_without_entities() -> None:
    tweet = read(STREAM)[0][3]
    assert tweet.text.endswith("This is why you never switch off @BelRedDevils #BELJPN")
    assert (tweet.hashtags, tweet.mentions, tweet.links) == (("BELJPN",), ("BelRedDevils",), ())


def test_a_tweet_without_a_time_takes_it_from_its_id() -> None:
    tweet = read(STREAM)[0][4]
    assert tweet.posted_at == datetime(2018, 7, 2, 19, 52, 5, 640000, tzinfo=UTC)
    assert tweet.time_origin is TimeOrigin.TWEET_ID
    assert (tweet.author.name, tweet.author.handle) == ("Liège Ultra", "LiegeUltra")


def test_a_pretty_printed_array() -> None:
    records, problems = read(TIMELINE)
    assert problems == []
    assert [(r.source.line, r.author.handle, r.is_retweet, r.lang) for r in records] == [
        (2, "tactics_tom", False, "en"),
        (46, "haruka_s", True, "ja"),
        (116, "brusselsbart", False, "en"),
    ]
    assert records[0].text == (
        "Counter-attack of the tournament. De Bruyne → Meunier → Lukaku's dummy → Chadli. "
        "3-2 & Belgium are through #BELJPN #BEL"
    )
    assert records[1].text == "日本代表、最後まで本当にありがとう。誇りに思う。 #SamuraiBlue"
    assert records[1].retweet_of == "1013873242220511234"
    assert records[2].posted_at == datetime(2018, 7, 2, 20, 1, 9, tzinfo=UTC)  # from +0200
    assert records[2].text == "@kenta_blue Unreal game. Respect to Japan, they gave everything <3"
    assert records[2].mentions == ("kenta_blue",)


def test_chunk_boundaries_change_nothing(monkeypatch) -> None:
    whole = read(TIMELINE)[0] + read(STREAM)[0]
    monkeypatch.setattr(jsonlines, "CHUNK_CHARS", 7)
    assert read(TIMELINE)[0] + read(STREAM)[0] == whole


def test_a_broken_array_element_is_skipped_and_the_next_ones_read() -> None:
    tweets = json.loads(TIMELINE.read_text(encoding="utf-8"))
    text = "[\n" + json.dumps(tweets[0]) + ",\n" + '{"id_str": "1", "full_text": oops},\n'
    text += json.dumps(tweets[2]) + "\n]\n"
    records, problems = read(text)
    assert [(r.source.line, r.author.handle) for r in records] == [
        (2, "tactics_tom"),
        (4, "brusselsbart"),
    ]
    assert problems == [
        (3, "an array element that is not JSON (Expecting value at column 30); skipped")
    ]


def test_a_cut_array() -> None:
    text = TIMELINE.read_text(encoding="utf-8")
    records, problems = read(text[: text.index('"haruka_s"')])
    assert [r.author.handle for r in records] == ["tactics_tom"]
    assert problems == [(46, "the file ends inside this JSON value (cut short?)")]


def test_a_search_response_is_streamed_status_by_status() -> None:
    tweets = json.loads(TIMELINE.read_text(encoding="utf-8"))
    response = {"statuses": tweets, "search_metadata": {"count": 3, "query": "%23BELJPN"}}
    for text in (json.dumps(response, indent=1), json.dumps({"search_metadata": {}, **response})):
        records, problems = read(text)
        assert problems == []
        assert [r.author.handle for r in records] == ["tactics_tom", "haruka_s", "brusselsbart"]
    records = read(json.dumps(response, indent=1))[0]
    assert [r.source.line for r in records] == [3, 47, 117]


def test_json_lines_that_are_not_tweets_are_reported() -> None:
    text = '{"delete": {"status": {"id_str": "1"}}}\n[1, 2]\n"text"\n'
    records, problems = read(text)
    assert records == []
    assert problems == [
        (1, "not a v1.1 tweet: a JSON object with keys delete; skipped"),
        (2, "not a v1.1 tweet: a JSON number; skipped"),
        (2, "not a v1.1 tweet: a JSON number; skipped"),
        (3, "not a v1.1 tweet: a JSON string; skipped"),
    ]


def test_an_unreadable_created_at_is_reported_and_the_id_gives_the_time() -> None:
    line = '{"id_str": "1013861199916969985", "text": "x", "created_at": "at half-time"}'
    records, problems = read(line)
    assert records[0].posted_at == datetime(2018, 7, 2, 19, 5, 21, 347000, tzinfo=UTC)
    assert records[0].time_origin is TimeOrigin.TWEET_ID
    assert problems == [(1, "created_at 'at half-time' is not a time I can read")]


JSONISH = st.text(alphabet='{}[]",:\\ \n\r\t0123456789.eE+-truefalsnul', max_size=200)
GARBAGE_LINE = st.text(max_size=60).filter(
    lambda s: "\n" not in s and "\r" not in s and not s.lstrip().startswith(("{", "["))
)


@given(st.one_of(st.text(max_size=300), JSONISH))
def test_any_text_is_read_without_raising(text) -> None:
    read(text)


@given(
    text=st.text(min_size=1, max_size=200),
    handle=st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    before=st.lists(GARBAGE_LINE, max_size=4),
    after=st.lists(GARBAGE_LINE, max_size=4),
)
def test_a_tweet_among_garbage_lines_is_read_back_whole(text, handle, before, after) -> None:
    # The API sends &, < and > as entities; the reader gives the text as the user wrote it.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    tweet = {
        "created_at": "Mon Jul 02 19:05:21 +0000 2018",
        "id_str": "1013861199916969985",
        "full_text": escaped,
        "user": {"screen_name": handle, "name": "N"},
    }
    lines = [*before, json.dumps(tweet), *after]
    records, _ = read("\n".join(lines))
    found = [r for r in records if r.tweet_id == "1013861199916969985"]
    assert [(r.text, r.author.handle, r.source.line) for r in found] == [
        (text, handle, len(before) + 1)
    ]
    assert found[0].posted_at == datetime(2018, 7, 2, 19, 5, 21, tzinfo=UTC)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_endings_do_not_move_lines(newline) -> None:
    lines = STREAM.read_text(encoding="utf-8").split("\n")
    records, problems = read(newline.join(lines))
    assert [r.source.line for r in records] == [1, 2, 3, 6, 7]
    assert [line for line, _ in problems] == [4, 5, 8]
