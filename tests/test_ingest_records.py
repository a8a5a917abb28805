"""The tool's own records.csv and records.jsonl read back: the same texts, ids, authors and times."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.ingest import read_folder
from analyzer.ingest.formats import detect
from analyzer.outputs.files import write_table
from analyzer.records import Kind, Role, TimeOrigin
from analyzer.schema import RECORD_COLUMNS, typed

from .conftest import REPO, SAMPLES

NAMES = [c.name for c in RECORD_COLUMNS]


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A records table as the tool writes it, every column not given left empty."""
    empty: dict[str, Any] = dict.fromkeys(NAMES)
    empty |= {"hashtags": (), "mentions": (), "links": (), "emoji": (), "is_retweet": False}
    columns = {name: [{**empty, **row}[name] for row in rows] for name in NAMES}
    return typed(pd.DataFrame(columns, columns=NAMES), RECORD_COLUMNS)


def write_both(folder: Path, rows: list[dict[str, Any]]) -> tuple[Path, Path]:
    csv, jsonl = folder / "records.csv", folder / "records.jsonl"
    write_table([frame(rows)], RECORD_COLUMNS, csv=csv, jsonl=jsonl)
    return csv, jsonl


def key(record) -> tuple:
    return (
        record.kind, record.text, record.tweet_id, record.author.handle, record.author.name,
        record.posted_at,
    )  # fmt: skip


def test_the_committed_report_reads_back_as_its_articles() -> None:
    articles = sorted(key(r) for r in read_folder(SAMPLES).records)
    for name in ("records.csv", "records.jsonl"):
        corpus = read_folder(REPO / "reports" / "BEL-JPN" / name)
        assert [(f.path, f.format, f.counts, f.problem_count) for f in corpus.read] == [
            (name, "records", {"quote": 9, "tweet": 17}, 0)
        ]
        assert sorted(key(r) for r in corpus.records) == articles


def test_every_field_a_record_keeps_comes_back(tmp_path) -> None:
    row = {
        "record_id": "a40163282d53053a",
        "tweet_id": "1013861278670340098",
        "file": "tweets/a.jsonl",
        "line": 7,
        "kind": "tweet",
        "author_name": 'Nao, "the fan" 🇯🇵',
        "author_handle": "nao_tokyo",
        "author_role": "fan",
        "author_age": 21,
        "posted_at": pd.Timestamp("2018-07-02T19:05:12Z"),
        "time_origin": "tweet id",
        "posted_date": "2018-07-02",
        "document_date": "2018-07-03",
        "text": '“Inui!”, she said,\nthen: "GOAL" 🇯🇵⚽',
        "lang": "en",
        "is_retweet": True,
        "retweet_of": "1013861199916969985",
        "quote_of": "1013860544137666560",
        "hashtags": ("WorldCup", "JPN"),
        "mentions": ("FIFAWorldCup",),
        "links": ("https://t.co/abc", "pic.twitter.com/UG3bVzd5rx"),
        "compound": 0.5,
        "label": "positive",
    }
    for path in write_both(tmp_path, [row]):
        [record] = read_folder(path).records
        assert record.kind is Kind.TWEET
        assert record.text == row["text"]
        assert (record.author.name, record.author.handle) == (row["author_name"], "nao_tokyo")
        assert (record.author.role, record.author.age) == (Role.FAN, 21)
        assert record.posted_at == datetime(2018, 7, 2, 19, 5, 12, tzinfo=UTC)
        assert record.time_origin is TimeOrigin.TWEET_ID
        assert (record.posted_date, record.source.document_date) == (
            date(2018, 7, 2),
            date(2018, 7, 3),
        )
        assert (record.tweet_id, record.lang, record.is_retweet) == (row["tweet_id"], "en", True)
        assert (record.retweet_of, record.quote_of) == (row["retweet_of"], row["quote_of"])
        assert record.hashtags == ("WorldCup", "JPN") and record.mentions == ("FIFAWorldCup",)
        assert record.links == row["links"]
        # Provenance is where it was read: the records file, line 2 (CSV) or 1 (JSON Lines).
        assert (record.source.path, record.source.line) == (path.name, 2 - path.name.endswith("l"))


def test_quotes_and_tweet_links_keep_their_kind(tmp_path) -> None:
    rows = [
        {"record_id": "1", "kind": "quote", "text": "We go again", "author_name": "Nishino",
         "author_role": "coach"},
        {"record_id": "2", "kind": "tweet link", "text": "", "tweet_id": "1013845054583742651",
         "posted_at": pd.Timestamp("2018-07-02T18:01:12Z"), "time_origin": "tweet id"},
    ]  # fmt: skip
    for path in write_both(tmp_path, rows):
        corpus = read_folder(path)
        assert [(r.kind, r.text, r.author.role) for r in corpus.records] == [
            (Kind.QUOTE, "We go again", Role.COACH),
            (Kind.TWEET_LINK, "", Role.UNKNOWN),
        ]
        assert corpus.read[0].problem_count == 0  # an empty text is a tweet link's own


def test_rows_that_are_not_records_are_reported(tmp_path) -> None:
    (tmp_path / "records.jsonl").write_text(
        '{"record_id": "1", "kind": "retweet", "text": "x"}\n'
        '{"record_id": "2", "kind": "tweet", "text": "y", "posted_at": "at half time"}\n'
        '{"name": "not a record"}\n',
        encoding="utf-8",
    )
    corpus = read_folder(tmp_path)
    assert [r.text for r in corpus.records] == ["y"]
    assert [str(p) for p in corpus.read[0].problems] == [
        "line 1: kind 'retweet' is not tweet, quote or tweet link; skipped",
        "line 2: posted_at 'at half time' is not a time I can read",
        "line 3: not a record: a JSON object with keys name; skipped",
    ]


def test_a_table_with_only_some_of_the_columns_is_a_csv_export(tmp_path) -> None:
    # No record_id or kind (columns cut in a spreadsheet): read by the CSV reader, which
    # knows the records' names for the time, id, handle and name.
    (tmp_path / "cut.csv").write_text(
        "tweet_id,author_name,author_handle,posted_at,text\n"
        "1013861278670340098,Nao Okada,nao_tokyo,2018-07-02T19:05:12Z,Inui!\n",
        encoding="utf-8",
    )
    corpus = read_folder(tmp_path)
    assert corpus.read[0].format == "csv"
    assert [key(r) for r in corpus.records] == [
        (Kind.TWEET, "Inui!", "1013861278670340098", "nao_tokyo", "Nao Okada",
         datetime(2018, 7, 2, 19, 5, 12, tzinfo=UTC)),
    ]  # fmt: skip


def test_records_files_are_recognised_by_their_keys() -> None:
    header = ",".join(NAMES) + "\n"
    assert detect(header, path="records.csv").name == "records"
    assert detect(header, path="renamed.txt").name == "records"
    assert detect('{"record_id": "1", "kind": "tweet", "text": "x"}\n', path="x").name == "records"
    assert detect('{"record_id": "1", "text": "x"}\n', path="x").name == "json"


# Property: whatever the texts hold, both files give back what was written.

TEXT = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(["\n", "\n\n", "\t", '"', "'", ",", ";", "“", "”", "😀", "🇯🇵", "👍🏽",
                         "\u200d", "\u200f", "\u0301", " "]),
    ),
    max_size=60,
).map("".join)  # fmt: skip
ROW = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["tweet", "quote", "tweet link"]),
        "text": TEXT,
        "tweet_id": st.none() | st.integers(1, 2**63 - 1).map(str),
        "author_handle": st.none() | st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
        "author_name": st.none() | TEXT.filter(lambda s: s != ""),
        "posted_at": st.none()
        | st.datetimes(datetime(2006, 3, 21), datetime(2030, 1, 1), timezones=st.just(UTC)).map(
            lambda t: t.replace(microsecond=0)
        ),
    }
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=5))
def test_what_is_written_is_read_back(rows) -> None:
    written = [
        {**row, "record_id": f"{i:016x}", "posted_at": pd.Timestamp(row["posted_at"])
         if row["posted_at"] else None}
        for i, row in enumerate(rows)
    ]  # fmt: skip
    expected = [
        (Kind(r["kind"]), r["text"], r["tweet_id"], r["author_handle"], r["author_name"],
         r["posted_at"])
        for r in rows
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for path in write_both(Path(folder), written):
            corpus = read_folder(path)
            assert [key(r) for r in corpus.records] == expected
            assert corpus.read[0].problem_count == 0
