"""The HTML report: the analysis -> a context of plain values -> Jinja2 templates -> one self-contained file.

Autoescaping is on and nothing from the input is ever marked safe: tweets, names, file
names and handles are untrusted text. The chart is inlined as a data URI, the style sheet
as a <style> element, so the file opens offline and makes no network requests.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import TYPE_CHECKING, Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from analyzer import __version__
from analyzer.analysis import Analysis
from analyzer.ingest import FileRead, FileSkipped
from analyzer.matches import Match, MomentKind
from analyzer.timeline.coverage import describe as describe_coverage
from analyzer.timeline.shifts import MoodShift
from analyzer.timeline.spikes import GoalDetection, Spike
from analyzer.timeline.totals import Tally

if TYPE_CHECKING:
    from analyzer.timeline.stream import Lag


RE_MISSED = re.compile(r"\d+ of \d+ tweet signatures in .* could not be read")
RE_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
RE_TWEET_ID = re.compile(r"[0-9]{1,20}")


@dataclass(frozen=True)
class ReportInput:
    """What the report shows, gathered by the pipeline; the report knows nothing of files or passes."""

    match: Match
    read: list[FileRead]
    skipped: list[FileSkipped]
    view: str  # whose mood the report speaks for ("fans", "all", ...)
    view_note: str | None  # why that view, when it is not the one asked for
    view_tally: Tally  # the view's records
    everyone: Tally  # every record (for the per-role table and the totals)
    lag: Lag
    chart_png: bytes
    spikes: list[Spike] = field(default_factory=list)
    goals_detected: list[GoalDetection] = field(default_factory=list)
    shifts: list[MoodShift] = field(default_factory=list)
    # The same for the sentences naming each team: (team name, shifts), home then away.
    team_shifts: list[tuple[str, list[MoodShift]]] = field(default_factory=list)
    shift_window: int = 5
    lexicon_version: str | None = None
    scorer: str = "football"
    model_version: str | None = None
    neutral_band: float = 0.05
    naive_timezone: str = "UTC"
    post_match: float = 60.0
    coverage: list[str] = field(
        default_factory=list
    )  # how the stream covers the match, if not whole


def report_input_of(analysis: Analysis, chart_png: bytes) -> ReportInput:
    """What the HTML report shows, with the chart already drawn."""
    return ReportInput(
        match=analysis.match,
        read=analysis.read,
        skipped=analysis.skipped,
        view=analysis.view,
        view_note=analysis.view_note,
        view_tally=analysis.view_tally,
        everyone=analysis.tally,
        lag=analysis.lag,
        chart_png=chart_png,
        spikes=analysis.spikes,
        goals_detected=analysis.goals_detected,
        shifts=analysis.shifts(),
        team_shifts=[
            (team.name, analysis.shifts(team=team.code))
            for team in (analysis.match.home, analysis.match.away)
        ],
        shift_window=analysis.shift_window,
        lexicon_version=analysis.lexicon_version,
        scorer=analysis.settings.scorer,
        model_version=analysis.model_version,
        neutral_band=analysis.scoring.neutral_band,
        naive_timezone=str(analysis.settings.read.naive_timezone),
        post_match=analysis.settings.post_match,
        coverage=describe_coverage(analysis.coverage) if analysis.coverage else [],
    )


def environment() -> Environment:
    return Environment(
        loader=PackageLoader("analyzer.outputs", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_report(data: ReportInput) -> str:
    return environment().get_template("report.html.j2").render(**report_context(data))


def report_context(data: ReportInput) -> dict[str, Any]:
    """Everything the templates show, as plain strings and numbers."""
    match, tally = data.match, data.view_tally
    goal_labels = [m.label for m in match.moments if m.kind is MomentKind.GOAL]
    return {
        "version": __version__,
        "match": {
            "title": match.title,
            "competition": match.competition,
            "round": match.round,
            "date": f"{match.date.day} {match.date:%B %Y}",
            "venue": match.venue,
            "kickoff": kickoff_text(match),
            "home": match.home.name,
            "away": match.away.name,
        },
        "inputs": [_input_row(f) for f in data.read],
        # Tweets a page shows but the reader could not take: said at the top, not folded away.
        "missed": [p.message for f in data.read for p in f.problems if RE_MISSED.search(p.message)],
        "skipped": [{"path": s.path, "reason": s.reason} for s in data.skipped],
        "totals": _totals(data.everyone),
        "view": {
            "name": data.view,
            "records": tally.records,
            "all": data.view == "all",
            "note": data.view_note,
        },
        "lag": {"minutes": data.lag.minutes, "source": data.lag.source, "detail": data.lag.detail},
        "chart": "data:image/png;base64," + base64.b64encode(data.chart_png).decode("ascii"),
        "moments": _moment_rows(tally.moments()),
        "team_moods": _team_rows(tally.team_moods(), match),
        "team_named": sum(n for team, n in tally.teams.items() if team != "neither"),
        "role_moods": [
            {**r, "mean_mood": _number(r["mean_mood"])} for r in _rows(data.everyone.role_moods())
        ],
        "spikes": [_spike_row(s) for s in data.spikes],
        "goals_detected": [
            {"goal": label, "detected": d.detected, "delay": d.delay}
            for label, d in zip(goal_labels, data.goals_detected, strict=False)
        ],
        "shifts": [
            _shift_row(label, s)
            | {"teams": [_shift_row(label, t[i]) for _, t in data.team_shifts if t]}
            for i, (label, s) in enumerate(zip(goal_labels, data.shifts, strict=False))
        ],
        "shift_teams": [name for name, moves in data.team_shifts if moves],
        "shift_window": data.shift_window,
        "most_positive": [_record_row(r) for r in _rows(tally.most_positive())],
        "most_negative": [_record_row(r) for r in _rows(tally.most_negative())],
        "records": [_record_row(r) for r in _rows(tally.sample())],
        "sampled": tally.sampled,
        "scoring": {
            "scorer": data.scorer,
            "model": data.model_version,
            "lexicon": data.lexicon_version or "off (plain VADER words)",
            "neutral_band": f"{data.neutral_band:g}",
        },
        "naive_timezone": data.naive_timezone,
        "post_match": data.post_match,
        "coverage": data.coverage,
        "script_hash": script_hash(),
    }


def _team_rows(moods: pd.DataFrame, match: Match) -> list[dict[str, Any]]:
    labels = {m.id: m.label for m in match.moments} | {"pre-match": "Before kick-off"}
    rows = []
    for row in _rows(moods):
        if row["home_records"] or row["away_records"]:
            rows.append({"label": labels.get(str(row["moment"]), str(row["moment"])),
                         "home_mean": _number(row["home_mean"]), "home_records": row["home_records"],
                         "away_mean": _number(row["away_mean"]), "away_records": row["away_records"]})  # fmt: skip
    return rows


def _spike_row(spike: Spike) -> dict[str, Any]:
    start = datetime.fromtimestamp(spike.start * 60, tz=UTC)
    near = spike.moment
    return {
        "start": f"{start:%H:%M}",
        "minutes": spike.end - spike.start + 1,
        "peak": spike.peak_volume,
        "ratio": f"{spike.ratio:.1f}" if math.isfinite(spike.ratio) else "from nothing",
        "near": f"{near.label} ({near.distance:+g} min)" if near else "no match event near it",
        "terms": ", ".join(term for term, _ in spike.terms[:6]),
    }


def _shift_row(label: str, shift: MoodShift) -> dict[str, Any]:
    return {
        "goal": label,
        "difference": _number(shift.difference),
        "low": _number(shift.ci_low),
        "high": _number(shift.ci_high),
        "before": shift.before_n,
        "after": shift.after_n,
        "significant": shift.significant,
    }


def script_hash() -> str:
    """The Content-Security-Policy hash of the report's one inline script, so only it may run."""
    script = resources.files("analyzer.outputs").joinpath("templates/table.js").read_bytes()
    return "sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode("ascii")


def kickoff_text(match: Match) -> str:
    """'21:00 local (UTC+03:00), 18:00 UTC'."""
    local = match.kickoff
    offset = local.strftime("%z")
    utc = local.astimezone(UTC)
    return f"{local:%H:%M} local (UTC{offset[:3]}:{offset[3:]}), {utc:%H:%M} UTC"


def _totals(tally: Tally) -> dict[str, Any]:
    kinds = sorted(tally.kinds.items(), key=lambda item: -item[1])
    return {
        "records": tally.records,
        "by_kind": ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in kinds),
        "unaligned": tally.unaligned,
        "unscored": tally.labels.get("unscored", 0),
        "retweets": tally.retweets,
        "later": tally.later,
        "off_day": tally.off_day,
    }


def _moment_rows(moments: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {**m, "mean_mood": _number(m["mean_mood"]), "change": _number(m["change"])}
        for m in _rows(moments)
    ]


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _input_row(read: FileRead) -> dict[str, Any]:
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(read.counts.items()))
    problems = ""
    if read.problem_count:
        problems = f"{read.problem_count}: " + "; ".join(str(p) for p in read.problems[:3])
        if read.problem_count > 3:
            problems += "; ..."
    return {
        "path": read.path,
        "format": read.format,
        "counts": counts or "no records",
        "problems": problems,
        "notes": list(read.notes),
    }


def _record_row(row: dict[str, Any]) -> dict[str, Any]:
    source = f"{row['file']}:{row['line']}"
    handle = _text(row["author_handle"])
    author = _text(row["author_name"]) or ""
    if handle:
        author = f"{author} (@{handle})" if author else f"@{handle}"
    label = str(row["label"])
    if label == "unscored" and (language := _text(row.get("language"))):
        label = f"unscored ({language})"
    return {
        "id": row["record_id"],
        "kind": row["kind"],
        "author": author or "unknown",
        "role": row["author_role"],
        "text": row["text"],
        "mood": _number(row["mood"]),
        "compound": _number(row["compound"]),
        "label": label,
        "label_class": row["label"],
        "minute": _text(row["minute"]) or "unplaced",
        "clock": _number(row["clock"]),
        "teams": _text(row.get("teams")) or "",
        "moment": _text(row["moment_label"]) or "",
        "method": row["method"],
        "source": source,
        "url": tweet_url(handle, _text(row.get("tweet_id"))),
    }


def tweet_url(handle: str | None, tweet_id: str | None) -> str | None:
    """A link to a tweet, built only from a handle and an id that look like Twitter's.

    The only links the report makes to the outside; nothing else from the input ever
    becomes a URL, so no input can inject a javascript: or data: link.
    """
    if handle and tweet_id and RE_HANDLE.fullmatch(handle) and RE_TWEET_ID.fullmatch(tweet_id):
        return f"https://twitter.com/{handle}/status/{tweet_id}"
    return None


def _number(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if math.isnan(number) else round(number, 3)


def _text(value: Any) -> str | None:
    return None if value is None or value is pd.NA else str(value)
