"""The HTML report: the analysis -> a context of plain values -> Jinja2 templates -> one self-contained file.

Autoescaping is on and nothing from the input is ever marked safe: tweets, names, file
names and handles are untrusted text. The chart is inlined as a data URI, the style sheet
as a <style> element, so the file opens offline and makes no network requests.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from datetime import UTC
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from analyzer import __version__
from analyzer.ingest import Corpus, FileRead
from analyzer.matches import Match

# How many of the most positive and most negative records the report lifts out.
EXTREMES_SHOWN = 5


@dataclass(frozen=True)
class ReportInput:
    match: Match
    corpus: Corpus
    records: pd.DataFrame
    moments: pd.DataFrame
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
    match, records = data.match, data.records
    rows = [_record_row(row) for row in _rows(records)]
    by_score = [r for r in rows if r["compound"] is not None]
    positive = sorted(
        (r for r in by_score if r["label"] == "positive"), key=lambda r: -r["compound"]
    )
    negative = sorted(
        (r for r in by_score if r["label"] == "negative"), key=lambda r: r["compound"]
    )
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
        "inputs": [_input_row(f) for f in data.corpus.read],
        "skipped": [{"path": s.path, "reason": s.reason} for s in data.corpus.skipped],
        "totals": _totals(records),
        "chart": "data:image/png;base64," + base64.b64encode(data.chart_png).decode("ascii"),
        "moments": _moment_rows(data.moments),
        "most_positive": positive[:EXTREMES_SHOWN],
        "most_negative": negative[:EXTREMES_SHOWN],
        "records": rows,
    }


def kickoff_text(match: Match) -> str:
    """'21:00 local (UTC+03:00), 18:00 UTC'."""
    local = match.kickoff
    offset = local.strftime("%z")
    utc = local.astimezone(UTC)
    return f"{local:%H:%M} local (UTC{offset[:3]}:{offset[3:]}), {utc:%H:%M} UTC"


def _totals(records: pd.DataFrame) -> dict[str, Any]:
    kinds = records["kind"].value_counts()
    return {
        "records": len(records),
        "by_kind": ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in kinds.items()),
        "unaligned": int(records["clock"].isna().sum()),
        "mean": _number(records["compound"].mean()),
    }


def _moment_rows(moments: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    previous: float | None = None
    for m in _rows(moments):
        mean = _number(m["mean_compound"])
        change = None
        if mean is not None and m["kind"] != "comeback":
            change = None if previous is None else round(mean - previous, 3)
            previous = mean
        rows.append({**m, "mean_compound": mean, "change": change})
    return rows


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _input_row(read: FileRead) -> dict[str, str]:
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(read.counts.items()))
    return {"path": read.path, "format": read.format, "counts": counts or "no records"}


def _record_row(row: dict[str, Any]) -> dict[str, Any]:
    source = f"{row['file']}:{row['line']}"
    author = row["author_name"] or ""
    if row["author_handle"] is not None and row["author_handle"] is not pd.NA:
        author = f"{author} (@{row['author_handle']})" if author else f"@{row['author_handle']}"
    return {
        "id": row["record_id"],
        "kind": row["kind"],
        "author": author or "unknown",
        "role": row["author_role"],
        "text": row["text"],
        "compound": _number(row["compound"]),
        "label": row["label"],
        "minute": _text(row["minute"]) or "unplaced",
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
