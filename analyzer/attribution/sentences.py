"""Splitting a tweet into sentences, so that each team is scored by the sentences that name it."""

from __future__ import annotations

import re

# Words that end with a full stop without ending the sentence ("Japan vs. Belgium").
ABBREVIATIONS = frozenset(
    {"vs", "v", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "nos", "approx"}
)


RE_LINE = re.compile(r"[^\n]+")


# A run of sentence-ending punctuation, any closing quotes or brackets, then a space or the end.
RE_SENTENCE_END = re.compile(r"[.!?…‼⁉]+[\"'’”)\]]*(?=\s|$)")


RE_NEXT_CHARACTER = re.compile(r"\s*(\S)")


RE_ELLIPSIS = re.compile(r"…|\.\.")


# An initial (T. Hazard) or a dotted abbreviation (U.S.) before a full stop.
RE_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


# Nothing but hashtags, mentions, links, emoji and punctuation: belongs to the sentence before.
RE_TAIL_ONLY = re.compile(r"(?:[#@]\w++|https?://\S++|\W)*+")


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
