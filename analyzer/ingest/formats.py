"""The input formats: how each is recognised from a file's first bytes, and which reader reads it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from analyzer.ingest.article import read_article
from analyzer.ingest.base import Problems, Reader, ReadOptions
from analyzer.records import Record


@dataclass(frozen=True)
class Format:
    name: str
    reader: Reader
    document: bool  # True when the file's records only make sense together (an article)


def read_article_stream(
    stream: TextIO, *, path: str, options: ReadOptions, problems: Problems
) -> Iterator[Record]:
    # Articles are small and their tweets span paragraphs: read the whole text at once.
    # Line endings are folded to "\n" first, so offsets count one character per line break.
    text = stream.read().replace("\r\n", "\n").replace("\r", "\n")
    yield from read_article(text, path=path)


ARTICLE = Format("article", read_article_stream, document=True)

FORMATS: dict[str, Format] = {ARTICLE.name: ARTICLE}


def detect(head: str, *, path: str) -> Format:
    """The format of a file from its first characters (the name's extension is only a hint)."""
    return ARTICLE
