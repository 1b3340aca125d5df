"""Transform: a legacy socket kept as it is, over the unified service.

```ts
const ws = new WebSocket(`/ws/${topic}/${userId}?token=${token}`);       // before
const ws = openLegacySocket(`/ws/${topic}/${userId}?token=${token}`);    // after
```

A socket of a library with the same API goes over it too: `new ReconnectingWebSocket(url)`
(reconnecting-websocket, partysocket's) → `openReconnectingLegacySocket(url)`, which reconnects
itself as the library did; `new WebSocket(url)` of isomorphic-ws → `openLegacySocket(url)` (the
`adapt` of the library's entry in `rules/libraries.yaml`); django-channels' `new WebSocketBridge()`
→ `openLegacyBridge()`, the bridge's API (`connect(url, protocols, options)` later, `send`,
`demultiplex`, `.socket`) over a legacy socket that reconnects itself. The library's import goes when
nothing else uses it; a file that also uses the library's class as a type stays as it is.

`openLegacySocket` is the adapter `init` writes beside the service (`legacySocket.ts`): an object
with the WebSocket API that opens no socket of its own. It subscribes to the EventTypes the
rules map the URL's endpoint to and hands each event to the code as the message that endpoint
used to send. So the wrapper around the socket — a hook, fixed-topic hooks on it, a class and its
instances per channel, a factory, a provider, a Vue component, a classic script's function —
keeps its code, its API and its callers, and the app opens one connection per user. One edit
per socket, whatever goes through it.

Certain only when every connection through the socket is: its endpoint known and mapped by a
rule, each message type its handlers tell apart mapped to an EventType (or the endpoint has a
default event for handlers that take the whole message), and the socket sends nothing (a
legacy request has no unified counterpart). Otherwise the socket stays, and each of its
connections says why, naming the line.

A connection that sends on what the wrapper gives it (`joy.sendJsonMessage(twist)`), or hands
that on where the scan cannot see whether it sends (`return { joy }`), blocks the adapter —
unless its endpoint's rule says `keep_socket: true`. Then the adapter opens the legacy socket
for that endpoint as before (the browser's `WebSocket`, or the library's own hook, handed to
the adapter as its last argument: `useLegacyWebSocket(uri, options, undefined, useWebSocket)`,
or its class: `openLegacyBridge(undefined, WebSocketBridge)`), and the wrapper's other endpoints
go over the service. Such a connection stays legacy, and
says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ws_migrate._openers import ADAPTERS
from ws_migrate.analyse import Connection
from ws_migrate.analyse._effect_shape import NotCertain, Source
from ws_migrate.analyse._model import FileSummary, Site
from ws_migrate.plan import Edit

if TYPE_CHECKING:
    from pathlib import Path

    from tree_sitter import Node

    from ws_migrate.rules import EndpointRule, Rules

ADAPTER = ADAPTERS[""]
HOOK = ADAPTERS["react-use-websocket"]  # in `legacyHooks.ts`
VUE_HOOK = ADAPTERS["vueuse"]  # in `legacyVue.ts`; the others in `legacySocket.ts`
BRIDGE = ADAPTERS["bridge"]  # django-channels' `new WebSocketBridge()`, connected later
CALLS = frozenset({HOOK, VUE_HOOK})  # adapters called as the library was, not with `new`
_SENDS_TEXT = re.compile(rb"\bsend(?:Json)?Message\b(\s*\()?")
# the adapters that can open the legacy socket of an endpoint that keeps its own (`keep_socket`)
_KEEPS = frozenset({ADAPTER, HOOK, VUE_HOOK, BRIDGE})


@dataclass(frozen=True)
class SocketPlan:
    """A socket to adapt: where it is, and the connections that go through it."""

    rel: str
    start: int
    connections: tuple[Connection, ...]
    adapter: str = ADAPTER  # the function that opens it over the service
    library: str = ""  # the library entry that opened it ("": the browser's WebSocket)
    # connections through it whose endpoint keeps its own socket (`keep_socket: true`)
    kept: tuple[Connection, ...] = ()


def plan_sockets(connections: Iterable[Connection], summaries: dict[str, FileSummary],
                 rules: Rules, modules: Mapping[str, str] | None = None,
                 root: Path | None = None, written: str | None = None
                 ) -> tuple[list[SocketPlan], list[tuple[Connection, str]]]:
    """The sockets to adapt among those `connections` go through, and the connections left
    as they are with the reason (one per socket, shared by its connections). `modules`: the
    adapter functions `init` has written (all, when None); `written`: the text of the adapter
    module `init` wrote (`legacySocket.ts`), whose routes say which types of the top-level
    `messages` each endpoint's adapter subscribes to."""
    by_socket: dict[tuple[str, int], list[Connection]] = {}
    for c in connections:
        if c.socket[0] and not c.external:
            by_socket.setdefault((c.socket[0], c.socket[2]), []).append(c)
    plans: list[SocketPlan] = []
    left: list[tuple[Connection, str]] = []
    for (rel, start), every in sorted(by_socket.items()):
        summary = summaries.get(rel)
        site = next((s for s in summary.sockets if s.pos.start == start), None) if summary else None
        kept = [c for c in every if rules.keeps_socket(c.endpoints)]
        conns = [c for c in every if c not in kept]
        where = f"{rel}:{site.pos.line}" if site is not None else rel
        if not conns:
            left.extend((c, f"{_keeps(c)} (`keep_socket: true` in the rules)") for c in kept)
            continue
        why = _refusal(rel, site, summary, conns, rules, written)
        if not why and site is not None:
            why = _hook_refusal(rel, site, rules, modules, root)
        if not why and site is not None and kept and _adapter_of(site, rules) not in _KEEPS:
            c = kept[0]
            why = (f"{_keeps(c)} (`keep_socket: true`, {c.file}:{c.line}), and the "
                   f"adapter of {site.library} cannot open one beside the service (through the socket at {where})")
        if why:
            left.extend((c, why) for c in every)
        else:
            assert site is not None
            plans.append(SocketPlan(rel, start, tuple(conns), _adapter_of(site, rules), site.library, tuple(kept)))
            opens = f"(`keep_socket: true` in the rules): the adapter at {where} opens it as before"
            left.extend((c, f"{_keeps(c)} {opens}") for c in kept)
    return plans, left


def _endpoint_of(c: Connection) -> str:
    return " and ".join(c.endpoints) or "its endpoint"


def _keeps(c: Connection) -> str:
    """"/x keeps its own socket", "/x and /y keep their own sockets"."""
    many = len(c.endpoints) > 1
    return f"{_endpoint_of(c)} {'keep their own sockets' if many else 'keeps its own socket'}"


def _refusal(rel: str, site: Site | None, summary: FileSummary | None, conns: list[Connection],
             rules: Rules, written: str | None = None) -> str:
    """Why the socket at `site` cannot go over the adapter, or ""."""
    if site is None or summary is None:
        for c in conns:  # what the connection lacks says more than where its socket is
            problem = _connection_problem(c, rules, written=written)
            if problem:
                return problem
        c = conns[0]
        name = c.via[-1] if c.via else ""
        if name and rules.wrapper_rule(name) is not None:
            return (f"`{name}` ({rel}:{c.socket[1]}) is a wrapper the rules declare: the socket under it "
                    "is not one the scan found, and `fix` adapts only sockets it sees")
        return f"the socket at {rel}:{c.socket[1]} is not there any more (the file changed since the scan)"
    where = f"{rel}:{site.pos.line}"
    if site.library and not _adapter_of(site, rules):
        return f"the socket at {where} is opened by {site.library}, which `fix` has no adapter for"
    if summary.parse_error is not None:
        return f"{rel} has syntax errors (line {summary.parse_error.line})"
    if summary.classic or not summary.imports and summary.language in ("vue", "svelte"):
        return f"{rel} imports nothing (a classic script or a component with no import): the adapter cannot be imported"
    if site.send_line:
        return (f"the socket at {where} sends its own messages (`send` at line {site.send_line}), "
                "which the unified service has no counterpart for")
    if site.escape_line:
        return f"the socket at {where} is handed to code that may send on it (line {site.escape_line})"
    keeps = len(conns) > 1 and _adapter_of(site, rules) in _KEEPS  # a kept endpoint would not block
    for c in conns:
        problem = _connection_problem(c, rules, keeps, written)
        if problem:
            return problem if c.file == rel and c.line == site.pos.line else f"{problem} (through the socket at {where})"
    return ""


def _hook_refusal(rel: str, site: Site, rules: Rules, modules: Mapping[str, str] | None,
                  root: Path | None) -> str:
    """Why a socket whose adapter `init` has not written, or a hook's socket whose file hands
    out its `sendMessage`, stays as it is; or ""."""
    adapter = _adapter_of(site, rules)
    if modules is not None and adapter not in modules:
        framework = {HOOK: " (for a package that depends on react)", VUE_HOOK: " (for a package that depends on vue)"}
        return (f"the adapter `{adapter}` is not in the client `init` wrote{framework.get(adapter, '')}: "
                "run `ws-migrate init` again")
    if adapter == HOOK and root is not None:
        try:
            text = (root / rel).read_bytes()
        except OSError:
            return f"{rel} cannot be read"
        # the wrapper sending itself blocks all; handed out by reference, its callers decide
        found = next((m for m in _SENDS_TEXT.finditer(text) if m.group(1)), None)
        if found is not None:
            line = text.count(b"\n", 0, found.start()) + 1
            name = found.group().split(b"(")[0].strip().decode()
            return (f"{rel}:{line} calls the hook's `{name}`: its messages have no "
                    "counterpart on the unified service")
    return ""


def _adapter_of(site: Site, rules: Rules) -> str:
    """The adapter function the socket at `site` opens through, or "" when there is none."""
    if not site.library:
        return ADAPTER
    opener = next((o for o in rules.libraries if o.library == site.library), None)
    return ADAPTERS.get(opener.adapt, "") if opener is not None and opener.adapt else ""


def _connection_problem(c: Connection, rules: Rules, keeps: bool = False,
                        written: str | None = None) -> str:
    """What keeps `c` off the adapter, or ""; `keeps`: the others through its socket could
    go over it while `c`'s endpoint kept its own socket (`keep_socket`); `written`: the
    adapter module as `init` wrote it (see `plan_sockets`)."""
    from ws_migrate.rules import messages_of
    from ws_migrate.scaffold import legacy_types

    here = f"{c.file}:{c.line}"
    decoded = next((h for h in c.handlers if h.decodes), None)
    endpoints = c.endpoints  # the linker lists the one endpoint too
    rules_of = [rules.endpoint_rule(e) for e in endpoints]
    # an endpoint's default event is handed on whole, a string as the text it was published as
    # (`atob(event.data)` gets back the base64 the back end publishes); a typed one is JSON
    whole = bool(rules_of) and not c.message_types and all(r is not None and r.default_event for r in rules_of)
    if decoded is not None and not whole:
        return (f"the handler at {decoded.file}:{decoded.line} decodes the message's text with "
                f"`{decoded.decodes}`, and the adapter hands it a typed event as JSON (only an "
                "endpoint's `default_event`, a whole message, goes on as the text it was published as)")
    keep = (f": with `keep_socket: true` on {_endpoint_of(c)}, the adapter would keep that socket and take "
            "the others") if keeps else ""
    what = "its socket" if c.kind == "direct" else "what the wrapper returns"
    if c.send_line:
        at = f"{c.send_file}:{c.send_line}" if c.send_file else f"line {c.send_line}"
        return (f"{here} sends its own messages on {what} ({at}), which "
                f"the unified service has no counterpart for{keep}")
    if c.escape_line:
        at = f"{c.escape_file}:{c.escape_line}" if c.escape_file else f"line {c.escape_line}"
        return f"{here} hands {what} to code that may send on it ({at}){keep}"
    if not endpoints:
        return f"the endpoint of {here} is not known (`{c.url}`)"
    for endpoint in endpoints:
        rule = rules.endpoint_rule(endpoint)
        if rule is None:
            return f"no rule maps {endpoint} ({here})"
        mapped = messages_of(rules, rule)
        delivered = {legacy for _, legacy in legacy_types(rules, rule) if legacy is not None}
        for t in c.message_types:
            event = mapped.get(t)
            if event is None:
                return f"message type '{t}' on {rule.pattern} has no EventType ({here})"
            if t not in rule.messages:
                problem = _shared_problem(rule, t, event, written, here, len(endpoints) > 1)
                if problem:
                    return problem
            elif t not in delivered:
                first = next(k for k, v in rule.messages.items() if v == event)
                return (f"message type '{t}' on {rule.pattern} shares {event} with '{first}', which the "
                        f"adapter delivers in its place ({here})")
        if c.message_types:
            problem = _payload_problem(c, rule, rules)
            if problem:
                return problem
        if not c.message_types and rule.default_event is None and not rule.messages:
            return f"{rule.pattern} maps no EventType ({here})"
        if not c.message_types and rule.default_event is None and any(h.event == "message" for h in c.handlers):
            return (f"the handlers of {here} tell no message type apart and {rule.pattern} has no "
                    "default_event for the whole message")
    return ""


def _shared_problem(rule: EndpointRule, t: str, event: str, written: str | None, here: str,
                    several: bool) -> str:
    """Why the adapter of `rule`'s endpoint would not deliver `t`, which only the top-level
    `messages` map (to `event`), or "": `init` subscribes a route to such a type only where the
    scan saw a connection of that endpoint alone handle it, so the route written must have it.
    `several`: the connection may open several endpoints (no evidence for any of them)."""
    from ws_migrate.scaffold._init import route_entry, route_header

    text, header = written or "", route_header(rule)
    at = text.find(header)
    if at >= 0:
        end = text.find("pattern: ", at + len(header))
        block = text[at:end if end >= 0 else len(text)]
        if route_entry(event, t) in block:
            return ""
        taken = next((line.strip() for line in block.splitlines() if f"[EventType.{event}," in line), "")
        if taken:
            return (f"message type '{t}' on {rule.pattern} shares {event} with another legacy type in "
                    f"the adapter's route (`{taken}`), which it delivers in its place ({here})")
    why = (f"message type '{t}' on {rule.pattern} is mapped to {event} by the top-level `messages`, and "
           f"the adapter's route for {rule.pattern} does not subscribe to it")
    if several:
        return (f"{why}: {here} may open several endpoints, which shows none of them sends it (map it "
                f"under `endpoints.{rule.pattern}.messages` if {rule.pattern} does)")
    return (f"{why} (`init` adds such a type where the scan sees a connection of that endpoint alone "
            f"handle it): run `ws-migrate init` again ({here})")


def _payload_problem(c: Connection, rule: EndpointRule, rules: Rules) -> str:
    """Why the messages the adapter rebuilds for `c` (`{type, payload: data}`) would not be what
    its handlers read, or ""."""
    type_head = (rule.type_field or rules.envelope.type_field).split(".")[0]
    payload = rule.payload_field or rules.envelope.payload_field
    # the type a handler reads the message as lists every value of the field (`shapes/_declared`)
    declared = any(t.how == "declared" and t.field.split(".")[0] == type_head for t in c.type_sites)
    for h in c.handlers:
        passed = dict(h.passed) if h.event == "message" else {}
        if type_head in passed and not declared:
            return (f"the handler at {h.file}:{passed[type_head]} hands the message's `{type_head}` on as a "
                    "value: the types it gets are not only those it compares")
        # `payload_field: .` (flat messages): every field beside the type is the event's data
        other = [f for f in h.fields if f not in (type_head, payload, rule.time_field)] \
            if h.event == "message" and payload != "." else []
        if len(other) == 1 and payload not in h.fields:
            return (f"the handler at {h.file}:{h.line} reads `{other[0]}` of the message, where the "
                    f"adapter puts an event's data in `{payload}` (`payload_field: {other[0]}` on "
                    f"{rule.pattern} would put it there)")
        if other:
            read = ", ".join(f"`{f}`" for f in other)
            if payload in h.fields:
                return (f"the handler at {h.file}:{h.line} reads {read} of the message beside its type and "
                        f"`{payload}`, and the message the adapter rebuilds has only those two")
            return (f"the handler at {h.file}:{h.line} reads {read} of the message beside its type, "
                    f"where the adapter puts an event's data in `{payload}` (`payload_field: .` on "
                    f"{rule.pattern} would rebuild flat messages)")
    return ""


def adapter_edit(src: Source, node: Node, plan: SocketPlan) -> tuple[list[Edit], str]:
    """`new WebSocket(` (`new window.WebSocket(`, `new ReconnectingWebSocket(`) → the plan's
    adapter, the arguments as they are; and the name of the class it called, whose import
    goes when nothing else uses it (the browser's `WebSocket` has none). A library's hook
    whose plan keeps some endpoints' own sockets gets the hook as its last argument, and its
    import stays.

    Raises NotCertain when the library's class is also named as a type in the file: the
    adapter's socket is not of that class."""
    args = node.child_by_field_name("arguments")
    cid = plan.connections[0].id
    if node.type == "call_expression":  # a library's hook: `useWebSocket(` → `useLegacyWebSocket(`
        fn = node.child_by_field_name("function")
        if fn is None or args is None:
            raise NotCertain(f"the socket at line {node.start_point[0] + 1} has no argument list")
        name = src.text(fn) if fn.type == "identifier" else ""
        edits = [Edit(fn.start_byte, fn.end_byte, plan.adapter, cid)]
        if plan.kept:
            edits.append(_own_hook_argument(src, args, src.text(fn), 3 if plan.adapter == HOOK else 2, cid))
            name = ""
        return edits, name
    ctor = node.child_by_field_name("constructor")
    if ctor is None or args is None:
        raise NotCertain(f"the socket at line {node.start_point[0] + 1} has no argument list")
    name = src.text(ctor) if ctor.type == "identifier" else ""  # `WebSocket` of isomorphic-ws too
    if plan.library and name:
        for n in Source.walk(src.root):
            if n.type == "type_identifier" and src.text(n) == name:
                raise NotCertain(f"`{name}` is also a type at line {n.start_point[0] + 1}, and the "
                                 f"adapter's socket is not a {name}")
    edits = [Edit(node.start_byte, args.start_byte, plan.adapter, cid)]
    if plan.kept and plan.adapter == BRIDGE:  # the library's class opens the kept endpoints' bridges
        edits.append(_own_hook_argument(src, args, src.text(ctor), 1, cid))  # `channels.WebSocketBridge` too
        name = ""
    return edits, name


def _own_hook_argument(src: Source, args: Node, hook: str, position: int, cid: str) -> Edit:
    """The edit that hands the library's `hook` to the adapter as argument `position` (0-based),
    after the call's own arguments, `undefined` for those it leaves out."""
    given = [a for a in args.named_children if a.type != "comment"]
    if any(a.type == "spread_element" for a in given):
        raise NotCertain(f"the hook's arguments at line {args.start_point[0] + 1} are spread")
    if len(given) > position:
        raise NotCertain(f"the hook at line {args.start_point[0] + 1} has more arguments than the adapter takes")
    fill = ["undefined"] * (position - len(given)) + [hook]
    if not given:
        return Edit(args.start_byte + 1, args.start_byte + 1, ", ".join(fill), cid)
    last = given[-1]
    return Edit(last.end_byte, last.end_byte, ", " + ", ".join(fill), cid)
