"""Factories: a function that returns an object of functions, the closure's answer to a class.

`const createFeed = (base) => ({ watch: ({ topic }) => openOne(base, topic), stop(c) { … } })`
makes one object per call, and its functions are what the rest of the app calls
(`feed.watch({ topic: 'orders' })` on `const feed = createFeed(apiBase())`). A parameter of such
a function is named after the factory and the property (`createFeed#watch`): the factory's
callers fill its own parameters, and the calls of that property on what it returned fill the
function's (`_values.called`). The linker follows the calls of the property on a module instance
of the factory into other functions and files (`_link`'s instance members), so a page calling a
hook that calls `feed.watch` is the connection, with the topic it gives.

Case folder: `tests/data/scan/factory_methods/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes._nodes import WRAPPING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._tree import FileTree


def returned_method(ctx: FileTree, fn: Node, pascal: bool = False) -> tuple[Node, str, str] | None:
    """(F, F's name, P) when anonymous function `fn` is property P of the object literal that
    named function F returns (`return { watch: (o) => … }`, `(base) => ({ watch(o) { … } })`);
    `pascal`: F may be named as a component is (`AppSocket($t)`)."""
    holder: Node | None = fn
    if fn.type == "method_definition":
        key_node = fn.child_by_field_name("name")
    else:
        holder = ctx.parent(fn)
        if holder is None or holder.type != "pair":
            return None
        value = holder.child_by_field_name("value")
        if value is None or (ctx.unwrap(value) or value).id != fn.id:
            return None
        key_node = holder.child_by_field_name("key")
    obj = ctx.parent(holder) if holder is not None else None
    if key_node is None or key_node.type not in ("property_identifier", "string") or obj is None or obj.type != "object":
        return None
    up = ctx.parent(obj)
    while up is not None and up.type in WRAPPING:
        up = ctx.parent(up)
    if up is None:
        return None
    if up.type == "return_statement":
        factory = ctx.enclosing_function(up)
    elif up.type == "arrow_function" and up.child_by_field_name("body") is not None:
        body = ctx.unwrap(up.child_by_field_name("body"))
        factory = up if body is not None and body.id == obj.id else None
    else:
        return None
    named = ctx.function_name(factory) if factory is not None else None
    if factory is None or named is None or named[1] == "class" or named[1] == "component" and not pascal:
        return None
    key = ctx.string_value(key_node) if key_node.type == "string" else ctx.text(key_node)
    return (factory, named[0], key) if key else None


def made_names(ctx: FileTree, constants: list[tuple[str, Node]]) -> set[str]:
    """The module variables that keep what a function call made (`const feed = createFeed(base)`):
    the calls of their functions may be a factory's (`feed.watch(…)`)."""
    out = set()
    for name, decl in constants:
        value = ctx.unwrap(decl.child_by_field_name("value"))
        callee = value.child_by_field_name("function") if value is not None and value.type == "call_expression" else None
        if callee is not None and callee.type == "identifier":
            out.add(name)
    return out
