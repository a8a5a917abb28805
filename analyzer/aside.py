"""Work done aside, in a forked process, while this one goes on: writing one file beside another.

Writing a million records is three independent jobs (CSV, JSON Lines, Parquet) that each
read the same chunks from disk; on two cores, one of them runs in a child process. The
child is forked, so it starts at once with everything this process holds, and it
ends with ``os._exit``, so nothing this process registered to clean up at exit (the
records' temporary folder) runs in it.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class ChildFailed(RuntimeError):
    """The child process died without saying why (killed, out of memory)."""


class Aside(Generic[T]):
    """``work()`` run in a forked child when ``fork`` is true, else here and now.

    :meth:`result` waits for it and returns what it returned, or raises what it raised.
    """

    def __init__(self, work: Callable[[], T], *, fork: bool) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        if not fork:
            self._outcome = _outcome(work)
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        self._process.start()
        send.close()  # the child holds the only sending end: its exit ends the pipe

    def result(self) -> T:
        if self._process is not None:
            try:
                self._outcome = self._receive.recv()
            except EOFError:
                self._process.join()
                self._outcome = (
                    False,
                    ChildFailed(f"a writer process ended with exit code {self._process.exitcode}"),
                )
            finally:
                self._receive.close()
            self._process.join()
            self._process = None
        done, value = self._outcome
        if not done:
            assert isinstance(value, BaseException)
            raise value
        return cast(T, value)

    def cancel(self) -> None:
        """Stop the child, if it still runs (this process is failing and will not wait)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None
            self._receive.close()
            self._outcome = (False, ChildFailed("cancelled"))


def _outcome(work: Callable[[], T]) -> tuple[bool, object]:
    try:
        return True, work()
    except Exception as error:  # handed to result(), which raises it in the caller
        return False, error


def _run(work: Callable[[], T], send: multiprocessing.connection.Connection) -> None:
    outcome = _outcome(work)
    try:
        send.send(outcome)
    except Exception as error:  # an error that cannot be pickled still gets its message across
        send.send((False, ChildFailed(f"{type(outcome[1]).__name__}: {outcome[1]} ({error})")))
    send.close()
