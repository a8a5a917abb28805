"""Under load: a run killed part-way, then run again, ends with the clean run's files and lists the bad ones."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyzer.matches import shipped
from analyzer.synthetic import write_stream

from .conftest import REPO, SAMPLES

OUTPUTS = ("records.csv", "records.jsonl", "records.parquet", "moments.csv", "series.csv",
           "series_wall.csv", "mood.png", "mood.svg", "report.html", "summary.json")  # fmt: skip
BAD = {"photo.png", "notes.json", "broken.jsonl"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("load")
    match = shipped().find("BEL-JPN")
    for i in range(8):
        fmt = ("v1", "snscrape", "v2")[i % 3]
        write_stream(
            folder / f"stream_{i}.jsonl", match, tweets=3000, fmt=fmt, lag=2.0, seed=100 + i
        )
    shutil.copytree(SAMPLES, folder / "articles")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "notes.json").write_text('{"name": "not tweets", "rounds": []}', encoding="utf-8")
    good = (folder / "stream_0.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (folder / "broken.jsonl").write_text(good + "\n" + good[: len(good) // 2], encoding="utf-8")
    return folder


def command(folder: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "analyzer",
        str(folder),
        "--match",
        "BEL-JPN",
        "--out",
        str(out),
        "--quiet",
    ]


def run(folder: Path, out: Path) -> None:
    subprocess.run(command(folder, out), check=True, capture_output=True, cwd=REPO)


def files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "BEL-JPN").iterdir())}


@pytest.fixture(scope="module")
def clean(folder, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("clean")
    run(folder, out)
    return files(out)


@pytest.mark.slow
def test_a_clean_run_writes_everything_and_lists_exactly_the_bad_files(clean) -> None:
    assert sorted(clean) == sorted(OUTPUTS)
    summary = json.loads(clean["summary.json"])
    skipped = {s["path"] for s in summary["inputs"]["skipped"]}
    with_problems = {f["path"] for f in summary["inputs"]["read"] if f["problems"]}
    assert skipped | with_problems == BAD
    assert (
        summary["counts"]["records"] == 8 * 3000 + 26 + 1
    )  # the broken file's whole first line counts


@pytest.mark.slow
def test_killed_while_writing_then_rerun_gives_the_clean_files(folder, clean, tmp_path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        command(folder, out), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    try:
        while process.poll() is None and time.monotonic() < deadline:
            target = out / "BEL-JPN"
            if target.is_dir() and any(p.name.endswith(".tmp") for p in target.iterdir()):
                os.kill(process.pid, signal.SIGKILL)  # mid-write: no clean-up code gets to run
                break
            time.sleep(0.002)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be interrupted"
    left = {p.name for p in (out / "BEL-JPN").iterdir()}
    assert any(name.endswith(".tmp") for name in left)  # what the kill left half-written...
    for name in left - {n for n in left if n.endswith(".tmp")}:
        assert (out / "BEL-JPN" / name).read_bytes() == clean[
            name
        ]  # ...and nothing else is partial
    run(folder, out)
    assert files(out) == clean  # the same bytes, and no temporary file left over
