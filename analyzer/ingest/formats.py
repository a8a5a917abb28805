"""The input formats: how each is recognised from a file's first bytes, and which reader reads it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TextIO

from analyzer.ingest import csv_export, records_file, snscrape, twitter_v1, twitter_v2
from analyzer.ingest.article import read_article
from analyzer.ingest.base import LinesReader, Problems, Reader, ReadOptions, UnusableFile
from analyzer.ingest.jsonlines import CUT_SHORT, JsonItem, describe, iter_json
from analyzer.records import Record

# JSON values looked at to recognise an export: a stream may open with a few that are not
# tweets (the streaming API's "limit" and "delete" notices).
SNIFF_VALUES = 20
# The envelopes that mark a response page, so that a page too long for the first characters
# is still recognised by its first tweets.
PAGE_SPLIT = frozenset({"data", "statuses"})
PAGE_ENVELOPE = frozenset({"meta", "errors", "search_metadata"})
# Characters read again to say what an unknown JSON file holds (as many as detection saw).
SNIFF_CHARS = 65536
# An article is read whole (its tweets span paragraphs), so a bigger plain text file is skipped:
# the longest news articles are well under 1 MiB; 20 MiB of plain text is a dump of something.
MAX_ARTICLE_BYTES = 20 << 20
MIB = 1 << 20


@dataclass(frozen=True)
class Format:
    name: str
    reader: Reader
    document: bool  # True when the file's records only make sense together (an article)
    # Reads a block of whole JSON Lines the short way, or gives None to leave it to ``reader``.
    lines: LinesReader | None = None


def read_article_stream(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    # Articles are small and their tweets span paragraphs: read the whole text at once.
    # Line endings are folded to "\n" first, so offsets count one character per line break.
    text = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(text) > MAX_ARTICLE_BYTES:  # each character takes a byte at least
        raise UnusableFile(too_big_for_article(None))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yield from read_article(text, path=path, problems=problems)


def too_big_for_article(size: int | None) -> str:
    """Why a plain text file is not read as an article (``size`` in bytes, when known)."""
    what = f"{size / MIB:.1f} MiB of plain text" if size else "plain text"
    return (
        f"{what}, too big for an article (at most {MAX_ARTICLE_BYTES // MIB} MiB); "
        "split it, or export its tweets as JSON Lines or CSV"
    )


def read_unknown_json(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    """JSON that is not a tweet export (a match file, a config): unusable, saying what it holds."""
    items, _ = _sample(stream.read(SNIFF_CHARS))
    if not items:
        raise UnusableFile("JSON cut short before its first complete value")
    members = sorted((i.offset, i.member) for i in items if i.document == 0 and i.member)
    if members:  # a document read member by member
        what = "a JSON object with keys " + ", ".join(dict.fromkeys(m for _, m in members))
    else:
        what = describe(items[0].value)
    raise UnusableFile(f"JSON, but not a tweet export I know ({what})")


ARTICLE = Format("article", read_article_stream, document=True)
TWITTER_V1 = Format(
    "twitter-v1",
    twitter_v1.read_twitter_v1,
    document=False,
    lines=twitter_v1.read_twitter_v1_lines,
)
TWITTER_V2 = Format("twitter-v2", twitter_v2.read_twitter_v2, document=False)
SNSCRAPE = Format(
    "snscrape", snscrape.read_snscrape, document=False, lines=snscrape.read_snscrape_lines
)
CSV = Format("csv", csv_export.read_csv_export, document=False)
RECORDS = Format("records", records_file.read_records, document=False)
UNKNOWN_JSON = Format("json", read_unknown_json, document=False)

FORMATS: dict[str, Format] = {
    f.name: f for f in (ARTICLE, TWITTER_V1, TWITTER_V2, SNSCRAPE, CSV, RECORDS, UNKNOWN_JSON)
}
# The formats JSON is recognised as, when it holds tweets.
TWEET_JSON = frozenset({TWITTER_V1.name, TWITTER_V2.name, SNSCRAPE.name, RECORDS.name})


def detect(head: str, *, path: str) -> Format:
    """The format of a file from its first characters (the name's extension is only a hint).

    JSON is told apart by the keys of its first tweets; JSON that holds no tweet I know is
    marked unusable rather than read as an article. A header row naming a text column is a
    CSV export. Everything else is an article.
    """
    text = head.lstrip("\ufeff \t\r\n")
    if text[:1] in ("{", "["):
        items, broken = _sample(text)
        for item in items:
            if found := _json_format(item):
                return found
        if items or not broken:  # JSON, even if empty, that holds no tweet
            return UNKNOWN_JSON
    if csv_export.looks_like_export(head, path=path):
        first_line = csv_export.RE_LINE_BREAK.split(head.lstrip("\ufeff"), maxsplit=1)[0]
        header = csv_export.read_header(first_line)
        return RECORDS if records_file.looks_like_table(header) else CSV
    return ARTICLE


def first_line_cut(head: str) -> bool:
    """Whether a head that opens like JSON is all one line: its first value may end past it."""
    text = head.lstrip("\ufeff \t\r\n")
    return text[:1] in ("{", "[") and "\n" not in text


def detect_stream(stream: TextIO, *, path: str) -> Format | None:
    """The tweet format of JSON whose first value does not fit in the head, or None.

    The stream's first values are read as the reader would, in bounded memory: a huge first
    value whole (up to the most one may have), a line of junk skipped.
    """
    items = iter_json(
        stream, problems=Problems(path), split=PAGE_SPLIT, before="includes", envelope=PAGE_ENVELOPE
    )
    return next(filter(None, map(_json_format, islice(items, SNIFF_VALUES))), None)


def _sample(head: str) -> tuple[list[JsonItem], bool]:
    """The first JSON values of a head (page members and elements too), and whether any of
    its text was not JSON; the value the head's end cuts does not count."""
    problems = Problems("")  # the reader reports them, with the whole file in view
    items = iter_json(
        io.StringIO(head),
        problems=problems,
        split=PAGE_SPLIT,
        before="includes",
        envelope=PAGE_ENVELOPE,
    )
    sample = list(islice(items, SNIFF_VALUES))
    broken = any(not p.message.endswith(CUT_SHORT) for p in problems.kept)
    return sample, broken


def _json_format(item: JsonItem) -> Format | None:
    value = item.value
    if records_file.looks_like_record(value):
        return RECORDS
    if twitter_v1.looks_like_export(value):
        return TWITTER_V1
    if snscrape.looks_like_export(value):
        return SNSCRAPE
    if twitter_v2.looks_like_export(value):
        return TWITTER_V2
    # The parts of a v2 page walked member by member: its tweets, includes or meta.
    if item.member == "data" and twitter_v2.looks_like_tweet(value):
        return TWITTER_V2
    if isinstance(value, dict) and (
        (item.member == "includes" and ("users" in value or "tweets" in value))
        or (item.member == "meta" and "result_count" in value)
    ):
        return TWITTER_V2
    return None
