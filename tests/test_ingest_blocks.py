"""Reading JSON Lines in blocks of lines gives exactly what reading the whole file gives."""

from __future__ import annotations

import shutil

import pytest

from analyzer.ingest import Inputs
from analyzer.ingest.folder import Batch, LineBlock, read_block

from .conftest import DATA, SAMPLES

STREAMS = DATA / "streams"


def whole(folder) -> tuple[list[tuple], list, list]:
    inputs = Inputs(folder)
    found = [
        (r.source.path, r.source.line, r.source.offset, r.source.position, r.text, r.tweet_id)
        for batch in inputs.batches()
        for r in batch.records
    ]
    return found, inputs.read, inputs.skipped


def in_blocks(folder, block_lines: int) -> tuple[list[tuple], list, list]:
    inputs = Inputs(folder)
    found = []
    positions: dict[str, int] = {}
    for unit in inputs.work(block_lines=block_lines):
        if isinstance(unit, Batch):
            found += [(r.source.path, r.source.line, r.source.offset, r.source.position, r.text,
                       r.tweet_id) for r in unit.records]  # fmt: skip
            continue
        assert isinstance(unit, LineBlock)
        read = read_block(unit, options=inputs.options)
        inputs.block_done(unit, read)
        base = positions.get(unit.path, 0)
        found += [(r.source.path, r.source.line + unit.line - 1, r.source.offset + unit.offset,
                   r.source.position + base, r.text, r.tweet_id) for r in read.records]  # fmt: skip
        positions[unit.path] = base + len(read.records)
    inputs.finish()
    return found, inputs.read, inputs.skipped


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    for fixture in STREAMS.iterdir():
        shutil.copy(fixture, folder / fixture.name)
    shutil.copytree(SAMPLES, folder / "articles")
    return folder


@pytest.mark.parametrize("block_lines", [1, 2, 3, 1000])
def test_blocks_give_the_same_records_and_accounts(folder, block_lines: int) -> None:
    assert in_blocks(folder, block_lines) == whole(folder)


def test_a_long_file_is_cut_into_blocks(folder) -> None:
    units = list(Inputs(folder / "v1_stream.jsonl").work(block_lines=2))
    blocks = [u for u in units if isinstance(u, LineBlock)]
    assert len(blocks) >= 2
    assert all(b.text.startswith("{") for b in blocks)  # each starts a value


def test_arrays_documents_and_csv_are_never_cut(folder) -> None:
    for name in ("v1_timeline.json", "v2_response.json", "export.csv"):
        units = list(Inputs(folder / name).work(block_lines=1))
        assert units and all(isinstance(u, Batch) for u in units), name
