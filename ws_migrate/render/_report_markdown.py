"""The report as GitHub-flavoured Markdown: a pull-request comment or a CI step summary.

Tables and one-line bars first (what a reviewer reads), evidence folded in `<details>` (what
whoever fixes it needs), so the comment stays short however large the repo.
"""

from __future__ import annotations

from ws_migrate.report import ChecklistItem, Evidence, Report, Status

STATUS_MARK: dict[Status, str] = {
    "done": "✅ done",
    "in_progress": "🟡 in progress",
    "not_started": "⬜ not started",
    "needs_person": "👤 needs a person",
    "not_applicable": "➖ n/a",
}
_SITES_SHOWN = 25  # per evidence list: a PR comment has a size limit (65,536 characters)


def bar(percent: float, width: int = 10) -> str:
    """`███░░░░░░░`: a bar any Markdown viewer shows, no images."""
    filled = round(percent / 100 * width)
    return "█" * filled + "░" * (width - filled)


def render_report_markdown(report: Report) -> str:
    out: list[str] = ["## WebSocket migration report", ""]
    p = report.phase
    state = " (complete)" if p.complete else ""
    out += [
        f"**Phase {p.number} of 3: {p.name}**{state}: {_cell(p.reason)}",
        "",
        (f"**Connections replaced:** {report.replaced} of {report.replaced + report.legacy_connections} "
         f"`{bar(report.percent)}` {report.percent:.0f}%" if report.replaced + report.legacy_connections
         else "**Connections replaced:** none found"
         + (f" ({report.through_adapter} through the adapter, their wrappers kept)" if report.through_adapter else "")),
        "",
        "| Section | Done | Progress |",
        "|---|---|---|",
    ]
    for s in report.sections:
        out.append(f"| {s.title} | {s.done}/{s.applicable} | `{bar(s.percent)}` {s.percent:.0f}% |")
    if report.endpoints:
        out += ["", "### Endpoints", "", "| Endpoint | Legacy left | Replaced | Progress |", "|---|---:|---:|---|"]
        for e in report.endpoints:
            out.append(f"| `{e.endpoint}` | {e.legacy} | {e.replaced} | `{bar(e.percent)}` {e.percent:.0f}% |")
    for s in report.sections:
        out += ["", f"### {s.title}", "", "| Status | Item | Evidence |", "|---|---|---|"]
        for item in s.items:
            out.append(f"| {_status(item)} | {_cell(item.title)} | {_cell(_summary(item))} |")
        details = [_details(i) for i in s.items if any(e.sites for e in i.evidence)]
        if details:
            out += [""] + details
    if report.history is not None:
        h = report.history
        out += ["", f"### History (trend: {h.trend})", "", "| Commit | Date | Legacy connections | Replaced |",
                "|---|---|---:|---:|"]
        for point in h.points:
            count = f"error: {_cell(point.error)}" if point.error else str(point.legacy_connections)
            out.append(f"| `{point.sha[:8]}` {_cell(point.subject)} | {point.date[:10]} | {count} | {point.replaced} |")
    if report.cross_check is not None:
        labels = {"dead_events": "Sent by the back end, handled nowhere",
                  "dead_handlers": "Handled by the front end, never sent",
                  "connected_not_served": "Connected to, never served",
                  "served_not_connected": "Served, never connected to"}
        out += ["", "### Back end × front end", ""]
        for key, label in labels.items():
            lines = report.cross_check.get(key, ())
            out.append(f"- {label}: " + ("none" if not lines else "; ".join(_cell(x) for x in lines)))
    if report.problems:
        out += ["", "### Problems", ""] + [f"- {_cell(x)}" for x in report.problems]
    return "\n".join(out) + "\n"


def _status(item: ChecklistItem) -> str:
    if item.status == "in_progress" and item.percent is not None:
        return f"{STATUS_MARK[item.status]} {item.percent:.0f}%"
    return STATUS_MARK[item.status]


def _summary(item: ChecklistItem) -> str:
    text = item.summary
    if item.marked_by or item.marked_date:
        text += f" — {item.marked_by or 'someone'}, {item.marked_date or 'undated'}"
    if item.note:
        text += f": {item.note}"
    return text


def _details(item: ChecklistItem) -> str:
    lines = [f"<details><summary>{_html(item.title)}: evidence</summary>", ""]
    for e in item.evidence:
        if e.sites:
            lines.append(f"**{_html(e.label)}** ({e.count})")
            lines.append("")
            lines += [_site_line(e, i) for i in range(min(len(e.sites), _SITES_SHOWN))]
            if e.count > _SITES_SHOWN:
                lines.append(f"- … and {e.count - _SITES_SHOWN} more")
            lines.append("")
    lines.append("</details>")
    return "\n".join(lines)


def _site_line(e: Evidence, i: int) -> str:
    s = e.sites[i]
    where = f"{s.file}:{s.line}" if s.line else s.file
    quoted = s.text.replace("`", "'")
    text = f" `{quoted}`" if quoted else ""
    return f"- `{where}`{text}"


def _cell(text: str) -> str:
    """Text safe in a table cell: pipes escaped, no newlines."""
    return _html(text).replace("|", "\\|").replace("\n", " ")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
