"""Reading an input folder: which files it holds, which format each is, what each gave or why it was skipped."""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO, TextIO

import orjson

from analyzer.errors import InputError
from analyzer.ingest.base import Problem, Problems, ReadOptions, UnusableFile
from analyzer.ingest.cleaning import Cleaner
from analyzer.ingest.decoding import (
    FALLBACK,
    FALLBACK_ERRORS,
    binary_kind,
    display_name,
    encoding_note,
    first_error,
    text_encoding,
)
from analyzer.ingest.formats import (
    FORMATS,
    MAX_ARTICLE_BYTES,
    TWEET_JSON,
    Format,
    detect,
    detect_stream,
    first_line_cut,
    too_big_for_article,
)
from analyzer.ingest.jsonlines import MAX_VALUE_CHARS, too_big
from analyzer.records import Record

# Characters looked at to recognise a file's format.
SNIFF_CHARS = 65536
# Bytes read first: enough for SNIFF_CHARS characters in any encoding (UTF-8 takes up to four
# bytes a character). A file no longer than this (most articles) is opened and read once.
HEAD_BYTES = SNIFF_CHARS * 4
# Bytes read at a time when a larger file's encoding is checked, before it is read.
CHECK_CHUNK_BYTES = 1 << 20
# Records handed on at a time from a stream file; an article is always handed on whole.
BATCH_SIZE = 20_000
# Lines of a JSON Lines file handed on at a time to be read apart from the rest (in another
# process, when the pipeline runs several): about a batch's worth of tweets.
BLOCK_LINES = 5_000

LINKED_FOLDER = "a link to a folder, not followed (it could loop); move or copy the folder in"
FILE_TYPES = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


@dataclass(frozen=True, slots=True)
class FileRead:
    path: str  # relative to the input folder, with forward slashes
    format: str
    counts: dict[str, int]  # records per kind
    problems: tuple[Problem, ...] = ()  # the first few problems met, with lines
    problem_count: int = 0  # all of them
    notes: tuple[str, ...] = ()  # what the reader understood: encoding, columns, rows passed over

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
    try:
        reader = fmt.reader(stream, path=block.path, options=options, problems=problems)
        records = [cleaner.clean(r) for r in _guarded(lambda: reader, "utf-8", problems)]
    except UnusableFile as exc:  # a whole-file verdict, about this block only
        problems.add(block.line, str(exc))
    shift = block.line - 1
    problems.kept = [
        Problem(None if p.line is None else p.line + shift, p.message) for p in problems.kept
    ]
    moved = Cleaner()
    moved.merge(cleaner, line_shift=shift)
    return BlockRead(records, problems, moved, Counter(r.kind.value for r in records))


@dataclass
class _BlockFile:
    """A file read in blocks, whose account is settled once every block has come back."""

    index: int  # its place in Inputs.read
    format: str
    problems: Problems
    notes: int  # problems about the whole file (its encoding) before any block was read
    cleaner: Cleaner = field(default_factory=Cleaner)
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class Corpus:
    """Everything read from one input folder, with an account of every file in it."""

    root: Path
    records: list[Record] = field(default_factory=list)
    read: list[FileRead] = field(default_factory=list)
    skipped: list[FileSkipped] = field(default_factory=list)


class Inputs:
    """The files under an input path, read lazily batch by batch, with an account of each file.

    Files are found when this is made, so a missing or empty folder fails at once;
    ``read`` and ``skipped`` fill in as ``batches()`` is consumed.
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
        self._blocks: dict[str, _BlockFile] = {}  # files read in blocks, until finish()
        self._base = root if root.is_dir() else root.parent
        self._paths = list(self._files())
        self.size = sum(_size(p) for p in self._paths)  # bytes, to judge the work ahead
        if not self._paths and not self.skipped:
            raise InputError(
                f"no files in {root}; put the articles or tweet exports to analyse there"
            )

    def batches(self, size: int = BATCH_SIZE) -> Iterator[Batch]:
        """Every file's records, in file order. Raises InputError at the end if nothing was usable."""
        for done, path in enumerate(self._paths):
            relative = path.relative_to(self._base).as_posix()
            if self.on_file:
                self.on_file(done, len(self._paths), relative)
            for batch in self._read_file(path, relative, size):
                assert isinstance(batch, Batch)  # no blocks are asked for here
                yield batch
        if not self.read:
            reasons = "; ".join(f"{s.path}: {s.reason}" for s in self.skipped[:3])
            raise InputError(f"no usable file in {self.root} ({reasons})")

    def work(
        self, *, size: int = BATCH_SIZE, block_lines: int = BLOCK_LINES
    ) -> Iterator[Batch | LineBlock]:
        """Like :meth:`batches`, but JSON Lines exports come as blocks of lines to read apart.

        Each block's result must be handed back with :meth:`block_done`, and :meth:`finish`
        called once all are, to settle those files' accounts.
        """
        for done, path in enumerate(self._paths):
            relative = path.relative_to(self._base).as_posix()
            if self.on_file:
                self.on_file(done, len(self._paths), relative)
            yield from self._read_file(path, relative, size, block_lines=block_lines)

    def block_done(self, block: LineBlock, read: BlockRead) -> None:
        """Add a block's records and problems to its file's account."""
        pending = self._blocks[block.path]
        pending.counts.update(read.counts)
        pending.cleaner.merge(read.cleaner)
        for problem in read.problems.kept:
            pending.problems.add(problem.line, problem.message)
        pending.problems.count += read.problems.count - len(read.problems.kept)
        for note in read.problems.notes:
            pending.problems.note(note)

    def finish(self) -> None:
        """Settle the accounts of files read in blocks; raise InputError if nothing was usable."""
        dropped = []
        for relative, pending in self._blocks.items():
            pending.cleaner.report(pending.problems)
            problems = pending.problems
            if not pending.counts and problems.count > pending.notes:
                kept = problems.kept
                why = kept[pending.notes] if len(kept) > pending.notes else kept[0]
                self.skipped.append(
                    FileSkipped(relative, f"{pending.format}: nothing usable ({why})")
                )
                dropped.append(pending.index)
                continue
            self.read[pending.index] = FileRead(
                relative,
                pending.format,
                dict(pending.counts),
                tuple(problems.kept),
                problems.count,
                tuple(problems.notes),
            )
        for index in sorted(dropped, reverse=True):
            del self.read[index]
        self._blocks = {}
        if not self.read:
            reasons = "; ".join(f"{s.path}: {s.reason}" for s in self.skipped[:3])
            raise InputError(f"no usable file in {self.root} ({reasons})")

    def _blocks_of(
        self, stream: TextIO, relative: str, fmt: Format, problems: Problems, block_lines: int
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
                    yield LineBlock(relative, fmt.name, "".join(lines), first_line, first_offset)
                    lines = []
                number, offset = number + 1, offset + length
                first_line, first_offset = number, offset
                continue
            if len(lines) >= block_lines and line.startswith("{"):
                yield LineBlock(relative, fmt.name, "".join(lines), first_line, first_offset)
                lines, first_line, first_offset = [], number, offset
            lines.append(line)
            number, offset = number + 1, offset + len(line)
        if lines:
            yield LineBlock(relative, fmt.name, "".join(lines), first_line, first_offset)

    def _read_file(
        self, path: Path, relative: str, size: int, *, block_lines: int = 0
    ) -> Iterator[Batch | LineBlock]:
        problems = Problems(relative)
        try:
            head = _read_head(path, forced=self.options.encoding)
            stream = _open_text(path, head, forced=self.options.encoding, problems=problems)
        except _Unusable as reason:
            self.skipped.append(FileSkipped(relative, str(reason)))
            return
        except OSError as exc:
            self.skipped.append(FileSkipped(relative, _os_reason(exc)))
            return
        notes = problems.count  # about the whole file (its encoding), not why nothing was read
        counts: Counter[str] = Counter()
        cleaner = Cleaner()
        with stream:
            try:
                fmt = _format(head, stream, relative)
            except UnusableFile as exc:
                self.skipped.append(FileSkipped(relative, str(exc)))
                return
            except OSError as exc:
                self.skipped.append(FileSkipped(relative, _os_reason(exc)))
                return
            except UnicodeDecodeError:  # the file changed after its encoding was checked
                self.skipped.append(FileSkipped(relative, _changed(head.codec)))
                return
            if block_lines and _in_lines(fmt, head):
                self._blocks[relative] = _BlockFile(len(self.read), fmt.name, problems, notes)
                self.read.append(FileRead(relative, fmt.name, {}))  # settled by finish()
                yield from self._blocks_of(stream, relative, fmt, problems, block_lines)
                return
            records = _guarded(
                lambda: fmt.reader(stream, path=relative, options=self.options, problems=problems),
                head.codec,
                problems,
            )
            try:
                if fmt.document:
                    batch = [cleaner.clean(r) for r in records]
                    counts.update(r.kind.value for r in batch)
                    yield Batch(relative, fmt.name, True, batch)
                else:
                    while batch := [cleaner.clean(r) for r in islice(records, size)]:
                        counts.update(r.kind.value for r in batch)
                        yield Batch(relative, fmt.name, False, batch)
            except UnusableFile as exc:  # raised before the first record: nothing was handed on
                self.skipped.append(FileSkipped(relative, str(exc)))
                return
        cleaner.report(problems)
        if not counts and problems.count > notes and not fmt.document:
            why = problems.kept[notes] if len(problems.kept) > notes else problems.kept[0]
            self.skipped.append(FileSkipped(relative, f"{fmt.name}: nothing usable ({why})"))
            return
        self.read.append(
            FileRead(
                relative,
                fmt.name,
                dict(counts),
                tuple(problems.kept),
                problems.count,
                tuple(problems.notes),
            )
        )

    def _files(self) -> Iterator[Path]:
        """Files under the root in a stable order; what is not read is listed as skipped.

        Hidden files and folders are skipped. So are links that lead out of the input folder
        (the folder is what the user chose to share), that loop or lead nowhere, and links to
        files the walk reads anyway (each file's records count once). A link to a file that
        is only inside a hidden folder is read, under the link's name. Links to folders are
        not followed: a folder linked into itself would never end.
        """
        if not self.root.is_dir():
            yield self.root
            return
        inside = Path(os.path.realpath(self.root))
        for folder, dirs, files in os.walk(self.root, onerror=self._unreadable_folder):
            here = Path(folder)
            links = {name for name in dirs if (here / name).is_symlink()}
            for name in sorted(dirs):
                if name.startswith("."):
                    self._skip(here / name, "hidden folder", folder=True)
                elif name in links:
                    self._skip(here / name, LINKED_FOLDER, folder=True)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
            for name in sorted(files):
                path = here / name
                if name.startswith("."):
                    self._skip(path, "hidden file")
                elif path.is_symlink() and (reason := _link_reason(path, inside)):
                    self._skip(path, reason)
                else:
                    yield path

    def _skip(self, path: Path, reason: str, *, folder: bool = False) -> None:
        name = path.relative_to(self._base).as_posix() + ("/" if folder else "")
        self.skipped.append(FileSkipped(name, reason))

    def _unreadable_folder(self, error: OSError) -> None:
        where = Path(error.filename) if error.filename else self.root
        self._skip(where, f"folder cannot be read ({error.strerror})", folder=True)


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


def open_bytes(path: Path) -> BinaryIO:
    """Every input file is opened here (tests replace it to fail as an unreadable file would)."""
    return path.open("rb")


class _Unusable(Exception):
    """A file is skipped; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class _Head:
    """A file's first bytes and what they say: its encoding, and the text to recognise it by."""

    data: bytes  # the first HEAD_BYTES bytes, or the whole file when ``complete``
    complete: bool
    size: int
    codec: str
    text: str  # the first SNIFF_CHARS characters


def _read_head(path: Path, *, forced: str | None) -> _Head:
    """The head of a text file; files that are empty, binary or not files at all are unusable."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the reader for ever
        what = FILE_TYPES.get(stat.S_IFMT(info.st_mode), "a special file")
        raise _Unusable(f"not a regular file ({what})")
    with open_bytes(path) as raw:
        data = raw.read(HEAD_BYTES)
        complete = len(data) < HEAD_BYTES or not raw.read(1)
    if not data:
        raise _Unusable("empty file")
    if kind := binary_kind(data):
        raise _Unusable(f"binary file ({kind})")
    codec = text_encoding(data, forced=forced)
    if codec is None:
        raise _Unusable("binary file, not text")
    decoder = codecs.getincrementaldecoder(codec)(_lenient(codec, forced=forced))
    text = decoder.decode(data, final=complete)[:SNIFF_CHARS]
    if complete and not text.replace("\ufeff", "").strip():
        raise _Unusable("empty file (only white space)")
    return _Head(data, complete, info.st_size, codec, text)


def _open_text(path: Path, head: _Head, *, forced: str | None, problems: Problems) -> TextIO:
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
        errors = _lenient(head.codec, forced=forced)
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
    stream = io.TextIOWrapper(open_bytes(path), encoding=head.codec, errors=errors, newline="")
    if stream.read(1) != "\ufeff":  # a mark the codec does not drop (a forced "utf-16-le")
        stream.seek(0)
    return stream


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # said when the file is read


def _in_lines(fmt: Format, head: _Head) -> bool:
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


def _format(head: _Head, stream: TextIO, relative: str) -> Format:
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


def _guarded(
    read: Callable[[], Iterator[Record]], codec: str, problems: Problems
) -> Iterator[Record]:
    """A reader's records; a failure midway is a problem of the file, and the records before it
    are kept (raised inside a batch, it would take the batch's records with it)."""
    try:
        yield from read()
    except UnusableFile:
        raise
    except UnicodeDecodeError:  # the file changed after its encoding was checked
        problems.add(None, f"{_changed(codec)}; the rest of the file is skipped")
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


def _changed(codec: str) -> str:
    return (
        f"not {display_name(codec)} text from some point on (did the file change as it was read?)"
    )


def _lenient(codec: str, *, forced: str | None) -> str:
    """How bytes that do not decode are read: as cp1252 in detected UTF-8, else as U+FFFD."""
    return FALLBACK_ERRORS if forced is None and codec in ("utf-8", "utf-8-sig") else "replace"


def _link_reason(path: Path, inside: Path) -> str | None:
    """Why a link to a file is not read, or None when it is."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that loops back on itself"
        return f"a link to {path.readlink()}, which does not exist"
    if not target.is_relative_to(inside):
        return f"a link to {target}, outside the input folder; copy the file in to read it"
    within = target.relative_to(inside)
    if not any(part.startswith(".") for part in within.parts):
        return f"a link to {within.as_posix()}, which is read itself"
    return None


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot be read ({exc.strerror}); check the file's permissions"
    return f"cannot be read ({exc.strerror or exc})"


def _sniff(path: Path) -> str:
    """The first characters of a text file, as format detection sees them."""
    return _read_head(path, forced=None).text
