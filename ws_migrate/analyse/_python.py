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
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

_SEND = {"send_json", "send_text", "send", "send_str"}
_PREFILTER = re.compile(rb"websocket|broadcast|send_json|send_text", re.IGNORECASE)
_IGNORE = re.compile(r"#\s*ws-migrate-ignore\b(?:\s*:\s*([A-Za-z0-9_\-]+))?")


@dataclass(frozen=True)
class PyEndpoint:
    """A WebSocket route of the back end."""

    path: str
    handler: str
    line: int
    column: int
    framework: str  # fastapi (also Starlette routers) | starlette | websockets
    token_query: int  # line of a `token` query parameter, 0 when none


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


@dataclass(frozen=True)
class PySummary:
    """What linking needs of one Python file: its endpoints and sends."""

    rel: str
    endpoints: tuple[PyEndpoint, ...] = ()
    emits: tuple[PyEmit, ...] = ()
    ignores: tuple[tuple[int, tuple[str, ...], bool], ...] = ()
    parse_error: tuple[int, int, str] | None = None


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
    visitor = _Visitor(type_field, _enums(module), module, text)
    wrapper.visit(visitor)
    return PySummary(rel, tuple(visitor.endpoints), tuple(visitor.emits), _ignores(text))


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

    def _pos(self, node: cst.CSTNode) -> tuple[int, int, int, int]:
        p = self.get_metadata(PositionProvider, node)
        return p.start.line, p.start.column + 1, p.end.line, p.end.column

    # --- functions and their endpoints -----------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)
        self.assigned.append({})
        for dec in node.decorators:
            call = dec.decorator
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
                    and call.func.attr.value in ("websocket", "websocket_route"):
                path = self._path_arg(call)
                if path is not None:
                    line, col, _, _ = self._pos(dec)
                    self.endpoints.append(PyEndpoint(path, node.name.value, line, col, "fastapi",
                                                     self._token_param(node)))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.functions.pop()
        self.assigned.pop()

    def _path_arg(self, call: cst.Call) -> str | None:
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value == "path":
                value = _string(arg.value)
                if value is not None and value.startswith("/"):
                    return value
                if arg.keyword is None:
                    return None
        return None

    def _token_param(self, fn: cst.FunctionDef) -> int:
        for p in list(fn.params.params) + list(fn.params.kwonly_params):
            if re.search(r"token|jwt|auth", p.name.value, re.IGNORECASE):
                return self._pos(p)[0]
        return 0

    # --- statements inside functions -------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
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

    def visit_Await(self, node: cst.Await) -> None:
        self.awaited.add(id(node.expression))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else (func.value if isinstance(func, cst.Name) else "")
        if name == "add_websocket_route" and node.args:
            path = _string(node.args[0].value)
            if path is not None:
                line, col, _, _ = self._pos(node)
                handler = _dotted(node.args[1].value) if len(node.args) > 1 else ""
                self.endpoints.append(PyEndpoint(path, handler, line, col, "starlette", 0))
            return
        if isinstance(func, cst.Attribute) and name in _SEND and node.args:
            message = self._message(node.args[0].value, unwrap_dumps=name != "send_json")
            if message is not None:
                self._emit(node, message, "send_json" if name == "send_json" else "send_text", None,
                           node.args[0].value)
            return
        # a per-topic registry: any call given a literal topic and a message dict
        if len(node.args) >= 2 and name and name not in ("dumps", "loads", "get", "setdefault"):
            topic = next((s for a in node.args if (s := _string(a.value)) is not None), None)
            found = next(((m, a.value) for a in node.args if (m := self._message(a.value, True)) is not None), None)
            if topic is not None and found is not None and not topic.startswith("/"):
                self._emit(node, found[0], "registry", topic, found[1])

    def _message(self, expr: cst.BaseExpression, unwrap_dumps: bool) -> cst.Dict | None:
        """The dict literal a message is, through `json.dumps(...)` and a local variable."""
        if unwrap_dumps and isinstance(expr, cst.Call) and _dotted(expr.func).endswith("dumps") and expr.args:
            expr = expr.args[0].value
        if isinstance(expr, cst.Name) and self.assigned:
            bound = self.assigned[-1].get(expr.value)
            if bound is not None:
                expr = bound
        return expr if isinstance(expr, cst.Dict) else None

    def _emit(self, call: cst.Call, message: cst.Dict, how: str, topic: str | None,
              written: cst.BaseExpression) -> None:
        typed = False
        kind: str | None = None
        keys: list[str] = []
        payload: str | None = None
        for el in message.elements:
            if isinstance(el, cst.DictElement):
                key = _string(el.key)
                keys.append(key if key is not None else "<expr>")
                if key is not None and key != self.type_field:
                    payload = self.module.code_for_node(el.value)
            else:
                keys.append("**")
            if isinstance(el, cst.DictElement) and _string(el.key) == self.type_field:
                typed = True
                kind = _string(el.value)
                if kind is None:
                    dotted = _dotted(el.value)
                    owner, _, member = dotted.rpartition(".")
                    kind = self.enums.get(owner, {}).get(member) or (dotted or None)
        line, col, end_line, end_col = self._pos(call)
        fn = self.functions[-1].name.value if self.functions else None
        start = self.line_starts[line - 1] + col - 1
        end = self.line_starts[end_line - 1] + end_col
        self.emits.append(PyEmit(kind, typed, how, topic, fn, line, col, start, end, tuple(keys), payload,
                                 isinstance(written, cst.Dict), id(call) in self.awaited))
