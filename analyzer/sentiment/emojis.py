"""Emoji, recognised whole (flags, variation selectors, skin tones, ZWJ sequences) and put into words.

VADER looks emoji up one code point at a time, so ``❤️`` (heart + variation selector)
scores 0 while ``❤`` scores 0.64, a flag is two meaningless letters, and a thumbs-up
with a skin tone becomes "thumbs up medium skin tone". Here the ``emoji`` package finds
each emoji as one unit, and each is replaced by a single description before scoring.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import emoji as emoji_package

# Variation selectors and skin-tone modifiers change how an emoji looks, not what it means.
RE_PRESENTATION = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
KEYCAP_MARK = 0x20E3  # COMBINING ENCLOSING KEYCAP: "1️⃣" is "1", U+FE0F, U+20E3
# Distinct runs of emoji characters whose emoji are kept (a few MB at most).
RUNS_REMEMBERED = 1 << 15
# Runs of non-ASCII characters: a one-range class the regex engine tests fast, where the classes
# of emoji code points hold hundreds of ranges and cost microseconds over a whole tweet.
RE_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
# The ASCII characters that occur in emoji (keycaps: "#", "*" and the digits).
ASCII_IN_EMOJI = frozenset("#*0123456789")


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
        # emoji -> its words: the same few emoji recur in tweet after tweet.
        self._words: dict[str, str] = {}

    def find(self, text: str) -> tuple[str, ...]:
        """Every emoji in ``text``, in order, each one whole; the text itself is left alone."""
        if text.isascii():
            return ()
        spans = _non_ascii_spans(text)
        if not self._may_begin_emoji(text, spans):
            return ()
        return tuple(emoji for _, _, emoji in _emoji_matches_in(text, spans))

    def describe(self, text: str) -> EmojiText:
        if text.isascii():
            return EmojiText(text, ())
        spans = _non_ascii_spans(text)
        if not self._may_begin_emoji(text, spans):
            return EmojiText(text, ())
        found = _emoji_matches_in(text, spans)
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

    def _may_begin_emoji(self, text: str, spans: list[tuple[int, int]]) -> bool:
        # The pattern holds non-ASCII code points only: searching the non-ASCII runs is
        # searching the text, at a fraction of the cost.
        search = self._may_hold_emoji.search
        return any(search(text, start, end) for start, end in spans)

    def words_for(self, emoji: str) -> str:
        words = self._words.get(emoji)
        if words is None:
            words = self._words[emoji] = self._words_for(emoji)
        return words

    def _words_for(self, emoji: str) -> str:
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
    if text.isascii():
        return []
    return _emoji_matches_in(text, _non_ascii_spans(text))


def _non_ascii_spans(text: str) -> list[tuple[int, int]]:
    return [run.span() for run in RE_NON_ASCII_RUN.finditer(text)]


def _emoji_matches_in(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``emoji_matches`` given the spans of the text's runs of non-ASCII characters.

    A run of emoji characters that is not plain ASCII holds one of those spans. Scanning only
    around them gives the same runs as scanning the whole text: each span is widened over the
    ASCII emoji characters on either side ("#", "*", digits), windows that then touch are
    merged (the emoji characters run on across them), and a window always starts and ends
    where a run does, at the text's ends or beside an ASCII character that is no emoji's.
    """
    windows: list[list[int]] = []
    for start, end in spans:
        while start > 0 and text[start - 1] in ASCII_IN_EMOJI:
            start -= 1
        while end < len(text) and text[end] in ASCII_IN_EMOJI:
            end += 1
        if windows and windows[-1][1] >= start:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    runs = _emoji_alphabet_runs()
    found: list[tuple[int, int, str]] = []
    for low, high in windows:
        for run in runs.finditer(text, low, high):
            piece = run.group()
            if piece.isascii():
                continue
            offset = run.start()
            found.extend(
                (offset + start, offset + end, emoji) for start, end, emoji in _in_run(piece)
            )
    return found


# The emoji package builds its search tree on first use by filling a shared dict in place,
# so a second thread can read it half-built and find no emoji (a Dask worker with two
# threads did). It is built once, under this lock, before any thread searches.
_package_lock = threading.Lock()
_package_ready = False


def _ready_package() -> None:
    global _package_ready
    with _package_lock:
        if not _package_ready:
            emoji_package.emoji_list("\u2764\ufe0f")  # builds the tree
            _package_ready = True


@lru_cache(maxsize=RUNS_REMEMBERED)
def _in_run(piece: str) -> tuple[tuple[int, int, str], ...]:
    if not _package_ready:
        _ready_package()
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
