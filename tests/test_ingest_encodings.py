"""Text encodings: byte-order marks, UTF-16 without one, cp1252 fallback, a forced encoding, binaries."""

from __future__ import annotations

import codecs
import datetime
import io
import json
import tracemalloc
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.errors import InputError
from analyzer.ingest import Inputs, ReadOptions, jsonlines, opening, read_folder
from analyzer.ingest.decoding import (
    CP1252,
    FALLBACK_ERRORS,
    DecodeError,
    binary_kind,
    first_error,
    text_encoding,
)
from analyzer.ingest.opening import HEAD_BYTES

SIGNATURE = " — Fan (@fan) July 2, 2018\n"
MULLER = "Müller’s goal!"
# Beyond cp1252: a flag, a right-to-left mark with Arabic, a combining acute accent.
WIDE_TEXT = "Müller’s goal! 🇧🇪 \u200fهدف e\u0301"


def read_one(tmp_path, data: bytes, *, name: str = "a.txt", encoding: str | None = None):
    (tmp_path / name).write_bytes(data)
    corpus = read_folder(tmp_path / name, options=ReadOptions(encoding=encoding))
    [read] = corpus.read
    return corpus.records, [str(p) for p in read.problems]


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: s.encode("utf-8-sig"),
        lambda s: s.encode("utf-16"),  # with a byte-order mark (little-endian here)
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: s.encode("utf-16-le"),  # no mark: every other byte is NUL
        lambda s: s.encode("utf-16-be"),
        lambda s: s.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16", "utf-16be bom", "utf-16le bom", "utf-16le", "utf-16be",
         "utf-32"],
)  # fmt: skip
def test_unicode_encodings_are_read_exactly(tmp_path, encode) -> None:
    records, problems = read_one(tmp_path, encode("Prose.\n\n" + WIDE_TEXT + SIGNATURE))
    assert [(r.text, r.author.handle, r.source.line, r.source.offset) for r in records] == [
        (WIDE_TEXT, "fan", 3, 8)
    ]
    assert problems == []


def test_a_cp1252_file_is_read_without_mojibake_and_said_so(tmp_path) -> None:
    data = ("Prose.\n\n" + MULLER + " -- Fan (@fan) July 2, 2018\n").encode("cp1252")
    records, problems = read_one(tmp_path, data)
    assert [r.text for r in records] == [MULLER]
    assert problems == [
        "line 3: not UTF-8 (first at byte 9: 0xFC): read as cp1252 where it is not; "
        "if the text looks wrong, give the file's encoding with --encoding"
    ]


def test_a_latin1_csv_is_read(tmp_path) -> None:
    data = "id,text\n1013862462959792129,Allez les Diables! Café crème\n".encode("latin-1")
    records, problems = read_one(tmp_path, data, name="t.csv")
    assert [r.text for r in records] == ["Allez les Diables! Café crème"]
    assert problems == [
        "line 2: not UTF-8 (first at byte 50: 0xE9): read as cp1252 where it is not; "
        "if the text looks wrong, give the file's encoding with --encoding"
    ]


def test_utf8_with_stray_cp1252_bytes_keeps_both(tmp_path) -> None:
    # Pasted together: UTF-8 emoji in one tweet, a cp1252 apostrophe (0x92) in the next.
    data = (
        "Wow 🇯🇵 — A (@a) July 2, 2018\n\n".encode()
        + "Müller".encode()
        + b"\x92s goal -- B (@b) July 2, 2018\n"
    )
    records, problems = read_one(tmp_path, data)
    assert [r.text for r in records] == ["Wow 🇯🇵", "Müller’s goal"]
    assert problems == [
        "line 3: not UTF-8 (first at byte 45: 0x92): read as cp1252 where it is not; "
        "if the text looks wrong, give the file's encoding with --encoding"
    ]


@pytest.mark.slow
def test_a_large_file_is_checked_and_decoded_in_a_stream(tmp_path) -> None:
    # Past the head that is read at once: the bad byte is found by the check, not the head.
    tweet = {"id_str": "1013861278670340098", "text": "Inui! ⚽", "user": {"screen_name": "a"}}
    lines = [json.dumps(tweet, ensure_ascii=False).encode()] * 40_000
    lines.append(b'{"id_str": "2", "text": "M\xfcller\x92s", "user": {"screen_name": "b"}}')
    data = b"\n".join(lines) + b"\n"
    assert len(data) > HEAD_BYTES
    records, problems = read_one(tmp_path, data, name="big.jsonl")
    assert len(records) == 40_001
    assert (records[-1].text, records[-1].source.line) == ("Müller’s", 40_001)
    where = len(data) - len(lines[-1]) - 1 + lines[-1].index(b"\xfc")
    assert problems == [
        f"line 40001: not UTF-8 (first at byte {where}: 0xFC): read as cp1252 "
        "where it is not; if the text looks wrong, give the file's encoding with --encoding"
    ]


def test_a_large_file_is_checked_and_decoded_in_bounded_memory(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(opening, "CHECK_CHUNK_BYTES", 1 << 16)
    monkeypatch.setattr(jsonlines, "CHUNK_CHARS", 1 << 16)
    tweet = {
        "id_str": "1",
        "text": "Inui! What a goal for Japan. " * 100,
        "user": {"screen_name": "a"},
    }
    line = json.dumps(tweet).encode()
    data = b"\n".join([line] * 2000 + [b'{"id_str": "2", "text": "M\xfcller", "user": {}}'])
    (tmp_path / "a.jsonl").write_bytes(data)
    tracemalloc.start()
    try:
        batches = [(len(b.records), b.records[-1].text) for b in Inputs(tmp_path).batches(size=100)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(data) > 5_000_000 and batches[-1] == (1, "Müller")
    assert sum(n for n, _ in batches) == 2001
    assert peak < 2_000_000  # the head, a chunk or two and a batch: never the file


def test_a_forced_encoding_overrides_detection(tmp_path) -> None:
    data = (MULLER + " -- Fan (@fan) July 2, 2018\n").encode("utf-8")
    # The user says cp1252: the UTF-8 bytes are read as cp1252, as asked (mojibake is theirs).
    records, problems = read_one(tmp_path, data, encoding="cp1252")
    assert [r.text for r in records] == ["MÃ¼llerâ€™s goal!"]
    assert problems == []
    records, problems = read_one(tmp_path, (MULLER + SIGNATURE).encode("cp1252"), encoding="1252")
    assert ([r.text for r in records], problems) == ([MULLER], [])  # as detection would


def test_a_forced_encoding_reports_what_does_not_decode(tmp_path) -> None:
    data = (MULLER + " -- Fan (@fan) July 2, 2018\n").encode("cp1252")
    records, problems = read_one(tmp_path, data, encoding="utf-8")
    assert [r.text for r in records] == ["M\ufffdller\ufffds goal!"]
    assert problems == [
        "line 1: not UTF-8 (first at byte 1: 0xFC): bytes that do not decode are read as "
        "U+FFFD; if the text looks wrong, give the file's encoding with --encoding"
    ]


def test_a_forced_utf8_still_drops_the_byte_order_mark(tmp_path) -> None:
    records, problems = read_one(
        tmp_path, (MULLER + SIGNATURE).encode("utf-8-sig"), encoding="utf8"
    )
    assert ([(r.text, r.source.offset) for r in records], problems) == ([(MULLER, 0)], [])


def test_a_forced_utf16_le_file_with_a_mark_does_not_keep_it(tmp_path) -> None:
    data = codecs.BOM_UTF16_LE + (MULLER + SIGNATURE).encode("utf-16-le")
    records, problems = read_one(tmp_path, data, encoding="utf-16-le")
    assert ([(r.text, r.source.offset) for r in records], problems) == ([(MULLER, 0)], [])


def test_a_truncated_utf16_file_loses_only_its_last_byte(tmp_path) -> None:
    data = (MULLER + SIGNATURE).encode("utf-16")[:-1]  # the last "\n" cut in half
    records, problems = read_one(tmp_path, data)
    assert [r.text for r in records] == [MULLER]
    assert problems == [
        f"line 1: not UTF-16 (first at byte {len(data) - 1}: 0x0A): bytes that do not decode "
        "are read as U+FFFD; if the text looks wrong, give the file's encoding with --encoding"
    ]


@pytest.mark.parametrize("name", ["klingon", "rot13", "base64"])
def test_an_encoding_python_does_not_know_as_text_is_an_error(name) -> None:
    with pytest.raises(InputError) as error:
        ReadOptions(encoding=name)
    assert str(error.value) == (
        f"unknown encoding {name!r}; name one Python knows, such as utf-8, utf-16, cp1252 "
        "or latin-1"
    )


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip archive, or .xlsx/.docx: save tables as CSV, "
                                        "articles as plain text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "old Office file, .xls/.doc: save tables as "
                                                  "CSV, articles as plain text"),
        (b"\x1f\x8b\x08\x00", "gzip archive: unpack it first"),
        (b"BZh91AY&SY", "bzip2 archive: unpack it first"),
        (b"\xfd7zXZ\x00\x00", "xz archive: unpack it first"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "7-Zip archive: unpack it first"),
        (b"\x28\xb5\x2f\xfd\x00", "zstd archive: unpack it first"),
        (b"Rar!\x1a\x07\x01\x00", "RAR archive: unpack it first"),
        (b"SQLite format 3\x00\x10\x00", "SQLite database"),
        (b"PAR1\x15\x04\x15\x10", "Parquet table"),
        (b"\x7fELF\x02\x01\x01", "program (ELF)"),
        (b"\x00\x00\x00\x20ftypisom", "video (MP4/MOV)"),
        # Text that starts like a magic number is not one.
        (b"PAR1 was a good game", None),
        (b"BZh, said the fan", None),
        (b"GIF87 reasons to watch", None),
    ],
)  # fmt: skip
def test_binary_files_are_named_by_their_first_bytes(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind


def test_binary_files_are_skipped_with_what_they_are(tmp_path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)  # NUL bytes, no magic
    (tmp_path / "noise.dat").write_bytes(bytes([1, 2, 3, 27, 65]) * 100)  # control bytes, no NUL
    (tmp_path / "two.bin").write_bytes(b"\x00\x01")  # not UTF-16 either: U+0001 is no text
    (tmp_path / "ok.txt").write_text("Go! — A (@a) July 2, 2018", encoding="utf-8")
    corpus = read_folder(tmp_path)
    assert [(s.path, s.reason) for s in corpus.skipped] == [
        ("blob.bin", "binary file, not text"),
        ("noise.dat", "binary file, not text"),
        ("photo.png", "binary file (PNG image)"),
        ("two.bin", "binary file, not text"),
    ]


@pytest.mark.parametrize(
    ("data", "forced", "expected"),
    [
        (b"plain", None, "utf-8"),
        (codecs.BOM_UTF8 + b"x", None, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "x".encode("utf-16-le"), None, "utf-16"),
        (codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), None, "utf-32"),  # not UTF-16's mark
        ("Inui scores".encode("utf-16-le"), None, "utf-16-le"),
        ("Inui scores".encode("utf-16-be"), None, "utf-16-be"),
        ("Inui scores a great goal\x00".encode("utf-16-le"), None, "utf-16-le"),  # one NUL
        (b"text with a \x00 in it", None, "utf-8"),  # a stray NUL: removed from records
        (b"\x00\x00\x00\x00", None, None),
        (b"\x00text\x00with\x00\x00many", None, None),
        (b"plain", "latin-1", "iso8859-1"),
        (b"plain", "UTF8", "utf-8-sig"),
        (b"x\x00y\x00", "utf-16", "utf-16"),
        (b"\x00\x00\x00\x00text", "cp1252", None),  # forcing an encoding does not make text
    ],
)
def test_text_encoding(data: bytes, forced: str | None, expected: str | None) -> None:
    assert text_encoding(data, forced=forced) == expected


# Property: decoding never fails, whatever the bytes, and chunk boundaries change nothing.


@settings(max_examples=300)
@given(data=st.binary(max_size=300), cuts=st.lists(st.integers(0, 300), max_size=6))
def test_the_utf8_check_agrees_with_python_whatever_the_chunks(data: bytes, cuts) -> None:
    bounds = sorted({0, len(data), *(c for c in cuts if c <= len(data))})
    chunks = [data[a:b] for a, b in pairwise(bounds)]
    error = first_error(chunks, "utf-8")
    assert error == first_error([data], "utf-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        assert error == DecodeError(
            exc.start, data[: exc.start].count(b"\n") + 1, data[exc.start : exc.end]
        )
    else:
        assert error is None


@settings(max_examples=300)
@given(data=st.binary(max_size=300), chunk=st.integers(1, 16))
def test_decoding_any_bytes_with_the_fallback_never_fails(data: bytes, chunk: int) -> None:
    whole = data.decode("utf-8", FALLBACK_ERRORS)
    stream = io.TextIOWrapper(
        io.BytesIO(data), encoding="utf-8", errors=FALLBACK_ERRORS, newline=""
    )
    stream._CHUNK_SIZE = chunk  # type: ignore[attr-defined]  # small reads: many boundaries
    assert stream.read() == whole
    # What is UTF-8 is read as UTF-8; each byte that is not becomes its cp1252 character.
    escaped = data.decode("utf-8", "surrogateescape")
    assert whole == "".join(
        CP1252[ord(c) - 0xDC00] if 0xDC80 <= ord(c) <= 0xDCFF else c for c in escaped
    )


@settings(max_examples=300)
@given(st.binary(max_size=2000))
def test_any_bytes_have_an_encoding_or_are_binary(data: bytes) -> None:
    codec = text_encoding(data, forced=None)
    if codec is not None:
        first_error([data], codec)  # never raises
        codecs.decode(data, codec, "replace")


# Pages in the encodings of their own scripts (issue 11): Shift-JIS pages write the
# signature's dash as a horizontal bar, the character Shift-JIS has for it.
JAPANESE_PAGE = (
    "日本代表はベルギーに2対3で敗れ、ベスト8進出を逃した。試合後、多くのファンが選手たちを称えた。\n\n"
    "最高の試合だった！ありがとう日本代表 ― サムライ応援団 (@samurai_fan) 2018年7月3日\n\n"
    "西野監督は試合後、選手たちの健闘をたたえた。\n"
)
CHINESE_PAGE = (
    "日本队以2比3输给比利时，无缘八强。赛后，许多球迷在网上称赞日本球员的表现。\n\n"
    "太精彩了！日本队虽败犹荣 — 足球迷 (@zuqiumi) 2018年7月3日\n"
)
RUSSIAN_PAGE = (
    "Сборная Японии уступила Бельгии со счётом 2:3, болельщики поддержали игроков в соцсетях.\n\n"
    "Какой матч! Япония сыграла великолепно — Болельщик (@bolelshik) 3 июля 2018 г.\n"
)


@pytest.mark.parametrize(
    ("page", "encoding", "text", "handle", "shown"),
    [
        (
            JAPANESE_PAGE,
            "shift_jis",
            "最高の試合だった！ありがとう日本代表",
            "samurai_fan",
            "cp932",
        ),
        (
            JAPANESE_PAGE,
            "euc_jp",
            "最高の試合だった！ありがとう日本代表",
            "samurai_fan",
            "euc_jis_2004",
        ),
        (CHINESE_PAGE, "gbk", "太精彩了！日本队虽败犹荣", "zuqiumi", "gb18030"),
        (RUSSIAN_PAGE, "cp1251", "Какой матч! Япония сыграла великолепно", "bolelshik", "cp1251"),
    ],
)
def test_pages_in_their_own_scripts_encodings_are_read_and_said_so(
    tmp_path, page: str, encoding: str, text: str, handle: str, shown: str
) -> None:
    (tmp_path / "page.txt").write_bytes(page.encode(encoding))
    corpus = read_folder(tmp_path)
    [read] = corpus.read
    assert [(r.text, r.author.handle, r.posted_date) for r in corpus.records] == [
        (text, handle, datetime.date(2018, 7, 3))
    ]
    assert list(read.problems) == []
    assert read.notes == (f"read as {shown}, the encoding its bytes have",)


def test_a_forced_encoding_is_not_second_guessed(tmp_path) -> None:
    (tmp_path / "page.txt").write_bytes(RUSSIAN_PAGE.encode("cp1251"))
    corpus = read_folder(tmp_path, options=ReadOptions(encoding="cp1251"))
    [read] = corpus.read
    assert corpus.records[0].author.handle == "bolelshik"
    assert read.notes == ()
