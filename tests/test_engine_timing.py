"""The optional stage timer: nothing when off, CPU seconds per stage when on, the same outputs either way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.engine import timing
from analyzer.matches import shipped
from analyzer.synthetic import write_stream


def burn() -> int:
    return sum(i * i for i in range(200_000))


def test_off_by_default_it_hands_back_one_shared_context(monkeypatch):
    monkeypatch.setattr(timing, "_seconds", None)
    assert timing.stage("score") is timing.stage("read")
    with timing.stage("score"):
        burn()
    assert timing.take() is None
    assert list(timing.timed_iter("read", [1, 2, 3])) == [1, 2, 3]
    timing.merge({"score": 1.0})  # ignored when off
    assert timing.take() is None


def test_on_it_adds_up_cpu_seconds_per_stage_and_hands_them_over(monkeypatch):
    monkeypatch.setattr(timing, "_seconds", {})
    with timing.stage("score"):
        burn()
    with timing.stage("score"):
        burn()
    assert list(timing.timed_iter("read", iter(range(5)))) == [0, 1, 2, 3, 4]
    taken = timing.take()
    assert taken is not None and set(taken) == {"score", "read"}
    assert taken["score"] > 0.0
    assert timing.take() == {}  # taken: this process starts again from nothing
    timing.merge(taken)
    timing.merge({"score": 2.5, "write": 0.5})
    again = timing.take()
    assert again == {"score": taken["score"] + 2.5, "read": taken["read"], "write": 0.5}


def analyze_in_a_fresh_process(stream: Path, out: Path, times: Path | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != timing.ENVIRONMENT_VARIABLE}
    if times is not None:
        env[timing.ENVIRONMENT_VARIABLE] = str(times)
    command = [sys.executable, "-m", "analyzer", str(stream.parent), "--match", "BEL-JPN"]
    command += ["--authors", "all", "--out", str(out), "--quiet", "--jobs", "2"]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)


@pytest.mark.slow
def test_a_timed_run_writes_every_stage_and_the_same_outputs(tmp_path):
    stream = tmp_path / "in" / "stream.jsonl"
    stream.parent.mkdir()
    write_stream(stream, shipped().find("BEL-JPN"), tweets=3_000, retweets=0.3, seed=5)
    analyze_in_a_fresh_process(stream, tmp_path / "plain", None)
    times = tmp_path / "times.json"
    analyze_in_a_fresh_process(stream, tmp_path / "timed", times)

    seconds = json.loads(times.read_text(encoding="utf-8"))["cpu_seconds"]
    assert set(seconds) == set(timing.STAGES)
    assert all(value >= 0.0 for value in seconds.values())
    assert seconds["score"] > 0.0 and seconds["read"] > 0.0 and seconds["write"] > 0.0
    for path in sorted((tmp_path / "plain" / "BEL-JPN").iterdir()):
        timed = tmp_path / "timed" / "BEL-JPN" / path.name
        assert timed.read_bytes() == path.read_bytes(), path.name
