"""Per-file analysis of TypeScript, TSX and JavaScript with tree-sitter.

`summarize(source, rel, language, type_field)` reads one file and returns a `FileSummary`: the
sockets it opens (`new WebSocket(url)`, `new window.WebSocket(url)`), every call that could go
through a wrapper (plain calls, `new C(...)`, `obj.method(...)`, JSX elements), with their
arguments as symbolic values, the handlers attached to each, and the file's imports/exports.
It knows nothing of other files; `_link.py` joins the summaries.

Comments and strings are never sites: only syntax nodes are read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from ws_migrate.analyse._dispatch_shape import read_dispatch
from ws_migrate.analyse._effect_shape import NotCertain, Source, only_reconnects, read_effect_socket
from ws_migrate.analyse._model import (
    Binding,
    Export,
    FileSummary,
    FunctionInfo,
    Handler,
    Import,
    OwnerKind,
    Pos,
    Registration,
    Site,
    TypeUse,
)
from ws_migrate.analyse._values import (
    Lit,
    Obj,
    Param,
    Template,
    Unknown,
    Value,
    concat,
    literal,
    only_owner,
    substitute,
)
from ws_migrate.analyse._wrapper_call_shape import read_wrapper_call
from ws_migrate.parse import first_error, language, parse, parser

if TYPE_CHECKING:
    from tree_sitter import Node

_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
_BLOCKS = frozenset({"statement_block", "program", "switch_case", "switch_default", "class_body"})
_WRAPPING = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
     "type_assertion", "await_expression"}
)
_SOCKET_CTORS = frozenset(
    {"WebSocket", "window.WebSocket", "globalThis.WebSocket", "self.WebSocket", "global.WebSocket"}
)
_SOCKET_EVENTS = {"onmessage": "message", "onerror": "error", "onclose": "close", "onopen": "open"}
_CLOSE_METHODS = ("close", "disconnect", "destroy", "terminate")
_NOT_REGISTRATION = frozenset(
    {"addEventListener", "removeEventListener", "send", "close", "get", "set", "has", "delete",
     "emit", "log", "warn", "error", "info", "debug", "push", "includes", "startsWith", "endsWith",
     "split", "replace", "indexOf", "join", "querySelector", "getItem", "setItem", "then", "catch"}
)
_EFFECTS = frozenset({"useEffect", "useLayoutEffect", "React.useEffect", "React.useLayoutEffect"})
_RECONNECT_NAME = re.compile(r"^(re)?connect|^(re)?open|^init|^start|^setup|reconnect", re.IGNORECASE)
_NON_HELPERS = frozenset(
    {"encodeURIComponent", "encodeURI", "String", "JSON.stringify", "Number", "decodeURIComponent"}
)
_HOOK = re.compile(r"use[A-Z0-9]")
_IGNORE = re.compile(rb"^(?://|/\*)\s*ws-migrate-ignore\b(?:\s*:\s*([A-Za-z0-9_,\- ]*))?")
_MAX_DEPTH = 24
_DATA = re.compile(rb"\.\s*data\b")
# attachment kinds for method calls on a socket (handlers use the event names themselves)
_CLOSES, _SENDS = "<close()>", "<send()>"
# Imports from these packages are frameworks, never the app's own socket wrappers.
_FRAMEWORKS = re.compile(
    r"^(react|react-dom|react-native|react-router(-dom)?|next|vue|svelte|preact|solid-js|rxjs|"
    r"lodash(-es)?|axios|redux|react-redux|zustand|mobx|jotai|recoil|@reduxjs/.*|@tanstack/.*|"
    r"@angular/.*|next/.*|react-dom/.*|lodash/.*)$"
)


_CAPTURED = {
    "new": ("new_expression",),
    "call": ("call_expression",),
    "assign": ("assignment_expression",),
    "jsx": ("jsx_self_closing_element", "jsx_opening_element"),
    "fn": tuple(sorted(_FUNCTIONS)),
    "return": ("return_statement",),
    "binary": ("binary_expression",),
    "switch": ("switch_statement",),
    "subscript": ("subscript_expression",),
    "comment": ("comment",),
}


@cache
def _query(lang: str) -> object:
    """One query for every node kind the analysis reads: one C-speed pass instead of a Python walk."""
    import tree_sitter

    grammar = language(lang)
    # a grammar may lack a node kind (JSX in .ts, `function` in TS); asking costs nothing,
    # where a trial query per kind took ten times the real one
    patterns = [f"({kind}) @{capture}" for capture, kinds in _CAPTURED.items() for kind in kinds
                if grammar.id_for_node_kind(kind, True) is not None]
    return tree_sitter.Query(grammar, " ".join(patterns))


def prepare(langs: Iterable[str]) -> None:
    """Build the parsers and queries of `langs` now: worker processes forked afterwards inherit
    them instead of each building its own."""
    for lang in langs:
        parser(lang)
        _query(lang)


def summarize(source: bytes, rel: str, lang: str, type_field: str = "type",
              payload_field: str = "payload") -> FileSummary:
    """Analyse one file. Never raises on bad input: syntax errors are recorded, the rest read."""
    tree = parse(source, lang)
    analysis = _FileAnalysis(source, tree.root_node, rel, lang, type_field)
    analysis.payload_field = payload_field
    return analysis.run(first_error(tree))


def _ignores(source: bytes, comments: list[Node]) -> tuple[tuple[int, tuple[str, ...], bool], ...]:
    """(line, ids, trailing) per `ws-migrate-ignore` comment; only real comments count.

    A comment alone on its line covers that line and the next; a trailing one only its own."""
    out: list[tuple[int, tuple[str, ...], bool]] = []
    for c in comments:
        text = source[c.start_byte:c.end_byte]
        m = _IGNORE.search(text)
        if m is None:
            continue
        line = c.start_point[0] + 1
        line_start = source.rfind(b"\n", 0, c.start_byte) + 1
        trailing = bool(source[line_start:c.start_byte].strip(b" \t{"))
        ids = m.group(1)
        words = ids.decode("ascii", "replace").replace(",", " ").split() if ids else []
        # `ws-migrate-ignore: <id> <reason…>`: the first word is the id, the rest the reason
        out.append((line, (words[0],) if words else ("*",), trailing))
    return tuple(out)


class _FileAnalysis:
    def __init__(self, source: bytes, root: Node, rel: str, lang: str, type_field: str) -> None:
        self.src = source
        self.root = root
        self.rel = rel
        self.lang = lang
        self.type_field = type_field
        self._owners_used: list[Node] = []
        self._visiting: set[int] = set()
        self._local_functions: dict[str, Node] | None = None
        self._imports: dict[str, Import] = {}
        self._attach: dict[str, list[tuple[str, Node, Node]]] = {}
        self._calls_by_name: dict[str, list[Node]] = {}
        self._nodes: dict[str, list[Node]] = {}
        self._parents: dict[int, Node] | None = None
        self._native_parents = 0
        self.payload_field = "payload"
        self._starts: dict[str, list[int]] = {}
        self._fn_around: list[int] | None = None  # see `_index_functions`
        self._function_names: dict[int, tuple[str, OwnerKind] | None] = {}
        self._params: dict[int, list[tuple[int, tuple[str, ...], str, bool]]] = {}

    # --- small helpers ---------------------------------------------------------------------------

    def text(self, node: Node) -> str:
        return self.src[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def pos(self, node: Node) -> Pos:
        row, col = node.start_point
        start = node.start_byte
        prefix = self.src[start - col:start]
        column = len(prefix.decode("utf-8", "replace")) + 1 if col else 1
        return Pos(row + 1, column, start, node.end_byte)

    @staticmethod
    def unwrap(node: Node | None) -> Node | None:
        while node is not None and node.type in _WRAPPING:
            node = node.named_children[0] if node.named_children else None
        return node

    def string_value(self, node: Node | None) -> str | None:
        node = self.unwrap(node)
        if node is None:
            return None
        if node.type == "string":
            return self._string_text(node)
        if node.type == "template_string" and not any(
            c.type == "template_substitution" for c in node.named_children
        ):
            return "".join(self.text(c) for c in node.named_children)
        return None

    def _string_text(self, node: Node) -> str:
        raw = self.src[node.start_byte + 1:node.end_byte - 1]
        if b"\\" not in raw:
            return raw.decode("utf-8", "replace")
        parts = []
        for c in node.named_children:
            t = self.text(c)
            parts.append(_unescape(t) if c.type == "escape_sequence" else t)
        return "".join(parts)

    def parent(self, node: Node) -> Node | None:
        """`node.parent`. Tree-sitter finds a parent by walking down from the root, so in deeply
        nested code every walk up would be quadratic: such files get a map built in one pass."""
        if self._parents is None:
            # tree-sitter's own lookup is fast for ordinary depths: use it until a file asks
            # for so many parents that it is likely deep, then pay for the map once
            self._native_parents += 1
            if self._native_parents < 200:
                return node.parent
            parents: dict[int, Node] = {}
            cursor = self.root.walk()
            stack: list[Node] = []
            while True:
                n = cursor.node
                assert n is not None
                if stack:
                    parents[n.id] = stack[-1]
                if cursor.goto_first_child():
                    stack.append(n)
                    continue
                done = False
                while not cursor.goto_next_sibling():
                    if not cursor.goto_parent():
                        done = True
                        break
                    stack.pop()
                if done:
                    break
            self._parents = parents
        return self._parents.get(node.id)

    def nodes_in(self, capture: str, node: Node) -> list[Node]:
        """Captured nodes of one kind inside `node`, in document order."""
        starts = self._starts.get(capture)
        if not starts:
            return []
        lo = bisect_left(starts, node.start_byte)
        hi = bisect_left(starts, node.end_byte, lo)
        return self._nodes[capture][lo:hi]

    def descendants(self, node: Node) -> Iterator[Node]:
        """All named descendants in document order, iteratively (deep code must not recurse)."""
        cursor = node.walk()
        depth = 0
        while True:
            if cursor.goto_first_child():
                depth += 1
            else:
                while not cursor.goto_next_sibling():
                    if depth == 0 or not cursor.goto_parent():
                        return
                    depth -= 1
                    if depth == 0:
                        return
            n = cursor.node
            if n is not None and n.is_named:
                yield n

    # --- functions and scopes --------------------------------------------------------------------

    def function_name(self, fn: Node) -> tuple[str, OwnerKind] | None:
        """Name and kind of a function-like node, or None when it is anonymous (a callback)."""
        key = fn.id
        if key not in self._function_names:  # asked for the same functions over and over
            self._function_names[key] = self._function_name(fn)
        return self._function_names[key]

    def _function_name(self, fn: Node) -> tuple[str, OwnerKind] | None:
        name: str | None = None
        if fn.type in ("function_declaration", "generator_function_declaration"):
            n = fn.child_by_field_name("name")
            name = self.text(n) if n else None
        elif fn.type == "method_definition":
            n = fn.child_by_field_name("name")
            cls = self.class_name(fn)
            if n is None or cls is None:
                return None
            meth = self.text(n)
            if meth == "constructor":
                return cls, "class"
            return f"{cls}.{meth}", "method"
        elif fn.type in ("arrow_function", "function_expression", "function", "generator_function"):
            parent = self.parent(fn)
            if parent is not None and parent.type == "variable_declarator":
                n = parent.child_by_field_name("name")
                if n is not None and n.type == "identifier":
                    name = self.text(n)
            elif parent is not None and parent.type in ("public_field_definition", "field_definition"):
                n = parent.child_by_field_name("name") or parent.child_by_field_name("property")
                cls = self.class_name(fn)
                if n is not None and cls is not None:
                    return f"{cls}.{self.text(n)}", "method"
        if not name:
            return None
        return name, _kind_of(name)

    def class_name(self, node: Node) -> str | None:
        p = self._class_body(node)
        cls = self.parent(p) if p is not None else None
        if cls is None:
            return None
        n = cls.child_by_field_name("name")
        if n is not None:
            return self.text(n)
        decl = self.parent(cls)  # `const Foo = class { ... }`
        if decl is not None and decl.type == "variable_declarator":
            n = decl.child_by_field_name("name")
            return self.text(n) if n is not None else None
        return None

    def params(self, fn: Node) -> list[tuple[int, tuple[str, ...], str, bool]]:
        """(index, path, name, is_property) for every name a function's parameters bind."""
        key = fn.id
        if key not in self._params:  # each name resolved inside `fn` asks again
            self._params[key] = self._read_params(fn)
        return self._params[key]

    def _read_params(self, fn: Node) -> list[tuple[int, tuple[str, ...], str, bool]]:
        out: list[tuple[int, tuple[str, ...], str, bool]] = []
        single = fn.child_by_field_name("parameter")
        if single is not None:
            out.append((0, (), self.text(single), False))
            return out
        plist = fn.child_by_field_name("parameters")
        if plist is None:
            return out
        index = 0
        for p in plist.named_children:
            if p.type in ("comment", "decorator"):
                continue
            prop = False
            pattern: Node | None = p
            if p.type in ("required_parameter", "optional_parameter"):
                prop = any(c.type in ("accessibility_modifier", "override_modifier", "readonly")
                           for c in p.children) or "readonly " in self.text(p)[:12]
                pattern = p.child_by_field_name("pattern")
            if pattern is not None and pattern.type == "assignment_pattern":
                pattern = pattern.child_by_field_name("left")
            if pattern is None:
                index += 1
                continue
            if pattern.type == "identifier":
                out.append((index, (), self.text(pattern), prop))
            elif pattern.type == "object_pattern":
                for key, local in self.pattern_names(pattern):
                    out.append((index, (key,), local, False))
            elif pattern.type == "rest_pattern":
                pass
            index += 1
        return out

    def pattern_names(self, pattern: Node) -> list[tuple[str, str]]:
        """(property, local name) pairs bound by an object pattern."""
        out = []
        for c in pattern.named_children:
            if c.type == "shorthand_property_identifier_pattern":
                out.append((self.text(c), self.text(c)))
            elif c.type == "object_assignment_pattern":
                left = c.child_by_field_name("left")
                if left is not None:
                    out.append((self.text(left), self.text(left)))
            elif c.type == "pair_pattern":
                k = c.child_by_field_name("key")
                v = self.unwrap(c.child_by_field_name("value"))
                if v is not None and v.type == "assignment_pattern":
                    v = v.child_by_field_name("left")
                if k is not None and v is not None and v.type == "identifier":
                    out.append((self.string_value(k) or self.text(k), self.text(v)))
        return out

    def enclosing_function(self, node: Node) -> Node | None:
        """The innermost function-like node around `node` (not `node` itself)."""
        around = self._fn_around
        if around is None:  # before the query ran: walk up
            p = self.parent(node)
            while p is not None and p.type not in _FUNCTIONS:
                p = self.parent(p)
            return p
        # From the query's functions, by position (functions nest): asking tree-sitter for
        # parents was a sixth of the analysis. The last function starting at or before `node`
        # holds it, or else only a function around that one can.
        fns = self._nodes["fn"]
        start, end = node.start_byte, node.end_byte
        i = bisect_right(self._starts["fn"], start) - 1
        while i >= 0:
            fn = fns[i]
            # the same span: `node` itself, or a statement that is only this function
            if fn.end_byte >= end and (fn.start_byte != start or fn.end_byte != end):
                return fn
            i = around[i]
        return None

    def _index_functions(self) -> None:
        """For each function of the query (in document order), the index of the innermost one
        around it, or -1."""
        around: list[int] = []
        open_: list[int] = []
        fns = self._nodes.get("fn", [])
        for i, fn in enumerate(fns):
            end = fn.end_byte
            while open_ and fns[open_[-1]].end_byte < end:
                open_.pop()
            around.append(open_[-1] if open_ else -1)
            open_.append(i)
        self._nodes.setdefault("fn", fns)
        self._starts.setdefault("fn", [])
        self._fn_around = around

    def enclosing_named(self, node: Node) -> tuple[Node, str, OwnerKind] | None:
        p: Node | None = node
        while p is not None:
            p = self.enclosing_function(p)
            if p is None:
                return None
            named = self.function_name(p)
            if named is not None:
                return p, named[0], named[1]
        return None

    def local_functions(self) -> dict[str, Node]:
        """Named function-like nodes of the file by name (the first one wins)."""
        if self._local_functions is None:
            found: dict[str, Node] = {}
            for n in self._nodes.get("fn", ()):
                named = self.function_name(n)
                if named is None:
                    continue
                found.setdefault(named[0], n)
                if named[1] == "method":
                    found.setdefault("this." + named[0].rsplit(".", 1)[-1], n)
            self._local_functions = found
        return self._local_functions

    # --- symbolic evaluation ---------------------------------------------------------------------

    def evaluate(self, node: Node | None, depth: int = 0) -> Value:
        node = self.unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return Unknown("")
        t = node.type
        if t == "string":
            return literal(self._string_text(node))
        if t == "template_string":
            vals: list[Value] = []
            for c in node.named_children:
                if c.type == "template_substitution":
                    inner = c.named_children[0] if c.named_children else None
                    vals.append(self.evaluate(inner, depth + 1))
                elif c.type == "escape_sequence":
                    vals.append(literal(_unescape(self.text(c))))
                else:
                    vals.append(literal(self.text(c)))
            return concat(*vals)
        if t == "binary_expression":
            op = node.child_by_field_name("operator")
            optext = self.text(op) if op is not None else ""
            left = node.child_by_field_name("left")
            if optext == "+":
                return concat(self.evaluate(left, depth + 1),
                              self.evaluate(node.child_by_field_name("right"), depth + 1))
            if optext in ("||", "??"):
                return self._name_only(self.evaluate(left, depth + 1))
            return Unknown("")
        if t == "identifier":
            return self.resolve(self.text(node), node, depth)
        if t in ("member_expression", "subscript_expression"):
            return self.evaluate_member(node, depth)
        if t == "call_expression":
            return self.evaluate_call(node, depth)
        if t == "ternary_expression":
            a = self.evaluate(node.child_by_field_name("consequence"), depth + 1)
            b = self.evaluate(node.child_by_field_name("alternative"), depth + 1)
            return a if a == b else Unknown(self._declared_name(node) or "expr")
        if t == "object":
            fields: list[tuple[str, Value]] = []
            for c in node.named_children:
                if c.type == "pair":
                    k = c.child_by_field_name("key")
                    if k is None:
                        continue
                    key = self.string_value(k) or self.text(k)
                    fields.append((key, self.evaluate(c.child_by_field_name("value"), depth + 1)))
                elif c.type == "shorthand_property_identifier":
                    fields.append((self.text(c), self.resolve(self.text(c), c, depth)))
            return Obj(tuple(fields))
        return Unknown("")

    def _name_only(self, v: Value) -> Value:
        if isinstance(v, (Param, Unknown)):
            return v
        return Unknown("")

    def _holder(self, node: Node) -> Node | None:
        """The node `node` is the value of, past parentheses, `as`, `!` and `await`."""
        p = self.parent(node)
        while p is not None and p.type in _WRAPPING:
            p = self.parent(p)
        return p

    def _declared_name(self, node: Node) -> str:
        p = self._holder(node)
        if p is not None and p.type == "variable_declarator":
            n = p.child_by_field_name("name")
            if n is not None and n.type == "identifier":
                return self.text(n)
        return ""

    def resolve(self, name: str, at: Node, depth: int) -> Value:
        """What identifier `name` holds at node `at`: a parameter, a const's value, or Unknown."""
        scope: Node | None = self.parent(at)
        child = at
        while scope is not None:
            if scope.type in _FUNCTIONS:
                for index, path, local, _ in self.params(scope):
                    if local == name:
                        return self._param(scope, index, path, local)
            elif scope.type in _BLOCKS:
                found = self._declaration_in(scope, name, child.start_byte)
                if found is not None:
                    return self._declared_value(found, name, depth)
            child = scope
            scope = self.parent(scope)
        return Unknown(name)

    def _param(self, fn: Node, index: int, path: tuple[str, ...], local: str) -> Value:
        named = self.function_name(fn)
        if named is None:
            return Unknown(local)  # a callback's parameter (`.map(t => …)`): a run-time value
        self._owners_used.append(fn)
        return Param(index, path, local, named[0])

    def _declaration_in(self, block: Node, name: str, before: int) -> Node | None:
        for stmt in block.named_children:
            if stmt.start_byte >= before and stmt.type not in ("function_declaration",):
                continue
            decl = stmt
            if stmt.type == "export_statement":
                d = stmt.child_by_field_name("declaration")
                if d is None:
                    continue
                decl = d
            if decl.type in ("lexical_declaration", "variable_declaration"):
                for d in decl.named_children:
                    if d.type != "variable_declarator":
                        continue
                    n = d.child_by_field_name("name")
                    if n is None:
                        continue
                    if n.type == "identifier" and self.text(n) == name:
                        return d
                    if n.type == "object_pattern" and any(
                        local == name for _, local in self.pattern_names(n)
                    ):
                        return d
            elif decl.type in ("function_declaration", "class_declaration"):
                n = decl.child_by_field_name("name")
                if n is not None and self.text(n) == name:
                    return decl
        return None

    def _declared_value(self, decl: Node, name: str, depth: int) -> Value:
        if decl.type != "variable_declarator":
            return Unknown(name)
        n = decl.child_by_field_name("name")
        value = decl.child_by_field_name("value")
        if value is None or n is None or decl.id in self._visiting:
            return Unknown(name)
        self._visiting.add(decl.id)
        try:
            v = self.evaluate(value, depth + 1)
        finally:
            self._visiting.discard(decl.id)
        if n.type == "object_pattern":
            for key, local in self.pattern_names(n):
                if local == name and isinstance(v, Obj):
                    got = v.get(key)
                    return got if got is not None else Unknown(name)
            return Unknown(name)
        if isinstance(v, Unknown) and not v.name:
            return Unknown(name)
        return v

    def evaluate_member(self, node: Node, depth: int) -> Value:
        obj = self.unwrap(node.child_by_field_name("object"))
        if node.type == "member_expression":
            prop_node = node.child_by_field_name("property")
            prop = self.text(prop_node) if prop_node is not None else ""
        else:
            prop = self.string_value(node.child_by_field_name("index")) or ""
        if obj is None or not prop:
            return Unknown(prop)
        if obj.type == "this":
            return self.resolve_this(prop, node, depth)
        if obj.type == "identifier":
            base = self.resolve(self.text(obj), obj, depth)
            if isinstance(base, Param):
                return Param(base.index, base.path + (prop,), prop, base.owner)
            if isinstance(base, Obj):
                got = base.get(prop)
                return got if got is not None else Unknown(prop)
        return Unknown(prop)

    def resolve_this(self, prop: str, at: Node, depth: int) -> Value:
        body = self._class_body(at)
        if body is None:
            return Unknown(prop)
        for member in body.named_children:
            if member.type == "method_definition":
                n = member.child_by_field_name("name")
                if n is None or self.text(n) != "constructor":
                    continue
                for index, path, local, is_prop in self.params(member):
                    if is_prop and local == prop:
                        return self._param(member, index, path, local)
                ctor_body = member.child_by_field_name("body")
                if ctor_body is None:
                    continue
                for stmt in ctor_body.named_children:
                    e = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
                    if e is None or e.type != "assignment_expression":
                        continue
                    left = e.child_by_field_name("left")
                    if left is not None and self.text(left) == f"this.{prop}":
                        return self.evaluate(e.child_by_field_name("right"), depth + 1)
            elif member.type in ("public_field_definition", "field_definition"):
                n = member.child_by_field_name("name") or member.child_by_field_name("property")
                if n is not None and self.text(n) == prop:
                    v = member.child_by_field_name("value")
                    if v is not None and v.type not in _FUNCTIONS:
                        return self.evaluate(v, depth + 1)
        return Unknown(prop)

    def evaluate_call(self, node: Node, depth: int) -> Value:
        fn = self.unwrap(node.child_by_field_name("function"))
        args_node = node.child_by_field_name("arguments")
        arg_nodes = [a for a in args_node.named_children if a.type != "comment"] if args_node else []
        if fn is None:
            return Unknown("")
        callee = self.text(fn)
        if callee in _NON_HELPERS:
            # `encodeURIComponent(token)` is still the token: keep what the argument is
            inner = self.evaluate(arg_nodes[0], depth + 1) if arg_nodes else Unknown(callee)
            return inner if not isinstance(inner, Obj) else Unknown(callee)
        short = callee.rsplit(".", 1)[-1]
        local = self.local_functions().get(callee) if fn.type == "identifier" else None
        args = tuple(self.evaluate(a, depth + 1) for a in arg_nodes)
        if local is not None and local.id not in self._visiting:
            ret = self._return_expression(local)
            if ret is not None:
                self._visiting.add(local.id)
                mark = len(self._owners_used)
                try:
                    inner = self.evaluate(ret, depth + 1)
                finally:
                    self._visiting.discard(local.id)
                    # the helper's own parameters are substituted here, not owned by the site
                    del self._owners_used[mark:]
                return substitute(inner, args)
        # An unknown URL helper (`wsUrl('/ws/system')`): a base the app picks plus the given path;
        # given a whole URL (`wsUrl('wss://host/ws/x')`), the URL itself
        for a in args:
            if isinstance(a, Param):
                return concat(Unknown(short), a)
            first = a.parts[0] if isinstance(a, Template) and a.parts else None
            if isinstance(first, Lit):
                if "://" in first.text:
                    return a
                if first.text.startswith("/"):
                    return concat(Unknown(short), a)
        return Unknown(short)

    def _return_expression(self, fn: Node) -> Node | None:
        body = fn.child_by_field_name("body")
        if body is None:
            return None
        if body.type != "statement_block":
            return body
        returns = [s for s in body.named_children if s.type == "return_statement"]
        if len(returns) == 1 and returns[0].named_children:
            return returns[0].named_children[0]
        return None

    # --- the analysis ----------------------------------------------------------------------------

    def run(self, error: Node | None) -> FileSummary:
        self._read_module()
        import tree_sitter

        cursor = tree_sitter.QueryCursor(_query(self.lang))  # type: ignore[arg-type]
        caps = cursor.captures(self.root)
        for name, nodes in caps.items():
            nodes.sort(key=lambda n: n.start_byte)
            self._nodes[name] = nodes
            self._starts[name] = [n.start_byte for n in nodes]
        self._index_functions()
        news = caps.get("new", [])
        calls = caps.get("call", [])
        heads = self._index_attachments(calls, caps.get("assign", []))
        sockets: list[Site] = []
        sites: list[Site] = []
        local_news, field_news = self._local_news(news)
        for node in news:
            ctor = self.unwrap(node.child_by_field_name("constructor"))
            if ctor is None:
                continue
            name = self.text(ctor)
            if name in _SOCKET_CTORS:
                args = self._args(node)
                sockets.append(self.site(node, "socket", "", args, self._blocker(node)))
            elif ctor.type == "identifier" and self._is_app_name(name):
                sites.append(self.site(node, "new", name, self._args(node)))
        for node, name, obj, target in heads:
            if obj is None:
                if self._is_app_name(name):
                    sites.append(self.site(node, "call", name, self._args(node)))
            elif obj.type == "this" or (obj.type == "identifier" and self._is_app_name(target)):
                sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node)))
            elif obj.type == "identifier" and target in local_news:
                cls = self._instance_class(obj, target)
                if cls is not None:
                    sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node),
                                           receiver=cls))
            elif field_news and target.startswith("this.") and obj.type == "member_expression":
                body = self._class_body(obj)
                cls = field_news.get((body.id, target[5:])) if body is not None else None
                if cls is not None:
                    sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node),
                                           receiver=cls))
        for node in caps.get("jsx", []):
            n = node.child_by_field_name("name")
            if n is None or n.type != "identifier":
                continue
            name = self.text(n)
            if name[:1].isupper() and self._is_app_name(name):
                sites.append(self.site(node, "jsx", name, (self._jsx_props(node),)))
        sockets.sort(key=lambda s: s.pos.start)
        sites.sort(key=lambda s: s.pos.start)
        err_pos = self.pos(error) if error is not None else None
        err_msg = ""
        if error is not None:
            err_msg = (f"missing {error.type}" if error.is_missing
                       else f"unexpected {self.text(error)[:30].splitlines()[0] if self.text(error).strip() else 'input'!r}")
        return FileSummary(
            rel=self.rel,
            language=self.lang,
            sockets=tuple(sockets),
            calls=tuple(sites),
            functions=tuple(self._functions),
            imports=tuple(self._imports.values()),
            exports=tuple(self._exports),
            instances=tuple(self._instances),
            ignores=_ignores(self.src, self._nodes.get("comment", [])),
            parse_error=err_pos,
            parse_error_message=err_msg,
            lines=self.src.count(b"\n") + 1,
        )

    def _blocker(self, node: Node) -> str:
        """Why `fix` would leave this socket alone, read from the same tree ("" if it would not)."""
        src = Source(self.src, self.root)
        try:
            shape = read_effect_socket(src, node)
            message = next(h for h in shape.handlers if h.event == "message")
            read_dispatch(src, message.function, self.type_field, self.payload_field)
        except NotCertain as exc:
            return str(exc)
        except Exception as exc:  # noqa: BLE001 - a recogniser bug must not cost the scan
            return f"not recognised ({type(exc).__name__})"
        for h in shape.handlers:
            if h.event == "open":
                return "an `onopen` handler has no unified equivalent `fix` can write"
            if h.event == "close" and not only_reconnects(src, h.function):
                return "the `onclose` handler does more than reconnect"
        return ""

    def _local_news(self, news: list[Node]) -> tuple[set[str], dict[tuple[int, str], str]]:
        """Where the file keeps instances of its app classes: the names a `const x = new C(…)`
        binds (the only ones `_instance_class` is asked about: looking a name up costs a walk up
        the tree), and the fields a class sets to one (`this.x = new C(…)`, `x = new C(…);` in
        its body), by (class body, field): C."""
        names: set[str] = set()
        fields: dict[tuple[int, str], str] = {}
        for node in news:
            ctor = self.unwrap(node.child_by_field_name("constructor"))
            if ctor is None or ctor.type != "identifier" or not self._is_app_name(self.text(ctor)):
                continue
            holder = self._holder(node)
            field = ""
            if holder is not None and holder.type == "variable_declarator":
                name = self._declared_name(node)
                if name:
                    names.add(name)
            elif holder is not None and holder.type == "assignment_expression":
                left = holder.child_by_field_name("left")
                if left is not None and left.type == "member_expression" and self.text(left).startswith("this."):
                    field = self.text(left)[5:]
            elif holder is not None and holder.type in ("public_field_definition", "field_definition"):
                n = holder.child_by_field_name("name") or holder.child_by_field_name("property")
                field = self.text(n) if n is not None else ""
            body = self._class_body(node) if field and "." not in field else None
            if body is not None:
                fields[(body.id, field)] = self.text(ctor)
        return names, fields

    def _class_body(self, node: Node) -> Node | None:
        """The body of the class `node` is in, or None."""
        body = self.parent(node)
        while body is not None and body.type != "class_body":
            body = self.parent(body)
        return body

    def _instance_class(self, obj: Node, name: str) -> str | None:
        """The app class whose instance `name` is where `obj` uses it: a `const name = new C(…)`
        in scope (not a parameter or another binding that shadows it)."""
        scope = self.parent(obj)
        child = obj
        while scope is not None:
            if scope.type in _FUNCTIONS and any(local == name for _, _, local, _ in self.params(scope)):
                return None
            if scope.type in _BLOCKS:
                decl = self._declaration_in(scope, name, child.start_byte)
                if decl is not None:
                    if decl.type != "variable_declarator":
                        return None
                    n = decl.child_by_field_name("name")
                    value = self.unwrap(decl.child_by_field_name("value"))
                    if n is None or n.type != "identifier" or value is None or value.type != "new_expression":
                        return None
                    ctor = self.unwrap(value.child_by_field_name("constructor"))
                    if ctor is None or ctor.type != "identifier":
                        return None
                    cls = self.text(ctor)
                    return cls if cls not in _SOCKET_CTORS and self._is_app_name(cls) else None
            child = scope
            scope = self.parent(scope)
        return None

    def _is_app_name(self, name: str) -> bool:
        """Could `name` be a wrapper? Imported, declared in this file, or a module instance."""
        imported = self._imports.get(name)
        if imported is not None:
            return not _FRAMEWORKS.match(imported.source)
        return name in self.local_functions() or name in self._instance_names

    def _args(self, node: Node) -> tuple[Value, ...]:
        args = node.child_by_field_name("arguments")
        if args is None:
            return ()
        if args.type == "template_string":  # tagged template
            return ()
        return tuple(self.evaluate(a) for a in args.named_children if a.type != "comment")

    def _jsx_props(self, node: Node) -> Obj:
        fields: list[tuple[str, Value]] = []
        for attr in node.named_children:
            if attr.type != "jsx_attribute" or not attr.named_children:
                continue
            key = self.text(attr.named_children[0])
            val = attr.named_children[1] if len(attr.named_children) > 1 else None
            if val is None:
                fields.append((key, Unknown(key)))
            elif val.type == "jsx_expression":
                inner = val.named_children[0] if val.named_children else None
                fields.append((key, self.evaluate(inner)))
            else:
                fields.append((key, self.evaluate(val)))
        return Obj(tuple(fields))

    def site(self, node: Node, kind: str, callee: str, args: tuple[Value, ...], blocker: str = "",
             receiver: str = "") -> Site:
        """`blocker`: why `fix` would leave a socket alone (see `_blocker`); `receiver`: the class
        of the local instance a method is called on."""
        # `args` were evaluated just before; the parameters they used name the owner
        owners = self._owners_used
        self._owners_used = []
        owner_node: Node | None = None
        owner: str | None = None
        owner_kind: OwnerKind | None = None
        if owners:
            owner_node = max(owners, key=lambda n: n.start_byte)
            named = self.function_name(owner_node)
            if named is not None:
                owner, owner_kind = named
        if owner is None:
            found = self.enclosing_named(node)
            if found is not None:
                owner_node, owner, owner_kind = found
        if len({n.id for n in owners}) > 1:
            args = tuple(only_owner(a, owner) for a in args)
        binding, returned = self.binding(node)
        handlers: list[Handler] = []
        registrations: list[Registration] = []
        closes = False
        sends = 0
        if binding.kind in ("variable", "member", "ref"):
            scope = self.binding_scope(node, binding)
            for what, entry, target in self.attachments(binding.text, scope):
                if what in _SOCKET_EVENTS.values():
                    handlers.append(self.handler(what, entry, target, owner))
                elif what == _CLOSES:
                    closes = True
                elif what == _SENDS:
                    sends += 1
                else:
                    registrations.append(Registration(what, TypeUse(
                        self.string_value(target) or "", self.pos(target), "register")))
        elif binding.kind == "destructured":
            scope = self.binding_scope(node, binding)
            for local, prop in zip(binding.names, binding.properties):
                for call in self._calls_by_name.get(local, ()):
                    if scope[0] <= call.start_byte < scope[1]:
                        first = self._first_arg(call)
                        value = self.string_value(first)
                        if first is not None and value is not None:
                            registrations.append(Registration(prop, TypeUse(value, self.pos(first), "register")))
        cleanup: bool | None = None
        in_react = False
        if kind in ("socket", "new", "member-call"):
            cleanup, in_react = self.cleanup(node, binding)
        if kind == "socket" and returned:
            binding = Binding("returned", binding.text, binding.names, binding.properties)
        if kind in ("call", "member-call", "new") and registrations:
            try:
                read_wrapper_call(Source(self.src, self.root), node)
            except NotCertain as exc:
                blocker = str(exc)
            except Exception as exc:  # noqa: BLE001 - a recogniser bug must not cost the scan
                blocker = f"not recognised ({type(exc).__name__})"
        return Site(
            kind=kind,  # type: ignore[arg-type]
            callee=callee,
            args=args,
            pos=self.pos(node),
            owner=owner,
            owner_kind=owner_kind,
            binding=binding,
            handlers=tuple(handlers),
            registrations=tuple(registrations),
            closes=closes,
            sends=sends,
            cleanup=cleanup,
            in_react=in_react,
            snippet=" ".join(self.text(node).split())[:160],
            blocker=blocker,
            receiver=receiver,
        )

    def _first_arg(self, call: Node) -> Node | None:
        args = call.child_by_field_name("arguments")
        if args is None:
            return None
        named = [a for a in args.named_children if a.type != "comment"]
        return named[0] if named else None

    def binding(self, node: Node) -> tuple[Binding, bool]:
        """Where the value of `node` is kept, and whether its function returns it."""
        child = node
        p = self.parent(node)
        while p is not None and p.type in _WRAPPING:
            child, p = p, self.parent(p)
        if p is None:
            return Binding("none"), False
        b = Binding("none")
        if p.type == "variable_declarator" and p.child_by_field_name("value") == child:
            n = p.child_by_field_name("name")
            if n is not None and n.type == "identifier":
                b = Binding("variable", self.text(n))
            elif n is not None and n.type == "object_pattern":
                pairs = self.pattern_names(n)
                return Binding("destructured", names=tuple(l for _, l in pairs),
                               properties=tuple(k for k, _ in pairs)), False
        elif p.type == "assignment_expression" and p.child_by_field_name("right") == child:
            left = p.child_by_field_name("left")
            if left is not None:
                text = self.text(left)
                if left.type == "identifier":
                    b = Binding("variable", text)
                elif left.type == "member_expression":
                    b = Binding("ref" if text.endswith(".current") else "member", text)
        elif p.type in ("public_field_definition", "field_definition"):
            n = p.child_by_field_name("name") or p.child_by_field_name("property")
            if n is not None:
                b = Binding("member", f"this.{self.text(n)}")
        elif p.type == "return_statement" or (p.type == "arrow_function" and p.child_by_field_name("body") == child):
            return Binding("returned"), True
        returned = False
        if b.kind == "variable":
            fn = self.enclosing_function(node)
            if fn is not None:
                for d in self.nodes_in("return", fn):
                    if d.named_children and self.text(d.named_children[0]) == b.text:
                        if self.enclosing_function(d) == fn:
                            returned = True
                            break
        return b, returned

    def binding_scope(self, node: Node, binding: Binding) -> tuple[int, int]:
        if binding.kind == "member":
            p = self._class_body(node)
            if p is not None:
                return p.start_byte, p.end_byte
            return 0, len(self.src)
        if binding.kind == "ref":
            found = self.enclosing_named(node)
            return (found[0].start_byte, found[0].end_byte) if found else (0, len(self.src))
        decl = self.parent(node)
        while decl is not None and decl.type in _WRAPPING:
            decl = self.parent(decl)
        if decl is not None and decl.type == "assignment_expression":
            # `ws = new WebSocket()` assigns a variable declared elsewhere: look where it lives
            v = self.resolve_scope_of(binding.text, node)
            if v is not None:
                return v.start_byte, v.end_byte
            return 0, len(self.src)
        fn = self.enclosing_function(node)
        scope = fn if fn is not None else self.root
        return scope.start_byte, scope.end_byte

    def resolve_scope_of(self, name: str, at: Node) -> Node | None:
        scope = self.parent(at)
        child = at
        while scope is not None:
            if scope.type in _BLOCKS and self._declaration_in(scope, name, child.start_byte) is not None:
                return scope
            child = scope
            scope = self.parent(scope)
        return None

    def _index_attachments(self, calls: list[Node], assigns: list[Node]
                           ) -> list[tuple[Node, str, Node | None, str]]:
        """One pass over calls and assignments: what is attached to which object text. Returns
        the calls of a name, (call, name, None, ""), and of a method, (call, method, object,
        object's text), in document order."""
        heads: list[tuple[Node, str, Node | None, str]] = []
        for a in assigns:
            left = a.child_by_field_name("left")
            right = a.child_by_field_name("right")
            if left is None or right is None or left.type != "member_expression":
                continue
            prop = left.child_by_field_name("property")
            obj = left.child_by_field_name("object")
            if prop is None or obj is None:
                continue
            event = _SOCKET_EVENTS.get(self.text(prop))
            if event is not None and right.type not in ("null", "undefined"):
                self._attach.setdefault(self.text(obj), []).append((event, a, right))
        for c in calls:
            fn = self.unwrap(c.child_by_field_name("function"))
            if fn is None:
                continue
            if fn.type == "identifier":
                name = self.text(fn)
                self._calls_by_name.setdefault(name, []).append(c)
                heads.append((c, name, None, ""))
                continue
            if fn.type != "member_expression":
                continue
            prop = fn.child_by_field_name("property")
            obj = fn.child_by_field_name("object")
            if prop is None or obj is None:
                continue
            method = self.text(prop)
            target = self.text(obj)
            heads.append((c, method, obj, target))
            if method == "addEventListener":
                ev = self.string_value(self._first_arg(c))
                args = c.child_by_field_name("arguments")
                named = [x for x in args.named_children if x.type != "comment"] if args else []
                if ev in ("message", "error", "close", "open") and len(named) > 1:
                    self._attach.setdefault(target, []).append((ev, c, named[1]))
            elif method in _CLOSE_METHODS:
                self._attach.setdefault(target, []).append((_CLOSES, c, c))
            elif method == "send":
                self._attach.setdefault(target, []).append((_SENDS, c, c))
            elif method not in _NOT_REGISTRATION:
                first = self._first_arg(c)
                if first is not None and self.string_value(first) is not None:
                    self._attach.setdefault(target, []).append((method, c, first))
        return heads

    def attachments(self, target: str, scope: tuple[int, int]) -> Iterator[tuple[str, Node, Node]]:
        for what, entry, value in self._attach.get(target, ()):
            if scope[0] <= entry.start_byte < scope[1]:
                yield what, entry, value

    # --- handlers --------------------------------------------------------------------------------

    def handler_function(self, value: Node) -> tuple[str, Node | None]:
        v = self.unwrap(value)
        if v is None:
            return "unknown", None
        if v.type == "call_expression":  # `this.onMessage.bind(this)`
            fn = v.child_by_field_name("function")
            if fn is not None and fn.type == "member_expression":
                prop = fn.child_by_field_name("property")
                if prop is not None and self.text(prop) == "bind":
                    inner = fn.child_by_field_name("object")
                    if inner is not None:
                        v = inner
        if v.type in _FUNCTIONS:
            return "inline", v
        text = self.text(v)
        found = self.local_functions().get(text)
        if v.type == "identifier":
            return (f"named:{text}", found) if found is not None else (f"unknown:{text}", None)
        if v.type == "member_expression" and text.startswith("this."):
            return (f"member:{text}", found) if found is not None else (f"unknown:{text}", None)
        return f"unknown:{text[:40]}", None

    def handler(self, event: str, entry: Node, value: Node, owner: str | None) -> Handler:
        target, fn = self.handler_function(value)
        style = "property" if entry.type == "assignment_expression" else "listener"
        if fn is None:
            return Handler(event, style, target, self.pos(entry))  # type: ignore[arg-type]
        uses: list[TypeUse] = []
        unguarded: list[Pos] = []
        parses = False
        reconnect = False
        dispatches = False
        seen: set[int] = set()
        todo: list[tuple[Node, int]] = [(fn, 0)]
        while todo:
            body, level = todo.pop()
            if body.id in seen:
                continue
            seen.add(body.id)
            for n in self.nodes_in("binary", body):
                self._compare(n, uses)
            for n in self.nodes_in("switch", body):
                value_node = self.unwrap(n.child_by_field_name("value"))
                if value_node is not None and self.is_type_expr(value_node):
                    sbody = n.child_by_field_name("body")
                    for case in sbody.named_children if sbody else ():
                        cv = case.child_by_field_name("value")
                        sv = self.string_value(cv) if cv is not None else None
                        if sv is not None and cv is not None:
                            uses.append(TypeUse(sv, self.pos(cv), "switch"))
            for n in self.nodes_in("subscript", body):
                index = self.unwrap(n.child_by_field_name("index"))
                if index is not None and self.is_type_expr(index):
                    dispatches = True
                    self._table(n.child_by_field_name("object"), uses)
            for n in self.nodes_in("call", body):
                callee_node = n.child_by_field_name("function")
                callee = self.text(callee_node) if callee_node is not None else ""
                if callee == "JSON.parse":
                    parses = True
                    if not self._guarded(n, fn):
                        unguarded.append(self.pos(n))
                elif callee.endswith(".get") and callee_node is not None:
                    first = self._first_arg(n)
                    if first is not None and self.is_type_expr(self.unwrap(first)):
                        dispatches = True  # a registry keyed by type: `handlers.get(msg.type)`
                        self._table(callee_node.child_by_field_name("object"), uses)
                if event == "close":
                    names = [callee]
                    if callee in ("setTimeout", "setInterval", "window.setTimeout"):
                        # `setTimeout(connect, 1000)`: the function is passed, not called
                        first = self.unwrap(self._first_arg(n))
                        if first is not None and first.type in ("identifier", "member_expression"):
                            names.append(self.text(first))
                    reconnect = reconnect or any(self._reopens(name, owner) for name in names)
                local = self.local_functions().get(callee)
                if local is not None and level < 2 and event == "message":
                    todo.append((local, level + 1))
            if event == "close" and not reconnect:
                for n in self.nodes_in("new", body):
                    ctor = n.child_by_field_name("constructor")
                    if ctor is not None and self.text(ctor) in _SOCKET_CTORS:
                        reconnect = True
            if not parses and _DATA.search(self.src, body.start_byte, body.end_byte):
                parses = True  # uses `event.data` directly
        return Handler(
            event,  # type: ignore[arg-type]
            style,  # type: ignore[arg-type]
            target,
            self.pos(entry),
            type_uses=tuple(sorted(set(uses), key=lambda u: u.pos.start)),
            whole_message=event == "message" and parses and not uses and not dispatches,
            forwards_payload=dispatches and self._forwards_payload(fn),
            reconnect=reconnect,
            unguarded_parse=tuple(unguarded),
        )

    def _forwards_payload(self, fn: Node) -> bool:
        """Does the handler call something with `<msg>.<payload_field>` alone?"""
        rx = re.compile(rb"\(\s*[\w$]+\s*\??\.\s*" + re.escape(self.payload_field.encode()) + rb"\s*\)")
        return rx.search(self.src, fn.start_byte, fn.end_byte) is not None

    @staticmethod
    def _reopens(callee: str, owner: str | None) -> bool:
        """Does calling `callee` from a close handler open the socket again?"""
        short = callee.rsplit(".", 1)[-1]
        if _RECONNECT_NAME.search(short):
            return True
        return owner is not None and short == owner.rsplit(".", 1)[-1]

    def is_type_expr(self, node: Node | None) -> bool:
        """`msg.type`, `msg['type']`, or a `type` variable (destructured from the message)."""
        node = self.unwrap(node)
        if node is None:
            return False
        tf = self.type_field
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            return prop is not None and self.text(prop) == tf
        if node.type == "subscript_expression":
            return self.string_value(node.child_by_field_name("index")) == tf
        if node.type == "identifier":
            name = self.text(node)
            if name == tf:
                return True
            decl = self.resolve_scope_of(name, node)
            if decl is not None:
                d = self._declaration_in(decl, name, node.start_byte)
                if d is not None and d.type == "variable_declarator":
                    return self.is_type_expr(d.child_by_field_name("value"))
        return False

    def _compare(self, n: Node, uses: list[TypeUse]) -> None:
        op = n.child_by_field_name("operator")
        if op is None or self.text(op) not in ("===", "==", "!==", "!="):
            return
        left = n.child_by_field_name("left")
        right = n.child_by_field_name("right")
        for a, b in ((left, right), (right, left)):
            s = self.string_value(b)
            if s is not None and b is not None and self.is_type_expr(a):
                uses.append(TypeUse(s, self.pos(b), "compare"))
                return

    def _table(self, obj: Node | None, uses: list[TypeUse]) -> None:
        """Keys of a handler table: an object literal, or a `new Map([[k, fn], …])`, in this file."""
        obj = self.unwrap(obj)
        if obj is None:
            return
        value: Node | None = None
        if obj.type == "identifier":
            scope = self.resolve_scope_of(self.text(obj), obj)
            if scope is not None:
                d = self._declaration_in(scope, self.text(obj), obj.start_byte)
                if d is not None and d.type == "variable_declarator":
                    value = self.unwrap(d.child_by_field_name("value"))
        elif obj.type == "member_expression" and self.text(obj).startswith("this."):
            cls = self._class_body(obj)
            for member in cls.named_children if cls is not None else ():
                if member.type in ("public_field_definition", "field_definition"):
                    n = member.child_by_field_name("name") or member.child_by_field_name("property")
                    if n is not None and f"this.{self.text(n)}" == self.text(obj):
                        value = self.unwrap(member.child_by_field_name("value"))
        if value is None:
            return
        if value.type == "object":
            for c in value.named_children:
                key = c.child_by_field_name("key") if c.type in ("pair", "method_definition") else (
                    c if c.type == "shorthand_property_identifier" else None)
                if c.type == "method_definition":
                    key = c.child_by_field_name("name")
                if key is not None:
                    uses.append(TypeUse(self.string_value(key) or self.text(key), self.pos(key), "table"))
        elif value.type == "new_expression":
            args = value.child_by_field_name("arguments")
            arr = args.named_children[0] if args is not None and args.named_children else None
            for entry in arr.named_children if arr is not None and arr.type == "array" else ():
                if entry.type == "array" and entry.named_children:
                    k = entry.named_children[0]
                    s = self.string_value(k)
                    if s is not None:
                        uses.append(TypeUse(s, self.pos(k), "table"))

    def _guarded(self, node: Node, stop: Node) -> bool:
        child = node
        p = self.parent(node)
        while p is not None and p != stop:
            if p.type == "try_statement" and p.child_by_field_name("body") == child:
                return True
            child, p = p, self.parent(p)
        return False

    # --- React cleanup ---------------------------------------------------------------------------

    def cleanup(self, node: Node, binding: Binding) -> tuple[bool | None, bool]:
        """(closed in an effect cleanup?, opened in React code?) for a socket or client opened here."""
        p: Node | None = node
        component: Node | None = None
        while p is not None:
            p = self.enclosing_function(p)
            if p is None:
                break
            named = self.function_name(p)
            if named is not None and named[1] in ("component", "hook"):
                component = p
                break
        if component is None:
            return None, False
        if binding.kind in ("none", "returned", "destructured") or not binding.text:
            return None, True
        closer = re.compile(re.escape(binding.text) + r"\s*\??\.\s*(?:" + "|".join(_CLOSE_METHODS) + r")\s*\(")
        for call in self.nodes_in("call", component):
            fn = call.child_by_field_name("function")
            if fn is None or self.text(fn) not in _EFFECTS:
                continue
            cb = self.unwrap(self._first_arg(call))
            if cb is None or cb.type not in _FUNCTIONS:
                continue
            for ret in self._own_returns(cb):
                value = self.unwrap(ret.named_children[0]) if ret.named_children else None
                if value is None:
                    continue
                if value.type == "identifier":
                    local = self.local_functions().get(self.text(value))
                    value = local if local is not None else value
                if closer.search(self.text(value)):
                    return True, True
        return False, True

    def _own_returns(self, fn: Node) -> Iterator[Node]:
        body = fn.child_by_field_name("body")
        if body is None:
            return
        stack = [body]
        while stack:
            n = stack.pop()
            for c in n.named_children:
                if c.type == "return_statement":
                    yield c
                elif c.type not in _FUNCTIONS and c.type not in ("class_declaration", "class"):
                    stack.append(c)

    # --- module level ----------------------------------------------------------------------------

    def _read_module(self) -> None:
        self._exports: list[Export] = []
        self._functions: list[FunctionInfo] = []
        self._instances: list[tuple[str, str]] = []
        for stmt in self.root.named_children:
            if stmt.type == "import_statement":
                self._read_import(stmt)
            elif stmt.type == "export_statement":
                self._read_export(stmt)
            else:
                self._read_declaration(stmt, exported=False)
        self._instance_names = {name for name, _ in self._instances}

    def _read_import(self, stmt: Node) -> None:
        src = self.string_value(stmt.child_by_field_name("source"))
        if src is None:
            return
        for clause in stmt.named_children:
            if clause.type != "import_clause":
                continue
            for c in clause.named_children:
                if c.type == "identifier":
                    self._imports[self.text(c)] = Import(self.text(c), "default", src)
                elif c.type == "namespace_import":
                    for i in c.named_children:
                        if i.type == "identifier":
                            self._imports[self.text(i)] = Import(self.text(i), "*", src)
                elif c.type == "named_imports":
                    for spec in c.named_children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias")
                        if name is None:
                            continue
                        local = self.text(alias) if alias is not None else self.text(name)
                        self._imports[local] = Import(local, self.string_value(name) or self.text(name), src)

    def _read_export(self, stmt: Node) -> None:
        source = self.string_value(stmt.child_by_field_name("source"))
        decl = stmt.child_by_field_name("declaration")
        is_default = any(c.type == "default" for c in stmt.children)
        if decl is not None:
            for name in self._read_declaration(decl, exported=True):
                self._exports.append(Export("default" if is_default else name, name))
            return
        value = stmt.child_by_field_name("value")
        if is_default and value is not None:
            v = self.unwrap(value)
            if v is not None and v.type == "identifier":
                self._exports.append(Export("default", self.text(v)))
            return
        clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
        if clause is None:
            if source is not None:
                self._exports.append(Export("*", None, source))
            return
        for spec in clause.named_children:
            if spec.type != "export_specifier":
                continue
            name_node = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias")
            if name_node is None:
                continue
            local = self.text(name_node)
            exported = self.text(alias) if alias is not None else local
            self._exports.append(Export(exported, local, source))

    def _read_declaration(self, decl: Node, exported: bool) -> list[str]:
        names: list[str] = []
        if decl.type in ("function_declaration", "generator_function_declaration", "class_declaration",
                         "abstract_class_declaration"):
            n = decl.child_by_field_name("name")
            if n is not None:
                names.append(self.text(n))
                kind: OwnerKind = "class" if "class" in decl.type else _kind_of(self.text(n))
                self._functions.append(FunctionInfo(self.text(n), kind, self._param_names(decl), self.pos(decl)))
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in decl.named_children:
                if d.type != "variable_declarator":
                    continue
                n = d.child_by_field_name("name")
                if n is None or n.type != "identifier":
                    continue
                name = self.text(n)
                names.append(name)
                v = self.unwrap(d.child_by_field_name("value"))
                if v is None:
                    continue
                if v.type in _FUNCTIONS:
                    self._functions.append(FunctionInfo(name, _kind_of(name), self._param_names(v), self.pos(d)))
                elif v.type == "new_expression":
                    ctor = v.child_by_field_name("constructor")
                    if ctor is not None and ctor.type == "identifier":
                        self._instances.append((name, self.text(ctor)))
        return names

    def _param_names(self, fn: Node) -> tuple[tuple[str, ...], ...]:
        if fn.type in ("class_declaration", "abstract_class_declaration"):
            body = fn.child_by_field_name("body")
            for m in body.named_children if body is not None else ():
                n = m.child_by_field_name("name") if m.type == "method_definition" else None
                if n is not None and self.text(n) == "constructor":
                    fn = m
                    break
            else:
                return ()
        by_index: dict[int, list[str]] = {}
        for index, path, local, _ in self.params(fn):
            by_index.setdefault(index, []).append(path[0] if path else local)
        return tuple(tuple(by_index[i]) for i in sorted(by_index))


def _unescape(seq: str) -> str:
    """The character a simple escape sequence stands for (URLs rarely hold anything else)."""
    simple = {"\\n": "\n", "\\t": "\t", "\\r": "\r", "\\0": "\0"}
    if seq in simple:
        return simple[seq]
    return seq[1:] if len(seq) == 2 else seq


def _kind_of(name: str) -> OwnerKind:
    if _HOOK.match(name):
        return "hook"
    if name[:1].isupper():
        return "component"
    return "function"
