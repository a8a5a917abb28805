"""Every football lexicon and emoji entry earns its place: a sentence it helps, none it misreads as an event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

from analyzer.evaluate import FOOTBALL_FILE, accuracy, as_football_label, read_football
from analyzer.sentiment import Label, Scorer, ScoringOptions
from analyzer.sentiment.emojis import EmojiDescriber
from analyzer.sentiment.football import (
    ExtendedVader,
    FootballEmoji,
    FootballLexicon,
    Table,
    emoji_table,
    lexicon_table,
)
from analyzer.sentiment.normalise import space_glued_words, split_hashtags, squeeze_elongations
from analyzer.sentiment.scorer import RULE_WORDS
from tests.conftest import LABELLED

P, U, N = Label.POSITIVE, Label.NEUTRAL, Label.NEGATIVE
FLAGS = ("🇧🇪", "🇯🇵")
# What an event word is swapped for to show it moves nothing: a word no lexicon knows.
STAND_IN = "thing"


@dataclass(frozen=True)
class Case:
    """A sentence the entry helps, its human reading, and (for words that can be events) a
    sentence where the word is an event and must not move the score (``word``: what to swap)."""

    helps: str
    label: Label
    event: str | None = None
    word: str | None = None


LEXICON_CASES: dict[str, Case] = {
    "finally": Case("Finally Mexico get one #WorldCup", P),
    "here we go": Case("Here we go! Kick-off in Rostov", P),
    "golazo": Case("Inui from 25 yards, golazo", P),
    "banger": Case("Hazard with an absolute banger", P),
    "screamer": Case("Cahill scores a screamer", P),
    "worldie": Case("Pavard with a worldie from the edge of the box", P),
    "world class": Case("Courtois is world-class tonight", P),
    "class": Case("Pure class from Modric", P),
    "clinical": Case("Clinical finish by Lukaku", P),
    "legend": Case("Honda is a legend", P),
    "legends": Case("These players are legends", P),
    "legendary": Case("That night in Rostov was legendary", P),
    "beast": Case("Howard is a beast in goal", P),
    "goat": Case("Messi the goat", P),
    "epic": Case("Epic second half from Belgium", P),
    "magic": Case("Pure magic from Hazard", P),
    "magical": Case("A magical night in Kazan", P),
    "unreal": Case("Chadli's run was unreal", P),
    "buzzing": Case("Buzzing for Brazil vs Belgium", P),
    "buzzin": Case("Buzzin for the quarter final", P),
    "chuffed": Case("Chuffed for Kane", P),
    "clutch": Case("Clutch from Ochoa again", P),
    "what a goal": Case("What a goal from Inui", P),
    "what a game": Case("What a game in Rostov", P),
    "what a match": Case("What a match this is", P),
    "what a save": Case("What a save by Kawashima", P),
    "what a strike": Case("What a strike by Inui", P),
    "what a finish": Case("What a finish by Haraguchi", P),
    "what a header": Case("What a header by Vertonghen", P),
    "what a comeback": Case("What a comeback by Belgium", P),
    "what a player": Case("What a player Hazard is", P),
    "what a team": Case("What a team Japan have", P),
    "killed it": Case("Lukaku killed it tonight", P),
    "killing it": Case("Mbappe is killing it", P),
    "smashed it": Case("Kane smashed it tonight", P),
    "nailed it": Case("Southgate nailed it with that sub", P),
    "top bins": Case("Inui hits it top bins", P),
    "top bin": Case("Straight into the top bin", P),
    "get in there": Case("Get in there Chadli", P),
    "come on": Case("Come on Japan", P),
    "c'mon": Case("C'mon Japan", P),
    "cmon": Case("cmon Japan", P),
    "let's go": Case("Lets go Japan", P),
    "vamos": Case("Vamos! Into the quarter final we go", P),
    "allez": Case("Allez les Bleus, into the final we go", P),
    "forza": Case("Forza Azzurri, into the final we go", P),
    "gutted": Case("gutted for Japan", N),
    "gutting": Case("That is gutting for Japan", N),
    "robbed": Case("Robbed by the officials", N),
    "robbery": Case("That decision is robbery", N),
    "daylight robbery": Case("Daylight robbery in Kazan", N),
    "bottled": Case("England bottled the final", N),
    "bottlers": Case("Spurs are bottlers", N),
    "bottle job": Case("A proper bottle job from the hosts", N),
    "howler": Case("Karius with a howler", N),
    "park the bus": Case("They will park the bus for 90 minutes", N),
    "parked the bus": Case("Iran parked the bus all game", N),
    "parking the bus": Case("Parking the bus again", N),
    "shambles": Case("That defending was a shambles", N),
    "shambolic": Case("Shambolic defending from Germany", N),
    "disgraceful": Case("Disgraceful behaviour by the bench", N),
    "clowns": Case("The officials are clowns", N),
    "corrupt": Case("FIFA is corrupt", N),
    "corruption": Case("The corruption at FIFA", N),
    "diver": Case("Neymar is a diver", N),
    "crashed out": Case("Germany crashed out of the cup", N),
    "dumped out": Case("Spain dumped out by Russia", N),
    "flopping": Case("Neymar flopping around the box again", N),
    "free kick": Case("Free kick to Japan on the edge of the box", U),
    "free kicks": Case("Free kicks on both wings", U),
    "dead ball": Case("A dead ball situation for Belgium", U),
    "red devils": Case("The Red Devils line up in Rostov", U),
    "super eagles": Case("The Super Eagles line up in Saint Petersburg", U),
    # The stretched shout: the elongation layer squeezes GOOOOAL to these spellings.
    "gooal": Case("GOOOOOAL Inui", P),
    "goaal": Case("GOAAAAAL Inui", P),
    "goall": Case("GOALLLLL Inui", P),
    "gool": Case("GOOOOOL Inui", P),
    "goll": Case("GOLLLLL Inui", P),
    "goal!": Case("GOAL!!! Inui!", P, "Why was that goal disallowed????", "goal"),
    "gol!": Case("GOL!!! Inui", P, "Inui scores the first gol of the night", "gol"),
    "own goal": Case("Marcelo own goal!!! Croatia lead", U, "Marcelo own goal!!! Croatia lead"),
    "penalty": Case(
        "Penalty to Japan, Honda to take it", U, "The referee points to the spot: penalty"
    ),
    "save": Case("Kawashima makes the save", U, "Another save for Courtois"),
    "saved": Case("Saved by Ochoa, still 0-0", U, "Saved by Ochoa, still 0-0"),
    "shoot": Case("Hazard decides to shoot from distance", U, "Shoot, Inui shoot"),
    "strike": Case("A strike from Inui goes wide", U, "Low strike from distance, wide"),
    "strikes": Case("Inui strikes from distance, wide", U, "Inui strikes from distance, wide"),
    "attack": Case("Belgium attack down the left", U, "Japan attack on the break"),
    "attacks": Case("Japan attacks on the break", U, "Japan attacks on the break"),
    "attacker": Case("The attacker goes down in the box", U, "The attacker goes down"),
    "block": Case("A big block from Yoshida", U, "A big block from Yoshida"),
    "blocked": Case("Shot blocked by Vertonghen", U, "Shot blocked by Vertonghen"),
    "chance": Case("A chance for Lukaku at the far post", U, "A chance for Lukaku"),
    "chances": Case("Chances at both ends in Rostov", U, "Chances at both ends"),
    "hat trick": Case("Kane with a hat trick", U, "Kane with a hat trick against Panama"),
    "plays": Case("Belgium plays Japan tonight", U, "Belgium plays Japan tonight"),
    "played": Case("They played Mexico on Tuesday", U, "They played Mexico on Tuesday"),
    "playing": Case("Japan are playing Belgium today", U, "Japan are playing Belgium today"),
    "well played": Case("Well played Japan", P),
    "united states": Case("The United States did not qualify", U),
    "sudden death": Case("Penalties now, sudden death", U, "It goes to sudden death"),
    "can't wait": Case("Cant wait for Belgium vs Japan", P),
    "cannot wait": Case("Cannot wait for kick-off", P),
    "can't believe": Case("I can't believe we lost", N),
    "cannot believe": Case("I cannot believe we lost", N),
    "can't express": Case("Words can't express how happy I am", P),
    "cannot express": Case("Words cannot express how happy I am", P),
    "can't describe": Case("I can't describe how proud I am", P),
    "cannot describe": Case("I cannot describe how proud I am", P),
    "can't explain": Case("I can't explain how happy I am right now", P),
    "cannot explain": Case("I cannot explain how happy I am right now", P),
    "it's coming home": Case("ITS COMING HOME", P),
    "football's coming home": Case("Football's coming home", P),
    "not coming home": Case("It's not coming home this time", N),
    "what a joke": Case("What a joke of a decision", N),
    "nightmare": Case("A nightmare for Casillas", N),
    "rubbish": Case("England were rubbish", N),
    "shite": Case("That was shite from Spain", N),
    "unlucky": Case("Unlucky Japan", N),
    "sloppy": Case("Sloppy passing from Spain", N),
    "atrocious": Case("Atrocious refereeing", N),
    "classless": Case("Classless behaviour from Suarez", N),
    "scum": Case("Diving scum", N),
    "overrated": Case("Ronaldo is overrated", N),
    "mediocre": Case("A mediocre performance from France", N),
    "phenomenal": Case("Phenomenal from Robben", P),
    "sensational": Case("Sensational from James", P),
    "genius": Case("Genius pass from Pirlo", P),
    "majestic": Case("Majestic from Pirlo", P),
    "pumped": Case("Pumped for the USA game", P),
    "rooting": Case("Rooting for Ghana tonight", P),
    "world cup fever": Case("World Cup fever in the office", P),
    "scores!": Case("Inui scores!!!", P, "Inui scores from 25 yards", "scores"),
    "scored!": Case("Japan scored!!", P, "Japan scored from a corner", "scored"),
    "score!": Case("Japan score!!!", P, "Japan score from a corner", "score"),
    "goal of the tournament": Case("Goal of the tournament from Pavard", P),
    "goal of the year": Case("That is the goal of the year", P),
    "what a shot": Case("What a shot by Inui", P),
    "what a pass": Case("What a pass by De Bruyne", P),
    "what a performance": Case("What a performance by Japan", P),
    "what a night": Case("What a night in Rostov", P),
    "scenes!": Case("SCENES!!! Inui!", P, "Behind the scenes in Rostov", "scenes"),
    "absolute scenes": Case("Absolute scenes in Rostov", P),
    "unbelievable scenes": Case("Unbelievable scenes in Rostov", P),
    "what a rocket": Case("What a rocket from Inui", P),
    "oh dear": Case("Oh dear, Germany", N),
    "fan": Case("A Japan fan in Rostov", U, "Every fan in the stadium stood up", "fan"),
    "hand": Case("Hand ball by Suarez", U, "Suarez used his hand on the line", "hand"),
}

EMOJI_CASES: dict[str, Case] = {
    "🔥": Case("Chadli 🔥🔥🔥", P),
    "😭": Case("how happy I am 😭😭", P),
    "😱": Case("What a finish 😱😱", P),
    "⚽": Case("⚽ Japan v Belgium", U, "Belgium ⚽ Japan", "⚽"),
    "🥅": Case("🥅 Japan v Belgium", U, "Belgium 🥅 Japan", "🥅"),
    "🐐": Case("Messi 🐐", P),
    "🙌": Case("Japan 🙌", P),
    "💪": Case("Come on lads 💪", P),
    "👏": Case("Japan 👏👏", P),
    "🤯": Case("Inui from 25 yards 🤯", P),
    "💔": Case("Japan out 💔", N),
    "👍": Case("Japan 👍", P),
    "👎": Case("The referee 👎", N),
    "😡": Case("The referee 😡", N),
    "🤬": Case("The referee 🤬", N),
    "🤦": Case("Another missed sitter 🤦", N),
    "🏆": Case("Who lifts the 🏆 in Moscow?", U, "Who lifts the 🏆 in Moscow?", "🏆"),
    "💯": Case("Hazard 💯", P),
    "👑": Case("Modric 👑", P),
    "🤞": Case("Japan 🤞", P),
    "🙏": Case("Japan 🙏", P),
    "🇧🇪": Case("🇧🇪 v Japan", U, "🇧🇪 v Japan", "🇧🇪"),
    "🇯🇵": Case("Belgium v 🇯🇵", U, "Belgium v 🇯🇵", "🇯🇵"),
}


def pipeline(lexicon: Table, emoji: Table) -> Callable[[str], float]:
    """The football reading of a text with these tables: emoji, hashtags, stretches, phrases."""
    words = FootballLexicon(lexicon)
    faces = FootballEmoji(emoji)
    vader = ExtendedVader({**words.extra_valences(), **faces.extra_valences()})
    describer = EmojiDescriber(vader.emoji_lexicon, token_for=faces.token_for)
    vocabulary = frozenset(
        {*vader.extended_lexicon, *BOOSTER_DICT, *NEGATE, *RULE_WORDS} | words.phrase_words
    )

    def compound(text: str) -> float:
        text = split_hashtags(describer.describe(text).text)
        text = squeeze_elongations(text, vocabulary=vocabulary, emphasise=True)
        return vader.polarity_scores(words.join_phrases(text))["compound"]

    return compound


def without(table: Table, term: str) -> Table:
    return replace(table, entries=tuple(e for e in table.entries if e.term != term))


@pytest.fixture(scope="module")
def ours() -> Scorer:
    return Scorer()


def test_every_lexicon_entry_has_a_case_and_every_case_an_entry() -> None:
    # Adding a term to the lexicon without a sentence it helps fails here.
    assert sorted(LEXICON_CASES) == sorted(entry.term for entry in lexicon_table().entries)


def test_every_emoji_entry_has_a_case_and_every_case_an_entry() -> None:
    assert sorted(EMOJI_CASES) == sorted(entry.term for entry in emoji_table().entries)


def moved_toward(label: Label, with_entry: float, without_entry: float) -> bool:
    if label is P:
        return with_entry > without_entry
    if label is N:
        return with_entry < without_entry
    return abs(with_entry) < abs(without_entry)


@pytest.mark.parametrize("term", sorted(LEXICON_CASES))
def test_each_lexicon_entry_helps(ours: Scorer, term: str) -> None:
    case = LEXICON_CASES[term]
    assert ours.score(case.helps).label is case.label, case.helps
    with_entry = pipeline(lexicon_table(), emoji_table())(case.helps)
    without_entry = pipeline(without(lexicon_table(), term), emoji_table())(case.helps)
    assert moved_toward(case.label, with_entry, without_entry), (with_entry, without_entry)


@pytest.mark.parametrize("term", sorted(EMOJI_CASES))
def test_each_emoji_entry_helps(ours: Scorer, term: str) -> None:
    case = EMOJI_CASES[term]
    assert ours.score(case.helps).label is case.label, case.helps
    # The emoji layer on its own: the lexicon would read some glosses too ("goat").
    no_words = Table(lexicon_table().version, ())
    with_entry = pipeline(no_words, emoji_table())(case.helps)
    without_entry = pipeline(no_words, without(emoji_table(), term))(case.helps)
    if term in FLAGS:
        # Every flag is a team mention, listed or not: the rows only document two of them.
        assert with_entry == without_entry == 0
    elif case.label is U and without_entry == 0:
        # VADER's gloss ("soccer ball", "trophy") already scores nothing: the row keeps it so.
        assert with_entry == 0
    else:
        assert moved_toward(case.label, with_entry, without_entry), (with_entry, without_entry)


EVENTS = {**LEXICON_CASES, **EMOJI_CASES}


@pytest.mark.parametrize("term", sorted(t for t, case in EVENTS.items() if case.event))
def test_an_event_word_does_not_move_the_score(ours: Scorer, term: str) -> None:
    case = EVENTS[term]
    assert case.event is not None
    word = case.word or term
    swapped = case.event.replace(word, STAND_IN).replace(word.title(), STAND_IN)
    assert swapped != case.event, f"{word!r} is not in {case.event!r}"
    assert ours.score(case.event).compound == ours.score(swapped).compound


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 😭 is tears of joy beside happy words and sorrow otherwise.
        ("Words can't express how happy I am right now 😭😭😭", P),
        ("I'm so happy 😭😭😭", P),
        ("Japan scored!!! I am in tears of joy 😭", P),
        ("best night of my life 😭😭", P),
        ("So proud of these boys 😭❤️", P),
        ("Inui you beauty 😭😭😭", P),
        ("I'm so sad 😭😭", N),
        ("we're out 😭", N),
        ("Japan are out 😭😭😭", N),
        ("3-2 in the 94th minute 😭", N),
        ("heartbroken 😭", N),
        # 😱 is amazement or dismay as the words say, and nothing alone.
        ("What a finish 😱", P),
        ("terrible defending 😱", N),
        ("Japan 2-0 😱", U),
        # The chant and the cheers.
        ("ITS COMING HOME... woohoo", P),
        ("ITS COMING HOME...woohoo", P),
        ("It's coming home!!!", P),
        ("#ItsComingHome", P),
        ("it's not coming home 😭", N),
        ("Woooohooooo Japan", P),
        ("GOOOOOOOAAAAAL JAPAN", P),
        ("Goal!!!! 1-0 #Mexico", P),
        # Event words, on their own, are no feeling.
        ("Why was that goal disallowed????", U),
        ("Goal line technology in use tonight", U),
        ("Penalty to Japan", U),
        ("Red card for Fellaini", U),
        ("VAR check for offside", U),
        ("Corner to Belgium", U),
        ("Courtois save", U),
    ],
)
def test_fan_feelings_around_emoji_chants_and_events(ours: Scorer, text: str, label: Label) -> None:
    assert ours.score(text).label is label, ours.score(text)


def test_a_leaning_emoji_follows_the_words_not_the_other_way() -> None:
    compound = pipeline(lexicon_table(), emoji_table())
    happy = compound("how happy I am")
    assert compound("how happy I am 😭😭😭") > happy > 0
    sad = compound("so sad")
    assert compound("so sad 😭😭") < sad < 0
    assert compound("😭") < 0 == compound("😱")


@pytest.mark.parametrize(
    ("text", "parted"),
    [
        ("HOME...woohoo", "HOME... woohoo"),
        ("lost..gutted", "lost.. gutted"),
        ("wait…what", "wait… what"),
        ("t.co/abc", "t.co/abc"),  # one dot joins addresses and initials
        ("U.S.A", "U.S.A"),
        ("2...1", "2...1"),
        ("end...", "end..."),
    ],
)
def test_words_glued_by_dots_are_parted(text: str, parted: str) -> None:
    assert space_glued_words(text) == parted


@given(st.text(alphabet="ab .…\n", max_size=30))
def test_parting_glued_words_only_adds_spaces(text: str) -> None:
    parted = space_glued_words(text)
    assert parted.replace(" ", "") == text.replace(" ", "")
    assert space_glued_words(parted) == parted


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("GOAL!!! Inui", "GOALSHOUT!!! Inui"),
        ("Goal ! Inui", "goalshout ! Inui"),
        ("What a goal!", "whatagoal!"),
        ("own goal!!", "owngoal!!"),
        ("goal?!", "goal?!"),
        ("goalkeeper!", "goalkeeper!"),
        ("#goal!", "#goal!"),
        ("cant wait", "cantwait"),
        ("its coming home", "itscominghome"),
    ],
)
def test_shouts_and_phrases_become_tokens(text: str, joined: str) -> None:
    assert FootballLexicon(lexicon_table()).join_phrases(text) == joined


def test_on_labelled_tweets_naming_a_goal_ours_agrees_more_than_plain_vader() -> None:
    # The held-out half of the World Cup 2014 set; the lexicon was checked on the other half.
    rows = [
        row
        for row in read_football(LABELLED / FOOTBALL_FILE)
        if row.half == "test" and "goal" in row.text.lower()
    ]
    gold = [row.label for row in rows]

    def agreement(scorer: Scorer) -> float:
        return accuracy(gold, [as_football_label(scorer.score(row.text).label) for row in rows])

    assert len(rows) == 881  # "goal" anywhere: goalkeeper, #goal and own goal too
    plain = agreement(Scorer(options=ScoringOptions.plain()))
    ours = agreement(Scorer())
    assert plain == pytest.approx(0.5233, abs=1e-4)
    assert ours > plain + 0.1
