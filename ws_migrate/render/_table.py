"""The scan as rich tables for a person at a terminal: connections grouped by endpoint."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ws_migrate._openers import ADAPTER_NAMES
from ws_migrate._words import count, visible
from ws_migrate.render._json import summary
from ws_migrate.scan import ScanResult

if TYPE_CHECKING:
    from ws_migrate.analyse._backend import CrossCheck

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SKIPPED_SHOWN = 5  # paths the walk or the reader passed over, listed under the summary
_PLACE_WIDTH = 38  # `file:line` up to this long is never folded (at 80 columns, 26 are left for types)


def render_table(result: ScanResult, console: Console, *, max_findings: int = 200) -> None:
    """Laid out for 80 columns first: paths fold, verdicts and rule ids are never cut."""
    inv = result.inventory
    groups = defaultdict(list)
    for c in inv.connections:
        groups[c.endpoint or "(unresolved)"].append(c)
    for endpoint in sorted(groups):
        conns = groups[endpoint]
        rule = result.rules.endpoint_rule(None if endpoint == "(unresolved)" else endpoint)
        title = Text.assemble((visible(endpoint), "bold"), f"  {count(len(conns), 'connection')}",
                              f"  (rule {visible(rule.pattern)})" if rule else ("  (no rule)", "red"))
        table = Table(title=title, title_justify="left", expand=False, show_lines=False)
        # how it is opened and whether it is closed go under the place: three columns fit 80
        # (the place, and the way it is opened under it: `via openDiagnosticsChannel` unbroken)
        place = _place_width(console, (p for c in conns for p in (
            f"{c.file}:{c.line}", "direct" if c.kind == "direct" else "via " + " → ".join(c.via or ()))))
        table.add_column("Location · opened", overflow="fold", min_width=place, max_width=place)
        # widths set, not left to rich: it would sooner crop the verdict than wrap the types
        table.add_column("Message types → EventTypes", overflow="fold", max_width=max(20, console.width - place - 16))
        table.add_column("Fix", no_wrap=True, width=6)
        for c in conns:
            types = Text()
            for i, t in enumerate(c.message_types):
                ev = result.rules.event_for(c.endpoint, t)
                if i:
                    types.append("\n")
                types.append(visible(t))
                types.append(f" → {ev}" if ev else " → ?", style="green" if ev else "red")
            if not c.message_types and c.event_types:
                types.append("(whole message) → " + ", ".join(c.event_types), style="green")
            opened = Text(visible(f"{c.file}:{c.line}") + "\n")
            opened.append("direct" if c.kind == "direct" else visible("via " + " → ".join(c.via or ())), style="dim")
            if c.token_in_url:
                opened.append("\ntoken in URL", style="red")
            if c.cleanup is False:
                opened.append("\nleak: never closed", style="red")
            fix = Text("auto", style="green") if c.fix == "auto" else Text("manual", style="yellow")
            table.add_row(opened, types, fix)
        console.print(table)
        for c in conns:
            if c.manual_reasons:
                reasons = Text.assemble((visible(f"{c.file}:{c.line}") + " manual: ", "dim"),
                                        visible("; ".join(c.manual_reasons)))
                console.print(Padding(reasons, (0, 0, 0, 2)))
        console.print()
    if inv.wrappers:
        table = Table(title="[bold]Wrappers[/]", title_justify="left")
        place = _place_width(console, (f"{w.file}:{w.line}" for w in inv.wrappers if w.file))
        table.add_column("Wrapper · defined at", overflow="fold", min_width=place, max_width=place)
        table.add_column("Endpoint template", overflow="fold", max_width=max(16, console.width - place - 17))
        table.add_column("Calls", justify="right", no_wrap=True, width=5)
        for w in inv.wrappers:
            where = f"{w.file}:{w.line}" if w.file else "(rules)"
            name = Text(visible(w.name + (f" → {w.next}" if w.next else "")) + "\n")
            name.append(visible(where), style="dim")
            table.add_row(name, Text(visible(w.endpoint_template or "?")), str(w.calls))
        console.print(table)
        console.print()
    backend = result.backend
    if backend is not None and backend.endpoints:
        table = Table(title="[bold]Back-end endpoints[/]", title_justify="left")
        place = _place_width(console, (f"{e.file}:{e.line} ({e.framework})" for e in backend.endpoints))
        table.add_column("Endpoint · served at", overflow="fold", min_width=place, max_width=place)
        table.add_column("Message types sent", overflow="fold", max_width=max(16, console.width - place - 7))
        for e in backend.endpoints:
            served = Text(visible(e.path) + "\n")
            served.append(visible(f"{e.file}:{e.line}") + f" ({e.framework})", style="dim")
            if e.token_in_query:
                served.append("\ntoken in query", style="red")
            table.add_row(served, Text(visible(", ".join(e.message_types)) or "–"))
        console.print(table)
        console.print()
    if inv.external:
        console.print(Text("External sockets (other hosts: not legacy, not counted)", style="bold"))
        for x in inv.external:
            console.print(Padding(Text(visible(f"{x.file}:{x.line}  {x.url}")), (0, 0, 0, 2)))
        console.print()
    findings = result.findings
    if findings:
        table = Table(title="[bold]Findings[/]", title_justify="left")
        # the id is what `// ws-migrate-ignore: <id>` takes: never cut
        table.add_column("Rule", no_wrap=True, min_width=max(len(f.rule) for f in findings))
        table.add_column("Location · message", overflow="fold")
        for f in findings[:max_findings]:
            table.add_row(Text(f.rule, style=_SEVERITY_STYLE[f.severity]),
                          Text.assemble((visible(f"{f.file}:{f.line}:{f.column}") + "\n", "dim"), visible(f.message)))
        console.print(table)
        if len(findings) > max_findings:
            console.print(f"… and {len(findings) - max_findings} more (use --format json for all)")
        console.print()
    if backend is not None and backend.cross_check is not None:
        _cross_check(backend.cross_check, console)
    s = summary(result)
    lines = [
        Text.assemble((count(s['connections'], 'legacy connection'), "bold"),
                      f" ({s['direct']} direct, {s['wrapper_calls']} through wrappers) in "
                      f"{count(s['files_scanned'], 'file')}; {s['auto_fixable']} auto-fixable, {s['manual']} manual"),
        Text(f"{count(s['wrappers'], 'wrapper')}, {count(s['message_types'], 'message type')} "
        f"({s['unmapped']} unmapped), {count(s['external'], 'external socket')}, "
        f"{count(s['parse_errors'], 'file')} with syntax errors"
        + (f", {s['suppressed']} suppressed" if s["suppressed"] else "")),
    ]
    if inv.adapted:
        sockets = len({c.socket for c in inv.adapted})
        used = _adapters_used(result)
        lines.append(Text(f"{count(len(inv.adapted), 'connection')} migrated through the adapter ("
                          + (f"{used}, " if used else "")
                          + f"{count(sockets, 'socket')}): their wrappers kept, on the unified service"))
    for u in inv.unified:
        lines.append(Text(visible(f"unified client (already migrated): {u.name} at {u.file}:{u.line}, "
                                  f"{count(len(u.users), 'place')} use it")))
    if inv.socketio:
        clients = ", ".join(f"{c.file}:{c.line}" for c in inv.socketio[:_SKIPPED_SHOWN])
        more = len(inv.socketio) - _SKIPPED_SHOWN
        lines.append(Text(visible(f"Socket.IO clients (not WebSockets, not counted): {clients}"
                                  + (f" and {more} more" if more > 0 else ""))))
    if backend is not None and backend.socketio:
        servers = ", ".join(f"{s.file}:{s.line}" for s in backend.socketio[:_SKIPPED_SHOWN])
        more = len(backend.socketio) - _SKIPPED_SHOWN
        lines.append(Text(visible(f"Socket.IO servers (not WebSockets, not counted): {servers}"
                                  + (f" and {more} more" if more > 0 else ""))))
    if backend is not None:
        line = (f"back end: {count(len(backend.endpoints), 'legacy endpoint')}, "
                f"{count(len(backend.emitted), 'send')} of typed messages")
        cc = backend.cross_check
        if cc is not None:
            line += (f"; cross-check: {count(len(cc.dead_events), 'dead event')}, "
                     f"{count(len(cc.dead_handlers), 'dead handler')}, "
                     f"{count(len(cc.unserved), 'endpoint')} connected but not served, "
                     f"{len(cc.unconnected)} served but not connected")
        lines.append(Text(line))
    if s["findings"]:
        lines.append(Text("findings: " + ", ".join(f"{k} {v}" for k, v in s["findings"].items())))
    if result.skipped:
        shown = ", ".join(f"{k.rel} ({k.reason})" for k in result.skipped[:_SKIPPED_SHOWN])
        more = len(result.skipped) - _SKIPPED_SHOWN
        lines.append(Text(visible(f"not scanned: {shown}")
                          + (f" and {more} more (use --format json for all)" if more > 0 else "")))
    # text from the scanned code (paths, URLs, names) is never markup (each line is a Text),
    # and its control characters are escapes (`visible`)
    console.print(Group(*lines))


def _adapters_used(result: ScanResult) -> str:
    """The adapter functions the adapted sockets are opened with (`openReconnectingLegacySocket`),
    as the scan's summaries show them; "" when it kept none (a scan of an unchanged tree)."""
    summaries = result.extra.get("summaries") or {}
    names = set()
    for c in result.inventory.adapted:
        summary = summaries.get(c.socket[0])  # type: ignore[attr-defined]
        site = next((s for s in summary.sockets if s.pos.start == c.socket[2]), None) if summary else None
        head = site.snippet.split("(", 1)[0].strip() if site is not None else ""
        if head not in ADAPTER_NAMES:
            return ""
        names.add(head)
    return ", ".join(f"`{n}`" for n in sorted(names))


def _place_width(console: Console, places: Iterable[str]) -> int:
    """The width of a column of `file:line`s: the longest, up to `_PLACE_WIDTH` (less on a
    narrow terminal), so a place folds only when it must."""
    return max(20, min(max((len(p) for p in places), default=20), _PLACE_WIDTH, console.width // 2 - 2))


def _cross_check(cc: CrossCheck, console: Console) -> None:
    """What the two ends disagree on, by name (the summary counts them)."""
    rows = [
        ("sent, handled nowhere", [f"{m.type} on {m.endpoint or '?'}" for m in cc.dead_events]),
        ("handled, never sent", [f"{m.type} on {m.endpoint or '?'}" for m in cc.dead_handlers]),
        ("connected to, not served", list(cc.unserved)),
        ("served, connected to by nothing", list(cc.unconnected)),
    ]
    if not any(items for _, items in rows):
        return
    console.print(Text("Cross-check of the front end against the back end", style="bold"))
    for what, items in rows:
        if items:
            console.print(Padding(Text(f"{what}: " + visible(", ".join(items))), (0, 0, 0, 2)))
    console.print()
