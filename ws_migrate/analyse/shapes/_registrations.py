"""Handlers registered per message type on what a socket or a wrapper gives back, and handlers
handed in.

```tsx
const { subscribe } = useSystemSocket(userId);
subscribe('zone_created', onZone);                    // a type, then its handler
alertsWS.on(MESSAGE_TYPES.ALARM, onAlarm);            // a constant (resolved when linked)
registerEventHandler('panel', ['a', 'b'], onEvent);   // several types at once
useChannel(productionWS, { production_update: fn });  // a table of handlers passed in
useTopicSocket('system', { onMessage: handle });      // a handler passed in
const { lastJsonMessage } = useWebSocket(url);        // the last message, read by the component
```

`type_args` reads the types a call names, `passed_in` the functions and tables it is given
(each function read as a message handler by `_messages`), `library_handlers` the handlers a
library opener is given in its options or hands back as its last message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse._model import Binding, Handler, TypeUse
from ws_migrate.analyse.shapes import _constants as constants
from ws_migrate.analyse.shapes import _handlers as handlers
from ws_migrate.analyse.shapes import _messages as messages
from ws_migrate.analyse.shapes import _stores as stores
from ws_migrate.analyse.shapes import _walked as walked
from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis
    from ws_migrate.analyse.shapes._libraries import Opener

# a name that reads as a constant: `MESSAGE_TYPES`, `EventType.X`, `Events.ZONE`
_CONSTANT = re.compile(r"^[A-Z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$")


def may_register(ctx: _FileAnalysis, call: Node) -> bool:
    """Could this call name message types in its arguments (cheap: no name is looked up)?"""
    args = ctx.arg_nodes(call)
    if not args:
        return False
    first = ctx.unwrap(args[0])
    if first is not None and (first.type == "string" or (
            first.type == "template_string" and not first.named_children)):
        return True
    if first is not None and first.type in ("member_expression", "identifier") and _CONSTANT.match(ctx.text(first)):
        return True
    if first is not None and first.type == "identifier" and len(args) > 1:  # `on(event, fn)`: a key, a parameter?
        # (not `source$.subscribe(next, error)`: an observable's)
        callee = call.child_by_field_name("function")
        method = ctx.text(callee).rsplit(".", 1)[-1] if callee is not None else ""
        return method != "subscribe" and walked.REGISTERS.match(method) is not None
    return any((a := ctx.unwrap(x)) is not None and a.type == "array" for x in args[:3])


def type_args(ctx: _FileAnalysis, call: Node) -> list[TypeUse]:
    """The message types a call names: its first argument (a literal or a constant), or an
    array of them among its first three."""
    args = ctx.arg_nodes(call)
    for a in args[:3]:
        a_ = ctx.unwrap(a)
        if a_ is not None and a_.type == "array":
            values = constants.literal_strings(ctx, a_)
            if values:
                return [TypeUse(text, ctx.pos(n), "register") for text, n in values]
    if not args:
        return []
    first = ctx.unwrap(args[0])
    if first is None:
        return []
    if first.type in ("member_expression", "identifier") and not _CONSTANT.match(ctx.text(first)):
        # a table's key walked around it, or a parameter its callers fill (`shapes/_walked`)
        return walked.registered_by_name(ctx, call, first)
    got = constants.value_of(ctx, first)
    if got is None or (not got[0] and got[1] is None):
        return []
    if got[0].startswith("/") or "://" in got[0]:
        return []  # a path (`stream.start('/api/gps')`): where it connects, no message type
    return [TypeUse(got[0], ctx.pos(first), "register", "", got[1])]


# arguments that are no function whatever they hold
_NOT_CALLABLE = frozenset(("string", "number", "template_string", "true", "false", "null", "undefined",
                           "array", "binary_expression", "unary_expression", "regex", "new_expression"))


def passed_in(ctx: _FileAnalysis, call: Node, kind: str
              ) -> tuple[tuple[tuple[int, tuple[str, ...], Handler], ...],
                         tuple[tuple[int, tuple[str, ...], tuple[TypeUse, ...]], ...]]:
    """The functions a call is given (read as message handlers) and its object-literal
    arguments of functions (their keys, in case the callee takes a table of handlers)."""
    if kind == "jsx":
        return (), ()
    found: list[tuple[int, tuple[str, ...], Handler]] = []
    tables: list[tuple[int, tuple[str, ...], tuple[TypeUse, ...]]] = []
    for i, a in enumerate(ctx.arg_nodes(call)):
        a_ = ctx.unwrap(a)
        if a_ is None:
            continue
        if a_.type == "object":
            _object(ctx, a_, i, (), found, tables, 0)
            continue
        if a_.type in _NOT_CALLABLE:
            continue
        if a_.type == "identifier" and (kept := constants._declared(ctx, a_)) is not None and kept.type == "object":
            _object(ctx, kept, i, (), [], tables, 0)  # a table kept in a `const` first: its keys
            continue
        h = _read(ctx, a_, a_)
        if h is not None:
            found.append((i, (), h))
    return tuple(found), tuple(tables)


def _object(ctx: _FileAnalysis, obj: Node, index: int, path: tuple[str, ...],
            found: list[tuple[int, tuple[str, ...], Handler]],
            tables: list[tuple[int, tuple[str, ...], tuple[TypeUse, ...]]], depth: int) -> None:
    keys: list[TypeUse] = []
    for c in obj.named_children:
        if c.type == "pair":
            k = c.child_by_field_name("key")
            v = ctx.unwrap(c.child_by_field_name("value"))
        elif c.type == "method_definition":
            k = c.child_by_field_name("name")
            v = c
        elif c.type == "shorthand_property_identifier":
            k = v = c
        else:
            continue
        if k is None or v is None:
            continue
        ref = None
        if k.type == "computed_property_name":
            got = constants.value_of(ctx, k.named_children[0] if k.named_children else None)
            key, ref = got if got is not None else ("", None)
        else:
            key = ctx.string_value(k) or ctx.text(k)
        if not key and ref is None:
            continue
        if v.type == "object" and depth < 1 and key:
            _object(ctx, v, index, path + (key,), found, tables, depth + 1)
            continue
        if v.type in FUNCTIONS or handlers.callable_function(ctx, v) is not None:
            # (an imported constant's key, `[ServerEvent.ADDED]: fn`, is resolved when linked)
            keys.append(TypeUse(key, ctx.pos(k), "table", "", ref))
            if not key:
                continue
            # an option the callee may call with messages (`onMessage`, `handler`): read; the
            # entries of a table keyed by type need only their keys
            h = _read(ctx, v, c) if handlers.HANDLER_NAME.search(key) else None
            if h is not None:
                found.append((index, path + (key,), h))
    if keys:
        tables.append((index, path, tuple(keys)))


def _read(ctx: _FileAnalysis, value: Node, entry: Node) -> Handler | None:
    """`value` read as a handler of the message it is given, when it reads the message at all."""
    if value.type not in FUNCTIONS and value.type != "call_expression" and handlers.callable_function(ctx, value) is None:
        return None  # not a function of this file: nothing to read
    target, fn, _ = handlers.handler_function(ctx, value)
    if fn is None:
        return None
    r = messages.read_handler(ctx, fn, "message")
    if not (r.uses or r.dispatch or r.hands or r.tables or r.parses or r.delegates or r.declared):
        return None
    return messages.to_handler(r, "message", "option", target, ctx.pos(entry))


def subscribed(ctx: _FileAnalysis, call: Node) -> list[Handler]:
    """`socket$.subscribe(fn)` / `.subscribe({ next: fn })` of an observable socket: `fn` gets
    each parsed message."""
    args = ctx.arg_nodes(call)
    if not args:
        return []
    value: Node | None = ctx.unwrap(args[0])
    if value is not None and value.type == "object":
        value = ctx.object_field(value, "next")
    if value is None:
        return []
    return [ctx.handler("message", call, value, None, "message")]


# operators whose function gets each value of the observable as it comes (a `map` changes what
# the operators after it get)
_OPERATORS = frozenset({"filter", "tap", "takeWhile", "skipWhile", "first", "find", "takeUntil"})
_TRANSFORMS = frozenset({"map", "mergeMap", "switchMap", "concatMap", "exhaustMap"})


def piped(ctx: _FileAnalysis, call: Node) -> list[Handler]:
    """`socket$.pipe(filter((m) => m.event === 'cpu'), map(…))` of an observable socket: the
    functions of the operators up to the first that changes the value get each parsed message."""
    out: list[Handler] = []
    for a in ctx.arg_nodes(call):
        op = ctx.unwrap(a)
        fn = op.child_by_field_name("function") if op is not None and op.type == "call_expression" else None
        name = ctx.text(fn).rsplit(".", 1)[-1] if fn is not None else ""
        if op is None or name not in _OPERATORS | _TRANSFORMS:
            break
        given = ctx.arg_nodes(op)
        value = ctx.unwrap(given[0]) if given else None
        if value is not None and value.type in FUNCTIONS:
            out.append(ctx.handler("message", call, value, None, "message"))
        if name in _TRANSFORMS:
            break
    return out


def library_handlers(ctx: _FileAnalysis, node: Node, opener: Opener, binding: Binding) -> list[Handler]:
    """The handlers a library opener is given in its options (`{ onMessage }`), and the code
    that reads the last message it hands back (`const { lastJsonMessage } = useWebSocket(…)`)."""
    out: list[Handler] = []
    args = ctx.arg_nodes(node)
    root: messages.Root = "message" if opener.parsed else ("second-event" if opener.event_arg == 1 else "event")
    if opener.options is not None and opener.options < len(args):
        options = args[opener.options]
        for key in opener.on_message:
            value = ctx.object_field(options, key)
            if value is None:
                continue
            values = value.named_children if value.type == "array" else [value]
            for v in values:
                entry = ctx.parent(v) or v
                out.append(ctx.handler("message", entry, v, None, root))
    if opener.listen and binding.kind in ("variable", "member", "ref"):
        # `bridge.listen((message, stream) => …)`: each parsed message, on what it is kept in
        scope = ctx.enclosing_function(node) or ctx.root
        for method, call in ctx._member_calls.get(binding.text, ()):
            if method in opener.listen and scope.start_byte <= call.start_byte < scope.end_byte:
                out.extend(subscribed(ctx, call))
    out.extend(last_message(ctx, node, binding, (opener,)))
    out.extend(stores.committed(ctx, node, opener, ctx.pos(node)))  # vue-native-websocket's mutation
    return out


def last_message(ctx: _FileAnalysis, node: Node, binding: Binding, openers: tuple[Opener, ...]) -> list[Handler]:
    """The code around `node` that reads the last message of what it destructures from a
    library opener (or from an app wrapper that hands one back): `lastJsonMessage.type`,
    `watch(data, (msg) => msg.event)`."""
    if binding.kind != "destructured":
        return []
    roots: dict[str, messages.Path] = {}
    for local, prop in zip(binding.names, binding.properties):
        for opener in openers:
            if prop in opener.last_message:
                roots[local] = ()
            elif prop in opener.ref_message:
                roots[local] = messages.REF
            elif prop in opener.raw_message:
                roots[local] = messages.EVENT
    scope = ctx.enclosing_function(node) or ctx.root
    if not roots:
        return []
    r = messages.read_handler(ctx, scope, roots=roots)
    if not (r.uses or r.dispatch or r.parses):
        return []
    return [messages.to_handler(r, "message", "result", f"result:{','.join(sorted(roots))}", ctx.pos(node))]


def derived_reads(ctx: _FileAnalysis) -> tuple[tuple[str, tuple[TypeUse, ...]], ...]:
    """`derived(socket, ($socket) => …)` (Svelte's stores): the callback gets the value of store
    `socket`, the last message when it is a socket's. The types it tells apart, per store."""
    out = []
    for call in ctx._calls_by_name.get("derived", ()):
        args = ctx.arg_nodes(call)
        store = ctx.unwrap(args[0]) if args else None
        fn = ctx.unwrap(args[1]) if len(args) > 1 else None
        if store is None or fn is None or store.type != "identifier" or fn.type not in FUNCTIONS:
            continue
        r = messages.read_handler(ctx, fn, "message")
        if r.uses:
            out.append((ctx.text(store), tuple(sorted(set(r.uses), key=lambda u: (u.pos.start, u.type)))))
    return tuple(out)


def store_reads(ctx: _FileAnalysis) -> tuple[tuple[str, tuple[TypeUse, ...]], ...]:
    """In a Svelte component, `$socket` is the value of the imported store `socket`: when that
    store is a socket's, the message it last got. The types the script tells apart in each."""
    out = []
    for name in sorted(ctx._imports):
        if f"${name}".encode() not in ctx.src:
            continue
        r = messages.read_handler(ctx, ctx.root, roots={f"${name}": ()})
        if r.uses:
            out.append((name, tuple(sorted(set(r.uses), key=lambda u: (u.pos.start, u.type)))))
    return tuple(out)
