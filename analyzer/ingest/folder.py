"""Reading an input folder: which files it holds, what each gave, and why any was skipped."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.errors import InputError
from analyzer.ingest.article import read_article
from analyzer.records import Record

# Bytes looked at to tell a binary file (image, PDF, zip) from text.
SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class FileRead:
    path: str  # relative to the input folder, with forward slashes
    format: str
    counts: dict[str, int]  # records per kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class FileSkipped:
    path: str
    reason: str


@dataclass
class Corpus:
    """Everything read from one input folder, with an account of every file in it."""

    root: Path
    records: list[Record] = field(default_factory=list)
    read: list[FileRead] = field(default_factory=list)
    skipped: list[FileSkipped] = field(default_factory=list)


def read_folder(root: Path, *, on_file: Callable[[int, int, str], None] | None = None) -> Corpus:
    """Read every text file under ``root`` (or ``root`` itself, when it is a file) into records.

    A file that cannot be used is listed in ``Corpus.skipped`` with the reason; only a
    folder with nothing usable at all is an error. ``on_file(done, total, path)`` is
    called before each file, for progress display.
    """
    if not root.exists():
        raise InputError(f"input {root} does not exist")
    corpus = Corpus(root)
    base = root.parent if root.is_file() else root
    paths = list(_files(root, corpus))
    for done, path in enumerate(paths):
        relative = path.relative_to(base).as_posix()
        if on_file:
            on_file(done, len(paths), relative)
        try:
            text = _decode(path)
        except _Unusable as reason:
            corpus.skipped.append(FileSkipped(relative, str(reason)))
            continue
        records = read_article(text, path=relative)
        corpus.records.extend(records)
        corpus.read.append(
            FileRead(relative, "article", dict(Counter(r.kind.value for r in records)))
        )
    if not corpus.read:
        if corpus.skipped:
            reasons = "; ".join(f"{s.path}: {s.reason}" for s in corpus.skipped[:3])
            raise InputError(f"no usable file in {root} ({reasons})")
        raise InputError(f"no files in {root}; put the articles or tweet exports to analyse there")
    return corpus


def _files(root: Path, corpus: Corpus) -> Iterator[Path]:
    """Files under ``root`` in a stable order; hidden files and folders are listed as skipped."""
    if root.is_file():
        yield root
        return
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in sorted(d for d in dirs if d.startswith(".")):
            corpus.skipped.append(
                FileSkipped((here / name).relative_to(root).as_posix() + "/", "hidden folder")
            )
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                corpus.skipped.append(FileSkipped(path.relative_to(root).as_posix(), "hidden file"))
            else:
                yield path


class _Unusable(Exception):
    """A file is skipped; the message is the reason shown to the user."""


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _Unusable(f"cannot be read ({exc.strerror})") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise _Unusable("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unusable(f"not UTF-8 text (byte {exc.start})") from None
