"""Real tools' CSV exports: each one's columns (author, retweets, counts, language, time) and what is said about them."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.base import Problems, ReadOptions
from analyzer.ingest.csv_export import normalise, read_csv_export
from analyzer.ingest.folder import read_folder
from analyzer.matches import shipped
from analyzer.synthetic import write_stream

from .conftest import DATA

# Apart from tests/data/streams, whose mix of small files other tests pin file by file.
KAGGLE = DATA / "exports" / "kaggle_qat_ecu.csv"
TWITTER_R = DATA / "exports" / "twitter_r_qat_ecu.csv"
QAT_ECU_KICKOFF = datetime(2022, 11, 20, 16, 0, tzinfo=UTC)
RE_RT = re.compile(r"RT @(\w+): ")
RETWEET_COUNTS = 641  # the twitteR fixture's retweetCount column, added up


def read_text(text: str, **options) -> tuple[list, list[str], list[str]]:
    problems = Problems("f")
    stream = io.StringIO(text, newline="")
    records = list(
        read_csv_export(stream, path="f", options=ReadOptions(**options), problems=problems)
    )
    return records, [str(p) for p in problems.kept], problems.notes


def rows_of(path: Path, encoding: str) -> list[list[str]]:
    """The file's rows as csv reads them, padding rows left out, without the header."""
    raw = path.read_bytes().decode(encoding)
    return [row for row in csv.reader(io.StringIO(raw, newline="")) if any(row)][1:]


def table(columns: list[str], *rows: dict[str, str]) -> str:
    """A CSV with these columns; each row names the fields it fills, the others are empty."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        assert set(row) <= set(columns), set(row) - set(columns)
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


# -- the Kaggle World Cup 2022 shape ---------------------------------------------------------


def test_the_kaggle_export_is_read_whole_with_what_was_understood() -> None:
    corpus = read_folder(KAGGLE)
    [read] = corpus.read
    assert (read.format, read.total, read.problem_count) == ("csv", 400, 0)
    assert read.notes == (
        "read text from 'Tweet', time from 'Date Created', likes from 'Number of Likes'; "
        "no column for author, author name, retweet counts, retweets, language or tweet id",
        "501 empty rows skipped",
        '82 rows starting "RT @handle:" read as retweets of that handle',
    )
    raw = KAGGLE.read_bytes().decode("utf-8")
    # The shape: an unnamed index column, CRLF, and as many padding rows as the note says.
    assert raw.startswith(",Date Created,Number of Likes,Source of Tweet,Tweet,Sentiment\r\n")
    assert raw.count("\r\n,,,,,\r\n") + raw.count(",,,,,\r\n,,,,,") >= 1
    assert sum(line == ",,,,," for line in raw.split("\r\n")) == 501


def test_the_kaggle_rows_are_the_records_in_order_with_their_lines() -> None:
    records = read_folder(KAGGLE).records
    lines = io.StringIO(KAGGLE.read_bytes().decode("utf-8"), newline="").readlines()
    # The index column counts the tweets: row n is record n, at the line the source says.
    assert [lines[r.source.line - 1].split(",", 1)[0] for r in records] == [
        str(i) for i in range(400)
    ]
    assert [r.source.position for r in records] == list(range(400))
    # Texts with line breaks span lines, counted as a text editor does: the last text takes
    # two lines, a padding row the file's last.
    assert (records[-1].source.line, len(lines), lines[-1]) == (943, 945, ",,,,,\r\n")
    assert lines[942].endswith("off\n") and lines[943].endswith('",positive\r\n')
    assert {(r.author.handle, r.author.name) for r in records} == {(None, None)}
    assert {r.retweet_count for r in records} == {None}
    assert (sum(r.likes for r in records), max(r.likes for r in records)) == (1947, 1535)
    assert records[0].likes == 4


def test_the_kaggle_retweets_name_the_retweeted_handle() -> None:
    records = read_folder(KAGGLE).records
    retweets = [r for r in records if r.is_retweet]
    assert len(retweets) == 82
    for record, row in zip(records, rows_of(KAGGLE, "utf-8"), strict=True):
        shown = RE_RT.match(row[4])
        assert record.is_retweet is (shown is not None)
        if shown is not None:
            # The text is the original's (as in every format), the handle its author's.
            assert record.retweet_of_handle == shown[1]
            assert record.text == row[4][shown.end() :]
        else:
            assert record.text == row[4]
    assert retweets[0].retweet_of_handle == "ren_willems601"


def test_the_kaggle_stream_starts_after_kick_off_and_runs_hours_past_the_whistle() -> None:
    times = [r.posted_at for r in read_folder(KAGGLE).records]
    assert times == sorted(times)
    assert times[0] == datetime(2022, 11, 20, 16, 7, 43, tzinfo=UTC)  # 7.7 minutes in
    assert times[-1] == datetime(2022, 11, 20, 23, 49, 45, tzinfo=UTC)
    # The match ends about 17:52 on the wall clock: 92 tweets come over an hour after it.
    late = [t for t in times if t > QAT_ECU_KICKOFF + timedelta(minutes=112 + 60)]
    assert len(late) == 92


def test_the_generator_writes_the_kaggle_fixture_byte_for_byte(tmp_path) -> None:
    path = tmp_path / "k.csv"
    write_stream(
        path,
        shipped().find("QAT-ECU"),
        tweets=400,
        fmt="kaggle",
        retweets=0.2,
        start_after=7,
        tail=6,
        host=0.3,
        seed=12,
    )
    assert path.read_bytes() == KAGGLE.read_bytes()


# -- R twitteR's searchTwitter, written by write.csv in cp1252 --------------------------------


def test_the_twitter_r_export_in_cp1252_gives_authors_and_retweets() -> None:
    corpus = read_folder(TWITTER_R)
    [read] = corpus.read
    assert (read.format, read.total) == ("csv", 200)
    # The only problem is the encoding: "…" is byte 0x85 in cp1252, not UTF-8.
    assert [str(p) for p in read.problems] == [
        "line 96: not UTF-8 (first at byte 27132: 0x85): read as cp1252 where it is not; "
        "if the text looks wrong, give the file's encoding with --encoding"
    ]
    assert read.notes == (
        "read text from 'text', time from 'created', author from 'screenName', likes from "
        "'favoriteCount', retweet counts from 'retweetCount', retweets from 'isRetweet', "
        "tweet id from 'id'; no column for author name or language",
        "times without a time zone read as UTC (--naive-timezone)",
        "R's <U+...> escapes turned back into characters in 120 texts",
    )
    records = corpus.records
    assert all(r.author.handle for r in records)
    assert len({r.author.handle for r in records}) == 193
    assert (records[0].author.handle, records[0].tweet_id) == ("JanJ1841", "1594349073286959105")
    assert records[0].mentions == ("itoqat35",)
    retweets = [r for r in records if r.is_retweet]
    assert len(retweets) == 59
    for record, row in zip(records, rows_of(TWITTER_R, "cp1252"), strict=True):
        assert (row[13] == "TRUE") is record.is_retweet
        assert (row[11], row[8], int(row[3]), int(row[12])) == (
            record.author.handle,
            record.tweet_id,
            record.likes,
            record.retweet_count,
        )
        if record.is_retweet:
            assert row[1].startswith(f"RT @{record.retweet_of_handle}: ")
    assert (retweets[0].author.handle, retweets[0].retweet_of_handle) == (
        "woutersqat98",
        "robin_lopez973",
    )
    assert sum(r.likes for r in records) == 1058
    assert sum(r.retweet_count for r in records) == RETWEET_COUNTS


def test_the_twitter_r_emoji_escapes_and_naive_times() -> None:
    records = read_folder(TWITTER_R).records
    assert not any("<U+" in r.text for r in records)
    assert sum("👏" in r.text for r in records) == 10
    assert records[0].posted_at == datetime(2022, 11, 20, 15, 16, 55, tzinfo=UTC)
    doha = read_folder(TWITTER_R, options=ReadOptions(naive_timezone=ZoneInfo("Asia/Qatar")))
    assert doha.records[0].posted_at == datetime(2022, 11, 20, 12, 16, 55, tzinfo=UTC)
    assert "times without a time zone read as Asia/Qatar (--naive-timezone)" in doha.read[0].notes


def test_the_generator_writes_the_twitter_r_fixture_byte_for_byte(tmp_path) -> None:
    path = tmp_path / "r.csv"
    write_stream(
        path,
        shipped().find("QAT-ECU"),
        tweets=200,
        fmt="twitter-r",
        retweets=0.35,
        host=0.2,
        seed=5,
    )
    assert path.read_bytes() == TWITTER_R.read_bytes()


# -- each tool's own column names ---------------------------------------------------------------

# twarc's json2csv.py get_headings(), in its order.
TWARC_COLUMNS = (  # noqa: SIM905 (column lists read best as text)
    "id tweet_url created_at parsed_created_at user_screen_name text tweet_type coordinates "
    "hashtags media urls favorite_count in_reply_to_screen_name in_reply_to_status_id "
    "in_reply_to_user_id lang place possibly_sensitive retweet_count retweet_or_quote_id "
    "retweet_or_quote_screen_name retweet_or_quote_user_id source user_id user_created_at "
    "user_default_profile_image user_description user_favourites_count user_followers_count "
    "user_friends_count user_listed_count user_location user_name user_statuses_count "
    "user_time_zone user_urls user_verified"
).split()
# twarc-csv's DEFAULT_TWEET_COLUMNS (the ones that matter here, in its order).
TWARC_CSV_COLUMNS = [
    "id", "conversation_id", "referenced_tweets.replied_to.id", "referenced_tweets.retweeted.id",
    "referenced_tweets.quoted.id", "author_id", "in_reply_to_user_id", "in_reply_to_username",
    "retweeted_user_id", "retweeted_username", "quoted_user_id", "quoted_username", "created_at",
    "text", "lang", "source", "public_metrics.impression_count", "public_metrics.reply_count",
    "public_metrics.retweet_count", "public_metrics.quote_count", "public_metrics.like_count",
    "author.id", "author.created_at", "author.username", "author.name",
    "author.public_metrics.followers_count",
]  # fmt: skip
# rtweet's tweets data frame (0.7), a selection in its order, as write_as_csv writes it.
RTWEET_COLUMNS = [
    "user_id", "status_id", "created_at", "screen_name", "text", "source", "is_quote",
    "is_retweet", "favorite_count", "retweet_count", "lang", "retweet_status_id", "retweet_text",
    "retweet_created_at", "retweet_screen_name", "retweet_name", "name", "favourites_count",
]  # fmt: skip
# Twint's write_meta.py tweetFieldnames().
TWINT_COLUMNS = (  # noqa: SIM905
    "id conversation_id created_at date time timezone user_id username name place tweet language "
    "mentions urls photos replies_count retweets_count likes_count hashtags cashtags link retweet "
    "quote_url video thumbnail near geo source user_rt_id user_rt retweet_id reply_to "
    "retweet_date translate trans_src trans_dest"
).split()
# A v1.1 status flattened by pandas.json_normalize, as tweepy users save them.
TWEEPY_COLUMNS = [
    "created_at", "id", "id_str", "full_text", "truncated", "user.id", "user.name",
    "user.screen_name", "user.favourites_count", "retweet_count", "favorite_count", "favorited",
    "retweeted", "lang", "retweeted_status.id", "retweeted_status.id_str",
    "retweeted_status.full_text", "retweeted_status.user.screen_name",
]  # fmt: skip
# The Kaggle "FIFA World Cup 2018 Tweets" set (FIFA.csv).
FIFA_2018_COLUMNS = (  # noqa: SIM905
    "ID lang Date Source len Orig_Tweet Tweet Likes RTs Hashtags UserMentionNames UserMentionID "
    "Name Place Followers Friends"
).split()

ORIGINAL = "Belgium 0-2 Japan. I repeat: Belgium 0-2 Japan. Unreal"


def fields(record) -> tuple:
    return (
        record.author.handle, record.author.name, record.posted_at, record.tweet_id,
        record.is_retweet, record.retweet_of, record.retweet_of_handle, record.text,
        record.likes, record.retweet_count, record.lang,
    )  # fmt: skip


AT = datetime(2018, 7, 2, 19, 12, 47, tzinfo=UTC)

TOOLS = {
    "twarc json2csv": (
        table(
            TWARC_COLUMNS,
            {
                "id": "1013863069183000578",
                "created_at": "Mon Jul 02 19:12:47 +0000 2018",
                "parsed_created_at": "2018-07-02 19:12:47+00:00",
                "user_screen_name": "kalinka_be",
                "text": "RT @BelRedDevils: " + ORIGINAL,
                "tweet_type": "retweet",
                "favorite_count": "0",
                "retweet_count": "57",
                "lang": "en",
                "retweet_or_quote_id": "1013862462959792129",
                "retweet_or_quote_screen_name": "BelRedDevils",
                "user_name": "Kalinka, Ghent",
                "user_favourites_count": "9999",
            },
            {  # a quote: its retweet_or_quote columns name the quoted tweet, not a retweet
                "id": "1013863069183000579",
                "created_at": "Mon Jul 02 19:12:47 +0000 2018",
                "user_screen_name": "lou",
                "text": "This!",
                "tweet_type": "quote",
                "retweet_or_quote_id": "1013862462959792129",
                "retweet_or_quote_screen_name": "BelRedDevils",
            },
        ),
        [
            (
                "kalinka_be",
                "Kalinka, Ghent",
                AT,
                "1013863069183000578",
                True,
                "1013862462959792129",
                "BelRedDevils",
                ORIGINAL,
                0,
                57,
                "en",
            ),
            ("lou", None, AT, "1013863069183000579", False, None, None, "This!", None, None, None),
        ],
        "read text from 'text', time from 'created_at', author from 'user_screen_name', "
        "author name from 'user_name', likes from 'favorite_count', retweet counts from "
        "'retweet_count', retweets from 'tweet_type', language from 'lang', tweet id from 'id'",
    ),
    "twarc-csv": (
        table(
            TWARC_CSV_COLUMNS,
            {
                "id": "1013863069183000578",
                "referenced_tweets.retweeted.id": "1013862462959792129",
                "retweeted_username": "BelRedDevils",
                "created_at": "2018-07-02T19:12:47.000Z",
                "text": ORIGINAL,
                "lang": "en",
                "public_metrics.retweet_count": "57",
                "public_metrics.like_count": "0",
                "author.username": "kalinka_be",
                "author.name": "Kalinka",
                "author.public_metrics.followers_count": "12",
            },
        ),
        [
            (
                "kalinka_be",
                "Kalinka",
                AT,
                "1013863069183000578",
                True,
                "1013862462959792129",
                "BelRedDevils",
                ORIGINAL,
                0,
                57,
                "en",
            ),
        ],
        "read text from 'text', time from 'created_at', author from 'author.username', author "
        "name from 'author.name', likes from 'public_metrics.like_count', retweet counts from "
        "'public_metrics.retweet_count', retweets from 'referenced_tweets.retweeted.id', "
        "'retweeted_username', language from 'lang', tweet id from 'id'",
    ),
    "rtweet": (
        table(
            RTWEET_COLUMNS,
            {
                "user_id": "x111",
                "status_id": "x1013863069183000578",
                "created_at": "2018-07-02 19:12:47",
                "screen_name": "kalinka_be",
                "text": "RT @BelRedDevils: Belgium 0-2 Japan. I repeat: Belgium 0-2 Ja…",
                "is_retweet": "TRUE",
                "favorite_count": "0",
                "retweet_count": "57",
                "lang": "en",
                "retweet_status_id": "x1013862462959792129",
                "retweet_text": ORIGINAL,
                "retweet_screen_name": "BelRedDevils",
                "name": "Kalinka",
                "favourites_count": "9999",
            },
        ),
        [
            (
                "kalinka_be",
                "Kalinka",
                AT,
                "1013863069183000578",
                True,
                "1013862462959792129",
                "BelRedDevils",
                ORIGINAL,
                0,
                57,
                "en",
            ),
        ],
        "read text from 'text', time from 'created_at', author from 'screen_name', author "
        "name from 'name', likes from 'favorite_count', retweet counts from 'retweet_count', "
        "retweets from 'is_retweet', 'retweet_status_id', 'retweet_screen_name', language from "
        "'lang', tweet id from 'status_id'",
    ),
    "Twint": (
        table(
            TWINT_COLUMNS,
            {
                "id": "1013863069183000578",
                "conversation_id": "1013863069183000578",
                "created_at": "2018-07-02 21:12:47 CEST",
                "date": "2018-07-02",
                "time": "21:12:47",
                "timezone": "+0200",
                "user_id": "111",
                "username": "kalinka_be",
                "name": "Kalinka",
                "tweet": ORIGINAL,
                "language": "en",
                "retweets_count": "57",
                "likes_count": "3",
                "link": "https://twitter.com/kalinka_be/status/1013863069183000578",
                "retweet": "False",
            },
        ),
        [
            (
                "kalinka_be",
                "Kalinka",
                AT,
                "1013863069183000578",
                False,
                None,
                None,
                ORIGINAL,
                3,
                57,
                "en",
            ),
        ],
        "read text from 'tweet', time from 'date' + 'time' + 'timezone', author from "
        "'username', author name from 'name', likes from 'likes_count', retweet counts from "
        "'retweets_count', retweets from 'retweet', 'retweet_id', language from 'language', "
        "tweet id from 'id'",
    ),
    "tweepy, flattened by pandas": (
        table(
            TWEEPY_COLUMNS,
            {
                "created_at": "Mon Jul 02 19:12:47 +0000 2018",
                "id": "1013863069183000578",
                "id_str": "1013863069183000578",
                "full_text": "RT @BelRedDevils: Belgium 0-2 Japan. I repeat: Belgium 0-2 Ja…",
                "user.id": "111",
                "user.name": "Kalinka",
                "user.screen_name": "kalinka_be",
                "user.favourites_count": "9999",
                "retweet_count": "57",
                "favorite_count": "0",
                "favorited": "False",
                "retweeted": "False",
                "lang": "en",
                "retweeted_status.id": "1.013862462959792e+18",
                "retweeted_status.id_str": "1013862462959792129",
                "retweeted_status.full_text": ORIGINAL,
                "retweeted_status.user.screen_name": "BelRedDevils",
            },
            {  # an original: "retweeted" (by the collecting account) says nothing of it
                "created_at": "Mon Jul 02 19:12:47 +0000 2018",
                "id": "1013863069183000579",
                "id_str": "1013863069183000579",
                "full_text": "Inui!!!",
                "user.id": "112",
                "user.name": "Lou",
                "user.screen_name": "lou",
                "retweet_count": "0",
                "favorite_count": "2.0",
                "favorited": "True",
                "retweeted": "True",
                "lang": "en",
            },
        ),
        [
            (
                "kalinka_be",
                "Kalinka",
                AT,
                "1013863069183000578",
                True,
                "1013862462959792129",
                "BelRedDevils",
                ORIGINAL,
                0,
                57,
                "en",
            ),
            ("lou", "Lou", AT, "1013863069183000579", False, None, None, "Inui!!!", 2, 0, "en"),
        ],
        "read text from 'full_text', time from 'created_at', author from 'user.screen_name', "
        "author name from 'user.name', likes from 'favorite_count', retweet counts from "
        "'retweet_count', retweets from 'retweeted_status.id_str', "
        "'retweeted_status.user.screen_name', language from 'lang', tweet id from 'id_str'",
    ),
    "Kaggle FIFA 2018": (
        table(
            FIFA_2018_COLUMNS,
            {
                "ID": "1013863069183000578",
                "lang": "en",
                "Date": "2018-07-02 19:12:47",
                "Source": "Twitter for Android",
                "len": "140",
                "Orig_Tweet": "RT @Squawka: " + ORIGINAL,
                "Tweet": "Belgium Japan I repeat",
                "Likes": "0",
                "RTs": "477",
                "Name": "Cayleb",
                "Followers": "861",
            },
        ),
        [
            (
                None,
                "Cayleb",
                AT,
                "1013863069183000578",
                True,
                None,
                "Squawka",
                ORIGINAL,
                0,
                477,
                "en",
            ),
        ],
        "read text from 'Orig_Tweet', time from 'Date', author name from 'Name', likes from "
        "'Likes', retweet counts from 'RTs', language from 'lang', tweet id from 'ID'; "
        "no column for author or retweets",
    ),
}


@pytest.mark.parametrize("tool", list(TOOLS))
def test_each_tools_columns_are_recognised(tool) -> None:
    text, expected, described = TOOLS[tool]
    records, problems, notes = read_text(text)
    assert problems == []
    assert [fields(r) for r in records] == expected
    assert notes[0] == described


def test_rtweet_and_spreadsheet_ids() -> None:
    text = "status_id,text\nx1013863069183000578,a\n1.01386E+18,b\n"
    records, problems, _ = read_text(text)
    assert [r.tweet_id for r in records] == ["1013863069183000578", None]
    assert problems == ["line 3: id '1.01386E+18' is not a tweet id"]


def test_counts_that_are_missing_or_not_counts() -> None:
    text = "text,favoriteCount,retweetCount\na,NA,12.0\nb,,7\nc,many,3\n"
    records, problems, _ = read_text(text)
    assert [(r.likes, r.retweet_count) for r in records] == [(None, 12), (None, 7), (None, 3)]
    assert problems == ["line 4: likes 'many' is not a count"]


def test_a_retweet_column_that_says_no_does_not_outweigh_the_text() -> None:
    text = 'screenName,text,isRetweet\nlou,"RT @CarefreeDailyFC: Japan lead!",FALSE\nkim,Hi,FALSE\n'
    records, _, notes = read_text(text)
    assert [(r.is_retweet, r.retweet_of_handle, r.text) for r in records] == [
        (True, "CarefreeDailyFC", "Japan lead!"),
        (False, None, "Hi"),
    ]
    assert notes[1] == (
        '1 row starting "RT @handle:" read as retweets of that handle, '
        "though the retweet columns did not say so"
    )


def test_empty_rows_are_counted_not_reported() -> None:
    text = ",Date Created,Tweet\r\n0,2022-11-20 16:07:43+00:00,Hi\r\n,,\r\n,,\r\n1,,Yo\r\n,,\r\n"
    records, problems, notes = read_text(text)
    assert ([r.text for r in records], problems) == (["Hi", "Yo"], [])
    assert notes == [
        "read text from 'Tweet', time from 'Date Created'; no column for author, author name, "
        "likes, retweet counts, retweets, language or tweet id",
        "3 empty rows skipped",
    ]


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("screenName", "screen_name"),
        ("isRetweet", "is_retweet"),
        ("favoriteCount", "favorite_count"),
        ("user.screen_name", "user_screen_name"),
        ("Date Created", "date_created"),
        ("Number of Likes", "number_of_likes"),
        ("RTs", "rts"),
        ("Orig_Tweet", "orig_tweet"),
        ("public_metrics.like_count", "public_metrics_like_count"),
        ("\ufeffID", "id"),
        ("rawContent", "raw_content"),
    ],
)
def test_column_names_compare_across_cases(name, normal) -> None:
    assert normalise(name) == normal


@given(
    handle=st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    rest=st.text(min_size=1, max_size=100).filter(lambda s: s.strip() and s[0] not in " \r\n"),
)
def test_any_rt_handle_text_is_a_retweet_of_that_handle(handle, rest) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["text", "is_retweet"])
    writer.writerow([f"RT @{handle}: {rest}", "false"])
    records, _, _ = read_text(out.getvalue())
    assert [(r.is_retweet, r.retweet_of_handle) for r in records] == [(True, handle)]
    assert records[0].text == rest.replace("\r\n", "\n").replace("\r", "\n")


def test_generated_exports_read_back_with_their_authors_and_counts(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    summary = write_stream(path, shipped().find("BEL-JPN"), tweets=500, fmt="twitter-r", seed=3)
    records = read_folder(path).records
    assert len(records) == 500
    assert sum(r.is_retweet for r in records) == summary.retweets
    assert all(r.author.handle for r in records)
