"""Listeners kept per key in a module's own map, looked up by a field of each message.

A socket whose server pushes every topic may keep what it receives in a module store, and
wake the listeners registered for the message's topic; the functions that register them take
the topic from their callers:

```ts
const topicListeners = new Map<string, Set<Listener>>();
function applyUpdate(topic, value) { …; topicListeners.get(topic)?.forEach((l) => l()) }   // the dispatch
export function subscribeTopic(topic, listener) {                                          // a registration
  const set = topicListeners.get(topic) ?? new Set(); topicListeners.set(topic, set); set.add(listener);
}
export const useTopic = (watch) => useSyncExternalStore((l) => subscribeTopic(watch, l), …);
useTopic('stats');                                                                          // a type
```

A plain object of the module filled by a function (`messageHandlers[type] = fn` in
`addMessageHandler(type, fn)`) is one too. A class may keep the same table in a field, filled by a
method of its own:

```js
registerEvent(type, callback) { this.events[type] = callback }       // a registration
this.socket.onmessage = (m) => { const data = JSON.parse(m.data); this.events[data.type](data) }
this.registerEvent('user_updated', onUser);                           // a type
```

`registrations` says which parameters of which functions key that map: the values their
callers give (through the hooks that pass a parameter on, when linked) are the message types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse._model import TypeUse
from ws_migrate.analyse._values import Param, returned_key
from ws_migrate.analyse.shapes import _constants as constants

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

_KEYED = frozenset({"get", "set", "has"})


def registrations(ctx: _FileAnalysis, table: Node | None, field: str, reading: list[Node]) -> list[TypeUse]:
    """The parameters that key module map `table` (`topicListeners.set(topic, …)` in a named
    function, `topic` its parameter), as uses of message field `field`; none of the functions
    being read as the handler (`reading`), whose keys are the message's own."""
    table = ctx.unwrap(table)
    if table is not None and table.type == "member_expression":
        return _field_registrations(ctx, table, field, reading)
    if table is None or table.type != "identifier" or not _module_map(ctx, table):
        return []
    keys = [args[0] for method, call in ctx._member_calls.get(ctx.text(table), ())
            if method in _KEYED and (args := ctx.arg_nodes(call))]
    keys.extend(_assigned_keys(ctx, table))
    out: dict[Param, TypeUse] = {}  # one use per parameter (`get` then `set` by it)
    for key in keys:
        if any(f.start_byte <= key.start_byte < f.end_byte for f in reading):
            continue
        value = ctx.evaluate(key)
        if isinstance(value, Param) and value.owner and not returned_key(value.owner) and not value.path:
            out.setdefault(value, TypeUse("", ctx.pos(key), "register", field, param=value))
    return list(out.values())


def _assigned_keys(ctx: _FileAnalysis, table: Node) -> list[Node]:
    """The keys module object `table` is filled by (`messageHandlers[type] = fn` in
    `addMessageHandler(type, fn)`: `type`)."""
    decl = ctx.declarator_of(table)
    out = []
    for a in ctx._nodes.get("assign", ()):
        left = ctx.unwrap(a.child_by_field_name("left"))
        if left is None or left.type != "subscript_expression":
            continue
        inner, index = ctx.unwrap(left.child_by_field_name("object")), left.child_by_field_name("index")
        if inner is not None and index is not None and inner.type == "identifier" \
                and ctx.text(inner) == ctx.text(table) and ctx.declarator_of(inner) == decl:
            out.append(index)
    return out


def _module_map(ctx: _FileAnalysis, name: Node) -> bool:
    """Is `name` a variable of the module that starts as a map or an object (`new Map()`, `{}`)?"""
    decl = ctx.declarator_of(name)
    statement = ctx.parent(decl) if decl is not None else None
    top = ctx.parent(statement) if statement is not None else None
    if top is not None and top.type == "export_statement":
        top = ctx.parent(top)
    if decl is None or top is None or top.type != "program":
        return False
    value = ctx.unwrap(decl.child_by_field_name("value"))
    if value is None:
        return False
    if value.type == "new_expression":
        ctor = value.child_by_field_name("constructor")
        return ctor is not None and ctx.text(ctor) in ("Map", "WeakMap")
    return value.type == "object"


def _field_registrations(ctx: _FileAnalysis, table: Node, field: str, reading: list[Node]) -> list[TypeUse]:
    """`this.events[data.type]`: the parameters of the class's methods that key field `events`
    (`this.events[type] = callback`, `this.events.set(type, …)`, `(this.events[type] ||= [])`);
    a class written with prototypes (`Client.prototype.on = function (t, f) { … }`) too."""
    name = ctx.this_text(table)
    found = ctx.enclosing_named(table)
    if not name.startswith("this.") or found is None or found[2] != "method":
        return []
    cls = found[1].rpartition(".")[0]
    body = ctx._class_body(table)
    region = (body.start_byte, body.end_byte) if body is not None else (0, len(ctx.src))

    def in_class(node: Node) -> bool:
        """Is `node` in a method of `cls` (its body, or a function `cls.prototype.m`)?"""
        if not region[0] <= node.start_byte < region[1]:
            return False
        if body is not None:
            return True
        named = ctx.enclosing_named(node)
        return named is not None and named[1].rpartition(".")[0] == cls

    keys: list[Node] = []
    for kind in ("assign", "augmented"):
        for a in ctx._nodes.get(kind, ()):
            left = ctx.unwrap(a.child_by_field_name("left"))
            if left is None or left.type != "subscript_expression" or not in_class(a):
                continue
            inner, index = left.child_by_field_name("object"), left.child_by_field_name("index")
            if inner is not None and index is not None and ctx.this_text(inner) == name:
                keys.append(index)
    for method, call, obj in _member_calls(ctx):
        args = ctx.arg_nodes(call)
        if method in _KEYED and args and ctx.this_text(obj) == name and in_class(call):
            keys.append(args[0])
    params: set[tuple[str, int]] = set()
    for key in keys:
        if any(f.start_byte <= key.start_byte < f.end_byte for f in reading):
            continue  # (the handler's own look-up by the message's field)
        value = ctx.evaluate(key)
        if isinstance(value, Param) and value.owner and not returned_key(value.owner) and not value.path:
            params.add((value.owner.rsplit(".", 1)[-1], value.index))
    # what the class registers on itself, on every instance (`this.registerEvent('x', fn)`);
    # what is registered on one instance (`alertsWS.on('alarm', fn)`) is that instance's
    out: list[TypeUse] = []
    for method, call, obj in _member_calls(ctx) if params else ():
        if obj.type != "this" and not (obj.type == "identifier" and ctx._is_this(obj)):
            continue
        args = ctx.arg_nodes(call)
        for m, at in params:
            if m == method and at < len(args) and in_class(call):
                got = constants.value_of(ctx, args[at])
                if got is not None and (got[0] or got[1] is not None):
                    out.append(TypeUse(got[0], ctx.pos(args[at]), "register", field, got[1]))
    return out


def _member_calls(ctx: _FileAnalysis) -> list[tuple[str, Node, Node]]:
    """(method, call, object) of the file's member calls."""
    out: list[tuple[str, Node, Node]] = []
    for calls in ctx._member_calls.values():
        for method, call in calls:
            fn = ctx.unwrap(call.child_by_field_name("function"))
            obj = fn.child_by_field_name("object") if fn is not None else None
            if obj is not None:
                out.append((method, call, obj))
    return out
