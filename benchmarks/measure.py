"""Measuring one command in a fresh process: wall time and the peak memory of its process tree.

Memory is watched from ``/proc`` (Linux only, no dependency): a thread samples the resident
set (``VmRSS``) of the process and of every descendant every ``interval`` seconds and keeps
the largest total, while the main thread blocks in ``os.wait4`` so the wall time ends the
moment the process exits. ``wait4`` also returns the kernel's own figure, ``ru_maxrss``: the
peak of the largest single process of the tree (what ``/usr/bin/time -v`` prints as "Maximum
resident set size"). A short spike between two samples can escape the sampler but not the
kernel, so :attr:`Measurement.peak` is the larger of the two.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
KIB = 1024
MIB = 1024 * 1024
# Sampling period of the tree's memory: short enough to see a pass of a few hundred ms,
# long enough that the sampler costs well under 1% of a core.
DEFAULT_INTERVAL = 0.02
# Forked workers share pages with their parent, which the RSS total counts once per process.
# Their proportional share (Pss) is what they cost together, but reading it walks the page
# tables (some 5 ms per GiB), so it is sampled only when the tree has several processes, and
# less often.
PSS_INTERVAL = 0.25

RE_STATUS_KB = re.compile(r"^(VmRSS|VmHWM):\s+(\d+) kB$", re.MULTILINE)
RE_PSS_KB = re.compile(r"^Pss:\s+(\d+) kB$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Measurement:
    """One run of one command: how long it took and how much memory its process tree held."""

    seconds: float  # from just before the spawn to the moment wait4 returned
    returncode: int  # negative: killed by that signal
    killed: str | None  # why the harness killed the tree (memory limit, timeout), else None
    tree_rss_peak: int  # bytes: the largest sum of VmRSS over the tree at one sample
    hwm_sum: int  # bytes: sum over every process seen of its peak (VmHWM): an upper bound
    tree_pss_peak: int | None  # bytes: the largest sum of Pss, when the tree had several processes
    ru_maxrss: int  # bytes: the kernel's peak RSS of the largest single process (wait4)
    children_maxrss: int  # bytes: getrusage(RUSAGE_CHILDREN) after the run (a running max)
    cpu_seconds: float  # user + system time of the tree (the reaped part of it), from wait4
    other_cpu_seconds: float  # CPU time the rest of the machine used meanwhile (/proc/stat)
    processes: int  # the most processes the tree held at one sample
    samples: int

    @property
    def peak(self) -> int:
        """Peak memory of the tree in bytes: the sampler's total or the kernel's, the larger."""
        return max(self.tree_rss_peak, self.ru_maxrss)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.killed is None


@dataclass(slots=True)
class _Watch:
    """What the sampler thread has seen so far; read by the main thread after the join."""

    tree_rss_peak: int = 0
    tree_pss_peak: int | None = None
    pss_at: float = 0.0  # when Pss was last read
    processes: int = 0
    samples: int = 0
    hwm: dict[int, int] = field(default_factory=dict)
    killed: str | None = None


def run_measured(
    command: Sequence[str],
    *,
    stdout: Path,
    stderr: Path,
    interval: float = DEFAULT_INTERVAL,
    memory_limit: int | None = None,
    timeout: float | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Measurement:
    """Run ``command`` to its end in a new session; its output goes to the two files.

    The tree is killed (SIGKILL to the session's process group) when its total RSS passes
    ``memory_limit`` bytes or it runs longer than ``timeout`` seconds; the measurement says so.
    """
    if interval <= 0:
        raise ValueError(f"the sampling interval must be positive, not {interval}")
    watch = _Watch()
    stop = threading.Event()
    with stdout.open("wb") as out, stderr.open("wb") as err:
        busy_before, own_before = machine_busy_seconds(), _own_cpu_seconds()
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,  # one process group to kill, the tree included
        )
        sampler = threading.Thread(
            target=_sample,
            args=(process.pid, watch, stop),
            kwargs={
                "interval": interval,
                "started": started,
                "memory_limit": memory_limit,
                "timeout": timeout,
            },
            daemon=True,
        )
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl-C: the tree is in its own session and would live on
            _kill_group(process.pid)
            os.wait4(process.pid, 0)
            stop.set()
            raise
        seconds = time.perf_counter() - started
        stop.set()
        sampler.join()
        busy = machine_busy_seconds() - busy_before
        own = _own_cpu_seconds() - own_before  # the sampler's share
    cpu = usage.ru_utime + usage.ru_stime
    # Popen must not wait for a process that wait4 has already reaped.
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(
        seconds=seconds,
        returncode=process.returncode,
        killed=watch.killed,
        tree_rss_peak=watch.tree_rss_peak,
        hwm_sum=sum(watch.hwm.values()),
        tree_pss_peak=watch.tree_pss_peak,
        ru_maxrss=usage.ru_maxrss * KIB,  # Linux gives kilobytes
        children_maxrss=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * KIB,
        cpu_seconds=cpu,
        other_cpu_seconds=max(0.0, busy - cpu - own),
        processes=watch.processes,
        samples=watch.samples,
    )


def _sample(
    root: int,
    watch: _Watch,
    stop: threading.Event,
    *,
    interval: float,
    started: float,
    memory_limit: int | None,
    timeout: float | None,
) -> None:
    while not stop.is_set():
        pids = tree(root)
        total = 0
        for pid in pids:
            rss, hwm = _memory(pid)
            total += rss
            if hwm > watch.hwm.get(pid, 0):
                watch.hwm[pid] = hwm
        watch.samples += 1
        watch.tree_rss_peak = max(watch.tree_rss_peak, total)
        watch.processes = max(watch.processes, len(pids))
        now = time.perf_counter()
        if len(pids) > 1 and now - watch.pss_at >= PSS_INTERVAL:
            pss = sum(_pss(pid) for pid in pids)
            watch.tree_pss_peak = max(watch.tree_pss_peak or 0, pss)
            watch.pss_at = now
        if watch.killed is None:
            if memory_limit is not None and total > memory_limit:
                watch.killed = f"memory above the limit of {memory_limit / MIB:,.0f} MiB"
            elif timeout is not None and time.perf_counter() - started > timeout:
                watch.killed = f"still running after the timeout of {timeout:,.0f} s"
            if watch.killed is not None:
                _kill_group(root)
        stop.wait(interval)


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (not idle, not waiting on I/O)."""
    try:
        first = (PROC / "stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return 0.0
    # user nice system idle iowait irq softirq steal; guest time is already in user.
    ticks = [int(value) for value in first[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tree(root: int) -> list[int]:
    """``root`` and all its descendants that are still running, parents first."""
    pids = [root]
    index = 0
    while index < len(pids):
        pids.extend(_children(pids[index]))
        index += 1
    return pids


def _children(pid: int) -> list[int]:
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:  # gone
        return []
    children: list[int] = []
    for task in tasks:
        try:
            children.extend(int(c) for c in (task / "children").read_text().split())
        except FileNotFoundError:
            if not (task / "stat").exists():
                continue  # the thread ended
            return _children_by_scan(pid)  # a kernel without /proc/PID/task/TID/children
        except OSError:
            continue
    return children


def _children_by_scan(parent: int) -> list[int]:
    children = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in parentheses, may hold spaces: the parent pid follows the last ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1 and int(fields[1]) == parent:
            children.append(int(entry.name))
    return children


def _memory(pid: int) -> tuple[int, int]:
    """Resident bytes now and at the peak (VmRSS, VmHWM); zeros for a process gone or a zombie."""
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return 0, 0
    values = {name: int(kb) * KIB for name, kb in RE_STATUS_KB.findall(status)}
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def _pss(pid: int) -> int:
    """The process's proportional share of its resident pages, in bytes (0 when gone)."""
    try:
        rollup = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0
    found = RE_PSS_KB.search(rollup)
    return int(found.group(1)) * KIB if found else 0


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(pid, signal.SIGKILL)
