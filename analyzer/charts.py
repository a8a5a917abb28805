"""The mood-over-match chart: records as points on the match clock, the goals, the comeback, the whistle.

Figures are built with matplotlib's object API on the Agg backend (no display, no global
pyplot state); the caller saves and closes them.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analyzer.matches import Match, MatchMinute, MomentKind
from analyzer.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD
from analyzer.tally import counts

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
LABEL_COLOURS = {"positive": "#009E73", "neutral": "#999999", "negative": "#D55E00"}
MOOD_LINE_COLOUR = "#0072B2"
COMEBACK_COLOUR = "#F0E442"
ZONE_COLOUR = "#EEEEEE"

WHISTLES = {MomentKind.HALF_TIME: "HT", MomentKind.EXTRA_TIME: "ET", MomentKind.FULL_TIME: "FT"}

# Minutes of chart given to the zones before kick-off and after the final whistle.
ZONE_WIDTH = 12.0
# Records placed at the same minute are fanned out this far apart so none hides another.
SPREAD_STEP = 0.8
# Records in the rolling mean that draws the mood line.
SMOOTHING_WINDOW = 5

# PNG metadata without the matplotlib version, so the file only changes when the chart does.
PNG_METADATA = {"Software": None}


def mood_chart(records: pd.DataFrame, match: Match, *, caption: str | None = None) -> Figure:
    """Mood over match time, with goal markers, half-time, final whistle and the comeback shaded.

    ``records`` are the rows drawn as points (all of them, or a sample of a large input);
    ``caption`` says what they are, and defaults to counting them.
    """
    fig = Figure(figsize=(11, 5.5), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    end = match.final_whistle_position
    placed = records[records["clock"].notna() & records["compound"].notna()].copy()
    placed["x"] = spread(placed, end=end)

    ax.axvspan(-ZONE_WIDTH, 0, color=ZONE_COLOUR, zorder=0)
    ax.axvspan(end, end + ZONE_WIDTH, color=ZONE_COLOUR, zorder=0)
    ax.text(
        -ZONE_WIDTH / 2,
        -0.97,
        "before\nkick-off",
        ha="center",
        va="bottom",
        fontsize=8,
        color="#555555",
    )
    ax.text(end + ZONE_WIDTH / 2, -0.97, "after the\nfinal whistle", ha="center", va="bottom", fontsize=8,
            color="#555555")  # fmt: skip
    ax.axhspan(NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, color="#F5F5F5", zorder=0)
    ax.axhline(0, color="#BBBBBB", linewidth=0.8, zorder=1)

    for moment in match.moments:
        if moment.kind is MomentKind.COMEBACK and moment.end_position is not None:
            ax.axvspan(
                moment.position, moment.end_position, color=COMEBACK_COLOUR, alpha=0.25, zorder=0
            )
            ax.text((moment.position + moment.end_position) / 2, -0.9,
                    f"{match.team(moment.team).name if moment.team else ''} comeback",
                    ha="center", fontsize=8, color="#6B6100")  # fmt: skip
        elif moment.kind is MomentKind.GOAL and moment.goal:
            goal = moment.goal
            ax.axvline(moment.position, color="#333333", linestyle="--", linewidth=0.9, zorder=2)
            ax.text(moment.position, 1.02, f"{goal.minute} {goal.surname} {goal.score_text}",
                    rotation=90, ha="center", va="bottom", fontsize=8,
                    transform=ax.get_xaxis_transform())  # fmt: skip
        elif moment.kind in WHISTLES:
            # Inside the axes and to the left of the line, clear of a goal label in the same minute.
            ax.axvline(moment.position, color="#777777", linestyle=":", linewidth=1.2, zorder=2)
            ax.text(moment.position - 0.4, 0.99, WHISTLES[moment.kind], ha="right", va="top", fontsize=8,
                    color="#555555", transform=ax.get_xaxis_transform())  # fmt: skip

    for label, colour in LABEL_COLOURS.items():
        subset = placed[placed["label"] == label]
        ax.scatter(subset["x"], subset["compound"], s=28, color=colour, edgecolors="white",
                   linewidths=0.5, label=f"{label} ({len(subset)})", zorder=4)  # fmt: skip
    if len(placed) >= 2:
        ordered = placed.sort_values("x", kind="stable")
        window = min(SMOOTHING_WINDOW, len(ordered))
        smooth = ordered["compound"].rolling(window, center=True, min_periods=1).mean()
        ax.plot(ordered["x"], smooth, color=MOOD_LINE_COLOUR, linewidth=2, label="mood (rolling mean)",
                zorder=3)  # fmt: skip

    ax.set_xlim(-ZONE_WIDTH, end + ZONE_WIDTH)
    ax.set_ylim(-1.05, 1.05)
    ticks = [match.position(m) for m in _tick_minutes(match)]
    ax.set_xticks(ticks, [str(m) for m in _tick_minutes(match)])
    ax.set_xlabel("match minute")
    ax.set_ylabel("sentiment (VADER compound)")
    fig.legend(loc="outside right upper", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(chart_title(match), fontsize=12)
    fig.supxlabel(caption or chart_caption(counts(records["kind"]),
                                            unaligned=int(records["clock"].isna().sum())),
                  fontsize=8, color="#555555")  # fmt: skip
    return fig


def spread(placed: pd.DataFrame, *, end: float) -> pd.Series:
    """x positions: each record at its clock, records sharing a clock fanned out to its right.

    Records after the final whistle are spread across the post-match zone in document
    order, so a pile of post-match reactions stays readable.
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
    if shown is not None and shown < total:
        parts.append(f"a sample of {shown} drawn as points")
    if unaligned:
        parts.append(f"{unaligned} that could not be placed on the match clock not shown")
    if unscored:
        parts.append(f"{unscored} unscored not shown")
    return "; ".join(parts) + ". Points sharing a minute are fanned out to its right."


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata=PNG_METADATA)
    return buffer.getvalue()


def save_png(fig: Figure, path: Path) -> None:
    path.write_bytes(png_bytes(fig))


def _tick_minutes(match: Match) -> list[MatchMinute]:
    minutes = [MatchMinute(m) for m in (0, 15, 30, 45, 60, 75, 90)]
    if match.extra_time:
        minutes += [MatchMinute(105), MatchMinute(120)]
    return minutes
