"""Which team a text talks about: team names, nicknames, flags, hashtags and players, per sentence."""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any, Protocol

from analyzer.errors import AnalyzerError
from analyzer.matches.model import Match, Team, surname

ALIASES_FILE = "data/team_aliases.toml"
SQUADS_FILE = "data/squads_2018.csv"
# The year the squads file describes: its players are named only in that year's matches.
SQUADS_YEAR = 2018

# Record-level labels besides a team code.
# Author names whose side is remembered while reading a stream.
NAMES_REMEMBERED = 100_000
BOTH = "both"
NEITHER = "neither"

# "Belgium-born" says where a person was born, not which side they are on.
BIRTHPLACE_SUFFIX = "-born"

# Separators in match hashtags: #BELJPN, #BELvJPN, #BELvsJPN.
MATCH_TAG_SEPARATORS = ("", "v", "vs")

# Words that end with a full stop without ending the sentence ("Japan vs. Belgium").
ABBREVIATIONS = frozenset(
    {"vs", "v", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "nos", "approx"}
)

# Letters that are no accented forms in Unicode and so survive NFD: matched as their base.
EXTRA_FOLDS = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h"}

# Scripts written without spaces between words (CJK from U+2E80 on) have no word boundaries.
FIRST_UNSPACED_CODE_POINT = 0x2E80

# Regional indicator A (flags are two of them) and the tag characters of subdivision flags.
REGIONAL_INDICATOR_A = 0x1F1E6
BLACK_FLAG = "\U0001f3f4"
TAG_OFFSET = 0xE0000
CANCEL_TAG = "\U000e007f"

RE_LINE = re.compile(r"[^\n]+")
# A text without any of these is one sentence (see sentence_spans): the fast path's test.
RE_MAYBE_SENTENCE_BREAK = re.compile(r"[.!?…‼⁉\n\r]")
# A run of sentence-ending punctuation, any closing quotes or brackets, then a space or the end.
RE_SENTENCE_END = re.compile(r"[.!?…‼⁉]+[\"'’”)\]]*(?=\s|$)")
RE_NEXT_CHARACTER = re.compile(r"\s*(\S)")
RE_ELLIPSIS = re.compile(r"…|\.\.")
# An initial (T. Hazard) or a dotted abbreviation (U.S.) before a full stop.
RE_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
# Nothing but hashtags, mentions, links, emoji and punctuation: belongs to the sentence before.
RE_TAIL_ONLY = re.compile(r"(?:[#@]\w++|https?://\S++|\W)*+")
# Where a sentence naming both teams divides into clauses: "; ", " - ", ", but", " while".
RE_CLAUSE_BREAK = re.compile(
    r"\s*[;:—–]\s+|\s+-\s+|,?\s+(?=(?:but|while|whereas|although|though)\b)", re.IGNORECASE
)
RE_SPACES = re.compile(r"\s+")
RE_COUNTRY = re.compile(r"[A-Za-z]{2}")
RE_SUBDIVISION = re.compile(r"[a-z]{2}-[a-z0-9]{1,3}")  # ISO 3166-2, as in gb-eng


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

    def with_people(self, people: Iterable[str]) -> TeamNames:
        return replace(self, people=tuple(dict.fromkeys((*self.people, *people))))


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
    against one Belgium: JPN 0.75, BEL 0.25). ``compound`` is None when the scorer gave none.
    """

    start: int
    end: int
    text: str
    shares: dict[str, float]
    compound: float | None


@dataclass(frozen=True, slots=True)
class TeamMood:
    """A team's mood in one text: the mean compound of the parts naming it, weighted by share.

    ``sentences`` counts the scored parts that name the team, ``weight`` adds up its shares
    of them (equal to ``sentences`` when no part also names the other team).
    """

    team: str
    compound: float | None
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
    sentences: tuple[Sentence, ...]
    parts: tuple[Part, ...]
    lead: str | None


class ScoreLike(Protocol):
    @property
    def compound(self) -> float: ...

    @property
    def scored(self) -> bool: ...


class SentenceScorer(Protocol):
    """What attribution needs of a scorer: :class:`analyzer.sentiment.Scorer` is one."""

    def score(self, text: str) -> ScoreLike: ...


@dataclass(frozen=True, slots=True)
class _Alias:
    teams: tuple[str, ...]  # empty for a blocker, both for a match hashtag
    case: str = "any"  # "any", "capitalised" (Hazard, not hazard) or "upper" (BEL, not Bel)
    person: bool = False  # a player's or coach's name


@dataclass(frozen=True)
class TeamData:
    """The shipped data: each team's names, the blocker phrases and the capitalised-only words."""

    teams: dict[str, TeamNames]
    blockers: tuple[str, ...]
    capitalised: frozenset[str]
    squads: dict[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)


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
        self._aliases = _alias_table(teams, blockers, frozenset(_key(w) for w in capitalised))
        self._pattern = _trie_pattern(self._aliases)
        self._sides: dict[str, str | None] = {}  # side_of, per name: a stream repeats its authors
        self._no_team = Attribution(
            (), NEITHER, {code: _mood(code, ()) for code in self.codes}, (), (), None
        )

    @classmethod
    def for_match(cls, match: Match, *, data: TeamData | None = None) -> TeamMentions:
        """The two teams of ``match``, their scorers and, for the squads' year, their squads."""
        data = data or shipped_team_data()
        names = []
        for team in (match.home, match.away):
            known = names_for(team, data=data)
            people = [
                g.scorer
                for g in match.goals
                if _scorer_team(match, g.team, g.own_goal) == team.code
            ]
            people += data.squads.get((match.date.year, team.code), ())
            names.append(known.with_people(people))
        return cls(names, blockers=data.blockers, capitalised=data.capitalised)

    def find(self, text: str) -> tuple[Mention, ...]:
        """Every mention of a team, in text order; a match hashtag gives one per team."""
        return tuple(
            Mention(team, start, end, text[start:end])
            for alias, start, end in self._matches(text)
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

    def _matches(self, text: str) -> Iterator[tuple[_Alias, int, int]]:
        folded, origin = fold(text)
        for m in self._pattern.finditer(folded):
            alias = self._aliases.get(_key(m.group()))
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
        """Score each part of ``text`` and credit the score to the teams the part names.

        ``side`` is the team the speaker belongs to, when known (see :meth:`side_of`): the
        sentences that name no team are then credited to it ("I am devastated", said
        Nishino). The label still says only what the words name. A text that names no
        team and has no side is not split at all: its attribution has no sentences.
        """
        if side is not None and side not in self._order:
            raise ValueError(f"side {side!r} is not one of {', '.join(self.codes)}")
        mentions = self.find(text)
        if side is None and not mentions:
            # Most of a stream names no team: nothing to split or score.
            return self._no_team
        if side is None and not RE_MAYBE_SENTENCE_BREAK.search(text):
            teams = {m.team for m in mentions}
            if len(teams) == 1:  # one sentence naming one team: it is all that team's
                return self._one_sentence_one_team(text, mentions, teams.pop(), scorer)
        return self._attribute_by_sentence(text, mentions, scorer=scorer, side=side)

    def _one_sentence_one_team(
        self, text: str, mentions: tuple[Mention, ...], team: str, scorer: SentenceScorer
    ) -> Attribution:
        """What the sentence-by-sentence path gives for such a text, without splitting it."""
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        piece = text[start:end]
        sentence = Sentence(start, end, piece, mentions, (team,))
        score = scorer.score(piece)
        compound = score.compound if score.scored else None
        part = Part(start, end, piece, {team: 1.0}, compound)
        moods = {code: _mood(code, (part,)) for code in self.codes}
        counts = dict.fromkeys(self.codes, 0)
        counts[team] = len(mentions)
        return Attribution((team,), team, moods, (sentence,), (part,), _lead(counts))

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
                compound = score.compound if score.scored else None
                parts.append(Part(start, end, piece, shares, compound))
        named = self._in_order({t for s in sentences for t in s.teams})
        counts = dict.fromkeys(self.codes, 0)
        for sentence in sentences:
            for mention in sentence.mentions:
                counts[mention.team] += 1
        moods = {code: _mood(code, parts) for code in self.codes}
        return Attribution(named, self._label(named), moods, sentences, tuple(parts), _lead(counts))

    def _in_order(self, teams: set[str]) -> tuple[str, ...]:
        return tuple(sorted(teams, key=self._order.__getitem__))

    def _label(self, teams: tuple[str, ...]) -> str:
        if not teams:
            return NEITHER
        return teams[0] if len(teams) == 1 else BOTH


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets: lines always end one, and so do . ! ? before a space.

    A full stop after an abbreviation (vs.) or an initial (T. Hazard) does not end a sentence,
    nor an ellipsis before a lower-case word. A piece with nothing but hashtags, emoji or
    links ("🇯🇵", "#BELJPN") joins the sentence before it (or after it, when it comes first).
    """
    spans: list[tuple[int, int]] = []
    for line in RE_LINE.finditer(text):
        start = line.start()
        for end in RE_SENTENCE_END.finditer(text, line.start(), line.end()):
            if _ends_sentence(text, end):
                _add_stripped(spans, text, start, end.end())
                start = end.end()
        _add_stripped(spans, text, start, line.end())
    return _join_tails(text, spans)


def fold(text: str) -> tuple[str, list[int] | None]:
    """The text with accents taken off (é -> e, ł -> l), and where each folded character came from.

    The second item is None when every character stays in place (no combining mark was
    dropped), which is always so for text in composed form (NFC), as nearly all text is.
    """
    if text.isascii():
        return text, None
    folded = text.translate(_FOLDS)
    if len(folded) == len(text):
        return folded, None
    return folded, [i for i, ch in enumerate(text) if _FOLDS[ord(ch)]]


def names_for(team: Team, *, data: TeamData | None = None) -> TeamNames:
    """The shipped names of a team, or just its name and code for a team the data does not know."""
    data = data or shipped_team_data()
    known = data.teams.get(team.code)
    if known is None:
        return TeamNames(team.code, (team.name,))
    if team.name not in known.names:
        return replace(known, names=(*known.names, team.name))
    return known


def flag_emoji(region: str) -> str:
    """'JP' -> 🇯🇵; 'gb-eng' -> 🏴󠁧󠁢󠁥󠁮󠁧󠁿 (a black flag, the subdivision in tag letters, a cancel tag)."""
    if RE_COUNTRY.fullmatch(region):
        return "".join(chr(REGIONAL_INDICATOR_A + ord(c) - ord("A")) for c in region.upper())
    if not RE_SUBDIVISION.fullmatch(region):
        raise TeamDataError(f"flag {region!r} is neither a country (JP) nor a subdivision (gb-eng)")
    tags = "".join(chr(TAG_OFFSET + ord(c)) for c in region.replace("-", ""))
    return BLACK_FLAG + tags + CANCEL_TAG


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
            flag=flag_emoji(str(entry["flag"])),
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


def _scorer_team(match: Match, credited: str, own_goal: bool) -> str:
    """The side of the player who scored: for an own goal, not the side credited with it."""
    if not own_goal:
        return credited
    return match.away.code if credited == match.home.code else match.home.code


def _key(alias: str) -> str:
    """How an alias or a matched text is looked up: folded, case-folded, spaces and quotes evened."""
    folded, _ = fold(alias)
    return RE_SPACES.sub(" ", folded.casefold().replace("’", "'").strip())


def _team_aliases(team: TeamNames) -> Iterator[tuple[str, str, bool]]:
    """(alias, case rule, whether it names a person) for every way of naming the team."""
    for name in (*team.names, *team.demonyms, *team.nicknames):
        yield name, "any", False
        if " " in name:
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


def _alias_table(
    teams: Sequence[TeamNames], blockers: Iterable[str], capitalised: frozenset[str]
) -> dict[str, _Alias]:
    owners: dict[str, set[str]] = {}
    kinds: dict[str, tuple[str, bool]] = {}
    for team in teams:
        for alias, case, person in _team_aliases(team):
            key = _key(alias)
            if not key:
                continue  # an empty name in a user's match file would match everywhere
            owners.setdefault(key, set()).add(team.code)
            case = "capitalised" if case == "any" and key in capitalised else case
            kinds[key] = (case, person)
    table: dict[str, _Alias] = {}
    order = [t.code for t in teams]
    for key, codes in owners.items():
        # A name two teams share cannot say which is meant: it names neither.
        table[key] = _Alias((next(iter(codes)),), *kinds[key]) if len(codes) == 1 else _Alias(())
    for team in teams:
        for name in (*team.names, *team.demonyms):
            if name and _is_spaced_word_char(name[-1]):
                table.setdefault(_key(name + BIRTHPLACE_SUFFIX), _Alias(()))
    for phrase in blockers:
        key = _key(phrase)
        # Only the blockers that hold one of this match's names matter; the rest slow it down.
        if any(_holds_word(key, name) for name in table):
            table.setdefault(key, _Alias(()))
    if len(order) == 2:
        for tag in _match_tags(teams):
            table.setdefault(_key(tag), _Alias(tuple(order)))
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


def _trie_pattern(aliases: Mapping[str, _Alias]) -> re.Pattern[str]:
    """One regex for all aliases, as a trie so that a shared prefix is matched once.

    The longest alias wins where several start at one place ("Korea Republic" over
    "Korea", "Belgium-born" over "Belgium"). Aliases are bounded by non-word characters
    where they begin or end with a word character of a spaced script.
    """
    guarded: dict[str, Any] = {}
    free: dict[str, Any] = {}
    for key in aliases:
        trie = guarded if _is_spaced_word_char(key[0]) else free
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
        alternatives.append(r"(?!\w)" if _is_spaced_word_char(last) else "")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _char_regex(ch: str) -> str:
    if ch == " ":
        return r"[^\S\n]+"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


def _is_spaced_word_char(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch == "_") and ord(ch) < FIRST_UNSPACED_CODE_POINT


def _ends_sentence(text: str, end: re.Match[str]) -> bool:
    punctuation = end.group().rstrip("\"'’”)]")
    if RE_ELLIPSIS.search(punctuation):
        after = RE_NEXT_CHARACTER.match(text, end.end())
        return after is None or not after.group(1).islower()
    if punctuation == ".":
        begin = end.start()
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1
        word = text[begin : end.start()].lstrip("\"'‘“([").lower()
        if word in ABBREVIATIONS or RE_INITIALS.fullmatch(word):
            return False
    return True


def _add_stripped(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _join_tails(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    waiting: int | None = None  # start of tail-only pieces that came first
    for start, end in spans:
        tail = RE_TAIL_ONLY.fullmatch(text, start, end) is not None
        if tail and joined:
            joined[-1] = (joined[-1][0], end)
        elif tail:
            waiting = start if waiting is None else waiting
        else:
            joined.append((start if waiting is None else waiting, end))
            waiting = None
    if waiting is not None:
        joined.append((waiting, spans[-1][1]))
    return joined


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


def _mood(team: str, parts: Sequence[Part]) -> TeamMood:
    weighted = [
        (p.shares[team], p.compound) for p in parts if team in p.shares and p.compound is not None
    ]
    weight = sum((w for w, _ in weighted), 0.0)
    compound = sum(w * c for w, c in weighted) / weight if weight else None
    return TeamMood(team, compound, len(weighted), weight)


class _FoldTable(dict[int, str]):
    """str.translate table filled on first use: a character -> its base letter, '' for a mark."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if code >= FIRST_UNSPACED_CODE_POINT:
            folded = ch  # kana voicing marks (ブ = フ + ゛) are not accents
        elif ch in EXTRA_FOLDS:
            folded = EXTRA_FOLDS[ch]
        elif unicodedata.combining(ch):
            folded = ""
        else:
            base = [c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)]
            folded = base[0] if len(base) == 1 else ch
        self[code] = folded
        return folded


_FOLDS = _FoldTable()
