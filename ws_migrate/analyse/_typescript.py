"""Per-file analysis of TypeScript, TSX and JavaScript with tree-sitter.

`summarize(source, rel, language, type_field)` reads one file and returns a `FileSummary`: the
sockets it opens (`new WebSocket(url)`, `new window.WebSocket(url)`), every call that could go
through a wrapper (plain calls, `new C(...)`, `obj.method(...)`, JSX elements), with their
arguments as symbolic values, the handlers attached to each, and the file's imports/exports.
It knows nothing of other files; `_link.py` joins the summaries.

Comments and strings are never sites: only syntax nodes are read.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from ws_migrate.analyse._dispatch_shape import read_dispatch
from ws_migrate.analyse._effect_shape import NotCertain, Source, only_reconnects, read_effect_socket
from ws_migrate.analyse._model import (
    Binding,
    FileSummary,
    Handler,
    Import,
    OwnerKind,
    Pos,
    Registration,
    Site,
    TypeUse,
)
from ws_migrate.analyse._values import (
    Call,
    Choice,
    Lit,
    Obj,
    Param,
    Ref,
    Template,
    Unknown,
    Value,
    choice,
    concat,
    has_param,
    literal,
    needs_link,
    only_owner,
    pick,
    substitute,
    unknown_helper,
)
from ws_migrate.analyse._wrapper_call_shape import read_wrapper_call
from ws_migrate.analyse.shapes import _exposure as exposure
from ws_migrate.analyse.shapes import _handlers as handlers_
from ws_migrate.analyse.shapes import _libraries as libraries
from ws_migrate.analyse.shapes import _lifecycle as lifecycle
from ws_migrate.analyse.shapes import _messages as messages
from ws_migrate.analyse.shapes import _module as module_
from ws_migrate.analyse.shapes import _registrations as registrations_
from ws_migrate.analyse.shapes._nodes import WRAPPING
from ws_migrate.parse import first_error, language, parse, parser, script_language

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
_WRAPPING = WRAPPING
_SOCKET_CTORS = libraries.SOCKET_CTORS
_SOCKET_EVENTS = {"onmessage": "message", "onerror": "error", "onclose": "close", "onopen": "open"}
_CLOSE_METHODS = lifecycle.CLOSE_METHODS
_NOT_REGISTRATION = frozenset(
    {"addEventListener", "removeEventListener", "send", "close", "get", "set", "has", "delete",
     "emit", "log", "warn", "error", "info", "debug", "push", "includes", "startsWith", "endsWith",
     "split", "replace", "indexOf", "join", "querySelector", "getItem", "setItem", "then", "catch"}
)
_NON_HELPERS = frozenset(
    {"encodeURIComponent", "encodeURI", "String", "JSON.stringify", "Number", "decodeURIComponent"}
)
_IGNORE = re.compile(rb"^(?://|/\*)\s*ws-migrate-ignore\b(?:\s*:\s*([A-Za-z0-9_,\- ]*))?")
_MAX_DEPTH = 24
_CONTEXT_HOOKS = frozenset({"useContext", "React.useContext", "inject"})
# `const { a, b: c } = name` (a pattern destructured from a name, not a call)
_DESTRUCTURED = re.compile(rb"(?:const|let|var)\s*\{([^{}=]*)\}\s*(?::[^=]*)?=\s*[\w$.]+\s*[;\n]")
_WORD = re.compile(rb"[A-Za-z_$][\w$]*")
_FOR_IN = re.compile(rb"\bfor\s*\(\s*(?:const|let|var)?\s*[\w$]+\s+in\b")
_URL_ARGS = frozenset({"string", "template_string", "binary_expression", "identifier", "member_expression",
                       "call_expression"})
_SCHEME_WORD = re.compile(r"^(?:wss?|https?)(?::(?://)?)?$")
# a frame asking a multiplexed socket for a subscription: `{ type: 'subscribe', … }`, `{ subscribe: … }`
_SUBSCRIBE_FRAME = re.compile(r"""['"`](?:subscribe|unsubscribe)['"`]|[{,]\s*(?:subscribe|subscriptions)\s*:""")
# what a classic script calls that no script of the app declares
_BUILTINS = frozenset({"setTimeout", "setInterval", "clearTimeout", "clearInterval", "fetch", "alert", "confirm",
                       "prompt", "parseInt", "parseFloat", "isNaN", "isFinite", "require", "define", "Number",
                       "String", "Boolean", "Array", "Object", "Date", "RegExp", "Error", "Promise", "Symbol",
                       "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "escape", "unescape",
                       "requestAnimationFrame", "cancelAnimationFrame", "structuredClone", "queueMicrotask",
                       "$", "jQuery", "Math", "JSON", "atob", "btoa"})
# methods of strings and collections: what they return is no URL a helper builds
_STRING_METHODS = frozenset({"replace", "replaceAll", "split", "slice", "substring", "substr", "trim",
                             "trimEnd", "trimStart", "toLowerCase", "toUpperCase", "padStart", "padEnd",
                             "join", "map", "filter", "find", "at", "charAt", "repeat", "normalize"})
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
    "decl": ("variable_declarator",),
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


@cache
def _kind_query(lang: str, kind: str) -> object:
    """A query for one node kind, run inside one node at a time (`_FileAnalysis.subtree`)."""
    import tree_sitter

    return tree_sitter.Query(language(lang), f"({kind}) @n")


def prepare(langs: Iterable[str]) -> None:
    """Build the parsers and queries of `langs` now: worker processes forked afterwards inherit
    them instead of each building its own."""
    for lang in langs:
        parser(lang)
        _query(lang)


def summarize(source: bytes, rel: str, lang: str, type_field: str = "type",
              payload_field: str = "payload", openers: str | None = None) -> FileSummary:
    """Analyse one file. Never raises on bad input: syntax errors are recorded, the rest read.

    `openers`: the library openers (`_libraries.encode`), the shipped pack's when None. A Vue
    or Svelte component is read through its `<script>` blocks, at their places in the file."""
    grammar = script_language(source, lang)
    tree = parse(source, lang)
    analysis = _FileAnalysis(source, tree.root_node, rel, grammar, type_field)
    analysis.payload_field = payload_field
    analysis.openers = libraries.decode(openers if openers is not None else default_openers())
    summary = analysis.run(first_error(tree))
    if grammar != lang:  # a component: a module, whatever its script imports
        summary = replace(summary, language=lang, classic=False,
                          store_reads=registrations_.store_reads(analysis) if lang == "svelte" else ())
    return summary


@cache
@functools.cache
def default_openers() -> str:
    """The shipped pack's library openers, as `summarize` takes them."""
    from ws_migrate.rules import builtin_openers

    return libraries.encode(builtin_openers())


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


@functools.lru_cache(maxsize=512)
def _alias_search(names: tuple[str, ...]) -> Callable[[bytes, int, int], re.Match[bytes] | None]:
    """A search for a declaration of a variable as one of `names` (`= ws.value!;`)."""
    return re.compile(rb"=\s*(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\s*!?\s*(?:[;,)\n]|$)").search


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
        self._member_calls: dict[str, list[tuple[str, Node]]] = {}
        self._nodes: dict[str, list[Node]] = {}
        self._parents: dict[int, Node] | None = None
        self._native_parents = 0
        self.payload_field = "payload"
        self.openers: tuple[libraries.Opener, ...] = ()
        self._library_imports = False  # does the file import any library opener?
        self._alias_index: dict[str, list[tuple[int, str]]] | None = None
        self._parameter_names: frozenset[str] | None = None
        self._destructured: frozenset[str] | None = None
        self._called_params: dict[tuple[str, int], Param | None] = {}
        self._provided: dict[int, tuple[str, ...]] = {}
        self._subtrees: dict[tuple[int, str], list[Node]] = {}
        self.opens_sockets = False
        self.react = True
        self._classic = False
        self.walks_tables = False
        self._result_names: set[str] = set()
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

    def subtree(self, node: Node, kind: str) -> list[Node]:
        """The nodes of `kind` inside `node` (itself included), in document order: for the kinds
        the query does not capture, in the few places they are needed (memoised)."""
        key = (node.id, kind)
        found = self._subtrees.get(key)
        if found is None:
            import tree_sitter

            cursor = tree_sitter.QueryCursor(_kind_query(self.lang, kind))  # type: ignore[arg-type]
            found = sorted(cursor.captures(node).get("n", []), key=lambda n: n.start_byte)
            self._subtrees[key] = found
        return found

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
            elif parent is not None and parent.type == "arguments":
                # `const useBus = defineStore('bus', () => { … })`: the setup of hook `useBus`
                call = self.parent(parent)
                name = self._declared_name(call) if call is not None else ""
                if not name or call is None or module_.store_setup(self, call, name) != fn:
                    return None
                return name, "hook"
        if not name:
            return None
        return name, module_.kind_of(name)

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
                for path, local in self.pattern_paths(pattern):
                    out.append((index, path, local, False))
            elif pattern.type == "rest_pattern":
                pass
            index += 1
        return out

    def parameter_names(self) -> frozenset[str]:
        """Every word in a parameter list of the file, and every name destructured from a name
        (`const { onMessage } = options`): a cheap first check, read off the text, that a name
        may be a parameter or set from one (more words than that: the caller looks closer)."""
        if self._parameter_names is None:
            src = self.src
            names: set[bytes] = set()
            for fn in self._nodes.get("fn", ()):
                params = fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter")
                if params is not None:
                    names.update(_WORD.findall(src, params.start_byte, params.end_byte))
            self._parameter_names = frozenset(n.decode("utf-8", "replace") for n in names) | self.destructured_names()
        return self._parameter_names

    def destructured_names(self) -> frozenset[str]:
        """The names destructured from a name (`const { onMessage } = options`), off the text."""
        if self._destructured is None:
            self._destructured = frozenset(
                w.decode("utf-8", "replace") for m in _DESTRUCTURED.finditer(self.src) for w in _WORD.findall(m.group(1)))
        return self._destructured

    def may_be_parameter(self, name: str, at: Node) -> bool:
        """Could `name` at `at` be a parameter, or set from one? A function around `at` binds
        it, or the file destructures it from a name (a cheap first check)."""
        if name in self.destructured_names():
            return True
        fn = self.enclosing_function(at)
        while fn is not None:
            if any(local == name for _, _, local, _ in self.params(fn)):
                return True
            fn = self.enclosing_function(fn)
        return False

    def pattern_paths(self, pattern: Node, depth: int = 0) -> list[tuple[tuple[str, ...], str]]:
        """(property path, local name) pairs bound by an object pattern, nested ones too
        (`{ params: { namespace } }` binds `namespace` at `params.namespace`)."""
        out: list[tuple[tuple[str, ...], str]] = [((key,), local) for key, local in self.pattern_names(pattern)]
        for c in pattern.named_children if depth < 3 else ():
            if c.type != "pair_pattern":
                continue
            k = c.child_by_field_name("key")
            v = self.unwrap(c.child_by_field_name("value"))
            if v is not None and v.type == "assignment_pattern":
                v = v.child_by_field_name("left")
            if k is not None and v is not None and v.type == "object_pattern":
                key = self.string_value(k) or self.text(k)
                out.extend(((key,) + path, local) for path, local in self.pattern_paths(v, depth + 1))
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
                    # a method of an object literal (Vue's `methods: { onMessage(e) {…} }`): `this.x`
                    member = self._object_method(n)
                    if member:
                        found.setdefault("this." + member, n)
                    continue
                found.setdefault(named[0], n)
                if named[1] == "method":
                    found.setdefault("this." + named[0].rsplit(".", 1)[-1], n)
            self._local_functions = found
        return self._local_functions

    def _object_method(self, fn: Node) -> str:
        """The name of `fn` as a method of an object literal (`{ onMessage(e) {} }`,
        `{ onMessage: function (e) {} }`), or ""."""
        parent = self.parent(fn)
        if fn.type == "method_definition" and parent is not None and parent.type == "object":
            n = fn.child_by_field_name("name")
            return self.text(n) if n is not None else ""
        if parent is not None and parent.type == "pair" and fn.type in ("function_expression", "function", "arrow_function"):
            grand = self.parent(parent)
            k = parent.child_by_field_name("key")
            if grand is not None and grand.type == "object" and k is not None:
                return self.string_value(k) or self.text(k)
        return ""

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
        if t in ("identifier", "shorthand_property_identifier"):
            return self.resolve(self.text(node), node, depth)
        if t in ("member_expression", "subscript_expression"):
            return self.evaluate_member(node, depth)
        if t == "call_expression":
            return self.evaluate_call(node, depth)
        if t == "ternary_expression":
            a = self.evaluate(node.child_by_field_name("consequence"), depth + 1)
            b = self.evaluate(node.child_by_field_name("alternative"), depth + 1)
            if a == b:
                return a
            if _SCHEME_WORD.match(_literal_text(a) or "?") and _SCHEME_WORD.match(_literal_text(b) or "?"):
                return Unknown("protocol")  # `https ? 'wss' : 'ws'`: the endpoint is the same either way
            test = self._test(node.child_by_field_name("condition"), depth)
            if test is not None:  # `group === 'core' ? … : …` over a parameter: a call decides
                return pick(a, b, *test)
            if all(_url_piece(v) for v in (a, b)) and (_path_like(a) or _path_like(b) or _query_like(a)
                                                       or _query_like(b) or (
                    _literal_text(a) is not None and _literal_text(b) is not None)):
                return choice(a, b)  # `admin ? '/ws/admin' : '/ws/user'`: both are known
            return Unknown(self._declared_name(node) or "expr")
        if t in ("true", "false", "number"):
            return literal(self.text(node))
        if t == "new_expression":
            return self._evaluate_new(node, depth)
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
            spreads = [self.evaluate(c.named_children[0], depth + 1) for c in node.named_children
                        if c.type == "spread_element" and c.named_children]
            return Obj(tuple(fields), spread=bool(spreads),
                       spreads=tuple(v for v in spreads if isinstance(v, (Param, Obj))))
        return Unknown("")

    def _test(self, cond: Node | None, depth: int) -> tuple[Value, str | None, bool] | None:
        """A ternary's condition as (value, equals, negated), when a caller or another file can
        tell it (it reads a parameter or an import): `x`, `!x`, `x === 'lit'`, `x !== 'lit'`."""
        cond = self.unwrap(cond)
        negated = False
        while cond is not None and cond.type == "unary_expression" and self.text(cond).startswith("!"):
            negated = not negated
            cond = self.unwrap(cond.child_by_field_name("argument"))
        if cond is None:
            return None
        equals: str | None = None
        subject: Node | None = cond
        if cond.type == "binary_expression":
            op = cond.child_by_field_name("operator")
            optext = self.text(op) if op is not None else ""
            if optext not in ("===", "==", "!==", "!="):
                return None
            left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
            equals = self.string_value(right)
            subject = left
            if equals is None:
                equals, subject = self.string_value(left), right
            if equals is None:
                return None
            negated = negated != optext.startswith("!")
        elif cond.type not in ("identifier", "member_expression"):
            return None
        mark = len(self._owners_used)
        value = self.evaluate(subject, depth + 1)
        if not has_param(value) and not needs_link(value):
            del self._owners_used[mark:]  # nothing a caller tells: no owner either
            return None
        return value, equals, negated

    def _name_only(self, v: Value) -> Value:
        if isinstance(v, (Param, Unknown, Ref)):
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
        imp = self._imports.get(name)
        if imp is not None and not _FRAMEWORKS.match(imp.source):
            return Ref(name)  # what the module it comes from says, once files are linked
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
                    if n.type == "array_pattern" and any(
                        c.type == "identifier" and self.text(c) == name for c in n.named_children
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
        if n.type == "array_pattern":
            return self._state_value(decl, n, name, depth)
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
                if local == name and isinstance(v, Param):  # `const { onMessage } = options`
                    return Param(v.index, v.path + (key,), key, v.owner)
                if local == name and isinstance(v, Ref):
                    return Ref(v.name, v.path + (key,))
            return Unknown(name)
        if isinstance(v, Unknown):
            return Unknown(name)  # a run-time value is named after the variable that holds it
        return v

    def _state_value(self, decl: Node, pattern: Node, name: str, depth: int) -> Value:
        """`const [url, setUrl] = useState(…)`: what the setter is called with (or the first
        value, when it is not empty)."""
        value = self.unwrap(decl.child_by_field_name("value"))
        parts = [c for c in pattern.named_children if c.type != "comment"]
        fn = value.child_by_field_name("function") if value is not None and value.type == "call_expression" else None
        if fn is None or self.text(fn).rsplit(".", 1)[-1] != "useState" or len(parts) < 2 \
                or self.text(parts[0]) != name or parts[1].type != "identifier":
            return Unknown(name)
        scope = self.enclosing_function(decl)
        setter = self.text(parts[1])
        options: list[Value] = []
        self._visiting.add(decl.id)
        try:
            first = self.arg_nodes(value) if value is not None else []
            if first and first[0].type not in ("null", "undefined") and self.string_value(first[0]) != "":
                options.append(self.evaluate(first[0], depth + 1))
            for call in self._calls_by_name.get(setter, ()):
                if scope is None or scope.start_byte <= call.start_byte < scope.end_byte:
                    arg = self.arg_nodes(call)
                    if arg and arg[0].type not in ("null", "undefined", "arrow_function"):
                        options.append(self.evaluate(arg[0], depth + 1))
        finally:
            self._visiting.discard(decl.id)
        return choice(*options) if options else Unknown(name)

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
        if prop == "current" and obj.type == "identifier" and node.type == "member_expression":
            target = handlers_.ref_target(self, node)  # `optsRef.current` holds what it was set to
            if target is not None and target.id not in self._visiting and node.id not in self._visiting:
                self._visiting.add(node.id)
                try:
                    held = self.evaluate(target, depth + 1)
                finally:
                    self._visiting.discard(node.id)
                if not isinstance(held, Unknown):
                    return held
        if obj.type in ("identifier", "member_expression", "subscript_expression"):
            base = (self.resolve(self.text(obj), obj, depth) if obj.type == "identifier"
                    else self.evaluate_member(obj, depth + 1))
            if isinstance(base, Param):
                return Param(base.index, base.path + (prop,), prop, base.owner)
            if isinstance(base, Obj):
                got = base.get(prop)
                return got if got is not None else Unknown(prop)
            if isinstance(base, Ref):
                return Ref(base.name, base.path + (prop,))
            if prop == "href" and isinstance(base, Template):
                return base  # `url.href` of a `new URL(…)`
        if prop in ("value", "current") and obj.type == "identifier":
            return Unknown(self.text(obj))  # a Vue or React ref: named after what it holds
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
        if short == "toString" and not arg_nodes and fn.type == "member_expression":
            inner = self.evaluate(fn.child_by_field_name("object"), depth + 1)
            return inner if isinstance(inner, (Template, Param, Ref, Call)) else Unknown(short)
        local = self.local_functions().get(callee) if fn.type == "identifier" else None
        if short == "get" and len(arg_nodes) == 1 and fn.type == "member_expression":
            table = self.evaluate(fn.child_by_field_name("object"), depth + 1)
            key = self.string_value(arg_nodes[0])
            if isinstance(table, Obj) and key is not None:  # `paths.get('new')` of a `new Map([…])`
                return table.get(key) or Unknown(key)
        if short == "join" and fn.type == "member_expression":
            array = self.unwrap(fn.child_by_field_name("object"))
            sep = self.string_value(arg_nodes[0]) if arg_nodes else ","
            if array is not None and array.type == "array" and sep is not None:
                parts: list[Value] = []
                for i, element in enumerate(a for a in array.named_children if a.type != "comment"):
                    if i and sep:
                        parts.append(literal(sep))
                    parts.append(self.evaluate(element, depth + 1))
                return concat(*parts)  # `[root, '/apis/', group, '/'].join('')`
        if short in _STRING_METHODS and fn.type == "member_expression":
            return Unknown(short)  # `host.replace('http://', '')`: no URL of its own
        args = tuple(self.evaluate(a, depth + 1) for a in arg_nodes)
        if local is None and self._imported_function(fn):
            return Call(callee, args)  # an imported helper: what it returns, once files are linked
        if local is not None and local.id not in self._visiting:
            rets = self._return_expressions(local)
            if rets:
                self._visiting.add(local.id)
                mark = len(self._owners_used)
                try:
                    inner = choice(*(self.evaluate(r, depth + 1) for r in rets))
                finally:
                    self._visiting.discard(local.id)
                    # the helper's own parameters are substituted here, not owned by the site
                    del self._owners_used[mark:]
                return substitute(inner, args)
        return unknown_helper(short, args)

    def _imported_function(self, fn: Node) -> bool:
        """Is `fn` (a callee) a function of another module of the app (`buildUrl`, `api.url`)?"""
        name = self.text(fn) if fn.type == "identifier" else ""
        if fn.type == "member_expression":
            obj = fn.child_by_field_name("object")
            if obj is not None and obj.type == "identifier":
                imp = self._imports.get(self.text(obj))
                if imp is not None and imp.imported == "*" and not _FRAMEWORKS.match(imp.source):
                    return True
            return False
        imp = self._imports.get(name)
        return imp is not None and not _FRAMEWORKS.match(imp.source) and self.resolve_scope_of(name, fn) is None

    def _evaluate_new(self, node: Node, depth: int) -> Value:
        """`new URL(path, base)`: the path, after the base when it is relative; `new Map([[k, v],
        …])`: its entries, as an object."""
        ctor = self.unwrap(node.child_by_field_name("constructor"))
        if ctor is not None and self.text(ctor) == "Map":
            args = self.arg_nodes(node)
            entries = self.unwrap(args[0]) if args else None
            fields: list[tuple[str, Value]] = []
            for entry in entries.named_children if entries is not None and entries.type == "array" else ():
                pair = [c for c in entry.named_children if c.type != "comment"] if entry.type == "array" else []
                key = self.string_value(pair[0]) if len(pair) == 2 else None
                if key is not None:
                    fields.append((key, self.evaluate(pair[1], depth + 1)))
            return Obj(tuple(fields)) if fields else Unknown("")
        if ctor is None or self.text(ctor) not in ("URL", "window.URL"):
            return Unknown("")
        args = self.arg_nodes(node)
        if not args:
            return Unknown("")
        path = self.evaluate(args[0], depth + 1)
        if len(args) == 1:
            return path
        first = path.parts[0] if isinstance(path, Template) and path.parts else path
        if isinstance(first, Lit) and "://" in first.text:
            return path
        if isinstance(first, Lit) and not first.text.startswith("/"):
            path = concat(literal("/"), path)  # `new URL('api/x', base)`: under the base
        return concat(Unknown("base"), path)

    def arg_nodes(self, call: Node) -> list[Node]:
        args = call.child_by_field_name("arguments")
        if args is None or args.type == "template_string":
            return []
        return [a for a in args.named_children if a.type != "comment"]

    def object_field(self, node: Node | None, key: str) -> Node | None:
        """The value at `key` (`a.b` a path) of an object literal, or None."""
        for part in key.split("."):
            node = self.unwrap(node)
            if node is None or node.type != "object":
                return None
            found = None
            for c in node.named_children:
                if c.type == "pair":
                    k = c.child_by_field_name("key")
                    if k is not None and (self.string_value(k) or self.text(k)) == part:
                        found = c.child_by_field_name("value")
                elif c.type == "shorthand_property_identifier" and self.text(c) == part:
                    found = c
                elif c.type == "method_definition":
                    k = c.child_by_field_name("name")
                    if k is not None and self.text(k) == part:
                        found = c
            node = found
        return node

    def is_socket_constructor(self, ctor: Node) -> bool:
        ctor_ = self.unwrap(ctor)
        if ctor_ is None:
            return False
        if self.text(ctor_) in _SOCKET_CTORS:
            return True
        opener = libraries.opener_of(self, ctor_, True) if self._library_imports else None
        return opener is not None and opener.kind == "socket"

    def _return_expressions(self, fn: Node) -> list[Node]:
        """What `fn` can return (its own `return`s, at most four), or [] when it returns nothing
        or more than that."""
        body = fn.child_by_field_name("body")
        if body is None:
            return []
        if body.type != "statement_block":
            return [body]
        out = []
        for ret in lifecycle.own_returns(self, fn):
            if not ret.named_children:
                return []
            out.append(ret.named_children[0])
        return out if len(out) <= 4 else []

    # --- the analysis ----------------------------------------------------------------------------

    def run(self, error: Node | None) -> FileSummary:
        module = module_.read_module(self)
        self._imports = module.imports
        self._instance_names = {name for name, _ in module.instances}
        roots = libraries.package_roots(self.openers)
        self._library_imports = any(_package_root(imp.source) in roots and any(o.matches(imp) for o in self.openers)
                                    for imp in self._imports.values())
        self._result_names = {n for o in self.openers for n in o.last_message + o.raw_message + o.ref_message}
        self.opens_sockets = b"WebSocket" in self.src or self._library_imports
        # React code (its cleanups are effects'); Vue and Svelte have their own
        self.react = any(i.source in ("react", "preact", "preact/hooks", "react-native") for i in self._imports.values()) \
            or (b"useEffect" in self.src and not any(i.source in ("vue", "svelte") for i in self._imports.values()))
        self._classic = not module.has_module_syntax
        self.walks_tables = b"Object.entries" in self.src or b"Object.keys" in self.src or (
            _FOR_IN.search(self.src) is not None)
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
        socketio: list[tuple[Pos, str]] = []
        local_news, field_news = self._local_news(news)
        for node in news:
            ctor = self.unwrap(node.child_by_field_name("constructor"))
            if ctor is None:
                continue
            name = self.text(ctor)
            opener = libraries.opener_of(self, ctor, True) if self._library_imports and name not in _SOCKET_CTORS else None
            if name in _SOCKET_CTORS or (opener is not None and opener.kind == "socket"):
                sockets.append(self.socket_site(node, opener))
            elif opener is not None:
                socketio.append((self.pos(node), self.text(node)[:80]))
            elif ctor.type == "identifier" and self._is_app_name(name):
                sites.append(self.site(node, "new", name, self._args(node)))
        for node, name, obj, target in heads:
            if self._library_imports:
                callee = self.unwrap(node.child_by_field_name("function"))
                opener = libraries.opener_of(self, callee, False) if callee is not None else None
                if opener is not None:
                    if opener.kind == "socket":
                        sockets.append(self.socket_site(node, opener))
                    else:
                        socketio.append((self.pos(node), self.text(node)[:80]))
                    continue
            if obj is None:
                if self._is_app_name(name):
                    sites.append(self.site(node, "call", name, self._args(node)))
                elif name in _CONTEXT_HOOKS:
                    ctx_name = self._context_of(node)
                    if ctx_name:
                        sites.append(self.site(node, "call", f"{name}:{ctx_name}", ()))
            elif obj.type == "this" and self._calls_itself(node, name):
                continue  # `this.connect()` in `connect` (a reconnect): no caller of the level
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
        functions, constants = module_.finish(self, module)
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
            functions=functions,
            imports=tuple(self._imports.values()),
            exports=tuple(module.exports),
            instances=tuple(module.instances),
            constants=constants,
            socketio=tuple(socketio),
            classic=not module.has_module_syntax,
            ignores=_ignores(self.src, self._nodes.get("comment", [])),
            parse_error=err_pos,
            parse_error_message=err_msg,
            lines=self.src.count(b"\n") + 1,
        )

    def socket_site(self, node: Node, opener: libraries.Opener | None) -> Site:
        """A socket opened here, by `new WebSocket(…)` or a library's opener."""
        url = libraries.url_argument(self, node, opener)
        args = (self.evaluate(url),) if url is not None else ()
        blocker = self._blocker(node) if opener is None else (
            f"the socket is opened by {opener.library}, which `fix` does not rewrite yet")
        return self.site(node, "socket", "", args, blocker, opener=opener)

    def _context_of(self, call: Node) -> str:
        """The app's context `useContext(X)` reads, or ""."""
        first = self.unwrap(self._first_arg(call))
        if first is None or first.type != "identifier":
            return ""
        name = self.text(first)
        return name if self._is_app_name(name) or self.resolve_scope_of(name, first) is not None else ""

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

    def _snippet(self, node: Node) -> str:
        """The first 160 characters of `node`'s text, its white space collapsed (read off a
        prefix of the text: a call can span the whole file)."""
        end = min(node.end_byte, node.start_byte + 1024)
        text = " ".join(self.src[node.start_byte:end].decode("utf-8", "replace").split())
        if len(text) <= 160 and end < node.end_byte:
            text = " ".join(self.text(node).split())
        return text[:160]

    def _calls_itself(self, node: Node, method: str) -> bool:
        """Is `this.method()` at `node` inside `method` itself? Such a call (a reconnect) calls
        no level from outside, so the linker would pass it over: it is not worth a site."""
        found = self.enclosing_named(node)
        return found is not None and found[2] == "method" and found[1].rsplit(".", 1)[-1] == method

    def _is_app_name(self, name: str) -> bool:
        """Could `name` be a wrapper? Imported, declared in this file, or a module instance; in
        a classic script, any global another script may declare."""
        imported = self._imports.get(name)
        if imported is not None:
            return not _FRAMEWORKS.match(imported.source)
        if name in self.local_functions() or name in self._instance_names:
            return True
        return self._classic and name not in _BUILTINS and name[:1].isalpha()

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
             receiver: str = "", opener: libraries.Opener | None = None) -> Site:
        """`blocker`: why `fix` would leave a socket alone (see `_blocker`); `receiver`: the class
        of the local instance a method is called on; `opener`: the library that opens a socket."""
        # `args` were evaluated just before; the parameters they used name the owner
        owners = self._owners_used
        self._owners_used = []
        owner_node: Node | None = None
        owner: str | None = None
        owner_kind: OwnerKind | None = None
        for fn in {n.id: n for n in owners}.values():
            lifted = self._returned_by(fn) if any(has_param(a) for a in args) else None
            if lifted is not None:  # `start(uri)` returned by `useWS`: the URL comes from useWS's callers
                outer, outer_name, _, prop = lifted
                named = self.function_name(fn)
                args = tuple(_lift(a, named[0] if named else "", f"{outer_name}#{prop}") for a in args)
                owners = [outer if n.id == fn.id else n for n in owners]
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
        multiplexed = False
        targets: list[str] = []
        scope = (0, 0)
        if binding.kind in ("variable", "member", "ref"):
            scope = self.binding_scope(node, binding)
            targets = self._aliases([binding.text], scope)
        elif binding.kind == "destructured":
            scope = self.binding_scope(node, binding)
            targets = self._aliases(list(binding.names), scope)
        for attached in targets:
            for what, entry, target in self.attachments(attached, scope):
                if what in _SOCKET_EVENTS.values():
                    handlers.append(self.handler(what, entry, target, owner))
                elif what == _CLOSES:
                    closes = True
                elif what == _SENDS:
                    sends += 1
                    multiplexed = multiplexed or (kind == "socket" and self._subscribes(entry))
                elif opener is not None and opener.subscribe and what == "subscribe":
                    handlers.extend(registrations_.subscribed(self, entry))
                elif binding.kind != "destructured":
                    registrations.extend(Registration(what, use) for use in registrations_.type_args(self, entry))
        if binding.kind == "destructured":
            for local, prop in zip(binding.names, binding.properties):
                for call in self._calls_by_name.get(local, ()):
                    if scope[0] <= call.start_byte < scope[1]:
                        registrations.extend(Registration(prop, use) for use in registrations_.type_args(self, call))
        if opener is not None:
            handlers.extend(registrations_.library_handlers(self, node, opener, binding))
        elif kind == "call" and binding.kind == "destructured" and set(binding.properties) & self._result_names:
            # an app wrapper may hand back a library's last message: read, kept if it does
            handlers.extend(registrations_.last_message(self, node, binding, self.openers))
        cleanup: bool | None = None
        in_react = False
        if kind in ("socket", "new", "member-call"):
            cleanup, in_react = lifecycle.cleanup(self, node, binding)
        if kind == "socket" and returned:
            binding = Binding("returned", binding.text, binding.names, binding.properties)
        if kind in ("call", "member-call", "new") and registrations:
            try:
                read_wrapper_call(Source(self.src, self.root), node)
            except NotCertain as exc:
                blocker = str(exc)
            except Exception as exc:  # noqa: BLE001 - a recogniser bug must not cost the scan
                blocker = f"not recognised ({type(exc).__name__})"
        arg_handlers: tuple[tuple[int, tuple[str, ...], Handler], ...] = ()
        arg_tables: tuple[tuple[int, tuple[str, ...], tuple[TypeUse, ...]], ...] = ()
        type_args: tuple[TypeUse, ...] = ()
        if kind in ("call", "new", "member-call", "jsx"):
            arg_handlers, arg_tables = registrations_.passed_in(self, node, kind)
            if kind != "jsx":
                type_args = tuple(registrations_.type_args(self, node))
        later: tuple[tuple[str, tuple[Value, ...]], ...] = ()
        if kind in ("call", "new", "member-call") and binding.kind in ("variable", "destructured"):
            later = self._later_calls(node, binding)
        exposes = exposure.exposes(self, node, binding, returned, handlers, arg_handlers, owner_node, owner)
        provides = exposure.provided_contexts(self, owner_node) if kind in ("socket", "call", "new") else ()
        self._owners_used = []  # what reading the handlers evaluated names no owner of the next site
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
            snippet=self._snippet(node),
            blocker=blocker,
            receiver=receiver,
            exposes=exposes,
            library=opener.library if opener is not None else "",
            type_args=type_args,
            arg_handlers=arg_handlers,
            arg_tables=arg_tables,
            provides=provides,
            later=later,
            multiplexed=multiplexed,
        )

    def _subscribes(self, send: Node) -> bool:
        """Does this `send` ask for a subscription built from a parameter of the function it is
        in (`subscribe(types) { ws.send(JSON.stringify({ type: 'subscribe', events: types })) }`)?"""
        text = self.text(send)
        if not _SUBSCRIBE_FRAME.search(text):
            return False
        fn = self.enclosing_function(send)
        while fn is not None and self.function_name(fn) is None:
            fn = self.enclosing_function(fn)
        names = [local for _, _, local, _ in self.params(fn)] if fn is not None else []
        return any(re.search(rf"(?<![\w$.]){re.escape(n)}(?![\w$])", text) for n in names)

    def _returned_by(self, fn: Node) -> tuple[Node, str, OwnerKind, str] | None:
        """(F, its name, its kind, P) when `fn` is a function F defines and returns as its
        result's property P (`return { start, stop }`)."""
        named = self.function_name(fn)
        outer = self.enclosing_named(self.parent(fn) or fn)
        if named is None or outer is None:
            return None
        local = named[0]
        for ret in lifecycle.own_returns(self, outer[0]):
            value = self.unwrap(ret.named_children[0]) if ret.named_children else None
            for c in value.named_children if value is not None and value.type == "object" else ():
                if c.type == "shorthand_property_identifier" and self.text(c) == local:
                    return outer[0], outer[1], outer[2], local
                if c.type == "pair":
                    v = self.unwrap(c.child_by_field_name("value"))
                    k = c.child_by_field_name("key")
                    if v is not None and k is not None and self.text(v) == local:
                        return outer[0], outer[1], outer[2], self.text(k)
        return None

    def _later_calls(self, node: Node, binding: Binding) -> tuple[tuple[str, tuple[Value, ...]], ...]:
        """The methods called on what `node` returns, in its scope, with their arguments:
        `stream.start('/api/gps')` on `const stream = useWS(…)`, `start('/x')` on `{ start }`."""
        scope = self.binding_scope(node, binding)
        found: list[tuple[str, Node]] = []
        if binding.kind == "variable":
            found = [(m, c) for m, c in self._member_calls.get(binding.text, ()) if scope[0] <= c.start_byte < scope[1]]
        else:
            for local, prop in zip(binding.names, binding.properties):
                found.extend((prop, c) for c in self._calls_by_name.get(local, ()) if scope[0] <= c.start_byte < scope[1])
        if not found:
            return ()
        mark = len(self._owners_used)
        try:
            # only what can spell out a URL is worth evaluating (`start('/api/gps')`)
            return tuple((m, tuple(self.evaluate(a) if a.type in _URL_ARGS else Unknown("") for a in self.arg_nodes(c)))
                         for m, c in found[:8])
        finally:
            del self._owners_used[mark:]

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
                decl = self.parent(p)
                holder = self.parent(decl) if decl is not None else None
                if holder is not None and holder.type == "export_statement":
                    holder = self.parent(holder)
                b = Binding("variable", self.text(n), module=holder is not None and holder.type == "program")
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

    def _aliases(self, names: list[str], scope: tuple[int, int]) -> list[str]:
        """`names`, what they hold as a ref (`ws.value`, `ws.current`), and the variables of the
        scope declared as one of them (`const socket = ws.value!`)."""
        if not names or names == [""]:
            return []
        out = list(dict.fromkeys(n for name in names for n in (name, f"{name}.value", f"{name}.current")))
        # a variable declared as one of them (`const socket = ws.value!`): looked for in the text
        # first, the tree only when it may be there
        if not _alias_search(tuple(out))(self.src, scope[0], scope[1]):
            return out
        index = self._alias_index
        if index is None:  # built once: the variables declared as a plain name or a ref's value
            index = self._alias_index = {}
            for d in self._nodes.get("decl", ()):
                value = self.unwrap(d.child_by_field_name("value"))
                n = d.child_by_field_name("name")
                if value is not None and n is not None and n.type == "identifier" and value.type in (
                        "identifier", "member_expression"):
                    index.setdefault(self.text(value), []).append((d.start_byte, self.text(n)))
        for wanted in list(out):
            for start, name in index.get(wanted, ()):
                if scope[0] <= start < scope[1] and name not in out:
                    out.append(name)
        return out

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
            self._member_calls.setdefault(target, []).append((method, c))
            if method == "addEventListener":
                ev = self.string_value(self._first_arg(c))
                args = c.child_by_field_name("arguments")
                named = [x for x in args.named_children if x.type != "comment"] if args else []
                if ev in ("message", "error", "close", "open") and len(named) > 1:
                    self._attach.setdefault(target, []).append((ev, c, named[1]))
            elif method in _CLOSE_METHODS:
                self._attach.setdefault(target, []).append((_CLOSES, c, c))
            elif method == "subscribe" and not registrations_.may_register(self, c):
                self._attach.setdefault(target, []).append((method, c, c))  # `socket$.subscribe(fn)`
            elif method == "send":
                self._attach.setdefault(target, []).append((_SENDS, c, c))
            elif method not in _NOT_REGISTRATION and registrations_.may_register(self, c):
                self._attach.setdefault(target, []).append((method, c, c))
        return heads

    def attachments(self, target: str, scope: tuple[int, int]) -> Iterator[tuple[str, Node, Node]]:
        for what, entry, value in self._attach.get(target, ()):
            if scope[0] <= entry.start_byte < scope[1]:
                yield what, entry, value

    # --- handlers --------------------------------------------------------------------------------

    def handler(self, event: str, entry: Node, value: Node, owner: str | None,
                root: messages.Root = "event") -> Handler:
        """The handler `value` set for `event` by `entry` (an assignment, a listener, an option)."""
        target, fn, param = handlers_.handler_function(self, value)
        style = "property" if entry.type == "assignment_expression" else (
            "listener" if entry.type == "call_expression" else "option")
        pos = self.pos(entry)
        if param is not None:  # the caller's own handler, handed in
            return Handler(event, style, target, pos, hands=(param,) if event == "message" else ())  # type: ignore[arg-type]
        if fn is None:
            if event == "message" and target.startswith("import:"):
                return Handler(event, style, target, pos, delegates=(target[7:],))  # type: ignore[arg-type]
            return Handler(event, style, target, pos)  # type: ignore[arg-type]
        if event == "message":
            if target.startswith("wrapped:"):
                root = "message"  # `receiveMessage(onWsMessage)` parses, then calls it
            read = messages.read_handler(self, fn, root)
            return messages.to_handler(read, event, style, target, pos)
        if event == "close":
            return Handler(event, style, target, pos, reconnect=lifecycle.reconnects(self, fn, owner))  # type: ignore[arg-type]
        return Handler(event, style, target, pos)  # type: ignore[arg-type]

def _unescape(seq: str) -> str:
    """The character a simple escape sequence stands for (URLs rarely hold anything else)."""
    simple = {"\\n": "\n", "\\t": "\t", "\\r": "\r", "\\0": "\0"}
    if seq in simple:
        return simple[seq]
    return seq[1:] if len(seq) == 2 else seq


def _lift(value: Value, inner: str, outer: str) -> Value:
    """`value` with the parameters of function `inner` named as those of `outer`."""
    if isinstance(value, Param):
        return Param(value.index, value.path, value.name, outer) if value.owner == inner else value
    if isinstance(value, Template):
        return concat(*(_lift(p, inner, outer) if not isinstance(p, (Lit, Unknown)) else Template((p,))
                        for p in value.parts))
    if isinstance(value, Choice):
        return Choice(tuple(_lift(o, inner, outer) for o in value.options), value.test, value.equals, value.negated)
    return value


def _package_root(source: str) -> str:
    """`@scope/pkg` of `@scope/pkg/sub`, `pkg` of `pkg/sub`."""
    parts = source.split("/", 2)
    return "/".join(parts[:2]) if source.startswith("@") else parts[0]


def _literal_text(value: Value) -> str | None:
    if isinstance(value, Template) and all(isinstance(p, Lit) for p in value.parts):
        return "".join(p.text for p in value.parts)  # type: ignore[union-attr]
    return None


def _query_like(value: Value) -> bool:
    return isinstance(value, Template) and bool(value.parts) and isinstance(value.parts[0], Lit) \
        and value.parts[0].text[:1] in ("?", "&", "#")


def _url_piece(value: Value) -> bool:
    """Can `value` be a piece of a URL the code spells out: a path, a query, a literal word?"""
    if _path_like(value):
        return True
    text = _literal_text(value)
    if text is None and isinstance(value, Template) and value.parts and isinstance(value.parts[0], Lit):
        text = value.parts[0].text[:1]  # `?${query}`: a query the code builds
        return text in ("?", "&", "#")
    return text is not None and (text == "" or text[:1] in "?&#" or " " not in text)


def _path_like(value: Value) -> bool:
    """Does `value` spell out part of a URL path (a literal with `/`)?"""
    if isinstance(value, Choice):
        return any(_path_like(o) for o in value.options)
    return isinstance(value, Template) and any(isinstance(p, Lit) and "/" in p.text for p in value.parts)
