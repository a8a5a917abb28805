"""The ``analyze`` command: parse options, call the library, print. No analysis happens here.

Heavy modules (pandas, matplotlib) are imported inside the commands, so ``--help`` is fast.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, timedelta, timezone, tzinfo
from functools import partial, wraps
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from click_default_group import DefaultGroup

from analyzer.errors import AnalyzerError
from analyzer.settings import (
    AUTHOR_VIEWS,
    DEFAULT_POST_MATCH,
    DEFAULT_SCORER,
    DEFAULT_SHIFT_WINDOW,
    DEFAULT_VIEW,
    ENGINES,
    FALLBACK_VIEW,
    HALF_TIME_BREAK_RANGE,
    LAG_RANGE,
    NEUTRAL_BAND_RANGE,
    POST_MATCH_RANGE,
    SCORERS,
    SHIFT_WINDOW_RANGE,
)

F = TypeVar("F", bound=Callable[..., Any])

# Control and format characters (escapes, bidi overrides, zero-width marks) in text from
# input could rewrite or disguise a terminal line: they are shown as escapes instead.
RE_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def echo(text: str, *, err: bool = False) -> None:
    """Print a line whose parts may come from input (file names, problems), made safe for a terminal."""
    click.echo(printable(text), err=err)


def printable(text: str) -> str:
    return RE_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


RE_UTC_OFFSET = re.compile(r"^(?:UTC|GMT)?(?P<sign>[+-])(?P<hours>\d{1,2}):?(?P<minutes>\d{2})?$")


def verbose_option(func: F) -> F:
    """--verbose: show the full traceback of an error. Otherwise errors are one line."""

    @click.option("--verbose", is_flag=True, help="Show the full traceback when something fails.")
    @wraps(func)
    def wrapper(*args: Any, verbose: bool, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AnalyzerError as exc:
            if verbose:
                traceback.print_exc()
            raise click.ClickException(printable(str(exc))) from None
        except (click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if verbose:
                raise
            raise click.ClickException(
                printable(
                    f"unexpected {type(exc).__name__}: {exc} (run again with --verbose for the details)"
                )
            ) from None

    return wrapper  # type: ignore[return-value]


def read_options(func: F) -> F:
    """How input files are read: column names for CSV exports, the zone of naive times."""
    options = [
        click.option("--text-column", metavar="NAME",
                     help="CSV exports: the column holding the tweet text (found by name otherwise)."),
        click.option("--time-column", metavar="NAME",
                     help="CSV exports: the column holding the posting time (found by name otherwise)."),
        click.option("--encoding", metavar="NAME",
                     help="Read every file in this encoding (cp1252, latin-1, utf-16 ...) instead "
                          "of detecting it per file."),
        click.option("--naive-timezone", metavar="ZONE", default="UTC", show_default=True,
                     help="Time zone of timestamps that carry none: UTC, an offset like +03:00, "
                          "or a name like Europe/Moscow."),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def parse_zone(text: str) -> tzinfo:
    """'UTC', '+03:00', '-0430' or an IANA name -> a tzinfo; a click error otherwise."""
    m = RE_UTC_OFFSET.match(text.strip())
    if m:
        minutes = int(m["hours"]) * 60 + int(m["minutes"] or 0)
        return timezone(timedelta(minutes=-minutes if m["sign"] == "-" else minutes))
    if text.strip().upper() in ("UTC", "Z", "GMT"):
        return UTC
    try:
        return ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(
            f"{text!r} is not a time zone; use UTC, an offset like +03:00, or a name like Europe/Moscow",
            param_hint="--naive-timezone",
        ) from None


@click.group(
    cls=DefaultGroup,
    default="run",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Without a command name, 'analyze DIR --match ID' runs 'analyze run DIR --match ID'.",
)
@click.version_option(package_name="analyzer")
def main() -> None:
    """Fan sentiment over a football match, from tweets and quotes.

    \b
        analyze tweets/ --match BEL-JPN
    reads every file under tweets/, scores each tweet and quote, places it on the
    match's timeline and writes a chart, an HTML report and data files to
    reports/BEL-JPN/.
    """


@main.command()
@click.argument("input_path", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--match", "-m", "match_id", metavar="ID",
              help="The match, by team codes: BEL-JPN (order does not matter). Add @YEAR or @DATE "
                   "when the teams met more than once: BEL-ENG@2018-07-14.")  # fmt: skip
@click.option("--match-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the match from this file (openfootball JSON, or the JSON/TOML form in the "
                   "README) instead of the shipped World Cups.")  # fmt: skip
@click.option("--out", "-o", type=click.Path(path_type=Path, file_okay=False), default=Path("reports"),
              show_default=True, help="Folder to write into; each match gets its own folder inside.")  # fmt: skip
@click.option("--lag", type=click.FloatRange(*LAG_RANGE), metavar="MINUTES",
              help="How many minutes tweets run behind the pitch (estimated from the data "
                   "when not given).")  # fmt: skip
@click.option("--half-time-break", type=click.FloatRange(*HALF_TIME_BREAK_RANGE), metavar="MINUTES",
              help="Length of the half-time break (the match file's, else 15).")  # fmt: skip
@click.option("--authors", type=click.Choice(list(AUTHOR_VIEWS)),
              help=f"Whose mood the report, chart and summary speak for; the data files keep everyone. "
                   f"[default: {DEFAULT_VIEW}, or {FALLBACK_VIEW} when no author is known to be a fan]")  # fmt: skip
@click.option("--neutral-band", type=click.FloatRange(*NEUTRAL_BAND_RANGE), metavar="WIDTH",
              help="Compound scores within +/-WIDTH are neutral (default: the football "
                   "scorer's 0.01, chosen from labelled tweets; VADER's own is 0.05).")  # fmt: skip
@click.option("--scorer", type=click.Choice(SCORERS), default=DEFAULT_SCORER, show_default=True,
              help="How texts are scored: a model trained on football tweets over VADER and the "
                   "football layers; the football layers alone; or vaderSentiment exactly.")  # fmt: skip
@click.option("--shift-window", type=click.IntRange(*SHIFT_WINDOW_RANGE), default=DEFAULT_SHIFT_WINDOW, show_default=True,
              metavar="MINUTES", help="Minutes before and after each goal compared for its mood shift.")  # fmt: skip
@click.option("--post-match", type=click.FloatRange(*POST_MATCH_RANGE), default=DEFAULT_POST_MATCH,
              show_default=True, metavar="MINUTES",
              help="Minutes after the final whistle that records still count for the match; later "
                   "ones stay in the data files with the moment 'later'.")  # fmt: skip
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes that read and score (default: every core; inputs under 16 MiB "
                   "use one).")  # fmt: skip
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Where reading and scoring run: this machine's cores, or a Dask cluster "
                   "(pip install 'analyzer[dask]').")  # fmt: skip
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler of a running cluster (tcp://host:8786); "
                   "without it a local cluster of --jobs workers is started.")  # fmt: skip
@click.option("--excel-safe", is_flag=True,
              help="Put a ' before CSV cells that a spreadsheet would run as a formula "
                   "(=, +, -, @); off by default, so the data stays exact.")  # fmt: skip
@read_options
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors and warnings.")
@verbose_option
def run(
    input_path: Path,
    match_id: str | None,
    match_file: Path | None,
    out: Path,
    lag: float | None,
    half_time_break: float | None,
    authors: str | None,
    neutral_band: float | None,
    scorer: str,
    shift_window: int,
    post_match: float,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    excel_safe: bool,
    text_column: str | None,
    time_column: str | None,
    encoding: str | None,
    naive_timezone: str,
    quiet: bool,
) -> None:
    """Analyse every file under DIR against a match and write the report.

    DIR (or a single file) holds news articles (plain text with embedded tweets and
    quotes) and tweet exports (Twitter API v1.1 or v2 JSON/JSONL, snscrape JSONL,
    CSV), in any mix. Writes into OUT/<match>/: the records (records.csv,
    records.jsonl, records.parquet), moments.csv, the chart (mood.png, mood.svg),
    report.html, summary.json and, when records have posting times, series.csv and
    series_wall.csv.
    """
    from analyzer.engine.collector import pace_for_blocks
    from analyzer.ingest import ReadOptions
    from analyzer.outputs.terminal import summary_lines
    from analyzer.outputs.write import write_outputs
    from analyzer.pipeline import analyze
    from analyzer.settings import Settings

    pace_for_blocks()  # this process is ours: the library's analyze() leaves a caller's alone
    if match_id is None and match_file is None:
        raise click.UsageError(
            "say which match: --match BEL-JPN (see 'analyze matches'), or --match-file"
        )
    settings = Settings(
        match=match_id,
        match_file=match_file,
        lag=lag,
        half_time_break=half_time_break,
        authors=authors,
        shift_window=shift_window,
        post_match=post_match,
        neutral_band=neutral_band,
        scorer=scorer,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        excel_safe=excel_safe,
        read=ReadOptions(
            text_column=text_column,
            time_column=time_column,
            naive_timezone=parse_zone(naive_timezone),
            encoding=encoding,
        ),
    )
    with TerminalProgress(enabled=not quiet and sys.stderr.isatty()) as progress:
        analysis = analyze(input_path, settings, progress=progress)
        with analysis:  # the records on disk are removed at its end; the totals stay
            written = write_outputs(analysis, out, progress=progress)
    warn_about_inputs(analysis)
    for note in written.notes:
        echo(f"Warning: {note}", err=True)
    if not quiet:
        for line in summary_lines(analysis):
            echo(line)
        echo(f"\nWrote {written.folder}/: {' '.join(written.files)}")


def warn_about_inputs(analysis: Any) -> None:
    """One warning line per skipped file and per problem met in a file (the first few of each)."""
    for skipped in analysis.skipped:
        echo(f"Warning: skipped {skipped.path}: {skipped.reason}", err=True)
    for read in analysis.read:
        for problem in read.problems:
            echo(f"Warning: {read.path}: {problem}", err=True)
        if read.problem_count > len(read.problems):
            more = read.problem_count - len(read.problems)
            echo(f"Warning: {read.path}: {more} more problem(s) of the same kinds", err=True)


@main.command()
@click.argument(
    "source", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option("--text-column", default="text", show_default=True, metavar="NAME",
              help="The column (CSV) or key (JSON Lines) holding the text to score.")  # fmt: skip
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the scored file here (default: standard output).")  # fmt: skip
@click.option("--prefix", default="sentiment_", show_default=True,
              help="Prefix of the added columns, if the file already uses the default names.")  # fmt: skip
@click.option(
    "--emoji", is_flag=True, help="Also add a column listing the emoji found in each text."
)
@click.option("--excel-safe", is_flag=True,
              help="Put a ' before every CSV cell a spreadsheet would run as a formula (=, +, -, @).")  # fmt: skip
@click.option("--scorer", type=click.Choice(SCORERS), default=DEFAULT_SCORER, show_default=True,
              help="How texts are scored (see 'analyze run --help').")  # fmt: skip
@click.option("--teams", "match_id", metavar="MATCH",
              help="Also add the team each text names and its mood per team, for this match "
                   "(an id like BEL-JPN).")  # fmt: skip
@verbose_option
def score(
    source: Path,
    text_column: str,
    output: Path | None,
    prefix: str,
    emoji: bool,
    excel_safe: bool,
    scorer: str,
    match_id: str | None,
) -> None:
    """Add sentiment columns to a CSV or JSON Lines FILE, keeping its rows and columns as they are.

    Adds PREFIXmood, PREFIXcompound, PREFIXpositive, PREFIXneutral, PREFIXnegative,
    PREFIXp_positive, PREFIXp_neutral, PREFIXp_negative, PREFIXlabel and PREFIXlanguage (PREFIXemoji with --emoji; PREFIXteams, PREFIXhome_mood and
    PREFIXaway_mood with --teams) to every row, in the input's order. Large files
    stream through in bounded memory.
    """
    from analyzer.matches import shipped
    from analyzer.outputs.files import atomic_writer
    from analyzer.score_file import annotate

    if output is not None and output.resolve() == source.resolve():
        raise click.UsageError("--output must not be the input file; write to a new file")
    match = shipped().find(match_id) if match_id else None
    scored_into = partial(
        annotate,
        source,
        text_column=text_column,
        prefix=prefix,
        emoji=emoji,
        match=match,
        excel_safe=excel_safe,
        scorer=scorer,
    )
    if output is None:
        done = scored_into(sys.stdout)
    else:
        with atomic_writer(output) as stream:
            done = scored_into(stream)
    where = f" to {output}" if output else ""
    echo(
        f"Scored {done.scored} of {done.rows} rows{where}; added {', '.join(done.columns)}",
        err=True,
    )


@main.command()
@click.option("--team", metavar="CODE", help="Only matches of this team (FIFA code, like JPN).")
@click.option("--year", type=int, help="Only matches of this year.")
@verbose_option
def matches(team: str | None, year: int | None) -> None:
    """List the matches that come with the package (World Cups 2014, 2018, 2022)."""
    from analyzer.matches import shipped
    from analyzer.matches.catalog import describe

    found = [
        m for m in shipped().matches
        if (team is None or team.upper() in (m.home.code, m.away.code))
        and (year is None or m.date.year == year)
    ]  # fmt: skip
    for line in describe(found):
        echo(line)
    if not found:
        raise click.ClickException("no shipped match fits; try without --team or --year")


class TerminalProgress:
    """Progress on stderr, on a terminal only (logs and pipes stay clean): a bar over the
    bytes read, then one line per later stage."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None

    def read(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if self._bar is None:
            self._bar = click.progressbar(
                length=total, label="Reading", file=sys.stderr, show_percent=True, show_pos=False
            )
            self._bar.__enter__()
        self._bar.update(min(done, total) - self._bar.pos)

    def stage(self, name: str) -> None:
        if not self.enabled:
            return
        self._finish_bar()
        click.echo(f"{name[:1].upper()}{name[1:]}...", err=True)

    def _finish_bar(self) -> None:
        if self._bar is not None:
            self._bar.update(self._bar.length - self._bar.pos)
            self._bar.__exit__(None, None, None)
            self._bar = None

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self._finish_bar()
