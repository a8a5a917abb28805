"""Per-minute series: sums that merge exactly, means and intervals, terms, and the t quantiles behind them."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analyzer.timeline.series import COLUMNS, MinuteSeries, minute_keys
from analyzer.timeline.stats import SampleStats, t_cdf, t_quantile
from analyzer.timeline.terms import merge_counts, terms_of

# Student t 0.975 quantiles as printed in standard tables (to 6 decimals).
T_TABLE = [
    (1, 12.706205),
    (2, 4.302653),
    (3, 3.182446),
    (4, 2.776445),
    (5, 2.570582),
    (10, 2.228139),
    (20, 2.085963),
    (30, 2.042272),
    (60, 2.000298),
    (120, 1.979930),
    (1000, 1.962339),
]


@pytest.mark.parametrize(("df", "expected"), T_TABLE)
def test_t_quantile_matches_the_printed_tables(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=5e-7)


@pytest.mark.parametrize(("p", "df", "expected"), [(0.995, 3, 5.840909), (0.6, 5, 0.267181)])
def test_t_quantile_at_other_levels(p, df, expected):
    assert t_quantile(p, df) == pytest.approx(expected, abs=5e-7)


def test_t_quantile_tends_to_the_normal_quantile():
    assert t_quantile(0.975, 1e9) == pytest.approx(1.959964, abs=1e-6)


@pytest.mark.parametrize("df", [0.5, 1.5, 2.5, 4.909, 7.25, 33.3, 99.5, 150.5])
@pytest.mark.parametrize("p", [0.6, 0.9, 0.975, 0.999])
def test_t_quantile_inverts_the_distribution_function_at_fractional_df(p, df):
    # Welch's interval needs fractional degrees of freedom, where no table helps.
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-9)


def test_t_quantile_is_symmetric_and_ordered():
    assert t_quantile(0.025, 7) == pytest.approx(-t_quantile(0.975, 7))
    assert t_quantile(0.5, 7) == 0.0
    assert t_quantile(0.975, 4) > t_quantile(0.975, 4.5) > t_quantile(0.975, 5)


@pytest.mark.parametrize("t", [-30.0, -2.0, -0.3, 0.0, 0.7, 4.0, 50.0])
def test_t_cdf_matches_the_closed_forms_for_one_and_two_df(t):
    assert t_cdf(t, 1) == pytest.approx(0.5 + math.atan(t) / math.pi, abs=1e-12)
    assert t_cdf(t, 2) == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), abs=1e-12)


@pytest.mark.parametrize(("p", "df"), [(0.0, 3), (1.0, 3), (0.9, 0), (0.9, -1)])
def test_t_quantile_rejects_impossible_arguments(p, df):
    with pytest.raises(ValueError):
        t_quantile(p, df)


def test_sample_stats_by_hand():
    # 0.5, -0.5, 1.0: mean 1/3, squared deviations 1/36 + 25/36 + 16/36 = 7/6, so the
    # sample variance is 7/12 and the interval 1/3 ± t(0.975, 2) * sqrt(7/36).
    stats = SampleStats(1, 0.5, 0.0).combine(SampleStats(1, -0.5, 0.0))
    stats = stats.combine(SampleStats(1, 1.0, 0.0))
    assert stats.count == 3
    assert stats.mean == pytest.approx(1 / 3)
    assert stats.variance == pytest.approx(7 / 12)
    low, high = stats.interval()
    assert low == pytest.approx(1 / 3 - 1.8972918, abs=1e-6)
    assert high == pytest.approx(1 / 3 + 1.8972918, abs=1e-6)


def test_sample_stats_below_two_values_have_no_interval():
    assert math.isnan(SampleStats().mean)
    assert math.isnan(SampleStats(1, 0.4, 0.0).variance)
    assert all(math.isnan(x) for x in SampleStats(1, 0.4, 0.0).interval())
    assert SampleStats().combine(SampleStats(1, 0.4, 0.0)) == SampleStats(1, 0.4, 0.0)


def test_table_by_hand_with_a_gap_and_unscored_records():
    series = MinuteSeries()
    series.add(
        np.array([10, 10, 12, 10, 12]),
        np.array([0.5, -0.5, math.nan, 1.0, 0.0]),
        ["positive", "negative", "unscored", "positive", "neutral"],
    )
    table = series.table()
    assert list(table.columns) == list(COLUMNS)
    assert table.index.tolist() == [10, 11, 12]
    assert table.index.name == "minute"

    first = table.loc[10]
    assert (first.volume, first.scored, first.positive, first.negative) == (3, 3, 2, 1)
    assert first["mean"] == pytest.approx(1 / 3)
    assert (first.ci_low, first.ci_high) == pytest.approx((1 / 3 - 1.8972918, 1 / 3 + 1.8972918))
    assert first.share_positive == pytest.approx(2 / 3)
    assert first.net == pytest.approx(1 / 3)

    gap = table.loc[11]  # no records: filled by the table, zero counts, no mean
    assert (gap.volume, gap.scored, gap.positive) == (0, 0, 0)
    assert math.isnan(gap["mean"]) and math.isnan(gap.share_positive) and math.isnan(gap.net)

    last = table.loc[12]
    assert (last.volume, last.scored, last.unscored, last.neutral) == (2, 1, 1, 1)
    assert last["mean"] == 0.0
    assert math.isnan(last.ci_low)  # one scored record: no interval
    assert last.share_positive == 0.0
    assert math.isnan(last.net)  # neither positive nor negative
    assert table.dtypes["volume"] == np.int64 and table.dtypes["mean"] == np.float64


def test_labels_come_from_the_compounds_when_not_given():
    series = MinuteSeries()
    series.add(np.array([0, 0, 0, 0, 0]), np.array([0.05, -0.05, 0.049, -0.049, math.nan]))
    row = series.table().loc[0]
    assert (row.positive, row.negative, row.neutral, row.unscored) == (1, 1, 2, 1)


@pytest.mark.parametrize(
    ("compounds", "labels"),
    [([math.nan], ["negative"]), ([0.3], ["unscored"])],
)
def test_labels_that_contradict_the_compounds_are_refused(compounds, labels):
    with pytest.raises(ValueError, match="unscored"):
        MinuteSeries().add(np.array([1]), np.array(compounds), labels)


def test_unknown_labels_are_refused():
    with pytest.raises(ValueError, match="unknown label 'Positive'"):
        MinuteSeries().add(np.array([1]), np.array([0.3]), ["Positive"])


@pytest.mark.parametrize(
    ("minutes", "message"),
    [(np.array([1.5]), "integers"), (np.array([[1]]), "integers")],
)
def test_keys_must_be_integers(minutes, message):
    with pytest.raises(ValueError, match=message):
        MinuteSeries().add(minutes, np.zeros(minutes.size))


def test_lengths_must_agree():
    with pytest.raises(ValueError, match="2 minutes but 1 texts"):
        MinuteSeries().add(np.array([1, 2]), np.array([0.1, 0.2]), texts=["one"])


def test_empty_series():
    series = MinuteSeries()
    series.add(np.array([], dtype=np.int64), np.array([]))
    table = series.table()
    assert table.empty and list(table.columns) == list(COLUMNS)
    assert (len(series), series.volume, series.top_terms(0, 10)) == (0, 0, [])
    assert series.stats(0, 10) == SampleStats()


def _random_chunk(rng: np.random.Generator, size: int):
    minutes = rng.integers(-5, 40, size)  # before kick-off too
    compounds = np.round(rng.uniform(-1, 1, size), 4)
    compounds[rng.random(size) < 0.1] = math.nan
    labels = np.where(
        np.isnan(compounds),
        "unscored",
        np.where(
            compounds >= 0.05, "positive", np.where(compounds <= -0.05, "negative", "neutral")
        ),
    )
    words = [
        "goal",
        "inui",
        "what",
        "a",
        "disaster",
        "https://t.co/x",
        "@fifa",
        "GOOOAL",
        "belgium",
    ]
    texts = [" ".join(rng.choice(words, 4)) for _ in range(size)]
    tags = [
        tuple(rng.choice(["BELJPN", "WorldCup", "JPN"], rng.integers(0, 3))) for _ in range(size)
    ]
    return minutes, compounds, labels, tags, texts


def test_merging_series_equals_feeding_one():
    rng = np.random.default_rng(7)
    chunks = [_random_chunk(rng, size) for size in (3000, 1, 5000, 2000)]
    single = MinuteSeries()
    for minutes, compounds, labels, tags, texts in chunks:
        single.add(minutes, compounds, labels, hashtags=tags, texts=texts)
    parts = []
    for minutes, compounds, labels, tags, texts in chunks:
        part = MinuteSeries()
        part.add(minutes, compounds, labels, hashtags=tags, texts=texts)
        parts.append(part)
    merged = MinuteSeries().merge(parts[2]).merge(parts[0]).merge(parts[3]).merge(parts[1])

    expected, got = single.table(), merged.table()
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=1e-15)
    counts = ["volume", "scored", "positive", "neutral", "negative", "unscored"]
    pd.testing.assert_frame_equal(got[counts], expected[counts], check_exact=True)
    assert merged.top_terms(-5, 40, 20) == single.top_terms(-5, 40, 20)
    assert merged.stats(0, 9).count == single.stats(0, 9).count

    # ...and both agree with numpy on the raw values.
    minutes = np.concatenate([c[0] for c in chunks])
    compounds = np.concatenate([c[1] for c in chunks])
    inside = (minutes >= 3) & (minutes <= 17) & ~np.isnan(compounds)
    stats = merged.stats(3, 17)
    assert stats.count == inside.sum()
    assert stats.mean == pytest.approx(compounds[inside].mean(), rel=1e-12)
    assert stats.variance == pytest.approx(compounds[inside].var(ddof=1), rel=1e-12)


def test_merge_refuses_series_with_other_bounds():
    with pytest.raises(ValueError, match="terms per minute"):
        MinuteSeries(terms_per_minute=5).merge(MinuteSeries(terms_per_minute=6))


@pytest.mark.parametrize(
    ("make", "rel"),
    [
        # A million scores spread over [-1, 1].
        (lambda rng, n: rng.uniform(-1, 1, n), 1e-12),
        # A million scores within 1e-6 of 0.9999: sum(x**2) - sum(x)**2 / n keeps hardly a
        # correct digit of the variance here (about 3e-13).
        (lambda rng, n: 0.9999 + 1e-6 * rng.uniform(-1, 1, n), 1e-10),
    ],
)
def test_a_million_values_fed_in_chunks_agree_with_numpy(make, rel):
    rng = np.random.default_rng(2018)
    values = make(rng, 1_000_000)
    series = MinuteSeries()
    for start in range(0, values.size, 50_000):
        chunk = values[start : start + 50_000]
        series.add(np.zeros(chunk.size, dtype=np.int64), chunk)
    stats = series.stats(0, 0)
    assert stats.count == 1_000_000
    assert stats.mean == pytest.approx(values.mean(), rel=1e-14)
    assert stats.variance == pytest.approx(values.var(ddof=1), rel=rel)
    row = series.table().loc[0]
    half = 1.959964 * math.sqrt(values.var(ddof=1) / values.size)  # t at 999,999 df ~ normal
    assert row.ci_high - row["mean"] == pytest.approx(half, rel=1e-5)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        (
            "GOOOOAL!!! Inui 🔥 #BELJPN @FIFAcom https://t.co/x it's a beauty",
            ["gooal", "inui", "beauty"],
        ),
        ("What a GOAL by Haraguchi", ["goal", "haraguchi"]),
        ("Japan’s keeper can’t believe it", ["japan's", "keeper", "believe"]),
        ("RT @someone: 2-0 2018 x", []),
        ("see www.fifa.com and pic.twitter.com/abc", ["see"]),
        ("email fan@example.com", ["email", "fan", "example", "com"]),  # not a mention
        ("Yesssss Belgiummmm", ["yess", "belgiumm"]),
        ("", []),
    ],
)
def test_terms_of(text, terms):
    assert terms_of(text) == terms


def test_top_terms_over_a_range_counts_records_not_repeats():
    series = MinuteSeries()
    series.add(
        np.array([1, 1, 2, 3]),
        np.array([0.5, 0.5, 0.0, -0.5]),
        hashtags=[("BELJPN",), ("#beljpn", "JPN"), (), ("BELJPN",)],
        texts=["Inui Inui Inui!", "goal Inui", "goal", "disaster"],
    )
    assert series.top_terms(1, 2) == [("#beljpn", 2), ("goal", 2), ("inui", 2), ("#jpn", 1)]
    assert series.top_terms(1, 3, 2) == [("#beljpn", 3), ("goal", 2)]
    assert series.top_terms(1, 3, hashtags=True) == [("#beljpn", 3), ("#jpn", 1)]
    assert series.top_terms(3, 3, hashtags=False) == [("disaster", 1)]
    assert series.top_terms(4, 9) == []


def test_hashtags_are_read_from_the_texts_when_not_given():
    series = MinuteSeries()
    series.add(np.array([0]), np.array([0.0]), texts=["Come on #JPN! #WorldCup"])
    assert series.top_terms(0, 0) == [("#jpn", 1), ("#worldcup", 1), ("come", 1)]


def test_term_counters_stay_bounded_and_never_overcount():
    rng = np.random.default_rng(3)
    capacity = 20
    series = MinuteSeries(terms_per_minute=capacity, worded_per_minute=10**9)
    # Zipf-like word frequencies: a few heavy terms and a long tail of rare ones.
    words = [f"w{rank}" for rank in rng.zipf(1.6, 20_000) if rank < 10_000]
    for start in range(0, len(words), 1000):
        chunk = words[start : start + 1000]
        series.add(np.zeros(len(chunk), dtype=np.int64), np.zeros(len(chunk)), texts=chunk)
    true = pd.Series(words).value_counts()
    kept = dict(series.top_terms(0, 0, k=10_000))
    assert len(kept) <= capacity
    bound = len(words) / (capacity + 1)  # Misra-Gries: low by at most uses / (k + 1)
    for term, count in kept.items():
        assert true[term] - bound <= count <= true[term]
    for term in true.index[:3]:  # the heaviest terms are always kept
        assert term in kept


def test_merge_counts_is_exact_within_the_bound():
    assert merge_counts({"a": 2, "b": 1}, {"b": 2, "c": 1}, capacity=3) == {"a": 2, "b": 3, "c": 1}
    assert merge_counts({"a": 5, "b": 2}, {"c": 1, "d": 3}, capacity=2) == {"a": 3, "d": 1}


@pytest.mark.parametrize(
    ("values", "unit", "keys"),
    [
        ([-0.5, 0.0, 0.99, 1.0, 47.2], 1.0, [-1, 0, 0, 1, 47]),
        ([1530554340.0, 1530554399.9, 1530554400.0], 60.0, [25509239, 25509239, 25509240]),
        ([0.0, 14.9, 15.0, 59.0], 15.0, [0, 0, 1, 3]),
    ],
)
def test_minute_keys(values, unit, keys):
    assert minute_keys(values, unit=unit).tolist() == keys


def test_minute_keys_refuse_missing_times():
    with pytest.raises(ValueError, match="NaN"):
        minute_keys([1.0, math.nan])


def test_words_are_counted_from_the_first_records_of_each_minute_only():
    series = MinuteSeries(worded_per_minute=3)
    texts = ["alpha", "beta", "alpha", "gamma", "gamma", "gamma"]
    series.add(np.array([0, 0]), np.zeros(2), texts=texts[:2])
    series.add(np.array([0, 0, 0, 0, 1]), np.zeros(5), texts=[*texts[2:], "delta"])
    assert dict(series.top_terms(0, 0)) == {"alpha": 2, "beta": 1}  # only the first three counted
    assert dict(series.top_terms(1, 1)) == {"delta": 1}
    assert series.table()["volume"].tolist() == [6, 1]  # every record still counts in volume
