"""The date of an embedded tweet's signature, in whatever form and language the page writes it.

"July 2, 2018" is read by hand (nearly every English page, and fast); every other form
("17 June 2018", "2. Juli 2018", "3 июля 2018 г.", "2018年7月2日", "9:55 PM - 2 Jul 2018") by
dateparser, imported only when a signature needs it.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

ENGLISH_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# The time an old embed puts before the date ("9:55 PM - 2 Jul 2018", "下午9:55 - 2018年7月2日").
_TIME = (
    r"(?:(?:上午|下午|午前|午後|오전|오후)[ \t]*)?\d{1,2}[:.h]\d{2}"
    r"(?:[ \t]*(?:[AaPp]\.?[ \t]?[Mm]\.?|Uhr|ч\.))?[ \t]*[-–—―·,][ \t]*"
)
# A month written as a word, in any script: "July", "juil.", "июля", "Juli".
_MONTH_WORD = r"[^\W\d_]{3,12}\.?"
_YEAR = r"(?:19|20)\d\d"
DATE_PATTERN = (
    rf"(?:{_TIME})?(?:"
    # month first: "July 2, 2018", "June 17 2018", "Jul 2nd, 2018"
    rf"{_MONTH_WORD}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+{_YEAR}"
    # day first: "17 June 2018", "2. Juli 2018", "2 de julio de 2018", "3 июля 2018 г."
    rf"|\d{{1,2}}\.?[ \t]+(?:de[ \t]+)?{_MONTH_WORD},?[ \t]+(?:de[ \t]+)?{_YEAR}"
    r"(?:[ \t]*(?:г|р)\.(?!\w))?"
    # Chinese and Japanese, Korean
    rf"|{_YEAR}[ \t]*年[ \t]*\d{{1,2}}[ \t]*月[ \t]*\d{{1,2}}[ \t]*日"
    rf"|{_YEAR}[ \t]*년[ \t]*\d{{1,2}}[ \t]*월[ \t]*\d{{1,2}}[ \t]*일"
    # numbers: "02.07.2018", "2/7/2018", "2018-07-02"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}|{_YEAR}-\d\d-\d\d"
    r")"
)
RE_ENGLISH_DATE = re.compile(
    r"(?P<month>[A-Za-z]{3,9})\.?[ \t]+(?P<day>\d{1,2}),?[ \t]*(?P<year>\d{4})"
)
RE_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)")
RE_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
RE_CJK = re.compile(r"[年月日]")
RE_HANGUL = re.compile(r"[년월일]")
RE_GREEK = re.compile(r"[\u0370-\u03ff]")
# Languages dateparser is asked to try, by the script the date is written in. Naming them
# keeps a date it cannot read from being tried in each of its two hundred languages.
LATIN_LANGUAGES = (
    "en", "fr", "de", "es", "pt", "it", "nl", "tr", "pl", "sv", "da", "nb", "fi", "id", "ca",
    "ro", "cs", "hr", "hu", "sk", "sl",
)  # fmt: skip
CYRILLIC_LANGUAGES = ("ru", "uk", "bg", "sr", "be")
CJK_LANGUAGES = ("ja", "zh")
HANGUL_LANGUAGES = ("ko",)
GREEK_LANGUAGES = ("el",)
# Distinct signature dates remembered: a page repeats the same few.
DATE_CACHE_SIZE = 1024


def read_signature_date(written: str) -> date | None:
    """The calendar day a signature's date names; None when it cannot be read as one."""
    written = written.strip()
    m = RE_ENGLISH_DATE.fullmatch(written)
    if m and m["month"][:3].lower() in ENGLISH_MONTHS:
        try:
            return date(int(m["year"]), ENGLISH_MONTHS[m["month"][:3].lower()], int(m["day"]))
        except ValueError:  # "February 30": not a day, and no other reading would make it one
            return None
    m = RE_ISO_DATE.fullmatch(written)
    if m:
        try:
            return date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            return None
    return _parsed(written)


@lru_cache(maxsize=DATE_CACHE_SIZE)
def _parsed(written: str) -> date | None:
    found = _parser(_languages(written)).get_date_data(written).date_obj
    return found.date() if found is not None else None


def _languages(written: str) -> tuple[str, ...]:
    if RE_CYRILLIC.search(written):
        return CYRILLIC_LANGUAGES
    if RE_HANGUL.search(written):
        return HANGUL_LANGUAGES
    if RE_CJK.search(written):
        return CJK_LANGUAGES
    if RE_GREEK.search(written):
        return GREEK_LANGUAGES
    return LATIN_LANGUAGES


@lru_cache(maxsize=8)
def _parser(languages: tuple[str, ...]) -> Any:
    # Imported here: it takes a fifth of a second, and most runs never see such a date.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages),
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"},
    )
