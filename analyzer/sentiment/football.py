"""The football layer: fan words, phrases and emoji on VADER's scale, read from the package's data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from vaderSentiment.vaderSentiment import BOOSTER_DICT

from analyzer.sentiment.emojis import RE_PRESENTATION
from analyzer.sentiment.vader import Vader

LEXICON_FILE = "football_lexicon.tsv"
EMOJI_FILE = "football_emoji.tsv"
VALENCE_LIMIT = 4.0  # VADER's scale runs from -4 to +4

RE_VERSION = re.compile(r"^#\s*version:\s*(\S+)\s*$")
# A phrase's words may be split by any run of spaces or hyphens ("top  bins", "world-class").
RE_PHRASE_GAP = re.compile(r"[\s-]+")
# Apostrophes are typed straight or curly; both must match "let's go".
RE_APOSTROPHE = re.compile(r"['’]")
RE_NOT_LETTER = re.compile(r"[^a-z]")
# A flag is two regional-indicator letters, or a black flag with tag letters (England, Scotland).
RE_FLAG = re.compile("^(?:[\U0001f1e6-\U0001f1ff]{2}|\U0001f3f4[\U000e0020-\U000e007f]+)$")
EMOJI_TOKEN_PREFIX = "emoji"
FLAG_TOKEN = "emojiflag"  # unknown to every lexicon: a flag names a team and scores 0


class FootballDataError(ValueError):
    """A football data file in the package is malformed (a bug in the package, not user input)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a football data file: a term (word, phrase or emoji), its valence and why."""

    term: str
    valence: float
    reason: str


@dataclass(frozen=True)
class Table:
    """A football data file: its version and its rows."""

    version: str
    entries: tuple[Entry, ...]


def read_table(name: str) -> Table:
    """Read ``analyzer/data/<name>``: '#' comment lines (one holds 'version: X'), a header, rows."""
    text = resources.files("analyzer").joinpath("data", name).read_text(encoding="utf-8")
    version = ""
    entries: list[Entry] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if match := RE_VERSION.match(line):
                version = match.group(1)
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        try:
            valence = float(fields[1])
        except (IndexError, ValueError):
            raise FootballDataError(f"{name}:{number}: expected term, valence, reason") from None
        if not -VALENCE_LIMIT <= valence <= VALENCE_LIMIT or not fields[-1].strip():
            raise FootballDataError(f"{name}:{number}: valence outside -4..4, or no reason")
        entries.append(Entry(fields[0], valence, fields[-1]))
    if not version:
        raise FootballDataError(f"{name}: no '# version: X' line")
    return Table(version, tuple(entries))


@cache
def lexicon_table() -> Table:
    return read_table(LEXICON_FILE)


@cache
def emoji_table() -> Table:
    return read_table(EMOJI_FILE)


def phrase_token(phrase: str) -> str:
    """'what a goal' -> 'whatagoal': the one token a phrase becomes, and its lexicon key."""
    return RE_NOT_LETTER.sub("", RE_APOSTROPHE.sub("", phrase.lower()))


def emoji_token(emoji: str) -> str:
    """'🔥' -> 'emoji128293': digits only after the prefix, so no other layer rewrites it."""
    return EMOJI_TOKEN_PREFIX + "x".join(str(ord(c)) for c in emoji)


class FootballLexicon:
    """The football words and phrases, and the rewrite that turns each phrase into one token."""

    def __init__(self, table: Table) -> None:
        self.version = table.version
        self.words: dict[str, float] = {}
        self.phrases: dict[str, float] = {}
        for entry in table.entries:
            term = entry.term.strip().lower()
            if " " in term:
                self.phrases[term] = entry.valence
            else:
                self.words[term] = entry.valence
        for phrase, valence in self.phrases.items():
            # A phrase's token is also a key: a word spelt the same must not say otherwise.
            if self.words.get(phrase_token(phrase), valence) != valence:
                raise FootballDataError(f"{phrase!r} and the word {phrase_token(phrase)!r} differ")
        # Longest first, so "what a comeback" wins over any shorter phrase it contains. Never
        # inside a word, a mention or a hashtag: "@killedit" and "#what a goal" are left alone.
        alternatives = sorted(self.phrases, key=len, reverse=True)
        pattern = "|".join(_phrase_pattern(phrase) for phrase in alternatives)
        bounded = rf"(?<![\w#@'’])(?:{pattern})(?![\w'’])"
        # Matching lower-cased text is several times faster than matching with IGNORECASE.
        self._phrase_re = re.compile(bounded)
        self._phrase_re_any_case = re.compile(bounded, re.IGNORECASE)

    @property
    def phrase_words(self) -> frozenset[str]:
        """Every word that appears in a phrase, for spelling checks (a stretched "gooooal")."""
        return frozenset(
            RE_APOSTROPHE.sub("'", word)
            for phrase in self.phrases
            for word in RE_PHRASE_GAP.split(phrase)
        )

    def extra_valences(self) -> dict[str, float]:
        """Lexicon keys to add (the words, and one token per phrase); 0 means 'remove the key'."""
        extra = dict(self.words)
        for phrase, valence in self.phrases.items():
            extra[phrase_token(phrase)] = valence
        return extra

    def join_phrases(self, text: str) -> str:
        """'What a goal!' -> 'whatagoal!'; capitals are kept when the whole phrase was in capitals."""
        lowered = text.lower()
        if len(lowered) != len(text):
            # A few letters lower-case to two code points ("İ"): offsets would not line up.
            return self._phrase_re_any_case.sub(_joined, text)
        pieces = []
        cursor = 0
        for match in self._phrase_re.finditer(lowered):
            start, end = match.span()
            pieces.append(text[cursor:start])
            pieces.append(_joined_text(text[start:end]))
            cursor = end
        if not pieces:
            return text
        pieces.append(text[cursor:])
        return "".join(pieces)


def _phrase_pattern(phrase: str) -> str:
    words = RE_PHRASE_GAP.split(phrase)
    escaped = (RE_APOSTROPHE.sub("['’]", re.escape(word)) for word in words)
    return r"[\s-]+".join(escaped)


def _joined(match: re.Match[str]) -> str:
    return _joined_text(match.group())


def _joined_text(text: str) -> str:
    token = phrase_token(text)
    # The ALL-CAPS rule reads capitals as emphasis; a phrase shouted whole stays shouted.
    return token.upper() if text.isupper() else token


class FootballEmoji:
    """Emoji whose VADER gloss misreads fan talk, each mapped to a token with the table's valence."""

    def __init__(self, table: Table) -> None:
        self.version = table.version
        self.valences: dict[str, float] = {
            RE_PRESENTATION.sub("", entry.term): entry.valence for entry in table.entries
        }

    def token_for(self, emoji: str) -> str | None:
        """The token that stands for ``emoji`` (any flag: a neutral one), or None: use VADER's gloss."""
        base = RE_PRESENTATION.sub("", emoji)
        if not base:  # a skin-tone swatch on its own ("🏻") is all presentation
            return None
        if RE_FLAG.match(base):
            return FLAG_TOKEN
        if base not in self.valences:
            # A ZWJ sequence means what its first emoji means (🤦‍♂️ is 🤦), when that one is listed.
            base = base[0]
            if base not in self.valences:
                return None
        return emoji_token(base)

    def extra_valences(self) -> dict[str, float]:
        return {emoji_token(emoji): valence for emoji, valence in self.valences.items()}


@cache
def football_lexicon() -> FootballLexicon:
    return FootballLexicon(lexicon_table())


@cache
def football_emoji() -> FootballEmoji:
    return FootballEmoji(emoji_table())


LEXICON_VERSION: str = lexicon_table().version


class ExtendedVader(Vader):
    """VADER with words added, changed or removed; every rule of the base applies to them as is.

    A valence of 0 removes the key, so the word scores nothing and, like any unknown word,
    lets a booster before it reach the next word (VADER gives a lexicon word of 0 a booster's
    push). The base is untouched: ``Vader()`` still gives vaderSentiment's exact scores.
    """

    def __init__(self, extra: Mapping[str, float]) -> None:
        super().__init__()
        words = dict(self._words)
        for key, valence in extra.items():
            if valence == 0:
                words.pop(key, None)
            else:
                words[key] = valence
        self._words = words
        # As in the base: a booster scores nothing itself, even when it is a lexicon word.
        self._scored_words = frozenset(words.keys() - BOOSTER_DICT.keys())

    @property
    def extended_lexicon(self) -> Mapping[str, float]:
        return self._words
