"""Type values spelled as constants: literals, `const` objects, TS enums, arrays and sets of names.

```ts
export const MESSAGE_TYPES = { AUTH_OK: 'auth_ok', ZONE: 'zone_created' } as const;
export enum EventType { SYSTEM_STATUS = 'system_status' }
const QUIET = new Set(['heartbeat', 'pong']);
```

`value_of` gives the wire value a node names (`MESSAGE_TYPES.AUTH_OK` is `auth_ok`), or a `Ref`
to resolve when files are linked, for a name this file imports. `table_keys` and
`literal_strings` give the keys of a handler table and the members of an array or set the file
spells out. Numeric enums and computed values are no names: they give nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse._values import Lit, Obj, Ref, Template

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis


def value_of(ctx: _FileAnalysis, node: Node | None) -> tuple[str, Ref | None] | None:
    """(wire value, None) for a literal or a constant of this file; ("", ref) for an imported
    constant; None for anything else."""
    node = ctx.unwrap(node)
    if node is None:
        return None
    text = ctx.string_value(node)
    if text is not None:
        return text, None
    if node.type not in ("identifier", "member_expression", "subscript_expression"):
        return None
    if node.type == "identifier" and ctx.assignments_of(ctx.text(node)):
        return None  # a variable the code changes (`let count = 0; … count += 1`) is no constant
    member = _enum_member(ctx, node)
    if member is not None:
        return member
    value = ctx.evaluate(node)
    if isinstance(value, Template) and value.parts and all(isinstance(p, Lit) for p in value.parts):
        return "".join(p.text for p in value.parts), None  # type: ignore[union-attr]
    if isinstance(value, Ref):
        return "", value
    return None


def _enum_member(ctx: _FileAnalysis, node: Node) -> tuple[str, None] | None:
    """(wire value, None) for `Kind.MEMBER` of a string enum this file declares in scope
    (`enum Kind { STATUS_UPDATE = 'status_update' }`); another file's is a `Ref`."""
    if node.type != "member_expression":
        return None
    obj = ctx.unwrap(node.child_by_field_name("object"))
    prop = node.child_by_field_name("property")
    if obj is None or prop is None or obj.type != "identifier":
        return None
    name = ctx.text(obj)
    if ctx.lang not in ("typescript", "tsx") or b"enum " not in ctx.src or name in ctx._imports \
            or ctx.resolve_scope_of(name, obj) is not None:  # (a variable of that name hides it)
        return None
    decl = next((d for d in ctx.subtree(ctx.root, "enum_declaration")
                 if (n := d.child_by_field_name("name")) is not None and ctx.text(n) == name), None)
    if decl is None:
        return None
    for key, value in enum_value(ctx, decl).fields:
        if key == ctx.text(prop) and isinstance(value, Template):
            return "".join(p.text for p in value.parts if isinstance(p, Lit)), None
    return None


def _declared(ctx: _FileAnalysis, node: Node | None) -> Node | None:
    """What `node` is, looking through a name to the value it is declared with (in scope), or a
    `this.x` to the class field."""
    node = ctx.unwrap(node)
    if node is None:
        return None
    if node.type == "identifier":
        scope = ctx.resolve_scope_of(ctx.text(node), node)
        if scope is None:
            return None
        d = ctx._declaration_in(scope, ctx.text(node), node.start_byte)
        if d is not None and d.type == "variable_declarator":
            return _through_freeze(ctx, ctx.unwrap(d.child_by_field_name("value")))
        if d is not None and d.type == "enum_declaration":
            return d
        return None
    if node.type == "member_expression" and ctx.text(node).startswith("this."):
        cls = ctx._class_body(node)
        for member in cls.named_children if cls is not None else ():
            if member.type in ("public_field_definition", "field_definition"):
                n = member.child_by_field_name("name") or member.child_by_field_name("property")
                if n is not None and f"this.{ctx.text(n)}" == ctx.text(node):
                    return _through_freeze(ctx, ctx.unwrap(member.child_by_field_name("value")))
    return node


def _through_freeze(ctx: _FileAnalysis, node: Node | None) -> Node | None:
    """`Object.freeze({...})` is its argument."""
    if node is not None and node.type == "call_expression":
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is not None and ctx.text(fn) == "Object.freeze" and args is not None and args.named_children:
            return ctx.unwrap(args.named_children[0])
    return node


def object_keys(ctx: _FileAnalysis, value: Node) -> list[tuple[str, Ref | None, Node]]:
    """(text, ref, key node) of each key of object literal `value`: a literal, a constant's
    value, or ("", Ref) for a constant another file holds (`[SocketEvent.STATUS]: onStatus`)."""
    out: list[tuple[str, Ref | None, Node]] = []
    for c in value.named_children:
        key: Node | None = None
        if c.type in ("pair", "method_definition"):
            key = c.child_by_field_name("key") if c.type == "pair" else c.child_by_field_name("name")
        elif c.type == "shorthand_property_identifier":
            key = c
        if key is None:
            continue
        if key.type == "computed_property_name":
            got = value_of(ctx, key.named_children[0] if key.named_children else None)
            if got is not None and (got[0] or got[1] is not None):
                out.append((got[0], got[1], key))
            continue
        out.append((ctx.string_value(key) or ctx.text(key), None, key))
    return out


def table_keys(ctx: _FileAnalysis, table: Node | None) -> list[tuple[str, Node]]:
    """The keys of a handler table this file spells out: an object literal (computed keys from
    constants too) or a `new Map([[k, fn], …])`, directly or through the name it is kept in."""
    value = _declared(ctx, table)
    out: list[tuple[str, Node]] = []
    if value is None:
        return out
    if value.type == "object":
        out.extend((text, key) for text, _, key in object_keys(ctx, value) if text)
    elif value.type == "new_expression":
        args = value.child_by_field_name("arguments")
        arr = ctx.unwrap(args.named_children[0]) if args is not None and args.named_children else None
        for entry in arr.named_children if arr is not None and arr.type == "array" else ():
            if entry.type == "array" and entry.named_children:
                got = value_of(ctx, entry.named_children[0])
                if got is not None and got[0]:
                    out.append((got[0], entry.named_children[0]))
    return out


# what gives a text to show: `t('…')`, `i18n.t(…)`, `gettext(…)`, `$localize` (tagged)
_TRANSLATORS = re.compile(r"(?:^|\.)(?:t|\$t|_|__|tr|translate|gettext|ngettext|pgettext|\$localize|localize|"
                          r"formatMessage|intl)$")
_DATA = frozenset({"string", "template_string", "number", "true", "false", "null"})


def text_table(ctx: _FileAnalysis, table: Node | None) -> bool:
    """Is `table` (spelled out in this file) one of texts or numbers only, `{ new_file:
    $localize`Received new file.`, … }`: what a value is shown as, not what handles it? A
    table of functions, names or objects is none."""
    value = _declared(ctx, table)
    values: list[Node | None] = []
    if value is not None and value.type == "object":
        for c in value.named_children:
            if c.type == "comment":
                continue
            if c.type != "pair":
                return False  # a method, a shorthand name, a spread
            values.append(c.child_by_field_name("value"))
    elif value is not None and value.type == "new_expression":
        args = value.child_by_field_name("arguments")
        arr = ctx.unwrap(args.named_children[0]) if args is not None and args.named_children else None
        for entry in arr.named_children if arr is not None and arr.type == "array" else ():
            parts = [p for p in entry.named_children if p.type != "comment"] if entry.type == "array" else []
            values.append(parts[1] if len(parts) == 2 else None)
    return bool(values) and all(_text(ctx, v) for v in values)


def _text(ctx: _FileAnalysis, node: Node | None) -> bool:
    node = ctx.unwrap(node)
    if node is None:
        return False
    if node.type in _DATA or node.type == "unary_expression" and ctx.text(node).lstrip("-+").isdigit():
        return True
    if node.type == "call_expression":  # a translated text
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        return fn is not None and args is not None and (
            args.type == "template_string" or _TRANSLATORS.search(ctx.text(fn)) is not None)
    return False


def literal_strings(ctx: _FileAnalysis, node: Node | None) -> list[tuple[str, Node]]:
    """The names of an array or `new Set([...])` this file spells out."""
    value = _declared(ctx, node)
    if value is not None and value.type == "new_expression":
        ctor = value.child_by_field_name("constructor")
        args = value.child_by_field_name("arguments")
        if ctor is None or ctx.text(ctor) != "Set" or args is None or not args.named_children:
            return []
        value = _declared(ctx, args.named_children[0])
    if value is None or value.type != "array":
        return []
    out = []
    for element in value.named_children:
        got = value_of(ctx, element)
        if got is not None and got[0]:
            out.append((got[0], element))
    return out


def enum_value(ctx: _FileAnalysis, decl: Node) -> Obj:
    """A TS enum's string members, as an object."""
    body = decl.child_by_field_name("body")
    fields = []
    for member in body.named_children if body is not None else ():
        if member.type == "enum_assignment":
            name = member.child_by_field_name("name")
            value = member.child_by_field_name("value")
            text = ctx.string_value(value)
            if name is not None and text is not None:
                fields.append((ctx.string_value(name) or ctx.text(name), Template((Lit(text),))))
    return Obj(tuple(fields))
