"""Transform: a wrapper call with per-type registrations becomes subscriptions on the service.

What it does (rewrite 7 of the issue), in one pass of edits:
- `const { subscribe } = useSystemSocket(user.id);` goes;
- in the effect, `subscribe('bind_reload', fn)` → `websocketService.on(EventType.BIND_RELOAD, fn)`
  (an inline handler is first named, so the cleanup can `off` that very function), after one
  `void websocketService.subscribe([...])` for every type the effect registered;
- the effect gets a cleanup with the matching `off(...)` calls and `unsubscribe([...])`;
- the names the call bound leave the effect's dependency list;
- the wrapper's import goes when nothing else in the file uses it.

Why: the wrapper opened a socket per component; the unified service shares one.

Refuses: everything `analyse._wrapper_call_shape` does not recognise; wrappers whose dispatch is
not seen to hand handlers the payload (the scan says so); unmapped types.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse import Connection
from ws_migrate.analyse._effect_shape import NotCertain, Source
from ws_migrate.analyse._wrapper_call_shape import WrapperCall
from ws_migrate.fix._effect import Rewrite, _fresh, _pascal
from ws_migrate.plan import Edit
from ws_migrate.rules import Rules

if TYPE_CHECKING:
    from tree_sitter import Node


def rewrite_wrapper_call(src: Source, shape: WrapperCall, connection: Connection, rules: Rules,
                         typed: bool, newline: str, keep: str = "") -> Rewrite:
    """The edits; `keep`: a declaration to put where the call's was (else it goes, with its line)."""
    rule = rules.endpoint_rule(connection.endpoint)
    if rule is None:
        raise NotCertain(f"no rule for endpoint {connection.endpoint}")
    cid = connection.id
    nl = newline
    taken = src.data.decode("utf-8", "surrogateescape")
    edits: list[Edit] = []
    registrations: list[tuple[str, str]] = []  # (EventType, handler expression)
    for i, reg in enumerate(shape.registrations):
        ev = rules.event_for(connection.endpoint, reg.type)
        if ev is None:
            raise NotCertain(f"message type '{reg.type}' has no EventType on {rule.pattern}")
        if any(ev == e for e, _ in registrations):
            raise NotCertain(f"two registrations for {ev} in one effect")
        ind = src.indent_of(reg.statement)
        handler = reg.handler
        lines = []
        if i == 0:
            lines.append("void websocketService.subscribe([{types}]);")
        if handler.type == "identifier" and not typed:
            name = src.text(handler)
        else:
            name = _fresh(taken, "on" + _pascal(ev))
            taken += " " + name
            lines.append(f"const {name} = {service_handler(src, handler) if typed else src.text(handler)};")
        lines.append(f"websocketService.on(EventType.{ev}, {name});")
        registrations.append((ev, name))
        edits.append(Edit(reg.statement.start_byte, reg.statement.end_byte, (nl + ind).join(lines), cid))
    types = ", ".join(f"EventType.{ev}" for ev, _ in registrations)
    first = edits[0]
    edits[0] = Edit(first.start, first.end, first.text.replace("{types}", types), cid)

    # the call's own statement goes, with its line when it is alone on it
    decl = shape.declaration
    start, end = decl.start_byte, decl.end_byte
    line_start = src.line_start(start)
    if keep:
        edits.append(Edit(start, end, keep, cid))
    elif not src.data[line_start:start].strip():
        start = line_start
        if src.data[end:end + len(nl)] == nl.encode():
            end += len(nl)
    if not keep:
        edits.append(Edit(start, end, "", cid))

    # the cleanup, before the effect body's closing brace
    closing = shape.body.end_byte - 1
    cstart = src.line_start(closing)
    if src.data[cstart:closing].strip():
        raise NotCertain("the effect's closing brace shares a line with code")
    ind = src.indent_of(shape.registrations[0].statement)
    unit = ind[len(src.data[cstart:closing].decode("utf-8", "surrogateescape")):] or "  "
    body = [f"websocketService.off(EventType.{ev}, {name});" for ev, name in registrations]
    body.append(f"websocketService.unsubscribe([{types}]);")
    text = ind + "return () => {" + nl + "".join(ind + unit + b + nl for b in body) + ind + "};" + nl
    edits.append(Edit(cstart, cstart, text, cid))

    # the dependency list loses the names the call bound
    if shape.deps is not None and shape.dep_names:
        kept = [e for e in shape.deps.named_children if e.type != "comment" and e not in shape.dep_names]
        edits.append(Edit(shape.deps.start_byte, shape.deps.end_byte,
                          "[" + ", ".join(src.text(e) for e in kept) + "]", cid))
    return Rewrite(tuple(edits), tuple(ev for ev, _ in registrations))


def service_handler(src: Source, fn: Node) -> str:
    """A TypeScript handler handed to a wrapper, as one the service's `on` takes: what compiled
    against the wrapper's handler type (often `(payload: any) => void`) compiles against the
    service's `unknown` data. A name is called with the data alone, as the wrapper called it (the
    service passes the event's meta second); a function whose parameter has its own type is
    cast; untyped parameters get `: any`."""
    if fn.type == "identifier":
        return f"(data: any) => {src.text(fn)}(data)"
    single = fn.child_by_field_name("parameter")
    params = fn.child_by_field_name("parameters")
    first = single if single is not None else next(
        (p for p in (params.named_children if params is not None else ()) if p.type != "comment"), None)
    if first is not None and first.type != "identifier" and first.child_by_field_name("type") is not None:
        return f"({src.text(fn)}) as (data: any) => void"
    return _typed_handler(src, fn)


def _typed_handler(src: Source, fn: Node) -> str:
    """The handler's text with `: any` on untyped parameters: named apart from the call it was
    passed to, it loses the contextual type that made `(payload) => …` compile under --strict."""
    text = src.text(fn)
    base = fn.start_byte
    single = fn.child_by_field_name("parameter")
    if single is not None:  # `payload => …`
        a, b = single.start_byte - base, single.end_byte - base
        return text[:a] + f"({text[a:b]}: any)" + text[b:]
    params = fn.child_by_field_name("parameters")
    inserts: list[int] = []
    for p in params.named_children if params is not None else ():
        if p.type in ("required_parameter", "optional_parameter") and p.child_by_field_name("type") is None:
            pattern = p.child_by_field_name("pattern")
            if pattern is not None:
                inserts.append(pattern.end_byte - base + (1 if p.type == "optional_parameter" else 0))
    for at in sorted(inserts, reverse=True):
        text = text[:at] + ": any" + text[at:]
    return text


def unused_import_edits(src: Source, names: set[str], removed: list[tuple[int, int]]) -> list[Edit]:
    """Drop import specifiers (named, or the default one) of `names` no code uses once the
    `removed` byte ranges are gone."""
    text = src.data
    edits: list[Edit] = []
    for stmt in src.root.named_children:
        if stmt.type != "import_statement":
            continue
        specs = [n for n in Source.walk(stmt) if n.type == "import_specifier"
                 or n.type == "identifier" and n.parent is not None and n.parent.type == "import_clause"]
        drop = []
        for spec in specs:
            local = (spec if spec.type == "identifier"
                     else spec.child_by_field_name("alias") or spec.child_by_field_name("name"))
            if local is None or src.text(local) not in names:
                continue
            pattern = re.compile(rb"\b" + re.escape(src.text(local).encode()) + rb"\b")
            uses = [m.start() for m in pattern.finditer(text)
                    if not (stmt.start_byte <= m.start() < stmt.end_byte)
                    and not any(a <= m.start() < b for a, b in removed)]
            if not uses:
                drop.append(spec)
        if not drop:
            continue
        clause_names = [n for n in Source.walk(stmt) if n.type in ("import_specifier", "identifier", "namespace_import")
                        and n.parent is not None and n.parent.type in ("named_imports", "import_clause")]
        if len(drop) == len(clause_names):  # nothing left: the whole statement goes, with its line
            start = src.line_start(stmt.start_byte)
            end = stmt.end_byte
            if text[end:end + 1] == b"\r":
                end += 1
            if text[end:end + 1] == b"\n":
                end += 1
            edits.append(Edit(start, end, ""))
            continue
        default = next((d for d in drop if d.type == "identifier"), None)
        if default is not None:  # `import useWebSocket, { ReadyState }`: the default goes alone
            rest = default.next_named_sibling
            if len(drop) == 1 and rest is not None and rest.type == "named_imports":
                edits.append(Edit(default.start_byte, rest.start_byte, ""))
            continue
        named = drop[0].parent
        if named is None or named.type != "named_imports":
            continue
        keep = [s for s in named.named_children if s not in drop]
        if named is not None:
            edits.append(Edit(named.start_byte, named.end_byte, "{ " + ", ".join(src.text(k) for k in keep) + " }"))
    return edits
