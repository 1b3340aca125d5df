"""Socket creators: a class handed the function that opens its socket.

```js
// socket.js
const socket = new LiveSocket(() => new WebSocket(`${base}api/ws`));   // the creator, handed in
export default socket;

// lib/LiveSocket.js
export default class LiveSocket extends Notifier {
  constructor(create) { super(); this.create = create; }
  start() {
    this.ws = this.create();                         // the creator called: the socket is here
    this.ws.onmessage = ({ data }) => this.notifyAll(JSON.parse(data));
  }
}

// views/Runs.vue
socket.addListener((frame) => this.onFrame(frame)); // what the instance's listeners read
```

The socket is opened in one file and used in another: `creator` tells, at the socket, to which
call's argument its function is handed (`Site.creator`), and `called_param` tells, at a call of
a field of `this`, which constructor parameter that field holds (`Site.calls_param`). The
linker joins the two (`_link._Linker.creator_calls`): the handlers set on what the class's call
returns are the socket's, and so are the listeners added to the instance in any file
(`_link._Linker.instance_listeners`).

Case folder: `tests/data/scan/socket_creators/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse._values import Choice, Param, Template, Unknown, Value, choice_like, concat
from ws_migrate.analyse.shapes._nodes import WRAPPING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

_ANONYMOUS = ("arrow_function", "function_expression", "function")
CREATOR = "<creator>"  # the owner of a creator's parameters (`(url) => new WebSocket(url)`)


def creator(ctx: _FileAnalysis, node: Node) -> tuple[str, int, tuple[str, ...], str] | tuple[()]:
    """(callee, argument, property of it, variable the result is kept in) when the socket at
    `node`, returned by the anonymous function around it, is made by a function handed to a call
    or a `new` (`new LiveSocket(() => new WebSocket(url))`, `connect({ create: () => … })`);
    else ()."""
    fn = ctx.enclosing_function(node)
    if fn is None or fn.type not in _ANONYMOUS:
        return ()
    holder = _outside(ctx, fn)
    path: tuple[str, ...] = ()
    if holder is not None and holder[0].type == "pair":
        key = holder[0].child_by_field_name("key")
        obj = ctx.parent(holder[0])
        if key is None or key.type not in ("property_identifier", "string") or obj is None or obj.type != "object":
            return ()
        path = (ctx.string_value(key) if key.type == "string" else ctx.text(key)) or "",
        holder = _outside(ctx, obj)
    if holder is None or holder[0].type != "arguments":
        return ()
    args, arg = holder
    call = ctx.parent(args)
    if call is None or call.type not in ("call_expression", "new_expression"):
        return ()
    callee = call.child_by_field_name("function" if call.type == "call_expression" else "constructor")
    if callee is None or callee.type not in ("identifier", "member_expression") or "" in path:
        return ()
    index = next((i for i, a in enumerate(ctx.arg_nodes(call)) if a.id == arg.id), -1)
    if index < 0:
        return ()
    binding, _ = ctx.binding(call)
    held = binding.text if binding.kind == "variable" and binding.module else ""
    return ctx.text(callee), index, path, held


def as_params(ctx: _FileAnalysis, node: Node, value: Value) -> Value:
    """`value`, the socket's URL, with the parameters of its creator made `Param`s (owner
    `CREATOR`): the class fills them where it calls the creator (`(url) => new WebSocket(url)`,
    called as `makeSocket(this.url)`). A callback's parameters are run-time values otherwise."""
    fn = ctx.enclosing_function(node)
    names = {local: (index, path) for index, path, local, _ in ctx.params(fn)} if fn is not None else {}
    return _mapped(value, names) if names else value


def calls_param(ctx: _FileAnalysis, call: Node, owner: str | None) -> tuple[int, tuple[str, ...]] | None:
    """(index, property) of the parameter of the constructor of `owner`'s class that is called
    at `call`: a field holding it (`this.create = create`: `this.create()`), or the parameter
    itself in the constructor (`makeSocket(url)`); else None."""
    fn = call.child_by_field_name("function")
    if fn is None or fn.type not in ("member_expression", "identifier") or not owner:
        return None
    value = ctx.evaluate(fn)
    cls = owner.split(".")[0]
    if isinstance(value, Param) and value.owner == cls:
        return value.index, value.path
    return None


def param_call(ctx: _FileAnalysis, call: Node, name: str) -> bool:
    """Is `name(…)` at `call` a call of a parameter of the constructor around it, its result
    kept (`this.socket = makeSocket(url)`)? Such a call is worth a site: it may call a creator."""
    fn = ctx.enclosing_function(call)
    if fn is None or fn.type != "method_definition":
        return False
    n = fn.child_by_field_name("name")
    if n is None or ctx.text(n) != "constructor" or ctx.resolve_scope_of(name, call) is not None:
        return False
    up = ctx.parent(call)
    return up is not None and up.type in ("assignment_expression", "variable_declarator") and any(
        local == name for _, _, local, _ in ctx.params(fn))


def _mapped(value: Value, names: dict[str, tuple[int, tuple[str, ...]]]) -> Value:
    if isinstance(value, Unknown) and type(value) is Unknown and value.name in names:
        index, path = names[value.name]
        return Param(index, path, value.name, CREATOR)
    if isinstance(value, Template):
        return concat(*(_mapped(p, names) if isinstance(p, (Unknown, Choice)) else Template((p,))
                        for p in value.parts))
    if isinstance(value, Choice):
        return choice_like(value, *(_mapped(o, names) for o in value.options))
    return value


def _outside(ctx: _FileAnalysis, node: Node) -> tuple[Node, Node] | None:
    """(the node holding `node`, past what only wraps it; the child of it that holds `node`)."""
    child, up = node, ctx.parent(node)
    while up is not None and up.type in WRAPPING:
        child, up = up, ctx.parent(up)
    return (up, child) if up is not None else None
