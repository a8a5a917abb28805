"""Writing a run's every output into ``out/<match>/``: the data files, the chart, the report, summary.json."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.analysis import Analysis
from analyzer.engine import timing
from analyzer.errors import InputError
from analyzer.outputs.chart import figure_of, png_bytes, svg_bytes
from analyzer.outputs.files import (
    ParquetUnavailable,
    write_bytes,
    write_parquet,
    write_table,
    write_text,
)
from analyzer.outputs.report import render_report, report_input_of
from analyzer.outputs.summary_json import summary_json
from analyzer.progress import SILENT, Progress
from analyzer.schema import MOMENT_COLUMNS, RECORD_COLUMNS, SERIES_COLUMNS, WALL_SERIES_COLUMNS
from analyzer.timeline.stream import match_series_frame, wall_series_frame

OUTPUT_NAMES = (
    "records.csv", "records.jsonl", "records.parquet", "moments.csv", "series.csv",
    "series_wall.csv", "mood.png", "mood.svg", "report.html", "summary.json",
)  # fmt: skip
RE_TEMPORARY = re.compile(
    r"\.(?:" + "|".join(re.escape(n) for n in OUTPUT_NAMES) + r")\.[A-Za-z0-9_]+\.tmp"
)


@dataclass
class Written:
    """Where the outputs went, their names in the order written, and what could not be written."""

    folder: Path
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said to the user as warnings


def write_outputs(
    analysis: Analysis,
    out: str | Path = "reports",
    *,
    excel_safe: bool | None = None,
    progress: Progress = SILENT,
) -> Written:
    """Write every output into ``out/<match>/``.

    ``excel_safe`` (the settings' when None) puts a ' before CSV cells that a spreadsheet
    would run as a formula.
    """
    if excel_safe is None:
        excel_safe = analysis.settings.excel_safe
    folder = Path(out) / analysis.folder_name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output folder {folder}: {exc.strerror}") from None
    remove_stale_temporaries(folder)
    written = Written(folder)
    progress.stage("writing the data files")
    with timing.stage("write"):
        _write_records(analysis, written, excel_safe=excel_safe)
    progress.stage("writing the moments and series")
    with timing.stage("write"):
        _write_moments_and_series(analysis, written, excel_safe=excel_safe)
    progress.stage("drawing the chart and the report")
    _write_chart_and_report(analysis, written)
    written.files.append("summary.json")
    with timing.stage("write"):
        write_text(folder / "summary.json", summary_json(analysis, outputs=written.files))
    return written


def _write_records(analysis: Analysis, written: Written, *, excel_safe: bool) -> None:
    """records.csv and records.jsonl in one pass over the records, then records.parquet."""
    folder = written.folder
    write_table(
        analysis.chunks(),
        RECORD_COLUMNS,
        csv=folder / "records.csv",
        jsonl=folder / "records.jsonl",
        excel_safe=excel_safe,
    )
    written.files += ["records.csv", "records.jsonl"]
    try:
        write_parquet(analysis.chunks(), RECORD_COLUMNS, folder / "records.parquet")
    except ParquetUnavailable as missing:
        written.notes.append(str(missing))
    else:
        written.files.append("records.parquet")


def _write_moments_and_series(analysis: Analysis, written: Written, *, excel_safe: bool) -> None:
    folder = written.folder
    write_table(
        [analysis.moments], MOMENT_COLUMNS, csv=folder / "moments.csv", excel_safe=excel_safe
    )
    written.files.append("moments.csv")
    if analysis.series.volume:
        series = match_series_frame(analysis.series, analysis.clock)
        write_table([series], SERIES_COLUMNS, csv=folder / "series.csv", excel_safe=excel_safe)
        write_table(
            [wall_series_frame(analysis.wall_series)],
            WALL_SERIES_COLUMNS,
            csv=folder / "series_wall.csv",
        )
        written.files += ["series.csv", "series_wall.csv"]


def _write_chart_and_report(analysis: Analysis, written: Written) -> None:
    with timing.stage("chart"):
        fig = figure_of(analysis)
        try:
            chart, vector = png_bytes(fig), svg_bytes(fig)
        finally:
            fig.clear()
        write_bytes(written.folder / "mood.png", chart)
        write_bytes(written.folder / "mood.svg", vector)
    with timing.stage("report"):
        report = render_report(report_input_of(analysis, chart))
        write_text(written.folder / "report.html", report)
    written.files += ["mood.png", "mood.svg", "report.html"]


def remove_stale_temporaries(folder: Path) -> None:
    """Remove what a killed run left half-written (atomic writes name them .<output>.<random>.tmp).

    A run stopped by SIGKILL or a power cut never gets to delete its temporary files;
    only names of this tool's own outputs are touched.
    """
    for leftover in folder.glob(".*.tmp"):
        if RE_TEMPORARY.fullmatch(leftover.name):
            leftover.unlink(missing_ok=True)
