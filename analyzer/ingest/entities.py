"""What a tweet's text carries besides its words: hashtags, mentions, links, and the API's escapes."""

from __future__ import annotations

import re
from typing import Any

# Each opens with its literal and looks behind only after it: a pattern that opens with a
# look-behind is tried at every character, some 40 times slower on a tweet without entities.
RE_HASHTAG = re.compile(r"#(?<![\w#&]#)(\w*[^\W\d_]\w*)")  # a hashtag needs a letter: not "#1"
RE_MENTION = re.compile(r"@(?<![\w@]@)(\w{1,15})\b")
RE_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/(?<![\w.]pic\.twitter\.com/))\S+")


def unescape(text: str) -> str:
    """Tweet text as written: the API sends &, < and > as HTML entities, and only those."""
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def text_entities(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Hashtags, mentions and links found in a text, for exports that do not list them."""
    return (
        tuple(RE_HASHTAG.findall(text)),
        tuple(RE_MENTION.findall(text)),
        tuple(RE_LINK.findall(text)),
    )


def entity_values(items: Any, key: str, fallback: str | None = None) -> tuple[str, ...]:
    """``key`` (else ``fallback``) of each entity in a list, skipping what is not text."""
    if not isinstance(items, list):
        return ()
    found = []
    for item in items:
        if isinstance(item, dict):
            value = item.get(key) or (item.get(fallback) if fallback else None)
            if isinstance(value, str):
                found.append(value)
    return tuple(found)
