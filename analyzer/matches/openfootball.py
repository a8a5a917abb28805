"""Reading one match in openfootball's JSON form (github.com/openfootball/worldcup.json) into a Match."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

from analyzer.errors import MatchDataError
from analyzer.matches.model import PERIOD_END, Goal, Match, MatchMinute, Team, in_time_order

# No period has had half an hour of stoppage time; more is a typo in the data.
MAX_STOPPAGE = 30

# "21:00 UTC+3", "16:00 UTC-4", "20:45 UTC+5:30", or a bare "19:00".
RE_KICKOFF_TIME = re.compile(
    r"^\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?:\s*(?:UTC|GMT)\s*(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?\s*$"
)
RE_UTC_OFFSET = re.compile(r"^(?P<sign>[+-])(?P<oh>\d{2}):(?P<om>\d{2})$")


def parse_utc_offset(text: str) -> timezone:
    """'+03:00' -> a fixed-offset time zone."""
    m = RE_UTC_OFFSET.match(text.strip())
    if not m:
        raise MatchDataError(f"UTC offset {text!r} is not of the form +03:00")
    return _offset(m["sign"], m["oh"], m["om"])


def _offset(sign: str, hours: str, minutes: str | None) -> timezone:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-delta if sign == "-" else delta)


def parse_kickoff(day: str, time: str, *, default_zone: timezone | None, where: str) -> datetime:
    """Combine openfootball's date and local time into an aware datetime.

    A time without a zone is only accepted when the competition says which zone its
    times are in: guessing would shift every tweet against the match clock.
    """
    try:
        match_day = date.fromisoformat(day)
    except (TypeError, ValueError):
        raise MatchDataError(f"{where}: date {day!r} is not YYYY-MM-DD") from None
    m = RE_KICKOFF_TIME.match(time or "")
    if not m:
        raise MatchDataError(f"{where}: kick-off time {time!r} is not like '21:00 UTC+3'")
    if m["sign"]:
        zone = _offset(m["sign"], m["oh"], m["om"])
    elif default_zone is not None:
        zone = default_zone
    else:
        raise MatchDataError(
            f"{where}: kick-off {time!r} has no time zone; write it as '{time.strip()} UTC+3' "
            "(with the venue's offset)"
        )
    return datetime(
        match_day.year,
        match_day.month,
        match_day.day,
        int(m["hour"]),
        int(m["minute"]),
        tzinfo=zone,
    )


def goal_minute(minute: int, offset: int, *, extra_time: bool) -> MatchMinute:
    """Fold minutes written past a period's end into stoppage time (openfootball writes 120+1 as 121)."""
    last_end = PERIOD_END[4 if extra_time else 2]
    if minute > last_end and offset == 0:
        return MatchMinute(last_end, minute - last_end)
    return MatchMinute(minute, offset)


def parse_match(
    raw: Mapping[str, Any],
    *,
    competition: str,
    codes: Mapping[str, str],
    default_zone: timezone | None = None,
    where: str = "match",
) -> Match:
    """One openfootball match object -> Match, with goals sorted and running scores filled in."""
    try:
        home_name, away_name = str(raw["team1"]), str(raw["team2"])
        score = raw["score"]
        ft = score_pair(score["ft"], where, "score.ft")
    except (KeyError, TypeError):
        raise MatchDataError(f"{where}: needs team1, team2 and score.ft") from None
    home = Team(home_name, team_code(home_name, codes))
    away = Team(away_name, team_code(away_name, codes))
    if home.code == away.code:
        raise MatchDataError(f"{where}: both teams have the code {home.code}")
    extra_time = "et" in score
    final = score_pair(score["et"], where, "score.et") if extra_time else ft
    where = f"{where} ({home.name} v {away.name})"
    kickoff = parse_kickoff(
        str(raw.get("date", "")), str(raw.get("time", "")), default_zone=default_zone, where=where
    )

    unsorted: list[Goal] = []
    for key, team in (("goals1", home), ("goals2", away)):
        for g in raw.get(key) or []:
            try:
                minute = goal_minute(
                    int(g["minute"]), int(g.get("offset", 0)), extra_time=extra_time
                )
                name = str(g["name"])
            except (KeyError, TypeError, ValueError):
                raise MatchDataError(
                    f"{where}: a goal in {key} needs a name and a minute"
                ) from None
            check_goal_minute(minute, extra_time=extra_time, where=f"{where}: goal by {name}")
            unsorted.append(
                Goal(
                    team.code,
                    name,
                    minute,
                    penalty=bool(g.get("penalty", False)),
                    own_goal=bool(g.get("owngoal", False)),
                )
            )
    goals = in_time_order(unsorted, home=home.code)
    check_goals_add_up(goals, final, where=where)
    return Match(
        competition=competition,
        round=str(raw.get("round", "")),
        date=kickoff.date(),
        kickoff=kickoff,
        venue=str(raw.get("ground", "")),
        home=home,
        away=away,
        goals=tuple(goals),
        score=final,
        half_time=score_pair(score["ht"], where, "score.ht") if "ht" in score else None,
        penalties=score_pair(score["p"], where, "score.p") if "p" in score else None,
        extra_time=extra_time,
    )


def team_code(name: str, codes: Mapping[str, str]) -> str:
    """The FIFA code of a team the package knows; other teams get the first three letters."""
    if name in codes:
        return codes[name]
    letters = re.sub(r"[^A-Za-z]", "", name)
    if len(letters) < 3:
        raise MatchDataError(f"team {name!r} is unknown and too short to derive a code from")
    return letters[:3].upper()


def check_goal_minute(minute: MatchMinute, *, extra_time: bool, where: str) -> None:
    if minute.minute < 1 or not 0 <= minute.offset <= MAX_STOPPAGE or minute.minute > PERIOD_END[4]:
        raise MatchDataError(f"{where} at {minute} is outside the match")
    if minute.period > 2 and not extra_time:
        raise MatchDataError(f"{where} at {minute} is in extra time, but the match had none")


def check_goals_add_up(goals: tuple[Goal, ...], score: tuple[int, int], *, where: str) -> None:
    """Goal lists that disagree with the score would put every later moment at the wrong score."""
    counted = goals[-1].score if goals else (0, 0)
    if goals and counted != score:
        raise MatchDataError(
            f"{where}: the goals add up to {counted[0]}-{counted[1]} but the score is "
            f"{score[0]}-{score[1]}"
        )


def score_pair(value: Any, where: str, what: str) -> tuple[int, int]:
    try:
        a, b = value
        return int(a), int(b)
    except (TypeError, ValueError):
        raise MatchDataError(f"{where}: {what} must be two numbers, like [3, 2]") from None
