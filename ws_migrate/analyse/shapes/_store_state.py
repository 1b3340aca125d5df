"""A socket kept in the state of an app store, reached where the store's value is read.

```ts
// store.ts: a zustand store (also `create<State>()((set) => …)`) keeps the socket in its state
export const useLive = create<State>((set) => ({
  socket: null,
  connect: (token) => set({ socket: new WebSocket(`/ws/live?token=${token}`) }),  // kept: `socket`
}));
// Ticker.tsx: what a component reads of that state is the socket
const socket = useLive((s) => s.socket);           // a selector of the property
const { socket } = useLive();                      // destructured
const ws = useLive.getState().socket;              // outside React
socket.addEventListener('message', onMessage);     // its handlers are the socket's
```

The socket site records the property of the state it is kept in (`Site.store_key`): the key of
an object given to the setup's setter (`set({ socket: ws })`, `set((s) => ({ …s, socket: ws }))`,
`set((s) => { s.socket = ws })`) or returned by the setup, the socket itself or the variable
holding it; one key only, else none. A call of a store hook records which property each of its
handlers is attached to (`Site.selects`): a selector `(s) => s.P`, `useX.getState().P`, or a
destructured `{ P }` (not `useX().P`: the binding of what a hook returns is left as it is). The
linker joins them: the handlers of the hook's calls, in any file, whose property is the socket's
key (`held_handlers`); a selector of another property, or another store's hook, is none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse._model import Binding, Handler, Site
from ws_migrate.analyse.shapes import _module as module_
from ws_migrate.analyse.shapes._nodes import FUNCTIONS, WRAPPING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._link import _Linker
    from ws_migrate.analyse._typescript import _FileAnalysis

_EVENTS = frozenset({"message", "error", "close", "open"})
_MAX_DEPTH = 64  # ancestors walked up to the store's setup


def _is_hook(name: str) -> bool:
    return len(name) > 3 and name.startswith("use") and name[3].isupper() and name.isidentifier()


def _outer(ctx: _FileAnalysis, node: Node) -> tuple[Node, Node | None]:
    """`node` past the expressions that only wrap it, and what holds that."""
    child, p = node, ctx.parent(node)
    while p is not None and p.type in WRAPPING:
        child, p = p, ctx.parent(p)
    return child, p


def _read_property(ctx: _FileAnalysis, node: Node) -> tuple[Node, str] | None:
    """(`x.P`, P) when what `node` gives is read for one property, `node.P`."""
    child, p = _outer(ctx, node)
    if p is None or p.type != "member_expression" or p.child_by_field_name("object") != child:
        return None
    prop = p.child_by_field_name("property")
    if prop is None or prop.type != "property_identifier":
        return None
    return p, ctx.text(prop)


def _selector(ctx: _FileAnalysis, fn: Node) -> str:
    """P of a selector `(s) => s.P`, or ""."""
    if fn.type != "arrow_function":
        return ""
    params = ctx.params(fn)
    body = ctx.unwrap(fn.child_by_field_name("body"))
    if len(params) != 1 or params[0][1] or body is None or body.type != "member_expression":
        return ""
    obj = ctx.unwrap(body.child_by_field_name("object"))
    prop = body.child_by_field_name("property")
    if obj is None or obj.type != "identifier" or ctx.text(obj) != params[0][2]:
        return ""
    return ctx.text(prop) if prop is not None and prop.type == "property_identifier" else ""


def selection(ctx: _FileAnalysis, node: Node, kind: str, callee: str) -> tuple[Node, str] | None:
    """(the node whose value is kept, the property of the store's state it is) for a call of a
    store hook that reads one property: `useX((s) => s.P)`, `useX.getState().P`."""
    args = ctx.arg_nodes(node) if node.type == "call_expression" else []
    if kind == "call" and _is_hook(callee):
        # (not `useX().P`: what a hook returns is kept as it is, a wrapper's result or a context's
        # value read by its properties elsewhere)
        fn = ctx.unwrap(args[0]) if len(args) == 1 else None
        prop = _selector(ctx, fn) if fn is not None else ""
        return (node, prop) if prop else None
    if kind == "member-call" and not args:
        obj, _, method = callee.rpartition(".")
        if method == "getState" and _is_hook(obj):
            return _read_property(ctx, node)
    return None


def selects(ctx: _FileAnalysis, kind: str, callee: str, binding: Binding, prop: str,
            scope: tuple[int, int]) -> tuple[tuple[str, int], ...]:
    """(property, where) of each socket handler attached to what a store hook's call gives
    (`prop`: the property it selects), where being the handler's start byte."""
    pairs: list[tuple[str, str]] = []
    if prop and binding.kind == "variable":
        pairs = [(prop, n) for n in ctx._aliases([binding.text], scope)]
    elif binding.kind == "destructured" and kind == "call" and _is_hook(callee):
        pairs = [(p, n) for local, p in zip(binding.names, binding.properties) for n in ctx._aliases([local], scope)]
    out = [(p, entry.start_byte) for p, name in pairs for what, entry, _ in ctx.attachments(name, scope)
           if what in _EVENTS]
    return tuple(dict.fromkeys(out))


def _setup(ctx: _FileAnalysis, node: Node) -> Node | None:
    """The setup function of the store hook `node` is in (`create((set) => …)`), if any."""
    p = ctx.parent(node)
    for _ in range(_MAX_DEPTH):
        if p is None:
            return None
        if p.type in FUNCTIONS:
            holder = ctx.parent(p)
            call = ctx.parent(holder) if holder is not None and holder.type == "arguments" else None
            if call is not None:
                name = ctx._declared_name(call)
                if name and module_.store_setup(ctx, call, name) == p:
                    return p
        p = ctx.parent(p)
    return None


def _first_param(ctx: _FileAnalysis, fn: Node) -> str:
    return next((local for index, path, local, _ in ctx.params(fn) if index == 0 and not path), "")


def _set_call(ctx: _FileAnalysis, node: Node | None, setter: str) -> bool:
    """Is `node` a call of the setup's setter, `set(…)`?"""
    if node is None or node.type != "call_expression":
        return False
    fn = ctx.unwrap(node.child_by_field_name("function"))
    return fn is not None and fn.type == "identifier" and ctx.text(fn) == setter


def _given_to_setter(ctx: _FileAnalysis, obj: Node, setup: Node, setter: str) -> bool:
    """Is the object literal `obj` the state the setup gives: `set({…})`, `set((s) => ({…}))`,
    or what the setup returns?"""
    value, p = _outer(ctx, obj)
    if p is not None and p.type == "arguments":
        return _set_call(ctx, ctx.parent(p), setter)
    if p is not None and p.type == "arrow_function" and p.child_by_field_name("body") == value:
        if p == setup:
            return True
        holder = ctx.parent(p)
        return holder is not None and holder.type == "arguments" and _set_call(ctx, ctx.parent(holder), setter)
    if p is not None and p.type == "return_statement":
        return ctx.enclosing_function(p) == setup
    return False


def _key_of(ctx: _FileAnalysis, value: Node, setup: Node, setter: str) -> str:
    """The state's property `value` (the socket, or a name holding it) is given as, or ""."""
    if value.type == "shorthand_property_identifier":
        obj = ctx.parent(value)
        return ctx.text(value) if obj is not None and _given_to_setter(ctx, obj, setup, setter) else ""
    child, p = _outer(ctx, value)
    if p is not None and p.type == "pair" and p.child_by_field_name("value") == child:
        key = p.child_by_field_name("key")
        obj = ctx.parent(p)
        if key is not None and key.type == "property_identifier" and obj is not None \
                and _given_to_setter(ctx, obj, setup, setter):
            return ctx.text(key)
    if p is not None and p.type == "assignment_expression" and p.child_by_field_name("right") == child:
        # `set((state) => { state.socket = ws })`: a draft of the state
        left = p.child_by_field_name("left")
        obj = ctx.unwrap(left.child_by_field_name("object")) if left is not None and left.type == "member_expression" else None
        prop = left.child_by_field_name("property") if left is not None else None
        fn = ctx.enclosing_function(p)
        holder = ctx.parent(fn) if fn is not None else None
        if obj is not None and obj.type == "identifier" and prop is not None and prop.type == "property_identifier" \
                and fn is not None and holder is not None and holder.type == "arguments" \
                and _set_call(ctx, ctx.parent(holder), setter) and _first_param(ctx, fn) == ctx.text(obj):
            return ctx.text(prop)
    return ""


def store_key(ctx: _FileAnalysis, node: Node, binding: Binding, scope: tuple[int, int]) -> str:
    """The property of a store's state the socket `node` is kept in, when one only, or ""."""
    setup = _setup(ctx, node)
    if setup is None:
        return ""
    setter = _first_param(ctx, setup)  # (none: only what the setup returns is its state)
    keys: set[str] = set()
    if key := _key_of(ctx, node, setup, setter):
        keys.add(key)
    if binding.kind == "variable" and not binding.module and binding.text:
        for start in ctx.word_starts(binding.text):
            if not scope[0] <= start < scope[1]:
                continue
            use = ctx.root.descendant_for_byte_range(start, start + len(binding.text))
            if use is not None and use.type in ("identifier", "shorthand_property_identifier") \
                    and (key := _key_of(ctx, use, setup, setter)):
                keys.add(key)
    return keys.pop() if len(keys) == 1 else ""


def held_handlers(linker: _Linker, rel: str, site: Site) -> list[tuple[str, Handler]]:
    """The handlers attached, in any file, to what the calls of the store hook the socket `site`
    is kept in read of its property (`useLive((s) => s.socket)`, `useLive.getState().socket`)."""
    if not site.store_key or not site.owner:
        return []
    fn = linker.function_info((rel, site.owner))
    if fn is None or not fn.shared:
        return []
    readers = list(linker.callers.get((rel, site.owner), ()))
    readers += [(r, s) for r, s in linker.members.get((rel, site.owner), ()) if s.callee.endswith(".getState")]
    out: list[tuple[str, Handler]] = []
    for frel, fsite in readers:
        starts = {start for prop, start in fsite.selects if prop == site.store_key}
        out.extend((frel, h) for h in fsite.handlers if h.pos.start in starts)
    return out
