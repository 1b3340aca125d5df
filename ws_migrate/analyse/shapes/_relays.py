"""Messages relayed through an observable subject of the app's own, and read where it is piped.

```ts
private received$ = new Subject<Msg>();
connect() {
  this.ws = new WebSocket(url);
  this.ws.onmessage = (e) => this.received$.next(JSON.parse(e.data));   // relayed
}
receive(op: OP) {
  return this.received$.pipe(filter((m) => m.op === op));   // read: `op` from the callers
}
this.messages.receive(OP.NOTE).subscribe(show);             // a type, in any file
```

`relayed` lists the subjects a socket's message handlers hand each message to (`x.next(msg)`
of a `new Subject()`, `BehaviorSubject`, `ReplaySubject`, a field or a variable of the file);
`handlers` reads the functions piped or subscribed to them in the file as the socket's message
handlers (a comparison with a parameter of the method around them is a type its callers give).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes import _handlers as handlers_
from ws_migrate.analyse.shapes import _registrations as registrations
from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._model import Handler
    from ws_migrate.analyse._typescript import _FileAnalysis

_SUBJECTS = frozenset({"Subject", "BehaviorSubject", "ReplaySubject", "AsyncSubject"})


def relayed(ctx: _FileAnalysis, values: list[Node]) -> list[str]:
    """The subjects (`this.received$`, `messages$`) the handler functions `values` hand the
    message to with `next(…)`."""
    if b"Subject" not in ctx.src:
        return []
    out: list[str] = []
    for value in values:
        fn = ctx.unwrap(value)
        if fn is not None and fn.type not in FUNCTIONS:  # `this.onMessage.bind(this)`, a method
            fn = handlers_.handler_function(ctx, fn)[1]
        if fn is None or fn.type not in FUNCTIONS and fn.type != "method_definition":
            continue
        for call in ctx.nodes_in("call", fn):
            callee = ctx.unwrap(call.child_by_field_name("function"))
            prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
            obj = callee.child_by_field_name("object") if callee is not None else None
            if prop is None or obj is None or ctx.text(prop) != "next" or not ctx.arg_nodes(call):
                continue
            if _subject(ctx, obj):
                out.append(ctx.this_text(obj))
    return list(dict.fromkeys(out))


def _subject(ctx: _FileAnalysis, obj: Node) -> bool:
    """Is `obj` a subject the file makes: a variable or a field set to a `new Subject()`?"""
    made = None
    if obj.type == "identifier":
        made = ctx.initial_value(obj)
    elif obj.type == "member_expression" and ctx.this_text(obj).startswith("this."):
        body = ctx._class_body(obj)
        prop = obj.child_by_field_name("property")
        made = ctx.field_value(body, ctx.text(prop)) if body is not None and prop is not None else None
    ctor = made.child_by_field_name("constructor") if made is not None and made.type == "new_expression" else None
    return ctor is not None and ctx.text(ctor) in _SUBJECTS


def handlers(ctx: _FileAnalysis, subject: str, scope: tuple[int, int]) -> list[Handler]:
    """The functions piped or subscribed to `subject` in `scope`, read as message handlers."""
    out: list[Handler] = []
    for what, entry, _ in ctx.attachments(subject, scope):
        out.extend(observed(ctx, what, entry)[0])
    return out


def observed(ctx: _FileAnalysis, what: str, entry: Node) -> tuple[list[Handler], list[Node]]:
    """The handlers of an observable's `subscribe(fn)` or `pipe(…)` call `entry` (`what`
    says which), and the functions subscribed (where the message may be relayed on): the
    operators' functions up to the first that changes the value, and a `subscribe` after a
    `pipe` of operators that pass values on (`.pipe(takeUntil(done$)).subscribe(fn)`)."""
    if what == "subscribe":
        return registrations.subscribed(ctx, entry), callback(ctx, entry)
    if what != "pipe":
        return [], []
    found = registrations.piped(ctx, entry)
    then = subscribed_after(ctx, entry)
    if then is None:
        return found, []
    return found + registrations.subscribed(ctx, then), callback(ctx, then)


# operators that pass each value on as it is
_PASSING = frozenset({"takeUntil", "takeUntilDestroyed", "filter", "tap", "debounceTime", "throttleTime",
                      "distinctUntilChanged", "share", "shareReplay", "observeOn", "delay", "retry",
                      "retryWhen", "repeat", "takeWhile", "skipWhile", "auditTime", "sampleTime"})


def callback(ctx: _FileAnalysis, subscribe: Node) -> list[Node]:
    """The function `subscribe(fn)` / `subscribe({ next: fn })` is given, as a list."""
    args = ctx.arg_nodes(subscribe)
    value = ctx.unwrap(args[0]) if args else None
    if value is not None and value.type == "object":
        value = ctx.object_field(value, "next")
    return [value] if value is not None else []


def subscribed_after(ctx: _FileAnalysis, pipe: Node) -> Node | None:
    """The `subscribe(…)` call made on what `pipe` gives, when each of its operators passes
    the values on as they are."""
    for a in ctx.arg_nodes(pipe):
        op = ctx.unwrap(a)
        fn = op.child_by_field_name("function") if op is not None and op.type == "call_expression" else None
        if fn is None or ctx.text(fn).rsplit(".", 1)[-1] not in _PASSING:
            return None
    member = ctx.parent(pipe)
    call = ctx.parent(member) if member is not None and member.type == "member_expression" else None
    prop = member.child_by_field_name("property") if member is not None else None
    if call is None or call.type != "call_expression" or prop is None or ctx.text(prop) != "subscribe":
        return None
    return call
