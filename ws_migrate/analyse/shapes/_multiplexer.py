"""One socket multiplexed by subscriptions: the frames that ask it for one.

A team's own unified client opens one socket and asks it for each subscription with a frame
built from what the caller wants. The frame may say so itself, sent where the socket is held,
or be sent by the object's `subscribe…` method on the socket its own `connect` gives:

```ts
subscribe(types) { this.ws.send(JSON.stringify({ type: 'subscribe', events: types })) }  // a subscribe frame

export const Hub = {
  async connect(): Promise<WebSocket> { … const socket = new WebSocket(url); this.socket = socket; … },
  async subscribe(room, path, onData) {
    const socket = await this.connect();                  // the socket its own connect gives
    const request = { room, path, kind: 'OPEN' };         // a frame built from its parameters
    socket.send(JSON.stringify(request));
  },
};
```

Its handler routes each message to the listeners registered for it, by a field or by a key
built from fields (`shapes/_messages`: `dispatch`, `routes`), or reads the table the subscribe
function files its callback in by topic (`routed`, `Site.routed`: a classic script's
`subscribe(topic, callback)` over MQTT-style topic patterns, where no field is compared with a
key):

```js
function subscribe(topic, callback) {
  (subscriptions[topic] ||= []).push(callback);            // filed under the topic…
  ws.send(JSON.stringify({ subscribe: topic }));           // …asked of the server by a frame
}
ws.onmessage = (e) => {                                     // routed: the callbacks filed under
  for (const t in subscriptions) if (matches(t, msg.topic)) subscriptions[t].forEach((cb) => cb(msg.data));
};
```

The linker lists such a client apart (`_link.unified_client`), never as a legacy connection.
Case folders: `tests/data/scan/multiplexers/`, `tests/data/scan/classic_helpers/`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes import _handlers as handlers_

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

# a frame asking a multiplexed socket for a subscription: `{ type: 'subscribe', … }`, `{ subscribe: … }`
_SUBSCRIBE_FRAME = re.compile(r"""['"`](?:subscribe|unsubscribe)['"`]|[{,]\s*(?:subscribe|subscriptions)\s*:""")
# the methods of an object that ask its socket for a subscription
_SUBSCRIBE_METHOD = re.compile(r"^subscribe(?:[A-Z_]\w*)?$")
_FUNCTION_VALUES = frozenset({"function_expression", "function", "arrow_function"})
# the names a subscribe function's callback parameter goes by, besides handler-like ones
_CALLBACK = re.compile(r"^(?:fn|f|func|cb\w*|subscriber|observer|sink)$")
_TABLE = r"((?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)"


def subscribes(ctx: _FileAnalysis, send: Node) -> bool:
    """Does this `send` ask for a subscription built from a parameter of the function it is
    in (`subscribe(types) { ws.send(JSON.stringify({ type: 'subscribe', events: types })) }`)?"""
    text = ctx.text(send)
    if not _SUBSCRIBE_FRAME.search(text):
        return False
    got = _subscriber(ctx, send)
    return got is not None and _names_any(text, got[1])


def _subscriber(ctx: _FileAnalysis, send: Node) -> tuple[Node, list[str]] | None:
    """The named function around `send` and its parameters' names."""
    fn = ctx.enclosing_function(send)
    while fn is not None and ctx.function_name(fn) is None:
        fn = ctx.enclosing_function(fn)
    return (fn, [local for _, _, local, _ in ctx.params(fn)]) if fn is not None else None


def _word(name: str) -> str:
    return rf"(?<![\w$.]){re.escape(name)}(?![\w$])"


def _filed(ctx: _FileAnalysis, fn: Node, names: list[str]) -> set[str]:
    """The tables `fn` files a callback parameter in under another: `T[topic].push(cb)`,
    `(T[topic] ||= []).push(cb)`, `T[topic] = cb`, `T.set(topic, cb)`."""
    text = ctx.text(fn)
    out: set[str] = set()
    callbacks = [q for q in names if handlers_.HANDLER_NAME.search(q) or _CALLBACK.match(q)]
    for p in names:
        for q in callbacks:  # (a label filed by topic, `labels[topic] = label`, routes nothing)
            if p == q:
                continue
            key, value = re.escape(p), _word(q)
            for pattern in (rf"{_TABLE}\s*\[\s*{key}\s*\]\s*\)?\s*(?:\.(?:push|add)\s*\(|(?:\|\||\?\?)?=(?!=))[^;\n]*?{value}",
                            rf"{_TABLE}\.set\s*\(\s*{key}\s*,[^;\n]*?{value}"):
                out.update(m.group(1) for m in re.finditer(pattern, text))
    return out


def routed(ctx: _FileAnalysis, sends: list[Node], message_values: list[Node]) -> bool:
    """Do the socket's message handlers (`message_values`) read a table its subscribe functions
    (those of `sends`, each a subscribe frame from a parameter) file callbacks in by topic?"""
    tables: set[str] = set()
    for send in sends:
        got = _subscriber(ctx, send)
        if got is not None:
            tables.update(_filed(ctx, *got))
    if not tables:
        return False
    reads = [re.compile(_word(t) + r"(?:\s*\[|\.(?:get|has|forEach)\s*\(|\s*\))") for t in tables]
    for value in message_values:
        _, fn, _ = handlers_.handler_function(ctx, value)
        if fn is not None and any(r.search(ctx.text(fn)) for r in reads):
            return True
    return False


def subscribed_by_object(ctx: _FileAnalysis, owner_node: Node | None, held: list[str]) -> bool:
    """Does a `subscribe…` method of the object (or class) whose method `owner_node` opens the
    socket send a frame built from its own parameters on that socket: the one its `await
    this.<owner>()` gives, or the field of `this` the socket is kept in (`held`, its names)?"""
    if owner_node is None:
        return False
    named = ctx.function_name(owner_node)
    if named is None or "." not in named[0]:
        return False
    opener = named[0].rpartition(".")[2]
    container = ctx.parent(owner_node)
    if container is not None and container.type == "pair":
        container = ctx.parent(container)
    if container is None or container.type not in ("object", "class_body"):
        return False
    fields = _fields_kept(ctx, owner_node, held)
    for name, fn in _methods(ctx, container):
        if fn.id == owner_node.id or not _SUBSCRIBE_METHOD.match(name):
            continue
        params = [local for _, _, local, _ in ctx.params(fn)]
        if not params:
            continue
        for call in ctx.nodes_in("call", fn):
            callee = ctx.unwrap(call.child_by_field_name("function"))
            prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
            if callee is None or prop is None or ctx.text(prop) != "send":
                continue
            args = ctx.arg_nodes(call)
            if args and _own_socket(ctx, callee.child_by_field_name("object"), opener, fields) \
                    and _built_from(ctx, args[0], params):
                return True
    return False


def _methods(ctx: _FileAnalysis, container: Node) -> list[tuple[str, Node]]:
    """(name, function) of the methods of an object literal or a class body."""
    out: list[tuple[str, Node]] = []
    for member in container.named_children:
        if member.type == "method_definition":
            n = member.child_by_field_name("name")
            if n is not None:
                out.append((ctx.text(n), member))
        elif member.type in ("pair", "public_field_definition", "field_definition"):
            key = member.child_by_field_name("key") or member.child_by_field_name("name") \
                or member.child_by_field_name("property")
            value = ctx.unwrap(member.child_by_field_name("value"))
            if key is not None and value is not None and value.type in _FUNCTION_VALUES:
                out.append((ctx.string_value(key) or ctx.text(key), value))
    return out


def _fields_kept(ctx: _FileAnalysis, owner_node: Node, held: list[str]) -> set[str]:
    """The fields of `this` the opening method keeps the socket in (`this.socket = socket`)."""
    out = {h for h in held if h.startswith("this.")}
    for a in ctx.nodes_in("assign", owner_node):
        left, right = a.child_by_field_name("left"), ctx.unwrap(a.child_by_field_name("right"))
        if left is not None and right is not None and ctx.text(left).startswith("this.") and ctx.text(right) in held:
            out.add(ctx.text(left))
    return out


def _own_socket(ctx: _FileAnalysis, obj: Node | None, opener: str, fields: set[str]) -> bool:
    """Is `obj` the object's socket: a field it is kept in, or a variable set from the opening
    method's result (`const socket = await this.connect()`)?"""
    obj = ctx.unwrap(obj)
    if obj is None:
        return False
    text = ctx.text(obj).replace("?.", ".").rstrip("!")
    if text in fields:
        return True
    if obj.type != "identifier":
        return False
    value = ctx.initial_value(obj)
    while value is not None and value.type in ("await_expression", "parenthesized_expression", "as_expression",
                                               "non_null_expression"):
        value = value.named_children[0] if value.named_children else None
    if value is None:
        return False
    if value.type == "member_expression":
        return ctx.text(value).replace("?.", ".") in fields
    fn = value.child_by_field_name("function") if value.type == "call_expression" else None
    return fn is not None and ctx.text(fn) == f"this.{opener}"


def _built_from(ctx: _FileAnalysis, arg: Node, params: list[str]) -> bool:
    """Is the frame `arg` (`JSON.stringify(frame)`, `frame`) an object literal that names one of
    `params`, spelled out there or kept in a variable first?"""
    frame = ctx.unwrap(arg)
    if frame is not None and frame.type == "call_expression":
        fn = frame.child_by_field_name("function")
        inner = ctx.arg_nodes(frame)
        frame = ctx.unwrap(inner[0]) if fn is not None and ctx.text(fn) == "JSON.stringify" and inner else None
    if frame is not None and frame.type == "identifier":
        frame = ctx.unwrap(ctx.initial_value(frame))
    return frame is not None and frame.type == "object" and _names_any(ctx.text(frame), params)


def _names_any(text: str, names: list[str]) -> bool:
    return any(re.search(_word(n), text) for n in names)
