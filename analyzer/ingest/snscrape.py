"""snscrape's tweet JSON Lines (``snscrape --jsonl twitter-search ...``) -> records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from analyzer.ingest.base import Problems, ReadOptions
from analyzer.ingest.entities import RE_HASHTAG, RE_LINK, RE_MENTION, entity_values, unescape
from analyzer.ingest.jsonlines import describe, iter_json, records_of_lines
from analyzer.ingest.tweet_ids import posted, time_field, tweet_id_from_url
from analyzer.records import Author, Kind, Record, Source

# Newest first: snscrape renamed "content" to "rawContent" (0.5) and kept "renderedContent",
# which has t.co links replaced by what they point to.
TEXT_KEYS = ("rawContent", "renderedContent", "content")
TWEET_TYPE = "snscrape.modules.twitter.Tweet"


def read_snscrape(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    """Every tweet in an snscrape export; a retweet is kept, with the original's text."""
    position = 0
    for item in iter_json(stream, problems=problems):
        if not looks_like_tweet(item.value):
            problems.add(item.line, f"not an snscrape tweet: {describe(item.value)}; skipped")
            continue
        source = Source(path, item.line, item.offset, position)
        yield _record(item.value, source, options, problems)
        position += 1


def read_snscrape_lines(
    text: str, *, path: str, options: ReadOptions, problems: Problems
) -> list[Record] | None:
    """The tweets of whole lines of an snscrape export, one tweet per line, read the short way.

    What :func:`read_snscrape` gives for such text; None when a line is anything else
    (not JSON, not a tweet), to leave the text to it.
    """
    return records_of_lines(
        text,
        path=path,
        is_record=looks_like_tweet,
        record_of=lambda tweet, source: _record(tweet, source, options, problems),
    )


def looks_like_tweet(value: Any) -> bool:
    """An snscrape tweet: a text under one of snscrape's names, and a date, id or link."""
    if not isinstance(value, dict) or not any(isinstance(value.get(k), str) for k in TEXT_KEYS):
        return False
    kind = value.get("_type")
    if isinstance(kind, str) and not kind.startswith(TWEET_TYPE):
        return False  # a User or a Place from the same scrape
    return "date" in value or "id" in value or "url" in value


def looks_like_export(value: Any) -> bool:
    """What recognises the format: snscrape's type tag, or its text, date and ``user.username``."""
    if not looks_like_tweet(value):
        return False
    if str(value.get("_type", "")).startswith(TWEET_TYPE):
        return True
    user = value.get("user")
    return "date" in value and isinstance(user, dict) and "username" in user


def _record(
    tweet: dict[str, Any], source: Source, options: ReadOptions, problems: Problems
) -> Record:
    original = tweet.get("retweetedTweet")
    original = original if looks_like_tweet(original) else None
    # A retweet's own text is "RT @user: " and the original cut short; the original is whole.
    shown = original or tweet
    text = unescape(next(shown[k] for k in TEXT_KEYS if isinstance(shown.get(k), str)))
    tweet_id = _id(tweet)
    at = time_field(
        tweet, "date", naive_timezone=options.naive_timezone, problems=problems, line=source.line
    )
    posted_at, origin = posted(at, tweet_id)
    user = tweet.get("user")
    user = user if isinstance(user, dict) else {}
    quoted = tweet.get("quotedTweet")
    hashtags, mentions, links = _entity_lists(shown, text)
    return Record(
        kind=Kind.TWEET,
        text=text,
        source=source,
        author=Author(name=_str(user.get("displayname")), handle=_str(user.get("username"))),
        posted_at=posted_at,
        time_origin=origin,
        tweet_id=tweet_id,
        lang=_str(tweet.get("lang")),
        is_retweet=original is not None,
        retweet_of=_id(original) if original is not None else None,
        quote_of=_id(quoted) if isinstance(quoted, dict) else None,
        hashtags=hashtags,
        mentions=mentions,
        links=links,
    )


def _entity_lists(
    tweet: dict[str, Any], text: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """snscrape's own lists where it wrote them (null for none), else what the text holds."""
    if "hashtags" in tweet:
        hashtags = tuple(t for t in tweet["hashtags"] or () if isinstance(t, str))
    else:
        hashtags = tuple(RE_HASHTAG.findall(text))
    if "mentionedUsers" in tweet:
        mentions = entity_values(tweet["mentionedUsers"], "username")
    else:
        mentions = tuple(RE_MENTION.findall(text))
    if "links" in tweet:  # snscrape 0.5+: [{"url": ..., "text": ..., "tcourl": ...}]
        links = entity_values(tweet["links"], "url")
    elif "outlinks" in tweet:  # before: a list of URLs
        links = tuple(k for k in tweet["outlinks"] or () if isinstance(k, str))
    else:
        links = tuple(RE_LINK.findall(text))
    return hashtags, mentions, links


def _id(tweet: dict[str, Any]) -> str | None:
    """The tweet's id (a number in snscrape's JSON), else the one in its link."""
    number = tweet.get("id")
    if isinstance(number, int) and not isinstance(number, bool):
        return str(number)
    if isinstance(number, str) and number.isascii() and number.isdigit():
        return number
    url = tweet.get("url")
    return tweet_id_from_url(url) if isinstance(url, str) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
