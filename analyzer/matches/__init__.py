"""Match timelines: the model, the data formats it is read from, and looking matches up by id."""

from analyzer.matches.catalog import Catalog, load_match_file, shipped
from analyzer.matches.model import Goal, Match, MatchMinute, Moment, MomentKind, Team

__all__ = [
    "Catalog",
    "Goal",
    "Match",
    "MatchMinute",
    "Moment",
    "MomentKind",
    "Team",
    "load_match_file",
    "shipped",
]
