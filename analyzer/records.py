"""Records: one thing a person said about the match, and exactly where in the input it was found."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Kind(StrEnum):
    """What sort of text a record is."""

    TWEET = "tweet"
    QUOTE = "quote"
    # A bare link to a tweet (…/status/<id>) in an article: a time from its id but no
    # text, so it counts in volume and is never scored.
    TWEET_LINK = "tweet link"


class TimeOrigin(StrEnum):
    """Where a record's exact time came from."""

    FIELD = "field"  # the source gives the time
    TWEET_ID = "tweet id"  # derived from a tweet id (Twitter ids encode their creation time)


class Role(StrEnum):
    """Who is speaking, as far as the text tells."""

    FAN = "fan"
    COACH = "coach"
    PLAYER = "player"
    FORMER_PLAYER = "former player"
    PUNDIT = "pundit"
    MEDIA = "media"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record's text starts, so any number in a report can be traced back to it.

    ``path`` is relative to the input folder, with forward slashes. ``line`` is 1-based,
    ``offset`` counts characters (not bytes) from the start of the decoded file, and
    ``position`` is the record's 0-based order among the records of that file.
    """

    path: str
    line: int
    offset: int
    position: int
    document_date: date | None = None


@dataclass(frozen=True, slots=True)
class Author:
    """The person or account behind a record; any field may be unknown."""

    name: str | None = None
    handle: str | None = None
    role: Role = Role.UNKNOWN
    age: int | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """One tweet or quote, as read. Scores and match alignment are kept apart from it.

    ``posted_date`` is a calendar day (an article's tweet signature says no more);
    ``posted_at`` is an exact, time-zone aware instant when the source gives one, and
    ``time_origin`` says whether it was given or derived from the tweet id.

    A retweet's ``text`` is the original tweet's full text (what the retweeter agreed
    with, and what gets scored), ``retweet_of`` the original's id when known.
    """

    kind: Kind
    text: str
    source: Source
    author: Author
    posted_date: date | None = None
    posted_at: datetime | None = None
    time_origin: TimeOrigin | None = None
    tweet_id: str | None = None
    lang: str | None = None  # the language the source declares (Twitter's "lang"), if any
    is_retweet: bool = False
    retweet_of: str | None = None
    retweet_of_handle: str | None = None  # the retweeted author, when the source names them
    quote_of: str | None = None  # id of the tweet a quote-tweet quotes
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    # Counts an export carries with the tweet (None when it has no such column).
    likes: int | None = None
    retweet_count: int | None = None

    @property
    def record_id(self) -> str:
        """A stable id from the source and the text: the same input gives the same id on every run."""
        return record_id_of(self.source.path, self.source.offset, self.text)


def record_id_of(path: str, offset: int, text: str) -> str:
    """The record id of a text found at ``offset`` (characters) in the file ``path``."""
    key = f"{path}\x1f{offset}\x1f{text}"
    return hashlib.sha1(key.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[
        :16
    ]
