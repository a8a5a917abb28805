"""Reading input: one reader per source format, each turning text into records with provenance."""

from analyzer.ingest.folder import Corpus, FileRead, FileSkipped, read_folder

__all__ = ["Corpus", "FileRead", "FileSkipped", "read_folder"]
