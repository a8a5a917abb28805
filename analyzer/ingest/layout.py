"""The layout of a plain-text document: its paragraphs, the gaps between them, and line numbers."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

# Two or more line breaks, with nothing but spaces or tabs between them, end a paragraph.
RE_PARAGRAPH_GAP = re.compile(r"\n(?:[ \t]*\n)+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int  # character offsets into the document
    end: int
    gap_before: int  # line breaks between this paragraph and the one before; 0 for the first


class Layout:
    """Paragraph spans and a line index for one decoded document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.paragraphs = _paragraphs(text)
        self._paragraph_starts = [p.start for p in self.paragraphs]
        gaps = Counter(p.gap_before for p in self.paragraphs[1:])
        # The article's own paragraph gap is its most common one (ties go to the smaller).
        # Embeds in the samples separate a tweet's paragraphs by more breaks than that.
        self.usual_gap = min(gaps, key=lambda g: (-gaps[g], g)) if gaps else 2

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect_right(self._line_starts, offset)

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (or the next one, when it falls in a gap)."""
        index = bisect_right(self._paragraph_starts, offset) - 1
        if index < 0:
            return 0
        if offset >= self.paragraphs[index].end and index + 1 < len(self.paragraphs):
            return index + 1
        return index

    def is_wide_gap(self, index: int) -> bool:
        """Whether paragraph ``index`` is set apart from the one before by more than the usual gap."""
        return index > 0 and self.paragraphs[index].gap_before > self.usual_gap


class Spans:
    """Spans of a document (the embedded tweets), asked whether they hold an offset.

    A lookup is a binary search, so an article with thousands of tweets and links is not
    read in time that grows with their product.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end of any span starting at or before each one (spans may overlap).
        self._reach = list(accumulate((end for _, end in ordered), max))

    def __contains__(self, offset: object) -> bool:
        if not isinstance(offset, int):
            return False
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._reach[index]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with ``start``..``end``."""
        index = bisect_left(self._starts, end) - 1  # the spans that start before ``end``
        return index >= 0 and self._reach[index] > start


def _paragraphs(text: str) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    cursor, gap = 0, 0
    for m in RE_PARAGRAPH_GAP.finditer(text):
        if text[cursor : m.start()].strip():
            paragraphs.append(Paragraph(cursor, m.start(), gap))
            gap = 0
        gap += m.group().count("\n")
        cursor = m.end()
    if text[cursor:].strip():
        paragraphs.append(Paragraph(cursor, len(text), gap))
    if paragraphs:
        paragraphs[0] = Paragraph(paragraphs[0].start, paragraphs[0].end, 0)
    return paragraphs
