"""Benchmark: the whole ``analyze`` run against the pandas + vaderSentiment notebook, same file, same run.

Run from the repo root: ``python benchmarks/bench_pipeline.py [--quick]``. For
each retweet share it writes a seeded synthetic BEL-JPN stream, then times, in fresh processes
and on that same file, the baseline a user would write (``pandas.read_json`` + vaderSentiment +
a per-minute groupby) and ``analyze`` end to end (read, score, align, series, chart, HTML, data
files), with the peak memory of each process tree. ``--scale`` runs only ``analyze`` at growing
sizes, to show whether its peak memory stays flat. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzer.engine.timing import ENVIRONMENT_VARIABLE as STAGE_TIMES_VARIABLE
from analyzer.engine.timing import STAGES
from analyzer.matches import shipped
from analyzer.synthetic import StreamFormat, write_stream
from benchmarks.measure import MIB, Measurement, run_measured
from benchmarks.real_stream import write_real_stream

REPO = Path(__file__).resolve().parents[1]
MATCH = "BEL-JPN"
SEED = 2018
TWEETS = 1_000_000
QUICK_TWEETS = 100_000
RETWEETS = (0.0, 0.3, 0.6)
SCALE_RETWEETS = 0.3  # the generator's default share, for --scale when --retweets is not given
REPEATS = 3
HELP_RUNS = 10
# A small stream run once through both commands before any timing: compiles the .pyc files
# and touches the libraries' files, so the first timed run does not pay for it.
WARM_UP_TWEETS = 2_000
# The tree is killed past this share of the memory available at the start, before it
# can take the machine down; the run is then reported as killed, not timed.
MEMORY_LIMIT_SHARE = 0.8
TIMEOUT = 3600.0  # seconds, per run

# The spec's goals.
SPEED_UP_GOALS = {0.0: 4.0, 0.6: 8.0}  # retweet share -> baseline / ours at least
PEAK_GOAL_MIB = 600.0
PEAK_GOAL_TWEETS = 1_000_000
HELP_GOAL_SECONDS = 0.15
# Cores kept busy by other processes during a run above which the notes warn.
BUSY_CORES_WARNING = 0.25
# The budget in CPU-microseconds per tweet (40 in all, on 2 cores: 4x the notebook):
# rows of the stage table, each the stages it covers and its share of the budget.
STAGE_BUDGET: tuple[tuple[str, tuple[str, ...], float | None], ...] = (
    ("read", ("read",), 5.0),
    ("score", ("score",), 22.0),
    ("attribute", ("attribute",), 5.0),
    ("place + aggregate", ("place", "aggregate"), 3.0),
    ("table + spill", ("table", "spill"), None),
    ("write", ("write",), 3.0),
    ("chart + report", ("chart", "report"), None),
    ("other", ("other",), None),
)
BUDGET_TOTAL_US = 40.0
# Streams: the generator's (seeded, made up) and real football tweet texts (benchmarks/real_stream.py).
STREAMS = ("synthetic", "real")
REAL_FORMAT = "real-v1"  # the case's format column for the real stream

# The columns a notebook would take the text and the time from, by format, used as they are:
# a v1 retweet's full_text is "RT @handle: ..." cut at 140 characters.
COLUMNS = {
    StreamFormat.V1: ("full_text", "created_at"),
    StreamFormat.SNSCRAPE: ("rawContent", "date"),
    StreamFormat.V2: ("text", "created_at"),
}
# What analyze must have written for a run to count.
EXPECTED_OUTPUTS = (
    "records.csv",
    "records.jsonl",
    "moments.csv",
    "series.csv",
    "series_wall.csv",
    "mood.png",
    "report.html",
)

# The baseline, as a user's notebook would have it; it prints rows, minutes and the rows
# the minutes hold, so the harness can check it read the whole file.
BASELINE = """\
import sys

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

path, text_column, time_column = sys.argv[1:4]
df = pd.read_json(path, lines=True)
scores = df[text_column].apply(SentimentIntensityAnalyzer().polarity_scores)
df["compound"] = scores.apply(lambda s: s["compound"])
df["minute"] = pd.to_datetime(df[time_column], utc=True).dt.floor("min")
per_minute = df.groupby("minute")["compound"].agg(["count", "mean"])
print(len(df), len(per_minute), int(per_minute["count"].sum()))
"""

RE_JOBS_OPTION = re.compile(r"^\s*(?:-\w,\s*)?--jobs\b", re.MULTILINE)


@dataclass(slots=True)
class Run:
    """One timed run of one command, with what the harness checked of its output."""

    tool: str  # "baseline" or "ours"
    repeat: int
    seconds: float
    peak_mib: float
    tree_rss_peak_mib: float
    ru_maxrss_mib: float
    hwm_sum_mib: float
    tree_pss_peak_mib: float | None  # when the run had several processes: shared pages split
    processes: int
    cpu_seconds: float  # user + system time of the run's processes
    other_cpu_seconds: float  # CPU time the rest of the machine used during the run
    returncode: int
    killed: str | None
    rows: int | None  # tweets the run accounted for (baseline: DataFrame rows; ours: volume)
    problem: str | None  # why the run does not count, with the tail of its stderr
    warning: str | None  # it counts, but did not account for every tweet
    package: str  # fingerprint of analyzer/ just before the run
    load: float  # 1-minute load average just before the run
    # analyze's CPU seconds per stage (ANALYZER_STAGE_TIMES), "other" the rest of cpu_seconds.
    stage_seconds: dict[str, float] | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(slots=True)
class Case:
    """One stream (format, retweet share, size) and every run made on it."""

    format: str
    retweets: float
    tweets: int
    retweets_written: int
    file_mib: float
    runs: list[Run] = field(default_factory=list)

    def median(self, tool: str, attribute: str) -> float | None:
        values = [getattr(r, attribute) for r in self.runs if r.tool == tool and r.ok]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    def stage_us(self, tool: str = "ours") -> dict[str, float] | None:
        """CPU-microseconds per tweet in each stage (and "other", "total"), medians over runs."""
        runs = [r for r in self.runs if r.tool == tool and r.ok and r.stage_seconds]
        if not runs or not self.tweets:
            return None
        names = [*STAGES, "other", "total"]
        per_run = []
        for run in runs:
            seconds = dict(run.stage_seconds or {})
            seconds["other"] = max(0.0, run.cpu_seconds - sum(seconds.values()))
            seconds["total"] = run.cpu_seconds
            per_run.append(seconds)
        return {
            name: statistics.median(s.get(name, 0.0) for s in per_run) * 1e6 / self.tweets
            for name in names
        }

    def speed_up(self, tool: str = "ours") -> float | None:
        baseline, ours = self.median("baseline", "seconds"), self.median(tool, "seconds")
        return baseline / ours if baseline is not None and ours else None


@dataclass(frozen=True, slots=True)
class Settings:
    formats: tuple[StreamFormat, ...]
    streams: tuple[str, ...]
    retweets: tuple[float, ...]
    sizes: tuple[int, ...]
    repeats: int
    seed: int
    scale: bool
    dask: bool  # also time analyze --engine dask (a local cluster of --jobs workers)
    jobs: int | None  # passed to analyze as --jobs, when it has the option
    scorer: str | None  # passed to analyze as --scorer; None: analyze's default
    memory_limit: int
    timeout: float
    workdir: Path


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM (and SIGINT, even in a background job that ignores it) stops the benchmark the
    # way Ctrl-C does: the running tree is killed and what was measured is reported.
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, interrupt)
    analyze = find_analyze()
    cores = len(os.sched_getaffinity(0))
    jobs = cores if RE_JOBS_OPTION.search(command_output([analyze, "run", "--help"])) else None
    workdir = Path(tempfile.mkdtemp(prefix="bench_pipeline-", dir=args.tmp))
    settings = Settings(
        formats=args.format,
        streams=args.stream,
        retweets=args.retweets or ((SCALE_RETWEETS,) if args.scale else RETWEETS),
        sizes=args.scale or (QUICK_TWEETS if args.quick else args.tweets,),
        repeats=args.repeats,
        seed=args.seed,
        scale=bool(args.scale),
        dask=args.dask,
        jobs=jobs,
        scorer=args.scorer,
        memory_limit=int(args.memory_limit * MIB) if args.memory_limit else default_limit(),
        timeout=args.timeout,
        workdir=workdir,
    )
    started = datetime.now(UTC)
    environment = describe_environment(cores)
    package_at_start = fingerprint(REPO / "analyzer")
    print_header(environment, settings, package_at_start)
    cases: list[Case] = []
    help_runs: list[Measurement] = []
    interrupted = ""  # the signal that stopped the benchmark
    errors: list[str] = []  # cases that could not be set up (the stream, the package)
    try:
        warm_up(analyze, settings)
        help_runs = time_help(analyze, settings)
        for source in settings.streams:
            # The real texts come as a v1.1 stream only.
            for fmt in settings.formats if source == "synthetic" else (StreamFormat.V1,):
                for share in settings.retweets:
                    for size in settings.sizes:
                        try:
                            measure_case(
                                analyze, settings, fmt, share, size, cases,
                                keep=args.keep, source=source,
                            )  # fmt: skip
                        except Exception as error:  # the package may be mid-edit: go on
                            errors.append(f"{source} {fmt.value} {share:.0%} {size:,}: {error!r}")
                            progress(f"could not measure: {errors[-1]}")
    except KeyboardInterrupt as stop:
        interrupted = str(stop) or "Ctrl-C"
        progress(f"stopped by {interrupted}: reporting what was measured")
    finally:
        if args.keep:
            progress(f"kept the streams in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    package_at_end = fingerprint(REPO / "analyzer")

    help_seconds = statistics.median(m.seconds for m in help_runs) if help_runs else None
    goals = evaluate_goals(cases, help_seconds, scale=settings.scale)
    notes = honesty_notes(settings, cases, package_at_start, package_at_end)
    notes[:0] = [f"ERROR, case not measured: {error}" for error in errors]
    if interrupted:
        notes.insert(
            0,
            f"INTERRUPTED by {interrupted}: only part of the benchmark ran; medians are of the "
            "runs made.",
        )
    if settings.scale:
        print_scale(cases, settings)
    else:
        print_table(cases, settings)
    print_stages(cases)
    print()
    if help_seconds is not None:
        print(f"analyze --help: {help_seconds:.3f} s (median of {len(help_runs)} fresh processes)")
    print("\nGoals (from the spec):")
    for goal in goals:
        print(f"  [{goal['status']:^12}] {goal['goal']}: {goal['measured']}")
    print("\nNotes:")
    for note in notes:
        print(f"  - {note}")

    if args.json:
        report = {
            "benchmark": "benchmarks/bench_pipeline.py",
            "command": [sys.executable, *(sys.argv if argv is None else ["bench", *argv])],
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "environment": environment,
            "package": {"start": package_at_start, "end": package_at_end},
            "settings": {
                **{k: v for k, v in asdict(settings).items() if k != "workdir"},
                "formats": [f.value for f in settings.formats],
                "stage_budget_us": {name: us for name, _, us in STAGE_BUDGET if us is not None},
                "baseline": BASELINE,
            },
            "help": {
                "median_seconds": help_seconds,
                "seconds": [m.seconds for m in help_runs],
                "peak_mib": max((m.peak / MIB for m in help_runs), default=None),
            },
            "cases": [case_json(case) for case in cases],
            "goals": goals,
            "notes": notes,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        progress(f"wrote {args.json}")
    failed = any(not r.ok or r.warning for case in cases for r in case.runs)
    return 1 if failed or errors or interrupted or not help_runs else 0


# -- options --------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--tweets", type=count, default=TWEETS, help="tweets per stream (1M)")
    size.add_argument("--quick", action="store_true", help=f"{QUICK_TWEETS:,} tweets per stream")
    size.add_argument(
        "--scale",
        type=counts,
        metavar="N,N,...",
        help="run only analyze, at these sizes (e.g. 1M,5M), to show how its peak memory grows",
    )
    parser.add_argument(
        "--retweets",
        type=shares,
        metavar="S,S,...",
        help=f"retweet shares, one stream each (default {','.join(map(str, RETWEETS))}; "
        f"{SCALE_RETWEETS} with --scale)",
    )
    parser.add_argument(
        "--format",
        type=formats,
        default=(StreamFormat.V1,),
        metavar="F,F,...",
        help=f"stream formats: {', '.join(f.value for f in StreamFormat)} (default v1)",
    )
    parser.add_argument(
        "--stream",
        type=stream_kinds,
        default=STREAMS,
        metavar="S,S",
        help="streams: synthetic (the generator's), real (World Cup 2014 tweet texts, "
        "v1.1 only); default both",
    )
    parser.add_argument(
        "--dask",
        action="store_true",
        help="also time analyze --engine dask on a local cluster (needs analyzer[dask])",
    )
    parser.add_argument(
        "--scorer",
        metavar="NAME",
        help="analyze's --scorer (learned, football or vader; default: analyze's own default); "
        "the baseline always runs vaderSentiment",
    )
    parser.add_argument("--repeats", type=int, default=REPEATS, help="timed runs per command")
    parser.add_argument("--seed", type=int, default=SEED, help="stream seed")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the generated streams")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"), help="where to generate them")
    parser.add_argument(
        "--memory-limit",
        type=float,
        metavar="MIB",
        help=f"kill a run whose tree passes this (default {MEMORY_LIMIT_SHARE * 100:.0f}%% of the "
        "memory available at the start)",
    )
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per run")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.tweets < 1:
        parser.error("--tweets must be at least 1")
    if not args.tmp.is_dir():
        parser.error(f"--tmp: {args.tmp} is not a folder")
    return args


def count(text: str) -> int:
    """A number of tweets: 100000, 100_000, 100k or 1M."""
    text = text.strip().replace("_", "").replace(",", "")
    multiplier = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    digits = text[:-1] if multiplier > 1 else text
    try:
        value = int(float(digits) * multiplier)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of tweets: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"the number of tweets must be at least 1, not {text}")
    return value


def counts(text: str) -> tuple[int, ...]:
    return tuple(count(part) for part in text.split(",") if part.strip())


def shares(text: str) -> tuple[float, ...]:
    values = []
    for part in text.split(","):
        try:
            value = float(part)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a share: {part!r} (use 0,0.3,0.6)") from None
        if not 0.0 <= value < 1.0:
            raise argparse.ArgumentTypeError(f"a retweet share is from 0 to below 1, not {value}")
        values.append(value)
    return tuple(values)


def stream_kinds(text: str) -> tuple[str, ...]:
    kinds = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [k for k in kinds if k not in STREAMS]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(f"streams are {', '.join(STREAMS)}, not {text!r}")
    return kinds


def formats(text: str) -> tuple[StreamFormat, ...]:
    try:
        return tuple(StreamFormat(part.strip()) for part in text.split(","))
    except ValueError:
        choices = ", ".join(f.value for f in StreamFormat)
        raise argparse.ArgumentTypeError(f"formats are {choices}, not {text!r}") from None


# -- the measurements -----------------------------------------------------------------------


def find_analyze() -> str:
    """The ``analyze`` script of this Python's environment, else the one on PATH."""
    beside = Path(sys.executable).with_name("analyze")
    found = str(beside) if beside.exists() else shutil.which("analyze")
    if found is None:
        sys.exit("Error: no analyze command; install the package first (pip install -e .)")
    return found


def baseline_command(path: Path, fmt: StreamFormat) -> list[str]:
    text_column, time_column = COLUMNS[fmt]
    return [sys.executable, "-c", BASELINE, str(path), text_column, time_column]


def ours_command(
    analyze: str,
    folder: Path,
    out: Path,
    jobs: int | None,
    *,
    engine: str = "local",
    scorer: str | None = None,
) -> list[str]:
    command = [analyze, str(folder), "--match", MATCH, "--authors", "all"]
    command += ["--out", str(out), "--quiet"]
    command += ["--engine", engine] if engine != "local" else []
    command += ["--scorer", scorer] if scorer else []
    return command + (["--jobs", str(jobs)] if jobs else [])


def warm_up(analyze: str, settings: Settings) -> None:
    """One untimed pass of both commands on a small stream, and one ``--help``."""
    progress(f"warm-up: both commands once on {WARM_UP_TWEETS:,} tweets (not counted)")
    folder = settings.workdir / "warm-up"
    for fmt in settings.formats:
        stream = generate(folder / fmt.value, fmt, max(settings.retweets), WARM_UP_TWEETS, settings)
        for command in (
            baseline_command(stream.path, fmt),
            ours_command(
                analyze, stream.path.parent, folder / "out", settings.jobs, scorer=settings.scorer
            ),
            [analyze, "--help"],
        ):
            measurement = measure(command, settings, folder / "log")
            if not measurement.ok:
                problem = (folder / "log.err").read_text(errors="replace")[-2000:]
                progress(f"warm-up run failed: {' '.join(command[:3])} ...\n{problem}")
    shutil.rmtree(folder, ignore_errors=True)


def time_help(analyze: str, settings: Settings) -> list[Measurement]:
    runs = [
        measure([analyze, "--help"], settings, settings.workdir / "help") for _ in range(HELP_RUNS)
    ]
    failed = [m for m in runs if not m.ok]
    if failed:
        progress(f"analyze --help failed {len(failed)} time(s), exit {failed[0].returncode}")
        return []
    return runs


@dataclass(frozen=True, slots=True)
class Stream:
    path: Path
    tweets: int
    retweets: int


def generate(
    folder: Path,
    fmt: StreamFormat,
    share: float,
    size: int,
    settings: Settings,
    *,
    source: str = "synthetic",
) -> Stream:
    """A seeded stream, alone in its own folder (analyze reads the whole folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "stream.jsonl"
    if source == "real":
        written = write_real_stream(path, tweets=size, retweets=share, seed=settings.seed)
        return Stream(path, written.tweets, written.retweets)
    match = shipped().find(MATCH)
    summary = write_stream(path, match, tweets=size, fmt=fmt, retweets=share, seed=settings.seed)
    return Stream(path, summary.tweets, summary.retweets)


def measure_case(
    analyze: str,
    settings: Settings,
    fmt: StreamFormat,
    share: float,
    size: int,
    cases: list[Case],
    *,
    keep: bool,
    source: str = "synthetic",
) -> None:
    """Write the stream and time the commands on it; the case joins ``cases`` before any run."""
    label = REAL_FORMAT if source == "real" else fmt.value
    name = f"{label}-rt{share * 100:g}-{size}"
    folder = settings.workdir / name
    progress(f"{name}: writing {size:,} tweets ({label}, {share:.0%} retweets)")
    stream = generate(folder / "in", fmt, share, size, settings, source=source)
    case = Case(
        format=label,
        retweets=share,
        tweets=stream.tweets,
        retweets_written=stream.retweets,
        file_mib=stream.path.stat().st_size / MIB,
    )
    cases.append(case)
    read_through(stream.path)  # both commands start with the file in the page cache
    tools = ("ours",) if settings.scale else ("baseline", "ours")
    tools += ("dask",) if settings.dask else ()
    for repeat in range(settings.repeats):
        # Alternate, and flip the order each repeat, so drift and cache state favour neither.
        order = tools if repeat % 2 == 0 else tools[::-1]
        for tool in order:
            out = folder / f"out-{tool}-{repeat}"
            if tool == "baseline":
                command = baseline_command(stream.path, fmt)
            else:
                engine = "dask" if tool == "dask" else "local"
                command = ours_command(
                    analyze,
                    stream.path.parent,
                    out,
                    settings.jobs,
                    engine=engine,
                    scorer=settings.scorer,
                )
            package = fingerprint(REPO / "analyzer")
            load = os.getloadavg()[0]
            os.sync()  # the previous run's writes are flushed before this one starts
            log = folder / f"log-{tool}-{repeat}"
            stages = log.with_suffix(".stages.json")
            environment = None
            if tool != "baseline":
                # analyze adds up its CPU time per stage (per block, not per tweet: no cost).
                environment = {**os.environ, STAGE_TIMES_VARIABLE: str(stages)}
            measurement = measure(command, settings, log, env=environment)
            run = check(tool, repeat, measurement, log, out, case)
            run.package, run.load = package, load
            run.stage_seconds = read_stage_seconds(stages) if run.ok else None
            case.runs.append(run)
            progress(
                f"{name}: {tool:8} #{repeat + 1}: {run.seconds:8.1f} s, {run.peak_mib:8,.0f} MiB"
                + (f"  FAILED: {run.problem}" if run.problem else "")
                + (f"  WARNING: {run.warning}" if run.warning else "")
            )
            if not (keep and repeat == settings.repeats - 1):
                shutil.rmtree(out, ignore_errors=True)
    if not keep:
        stream.path.unlink()


def measure(
    command: list[str], settings: Settings, log: Path, *, env: dict[str, str] | None = None
) -> Measurement:
    return run_measured(
        command,
        stdout=log.with_suffix(".out"),
        stderr=log.with_suffix(".err"),
        memory_limit=settings.memory_limit,
        timeout=settings.timeout,
        env=env,
    )


def read_stage_seconds(path: Path) -> dict[str, float] | None:
    """The CPU seconds per stage analyze wrote (None when this version of it does not)."""
    try:
        seconds = json.loads(path.read_text(encoding="utf-8"))["cpu_seconds"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {str(name): float(value) for name, value in seconds.items()}


def check(tool: str, repeat: int, m: Measurement, log: Path, out: Path, case: Case) -> Run:
    """The run as a record: a problem when it failed (it is not counted), a warning when it
    finished but did not account for every tweet of the stream (it is counted: the time is
    the time of the whole job, and the loss is the tool's to fix)."""
    problem: str | None = None
    warning: str | None = None
    rows: int | None = None
    if m.killed:
        problem = f"killed: {m.killed}"
    elif m.returncode != 0:
        tail = log.with_suffix(".err").read_text(errors="replace").strip().splitlines()[-5:]
        problem = f"exit {m.returncode}: " + " | ".join(tail)
    elif tool == "baseline":
        fields = log.with_suffix(".out").read_text().split()
        rows = int(fields[0]) if len(fields) == 3 and fields[0].isdigit() else None
        if rows != case.tweets or fields[2] != fields[0]:
            warning = f"the baseline printed {' '.join(fields)!r}, expected {case.tweets} rows"
    else:
        written = out / MATCH
        missing = [name for name in EXPECTED_OUTPUTS if not (written / name).exists()]
        if missing:
            problem = f"analyze did not write {', '.join(missing)}"
        else:
            rows = wall_volume(written / "series_wall.csv")
            if rows != case.tweets:
                warning = (
                    f"series_wall.csv holds {rows:,} of the stream's {case.tweets:,} tweets"
                    + first_warning(log.with_suffix(".err"))
                )
    return Run(
        tool=tool,
        repeat=repeat,
        seconds=m.seconds,
        peak_mib=m.peak / MIB,
        tree_rss_peak_mib=m.tree_rss_peak / MIB,
        ru_maxrss_mib=m.ru_maxrss / MIB,
        hwm_sum_mib=m.hwm_sum / MIB,
        tree_pss_peak_mib=None if m.tree_pss_peak is None else m.tree_pss_peak / MIB,
        processes=m.processes,
        cpu_seconds=m.cpu_seconds,
        other_cpu_seconds=m.other_cpu_seconds,
        returncode=m.returncode,
        killed=m.killed,
        rows=rows,
        problem=problem,
        warning=warning,
        package="",
        load=0.0,
    )


def first_warning(path: Path) -> str:
    """'; it said: <first line>' from a run's stderr, or nothing when it said nothing."""
    lines = path.read_text(errors="replace").strip().splitlines()
    if not lines:
        return ""
    more = f" (+{len(lines) - 1} more lines)" if len(lines) > 1 else ""
    return f"; it said: {lines[0][:300]}{more}"


def wall_volume(path: Path) -> int:
    """Tweets counted in analyze's per-minute series (by posting time): every tweet, once."""
    with path.open(encoding="utf-8") as lines:
        header = next(lines).rstrip("\n").split(",")
        column = header.index("volume")
        return sum(int(line.split(",")[column]) for line in lines if line.strip())


def read_through(path: Path) -> None:
    with path.open("rb") as stream:
        while stream.read(1 << 24):
            pass


# -- context --------------------------------------------------------------------------------


def describe_environment(cores: int) -> dict[str, Any]:
    return {
        "machine": platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": cores,
        "memory_gib": meminfo("MemTotal") / 1024**3,
        "memory_available_gib": meminfo("MemAvailable") / 1024**3,
        "load_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "versions": {name: package_version(name) for name in VERSIONED},
        "git_head": command_output(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]
        ).strip(),
    }


VERSIONED = ("pandas", "vaderSentiment", "numpy", "matplotlib", "analyzer")


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def meminfo(key: str) -> int:
    """A /proc/meminfo figure in bytes (0 when unknown)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def default_limit() -> int:
    available = meminfo("MemAvailable")
    return int(available * MEMORY_LIMIT_SHARE) if available else 16 * 1024 * MIB


def command_output(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"({error})"
    return done.stdout


def fingerprint(folder: Path) -> str:
    """A short hash of the package's files: tells which code each run measured."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"(unreadable)")
    return digest.hexdigest()[:12]


def interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(number).name)


def progress(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# -- the report -----------------------------------------------------------------------------


def print_header(environment: dict[str, Any], settings: Settings, package: str) -> None:
    v = environment["versions"]
    load = " ".join(f"{x:.2f}" for x in environment["load_at_start"])
    mode = "analyze alone at growing sizes" if settings.scale else "baseline vs analyze"
    print(f"bench_pipeline: {mode}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"machine: {environment['system']} {environment['machine']}, {environment['cpu']}, "
        f"{environment['usable_cores']} usable cores of {environment['cores']}, "
        f"{environment['memory_gib']:.1f} GiB RAM; load {load}"
    )
    print(
        f"versions: Python {environment['python']}, pandas {v['pandas']}, "
        f"vaderSentiment {v['vaderSentiment']}, numpy {v['numpy']}, "
        f"matplotlib {v['matplotlib']}, analyzer {v['analyzer']} "
        f"(git {environment['git_head'] or '?'}, package files {package})"
    )
    jobs = f"--jobs {settings.jobs}" if settings.jobs else "no --jobs option in analyze run"
    print(
        f"streams: {', '.join(stream_label(s, settings) for s in settings.streams)}; retweets "
        f"{', '.join(f'{s:.0%}' for s in settings.retweets)}; "
        f"{', '.join(f'{n:,}' for n in settings.sizes)} tweets; seed {settings.seed}; "
        f"{settings.repeats} repeats, medians; {jobs}; "
        f"{'--scorer ' + settings.scorer if settings.scorer else 'the default scorer'}"
    )
    print(flush=True)


def stream_label(source: str, settings: Settings) -> str:
    if source == "real":
        return "real (World Cup 2014 tweet texts, v1)"
    return f"synthetic ({', '.join(f.value for f in settings.formats)})"


def fmt_number(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_table(cases: Sequence[Case], settings: Settings) -> None:
    header = (
        f"{'format':<8} {'retweets':>8} {'tweets':>10} {'file MiB':>9} {'baseline s':>11} "
        f"{'ours s':>8} {'speed-up':>9} {'baseline MiB':>13} {'ours MiB':>9} {'ours Pss':>9}"
    )
    if settings.dask:
        header += f" {'dask s':>8} {'dask x':>7} {'dask MiB':>9}"
    print(header)
    print("-" * len(header))
    for case in cases:
        speed_up = case.speed_up()
        line = (
            f"{case.format:<8} {case.retweets:>8.0%} {case.tweets:>10,} {case.file_mib:>9,.0f} "
            f"{fmt_number(case.median('baseline', 'seconds'), '.1f'):>11} "
            f"{fmt_number(case.median('ours', 'seconds'), '.1f'):>8} "
            f"{fmt_number(speed_up, '.2f') + ('x' if speed_up else ''):>9} "
            f"{fmt_number(case.median('baseline', 'peak_mib'), ',.0f'):>13} "
            f"{fmt_number(case.median('ours', 'peak_mib'), ',.0f'):>9} "
            f"{fmt_number(case.median('ours', 'tree_pss_peak_mib'), ',.0f'):>9}"
        )
        if settings.dask:
            dask_up = case.speed_up("dask")
            line += (
                f" {fmt_number(case.median('dask', 'seconds'), '.1f'):>8} "
                f"{fmt_number(dask_up, '.2f') + ('x' if dask_up else ''):>7} "
                f"{fmt_number(case.median('dask', 'peak_mib'), ',.0f'):>9}"
            )
        print(line)
    print(
        "  MiB: the tree's peak resident memory, summed over its processes (pages that forked "
        "processes share are counted in each); Pss: the same with shared pages split among "
        "the processes that share them, the tree's real cost."
    )
    print_run_notes(cases)


def print_stages(cases: Sequence[Case]) -> None:
    """CPU-microseconds per tweet in each stage of analyze, one column per stream, beside the budget."""
    measured = [(c, us) for c in cases for us in [c.stage_us()] if us is not None]
    if not measured:
        return
    print()
    print(
        "CPU-µs per tweet by stage (analyze, all its processes, medians; budget from issue 15; "
        "other = start-up, imports, lag, terminal):"
    )
    labels = [f"{c.format} {c.retweets:.0%}" for c, _ in measured]
    width = max(12, *(len(label) for label in labels))
    header = f"  {'stage':<18}" + "".join(f" {label:>{width}}" for label in labels)
    print(header + f" {'budget':>7}")
    rows = [(name, stages, budget) for name, stages, budget in STAGE_BUDGET]
    rows.append(("total", ("total",), BUDGET_TOTAL_US))
    for name, stages, budget in rows:
        cells = "".join(f" {sum(us[s] for s in stages):>{width}.1f}" for _, us in measured)
        print(f"  {name:<18}{cells} {fmt_number(budget, '.0f'):>7}")
        if len(stages) > 1 and name != "total":
            for stage in stages:
                cells = "".join(f" {us[stage]:>{width}.1f}" for _, us in measured)
                print(f"    {stage:<16}{cells}")


def print_scale(cases: Sequence[Case], settings: Settings) -> None:
    header = (
        f"{'format':<8} {'retweets':>8} {'tweets':>10} {'file MiB':>9} {'ours s':>8} "
        f"{'ours MiB':>9} {'x smallest':>10}"
    )
    print(header)
    print("-" * len(header))
    for label in dict.fromkeys(c.format for c in cases):
        for share in settings.retweets:
            group = [c for c in cases if c.format == label and c.retweets == share]
            first = group[0].median("ours", "peak_mib") if group else None
            for case in group:
                peak = case.median("ours", "peak_mib")
                growth = peak / first if peak is not None and first else None
                print(
                    f"{case.format:<8} {case.retweets:>8.0%} {case.tweets:>10,} "
                    f"{case.file_mib:>9,.0f} {fmt_number(case.median('ours', 'seconds'), '.1f'):>8} "
                    f"{fmt_number(peak, ',.0f'):>9} "
                    f"{fmt_number(growth, '.2f') + ('x' if growth else ''):>10}"
                )
    print_run_notes(cases)


def print_run_notes(cases: Sequence[Case]) -> None:
    """Under the table: runs not counted or short of tweets, and trees of several processes."""
    for case in cases:
        label = f"{case.format} {case.retweets:.0%} {case.tweets:,}"
        for run in case.runs:
            if run.problem or run.warning:
                what = f"not counted: {run.problem}" if run.problem else f"counted, {run.warning}"
                print(f"  {label} {run.tool} #{run.repeat + 1}: {what}")
        for tool in ("baseline", "ours", "dask"):
            several = [r for r in case.runs if r.tool == tool and r.ok and r.processes > 1]
            pss = [r.tree_pss_peak_mib for r in several if r.tree_pss_peak_mib is not None]
            if several:
                print(
                    f"  {label} {tool}: up to {max(r.processes for r in several)} processes; "
                    f"the peak counts their shared pages once per process. Largest single "
                    f"process {statistics.median(r.ru_maxrss_mib for r in several):,.0f} MiB"
                    + (
                        f", proportional (Pss) total {statistics.median(pss):,.0f} MiB"
                        if pss
                        else ""
                    )
                    + " (medians)"
                )


def evaluate_goals(
    cases: Sequence[Case], help_seconds: float | None, *, scale: bool
) -> list[dict[str, Any]]:
    goals: list[dict[str, Any]] = []
    for share, target in SPEED_UP_GOALS.items():
        name = f"analyze at least {target:g}x faster than the baseline at {share:.0%} retweets"
        measured = [c for c in cases if c.retweets == share and c.speed_up() is not None]
        if scale or not measured:
            goals.append(
                _goal(name, None, f"not measured (no complete runs at {share:.0%} retweets)")
            )
            continue
        met = all((c.speed_up() or 0.0) >= target for c in measured)
        text = ", ".join(f"{c.speed_up():.2f}x ({c.format}, {c.tweets:,} tweets)" for c in measured)
        goals.append(_goal(name, met, text))

    name = f"analyze's peak memory under {PEAK_GOAL_MIB:g} MiB for {PEAK_GOAL_TWEETS:,} tweets"
    at_goal = [c for c in cases if c.tweets == PEAK_GOAL_TWEETS and c.median("ours", "peak_mib")]
    if at_goal:
        # The tree's cost is its Pss total (shared pages split among the processes sharing
        # them); the RSS sum, which counts them in every process, is shown beside it.
        peaks = [
            (c, c.median("ours", "tree_pss_peak_mib") or c.median("ours", "peak_mib") or 0.0)
            for c in at_goal
        ]
        text = ", ".join(
            f"{p:,.0f} MiB Pss, {c.median('ours', 'peak_mib') or 0.0:,.0f} MiB RSS summed "
            f"({c.format}, {c.retweets:.0%} rt)"
            for c, p in peaks
        )
        goals.append(_goal(name, all(p < PEAK_GOAL_MIB for _, p in peaks), text))
    else:
        seen = "; ".join(
            f"{pss:,.0f} MiB Pss, {rss:,.0f} MiB RSS summed at {c.tweets:,}, {c.retweets:.0%} rt"
            for c in cases
            if (rss := c.median("ours", "peak_mib")) is not None
            for pss in [c.median("ours", "tree_pss_peak_mib") or rss]
        )
        goals.append(
            _goal(name, None, f"not measured at {PEAK_GOAL_TWEETS:,} ({seen or 'no runs'})")
        )

    name = f"analyze --help under {HELP_GOAL_SECONDS:g} s"
    if help_seconds is None:
        goals.append(_goal(name, None, "not measured"))
    else:
        goals.append(_goal(name, help_seconds < HELP_GOAL_SECONDS, f"{help_seconds:.3f} s"))
    return goals


def _goal(name: str, met: bool | None, measured: str) -> dict[str, Any]:
    status = "not measured" if met is None else "met" if met else "NOT MET"
    return {"goal": name, "met": met, "status": status, "measured": measured}


def honesty_notes(
    settings: Settings, cases: Sequence[Case], package_at_start: str, package_at_end: str
) -> list[str]:
    notes = [
        "Times are wall clock from spawn to exit of a fresh process (imports included); "
        "peak memory is the larger of the /proc sampler's tree total (every 20 ms, VmRSS of "
        "the process and its descendants) and the kernel's ru_maxrss from wait4; MiB = 2^20 "
        "bytes.",
        "Each stream is read once before timing, so both commands start with it in the page "
        "cache; the two commands alternate and swap order each repeat; os.sync() runs before "
        "each timed run; a warm-up on a small stream is not counted.",
        "The baseline only computes the per-minute series in memory; analyze also writes the "
        "chart, the HTML report and the data files. Both read the same file.",
    ]
    packages = {r.package for c in cases for r in c.runs} | {package_at_start, package_at_end}
    if len(packages) > 1:
        notes.append(
            f"WARNING: the analyzer package changed during the run ({package_at_start} -> "
            f"{package_at_end}; {len(packages)} versions seen): the runs measured different code "
            "(each run's version is in the JSON)."
        )
    runs = [r for c in cases for r in c.runs if r.seconds > 0]
    if runs:
        # Cores the rest of the machine kept busy during a run, on average over the run.
        busy = [(r.other_cpu_seconds / r.seconds, r) for r in runs]
        worst, run = max(busy, key=lambda pair: pair[0])
        mean = sum(r.other_cpu_seconds for r in runs) / sum(r.seconds for r in runs)
        text = (
            f"Other processes kept {mean:.2f} cores busy on average during the timed runs "
            f"(at most {worst:.2f}, during {run.tool} #{run.repeat + 1}) on "
            f"{len(os.sched_getaffinity(0))} cores"
        )
        notes.append(
            text + ("; times may be inflated." if worst > BUSY_CORES_WARNING else ": quiet.")
        )
    return notes


def case_json(case: Case) -> dict[str, Any]:
    summary: dict[str, Callable[[], float | None]] = {
        "baseline_seconds": lambda: case.median("baseline", "seconds"),
        "ours_seconds": lambda: case.median("ours", "seconds"),
        "speed_up": case.speed_up,
        "baseline_peak_mib": lambda: case.median("baseline", "peak_mib"),
        "ours_peak_mib": lambda: case.median("ours", "peak_mib"),
        "ours_pss_peak_mib": lambda: case.median("ours", "tree_pss_peak_mib"),
        "dask_seconds": lambda: case.median("dask", "seconds"),
        "dask_speed_up": lambda: case.speed_up("dask"),
        "dask_peak_mib": lambda: case.median("dask", "peak_mib"),
    }
    stages = case.stage_us()
    return {
        "format": case.format,
        "retweets": case.retweets,
        "tweets": case.tweets,
        "retweets_written": case.retweets_written,
        "file_mib": case.file_mib,
        "medians": {key: get() for key, get in summary.items()},
        "stage_cpu_us_per_tweet": stages,
        "runs": [asdict(run) for run in case.runs],
    }


if __name__ == "__main__":
    sys.exit(main())
