"""Report: the guide's Migration Checklist measured on a repo, the phase it is in, its history.

`build_report(root)` returns a `Report` (frozen data, no printing); `render_report(report,
format)` turns it into `terminal`, `markdown`, `json` or `html` text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ws_migrate.report._build import build_report, count_tree, phase
from ws_migrate.report._checklist import CHECKLIST, ITEM_IDS
from ws_migrate.report._history import scan_history, trend
from ws_migrate.report._model import (
    ChecklistItem,
    ChecklistSection,
    DirectoryCount,
    EndpointProgress,
    Evidence,
    History,
    HistoryPoint,
    Phase,
    Report,
    Site,
    Status,
    Trend,
)

if TYPE_CHECKING:
    from ws_migrate.render._report_formats import ReportFormat


def render_report(report: Report, format: ReportFormat, **options: Any) -> str:
    """`report` as text in `format` (see `ws_migrate.render._report_formats.render_report`)."""
    # rendering is the next stage: imported on use, so the report stage never depends on it
    from ws_migrate.render._report_formats import render_report as render

    return render(report, format, **options)


__all__ = [
    "CHECKLIST",
    "ITEM_IDS",
    "ChecklistItem",
    "ChecklistSection",
    "DirectoryCount",
    "EndpointProgress",
    "Evidence",
    "History",
    "HistoryPoint",
    "Phase",
    "Report",
    "Site",
    "Status",
    "Trend",
    "build_report",
    "count_tree",
    "phase",
    "render_report",
    "scan_history",
    "trend",
]
