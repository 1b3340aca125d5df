"""Recognising the one shape `fix` rewrites with certainty: a socket opened in a React effect.

```tsx
useEffect(() => {
  const ws = new WebSocket('/ws/dns_management');     // the socket, a `const` of the effect
  ws.onmessage = (event) => { … };                     // handlers: top-level statements
  ws.onerror = (err) => console.error(err);
  ws.onclose = () => setTimeout(connect, 1000);        // reconnect only
  return () => ws.close();                             // cleanup (or none: a leak)
}, []);
```

`read_effect_socket` returns an `EffectSocket` describing the parts, or raises `NotCertain` with
the reason the connection stays manual. Anything it does not recognise is a reason, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

_EFFECTS = ("useEffect", "useLayoutEffect", "React.useEffect", "React.useLayoutEffect")
_FUNCTIONS = ("arrow_function", "function_expression", "function")
_RECONNECT = re.compile(r"^(re)?connect|^(re)?open|^init|^start|^setup|reconnect", re.IGNORECASE)


class NotCertain(Exception):
    """The connection's code is not in a shape `fix` rewrites with certainty; the message says why."""


@dataclass(frozen=True)
class Handler:
    """A handler set on the effect's socket (`ws.onmessage = …`, `ws.addEventListener(…)`)."""

    statement: Node  # the whole `ws.onX = …;` / `ws.addEventListener(…);` statement
    event: str  # message | error | close | open
    function: Node  # the handler function (inline, or the named one it refers to)
    inline: bool


@dataclass(frozen=True)
class EffectSocket:
    """A socket a React effect opens, with its handlers and its cleanup: what `fix` rewrites."""

    declaration: Node  # `const ws = new WebSocket(…);`
    name: str  # `ws`
    url: Node
    callback: Node  # the effect's callback function
    body: Node  # its statement block
    handlers: tuple[Handler, ...]
    cleanup_return: Node | None  # `return () => ws.close();`
    close_statement: Node | None  # the `ws.close()` statement or expression inside it


class Source:
    """A parsed file with the few helpers the transforms share."""

    def __init__(self, data: bytes, root: Node) -> None:
        self.data = data
        self.root = root

    def text(self, node: Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "surrogateescape")

    def line_start(self, offset: int) -> int:
        return self.data.rfind(b"\n", 0, offset) + 1

    def indent_of(self, node: Node) -> str:
        start = self.line_start(node.start_byte)
        prefix = self.data[start:node.start_byte].decode("utf-8", "surrogateescape")
        return prefix if not prefix.strip() else prefix[: len(prefix) - len(prefix.lstrip())]

    @staticmethod
    def walk(node: Node) -> list[Node]:
        """`node` and its named descendants, iteratively (deep code must not recurse)."""
        out, stack = [], [node]
        while stack:
            n = stack.pop()
            out.append(n)
            stack.extend(n.named_children)
        return out

    def identifiers(self, node: Node, name: str) -> list[Node]:
        """Every identifier `name` under `node`, in document order.

        Found by their text, each occurrence asked of tree-sitter (a walk of every node in
        Python was a tenth of the analysis): the node exactly there must be that identifier."""
        word = name.encode("utf-8", "surrogateescape")
        if not word:
            return []
        out = []
        end = node.end_byte
        at = self.data.find(word, node.start_byte, end)
        while at >= 0:
            found = self.root.descendant_for_byte_range(at, at + len(word))
            if found is not None and found.start_byte == at and found.end_byte == at + len(word) \
                    and found.type in ("identifier", "shorthand_property_identifier"):
                out.append(found)
            at = self.data.find(word, at + len(word), end)
        return out


def find_node(root: Node, start: int, end: int, kind: str) -> Node | None:
    node = root.descendant_for_byte_range(start, end)
    while node is not None and node.type != kind:
        node = node.parent
    return node


def _unwrap(node: Node | None) -> Node | None:
    while node is not None and node.type in ("parenthesized_expression", "as_expression", "non_null_expression"):
        node = node.named_children[0] if node.named_children else None
    return node


def read_effect_socket(src: Source, new_expr: Node) -> EffectSocket:
    parent = new_expr.parent
    ref: str | None = None  # `wsRef` when the socket is kept in `wsRef.current`
    name_node: Node | None = None
    if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("value") == new_expr:
        name_node = parent.child_by_field_name("name")
        declaration = parent.parent
        if name_node is None or name_node.type != "identifier" or declaration is None \
                or declaration.type != "lexical_declaration" or len(declaration.named_children) != 1:
            raise NotCertain("the socket is not declared alone as `const ws = new WebSocket(…)`")
        name = src.text(name_node)
    elif parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == new_expr:
        left = parent.child_by_field_name("left")
        obj = left.child_by_field_name("object") if left is not None and left.type == "member_expression" else None
        field = left.child_by_field_name("property") if left is not None else None
        declaration = parent.parent
        if obj is None or obj.type != "identifier" or field is None or src.text(field) != "current" \
                or declaration is None or declaration.type != "expression_statement":
            raise NotCertain("the socket is not kept in a `const` of its own or a ref's `.current`")
        ref = src.text(obj)
        name = f"{ref}.current"
    else:
        raise NotCertain("the socket is not assigned to a `const` of its own")
    body = declaration.parent
    callback = body.parent if body is not None else None
    call = callback.parent.parent if callback is not None and callback.parent is not None else None
    if body is None or body.type != "statement_block" or callback is None or callback.type not in _FUNCTIONS \
            or call is None or call.type != "call_expression":
        raise NotCertain("the socket is not opened at the top level of a React effect")
    fn = call.child_by_field_name("function")
    if fn is None or src.text(fn) not in _EFFECTS:
        raise NotCertain("the socket is not opened at the top level of a React effect")
    args = call.child_by_field_name("arguments")
    if args is None or not args.named_children or args.named_children[0] != callback:
        raise NotCertain("the socket is not opened in the effect's own callback")
    url = (new_expr.child_by_field_name("arguments") or new_expr).named_children[0]
    uses = _ref_uses(src, ref, call, callback, declaration) if ref is not None else \
        [u for u in src.identifiers(body, name) if u != name_node]

    handlers: list[Handler] = []
    cleanup_return: Node | None = None
    close_statement: Node | None = None
    # a `const` of the effect's body is visible only inside it: other `ws`s are other sockets
    for use in uses:
        member = use.parent
        if member is None or member.type != "member_expression" or member.child_by_field_name("object") != use:
            raise NotCertain(f"`{name}` is passed on or used as a value (line {use.start_point[0] + 1})")
        prop = src.text(member.child_by_field_name("property") or member)
        holder = member.parent
        stmt = holder.parent if holder is not None else None
        if prop in ("onmessage", "onerror", "onclose", "onopen") and holder is not None \
                and holder.type == "assignment_expression" and stmt is not None \
                and stmt.type == "expression_statement" and stmt.parent == body:
            fn_node = _handler_function(src, _unwrap(holder.child_by_field_name("right")), body)
            handlers.append(Handler(stmt, prop[2:], fn_node, fn_node.parent == holder or
                                    _unwrap(holder.child_by_field_name("right")) == fn_node))
            continue
        if prop == "addEventListener" and holder is not None and holder.type == "call_expression" \
                and stmt is not None and stmt.type == "expression_statement" and stmt.parent == body:
            call_args = [a for a in (holder.child_by_field_name("arguments") or holder).named_children]
            if len(call_args) == 2 and call_args[0].type == "string":
                event = src.text(call_args[0])[1:-1]
                if event in ("message", "error", "close", "open"):
                    fn_node = _handler_function(src, _unwrap(call_args[1]), body)
                    handlers.append(Handler(stmt, event, fn_node, _unwrap(call_args[1]) == fn_node))
                    continue
        if prop == "close" and holder is not None and holder.type == "call_expression":
            ret = _enclosing_cleanup(src, holder, callback, body)
            if ret is not None and close_statement is None:
                cleanup_return, close_statement = ret
                continue
            raise NotCertain(f"`{name}.close()` outside the effect's cleanup (line {use.start_point[0] + 1})")
        raise NotCertain(f"`{name}.{prop}` has no unified equivalent `fix` can write (line {use.start_point[0] + 1})")
    for stmt in body.named_children:
        if stmt.type == "return_statement" and stmt != cleanup_return:
            raise NotCertain("the effect returns a cleanup that does not close the socket")
    if not any(h.event == "message" for h in handlers):
        raise NotCertain("no message handler is attached in the effect")
    if len([h for h in handlers if h.event == "message"]) > 1:
        raise NotCertain("more than one message handler")
    return EffectSocket(declaration, name, url, callback, body, tuple(handlers), cleanup_return, close_statement)


def _handler_function(src: Source, value: Node | None, body: Node) -> Node:
    if value is not None and value.type in _FUNCTIONS:
        return value
    raise NotCertain("a handler is not an inline function")


def _enclosing_cleanup(src: Source, close_call: Node, callback: Node, body: Node
                       ) -> tuple[Node, Node] | None:
    """(`return` statement, statement or expression to replace) when `ws.close()` is the
    effect's cleanup: `return () => ws.close();` or `return () => { …; ws.close(); … };`."""
    node = close_call
    while node.parent is not None and node.parent.type in ("expression_statement", "statement_block",
                                                            "arrow_function", "function_expression",
                                                            "return_statement"):
        node = node.parent
        if node.type == "return_statement":
            break
    if node.type != "return_statement" or node.parent != body:
        return None
    value = node.named_children[0] if node.named_children else None
    if value is None or value.type not in _FUNCTIONS:
        return None
    fbody = value.child_by_field_name("body")
    if fbody is None:
        return None
    if fbody.type != "statement_block":
        return (node, close_call) if _unwrap(fbody) == close_call else None
    stmt = close_call.parent
    if stmt is not None and stmt.type == "expression_statement" and stmt.parent == fbody:
        return node, stmt
    return None


def only_reconnects(src: Source, fn: Node) -> bool:
    """True when a close handler's body is nothing but a (delayed) call that opens again."""
    body = fn.child_by_field_name("body")
    if body is None:
        return False
    stmts = [s for s in body.named_children if s.type != "comment"] if body.type == "statement_block" else [body]
    for s in stmts:
        expr = _unwrap(s.named_children[0] if s.type == "expression_statement" and s.named_children else s)
        if expr is None or expr.type != "call_expression":
            return False
        callee = src.text(expr.child_by_field_name("function") or expr)
        if callee in ("setTimeout", "window.setTimeout"):
            args = expr.child_by_field_name("arguments")
            first = _unwrap(args.named_children[0]) if args is not None and args.named_children else None
            if first is None:
                return False
            if first.type in ("arrow_function", "function_expression"):
                if not only_reconnects(src, first):
                    return False
            elif not _RECONNECT.search(src.text(first).rsplit(".", 1)[-1]):
                return False
        elif callee.startswith("console."):
            continue
        elif not _RECONNECT.search(callee.rsplit(".", 1)[-1]):
            return False
    return bool(stmts)


def _ref_uses(src: Source, ref: str, call: Node, callback: Node, declaration: Node) -> list[Node]:
    """The `ref.current` nodes of the component that reach the socket; NotCertain when the ref is
    used outside the effect (an event handler sending on it, say) or other than through `.current`.

    `ref.current = null` in the cleanup is left alone: harmless once nothing opens a socket."""
    scope = call.parent
    while scope is not None and scope.type not in _FUNCTIONS:
        scope = scope.parent
    out: list[Node] = []
    for ident in src.identifiers(scope if scope is not None else src.root, ref):
        holder = ident.parent
        if holder is not None and holder.type == "variable_declarator" and holder.child_by_field_name("name") == ident:
            continue  # `const wsRef = useRef(...)`
        if not (callback.start_byte <= ident.start_byte < callback.end_byte):
            raise NotCertain(f"`{ref}` is used outside the effect (line {ident.start_point[0] + 1})")
        prop = holder.child_by_field_name("property") if holder is not None and holder.type == "member_expression" else None
        if holder is None or prop is None or src.text(prop) != "current":
            raise NotCertain(f"`{ref}` is used other than through `.current` (line {ident.start_point[0] + 1})")
        assign = holder.parent
        if assign is not None and assign.type == "assignment_expression" and assign.child_by_field_name("left") == holder:
            right = _unwrap(assign.child_by_field_name("right"))
            if assign.parent == declaration:
                continue  # the socket's own assignment
            if right is not None and right.type == "null":
                continue
        out.append(holder)
    return out
