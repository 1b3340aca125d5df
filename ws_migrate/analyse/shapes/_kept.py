"""A socket kept in a keyed field of `this`, reached through the object's methods.

```js
// WebSocketMixin.vue: one socket per label, kept by label
created () {
  for (const label of this.sockets) {
    const bridge = new WebSocketBridge(); bridge.connect(`/ws/${label}/`)
    this.$set(this.bridges, label, bridge)             // kept: `this.bridges[label]`
  }
},
methods: {
  sendToSocket (label, payload) { this.bridges[label].send(payload) },   // sends on the label's
}
// a component mixing it in (or mixing in a mixin of it)
this.sendToSocket('checkins', payload)                 // sends on its `checkins` connection
this.$store.commit('setBridge', this.bridges.debates)  // hands one on: who sends is not seen
```

Keeping the socket so (`this.$set(this.F, k, s)`, `Vue.set(…)`, `this.F[k] = s`) is not
handing it on: what reaches it is read where `this.F[…]` is used. A method of the object that
sends on `this.F[p]`, `p` one of its parameters, sends on the connection whose label the
caller's argument names (on all of them when it cannot be told); `this.F[k]` passed to a call,
returned or stored hands that socket on (the one `k` names, or all). The uses are recorded per options object (or class
body) as `FieldUse`s, the socket's own on its site, each component's on its `mixins:` entries,
and the linker puts them together along the chain of mixins (`_link`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse._model import FieldUse, Site
from ws_migrate.analyse._values import Lit, Template, Unknown, Value
from ws_migrate.analyse.shapes._escapes import handed_on, keyed_field, this_like

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

_MAX_CALLS = 32  # `this.m(…)` calls kept per object: enough for a component's senders


def kept_in(ctx: _FileAnalysis, targets: list[str], scope: tuple[int, int]) -> str:
    """The field of `this` the socket named `targets` is kept in by key (`bridges` of
    `this.$set(this.bridges, label, bridge)`), or ""."""
    for target in targets:
        for start in ctx.word_starts(target):
            if not scope[0] <= start < scope[1]:
                continue
            use = ctx.root.descendant_for_byte_range(start, start + len(target))
            if use is not None and use.type == "identifier" and (field := keyed_field(ctx, use)):
                return field
    return ""


def holder_of(ctx: _FileAnalysis, node: Node) -> Node | None:
    """The options object or class body around `node`, whose `this` it uses."""
    from ws_migrate.analyse.shapes._options import options_name

    p = ctx.parent(node)
    while p is not None:
        if p.type == "class_body" or p.type == "object" and options_name(ctx, p):
            return p
        p = ctx.parent(p)
    return None


def field_uses(ctx: _FileAnalysis, holder: Node, field: str = "") -> tuple[FieldUse, ...]:
    """In options object (or class body) `holder`: the sends on `this.F[k]` and the places it
    is handed on (only F = `field` when given), and, when `field` is "", the calls of `this`'s
    methods with their arguments (a component's uses of what its mixins give it)."""
    if b"this" not in ctx.src[holder.start_byte:holder.end_byte]:
        return ()
    out: list[FieldUse] = []
    calls = 0
    for node in ctx.descendants(holder):
        if node.type == "subscript_expression":
            use = _field_use(ctx, node, field)
            if use is not None:
                out.append(use)
        elif not field and node.type == "call_expression" and calls < _MAX_CALLS:
            fn = node.child_by_field_name("function")
            obj = fn.child_by_field_name("object") if fn is not None and fn.type == "member_expression" else None
            prop = fn.child_by_field_name("property") if fn is not None and fn.type == "member_expression" else None
            if obj is None or prop is None or not this_like(ctx, obj):
                continue
            calls += 1
            out.append(FieldUse("call", ctx.text(prop), node.start_point[0] + 1,
                                args=tuple(_label(ctx, a) for a in ctx.arg_nodes(node))))
    return tuple(out)


def _field_use(ctx: _FileAnalysis, node: Node, field: str) -> FieldUse | None:
    """A send on, or a handing on of, `this.F[k]` (`node`), or None."""
    obj = node.child_by_field_name("object")
    prop = obj.child_by_field_name("property") if obj is not None and obj.type == "member_expression" else None
    base = obj.child_by_field_name("object") if obj is not None and obj.type == "member_expression" else None
    if prop is None or base is None or not this_like(ctx, base) or field and ctx.text(prop) != field:
        return None
    name = ctx.text(prop)
    line = node.start_point[0] + 1
    key = node.child_by_field_name("index")
    parent = ctx.parent(node)
    if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
        method = parent.child_by_field_name("property")
        if method is None or not ctx.text(method).startswith("send"):
            return None  # `this.bridges[label].close()`, `.socket.addEventListener(…)`
        fn, param = _param_of(ctx, node, key)
        return FieldUse("send", name, line, method=fn, param=param,
                        args=(_label(ctx, key),) if key is not None else ())
    if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("left") == node:
        return None  # kept there (`this.bridges[label] = bridge`)
    if not handed_on(ctx, node):
        return None
    return FieldUse("hand", name, line, args=(_label(ctx, key),) if key is not None else ())


def _param_of(ctx: _FileAnalysis, node: Node, key: Node | None) -> tuple[str, int]:
    """The method around `node` and which of its parameters `key` is (-1: none)."""
    fn = ctx.enclosing_function(node)
    while fn is not None and ctx.function_name(fn) is None:
        fn = ctx.enclosing_function(fn)
    named = ctx.function_name(fn) if fn is not None else None
    method = named[0].split(".")[-1] if named is not None else ""
    if fn is None or key is None or key.type != "identifier":
        return method, -1
    name = ctx.text(key)
    return method, next((i for i, path, local, _ in ctx.params(fn) if local == name and not path), -1)


def _label(ctx: _FileAnalysis, node: Node | None) -> Value:
    """A label as the code spells it: a string literal evaluated, anything else unknown."""
    if node is not None and node.type in ("string", "template_string"):
        return ctx.evaluate(node)
    return Unknown("")


def sends_and_escapes(origin_file: str, origin: Site, chain: list[tuple[str, Site]], url: str,
                      mixed: bool) -> tuple[tuple[str, int] | None, tuple[str, int] | None]:
    """Where a connection through socket `origin`, kept by key in `this.<origin.kept_in>`, is
    first sent on and first handed on (file, line), or None. `chain`: the `mixins:` entries
    from the component to the socket's mixin (`mixed`: the socket's object is mixed in, its
    methods called by them); `url`: the connection's URL (`{name}` for run-time parts), whose
    path segments a label names."""
    field = origin.kept_in
    senders = {u.method: u.param for u in origin.field_uses if u.how == "send" and u.param >= 0 and u.method}
    sends: list[tuple[str, int]] = []
    hands: list[tuple[str, int]] = []
    for u in origin.field_uses:
        if u.how == "hand" and _names(u.args[:1], url):
            hands.append((origin_file, u.line))
        elif u.how == "send" and (not mixed or u.param < 0) and _names(u.args[:1], url):
            sends.append((origin_file, u.line))  # not a method its mixers call with the label
    for rel, site in chain if mixed else ():
        for u in site.field_uses:
            if u.how == "call" and u.name in senders:
                at = senders[u.name]
                if _names(u.args[at:at + 1], url):
                    sends.append((rel, u.line))
            elif u.how == "send" and u.name == field and _names(u.args[:1], url):
                sends.append((rel, u.line))
            elif u.how == "hand" and u.name == field and _names(u.args[:1], url):
                hands.append((rel, u.line))
    return (sends[0] if sends else None), (hands[0] if hands else None)


def _names(key: tuple[Value, ...], url: str) -> bool:
    """May the label `key` (one value, or none: unknown) be that of the connection at `url`?"""
    value = key[0] if key else Unknown("")
    parts = value.parts if isinstance(value, Template) else (value,)
    text = "".join(p.text for p in parts if isinstance(p, Lit)) if all(isinstance(p, Lit) for p in parts) else None
    if text is None or not text.strip("/"):
        return True  # cannot be told: every connection
    segments = [s for s in url.split("?")[0].split("/") if s]
    return text.strip("/") in segments or f"/{text.strip('/')}/" in f"{url.split('?')[0]}/"
