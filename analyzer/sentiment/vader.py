"""VADER scoring: vaderSentiment 3.3.2's exact scores, computed with less work per text.

Kept beside the library rather than calling it: the library rebuilds its word lists for
every text, which made scoring 3.9x slower; tests/test_sentiment_vader.py proves the
scores identical on the ground truth, the samples and a seeded random corpus.
"""

from __future__ import annotations

import string

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
)

# vaderSentiment writes these as literals inside its methods, so they cannot be imported.
EXCLAMATION_CAP = 4
EXCLAMATION_WEIGHT = 0.292
QUESTION_WEIGHT = 0.18
QUESTION_FLOOD_AMPLIFIER = 0.96
SECOND_WORD_BACK_DAMPING = 0.95
THIRD_WORD_BACK_DAMPING = 0.9
NEVER_SO_BOOST = 1.25
BEFORE_BUT_WEIGHT = 0.5
AFTER_BUT_WEIGHT = 1.5

_BOOSTERS: dict[str, float] = BOOSTER_DICT
_NEGATIONS: frozenset[str] = frozenset(NEGATE)
_SPECIAL_CASES: dict[str, float] = SPECIAL_CASES
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")
_PUNCTUATION = string.punctuation

# Every idiom and multi-word booster starts with one of these; a window without any of them
# cannot match, so the string building in the idiom check can be skipped.
_PHRASE_STARTS: frozenset[str] = frozenset(
    phrase.split(" ")[0] for phrase in (*_SPECIAL_CASES, *_BOOSTERS) if " " in phrase
)


def compiled() -> bool:
    """True when this module runs compiled by mypyc (the optional build), False as plain Python."""
    return not __file__.endswith(".py")


class Vader:
    """Same scores as vaderSentiment 3.3.2's SentimentIntensityAnalyzer, computed with less work per text."""

    def __init__(self) -> None:
        # vaderSentiment's own loader reads its packaged lexicon files, so parsing can't drift.
        original = SentimentIntensityAnalyzer()
        self._words: dict[str, float] = dict(original.lexicon)
        self._public_words: dict[str, float] = dict(self._words)
        # A booster scores 0 itself even when it is a lexicon word; it only modifies others.
        self._scored_words = frozenset(self._words.keys() - _BOOSTERS.keys())
        # vaderSentiment replaces emoji one code point at a time, so keys longer than one code
        # point (skin tones, ZWJ sequences, flags) never match and are left out. The leading
        # space always separates the description from the previous token; vaderSentiment
        # only adds it when there was no space, but str.split() makes the two the same.
        self._emoji_words: dict[str, str] = dict(original.emojis)
        self._emoji_table: dict[int, str] = {
            ord(emoji): " " + description
            for emoji, description in original.emojis.items()
            if len(emoji) == 1
        }
        # With no ASCII key (true for 3.3.2), ASCII texts can skip the table.
        self._emoji_free_ascii = not any(chr(code).isascii() for code in self._emoji_table)

    @property
    def lexicon(self) -> dict[str, float]:
        """The word lexicon (lower-case word -> valence); a copy, so edits can't change scores."""
        return self._public_words

    @property
    def emoji_lexicon(self) -> dict[str, str]:
        """VADER's emoji descriptions (emoji -> words), for layers that replace emoji themselves."""
        return self._emoji_words

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Return ``neg``, ``neu``, ``pos`` and ``compound`` exactly as vaderSentiment does."""
        if not (self._emoji_free_ascii and text.isascii()):
            text = text.translate(self._emoji_table)
        # vaderSentiment keeps a token whole when stripping leaves <= 2 characters (":)").
        words = [
            token if len(stripped := token.strip(_PUNCTUATION)) <= 2 else stripped
            for token in text.split()
        ]
        lowers = [word.lower() for word in words]
        scored = self._scored_words
        # Unscored tokens hold an int 0, as in vaderSentiment, so the sums match by construction.
        sentiments: list[float] = [0] * len(words)
        candidates = [i for i, lower in enumerate(lowers) if lower in scored]
        if candidates:
            cap_differential = 0 < sum(map(str.isupper, words)) < len(words)
            last = len(words) - 1
            for i in candidates:
                if lowers[i] == "kind" and i < last and lowers[i + 1] == "of":
                    continue
                sentiments[i] = self._word_valence(i, words, lowers, cap_differential)
        if "but" in lowers:
            _but_check(lowers.index("but"), sentiments)
        return _score_valence(sentiments, text)

    def _word_valence(
        self, i: int, words: list[str], lowers: list[str], cap_differential: bool
    ) -> float:
        lexicon = self._words
        lower = lowers[i]
        valence = lexicon[lower]
        if lower == "no" and i != len(lowers) - 1 and lowers[i + 1] in lexicon:
            # "no" before a lexicon word negates that word instead of scoring itself
            valence = 0.0
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in _OR_NOR)
        ):
            valence = lexicon[lower] * N_SCALAR
        if cap_differential and words[i].isupper():
            valence = valence + C_INCR if valence > 0 else valence - C_INCR

        if i > 0 and lowers[i - 1] not in lexicon:
            valence = valence + _booster_scalar(i - 1, words, lowers, valence, cap_differential)
            if _is_negation(lowers[i - 1]):
                valence = valence * N_SCALAR
        if i > 1 and lowers[i - 2] not in lexicon:
            scalar = _booster_scalar(i - 2, words, lowers, valence, cap_differential)
            if scalar != 0:
                scalar = scalar * SECOND_WORD_BACK_DAMPING
            valence = valence + scalar
            if lowers[i - 2] == "never" and lowers[i - 1] in _SO_THIS:
                valence = valence * NEVER_SO_BOOST
            elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
                pass
            elif _is_negation(lowers[i - 2]):
                valence = valence * N_SCALAR
        if i > 2 and lowers[i - 3] not in lexicon:
            scalar = _booster_scalar(i - 3, words, lowers, valence, cap_differential)
            if scalar != 0:
                scalar = scalar * THIRD_WORD_BACK_DAMPING
            valence = valence + scalar
            # vaderSentiment's operator precedence: "so"/"this" right before the word boosts
            # it even without "never" three words back.
            if (lowers[i - 3] == "never" and lowers[i - 2] in _SO_THIS) or lowers[
                i - 1
            ] in _SO_THIS:
                valence = valence * NEVER_SO_BOOST
            elif lowers[i - 3] == "without" and (
                lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"
            ):
                pass
            elif _is_negation(lowers[i - 3]):
                valence = valence * N_SCALAR
            if (
                lowers[i - 3] in _PHRASE_STARTS
                or lowers[i - 2] in _PHRASE_STARTS
                or lowers[i - 1] in _PHRASE_STARTS
                or lower in _PHRASE_STARTS
            ):
                valence = _special_idioms_check(valence, lowers, i)

        if i > 0 and lowers[i - 1] == "least" and "least" not in lexicon:
            if i > 1:
                if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                    valence = valence * N_SCALAR
            else:
                valence = valence * N_SCALAR
        return valence


def _is_negation(lower: str) -> bool:
    # vaderSentiment lower()s the already lower-cased token again here; lower() is idempotent
    # for every code point (a test checks), so the single lower() per token gives the same.
    return lower in _NEGATIONS or "n't" in lower


def _booster_scalar(
    j: int, words: list[str], lowers: list[str], valence: float, cap_differential: bool
) -> float:
    scalar = 0.0
    lower = lowers[j]
    if lower in _BOOSTERS:
        scalar = _BOOSTERS[lower]
        if valence < 0:
            scalar *= -1
        if words[j].isupper() and cap_differential:
            if valence > 0:
                scalar += C_INCR
            else:
                scalar -= C_INCR
    return scalar


def _special_idioms_check(valence: float, lowers: list[str], i: int) -> float:
    zero, one, two, three = lowers[i], lowers[i - 1], lowers[i - 2], lowers[i - 3]
    onezero = f"{one} {zero}"
    twoonezero = f"{two} {one} {zero}"
    twoone = f"{two} {one}"
    threetwoone = f"{three} {two} {one}"
    threetwo = f"{three} {two}"
    for sequence in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if sequence in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[sequence]
            break
    if len(lowers) - 1 > i:
        zeroone = f"{zero} {lowers[i + 1]}"
        if zeroone in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zeroone]
    if len(lowers) - 1 > i + 1:
        zeroonetwo = f"{zero} {lowers[i + 1]} {lowers[i + 2]}"
        if zeroonetwo in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


def _but_check(but_index: int, sentiments: list[float]) -> None:
    # vaderSentiment looks each value up with list.index(), which finds the FIRST equal value:
    # a value repeated after "but" re-weights its earlier twin (again) instead of itself.
    # Iterating the live list while overwriting it is part of that behaviour.
    index = sentiments.index
    for sentiment in sentiments:
        si = index(sentiment)
        if si < but_index:
            sentiments[si] = sentiment * BEFORE_BUT_WEIGHT
        elif si > but_index:
            sentiments[si] = sentiment * AFTER_BUT_WEIGHT


def _punctuation_emphasis(text: str) -> float:
    ep_amplifier = min(text.count("!"), EXCLAMATION_CAP) * EXCLAMATION_WEIGHT
    qm_count = text.count("?")
    qm_amplifier = 0.0  # float + int adds the int as a float: the same bits
    if qm_count > 1:
        qm_amplifier = qm_count * QUESTION_WEIGHT if qm_count <= 3 else QUESTION_FLOOD_AMPLIFIER
    return ep_amplifier + qm_amplifier


def _score_valence(sentiments: list[float], text: str) -> dict[str, float]:
    if not sentiments:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    sum_s = float(sum(sentiments))
    punct_emph_amplifier = _punctuation_emphasis(text)
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound: float = normalize(sum_s)

    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = 0
    for sentiment in sentiments:
        if sentiment > 0:
            # +1 / -1 compensate for neutral words, which count as 1 each
            pos_sum += float(sentiment) + 1
        elif sentiment < 0:
            neg_sum += float(sentiment) - 1
        else:
            neu_count += 1
    if pos_sum > abs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < abs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + abs(neg_sum) + neu_count
    return {
        "neg": round(abs(neg_sum / total), 3),
        "neu": round(abs(neu_count / total), 3),
        "pos": round(abs(pos_sum / total), 3),
        "compound": round(compound, 4),
    }
