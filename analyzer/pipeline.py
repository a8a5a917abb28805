"""The whole analysis in one call: read -> records -> scores -> placement -> tables, and writing it out.

This is the library API the CLI and notebooks share::

    import analyzer
    result = analyzer.analyze("tweets/", match="BEL-JPN")
    result.records           # one row per tweet or quote (pandas DataFrame)
    result.moments           # one row per match moment
    result.write("reports")  # reports/BEL-JPN/: data files, chart, HTML report

Memory stays bounded by the chunk size, not the input: records are read, scored and
placed by their words in batches and parked on disk; once every posting time has been
seen the stream's lag is settled, and a second pass places timed records on the match
clock, writes them out and keeps running totals.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import TracebackType

import pandas as pd
from matplotlib.figure import Figure

from analyzer.aside import Aside
from analyzer.engine.dask_cluster import DaskStages
from analyzer.engine.local import Stage, Stages
from analyzer.engine.spill import Spill
from analyzer.errors import InputError
from analyzer.ingest import FileRead, FileSkipped, Inputs, ReadOptions
from analyzer.matches import Match, MomentKind, load_match_file, shipped
from analyzer.matches.clock import MatchClock
from analyzer.outputs.chart import (
    POINT_LIMIT,
    ChartData,
    chart_caption,
    mood_chart,
    png_bytes,
    svg_bytes,
)
from analyzer.outputs.files import (
    ParquetUnavailable,
    write_bytes,
    write_parquet,
    write_table,
    write_text,
)
from analyzer.outputs.report import ReportInput, render_report
from analyzer.outputs.summary_json import summary_json
from analyzer.schema import (
    MOMENT_COLUMNS,
    RECORD_COLUMN_NAMES,
    RECORD_COLUMNS,
    SERIES_COLUMNS,
    WALL_SERIES_COLUMNS,
)
from analyzer.sentiment import LEXICON_VERSION, ScoringOptions
from analyzer.timeline.placement import Timeline, place_by_time
from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.shifts import MoodShift, mood_shifts
from analyzer.timeline.spikes import GoalDetection, Spike
from analyzer.timeline.stream import (
    Lag,
    StreamSeries,
    add_wall_clock,
    match_series_frame,
    settle_lag,
    stream_spikes,
    wall_series_frame,
)
from analyzer.timeline.totals import AUTHOR_VIEWS, Tally

OUTPUT_NAMES = (
    "records.csv", "records.jsonl", "records.parquet", "moments.csv", "series.csv",
    "series_wall.csv", "mood.png", "mood.svg", "report.html", "summary.json",
)  # fmt: skip
RE_TEMPORARY = re.compile(
    r"\.(?:" + "|".join(re.escape(n) for n in OUTPUT_NAMES) + r")\.[A-Za-z0-9_]+\.tmp"
)

# Inputs smaller than this are read in one process: starting a worker costs more than it saves.
SMALL_INPUT_BYTES = 16 << 20
# Where pass one runs: this machine's cores, or a Dask cluster (dask_engine.py).
ENGINES = ("local", "dask")
# Records from which JSON Lines and Parquet are written by a second process (with jobs > 1).
FORK_WRITER_ROWS = 20_000


@dataclass
class Written:
    """Files one writer produced, and what it could not write, said as warnings."""

    files: list[str]
    notes: list[str] = field(default_factory=list)


class Analysis:
    """The result of one analysis: the match, what was read, the placed records and their totals.

    ``tally`` and ``series`` count every record (they feed the data files); ``view_tally``
    and ``view_series`` count the authors of the chosen view (fans by default), which is
    what the report, the chart and the summary speak for. The records live in a
    temporary folder until :meth:`close` (or the end of a ``with`` block); ``records``
    loads them all, ``write`` streams them to the output files.
    """

    def __init__(
        self,
        *,
        match: Match,
        folder_name: str,
        clock: MatchClock,
        lag: Lag,
        view: str,
        read: list[FileRead],
        skipped: list[FileSkipped],
        store: Spill,
        tally: Tally,
        view_tally: Tally,
        series: StreamSeries,
        view_series: StreamSeries,
        wall_series: MinuteSeries,
        spikes: list[Spike],
        goals_detected: list[GoalDetection],
        shift_window: int,
        scoring: ScoringOptions,
        read_options: ReadOptions,
        input_base: Path,
        jobs: int = 1,
    ) -> None:
        self.match = match
        self.folder_name = folder_name  # where under the output folder this match's files go
        self.clock = clock
        self.lag = lag
        self.view = view
        self.read = read
        self.skipped = skipped
        self.tally = tally
        self.view_tally = view_tally
        self.series = series
        self.view_series = view_series
        self.wall_series = wall_series
        self.spikes = spikes
        self.goals_detected = goals_detected
        self.shift_window = shift_window
        self.scoring = scoring
        self.read_options = read_options
        self.input_base = input_base  # the input files' paths are relative to this
        self.jobs = jobs  # processes this analysis may use, for writing too
        self.notes: list[str] = []  # what the last write() could not do, said as warnings
        self.written: list[str] = []  # file names the last write() produced
        self._store = store

    @property
    def records(self) -> pd.DataFrame:
        """Every record as one DataFrame, in input order (columns: ``frame.RECORD_COLUMNS``)."""
        return self._store.frame(RECORD_COLUMN_NAMES)

    @property
    def lexicon_version(self) -> str | None:
        """The football lexicon's version that scored the records (None when it was off)."""
        return LEXICON_VERSION if self.scoring.lexicon else None

    def chunks(self) -> Iterator[pd.DataFrame]:
        """The records in chunks, for inputs too large to hold at once."""
        return iter(self._store)

    @property
    def moments(self) -> pd.DataFrame:
        """One row per match moment: every record placed in it and their mood."""
        return self.tally.moments()

    def shifts(self, *, view: bool = True) -> list[MoodShift]:
        """The mood change around each goal, over posting times (empty without timed records)."""
        series = (self.view_series if view else self.series).overall
        goals = [m.position for m in self.match.moments if m.kind is MomentKind.GOAL]
        return mood_shifts(series, goals, window=self.shift_window) if series.volume else []

    def figure(self) -> Figure:
        """The mood-over-match chart for the view (a new matplotlib Figure; close it when done)."""
        return mood_chart(self.chart_data())

    def chart_data(self) -> ChartData:
        """What the chart draws: the view's records or minutes, other authors faintly, team moods."""
        view = self.view_tally
        points = view.sample()
        context = None
        if self.view != "all":
            everyone = self.tally.sample()
            context = everyone[~everyone["record_id"].isin(points["record_id"])]
        timed = self.view_series.volume > 0
        placed = view.records - view.unaligned
        caption = chart_caption(
            view.kinds,
            unaligned=view.unaligned,
            unscored=view.labels.get("unscored", 0),
            shown=len(points) if placed <= POINT_LIMIT else 0,
        )
        breaks = self.view_series.breaks.table()
        moments = view.moments()
        return ChartData(
            match=self.match,
            points=points,
            caption=caption,
            title_note=f"{self.view} only" if self.view != "all" else "",
            context=context,
            series=self.view_series.overall if timed else None,
            break_volume={
                float(k): int(v)
                for k, v in zip(breaks.index.to_numpy(), breaks["volume"].to_numpy(), strict=True)
                if v
            },
            home_series=self.view_series.home if timed else None,
            away_series=self.view_series.away if timed else None,
            team_moments=view.team_moods(),
            moment_volume=moments[moments["kind"] != "comeback"][["clock", "records"]].dropna(),
        )

    def write(self, out: str | Path = "reports", *, excel_safe: bool = False) -> Path:
        """Write every output into ``out/<match>/`` and return that folder.

        ``excel_safe`` puts a ' before CSV cells that a spreadsheet would run as a formula.
        """
        folder = Path(out) / self.folder_name
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create output folder {folder}: {exc.strerror}") from None
        remove_stale_temporaries(folder)
        self.notes = []
        # For large inputs, when there is a second core, JSON Lines and Parquet are written
        # aside, in a second process, while this one writes the CSV, the chart and the
        # report. Otherwise the CSV and JSON Lines share one pass over the records.
        fork = self.jobs > 1 and self._store.rows >= FORK_WRITER_ROWS
        aside = Aside(partial(self._write_records_aside, folder, jsonl=fork), fork=fork)
        try:
            rest = self._write_rest(folder, excel_safe=excel_safe, jsonl=not fork)
            records = aside.result()
        except BaseException:
            aside.cancel()
            raise
        self.notes += records.notes
        written = ["records.csv", "records.jsonl", *records.files, *rest, "summary.json"]
        write_text(folder / "summary.json", summary_json(self, outputs=written))
        self.written = written
        return folder

    def _write_records_aside(self, folder: Path, *, jsonl: bool) -> Written:
        """records.jsonl when ``jsonl``, then records.parquet, which is the one it may lack."""
        if jsonl:
            write_table(self.chunks(), RECORD_COLUMNS, jsonl=folder / "records.jsonl")
        try:
            write_parquet(self.chunks(), RECORD_COLUMNS, folder / "records.parquet")
        except ParquetUnavailable as missing:
            return Written([], notes=[str(missing)])
        return Written(["records.parquet"])

    def _write_rest(self, folder: Path, *, excel_safe: bool, jsonl: bool) -> list[str]:
        """records.csv (and records.jsonl when ``jsonl``), then every output but the records'
        other files and the summary; returns the names of the outputs after the records."""
        write_table(
            self.chunks(),
            RECORD_COLUMNS,
            csv=folder / "records.csv",
            jsonl=folder / "records.jsonl" if jsonl else None,
            excel_safe=excel_safe,
        )
        write_table(
            [self.moments], MOMENT_COLUMNS, csv=folder / "moments.csv", excel_safe=excel_safe
        )
        written = ["moments.csv"]
        if self.series.volume:
            series = match_series_frame(self.series, self.clock)
            write_table([series], SERIES_COLUMNS, csv=folder / "series.csv", excel_safe=excel_safe)
            write_table(
                [wall_series_frame(self.wall_series)],
                WALL_SERIES_COLUMNS,
                csv=folder / "series_wall.csv",
            )
            written += ["series.csv", "series_wall.csv"]
        fig = self.figure()
        try:
            chart, vector = png_bytes(fig), svg_bytes(fig)
        finally:
            fig.clear()
        write_bytes(folder / "mood.png", chart)
        write_bytes(folder / "mood.svg", vector)
        write_text(folder / "report.html", render_report(self.report_input(chart)))
        return [*written, "mood.png", "mood.svg", "report.html"]

    def report_input(self, chart_png: bytes) -> ReportInput:
        """What the HTML report shows, with the chart already drawn."""
        return ReportInput(
            match=self.match,
            read=self.read,
            skipped=self.skipped,
            view=self.view,
            view_tally=self.view_tally,
            everyone=self.tally,
            lag=self.lag,
            chart_png=chart_png,
            spikes=self.spikes,
            goals_detected=self.goals_detected,
            shifts=self.shifts(),
            shift_window=self.shift_window,
            lexicon_version=self.lexicon_version,
            neutral_band=self.scoring.neutral_band,
            naive_timezone=str(self.read_options.naive_timezone),
        )

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Analysis:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def remove_stale_temporaries(folder: Path) -> None:
    """Remove what a killed run left half-written (atomic writes name them .<output>.<random>.tmp).

    A run stopped by SIGKILL or a power cut never gets to delete its temporary files;
    only names of this tool's own outputs are touched.
    """
    for leftover in folder.glob(".*.tmp"):
        if RE_TEMPORARY.fullmatch(leftover.name):
            leftover.unlink(missing_ok=True)


def resolve_match(
    match: str | None = None, match_file: str | Path | None = None
) -> tuple[Match, str]:
    """The match an id names, in the shipped World Cups or in a user's match file, and its folder name."""
    catalog = load_match_file(Path(match_file)) if match_file else shipped()
    found = catalog.find(match)
    return found, catalog.folder_name(found)


def analyze(
    path: str | Path,
    *,
    match: str | None = None,
    match_file: str | Path | None = None,
    lag: float | None = None,
    half_time_break: float | None = None,
    authors: str = "fans",
    shift_window: int = 5,
    neutral_band: float | None = None,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    read_options: ReadOptions | None = None,
    on_file: Callable[[int, int, str], None] | None = None,
) -> Analysis:
    """Read every file under ``path``, score each record, place it on the match, total it up.

    ``match`` is an id like ``"BEL-JPN"`` (or ``"BEL-ENG@2018-07-14"`` when teams met more
    than once); ``match_file`` reads the match from a file instead of the shipped data.
    ``lag`` fixes how many minutes tweets run behind the pitch (estimated when None);
    ``half_time_break`` is in minutes (the match file's, else 15). ``authors`` picks whose
    mood the report speaks for (a key of ``AUTHOR_VIEWS``); the data files keep everyone.
    ``shift_window`` is the minutes before and after each goal compared for its mood
    shift; ``neutral_band`` replaces the football scorer's (see ``FOOTBALL_NEUTRAL_BAND``).
    ``jobs`` is how many processes read and score (every usable core when None; one for
    small inputs). ``engine="dask"`` reads and scores on a Dask cluster instead: the one at
    ``scheduler`` (``"tcp://host:8786"``), else a local one of ``jobs`` workers.
    ``on_file(done, total, path)`` is called before each file is read.
    """
    if match is None and match_file is None:
        raise InputError("say which match: --match BEL-JPN, or --match-file for your own")
    if engine not in ENGINES:
        raise InputError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler is not None and engine != "dask":
        raise InputError("--scheduler names a Dask scheduler: add --engine dask")
    if authors not in AUTHOR_VIEWS:
        raise InputError(f"--authors must be one of {', '.join(AUTHOR_VIEWS)}, not {authors!r}")
    found, folder_name = resolve_match(match, match_file)
    read_options = read_options or ReadOptions()
    inputs = Inputs(Path(path), options=read_options, on_file=on_file)
    scoring = ScoringOptions.football()
    if neutral_band is not None:
        scoring = replace(scoring, neutral_band=neutral_band)
    timeline = Timeline(found)
    clock = MatchClock.for_match(found, half_time_break=half_time_break)

    unplaced = Spill()
    try:
        wall = MinuteSeries()
        stage = Stage(found, scoring, read_options)
        local_jobs = effective_jobs(jobs, inputs)
        stages: Stages | DaskStages = (
            DaskStages(stage, scheduler=scheduler, jobs=jobs or usable_cores())
            if engine == "dask"
            else Stages(stage, jobs=local_jobs)
        )
        _first_pass(inputs, stages, unplaced, wall)
        settled = settle_lag(lag, wall, found, clock)
        clock = clock.with_lag(settled.minutes)
        spikes, detected = stream_spikes(wall, found, clock)
        roles = AUTHOR_VIEWS[authors]
        store, tally, view_tally = Spill(), Tally(found), Tally(found, roles=roles)
        series, view_series = StreamSeries(), StreamSeries()
        for chunk in unplaced:
            placed = place_by_time(chunk, clock, timeline)
            store.append(placed)
            tally.add(placed)
            view_tally.add(placed)
            series.add(placed)
            view_series.add(placed if roles is None else placed[placed["author_role"].isin(roles)])
    finally:
        unplaced.close()
    return Analysis(
        match=found,
        folder_name=folder_name,
        clock=clock,
        lag=settled,
        view=authors,
        read=inputs.read,
        skipped=inputs.skipped,
        store=store,
        tally=tally,
        view_tally=view_tally,
        series=series,
        view_series=view_series,
        wall_series=wall,
        spikes=spikes,
        goals_detected=detected,
        shift_window=shift_window,
        scoring=scoring,
        read_options=read_options,
        input_base=Path(path).parent if Path(path).is_file() else Path(path),
        jobs=local_jobs,
    )


def _first_pass(
    inputs: Inputs, stages: Stages | DaskStages, spill: Spill, wall: MinuteSeries
) -> None:
    """Pass one: every unit read, scored, attributed to teams and placed by its words, in order.

    Records with a posting time also go into the wall-clock series, for the lag and spikes.
    """
    positions: dict[str, int] = {}  # records so far in each file read in blocks
    try:
        for done in stages.run(inputs.work()):
            chunk = done.chunk
            if done.block is not None and done.read is not None:
                inputs.block_done(done.block, done.read)
                base = positions.get(done.block.path, 0)
                if base:
                    chunk["position"] += base
                positions[done.block.path] = base + len(chunk)
            add_wall_clock(wall, chunk)
            spill.append(chunk)
        inputs.finish()
    finally:
        stages.close()


def effective_jobs(jobs: int | None, inputs: Inputs) -> int:
    """Processes to use: as asked, else every usable core; one for inputs too small to pay off."""
    if jobs is None:
        jobs = usable_cores()
    return 1 if inputs.size < SMALL_INPUT_BYTES else max(1, jobs)


def usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container or under taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


__all__ = ["Analysis", "Lag", "StreamSeries", "analyze", "resolve_match"]
