"""Exceptions raised by ws-migrate.

    WsMigrateError              every error ws-migrate raises on purpose
     ├── RulesError             a rule file is missing, malformed or inconsistent
     ├── ScanError              the scan cannot start (bad path, bad glob)
     └── PatchError             a rewrite cannot be produced or applied

The CLI turns any of them into one line on stderr and exit code 2.
"""

from __future__ import annotations


class WsMigrateError(Exception):
    """Base class: one line that names the file, the line and what is wrong."""


class RulesError(WsMigrateError):
    """A rule file cannot be used."""


class ScanError(WsMigrateError):
    """The scan cannot start."""


class PatchError(WsMigrateError):
    """A rewrite cannot be produced or applied."""
