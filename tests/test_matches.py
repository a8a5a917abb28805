"""Match timelines: the shipped World Cups, looking matches up by id, match files, and moments."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from analyzer.errors import AmbiguousMatch, MatchDataError, MatchNotFound
from analyzer.matches import MatchMinute, MomentKind, load_match_file, shipped
from analyzer.matches.model import surname


def test_all_three_world_cups_load_with_their_64_matches() -> None:
    years = [m.date.year for m in shipped().matches]
    assert {y: years.count(y) for y in set(years)} == {2014: 64, 2018: 64, 2022: 64}


def test_every_shipped_kickoff_has_a_time_zone() -> None:
    assert all(m.kickoff.utcoffset() is not None for m in shipped().matches)


def test_bel_jpn(bel_jpn) -> None:
    assert bel_jpn.title == "Belgium 3-2 Japan"
    assert bel_jpn.round == "Round of 16"
    assert bel_jpn.venue == "Rostov Arena, Rostov-on-Don"
    assert bel_jpn.kickoff == datetime(2018, 7, 2, 21, 0, tzinfo=timezone(timedelta(hours=3)))
    assert bel_jpn.kickoff.astimezone(UTC).hour == 18
    assert bel_jpn.half_time == (0, 0)
    goals = [(g.surname, str(g.minute), g.team, g.score) for g in bel_jpn.goals]
    assert goals == [
        ("Haraguchi", "48'", "JPN", (0, 1)),
        ("Inui", "52'", "JPN", (0, 2)),
        ("Vertonghen", "69'", "BEL", (1, 2)),
        ("Fellaini", "74'", "BEL", (2, 2)),
        ("Chadli", "90+4'", "BEL", (3, 2)),
    ]


def test_bel_jpn_moments_in_order(bel_jpn) -> None:
    assert [m.id for m in bel_jpn.moments] == [
        "kick-off", "half-time", "goal-1", "goal-2", "goal-3", "comeback-1", "goal-4", "goal-5", "full-time",
    ]  # fmt: skip
    positions = [m.position for m in bel_jpn.moments]
    assert positions == sorted(positions)


def test_the_comeback_runs_from_vertonghen_to_chadli(bel_jpn) -> None:
    [comeback] = [m for m in bel_jpn.moments if m.kind is MomentKind.COMEBACK]
    assert (comeback.team, str(comeback.minute), str(comeback.end_minute)) == (
        "BEL",
        "69'",
        "90+4'",
    )
    assert "from 2 down to lead" in comeback.label


def test_the_final_whistle_comes_after_a_stoppage_time_winner(bel_jpn) -> None:
    chadli = bel_jpn.moments[-2]
    assert chadli.id == "goal-5" and bel_jpn.final_whistle_position > chadli.position


@pytest.mark.parametrize(
    ("match_id", "comebacks"),
    [
        ("ARG-FRA@2022", ["France comeback from 2 down to draw level, 80'-81'"]),
        ("BRA-GER", []),  # 1-7: nobody came back
        ("POR-ESP", []),  # 3-3, but every equaliser was from one down
        ("BEL-JPN", ["Belgium comeback from 2 down to lead, 69'-90+4'"]),
    ],
)
def test_comebacks(match_id: str, comebacks: list[str]) -> None:
    match = shipped().find(match_id)
    assert [m.label for m in match.moments if m.kind is MomentKind.COMEBACK] == comebacks


def test_goals_are_sorted_even_when_the_source_lists_them_per_team() -> None:
    rus_ksa = shipped().find("RUS-KSA")  # openfootball lists 90+1 before 71
    assert [str(g.minute) for g in rus_ksa.goals] == ["12'", "43'", "71'", "90+1'", "90+4'"]
    assert [g.score for g in rus_ksa.goals][-1] == (5, 0)


def test_a_minute_written_past_the_end_is_stoppage_time() -> None:
    ger_alg = shipped().find("GER-ALG")  # Djabou's goal is given as minute 121
    assert str(ger_alg.goals[-1].minute) == "120+1'"


def test_extra_time_and_penalties_are_moments() -> None:
    final = shipped().find("ARG-FRA@2022")
    kinds = [m.kind for m in final.moments]
    assert MomentKind.EXTRA_TIME in kinds and MomentKind.PENALTIES in kinds
    assert final.moments[-1].label == "Full-time ARG 3-3 FRA, 4-2 on penalties"
    assert final.title == "Argentina 3-3 France (4-2 on penalties)"


def test_qatar_2022_times_are_utc_plus_3() -> None:
    opener = shipped().find("QAT-ECU")
    assert opener.kickoff.utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize(
    "match_id", ["BEL-JPN", "JPN-BEL", "jpn-bel", " BEL-JPN ", "BEL-JPN@2018", "BEL-JPN@2018-07-02"]
)
def test_ids_find_the_same_match(match_id: str) -> None:
    assert shipped().find(match_id).key == "BEL-JPN@2018-07-02"


def test_a_pair_that_met_twice_needs_a_date_and_the_error_lists_both() -> None:
    with pytest.raises(AmbiguousMatch) as error:
        shipped().find("BEL-ENG")
    assert "ENG-BEL@2018-06-28" in str(error.value) and "BEL-ENG@2018-07-14" in str(error.value)
    assert shipped().find("BEL-ENG@2018-07-14").round == "Match for third place"


def test_a_pair_that_met_in_two_tournaments_is_told_apart_by_year() -> None:
    assert shipped().find("ARG-FRA@2018").round == "Round of 16"
    assert shipped().find("ARG-FRA@2022").round == "Final"


@pytest.mark.parametrize(
    ("match_id", "message"),
    [
        ("XYZ-BEL", "no team with code XYZ"),
        ("BEL-BRA@2014", "no match between BEL and BRA on 2014"),
        ("Belgium v Japan", "is not like BEL-JPN"),
        ("../../etc", "is not like BEL-JPN"),
    ],
)
def test_unknown_ids_say_what_to_do(match_id: str, message: str) -> None:
    with pytest.raises(MatchNotFound, match=message):
        shipped().find(match_id)


def test_report_folder_names_add_the_date_only_when_needed() -> None:
    catalog = shipped()
    assert catalog.folder_name(catalog.find("BEL-JPN")) == "BEL-JPN"
    assert catalog.folder_name(catalog.find("BEL-ENG@2018-07-14")) == "BEL-ENG_2018-07-14"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ángel Di María", "Di María"),
        ("Kevin De Bruyne", "De Bruyne"),
        ("Neymar", "Neymar"),
        ("Virgil van Dijk", "van Dijk"),
    ],
)
def test_surnames(name: str, expected: str) -> None:
    assert surname(name) == expected


@pytest.mark.parametrize(
    ("position", "minute"),
    [
        (0.0, "0'"),
        (0.5, "1'"),
        (45.0, "45'"),
        (47.0, "45+2'"),
        (47.5, "46'"),
        (50.0, "48'"),
        (96.0, "90+4'"),
    ],
)
def test_minute_at_inverts_position(bel_jpn, position: float, minute: str) -> None:
    assert str(bel_jpn.minute_at(position)) == minute


def test_every_moment_position_maps_back_to_its_minute() -> None:
    for match in shipped().matches:
        for moment in match.moments:
            if moment.kind is not MomentKind.FULL_TIME:
                assert match.minute_at(moment.position) == moment.minute, (match.key, moment.id)


# --- match files users bring -------------------------------------------------------------

OWN_FORM_TOML = """
competition = "Friendly"
kickoff = 2023-03-28T20:45:00+01:00
venue = "Somewhere"
home = { name = "Belgium", code = "BEL" }
away = { name = "Japan", code = "JPN" }
goals = [
  { team = "BEL", scorer = "Nacer Chadli", minute = 90, offset = 4 },
  { team = "JPN", scorer = "Genki Haraguchi", minute = 48 },
]
"""


def test_our_own_toml_form(tmp_path) -> None:
    path = tmp_path / "friendly.toml"
    path.write_text(OWN_FORM_TOML, encoding="utf-8")
    match = load_match_file(path).find(None)
    assert match.title == "Belgium 1-1 Japan"
    assert [str(g.minute) for g in match.goals] == ["48'", "90+4'"]
    assert match.kickoff.utcoffset() == timedelta(hours=1)


def test_an_openfootball_match_object(tmp_path, bel_jpn) -> None:
    raw = {"round": "R16", "date": "2018-07-02", "time": "21:00 UTC+3", "team1": "Belgium", "team2": "Japan",
           "score": {"ft": [3, 2]}, "goals1": [{"name": "Nacer Chadli", "minute": 90, "offset": 4},
           {"name": "Jan Vertonghen", "minute": 69}, {"name": "Marouane Fellaini", "minute": 74}],
           "goals2": [{"name": "Genki Haraguchi", "minute": 48}, {"name": "Takashi Inui", "minute": 52}]}  # fmt: skip
    path = tmp_path / "match.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    match = load_match_file(path).find("BEL-JPN")
    assert [g.score for g in match.goals] == [g.score for g in bel_jpn.goals]


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ('{"home": {"name": "A", "code": "AAA"}, "away": {"name": "B", "code": "BBB"}}', ".json", "missing 'kickoff'"),
        ('{"home": {"name": "A", "code": "AAA"}, "away": {"name": "B", "code": "BBB"}, "kickoff": "2020-01-01T20:00:00"}',
         ".json", "has no time zone"),
        ('{"team1": "Belgium", "team2": "Japan", "date": "2018-07-02", "time": "21:00", "score": {"ft": [0, 0]}}',
         ".json", "has no time zone"),
        ('{"home": {"name": "A", "code": "AAA"}, "away": {"name": "B", "code": "BBB"}, "kickoff": "2020-01-01T20:00:00+00:00",'
         ' "goals": [{"team": "CCC", "minute": 5}]}', ".json", "neither AAA nor BBB"),
        ('{"home": {"name": "A", "code": "AAA"}, "away": {"name": "B", "code": "BBB"}, "kickoff": "2020-01-01T20:00:00+00:00",'
         ' "goals": [{"team": "AAA", "minute": 130}]}', ".json", "outside the match"),
        ('{"team1": "Belgium", "team2": "Japan", "date": "2018-07-02", "time": "21:00 UTC+3", "score": {"ft": [2, 0]},'
         ' "goals1": [{"name": "X", "minute": 10}]}', ".json", "add up to 1-0 but the score is 2-0"),
        ("not json", ".json", "is not valid JSON"),
        ('{"something": 1}', ".json", "not openfootball JSON"),
    ],
)  # fmt: skip
def test_malformed_match_files_say_what_is_wrong(
    tmp_path, content: str, suffix: str, message: str
) -> None:
    path = tmp_path / f"match{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MatchDataError, match=message):
        load_match_file(path).find(None)


def test_match_minute_order_puts_first_half_stoppage_before_the_second_half() -> None:
    assert MatchMinute(45, 2) < MatchMinute(46) < MatchMinute(90, 4) < MatchMinute(91)
