"""Listener helpers: a function whose parameters are the socket's event and listener.

```js
const addListener = function (type, key, callback) {       // a registration point
  if (!(key in $app.listeners)) { $app.ws.addEventListener(type, callback); … }
}
addListener('message', 'frontend', function (evt) { … })   // a message handler of the socket
addListener('close', 'reconnect', onClose)                  // its close handler
return { init, addEventListener: addListener }              // exposed by the factory around it

const handler = AppWebsocketHandler($t)                     // in a component, any file
handler.addEventListener('message', 'dashboard', (evt) => { … })
```

`helper_handlers` reads, from the socket's `addEventListener(type, callback)` whose event and
listener are parameters of the function around it, the handlers that function's callers in the
file register (the literal each gives for the event says which socket event its callback is
for), through functions that only pass those parameters on, and what other files reach it by
(`Site.listen_via`): a module's own helper (`export function onFeed(type, fn)`), or a property
of the object a factory returns that is such a function. `listened` reads, at a call whose
result is kept, the handlers handed to its methods with a literal socket event
(`Site.listened`); the linker joins the two by factory, property and argument positions.

Case folder: `tests/data/scan/classic_helpers/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes import _factories as factories
from ws_migrate.analyse.shapes import _handlers as handlers_
from ws_migrate.analyse.shapes._nodes import FUNCTIONS, WRAPPING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._model import Handler
    from ws_migrate.analyse._typescript import _FileAnalysis

# what `sock.addEventListener(type, callback)` with a parameter for the event is attached as
LISTENS = "<listen()>"
_EVENTS = frozenset({"message", "error", "close", "open"})
_MAX_HOPS = 8


def _args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None or args.type == "template_string":
        return []
    return [a for a in args.named_children if a.type != "comment"]


def _param_index(ctx: _FileAnalysis, fn: Node, node: Node | None) -> int | None:
    """The position of the parameter of `fn` that `node` names as it is (no property of it)."""
    node = ctx.unwrap(node)
    if node is None or node.type != "identifier":
        return None
    text = ctx.text(node)
    for index, path, name, _ in ctx.params(fn):
        if name == text and not path:
            return index
    return None


def _own_name(ctx: _FileAnalysis, fn: Node) -> str | None:
    """The name the file calls `fn` by: `function f`, `const f = function`/arrow."""
    if fn.type in ("function_declaration", "generator_function_declaration"):
        n = fn.child_by_field_name("name")
        return ctx.text(n) if n is not None else None
    up = ctx.parent(fn)
    while up is not None and up.type in WRAPPING:
        up = ctx.parent(up)
    if up is not None and up.type == "variable_declarator":
        n = up.child_by_field_name("name")
        if n is not None and n.type == "identifier":
            return ctx.text(n)
    return None


def _returned_as(ctx: _FileAnalysis, fn: Node, name: str) -> list[tuple[str, str]]:
    """(factory, property) for each property of an object literal the function around `fn`
    returns whose value is `name` (`return { addEventListener: addListener }`, `{ addListener }`)."""
    factory = ctx.enclosing_function(fn)
    named = ctx.function_name(factory) if factory is not None else None
    if factory is None or named is None or named[1] == "class":
        return []
    out: list[tuple[str, str]] = []
    body = factory.child_by_field_name("body")
    todo = [body] if body is not None else []
    while todo:
        n = todo.pop()
        if n.type in FUNCTIONS and n.id != factory.id:
            continue  # another function's return
        obj = None
        if n.type == "return_statement":
            obj = ctx.unwrap(n.named_children[0]) if n.named_children else None
        elif n.id == (body.id if body is not None else -1):
            obj = ctx.unwrap(n)  # `(…) => ({ … })`
        if obj is not None and obj.type == "object":
            for prop in obj.named_children:
                if prop.type == "shorthand_property_identifier" and ctx.text(prop) == name:
                    out.append((named[0], name))
                elif prop.type == "pair":
                    key, value = prop.child_by_field_name("key"), ctx.unwrap(prop.child_by_field_name("value"))
                    if key is not None and value is not None and value.type == "identifier" \
                            and ctx.text(value) == name and key.type in ("property_identifier", "string"):
                        k = ctx.string_value(key) if key.type == "string" else ctx.text(key)
                        if k:
                            out.append((named[0], k))
        todo.extend(c for c in n.named_children if c.type not in FUNCTIONS)
    return out


def helper_handlers(ctx: _FileAnalysis, entry: Node, owner: str | None
                    ) -> tuple[list[Handler], list[tuple[str, str, int, int]]]:
    """The handlers registered through the function around `entry` (`sock.addEventListener(type,
    callback)`, both its parameters), and the factories' properties that expose it."""
    args = _args(entry)
    fn = ctx.enclosing_function(entry)
    if len(args) < 2 or fn is None:
        return [], []
    ei, ci = _param_index(ctx, fn, args[0]), _param_index(ctx, fn, args[1])
    if ei is None or ci is None:
        return [], []
    handlers: list[Handler] = []
    exposed: list[tuple[str, str, int, int]] = []
    todo = [(fn, ei, ci)]
    seen: set[int] = set()
    while todo and len(seen) < _MAX_HOPS:
        fn, ei, ci = todo.pop()
        if fn.id in seen:
            continue
        seen.add(fn.id)
        got = factories.returned_method(ctx, fn, pascal=True)  # `return { addEventListener(type, cb) { … } }`
        if got is not None:
            exposed.append((got[1], got[2], ei, ci))
        name = _own_name(ctx, fn)
        if name is None:
            continue
        if ctx.enclosing_function(fn) is None:  # a module's own function: other files call it
            exposed.append((name, "", ei, ci))
        exposed.extend((f, key, ei, ci) for f, key in _returned_as(ctx, fn, name))
        for call in ctx._calls_by_name.get(name, ()):
            cargs = _args(call)
            if len(cargs) <= max(ei, ci):
                continue
            event = ctx.string_value(cargs[ei])
            if event in _EVENTS:
                handlers.append(ctx.handler(event, call, cargs[ci], owner))
                continue
            outer = ctx.enclosing_function(call)  # a function passing its own parameters on
            if outer is not None:
                e2, c2 = _param_index(ctx, outer, cargs[ei]), _param_index(ctx, outer, cargs[ci])
                if e2 is not None and c2 is not None:
                    todo.append((outer, e2, c2))
    return handlers, exposed


def _handed(ctx: _FileAnalysis, call: Node, method: str, owner: str | None
            ) -> tuple[str, int, int, Handler] | None:
    """(method, event index, callback index, handler) when `call` hands a function after a
    literal socket event (`listen('message', fn)`, `h.addEventListener('message', 'key', fn)`)."""
    cargs = _args(call)
    at = next((i for i, a in enumerate(cargs[:3]) if ctx.string_value(a) in _EVENTS), None)
    if at is None:
        return None
    event = ctx.string_value(cargs[at]) or ""
    for j in range(at + 1, min(len(cargs), at + 3)):
        how, fn, param = handlers_.handler_function(ctx, cargs[j])
        if fn is not None or param is not None or how.startswith("import:"):
            return method, at, j, ctx.handler(event, call, cargs[j], owner)
    return None


def listened(ctx: _FileAnalysis, node: Node, kind: str, targets: list[str], scope: tuple[int, int],
             owner: str | None) -> tuple[tuple[str, int, int, Handler], ...]:
    """The handlers a call hands a function it may be (`listen('message', fn)`: method `""`),
    and those handed to methods of what it returned, kept in `targets`, with a literal socket
    event before them (`handler.addEventListener('message', 'dashboard', (evt) => …)`)."""
    out: list[tuple[str, int, int, Handler]] = []
    if kind == "call":
        own = _handed(ctx, node, "", owner)
        if own is not None:
            out.append(own)
    for target in targets:
        for method, call in ctx._member_calls.get(target, ()):
            if scope[0] <= call.start_byte < scope[1]:
                got = _handed(ctx, call, method, owner)
                if got is not None:
                    out.append(got)
    return tuple(out)
