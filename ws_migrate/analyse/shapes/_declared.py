"""Message types a TypeScript type declares: the contract the handler reads the message by.

```ts
interface ChangeFrame { change: "inserted" | "patched" | "dropped"; row: Row }
type ServerMessage = { type: "hello" } | { type: "tick"; n: number } | Ack;
socket.onmessage = (event: MessageEvent<string>) => {
  const frame: ChangeFrame = JSON.parse(event.data);      // or `JSON.parse(…) as ChangeFrame`
  if (frame.change === "dropped") …
};
```

The handler above compares `change` with one value, but the type it parses the message as
names all three: each is a message type on the wire. A file's top-level interfaces and type
aliases give `declared_types` rows (type, property, value, where) for each property whose type
is a string literal or a union of them, through unions and other types of the same file; a
handler names the types it reads its message as (`annotation_name`), and the linker takes the
rows of the property that is the connection's discriminator (the field compared, else the
configured one), wherever the type is declared. The declared values never choose the field.

Case folder: `tests/data/scan/factory_methods/` (a frame type beside the handler) and
`tests/data/scan/declared_types/` (an imported union).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._model import Pos
    from ws_migrate.analyse._tree import FileTree

Row = tuple[str, str, str, "Pos"]  # (type name, property, value, where the value is written)
_MAX_DEPTH = 6


def declared_types(ctx: FileTree) -> tuple[Row, ...]:
    """The string-literal properties of the file's top-level interfaces and type aliases."""
    decls: dict[str, Node] = {}
    for top in ctx.root.named_children:
        node = top.child_by_field_name("declaration") if top.type == "export_statement" else top
        if node is not None and node.type in ("interface_declaration", "type_alias_declaration"):
            name_node = node.child_by_field_name("name")
            if name_node is not None:
                decls.setdefault(ctx.text(name_node), node)
    out: list[Row] = []
    for name, node in decls.items():
        body = node.child_by_field_name("body") if node.type == "interface_declaration" else node.child_by_field_name("value")
        seen: set[tuple[str, str]] = set()
        for prop, text, pos in _members(ctx, body, decls, 0):
            if (prop, text) not in seen:
                seen.add((prop, text))
                out.append((name, prop, text, pos))
    return tuple(out)


def _members(ctx: FileTree, t: Node | None, decls: dict[str, Node], depth: int) -> list[tuple[str, str, Pos]]:
    """(property, value, where) of object type `t`, or of each object type a union of it names
    (a union of thousands is a tree that deep: walked with a stack; `depth` counts the names
    followed to other types)."""
    out = []
    for part in _flat(t, ("union_type", "parenthesized_type", "intersection_type")):
        if part.type == "type_identifier" and depth < _MAX_DEPTH:
            ref = decls.get(ctx.text(part))
            if ref is not None:
                inner = ref.child_by_field_name("body") if ref.type == "interface_declaration" \
                    else ref.child_by_field_name("value")
                out.extend(_members(ctx, inner, decls, depth + 1))
        elif part.type in ("object_type", "interface_body"):
            out.extend(_properties(ctx, part))
    return out


def _flat(t: Node | None, kinds: tuple[str, ...]) -> list[Node]:
    """The parts of `t` that are not of `kinds` (unions, parentheses), in order, with no recursion."""
    out: list[Node] = []
    stack = [t] if t is not None else []
    while stack:
        n = stack.pop()
        if n.type in kinds:
            stack.extend(reversed(n.named_children))
        else:
            out.append(n)
    return out


def _properties(ctx: FileTree, t: Node) -> list[tuple[str, str, Pos]]:
    """(property, value, where) of the string-literal properties of object type `t`."""
    out = []
    for sig in t.named_children:
        if sig.type != "property_signature":
            continue
        name = sig.child_by_field_name("name")
        ann = sig.child_by_field_name("type")
        if name is None or ann is None or name.type != "property_identifier":
            continue
        for lit in _literals(ann.named_children[0] if ann.named_children else None):
            text = ctx.string_value(lit)
            if text:
                out.append((ctx.text(name), text, ctx.pos(lit)))
    return out


def _literals(t: Node | None) -> list[Node]:
    """The string nodes of a literal type or a union of literal types (else none)."""
    parts = [p for p in _flat(t, ("union_type", "parenthesized_type")) if not _nothing(p)]
    strings = [p.named_children[0] for p in parts if p.type == "literal_type" and p.named_children]
    if not parts or len(strings) != len(parts) or any(s.type != "string" for s in strings):
        return []  # `'a' | number`, `string`: not a list of names (`| null` and `| undefined` aside)
    return strings


def _nothing(t: Node) -> bool:
    """`null`, `undefined`: no value a message type can be (`type: 'a' | null`)."""
    inner = t.named_children[0] if t.type == "literal_type" and t.named_children else t
    return inner.type in ("null", "undefined") or (t.type == "predefined_type" and t.text in (b"undefined", b"null"))


def annotation_name(ctx: FileTree, node: Node | None, event: bool = False) -> str | None:
    """The type a value is declared as, when it is a plain name: `: ChangeFrame`, `as Msg`;
    for the `event` a socket handler receives, the message type of `MessageEvent<Msg>`."""
    if node is None:
        return None
    t = node.named_children[0] if node.type == "type_annotation" and node.named_children else node
    if t.type == "union_type":  # `Session | null`, `T | undefined`: a `T` once it is set
        kept = [m for m in _union_members(t) if ctx.text(m) not in ("null", "undefined")]
        if len(kept) != 1:
            return None
        t = kept[0]
    if event and t.type != "generic_type":
        return None
    if t.type == "generic_type":
        name = t.child_by_field_name("name")
        args = t.child_by_field_name("type_arguments")
        if name is None or ctx.text(name) != "MessageEvent" or args is None or not args.named_children:
            return None
        t = args.named_children[0]
    return ctx.text(t) if t.type == "type_identifier" else None


def _union_members(union: Node) -> list[Node]:
    """The members of a union type, nested unions flattened (`A | null | undefined`)."""
    out: list[Node] = []
    stack = [union]
    while stack:
        n = stack.pop()
        if n.type == "union_type":
            stack.extend(reversed(n.named_children))
        else:
            out.append(n)
    return out


def property_type(ctx: FileTree, t: Node, prop: str) -> str | None:
    """The type of property `prop` of object type `t` (`{ rooms: RoomService }`), when a name."""
    if t.type != "object_type":
        return None
    for sig in t.named_children:
        name = sig.child_by_field_name("name") if sig.type == "property_signature" else None
        if name is not None and ctx.text(name) == prop:
            return annotation_name(ctx, sig.child_by_field_name("type"))
    return None
