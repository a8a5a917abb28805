"""The mood chart: goal markers, the comeback, deterministic output."""

from __future__ import annotations

import pytest
from matplotlib.patches import Rectangle

import analyzer
from analyzer.charts import chart_caption, chart_title, mood_chart, png_bytes, spread

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def result():
    with analyzer.analyze(SAMPLES, match="BEL-JPN", authors="all") as analysis:
        yield analysis


def test_every_goal_has_a_labelled_marker(result) -> None:
    fig = mood_chart(result.records, result.match)
    texts = [t.get_text() for t in fig.axes[0].texts]
    for label in (
        "48' Haraguchi 0-1",
        "52' Inui 0-2",
        "69' Vertonghen 1-2",
        "74' Fellaini 2-2",
        "90+4' Chadli 3-2",
    ):
        assert label in texts
    assert "HT" in texts and "FT" in texts and "Belgium comeback" in texts
    fig.clear()


def test_the_comeback_is_shaded_between_its_goals(result) -> None:
    fig = mood_chart(result.records, result.match)
    spans = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    extents = {(round(p.get_x(), 1), round(p.get_x() + p.get_width(), 1)) for p in spans}
    assert (71.0, 96.0) in extents  # 69' to 90+4' on the clock
    fig.clear()


def test_the_png_is_byte_identical_across_runs(result) -> None:
    first, second = (
        mood_chart(result.records, result.match),
        mood_chart(result.records, result.match),
    )
    assert png_bytes(first) == png_bytes(second)
    assert png_bytes(first).startswith(b"\x89PNG")
    first.clear()
    second.clear()


def test_title_and_caption(result) -> None:
    assert chart_title(result.match) == (
        "Belgium 3-2 Japan\nWorld Cup 2018, Round of 16, 2 July 2018, Rostov Arena, Rostov-on-Don"
    )
    assert chart_caption({"tweet": 17, "quote": 9}, unaligned=0).startswith(
        "26 records (17 tweets, 9 quotes)."
    )
    assert chart_caption({"tweet": 1000}, unaligned=3, unscored=2, shown=500) == (
        "1000 records (1000 tweets); a sample of 500 drawn as points; 3 that could not be placed "
        "on the match clock not shown; 2 unscored not shown. Points sharing a minute are fanned out to its right."
    )


def test_records_sharing_a_minute_are_fanned_out(result) -> None:
    placed = result.records[result.records["clock"].notna()]
    xs = spread(placed, end=result.match.final_whistle_position)
    assert xs.is_unique
    at_52 = xs[placed["clock"] == 54.0]
    assert len(at_52) == 7 and at_52.min() > 54.0 and at_52.max() < 71.0
