"""CSV and TSV tweet exports with a header row -> records, their columns found by name.

The header is found by trying each delimiter for a known text column, not by
csv.Sniffer, which guesses from the whole sample and is misled by commas inside tweets.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TextIO

from analyzer.ingest.base import Problems, ReadOptions, UnusableFile
from analyzer.ingest.entities import text_entities
from analyzer.ingest.tweet_ids import handle_from_url, parse_time, posted, tweet_id_from_url
from analyzer.records import Author, Kind, Record, Source

# Column names as exporters write them, normalised (see normalise: "screenName" and
# "user.screen_name" become screen_name and user_screen_name), best first. Checked against each
# tool's own column list: twitteR's df_columns.R (text, created, id, screenName, isRetweet,
# favoriteCount, retweetCount), twarc's json2csv.py (user_screen_name, user_name, tweet_type,
# retweet_or_quote_id and _screen_name, favorite_count, retweet_count, lang), twarc-csv's
# dataframe_converter.py (author.username, author.name, referenced_tweets.retweeted.id,
# retweeted_username, public_metrics.like_count and .retweet_count), rtweet's tweets data
# (status_id, screen_name, name, is_retweet, retweet_status_id, retweet_screen_name,
# retweet_text, favorite_count, retweet_count, lang), Twint's write_meta.py (username, name,
# date, time, timezone, tweet, language, likes_count, retweets_count, retweet, retweet_id),
# tweepy statuses flattened by pandas (user.screen_name, user.name, retweeted_status.id_str,
# retweeted_status.user.screen_name, retweeted_status.full_text) and the Kaggle World Cup sets
# (2022: Date Created, Number of Likes, Source of Tweet, Tweet, Sentiment; 2018: ID, lang,
# Date, Orig_Tweet, Tweet, Likes, RTs, Name).
# full_text before text, since both appear in v1.1 dumps and only full_text is whole;
# orig_tweet before tweet, since the Kaggle 2018 set's Tweet is its Orig_Tweet cleaned.
TEXT_COLUMNS = (
    "full_text", "raw_content", "rendered_content", "text", "orig_tweet", "tweet", "tweet_text",
    "content",
)  # fmt: skip
# posted_at, author_handle and author_name are this tool's own records.csv.
TIME_COLUMNS = (
    "created_at", "posted_at", "created", "date", "date_created", "datetime", "timestamp", "time",
    "tweet_date",
)  # fmt: skip
ID_COLUMNS = ("id_str", "tweet_id", "status_id", "id")
HANDLE_COLUMNS = (
    "screen_name", "username", "user_screen_name", "user_username", "author_username",
    "author_handle", "handle", "author", "user",
)  # fmt: skip
# twarc's user_name and a flattened tweepy status's user.name are the display name.
NAME_COLUMNS = (
    "name", "display_name", "user_displayname", "displayname", "author_name", "user_display_name",
    "user_name",
)  # fmt: skip
URL_COLUMNS = ("url", "tweet_url", "status_url", "permalink", "link")
LANG_COLUMNS = ("lang", "language")
# Likes and retweets of the tweet itself; user_favourites_count and the like are the author's.
LIKES_COLUMNS = (
    "favorite_count", "like_count", "likes_count", "public_metrics_like_count", "number_of_likes",
    "likes", "favourite_count",
)  # fmt: skip
RETWEET_COUNT_COLUMNS = (
    "retweet_count", "retweets_count", "public_metrics_retweet_count", "number_of_retweets", "rts",
)  # fmt: skip
# Whether the row is a retweet. twitteR's and tweepy's "retweeted" say whether the collecting
# account retweeted it, not whether it is one: not among them.
RETWEET_FLAG_COLUMNS = ("is_retweet", "retweet")
# twarc's json2csv: "retweet", "quote", "reply" or "original"; its retweet_or_quote_* columns
# name the retweeted tweet only when this says retweet.
TWEET_TYPE_COLUMNS = ("tweet_type",)
RETWEET_ID_COLUMNS = (
    "retweeted_status_id_str", "retweeted_status_id", "retweet_status_id",
    "referenced_tweets_retweeted_id", "retweet_id", "retweeted_tweet_id",
)  # fmt: skip
RETWEET_HANDLE_COLUMNS = (
    "retweeted_status_user_screen_name", "retweet_screen_name", "retweeted_username",
    "retweeted_user_screen_name", "retweeted_tweet_user_username",
)  # fmt: skip
RETWEET_OR_QUOTE_ID, RETWEET_OR_QUOTE_HANDLE = "retweet_or_quote_id", "retweet_or_quote_screen_name"
# The retweeted tweet's own, whole text: a retweet's text is cut at 140 characters.
RETWEET_TEXT_COLUMNS = ("retweeted_status_full_text", "retweeted_status_text", "retweet_text")
# Twint writes the local date and time apart, with the collecting machine's UTC offset.
TWINT_TIME_COLUMNS = ("date", "time", "timezone")
TRUE_WORDS = frozenset({"true", "t", "1", "yes", "y"})
# How R, pandas and spreadsheets write a missing value in a column that has none.
MISSING_WORDS = frozenset({"na", "nan", "null", "none", "n/a"})

DELIMITERS = (",", "\t", ";", "|")
# A tweet has at most a few dozen line breaks; a row spanning more lines than this is most
# likely a stray quote that swallowed the rows after it.
MAX_ROW_LINES = 100
# A line longer than this is read in pieces and skipped, so that a file without line breaks
# cannot fill memory (the same bound as one JSON value). csv's own limit on a field, 128 Ki
# characters by default, is raised to it: a long tweet thread can pass the default.
MAX_LINE_CHARS = 64 << 20
# Columns named in a message, and characters of each.
SHOWN_COLUMNS = 20
SHOWN_NAME_CHARS = 40

RE_NAME_GAP = re.compile(r"[\s\-.]+")
# A lower-case letter or digit followed by a capital: where camelCase names break into words.
RE_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# rtweet's write_as_csv puts an "x" before ids, so that spreadsheets keep their digits.
RE_TWEET_ID = re.compile(r"x?([0-9]{1,20})")
# A retweet's text as Twitter wrote it: "RT @handle: the original text".
RE_RETWEET_TEXT = re.compile(r"RT @([A-Za-z0-9_]{1,15}):\s?")
RE_COUNT = re.compile(r"([0-9]{1,15})(?:\.0*)?")
RE_UTC_OFFSET = re.compile(r"([+-])([0-9]{2}):?([0-9]{2})")
# R on Windows writes a character its code page lacks (an emoji in cp1252) as "<U+1F602>".
RE_R_ESCAPE = re.compile(r"<U\+([0-9A-Fa-f]{4,6})>")
RE_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Header:
    """A CSV file's first row, and the delimiter that splits it."""

    delimiter: str
    columns: tuple[str, ...]

    def find(self, names: Iterable[str]) -> int | None:
        """The index of the first of ``names`` among the columns (names normalised)."""
        normal = [normalise(c) for c in self.columns]
        for name in names:
            if name in normal:
                return normal.index(name)
        return None

    def shown(self) -> str:
        names = [c[:SHOWN_NAME_CHARS] for c in self.columns[:SHOWN_COLUMNS]]
        more = len(self.columns) - SHOWN_COLUMNS
        return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def normalise(name: str) -> str:
    """A column name as compared: "Date Created", "dateCreated" and "date_created" are the same."""
    name = RE_CAMEL.sub("_", name.strip().lstrip("\ufeff").strip())
    return RE_NAME_GAP.sub("_", name).lower()


def read_header(first_line: str) -> Header:
    """The header row, split by the delimiter that finds a text column (else that splits most)."""
    best = Header(DELIMITERS[0], ())
    for delimiter in DELIMITERS:
        try:
            row = next(csv.reader([first_line.rstrip("\r\n")], delimiter=delimiter), [])
        except csv.Error:  # a quote left open: no header this delimiter can split
            continue
        header = Header(delimiter, tuple(c.lstrip("\ufeff") for c in row))
        if header.find(TEXT_COLUMNS) is not None and len(row) > 1:
            return header
        if len(row) > len(best.columns):
            best = header
    return best


def looks_like_export(head: str, *, path: str) -> bool:
    """A header row with a text column I know, or any header in a file named .csv or .tsv."""
    first_line = RE_LINE_BREAK.split(head.lstrip("\ufeff"), maxsplit=1)[0]
    if not first_line.strip():
        return False
    header = read_header(first_line)
    if path.lower().endswith((".csv", ".tsv", ".tab")):
        return True
    return len(header.columns) > 1 and header.find(TEXT_COLUMNS) is not None


def read_first_line(stream: TextIO) -> str:
    """The header row's line; unusable when it has no end in sight."""
    first_line = stream.readline(MAX_LINE_CHARS + 1)
    if len(first_line) > MAX_LINE_CHARS:
        raise UnusableFile(f"CSV whose first line is over {MAX_LINE_CHARS:,} characters")
    return first_line


@dataclass
class RowTally:
    """Rows passed over without a problem: empty ones (spreadsheet padding such as ``,,,,,``)."""

    empty: int = 0


def iter_rows(
    stream: TextIO,
    first_line: str,
    header: Header,
    *,
    problems: Problems,
    max_row_lines: int = MAX_ROW_LINES,
    tally: RowTally | None = None,
) -> Iterator[tuple[int, int, list[str]]]:
    """The line, character offset and fields of every row after the header.

    Rows whose fields do not match the header, that run over ``max_row_lines`` or that are not
    CSV are reported and skipped; empty rows (spreadsheet padding) are passed over, counted
    in ``tally`` when one is given.
    """
    width = len(header.columns)
    lines = _Lines(stream, first_line, problems)
    rows = csv.reader(lines, delimiter=header.delimiter)
    next(rows, None)  # the header, read before
    while True:
        line, offset = lines.count + 1, lines.chars
        try:
            with _field_limit(MAX_LINE_CHARS):
                row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.add(line, f"not CSV ({exc}); skipped")
            continue
        if not any(field.strip() for field in row):
            # A blank line ends many files: only rows with delimiters are padding to count.
            if tally is not None and row:
                tally.empty += 1
            continue
        if len(row) < width or any(row[width:]):
            problems.add(line, f"the row has {len(row)} fields, the header {width}; skipped")
            continue
        if lines.count - line >= max_row_lines:
            problems.add(line, f"the row runs to line {lines.count} (a quote left open?); skipped")
            continue
        yield line, offset, row


@contextmanager
def _field_limit(chars: int) -> Iterator[None]:
    """The csv module's field size limit raised to ``chars`` for one row, then put back.

    The limit is process-wide (131,072 by default, shorter than a long line we accept);
    holding it only while our parser reads keeps other code's CSV as it was.
    """
    before = csv.field_size_limit(chars)
    try:
        yield
    finally:
        csv.field_size_limit(before)


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each field of a tweet is in an export's rows (None: the export has no such column)."""

    text: int
    time: int | None
    tweet_id: int | None
    handle: int | None
    name: int | None
    url: int | None
    lang: int | None
    likes: int | None
    retweet_count: int | None
    retweet_flag: int | None
    tweet_type: int | None
    retweet_id: int | None
    retweet_handle: int | None
    retweet_text: int | None
    retweet_or_quote: tuple[int | None, int | None]  # twarc's id and handle, see TWEET_TYPE_COLUMNS
    twint_time: tuple[int, int, int] | None  # date, time and UTC offset, read together

    @classmethod
    def find(cls, header: Header, options: ReadOptions) -> Columns:
        """The columns of ``header``, by the names exporters give them, or as the user named them."""
        time_at = _column(header, options.time_column, TIME_COLUMNS, "--time-column")
        day, clock, zone = (header.find([name]) for name in TWINT_TIME_COLUMNS)
        twint_time = None
        if (
            options.time_column is None
            and day is not None
            and clock is not None
            and zone is not None
        ):
            twint_time = (day, clock, zone)
        return cls(
            text=_text_column(header, options.text_column),
            time=time_at,
            tweet_id=header.find(ID_COLUMNS),
            handle=header.find(HANDLE_COLUMNS),
            name=header.find(NAME_COLUMNS),
            url=header.find(URL_COLUMNS),
            lang=header.find(LANG_COLUMNS),
            likes=header.find(LIKES_COLUMNS),
            retweet_count=header.find(RETWEET_COUNT_COLUMNS),
            retweet_flag=header.find(RETWEET_FLAG_COLUMNS),
            tweet_type=header.find(TWEET_TYPE_COLUMNS),
            retweet_id=header.find(RETWEET_ID_COLUMNS),
            retweet_handle=header.find(RETWEET_HANDLE_COLUMNS),
            retweet_text=header.find(RETWEET_TEXT_COLUMNS),
            retweet_or_quote=(
                header.find([RETWEET_OR_QUOTE_ID]),
                header.find([RETWEET_OR_QUOTE_HANDLE]),
            ),
            twint_time=twint_time,
        )

    def described(self, header: Header) -> str:
        """Which column gave what, for the user: "text from 'Tweet', time from 'Date Created', ..."."""
        named = header.columns

        def quoted(at: int | None) -> str | None:
            return None if at is None else repr(named[at] or f"column {at + 1}")

        time = quoted(self.time)
        if self.twint_time is not None:
            time = " + ".join(repr(named[at]) for at in self.twint_time)
        retweets = [quoted(self.retweet_flag), quoted(self.tweet_type), quoted(self.retweet_id)]
        retweets.append(quoted(self.retweet_handle))
        fields = [
            ("text", quoted(self.text)),
            ("time", time),
            ("author", quoted(self.handle)),
            ("author name", quoted(self.name)),
            ("likes", quoted(self.likes)),
            ("retweet counts", quoted(self.retweet_count)),
            ("retweets", ", ".join(r for r in retweets if r) or None),
            ("language", quoted(self.lang)),
            ("tweet id", quoted(self.tweet_id) or quoted(self.url)),
        ]
        used = ", ".join(f"{what} from {where}" for what, where in fields if where)
        missing = [what for what, where in fields if where is None]
        if self.handle is None and self.url is not None and "author" in missing:
            missing.remove("author")  # a status link names its author
        return f"read {used}" + (f"; no column for {_listed(missing)}" if missing else "")


def read_csv_export(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    """Every row with a text; empty rows (spreadsheet padding) are counted in a note, not reported.

    A text that starts "RT @handle:" is a retweet of that handle whatever the columns say;
    a retweet's text is the original's, as in the other formats (the export's whole
    retweeted text when it has one, else the text after "RT @handle: ").
    """
    first_line = read_first_line(stream)
    header = read_header(first_line)
    at = Columns.find(header, options)
    tally = RowTally()
    naive_seen = False
    by_text_only = 0  # retweets told by their text alone, the columns saying otherwise
    r_escaped = 0  # texts with R's <U+...> escapes

    position = 0
    for line, offset, row in iter_rows(stream, first_line, header, problems=problems, tally=tally):
        # Line breaks inside a quoted field come as the file wrote them; texts from every
        # other format (and articles) break lines with "\n" alone.
        text = RE_LINE_BREAK.sub("\n", row[at.text]) if "\r" in row[at.text] else row[at.text]
        if "<U+" in text:
            text, n = RE_R_ESCAPE.subn(_unescape_r, text)
            r_escaped += n > 0
        if not text.strip():
            problems.add(line, f"no text in column {header.columns[at.text]!r}; skipped")
            continue
        url = _cell(row, at.url)
        tweet_id = _tweet_id(_cell(row, at.tweet_id), url, line, problems)
        value = _time_value(row, at)
        when = None
        if value:
            when = parse_time(value, naive_timezone=options.naive_timezone)
            if when is None:
                problems.add(line, f"time {value!r} is not one I can read")
            elif not naive_seen:
                naive_seen = _is_naive(value)
        posted_at, origin = posted(when, tweet_id)
        handle = row[at.handle].strip().lstrip("@") if at.handle is not None else ""

        said, retweet_of, retweet_handle = _retweet_columns(row, at)
        shown = RE_RETWEET_TEXT.match(text)
        if shown is not None:
            by_text_only += not said
            retweet_handle = retweet_handle or shown[1]
            whole = _cell(row, at.retweet_text)
            text = whole or text[shown.end() :]
        elif said and (whole := _cell(row, at.retweet_text)):
            text = whole
        hashtags, mentions, links = text_entities(text)
        yield Record(
            kind=Kind.TWEET,
            text=text,
            source=Source(path, line, offset, position),
            author=Author(
                name=(row[at.name].strip() or None) if at.name is not None else None,
                handle=handle or (handle_from_url(url) if url else None),
            ),
            posted_at=posted_at,
            time_origin=origin,
            tweet_id=tweet_id,
            lang=_cell(row, at.lang) or None,
            is_retweet=said or shown is not None,
            retweet_of=retweet_of,
            retweet_of_handle=retweet_handle,
            hashtags=hashtags,
            mentions=mentions,
            links=links,
            likes=_count(row, at.likes, "likes", line, problems),
            retweet_count=_count(row, at.retweet_count, "retweet count", line, problems),
        )
        position += 1

    problems.note(at.described(header))
    if tally.empty:
        problems.note(f"{tally.empty:,} empty {'row' if tally.empty == 1 else 'rows'} skipped")
    if naive_seen:
        problems.note(
            f"times without a time zone read as {_zone_name(options.naive_timezone)} "
            "(--naive-timezone)"
        )
    if by_text_only:
        told = f'{_rows(by_text_only)} starting "RT @handle:" read as retweets of that handle'
        columns = (at.retweet_flag, at.tweet_type, at.retweet_id, at.retweet_handle)
        if any(c is not None for c in columns):
            told += ", though the retweet columns did not say so"
        problems.note(told)
    if r_escaped:
        problems.note(f"R's <U+...> escapes turned back into characters in {_texts(r_escaped)}")


def _time_value(row: list[str], at: Columns) -> str:
    """The row's time as one string: Twint's date, time and offset joined into ISO 8601."""
    if at.twint_time is None:
        return _cell(row, at.time)
    day, clock, zone = (_cell(row, i) for i in at.twint_time)
    if not day:
        return _cell(row, at.time)
    offset = RE_UTC_OFFSET.fullmatch(zone)
    suffix = f"{offset[1]}{offset[2]}:{offset[3]}" if offset else ""
    if zone.upper() in ("UTC", "GMT", "Z"):
        suffix = "+00:00"
    return f"{day}T{clock}{suffix}" if clock else day


def _retweet_columns(row: list[str], at: Columns) -> tuple[bool, str | None, str | None]:
    """Whether the columns say the row is a retweet, and of which tweet id and handle."""
    retweet_id = _cell(row, at.retweet_id)
    handle = _cell(row, at.retweet_handle)
    said = _cell(row, at.retweet_flag).lower() in TRUE_WORDS
    if _cell(row, at.tweet_type).lower() == "retweet":
        said = True
        retweet_id = retweet_id or _cell(row, at.retweet_or_quote[0])
        handle = handle or _cell(row, at.retweet_or_quote[1])
    said = said or bool(retweet_id) or bool(handle)
    m = RE_TWEET_ID.fullmatch(retweet_id)
    return said, (m[1] if m else retweet_id or None), handle.lstrip("@") or None


def _cell(row: list[str], at: int | None) -> str:
    """A field's value, "" when the column is missing or the field says it is missing (NA)."""
    value = row[at].strip() if at is not None else ""
    return "" if value.lower() in MISSING_WORDS else value


def _count(row: list[str], at: int | None, what: str, line: int, problems: Problems) -> int | None:
    value = _cell(row, at)
    if not value:
        return None
    m = RE_COUNT.fullmatch(value)
    if m is None:
        problems.add(line, f"{what} {value!r} is not a count")
        return None
    return int(m[1])


def _is_naive(value: str) -> bool:
    """Whether a time as written says no zone (ISO 8601 without an offset)."""
    try:
        return datetime.fromisoformat(value).tzinfo is None
    except ValueError:
        return False


def _zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


def _rows(n: int) -> str:
    return f"{n:,} row" + ("" if n == 1 else "s")


def _texts(n: int) -> str:
    return f"{n:,} text" + ("" if n == 1 else "s")


def _unescape_r(m: re.Match[str]) -> str:
    code = int(m[1], 16)
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m[0]


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


class _Lines:
    """A stream's lines for csv.reader, counted with their characters (it gives no offsets).

    A line over MAX_LINE_CHARS is read on in pieces and dropped, reported with its number;
    csv.reader gets an empty line in its place, so the count of lines stays true.
    """

    def __init__(self, stream: TextIO, first_line: str, problems: Problems) -> None:
        self._stream = stream
        self._first: str | None = first_line
        self._problems = problems
        self.count = 0  # lines handed out
        self.chars = 0  # their characters

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._first is not None:
            line, self._first = self._first, None
        else:
            line = self._stream.readline(MAX_LINE_CHARS + 1)
        if not line:
            raise StopIteration
        self.count += 1
        self.chars += len(line)
        if len(line) <= MAX_LINE_CHARS or line[-1] in "\r\n":
            return line
        while piece := self._stream.readline(MAX_LINE_CHARS):
            self.chars += len(piece)
            if piece[-1] in "\r\n":
                break
        self._problems.add(self.count, f"a line over {MAX_LINE_CHARS:,} characters; skipped")
        return "\n"


def _text_column(header: Header, forced: str | None) -> int:
    at = _column(header, forced, TEXT_COLUMNS, "--text-column")
    if at is None:
        raise UnusableFile(
            f"CSV without a text column I know (columns: {header.shown()}); "
            "name the one holding the tweets with --text-column"
        )
    return at


def _column(header: Header, forced: str | None, names: tuple[str, ...], option: str) -> int | None:
    if forced is None:
        return header.find(names)
    at = header.find([normalise(forced)])
    if at is None:
        raise UnusableFile(f"no column {forced!r} ({option}); the columns are {header.shown()}")
    return at


def _tweet_id(value: str, url: str, line: int, problems: Problems) -> str | None:
    value = value.strip()
    if m := RE_TWEET_ID.fullmatch(value):
        return m[1]
    if value:
        # Spreadsheets turn long ids into "1.01E+18": the digits are gone, say so.
        problems.add(line, f"id {value!r} is not a tweet id")
    return tweet_id_from_url(url) if url else None
