"""A socket's life around its messages: closed in a React effect's cleanup, re-opened by hand.

```tsx
useEffect(() => {
  const ws = new WebSocket('/ws/x');
  ws.onclose = () => setTimeout(connect, 1000);   // a hand-written reconnect
  return () => ws.close();                        // closed in the cleanup: no leak
}, []);
```

`cleanup` says whether the component or hook around a socket (or a client it makes) closes it
in an effect's cleanup; `reconnects` whether a close handler opens a new socket; `loops_back`
whether a class's `this.open(conn)` is such a re-open, made on the way from the callbacks of
`open` itself (its socket's close handler, a timer) back to it:

```ts
#open(conn) { conn.socket = new WebSocket(url); conn.socket.onclose = () => this.#onClose(conn); }
#onClose(conn) { this.#retry(conn); }
#retry(conn) { setTimeout(() => this.#open(conn), 1000); }   // the same connection again
```
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ws_migrate.analyse._model import Binding
from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._tree import FileTree
    from ws_migrate.analyse._typescript import _FileAnalysis

CLOSE_METHODS = ("close", "disconnect", "destroy", "terminate")
_EFFECTS = frozenset({"useEffect", "useLayoutEffect", "React.useEffect", "React.useLayoutEffect"})
_RECONNECT_NAME = re.compile(r"^(re)?connect|^(re)?open|^init|^start|^setup|reconnect", re.IGNORECASE)
_TIMERS = frozenset({"setTimeout", "setInterval", "window.setTimeout"})
_UNMOUNT = frozenset({"onBeforeUnmount", "onUnmounted", "onDestroy", "onScopeDispose", "tryOnScopeDispose"})


@functools.lru_cache(maxsize=512)
def _closer(names: tuple[str, ...]) -> re.Pattern[str]:
    """`ws.close(`, `socket?.disconnect(` of one of `names`, or one of them handed to a function
    that says it closes (`socketService.disconnect(ws)`, `closeSocket(ws, 1000)`)."""
    held = "|".join(re.escape(n) for n in names)
    verbs = "|".join(CLOSE_METHODS)
    return re.compile(rf"(?:{held})\s*\??\.\s*(?:{verbs})\s*\("
                      rf"|(?<![\w$])(?:[\w$.]*\.)?(?:{verbs})\w*\s*\(\s*(?:{held})\s*[,)]"
                      rf"|(?<![\w$])[\w$.]*(?:Close|Disconnect|Destroy|Terminate)\w*\s*\(\s*(?:{held})\s*[,)]")


def cleanup(ctx: _FileAnalysis, node: Node, binding: Binding) -> tuple[bool | None, bool]:
    """(closed in an effect cleanup?, opened in React code?) for a socket or client opened here."""
    p: Node | None = node
    component: Node | None = None
    while p is not None:
        p = ctx.enclosing_function(p)
        if p is None:
            break
        named = ctx.function_name(p)
        if named is not None and named[1] in ("component", "hook"):
            component = p
            break
    if component is None:
        return None, False
    if binding.kind in ("none", "returned", "destructured") or not binding.text:
        return None, True
    # also closed through where it is kept: `socketRef.current = ws; … socketRef.current?.close()`
    names = [binding.text]
    for a in ctx.nodes_in("assign", component):
        right = ctx.unwrap(a.child_by_field_name("right"))
        left = a.child_by_field_name("left")
        if right is not None and left is not None and ctx.text(right) == binding.text:
            names.append(ctx.text(left))
    closer = _closer(tuple(names))
    if not ctx.react:
        # Vue and Svelte close in their unmount hooks (`onBeforeUnmount(() => ws.close())`);
        # whether a socket that is not closed there leaks is not this rule's to say
        for call in ctx.nodes_in("call", component):
            fn = call.child_by_field_name("function")
            if fn is not None and ctx.text(fn) in _UNMOUNT and closer.search(ctx.text(call)):
                return True, True
        return None, True
    for call in ctx.nodes_in("call", component):
        fn = call.child_by_field_name("function")
        if fn is None or ctx.text(fn) not in _EFFECTS:
            continue
        cb = ctx.unwrap(ctx._first_arg(call))
        if cb is None or cb.type not in FUNCTIONS:
            continue
        for ret in own_returns(ctx, cb):
            value = ctx.unwrap(ret.named_children[0]) if ret.named_children else None
            if value is None:
                continue
            if value.type == "identifier":
                local = ctx.local_functions().get(ctx.text(value))
                value = local if local is not None else value
            if closer.search(ctx.text(value)):
                return True, True
    return False, True


def own_returns(ctx: FileTree, fn: Node) -> Iterator[Node]:
    """The `return` statements of `fn` itself (not of functions inside it)."""
    for ret in ctx.nodes_in("return", fn):
        if ctx.enclosing_function(ret) == fn:
            yield ret


def reconnects(ctx: _FileAnalysis, fn: Node, owner: str | None) -> bool:
    """Does close handler `fn` open the socket again (a call of a `connect`-like function, of
    the function that opened it, or a `new WebSocket` of its own)?"""
    for n in ctx.nodes_in("call", fn):
        callee_node = n.child_by_field_name("function")
        callee = ctx.text(callee_node) if callee_node is not None else ""
        names = [callee]
        if callee in _TIMERS:
            # `setTimeout(connect, 1000)`: the function is passed, not called
            first = ctx.unwrap(ctx._first_arg(n))
            if first is not None and first.type in ("identifier", "member_expression"):
                names.append(ctx.text(first))
        if any(_reopens(name, owner) for name in names):
            return True
    for n in ctx.nodes_in("new", fn):
        ctor = n.child_by_field_name("constructor")
        if ctor is not None and ctx.is_socket_constructor(ctor):
            return True
    return False


def _reopens(callee: str, owner: str | None) -> bool:
    short = callee.rsplit(".", 1)[-1]
    if _RECONNECT_NAME.search(short):
        return True
    return owner is not None and short == owner.rsplit(".", 1)[-1]


def loops_back(ctx: _FileAnalysis, node: Node, method: str) -> bool:
    """Is `this.method(…)` at `node` a re-open: made in `method` itself, or in a method of its
    class that the callbacks nested in `method` (its socket's handlers, timers) reach through
    `this.x(…)` calls? It opens the same connection again, so it is no caller of a level."""
    found = ctx.enclosing_named(node)
    if found is None or found[2] != "method":
        return False
    cls, _, here = found[1].rpartition(".")
    if here == method:
        return True
    target = ctx.local_functions().get(f"{cls}.{method}")
    if target is None:
        return False
    key = (cls, method)
    if key not in ctx.reached_back:
        ctx.reached_back[key] = _reached(ctx, cls, target)
    return here in ctx.reached_back[key]


def _reached(ctx: _FileAnalysis, cls: str, method: Node) -> frozenset[str]:
    """The methods of `cls` that the functions nested in `method` call on `this`, and those
    they call in turn."""
    todo = [fn for fn in ctx.nodes_in("fn", method) if fn.id != method.id]
    seen: set[str] = set()
    while todo:
        body = todo.pop()
        for call in ctx.nodes_in("call", body):
            callee = ctx.unwrap(call.child_by_field_name("function"))
            if callee is None or callee.type != "member_expression":
                continue
            obj, prop = callee.child_by_field_name("object"), callee.child_by_field_name("property")
            if obj is None or obj.type != "this" or prop is None:
                continue
            name = ctx.text(prop)
            nxt = ctx.local_functions().get(f"{cls}.{name}")
            if name not in seen and nxt is not None:
                seen.add(name)
                todo.append(nxt)
    return frozenset(seen)
