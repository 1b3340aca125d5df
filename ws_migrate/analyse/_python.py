"""Per-file analysis of Python back ends with libcst: the legacy endpoints they serve and the
messages they emit.

Endpoints: `@app.websocket("/ws/health")`, `@router.websocket("/ws/{connection_type}/{user_id}")`
(any object's `.websocket(path)` decorator), `x.add_websocket_route("/ws/x", handler)`, and
`websockets` servers that route on the request path (`if path == "/ws/health":`).
Emits: `send_json({...})`, `send_text(json.dumps({...}))`, and sends through a per-topic registry
(`manager.broadcast("dns_management", msg)`, `broadcast(msg, "security")`: any call given a
message and a literal topic), with the message built inline or in a variable assigned earlier in
the same function, and its type a literal or an enum member (`MessageType.ZONE_UPDATED`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

_SEND = {"send_json", "send_text", "send", "send_str", "write_message"}
_PREFILTER = re.compile(rb"websocket|broadcast|send_json|send_text|send_str|as_asgi|include_router|mount|APIRouter"
                        rb"|Enum\)|Sock\(|Application\(",
                        re.IGNORECASE)
# Channels' layer calls dispatch to a consumer's handler method: the send is there, not here
_NOT_REGISTRY = frozenset({"dumps", "loads", "get", "setdefault", "group_send", "send_to_group"})
# `.send(...)` is a WebSocket send only on something named like a socket (not a queue, a generator)
_SOCKET_NAME = re.compile(r"(?:^|_|\.)(?:ws|websocket|socket|sock|conn|connection|client|peer)s?$", re.IGNORECASE)
_SERIALISE = frozenset({"json", "to_json", "to_text", "model_dump_json", "dict", "to_dict", "model_dump"})
_TYPE_WORD = re.compile(r"^[A-Za-z][\w.:-]{0,63}$")
_ROUTER_CTORS = frozenset({"APIRouter", "FastAPI", "Starlette", "Router"})
_SOCKET_CLASS = re.compile(r"WebsocketConsumer|WebSocketConsumer|WebSocketHandler|WebSocketEndpoint")
_IGNORE = re.compile(r"#\s*ws-migrate-ignore\b(?:\s*:\s*([A-Za-z0-9_\-]+))?")


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


def worth_reading(data: bytes) -> bool:
    return _PREFILTER.search(data) is not None


def summarize_python(data: bytes, rel: str, type_field: str = "type") -> PySummary:
    """Analyse one Python file; a syntax error is recorded, never raised."""
    text = data.decode("utf-8", "replace")
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        return PySummary(rel, parse_error=(exc.raw_line, exc.raw_column + 1, exc.message.splitlines()[0]))
    except RecursionError:
        return PySummary(rel, parse_error=(1, 1, "nested too deeply to parse"))
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    enums = _enums(module)
    visitor = _Visitor(type_field, enums, module, text)
    wrapper.visit(visitor)
    return PySummary(rel, tuple(visitor.endpoints), tuple(visitor.emits), _ignores(text),
                     senders=tuple(sorted(visitor.senders)), calls=tuple(sorted(visitor.calls)),
                     routers=tuple(visitor.routers), includes=tuple(visitor.includes),
                     imports=tuple(visitor.imports),
                     enums=tuple((c, m, v) for c, members in enums.items() for m, v in members.items()),
                     typed_calls=tuple(visitor.typed_calls), routes=tuple(visitor.routes),
                     socket_handlers=tuple(sorted(visitor.socket_handlers)))


def _is_socket_send(method: str, receiver: cst.BaseExpression) -> bool:
    """`ws.send_json(…)`, `websocket.send_text(…)`, `conn.send(…)`: a send on a WebSocket object."""
    if method in ("send_json", "send_text", "send_bytes", "send_str"):
        return True
    return method in ("send", "write_message") and _SOCKET_NAME.search(_dotted(receiver)) is not None


def _is_asgi_consumer(expr: cst.BaseExpression) -> bool:
    """`ChatConsumer.as_asgi()`: a Channels consumer (an HTTP view is `.as_view()`)."""
    return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "as_asgi"


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


def _ignores(text: str) -> tuple[tuple[int, tuple[str, ...], bool], ...]:
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        m = _IGNORE.search(line)
        if m is not None:
            trailing = bool(line[: m.start()].strip())
            out.append((i, (m.group(1),) if m.group(1) else ("*",), trailing))
    return tuple(out)


def _string(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _topic(expr: cst.BaseExpression) -> str | None:
    """A registry's topic: a literal, or the first literal of a tuple (`("spool", str(id))`)."""
    if isinstance(expr, cst.Tuple) and expr.elements:
        return _string(expr.elements[0].value)
    return _string(expr)


def _keyword(call: cst.Call, name: str) -> cst.BaseExpression | None:
    return next((a.value for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def _prefix(expr: cst.BaseExpression) -> str:
    """A path prefix's literal parts: `env.base() + "/api/v1"` → `/api/v1` (a run-time base is
    taken as the root, where an app is served by default)."""
    value = _string(expr)
    if value is not None:
        return value
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _prefix(expr.left) + _prefix(expr.right)
    if isinstance(expr, cst.FormattedString):
        return "".join(p.value for p in expr.parts if isinstance(p, cst.FormattedStringText))
    return ""


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _enums(module: cst.Module) -> dict[str, dict[str, str]]:
    """`class MessageType(str, Enum): ZONE_UPDATED = "zone_updated"` → {MessageType: {…}}."""
    out: dict[str, dict[str, str]] = {}
    for stmt in module.body:
        if not isinstance(stmt, cst.ClassDef):
            continue
        if not any("Enum" in _dotted(b.value) for b in stmt.bases):
            continue
        members: dict[str, str] = {}
        for item in stmt.body.body:
            if isinstance(item, cst.SimpleStatementLine):
                for small in item.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                            isinstance(small.targets[0].target, cst.Name):
                        value = _string(small.value)
                        if value is not None:
                            members[small.targets[0].target.value] = value
        out[stmt.name.value] = members
    return out


class _Visitor(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, type_field: str, enums: dict[str, dict[str, str]], module: cst.Module, text: str) -> None:
        super().__init__()
        self.type_field = type_field
        self.enums = enums
        self.module = module
        self.line_starts = [0]
        for line in text.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.awaited: set[int] = set()
        self.endpoints: list[PyEndpoint] = []
        self.emits: list[PyEmit] = []
        self.functions: list[cst.FunctionDef] = []
        self.assigned: list[dict[str, cst.BaseExpression]] = []  # per function: name -> last dict value
        self.senders: set[str] = set()
        self.routers: list[tuple[str, str]] = []
        self.includes: list[tuple[str, str, str]] = []
        self.imports: list[tuple[str, str, str]] = []
        self.classes: list[bool] = []  # per enclosing class: is it a WebSocket consumer/handler
        self.class_names: list[str] = []
        self.typed_calls: list[PyTypedCall] = []
        self.routes: list[PyEndpoint] = []
        self.socket_handlers: set[str] = set()
        self.sock_objects: set[str] = set()  # `sock = Sock(app)` (Flask-Sock)
        self.mounts: list[str] = []  # the prefixes of the Starlette `Mount`s being visited
        self.calls: set[tuple[str, str]] = set()

    def _pos(self, node: cst.CSTNode) -> tuple[int, int, int, int]:
        p = self.get_metadata(PositionProvider, node)
        return p.start.line, p.start.column + 1, p.end.line, p.end.column

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(any(_SOCKET_CLASS.search(_dotted(b.value)) for b in node.bases))
        self.class_names.append(node.name.value)
        if any(_dotted(b.value).rpartition(".")[2] == "WebSocketHandler" for b in node.bases):
            self.socket_handlers.add(node.name.value)
        self._route_decorators(node.decorators, node.name.value, 0)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()
        self.class_names.pop()

    def _socket_self(self, receiver: cst.BaseExpression) -> bool:
        """`self` inside a Channels consumer or a Tornado/other WebSocket handler class."""
        return isinstance(receiver, cst.Name) and receiver.value == "self" and bool(self.classes) \
            and self.classes[-1]

    # --- functions and their endpoints -----------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)
        self.assigned.append({})
        self._route_decorators(node.decorators, node.name.value, self._token_param(node))

    def _route_decorators(self, decorators: Sequence[cst.Decorator], handler: str, token: int) -> None:
        for dec in decorators:
            call = dec.decorator
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and (
                    call.func.attr.value in ("websocket", "websocket_route")
                    or (call.func.attr.value == "route" and _dotted(call.func.value) in self.sock_objects)):
                path = self._path_arg(call)
                if path is not None:
                    line, col, _, _ = self._pos(dec)
                    framework = "flask-sock" if call.func.attr.value == "route" else "fastapi"
                    self.endpoints.append(PyEndpoint(path, handler, line, col, framework, token,
                                                     _dotted(call.func.value)))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.functions.pop()
        self.assigned.pop()

    def _candidate_route(self, node: cst.CSTNode, path: cst.BaseExpression, handler: cst.BaseExpression,
                         framework: str) -> None:
        route = _string(path)
        name = _dotted(handler)
        if route is not None and route.startswith("/") and name:
            line, col, _, _ = self._pos(node)
            self.routes.append(PyEndpoint(_django_route(route, regex=True) if framework == "tornado" else route,
                                          name, line, col, framework, 0))

    def _path_arg(self, call: cst.Call) -> str | None:
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value == "path":
                value = _string(arg.value)
                if value is not None and (value.startswith("/") or value == ""):
                    return value or "/"
                if arg.keyword is None:
                    return None
        return None

    def _token_param(self, fn: cst.FunctionDef) -> int:
        for p in list(fn.params.params) + list(fn.params.kwonly_params):
            if re.search(r"token|jwt|auth", p.name.value, re.IGNORECASE):
                return self._pos(p)[0]
        return 0

    # --- statements inside functions -------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            module = _dotted(alias.name)
            local = _dotted(alias.asname.name) if alias.asname else module
            self.imports.append((local, module, ""))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        module = "." * len(node.relative) + (_dotted(node.module) if node.module else "")
        for alias in node.names:
            name = _dotted(alias.name)
            self.imports.append((_dotted(alias.asname.name) if alias.asname else name, module, name))

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.value, cst.Call):
            target = _dotted(node.targets[0].target)
            ctor = _dotted(node.value.func).rpartition(".")[2]
            if target and ctor == "Sock":
                self.sock_objects.add(target)
            if target and ctor in _ROUTER_CTORS:
                prefix = _keyword(node.value, "prefix") or _keyword(node.value, "root_path")
                if prefix is not None:
                    self.routers.append((target, _prefix(prefix)))
        if self.assigned and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self.assigned[-1][node.targets[0].target.value] = node.value

    def visit_Comparison(self, node: cst.Comparison) -> None:
        # `websockets` servers route on the request path: `if path == "/ws/health":`
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, cst.Equal):
            return
        left, right = node.left, node.comparisons[0].comparator
        for a, b in ((left, right), (right, left)):
            value = _string(b)
            name = _dotted(a)
            if value is not None and value.startswith("/ws") and (name == "path" or name.endswith(".path")):
                line, col, _, _ = self._pos(node)
                fn = self.functions[-1].name.value if self.functions else "<module>"
                self.endpoints.append(PyEndpoint(value, fn, line, col, "websockets", 0))
                return

    def leave_Call(self, original_node: cst.Call) -> None:
        func = original_node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else (func.value if isinstance(func, cst.Name) else "")
        if name == "Mount" and original_node.args:
            self.mounts.pop()

    def visit_Await(self, node: cst.Await) -> None:
        self.awaited.add(id(node.expression))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else (func.value if isinstance(func, cst.Name) else "")
        if name:
            self._typed_call(node, name)
        if self.functions and name:
            caller = self.functions[-1].name.value
            self.calls.add((caller, name))
            if isinstance(func, cst.Attribute) and node.args and (
                    _is_socket_send(name, func.value) or (name in _SEND and self._socket_self(func.value))):
                self.senders.add(caller)
        if name == "include_router" and isinstance(func, cst.Attribute) and node.args:
            prefix = _keyword(node, "prefix")
            self.includes.append((_dotted(func.value), _dotted(node.args[0].value),
                                  _prefix(prefix) if prefix is not None else ""))
        elif name == "mount" and isinstance(func, cst.Attribute) and node.args:
            where = _keyword(node, "path") or (node.args[0].value if node.args[0].keyword is None else None)
            child = _keyword(node, "app") or (node.args[1].value if len(node.args) > 1
                                              and node.args[1].keyword is None else None)
            if where is not None and child is not None and _dotted(child):
                self.includes.append((_dotted(func.value), _dotted(child), _prefix(where)))
        if name == "Mount" and node.args:  # Starlette: `Mount("/api", routes=[WebSocketRoute(...)])`
            self.mounts.append(_prefix(node.args[0].value) if node.args[0].keyword is None else "")
        if name == "WebSocketRoute" and node.args:
            path = _string(node.args[0].value)
            target = _keyword(node, "endpoint") or (node.args[1].value if len(node.args) > 1 else None)
            if path is not None:
                line, col, _, _ = self._pos(node)
                self.endpoints.append(PyEndpoint("/".join([*self.mounts, path]), _dotted(target) if target else "",
                                                 line, col, "starlette", 0))
        if name == "WebSocketResponse" and self.functions:
            self.socket_handlers.add(self.functions[-1].name.value)
        if name in ("get", "add_get", "route", "add_route") and isinstance(func, cst.Attribute) \
                and len(node.args) >= 2:
            self._candidate_route(node, node.args[-2].value if name.endswith("route") and len(node.args) >= 3
                                  else node.args[0].value, node.args[-1].value, "aiohttp")
        if name == "Application" and node.args and isinstance(node.args[0].value, (cst.List, cst.Tuple)):
            for el in node.args[0].value.elements:  # Tornado: `Application([(r"/ws", ChatHandler)])`
                if isinstance(el.value, cst.Tuple) and len(el.value.elements) >= 2:
                    self._candidate_route(el.value, el.value.elements[0].value, el.value.elements[1].value,
                                          "tornado")
        if name in ("path", "re_path", "url") and len(node.args) >= 2 and _is_asgi_consumer(node.args[1].value):
            route = _string(node.args[0].value)
            if route is not None:
                line, col, _, _ = self._pos(node)
                consumer = node.args[1].value
                assert isinstance(consumer, cst.Call) and isinstance(consumer.func, cst.Attribute)
                self.endpoints.append(PyEndpoint(_django_route(route, regex=name != "path"),
                                                 _dotted(consumer.func.value), line, col, "channels", 0))
            return
        if name == "add_websocket_route" and node.args:
            path = _string(node.args[0].value)
            if path is not None:
                line, col, _, _ = self._pos(node)
                handler = _dotted(node.args[1].value) if len(node.args) > 1 else ""
                self.endpoints.append(PyEndpoint(path, handler, line, col, "starlette", 0,
                                                 _dotted(func.value) if isinstance(func, cst.Attribute) else ""))
            return
        if isinstance(func, cst.Attribute) and name in _SEND and node.args \
                and (name not in ("send", "write_message") or self._socket_self(func.value)
                     or _is_socket_send(name, func.value)):
            message = self._message(node.args[0].value, unwrap_dumps=name != "send_json")
            if message is not None:
                self._emit(node, message, "send_json" if name == "send_json" else "send_text", None,
                           node.args[0].value)
                return
        # a per-topic registry: a call given a literal topic and a message dict, which linking
        # keeps only when the function called reaches a WebSocket send
        if len(node.args) >= 2 and name and name not in _NOT_REGISTRY:
            topic = next((s for a in node.args if (s := _topic(a.value)) is not None), None)
            found = next(((m, a.value) for a in node.args if (m := self._message(a.value, True)) is not None), None)
            if found is not None and topic is not None and topic.startswith("/"):
                return
            if found is not None and (topic is not None or self._type_of(found[0])[0]):
                self._emit(node, found[0], "registry", topic, found[1], callee=name)

    def _message(self, expr: cst.BaseExpression, unwrap_dumps: bool) -> cst.Dict | cst.Call | None:
        """The dict literal a message is, through `json.dumps(...)` and a local variable."""
        if unwrap_dumps and isinstance(expr, cst.Call) and _dotted(expr.func).endswith("dumps") and expr.args:
            expr = expr.args[0].value
        if isinstance(expr, cst.Name) and self.assigned:
            bound = self.assigned[-1].get(expr.value)
            if bound is not None:
                expr = bound
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) \
                and expr.func.attr.value in _SERIALISE and isinstance(expr.func.value, cst.Call):
            expr = expr.func.value  # `Reply(status="ok", …).to_text()`, `evt.model_dump_json()`
        if isinstance(expr, cst.Call) and _keyword(expr, self.type_field) is not None:
            return expr  # a pydantic/dataclass message: `ZoneEvent(type=EventType.ADDED, …)`
        return expr if isinstance(expr, cst.Dict) else None

    def _type_of(self, message: cst.Dict | cst.Call) -> tuple[bool, cst.BaseExpression | None]:
        """Whether the message has the type field, and the expression given for it."""
        if isinstance(message, cst.Call):
            return True, _keyword(message, self.type_field)
        for el in message.elements:
            if isinstance(el, cst.DictElement) and _string(el.key) == self.type_field:
                return True, el.value
        return False, None

    def _typed_call(self, node: cst.Call, name: str) -> None:
        position = 0
        for arg in node.args:
            value = _string(arg.value)
            dotted = "" if value is not None else _dotted(arg.value)
            # a word-like literal or an enum member (`EventType.ADDED`); log texts and SQL are neither
            if (value is not None and _TYPE_WORD.match(value)) or (
                    value is None and "." in dotted and dotted.rpartition(".")[2].isupper()):
                line, col, _, _ = self._pos(node)
                self.typed_calls.append(PyTypedCall(name, -1 if arg.keyword else position,
                                                    arg.keyword.value if arg.keyword else "",
                                                    value if value is not None else dotted, line, col))
            if arg.keyword is None and not arg.star:
                position += 1

    def _forward(self, expr: cst.BaseExpression | None) -> tuple[str, int] | None:
        """`typ` when it is a parameter of the enclosing function: (name, position without self)."""
        if isinstance(expr, cst.Attribute) and expr.attr.value == "value":
            expr = expr.value  # `event_type.value`: the member's wire value
        if not isinstance(expr, cst.Name) or not self.functions:
            return None
        params = [p.name.value for p in self.functions[-1].params.params]
        if params and params[0] in ("self", "cls"):
            params = params[1:]
        kwonly = [p.name.value for p in self.functions[-1].params.kwonly_params]
        if expr.value in params:
            return expr.value, params.index(expr.value)
        return (expr.value, -1) if expr.value in kwonly else None

    def _emit(self, call: cst.Call, message: cst.Dict | cst.Call, how: str, topic: str | None,
              written: cst.BaseExpression, callee: str | None = None) -> None:
        keys: list[str] = []
        payload: str | None = None
        typed, given = self._type_of(message)
        forward = self._forward(given)
        kind = self._wire(given) if given is not None and forward is None else None
        for el in message.elements if isinstance(message, cst.Dict) else ():
            if isinstance(el, cst.DictElement):
                key = _string(el.key)
                keys.append(key if key is not None else "<expr>")
                if key is not None and key != self.type_field:
                    payload = self.module.code_for_node(el.value)
            else:
                keys.append("**")
        line, col, end_line, end_col = self._pos(call)
        fn = self.functions[-1].name.value if self.functions else None
        start = self.line_starts[line - 1] + col - 1
        end = self.line_starts[end_line - 1] + end_col
        self.emits.append(PyEmit(kind, typed, how, topic, fn, line, col, start, end, tuple(keys), payload,
                                 isinstance(written, cst.Dict), id(call) in self.awaited, callee,
                                 self.class_names[-1] if self.class_names else None, forward))

    def _wire(self, expr: cst.BaseExpression) -> str | None:
        """A literal, or an enum member: its value when the file defines the enum, else its
        dotted name (linking looks it up in the project's enums)."""
        kind = _string(expr)
        if kind is None:
            dotted = _dotted(expr)
            owner, _, member = dotted.rpartition(".")
            # an enum member defined elsewhere is looked up when linking; `row.status` is run time
            kind = self.enums.get(owner, {}).get(member) or (dotted if owner and member.isupper() else None)
        return kind
