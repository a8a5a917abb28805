"""The mood chart: goal markers, the comeback, views, binned minutes for large inputs, deterministic files."""

from __future__ import annotations

import pytest
from matplotlib.patches import Rectangle

import analyzer
from analyzer.matches import shipped
from analyzer.outputs.chart import (
    POINT_LIMIT,
    chart_caption,
    chart_data_of,
    chart_title,
    figure_of,
    mood_chart,
    png_bytes,
    spread,
    svg_bytes,
)
from analyzer.synthetic import write_stream

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def everyone():
    with analyzer.analyze(SAMPLES, match="BEL-JPN", authors="all") as analysis:
        yield analysis


@pytest.fixture(scope="module")
def fans():
    with analyzer.analyze(SAMPLES, match="BEL-JPN") as analysis:
        yield analysis


@pytest.fixture(scope="module")
def stream(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stream")
    write_stream(folder / "s.jsonl", shipped().find("BEL-JPN"), tweets=4000, lag=2.0, seed=3)
    with analyzer.analyze(folder, match="BEL-JPN", authors="all") as analysis:
        yield analysis


def texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def legend_labels(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


def test_every_goal_has_a_labelled_marker(everyone) -> None:
    fig = figure_of(everyone)
    for label in (
        "48' Haraguchi 0-1",
        "52' Inui 0-2",
        "69' Vertonghen 1-2",
        "74' Fellaini 2-2",
        "90+4' Chadli 3-2",
    ):
        assert label in texts(fig)
    assert {"HT", "FT", "Belgium comeback", "before\nkick-off", "after the\nfinal whistle"} <= set(
        texts(fig)
    )
    fig.clear()


def test_the_comeback_is_shaded_between_its_goals_in_both_panels(everyone) -> None:
    fig = figure_of(everyone)
    mood, volume = fig.axes[1], fig.axes[2]
    for ax in (mood, volume):
        extents = {(round(p.get_x(), 1), round(p.get_x() + p.get_width(), 1)) for p in ax.patches
                   if isinstance(p, Rectangle)}  # fmt: skip
        assert (71.0, 96.0) in extents  # 69' to 90+4' on the clock
    fig.clear()


def test_few_records_are_points_with_a_few_named(everyone) -> None:
    fig = figure_of(everyone)
    labels = legend_labels(fig)
    assert "positive (20)" in labels and "neutral (2)" in labels and "negative (4)" in labels
    assert any(label.startswith("mood (rolling mean of 5") for label in labels)
    assert "Nishino" in texts(fig)  # the most negative record is named
    fig.clear()


def test_a_view_draws_the_others_faintly_and_says_so(fans) -> None:
    fig = figure_of(fans)
    assert "other authors (16)" in legend_labels(fig)
    assert fig.get_suptitle().endswith("— fans only")
    fig.clear()


def test_team_lines_per_moment_for_articles(everyone) -> None:
    labels = legend_labels(figure_of(everyone))
    assert "Belgium (sentences naming them, per moment)" in labels
    assert "Japan (sentences naming them, per moment)" in labels


def test_a_stream_is_drawn_by_minute_with_volume_and_team_lines(stream) -> None:
    assert stream.tally.records > POINT_LIMIT
    fig = figure_of(stream)
    labels = legend_labels(fig)
    assert "mood (5-minute mean, 95% band)" in labels
    assert "Belgium (sentences naming them) (5-minute mean)" in labels
    assert not any(label.startswith("positive (") for label in labels)  # no point per tweet
    volume = fig.axes[2]
    assert volume.get_ylabel() == "records per minute"
    # Half-time has a hatched bar of its own, at its tweets per minute of the 15-minute break.
    assert "break: 15 min" in texts(fig)
    [hatched] = [p for p in volume.patches if p.get_hatch()]
    assert hatched.get_height() == pytest.approx(stream.view_series.breaks.volume / 15)
    assert "drawn as means per minute" in fig._supxlabel.get_text()
    fig.clear()


@pytest.mark.slow
def test_png_and_svg_are_byte_identical_across_runs(everyone) -> None:
    first, second = figure_of(everyone), figure_of(everyone)
    assert png_bytes(first) == png_bytes(second)
    assert svg_bytes(first) == svg_bytes(second)
    assert png_bytes(first).startswith(b"\x89PNG") and b"<svg" in svg_bytes(first)
    first.clear()
    second.clear()


def test_title_and_caption() -> None:
    match = shipped().find("BEL-JPN")
    assert chart_title(match) == (
        "Belgium 3-2 Japan\nWorld Cup 2018, Round of 16, 2 July 2018, Rostov Arena, Rostov-on-Don"
    )
    assert chart_caption({"tweet": 17, "quote": 9}, unaligned=0).startswith(
        "26 records (17 tweets, 9 quotes)."
    )
    assert chart_caption({"tweet": 1000}, unaligned=3, unscored=2, shown=500) == (
        "1000 records (1000 tweets); a sample of 500 drawn as points; 3 that could not be placed "
        "on the match clock not shown; 2 unscored not shown. Points sharing a minute are fanned out to its right."
    )
    assert (
        chart_caption({"tweet": 1000}, unaligned=0, shown=0)
        == "1000 records (1000 tweets); drawn as means per minute."
    )


def test_records_sharing_a_minute_are_fanned_out(everyone) -> None:
    records = everyone.records
    placed = records[records["clock"].notna()]
    xs = spread(placed, end=everyone.match.final_whistle_position)
    assert xs.is_unique
    at_52 = xs[placed["clock"] == 54.0]
    assert len(at_52) == 7 and at_52.min() > 54.0 and at_52.max() < 71.0


def test_mood_chart_takes_plain_data(everyone) -> None:
    data = chart_data_of(everyone)
    fig = mood_chart(data)
    assert fig.get_suptitle().startswith("Belgium 3-2 Japan")
    fig.clear()


@pytest.mark.slow
def test_the_svg_is_the_same_in_a_new_process() -> None:
    import hashlib
    import subprocess
    import sys

    code = (
        "import hashlib, analyzer\n"
        "from analyzer.outputs.chart import figure_of, png_bytes, svg_bytes\n"
        f"with analyzer.analyze({str(SAMPLES)!r}, match='BEL-JPN', authors='all') as a:\n"
        "    fig = figure_of(a)\n"
        "    print(hashlib.sha256(svg_bytes(fig)).hexdigest(), hashlib.sha256(png_bytes(fig)).hexdigest())\n"
    )
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)}  # fmt: skip
    assert len(runs) == 1
    with analyzer.analyze(SAMPLES, match="BEL-JPN", authors="all") as analysis:
        fig = figure_of(analysis)
        here = f"{hashlib.sha256(svg_bytes(fig)).hexdigest()} {hashlib.sha256(png_bytes(fig)).hexdigest()}\n"
    assert runs == {here}


@pytest.mark.parametrize(
    ("name", "handle", "shown"),
    [
        ("Ann Fan", "annfan", "Ann Fan"),
        ("𝓜𝓪𝓻𝓲𝓪 ⚽", "maria_bxl", "@maria_bxl"),  # Mathematical Script: no installed font has it
        ("𝓜𝓪𝓻𝓲𝓪", None, None),
        ("Kenji 🇯🇵", "kenji", "Kenji"),  # emoji dropped, the name kept
        (None, "anon", "@anon"),
    ],
)
def test_names_the_fonts_cannot_draw_give_way_to_the_handle(
    name, handle, shown, monkeypatch
) -> None:
    from analyzer.outputs import chart

    # The font matplotlib itself ships, so the answer does not depend on the machine's.
    monkeypatch.setattr(chart, "chart_fonts", lambda: ("DejaVu Sans",))
    assert chart.point_label(name, handle) == shown


def test_drawing_a_name_in_an_unusual_script_prints_no_warning(recwarn) -> None:
    import pandas as pd

    from analyzer.outputs.chart import ChartData, mood_chart

    match = shipped().find("BEL-JPN")
    points = pd.DataFrame({
        "record_id": ["a", "b"], "clock": [50.0, 70.0], "mood": [0.9, -0.8],
        "label": ["positive", "negative"], "author_name": ["𝓜𝓪𝓻𝓲𝓪", "தமிழ் ரசிகர்"],
        "author_handle": ["maria", "tamil_fan"],
    })  # fmt: skip
    fig = mood_chart(ChartData(match=match, points=points, caption=""))
    png_bytes(fig), svg_bytes(fig)
    fig.clear()
    assert [str(w.message) for w in recwarn if "Glyph" in str(w.message)] == []
