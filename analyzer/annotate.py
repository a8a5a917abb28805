"""Adding sentiment columns to any CSV or JSON Lines dataset, row by row, leaving everything else alone.

Rows are read, scored in batches and written in the order they came, so a file of any
size streams through in bounded memory. CSV cells are read and written as text (no
type guessing: "007" stays "007"); JSON Lines objects keep their keys and values and
gain the new keys at the end.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from analyzer.errors import InputError
from analyzer.sentiment import Score, default_scorer

# Rows scored at a time: big enough that deduplication and batching pay, small enough
# that memory stays flat.
BATCH_ROWS = 5000
DEFAULT_PREFIX = "sentiment_"
SCORE_FIELDS = ("compound", "positive", "neutral", "negative", "label")


@dataclass(frozen=True)
class Annotated:
    rows: int
    scored: int
    columns: tuple[str, ...]  # the columns added, in order


def added_columns(*, prefix: str = DEFAULT_PREFIX, emoji: bool = False) -> tuple[str, ...]:
    names = [*SCORE_FIELDS, "language"] + (["emoji"] if emoji else [])
    return tuple(prefix + name for name in names)


def detect_format(path: Path) -> str:
    """'csv' or 'jsonl', from the extension, else from the first character."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    with path.open(encoding="utf-8-sig", errors="replace") as stream:
        first = stream.read(1)
    return "jsonl" if first == "{" else "csv"


def annotate(
    source: Path,
    target: IO[str],
    *,
    text_column: str,
    prefix: str = DEFAULT_PREFIX,
    emoji: bool = False,
    on_rows: Callable[[int], None] | None = None,
) -> Annotated:
    """Score the ``text_column`` of every row of ``source`` and write the rows, with score columns, to ``target``."""
    fmt = detect_format(source)
    new = added_columns(prefix=prefix, emoji=emoji)
    try:
        stream = source.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from None
    with stream:
        if fmt == "csv":
            return _annotate_csv(stream, target, text_column=text_column, new=new, emoji=emoji, on_rows=on_rows,
                                 where=source.name)  # fmt: skip
        return _annotate_jsonl(stream, target, text_column=text_column, new=new, emoji=emoji, on_rows=on_rows,
                               where=source.name)  # fmt: skip


def _annotate_csv(
    stream: IO[str],
    target: IO[str],
    *,
    text_column: str,
    new: tuple[str, ...],
    emoji: bool,
    on_rows: Callable[[int], None] | None,
    where: str,
) -> Annotated:
    sample = stream.read(65536)
    stream.seek(0)
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    terminator = "\r\n" if "\r\n" in sample.split("\n", 1)[0] + "\n" else "\n"
    reader = csv.reader(stream, dialect)
    header = next(reader, None)
    if header is None:
        raise InputError(f"{where} is empty: a CSV needs a header row")
    if text_column not in header:
        raise InputError(
            f"{where} has no column {text_column!r} (it has {', '.join(header[:12])}); "
            "name the text column with --text-column"
        )
    _refuse_clashes(header, new, where)
    writer = csv.writer(target, dialect, lineterminator=terminator)
    writer.writerow([*header, *new])
    index = header.index(text_column)
    rows = scored = 0
    for batch in _batches(reader):
        texts = [row[index] if index < len(row) else "" for row in batch]
        for row, score in zip(batch, default_scorer().score_all(texts), strict=True):
            writer.writerow([*row, *_cells(score, emoji)])
            scored += score.scored
        rows += len(batch)
        if on_rows:
            on_rows(rows)
    return Annotated(rows, scored, new)


def _annotate_jsonl(
    stream: IO[str],
    target: IO[str],
    *,
    text_column: str,
    new: tuple[str, ...],
    emoji: bool,
    on_rows: Callable[[int], None] | None,
    where: str,
) -> Annotated:
    rows = scored = 0
    for batch in _batches(_json_objects(stream, where)):
        texts = []
        for number, obj in batch:
            _refuse_clashes(list(obj), new, f"{where} line {number}")
            value = obj.get(text_column)
            texts.append(value if isinstance(value, str) else "")
        for (_, obj), score in zip(batch, default_scorer().score_all(texts), strict=True):
            obj.update(zip(new, _values(score, emoji), strict=True))
            target.write(json.dumps(obj, ensure_ascii=False) + "\n")
            scored += score.scored
        rows += len(batch)
        if on_rows:
            on_rows(rows)
    return Annotated(rows, scored, new)


def _json_objects(stream: IO[str], where: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{where} line {number} is not JSON ({exc.msg}); score reads JSON Lines"
            ) from None
        if not isinstance(obj, dict):
            raise InputError(f"{where} line {number} is not a JSON object")
        yield number, obj


def _batches(rows: Iterator[Any]) -> Iterator[list[Any]]:
    while batch := list(islice(rows, BATCH_ROWS)):
        yield batch


def _refuse_clashes(existing: Sequence[str], new: tuple[str, ...], where: str) -> None:
    clashes = [name for name in new if name in existing]
    if clashes:
        raise InputError(f"{where} already has {', '.join(clashes)}; choose another --prefix")


def _values(score: Score, emoji: bool) -> list[Any]:
    numbers = [
        None if math.isnan(x) else x
        for x in (score.compound, score.positive, score.neutral, score.negative)
    ]
    values: list[Any] = [*numbers, score.label.value, score.language]
    if emoji:
        values.append(list(score.emoji))
    return values


def _cells(score: Score, emoji: bool) -> list[str]:
    values = _values(score, emoji)
    if emoji:
        values[-1] = " ".join(values[-1])
    return ["" if v is None else str(v) for v in values]
