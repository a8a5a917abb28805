"""The learned model's features of a text: words and word pairs of the rewritten text, and markers.

The scorer's layers rewrite a text before VADER reads it: every emoji becomes words or a
football token, camel-case hashtags become words, stretched words are squeezed ("YESSSS" ->
"YES"), the football lexicon's phrases become one token ("what a goal" -> "whatagoal"). The
model reads the same rewritten text, so each of those is a feature too, and adds markers:

- ``e:<name>``: each emoji by its CLDR name ("e:face_with_tears_of_joy"); any flag is
  ``e:flag``, since which team a flag names says nothing about the mood;
- ``<elong>``: a word was stretched ("nooooo", "GOOOAL");
- ``<fb+>`` / ``<fb->``: a word, phrase or emoji of the football tables with a positive or
  negative valence, so a phrase too rare to learn still counts by its sign;
- ``<url>``, ``<user>``, ``<num>``, ``<rt>``: links, mentions, numbers and a retweet's
  ``RT @user:`` prefix, whose identity says nothing but whose presence does (news-like tweets
  carry links).

Word pairs (bigrams) are taken over the sequence of words, links and mentions; the markers
that describe the whole text (emoji names, ``<elong>``, ``<fb±>``, ``<rt>``) are not in it.
This function is what scikit-learn's ``TfidfVectorizer(analyzer=...)`` is handed at training
(analyzer/train.py), so inference sees exactly the features the model was fitted on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

from analyzer.sentiment.emojis import RE_PRESENTATION, cldr_name
from analyzer.sentiment.football import RE_FLAG
from analyzer.sentiment.normalise import has_letter_run

RE_LINK = re.compile(r"https?://\S+|www\.\S+")
RE_MENTION = re.compile(r"@\w+")
RE_RETWEET = re.compile(r"^\s*RT\s+@\w+", re.IGNORECASE)
# A word (with an inner apostrophe: "don't", "it's"), a hashtag left whole (team and
# tournament tags), a marker put in for a link or mention, or a run of "!" or "?".
RE_FEATURE_TOKEN = re.compile(r"<url>|<user>|#?[a-z0-9_]+(?:'[a-z0-9]+)*|!+|\?+")
RE_NOT_NAME = re.compile(r"[^a-z0-9]+")
CURLY_APOSTROPHE = "’"

URL_TOKEN = "<url>"
USER_TOKEN = "<user>"
NUMBER_TOKEN = "<num>"
RETWEET_TOKEN = "<rt>"
ELONGATION_TOKEN = "<elong>"
POSITIVE_FOOTBALL_TOKEN = "<fb+>"
NEGATIVE_FOOTBALL_TOKEN = "<fb->"
EMOJI_PREFIX = "e:"
FLAG_NAME = "flag"
EMOJI_NAMES_REMEMBERED = 4096
# Tokens starting with one of these may be a number or a run of "!" or "?"; any other is a word.
SPECIAL_STARTS = frozenset("0123456789!?")


def text_features(
    original: str,
    rewritten: str,
    emoji: Sequence[str],
    *,
    football_valences: Mapping[str, float],
    elongated: bool | None = None,
) -> list[str]:
    """Every feature of a text, repeated as often as it occurs (tf-idf counts them).

    ``elongated`` is ``has_letter_run(original)`` when the caller has it already.
    """
    lowered = rewritten.lower()
    if CURLY_APOSTROPHE in lowered:
        lowered = lowered.replace(CURLY_APOSTROPHE, "'")
    if "http" in lowered or "www." in lowered:
        lowered = RE_LINK.sub(" <url> ", lowered)
    if "@" in lowered:
        lowered = RE_MENTION.sub(" <user> ", lowered)
    words = [
        token if token[0] not in SPECIAL_STARTS else _special_feature(token)
        for token in RE_FEATURE_TOKEN.findall(lowered)
    ]
    features = list(words)
    features.extend(map(" ".join, pairwise(words)))
    for valence in filter(None, map(football_valences.get, words)):
        features.append(POSITIVE_FOOTBALL_TOKEN if valence > 0 else NEGATIVE_FOOTBALL_TOKEN)
    features.extend([emoji_feature(each) for each in emoji])
    if has_letter_run(original) if elongated is None else elongated:
        features.append(ELONGATION_TOKEN)
    if RE_RETWEET.match(original):
        features.append(RETWEET_TOKEN)
    return features


def dense_features(
    compound: float, positive: float, neutral: float, negative: float
) -> tuple[float, ...]:
    """VADER's four scores (with the football layers), as the model reads them beside the words."""
    return (compound, positive, neutral, negative)


DENSE_FEATURES = ("compound", "positive", "neutral", "negative")


def _special_feature(token: str) -> str:
    if token.isdigit():
        return NUMBER_TOKEN
    first = token[0]
    if first == "!":
        return "!"
    if first == "?":
        return "?"
    return token


@lru_cache(maxsize=EMOJI_NAMES_REMEMBERED)
def emoji_feature(emoji: str) -> str:
    """'😂' -> 'e:face_with_tears_of_joy', '👍🏽' -> 'e:thumbs_up', any flag -> 'e:flag'."""
    base = RE_PRESENTATION.sub("", emoji) or emoji
    if RE_FLAG.match(base):
        return EMOJI_PREFIX + FLAG_NAME
    name = cldr_name(base) or cldr_name(emoji) or "x".join(str(ord(c)) for c in base)
    return EMOJI_PREFIX + RE_NOT_NAME.sub("_", name.lower()).strip("_")
