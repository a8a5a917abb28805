"""The whole analysis in one call: read -> records -> scores -> alignment -> tables, and writing it out.

This is the library API the CLI and notebooks share::

    import analyzer
    result = analyzer.analyze("tweets/", match="BEL-JPN")
    result.records          # one row per tweet or quote (pandas DataFrame)
    result.moments          # one row per match moment
    result.write("reports")  # reports/BEL-JPN/: data files, chart, HTML report
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analyzer.align import align
from analyzer.charts import mood_chart, png_bytes
from analyzer.errors import InputError
from analyzer.export import write_bytes, write_csv, write_jsonl, write_text
from analyzer.frame import MOMENT_COLUMNS, moments_frame, records_frame
from analyzer.ingest import Corpus, read_folder
from analyzer.matches import Match, load_match_file, shipped
from analyzer.report import ReportInput, render_report
from analyzer.sentiment import default_scorer

OUTPUT_FILES = ("records.csv", "records.jsonl", "moments.csv", "mood.png", "report.html")


@dataclass
class Analysis:
    """The result of one analysis: the match, what was read, and the tables built from it."""

    match: Match
    corpus: Corpus
    records: pd.DataFrame
    moments: pd.DataFrame
    folder_name: str  # where under the output folder this match's files go

    def figure(self) -> Figure:
        """The mood-over-match chart (a new matplotlib Figure; close it when done)."""
        return mood_chart(self.records, self.match)

    def write(self, out: str | Path = "reports") -> Path:
        """Write every output into ``out/<match>/`` and return that folder."""
        folder = Path(out) / self.folder_name
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create output folder {folder}: {exc.strerror}") from None
        write_csv(self.records, folder / "records.csv")
        write_jsonl(self.records, folder / "records.jsonl")
        write_csv(self.moments, folder / "moments.csv")
        fig = self.figure()
        try:
            chart = png_bytes(fig)
        finally:
            fig.clear()
        write_bytes(folder / "mood.png", chart)
        html = render_report(
            ReportInput(self.match, self.corpus, self.records, self.moments, chart)
        )
        write_text(folder / "report.html", html)
        return folder


def resolve_match(
    match: str | None = None, match_file: str | Path | None = None
) -> tuple[Match, str]:
    """The match an id names, in the shipped World Cups or in a user's match file, and its folder name."""
    catalog = load_match_file(Path(match_file)) if match_file else shipped()
    found = catalog.find(match)
    return found, catalog.folder_name(found)


def analyze(
    path: str | Path,
    *,
    match: str | None = None,
    match_file: str | Path | None = None,
    on_file: Callable[[int, int, str], None] | None = None,
) -> Analysis:
    """Read every file under ``path``, score and place each record on the match, build the tables.

    ``match`` is an id like ``"BEL-JPN"`` (or ``"BEL-ENG@2018-07-14"`` when teams met more
    than once); ``match_file`` reads the match from a file instead of the shipped data.
    ``on_file(done, total, path)`` is called before each file is read, for progress display.
    """
    if match is None and match_file is None:
        raise InputError("say which match: --match BEL-JPN, or --match-file for your own")
    found, folder_name = resolve_match(match, match_file)
    corpus = read_folder(Path(path), on_file=on_file)
    scores = default_scorer().score_all(r.text for r in corpus.records)
    placements = align(corpus.records, found)
    records = records_frame(corpus.records, scores, placements, found)
    moments = moments_frame(records, found)
    return Analysis(found, corpus, records, moments, folder_name)


__all__ = ["MOMENT_COLUMNS", "OUTPUT_FILES", "Analysis", "analyze", "resolve_match"]
