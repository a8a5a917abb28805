"""Emoji, recognised whole (flags, variation selectors, skin tones, ZWJ sequences) and put into words.

VADER looks emoji up one code point at a time, so ``❤️`` (heart + variation selector)
scores 0 while ``❤`` scores 0.64, a flag is two meaningless letters, and a thumbs-up
with a skin tone becomes "thumbs up medium skin tone". Here the ``emoji`` package finds
each emoji as one unit, and each is replaced by a single description before scoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import emoji as emoji_package

# Variation selectors and skin-tone modifiers change how an emoji looks, not what it means.
RE_PRESENTATION = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


@dataclass(frozen=True, slots=True)
class EmojiText:
    """A text with every emoji replaced by words, and the emoji that were found."""

    text: str
    emoji: tuple[str, ...]


class EmojiDescriber:
    """Replaces emoji by the words VADER's own emoji lexicon uses, or else by their CLDR names."""

    def __init__(self, vader_emoji_lexicon: dict[str, str]) -> None:
        self._vader_words = vader_emoji_lexicon
        # Only texts holding a code point that can begin an emoji go to the (slow) package.
        starts = sorted({e[0] for e in emoji_package.EMOJI_DATA})
        self._may_hold_emoji = re.compile("[" + "".join(re.escape(c) for c in starts) + "]")

    def describe(self, text: str) -> EmojiText:
        if not self._may_hold_emoji.search(text):
            return EmojiText(text, ())
        found = emoji_package.emoji_list(text)
        if not found:
            return EmojiText(text, ())
        pieces: list[str] = []
        cursor = 0
        for item in found:
            pieces.append(text[cursor : item["match_start"]])
            pieces.append(f" {self.words_for(item['emoji'])} ")
            cursor = item["match_end"]
        pieces.append(text[cursor:])
        # A variation selector the package left outside its match is now an orphan.
        return EmojiText(RE_PRESENTATION.sub("", "".join(pieces)), tuple(i["emoji"] for i in found))

    def words_for(self, emoji: str) -> str:
        return _words_for(emoji, self._vader_words)


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
