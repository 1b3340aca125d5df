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

`registrations` says which parameters of which functions key that map: the values their
callers give (through the hooks that pass a parameter on, when linked) are the message types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse._model import TypeUse
from ws_migrate.analyse._values import Param

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

_KEYED = frozenset({"get", "set", "has"})


def registrations(ctx: _FileAnalysis, table: Node | None, field: str, reading: list[Node]) -> list[TypeUse]:
    """The parameters that key module map `table` (`topicListeners.set(topic, …)` in a named
    function, `topic` its parameter), as uses of message field `field`; none of the functions
    being read as the handler (`reading`), whose keys are the message's own."""
    table = ctx.unwrap(table)
    if table is None or table.type != "identifier" or not _module_map(ctx, table):
        return []
    out: dict[Param, TypeUse] = {}  # one use per parameter (`get` then `set` by it)
    for method, call in ctx._member_calls.get(ctx.text(table), ()):
        if method not in _KEYED or any(f.start_byte <= call.start_byte < f.end_byte for f in reading):
            continue
        args = ctx.arg_nodes(call)
        value = ctx.evaluate(args[0]) if args else None
        if isinstance(value, Param) and value.owner and "#" not in value.owner and not value.path:
            out.setdefault(value, TypeUse("", ctx.pos(args[0]), "register", field, param=value))
    return list(out.values())


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
