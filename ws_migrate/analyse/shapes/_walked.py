"""Types registered by a name the code does not spell at the call: the key of a handler table
it walks, or a parameter its callers fill.

```ts
for (const [event, handler] of Object.entries(events)) socket.on(event, handler);  // `events`' keys
Object.keys(listeners).forEach((key) => socket.addListener(key, listeners[key]));
for (const type in table) client.on(type, table[type]);
function useSocketEvent(event: SocketEvent, fn) { socket.addListener(event, fn); }  // the callers'
for (const name of ['status', 'stats']) socket.on(name, refresh);                   // each of a list
```

`registered_by_name` gives the `TypeUse`s of such a registration: the keys of a table this file
spells out (an object literal kept in a `const`, computed keys from constants too, imported ones
as `Ref`s), or a use over a parameter of the function around it (`TypeUse.param`; `keys` when the
callers' table at that parameter holds the types), which the linker reads at the callers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse._model import TypeUse
from ws_migrate.analyse._values import Choice, Lit, Param, Ref, Template, Value
from ws_migrate.analyse.shapes import _constants as constants
from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

# methods that register a handler for the name they are given first (not `add` alone: a set's)
REGISTERS = re.compile(r"^(?:on|once|subscribe|listen|register|add[A-Z]\w*|on[A-Z]\w*|subscribe[A-Z]\w*|register[A-Z]\w*)$")
_WALKS = frozenset({"Object.entries", "Object.keys"})
_EACH = frozenset({"forEach", "map", "flatMap"})
# statements that declare names of their own: a name declared there is not the loop's any more
_BLOCKS = frozenset({"statement_block", "program"})


def registered_by_name(ctx: _FileAnalysis, call: Node, first: Node) -> list[TypeUse]:
    """The types `x.on(name, fn)` registers when `name` is a variable: a key of a table walked
    around it, or a parameter of the function it is in; [] for anything else."""
    callee = ctx.unwrap(call.child_by_field_name("function"))
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    if prop is None or not REGISTERS.match(ctx.text(prop)) or first.type != "identifier":
        return []
    if len(ctx.arg_nodes(call)) < 2:
        return []  # `source$.subscribe(observer)`: no name registered
    mark = len(ctx._owners_used)
    try:
        table = key_of(ctx, first)
        if table is not None:
            return _keys(ctx, table, first)
        value = ctx.evaluate(first)
        if isinstance(value, Param) and value.owner:
            return [TypeUse("", ctx.pos(first), "register", param=value)]
        if isinstance(value, Choice) and value.each:  # `for (const ev of ['status', 'stats'])`: each
            texts = [_literal(o) for o in value.options]
            return [TypeUse(t, ctx.pos(first), "register") for t in texts if t] if all(texts) else []
        return []
    finally:
        del ctx._owners_used[mark:]


def _literal(value: Value) -> str:
    if isinstance(value, Template) and value.parts and all(isinstance(p, Lit) for p in value.parts):
        return "".join(p.text for p in value.parts if isinstance(p, Lit))
    return ""


def key_of(ctx: _FileAnalysis, ident: Node) -> Node | None:
    """The table whose keys variable `ident` takes: `for (const [k, v] of Object.entries(T))`,
    `for (const k of Object.keys(T))`, `for (const k in T)`, `Object.entries(T).forEach(([k, v]) =>
    …)`, `Object.keys(T).forEach((k) => …)`; None when it is bound otherwise."""
    name = ctx.text(ident)
    child = ident
    scope = ctx.parent(ident)
    while scope is not None:
        if scope.type == "for_in_statement":
            right = ctx.unwrap(scope.child_by_field_name("right"))
            left = ctx.unwrap(scope.child_by_field_name("left"))
            if right is not None and left is not None and child.id != right.id and _binds(ctx, left, name):
                op = scope.child_by_field_name("operator")
                if op is not None and ctx.text(op) == "in":
                    return right if left.type == "identifier" else None
                return _walked(ctx, right, left)
        elif scope.type in FUNCTIONS:
            bound = _first_param(ctx, scope)
            if bound is not None and _binds(ctx, bound, name):
                return _each_of(ctx, scope, bound)
            if any(local == name for _, _, local, _ in ctx.params(scope)):
                return None  # another parameter: not a key
        elif scope.type in _BLOCKS and ctx._declaration_in(scope, name, child.start_byte) is not None:
            return None  # declared here: not a loop's variable
        child = scope
        scope = ctx.parent(scope)
    return None


def _binds(ctx: _FileAnalysis, pattern: Node, name: str) -> bool:
    """Does `pattern` (a name, or `[k, v]`) bind `name` as its key: the name, or the first element?"""
    if pattern.type == "identifier":
        return ctx.text(pattern) == name
    if pattern.type == "array_pattern":
        first = next((c for c in pattern.named_children if c.type != "comment"), None)
        return first is not None and first.type == "identifier" and ctx.text(first) == name
    return False


def _walked(ctx: _FileAnalysis, right: Node, left: Node) -> Node | None:
    """T of `Object.entries(T)` (read by `[k, v]`) or `Object.keys(T)` (read by `k`)."""
    if right.type != "call_expression":
        return None
    fn = right.child_by_field_name("function")
    walk = ctx.text(fn) if fn is not None else ""
    if walk not in _WALKS or (walk == "Object.entries") != (left.type == "array_pattern"):
        return None
    return ctx.unwrap(ctx._first_arg(right))


def _first_param(ctx: _FileAnalysis, fn: Node) -> Node | None:
    single = fn.child_by_field_name("parameter")
    if single is not None:
        return single
    params = fn.child_by_field_name("parameters")
    first = next((c for c in params.named_children if c.type != "comment"), None) if params is not None else None
    if first is not None and first.type in ("required_parameter", "optional_parameter"):
        first = first.child_by_field_name("pattern")
    return first


def _each_of(ctx: _FileAnalysis, fn: Node, bound: Node) -> Node | None:
    """T, when `fn` is handed to `Object.entries(T).forEach` (or `Object.keys(T)`'s)."""
    args = ctx.parent(fn)
    call = ctx.parent(args) if args is not None else None
    if args is None or call is None or args.type != "arguments" or call.type != "call_expression":
        return None
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return None
    prop = callee.child_by_field_name("property")
    walked = ctx.unwrap(callee.child_by_field_name("object"))
    if prop is None or ctx.text(prop) not in _EACH or walked is None:
        return None
    return _walked(ctx, walked, bound)


def _keys(ctx: _FileAnalysis, table: Node, at: Node) -> list[TypeUse]:
    """The keys of `table`: a parameter's (the callers' table there), or those this file spells."""
    value = ctx.evaluate(table)
    if isinstance(value, Param) and value.owner:
        return [TypeUse("", ctx.pos(at), "register", param=value, keys=True)]
    return [TypeUse(text, ctx.pos(node), "register", "", ref) for text, ref, node in spelled_keys(ctx, table)]


def spelled_keys(ctx: _FileAnalysis, table: Node | None) -> list[tuple[str, Ref | None, Node]]:
    """(value, ref, node) of each key of an object literal of functions this file spells out
    (directly or through the `const` it is kept in): a literal or a constant's value, or ("",
    Ref) for an imported constant (`[SocketEvent.STATUS]: onStatus`)."""
    value = constants._declared(ctx, table)
    return constants.object_keys(ctx, value) if value is not None and value.type == "object" else []
