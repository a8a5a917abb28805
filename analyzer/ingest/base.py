"""What every reader shares: the options a user can set, and how a file's problems are reported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from typing import Protocol, TextIO

from analyzer.errors import InputError
from analyzer.ingest.decoding import check_encoding
from analyzer.records import Record

# Problems kept per file in full; beyond this only their number is kept, so a file of a
# million broken lines cannot fill memory with messages.
MAX_PROBLEMS_KEPT = 50


@dataclass(frozen=True)
class ReadOptions:
    """Choices a user can make about reading; every reader takes the same options."""

    text_column: str | None = None  # CSV: the column holding the text (detected when None)
    time_column: str | None = None  # CSV: the column holding the time (detected when None)
    naive_timezone: tzinfo = UTC  # the zone of timestamps that do not say theirs
    # The text encoding of every file (any name Python knows: "utf-8", "cp1252", "utf-16");
    # None detects it per file: a byte-order mark, else UTF-8, else cp1252.
    encoding: str | None = None

    def __post_init__(self) -> None:
        if self.encoding is None:
            return
        try:
            check_encoding(self.encoding)
        except LookupError:
            raise InputError(
                f"unknown encoding {self.encoding!r}; name one Python knows, "
                "such as utf-8, utf-16, cp1252 or latin-1"
            ) from None


@dataclass(frozen=True, slots=True)
class Problem:
    line: int | None  # 1-based line in the file, when the problem has one
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


@dataclass
class Problems:
    """Problems met while reading one file. Reading goes on; nothing is dropped without a word.

    ``notes`` are not problems but what the reader understood of the file (the encoding it
    used, which columns it read, how many empty rows it passed over): the user sees them
    beside the file's counts.
    """

    path: str
    kept: list[Problem] = field(default_factory=list)
    count: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, line: int | None, message: str) -> None:
        self.count += 1
        if len(self.kept) < MAX_PROBLEMS_KEPT:
            self.kept.append(Problem(line, message))

    def note(self, message: str) -> None:
        """Say what was understood of the file; said once per message."""
        if message not in self.notes and len(self.notes) < MAX_PROBLEMS_KEPT:
            self.notes.append(message)


class UnusableFile(InputError):
    """A file that cannot be read as a whole (a CSV without a text column).

    Readers raise it before their first record; the folder reader lists the file as
    skipped, with the message as the reason, so the message says what to do.
    """


class Reader(Protocol):
    """A reader turns one opened file into records, reporting what it cannot use.

    ``stream`` is the decoded text, opened with ``newline=""`` so that line breaks inside
    quoted CSV fields survive; ``path`` is the file's name relative to the input folder,
    for the records' provenance.
    """

    def __call__(
        self, stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
    ) -> Iterator[Record]: ...


class LinesReader(Protocol):
    """A reader's short way through a block of whole JSON Lines (``ingest.blocks``).

    It gives every record the reader would give for ``text`` (lines and offsets counted
    from the block's start), or None to leave the block to the reader, which reports
    whatever the short way does not handle.
    """

    def __call__(
        self, text: str, *, path: str, options: ReadOptions, problems: Problems
    ) -> list[Record] | None: ...
