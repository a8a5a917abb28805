"""Synthetic tweet streams for a match: seeded, realistic enough to test and benchmark the pipeline."""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import numpy as np
import numpy.typing as npt

from analyzer.matches.model import PERIOD_END, PERIOD_START, Match

# Twitter's snowflake ids count milliseconds from this instant (2010-11-04T01:42:54.657Z):
# id = (ms - TWITTER_EPOCH_MS) << 22 | worker and sequence bits.
TWITTER_EPOCH_MS = 1288834974657
SNOWFLAKE_TIME_SHIFT = 22

# Breaks before a period, in minutes: half-time, before extra time, between its halves.
BREAK_MINUTES = {2: 15, 3: 5, 4: 1}

# The stream's window: from 45 minutes before kick-off, three hours long.
DEFAULT_BEFORE_MINUTES = 45.0
DEFAULT_DURATION_MINUTES = 180.0
DEFAULT_LAG_MINUTES = 2.0
DEFAULT_RETWEETS = 0.3
# Shares of the authors who support the home and the away side; the rest are neutral.
# With more home fans, the mean mood rises after a home goal and falls after an away goal,
# by enough to see even for a goal that follows another within minutes (BEL-JPN 48', 52').
DEFAULT_SUPPORT = (0.7, 0.2)

# Tweets per minute relative to the first half, by phase. The pre-match level ramps up to
# kick-off; the half-time lull and the drift after the whistle are what real streams show.
PRE_MATCH_LEVEL = (0.25, 0.7)  # at the window's start, at kick-off
IN_PLAY_LEVEL = 1.0
HALF_TIME_LEVEL = 0.5
AFTER_MATCH_LEVEL = (1.0, 0.35)  # right after the whistle, and what it decays to
AFTER_MATCH_DECAY = 20.0  # minutes

# A reaction adds PEAK x the in-play level at its onset (the event's time plus the lag),
# decaying with this time constant in minutes: a goal multiplies the volume by about 6 and
# is back within 20% of it about 5 minutes later.
GOAL_REACTION = (5.0, 1.5)
KICK_OFF_REACTION = (0.8, 1.5)
FULL_TIME_REACTION = (3.0, 4.0)
# Minute-to-minute noise of the volume (log-normal sigma): real streams are overdispersed.
VOLUME_NOISE = 0.08

# Chatter mood: the chance a fan tweets something positive or negative, at level scores,
# and how much each goal of lead (up to two) moves it.
CHATTER_MOOD = (0.40, 0.20)
CHATTER_MOOD_PER_GOAL = (0.12, -0.08)
NEUTRAL_MOOD = (0.35, 0.15)
NEUTRAL_PRAISE = 0.7  # a neutral's reaction to a goal praises it; otherwise it reports it

# Authors per side; each author supports one side all along.
AUTHORS_PER_SIDE = 3000
# Retweets repeat one of this many most recent original tweets, the most recent most often.
RECENT_ORIGINALS = 400
# Twitter cut a retweet's own text ("RT @handle: ...") at this many characters.
RETWEET_TEXT_LIMIT = 140
# Chances of the decorations of an original tweet (reactions are shouted more often). Real
# football tweets are longer than one shout: 109 characters on average, median 87, with
# several sentences, links, many hashtags and replies (issue 15, from 500,000 real match
# tweets). The chances below give about that (see test_originals_are_as_long_as_real_ones).
CAPS_CHANCE = (0.05, 0.35)  # chatter, reaction
REPLY_CHANCE = 0.22  # opens with the handle it answers
MORE_MENTIONS_CHANCE = 0.45  # a reply names one or two more people
LINK_CHANCE = 0.35
EMOJI_CHANCE = 0.6
FLAG_CHANCE = 0.3  # after the emoji, the flag of the author's side
HASHTAG_CHANCE = 0.8
MAX_HASHTAGS = 5
# A second sentence (an aside or another of the same mood); given one, a third, and so on:
# few tweets are a sentence or two longer, but those that are run on.
MORE_SENTENCES_CHANCE = (0.36, 0.8, 0.7, 0.65)
LINE_BREAK_CHANCE = 0.15  # sentences on lines of their own
TWEET_LIMIT = 280  # characters Twitter allows since November 2017
MAX_SENTENCES_CHARS = 230  # the sentences' share of it, the rest for tags, links and replies

# Real streams run hours past the final whistle (other matches, unrelated news): past this
# many minutes after it the talk is of other things, at a lower level.
LATER_AFTER_MINUTES = 60.0
LATER_LEVEL = 0.15
# Likes: most tweets get none, a few many (a Pareto tail), as in exported counts.
LIKES_SHAPE = 1.2
LIKES_CHANCE = 0.35
# The Kaggle World Cup 2022 export: 12,524 empty padding rows for its 10,000 tweets.
PADDING_ROWS_PER_TWEET = 1.25

# Lines built per write: big enough that writing costs little, small enough to stream.
WRITE_BATCH = 4096


class StreamFormat(StrEnum):
    V1 = "v1"  # Twitter API v1.1 objects, extended mode (full_text)
    SNSCRAPE = "snscrape"  # snscrape's JSON Lines
    V2 = "v2"  # Twitter API v2, flattened (twarc2 flatten): author and referenced tweets inline
    # The Kaggle "FIFA World Cup 2022 Tweets" shape: an unnamed index column, Date Created,
    # Number of Likes, Source of Tweet, Tweet, Sentiment (a model's label); no author columns,
    # empty padding rows (",,,,,") between the tweets, CRLF line ends.
    KAGGLE = "kaggle"
    # R twitteR's twListToDF written by write.csv: row names, every string quoted, NA for
    # missing, TRUE/FALSE, cp1252 (characters it lacks written as R does, "<U+1F602>").
    TWITTER_R = "twitter-r"


CSV_FORMATS = frozenset({StreamFormat.KAGGLE, StreamFormat.TWITTER_R})
KAGGLE_HEADER = ",Date Created,Number of Likes,Source of Tweet,Tweet,Sentiment"
TWITTER_R_HEADER = ",".join(
    f'"{c}"'
    for c in (
        "", "text", "favorited", "favoriteCount", "replyToSN", "created", "truncated",
        "replyToSID", "id", "replyToUID", "statusSource", "screenName", "retweetCount",
        "isRetweet", "retweeted", "longitude", "latitude",
    )
)  # fmt: skip
STATUS_SOURCES = {
    "Twitter for iPhone": "http://twitter.com/download/iphone",
    "Twitter for Android": "http://twitter.com/download/android",
    "Twitter Web Client": "http://twitter.com",
}


_SIDES = ("home", "away", "neutral")


class _Event(StrEnum):
    KICK_OFF = "kick-off"
    GOAL = "goal"
    FULL_TIME = "full-time"


# Templates. Slots: {team} the author's side, {opp} the other side, {home} {away}, {scorer}
# (surname), {score} ("Belgium 1-2 Japan"), and the shouts {goal} {yes} {no}, elongated
# at random. Each list holds texts VADER scores as its name says (tests check every one).
POSITIVE_CHATTER = (
    "Come on {team}, we can win this! Believe",
    "So excited for {home} v {away} today",
    "Proud of this {team} team, whatever happens",
    "{team} looking sharp, love the energy",
    "What a great atmosphere for {home} v {away}",
    "Beautiful football from {team} so far",
    "Great save! Brilliant from the {team} keeper",
    "Love watching {team} play like this",
    "Best game of the tournament so far, brilliant stuff",
    "{team} are playing really well, so happy",
    "Good luck {team}, you have made us proud",
    "This {team} side is fantastic to watch",
)
NEUTRAL_CHATTER = (
    "{home} vs {away} on now",
    "Watching {home} v {away} with the family",
    "Corner for {team}",
    "{team} changing shape, two up front now",
    "Who is watching {home} {away}?",
    "{team} in possession, building from the back",
    "Throw in to {team} deep in their half",
    "Substitution for {team}",
    "Anyone know which channel has {home} {away}?",
    "{opp} pressing high now",
)
NEGATIVE_CHATTER = (
    "{team} look tired, this is painful to watch",
    "Terrible defending from {team}",
    "Why is {team} so slow today? Awful",
    "This referee is a disgrace",
    "{team} are making me so nervous",
    "Horrible pass, what was that",
    "So frustrated with {team} right now",
    "Sloppy from {team} again, this is bad",
    "Worst half of football I have seen from {team}",
    "I hate watching {team} struggle like this",
)
GOAL_CELEBRATION = (
    "{goal}! {scorer}! {yes}!!! {score}",
    "{scorer} you beauty! What a great goal",
    "{goal}!!! {scorer}!!! I love this team",
    "What a finish from {scorer}! Amazing {team}",
    "{yes} {yes} {yes}! {scorer} scores! {score}",
    "{goal} {team}!!! {scorer} is a hero",
    "{scorer}!!! Get in! Brilliant goal",
    "Incredible scenes! {scorer}! So happy right now",
    "{goal}!!! Beautiful goal from {scorer}",
    "Wow {scorer}! {score}! Best moment ever",
)
GOAL_DESPAIR = (
    "{no}! {scorer} scores, terrible defending",
    "Oh no. {scorer}. This is a disaster",
    "Awful. Just awful. {team} are falling apart",
    "Heartbroken. How did we let {scorer} score that",
    "What a mess, {team} keeper is to blame",
    "{no}!!! {score}. I hate this",
    "Terrible. {scorer} scores and {team} look dead",
    "Painful to watch. {opp} punish us again, {score}",
    "Sick. Absolutely gutted. {score}",
    "Pathetic defending. {scorer} scores, what a disaster",
)
GOAL_PRAISE = (
    "What a goal by {scorer}! Brilliant game",
    "Great finish from {scorer}, what a match this is",
    "{scorer} with a beautiful goal! {score}",
    "Amazing game! {scorer} scores. {score}",
)
GOAL_REPORT = (
    "{scorer} scores. {score}",
    "{score}. Scored by {scorer}",
    "Update: {score} ({scorer})",
)
KICK_OFF_TEXTS = (
    "Here we go! Good luck {team}!",
    "Kick off! Let's go {team}, so excited",
    "{home} v {away} underway! Love this",
)
FULL_TIME_WIN = (
    "Full time! {team} are through! So proud",
    "What a win! {score}! Incredible comeback",
    "YES!!! {team} win! Best night ever",
    "Full time {score}. Proud of every single player",
)
FULL_TIME_LOSS = (
    "Full time. Heartbreaking end for {team}. So sad",
    "Gutted. {score}. We were so close",
    "Heartbreak. {team} out. I can't believe it, terrible end",
    "Full time {score}. Devastated",
)
FULL_TIME_NEUTRAL = (
    "Full time {score}. What a game!",
    "Full time: {score}. Brilliant match",
)

# Second and third sentences that say nothing either way: they make a tweet as long as real
# ones without moving its mood (tests check each scores neutral).
ASIDES = (
    "Watching from the sofa with my dad and two of his mates",
    "Second half coming up in a minute",
    "Who else is up at this hour for {home} v {away}?",
    "Stats so far: possession 54% to 46%, shots 7 to 5",
    "Tag someone who is watching this one",
    "The group table after tonight is going to look very different",
    "My prediction before the game was 2-1",
    "Streaming it on my phone on the train home",
    "Dad just walked in asking what the score is",
    "Third game I have watched today",
    "Pub is packed, cannot hear the commentary",
    "{team} have had most of the ball in the last ten minutes",
    "Coach has made two changes since the last match",
    "The stadium is full, every seat taken",
    "Everyone in the office is following this on their laptops",
    "Listening on the radio in the car",
    "Highlights will be on later tonight",
    "My neighbours are watching too, I can hear them through the wall",
    "{opp} switching to a back five now",
    "Sitting in the same seat as last time",
    "Ordered pizza at half time, arrived just now",
    "Grandma is asking why everyone is shouting",
    "Over 40,000 inside the ground tonight",
    "Replay coming up on the big screen",
    "Eleven men behind the ball for {opp} now",
)
# Hours after the whistle: other matches and other news.
LATER_POSITIVE = (
    "What a day of football, loved it. England v Panama next!",
    "Loved every minute of today's games, this tournament is brilliant",
    "Great win for Sweden earlier too, fantastic week of football",
    "Best World Cup in years, so happy I booked the week off",
)
LATER_NEGATIVE = (
    "Awful news about the injury, out for the rest of the tournament",
    "Terrible refereeing in the other game tonight, VAR is a mess",
    "Sad to see Spain go out like that, painful",
    "Ticket prices for the final are a disgrace",
)
# The host country named for itself and the tournament, not its team: {host} is the home
# side's country (the host plays the opening match at home).
HOST_POSITIVE = (
    "The opening ceremony in {host} was stunning, loved it",
    "Beautiful stadiums in {host}, what an amazing tournament so far",
    "So happy to be in {host} for the World Cup, the fan zone is brilliant",
    "Great atmosphere on the streets of {host} tonight",
)
HOST_NEGATIVE = (
    "Beer ban in the {host} stadiums two days before the start. Awful planning",
    "Human rights in {host} deserve more attention than this, shameful",
    "Migrant workers died building the stadiums in {host}. Terrible",
    "Hotel prices in {host} are a disgrace, fans left with nowhere to stay",
)

# Each kind of tweet: its templates and its mood (which emoji it gets).
_TEMPLATES: dict[str, tuple[tuple[str, ...], str]] = {
    "positive": (POSITIVE_CHATTER, "positive"),
    "neutral": (NEUTRAL_CHATTER, "neutral"),
    "negative": (NEGATIVE_CHATTER, "negative"),
    "celebration": (GOAL_CELEBRATION, "positive"),
    "despair": (GOAL_DESPAIR, "negative"),
    "praise": (GOAL_PRAISE, "positive"),
    "report": (GOAL_REPORT, "neutral"),
    "kick-off": (KICK_OFF_TEXTS, "positive"),
    "win": (FULL_TIME_WIN, "positive"),
    "loss": (FULL_TIME_LOSS, "negative"),
    "full-time": (FULL_TIME_NEUTRAL, "positive"),
    "later-positive": (LATER_POSITIVE, "positive"),
    "later-negative": (LATER_NEGATIVE, "negative"),
    "host-positive": (HOST_POSITIVE, "positive"),
    "host-negative": (HOST_NEGATIVE, "negative"),
    "aside": (ASIDES, "neutral"),
}
_EMOJI = {
    "positive": ("🎉", "🔥", "😍", "❤️", "👏", "😀", "🥳", "💯"),
    "negative": ("😭", "💔", "😡", "😩", "😞", "😢"),
    "neutral": ("⚽", "👀", "📺", "🏟"),
}
# Shouts, elongated the way fans type them: GOAL ... GOOOOOOOOAL.
_GOALS = tuple("G" + "O" * n + "AL" for n in range(1, 9))
_YESES = tuple("YE" + "S" * n for n in range(1, 7))
_NOS = tuple("N" + "O" * n for n in range(2, 9))
# FIFA codes -> flags, for the teams the examples use; other teams simply get none.
FLAGS = {
    "BEL": "🇧🇪",
    "JPN": "🇯🇵",
    "ENG": "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "FRA": "🇫🇷",
    "CRO": "🇭🇷",
    "BRA": "🇧🇷",
    "ARG": "🇦🇷",
    "GER": "🇩🇪",
    "ESP": "🇪🇸",
    "POR": "🇵🇹",
    "URU": "🇺🇾",
    "MEX": "🇲🇽",
    "RUS": "🇷🇺",
    "SWE": "🇸🇪",
    "SUI": "🇨🇭",
    "COL": "🇨🇴",
    "DEN": "🇩🇰",
}
LINKS = (
    "https://www.fifa.com/worldcup/",
    "https://www.bbc.co.uk/sport/football",
    "https://www.theguardian.com/football",
    "https://www.espn.com/soccer/",
)
FIRST_NAMES = (  # noqa: SIM905 (name lists read best as text)
    "Alex Sam Chris Jamie Robin Kim Lou Max Noa Yuki Kenji Aiko Emma Lucas Louis Lotte Jan "
    "Pieter Sofia Hana Ren Sota Mia Eden Tom Lara Ines Arne Hiro Mei Nina Bram Kai Leo"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Sato Suzuki Takahashi "
    "Tanaka Watanabe Ito Yamamoto Nakamura Smith Jones Brown Taylor Wilson Martin Garcia "
    "Lopez Dubois Moreau Kobayashi Kato Wouters Dupont"
).split()
SOURCES = ("Twitter for iPhone", "Twitter for Android", "Twitter Web Client")
_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# The characters cp1252 has beyond ASCII (R on Windows writes the others as <U+...>).
_CP1252 = frozenset(bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore"))
RE_REPLY = re.compile(r"@([A-Za-z0-9_]{1,15}) ")

# JSON string encoding without the rest of json.dumps: most of a line is fixed text.
_encode: Callable[[str], str] = json.encoder.encode_basestring_ascii


@dataclass(frozen=True, slots=True)
class StreamSummary:
    """What a generated stream holds, for the CLI's message and for tests."""

    tweets: int
    retweets: int
    format: StreamFormat
    first: datetime | None
    last: datetime | None
    goal_times: tuple[datetime, ...]  # on the pitch (lag 0), see _goal_time
    lag: float
    seed: int
    seconds: float  # how long writing took


def _goal_time(match: Match, position: float, period: int) -> datetime:
    """When a point of play happened by the wall clock: kick-off + position + the breaks before it.

    ``position`` is minutes of play since kick-off (``Match.position``) and ``period``
    the period it falls in; the breaks of ``BREAK_MINUTES`` before that period are added
    (15 minutes of half-time for a second-half goal). A simple model for synthetic
    streams only, kept private: real breaks run a little longer or shorter, and the
    project's match clock is the place for real streams.
    """
    return match.kickoff.astimezone(UTC) + timedelta(minutes=position + _breaks_before(period))


def write_stream(
    out: str | Path | TextIO,
    match: Match,
    *,
    tweets: int,
    fmt: StreamFormat | str = StreamFormat.V1,
    retweets: float = DEFAULT_RETWEETS,
    lag: float = DEFAULT_LAG_MINUTES,
    seed: int = 1,
    before: float = DEFAULT_BEFORE_MINUTES,
    duration: float = DEFAULT_DURATION_MINUTES,
    support: tuple[float, float] = DEFAULT_SUPPORT,
    start_after: float = 0.0,
    tail: float = 0.0,
    host: float = 0.0,
) -> StreamSummary:
    """Write ``tweets`` synthetic tweets about ``match`` as JSON Lines, in time order.

    The stream runs from ``before`` minutes before kick-off for ``duration`` minutes.
    Volume follows the match (a pre-match build-up, a half-time lull, a reaction after
    each goal, kick-off and the final whistle, each starting ``lag`` minutes after the
    event's wall-clock time, see :func:`_goal_time`); after a goal the scoring side's fans
    celebrate and the others despair, so the mean mood moves towards the side with more
    fans (``support``: home and away shares). ``retweets`` is the share of retweets;
    a retweet repeats a recent original. The same arguments give the same bytes.
    Only one batch of lines is in memory at a time.

    The shapes of real exports: ``start_after`` minutes after kick-off the stream starts
    (instead of ``before`` minutes before it); ``tail`` hours after the final whistle it ends
    (instead of after ``duration`` minutes), the talk turning to other matches and news an
    hour after it; ``host`` is the share of chatter about the home side's country as host
    of the tournament (its stadiums, its laws), not about its team.
    """
    generator = _Generator(
        match,
        tweets=tweets,
        fmt=StreamFormat(fmt),
        retweets=retweets,
        lag=lag,
        seed=seed,
        before=before,
        duration=duration,
        support=support,
        start_after=start_after,
        tail=tail,
        host=host,
    )
    started = time.perf_counter()
    if isinstance(out, str | Path):
        # R on Windows writes its native code page; the characters it lacks are escaped.
        encoding = "cp1252" if generator.fmt is StreamFormat.TWITTER_R else "utf-8"
        with Path(out).open("w", encoding=encoding, newline="") as stream:
            for batch in generator.batches():
                stream.write(batch)
    else:
        for batch in generator.batches():
            out.write(batch)
    return StreamSummary(
        tweets=generator.written,
        retweets=generator.retweets_written,
        format=generator.fmt,
        first=_datetime(generator.first_ms),
        last=_datetime(generator.last_ms),
        goal_times=tuple(
            _goal_time(match, match.position(g.minute), g.minute.period) for g in match.goals
        ),
        lag=lag,
        seed=seed,
        seconds=time.perf_counter() - started,
    )


def snowflake(ms: int, sequence: int) -> int:
    """A Twitter id for a tweet posted at ``ms`` (Unix milliseconds); the low 22 bits are ``sequence``."""
    return ((ms - TWITTER_EPOCH_MS) << SNOWFLAKE_TIME_SHIFT) | (sequence & 0x3FFFFF)


def snowflake_ms(tweet_id: int) -> int:
    """The Unix milliseconds a Twitter id encodes."""
    return (tweet_id >> SNOWFLAKE_TIME_SHIFT) + TWITTER_EPOCH_MS


@dataclass(frozen=True, slots=True)
class _Author:
    handle: str
    name: str
    id: int
    encoded: str  # the user object as the format writes it, encoded once


# An entity of a tweet's text: "#", "@" or "url", the tag, handle or link, start and end.
_Entity = tuple[str, str, int, int]


@dataclass(slots=True)
class _Original:
    id: int
    text: str
    entities: tuple[_Entity, ...]
    author: _Author
    encoded: str  # the whole tweet object, to embed in its retweets
    mood: str  # "positive", "negative" or "neutral": what the text says (a model's label)
    likes: int
    retweet_body: str | None = None  # a retweet's text and entities, built at the first retweet


@dataclass(frozen=True, slots=True)
class _EventAt:
    kind: _Event
    onset: float  # minutes from kick-off by the wall clock, lag included
    peak: float
    decay: float
    goal_index: int  # -1 when not a goal


class _Generator:
    """Plans a stream (volume per second, the events fans react to) and writes its lines."""

    def __init__(
        self,
        match: Match,
        *,
        tweets: int,
        fmt: StreamFormat,
        retweets: float,
        lag: float,
        seed: int,
        before: float,
        duration: float,
        support: tuple[float, float],
        start_after: float = 0.0,
        tail: float = 0.0,
        host: float = 0.0,
    ) -> None:
        if tweets < 0:
            raise ValueError(f"the number of tweets cannot be negative ({tweets})")
        if not 0.0 <= retweets < 1.0:
            raise ValueError(f"the retweet share must be at least 0 and below 1, not {retweets}")
        if lag < 0:
            raise ValueError(f"the lag cannot be negative ({lag})")
        if duration <= 0 or before < 0:
            raise ValueError(
                f"the window must start before kick-off and last ({before}, {duration})"
            )
        if min(support) < 0 or sum(support) > 1:
            raise ValueError(f"support shares must be at least 0 and add up to at most 1 {support}")
        if start_after < 0 or tail < 0:
            raise ValueError(
                f"the start after kick-off and the tail cannot be negative ({start_after}, {tail})"
            )
        if not 0.0 <= host <= 1.0:
            raise ValueError(f"the host chatter share must be from 0 to 1, not {host}")
        self.match = match
        self.tweets = tweets
        self.fmt = fmt
        self.retweet_share = retweets
        self.lag = lag
        self.before = -start_after if start_after else before
        self.support = support
        self.host_share = host
        self.final_whistle = self._periods()[-1][1]  # wall-clock minutes from kick-off
        self.later_from = self.final_whistle + lag + LATER_AFTER_MINUTES
        if start_after >= self.final_whistle:
            raise ValueError(
                f"the stream would start after the final whistle ({start_after:g} minutes after "
                f"kick-off, the match lasting {self.final_whistle:g} by the wall clock)"
            )
        self.duration = self.final_whistle + self.before + tail * 60 if tail else duration
        self.random = random.Random(seed)
        self.numbers = np.random.default_rng(seed)
        self.written = 0
        self.retweets_written = 0
        self.first_ms: int | None = None
        self.last_ms: int | None = None
        self.kickoff_ms = round(match.kickoff.timestamp() * 1000)
        self.events = self._events()
        self._goal_onsets = [e.onset for e in self.events if e.kind is _Event.GOAL]
        self.authors = {side: self._authors(side) for side in ("home", "away", "neutral")}
        self.by_handle = {a.handle: a for pool in self.authors.values() for a in pool}
        self.handles = list(self.by_handle)
        self.recent: deque[_Original] = deque(maxlen=RECENT_ORIGINALS)
        self._filled = self._fill_templates()
        self._hashtags = self._hashtag_choices()
        self._scorelines = {
            goal.score: f"{match.home.name} {goal.score[0]}-{goal.score[1]} {match.away.name}"
            for goal in match.goals
        }
        self._scorelines[0, 0] = f"{match.home.name} 0-0 {match.away.name}"
        self.links = [
            "https://t.co/" + "".join(self.random.choices(_ALNUM, k=10)) for _ in range(997)
        ]
        self.worker = self.random.randrange(1024) << 12
        self._goals_seen = 0  # goals whose reaction has started, as the stream's clock runs
        self._score: tuple[int, int] = (0, 0)
        self._next_onset = self._goal_onsets[0] if self._goal_onsets else math.inf
        self._moods: dict[tuple[str, str, tuple[int, int]], tuple[float, float]] = {}
        self._second = -1
        self._second_text = ""
        self._mood = "neutral"  # of the text composed last
        self._likes = 0  # of the original written last
        self._row = 0  # rows of a CSV written, for its index column
        self._newline = "\r\n" if fmt in CSV_FORMATS else "\n"
        self._padding = fmt is StreamFormat.KAGGLE
        # Hashtags and mentions as JSON, by text and place: the same hashtags at the same
        # places recur all the time. Bounded by the tags and handles times their places.
        self._fragments: dict[_Entity, str] = {}
        self._body, self._line, self._entity = {
            StreamFormat.V1: (self._v1_body, self._v1_line, self._v1_entity),
            StreamFormat.SNSCRAPE: (
                self._snscrape_body,
                self._snscrape_line,
                self._snscrape_entity,
            ),
            StreamFormat.V2: (self._v2_body, self._v2_line, self._v2_entity),
            StreamFormat.KAGGLE: (self._kaggle_body, self._kaggle_line, self._v2_entity),
            StreamFormat.TWITTER_R: (self._r_body, self._r_line, self._v2_entity),
        }[fmt]

    # -- the plan: events, volume per second, reactions ---------------------------------------

    def _periods(self) -> list[tuple[float, float]]:
        """Each period's start and end, minutes from kick-off by the wall clock."""
        spans = []
        played = 0.0
        for period in range(1, self.match.last_period + 1):
            length = PERIOD_END[period] - PERIOD_START[period] + self.match.stoppage_minutes(period)
            start = played + _breaks_before(period)
            spans.append((start, start + length))
            played += length
        return spans

    def _events(self) -> list[_EventAt]:
        events = [_EventAt(_Event.KICK_OFF, self.lag, *KICK_OFF_REACTION, -1)]
        for i, goal in enumerate(self.match.goals):
            played = self.match.position(goal.minute) + _breaks_before(goal.minute.period)
            events.append(_EventAt(_Event.GOAL, played + self.lag, *GOAL_REACTION, i))
        end = self._periods()[-1][1]
        events.append(_EventAt(_Event.FULL_TIME, end + self.lag, *FULL_TIME_REACTION, -1))
        return sorted(events, key=lambda e: e.onset)

    def _base_level(self, minutes: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        periods = self._periods()
        level = np.full(minutes.shape, HALF_TIME_LEVEL)
        pre_start, pre_end = PRE_MATCH_LEVEL
        ramp = pre_start + (pre_end - pre_start) * (minutes + self.before) / max(self.before, 1e-9)
        level = np.where(minutes < 0, np.clip(ramp, pre_start, pre_end), level)
        for begin, end in periods:
            level = np.where((minutes >= begin) & (minutes < end), IN_PLAY_LEVEL, level)
        final = periods[-1][1]
        high, low = AFTER_MATCH_LEVEL
        after = low + (high - low) * np.exp(-(minutes - final) / AFTER_MATCH_DECAY)
        level = np.where(minutes >= final, after, level)
        return np.where(minutes >= self.later_from, LATER_LEVEL, level)

    def _plan(
        self,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Tweets per second; per second the latest event and the share of tweets reacting to it."""
        seconds = round(self.duration * 60)
        minutes = (np.arange(seconds) + 0.5) / 60 - self.before
        noise = self.numbers.lognormal(0.0, VOLUME_NOISE, size=seconds // 60 + 1)
        total = self._base_level(minutes) * np.repeat(noise, 60)[:seconds]
        reaction = np.zeros(seconds)
        latest = np.full(seconds, -1, dtype=np.int64)
        for i, event in enumerate(self.events):
            after = minutes >= event.onset
            burst = np.where(after, event.peak * np.exp(-(minutes - event.onset) / event.decay), 0)
            reaction = np.where(after, burst, reaction)  # fans react to the latest event
            latest = np.where(after, i, latest)
            total = total + burst
        counts = self.numbers.multinomial(self.tweets, total / total.sum())
        return counts, latest, reaction / total

    # -- the stream ---------------------------------------------------------------------------

    def batches(self) -> Iterator[str]:
        """The lines, in time order, a few thousand at a time."""
        counts, latest, reacting = self._plan()
        start_ms = self.kickoff_ms - round(self.before * 60_000)
        latest_of = latest.tolist()
        reacting_of = reacting.tolist()
        share = self.retweet_share
        home, away = self.support
        pools = [self.authors["home"], self.authors["away"], self.authors["neutral"]]
        worker = self.worker
        retweet, original = self._retweet, self._original
        lines: list[str] = []
        append = lines.append
        newline = self._newline
        header = {StreamFormat.KAGGLE: KAGGLE_HEADER, StreamFormat.TWITTER_R: TWITTER_R_HEADER}
        if self.fmt in header:
            yield header[self.fmt] + newline
        padding = self._padding
        rand = self.random.random
        sequence = 0
        for minute_start in range(0, len(counts), 60):
            block = counts[minute_start : minute_start + 60]
            n = int(block.sum())
            if n == 0:
                continue
            second_of = np.repeat(np.arange(minute_start, minute_start + len(block)), block)
            offsets = np.sort(second_of * 1000 + self.numbers.integers(0, 1000, size=n))
            rolls = self.numbers.random(size=(n, 4)).tolist()
            for offset, (roll_retweet, roll_reaction, roll_side, roll_author) in zip(
                offsets.tolist(), rolls, strict=True
            ):
                second = offset // 1000
                ms = start_ms + offset
                sequence += 1
                tweet_id = (
                    ((ms - TWITTER_EPOCH_MS) << SNOWFLAKE_TIME_SHIFT) | worker | (sequence & 0xFFF)
                )
                side = 0 if roll_side < home else 1 if roll_side < home + away else 2
                author = pools[side][int(roll_author * len(pools[side]))]
                if roll_retweet < share and self.recent:
                    append(retweet(tweet_id, ms, author))
                else:
                    event = latest_of[second] if roll_reaction < reacting_of[second] else -1
                    append(original(tweet_id, ms, author, _SIDES[side], event))
                if padding:  # 0 to 3 empty rows, 1.25 on average
                    lines[-1] += (newline + ",,,,,") * int(rand() * 3 + 0.25)
                if len(lines) >= WRITE_BATCH:
                    self.written += len(lines)
                    yield newline.join(lines) + newline
                    lines.clear()
            if self.first_ms is None:
                self.first_ms = start_ms + int(offsets[0])
            self.last_ms = start_ms + int(offsets[-1])
        if lines:
            self.written += len(lines)
            yield newline.join(lines) + newline

    def _retweet(self, tweet_id: int, ms: int, author: _Author) -> str:
        recent = self.recent
        # Recent tweets are retweeted most: the cube of a uniform number favours small ages.
        original = recent[len(recent) - 1 - int(len(recent) * self.random.random() ** 3)]
        if original.retweet_body is None:
            prefix = f"RT @{original.author.handle}: "
            text = prefix + original.text
            shift = len(prefix)
            entities = [("@", original.author.handle, 3, shift - 2)]
            entities += [(k, v, a + shift, b + shift) for k, v, a, b in original.entities]
            if len(text) > RETWEET_TEXT_LIMIT:
                text = text[: RETWEET_TEXT_LIMIT - 1] + "…"
                entities = [e for e in entities if e[3] < RETWEET_TEXT_LIMIT]
            original.retweet_body = self._body(text, tuple(entities))
        self.retweets_written += 1
        return self._line(tweet_id, ms, author, original.retweet_body, original)

    def _original(self, tweet_id: int, ms: int, author: _Author, side: str, event: int) -> str:
        text, entities = self._compose(side, (ms - self.kickoff_ms) / 60_000, event)
        roll = self.random.random()
        likes = int((roll / LIKES_CHANCE) ** -(1 / LIKES_SHAPE)) if roll < LIKES_CHANCE else 0
        self._likes = likes
        encoded = self._line(tweet_id, ms, author, self._body(text, entities), None)
        self.recent.append(_Original(tweet_id, text, entities, author, encoded, self._mood, likes))
        return encoded

    # -- text ---------------------------------------------------------------------------------

    def _compose(
        self, side: str, minute: float, event_index: int
    ) -> tuple[str, tuple[_Entity, ...]]:
        """A tweet's text and entities: a template, filled, shouted, decorated."""
        rand = self.random.random
        match = self.match
        if side == "neutral":
            team = match.home.code if rand() < 0.5 else match.away.code
        else:
            team = match.home.code if side == "home" else match.away.code
        if minute >= self._next_onset:
            self._catch_up(minute)
        score = self._score
        if minute >= self.later_from:  # other matches, other news
            kind = "later-positive" if rand() < 0.5 else "later-negative"
            scorer, caps = "", CAPS_CHANCE[0]
        elif event_index >= 0:
            kind, scorer = self._reaction(self.events[event_index], side, team)
            caps = CAPS_CHANCE[1]
        elif self.host_share and rand() < self.host_share:  # the country, not its team
            kind = "host-positive" if rand() < 0.5 else "host-negative"
            team, scorer, caps = match.home.code, "", CAPS_CHANCE[0]
        else:
            moods = self._moods.get((side, team, score))
            if moods is None:
                moods = self._moods[side, team, score] = self._chatter_mood(side, team, score)
            positive, polar = moods
            roll = rand()
            kind = "positive" if roll < positive else "negative" if roll < polar else "neutral"
            scorer, caps = "", CAPS_CHANCE[0]
        templates = self._filled[kind, team]
        text = templates[int(rand() * len(templates))]
        if "{" in text:  # the slots that change from tweet to tweet
            text = text.format(
                scorer=scorer,
                score=self._scorelines[score],
                goal=_GOALS[int(rand() * len(_GOALS))],
                yes=_YESES[int(rand() * len(_YESES))],
                no=_NOS[int(rand() * len(_NOS))],
            )
        mood = self._mood = _TEMPLATES[kind][1]
        for chance in MORE_SENTENCES_CHANCE:
            if rand() >= chance:
                break
            text = self._add_sentence(text, kind, team, rand)
        if rand() < caps:
            text = text.upper()
        if rand() < EMOJI_CHANCE:
            emoji = _EMOJI[mood]
            text += " " + emoji[int(rand() * len(emoji))] * (1 + int(rand() * 3))
            if rand() < FLAG_CHANCE:
                text += FLAGS.get(team, "")
        # Talk of the host country or of other matches gets no tag of this match or team.
        tags = (
            "host" if kind.startswith("host-") else "later" if kind.startswith("later-") else team
        )
        return self._decorate(text, tags, rand)

    def _add_sentence(self, text: str, kind: str, team: str, rand: Callable[[], float]) -> str:
        """The text with one more sentence: an aside, or more of its own mood.

        Talk of the host country or of other matches goes on about that, never the match.
        """
        if kind.startswith(("host-", "later-")):
            pool = self._filled[kind, team]
        else:
            pool = self._filled["aside" if rand() < 0.5 else _TEMPLATES[kind][1], team]
        sentence = pool[int(rand() * len(pool))]
        if sentence in text or len(text) + len(sentence) > MAX_SENTENCES_CHARS:
            return text  # said already, or no room left for tags, links and replies
        if rand() < LINE_BREAK_CHANCE:
            return f"{text}\n{sentence}"
        return f"{text}{'' if text[-1] in '.!?' else '.'} {sentence}"

    def _decorate(
        self, text: str, tags: str, rand: Callable[[], float]
    ) -> tuple[str, tuple[_Entity, ...]]:
        """Add mentions, hashtags and a link, each by its chance, and say where they are.

        ``tags`` names the hashtags to choose from: a team's code, "host" or "later".
        """
        entities: list[_Entity] = []
        if rand() < REPLY_CHANCE:  # a reply: the handles it answers open the text
            handles = [self.handles[int(rand() * len(self.handles))]]
            while len(handles) < 3 and rand() < MORE_MENTIONS_CHANCE:
                handles.append(self.handles[int(rand() * len(self.handles))])
            opening = "".join(f"@{handle} " for handle in handles)
            if len(opening) + len(text) <= TWEET_LIMIT:
                start = 0
                for handle in handles:
                    entities.append(("@", handle, start, start + len(handle) + 1))
                    start += len(handle) + 2
                text = opening + text
        if rand() < HASHTAG_CHANCE:
            # One tag most often, up to MAX_HASHTAGS: fans pile them on.
            size = int(rand() ** 2 * MAX_HASHTAGS)
            choices = self._hashtags[tags][size]
            suffix, spans = choices[int(rand() * len(choices))]
            shift = len(text)
            if shift + len(suffix) <= TWEET_LIMIT:
                text += suffix
                for tag, start, end in spans:
                    entities.append(("#", tag, start + shift, end + shift))
        if rand() < LINK_CHANCE:
            link = self.links[int(rand() * len(self.links))]
            start = len(text) + 1
            if start + len(link) <= TWEET_LIMIT:
                text += " " + link
                entities.append(("url", link, start, start + len(link)))
        return text, tuple(entities)

    def _reaction(self, event: _EventAt, side: str, team: str) -> tuple[str, str]:
        """The kind of template (see _TEMPLATES) and scorer of a tweet reacting to ``event``."""
        if event.kind is _Event.KICK_OFF:
            return "kick-off", ""
        if event.kind is _Event.FULL_TIME:
            winner = self._winner()
            if side == "neutral" or winner is None:
                return "full-time", ""
            return ("win" if winner == team else "loss"), ""
        goal = self.match.goals[event.goal_index]
        if side == "neutral":
            return ("praise" if self.random.random() < NEUTRAL_PRAISE else "report"), goal.surname
        return ("celebration" if goal.team == team else "despair"), goal.surname

    def _chatter_mood(self, side: str, team: str, score: tuple[int, int]) -> tuple[float, float]:
        """The chance of a positive chatter tweet, and of a positive or negative one.

        Neutrals keep one mood; a fan's follows the score, each goal of lead (up to two)
        moving it by CHATTER_MOOD_PER_GOAL.
        """
        if side == "neutral":
            positive, negative = NEUTRAL_MOOD
        else:
            lead = score[0] - score[1] if team == self.match.home.code else score[1] - score[0]
            lead = max(-2, min(2, lead))
            positive = CHATTER_MOOD[0] + CHATTER_MOOD_PER_GOAL[0] * lead
            negative = CHATTER_MOOD[1] + CHATTER_MOOD_PER_GOAL[1] * lead
        return positive, positive + negative

    def _fill_templates(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """Every template with the slots that are fixed for a team filled in, once."""
        match = self.match
        filled = {}
        for team, other in ((match.home, match.away), (match.away, match.home)):
            fixed = {"team": team.name, "opp": other.name, "home": match.home.name}
            fixed["away"] = match.away.name
            fixed["host"] = match.home.name
            later = {name: "{" + name + "}" for name in ("scorer", "score", "goal", "yes", "no")}
            for kind, (templates, _) in _TEMPLATES.items():
                filled[kind, team.code] = tuple(t.format(**fixed, **later) for t in templates)
        return filled

    def _hashtag_choices(
        self,
    ) -> dict[str, list[list[tuple[str, tuple[tuple[str, int, int], ...]]]]]:
        """Per team, for 1 to MAX_HASHTAGS hashtags, every ordered choice: the text and each tag's span."""
        choices = {}
        home, away, year = self.match.home.code, self.match.away.code, self.match.date.year
        host = "".join(self.match.home.name.split())
        pools: dict[str, tuple[str, ...]] = {
            team.code: (
                f"#{home}{away}", "#WorldCup", f"#WorldCup{year}", f"#{team.code}", "#FIFAWorldCup",
                "#" + "".join(team.name.split()), "#football",
            )
            for team in (self.match.home, self.match.away)
        }  # fmt: skip
        pools["host"] = (
            "#WorldCup",
            f"#WorldCup{year}",
            "#FIFAWorldCup",
            f"#{host}",
            f"#{host}{year}",
        )
        pools["later"] = ("#WorldCup", f"#WorldCup{year}", "#FIFAWorldCup", "#football")
        for key, tags in pools.items():
            by_size = []
            for size in range(1, min(MAX_HASHTAGS, len(tags)) + 1):
                options = []
                for chosen in itertools.permutations(tags, size):
                    suffix, spans = "", []
                    for tag in chosen:
                        spans.append((tag[1:], len(suffix) + 1, len(suffix) + 1 + len(tag)))
                        suffix += " " + tag
                    options.append((suffix, tuple(spans)))
                by_size.append(options)
            by_size += [by_size[-1]] * (MAX_HASHTAGS - len(by_size))
            choices[key] = by_size
        return choices

    def _catch_up(self, minute: float) -> None:
        """Move the score the stream knows to ``minute``: after the goals whose reaction began.

        Tweets come in time order, so the score only moves forward.
        """
        goals = self.match.goals
        while self._goals_seen < len(goals) and self._goal_onsets[self._goals_seen] <= minute:
            self._score = goals[self._goals_seen].score
            self._goals_seen += 1
        following = self._goal_onsets[self._goals_seen :]
        self._next_onset = following[0] if following else math.inf

    def _winner(self) -> str | None:
        home, away = self.match.penalties or self.match.score
        if home == away:
            return None
        return self.match.home.code if home > away else self.match.away.code

    # -- authors ------------------------------------------------------------------------------

    def _authors(self, side: str) -> list[_Author]:
        r = self.random
        count = AUTHORS_PER_SIDE if side != "neutral" else AUTHORS_PER_SIDE // 2
        team = {"home": self.match.home.code, "away": self.match.away.code}.get(side, "")
        authors = []
        for _ in range(count):
            first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
            handle = r.choice(
                (
                    f"{first.lower()}_{last.lower()}{r.randint(1, 999)}",
                    f"{first}{last[0]}{r.randint(70, 2005)}",
                    f"{last.lower()}{team.lower()}{r.randint(1, 99)}",
                )
            )[:15]
            name = f"{first} {last}"
            if team in FLAGS and r.random() < 0.3:
                name += " " + FLAGS[team]
            user_id = r.randrange(10**7, 10**18)
            authors.append(_Author(handle, name, user_id, self._user(handle, name, user_id)))
        return authors

    def _user(self, handle: str, name: str, user_id: int) -> str:
        user: dict[str, object]
        if self.fmt in CSV_FORMATS:
            return ""  # the author is a column of the row, when the format has one
        if self.fmt is StreamFormat.V1:
            user = {"id": user_id, "id_str": str(user_id), "name": name, "screen_name": handle}
        elif self.fmt is StreamFormat.SNSCRAPE:
            user = {
                "_type": "snscrape.modules.twitter.User",
                "username": handle,
                "id": user_id,
                "displayname": name,
                "url": f"https://twitter.com/{handle}",
            }
        else:
            user = {"id": str(user_id), "username": handle, "name": name}
        return json.dumps(user, separators=(",", ":"))

    # -- the formats --------------------------------------------------------------------------
    # Lines are built from strings: json.dumps on a whole tweet costs more than the rest of
    # the generator. Only the texts go through the JSON string encoder.

    def _created(self, ms: int) -> str:
        """The time as the format writes it, to the second; built once per second."""
        second = ms // 1000
        if second != self._second:
            when = datetime.fromtimestamp(second, UTC)
            if self.fmt is StreamFormat.V1:
                self._second_text = (
                    f"{_DAYS[when.weekday()]} {_MONTHS[when.month - 1]} {when.day:02d} "
                    f"{when:%H:%M:%S} +0000 {when.year}"
                )
            elif self.fmt is StreamFormat.SNSCRAPE:
                self._second_text = when.isoformat()
            elif self.fmt is StreamFormat.KAGGLE:  # pandas' own: "2022-11-20 15:59:21+00:00"
                self._second_text = when.isoformat(sep=" ")
            elif self.fmt is StreamFormat.TWITTER_R:  # R's POSIXct, in UTC, without the zone
                self._second_text = f"{when:%Y-%m-%d %H:%M:%S}"
            else:
                self._second_text = f"{when:%Y-%m-%dT%H:%M:%S}"
            self._second = second
        return self._second_text

    def _entities_by_kind(
        self, entities: tuple[_Entity, ...]
    ) -> tuple[list[str], list[str], list[str]]:
        """The format's JSON for each hashtag, mention and link, in order, each kind apart."""
        tags: list[str] = []
        mentions: list[str] = []
        urls: list[str] = []
        fragments = self._fragments
        for entity in entities:
            kind = entity[0]
            fragment = fragments.get(entity)
            if fragment is None:
                fragment = self._entity(entity)
                if kind != "url":  # links are too many to keep
                    fragments[entity] = fragment
            (tags if kind == "#" else mentions if kind == "@" else urls).append(fragment)
        return tags, mentions, urls

    def _v1_body(self, text: str, entities: tuple[_Entity, ...]) -> str:
        tags, mentions, urls = self._entities_by_kind(entities)
        return (
            f'"full_text":{_encode(text)},"truncated":false,"display_text_range":[0,{len(text)}],'
            f'"entities":{{"hashtags":[{",".join(tags)}],"symbols":[],'
            f'"user_mentions":[{",".join(mentions)}],"urls":[{",".join(urls)}]}}'
        )

    def _v1_entity(self, entity: _Entity) -> str:
        kind, value, start, end = entity
        if kind == "#":
            return f'{{"text":"{value}","indices":[{start},{end}]}}'
        if kind == "@":
            user = self.by_handle[value]
            return (
                f'{{"screen_name":"{value}","name":{_encode(user.name)},"id":{user.id},'
                f'"id_str":"{user.id}","indices":[{start},{end}]}}'
            )
        expanded = LINKS[ord(value[-1]) % len(LINKS)]
        return (
            f'{{"url":"{value}","expanded_url":"{expanded}",'
            f'"display_url":"{expanded.split("://", 1)[1]}","indices":[{start},{end}]}}'
        )

    def _v1_line(
        self, tweet_id: int, ms: int, author: _Author, body: str, original: _Original | None
    ) -> str:
        retweeted = f',"retweeted_status":{original.encoded}' if original is not None else ""
        return (
            f'{{"created_at":"{self._created(ms)}","id":{tweet_id},"id_str":"{tweet_id}",{body},'
            f'"source":"{SOURCES[tweet_id % 3]}","user":{author.encoded},"lang":"en",'
            f'"retweet_count":0,"favorite_count":0{retweeted}}}'
        )

    def _snscrape_body(self, text: str, entities: tuple[_Entity, ...]) -> str:
        tags, mentions, links = self._entities_by_kind(entities)
        return (
            f'"rawContent":{_encode(text)},"links":{_list_or_null(links)},'
            f'"mentionedUsers":{_list_or_null(mentions)},"hashtags":{_list_or_null(tags)}'
        )

    def _snscrape_entity(self, entity: _Entity) -> str:
        kind, value, _, _ = entity
        if kind == "#":
            return f'"{value}"'
        if kind == "@":
            user = self.by_handle[value]
            return (
                f'{{"_type":"snscrape.modules.twitter.User","username":"{value}",'
                f'"id":{user.id},"displayname":{_encode(user.name)}}}'
            )
        return f'{{"url":"{LINKS[ord(value[-1]) % len(LINKS)]}","tcourl":"{value}"}}'

    def _snscrape_line(
        self, tweet_id: int, ms: int, author: _Author, body: str, original: _Original | None
    ) -> str:
        retweeted = original.encoded if original is not None else "null"
        return (
            f'{{"_type":"snscrape.modules.twitter.Tweet",'
            f'"url":"https://twitter.com/{author.handle}/status/{tweet_id}",'
            f'"date":"{self._created(ms)}",{body},"id":{tweet_id},"user":{author.encoded},'
            f'"replyCount":0,"retweetCount":0,"likeCount":0,"quoteCount":0,'
            f'"conversationId":{tweet_id},"lang":"en","sourceLabel":"{SOURCES[tweet_id % 3]}",'
            f'"retweetedTweet":{retweeted},"quotedTweet":null,"inReplyToTweetId":null}}'
        )

    def _v2_body(self, text: str, entities: tuple[_Entity, ...]) -> str:
        tags, mentions, urls = self._entities_by_kind(entities)
        parts = []
        if tags:
            parts.append(f'"hashtags":[{",".join(tags)}]')
        if mentions:
            parts.append(f'"mentions":[{",".join(mentions)}]')
        if urls:
            parts.append(f'"urls":[{",".join(urls)}]')
        return f'"text":{_encode(text)},"entities":{{{",".join(parts)}}}'

    def _v2_entity(self, entity: _Entity) -> str:
        kind, value, start, end = entity
        if kind == "#":
            return f'{{"start":{start},"end":{end},"tag":"{value}"}}'
        if kind == "@":
            user = self.by_handle[value]
            return f'{{"start":{start},"end":{end},"username":"{value}","id":"{user.id}"}}'
        expanded = LINKS[ord(value[-1]) % len(LINKS)]
        return (
            f'{{"start":{start},"end":{end},"url":"{value}","expanded_url":"{expanded}",'
            f'"display_url":"{expanded.split("://", 1)[1]}"}}'
        )

    def _v2_line(
        self, tweet_id: int, ms: int, author: _Author, body: str, original: _Original | None
    ) -> str:
        referenced = ""
        if original is not None:
            # twarc2 flatten puts the referenced tweet itself inside referenced_tweets.
            referenced = f',"referenced_tweets":[{{"type":"retweeted",{original.encoded[1:]}]'
        return (
            f'{{"id":"{tweet_id}",{body},"created_at":"{self._created(ms)}.{ms % 1000:03d}Z",'
            f'"author_id":"{author.id}","author":{author.encoded},"lang":"en",'
            f'"conversation_id":"{tweet_id}","public_metrics":{{"retweet_count":0,'
            f'"reply_count":0,"like_count":0,"quote_count":0}}{referenced}}}'
        )

    def _kaggle_body(self, text: str, entities: tuple[_Entity, ...]) -> str:
        # pandas quotes a field only when it must (QUOTE_MINIMAL).
        if any(c in text for c in ',"\r\n'):
            return '"' + text.replace('"', '""') + '"'
        return text

    def _kaggle_line(
        self, tweet_id: int, ms: int, author: _Author, body: str, original: _Original | None
    ) -> str:
        row = self._row
        self._row += 1
        mood, likes = (original.mood, 0) if original is not None else (self._mood, self._likes)
        return f"{row},{self._created(ms)},{likes},{SOURCES[tweet_id % 3]},{body},{mood}"

    def _r_body(self, text: str, entities: tuple[_Entity, ...]) -> str:
        if not text.isascii():  # what cp1252 lacks, R writes as <U+...>
            text = "".join(c if c in _CP1252 or c.isascii() else f"<U+{ord(c):04X}>" for c in text)
        return '"' + text.replace('"', '""') + '"'

    def _r_line(
        self, tweet_id: int, ms: int, author: _Author, body: str, original: _Original | None
    ) -> str:
        self._row += 1
        source = SOURCES[tweet_id % 3]
        status = f'"<a href=""{STATUS_SOURCES[source]}"" rel=""nofollow"">{source}</a>"'
        if original is not None:  # a retweet: the original's counts, none of its own likes
            likes, retweets, flag, reply_to = 0, original.likes // 3, "TRUE", "NA"
        else:
            likes, retweets, flag = self._likes, self._likes // 3, "FALSE"
            reply = RE_REPLY.match(body, 1)
            reply_to = f'"{reply[1]}"' if reply else "NA"
        return (
            f'"{self._row}",{body},FALSE,{likes},{reply_to},"{self._created(ms)}",FALSE,NA,'
            f'"{tweet_id}",NA,{status},"{author.handle}",{retweets},{flag},FALSE,NA,NA'
        )


def _breaks_before(period: int) -> int:
    return sum(BREAK_MINUTES[p] for p in range(2, period + 1))


def _list_or_null(items: list[str]) -> str:
    return f"[{','.join(items)}]" if items else "null"


def _datetime(ms: int | None) -> datetime | None:
    return None if ms is None else datetime.fromtimestamp(ms / 1000, UTC)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m analyzer.synthetic OUT.jsonl --tweets N ...``: write a stream, report on stderr."""
    import click

    from analyzer.errors import AnalyzerError
    from analyzer.matches import shipped

    @click.command(
        help="Write a synthetic tweet stream about a match, as JSON Lines or as a CSV export."
    )
    @click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
    @click.option("--tweets", "-n", type=click.IntRange(min=0), default=10_000, show_default=True)
    @click.option(
        "--format",
        "fmt",
        type=click.Choice([f.value for f in StreamFormat]),
        default=StreamFormat.V1.value,
        show_default=True,
        help="v1: Twitter API v1.1; snscrape: snscrape JSON Lines; v2: Twitter API v2 flattened; "
        "kaggle: the Kaggle World Cup 2022 CSV (no author columns, empty padding rows, CRLF); "
        "twitter-r: R twitteR's data frame written by write.csv (cp1252).",
    )
    @click.option(
        "--retweets",
        type=click.FloatRange(0.0, 1.0, max_open=True),
        default=DEFAULT_RETWEETS,
        show_default=True,
        help="Share of the tweets that are retweets.",
    )
    @click.option(
        "--lag",
        type=click.FloatRange(min=0.0),
        default=DEFAULT_LAG_MINUTES,
        show_default=True,
        help="Minutes between an event on the pitch and the start of the reaction.",
    )
    @click.option(
        "--start-after",
        type=click.FloatRange(min=0.0),
        default=0.0,
        metavar="MINUTES",
        help="Start the stream this many minutes after kick-off (default: 45 minutes before).",
    )
    @click.option(
        "--tail",
        type=click.FloatRange(min=0.0),
        default=0.0,
        metavar="HOURS",
        help="Run the stream this many hours past the final whistle, the talk turning to other "
        "matches and news an hour after it (default: three hours in all).",
    )
    @click.option(
        "--host",
        type=click.FloatRange(0.0, 1.0),
        default=0.0,
        metavar="SHARE",
        help="Share of the chatter about the home side's country as host of the tournament "
        "(its stadiums, its laws), not about its team.",
    )
    @click.option("--seed", type=int, default=1, show_default=True)
    @click.option("--match", "match_id", default="BEL-JPN", show_default=True, metavar="ID")
    def command(
        out: Path,
        tweets: int,
        fmt: str,
        retweets: float,
        lag: float,
        start_after: float,
        tail: float,
        host: float,
        seed: int,
        match_id: str,
    ) -> None:
        try:
            match = shipped().find(match_id)
        except AnalyzerError as error:
            raise click.ClickException(str(error)) from error
        try:
            out.parent.mkdir(parents=True, exist_ok=True)  # as `analyze --out` does
            summary = write_stream(
                out,
                match,
                tweets=tweets,
                fmt=fmt,
                retweets=retweets,
                lag=lag,
                seed=seed,
                start_after=start_after,
                tail=tail,
                host=host,
            )
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:
            raise click.ClickException(f"cannot write {out}: {error.strerror}") from None
        rate = summary.tweets / summary.seconds if summary.seconds else 0.0
        span = (
            f"{summary.first:%Y-%m-%d %H:%M:%S} to {summary.last:%H:%M:%S} UTC"
            if summary.first and summary.last
            else "no tweets"
        )
        goals = ", ".join(f"{t:%H:%M}" for t in summary.goal_times) or "none"
        click.echo(
            f"Wrote {summary.tweets:,} tweets ({summary.retweets:,} retweets) about "
            f"{match.title} to {out} ({summary.format.value} format, seed {seed}): {span}; "
            f"goals on the pitch at {goals} UTC, reactions {lag:g} min later; "
            f"{summary.seconds:.1f} s, {rate:,.0f} tweets/s",
            err=True,
        )

    command.main(
        args=list(argv) if argv is not None else None, prog_name="python -m analyzer.synthetic"
    )


if __name__ == "__main__":
    main()
