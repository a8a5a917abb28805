"""The HTML report: the analysis -> a context of plain values -> Jinja2 templates -> one self-contained file.

Autoescaping is on and nothing from the input is ever marked safe: tweets, names, file
names and handles are untrusted text. The chart is inlined as a data URI, the style sheet
as a <style> element, so the file opens offline and makes no network requests.
"""

from __future__ import annotations

import base64
import hashlib
import math
from dataclasses import dataclass
from datetime import UTC
from importlib import resources
from typing import TYPE_CHECKING, Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from analyzer import __version__
from analyzer.ingest import FileRead, FileSkipped
from analyzer.matches import Match
from analyzer.tally import Tally

if TYPE_CHECKING:
    from analyzer.timing import Lag


@dataclass(frozen=True)
class ReportInput:
    match: Match
    read: list[FileRead]
    skipped: list[FileSkipped]
    tally: Tally
    lag: Lag
    chart_png: bytes


def environment() -> Environment:
    return Environment(
        loader=PackageLoader("analyzer", "templates"),
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
    match, tally = data.match, data.tally
    return {
        "version": __version__,
        "match": {
            "title": match.title,
            "competition": match.competition,
            "round": match.round,
            "date": f"{match.date.day} {match.date:%B %Y}",
            "venue": match.venue,
            "kickoff": kickoff_text(match),
        },
        "inputs": [_input_row(f) for f in data.read],
        "skipped": [{"path": s.path, "reason": s.reason} for s in data.skipped],
        "totals": _totals(tally),
        "lag": {"minutes": data.lag.minutes, "source": data.lag.source, "detail": data.lag.detail},
        "chart": "data:image/png;base64," + base64.b64encode(data.chart_png).decode("ascii"),
        "moments": _moment_rows(tally.moments()),
        "most_positive": [_record_row(r) for r in _rows(tally.most_positive())],
        "most_negative": [_record_row(r) for r in _rows(tally.most_negative())],
        "records": [_record_row(r) for r in _rows(tally.sample())],
        "sampled": tally.sampled,
        "script_hash": script_hash(),
    }


def script_hash() -> str:
    """The Content-Security-Policy hash of the report's one inline script, so only it may run."""
    script = resources.files("analyzer").joinpath("templates/table.js").read_bytes()
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
    }


def _moment_rows(moments: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {**m, "mean_compound": _number(m["mean_compound"]), "change": _number(m["change"])}
        for m in _rows(moments)
    ]


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _input_row(read: FileRead) -> dict[str, str]:
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(read.counts.items()))
    return {"path": read.path, "format": read.format, "counts": counts or "no records"}


def _record_row(row: dict[str, Any]) -> dict[str, Any]:
    source = f"{row['file']}:{row['line']}"
    author = _text(row["author_name"]) or ""
    if handle := _text(row["author_handle"]):
        author = f"{author} (@{handle})" if author else f"@{handle}"
    return {
        "id": row["record_id"],
        "kind": row["kind"],
        "author": author or "unknown",
        "role": row["author_role"],
        "text": row["text"],
        "compound": _number(row["compound"]),
        "label": row["label"],
        "minute": _text(row["minute"]) or "unplaced",
        "clock": _number(row["clock"]),
        "teams": _text(row.get("teams")) or "",
        "moment": _text(row["moment_label"]) or "",
        "method": row["method"],
        "source": source,
    }


def _number(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if math.isnan(number) else round(number, 3)


def _text(value: Any) -> str | None:
    return None if value is None or value is pd.NA else str(value)
