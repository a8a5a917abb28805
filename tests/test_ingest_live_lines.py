"""Readers' messages on live text pages: fan quotes with the reader's name and place."""

from __future__ import annotations

from analyzer.ingest.article import read_article
from analyzer.ingest.layout import Layout
from analyzer.ingest.live_lines import find_live_lines
from analyzer.records import Kind, Role

LIVE_PAGE = """Live: Belgium v Japan

Belgium: Courtois; Meunier, Alderweireld, Kompany, Vertonghen
Japan: Kawashima; Sakai, Yoshida, Shoji, Nagatomo

Rob, Manchester: What a game! I can't believe it.
Pete: Japan deserved more.
Goal: Haraguchi scores.
Full-time: Belgium 3-2 Japan.
"""


def test_a_live_page_s_reader_lines_are_fan_quotes() -> None:
    records = read_article(LIVE_PAGE, path="live.txt")
    assert [(r.kind, r.author.name, r.author.role, r.text, r.source.line) for r in records] == [
        (Kind.QUOTE, "Rob, Manchester", Role.FAN, "What a game! I can't believe it.", 6),
        (Kind.QUOTE, "Pete", Role.FAN, "Japan deserved more.", 7),
    ]


def test_one_such_line_is_not_a_live_page() -> None:
    assert find_live_lines(Layout("Prose here.\n\nPete: Japan deserved more.\n")) == []


def test_one_speaker_many_times_is_not_a_live_page() -> None:
    assert find_live_lines(Layout("Pete: one.\nPete: two.\n")) == []


def test_labels_and_line_ups_are_nobody_s_words() -> None:
    text = (
        "Update: the teams are out.\nGoal: Inui.\nBelgium: Courtois; Meunier, Kompany, Vertonghen\n"
    )
    assert find_live_lines(Layout(text)) == []
