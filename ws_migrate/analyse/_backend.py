"""The back end's side: legacy endpoints it serves, the message types it emits to each, findings,
and the cross-check against what the front end connects to and handles."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ws_migrate.analyse._findings import is_ignored, severity_of
from ws_migrate.analyse._inventory import Connection, Finding, MessageType
from ws_migrate.rules import Rules

if TYPE_CHECKING:  # libcst costs ~0.13 s to import: only the back-end scan needs it
    from ws_migrate.analyse._python import PyEmit, PyEndpoint, PySummary

_PARAM = re.compile(r"^\{[^/{}]*\}$")
ENDPOINT_REASON = ("legacy endpoints stay while clients migrate (`ws-migrate serve --legacy-bridge` can "
                   "replace them); remove them in the Cleanup phase")


@dataclass(frozen=True)
class BackendEndpoint:
    """A legacy WebSocket endpoint the back end serves (a FastAPI/Starlette route, a
    `websockets` server)."""

    id: str
    file: str
    line: int
    column: int
    path: str
    handler: str
    framework: str
    token_in_query: bool
    message_types: tuple[str, ...]
    event_types: tuple[str, ...]


@dataclass(frozen=True)
class Emitted:
    """A typed message the back end sends, and the endpoint it goes out on."""

    type: str
    endpoint: str | None  # the topic's endpoint (`/ws/health`), None when it cannot be told
    file: str
    line: int


@dataclass(frozen=True)
class CrossCheck:
    """Where the two ends disagree: types sent but never handled, handled but never sent, and
    endpoints."""

    dead_events: tuple[MessageType, ...]  # sent by the back end, handled nowhere
    dead_handlers: tuple[MessageType, ...]  # handled by the front end, never sent
    unserved: tuple[str, ...]  # connected to by the front end, served by no endpoint
    unconnected: tuple[str, ...]  # served, connected to by nothing


@dataclass(frozen=True)
class Backend:
    """The Python back end's legacy endpoints, typed sends and findings, checked against the
    front end."""

    endpoints: tuple[BackendEndpoint, ...]
    emitted: tuple[Emitted, ...]
    findings: tuple[Finding, ...]
    cross_check: CrossCheck | None


def segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def topic_key(endpoint: str) -> str:
    """An endpoint without its trailing parameter segments: `/ws/health/{userId}` → `/ws/health`."""
    segs = segments(endpoint)
    while len(segs) > 1 and _PARAM.match(segs[-1]):
        segs.pop()
    return "/" + "/".join(segs)


def pattern_matches(pattern: str, endpoint: str) -> bool:
    """A served pattern (`/ws/{connection_type}`) against a connected endpoint (`/ws/health`)."""
    want, got = segments(pattern), segments(endpoint)
    if len(got) < len(want):
        return False
    for w, g in zip(want, got):
        if not (_PARAM.match(w) or _PARAM.match(g) or w == g):
            return False
    return all(_PARAM.match(g) for g in got[len(want):]) or len(got) == len(want)


def _topic_endpoint(topic: str, patterns: list[str]) -> str | None:
    """Where a registry topic (`"dns_management"`) is served: `/ws/{t}` → `/ws/dns_management`."""
    for p in patterns:
        segs = segments(p)
        if segs and segs[-1] == topic:
            return "/" + "/".join(segs)
    for p in sorted(patterns, key=lambda p: len(segments(p))):
        segs = segments(p)
        for i, s in enumerate(segs):
            if _PARAM.match(s):
                return "/" + "/".join(segs[:i] + [topic])
    return None


def link_backend(summaries: dict[str, PySummary], rules: Rules,
                 frontend: tuple[Connection, ...], handled: tuple[MessageType, ...]) -> Backend:
    eps: list[tuple[str, PyEndpoint]] = [(rel, e) for rel, s in sorted(summaries.items()) for e in s.endpoints]
    patterns = [e.path for _, e in eps]
    handler_of: dict[tuple[str, str], str] = {(rel, e.handler): e.path for rel, e in eps}
    emitted: list[Emitted] = []
    findings: list[Finding] = []

    def add(rule: str, file: str, line: int, column: int, message: str, anchor: str) -> None:
        if _ignored(summaries.get(file), line, rule):
            return
        fp = hashlib.sha1(f"{rule}|{file}|{anchor}".encode()).hexdigest()[:16]
        findings.append(Finding(rule, severity_of(rule), file, line, column, message, fp))

    for rel, s in sorted(summaries.items()):
        if s.parse_error is not None:
            add("parse-error", rel, s.parse_error[0], s.parse_error[1],
                f"syntax error: {s.parse_error[2]}; the file was skipped", "parse-error")
        for emit in s.emits:
            endpoint = _emit_endpoint(rel, emit, patterns, handler_of)
            if not emit.typed:
                add("untyped-message", rel, emit.line, emit.column,
                    f"message sent without a `{rules.envelope.type_field}` field"
                    + (f" to {endpoint}" if endpoint else ""), f"untyped|{emit.function}|{emit.topic}")
                continue
            if emit.type is None:
                continue
            emitted.append(Emitted(emit.type, endpoint, rel, emit.line))
            if endpoint is not None and rules.endpoint_rule(endpoint) is not None \
                    and rules.event_for(endpoint, emit.type) is None:
                add("unmapped-message-type", rel, emit.line, emit.column,
                    f"message type '{emit.type}' sent on {endpoint} has no EventType in the rules",
                    f"emit|{emit.type}|{endpoint}")
    endpoints: list[BackendEndpoint] = []
    for rel, e in eps:
        types = sorted({m.type for m in emitted if m.endpoint and pattern_matches(e.path, m.endpoint)})
        events = sorted({ev for t in types for m in emitted if m.type == t and m.endpoint
                         for ev in [rules.event_for(m.endpoint, t)] if ev})
        eid = "e-" + hashlib.sha1(f"{rel}|{e.path}|{e.handler}".encode()).hexdigest()[:12]
        endpoints.append(BackendEndpoint(eid, rel, e.line, e.column, e.path, e.handler, e.framework,
                                         bool(e.token_query), tuple(types), tuple(events)))
        add("legacy-endpoint", rel, e.line, e.column, f"legacy per-topic endpoint {e.path} ({e.handler})",
            f"endpoint|{e.path}|{e.handler}")
        if e.token_query:
            add("token-in-query", rel, e.token_query, 1,
                f"endpoint {e.path} takes the auth token as a query parameter", f"token|{e.path}|{e.handler}")
    cross = _cross_check(endpoints, emitted, frontend, handled, rules) if endpoints and frontend else None
    return Backend(tuple(endpoints), tuple(emitted), tuple(sorted(findings, key=lambda f: (f.file, f.line))), cross)


def _emit_endpoint(rel: str, emit: PyEmit, patterns: list[str], handler_of: dict[tuple[str, str], str]) -> str | None:
    if emit.topic is not None:
        return _topic_endpoint(emit.topic, patterns)
    path = handler_of.get((rel, emit.function or ""))
    return topic_key(path) if path is not None else None


def _ignored(s: PySummary | None, line: int, rule: str) -> bool:
    return s is not None and is_ignored(s.ignores, line, rule)


def _cross_check(endpoints: list[BackendEndpoint], emitted: list[Emitted], frontend: tuple[Connection, ...],
                 handled: tuple[MessageType, ...], rules: Rules) -> CrossCheck:
    sent: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in emitted:
        if m.endpoint is not None:
            sent[(m.type, topic_key(m.endpoint))].append(f"{m.file}:{m.line}")
    got: dict[tuple[str, str], list[str]] = defaultdict(list)
    for h in handled:
        if h.endpoint is not None:
            got[(h.type, topic_key(h.endpoint))].extend(h.handled_in)
    served = [e.path for e in endpoints]
    connected = sorted({c.endpoint for c in frontend if c.endpoint})
    # a front-end handler that takes whole messages handles every type of its endpoint
    whole = {topic_key(c.endpoint) for c in frontend if c.endpoint and any(h.whole_message for h in c.handlers)}
    dead_events = tuple(MessageType(t, ep, rules.event_for(ep, t), (), tuple(sorted(where)))
                        for (t, ep), where in sorted(sent.items()) if (t, ep) not in got and ep not in whole)
    dead_handlers = tuple(MessageType(t, ep, rules.event_for(ep, t), tuple(sorted(where)))
                          for (t, ep), where in sorted(got.items())
                          if (t, ep) not in sent and any(pattern_matches(p, ep) for p in served))
    unserved = tuple(ep for ep in connected if not any(pattern_matches(p, ep) for p in served))
    unconnected = tuple(sorted({p for p in served if not any(pattern_matches(p, ep) for ep in connected)}))
    return CrossCheck(dead_events, dead_handlers, unserved, unconnected)
