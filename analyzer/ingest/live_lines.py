"""Readers' messages on live text pages: ``Rob, Manchester: What a game!`` — a fan, named, speaking.

Live pages read out their readers' texts and tweets as a name (and often a place), a colon
and the message. One such line could be a label ("Kick-off: ..."); a page with several,
from different people, holds fan quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analyzer.ingest.layout import Layout, Spans

_NAME_WORD = r"[A-Z][\w'’.-]*"
RE_LIVE_LINE = re.compile(
    rf"^[ \t]*(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
    rf"(?:,[ \t]*(?P<place>{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|on|upon|de|la|le)){{0,3}}))?"
    # "Nick, London, via text:": how the message came is not part of the speaker.
    r"(?:,?[ \t]+via[ \t]+(?:text|SMS|email|e-mail|Twitter|Facebook|WhatsApp|Instagram))?"
    r"[ \t]*:[ \t]+(?P<text>\S[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
# What stands before a colon on live pages and is not a reader: labels, times, the page's own.
_LABEL_WORDS = """
    update updates goal goals kick-off kickoff half-time halftime full-time fulltime ft ht
    result results score scores attendance referee venue team teams lineup line-up line-ups
    lineups subs substitutes substitution sub bench news breaking latest report reaction
    reactions quote quotes stats statistic statistics key fact facts prediction verdict
    note source sources read more watch listen video photo photos pictures email text
    tweet twitter follow live summary recap preview injury injuries booked yellow red card
    var penalty penalties corner free-kick chance save saves offside tv radio where when
    what who why how and but so the a an this that
"""
LABELS = frozenset(_LABEL_WORDS.split())
# Live lines, from different people, that make a page a live page.
MIN_LIVE_LINES = 2
MIN_SPEAKERS = 2
# A message with this many separators, most of its words capitalised, is a list of names.
LIST_SEPARATORS = 3
LIST_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class LiveLine:
    """One reader's message: ``speaker`` is the name as written with the place, if given."""

    text: str
    start: int  # offset of the message's first character
    line_start: int  # offset of the line (its name)
    end: int
    speaker: str


def find_live_lines(layout: Layout, *, skip: Iterable[tuple[int, int]] = ()) -> list[LiveLine]:
    """Readers' messages outside ``skip``, when the page holds several from different people."""
    skipped = Spans(skip)
    found = []
    for m in RE_LIVE_LINE.finditer(layout.text):
        name = m["name"]
        if m.start() in skipped or _is_label(name) or _is_list(m["text"]):
            continue
        speaker = f"{name}, {m['place']}" if m["place"] else name
        found.append(LiveLine(m["text"], m.start("text"), m.start("name"), m.end(), speaker))
    names = {line.speaker for line in found}
    if len(found) < MIN_LIVE_LINES or len(names) < MIN_SPEAKERS:
        return []
    return found


def _is_list(text: str) -> bool:
    """A line-up or a list of names ("Belgium: Courtois; Meunier, Alderweireld, ..."), not speech."""
    words = text.split()
    capitalised = sum(1 for word in words if word[:1].isupper())
    return text.count(",") + text.count(";") >= LIST_SEPARATORS and capitalised >= LIST_SHARE * len(
        words
    )


def _is_label(name: str) -> bool:
    words = name.lower().split()
    return any(word.strip(".") in LABELS for word in words) or any(c.isdigit() for c in name)
