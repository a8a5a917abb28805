"""JSON Lines exports in blocks of whole lines, each read apart from the rest of its file (in another process, or on another machine)."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from analyzer.ingest.base import LinesReader, Problem, Problems, ReadOptions, UnusableFile
from analyzer.ingest.cleaning import Cleaner
from analyzer.ingest.formats import FORMATS
from analyzer.ingest.jsonlines import MAX_VALUE_CHARS, too_big
from analyzer.ingest.opening import guarded
from analyzer.records import Record

# Lines of a JSON Lines file handed on at a time to be read apart from the rest (in another
# process, when the pipeline runs several): about a batch's worth of tweets.
BLOCK_LINES = 5_000


@dataclass(frozen=True, slots=True)
class LineBlock:
    """Whole lines of a JSON Lines file, to be read apart from the rest of it (see read_block).

    A block starts where a line opens a new value, so no value is split between blocks.
    """

    path: str
    format: str
    text: str
    line: int  # the file's line number of the block's first line (from 1)
    offset: int  # the file's character offset of the block's first character


@dataclass
class BlockRead:
    """What one block gave: records whose sources count from the block's start, and its problems.

    The problems' and the cleaner's line numbers already count from the file's start.
    """

    records: list[Record]
    problems: Problems
    cleaner: Cleaner
    counts: Counter[str] = field(default_factory=Counter)  # records per kind


def read_block(block: LineBlock, *, options: ReadOptions) -> BlockRead:
    """Read one block of a JSON Lines file: the work a reader does, apart from the file's other blocks."""
    problems = Problems(block.path)
    cleaner = Cleaner()
    fmt = FORMATS[block.format]
    stream = io.StringIO(block.text, newline="")
    records: list[Record] = []
    short = _short_way(block, fmt.lines, options=options, problems=problems)
    if short is not None:
        records = [cleaner.clean(r) for r in short]
    else:
        problems = Problems(block.path)  # whatever the short way met, the reader says again
        try:
            reader = fmt.reader(stream, path=block.path, options=options, problems=problems)
            records = [cleaner.clean(r) for r in guarded(lambda: reader, "utf-8", problems)]
        except UnusableFile as exc:  # a whole-file verdict, about this block only
            problems.add(block.line, str(exc))
    shift = block.line - 1
    problems.kept = [
        Problem(None if p.line is None else p.line + shift, p.message) for p in problems.kept
    ]
    moved = Cleaner()
    moved.merge(cleaner, line_shift=shift)
    return BlockRead(records, problems, moved, Counter(r.kind.value for r in records))


def _short_way(
    block: LineBlock, lines: LinesReader | None, *, options: ReadOptions, problems: Problems
) -> list[Record] | None:
    """The block's records read the format's short way, or None to read it the long way.

    Any error in the short way sends the block the long way, whose reader reports it as
    it reports a reader's errors (see ``opening.guarded``).
    """
    if lines is None:
        return None
    try:
        return lines(block.text, path=block.path, options=options, problems=problems)
    except Exception:  # the long way meets it again and says what it is
        return None


def split_blocks(
    stream: TextIO, relative: str, fmt: str, problems: Problems, block_lines: int
) -> Iterator[LineBlock]:
    """The file as blocks of whole lines, each starting where a line opens a new value.

    A line too long to hold is read on in pieces and reported, as the reader does.
    """
    lines: list[str] = []
    number, offset, first_line, first_offset = 1, 0, 1, 0
    while line := stream.readline(MAX_VALUE_CHARS + 1):
        if len(line) > MAX_VALUE_CHARS and line[-1] != "\n":
            length = len(line)
            while (more := stream.readline(MAX_VALUE_CHARS)) and more[-1] != "\n":
                length += len(more)
            length += len(more)
            problems.add(number, f"{too_big()}; skipped")
            if lines:
                yield LineBlock(relative, fmt, "".join(lines), first_line, first_offset)
                lines = []
            number, offset = number + 1, offset + length
            first_line, first_offset = number, offset
            continue
        if len(lines) >= block_lines and line.startswith("{"):
            yield LineBlock(relative, fmt, "".join(lines), first_line, first_offset)
            lines, first_line, first_offset = [], number, offset
        lines.append(line)
        number, offset = number + 1, offset + len(line)
    if lines:
        yield LineBlock(relative, fmt, "".join(lines), first_line, first_offset)
