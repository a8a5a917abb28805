"""The short text summary printed after a run: what was read, the stream's timing, the mood around each goal."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pandas as pd

from analyzer.analysis import Analysis
from analyzer.matches import MomentKind
from analyzer.timeline.coverage import describe as describe_coverage
from analyzer.timeline.shifts import MoodShift


def summary_lines(analysis: Analysis) -> list[str]:
    match, everyone, view = analysis.match, analysis.tally, analysis.view_tally
    lines = [f"{match.title}  ({match.competition}, {match.round}, {match.date.isoformat()})", ""]
    lines += _files(analysis)
    kinds = sorted(everyone.kinds.items(), key=lambda item: (-item[1], item[0]))
    made_of = ", ".join(f"{n:,} {_plural(kind, n)}" for kind, n in kinds)
    lines += [
        "",
        f"{everyone.records:,} {_plural('record', everyone.records)} ({made_of}); "
        f"{everyone.unaligned} could not be placed on the match clock.",
    ]
    if everyone.later:
        lines.append(
            f"{everyone.later:,} {_plural('record', everyone.later)} posted over "
            f"{analysis.settings.post_match:g} min after the final whistle: kept in the data "
            "files as 'later', left out of the moments and the chart (--post-match)."
        )
    if everyone.off_day:
        lines.append(
            f"Warning: {everyone.off_day:,} {_plural('record', everyone.off_day)} dated days away "
            "from the match (another match?): kept in the data files as 'off-day', left out of "
            "its mood."
        )
    lines += _timing(analysis)
    if analysis.view_note:
        lines.append(analysis.view_note)
    elif analysis.view != "all":
        lines.append(
            f"The report speaks for {analysis.view}: {view.records:,} of the {everyone.records:,} "
            "records (--authors all for everyone)."
        )
    lines += ["", "Mood before -> after each goal (mean mood, scored records):"]
    lines += _goal_moods(analysis)
    lines += _shifts(analysis)
    return lines


def _files(analysis: Analysis) -> list[str]:
    lines = [f"Read {len(analysis.read)} file(s):"]
    width = max((len(f.path) for f in analysis.read), default=0)
    for f in analysis.read:
        counts = ", ".join(f"{n:,} {_plural(kind, n)}" for kind, n in sorted(f.counts.items()))
        problems = (
            f"  ({f.problem_count} problem(s), first: {f.problems[0]})" if f.problem_count else ""
        )
        lines.append(f"  {f.path:<{width}}  {counts or 'no records'}{problems}")
        lines += [f"  {'':<{width}}  {note}" for note in f.notes]
    lines += [f"  skipped {s.path}: {s.reason}" for s in analysis.skipped]
    return lines


def _timing(analysis: Analysis) -> list[str]:
    lag = analysis.lag
    if lag.source == "none":
        return []
    said = {"given": "as given", "estimated": f"estimated: {lag.detail}", "assumed": lag.detail}
    lines = [f"Tweets run {lag.minutes:g} min behind the pitch ({said[lag.source]})."]
    if analysis.coverage is not None:
        lines += describe_coverage(analysis.coverage)
    if analysis.spikes:
        found = [d for d in analysis.goals_detected if d.detected]
        delays = ", ".join(f"{d.delay:g}" for d in found)
        late = f", {delays} min after the goal" if found else ""
        spikes = len(analysis.spikes)
        lines.append(
            f"{spikes} spike{'s' if spikes != 1 else ''} in volume; {len(found)} of "
            f"{len(analysis.goals_detected)} goals show as spikes{late}."
        )
        for spike in analysis.spikes[:SPIKES_LISTED]:
            start = datetime.fromtimestamp(spike.start * 60, tz=UTC).strftime("%H:%M")
            near = (
                f", after {spike.moment.label} ({spike.moment.distance:+g} min)"
                if spike.moment
                else ", no match event near it"
            )
            words = " ".join(term for term, _ in spike.terms[:4])
            lines.append(
                f"  {start} UTC  peak {spike.peak_volume}/min, x{spike.ratio:.1f}{near}  [{words}]"
            )
    return lines


SPIKES_LISTED = 10


def _goal_moods(analysis: Analysis) -> list[str]:
    """Per goal: the mood of the moment before it and of its own, for the view and for everyone."""
    views = [(analysis.view, analysis.view_tally.moments())]
    if analysis.view != "all":
        views.append(("everyone", analysis.tally.moments()))
    columns = [(name, _before_after(moments)) for name, moments in views]
    goals = [m for m in analysis.match.moments if m.kind is MomentKind.GOAL]
    label_width = max((len(m.label) for m in goals), default=0)
    cell_width = max((len(cell) for _, cells in columns for cell in cells.values()), default=0) + 3
    header = "".join(f"{name:<{cell_width}}" for name, _ in columns).rstrip()
    lines = [f"  {'':<{label_width}}  {header}"]
    for goal in goals:
        row = "".join(f"{cells.get(goal.id, ''):<{cell_width}}" for _, cells in columns).rstrip()
        lines.append(f"  {goal.label:<{label_width}}  {row}")
    return lines


def _before_after(moments: pd.DataFrame) -> dict[str, str]:
    points = moments[moments["kind"] != MomentKind.COMEBACK.value].reset_index(drop=True)
    cells = {}
    for i in range(len(points)):
        if points.iloc[i]["kind"] == MomentKind.GOAL.value:
            before = points.iloc[i - 1] if i > 0 else None
            cells[str(points.iloc[i]["moment"])] = f"{_mood(before)} -> {_mood(points.iloc[i])}"
    return cells


def _shifts(analysis: Analysis) -> list[str]:
    shifts = analysis.shifts()
    if not shifts:
        return []
    match = analysis.match
    teams = [(team.code, analysis.shifts(team=team.code)) for team in (match.home, match.away)]
    labels = [m.label for m in match.moments if m.kind is MomentKind.GOAL]
    width = max(len(label) for label in labels)
    columns = [("everyone", shifts), *[(f"about {code}", moves) for code, moves in teams]]
    cells = [[_shift_cell(s) for s in moves] for _, moves in columns]
    cell_width = max(len(c) for column in cells for c in column) + 2
    lines = [
        "",
        f"Mood shift at each goal ({analysis.view}; {analysis.shift_window} min before vs after, "
        "by posting time; 95% interval; n before/after):",
        f"  {'':<{width}}  " + "".join(f"{name:<{cell_width}}" for name, _ in columns).rstrip(),
    ]
    for i, label in enumerate(labels):
        row = "".join(f"{column[i]:<{cell_width}}" for column in cells).rstrip()
        lines.append(f"  {label:<{width}}  {row}")
    return lines


def _shift_cell(shift: MoodShift) -> str:
    counts = f"({shift.before_n}/{shift.after_n})"
    if not math.isfinite(shift.difference):
        return f"n/a {counts}"
    if not math.isfinite(shift.ci_low):
        return f"{shift.difference:+.3f} [too few] {counts}"
    return f"{shift.difference:+.3f} [{shift.ci_low:+.3f}, {shift.ci_high:+.3f}] {counts}"


def _mood(row: pd.Series | None) -> str:
    if row is None or row["scored"] == 0:
        return "   n/a"
    return f"{float(row['mean_mood']):+.3f} ({int(row['scored'])})"


def _plural(kind: str, n: int) -> str:
    return kind if n == 1 else f"{kind}s"
