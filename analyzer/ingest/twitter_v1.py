"""Twitter API v1.1 tweet objects, as a JSON array or JSON Lines -> records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from analyzer.ingest.base import Problems, ReadOptions
from analyzer.ingest.entities import entity_values, text_entities, unescape
from analyzer.ingest.jsonlines import describe, iter_json, records_of_lines
from analyzer.ingest.tweet_ids import posted, time_field
from analyzer.records import Author, Kind, Record, Source

# A search response ({"statuses": [...], "search_metadata": {...}}) is streamed status by status.
STATUSES = frozenset({"statuses"})
SEARCH_ENVELOPE = frozenset({"search_metadata"})


def read_twitter_v1(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    """Every tweet in a v1.1 export; a retweet is kept, with the original's full text."""
    position = 0
    for item in iter_json(stream, problems=problems, split=STATUSES, envelope=SEARCH_ENVELOPE):
        if item.member is not None and not item.element:
            continue  # search_metadata: about the search, not a tweet
        tweets = [item.value]
        if isinstance(item.value, dict) and isinstance(item.value.get("statuses"), list):
            tweets = item.value["statuses"]  # a small search response, read whole
        for tweet in tweets:
            if not looks_like_tweet(tweet):
                problems.add(item.line, f"not a v1.1 tweet: {describe(tweet)}; skipped")
                continue
            source = Source(path, item.line, item.offset, position)
            yield tweet_record(tweet, source, options=options, problems=problems)
            position += 1


def read_twitter_v1_lines(
    text: str, *, path: str, options: ReadOptions, problems: Problems
) -> list[Record] | None:
    """The tweets of whole lines of v1.1 JSON Lines, one tweet per line, read the short way.

    What :func:`read_twitter_v1` gives for such text; None when a line is anything else
    (not JSON, not a tweet, a search response), to leave the text to it.
    """
    return records_of_lines(
        text,
        path=path,
        is_record=lambda value: "statuses" not in value and looks_like_tweet(value),
        record_of=lambda tweet, source: tweet_record(
            tweet, source, options=options, problems=problems
        ),
        walk=STATUSES | SEARCH_ENVELOPE,
    )


def looks_like_tweet(value: Any) -> bool:
    """A v1.1 tweet: it has a text, and an id or an author."""
    if not isinstance(value, dict):
        return False
    has_text = isinstance(value.get("full_text") or value.get("text"), str) or isinstance(
        value.get("extended_tweet"), dict
    )
    return has_text and ("id_str" in value or "id" in value or isinstance(value.get("user"), dict))


def looks_like_export(value: Any) -> bool:
    """What marks the format: a tweet with ``user.screen_name`` (v2 and snscrape have none)."""
    user = value.get("user") if isinstance(value, dict) else None
    return (
        isinstance(user, dict)
        and "screen_name" in user
        and looks_like_tweet(value)
        and ("created_at" in value or "id_str" in value)
    )


def tweet_record(
    tweet: dict[str, Any], source: Source, *, options: ReadOptions, problems: Problems
) -> Record:
    original = tweet.get("retweeted_status")
    # A retweet's text is the original's, untruncated: what the retweeter passed on.
    shown = original if isinstance(original, dict) else tweet
    text, entities = _text_and_entities(shown)
    tweet_id = _id(tweet)
    user = tweet.get("user")
    user = user if isinstance(user, dict) else {}
    at = time_field(
        tweet,
        "created_at",
        naive_timezone=options.naive_timezone,
        problems=problems,
        line=source.line,
        twitter_form=True,
    )
    posted_at, origin = posted(at, tweet_id)
    quoted = tweet.get("quoted_status")
    quote_of = _str(tweet.get("quoted_status_id_str")) or _id(quoted)
    if quote_of is None and isinstance(original, dict):
        quote_of = _str(original.get("quoted_status_id_str")) or _id(original.get("quoted_status"))
    hashtags, mentions, links = entity_lists(entities, text)
    return Record(
        kind=Kind.TWEET,
        text=text,
        source=source,
        author=Author(name=_str(user.get("name")), handle=_str(user.get("screen_name"))),
        posted_at=posted_at,
        time_origin=origin,
        tweet_id=tweet_id,
        lang=_str(tweet.get("lang")),
        is_retweet=isinstance(original, dict),
        retweet_of=_id(original),
        quote_of=quote_of,
        hashtags=hashtags,
        mentions=mentions,
        links=links,
    )


def entity_lists(
    entities: Any, text: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Hashtags, mentions and links from v1.1 ``entities``, or found in the text without them."""
    if not isinstance(entities, dict):
        return text_entities(text)
    return (
        entity_values(entities.get("hashtags"), "text"),
        entity_values(entities.get("user_mentions"), "screen_name"),
        entity_values(entities.get("urls"), "expanded_url", "url"),
    )


def _text_and_entities(tweet: dict[str, Any]) -> tuple[str, Any]:
    # Since 2017 a tweet of more than 140 characters comes with its whole text in full_text
    # (tweet_mode=extended) or, from the streaming API, in extended_tweet.
    if isinstance(full := tweet.get("full_text"), str):
        return unescape(full), tweet.get("entities")
    extended = tweet.get("extended_tweet")
    if isinstance(extended, dict) and isinstance(full := extended.get("full_text"), str):
        return unescape(full), extended.get("entities")
    text = tweet.get("text")
    return unescape(text if isinstance(text, str) else ""), tweet.get("entities")


def _id(tweet: Any) -> str | None:
    """A tweet's id as text: id_str, else a whole-number id (never a float, which loses digits)."""
    if not isinstance(tweet, dict):
        return None
    if isinstance(tweet.get("id_str"), str):
        return str(tweet["id_str"])
    number = tweet.get("id")
    return str(number) if isinstance(number, int) and not isinstance(number, bool) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
