"""Shared fixtures: the sample articles, the shared data folder, and small helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tweets" / "BEL-JPN"
DATA = Path(__file__).resolve().parent / "data"
# The data every developer and CI machine has beside the repository (see DEVELOPERS.md).
SHARED = Path(os.environ.get("ANALYZER_SHARED", REPO.parent / "shared"))

ARTICLE_WITH_TWEETS = SAMPLES / "001_f94c4db15e66a882.txt"
ARTICLE_KLUIVERT = SAMPLES / "000_a40163282d53053a.txt"
ARTICLE_TOKYO_FANS = SAMPLES / "002_14d4a9f4abd7d5c7.txt"


def shared_file(*parts: str) -> Path:
    """A file from the shared data folder; a missing one fails the test (it is never skipped)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: set ANALYZER_SHARED to the shared data folder")
    return path


@pytest.fixture(scope="session")
def bel_jpn():
    from analyzer.matches import shipped

    return shipped().find("BEL-JPN")
