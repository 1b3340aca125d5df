"""Where what a wrapper call gives back leaves the caller's hands.

```ts
const gps = useStream(onGps);                 // read here only: `gps.start(…)`, `gps.stop()`
useEffect(() => { gps.start('/api/gps'); return () => gps.stop(); }, [gps]);

const joy = useStream(onAck);
return { joy };                               // handed on (line 4): who sends on it is not seen

const { ws } = useVueSocket('/api/pty');
session.socket = ws.value!;                   // kept elsewhere: the same
```

A connection whose result is handed on (returned, passed to a call, stored in an object or a
field) may be sent on by code the scan does not follow. `fix` cannot put such a connection on
the unified service when its wrapper gives a way to send, so the line is recorded
(`Site.escape_line`). Reading the result, calling its methods, keeping it in a local name (an
alias, followed by the site's own reader), comparing it, testing it and naming it in a React
hook's dependency list are not handing it on.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes._lifecycle import own_returns
from ws_migrate.analyse.shapes._nodes import WRAPPING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._tree import FileTree

_NAMES = frozenset({"identifier", "shorthand_property_identifier"})
_NAME_CHAR = re.compile(rb"[\w$]")
_TESTS = frozenset({"==", "===", "!=", "!==", "&&", "||", "??", "instanceof"})
_SENDERS = re.compile(r"^(?:send\w*|\w*[sS]ocket\w*|ws|\w*[cC]onnection|conn|client|\w*Client|emit\w*|publish\w*)$")
# what holds data, not a way to send: state hooks and stores
_STATE_CALLS = frozenset({"useState", "useReducer", "useMemo", "useSyncExternalStore", "useDeferredValue",
                          "ref", "shallowRef", "reactive", "computed", "readonly", "writable", "readable",
                          "derived", "signal", "createSignal"})
# values that are data whatever they hold
_DATA = frozenset({"string", "number", "template_string", "true", "false", "null", "undefined",
                   "binary_expression", "unary_expression", "regex"})
_DEPENDENCY_HOOKS = frozenset({"useEffect", "useLayoutEffect", "useCallback", "useMemo", "useInsertionEffect",
                               "watch", "watchEffect"})


def escape_line(ctx: FileTree, node: Node, targets: list[str], scope: tuple[int, int], returns: bool = True) -> int:
    """The first line in `scope` where one of `targets` (the names the call's result is kept
    in, and their `.value`/`.current`) is handed on, or 0; `returns`: whether returning it
    counts (not for a socket: its callers are followed as a wrapper's)."""
    found = 0
    for target in targets:
        for use in _uses(ctx, target, scope):
            if _declares(use, node) or not returns and _returned(use):
                continue
            line = _handed_on(ctx, use, targets)
            if line and (not found or line < found):
                found = line
    return found


def sends_at(ctx: FileTree, line: int, targets: list[str]) -> bool:
    """Is the use at `line` that `escape_line` found a send on the socket itself, through the
    ref or the field of `this` it is kept in (`wsRef.current?.send(…)`, `this.ws?.send(…)` in
    another method), rather than a hand-off?"""
    for target, calls in ctx._member_calls.items():
        held = target in targets or target.count(".") == 1 and (
            target.startswith("this.") or target.endswith((".current", ".value")))
        if held and any(call.start_point[0] + 1 == line and (m == "send" or m.startswith("send") and m[4:5].isupper())
                        for m, call in calls):
            return True
    return False


def may_carry_send(prop: str) -> bool:
    """Can a property of a wrapper's result named `prop` send (`sendJsonMessage`, the socket
    itself as `ws`)? Data (`data`, `error`, `status`) cannot."""
    return _SENDERS.match(prop) is not None


def hands_send(ctx: FileTree, fn: Node) -> bool:
    """May what function `fn` returns send on a socket: the socket or a library's result, an
    object with a `send…`/`ws`-like member, a function? Not its state (`useState`, `ref`) or
    data; unknown values may."""
    body = fn.child_by_field_name("body")
    if body is None:
        return True
    if body.type != "statement_block":  # `(…) => value`
        return _may_send_value(ctx, body)
    return any(_may_send_value(ctx, ret.named_children[0]) for ret in own_returns(ctx, fn) if ret.named_children)


def _may_send_value(ctx: FileTree, node: Node | None) -> bool:
    node = ctx.unwrap(node)
    if node is None or node.type in _DATA:
        return False
    if node.type == "object":
        for member in node.named_children:
            if member.type == "spread_element":
                return True
            key = member.child_by_field_name("key") if member.type == "pair" else \
                member.child_by_field_name("name") if member.type == "method_definition" else member
            if key is not None and key.type != "comment" and may_carry_send(ctx.text(key).strip("'\"")):
                return True
        return False
    if node.type == "ternary_expression":
        return any(_may_send_value(ctx, node.child_by_field_name(f)) for f in ("consequence", "alternative"))
    if node.type in ("arrow_function", "function_expression", "function"):
        return b"send" in ctx.src[node.start_byte:node.end_byte]  # `return () => ws.close()`: no
    if node.type == "call_expression":
        return not _state_call(ctx, node)
    if node.type == "identifier":
        decl = ctx.declarator_of(node)
        return decl is None or not _state_call(ctx, ctx.unwrap(decl.child_by_field_name("value")))
    return True


def _state_call(ctx: FileTree, node: Node | None) -> bool:
    """Is `node` a call that makes state or data (`useState(…)`, `ref(…)`, `computed(…)`)?"""
    fn = node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    return fn is not None and ctx.text(fn).split(".")[-1] in _STATE_CALLS


def _uses(ctx: FileTree, target: str, scope: tuple[int, int]) -> list[Node]:
    """The nodes of `target`'s text in `scope`: identifiers for a name, member expressions for
    `name.value`."""
    head, _, rest = target.partition(".")
    tail = ("." + rest).encode() if rest else b""
    out: list[Node] = []
    starts = ctx.word_starts(head)
    for start in starts[bisect_left(starts, scope[0]):bisect_left(starts, scope[1])]:
        end = start + len(head) + len(tail)
        if tail and (ctx.src[start + len(head):end] != tail or _NAME_CHAR.match(ctx.src, end)):
            continue
        n = ctx.root.descendant_for_byte_range(start, end)
        while n is not None and n.type not in _NAMES and n.type != "member_expression" \
                and n.start_byte == start and n.end_byte == end and n.parent is not None \
                and n.parent.start_byte == start and n.parent.end_byte == end:
            n = n.parent
        if n is None or n.start_byte != start or n.end_byte != end:
            continue
        if ("." in target) == (n.type == "member_expression") and (n.type in _NAMES or n.type == "member_expression"):
            out.append(n)
    return out


def _returned(use: Node) -> bool:
    """Is `use` what a function returns (`return ws`, `() => ws`)?"""
    node, parent = use, use.parent
    while parent is not None and parent.type in WRAPPING:
        node, parent = parent, parent.parent
    return parent is not None and (parent.type == "return_statement" or
                                   parent.type == "arrow_function" and parent.child_by_field_name("body") == node)


def _declares(use: Node, call: Node) -> bool:
    """Is `use` the name the call's result is declared as (`const x = call`, `{ ws } = call`)?"""
    p = use.parent
    while p is not None and p.type in ("shorthand_property_identifier_pattern", "pair_pattern",
                                       "object_pattern", "array_pattern", "variable_declarator"):
        if p.type == "variable_declarator":
            return p.child_by_field_name("value") is not None and _contains(p, call)
        p = p.parent
    return False


def _contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _held_in(ctx: FileTree, left: Node | None, use: Node) -> int | None:
    """For a value kept in a ref's `.current`/`.value` or a field of `this`: the line where that
    is sent on or handed on in the component or class around (0: nowhere); None for any other
    place (an object of elsewhere, a collection)."""
    if left is None or left.type != "member_expression":
        return None
    text = ctx.text(left)
    head = text.split(".")[0]
    if not (head == "this" and text.count(".") == 1 or text.endswith((".current", ".value")) and text.count(".") == 1):
        return None
    if head == "this":  # a field: the whole class reads it
        cls = use.parent
        while cls is not None and cls.type != "class_body":
            cls = cls.parent
        if cls is None:
            return None
        start, end = cls.start_byte, cls.end_byte
    else:  # a ref: wherever its name is seen (`const ws = ref()` of the module, or of a component)
        scope = ctx.resolve_scope_of(head, use)
        if scope is None:
            return None
        start, end = scope.start_byte, scope.end_byte
    for other in _uses(ctx, text, (start, end)):
        member = other.parent
        while member is not None and member.type in WRAPPING:
            member = member.parent
        prop = member.child_by_field_name("property") if member is not None and member.type == "member_expression" else None
        if prop is not None and ctx.text(prop).startswith("send"):
            return other.start_point[0] + 1  # `wsRef.current.send(…)`: sent on there
        if other.parent is not None and other.parent.type == "assignment_expression" \
                and other.parent.child_by_field_name("left") == other:
            continue  # set (`wsRef.current = null`)
        line = _handed_on(ctx, other, [], depth=2)
        if line:
            return line
    return 0


def _pushed_into(ctx: FileTree, args: Node, use: Node) -> int | None:
    """For a value pushed onto a list of a name (`open.push(ws)`): the line where an element of
    the list is sent on (`open.forEach((ws) => ws.send(…))`, `open[0].send(…)`) or the list is
    handed on, 0 if nowhere; None when it is no such push."""
    call = args.parent
    fn = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    obj = fn.child_by_field_name("object") if fn is not None and fn.type == "member_expression" else None
    prop = fn.child_by_field_name("property") if fn is not None and fn.type == "member_expression" else None
    if obj is None or prop is None or obj.type != "identifier" or ctx.text(prop) not in ("push", "unshift", "add", "set"):
        return None
    scope = ctx.resolve_scope_of(ctx.text(obj), use)
    if scope is None:
        return None
    for other in _uses(ctx, ctx.text(obj), (scope.start_byte, scope.end_byte)):
        holder = other.parent
        if holder is not None and holder.type in ("member_expression", "subscript_expression") \
                and holder.child_by_field_name("object") == other:
            reader = holder.parent  # `open.forEach(fn)`, `open[0].send(…)`, `open.length`
            if reader is not None and b"send" in ctx.src[reader.start_byte:reader.end_byte]:
                return other.start_point[0] + 1
            continue
        line = _handed_on(ctx, other, [], depth=2)
        if line:
            return line
    return 0


def _handed_on(ctx: FileTree, use: Node, targets: list[str], depth: int = 0) -> int:
    """The line of `use` when it hands the value on, else 0."""
    if use.type == "shorthand_property_identifier":  # `return { joy }`, `f({ joy })`
        return use.start_point[0] + 1
    node = use
    parent = node.parent
    while parent is not None and parent.type in WRAPPING:
        node, parent = parent, parent.parent
    if parent is None:
        return 0
    kind = parent.type
    if kind == "member_expression" and parent.child_by_field_name("object") == node:
        return 0  # `x.start(…)`, `x.value` (an alias of its own when kept)
    if kind in ("expression_statement", "if_statement", "while_statement", "ternary_expression") \
            and parent.child_by_field_name("consequence") != node and parent.child_by_field_name("alternative") != node:
        return 0
    if kind in ("formal_parameters", "required_parameter", "optional_parameter", "catch_clause") or (
            kind == "arrow_function" and parent.child_by_field_name("parameter") == node):
        return 0  # another variable of that name, declared here (`(ws) => ws.close()`)
    if kind == "unary_expression":
        return 0  # `!x`, `typeof x`
    if kind in ("array_pattern", "object_pattern", "pair_pattern"):
        return 0  # the name declared (`const [socket, setSocket] = useState(…)`), not a use
    if kind == "call_expression" and parent.child_by_field_name("function") == node:
        # calling what it returned (`stop()`): a send only if it is one by name (`send(msg)`)
        return use.start_point[0] + 1 if may_carry_send(ctx.text(use).split(".")[-1]) else 0
    if kind == "binary_expression":
        op = parent.child_by_field_name("operator")
        if op is not None and ctx.text(op) in _TESTS:
            return 0
    if kind == "variable_declarator" and parent.child_by_field_name("name") == node:
        return 0  # an alias declared (`const socket = ws.value!`)
    if kind == "variable_declarator" and parent.child_by_field_name("value") == node:
        name = parent.child_by_field_name("name")
        if name is not None and name.type == "identifier":
            return 0  # an alias: its own uses are read as the call's (`_aliases`)
    if kind == "assignment_expression" and parent.child_by_field_name("right") == node:
        left = parent.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            return 0
    if kind == "assignment_expression" and parent.child_by_field_name("left") == node:
        return 0  # the name set again
    if kind == "assignment_expression" and parent.child_by_field_name("right") == node and depth < 2:
        held = _held_in(ctx, parent.child_by_field_name("left"), use)
        if held is not None:  # `wsRef.current = ws`, `this.socket = ws`: followed where it is read
            return held
    if kind == "array" and _dependency_list(ctx, parent):
        return 0
    if kind in ("arguments", "assignment_expression") and keyed_field(ctx, node):
        return 0  # kept by key in a field of `this`: read where that is used (`shapes/_kept`)
    if kind == "arguments" and depth < 2:
        held = _pushed_into(ctx, parent, use)
        if held is not None:  # `sockets.push(ws)`: followed where the list is read
            return held
    return use.start_point[0] + 1


def handed_on(ctx: FileTree, use: Node) -> bool:
    """Does `use` hand its value on (passed to a call, returned, stored elsewhere)?"""
    return _handed_on(ctx, use, [], depth=2) != 0


def this_like(ctx: FileTree, node: Node) -> bool:
    """Is `node` `this`, or a name kept for it (`const self = this`)?"""
    if node.type == "this":
        return True
    if node.type != "identifier":
        return False
    decl = ctx.declarator_of(node)
    value = ctx.unwrap(decl.child_by_field_name("value")) if decl is not None else None
    return value is not None and value.type == "this"


def keyed_field(ctx: FileTree, use: Node) -> str:
    """The field of `this` that `use` is kept in by key (`bridges` of `this.$set(this.bridges,
    label, use)`, `Vue.set(self.bridges, label, use)`, `this.bridges[label] = use`), or ""."""
    parent = ctx.parent(use)
    holder: Node | None = None
    if parent is not None and parent.type == "arguments":
        call = ctx.parent(parent)
        fn = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
        given = [a for a in parent.named_children if a.type != "comment"]
        if fn is None or ctx.text(fn).split(".")[-1] not in ("$set", "set") or len(given) != 3 or given[2] != use:
            return ""
        holder = given[0]
    elif parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == use:
        left = parent.child_by_field_name("left")
        holder = left.child_by_field_name("object") if left is not None and left.type == "subscript_expression" else None
    if holder is None:
        return ""
    base = holder.child_by_field_name("object") if holder.type == "member_expression" else None
    prop = holder.child_by_field_name("property") if holder.type == "member_expression" else None
    return ctx.text(prop) if base is not None and prop is not None and this_like(ctx, base) else ""


def _dependency_list(ctx: FileTree, array: Node) -> bool:
    """Is `array` the dependency list of a React hook or a Vue watch (`useEffect(fn, [x])`)?"""
    args = array.parent
    call = args.parent if args is not None else None
    if args is None or call is None or args.type != "arguments" or call.type != "call_expression":
        return False
    fn = call.child_by_field_name("function")
    return fn is not None and ctx.text(fn).split(".")[-1] in _DEPENDENCY_HOOKS
