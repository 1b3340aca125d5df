"""Per-file analysis of Python back ends with tree-sitter: the legacy endpoints they serve and the
messages they emit.

Endpoints: `@app.websocket("/ws/health")`, `@router.websocket("/ws/{connection_type}/{user_id}")`
(any object's `.websocket(path)` decorator), `x.add_websocket_route("/ws/x", handler)`, and
`websockets` servers that route on the request path (`if path == "/ws/health":`).
Emits: `send_json({...})`, `send_text(json.dumps({...}))`, and sends through a per-topic registry
(`manager.broadcast("dns_management", msg)`, `broadcast(msg, "security")`: any call given a
message and a literal topic), with the message built inline or in a variable assigned earlier in
the same function, and its type a literal or an enum member (`MessageType.ZONE_UPDATED`).
Beside it: `_py_routes` (router classes, routers included in loops, paths in constants, Flask
blueprints), `_py_builders` (functions returning the message sent), `_py_layers` (a Channels
handler sending a key of the layer event).

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
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ws_migrate.analyse import _py_builders as builders_
from ws_migrate.analyse import _py_layers as layers_
from ws_migrate.analyse import _py_routes as routes_
from ws_migrate.parse import first_error, language, parser

if TYPE_CHECKING:
    import tree_sitter

    Node = tree_sitter.Node

_SEND = {"send_json", "send_text", "send", "send_str", "write_message"}
# Channels' layer calls dispatch to a consumer's handler method: the send is there, not here
_NOT_REGISTRY = frozenset({"dumps", "loads", "get", "setdefault", "group_send", "send_to_group"})
# `.send(...)` is a WebSocket send only on something named like a socket (not a queue, a generator)
_SOCKET_NAME = re.compile(r"(?:^|_|\.)(?:ws|websocket|socket|sock|conn|connection|client|peer)s?$", re.IGNORECASE)
_WEBSOCKET_NAME = re.compile(r"(?:^|_|\.)(?:ws|websocket|web_socket)s?(?:$|_)", re.IGNORECASE)
_DISCRIMINATOR_KEYS = frozenset({"type", "event", "kind", "action", "op", "opcode", "cmd", "command", "method",
                                 "msgtype", "messagetype", "eventtype"})
_DOTTED_TYPE = re.compile(rb"""["']type["']\s*:\s*[rRuU]?["'][A-Za-z][\w-]*\.[\w.-]+["']""")
# what can carry a parameter on whole: the name, a call encoding or copying it, a dict spreading it
_CARRIERS = frozenset({"identifier", "call", "dictionary"})
# what opens a WebSocket as a client: websockets' `connect`, websocket-client's `create_connection`,
# Tornado's `websocket_connect`, aiohttp's `session.ws_connect`
_CLIENT_OPENERS = frozenset({"create_connection", "websocket_connect", "ws_connect", "connect_ws"})
_SERIALISE = frozenset({"json", "to_json", "to_text", "model_dump_json", "dict", "to_dict", "model_dump", "as_dict",
                        "as_json", "serialize", "serialise", "to_message"})
# class-like calls that are never a message object
_NOT_SCHEMAS = frozenset({"Exception", "RuntimeError", "ValueError", "Response", "JSONResponse", "HTTPException",
                          "Path", "Decimal", "Counter", "OrderedDict", "Enum", "Thread"})
_LOGS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "addHandler",
                   "print", "write", "append", "put", "put_nowait"})
# calls that run their first argument later, with the rest: `io_loop.add_callback(client.write_message, msg)`
# (how many arguments come before the callback)
_DEFERRED = {"add_callback": 0, "spawn_callback": 0, "call_soon": 0, "call_soon_threadsafe": 0, "call_later": 1,
             "call_at": 1, "add_timeout": 1, "run_in_executor": 1}
_TYPE_WORD = re.compile(r"^[A-Za-z][\w.:/-]{0,63}$")
_SOCKET_CLASS = re.compile(r"WebsocketConsumer|WebSocketConsumer|WebSocketHandler|WebSocketEndpoint")
_CONSUMER_CLASS = re.compile(r"Websocket_?Consumer|WebSocketConsumer", re.IGNORECASE)
# a Channels consumer's own methods: what they are given is no layer event
_CONSUMER_METHODS = frozenset({
    "connect", "disconnect", "receive", "receive_json", "websocket_connect", "websocket_receive",
    "websocket_disconnect", "accept", "close", "send", "send_json", "decode_json", "encode_json",
    "dispatch", "group_send", "http_request"})
# a call that turns its first argument into the text sent: `json.dumps(m)`, `jsonable_encoder(m)`
_ENCODER = re.compile(r"(?:dumps|encode|encoder|seriali[sz]e|to_json|jsonify|json_util)$", re.IGNORECASE)
# a call that gives back its first argument as it is, or a copy: `dict(m)`, `asdict(event)`, `deepcopy(m)`
_SAME = frozenset({"dict", "copy", "deepcopy", "asdict", "as_dict", "to_dict", "model_dump", "jsonable_encoder"})
_TOKEN = re.compile(r"token|jwt|auth", re.IGNORECASE)
_IGNORE = re.compile(r"#\s*ws-migrate-ignore\b(?:\s*:\s*([A-Za-z0-9_\-]+))?")
# one pattern of alternatives: compiled in 2 ms, where one pattern per kind took 20
_QUERY = """[(function_definition) (class_definition) (call) (assignment) (augmented_assignment) (as_pattern)
  (comparison_operator) (await) (import_statement) (import_from_statement) (future_import_statement)] @node"""
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
    # the message's other keys given a literal (or an enum member): (key, value); the endpoint's
    # discriminator may be one of them (`{"event": "line", "data": …}`)
    fields: tuple[tuple[str, str], ...] = ()
    # where a registry call is given the message: (position without self, or -1, keyword)
    arg: tuple[int, str] | None = None
    # a Channels consumer's handler method forwarding the layer event whole: the type is the
    # event's, the method's name (or the group_send literal whose `.` → `_` it is)
    layer: bool = False
    # the forwarded type is an argument of this class's constructor (`self.event = event` in
    # `__init__`, sent as `{"event": self.event, …}` by the class's own method `function`): the
    # calls `Message("showUpdated", d).push()` decide it
    ctor: str | None = None
    # the message is an instance of this class (`WSWhitelistMessage(data=…).model_dump()`,
    # `Message("x", d).json()`): its type is the class's default for the field, or the argument
    # its constructor fills the field with (`fields` holds the literal ones, `#0` for positions)
    schema: str | None = None
    # the socket is a loop variable over this name (`for client in clients: client.write_message(…)`):
    # the list a WebSocket handler adds itself to says the endpoint
    via: str | None = None
    # the discriminator the type is in when it is not the envelope's type field (`event`)
    key: str = ""
    # the message is what a builder function returns (`make("hello", 1)`, `Msgs.deleted(2)`):
    # its key as the file spells it; `fields` holds the call's literal arguments
    builder: str | None = None
    # the builder call's arguments that are the enclosing function's parameters: (position `#i`
    # or keyword, parameter, its position): a builder typed by one is typed by the callers
    params: tuple[tuple[str, str, int], ...] = ()
    # a Channels handler sends this key of the layer event (`event["payload"]`): the events'
    # typed messages under it (`PySummary.layer_payloads`) are its types
    sub: str = ""
    # a `websockets` handler routing on the path sends this in the branch of one path
    # (`if conn.request.path == "/autoreload": …`): that endpoint's, not the function's others'
    route: str | None = None


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
    # methods called on what the call gives back (`Message("x", d).push()`, or `m = …; m.push()`)
    then: tuple[str, ...] = ()


@dataclass(frozen=True)
class PySummary:
    """What linking needs of one Python file: its endpoints and sends."""

    rel: str
    endpoints: tuple[PyEndpoint, ...] = ()
    emits: tuple[PyEmit, ...] = ()
    # Socket.IO servers made here (`socketio.AsyncServer(…)`, Flask-SocketIO's `SocketIO(app)`):
    # (line, column, framework, the call's text), listed apart, never endpoints
    socketio: tuple[tuple[int, int, str, str], ...] = ()
    ignores: tuple[tuple[int, tuple[str, ...], bool], ...] = ()
    parse_error: tuple[int, int, str] | None = None
    # functions and methods that send on a WebSocket themselves, and every (caller, callee) name
    # pair of the file: linking follows them to tell which registry calls reach a socket
    senders: tuple[str, ...] = ()
    calls: tuple[tuple[str, str], ...] = ()
    # what linking joins into public paths: `r = APIRouter(prefix=…)` as (r, prefix);
    # `parent.include_router(child, prefix=…)` / `parent.mount(prefix, child)` as (parent, child, prefix);
    # imports as (local name, module with its leading dots, imported name or "")
    # (`routers` as (r, prefix, the class's last name): linking keeps a class deriving from a router)
    routers: tuple[tuple[str, str, str], ...] = ()
    includes: tuple[tuple[str, str, str], ...] = ()
    imports: tuple[tuple[str, str, str], ...] = ()
    enums: tuple[tuple[str, str, str], ...] = ()  # (class, member, value) of the file's str enums
    # routes whose handler may or may not be a WebSocket one (aiohttp `web.get(path, handler)`,
    # Tornado `(path, Handler)`): linking keeps those whose handler is in some file's
    # `socket_handlers` (it makes a `web.WebSocketResponse()`, it subclasses `WebSocketHandler`)
    routes: tuple[PyEndpoint, ...] = ()
    socket_handlers: tuple[str, ...] = ()
    typed_calls: tuple[PyTypedCall, ...] = ()
    # the file's classes and the last names of their bases: linking follows a WebSocket handler
    # or consumer into its subclasses (routed, sending) in any module
    bases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # `{"type": "chat.message", …}` literals with a dot (a Channels layer event naming `chat_message`)
    layer_types: tuple[str, ...] = ()
    # what proves a call hands a message to a socket: a function sending its parameter whole
    # (function, position without self, name, its class or ""), and a function handing its parameter to another
    # (function, position, name, callee, position there or -1, keyword there)
    message_params: tuple[tuple[str, int, str, str], ...] = ()
    param_passes: tuple[tuple[str, int, str, str, int, str], ...] = ()
    # message classes: (class, discriminator field, its default (a literal or an enum member's
    # dotted name) or "", the constructor argument's position filling it or -1, its name or "")
    schemas: tuple[tuple[str, str, str, int, str], ...] = ()
    # (list, class): a module's list a class's method adds the instance to (`clients.append(self)`)
    socket_lists: tuple[tuple[str, str], ...] = ()
    # the module's sequences of names (`API_ROUTERS = (events.router, …)`, included in a loop) and
    # its path-like string constants (`WS_PATH = "/live"`, a route of another module may import it)
    sequences: tuple[tuple[str, tuple[str, ...]], ...] = ()
    constants: tuple[tuple[str, str], ...] = ()
    # functions and methods returning a typed message (`_py_builders`): (key, field, value,
    # position, parameter), or (key, "", class, -1, "") for a message object its class types
    builders: tuple[tuple[str, str, str, int, str], ...] = ()
    # layer events holding a typed message under a key (`_py_layers`): (handler, key, type, line, column)
    layer_payloads: tuple[tuple[str, str, str, int, int], ...] = ()


@cache
def _query() -> tree_sitter.Query:
    import tree_sitter

    return tree_sitter.Query(language("python"), _QUERY)


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

    __slots__ = ("assigned", "clients", "end", "kwargs", "kwonly", "name", "params")

    def __init__(self, end: int, name: str, params: list[str], kwonly: list[str], kwargs: str = "") -> None:
        self.end = end
        self.name = name
        self.params = params  # positional-or-keyword parameters, `self` included
        self.kwonly = kwonly
        self.kwargs = kwargs  # the `**kwargs` parameter's name, "" when none
        self.assigned: dict[str, Node] = {}  # name -> last value assigned (read as the file goes)
        self.clients: set[str] = set()  # sockets it opens as a client (`ws = await websockets.connect(…)`)

    def param(self, name: str) -> tuple[str, int] | None:
        """A parameter by name: (name, position without self/cls, -1 keyword-only), or None."""
        params = self.params[1:] if self.params and self.params[0] in ("self", "cls") else self.params
        if name in params:
            return name, params.index(name)
        return (name, -1) if name in self.kwonly else None


class _ClassInfo:
    """What a class says of its instances, read from its body: its methods (and which are
    properties), the attributes `__init__` sets from its parameters, its fields' defaults."""

    __slots__ = ("defaults", "init", "methods", "properties")

    def __init__(self) -> None:
        self.methods: dict[str, Node] = {}
        self.properties: set[str] = set()
        self.init: dict[str, tuple[str, int]] = {}  # attribute -> (parameter, position without self)
        self.defaults: dict[str, Node] = {}  # class-level `type: T = RPCMessageType.X`, `event = "x"`


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
        self.routers: list[tuple[str, str, str]] = []
        self.sequences: dict[str, tuple[str, ...]] = {}
        self.builders: set[tuple[str, str, str, int, str]] = set()
        self.layer_payloads: list[tuple[str, str, str, int, int]] = []
        self.channels = b"group_send" in data or b"channel" in data  # (layer events may be written here)
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
        self.socket_classes: set[str] = set()  # the file's WebSocket handler/consumer classes
        self.constants: dict[str, str] = {}  # the module's string constants
        self.socketio: list[tuple[int, int, str, str]] = []
        # the blocks run for one request path (`if conn.request.path == "/autoreload":`): (start, end, path)
        self.path_branches: list[tuple[int, int, str]] = []
        self.client_sockets: set[str] = set()  # `self.ws = await websockets.connect(…)`: a client's
        # the file writes a dotted type literal (`"type": "chat.message"`): a layer event's, maybe
        self.layered = _DOTTED_TYPE.search(data) is not None
        # the file imports ZeroMQ or multiprocessing: its `socket.send_json`, `conn.send` are no WebSocket's
        self.zmq = False
        self.consumers: set[str] = set()  # of which Channels consumers
        self.bases: list[tuple[str, tuple[str, ...]]] = []
        self.layer_types: set[str] = set()
        self.message_params: set[tuple[str, int, str, str]] = set()
        self.param_passes: set[tuple[str, int, str, str, int, str]] = set()
        self.class_info: dict[str, _ClassInfo] = {}
        self.schemas: set[tuple[str, str, str, int, str]] = set()
        self.socket_lists: set[tuple[str, str]] = set()
        self.slots: dict[tuple[str, str], tuple[_Function, Node]] = {}  # (class, `self.x[k]`) -> where, value
        self.typed_at: dict[tuple[int, int], list[int]] = {}  # a call's bytes -> its typed calls' indices
        self.then_of: dict[tuple[int, int], tuple[str, ...]] = {}  # a call's bytes -> methods called on it

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
            elif kind == "as_pattern":  # `async with websockets.connect(url) as ws:`
                alias = _first_named(node.child_by_field_name("alias"))
                if alias is not None and alias.type == "identifier":
                    self._client(alias, _first_named(node))
            elif kind == "augmented_assignment":  # `handlers += [(r"/ws", Feed)]`
                value = _unparen(node.child_by_field_name("right"))
                if value is not None and value.type == "list":
                    self._route_list(value)
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
            self.rel, tuple(self.endpoints), tuple(self.emits), tuple(self.socketio), _ignores(self.data),
            senders=tuple(sorted(self.senders)), calls=tuple(sorted(self.calls)),
            routers=tuple(self.routers), includes=tuple(self.includes), imports=tuple(self.imports),
            enums=tuple((c, m, v) for c, members in self.enums.items() for m, v in members.items()),
            typed_calls=tuple(self.typed_calls), routes=tuple(self.routes),
            socket_handlers=tuple(sorted(self.socket_handlers)), bases=tuple(self.bases),
            layer_types=tuple(sorted(self.layer_types)), message_params=tuple(sorted(self.message_params)),
            param_passes=tuple(sorted(self.param_passes)), schemas=tuple(sorted(self.schemas)),
            socket_lists=tuple(sorted(self.socket_lists)), sequences=tuple(sorted(self.sequences.items())),
            constants=tuple(sorted((k, v) for k, v in self.constants.items() if routes_.keep_constant(v))),
            builders=tuple(sorted(self.builders)), layer_payloads=tuple(self.layer_payloads))

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
        last = tuple(b.rpartition(".")[2] for b in bases if b)
        # a subclass of the file's own handler class is one too (`ClientConnection(Broadcaster)`)
        # (`ChatConsumer(BaseConsumer)`: a consumer deriving from the project's own, elsewhere)
        derived = name.endswith("Consumer") and any(b.endswith("Consumer") for b in last)
        socket = any(_SOCKET_CLASS.search(b) for b in bases) or any(b in self.socket_classes for b in last) \
            or derived
        if socket:
            self.socket_classes.add(name)
            if derived or any(_CONSUMER_CLASS.search(b) for b in bases) or any(b in self.consumers for b in last):
                self.consumers.add(name)
        if last:
            self.bases.append((name, last))
        self.classes.append((node.end_byte, socket, name))
        self._read_class(node, name)
        if any(b == "WebSocketHandler" for b in last):
            self.socket_handlers.add(name)
        self._route_decorators(node, name, 0)

    def _read_class(self, node: Node, name: str) -> None:
        """The class's methods, the attributes its `__init__` sets from its parameters and its
        fields' defaults; and, for a message class, where its discriminator comes from."""
        info = _ClassInfo()
        body = node.child_by_field_name("body")
        fields: list[str] = []  # annotated class-level names, in order (a dataclass's parameters)
        for stmt in body.named_children if body is not None else ():
            definition = stmt.child_by_field_name("definition") if stmt.type == "decorated_definition" else stmt
            if definition is not None and definition.type == "function_definition":
                method = self.text(definition.child_by_field_name("name") or definition)
                info.methods[method] = definition
                if stmt.type == "decorated_definition" and any(
                        d.type == "decorator" and self.text(d).lstrip("@").strip().rpartition(".")[2]
                        in ("property", "cached_property") for d in stmt.named_children):
                    info.properties.add(method)
            elif stmt.type == "expression_statement":
                small = _first_named(stmt)
                if small is None or small.type != "assignment":
                    continue
                target = small.child_by_field_name("left")
                value = _unparen(small.child_by_field_name("right"))
                if target is None or target.type != "identifier":
                    continue
                if small.child_by_field_name("type") is not None:
                    fields.append(self.text(target))
                if value is None:  # `type: Literal["whitelist"]`: one value only
                    value = _literal_type(small.child_by_field_name("type"))
                elif value.type == "call" and self.dotted(value.child_by_field_name("function")).rpartition(".")[2] \
                        in ("Field", "field"):  # `type: str = Field("pairs")`, `field(default="pairs")`
                    args = self.args(value)
                    value = _keyword(args, "default") or next(
                        (v for k, v, star in args if k is None and not star), None)
                    value = None if value is not None and value.type == "ellipsis" else value  # (required)
                if value is not None:
                    info.defaults[self.text(target)] = value
        init = info.methods.get("__init__")
        if init is not None:
            params = _plain_params(self, init)
            for stmt in _statements(init):
                small = _first_named(stmt) if stmt.type == "expression_statement" else None
                if small is None or small.type != "assignment":
                    continue
                target = _unparen(small.child_by_field_name("left"))
                value = _unparen(small.child_by_field_name("right"))
                if target is not None and target.type == "attribute" and value is not None \
                        and value.type == "identifier" and self.dotted(target.child_by_field_name("object")) == "self" \
                        and self.text(value) in params:
                    info.init[self._attr(target)] = (self.text(value), params.index(self.text(value)))
        self.class_info[name] = info
        # a message class: a field default (`type: RPCMessageType = RPCMessageType.WHITELIST`), or
        # what its serialiser (`json()`, `to_dict()`) gives the discriminator (`self.event`)
        for field, value in info.defaults.items():
            if _discriminator(field, self.type_field) and (wire := self._wire(value)) is not None \
                    and _TYPE_WORD.match(wire):
                self.schemas.add((name, field, wire, -1, ""))
        # a field with no default is the constructor's argument: by keyword, and by position for a
        # dataclass of no base (`@dataclass class Event: event: str; data: dict` → `Event("x", d)`)
        positional = not any(True for _ in _bases(node)) and _dataclass(node, self)
        for i, field in enumerate(fields):
            if field not in info.defaults and _discriminator(field, self.type_field):
                self.schemas.add((name, field, "", i if positional else -1, field))
        for method in _SERIALISE:
            returned = self._self_message(name, info.methods.get(method))
            for key, value in self._pairs(returned):
                if not _discriminator(key, self.type_field):
                    continue
                attr = self._self_attr(value)
                if attr is not None and attr in info.init:
                    self.schemas.add((name, key, "", info.init[attr][1], info.init[attr][0]))
                    continue
                # `self.event` of the class's `event = "flag"`, or a literal written there
                given = info.defaults.get(attr) if attr is not None else value
                wire = self._wire(given) if given is not None and given.type in ("string", "attribute") else None
                if wire is not None and _TYPE_WORD.match(wire):
                    self.schemas.add((name, key, wire, -1, ""))

    def _self_message(self, klass: str, method: Node | None) -> Node | None:
        """What a method of the class returns, followed through the class's own methods and
        properties and encoders (`json.dumps(self.content)`) to a dict literal."""
        if method is None:
            return None
        expr = _returned(method)
        for _ in range(6):
            expr = _unparen(expr)
            if expr is None:
                return None
            if expr.type == "dictionary":
                return expr
            nxt = self._self_step(klass, expr)
            if nxt is None and expr.type == "call":
                func = _unparen(expr.child_by_field_name("function"))
                callee = self.dotted(func) if func is not None else ""
                if _ENCODER.search(callee) or callee.rpartition(".")[2] in _SAME:
                    nxt = next((v for k, v, star in self.args(expr) if k is None and not star), None)
            expr = nxt
        return None

    def _self_step(self, klass: str, expr: Node) -> Node | None:
        """`self.content` (a property) or `self.json()` (a method) of the class: what it returns."""
        info = self.class_info.get(klass)
        if info is None:
            return None
        if expr.type == "call":
            func = _unparen(expr.child_by_field_name("function"))
            if func is None or func.type != "attribute" or self.dotted(func.child_by_field_name("object")) != "self":
                return None
            method = self._attr(func)
            return _returned(info.methods[method]) if method in info.methods and method not in info.properties \
                else None
        attr = self._self_attr(expr)
        if attr is not None and attr in info.properties:
            return _returned(info.methods[attr])
        return None

    def _self_attr(self, expr: Node | None) -> str | None:
        """`self.event` → "event"."""
        expr = _unparen(expr)
        if expr is not None and expr.type == "attribute" and self.dotted(expr.child_by_field_name("object")) == "self":
            return self._attr(expr)
        return None

    def _pairs(self, message: Node | None) -> list[tuple[str, Node]]:
        """A dict literal's pairs with a literal key: (key, value)."""
        out: list[tuple[str, Node]] = []
        for el in message.named_children if message is not None and message.type == "dictionary" else ():
            if el.type == "pair":
                key, value = self.string(el.child_by_field_name("key")), _unparen(el.child_by_field_name("value"))
                if key is not None and value is not None:
                    out.append((key, value))
        return out

    def function(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else ""
        params: list[tuple[str, int]] = []
        kwonly: list[tuple[str, int]] = []
        plist = node.child_by_field_name("parameters")
        keyword_only = False
        kwargs = ""
        for p in plist.named_children if plist is not None else ():
            kind = p.type
            if kind == "dictionary_splat_pattern":
                inner = _first_named(p)
                kwargs = self.text(inner) if inner is not None and inner.type == "identifier" else ""
                continue
            if kind == "positional_separator":
                params.clear()  # those before `/` are positional-only
                continue
            if kind in ("keyword_separator", "list_splat_pattern"):
                keyword_only = True
                continue
            if kind == "typed_parameter":
                first = _first_named(p)
                if first is not None and first.type == "dictionary_splat_pattern":
                    inner = _first_named(first)
                    kwargs = self.text(inner) if inner is not None and inner.type == "identifier" else ""
                    continue
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
        fn = _Function(node.end_byte, name, [n for n, _ in params], [n for n, _ in kwonly], kwargs)
        self.functions.append(fn)
        self.builders.update(builders_.builders(self, node))
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
            if func is not None and func.type == "identifier" and self.text(func) in ("websocket", "websocket_listener"):
                path = self._path_arg(self.args(call))  # Litestar: `@websocket("/ws")`
                if path is not None:
                    line, col = self.pos(dec)
                    self.endpoints.append(PyEndpoint(path, handler, line, col, "litestar", token))
                continue
            if func is None or func.type != "attribute":
                continue
            attr = self._attr(func)
            owner = self.dotted(func.child_by_field_name("object"))
            if attr in ("websocket", "websocket_route") or (attr == "route" and owner in self.sock_objects):
                path = self._path_arg(self.args(call))
                if path is not None:
                    line, col = self.pos(dec)
                    framework = "flask-sock" if attr == "route" else "fastapi"
                    path = routes_.flask_path(path) if attr == "route" else path
                    self.endpoints.append(PyEndpoint(path, handler, line, col, framework, token, owner))
            elif attr in ("get", "route") and definition.type == "function_definition":
                # aiohttp's `@routes.get("/ws")` on a `web.RouteTableDef()`: linking keeps it when
                # the handler makes a `web.WebSocketResponse()`
                path = self._path_arg(self.args(call))
                if path is not None and path != "/":
                    line, col = self.pos(dec)
                    self.routes.append(PyEndpoint(path, handler, line, col, "aiohttp", 0))

    def _candidate_route(self, node: Node, path: Node, handler: Node, framework: str) -> None:
        route = routes_.path_value(self, path)
        if route is None and framework == "tornado":
            route = self._route_text(path)
        if route is not None and framework == "tornado":
            route = route.removeprefix("^")
        name = self.dotted(handler)
        if route is not None and route.startswith(("/", "{=")) and name:
            line, col = self.pos(node)
            self.routes.append(PyEndpoint(_django_route(route, regex=True) if framework == "tornado" else route,
                                          name, line, col, framework, 0))

    def _path_arg(self, args: list[tuple[str | None, Node, str]]) -> str | None:
        for keyword, value_node, _ in args:
            if keyword is None or keyword == "path":
                value = routes_.path_value(self, value_node)
                if value is not None and (value.startswith(("/", "{=")) or value == ""):
                    return value or "/"
                if keyword is None:
                    return None
        return None

    # --- statements ----------------------------------------------------------------------------

    def import_(self, node: Node) -> None:
        if self.text(node).split(None, 2)[1:2] in (["zmq"], ["zmq.asyncio"], ["multiprocessing"]):
            self.zmq = True
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
        if node.child_by_field_name("type") is not None:  # `x: T = …` is an annotated assignment
            value = _unparen(node.child_by_field_name("right"))
            if value is not None and value.type == "dictionary" and self.layered:  # `payload: P = {"type": …}`
                self._layer_literals((value,))
            target = _unparen(node.child_by_field_name("left"))
            if value is not None and self.functions and target is not None and target.type == "identifier":
                self.functions[-1].assigned[self.text(target)] = value  # `msg: WSMessage = {"type": …}`
            if value is not None and value.type == "call" and target is not None:
                self._made(self.dotted(target), value)  # `router: AppRouter = AppRouter(prefix=…)`
            elif value is not None and not self.functions and not self.classes and target is not None \
                    and target.type == "identifier" \
                    and (text := self.string(value)) is not None and len(text) < 200:
                self.constants[self.text(target)] = text  # `STREAM_ENDPOINT: Final = r"_stcore/stream"`
            return
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
            self._made(self.dotted(target), value)
        elif not self.functions and target is not None and target.type == "identifier" \
                and (seq := routes_.sequence(self, value)) is not None:
            self.sequences[self.text(target)] = seq  # `API_ROUTERS = (events.router, logs.router)`
        if target is not None:
            self._client(target, value)
        if self.functions and target is not None and target.type == "identifier":
            self.functions[-1].assigned[self.text(target)] = value
        elif self.functions and target is not None and (slot := self._slot(target)) is not None:
            self.functions[-1].assigned[slot] = value  # `self.options["web_socket"] = r"{root}/ws".format(…)`
            if self.classes and slot.startswith("self."):  # (read by the class's other methods too)
                self.slots[(self.classes[-1][2], slot)] = (self.functions[-1], value)
        elif not self.functions and target is not None and target.type == "identifier" \
                and (text := self.string(value)) is not None and len(text) < 200:
            self.constants[self.text(target)] = text  # `_kernel_id_regex = r"(?P<kernel_id>…)"`
        if value.type == "dictionary" and self.layered:
            self._layer_literals((value,))
        elif value.type == "list":  # Tornado: `handlers = [(r"/updates", ClientConnection), …]`
            self._route_list(value)

    def _made(self, dotted: str, value: Node) -> None:
        """`x = Ctor(…)`: a Flask-Sock object (its routes on the app or blueprint given), a router."""
        ctor = self.dotted(value.child_by_field_name("function")).rpartition(".")[2]
        if dotted and ctor == "Sock":
            self.sock_objects.add(dotted)
            given = next((v for k, v, star in self.args(value) if k is None and not star), None)
            if given is not None and self.dotted(given):  # `Sock(bp)`: its routes are the blueprint's
                self.includes.append((self.dotted(given), dotted, ""))
        made = routes_.router_made(self, dotted, value)
        if made is not None:
            self.routers.append(made)

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
            if value is not None and ((value.startswith("/ws") and (name == "path" or name.endswith(".path")))
                                      or (value.startswith("/") and self._connection_path(name))):
                line, col = self.pos(node)
                fn = self.functions[-1].name if self.functions else "<module>"
                self.endpoints.append(PyEndpoint(value, fn, line, col, "websockets", 0))
                branch = _branch_of(node)
                if branch is not None:
                    self.path_branches.append((branch.start_byte, branch.end_byte, value))
                return

    def _socketio_server(self, name: str, receiver: Node | None) -> str | None:
        """`socketio.AsyncServer(…)` / `socketio.Server(…)` (python-socketio, also imported by name)
        or Flask-SocketIO's `SocketIO(app)`: the framework of the Socket.IO server the call makes."""
        if name not in ("AsyncServer", "Server", "SocketIO"):
            return None
        if receiver is not None:
            module = next((m for local, m, n in self.imports if local == self.dotted(receiver) and not n), "")
        else:
            module = next((m for local, m, n in self.imports if local == name and n), "")
        if module == "socketio" and name != "SocketIO":
            return "python-socketio"
        if module == "flask_socketio" and name == "SocketIO":
            return "flask-socketio"
        return None

    def _connection_path(self, name: str) -> bool:
        """`conn.request.path` (websockets 13's `ServerConnection`) or `websocket.path` of the
        handler's first parameter, named a socket, in a file importing `websockets`: the path the
        server routes on, whatever it starts with (`"/autoreload"`)."""
        if not self.functions or not any(m.split(".")[0] == "websockets" for _, m, _ in self.imports):
            return False
        params = self.functions[-1].params
        first = params[0] if params else ""
        return bool(first) and _SOCKET_NAME.search(first) is not None \
            and name in (f"{first}.request.path", f"{first}.path")

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
        if not name:  # (every check below needs a name)
            if func is not None and kind == "call" and self.layered:  # `async_to_sync(layer.group_send)(group, {…})`
                self._layer_literals(a[1] for a in self.args(node))
            if func is not None and kind == "call" and self.channels:
                self.layer_payloads.extend(layers_.payloads(self, node, [a[1] for a in self.args(node)]))
            return
        receiver = func.child_by_field_name("object") if func is not None and kind == "attribute" else None
        args = self.args(node)
        made = self._socketio_server(name, receiver)
        if made is not None:
            line, col = self.pos(node)
            self.socketio.append((line, col, made, " ".join(self.text(node).split())[:80]))
            return
        self._typed_call(node, name, args)
        self._then(node, name, receiver)
        if name in ("append", "add") and receiver is not None and len(args) == 1 \
                and args[0][1].type == "identifier" and receiver.type in ("identifier", "attribute"):
            # `clients.append(self)` in a handler's method (`self.waiters.add(self)`: the class's
            # own), `clients.add(websocket)` in an endpoint's function (of the socket it is given)
            item, held = self.text(args[0][1]), self.dotted(receiver)
            head, _, attr = held.partition(".")
            if self.classes and head in ("self", "cls", self.classes[-1][2]) and attr and "." not in attr:
                held = f"{self.classes[-1][2]}.{attr}"  # the class's own set, however it is named
            elif head in ("self", "cls"):
                held = ""  # another object's (`self.application.clients`)
            given = bool(self.functions) and item not in ("self", "cls") and self.functions[-1].param(item) == (item, 0)
            if held and self.classes and (item == "self" or given):  # (`on_connect(self, websocket)`: the class's)
                self.socket_lists.add((held, self.classes[-1][2]))
            if held and given:  # (`register(self, ws)` of a manager the endpoint calls: the method's)
                self.socket_lists.add((held, self.functions[-1].name))
        # `io_loop.add_callback(client.write_message, msg)`: the send runs later, with the rest
        send_name, send_receiver, send_args = name, receiver, args
        later = self._deferred(name, args)
        if later is not None:
            send_name, send_receiver, send_args = later
        socket_send = send_receiver is not None and bool(send_args) and (
            self._is_socket_send(send_name, send_receiver)
            or (send_name in _SEND and self._socket_self(send_receiver, send_name)))
        if self.functions:
            fn = self.functions[-1]
            caller = fn.name
            self.calls.add((caller, name))
            if socket_send:
                self.senders.add(caller)
                whole = self._whole(send_args[0][1])
                if whole is not None:
                    self.message_params.add((caller, whole[1], whole[0], self.classes[-1][2] if self.classes else ""))
            elif fn.params or fn.kwonly:
                self._passes(fn, name, args)
        if self.layered:
            self._layer_literals(a[1] for a in args)
        if self.channels and any(a[1].type == "dictionary" for a in args):
            self.layer_payloads.extend(layers_.payloads(self, node, [a[1] for a in args]))
        if name in ("include_router", "register_blueprint") and receiver is not None and args:
            # (Flask: `app.register_blueprint(bp, url_prefix="/api")`)
            prefix = routes_.include_prefix(self, _keyword(args, "prefix") or _keyword(args, "url_prefix"))
            if name == "register_blueprint" and _keyword(args, "url_prefix") is not None:
                prefix = routes_.REPLACES + prefix
            for child in routes_.children(self, node, args[0][1]):
                self.includes.append((self.dotted(receiver), child, prefix))
        elif name == "mount" and receiver is not None and args:
            where = _keyword(args, "path") or (args[0][1] if args[0][0] is None else None)
            mounted = _keyword(args, "app") or (args[1][1] if len(args) > 1 and args[1][0] is None else None)
            if where is not None and mounted is not None:
                for one in routes_.children(self, node, mounted):
                    self.includes.append((self.dotted(receiver), one, routes_.include_prefix(self, where)))
        elif name == "init_app" and receiver is not None and self.dotted(receiver) in self.sock_objects \
                and args and self.dotted(args[0][1]):  # `sock.init_app(bp)`
            self.includes.append((self.dotted(args[0][1]), self.dotted(receiver), ""))
        if name == "Mount" and args:  # Starlette: `Mount("/api", routes=[WebSocketRoute(...)])`
            self.mounts.append((node.end_byte, self.prefix(args[0][1]) if args[0][0] is None else ""))
        if name == "WebSocketRoute" and args:
            path = routes_.path_value(self, args[0][1])
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
        for keyword, value, _ in args:  # Tornado: `Application([(r"/ws", ChatHandler)])`, `handlers=[…]`
            if value.type in ("list", "tuple") and keyword in (None, "handlers", "host_handlers"):
                self._route_list(value)
        if name in ("path", "re_path", "url") and len(args) >= 2 and (
                self._asgi_consumer(args[1][1]) or self._channels2_consumer(args[1][1])):
            path = self.string(args[0][1])
            if path is not None:
                line, col = self.pos(node)
                if args[1][1].type == "call":
                    consumer = _unparen(args[1][1].child_by_field_name("function"))
                    owner = consumer.child_by_field_name("object") if consumer is not None else None
                else:
                    owner = args[1][1]
                self.endpoints.append(PyEndpoint(_django_route(path, regex=name != "path"),
                                                 self.dotted(owner), line, col, "channels", 0))
            return
        if name == "append" and len(args) == 1 and args[0][1].type == "tuple":
            self._route_item(args[0][1])  # `handlers.append((r"/ws", SocketHandler))`
        if name in ("add_websocket_route", "add_api_websocket_route") and args:
            path = routes_.path_value(self, args[0][1])
            if path is not None:
                line, col = self.pos(node)
                handler = self.dotted(args[1][1]) if len(args) > 1 else ""
                self.endpoints.append(PyEndpoint(path, handler, line, col, "starlette", 0,
                                                 self.dotted(receiver) if receiver is not None else ""))
            return
        if send_receiver is not None and send_name in _SEND and send_args \
                and (self._socket_self(send_receiver, send_name) or self._is_socket_send(send_name, send_receiver)):
            message = self._message(send_args[0][1], unwrap_dumps=send_name != "send_json", builders=True)
            how = "send_json" if send_name == "send_json" else "send_text"
            if message is not None:
                self._emit(node, message, how, None, send_args[0][1], via=self._loop_over(node, send_receiver))
                return
            if self._layer_handler(send_receiver):
                whole = self._whole(send_args[0][1])
                if whole is not None and whole[1] == 0:  # `await self.send(json.dumps(event))`
                    self._layer_emit(node, how)
                    return
                event = self._layer_event()
                sub = layers_.forwarded_key(self, send_args[0][1], event) if event else None
                if sub is not None:  # `await self.send_json(event["payload"])`
                    self._layer_emit(node, how, sub)
                    return
        if kind == "identifier" and any(name in f.params or name in f.kwonly for f in self.functions):
            return  # `await send({"type": "http.response.start", …})`: a callable handed in (ASGI's), no helper
        # a per-topic registry: a call given a literal topic and a message dict, which linking
        # keeps only when the function called reaches a WebSocket send
        if len(args) >= 2 and name not in _NOT_REGISTRY:
            topic = next((s for a in args if (s := self._topic(a[1])) is not None), None)
            found = next(((m, a[1]) for a in args if (m := self._message(a[1], True)) is not None), None)
            if found is not None and topic is not None and topic.startswith("/"):
                return
            if found is not None and found[0].type == "call" and not self._type_of(found[0])[0] \
                    and name in _LOGS:
                return  # `log.info("…", BraceMessage(…))`
            if found is not None and (topic is not None or self._type_of(found[0])[0]):
                self._emit(node, found[0], "registry", topic, found[1], callee=name, arg=_position(args, found[1]))
        elif len(args) == 1 and args[0][0] is None and not args[0][2] and args[0][1].type in _CARRIERS \
                and name not in _NOT_REGISTRY:
            # `ChatHandler.send_updates({"type": "chat", …})`, `manager.broadcast(json.dumps({…}))`:
            # a message that says its kind, handed to a helper (linking proves it sends it whole)
            message = self._message(args[0][1], True, builders=True) if name not in _LOGS else None
            if message is not None and ((message.type == "dictionary" and (
                    self._type_of(message)[0] or self._discriminated(message) or self._forwarded(message)
                    or self._slot_type(args[0][1]) is not None))
                    or (message.type == "call" and (self._schema(message) is not None
                                                    or builders_.called(self, message) is not None))):
                self._emit(node, message, "registry", None, args[0][1], callee=name, arg=(0, ""))

    def _deferred(self, name: str, args: list[tuple[str | None, Node, str]]
                  ) -> tuple[str, Node | None, list[tuple[str | None, Node, str]]] | None:
        """`io_loop.add_callback(client.write_message, msg)`, `loop.call_later(1, ws.send, text)`,
        `add_callback(partial(client.write_message, msg))`: the send the call runs later, as
        (method, receiver, arguments)."""
        skip = _DEFERRED.get(name)
        if skip is None or len(args) <= skip or any(k is not None or star for k, _, star in args[:skip + 1]):
            return None
        callback, rest = args[skip][1], args[skip + 1:]
        if callback.type == "call" and self.dotted(callback.child_by_field_name("function")).rpartition(".")[2] \
                == "partial":
            inner = self.args(callback)
            if not inner or inner[0][0] is not None:
                return None
            callback, rest = inner[0][1], inner[1:] + rest
        if callback.type != "attribute" or self._attr(callback) not in _SEND or not rest:
            return None
        return self._attr(callback), callback.child_by_field_name("object"), rest

    def _then(self, node: Node, name: str, receiver: Node | None) -> None:
        """`Message("x", d).push()` and `m = Message("x", d); m.push()`: the method called on what
        a call with constants gave back."""
        receiver = _unparen(receiver)
        if receiver is None:
            return
        made: Node | None = None
        if receiver.type == "call":
            made = receiver
        elif receiver.type == "identifier" and self.functions:
            bound = _unparen(self.functions[-1].assigned.get(self.text(receiver)))
            made = bound if bound is not None and bound.type == "call" else None
        if made is None:
            return
        at = (made.start_byte, made.end_byte)
        if name not in self.then_of.get(at, ()):
            self.then_of[at] = (*self.then_of.get(at, ()), name)
        for i in self.typed_at.get(at, ()):  # (a chained call's are read after this one: outer first)
            self.typed_calls[i] = replace(self.typed_calls[i], then=self.then_of[at])

    def _loop_over(self, node: Node, receiver: Node | None) -> str | None:
        """`for client in clients: client.write_message(m)`: the name the socket is a loop variable over."""
        receiver = _unparen(receiver)
        if receiver is None or receiver.type != "identifier":
            return None
        name = self.text(receiver)
        at: Node | None = node.parent
        while at is not None and at.type not in ("function_definition", "module", "class_definition"):
            if at.type == "for_statement":
                left = _unparen(at.child_by_field_name("left"))
                if left is not None and left.type == "identifier" and self.text(left) == name:
                    over = _unparen(at.child_by_field_name("right"))
                    if over is not None and over.type == "call":  # `list(clients)`, `clients.copy()`
                        func = _unparen(over.child_by_field_name("function"))
                        first = next((v for k, v, star in self.args(over) if k is None and not star), None)
                        over = first if self.dotted(func) in ("list", "tuple", "set", "sorted") else \
                            func.child_by_field_name("object") if func is not None and func.type == "attribute" \
                            and self._attr(func) in ("copy", "values") else None
                    return self.dotted(over) or None
            at = at.parent
        return None

    def _client(self, target: Node, value: Node | None) -> None:
        """`ws = await websockets.connect(url)`, `self.conn = websocket.create_connection(url)`:
        a socket the back end opens as a client (to another server): its sends are not the
        endpoints' messages."""
        value = _unparen(value)
        if value is not None and value.type == "await":
            value = _unparen(_first_named(value))
        if value is None or value.type != "call":
            return
        opener = self.dotted(value.child_by_field_name("function"))
        last = opener.rpartition(".")[2]
        if not (last in _CLIENT_OPENERS or (last == "connect" and (
                "websocket" in opener.lower() or any(m.startswith("websockets") for _, m, _ in self.imports)))):
            return
        name = self.dotted(target)
        if target.type == "identifier" and self.functions:
            self.functions[-1].clients.add(name)
        elif name:
            self.client_sockets.add(name)

    def _forwarded(self, message: Node) -> bool:
        """A dict whose discriminator-named key is given a parameter of the function or of the
        class's constructor (`{"event": self.event, …}`): its callers decide the kind."""
        return any(_discriminator(k, self.type_field) and (self._forward(v) is not None
                                                           or self._ctor_forward(v) is not None)
                   for k, v in self._pairs(message))

    def _discriminated(self, message: Node) -> bool:
        """A dict with a discriminator-named key given a literal (`{"event": "line", …}`)."""
        for el in message.named_children:
            if el.type == "pair" and (key := self.string(el.child_by_field_name("key"))) is not None \
                    and key.replace("_", "").lower() in _DISCRIMINATOR_KEYS \
                    and self.string(el.child_by_field_name("value")) is not None:
                return True
        return False

    def _is_socket_send(self, method: str, receiver: Node) -> bool:
        """`ws.send_json(…)`, `websocket.send_text(…)`, `conn.send(…)`, `waiter.write_message(…)`
        (Tornado's): a send on a WebSocket object. Where the file uses ZeroMQ or multiprocessing, a
        `socket` or a `conn` is one of theirs unless it is named a WebSocket."""
        dotted = self.dotted(receiver)
        if dotted in self.client_sockets or (self.functions and dotted in self.functions[-1].clients):
            return False  # a socket opened to another server
        if self.zmq and not _WEBSOCKET_NAME.search(dotted):
            return False
        if method in ("send_json", "send_text", "send_bytes", "send_str", "write_message"):
            return True
        return method == "send" and _SOCKET_NAME.search(dotted) is not None

    def _socket_self(self, receiver: Node, method: str = "") -> bool:
        """`self` inside a Channels consumer or a Tornado/other WebSocket handler class (a
        `self.write_message` is Tornado's in any class: its handler may be defined elsewhere)."""
        receiver = _unparen(receiver) or receiver
        return receiver.type == "identifier" and self.text(receiver) == "self" and bool(self.classes) \
            and (self.classes[-1][1] or method == "write_message")

    def _layer_handler(self, receiver: Node) -> bool:
        """A send on `self` in a Channels consumer's method named after a layer event type
        (`async def status_update(self, event)`): not one of the consumer's own methods."""
        receiver = _unparen(receiver) or receiver
        return receiver.type == "identifier" and self.text(receiver) == "self" and self._layer_event() is not None

    def _layer_event(self) -> str | None:
        """The event parameter's name when the enclosing function is a consumer's layer handler."""
        if not self.functions or not self.classes or self.classes[-1][2] not in self.consumers:
            return None
        fn = self.functions[-1]
        if len(fn.params) == 2 and fn.params[0] == "self" and not fn.name.startswith("_") \
                and fn.name not in _CONSUMER_METHODS:
            return fn.params[1]
        return None

    def _layer_emit(self, call: Node, how: str, sub: str = "") -> None:
        line, col = self.pos(call)
        fn = self.functions[-1].name
        self.emits.append(PyEmit(fn, True, how, None, fn, line, col, self._offset(call.start_byte),
                                 self._offset(call.end_byte), (), None, False,
                                 (call.start_byte, call.end_byte) in self.awaited, None,
                                 self.classes[-1][2], None, (), None, True, sub=sub))

    def _whole(self, expr: Node | None, depth: int = 0) -> tuple[str, int] | None:
        """The enclosing function's parameter when `expr` is it whole, as it is or encoded
        (`json.dumps(message)`, `message.model_dump_json()`, a local variable holding either)."""
        expr = _unparen(expr)
        if expr is None or not self.functions or depth > 4:
            return None
        if expr.type == "identifier":
            fn = self.functions[-1]
            name = self.text(expr)
            bound = fn.assigned.get(name)
            if bound is not None:
                return self._whole(bound, depth + 1)
            return fn.param(name)
        if expr.type == "call":
            func = _unparen(expr.child_by_field_name("function"))
            if func is None:
                return None
            if func.type == "attribute" and self._attr(func) in (*_SERIALISE, "decode", "encode", "copy"):
                # `evt.json(exclude_none=True)`, `orjson.dumps(m).decode()`
                return self._whole(func.child_by_field_name("object"), depth + 1)
            callee = self._attr(func) if func.type == "attribute" else (
                self.text(func) if func.type == "identifier" else "")
            if callee and (_ENCODER.search(callee) or callee in _SAME):
                first = next((v for k, v, star in self.args(expr) if k is None and not star), None)
                return self._whole(first, depth + 1)
        if expr.type == "dictionary":
            # `{**message, "sent_at": now}`: the message with keys added, its type kept
            spread = [s for s in expr.named_children if s.type == "dictionary_splat"]
            if len(spread) == 1 and self._type_of(expr)[1] is None:
                return self._whole(_first_named(spread[0]), depth + 1)
        return None

    def _passes(self, fn: _Function, callee: str, args: list[tuple[str | None, Node, str]]) -> None:
        """The enclosing function's parameters this call hands on whole, by position or keyword."""
        position = 0
        for keyword, value, star in args:
            if star:
                continue
            if value.type in _CARRIERS:
                whole = self._whole(value)
                if whole is not None:
                    self.param_passes.add((fn.name, whole[1], whole[0], callee,
                                           -1 if keyword else position, keyword or ""))
            if keyword is None:
                position += 1

    def _layer_literals(self, values: Iterable[Node]) -> None:
        """`{"type": "chat.message", …}`: a layer event whose handler method is `chat_message`."""
        for value in values:
            if value.type != "dictionary":
                continue
            for el in value.named_children:
                if el.type == "pair" and self.string(el.child_by_field_name("key")) == "type":
                    kind = self.string(el.child_by_field_name("value"))
                    if kind is not None and "." in kind and _TYPE_WORD.match(kind):
                        self.layer_types.add(kind)
                    break

    def _route_list(self, routes: Node) -> None:
        """Tornado's handler list, wherever it is written: `[(r"/ws", ChatHandler), url(…)]`;
        linking keeps the routes whose handler is a WebSocket handler."""
        for el in _elements(routes):
            item = _unparen(el)
            if item is not None:
                self._route_item(item)

    def _route_item(self, item: Node) -> None:
        if item.type == "tuple":
            items = [_unparen(i) or i for i in _elements(item)]
        elif item.type == "call" and self.dotted(item.child_by_field_name("function")).rpartition(".")[2] \
                in ("url", "URLSpec", "Rule"):
            items = [v for k, v, star in self.args(item) if k is None and not star]
        else:
            return
        if len(items) >= 2 and items[1].type in ("identifier", "attribute"):
            self._candidate_route(item, items[0], items[1], "tornado")

    def _channels2_consumer(self, expr: Node) -> bool:
        """`url(r"^ws/chat/$", consumers.ChatConsumer)`: Channels 2 routes the class itself."""
        return expr.type in ("identifier", "attribute") and self.dotted(expr).endswith("Consumer")

    def _asgi_consumer(self, expr: Node) -> bool:
        """`ChatConsumer.as_asgi()`: a Channels consumer (an HTTP view is `.as_view()`)."""
        if expr.type != "call":
            return False
        func = _unparen(expr.child_by_field_name("function"))
        return func is not None and func.type == "attribute" and self._attr(func) == "as_asgi"

    def _message(self, expr: Node, unwrap_dumps: bool, builders: bool = False) -> Node | None:
        """The dict literal a message is, through `json.dumps(...)`, copies (`asdict(m)`), a local
        variable, a serialiser (`m.model_dump()`, `m.json()`) and the enclosing class's own
        methods and properties (`self.json()` returning `json.dumps(self.content)`); or the
        enclosing function's `**kwargs`, sent whole (`json.dumps(kwargs)`); or a message object
        (`ZoneEvent(type=…)`, `WSWhitelistMessage(data=…)`: a class's instance)."""
        klass = self.classes[-1][2] if self.classes else ""
        for _ in range(8):
            nxt: Node | None = None
            if expr.type == "call":
                func = _unparen(expr.child_by_field_name("function"))
                callee = self.dotted(func) if func is not None else ""
                last = callee.rpartition(".")[2]
                first = next((v for k, v, star in self.args(expr) if k is None and not star), None)
                if first is not None and ((unwrap_dumps and _ENCODER.search(callee)) or last in _SAME):
                    nxt = first  # (`self.to_json()` is no encoder of an argument: read below)
                elif func is not None and func.type == "attribute" and self._attr(func) in _SERIALISE:
                    # `Reply(status="ok", …).to_text()`, `evt.model_dump_json()`, `self.json()`
                    nxt = self._self_step(klass, expr) if self.dotted(func.child_by_field_name("object")) == "self" \
                        else _unparen(func.child_by_field_name("object"))
                elif builders and builders_.forwards(self, klass, expr):
                    break  # `self.msg(t, c)` returning `{"msg_type": t, …}`: a builder of its arguments
                else:
                    nxt = self._self_step(klass, expr)
            elif expr.type == "identifier" and self.functions:
                nxt = self.functions[-1].assigned.get(self.text(expr))
            elif expr.type == "attribute":
                nxt = self._self_step(klass, expr)
            if nxt is None:
                break
            expr = _unparen(nxt) or nxt
        if expr.type == "identifier" and self.functions and self.functions[-1].kwargs == self.text(expr):
            return expr
        if expr.type == "call" and (_keyword(self.args(expr), self.type_field) is not None or self._schema(expr)):
            return expr  # a pydantic/dataclass message: `ZoneEvent(type=EventType.ADDED, …)`
        if builders and expr.type == "call" and builders_.called(self, expr) is not None:
            return expr  # what a builder returns: `make("hello", 1)` (linking reads the builder)
        return expr if expr.type == "dictionary" else None

    def _schema(self, call: Node) -> str | None:
        """A call of a class (by its name, `WSWhitelistMessage`, `ws.Message`): its name."""
        func = _unparen(call.child_by_field_name("function"))
        if func is None or func.type not in ("identifier", "attribute"):
            return None
        last = self.dotted(func).rpartition(".")[2]
        return last if last[:1].isupper() and not last.isupper() and last not in _NOT_SCHEMAS \
            and not last.endswith(("Error", "Exception", "Handler", "Response")) else None

    def _type_of(self, message: Node) -> tuple[bool, Node | None]:
        """Whether the message has the type field, and the expression given for it."""
        if message.type == "identifier":  # `**kwargs` sent whole: the callers' `type=` decides
            return True, None
        if message.type == "call":
            given = _keyword(self.args(message), self.type_field)
            return given is not None, given
        spread = False
        for el in message.named_children:
            if el.type == "pair":
                key = el.child_by_field_name("key")
                if key is not None and self.string(key) == self.type_field:
                    value = el.child_by_field_name("value")
                    return True, _unparen(value)
            elif el.type == "dictionary_splat":
                spread = True
        # `{**event, "ts": now}`: the type may be in what is spread (it is not known here)
        return spread, None

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
                at = (node.start_byte, node.end_byte)
                self.typed_at.setdefault(at, []).append(len(self.typed_calls))
                self.typed_calls.append(PyTypedCall(name, -1 if keyword else position, keyword or "",
                                                    value if value is not None else dotted, line, col,
                                                    self.then_of.get(at, ())))
            if keyword is None and not star:
                position += 1

    def _forward(self, expr: Node | None) -> tuple[str, int] | None:
        """`typ` when it is a parameter of the enclosing function: (name, position without self)."""
        if expr is not None and expr.type == "attribute" and self._attr(expr) == "value":
            expr = _unparen(expr.child_by_field_name("object"))  # `event_type.value`: the member's wire value
        if expr is None or expr.type != "identifier" or not self.functions:
            return None
        return self.functions[-1].param(self.text(expr))

    def _slot_type(self, written: Node) -> Node | None:
        """What the function put in the sent variable's type key after building it
        (`msg["type"] = "stats"`), through `json.dumps(msg)`."""
        node: Node | None = written
        for _ in range(3):
            node = _unparen(node)
            if node is None or node.type != "call":
                break
            node = next((v for k, v, star in self.args(node) if k is None and not star), None)
        if node is None or node.type != "identifier" or not self.functions:
            return None
        return self.functions[-1].assigned.get(f"{self.text(node)}[{self.type_field}]")

    def _ctor_forward(self, expr: Node | None) -> tuple[tuple[str, int], str] | None:
        """`self.event` set by `__init__` from its parameter `event`: (the parameter, the class)."""
        attr = self._self_attr(expr)
        klass = self.classes[-1][2] if self.classes else ""
        info = self.class_info.get(klass)
        if attr is None or info is None or attr not in info.init:
            return None
        return info.init[attr], klass

    def _self_default(self, expr: Node | None) -> Node | None:
        """`self.type` where the class's field default says it (`type = "status"`)."""
        attr = self._self_attr(expr)
        info = self.class_info.get(self.classes[-1][2] if self.classes else "")
        return info.defaults.get(attr) if attr is not None and info is not None and attr not in info.init else None

    def _emit(self, call: Node, message: Node, how: str, topic: str | None, written: Node,
              callee: str | None = None, arg: tuple[int, str] | None = None, via: str | None = None) -> None:
        keys: list[str] = []
        payload: str | None = None
        fields: list[tuple[str, str]] = []
        typed, given = self._type_of(message)
        if not typed and message.type == "dictionary" and (late := self._slot_type(written)) is not None:
            typed, given = True, late  # `msg = {…}; msg["type"] = "stats"; ws.send_json(msg)`
        forward, ctor = self._forward(given), None
        if forward is None and (found := self._ctor_forward(given)) is not None:
            forward, ctor = found
        if message.type == "identifier":
            forward = ("**", -1)  # `broadcast(type="flows/add", payload=…)`: the callers' keywords
        kind = self._wire(self._self_default(given) or given) if given is not None and forward is None else None
        disc = ""
        if not typed and message.type == "dictionary":
            # `{"event": event, "data": data}`, `{"event": self.event, …}`: the discriminator is
            # the function's (or the constructor's) parameter, which the callers decide
            found_key: tuple[str, tuple[str, int], str | None] | None = None
            for k, val in self._pairs(message):
                if not _discriminator(k, self.type_field):
                    continue
                if self.string(val) is not None or (val.type == "attribute" and self._wire(val) is not None):
                    found_key = None  # a literal discriminator beside: that one says the kind
                    break
                fwd = self._forward(val)
                by_ctor = self._ctor_forward(val)
                if found_key is None and fwd is not None:
                    found_key = (k, fwd, None)
                elif found_key is None and by_ctor is not None:
                    found_key = (k, by_ctor[0], by_ctor[1])
            if found_key is not None:
                disc, forward, ctor = found_key
                typed = True
        schema = self._schema(message) if message.type == "call" and not typed else None
        builder = builders_.called(self, message) if message.type == "call" and not typed and schema is None \
            else None
        params = builders_.handed(self, message) if builder is not None else ()
        layer = False
        if given is not None and given.type == "subscript" and (event := self._layer_event()) is not None:
            # `{"type": event["type"], …}` in a layer handler: the event's type, the method's name
            of = _unparen(given.child_by_field_name("value"))
            if of is not None and of.type == "identifier" and self.text(of) == event \
                    and self.string(given.child_by_field_name("subscript")) == self.type_field:
                kind, layer = self.functions[-1].name, True
        for el in message.named_children if message.type == "dictionary" else ():
            if el.type == "pair":
                key_node, value_node = el.child_by_field_name("key"), el.child_by_field_name("value")
                key = self.string(key_node) if key_node is not None else None
                keys.append(key if key is not None else "<expr>")
                if key is not None and key != self.type_field and value_node is not None:
                    payload = self.text(value_node)
                    value = self._wire(value_node) if value_node.type in ("string", "attribute") else None
                    if value is not None and _TYPE_WORD.match(value):
                        fields.append((key, value))
            elif el.type == "dictionary_splat":
                keys.append("**")
        if message.type == "call":
            position = 0
            for keyword, value_node, star in self.args(message):
                value = self._wire(value_node) if value_node.type in ("string", "attribute") and not star else None
                if keyword and keyword != self.type_field and value is not None and _TYPE_WORD.match(value):
                    fields.append((keyword, value))
                elif not keyword and not star and value is not None and _TYPE_WORD.match(value):
                    fields.append((f"#{position}", value))  # `Message("showUpdated", d)`: by position
                position += 0 if keyword or star else 1
        line, col = self.pos(call)
        fn = self.functions[-1].name if self.functions else None
        # the innermost branch of a path the call is in (`if path == "/ws/raw": …`)
        route = min(((end - start, path) for start, end, path in self.path_branches
                     if start <= call.start_byte < end), default=(0, None))[1]
        self.emits.append(PyEmit(kind, typed, how, topic, fn, line, col, self._offset(call.start_byte),
                                 self._offset(call.end_byte), tuple(keys), payload, written.type == "dictionary",
                                 (call.start_byte, call.end_byte) in self.awaited, callee,
                                 self.classes[-1][2] if self.classes else None, forward, tuple(fields), arg,
                                 layer, ctor, schema, via, disc, builder, params, route=route))

    def _wire(self, expr: Node) -> str | None:
        """A literal, or an enum member: its value when the file defines the enum, else its
        dotted name (linking looks it up in the project's enums)."""
        kind = self.string(expr)
        if kind is None:
            dotted = self.dotted(expr).removesuffix(".value")  # `MsgType.PAIRS.value`: the member's value
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

    def _route_text(self, path: Node) -> str | None:
        """A Tornado route built at run time: `f"{base}logs"` and `base + "/ws"` (a run-time base is
        the root, where the app is served), `r"/api/kernels/%s/channels" % _id_regex` and
        `rf"/k/{_id_regex}"` (the module's regex constant, or a `{arg}` parameter)."""
        node = _unparen(path)
        if node is None:
            return None
        if node.type == "binary_operator" and _operator(node) == "%":
            template = self.string(node.child_by_field_name("left"))
            right = _unparen(node.child_by_field_name("right"))
            if template is None or right is None:
                return None
            values = [self._route_value(v) for v in (_elements(right) if right.type == "tuple" else [right])]
            parts = re.split(r"%(?:\([^)]*\))?[sdr]", template)
            if len(parts) - 1 > len(values):
                return None
            return "".join(part + (values[i] if i < len(parts) - 1 else "") for i, part in enumerate(parts))
        if node.type == "string" and _fstring(self.text(node)):
            children = node.children
            out: list[str] = []
            at = children[0].end_byte if children else node.start_byte
            for c in children[1:-1]:
                if c.type == "interpolation":
                    out.append(self.data[at:c.start_byte].decode("utf-8", "replace"))
                    # (an interpolation the route starts with is the app's base)
                    out.append(self._route_value(_first_named(c)) if "".join(out) else "")
                    at = c.end_byte
            if children:
                out.append(self.data[at:children[-1].start_byte].decode("utf-8", "replace"))
            return "/" + "".join(out).lstrip("/^")
        if node.type == "binary_operator" and _operator(node) == "+":
            return "/" + self.prefix(node).lstrip("/^")
        if node.type == "call" and (formatted := self._format_route(node, 0)) is not None:
            return "/" + formatted.lstrip("/^")
        if node.type == "call" and "join" in self.dotted(node.child_by_field_name("function")).lower():
            # `url_path_join(base_url, r"/api/kernels/%s/channels" % _kernel_id_regex)`
            parts = [self.string(v) or self._route_text(v) or "" for k, v, star in self.args(node)
                     if k is None and not star]
            return "/" + "/".join(p.strip("/^") for p in parts[1:] if p.strip("/^")) if len(parts) > 1 else None
        return None

    def _slot(self, node: Node | None) -> str | None:
        """`self.options["web_socket"]` → "self.options[web_socket]": a key of a dict held by a name;
        `self.ws_root` → "self.ws_root"."""
        node = _unparen(node)
        if node is not None and node.type == "attribute" and self.dotted(node).startswith("self."):
            return self.dotted(node)  # `self.ws_root`
        if node is None or node.type != "subscript":
            return None
        key = self.string(node.child_by_field_name("subscript"))
        owner = self.dotted(node.child_by_field_name("value"))
        return f"{owner}[{key}]" if key is not None and owner else None

    def _format_route(self, node: Node, depth: int) -> str | None:
        """`r"{base}/ui(/?.*)".format(base=self.options["web_socket"])`: the template with each field's
        value (a literal, a route built the same way, what the function put in that name or
        slot); a run-time value the route starts with is the app's root, elsewhere a `{name}`."""
        func = _unparen(node.child_by_field_name("function"))
        if func is None or func.type != "attribute" or self._attr(func) != "format":
            return None
        template = self.string(func.child_by_field_name("object"))
        if template is None:
            return None
        args = self.args(node)
        positional = [v for k, v, star in args if k is None and not star]
        out: list[str] = []
        at, auto = 0, 0
        for m in re.finditer(r"\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}", template):
            out.append(template[at:m.start()])
            at = m.end()
            if m.group(0) in ("{{", "}}"):
                out.append(m.group(0)[0])
                continue
            field = m.group(1)
            if field == "":
                field, auto = str(auto), auto + 1
            value = positional[int(field)] if field.isdigit() and int(field) < len(positional) else \
                _keyword(args, field)
            text = self._route_part(value, depth + 1)
            name = field if field.isidentifier() else "arg"
            out.append(text if text is not None else ("{" + name + "}" if "".join(out).strip("/^") else ""))
        out.append(template[at:])
        route = "".join(out)
        return route if route.strip("/^$") else None  # (all run time: no route)

    def _route_part(self, node: Node | None, depth: int) -> str | None:
        """What a value put into a route is: a literal, a module constant, a `.format` route, what
        the function assigned to the name or slot; None for a run-time value."""
        node = _unparen(node)
        if node is None or depth > 4:
            return None
        value = self.string(node)
        if value is not None:
            return value
        name = self.text(node) if node.type == "identifier" else ""
        if name in self.constants:
            return self.constants[name]
        if node.type == "call":
            return self._format_route(node, depth)
        key = name or self._slot(node)
        bound = self.functions[-1].assigned.get(key) if key and self.functions else None
        if bound is None and key and key.startswith("self.") and self.classes:
            # a slot another method of the class set (`__init__`), read in its own function
            fn, held = self.slots.get((self.classes[-1][2], key), (None, None))
            if fn is not None and held is not None:
                here, self.functions[-1:] = self.functions[-1:], [fn]
                try:
                    return self._route_part(held, depth + 1)
                finally:
                    self.functions[-1:] = here
        return self._route_part(bound, depth + 1) if bound is not None else None

    def _route_value(self, node: Node | None) -> str:
        """A value put into a route: the module's string constant (a regex group), else `{name}`."""
        node = _unparen(node)
        name = self.text(node) if node is not None and node.type == "identifier" else ""
        if name in self.constants:
            return self.constants[name]
        name = re.sub(r"_(?:regex|re|pattern)$", "", name.strip("_"))  # `_kernel_id_regex` → kernel_id
        return "{" + (name or "arg") + "}"

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
            if value is None and node.type == "identifier":
                value = self.constants.get(self.text(node))  # `PREFIX = "/api"`
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


def _discriminator(key: str, type_field: str) -> bool:
    return key == type_field or key.replace("_", "").lower() in _DISCRIMINATOR_KEYS


def _dataclass(klass: Node, reader: _Reader) -> bool:
    """A class decorated `@dataclass` (or attrs' `@define`, `@attr.s`): its fields are its
    constructor's parameters, in order."""
    parent = klass.parent
    if parent is None or parent.type != "decorated_definition":
        return False
    for dec in parent.named_children:
        if dec.type == "decorator":
            text = reader.text(dec).lstrip("@").split("(")[0].strip()
            if text.rpartition(".")[2] in ("dataclass", "define", "frozen", "mutable") or text in ("attr.s", "attrs"):
                return True
    return False


def _statements(function: Node) -> list[Node]:
    """A function's top-level statements."""
    body = function.child_by_field_name("body")
    return [c for c in body.named_children if not c.is_extra] if body is not None else []


def _returned(function: Node) -> Node | None:
    """The value of a function's first `return` (nested definitions not entered)."""
    todo = list(reversed(_statements(function)))
    while todo:
        node = todo.pop()
        if node.type == "return_statement":
            value = _first_named(node)
            if value is not None:
                return value
            continue
        if node.type in ("function_definition", "class_definition", "decorated_definition", "lambda"):
            continue
        todo.extend(reversed([c for c in node.named_children if not c.is_extra]))
    return None


def _plain_params(reader: _Reader, function: Node) -> list[str]:
    """A function's positional parameters' names, without `self`/`cls`."""
    out: list[str] = []
    plist = function.child_by_field_name("parameters")
    for p in plist.named_children if plist is not None else ():
        if p.type in ("keyword_separator", "list_splat_pattern", "dictionary_splat_pattern"):
            break
        ident = p if p.type == "identifier" else (
            p.child_by_field_name("name") if p.type in ("default_parameter", "typed_default_parameter")
            else _first_named(p) if p.type == "typed_parameter" else None)
        if ident is None or ident.type != "identifier":
            break
        out.append(reader.text(ident))
    return out[1:] if out and out[0] in ("self", "cls") else out


def _literal_type(annotation: Node | None) -> Node | None:
    """`Literal["whitelist"]` → the string node; anything else None."""
    node = _first_named(annotation) if annotation is not None and annotation.type == "type" else annotation
    if node is None or node.type not in ("subscript", "generic_type"):
        return None
    head = _first_named(node)
    if head is None or not (head.type in ("identifier", "attribute") and node.text is not None
                            and head.text is not None and head.text.split(b".")[-1] == b"Literal"):
        return None
    items = [c for c in node.named_children[1:] if not c.is_extra]
    if len(items) == 1 and items[0].type == "type_parameter":
        items = [c for c in items[0].named_children if not c.is_extra]
    if len(items) == 1:
        only = _first_named(items[0]) if items[0].type == "type" else items[0]
        return only if only is not None and only.type == "string" else None
    return None


def _operator(node: Node) -> str:
    op = node.child_by_field_name("operator")
    return op.type if op is not None else ""


def _fstring(raw: str) -> bool:
    quote = min((i for i in (raw.find('"'), raw.find("'")) if i >= 0), default=-1)
    return quote > 0 and "f" in raw[:quote].lower()


def _keyword(args: list[tuple[str | None, Node, str]], name: str) -> Node | None:
    return next((value for keyword, value, _ in args if keyword == name), None)


def _branch_of(comparison: Node) -> Node | None:
    """The block an `if`/`elif` runs when `comparison` (its whole condition, maybe in
    parentheses) holds."""
    node, up = comparison, comparison.parent
    while up is not None and up.type == "parenthesized_expression":
        node, up = up, up.parent
    if up is None or up.type not in ("if_statement", "elif_clause"):
        return None
    condition = up.child_by_field_name("condition")
    if condition is None or condition.start_byte != node.start_byte or condition.end_byte != node.end_byte:
        return None
    return up.child_by_field_name("consequence")


def _position(args: list[tuple[str | None, Node, str]], given: Node) -> tuple[int, str] | None:
    """Where a call is given `given`: (its position among the positional arguments, or -1, keyword)."""
    position = 0
    for keyword, value, star in args:
        if value is given:
            return (-1, keyword) if keyword else ((position, "") if not star else None)
        if keyword is None and not star:
            position += 1
    return None


_DJANGO_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")
_UNNAMED_GROUP = re.compile(r"\((?!\?)(?:[^()]|\([^()]*\))*\)")  # Tornado's positional `([^/]+)`
_CATCH_ALL = re.compile(r"(?<=[^/(])(?:\((?:/\?)?\.\*\)|\(/\.\*\)\?|\(\?:/\.\*\)\?)$")
_OPTIONAL_GROUP = re.compile(r"\(\?:[^()]*\)\?")  # `(?:\.json)?`


def _django_route(route: str, regex: bool) -> str:
    """`ws/task/<uuid:uuid>/` or `^ws/(?P<slug>[-\\w]+)/$` → `/ws/task/{uuid}`, `/ws/{slug}`."""
    if regex:
        # `/ws/ui(/?.*)`: a trailing group that may match nothing, glued to a segment, is a
        # catch-all the handler takes the rest of the path with; the endpoint is the path it extends
        route = _CATCH_ALL.sub("", route.lstrip("^").rstrip("$"))
        route = _REGEX_GROUP.sub(lambda m: "{" + m.group(1) + "}", route)
        route = _OPTIONAL_GROUP.sub("", route)
        count = iter(range(1, 100))
        route = _UNNAMED_GROUP.sub(lambda m: "{arg" + str(next(count)) + "}", route)
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
