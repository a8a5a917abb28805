"""Finding a match: the World Cup matches the package ships, match files users bring, and match ids."""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from analyzer.errors import AmbiguousMatch, MatchDataError, MatchNotFound
from analyzer.matches.model import Goal, Match, Team, in_time_order
from analyzer.matches.openfootball import (
    check_goal_minute,
    check_goals_add_up,
    goal_minute,
    parse_match,
    parse_utc_offset,
    score_pair,
)

# BEL-JPN, jpn-bel, BEL-ENG@2018, BEL-ENG@2018-07-14
RE_MATCH_ID = re.compile(
    r"^(?P<a>[A-Za-z]{2,4})-(?P<b>[A-Za-z]{2,4})(?:@(?P<when>\d{4}(?:-\d{2}-\d{2})?))?$"
)
RE_TEAM_CODE = re.compile(r"^[A-Z]{2,4}$")


@dataclass(frozen=True)
class Catalog:
    """A set of matches that ids are looked up in."""

    matches: tuple[Match, ...]
    origin: str  # said in error messages: "the shipped World Cups" or a file name

    def find(self, match_id: str | None) -> Match:
        """The one match an id names; team order does not matter.

        With no id, a catalog of exactly one match (a user's match file) gives that match.
        """
        if match_id is None:
            if len(self.matches) == 1:
                return self.matches[0]
            raise MatchNotFound(
                f"{self.origin} holds {len(self.matches)} matches: name one with --match"
            )
        m = RE_MATCH_ID.match(match_id.strip())
        if not m:
            raise MatchNotFound(
                f"match id {match_id!r} is not like BEL-JPN or BEL-JPN@2018; "
                "'analyze matches' lists the shipped matches"
            )
        teams = {m["a"].upper(), m["b"].upper()}
        known = {code for match in self.matches for code in (match.home.code, match.away.code)}
        unknown = sorted(teams - known)
        if unknown:
            raise MatchNotFound(
                f"no team with code {', '.join(unknown)} in {self.origin}; "
                "'analyze matches' lists the shipped matches, --match-file reads your own"
            )
        found = [x for x in self.matches if {x.home.code, x.away.code} == teams]
        if m["when"]:
            found = [x for x in found if x.date.isoformat().startswith(m["when"])]
        if not found:
            when = f" on {m['when']}" if m["when"] else ""
            raise MatchNotFound(
                f"no match between {' and '.join(sorted(teams))}{when} in {self.origin}; "
                "'analyze matches' lists them, --match-file reads your own"
            )
        if len(found) > 1:
            options = ", ".join(f"{x.key} ({x.competition}, {x.round})" for x in found)
            raise AmbiguousMatch(
                f"{match_id} names {len(found)} matches: {options}; use one of those ids"
            )
        return found[0]

    def folder_name(self, match: Match) -> str:
        """A name for the match's report folder: its id, plus the date when the id alone is ambiguous.

        Built from validated team codes and a date only, never from free text, so it is
        always a single safe path component.
        """
        same_teams = [
            x
            for x in self.matches
            if {x.home.code, x.away.code} == {match.home.code, match.away.code}
        ]
        return match.id if len(same_teams) <= 1 else f"{match.id}_{match.date.isoformat()}"


@cache
def team_codes() -> Mapping[str, str]:
    """FIFA codes by team name for every team in the shipped tournaments."""
    text = resources.files("analyzer").joinpath("data/teams.csv").read_text(encoding="utf-8")
    return {row["name"]: row["code"] for row in csv.DictReader(text.splitlines())}


@cache
def shipped() -> Catalog:
    """The World Cup 2014, 2018 and 2022 matches that come with the package."""
    data = resources.files("analyzer").joinpath("data")
    config = tomllib.loads(data.joinpath("competitions.toml").read_text(encoding="utf-8"))
    matches: list[Match] = []
    for entry in config["competition"]:
        raw = json.loads(data.joinpath(entry["file"]).read_text(encoding="utf-8"))
        zone = (
            parse_utc_offset(entry["default_utc_offset"]) if "default_utc_offset" in entry else None
        )
        found = _openfootball_matches(
            raw, where=entry["file"], default_zone=zone, codes=team_codes()
        )
        host = entry.get("host")
        matches.extend(replace(m, host=host) for m in found)
    return Catalog(tuple(sorted(matches, key=lambda x: x.kickoff)), "the shipped World Cups")


def load_match_file(path: Path) -> Catalog:
    """A user's match file: openfootball JSON (one match or a whole competition) or our own form.

    Our own form (JSON or TOML) is documented in the README under "Your own match".
    """
    where = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise MatchDataError(f"cannot read match file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise MatchDataError(f"match file {path} is not UTF-8 text") from None
    try:
        raw: Any = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise MatchDataError(
            f"match file {path} is not valid {path.suffix[1:].upper()}: {exc}"
        ) from None
    if not isinstance(raw, dict):
        raise MatchDataError(f"match file {path}: expected an object at the top")
    if "matches" in raw:
        matches = _openfootball_matches(raw, where=where, default_zone=None, codes=team_codes())
    elif "team1" in raw:
        matches = [
            parse_match(
                raw, competition=str(raw.get("competition", "")), codes=team_codes(), where=where
            )
        ]
    elif "home" in raw:
        matches = [parse_own_form(raw, where=where)]
    else:
        raise MatchDataError(
            f"match file {path}: not openfootball JSON (team1/team2) nor our form (home/away); "
            "see 'Your own match' in the README"
        )
    if not matches:
        raise MatchDataError(f"match file {path} holds no matches")
    return Catalog(tuple(matches), where)


def _openfootball_matches(
    raw: Mapping[str, Any], *, where: str, default_zone: timezone | None, codes: Mapping[str, str]
) -> list[Match]:
    competition = str(raw.get("name", ""))
    items = raw.get("matches")
    if not isinstance(items, list):
        raise MatchDataError(f"{where}: 'matches' must be a list")
    return [
        parse_match(
            item,
            competition=competition,
            codes=codes,
            default_zone=default_zone,
            where=f"{where} match {i + 1}",
        )
        for i, item in enumerate(items)
    ]


def parse_own_form(raw: Mapping[str, Any], *, where: str) -> Match:
    """Our small match form: explicit codes, an ISO kick-off with offset, goals with team codes."""
    try:
        home = _own_team(raw["home"], where, "home")
        away = _own_team(raw["away"], where, "away")
        kickoff_raw = raw["kickoff"]
    except KeyError as exc:
        raise MatchDataError(
            f"{where}: missing {exc.args[0]!r} (needs home, away, kickoff)"
        ) from None
    kickoff = _own_kickoff(kickoff_raw, where)
    extra_time = bool(raw.get("extra_time", False))
    unsorted: list[Goal] = []
    for i, g in enumerate(raw.get("goals", [])):
        try:
            team = str(g["team"]).upper()
            minute = goal_minute(int(g["minute"]), int(g.get("offset", 0)), extra_time=extra_time)
        except (KeyError, TypeError, ValueError):
            raise MatchDataError(f"{where}: goal {i + 1} needs a team code and a minute") from None
        if team not in (home.code, away.code):
            raise MatchDataError(
                f"{where}: goal {i + 1} is for team {team!r}, which is neither {home.code} nor {away.code}"
            )
        check_goal_minute(minute, extra_time=extra_time, where=f"{where}: goal {i + 1}")
        unsorted.append(
            Goal(
                team,
                str(g.get("scorer", "unknown")),
                minute,
                penalty=bool(g.get("penalty", False)),
                own_goal=bool(g.get("own_goal", False)),
            )
        )
    goals = in_time_order(unsorted, home=home.code)
    counted = goals[-1].score if goals else (0, 0)
    score = score_pair(raw["score"], where, "score") if "score" in raw else counted
    check_goals_add_up(goals, score, where=where)
    try:
        stoppage = {int(k): int(v) for k, v in dict(raw.get("stoppage", {})).items()}
        half_time_break = float(raw["half_time_break"]) if "half_time_break" in raw else None
    except (TypeError, ValueError):
        raise MatchDataError(
            f"{where}: stoppage must map periods to minutes, like {{1 = 2, 2 = 5}}, "
            "and half_time_break be a number of minutes"
        ) from None
    return Match(
        competition=str(raw.get("competition", "")),
        round=str(raw.get("round", "")),
        date=kickoff.date(),
        kickoff=kickoff,
        venue=str(raw.get("venue", "")),
        home=home,
        away=away,
        goals=goals,
        score=score,
        half_time=score_pair(raw["half_time"], where, "half_time") if "half_time" in raw else None,
        penalties=score_pair(raw["penalties"], where, "penalties") if "penalties" in raw else None,
        extra_time=extra_time,
        stoppage=stoppage,
        half_time_break=half_time_break,
    )


def _own_team(raw: Any, where: str, side: str) -> Team:
    if not isinstance(raw, Mapping) or "name" not in raw or "code" not in raw:
        raise MatchDataError(
            f"{where}: {side} needs a name and a code, like {{name = 'Japan', code = 'JPN'}}"
        )
    code = str(raw["code"]).upper()
    if not RE_TEAM_CODE.match(code):
        raise MatchDataError(f"{where}: {side} code {raw['code']!r} must be 2-4 letters, like JPN")
    return Team(str(raw["name"]), code)


def _own_kickoff(raw: Any, where: str) -> datetime:
    if isinstance(raw, datetime):
        kickoff = raw
    else:
        try:
            kickoff = datetime.fromisoformat(str(raw))
        except ValueError:
            raise MatchDataError(
                f"{where}: kickoff {raw!r} is not an ISO time like 2018-07-02T21:00:00+03:00"
            ) from None
    if kickoff.tzinfo is None or kickoff.utcoffset() is None:
        raise MatchDataError(
            f"{where}: kickoff {raw!r} has no time zone; add the offset, like 2018-07-02T21:00:00+03:00"
        )
    return kickoff


def describe(matches: Iterable[Match]) -> list[str]:
    """One line per match for listings: id, date, competition, round, result."""
    return [f"{m.key:<22} {m.competition:<15} {m.round:<22} {m.title}" for m in matches]
