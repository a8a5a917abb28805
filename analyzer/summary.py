"""The short text summary printed after a run: what was read, and the mood before and after each goal."""

from __future__ import annotations

import math

import pandas as pd

from analyzer.matches import MomentKind
from analyzer.pipeline import Analysis


def summary_lines(analysis: Analysis) -> list[str]:
    match, records = analysis.match, analysis.records
    lines = [f"{match.title}  ({match.competition}, {match.round}, {match.date.isoformat()})", ""]
    lines.append(f"Read {len(analysis.corpus.read)} file(s):")
    width = max((len(f.path) for f in analysis.corpus.read), default=0)
    for f in analysis.corpus.read:
        counts = (
            ", ".join(f"{n} {_plural(kind, n)}" for kind, n in sorted(f.counts.items()))
            or "no records"
        )
        lines.append(f"  {f.path:<{width}}  {counts}")
    for s in analysis.corpus.skipped:
        lines.append(f"  skipped {s.path}: {s.reason}")
    kinds = records["kind"].value_counts()
    made_of = ", ".join(f"{n} {_plural(str(kind), int(n))}" for kind, n in kinds.items())
    unaligned = int(records["clock"].isna().sum())
    lines += [
        "",
        f"{len(records)} records ({made_of}); {unaligned} could not be placed on the match clock.",
    ]
    lines += ["", "Mood before and after each goal (mean compound score, records):"]
    moments = analysis.moments
    points = moments[moments["kind"] != MomentKind.COMEBACK.value].reset_index(drop=True)
    label_width = max((len(str(x)) for x in points["label"]), default=0)
    for i, row in points.iterrows():
        if row["kind"] != MomentKind.GOAL.value:
            continue
        before = points.iloc[int(str(i)) - 1] if int(str(i)) > 0 else None
        lines.append(f"  {row['label']:<{label_width}}  before {_mood(before)}  after {_mood(row)}")
    return lines


def _mood(row: pd.Series | None) -> str:
    if row is None or row["records"] == 0:
        return "   n/a (0)"
    mean = float(row["mean_compound"])
    return f"{'n/a' if math.isnan(mean) else f'{mean:+.3f}':>6} ({int(row['records'])})"


def _plural(kind: str, n: int) -> str:
    return kind if n == 1 else f"{kind}s"
