"""The two passes over the input: read, score and place by words; then, with the lag settled, place by time and total up.

Memory stays bounded by the chunk size, not the input: pass one's slices are parked on
disk; once every posting time has been seen the stream's lag is settled, and pass two
places timed records on the match clock, keeps them on disk and keeps running totals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from analyzer.engine import Engine, timing
from analyzer.engine.spill import Spill
from analyzer.ingest import Inputs
from analyzer.matches import Match
from analyzer.matches.clock import MatchClock
from analyzer.progress import Progress
from analyzer.timeline.placement import Timeline, place_by_time
from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.stream import StreamSeries, add_wall_clock
from analyzer.timeline.totals import Tally


def first_pass(
    inputs: Inputs,
    engine: Engine,
    spill: Spill,
    wall: MinuteSeries,
    *,
    within: tuple[float, float],
    progress: Progress,
) -> Counter[str]:
    """Every unit read, scored, attributed to teams and placed by its words, in input order.

    Records posted ``within`` those epoch minutes also go into the wall-clock series, for the
    lag and spikes.
    Returns how many records each author role has, to choose the view by.
    """
    roles: Counter[str] = Counter()
    positions: dict[str, int] = {}  # records so far in each file read in blocks
    try:
        for done in engine.run(timing.timed_iter("read", inputs.work())):
            timing.merge(done.times)
            chunk = done.chunk
            if done.block is not None and done.read is not None:
                with timing.stage("read"):
                    inputs.block_done(done.block, done.read)
                base = positions.get(done.block.path, 0)
                if base:
                    chunk["position"] += base
                positions[done.block.path] = base + len(chunk)
            with timing.stage("aggregate"):
                add_wall_clock(wall, chunk, within=within)
                roles.update(Counter(chunk["author_role"].astype(str).tolist()))
            with timing.stage("spill"):
                spill.append(chunk)
            progress.read(inputs.bytes_read, inputs.size)
        inputs.finish()
    finally:
        engine.close()
    return roles


@dataclass
class Placed:
    """Pass two's result: every record placed, kept on disk, and totals for all and for the view."""

    store: Spill
    tally: Tally
    view_tally: Tally
    series: StreamSeries
    view_series: StreamSeries


def second_pass(
    unplaced: Spill,
    match: Match,
    clock: MatchClock,
    *,
    roles: frozenset[str] | None,
    post_match: float,
) -> Placed:
    """Place each timed record on the clock and total everything up, for everyone and the view.

    Records posted over ``post_match`` minutes after the final whistle are kept as ``later``.
    """
    timeline = Timeline(match)
    placed = Placed(
        Spill(), Tally(match), Tally(match, roles=roles), StreamSeries(), StreamSeries()
    )
    for chunk in timing.timed_iter("spill", unplaced):
        with timing.stage("place"):
            chunk = place_by_time(chunk, clock, timeline, post_match=post_match)
        with timing.stage("spill"):
            placed.store.append(chunk)
        with timing.stage("aggregate"):
            placed.tally.add(chunk)
            placed.view_tally.add(chunk)
            placed.series.add(chunk)
            placed.view_series.add(
                chunk if roles is None else chunk[chunk["author_role"].isin(roles)]
            )
    return placed
