"""A parsed file as the analysis reads it: its nodes by kind, scopes, functions, parameters.

`FileTree` holds one file's tree and the indexes built over it (the nodes the query captured,
by kind and start; the function around each position; parents; parameters), with the small
readers every shape uses: the text and position of a node, the function around it and its
name, the parameters a function binds, where a name is declared. It knows nothing of sockets:
`FileValues` (`_evaluate.py`) reads values over it, `_FileAnalysis` (`_typescript.py`) finds
the sites, and the shapes (`shapes/`) read the rest through it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from ws_migrate.analyse._model import Binding, Import, OwnerKind, Pos
from ws_migrate.analyse._values import Param
from ws_migrate.analyse.shapes import _libraries as libraries
from ws_migrate.analyse.shapes import _module as module_
from ws_migrate.analyse.shapes import _options as options_
from ws_migrate.analyse.shapes._nodes import FUNCTIONS, WRAPPING
from ws_migrate.parse import language

if TYPE_CHECKING:
    from tree_sitter import Node

# `Client.prototype.connect = …`: a method given to class `Client` through its prototype
_PROTOTYPE = re.compile(rb"(?<![\w$.])([A-Za-z_$][\w$]*)\.prototype\.[A-Za-z_$][\w$]*\s*=(?!=)")
_FUNCTIONS = FUNCTIONS
_BLOCKS = frozenset({"statement_block", "program", "switch_case", "switch_default", "class_body"})
_WRAPPING = WRAPPING
# what hands a component back as it wraps it (`forwardRef`, `memo`, mobx-react's `observer`)
_COMPONENT_WRAPPERS = frozenset({"forwardRef", "React.forwardRef", "memo", "React.memo", "observer"})
# `const { a, b: c } = name` (a pattern destructured from a name, not a call)
_DESTRUCTURED = re.compile(rb"(?:const|let|var)\s*\{([^{}=]*)\}\s*(?::[^=]*)?=\s*[\w$.]+\s*[;\n]")
_WORD = re.compile(rb"[A-Za-z_$][\w$]*")
_WORDS_ONE_BY_ONE = 24  # names looked for one by one before the whole file is indexed
_NAME_AT = re.compile(rb"(?<![\w$.])[A-Za-z_$][\w$]*")  # a name that is no property of another
# Imports from these packages are frameworks, never the app's own socket wrappers.
FRAMEWORKS = re.compile(
    r"^(react|react-dom|react-native|react-router(-dom)?|next|vue|svelte|preact|solid-js|rxjs|"
    r"lodash(-es)?|axios|redux|react-redux|zustand|mobx|jotai|recoil|@reduxjs/.*|@tanstack/.*|"
    r"@angular/.*|next/.*|react-dom/.*|lodash/.*)$"
)
_FRAMEWORKS = FRAMEWORKS


@cache
def _kind_query(lang: str, kind: str) -> object | None:
    """A query for one node kind, run inside one node at a time (`_FileAnalysis.subtree`); None
    for a kind the language's grammar has not (`required_parameter` in plain JavaScript)."""
    import tree_sitter

    grammar = language(lang)
    if grammar.id_for_node_kind(kind, True) is None:
        return None
    return tree_sitter.Query(grammar, f"({kind}) @n")


def _unescape(seq: str) -> str:
    """The character a simple escape sequence stands for (URLs rarely hold anything else)."""
    simple = {"\\n": "\n", "\\t": "\t", "\\r": "\r", "\\0": "\0"}
    if seq in simple:
        return simple[seq]
    return seq[1:] if len(seq) == 2 else seq


class FileTree:
    """One parsed file and the indexes over it (see the module's docstring)."""

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
        self._options_names: dict[int, str] = {}  # Vue options objects' names, by node (`_options`)
        self._assignments: dict[str, list[Node]] | None = None  # `x = …`, `x += …` by name
        self._nodes: dict[str, list[Node]] = {}
        self._parents: dict[int, Node] | None = None
        self._word_starts: dict[bytes, list[int]] | None = None  # where each name is (`word_starts`)
        self._block_decls: dict[int, dict[str, list[tuple[int, bool, Node]]]] = {}
        self._native_parents = 0
        self._parent_of: dict[int, Node | None] = {}  # the answers of tree-sitter's lookup so far
        self._scopes: dict[tuple[str, int], Node | None] = {}  # `resolve_scope_of`'s answers
        self.payload_field = "payload"
        self.openers: tuple[libraries.Opener, ...] = ()
        self._library_imports = False  # does the file import any library opener?
        self._alias_index: dict[str, list[tuple[int, str]]] | None = None
        self._rhs: dict[str, list[int]] | None = None  # `_assigned_names` of the file, once needed
        self._parameter_names: frozenset[str] | None = None
        self._destructured: frozenset[str] | None = None
        self._called_params: dict[tuple[str, int], Param | None] = {}
        self._provided: dict[int, tuple[str, ...]] = {}
        self._subtrees: dict[tuple[int, str], list[Node]] = {}
        self.opens_sockets = False
        self.react = True
        self._classic = False
        self.walks_tables = False
        self._result_names: frozenset[str] = frozenset()
        self._starts: dict[str, list[int]] = {}
        self._fn_around: list[int] | None = None  # see `_index_functions`
        self._function_names: dict[int, tuple[str, OwnerKind] | None] = {}
        self._prototypes: frozenset[str] | None = None  # classes written with `X.prototype.m =`
        self._receivers: dict[tuple[str, int], str | None] = {}  # typed receivers, by name and function
        self._params: dict[int, list[tuple[int, tuple[str, ...], str, bool]]] = {}

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
            # for so many parents that it is likely deep, then pay for the map once; each
            # answer is kept meanwhile (more than half the questions are asked again)
            known = self._parent_of.get(node.id, node)
            if known is not node:
                return known
            self._native_parents += 1
            if self._native_parents < 200:
                found = self._parent_of[node.id] = node.parent
                return found
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

            query = _kind_query(self.lang, kind)
            if query is None:
                found = []
            else:
                cursor = tree_sitter.QueryCursor(query)  # type: ignore[arg-type]
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

    def function_name(self, fn: Node) -> tuple[str, OwnerKind] | None:
        """Name and kind of a function-like node, or None when it is anonymous (a callback)."""
        key = fn.id
        if key not in self._function_names:  # asked for the same functions over and over
            self._function_names[key] = self._function_name(fn)
        return self._function_names[key]

    def _function_name(self, fn: Node) -> tuple[str, OwnerKind] | None:
        name: str | None = None
        if fn.type in ("method_definition", "function_expression", "function", "arrow_function") and (
                holder := options_.owner_of(self, fn)):
            # a hook or method of a Vue options object: `SocketMixin.created`
            return f"{holder}.{self._object_method(fn)}", "mixin"
        if fn.type in ("function_declaration", "generator_function_declaration"):
            n = fn.child_by_field_name("name")
            name = self.text(n) if n else None
        elif fn.type == "method_definition":
            n = fn.child_by_field_name("name")
            cls = self.class_name(fn)
            if n is not None and cls is None and (holder := self._module_object(fn)):
                return f"{holder}.{self.text(n)}", module_.method_kind(self.text(n))
            if n is None or cls is None:
                return None
            meth = self.text(n)
            if meth == "constructor":
                return cls, "class"
            return f"{cls}.{meth}", "method"
        elif fn.type in ("arrow_function", "function_expression", "function", "generator_function"):
            parent = self.parent(fn)
            if parent is not None and parent.type == "pair" and (holder := self._module_object(fn)):
                key = self._object_method(fn)
                return f"{holder}.{key}", module_.method_kind(key)
            if parent is not None and parent.type == "variable_declarator":
                n = parent.child_by_field_name("name")
                if n is not None and n.type == "identifier":
                    name = self.text(n)
            elif parent is not None and parent.type in ("public_field_definition", "field_definition"):
                n = parent.child_by_field_name("name") or parent.child_by_field_name("property")
                cls = self.class_name(fn)
                if n is not None and cls is not None:
                    return f"{cls}.{self.text(n)}", "method"
            elif parent is not None and parent.type == "assignment_expression" \
                    and (method := self._prototype_method(parent)) is not None:
                return method, "method"  # `Client.prototype.connect = function (url) { … }`
            elif parent is not None and parent.type == "arguments":
                call = self.parent(parent)
                component = self._wrapped_component(fn, call) if call is not None else ""
                if component:  # `const Console = forwardRef((props, ref) => …)`, `memo(…)`
                    return component, "component"
                # `const useBus = defineStore('bus', () => { … })`: the setup of hook `useBus`
                name = self._declared_name(call) if call is not None else ""
                if not name or call is None or module_.store_setup(self, call, name) != fn:
                    return None
                return name, "hook"
        if not name:
            return None
        if name in self.prototype_classes():
            return name, "class"  # `function Client(base) { this.base = base }` of `Client.prototype.…`
        return name, module_.kind_of(name)

    def prototype_classes(self) -> frozenset[str]:
        """The names the file gives methods through their prototype (`Client.prototype.connect
        = function …`): classes written the old way, their constructor a plain function."""
        if self._prototypes is None:  # (read off the text: asked before the tree is indexed)
            found = _PROTOTYPE.findall(self.src) if b".prototype." in self.src else ()
            self._prototypes = frozenset(n.decode() for n in found)
        return self._prototypes

    def _prototype_method(self, assignment: Node) -> str | None:
        """`Client.connect` of `Client.prototype.connect = function …`, else None."""
        left = assignment.child_by_field_name("left")
        if left is None or left.type != "member_expression":
            return None
        proto, prop = left.child_by_field_name("object"), left.child_by_field_name("property")
        if proto is None or prop is None or proto.type != "member_expression":
            return None
        cls, word = proto.child_by_field_name("object"), proto.child_by_field_name("property")
        if cls is None or word is None or cls.type != "identifier" or self.text(word) != "prototype":
            return None
        return f"{self.text(cls)}.{self.text(prop)}"

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

    def param_default(self, fn: Node, index: int, path: tuple[str, ...]) -> Node | None:
        """The default value of parameter `index` of `fn` at property `path`, if it has one:
        `url = DEFAULT_URL` for `(url = DEFAULT_URL)`, `default_url()` for `({ address =
        default_url() } = {})` at `("address",)`."""
        plist = fn.child_by_field_name("parameters")
        params = [p for p in plist.named_children if p.type not in ("comment", "decorator")] if plist else []
        if index >= len(params):
            return None
        p: Node | None = params[index]
        default = None
        if p is not None and p.type in ("required_parameter", "optional_parameter"):
            default = p.child_by_field_name("value")
            p = p.child_by_field_name("pattern")
        if p is not None and p.type == "assignment_pattern":
            default, p = p.child_by_field_name("right"), p.child_by_field_name("left")
        for key in path:
            if p is None or p.type != "object_pattern":
                return None
            default, p = self._property_default(p, key)
        return default

    def _property_default(self, pattern: Node, key: str) -> tuple[Node | None, Node | None]:
        """(default, inner pattern) of property `key` of object pattern `pattern`."""
        for c in pattern.named_children:
            if c.type == "shorthand_property_identifier_pattern" and self.text(c) == key:
                return None, c
            if c.type == "object_assignment_pattern":
                left = c.child_by_field_name("left")
                if left is not None and self.text(left) == key:
                    return c.child_by_field_name("right"), left
            if c.type == "pair_pattern":
                k = c.child_by_field_name("key")
                if k is None or (self.string_value(k) or self.text(k)) != key:
                    continue
                v = self.unwrap(c.child_by_field_name("value"))
                if v is not None and v.type == "assignment_pattern":
                    return v.child_by_field_name("right"), v.child_by_field_name("left")
                return None, v
        return None, None

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
                elif (named[1] == "mixin" or "." in named[0]) and (member := self._object_method(n)):
                    # (a method of a module object: `this.handle` in its other methods)
                    found.setdefault("this." + member, n)
            self._local_functions = found
        return self._local_functions

    def _module_object(self, fn: Node) -> str:
        """The module-level `const` whose object literal holds `fn` as a method or a key's
        function (`const api = { wsUrl(path) { … } }`: `api`), or ""."""
        if not self._object_method(fn):
            return ""
        obj = self.parent(fn)
        if obj is not None and obj.type == "pair":
            obj = self.parent(obj)
        decl = self.parent(obj) if obj is not None else None
        while decl is not None and decl.type in _WRAPPING:  # `{ … } as const`
            decl = self.parent(decl)
        if decl is None or decl.type != "variable_declarator":
            return ""
        statement = self.parent(decl)
        top = self.parent(statement) if statement is not None else None
        if top is not None and top.type == "export_statement":
            top = self.parent(top)
        n = decl.child_by_field_name("name")
        if top is None or top.type != "program" or n is None or n.type != "identifier":
            return ""
        return self.text(n)

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

    def _holder(self, node: Node) -> Node | None:
        """The node `node` is the value of, past parentheses, `as`, `!` and `await`."""
        p = self.parent(node)
        while p is not None and p.type in _WRAPPING:
            p = self.parent(p)
        return p

    def _wrapped_component(self, fn: Node, call: Node) -> str:
        """The component's name when `fn` is the first argument of `memo(…)`, `forwardRef(…)`
        or `observer(…)` (nested too: `memo(forwardRef(…))`) kept in a PascalCase `const`."""
        inner = fn
        while call.type == "call_expression":
            callee = call.child_by_field_name("function")
            args = self.arg_nodes(call)
            if callee is None or self.text(callee) not in _COMPONENT_WRAPPERS or not args \
                    or (self.unwrap(args[0]) or args[0]).id != inner.id:
                return ""
            up = self.parent(call)
            if up is None or up.type != "arguments":
                name = self._declared_name(call)
                return name if name[:1].isupper() else ""
            inner, call = call, self.parent(up)  # type: ignore[assignment]
            if call is None:
                return ""
        return ""

    def _declared_name(self, node: Node) -> str:
        p = self._holder(node)
        if p is not None and p.type == "variable_declarator":
            n = p.child_by_field_name("name")
            if n is not None and n.type == "identifier":
                return self.text(n)
        return ""

    def initial_value(self, node: Node) -> Node | None:
        """The value identifier `node`'s variable is declared with (`const self = this`:
        `this`), or None when it is no variable of the file (a parameter, an import)."""
        name = self.text(node)
        scope = self.resolve_scope_of(name, node)
        decl = self._declaration_in(scope, name, node.start_byte) if scope is not None else None
        if decl is None or decl.type != "variable_declarator":
            return None
        return self.unwrap(decl.child_by_field_name("value"))

    def assignments_of(self, name: str) -> list[Node]:
        """Every `name = …` and `name += …` of the file, in document order (indexed once); a
        property of a variable by its path (`r.webSocket += host + path`: `r.webSocket`)."""
        if self._assignments is None:
            found: dict[str, list[Node]] = {}
            for kind in ("assign", "augmented"):
                for a in self._nodes.get(kind, ()):
                    left = a.child_by_field_name("left")
                    if left is not None and left.type == "identifier":
                        found.setdefault(self.text(left), []).append(a)
                    elif left is not None and left.type == "member_expression":
                        obj, prop = left.child_by_field_name("object"), left.child_by_field_name("property")
                        if obj is not None and obj.type == "identifier" and prop is not None \
                                and prop.type == "property_identifier":
                            found.setdefault(f"{self.text(obj)}.{self.text(prop)}", []).append(a)
            for nodes in found.values():
                nodes.sort(key=lambda n: n.start_byte)
            self._assignments = found
        return self._assignments.get(name, [])

    def assigned_properties(self, name: str) -> list[str]:
        """The properties of variable `name` the file assigns (`r.webSocket = …`), by name."""
        self.assignments_of(name)
        prefix = name + "."
        return [k[len(prefix):] for k in self._assignments or {} if k.startswith(prefix)]

    def _declaration_in(self, block: Node, name: str, before: int) -> Node | None:
        """The declarator (or function, class) of `name` among `block`'s statements before
        `before`, or a function declared anywhere in it (hoisted)."""
        index = self._block_decls.get(block.id)
        if index is None:
            index = self._block_decls[block.id] = self._declarations(block)
        for start, hoisted, node in index.get(name, ()):
            if start < before or hoisted:
                return node
        return None

    def _declarations(self, block: Node) -> dict[str, list[tuple[int, bool, Node]]]:
        """Each name `block`'s statements declare: where its statement starts, whether it is a
        function declaration, and its declarator; read once per block (a module of 1,500
        declarations is asked about each of its calls)."""
        out: dict[str, list[tuple[int, bool, Node]]] = {}

        def add(name: str, stmt: Node, node: Node) -> None:
            out.setdefault(name, []).append((stmt.start_byte, stmt.type == "function_declaration", node))

        for stmt in block.named_children:
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
                    if n.type == "identifier":
                        add(self.text(n), stmt, d)
                    elif n.type == "object_pattern":
                        for _, local in self.pattern_names(n):
                            add(local, stmt, d)
                    elif n.type == "array_pattern":
                        for c in n.named_children:
                            if c.type == "identifier":
                                add(self.text(c), stmt, d)
            elif decl.type in ("function_declaration", "class_declaration"):
                n = decl.child_by_field_name("name")
                if n is not None:
                    add(self.text(n), stmt, decl)
        return out

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

    def _class_body(self, node: Node) -> Node | None:
        """The body of the class `node` is in, or None."""
        body = self.parent(node)
        while body is not None and body.type != "class_body":
            body = self.parent(body)
        return body

    def field_value(self, body: Node, name: str) -> Node | None:
        """The value class body `body` declares its field `name` with (`#links = [...]`,
        `private received$ = new Subject()`), or None."""
        for member in body.named_children:
            if member.type in ("public_field_definition", "field_definition"):
                n = member.child_by_field_name("name") or member.child_by_field_name("property")
                if n is not None and self.text(n) == name:
                    return self.unwrap(member.child_by_field_name("value"))
        return None

    def _first_arg(self, call: Node) -> Node | None:
        args = call.child_by_field_name("arguments")
        if args is None:
            return None
        named = [a for a in args.named_children if a.type != "comment"]
        return named[0] if named else None

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
        if decl is not None and decl.type in ("assignment_expression", "arguments"):
            # `ws = new WebSocket()` assigns a variable declared elsewhere, `setWs(new
            # WebSocket())` sets a React state: look where it lives
            v = self.resolve_scope_of(binding.text, node)
            if v is not None:
                return v.start_byte, v.end_byte
            return 0, len(self.src)
        fn = self.enclosing_function(node)
        scope = fn if fn is not None else self.root
        return scope.start_byte, scope.end_byte

    def word_starts(self, word: str) -> list[int]:
        """The offsets where the name `word` stands in the source (not inside a longer name, nor
        after a `.`), in order: looked for name by name, and once a file has been asked for many
        names (a generated module of thousands of sockets), indexed whole at once."""
        key = word.encode()
        index = self._word_starts
        if index is None:
            index = self._word_starts = {}
        found = index.get(key)
        if found is not None:
            return found
        if len(index) < _WORDS_ONE_BY_ONE:
            # the name first, its bounds after: `re` then finds it as fast as a substring (a
            # look-behind first tried every position of the file)
            name = re.escape(key)
            found = index[key] = [m.start() for m in re.finditer(
                name + rb"(?<![\w$.]" + name + rb")(?![\w$])", self.src)]
            return found
        if b"\x00all" not in index:  # many asked: every name of the file at once
            index.clear()
            index[b"\x00all"] = []
            for m in _NAME_AT.finditer(self.src):
                index.setdefault(m.group(), []).append(m.start())
        return index.setdefault(key, [])

    def declarator_of(self, node: Node) -> Node | None:
        """The `variable_declarator` that declares identifier `node` where it is used, if any."""
        name = self.text(node)
        scope = self.resolve_scope_of(name, node)
        decl = self._declaration_in(scope, name, node.start_byte) if scope is not None else None
        return decl if decl is not None and decl.type == "variable_declarator" else None

    def resolve_scope_of(self, name: str, at: Node) -> Node | None:
        """The block around `at` that declares `name` there, or None (memoised: a third to a
        half of the questions come again, each a walk up to the root)."""
        key = (name, at.id)
        if key in self._scopes:
            return self._scopes[key]
        found = self._scopes[key] = self._resolve_scope_of(name, at)
        return found

    def _resolve_scope_of(self, name: str, at: Node) -> Node | None:
        scope = self.parent(at)
        child = at
        while scope is not None:
            if scope.type in _BLOCKS and self._declaration_in(scope, name, child.start_byte) is not None:
                return scope
            child = scope
            scope = self.parent(scope)
        return None


