"""Reading a folder: every file read or skipped with a reason, in a stable order."""

from __future__ import annotations

import pytest

from analyzer.errors import InputError
from analyzer.ingest import Inputs, read_folder
from analyzer.ingest.blocks import LineBlock, read_block
from analyzer.records import Kind

from .conftest import SAMPLES


def test_the_sample_folder(tmp_path) -> None:
    corpus = read_folder(SAMPLES)
    assert [(f.path, f.counts) for f in corpus.read] == [
        ("000_a40163282d53053a.txt", {"quote": 1}),
        ("001_f94c4db15e66a882.txt", {"tweet": 17}),
        ("002_14d4a9f4abd7d5c7.txt", {"quote": 8}),
    ]
    assert corpus.skipped == []


def test_records_keep_their_provenance() -> None:
    corpus = read_folder(SAMPLES.parent)
    okada = [r for r in corpus.records if r.author.name == "Nao Okada"]
    assert [(r.source.path, r.source.line, r.source.position) for r in okada] == [
        ("BEL-JPN/002_14d4a9f4abd7d5c7.txt", 32, 2),
        ("BEL-JPN/002_14d4a9f4abd7d5c7.txt", 34, 3),
    ]
    text = (SAMPLES / "002_14d4a9f4abd7d5c7.txt").read_text(encoding="utf-8")
    assert text[okada[0].source.offset :].startswith("When we took the lead")


def test_the_article_date_comes_from_the_header() -> None:
    tweets = [r for r in read_folder(SAMPLES).records if r.kind is Kind.TWEET]
    assert {str(r.source.document_date) for r in tweets} == {"2018-07-02"}


def test_record_ids_are_stable_and_unique() -> None:
    first = [r.record_id for r in read_folder(SAMPLES).records]
    assert first == [r.record_id for r in read_folder(SAMPLES).records]
    assert len(set(first)) == len(first)


def test_subfolders_are_read_and_hidden_files_listed(tmp_path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "a.txt").write_text("Go! — A (@a) July 2, 2018", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))  # read, as cp1252
    corpus = read_folder(tmp_path)
    assert [(f.path, [str(p) for p in f.problems]) for f in corpus.read] == [
        ("latin1.txt", ["line 1: not UTF-8 (first at byte 3: 0xE9): read as cp1252 where it is "
                        "not; if the text looks wrong, give the file's encoding with --encoding"]),
        ("deep/er/a.txt", []),  # a folder's own files come before its subfolders'
    ]  # fmt: skip
    assert [(s.path, s.reason) for s in corpus.skipped] == [(".DS_Store", "hidden file")]


def test_a_single_file_can_be_the_input() -> None:
    corpus = read_folder(SAMPLES / "001_f94c4db15e66a882.txt")
    assert len(corpus.records) == 17


def test_a_folder_with_nothing_usable_is_an_error(tmp_path) -> None:
    (tmp_path / "x.bin").write_bytes(b"\x00\x01")
    with pytest.raises(InputError, match=r"no usable file .*x.bin: binary file"):
        read_folder(tmp_path)


@pytest.mark.parametrize("block_lines", [0, 500])
def test_each_file_is_hashed_from_the_bytes_read(tmp_path, block_lines) -> None:
    import hashlib

    from analyzer.ingest.opening import HEAD_BYTES
    from analyzer.matches import shipped
    from analyzer.synthetic import write_stream

    big = tmp_path / "stream.jsonl"
    write_stream(big, shipped().find("BEL-JPN"), tweets=3000, fmt="v1", seed=3)
    assert big.stat().st_size > HEAD_BYTES  # read as a stream, not all at once
    small = tmp_path / "article.txt"
    small.write_text("Fans cheered.\n\n“What a night,” said Ann, a fan.\n", encoding="utf-8")
    inputs = Inputs(tmp_path)
    for unit in inputs.work(block_lines=block_lines):
        if isinstance(unit, LineBlock):
            inputs.block_done(unit, read_block(unit, options=inputs.options))
    inputs.finish()
    hashes = {f.path: f.sha256 for f in inputs.read}
    assert hashes == {
        "article.txt": hashlib.sha256(small.read_bytes()).hexdigest(),
        "stream.jsonl": hashlib.sha256(big.read_bytes()).hexdigest(),
    }
