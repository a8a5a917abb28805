"""Who a tweet's author is: media, pundit, player or fan, from a list of known accounts and from the name."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

from analyzer.errors import AnalyzerError
from analyzer.records import Kind, Record, Role

# Accounts whose role is remembered while reading a stream (a few MB at most).
ACCOUNTS_REMEMBERED = 100_000

ACCOUNTS_FILE = "data/accounts.csv"
ACCOUNTS_COLUMNS = ("handle", "role", "note")

# Broadcasters, outlets and organisers, as words of a display name ("FOX Soccer", "BT Sport").
BRANDS = (
    "al jazeera",
    "bbc",
    "bein",
    "bleacher report",
    "bt sport",
    "cbs",
    "dazn",
    "espn",
    "fifa",
    "fourfourtwo",
    "fox",
    "guardian",
    "itv",
    "marca",
    "nbc",
    "onefootball",
    "opta",
    "reuters",
    "sirius xm",
    "siriusxm",
    "sky",
    "squawka",
    "talksport",
    "telegraph",
    "telemundo",
    "the athletic",
    "tsn",
    "uefa",
    "univision",
    "whoscored",
)
# Brands long enough to be found inside a handle written as one word (espnfc, siriusxmfc).
MIN_BRAND_STEM = 6
SHORT_BRAND_STEMS = ("espn",)

# Words of an outlet's or channel's name: "Squawka News", "FOX Soccer".
MEDIA_WORDS = frozenset(
    {
        "channel",
        "daily",
        "football",
        "futbol",
        "futebol",
        "gazette",
        "herald",
        "highlights",
        "hq",
        "live",
        "magazine",
        "media",
        "network",
        "news",
        "podcast",
        "radio",
        "soccer",
        "sport",
        "sports",
        "stats",
        "tv",
        "updates",
    }
)
# Media words that end one-word handles (skysportsnews, goalradio); at the start they would
# find "newsome", at the end "live" would find "clive".
HANDLE_SUFFIXES = (
    "football",
    "futbol",
    "highlights",
    "media",
    "news",
    "podcast",
    "radio",
    "soccer",
    "sport",
    "sports",
    "tv",
    "updates",
)
# Emoji that broadcasters put in their names: radio, television, microphone, newspaper.
MEDIA_EMOJI = ("📻", "📺", "🎙", "🎧", "📰", "🗞")
# What people who write or talk about football call themselves in their names.
PUNDIT_WORDS = frozenset(
    {
        "analyst",
        "author",
        "columnist",
        "commentator",
        "correspondent",
        "editor",
        "journalist",
        "presenter",
        "pundit",
        "reporter",
        "writer",
    }
)
FAN_WORDS = frozenset({"fan", "fans", "supporter", "supporters", "fanatic"})
# Club suffixes: with one in both the name and the handle the account is a club or a
# channel (Liverpool FC, @LFC); in the name alone it is often a persona ("Spencer FC").
CLUB_WORDS = frozenset({"fc", "afc", "cf", "sc"})
OFFICIAL = "official"

RE_NAME_WORD = re.compile(r"[^\W_]+")
# A handle's words: "SquawkaNews" -> Squawka News, "Carra23" -> Carra 23, "guardian_sport".
RE_HANDLE_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
# A person naming their outlet: "Jane Doe | ESPN", "Jane Doe - The Athletic", "Jane Doe @ BBC".
RE_OUTLET_AFTER_NAME = re.compile(r"\s[|•·@–—-]\s")
# A writer's brand built on their name: SoccerByIves.
RE_BY_NAME = re.compile(r"By[A-Z][a-z]+$")


class AccountsError(AnalyzerError):
    """The known-accounts file is malformed."""


@dataclass(frozen=True, slots=True)
class Account:
    """A row of the known-accounts file."""

    handle: str
    role: Role
    note: str
    line: int


@dataclass(frozen=True, slots=True)
class AccountRole:
    """The role given to an account and why: the data row or the rule that decided it."""

    role: Role
    reason: str


class Accounts:
    """Known accounts by handle (case does not matter on Twitter, so not here either)."""

    def __init__(self, accounts: Iterable[Account], *, origin: str = "accounts") -> None:
        self.origin = origin
        self._by_handle: dict[str, Account] = {}
        for account in accounts:
            key = _handle_key(account.handle)
            if key in self._by_handle:
                raise AccountsError(f"{origin}:{account.line}: @{account.handle} is listed twice")
            self._by_handle[key] = account

    @classmethod
    def parse(cls, text: str, *, origin: str) -> Accounts:
        """Read the CSV form (handle, role, note); lines starting with '#' are comments."""
        return cls(_parse_rows(text, origin), origin=origin)

    def get(self, handle: str | None) -> Account | None:
        return self._by_handle.get(_handle_key(handle)) if handle else None

    def __len__(self) -> int:
        return len(self._by_handle)

    def __iter__(self) -> Iterator[Account]:
        return iter(self._by_handle.values())


@cache
def shipped_accounts() -> Accounts:
    """The known accounts that come with the package (read once per process)."""
    text = resources.files("analyzer").joinpath(ACCOUNTS_FILE).read_text(encoding="utf-8")
    return Accounts.parse(text, origin=f"analyzer/{ACCOUNTS_FILE}")


def classify_account(
    name: str | None, handle: str | None, *, accounts: Accounts | None = None
) -> AccountRole:
    """The role of a Twitter account, with the reason.

    In order: the known-accounts file; the display name (fan words make a fan; a person
    naming an outlet or a job is a pundit; a broadcaster, a media word or a radio emoji
    make media; "Official" a player); the handle (a writer's "...ByName" is a pundit,
    media words make media, "Official" a player); a club suffix in both name and handle
    is media; else a fan.
    """
    book = accounts if accounts is not None else shipped_accounts()
    known = book.get(handle)
    if known is not None:
        return AccountRole(
            known.role, f"{book.origin}:{known.line}: @{known.handle} ({known.note})"
        )
    for rule in (_by_name, _by_handle, _by_club):
        found = rule(name or "", (handle or "").lstrip("@"))
        if found is not None:
            return found
    return AccountRole(Role.FAN, "default: no rule matched, a fan")


def role_of_account(
    name: str | None, handle: str | None, *, accounts: Accounts | None = None
) -> Role:
    """The role alone; :func:`classify_account` also says why."""
    return classify_account(name, handle, accounts=accounts).role


def with_account_role(record: Record, *, accounts: Accounts | None = None) -> Record:
    """A tweet whose author's role is unknown, with the role its account gives.

    Quotes keep the role their article gives the speaker, and a role already set is kept.
    """
    if record.kind is Kind.QUOTE or record.author.role is not Role.UNKNOWN:
        return record
    if not record.author.name and not record.author.handle:
        return record
    if accounts is None:  # a stream repeats its authors: classify each account once
        role = _shipped_role(record.author.name, record.author.handle)
    else:
        role = role_of_account(record.author.name, record.author.handle, accounts=accounts)
    return replace(record, author=replace(record.author, role=role))


def roles_of(records: Sequence[Record]) -> list[Role]:
    """Each record's author role: as read, else (tweets) the one its account gives.

    The same as ``with_account_role(r).author.role`` for each record, without copying any.
    """
    roles = []
    for record in records:
        author = record.author
        if (
            record.kind is Kind.QUOTE
            or author.role is not Role.UNKNOWN
            or not (author.name or author.handle)
        ):
            roles.append(author.role)
        else:
            roles.append(_shipped_role(author.name, author.handle))
    return roles


@lru_cache(maxsize=ACCOUNTS_REMEMBERED)
def _shipped_role(name: str | None, handle: str | None) -> Role:
    return role_of_account(name, handle)


def _by_name(name: str, handle: str) -> AccountRole | None:
    words = _name_words(name)
    if not words:
        return None
    cue = _first(words, FAN_WORDS)
    if cue:
        return AccountRole(Role.FAN, f"display name: a fan word ({cue!r})")
    split = RE_OUTLET_AFTER_NAME.search(name)
    before = _name_words(name[: split.start()]) if split else []
    if split and before and not _media_cue(before):
        cue = _media_cue(_name_words(name[split.end() :]))
        if cue:
            return AccountRole(Role.PUNDIT, f"display name: a person naming an outlet ({cue!r})")
    cue = _first(words, PUNDIT_WORDS)
    if cue:
        return AccountRole(Role.PUNDIT, f"display name: a pundit's job ({cue!r})")
    brand = _brand_in(words)
    if brand:
        return AccountRole(Role.MEDIA, f"display name: a broadcaster or outlet ({brand!r})")
    cue = _first(words, MEDIA_WORDS)
    if cue:
        return AccountRole(Role.MEDIA, f"display name: a media word ({cue!r})")
    emoji = next((e for e in MEDIA_EMOJI if e in name), None)
    if emoji:
        return AccountRole(Role.MEDIA, f"display name: a broadcaster's emoji ({emoji})")
    if OFFICIAL in words:
        return AccountRole(Role.PLAYER, "display name: 'Official' (players' own accounts)")
    return None


def _by_handle(name: str, handle: str) -> AccountRole | None:
    if not handle:
        return None
    if RE_BY_NAME.search(handle):
        return AccountRole(Role.PUNDIT, f"handle: a writer's brand ('{handle}')")
    words = [w.lower() for w in RE_HANDLE_WORD.findall(handle)]
    lower = handle.lower()
    brand = _brand_in(words) or next(
        (s for s in _brand_stems() if s in lower.replace("_", "")), None
    )
    if brand:
        return AccountRole(Role.MEDIA, f"handle: a broadcaster or outlet ({brand!r})")
    cue = _first(words, MEDIA_WORDS) or next(
        (w for w in HANDLE_SUFFIXES if lower.endswith(w)), None
    )
    if cue:
        return AccountRole(Role.MEDIA, f"handle: a media word ({cue!r})")
    if OFFICIAL in lower:
        return AccountRole(Role.PLAYER, "handle: 'Official' (players' own accounts)")
    return None


def _by_club(name: str, handle: str) -> AccountRole | None:
    suffix = _first(_name_words(name), CLUB_WORDS)
    if suffix and any(handle.lower().endswith(w) for w in CLUB_WORDS):
        return AccountRole(Role.MEDIA, f"a club or channel: {suffix.upper()!r} in name and handle")
    return None


def _name_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return RE_NAME_WORD.findall(plain.casefold())


def _first(words: list[str], vocabulary: frozenset[str]) -> str | None:
    return next((w for w in words if w in vocabulary), None)


def _media_cue(words: list[str]) -> str | None:
    return _brand_in(words) or _first(words, MEDIA_WORDS)


def _brand_in(words: list[str]) -> str | None:
    padded = f" {' '.join(words)} "
    return next((b for b in BRANDS if f" {b} " in padded), None)


@cache
def _brand_stems() -> tuple[str, ...]:
    stems = {b.replace(" ", "") for b in BRANDS}
    return tuple(sorted(s for s in stems if len(s) >= MIN_BRAND_STEM or s in SHORT_BRAND_STEMS))


def _handle_key(handle: str | None) -> str:
    return (handle or "").strip().lstrip("@").casefold()


def _parse_rows(text: str, origin: str) -> Iterator[Account]:
    lines = list(enumerate(text.splitlines(), start=1))
    data = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    if not data:
        raise AccountsError(f"{origin}: no header row ({', '.join(ACCOUNTS_COLUMNS)})")
    rows = csv.reader(line for _, line in data)
    header = tuple(next(rows))
    if header != ACCOUNTS_COLUMNS:
        raise AccountsError(
            f"{origin}:{data[0][0]}: the header must be {','.join(ACCOUNTS_COLUMNS)}, not {','.join(header)}"
        )
    roles = {role.value: role for role in Role}
    for (number, _), row in zip(data[1:], rows, strict=True):
        if len(row) != len(ACCOUNTS_COLUMNS):
            raise AccountsError(f"{origin}:{number}: expected 3 fields (handle,role,note)")
        handle, role, note = (field.strip() for field in row)
        if not handle or role not in roles:
            raise AccountsError(
                f"{origin}:{number}: need a handle and a role, one of {', '.join(roles)}"
            )
        yield Account(handle.lstrip("@"), roles[role], note, number)
