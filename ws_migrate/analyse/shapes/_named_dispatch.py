"""Dispatch by a name built from the type: a method or a store action per message type.

```js
socket.onmessage = (event) => {
  const msg = JSON.parse(event.data);
  dispatch(`ws.${msg.name}`, msg);          // Vuex: the actions `'ws.ping'`, `'ws.resource.change'`
  const fn = this[`on_${msg.type}`];       // a class: the methods `on_tick`, `on_done`
  this['handle' + msg.kind]?.(msg);        // … `handleCreated`, `handleRemoved`
};
```

The name is a literal prefix and suffix around one field of the message; the types are what the
names the file spells out with that prefix and suffix put there: the methods of the class (or of
the Vue options object) for `this[…]`, the keys of the file's objects for `dispatch(…)`. A name
the file does not spell out (an action of another module) tells nothing.

Case folder: `tests/data/scan/named_dispatch/`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

Path = tuple[str, ...]


def built_name(ctx: _FileAnalysis, node: Node | None,
               path_of: Callable[[Node | None], Path | None]) -> tuple[str, str, Path] | None:
    """(prefix, suffix, path) when `node` is a name built around one field of the message:
    `` `on_${msg.type}` ``, `'handle' + msg.kind`, `` `ws.${msg.name}` ``; else None."""
    node = ctx.unwrap(node)
    if node is None:
        return None
    if node.type == "template_string":
        subs = [c for c in node.named_children if c.type == "template_substitution"]
        if len(subs) != 1 or not subs[0].named_children:
            return None
        path = path_of(subs[0].named_children[0])
        text = ctx.text(node)[1:-1]
        start = subs[0].start_byte - node.start_byte - 1
        end = subs[0].end_byte - node.start_byte - 1
        prefix, suffix = text[:start], text[end:]
    elif node.type == "binary_expression" and ctx.text(node.child_by_field_name("operator") or node) == "+":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        lt, rt = ctx.string_value(left), ctx.string_value(right)
        if lt is not None and rt is None:
            prefix, suffix, path = lt, "", path_of(right)
        elif rt is not None and lt is None:
            prefix, suffix, path = "", rt, path_of(left)
        else:
            return None
    else:
        return None
    if path is None or not path or path[0].startswith("\0") or "${" in prefix + suffix or not prefix + suffix:
        return None
    return prefix, suffix, path


def method_names(ctx: _FileAnalysis, at: Node) -> list[tuple[str, Node]]:
    """The methods of the class around `at` (or of the options object it is a method of)."""
    body = ctx._class_body(at)
    out: list[tuple[str, Node]] = []
    if body is not None:
        for m in body.named_children:
            n = m.child_by_field_name("name") if m.type == "method_definition" else None
            if n is None and m.type in ("public_field_definition", "field_definition"):
                v = m.child_by_field_name("value")
                n = (m.child_by_field_name("name") or m.child_by_field_name("property")) \
                    if v is not None and v.type in ("arrow_function", "function_expression") else None
            if n is not None:
                out.append((ctx.string_value(n) or ctx.text(n), n))
    return out


def object_keys(ctx: _FileAnalysis) -> list[tuple[str, Node]]:
    """The keys of the file's object literals that name functions (`'ws.ping'(ctx, msg) {…}`,
    `onTick: (m) => …`): the actions a `dispatch(name)` may reach."""
    out: list[tuple[str, Node]] = []
    for fn in ctx._nodes.get("fn", ()):
        holder = fn if fn.type == "method_definition" else ctx.parent(fn)
        if holder is None or holder.type not in ("method_definition", "pair"):
            continue
        obj = ctx.parent(holder)
        key = holder.child_by_field_name("name" if holder.type == "method_definition" else "key")
        if obj is None or obj.type != "object" or key is None:
            continue
        out.append((ctx.string_value(key) or ctx.text(key), key))
    return out


def matched(names: list[tuple[str, Node]], prefix: str, suffix: str) -> list[tuple[str, Node]]:
    """What the names with `prefix` and `suffix` put between them (the types), with the name's node."""
    out = []
    for name, node in names:
        if len(name) > len(prefix) + len(suffix) and name.startswith(prefix) and name.endswith(suffix):
            out.append((name[len(prefix):len(name) - len(suffix)], node))
    return out
