"""Language: non-English tweets are unscored with their language; English ones never are."""

from __future__ import annotations

import csv
import math

import pytest

import analyzer.sentiment.language as language
from analyzer.sentiment import Label, Scorer, ScoringOptions
from analyzer.sentiment.language import (
    detect_non_english,
    non_english_language,
    normalise_language_code,
)
from tests.conftest import labelled_file

FOREIGN = [
    ("ja", "日本代表、よくやった！誇りに思う #JPN"),
    ("ja", "本当に悔しい。でも誇りに思う。ありがとう日本代表"),
    ("ja", "乾のゴールやばい！！ベルギー相手に2点リード #WorldCup"),
    ("es", "¡Qué partidazo! Bélgica remontó en el último minuto, increíble"),
    ("es", "Japón jugó muy bien pero Bélgica fue mejor al final #Mundial"),
    ("es", "El árbitro nos robó el partido, qué vergüenza"),
    ("fr", "Quel match ! La Belgique renverse le Japon à la dernière minute"),
    ("fr", "Les Diables Rouges sont incroyables ce soir, allez la Belgique !"),
    ("de", "Was für ein Spiel! Belgien dreht das Spiel gegen Japan in der Nachspielzeit"),
    ("de", "Die Japaner tun mir so leid, sie haben super gespielt"),
    ("pt", "O Brasil vai ser campeão, não tenho dúvida nenhuma"),
    ("ru", "Какой матч! Бельгия вырвала победу на последней минуте"),
    ("ko", "일본 정말 잘했는데 마지막에 아쉽네요"),
]

# English tweets that are mostly names, hashtags, scores and emoji: never non-English.
ENGLISH = [
    "Hazard, Lukaku, De Bruyne!! #BEL #WorldCup ⚽🔥",
    "Inui!!! #JPN #BELJPN",
    "GOLAZO GOLAZO GOLAZO #JPN!",
    "YESSSSSSSSSSS INUI YESSSSSSSSS CHAOS!!!!!",
    "Vertonghen Fellaini Chadli!!! Belgium 3-2 Japan #BELJPN #WorldCup",
    "Kagawa Haraguchi Inui Honda Nagatomo Yoshida #SamuraiBlue",
    "Nacer Chadli winner! Belgique! Belgique! 🇧🇪🇧🇪",
    "@BelRedDevils @JFA_samuraiblue gg #BELJPN",
    "Rostov Arena tonight: Belgium v Japan, Round of 16 #WorldCup2018",
    "Haraguchi!!!! Japan lead! Genki Haraguchi scores 48' #JPN",
    "Courtois, De Bruyne, Meunier, Chadli. Counterattack of the tournament",
    "Inui 乾貴士 scores a screamer!!",
    "Vamos Colombia!!!",
]


@pytest.mark.parametrize(("code", "text"), FOREIGN)
def test_non_english_tweets_are_unscored_with_their_language(code: str, text: str) -> None:
    score = Scorer().score(text)
    assert (score.label, score.language) == (Label.UNSCORED, code)
    assert math.isnan(score.compound)


@pytest.mark.parametrize("text", ENGLISH)
def test_english_tweets_full_of_names_are_scored(text: str) -> None:
    assert detect_non_english(text) is None
    assert Scorer().score(text).scored


def test_emoji_are_kept_on_an_unscored_tweet() -> None:
    assert Scorer().score("日本代表、よくやった！🇯🇵🔥").emoji == ("🇯🇵", "🔥")


def test_the_language_layer_off_scores_everything() -> None:
    options = ScoringOptions.football().with_layer("language", False)
    assert Scorer(options=options).score(FOREIGN[0][1]).scored


@pytest.mark.parametrize(
    ("declared", "text", "expected"),
    [
        ("en", "Was für ein Spiel! Belgien dreht das Spiel gegen Japan", None),  # believed
        ("en-GB", "Was für ein Spiel! Belgien dreht das Spiel gegen Japan", None),
        ("und", "Was für ein Spiel! Belgien dreht das Spiel gegen Japan", "de"),  # detected
        ("zxx", "Was für ein Spiel! Belgien dreht das Spiel gegen Japan", "de"),
        ("qht", "#BELJPN #WorldCup", None),
        ("es", "GOLAZO!!!", "es"),  # too short to tell: Twitter's tag is believed
        ("in", "Gila, Belgia menang!", "id"),  # Twitter's old code for Indonesian
        ("es", "What a goal from Inui!", None),  # English function words overrule the tag
        (None, "GOLAZO!!!", None),
    ],
)
def test_a_declared_language(declared: str | None, text: str, expected: str | None) -> None:
    assert non_english_language(text, declared=declared) == expected


@pytest.mark.parametrize(
    ("code", "normalised"),
    [("en", "en"), ("EN-gb", "en"), ("pt_BR", "pt"), ("in", "id"), ("iw", "he"), ("und", "und")],
)
def test_language_codes_are_normalised(code: str, normalised: str) -> None:
    assert normalise_language_code(code) == normalised


def test_english_function_words_settle_a_tweet_without_the_detector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_detector(text: str, min_confidence: float) -> str | None:
        raise AssertionError(f"the detector ran on {text!r}")

    monkeypatch.setattr(language, "_detected", no_detector)
    assert detect_non_english("What a game that was, Japan deserved more than this") is None
    assert detect_non_english("GOLAZO!!! #JPN") is None  # too few letters to ask


def test_english_tweets_are_almost_never_marked_non_english() -> None:
    ground_truth = labelled_file("vader-groundtruth", "tweets_GroundTruth.txt")
    football = labelled_file("football-labelled", "fifa2014_train.tsv")
    general = [
        line.split("\t", 2)[2] for line in ground_truth.read_text(encoding="utf-8").splitlines()
    ]
    with football.open(encoding="utf-8", newline="") as handle:
        fans = [row["tweet"] for row in csv.DictReader(handle, delimiter="\t")]
    flagged_general = [code for text in general if (code := detect_non_english(text))]
    flagged_fans = [text for text in fans if detect_non_english(text)]
    # The ground truth's flagged tweets are really Turkish, Dutch and Spanish.
    assert sorted(flagged_general) == ["es", "nl", "tr"]
    assert len(flagged_fans) <= 2  # of 21,343 English fan tweets; 1 today
