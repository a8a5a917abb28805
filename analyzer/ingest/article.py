"""Plain-text news articles -> records: the tweets they embed and the quotes they carry."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from analyzer.ingest.embeds import Embed, find_embeds
from analyzer.ingest.layout import Layout
from analyzer.ingest.quotes import Quote, find_quotes
from analyzer.records import Author, Kind, Record, Role, Source

# Some scraped articles open with " date 2018-07-02 " before the first sentence.
RE_DATE_HEADER = re.compile(r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b")
RE_HASHTAG = re.compile(r"(?<![\w#&])#(\w*[^\W\d_]\w*)")  # a hashtag needs a letter: not "#1"
RE_MENTION = re.compile(r"(?<![\w@])@(\w{1,15})\b")
RE_LINK = re.compile(r"(?:https?://|(?<![\w.])pic\.twitter\.com/)\S+")


def read_article(text: str, *, path: str) -> list[Record]:
    """Every embedded tweet and attributed quote in one article, in document order."""
    layout = Layout(text)
    embeds = find_embeds(layout)
    quotes = find_quotes(layout, skip=[(e.start, e.end) for e in embeds])
    document_date = _document_date(text, embeds)
    found: list[Embed | Quote] = sorted([*embeds, *quotes], key=lambda item: item.start)
    records = []
    for position, item in enumerate(found):
        source = Source(path, layout.line_of(item.start), item.start, position, document_date)
        if isinstance(item, Embed):
            records.append(_tweet(item, source))
        else:
            records.append(_quote(item, source))
    return records


def _tweet(embed: Embed, source: Source) -> Record:
    links = tuple(RE_LINK.findall(embed.text)) + ((embed.pic,) if embed.pic else ())
    return Record(
        kind=Kind.TWEET,
        text=embed.text,
        source=source,
        author=Author(name=embed.name or None, handle=embed.handle),
        posted_date=embed.day,
        hashtags=tuple(RE_HASHTAG.findall(embed.text)),
        mentions=tuple(RE_MENTION.findall(embed.text)),
        links=links,
    )


def _quote(quote: Quote, source: Source) -> Record:
    speaker = quote.speaker
    return Record(
        kind=Kind.QUOTE,
        text=quote.text,
        source=source,
        author=Author(name=speaker.name, role=speaker.role or Role.UNKNOWN, age=speaker.age),
        hashtags=tuple(RE_HASHTAG.findall(quote.text)),
        mentions=tuple(RE_MENTION.findall(quote.text)),
        links=tuple(RE_LINK.findall(quote.text)),
    )


def _document_date(text: str, embeds: list[Embed]) -> date | None:
    """The date the article gives in a header, else the day most of its tweets carry."""
    m = RE_DATE_HEADER.match(text)
    if m:
        try:
            return date.fromisoformat(m["date"])
        except ValueError:
            pass
    days = Counter(e.day for e in embeds if e.day is not None)
    return min(days, key=lambda d: (-days[d], d)) if days else None
