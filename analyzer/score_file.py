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
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import IO, Any

from analyzer.attribution.teams import TeamMentions
from analyzer.errors import InputError
from analyzer.matches import Match
from analyzer.outputs.files import excel_safe_text
from analyzer.sentiment import DEFAULT_SCORER, Scorer

# Rows scored at a time: big enough that deduplication and batching pay, small enough
# that memory stays flat.
BATCH_ROWS = 5000
DEFAULT_PREFIX = "sentiment_"
SCORE_FIELDS = (
    "mood", "compound", "positive", "neutral", "negative",
    "p_positive", "p_neutral", "p_negative", "label", "language",
)  # fmt: skip
TEAM_FIELDS = ("teams", "home_mood", "away_mood")
# Distinct sentences whose scores are kept while attributing teams.
SENTENCES_REMEMBERED = 100_000


@dataclass(frozen=True)
class Annotated:
    rows: int
    scored: int
    columns: tuple[str, ...]  # the columns added, in order


class Annotator:
    """The columns to add and how to fill them for a batch of texts."""

    def __init__(
        self,
        *,
        prefix: str = DEFAULT_PREFIX,
        emoji: bool = False,
        match: Match | None = None,
        scorer: Scorer | None = None,
    ) -> None:
        self.scorer = scorer or Scorer.named(DEFAULT_SCORER)
        self.emoji = emoji
        self.mentions = TeamMentions.for_match(match) if match else None
        self.sentences = lru_cache(maxsize=SENTENCES_REMEMBERED)(self.scorer.score)
        fields = [*SCORE_FIELDS, *(["emoji"] if emoji else []), *(TEAM_FIELDS if match else [])]
        self.columns = tuple(prefix + name for name in fields)

    def values(self, texts: Sequence[str]) -> list[list[Any]]:
        """One list of new values per text, in ``columns`` order (None where there is none)."""
        rows = []
        for text, score in zip(texts, self.scorer.score_all(texts), strict=True):
            numbers = (score.mood, score.compound, score.positive, score.neutral, score.negative)
            row: list[Any] = [None if math.isnan(x) else x for x in numbers]
            row += [score.p_positive, score.p_neutral, score.p_negative]
            row += [score.label.value, score.language]
            if self.emoji:
                row.append(list(score.emoji))
            if self.mentions is not None:
                attribution = self.mentions.attribute(text, scorer=self)
                home, away = self.mentions.codes
                row += [
                    attribution.label,
                    attribution.moods[home].mood,
                    attribution.moods[away].mood,
                ]
            rows.append(row)
        return rows

    def score(self, text: str) -> Any:
        """Sentence scores for team attribution, each distinct sentence once."""
        return self.sentences(text)


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
    match: Match | None = None,
    excel_safe: bool = False,
    scorer: str = DEFAULT_SCORER,
    on_rows: Callable[[int], None] | None = None,
) -> Annotated:
    """Score the ``text_column`` of every row of ``source`` and write the rows, with score columns, to ``target``.

    ``scorer`` names the scorer ("learned", "football" or "vader"). With ``match``, also
    the team each text names and its mood per team. ``excel_safe``
    puts a ' before every CSV cell a spreadsheet would run as a formula (input cells too).
    """
    annotator = Annotator(prefix=prefix, emoji=emoji, match=match, scorer=Scorer.named(scorer))
    try:
        stream = source.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from None
    with stream:
        if detect_format(source) == "csv":
            return _annotate_csv(
                stream, target, text_column, annotator, on_rows, source.name, excel_safe
            )
        return _annotate_jsonl(stream, target, text_column, annotator, on_rows, source.name)


def _annotate_csv(
    stream: IO[str],
    target: IO[str],
    text_column: str,
    annotator: Annotator,
    on_rows: Callable[[int], None] | None,
    where: str,
    excel_safe: bool,
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
    _refuse_clashes(header, annotator.columns, where)
    writer = csv.writer(target, dialect, lineterminator=terminator)
    writer.writerow([*header, *annotator.columns])
    index = header.index(text_column)
    rows = scored = 0
    for batch in _batches(reader):
        texts = [row[index] if index < len(row) else "" for row in batch]
        for row, values in zip(batch, annotator.values(texts), strict=True):
            cells = [*row, *(_cell(v) for v in values)]
            writer.writerow([excel_safe_text(c) for c in cells] if excel_safe else cells)
            scored += values[0] is not None
        rows += len(batch)
        if on_rows:
            on_rows(rows)
    return Annotated(rows, scored, annotator.columns)


def _annotate_jsonl(
    stream: IO[str],
    target: IO[str],
    text_column: str,
    annotator: Annotator,
    on_rows: Callable[[int], None] | None,
    where: str,
) -> Annotated:
    rows = scored = 0
    for batch in _batches(_json_objects(stream, where)):
        texts = []
        for number, obj in batch:
            _refuse_clashes(list(obj), annotator.columns, f"{where} line {number}")
            value = obj.get(text_column)
            texts.append(value if isinstance(value, str) else "")
        for (_, obj), values in zip(batch, annotator.values(texts), strict=True):
            obj.update(zip(annotator.columns, values, strict=True))
            target.write(json.dumps(obj, ensure_ascii=False) + "\n")
            scored += values[0] is not None
        rows += len(batch)
        if on_rows:
            on_rows(rows)
    return Annotated(rows, scored, annotator.columns)


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


def _cell(value: Any) -> str:
    """A value as CSV text: empty for none, lists as space-separated items."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value)
    return str(value)
