"""Tweets embedded in article text: the body, then ``— Display Name (@handle) July 2, 2018``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from analyzer.ingest.layout import Layout

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

RE_SIGNATURE = re.compile(
    r"(?:(?P<pic>(?:https?://)?pic\.twitter\.com/\w+)[ \t]*)?"
    r"(?:—|–|&mdash;|--)[ \t]*"
    # The name may hold emoji and punctuation, but not a dash: that would let one
    # signature's name swallow prose from an earlier dash on the same line.
    r"(?P<name>(?:(?!--)[^\n—–])*?)[ \t]*"
    r"\(@(?P<handle>\w{1,15})\)[ \t]*"
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?[ \t]+"
    r"(?P<day>\d{1,2}),[ \t]*(?P<year>\d{4})"
)


@dataclass(frozen=True, slots=True)
class Embed:
    """One embedded tweet as found in the text; ``start`` is where its body begins.

    A signature with no text before it (the body lost in scraping, or the signature right
    after another) is still a tweet: ``text`` is empty and ``start`` is the signature's.
    """

    text: str
    start: int
    end: int
    signature: int  # where the signature (its picture link, or its dash) starts
    name: str
    handle: str
    day: date | None
    pic: str | None


def find_embeds(layout: Layout) -> list[Embed]:
    """Every embedded tweet in the document, in order.

    A tweet's body is the text before its signature in the same paragraph, plus the
    paragraphs before that which are joined to it by a wider gap than the article uses
    between its own paragraphs. The body never reaches back past another signature.
    """
    text = layout.text
    embeds: list[Embed] = []
    previous_end = 0
    for m in RE_SIGNATURE.finditer(text):
        index = layout.paragraph_at(m.start())
        paragraph = layout.paragraphs[index]
        spans = [(max(paragraph.start, previous_end), m.start())]
        if previous_end <= paragraph.start:
            while layout.is_wide_gap(index) and layout.paragraphs[index - 1].start >= previous_end:
                index -= 1
                spans.insert(0, (layout.paragraphs[index].start, layout.paragraphs[index].end))
        pieces = [
            (start + _leading_space(text[start:end]), text[start:end].strip())
            for start, end in spans
        ]
        pieces = [(start, piece) for start, piece in pieces if piece]
        embeds.append(
            Embed(
                text="\n\n".join(piece for _, piece in pieces),
                start=pieces[0][0] if pieces else m.start(),
                end=m.end(),
                signature=m.start(),
                name=m["name"].strip(),
                handle=m["handle"],
                day=_day(m["year"], m["month"], m["day"]),
                pic=m["pic"],
            )
        )
        previous_end = m.end()
    return embeds


def _leading_space(s: str) -> int:
    return len(s) - len(s.lstrip())


def _day(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), MONTHS[month[:3].lower()], int(day))
    except ValueError:  # "February 30": keep the tweet, drop the impossible date
        return None
