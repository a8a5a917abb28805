"""Shared fixtures: the sample articles, the labelled data kept in the repository, and small helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tweets" / "BEL-JPN"
DATA = Path(__file__).resolve().parent / "data"
# The labelled sets (VADER ground truth, World Cup 2014 labels), kept in the repository.
LABELLED = REPO / "data"

ARTICLE_WITH_TWEETS = SAMPLES / "001_f94c4db15e66a882.txt"
ARTICLE_KLUIVERT = SAMPLES / "000_a40163282d53053a.txt"
ARTICLE_TOKYO_FANS = SAMPLES / "002_14d4a9f4abd7d5c7.txt"


def labelled_file(*parts: str) -> Path:
    """A file from the repository's data/ folder; a missing one fails the test (never skipped)."""
    path = LABELLED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: it is part of the repository (see data/README.md)")
    return path


@pytest.fixture(scope="session")
def bel_jpn():
    from analyzer.matches import shipped

    return shipped().find("BEL-JPN")
