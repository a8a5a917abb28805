"""Pass one's work on a unit of input: read, score, attribute to teams, place by words -> a slice of the table.

A unit is a whole article, a batch of a file's records, or a block of JSON Lines read
apart from the rest of its file. The work is the same on whichever process or machine
runs it; the engines (``local``, ``dask_cluster``) only decide where.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import pandas as pd

from analyzer.attribution.authors import roles_of
from analyzer.attribution.teams import TeamMentions
from analyzer.engine import timing
from analyzer.engine.chunks import TeamCells, records_chunk
from analyzer.ingest import ReadOptions
from analyzer.ingest.folder import Batch, BlockRead, LineBlock, read_block
from analyzer.matches import Match
from analyzer.records import Record
from analyzer.sentiment import Score, Scorer, ScoringOptions
from analyzer.timeline.placement import Timeline

K = TypeVar("K")
V = TypeVar("V")

# Distinct parts of texts (sentences, clauses) whose scores are kept for team attribution
# (about 30 MB at most).
PARTS_REMEMBERED = 20_000
# Distinct texts whose scores and team attributions are kept: retweets of one tweet come
# over hours, far apart in a stream (about 25 MB at most).
TEXTS_REMEMBERED = 20_000


class PassOne:
    """Pass one's work on a unit of input, with what it needs built once per process: the scorer, the teams, the timeline."""

    def __init__(self, match: Match, scoring: ScoringOptions, read_options: ReadOptions) -> None:
        self.scorer = Scorer(options=scoring)
        self.mentions = TeamMentions.for_match(match)
        self.timeline = Timeline(match)
        self.parts = PartScores(self.scorer)
        self.read_options = read_options
        self._scores: Memo[tuple[str, str | None], Score] = Memo(TEXTS_REMEMBERED)
        self._teams: Memo[tuple[str, str | None, str | None], TeamCells] = Memo(TEXTS_REMEMBERED)

    def __reduce__(self) -> tuple[type[PassOne], tuple[Match, ScoringOptions, ReadOptions]]:
        # Sent to another process as what it is built from; the receiver loads its own models.
        return PassOne, (self.timeline.match, self.scorer.options, self.read_options)

    def chunk(
        self,
        records: Sequence[Record],
        *,
        format: str,
        document: bool,
        shift: tuple[int, int] = (0, 0),
    ) -> pd.DataFrame:
        """Records -> scores, teams and placement by words -> a slice of the records table."""
        with timing.stage("score"):
            scores = [self._score(r) for r in records]
        with timing.stage("attribute"):
            teams = [self._attribute(r, s) for r, s in zip(records, scores, strict=True)]
            roles = roles_of(records)
        timeline = self.timeline
        with timing.stage("place"):
            placements = (
                timeline.place_document(records) if document else timeline.place_loose(records)
            )
        with timing.stage("table"):
            return records_chunk(
                records,
                scores,
                placements,
                teams,
                match=timeline.match,
                format=format,
                roles=roles,
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

    def _attribute(self, record: Record, score: Score) -> TeamCells:
        """The record's teams and team moods, from its text, its own score and its author's side.

        They depend on nothing else (the text's score on its declared language), so the same
        three are attributed once, and which texts this process saw before cannot change them.
        """
        side = self.mentions.side_of(record.author.name)
        key = (record.text, record.lang, side)
        teams = self._teams.get(key)
        if teams is None:
            parts = self.parts.of(record.text, score)
            attribution = self.mentions.attribute(record.text, scorer=parts, side=side)
            teams = TeamCells.of(attribution, self.timeline.match)
            self._teams.put(key, teams)
        return teams

    def block(self, block: LineBlock) -> BlockResult:
        """Read a block of JSON Lines and make its slice of the table (positions from 0)."""
        with timing.stage("read"):
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


class PartScores:
    """Scores the parts of texts for team attribution, each distinct part once: chants and retweets repeat.

    A part that is its whole text (ends stripped) takes the text's own score, which the
    record already has, with the language its source declared; any other part is scored on
    its own words. Nothing is carried from one text to another but these pure scores, so a
    text's team moods never depend on which texts the process read before it (with several
    workers, that is up to the scheduler).
    """

    def __init__(self, scorer: Scorer, *, remember: int = PARTS_REMEMBERED) -> None:
        self._scorer = scorer
        self._known: Memo[str, Score] = Memo(remember)

    def of(self, text: str, own: Score) -> PartsOfText:
        """What attribution scores ``text``'s parts with, given the text's own score."""
        return PartsOfText(self, text.strip(), own)

    def score(self, part: str) -> Score:
        known = self._known.get(part)
        if known is None:
            known = self._scorer.score(part)
            self._known.put(part, known)
        return known


@dataclass(frozen=True, slots=True)
class PartsOfText:
    """A :class:`~analyzer.attribution.teams.SentenceScorer` for the parts of one text."""

    parts: PartScores
    whole: str
    own: Score

    def score(self, part: str) -> Score:
        return self.own if part == self.whole else self.parts.score(part)


class Memo(Generic[K, V]):
    """A bounded map that forgets its oldest entries first: a cache that cannot grow."""

    def __init__(self, size: int) -> None:
        # An OrderedDict drops its oldest entry in constant time; a dict's first entry is
        # found by stepping over every slot deleted before it (seconds per 100,000 puts).
        self._items: OrderedDict[K, V] = OrderedDict()
        self._size = size

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def put(self, key: K, value: V) -> None:
        items = self._items
        if len(items) >= self._size:
            items.popitem(last=False)
        items[key] = value

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class Done:
    """A unit of pass one done: its slice of the table, and for a block what reading it gave."""

    chunk: pd.DataFrame
    block: LineBlock | None = None
    read: BlockRead | None = None
    # CPU seconds per stage, when the benchmark asks for them (see analyzer.engine.timing).
    times: dict[str, float] | None = None


def work_on(unit: Batch | LineBlock, work: PassOne) -> Done:
    """One unit's pass one, wherever it runs."""
    if isinstance(unit, Batch):
        done = Done(work.chunk(unit.records, format=unit.format, document=unit.document))
    else:
        result = work.block(unit)
        done = Done(result.chunk, unit, result.read)
    # Whichever process did the work hands its seconds back with the result (the main
    # process takes its own back too: first_pass merges them all in).
    done.times = timing.take()
    return done
