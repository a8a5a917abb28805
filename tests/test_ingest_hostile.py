"""Bad input: odd files, faults, huge lines and hostile text are read or skipped, and always said."""

from __future__ import annotations

import errno
import io
import json
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import InputError
from analyzer.ingest import (
    Problems,
    ReadOptions,
    csv_export,
    jsonlines,
    opening,
    read_folder,
)
from analyzer.ingest import twitter_v1 as twitter_v1_module
from analyzer.ingest.article import read_article
from analyzer.ingest.base import UnusableFile
from analyzer.ingest.cleaning import RE_UNSAFE
from analyzer.ingest.formats import MAX_ARTICLE_BYTES, read_article_stream
from analyzer.records import Kind

from .conftest import ARTICLE_WITH_TWEETS, SAMPLES

TWEET = {
    "created_at": "Mon Jul 02 19:05:21 +0000 2018",
    "id_str": "1013861278670340098",
    "text": "Inui!",
    "user": {"screen_name": "kenta_blue"},
}
LINE = json.dumps(TWEET)
SIGNATURE = " — Fan (@fan) July 2, 2018"


def accounts(corpus) -> tuple[list, list]:
    read = [(f.path, f.format, f.counts, [str(p) for p in f.problems]) for f in corpus.read]
    return read, [(s.path, s.reason) for s in corpus.skipped]


# Files that cannot be read, or are not files.


def test_empty_and_blank_files_are_skipped(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n")
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "ok.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    assert accounts(read_folder(tmp_path))[1] == [
        ("blank.txt", "empty file (only white space)"),
        ("bom.csv", "empty file (only white space)"),
        ("empty.txt", "empty file"),
    ]


def test_an_unreadable_file_is_skipped_with_the_os_reason(tmp_path, monkeypatch) -> None:
    # CI runs as root, where chmod 000 does not stop reading; so the opener fails the way
    # open() fails on a file without read permission, the path a real one takes.
    (tmp_path / "locked.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    (tmp_path / "open.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    opener = opening.open_bytes

    def refuse(path: Path):
        if path.name == "locked.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return opener(path)

    monkeypatch.setattr(opening, "open_bytes", refuse)
    read, skipped = accounts(read_folder(tmp_path))
    assert [path for path, *_ in read] == ["open.txt"]
    assert skipped == [("locked.txt", "cannot be read (Permission denied); check the file's permissions")]  # fmt: skip


def test_a_read_error_midway_keeps_what_was_read_and_says_so(tmp_path, monkeypatch) -> None:
    (tmp_path / "a.jsonl").write_text((LINE + "\n") * 10_000, encoding="utf-8")  # 1.4 MB
    opened = []

    class FailingDisk(io.RawIOBase):
        """A file whose disk fails 1.2 MB into the third reading of it."""

        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return True

        def seek(self, offset: int, whence: int = 0) -> int:
            return self.data.seek(offset, whence)

        def tell(self) -> int:
            return self.data.tell()

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
            if len(opened) == 3 and self.data.tell() >= 1_200_000:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            return self.data.readinto(buffer)

    def open_failing(path: Path) -> io.BufferedReader:
        opened.append(path)  # 1: the head, 2: the check of its encoding, 3: the records
        return io.BufferedReader(FailingDisk(path.read_bytes()))

    monkeypatch.setattr(opening, "open_bytes", open_failing)
    corpus = read_folder(tmp_path)
    [read] = corpus.read
    assert [str(p) for p in read.problems] == [
        "reading stopped (Input/output error); the rest of the file is skipped"
    ]
    # Every line of the first chunk read is a record: the batch they were in is kept.
    whole_lines = jsonlines.CHUNK_CHARS // (len(LINE) + 1)
    assert len(opened) == 3 and read.counts == {"tweet": whole_lines}
    assert [r.source.line for r in corpus.records] == list(range(1, whole_lines + 1))


def test_an_unreadable_folder_is_listed(tmp_path, monkeypatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    scandir = os.scandir

    def refuse(path):  # as os.walk meets a folder without permission (root reads any)
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    read, skipped = accounts(read_folder(tmp_path))
    assert [path for path, *_ in read] == ["b.txt"]
    assert skipped == [("locked/", "folder cannot be read (Permission denied)")]


def test_a_named_pipe_is_skipped_not_waited_on(tmp_path) -> None:
    os.mkfifo(tmp_path / "tweets.jsonl")  # opening it would block until someone writes
    (tmp_path / "ok.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    assert accounts(read_folder(tmp_path))[1] == [
        ("tweets.jsonl", "not a regular file (a named pipe)")
    ]


def test_links(tmp_path) -> None:
    inputs, outside = tmp_path / "in", tmp_path / "outside"
    (inputs / ".archive").mkdir(parents=True)
    outside.mkdir()
    (inputs / "a.txt").write_text("A!" + SIGNATURE, encoding="utf-8")
    (inputs / ".archive" / "old.txt").write_text("Old!" + SIGNATURE, encoding="utf-8")
    (outside / "secret.txt").write_text("Secret!" + SIGNATURE, encoding="utf-8")
    (inputs / "again.txt").symlink_to("a.txt")  # read once, as a.txt
    (inputs / "old.txt").symlink_to(".archive/old.txt")  # only reachable through the link
    (inputs / "secret.txt").symlink_to(outside / "secret.txt")
    (inputs / "loop").symlink_to("loop")
    (inputs / "gone.txt").symlink_to("nowhere.txt")
    (inputs / "more").symlink_to(outside, target_is_directory=True)
    (inputs / "self").symlink_to(".", target_is_directory=True)
    corpus = read_folder(inputs)
    assert [(r.source.path, r.text) for r in corpus.records] == [("a.txt", "A!"), ("old.txt", "Old!")]  # fmt: skip
    assert accounts(corpus)[1] == [
        (".archive/", "hidden folder"),
        ("more/", "a link to a folder, not followed (it could loop); move or copy the folder in"),
        ("self/", "a link to a folder, not followed (it could loop); move or copy the folder in"),
        ("again.txt", "a link to a.txt, which is read itself"),
        ("gone.txt", "a link to nowhere.txt, which does not exist"),
        ("loop", "a link that loops back on itself"),
        (
            "secret.txt",
            f"a link to {outside.resolve() / 'secret.txt'}, outside the input folder; "
            "copy the file in to read it",
        ),
    ]


# Large files and long lines.


def test_an_article_bigger_than_the_limit_is_skipped_saying_so(tmp_path) -> None:
    text = ("Japan lead. " * 1000 + "\n\n") * (MAX_ARTICLE_BYTES // 12_002 + 1)
    (tmp_path / "dump.txt").write_text(text, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    assert len(text) > MAX_ARTICLE_BYTES == 20 * 2**20
    assert accounts(read_folder(tmp_path))[1] == [
        (
            "dump.txt",
            f"{len(text) / 2**20:.1f} MiB of plain text, too big for an article (at most 20 MiB); "
            "split it, or export its tweets as JSON Lines or CSV",
        )
    ]


def test_the_article_reader_itself_stops_at_the_limit() -> None:
    stream = io.StringIO("x" * (MAX_ARTICLE_BYTES + 1))
    records = read_article_stream(stream, path="a", options=ReadOptions(), problems=Problems("a"))
    with pytest.raises(UnusableFile) as error:
        next(records)
    assert str(error.value) == (
        "plain text, too big for an article (at most 20 MiB); "
        "split it, or export its tweets as JSON Lines or CSV"
    )
    assert stream.tell() == MAX_ARTICLE_BYTES + 1  # no further


@pytest.mark.slow
def test_a_json_line_over_the_limit_is_skipped_with_its_line(tmp_path) -> None:
    huge = json.dumps({**TWEET, "text": "x" * (jsonlines.MAX_VALUE_CHARS + 1)})
    (tmp_path / "a.jsonl").write_text(f"{LINE}\n{huge}\n{LINE}\n", encoding="utf-8")
    assert accounts(read_folder(tmp_path))[0] == [
        (
            "a.jsonl",
            "twitter-v1",
            {"tweet": 2},
            ["line 2: a JSON value over 67,108,864 characters, the most one may have; skipped"],
        )
    ]


def test_a_huge_line_is_never_held_whole(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(jsonlines, "MAX_VALUE_CHARS", 1 << 20)
    monkeypatch.setattr(jsonlines, "CHUNK_CHARS", 1 << 16)
    huge = json.dumps({**TWEET, "text": "x" * (16 << 20)})  # 16 times the limit
    # First: the head is all that line, and the format is found from the lines after it.
    (tmp_path / "a.jsonl").write_text(f"{huge}\n{LINE}\n{LINE}\n", encoding="utf-8")
    del huge
    tracemalloc.start()
    try:
        corpus = read_folder(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert accounts(corpus)[0] == [
        (
            "a.jsonl",
            "twitter-v1",
            {"tweet": 2},
            ["line 1: a JSON value over 1,048,576 characters, the most one may have; skipped"],
        )
    ]
    assert peak < 6 << 20  # the limit and a few chunks, not the 16 MiB line


def test_a_csv_line_over_the_limit_is_skipped_with_its_line(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csv_export, "MAX_LINE_CHARS", 1000)
    rows = ["id,text", "1,first", f"2,{'x' * 5000}", "3,third", "4,fourth"]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    corpus = read_folder(tmp_path)
    assert [(r.source.line, r.text) for r in corpus.records] == [
        (2, "first"), (4, "third"), (5, "fourth"),
    ]  # fmt: skip
    assert accounts(corpus)[0][0][3] == ["line 3: a line over 1,000 characters; skipped"]


def test_a_json_line_nested_too_deeply_is_skipped(tmp_path) -> None:
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (tmp_path / "a.jsonl").write_text(f"{deep}\n{LINE}\n", encoding="utf-8")
    assert accounts(read_folder(tmp_path))[0] == [
        (
            "a.jsonl",
            "twitter-v1",
            {"tweet": 1},
            ["line 1: not JSON (nested too deeply to read); skipped"],
        )
    ]


def test_truncated_json_and_json_lines_keep_what_came_before(tmp_path) -> None:
    (tmp_path / "cut.jsonl").write_text(f"{LINE}\n{LINE}\n{LINE[:40]}", encoding="utf-8")
    (tmp_path / "cut.json").write_text(f"[{LINE},\n{LINE},\n{LINE[:40]}", encoding="utf-8")
    assert accounts(read_folder(tmp_path))[0] == [
        ("cut.json", "twitter-v1", {"tweet": 2},
         ["line 3: the file ends inside this JSON value (cut short?)"]),
        ("cut.jsonl", "twitter-v1", {"tweet": 2},
         ["line 3: the file ends inside this JSON value (cut short?)"]),
    ]  # fmt: skip


def test_a_csv_with_a_header_i_do_not_know(tmp_path) -> None:
    (tmp_path / "t.csv").write_text("id,label,score\n1,pos,0.5\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    assert accounts(read_folder(tmp_path))[1] == [
        (
            "t.csv",
            "CSV without a text column I know (columns: id, label, score); "
            "name the one holding the tweets with --text-column",
        )
    ]


def test_a_readers_own_error_stops_its_file_not_the_run(tmp_path, monkeypatch) -> None:
    (tmp_path / "a.jsonl").write_text((LINE + "\n") * 3, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Go!" + SIGNATURE, encoding="utf-8")
    real = twitter_v1_module.tweet_record
    calls = iter(range(10))

    def broken(*args, **kwargs):
        if next(calls) == 2:
            raise KeyError("user")
        return real(*args, **kwargs)

    monkeypatch.setattr(twitter_v1_module, "tweet_record", broken)
    assert accounts(read_folder(tmp_path))[0] == [
        (
            "a.jsonl",
            "twitter-v1",
            {"tweet": 2},
            [
                "reading stopped by an error in the reader (KeyError: 'user'); the rest of "
                "the file is skipped: please report this"
            ],
        ),
        ("b.txt", "article", {"tweet": 1}, []),
    ]


@pytest.mark.slow
def test_thousands_of_small_files_are_read_quickly(tmp_path) -> None:
    for i in range(3000):
        if i % 3 == 0:
            text = f"Goal {i}!{SIGNATURE}\n"
        elif i % 3 == 1:
            text = json.dumps({**TWEET, "id_str": str(10**18 + i), "text": f"Tweet {i}"}) + "\n"
        else:
            text = f"id,text\n{10**18 + i},Row {i}\n"
        (tmp_path / f"{i:04}.{['txt', 'jsonl', 'csv'][i % 3]}").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    corpus = read_folder(tmp_path)
    elapsed = time.perf_counter() - started
    assert len(corpus.read) == len(corpus.records) == 3000 and corpus.skipped == []
    assert [f.format for f in corpus.read[:3]] == ["article", "twitter-v1", "csv"]
    assert [r.text for r in corpus.records[-3:]] == ["Goal 2997!", "Tweet 2998", "Row 2999"]
    assert elapsed < 10  # some 0.5 s here: a per-file cost that grew with the folder would not be


# Hostile text.


# As a scraper may leave them in a tweet: NUL, BEL, ESC, DEL, NEL and CSI (C1).
CONTROLS = "Inui\x00 scores\x07 from\x1b outside\x7f the box!\x85What a strike\x9b for Japan."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.jsonl", json.dumps({**TWEET, "text": CONTROLS, "user": {"screen_name": "x\x00y"}})),
        ("a.csv", f"id,text,screen_name\n1,{CONTROLS},x\x00y\n"),
        ("a.txt", f"Prose.\n\n{CONTROLS} — Fan (@xy) July 2, 2018\n"),
    ],
)
def test_control_characters_are_removed_and_reported(tmp_path, name, content) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    corpus = read_folder(tmp_path)
    [record] = corpus.records
    # NEL (U+0085) is a line break; the others go.
    assert (record.text, record.author.handle) == (
        "Inui scores from outside the box!\nWhat a strike for Japan.",
        "xy",
    )
    [problem] = corpus.read[0].problems
    assert problem.message == (
        "removed control characters (U+0000, U+0007, U+001B, U+007F, ...) from 1 record, "
        "the first on this line"
    )


def test_line_breaks_of_any_kind_become_newlines_without_a_word(tmp_path) -> None:
    text = "one\r\ntwo\rthree\x0bfour\x0cfive"
    (tmp_path / "a.jsonl").write_text(json.dumps({**TWEET, "text": text}), encoding="utf-8")
    corpus = read_folder(tmp_path)
    assert [r.text for r in corpus.records] == ["one\ntwo\nthree\nfour\nfive"]
    assert corpus.read[0].problems == ()


def test_half_an_emoji_becomes_a_replacement_character(tmp_path) -> None:
    # "\ud83d" without its pair cannot be written as UTF-8 (records.csv would fail).
    lines = [json.dumps({**TWEET, "text": t}) for t in ("Goal \ud83d!", "Fine 😀", "Again \ude00")]
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    corpus = read_folder(tmp_path)
    assert [r.text for r in corpus.records] == ["Goal \ufffd!", "Fine 😀", "Again \ufffd"]
    assert [str(p) for p in corpus.read[0].problems] == [
        "line 1: replaced halves of characters (U+D83D, U+DE00, lone surrogates) with U+FFFD "
        "in 2 records, the first on this line"
    ]
    for record in corpus.records:
        record.record_id  # noqa: B018  # hashes the UTF-8 text: would fail on a surrogate


# Kept exactly: right-to-left marks, joiners, combining marks, astral characters.
KEPT = [
    "\u200fيا\u200f سلام! اليابان",  # right-to-left marks around Arabic
    "👨\u200d👩\u200d👧 at the game",  # a family: three emoji held by zero-width joiners
    "Mu\u0308ller, Vertonghen\u0301",  # combining diaeresis and acute
    "𝔾𝕆𝔸𝕃 🇯🇵🇧🇪 🏴󠁧󠁢󠁥󠁮󠁧󠁿",  # mathematical letters, flags, a tag sequence (England)
    "\u202eReversed\u202c and \u2066isolated\u2069",  # bidi overrides and isolates: text too
]


@pytest.mark.parametrize("text", KEPT)
def test_marks_joiners_and_astral_characters_are_kept_in_every_format(tmp_path, text) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({**TWEET, "text": text}), encoding="utf-8")
    (tmp_path / "b.csv").write_text(f'id,text\n1,"{text}"\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"Prose.\n\n{text}{SIGNATURE}\n", encoding="utf-16")
    (tmp_path / "d.txt").write_text(f"“{text},” said Nao Okada.", encoding="utf-8")
    corpus = read_folder(tmp_path)
    assert [(r.source.path, r.kind, r.text) for r in corpus.records] == [
        ("a.jsonl", Kind.TWEET, text),
        ("b.csv", Kind.TWEET, text),
        ("c.txt", Kind.TWEET, text),
        ("d.txt", Kind.QUOTE, text),
    ]
    assert all(f.problem_count == 0 for f in corpus.read)


def test_a_tweet_of_100k_characters_in_every_format(tmp_path) -> None:
    text = ("Inui 🇯🇵 " * 12_500)[:100_000].strip()
    (tmp_path / "a.jsonl").write_text(json.dumps({**TWEET, "text": text}), encoding="utf-8")
    (tmp_path / "b.csv").write_text(f"id,text\n1,{text}\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"Prose.\n\n{text}{SIGNATURE}\n", encoding="utf-8")
    corpus = read_folder(tmp_path)
    assert [(r.source.path, len(r.text), r.text == text) for r in corpus.records] == [
        ("a.jsonl", len(text), True), ("b.csv", len(text), True), ("c.txt", len(text), True),
    ]  # fmt: skip
    assert all(f.problem_count == 0 for f in corpus.read)


def test_an_article_of_thousands_of_quotes_tweets_and_links_reads_in_linear_time() -> None:
    # Each speaker, tweet and link once looked at the whole article: minutes, not a second.
    quotes = "".join(f"“Goal number {i},” said Speaker{i} Name. " for i in range(4000))
    tweets = "".join(
        f"Go {i}! — A{i} (@a{i}) July 2, 2018\n\nhttps://twitter.com/x/status/{10**17 + i}\n\n"
        for i in range(4000)
    )
    started = time.perf_counter()
    records = read_article(quotes + "\n\n" + tweets, path="a.txt", problems=Problems("a.txt"))
    assert time.perf_counter() - started < 5  # some 0.3 s here
    kinds = [r.kind for r in records]
    assert (kinds.count(Kind.QUOTE), kinds.count(Kind.TWEET), kinds.count(Kind.TWEET_LINK)) == (
        4000, 4000, 4000,
    )  # fmt: skip
    assert records[1].author.name == "Speaker1 Name"


def test_a_long_sentence_before_a_quote_is_not_searched_from_every_character() -> None:
    text = "Ann said x " * 20_000 + "“Hi,” said Bob."
    started = time.perf_counter()
    records = read_article(text, path="a.txt")
    assert time.perf_counter() - started < 2
    assert [(r.text, r.author.name) for r in records] == [("Hi", "Bob")]


# Accounting: every tweet signature in an article is a tweet record, or is reported.


def test_a_signature_with_no_text_is_a_tweet_without_text(tmp_path) -> None:
    text = "Prose.\n\n— Nobody (@nobody) July 2, 2018\n\nGood — A (@a) July 2, 2018 — B (@b) July 2, 2018"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = read_folder(tmp_path)
    assert [(r.text, r.author.handle, r.source.line) for r in corpus.records] == [
        ("", "nobody", 3), ("Good", "a", 5), ("", "b", 5),
    ]  # fmt: skip
    assert [str(p) for p in corpus.read[0].problems] == [
        "line 3: a tweet signature with no text before it ('— Nobody (@nobody) July 2, 2018'): "
        "kept as a tweet by @nobody without text",
        "line 5: a tweet signature with no text before it ('— B (@b) July 2, 2018'): kept as a "
        "tweet by @b without text",
    ]


def test_signatures_the_finder_cannot_read_are_reported_with_their_lines(tmp_path) -> None:
    text = (
        "Prose.\n\n"
        "One — A (@a) July 2, 2018\n\n"
        "Two — B (@b) 2 July 2018\n\n"  # day before month
        "Three - C (@c) July 2, 2018\n\n"  # a hyphen for the dash
        "Four — D (@a_handle_too_long_for_twitter) July 2, 2018\n\n"
        "Five — E (@e) July 2, 2018\n\n"
        "Prose with a dash - and a handle (@fifa) but no date is no signature.\n"
        "Nor is one - said the federation (@jfa) in Japan in March.\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = read_folder(tmp_path)
    # Day-first dates and a spaced hyphen for the dash are signatures too (issue 11).
    assert [r.text for r in corpus.records] == ["One", "Two", "Three", "Five"]
    cannot = "looks like a tweet signature, but not one I can read (— Name (@handle) date)"
    assert [str(p) for p in corpus.read[0].problems] == [
        "1 of 5 tweet signatures in a.txt could not be read: the tweets they sign are not"
        " records (each is listed below)",
        f"line 9: '— D (@a_handle_too_long_for_twitter) July 2, 2018' {cannot}: the tweet before "
        "it is not a record; 4 of 5 signatures read",
    ]


def test_every_signature_in_the_samples_is_a_tweet() -> None:
    corpus = read_folder(SAMPLES)
    assert [(f.path, f.counts, f.problems) for f in corpus.read] == [
        ("000_a40163282d53053a.txt", {"quote": 1}, ()),
        ("001_f94c4db15e66a882.txt", {"tweet": 17}, ()),
        ("002_14d4a9f4abd7d5c7.txt", {"quote": 8}, ()),
    ]
    assert ARTICLE_WITH_TWEETS.read_text(encoding="utf-8").count("(@") == 17


# Properties: whatever the files hold, every one is read or skipped, and nothing raises.

PIECES = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(
        [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\n", b"\r\n", b"\n\n", b"{", b"[",
         b'"', b"\xe2\x80\x9c", b"\xe2\x80\x9d", b",", b"id,text\n", b'{"text": "',
         LINE.encode(), b" \xe2\x80\x94 A (@a) July 2, 2018", b"\x89PNG\r\n\x1a\n", b"\x92",
         b"\\u0000", b"\\ud83d", b"said Nao Okada.", b"PK\x03\x04"]
    ),
)  # fmt: skip
FILES = st.lists(st.lists(PIECES, max_size=10).map(b"".join), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=FILES, utf16=st.booleans())
def test_any_folder_of_any_bytes_is_read_or_skipped_file_by_file(files, utf16) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        root = Path(folder_name)
        for i, data in enumerate(files):
            name = f"{i}.{['txt', 'jsonl', 'csv', 'json'][i % 4]}"
            (root / name).write_bytes(data.decode("utf-8", "replace").encode("utf-16") if utf16 else data)  # fmt: skip
        try:
            corpus = read_folder(root)
        except InputError as error:
            assert str(error).startswith(f"no usable file in {root} (")
            return
        accounted = sorted([f.path for f in corpus.read] + [s.path for s in corpus.skipped])
        assert accounted == sorted(p.name for p in root.iterdir())
        assert len(corpus.records) == sum(f.total for f in corpus.read)
        for f in corpus.read:
            assert not any("error in the reader" in p.message for p in f.problems)
        for record in corpus.records:
            assert not RE_UNSAFE.search(record.text)
            record.text.encode("utf-8")


HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=())),  # surrogates and controls too
    st.lists(
        st.sampled_from(["“", "”", '"', "\n", "\n\n", "\n\n\n\n", " — A (@a) July 2, 2018",
                         "-- B (@b)", "said Nao Okada.", ":", ", ", "Coach Nishino", "\u200f",
                         "\u200d", "\u0301", "😀", "\x00", "\r", "https://twitter.com/x/status/1",
                         "was appointed coach", "Nao", " ", "."]),
        max_size=40,
    ).map("".join),
)  # fmt: skip


@settings(max_examples=300)
@given(HOSTILE)
def test_the_article_reader_takes_any_text(text: str) -> None:
    problems = Problems("a")
    records = read_article(text, path="a", problems=problems)
    assert [r.source.position for r in records] == list(range(len(records)))
    for record in records:
        assert 0 <= record.source.offset <= len(text)
        assert record.source.line == text.count("\n", 0, record.source.offset) + 1
