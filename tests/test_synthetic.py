"""Synthetic streams: same seed same bytes, valid lines in each format, retweets, ids, the match's shape."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import UTC, datetime, timedelta
from functools import cache

import numpy as np
import pytest

from analyzer.matches import shipped
from analyzer.sentiment.scorer import default_scorer
from analyzer.synthetic import (
    _TEMPLATES,
    CSV_FORMATS,
    DEFAULT_SUPPORT,
    HOST_NEGATIVE,
    HOST_POSITIVE,
    StreamFormat,
    main,
    snowflake,
    snowflake_ms,
    write_stream,
)

MATCH = "BEL-JPN"
KICKOFF = datetime(2018, 7, 2, 18, 0, tzinfo=UTC)  # 21:00 in Rostov-on-Don

# The keys every line of a format has (a retweet adds its format's retweet field).
KEYS = {
    StreamFormat.V1: {"created_at", "id", "id_str", "full_text", "user", "lang", "entities"},
    StreamFormat.SNSCRAPE: {"date", "rawContent", "user", "id", "url", "lang", "retweetedTweet"},
    StreamFormat.V2: {"id", "text", "created_at", "author_id", "author", "lang", "entities"},
}
RE_ELONGATED_GOAL = re.compile(r"\bGOO+AL\b")
JSON_FORMATS = [f for f in StreamFormat if f not in CSV_FORMATS]
HOST_TEXTS = HOST_POSITIVE + HOST_NEGATIVE


@cache
def generate(fmt: str, tweets: int = 3000, retweets: float = 0.3, seed: int = 1, lag: float = 2.0):
    out = io.StringIO()
    summary = write_stream(
        out, shipped().find(MATCH), tweets=tweets, fmt=fmt, retweets=retweets, lag=lag, seed=seed
    )
    return out.getvalue(), summary


def tweets_of(fmt: str, **options) -> list[dict]:
    return [json.loads(line) for line in generate(fmt, **options)[0].splitlines()]


def posted(fmt: str, tweet: dict) -> datetime:
    if fmt == "v1":
        return datetime.strptime(tweet["created_at"], "%a %b %d %H:%M:%S %z %Y")
    if fmt == "snscrape":
        return datetime.fromisoformat(tweet["date"])
    return datetime.fromisoformat(tweet["created_at"].replace("Z", "+00:00"))


def text_of(fmt: str, tweet: dict) -> str:
    """The text that gets scored: a retweet's original's."""
    if fmt == "v1":
        return tweet.get("retweeted_status", tweet)["full_text"]
    if fmt == "snscrape":
        return (tweet["retweetedTweet"] or tweet)["rawContent"]
    references = tweet.get("referenced_tweets")
    return references[0]["text"] if references else tweet["text"]


def is_retweet(fmt: str, tweet: dict) -> bool:
    if fmt == "v1":
        return "retweeted_status" in tweet
    if fmt == "snscrape":
        return tweet["retweetedTweet"] is not None
    return any(ref["type"] == "retweeted" for ref in tweet.get("referenced_tweets", ()))


@pytest.mark.slow
def test_the_same_seed_gives_the_same_bytes(tmp_path):
    match = shipped().find(MATCH)
    digests = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        path = tmp_path / f"{name}.jsonl"
        write_stream(path, match, tweets=2000, fmt="v2", retweets=0.6, lag=2, seed=seed)
        digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]
    assert generate("v1")[0] == generate("v1", tweets=3000, retweets=0.3, seed=1, lag=2.0)[0]


@pytest.mark.parametrize("fmt", JSON_FORMATS)
def test_every_line_is_a_tweet_of_its_format(fmt):
    text, summary = generate(fmt.value)
    lines = text.splitlines()
    assert len(lines) == summary.tweets == 3000
    assert text.endswith("\n") and text.isascii()  # non-ASCII is escaped, as Twitter does
    retweet_field = {
        "v1": "retweeted_status",
        "snscrape": "retweetedTweet",
        "v2": "referenced_tweets",
    }
    for line in lines:
        tweet = json.loads(line)
        assert KEYS[fmt] <= tweet.keys()
        assert tweet["lang"] == "en"
        if is_retweet(fmt.value, tweet):
            original = text_of(fmt.value, tweet)
            own = tweet[
                "full_text" if fmt == "v1" else "rawContent" if fmt == "snscrape" else "text"
            ]
            assert own.startswith("RT @")
            assert own[own.index(": ") + 2 :].rstrip("…") in original
            assert retweet_field[fmt] in tweet


def test_v1_entities_point_into_the_text():
    seen = {"hashtags": 0, "user_mentions": 0, "urls": 0}
    for tweet in tweets_of("v1"):
        text = tweet["full_text"]
        for tag in tweet["entities"]["hashtags"]:
            start, end = tag["indices"]
            assert text[start:end] == "#" + tag["text"]
            seen["hashtags"] += 1
        for mention in tweet["entities"]["user_mentions"]:
            start, end = mention["indices"]
            assert text[start:end] == "@" + mention["screen_name"]
            seen["user_mentions"] += 1
        for url in tweet["entities"]["urls"]:
            start, end = url["indices"]
            assert text[start:end] == url["url"] and url["url"].startswith("https://t.co/")
            seen["urls"] += 1
        assert tweet["user"]["screen_name"] and tweet["user"]["name"]
    assert min(seen.values()) > 50


def test_v2_entities_point_into_the_text():
    for tweet in tweets_of("v2"):
        text = tweet["text"]
        for tag in tweet["entities"].get("hashtags", ()):
            assert text[tag["start"] : tag["end"]] == "#" + tag["tag"]
        for mention in tweet["entities"].get("mentions", ()):
            assert text[mention["start"] : mention["end"]] == "@" + mention["username"]
        assert tweet["author"]["id"] == tweet["author_id"]


def test_snscrape_urls_name_the_author_and_the_id():
    for tweet in tweets_of("snscrape"):
        assert (
            tweet["url"] == f"https://twitter.com/{tweet['user']['username']}/status/{tweet['id']}"
        )
        assert tweet["user"]["displayname"]


@pytest.mark.parametrize("fmt", JSON_FORMATS)
def test_ids_are_snowflakes_of_their_times(fmt):
    previous = None
    ids = set()
    for tweet in tweets_of(fmt.value):
        tweet_id = int(tweet["id_str"] if fmt == "v1" else tweet["id"])
        when = posted(fmt.value, tweet)
        ms = snowflake_ms(tweet_id)
        if fmt == "v2":  # to the millisecond
            assert ms == round(when.timestamp() * 1000)
        else:  # to the second
            assert ms // 1000 == round(when.timestamp())
        assert previous is None or when >= previous  # in time order
        previous = when
        ids.add(tweet_id)
    assert len(ids) == 3000


def test_snowflakes_count_milliseconds_from_twitters_epoch():
    # 2018-07-02 18:05:00 UTC is 241,719,725,343 ms after 2010-11-04 01:42:54.657 UTC.
    assert snowflake(1530554700000, 5) == (241_719_725_343 << 22) + 5
    assert snowflake_ms((241_719_725_343 << 22) + 4_194_303) == 1530554700000
    assert snowflake(1288834974657, 0) == 0


@pytest.mark.slow
@pytest.mark.parametrize("share", [0.0, 0.3, 0.6])
def test_the_retweet_share_is_the_one_asked_for(share):
    tweets = tweets_of("snscrape", tweets=20_000, retweets=share)
    observed = sum(is_retweet("snscrape", t) for t in tweets) / len(tweets)
    assert observed == pytest.approx(share, abs=0.015)
    assert generate("snscrape", tweets=20_000, retweets=share)[1].retweets == round(
        observed * len(tweets)
    )


def test_goal_times_add_the_half_time_break_to_second_half_goals():
    minutes = [(t - KICKOFF) / timedelta(minutes=1) for t in generate("v1")[1].goal_times]
    # 48' is 50 minutes of play (two of first-half stoppage), plus the 15-minute break.
    assert minutes == [65.0, 69.0, 86.0, 91.0, 111.0]
    # The 2018 final: three first-half goals (no break), three after half-time.
    final = shipped().find("FRA-CRO@2018")
    summary = write_stream(io.StringIO(), final, tweets=10)
    kickoff = datetime(2018, 7, 15, 15, 0, tzinfo=UTC)
    after = [(t - kickoff) / timedelta(minutes=1) for t in summary.goal_times]
    assert after == [18.0, 28.0, 38.0, 61.0 + 15, 67.0 + 15, 71.0 + 15]


@pytest.mark.slow
def test_the_volume_follows_the_match():
    text, summary = generate("v2", tweets=30_000)
    minutes = np.array(
        [
            (posted("v2", json.loads(line)) - KICKOFF) / timedelta(minutes=1)
            for line in text.splitlines()
        ]
    )
    assert minutes.min() >= -45 and minutes.max() < 135  # 3 hours from 45 minutes before
    assert summary.first is not None and (summary.first - KICKOFF) < timedelta(minutes=-44)
    per_minute = np.bincount(np.floor(minutes + 45).astype(int), minlength=180)

    def level(start: int, end: int) -> float:
        return float(per_minute[start + 45 : end + 45].mean())

    assert level(50, 60) < 0.7 * level(20, 40)  # the half-time lull
    assert level(-45, -35) < level(-10, 0) < level(20, 40)  # the build-up
    for goal in (65, 69, 86, 91, 111):  # each goal's reaction, 2 minutes late
        assert per_minute[goal + 2 + 45] > 3 * per_minute[goal + 1 + 45]


@pytest.mark.slow
def test_the_talk_is_fan_talk_about_this_match():
    tweets = tweets_of("v1", tweets=20_000)
    texts = [t["full_text"] for t in tweets if "retweeted_status" not in t]
    joined = "\n".join(texts)
    assert RE_ELONGATED_GOAL.search(joined)
    assert "#BELJPN" in joined and "#WorldCup" in joined and "#JPN" in joined
    shouted = re.compile(r"\b[A-Z]{2,}(?:\W+[A-Z]{2,}){3}")  # four words in capitals
    assert sum(bool(shouted.search(t)) for t in texts) > 0.05 * len(texts)
    assert sum(any(ord(c) > 0x2000 for c in t) for t in texts) > 0.4 * len(texts)  # emoji
    assert "https://t.co/" in joined and re.search(r"^@\w+ ", joined, re.MULTILINE)
    # Nobody names a scorer before the reaction to the goal has started.
    chadli_onset = KICKOFF + timedelta(minutes=111 + 2)
    for tweet in tweets:
        if "chadli" in tweet["full_text"].lower():
            assert posted("v1", tweet) >= chadli_onset
    assert "Chadli" in joined and "Haraguchi" in joined


@pytest.mark.parametrize("kind", list(_TEMPLATES))
def test_templates_score_as_their_mood(kind):
    # The mood jump after a goal comes from these texts: VADER must read each one the
    # way the generator means it, as written and shouted.
    templates, mood = _TEMPLATES[kind]
    scorer = default_scorer()
    for template in templates:
        for team, opp in (("Belgium", "Japan"), ("Japan", "Belgium")):
            text = template.format(
                team=team,
                opp=opp,
                home="Belgium",
                away="Japan",
                host="Qatar",
                scorer="Inui",
                score="Belgium 0-2 Japan",
                goal="GOOOAL",
                yes="YESSS",
                no="NOOOO",
            )
            for variant in (text, text.upper()):
                compound = scorer.score(variant).compound
                if mood == "positive":
                    assert compound >= 0.05, variant
                elif mood == "negative":
                    assert compound <= -0.05, variant
                else:
                    assert -0.05 < compound < 0.05, variant


def test_default_support_favours_one_side():
    home, away = DEFAULT_SUPPORT
    assert home > away and home + away <= 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"tweets": -1}, "negative"),
        ({"retweets": 1.0}, "retweet share"),
        ({"lag": -2}, "lag"),
        ({"support": (0.8, 0.3)}, "support"),
        ({"start_after": -1}, "start after kick-off"),
        ({"tail": -1}, "tail"),
        ({"host": 1.5}, "host chatter"),
        ({"start_after": 112}, "start after the final whistle"),
    ],
)
def test_impossible_options_are_refused(options, message):
    arguments = {"tweets": 10, **options}
    with pytest.raises(ValueError, match=message):
        write_stream(io.StringIO(), shipped().find(MATCH), **arguments)


def test_no_tweets_is_an_empty_file():
    out = io.StringIO()
    summary = write_stream(out, shipped().find(MATCH), tweets=0)
    assert (out.getvalue(), summary.tweets, summary.first, summary.last) == ("", 0, None, None)


def test_the_command_writes_the_file_and_says_so(tmp_path, capsys):
    out = tmp_path / "stream.jsonl"
    with pytest.raises(SystemExit) as exit_:
        main(
            [str(out), "--tweets", "500", "--format", "snscrape", "--retweets", "0.6", "--lag", "3"]
        )
    assert exit_.value.code == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        f"Wrote 500 tweets ({sum(is_retweet('snscrape', json.loads(x)) for x in out.read_text().splitlines())} retweets)"
        f" about Belgium 3-2 Japan to {out} (snscrape format, seed 1): 2018-07-02 17:15:"
    )
    assert "goals on the pitch at 19:05, 19:09, 19:26, 19:31, 19:51 UTC" in captured.err
    assert "reactions 3 min later" in captured.err
    assert len(out.read_text().splitlines()) == 500


def test_the_command_reports_an_unknown_match(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path / "x.jsonl"), "--match", "XXX-YYY"])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert not (tmp_path / "x.jsonl").exists()


def test_the_command_makes_the_folder_or_says_in_one_line_why_it_cannot(tmp_path, capsys):
    nested = tmp_path / "new" / "folder" / "s.jsonl"
    with pytest.raises(SystemExit) as exit_:
        main([str(nested), "--tweets", "10"])
    assert exit_.value.code == 0
    assert len(nested.read_text().splitlines()) == 10
    capsys.readouterr()
    (tmp_path / "file").write_text("")
    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path / "file" / "s.jsonl"), "--tweets", "10"])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: cannot write {tmp_path / 'file' / 's.jsonl'}: ")
    assert err.count("\n") == 1


def test_the_command_has_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    help_text = capsys.readouterr().out
    for option in (
        "--tweets", "--format", "--retweets", "--lag", "--seed", "--match", "--start-after",
        "--tail", "--host", "kaggle", "twitter-r",
    ):  # fmt: skip
        assert option in help_text


# -- realism and the shapes of real exports ----------------------------------------------------


@pytest.mark.slow
def test_originals_are_as_long_as_real_ones():
    # Real football tweets: 109 characters on average, median 87 (issue 15).
    texts = [t["full_text"] for t in tweets_of("v1", tweets=20_000, retweets=0.0)]
    lengths = np.array([len(t) for t in texts])
    assert (round(float(lengths.mean()), 1), float(np.median(lengths))) == (108.2, 87.0)
    assert lengths.max() <= 280
    # Several sentences, replies, links and hashtags, in about the shares real streams show.
    assert 0.3 < np.mean([t.count(". ") + t.count("\n") >= 1 for t in texts]) < 0.5
    assert 0.18 < np.mean([t.startswith("@") for t in texts]) < 0.26
    assert 0.3 < np.mean(["https://t.co/" in t for t in texts]) < 0.4
    assert np.mean([t.count("#") >= 3 for t in texts]) > 0.2


def test_the_extra_sentences_score_neutral():
    scorer = default_scorer()
    for kind in ("aside",):
        for template in _TEMPLATES[kind][0]:
            text = template.format(team="Japan", opp="Belgium", home="Belgium", away="Japan")
            for variant in (text, text.upper()):
                assert -0.05 < scorer.score(variant).compound < 0.05, variant


def test_a_stream_can_start_after_kick_off_and_run_hours_past_the_whistle():
    match = shipped().find(MATCH)
    out = io.StringIO()
    summary = write_stream(out, match, tweets=5000, fmt="v2", start_after=7, tail=6, seed=4)
    assert summary.first is not None and summary.last is not None
    assert timedelta(minutes=7) <= summary.first - KICKOFF < timedelta(minutes=7, seconds=10)
    # BEL-JPN's final whistle is 112 minutes after kick-off by the wall clock (47 minutes of
    # first half, 15 of half-time, 50 of second half): the stream ends six hours after it.
    end = timedelta(minutes=112 + 360)
    assert end - timedelta(minutes=1) < summary.last - KICKOFF < end
    tweets = [json.loads(line) for line in out.getvalue().splitlines()]
    minutes = np.array([(posted("v2", t) - KICKOFF) / timedelta(minutes=1) for t in tweets])
    later = minutes > 112 + 2 + 60  # the whistle, the lag, an hour
    # Talk of other matches an hour after the whistle: none of it names the teams or tags them.
    assert 0.15 < later.mean() < 0.4
    for tweet, late in zip(tweets, later, strict=True):
        text = text_of("v2", tweet)
        if late and not is_retweet("v2", tweet):  # a retweet may repeat an older tweet
            assert "Belgium" not in text and "#BELJPN" not in text and "#JPN" not in text


def test_host_chatter_names_the_country_without_the_match():
    match = shipped().find("QAT-ECU")
    out = io.StringIO()
    write_stream(out, match, tweets=4000, fmt="snscrape", host=0.3, retweets=0.0, seed=2)
    texts = [json.loads(line)["rawContent"] for line in out.getvalue().splitlines()]
    host = [t for t in texts if any(h.format(host="Qatar")[:25] in t for h in HOST_TEXTS)]
    assert 0.15 < len(host) / len(texts) < 0.35  # the share of chatter, not of reactions
    for text in host:
        assert "Ecuador" not in text and "#QATECU" not in text and "#QAT " not in text + " "
    assert write_stream(io.StringIO(), match, tweets=100, host=0.0).tweets == 100


def test_the_kaggle_shape_has_no_author_and_pads_its_rows():
    out = io.StringIO()
    summary = write_stream(out, shipped().find(MATCH), tweets=1000, fmt="kaggle", seed=3)
    text = out.getvalue()
    assert text.startswith(",Date Created,Number of Likes,Source of Tweet,Tweet,Sentiment\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    tweets = [r for r in rows[1:] if any(r)]
    assert len(tweets) == summary.tweets == 1000
    assert [r[0] for r in tweets] == [str(i) for i in range(1000)]
    assert 1.1 < (len(rows) - 1 - 1000) / 1000 < 1.4  # 12,524 for 10,000 in the real export
    assert {r[5] for r in tweets} == {"positive", "neutral", "negative"}
    assert sum(r[4].startswith("RT @") for r in tweets) == summary.retweets
    # The label is the mood the text was written in: VADER agrees on every original.
    scorer = default_scorer()
    for row in tweets[:300]:
        if not row[4].startswith("RT @"):
            compound = scorer.score(row[4]).compound
            assert {"positive": compound > 0, "negative": compound < 0}.get(row[5], True), row


def test_the_command_writes_the_new_shapes(tmp_path, capsys):
    out = tmp_path / "k.csv"
    with pytest.raises(SystemExit) as exit_:
        main(
            [str(out), "--tweets", "300", "--format", "kaggle", "--match", "QAT-ECU",
             "--start-after", "7", "--tail", "6", "--host", "0.3"]
        )  # fmt: skip
    assert exit_.value.code == 0
    assert "(kaggle format, seed 1): 2022-11-20 16:08:06 to 23:42:41 UTC" in capsys.readouterr().err
    r_out = tmp_path / "r.csv"
    with pytest.raises(SystemExit):
        main([str(r_out), "--tweets", "50", "--format", "twitter-r"])
    with pytest.raises(UnicodeDecodeError):
        r_out.read_bytes().decode("utf-8")  # cp1252, as R on Windows writes
    assert r_out.read_bytes().decode("cp1252").startswith('"","text","favorited",')
    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path / "x.csv"), "--start-after", "500"])  # BEL-JPN is over by then
    assert exit_.value.code == 1
    assert (
        "Error: the stream would start after the final whistle (500 minutes"
        in capsys.readouterr().err
    )
