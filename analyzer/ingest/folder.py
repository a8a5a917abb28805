"""Reading an input folder: which files it holds, which format each is, what each gave or why it was skipped."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from analyzer.errors import InputError
from analyzer.ingest.base import Problem, Problems, ReadOptions, UnusableFile
from analyzer.ingest.formats import detect
from analyzer.records import Record

# Characters looked at to recognise a file's format, and bytes to tell binary from text.
SNIFF_CHARS = 65536
SNIFF_BYTES = 8192
# Records handed on at a time from a stream file; an article is always handed on whole.
BATCH_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class FileRead:
    path: str  # relative to the input folder, with forward slashes
    format: str
    counts: dict[str, int]  # records per kind
    problems: tuple[Problem, ...] = ()  # the first few problems met, with lines
    problem_count: int = 0  # all of them

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
        self._base = root.parent if root.is_file() else root
        self._paths = list(self._files())
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
            yield from self._read_file(path, relative, size)
        if not self.read:
            reasons = "; ".join(f"{s.path}: {s.reason}" for s in self.skipped[:3])
            raise InputError(f"no usable file in {self.root} ({reasons})")

    def _read_file(self, path: Path, relative: str, size: int) -> Iterator[Batch]:
        try:
            head = _sniff(path)
            stream = path.open(encoding="utf-8-sig", newline="")
        except _Unusable as reason:
            self.skipped.append(FileSkipped(relative, str(reason)))
            return
        except OSError as exc:
            self.skipped.append(FileSkipped(relative, f"cannot be read ({exc.strerror})"))
            return
        fmt = detect(head, path=relative)
        problems = Problems(relative)
        counts: Counter[str] = Counter()
        with stream:
            try:
                records = fmt.reader(stream, path=relative, options=self.options, problems=problems)
                if fmt.document:
                    batch = list(records)
                    counts.update(r.kind.value for r in batch)
                    yield Batch(relative, fmt.name, True, batch)
                else:
                    while batch := list(islice(records, size)):
                        counts.update(r.kind.value for r in batch)
                        yield Batch(relative, fmt.name, False, batch)
            except UnicodeDecodeError as exc:
                problems.add(
                    None, f"not UTF-8 text from byte {exc.start} of a block on; the rest is skipped"
                )
            except UnusableFile as exc:  # raised before the first record: nothing was handed on
                self.skipped.append(FileSkipped(relative, str(exc)))
                return
        if not counts and problems.count and not fmt.document:
            self.skipped.append(
                FileSkipped(relative, f"{fmt.name}: nothing usable ({problems.kept[0]})")
            )
            return
        self.read.append(
            FileRead(relative, fmt.name, dict(counts), tuple(problems.kept), problems.count)
        )

    def _files(self) -> Iterator[Path]:
        """Files under the root in a stable order; hidden files and folders are listed as skipped."""
        if self.root.is_file():
            yield self.root
            return
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            here = Path(folder)
            for name in sorted(d for d in dirs if d.startswith(".")):
                self.skipped.append(
                    FileSkipped(
                        (here / name).relative_to(self.root).as_posix() + "/", "hidden folder"
                    )
                )
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    self.skipped.append(
                        FileSkipped((here / name).relative_to(self.root).as_posix(), "hidden file")
                    )
                else:
                    yield here / name


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


class _Unusable(Exception):
    """A file is skipped; the message is the reason shown to the user."""


def _sniff(path: Path) -> str:
    """The first characters of a text file; binary and undecodable files are unusable."""
    limit = SNIFF_CHARS * 4  # UTF-8 takes at most four bytes a character
    with path.open("rb") as raw:
        data = raw.read(limit)
    if b"\x00" in data[:SNIFF_BYTES]:
        raise _Unusable("binary file, not text")
    try:
        return data.decode("utf-8-sig")[:SNIFF_CHARS]
    except UnicodeDecodeError as exc:
        if len(data) == limit and exc.start >= limit - 4:  # the read cut a character in two
            return data[: exc.start].decode("utf-8-sig")[:SNIFF_CHARS]
        raise _Unusable(f"not UTF-8 text (byte {exc.start})") from None
