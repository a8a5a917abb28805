"""Reading JSON Lines in blocks of lines gives exactly what reading the whole file gives."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.ingest import Inputs, ReadOptions
from analyzer.ingest.base import Problems
from analyzer.ingest.folder import Batch, LineBlock, read_block
from analyzer.ingest.formats import FORMATS
from analyzer.ingest.twitter_v1 import read_twitter_v1_lines

from .conftest import DATA, SAMPLES

STREAMS = DATA / "streams"


def whole(folder) -> tuple[list[tuple], list, list]:
    inputs = Inputs(folder)
    found = [
        (r.source.path, r.source.line, r.source.offset, r.source.position, r.text, r.tweet_id)
        for batch in inputs.batches()
        for r in batch.records
    ]
    return found, inputs.read, inputs.skipped


def in_blocks(folder, block_lines: int) -> tuple[list[tuple], list, list]:
    inputs = Inputs(folder)
    found = []
    positions: dict[str, int] = {}
    for unit in inputs.work(block_lines=block_lines):
        if isinstance(unit, Batch):
            found += [(r.source.path, r.source.line, r.source.offset, r.source.position, r.text,
                       r.tweet_id) for r in unit.records]  # fmt: skip
            continue
        assert isinstance(unit, LineBlock)
        read = read_block(unit, options=inputs.options)
        inputs.block_done(unit, read)
        base = positions.get(unit.path, 0)
        found += [(r.source.path, r.source.line + unit.line - 1, r.source.offset + unit.offset,
                   r.source.position + base, r.text, r.tweet_id) for r in read.records]  # fmt: skip
        positions[unit.path] = base + len(read.records)
    inputs.finish()
    return found, inputs.read, inputs.skipped


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    for fixture in STREAMS.iterdir():
        shutil.copy(fixture, folder / fixture.name)
    shutil.copytree(SAMPLES, folder / "articles")
    return folder


@pytest.mark.parametrize("block_lines", [1, 2, 3, 1000])
def test_blocks_give_the_same_records_and_accounts(folder, block_lines: int) -> None:
    assert in_blocks(folder, block_lines) == whole(folder)


def test_a_long_file_is_cut_into_blocks(folder) -> None:
    units = list(Inputs(folder / "v1_stream.jsonl").work(block_lines=2))
    blocks = [u for u in units if isinstance(u, LineBlock)]
    assert len(blocks) >= 2
    assert all(b.text.startswith("{") for b in blocks)  # each starts a value


def test_arrays_documents_and_csv_are_never_cut(folder) -> None:
    for name in ("v1_timeline.json", "v2_response.json", "export.csv"):
        units = list(Inputs(folder / name).work(block_lines=1))
        assert units and all(isinstance(u, Batch) for u in units), name


# One line of a v1.1 JSON Lines file: tweets of every shape the reader knows, and lines
# the short way leaves to the long one (broken, blank, indented, arrays, search responses).
TWEET_LINES = st.sampled_from(
    [
        '{"created_at":"Mon Jul 02 19:05:12 +0000 2018","id_str":"1013862185283469312",'
        '"full_text":"Inui! \\ud83d\\udd25 #BELJPN","user":{"name":"A","screen_name":"a"},"lang":"en",'
        '"entities":{"hashtags":[{"text":"BELJPN"}],"user_mentions":[],"urls":[]}}',
        '{"created_at":"Mon Jul 02 19:05:13 +0000 2018","id":1013862185283469313,'
        '"text":"RT @b: Goal &amp; more","retweeted_status":{"id_str":"7","extended_tweet":'
        '{"full_text":"Goal &amp; more, a long one"}},"user":{"screen_name":"c"}}',
        '{"id_str":"1013862185283469314","text":"no time, \\u0000 a NUL and \\ud83d half","user":{}}',
        '{"created_at":"yesterday","id_str":"12","text":"a bad time","quoted_status_id_str":"5"}',
        '{"created_at":"Mon Jul 02 19:05:14 +0000 2018","text":"line\\r\\nbreaks","user":{"name":""}}',
        '{"statuses":[{"id_str":"1","text":"in a search response"}],"search_metadata":{}}',
        '{"search_metadata":{},"statuses":[{"id_str":"2","text":"walked"}]}',
        '{"limit":{"track":5}}',
        '  {"id_str":"3","text":"indented"}',
        '{"id_str":"4","text":"broken"',
        "[1, 2]",
        "42",
        "",
        "   ",
        '{"id_str":"5","text":"two"} {"id_str":"6","text":"on a line"}',
    ]
)


# The same for snscrape's lines.
SNSCRAPE_LINES = st.sampled_from(
    [
        '{"_type":"snscrape.modules.twitter.Tweet","url":"https://twitter.com/a/status/1",'
        '"date":"2018-07-02T19:05:12+00:00","rawContent":"Inui! \ud83d\udd25 #BELJPN",'
        '"id":1013862185283469312,"user":{"username":"a","displayname":"A"},"lang":"en"}',
        '{"date":"2018-07-02T19:05:13","content":"RT @b: what a goal","id":2,'
        '"retweetedTweet":{"content":"what a goal, whole","id":1,"date":"2018-07-02T19:00:00Z"}}',
        '{"date":"not a date","renderedContent":"\u0000 a NUL and \ud83d half","id":3}',
        '{"_type":"snscrape.modules.twitter.User","username":"x","rawContent":"a user"}',
        '  {"date":"2018-07-02T19:05:14Z","content":"indented","id":4}',
        '{"date":"2018-07-02T19:05:15Z","content":"broken"',
        "[1, 2]",
        "",
        "\t",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([("twitter-v1", TWEET_LINES), ("snscrape", SNSCRAPE_LINES)]).flatmap(
        lambda kind: st.tuples(st.just(kind[0]), st.lists(kind[1], max_size=8))
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_the_short_way_reads_a_block_as_the_reader_does(
    lines: tuple[str, list[str]], end: str, last_end: bool
) -> None:
    fmt, found = lines
    text = end.join(found) + (end if last_end else "")
    block = LineBlock("s.jsonl", fmt, text, line=3, offset=100)
    short = read_block(block, options=ReadOptions())
    long_way = replace(FORMATS[fmt], lines=None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(FORMATS, fmt, long_way)
        expected = read_block(block, options=ReadOptions())
    assert short.records == expected.records
    assert short.problems == expected.problems
    assert short.cleaner == expected.cleaner
    assert short.counts == expected.counts


def test_the_short_way_reads_plain_lines_and_leaves_the_rest() -> None:
    plain = '{"id_str":"1","text":"a"}\n\n{"id_str":"2","text":"b"}\r\n'
    records = read_twitter_v1_lines(plain, path="p", options=ReadOptions(), problems=Problems("p"))
    assert records is not None
    assert [(r.text, r.source.line, r.source.offset, r.source.position) for r in records] == [
        ("a", 1, 0, 0),
        ("b", 3, 27, 1),
    ]
    for other in ('{"id_str":"1","text":"a"}\n[1]\n', ' {"id_str":"1","text":"a"}\n'):
        assert (
            read_twitter_v1_lines(other, path="p", options=ReadOptions(), problems=Problems("p"))
            is None
        )
