"""The extraction corpus: real page layouts (in our own words) read as a person reads them."""

from __future__ import annotations

import importlib.util
import sys
import tomllib

import pytest

from .conftest import REPO

# The benchmark is a script, not part of the package: loaded from its file.
_spec = importlib.util.spec_from_file_location("extraction", REPO / "benchmarks" / "extraction.py")
assert _spec is not None and _spec.loader is not None
extraction = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = extraction  # its dataclasses look their module up there
_spec.loader.exec_module(extraction)
CORPUS, EXACT_GOAL, run = extraction.CORPUS, extraction.EXACT_GOAL, extraction.run

MIN_PAGES = 30
MIN_SITES = 15
MIN_LANGUAGES = 4


@pytest.fixture(scope="module")
def results():
    return run()


def test_the_corpus_spans_enough_pages_sites_and_languages() -> None:
    pages = sorted(CORPUS.glob("*.toml"))
    marks = [tomllib.loads(p.read_text(encoding="utf-8")) for p in pages]
    sites = {m["url"].split("/")[2].removeprefix("www.") for m in marks}
    languages = {lang.strip() for m in marks for lang in m["language"].split(",")}
    assert len(pages) >= MIN_PAGES
    assert len(sites) >= MIN_SITES
    assert len(languages) >= MIN_LANGUAGES
    assert all(p.with_suffix(".txt").exists() for p in pages)


def test_the_reader_meets_its_goals_on_the_corpus(results) -> None:
    _, total = results
    assert total.tweets >= 50
    assert total.exact_share >= EXACT_GOAL, total.problems
    assert total.invented == 0, total.problems
    assert total.prose_lines == 0, total.problems
    assert total.quotes_invented == 0, total.problems
    assert total.quotes_right == total.quotes, total.problems
    assert total.dates_read == total.dates


def test_pages_without_embedded_tweets_yield_no_tweet(results) -> None:
    per, _ = results
    empty = [name for name, tally in per.items() if tally.tweets == 0 and tally.quotes == 0]
    assert len(empty) >= 5
    assert all(per[name].invented == 0 and per[name].quotes_invented == 0 for name in empty)
