"""Which team a text talks about, and each team's mood: the whole text's when it names one, its sentences' when it names both.

The names come from team_data (aliases, squads), matched as one pattern (alias_pattern)
after accent folding (folding); a text naming both teams is cut by sentences (sentences).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from analyzer.attribution.alias_pattern import Alias, alias_key, alias_table, trie_pattern
from analyzer.attribution.folding import fold
from analyzer.attribution.sentences import sentence_spans
from analyzer.attribution.team_data import (
    TeamData,
    TeamDataError,
    TeamNames,
    names_for,
    shipped_team_data,
)
from analyzer.matches.model import Match

# Author names whose side is remembered while reading a stream.
NAMES_REMEMBERED = 100_000
# Spellings of names ("Japan", "JAPAN", "#BELJPN") whose alias is remembered.
SPELLINGS_REMEMBERED = 10_000
# Record-level labels besides a team code.
BOTH = "both"
NEITHER = "neither"

# Words that make a sentence about football: the host's name in it then means the team.
# A player named in the sentence does too (see _with_context); the other team does not
# ("Ecuador's fans arrive in Qatar"). Words of
# the tournament itself (World Cup, stadium, opening ceremony) do not: they are the country's.
RE_FOOTBALL_CONTEXT = re.compile(
    r"\b(?:goals?|scor(?:e|es|ed|er|ing)|win|wins|won|winning|lose|loses|lost|losing|draw|drew|"
    r"beat|beaten|beats|defeat(?:ed|s)?|penalt(?:y|ies)|kick-?off|half-?time|full-?time|"
    r"(?:goal)?keeper|striker|defen[cs]e|defender|midfield(?:er)?|coach|manager|line-?up|"
    r"squad|the hosts|hosts|the team|national team|players?|match|game|vs?\.?|against|"
    r"qualif(?:y|ied|ies)|knock(?:ed)? out|group [a-h]|offside|var|red card)\b"
    r"|\b\d{1,2}\s*[-–:]\s*\d{1,2}\b",
    re.IGNORECASE,
)

# Where a sentence naming both teams divides into clauses: "; ", " - ", ", but", " while".
RE_CLAUSE_BREAK = re.compile(
    r"\s*[;:—–]\s+|\s+-\s+|,?\s+(?=(?:but|while|whereas|although|though)\b)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A team named in a text: ``start`` and ``end`` are character offsets into that text."""

    team: str
    start: int
    end: int
    text: str  # as written


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a line of a tweet) with the teams it names, in the match's order."""

    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...]
    teams: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """A unit whose score is shared among teams: a sentence, or a clause of one that names both.

    ``shares`` gives each team named in it the fraction of its mentions (Inui, Japan and 🇯🇵
    against one Belgium: JPN 0.75, BEL 0.25). ``mood`` is None when the scorer gave none.
    """

    start: int
    end: int
    text: str
    shares: dict[str, float]
    mood: float | None


@dataclass(frozen=True, slots=True)
class TeamMood:
    """A team's mood in one text: the mean mood of the parts naming it, weighted by share.

    ``sentences`` counts the scored parts that name the team, ``weight`` adds up its shares
    of them (equal to ``sentences`` when no part also names the other team).
    """

    team: str
    mood: float | None
    sentences: int
    weight: float


@dataclass(frozen=True)
class Attribution:
    """Which teams a text is about and how it feels about each.

    ``label`` is the one team named, BOTH or NEITHER; ``moods`` has every team of the match,
    named or not; ``lead`` is the team named more often, when one is.
    """

    teams: tuple[str, ...]
    label: str
    moods: dict[str, TeamMood]
    parts: tuple[Part, ...]
    lead: str | None


class ScoreLike(Protocol):
    @property
    def mood(self) -> float: ...

    @property
    def scored(self) -> bool: ...


class SentenceScorer(Protocol):
    """What attribution needs of a scorer: :class:`analyzer.sentiment.Scorer` is one."""

    def score(self, text: str) -> ScoreLike: ...


class TeamMentions:
    """Finds the teams of one match in texts; build it once per match and reuse it.

    All the names become one regular expression, written as a trie so that it stays fast
    with hundreds of names; a text is matched after folding accents (Martínez, Martinez),
    case-insensitively and on word boundaries.
    """

    def __init__(
        self,
        teams: Sequence[TeamNames],
        *,
        blockers: Iterable[str] = (),
        capitalised: Iterable[str] = (),
    ) -> None:
        if not teams:
            raise TeamDataError("no teams to look for")
        self.codes = tuple(t.code for t in teams)
        self._order = {code: i for i, code in enumerate(self.codes)}
        self._aliases = alias_table(teams, blockers, frozenset(alias_key(w) for w in capitalised))
        self._pattern = trie_pattern(self._aliases)
        self._sides: dict[str, str | None] = {}  # side_of, per name: a stream repeats its authors
        self._written: dict[str, Alias | None] = {}  # _alias_of, per spelling matched
        self._no_team = Attribution(
            (), NEITHER, {code: _mood(code, ()) for code in self.codes}, (), None
        )

    @classmethod
    def for_match(cls, match: Match, *, data: TeamData | None = None) -> TeamMentions:
        """The two teams of ``match``, their scorers and, for the squads' year, their squads."""
        data = data or shipped_team_data()
        names = []
        for team in (match.home, match.away):
            known = replace(names_for(team, data=data), host=team.code == match.host)
            people = [
                g.scorer
                for g in match.goals
                if _scorer_team(match, g.team, g.own_goal) == team.code
            ]
            people += data.squads.get((match.date.year, team.code), ())
            names.append(known.with_people(people))
        return cls(names, blockers=data.blockers, capitalised=data.capitalised)

    def find(self, text: str) -> tuple[Mention, ...]:
        """Every mention of a team, in text order; a match hashtag gives one per team.

        The host nation's name counts only in a sentence about football (see
        :func:`_in_football_context`): "beer banned in Qatar" is not about the team.
        """
        found = list(self._matches(text))
        if any(alias.needs_context for alias, _, _ in found):
            found = _with_context(text, found)
        return tuple(
            Mention(team, start, end, text[start:end])
            for alias, start, end in found
            for team in alias.teams
        )

    def side_of(self, name: str | None) -> str | None:
        """The team of a person the match data names in full (a scorer, a squad member, a coach).

        "Nishino" -> JPN, "Genki Haraguchi" -> JPN; "Christian Fuchs" or a fan -> None.
        """
        if not name or not name.strip():
            return None
        name = name.strip()
        if name not in self._sides:
            if len(self._sides) >= NAMES_REMEMBERED:
                self._sides.clear()
            self._sides[name] = next(
                (alias.teams[0] for alias, start, end in self._matches(name)
                 if alias.person and len(alias.teams) == 1 and (start, end) == (0, len(name))),
                None,
            )  # fmt: skip
        return self._sides[name]

    def _matches(self, text: str) -> Iterator[tuple[Alias, int, int]]:
        folded, origin = fold(text)
        for m in self._pattern.finditer(folded):
            alias = self._alias_of(m.group())
            if alias is None or not alias.teams:
                continue
            start, end = m.span()
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
            written = text[start:end]
            if alias.case == "upper" and not written.isupper():
                continue
            if alias.case == "capitalised" and not written[:1].isupper():
                continue
            yield alias, start, end

    def _alias_of(self, matched: str) -> Alias | None:
        """The alias a matched piece of text is: the same few spellings recur in every text."""
        try:
            return self._written[matched]
        except KeyError:
            if len(self._written) >= SPELLINGS_REMEMBERED:
                self._written.clear()
            alias = self._written[matched] = self._aliases.get(alias_key(matched))
            return alias

    def teams_in(self, text: str) -> tuple[str, ...]:
        """The teams a text names, in the match's order."""
        return self._in_order({m.team for m in self.find(text)})

    def label(self, text: str) -> str:
        """The one team a text names, BOTH or NEITHER."""
        return self._label(self.teams_in(text))

    def sentences(
        self, text: str, *, mentions: tuple[Mention, ...] | None = None
    ) -> tuple[Sentence, ...]:
        """The text's sentences with the teams each names; a mention never spans two.

        ``mentions`` are the text's mentions when the caller has found them already.
        """
        mentions = self.find(text) if mentions is None else mentions
        sentences = []
        for start, end in sentence_spans(text):
            inside = tuple(m for m in mentions if start <= m.start and m.end <= end)
            teams = self._in_order({m.team for m in inside})
            sentences.append(Sentence(start, end, text[start:end], inside, teams))
        return tuple(sentences)

    def attribute(
        self, text: str, *, scorer: SentenceScorer, side: str | None = None
    ) -> Attribution:
        """Score ``text``, or each part of it, and credit the score to the teams it names.

        A text naming one team is that team's whole: "Japan 2-0 up. Unreal!!" is joy for
        Japan, though its first sentence alone is neutral; and it costs no second scoring. A
        text naming both teams is cut into sentences (and clauses) so that each side gets the
        words about it. ``side`` is the team the speaker belongs to, when known (see
        :meth:`side_of`): the sentences that name no team are then credited to it ("I am
        devastated", said Nishino). The label still says only what the words name. A text
        that names no team and has no side has no parts.
        """
        if side is not None and side not in self._order:
            raise ValueError(f"side {side!r} is not one of {', '.join(self.codes)}")
        mentions = self.find(text)
        if side is None:
            if not mentions:
                # Most of a stream names no team: nothing to split or score.
                return self._no_team
            teams = {m.team for m in mentions}
            if len(teams) == 1:
                return self._one_team(text, mentions, teams.pop(), scorer)
        return self._attribute_by_sentence(text, mentions, scorer=scorer, side=side)

    def _one_team(
        self, text: str, mentions: tuple[Mention, ...], team: str, scorer: SentenceScorer
    ) -> Attribution:
        """A text naming one team: one part, the whole text (its ends stripped), all that team's."""
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        piece = text[start:end]
        score = scorer.score(piece)
        mood = score.mood if score.scored else None
        part = Part(start, end, piece, {team: 1.0}, mood)
        moods = {code: _mood(code, (part,)) for code in self.codes}
        counts = dict.fromkeys(self.codes, 0)
        counts[team] = len(mentions)
        return Attribution((team,), team, moods, (part,), _lead(counts))

    def _attribute_by_sentence(
        self, text: str, mentions: tuple[Mention, ...], *, scorer: SentenceScorer, side: str | None
    ) -> Attribution:
        sentences = self.sentences(text, mentions=mentions)
        parts: list[Part] = []
        for sentence in sentences:
            for start, end, mentions in _split_between_teams(text, sentence):
                if mentions:
                    shares = _shares(mentions)
                elif side is not None:
                    shares = {side: 1.0}
                else:
                    continue
                piece = text[start:end]
                score = scorer.score(piece)
                mood = score.mood if score.scored else None
                parts.append(Part(start, end, piece, shares, mood))
        named = self._in_order({t for s in sentences for t in s.teams})
        counts = dict.fromkeys(self.codes, 0)
        for sentence in sentences:
            for mention in sentence.mentions:
                counts[mention.team] += 1
        moods = {code: _mood(code, parts) for code in self.codes}
        return Attribution(named, self._label(named), moods, tuple(parts), _lead(counts))

    def _in_order(self, teams: set[str]) -> tuple[str, ...]:
        return tuple(sorted(teams, key=self._order.__getitem__))

    def _label(self, teams: tuple[str, ...]) -> str:
        if not teams:
            return NEITHER
        return teams[0] if len(teams) == 1 else BOTH


def _scorer_team(match: Match, credited: str, own_goal: bool) -> str:
    """The side of the player who scored: for an own goal, not the side credited with it."""
    if not own_goal:
        return credited
    return match.away.code if credited == match.home.code else match.home.code


def _split_between_teams(
    text: str, sentence: Sentence
) -> list[tuple[int, int, tuple[Mention, ...]]]:
    """A sentence naming both teams, cut into clauses that each name one where the words allow.

    "Didn't want the world to be denied Belgium vs Brazil but gutted for Japan" gives one
    clause per team. A clause naming no team joins the one before it (the first joins the
    next); a sentence that cannot be cut stays whole, and its score is shared.
    """
    whole = [(sentence.start, sentence.end, sentence.mentions)]
    if len(sentence.teams) < 2:
        return whole
    pieces: list[tuple[int, int]] = []
    start = sentence.start
    for cut in RE_CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if cut.start() > start:
            pieces.append((start, cut.start()))
        start = cut.end()
    if start < sentence.end:
        pieces.append((start, sentence.end))
    clauses: list[tuple[int, int, tuple[Mention, ...]]] = []
    waiting: int | None = None
    for start, end in pieces:
        inside = tuple(m for m in sentence.mentions if start <= m.start and m.end <= end)
        if not inside and clauses:
            first, _, mentions = clauses[-1]
            clauses[-1] = (first, end, mentions)
        elif not inside:
            waiting = start if waiting is None else waiting
        else:
            clauses.append((start if waiting is None else waiting, end, inside))
            waiting = None
    if len(clauses) < 2 or sum(len(c[2]) for c in clauses) != len(sentence.mentions):
        return whole  # a mention cut by a break (none should be): keep the sentence whole
    return clauses


def _lead(counts: Mapping[str, int]) -> str | None:
    """The team named most often, if one is named more often than any other."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or not ranked[0][1]:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _shares(mentions: Sequence[Mention]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.team] = counts.get(mention.team, 0) + 1
    total = sum(counts.values())
    return {team: n / total for team, n in counts.items()}


def _with_context(text: str, found: list[tuple[Alias, int, int]]) -> list[tuple[Alias, int, int]]:
    """The matches, less the host's country words in sentences that are not about football."""
    kept = []
    for start, end in sentence_spans(text):
        inside = [m for m in found if start <= m[1] and m[2] <= end]
        context = any(alias.person for alias, _, _ in inside) or bool(
            RE_FOOTBALL_CONTEXT.search(text, start, end)
        )
        kept += [m for m in inside if context or not m[0].needs_context]
    return kept


def _mood(team: str, parts: Sequence[Part]) -> TeamMood:
    weighted = [(p.shares[team], p.mood) for p in parts if team in p.shares and p.mood is not None]
    weight = sum((w for w, _ in weighted), 0.0)
    mood = sum(w * c for w, c in weighted) / weight if weight else None
    return TeamMood(team, mood, len(weighted), weight)
