"""The mood-over-match chart: mood and volume on the match clock, with the goals, the comeback and the whistle.

Figures are built with matplotlib's object API on the Agg backend (no display, no global
pyplot state); the caller saves and closes them. The same input always draws the same
picture, byte for byte, so the chart can be committed and diffed.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

import emoji
import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from analyzer.analysis import Analysis
from analyzer.matches import Match, MatchMinute, MomentKind
from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.stats import t_quantile

# Okabe-Ito colours: told apart with the common colour-vision deficiencies. Labels and
# teams use different hues, and team lines also differ by dash, not by colour alone.
LABEL_COLOURS = {"positive": "#009E73", "neutral": "#999999", "negative": "#D55E00"}
TEAM_COLOURS = ("#0072B2", "#E69F00")  # home, away
TEAM_DASHES = ("-", "--")
MOOD_COLOUR = "#222222"
CONTEXT_COLOUR = "#BBBBBB"
COMEBACK_COLOUR = "#F0E442"
ZONE_COLOUR = "#EEEEEE"
WHISTLES = {MomentKind.HALF_TIME: "HT", MomentKind.EXTRA_TIME: "ET", MomentKind.FULL_TIME: "FT"}

# Minutes of chart given to the zones before kick-off and after the final whistle.
ZONE_WIDTH = 12.0
# Records placed at the same minute are fanned out this far apart so none hides another.
SPREAD_STEP = 0.8
# Above this many placed records the chart draws per-minute means instead of points:
# a point per tweet is unreadable long before it is slow.
POINT_LIMIT = 400
# With at most this many points, the most positive and negative few are named.
LABELLED_POINTS_LIMIT = 60
POINTS_NAMED = 2  # at each end
# The mood line is a centred rolling mean over this many records (points) or minutes (series).
SMOOTHING_RECORDS = 5
SMOOTHING_MINUTES = 5
# The mood line breaks where consecutive records are further apart than this (minutes):
# a line drawn across a stretch with no records would show a mood nobody expressed.
MOOD_LINE_GAP = 10.0
# Goal labels closer than this (minutes) are set apart so they do not print over each other.
LABEL_MIN_GAP = 2.5

# Fonts tried in order for text that comes from input (authors' names): DejaVu Sans, then
# the Noto families Debian and most desktops install for other scripts and symbols.
FONT_FALLBACK = (
    "DejaVu Sans", "Noto Sans", "Noto Sans Math", "Noto Sans Symbols", "Noto Sans Symbols 2",
    "Noto Sans CJK JP", "Noto Sans Tamil", "Noto Sans Devanagari", "Noto Sans Arabic",
)  # fmt: skip

# Deterministic files: no software version or date in the PNG, a fixed id salt in the SVG.
PNG_METADATA: dict[str, str | None] = {"Software": None}
SVG_METADATA: dict[str, str | None] = {"Date": None, "Creator": None}
SVG_SALT = "analyzer"
# An id matplotlib makes from a hash: a letter and ten hex digits, in id="..." or url(#...).
RE_SVG_HASHED_ID = re.compile(r'(?:id="|#)([a-z][0-9a-f]{10})\b')


@dataclass(frozen=True)
class ChartData:
    """What the chart draws, as plain tables: the caller decides which records they hold."""

    match: Match
    points: pd.DataFrame  # records of the view (all, or a sample): clock, mood, label, author_name
    caption: str
    title_note: str = ""  # e.g. "fans" when the chart speaks for a view
    context: pd.DataFrame | None = None  # other authors' records, drawn faintly
    series: MinuteSeries | None = None  # per-minute mood of the view on the match clock, when timed
    break_volume: Mapping[float, int] = field(default_factory=dict)  # tweets posted in each break
    home_series: MinuteSeries | None = None
    away_series: MinuteSeries | None = None
    team_moments: pd.DataFrame | None = None  # per moment: home_mean, away_mean (articles)
    moment_volume: pd.DataFrame | None = None  # per moment: clock, records (articles)
    neutral_band: float = (
        0.05  # compound scores within this of 0 are labelled neutral: the grey band
    )
    break_minutes: Mapping[int, float] = field(default_factory=dict)  # minute key -> break length


def chart_data_of(analysis: Analysis) -> ChartData:
    """What the chart draws: the view's records or minutes, other authors faintly, team moods."""
    view = analysis.view_tally
    points = view.sample()
    context = None
    if analysis.view != "all":
        everyone = analysis.tally.sample()
        context = everyone[~everyone["record_id"].isin(points["record_id"])]
    timed = analysis.view_series.volume > 0
    placed = view.records - view.unaligned
    caption = chart_caption(
        view.kinds,
        unaligned=view.unaligned,
        unscored=view.labels.get("unscored", 0),
        shown=len(points) if placed <= POINT_LIMIT else 0,
    )
    breaks = analysis.view_series.breaks.table()
    moments = view.moments()
    return ChartData(
        match=analysis.match,
        points=points,
        caption=caption,
        title_note=f"{analysis.view} only" if analysis.view != "all" else "",
        context=context,
        series=analysis.view_series.overall if timed else None,
        break_volume={
            float(k): int(v)
            for k, v in zip(breaks.index.to_numpy(), breaks["volume"].to_numpy(), strict=True)
            if v
        },
        home_series=analysis.view_series.home if timed else None,
        away_series=analysis.view_series.away if timed else None,
        team_moments=view.team_moods(),
        moment_volume=moments[moments["kind"] != "comeback"][["clock", "records"]].dropna(),
        neutral_band=analysis.scoring.neutral_band,
        break_minutes=dict(analysis.clock.break_lengths()),
    )


def figure_of(analysis: Analysis) -> Figure:
    """The mood-over-match chart for the analysis's view (a new Figure; clear it when done)."""
    return mood_chart(chart_data_of(analysis))


def mood_chart(data: ChartData) -> Figure:
    """Mood (top) and volume (bottom) over the match, goals and whistles marked, the comeback shaded."""
    match = data.match
    fig = Figure(figsize=(11, 7), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    # A row of its own for the legend: the layout then keeps it clear of title and labels.
    grid = fig.add_gridspec(3, 1, height_ratios=(0.32, 3, 1))
    key = fig.add_subplot(grid[0])
    key.set_axis_off()
    mood = fig.add_subplot(grid[1])
    volume = fig.add_subplot(grid[2], sharex=mood)
    mood.tick_params(labelbottom=False)
    end = match.final_whistle_position
    timed = data.series is not None and data.series.volume > 0

    for ax in (mood, volume):
        _zones_and_markers(ax, match, labels=ax is mood, band=data.neutral_band)
    points = data.points[data.points["clock"].notna() & data.points["mood"].notna()]
    show_points = len(points) <= POINT_LIMIT
    if data.context is not None and show_points:
        context = data.context[data.context["clock"].notna() & data.context["mood"].notna()]
        if len(context):
            x = spread(context, end=end)
            mood.scatter(x, context["mood"], s=14, color=CONTEXT_COLOUR, linewidths=0,
                         label=f"other authors ({len(context)})", zorder=3)  # fmt: skip
    if show_points:
        _points(mood, points, end=end)
    if timed and data.series is not None:
        _series_mood(mood, data.series, colour=MOOD_COLOUR, label="mood", band=True,
                     markers=not show_points)  # fmt: skip
        for series, colour, dash, team in zip(
            (data.home_series, data.away_series),
            TEAM_COLOURS,
            TEAM_DASHES,
            (match.home, match.away),
            strict=True,
        ):
            if series is not None and series.volume:
                _series_mood(mood, series, colour=colour, label=f"{team.name} (sentences naming them)",
                             band=False, dash=dash)  # fmt: skip
        _series_volume(volume, data.series, data.break_volume, data.break_minutes)
    else:
        _rolling_mood(mood, points, end=end)
        if data.team_moments is not None:
            _moment_teams(mood, match, data.team_moments)
        if data.moment_volume is not None:
            _moment_volume(volume, data.moment_volume)

    mood.set_xlim(-ZONE_WIDTH, end + ZONE_WIDTH)
    mood.set_ylim(-1.05, 1.05)
    mood.set_ylabel("mood (-1 negative to +1 positive)")
    mood.spines[["top", "right"]].set_visible(False)
    volume.spines[["top", "right"]].set_visible(False)
    volume.set_ylabel("records per minute" if timed else "records per moment", fontsize=8)
    if not volume.has_data():
        volume.set_ylim(0, 1)  # nothing placed: an honest empty axis, not one around zero
    ticks = _tick_minutes(match)
    volume.set_xticks([match.position(m) for m in ticks], [str(m) for m in ticks])
    volume.set_xlabel("match minute")
    handles, labels = mood.get_legend_handles_labels()
    if handles:
        key.legend(handles, labels, loc="center", ncols=min(len(handles), 4), fontsize=8,
                   frameon=False)  # fmt: skip
    note = f" — {data.title_note}" if data.title_note else ""
    fig.suptitle(chart_title(match) + note, fontsize=12)
    fig.supxlabel(data.caption, fontsize=8, color="#555555")
    return fig


def _zones_and_markers(ax: Axes, match: Match, *, labels: bool, band: float) -> None:
    end = match.final_whistle_position
    ax.axvspan(-ZONE_WIDTH, 0, color=ZONE_COLOUR, zorder=0)
    ax.axvspan(end, end + ZONE_WIDTH, color=ZONE_COLOUR, zorder=0)
    label_x = _label_positions([m.position for m in match.moments if m.kind is MomentKind.GOAL])
    if labels:
        ax.axhspan(-band, band, color="#F5F5F5", zorder=0)
        ax.axhline(0, color="#BBBBBB", linewidth=0.8, zorder=1)
        ax.text(-ZONE_WIDTH / 2, -0.97, "before\nkick-off", ha="center", va="bottom", fontsize=8,
                color="#555555")  # fmt: skip
        ax.text(end + ZONE_WIDTH / 2, -0.97, "after the\nfinal whistle", ha="center", va="bottom",
                fontsize=8, color="#555555")  # fmt: skip
    for moment in match.moments:
        if moment.kind is MomentKind.COMEBACK and moment.end_position is not None:
            ax.axvspan(
                moment.position, moment.end_position, color=COMEBACK_COLOUR, alpha=0.25, zorder=0
            )
            if labels and moment.team:
                ax.text((moment.position + moment.end_position) / 2, -0.9,
                        f"{match.team(moment.team).name} comeback", ha="center", fontsize=8,
                        color="#6B6100")  # fmt: skip
        elif moment.kind is MomentKind.GOAL and moment.goal:
            goal = moment.goal
            ax.axvline(moment.position, color="#333333", linestyle="--", linewidth=0.9, zorder=2)
            if labels:
                ax.text(label_x[moment.position], 1.02, f"{goal.minute} {goal.surname} {goal.score_text}",
                        rotation=90, ha="center", va="bottom", fontsize=8,
                        transform=ax.get_xaxis_transform())  # fmt: skip
        elif moment.kind in WHISTLES:
            ax.axvline(moment.position, color="#777777", linestyle=":", linewidth=1.2, zorder=2)
            if labels:
                # Inside the axes, left of the line: clear of a goal label in the same minute.
                ax.text(moment.position - 0.4, 0.99, WHISTLES[moment.kind], ha="right", va="top",
                        fontsize=8, color="#555555", transform=ax.get_xaxis_transform(), zorder=6,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})  # fmt: skip


def _label_positions(positions: list[float]) -> dict[float, float]:
    """Where to print each goal's label: at its line, or nudged right of the one before so
    that goals a minute apart (80', 81') stay readable; the lines stay where they are."""
    placed: dict[float, float] = {}
    last = -math.inf
    for position in sorted(positions):
        x = max(position, last + LABEL_MIN_GAP)
        placed[position] = last = x
    return placed


def _points(ax: Axes, points: pd.DataFrame, *, end: float) -> None:
    x = spread(points, end=end)
    for label, colour in LABEL_COLOURS.items():
        subset = points["label"] == label
        ax.scatter(x[subset], points.loc[subset, "mood"], s=28, color=colour, edgecolors="white",
                   linewidths=0.5, label=f"{label} ({int(subset.sum())})", zorder=4)  # fmt: skip
    if len(points) <= LABELLED_POINTS_LIMIT and "author_name" in points:
        ordered = points.sort_values(["mood", "record_id"], kind="stable")
        named = pd.concat([ordered.head(POINTS_NAMED), ordered.tail(POINTS_NAMED)]).drop_duplicates(
            "record_id"
        )
        handles = named["author_handle"] if "author_handle" in named else [None] * len(named)
        for position, name, handle, compound in zip(
            x.loc[named.index], named["author_name"], handles, named["mood"], strict=True
        ):
            if text := point_label(name, handle):
                ax.annotate(text, (float(position), float(compound)), xytext=(4, 4),
                            textcoords="offset points", fontsize=7, color="#444444", zorder=5,
                            fontfamily=list(chart_fonts()))  # fmt: skip


def _rolling_mood(ax: Axes, points: pd.DataFrame, *, end: float) -> None:
    """A rolling mean over the records in clock order, with a t-interval band around it."""
    if len(points) < 2:
        return
    ordered = points.assign(x=spread(points, end=end)).sort_values("x", kind="stable")
    window = min(SMOOTHING_RECORDS, len(ordered))
    rolling = ordered["mood"].rolling(window, center=True, min_periods=1)
    mean, sd, n = rolling.mean().to_numpy(), rolling.std().to_numpy(), rolling.count().to_numpy()
    half = np.array([
        t_quantile(0.975, k - 1) * s / math.sqrt(k) if k >= 2 and s == s else math.nan
        for k, s in zip(n, sd, strict=True)
    ])  # fmt: skip
    x = ordered["x"].to_numpy(dtype=float)
    # A NaN between records far apart breaks the line (and its band) there.
    cut = np.flatnonzero(np.diff(x) > MOOD_LINE_GAP) + 1
    x, mean, half = (np.insert(a, cut, np.nan) for a in (x, mean, half))
    ax.fill_between(x, mean - half, mean + half, color=MOOD_COLOUR, alpha=0.08, linewidth=0,
                    zorder=2)  # fmt: skip
    ax.plot(x, mean, color=MOOD_COLOUR, linewidth=2, zorder=3,
            label=f"mood (rolling mean of {window}, 95% band)")  # fmt: skip


def _series_mood(
    ax: Axes,
    series: MinuteSeries,
    *,
    colour: str,
    label: str,
    band: bool,
    markers: bool = False,
    dash: str = "-",
) -> None:
    """A centred rolling mean over minutes, pooled from the per-minute sums (exact, not a mean of means)."""
    table = series.table()
    keys = table.index.to_numpy()
    half_window = SMOOTHING_MINUTES // 2
    means, lows, highs = [], [], []
    for key in keys:
        stats = series.stats(int(key) - half_window, int(key) + half_window)
        means.append(stats.mean if stats.count else math.nan)
        low, high = stats.interval() if stats.count >= 2 else (math.nan, math.nan)
        lows.append(low)
        highs.append(high)
    x = keys + 0.5  # a key covers the clock from key to key + 1
    if markers:
        ax.scatter(x, table["mean"], s=6, color=colour, alpha=0.35, linewidths=0, zorder=3,
                   label="mean of each minute")  # fmt: skip
    if band:
        ax.fill_between(x, lows, highs, color=colour, alpha=0.12, linewidth=0, zorder=2)
    ax.plot(x, means, color=colour, linewidth=2 if band else 1.5, linestyle=dash, zorder=4,
            label=f"{label} ({SMOOTHING_MINUTES}-minute mean{', 95% band' if band else ''})")  # fmt: skip


def _moment_teams(ax: Axes, match: Match, team_moments: pd.DataFrame) -> None:
    positions = {m.id: m.position for m in match.moments}
    rows = team_moments[team_moments["moment"].isin(positions.keys())]
    for side, colour, dash, team in zip(("home", "away"), TEAM_COLOURS, TEAM_DASHES,
                                        (match.home, match.away), strict=True):  # fmt: skip
        present = rows[rows[f"{side}_mean"].notna()]
        if present.empty:
            continue
        x = np.array([positions[m] + 0.5 for m in present["moment"]], dtype=float)
        y = present[f"{side}_mean"].to_numpy(dtype=float)
        cut = np.flatnonzero(np.diff(x) > MOOD_LINE_GAP) + 1  # no line across moments far apart
        x, y = np.insert(x, cut, np.nan), np.insert(y, cut, np.nan)
        ax.plot(x, y, color=colour, linestyle=dash, marker="D", markersize=4,
                linewidth=1.4, zorder=4, label=f"{team.name} (sentences naming them, per moment)")  # fmt: skip


def _series_volume(
    ax: Axes,
    series: MinuteSeries,
    break_volume: Mapping[float, int],
    break_minutes: Mapping[int, float],
) -> None:
    table = series.table()
    ax.bar(table.index.to_numpy() + 0.5, table["volume"], width=1.0, color="#7A8B99", linewidth=0)
    # The clock stands still in a break, so its tweets share one point of the axis: drawn
    # as a hatched bar of their own, at the break's volume per minute of real time.
    for position, count in sorted(break_volume.items()):
        minutes = break_minutes.get(math.floor(position), 1.0)
        ax.bar([position], [count / minutes], width=1.6, color="#CCCCCC", hatch="//",
               edgecolor="#999999", linewidth=0.5)  # fmt: skip
        ax.annotate(f"break: {minutes:g} min", (position, count / minutes), xytext=(0, 2),
                    textcoords="offset points", ha="center", fontsize=7, color="#777777")  # fmt: skip


def _moment_volume(ax: Axes, moment_volume: pd.DataFrame) -> None:
    rows = moment_volume[moment_volume["records"] > 0]
    ax.bar(rows["clock"] + 0.5, rows["records"], width=1.5, color="#7A8B99", linewidth=0)


def spread(placed: pd.DataFrame, *, end: float) -> pd.Series:
    """x positions: each record at its clock, records sharing a clock fanned out to its right.

    Records after the final whistle with no time of their own are spread across the
    post-match zone in document order, so a pile of post-match reactions stays readable.
    """
    clocks = placed["clock"].astype(float)
    x = clocks.copy()
    for clock in sorted(set(clocks)):
        group = clocks.index[clocks == clock]
        if len(group) < 2 and clock < end:
            continue
        room = ZONE_WIDTH - 1 if clock >= end else SPREAD_STEP * len(group)
        step = min(SPREAD_STEP, room / len(group))
        x.loc[group] = clock + 0.5 + step * np.arange(len(group))
    return x


def chart_title(match: Match) -> str:
    when = f"{match.date.day} {match.date:%B %Y}"
    parts = [p for p in (match.competition, match.round, when, match.venue) if p]
    return f"{match.title}\n{', '.join(parts)}"


def chart_caption(
    kinds: Mapping[str, int], *, unaligned: int, unscored: int = 0, shown: int | None = None
) -> str:
    """What the chart holds: '26 records (17 tweets, 9 quotes)', and what it leaves out."""
    total = sum(kinds.values())
    ordered = sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
    made_of = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in ordered)
    parts = [f"{total} records ({made_of})"]
    if shown == 0 and total:
        parts.append("drawn as means per minute")
    elif shown is not None and shown < total:
        parts.append(f"a sample of {shown} drawn as points")
    if unaligned:
        parts.append(f"{unaligned} that could not be placed on the match clock not shown")
    if unscored:
        parts.append(f"{unscored} unscored not shown")
    fanned = " Points sharing a minute are fanned out to its right." if shown != 0 else ""
    return "; ".join(parts) + "." + fanned


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with _quiet_glyphs():
        fig.savefig(buffer, format="png", metadata=PNG_METADATA)
    return buffer.getvalue()


def svg_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": SVG_SALT}), _quiet_glyphs():
        fig.savefig(buffer, format="svg", metadata=SVG_METADATA)
    return stable_svg_ids(buffer.getvalue().decode("utf-8")).encode("utf-8")


@contextmanager
def _quiet_glyphs() -> Iterator[None]:
    """Text from input is checked against the fonts (point_label) before it is drawn; a
    glyph matplotlib still cannot find must not reach the user as a library's warning."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        yield


def stable_svg_ids(svg: str) -> str:
    """Number matplotlib's hashed SVG ids in order of first use.

    Clip-path ids hash object reprs that hold memory addresses, so without this the same
    drawing gives different bytes on every run.
    """
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        return names.setdefault(match.group(1), f"{match.group(1)[0]}{len(names) + 1}")

    return RE_SVG_HASHED_ID.sub(lambda m: m.group(0).replace(m.group(1), rename(m)), svg)


def _short(name: str, limit: int = 20) -> str:
    """A name for a point's label: emoji dropped (the chart font has none), cut to ``limit``."""
    name = emoji.replace_emoji(name, "").strip()
    return name if len(name) <= limit else name[: limit - 1] + "…"


def point_label(name: object, handle: object) -> str | None:
    """What to print beside a point: the author's name when the chart's fonts can draw it,
    else the @handle (a name in Mathematical Script or an unusual script would come out
    as boxes), else nothing."""
    if isinstance(name, str) and (short := _short(name)) and drawable(short):
        return short
    if isinstance(handle, str) and handle and drawable(handle):
        return "@" + handle
    return None


def drawable(text: str) -> bool:
    """Whether every character of ``text`` is in one of the chart's installed fonts."""
    covered = _covered_code_points(chart_fonts())
    return all(ord(ch) in covered or ch.isspace() for ch in text)


@cache
def chart_fonts() -> tuple[str, ...]:
    """The families of FONT_FALLBACK that are installed, in order (DejaVu Sans always is:
    matplotlib ships it)."""
    found = []
    for family in FONT_FALLBACK:
        try:
            font_manager.findfont(family, fallback_to_default=False)
        except ValueError:
            continue
        found.append(family)
    return tuple(found) or ("DejaVu Sans",)


@cache
def _covered_code_points(families: tuple[str, ...]) -> frozenset[int]:
    points: set[int] = set()
    for family in families:
        path = font_manager.findfont(family, fallback_to_default=False)
        points.update(FT2Font(path).get_charmap())
    return frozenset(points)


def _tick_minutes(match: Match) -> list[MatchMinute]:
    minutes = [MatchMinute(m) for m in (0, 15, 30, 45, 60, 75, 90)]
    if match.extra_time:
        minutes += [MatchMinute(105), MatchMinute(120)]
    return minutes
