"""Plain-text news articles -> records: the tweets they embed or link and the quotes they carry."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from analyzer.ingest.embeds import Embed, find_embeds
from analyzer.ingest.entities import RE_HASHTAG, RE_LINK, RE_MENTION
from analyzer.ingest.layout import Layout
from analyzer.ingest.quotes import Quote, find_quotes
from analyzer.ingest.tweet_ids import RE_STATUS_URL, handle_from_url, posted
from analyzer.records import Author, Kind, Record, Role, Source

# Some scraped articles open with " date 2018-07-02 " before the first sentence.
RE_DATE_HEADER = re.compile(r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True, slots=True)
class StatusLink:
    """A bare link to a tweet in the article's own text: the tweet is known by its id only."""

    start: int
    url: str
    tweet_id: str


def read_article(text: str, *, path: str) -> list[Record]:
    """Every embedded tweet, attributed quote and bare tweet link in an article, in order."""
    layout = Layout(text)
    embeds = find_embeds(layout)
    quotes = find_quotes(layout, skip=[(e.start, e.end) for e in embeds])
    links = find_status_links(text, skip=[(e.start, e.end) for e in embeds])
    document_date = _document_date(text, embeds)
    found: list[Embed | Quote | StatusLink] = sorted(
        [*embeds, *quotes, *links], key=lambda item: item.start
    )
    records = []
    for position, item in enumerate(found):
        source = Source(path, layout.line_of(item.start), item.start, position, document_date)
        if isinstance(item, Embed):
            records.append(_tweet(item, source))
        elif isinstance(item, Quote):
            records.append(_quote(item, source))
        else:
            records.append(_tweet_link(item, source))
    return records


def find_status_links(text: str, *, skip: list[tuple[int, int]]) -> list[StatusLink]:
    """Links to tweets (…/status/<id>) outside the ``skip`` spans, each tweet once.

    An embedded tweet's own links are part of that tweet, so its span is skipped; a tweet
    linked twice in the prose is one tweet.
    """
    links = []
    seen: set[str] = set()
    for m in RE_STATUS_URL.finditer(text):
        if m["id"] in seen or any(start <= m.start() < end for start, end in skip):
            continue
        seen.add(m["id"])
        links.append(StatusLink(m.start(), m[0], m["id"]))
    return links


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


def _tweet_link(link: StatusLink, source: Source) -> Record:
    # No text: it counts in volume, with the time its id encodes, and is never scored.
    posted_at, origin = posted(None, link.tweet_id)
    return Record(
        kind=Kind.TWEET_LINK,
        text="",
        source=source,
        author=Author(handle=handle_from_url(link.url)),
        posted_at=posted_at,
        time_origin=origin,
        tweet_id=link.tweet_id,
        links=(link.url,),
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
