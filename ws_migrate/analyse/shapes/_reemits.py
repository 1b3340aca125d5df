"""Re-emitting classes: a socket wrapper that fires each message again as an event of its own.

```js
// utils/socket.js
export const EVENT_MESSAGE = 'message';
export default class Socket extends EventTarget {
  connect() {
    this.socket = new WebSocket(this.url);
    this.socket.onmessage = this._onmessage.bind(this);
  }
  _onmessage(event) {
    this.dispatchEvent(new CustomEvent(EVENT_MESSAGE, { detail: event }));   // or
    // this.emit('message', JSON.parse(event.data));                         // an EventEmitter
  }
}

// store/subscribe.js
const socket = new Socket('/v1/subscribe');
socket.addEventListener(EVENT_MESSAGE, (e) => {
  const msg = JSON.parse(e.detail.data);
  if (msg.name === 'resource.change') …
});
```

`reemitted` tells, in a socket's message handler, a call firing the message (or its event) again
on `this` under an event name: a literal, or a constant (`ref:EVENT_MESSAGE`, resolved when
linked). `relistened` reads, at a call whose result is kept (and at a listener call itself, for
a module instance used in another file), the functions given to a listener method with an event
before them — once per way such a class may hand them the message, since the file does not know
which: the message itself (`emit('m', msg)`), the socket's event (`emit('m', event)`), or a
`CustomEvent` whose `detail` is either. The linker keeps the reading that matches what the class
fires (`_link._Linker.read`).

Case folder: `tests/data/scan/reemitting_classes/`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._model import Handler
    from ws_migrate.analyse._typescript import _FileAnalysis

Path = tuple[str, ...]
_EMIT_METHODS = frozenset({"emit", "trigger", "fire", "$emit", "emitEvent"})
_LISTEN_METHODS = frozenset({"on", "once", "addEventListener", "addListener", "$on"})
_EVENT_CLASSES = frozenset({"CustomEvent", "MessageEvent", "Event"})


def event_spec(ctx: _FileAnalysis, node: Node | None) -> str:
    """`'message'` as `lit:message`, a constant `EVENT_MESSAGE` as `ref:EVENT_MESSAGE`, else ""."""
    node = ctx.unwrap(node)
    if node is None:
        return ""
    text = ctx.string_value(node)
    if text is not None:
        return f"lit:{text}"
    if node.type in ("identifier", "member_expression") and ctx.text(node).replace(".", "").isidentifier():
        return f"ref:{ctx.text(node)}"
    return ""


def reemitted(ctx: _FileAnalysis, callee: Node, args: list[Node], paths: list[Path | None],
              path_of: Callable[[Node | None], Path | None], event_path: Path) -> tuple[str, str] | None:
    """(event, how) when the call `callee(args)` fires the message again on `this`
    (`this.emit('message', msg)`, `this.dispatchEvent(new CustomEvent(E, { detail: event }))`);
    `paths` are the arguments' places in the message, `path_of` finds one, `event_path` is the
    socket event's."""
    obj = ctx.unwrap(callee.child_by_field_name("object"))
    prop = callee.child_by_field_name("property")
    if obj is None or prop is None or not (obj.type == "this" or ctx._is_this(obj)):
        return None
    method = ctx.text(prop)
    if method in _EMIT_METHODS and len(args) >= 2:
        how = "message" if paths[1] == () else "event" if paths[1] == event_path else ""
        event = event_spec(ctx, args[0])
        return (event, how) if event and how else None
    if method != "dispatchEvent" or len(args) != 1:
        return None
    made = ctx.unwrap(args[0])
    ctor = made.child_by_field_name("constructor") if made is not None and made.type == "new_expression" else None
    if made is None or ctor is None or ctx.text(ctor) not in _EVENT_CLASSES:
        return None
    cargs = ctx.arg_nodes(made)
    event = event_spec(ctx, cargs[0]) if cargs else ""
    opts = ctx.unwrap(cargs[1]) if len(cargs) > 1 else None
    if not event or opts is None or opts.type != "object":
        return None
    for pair in opts.named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is None:
            continue
        got = path_of(pair.child_by_field_name("value"))
        name = ctx.text(key)
        if name == "detail" and got in ((), event_path):
            return event, "detail-message" if got == () else "detail-event"
        if name == "data" and got is not None and got != () and got != event_path and got[:1] == ("\0raw",):
            return event, "event"  # `new MessageEvent('message', { data: event.data })`
    return None


def relistened(ctx: _FileAnalysis, node: Node, kind: str, callee: str, targets: list[str],
               scope: tuple[int, int], owner: str | None) -> tuple[tuple[str, str, Handler], ...]:
    """The functions given to listener methods of what the call at `node` returned (kept in
    `targets`), or by the call itself when it is one (`live.on('frame', fn)`), each read as the
    listener of a re-emitting class in each way it may get the message."""
    calls: list[Node] = []
    if kind == "member-call" and callee.rsplit(".", 1)[-1] in _LISTEN_METHODS:
        calls.append(node)
    for target in targets:
        calls.extend(c for m, c in ctx._member_calls.get(target, ())
                     if m in _LISTEN_METHODS and scope[0] <= c.start_byte < scope[1])
    out: list[tuple[str, str, Handler]] = []
    for call in calls:
        args = ctx.arg_nodes(call)
        event = event_spec(ctx, args[0]) if len(args) >= 2 else ""
        fn = ctx.unwrap(args[1]) if event else None
        if fn is None or fn.type not in FUNCTIONS and fn.type not in ("identifier", "member_expression"):
            continue
        roots = ["message", "event"]
        if b".detail" in ctx.src:
            roots += ["detail-message", "detail-event"]
        for root in roots:
            out.append((event, root, ctx.handler("message", call, args[1], owner, root)))  # type: ignore[arg-type]
    return tuple(out)
