"""Measuring the scorers against human labels: plain VADER, the football layers, the learned model.

Two labelled sets, kept in the repository's data/ folder (see data/README.md):

- vader-groundtruth/tweets_GroundTruth.txt: 4,200 general tweets, each with the mean of about
  20 human ratings on -4..+4. Measured: Pearson's r between the compound and the mean rating,
  and between the mood (the learned model's P(positive) - P(negative)) and the mean rating.
- football-labelled/fifa2014_train.tsv: 21,343 World Cup 2014 tweets labelled positive,
  neutral or negative. Duplicate texts are removed and the rest split (``split_football``)
  so that no text, retweet or near-duplicate is on two sides. Measured on the "test" part
  (first days, held out from everything) and the "date" part (the last seven days, closer to a
  new competition): accuracy, macro-F1 and each label's F1. The learned model was fitted on
  "train" and "tune" only (``python -m analyzer.train``); the football layers' neutral band
  and lexicon were tuned on the half of the set hashed "tune" (``--tune`` shows the search).

An unscored text (not English) counts as compound 0 and label neutral, so every variant is
measured on every row; the "unscored" column says how many rows that was.

    python -m analyzer.evaluate [--data DIR] [--json] [--limit N] [--tune] [--model FILE]
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

import click

from analyzer.errors import AnalyzerError
from analyzer.sentiment import (
    FOOTBALL_NEUTRAL_BAND,
    LAYERS,
    LEXICON_VERSION,
    Label,
    Layer,
    Score,
    Scorer,
    ScoringOptions,
    label_for,
)
from analyzer.sentiment.language import load_detector
from analyzer.sentiment.learned import LearnedModel, read_model_bytes, shipped_model

REPO_ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH_FILE = Path("vader-groundtruth") / "tweets_GroundTruth.txt"
FOOTBALL_FILE = Path("football-labelled") / "fifa2014_train.tsv"
FOOTBALL_LABELS = (Label.POSITIVE, Label.NEUTRAL, Label.NEGATIVE)
# The bands tried on the tuning half: finer near VADER's 0.05, coarser beyond.
TUNING_BANDS = (0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)

Half = Literal["tune", "test"]
# Where a football tweet goes (see ``split_football``): the model is fitted on "train", its
# settings chosen on "tune"; "test" and "date" are only ever reported on.
Part = Literal["train", "tune", "test", "date"]
PARTS: tuple[Part, ...] = ("train", "tune", "test", "date")

# The date split: tweets posted from this day on (UTC) are the "date" part. The set runs
# from 9 to 24 June 2014; the last seven days (3,332 tweets) hold the group stage's second
# and third rounds, whose teams, players and scorelines the first days never saw.
DATE_SPLIT_FROM = dt.date(2014, 6, 18)
# Twitter's ids ("snowflakes") hold the posting time: milliseconds since this epoch, shifted.
TWITTER_EPOCH_MS = 1_288_834_974_657
SNOWFLAKE_TIME_SHIFT = 22
# Of the groups held out (every tweet in the held-out half), those with an odd first byte
# of SHA-256(key) are "test"; of the other early groups, one in TUNE_ONE_IN is "tune".
TUNE_ONE_IN = 5

# The near-duplicate key: without a leading "RT @user:" (repeated for a retweet of a
# retweet), links and mentions, case-folded, spaces collapsed.
RE_RETWEET_PREFIX = re.compile(r"^\s*(?:RT\s*@\w+\s*:?\s*)+", re.IGNORECASE)
RE_LINK = re.compile(r"https?://\S*|www\.\S+", re.IGNORECASE)
RE_MENTION = re.compile(r"@\w+")
RE_SPACES = re.compile(r"\s+")


class EvaluationDataError(AnalyzerError):
    """A labelled data file is missing or cannot be read."""


def default_data_dir() -> Path:
    """The repository's data/ folder (the labelled sets are not part of the installed package)."""
    return REPO_ROOT / "data"


@dataclass(frozen=True, slots=True)
class RatedText:
    """A general tweet with the mean human rating (-4..+4), and the line it came from."""

    id: str
    rating: float
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class LabelledText:
    """A football tweet with its human label, the half it belongs to, and its record number."""

    id: str
    label: Label
    text: str
    half: Half
    record: int  # from 1, after the header; a record may span lines


def football_half(tweet_id: str) -> Half:
    """The tweet's half: even first byte of SHA-256(id) tunes, odd is held out. Never changes."""
    return "tune" if hashlib.sha256(tweet_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def near_duplicate_key(text: str) -> str:
    """'RT @fifa: GOAL for Brazil! http://t.co/x' -> 'goal for brazil!': retweets and copies meet."""
    text = RE_RETWEET_PREFIX.sub("", text)
    text = RE_MENTION.sub(" ", RE_LINK.sub(" ", text))
    return RE_SPACES.sub(" ", text).strip().casefold()


def posted_on(tweet_id: str) -> dt.date:
    """The UTC day a tweet was posted, read from its id (ids from 2010 on encode the time)."""
    milliseconds = (int(tweet_id) >> SNOWFLAKE_TIME_SHIFT) + TWITTER_EPOCH_MS
    return dt.datetime.fromtimestamp(milliseconds / 1000, tz=dt.UTC).date()


@dataclass(frozen=True)
class FootballSplit:
    """The labelled football tweets without duplicate texts, each in one part.

    Whole groups of near-duplicates (same ``near_duplicate_key``) go to one part, so no text,
    retweet or copy is on two sides:

    - "date": every group with a tweet posted on or after ``DATE_SPLIT_FROM``;
    - "test": of the other groups, those whose every tweet is in the held-out half (the half
      the football layers were never tuned on) and whose key hashes odd: about half of them;
    - "tune": one in ``TUNE_ONE_IN`` of the remaining groups, by the hash of the key;
    - "train": the rest.

    The shipped model is fitted on "train" and "tune" (after the settings were chosen on
    "tune" with a model fitted on "train"); neither "test" nor "date" is ever seen in training.
    """

    rows: list[LabelledText]  # each distinct text once, in file order
    parts: dict[str, Part] = field(repr=False)  # tweet id -> part
    duplicates_removed: int
    conflicting_duplicates: int  # removed duplicates whose label differed from the kept one
    groups: int

    def part(self, name: Part) -> list[LabelledText]:
        return [row for row in self.rows if self.parts[row.id] == name]

    def counts(self) -> dict[Part, int]:
        return {name: sum(part == name for part in self.parts.values()) for name in PARTS}


def split_football(rows: Sequence[LabelledText]) -> FootballSplit:
    """Remove duplicate texts (the first one stays), then put each near-duplicate group in a part."""
    kept: dict[str, LabelledText] = {}
    conflicting = 0
    for row in rows:
        first = kept.setdefault(row.text, row)
        if first is not row and first.label is not row.label:
            conflicting += 1
    unique = list(kept.values())
    groups: dict[str, list[LabelledText]] = {}
    for row in unique:
        groups.setdefault(near_duplicate_key(row.text), []).append(row)
    parts: dict[str, Part] = {}
    for key, members in groups.items():
        part = _group_part(key, members)
        for row in members:
            parts[row.id] = part
    return FootballSplit(unique, parts, len(rows) - len(unique), conflicting, len(groups))


def _group_part(key: str, members: Sequence[LabelledText]) -> Part:
    if any(posted_on(row.id) >= DATE_SPLIT_FROM for row in members):
        return "date"
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    if all(row.half == "test" for row in members) and digest[0] % 2 == 1:
        return "test"
    return "tune" if digest[1] % TUNE_ONE_IN == 0 else "train"


def read_ground_truth(path: Path) -> list[RatedText]:
    """Tab-separated id, mean rating, text; the last line has no newline."""
    rows = []
    # split("\n"), not splitlines(): a tweet may hold U+2028 or U+0085, which are not line ends.
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        fields = line.split("\t", 2)
        try:
            rows.append(RatedText(fields[0], float(fields[1]), fields[2], number))
        except (IndexError, ValueError):
            raise EvaluationDataError(f"{path}:{number}: expected id, rating, text") from None
    return rows


def read_football(path: Path) -> list[LabelledText]:
    """Tab-separated with a header (id, tweet, label); a quoted tweet may span lines."""
    rows = []
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""), delimiter="\t")
    for number, record in enumerate(reader, start=1):
        try:
            label = Label(record["label"].strip())
            rows.append(
                LabelledText(
                    record["id"], label, record["tweet"], football_half(record["id"]), number
                )
            )
        except (KeyError, ValueError, AttributeError):
            raise EvaluationDataError(
                f"{path}: record {number}: expected id, tweet and a positive/neutral/negative label"
            ) from None
        if label not in FOOTBALL_LABELS:
            raise EvaluationDataError(
                f"{path}: record {number}: label {label} is not a football label"
            )
    return rows


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvaluationDataError(
            f"{path} not found; pass --data DIR (the folder holding {GROUND_TRUTH_FILE.parts[0]}/ "
            f"and {FOOTBALL_FILE.parts[0]}/; the repository keeps them in data/)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise EvaluationDataError(f"{path} cannot be read: {error}") from None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    if n < 2 or n != len(ys):
        return math.nan
    mean_x = math.fsum(xs) / n
    mean_y = math.fsum(ys) / n
    cov = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = math.fsum((x - mean_x) ** 2 for x in xs)
    var_y = math.fsum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return math.nan
    return cov / math.sqrt(var_x * var_y)


def accuracy(gold: Sequence[Label], predicted: Sequence[Label]) -> float:
    if not gold:
        return math.nan
    return sum(g is p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def f1_by_label(gold: Sequence[Label], predicted: Sequence[Label]) -> dict[Label, float]:
    """Each of positive, neutral and negative's F1 (0 where undefined)."""
    f1s = {}
    for label in FOOTBALL_LABELS:
        hits = sum(g is label and p is label for g, p in zip(gold, predicted, strict=True))
        said = sum(p is label for p in predicted)
        true = sum(g is label for g in gold)
        f1s[label] = 2 * hits / (said + true) if said + true else 0.0
    return f1s


def macro_f1(gold: Sequence[Label], predicted: Sequence[Label]) -> float:
    """The mean over positive, neutral and negative of each label's F1 (0 where undefined)."""
    if not gold:
        return math.nan
    f1s = f1_by_label(gold, predicted)
    return sum(f1s.values()) / len(f1s)


def as_football_label(label: Label) -> Label:
    # An unscored text says nothing either way: it counts as neutral.
    return Label.NEUTRAL if label is Label.UNSCORED else label


@dataclass(frozen=True, slots=True)
class Variant:
    """One set of options to measure, and how the table names it."""

    name: str
    options: ScoringOptions


PLAIN = "plain VADER"
FOOTBALL = "football layers"
LEARNED = "learned"
SCORERS = (PLAIN, FOOTBALL, LEARNED)
NAME_WIDTH = 23  # "football - neutral_band"


def variants() -> list[Variant]:
    """The three scorers, each layer alone on plain VADER, and the football scorer without each."""
    plain = ScoringOptions.plain()
    football = ScoringOptions.football()
    found = [
        Variant(PLAIN, plain),
        Variant(FOOTBALL, football),
        Variant(LEARNED, ScoringOptions.learned_model()),
    ]
    found += [Variant(f"plain + {layer}", plain.with_layer(layer, True)) for layer in LAYERS]
    found += [Variant(f"football - {layer}", football.with_layer(layer, False)) for layer in LAYERS]
    # Elongation is two changes: the spelling, and reading the stretch as emphasis.
    found.append(Variant("football - emphasis", replace(football, emphasis=False)))
    return found


@dataclass(frozen=True, slots=True)
class Labelled:
    """A scorer's numbers on one labelled football part."""

    rows: int
    accuracy: float
    macro_f1: float
    f1_positive: float
    f1_neutral: float
    f1_negative: float
    unscored: int


@dataclass(frozen=True, slots=True)
class Result:
    """One variant's numbers on the general set and the two football parts."""

    variant: str
    scorer: str
    layers: tuple[Layer, ...]
    neutral_band: float
    groundtruth_pearson: float  # the compound's
    groundtruth_mood_pearson: float  # the mood's: P(pos) - P(neg) for the learned scorer
    groundtruth_unscored: int
    test: Labelled
    date: Labelled
    texts_per_second: float


@dataclass(frozen=True)
class Evaluation:
    """Every variant's result and what they were measured on."""

    results: list[Result]
    groundtruth_rows: int
    football_rows: int
    split: FootballSplit
    lexicon_version: str
    model_version: str
    football_sha256: str  # of the labelled file read here
    model_data_sha256: str  # of the labelled file the model was trained on
    model_texts: int


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    only: Sequence[str] | None = None,
    model: LearnedModel | None = None,
) -> Evaluation:
    """Score both sets with every variant (or the ``only`` ones); ``limit`` takes the first N rows.

    ``model`` replaces the shipped model for the learned scorer.
    """
    ground_truth = read_ground_truth(data_dir / GROUND_TRUTH_FILE)[:limit]
    football = read_football(data_dir / FOOTBALL_FILE)[:limit]
    football_sha256 = hashlib.sha256((data_dir / FOOTBALL_FILE).read_bytes()).hexdigest()
    split = split_football(football)
    test, date = split.part("test"), split.part("date")
    learned_model = model or shipped_model()
    results = []
    for variant in variants():
        if only is not None and variant.name not in only:
            continue
        scorer = Scorer(
            options=variant.options, model=learned_model if variant.options.learned else None
        )
        results.append(_measure(variant, scorer, ground_truth, test, date))
    trained_on = learned_model.metadata.get("trained_on", {})
    return Evaluation(
        results,
        len(ground_truth),
        len(football),
        split,
        LEXICON_VERSION,
        learned_model.version,
        football_sha256,
        str(learned_model.metadata.get("data_sha256", "")),
        int(trained_on.get("texts", 0)),
    )


def _measure(
    variant: Variant,
    scorer: Scorer,
    ground_truth: Sequence[RatedText],
    test: Sequence[LabelledText],
    date: Sequence[LabelledText],
) -> Result:
    if variant.options.language:
        load_detector()  # loading is not scoring: keep it out of the texts/s column
    started = time.perf_counter()
    rated = [scorer.score(row.text) for row in ground_truth]
    on_test = [scorer.score(row.text) for row in test]
    on_date = [scorer.score(row.text) for row in date]
    elapsed = time.perf_counter() - started
    ratings = [row.rating for row in ground_truth]
    scored = len(rated) + len(on_test) + len(on_date)
    return Result(
        variant=variant.name,
        scorer=variant.options.scorer_name.value,
        layers=variant.options.layers_on(),
        neutral_band=variant.options.neutral_band,
        groundtruth_pearson=pearson([s.compound if s.scored else 0.0 for s in rated], ratings),
        groundtruth_mood_pearson=pearson([s.mood if s.scored else 0.0 for s in rated], ratings),
        groundtruth_unscored=sum(not score.scored for score in rated),
        test=_labelled(test, on_test),
        date=_labelled(date, on_date),
        texts_per_second=scored / elapsed if elapsed > 0 else math.nan,
    )


def _labelled(rows: Sequence[LabelledText], scores: Sequence[Score]) -> Labelled:
    gold = [row.label for row in rows]
    predicted = [as_football_label(score.label) for score in scores]
    f1s = f1_by_label(gold, predicted) if gold else dict.fromkeys(FOOTBALL_LABELS, math.nan)
    return Labelled(
        rows=len(rows),
        accuracy=accuracy(gold, predicted),
        macro_f1=macro_f1(gold, predicted),
        f1_positive=f1s[Label.POSITIVE],
        f1_neutral=f1s[Label.NEUTRAL],
        f1_negative=f1s[Label.NEGATIVE],
        unscored=sum(not score.scored for score in scores),
    )


@dataclass(frozen=True, slots=True)
class BandResult:
    band: float
    accuracy: float
    macro_f1: float


def tune_neutral_band(
    data_dir: Path, *, options: ScoringOptions | None = None, bands: Sequence[float] = TUNING_BANDS
) -> list[BandResult]:
    """Accuracy and macro-F1 on the TUNING half for each band: how FOOTBALL_NEUTRAL_BAND was chosen."""
    tuning = [row for row in read_football(data_dir / FOOTBALL_FILE) if row.half == "tune"]
    scorer = Scorer(options=options or ScoringOptions.football())
    scores = [scorer.score(row.text) for row in tuning]
    gold = [row.label for row in tuning]
    results = []
    for band in bands:
        predicted = [
            label_for(s.compound, neutral_band=band) if s.scored else Label.NEUTRAL for s in scores
        ]
        results.append(BandResult(band, accuracy(gold, predicted), macro_f1(gold, predicted)))
    return results


def render_table(evaluation: Evaluation) -> str:
    """The three scorers on each set, then the football layers one by one, as fixed-width tables."""
    results = {r.variant: r for r in evaluation.results}
    counts = evaluation.split.counts()
    plain = results.get(PLAIN)
    scorers = [results[name] for name in SCORERS if name in results]
    lines = [
        f"Football lexicon {evaluation.lexicon_version}; learned model {evaluation.model_version}; "
        f"football neutral band +/-{FOOTBALL_NEUTRAL_BAND} (VADER's: +/-0.05).",
        f"World Cup 2014 labels: {evaluation.football_rows} tweets, "
        f"{evaluation.split.duplicates_removed} duplicate texts removed; near-duplicates "
        "(RT prefix, links, mentions, case aside) kept on one side.",
        f"  parts: train {counts['train']}, tune {counts['tune']}, test {counts['test']}, "
        f"date {counts['date']}. The model was fitted on train + tune ({evaluation.model_texts} "
        "texts), its settings chosen on tune;",
        f"  it never saw test or date {_same_data(evaluation)}",
        f"  test: {counts['test']} tweets of the first days, from the half the football layers "
        "were never tuned on (SHA-256 of the id);",
        f"  date: {counts['date']} tweets posted from {DATE_SPLIT_FROM:%d %B %Y} on "
        "(the last 7 days; the football layers' tuning half holds about half of them).",
        "Unscored (non-English) texts count as compound 0, mood 0 and neutral.",
        "",
        f"General: VADER ground truth, {evaluation.groundtruth_rows} tweets; "
        "Pearson r with the mean human rating.",
        f"{'scorer':<{NAME_WIDTH}} {'r compound':>10} {'r mood':>8} {'unscored':>8}",
    ]
    for r in scorers:
        lines.append(
            f"{r.variant:<{NAME_WIDTH}} {r.groundtruth_pearson:>10.4f} {r.groundtruth_mood_pearson:>8.4f} "
            f"{r.groundtruth_unscored:>8}"
        )
    for title, pick in (("Football test split", _test), ("Football date split", _date)):
        first = pick(scorers[0]) if scorers else None
        lines += [
            "",
            f"{title}: {first.rows if first else 0} tweets.",
            f"{'scorer':<{NAME_WIDTH}} {'accuracy':>8} {'macro-F1':>8} {'diff':>7} "
            f"{'F1 pos':>7} {'F1 neu':>7} {'F1 neg':>7} {'unscored':>8}",
        ]
        for r in scorers:
            part = pick(r)
            lines.append(
                f"{r.variant:<{NAME_WIDTH}} {part.accuracy:>8.4f} {part.macro_f1:>8.4f} "
                f"{_diff(part.macro_f1, pick(plain).macro_f1 if plain else None)} "
                f"{part.f1_positive:>7.4f} {part.f1_neutral:>7.4f} {part.f1_negative:>7.4f} "
                f"{part.unscored:>8}"
            )
    layers = [r for r in evaluation.results if r.variant not in SCORERS]
    lines += [
        "",
        "Every scorer and each football layer alone (macro-F1; diff: from plain VADER).",
        f"{'variant':<{NAME_WIDTH}} {'general r':>9} {'diff':>7}  {'test F1':>7} {'diff':>7}  "
        f"{'date F1':>7} {'diff':>7}  {'texts/s':>7}",
    ]
    for r in [*scorers, *layers]:
        lines.append(
            f"{r.variant:<{NAME_WIDTH}} {r.groundtruth_pearson:>9.4f} "
            f"{_diff(r.groundtruth_pearson, plain.groundtruth_pearson if plain else None)}  "
            f"{r.test.macro_f1:>7.4f} "
            f"{_diff(r.test.macro_f1, plain.test.macro_f1 if plain else None)}  "
            f"{r.date.macro_f1:>7.4f} "
            f"{_diff(r.date.macro_f1, plain.date.macro_f1 if plain else None)}  "
            f"{r.texts_per_second:>7,.0f}"
        )
    return "\n".join(lines)


def _same_data(evaluation: Evaluation) -> str:
    trained, here = evaluation.model_data_sha256, evaluation.football_sha256
    if trained == here:
        return f"(it was trained on this very file, SHA-256 {here[:12]})."
    return (
        f"OF ITS OWN FILE (SHA-256 {trained[:12]}); this file (SHA-256 {here[:12]}) is another, "
        "so its parts may hold what it was trained on."
    )


def _test(result: Result) -> Labelled:
    return result.test


def _date(result: Result) -> Labelled:
    return result.date


def _diff(value: float, reference: float | None) -> str:
    if reference is None or math.isnan(value) or math.isnan(reference):
        return f"{'':>7}"
    return f"{value - reference:>+7.4f}"


def render_bands(results: Sequence[BandResult]) -> str:
    best = max(results, key=lambda r: r.macro_f1)
    lines = [
        "Neutral band on the TUNING half (every football layer on):",
        "  band  accuracy  macro-F1",
    ]
    for r in results:
        mark = "  <- best macro-F1" if r is best else ""
        lines.append(f"  {r.band:<5g} {r.accuracy:8.3f}  {r.macro_f1:8.3f}{mark}")
    return "\n".join(lines)


def to_json(evaluation: Evaluation) -> str:
    payload = {
        "lexicon_version": evaluation.lexicon_version,
        "model_version": evaluation.model_version,
        "model_data_sha256": evaluation.model_data_sha256,
        "football_sha256": evaluation.football_sha256,
        "football_neutral_band": FOOTBALL_NEUTRAL_BAND,
        "groundtruth_rows": evaluation.groundtruth_rows,
        "football_rows": evaluation.football_rows,
        "football_duplicates_removed": evaluation.split.duplicates_removed,
        "football_parts": evaluation.split.counts(),
        "football_split": (
            "near-duplicate groups kept together; date: posted on or after "
            f"{DATE_SPLIT_FROM.isoformat()}; test: groups wholly in the held-out half "
            "(odd first byte of SHA-256 of the id) with an odd first byte of SHA-256 of the key; "
            f"tune: 1 in {TUNE_ONE_IN} of the rest by the key's hash; train: the rest"
        ),
        "results": [_json_value(asdict(result)) for result in evaluation.results],
    }
    return json.dumps(payload, indent=2, allow_nan=False)


def _json_value(value: object) -> object:
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    return _json_number(value)


def _json_number(value: object) -> object:
    # NaN (a Pearson r on too few rows) is not JSON: it is written as null.
    return None if isinstance(value, float) and math.isnan(value) else value


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder holding {GROUND_TRUTH_FILE.parts[0]}/ and {FOOTBALL_FILE.parts[0]}/  "
    f"[default: the repository's data/ folder]",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Use only the first N rows of each set.",
)
@click.option(
    "--tune", is_flag=True, help="Show the neutral-band search on the tuning half instead."
)
@click.option(
    "--model",
    "model_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="A model file (from python -m analyzer.train --out) instead of the shipped one.",
)
def main(
    data_dir: Path | None, as_json: bool, limit: int | None, tune: bool, model_file: Path | None
) -> None:
    """Measure plain VADER, the football layers, the learned model and each layer against human labels."""
    data_dir = data_dir if data_dir is not None else default_data_dir()
    try:
        if tune:
            click.echo(render_bands(tune_neutral_band(data_dir)))
            return
        model = read_model_bytes(model_file.read_bytes()) if model_file is not None else None
        evaluation = evaluate(data_dir, limit=limit, model=model)
    except AnalyzerError as error:
        raise click.ClickException(str(error)) from None
    click.echo(to_json(evaluation) if as_json else render_table(evaluation))


if __name__ == "__main__":
    main()
