"""The words of a minute: terms and hashtags from tweet texts, counted within a bound (heavy hitters, Misra-Gries)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

# Words shorter than this are not terms ("a", "x", what is left of "it's").
MIN_WORD_LENGTH = 2


# English function words, and Twitter's own ("rt", "via"), that say nothing about a moment.
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do
    does doesn't doing don't down during each few for from further get got had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself
    his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me
    more most mustn't my myself no nor not now of off on once only or other ought our ours
    ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
    than that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've this those through to too under until up us very was wasn't we
    we'd we'll we're we've were weren't what what's when when's where where's which while
    who who's whom why why's will with won't would wouldn't you you'd you'll you're you've
    your yours yourself yourselves im dont cant wont thats rt via amp gonna gotta
    """.split()  # noqa: SIM905 (a word list reads best as words)
)


# Links in lower-cased text (terms_of lowers it first). Each alternative opens with its
# literal and looks behind only after it (what "\b" before it said): a pattern that opens
# with a look-behind or "\b" is tried at every character. No IGNORECASE either, which
# would forgo the fast search for the first letter: in lower-cased text the only other
# letters it would take for these are the dotless i and the long s, spelled out here.
RE_URL = re.compile(r"h(?<!\wh)ttp[sſ]?://\S+|w(?<!\ww)ww\.\S+|p(?<!\wp)[iı]c\.tw[iı]tter\.com/\S+")


RE_MENTION = re.compile(r"@(?<![\w@]@)\w+")


RE_HASHTAG = re.compile(r"#(?<![\w#&]#)(\w+)")


# A word starts with a letter; inner apostrophes stay ("don't"), digits and "_" may follow.
RE_WORD = re.compile(r"[^\W\d_][\w']*")


# Three or more of one letter are folded to two: "GOOOOAL" and "GOOOAL" count as one term.
RE_ELONGATION = re.compile(r"(\w)\1{2,}")


def terms_of(text: str) -> list[str]:
    """The words of a text that count as terms, in order, repeats kept.

    >>> terms_of("GOOOOAL!!! Inui 🔥 #BELJPN @FIFAcom https://t.co/x it's a beauty")
    ['gooal', 'inui', 'beauty']
    """
    text = RE_URL.sub(" ", text.lower().replace("\u2019", "'"))
    text = RE_HASHTAG.sub(" ", RE_MENTION.sub(" ", text))
    if RE_ELONGATION.search(text):  # rarely: a search is cheaper than a sub that finds nothing
        text = RE_ELONGATION.sub(r"\1\1", text)
    words = (w.rstrip("'") for w in RE_WORD.findall(text))
    return [w for w in words if len(w) >= MIN_WORD_LENGTH and w not in STOP_WORDS]


def hashtags_of(text: str) -> list[str]:
    """The hashtags of a text, without "#", as written."""
    return RE_HASHTAG.findall(text)


def merge_counts(a: Mapping[str, int], b: Mapping[str, int], *, capacity: int) -> dict[str, int]:
    """Add two term counters and keep at most ``capacity`` terms (a Misra-Gries merge).

    When more than ``capacity`` terms remain, the (capacity + 1)-th largest count is taken
    off every count and the terms left at zero or below are dropped (Agarwal et al.,
    "Mergeable summaries", 2012): a kept count is never above the true one, and below it
    by at most the uses dropped this way divided by capacity + 1.
    """
    merged = dict(a)
    for term, n in b.items():
        merged[term] = merged.get(term, 0) + n
    if len(merged) <= capacity:
        return merged
    cut = sorted(merged.values(), reverse=True)[capacity]
    return {term: n - cut for term, n in merged.items() if n > cut}


def chunk_terms(
    groups: npt.NDArray[np.intp],
    size: int,
    *,
    hashtags: Sequence[Sequence[str]] | None,
    texts: Sequence[str] | None,
    allowance: Sequence[int],
) -> tuple[list[dict[str, int]], list[int]]:
    """Term counts per group of one chunk (records using each term), and how many records gave them.

    Only the first ``allowance[group]`` records of each group are tokenised.
    """
    counts: list[dict[str, int]] = [{} for _ in range(size)]
    worded = [0] * size
    if hashtags is None and texts is None:
        return counts, worded
    # Retweets and chants repeat: each distinct text (with its hashtags) is tokenised once.
    cache: dict[tuple[str, tuple[str, ...] | None], tuple[str, ...]] = {}
    for i, group in enumerate(groups.tolist()):
        if worded[group] >= allowance[group]:
            continue
        worded[group] += 1
        text = texts[i] if texts is not None else ""
        tags = tuple(hashtags[i]) if hashtags is not None else None
        terms = cache.get((text, tags))
        if terms is None:
            found = hashtags_of(text) if tags is None else tags
            unique = dict.fromkeys(terms_of(text))
            unique.update(
                dict.fromkeys("#" + t.lstrip("#").lower() for t in found if t.lstrip("#"))
            )
            terms = cache[text, tags] = tuple(unique)
        target = counts[group]
        for term in terms:
            target[term] = target.get(term, 0) + 1
    return counts, worded
