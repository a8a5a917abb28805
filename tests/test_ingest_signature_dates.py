"""Signature dates in every form and language an embedded tweet's signature writes them."""

from __future__ import annotations

from datetime import date

import pytest

from analyzer.ingest.embeds import find_embeds
from analyzer.ingest.layout import Layout
from analyzer.ingest.signature_dates import read_signature_date

JULY_2 = date(2018, 7, 2)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("July 2, 2018", JULY_2),
        ("June 17 2018", date(2018, 6, 17)),
        ("17 June 2018", date(2018, 6, 17)),
        ("Jul 2nd, 2018", JULY_2),
        ("3 июля 2018 г.", date(2018, 7, 3)),
        ("2 juillet 2018", JULY_2),
        ("2. Juli 2018", JULY_2),
        ("2 de julio de 2018", JULY_2),
        ("2 de julho de 2018", JULY_2),
        ("2 luglio 2018", JULY_2),
        ("2018年7月2日", JULY_2),
        ("2018년 7월 2일", JULY_2),
        ("9:55 PM - 2 Jul 2018", JULY_2),
        ("21:55 - 2. Juli 2018", JULY_2),
        ("下午9:55 - 2018年7月2日", JULY_2),
        ("2018-07-02", JULY_2),
        ("February 30, 2018", None),
        ("31 Brumaire 2018", None),
    ],
)
def test_a_signature_date_in_any_form(written: str, expected: date | None) -> None:
    assert read_signature_date(written) == expected


@pytest.mark.parametrize(
    "signature",
    [
        "— Fan (@fan) June 17 2018",
        "– Fan (@fan) 17 June 2018",
        "― Fan (@fan) 2018年6月17日",
        "&mdash; Fan (@fan) 17 июня 2018 г.",
        "- Fan (@fan) 9:55 PM - 17 Jun 2018",
        "— Fan (@fan) 17. Juni 2018",
        "— Fan (@fan) 17 de junio de 2018",
        "—Fan(@fan)17 juin 2018",
    ],
)
def test_each_signature_form_is_a_tweet_with_its_day(signature: str) -> None:
    text = f"Prose of the article.\n\nWhat a match tonight {signature}\n\nMore prose."
    [embed] = find_embeds(Layout(text))
    assert (embed.text, embed.handle, embed.name, embed.day) == (
        "What a match tonight",
        "fan",
        "Fan",
        date(2018, 6, 17),
    )


def test_an_unreadable_date_keeps_the_tweet_with_the_date_as_written() -> None:
    [embed] = find_embeds(Layout("Allez! — Fan (@fan) 2 Brumaire 2018"))
    assert (embed.text, embed.day, embed.written_date) == ("Allez!", None, "2 Brumaire 2018")
