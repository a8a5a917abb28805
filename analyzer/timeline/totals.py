"""Running totals over the placed records, built chunk by chunk: counts, moments, extremes and samples.

Everything here is kept small whatever the input size: counters, one row of sums per
moment, the few most positive and negative records, and a fixed-size sample of rows
for the report's table and the chart's points. The sample is the rows whose record id
hashes lowest, so it is the same whatever the chunking or the order of the files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analyzer.matches import Match, MomentKind
from analyzer.schema import MOMENT_COLUMNS, empty_records, typed
from analyzer.timeline.placement import LATER, OFF_DAY

# The most positive and most negative records the report lifts out.
EXTREMES_KEPT = 5

# Rows of the records table carried into the HTML report and drawn as points in the
# chart; above this the report says how many it shows and the chart bins by minute.
SAMPLE_ROWS = 2000


@dataclass
class _Mean:
    """Count and total of a score column's values, for a mean that can be built chunk by chunk."""

    count: int = 0
    total: float = 0.0

    def add(self, values: pd.Series) -> None:
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        present = ~np.isnan(numbers)
        self.count += int(present.sum())
        self.total += float(numbers[present].sum())

    @property
    def mean(self) -> float | None:
        return round(self.total / self.count, 4) if self.count else None


@dataclass
class _Sums:
    records: int = 0
    scored: int = 0
    total: float = 0.0
    labels: Counter[str] = field(default_factory=Counter)

    def add(self, rows: pd.DataFrame) -> None:
        self.records += len(rows)
        mood = rows["mood"].to_numpy(dtype=float, na_value=np.nan)
        scored = ~np.isnan(mood)
        self.scored += int(scored.sum())
        self.total += float(mood[scored].sum())
        self.labels.update(counts(rows["label"]))

    @property
    def mean(self) -> float | None:
        return round(self.total / self.scored, 4) if self.scored else None

    def columns(self) -> dict[str, object]:
        """The moments table's count and mood columns for these sums."""
        return {
            "records": self.records,
            "scored": self.scored,
            "mean_mood": self.mean,
            "positive": self.labels.get("positive", 0),
            "neutral": self.labels.get("neutral", 0),
            "negative": self.labels.get("negative", 0),
        }


class Tally:
    """Totals of a run, fed with placed chunks of the records table."""

    def __init__(
        self, match: Match, *, roles: frozenset[str] | None = None, sample_rows: int = SAMPLE_ROWS
    ) -> None:
        self.match = match
        self.roles_kept = roles  # only records by these author roles are counted; None: all
        self.sample_rows = sample_rows
        self.records = 0
        self.kinds: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self.methods: Counter[str] = Counter()
        self.phases: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()
        self.teams: Counter[str] = Counter()
        self.retweets = 0
        self.later = 0  # records posted after the post-match window (moment "later")
        self.off_day = 0  # embedded tweets dated days away from the match (moment "off-day")
        self._moments: dict[str, _Sums] = {}
        self._team_moments: dict[tuple[str, str], _Mean] = {}
        self._by_role: dict[str, _Sums] = {}
        self._spans = {m.id: _Sums() for m in match.moments if m.kind is MomentKind.COMEBACK}
        self._sample = empty_records()
        self._most_positive = empty_records()
        self._most_negative = empty_records()

    def add(self, chunk: pd.DataFrame) -> None:
        if self.roles_kept is not None:
            chunk = chunk[chunk["author_role"].isin(self.roles_kept)]
        if chunk.empty:
            return
        self.records += len(chunk)
        for counter, column in (
            (self.kinds, "kind"),
            (self.labels, "label"),
            (self.methods, "method"),
            (self.phases, "phase"),
            (self.roles, "author_role"),
            (self.teams, "teams"),
        ):
            counter.update(counts(chunk[column]))
        self.retweets += int(chunk["is_retweet"].sum())
        for role, rows in chunk.groupby("author_role", sort=False):
            self._by_role.setdefault(str(role), _Sums()).add(rows)
        # Records posted long after the final whistle, or dated days away from the match, are
        # about something else: they stay in the data files and these counts, out of the
        # moments, samples and extremes.
        moments = chunk["moment"]
        later = moments.eq(LATER).fillna(False).to_numpy(dtype=bool)
        off_day = moments.eq(OFF_DAY).fillna(False).to_numpy(dtype=bool)
        if later.any() or off_day.any():
            self.later += int(later.sum())
            self.off_day += int(off_day.sum())
            chunk = chunk[~(later | off_day)]
        for moment_id, rows in chunk.groupby("moment", sort=False):
            self._moments.setdefault(str(moment_id), _Sums()).add(rows)
            for side in ("home", "away"):
                key = (str(moment_id), side)
                self._team_moments.setdefault(key, _Mean()).add(rows[f"{side}_mood"])
        for moment in self.match.moments:
            if moment.id in self._spans:
                end = moment.end_position if moment.end_position is not None else moment.position
                inside = chunk[(chunk["clock"] >= moment.position) & (chunk["clock"] <= end)]
                self._spans[moment.id].add(inside)
        self._sample = _lowest_hashes(pd.concat([self._sample, chunk]), self.sample_rows)
        scored = chunk[chunk["mood"].notna()]
        self._most_positive = _top(pd.concat([self._most_positive, scored]), ascending=False)
        self._most_negative = _top(pd.concat([self._most_negative, scored]), ascending=True)

    @property
    def unaligned(self) -> int:
        return self.methods.get("unaligned", 0)

    def sample(self) -> pd.DataFrame:
        """Up to ``sample_rows`` rows, in file order; all of them for small inputs."""
        return self._sample.sort_values(["file", "position"], kind="stable").reset_index(drop=True)

    @property
    def sampled(self) -> bool:
        return self.records > len(self._sample)

    def most_positive(self) -> pd.DataFrame:
        return self._most_positive[self._most_positive["label"] == "positive"].reset_index(
            drop=True
        )

    def most_negative(self) -> pd.DataFrame:
        return self._most_negative[self._most_negative["label"] == "negative"].reset_index(
            drop=True
        )

    def team_moods(self) -> pd.DataFrame:
        """Per moment, the mean score of sentences naming each team, and how many records gave one."""
        rows = []
        ids = (["pre-match"] if "pre-match" in self._moments else []) + [
            m.id for m in self.match.moments if m.kind is not MomentKind.COMEBACK
        ]
        for moment_id in ids:
            home = self._team_moments.get((moment_id, "home"), _Mean())
            away = self._team_moments.get((moment_id, "away"), _Mean())
            rows.append({"moment": moment_id, "home_records": home.count, "home_mean": home.mean,
                         "away_records": away.count, "away_mean": away.mean})  # fmt: skip
        return pd.DataFrame(
            rows, columns=["moment", "home_records", "home_mean", "away_records", "away_mean"]
        )

    def role_moods(self) -> pd.DataFrame:
        """Per author role: records, scored, mean score and labels, most records first."""
        rows = [{"role": role} | sums.columns() for role, sums in self._by_role.items()]
        frame = pd.DataFrame(rows, columns=["role", "records", "scored", "mean_mood", "positive",
                                            "neutral", "negative"])  # fmt: skip
        return frame.sort_values(
            ["records", "role"], ascending=[False, True], kind="stable"
        ).reset_index(drop=True)

    def moments(self) -> pd.DataFrame:
        """One row per moment (and one for before kick-off when anything was placed there)."""
        rows: list[dict[str, object]] = []
        if "pre-match" in self._moments:
            before = {
                "moment": "pre-match",
                "kind": "pre-match",
                "label": "Before kick-off",
                "minute": "pre-match",
            }
            rows.append(before | self._moments["pre-match"].columns())
        for m in self.match.moments:
            sums = self._spans[m.id] if m.id in self._spans else self._moments.get(m.id, _Sums())
            described = {
                "moment": m.id,
                "kind": m.kind.value,
                "label": m.label,
                "minute": str(m.minute),
                "clock": m.position,
                "end_minute": str(m.end_minute) if m.end_minute else None,
                "team": m.team,
            }
            rows.append(described | sums.columns())
        previous: float | None = None
        for row in rows:
            mean = row["mean_mood"]
            if row["kind"] == MomentKind.COMEBACK.value or not isinstance(mean, float):
                continue
            if previous is not None:
                row["change"] = round(mean - previous, 4)
            previous = mean
        frame = pd.DataFrame(rows, columns=[c.name for c in MOMENT_COLUMNS])
        return typed(frame, MOMENT_COLUMNS)


def counts(values: pd.Series) -> dict[str, int]:
    """How often each value occurs, keyed by text (pandas keys its counts loosely)."""
    return {str(value): int(n) for value, n in values.value_counts().items()}


def _lowest_hashes(rows: pd.DataFrame, n: int) -> pd.DataFrame:
    if len(rows) <= n:
        return rows
    keys = pd.util.hash_pandas_object(rows["record_id"], index=False).to_numpy()
    keep = np.argsort(keys, kind="stable")[:n]
    return rows.iloc[np.sort(keep)]


def _top(rows: pd.DataFrame, *, ascending: bool) -> pd.DataFrame:
    # Only rows that can make the cut are sorted: those at or past the k-th score (ties
    # included). Ties are broken by record id so the same input lifts out the same records.
    moods = rows["mood"].to_numpy(dtype=float, na_value=np.nan)
    scored = ~np.isnan(moods)
    if scored.sum() > EXTREMES_KEPT:
        keyed = moods if ascending else -moods
        cut = np.partition(keyed[scored], EXTREMES_KEPT - 1)[EXTREMES_KEPT - 1]
        rows = rows[scored & (keyed <= cut)]
    ordered = rows.sort_values(["mood", "record_id"], ascending=[ascending, True], kind="stable")
    return ordered.head(EXTREMES_KEPT)
