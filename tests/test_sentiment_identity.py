"""Every Score field of every text stays what it was: the scorer's speed work changes no bit.

The texts are benchmarks/scorer_corpora.py's (the VADER ground truth, the 2014 labelled
tweets, 5,000 tweets of a seeded synthetic stream kept in tests/data, the sample articles'
texts, a seeded mix of every layer's triggers). For each corpus and scorer (vader, football, learned) every field of every Score
(floats by their exact hex form, the label, the emoji, the language, the probabilities) and,
for the learned scorer, the model's features in order, are hashed; the hashes were taken with
the code before the speed work (commit f99b3fb) and are kept in tests/data/expected/scores.sha256.
Never rewrite that file to make a test pass: a different hash means a different score.

The default run checks the first ``QUICK_TEXTS`` texts of each corpus; the slow run all of
them. ``python -m tests.test_sentiment_identity --dump DIR`` writes the canonical lines of
every corpus and scorer, to compare two versions of the code text by text.
"""

from __future__ import annotations

import argparse
import hashlib
import math
from collections.abc import Iterator, Sequence
from dataclasses import astuple
from functools import cache
from pathlib import Path

import pytest

from analyzer.sentiment import SCORER_NAMES, Scorer
from analyzer.sentiment.language import load_detector
from analyzer.sentiment.scorer import Score
from benchmarks.scorer_corpora import CORPORA, corpus

DIGESTS = Path(__file__).resolve().parent / "data" / "expected" / "scores.sha256"
QUICK_TEXTS = 150
# The mixed corpus is also scored with a declared language, in turn: none, English, Twitter's
# "undetermined", a Latin-script language and another script's.
DECLARED = (None, "en", "und", "es", "ja")


def _field(value: object) -> str:
    if isinstance(value, float):
        return "nan" if math.isnan(value) else value.hex()
    return repr(value)


def canonical(score: Score) -> str:
    """Every field of a Score, floats by their exact bits."""
    return "\t".join(_field(value) for value in astuple(score))


def declared_for(corpus_name: str, index: int) -> str | None:
    return DECLARED[index % len(DECLARED)] if corpus_name == "mixed" else None


def lines(scorer: Scorer, corpus_name: str, texts: Sequence[str]) -> Iterator[str]:
    for index, text in enumerate(texts):
        declared = declared_for(corpus_name, index)
        yield canonical(scorer.score(text, declared_language=declared))
        if scorer.name == "learned":
            yield "\t".join(scorer.features(text))


def digest(scorer: Scorer, corpus_name: str, texts: Sequence[str]) -> str:
    hashed = hashlib.sha256()
    for line in lines(scorer, corpus_name, texts):
        hashed.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return hashed.hexdigest()


def key(corpus_name: str, scorer_name: str, limit: int | None) -> str:
    return f"{corpus_name} {scorer_name} {'all' if limit is None else f'first {limit}'}"


def expected_digests() -> dict[str, str]:
    expected = {}
    for line in DIGESTS.read_text(encoding="utf-8").splitlines():
        value, name = line.split("  ", 1)
        expected[name] = value
    return expected


@cache
def texts_of(corpus_name: str) -> list[str]:
    return corpus(corpus_name)


@cache
def scorer_called(name: str) -> Scorer:
    return Scorer.named(name)


CASES = [(c, s) for c in CORPORA for s in SCORER_NAMES]


@pytest.fixture(scope="module", autouse=True)
def _loaded() -> None:
    # Reading the corpora, building the scorers and loading the language detector (which
    # the mixed corpus's foreign texts reach) happen once, not in the first test that needs them.
    load_detector()
    for name in CORPORA:
        texts_of(name)
    for name in SCORER_NAMES:
        scorer_called(name).score("warm up")


@pytest.mark.parametrize(("corpus_name", "scorer_name"), CASES)
def test_the_first_texts_of_each_corpus_score_as_before(corpus_name: str, scorer_name: str) -> None:
    texts = texts_of(corpus_name)[:QUICK_TEXTS]
    assert len(texts) == min(QUICK_TEXTS, len(texts_of(corpus_name)))
    found = digest(scorer_called(scorer_name), corpus_name, texts)
    assert found == expected_digests()[key(corpus_name, scorer_name, QUICK_TEXTS)]


@pytest.mark.slow
@pytest.mark.parametrize(("corpus_name", "scorer_name"), CASES)
def test_every_text_of_each_corpus_scores_as_before(corpus_name: str, scorer_name: str) -> None:
    found = digest(scorer_called(scorer_name), corpus_name, texts_of(corpus_name))
    assert found == expected_digests()[key(corpus_name, scorer_name, None)]


def test_the_corpora_are_the_ones_hashed() -> None:
    # A corpus that silently shrank would make the hashes above prove less.
    sizes = {name: len(texts_of(name)) for name in CORPORA}
    assert sizes == {
        "groundtruth": 4200,
        "football": 20171,
        "synthetic": 5000,
        "sample": 26,
        "mixed": 4799,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Hash (or dump) every Score of the corpora.")
    parser.add_argument("--dump", type=Path, help="write each corpus/scorer's lines here")
    args = parser.parse_args(argv)
    for corpus_name in CORPORA:
        texts = texts_of(corpus_name)
        for scorer_name in SCORER_NAMES:
            scorer = scorer_called(scorer_name)
            for limit in (QUICK_TEXTS, None):
                chosen = texts if limit is None else texts[:limit]
                print(
                    f"{digest(scorer, corpus_name, chosen)}  {key(corpus_name, scorer_name, limit)}"
                )
            if args.dump is not None:
                args.dump.mkdir(parents=True, exist_ok=True)
                out = args.dump / f"{corpus_name}-{scorer_name}.tsv"
                out.write_text("\n".join(lines(scorer, corpus_name, texts)) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
