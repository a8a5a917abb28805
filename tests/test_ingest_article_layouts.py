"""Property: whatever the article's layout, every embedded tweet comes back whole, and no prose."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from analyzer.ingest.article import read_article, signature_like
from analyzer.ingest.base import Problems
from analyzer.records import Kind

from .article_layouts import Article, articles


def check_article(article: Article) -> None:
    problems = Problems("generated.txt")
    records = read_article(article.text, path="generated.txt", problems=problems)
    tweets = [r for r in records if r.kind is Kind.TWEET]
    assert [(r.text, r.author.handle, r.author.name, r.posted_date) for r in tweets] == [
        (t.text, t.handle, t.name, t.day) for t in article.tweets
    ]
    for record in tweets:
        for line in article.prose:
            assert line not in record.text
    assert problems.count == 0, [str(p) for p in problems.kept]


@settings(max_examples=40, deadline=None)
@given(articles())
def test_every_tweet_comes_back_exactly_and_no_prose_line_is_in_one(article: Article) -> None:
    check_article(article)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_every_tweet_of_many_layouts_comes_back_exactly(article: Article) -> None:
    check_article(article)


def test_two_tweets_run_together_are_split_at_the_picture_link() -> None:
    text = (
        "Belgium struck late against Japan, and the supporters who had travelled were stunned.\n\n"
        "GOAL JAPAN 🇯🇵 pic.twitter.com/AbC123 What a comeback from Belgium!"
        " — Fan (@fan) July 2, 2018\n"
    )
    problems = Problems("a.txt")
    records = read_article(text, path="a.txt", problems=problems)
    assert [(r.text, r.author.handle, r.links) for r in records] == [
        ("GOAL JAPAN 🇯🇵", None, ("pic.twitter.com/AbC123",)),
        ("What a comeback from Belgium!", "fan", ()),
    ]
    assert [str(p) for p in problems.kept] == [
        "line 3: a tweet without its signature ('GOAL JAPAN 🇯🇵') ran into the next one; told"
        " apart by its picture link, it is kept as a tweet with no author"
    ]


def test_a_signature_whose_date_cannot_be_read_keeps_its_tweet_and_says_so() -> None:
    problems = Problems("a.txt")
    [record] = read_article("Allez! — Fan (@fan) 2 Brumaire 2018", path="a.txt", problems=problems)
    assert (record.text, record.author.handle, record.posted_date) == ("Allez!", "fan", None)
    assert [str(p) for p in problems.kept] == [
        "line 1: the date '2 Brumaire 2018' in the signature of @fan's tweet is not one I can"
        " read: the tweet is kept with its day unknown"
    ]


def test_the_multi_paragraph_tweet_between_two_signatures_keeps_every_paragraph() -> None:
    text = (
        "Japan led 2-0 before Belgium came back, and the supporters in Rostov were stunned.\n"
        "Nice goal — A (@a) July 2, 2018\n"
        "I can't breathe.\n"
        "Three goals in twenty minutes.\n"
        "Holy F...! — B (@b) July 2, 2018\n"
    )
    records = read_article(text, path="a.txt")
    assert [r.text for r in records] == [
        "Nice goal",
        "I can't breathe.\nThree goals in twenty minutes.\nHoly F...!",
    ]


def test_what_looks_like_a_signature_runs_from_the_first_dash_to_a_dated_handle() -> None:
    # A handle with a year soon after ends the span, as a signature's does; one without
    # (the second line) is not a signature.
    text = "Saved - by the keeper (@gk) x — Fan (@fan) 2 juillet 2018\nNo - date (@nd) here"
    assert [text[s:e] for s, e in signature_like(text)] == [
        "- by the keeper (@gk)",
        "— Fan (@fan)",
    ]


def test_a_line_of_many_dashes_and_handles_is_read_in_one_pass() -> None:
    text = "a — b (@c) " * 20_000 + "\nWhat a game — Fan (@fan) July 2, 2018"
    problems = Problems("a.txt")
    [record] = read_article(text, path="a.txt", problems=problems)
    assert (record.text, record.author.handle) == ("What a game", "fan")
