"""Per-file analysis of Python back ends with tree-sitter: the legacy endpoints they serve and the
messages they emit.

Endpoints: `@app.websocket("/ws/health")`, `@router.websocket("/ws/{connection_type}/{user_id}")`
(any object's `.websocket(path)` decorator), `x.add_websocket_route("/ws/x", handler)`, and
`websockets` servers that route on the request path (`if path == "/ws/health":`).
Emits: `send_json({...})`, `send_text(json.dumps({...}))`, and sends through a per-topic registry
(`manager.broadcast("dns_management", msg)`, `broadcast(msg, "security")`: any call given a
message and a literal topic), with the message built inline or in a variable assigned earlier in
the same function, and its type a literal or an enum member (`MessageType.ZONE_UPDATED`).

How: one tree-sitter query captures the nodes the analysis looks at (definitions, calls,
assignments, comparisons, awaits, imports), in C; Python then visits only those, in document
order, keeping the functions, classes and Starlette `Mount`s around each by byte range. Nothing
recurses over the tree, so no nesting depth can overflow a stack; parentheses around an
expression are looked through, as Python itself does.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ws_migrate.parse import first_error, language, parser

if TYPE_CHECKING:
    import tree_sitter

    Node = tree_sitter.Node

_SEND = {"send_json", "send_text", "send", "send_str", "write_message"}
# Channels' layer calls dispatch to a consumer's handler method: the send is there, not here
_NOT_REGISTRY = frozenset({"dumps", "loads", "get", "setdefault", "group_send", "send_to_group"})
# `.send(...)` is a WebSocket send only on something named like a socket (not a queue, a generator)
_SOCKET_NAME = re.compile(r"(?:^|_|\.)(?:ws|websocket|socket|sock|conn|connection|client|peer)s?$", re.IGNORECASE)
_SERIALISE = frozenset({"json", "to_json", "to_text", "model_dump_json", "dict", "to_dict", "model_dump"})
_TYPE_WORD = re.compile(r"^[A-Za-z][\w.:-]{0,63}$")
_ROUTER_CTORS = frozenset({"APIRouter", "FastAPI", "Starlette", "Router"})
_SOCKET_CLASS = re.compile(r"WebsocketConsumer|WebSocketConsumer|WebSocketHandler|WebSocketEndpoint")
_TOKEN = re.compile(r"token|jwt|auth", re.IGNORECASE)
_IGNORE = re.compile(r"#\s*ws-migrate-ignore\b(?:\s*:\s*([A-Za-z0-9_\-]+))?")
# one pattern of alternatives: compiled in 2 ms, where one pattern per kind took 20
_QUERY = """[(function_definition) (class_definition) (call) (assignment) (comparison_operator) (await)
  (import_statement) (import_from_statement) (future_import_statement)] @node"""
_NAMES = frozenset({"identifier", "true", "false", "none"})
# a string literal's prefix letters that make it anything but a plain `str`
_NOT_STR = frozenset("bBfFtT")


@dataclass(frozen=True)
class PyEndpoint:
    """A WebSocket route of the back end."""

    path: str
    handler: str
    line: int
    column: int
    framework: str  # fastapi (also Starlette routers) | starlette | websockets | channels | aiohttp | tornado | flask-sock
    token_query: int  # line of a `token` query parameter, 0 when none
    owner: str = ""  # the router or app the route is declared on (`router` of `@router.websocket`)


@dataclass(frozen=True)
class PyEmit:
    """A message the back end sends (`send_json`, `send_text(json.dumps(…))`, a topic registry)."""

    type: str | None  # None: the message has no type field
    typed: bool  # False for a dict sent without the type field
    how: str  # send_json | send_text | registry
    topic: str | None  # the literal topic given to a registry call
    function: str | None  # enclosing function (to find the endpoint of a direct send)
    line: int
    column: int
    start: int  # character offsets of the call in the decoded text, for the codemod
    end: int
    keys: tuple[str, ...] = ()  # the message's keys, when it is a dict literal
    payload: str | None = None  # source of the payload value
    inline: bool = True  # the dict is written in the call (not a variable assigned earlier)
    awaited: bool = False
    callee: str | None = None  # a registry call's function or method name (linking proves it sends)
    klass: str | None = None  # the enclosing class (a Channels consumer, a WebSocketEndpoint)
    # the type is the enclosing function's parameter (name, position without self): its callers decide it
    forward: tuple[str, int] | None = None


@dataclass(frozen=True)
class PyTypedCall:
    """A call handing a constant to a function (`spool_changed(s, EventType.ADDED)`): where a
    forwarded message type is decided."""

    callee: str
    position: int  # -1 for a keyword argument
    keyword: str
    value: str  # the literal, or the dotted name of an enum member
    line: int
    column: int


@dataclass(frozen=True)
class PySummary:
    """What linking needs of one Python file: its endpoints and sends."""

    rel: str
    endpoints: tuple[PyEndpoint, ...] = ()
    emits: tuple[PyEmit, ...] = ()
    ignores: tuple[tuple[int, tuple[str, ...], bool], ...] = ()
    parse_error: tuple[int, int, str] | None = None
    # functions and methods that send on a WebSocket themselves, and every (caller, callee) name
    # pair of the file: linking follows them to tell which registry calls reach a socket
    senders: tuple[str, ...] = ()
    calls: tuple[tuple[str, str], ...] = ()
    # what linking joins into public paths: `r = APIRouter(prefix=…)` as (r, prefix);
    # `parent.include_router(child, prefix=…)` / `parent.mount(prefix, child)` as (parent, child, prefix);
    # imports as (local name, module with its leading dots, imported name or "")
    routers: tuple[tuple[str, str], ...] = ()
    includes: tuple[tuple[str, str, str], ...] = ()
    imports: tuple[tuple[str, str, str], ...] = ()
    enums: tuple[tuple[str, str, str], ...] = ()  # (class, member, value) of the file's str enums
    # routes whose handler may or may not be a WebSocket one (aiohttp `web.get(path, handler)`,
    # Tornado `(path, Handler)`): linking keeps those whose handler is in some file's
    # `socket_handlers` (it makes a `web.WebSocketResponse()`, it subclasses `WebSocketHandler`)
    routes: tuple[PyEndpoint, ...] = ()
    socket_handlers: tuple[str, ...] = ()
    typed_calls: tuple[PyTypedCall, ...] = ()


@cache
def _query() -> tree_sitter.Query:
    import tree_sitter

    return tree_sitter.Query(language("python"), _QUERY)


def prepare_python() -> None:
    """Build the parser and the query now: worker processes forked afterwards inherit them."""
    parser("python")
    _query()


def summarize_python(data: bytes, rel: str, type_field: str = "type") -> PySummary:
    """Analyse one Python file; a syntax error is recorded, never raised."""
    import tree_sitter

    nul = data.find(b"\0")
    if nul >= 0:  # Python refuses such a file: it is no module
        line = data.count(b"\n", 0, nul) + 1
        return PySummary(rel, parse_error=(line, nul - (data.rfind(b"\n", 0, nul) + 1) + 1,
                                           "the file holds a NUL byte"))
    tree = parser("python").parse(data)
    reader = _Reader(data, rel, type_field)
    error = first_error(tree)
    if error is not None:
        what = reader.text(error).strip()
        message = (f"missing {error.type}" if error.is_missing
                   else f"unexpected {what[:30].splitlines()[0] if what else 'input'!r}")
        line, column = reader.pos(error)
        return PySummary(rel, parse_error=(line, column, message))
    captures = tree_sitter.QueryCursor(_query()).captures(tree.root_node)
    return reader.run(tree.root_node, captures)


class _Function:
    """A `def` around the nodes being read: its name and parameters."""

    __slots__ = ("assigned", "end", "kwonly", "name", "params")

    def __init__(self, end: int, name: str, params: list[str], kwonly: list[str]) -> None:
        self.end = end
        self.name = name
        self.params = params  # positional-or-keyword parameters, `self` included
        self.kwonly = kwonly
        self.assigned: dict[str, Node] = {}  # name -> last value assigned (read as the file goes)


class _Reader:
    """One file's walk over the captured nodes, in document order."""

    def __init__(self, data: bytes, rel: str, type_field: str) -> None:
        self.data = data
        self.rel = rel
        self.ascii = data.isascii()
        self.type_field = type_field
        self.enums: dict[str, dict[str, str]] = {}
        self.awaited: set[tuple[int, int]] = set()
        self.endpoints: list[PyEndpoint] = []
        self.emits: list[PyEmit] = []
        self.functions: list[_Function] = []
        self.senders: set[str] = set()
        self.routers: list[tuple[str, str]] = []
        self.includes: list[tuple[str, str, str]] = []
        self.imports: list[tuple[str, str, str]] = []
        self.classes: list[tuple[int, bool, str]] = []  # (end, is a WebSocket consumer/handler, name)
        self.typed_calls: list[PyTypedCall] = []
        self.routes: list[PyEndpoint] = []
        self.socket_handlers: set[str] = set()
        self.sock_objects: set[str] = set()  # `sock = Sock(app)` (Flask-Sock)
        self.mounts: list[tuple[int, str]] = []  # (end, prefix) of the Starlette `Mount`s around
        self.chained: set[int] = set()  # where the inner assignments of `a = b = …` start
        self.calls: set[tuple[str, str]] = set()

    # --- text and places -----------------------------------------------------------------------

    def text(self, node: Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def pos(self, node: Node) -> tuple[int, int]:
        """(line, column), both from 1; the column counts characters, as an editor does."""
        row, col = node.start_point
        return row + 1, self._column(node.start_byte, col) + 1

    def _column(self, at: int, col: int) -> int:
        if self.ascii:
            return col
        return len(self.data[at - col:at].decode("utf-8", "replace"))

    def _offset(self, at: int) -> int:
        """A byte offset as a character offset in the decoded text."""
        return at if self.ascii else len(self.data[:at].decode("utf-8", "replace"))

    # --- the walk ------------------------------------------------------------------------------

    def run(self, root: Node, captures: dict[str, list[Node]]) -> PySummary:
        self.enums = self._enums(root)
        events: list[tuple[int, int, int, str, Node]] = []
        for i, node in enumerate(captures.get("node", ())):
            start = node.start_byte
            kind = node.type
            if kind in ("function_definition", "class_definition"):
                parent = node.parent
                if parent is not None and parent.type == "decorated_definition":
                    start = parent.start_byte  # its decorators are read inside it
            events.append((start, -node.end_byte, i, kind, node))
        events.sort()  # in document order, outer nodes first (`i`: nodes are never compared)
        functions, classes, mounts = self.functions, self.classes, self.mounts
        for start, _, _, kind, node in events:
            while functions and functions[-1].end <= start:
                functions.pop()
            while classes and classes[-1][0] <= start:
                classes.pop()
            while mounts and mounts[-1][0] <= start:
                mounts.pop()
            if kind == "call":
                self.call(node)
            elif kind == "assignment":
                self.assign(node)
            elif kind == "function_definition":
                self.function(node)
            elif kind == "class_definition":
                self.klass(node)
            elif kind == "comparison_operator":
                self.compare(node)
            elif kind == "await":
                inner = _unparen(_first_named(node))
                if inner is not None:
                    self.awaited.add((inner.start_byte, inner.end_byte))
            else:
                self.import_(node)
        return PySummary(
            self.rel, tuple(self.endpoints), tuple(self.emits), _ignores(self.data),
            senders=tuple(sorted(self.senders)), calls=tuple(sorted(self.calls)),
            routers=tuple(self.routers), includes=tuple(self.includes), imports=tuple(self.imports),
            enums=tuple((c, m, v) for c, members in self.enums.items() for m, v in members.items()),
            typed_calls=tuple(self.typed_calls), routes=tuple(self.routes),
            socket_handlers=tuple(sorted(self.socket_handlers)))

    def _enums(self, root: Node) -> dict[str, dict[str, str]]:
        """`class MessageType(str, Enum): ZONE_UPDATED = "zone_updated"` → {MessageType: {…}}."""
        out: dict[str, dict[str, str]] = {}
        if b"Enum" not in self.data:  # (a base's name holds it)
            return out
        for stmt in root.named_children:
            if stmt.type == "decorated_definition":
                stmt = stmt.child_by_field_name("definition") or stmt
            if stmt.type != "class_definition":
                continue
            if not any("Enum" in self.dotted(value) for value in _bases(stmt)):
                continue
            members: dict[str, str] = {}
            body = stmt.child_by_field_name("body")
            for item in body.named_children if body is not None else ():
                if item.type != "expression_statement":
                    continue
                for small in item.named_children:
                    if small.type != "assignment" or small.child_by_field_name("type") is not None:
                        continue
                    target, value = small.child_by_field_name("left"), small.child_by_field_name("right")
                    target = _unparen(target)
                    if target is None or target.type != "identifier" or value is None \
                            or value.type in ("assignment", "augmented_assignment"):
                        continue
                    text = self.string(value)
                    if text is not None:
                        members[self.text(target)] = text
            name = stmt.child_by_field_name("name")
            out[self.text(name) if name is not None else ""] = members
        return out

    # --- definitions ---------------------------------------------------------------------------

    def klass(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else ""
        bases = [self.dotted(b) for b in _bases(node)]
        self.classes.append((node.end_byte, any(_SOCKET_CLASS.search(b) for b in bases), name))
        if any(b.rpartition(".")[2] == "WebSocketHandler" for b in bases):
            self.socket_handlers.add(name)
        self._route_decorators(node, name, 0)

    def function(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else ""
        params: list[tuple[str, int]] = []
        kwonly: list[tuple[str, int]] = []
        plist = node.child_by_field_name("parameters")
        keyword_only = False
        for p in plist.named_children if plist is not None else ():
            kind = p.type
            if kind == "positional_separator":
                params.clear()  # those before `/` are positional-only
                continue
            if kind in ("keyword_separator", "list_splat_pattern"):
                keyword_only = True
                continue
            if kind == "typed_parameter":
                first = _first_named(p)
                if first is None or first.type != "identifier":
                    keyword_only = keyword_only or (first is not None and first.type == "list_splat_pattern")
                    continue
                ident: Node | None = first
            elif kind == "identifier":
                ident = p
            elif kind in ("default_parameter", "typed_default_parameter"):
                ident = p.child_by_field_name("name")
            else:
                continue
            if ident is None or ident.type != "identifier":
                continue
            (kwonly if keyword_only else params).append((self.text(ident), p.start_point[0] + 1))
        token = next((line for pname, line in params + kwonly if _TOKEN.search(pname)), 0)
        fn = _Function(node.end_byte, name, [n for n, _ in params], [n for n, _ in kwonly])
        self.functions.append(fn)
        self._route_decorators(node, name, token)

    def _route_decorators(self, definition: Node, handler: str, token: int) -> None:
        parent = definition.parent
        if parent is None or parent.type != "decorated_definition":
            return
        for dec in parent.named_children:
            if dec.type != "decorator":
                continue
            call = _unparen(_first_named(dec))
            if call is None or call.type != "call":
                continue
            func = _unparen(call.child_by_field_name("function"))
            if func is None or func.type != "attribute":
                continue
            attr = self._attr(func)
            owner = self.dotted(func.child_by_field_name("object"))
            if attr in ("websocket", "websocket_route") or (attr == "route" and owner in self.sock_objects):
                path = self._path_arg(self.args(call))
                if path is not None:
                    line, col = self.pos(dec)
                    framework = "flask-sock" if attr == "route" else "fastapi"
                    self.endpoints.append(PyEndpoint(path, handler, line, col, framework, token, owner))

    def _candidate_route(self, node: Node, path: Node, handler: Node, framework: str) -> None:
        route = self.string(path)
        name = self.dotted(handler)
        if route is not None and route.startswith("/") and name:
            line, col = self.pos(node)
            self.routes.append(PyEndpoint(_django_route(route, regex=True) if framework == "tornado" else route,
                                          name, line, col, framework, 0))

    def _path_arg(self, args: list[tuple[str | None, Node, str]]) -> str | None:
        for keyword, value_node, _ in args:
            if keyword is None or keyword == "path":
                value = self.string(value_node)
                if value is not None and (value.startswith("/") or value == ""):
                    return value or "/"
                if keyword is None:
                    return None
        return None

    # --- statements ----------------------------------------------------------------------------

    def import_(self, node: Node) -> None:
        if node.type == "import_statement":
            for alias in node.children_by_field_name("name"):
                if alias.type == "aliased_import":
                    module = self.dotted(alias.child_by_field_name("name"))
                    self.imports.append((self.dotted(alias.child_by_field_name("alias")), module, ""))
                else:
                    module = self.dotted(alias)
                    self.imports.append((module, module, ""))
            return
        if any(c.type == "wildcard_import" for c in node.named_children):
            return
        if node.type == "future_import_statement":
            module = "__future__"
        else:
            where = node.child_by_field_name("module_name")
            if where is None:
                return
            if where.type == "relative_import":
                dots = next((c for c in where.named_children if c.type == "import_prefix"), None)
                inner = next((c for c in where.named_children if c.type == "dotted_name"), None)
                module = "." * (self.text(dots).count(".") if dots is not None else 0) + \
                    (self.dotted(inner) if inner is not None else "")
            else:
                module = self.dotted(where)
        for alias in node.children_by_field_name("name"):
            if alias.type == "aliased_import":
                name = self.dotted(alias.child_by_field_name("name"))
                self.imports.append((self.dotted(alias.child_by_field_name("alias")), module, name))
            else:
                name = self.dotted(alias)
                self.imports.append((name, module, name))

    def assign(self, node: Node) -> None:
        if node.start_byte in self.chained:
            return  # `a = b = {…}`: one statement of two targets, read with the outer one
        if node.child_by_field_name("type") is not None:
            return  # `x: T = …` is an annotated assignment
        targets = [node.child_by_field_name("left")]
        value = node.child_by_field_name("right")
        while value is not None and value.type == "assignment" and value.child_by_field_name("type") is None:
            self.chained.add(value.start_byte)  # (read after this one, outer nodes first)
            targets.append(value.child_by_field_name("left"))
            value = value.child_by_field_name("right")
        value = _unparen(value)
        if value is None or len(targets) != 1:
            return
        target = _unparen(targets[0])
        if value.type == "call":
            dotted = self.dotted(target)
            ctor = self.dotted(value.child_by_field_name("function")).rpartition(".")[2]
            if dotted and ctor == "Sock":
                self.sock_objects.add(dotted)
            if dotted and ctor in _ROUTER_CTORS:
                args = self.args(value)
                prefix = _keyword(args, "prefix") or _keyword(args, "root_path")
                if prefix is not None:
                    self.routers.append((dotted, self.prefix(prefix)))
        if self.functions and target is not None and target.type == "identifier":
            self.functions[-1].assigned[self.text(target)] = value

    def compare(self, node: Node) -> None:
        # `websockets` servers route on the request path: `if path == "/ws/health":`
        operands = [c for c in node.named_children if not c.is_extra]
        operators = [c for c in node.children if not c.is_named]
        if len(operands) != 2 or len(operators) != 1 or operators[0].type != "==":
            return
        left, right = operands
        for a, b in ((left, right), (right, left)):
            value = self.string(b)
            name = self.dotted(a)
            if value is not None and value.startswith("/ws") and (name == "path" or name.endswith(".path")):
                line, col = self.pos(node)
                fn = self.functions[-1].name if self.functions else "<module>"
                self.endpoints.append(PyEndpoint(value, fn, line, col, "websockets", 0))
                return

    # --- calls ---------------------------------------------------------------------------------

    def args(self, call: Node) -> list[tuple[str | None, Node, str]]:
        """A call's arguments as (keyword or None, value, star: "", "*" or "**"), in order."""
        arguments = call.child_by_field_name("arguments")
        if arguments is None:
            return []
        if arguments.type == "generator_expression":  # `f(x for x in y)`
            return [(None, arguments, "")]
        out: list[tuple[str | None, Node, str]] = []
        for a in arguments.named_children:
            kind = a.type
            if kind == "keyword_argument":
                name, value = a.child_by_field_name("name"), a.child_by_field_name("value")
                if name is not None and value is not None:
                    out.append((self.text(name), _unparen(value) or value, ""))
            elif kind in ("list_splat", "dictionary_splat"):
                inner = _unparen(_first_named(a))
                if inner is not None:
                    out.append((None, inner, "*" if kind == "list_splat" else "**"))
            elif not a.is_extra:
                out.append((None, _unparen(a) or a, ""))
        return out

    def _attr(self, attribute: Node) -> str:
        name = attribute.child_by_field_name("attribute")
        return self.text(name) if name is not None else ""

    def call(self, node: Node) -> None:
        func = _unparen(node.child_by_field_name("function"))
        kind = func.type if func is not None else ""
        name = self._attr(func) if func is not None and kind == "attribute" else (
            self.text(func) if func is not None and kind == "identifier" else "")
        if not name:
            return  # (every check below needs a name)
        receiver = func.child_by_field_name("object") if func is not None and kind == "attribute" else None
        args = self.args(node)
        self._typed_call(node, name, args)
        if self.functions:
            caller = self.functions[-1].name
            self.calls.add((caller, name))
            if receiver is not None and args and (
                    self._is_socket_send(name, receiver) or (name in _SEND and self._socket_self(receiver))):
                self.senders.add(caller)
        if name == "include_router" and receiver is not None and args:
            prefix = _keyword(args, "prefix")
            self.includes.append((self.dotted(receiver), self.dotted(args[0][1]),
                                  self.prefix(prefix) if prefix is not None else ""))
        elif name == "mount" and receiver is not None and args:
            where = _keyword(args, "path") or (args[0][1] if args[0][0] is None else None)
            child = _keyword(args, "app") or (args[1][1] if len(args) > 1 and args[1][0] is None else None)
            if where is not None and child is not None and self.dotted(child):
                self.includes.append((self.dotted(receiver), self.dotted(child), self.prefix(where)))
        if name == "Mount" and args:  # Starlette: `Mount("/api", routes=[WebSocketRoute(...)])`
            self.mounts.append((node.end_byte, self.prefix(args[0][1]) if args[0][0] is None else ""))
        if name == "WebSocketRoute" and args:
            path = self.string(args[0][1])
            target = _keyword(args, "endpoint") or (args[1][1] if len(args) > 1 else None)
            if path is not None:
                line, col = self.pos(node)
                self.endpoints.append(PyEndpoint("/".join([*(p for _, p in self.mounts), path]),
                                                 self.dotted(target) if target is not None else "",
                                                 line, col, "starlette", 0))
        if name == "WebSocketResponse" and self.functions:
            self.socket_handlers.add(self.functions[-1].name)
        if name in ("get", "add_get", "route", "add_route") and receiver is not None and len(args) >= 2:
            self._candidate_route(node, args[-2][1] if name.endswith("route") and len(args) >= 3
                                  else args[0][1], args[-1][1], "aiohttp")
        if name == "Application" and args and args[0][1].type in ("list", "tuple"):
            for el in _elements(args[0][1]):  # Tornado: `Application([(r"/ws", ChatHandler)])`
                pair = _unparen(el)
                if pair is not None and pair.type == "tuple":
                    items = _elements(pair)
                    if len(items) >= 2:
                        self._candidate_route(items[0], _unparen(items[0]) or items[0],
                                              _unparen(items[1]) or items[1], "tornado")
        if name in ("path", "re_path", "url") and len(args) >= 2 and self._asgi_consumer(args[1][1]):
            path = self.string(args[0][1])
            if path is not None:
                line, col = self.pos(node)
                consumer = _unparen(args[1][1].child_by_field_name("function"))
                owner = consumer.child_by_field_name("object") if consumer is not None else None
                self.endpoints.append(PyEndpoint(_django_route(path, regex=name != "path"),
                                                 self.dotted(owner), line, col, "channels", 0))
            return
        if name == "add_websocket_route" and args:
            path = self.string(args[0][1])
            if path is not None:
                line, col = self.pos(node)
                handler = self.dotted(args[1][1]) if len(args) > 1 else ""
                self.endpoints.append(PyEndpoint(path, handler, line, col, "starlette", 0,
                                                 self.dotted(receiver) if receiver is not None else ""))
            return
        if receiver is not None and name in _SEND and args \
                and (name not in ("send", "write_message") or self._socket_self(receiver)
                     or self._is_socket_send(name, receiver)):
            message = self._message(args[0][1], unwrap_dumps=name != "send_json")
            if message is not None:
                self._emit(node, message, "send_json" if name == "send_json" else "send_text", None, args[0][1])
                return
        # a per-topic registry: a call given a literal topic and a message dict, which linking
        # keeps only when the function called reaches a WebSocket send
        if len(args) >= 2 and name not in _NOT_REGISTRY:
            topic = next((s for a in args if (s := self._topic(a[1])) is not None), None)
            found = next(((m, a[1]) for a in args if (m := self._message(a[1], True)) is not None), None)
            if found is not None and topic is not None and topic.startswith("/"):
                return
            if found is not None and (topic is not None or self._type_of(found[0])[0]):
                self._emit(node, found[0], "registry", topic, found[1], callee=name)

    def _is_socket_send(self, method: str, receiver: Node) -> bool:
        """`ws.send_json(…)`, `websocket.send_text(…)`, `conn.send(…)`: a send on a WebSocket object."""
        if method in ("send_json", "send_text", "send_bytes", "send_str"):
            return True
        return method in ("send", "write_message") and _SOCKET_NAME.search(self.dotted(receiver)) is not None

    def _socket_self(self, receiver: Node) -> bool:
        """`self` inside a Channels consumer or a Tornado/other WebSocket handler class."""
        receiver = _unparen(receiver) or receiver
        return receiver.type == "identifier" and self.text(receiver) == "self" and bool(self.classes) \
            and self.classes[-1][1]

    def _asgi_consumer(self, expr: Node) -> bool:
        """`ChatConsumer.as_asgi()`: a Channels consumer (an HTTP view is `.as_view()`)."""
        if expr.type != "call":
            return False
        func = _unparen(expr.child_by_field_name("function"))
        return func is not None and func.type == "attribute" and self._attr(func) == "as_asgi"

    def _message(self, expr: Node, unwrap_dumps: bool) -> Node | None:
        """The dict literal a message is, through `json.dumps(...)` and a local variable."""
        if unwrap_dumps and expr.type == "call" and \
                self.dotted(expr.child_by_field_name("function")).endswith("dumps"):
            args = self.args(expr)
            if args:
                expr = args[0][1]
        if expr.type == "identifier" and self.functions:
            bound = self.functions[-1].assigned.get(self.text(expr))
            if bound is not None:
                expr = bound
        if expr.type == "call":
            func = _unparen(expr.child_by_field_name("function"))
            inner = _unparen(func.child_by_field_name("object")) if func is not None and func.type == "attribute" \
                else None
            if inner is not None and inner.type == "call" and func is not None and self._attr(func) in _SERIALISE:
                expr = inner  # `Reply(status="ok", …).to_text()`, `evt.model_dump_json()`
        if expr.type == "call" and _keyword(self.args(expr), self.type_field) is not None:
            return expr  # a pydantic/dataclass message: `ZoneEvent(type=EventType.ADDED, …)`
        return expr if expr.type == "dictionary" else None

    def _type_of(self, message: Node) -> tuple[bool, Node | None]:
        """Whether the message has the type field, and the expression given for it."""
        if message.type == "call":
            return True, _keyword(self.args(message), self.type_field)
        for el in message.named_children:
            if el.type == "pair":
                key = el.child_by_field_name("key")
                if key is not None and self.string(key) == self.type_field:
                    value = el.child_by_field_name("value")
                    return True, _unparen(value)
        return False, None

    def _typed_call(self, node: Node, name: str, args: list[tuple[str | None, Node, str]]) -> None:
        position = 0
        for keyword, value_node, star in args:
            kind = value_node.type
            # (only a literal is a word and only an attribute an enum member: the rest is skipped)
            value = self.string(value_node) if kind in ("string", "concatenated_string") else None
            dotted = self.dotted(value_node) if kind == "attribute" else ""
            # a word-like literal or an enum member (`EventType.ADDED`); log texts and SQL are neither
            if (value is not None and _TYPE_WORD.match(value)) or (
                    value is None and "." in dotted and dotted.rpartition(".")[2].isupper()):
                line, col = self.pos(node)
                self.typed_calls.append(PyTypedCall(name, -1 if keyword else position, keyword or "",
                                                    value if value is not None else dotted, line, col))
            if keyword is None and not star:
                position += 1

    def _forward(self, expr: Node | None) -> tuple[str, int] | None:
        """`typ` when it is a parameter of the enclosing function: (name, position without self)."""
        if expr is not None and expr.type == "attribute" and self._attr(expr) == "value":
            expr = _unparen(expr.child_by_field_name("object"))  # `event_type.value`: the member's wire value
        if expr is None or expr.type != "identifier" or not self.functions:
            return None
        name = self.text(expr)
        params = self.functions[-1].params
        if params and params[0] in ("self", "cls"):
            params = params[1:]
        if name in params:
            return name, params.index(name)
        return (name, -1) if name in self.functions[-1].kwonly else None

    def _emit(self, call: Node, message: Node, how: str, topic: str | None, written: Node,
              callee: str | None = None) -> None:
        keys: list[str] = []
        payload: str | None = None
        typed, given = self._type_of(message)
        forward = self._forward(given)
        kind = self._wire(given) if given is not None and forward is None else None
        for el in message.named_children if message.type == "dictionary" else ():
            if el.type == "pair":
                key_node, value_node = el.child_by_field_name("key"), el.child_by_field_name("value")
                key = self.string(key_node) if key_node is not None else None
                keys.append(key if key is not None else "<expr>")
                if key is not None and key != self.type_field and value_node is not None:
                    payload = self.text(value_node)
            elif el.type == "dictionary_splat":
                keys.append("**")
        line, col = self.pos(call)
        fn = self.functions[-1].name if self.functions else None
        self.emits.append(PyEmit(kind, typed, how, topic, fn, line, col, self._offset(call.start_byte),
                                 self._offset(call.end_byte), tuple(keys), payload, written.type == "dictionary",
                                 (call.start_byte, call.end_byte) in self.awaited, callee,
                                 self.classes[-1][2] if self.classes else None, forward))

    def _wire(self, expr: Node) -> str | None:
        """A literal, or an enum member: its value when the file defines the enum, else its
        dotted name (linking looks it up in the project's enums)."""
        kind = self.string(expr)
        if kind is None:
            dotted = self.dotted(expr)
            owner, _, member = dotted.rpartition(".")
            # an enum member defined elsewhere is looked up when linking; `row.status` is run time
            kind = self.enums.get(owner, {}).get(member) or (dotted if owner and member.isupper() else None)
        return kind

    # --- values --------------------------------------------------------------------------------

    def _topic(self, expr: Node) -> str | None:
        """A registry's topic: a literal, or the first literal of a tuple (`("spool", str(id))`)."""
        if expr.type == "tuple":
            items = _elements(expr)
            if not items:
                return None
            first = _unparen(items[0]) or items[0]
            if first.type == "list_splat":
                first = _unparen(_first_named(first)) or first
            return self.string(first)
        return self.string(expr)

    def string(self, node: Node | None) -> str | None:
        """The value of a plain string literal (implicitly concatenated too); None for anything
        else: bytes, f-strings, names."""
        node = _unparen(node)
        if node is None:
            return None
        if node.type == "string":
            return self._literal(node)
        if node.type != "concatenated_string":
            return None
        parts = []
        for part in node.named_children:
            if part.type != "string":
                continue
            value = self._literal(part)
            if value is None:
                return None
            parts.append(value)
        return "".join(parts)

    def _literal(self, node: Node) -> str | None:
        raw = self.text(node)
        quote = min((i for i in (raw.find('"'), raw.find("'")) if i >= 0), default=-1)
        if quote < 0 or _NOT_STR.intersection(raw[:quote]):
            return None
        if "\\" not in raw and "\r" not in raw and raw[:quote] in ("", "r", "R", "u", "U"):
            q = 3 if raw[quote:quote + 3] in ('"""', "'''") and len(raw) - quote >= 6 else 1
            return raw[quote + q:len(raw) - q]
        with warnings.catch_warnings():  # `"\d"`: an invalid escape is the literal's business
            warnings.simplefilter("ignore")
            try:
                value = ast.literal_eval(raw)
            except (SyntaxError, ValueError, MemoryError):
                return None
        return value if isinstance(value, str) else None

    def prefix(self, expr: Node) -> str:
        """A path prefix's literal parts: `env.base() + "/api/v1"` → `/api/v1` (a run-time base is
        taken as the root, where an app is served by default)."""
        out: list[str] = []
        todo = [expr]
        while todo:
            node = _unparen(todo.pop())
            if node is None:
                continue
            value = self.string(node)
            if value is not None:
                out.append(value)
            elif node.type == "binary_operator" and _operator(node) == "+":
                right, left = node.child_by_field_name("right"), node.child_by_field_name("left")
                todo.extend(n for n in (right, left) if n is not None)
            elif node.type == "string" and _fstring(self.text(node)):
                out.append(self._fstring_text(node))
        return "".join(out)

    def _fstring_text(self, node: Node) -> str:
        """An f-string's text outside its `{…}` parts, as written."""
        children = node.children
        if len(children) < 2:
            return ""
        at, end = children[0].end_byte, children[-1].start_byte
        parts = []
        for c in children[1:-1]:
            if c.type == "interpolation":
                parts.append(self.data[at:c.start_byte])
                at = c.end_byte
        parts.append(self.data[at:end])
        return b"".join(parts).decode("utf-8", "replace")

    def dotted(self, node: Node | None) -> str:
        """`a.b.c` → "a.b.c"; an attribute of anything else keeps its dots (`f().x` → ".x"),
        and anything else is ""."""
        attrs: list[str] = []
        node = _unparen(node)
        while node is not None and node.type == "attribute":
            attrs.append(self._attr(node))
            node = _unparen(node.child_by_field_name("object"))
        if node is not None and node.type in _NAMES:  # (`True`, `None`: names to Python's own grammar)
            head = self.text(node)
        elif node is not None and node.type == "dotted_name":
            head = ".".join(self.text(c) for c in node.named_children if c.type == "identifier")
        else:
            head = ""
        if not attrs:
            return head
        return ".".join([head, *reversed(attrs)])


def _unparen(node: Node | None) -> Node | None:
    """The expression inside any parentheses around it."""
    while node is not None and node.type == "parenthesized_expression":
        node = _first_named(node)
    return node


def _first_named(node: Node | None) -> Node | None:
    if node is None:
        return None
    return next((c for c in node.named_children if not c.is_extra), None)


def _elements(node: Node) -> list[Node]:
    """The items of a list or tuple literal, as written (parentheses kept)."""
    return [c for c in node.named_children if not c.is_extra]


def _bases(klass: Node) -> Iterable[Node]:
    """A class's bases (not its keywords, `metaclass=`)."""
    args = klass.child_by_field_name("superclasses")
    for a in args.named_children if args is not None else ():
        if a.type == "list_splat":
            inner = _first_named(a)
            if inner is not None:
                yield inner
        elif a.type not in ("keyword_argument", "dictionary_splat") and not a.is_extra:
            yield a


def _operator(node: Node) -> str:
    op = node.child_by_field_name("operator")
    return op.type if op is not None else ""


def _fstring(raw: str) -> bool:
    quote = min((i for i in (raw.find('"'), raw.find("'")) if i >= 0), default=-1)
    return quote > 0 and "f" in raw[:quote].lower()


def _keyword(args: list[tuple[str | None, Node, str]], name: str) -> Node | None:
    return next((value for keyword, value, _ in args if keyword == name), None)


_DJANGO_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def _django_route(route: str, regex: bool) -> str:
    """`ws/task/<uuid:uuid>/` or `^ws/(?P<slug>[-\\w]+)/$` → `/ws/task/{uuid}`, `/ws/{slug}`."""
    if regex:
        route = _REGEX_GROUP.sub(lambda m: "{" + m.group(1) + "}", route.lstrip("^").rstrip("$"))
        route = route.replace("\\", "").replace("/?", "/")
    else:
        route = _DJANGO_CONVERTER.sub(lambda m: "{" + m.group(1) + "}", route)
    return "/" + "/".join(seg for seg in route.split("/") if seg)


def _ignores(data: bytes) -> tuple[tuple[int, tuple[str, ...], bool], ...]:
    if b"ws-migrate-ignore" not in data:
        return ()
    out = []
    for i, raw in enumerate(data.split(b"\n"), 1):
        line = raw.decode("utf-8", "replace")
        m = _IGNORE.search(line)
        if m is not None:
            trailing = bool(line[: m.start()].strip())
            out.append((i, (m.group(1),) if m.group(1) else ("*",), trailing))
    return tuple(out)
