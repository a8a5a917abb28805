"""Twitter API v2 response pages and twarc2 flattened tweets -> records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from analyzer.ingest.base import Problems, ReadOptions
from analyzer.ingest.entities import entity_values, text_entities, unescape
from analyzer.ingest.jsonlines import describe, iter_json
from analyzer.ingest.tweet_ids import posted, time_field
from analyzer.records import Author, Kind, Record, Source

# A page is {"data": [...], "includes": {...}, "meta": {...}}: its tweets are streamed one by
# one, and its includes (authors, referenced tweets) are read before them, wherever they are.
DATA = frozenset({"data"})
INCLUDES = "includes"
PAGE_ENVELOPE = frozenset({"meta", "errors"})


@dataclass
class _Page:
    """What a page's includes say about its tweets: their authors and the tweets they cite."""

    document: int
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    tweets: dict[str, dict[str, Any]] = field(default_factory=dict)
    has_users: bool = False
    reported: bool = False  # "no includes.users" is said once per page


def read_twitter_v2(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    """Every tweet of v2 pages (one a file or one a line) or of a twarc2 flattened file."""
    position = 0
    page = _Page(-1)
    bare_authors = False  # tweets that give only an author_id, outside a page: said once
    items = iter_json(
        stream, problems=problems, split=DATA, before=INCLUDES, envelope=PAGE_ENVELOPE
    )
    for item in items:
        if item.document != page.document:
            page = _Page(item.document)
        value = item.value
        if item.member == INCLUDES:
            _include(page, value)
            continue
        if item.member is not None and not (item.element or item.member in DATA):
            continue  # meta, errors: about the request, not tweets
        in_page = item.member is not None
        tweets: list[Any] = [value]
        if not in_page and isinstance(value, dict) and _is_page(value):
            # A page read whole: its first member was not one that marks a page.
            in_page = True
            _include(page, value.get(INCLUDES))
            data = value.get("data", [])
            tweets = data if isinstance(data, list) else [data]
        for tweet in tweets:
            if not looks_like_tweet(tweet):
                problems.add(item.line, f"not a v2 tweet: {describe(tweet)}; skipped")
                continue
            if not in_page and "author" not in tweet and not bare_authors:
                bare_authors = True
                problems.add(
                    item.line,
                    "tweets outside a page name their author by id only; they are kept "
                    "without authors (export pages with includes, or flatten with twarc2)",
                )
            source = Source(path, item.line, item.offset, position)
            yield _record(tweet, source, page if in_page else None, options, problems)
            position += 1


def looks_like_tweet(value: Any) -> bool:
    """A v2 tweet: an id and a text, and no v1.1 ``user`` object."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("id"), str)
        and isinstance(value.get("text"), str)
        and "user" not in value
    )


def looks_like_export(value: Any) -> bool:
    """A v2 page, or a flattened tweet that names its author (twarc2 embeds ``author``)."""
    if not isinstance(value, dict):
        return False
    if _is_page(value):
        data = value.get("data")
        first = data[0] if isinstance(data, list) and data else data
        return first is None or looks_like_tweet(first)
    author = value.get("author")
    return looks_like_tweet(value) and (
        "author_id" in value or (isinstance(author, dict) and "username" in author)
    )


def _is_page(value: dict[str, Any]) -> bool:
    data = value.get("data")
    return isinstance(data, list | dict) or (
        isinstance(value.get(INCLUDES), dict) and isinstance(value.get("meta"), dict)
    )


def _include(page: _Page, includes: Any) -> None:
    if not isinstance(includes, dict):
        return
    users = includes.get("users")
    if isinstance(users, list):
        page.has_users = True
        page.users = {
            u["id"]: u for u in users if isinstance(u, dict) and isinstance(u.get("id"), str)
        }
    tweets = includes.get("tweets")
    if isinstance(tweets, list):
        page.tweets = {t["id"]: t for t in tweets if looks_like_tweet(t)}


def _record(
    tweet: dict[str, Any],
    source: Source,
    page: _Page | None,
    options: ReadOptions,
    problems: Problems,
) -> Record:
    retweet_of = quote_of = None
    original: dict[str, Any] | None = None
    references = tweet.get("referenced_tweets")
    for ref in references if isinstance(references, list) else ():
        if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
            continue
        if ref.get("type") == "retweeted":
            retweet_of = ref["id"]
            # twarc2 flattening embeds the original; a page lists it in includes.tweets.
            embedded = ref.get("tweet")
            original = embedded if looks_like_tweet(embedded) else None
            if original is None and page is not None:
                original = page.tweets.get(retweet_of)
        elif ref.get("type") == "quoted":
            quote_of = ref["id"]
    # A retweet's own text is "RT @user: " and the original cut short; the original is whole.
    text, entities = _text_and_entities(original or tweet)
    at = time_field(
        tweet,
        "created_at",
        naive_timezone=options.naive_timezone,
        problems=problems,
        line=source.line,
    )
    posted_at, origin = posted(at, tweet["id"])
    hashtags, mentions, links = _entity_lists(entities, text)
    return Record(
        kind=Kind.TWEET,
        text=text,
        source=source,
        author=_author(tweet, source, page, problems),
        posted_at=posted_at,
        time_origin=origin,
        tweet_id=tweet["id"],
        lang=_str(tweet.get("lang")),
        is_retweet=retweet_of is not None,
        retweet_of=retweet_of,
        quote_of=quote_of,
        hashtags=hashtags,
        mentions=mentions,
        links=links,
    )


def _author(
    tweet: dict[str, Any], source: Source, page: _Page | None, problems: Problems
) -> Author:
    embedded = tweet.get("author")
    if isinstance(embedded, dict):  # twarc2 flattened
        return Author(name=_str(embedded.get("name")), handle=_str(embedded.get("username")))
    author_id = tweet.get("author_id")
    if page is None or not isinstance(author_id, str):
        return Author()
    user = page.users.get(author_id)
    if user is not None:
        return Author(name=_str(user.get("name")), handle=_str(user.get("username")))
    if page.has_users:
        problems.add(
            source.line,
            f"author {author_id} of tweet {tweet['id']} is not in the page's includes.users; "
            "the tweet is kept without an author",
        )
    elif not page.reported:
        page.reported = True
        problems.add(
            source.line,
            "the page has no includes.users, so its tweets are kept without authors "
            "(export with expansions=author_id)",
        )
    return Author()


def _text_and_entities(tweet: dict[str, Any]) -> tuple[str, Any]:
    # A tweet longer than 280 characters carries its whole text in note_tweet.
    note = tweet.get("note_tweet")
    if isinstance(note, dict) and isinstance(note.get("text"), str):
        return unescape(note["text"]), note.get("entities")
    return unescape(tweet["text"]), tweet.get("entities")


def _entity_lists(
    entities: Any, text: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    if not isinstance(entities, dict):
        return text_entities(text)
    return (
        entity_values(entities.get("hashtags"), "tag"),
        entity_values(entities.get("mentions"), "username"),
        entity_values(entities.get("urls"), "expanded_url", "url"),
    )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
