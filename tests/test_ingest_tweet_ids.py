"""Tweet times: snowflake ids, status links, and the time formats exports write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.ingest.tweet_ids import (
    FIRST_SNOWFLAKE_ID,
    SNOWFLAKE_EPOCH_MS,
    handle_from_url,
    parse_iso_time,
    parse_time,
    parse_twitter_time,
    posted,
    time_from_tweet_id,
    tweet_id_from_url,
)
from analyzer.records import TimeOrigin

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("tweet_id", "expected"),
    [
        # Checked against the created_at Twitter gives these ids (to the second).
        (1013861199916969985, datetime(2018, 7, 2, 19, 5, 21, 347000, tzinfo=UTC)),
        ("1013873068369686529", datetime(2018, 7, 2, 19, 52, 31, 7000, tzinfo=UTC)),
        ("477179832698933249", datetime(2014, 6, 12, 20, 5, 12, 345000, tzinfo=UTC)),
        (FIRST_SNOWFLAKE_ID, datetime(2010, 11, 4, 1, 43, 1, 738000, tzinfo=UTC)),
        (FIRST_SNOWFLAKE_ID - 1, None),  # sequential ids say nothing about time
        (20, None),  # @jack's first tweet
        ("29700859246", None),
        (1 << 63, None),  # past 63 bits: not a snowflake
        ("", None),
        ("1.01387E+18", None),  # a spreadsheet's rounding
        ("١٠١٣٨٦١١٩٩٩١٦٩٦٩٩٨٥", None),  # digits, but not ASCII ones
        (None, None),
    ],
)
def test_time_from_tweet_id(tweet_id, expected) -> None:
    assert time_from_tweet_id(tweet_id) == expected


@given(
    at=st.datetimes(
        min_value=datetime(2010, 11, 5),
        max_value=datetime(2079, 9, 1),
        timezones=st.just(UTC),
    ),
    low_bits=st.integers(0, (1 << 22) - 1),
)
def test_time_from_tweet_id_reads_back_the_time_a_snowflake_was_built_from(at, low_bits) -> None:
    at = at.replace(microsecond=at.microsecond // 1000 * 1000)  # ids keep milliseconds
    ms = (at - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)
    snowflake = ((ms - SNOWFLAKE_EPOCH_MS) << 22) | low_bits
    assert time_from_tweet_id(snowflake) == at
    assert time_from_tweet_id(str(snowflake)) == at


@pytest.mark.parametrize(
    ("url", "tweet_id", "handle"),
    [
        ("https://twitter.com/FIFAWorldCup/status/1013873316223520938", "1013873316223520938", "FIFAWorldCup"),
        ("https://x.com/rostov_arena/status/1013873316223520938?s=20", "1013873316223520938", "rostov_arena"),
        ("https://mobile.twitter.com/jfa_samuraiblue/status/1013845054583742651/photo/1", "1013845054583742651", "jfa_samuraiblue"),
        ("http://www.twitter.com/kenta_blue/statuses/1013861199916969985", "1013861199916969985", "kenta_blue"),
        ("https://twitter.com/#!/kenta_blue/status/123456", "123456", "kenta_blue"),
        ("https://twitter.com/i/web/status/1013862180011798529", "1013862180011798529", None),
        ("see twitter.com/Kenta_Blue/status/42 now", "42", "Kenta_Blue"),
        ("https://twitter.com/kenta_blue", None, None),
        ("https://nottwitter.com/kenta_blue/status/42", None, None),
        ("https://twitter.com/kenta_blue/status/", None, None),
        ("https://t.co/Xk3mQ9bLpa", None, None),
    ],
)  # fmt: skip
def test_status_links(url, tweet_id, handle) -> None:
    assert tweet_id_from_url(url) == tweet_id
    assert handle_from_url(url) == handle


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon Jul 02 19:05:21 +0000 2018", datetime(2018, 7, 2, 19, 5, 21, tzinfo=UTC)),
        ("Mon Jul 02 22:01:09 +0200 2018", datetime(2018, 7, 2, 20, 1, 9, tzinfo=UTC)),
        ("Mon Jul 02 15:00:00 -0430 2018", datetime(2018, 7, 2, 19, 30, tzinfo=UTC)),
        ("Mon Jul 2 19:05:21 +0000 2018", None),  # not the API's fixed width
        ("Mon Foo 02 19:05:21 +0000 2018", None),
        ("Fri Feb 30 19:05:21 +0000 2018", None),
        ("2018-07-02T19:05:21Z", None),
    ],
)
def test_parse_twitter_time(value, expected) -> None:
    assert parse_twitter_time(value) == expected


@pytest.mark.parametrize(
    ("value", "zone", "expected"),
    [
        ("2018-07-02T19:05:40.000Z", UTC, datetime(2018, 7, 2, 19, 5, 40, tzinfo=UTC)),
        ("2018-07-02T20:58:40+01:00", UTC, datetime(2018, 7, 2, 19, 58, 40, tzinfo=UTC)),
        # Naive times are read in the zone the user names; one with an offset keeps it.
        ("2018-07-02 21:40:00", UTC, datetime(2018, 7, 2, 21, 40, tzinfo=UTC)),
        ("2018-07-02 21:40:00", BRUSSELS, datetime(2018, 7, 2, 19, 40, tzinfo=UTC)),
        ("2018-01-02 21:40:00", BRUSSELS, datetime(2018, 1, 2, 20, 40, tzinfo=UTC)),
        ("2018-07-02T21:40:00+00:00", BRUSSELS, datetime(2018, 7, 2, 21, 40, tzinfo=UTC)),
        ("Mon Jul 02 19:30:05 +0000 2018", BRUSSELS, datetime(2018, 7, 2, 19, 30, 5, tzinfo=UTC)),
        ("Mon Jul 2 19:30:05 +0000 2018", UTC, datetime(2018, 7, 2, 19, 30, 5, tzinfo=UTC)),
        ("1530558312", UTC, datetime(2018, 7, 2, 19, 5, 12, tzinfo=UTC)),
        ("1530558312250", UTC, datetime(2018, 7, 2, 19, 5, 12, 250000, tzinfo=UTC)),
        ("0001-01-01T00:00:00+01:00", UTC, None),  # before year 1 in UTC
        ("02/07/2018 19:05", UTC, None),  # day or month first? not guessed
        ("yesterday", UTC, None),
        ("", UTC, None),
    ],
)
def test_parse_time(value, zone, expected) -> None:
    assert parse_time(value, naive_timezone=zone) == expected


def test_iso_times_are_always_utc() -> None:
    at = parse_iso_time("2018-07-02T21:40:00+02:00", naive_timezone=BRUSSELS)
    assert at is not None
    assert at.tzinfo is UTC


def test_posted_prefers_the_given_time_and_falls_back_on_the_id() -> None:
    given_time = datetime(2018, 7, 2, 19, 0, tzinfo=UTC)
    assert posted(given_time, "1013861199916969985") == (given_time, TimeOrigin.FIELD)
    assert posted(None, "1013861199916969985") == (
        datetime(2018, 7, 2, 19, 5, 21, 347000, tzinfo=UTC),
        TimeOrigin.TWEET_ID,
    )
    assert posted(None, "12345") == (None, None)
    assert posted(None, None) == (None, None)
