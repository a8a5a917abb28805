"""Extraction benchmark: the article reader over the corpus of real page layouts.

Run ``python benchmarks/extraction.py`` from the repository. For each fixture in
tests/data/articles (a page's layout in the project's own words, with the records a reader
sees on the page, marked by hand), and in total, it prints the tweets found with exact text
and author, with wrong text, missed and invented; prose lines inside tweets; quotes with the
right speaker; and the dates read.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from analyzer.ingest.article import read_article
from analyzer.records import Kind, Record

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "articles"
# The goals: share of the page's tweets read exactly, and nothing invented.
EXACT_GOAL = 0.97


@dataclass
class Tally:
    """What came out of one fixture (or of all of them), against what a reader sees."""

    tweets: int = 0  # tweets on the page
    exact: int = 0  # found with the exact text, handle and display name
    wrong: int = 0  # found by the right author, with other text
    missed: int = 0
    invented: int = 0  # tweets read that the page does not hold
    prose_lines: int = 0  # lines of the page's own inside a tweet read
    quotes: int = 0
    quotes_right: int = 0  # found with the right speaker and role
    quotes_invented: int = 0
    dates: int = 0  # tweets whose day the page gives
    dates_read: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "tweets", "exact", "wrong", "missed", "invented", "prose_lines", "quotes",
            "quotes_right", "quotes_invented", "dates", "dates_read",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)

    @property
    def exact_share(self) -> float:
        return self.exact / self.tweets if self.tweets else 1.0


def load(path: Path) -> tuple[str, dict[str, object]]:
    """A fixture's text and its marked records."""
    with path.with_suffix(".toml").open("rb") as f:
        expected = tomllib.load(f)
    return path.read_text(encoding="utf-8"), expected


def measure(text: str, expected: dict[str, object], *, name: str) -> Tally:
    """Compare the records read from ``text`` with the ones a reader sees."""
    records = read_article(text, path=name)
    tally = Tally()
    _tweets(
        tally, [r for r in records if r.kind is Kind.TWEET], _list(expected, "tweet"), text, name
    )
    _quotes(tally, [r for r in records if r.kind is Kind.QUOTE], _list(expected, "quote"), name)
    return tally


def _list(expected: dict[str, object], key: str) -> list[dict[str, str]]:
    value = expected.get(key, [])
    assert isinstance(value, list)
    return value


def _tweets(
    tally: Tally, found: list[Record], marked: list[dict[str, str]], text: str, name: str
) -> None:
    tally.tweets = len(marked)
    tally.dates = sum(1 for m in marked if m.get("date"))
    left = list(found)
    for mark in marked:
        handle = mark.get("handle") or None
        same = [r for r in left if r.author.handle == handle]
        exact = [
            r
            for r in same
            if r.text == mark["text"] and (r.author.name or "") == mark.get("name", "")
        ]
        if exact:
            record = exact[0]
            tally.exact += 1
        elif same:
            record = same[0]
            tally.wrong += 1
            tally.problems.append(
                f"{name}: @{handle} read as {record.text!r}, not {mark['text']!r}"
            )
        else:
            tally.missed += 1
            tally.problems.append(f"{name}: missed @{handle}: {mark['text']!r}")
            continue
        left.remove(record)
        if mark.get("date") and record.posted_date == date.fromisoformat(mark["date"]):
            tally.dates_read += 1
        own = set(mark["text"].splitlines())
        tally.prose_lines += sum(
            1 for line in record.text.splitlines() if line.strip() and line not in own
        )
    tally.invented = len(left)
    for record in left:
        tally.problems.append(f"{name}: invented @{record.author.handle}: {record.text!r}")
        tally.prose_lines += sum(1 for line in record.text.splitlines() if line.strip())


def _quotes(tally: Tally, found: list[Record], marked: list[dict[str, str]], name: str) -> None:
    tally.quotes = len(marked)
    left = list(found)
    for mark in marked:
        match = [
            r for r in left
            if r.text == mark["text"] and r.author.name == mark["speaker"]
            and r.author.role.value == mark.get("role", "unknown")
        ]  # fmt: skip
        if match:
            tally.quotes_right += 1
            left.remove(match[0])
        else:
            tally.problems.append(f"{name}: quote by {mark['speaker']} not read: {mark['text']!r}")
    tally.quotes_invented = len(left)
    for record in left:
        tally.problems.append(f"{name}: invented quote by {record.author.name}: {record.text!r}")


def run(corpus: Path = CORPUS) -> tuple[dict[str, Tally], Tally]:
    """Every fixture's tally, and the total."""
    per: dict[str, Tally] = {}
    total = Tally()
    for path in sorted(corpus.glob("*.txt")):
        text, expected = load(path)
        per[path.stem] = measure(text, expected, name=path.stem)
        total.add(per[path.stem])
    return per, total


def _row(name: str, t: Tally) -> str:
    return (
        f"{name:<28} {t.tweets:>6} {t.exact:>6} {t.wrong:>6} {t.missed:>6} {t.invented:>8}"
        f" {t.prose_lines:>6} {t.quotes_right:>3}/{t.quotes:<3} {t.quotes_invented:>5}"
        f" {t.dates_read:>3}/{t.dates:<3}"
    )


def main() -> int:
    per, total = run()
    print(
        f"{'layout':<28} {'tweets':>6} {'exact':>6} {'wrong':>6} {'missed':>6} {'invented':>8}"
        f" {'prose':>6} {'quotes':>7} {'q.inv':>5} {'dates':>7}"
    )
    for name, tally in per.items():
        print(_row(name, tally))
    print(_row(f"TOTAL ({len(per)} pages)", total))
    print(
        f"\n{total.exact_share:.1%} of {total.tweets} tweets exact (goal {EXACT_GOAL:.0%}),"
        f" {total.invented} invented, {total.prose_lines} prose lines inside tweets;"
        f" {total.quotes_right} of {total.quotes} quotes with the right speaker,"
        f" {total.quotes_invented} invented; {total.dates_read} of {total.dates} dates read"
    )
    if "-v" in sys.argv:
        print("\n".join(["", *total.problems]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
