"""The run as one JSON document (summary.json): match, settings, inputs, counts, mood per moment, team and role.

Everything in it is deterministic: the same inputs and settings give the same bytes (no
run time or machine name), so the file can be committed and diffed.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from analyzer import __version__
from analyzer.matches import Match, MomentKind
from analyzer.timeline.coverage import Coverage

if TYPE_CHECKING:
    from analyzer.analysis import Analysis

# Bumped when the document's shape changes, so readers can tell versions apart.
SUMMARY_FORMAT = 2


def summary_document(analysis: Analysis, *, outputs: list[str]) -> dict[str, Any]:
    everyone, view = analysis.tally, analysis.view_tally
    goal_labels = [m.label for m in analysis.match.moments if m.kind is MomentKind.GOAL]
    lag = analysis.lag
    return {
        "format": SUMMARY_FORMAT,
        "analyzer": {
            "version": __version__,
            "scorer": analysis.settings.scorer,
            "model_version": analysis.model_version,
            "lexicon_version": analysis.lexicon_version,
            "neutral_band": analysis.scoring.neutral_band,
            "scoring_layers": list(analysis.scoring.layers_on()),
        },
        "match": _match(analysis.match),
        # Whose mood the sections below speak for: the moments, teams and mood shifts are the
        # view's; "counts" and "all_moments" count every record, as the data files do.
        "view": {
            "authors": analysis.view,
            "asked": analysis.settings.authors,
            "records": view.records,
            "note": analysis.view_note,
        },
        "settings": {
            "authors": analysis.view,
            "lag_minutes": lag.minutes,
            "lag_source": lag.source,
            "lag_detail": lag.detail,
            "lag_confidence": lag.estimate.confidence if lag.estimate and lag.estimate.ok else None,
            "half_time_break_minutes": analysis.clock.half_time_break,
            "shift_window_minutes": analysis.shift_window,
            "post_match_minutes": analysis.settings.post_match,
            "naive_timezone": str(analysis.settings.read.naive_timezone),
        },
        "inputs": {
            "read": [
                {
                    "path": f.path,
                    "format": f.format,
                    "records": f.counts,
                    "problems": f.problem_count,
                    "notes": list(f.notes),
                    "sha256": f.sha256,
                }
                for f in analysis.read
            ],
            "skipped": [{"path": s.path, "reason": s.reason} for s in analysis.skipped],
        },
        "counts": {
            "records": everyone.records,
            "kinds": _sorted(everyone.kinds),
            "labels": _sorted(everyone.labels),
            "methods": _sorted(everyone.methods),
            "phases": _sorted(everyone.phases),
            "roles": _sorted(everyone.roles),
            "teams": _sorted(everyone.teams),
            "retweets": everyone.retweets,
            "unaligned": everyone.unaligned,
            "later": everyone.later,
            "off_day": everyone.off_day,
            "unscored": everyone.labels.get("unscored", 0),
            "in_view": view.records,
        },
        "all_moments": _records(everyone.moments()),
        "moments": _records(view.moments()),
        "teams": _records(view.team_moods()),
        "roles": _records(everyone.role_moods()),  # one row per role: every record
        "coverage": _coverage(analysis.coverage),
        "spikes": [
            {
                "start_utc": pd.Timestamp(s.start * 60, unit="s", tz="UTC").strftime(
                    "%Y-%m-%dT%H:%M:%SZ"
                ),
                "minutes": s.end - s.start + 1,
                "peak_per_minute": s.peak_volume,
                "ratio": s.ratio if math.isfinite(s.ratio) else None,
                "after_moment": s.moment.label if s.moment else None,
                "minutes_from_moment": s.moment.distance if s.moment else None,
                "terms": [term for term, _ in s.terms],
            }
            for s in analysis.spikes
        ],
        "goals_detected": [
            {"goal": label, "detected": d.detected, "delay_minutes": d.delay}
            for label, d in zip(goal_labels, analysis.goals_detected, strict=False)
        ],
        "mood_shifts": [
            {
                "goal": label,
                "before": s.before_n,
                "after": s.after_n,
                "before_mean": s.before_mean,
                "after_mean": s.after_mean,
                "difference": s.difference,
                "ci_low": s.ci_low,
                "ci_high": s.ci_high,
            }
            for label, s in zip(goal_labels, analysis.shifts(), strict=False)
        ],
        # The same, in the mood of the sentences naming each team.
        "team_mood_shifts": {
            team.code: [
                {
                    "goal": label,
                    "before": s.before_n,
                    "after": s.after_n,
                    "difference": s.difference,
                    "ci_low": s.ci_low,
                    "ci_high": s.ci_high,
                }
                for label, s in zip(goal_labels, analysis.shifts(team=team.code), strict=False)
            ]
            for team in (analysis.match.home, analysis.match.away)
        },
        "outputs": outputs,
    }


def summary_json(analysis: Analysis, *, outputs: list[str]) -> str:
    document = _plain(summary_document(analysis, outputs=outputs))
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _coverage(coverage: Coverage | None) -> dict[str, Any] | None:
    """When the data starts and ends against the match, and its gaps (None without times)."""
    if coverage is None:
        return None
    return {
        "first_minute_utc": _utc_minute(coverage.first),
        "last_minute_utc": _utc_minute(coverage.last),
        "starts_after_kickoff_minutes": coverage.starts_late,
        "ends_before_whistle_minutes": coverage.ends_early,
        "gaps": [{"start_utc": _utc_minute(g.start), "minutes": g.minutes} for g in coverage.gaps],
    }


def _utc_minute(minute: float) -> str:
    return pd.Timestamp(minute * 60, unit="s", tz="UTC").strftime("%Y-%m-%dT%H:%M:%SZ")


def _match(match: Match) -> dict[str, Any]:
    return {
        "id": match.id,
        "key": match.key,
        "title": match.title,
        "competition": match.competition,
        "round": match.round,
        "date": match.date.isoformat(),
        "kickoff": match.kickoff.isoformat(),
        "venue": match.venue,
        "home": {"name": match.home.name, "code": match.home.code},
        "away": {"name": match.away.name, "code": match.away.code},
        "score": list(match.score),
        "half_time": list(match.half_time) if match.half_time else None,
        "penalties": list(match.penalties) if match.penalties else None,
        "goals": [
            {
                "minute": str(g.minute),
                "scorer": g.scorer,
                "team": g.team,
                "score": list(g.score),
                "penalty": g.penalty,
                "own_goal": g.own_goal,
            }
            for g in match.goals
        ],
    }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _sorted(counter: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _plain(value: Any) -> Any:
    """pandas and numpy values -> JSON values; NaN and NA become null."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
