"""The short text summary printed after a run: what was read, and the mood before and after each goal."""

from __future__ import annotations

import pandas as pd

from analyzer.matches import MomentKind
from analyzer.pipeline import Analysis


def summary_lines(analysis: Analysis) -> list[str]:
    match, tally = analysis.match, analysis.tally
    lines = [f"{match.title}  ({match.competition}, {match.round}, {match.date.isoformat()})", ""]
    lines.append(f"Read {len(analysis.read)} file(s):")
    width = max((len(f.path) for f in analysis.read), default=0)
    for f in analysis.read:
        counts = ", ".join(f"{n} {_plural(kind, n)}" for kind, n in sorted(f.counts.items()))
        problems = (
            f"  ({f.problem_count} problem(s), first: {f.problems[0]})" if f.problem_count else ""
        )
        lines.append(f"  {f.path:<{width}}  {counts or 'no records'}{problems}")
    for s in analysis.skipped:
        lines.append(f"  skipped {s.path}: {s.reason}")
    kinds = sorted(tally.kinds.items(), key=lambda item: (-item[1], item[0]))
    made_of = ", ".join(f"{n} {_plural(kind, n)}" for kind, n in kinds)
    lines += [
        "",
        f"{tally.records} records ({made_of}); {tally.unaligned} could not be placed on the match clock.",
    ]
    if analysis.lag.source != "none":
        lines.append(
            f"Tweets run {analysis.lag.minutes:g} min behind the pitch ({analysis.lag.source})."
        )
    lines += ["", "Mood before and after each goal (mean compound score, scored records):"]
    moments = analysis.moments
    points = moments[moments["kind"] != MomentKind.COMEBACK.value].reset_index(drop=True)
    label_width = max((len(str(x)) for x in points["label"]), default=0)
    for i in range(len(points)):
        row = points.iloc[i]
        if row["kind"] != MomentKind.GOAL.value:
            continue
        before = points.iloc[i - 1] if i > 0 else None
        lines.append(f"  {row['label']:<{label_width}}  before {_mood(before)}  after {_mood(row)}")
    return lines


def _mood(row: pd.Series | None) -> str:
    if row is None or row["scored"] == 0:
        return "   n/a (0)"
    return f"{float(row['mean_compound']):+.3f} ({int(row['scored'])})"


def _plural(kind: str, n: int) -> str:
    return kind if n == 1 else f"{kind}s"
