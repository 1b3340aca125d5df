"""What an expression of a file is worth, as a symbolic value (`ws_migrate.analyse._values`).

`FileValues.evaluate(node)` reads a URL, an argument or a type constant: literals, templates and
concatenations, the `const`s of the scopes around it, the parameters of the function that owns
it (`Param`), object literals and their fields, `this.x` set in a constructor, calls of helpers
this file defines (their return, with the arguments put in), names another file defines (`Ref`,
`Call`: resolved when the files are linked) and run-time choices (`Choice`). What cannot be told
is `Unknown`. The functions whose parameters a value uses are noted in `_owners_used`, so a site
knows which function it belongs to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse._tree import _BLOCKS, _FRAMEWORKS, _FUNCTIONS, FileTree, _unescape
from ws_migrate.analyse._values import (
    DEFINED,
    PAGE_TAIL,
    PAGE_TAIL_SLASH,
    Call,
    Choice,
    Env,
    Lit,
    Obj,
    Param,
    Ref,
    Template,
    Unknown,
    Value,
    alternatives,
    choice,
    concat,
    each_of,
    has_param,
    literal,
    needs_link,
    only_owner,
    pick,
    substitute,
    unknown_helper,
    url_info,
)
from ws_migrate.analyse.shapes import _declared as declared
from ws_migrate.analyse.shapes import _factories as factories
from ws_migrate.analyse.shapes import _handlers as handlers_
from ws_migrate.analyse.shapes import _libraries as libraries
from ws_migrate.analyse.shapes import _lifecycle as lifecycle
from ws_migrate.analyse.shapes import _options as options_
from ws_migrate.analyse.shapes._nodes import GLOBAL_OBJECTS

if TYPE_CHECKING:
    from collections.abc import Callable

    from tree_sitter import Node

_SOCKET_CTORS = libraries.SOCKET_CTORS
_NON_HELPERS = frozenset(
    {"encodeURIComponent", "encodeURI", "String", "JSON.stringify", "Number", "decodeURIComponent"}
)
_MAX_DEPTH = 24
_MAX_DEFAULT_DEPTH = 8  # a parameter's default is read only this far down an evaluation
_PLATFORM = GLOBAL_OBJECTS | {"location", "history", "URL", "crypto"}  # objects no receiver type is looked up for
# where a build tool puts the environment's variables
_ENV_OBJECTS = frozenset({"import.meta.env", "process.env"})
# a regex matching only slashes at the start or the end of a string: `^\/+`, `\/$`, `^\/+|\/+$`
_EDGE_SLASHES = re.compile(r"^(?:\^\\/\+?|\\/\+?\$)(?:\|(?:\^\\/\+?|\\/\+?\$))?$")
# the page's own URL: `location.origin`, `window.location.href`, `document.baseURI`
_PAGE_URL = re.compile(r"^(?:(?:window|globalThis|self)\.)?(?:(?:document\.)?location\.(?:origin|href)|document\.(?:baseURI|URL))$")
_PAGE_LOCATION = re.compile(r"^(?:(?:window|globalThis|self)\.)?(?:document\.)?location$")
# a regex matching an HTTP or WebSocket scheme at the start: `^https?:\/\/`, `^(http|https):\/\/`
_SCHEME_PATTERN = re.compile(r"^\^\(?(?:https?|wss?|https?\|https?|wss?\|wss?)\)?\??:\\/\\/$")
_SCHEME_WORD = re.compile(r"^(?:wss?|https?)(?::(?://)?)?$")
# methods of strings and collections: what they return is no URL a helper builds
_STRING_METHODS = frozenset({"replace", "replaceAll", "split", "slice", "substring", "substr", "trim",
                             "trimEnd", "trimStart", "toLowerCase", "toUpperCase", "padStart", "padEnd",
                             "join", "map", "filter", "find", "at", "charAt", "repeat", "normalize"})


# where an assignment may or may not run
_BRANCHES = frozenset({"if_statement", "else_clause", "for_statement", "for_in_statement", "while_statement",
                       "do_statement", "switch_case", "switch_default", "catch_clause", "ternary_expression"})


def _less_scheme(value: Value) -> Value:
    """`value`, a URL, less its scheme: `{origin}/x` is `{host}/x`, `http://h/x` is `h/x`."""
    if not isinstance(value, Template) or not value.parts:
        return Unknown("url")
    first, rest = value.parts[0], value.parts[1:]
    if isinstance(first, Unknown) and first.name == "origin":
        return Template((Unknown("host"), *rest))
    if isinstance(first, Lit) and (m := re.match(r"^(?:https?|wss?)://", first.text)):
        return concat(literal(first.text[m.end():]), Template(rest))
    if isinstance(first, Lit) and "://" not in first.text:
        return value  # (no scheme to strip)
    return Unknown("url")


def _slashed(value: Value, before: Value) -> bool:
    """Is `value` run-time value `before` with a slash added at either end (a path normalised)?"""
    if not isinstance(before, Unknown) or not isinstance(value, Template) or len(value.parts) != 2:
        return False
    a, b = value.parts
    return (a == before and isinstance(b, Lit) and b.text == "/") or (
        b == before and isinstance(a, Lit) and a.text == "/")


class FileValues(FileTree):
    """`FileTree` with the evaluation of its expressions (see the module's docstring)."""

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
                first = self.evaluate(left, depth + 1)
                fallback = _default_path(first, lambda: self.evaluate(node.child_by_field_name("right"), depth + 1))
                return fallback if fallback is not None else self._name_only(first)
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
            if _port_like(a) or _port_like(b):
                return Unknown("port")  # `location.port ? `:${location.port}` : ''`: part of the host
            test = self._test(node.child_by_field_name("condition"), depth)
            if test is not None:  # `group === 'core' ? … : …` over a parameter: a call decides
                return pick(a, b, *test)
            if all(_url_piece(v) for v in (a, b)) and (_path_like(a) or _path_like(b) or _query_like(a)
                                                       or _query_like(b) or (
                    _literal_text(a) is not None and _literal_text(b) is not None)):
                return choice(a, b)  # `admin ? '/ws/admin' : '/ws/user'`: both are known
            if _prefixed(a, b) or _prefixed(b, a):
                return choice(a, b)  # `url.match(/^wss?:/) ? url : origin + url`: the caller's path either way
            if isinstance(a, Call) and isinstance(b, Call):
                return choice(a, b)  # `sse ? urls.sse() : urls.ws()`: each helper, once files are linked
            if _with_query(a, b) or _with_query(b, a):
                return choice(a, b)  # `params.length ? `${url}?${query}` : url`: one path either way
            default = _default_path(a, lambda: b) or _default_path(b, lambda: a)
            if default is not None:  # `window.CONFIG ? window.CONFIG.apiUri : '/api/v1'`
                return default
            return Unknown(self._declared_name(node) or "expr")
        if t in ("true", "false", "number"):
            return literal(self.text(node))
        if t == "array":  # a list of names (`openTopics(['health', 'dns'])`): its elements, as a
            items = [self.evaluate(e, depth + 1) for e in node.named_children if e.type != "comment"]
            if items and all(_literal_text(v) is not None for v in items):  # loop takes each
                return choice(*items)
        if t == "arrow_function" and not self.params(node):
            body = node.child_by_field_name("body")  # a URL provider (`url: () => urls.ws(id)`): what it gives
            if body is not None and body.type != "statement_block":
                return self.evaluate(body, depth + 1)
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
            if right is not None and self.text(right) in ("undefined", "null"):
                # `x !== undefined`: holds when a value is given
                equals, subject = DEFINED, left
                negated = negated != (not optext.startswith("!"))
            else:
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

    def resolve(self, name: str, at: Node, depth: int) -> Value:
        """What identifier `name` holds at node `at`: a parameter, a const's value, or Unknown;
        `r.webSocket` (a property a step assigns) what that property of `r` holds there."""
        if "." in name:
            base, _, prop = name.partition(".")
            held = self.resolve(base, at, depth + 1)
            got = held.get(prop) if isinstance(held, Obj) else None
            return got if got is not None else Unknown(prop)
        scope: Node | None = self.parent(at)
        child = at
        while scope is not None:
            if scope.type == "for_in_statement" and child.id != (scope.child_by_field_name("right") or child).id:
                left = scope.child_by_field_name("left")
                if left is not None and left.type == "identifier" and self.text(left) == name:
                    return self._each(scope, name, depth)
            if scope.type in _FUNCTIONS:
                for index, path, local, _ in self.params(scope):
                    if local == name:
                        last = self._last_assignment(name, scope, at) if not path else None
                        if last is not None:
                            return self._assigned_value(name, last, at, depth)
                        listed = self._iterated(scope) if index == 0 and not path else None
                        if listed is not None:  # `topics.forEach((topic) => …)`: each element
                            return self._elements(listed, name, depth)
                        return self._param(scope, index, path, local, depth)
            elif scope.type in _BLOCKS:
                found = self._declaration_in(scope, name, child.start_byte)
                if found is not None:
                    if not self._constant(found):
                        last = self._last_assignment(name, self.enclosing_function(scope) or self.root, at)
                        if last is not None:
                            return self._assigned_value(name, last, at, depth)
                    pathname = self._pathname_set(found, name, at, depth)
                    if pathname is not None:  # `url.pathname = '/ws/core/'` of a `new URL(base)`
                        return concat(Unknown("origin"), pathname)
                    declared = self._declared_value(found, name, depth)
                    return self._properties_set(declared, name, at, depth) if isinstance(declared, Obj) else declared
            child = scope
            scope = self.parent(scope)
        imp = self._imports.get(name)
        if imp is not None and imp.source.startswith("$env/"):  # SvelteKit's environment
            return Env(imp.imported if imp.imported not in ("", "*", "default") else name)
        if imp is not None and not _FRAMEWORKS.match(imp.source):
            return Ref(name)  # what the module it comes from says, once files are linked
        return Unknown(name)

    def _properties_set(self, value: Obj, name: str, at: Node, depth: int) -> Obj:
        """Object literal `value` of variable `name` as it is at `at`, its properties assigned in
        steps before it in the same function: `let r = { webSocket: "" }; r.webSocket = "wss://";
        r.webSocket += location.host + path` holds that URL, not the placeholder."""
        fn = self.enclosing_function(at) or self.root
        fields = dict(value.fields)
        changed = False
        for prop in self.assigned_properties(name):
            key = f"{name}.{prop}"
            last = self._last_assignment(key, fn, at)
            if last is not None:
                fields[prop] = self._assigned_value(key, last, at, depth)
                changed = True
        return Obj(tuple(fields.items()), value.spread, value.spreads) if changed else value

    def _pathname_set(self, decl: Node, name: str, at: Node, depth: int) -> Value | None:
        """The path last set on `name`, a `new URL(…)`, before `at` in its function
        (`url.pathname = '/ws/core/'`): the path replaces the base's; None when none is set."""
        value = self.unwrap(decl.child_by_field_name("value")) if decl.type == "variable_declarator" else None
        ctor = value.child_by_field_name("constructor") if value is not None and value.type == "new_expression" else None
        if ctor is None or self.text(ctor) != "URL":
            return None
        fn = self.enclosing_function(decl)
        path: Value | None = None
        steps = [a for kind in ("assign", "augmented") for a in self.nodes_in(kind, fn if fn is not None else self.root)]
        for a in sorted(steps, key=lambda n: n.start_byte):
            if a.start_byte < decl.end_byte or a.end_byte > at.start_byte:
                continue
            left = a.child_by_field_name("left")
            if left is None or left.type != "member_expression" or self.text(left) != f"{name}.pathname" \
                    or self.enclosing_function(a) != fn:
                continue
            part = self.evaluate(a.child_by_field_name("right"), depth + 1)
            # `url.pathname += '/websocket'`: appended to the path it had (the page's, a base's)
            path = part if a.type == "assignment_expression" else concat(path or Unknown("pathname"), part)
        return path

    def _made_url(self, node: Node) -> bool:
        """Is identifier `node` a variable declared as a `new URL(…)`?"""
        value = self.initial_value(node) if node.type == "identifier" else None
        ctor = value.child_by_field_name("constructor") if value is not None and value.type == "new_expression" else None
        return ctor is not None and self.text(ctor) == "URL"

    def _each(self, loop: Node, name: str, depth: int) -> Value:
        """The variable of `for (const label of labels)`: every element of the list (`['a',
        'b']`: each of them; a parameter: each of its elements)."""
        right = self.unwrap(loop.child_by_field_name("right"))
        if right is None or not re.search(rb"\sof\s*$", self.src[loop.start_byte:right.start_byte]):
            return Unknown(name)  # `for (key in object)`: its keys
        return self._elements(right, name, depth)

    def _iterated(self, fn: Node) -> Node | None:
        """The list whose elements function `fn` is called with, when it is handed to the list's
        `forEach`/`map`/`flatMap` (`topics.forEach((topic) => …)`); else None."""
        args = self.parent(fn)
        call = self.parent(args) if args is not None else None
        if args is None or call is None or args.type != "arguments" or call.type != "call_expression":
            return None
        first = next((a for a in args.named_children if a.type != "comment"), None)
        callee = call.child_by_field_name("function")
        if first is None or first.id != fn.id or callee is None or callee.type != "member_expression":
            return None
        prop = callee.child_by_field_name("property")
        if prop is None or self.text(prop) not in ("forEach", "map", "flatMap"):
            return None
        return callee.child_by_field_name("object")

    def _elements(self, right: Node, name: str, depth: int) -> Value:
        """Every element of the list `right` is, for a variable `name` that takes each."""
        items = self.list_items(right, depth)
        if items is not None:
            return each_of(*items) if items else Unknown(name)
        node = self.unwrap(right)
        if node is None or node.type == "call_expression":
            return Unknown(name)  # a list made at run time (`entries.filter(…)`): its items unknown
        field = self._field_list(node)
        if field is not None:  # `for (const link of this.#links)` of a field declared as a list
            items = self.list_items(field, depth)
            return each_of(*items) if items else Unknown(name)
        if node.type == "identifier":
            made = self.unwrap(self.initial_value(node))
            if made is not None and made.type in ("call_expression", "new_expression"):
                return Unknown(name)  # (`const shown = useMemo(…)`): not followed, it costs
        v = self.evaluate(right, depth + 1)
        if isinstance(v, Param):
            return Param(v.index, v.path + ("[]",), name, v.owner)
        if isinstance(v, Choice) and v.test is None and all(isinstance(o, (Template, Obj)) for o in v.options):
            return each_of(*v.options)  # a list held in a constant (`const TOPICS = [...]`), a field
        return Unknown(name)

    def _field_list(self, node: Node) -> Node | None:
        """The array literal that field `this.x` at `node` is declared with in its class body
        (`#links: Link[] = [{ … }]`), or None."""
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        body = self._class_body(node) if node.type == "member_expression" and obj is not None \
            and obj.type == "this" and prop is not None else None
        if body is None or prop is None:
            return None
        v = self.field_value(body, self.text(prop))
        return v if v is not None and v.type == "array" else None

    def list_items(self, node: Node, depth: int) -> list[Value] | None:
        """The elements of a list the code spells out: an array literal, or a local variable
        declared as one and grown with `.push(…)` in its function (`const topics = []; if (a)
        topics.push('a')`: each may be in it). None when it is no such list."""
        node_ = self.unwrap(node)
        if node_ is not None and node_.type == "identifier":
            name = self.text(node_)
            value = self.initial_value(node_)
            if value is None or value.type != "array":
                return None
            scope = self.resolve_scope_of(name, node_) or self.root
            items = [self.evaluate(e, depth + 1) for e in value.named_children if e.type != "comment"]
            for method, call in self._member_calls.get(name, ()):
                if method == "push" and scope.start_byte <= call.start_byte < node_.start_byte:
                    items.extend(self.evaluate(a, depth + 1) for a in self.arg_nodes(call))
            return items
        if node_ is None or node_.type != "array":
            return None
        return [self.evaluate(e, depth + 1) for e in node_.named_children if e.type != "comment"]

    def _constant(self, decl: Node) -> bool:
        """Is `decl` a `const` (never assigned again)? A `var` or `let` may be."""
        statement = self.parent(decl)
        return statement is None or statement.type not in ("lexical_declaration", "variable_declaration") or (
            statement.type == "lexical_declaration" and self.text(statement).startswith("const"))

    def _last_assignment(self, name: str, fn: Node, at: Node | int, within: Node | None = None) -> Node | None:
        """The last `name = …` / `name += …` of function `fn` itself (not of a function inside
        it) that ends before `at` (a node or a byte offset), inside `within` when given."""
        at_byte = at if isinstance(at, int) else at.start_byte
        for a in reversed(self.assignments_of(name)):
            if a.end_byte > at_byte or a.id in self._visiting:
                continue
            if a.start_byte < (within or fn).start_byte:
                return None
            if (self.enclosing_function(a) or self.root).id == fn.id:
                return a
        return None

    def _assigned_value(self, name: str, last: Node, at: Node | int, depth: int) -> Value:
        """`let url = base; if (room) url += `/${room}`; url += '/'`: what `name` holds at `at`
        after assignment `last`, built on what it held before. An assignment in a branch `at`
        is not in (an `if`, a loop, a `catch`) may not have run: either value; one in an arm
        of an `if … else` is one of what each arm leaves (`if (root) { url = … } else { url = … }`)."""
        if depth > _MAX_DEPTH:
            return Unknown(name)
        at_byte = at if isinstance(at, int) else at.start_byte
        arms = self._arms_around(last, at_byte)
        if arms is not None:
            v = self._after_arms(name, arms, depth)
            if self._branch_of(arms[0], at_byte):  # the `if … else` in a loop, or in an `if`
                v = choice(v, self.resolve(name, arms[0], depth + 1))
            return v
        self._visiting.add(last.id)
        try:
            v = self.evaluate(last.child_by_field_name("right"), depth + 1)
            if last.type == "augmented_assignment_expression":
                op = last.child_by_field_name("operator")
                v = concat(self.resolve(name, last, depth + 1), v) if op is not None and self.text(op) == "+=" else Unknown(name)
            if self._branch_of(last, at_byte):
                before = self.resolve(name, last, depth + 1)
                if _slashed(v, before):
                    # `if (!root.startsWith('/')) root = `/${root}``: the same run-time value
                    v = before
                test = self._if_test(last, at_byte, depth)
                v = pick(v, before, *test) if test is not None else choice(v, before)
        finally:
            self._visiting.discard(last.id)
        return v

    def _arms_around(self, node: Node, at: int) -> tuple[Node, list[Node | None]] | None:
        """(the `if` statement, its arms) of the outermost `if … else` around `node` that `at` is
        outside, in `node`'s function and no loop between; an arm `None`: no `else` at the end."""
        found: Node | None = None
        p = self.parent(node)
        while p is not None and p.type not in _FUNCTIONS and p.type != "program":
            if p.start_byte <= at < p.end_byte:
                break
            if p.type == "if_statement" and p.child_by_field_name("alternative") is not None:
                found = p
            elif p.type in _BRANCHES and p.type not in ("else_clause", "if_statement"):
                break  # a loop, a `case`, a `catch`: what it leaves is the arms' or what it had
            p = self.parent(p)
        if found is None:
            return None
        arms: list[Node | None] = []
        stmt: Node | None = found
        while stmt is not None and stmt.type == "if_statement" and len(arms) < 16:
            arms.append(stmt.child_by_field_name("consequence"))
            alt = stmt.child_by_field_name("alternative")
            body = next((c for c in alt.named_children if c.type != "comment"), None) if alt is not None else None
            if body is None:
                arms.append(None)
                break
            if body.type != "if_statement":  # `else { … }`
                arms.append(body)
                break
            stmt = body  # `else if (…)`: its arms are this statement's too
        return found, arms

    def _after_arms(self, name: str, arms: tuple[Node, list[Node | None]], depth: int) -> Value:
        """What `name` holds after the `if … else` of `arms`: the value each arm leaves it (what
        the arm's last assignment gives), an arm assigning none leaving what it held before."""
        stmt, bodies = arms
        fn = self.enclosing_function(stmt) or self.root
        before: Value | None = None
        options: list[Value] = []
        for body in bodies:
            a = self._last_assignment(name, fn, body.end_byte, body) if body is not None else None
            if body is None or a is None:
                if before is None:
                    before = self.resolve(name, stmt, depth + 1)
                options.append(before)
            else:  # (at the arm's end: inside it, so this `if` is no branch of it)
                options.append(self._assigned_value(name, a, body.end_byte - 1, depth + 1))
        return choice(*options)

    def _if_test(self, node: Node, at: int, depth: int) -> tuple[Value, str | None, bool] | None:
        """The condition of the `if` whose block `node` is in (and `at` is not), when a caller
        can tell it (`if (this.slug !== undefined) path += …`)."""
        p = self.parent(node)
        while p is not None and p.type not in _FUNCTIONS:
            if p.type == "if_statement" and not (p.start_byte <= at < p.end_byte):
                consequence = p.child_by_field_name("consequence")
                if consequence is None or not (consequence.start_byte <= node.start_byte < consequence.end_byte):
                    return None
                cond = p.child_by_field_name("condition")
                inner = cond.named_children[0] if cond is not None and cond.type == "parenthesized_expression" and cond.named_children else cond
                return self._test(inner, depth)
            if p.type in _BRANCHES:
                return None
            p = self.parent(p)
        return None

    def _branch_of(self, node: Node, at: int) -> bool:
        """Is `node` in a branch (an `if`'s, a loop's, a `case`, a `catch`) that `at` is outside?"""
        p = self.parent(node)
        while p is not None and p.type not in _FUNCTIONS and p.type != "program":
            if p.type in _BRANCHES and not (p.start_byte <= at < p.end_byte):
                return True
            p = self.parent(p)
        return False

    def _param(self, fn: Node, index: int, path: tuple[str, ...], local: str, depth: int = 0) -> Value:
        named = self.function_name(fn)
        if named is None:
            made = factories.returned_method(self, fn)
            if made is None:
                return Unknown(local)  # a callback's parameter (`.map(t => …)`): a run-time value
            # a function of the object a factory returns: its calls on that object fill it
            self._owners_used.append(made[0])
            return Param(index, path, local, f"{made[1]}#{made[2]}")
        self._owners_used.append(fn)
        return Param(index, path, local, named[0], self._default(fn, index, path, depth))

    def _default(self, fn: Node, index: int, path: tuple[str, ...], depth: int) -> Value | None:
        """What parameter `index` at `path` of `fn` is when a call leaves it out, if its default
        is known and over no parameter (`(url = DEFAULT_URL)`: the constant's value)."""
        node = self.param_default(fn, index, path)
        if node is None or depth > _MAX_DEFAULT_DEPTH:
            return None
        named = self.function_name(fn)
        # over the function's own parameters (`(host, url = `wss://${host}/x`)`): the call's
        value = only_owner(self.evaluate(node, depth + 1), named[0] if named else None)
        return None if isinstance(value, Unknown) else value

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
        if isinstance(v, Unknown) and not isinstance(v, Env):
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
        if obj.type == "this" or (obj.type == "identifier" and self._is_this(obj)):
            return self.resolve_this(prop, node, depth)
        if obj.type == "member_expression" and self.text(obj).replace(" ", "") in _ENV_OBJECTS:
            return Env(prop)  # `import.meta.env.VITE_WS_URL`, `process.env.REACT_APP_WS_URL`
        if prop in ("search", "hash") and (_PAGE_LOCATION.match(self.text(obj)) or self._made_url(obj)):
            # the page's query string or fragment (each starts with its `?` or `#` when not empty)
            return concat(literal("?" if prop == "search" else "#"), Unknown(prop))
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
            if isinstance(base, Env) and base.name == "env":
                return Env(prop)  # `env.PUBLIC_WS_URL` of SvelteKit's `$env/dynamic/public`
            if prop == "href" and isinstance(base, Template):
                return base  # `url.href` of a `new URL(…)`
        if prop in ("value", "current") and obj.type == "identifier":
            return Unknown(self.text(obj))  # a Vue or React ref: named after what it holds
        return Unknown(prop)

    def resolve_this(self, prop: str, at: Node, depth: int) -> Value:
        body = self._class_body(at)
        if body is None and (ctor := self._prototype_constructor(at)) is not None:
            # a method of a class written with prototypes: what its constructor sets `this.x` to
            ctor_body = ctor.child_by_field_name("body")
            for stmt in ctor_body.named_children if ctor_body is not None else ():
                e = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
                left = e.child_by_field_name("left") if e is not None and e.type == "assignment_expression" else None
                if left is not None and self.text(left) == f"this.{prop}" and e is not None:
                    return self.evaluate(e.child_by_field_name("right"), depth + 1)
            return Unknown(prop)
        if body is None:
            got = options_.this_value(self, at, prop, depth)
            return got if got is not None else Unknown(prop)
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
                    if e is not None and e.type == "call_expression" and depth < 8:
                        got = self._set_through(body, e, prop, depth)  # `this.setUrl(url)`
                        if got is not None:
                            return got
                    if e is None or e.type != "assignment_expression":
                        continue
                    left = e.child_by_field_name("left")
                    if left is not None and self.text(left) == f"this.{prop}" \
                            and not self.is_placeholder(e.child_by_field_name("right")):
                        return self.evaluate(e.child_by_field_name("right"), depth + 1)
            elif member.type in ("public_field_definition", "field_definition"):
                n = member.child_by_field_name("name") or member.child_by_field_name("property")
                if n is not None and self.text(n) == prop:
                    v = member.child_by_field_name("value")
                    if v is not None and self.is_placeholder(v):
                        break  # `url = false`: what the methods (the constructor too) assign it
                    if v is not None and v.type not in _FUNCTIONS:
                        return self.evaluate(v, depth + 1)
        # seeded with a placeholder (`url = false`, `this.url = null`), or not at all: what the
        # other methods assign it
        got = self.assigned_this(body, prop, depth)
        return got if got is not None else Unknown(prop)

    def _set_through(self, body: Node, call: Node, prop: str, depth: int) -> Value | None:
        """What the constructor's `this.setUrl(url)` (at `call`) sets `this.prop` to, when that
        method of the class assigns it from its parameters (`setUrl(url) { this.url = url }`):
        the argument the constructor gives; None when it sets no `this.prop`."""
        fn = self.unwrap(call.child_by_field_name("function"))
        obj = fn.child_by_field_name("object") if fn is not None and fn.type == "member_expression" else None
        name = fn.child_by_field_name("property") if fn is not None and obj is not None else None
        if obj is None or name is None or obj.type != "this":
            return None
        method = next((m for m in body.named_children if m.type == "method_definition"
                       and self.text(m.child_by_field_name("name") or m) == self.text(name)), None)
        block = method.child_by_field_name("body") if method is not None else None
        for stmt in block.named_children if block is not None else ():
            e = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
            left = e.child_by_field_name("left") if e is not None and e.type == "assignment_expression" else None
            if left is None or self.text(left) != f"this.{prop}":
                continue
            mark = len(self._owners_used)
            value = self.evaluate(e.child_by_field_name("right"), depth + 1)  # type: ignore[union-attr]
            del self._owners_used[mark:]
            named = self.function_name(method) if method is not None else None
            if named is None:
                return None
            args = tuple(self.evaluate(a, depth + 1) for a in self.arg_nodes(call))
            return substitute(value, args, named[0])
        return None

    def is_placeholder(self, node: Node | None) -> bool:
        """Is `node` a value that holds no URL yet, one a property is seeded with before its real
        value is assigned elsewhere: `false`, `null`, `undefined`, `''`, `0`?"""
        node = self.unwrap(node)
        if node is None:
            return False
        if node.type in ("false", "null", "undefined") or (node.type == "identifier" and self.text(node) == "undefined"):
            return True
        return (node.type == "number" and self.text(node) == "0") or (
            node.type in ("string", "template_string") and self.string_value(node) == "")

    def assigned_this(self, within: Node, prop: str, depth: int) -> Value | None:
        """What the `this.prop = …` assignments inside `within` (a class body, an options object)
        give it, each one an alternative, the placeholders (`this.url = null` on close) left out:
        `url = false` then `start() { this.url = `wss://${location.host}/api/ticks` }` is that URL.
        None when none assigns a value, or one extends it (`this.url += …`: not told)."""
        rights: list[Node] = []
        for kind in ("assign", "augmented"):
            for a in self._nodes.get(kind, ()):
                if not within.start_byte <= a.start_byte < within.end_byte:
                    continue
                left = self.unwrap(a.child_by_field_name("left"))
                obj = left.child_by_field_name("object") if left is not None and left.type == "member_expression" else None
                name = left.child_by_field_name("property") if left is not None and obj is not None else None
                if obj is None or name is None or self.text(name) != prop or not (
                        obj.type == "this" or self._is_this(obj)):
                    continue
                if kind == "augmented":
                    return None
                right = a.child_by_field_name("right")
                if right is not None and not self.is_placeholder(right) and a.id not in self._visiting:
                    rights.append(a)
        if not rights:
            return None
        options: list[Value] = []
        for a in sorted(rights, key=lambda n: n.start_byte):
            self._visiting.add(a.id)
            mark = len(self._owners_used)
            try:
                v = self.evaluate(a.child_by_field_name("right"), depth + 1)
            finally:
                self._visiting.discard(a.id)
            if has_param(v):  # `setUrl(url) { this.url = url }`: what a caller gives, not told here
                del self._owners_used[mark:]
                v = Unknown(prop)
            options.append(v)
        return choice(*options)

    def _prototype_constructor(self, at: Node) -> Node | None:
        """The constructor function of the prototype class whose method `at` is in, or None."""
        if not self.prototype_classes():
            return None
        found = self.enclosing_named(at)
        if found is None or found[2] != "method":
            return None
        cls = found[1].rpartition(".")[0]
        return self.local_functions().get(cls) if cls in self.prototype_classes() else None

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
        if short == "useMemo" and arg_nodes and arg_nodes[0].type in ("arrow_function", "function_expression") \
                and not self.params(arg_nodes[0]):
            rets = self._return_expressions(arg_nodes[0])  # `useMemo(() => `${base}live/ws`, [id])`
            if rets:
                return choice(*(self.evaluate(r, depth + 1) for r in rets))
        if fn.type in ("arrow_function", "function_expression", "function") and not arg_nodes \
                and not self.params(fn):
            rets = self._return_expressions(fn)  # `(() => { …; return `${proto}//${host}/ws` })()`
            if rets:
                return choice(*(self.evaluate(r, depth + 1) for r in rets))
        if short == "toString" and not arg_nodes and fn.type == "member_expression":
            inner = self.evaluate(fn.child_by_field_name("object"), depth + 1)
            return inner if isinstance(inner, (Template, Param, Ref, Call)) else Unknown(short)
        # a function of this file: `wsUrl(…)`, or one of a module-level object (`urls.ws(…)`)
        local = self.local_functions().get(callee) if fn.type == "identifier" or (
            fn.type == "member_expression" and not callee.startswith("this.")) else None
        if local is None and fn.type == "member_expression":  # a method of a Vue options object
            local = self._options_method(fn)
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
        if short in ("replace", "replaceAll") and fn.type == "member_expression" and self._to_ws(arg_nodes):
            return self.evaluate(fn.child_by_field_name("object"), depth + 1)  # `url.replace(/^http/, 'ws')`
        if short == "replace" and fn.type == "member_expression" and self._scheme_strip(arg_nodes):
            # `url.replace(/^https?:\/\//, '')`: the same URL less its scheme, the host first
            return _less_scheme(self.evaluate(fn.child_by_field_name("object"), depth + 1))
        if fn.type == "member_expression" and (
                (short in ("replace", "replaceAll") and self._edge_slashes(arg_nodes))
                or (short in ("trim", "trimStart", "trimEnd") and not arg_nodes)):
            # `path.replace(/^\/+/, '')`, `base.trim()`: the same path (an empty segment the
            # glue leaves, `${host}/${path}`, is no segment)
            return self.evaluate(fn.child_by_field_name("object"), depth + 1)
        if short in ("substr", "substring", "slice") and fn.type == "member_expression" \
                and self._scheme_cut(fn, arg_nodes):
            # `'ws' + location.origin.substring(4)`: an HTTP URL's scheme swapped for `ws`
            page = self.text(fn.child_by_field_name("object") or fn)  # (an origin ends with no slash)
            return Template((PAGE_TAIL if page.endswith("origin") else PAGE_TAIL_SLASH,))
        if short in _STRING_METHODS and fn.type == "member_expression":
            # `host.replace('http://', '')`: no URL of its own, a run-time value named after
            # what it is made from (`symbol.toLowerCase()` is `{symbol}`)
            obj = self.unwrap(fn.child_by_field_name("object"))
            return Unknown(self.text(obj) if obj is not None and obj.type == "identifier" else short)
        args = tuple(self.evaluate(a, depth + 1) for a in arg_nodes)
        if local is None and self._imported_function(fn):
            return Call(callee, args)  # an imported helper: what it returns, once files are linked
        typed = self._receiver(fn.child_by_field_name("object")) if local is None and fn.type == "member_expression" else None
        if typed is not None:  # `manager.wsUrl(…)` of `const manager = getManager()`: its class's method
            return Call(f"{typed}.{short}", args)
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
                named = self.function_name(local)
                got = substitute(inner, args, named[0] if named is not None else None)
                # a body that builds nothing it spells out (`new URL(…)` of run-time parts):
                # a base the app picks plus the path it is given, as for a helper not known
                return got if not isinstance(got, Unknown) else unknown_helper(short, args)
        if not arg_nodes and fn.type in ("identifier", "member_expression"):
            given = self.evaluate(fn, depth + 1)  # `getUrl()`, `this.options.getWsUrl()`: a provider handed in
            if isinstance(given, Param):
                return given
        return unknown_helper(short, args)

    def _edge_slashes(self, args: list[Node]) -> bool:
        """Are these the arguments of a `replace` that only strips the slashes at an end of a
        path (`/^\\/+/, ''`, `/\\/$/, ''`)?"""
        if len(args) != 2 or self.string_value(args[1]) != "":
            return False
        old = self.unwrap(args[0])
        if old is not None and old.type == "identifier":  # `const INITIAL_SLASH_RE = /^\/+/`
            old = self.initial_value(old)
        if old is None or old.type != "regex":
            return False
        pattern = old.child_by_field_name("pattern")
        return pattern is not None and _EDGE_SLASHES.match(self.text(pattern)) is not None

    def _scheme_strip(self, args: list[Node]) -> bool:
        """Are these the arguments of a `replace` that only strips an HTTP or WebSocket scheme
        (`/^https?:\\/\\//, ''`, `/^wss?:\\/\\//, ''`)?"""
        if len(args) != 2 or self.string_value(args[1]) != "":
            return False
        old = self.unwrap(args[0])
        pattern = old.child_by_field_name("pattern") if old is not None and old.type == "regex" else None
        return pattern is not None and _SCHEME_PATTERN.match(self.text(pattern)) is not None

    def _scheme_cut(self, fn: Node, args: list[Node]) -> bool:
        """Is `fn(args)` the page's URL less its `http` (`location.href.substr(4)`,
        `document.baseURI.slice(4)`, `origin.substring(5)` after `'wss'`)?"""
        if len(args) != 1 or args[0].type != "number" or self.text(args[0]) not in ("4", "5"):
            return False
        obj = self.unwrap(fn.child_by_field_name("object"))
        if obj is None or obj.type != "member_expression":
            return False
        return _PAGE_URL.match(self.text(obj)) is not None

    def _to_ws(self, args: list[Node]) -> bool:
        """Are these the arguments of a `replace` that only turns an HTTP URL's scheme into a
        WebSocket one (`/^http/, 'ws'`, `'http', 'ws'`)? The URL's path is what it was."""
        if len(args) != 2:
            return False
        to = self.string_value(args[1])
        old = self.unwrap(args[0])
        if to is None or not _SCHEME_WORD.match(to) or not to.startswith("ws") or old is None:
            return False
        pattern = self.text(old.child_by_field_name("pattern") or old) if old.type == "regex" else self.string_value(old)
        return pattern is not None and _SCHEME_WORD.match(pattern.lstrip("^").replace("s?", "")) is not None

    def _receiver(self, node: Node | None) -> str | None:
        """What `node`, the object of a method call, is known to be: `T` of `const m: T = …`, of a
        parameter `m: T` or of a field `this.m: T`; `F()` of `const m = F(…)` or of `F()` (the type
        F is declared to return, read once files are linked); None when it is not told."""
        obj = self.unwrap(node)
        if obj is None or (obj.type == "identifier" and self.text(obj) in _PLATFORM):
            return None  # `JSON.stringify(…)`, `console.log(…)`
        where = self.enclosing_function(obj)
        key = (self.text(obj), where.id if where is not None else -1)
        if key not in self._receivers:  # asked for the same name over and over in a function
            self._receivers[key] = self._receiver_of(obj)
        return self._receivers[key]

    def _receiver_of(self, obj: Node) -> str | None:
        if obj.type == "call_expression":  # `getConfig().wsUrl()`
            callee = obj.child_by_field_name("function")
            return f"{self.text(callee)}()" if callee is not None and callee.type == "identifier" else None
        if obj is not None and obj.type == "member_expression" and self.text(obj).startswith("this."):
            return self._field_type(obj)
        if obj is None or obj.type != "identifier":
            return None
        name = self.text(obj)
        scope = self.resolve_scope_of(name, obj)
        if scope is None:  # a parameter, or a prop of one (`{ rooms }: { rooms: RoomService }`)
            fn = self.enclosing_function(obj)
            while fn is not None:
                for index, path, local, _ in self.params(fn):
                    if local == name:
                        return self._param_type(fn, index, path)
                fn = self.enclosing_function(fn)
            return None
        decl = self._declaration_in(scope, name, obj.start_byte)
        if decl is None or decl.type != "variable_declarator":
            return None
        typed = declared.annotation_name(self, decl.child_by_field_name("type"))
        if typed is not None:
            return typed
        value = self.unwrap(decl.child_by_field_name("value"))
        callee = value.child_by_field_name("function") if value is not None and value.type == "call_expression" else None
        return f"{self.text(callee)}()" if callee is not None and callee.type == "identifier" else None

    def _param_type(self, fn: Node, index: int, path: tuple[str, ...]) -> str | None:
        """The declared type of parameter `index` of `fn` (of its property `path[0]`)."""
        plist = fn.child_by_field_name("parameters")
        params = [p for p in plist.named_children if p.type in ("required_parameter", "optional_parameter")] \
            if plist is not None else []
        if index >= len(params) or len(path) > 1:
            return None
        ann = params[index].child_by_field_name("type")
        if not path:
            return declared.annotation_name(self, ann)
        inner = ann.named_children[0] if ann is not None and ann.named_children else None
        return declared.property_type(self, inner, path[0]) if inner is not None else None

    def _field_type(self, member: Node) -> str | None:
        """The declared type of `this.x` in a class: a field `x: T` (or `x = new T()`), or a
        constructor parameter property `constructor(private x: T)`."""
        prop = member.child_by_field_name("property")
        body = self._class_body(member)
        if prop is None or body is None:
            return None
        name = self.text(prop)
        for m in body.named_children:
            if m.type in ("public_field_definition", "field_definition"):
                n = m.child_by_field_name("name") or m.child_by_field_name("property")
                if n is not None and self.text(n) == name:
                    typed = declared.annotation_name(self, m.child_by_field_name("type"))
                    value = self.unwrap(m.child_by_field_name("value"))
                    ctor = value.child_by_field_name("constructor") if value is not None and value.type == "new_expression" else None
                    return typed or (self.text(ctor) if ctor is not None and ctor.type == "identifier" else None)
            elif m.type == "method_definition" and self.text(m.child_by_field_name("name") or m) == "constructor":
                for p in self.subtree(m.child_by_field_name("parameters") or m, "required_parameter"):
                    pattern = p.child_by_field_name("pattern")
                    if pattern is not None and self.text(pattern) == name:
                        return declared.annotation_name(self, p.child_by_field_name("type"))
        return None

    def _options_method(self, fn: Node) -> Node | None:
        """The method of this Vue options object `fn` names: `this.pathFor`, or `self.pathFor`
        with `const self = this`."""
        obj = self.unwrap(fn.child_by_field_name("object"))
        prop = fn.child_by_field_name("property")
        if obj is None or prop is None or not (obj.type == "this" or self._is_this(obj)):
            return None
        local = self.local_functions().get(f"this.{self.text(prop)}")
        named = self.function_name(local) if local is not None else None
        if named is not None and named[1] == "method" and obj.type == "this":  # a method of this class
            return local if self.class_name(fn) == named[0].rsplit(".", 1)[0] else None
        return local if named is not None and named[1] == "mixin" else None

    def _is_this(self, node: Node) -> bool:
        """Is identifier `node` a `const self = this`?"""
        if node.type != "identifier":
            return False
        value = self.initial_value(node)
        return value is not None and value.type == "this"

    def _imported_function(self, fn: Node) -> bool:
        """Is `fn` (a callee) a function of another module of the app (`buildUrl`, `api.url`)?"""
        name = self.text(fn) if fn.type == "identifier" else ""
        if fn.type == "member_expression":
            obj = fn.child_by_field_name("object")
            if obj is not None and obj.type == "identifier":
                # `api.wsUrl()` of `import * as api`, or of an imported object of functions
                imp = self._imports.get(self.text(obj))
                if imp is not None and not _FRAMEWORKS.match(imp.source):
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


def _literal_text(value: Value) -> str | None:
    if isinstance(value, Template) and all(isinstance(p, Lit) for p in value.parts):
        return "".join(p.text for p in value.parts)  # type: ignore[union-attr]
    return None


def _query_like(value: Value) -> bool:
    return isinstance(value, Template) and bool(value.parts) and isinstance(value.parts[0], Lit) \
        and value.parts[0].text[:1] in ("?", "&", "#")


def _default_path(value: Value, other: Callable[[], Value]) -> Value | None:
    """The app's own path when `value` is a setting read at run time and `other` the literal
    path it falls back to (`cfg.apiUri ?? '/api/v1'`, `window.CONFIG ? window.CONFIG.api :
    '/api/v1'`): the run-time value contributes nothing known, the default is the path."""
    if not isinstance(value, Unknown):
        return None
    text = _literal_text(fallback := other())
    if not (text is not None and text.startswith("/") and len(text) > 1) and not _own_url(fallback):
        return None
    # an environment variable: the path its `.env` value gives, if one does, or the default's
    return choice(value, fallback) if isinstance(value, Env) else fallback


def _prefixed(value: Value, longer: Value) -> bool:
    """Is `longer` parameter `value` with a run-time base before it (`origin + url` beside
    `url`), the two arms of a wrapper that makes a caller's path absolute?"""
    if not isinstance(value, Param) or not isinstance(longer, Template) or len(longer.parts) < 2:
        return False
    return longer.parts[-1] == value and not any(isinstance(p, Param) for p in longer.parts[:-1])


def _own_url(value: Value) -> bool:
    """Is `value` a URL of the app's own with a path the code spells out, a default a run-time
    override falls back to (`` `wss://${location.host}/ws/live` ``, `${scheme}//${host}/hot/`)?
    Not a parameter's (the caller's), nor one of a host written out (another service, maybe)."""
    if has_param(value) or not isinstance(value, (Template, Choice)):
        return False
    options = alternatives(value)
    return bool(options) and all(
        isinstance(v, Template) and any(isinstance(p, Lit) and "//" in p.text for p in v.parts)
        and (info := url_info(v)).endpoint not in (None, "/") and info.host is None for v in options)


def _port_like(value: Value) -> bool:
    """Is `value` a port suffix (`:8080`, `:${port}`)?"""
    parts = concat(value).parts
    if len(parts) == 1:
        return isinstance(parts[0], Lit) and re.fullmatch(r":\d+", parts[0].text) is not None
    return len(parts) == 2 and parts[0] == Lit(":") and not isinstance(parts[1], Lit)


def _with_query(value: Value, longer: Value) -> bool:
    """Is `longer` `value` with a query or fragment after it (`${url}?${params}`)?"""
    short, long_ = concat(value).parts, concat(longer).parts
    if not short or len(long_) < len(short) or short[:-1] != long_[:len(short) - 1]:
        return False
    last, at = short[-1], long_[len(short) - 1]
    if isinstance(last, Lit):
        tail = at.text[len(last.text):] if isinstance(at, Lit) and at.text.startswith(last.text) else ""
    elif last == at and len(long_) > len(short):
        nxt = long_[len(short)]
        tail = nxt.text if isinstance(nxt, Lit) else ""
    else:
        return False
    return tail[:1] in ("?", "#", "&") and tail != ""


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
