"""The names a team goes by: the shipped aliases (names, demonyms, nicknames, hashtags, flags) and squads."""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from analyzer.attribution.flags import flag_emoji
from analyzer.errors import AnalyzerError
from analyzer.matches.model import Team

ALIASES_FILE = "data/team_aliases.toml"


SQUADS_FILE = "data/squads_2018.csv"


# The year the squads file describes: its players are named only in that year's matches.
SQUADS_YEAR = 2018


class TeamDataError(AnalyzerError):
    """The team aliases or squads file is malformed."""


@dataclass(frozen=True, slots=True)
class TeamNames:
    """Every way a text may name one team. Names are written as they are; matching folds them."""

    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()  # without '#'; the code and multi-word names are added
    flag: str | None = None  # the emoji
    people: tuple[str, ...] = ()  # players and coaches, full names
    bare_code: bool = False  # the code also counts written in capitals, without '#'
    family_name_first: bool = False  # people are also named "Haraguchi Genki"
    # The host nation: its name, demonyms and flag are also the country's and the
    # tournament's, so they count for the team only in a sentence about football.
    host: bool = False

    def with_people(self, people: Iterable[str]) -> TeamNames:
        return replace(self, people=tuple(dict.fromkeys((*self.people, *people))))


@dataclass(frozen=True)
class TeamData:
    """The shipped data: each team's names, the blocker phrases and the capitalised-only words."""

    teams: dict[str, TeamNames]
    blockers: tuple[str, ...]
    capitalised: frozenset[str]
    squads: dict[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)


def names_for(team: Team, *, data: TeamData | None = None) -> TeamNames:
    """The shipped names of a team, or just its name and code for a team the data does not know."""
    data = data or shipped_team_data()
    known = data.teams.get(team.code)
    if known is None:
        return TeamNames(team.code, (team.name,))
    if team.name not in known.names:
        return replace(known, names=(*known.names, team.name))
    return known


@cache
def shipped_team_data() -> TeamData:
    """The team aliases and squads that come with the package (read once per process)."""
    package = resources.files("analyzer")
    aliases = tomllib.loads(package.joinpath(ALIASES_FILE).read_text(encoding="utf-8"))
    squads = package.joinpath(SQUADS_FILE).read_text(encoding="utf-8")
    return TeamData(
        teams=_read_teams(aliases),
        blockers=tuple(_strings(aliases.get("blockers", {}), "phrases", "blockers")),
        capitalised=frozenset(_strings(aliases.get("words", {}), "capitalised", "words")),
        squads=_read_squads(squads.splitlines()),
    )


def _read_teams(data: dict[str, Any]) -> dict[str, TeamNames]:
    teams = {}
    for code, entry in data.get("teams", {}).items():
        if "flag" not in entry:
            raise TeamDataError(f"{ALIASES_FILE}: team {code} has no flag")
        names = _strings(entry, "names", code)
        if not names:
            raise TeamDataError(f"{ALIASES_FILE}: team {code} has no names")
        teams[code] = TeamNames(
            code=code,
            names=names,
            demonyms=_strings(entry, "demonyms", code),
            nicknames=_strings(entry, "nicknames", code),
            hashtags=_strings(entry, "hashtags", code),
            flag=_flag(str(entry["flag"]), code),
            bare_code=bool(entry.get("bare_code", True)),
            family_name_first=bool(entry.get("family_name_first", False)),
        )
    return teams


def _strings(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise TeamDataError(f"{ALIASES_FILE}: {where}.{key} must be a list of non-empty strings")
    return tuple(values)


def _read_squads(lines: Iterable[str]) -> dict[tuple[int, str], tuple[str, ...]]:
    people: dict[tuple[int, str], list[str]] = {}
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    for row in rows:
        if not row.get("team") or not row.get("name"):
            raise TeamDataError(f"{SQUADS_FILE}: a row without team or name: {row}")
        extra = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
        people.setdefault((SQUADS_YEAR, row["team"]), []).extend([row["name"], *extra])
    return {key: tuple(names) for key, names in people.items()}


def _flag(region: str, code: str) -> str:
    try:
        return flag_emoji(region)
    except ValueError as error:
        raise TeamDataError(f"{ALIASES_FILE}: team {code}: {error}") from None
