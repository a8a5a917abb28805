"""Reading an input folder: each file handed on as batches or blocks, and an account of what each gave or why it was skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from analyzer.errors import InputError
from analyzer.ingest.base import Problem, Problems, ReadOptions, UnusableFile
from analyzer.ingest.blocks import BLOCK_LINES, BlockRead, LineBlock, read_block, split_blocks
from analyzer.ingest.cleaning import Cleaner
from analyzer.ingest.opening import (
    SNIFF_CHARS,
    HashingReader,
    Unusable,
    changed,
    digest_of,
    format_of,
    guarded,
    hashing_reader,
    in_lines,
    open_text,
    read_head,
    sniff,
)
from analyzer.ingest.walk import os_reason, size_of, walk
from analyzer.records import Record

# Records handed on at a time from a stream file; an article is always handed on whole.
BATCH_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class FileRead:
    path: str  # relative to the input folder, with forward slashes
    format: str
    counts: dict[str, int]  # records per kind
    problems: tuple[Problem, ...] = ()  # the first few problems met, with lines
    problem_count: int = 0  # all of them
    notes: tuple[str, ...] = ()  # what the reader understood: encoding, columns, rows passed over
    sha256: str | None = None  # of the bytes as they were read

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class FileSkipped:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Batch:
    """Records from one file: a whole article (``document``), or the next slice of a stream."""

    path: str
    format: str
    document: bool
    records: list[Record]


@dataclass
class _Account:
    """What one file has given so far; settled into a FileRead (or a FileSkipped) at its end."""

    path: str
    format: str
    document: bool
    problems: Problems
    notes: int  # problems about the whole file (its encoding) before any record was read
    index: int = -1  # for a file read in blocks: its place in Inputs.read until settled
    counts: Counter[str] = field(default_factory=Counter)
    cleaner: Cleaner = field(default_factory=Cleaner)
    sha256: str | None = None

    def settle(self) -> FileRead | FileSkipped:
        self.cleaner.report(self.problems)
        problems = self.problems
        if not self.counts and problems.count > self.notes and not self.document:
            kept = problems.kept
            why = kept[self.notes] if len(kept) > self.notes else kept[0]
            return FileSkipped(self.path, f"{self.format}: nothing usable ({why})")
        return FileRead(
            self.path,
            self.format,
            dict(self.counts),
            tuple(problems.kept),
            problems.count,
            tuple(problems.notes),
            self.sha256,
        )


@dataclass
class Corpus:
    """Everything read from one input folder, with an account of every file in it."""

    root: Path
    records: list[Record] = field(default_factory=list)
    read: list[FileRead] = field(default_factory=list)
    skipped: list[FileSkipped] = field(default_factory=list)


class Inputs:
    """The files under an input path, read lazily unit by unit, with an account of each file.

    Files are found when this is made, so a missing or empty folder fails at once;
    ``read`` and ``skipped`` fill in as the units are consumed.
    """

    def __init__(
        self,
        root: Path,
        *,
        options: ReadOptions | None = None,
        on_file: Callable[[int, int, str], None] | None = None,
    ) -> None:
        if not root.exists():
            raise InputError(f"input {root} does not exist")
        self.root = root
        self.options = options or ReadOptions()
        self.on_file = on_file
        self.read: list[FileRead] = []
        self.skipped: list[FileSkipped] = []
        self._blocks: dict[str, _Account] = {}  # files read in blocks, until finish()
        self._bytes_done = 0  # of the files read to their end
        self._reading: HashingReader | None = None  # the large file being read, if any
        self._base = root if root.is_dir() else root.parent
        self._paths = list(walk(root, skip=self._skip))
        self.size = sum(size_of(p) for p in self._paths)  # bytes, to judge the work ahead
        if not self._paths and not self.skipped:
            raise InputError(
                f"no files in {root}; put the articles or tweet exports to analyse there"
            )

    def batches(self, size: int = BATCH_SIZE) -> Iterator[Batch]:
        """Every file's records, in file order. Raises InputError at the end if nothing was usable."""
        for unit in self.work(size=size, block_lines=0):
            assert isinstance(unit, Batch)  # no blocks are asked for
            yield unit
        self.finish()

    def work(
        self, *, size: int = BATCH_SIZE, block_lines: int | None = None
    ) -> Iterator[Batch | LineBlock]:
        """Every file as units of work: articles whole, streams in batches of ``size`` records,
        and JSON Lines exports as blocks of ``block_lines`` lines to read apart (0: none).

        Each block's result must be handed back with :meth:`block_done`, and :meth:`finish`
        called once all are, to settle those files' accounts.
        """
        if block_lines is None:
            block_lines = BLOCK_LINES
        for done, path in enumerate(self._paths):
            relative = path.relative_to(self._base).as_posix()
            if self.on_file:
                self.on_file(done, len(self._paths), relative)
            yield from self._read_file(path, relative, size, block_lines=block_lines)
            self._reading = None
            self._bytes_done += size_of(path)

    @property
    def bytes_read(self) -> int:
        """Bytes of input read so far (of ``size``), for a progress bar."""
        return self._bytes_done + (self._reading.count if self._reading else 0)

    def block_done(self, block: LineBlock, read: BlockRead) -> None:
        """Add a block's records and problems to its file's account."""
        account = self._blocks[block.path]
        account.counts.update(read.counts)
        account.cleaner.merge(read.cleaner)
        for problem in read.problems.kept:
            account.problems.add(problem.line, problem.message)
        account.problems.count += read.problems.count - len(read.problems.kept)
        for note in read.problems.notes:
            account.problems.note(note)

    def finish(self) -> None:
        """Settle the accounts of files read in blocks; raise InputError if nothing was usable."""
        dropped = []
        for account in self._blocks.values():
            settled = account.settle()
            if isinstance(settled, FileSkipped):
                self.skipped.append(settled)
                dropped.append(account.index)
            else:
                self.read[account.index] = settled
        for index in sorted(dropped, reverse=True):
            del self.read[index]
        self._blocks = {}
        if not self.read:
            reasons = "; ".join(f"{s.path}: {s.reason}" for s in self.skipped[:3])
            raise InputError(f"no usable file in {self.root} ({reasons})")

    def _read_file(
        self, path: Path, relative: str, size: int, *, block_lines: int
    ) -> Iterator[Batch | LineBlock]:
        problems = Problems(relative)
        forced = self.options.encoding
        try:
            head = read_head(path, forced=forced)
            stream = open_text(path, head, forced=forced, problems=problems)
        except Unusable as reason:
            self.skipped.append(FileSkipped(relative, str(reason)))
            return
        except OSError as exc:
            self.skipped.append(FileSkipped(relative, os_reason(exc)))
            return
        self._reading = hashing_reader(stream)
        with stream:
            try:
                fmt = format_of(head, stream, relative)
            except UnusableFile as exc:
                self.skipped.append(FileSkipped(relative, str(exc)))
                return
            except OSError as exc:
                self.skipped.append(FileSkipped(relative, os_reason(exc)))
                return
            except UnicodeDecodeError:  # the file changed after its encoding was checked
                self.skipped.append(FileSkipped(relative, changed(head.codec)))
                return
            account = _Account(relative, fmt.name, fmt.document, problems, problems.count)
            if block_lines and in_lines(fmt, head):
                account.index = len(self.read)
                self._blocks[relative] = account
                self.read.append(FileRead(relative, fmt.name, {}))  # settled by finish()
                yield from split_blocks(stream, relative, fmt.name, problems, block_lines)
                account.sha256 = digest_of(stream, head)
                return
            records = guarded(
                lambda: fmt.reader(stream, path=relative, options=self.options, problems=problems),
                head.codec,
                problems,
            )
            try:
                for batch in _batches(
                    records, account.cleaner, size=None if fmt.document else size
                ):
                    account.counts.update(r.kind.value for r in batch)
                    yield Batch(relative, fmt.name, fmt.document, batch)
            except UnusableFile as exc:  # raised before the first record: nothing was handed on
                self.skipped.append(FileSkipped(relative, str(exc)))
                return
            account.sha256 = digest_of(stream, head)
        settled = account.settle()
        if isinstance(settled, FileSkipped):
            self.skipped.append(settled)
        else:
            self.read.append(settled)

    def _skip(self, path: Path, reason: str, folder: bool) -> None:
        name = path.relative_to(self._base).as_posix() + ("/" if folder else "")
        self.skipped.append(FileSkipped(name, reason))


def _batches(
    records: Iterator[Record], cleaner: Cleaner, *, size: int | None
) -> Iterator[list[Record]]:
    """The records cleaned, all at once (``size`` None: an article is placed as one
    document, so it goes on whole), else in slices of ``size``."""
    if size is None:
        yield [cleaner.clean(r) for r in records]
        return
    while batch := [cleaner.clean(r) for r in islice(records, size)]:
        yield batch


def read_folder(
    root: Path,
    *,
    options: ReadOptions | None = None,
    on_file: Callable[[int, int, str], None] | None = None,
) -> Corpus:
    """Read every file under ``root`` (or ``root`` itself, when it is a file) into memory at once.

    For small inputs and notebooks; the pipeline streams through :class:`Inputs` instead.
    """
    inputs = Inputs(root, options=options, on_file=on_file)
    records = [record for batch in inputs.batches() for record in batch.records]
    return Corpus(root, records, inputs.read, inputs.skipped)


__all__ = [
    "BATCH_SIZE",
    "BLOCK_LINES",
    "SNIFF_CHARS",
    "Batch",
    "BlockRead",
    "Corpus",
    "FileRead",
    "FileSkipped",
    "Inputs",
    "LineBlock",
    "read_block",
    "read_folder",
    "sniff",
]
