"""Measuring the scorer against human labels: plain VADER, the football scorer, and each layer alone.

Two labelled sets, kept in the repository's data/ folder (see data/README.md):

- vader-groundtruth/tweets_GroundTruth.txt: 4,200 general tweets, each with the mean of about
  20 human ratings on -4..+4. Measured: Pearson's r between compound and the mean rating.
- football-labelled/fifa2014_train.tsv: 21,343 World Cup 2014 tweets labelled positive,
  neutral or negative. Measured: accuracy and macro-F1 over the three labels, on the held-out
  half only. The set is split in two by a hash of the tweet id; the neutral band and every
  lexicon and emoji value were chosen on the other, tuning, half (``--tune`` shows the search).

An unscored text (not English) counts as compound 0 and label neutral, so every variant is
measured on every row; the "unscored" column says how many rows that was.

    python -m analyzer.evaluate [--data DIR] [--json] [--limit N] [--tune]
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
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
    Scorer,
    ScoringOptions,
    label_for,
)
from analyzer.sentiment.language import load_detector

REPO_ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH_FILE = Path("vader-groundtruth") / "tweets_GroundTruth.txt"
FOOTBALL_FILE = Path("football-labelled") / "fifa2014_train.tsv"
FOOTBALL_LABELS = (Label.POSITIVE, Label.NEUTRAL, Label.NEGATIVE)
# The bands tried on the tuning half: finer near VADER's 0.05, coarser beyond.
TUNING_BANDS = (0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)

Half = Literal["tune", "test"]


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


def macro_f1(gold: Sequence[Label], predicted: Sequence[Label]) -> float:
    """The mean over positive, neutral and negative of each label's F1 (0 where undefined)."""
    if not gold:
        return math.nan
    f1s = []
    for label in FOOTBALL_LABELS:
        hits = sum(g is label and p is label for g, p in zip(gold, predicted, strict=True))
        said = sum(p is label for p in predicted)
        true = sum(g is label for g in gold)
        f1s.append(2 * hits / (said + true) if said + true else 0.0)
    return sum(f1s) / len(f1s)


def as_football_label(label: Label) -> Label:
    # An unscored text says nothing either way: it counts as neutral.
    return Label.NEUTRAL if label is Label.UNSCORED else label


@dataclass(frozen=True, slots=True)
class Variant:
    """One set of options to measure, and how the table names it."""

    name: str
    options: ScoringOptions


def variants() -> list[Variant]:
    """Plain VADER, ours, each layer alone on plain VADER, and ours without each layer."""
    plain = ScoringOptions.plain()
    ours = ScoringOptions.football()
    found = [Variant("plain VADER", plain), Variant("ours (all layers)", ours)]
    found += [Variant(f"plain + {layer}", plain.with_layer(layer, True)) for layer in LAYERS]
    found += [Variant(f"ours - {layer}", ours.with_layer(layer, False)) for layer in LAYERS]
    # Elongation is two changes: the spelling, and reading the stretch as emphasis.
    found.append(Variant("ours - emphasis", replace(ours, emphasis=False)))
    return found


@dataclass(frozen=True, slots=True)
class Result:
    """One variant's numbers on both sets."""

    variant: str
    layers: tuple[Layer, ...]
    neutral_band: float
    groundtruth_pearson: float
    groundtruth_unscored: int
    football_accuracy: float
    football_macro_f1: float
    football_unscored: int
    texts_per_second: float


@dataclass(frozen=True)
class Evaluation:
    """Every variant's result and what they were measured on."""

    results: list[Result]
    groundtruth_rows: int
    football_rows: int
    football_held_out: int
    lexicon_version: str


def evaluate(
    data_dir: Path, *, limit: int | None = None, only: Sequence[str] | None = None
) -> Evaluation:
    """Score both sets with every variant (or the ``only`` ones); ``limit`` takes the first N rows."""
    ground_truth = read_ground_truth(data_dir / GROUND_TRUTH_FILE)[:limit]
    football = read_football(data_dir / FOOTBALL_FILE)[:limit]
    held_out = [row for row in football if row.half == "test"]
    results = []
    for variant in variants():
        if only is not None and variant.name not in only:
            continue
        results.append(_measure(variant, ground_truth, held_out))
    return Evaluation(results, len(ground_truth), len(football), len(held_out), LEXICON_VERSION)


def _measure(
    variant: Variant, ground_truth: Sequence[RatedText], football: Sequence[LabelledText]
) -> Result:
    scorer = Scorer(options=variant.options)
    if variant.options.language:
        load_detector()  # loading is not scoring: keep it out of the texts/s column
    started = time.perf_counter()
    rated = [scorer.score(row.text) for row in ground_truth]
    labelled = [scorer.score(row.text) for row in football]
    elapsed = time.perf_counter() - started
    compounds = [score.compound if score.scored else 0.0 for score in rated]
    predicted = [as_football_label(score.label) for score in labelled]
    gold = [row.label for row in football]
    return Result(
        variant=variant.name,
        layers=variant.options.layers_on(),
        neutral_band=variant.options.neutral_band,
        groundtruth_pearson=pearson(compounds, [row.rating for row in ground_truth]),
        groundtruth_unscored=sum(not score.scored for score in rated),
        football_accuracy=accuracy(gold, predicted),
        football_macro_f1=macro_f1(gold, predicted),
        football_unscored=sum(not score.scored for score in labelled),
        texts_per_second=(len(rated) + len(labelled)) / elapsed if elapsed > 0 else math.nan,
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
    """The results as a fixed-width table, each number with its difference from plain VADER."""
    plain = next((r for r in evaluation.results if r.variant == "plain VADER"), None)
    lines = [
        f"Football lexicon {evaluation.lexicon_version}; football neutral band "
        f"+/-{FOOTBALL_NEUTRAL_BAND} (VADER's: +/-0.05).",
        f"General: VADER ground truth, {evaluation.groundtruth_rows} tweets; "
        "Pearson r with the mean human rating.",
        f"Football: World Cup 2014, HELD-OUT half only: {evaluation.football_held_out} of "
        f"{evaluation.football_rows} tweets (split by SHA-256 of the id);",
        "  the band and the lexicon were tuned on the other half.",
        "Unscored (non-English) texts count as compound 0 and neutral; texts/s: this run, one core.",
        "",
        f"{'variant':<20} {'general r':>9} {'diff':>7}  {'football acc':>12} {'diff':>7}  "
        f"{'macro-F1':>8} {'diff':>7}  {'unscored':>8} {'texts/s':>7}",
    ]
    for r in evaluation.results:
        lines.append(
            f"{r.variant:<20} {r.groundtruth_pearson:>9.4f} "
            f"{_diff(r.groundtruth_pearson, plain.groundtruth_pearson if plain else None)}  "
            f"{r.football_accuracy:>12.4f} "
            f"{_diff(r.football_accuracy, plain.football_accuracy if plain else None)}  "
            f"{r.football_macro_f1:>8.4f} "
            f"{_diff(r.football_macro_f1, plain.football_macro_f1 if plain else None)}  "
            f"{f'{r.groundtruth_unscored}+{r.football_unscored}':>8} "
            f"{r.texts_per_second:>7,.0f}"
        )
    return "\n".join(lines)


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
        "football_neutral_band": FOOTBALL_NEUTRAL_BAND,
        "groundtruth_rows": evaluation.groundtruth_rows,
        "football_rows": evaluation.football_rows,
        "football_held_out_rows": evaluation.football_held_out,
        "football_split": "SHA-256 of the tweet id: even first byte tunes, odd is held out",
        "results": [
            {key: _json_number(value) for key, value in asdict(result).items()}
            for result in evaluation.results
        ],
    }
    return json.dumps(payload, indent=2, allow_nan=False)


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
def main(data_dir: Path | None, as_json: bool, limit: int | None, tune: bool) -> None:
    """Measure plain VADER, the football scorer and each of its layers against human labels."""
    data_dir = data_dir if data_dir is not None else default_data_dir()
    try:
        if tune:
            click.echo(render_bands(tune_neutral_band(data_dir)))
            return
        evaluation = evaluate(data_dir, limit=limit)
    except AnalyzerError as error:
        raise click.ClickException(str(error)) from None
    click.echo(to_json(evaluation) if as_json else render_table(evaluation))


if __name__ == "__main__":
    main()
