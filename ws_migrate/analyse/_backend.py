"""The back end's side: legacy endpoints it serves, the message types it emits to each, findings,
and the cross-check against what the front end connects to and handles."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ws_migrate.analyse._findings import is_ignored, severity_of
from ws_migrate.analyse._inventory import Connection, Finding, MessageType
from ws_migrate.rules import Rules

if TYPE_CHECKING:
    from ws_migrate.analyse._python import PyEmit, PyEndpoint, PySummary, PyTypedCall

_PARAM = re.compile(r"^\{[^/{}]*\}$")
_HELPER_DEPTH = 3  # send_json ← broadcast ← emit_event ← broadcast_zone_created
# method and function names too common to say which definition a call reaches
_GENERIC_NAMES = frozenset({
    "get", "set", "put", "add", "update", "pop", "append", "extend", "remove", "discard", "clear",
    "copy", "join", "split", "strip", "format", "replace", "encode", "decode", "read", "write", "flush",
    "close", "open", "run", "start", "stop", "call", "handle", "process", "execute", "parse", "connect",
    "disconnect", "cancel", "create", "get_or_create", "validate", "dumps", "loads", "items", "keys",
    "values", "main", "wait", "sleep", "gather", "log", "info", "debug", "warning", "error",
    "exception", "print", "len", "str", "int", "dict", "list", "tuple", "isinstance", "super", "render",
    "setup", "init", "load", "save", "dispatch", "submit", "apply", "wrapper", "inner", "decorator",
    "callback"
})
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


def _serves(pattern: str, emitted_on: str) -> bool:
    """An emit's endpoint goes out on a served pattern: the pattern itself or its topic
    (`/ws/board` of `/ws/board/{id}`), or a topic filled into its parameters (`/ws/{t}` → `/ws/dns`)."""
    if emitted_on in (pattern, topic_key(pattern)):
        return True
    want, got = segments(pattern), segments(emitted_on)
    return len(want) == len(got) and all(w == g or _PARAM.match(w) for w, g in zip(want, got))


def _topic_endpoint(topic: str, patterns: list[str]) -> str | None:
    """Where a registry topic (`"dns_management"`) is served: `/ws/{t}` → `/ws/dns_management`."""
    for p in patterns:
        segs = segments(p)
        if segs and segs[-1] == topic:
            return "/" + "/".join(segs)
    for p in patterns:  # `/api/stock/{warehouse}/levels` serves the topic "stock"
        if topic in segments(p):
            return p
    for p in sorted(patterns, key=lambda p: len(segments(p))):
        segs = segments(p)
        for i, s in enumerate(segs):
            if _PARAM.match(s):
                return "/" + "/".join(segs[:i] + [topic])
    return None


def link_backend(summaries: dict[str, PySummary], rules: Rules,
                 frontend: tuple[Connection, ...], handled: tuple[MessageType, ...]) -> Backend:
    public = _PublicPaths(summaries)
    socket_handlers = {h for s in summaries.values() for h in s.socket_handlers}
    eps: list[tuple[str, PyEndpoint]] = [
        (rel, replace(e, path=public.of(rel, e.owner, e.path))) for rel, s in sorted(summaries.items())
        for e in (*s.endpoints, *(r for r in s.routes if r.handler.rpartition(".")[2] in socket_handlers))]
    patterns = [e.path for _, e in eps]
    handler_of: dict[tuple[str, str], str] = {(rel, e.handler): e.path for rel, e in eps}
    # a class-based handler (a Channels consumer routed from another module) by its class name
    handler_of.update({("", e.handler.rpartition(".")[2]): e.path for _, e in eps})
    emitted: list[Emitted] = []
    findings: list[Finding] = []

    def add(rule: str, file: str, line: int, column: int, message: str, anchor: str) -> None:
        if _ignored(summaries.get(file), line, rule):
            return
        fp = hashlib.sha1(f"{rule}|{file}|{anchor}".encode()).hexdigest()[:16]
        findings.append(Finding(rule, severity_of(rule), file, line, column, message, fp))

    senders = helper_names(summaries)
    builders = {e.function for s in summaries.values() for e in s.emits if e.forward is not None and e.function}
    # str-enum members anywhere in the project, `EventType.ADDED` → "added"
    enums = {f"{cls}.{member}": value for s in summaries.values() for cls, member, value in s.enums}
    callers_of: dict[str, list[tuple[str, PyTypedCall]]] = defaultdict(list)
    calls_at: dict[tuple[str, int], list[PyTypedCall]] = defaultdict(list)
    for rel, s in sorted(summaries.items()):
        for call in s.typed_calls:
            callers_of[call.callee].append((rel, call))
            calls_at[(rel, call.line)].append(call)
    for rel, s in sorted(summaries.items()):
        if s.parse_error is not None:
            add("parse-error", rel, s.parse_error[0], s.parse_error[1],
                f"syntax error: {s.parse_error[2]}; the file was skipped", "parse-error")
        for emit in s.emits:
            if emit.how == "registry" and (not emit.callee or emit.callee not in senders
                                           or (not emit.typed and emit.callee in builders)):
                # a log call, a DB write, an HTTP response: nothing shows it reaches a socket; or
                # the data handed to a helper that builds the typed message itself (`emit_event`)
                continue
            endpoint = _emit_endpoint(rel, emit, patterns, handler_of)
            if not emit.typed:
                add("untyped-message", rel, emit.line, emit.column,
                    f"message sent without a `{rules.envelope.type_field}` field"
                    + (f" to {endpoint}" if endpoint else ""), f"untyped|{emit.function}|{emit.topic}")
                continue
            # the type is decided here, or by the callers handing the function a constant
            decided = [(emit.type, rel, emit.line, emit.column)] if emit.forward is None else \
                [(c.value, crel, c.line, c.column) for crel, c in callers_of.get(emit.function or "", ())
                 if c.position == emit.forward[1] or (c.position == -1 and c.keyword == emit.forward[0])]
            for kind, where, line, column in decided:
                wire = enums.get(_enum_key(kind), kind) if kind is not None else None
                if wire is None:
                    continue
                # the caller may name the topic too: `emit_event(EventType.X, data, "dns")`
                named = endpoint or next((t for c in calls_at.get((where, line), ())
                                          if c.value != kind and "." not in c.value
                                          for t in [_topic_endpoint(c.value, patterns)] if t), None)
                emitted.append(Emitted(wire, named, where, line))
                if named is not None and rules.endpoint_rule(named) is not None \
                        and rules.event_for(named, wire) is None:
                    add("unmapped-message-type", where, line, column,
                        f"message type '{wire}' sent on {named} has no EventType in the rules",
                        f"emit|{wire}|{named}")
    endpoints: list[BackendEndpoint] = []
    for rel, e in eps:
        types = sorted({m.type for m in emitted if m.endpoint and _serves(e.path, m.endpoint)})
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


def _enum_key(dotted: str) -> str:
    """`models.EventType.ADDED` → `EventType.ADDED` (an enum member however it is imported)."""
    return ".".join(dotted.split(".")[-2:])


def join_path(*parts: str) -> str:
    """`/api/v1` + `/filament` + `/{filament_id}` → `/api/v1/filament/{filament_id}`."""
    segs = [seg for p in parts for seg in p.split("/") if seg]
    return "/" + "/".join(segs)


class _PublicPaths:
    """The path a client connects to: the route's own path under the prefixes of its router, of
    every router that includes it, and of the mounts above them, with imports resolved between the
    project's modules."""

    def __init__(self, summaries: dict[str, PySummary]) -> None:
        self.summaries = summaries
        self.modules: dict[str, str] = {}
        for rel in sorted(summaries, key=lambda r: (r.count("/"), r)):
            dotted = rel[:-3].replace("/", ".") if rel.endswith(".py") else rel.replace("/", ".")
            dotted = dotted.removesuffix(".__init__")
            parts = dotted.split(".")
            for i in range(len(parts)):  # the project's root package may sit in a subfolder
                self.modules.setdefault(".".join(parts[i:]), rel)
        self.parents: dict[tuple[str, str], list[tuple[tuple[str, str], str]]] = defaultdict(list)
        for rel, s in sorted(summaries.items()):
            for parent, child, prefix in s.includes:
                target = self.resolve(rel, child)
                if target is not None:
                    self.parents[target].append(((rel, parent), prefix))
        self.memo: dict[tuple[str, str], str] = {}

    def _module(self, rel: str, module: str) -> str | None:
        if module.startswith("."):
            level = len(module) - len(module.lstrip("."))
            package = rel.split("/")[:-1]
            if level > 1:
                package = package[: len(package) - (level - 1)]
            module = ".".join([*package, module.lstrip(".")]).strip(".")
        return self.modules.get(module)

    def resolve(self, rel: str, ref: str) -> tuple[str, str] | None:
        """A router or app named in `rel` (`router`, `filament.router`, an imported name) → the
        file and the name it is defined under there."""
        head, _, rest = ref.partition(".")
        s = self.summaries.get(rel)
        imported = next(((m, n) for local, m, n in (s.imports if s else ()) if local == head), None)
        if imported is None:
            return (rel, ref) if ref else None
        module, name = imported
        if name:
            sub = self._module(rel, f"{module}.{name}" if not module.endswith(".") else module + name)
            if sub is not None and rest:
                return (sub, rest)
            owner = self._module(rel, module)
            return (owner, name) if owner is not None and not rest else None
        owner = self._module(rel, module)
        return (owner, rest) if owner is not None and rest else None

    def prefix(self, node: tuple[str, str], seen: frozenset[tuple[str, str]] = frozenset()) -> str:
        if node in self.memo:
            return self.memo[node]
        s = self.summaries.get(node[0])
        own = next((p for var, p in (s.routers if s else ()) if var == node[1]), "")
        above = ""
        for parent, include_prefix in self.parents.get(node, ()):
            if parent not in seen:
                above = join_path(self.prefix(parent, seen | {node}), include_prefix)
                break
        self.memo[node] = join_path(above, own)
        return self.memo[node]

    def of(self, rel: str, owner: str, path: str) -> str:
        node = self.resolve(rel, owner) if owner else None
        return join_path(self.prefix(node), path) if node is not None else join_path(path)


def helper_names(summaries: dict[str, PySummary]) -> frozenset[str]:
    """Names of the project's functions and methods that reach a WebSocket send (a file calling
    one is worth reading even when it names no socket), directly or
    through up to `_HELPER_DEPTH` levels of other functions of the project (matched by name
    across modules, so names every codebase has — `run`, `close`, `join` — carry nothing)."""
    found = {n for s in summaries.values() for n in s.senders if _distinctive(n)}
    callers: dict[str, set[str]] = defaultdict(set)
    for s in summaries.values():
        for caller, callee in s.calls:
            callers[callee].add(caller)
    level = set(found)
    for _ in range(_HELPER_DEPTH):
        level = {c for n in level for c in callers.get(n, ()) if c not in found and _distinctive(c)}
        found |= level
    return frozenset(found)


def _distinctive(name: str) -> bool:
    return not name.startswith("__") and name not in _GENERIC_NAMES


def _emit_endpoint(rel: str, emit: PyEmit, patterns: list[str], handler_of: dict[tuple[str, str], str]) -> str | None:
    if emit.topic is not None:
        return _topic_endpoint(emit.topic, patterns)
    # the handler in this file, its class here, or a handler routed from another module by name
    path = handler_of.get((rel, emit.function or "")) or handler_of.get((rel, emit.klass or "")) \
        or handler_of.get(("", emit.klass or "")) or handler_of.get(("", emit.function or ""))
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
