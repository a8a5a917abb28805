"""The project's exception types: library code raises these, the CLI turns them into one-line errors."""

from __future__ import annotations


class AnalyzerError(Exception):
    """Base class. The message is shown to the user as is, so it says what and what to do."""


class InputError(AnalyzerError):
    """The input folder or a file in it cannot be used."""


class MatchError(AnalyzerError):
    """A match id or match file that does not name exactly one usable match."""


class MatchNotFound(MatchError):
    """No shipped or given match fits the id."""


class AmbiguousMatch(MatchError):
    """More than one shipped match fits the id; the message lists them."""


class MatchDataError(MatchError):
    """A match file is malformed (missing kick-off, goals out of range, unknown team...)."""


class EngineError(AnalyzerError):
    """Work handed to another process or machine failed there: died, hung, or never started."""
