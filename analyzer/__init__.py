"""analyzer: fan sentiment over a football match, from tweets and quotes.

import analyzer
with analyzer.analyze("tweets/", match="BEL-JPN") as result:
    result.records, result.moments
    analyzer.write_outputs(result, "reports")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analyzer.errors import AnalyzerError, InputError, MatchError

if TYPE_CHECKING:
    from analyzer.analysis import Analysis
    from analyzer.outputs.write import Written, write_outputs
    from analyzer.pipeline import analyze
    from analyzer.settings import Settings

# Public names and the module each lives in. They pull in pandas and matplotlib, so they
# are imported on first use: `import analyzer` (and so `analyze --help`) stays fast.
_LAZY = {
    "analyze": "analyzer.pipeline",
    "Analysis": "analyzer.analysis",
    "Settings": "analyzer.settings",
    "write_outputs": "analyzer.outputs.write",
    "Written": "analyzer.outputs.write",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata costs 40 ms: only when a version is shown
        return _version()
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("analyzer")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"


__all__ = [
    "Analysis",
    "AnalyzerError",
    "InputError",
    "MatchError",
    "Settings",
    "Written",
    "__version__",
    "analyze",
    "write_outputs",
]
