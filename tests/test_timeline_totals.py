"""Running totals: the same numbers whatever the chunking, and bounded samples."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analyzer
from analyzer.timeline.totals import EXTREMES_KEPT, Tally, _top

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def records():
    with analyzer.analyze(SAMPLES, match="BEL-JPN") as result:
        yield result.records


def tally_of(chunks, match, **options) -> Tally:
    tally = Tally(match, **options)
    for chunk in chunks:
        tally.add(chunk)
    return tally


def test_chunking_does_not_change_any_total(records, bel_jpn) -> None:
    whole = tally_of([records], bel_jpn)
    pieces = tally_of([records.iloc[i : i + 4] for i in range(0, len(records), 4)], bel_jpn)
    pd.testing.assert_frame_equal(whole.moments(), pieces.moments())
    assert (whole.kinds, whole.labels, whole.methods) == (
        pieces.kinds,
        pieces.labels,
        pieces.methods,
    )
    assert (
        whole.most_positive()["record_id"].tolist() == pieces.most_positive()["record_id"].tolist()
    )
    pd.testing.assert_frame_equal(whole.sample(), pieces.sample())


def test_moment_totals(records, bel_jpn) -> None:
    moments = tally_of([records], bel_jpn).moments().set_index("moment")
    assert moments.loc[
        "goal-2", ["records", "scored", "positive", "neutral", "negative"]
    ].tolist() == [7, 7, 5, 2, 0]  # the scorer reads YESSS INUI and GOLAZO as joy
    assert moments.loc["goal-2", "mean_mood"] == pytest.approx(0.445, abs=1e-4)
    assert moments.loc["comeback-1", "records"] == 3  # Vertonghen, Fellaini and Chadli tweets
    assert moments.loc["goal-4", "change"] == pytest.approx(0.6797 - 0.6689, abs=1e-4)


def test_extremes_are_the_most_positive_and_negative(records, bel_jpn) -> None:
    tally = tally_of([records], bel_jpn)
    assert tally.most_positive()["mood"].tolist() == sorted(
        records["mood"].nlargest(5), reverse=True
    )
    assert tally.most_negative()["author_name"].tolist()[0] == "Nishino"


def test_a_sample_is_bounded_and_the_same_whatever_the_order(records, bel_jpn) -> None:
    forward = tally_of([records], bel_jpn, sample_rows=10)
    backward = tally_of([records.iloc[::-1]], bel_jpn, sample_rows=10)
    assert len(forward.sample()) == 10 and forward.sampled
    assert set(forward.sample()["record_id"]) == set(backward.sample()["record_id"])


@settings(max_examples=200, deadline=None)
@given(
    compounds=st.lists(
        st.one_of(st.sampled_from([-0.5, 0.0, 0.3, 0.9]), st.floats(-1, 1), st.just(math.nan)),
        max_size=40,
    ),
    ascending=st.booleans(),
)
def test_the_extremes_are_those_of_a_full_sort(compounds, ascending) -> None:
    # Only rows that can make the cut are sorted; ties at the cut and missing scores included.
    rows = pd.DataFrame(
        {
            "mood": pd.array(compounds, dtype="float64"),
            "record_id": [f"r{(n * 7919) % 101:03d}" for n in range(len(compounds))],
        }
    )
    full = rows.sort_values(["mood", "record_id"], ascending=[ascending, True], kind="stable")
    assert _top(rows, ascending=ascending)["record_id"].tolist() == (
        full.head(EXTREMES_KEPT)["record_id"].tolist()
    )
