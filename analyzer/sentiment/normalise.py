"""Text rewrites before lexicon lookup: elongated words squeezed, hashtags split, glued words parted."""

from __future__ import annotations

import re
from collections.abc import Container
from itertools import product

# Three or more of the same letter in a row: English spells no word that way ("www" and
# "zzz" aside), so the run is emphasis ("YESSSS", "GOOOOAL", "Noooo").
RE_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}", re.IGNORECASE)
# The same test for lower-cased ASCII text, several times faster: most tweets are ASCII.
RE_ASCII_LETTER_RUN = re.compile(r"([a-z])\1\1")
# Without a non-ASCII word character (a text whose only non-ASCII characters are emoji or
# punctuation) only ASCII letters can make a run, and the ASCII test gives the same answer:
# no such character lower-cases to an ASCII letter (the Kelvin sign and "İ" are letters).
RE_NON_ASCII_WORD_CHARACTER = re.compile(r"[^\W\x00-\x7f]")
RE_TOKEN = re.compile(r"\S+")
RE_WORD = re.compile(r"[^\W\d_]+")
# Mentions and links are names and addresses, not words: never rewritten.
RE_NAME_OR_LINK = re.compile(r"^[@#]|://|^www\.", re.IGNORECASE)
# Two or more dots (or an ellipsis) between letters: "HOME...woohoo", "lost..gutted". A single
# dot is left alone: it joins addresses and initials ("t.co", "U.S.A").
RE_GLUED_BY_DOTS = re.compile(r"(?<=[^\W\d_])(\.{2,}|…)(?=[^\W\d_])")

# A hashtag starts after a space or punctuation, not inside a word or an HTML entity ("&#39;").
# Only plain ASCII tags with a capital after a small letter can be camel case, which is how
# English hashtags mark their words; the others (#love, #JPN, #Bélgica) are never split.
# A tag with a digit (#WC2018, #Brazil2014) or the tournament's name (#WorldCup) never matches:
# most fan tweets carry one, and ruling them out here spares a call per tweet. The pattern starts with
# "#" (a lookbehind first would make the search several times slower); the character before
# the "#" is checked when a tag is found.
RE_CAMEL_HASHTAG = re.compile(
    r"#(?![A-Za-z]*(?:[Ww]orld[Cc]up|FIFA|Fifa))([A-Za-z]*[a-z][A-Z][A-Za-z]*)(?!\w)"
)
RE_TAG_GLUE = re.compile(r"[\w&]")
RE_CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
# Tags that name a team, a fixture or the tournament stay whole, as names: #NEDvsESP,
# #IRANvsNIGERIA, #EnglandvsUruguay, #WorldCup, #FIFAWorldCup, #WC2018, #Brazil2014. Codes in
# capitals (#JPN, #BELJPN) need no rule: a tag without a lower-case letter is never split.
RE_FIXTURE_TAG = re.compile(r"^(?:[A-Z]{2,}|[A-Z][a-z]+)(?:vs?|VS?|Vs)(?:[A-Z]{2,}|[A-Z][a-z]+)$")
RE_EVENT_TAG = re.compile(r"worldcup|fifa|[0-9]", re.IGNORECASE)

ELONGATION_MAX_RUNS = 4  # candidate spellings grow as 2**runs; longer words keep the first guess


def squeeze_elongations(
    text: str,
    *,
    vocabulary: Container[str],
    emphasise: bool = False,
    letter_run: bool | None = None,
) -> str:
    """'YESSSSS' -> 'YES', 'Goooood' -> 'Good', 'Noooo' -> 'No', checked against ``vocabulary``.

    Each run of three or more letters is tried as two letters and as one; the first spelling
    that ``vocabulary`` knows (lower-cased) wins, else every run becomes one letter. With
    ``emphasise``, a squeezed word is written in capitals so VADER's ALL-CAPS rule reads the
    stretch as the emphasis it is (a no-op when the whole text is already in capitals).
    ``letter_run`` is ``has_letter_run(text)`` when the caller has it already.
    """
    if not (has_letter_run(text) if letter_run is None else letter_run):
        return text

    def squeeze_word(match: re.Match[str]) -> str:
        word = match.group()
        if not RE_LETTER_RUN.search(word):
            return word
        squeezed, known = _best_spelling(word, vocabulary)
        # Only a known word carries emphasis; capitals elsewhere would only change which
        # words VADER's ALL-CAPS rule compares against.
        return squeezed.upper() if emphasise and known else squeezed

    def squeeze_token(match: re.Match[str]) -> str:
        token = match.group()
        if RE_NAME_OR_LINK.search(token) or not RE_LETTER_RUN.search(token):
            return token
        return RE_WORD.sub(squeeze_word, token)

    return RE_TOKEN.sub(squeeze_token, text)


def has_letter_run(text: str) -> bool:
    """True when some letter is written three or more times in a row ("GOOOAL", "nooo")."""
    if text.isascii() or not RE_NON_ASCII_WORD_CHARACTER.search(text):
        return RE_ASCII_LETTER_RUN.search(text.lower()) is not None
    return RE_LETTER_RUN.search(text) is not None


def _best_spelling(word: str, vocabulary: Container[str]) -> tuple[str, bool]:
    """The first spelling ``vocabulary`` knows, and True; else every run as one letter, and False."""
    runs = [match.span() for match in RE_LETTER_RUN.finditer(word)]
    if len(runs) <= ELONGATION_MAX_RUNS:
        # Doubles first: "goood" is "good" before it is "god"; all-singles come last.
        for widths in product((2, 1), repeat=len(runs)):
            pieces = []
            cursor = 0
            for (start, end), width in zip(runs, widths, strict=True):
                pieces.append(word[cursor : start + width])
                cursor = end
            pieces.append(word[cursor:])
            spelled = "".join(pieces)
            if spelled.lower() in vocabulary:
                return spelled, True
    return RE_LETTER_RUN.sub(_first_letter, word), False


def _first_letter(match: re.Match[str]) -> str:
    return match.group()[0]


def split_hashtags(text: str) -> str:
    """'#ItsComingHome' -> 'Its Coming Home', '#WhatAGoal' -> 'What A Goal'.

    Team, fixture and tournament tags (#JPN, #BELJPN, #NEDvsESP, #WorldCup, #WC2018) stay
    whole: VADER reads each as one unknown, neutral token, a mention and not words. So do
    tags that are one word already (#love, #LOL: VADER scores them as it always has) and
    non-ASCII tags.
    """
    if "#" not in text:
        return text
    return RE_CAMEL_HASHTAG.sub(_split_tag, text)


def is_team_or_event_tag(body: str) -> bool:
    """True for JPN, BELJPN, NEDvsESP, WorldCup, WC2018 (without the #); False for ItsComingHome."""
    return body.isupper() or bool(RE_FIXTURE_TAG.match(body) or RE_EVENT_TAG.search(body))


def _split_tag(match: re.Match[str]) -> str:
    body = match.group(1)
    start = match.start()
    glued = start > 0 and RE_TAG_GLUE.match(match.string, start - 1) is not None
    if glued or is_team_or_event_tag(body):
        return match.group()
    parts = RE_CAMEL_PART.findall(body)
    return " ".join(parts) if len(parts) > 1 else match.group()


def space_glued_words(text: str) -> str:
    """'HOME...woohoo' -> 'HOME... woohoo': VADER splits on spaces, so glued words are one token."""
    # The pattern needs two dots in a row or an ellipsis: most texts have neither, and the
    # lookbehind it starts with costs a test at every character.
    if ".." not in text and "…" not in text:
        return text
    return RE_GLUED_BY_DOTS.sub(r"\1 ", text)
