"""Which function a handler value is, wherever the code defines it.

```tsx
ws.onmessage = (e) => { … };                        // inline
ws.onmessage = handleMessage;                       // a function of this file
const onMessage = useCallback((e) => { … }, []);    // a memoised one
handlerRef.current = (e) => { … }; ws.onmessage = (e) => handlerRef.current(e);
this.onMessage = this.onMessage.bind(this);         // a method, bound in the constructor
ws.onmessage = receiveMessage(onWsMessage);         // a dispatcher made around a local function
ws.onmessage = onMessage;                           // a parameter: the caller's handler
ws.onmessage = handleSocket;                        // imported: read when files are linked
```

`handler_function` says which, `callable_function` finds the function a call reaches, and
`param_called` the parameter of a named function around it that a call invokes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse._values import Param
from ws_migrate.analyse.shapes import _lifecycle as lifecycle
from ws_migrate.analyse.shapes._nodes import FUNCTIONS, MEMO_HOOKS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._tree import FileTree
    from ws_migrate.analyse._typescript import _FileAnalysis

# what a caller's handler is called in an options object: `onMessage`, `onData`, `handler`, `cb`
# what a table of the caller's handlers is called: `handlers`, `callbacks`, `listeners`
_HANDLERS = re.compile(r"handlers|callbacks|listeners|subscribers|^on$|^cbs?$", re.IGNORECASE)
HANDLER_NAME = re.compile(r"^on[A-Z_$]|^on$|handle|handler|callback|^cb$|listener|^notify|^emit|^dispatch|"
                           r"^receive|^next$|^process", re.IGNORECASE)


def handler_function(ctx: _FileAnalysis, value: Node | None) -> tuple[str, Node | None, Param | None]:
    """(how the code names it, the function when this file has it, the parameter it is)."""
    v = _unbound(ctx, ctx.unwrap(value))
    if v is None:
        return "unknown", None, None
    if v.type in FUNCTIONS:
        return "inline", v, None
    text = ctx.text(v)
    if v.type == "call_expression":
        memo = _memoised(ctx, v)
        if memo is not None:
            return "inline", memo, None
        fn = v.child_by_field_name("function")
        # `onPresence(setCount)` of `const onPresence = (set) => (m) => { … }`: what it makes
        made = _made_by(ctx, callable_function(ctx, fn))
        if made is not None:
            return f"made:{ctx.text(fn)[:40] if fn is not None else 'call'}", made, None
        # `receiveMessage(onWsMessage)`, `throttle(onMessage, 100)`: made around a function
        args = v.child_by_field_name("arguments")
        for a in args.named_children if args is not None else ():
            inner = callable_function(ctx, a) if a.type != "comment" else None
            if inner is not None:
                name = ctx.text(fn) if fn is not None else "call"
                return f"wrapped:{name}", inner, None
        return f"unknown:{text[:40]}", None, None
    found = callable_function(ctx, v)
    if found is not None:
        kind = "member" if text.startswith("this.") else "named"
        return f"{kind}:{text}", found, None
    param = param_called(ctx, v)
    if param is not None:
        return f"param:{text[:40]}", None, param
    if v.type == "identifier" and text in ctx._imports:
        return f"import:{text}", None, None
    return f"unknown:{text[:40]}", None, None


def _made_by(ctx: _FileAnalysis, maker: Node | None) -> Node | None:
    """The function a function of this file returns, when it returns one it spells out."""
    if maker is None:
        return None
    body = maker.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        made = ctx.unwrap(body)
        return made if made is not None and made.type in FUNCTIONS else None
    found = [ctx.unwrap(r.named_children[0]) for r in lifecycle.own_returns(ctx, maker) if r.named_children]
    return found[0] if len(found) == 1 and found[0] is not None and found[0].type in FUNCTIONS else None


def _unbound(ctx: FileTree, v: Node | None) -> Node | None:
    """`this.onMessage.bind(this)` is `this.onMessage`."""
    if v is not None and v.type == "call_expression":
        fn = v.child_by_field_name("function")
        if fn is not None and fn.type == "member_expression":
            prop = fn.child_by_field_name("property")
            if prop is not None and ctx.text(prop) == "bind":
                return ctx.unwrap(fn.child_by_field_name("object"))
    return v


def _memoised(ctx: _FileAnalysis, call: Node) -> Node | None:
    """The function `useCallback(fn, deps)` (or `useMemo(() => fn)`) hands back."""
    fn = call.child_by_field_name("function")
    name = ctx.text(fn).rsplit(".", 1)[-1] if fn is not None else ""
    if name not in MEMO_HOOKS:
        return None
    args = call.child_by_field_name("arguments")
    first = ctx.unwrap(args.named_children[0]) if args is not None and args.named_children else None
    if first is None:
        return None
    if name == "useMemo" and first.type in FUNCTIONS:
        body = first.child_by_field_name("body")
        inner = ctx.unwrap(body) if body is not None and body.type != "statement_block" else None
        return inner if inner is not None and inner.type in FUNCTIONS else None
    if first.type in FUNCTIONS:
        return first
    return callable_function(ctx, first) if name == "useRef" else None


def callable_function(ctx: _FileAnalysis, node: Node | None) -> Node | None:
    """The function of this file that calling `node` runs, if it can be told."""
    node = _unbound(ctx, ctx.unwrap(node))
    if node is None:
        return None
    if node.type in FUNCTIONS:
        return node
    text = ctx.text(node)
    if node.type in ("identifier", "shorthand_property_identifier"):  # `{ onFrame }` too
        local = ctx.local_functions().get(text)
        if local is not None:
            return local
        value = ctx.initial_value(node)
        if value is not None and value.type == "call_expression":
            return _memoised(ctx, value)
        if value is not None and value.type == "member_expression" and ctx.text(value).startswith("this."):
            return callable_function(ctx, value)  # `const receive = this.receive`
        return None
    if node.type == "member_expression":
        if text.startswith("this."):
            local = ctx.local_functions().get(text)
            if local is not None:
                return local
            assigned = _assigned(ctx, text, node)
            return callable_function(ctx, assigned) if assigned is not None and assigned.id != node.id else None
        if text.endswith(".current"):
            target = ref_target(ctx, node)
            return callable_function(ctx, target) if target is not None else None
    return None


def ref_target(ctx: FileTree, member: Node) -> Node | None:
    """What `xRef.current` holds: the last function or name assigned to it in the file, else
    the value `useRef(…)` starts it with."""
    text = ctx.text(member)
    assigned = _assigned(ctx, text, member)
    if assigned is not None:
        return assigned
    obj = member.child_by_field_name("object")
    if obj is None or obj.type != "identifier":
        return None
    scope = ctx.resolve_scope_of(ctx.text(obj), obj)
    decl = ctx._declaration_in(scope, ctx.text(obj), obj.start_byte) if scope is not None else None
    value = ctx.unwrap(decl.child_by_field_name("value")) if decl is not None and decl.type == "variable_declarator" else None
    if value is not None and value.type == "call_expression":
        fn = value.child_by_field_name("function")
        if fn is not None and ctx.text(fn).rsplit(".", 1)[-1] == "useRef":
            args = value.child_by_field_name("arguments")
            return ctx.unwrap(args.named_children[0]) if args is not None and args.named_children else None
    return None


def _assigned(ctx: FileTree, text: str, at: Node) -> Node | None:
    """The value last assigned to `text` (`this.x = …`, `ref.current = …`) that is not itself."""
    found: Node | None = None
    for a in ctx._nodes.get("assign", ()):
        left = a.child_by_field_name("left")
        right = a.child_by_field_name("right")
        if left is None or right is None or ctx.text(left) != text:
            continue
        r = _unbound(ctx, ctx.unwrap(right))
        if r is not None and ctx.text(r) != text and r.type not in ("null", "undefined"):
            found = right
    return found


def param_called(ctx: _FileAnalysis, callee: Node, within: Node | None = None) -> Param | None:
    """The parameter of a named function around the call that calling `callee` invokes:
    `onMessage`, `opts.onData`, `this.callback` set from the constructor's parameter, or
    `handlerRef.current` set from a parameter. `within`: a function around the call (the handler
    being read), so that its calls of one name are looked up once."""
    callee_ = ctx.unwrap(callee)
    if callee_ is None or callee_.type not in ("identifier", "member_expression"):
        return None
    text = ctx.text(callee_)
    base = text.split(".", 1)[0].split("?", 1)[0]
    known = within is not None and (base, within.id) in ctx._called_params  # asked in this function
    if not known and base != "this" and ".current" not in text and not ctx.may_be_parameter(base, callee_):
        return None  # no parameter, no field, no ref: not worth resolving
    # the same callee means the same thing in one class (`this.emit` in every handler) or one
    # named function (a parameter of it)
    if within is not None:
        scope = within.id
    elif base == "this":
        body = ctx._class_body(callee_)
        scope = body.id if body is not None else -1
    else:
        named = ctx.enclosing_named(callee_)
        scope = named[0].id if named is not None else -1
    chain = text.replace("?.", ".").split(".")
    if base != "this" and ".current" not in text and all(part.isidentifier() for part in chain):
        # `handlers.zone_updated`: what the head is, once per scope, then the path into it
        head = chain[0]
        node = callee_
        while node.type == "member_expression":
            node = node.child_by_field_name("object") or node
        if (head, scope) not in ctx._called_params:
            got = _param_of(ctx, head, node) if node.type == "identifier" else None
            ctx._called_params[(head, scope)] = got
        found = ctx._called_params[(head, scope)]
        if found is None:
            return None
        return _handed(Param(found.index, found.path + tuple(chain[1:]), chain[-1], found.owner), chain[0])
    key = (text, scope)
    if key not in ctx._called_params:
        ctx._called_params[key] = _param_called(ctx, callee_)
    return ctx._called_params[key]


def _param_of(ctx: _FileAnalysis, name: str, at: Node) -> Param | None:
    """The parameter `name` is at `at`: of the nearest function around it that binds it, when
    that function is a named one (a callback's parameter is a run-time value); or, with no
    parameter of that name, what the name is declared as (`const { onMessage } = options`)."""
    fn = ctx.enclosing_function(at)
    while fn is not None:
        for index, path, local, _ in ctx.params(fn):
            if local == name:
                value = ctx._param(fn, index, path, local)
                return value if isinstance(value, Param) else None
        fn = ctx.enclosing_function(fn)
    if name in ctx.parameter_names():  # destructured from a parameter, or set from one
        value = ctx.evaluate(at)
        return value if isinstance(value, Param) else None
    return None


def _handed(value: Param, holder: str) -> Param | None:
    """`value` when it is the caller's handler: the parameter itself, or a handler in it
    (`opts.onMessage`, `handlers.zone_updated`); `store.add(user)` of a store it was given is
    a sink the code writes to, not the caller's handler."""
    if not value.path or HANDLER_NAME.search(value.path[-1]) or _HANDLERS.search(holder):
        return value
    return None


def _param_called(ctx: _FileAnalysis, callee_: Node) -> Param | None:
    value = ctx.evaluate(callee_)
    if isinstance(value, Param):
        return _handed(value, value.path[-2] if len(value.path) > 1 else "")
    if callee_.type == "member_expression":
        prop = callee_.child_by_field_name("property")
        if prop is not None and ctx.text(prop) == "current":
            target = ref_target(ctx, callee_)
            if target is not None:
                got = ctx.evaluate(target)
                return got if isinstance(got, Param) else None
    return None
