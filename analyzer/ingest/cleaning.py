"""Untrusted text made safe to keep: control characters out, broken surrogates replaced."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from analyzer.ingest.base import Problems
from analyzer.records import Author, Record

# What happens to each kind of character in a record's text, author, ids and entities:
# - line breaks of every convention (\r\n, \r, vertical tab, form feed, NEL) become "\n", as
#   articles and CSV rows already have them; nothing is reported.
# - the other C0 and C1 control characters (NUL, BEL, ESC ...) and DEL are removed: they mean
#   nothing in a tweet, and they upset terminals, spreadsheets and HTML. Reported once a file,
#   with the number of records and the characters.
# - lone surrogates (a JSON "\ud83d" without its pair: half an emoji) cannot be written as
#   UTF-8; each becomes U+FFFD. Reported the same way.
# - everything else is text and stays as written: right-to-left and left-to-right marks, zero
#   width joiners (emoji sequences are made with them), bidi isolates, combining marks,
#   variation selectors, astral-plane characters such as most emoji.
RE_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
RE_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85]")
RE_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
RE_SURROGATE = re.compile(r"[\ud800-\udfff]")

# Distinct characters named in a report: enough to recognise what the file holds.
SHOWN_CHARACTERS = 4


def clean_text(text: str) -> str:
    """``text`` with line breaks folded to "\\n", control characters removed, surrogates replaced."""
    if not RE_UNSAFE.search(text):
        return text
    text = RE_CONTROL.sub("", RE_LINE_BREAK.sub("\n", text))
    return RE_SURROGATE.sub("\ufffd", text)


@dataclass
class Cleaner:
    """Cleans one file's records and keeps count of what it changed, for the file's problems."""

    removed_in: int = 0  # records that lost control characters
    replaced_in: int = 0  # records that had lone surrogates replaced
    removed_line: int | None = None
    replaced_line: int | None = None
    removed: dict[str, None] = field(default_factory=dict)  # the characters, in order met
    replaced: dict[str, None] = field(default_factory=dict)

    def merge(self, other: Cleaner, *, line_shift: int = 0) -> None:
        """Add what another cleaner counted, over a later part of the same file.

        ``line_shift`` turns the other's line numbers into this file's (its part started
        that many lines in).
        """
        self.removed_in += other.removed_in
        self.replaced_in += other.replaced_in
        if self.removed_line is None and other.removed_line is not None:
            self.removed_line = other.removed_line + line_shift
        if self.replaced_line is None and other.replaced_line is not None:
            self.replaced_line = other.replaced_line + line_shift
        self.removed.update(other.removed)
        self.replaced.update(other.replaced)

    def clean(self, record: Record) -> Record:
        """The record, or a copy with its strings cleaned when any needs it."""
        author = record.author
        # One search over all of a record's strings: read a million times, so kept cheap.
        everything = "".join((
            record.text, author.name or "", author.handle or "", record.tweet_id or "",
            record.lang or "", record.retweet_of or "", record.quote_of or "",
            *record.hashtags, *record.mentions, *record.links,
        ))  # fmt: skip
        if not RE_UNSAFE.search(everything):
            return record
        controls = RE_CONTROL.findall(everything)
        surrogates = RE_SURROGATE.findall(everything)
        if controls:
            self.removed_in += 1
            self.removed_line = self.removed_line or record.source.line
            self.removed.update(dict.fromkeys(controls))
        if surrogates:
            self.replaced_in += 1
            self.replaced_line = self.replaced_line or record.source.line
            self.replaced.update(dict.fromkeys(surrogates))
        return replace(
            record,
            text=clean_text(record.text),
            author=Author(
                name=_clean(author.name),
                handle=_clean(author.handle),
                role=author.role,
                age=author.age,
            ),
            tweet_id=_clean(record.tweet_id),
            lang=_clean(record.lang),
            retweet_of=_clean(record.retweet_of),
            quote_of=_clean(record.quote_of),
            hashtags=tuple(clean_text(t) for t in record.hashtags),
            mentions=tuple(clean_text(m) for m in record.mentions),
            links=tuple(clean_text(k) for k in record.links),
        )

    def report(self, problems: Problems) -> None:
        """One problem for each kind of change made, at the line of the first record changed."""
        if self.removed_in:
            problems.add(
                self.removed_line,
                f"removed control characters ({_shown(self.removed)}) from "
                f"{_records(self.removed_in)}, the first on this line",
            )
        if self.replaced_in:
            problems.add(
                self.replaced_line,
                f"replaced halves of characters ({_shown(self.replaced)}, lone surrogates) with "
                f"U+FFFD in {_records(self.replaced_in)}, the first on this line",
            )


def _clean(value: str | None) -> str | None:
    return clean_text(value) if value else value


def _shown(characters: dict[str, None]) -> str:
    names = [f"U+{ord(c):04X}" for c in list(characters)[:SHOWN_CHARACTERS]]
    return ", ".join(names) + (", ..." if len(characters) > SHOWN_CHARACTERS else "")


def _records(n: int) -> str:
    return "1 record" if n == 1 else f"{n} records"
