"""Recognising the wrapper-call shape `fix` rewrites with certainty.

```tsx
const { subscribe } = useSystemSocket(user.id);      // the call, alone in a `const`
useEffect(() => {
  subscribe('bind_reload', (payload) => reload(payload));   // registrations: top-level statements
  subscribe('service_status', onStatus);
}, [subscribe]);                                      // the names only in the deps, or nowhere
```

Also `const dns = useDnsSocket(id); … dns.subscribe('zone_updated', fn)`. Every use of the
names the call binds must be a registration statement in one effect, or an entry of that
effect's dependency list; the effect must not return a cleanup of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ws_migrate.analyse._effect_shape import NotCertain, Source, _unwrap

if TYPE_CHECKING:
    from tree_sitter import Node

_EFFECTS = ("useEffect", "useLayoutEffect", "React.useEffect", "React.useLayoutEffect")
_FUNCTIONS = ("arrow_function", "function_expression", "function")


@dataclass(frozen=True)
class Registration:
    """A per-type handler registered on a wrapper's result (`subscribe('bind_reload', fn)`)."""

    statement: Node
    method: str
    type: str
    handler: Node


@dataclass(frozen=True)
class WrapperCall:
    """A wrapper called in a component, with the effect that registers handlers on its result."""

    declaration: Node  # `const { subscribe } = useSystemSocket(user.id);`
    names: tuple[str, ...]
    effect: Node  # the useEffect(...) call
    body: Node  # its callback's statement block
    registrations: tuple[Registration, ...]
    deps: Node | None  # the dependency array
    dep_names: tuple[Node, ...]  # entries of it that name the call's result


def read_wrapper_call(src: Source, call: Node, state: tuple[str, ...] = ()) -> WrapperCall:
    """The shape around `call`, or NotCertain. `state`: destructured names (`isConnected`) left
    where they are used, for a rewrite that provides them otherwise."""
    declarator = call.parent
    while declarator is not None and declarator.type in ("parenthesized_expression", "as_expression"):
        declarator = declarator.parent
    if declarator is None or declarator.type != "variable_declarator":
        raise NotCertain("the wrapper's result is not kept in a `const`")
    declaration = declarator.parent
    pattern = declarator.child_by_field_name("name")
    if declaration is None or declaration.type != "lexical_declaration" or len(declaration.named_children) != 1 \
            or pattern is None:
        raise NotCertain("the wrapper call is not alone in its declaration")
    if pattern.type == "identifier":
        names: tuple[str, ...] = (src.text(pattern),)
        member = True
    elif pattern.type == "object_pattern" and all(
            c.type == "shorthand_property_identifier_pattern" for c in pattern.named_children):
        names = tuple(src.text(c) for c in pattern.named_children)
        member = False
    else:
        raise NotCertain("the wrapper's result is destructured with renames or defaults")
    scope = declaration.parent
    if scope is None or scope.type != "statement_block":
        raise NotCertain("the wrapper call is not a statement of a component or hook")

    effect: Node | None = None
    body: Node | None = None
    deps: Node | None = None
    registrations: list[Registration] = []
    dep_names: list[Node] = []
    for name in names:
        if name in state and not member:
            continue
        for use in src.identifiers(scope, name):
            if use == pattern or use.parent == pattern:
                continue
            if use.type == "shorthand_property_identifier_pattern":
                continue
            holder = use.parent
            if holder is not None and holder.type == "array" and holder.parent is not None \
                    and holder.parent.type == "arguments":
                dep_names.append(use)
                e = holder.parent.parent
                effect, body, deps = _same_effect(src, e, effect, body, deps, holder)
                continue
            reg_call = holder
            method = name
            if member:
                if holder is None or holder.type != "member_expression" or holder.child_by_field_name("object") != use:
                    raise NotCertain(f"`{name}` is used beyond registering handlers (line {use.start_point[0] + 1})")
                method = src.text(holder.child_by_field_name("property") or holder)
                reg_call = holder.parent
            if reg_call is None or reg_call.type != "call_expression":
                raise NotCertain(f"`{name}` is used beyond registering handlers (line {use.start_point[0] + 1})")
            stmt = reg_call.parent
            args = reg_call.child_by_field_name("arguments")
            named = [a for a in args.named_children if a.type != "comment"] if args is not None else []
            literal = _unwrap(named[0]) if named else None
            if stmt is None or stmt.type != "expression_statement" or len(named) != 2 \
                    or literal is None or literal.type != "string":
                raise NotCertain(f"a registration is not `{method}('type', handler);` (line {use.start_point[0] + 1})")
            block = stmt.parent
            callback = block.parent if block is not None else None
            e = callback.parent.parent if callback is not None and callback.parent is not None else None
            if block is None or block.type != "statement_block" or callback is None or callback.type not in _FUNCTIONS:
                raise NotCertain("a registration is not at the top level of an effect")
            effect, body, deps = _same_effect(src, e, effect, body, deps, None)
            if body != block:
                raise NotCertain("registrations are spread over more than one effect")
            registrations.append(Registration(stmt, method, src.text(literal)[1:-1], named[1]))
    if effect is None or body is None or not registrations:
        raise NotCertain("no handler is registered on the wrapper's result")
    if any(s.type == "return_statement" for s in body.named_children):
        raise NotCertain("the effect already returns a cleanup")
    return WrapperCall(declaration, names, effect, body, tuple(registrations), deps, tuple(dep_names))


def _same_effect(src: Source, call: Node | None, effect: Node | None, body: Node | None,
                 deps: Node | None, array: Node | None) -> tuple[Node, Node, Node | None]:
    if call is None or call.type != "call_expression":
        raise NotCertain("the wrapper's result is used outside an effect")
    fn = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    named = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if fn is None or src.text(fn) not in _EFFECTS or not named or named[0].type not in _FUNCTIONS:
        raise NotCertain("the wrapper's result is used outside an effect")
    callback_body = named[0].child_by_field_name("body")
    if callback_body is None or callback_body.type != "statement_block":
        raise NotCertain("the effect's callback has no block body")
    if effect is not None and effect != call:
        raise NotCertain("the wrapper's result is used in more than one effect")
    dep_array = named[1] if len(named) > 1 else None
    if array is not None and dep_array != array:
        raise NotCertain("the wrapper's result is passed to an effect beyond its dependencies")
    return call, callback_body, dep_array
