"""Reading input: one reader per source format, each turning text into records with provenance."""

from analyzer.ingest.base import Problem, Problems, ReadOptions
from analyzer.ingest.folder import Batch, Corpus, FileRead, FileSkipped, Inputs, read_folder

__all__ = [
    "Batch",
    "Corpus",
    "FileRead",
    "FileSkipped",
    "Inputs",
    "Problem",
    "Problems",
    "ReadOptions",
    "read_folder",
]
