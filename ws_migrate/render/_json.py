"""The scan as JSON (`"schema": "ws-migrate/scan/1"`), the contract scripts and CI read."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Any

from ws_migrate.analyse import MessageType
from ws_migrate.scan import Gate, ScanResult

SCAN_SCHEMA = "ws-migrate/scan/1"


def all_message_types(result: ScanResult) -> tuple[MessageType, ...]:
    """Front-end message types with where the back end emits them, plus types only emitted."""
    if result.backend is None:
        return result.inventory.message_types
    from ws_migrate.analyse._backend import topic_key

    emitted: dict[tuple[str, str], list[str]] = {}
    for sent in result.backend.emitted:
        if sent.endpoint is not None:
            emitted.setdefault((sent.type, topic_key(sent.endpoint)), []).append(f"{sent.file}:{sent.line}")
    out: list[MessageType] = []
    seen: set[tuple[str, str]] = set()
    for m in result.inventory.message_types:
        key = (m.type, topic_key(m.endpoint)) if m.endpoint else None
        if key is not None:
            seen.add(key)
        out.append(replace(m, emitted_in=tuple(sorted(emitted.get(key, ()))) if key else ()))
    for (t, ep), where in sorted(emitted.items()):
        if (t, ep) not in seen:
            out.append(MessageType(t, ep, result.rules.event_for(ep, t), (), tuple(sorted(where))))
    return tuple(out)


def _cross_check(result: ScanResult) -> dict[str, Any] | None:
    cc = result.backend.cross_check if result.backend else None
    if cc is None:
        return None

    def types(items: tuple[MessageType, ...]) -> list[dict[str, Any]]:
        return [{"type": m.type, "endpoint": m.endpoint, "event_type": m.event_type,
                 "handled_in": list(m.handled_in), "emitted_in": list(m.emitted_in)} for m in items]

    return {"dead_events": types(cc.dead_events), "dead_handlers": types(cc.dead_handlers),
            "connected_not_served": list(cc.unserved), "served_not_connected": list(cc.unconnected)}


def scan_to_dict(result: ScanResult) -> dict[str, Any]:
    inv = result.inventory
    types = all_message_types(result)
    return {
        "schema": SCAN_SCHEMA,
        "root": str(result.root),
        "rules": list(result.rules.sources),
        "files_scanned": result.files_scanned,
        "parse_errors": [
            {"file": p.file, "line": p.line, "column": p.column, "message": p.message}
            for p in result.parse_errors
        ],
        "connections": [
            {
                "id": c.id,
                "side": "frontend",
                "file": c.file,
                "line": c.line,
                "column": c.column,
                "kind": c.kind,
                "via": list(c.via) if c.via else None,
                # a choice the code makes at run time between known paths: the list of them
                "endpoint": list(c.endpoints) if len(c.endpoints) > 1 else c.endpoint,
                "endpoints": list(c.endpoints),
                "message_field": c.message_field,
                "library": c.library or None,
                "external": c.external,
                "url": c.url,
                "message_types": list(c.message_types),
                "event_types": list(c.event_types),
                "token_in_url": c.token_in_url,
                "cleanup": c.cleanup,
                "fix": c.fix,
                "manual_reasons": list(c.manual_reasons),
                "binding": c.binding,  # `ws`, `this.ws`, `wsRef.current`, or destructured/returned/none
                # where its own code sends on what a wrapper gave it, or hands that on (0: nowhere)
                "send_line": c.send_line,
                "escape_line": c.escape_line,
                "handlers": [
                    {"event": h.event, "style": h.style, "handler": h.target, "file": h.file,
                     "line": h.line, "message_types": list(h.types)}
                    for h in c.handlers
                ],
            }
            for c in inv.connections
        ],
        "endpoints": _endpoints(result),
        "external": [
            {"file": e.file, "line": e.line, "column": e.column, "url": e.url, "host": e.host}
            for e in inv.external
        ],
        # the team's own unified client (one multiplexed socket): not legacy
        "unified_clients": [
            {"name": u.name, "file": u.file, "line": u.line, "endpoint": u.endpoint, "declared": u.declared,
             "users": [{"file": f, "line": line} for f, line in u.users]}
            for u in inv.unified
        ],
        # Socket.IO clients: not raw WebSockets, never legacy connections, listed so they are seen
        "adapted": [
            {"file": c.file, "line": c.line, "column": c.column, "kind": c.kind,
             "via": list(c.via) if c.via else None, "endpoint": c.endpoint, "event_types": list(c.event_types),
             "socket": {"file": c.socket[0], "line": c.socket[1]}}
            for c in inv.adapted
        ],
        # Socket.IO clients and the back end's Socket.IO servers: never legacy connections or endpoints
        "socketio": [
            {"file": s.file, "line": s.line, "column": s.column, "url": s.url, "side": "frontend"} for s in inv.socketio
        ] + [
            {"file": s.file, "line": s.line, "column": s.column, "url": s.text, "side": "backend",
             "framework": s.framework} for s in (result.backend.socketio if result.backend else ())
        ],
        "wrappers": [
            {
                "name": w.name,
                "file": w.file or None,  # None: declared in the rules, defined outside the repo
                "line": w.line,
                "kind": w.kind,
                "endpoint_template": w.endpoint_template,
                "calls": w.calls,
                "next": w.next,
                "declared": w.declared,
            }
            for w in inv.wrappers
        ],
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "message": f.message,
                "fingerprint": f.fingerprint,
            }
            for f in result.findings
        ],
        "message_types": [
            {"type": m.type, "endpoint": m.endpoint, "event_type": m.event_type,
             "handled_in": list(m.handled_in), "emitted_in": list(m.emitted_in)}
            for m in types
        ],
        "unmapped": [
            {"type": m.type, "endpoint": m.endpoint, "handled_in": list(m.handled_in),
             "emitted_in": list(m.emitted_in)}
            for m in types if m.event_type is None
        ],
        "cross_check": _cross_check(result),
        "skipped": [{"file": s.rel, "reason": s.reason} for s in result.skipped],
        "summary": summary(result),
    }


def _endpoints(result: ScanResult) -> list[dict[str, Any]]:
    """The back end's legacy endpoints, in the connections' shape (`kind: endpoint`)."""
    if result.backend is None:
        return []
    from ws_migrate.analyse._backend import ENDPOINT_REASON  # (most scans have no back end)

    return [
        {
            "id": e.id,
            "side": "backend",
            "file": e.file,
            "line": e.line,
            "column": e.column,
            "kind": "endpoint",
            "via": None,
            "endpoint": e.path,
            "external": False,
            "url": e.path,
            "message_types": list(e.message_types),
            "event_types": list(e.event_types),
            "token_in_url": e.token_in_query,
            "cleanup": None,
            "fix": "manual",
            "manual_reasons": [ENDPOINT_REASON],
            "handler": e.handler,
            "framework": e.framework,
        }
        for e in result.backend.endpoints
    ]


def summary(result: ScanResult) -> dict[str, Any]:
    inv = result.inventory
    types = all_message_types(result)
    by_endpoint = Counter(c.endpoint or "(unresolved)" for c in inv.connections)
    return {
        "files_scanned": result.files_scanned,
        "files_parsed": result.files_parsed,
        "cache_hits": result.cache_hits,
        "connections": len(inv.connections),
        "direct": sum(1 for c in inv.connections if c.kind == "direct"),
        "wrapper_calls": sum(1 for c in inv.connections if c.kind == "wrapper-call"),
        "auto_fixable": sum(1 for c in inv.connections if c.fix == "auto"),
        "manual": sum(1 for c in inv.connections if c.fix == "manual"),
        "by_endpoint": dict(sorted(by_endpoint.items())),
        "wrappers": len(inv.wrappers),
        "external": len(inv.external),
        "message_types": len(types),
        "unmapped": sum(1 for m in types if m.event_type is None),
        "findings": dict(sorted(Counter(f.rule for f in result.findings).items())),
        "backend_endpoints": len(result.backend.endpoints) if result.backend else 0,
        "parse_errors": len(result.parse_errors),
        "suppressed": inv.suppressed,
        "adapted": len(inv.adapted),
    }


def render_json(result: ScanResult, *, indent: int | None = None, gate: Gate | None = None) -> str:
    """JSON text; compact by default, `indent` for people.

    With `gate`, a `baseline` member lists what the baseline lacks."""
    data = scan_to_dict(result)
    if gate is not None:
        data["baseline"] = {"new_connections": [c.id for c in gate.new_connections],
                            "new_findings": [f.fingerprint for f in gate.new_findings]}
    return _dumps(data, indent) + "\n"


def _dumps(data: object, indent: int | None) -> str:
    """`json.dumps(data, indent=indent, ensure_ascii=False)`, compact without `indent`: orjson
    writes a large tree's document twenty times faster than the standard library."""
    if indent not in (None, 2):  # all orjson indents
        return json.dumps(data, indent=indent, ensure_ascii=False)
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0).decode()


def replayed_json(result: ScanResult, text: str, *, indent: int | None = None) -> str:
    """What `render_json` gives for the same tree scanned again, all from the cache: `text`
    with the summary's counters of a warm scan (nothing parsed, every candidate a cache hit)."""
    if result.files_parsed == 0:
        return text
    warm = replace(result, files_parsed=0, cache_hits=result.files_parsed + result.cache_hits)
    counts = summary(result)
    tail = _dumps(counts, None) + "}\n"
    if indent is None and text.endswith(tail):  # compact: the summary is the last member
        # the two counters are all a warm scan's summary changes
        counts.update(files_parsed=warm.files_parsed, cache_hits=warm.cache_hits)
        return text[: -len(tail)] + _dumps(counts, None) + "}\n"
    return render_json(warm, indent=indent)

