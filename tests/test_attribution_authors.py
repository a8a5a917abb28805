"""Tweet authors' roles: the known-accounts file first, then rules on the display name and handle."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from analyzer.attribution.authors import (
    Account,
    Accounts,
    AccountsError,
    classify_account,
    role_of_account,
    shipped_accounts,
    with_account_role,
)
from analyzer.ingest import read_folder
from analyzer.records import Kind, Role

from .conftest import SAMPLES

NO_KNOWN_ACCOUNTS = Accounts([])

# The author of each of the 17 sample tweets, in article order, and the role they get.
SAMPLE_AUTHORS = [
    ("FOX Soccer", "FOXSoccer", Role.MEDIA),
    ("FOX Soccer", "FOXSoccer", Role.MEDIA),
    ("SiriusXM FC 157 ⚽️📻", "SiriusXMFC", Role.MEDIA),
    ("MISTER Minúsculo Vandálico Plaga", "Futfanatico", Role.FAN),
    ("Kiyan Sobhani", "KiyanSo", Role.PUNDIT),
    ("Squawka News", "SquawkaNews", Role.MEDIA),
    ("Ives Galarcep", "SoccerByIves", Role.PUNDIT),
    ("Kiyan Sobhani", "KiyanSo", Role.PUNDIT),
    ("FOX Soccer", "FOXSoccer", Role.MEDIA),
    ("FOX Soccer", "FOXSoccer", Role.MEDIA),
    ("FOX Soccer", "FOXSoccer", Role.MEDIA),
    ("Spencer FC", "SpencerOwen", Role.FAN),
    ("Samuel Luckhurst", "samuelluckhurst", Role.PUNDIT),
    ("Ian Darke", "IanDarke", Role.PUNDIT),
    ("Yusuf Rasdien", "joeyrasdien", Role.FAN),
    ("Christian Fuchs", "FuchsOfficial", Role.PLAYER),
    ("bumpypitch", "bumpypitch", Role.FAN),
]


@pytest.fixture(scope="module")
def sample_records():
    return read_folder(Path(SAMPLES)).records


def accounts_file_line(handle: str) -> int:
    text = resources.files("analyzer").joinpath("data/accounts.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(f"{handle},"))


def test_the_sample_tweets_have_these_authors(sample_records) -> None:
    tweets = [r for r in sample_records if r.kind is Kind.TWEET]
    assert [(r.author.name, r.author.handle) for r in tweets] == [
        (name, handle) for name, handle, _ in SAMPLE_AUTHORS
    ]


@pytest.mark.parametrize(("name", "handle", "role"), SAMPLE_AUTHORS)
def test_sample_authors(name: str, handle: str, role: Role) -> None:
    got = classify_account(name, handle)
    assert got.role is role
    assert got.reason.startswith(f"analyzer/data/accounts.csv:{accounts_file_line(handle)}: @")


@pytest.mark.parametrize(
    ("name", "handle", "role", "reason"),
    [
        # The sample's accounts as the rules alone see them.
        ("FOX Soccer", "FOXSoccer", Role.MEDIA, "display name: a broadcaster or outlet ('fox')"),
        ("Squawka News", "SquawkaNews", Role.MEDIA, "display name: a broadcaster or outlet ('squawka')"),
        ("SiriusXM FC 157 ⚽️📻", "SiriusXMFC", Role.MEDIA, "display name: a broadcaster or outlet ('siriusxm')"),
        ("Ives Galarcep", "SoccerByIves", Role.PUNDIT, "handle: a writer's brand ('SoccerByIves')"),
        ("Christian Fuchs", "FuchsOfficial", Role.PLAYER, "handle: 'Official' (players' own accounts)"),
        ("Spencer FC", "SpencerOwen", Role.FAN, "default: no rule matched, a fan"),
        ("MISTER Minúsculo Vandálico Plaga", "Futfanatico", Role.FAN, "default: no rule matched, a fan"),
        ("Kiyan Sobhani", "KiyanSo", Role.FAN, "default: no rule matched, a fan"),
        # Display names.
        ("Goal Radio", "grd", Role.MEDIA, "display name: a media word ('radio')"),
        ("Fútbol Total", "ft", Role.MEDIA, "display name: a media word ('futbol')"),
        ("Golazo ⚽ 📺", "golazo", Role.MEDIA, "display name: a broadcaster's emoji (📺)"),
        ("Jane Doe | ESPN", "janedoe", Role.PUNDIT, "display name: a person naming an outlet ('espn')"),
        ("Jane Doe - Soccer writer", "jd", Role.PUNDIT, "display name: a person naming an outlet ('soccer')"),
        ("Jane Doe, journalist", "jd", Role.PUNDIT, "display name: a pundit's job ('journalist')"),
        ("ESPN FC | Live scores", "efc", Role.MEDIA, "display name: a broadcaster or outlet ('espn')"),
        ("Mo | Football fanatic", "mo", Role.FAN, "display name: a fan word ('fanatic')"),
        ("Arsenal Fan TV", "AFTV", Role.FAN, "display name: a fan word ('fan')"),
        ("Kylian Official", "km", Role.PLAYER, "display name: 'Official' (players' own accounts)"),
        # Handles.
        ("Golazo", "espnfc", Role.MEDIA, "handle: a broadcaster or outlet ('espn')"),
        ("", "skysportsnews", Role.MEDIA, "handle: a media word ('news')"),
        ("The Bench", "TheBenchTV", Role.MEDIA, "handle: a media word ('tv')"),
        ("@Jo", "jo_official", Role.PLAYER, "handle: 'Official' (players' own accounts)"),
        # Clubs: a club suffix in the name and the handle.
        ("Liverpool FC", "LFC", Role.MEDIA, "a club or channel: 'FC' in name and handle"),
        # Negative cases: words inside other words, and nothing at all.
        ("Oliver Smith", "oliversmith", Role.FAN, "default: no rule matched, a fan"),
        ("Skyler", "skyler", Role.FAN, "default: no rule matched, a fan"),
        ("Foxy", "foxy1", Role.FAN, "default: no rule matched, a fan"),
        ("Newsome", "newsome", Role.FAN, "default: no rule matched, a fan"),
        ("Clive", "clive", Role.FAN, "default: no rule matched, a fan"),
        ("Goal", "goalradio", Role.MEDIA, "handle: a media word ('radio')"),
        ("Jane Doe - Paris", "jdp", Role.FAN, "default: no rule matched, a fan"),
        (None, None, Role.FAN, "default: no rule matched, a fan"),
    ],
)  # fmt: skip
def test_rules(name: str | None, handle: str | None, role: Role, reason: str) -> None:
    got = classify_account(name, handle, accounts=NO_KNOWN_ACCOUNTS)
    assert (got.role, got.reason) == (role, reason)


@pytest.mark.parametrize("handle", ["FOXSoccer", "foxsoccer", "@FOXSOCCER", " @FoxSoccer "])
def test_handles_are_looked_up_whatever_their_case(handle: str) -> None:
    assert role_of_account("Anything", handle) is Role.MEDIA
    assert "@FOXSoccer" in classify_account("Anything", handle).reason


def test_the_known_accounts_file_is_read_whole() -> None:
    text = resources.files("analyzer").joinpath("data/accounts.csv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines()[1:] if line and not line.startswith("#")]
    accounts = shipped_accounts()
    assert len(accounts) == len(rows) - 1  # less the header
    assert {a.role for a in accounts} == {
        Role.MEDIA,
        Role.PUNDIT,
        Role.FORMER_PLAYER,
        Role.PLAYER,
        Role.FAN,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no header row"),
        ("# only a comment\n", "no header row"),
        ("handle,role\nFOXSoccer,media\n", "the header must be handle,role,note"),
        ("handle,role,note\nFOXSoccer,broadcaster,x\n", "x.csv:2: need a handle and a role"),
        ("handle,role,note\n,media,x\n", "x.csv:2: need a handle and a role"),
        ("handle,role,note\nFOXSoccer,media\n", "x.csv:2: expected 3 fields"),
        ("# c\nhandle,role,note\nA,fan,x\na,media,y\n", "x.csv:4: @a is listed twice"),
    ],
)  # fmt: skip
def test_a_malformed_accounts_file_is_an_error(text: str, message: str) -> None:
    with pytest.raises(AccountsError, match=message):
        Accounts.parse(text, origin="x.csv")


def test_an_accounts_file_of_ones_own() -> None:
    accounts = Accounts.parse(
        "# mine\nhandle,role,note\n@bumpypitch,pundit,writes a blog\n", origin="mine.csv"
    )
    assert list(accounts) == [Account("bumpypitch", Role.PUNDIT, "writes a blog", 3)]
    got = classify_account("bumpypitch", "bumpypitch", accounts=accounts)
    assert (got.role, got.reason) == (Role.PUNDIT, "mine.csv:3: @bumpypitch (writes a blog)")


def test_tweets_get_their_roles_and_quotes_keep_theirs(sample_records) -> None:
    updated = [with_account_role(r) for r in sample_records]
    tweets = [r.author.role for r in updated if r.kind is Kind.TWEET]
    assert tweets == [role for _, _, role in SAMPLE_AUTHORS]
    quotes = [(r.author.name, r.author.role) for r in updated if r.kind is Kind.QUOTE]
    assert quotes == [
        (r.author.name, r.author.role) for r in sample_records if r.kind is Kind.QUOTE
    ]
    assert ("Patrick Kluivert", Role.FORMER_PLAYER) in quotes
    assert ("Nishino", Role.COACH) in quotes


def test_a_role_already_set_is_kept(sample_records) -> None:
    tweet = next(r for r in sample_records if r.author.handle == "FOXSoccer")
    assert tweet.author.role is Role.UNKNOWN
    pundit = replace(tweet, author=replace(tweet.author, role=Role.PUNDIT))
    assert with_account_role(pundit) is pundit
    assert with_account_role(tweet).author.role is Role.MEDIA


def test_roles_of_gives_each_record_the_role_with_account_role_would() -> None:
    from analyzer.attribution.authors import roles_of, with_account_role
    from analyzer.ingest import read_folder

    from .conftest import DATA, SAMPLES

    records = (
        read_folder(SAMPLES).records + read_folder(DATA / "streams" / "v1_stream.jsonl").records
    )
    assert roles_of(records) == [with_account_role(r).author.role for r in records]
    assert len({r.value for r in roles_of(records)}) >= 4
