"""Plain-text news articles -> records: the tweets they embed or link and the quotes they carry."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from analyzer.ingest.base import Problems
from analyzer.ingest.embeds import Embed, find_embeds
from analyzer.ingest.entities import RE_HASHTAG, RE_LINK, RE_MENTION
from analyzer.ingest.layout import Layout, Spans
from analyzer.ingest.live_lines import LiveLine, find_live_lines
from analyzer.ingest.quotes import Quote, find_quotes
from analyzer.ingest.tweet_ids import RE_STATUS_URL, handle_from_url, posted
from analyzer.records import Author, Kind, Record, Role, Source

# Some scraped articles open with " date 2018-07-02 " before the first sentence.
RE_DATE_HEADER = re.compile(r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b")
# What looks like a tweet signature, counted apart from the embed finder to check it: any dash,
# up to a few hundred characters, "(@handle)" of any length, and soon after a year or a day
# ("July 2", "2 Jul"). Every signature the finder reads looks so; one that only looks so
# was not read (see signature_like).
_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Found from each "(@handle)" that a date follows, back to the first dash before it on its
# line (at most SIGNATURE_REACH characters back): looking from every dash instead would try
# each dash against the few hundred characters after it.
RE_HANDLE_IN_BRACKETS = re.compile(r"\(\s*@\s*\w+\s*\)")
RE_DATE_SOON = re.compile(
    rf"[^\n]{{0,40}}?(?:(?:19|20)\d\d|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH})"
)
RE_ANY_DASH = re.compile(r"—|–|―|&mdash;|&#8212;|-{1,2}")
SIGNATURE_REACH = 300
# Characters of a signature quoted in a problem message.
SHOWN_SIGNATURE_CHARS = 80


@dataclass(frozen=True, slots=True)
class StatusLink:
    """A bare link to a tweet in the article's own text: the tweet is known by its id only."""

    start: int
    url: str
    tweet_id: str


def read_article(text: str, *, path: str, problems: Problems | None = None) -> list[Record]:
    """Every embedded tweet, attributed quote and bare tweet link in an article, in order.

    With ``problems``, the tweets are accounted for: a signature without text before it,
    and a line that looks like a signature but was not read as one, are reported.
    """
    layout = Layout(text)
    embeds = find_embeds(layout)
    tweets = [(e.start, e.end) for e in embeds]
    live = find_live_lines(layout, skip=tweets)
    quotes = find_quotes(layout, skip=[*tweets, *((line.line_start, line.end) for line in live)])
    links = find_status_links(text, skip=tweets)
    if problems is not None:
        account_for_tweets(layout, embeds, problems)
    document_date = _document_date(text, embeds)
    found: list[Embed | Quote | LiveLine | StatusLink] = sorted(
        [*embeds, *quotes, *live, *links], key=lambda item: item.start
    )
    records = []
    for position, item in enumerate(found):
        source = Source(path, layout.line_of(item.start), item.start, position, document_date)
        if isinstance(item, Embed):
            records.append(_tweet(item, source))
        elif isinstance(item, Quote):
            records.append(_quote(item, source))
        elif isinstance(item, LiveLine):
            records.append(_live_line(item, source))
        else:
            records.append(_tweet_link(item, source))
    return records


def account_for_tweets(layout: Layout, embeds: list[Embed], problems: Problems) -> None:
    """Check the tweets read against the signatures in the text, and report each difference.

    When some signatures could not be read, a problem saying how many comes first: the
    file's other problems detail each.
    """
    text = layout.text
    read = Spans((e.signature, e.end) for e in embeds if e.signed)
    like = signature_like(text)
    missed = [(start, end) for start, end in like if not read.overlaps(start, end)]
    signatures = max(len(like), sum(1 for e in embeds if e.signed))
    if missed:
        problems.add(
            None,
            f"{len(missed)} of {signatures} tweet signatures in {problems.path} could not be"
            " read: the tweets they sign are not records (each is listed below)",
        )
    for embed in embeds:
        if not embed.signed:
            problems.add(
                layout.line_of(embed.start),
                f"a tweet without its signature ({embed.text[:SHOWN_SIGNATURE_CHARS]!r}) ran"
                " into the next one; told apart by its picture link, it is kept as a tweet"
                " with no author",
            )
        elif not embed.text:
            problems.add(
                layout.line_of(embed.signature),
                f"a tweet signature with no text before it ({_signature(text, embed.signature)!r}):"
                f" kept as a tweet by @{embed.handle} without text",
            )
        if embed.signed and embed.day is None:
            problems.add(
                layout.line_of(embed.signature),
                f"the date {embed.written_date!r} in the signature of @{embed.handle}'s tweet"
                " is not one I can read: the tweet is kept with its day unknown",
            )
    for start, _ in missed:
        problems.add(
            layout.line_of(start),
            f"{_signature(text, start)!r} looks like a tweet signature, but not one I can"
            " read (— Name (@handle) date): the tweet before it is not a record;"
            f" {signatures - len(missed)} of {signatures} signatures read",
        )


def signature_like(text: str) -> list[tuple[int, int]]:
    """Spans that look like tweet signatures: a dash, then "(@handle)" on the same line soon
    after, then a year or a day. Every signature the embed finder reads is one of them."""
    spans: list[tuple[int, int]] = []
    previous_end = 0
    for m in RE_HANDLE_IN_BRACKETS.finditer(text):
        if m.start() < previous_end or not RE_DATE_SOON.match(text, m.end()):
            continue
        reach = max(previous_end, m.start() - SIGNATURE_REACH)
        line_start = text.rfind("\n", reach, m.start()) + 1
        dash = RE_ANY_DASH.search(text, max(reach, line_start), m.start())
        if dash is not None:
            spans.append((dash.start(), m.end()))
            previous_end = m.end()
    return spans


def find_status_links(text: str, *, skip: list[tuple[int, int]]) -> list[StatusLink]:
    """Links to tweets (…/status/<id>) outside the ``skip`` spans, each tweet once.

    An embedded tweet's own links are part of that tweet, so its span is skipped; a tweet
    linked twice in the prose is one tweet.
    """
    links = []
    seen: set[str] = set()
    skipped = Spans(skip)
    for m in RE_STATUS_URL.finditer(text):
        if m["id"] in seen or m.start() in skipped:
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


def _live_line(line: LiveLine, source: Source) -> Record:
    return Record(
        kind=Kind.QUOTE,
        text=line.text,
        source=source,
        author=Author(name=line.speaker, role=Role.FAN),
        hashtags=tuple(RE_HASHTAG.findall(line.text)),
        mentions=tuple(RE_MENTION.findall(line.text)),
        links=tuple(RE_LINK.findall(line.text)),
    )


def _signature(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : end if end != -1 else len(text)][:SHOWN_SIGNATURE_CHARS].strip()


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
