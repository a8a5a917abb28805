"""Team attribution: names, flags, hashtags and players found per sentence, and scores shared out."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import emoji
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analyzer.attribution.flags import flag_emoji
from analyzer.attribution.folding import fold
from analyzer.attribution.sentences import sentence_spans
from analyzer.attribution.team_data import TeamNames, shipped_team_data
from analyzer.attribution.teams import BOTH, NEITHER, TeamMentions, TeamMood
from analyzer.ingest import read_folder
from analyzer.matches import shipped
from analyzer.records import Record
from analyzer.sentiment import default_scorer

from .conftest import SAMPLES

ENGLAND_FLAG = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


@dataclass(frozen=True)
class FixedScore:
    mood: float
    scored: bool = True


class TableScorer:
    """Scores from a table, so that the sharing arithmetic can be checked to the last digit."""

    def __init__(self, table: dict[str, float]) -> None:
        self.table = table
        self.asked: list[str] = []

    def score(self, text: str) -> FixedScore:
        self.asked.append(text)
        if text in self.table:
            return FixedScore(self.table[text])
        return FixedScore(math.nan, scored=False)


@cache
def bel_jpn_mentions() -> TeamMentions:
    return TeamMentions.for_match(shipped().find("BEL-JPN"))


@pytest.fixture(scope="module")
def mentions() -> TeamMentions:
    return bel_jpn_mentions()


@pytest.fixture(scope="module")
def scorer():
    return default_scorer()


@pytest.fixture(scope="module")
def samples() -> dict[tuple[str, int], Record]:
    corpus = read_folder(Path(SAMPLES))
    return {(r.source.path[:3], r.source.position): r for r in corpus.records}


def found(mentions: TeamMentions, text: str) -> list[tuple[str, str]]:
    return [(m.team, m.text) for m in mentions.find(text)]


# --- finding the teams ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Red Devils", [("BEL", "Red Devils")]),
        ("the red devils are back", [("BEL", "red devils")]),
        ("#RedDevils", [("BEL", "#RedDevils")]),
        ("Samurai Blue", [("JPN", "Samurai Blue")]),
        ("the Blue Samurai", [("JPN", "Blue Samurai")]),
        ("#SamuraiBlue", [("JPN", "#SamuraiBlue")]),
        ("Japanese fans", [("JPN", "Japanese")]),
        ("the Belgians stormed back", [("BEL", "Belgians")]),
        ("Japan’s coach", [("JPN", "Japan")]),
        ("JAPAN LEAD 2-0!", [("JPN", "JAPAN")]),
        ("GOLAZO #JPN!", [("JPN", "#JPN")]),
        ("BEL 3-2 JPN", [("BEL", "BEL"), ("JPN", "JPN")]),
        ("#BELJPN", [("BEL", "#BELJPN"), ("JPN", "#BELJPN")]),
        ("#JPNvBEL", [("BEL", "#JPNvBEL"), ("JPN", "#JPNvBEL")]),
        ("#BelgiumvsJapan", [("BEL", "#BelgiumvsJapan"), ("JPN", "#BelgiumvsJapan")]),
        ("pic 🇧🇪🇯🇵", [("BEL", "🇧🇪"), ("JPN", "🇯🇵")]),
        ("Japan🇯🇵", [("JPN", "Japan"), ("JPN", "🇯🇵")]),
        ("Haraguchi", [("JPN", "Haraguchi")]),
        ("Genki Haraguchi", [("JPN", "Genki Haraguchi")]),
        ("Haraguchi Genki", [("JPN", "Haraguchi Genki")]),
        ("YESSSS INUI YESSSS", [("JPN", "INUI")]),
        ("Fellaini & Chadli.", [("BEL", "Fellaini"), ("BEL", "Chadli")]),
        ("called for Martinez’ head", [("BEL", "Martinez")]),
        ("Roberto Martínez", [("BEL", "Roberto Martínez")]),
        ("Sorry Coach Nishino", [("JPN", "Nishino")]),
        ("Kevin De Bruyne, KDB", [("BEL", "Kevin De Bruyne"), ("BEL", "KDB")]),
        ("Sakai and Sakai", [("JPN", "Sakai"), ("JPN", "Sakai")]),
        ("Hazard runs at them", [("BEL", "Hazard")]),
        ("HAZARD!!!", [("BEL", "HAZARD")]),
        ("日本代表", [("JPN", "日本")]),
        ("ベルギー", [("BEL", "ベルギー")]),
        ("#daihyo", [("JPN", "#daihyo")]),
        ("Buzzing for Brazil vs Belgium!", [("BEL", "Belgium")]),
        # Negative cases: near misses that name no team.
        ("this World Cup", []),
        ("Inuit art", []),
        ("Japanisation", []),
        ("a hazard on the pitch", []),
        ("Bel Air", []),
        ("jpn", []),
        ("Belgium-born striker", []),
        ("Thomas and Eden", []),
        ("Red\nDevils", []),
        ("🇧🇷 Brazil next", []),
        ("#WC2018", []),
    ],
)  # fmt: skip
def test_finds_the_teams_a_text_names(mentions: TeamMentions, text: str, expected: list) -> None:
    assert found(mentions, text) == expected


def test_mention_offsets_point_at_the_words(mentions: TeamMentions) -> None:
    text = "Inui hits a rocket from outside the box to put Japan up 2-0 on Belgium! 🇯🇵"
    got = [(m.team, m.start, m.end) for m in mentions.find(text)]
    assert got == [("JPN", 0, 4), ("JPN", 47, 52), ("BEL", 63, 70), ("JPN", 72, 74)]
    assert all(text[m.start : m.end] == m.text for m in mentions.find(text))


def test_decomposed_accents_match_and_keep_their_offsets(mentions: TeamMentions) -> None:
    text = unicodedata.normalize("NFD", "Martínez and Japan")
    assert [(m.team, m.start, m.end, m.text) for m in mentions.find(text)] == [
        ("BEL", 0, 9, unicodedata.normalize("NFD", "Martínez")),
        ("JPN", 14, 19, "Japan"),
    ]


@pytest.mark.parametrize(
    ("text", "folded", "moved"),
    [("Belgium", "Belgium", False), ("Martínez", "Martinez", False), ("Mandžukić", "Mandzukic", False),
     ("Biało-Czerwoni", "Bialo-Czerwoni", False), ("ベルギー", "ベルギー", False),
     (unicodedata.normalize("NFD", "é!"), "e!", True)],
)  # fmt: skip
def test_fold_takes_accents_off(text: str, folded: str, moved: bool) -> None:
    got, origin = fold(text)
    assert got == folded
    assert (origin is not None) is moved


@pytest.mark.parametrize(
    ("match_id", "text", "expected"),
    [
        ("BEL-ENG@2018-07-14", "England fans", [("ENG", "England")]),
        ("BEL-ENG@2018-07-14", f"come on {ENGLAND_FLAG}", [("ENG", ENGLAND_FLAG)]),
        ("BEL-ENG@2018-07-14", "the Three Lions #ThreeLions", [("ENG", "Three Lions"), ("ENG", "#ThreeLions")]),
        ("BEL-ENG@2018-07-14", "New England Patriots", []),
        ("BEL-ENG@2018-07-14", "translated into English", []),
        ("GER-KOR", "South Korea, Korea Republic", [("KOR", "South Korea"), ("KOR", "Korea Republic")]),
        ("GER-KOR", "North Korea", []),
        ("GER-KOR", "Die Mannschaft", [("GER", "Die Mannschaft")]),
        # Spain and Chile are both La Roja: in their match the nickname names neither.
        ("ESP-CHI", "La Roja", []),
        ("ESP-CHI", "La Furia Roja", [("ESP", "La Furia Roja")]),
        ("ESP-CHI", "CHI", []),
        # An own goal's scorer plays for the side that conceded it.
        ("FRA-CRO@2018-07-15", "Mandzukic", [("CRO", "Mandzukic")]),
        ("BRA-BEL@2018-07-06", "Fernandinho and De Bruyne", [("BRA", "Fernandinho"), ("BEL", "De Bruyne")]),
        ("USA-WAL@2022-11-21", "the U.S. and the USMNT", [("USA", "U.S."), ("USA", "USMNT")]),
        ("USA-WAL@2022-11-21", "Dragons", [("WAL", "Dragons")]),
        ("USA-WAL@2022-11-21", "here be dragons", []),
    ],
)  # fmt: skip
def test_other_matches(match_id: str, text: str, expected: list) -> None:
    mentions = TeamMentions.for_match(shipped().find(match_id))
    assert found(mentions, text) == expected


def test_a_team_the_data_does_not_know_is_found_by_name_and_hashtag() -> None:
    mentions = TeamMentions([TeamNames("LES", ("Lesotho",)), TeamNames("JPN", ("Japan",))])
    assert found(mentions, "Lesotho #LES LES Japan") == [
        ("LES", "Lesotho"),
        ("LES", "#LES"),
        ("JPN", "Japan"),
    ]


def test_empty_names_match_nothing() -> None:
    mentions = TeamMentions(
        [TeamNames("AAA", ("", " "), people=("",)), TeamNames("JPN", ("Japan",))]
    )
    assert found(mentions, "Japan and  friends") == [("JPN", "Japan")]


@pytest.mark.parametrize(
    ("name", "side"),
    [("Nishino", "JPN"), ("Akira Nishino", "JPN"), ("Genki Haraguchi", "JPN"), ("Chadli", "BEL"),
     ("Roberto Martinez", "BEL"), ("Christian Fuchs", None), ("Shunji Suga", None), ("Japan", None),
     ("Nishino fan club", None), ("", None), (None, None)],
)  # fmt: skip
def test_side_of_a_person(mentions: TeamMentions, name: str | None, side: str | None) -> None:
    assert mentions.side_of(name) == side


# --- sentences -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Heartbreak for Japan. Last minute winner for Belgium.", ["Heartbreak for Japan.", "Last minute winner for Belgium."]),
        ("Vertonghen pulls one back for Belgium!\n\nGAME ON!", ["Vertonghen pulls one back for Belgium!", "GAME ON!"]),
        ("WHOA!! GOAL JAPAN!! It's 2-0 in a BLINK.", ["WHOA!!", "GOAL JAPAN!!", "It's 2-0 in a BLINK."]),
        ("Japan vs. Belgium tonight. T. Hazard starts!", ["Japan vs. Belgium tonight.", "T. Hazard starts!"]),
        ("U.S. fans love it. Go!", ["U.S. fans love it.", "Go!"]),
        ("Just a little bit more … it was a harsh result", ["Just a little bit more … it was a harsh result"]),
        ("Wait for it... GOAL!", ["Wait for it...", "GOAL!"]),
        ("“What a game.” Then silence.", ["“What a game.”", "Then silence."]),
        ("put Japan up 2-0 on Belgium! 🇯🇵", ["put Japan up 2-0 on Belgium! 🇯🇵"]),
        ("halves. #BELJPN", ["halves. #BELJPN"]),
        ("Japan win!\n\n#JPN 🇯🇵", ["Japan win!\n\n#JPN 🇯🇵"]),
        ("🇯🇵🇯🇵\nJapan win", ["🇯🇵🇯🇵\nJapan win"]),
        ("2.5 goals a game", ["2.5 goals a game"]),
        ("", []),
        (" \n\n ", []),
    ],
)  # fmt: skip
def test_sentences(text: str, sentences: list[str]) -> None:
    assert [text[start:end] for start, end in sentence_spans(text)] == sentences


def test_each_sentence_knows_its_teams(mentions: TeamMentions) -> None:
    text = "Heartbreak for Japan. Last minute winner for Belgium.\n\nWhat a game."
    got = [(s.text, s.teams, s.start, s.end) for s in mentions.sentences(text)]
    assert got == [
        ("Heartbreak for Japan.", ("JPN",), 0, 21),
        ("Last minute winner for Belgium.", ("BEL",), 22, 53),
        ("What a game.", (), 55, 67),
    ]


# --- attribution on the sample -------------------------------------------------------------

# (file, position) -> (label, lead) for every record of the sample articles.
SAMPLE_LABELS = [
    (
        ("000", 0),
        BOTH,
        None,
    ),  # Kluivert: "Japan really played..." / "Congrats to the Belgium squad"
    (("001", 0), BOTH, "JPN"),  # JAPAN ARE OUT IN FRONT! Haraguchi ... past Courtois
    (("001", 1), BOTH, "JPN"),  # Inui ... Japan ... Belgium! 🇯🇵
    (("001", 2), "JPN", "JPN"),  # GOLAZO #JPN! ... JAPAN LEAD 2-0!
    (("001", 3), "JPN", "JPN"),  # YESSS INUI
    (("001", 4), "JPN", "JPN"),  # a God Inui
    (("001", 5), NEITHER, None),  # "read his name whichever way": nobody named
    (("001", 6), "JPN", "JPN"),  # GOAL JAPAN!!
    (("001", 7), NEITHER, None),  # this World Cup
    (("001", 8), "BEL", "BEL"),  # Vertonghen ... Belgium!
    (("001", 9), BOTH, "BEL"),  # FELLAINI ... Belgium back level with Japan
    (("001", 10), "BEL", "BEL"),  # Chadli ... Belgium
    (("001", 11), BOTH, "BEL"),  # Spencer FC: Japan once, Belgium and its players seven times
    (("001", 12), BOTH, None),  # Belgium vs Brazil but gutted for Japan ... #BELJPN
    (("001", 13), BOTH, None),  # Heartbreaker for a terrific Japan. Credit Belgium
    (("001", 14), BOTH, None),
    (("001", 15), BOTH, None),
    (("001", 16), BOTH, None),
    (("002", 0), NEITHER, None),  # Tokyo fans who say "we" and "the players"
    (("002", 1), "JPN", "JPN"),  # "expecting Japan to do this well"
    (("002", 2), NEITHER, None),
    (("002", 3), "JPN", "JPN"),  # "I want Japan to keep playing hard"
    (("002", 4), NEITHER, None),
    (("002", 5), NEITHER, None),  # Nishino
    (("002", 6), NEITHER, None),
    (("002", 7), NEITHER, None),
]


@pytest.mark.parametrize(("where", "label", "lead"), SAMPLE_LABELS)
def test_sample_records(mentions, scorer, samples, where, label, lead) -> None:
    attribution = mentions.attribute(samples[where].text, scorer=scorer)
    assert (attribution.label, attribution.lead) == (label, lead)


def test_every_sample_record_is_in_the_table(samples) -> None:
    assert sorted(samples) == sorted(where for where, _, _ in SAMPLE_LABELS)


def test_heartbreak_for_japan_is_joy_for_belgium(mentions, scorer) -> None:
    got = mentions.attribute("Heartbreak for Japan. Last minute winner for Belgium.", scorer=scorer)
    assert got.label == BOTH
    assert got.moods["JPN"].mood is not None and got.moods["JPN"].mood <= -0.05
    assert got.moods["BEL"].mood is not None and got.moods["BEL"].mood >= 0.05
    assert (got.moods["JPN"].sentences, got.moods["BEL"].sentences) == (1, 1)


def test_a_sentence_naming_both_is_shared_by_mentions(mentions) -> None:
    text = "Who saw this coming?!\n\nInui hits a rocket from outside the box to put Japan up 2-0 on Belgium! 🇯🇵"
    inui = "Inui hits a rocket from outside the box to put Japan up 2-0 on Belgium! 🇯🇵"
    scorer = TableScorer({inui: 0.4})
    got = mentions.attribute(text, scorer=scorer)
    assert scorer.asked == [inui]  # "Who saw this coming?!" names no team and is not scored
    assert [(p.text, p.shares) for p in got.parts] == [(inui, {"JPN": 0.75, "BEL": 0.25})]
    assert got.moods["JPN"] == TeamMood("JPN", pytest.approx(0.4), 1, 0.75)
    assert got.moods["BEL"] == TeamMood("BEL", pytest.approx(0.4), 1, 0.25)
    assert (got.label, got.lead, got.teams) == (BOTH, "JPN", ("BEL", "JPN"))


def test_team_moods_are_share_weighted_means(mentions) -> None:
    scorer = TableScorer(
        {"Japan win.": 0.8, "Inui and Japan beat Belgium.": 0.4, "Belgium lose.": -0.6}
    )
    got = mentions.attribute("Japan win. Inui and Japan beat Belgium. Belgium lose.", scorer=scorer)
    jpn, bel = got.moods["JPN"], got.moods["BEL"]
    assert jpn.mood == pytest.approx((0.8 + 2 / 3 * 0.4) / (1 + 2 / 3))
    assert bel.mood == pytest.approx((1 / 3 * 0.4 - 0.6) / (1 / 3 + 1))
    assert (jpn.sentences, bel.sentences) == (2, 2)
    assert (jpn.weight, bel.weight) == (pytest.approx(5 / 3), pytest.approx(4 / 3))


def test_a_sentence_naming_both_is_cut_into_clauses_where_it_can_be(mentions) -> None:
    text = "Didn’t want the world to be denied Belgium vs Brazil but gutted for Japan."
    scorer = TableScorer({"Didn’t want the world to be denied Belgium vs Brazil": -0.38,
                          "but gutted for Japan.": -0.5})  # fmt: skip
    got = mentions.attribute(text, scorer=scorer)
    assert [(p.text, p.shares) for p in got.parts] == [
        ("Didn’t want the world to be denied Belgium vs Brazil", {"BEL": 1.0}),
        ("but gutted for Japan.", {"JPN": 1.0}),
    ]
    assert (got.moods["BEL"].mood, got.moods["JPN"].mood) == (-0.38, -0.5)


@pytest.mark.parametrize(
    "text",
    ["The big man does what he does best to pull Belgium back level with Japan.",
     "FULL TIME: Belgium 3-2 Japan",
     "Big respect to Japan and Belgium for an insane game!!!"],
)  # fmt: skip
def test_a_sentence_that_cannot_be_cut_stays_whole(mentions, text: str) -> None:
    got = mentions.attribute(text, scorer=TableScorer({text: 0.5}))
    assert [(p.text, p.shares) for p in got.parts] == [(text, {"BEL": 0.5, "JPN": 0.5})]


def test_unscored_parts_count_for_no_team(mentions) -> None:
    got = mentions.attribute("Japan win. Belgium lose.", scorer=TableScorer({"Japan win.": 0.3}))
    assert got.moods["JPN"].mood == 0.3
    assert got.moods["BEL"] == TeamMood("BEL", None, 0, 0.0)
    assert [p.mood for p in got.parts] == [0.3, None]


@pytest.mark.parametrize(
    ("text", "label"),
    [("Vertonghen pulls one back for Belgium!\n\nGAME ON!", "BEL"), ("this World Cup", NEITHER),
     ("Red Devils!", "BEL"), ("Samurai Blue!", "JPN"), ("#BELJPN", BOTH), ("", NEITHER)],
)  # fmt: skip
def test_label(mentions, text: str, label: str) -> None:
    assert mentions.label(text) == label
    assert mentions.attribute(text, scorer=TableScorer({})).label == label


def test_a_text_naming_neither_team_has_no_mood(mentions, scorer) -> None:
    got = mentions.attribute("this World Cup", scorer=scorer)
    assert (got.teams, got.parts, got.lead) == ((), (), None)
    assert [(m.mood, m.sentences) for m in got.moods.values()] == [(None, 0), (None, 0)]


def test_the_tokyo_fans_who_name_japan_count_for_japan(mentions, scorer, samples) -> None:
    text = samples[("002", 3)].text
    got = mentions.attribute(text, scorer=scorer)
    assert samples[("002", 3)].author.name == "Nao Okada"
    assert "I want Japan to keep playing hard next time." in text
    assert len(sentence_spans(text)) > 1  # the sentences naming no team count too
    assert [p.text for p in got.parts] == [text.strip()]
    assert got.moods["JPN"].mood == scorer.score(text.strip()).mood
    assert (got.moods["JPN"].sentences, got.moods["BEL"].mood) == (1, None)


def test_a_text_naming_one_team_is_that_teams_whole(mentions) -> None:
    text = "  Japan 2-0 up. Unreal!! 🇯🇵\n"
    scorer = TableScorer({"Japan 2-0 up. Unreal!! 🇯🇵": 0.61, "Japan 2-0 up.": 0.0})
    got = mentions.attribute(text, scorer=scorer)
    assert scorer.asked == ["Japan 2-0 up. Unreal!! 🇯🇵"]  # one scoring, of the whole text
    assert [(p.start, p.end, p.shares) for p in got.parts] == [(2, len(text) - 1, {"JPN": 1.0})]
    assert got.moods["JPN"] == TeamMood("JPN", 0.61, 1, 1.0)
    assert got.moods["BEL"] == TeamMood("BEL", None, 0, 0.0)
    assert (got.teams, got.label, got.lead) == (("JPN",), "JPN", "JPN")


def test_the_speakers_side_takes_the_sentences_that_name_no_team(mentions, scorer, samples) -> None:
    record = samples[("002", 6)]  # "... I am very disappointed. I am devastated."
    side = mentions.side_of(record.author.name)
    got = mentions.attribute(record.text, scorer=scorer, side=side)
    assert (side, got.label) == ("JPN", NEITHER)
    sentences = [
        "When the goal was conceded, I blamed myself, and I question my tactics.",
        "As for the result, I am very disappointed.",
        "I am devastated.",
    ]
    assert [p.text for p in got.parts] == sentences
    mean = sum(scorer.score(s).mood for s in sentences) / len(sentences)
    assert got.moods["JPN"] == TeamMood("JPN", pytest.approx(mean), 3, 3.0)
    assert mean <= -0.05
    assert got.moods["BEL"].mood is None


def test_an_unknown_side_is_an_error(mentions) -> None:
    with pytest.raises(ValueError, match="BRA"):
        mentions.attribute("text", scorer=TableScorer({}), side="BRA")


# --- the data ------------------------------------------------------------------------------


def test_every_shipped_team_has_aliases_and_is_found_by_its_name() -> None:
    data = shipped_team_data()
    teams = {t for m in shipped().matches for t in (m.home, m.away)}
    assert {t.code for t in teams} <= set(data.teams)
    for team in teams:
        assert found(TeamMentions([data.teams[team.code]]), team.name) == [(team.code, team.name)]


def test_every_alias_finds_its_own_team() -> None:
    data = shipped_team_data()
    for code, names in data.teams.items():
        mentions = TeamMentions([names], blockers=data.blockers, capitalised=data.capitalised)
        aliases = (*names.names, *names.demonyms, *names.nicknames, names.flag or "")
        for alias in aliases:
            assert found(mentions, f"so {alias} and") == [(code, alias)], (code, alias)


def test_every_flag_is_an_emoji() -> None:
    flags = {code: t.flag for code, t in shipped_team_data().teams.items()}
    assert (flags["BEL"], flags["JPN"], flags["ENG"]) == ("🇧🇪", "🇯🇵", ENGLAND_FLAG)
    assert all(flag and emoji.is_emoji(flag) for flag in flags.values())


@pytest.mark.parametrize("region", ["", "J", "12", "JPN", "england", "GB-ENG", "gb-engl"])
def test_a_bad_flag_is_an_error(region: str) -> None:
    with pytest.raises(ValueError, match="neither a country"):
        flag_emoji(region)


def test_the_2018_squads() -> None:
    squads = shipped_team_data().squads
    assert sorted(squads) == [(2018, "BEL"), (2018, "JPN")]
    assert "Roberto Martínez" in squads[(2018, "BEL")]
    assert "Akira Nishino" in squads[(2018, "JPN")]
    assert len(squads[(2018, "JPN")]) == 24  # 23 players and the coach
    assert len(squads[(2018, "BEL")]) == 25  # and "KDB"


def test_squads_are_named_only_in_their_year() -> None:
    assert found(bel_jpn_mentions(), "Kawashima") == [("JPN", "Kawashima")]
    later = TeamMentions.for_match(shipped().find("JPN-CRO@2022"))
    assert found(later, "Kawashima") == []


# --- properties ----------------------------------------------------------------------------

BEL_JPN_ALIASES = [
    ("BEL", "Belgium"), ("BEL", "Belgians"), ("BEL", "Red Devils"), ("BEL", "🇧🇪"), ("BEL", "#BEL"),
    ("BEL", "BEL"), ("BEL", "Vertonghen"), ("BEL", "Nacer Chadli"), ("BEL", "Hazard"),
    ("BEL", "Roberto Martínez"), ("JPN", "Japan"), ("JPN", "Japanese"), ("JPN", "Samurai Blue"),
    ("JPN", "Blue Samurai"), ("JPN", "🇯🇵"), ("JPN", "#JPN"), ("JPN", "Inui"),
    ("JPN", "Genki Haraguchi"), ("JPN", "Nishino"), ("JPN", "日本"),
]  # fmt: skip


class LengthScorer:
    """Any text gets a score from its length, and one in three none: attribution alone is tested."""

    def score(self, text: str) -> FixedScore:
        if len(text) % 3 == 0:
            return FixedScore(math.nan, scored=False)
        return FixedScore(math.sin(len(text)))


@settings(deadline=None)
@given(text=st.text(), side=st.sampled_from([None, "BEL", "JPN"]))
def test_attribution_never_raises_and_stays_inside_the_text(text: str, side: str | None) -> None:
    got = bel_jpn_mentions().attribute(text, scorer=LengthScorer(), side=side)
    assert got.label in {"BEL", "JPN", BOTH, NEITHER}
    ends = [0]
    for part in got.parts:
        assert ends[-1] <= part.start < part.end <= len(text)
        assert part.text == text[part.start : part.end] == part.text.strip()
        ends.append(part.end)
        assert sum(part.shares.values()) == pytest.approx(1.0)
    for mood in got.moods.values():
        assert mood.mood is None or -1.0 <= mood.mood <= 1.0


@settings(deadline=None)
@given(
    text=st.text(),
    at=st.integers(min_value=0),
    alias=st.sampled_from(BEL_JPN_ALIASES),
)
def test_naming_a_team_in_a_sentence_makes_it_mention_the_team(
    text: str, at: int, alias: tuple[str, str]
) -> None:
    team, name = alias
    at = at % (len(text) + 1)
    written = f"{text[:at]} {name} {text[at:]}"
    start = at + 1
    holding = [
        s
        for s in bel_jpn_mentions().sentences(written)
        if s.start <= start and start + len(name) <= s.end
    ]
    assert len(holding) == 1
    assert team in holding[0].teams


@settings(deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    at=st.integers(min_value=0),
    alias=st.sampled_from(BEL_JPN_ALIASES),
)
def test_a_text_naming_one_team_gives_it_the_whole_texts_score(
    text: str, at: int, alias: tuple[str, str]
) -> None:
    mentions = bel_jpn_mentions()
    team, name = alias
    at = at % (len(text) + 1)
    written = f"{text[:at]} {name} {text[at:]}"
    assume({m.team for m in mentions.find(written)} == {team})  # else it is cut by sentences
    scorer = LengthScorer()
    got = mentions.attribute(written, scorer=scorer)
    whole = written.strip()
    assert [(p.text, p.shares) for p in got.parts] == [(whole, {team: 1.0})]
    expected = scorer.score(whole)
    assert got.moods[team].mood == (expected.mood if expected.scored else None)
    other = next(code for code in mentions.codes if code != team)
    assert got.moods[other] == TeamMood(other, None, 0, 0.0)
    assert got.label == team


@pytest.mark.parametrize(
    ("text", "teams"),
    [
        # The host nation's name about the country or the tournament: not the team.
        ("Beer banned at the stadiums in Qatar.", ()),
        ("The opening ceremony in Qatar was stunning 🇶🇦", ()),
        ("Qatari authorities say the metro runs all night.", ()),
        ("Ecuador's fans arrive in Qatar.", ("ECU",)),
        ("#Qatar is hot today", ()),
        # With football in the same sentence it is the team.
        ("Qatar 0-2 Ecuador", ("QAT", "ECU")),
        ("Qatar's goalkeeper had a nightmare.", ("QAT",)),
        ("The hosts Qatar look nervous.", ("QAT",)),
        ("Qatar lost their opening match.", ("QAT",)),
        ("Enner Valencia is too good for Qatar.", ("QAT", "ECU")),  # a player: football
        ("Al Annabi are poor tonight.", ("QAT",)),  # a nickname is the team anywhere
        # One sentence about the country, one about the team.
        ("Loving it in Qatar. Qatar need a goal now!", ("QAT",)),
    ],
)
def test_the_host_nations_name_counts_for_the_team_only_in_football_context(text, teams) -> None:
    from analyzer.attribution.teams import TeamMentions

    mentions = TeamMentions.for_match(shipped().find("QAT-ECU"))
    assert mentions.teams_in(text) == teams


def test_a_non_host_teams_name_needs_no_context() -> None:
    from analyzer.attribution.teams import TeamMentions

    mentions = TeamMentions.for_match(shipped().find("QAT-ECU"))
    assert mentions.teams_in("Loving the weather in Ecuador.") == ("ECU",)
    assert shipped().find("QAT-ECU").host == "QAT" and shipped().find("BEL-JPN").host == "RUS"
