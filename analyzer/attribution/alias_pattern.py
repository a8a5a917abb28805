"""All the names of a match's teams as one regular expression: a trie, folded and on word boundaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.attribution.folding import FIRST_UNSPACED_CODE_POINT, fold
from analyzer.attribution.team_data import TeamNames
from analyzer.matches.model import surname

# "Belgium-born" says where a person was born, not which side they are on.
BIRTHPLACE_SUFFIX = "-born"


# Separators in match hashtags: #BELJPN, #BELvJPN, #BELvsJPN.
MATCH_TAG_SEPARATORS = ("", "v", "vs")


RE_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Alias:
    teams: tuple[str, ...]  # empty for a blocker, both for a match hashtag
    case: str = "any"  # "any", "capitalised" (Hazard, not hazard) or "upper" (BEL, not Bel)
    person: bool = False  # a player's or coach's name
    needs_context: bool = False  # counts only in a sentence about football (the host's name)


def alias_key(alias: str) -> str:
    """How an alias or a matched text is looked up: folded, case-folded, spaces and quotes evened."""
    folded, _ = fold(alias)
    return RE_SPACES.sub(" ", folded.casefold().replace("’", "'").strip())


def _team_aliases(team: TeamNames) -> Iterator[tuple[str, str, bool]]:
    """(alias, case rule, whether it names a person) for every way of naming the team."""
    for name in (*team.names, *team.demonyms, *team.nicknames):
        yield name, "any", False
        if " " in name or (team.host and name in team.names):
            yield "#" + name.replace(" ", ""), "any", False
    for tag in (*team.hashtags, team.code):
        yield "#" + tag, "any", False
    if team.bare_code:
        yield team.code, "upper", False
    if team.flag:
        yield team.flag, "any", False
    for person in team.people:
        family = surname(person)
        yield person, "any", True
        yield family, "any", True
        given = person[: -len(family)].strip()
        if team.family_name_first and given:
            yield f"{family} {given}", "any", True


def _country_word(team: TeamNames, alias: str) -> bool:
    """Whether an alias of the host could as well name the country or the tournament."""
    if not team.host:
        return False
    words = {*team.names, *team.demonyms, *(f"#{n.replace(' ', '')}" for n in team.names)}
    return alias in words or alias == team.flag


def alias_table(
    teams: Sequence[TeamNames], blockers: Iterable[str], capitalised: frozenset[str]
) -> dict[str, Alias]:
    owners: dict[str, set[str]] = {}
    kinds: dict[str, tuple[str, bool, bool]] = {}
    for team in teams:
        for alias, case, person in _team_aliases(team):
            key = alias_key(alias)
            if not key:
                continue  # an empty name in a user's match file would match everywhere
            owners.setdefault(key, set()).add(team.code)
            case = "capitalised" if case == "any" and key in capitalised else case
            kinds[key] = (case, person, _country_word(team, alias))
    table: dict[str, Alias] = {}
    order = [t.code for t in teams]
    for key, codes in owners.items():
        # A name two teams share cannot say which is meant: it names neither.
        table[key] = Alias((next(iter(codes)),), *kinds[key]) if len(codes) == 1 else Alias(())
    for team in teams:
        for name in (*team.names, *team.demonyms):
            if name and is_spaced_word_char(name[-1]):
                table.setdefault(alias_key(name + BIRTHPLACE_SUFFIX), Alias(()))
    for phrase in blockers:
        key = alias_key(phrase)
        # Only the blockers that hold one of this match's names matter; the rest slow it down.
        if any(_holds_word(key, name) for name in table):
            table.setdefault(key, Alias(()))
    if len(order) == 2:
        for tag in _match_tags(teams):
            table.setdefault(alias_key(tag), Alias(tuple(order)))
    return table


def _holds_word(phrase: str, name: str) -> bool:
    at = phrase.find(name)
    return at >= 0 and (at == 0 or not phrase[at - 1].isalnum())


def _match_tags(teams: Sequence[TeamNames]) -> Iterator[str]:
    """#BELJPN, #JPNvBEL, #BelgiumvsJapan...: hashtags naming the match itself."""
    first, second = ([t.code, t.names[0].replace(" ", "")] for t in teams)
    for a, b in ((first, second), (second, first)):
        for x in a:
            for y in b:
                for sep in MATCH_TAG_SEPARATORS:
                    yield f"#{x}{sep}{y}"


def trie_pattern(aliases: Mapping[str, Alias]) -> re.Pattern[str]:
    """One regex for all aliases, as a trie so that a shared prefix is matched once.

    The longest alias wins where several start at one place ("Korea Republic" over
    "Korea", "Belgium-born" over "Belgium"). Aliases are bounded by non-word characters
    where they begin or end with a word character of a spaced script.
    """
    guarded: dict[str, Any] = {}
    free: dict[str, Any] = {}
    for key in aliases:
        trie = guarded if is_spaced_word_char(key[0]) else free
        for ch in key:
            trie = trie.setdefault(ch, {})
        trie[""] = True
    branches = []
    if guarded:
        branches.append(r"(?<!\w)" + _trie_regex(guarded))
    if free:
        branches.append(_trie_regex(free))
    # A look-ahead at the first letters lets the engine skip ahead fast (1.6x on tweets).
    first = "".join(sorted({re.escape(key[0]) for key in aliases}))
    return re.compile(f"(?=[{first}])(?:{'|'.join(branches)})", re.IGNORECASE)


def _trie_regex(node: dict[str, Any], last: str = "") -> str:
    alternatives = [
        _char_regex(ch) + _trie_regex(child, ch) for ch, child in sorted(node.items()) if ch
    ]
    if "" in node:
        # Longer aliases first: the end of this one is tried last.
        alternatives.append(r"(?!\w)" if is_spaced_word_char(last) else "")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _char_regex(ch: str) -> str:
    if ch == " ":
        return r"[^\S\n]+"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


def is_spaced_word_char(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch == "_") and ord(ch) < FIRST_UNSPACED_CODE_POINT
