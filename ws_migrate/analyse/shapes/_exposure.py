"""Whether the function around a socket leaves its messages to its callers.

```ts
export function useTopicSocket(topic: string, onMessage: (m: Msg) => void) {
  useEffect(() => {
    const ws = new WebSocket(`/ws/${topic}`);
    ws.onmessage = (e) => onMessage(JSON.parse(e.data));   // "hands": the caller's handler
  }, [topic]);
}
export const useSystemSocket = (id: string) => useTopicSocket('system', id);  // "returned"
export function useFeed() {
  const listeners = useRef(new Map<string, Handler>());
  useEffect(() => { … listeners.current.get(msg.kind)?.(msg) … }, []);
  return { subscribe: (t: string, h: Handler) => listeners.current.set(t, h) };  // "registry"
}
```

Such a function is a wrapper even when its endpoint is fixed: each of its callers is a
connection, and what the caller registers or hands in are its message types. A function that
handles the messages itself (and returns, say, state) is not: the socket in it is the connection.
`provided_contexts` names the contexts a component provides (`<WsContext.Provider value={…}>`),
whose consumers register on the socket the component opens.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse._model import Binding, Handler
from ws_migrate.analyse.shapes._lifecycle import own_returns
from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

# a method or returned function that registers a handler per type
_REGISTERS = re.compile(r"^(?:on|off|subscribe|unsubscribe|listen|register\w*|add\w*(?:Listener|Handler|Callback)|"
                        r"on[A-Z]\w*|subscribe[A-Z]\w*|watch)$")


def exposes(ctx: _FileAnalysis, node: Node, binding: Binding, returned: bool, handlers: list[Handler],
            passed: tuple[tuple[int, tuple[str, ...], Handler], ...], owner_node: Node | None,
            owner: str | None) -> str:
    """"hands", "returned", "registry" or "" (see the module's docstring)."""
    if owner_node is None or owner is None:
        return ""
    messages = [h for h in handlers if h.event == "message"] + [h for _, _, h in passed]
    own = owner.split(".")[0]
    for h in messages:
        if any(p.owner in (owner, own) for p in h.hands + h.tables):
            return "hands"
    if returned or binding.kind == "returned":
        return "returned"
    names: tuple[str, ...] = ()
    if binding.kind == "variable":
        names = (binding.text,)
    elif binding.kind == "destructured":
        names = binding.names
    if names and owner_node.type in FUNCTIONS and _returns_names(ctx, owner_node, set(names)):
        return "returned"
    if any(h.dispatch or h.tables or h.forwards for h in messages):
        if owner_node.type in FUNCTIONS and _returns_registration(ctx, owner_node):
            return "registry"
        if binding.kind == "member" and _class_registers(ctx, node):
            return "registry"
    return ""


def _returns_names(ctx: _FileAnalysis, fn: Node, names: set[str]) -> bool:
    """Does `fn` return one of `names` (alone, in an object or array, or spread)?"""
    for ret in own_returns(ctx, fn):
        value = ctx.unwrap(ret.named_children[0]) if ret.named_children else None
        if value is None:
            continue
        if value.type == "identifier" and ctx.text(value) in names:
            return True
        if value.type in ("object", "array"):
            for c in value.named_children:
                target: Node | None = c
                if c.type == "pair":
                    target = c.child_by_field_name("value")
                elif c.type == "spread_element" and c.named_children:
                    target = c.named_children[0]
                target = ctx.unwrap(target)
                if target is not None and target.type in ("identifier", "shorthand_property_identifier") \
                        and ctx.text(target) in names:
                    return True
    body = fn.child_by_field_name("body")
    return body is not None and body.type == "identifier" and ctx.text(body) in names


def _returns_registration(ctx: _FileAnalysis, fn: Node) -> bool:
    """Does `fn` return an object with a function that registers handlers (`subscribe`, `on`…)?"""
    for ret in own_returns(ctx, fn):
        value = ctx.unwrap(ret.named_children[0]) if ret.named_children else None
        if value is None or value.type != "object":
            continue
        for c in value.named_children:
            key = None
            if c.type in ("pair", "method_definition"):
                key = c.child_by_field_name("key") if c.type == "pair" else c.child_by_field_name("name")
            elif c.type == "shorthand_property_identifier":
                key = c
            if key is not None and _REGISTERS.match(ctx.text(key)):
                return True
    return False


def _class_registers(ctx: _FileAnalysis, node: Node) -> bool:
    """Has the class around `node` a method that registers handlers?"""
    body = ctx._class_body(node)
    for member in body.named_children if body is not None else ():
        if member.type in ("method_definition", "public_field_definition", "field_definition"):
            n = member.child_by_field_name("name") or member.child_by_field_name("property")
            if n is not None and _REGISTERS.match(ctx.text(n)):
                return True
    found = ctx.enclosing_named(node) if body is None and ctx.prototype_classes() else None
    cls = found[1].rpartition(".")[0] if found is not None else ""
    if cls in ctx.prototype_classes():  # `Client.prototype.on = function (type, fn) { … }`
        return any(name.startswith(cls + ".") and _REGISTERS.match(name[len(cls) + 1:])
                   for name in ctx.local_functions())
    return False


def provided_contexts(ctx: _FileAnalysis, owner_node: Node | None) -> tuple[str, ...]:
    """The contexts the component `owner_node` provides (`<X.Provider …>`, Vue `provide(X, …)`)."""
    if owner_node is None or (b".Provider" not in ctx.src and b"provide(" not in ctx.src):
        return ()
    known = ctx._provided.get(owner_node.id)
    if known is not None:
        return known
    out: list[str] = []
    for jsx in ctx.nodes_in("jsx", owner_node):
        n = jsx.child_by_field_name("name")
        text = ctx.text(n) if n is not None else ""
        if text.endswith(".Provider"):
            out.append(text[: -len(".Provider")])
    for call in ctx.nodes_in("call", owner_node):
        fn = call.child_by_field_name("function")
        if fn is not None and ctx.text(fn) == "provide":
            first = ctx.unwrap(ctx._first_arg(call))
            if first is not None and first.type == "identifier":
                out.append(ctx.text(first))
    found = ctx._provided[owner_node.id] = tuple(dict.fromkeys(out))
    return found
