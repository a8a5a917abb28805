"""How a long run says how far it is: bytes read, then each later stage by name.

The library calls these; the CLI draws them on a terminal (and nowhere else), a notebook
may pass its own. :data:`SILENT` says nothing.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def read(self, done: int, total: int) -> None:
        """``done`` of ``total`` bytes of input read (and scored, placed by words)."""

    def stage(self, name: str) -> None:
        """A later stage starts: "placing", "writing the data files", "drawing the chart"..."""


class _Silent:
    def read(self, done: int, total: int) -> None:
        pass

    def stage(self, name: str) -> None:
        pass


SILENT: Progress = _Silent()
