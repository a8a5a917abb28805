"""The run's options as one frozen value: the CLI builds it, the library runs by it.

Every choice and range a user can give is defined here once; the click options take
their choices and bounds from these names, so the command line and the library cannot
drift apart, and the checks run once, when the settings are made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyzer.errors import InputError

if TYPE_CHECKING:  # imported when used: the CLI reads this module for --help, which stays fast
    from analyzer.ingest.base import ReadOptions
    from analyzer.sentiment import ScoringOptions

# Whose mood the report, chart and summary speak for: a view name -> the author roles it
# keeps (None keeps everyone). The data files always hold every record.
AUTHOR_VIEWS: dict[str, frozenset[str] | None] = {
    "fans": frozenset({"fan"}),
    "all": None,
    "media": frozenset({"media"}),
    "pundits": frozenset({"pundit"}),
    "players": frozenset({"player", "former player"}),
    "coaches": frozenset({"coach"}),
}
# The view when none is asked for: the fans, or everyone when no author is known to be one
# (an export without author columns): the report is never empty when there are records.
DEFAULT_VIEW = "fans"
FALLBACK_VIEW = "all"

# Where pass one runs: this machine's cores, or a Dask cluster (analyzer.engine).
ENGINES = ("local", "dask")

# How texts are scored: the learned model on the football layers (the default), the football
# layers alone, or vaderSentiment exactly. The same names as analyzer.sentiment's ScorerName
# (a test keeps them equal), written here so that --help need not load the scorer.
SCORERS = ("learned", "football", "vader")
DEFAULT_SCORER = "learned"

# The bounds of the numeric options, in minutes unless said otherwise.
LAG_RANGE = (0.0, 30.0)
HALF_TIME_BREAK_RANGE = (0.0, 60.0)
NEUTRAL_BAND_RANGE = (0.0, 1.0)  # a compound score
SHIFT_WINDOW_RANGE = (1, 30)
POST_MATCH_RANGE = (0.0, 24 * 60.0)
DEFAULT_POST_MATCH = 60.0  # minutes after the final whistle a stream still reacts to the match
DEFAULT_SHIFT_WINDOW = 5


@dataclass(frozen=True)
class Settings:
    """What one analysis is asked to do.

    ``match`` is an id like ``"BEL-JPN"`` (``"BEL-ENG@2018-07-14"`` when teams met more than
    once); ``match_file`` reads the match from a file instead of the shipped World Cups.
    ``lag`` fixes how many minutes tweets run behind the pitch (estimated when None);
    ``half_time_break`` is in minutes (the match file's, else 15). ``authors`` names the
    view of :data:`AUTHOR_VIEWS` the report speaks for. ``shift_window`` is the minutes
    before and after each goal compared for its mood shift; ``scorer`` is one of
    :data:`SCORERS`; ``neutral_band`` replaces the scorer's cut-off on the compound (the
    learned scorer's labels come from its model). ``jobs`` is how many processes read and score (every usable core when None);
    ``engine`` is one of :data:`ENGINES`, ``scheduler`` a Dask scheduler's address.
    ``post_match`` is how many minutes after the final whistle records still count for the
    match; later ones are kept in the data files as ``later``. ``excel_safe`` puts a ' before CSV cells a spreadsheet would run as a formula.
    """

    match: str | None = None
    match_file: Path | None = None
    lag: float | None = None
    half_time_break: float | None = None
    authors: str | None = None  # None: DEFAULT_VIEW, or FALLBACK_VIEW (see choose_view)
    shift_window: int = DEFAULT_SHIFT_WINDOW
    post_match: float = DEFAULT_POST_MATCH
    neutral_band: float | None = None
    scorer: str = DEFAULT_SCORER
    jobs: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    excel_safe: bool = False
    read: ReadOptions = field(default_factory=lambda: _read_options())

    def __post_init__(self) -> None:
        if self.match is None and self.match_file is None:
            raise InputError("say which match: --match BEL-JPN, or --match-file for your own")
        if self.match_file is not None:  # the API also takes a str
            object.__setattr__(self, "match_file", Path(self.match_file))
        if self.scorer not in SCORERS:
            raise InputError(f"--scorer must be one of {', '.join(SCORERS)}, not {self.scorer!r}")
        if self.engine not in ENGINES:
            raise InputError(f"--engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.scheduler is not None and self.engine != "dask":
            raise InputError("--scheduler names a Dask scheduler: add --engine dask")
        if self.authors is not None and self.authors not in AUTHOR_VIEWS:
            raise InputError(
                f"--authors must be one of {', '.join(AUTHOR_VIEWS)}, not {self.authors!r}"
            )
        _check_range("--lag", self.lag, LAG_RANGE)
        _check_range("--half-time-break", self.half_time_break, HALF_TIME_BREAK_RANGE)
        _check_range("--neutral-band", self.neutral_band, NEUTRAL_BAND_RANGE)
        _check_range("--shift-window", self.shift_window, SHIFT_WINDOW_RANGE)
        _check_range("--post-match", self.post_match, POST_MATCH_RANGE)
        if self.jobs is not None and self.jobs < 1:
            raise InputError(f"--jobs must be 1 or more, not {self.jobs}")

    @classmethod
    def of(cls, settings: Settings | None = None, **options: Any) -> Settings:
        """``settings`` with ``options`` replaced, or new settings from ``options`` alone.

        ``read_options`` is accepted as another name for ``read``, as the API had it.
        """
        if "read_options" in options:
            options["read"] = options.pop("read_options") or _read_options()
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise InputError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(settings, **options) if settings is not None else cls(**options)

    @property
    def scoring(self) -> ScoringOptions:
        """How texts are scored: the scorer's layers, with the neutral band given, if any."""
        from analyzer.sentiment import ScoringOptions

        scoring = ScoringOptions.for_scorer(self.scorer)
        if self.neutral_band is not None:
            scoring = replace(scoring, neutral_band=self.neutral_band)
        return scoring


def choose_view(asked: str | None, roles: Mapping[str, int]) -> tuple[str, str | None]:
    """The view the report speaks for, given the records' roles, and a line saying why when
    it is not the one asked for (or the default).

    Asked for, a view is kept even when empty (the user chose it). Not asked for, it is the
    fans, unless no record is a fan's: then everyone, so the report is never empty.
    """
    if asked is not None:
        return asked, None
    total = sum(roles.values())
    fans = sum(n for role, n in roles.items() if role in (AUTHOR_VIEWS[DEFAULT_VIEW] or ()))
    if fans or not total:
        return DEFAULT_VIEW, None
    unknown = roles.get("unknown", 0)
    why = (
        "the input says nothing about its authors"
        if unknown == total
        else f"no author is known to be a fan ({unknown:,} of {total:,} unknown)"
    )
    return FALLBACK_VIEW, f"The report speaks for everyone: {why} (--authors picks a view)."


def _read_options() -> ReadOptions:
    from analyzer.ingest.base import ReadOptions

    return ReadOptions()


def _check_range(option: str, value: float | None, bounds: tuple[float, float]) -> None:
    low, high = bounds
    if value is not None and not low <= value <= high:
        raise InputError(f"{option} must be between {low:g} and {high:g}, not {value:g}")
