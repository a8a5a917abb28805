"""The tool's own records.csv and records.jsonl, read back: the same texts, ids, authors and times."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TextIO, TypeVar

from analyzer.ingest.base import Problems, ReadOptions
from analyzer.ingest.csv_export import (
    RE_LINE_BREAK,
    Header,
    iter_rows,
    normalise,
    read_first_line,
    read_header,
)
from analyzer.ingest.jsonlines import describe, iter_json
from analyzer.ingest.tweet_ids import parse_iso_time
from analyzer.records import Author, Kind, Record, Role, Source, TimeOrigin

# The columns that mark a records file (and that no tweet export has together).
RECORD_KEYS = frozenset({"record_id", "kind", "text"})
# Characters looked at to tell JSON Lines from CSV.
PEEK_CHARS = 256
# The tool's CSV quotes every field that needs it, so a long row is a long text (a quote of
# many paragraphs), not a stray quotation mark: rows may span more lines than in other CSV.
MAX_RECORD_LINES = 1000
# How CSV writers spell true (pandas writes True).
TRUE = frozenset({"true", "1", "yes"})

E = TypeVar("E", bound=StrEnum)


def looks_like_record(value: Any) -> bool:
    """A row of records.jsonl."""
    return isinstance(value, dict) and value.keys() >= RECORD_KEYS


def looks_like_table(header: Header) -> bool:
    """The header of records.csv."""
    return {normalise(c) for c in header.columns} >= RECORD_KEYS


def read_records(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    """Every record of a records.csv or records.jsonl, in the file's order.

    A records file is an earlier run's output, so its rows keep their kind (a quote stays a
    quote, a tweet link keeps its empty text) and their author's role and age. Scores and
    placements are left behind: they are worked out again. A record's provenance is where
    it was read, the records file and its line; the file it first came from is in that row's
    ``file`` column, and in the earlier run's report.
    """
    start = stream.tell()
    jsonl = stream.read(PEEK_CHARS).lstrip().startswith("{")
    stream.seek(start)
    rows = _json_rows(stream, problems) if jsonl else _csv_rows(stream, problems)
    position = 0
    for line, offset, row in rows:
        record = _record(row, Source(path, line, offset, position), options, problems)
        if record is not None:
            yield record
            position += 1


def _json_rows(stream: TextIO, problems: Problems) -> Iterator[tuple[int, int, Mapping[str, Any]]]:
    for item in iter_json(stream, problems=problems):
        if looks_like_record(item.value):
            yield item.line, item.offset, item.value
        else:
            problems.add(item.line, f"not a record: {describe(item.value)}; skipped")


def _csv_rows(stream: TextIO, problems: Problems) -> Iterator[tuple[int, int, Mapping[str, Any]]]:
    first_line = read_first_line(stream)
    header = read_header(first_line)
    names = [normalise(c) for c in header.columns]
    for line, offset, row in iter_rows(
        stream, first_line, header, problems=problems, max_row_lines=MAX_RECORD_LINES
    ):
        yield line, offset, dict(zip(names, row, strict=False))


def _record(
    row: Mapping[str, Any], source: Source, options: ReadOptions, problems: Problems
) -> Record | None:
    line = source.line
    kind = _enum(Kind, row.get("kind"))
    if kind is None:
        problems.add(line, f"kind {row.get('kind')!r} is not tweet, quote or tweet link; skipped")
        return None
    text = row.get("text")
    text = "" if not isinstance(text, str) else text
    if "\r" in text:  # as the CSV reader does: line breaks are "\n"
        text = RE_LINE_BREAK.sub("\n", text)
    posted_at = None
    if value := _str(row.get("posted_at")):
        posted_at = parse_iso_time(value, naive_timezone=options.naive_timezone)
        if posted_at is None:
            problems.add(line, f"posted_at {value!r} is not a time I can read")
    origin = (_enum(TimeOrigin, row.get("time_origin")) or TimeOrigin.FIELD) if posted_at else None
    return Record(
        kind=kind,
        text=text,
        source=Source(
            source.path,
            line,
            source.offset,
            source.position,
            _date(row.get("document_date"), "document_date", line, problems),
        ),
        author=Author(
            name=_str(row.get("author_name")),
            handle=_str(row.get("author_handle")),
            role=_enum(Role, row.get("author_role")) or Role.UNKNOWN,
            age=_int(row.get("author_age")),
        ),
        posted_date=_date(row.get("posted_date"), "posted_date", line, problems),
        posted_at=posted_at,
        time_origin=origin,
        tweet_id=_str(row.get("tweet_id")),
        lang=_str(row.get("lang")),
        is_retweet=_bool(row.get("is_retweet")),
        retweet_of=_str(row.get("retweet_of")),
        quote_of=_str(row.get("quote_of")),
        hashtags=_list(row.get("hashtags")),
        mentions=_list(row.get("mentions")),
        links=_list(row.get("links")),
    )


def _str(value: Any) -> str | None:
    """Text, or None for a missing value (null in JSON, an empty field in CSV)."""
    if isinstance(value, int) and not isinstance(value, bool):  # an id written as a number
        return str(value)
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in TRUE


def _list(value: Any) -> tuple[str, ...]:
    """A list column: an array in JSON Lines, items separated by spaces in CSV."""
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    if isinstance(value, str):
        return tuple(value.split())
    return ()


def _enum(kind: type[E], value: Any) -> E | None:
    try:
        return kind(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _date(value: Any, column: str, line: int, problems: Problems) -> date | None:
    if not (text := _str(value)):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.add(line, f"{column} {text!r} is not a date (YYYY-MM-DD)")
        return None
