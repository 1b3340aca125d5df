"""The report as one self-contained HTML page: inline CSS, inline SVG charts, no script, no network.

Charts are drawn here as SVG (progress per endpoint, legacy connections per folder, the burndown
from `--history`), so the file can be archived as a CI artifact and opened anywhere, offline.
A Content-Security-Policy of `default-src 'none'` makes the browser refuse any fetch the page
might ever grow by mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ws_migrate._words import count
from ws_migrate.report import ChecklistItem, ChecklistSection, History, Report, Status

_STATUS: dict[Status, tuple[str, str]] = {
    "done": ("done", "done"),
    "in_progress": ("in progress", "progress"),
    "not_started": ("not started", "todo"),
    "needs_person": ("needs a person", "person"),
    "not_applicable": ("n/a", "na"),
}
_SITES_SHOWN = 100  # per evidence list; the JSON format carries up to the model's cap
_GREEN, _RED, _GREY, _BLUE = "#2e8540", "#c0392b", "#d0d4d9", "#2a6fdb"

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
       color: #1d2329; background: #f5f6f8; }
main { max-width: 1080px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; }
.muted { color: #5b6570; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid #e1e4e8; border-radius: 8px; padding: 14px 16px; }
.card b { display: block; font-size: 26px; }
.phases { display: flex; gap: 8px; margin: 12px 0; }
.phase { flex: 1; padding: 8px 12px; border-radius: 6px; background: #e7eaee; color: #5b6570; }
.phase.current { background: #1d2329; color: #fff; }
.phase.past { background: #cfe8d5; color: #1d2329; }
.bar { height: 10px; background: #e7eaee; border-radius: 5px; overflow: hidden; min-width: 120px; }
.bar > span { display: block; height: 100%; background: #2e8540; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #e1e4e8; }
th, td { text-align: left; padding: 8px 10px; border-top: 1px solid #eef0f2; vertical-align: top; }
th { background: #fafbfc; font-weight: 600; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
        white-space: nowrap; }
.chip.done { background: #cfe8d5; } .chip.progress { background: #fdebc8; }
.chip.todo { background: #f6d3cf; } .chip.person { background: #d7e5fb; } .chip.na { background: #eceef0; }
details { margin-top: 4px; } summary { cursor: pointer; color: #2a6fdb; }
ul.sites { margin: 4px 0 8px; padding-left: 18px; font: 12px/1.5 ui-monospace, monospace; }
svg { background: #fff; border: 1px solid #e1e4e8; border-radius: 8px; max-width: 100%;
      height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2329; }
.problems li { color: #8a4b00; }
"""


def render_report_html(report: Report, *, title: str = "WebSocket migration report") -> str:
    p = report.phase
    body = [
        f"<h1>{escape(title)}</h1>",
        (f'<p class="muted">{escape(report.root)} · {count(report.files_scanned, "file")} scanned · '
         f"rules: {escape(', '.join(report.rules) or 'built-in')}</p>"),
        _phases(p.number, p.complete),
        f"<p>{escape(p.reason)}</p>",
        '<div class="cards">',
        _card("Connections replaced", f"{report.percent:.0f}%",
              f"{report.replaced} of {report.replaced + report.legacy_connections}"
              + (f", {report.through_adapter} through the adapter" if report.through_adapter else "")),
        _card("Legacy connections left", str(report.legacy_connections), "across the repo"),
        *[_card(s.title, f"{s.percent:.0f}%", f"{s.done} of {count(s.applicable, 'item')} done")
          for s in report.sections],
        "</div>",
    ]
    if report.endpoints:
        body += ["<h2>Progress per endpoint</h2>", _endpoint_chart(report)]
    if report.directories:
        body += ["<h2>Legacy connections per folder</h2>", _directory_chart(report)]
    if report.history is not None:
        body += [f"<h2>Burndown (trend: {escape(report.history.trend)})</h2>", _burndown(report.history)]
    body += ["<h2>Migration checklist</h2>"] + [_section(s) for s in report.sections]
    if report.problems:
        body += ["<h2>Problems</h2>", '<ul class="problems">']
        body += [f"<li>{escape(x)}</li>" for x in report.problems] + ["</ul>"]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _phases(current: int, complete: bool) -> str:
    names = ("Preparation", "Frontend migration", "Cleanup")
    cells = []
    for number, name in enumerate(names, 1):
        state = "past" if number < current or (number == current and complete) else (
            "current" if number == current else "")
        cells.append(f'<div class="phase {state}">Phase {number}: {escape(name)}</div>')
    return '<div class="phases">' + "".join(cells) + "</div>"


def _card(label: str, value: str, note: str) -> str:
    return f'<div class="card">{escape(label)}<b>{escape(value)}</b><span class="muted">{escape(note)}</span></div>'


def _bar(percent: float) -> str:
    return f'<div class="bar" title="{percent:.0f}%"><span style="width:{percent:.1f}%"></span></div>'


def _section(s: ChecklistSection) -> str:
    rows = [f"<h2>{escape(s.title)} · {s.done}/{s.applicable} done</h2>", _bar(s.percent),
            "<table><thead><tr><th>Status</th><th>Item</th><th>Evidence</th></tr></thead><tbody>"]
    rows += [_item_row(i) for i in s.items]
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _item_row(item: ChecklistItem) -> str:
    label, css = _STATUS[item.status]
    if item.status == "in_progress" and item.percent is not None:
        label += f" {item.percent:.0f}%"
    mark = ""
    if item.marked_by or item.marked_date:
        mark = f'<br><span class="muted">marked by {escape(item.marked_by or "someone")}, {escape(item.marked_date or "undated")}</span>'
    if item.note:
        mark += f'<br><span class="muted">note: {escape(item.note)}</span>'
    evidence = []
    for e in item.evidence:
        if not e.sites:
            if e.count:
                evidence.append(f"<div>{escape(e.label)}: {e.count}</div>")
            continue
        sites = "".join(
            f"<li>{escape(s.file)}{':' + str(s.line) if s.line else ''}"
            f"{' — ' + escape(s.text) if s.text else ''}</li>"
            for s in e.sites[:_SITES_SHOWN]
        )
        more = f"<li>… and {e.count - _SITES_SHOWN} more</li>" if e.count > _SITES_SHOWN else ""
        evidence.append(f"<details><summary>{escape(e.label)} ({e.count})</summary>"
                        f'<ul class="sites">{sites}{more}</ul></details>')
    progress = _bar(item.percent) if item.percent is not None and item.status != "done" else ""
    return (f'<tr id="{escape(item.id)}"><td><span class="chip {css}">{escape(label)}</span>{progress}</td>'
            f"<td><b>{escape(item.title)}</b><br>{escape(item.summary)}{mark}</td>"
            f"<td>{''.join(evidence)}</td></tr>")


def _hbars(rows: Sequence[tuple[str, Sequence[tuple[int, str]], str]], label_width: int = 220) -> str:
    """Horizontal bars: (label, [(value, colour), ...] stacked, text at the end of the bar)."""
    width, row_h, bar_w = 860, 26, 860 - label_width - 90
    top = max((sum(v for v, _ in parts) for _, parts, _ in rows), default=0) or 1
    height = row_h * len(rows) + 16
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">']
    for index, (label, parts, note) in enumerate(rows):
        y = 8 + index * row_h
        out.append(f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{escape(_clip(label, 32))}'
                   f"<title>{escape(label)}</title></text>")
        out.append(f'<rect x="{label_width}" y="{y + 4}" width="{bar_w}" height="16" fill="#f0f2f4"/>')
        x = float(label_width)
        for value, colour in parts:
            w = bar_w * value / top
            if w > 0:
                out.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="16" fill="{colour}">'
                           f"<title>{escape(label)}: {value}</title></rect>")
            x += w
        out.append(f'<text x="{label_width + bar_w + 8}" y="{y + 16}">{escape(note)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _endpoint_chart(report: Report) -> str:
    rows = [(e.endpoint, [(e.replaced, _GREEN), (e.legacy, _RED)], f"{e.percent:.0f}% ({e.replaced}/{e.replaced + e.legacy})")
            for e in report.endpoints]
    legend = (f'<p class="muted"><span style="color:{_GREEN}">■</span> on the unified service '
              f'<span style="color:{_RED}">■</span> legacy connections left</p>')
    return legend + _hbars(rows)


def _directory_chart(report: Report) -> str:
    return _hbars([(d.directory, [(d.legacy, _RED)], str(d.legacy)) for d in report.directories])


def _burndown(history: History) -> str:
    """Legacy connections (red) and unified uses (green) per commit, oldest on the left."""
    points = history.points
    width, height, left, right, top, bottom = 860, 260, 50, 20, 16, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([p.legacy_connections for p in points] + [p.replaced for p in points] + [1])
    step = plot_w / max(len(points) - 1, 1)

    def xy(index: int, value: int) -> tuple[float, float]:
        return left + index * step, top + plot_h - plot_h * value / peak

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">']
    for tick in sorted({0, peak // 2, peak}):
        _, y = xy(0, tick)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{_GREY}"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for series, colour in (("legacy_connections", _RED), ("replaced", _GREEN)):
        coords = [xy(i, getattr(p, series)) for i, p in enumerate(points)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for (x, y), p in zip(coords, points):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{escape(p.sha[:8])} '
                       f"{escape(p.subject)}: {getattr(p, series)} {series.replace('_', ' ')}</title></circle>")
    for i, p in enumerate(points):
        x, _ = xy(i, 0)
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">{escape(p.sha[:7])}</text>')
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 34}" text-anchor="middle" class="muted">'
                   f"{escape(p.date[:10])}</text>")
    out.append("</svg>")
    legend = (f'<p class="muted"><span style="color:{_RED}">■</span> legacy connections '
              f'<span style="color:{_GREEN}">■</span> on the unified service</p>')
    return legend + "\n".join(out)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
