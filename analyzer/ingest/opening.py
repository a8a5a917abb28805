"""Opening a file as text: its first bytes checked (empty, binary, which encoding), then the whole file decoded, its bytes hashed as they are read."""

from __future__ import annotations

import codecs
import hashlib
import io
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

import orjson

from analyzer.ingest.base import Problems, UnusableFile
from analyzer.ingest.decoding import (
    FALLBACK,
    FALLBACK_ERRORS,
    binary_kind,
    display_name,
    encoding_note,
    fallback_errors,
    first_error,
    text_encoding,
)
from analyzer.ingest.formats import (
    MAX_ARTICLE_BYTES,
    TWEET_JSON,
    Format,
    detect,
    detect_stream,
    first_line_cut,
    too_big_for_article,
)
from analyzer.ingest.walk import FILE_TYPES
from analyzer.records import Record

# Characters looked at to recognise a file's format.
SNIFF_CHARS = 65536
# Bytes read first: enough for SNIFF_CHARS characters in any encoding (UTF-8 takes up to four
# bytes a character). A file no longer than this (most articles) is opened and read once.
HEAD_BYTES = SNIFF_CHARS * 4
# Bytes read at a time when a larger file's encoding is checked, before it is read.
CHECK_CHUNK_BYTES = 1 << 20


def open_bytes(path: Path) -> BinaryIO:
    """Every input file is opened here (tests replace it to fail as an unreadable file would)."""
    return path.open("rb")


class Unusable(Exception):
    """A file is skipped; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class Head:
    """A file's first bytes and what they say: its encoding, and the text to recognise it by."""

    data: bytes  # the first HEAD_BYTES bytes, or the whole file when ``complete``
    complete: bool
    size: int
    codec: str
    text: str  # the first SNIFF_CHARS characters


class HashingReader(io.RawIOBase):
    """A file's bytes as read, hashed on the way (summary.json names each input by its hash).

    Going back to the start starts the hash again; :meth:`digest` reads what is left, so
    the hash is always of the whole file as this run read it.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._hash = hashlib.sha256()
        self.count = 0  # bytes read so far, for progress within a large file

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if n:
            self._hash.update(memoryview(buffer)[:n])
            self.count += n
        return int(n or 0)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (offset, whence) != (0, io.SEEK_SET):
            raise io.UnsupportedOperation("a hashed input goes back only to its start")
        self._hash = hashlib.sha256()
        self.count = 0
        return self._raw.seek(0)

    def tell(self) -> int:
        return self._raw.tell()

    def digest(self) -> str:
        while chunk := self._raw.read(CHECK_CHUNK_BYTES):  # what the reader left unread
            self._hash.update(chunk)
        return self._hash.hexdigest()

    def close(self) -> None:
        self._raw.close()
        super().close()


def read_head(path: Path, *, forced: str | None) -> Head:
    """The head of a text file; files that are empty, binary or not files at all are unusable."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the reader for ever
        what = FILE_TYPES.get(stat.S_IFMT(info.st_mode), "a special file")
        raise Unusable(f"not a regular file ({what})")
    with open_bytes(path) as raw:
        data = raw.read(HEAD_BYTES)
        complete = len(data) < HEAD_BYTES or not raw.read(1)
    if not data:
        raise Unusable("empty file")
    if kind := binary_kind(data):
        raise Unusable(f"binary file ({kind})")
    codec = text_encoding(data, forced=forced)
    if codec is None:
        raise Unusable("binary file, not text")
    decoder = codecs.getincrementaldecoder(codec)(lenient(codec, forced=forced))
    text = decoder.decode(data, final=complete)[:SNIFF_CHARS]
    if complete and not text.replace("\ufeff", "").strip():
        raise Unusable("empty file (only white space)")
    return Head(data, complete, info.st_size, codec, text)


def open_text(path: Path, head: Head, *, forced: str | None, problems: Problems) -> TextIO:
    """The file as text, its encoding checked first; bytes that do not decode are a problem."""
    if head.complete:
        error = first_error([head.data], head.codec)
    else:
        with open_bytes(path) as raw:
            error = first_error(iter(lambda: raw.read(CHECK_CHUNK_BYTES), b""), head.codec)
    errors = "strict"
    if note := encoding_note(head.codec, forced=forced):
        problems.note(note)
    if error is not None:
        errors = lenient(head.codec, forced=forced)
        name = display_name(head.codec)
        where = f"first at byte {error.byte}: {error.shown()}"
        if errors == FALLBACK_ERRORS:
            problems.add(
                error.line,
                f"not {name} ({where}): read as {FALLBACK} where it is not; "
                "if the text looks wrong, give the file's encoding with --encoding",
            )
        else:
            problems.add(
                error.line,
                f"not {name} ({where}): bytes that do not decode are read as U+FFFD; "
                "if the text looks wrong, give the file's encoding with --encoding",
            )
    if head.complete:
        text = head.data.decode(head.codec, errors)
        return io.StringIO(text.removeprefix("\ufeff"), newline="")
    hashed = io.BufferedReader(HashingReader(open_bytes(path)))
    stream = io.TextIOWrapper(hashed, encoding=head.codec, errors=errors, newline="")
    if stream.read(1) != "\ufeff":  # a mark the codec does not drop (a forced "utf-16-le")
        stream.seek(0)
    return stream


def hashing_reader(stream: TextIO) -> HashingReader | None:
    """The reader under a large file's text stream (None for a file read whole at once)."""
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    return raw if isinstance(raw, HashingReader) else None


def digest_of(stream: TextIO, head: Head) -> str | None:
    """The SHA-256 of the file's bytes as they were read, once the reader is done with it
    (None when the file could not be read to its end)."""
    if head.complete:
        return hashlib.sha256(head.data).hexdigest()
    raw = stream.buffer.raw  # type: ignore[attr-defined]
    assert isinstance(raw, HashingReader), "open_text reads larger files through the hash"
    try:
        return raw.digest()
    except OSError:
        return None


def in_lines(fmt: Format, head: Head) -> bool:
    """Whether a file is a tweet export with one JSON value a line, which can be read in blocks."""
    if fmt.name not in TWEET_JSON:
        return False
    first, newline, _ = head.text.lstrip("\ufeff \t\r\n").partition("\n")
    if not newline or not first.startswith("{"):
        return False  # one line, a JSON array, or a pretty-printed document
    try:
        return isinstance(orjson.loads(first), dict)
    except orjson.JSONDecodeError:
        return False


def format_of(head: Head, stream: TextIO, relative: str) -> Format:
    """The file's format; an article too big to read whole is unusable."""
    fmt = detect(head.text, path=relative)
    seen_whole = head.complete and len(head.text) < SNIFF_CHARS
    if fmt.name not in TWEET_JSON and first_line_cut(head.text) and not seen_whole:
        # A first line longer than the head (one huge value, or junk) hides what the file
        # holds: recognise it by its first values, read from the stream, then start again.
        fmt = detect_stream(stream, path=relative) or fmt
        stream.seek(0)
    if fmt.document and head.size > MAX_ARTICLE_BYTES:
        raise UnusableFile(too_big_for_article(head.size))
    return fmt


def guarded(
    read: Callable[[], Iterator[Record]], codec: str, problems: Problems
) -> Iterator[Record]:
    """A reader's records; a failure midway is a problem of the file, and the records before it
    are kept (raised inside a batch, it would take the batch's records with it)."""
    try:
        yield from read()
    except UnusableFile:
        raise
    except UnicodeDecodeError:  # the file changed after its encoding was checked
        problems.add(None, f"{changed(codec)}; the rest of the file is skipped")
    except OSError as exc:
        problems.add(
            None, f"reading stopped ({exc.strerror or exc}); the rest of the file is skipped"
        )
    except Exception as exc:  # a reader's bug stops this file, not the whole run
        problems.add(
            None,
            f"reading stopped by an error in the reader ({type(exc).__name__}: {exc}); "
            "the rest of the file is skipped: please report this",
        )


def changed(codec: str) -> str:
    return (
        f"not {display_name(codec)} text from some point on (did the file change as it was read?)"
    )


def lenient(codec: str, *, forced: str | None) -> str:
    """How bytes that do not decode are read: as cp1252 in detected UTF-8, else as U+FFFD."""
    if forced is None and codec in ("utf-8", "utf-8-sig"):
        return fallback_errors()
    return "replace"


def sniff(path: Path) -> str:
    """The first characters of a text file, as format detection sees them."""
    return read_head(path, forced=None).text
