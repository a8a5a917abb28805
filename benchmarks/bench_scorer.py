"""Benchmark: microseconds per distinct text for the vader, football and learned scorers.

Run from the repo root: ``python benchmarks/bench_scorer.py``. It scores every distinct text of
the two labelled sets in data/ (the VADER ground truth and the World Cup 2014 tweets) with each
scorer, in one process, best of a few repeats (loading the lexicons, the language detector and
the model is done first and not counted), and prints the time per text and the ratio
learned / football. The goal: the learned scorer costs at most 1.5x the football scorer.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzer.evaluate import (
    FOOTBALL_FILE,
    GROUND_TRUTH_FILE,
    default_data_dir,
    read_football,
    read_ground_truth,
)
from analyzer.sentiment import SCORER_NAMES, Scorer
from analyzer.sentiment.language import load_detector

REPEATS = 5
GOAL_RATIO = 1.5


def distinct_texts(data_dir: Path) -> list[str]:
    texts = [row.text for row in read_ground_truth(data_dir / GROUND_TRUTH_FILE)]
    texts += [row.text for row in read_football(data_dir / FOOTBALL_FILE)]
    return list(dict.fromkeys(texts))


def microseconds_per_text(scorer: Scorer, texts: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for text in texts:
            scorer.score(text)
        best = min(best, time.perf_counter() - started)
    return best / len(texts) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    args = parser.parse_args()
    texts = distinct_texts(args.data)
    print(
        f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores; {len(texts)} distinct texts; best of {args.repeats}"
    )
    load_detector()
    timings: dict[str, float] = {}
    for name in SCORER_NAMES[::-1]:  # vader, football, learned
        scorer = Scorer.named(name)
        scorer.score(texts[0])  # lazy loads are not scoring
        timings[name] = microseconds_per_text(scorer, texts, args.repeats)
        print(f"{name:<9} {timings[name]:8.1f} µs/text")
    ratio = timings["learned"] / timings["football"]
    verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
    print(f"learned / football: {ratio:.2f}x (goal <= {GOAL_RATIO}x: {verdict})")
    return 0 if ratio <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
