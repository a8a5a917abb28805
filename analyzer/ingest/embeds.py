"""Tweets embedded in article text: the body, then a signature ``— Display Name (@handle) July 2, 2018``.

The signature's dash may be an em dash, an en dash, a horizontal bar (Shift-JIS pages), an
HTML entity or a spaced hyphen, on the body's line or the next; a ``pic.twitter.com`` link may
stand before it; its date may be in any form and language (see signature_dates). The body
is found by walking back from the signature line by line (see :func:`find_embeds`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from analyzer.ingest.entities import RE_LINK
from analyzer.ingest.layout import Layout, Spans
from analyzer.ingest.prose import (
    RE_ENTITIES,
    is_header,
    is_introduction,
    is_quoted,
    is_reporting_prose,
)
from analyzer.ingest.signature_dates import DATE_PATTERN, read_signature_date
from analyzer.ingest.tweet_ids import RE_STATUS_URL

RE_SIGNATURE = re.compile(
    # A picture link may stand apart from its dash by a line break, or a blank line.
    r"(?:(?P<pic>(?:https?://)?pic\.twitter\.com/\w+)(?:[ \t]*\n){0,2}[ \t]*)?"
    r"(?:—|–|―|&mdash;|&ndash;|&#821[12];|--|(?<!\S)-(?=[ \t]))[ \t]*"
    # The name may hold emoji and punctuation, but not a dash: that would let one
    # signature's name swallow prose from an earlier dash on the same line. Display
    # names are at most 50 characters; emoji joined by modifiers count more here.
    r"(?P<name>(?:(?!--|[ \t]-[ \t])[^\n—–―]){0,80}?)[ \t]*"
    r"\(\s*@(?P<handle>\w{1,15})\s*\)[ \t]*"
    rf"(?P<date>{DATE_PATTERN})"
)
# How a sentence of a tweet ends; a heading ends without any of these.
RE_FINISHED = re.compile(r"[.!?…\"”»)\U0001F000-\U0001FAFF\u2600-\u27BF]\s*$")
# A line that is only a link (the tweet's address, repeated below it by some pages).
RE_ENTITY_LINE = re.compile(r"^\s*(?:https?://|pic\.twitter\.com/)\S*\s*$")
# A handle in brackets on a line is a signature's, read or not: a body never reaches past one.
RE_SIGNATURE_HANDLE = re.compile(r"\(\s*@\s*\w+\s*\)")
RE_PIC = re.compile(r"(?:https?://)?pic\.twitter\.com/\w+")
RE_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")
# A tweet's own text is at most 280 characters (links aside): more before a signature is
# the article's prose.
MAX_TWEET_CHARS = 280
# Captions over tweets open with the same words after this many signatures; their first
# words, this many, are compared.
MIN_CAPTIONS = 3
CAPTION_WORDS = 2
# Line breaks between a body's last line and its signature's dash: none (the same line) or one.
MAX_SIGNATURE_BREAKS = 1


@dataclass(frozen=True, slots=True)
class Embed:
    """One embedded tweet as found in the text; ``start`` is where its body begins.

    A signature with no text before it (the body lost in scraping, or the signature right
    after another) is still a tweet: ``text`` is empty and ``start`` is the signature's.
    A tweet whose signature was lost (two tweets run together, told apart by the first's
    ``pic.twitter.com`` link) has no handle: ``signed`` is False and ``signature`` is its start.
    """

    text: str
    start: int
    end: int
    signature: int  # where the signature (its picture link, or its dash) starts
    name: str
    handle: str | None
    day: date | None
    pic: str | None
    written_date: str = ""  # the signature's date as written, for a message when unread
    signed: bool = True


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offsets of the line's text, white space trimmed
    end: int
    breaks_after: (
        int  # line breaks between this line and what follows it (the next line, or the dash)
    )


def find_embeds(layout: Layout) -> list[Embed]:
    """Every embedded tweet in the document, in order.

    A tweet's body is the text before its signature on its line (or the line before), and
    the lines before that which belong to it: joined by a narrower gap than the article
    puts between paragraphs, or a wider one (tweets' own paragraphs on many pages), or,
    where the page spaces everything alike, by the usual gap when nothing but tweet lines
    stand between the previous signature (or a line introducing tweets) and this one. The
    body never takes a header line, a line introducing tweets, the article's reporting
    prose, or more than a tweet's 280 characters, nor reaches back past another signature.
    """
    text = layout.text
    matches = list(RE_SIGNATURE.finditer(text))
    regions: list[list[_Line]] = []
    previous_end = 0
    for m in matches:
        regions.append(_lines(text, previous_end, m.start()))
        previous_end = m.end()
    after_last = _lines(text, previous_end, len(text))
    usual, wide_page = _spacing(text, regions, inside=Spans((m.start(), m.end()) for m in matches))
    captions = _captions(text, regions)
    embeds: list[Embed] = []
    previous_end = 0
    for m, lines in zip(matches, regions, strict=True):
        body = _body(
            text, lines, usual=usual, wide_page=wide_page, bounded_above=previous_end > 0,
            captions=captions,
        )  # fmt: skip
        found = _split_unsigned(text, body, m)
        if embeds and not found[0].signed and _continues(text, embeds[-1], found[0]):
            embeds[-1] = _joined_embeds(embeds[-1], found.pop(0))
        if embeds and embeds[-1].signed:
            body_start = found[0].start if found[0].text else m.start()
            embeds[-1] = _with_trailing_lines(text, embeds[-1], lines, before=body_start)
        embeds.extend(found)
        previous_end = m.end()
    if embeds and embeds[-1].signed:
        embeds[-1] = _with_trailing_lines(text, embeds[-1], after_last, before=len(text))
    return embeds


def _continues(text: str, signed: Embed, unsigned: Embed) -> bool:
    """Whether a tweet's last lines were scraped after its signature, which stands on a line
    of its own: the line right after that signature, ending in the tweet's picture link."""
    line_start = text.rfind("\n", 0, signed.signature) + 1
    own_line = not text[line_start : signed.signature].strip()
    between = text[signed.end : unsigned.start]
    return own_line and signed.pic is None and not between.strip() and between.count("\n") == 1


def _with_trailing_lines(text: str, signed: Embed, lines: list[_Line], *, before: int) -> Embed:
    """A tweet with the lines scraped after its signature: tweet lines that follow it on the
    next line and end where the article's reporting prose resumes (before ``before``, where
    the next tweet's body starts)."""
    trailing = []
    for line in lines:
        if line.start >= before:
            return signed
        words = text[line.start : line.end]
        if is_reporting_prose(words):
            break
        if (
            is_header(words)
            or is_introduction(words)
            or is_quoted(words)
            or RE_ENTITY_LINE.match(words)
            or not RE_FINISHED.search(words)  # a heading, not a tweet's sentence
        ):
            return signed
        trailing.append(line)
    else:
        return signed  # no prose after them: they are the next tweet's, or the page's end
    if not trailing or text.count("\n", signed.end, trailing[0].start) != 1:
        return signed
    if trailing[-1].breaks_after > 1 or any(line.breaks_after != 1 for line in trailing[:-1]):
        return signed
    words = "\n".join(text[line.start : line.end] for line in trailing)
    if own_length(signed.text + words) > MAX_TWEET_CHARS:
        return signed
    return _joined_embeds(
        signed, Embed(words, trailing[0].start, trailing[-1].end, 0, "", None, None, signed.pic)
    )


def _joined_embeds(signed: Embed, rest: Embed) -> Embed:
    words = f"{signed.text}\n{rest.text}" if signed.text else rest.text
    return Embed(
        words, signed.start, rest.end, signed.signature, signed.name, signed.handle,
        signed.day, rest.pic, signed.written_date,
    )  # fmt: skip


def own_length(body: str) -> int:
    """A tweet's length as Twitter counts it for its limit, roughly: links aside."""
    return len(RE_LINK.sub("", body).strip())


def _lines(text: str, start: int, end: int) -> list[_Line]:
    lines: list[_Line] = []
    cursor = start
    while cursor < end:
        newline = text.find("\n", cursor, end)
        stop = end if newline == -1 else newline
        raw = text[cursor:stop]
        if raw.strip():
            first = cursor + len(raw) - len(raw.lstrip())
            lines.append(_Line(first, cursor + len(raw.rstrip()), 0))
        cursor = stop + 1 if newline != -1 else end
    # Line breaks after each line, up to the next (or the end of the region).
    with_breaks = []
    for i, line in enumerate(lines):
        until = lines[i + 1].start if i + 1 < len(lines) else end
        with_breaks.append(_Line(line.start, line.end, text.count("\n", line.end, until)))
    return with_breaks


def _spacing(text: str, regions: list[list[_Line]], *, inside: Spans) -> tuple[int, bool]:
    """The page's usual gap between lines (in line breaks), and whether tweets' paragraphs
    are set apart by wider ones somewhere (then the usual gap always ends a tweet)."""
    # Over the whole page: between signatures, tweets' own gaps may outnumber the prose's.
    # The break some pages put before a signature's dash is not a gap between paragraphs.
    lead = len(text) - len(text.lstrip())
    gaps = Counter(
        m[0].count("\n")
        for m in RE_GAPS.finditer(text.strip())
        if m.end() + lead not in inside and m.start() + lead not in inside
    )
    usual = min(gaps, key=lambda g: (-gaps[g], g)) if gaps else 2
    wide = any(
        line.breaks_after > usual
        and not is_header(text[line.start : line.end])
        and not is_introduction(text[line.start : line.end])
        for lines in regions
        for line in lines[:-1]
    )
    return usual, wide


RE_GAPS = re.compile(r"\n(?:[ \t]*\n)*")


def _body(
    text: str,
    lines: list[_Line],
    *,
    usual: int,
    wide_page: bool,
    bounded_above: bool,
    captions: frozenset[str],
) -> list[tuple[int, int, int]]:
    """The lines of a tweet's body as (start, end, line breaks after), first to last."""
    if not lines or lines[-1].breaks_after > MAX_SIGNATURE_BREAKS:
        return []
    last = lines[-1]
    start = _within_limit(text, last.start, last.end)
    committed = [(start, last.end, 0)]
    tentative: list[tuple[int, int, int]] = []
    length = own_length(text[start : last.end])
    bounded = bounded_above
    for line in reversed(lines[:-1]):
        words = text[line.start : line.end]
        if is_header(words):
            bounded = False  # the page's start: what follows may be its first paragraphs
            break
        if (
            is_introduction(words)
            or is_quoted(words)
            or _caption_key(words) in captions
            or RE_SIGNATURE_HANDLE.search(words)
            or RE_STATUS_URL.search(words)  # the article links a tweet: its own line
        ):
            bounded = True
            break
        gap = line.breaks_after
        joins = gap > usual or (gap < usual and not is_reporting_prose(words))
        if not tentative and (gap != usual or wide_page) and not joins:
            break  # prose in the tweet's paragraph, or the usual gap on a page with wider ones
        if (tentative or not joins) and is_reporting_prose(words):
            bounded = True  # the article's prose ends the lines held back
            break
        length += own_length(words)
        if length > MAX_TWEET_CHARS:
            bounded = False
            break
        if joins and not tentative:
            committed.insert(0, (line.start, line.end, gap))
        else:
            tentative.insert(0, (line.start, line.end, gap))
    return tentative + committed if bounded else committed


def _captions(text: str, regions: list[list[_Line]]) -> frozenset[str]:
    """How the page's captions begin: the first words that open the text after MIN_CAPTIONS
    or more signatures ("Celui qui ...", "The one who ..."), each over a tweet of its own."""
    firsts = [text[lines[0].start : lines[0].end] for lines in regions[1:] if len(lines) > 1]
    # A caption is a bare phrase: a first line with a tweet's marks or a sentence's end is
    # the tweet's own ("What a game!" and "What a goal!" are not captions).
    keys = Counter(
        _caption_key(line)
        for line in firsts
        if not RE_ENTITIES.search(line) and not line.rstrip().endswith((".", "!", "?", "…"))
    )
    return frozenset(key for key, n in keys.items() if n >= MIN_CAPTIONS and key)


def _caption_key(line: str) -> str:
    words = line.split()[:CAPTION_WORDS]
    return " ".join(words).lower() if len(words) == CAPTION_WORDS else ""


def _within_limit(text: str, start: int, end: int) -> int:
    """Where a line's tweet text starts: past leading sentences beyond the 280-character limit."""
    while own_length(text[start:end]) > MAX_TWEET_CHARS:
        m = RE_SENTENCE_BREAK.search(text, start, end)
        if m is None:
            break
        start = m.end()
    return start


def _joined(text: str, pieces: list[tuple[int, int, int]]) -> str:
    out = []
    for i, (start, end, _) in enumerate(pieces):
        if i:
            out.append("\n" if pieces[i - 1][2] <= 1 else "\n\n")
        out.append(text[start:end])
    return "".join(out)


def _split_unsigned(text: str, pieces: list[tuple[int, int, int]], m: re.Match[str]) -> list[Embed]:
    """This signature's tweet, after any tweets run into its body that lost their signatures.

    A ``pic.twitter.com`` link is the last thing in a tweet: text after one is another tweet.
    """
    written = m["date"]
    signed = Embed(
        text="",
        start=m.start(),
        end=m.end(),
        signature=m.start(),
        name=m["name"].strip(),
        handle=m["handle"],
        day=read_signature_date(written),
        pic=m["pic"],
        written_date=written.strip(),
    )
    if not pieces:
        return [signed]
    body_start, body_end = pieces[0][0], pieces[-1][1]
    cuts = [
        p for p in RE_PIC.finditer(text, body_start, body_end) if text[p.end() : body_end].strip()
    ]
    embeds = []
    cursor = body_start
    for pic in cuts:
        part = [
            (max(s, cursor), min(e, pic.start()), g)
            for s, e, g in pieces
            if e > cursor and s < pic.start()
        ]
        words = _joined(text, part).strip()
        if words:
            first = next(s for s, e, _ in part if text[s:e].strip())
            embeds.append(Embed(words, first, pic.end(), first, "", None, None, pic[0], "", False))
        cursor = pic.end()
    rest = [(max(s, cursor), e, g) for s, e, g in pieces if e > cursor]
    rest = [(s + _leading_space(text[s:e]), e, g) for s, e, g in rest if text[s:e].strip()]
    words = _joined(text, rest)
    if not words:
        return [*embeds, signed]
    return [
        *embeds,
        Embed(
            words, rest[0][0], m.end(), m.start(), signed.name, signed.handle, signed.day,
            signed.pic, signed.written_date,
        ),
    ]  # fmt: skip


def _leading_space(s: str) -> int:
    return len(s) - len(s.lstrip())
