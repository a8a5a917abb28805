"""The result of one analysis, as plain data: the match, what was read, the placed records and their totals.

Nothing here reads input or writes files: ``analyzer.pipeline.analyze`` makes an
:class:`Analysis`, and ``analyzer.outputs`` turns one into files and text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pandas as pd

from analyzer.engine.spill import Spill
from analyzer.ingest import FileRead, FileSkipped
from analyzer.matches import Match, MomentKind
from analyzer.matches.clock import MatchClock
from analyzer.schema import RECORD_COLUMN_NAMES
from analyzer.sentiment import LEXICON_VERSION, ScoringOptions, shipped_model_version
from analyzer.settings import Settings
from analyzer.timeline.coverage import Coverage
from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.shifts import MoodShift, mood_shifts
from analyzer.timeline.spikes import GoalDetection, Spike
from analyzer.timeline.stream import Lag, StreamSeries
from analyzer.timeline.totals import Tally


@dataclass
class Analysis:
    """What one run found.

    ``tally`` and ``series`` count every record (they feed the data files); ``view_tally``
    and ``view_series`` count the authors of the settings' view (fans by default), which
    is what the report, the chart and the summary speak for. The records live in a
    temporary folder until :meth:`close` (or the end of a ``with`` block); ``records``
    loads them all, ``chunks`` hands them out a slice at a time.
    """

    match: Match
    folder_name: str  # where under the output folder this match's files go
    settings: Settings
    view: str  # whose mood the report speaks for: a key of settings.AUTHOR_VIEWS
    view_note: str | None  # why the view is not the one asked for, when it is not
    clock: MatchClock
    lag: Lag
    read: list[FileRead]
    skipped: list[FileSkipped]
    tally: Tally
    view_tally: Tally
    series: StreamSeries
    view_series: StreamSeries
    wall_series: MinuteSeries
    spikes: list[Spike]
    goals_detected: list[GoalDetection]
    coverage: Coverage | None  # the stream's posting times against the match; None without any
    input_base: Path  # the input files' paths are relative to this
    jobs: int  # processes the analysis used
    store: Spill  # the records, on disk

    @property
    def shift_window(self) -> int:
        return self.settings.shift_window

    @property
    def scoring(self) -> ScoringOptions:
        return self.settings.scoring

    @property
    def records(self) -> pd.DataFrame:
        """Every record as one DataFrame, in input order (columns: ``schema.RECORD_COLUMNS``)."""
        return self.store.frame(RECORD_COLUMN_NAMES)

    def chunks(self) -> Iterator[pd.DataFrame]:
        """The records in chunks, for inputs too large to hold at once."""
        return iter(self.store)

    @property
    def lexicon_version(self) -> str | None:
        """The football lexicon's version that scored the records (None when it was off)."""
        return LEXICON_VERSION if self.scoring.lexicon else None

    @property
    def model_version(self) -> str | None:
        """The learned model's version that scored the records (None with the other scorers)."""
        return shipped_model_version() if self.scoring.learned else None

    @property
    def moments(self) -> pd.DataFrame:
        """One row per match moment: every record placed in it and their mood."""
        return self.tally.moments()

    def shifts(self, *, team: str | None = None) -> list[MoodShift]:
        """The view's mood change around each goal, over posting times (empty without times).

        With ``team`` (a team code), the change in the mood of the sentences naming that
        team: what its fans and its critics felt, apart from the other side's.
        """
        streams = self.view_series
        if not streams.overall.volume:
            return []
        series = streams.overall
        if team is not None:
            series = streams.home if team == self.match.home.code else streams.away
        goals = [m.position for m in self.match.moments if m.kind is MomentKind.GOAL]
        return mood_shifts(series, goals, window=self.shift_window)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Analysis:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
