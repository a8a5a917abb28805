"""The package's shape: imports run one way along the flow, read -> score -> place -> report."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analyzer"

# Each part of the package, by the stage of the flow it serves; a part may import only
# parts of earlier stages (and itself). The README's module map draws the same picture.
STAGES: list[set[str]] = [
    {"errors", "records", "schema", "progress"},  # what everything shares
    {"ingest", "sentiment", "matches"},  # read, score, the match's timeline
    {"settings", "attribution"},  # the run's options; who and which team a text is about
    {"timeline"},  # place records in time, lag, spikes, shifts, series, totals
    {"engine"},  # run the passes
    {"analysis", "pipeline"},  # the result, and the call that makes it
    {"outputs", "score_file"},  # files, chart, report, summary; the score command's library
    {"cli", "__main__", "synthetic", "evaluate", "train", "__init__"},  # commands and tools
]
STAGE_OF = {part: n for n, parts in enumerate(STAGES) for part in parts}


def part_of(module: str) -> str:
    """'analyzer.timeline.lag' -> 'timeline'; 'analyzer' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analyzer"):
            found.add(node.module)
            if node.module == "analyzer":  # `from analyzer import timeline` names a part
                found.update(f"analyzer.{a.name}" for a in node.names if is_part(a.name))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("analyzer"))
    return found


def is_part(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_part_of_the_package_has_a_stage() -> None:
    parts = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in MODULES}
    assert parts - set(STAGE_OF) == set()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_flow(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    upward = sorted(
        module
        for module in imports_of(path)
        if part_of(module) != "__init__" and STAGE_OF[part_of(module)] > STAGE_OF[own]
    )
    assert upward == [], f"{own} (stage {STAGE_OF[own]}) imports later stages"


@pytest.mark.slow
def test_importing_every_module_changes_nothing_in_the_process() -> None:
    # In a fresh interpreter: the codec error handlers, the csv limit, gc's frozen objects.
    import subprocess
    import sys

    code = (
        "import codecs, csv, gc, importlib, pkgutil, analyzer\n"
        "limit = csv.field_size_limit()\n"
        "for m in pkgutil.walk_packages(analyzer.__path__, 'analyzer.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "try:\n"
        "    codecs.lookup_error('analyzer-cp1252')\n"
        "    print('handler registered')\n"
        "except LookupError:\n"
        "    pass\n"
        "print(csv.field_size_limit() == limit, gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "True 0\n"


def test_the_cli_offers_the_scorers_the_sentiment_package_defines() -> None:
    from analyzer.sentiment import DEFAULT_SCORER, SCORER_NAMES
    from analyzer.settings import DEFAULT_SCORER as SETTINGS_DEFAULT
    from analyzer.settings import SCORERS

    assert SCORERS == SCORER_NAMES and SETTINGS_DEFAULT == DEFAULT_SCORER
