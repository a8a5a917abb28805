"""Twitter API v2 exports: response pages (one a file or one a line) and twarc2 flattened tweets."""

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
from analyzer.ingest.twitter_v2 import read_twitter_v2
from analyzer.records import TimeOrigin

from .conftest import DATA

SEARCH = DATA / "streams" / "v2_search.jsonl"
RESPONSE = DATA / "streams" / "v2_response.json"
FLAT = DATA / "streams" / "twarc2_flat.jsonl"


class OneWayStream(io.StringIO):
    """A stream that cannot go back, like a pipe."""

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        raise OSError("not seekable")


def read(source: Path | str | io.StringIO) -> tuple[list, list[tuple[int | None, str]]]:
    problems = Problems("f")
    if isinstance(source, Path):
        stream = source.open(encoding="utf-8-sig", newline="")
    elif isinstance(source, str):
        stream = io.StringIO(source, newline="")
    else:
        stream = source
    with stream:
        records = list(read_twitter_v2(stream, path="f", options=ReadOptions(), problems=problems))
    return records, [(p.line, p.message) for p in problems.kept]


def summary(records) -> list[tuple]:
    return [(r.source.line, r.author.handle, r.tweet_id, r.is_retweet, r.quote_of) for r in records]


def test_pages_one_a_line() -> None:
    records, problems = read(SEARCH)
    assert summary(records) == [
        (1, "kenta_blue", "1013861278670340098", False, None),
        (1, "mira_kicks", "1013861373829730304", True, None),
        (1, "stats_sweat", "1013862106530668547", False, "1013860544137666560"),
        (2, "mira_kicks", "1013867842238414849", False, None),
        (2, None, "1013867948145639424", False, None),
    ]
    assert problems == [
        (
            2,
            "author 99887766 of tweet 1013867948145639424 is not in the page's includes.users; "
            "the tweet is kept without an author",
        )
    ]
    # Each tweet points at its own object inside the page's line.
    text = SEARCH.read_text(encoding="utf-8")
    for record in records:
        assert text[record.source.offset :].startswith(f'{{"id":"{record.tweet_id}"')
    assert [r.source.position for r in records] == [0, 1, 2, 3, 4]


def test_a_page_tweet_in_full() -> None:
    first = read(SEARCH)[0][0]
    assert first.text == "Genki Haraguchi!!! 1-0 Japan 😱 #BELJPN"
    assert first.author.name == "Kenta 🇯🇵 Samurai Blue"
    assert first.posted_at == datetime(2018, 7, 2, 19, 5, 40, tzinfo=UTC)
    assert first.time_origin is TimeOrigin.FIELD
    assert (first.lang, first.hashtags) == ("en", ("BELJPN",))


def test_a_retweet_takes_the_originals_text_from_includes() -> None:
    retweet = read(SEARCH)[0][1]
    assert retweet.retweet_of == "1013861199916969985"
    assert retweet.text == (
        "JAPAN LEAD! Haraguchi slides it past Courtois 🇯🇵 #BELJPN #WorldCup https://t.co/Xk3mQ9bLpa"
    )
    assert retweet.hashtags == ("BELJPN", "WorldCup")
    assert retweet.posted_at == datetime(2018, 7, 2, 19, 6, 2, tzinfo=UTC)


def test_entities_are_unescaped_and_links_expanded() -> None:
    records = read(SEARCH)[0]
    assert records[2].links == ("https://twitter.com/OptaJoe/status/1013860544137666560",)
    assert (
        records[3].text
        == "Fellaini with the header, 2-2. Japan <3 you deserved better than this collapse"
    )


def test_a_pretty_printed_response_with_includes_after_data() -> None:
    records, problems = read(RESPONSE)
    assert problems == []
    assert [(r.source.line, r.author.handle, r.author.name, r.lang) for r in records] == [
        (3, "wc_stats", "World Cup Stats", "en"),
        (13, "sakura_jp", "さくら", "ja"),
    ]
    # A note tweet: the whole text, not the 280 characters in "text".
    assert records[0].text.endswith("who played the football of their lives for 80 minutes.")
    assert records[1].text == "悔しいけど、最高の試合だった。ありがとう日本代表"


def big_document(tmp_path: Path) -> Path:
    """The response with includes last, in a file with a BOM and CRLF line ends."""
    path = tmp_path / "response.json"
    text = RESPONSE.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def test_a_document_too_big_to_hold_is_read_again_from_its_tweets(tmp_path, monkeypatch) -> None:
    expected = read(RESPONSE)[0]
    path = big_document(tmp_path)
    monkeypatch.setattr(jsonlines, "HOLD_CHARS", 100)
    monkeypatch.setattr(jsonlines, "CHUNK_CHARS", 64)
    records, problems = read(path)
    assert problems == []
    assert [(r.source.line, r.author.handle, r.text) for r in records] == [
        (r.source.line, r.author.handle, r.text) for r in expected
    ]
    # Offsets count characters of the decoded file (no BOM), CRLF as two.
    text = path.read_bytes().decode("utf-8-sig")
    assert [text[r.source.offset : r.source.offset + 14] for r in records] == [
        '{\r\n      "auth',
        '{\r\n      "auth',
    ]
    assert [text[: r.source.offset].count("\n") + 1 for r in records] == [3, 13]


def test_a_stream_that_cannot_go_back_keeps_the_tweets_without_authors(monkeypatch) -> None:
    monkeypatch.setattr(jsonlines, "HOLD_CHARS", 100)
    records, problems = read(OneWayStream(RESPONSE.read_text(encoding="utf-8")))
    assert [(r.author.handle, r.tweet_id) for r in records] == [
        (None, "1013873023881183233"),
        (None, "1013873441633927170"),
    ]
    assert [line for line, _ in problems] == [3]
    assert problems[0][1].startswith("the page has no includes.users")


def test_twarc2_flattened_tweets() -> None:
    records, problems = read(FLAT)
    assert problems == []
    assert summary(records) == [
        (1, "edenfanpage", "1013871190172831745", False, None),
        (2, "takumi_09", "1013871864575041538", True, None),
        (3, "sofia_be", "1013872434996260867", False, "1013871190172831745"),
    ]
    retweet = records[1]
    assert retweet.retweet_of == "1013870966994124800"
    assert retweet.text == (
        "Honda's free kick was so close. Courtois at full stretch. Still 2-2 in Rostov, "
        "extra time looming? #BELJPN #JPN"
    )
    assert retweet.hashtags == ("BELJPN", "JPN")
    assert records[2].author.name == "Sofia 🇧🇪"


def page(tweets: list[dict], users: list[dict] | None = None, **extra) -> str:
    body: dict = {"data": tweets, **extra}
    if users is not None:
        body["includes"] = {"users": users}
    return json.dumps(body)


TWEET = {"id": "1013873023881183233", "text": "Chadli!", "author_id": "7"}


def test_a_page_without_includes_says_so_once() -> None:
    records, problems = read(page([TWEET, {**TWEET, "id": "1013873441633927170"}]) + "\n")
    assert [r.author for r in records] == [records[0].author] * 2
    assert records[0].author.handle is None
    assert problems == [
        (
            1,
            "the page has no includes.users, so its tweets are kept without authors "
            "(export with expansions=author_id)",
        )
    ]


def test_bare_v2_tweets_name_no_author_and_are_reported_once() -> None:
    lines = [json.dumps(TWEET), json.dumps({**TWEET, "id": "1013873441633927170"})]
    records, problems = read("\n".join(lines))
    assert [(r.tweet_id, r.author.handle) for r in records] == [
        ("1013873023881183233", None),
        ("1013873441633927170", None),
    ]
    assert [line for line, _ in problems] == [1]


@pytest.mark.parametrize(
    "text",
    [
        # A page whose first member does not mark it as one: read whole.
        json.dumps({"__twarc": {"version": "2.14.0"}, **json.loads(page([TWEET], [{"id": "7", "username": "wc_stats"}]))}),
        # A single tweet lookup: "data" is the tweet itself, includes come after it.
        json.dumps({"data": TWEET, "includes": {"users": [{"id": "7", "username": "wc_stats"}]}}),
        # Includes first.
        json.dumps({"includes": {"users": [{"id": "7", "username": "wc_stats"}]}, "data": [TWEET]}),
    ],
)  # fmt: skip
def test_other_page_shapes(text) -> None:
    records, problems = read(text)
    assert problems == []
    assert [(r.tweet_id, r.author.handle, r.text) for r in records] == [
        ("1013873023881183233", "wc_stats", "Chadli!")
    ]


def test_a_cut_page_keeps_the_tweets_before_the_cut() -> None:
    text = page([TWEET, {**TWEET, "id": "1013873441633927170"}], [{"id": "7", "username": "a"}])
    records, problems = read(text[: text.index("1013873441633927170") + 5])
    assert [(r.tweet_id, r.author.handle) for r in records] == [("1013873023881183233", None)]
    assert problems == [
        (1, "the file ends inside this JSON value (cut short?)"),
        (
            1,
            "the page has no includes.users, so its tweets are kept without authors "
            "(export with expansions=author_id)",
        ),
    ]


def test_things_that_are_not_tweets_are_reported() -> None:
    text = '{"id": 5, "text": "a number id"}\n{"data": [{"id": "1"}]}\n'
    records, problems = read(text)
    assert records == []
    assert problems == [
        (1, "not a v2 tweet: a JSON object with keys id, text; skipped"),
        (2, "not a v2 tweet: a JSON object with keys id; skipped"),
    ]


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
    flat=st.booleans(),
)
def test_a_tweet_among_garbage_lines_is_read_back_whole(text, handle, before, after, flat) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    tweet = {
        "id": "1013873023881183233",
        "text": escaped,
        "author_id": "7",
        "created_at": "2018-07-02T19:52:20.000Z",
    }
    user = {"id": "7", "username": handle}
    line = json.dumps({**tweet, "author": user}) if flat else page([tweet], [user])
    records, _ = read("\n".join([*before, line, *after]))
    found = [r for r in records if r.tweet_id == "1013873023881183233"]
    assert [(r.text, r.author.handle, r.source.line) for r in found] == [
        (text, handle, len(before) + 1)
    ]
    assert found[0].posted_at == datetime(2018, 7, 2, 19, 52, 20, tzinfo=UTC)
