"""CSV and TSV tweet exports with a header row -> records, their columns found by name.

The header is found by trying each delimiter for a known text column, not by
csv.Sniffer, which guesses from the whole sample and is misled by commas inside tweets.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from analyzer.ingest.base import Problems, ReadOptions, UnusableFile
from analyzer.ingest.entities import text_entities
from analyzer.ingest.tweet_ids import handle_from_url, parse_time, posted, tweet_id_from_url
from analyzer.records import Author, Kind, Record, Source

# Column names as exporters write them, normalised (lower case, "_" for spaces), best first:
# full_text before text, since both appear in v1.1 dumps and only full_text is whole.
TEXT_COLUMNS = (
    "full_text", "rawcontent", "renderedcontent", "text", "tweet", "tweet_text", "content",
)  # fmt: skip
# posted_at, author_handle and author_name are this tool's own records.csv.
TIME_COLUMNS = (
    "created_at", "posted_at", "date", "date_created", "datetime", "timestamp", "time",
    "tweet_date",
)  # fmt: skip
ID_COLUMNS = ("id_str", "tweet_id", "status_id", "id")
HANDLE_COLUMNS = (
    "screen_name", "username", "user_screen_name", "user_username", "author_handle", "handle",
    "author", "user", "user_name",
)  # fmt: skip
NAME_COLUMNS = (
    "name", "display_name", "user_displayname", "displayname", "author_name", "user_display_name",
)  # fmt: skip
URL_COLUMNS = ("url", "tweet_url", "status_url", "permalink", "link")
LANG_COLUMNS = ("lang", "language")

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
RE_TWEET_ID = re.compile(r"[0-9]{1,20}")
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
    """A column name as compared: "Date Created" and "date_created" are the same column."""
    return RE_NAME_GAP.sub("_", name.strip().lstrip("\ufeff").strip()).lower()


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


def iter_rows(
    stream: TextIO,
    first_line: str,
    header: Header,
    *,
    problems: Problems,
    max_row_lines: int = MAX_ROW_LINES,
) -> Iterator[tuple[int, int, list[str]]]:
    """The line, character offset and fields of every row after the header.

    Rows whose fields do not match the header, that run over ``max_row_lines`` or that are not
    CSV are reported and skipped; empty rows (spreadsheet padding) are passed over.
    """
    if csv.field_size_limit() < MAX_LINE_CHARS:  # process-wide, and only ever raised
        csv.field_size_limit(MAX_LINE_CHARS)
    width = len(header.columns)
    lines = _Lines(stream, first_line, problems)
    rows = csv.reader(lines, delimiter=header.delimiter)
    next(rows, None)  # the header, read before
    while True:
        line, offset = lines.count + 1, lines.chars
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.add(line, f"not CSV ({exc}); skipped")
            continue
        if not any(field.strip() for field in row):
            continue
        if len(row) < width or any(row[width:]):
            problems.add(line, f"the row has {len(row)} fields, the header {width}; skipped")
            continue
        if lines.count - line >= max_row_lines:
            problems.add(line, f"the row runs to line {lines.count} (a quote left open?); skipped")
            continue
        yield line, offset, row


def read_csv_export(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    """Every row with a text; empty rows (spreadsheet padding) are passed over without a word."""
    first_line = read_first_line(stream)
    header = read_header(first_line)
    text_at = _text_column(header, options.text_column)
    time_at = _column(header, options.time_column, TIME_COLUMNS, "--time-column")
    id_at = header.find(ID_COLUMNS)
    handle_at = header.find(HANDLE_COLUMNS)
    name_at = header.find(NAME_COLUMNS)
    url_at = header.find(URL_COLUMNS)
    lang_at = header.find(LANG_COLUMNS)

    position = 0
    for line, offset, row in iter_rows(stream, first_line, header, problems=problems):
        # Line breaks inside a quoted field come as the file wrote them; texts from every
        # other format (and articles) break lines with "\n" alone.
        text = RE_LINE_BREAK.sub("\n", row[text_at]) if "\r" in row[text_at] else row[text_at]
        if not text.strip():
            problems.add(line, f"no text in column {header.columns[text_at]!r}; skipped")
            continue
        url = row[url_at].strip() if url_at is not None else ""
        tweet_id = _tweet_id(row[id_at] if id_at is not None else "", url, line, problems)
        at = None
        if time_at is not None and (value := row[time_at].strip()):
            at = parse_time(value, naive_timezone=options.naive_timezone)
            if at is None:
                problems.add(line, f"time {value!r} is not one I can read")
        posted_at, origin = posted(at, tweet_id)
        handle = row[handle_at].strip().lstrip("@") if handle_at is not None else ""
        hashtags, mentions, links = text_entities(text)
        yield Record(
            kind=Kind.TWEET,
            text=text,
            source=Source(path, line, offset, position),
            author=Author(
                name=(row[name_at].strip() or None) if name_at is not None else None,
                handle=handle or (handle_from_url(url) if url else None),
            ),
            posted_at=posted_at,
            time_origin=origin,
            tweet_id=tweet_id,
            lang=(row[lang_at].strip() or None) if lang_at is not None else None,
            hashtags=hashtags,
            mentions=mentions,
            links=links,
        )
        position += 1


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
    if RE_TWEET_ID.fullmatch(value):
        return value
    if value:
        # Spreadsheets turn long ids into "1.01E+18": the digits are gone, say so.
        problems.add(line, f"id {value!r} is not a tweet id")
    return tweet_id_from_url(url) if url else None
