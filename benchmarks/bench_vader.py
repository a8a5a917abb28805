"""Benchmark: analyzer's Vader against vaderSentiment 3.3.2 on short fan tweets, same run.

Run from the repo root: ``python benchmarks/bench_vader.py``. It builds a seeded
corpus of realistic short tweets, checks that both scorers agree exactly on every text, then
prints texts per CPU-second for each (median of a few repeats) and the speed ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analyzer.sentiment.vader import Vader, compiled

SEED = 2018
CORPUS_SIZE = 50_000
REPEATS = 3

TEAMS = ("Belgium", "Japan", "BEL", "JPN", "Red Devils", "Samurai Blue", "the boys")
PLAYERS = ("Hazard", "Lukaku", "De Bruyne", "Chadli", "Fellaini", "Inui", "Haraguchi", "Honda")
HASHTAGS = ("#BELJPN", "#WorldCup", "#WorldCup2018", "#RedDevils", "#SamuraiBlue", "#FIFA")
MENTIONS = ("@BelRedDevils", "@jfa_samuraiblue", "@FIFAWorldCup", "@BBCSport")
EMOJI = ("⚽️", "⚽", "🔥", "😭", "😂", "🙌", "👏", "👏🏻", "😍", "💔", "🇧🇪", "🇯🇵", "😱", "❤️", "🤦‍♂️")
OPENERS = (
    "What a game!",
    "Unbelievable scenes",
    "I can't believe it",
    "Absolutely gutted for",
    "So proud of",
    "Heartbreak for",
    "This is why we love football,",
    "Not a great first half from",
    "Terrible defending by",
    "Brilliant comeback from",
    "No way",
    "Kind of boring so far but",
    "Never seen anything like",
    "Honestly",
    "Come on",
)
MIDDLES = (
    "what a goal by {player}",
    "{player} is the best player on the pitch",
    "{player} was awful tonight",
    "that header from {player} though",
    "{team} deserved it",
    "{team} didn't deserve to lose",
    "the referee is a joke",
    "worst defending I have ever seen",
    "love this team",
    "hate watching penalties",
    "what a counter attack",
    "{team} are through to the quarter finals",
    "devastated for {team}",
    "great match, sad ending",
    "lucky lucky {team}",
    "not bad at all from {team}",
    "at least we tried",
    "{player} is so good but {player} is so bad",
)
ELONGATED = ("GOOOAL", "goaaaaal", "noooo", "yesssss", "wowww", "YESSS", "omggg", "lol", "lmao")
ENDINGS = ("!", "!!", "!!!!!", "?", "???", "?!", ".", "", "...", " :)", " :(", " :D")


def build_corpus(size: int, *, seed: int) -> list[str]:
    """Short fan tweets: an opener, a clause or two, maybe elongations, caps, emoji and tags."""
    rng = random.Random(seed)
    corpus = []
    for _ in range(size):
        team = rng.choice(TEAMS)
        parts = [rng.choice(OPENERS), team]
        for _ in range(rng.randint(1, 2)):
            clause = rng.choice(MIDDLES).format(player=rng.choice(PLAYERS), team=team)
            parts.append(clause.upper() if rng.random() < 0.1 else clause)
        if rng.random() < 0.4:
            parts.append(rng.choice(ELONGATED))
        text = " ".join(parts) + rng.choice(ENDINGS)
        if rng.random() < 0.6:
            text += " " + "".join(rng.choices(EMOJI, k=rng.randint(1, 4)))
        if rng.random() < 0.5:
            text += " " + rng.choice(HASHTAGS)
        if rng.random() < 0.2:
            text = rng.choice(MENTIONS) + " " + text
        corpus.append(text)
    return corpus


def best_rate(score: Callable[[str], object], corpus: Sequence[str], *, repeats: int) -> float:
    """Texts per CPU-second, from the median of ``repeats`` passes over the corpus.

    CPU time (``time.process_time``): what other processes on the machine take is not counted.
    """
    runs = []
    for _ in range(repeats):
        start = time.process_time()
        for text in corpus:
            score(text)
        runs.append(time.process_time() - start)
    return len(corpus) / statistics.median(runs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=CORPUS_SIZE, help="number of tweets")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="timed passes per scorer")
    parser.add_argument("--seed", type=int, default=SEED, help="corpus seed")
    args = parser.parse_args(argv)
    if args.size < 1 or args.repeats < 1:
        parser.error("--size and --repeats must be at least 1")

    corpus = build_corpus(args.size, seed=args.seed)
    original = SentimentIntensityAnalyzer()
    fast = Vader()

    mismatches = [t for t in corpus if fast.polarity_scores(t) != original.polarity_scores(t)]
    if mismatches:
        print(f"Error: {len(mismatches)} texts score differently, e.g. {mismatches[0]!r}")
        return 1

    original_rate = best_rate(original.polarity_scores, corpus, repeats=args.repeats)
    fast_rate = best_rate(fast.polarity_scores, corpus, repeats=args.repeats)
    print(f"corpus: {len(corpus):,} tweets (seed {args.seed}), identical scores on all of them")
    build = "compiled (mypyc)" if compiled() else "pure Python"
    print(f"vaderSentiment 3.3.2: {original_rate:>10,.0f} texts/CPU-s (median of {args.repeats})")
    print(
        f"analyzer Vader:       {fast_rate:>10,.0f} texts/CPU-s (median of {args.repeats}, {build})"
    )
    print(f"speed ratio:          {fast_rate / original_rate:>10.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
