"""The report for a terminal (rich): progress bars per section and per endpoint, then each item."""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from ws_migrate._words import count, visible
from ws_migrate.report import ChecklistItem, Report, Status

_STYLE: dict[Status, tuple[str, str]] = {
    "done": ("✔ done", "green"),
    "in_progress": ("◐ in progress", "yellow"),
    "not_started": ("○ not started", "red"),
    "needs_person": ("👤 needs a person", "cyan"),
    "not_applicable": ("– n/a", "dim"),
}
_SITES_SHOWN = 5  # per evidence list; the JSON and HTML carry the rest


def render_report_terminal(report: Report, *, console: Console | None = None, width: int = 100) -> str:
    """Print on `console` and return "", or, without one, return the text (no colours)."""
    if console is not None:
        console.print(report_renderable(report))
        return ""
    buffer = StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False, emoji=False).print(report_renderable(report))
    return buffer.getvalue()


def report_renderable(report: Report) -> RenderableType:
    """The whole report as one rich renderable, for callers composing their own output."""
    p = report.phase
    head = Text.assemble(
        (f"Phase {p.number} of 3: {p.name}", "bold"),
        (" (complete)" if p.complete else "", "green"),
        f"\n{p.reason}\n",
        (f"{report.replaced} of {count(report.replaced + report.legacy_connections, 'connection')} replaced "
         f"({report.percent:.0f}%)" if report.replaced + report.legacy_connections else "no WebSocket connection found")
        + (f", {report.through_adapter} through the adapter" if report.through_adapter else "")
        + f" · {count(report.files_scanned, 'file')} scanned",
    )
    parts: list[RenderableType] = [Panel(head, title="WebSocket migration", expand=False)]

    sections = Table(title="Checklist", title_justify="left", box=None, pad_edge=False)
    sections.add_column("section")
    sections.add_column("progress", width=32)
    sections.add_column("", justify="right")
    sections.add_column("done", justify="right")
    for s in report.sections:
        sections.add_row(Text(s.title), _bar(s.percent), f"{s.percent:.0f}%", f"{s.done}/{s.applicable}")
    parts.append(sections)

    if report.endpoints:
        endpoints = Table(title="Endpoints", title_justify="left", box=None, pad_edge=False)
        endpoints.add_column("endpoint")
        endpoints.add_column("progress", width=32)
        endpoints.add_column("", justify="right")
        endpoints.add_column("legacy", justify="right")
        endpoints.add_column("replaced", justify="right")
        for e in report.endpoints:
            endpoints.add_row(Text(visible(e.endpoint)), _bar(e.percent), f"{e.percent:.0f}%", str(e.legacy), str(e.replaced))
        parts.append(endpoints)

    for s in report.sections:
        items = Table(title=s.title, title_justify="left", show_header=False, box=None, pad_edge=False)
        items.add_column("status", no_wrap=True)
        items.add_column("item")
        for item in s.items:
            items.add_row(_status(item), _item_text(item))
        parts.append(items)

    if report.history is not None:
        h = report.history
        history = Table(title=f"History (trend: {h.trend})", title_justify="left", box=None, pad_edge=False)
        history.add_column("commit")
        history.add_column("date")
        history.add_column("legacy", justify="right")
        history.add_column("", width=32)
        top = max((x.legacy_connections for x in h.points), default=0) or 1
        for point in h.points:
            history.add_row(Text(visible(f"{point.sha[:8]} {point.subject[:40]}")), Text(point.date[:10]),
                            "error" if point.error else str(point.legacy_connections),
                            ProgressBar(total=top, completed=point.legacy_connections, width=30,
                                        complete_style="red", finished_style="red"))
        parts.append(history)
    if report.problems:
        parts.append(Text("\n".join(f"! {visible(x)}" for x in report.problems), style="yellow"))
    return Group(*parts)


def _bar(percent: float) -> ProgressBar:
    return ProgressBar(total=100, completed=percent, width=30, complete_style="yellow", finished_style="green")


def _status(item: ChecklistItem) -> Text:
    label, style = _STYLE[item.status]
    if item.status == "in_progress" and item.percent is not None:
        label += f" {item.percent:.0f}%"
    return Text(label, style=style)


def _item_text(item: ChecklistItem) -> Text:
    text = Text(item.title, style="bold")
    text.append(f"\n{item.summary}", style="dim")
    if item.note:
        text.append(f"\nnote: {visible(item.note)}", style="dim")
    if item.status == "done":
        return text
    for e in item.evidence:
        if e.count and e.sites:
            shown = visible(", ".join(str(s) for s in e.sites[:_SITES_SHOWN]))
            more = f" … +{e.count - _SITES_SHOWN}" if e.count > _SITES_SHOWN else ""
            text.append(f"\n  {e.label} ({e.count}): {shown}{more}")
    return text
