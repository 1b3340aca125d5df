"""The back end's side: legacy endpoints it serves, the message types it emits to each, findings,
and the cross-check against what the front end connects to and handles."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ws_migrate.analyse import _py_routes as routes_
from ws_migrate.analyse._findings import is_ignored, severity_of
from ws_migrate.analyse._inventory import Connection, Finding, MessageType
from ws_migrate.rules import Rules

if TYPE_CHECKING:
    from ws_migrate.analyse._python import PyEmit, PyEndpoint, PySummary, PyTypedCall

_PARAM = re.compile(r"^\{[^/{}]*\}$")
_HELPER_DEPTH = 3  # send_json ← broadcast ← emit_event ← broadcast_zone_created
# names of fields that say what kind of message it is (the front end's list), the likelier first
_DISCRIMINATORS = frozenset({"type", "kind", "event", "eventtype", "action", "op", "opcode", "status", "cmd",
                             "command", "method", "topic", "msgtype", "messagetype", "category", "subject", "t"})
_PREFERENCE = {k: i for i, k in enumerate(("type", "event", "kind", "action", "op", "msg_type", "message_type",
                                            "event_type", "cmd", "command", "method", "topic", "status"))}
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
class SocketIOServer:
    """A Socket.IO server the back end makes (`socketio.AsyncServer(…)`, `SocketIO(app)`): not a
    raw WebSocket endpoint, never legacy, listed apart."""

    file: str
    line: int
    column: int
    framework: str  # python-socketio | flask-socketio
    text: str  # the call, as written (whitespace folded, at most 80 characters)


@dataclass(frozen=True)
class Backend:
    """The Python back end's legacy endpoints, typed sends and findings, checked against the
    front end."""

    endpoints: tuple[BackendEndpoint, ...]
    emitted: tuple[Emitted, ...]
    findings: tuple[Finding, ...]
    cross_check: CrossCheck | None
    socketio: tuple[SocketIOServer, ...] = ()


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
    classes = _Classes(summaries)
    public = _PublicPaths(summaries, classes)
    socket_handlers = classes.descendants({h for s in summaries.values() for h in s.socket_handlers})
    eps: list[tuple[str, PyEndpoint]] = [
        (rel, replace(e, path=public.of(rel, e.owner, path))) for rel, s in sorted(summaries.items())
        for e in (*s.endpoints, *(r for r in s.routes if r.handler.rpartition(".")[2] in socket_handlers))
        for path in [public.fill(rel, e.path, e.framework)] if path is not None]
    patterns = [e.path for _, e in eps]
    handler_of: dict[tuple[str, str], str] = {(rel, e.handler): e.path for rel, e in eps}
    # a class-based handler (a Channels consumer routed from another module) by its class name
    handler_of.update({("", e.handler.rpartition(".")[2]): e.path for _, e in eps})
    # a `websockets` handler routing on several paths: a send out of every path's branch goes on each
    routed_on: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rel, e in eps:
        if e.framework == "websockets":
            routed_on[(rel, e.handler)].append(topic_key(e.path))
    emitted: list[Emitted] = []
    findings: list[Finding] = []

    def add(rule: str, file: str, line: int, column: int, message: str, anchor: str) -> None:
        if _ignored(summaries.get(file), line, rule):
            return
        fp = hashlib.sha1(f"{rule}|{file}|{anchor}".encode()).hexdigest()[:16]
        findings.append(Finding(rule, severity_of(rule), file, line, column, message, fp))

    whole, homes = message_params(summaries)
    builders = {e.function for s in summaries.values() for e in s.emits if e.forward is not None and e.function}
    # str-enum members anywhere in the project, `EventType.ADDED` → "added"
    enums = {f"{cls}.{member}": value for s in summaries.values() for cls, member, value in s.enums}
    # a Channels layer event's type by the handler method it names: `chat_message` → "chat.message"
    layer = {t.replace(".", "_"): t for s in summaries.values() for t in s.layer_types}
    # the typed messages layer events hold under a key, by handler and key (`_py_layers`)
    nested: dict[tuple[str, str], list[tuple[str, str, int, int]]] = defaultdict(list)
    for rel, s in sorted(summaries.items()):
        for handler, key, held, at, column in s.layer_payloads:
            nested[(handler, key)].append((held, rel, at, column))
    callers_of: dict[str, list[tuple[str, PyTypedCall]]] = defaultdict(list)
    calls_at: dict[tuple[str, int], list[PyTypedCall]] = defaultdict(list)
    passes_to: dict[str, list[tuple[str, int, str, int, str]]] = defaultdict(list)
    for rel, s in sorted(summaries.items()):
        # `from app.live import Notice as LiveNotice`: a call of `LiveNotice(…)` is one of `Notice`
        aliases = {local: name for local, _, name in s.imports if name and local != name}
        for call in s.typed_calls:
            callers_of[aliases.get(call.callee, call.callee)].append((rel, call))
            calls_at[(rel, call.line)].append(call)
        for fn, position, name, callee, at, keyword in s.param_passes:
            passes_to[callee].append((fn, position, name, at, keyword))

    def deciders(function: str, forward: tuple[str, int]) -> list[tuple[str, str, int, int]]:
        """The constants the callers give a forwarded parameter, through up to `_HELPER_DEPTH`
        callers handing on their own parameter (`broadcast_flow(type, f)` → `_broadcast_flow(type, …)`)."""
        out: list[tuple[str, str, int, int]] = []
        seen = {(function, forward)}
        level = [(function, forward)]
        for depth in range(_HELPER_DEPTH + 1):
            up: list[tuple[str, tuple[str, int]]] = []
            for fn, (name, position) in level:
                if name == "**":  # the keywords are the message: the callers' discriminator keyword
                    out.extend(_kwargs_types(callers_of.get(fn, ()), rules.envelope.type_field))
                    continue
                out.extend((c.value, crel, c.line, c.column) for crel, c in callers_of.get(fn, ())
                           if (position >= 0 and c.position == position)
                           or (c.position == -1 and c.keyword == name))
                if depth == _HELPER_DEPTH:
                    continue
                for caller, at, pname, given, keyword in passes_to.get(fn, ()):
                    if ((given >= 0 and given == position) or (given < 0 and keyword == name)) \
                            and (caller, (pname, at)) not in seen:
                        seen.add((caller, (pname, at)))
                        up.append((caller, (pname, at)))
            level = up
        return out

    def made_by(ctor: str, method: str, forward: tuple[str, int]) -> list[tuple[str, str, int, int]]:
        """The constants given the constructor argument `forward` of the calls `ctor(…)` whose
        result's `method` is called (`Message("showUpdated", d).push()`): the object sends itself."""
        name, position = forward
        return [(c.value, crel, c.line, c.column) for crel, c in callers_of.get(ctor, ())
                if method in c.then and ((position >= 0 and c.position == position)
                                         or (c.position == -1 and c.keyword == name))]

    schemas = _Schemas(summaries, rules.envelope.type_field)
    built = _Builders(summaries, public, schemas)
    lists = _SocketLists(summaries)
    reached = _Reached(summaries, {name: topic_key(path) for (where, name), path in handler_of.items() if not where})
    sends: list[tuple[str, PyEmit, list[str]]] = []
    for rel, s in sorted(summaries.items()):
        if s.parse_error is not None:
            add("parse-error", rel, s.parse_error[0], s.parse_error[1],
                f"syntax error: {s.parse_error[2]}; the file was skipped", "parse-error")
        here = {callee for _, callee in s.calls} if any(e.layer for e in s.emits) else set()
        for emit in s.emits:
            if emit.layer and emit.function in here and emit.function not in layer:
                # `async def push(self, payload)` called in its module (`self.push({...})`): a helper of the
                # consumer, not a layer handler (those are only dispatched to by name)
                continue
            if emit.how == "registry" and (not _reaches(emit, whole)
                                           or (not emit.typed and emit.callee in builders)):
                # a log call, a DB write, an HTTP response, a queue: nothing shows the message
                # reaches a socket whole; or the data handed to a helper that builds the typed
                # message itself (`emit_event`)
                continue
            if emit.schema is not None:
                # `WSWhitelistMessage(data=…)`: typed by the class's default, or the argument its
                # constructor fills the discriminator with; a class that says no kind is no message
                said = schemas.type_of(rel, emit)
                if said is None:
                    continue
                emit = replace(emit, type=said[1], typed=True,
                               key="" if said[0] == rules.envelope.type_field else said[0])
            elif emit.builder is not None:
                # `make("hello", 1)` of `def make(kind, data): return {"type": kind, …}`: typed by
                # the builder's literal, or the argument the call gives its parameter; else dropped
                built_as = built.type_of(rel, emit)
                if built_as is None:
                    continue
                # (`fed`: the sender's parameter, which its callers decide)
                built_field, built_kind, fed = built_as
                emit = replace(emit, type=built_kind, typed=True, forward=fed,
                               key="" if built_field == rules.envelope.type_field else built_field)
            served = _emit_endpoints(rel, emit, patterns, handler_of, classes)
            if len(served) == 1 and emit.route is None and len(routed_on.get((rel, emit.function or ""), ())) > 1:
                served = sorted(set(routed_on[(rel, emit.function or "")]))
            if not served and emit.via:
                # `for client in clients: client.write_message(m)`, the handler adding itself to
                # `clients` (or the endpoint's function, or a helper it calls, adding its socket)
                owners = lists.classes(rel, emit.via)
                served = sorted({topic_key(p) for k in owners for c in classes.descendants({k})
                                 for p in [handler_of.get(("", c))] if p}
                                | {topic_key(p) for where, fn in lists.functions(rel, emit.via)
                                   for p in [handler_of.get((where, fn))] if p}
                                | {ep for where, fn in lists.functions(rel, emit.via)
                                   if (where, fn) not in handler_of for ep in reached.of(fn)})
            if not served and emit.how == "registry" and emit.topic is None:
                # `ChatHandler.send_updates(chat)`: out on the endpoints of the class that sends it
                served = sorted({ep for k in homes.get(emit.callee or "", ())
                                 for ep in _emit_endpoints(rel, replace(emit, function=None, klass=k), patterns,
                                                           handler_of, classes)})
            if not served and emit.topic is None and emit.function and not emit.ctor:
                # `async def greet(ws)` called by the endpoint's handler: out on that endpoint (a
                # message object's `send(ws)` is called by whoever made one: its name says nothing)
                served = reached.of(emit.function)
            if not served and emit.topic is None and (emit.how == "registry" or emit.ctor) \
                    and len(set(patterns)) == 1:
                served = [topic_key(patterns[0])]  # a broadcast helper of the only endpoint there is
            sends.append((rel, emit, served))
    # the field the front end's handlers tell an endpoint's messages apart by
    told = {topic_key(c.endpoint): c.message_field.split(".")[0] for c in frontend
            if c.endpoint and c.message_field}
    fields = _discriminators(sends, rules, told)
    for rel, emit, served in sends:
        endpoint = served[0] if served else None
        if not emit.typed:
            field = fields.get(_group(rel, emit, served))
            kind = next((v for k, v in emit.fields if k == field), None) if field else None
            if (kind is None and field in emit.keys) or (
                    kind is not None and "." in kind and kind.rpartition(".")[2].isupper()
                    and _enum_key(kind) not in enums):
                # `{"topic": topic, …}`, `{"msg_type": settings.MSG_TYPE_ENTER, …}`: typed by a
                # run-time value or a constant of the endpoint's field, not one to list
                continue
            if kind is None:
                add("untyped-message", rel, emit.line, emit.column,
                    f"message sent without a `{field or rules.envelope.type_field}` field"
                    + (f" to {endpoint}" if endpoint else ""), f"untyped|{emit.function}|{emit.topic}")
                continue
            emit = replace(emit, type=kind, typed=True)
        # the type is decided here, or by the callers handing the function a constant
        decided = [(emit.type, rel, emit.line, emit.column)] if emit.forward is None else \
            made_by(emit.ctor, emit.function or "", emit.forward) if emit.ctor else \
            deciders(emit.function or "", emit.forward)
        if emit.layer and emit.sub:  # `send_json(event["payload"])`: what the events hold there
            decided = list(nested.get((emit.function or "", emit.sub), ()))
        for kind, where, line, column in decided:
            wire = enums.get(_enum_key(kind), kind) if kind is not None else None
            if wire is None:
                continue
            if emit.layer and not emit.sub:
                wire = layer.get(wire, wire)
            # the caller may name the topic too: `emit_event(EventType.X, data, "dns")`
            named: list[str] = [*served] or [t for c in calls_at.get((where, line), ())
                                             if c.value != kind and "." not in c.value
                                             for t in [_topic_endpoint(c.value, patterns)] if t][:1]
            for ep in [*named] if named else [None]:  # (each endpoint a base class's send goes out on)
                emitted.append(Emitted(wire, ep, where, line))
                if ep is not None and rules.endpoint_rule(ep) is not None \
                        and rules.event_for(ep, wire) is None:
                    add("unmapped-message-type", where, line, column,
                        f"message type '{wire}' sent on {ep} has no EventType in the rules",
                        f"emit|{wire}|{ep}")
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
    servers = tuple(SocketIOServer(rel, line, column, framework, text) for rel, s in sorted(summaries.items())
                    for line, column, framework, text in s.socketio)
    return Backend(tuple(endpoints), tuple(emitted), tuple(sorted(findings, key=lambda f: (f.file, f.line))), cross,
                   servers)


def _kwargs_types(calls: Iterable[tuple[str, PyTypedCall]], type_field: str) -> list[tuple[str, str, int, int]]:
    """`broadcast(type="flows/remove", payload=…)` to a helper sending its `**kwargs`: each call's
    type keyword (the envelope's, else the likeliest discriminator-named one it gives a literal)."""
    by_call: dict[tuple[str, int, int], list[PyTypedCall]] = defaultdict(list)
    for rel, c in calls:
        if c.position == -1 and (c.keyword == type_field or c.keyword.replace("_", "").lower() in _DISCRIMINATORS):
            by_call[(rel, c.line, c.column)].append(c)
    out = []
    for (rel, line, column), given in by_call.items():
        best = min(given, key=lambda c: (c.keyword != type_field, _PREFERENCE.get(c.keyword, len(_PREFERENCE))))
        out.append((best.value, rel, line, column))
    return out


def _group(rel: str, emit: PyEmit, endpoints: list[str]) -> tuple[str, ...]:
    """What shares a discriminator: the endpoints a send goes out on, else its class or function."""
    return tuple(sorted(endpoints)) if endpoints else ("", rel, emit.klass or emit.function or "")


def _discriminators(sends: list[tuple[str, PyEmit, list[str]]], rules: Rules,
                    told: dict[str, str]) -> dict[tuple[str, ...], str]:
    """The field each endpoint's messages are told apart by, where its sends have no type field:
    the endpoint rule's `type_field`, else the key the front end's handlers compare when the
    sends have it (`told`), else the discriminator-named key its sends give a literal most often
    (`{"event": "line", …}`, `{"event": "exit", …}` → `event`), as the front end would."""
    typed: set[tuple[str, ...]] = set()
    literal: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    present: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    values: dict[tuple[tuple[str, ...], str], set[str]] = defaultdict(set)
    for rel, emit, endpoints in sends:
        group = _group(rel, emit, endpoints)
        if emit.typed and emit.key:  # typed by another discriminator (`event`): the group's field
            present[group][emit.key] += 1
            literal[group][emit.key] += 1
            continue
        if emit.typed:
            typed.add(group)
            continue
        present[group].update({k for k in emit.keys if k.replace("_", "").lower() in _DISCRIMINATORS})
        literal[group].update({k for k, _ in emit.fields if k.replace("_", "").lower() in _DISCRIMINATORS})
        for k, v in emit.fields:
            values[(group, k)].add(v)
    out: dict[tuple[str, ...], str] = {}
    for group, keys in present.items():
        own = next((r.type_field for ep in group if ep.startswith("/")
                    for r in [rules.endpoint_rule(ep)] if r is not None and r.type_field), None)
        front = next((told[topic_key(ep)] for ep in group if ep.startswith("/") and topic_key(ep) in told
                      and told[topic_key(ep)] in keys), None)
        if own is not None:
            out[group] = own
        elif group not in typed and front is not None:
            out[group] = front
        elif group not in typed and keys:
            given = literal[group]
            # the key given literals most often, and of those the one whose values differ most
            out[group] = min(keys, key=lambda k: (-given[k], -len(values[(group, k)]), -keys[k],
                                                  _PREFERENCE.get(k, len(_PREFERENCE)), k))
    return out


def _reaches(emit: PyEmit, whole: dict[str, set[tuple[int, str]]]) -> bool:
    """A registry call hands its message to a function sending that parameter on a socket."""
    if emit.callee is None or emit.arg is None:
        return False
    at, keyword = emit.arg
    return any((at >= 0 and position == at) or (at < 0 and name == keyword)
               for position, name in whole.get(emit.callee, ()))


def message_params(summaries: dict[str, PySummary]) -> tuple[dict[str, set[tuple[int, str]]], dict[str, set[str]]]:
    """The project's functions (by name) that send a parameter whole on a WebSocket, directly or
    handing it on through up to `_HELPER_DEPTH` others: name → {(position without self, name)};
    and the classes the sends are in (a handler class's endpoints are where they go out)."""
    out: dict[str, set[tuple[int, str]]] = defaultdict(set)
    homes: dict[str, set[str]] = defaultdict(set)
    for s in summaries.values():
        for fn, position, name, klass in s.message_params:
            if _distinctive(fn):
                out[fn].add((position, name))
                if klass:
                    homes[fn].add(klass)
    passes = [p for s in summaries.values() for p in s.param_passes if _distinctive(p[0]) and _distinctive(p[3])]
    for _ in range(_HELPER_DEPTH):
        grew = False
        for fn, position, name, callee, at, keyword in passes:
            if (position, name) not in out.get(fn, ()) and any(
                    (at >= 0 and p == at) or (at < 0 and n == keyword) for p, n in out.get(callee, ())):
                out[fn].add((position, name))
                homes[fn] |= homes.get(callee, set())
                grew = True
        if not grew:
            break
    return out, homes


class _Schemas:
    """The project's message classes (by name, through their bases): the discriminator field
    each says, and its default or the constructor argument filling it."""

    def __init__(self, summaries: dict[str, PySummary], type_field: str) -> None:
        self.summaries = summaries
        self.type_field = type_field
        self.fields: dict[str, set[tuple[str, str, int, str]]] = defaultdict(set)
        self.bases: dict[str, set[str]] = defaultdict(set)
        self.enums = {f"{cls}.{member}": value for s in summaries.values() for cls, member, value in s.enums}
        for s in summaries.values():
            for klass, field, value, position, name in s.schemas:
                self.fields[klass].add((field, value, position, name))
            for klass, bases in s.bases:
                self.bases[klass].update(b for b in bases if b != klass)

    def _own(self, klass: str) -> set[tuple[str, str, int, str]]:
        """The class's entries, else its nearest bases' (a subclass keeps what it does not override)."""
        level, seen = {klass}, {klass}
        for _ in range(6):
            found = {e for k in level for e in self.fields.get(k, ())}
            if found:
                return found
            level = {b for k in level for b in self.bases.get(k, ()) if b not in seen}
            seen |= level
        return set()

    def type_of(self, rel: str, emit: PyEmit) -> tuple[str, str] | None:
        """(field, type) of a message object sent, or None when its class does not say it for sure."""
        s = self.summaries.get(rel)
        klass = emit.schema or ""
        klass = next((name for local, _, name in (s.imports if s else ()) if local == klass and name), klass)
        entries = self._own(klass)
        if not entries:
            return None
        fields = sorted({e[0] for e in entries}, key=lambda f: (f != self.type_field, _PREFERENCE.get(f, 99), f))
        field = fields[0]
        given = dict(emit.fields)
        kinds: set[str] = set()
        for f, value, position, name in entries:
            if f != field:
                continue
            if value:
                kinds.add(given.get(field, value))  # (a keyword naming the field overrides the default)
            else:
                got = given.get(f"#{position}") or given.get(name)
                if got is None:
                    return None  # a run-time argument
                kinds.add(got)
        if len(kinds) != 1:
            return None  # two classes of that name that disagree
        kind = kinds.pop()
        return field, self.enums.get(_enum_key(kind), kind)


class _Builders:
    """The project's message builders (`_py_builders`), found where a call names them: the
    function or method of the file, or of the module it is imported from."""

    def __init__(self, summaries: dict[str, PySummary], public: _PublicPaths, schemas: _Schemas) -> None:
        self.summaries = summaries
        self.public = public
        self.schemas = schemas

    def type_of(self, rel: str, emit: PyEmit) -> tuple[str, str | None, tuple[str, int] | None] | None:
        """(field, type, None) of the message a builder's call returns, (field, None, the
        sender's parameter) when the call hands the builder one there, or None when not certain."""
        where = self.public.resolve(rel, emit.builder or "")
        s = self.summaries.get(where[0]) if where is not None else None
        if where is None or s is None:
            return None
        entries = [b for b in s.builders if b[0] == where[1]]
        if not entries:
            return None
        if len(entries) == 1 and not entries[0][1]:  # a message object of a class typing it itself
            said = self.schemas.type_of(where[0], replace(emit, schema=entries[0][2], fields=()))
            return (*said, None) if said is not None else None
        fields = sorted({b[1] for b in entries},
                        key=lambda f: (f != self.schemas.type_field, _PREFERENCE.get(f, 99), f))
        given = dict(emit.fields)
        for _, field, value, position, name in entries:
            if field != fields[0]:
                continue
            kind = value or given.get(f"#{position}") or given.get(name)
            if kind is None:
                fed = next(((p, at) for arg, p, at in emit.params if arg in (f"#{position}", name)), None)
                return (field, None, fed) if fed is not None else None  # (else a run-time argument)
            return field, self.schemas.enums.get(_enum_key(kind), kind), None
        return None


class _SocketLists:
    """Module lists the project's WebSocket handlers add their socket to: `clients.append(self)` in
    a handler's `open()`, `clients.add(websocket)` in an endpoint's function. A list is known by
    its module and name, however each file imports it (its module need not have been read)."""

    def __init__(self, summaries: dict[str, PySummary]) -> None:
        self.summaries = summaries
        self.members: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # name -> (module, file, owner)
        for rel, s in summaries.items():
            for name, owner in s.socket_lists:
                where = self._canonical(rel, name)
                if where is not None:
                    self.members[where[1]].add((where[0], rel, owner))

    def _canonical(self, rel: str, dotted: str) -> tuple[str, str] | None:
        """(module, name) of a module-level name as `rel` spells it (`clients`, `ws.clients`)."""
        head, _, rest = dotted.partition(".")
        s = self.summaries.get(rel)
        imports = s.imports if s else ()
        imported = next(((m, n) for local, m, n in imports if local == head), None)
        whole = next((local for local, m, n in imports if not n and "." in local and dotted.startswith(local + ".")),
                     None)
        if whole is not None:  # `import app.state` … `app.state.clients`
            return (whole, dotted[len(whole) + 1:]) if "." not in dotted[len(whole) + 1:] else None
        if imported is None:  # the file's own: `clients`, `LiveSocket.clients`
            path = [_module_of(rel), *dotted.split(".")]
            return ".".join(path[:-1]), path[-1]
        module, name = imported
        if module.startswith("."):
            level = len(module) - len(module.lstrip("."))
            package = rel.split("/")[:-1]
            package = package[: len(package) - (level - 1)] if level > 1 else package
            module = ".".join([*package, module.lstrip(".")]).strip(".")
        path = [p for p in [module, name, *rest.split(".")] if p] if rest else [module]
        last = path.pop() if rest else name
        return (".".join(path), last) if last else None

    def _owners(self, rel: str, name: str) -> set[tuple[str, str]]:
        where = self._canonical(rel, name)
        if where is None:
            return set()
        module, last = where
        return {(orel, owner) for m, orel, owner in self.members.get(last, ())
                if m == module or m.endswith("." + module) or module.endswith("." + m)}

    def classes(self, rel: str, name: str) -> set[str]:
        """The classes whose instances add themselves to the list `name` of `rel`."""
        return {owner for _, owner in self._owners(rel, name) if owner[:1].isupper()}

    def functions(self, rel: str, name: str) -> set[tuple[str, str]]:
        """The functions adding the socket they are given to it: (file, name)."""
        return {(where, owner) for where, owner in self._owners(rel, name) if not owner[:1].isupper()}


def _module_of(rel: str) -> str:
    dotted = rel[:-3].replace("/", ".") if rel.endswith(".py") else rel.replace("/", ".")
    return dotted.removesuffix(".__init__")


class _Reached:
    """The endpoints whose handlers call a function, directly or through up to `_HELPER_DEPTH`
    of the project's functions (matched by name, as the helpers are)."""

    def __init__(self, summaries: dict[str, PySummary], handlers: dict[str, str]) -> None:
        self.handlers = handlers
        self.callers: dict[str, set[str]] = defaultdict(set)
        for s in summaries.values():
            for caller, callee in s.calls:
                if caller != callee:
                    self.callers[callee].add(caller)

    def of(self, function: str) -> list[str]:
        if not _distinctive(function):
            return []
        seen = {function}
        level = {function}
        for _ in range(_HELPER_DEPTH):
            level = {c for n in level for c in self.callers.get(n, ()) if c not in seen and _distinctive(c)}
            found = sorted({self.handlers[c] for c in level if c in self.handlers})
            if found:
                return found
            seen |= level
        return []


class _Classes:
    """The project's classes by name and their subclasses (matched by last name across modules)."""

    def __init__(self, summaries: dict[str, PySummary]) -> None:
        self.children: dict[str, set[str]] = defaultdict(set)
        for s in summaries.values():
            for name, bases in s.bases:
                for base in bases:
                    if base != name:
                        self.children[base].add(name)

    def descendants(self, names: set[str]) -> set[str]:
        """`names` and every class deriving from one of them."""
        out = set(names)
        todo = list(names)
        while todo:
            for child in self.children.get(todo.pop(), ()):
                if child not in out:
                    out.add(child)
                    todo.append(child)
        return out


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

    def __init__(self, summaries: dict[str, PySummary], classes: _Classes | None = None) -> None:
        self.summaries = summaries
        routers = (classes or _Classes(summaries)).descendants(set(routes_.ROUTER_CTORS))
        # `r = AppRouter(prefix=…)` of a class deriving from a framework router, in any module
        self.modules: dict[str, str] = {}
        for rel in sorted(summaries, key=lambda r: (r.count("/"), r)):
            dotted = rel[:-3].replace("/", ".") if rel.endswith(".py") else rel.replace("/", ".")
            dotted = dotted.removesuffix(".__init__")
            parts = dotted.split(".")
            for i in range(len(parts)):  # the project's root package may sit in a subfolder
                self.modules.setdefault(".".join(parts[i:]), rel)
        self.routers = {(rel, var): self._filled(rel, prefix) for rel, s in summaries.items()
                        for var, prefix, ctor in s.routers if ctor in routers}
        self.parents: dict[tuple[str, str], list[tuple[tuple[str, str], str]]] = defaultdict(list)
        for rel, s in sorted(summaries.items()):
            for parent, child, prefix in s.includes:
                for target in self._included(rel, child):
                    self.parents[target].append(((rel, parent), self._filled(rel, prefix)))
        for found in self.parents.values():  # a prefix of literal parts first: it says more
            found.sort(key=lambda p: p[1].endswith(routes_.UNKNOWN_PREFIX))
        self.memo: dict[tuple[str, str], str] = {}

    def _included(self, rel: str, child: str) -> list[tuple[str, str]]:
        """What an include names: a router, or each item of a sequence (`API_ROUTERS[*]`)."""
        if not child.endswith(routes_.LOOP):
            target = self.resolve(rel, child)
            return [target] if target is not None else []
        where = self.resolve(rel, child.removesuffix(routes_.LOOP))
        s = self.summaries.get(where[0]) if where is not None else None
        items = next((names for name, names in (s.sequences if s else ()) if where and name == where[1]), ())
        return [t for item in items if where is not None for t in [self.resolve(where[0], item)] if t is not None]

    def constant(self, rel: str, ref: str) -> str | None:
        """The value of a string constant `rel` imports (`from .consts import WS_PATH`)."""
        where = self.resolve(rel, ref)
        s = self.summaries.get(where[0]) if where is not None else None
        if where is None or s is None or where[0] == rel:
            return None
        return next((v for name, v in s.constants if name == where[1]), None)

    def _filled(self, rel: str, prefix: str) -> str:
        """A prefix with its imported constants' values; one not known is the root."""
        if "{=" not in prefix:
            return prefix
        return routes_.fill(prefix, {m.group(1): self.constant(rel, m.group(1)) or ""
                                     for m in routes_.PLACEHOLDER.finditer(prefix)}) or ""

    def fill(self, rel: str, path: str, framework: str) -> str | None:
        """A route's path with its imported constants' values (None when one is not known)."""
        if "{=" not in path:
            return path
        values: dict[str, str | None] = {}
        for m in routes_.PLACEHOLDER.finditer(path):
            got = self.constant(rel, m.group(1))
            if got is not None and framework == "tornado":  # a regex's anchors, inside a route
                got = got.removeprefix("^").removesuffix("$")
            values[m.group(1)] = got
        filled = routes_.fill(path, values)
        if filled is None:
            return None
        if framework == "tornado":
            from ws_migrate.analyse._python import _django_route
            return _django_route(filled, regex=True)
        return routes_.flask_path(filled) if framework == "flask-sock" else filled

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
        dots = module[:len(module) - len(module.lstrip("."))]
        # `import pkg.api as api` … `api.events.router`: the longest module the name goes through
        parts = [p for p in [*module[len(dots):].split("."), name, *rest.split(".")] if p]
        for i in range(len(parts) - 1, -1 if dots else 0, -1):
            owner = self._module(rel, dots + ".".join(parts[:i]))
            if owner is not None:
                return (owner, ".".join(parts[i:]))
        return None

    def prefix(self, node: tuple[str, str], seen: frozenset[tuple[str, str]] = frozenset()) -> str:
        if node in self.memo:
            return self.memo[node]
        own = self.routers.get(node, "")
        above = ""
        for parent, include_prefix in self.parents.get(node, ()):
            if parent not in seen:
                if include_prefix.startswith(routes_.REPLACES):  # (Flask: in place of the blueprint's)
                    own, include_prefix = "", include_prefix.removeprefix(routes_.REPLACES)
                above = join_path(self.prefix(parent, seen | {node}),
                                  "" if include_prefix == routes_.UNKNOWN_PREFIX else include_prefix)
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
    across modules, so names every codebase has — `run`, `close`, `join` — carry nothing); and
    the message classes whose objects send themselves and their sending methods (`Notice`, `push`:
    the calls of those decide the type, not their callers)."""
    # a message object's method sending the object itself (`Notice.push`): the calls that decide
    # its type are its class's (`Notice("x", d).push()`), not its callers' callers
    selfish = {e.function for s in summaries.values() for e in s.emits if e.ctor and e.function} \
        - {fn for s in summaries.values() for fn, *_ in s.message_params} \
        - {e.function for s in summaries.values() for e in s.emits if not e.ctor}
    found = {n for s in summaries.values() for n in s.senders if _distinctive(n) and n not in selfish}
    callers: dict[str, set[str]] = defaultdict(set)
    for s in summaries.values():
        for caller, callee in s.calls:
            callers[callee].add(caller)
    level = set(found)
    for _ in range(_HELPER_DEPTH):
        level = {c for n in level for c in callers.get(n, ()) if c not in found and _distinctive(c)}
        found |= level
    found |= {e.ctor for s in summaries.values() for e in s.emits if e.ctor} | {n for n in selfish if _distinctive(n)}
    return frozenset(found)


def schema_names(summaries: dict[str, PySummary]) -> set[str]:
    """The message classes sent (`channel.send(PairsMessage(data=…).model_dump())`, on a socket or
    to a function sending it whole) that no file read so far defines: a module defining one is
    worth reading for the field defaults that type it."""
    whole, _ = message_params(summaries)
    sent = {next((name for local, _, name in s.imports if local == e.schema and name), e.schema)
            for s in summaries.values() for e in s.emits
            if e.schema and (e.how != "registry" or _reaches(e, whole))}
    # and the builders sent (`envelope("x", d)`, `shapes.Frames.closed(c)`) no file read so far defines
    called = {next((name for local, _, name in s.imports if local == e.builder and name), e.builder)
              .rpartition(".")[2] for s in summaries.values() for e in s.emits
              if e.builder and (e.how != "registry" or _reaches(e, whole))}
    built = {b[0].rpartition(".")[2] for s in summaries.values() for b in s.builders}
    # a builder returning a message object (`return SnapFrame()`): its class's module says the type
    returned = {b[2] for s in summaries.values() for b in s.builders if not b[1] and b[0].rpartition(".")[2] in called}
    builders = {n for n in called if n not in built and _distinctive(n)}
    return (sent | returned) - {k for s in summaries.values() for k, *_ in s.schemas} | builders


def route_constants(summaries: dict[str, PySummary]) -> set[str]:
    """The names of the constants routes' paths import (`@app.websocket(WS_PATH)` of `from .consts
    import WS_PATH`) that no module read so far gives: a module assigning one is worth reading."""
    public = _PublicPaths(summaries)
    out: set[str] = set()
    for rel, s in summaries.items():
        written = [e.path for e in (*s.endpoints, *s.routes)] + [p for _, p, _ in s.routers] \
            + [p for _, _, p in s.includes]
        for text in written:
            for m in routes_.PLACEHOLDER.finditer(text):
                if public.constant(rel, m.group(1)) is None:
                    where = public.resolve(rel, m.group(1))
                    out.add(where[1].rpartition(".")[2] if where is not None else m.group(1).rpartition(".")[2])
    return out


def socket_classes(summaries: dict[str, PySummary]) -> set[str]:
    """The WebSocket handler classes of the project (a Tornado `WebSocketHandler` and every class
    deriving from one) known so far: a module deriving from one or routing one is worth reading."""
    found = _Classes(summaries).descendants({h for s in summaries.values() for h in s.socket_handlers})
    return {n for n in found if n[:1].isupper() and len(n) > 3}


def _distinctive(name: str) -> bool:
    return not name.startswith("__") and name not in _GENERIC_NAMES


def _emit_endpoints(rel: str, emit: PyEmit, patterns: list[str], handler_of: dict[tuple[str, str], str],
                    classes: _Classes) -> list[str]:
    if emit.topic is not None:
        topic = _topic_endpoint(emit.topic, patterns)
        return [topic] if topic is not None else []
    if emit.route is not None and emit.route in patterns:
        return [topic_key(emit.route)]  # sent in the branch of one path of a `websockets` handler
    # the handler in this file, its class here, or a handler routed from another module by name
    path = handler_of.get((rel, emit.function or "")) or handler_of.get((rel, emit.klass or "")) \
        or handler_of.get(("", emit.klass or "")) or handler_of.get(("", emit.function or ""))
    if path is not None:
        return [topic_key(path)]
    # a base class's send goes out on every endpoint routed to a class deriving from it
    if emit.klass:
        return sorted({topic_key(p) for c in classes.descendants({emit.klass})
                       for p in [handler_of.get(("", c))] if p is not None})
    return []


def _ignored(s: PySummary | None, line: int, rule: str) -> bool:
    return s is not None and is_ignored(s.ignores, line, rule)


# the scheme and host a front end's URL starts with (`{protocol}//{host}`, `wss://example.org`)
_URL_HOST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|\{[^{}]*\})?//(?:\{[^{}]*\}|[^/{?#]+)(?::\d+)?")


def _after_base(url: str) -> bool:
    """Does the path of a front end's URL start with a run-time base (`${loginInfo.baseWsUrl}/message/ws`,
    `${origin}${root}/ws`)? Its endpoint is then what the app appends, and the served path may
    have more before it (`/api/v1` of `/api/v1/message/ws`)."""
    m = _URL_HOST.match(url)
    return url[m.end():].startswith("{") if m is not None else url.startswith("{")


def _served_as(connection: Connection, served: list[str]) -> str | None:
    """The endpoint of `connection` as the back end serves it: itself when a served pattern
    matches it; after a run-time base, the one served path it ends with (`/message/ws` is
    `/api/v1/message/ws`); else itself."""
    ep = connection.endpoint
    if ep is None or any(pattern_matches(p, ep) for p in served) or not _after_base(connection.url or ""):
        return ep
    tail = segments(ep)
    found = {p for p in served if len(segments(p)) > len(tail) and pattern_matches("/" + "/".join(segments(p)[-len(tail):]), ep)}
    return found.pop() if len(found) == 1 else ep


def _same(a: str, b: str) -> bool:
    """The same endpoint on both sides, a parameter matching any segment (`/{relativePath}`, `/logs`)."""
    return a == b or pattern_matches(a, b) or pattern_matches(b, a)


def _cross_check(endpoints: list[BackendEndpoint], emitted: list[Emitted], frontend: tuple[Connection, ...],
                 handled: tuple[MessageType, ...], rules: Rules) -> CrossCheck:
    served = [e.path for e in endpoints]
    as_served = {c.endpoint: _served_as(c, served) for c in frontend if c.endpoint}
    sent: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in emitted:
        if m.endpoint is not None:
            sent[(m.type, topic_key(m.endpoint))].append(f"{m.file}:{m.line}")
    got: dict[tuple[str, str], list[str]] = defaultdict(list)
    got_at: set[tuple[str, str]] = set()  # (type, the endpoint as the front end opens it)
    for h in handled:
        if h.endpoint is not None:
            got[(h.type, topic_key(as_served.get(h.endpoint) or h.endpoint))].extend(h.handled_in)
            got_at.add((h.type, as_served.get(h.endpoint) or h.endpoint))
    sent_at = {(m.type, m.endpoint) for m in emitted if m.endpoint is not None}
    connected = sorted({as_served.get(c.endpoint) or c.endpoint for c in frontend if c.endpoint})
    # a front-end handler that takes whole messages handles every type of its endpoint
    whole = {topic_key(as_served.get(c.endpoint) or c.endpoint) for c in frontend
             if c.endpoint and any(h.whole_message for h in c.handlers)}

    def handled_there(t: str, ep: str) -> bool:
        return (t, ep) in got or any(t == g and _same(ep, e) for g, e in got_at)

    def sent_there(t: str, ep: str) -> bool:
        return (t, ep) in sent or any(t == s and _same(ep, e) for s, e in sent_at)

    dead_events = tuple(MessageType(t, ep, rules.event_for(ep, t), (), tuple(sorted(where)))
                        for (t, ep), where in sorted(sent.items())
                        if not handled_there(t, ep) and not any(_same(ep, w) for w in whole))
    dead_handlers = tuple(MessageType(t, ep, rules.event_for(ep, t), tuple(sorted(where)))
                          for (t, ep), where in sorted(got.items())
                          if not sent_there(t, ep) and any(pattern_matches(p, ep) for p in served))
    unserved = tuple(ep for ep in connected if not any(pattern_matches(p, ep) for p in served))
    unconnected = tuple(sorted({p for p in served if not any(pattern_matches(p, ep) for ep in connected)}))
    return CrossCheck(dead_events, dead_handlers, unserved, unconnected)
