"""A folder that mixes articles and tweet exports: what each file gave, its problems, what was skipped."""

from __future__ import annotations

import io
import shutil
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.errors import InputError
from analyzer.ingest import Inputs, Problems, ReadOptions, jsonlines, read_folder
from analyzer.ingest.article import read_article
from analyzer.ingest.twitter_v2 import read_twitter_v2
from analyzer.records import Kind, TimeOrigin

from .conftest import ARTICLE_WITH_TWEETS, DATA

STREAMS = DATA / "streams"


@pytest.fixture(scope="module")
def corpus():
    return read_folder(STREAMS)


def test_every_file_is_read_or_skipped_with_a_reason(corpus) -> None:
    assert [(f.path, f.format, f.counts, f.problem_count) for f in corpus.read] == [
        ("export.csv", "csv", {"tweet": 5}, 1),
        ("fifa_2014.tsv", "csv", {"tweet": 4}, 0),
        ("live_blog.txt", "article", {"tweet link": 2, "tweet": 1}, 0),
        ("snscrape.jsonl", "snscrape", {"tweet": 5}, 1),
        ("twarc2_flat.jsonl", "twitter-v2", {"tweet": 3}, 0),
        ("v1_stream.jsonl", "twitter-v1", {"tweet": 5}, 3),
        ("v1_timeline.json", "twitter-v1", {"tweet": 3}, 0),
        ("v2_response.json", "twitter-v2", {"tweet": 2}, 0),
        ("v2_search.jsonl", "twitter-v2", {"tweet": 5}, 1),
    ]
    assert [(s.path, s.reason) for s in corpus.skipped] == [
        (
            "match.json",
            "JSON, but not a tweet export I know (a JSON object with keys name, rounds)",
        ),
        (
            "no_text.csv",
            "CSV without a text column I know (columns: id, label, score); "
            "name the one holding the tweets with --text-column",
        ),
    ]
    assert len(corpus.records) == sum(f.total for f in corpus.read) == 35


def test_problems_are_listed_with_their_lines(corpus) -> None:
    problems = {f.path: [str(p) for p in f.problems] for f in corpus.read if f.problems}
    assert problems == {
        "export.csv": ["line 9: id '1.01387E+18' is not a tweet id"],
        "snscrape.jsonl": [
            "line 4: not an snscrape tweet: a JSON object with keys _type, username, id, "
            "displayname; skipped"
        ],
        "v1_stream.jsonl": [
            "line 4: not JSON (Expecting value at column 1); skipped",
            "line 5: not a v1.1 tweet: a JSON object with keys limit; skipped",
            "line 8: the file ends inside this JSON value (cut short?)",
        ],
        "v2_search.jsonl": [
            "line 2: author 99887766 of tweet 1013867948145639424 is not in the page's "
            "includes.users; the tweet is kept without an author"
        ],
    }


def test_every_record_can_be_traced_back_and_has_its_own_id(corpus) -> None:
    ids = [r.record_id for r in corpus.records]
    assert len(set(ids)) == len(ids)
    for record in corpus.records:
        text = (STREAMS / record.source.path).read_bytes().decode("utf-8-sig")
        assert text[: record.source.offset].count("\n") + 1 == record.source.line
        assert record.posted_at is None or record.posted_at.tzinfo is UTC


def test_retweets_in_every_json_format_carry_the_originals_text(corpus) -> None:
    retweets = [
        (r.source.path, r.author.handle, r.retweet_of) for r in corpus.records if r.is_retweet
    ]
    assert retweets == [
        ("snscrape.jsonl", "nao_tokyo", "1013868135839690753"),
        ("twarc2_flat.jsonl", "takumi_09", "1013870966994124800"),
        ("v1_stream.jsonl", "yui_futbol", "1013862180011798529"),
        ("v1_timeline.json", "haruka_s", "1013873242220511234"),
        ("v2_search.jsonl", "mira_kicks", "1013861199916969985"),
    ]
    assert not any(r.text.startswith("RT @") for r in corpus.records)
    quotes = [(r.source.path, r.quote_of) for r in corpus.records if r.quote_of]
    assert quotes == [
        ("snscrape.jsonl", "1013866638472814593"),
        ("twarc2_flat.jsonl", "1013871190172831745"),
        ("v1_stream.jsonl", "1013866583591714818"),
        ("v2_search.jsonl", "1013860544137666560"),
    ]


def test_times_from_ids_where_the_export_gives_none(corpus) -> None:
    from_ids = [
        (r.source.path, r.source.line, r.posted_at)
        for r in corpus.records
        if r.time_origin is TimeOrigin.TWEET_ID
    ]
    assert from_ids == [
        ("export.csv", 7, datetime(2018, 7, 2, 19, 20, 3, 777000, tzinfo=UTC)),
        ("fifa_2014.tsv", 2, datetime(2014, 6, 12, 20, 5, 12, 345000, tzinfo=UTC)),
        ("fifa_2014.tsv", 3, datetime(2014, 6, 12, 20, 11, 40, tzinfo=UTC)),
        ("fifa_2014.tsv", 4, datetime(2014, 6, 12, 21, 47, 30, 250000, tzinfo=UTC)),
        ("live_blog.txt", 5, datetime(2018, 7, 2, 18, 1, 12, tzinfo=UTC)),
        ("live_blog.txt", 7, datetime(2018, 7, 2, 19, 53, 30, 100000, tzinfo=UTC)),
        ("snscrape.jsonl", 5, datetime(2018, 7, 2, 19, 56, 30, 500000, tzinfo=UTC)),
        ("v1_stream.jsonl", 7, datetime(2018, 7, 2, 19, 52, 5, 640000, tzinfo=UTC)),
    ]
    undated = [(r.source.path, r.tweet_id) for r in corpus.records if r.posted_at is None]
    assert undated == [("fifa_2014.tsv", "29700859246"), ("live_blog.txt", None)]


def test_an_articles_bare_status_links_count_as_tweet_links(corpus) -> None:
    blog = [r for r in corpus.records if r.source.path == "live_blog.txt"]
    assert [(r.kind, r.source.line, r.source.position, r.author.handle, r.tweet_id) for r in blog] == [
        (Kind.TWEET_LINK, 5, 0, "jfa_samuraiblue", "1013845054583742651"),
        # Linked twice (x.com, then twitter.com): one tweet.
        (Kind.TWEET_LINK, 7, 1, "rostov_arena", "1013873316223520938"),
        # The embedded tweet's own link is part of the tweet, not a record of its own.
        (Kind.TWEET, 11, 2, "rostov_arena", None),
    ]  # fmt: skip
    link = blog[1]
    assert (link.text, link.time_origin, link.links) == (
        "",
        TimeOrigin.TWEET_ID,
        ("https://x.com/rostov_arena/status/1013873316223520938",),
    )
    text = (STREAMS / "live_blog.txt").read_text(encoding="utf-8")
    assert text[link.source.offset :].startswith("https://x.com/rostov_arena/status/")


def test_status_links_in_article_text() -> None:
    text = (
        "Kick-off: https://twitter.com/i/web/status/1013845054583742651 and "
        "https://twitter.com/kenta_blue/status/1013861199916969985, then "
        "twitter.com/kenta_blue/status/1013861199916969985 again; old: "
        "https://twitter.com/jack/status/20"
    )
    links = [r for r in read_article(text, path="a.txt") if r.kind is Kind.TWEET_LINK]
    assert [(r.tweet_id, r.author.handle, r.posted_at, r.source.offset) for r in links] == [
        ("1013845054583742651", None, datetime(2018, 7, 2, 18, 1, 12, tzinfo=UTC), 10),
        ("1013861199916969985", "kenta_blue", datetime(2018, 7, 2, 19, 5, 21, 347000, tzinfo=UTC), 67),
        ("20", "jack", None, text.index("https://twitter.com/jack")),
    ]  # fmt: skip
    assert links[2].time_origin is None


def test_the_sample_article_has_no_status_links() -> None:
    records = read_article(ARTICLE_WITH_TWEETS.read_text(encoding="utf-8"), path="a")
    assert [r.kind for r in records] == [Kind.TWEET] * 17


def test_naive_times_follow_the_option() -> None:
    corpus = read_folder(
        STREAMS / "export.csv", options=ReadOptions(naive_timezone=ZoneInfo("Asia/Tokyo"))
    )
    assert corpus.records[0].posted_at == datetime(2018, 7, 2, 10, 10, 22, tzinfo=UTC)


def test_stream_files_come_in_batches(tmp_path) -> None:
    shutil.copy(STREAMS / "v1_stream.jsonl", tmp_path / "a.jsonl")
    shutil.copy(ARTICLE_WITH_TWEETS, tmp_path / "b.txt")
    inputs = Inputs(tmp_path)
    batches = [(b.path, b.format, b.document, len(b.records)) for b in inputs.batches(size=2)]
    assert batches == [
        ("a.jsonl", "twitter-v1", False, 2),
        ("a.jsonl", "twitter-v1", False, 2),
        ("a.jsonl", "twitter-v1", False, 1),
        ("b.txt", "article", True, 17),
    ]


def test_files_with_nothing_usable_are_skipped(tmp_path) -> None:
    (tmp_path / "fine.jsonl").write_text(
        '{"id_str": "1", "text": "fine", "user": {"screen_name": "a"}}\n', encoding="utf-8"
    )
    (tmp_path / "cut.jsonl").write_text(
        '{"created_at": "Mon Jul 02 19:05:21 +0000 2018", "id_str": "1", "text": "cu',
        encoding="utf-8",
    )
    (tmp_path / "page.json").write_text('{"data": [{"id": "1"}], "includes": {}}', encoding="utf-8")
    (tmp_path / "rubbish.jsonl").write_text(
        '{"id": "1", "text": "x", "author_id": "7"}\n{"id": 2}\n', encoding="utf-8"
    )
    corpus = read_folder(tmp_path)
    assert [(f.path, f.counts) for f in corpus.read] == [
        ("fine.jsonl", {"tweet": 1}),
        ("rubbish.jsonl", {"tweet": 1}),
    ]
    assert [(s.path, s.reason) for s in corpus.skipped] == [
        ("cut.jsonl", "JSON cut short before its first complete value"),
        (
            "page.json",
            "JSON, but not a tweet export I know (a JSON object with keys data, includes)",
        ),
    ]
    (tmp_path / "rubbish.jsonl").write_text(
        '{"id": "1", "text": "x", "author_id": "7"', encoding="utf-8"
    )
    (tmp_path / "tweets.jsonl").write_text(
        '{"id": "1", "text": "x", "author_id": "7", "author": {"username": "a"}}\n{"id": 2}\n[]\n',
        encoding="utf-8",
    )
    corpus = read_folder(tmp_path)
    assert [(f.path, f.counts, f.problem_count) for f in corpus.read] == [
        ("fine.jsonl", {"tweet": 1}, 0),
        ("tweets.jsonl", {"tweet": 1}, 1),
    ]


def test_a_folder_of_unusable_files_is_an_error_naming_them(tmp_path) -> None:
    shutil.copy(STREAMS / "match.json", tmp_path)
    shutil.copy(STREAMS / "no_text.csv", tmp_path)
    with pytest.raises(
        InputError, match=r"no usable file .*match.json: JSON, but not a tweet export"
    ):
        read_folder(tmp_path)


LINES = [
    line
    for name in ("v1_stream.jsonl", "v2_search.jsonl", "twarc2_flat.jsonl")
    for line in (STREAMS / name).read_text(encoding="utf-8").splitlines()
]
PIECES = st.one_of(
    st.sampled_from(LINES),
    st.sampled_from(['{"data": [', "]}", "[", "]", ",", '{"includes": {}}', "{", '"', "\\"]),
    st.text(max_size=20),
)


def read_v2(text: str) -> tuple[list, list]:
    problems = Problems("f")
    stream = io.StringIO(text, newline="")
    records = list(read_twitter_v2(stream, path="f", options=ReadOptions(), problems=problems))
    return records, sorted((p.line or 0, p.message) for p in problems.kept)


@settings(max_examples=200)
@given(
    pieces=st.lists(PIECES, max_size=12),
    joiner=st.sampled_from(["\n", "\r\n", "", " "]),
    chunk=st.integers(1, 40),
    hold=st.integers(1, 400),
)
def test_chunk_and_hold_sizes_change_nothing(pieces, joiner, chunk, hold) -> None:
    text = joiner.join(pieces)
    expected = read_v2(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsonlines, "CHUNK_CHARS", chunk)
        assert read_v2(text)[0] == expected[0]
        patch.setattr(jsonlines, "HOLD_CHARS", hold)
        records = read_v2(text)[0]
    # Past the hold, a page's tweets are read again after its includes: the same tweets.
    assert [(r.tweet_id, r.source.line, r.source.offset) for r in records] == [
        (r.tweet_id, r.source.line, r.source.offset) for r in expected[0]
    ]


def test_lines_orjson_refuses_read_as_the_standard_library_reads_them(tmp_path) -> None:
    from analyzer.ingest import read_folder

    lines = [
        '{"id_str": "1", "created_at": "Mon Jul 02 19:05:12 +0000 2018", "full_text": "NaN here",'
        ' "user": {"screen_name": "a", "name": "A"}, "score": NaN}',
        '{"id_str": "2", "created_at": "Mon Jul 02 19:05:13 +0000 2018", "full_text": "big int",'
        ' "user": {"screen_name": "b", "name": "B"}, "huge": 123456789012345678901234567890}',
    ]
    (tmp_path / "odd.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = read_folder(tmp_path)
    assert [r.text for r in corpus.records] == ["NaN here", "big int"]
    assert corpus.read[0].problem_count == 0


def test_a_chunk_boundary_anywhere_in_a_line_loses_nothing() -> None:
    # Escaped emoji are surrogate pairs, \ud83c\uddef: the decoder reports a cut after a whole
    # high surrogate differently from a cut inside one escape, and both must read on.
    from analyzer.ingest.twitter_v1 import read_twitter_v1

    line = (
        '{"id_str": "1013857305000000001", "created_at": "Mon Jul 02 19:05:12 +0000 2018", '
        '"full_text": "Chadli! \\ud83c\\udde7\\ud83c\\uddea \\u00e9 \\"3-2\\" \\\\ 90+4\'", '
        '"user": {"screen_name": "fan", "name": "Fan"}, "retweet_count": 12, "truncated": false}'
    )
    text = line + "\n" + line.replace("001", "002") + "\n"

    def read(chunk: int) -> list[tuple[str, str]]:
        problems = Problems("f")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(jsonlines, "CHUNK_CHARS", chunk)
            stream = io.StringIO(text, newline="")
            records = list(
                read_twitter_v1(stream, path="f", options=ReadOptions(), problems=problems)
            )
        assert not problems.kept, (chunk, problems.kept)
        return [(r.tweet_id, r.text) for r in records]

    expected = [
        ("1013857305000000001", 'Chadli! 🇧🇪 é "3-2" \\ 90+4\''),
        ("1013857305000000002", 'Chadli! 🇧🇪 é "3-2" \\ 90+4\''),
    ]
    for chunk in range(1, len(line) + 2):
        assert read(chunk) == expected, chunk
