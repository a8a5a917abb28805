"""analyzer: fan sentiment over a football match, from tweets and quotes.

import analyzer
result = analyzer.analyze("tweets/", match="BEL-JPN")
result.records, result.moments, result.figure(), result.write("reports")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from analyzer.errors import AnalyzerError, InputError, MatchError

try:
    __version__ = version("analyzer")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from analyzer.pipeline import Analysis, analyze


def __getattr__(name: str) -> Any:
    # The pipeline pulls in pandas and matplotlib; importing it lazily keeps
    # `import analyzer` (and so `analyze --help`) fast.
    if name in ("analyze", "Analysis"):
        from analyzer import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")


__all__ = ["Analysis", "AnalyzerError", "InputError", "MatchError", "__version__", "analyze"]
