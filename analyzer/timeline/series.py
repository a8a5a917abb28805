"""Per-minute series of a tweet stream: volume, mood and terms, kept as sums that merge across chunks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from analyzer.sentiment.scorer import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, Label
from analyzer.timeline.stats import CONFIDENCE, SampleStats, combine_all
from analyzer.timeline.terms import chunk_terms, merge_counts

# Terms (hashtags and words) kept per minute. A minute of a big match can hold thousands
# of distinct words; past this bound the counter is reduced the Misra-Gries way (see
# MinuteSeries), so memory stays at about this many entries per minute whatever the volume.
TERMS_PER_MINUTE = 200
# Records per minute whose words are counted. Words only name what a burst is about, and a
# few hundred tweets say it as well as ten thousand: counting them all would cost more than
# scoring them. Every record still counts in volume and mood.
WORDED_PER_MINUTE = 500


COLUMNS = (
    "volume",
    "scored",
    "mean",
    "ci_low",
    "ci_high",
    "positive",
    "neutral",
    "negative",
    "unscored",
    "share_positive",
    "share_negative",
    "net",
)
_COUNT_COLUMNS = ("volume", "scored", "positive", "neutral", "negative", "unscored")


@dataclass(slots=True)
class _Minute:
    volume: int = 0
    stats: SampleStats = field(default_factory=SampleStats)
    positive: int = 0
    neutral: int = 0
    negative: int = 0
    unscored: int = 0
    terms: dict[str, int] = field(default_factory=dict)
    worded: int = 0  # records whose words were counted (at most WORDED_PER_MINUTE per feed)

    def merge(self, other: _Minute, capacity: int) -> None:
        self.volume += other.volume
        self.worded += other.worded
        self.stats = self.stats.combine(other.stats)
        self.positive += other.positive
        self.neutral += other.neutral
        self.negative += other.negative
        self.unscored += other.unscored
        self.terms = merge_counts(self.terms, other.terms, capacity=capacity)


class MinuteSeries:
    """Per-minute sums of a stream of scored records, fed in chunks, mergeable across workers.

    Keys are integers and the caller says what they mean: minutes since the Unix epoch for
    wall-clock time, the floor of the match-clock position for match minutes (negative
    before kick-off), or finer bins (see :func:`minute_keys`). Per minute it keeps the
    volume (every record, unscored ones included), the count, mean and M2 of the compound
    scores (see :class:`SampleStats`), the number of records per label, and a bounded
    counter of terms: hashtags (``"#beljpn"``) and words, lower-cased, elongations folded,
    stop words, links and mentions left out. A term counts once per record that uses it.

    Memory is bounded by the number of minutes times ``terms_per_minute``, not by the
    number of records. Term counts are exact while a minute has at most
    ``terms_per_minute`` distinct terms; past that the counter is a Misra-Gries summary
    (mergeable, Agarwal et al. 2012): only the largest counts are kept, and each kept count
    is low by at most (term uses in that minute) / (terms_per_minute + 1), so the top terms
    are right and the tail is approximate. Everything else is exact (counts) or exact up to
    floating-point rounding (means, intervals), whatever the order of chunks and merges.
    """

    def __init__(
        self,
        *,
        terms_per_minute: int = TERMS_PER_MINUTE,
        worded_per_minute: int = WORDED_PER_MINUTE,
    ) -> None:
        if terms_per_minute < 1:
            raise ValueError(f"terms_per_minute must be at least 1, not {terms_per_minute}")
        self.terms_per_minute = terms_per_minute
        self.worded_per_minute = worded_per_minute
        self._minutes: dict[int, _Minute] = {}

    def __len__(self) -> int:
        """The number of minutes that hold at least one record."""
        return len(self._minutes)

    @property
    def volume(self) -> int:
        """Every record added, unscored ones included."""
        return sum(m.volume for m in self._minutes.values())

    @property
    def keys(self) -> list[int]:
        """The minutes that hold records, in order (the table fills the gaps between them)."""
        return sorted(self._minutes)

    def add(
        self,
        minutes: npt.ArrayLike,
        compounds: npt.ArrayLike,
        labels: npt.ArrayLike | None = None,
        *,
        hashtags: Sequence[Sequence[str]] | None = None,
        texts: Sequence[str] | None = None,
    ) -> None:
        """Add a chunk of records: one key, compound (NaN when unscored) and label each.

        ``labels`` are the label names (``Label`` values or plain strings); without them
        the labels come from the compounds with VADER's cut-offs. ``hashtags`` are each
        record's hashtags, with or without "#"; without them, hashtags are read from the
        texts. ``texts`` give the words; without texts and hashtags no terms are counted.
        """
        keys = np.asarray(minutes)
        if keys.ndim != 1 or (keys.size and keys.dtype.kind not in "iu"):
            raise ValueError(
                "minutes must be a 1-d array of integers; floor the times first (minute_keys)"
            )
        keys = keys.astype(np.int64, copy=False)
        scores = np.asarray(compounds, dtype=np.float64)
        size = len(keys)
        if scores.shape != (size,):
            raise ValueError(f"{size} minutes but {scores.size} compounds")
        names = _label_names(scores) if labels is None else np.asarray(labels).astype(str)
        for name, length in (
            ("labels", len(names)),
            ("hashtags", size if hashtags is None else len(hashtags)),
            ("texts", size if texts is None else len(texts)),
        ):
            if length != size:
                raise ValueError(f"{size} minutes but {length} {name}")
        if size == 0:
            return
        unknown = ~np.isin(names, [label.value for label in Label])
        if unknown.any():
            raise ValueError(
                f"unknown label {str(names[unknown][0])!r}; labels are {', '.join(Label)}"
            )
        scored = ~np.isnan(scores)
        unscored = names == Label.UNSCORED.value
        if np.any(unscored == scored):
            bad = int(np.count_nonzero(unscored == scored))
            raise ValueError(
                f"{bad} record(s) have a compound but the label unscored, or no compound "
                "and another label"
            )

        order, inverse = np.unique(keys, return_inverse=True)
        groups = len(order)
        volume = np.bincount(inverse, minlength=groups)
        label_counts = {
            label: np.bincount(inverse[names == label.value], minlength=groups)
            for label in (Label.POSITIVE, Label.NEUTRAL, Label.NEGATIVE, Label.UNSCORED)
        }
        count, mean, m2 = _group_stats(inverse[scored], scores[scored], groups)
        allowance = [
            max(0, self.worded_per_minute - (m.worded if (m := self._minutes.get(key)) else 0))
            for key in order.tolist()
        ]
        terms, worded = chunk_terms(
            inverse, groups, hashtags=hashtags, texts=texts, allowance=allowance
        )
        for i, key in enumerate(order.tolist()):
            chunk = _Minute(
                volume=int(volume[i]),
                stats=SampleStats(int(count[i]), float(mean[i]), float(m2[i]))
                if count[i]
                else SampleStats(),
                positive=int(label_counts[Label.POSITIVE][i]),
                neutral=int(label_counts[Label.NEUTRAL][i]),
                negative=int(label_counts[Label.NEGATIVE][i]),
                unscored=int(label_counts[Label.UNSCORED][i]),
                terms=merge_counts({}, terms[i], capacity=self.terms_per_minute),
                worded=worded[i],
            )
            self._merge_minute(key, chunk)

    def merge(self, other: MinuteSeries) -> MinuteSeries:
        """Add another series' sums to this one (in place) and return this one.

        The result is the same as feeding both series' chunks to one: counts exactly,
        means and intervals up to floating-point rounding, terms exactly within the bound.
        """
        if other.terms_per_minute != self.terms_per_minute:
            raise ValueError(
                f"cannot merge series that keep {other.terms_per_minute} and "
                f"{self.terms_per_minute} terms per minute"
            )
        for key, minute in other._minutes.items():
            copy = _Minute(
                minute.volume,
                minute.stats,
                minute.positive,
                minute.neutral,
                minute.negative,
                minute.unscored,
                dict(minute.terms),
            )
            self._merge_minute(key, copy)
        return self

    def _merge_minute(self, key: int, chunk: _Minute) -> None:
        current = self._minutes.get(key)
        if current is None:
            self._minutes[key] = chunk
        else:
            current.merge(chunk, self.terms_per_minute)

    def stats(self, first: int, last: int) -> SampleStats:
        """Count, mean and M2 of the compound scores of minutes ``first`` to ``last`` inclusive."""
        return combine_all(
            self._minutes[key].stats for key in sorted(self._minutes) if first <= key <= last
        )

    def volume_between(self, first: int, last: int) -> int:
        """Records in minutes ``first`` to ``last`` inclusive."""
        return sum(m.volume for key, m in self._minutes.items() if first <= key <= last)

    def top_terms(
        self, first: int, last: int, k: int = 10, *, hashtags: bool | None = None
    ) -> list[tuple[str, int]]:
        """The ``k`` most used terms in minutes ``first`` to ``last`` inclusive, with counts.

        Counts are records using the term (see the class for when they are approximate).
        Ties go in alphabetical order. ``hashtags=True`` keeps only hashtags, ``False``
        only words.
        """
        total: dict[str, int] = {}
        for key, minute in self._minutes.items():
            if first <= key <= last:
                for term, n in minute.terms.items():
                    total[term] = total.get(term, 0) + n
        if hashtags is not None:
            total = {t: n for t, n in total.items() if t.startswith("#") == hashtags}
        return sorted(total.items(), key=lambda item: (-item[1], item[0]))[:k]

    def table(self, *, confidence: float = CONFIDENCE) -> pd.DataFrame:
        """One row per minute from the first key to the last, columns as in ``COLUMNS``.

        The table fills the minutes without records between the first and last key with
        zero counts (and NaN means), so the index is regular and callers need not. ``mean``
        is the mean compound of the scored records; ``ci_low``/``ci_high`` its confidence
        interval, mean ± t(n - 1) · s / √n with s the sample standard deviation and t the
        Student quantile (see :func:`t_quantile`), NaN below two scored records.
        ``share_positive``/``share_negative`` are shares of the scored records and ``net``
        is (positive - negative) / (positive + negative), NaN when both are 0.
        """
        if not self._minutes:
            empty = pd.DataFrame({name: pd.Series(dtype=_dtype(name)) for name in COLUMNS})
            empty.index = pd.Index([], dtype=np.int64, name="minute")
            return empty
        first, last = min(self._minutes), max(self._minutes)
        index = np.arange(first, last + 1, dtype=np.int64)
        counts = {name: np.zeros(len(index), dtype=np.int64) for name in _COUNT_COLUMNS}
        mean = np.full(len(index), np.nan)
        low = np.full(len(index), np.nan)
        high = np.full(len(index), np.nan)
        for key, minute in self._minutes.items():
            i = key - first
            counts["volume"][i] = minute.volume
            counts["scored"][i] = minute.stats.count
            counts["positive"][i] = minute.positive
            counts["neutral"][i] = minute.neutral
            counts["negative"][i] = minute.negative
            counts["unscored"][i] = minute.unscored
            mean[i] = minute.stats.mean
            low[i], high[i] = minute.stats.interval(confidence=confidence)
        scored = counts["scored"].astype(np.float64)
        polar = (counts["positive"] + counts["negative"]).astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            share_positive = np.where(scored > 0, counts["positive"] / scored, np.nan)
            share_negative = np.where(scored > 0, counts["negative"] / scored, np.nan)
            net = np.where(polar > 0, (counts["positive"] - counts["negative"]) / polar, np.nan)
        columns: dict[str, npt.NDArray[np.generic]] = {
            **counts,
            "mean": mean,
            "ci_low": low,
            "ci_high": high,
            "share_positive": share_positive,
            "share_negative": share_negative,
            "net": net,
        }
        return pd.DataFrame(
            {name: columns[name] for name in COLUMNS},
            index=pd.Index(index, name="minute"),
        )


def minute_keys(values: npt.ArrayLike, *, unit: float = 1.0) -> npt.NDArray[np.int64]:
    """Integer keys for a series: ``floor(values / unit)``.

    Epoch seconds with ``unit=60`` give wall-clock minutes, with ``unit=15`` 15-second
    bins; match-clock positions with ``unit=1`` give match minutes (-1 is the minute
    before kick-off). NaN cannot be keyed: drop the records that have no time first.
    """
    array = np.asarray(values, dtype=np.float64)
    if np.isnan(array).any():
        raise ValueError("cannot key NaN times; drop the records without a time first")
    return np.floor(array / unit).astype(np.int64)


def _label_names(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.str_]:
    names = np.full(scores.shape, Label.NEUTRAL.value, dtype="<U8")
    names[scores >= POSITIVE_THRESHOLD] = Label.POSITIVE.value
    names[scores <= NEGATIVE_THRESHOLD] = Label.NEGATIVE.value
    names[np.isnan(scores)] = Label.UNSCORED.value
    return names


def _group_stats(
    groups: npt.NDArray[np.intp], values: npt.NDArray[np.float64], size: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Count, mean and M2 per group by the corrected two-pass algorithm (Chan et al. 1983)."""
    count = np.bincount(groups, minlength=size)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.bincount(groups, weights=values, minlength=size) / count
        deviation = values - mean[groups]
        correction = np.bincount(groups, weights=deviation, minlength=size)
        squares = np.bincount(groups, weights=deviation * deviation, minlength=size)
        m2 = squares - correction * correction / count
        mean += correction / count
    return count, mean, np.maximum(m2, 0.0)


def _dtype(name: str) -> str:
    return "int64" if name in _COUNT_COLUMNS else "float64"
