"""JSON in text streams: one value at a time with its line and offset, in bounded memory."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

import orjson

from analyzer.ingest.base import MAX_PROBLEMS_KEPT, Problems
from analyzer.records import Record, Source

# The one place JSON text becomes Python values. ``loads`` reads a whole line (JSON Lines,
# the common case) with orjson, several times faster than the standard library; a line it
# refuses (NaN, an integer past 64 bits, a lone surrogate) falls through to ``raw_decode``,
# the standard library's, which also reads values that share their text with others
# (arrays, pretty-printed documents). So every value reads as the standard library reads it.
loads = orjson.loads
raw_decode = json.JSONDecoder().raw_decode

# Characters read at a time. The buffer holds one chunk plus the value being read.
CHUNK_CHARS = 1 << 20
# One value (a tweet, a page's includes) larger than this is skipped, so a file that is one
# unterminated string cannot fill memory: no more than this and a chunk is ever held for it.
MAX_VALUE_CHARS = 64 << 20
# Elements of a streamed member (a v2 page's "data") are held until the member that must come
# first ("includes") has been read, as long as they take no more text than this; past it the
# stream is read on to that member and then again from the elements (pages are far smaller:
# 100 tweets are some 300 KB).
HOLD_CHARS = 4 << 20

# How a problem message ends when the file stops inside a value.
CUT_SHORT = "(cut short?)"

RE_SPACE = re.compile(r"[ \t\r\n]*")
# What a value cut by the end of the text read so far can end with: part of a number or of a
# literal, or nothing (a cut string the decoder tells by itself).
RE_CUT_TOKEN = re.compile(
    r"-?[0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]*)?|t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?"
)
# ... or part of a \uXXXX escape, which the decoder reports from its "u". A whole escape counts:
# the decoder wants a character after it (to look for a surrogate's pair) before it decodes it.
RE_CUT_ESCAPE = re.compile(r"u[0-9a-fA-F]{0,4}")
RE_FIRST_KEY = re.compile(r'\{[ \t\r\n]*"(\w{1,40})"[ \t\r\n]*:')
# Where to pick up after a broken value: at the start of a line that opens an object or array
# (every value of a JSON Lines file, every top-level value of a pretty-printed one) ...
RE_NEXT_TOP = re.compile(r"\n(?=[{\[])")
# ... and inside an array, at the next element of objects.
RE_NEXT_ELEMENT = re.compile(r"\}[ \t\r\n]*,[ \t\r\n]*(?=\{)")


@dataclass(frozen=True, slots=True)
class JsonItem:
    """One JSON value read from a stream, and where its text starts.

    ``document`` numbers the units of the file: each top-level value, each element of a
    top-level array, and each walked object, whose parts all share its number. ``member``
    is set for the parts of a walked object: the member's value, or with ``element`` one
    element of the streamed member's array.
    """

    line: int
    offset: int
    value: Any
    document: int
    member: str | None = None
    element: bool = False


def iter_json(
    stream: TextIO,
    *,
    problems: Problems,
    split: frozenset[str] = frozenset(),
    before: str | None = None,
    envelope: frozenset[str] = frozenset(),
) -> Iterator[JsonItem]:
    """Every JSON value in ``stream``: JSON Lines, a JSON array, or concatenated documents.

    Arrays at the top level are streamed element by element. An object whose first member
    is one of ``split``, ``before`` or ``envelope`` (an API response page) is walked member
    by member, the arrays of ``split`` element by element, and ``before`` is always
    delivered before those elements. Whatever cannot be read is reported to ``problems``
    with its line and skipped; reading goes on at the next line that opens an object or
    array. Memory holds one chunk and one value, and at most HOLD_CHARS of held elements.
    """
    cursor = _Cursor(stream)
    walk = envelope | split | ({before} if before else set())
    document = 0
    while c := cursor.skip_space():
        line, offset = cursor.line(), cursor.offset()
        if c == "[":
            for element in _array(cursor, problems):
                yield JsonItem(element.line, element.offset, element.value, document)
                document += 1
            continue
        if c == "{" and walk and cursor.first_key() in walk:
            yield from _walk(cursor, problems, document, split=split, before=before)
            document += 1
            continue
        try:
            value = cursor.value(whole_line=True)
        except _Invalid as exc:
            _skip_broken(cursor, problems, line, f"not JSON ({exc})")
            continue
        except _TooBig:
            _skip_broken(cursor, problems, line, too_big())
            continue
        except _Truncated:
            cursor.report_cut(problems, line, f"the file ends inside this JSON value {CUT_SHORT}")
            return
        yield JsonItem(line, offset, value, document)
        document += 1


class NotPlainLines(Exception):
    """A line of the text is not one whole JSON object: read the text with iter_json."""


def json_lines(
    text: str, *, walk: frozenset[str] = frozenset()
) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """Each line's object with its line and offset, for text where every line is one whole object.

    The short way through plain JSON Lines (a block of them, see ``ingest.blocks``): what
    :func:`iter_json` gives for such text, without its cursor. Raises NotPlainLines at the
    first line that is anything else, blank lines aside: not JSON, not an object, an
    object ``iter_json`` would walk (its first key in ``walk``), a value starting after
    spaces or over MAX_VALUE_CHARS. The caller then reads the text again with
    ``iter_json``, which reports what such a line is. One object is held at a time.
    """
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        start = offset
        offset += len(line) + 1
        if not line.startswith("{"):
            if line.strip(" \t\r"):  # iter_json passes over these spaces, and only these
                raise NotPlainLines
            continue
        if len(line) > MAX_VALUE_CHARS:
            raise NotPlainLines
        try:
            value = loads(line)
        except (ValueError, RecursionError):
            raise NotPlainLines from None
        if not isinstance(value, dict) or (walk and value and next(iter(value)) in walk):
            raise NotPlainLines
        yield number, start, value


def records_of_lines(
    text: str,
    *,
    path: str,
    is_record: Callable[[dict[str, Any]], bool],
    record_of: Callable[[dict[str, Any], Source], Record],
    walk: frozenset[str] = frozenset(),
) -> list[Record] | None:
    """A reader's records of whole lines, one object per line, read the short way.

    What the format's streaming reader gives for such text; None when a line is anything
    else (not JSON, not an object ``is_record`` takes), to leave the text to that reader.
    """
    records = []
    try:
        for position, (line, offset, value) in enumerate(json_lines(text, walk=walk)):
            if not is_record(value):
                return None
            records.append(record_of(value, Source(path, line, offset, position)))
    except NotPlainLines:
        return None
    return records


def too_big() -> str:
    return f"a JSON value over {MAX_VALUE_CHARS:,} characters, the most one may have"


def describe(value: Any) -> str:
    """What a JSON value is, in a few words for a problem message."""
    if isinstance(value, dict):
        keys = list(value)
        shown = ", ".join(str(k) for k in keys[:6]) + (", ..." if len(keys) > 6 else "")
        return f"a JSON object with keys {shown}" if keys else "an empty JSON object"
    names = {list: "a JSON array", str: "a JSON string", bool: "a JSON boolean"}
    return names.get(type(value), "a JSON number" if value is not None else "JSON null")


class _Invalid(Exception):
    """The text is not JSON; the message is the decoder's reason."""


class _Truncated(Exception):
    """The file ends inside the value."""


class _TooBig(Exception):
    """The value goes on past MAX_VALUE_CHARS."""


@dataclass(frozen=True, slots=True)
class _Mark:
    """A place in a seekable stream to come back to."""

    cookie: int
    chunk_start: int  # file offset where the chunk read from ``cookie`` starts
    offset: int
    line: int


class _Cursor:
    """A window on a text stream: decodes values at ``pos`` and knows their line and offset.

    ``pos`` only moves forward (except by ``restore``), so lines are counted once, lazily.
    Text before ``pos`` is dropped whenever more is read.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.cut_reported = False
        self._start = 0  # file offset of buf[0]
        self._line_pos = 0  # lines are counted up to this index of buf
        self._line = 1  # the line at _line_pos
        self._chunks: list[tuple[int, int]] = []  # (file offset, stream cookie) of chunks read
        try:
            self._seekable = stream.seekable()
            stream.tell()
        except (OSError, ValueError):
            self._seekable = False

    def offset(self) -> int:
        return self._start + self.pos

    def line(self) -> int:
        if self.pos > self._line_pos:
            self._line += self.buf.count("\n", self._line_pos, self.pos)
            self._line_pos = self.pos
        return self._line

    def fill(self, want: int = 0) -> bool:
        """Read at least ``want`` more characters (and a chunk) if there are any; False at the end."""
        if self.eof:
            return False
        if self.pos:
            self.line()
            self.buf = self.buf[self.pos :]
            self._start += self.pos
            self._line_pos -= self.pos
            self.pos = 0
            keep = max(i for i, (start, _) in enumerate(self._chunks) if start <= self._start)
            del self._chunks[:keep]
        cookie = self.stream.tell() if self._seekable else 0
        chunk = self.stream.read(max(want, CHUNK_CHARS))
        if not chunk:
            self.eof = True
            return False
        self._chunks.append((self._start + len(self.buf), cookie))
        self.buf += chunk
        return True

    def skip_space(self) -> str:
        """Move past whitespace; the next character, or "" at the end of the stream."""
        while True:
            if m := RE_SPACE.match(self.buf, self.pos):
                self.pos = m.end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return ""

    def first_key(self) -> str | None:
        """The name of the first member of the object at ``pos``, when it comes early."""
        while (m := RE_FIRST_KEY.match(self.buf, self.pos)) is None:
            if len(self.buf) - self.pos > 256 or not self.fill(256):
                return None
        return m[1]

    def value(self, *, whole_line: bool) -> Any:
        """Decode the value at ``pos`` and move past it; with ``whole_line`` try its line first."""
        while True:
            buf, pos = self.buf, self.pos
            if whole_line and (end := buf.find("\n", pos)) != -1:
                if end - pos > MAX_VALUE_CHARS:
                    raise _TooBig
                try:
                    value = loads(buf[pos:end])
                except (ValueError, RecursionError):
                    pass  # not alone on its line, or broken: the decoder below tells which
                else:
                    if self._line_pos == pos:  # one line consumed: no need to count it
                        self._line, self._line_pos = self._line + 1, end + 1
                    self.pos = end + 1
                    return value
            try:
                value, end = raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if not _cut_by_end(exc):
                    raise _Invalid(_reason(exc)) from None
                held = len(buf) - pos
                if held > MAX_VALUE_CHARS:
                    raise _TooBig from None
                # Read as much again (few decodes of a long value), never past the limit.
                if self.fill(min(held, MAX_VALUE_CHARS + 1 - held)):
                    continue
                raise _Truncated from None
            except RecursionError:  # [[[[... deeper than Python's stack
                raise _Invalid("nested too deeply to read") from None
            if end - pos > MAX_VALUE_CHARS:
                raise _TooBig
            if end == len(buf) and self.fill():  # a number may go on in the next chunk
                continue
            self.pos = end
            return value

    def key(self) -> str:
        """Read a member's name and its colon."""
        if self.skip_space() != '"':
            raise _Invalid("Expecting property name enclosed in double quotes")
        name = self.value(whole_line=False)
        if self.skip_space() != ":":
            raise _Invalid("Expecting ':' delimiter")
        self.pos += 1
        return str(name)

    def skip_past(self, pattern: re.Pattern[str], *, tail: int = 1) -> bool:
        """Move to the end of the next match of ``pattern``; False (at the end) if there is none.

        The last ``tail`` characters are kept when more is read, so a match cut by a chunk
        boundary is still found.
        """
        while (m := pattern.search(self.buf, self.pos)) is None:
            self.pos = max(self.pos, len(self.buf) - tail)
            if not self.fill():
                self.pos = len(self.buf)
                return False
        self.pos = m.end()
        return True

    def last_line(self) -> int:
        """The line of the last character before ``pos``."""
        line = self.line()
        return line - 1 if self.pos and self.buf[self.pos - 1] == "\n" else line

    def report_cut(self, problems: Problems | None, line: int, message: str) -> None:
        # A truncated file is reported once, by whichever value the end cut.
        if problems is not None and not self.cut_reported:
            problems.add(line, message)
        self.cut_reported = True

    def mark(self) -> _Mark | None:
        if not self._seekable:
            return None
        offset = self.offset()
        start, cookie = next((s, c) for s, c in reversed(self._chunks) if s <= offset)
        return _Mark(cookie, start, offset, self.line())

    def restore(self, mark: _Mark) -> None:
        self.stream.seek(mark.cookie)
        self.buf, self.pos, self.eof, self._chunks = "", 0, False, []
        self._start = mark.chunk_start
        while len(self.buf) <= mark.offset - mark.chunk_start and self.fill():
            pass
        self.pos = self._line_pos = mark.offset - mark.chunk_start
        self._line = mark.line


def _cut_by_end(exc: json.JSONDecodeError) -> bool:
    """Whether a decode error may only mean that the text stops too soon."""
    if exc.msg.startswith("Unterminated string"):
        return True  # in strict mode a string can end no other way
    if exc.msg.startswith("Invalid \\uXXXX escape"):
        return RE_CUT_ESCAPE.fullmatch(exc.doc, exc.pos) is not None
    return RE_CUT_TOKEN.fullmatch(exc.doc, exc.pos) is not None


def _reason(exc: json.JSONDecodeError) -> str:
    """The decoder's complaint and its column in the line: "Expecting value at column 1"."""
    column = exc.pos - exc.doc.rfind("\n", 0, exc.pos)
    return f"{exc.msg.removesuffix(' at')} at column {column}"


def _skip_broken(cursor: _Cursor, problems: Problems | None, line: int, reason: str) -> None:
    """Report a broken value and go on at the next line that opens an object or array."""
    cursor.skip_past(RE_NEXT_TOP)
    last = cursor.last_line()
    if problems is not None:
        problems.add(
            line, f"{reason}; " + (f"lines {line}-{last} skipped" if last > line else "skipped")
        )


def _array(cursor: _Cursor, problems: Problems | None) -> Iterator[JsonItem]:
    """The elements of the array at ``pos``, one at a time (``document`` is left 0)."""
    array_line = cursor.line()
    cursor.pos += 1
    c = cursor.skip_space()
    if c == "]":
        cursor.pos += 1
        return
    while True:
        if not c:
            cursor.report_cut(
                problems, array_line, f"the file ends inside this JSON array {CUT_SHORT}"
            )
            return
        line, offset = cursor.line(), cursor.offset()
        try:
            value = cursor.value(whole_line=False)
        except (_Invalid, _TooBig) as exc:
            found = cursor.skip_past(RE_NEXT_ELEMENT, tail=256)
            last = cursor.last_line()  # without a next element, the rest of the file is skipped
            if problems is not None:
                what = (
                    f"an array element that is not JSON ({exc})"
                    if isinstance(exc, _Invalid)
                    else f"an array element over {MAX_VALUE_CHARS:,} characters"
                )
                problems.add(
                    line,
                    f"{what}; " + (f"lines {line}-{last} skipped" if last > line else "skipped"),
                )
            if not found:
                return
            c = cursor.skip_space()
            continue
        except _Truncated:
            cursor.report_cut(problems, line, f"the file ends inside this JSON value {CUT_SHORT}")
            cursor.pos = len(cursor.buf)  # the rest of the file is that value
            return
        yield JsonItem(line, offset, value, 0)
        c = cursor.skip_space()
        if c == ",":
            cursor.pos += 1
            c = cursor.skip_space()
            if c == "]":  # a trailing comma: not JSON, but nothing is lost
                cursor.pos += 1
                return
        elif c == "]":
            cursor.pos += 1
            return
        elif c:
            if problems is not None:
                problems.add(
                    cursor.line(),
                    f"expected ',' or ']' after the array element of line {line}, found {c!r}",
                )
            if not cursor.skip_past(RE_NEXT_ELEMENT, tail=256):
                return
            c = cursor.skip_space()


def _walk(
    cursor: _Cursor,
    problems: Problems,
    document: int,
    *,
    split: frozenset[str],
    before: str | None,
) -> Iterator[JsonItem]:
    """The members of the object at ``pos``, ``split``'s arrays element by element.

    When ``before`` comes after such an array, the array's elements are held until it has
    been read; if they are too many to hold, the array is skipped and read again once
    ``before`` is out (so a document of a million tweets is read twice, in bounded memory).
    """
    line = cursor.line()
    cursor.pos += 1
    seen: set[str] = set()
    held: list[JsonItem] = []  # split's elements while ``before`` has not been read
    quiet = Problems(problems.path)  # problems met while holding, reported if the hold is kept
    deferred: tuple[_Mark, str] | None = None  # where an array of split starts, to come back to
    cut, broken = False, ""
    try:
        for key, member_line, member_offset in _members(cursor):
            if key in split and key not in seen and cursor.skip_space() == "[":
                seen.add(key)
                if before is None or before in seen:
                    for item in _array(cursor, problems):
                        yield JsonItem(item.line, item.offset, item.value, document, key, True)
                    continue
                mark, array_offset = cursor.mark(), cursor.offset()
                passing = False  # too many to hold, in a stream that cannot go back
                for item in _array(cursor, quiet):
                    if deferred is not None:
                        continue
                    element = JsonItem(item.line, item.offset, item.value, document, key, True)
                    if passing:
                        yield element
                        continue
                    held.append(element)
                    if cursor.offset() - array_offset <= HOLD_CHARS:
                        continue
                    if mark is not None:
                        # Read on to ``before``, then come back to the array. What its
                        # first pass reports is dropped with ``quiet``.
                        held, deferred, quiet = [], (mark, key), Problems(problems.path)
                    else:
                        # Memory stays bounded: the elements go on without ``before``.
                        yield from held
                        held, passing = [], True
                continue
            value = cursor.value(whole_line=False)
            seen.add(key)
            item = JsonItem(member_line, member_offset, value, document, key)
            if key in split and before is not None and before not in seen:
                held.append(item)  # a page of one tweet ({"data": {...}}) waits as well
                continue
            yield item
            if key == before:
                yield from held
                held = []
    except _Truncated:
        cut = True
    except _Invalid as exc:
        broken = f"not JSON ({exc})"
    except _TooBig:
        broken = too_big()
    _merge(problems, quiet)
    yield from held  # ``before`` never came: the elements go without it
    if deferred is not None:
        end = cursor.mark()
        cursor.restore(deferred[0])
        cursor.cut_reported = False  # the first pass reported nothing
        for item in _array(cursor, problems):
            yield JsonItem(item.line, item.offset, item.value, document, deferred[1], True)
        if end is not None:
            cursor.restore(end)
    if cut:
        cursor.report_cut(problems, line, f"the file ends inside this JSON object {CUT_SHORT}")
    elif broken:
        _skip_broken(cursor, problems, cursor.line(), broken)


def _members(cursor: _Cursor) -> Iterator[tuple[str, int, int]]:
    """The names of an object's members, leaving ``pos`` at each one's value in turn.

    The caller must read or skip each value before asking for the next name.
    """
    c = cursor.skip_space()
    if c == "}":
        cursor.pos += 1
        return
    while True:
        if not c:
            raise _Truncated
        key = cursor.key()
        if not cursor.skip_space():
            raise _Truncated
        yield key, cursor.line(), cursor.offset()
        c = cursor.skip_space()
        if c == ",":
            cursor.pos += 1
            c = cursor.skip_space()
        elif c == "}":
            cursor.pos += 1
            return
        elif not c:
            raise _Truncated
        else:
            raise _Invalid(f"Expecting ',' delimiter, found {c!r}")


def _merge(problems: Problems, extra: Problems) -> None:
    for problem in extra.kept:
        if len(problems.kept) < MAX_PROBLEMS_KEPT:
            problems.kept.append(problem)
    problems.count += extra.count
    extra.kept.clear()
    extra.count = 0
