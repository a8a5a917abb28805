"""Emoji, recognised whole (flags, variation selectors, skin tones, ZWJ sequences) and put into words.

VADER looks emoji up one code point at a time, so ``❤️`` (heart + variation selector)
scores 0 while ``❤`` scores 0.64, a flag is two meaningless letters, and a thumbs-up
with a skin tone becomes "thumbs up medium skin tone". Here the ``emoji`` package finds
each emoji as one unit, and each is replaced by a single description before scoring.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import emoji as emoji_package

# Variation selectors and skin-tone modifiers change how an emoji looks, not what it means.
RE_PRESENTATION = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
KEYCAP_MARK = 0x20E3  # COMBINING ENCLOSING KEYCAP: "1️⃣" is "1", U+FE0F, U+20E3
# Distinct runs of emoji characters whose emoji are kept (a few MB at most).
RUNS_REMEMBERED = 1 << 15


@dataclass(frozen=True, slots=True)
class EmojiText:
    """A text with every emoji replaced by words, and the emoji that were found."""

    text: str
    emoji: tuple[str, ...]


class EmojiDescriber:
    """Replaces emoji by the words VADER's own emoji lexicon uses, or else by their CLDR names.

    ``token_for`` may name a replacement of its own for an emoji (the football table's tokens);
    when it returns None, VADER's words are used.
    """

    def __init__(
        self,
        vader_emoji_lexicon: dict[str, str],
        *,
        token_for: Callable[[str], str | None] | None = None,
    ) -> None:
        self._vader_words = vader_emoji_lexicon
        self._token_for = token_for
        self._may_hold_emoji = _may_hold_emoji_pattern()

    def find(self, text: str) -> tuple[str, ...]:
        """Every emoji in ``text``, in order, each one whole; the text itself is left alone."""
        if text.isascii() or not self._may_hold_emoji.search(text):
            return ()
        return tuple(emoji for _, _, emoji in emoji_matches(text))

    def describe(self, text: str) -> EmojiText:
        if text.isascii() or not self._may_hold_emoji.search(text):
            return EmojiText(text, ())
        found = emoji_matches(text)
        if not found:
            return EmojiText(text, ())
        pieces: list[str] = []
        cursor = 0
        for start, end, emoji in found:
            pieces.append(text[cursor:start])
            pieces.append(f" {self.words_for(emoji)} ")
            cursor = end
        pieces.append(text[cursor:])
        # A variation selector the package left outside its match is now an orphan.
        return EmojiText(RE_PRESENTATION.sub("", "".join(pieces)), tuple(e for _, _, e in found))

    def words_for(self, emoji: str) -> str:
        if self._token_for is not None and (token := self._token_for(emoji)) is not None:
            return token
        return _words_for(emoji, self._vader_words)


def emoji_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, emoji) for every emoji in ``text``: exactly what ``emoji.emoji_list`` finds.

    The package walks every character in Python, which costs about 75 µs for a tweet. An
    emoji only ever spans characters that occur in some emoji (plus joiners and
    variation selectors), and the package's tokenizer carries nothing across any other
    character; so it is run on those runs alone, and only on runs that are not plain
    ASCII (no emoji is: "#", "*" and digits need a keycap mark). A test checks the two
    agree on large corpora. Runs repeat far more than texts do ("😂😂😂", "🇧🇪"), so each
    run's emoji are remembered.
    """
    found: list[tuple[int, int, str]] = []
    for run in _emoji_alphabet_runs().finditer(text):
        piece = run.group()
        if piece.isascii():
            continue
        offset = run.start()
        found.extend((offset + start, offset + end, emoji) for start, end, emoji in _in_run(piece))
    return found


@lru_cache(maxsize=RUNS_REMEMBERED)
def _in_run(piece: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (item["match_start"], item["match_end"], item["emoji"])
        for item in emoji_package.emoji_list(piece)
    )


@cache
def _emoji_alphabet_runs() -> re.Pattern[str]:
    """Runs of characters that occur in some emoji, or join or vary one."""
    points = {ord(c) for e in emoji_package.EMOJI_DATA for c in e} | {0x200D, 0xFE0E, 0xFE0F}
    return re.compile(_character_class(sorted(points)) + "+")


def _character_class(points: list[int]) -> str:
    """A regex character class of code points, consecutive ones written as ranges."""
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    parts = (
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return "[" + "".join(parts) + "]"


@cache
def _may_hold_emoji_pattern() -> re.Pattern[str]:
    """A character class of every non-ASCII code point that can begin an emoji, or a keycap mark.

    Only texts it finds go to the (slow) package. Every emoji holds a non-ASCII code point: the
    keycaps that begin with "#", "*" or a digit end in U+20E3, so ASCII text is skipped at once.
    Consecutive code points are written as ranges, which keeps the search fast.
    """
    points = {ord(e[0]) for e in emoji_package.EMOJI_DATA if not e[0].isascii()}
    return re.compile(_character_class(sorted(points | {KEYCAP_MARK})))


def _words_for(emoji: str, vader_words: dict[str, str]) -> str:
    base = RE_PRESENTATION.sub("", emoji)
    if base in vader_words:
        return vader_words[base]
    return cldr_name(emoji)


@cache
def cldr_name(emoji: str) -> str:
    """'🇯🇵' -> 'Japan', '👨‍👩‍👧' -> 'family man woman girl'."""
    data = emoji_package.EMOJI_DATA.get(emoji) or emoji_package.EMOJI_DATA.get(
        RE_PRESENTATION.sub("", emoji), {}
    )
    name = str(data.get("en", "")).strip(":")
    return name.replace("_", " ") if name else ""
