"""Benchmark: CPU-microseconds per distinct text for the vader, football and learned scorers.

Run from the repo root: ``python benchmarks/bench_scorer.py``. Two kinds of text
(benchmarks/scorer_corpora.py): ``labelled``, every distinct text of the two labelled sets in
data/ (the VADER ground truth and the World Cup 2014 tweets, mean 90 characters), and
``synthetic``, the distinct tweets of a seeded stream from ``analyzer.synthetic`` (mean 112
characters: several sentences, links, hashtags, replies, emoji). Each scorer scores each text
once per repeat, in one process, the scorers taking turns within a repeat so a change in the
machine's load falls on all alike; the figure is the median of the repeats' CPU time
(``time.process_time``: what other processes take is not counted). Loading the lexicons, the
language detector and the model is done first and not counted. It prints the time per text,
the ratio learned / football (the goal: at most 1.5x), and whether the scorer is compiled.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzer.sentiment import SCORER_NAMES, Scorer
from analyzer.sentiment.language import load_detector
from analyzer.sentiment.vader import compiled
from benchmarks.scorer_corpora import football_texts, ground_truth_texts, synthetic_texts

REPEATS = 5
GOAL_RATIO = 1.5
KINDS = ("labelled", "synthetic")


def texts_of(kind: str) -> list[str]:
    if kind == "labelled":
        return list(dict.fromkeys(ground_truth_texts() + football_texts()))
    return synthetic_texts()


def cpu_seconds(scorer: Scorer, texts: list[str]) -> float:
    score = scorer.score
    started = time.process_time()
    for text in texts:
        score(text)
    return time.process_time() - started


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--kinds", default=",".join(KINDS), help="labelled,synthetic")
    args = parser.parse_args()
    kinds = [kind for kind in args.kinds.split(",") if kind]
    if args.repeats < 1 or not kinds or any(kind not in KINDS for kind in kinds):
        parser.error(f"--repeats must be at least 1 and --kinds among {', '.join(KINDS)}")
    print(
        f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {load_average()}; median CPU time of "
        f"{args.repeats} repeats; scorer modules {'compiled (mypyc)' if compiled() else 'pure Python'}"
    )
    load_detector()
    scorers = {name: Scorer.named(name) for name in SCORER_NAMES[::-1]}  # vader, football, learned
    met = True
    for kind in kinds:
        texts = texts_of(kind)
        for scorer in scorers.values():
            scorer.score(texts[0])  # lazy loads are not scoring
        runs: dict[str, list[float]] = {name: [] for name in scorers}
        for _ in range(args.repeats):
            for name, scorer in scorers.items():
                runs[name].append(cpu_seconds(scorer, texts))
        mean_length = sum(map(len, texts)) / len(texts)
        print(f"\n{kind}: {len(texts)} distinct texts, mean {mean_length:.0f} characters")
        timings = {name: statistics.median(r) / len(texts) * 1e6 for name, r in runs.items()}
        for name, microseconds in timings.items():
            spread = max(runs[name]) / min(runs[name]) - 1
            print(f"  {name:<9} {microseconds:8.1f} CPU-µs/text  (repeats within {spread:.0%})")
        ratio = timings["learned"] / timings["football"]
        met = met and ratio <= GOAL_RATIO
        verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
        print(f"  learned / football: {ratio:.2f}x (goal <= {GOAL_RATIO}x: {verdict})")
    print(f"\nload average after: {load_average()}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
