"""The football layer: fan words, phrases and emoji on VADER's scale, read from the package's data."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from vaderSentiment.vaderSentiment import BOOSTER_DICT

from analyzer.sentiment.emojis import RE_PRESENTATION
from analyzer.sentiment.normalise import space_glued_words
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
ASCII_LOWERCASE = frozenset(string.ascii_lowercase)
# A flag is two regional-indicator letters, or a black flag with tag letters (England, Scotland).
RE_FLAG = re.compile("^(?:[\U0001f1e6-\U0001f1ff]{2}|\U0001f3f4[\U000e0020-\U000e007f]+)$")
EMOJI_TOKEN_PREFIX = "emoji"
FLAG_TOKEN = "emojiflag"  # unknown to every lexicon: a flag names a team and scores 0
# A leaning emoji's token reads as itself alone, and as one of these variants beside words that
# read positive or negative (letters after the digits: no other layer rewrites a token's end).
BESIDE_POSITIVE_SUFFIX = "besidepositive"
BESIDE_NEGATIVE_SUFFIX = "besidenegative"
# A term ending in "!" is a shout: the word counts only when an exclamation mark follows it
# ("GOAL!!!" is a cheer, "that goal was disallowed" an event). Its token is the word and this.
SHOUT_MARK = "!"
SHOUT_SUFFIX = "shout"
# Stands for a leaning emoji while the words around it are read: a token no lexicon knows.
LEANING_PLACEHOLDER = "emojileaning"
# Optional columns of a data file: a leaning emoji's valence beside positive or negative words.
BESIDE_POSITIVE_COLUMN = "beside_positive"
BESIDE_NEGATIVE_COLUMN = "beside_negative"


class FootballDataError(ValueError):
    """A football data file in the package is malformed (a bug in the package, not user input)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a football data file: a term (word, phrase or emoji), its valence and why.

    A leaning term (an emoji such as 😭) reads as ``beside_positive`` when the rest of the text
    reads positive and as ``beside_negative`` when it reads negative; None means ``valence``.
    """

    term: str
    valence: float
    reason: str
    beside_positive: float | None = None
    beside_negative: float | None = None

    @property
    def leans(self) -> bool:
        return self.beside_positive is not None or self.beside_negative is not None


@dataclass(frozen=True)
class Table:
    """A football data file: its version and its rows."""

    version: str
    entries: tuple[Entry, ...]


def read_table(name: str) -> Table:
    """Read ``analyzer/data/<name>``: '#' comment lines (one holds 'version: X'), a header, rows.

    Every row holds the term first, the valence second and the reason last; the header may name
    the optional columns ``beside_positive`` and ``beside_negative`` (empty: as the valence).
    """
    text = resources.files("analyzer").joinpath("data", name).read_text(encoding="utf-8")
    version = ""
    entries: list[Entry] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if match := RE_VERSION.match(line):
                version = match.group(1)
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            continue
        try:
            valence = float(fields[1])
            beside = [
                _optional_valence(fields, header, column)
                for column in (BESIDE_POSITIVE_COLUMN, BESIDE_NEGATIVE_COLUMN)
            ]
        except (IndexError, ValueError):
            raise FootballDataError(f"{name}:{number}: expected term, valence, reason") from None
        valences = [valence, *(value for value in beside if value is not None)]
        if any(abs(v) > VALENCE_LIMIT for v in valences) or not fields[-1].strip():
            raise FootballDataError(f"{name}:{number}: valence outside -4..4, or no reason")
        entries.append(Entry(fields[0], valence, fields[-1], beside[0], beside[1]))
    if not version:
        raise FootballDataError(f"{name}: no '# version: X' line")
    return Table(version, tuple(entries))


def _optional_valence(fields: list[str], header: list[str], column: str) -> float | None:
    if column not in header:
        return None
    cell = fields[header.index(column)].strip()
    return float(cell) if cell else None


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
        self.shouts: dict[str, float] = {}  # "goal" for the term "goal!"
        for entry in table.entries:
            term = entry.term.strip().lower()
            if term.endswith(SHOUT_MARK):
                self.shouts[term.removesuffix(SHOUT_MARK)] = entry.valence
            elif " " in term:
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
        pattern = _grouped_alternation(alternatives)
        bounded = rf"(?<![\w#@'’])(?:{pattern})(?![\w'’])"
        # Matching lower-cased text is several times faster than matching with IGNORECASE.
        self._phrase_re = re.compile(bounded)
        self._phrase_re_any_case = re.compile(bounded, re.IGNORECASE)
        # A shout is looked for after the phrases are joined: "own goal!" is one token by then.
        shouted = "|".join(map(re.escape, sorted(self.shouts, key=len, reverse=True)))
        self._shout_re = (
            re.compile(rf"(?<![\w#@'’])(?:{shouted})(?=\s*!)", re.IGNORECASE) if shouted else None
        )

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
        for word, valence in self.shouts.items():
            extra[shout_token(word)] = valence
        return extra

    def join_phrases(self, text: str) -> str:
        """'What a goal' -> 'whatagoal', 'GOAL!!!' -> 'GOALSHOUT!!!'; capitals kept when the whole term was.

        Words glued by dots ("HOME...woohoo") are parted first: VADER splits on spaces only, and
        would look the pair up as one unknown token.
        """
        text = self._join(space_glued_words(text))
        if self._shout_re is not None and SHOUT_MARK in text:
            text = self._shout_re.sub(_shouted, text)
        return text

    def _join(self, text: str) -> str:
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


def _grouped_alternation(phrases: list[str]) -> str:
    """The phrases' patterns as one alternation, those with the same first letter in one group.

    The regex engine then tries one group's first letter at a character instead of every
    phrase's (a third faster). It finds the same matches: phrases that start with different
    ASCII letters can never match at the same place, even ignoring case, and within a group
    the phrases keep their order (longest first). Any other first character: no grouping.
    """
    patterns = [_phrase_pattern(phrase) for phrase in phrases]
    if not all(pattern[:1] in ASCII_LOWERCASE for pattern in patterns):
        return "|".join(patterns)
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        groups.setdefault(pattern[0], []).append(pattern[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _phrase_pattern(phrase: str) -> str:
    words = RE_PHRASE_GAP.split(phrase)
    # The apostrophe is optional: tweets write "lets go", "cant wait", "its coming home".
    escaped = (RE_APOSTROPHE.sub("['’]?", re.escape(word)) for word in words)
    return r"[\s-]+".join(escaped)


def shout_token(word: str) -> str:
    """'goal' -> 'goalshout': the token a shouted word ("GOAL!!!") becomes, and its lexicon key."""
    return phrase_token(word) + SHOUT_SUFFIX


def _shouted(match: re.Match[str]) -> str:
    token = shout_token(match.group())
    return token.upper() if match.group().isupper() else token


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
        self.valences: dict[str, float] = {}
        self.leaning: dict[str, Entry] = {}  # emoji whose reading follows the words around them
        for entry in table.entries:
            emoji = RE_PRESENTATION.sub("", entry.term)
            self.valences[emoji] = entry.valence
            if entry.leans:
                self.leaning[emoji] = entry

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
        """One key per emoji, and for a leaning one its two variants (see ``ExtendedVader``)."""
        extra = {emoji_token(emoji): valence for emoji, valence in self.valences.items()}
        for emoji, entry in self.leaning.items():
            token = emoji_token(emoji)
            positive = entry.valence if entry.beside_positive is None else entry.beside_positive
            negative = entry.valence if entry.beside_negative is None else entry.beside_negative
            extra[token + BESIDE_POSITIVE_SUFFIX] = positive
            extra[token + BESIDE_NEGATIVE_SUFFIX] = negative
        return extra


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

    A key K that comes with the keys K + BESIDE_POSITIVE_SUFFIX and K + BESIDE_NEGATIVE_SUFFIX
    is a leaning token (😭): the text is first read with it as an unknown word, and then K is read
    as its positive variant when that reading is positive, its negative one when negative, and
    as itself when neutral. So "how happy I am 😭😭" stays happy and "we're out 😭" is sorrow.
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
        leaning = sorted(
            key
            for key in extra
            if key + BESIDE_POSITIVE_SUFFIX in extra and key + BESIDE_NEGATIVE_SUFFIX in extra
        )
        # A token stands alone between spaces (the emoji layer puts them there); never a prefix
        # of a longer token ("emoji128557" inside "emoji1285570").
        self._leaning_re = (
            re.compile(rf"(?<![\w])(?:{'|'.join(map(re.escape, leaning))})(?![\w])", re.IGNORECASE)
            if leaning
            else None
        )

    @property
    def extended_lexicon(self) -> Mapping[str, float]:
        return self._words

    def polarity_scores(self, text: str) -> dict[str, float]:
        leaning_re = self._leaning_re
        if leaning_re is None or EMOJI_TOKEN_PREFIX not in text or not leaning_re.search(text):
            return super().polarity_scores(text)
        around = super().polarity_scores(leaning_re.sub(LEANING_PLACEHOLDER, text))["compound"]
        if around > 0:
            suffix = BESIDE_POSITIVE_SUFFIX
        elif around < 0:
            suffix = BESIDE_NEGATIVE_SUFFIX
        else:
            return super().polarity_scores(text)
        return super().polarity_scores(leaning_re.sub(lambda m: m.group() + suffix, text))
