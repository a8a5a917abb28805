"""The whole analysis in one call: read -> records -> scores -> placement -> totals, as an Analysis.

This is the library API the CLI and notebooks share::

    import analyzer
    with analyzer.analyze("tweets/", match="BEL-JPN") as result:
        result.records                          # one row per tweet or quote (DataFrame)
        result.moments                          # one row per match moment
        analyzer.write_outputs(result, "reports")  # reports/BEL-JPN/: data, chart, report
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from analyzer.analysis import Analysis
from analyzer.engine import PassOne, start_engine
from analyzer.engine.passes import first_pass, second_pass
from analyzer.engine.spill import Spill
from analyzer.errors import InputError
from analyzer.ingest import Inputs
from analyzer.matches import Match, load_match_file, shipped
from analyzer.matches.clock import MatchClock
from analyzer.progress import SILENT, Progress
from analyzer.settings import AUTHOR_VIEWS, Settings, choose_view
from analyzer.timeline.coverage import stream_coverage
from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.stream import settle_lag, stream_spikes, wall_window

# Inputs smaller than this are read in one process: starting a worker costs more than it saves.
SMALL_INPUT_BYTES = 16 << 20


def resolve_match(
    match: str | None = None, match_file: str | Path | None = None
) -> tuple[Match, str]:
    """The match an id names, in the shipped World Cups or in a user's match file, and its folder name."""
    catalog = load_match_file(Path(match_file)) if match_file else shipped()
    found = catalog.find(match)
    return found, catalog.folder_name(found)


def analyze(
    path: str | Path,
    settings: Settings | None = None,
    *,
    progress: Progress = SILENT,
    **options: Any,
) -> Analysis:
    """Read every file under ``path``, score each record, place it on the match, total it up.

    ``settings`` says what to do (see :class:`analyzer.settings.Settings`); keyword
    ``options`` make or override them (``analyze(path, match="BEL-JPN", authors="all")``).
    ``progress`` hears how many bytes are read, then each later stage.
    """
    settings = Settings.of(settings, **options)
    match, folder_name = resolve_match(settings.match, settings.match_file)
    inputs = Inputs(Path(path), options=settings.read)
    clock = MatchClock.for_match(match, half_time_break=settings.half_time_break)
    work = PassOne(match, settings.scoring, settings.read)
    jobs = effective_jobs(settings, inputs)
    engine = start_engine(
        settings.engine,
        work,
        jobs=(settings.jobs or usable_cores()) if settings.engine == "dask" else jobs,
        scheduler=settings.scheduler,
    )
    unplaced = Spill()
    try:
        wall = MinuteSeries()
        roles = first_pass(
            inputs, engine, unplaced, wall, within=wall_window(match, clock), progress=progress
        )
        if not roles:
            raise InputError(nothing_found(Path(path), inputs))
        view, view_note = choose_view(settings.authors, roles)
        lag = settle_lag(settings.lag, wall, match, clock)
        clock = clock.with_lag(lag.minutes)
        spikes, detected = stream_spikes(wall, match, clock)
        coverage = stream_coverage(wall, match, clock)
        progress.stage("placing on the match clock")
        placed = second_pass(
            unplaced, match, clock, roles=AUTHOR_VIEWS[view], post_match=settings.post_match
        )
    finally:
        unplaced.close()
    return Analysis(
        match=match,
        folder_name=folder_name,
        settings=settings,
        view=view,
        view_note=view_note,
        clock=clock,
        lag=lag,
        read=inputs.read,
        skipped=inputs.skipped,
        tally=placed.tally,
        view_tally=placed.view_tally,
        series=placed.series,
        view_series=placed.view_series,
        wall_series=wall,
        spikes=spikes,
        goals_detected=detected,
        coverage=coverage,
        input_base=Path(path).parent if Path(path).is_file() else Path(path),
        jobs=jobs,
        store=placed.store,
    )


def nothing_found(path: Path, inputs: Inputs) -> str:
    """Why a run that read its files found no record: an error, never an empty report."""
    read = f"{len(inputs.read)} file{'s' if len(inputs.read) != 1 else ''} read"
    skipped = f", {len(inputs.skipped)} skipped" if inputs.skipped else ""
    why = [f"{f.path}: {f.problems[0]}" for f in inputs.read if f.problems][:3]
    why += [f"{s.path}: {s.reason}" for s in inputs.skipped][: 3 - len(why)]
    reasons = f" ({'; '.join(why)})" if why else ""
    return (
        f"no tweet or quote found in {path}: {read}{skipped}{reasons}; articles need embedded "
        "tweets or attributed quotes, exports a text column"
    )


def effective_jobs(settings: Settings, inputs: Inputs) -> int:
    """Processes to use: as asked, else every usable core; one for inputs too small to pay off."""
    jobs = settings.jobs or usable_cores()
    return 1 if inputs.size < SMALL_INPUT_BYTES else max(1, jobs)


def usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container or under taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


__all__ = ["Analysis", "analyze", "resolve_match"]
