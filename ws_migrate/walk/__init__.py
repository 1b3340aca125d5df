"""Walk stage: which files of a repository are scanned, in which language, what was passed over."""

from ws_migrate.walk._ignore import ignore_matcher
from ws_migrate.walk._walk import (
    ALL_LANGUAGES,
    ALWAYS_SKIPPED_DIRS,
    Language,
    Skipped,
    SourceFile,
    Stamp,
    WalkResult,
    language_for,
    path_matcher,
    walk,
)

__all__ = [
    "ALL_LANGUAGES",
    "ALWAYS_SKIPPED_DIRS",
    "Language",
    "Skipped",
    "SourceFile",
    "Stamp",
    "WalkResult",
    "ignore_matcher",
    "language_for",
    "path_matcher",
    "walk",
]
