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
    ``posted_at`` is an exact, time-zone aware instant when the source gives one.
    """

    kind: Kind
    text: str
    source: Source
    author: Author
    posted_date: date | None = None
    posted_at: datetime | None = None
    tweet_id: str | None = None
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    links: tuple[str, ...] = ()

    @property
    def record_id(self) -> str:
        """A stable id from the source and the text: the same input gives the same id on every run."""
        key = f"{self.source.path}\x1f{self.source.offset}\x1f{self.text}"
        return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
