"""Recognising a file's format from its first characters, whatever its name says."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.base import Problems, ReadOptions, UnusableFile
from analyzer.ingest.formats import FORMATS, detect, read_unknown_json
from analyzer.ingest.opening import SNIFF_CHARS, sniff

from .conftest import ARTICLE_WITH_TWEETS, DATA, REPO, SAMPLES

SHIPPED_MATCHES = REPO / "analyzer" / "data" / "openfootball"

STREAMS = DATA / "streams"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("v1_stream.jsonl", "twitter-v1"),
        ("v1_timeline.json", "twitter-v1"),
        ("v2_search.jsonl", "twitter-v2"),
        ("v2_response.json", "twitter-v2"),
        ("twarc2_flat.jsonl", "twitter-v2"),
        ("snscrape.jsonl", "snscrape"),
        ("export.csv", "csv"),
        ("fifa_2014.tsv", "csv"),
        ("no_text.csv", "csv"),
        ("match.json", "json"),
        ("live_blog.txt", "article"),
    ],
)
def test_each_fixture_by_content_whatever_its_name(name, expected) -> None:
    head = sniff(STREAMS / name)
    assert detect(head, path=name).name == expected
    if expected != "csv":  # a CSV without a known text column needs its .csv name
        assert detect(head, path="renamed.txt").name == expected


@pytest.mark.parametrize("article", sorted(SAMPLES.iterdir()))
def test_the_sample_articles_are_articles(article) -> None:
    assert detect(sniff(article), path=article.name).name == "article"


def test_formats_are_registered_by_name() -> None:
    assert sorted(FORMATS) == [
        "article", "csv", "json", "records", "snscrape", "twitter-v1", "twitter-v2",
    ]  # fmt: skip
    assert [name for name, f in FORMATS.items() if f.document] == ["article"]


def test_a_page_longer_than_the_head_is_recognised_by_its_first_tweets() -> None:
    tweet = {"id": "1013861278670340098", "text": "Haraguchi! " * 20, "author_id": "7"}
    line = json.dumps({"data": [tweet] * 400, "includes": {"users": []}})
    assert len(line) > SNIFF_CHARS
    assert detect(line[:SNIFF_CHARS], path="page.json").name == "twitter-v2"


def test_a_stream_that_opens_with_notices_and_noise() -> None:
    tweet = (STREAMS / "v1_stream.jsonl").read_text(encoding="utf-8").split("\n")[0]
    head = '{"limit": {"track": 3}}\nnot json at all\n' + tweet + "\n"
    assert detect(head, path="stream.jsonl").name == "twitter-v1"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # v1.1: user.screen_name; v2: author_id or an embedded author; snscrape: its keys.
        ('{"created_at": "Mon Jul 02 19:05:21 +0000 2018", "id_str": "1", "text": "x", "user": {"screen_name": "a"}}', "twitter-v1"),
        ('[{"id_str": "1", "full_text": "x", "user": {"screen_name": "a", "name": "A"}}]', "twitter-v1"),
        ('{"id": "1", "text": "x", "author_id": "7", "created_at": "2018-07-02T19:05:40.000Z"}', "twitter-v2"),
        ('{"id": "1", "text": "x", "author": {"username": "a"}}', "twitter-v2"),
        ('{"data": [], "meta": {"result_count": 0}}', "twitter-v2"),
        ('{"data": {"id": "1", "text": "x"}}', "twitter-v2"),
        ('{"date": "2018-07-02T19:26:58+00:00", "content": "x", "user": {"username": "a"}}', "snscrape"),
        ('{"_type": "snscrape.modules.twitter.Tweet", "id": 1, "rawContent": "x"}', "snscrape"),
        # JSON, but not tweets.
        ('{"match": "BEL-JPN", "out": "reports"}', "json"),
        ('{"data": [{"name": "Belgium"}]}', "json"),
        ('{"id": "1", "text": "no author and no page"}', "json"),
        ('[1, 2, 3]', "json"),
        ('[]', "json"),
        # Not JSON at all.
        ("[Updated 21:55] Belgium come back from 2-0 down", "article"),
        ("{{ template }}", "article"),
        ('competition = "Friendly"\nkickoff = 2023-03-28T20:45:00+01:00\n', "article"),
        ("", "article"),
        ("\ufeff  \n", "article"),
        ("id,text,created_at\n1,Go Japan,2018-07-02", "csv"),
    ],
)  # fmt: skip
def test_detect(head, expected) -> None:
    assert detect(head, path="input").name == expected


@given(st.text(max_size=400))
def test_detect_takes_any_text(head) -> None:
    assert detect(head, path="input").name in FORMATS


def test_a_match_file_is_json_but_not_tweets() -> None:
    head = sniff(SHIPPED_MATCHES / "worldcup-2018.json")
    assert detect(head, path="worldcup.json").name == "json"
    assert detect(sniff(ARTICLE_WITH_TWEETS), path="x.json").name == "article"


def test_unknown_json_is_unusable_and_says_what_it_holds() -> None:
    with pytest.raises(UnusableFile) as error:
        read_unknown_json(
            io.StringIO('{"name": "World Cup 2018", "rounds": []}'),
            path="m.json",
            options=ReadOptions(),
            problems=Problems("m.json"),
        )
    assert str(error.value) == (
        "JSON, but not a tweet export I know (a JSON object with keys name, rounds)"
    )
