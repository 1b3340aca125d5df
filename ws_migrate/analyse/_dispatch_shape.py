"""Transform: a legacy message handler becomes one `websocketService.on(EventType.X, …)` per type.

What it does: reads the handler's type dispatch — an if/else-if chain or a `switch` on
`msg.type` after `const msg = JSON.parse(event.data)` (or `const { type, payload } = …`) — and
returns, per legacy message type, the branch body with `msg.payload` replaced by the new
handler's parameter. A handler that uses the whole message becomes one handler for the
endpoint's `default_event`, the parsed message being its parameter.

Why: the unified service routes by EventType; the payload is the event's data.

Refuses (the connection stays manual): a final `else`/`default` with code (it handles types the
rules cannot name), a branch that reads the message beyond its payload, the event used for
anything but `JSON.parse(event.data)`, fall-through with code, multi-line template literals in a
moved body (re-indenting would change the string).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ws_migrate.analyse._effect_shape import NotCertain, Source, _unwrap

if TYPE_CHECKING:
    from tree_sitter import Node


@dataclass(frozen=True)
class Branch:
    """One arm of a handler's dispatch on the message type, as source to move into a typed
    handler."""

    types: tuple[str, ...]  # legacy message types this body handles
    body: str  # re-indentable source of the body's statements
    param: str  # name of the handler parameter the body reads


@dataclass(frozen=True)
class Dispatch:
    """A message handler split by legacy message type (`switch`, `if` chains), or one for the
    whole message."""

    branches: tuple[Branch, ...]
    whole: bool  # one handler for the whole message (default_event)


def read_dispatch(src: Source, fn: Node, type_field: str, payload_field: str) -> Dispatch:
    event = _single_param(src, fn)
    body = fn.child_by_field_name("body")
    if body is None:
        raise NotCertain("the message handler has no body")
    if body.type != "statement_block":
        return _whole(src, fn, body, event, None, payload_field)
    stmts = [s for s in body.named_children if s.type != "comment"]
    parsed = _parse_statement(src, stmts[0], event) if stmts else None
    dispatching = [s for s in stmts if s.type in ("if_statement", "switch_statement")]
    if parsed is not None and dispatching and stmts[-1] not in dispatching:
        raise NotCertain("the handler does more after dispatching on the message type")
    if parsed is not None and len(stmts) >= 2 and stmts[-1].type in ("if_statement", "switch_statement"):
        target, pattern = parsed
        # statements between the parse and the dispatch run for every type: each handler gets them
        prelude = stmts[1:-1]
        for p in prelude:
            if (target and src.identifiers(p, target)) or (event and src.identifiers(p, event)) or \
                    (pattern and any(src.identifiers(p, v) for v in pattern.values())):
                raise NotCertain("a statement before the type dispatch reads the message")
        stmts = [stmts[0], stmts[-1]]
        if pattern is None:  # const msg = JSON.parse(event.data)
            is_type = lambda n: _member_of(src, n, target, type_field)
            param, replace_from = payload_field, target
        else:  # const { type, payload } = JSON.parse(event.data)
            local_type = pattern.get(type_field)
            param = pattern.get(payload_field, payload_field)
            if local_type is None or set(pattern) - {type_field, payload_field}:
                raise NotCertain("the message is destructured into more than its type and payload")
            is_type = lambda n: n is not None and n.type == "identifier" and src.text(n) == local_type
            replace_from = None
        branches = (_if_chain(src, stmts[1], is_type) if stmts[1].type == "if_statement"
                    else _switch(src, stmts[1], is_type))
        lead = ""
        if prelude:
            indent = src.indent_of(prelude[0])
            raw = src.data[prelude[0].start_byte:prelude[-1].end_byte].decode("utf-8", "surrogateescape")
            if any(n.type == "template_string" and "\n" in src.text(n) for p in prelude for n in Source.walk(p)):
                raise NotCertain("a statement before the dispatch holds a multi-line template literal")
            lead = _dedent(indent + raw, indent) + "\n"
        out = []
        for types, block in branches:
            text = _body_text(src, block, replace_from, payload_field, param)
            out.append(Branch(types, lead + text, param))
        if event is not None and src.identifiers(stmts[1], event):
            raise NotCertain("a branch reads the socket event itself")
        return Dispatch(tuple(out), whole=False)
    return _whole(src, fn, body, event, stmts, payload_field)


def _single_param(src: Source, fn: Node) -> str | None:
    single = fn.child_by_field_name("parameter")
    if single is not None:
        return src.text(single)
    params = fn.child_by_field_name("parameters")
    names = [p for p in params.named_children if p.type != "comment"] if params is not None else []
    if not names:
        return None
    if len(names) > 1:
        raise NotCertain("the message handler takes more than one parameter")
    p = names[0]
    pattern = p.child_by_field_name("pattern") if p.type in ("required_parameter", "optional_parameter") else p
    if pattern is None or pattern.type != "identifier":
        raise NotCertain("the message handler's parameter is destructured")
    return src.text(pattern)


def _is_parse_of_event(src: Source, node: Node | None, event: str | None) -> bool:
    node = _unwrap(node)
    if node is None or node.type != "call_expression" or event is None:
        return False
    fn = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    return (fn is not None and src.text(fn) == "JSON.parse" and args is not None
            and len(args.named_children) == 1 and src.text(args.named_children[0]) == f"{event}.data")


def _parse_statement(src: Source, stmt: Node, event: str | None
                     ) -> tuple[str, dict[str, str] | None] | None:
    """`const msg = JSON.parse(e.data)` → ('msg', None); `const {type, payload} = …` → ('', {…})."""
    if stmt.type != "lexical_declaration" or len(stmt.named_children) != 1:
        return None
    d = stmt.named_children[0]
    name = d.child_by_field_name("name")
    if not _is_parse_of_event(src, d.child_by_field_name("value"), event) or name is None:
        return None
    if name.type == "identifier":
        return src.text(name), None
    if name.type == "object_pattern":
        pattern: dict[str, str] = {}
        for c in name.named_children:
            if c.type == "shorthand_property_identifier_pattern":
                pattern[src.text(c)] = src.text(c)
            elif c.type == "pair_pattern":
                k, v = c.child_by_field_name("key"), c.child_by_field_name("value")
                if k is None or v is None or v.type != "identifier":
                    raise NotCertain("the message is destructured with defaults or nesting")
                pattern[src.text(k)] = src.text(v)
            else:
                raise NotCertain("the message is destructured with defaults or rest")
        return "", pattern
    return None


def _member_of(src: Source, node: Node | None, target: str, field: str) -> bool:
    node = _unwrap(node)
    if node is None:
        return False
    obj = node.child_by_field_name("object")
    if obj is None or src.text(obj) != target:
        return False
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return prop is not None and src.text(prop) == field
    if node.type == "subscript_expression":
        index = node.child_by_field_name("index")
        return index is not None and src.text(index)[1:-1] == field and index.type == "string"
    return False


def _string(src: Source, node: Node | None) -> str | None:
    node = _unwrap(node)
    if node is None or node.type != "string":
        return None
    return src.text(node)[1:-1]


def _if_chain(src: Source, stmt: Node, is_type) -> list[tuple[tuple[str, ...], Node]]:  # type: ignore[no-untyped-def]
    out: list[tuple[tuple[str, ...], Node]] = []
    node: Node | None = stmt
    while node is not None:
        cond = _unwrap(node.child_by_field_name("condition"))
        t = _compared_type(src, cond, is_type)
        if t is None:
            raise NotCertain("an `if` of the handler does not compare the message type to a literal")
        block = node.child_by_field_name("consequence")
        if block is None:
            raise NotCertain("an `if` without a body")
        out.append(((t,), block))
        alt = node.child_by_field_name("alternative")
        if alt is None:
            break
        inner = [c for c in alt.named_children if c.type != "comment"]
        if len(inner) == 1 and inner[0].type == "if_statement":
            node = inner[0]
        else:
            raise NotCertain("a final `else` handles message types the rules cannot name")
    return out


def _compared_type(src: Source, cond: Node | None, is_type) -> str | None:  # type: ignore[no-untyped-def]
    if cond is None or cond.type != "binary_expression":
        return None
    op = cond.child_by_field_name("operator")
    if op is None or src.text(op) not in ("===", "=="):
        return None
    left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    if is_type(left) and _string(src, right) is not None:
        return _string(src, right)
    if is_type(right) and _string(src, left) is not None:
        return _string(src, left)
    return None


def _switch(src: Source, stmt: Node, is_type) -> list[tuple[tuple[str, ...], Node]]:  # type: ignore[no-untyped-def]
    value = _unwrap(stmt.child_by_field_name("value"))
    if not is_type(value):
        raise NotCertain("the `switch` is not on the message type")
    body = stmt.child_by_field_name("body")
    out: list[tuple[tuple[str, ...], Node]] = []
    pending: list[str] = []
    for case in body.named_children if body is not None else ():
        if case.type == "comment":
            continue
        statements = [c for c in case.named_children if c != case.child_by_field_name("value") and c.type != "comment"]
        if case.type == "switch_default":
            if any(s.type != "break_statement" for s in statements):
                raise NotCertain("`default:` handles message types the rules cannot name")
            continue
        t = _string(src, case.child_by_field_name("value"))
        if t is None:
            raise NotCertain("a `case` label is not a string literal")
        pending.append(t)
        if not statements:
            continue  # `case 'a': case 'b': …` share the next body
        if statements[-1].type != "break_statement" and statements[-1].type != "return_statement":
            raise NotCertain("a `case` falls through to the next one")
        out.append((tuple(pending), case))
        pending = []
    if pending:
        raise NotCertain("a `case` label has no body")
    return out


def _body_text(src: Source, block: Node, target: str | None, payload_field: str, param: str) -> str:
    """The statements of a branch (block, single statement or `case`), `msg.payload` → `param`."""
    if block.type == "statement_block":
        stmts = [c for c in block.named_children]
    elif block.type == "switch_case":
        value = block.child_by_field_name("value")
        stmts = [c for c in block.named_children if c != value]
        if stmts and stmts[-1].type == "break_statement":
            stmts = stmts[:-1]
    else:
        stmts = [block]
    if not stmts:
        return ""
    start, end = stmts[0].start_byte, stmts[-1].end_byte
    edits: list[tuple[int, int, str]] = []
    for s in stmts:
        if any(n.type == "template_string" and "\n" in src.text(n) for n in Source.walk(s)):
            raise NotCertain("a branch holds a multi-line template literal (re-indenting would change it)")
        if target:
            for use in src.identifiers(s, target):
                member = use.parent
                if member is not None and member.type == "member_expression" and \
                        member.child_by_field_name("object") == use and \
                        src.text(member.child_by_field_name("property") or member) == payload_field:
                    edits.append((member.start_byte - start, member.end_byte - start, param))
                else:
                    raise NotCertain(f"a branch reads `{target}` beyond its `{payload_field}`")
    text = src.data[start:end].decode("utf-8", "surrogateescape")
    for a, b, new in sorted(edits, reverse=True):
        text = text[:a] + new + text[b:]
    first_indent = src.indent_of(stmts[0])
    return _dedent(first_indent + text, first_indent)


def _dedent(text: str, indent: str) -> str:
    lines = text.split("\n")
    return "\n".join(line[len(indent):] if line.startswith(indent) else line.lstrip(" \t") for line in lines)


def _whole(src: Source, fn: Node, body: Node, event: str | None, stmts: list[Node] | None,
           payload_field: str) -> Dispatch:
    """A handler without a type dispatch: the parsed message becomes the handler's parameter."""
    parses = [n for n in Source.walk(body) if _is_parse_of_event(src, n, event)]
    uses = src.identifiers(body, event) if event else []
    if len(parses) != 1 or len(uses) != 1:
        raise NotCertain("the handler uses the socket event beyond one `JSON.parse(event.data)`")
    parse = parses[0]
    if body.type != "statement_block":
        text = src.text(body)
        a, b = parse.start_byte - body.start_byte, parse.end_byte - body.start_byte
        if src.identifiers(body, "data"):
            raise NotCertain("the handler already uses the name `data`")
        return Dispatch((Branch((), text[:a] + "data" + text[b:] + ";", "data"),), whole=True)
    assert stmts is not None
    first = _parse_statement(src, stmts[0], event) if stmts else None
    if first is not None and first[1] is None and any(src.text(s) for s in stmts[1:]):
        # `const msg = JSON.parse(e.data); use(msg)`: the declaration goes, its name stays, and
        # `msg.payload` becomes `msg` (an event's data is the legacy payload)
        rest = stmts[1:]
        name = first[0]
        start, end = rest[0].start_byte, rest[-1].end_byte
        text = src.data[start:end].decode("utf-8", "surrogateescape")
        cuts = []
        for use in (u for s in rest for u in src.identifiers(s, name)):
            member = use.parent
            if member is not None and member.type == "member_expression" and \
                    member.child_by_field_name("object") == use and \
                    src.text(member.child_by_field_name("property") or member) == payload_field:
                cuts.append((member.start_byte - start, member.end_byte - start))
        for a, b in sorted(cuts, reverse=True):
            text = text[:a] + name + text[b:]
        indent = src.indent_of(rest[0])
        return Dispatch((Branch((), _dedent(indent + text, indent), name),), whole=True)
    if src.identifiers(body, "data"):
        raise NotCertain("the handler already uses the name `data`")
    start, end = stmts[0].start_byte, stmts[-1].end_byte
    text = src.data[start:end].decode("utf-8", "surrogateescape")
    a, b = parse.start_byte - start, parse.end_byte - start
    text = text[:a] + "data" + text[b:]
    indent = src.indent_of(stmts[0])
    return Dispatch((Branch((), _dedent(indent + text, indent), "data"),), whole=True)
