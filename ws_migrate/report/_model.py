"""What `ws-migrate report` knows: the guide's Migration Checklist, measured, plus the phase.

Plain frozen data, free of rendering: `ws_migrate.render` turns a `Report` into terminal,
Markdown, JSON and HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# not_applicable: nothing to measure (no docs about WebSockets, no socket at all): never "done"
Status = Literal["done", "in_progress", "not_started", "needs_person", "not_applicable"]
Trend = Literal["down", "up", "flat"]


@dataclass(frozen=True)
class Site:
    """One place in the repo a measurement counted: `file:line` and what is there."""

    file: str
    line: int
    text: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Evidence:
    """One count behind a checklist item, with the places it counted (at most a few hundred)."""

    label: str  # `legacy connections left`, `unified subscriptions`
    count: int
    sites: tuple[Site, ...] = ()


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the guide's Migration Checklist, in its own words, with its status.

    `percent` is set for measured items (0–100); None for items only a person can judge.
    `marked_by`/`marked_date`/`note` come from the rules' `checklist:` when a person marked it.
    """

    id: str
    title: str
    status: Status
    percent: float | None
    measured: bool
    summary: str  # one line: why this status
    evidence: tuple[Evidence, ...] = ()
    marked_by: str | None = None
    marked_date: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ChecklistSection:
    """`Pre-Migration`, `During Migration`, `Post-Migration` or `Validation`."""

    id: str
    title: str
    items: tuple[ChecklistItem, ...]

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.status == "done")

    @property
    def applicable(self) -> int:
        """The items there is something to do for (the others are `not_applicable`)."""
        return sum(1 for i in self.items if i.status != "not_applicable")

    @property
    def percent(self) -> float:
        """Mean progress of the applicable items: done counts 100, needs-a-person and not
        started 0; 100 when none applies."""
        items = [i for i in self.items if i.status != "not_applicable"]
        if not items:
            return 100.0
        return sum(_item_percent(i) for i in items) / len(items)


def _item_percent(item: ChecklistItem) -> float:
    if item.status == "done":
        return 100.0
    return item.percent or 0.0


@dataclass(frozen=True)
class EndpointProgress:
    """Legacy connections of one endpoint (a rule pattern) against unified uses of its events."""

    endpoint: str
    legacy: int
    replaced: int
    legacy_sites: tuple[Site, ...] = ()
    replaced_sites: tuple[Site, ...] = ()

    @property
    def percent(self) -> float:
        total = self.legacy + self.replaced
        return 100.0 * self.replaced / total if total else 100.0


@dataclass(frozen=True)
class DirectoryCount:
    """Legacy connections opened by the files of one folder."""

    directory: str
    legacy: int


@dataclass(frozen=True)
class Phase:
    """The guide's Migration Timeline phase the repo is in, and the rule that put it there."""

    number: int  # 1 Preparation, 2 Frontend migration, 3 Cleanup
    name: str
    reason: str
    complete: bool  # phase 3 with every measured item done


@dataclass(frozen=True)
class HistoryPoint:
    """The scan of one commit."""

    sha: str
    date: str  # ISO 8601, committer date
    subject: str
    legacy_connections: int
    replaced: int
    error: str | None = None  # the commit could not be scanned (counts are then 0)


@dataclass(frozen=True)
class History:
    """Legacy connections over the last commits, oldest first, and where they are heading."""

    points: tuple[HistoryPoint, ...]
    trend: Trend


@dataclass(frozen=True)
class Report:
    """Everything `ws-migrate report` shows; `render_report` turns it into each format."""

    root: str
    rules: tuple[str, ...]
    files_scanned: int
    phase: Phase
    sections: tuple[ChecklistSection, ...]
    endpoints: tuple[EndpointProgress, ...]
    directories: tuple[DirectoryCount, ...]
    legacy_connections: int
    replaced: int
    history: History | None = None
    problems: tuple[str, ...] = ()
    # the back end against the front end, when the repo has both: `file:line` / endpoint lists
    cross_check: dict[str, tuple[str, ...]] | None = None  # unknown checklist ids, parse errors: shown, never fatal
    # of `replaced`: the connections that reach the service through the adapter `fix` wrote
    # (`openLegacySocket`: the wrapper kept, one connection per user), still to be inlined
    through_adapter: int = 0

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for s in self.sections for i in s.items)

    @property
    def percent(self) -> float:
        """Legacy connections replaced overall, 0–100 (100 when there were never any)."""
        total = self.legacy_connections + self.replaced
        return 100.0 * self.replaced / total if total else 100.0
