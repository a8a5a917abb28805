"""Per-minute series of a tweet stream: volume, mood and terms, kept as sums that merge across chunks."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
import pandas as pd

from analyzer.sentiment.scorer import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, Label

# Terms (hashtags and words) kept per minute. A minute of a big match can hold thousands
# of distinct words; past this bound the counter is reduced the Misra-Gries way (see
# MinuteSeries), so memory stays at about this many entries per minute whatever the volume.
TERMS_PER_MINUTE = 200
# Records per minute whose words are counted. Words only name what a burst is about, and a
# few hundred tweets say it as well as ten thousand: counting them all would cost more than
# scoring them. Every record still counts in volume and mood.
WORDED_PER_MINUTE = 500

# Confidence level of the intervals around a mean.
CONFIDENCE = 0.95

# Below this many degrees of freedom the t quantile is found by inverting the exact t
# distribution function; from here on the Cornish-Fisher expansion in 1/df (Abramowitz &
# Stegun 26.7.5, four terms) agrees with it to 1e-10 at the 95% level, 1e-8 at 99.9%.
T_EXPANSION_DF = 100.0

# Words shorter than this are not terms ("a", "x", what is left of "it's").
MIN_WORD_LENGTH = 2

# English function words, and Twitter's own ("rt", "via"), that say nothing about a moment.
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do
    does doesn't doing don't down during each few for from further get got had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself
    his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me
    more most mustn't my myself no nor not now of off on once only or other ought our ours
    ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
    than that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've this those through to too under until up us very was wasn't we
    we'd we'll we're we've were weren't what what's when when's where where's which while
    who who's whom why why's will with won't would wouldn't you you'd you'll you're you've
    your yours yourself yourselves im dont cant wont thats rt via amp gonna gotta
    """.split()  # noqa: SIM905 (a word list reads best as words)
)

RE_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\bpic\.twitter\.com/\S+", re.IGNORECASE)
RE_MENTION = re.compile(r"(?<![\w@])@\w+")
RE_HASHTAG = re.compile(r"(?<![\w#&])#(\w+)")
# A word starts with a letter; inner apostrophes stay ("don't"), digits and "_" may follow.
RE_WORD = re.compile(r"[^\W\d_][\w']*")
# Three or more of one letter are folded to two: "GOOOOAL" and "GOOOAL" count as one term.
RE_ELONGATION = re.compile(r"(\w)\1{2,}")

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


@dataclass(frozen=True, slots=True)
class SampleStats:
    """Count, mean and sum of squared deviations (M2) of a sample of compound scores.

    Two samples combine exactly with Chan, Golub & LeVeque's pairwise update, so statistics
    of any range of minutes, of any split into chunks, come from the per-minute values
    without the cancellation that ``sum(x**2) - sum(x)**2 / n`` suffers.
    """

    count: int = 0
    mean: float = math.nan
    m2: float = 0.0

    def combine(self, other: SampleStats) -> SampleStats:
        if other.count == 0:
            return self
        if self.count == 0:
            return other
        count = self.count + other.count
        delta = other.mean - self.mean
        mean = self.mean + delta * (other.count / count)
        m2 = self.m2 + other.m2 + delta * delta * (self.count * other.count / count)
        return SampleStats(count, mean, m2)

    @property
    def variance(self) -> float:
        """The sample variance (n - 1 in the denominator); NaN below two values."""
        return self.m2 / (self.count - 1) if self.count >= 2 else math.nan

    @property
    def standard_error(self) -> float:
        """Standard error of the mean; NaN below two values."""
        return math.sqrt(self.variance / self.count) if self.count >= 2 else math.nan

    def interval(self, *, confidence: float = CONFIDENCE) -> tuple[float, float]:
        """Confidence interval of the mean: mean ± t(n - 1) · s / √n; NaNs below two values."""
        if self.count < 2:
            return (math.nan, math.nan)
        half = t_quantile(0.5 + confidence / 2, self.count - 1) * self.standard_error
        return (self.mean - half, self.mean + half)


def combine_all(stats: Iterable[SampleStats]) -> SampleStats:
    total = SampleStats()
    for item in stats:
        total = total.combine(item)
    return total


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
        terms, worded = _chunk_terms(
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


def terms_of(text: str) -> list[str]:
    """The words of a text that count as terms, in order, repeats kept.

    >>> terms_of("GOOOOAL!!! Inui 🔥 #BELJPN @FIFAcom https://t.co/x it's a beauty")
    ['gooal', 'inui', 'beauty']
    """
    text = RE_URL.sub(" ", text.lower().replace("\u2019", "'"))
    text = RE_HASHTAG.sub(" ", RE_MENTION.sub(" ", text))
    words = (w.rstrip("'") for w in RE_WORD.findall(RE_ELONGATION.sub(r"\1\1", text)))
    return [w for w in words if len(w) >= MIN_WORD_LENGTH and w not in STOP_WORDS]


def hashtags_of(text: str) -> list[str]:
    """The hashtags of a text, without "#", as written."""
    return RE_HASHTAG.findall(text)


def merge_counts(a: Mapping[str, int], b: Mapping[str, int], *, capacity: int) -> dict[str, int]:
    """Add two term counters and keep at most ``capacity`` terms (a Misra-Gries merge).

    When more than ``capacity`` terms remain, the (capacity + 1)-th largest count is taken
    off every count and the terms left at zero or below are dropped (Agarwal et al.,
    "Mergeable summaries", 2012): a kept count is never above the true one, and below it
    by at most the uses dropped this way divided by capacity + 1.
    """
    merged = dict(a)
    for term, n in b.items():
        merged[term] = merged.get(term, 0) + n
    if len(merged) <= capacity:
        return merged
    cut = sorted(merged.values(), reverse=True)[capacity]
    return {term: n - cut for term, n in merged.items() if n > cut}


def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` degrees of freedom (df > 0, may be fractional).

    Exact forms for 1 and 2 degrees of freedom; below ``T_EXPANSION_DF`` the exact
    distribution function (:func:`t_cdf`) is inverted by safeguarded Newton steps; above
    it the Cornish-Fisher expansion is used. ``t_quantile(0.975, 10)`` is 2.228139.
    """
    if not 0.0 < p < 1.0:
        raise ValueError(f"p must be between 0 and 1, not {p}")
    if not df > 0:
        raise ValueError(f"degrees of freedom must be positive, not {df}")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    return _t_quantile_upper(p, float(df))


@lru_cache(maxsize=4096)
def _t_quantile_upper(p: float, df: float) -> float:
    if p == 0.5:
        return 0.0
    if df == 1.0:
        return math.tan(math.pi * (p - 0.5))
    if df == 2.0:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = NormalDist().inv_cdf(p)
    expansion = _cornish_fisher(z, df)
    if df >= T_EXPANSION_DF:
        return expansion
    # The t quantile lies above the normal one; the expansion may overshoot for small df,
    # so Newton steps are kept inside a bracket that halves when they leave it.
    low, high = z, max(expansion, z + 1.0)
    while t_cdf(high, df) < p:
        low, high = high, high * 2
    t = min(max(expansion, low), high)
    for _ in range(100):
        error = t_cdf(t, df) - p
        if error > 0:
            high = t
        else:
            low = t
        step = error / _t_pdf(t, df)
        candidate = t - step
        if not low < candidate < high:
            candidate = (low + high) / 2
        if abs(candidate - t) <= 1e-13 * max(1.0, abs(t)):
            return candidate
        t = candidate
    return t


def _cornish_fisher(z: float, df: float) -> float:
    z2 = z * z
    g1 = (z2 + 1) * z / 4
    g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
    g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
    g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom, from the incomplete beta function."""
    x = df / (df + t * t)
    tail = 0.5 * _incomplete_beta(df / 2, 0.5, x)
    return 1.0 - tail if t > 0 else tail


def _t_pdf(t: float, df: float) -> float:
    log_density = (
        math.lgamma((df + 1) / 2)
        - math.lgamma(df / 2)
        - 0.5 * math.log(df * math.pi)
        - (df + 1) / 2 * math.log1p(t * t / df)
    )
    return math.exp(log_density)


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b) (Numerical Recipes, 6.4)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function, by the modified Lentz method."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 1000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return result


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


def _chunk_terms(
    groups: npt.NDArray[np.intp],
    size: int,
    *,
    hashtags: Sequence[Sequence[str]] | None,
    texts: Sequence[str] | None,
    allowance: Sequence[int],
) -> tuple[list[dict[str, int]], list[int]]:
    """Term counts per group of one chunk (records using each term), and how many records gave them.

    Only the first ``allowance[group]`` records of each group are tokenised.
    """
    counts: list[dict[str, int]] = [{} for _ in range(size)]
    worded = [0] * size
    if hashtags is None and texts is None:
        return counts, worded
    # Retweets and chants repeat: each distinct text (with its hashtags) is tokenised once.
    cache: dict[tuple[str, tuple[str, ...] | None], tuple[str, ...]] = {}
    for i, group in enumerate(groups.tolist()):
        if worded[group] >= allowance[group]:
            continue
        worded[group] += 1
        text = texts[i] if texts is not None else ""
        tags = tuple(hashtags[i]) if hashtags is not None else None
        terms = cache.get((text, tags))
        if terms is None:
            found = hashtags_of(text) if tags is None else tags
            unique = dict.fromkeys(terms_of(text))
            unique.update(
                dict.fromkeys("#" + t.lstrip("#").lower() for t in found if t.lstrip("#"))
            )
            terms = cache[text, tags] = tuple(unique)
        target = counts[group]
        for term in terms:
            target[term] = target.get(term, 0) + 1
    return counts, worded


def _dtype(name: str) -> str:
    return "int64" if name in _COUNT_COLUMNS else "float64"
