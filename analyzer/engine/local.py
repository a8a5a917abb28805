"""Pass one's work on a chunk of records, in this process or spread over worker processes.

A chunk (a whole article, a batch of a file, or a block of JSON Lines read apart) is
scored, attributed to teams and placed by its words, and becomes a slice of the records
table. The work is the same wherever it runs; with ``jobs`` above one, blocks of JSON
Lines go to worker processes, or to this one when they have enough to do, and their slices
come back in order.

Workers are forked from this process, so the scorer's lexicons and models are already
loaded, shared until written to; this process takes its share of blocks, so ``jobs``
processes use ``jobs`` cores and hold the models ``jobs`` times, not ``jobs + 1``.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

import pandas as pd

from analyzer.attribution.authors import roles_of
from analyzer.attribution.teams import Attribution, TeamMentions
from analyzer.ingest import ReadOptions
from analyzer.ingest.folder import Batch, BlockRead, LineBlock, read_block
from analyzer.matches import Match
from analyzer.records import Record
from analyzer.schema import records_chunk
from analyzer.sentiment import Score, Scorer, ScoringOptions
from analyzer.timeline.placement import Timeline

K = TypeVar("K")
V = TypeVar("V")

# Distinct sentences whose scores are kept for team attribution (about 30 MB at most).
SENTENCES_REMEMBERED = 20_000
# Distinct texts whose scores and team attributions are kept: retweets of one tweet come
# over hours, far apart in a stream (about 25 MB at most).
TEXTS_REMEMBERED = 20_000
# Blocks sent ahead to each worker: enough to keep it busy, few enough to bound memory.
BLOCKS_AHEAD = 2


class Stage:
    """What pass one needs, built once per process: the scorer, the teams, the timeline."""

    def __init__(self, match: Match, scoring: ScoringOptions, read_options: ReadOptions) -> None:
        self.scorer = Scorer(options=scoring)
        self.mentions = TeamMentions.for_match(match)
        self.timeline = Timeline(match)
        self.sentences = SentenceScores(self.scorer)
        self.read_options = read_options
        self._scores: Memo[tuple[str, str | None], Score] = Memo(TEXTS_REMEMBERED)
        self._attributions: Memo[tuple[str, str | None], Attribution] = Memo(TEXTS_REMEMBERED)

    def __reduce__(self) -> tuple[type[Stage], tuple[Match, ScoringOptions, ReadOptions]]:
        # Sent to another process as what it is built from; the receiver loads its own models.
        return Stage, (self.timeline.match, self.scorer.options, self.read_options)

    def chunk(
        self,
        records: Sequence[Record],
        *,
        format: str,
        document: bool,
        shift: tuple[int, int] = (0, 0),
    ) -> pd.DataFrame:
        """Records -> scores, teams and placement by words -> a slice of the records table."""
        scores = [self._score(r) for r in records]
        self.sentences.remember(records, scores)
        attributions = [self._attribute(r) for r in records]
        timeline = self.timeline
        placements = timeline.place_document(records) if document else timeline.place_loose(records)
        return records_chunk(
            records,
            scores,
            placements,
            attributions,
            match=timeline.match,
            format=format,
            roles=roles_of(records),
            shift=shift,
        )

    def _score(self, record: Record) -> Score:
        """The record's score; each distinct text (with its declared language) is scored once."""
        key = (record.text, record.lang)
        score = self._scores.get(key)
        if score is None:
            score = self.scorer.score(record.text, declared_language=record.lang)
            self._scores.put(key, score)
        return score

    def _attribute(self, record: Record) -> Attribution:
        """The record's teams; the same text from the same side is attributed once."""
        side = self.mentions.side_of(record.author.name)
        key = (record.text, side)
        attribution = self._attributions.get(key)
        if attribution is None:
            attribution = self.mentions.attribute(record.text, scorer=self.sentences, side=side)
            self._attributions.put(key, attribution)
        return attribution

    def block(self, block: LineBlock) -> BlockResult:
        """Read a block of JSON Lines and make its slice of the table (positions from 0)."""
        read = read_block(block, options=self.read_options)
        chunk = self.chunk(
            read.records,
            format=block.format,
            document=False,
            shift=(block.line - 1, block.offset),
        )
        read.records = []  # the slice holds them now; don't send them back
        return BlockResult(chunk, read)


@dataclass
class BlockResult:
    chunk: pd.DataFrame
    read: BlockRead


class SentenceScores:
    """Scores sentences for team attribution, each distinct one once: chants and retweets repeat."""

    def __init__(self, scorer: Scorer, *, remember: int = SENTENCES_REMEMBERED) -> None:
        self._scorer = scorer
        self._known: OrderedDict[str, Score] = OrderedDict()
        self._remember = remember

    def remember(self, records: Sequence[Record], scores: Sequence[Score]) -> None:
        """Take each record's own score: a one-sentence text is its own only sentence."""
        for record, score in zip(records, scores, strict=True):
            self._keep(record.text.strip(), score)

    def score(self, text: str) -> Score:
        known = self._known.get(text)
        if known is None:
            known = self._scorer.score(text)
            self._keep(text, known)
        else:
            self._known.move_to_end(text)
        return known

    def _keep(self, text: str, score: Score) -> None:
        self._known[text] = score
        if len(self._known) > self._remember:
            self._known.popitem(last=False)


class Memo(Generic[K, V]):
    """A bounded map that forgets its oldest entries first: a cache that cannot grow."""

    def __init__(self, size: int) -> None:
        self._items: dict[K, V] = {}
        self._size = size

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def put(self, key: K, value: V) -> None:
        items = self._items
        if len(items) >= self._size:
            del items[next(iter(items))]
        items[key] = value

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class Done:
    """A unit of pass one done: its slice of the table, and for a block what reading it gave."""

    chunk: pd.DataFrame
    block: LineBlock | None = None
    read: BlockRead | None = None


class Stages:
    """Runs pass one over a stream of batches and blocks, in order, on ``jobs`` processes."""

    def __init__(self, stage: Stage, *, jobs: int) -> None:
        self.stage = stage
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def run(self, units: Iterable[Batch | LineBlock]) -> Iterator[Done]:
        """Each unit's result, in the order the units came."""
        waiting: deque[Done | tuple[LineBlock, Future[BlockResult]]] = deque()
        for unit in units:
            if isinstance(unit, Batch):
                chunk = self.stage.chunk(unit.records, format=unit.format, document=unit.document)
                waiting.append(Done(chunk))
            elif self.jobs == 1 or self._workers_busy(waiting):
                # This process also keeps the books for every block (and spills them), so it
                # takes a block only when the workers have enough to do: the load balances.
                result = self.stage.block(unit)
                waiting.append(Done(result.chunk, unit, result.read))
            else:
                waiting.append((unit, self._workers().submit(_work_on_block, unit)))
            while waiting and _ready(waiting[0], limit=len(waiting) > BLOCKS_AHEAD * self.jobs):
                yield _result(waiting.popleft())
        while waiting:
            yield _result(waiting.popleft())

    def _workers_busy(self, waiting: Iterable[object]) -> bool:
        running = sum(1 for item in waiting if isinstance(item, tuple) and not item[1].done())
        return running >= BLOCKS_AHEAD * (self.jobs - 1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            global _STAGE
            _STAGE = self.stage  # inherited by the forked workers
            gc.freeze()  # objects loaded so far stay shared with the workers, not copied by the GC
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs - 1, mp_context=multiprocessing.get_context("fork")
            )
        return self._pool


_STAGE: Stage | None = None  # the stage a forked worker inherits


def _work_on_block(block: LineBlock) -> BlockResult:
    assert _STAGE is not None, "workers are forked after the stage is set"
    return _STAGE.block(block)


def _ready(item: object, *, limit: bool) -> bool:
    """Whether the oldest unit can be handed on: done, or too many are waiting behind it."""
    if isinstance(item, tuple):
        return limit or item[1].done()
    return True


def _result(item: Done | tuple[LineBlock, Future[BlockResult]]) -> Done:
    if isinstance(item, Done):
        return item
    if isinstance(item, tuple):
        block, future = item
        result = future.result()
        return Done(result.chunk, block, result.read)
    raise TypeError(item)
