"""The optional compiled scorer: ANALYZER_MYPYC=1 compiles the hot scoring modules with mypyc.

Everything else about the package is in pyproject.toml. Without the variable (the default,
CI, the README's install) this adds nothing and the package is pure Python. With it, mypyc
compiles ``MYPYC_MODULES`` to C extensions that sit beside the .py files and are imported in
their place; the .py files stay, so removing the extensions gives the pure-Python scorer back.
The scores are bit-identical either way (tests/test_sentiment_identity.py, run against a
compiled build: see benchmarks/README.md).

    ANALYZER_MYPYC=1 pip install .                          # a compiled install
    ANALYZER_MYPYC=1 python setup.py build_ext --inplace     # compiled, in the source tree
    rm analyzer/sentiment/*.so ./*__mypyc*.so                # pure Python again

A build with the variable needs mypy and a C compiler; pip puts mypy in the isolated build
environment itself (setup_requires is what setuptools reports as the build's requirements).
"""

from __future__ import annotations

import os

from setuptools import setup

MYPYC_VARIABLE = "ANALYZER_MYPYC"
MYPYC_REQUIREMENT = "mypy>=1.10"
# The modules every scored text runs through, in the order the scorer calls them.
MYPYC_MODULES = [
    "analyzer/sentiment/language.py",
    "analyzer/sentiment/emojis.py",
    "analyzer/sentiment/normalise.py",
    "analyzer/sentiment/football.py",  # with vader.py: ExtendedVader subclasses Vader
    "analyzer/sentiment/vader.py",
    "analyzer/sentiment/features.py",
    "analyzer/sentiment/learned.py",
]


def wanted() -> bool:
    return os.environ.get(MYPYC_VARIABLE, "").lower() in ("1", "true", "yes")


def compiled_extensions() -> list[object]:
    if not wanted():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        # pip is asking for the build's requirements (setup_requires): mypy is not there yet.
        return []
    return list(mypycify(MYPYC_MODULES, opt_level="3"))


setup(
    ext_modules=compiled_extensions(),
    setup_requires=[MYPYC_REQUIREMENT] if wanted() else [],
)
