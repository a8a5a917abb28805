"""A generator of article layouts for property tests: prose, tweets, every signature and spacing.

An article is reporting prose (third person, past tense, long sentences), sometimes a line
introducing tweets, and embedded tweets of one or several paragraphs (emoji, hashtags glued
to words, mentions, links, ALL CAPS) signed in any of the forms real pages use: an em dash,
an en dash or a horizontal bar, after a space, nothing or a line break, a picture link
before it or not, a date in one of many languages with or without the time. Pages space
their lines with one line break everywhere, a blank line everywhere, or wider gaps between
a tweet's own paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hypothesis import strategies as st

RE_ANY_LINK = re.compile(r"https?://\S+")
MAX_TWEET_CHARS = 280

TEAMS = ["Belgium", "Japan", "Argentina", "France", "Croatia", "England", "Brazil", "Morocco"]
PLAYERS = ["Haraguchi", "Inui", "Hazard", "Messi", "Modric", "Kane", "Mbappe", "Ziyech"]
PAST = ["struck", "scored", "equalised", "collapsed", "recovered", "celebrated", "stumbled"]
FEELINGS = ["stunned", "delighted", "devastated", "bewildered", "elated", "furious"]

# Words of tweets: present tense, shouting, first and second person; no reporting verbs.
TWEET_WORDS = [
    "what", "a", "game", "GOAL", "unreal", "scenes", "this", "is", "football", "come", "on",
    "I", "can't", "believe", "it", "you", "love", "to", "see", "my", "heart", "WOW", "brilliant",
    "finish", "from", "Inui", "Japan", "Belgium", "tonight", "best", "match", "ever", "so",
    "proud", "of", "them", "pure", "magic", "YES", "no", "way", "class", "keeper", "watch",
]  # fmt: skip
EMOJI = ["🔥", "😱", "🇯🇵", "🇧🇪", "⚽️", "👏🏽", "🙌", "😭", "💙"]
HASHTAGS = ["#WorldCup", "#BELJPN", "#JPN", "#SamuraiBlue", "#REDDEVILS"]
MENTIONS = ["@FIFAWorldCup", "@jfa_samuraiblue", "@BelRedDevils", "@brfootball"]
LINKS = ["https://t.co/AbCdEf1234", "http://bit.ly/2xYz9", "https://www.fifa.com/worldcup"]
NAMES = [
    "FOX Soccer", "Ives Galarcep", "bumpypitch", "SiriusXM FC 157 ⚽️📻", "JOE.co.uk",
    "Sanket S. Sanap", "தமிழ் ரசிகன்", "𝓙𝓪𝓹𝓪𝓷 𝓕𝓪𝓷", "Μάριος", "Игорь Акинфеев фан",
    "サッカー好き", "足球迷", "MISTER Minúsculo Vandálico Plaga", "Kiyan Sobhani 🏀",
]  # fmt: skip
INTRODUCTIONS = [
    "Here are some of the reactions:",
    "Fans took to Twitter:",
    "This is how social media reacted:",
    "Voici quelques réactions :",
]

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
}  # fmt: skip
DATE_FORMS = [
    ("en", lambda d, m: f"{m} {d.day}, {d.year}"),
    ("en", lambda d, m: f"{m} {d.day} {d.year}"),
    ("en", lambda d, m: f"{d.day} {m} {d.year}"),
    ("en", lambda d, m: f"{d.day} {m[:3]} {d.year}"),
    ("fr", lambda d, m: f"{d.day} {m} {d.year}"),
    ("de", lambda d, m: f"{d.day}. {m} {d.year}"),
    ("es", lambda d, m: f"{d.day} de {m} de {d.year}"),
    ("pt", lambda d, m: f"{d.day} de {m} de {d.year}"),
    ("it", lambda d, m: f"{d.day} {m} {d.year}"),
    ("ru", lambda d, m: f"{d.day} {m} {d.year} г."),
    ("ja", lambda d, m: f"{d.year}年{d.month}月{d.day}日"),
]
TIMES = {"en": ["9:55 PM - ", "11:02 AM - "], "ja": ["下午9:55 - ", "21:55 - "]}
DASHES = ["—", "–", "―"]
BEFORE_DASH = [" ", "", "\n"]
SPACINGS = ["one line break", "blank lines", "wide tweet gaps"]


def _own_length(text: str) -> int:
    return len(RE_ANY_LINK.sub("", text))


@dataclass(frozen=True)
class Tweet:
    text: str  # as the reader should give it back
    handle: str
    name: str
    day: date


@dataclass(frozen=True)
class Article:
    text: str
    tweets: list[Tweet]
    prose: list[str]  # every line of the article's own


@st.composite
def prose_paragraphs(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 3))):
        team, other = draw(st.sampled_from(TEAMS)), draw(st.sampled_from(TEAMS))
        sentences.append(
            f"{team} {draw(st.sampled_from(PAST))} in the {draw(st.integers(2, 89))}th minute"
            f" against {other}, and the supporters who had travelled to the stadium were"
            f" {draw(st.sampled_from(FEELINGS))} by what they saw from"
            f" {draw(st.sampled_from(PLAYERS))} that night."
        )
    return " ".join(sentences)


@st.composite
def tweet_paragraphs(draw: st.DrawFn) -> list[str]:
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        tokens = []
        for _ in range(draw(st.integers(2, 12))):
            kind = draw(st.integers(0, 9))
            word = draw(st.sampled_from(TWEET_WORDS))
            if kind == 0:
                tokens.append(draw(st.sampled_from(EMOJI)))
            elif kind == 1:
                tokens.append(word + draw(st.sampled_from(HASHTAGS)))  # glued to the word
            elif kind == 2:
                tokens.append(draw(st.sampled_from(MENTIONS)))
            elif kind == 3:
                tokens.append(draw(st.sampled_from(LINKS)))
            elif kind == 4:
                tokens.append(word.upper())
            else:
                tokens.append(word)
        tokens[0] = tokens[0][:1].upper() + tokens[0][1:]
        paragraphs.append(" ".join(tokens) + draw(st.sampled_from(["!", "!!!", "", " 🔥", "?"])))
    return paragraphs


@st.composite
def signed_dates(draw: st.DrawFn) -> tuple[str, date]:
    day = draw(st.dates(min_value=date(2010, 1, 1), max_value=date(2026, 12, 31)))
    language, form = draw(st.sampled_from(DATE_FORMS))
    written = form(day, MONTHS[language][day.month - 1] if language in MONTHS else "")
    times = [*TIMES.get(language, ["21:55 - "]), ""]
    return draw(st.sampled_from(times)) + written, day


@st.composite
def articles(draw: st.DrawFn) -> Article:
    spacing = draw(st.sampled_from(SPACINGS))
    gap = "\n" if spacing == "one line break" else "\n\n"
    tweet_gap = "\n\n\n\n" if spacing == "wide tweet gaps" else gap
    parts: list[str] = []
    prose: list[str] = []
    tweets: list[Tweet] = []
    if draw(st.booleans()):
        header = f" date {draw(st.dates(min_value=date(2010, 1, 1))).isoformat()} "
        parts.append(header)
        prose.append(header.strip())
    first = draw(prose_paragraphs())
    parts.append(first)
    prose.append(first)
    for _ in range(draw(st.integers(1, 6))):
        what = draw(st.integers(0, 3))
        if what == 0:
            paragraph = draw(prose_paragraphs())
            parts.append(paragraph)
            prose.append(paragraph)
            continue
        if what == 1:
            introduction = draw(st.sampled_from(INTRODUCTIONS))
            parts.append(introduction)
            prose.append(introduction)
        paragraphs = draw(tweet_paragraphs())
        handle = draw(st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True))
        name = draw(st.sampled_from(NAMES))
        written, day = draw(signed_dates())
        pic = draw(st.sampled_from(["", " pic.twitter.com/Xy12AbC9"]))
        before = draw(st.sampled_from(BEFORE_DASH))
        dash = draw(st.sampled_from(DASHES))
        while len(paragraphs) > 1 and _own_length(" ".join(paragraphs)) > MAX_TWEET_CHARS:
            paragraphs.pop()
        body = tweet_gap.join(paragraphs)
        parts.append(f"{body}{pic}{before}{dash} {name} (@{handle}) {written}")
        joined = ("\n" if tweet_gap == "\n" else "\n\n").join(paragraphs)
        tweets.append(Tweet(joined, handle, name, day))
    return Article(gap.join(parts) + "\n", tweets, prose)
