"""The article's own lines, told apart from a tweet's: reporting prose, lines introducing tweets, headers.

A tweet's body is bounded by these: an embed never takes in the sentence that introduces
it ("Here are some of the reactions:"), the journalist's reporting (third person, past
tense, long sentences), or a scraped page's header (" date 2018-07-02", its address).
"""

from __future__ import annotations

import re

# A scraped page's header lines: " date 2018-07-02 ...", "url: ...", a line that is only a link.
RE_HEADER = re.compile(
    r"^\s*(?:date\s+\d{4}-\d{2}-\d{2}\b|(?:url|source|link|title|author|published)\s*:"
    r"|https?://\S+\s*$)",
    re.IGNORECASE,
)
# A line that introduces what follows: it ends with a colon ("Here are some of the
# reactions:", "Fans took to Twitter:"), or says that people reacted, in a full sentence.
RE_INTRODUCTION_END = re.compile(r"[:：]\s*$")
RE_REACTION_WORDS = re.compile(
    r"\b(?:took to (?:Twitter|social media|X)|react(?:ed|ions?|s)?|here(?:'s|’s| is| are)"
    r"|tweeted|as follows|social media|Twitter users)\b",
    re.IGNORECASE,
)
# A tweet's hashtags, links and emoji: an introduction has none.
RE_ENTITIES = re.compile(r"#\w|https?://|pic\.twitter\.com|[\U0001F000-\U0001FAFF\u2600-\u27BF]")
# A line in quotation marks from end to end: a translation of the tweet above, or a quote.
RE_QUOTED_LINE = re.compile(r"^\s*[“\"«„‘'].*[”\"»“’'][.,;]?\s*$")
# What tweets have and reporting prose does not: hashtags, mentions, links, emoji,
# exclamations and questions, the first and second person, shouting.
RE_TWEET_MARKS = re.compile(
    r"#\w|https?://|pic\.twitter\.com|[!?！？]|[\U0001F000-\U0001FAFF\u2600-\u27BF]"
    r"|\b(?:I|I'm|I’m|I've|I’ve|me|my|we|we're|we’re|us|our|you|your|you're|you’re|lol|omg)\b",
    re.IGNORECASE,
)
RE_SHOUTED = re.compile(r"\b[A-Z]{3,}\b")
# Reporting: the past tense and the third person, in English.
RE_PAST = re.compile(
    r"\b(?:was|were|had|did|took|went|came|saw|said|told|made|found|won|lost|gave|got|left"
    r"|began|became|felt|thought|knew|kept|held|led|met|sent|fell|ran|struck"
    r"|[a-z]{3,}ed)\b"
)
RE_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|his|her|their|its|fans|supporters|players|the team|the side"
    r"|the match|the game|the club|the coach|the manager|account|handle|federation|president"
    r"|minister|captain|legend|cricketer|star)\b",
    re.IGNORECASE,
)
# Russian verbs in the past tense end so ("поздравил", "сыграла", "вышли").
RE_PAST_RUSSIAN = re.compile(r"\b[а-яё]{3,}(?:ил|ал|ял|ел|ла|ли|ло)(?:ся|сь)?\b", re.IGNORECASE)
RE_WORD = re.compile(r"\w+")
RE_SENTENCE_END = re.compile(r"[.;:…»”\")]\s*$")
# Words in a line of prose that reports in the past tense; and in any long line without a
# tweet's marks (any language): a sentence that long is the article's, not a fan's outburst.
MIN_REPORTING_WORDS = 9
MIN_PAST_WORDS = 14  # a sentence in the past tense this long reports, whoever it is about
MIN_LONG_PROSE_WORDS = 30
# Shouted words that make a line a tweet's, not prose ("JAPAN LEAD 2-0").
MIN_SHOUTED_WORDS = 2


def is_header(line: str) -> bool:
    """A scraped page's header line: never part of a tweet."""
    return bool(RE_HEADER.match(line))


def is_introduction(line: str) -> bool:
    """A line that introduces the tweets after it: never part of one."""
    s = line.strip()
    if RE_INTRODUCTION_END.search(s) and not RE_LINK_ONLY_COLON.search(s):
        return True
    if s.endswith(("...", "…")) and not RE_ENTITIES.search(s):
        return True  # "And even the captain knew it...": the lead-in to the tweet below
    return (
        bool(RE_REACTION_WORDS.search(s))
        and s.endswith((".", ":", "?", "…", "-"))
        and not RE_ENTITIES.search(s)
    )


# "Line-ups: https://t.co/x" is not an introduction: its colon is followed by words.
RE_LINK_ONLY_COLON = re.compile(r"https?://\S*:\s*$")


def is_quoted(line: str) -> bool:
    """A line in quotation marks from end to end: the article's translation or quote."""
    return bool(RE_QUOTED_LINE.match(line))


def is_reporting_prose(line: str) -> bool:
    """A line of the article's reporting: third person, past tense or long, no tweet marks."""
    s = line.strip()
    if not s or RE_TWEET_MARKS.search(s) or not RE_SENTENCE_END.search(s):
        return False
    if len(RE_SHOUTED.findall(s)) >= MIN_SHOUTED_WORDS:
        return False
    words = len(RE_WORD.findall(s))
    if words >= MIN_LONG_PROSE_WORDS:
        return True
    if RE_PAST_RUSSIAN.search(s) and words >= MIN_REPORTING_WORDS:
        return True
    if not RE_PAST.search(s):
        return False
    return words >= MIN_PAST_WORDS or (
        words >= MIN_REPORTING_WORDS and bool(RE_THIRD_PERSON.search(s))
    )
