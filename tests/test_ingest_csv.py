"""CSV and TSV exports: columns found by name, quoted line breaks, padding rows, BOM and CRLF."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.base import Problems, ReadOptions, UnusableFile
from analyzer.ingest.csv_export import looks_like_export, read_csv_export, read_header
from analyzer.records import TimeOrigin

from .conftest import DATA, labelled_file

EXPORT = DATA / "streams" / "export.csv"
FIFA = DATA / "streams" / "fifa_2014.tsv"
NO_TEXT = DATA / "streams" / "no_text.csv"


def read(source: Path | str, **options) -> tuple[list, list[tuple[int | None, str]]]:
    problems = Problems("f")
    if isinstance(source, Path):
        stream = source.open(encoding="utf-8-sig", newline="")
    else:
        stream = io.StringIO(source, newline="")
    with stream:
        records = list(
            read_csv_export(stream, path="f", options=ReadOptions(**options), problems=problems)
        )
    return records, [(p.line, p.message) for p in problems.kept]


def test_an_export_with_bom_crlf_padding_rows_and_a_quoted_line_break() -> None:
    records, problems = read(EXPORT)
    assert [
        (r.source.line, r.source.position, r.author.handle, r.author.name) for r in records
    ] == [
        (2, 0, "tsubasa_fc", "Tsubasa"),
        (3, 1, "kalinka_be", "Kalinka, Ghent"),
        (7, 2, "mister_okada", "Okada"),
        (8, 3, "leuven_lou", "Lou"),
        (9, 4, "lost_digits", "Excel User"),
    ]
    # The padding rows (,,,,,) and the blank last line are not records and not problems.
    assert problems == [(9, "id '1.01387E+18' is not a tweet id")]
    assert [r.text for r in records[:2]] == [
        "Inui!!! What a hit, 2-0!!! #JPN",
        'Belgium 0-2 Japan.\nI repeat:\n"Belgium 0-2 Japan" @BelRedDevils',
    ]
    assert (records[0].hashtags, records[1].mentions) == (("JPN",), ("BelRedDevils",))
    assert [r.lang for r in records] == ["en"] * 5
    text = EXPORT.read_bytes().decode("utf-8-sig")
    assert [text[r.source.offset :][:19] for r in records[:4]] == [r.tweet_id for r in records[:4]]


def test_times_from_the_column_or_from_the_id() -> None:
    records = read(EXPORT)[0]
    assert [(r.posted_at, r.time_origin, r.tweet_id) for r in records] == [
        (datetime(2018, 7, 2, 19, 10, 22, tzinfo=UTC), TimeOrigin.FIELD, "1013862462959792129"),
        (datetime(2018, 7, 2, 19, 12, 47, tzinfo=UTC), TimeOrigin.FIELD, "1013863069183000578"),
        # No date in the row: the id's.
        (datetime(2018, 7, 2, 19, 20, 3, 777000, tzinfo=UTC), TimeOrigin.TWEET_ID, "1013864901096722435"),
        (datetime(2018, 7, 2, 19, 30, 5, tzinfo=UTC), TimeOrigin.FIELD, "1013867425326456832"),
        (datetime(2018, 7, 2, 19, 40, 10, tzinfo=UTC), TimeOrigin.FIELD, None),
    ]  # fmt: skip


def test_naive_times_are_read_in_the_zone_given() -> None:
    records = read(EXPORT, naive_timezone=ZoneInfo("Europe/Brussels"))[0]
    assert [r.posted_at for r in records] == [
        datetime(2018, 7, 2, 17, 10, 22, tzinfo=UTC),
        datetime(2018, 7, 2, 17, 12, 47, tzinfo=UTC),
        datetime(2018, 7, 2, 19, 20, 3, 777000, tzinfo=UTC),  # from the id: no zone to apply
        datetime(2018, 7, 2, 19, 30, 5, tzinfo=UTC),  # "+0000" says its zone
        datetime(2018, 7, 2, 17, 40, 10, tzinfo=UTC),
    ]


def test_a_tab_separated_file_without_times() -> None:
    records, problems = read(FIFA)
    assert problems == []
    assert [(r.source.line, r.text, r.posted_at, r.time_origin) for r in records] == [
        (2, "Neymar and Brazil underway in Sao Paulo #WorldCup2014 #BRA",
         datetime(2014, 6, 12, 20, 5, 12, 345000, tzinfo=UTC), TimeOrigin.TWEET_ID),
        (3, "Own goal Marcelo!!! Croatia lead 1-0 😱",
         datetime(2014, 6, 12, 20, 11, 40, tzinfo=UTC), TimeOrigin.TWEET_ID),
        (4, "Brazil win 3-1.\n\nThat penalty though...",
         datetime(2014, 6, 12, 21, 47, 30, 250000, tzinfo=UTC), TimeOrigin.TWEET_ID),
        # An id from before snowflakes: no time to be had.
        (7, "An old tweet from before snowflake ids", None, None),
    ]  # fmt: skip
    assert [r.author.handle for r in records] == [None] * 4


def test_the_shared_fifa_2014_file_reads_whole() -> None:
    records, problems = read(labelled_file("football-labelled", "fifa2014_train.tsv"))
    assert len(records) == 21_343
    assert problems == []
    assert (records[0].tweet_id, records[0].text) == (
        "477200304224485376",
        "Line of cocaine!! #soccer #WorldCup",
    )
    assert records[0].posted_at == datetime(2014, 6, 12, 21, 26, 33, 137000, tzinfo=UTC)
    days = {r.posted_at.date() for r in records if r.posted_at is not None}
    assert min(days).isoformat() >= "2014-06-01" and max(days).isoformat() <= "2014-07-31"


def test_a_csv_without_a_text_column_is_unusable() -> None:
    with pytest.raises(UnusableFile) as error:
        read(NO_TEXT)
    assert str(error.value) == (
        "CSV without a text column I know (columns: id, label, score); "
        "name the one holding the tweets with --text-column"
    )


def test_columns_can_be_named() -> None:
    text = "status;posted;body\n1013862462959792129;2018-07-02 19:10:22;Inui!!!\n"
    with pytest.raises(
        UnusableFile, match=r"^CSV without a text column I know \(columns: status, posted, body\)"
    ):
        read(text)
    records, problems = read(text, text_column="Body", time_column="POSTED")
    assert problems == []
    assert [(r.text, r.tweet_id, r.posted_at) for r in records] == [
        ("Inui!!!", None, datetime(2018, 7, 2, 19, 10, 22, tzinfo=UTC))
    ]
    with pytest.raises(UnusableFile) as error:
        read(text, text_column="tweet")
    assert (
        str(error.value)
        == "no column 'tweet' (--text-column); the columns are status, posted, body"
    )


@pytest.mark.parametrize(
    ("header", "delimiter", "columns"),
    [
        ("id,text,created_at", ",", ("id", "text", "created_at")),
        ("id\ttweet\tlabel", "\t", ("id", "tweet", "label")),
        ("id;Text;date", ";", ("id", "Text", "date")),
        ("id|rawContent|date", "|", ("id", "rawContent", "date")),
        ('"Tweet Id","Date Created","Text, as written"', ",", ("Tweet Id", "Date Created", "Text, as written")),
        ("\ufeffText,Date", ",", ("Text", "Date")),
        ("a;b;c,d", ";", ("a", "b", "c,d")),  # no text column: the delimiter that splits most
    ],
)  # fmt: skip
def test_the_header_and_its_delimiter(header, delimiter, columns) -> None:
    assert (read_header(header).delimiter, read_header(header).columns) == (delimiter, columns)


@pytest.mark.parametrize(
    ("head", "path", "expected"),
    [
        ("id,text,created_at\n1,hi,", "tweets.txt", True),
        ("Tweet Id\tDate Created\tTweet\n", "export", True),
        ("id,label\n1,2\n", "scores.csv", True),  # named .csv: read, and told unusable
        ("id,label\n1,2\n", "scores.txt", False),
        ("text\nhello\n", "notes.txt", False),  # one word on a line is prose
        ("The text, as we know it, is long.\n", "article.txt", False),
        ("", "empty.csv", False),
        ("id,text\r1,hi\r", "old_mac_excel", True),  # line ends of a lone CR
        ('"\r0', "x", False),
    ],
)
def test_looks_like_an_export(head, path, expected) -> None:
    assert looks_like_export(head, path=path) is expected


def test_rows_that_cannot_be_used_are_reported() -> None:
    text = (
        "id,text,date\n"
        "1013862462959792129,,2018-07-02\n"  # no text
        "1013862462959792129,short row\n"
        "1013862462959792129,one too many,2018-07-02,extra\n"
        "1013862462959792129,trailing delimiter,2018-07-02,\n"  # an empty extra: fine
        "1013862462959792129,odd time,in the second half\n"
        f'1,"{"x" * 140_000}",2018-07-02\n'  # past the csv module's own field limit: read
        "1013862462959792129,after all that,2018-07-02\n"
    )
    records, problems = read(text)
    assert [(r.source.line, r.text) for r in records] == [
        (5, "trailing delimiter"),
        (6, "odd time"),
        (7, "x" * 140_000),
        (8, "after all that"),
    ]
    assert records[1].time_origin is TimeOrigin.TWEET_ID
    assert problems == [
        (2, "no text in column 'text'; skipped"),
        (3, "the row has 2 fields, the header 3; skipped"),
        (4, "the row has 4 fields, the header 3; skipped"),
        (6, "time 'in the second half' is not one I can read"),
    ]


def test_an_open_quote_that_swallows_rows_is_reported() -> None:
    rows = "".join(f"{i},row {i},\n" for i in range(150))
    text = 'id,text,date\n1,"open quote,\n' + rows + '",2018-07-02\n2,closed,2018-07-02\n'
    records, problems = read(text)
    assert [(r.source.line, r.text) for r in records] == [(154, "closed")]
    assert problems == [(2, "the row runs to line 153 (a quote left open?); skipped")]


def test_a_file_with_lone_cr_line_ends() -> None:
    records, problems = read('id,text\r1013862462959792129,"Inui!\rWhat a hit"\r2,second\r')
    assert problems == []
    assert [(r.source.line, r.text) for r in records] == [(2, "Inui!\nWhat a hit"), (4, "second")]


def test_a_status_link_column_gives_the_id_and_handle() -> None:
    text = "url,content\nhttps://x.com/kenta_blue/status/1013861199916969985,JAPAN LEAD!\n"
    records, problems = read(text)
    assert problems == []
    assert [(r.tweet_id, r.author.handle, r.time_origin) for r in records] == [
        ("1013861199916969985", "kenta_blue", TimeOrigin.TWEET_ID)
    ]


@given(st.text(max_size=300))
def test_any_text_is_read_without_raising_more_than_unusable(text) -> None:
    try:
        read(text)
    except UnusableFile as error:  # the one way a whole file is refused, and it says why
        assert str(error).startswith("CSV without a text column I know (columns: ")


CELL = st.text(max_size=20).filter(lambda s: not any(c in s for c in '"\r\n'))


@given(
    text=st.text(min_size=1, max_size=200).filter(str.strip),
    handle=st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    delimiter=st.sampled_from([",", "\t", ";"]),
    before=st.lists(st.lists(CELL, min_size=1, max_size=4), max_size=4),
    after=st.lists(st.lists(CELL, min_size=1, max_size=4), max_size=4),
)
def test_a_tweet_row_among_garbage_rows_is_read_back_whole(
    text, handle, delimiter, before, after
) -> None:
    out = io.StringIO(newline="")
    out.write(delimiter.join(["tweet_id", "created_at", "username", "text"]) + "\r\n")
    for cells in before:
        out.write(delimiter.join(cells) + "\r\n")
    csv.writer(out, delimiter=delimiter).writerow(
        ["1013862462959792129", "2018-07-02 19:10:22", handle, text]
    )
    for cells in after:
        out.write(delimiter.join(cells) + "\r\n")
    records, _ = read(out.getvalue())
    found = [r for r in records if r.tweet_id == "1013862462959792129"]
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert [(r.text, r.author.handle) for r in found] == [(expected, handle)]
    assert found[0].posted_at == datetime(2018, 7, 2, 19, 10, 22, tzinfo=UTC)


def test_a_long_field_is_read_and_the_csv_limit_is_left_as_it_was(tmp_path) -> None:
    import csv

    from analyzer.ingest import read_folder

    before = csv.field_size_limit()
    long_text = "Goal! " + "a" * 200_000  # longer than the csv module's default limit
    (tmp_path / "x.csv").write_text(f'text,created_at\n"{long_text}",2018-07-02T19:05:00Z\n')
    corpus = read_folder(tmp_path)
    assert [r.text for r in corpus.records] == [long_text]
    assert csv.field_size_limit() == before
