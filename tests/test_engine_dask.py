"""The Dask engine gives what the local engine gives, on a cluster it starts or one it is pointed at."""

from __future__ import annotations

import logging
import subprocess
import sys

import distributed  # the test extra installs Dask: a missing one fails here, never skips
import pandas as pd
import pytest
from click.testing import CliRunner

import analyzer
from analyzer.cli import main
from analyzer.engine import dask_cluster
from analyzer.errors import InputError
from analyzer.matches import shipped
from analyzer.synthetic import write_stream

from .conftest import SAMPLES

DATA_FILES = ("records.csv", "records.jsonl", "moments.csv", "series.csv", "series_wall.csv")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask-input")
    match = shipped().find("BEL-JPN")
    write_stream(folder / "a.jsonl", match, tweets=4000, fmt="v1", retweets=0.3, seed=31)
    write_stream(folder / "b.jsonl", match, tweets=2000, fmt="snscrape", seed=32)
    (folder / "articles").mkdir()
    for article in SAMPLES.iterdir():
        (folder / "articles" / article.name).write_bytes(article.read_bytes())
    return folder


def run(folder, out, **engine) -> tuple[dict[str, bytes], pd.DataFrame]:
    with analyzer.analyze(folder, match="BEL-JPN", authors="all", jobs=2, **engine) as result:
        written = analyzer.write_outputs(result, out).folder
        records = result.records
    return {name: (written / name).read_bytes() for name in DATA_FILES}, records


@pytest.mark.slow
def test_the_dask_engine_gives_the_local_engines_records_scores_moments_and_series(
    folder, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr("analyzer.ingest.folder.BLOCK_LINES", 700)  # several units per file
    local, local_records = run(folder, tmp_path / "local")
    started, started_records = run(folder, tmp_path / "started", engine="dask")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        given, _ = run(
            folder, tmp_path / "given", engine="dask", scheduler=cluster.scheduler_address
        )
    assert local == started == given
    # To the last digit: the same floats, not merely close ones.
    assert local_records["compound"].equals(started_records["compound"])
    assert len(local_records) == 6000 + 26 and local_records["compound"].notna().sum() > 5000


def test_without_dask_the_message_says_how_to_get_it(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(InputError, match=r"pip install 'analyzer\[dask\]'"):
        dask_cluster.load_distributed()


def test_engine_errors_are_one_line(tmp_path, monkeypatch) -> None:
    runner = CliRunner()
    result = runner.invoke(main, [str(SAMPLES), "-m", "BEL-JPN", "--scheduler", "tcp://x:1"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: --scheduler names a Dask scheduler: add --engine dask"
    monkeypatch.setattr(dask_cluster, "CONNECT_TIMEOUT_SECONDS", 1)
    result = runner.invoke(
        main,
        [str(SAMPLES), "-m", "BEL-JPN", "-o", str(tmp_path), "--engine", "dask",
         "--scheduler", "tcp://127.0.0.1:9"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.output.strip().splitlines()) == 1


# Pass one as a Dask worker with several threads runs it: one PassOne per process, shared by
# every thread, met fresh (first uses of each library included). Prints a digest of the slices.
SHARED_BY_THREADS = """
import hashlib, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from analyzer.engine.work import PassOne, work_on
from analyzer.ingest import Inputs, ReadOptions
from analyzer.matches import shipped
from analyzer.sentiment import ScoringOptions

folder, threads = Path(sys.argv[1]), int(sys.argv[2])
units = list(Inputs(folder).work(block_lines=300))
work = PassOne(shipped().find("BEL-JPN"), ScoringOptions.for_scorer("learned"), ReadOptions())
sys.setswitchinterval(1e-5)  # hand the interpreter over often, as a loaded machine does
with ThreadPoolExecutor(threads) as pool:
    slices = list(pool.map(lambda unit: work_on(unit, work).chunk, units))
digest = hashlib.sha256()
for chunk in slices:
    digest.update(chunk.to_csv().encode())
print(len(units), digest.hexdigest())
"""


@pytest.mark.slow
def test_threads_sharing_one_pass_one_give_what_one_thread_gives(folder) -> None:
    def digest(threads: int) -> str:
        done = subprocess.run(
            [sys.executable, "-c", SHARED_BY_THREADS, str(folder), str(threads)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout.strip()

    alone, shared = digest(1), digest(4)
    assert int(alone.split()[0]) > 20  # blocks of both streams, and the articles
    assert shared == alone
