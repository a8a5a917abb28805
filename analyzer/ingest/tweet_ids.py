"""When a tweet was posted: from the time field an export gives, or from the tweet's id itself."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from time import strptime
from typing import Any

from analyzer.ingest.base import Problems
from analyzer.records import TimeOrigin

# Snowflake ids (every tweet since November 2010) are milliseconds since Twitter's own epoch,
# shifted left past 22 bits of worker and sequence numbers.
SNOWFLAKE_EPOCH_MS = 1288834974657
SNOWFLAKE_TIME_SHIFT = 22
# Ids below this were handed out one after another before snowflakes and say nothing about
# time (the last sequential id, as TweetedAt of ODU's Web Science lab established it).
FIRST_SNOWFLAKE_ID = 29700859247
# Snowflakes are 63-bit: a larger number is not a tweet id.
MAX_SNOWFLAKE_ID = (1 << 63) - 1
# Times parsed are remembered: a stream's tweets come many to the second, so most are repeats.
TIME_CACHE_SIZE = 1 << 14
# Epoch numbers in exports: seconds have 10 digits in this century, milliseconds 13.
MAX_EPOCH_SECONDS = 10**11

UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MONTHS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
    "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip

RE_STATUS_URL = re.compile(
    r"(?<![\w./])(?:https?://)?(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:#!/)?"
    # "i/web/status/<id>" and "i/status/<id>" link a tweet without naming its author.
    r"(?:i/web|(?P<handle>[A-Za-z0-9_]{1,15}))/status(?:es)?/(?P<id>[0-9]{1,20})(?![0-9])",
    re.IGNORECASE,
)
RE_DIGITS = re.compile(r"[0-9]{1,20}")
# Twitter's API v1.1 time, fixed width: "Wed Oct 10 20:19:24 +0000 2018".
RE_TWITTER_TIME = re.compile(
    r"[A-Z][a-z]{2} (?P<month>[A-Z][a-z]{2}) (?P<day>\d\d) (?P<hour>\d\d):(?P<minute>\d\d):"
    r"(?P<second>\d\d) (?P<sign>[+-])(?P<oh>\d\d)(?P<om>\d\d) (?P<year>\d{4})"
)
RE_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")


def time_from_tweet_id(tweet_id: int | str | None) -> datetime | None:
    """The moment a snowflake tweet id was minted, in UTC to the millisecond; None for older ids."""
    if tweet_id is None:
        return None
    if isinstance(tweet_id, str):
        if not RE_DIGITS.fullmatch(tweet_id):
            return None
        tweet_id = int(tweet_id)
    if not FIRST_SNOWFLAKE_ID <= tweet_id <= MAX_SNOWFLAKE_ID:
        return None
    ms = (tweet_id >> SNOWFLAKE_TIME_SHIFT) + SNOWFLAKE_EPOCH_MS
    return UNIX_EPOCH + timedelta(milliseconds=ms)


def tweet_id_from_url(url: str) -> str | None:
    """The tweet id in a status link (twitter.com, x.com, mobile.twitter.com), if it is one."""
    m = RE_STATUS_URL.search(url)
    return m["id"] if m else None


def handle_from_url(url: str) -> str | None:
    """The author's handle in a status link; None for links that do not name one (``i/web``)."""
    m = RE_STATUS_URL.search(url)
    if m is None or m["handle"] is None or m["handle"].lower() == "i":
        return None
    return m["handle"]


def posted(at: datetime | None, tweet_id: str | None) -> tuple[datetime | None, TimeOrigin | None]:
    """The time to keep and where it came from: the given time, else the one the id encodes."""
    if at is not None:
        return at, TimeOrigin.FIELD
    from_id = time_from_tweet_id(tweet_id)
    return (from_id, TimeOrigin.TWEET_ID) if from_id is not None else (None, None)


def time_field(
    tweet: dict[str, Any],
    name: str,
    *,
    naive_timezone: tzinfo,
    problems: Problems,
    line: int | None,
    twitter_form: bool = False,
) -> datetime | None:
    """The time in a tweet's field ``name``, in UTC; None when the field is missing.

    A field that holds something else than a time is a problem on ``line``. The export's
    own form (API v1.1's with ``twitter_form``, else ISO 8601) is tried first, as nearly
    every value has it; the other forms ``parse_time`` knows after.
    """
    value = tweet.get(name)
    if not isinstance(value, str):
        return None
    own = (
        parse_twitter_time(value)
        if twitter_form
        else parse_iso_time(value, naive_timezone=naive_timezone)
    )
    at = own or parse_time(value, naive_timezone=naive_timezone)
    if at is None:
        problems.add(line, f"{name} {value!r} is not a time I can read")
    return at


@lru_cache(maxsize=TIME_CACHE_SIZE)
def parse_twitter_time(value: str) -> datetime | None:
    """API v1.1's ``created_at`` ("Wed Oct 10 20:19:24 +0000 2018") in UTC; None if it is not one.

    Hand-parsed because it is read once per tweet: a regex match is several times faster
    than ``strptime`` and the format never varies.
    """
    m = RE_TWITTER_TIME.fullmatch(value)
    if m is None or m["month"] not in MONTHS:
        return None
    try:
        at = datetime(
            int(m["year"]),
            MONTHS[m["month"]],
            int(m["day"]),
            int(m["hour"]),
            int(m["minute"]),
            int(m["second"]),
            tzinfo=UTC,
        )
    except ValueError:  # "Feb 30"
        return None
    offset = timedelta(hours=int(m["oh"]), minutes=int(m["om"]))
    try:
        return at - offset if m["sign"] == "+" else at + offset
    except OverflowError:  # year 1 or 9999 pushed out of range by the offset
        return None


@lru_cache(maxsize=TIME_CACHE_SIZE)
def parse_iso_time(value: str, *, naive_timezone: tzinfo) -> datetime | None:
    """An ISO 8601 time in UTC; one without an offset is read in ``naive_timezone``."""
    try:
        at = datetime.fromisoformat(value)
        if at.tzinfo is None:
            at = at.replace(tzinfo=naive_timezone)
        return at.astimezone(UTC)
    except (ValueError, OverflowError):  # not ISO, or beyond year 1..9999 once in UTC
        return None


def parse_time(value: str, *, naive_timezone: tzinfo) -> datetime | None:
    """A time as exports write it, in UTC: ISO 8601, Twitter's own form, or Unix epoch numbers.

    Epoch numbers with 13 digits are milliseconds. Anything else gives None.
    """
    value = value.strip()
    if not value:
        return None
    if RE_EPOCH.fullmatch(value):
        number = float(value)
        return UNIX_EPOCH + timedelta(
            seconds=number if number < MAX_EPOCH_SECONDS else number / 1000
        )
    return (
        parse_iso_time(value, naive_timezone=naive_timezone)
        or parse_twitter_time(value)
        or _parse_loose_twitter_time(value)
    )


def _parse_loose_twitter_time(value: str) -> datetime | None:
    # Hand-edited exports lose the fixed width ("Wed Oct 3 ..."): strptime is lenient there.
    try:
        parts = strptime(value, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        return None
    offset = timezone(timedelta(seconds=parts.tm_gmtoff or 0))
    try:
        return datetime(*parts[:6], tzinfo=offset).astimezone(UTC)
    except OverflowError:
        return None
