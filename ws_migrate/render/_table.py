"""The scan as rich tables for a person at a terminal: connections grouped by endpoint."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ws_migrate.render._json import summary
from ws_migrate.scan import ScanResult

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SKIPPED_SHOWN = 5  # paths the walk or the reader passed over, listed under the summary


def render_table(result: ScanResult, console: Console, *, max_findings: int = 200) -> None:
    inv = result.inventory
    groups = defaultdict(list)
    for c in inv.connections:
        groups[c.endpoint or "(unresolved)"].append(c)
    for endpoint in sorted(groups):
        conns = groups[endpoint]
        rule = result.rules.endpoint_rule(None if endpoint == "(unresolved)" else endpoint)
        title = f"[bold]{endpoint}[/]  {len(conns)} connection{'s' if len(conns) != 1 else ''}"
        title += f"  (rule {rule.pattern})" if rule else "  [red](no rule)[/]"
        table = Table(title=title, title_justify="left", expand=False, show_lines=False)
        table.add_column("Location", overflow="fold")
        table.add_column("Opened", overflow="fold")
        table.add_column("Message types → EventTypes", overflow="fold", min_width=24)
        table.add_column("Cleanup", justify="center")
        table.add_column("Fix")
        for c in conns:
            types = Text()
            for i, t in enumerate(c.message_types):
                ev = result.rules.event_for(c.endpoint, t)
                if i:
                    types.append("\n")
                types.append(t)
                types.append(f" → {ev}" if ev else " → ?", style="green" if ev else "red")
            if not c.message_types and c.event_types:
                types.append("(whole message) → " + ", ".join(c.event_types), style="green")
            opened = "direct" if c.kind == "direct" else "via " + " → ".join(c.via or ())
            if c.token_in_url:
                opened += " [token in URL]"
            cleanup = {True: "✓", False: "[red]leak[/]", None: "–"}[c.cleanup]
            fix = "[green]auto[/]" if c.fix == "auto" else "[yellow]manual[/]"
            table.add_row(f"{c.file}:{c.line}", opened, types, cleanup, fix)
        console.print(table)
        for c in conns:
            if c.manual_reasons:
                console.print(f"  [dim]{c.file}:{c.line} manual:[/] " + "; ".join(c.manual_reasons), highlight=False)
        console.print()
    if inv.wrappers:
        table = Table(title="[bold]Wrappers[/]", title_justify="left")
        table.add_column("Name")
        table.add_column("Defined at", no_wrap=True)
        table.add_column("Endpoint template")
        table.add_column("Connections", justify="right")
        for w in inv.wrappers:
            where = f"{w.file}:{w.line}" if w.file else "(rules)"
            name = w.name + (f" → {w.next}" if w.next else "")
            table.add_row(name, where, w.endpoint_template or "?", str(w.calls))
        console.print(table)
        console.print()
    if inv.findings:
        table = Table(title="[bold]Findings[/]", title_justify="left")
        table.add_column("Rule")
        table.add_column("Location", no_wrap=True)
        table.add_column("Message")
        for f in inv.findings[:max_findings]:
            table.add_row(Text(f.rule, style=_SEVERITY_STYLE[f.severity]), f"{f.file}:{f.line}:{f.column}", f.message)
        console.print(table)
        if len(inv.findings) > max_findings:
            console.print(f"… and {len(inv.findings) - max_findings} more (use --format json for all)")
        console.print()
    s = summary(result)
    lines = [
        f"[bold]{s['connections']}[/] legacy connections "
        f"({s['direct']} direct, {s['wrapper_calls']} through wrappers) in {s['files_scanned']} files; "
        f"{s['auto_fixable']} auto-fixable, {s['manual']} manual",
        f"{s['wrappers']} wrappers, {s['message_types']} message types ({s['unmapped']} unmapped), "
        f"{s['external']} external sockets, {s['parse_errors']} files with syntax errors"
        + (f", {s['suppressed']} suppressed" if s["suppressed"] else ""),
    ]
    if inv.adapted:
        sockets = len({c.socket for c in inv.adapted})
        lines.append(f"{len(inv.adapted)} connection(s) migrated through the adapter (`openLegacySocket`, "
                     f"{sockets} socket(s)): their wrappers kept, on the unified service")
    for u in inv.unified:
        lines.append(escape(f"unified client (already migrated): {u.name} at {u.file}:{u.line}, "
                            f"{len(u.users)} place(s) use it"))
    if inv.socketio:
        where = ", ".join(escape(f"{c.file}:{c.line}") for c in inv.socketio[:_SKIPPED_SHOWN])
        more = len(inv.socketio) - _SKIPPED_SHOWN
        lines.append(f"Socket.IO clients (not WebSockets, not counted): {where}"
                     + (f" and {more} more" if more > 0 else ""))
    backend = result.backend
    if backend is not None:
        line = f"back end: {len(backend.endpoints)} legacy endpoints, {len(backend.emitted)} sends of typed messages"
        cc = backend.cross_check
        if cc is not None:
            line += (f"; cross-check: {len(cc.dead_events)} dead events, {len(cc.dead_handlers)} dead handlers, "
                     f"{len(cc.unserved)} endpoints connected but not served, "
                     f"{len(cc.unconnected)} served but not connected")
        lines.append(line)
    if s["findings"]:
        lines.append("findings: " + ", ".join(f"{k} {v}" for k, v in s["findings"].items()))
    if result.skipped:
        shown = ", ".join(escape(f"{k.rel} ({k.reason})") for k in result.skipped[:_SKIPPED_SHOWN])
        more = len(result.skipped) - _SKIPPED_SHOWN
        lines.append(f"not scanned: {shown}" + (f" and {more} more (use --format json for all)" if more > 0 else ""))
    console.print(Group(*(Text.from_markup(x) for x in lines)))
