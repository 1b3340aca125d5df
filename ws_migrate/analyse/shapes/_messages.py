"""What a message handler tells apart: the field it compares, and the values.

Real handlers do not all switch on `msg.type`. This reader follows the message through the
handler — from the socket event (`JSON.parse(event.data)`), from a parameter that receives the
message, or from a name that holds the last one (`lastJsonMessage`) — into the variables that
hold it or its parts (`const { type: op, data } = …`), and records every comparison of one of
its fields with a known string:

```ts
ws.onmessage = (event) => {
  const msg = JSON.parse(event.data);
  switch (msg.data.op) {                            // field `data.op`
    case 'cell-op': …                               // a literal
    case Ops.INTERRUPT: …                           // a constant (this file, or imported)
  }
  if (['heartbeat', 'timeout'].includes(msg.kind)) …   // field `kind`, two values
  handlers[msg.event]?.(msg.data);                  // a table: its keys, or a run-time dispatch
};
```

It also notes what the handler hands on: a parameter of the function around the socket that it
calls with the message (`onMessage(msg)`, `opts.onData(msg)`, `handlerRef.current(msg)`) or
indexes by type (`handlers[msg.type]`), which makes that function's callers the ones that handle
messages; fields looked up at run time (`listeners.get(msg.event)`), which make the values its
callers register the message types; and local functions it passes the message to, which are read
the same way (three levels deep); imported functions given the message or its text
(`routeFrame(event.data as string)`) are `delegates`, read where they are defined. The DOM
event's own `type` (`event.type === 'message'`) is never a message type, nor is what is compared
on the records of a list the message holds under one of its optional keys (`_records_of_parts`).
A key of a table of display texts looked up (`TEXTS[msg.data.status]`) is a `label`: the linker
takes it as a type only where nothing as shallow is compared.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from ws_migrate.analyse._model import Handler, Pos, TypeUse
from ws_migrate.analyse._values import Param, returned_key
from ws_migrate.analyse.shapes import _constants as constants
from ws_migrate.analyse.shapes import _declared as declared
from ws_migrate.analyse.shapes import _handlers as handlers
from ws_migrate.analyse.shapes import _named_dispatch as named_dispatch
from ws_migrate.analyse.shapes import _reemits as reemits
from ws_migrate.analyse.shapes import _stores as stores
from ws_migrate.analyse.shapes import _topic_stores as topic_stores
from ws_migrate.analyse.shapes._nodes import FUNCTIONS, GLOBAL_OBJECTS
from ws_migrate.analyse.shapes._nodes import WRAPPING as _WRAPPING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

Path = tuple[str, ...]
# what a name holds: the socket event (its `data` is the raw text), the raw text, or the message
# (a path into it: `()` the message itself, `("data",)` its `data` field)
EVENT: Path = ("\0event",)
KEY = "\0key"  # the head of a key built from fields of the message: (KEY, its fields …)
RAW: Path = ("\0raw",)
REF: Path = ("\0ref",)  # a Vue ref holding the message: `.value` is the message
# a listener given an event of the app's own whose `detail` is the message, or the socket's
# event (`new CustomEvent('message', { detail: event })`: `shapes/_reemits`)
DETAIL: Path = ("\0detail",)
DETAIL_EVENT: Path = ("\0detail-event",)
Root = Literal["event", "message", "second-event", "detail-message", "detail-event"]

# `JSON.parse`, `jsonParseWithSpecialChar`, `safeJson`, `decodeMessage`, `msgpack.unpack`: text
# to a message (`JSON.stringify` goes the other way)
_PARSERS = re.compile(r"^(?!.*stringify).*(?:parse|decode|deserial|json|unpack)", re.IGNORECASE)
# what turns a message's text into something other than JSON (base64, msgpack, protobuf, gzip)
_DECODERS = re.compile(r"(?:^|\.)(?:atob|\w*[dD]ecode\w*|\w*[uU]npack\w*|inflate\w*|\w*[uU]nzip\w*|"
                       r"\w*[dD]eserial\w*|fromBinary|Buffer\.from)$")
_JSONISH = re.compile(r"json|JSON|^parse|\.parse|Parse")
_EMITS = re.compile(r"^(?:emit|dispatch\w*|trigger|fire|publish|notify\w*|broadcast|handle\w*|route|next)$")
_ITERATORS = frozenset({"forEach", "map", "filter", "some", "every", "find", "flatMap"})
# calls that run their callback with a value they watch: `watch(data, (msg) => …)` (Vue)
_WATCHERS = frozenset({"watch", "watchEffect", "subscribe", "derived"})
_MAX_LEVEL = 3
# methods giving a text as the same text (its edge spaces dropped)
_AS_TEXT = frozenset({"toString", "trim", "trimStart", "trimEnd"})
# methods of built-in values: no accessor of a message class (`msg.msgtype()`)
_VALUE_METHODS = _AS_TEXT | frozenset({
    "valueOf", "toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase", "toJSON", "keys",
    "values", "entries", "pop", "shift", "reverse", "clone", "json", "text", "blob", "arrayBuffer", "get",
    "has", "size", "length", "isEmpty", "toISOString", "getTime", "hasOwnProperty", "normalize", "flat"})
# hooks whose `[value, set]` keeps a value: a setter given the message keeps the last one
_STATE_HOOKS = frozenset({"useState", "useRecoilState", "useAtom"})


@dataclass
class Read:
    """What reading one handler found."""

    uses: list[TypeUse] = field(default_factory=list)
    dispatch: list[str] = field(default_factory=list)  # run-time lookups by field, strongest first
    routes: list[str] = field(default_factory=list)  # fields of a key handlers are looked up by
    hands: list[Param] = field(default_factory=list)
    tables: list[Param] = field(default_factory=list)
    delegates: list[str] = field(default_factory=list)  # imported functions given the message
    parses: bool = False
    uses_message: bool = False  # the message (or a part) is read at all
    unguarded: list[Pos] = field(default_factory=list)
    payload_calls: int = 0  # calls of something with `<msg>.<payload field>` alone
    forwards: bool = False  # gives the message to a function it does not know (a subscriber's)
    # the fields it reads of the message it parsed from the socket's event (`type`, `object`)
    fields: set[str] = field(default_factory=set)
    decodes: str = ""  # a decoder it gives the message's text to (`atob`), when not JSON's
    passed: dict[str, int] = field(default_factory=dict)  # fields whose value it hands on, and where
    declared: list[str] = field(default_factory=list)  # the types it reads the message as
    emits_to: list[str] = field(default_factory=list)  # objects it emits each message on by a field
    keeps: list[str] = field(default_factory=list)  # React states it keeps the message in
    stores: list[str] = field(default_factory=list)  # store entries given the message by name
    reemits: list[tuple[str, str]] = field(default_factory=list)  # events fired again with it
    # the top-level keys of the message it tests for presence (`if (data.devices)`), and the
    # parts it walks as lists (`data.events.some((e) => …)`, `for (const m of msg.batch)`)
    tested: set[str] = field(default_factory=set)
    walked: set[Path] = field(default_factory=set)
    # (field, start, end) of the code only run for one value of a field (a `case` of a switch on
    # it, the body of an `if` comparing it with a literal): what is compared there is `within` it
    arms: list[tuple[str, int, int]] = field(default_factory=list)
    # the literals the whole text of the frame is compared with (`event.data === 'reload'`,
    # `switch (event.data) { case 'refresh-css': … }`): types of a handler that reads no JSON
    texts: list[TypeUse] = field(default_factory=list)
    # functions given the message whose result it reads (`const data = processMessage(msg)`),
    # and its reading where each of them gives the message back (`shapes/_filters`)
    filterable: set[str] = field(default_factory=set)
    filtered: tuple[tuple[str, ...], Read] | None = None


def read_handler(ctx: _FileAnalysis, fn: Node, root: Root = "event", *,
                 roots: dict[str, Path] | None = None, at: int | None = None) -> Read:
    """Read handler function `fn` (or, with `roots`, any code where those names hold messages;
    with `at`, the message is its parameter of that index: `handle(socket, msg, setRows)`)."""
    read = _read_handler(ctx, fn, root, roots, at, frozenset())
    if read.filterable:
        names = frozenset(read.filterable)
        again = _read_handler(ctx, fn, root, roots, at, names)
        if (again.uses, again.hands, again.tables, again.delegates) != (read.uses, read.hands, read.tables,
                                                                         read.delegates):
            read.filtered = (tuple(sorted(names)), again)
    return read


def _read_handler(ctx: _FileAnalysis, fn: Node, root: Root, roots: dict[str, Path] | None, at: int | None,
                  filters: frozenset[str]) -> Read:
    mark = len(ctx._owners_used)
    try:
        reader = _Reader(ctx, filters)
        start: dict[str, Path] = dict(roots or {})
        if roots is None:
            names = _param_names(ctx, fn)
            if at is None:
                at = 1 if root == "second-event" else 0
            if len(names) > at:
                bound = {"message": (), "detail-message": DETAIL, "detail-event": DETAIL_EVENT}.get(root, EVENT)
                start.update(_bind(ctx, names[at], bound))
                param = ctx.parent(names[at])  # `(event: MessageEvent<Frame>)`, `(msg: Frame)`
                if param is not None and param.type in ("required_parameter", "optional_parameter"):
                    name = declared.annotation_name(ctx, param.child_by_field_name("type"), event=root != "message")
                    if name is not None:
                        reader.result.declared.append(name)
        reader.read(fn, start, 0)
        _records_of_parts(reader.result)
        _mark_within(reader.result)
        _text_kinds(reader.result)
        if roots is not None or root in ("message", "detail-message"):
            # given a message by the app's own code, it may be the payload: its fields say nothing
            reader.result.fields.clear()
        return reader.result
    finally:
        del ctx._owners_used[mark:]  # what it evaluates names no owner of the site


def _text_kinds(r: Read) -> None:
    """The whole texts a frame is compared with are its kinds when the handler reads nothing
    else of it: no parse, no decoder, no field, and the text given to no function
    (`if (event.data === 'reload') location.reload()`). Next to a parse they are keep-alive
    answers (`if (e.data === 'pong') return; const m = JSON.parse(e.data)`), no types."""
    if r.texts and not (r.parses or r.decodes or r.uses or r.dispatch or r.routes or r.tables or r.hands
                        or r.delegates or r.forwards or r.emits_to or r.stores or r.reemits or r.fields):
        r.uses.extend(r.texts)
    r.texts = []


def _mark_within(r: Read) -> None:
    """Mark the uses compared inside an arm picked by another field (`within`)."""
    if not r.arms:
        return
    out = []
    for u in r.uses:
        arm = next((f for f, a, b in r.arms if f != u.field and a <= u.pos.start < b and u.field), "")
        out.append(replace(u, within=arm) if arm else u)
    r.uses = out


def handler_of(ctx: _FileAnalysis, event: str, style: str, target: str, pos: Pos, fn: Node | None,
               root: Root = "event") -> Handler:
    """A `Handler` for `fn` (None: a function this file does not define)."""
    if fn is None:
        return Handler(event, style, target, pos)  # type: ignore[arg-type]
    if event != "message":
        return Handler(event, style, target, pos)  # type: ignore[arg-type]
    r = read_handler(ctx, fn, root)
    return to_handler(r, event, style, target, pos)


# fields that name one record or request, not a kind of message: a handler comparing one with
# another value's (`list.findIndex((j) => j.id === job.id)`, an upsert) or looking a pending
# request up by it (`pending[msg.id]`) matches records, it tells no types apart
_IDENTITY = re.compile(r"^(?:id|uuid|uid|guid|_id|pk|(?:request|req|correlation|message|msg)_?[iI][dD])$")


def to_handler(r: Read, event: str, style: str, target: str, pos: Pos) -> Handler:
    uses = tuple(sorted(set(r.uses), key=lambda u: (u.pos.start, u.type)))
    r.dispatch = [d for d in r.dispatch if not _IDENTITY.match(d.rsplit(".", 1)[-1])]
    dispatches = bool(r.dispatch or r.tables)
    return Handler(
        event,  # type: ignore[arg-type]
        style,  # type: ignore[arg-type]
        target,
        pos,
        type_uses=uses,
        whole_message=(r.parses or r.uses_message) and not uses and not dispatches and not r.hands and not r.stores,
        forwards_payload=dispatches and r.payload_calls > 0,
        unguarded_parse=tuple(r.unguarded),
        dispatch=tuple(dict.fromkeys(r.dispatch)),
        routes=tuple(dict.fromkeys(r.routes)),
        hands=tuple(dict.fromkeys(r.hands)),
        tables=tuple(dict.fromkeys(r.tables)),
        delegates=tuple(dict.fromkeys(r.delegates)),
        reemits=tuple(dict.fromkeys(r.reemits)),
        forwards=r.forwards,
        fields=tuple(sorted(r.fields)),
        decodes=r.decodes,
        passed=tuple(sorted(r.passed.items())),
        declared=tuple(dict.fromkeys(r.declared)),
        emits_to=tuple(dict.fromkeys(r.emits_to)),
        keeps=tuple(dict.fromkeys(r.keeps)),
        stores=tuple(dict.fromkeys(r.stores)),
        filters=r.filtered[0] if r.filtered else (),
        filtered=to_handler(r.filtered[1], event, style, target, pos) if r.filtered else None,
    )


# where what a look-up gives is used as a value: an operand, an argument, a property, a text
_VALUE_USES = frozenset({"binary_expression", "arguments", "pair", "template_substitution", "return_statement",
                         "ternary_expression", "array"})


def _looked_up_value(ctx: _FileAnalysis, table: Node) -> bool:
    """Is `table[msg.f]` (`table.get(msg.f)`) a value used as it is (`labels[msg.symbol] ||
    msg.symbol`, `render(NAMES[msg.code])`), in a table no name calls handlers: no dispatch?"""
    if handlers._HANDLERS.search(ctx.text(table).rsplit(".", 1)[-1]):
        return False
    up = ctx.parent(table)
    if up is not None and up.type == "member_expression":  # `table.get(…)`
        up = ctx.parent(up)
    p = ctx.parent(up) if up is not None else None
    while p is not None and p.type in _WRAPPING:
        p = ctx.parent(p)
    if p is not None and p.type == "binary_expression" and _empty_list_fallback(ctx, p):
        return False  # `(this.hs[m.op] || []).forEach((h) => h(m))`: the handlers of that kind
    return p is not None and p.type in _VALUE_USES


def _empty_list_fallback(ctx: _FileAnalysis, binary: Node) -> bool:
    """Is `binary` `x || []` (`?? []`, `|| new Set()`): a list looked up, empty when missing?"""
    op = binary.child_by_field_name("operator")
    right = ctx.unwrap(binary.child_by_field_name("right"))
    if op is None or ctx.text(op) not in ("||", "??") or right is None:
        return False
    if right.type == "array":
        return not right.named_children
    ctor = right.child_by_field_name("constructor") if right.type == "new_expression" else None
    return ctor is not None and ctx.text(ctor) in ("Set", "Map", "Array")


def _cached(ctx: _FileAnalysis, table: Node) -> bool:
    """Is `table[msg.f]` (`table.get(msg.f)`) a cache of records keyed by a field of the
    message, no dispatch: written (`results[object.metadata.uid] = object`, `delete
    results[…]`) or read into a name nothing calls (`const existing = results[…]`), in a
    table no name calls handlers?"""
    if handlers._HANDLERS.search(ctx.text(table).rsplit(".", 1)[-1]):
        return False
    node = ctx.parent(table)
    if node is not None and node.type == "member_expression":  # `table.get(…)`
        node = ctx.parent(node)
    if node is None:
        return False
    p = ctx.parent(node)
    while p is not None and p.type in _WRAPPING:
        node, p = p, ctx.parent(p)
    if p is None:
        return False
    if p.type in ("assignment_expression", "augmented_assignment_expression"):
        left = p.child_by_field_name("left")
        return left is not None and left.id == node.id
    if p.type == "unary_expression":
        return ctx.text(p).startswith("delete")
    if p.type != "variable_declarator" or (name := p.child_by_field_name("name")) is None \
            or name.type != "identifier":
        return False
    scope = ctx.enclosing_function(p)
    text = ctx.text(scope) if scope is not None else ""
    # called itself or a method called on it (`handler(msg)`, `pending.resolve(msg)`): a dispatch
    called = re.compile(rf"(?<![\w$.]){re.escape(ctx.text(name))}\s*(?:\??\.\s*[\w$]+\s*)?(?:\?\.\s*)?\(")
    return not called.search(text)


def _records_of_parts(r: Read) -> None:
    """Drop what is compared on the elements of a list the message holds under one of its keys
    when the message is a bag of optional keys (`if (data.devices) …; if (data.events) …`,
    no top-level field compared): its kinds are its keys, and `e.type === 'alarm'` over
    `data.events` picks records of one kind, no kind of message. A list under a message that
    is told apart by a field of its own, or under its one key, may be a batch of messages."""
    if len(r.tested) < 2 or not r.walked:
        return
    if any(u.field and "." not in u.field for u in r.uses) or any(d and "." not in d for d in r.dispatch):
        return  # the message has a discriminator of its own
    heads = tuple(f"{p[0]}." for p in r.walked if len(p) == 1 and p[0] in r.tested)
    if heads:
        r.uses = [u for u in r.uses if not u.field.startswith(heads)]
        r.dispatch = [d for d in r.dispatch if not d.startswith(heads)]


def _tested(ctx: _FileAnalysis, member: Node) -> bool:
    """Is the value at `member` tested for presence (`if (data.x)`, `data.x && …`, `!data.x`,
    `data.x ? … : …`, `data.x !== undefined`)?"""
    node = member
    parent = ctx.parent(node)
    while parent is not None:
        if parent.type in _WRAPPING or parent.type == "unary_expression" and ctx.text(parent)[:1] == "!":
            node, parent = parent, ctx.parent(parent)
            continue
        if parent.type == "binary_expression":
            op = parent.child_by_field_name("operator")
            text = ctx.text(op) if op is not None else ""
            if text in ("&&", "||"):
                return True
            other = parent.child_by_field_name("right" if parent.child_by_field_name("left") == node else "left")
            return text in ("!==", "!=", "===", "==") and other is not None and (
                other.type in ("null", "undefined") or ctx.text(other) == "undefined")
        if parent.type in ("if_statement", "while_statement", "ternary_expression"):
            return parent.child_by_field_name("condition") == node
        return False
    return False


def _compared(ctx: _FileAnalysis, member: Node) -> bool:
    """Is the value at `member` only compared or looked up (`=== 'a'`, `switch (…)`,
    `handlers[…]`, `.get(…)`, `.includes(…)`), not handed on?"""
    node = member
    parent = ctx.parent(node)
    while parent is not None and parent.type in _WRAPPING:
        node, parent = parent, ctx.parent(parent)
    if parent is None:
        return False
    if parent.type == "binary_expression":
        op = parent.child_by_field_name("operator")
        return op is not None and ctx.text(op) in ("===", "==", "!==", "!=")
    if parent.type == "switch_statement":
        return True
    if parent.type == "subscript_expression":
        return parent.child_by_field_name("index") == node
    if parent.type == "arguments":
        call = ctx.parent(parent)
        fn = call.child_by_field_name("function") if call is not None else None
        return fn is not None and fn.type == "member_expression" and ctx.text(
            fn.child_by_field_name("property") or fn) in ("get", "has", "includes", "indexOf")
    if parent.type == "member_expression":  # `msg.data.op`: a part of it is what is read
        return True
    return False


def field_name(path: Path) -> str:
    return ".".join(path)


def _param_names(ctx: _FileAnalysis, fn: Node) -> list[Node]:
    """The patterns of `fn`'s parameters, in order."""
    single = fn.child_by_field_name("parameter")
    if single is not None:
        return [single]
    plist = fn.child_by_field_name("parameters")
    out = []
    for p in plist.named_children if plist is not None else ():
        if p.type in ("comment", "decorator"):
            continue
        pattern = p.child_by_field_name("pattern") if p.type in ("required_parameter", "optional_parameter") else p
        if pattern is not None and pattern.type == "assignment_pattern":
            pattern = pattern.child_by_field_name("left")
        if pattern is not None:
            out.append(pattern)
    return out


def _bind(ctx: _FileAnalysis, pattern: Node, path: Path) -> dict[str, Path]:
    """The names a pattern binds to parts of a value at `path`."""
    if pattern.type == "identifier":
        return {ctx.text(pattern): path}
    if pattern.type == "object_pattern":
        out: dict[str, Path] = {}
        for key, local in ctx.pattern_names(pattern):
            out[local] = _step(path, key)
        return out
    return {}


def _applied(ctx: _FileAnalysis, callee: Node, args: list[Node]) -> tuple[Node, list[Node]] | None:
    """(the function, its arguments) of `f.call(self, a, b)` or `f.apply(self, [a, b])`, else None."""
    prop = callee.child_by_field_name("property")
    inner = ctx.unwrap(callee.child_by_field_name("object"))
    if prop is None or inner is None or inner.type not in ("identifier", "member_expression"):
        return None
    how = ctx.text(prop)
    if how == "call":
        return inner, args[1:]
    listed = ctx.unwrap(args[1]) if how == "apply" and len(args) == 2 else None
    if listed is not None and listed.type == "array":
        return inner, [a for a in listed.named_children if a.type != "comment"]
    return None


def _step(path: Path, key: str) -> Path:
    """The path of `<value at path>.key`."""
    if path == REF:
        return () if key == "value" else (key,)
    if path == EVENT:
        return RAW if key == "data" else ("\0dom",)
    if path in (DETAIL, DETAIL_EVENT):
        return ("\0dom",) if key != "detail" else () if path == DETAIL else EVENT
    if path in (RAW, ("\0dom",)):
        return ("\0dom",)
    return path + (key,)


# what a variable holding a field of the message may be set to that is no text like a type: a
# value of the code's own (`result = { result }`, `[]`, `null`); a string may be the type renamed
# (`if (type === 'legacy_update') type = 'update'`), whose old name is still on the wire
_OWN_VALUES = frozenset({"object", "array", "number", "true", "false", "null"})


def _changed(ctx: _FileAnalysis, fn: Node, roots: dict[str, Path]) -> frozenset[str]:
    """The names holding a part of the message that `fn` sets to a value of its own
    (`let result = data.result; if (result === 'ok') result = { result }`): what it compares
    them with is a value it normalises, not a type it tells apart."""
    out = set()
    for name, path in roots.items():
        if not path or not _message(path):
            continue  # (the message itself, the event, the text: never a normalised field)
        for a in ctx.assignments_of(name):
            right = ctx.unwrap(a.child_by_field_name("right"))
            if fn.start_byte <= a.start_byte < fn.end_byte and right is not None and right.type in _OWN_VALUES:
                out.add(name)
                break
    return frozenset(out)


def _message(path: Path | None) -> bool:
    """Is `path` the message or a part of it (not the DOM event or the raw text)?"""
    return path is not None and (path == REF or not (path and path[0].startswith("\0")))


class _Reader:
    def __init__(self, ctx: _FileAnalysis, filters: frozenset[str] = frozenset()) -> None:
        self.ctx = ctx
        self.filters = filters  # functions read as giving back the message they are given
        self.result = Read()
        self._seen: set[tuple[int, tuple[tuple[str, Path], ...]]] = set()
        self._reading: list[Node] = []  # the functions read as the handler, or called by it

    def read(self, fn: Node, roots: dict[str, Path], level: int) -> None:
        key = (fn.id, tuple(sorted(roots.items())))
        if key in self._seen or level > _MAX_LEVEL:
            return
        self._seen.add(key)
        self._reading.append(fn)
        ctx = self.ctx
        roots = dict(roots)
        self._track(fn, roots)
        if not roots:
            return
        # a name bound to a field of the message (`const { object } = msg`) reads that field
        self.result.fields.update(p[0] for p in roots.values() if p and _message(p))
        whole = {name for name, p in roots.items() if p == ()}
        if whole:
            self._fields_of(fn, whole)
        # a node that names none of the message's variables reads nothing of it (a C-speed test)
        mention = _mention(roots)
        src = ctx.src
        changed = _changed(ctx, fn, roots)
        for n in ctx.nodes_in("binary", fn):
            if mention(src, n.start_byte, n.end_byte):
                self._binary(n, roots, changed)
        for n in ctx.nodes_in("switch", fn):
            value = n.child_by_field_name("value")
            if value is None or not mention(src, value.start_byte, value.end_byte):
                continue
            value = ctx.unwrap(value)
            path = self.path(value, roots)
            if path == RAW:
                self._text_cases(n)
                continue
            if not _message(path):
                continue
            assert path is not None
            body = n.child_by_field_name("body")
            for case in body.named_children if body is not None else ():
                cv = case.child_by_field_name("value")
                if cv is not None and self._value(cv, path, "switch"):
                    self.result.arms.append((field_name(path), cv.end_byte, case.end_byte))
        for n in ctx.nodes_in("subscript", fn):
            if not mention(src, n.start_byte, n.end_byte):
                continue
            index = ctx.unwrap(n.child_by_field_name("index"))
            if index is not None and index.type in ("template_string", "binary_expression") \
                    and self._named_method(n, index, roots):
                continue  # `this[`on_${msg.type}`]`
            path = self.path(index, roots) or self._key(index, roots)
            if path and path[0] == KEY:  # `listeners[key]`: routed by a key of its fields
                self.result.routes.extend(path[1:])
                continue
            if _message(path) and index is not None and index.type != "string":
                assert path is not None
                self._lookup(n.child_by_field_name("object"), path)
        for n in ctx.nodes_in("call", fn):
            args = n.child_by_field_name("arguments")
            # a call given none of the message (`setOpen(true)`) may still be the caller's
            # handler called bare (`onDone()`): only calls with arguments are passed over
            if args is not None and args.named_child_count and not mention(src, args.start_byte, args.end_byte) \
                    and n.child_by_field_name("function") is not None \
                    and not mention(src, n.start_byte, args.start_byte):
                continue
            self._call(n, fn, roots, level)

    # --- following the message into variables -------------------------------------------------

    def _fields_of(self, fn: Node, names: set[str]) -> None:
        """Every `msg.<field>` of `fn` where `msg` names the message, wherever it stands
        (`new Date(msg.date)`, `{ data: msg.payload }`), and the fields whose value it hands on
        rather than compares (`type = msg.type === 'a' ? 'b' : msg.type`)."""
        ctx = self.ctx
        r = self.result
        for m in ctx.subtree(fn, "member_expression"):
            obj = m.child_by_field_name("object")
            prop = m.child_by_field_name("property")
            if obj is None or prop is None or obj.type != "identifier" or ctx.text(obj) not in names:
                continue
            name = ctx.text(prop)
            r.fields.add(name)
            if name not in r.tested and _tested(ctx, m):
                r.tested.add(name)
            if name not in r.passed and not _compared(ctx, m):
                r.passed[name] = m.start_point[0] + 1

    def _track(self, fn: Node, roots: dict[str, Path]) -> None:
        """Add the variables of `fn` that hold the message or its parts (passes until none is
        added, four at most: a name may be declared from another declared after it in the text,
        in a nested function, and each pass looks only for the names known when it starts:
        `const text = event.data; const msg = JSON.parse(text); const { event } = msg`)."""
        ctx = self.ctx
        src = ctx.src
        decls = list(ctx.nodes_in("decl", fn))
        assigns = [a for a in ctx.nodes_in("assign", fn)
                   if (left := a.child_by_field_name("left")) is not None and left.type == "identifier"]
        loops = ctx.subtree(fn, "for_in_statement") if b" of " in src[fn.start_byte:fn.end_byte] else []
        for _ in range(4):
            before = len(roots)
            if not roots:
                return
            mention = _mention(roots)
            rest = []
            for d in decls:
                value = d.child_by_field_name("value")
                if value is None or not mention(src, value.start_byte, value.end_byte):
                    rest.append(d)  # names nothing of the message (yet)
                    continue
                name = d.child_by_field_name("name")
                path = self.path(value, roots)
                if path == () and name is not None and name.type == "identifier":
                    self._declared(d.child_by_field_name("type"), value)
                if path is None and name is not None and name.type == "identifier":
                    path = self._key(value, roots)  # `const key = keyOf(m.room, m.path)`
                if name is not None and path is not None:
                    for local, p in _bind(ctx, name, path).items():
                        if roots.get(local) in (EVENT, RAW) and _message(p):
                            # `(eventName, event) => { … const { data, event } = JSON.parse(…) }`:
                            # the message's field shadows the event (whose text was read before)
                            roots[local] = p
                        roots.setdefault(local, p)
            decls = rest
            for a in assigns:
                right = a.child_by_field_name("right")
                if right is None or not mention(src, right.start_byte, right.end_byte):
                    continue
                path = self.path(right, roots)
                left = a.child_by_field_name("left")
                if path is not None and left is not None:
                    roots.setdefault(ctx.text(left), path)
            for loop in loops:  # `for (const m of msg.batch)`: each element is a message too
                left = loop.child_by_field_name("left")
                op = loop.child_by_field_name("operator")
                path = self.path(loop.child_by_field_name("right"), roots)
                if left is not None and op is not None and ctx.text(op) == "of" and _message(path):
                    assert path is not None
                    self.result.walked.add(path)
                    for local, p in _bind(ctx, left, path).items():
                        roots.setdefault(local, p)
            if len(roots) == before:
                break

    def _declared(self, annotation: Node | None, value: Node) -> None:
        """Note the type a variable holding the message is declared as (`const m: Frame = …`,
        `… = JSON.parse(e.data) as Frame`)."""
        ctx = self.ctx
        name = declared.annotation_name(ctx, annotation) if annotation is not None else None
        if name is None and value.type == "as_expression" and value.named_children:
            name = declared.annotation_name(ctx, value.named_children[-1])
        if name is not None:
            self.result.declared.append(name)

    def path(self, node: Node | None, roots: dict[str, Path]) -> Path | None:
        """Where in the message `node` reads, or None when it is not the message."""
        while node is not None and node.type in _WRAPPING:
            node = node.named_children[0] if node.named_children else None
        if node is None:
            return None
        ctx = self.ctx
        t = node.type
        if t == "identifier":
            return roots.get(ctx.src[node.start_byte:node.end_byte].decode("utf-8", "replace"))
        if t == "member_expression":
            base = self.path(node.child_by_field_name("object"), roots)
            if base is None:
                return None
            prop = node.child_by_field_name("property")
            if prop is None:
                return None
            name = ctx.text(prop)
            if name == "value" and base in (RAW, EVENT):  # a Vue ref of the raw text: `data.value`
                return RAW
            if base == ():
                self.result.fields.add(name)
            return _step(base, name)
        if t == "subscript_expression":
            key = ctx.string_value(node.child_by_field_name("index"))
            base = self.path(node.child_by_field_name("object"), roots)
            if base == () and key is not None:
                self.result.fields.add(key)
            return _step(base, key) if base is not None and key is not None else None
        if t == "call_expression":
            callee = ctx.unwrap(node.child_by_field_name("function"))
            args = _args(node)
            name = ctx.text(callee) if callee is not None else ""
            # the text, as text: `String(e.data)`, `e.data.toString()`, `e.data.trim()`
            if name == "String" and len(args) == 1:
                return RAW if self.path(args[0], roots) == RAW else None
            if not args and callee is not None and callee.type == "member_expression" \
                    and name.rpartition(".")[2] in _AS_TEXT:
                return RAW if self.path(callee.child_by_field_name("object"), roots) == RAW else None
            if not args and callee is not None and callee.type == "member_expression":
                accessor = self._accessor(callee, roots)
                if accessor is not None:
                    return accessor
            if args and (name == "JSON.parse" or _PARSERS.search(name)):
                inner = self.path(args[0], roots)
                if inner in (RAW, EVENT) or _message(inner):
                    if name == "JSON.parse":
                        self.result.parses = True
                        where = ctx.pos(node)
                        if where not in self.result.unguarded and not guarded(ctx, node):
                            self.result.unguarded.append(where)
                    return ()  # the parsed text is the message
            if args and callee is not None and callee.type == "identifier" and name not in GLOBAL_OBJECTS:
                inner = self.path(args[0], roots)
                if inner == () and name in self.filters:
                    return ()  # `processMessage(msg)` that gives `msg` back (`shapes/_filters`)
                kept = ctx.parent(node)  # `const data = processMessage(msg)`
                if inner == () and kept is not None and kept.type == "variable_declarator":
                    self.result.filterable.add(name)
            return None
        if t == "ternary_expression":
            return self.path(node.child_by_field_name("consequence"), roots) or self.path(
                node.child_by_field_name("alternative"), roots)
        if t == "binary_expression":
            op = node.child_by_field_name("operator")
            if op is not None and ctx.text(op) in ("??", "||"):
                return self.path(node.child_by_field_name("left"), roots)
        return None

    def _accessor(self, callee: Node, roots: dict[str, Path]) -> Path | None:
        """`msg.msgtype()` of a message that is an instance of a class (`Message.parse(raw)`)
        reads its field `msgtype` through the class's accessor (`msgtype() { return
        this.header.msgtype }`); a method every value has (`msg.toString()`) reads none."""
        prop = callee.child_by_field_name("property")
        name = self.ctx.text(prop) if prop is not None else ""
        if not name or name in _VALUE_METHODS or not name[:1].isalpha():
            return None
        base = self.path(callee.child_by_field_name("object"), roots)
        return _step(base, name) if base is not None and _message(base) and base != REF else None

    def _key(self, node: Node | None, roots: dict[str, Path]) -> Path | None:
        """(KEY, fields) when `node` builds a key from fields of the message (`keyOf(m.room,
        m.path)`, `` `${m.room}:${m.path}` ``, `m.room + ':' + m.path`), else None."""
        node = self.ctx.unwrap(node)
        if node is None:
            return None
        if node.type == "call_expression":
            fn = self.ctx.unwrap(node.child_by_field_name("function"))
            name = self.ctx.text(fn) if fn is not None else ""
            if not name or _PARSERS.search(name) or name.split(".", 1)[0] in GLOBAL_OBJECTS:
                return None
            parts = _args(node)
        elif node.type == "template_string":
            parts = [c.named_children[0] for c in node.named_children
                     if c.type == "template_substitution" and c.named_children]
        elif node.type == "binary_expression" and self.ctx.text(node.child_by_field_name("operator") or node) == "+":
            parts = [c for c in (node.child_by_field_name("left"), node.child_by_field_name("right")) if c is not None]
        else:
            return None
        fields: list[str] = []
        for part in parts:
            p = self.path(part, roots) or self._key(part, roots)
            if p is not None and _message(p) and p:
                fields.append(field_name(p))
            elif p is not None and p[:1] == (KEY,):
                fields.extend(p[1:])
        return (KEY, *fields) if fields else None

    # --- what is compared with what -----------------------------------------------------------

    def _binary(self, n: Node, roots: dict[str, Path], changed: frozenset[str] = frozenset()) -> None:
        ctx = self.ctx
        op_node = n.child_by_field_name("operator")
        op = ctx.text(op_node) if op_node is not None else ""
        left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        if op == "in":
            path = self.path(left, roots)
            key = ctx.string_value(left)
            if key is not None and self.path(right, roots) == ():  # `'events' in data`
                self.result.tested.add(key)
            if _message(path):
                assert path is not None
                self._lookup(right, path)
            return
        if op not in ("===", "==", "!==", "!="):
            return
        for a, b in ((left, right), (right, left)):
            path = self.path(a, roots)
            if path == RAW and b is not None and op in ("===", "=="):
                self._text_value(b)  # `event.data === 'reload'`
                return
            if not _message(path) or b is None:
                continue
            assert path is not None
            self.result.uses_message = True
            if a is not None and a.type == "identifier" and ctx.text(a) in changed:
                return  # a value it normalises (`if (result === 'ok') result = { result }`): no type
            if self.path(b, roots) is not None:
                return  # two parts of the message compared: no type in that
            if self._value(b, path, "compare"):
                self._arm_of(n, field_name(path), op)
            else:
                bb = ctx.unwrap(b)
                if bb is not None and bb.type in ("member_expression", "identifier", "subscript_expression"):
                    self.result.dispatch.append(field_name(path))  # `s.event === msg.event`
                    given = ctx.evaluate(bb) if bb.type != "subscript_expression" else None
                    if isinstance(given, Param) and not returned_key(given.owner):  # `msg.kind === opts.kind`
                        self.result.uses.append(TypeUse("", ctx.pos(bb), "compare", field_name(path), param=given))
            return

    def _text_value(self, node: Node) -> None:
        """Keep the literal (or constant) the frame's whole text is compared with, if it is one."""
        got = constants.value_of(self.ctx, node)
        if got is not None and (got[0] or got[1] is not None):
            self.result.texts.append(TypeUse(got[0], self.ctx.pos(node), "compare", "", got[1]))

    def _text_cases(self, switch: Node) -> None:
        """The `case`s of a switch on the frame's whole text (`switch (event.data)`)."""
        body = switch.child_by_field_name("body")
        for case in body.named_children if body is not None else ():
            value = case.child_by_field_name("value")
            if value is not None:
                self._text_value(value)

    def _arm_of(self, comparison: Node, name: str, op: str) -> None:
        """The code run only for the value `comparison` tests field `name` for, as arms of that
        field: the body of its `if` (`if (m.type === 'user') { … }`) and what it is `&&`-ed with
        (`m.type === 'stream' && SUBKINDS.includes(m.content.type)`, in an `if` or not)."""
        if op not in ("===", "=="):
            return
        ctx = self.ctx
        node, cond = comparison, ctx.parent(comparison)
        while cond is not None and (cond.type == "parenthesized_expression" or cond.type == "binary_expression"
                                    and ctx.text(cond.child_by_field_name("operator") or cond) == "&&"):
            right = cond.child_by_field_name("right")
            if cond.type == "binary_expression" and right is not None and right.id != node.id:
                self.result.arms.append((name, right.start_byte, right.end_byte))
            node, cond = cond, ctx.parent(cond)
        if cond is None or cond.type != "if_statement":
            return
        body = cond.child_by_field_name("consequence")
        if body is not None:
            self.result.arms.append((name, body.start_byte, body.end_byte))

    def _arm_call(self, call: Node, target: Node) -> None:
        """A function called in an arm of a field (`if (m.type === 'stream') this.stream(m)`)
        runs for that value only: its body is an arm of that field too."""
        arms = self.result.arms
        fields = {f for f, a, b in arms if a <= call.start_byte < b and not target.start_byte <= a < target.end_byte}
        for f in sorted(fields):
            if (f, target.start_byte, target.end_byte) not in arms:
                arms.append((f, target.start_byte, target.end_byte))

    def _value(self, node: Node, path: Path, how: str) -> bool:
        """Record the type `node` names (a literal or a constant); False when it names none."""
        ctx = self.ctx
        got = constants.value_of(ctx, node)
        if got is None:
            return False
        text, ref = got
        if not text and ref is None:
            return False
        self.result.uses.append(TypeUse(text, ctx.pos(node), how, field_name(path), ref))  # type: ignore[arg-type]
        return True

    def _named_method(self, n: Node, index: Node, roots: dict[str, Path]) -> bool:
        """`this[`on_${msg.type}`]`: the class's methods named so (`shapes/_named_dispatch`);
        False when `n` is no such look-up."""
        ctx = self.ctx
        obj = ctx.unwrap(n.child_by_field_name("object"))
        if obj is None or not (obj.type == "this" or ctx._is_this(obj)):
            return False
        built = named_dispatch.built_name(ctx, index, lambda x: self.path(x, roots))
        if built is None:
            return False
        prefix, suffix, path = built
        found = named_dispatch.matched(named_dispatch.method_names(ctx, n), prefix, suffix)
        for text, node in found:
            self.result.uses.append(TypeUse(text, ctx.pos(node), "table", field_name(path)))
        if not found:
            self.result.dispatch.append(field_name(path))
        return True

    def _lookup(self, table: Node | None, path: Path) -> None:
        """`table[msg.f]`, `table.get(msg.f)`, `msg.f in table`: the table's keys, when this
        file spells them out; else a run-time dispatch (a parameter's: the callers' table)."""
        ctx = self.ctx
        keys = constants.table_keys(ctx, table)
        if keys:
            # a table of display texts (`STATUS_TEXT[msg.data.status]`) translates a value; a
            # table of handlers dispatches on it
            how: Literal["label", "table"] = "label" if constants.text_table(ctx, table) else "table"
            for text, node in keys:
                self.result.uses.append(TypeUse(text, ctx.pos(node), how, field_name(path)))
            return
        value = ctx.evaluate(table) if table is not None else None
        if isinstance(value, Param):
            self.result.tables.append(value)
        elif table is not None and _looked_up_value(ctx, table):
            return  # `labels[msg.symbol] || msg.symbol`: a value looked up, no handler
        elif table is not None and _cached(ctx, table):
            return  # `results[object.metadata.uid] = object`: records kept by key, no handler
        self.result.dispatch.insert(0, field_name(path))
        # a module map of listeners by topic: the parameters its functions register by are types
        self.result.uses.extend(topic_stores.registrations(ctx, table, field_name(path), self._reading))

    def _call(self, n: Node, fn: Node, roots: dict[str, Path], level: int) -> None:
        ctx = self.ctx
        callee = ctx.unwrap(n.child_by_field_name("function"))
        if callee is None:
            return
        name = ctx.text(callee)
        if name == "JSON.parse":
            self.path(n, roots)  # records the parse of the message, wherever its result goes
            return
        args = _args(n)
        if callee.type == "member_expression" and args and (
                applied := _applied(ctx, callee, args)) is not None:
            callee, args = applied  # `options.msgCallback.call(this, data)`: `msgCallback(data)`
            name = ctx.text(callee)
        paths = [self.path(a, roots) for a in args]
        r = self.result
        if RAW in paths and not r.decodes and _DECODERS.search(name) and not _JSONISH.search(name):
            r.decodes = name  # `atob(e.data)`, `msgpack.decode(e.data)`: the text is not JSON
        if callee.type == "member_expression" and (again := reemits.reemitted(
                ctx, callee, args, paths, lambda x: self.path(x, roots), EVENT)) is not None:
            r.reemits.append(again)  # `this.emit('message', msg)`: its listeners read the message
            return
        if callee.type == "member_expression" and (method := name.rpartition(".")[2]) in _METHODS_READ:
            obj = callee.child_by_field_name("object")
            key = paths[0] or self._key(args[0], roots) if method in ("get", "has") and len(args) == 1 else None
            if key and key[0] == KEY:  # `listeners.get(key)`: routed by a key of its fields
                r.routes.extend(key[1:])
                return
            if method in ("includes", "has") and paths and _message(paths[0]):
                assert paths[0] is not None
                values = constants.literal_strings(ctx, obj)
                if values:
                    for text, node in values:
                        r.uses.append(TypeUse(text, ctx.pos(node), "includes", field_name(paths[0])))
                elif method == "has":
                    self._lookup(obj, paths[0])
                return
            if method == "get" and paths and _message(paths[0]) and len(args) == 1:
                assert paths[0] is not None
                self._lookup(obj, paths[0])
                return
            if method in _ITERATORS:
                base = self.path(obj, roots)
                cb = ctx.unwrap(args[0]) if args else None
                if _message(base) and cb is not None and cb.type in FUNCTIONS:
                    assert base is not None
                    r.walked.add(base)
                    names = _param_names(ctx, cb)
                    if names:
                        self.read(cb, {**roots, **_bind(ctx, names[0], base)}, level)
                    return
        if any(p is not None for p in paths):
            r.uses_message = True
            if paths[0] == () and callee.type == "identifier" and name.startswith("set"):
                state = kept_state(ctx, n)
                if state is not None:  # `setLast(msg)`: the state holds the last message
                    r.keeps.append(state)
            payload = ctx.payload_field
            if any(p == (payload,) for p in paths) and len(args) == 1:
                r.payload_calls += 1
            # a field's value passed on (`emitter.emit(msg.event, msg)`): a run-time dispatch
            first = paths[0] if paths else None
            if first and _message(first) and len(first) == 1 and first[0] != payload \
                    and _EMITS.match(name.rsplit(".", 1)[-1]):
                r.dispatch.append(field_name(first))
                bus = name.rpartition(".")[0]
                if bus.isidentifier():  # `bus.emit(msg.event, …)`: what is registered on `bus` counts
                    r.emits_to.append(bus)
        if len(args) >= 2 and name.rsplit(".", 1)[-1] in ("dispatch", "commit") and paths[0] is None \
                and (built := named_dispatch.built_name(ctx, args[0], lambda x: self.path(x, roots))) is not None:
            # `dispatch(`ws.${msg.name}`, msg)`: the file's actions named so
            prefix, suffix, path = built
            found = named_dispatch.matched(named_dispatch.object_keys(ctx), prefix, suffix)
            r.uses.extend(TypeUse(text, ctx.pos(node), "table", field_name(path)) for text, node in found)
            if not found:
                r.dispatch.append(field_name(path))
            return
        if () in paths and (entry := stores.store_call(ctx, callee, name, args, paths)) is not None:
            r.stores.append(entry)  # `store.dispatch('socket/onMessage', msg)`: read when linked
            return
        if name in _WATCHERS and len(args) >= 2 and paths and paths[0] is not None:
            cb = ctx.unwrap(args[1])
            if cb is not None and cb.type in FUNCTIONS:
                names = _param_names(ctx, cb)
                if names:  # the callback gets the watched value: a ref's, unwrapped
                    self.read(cb, {**roots, **_bind(ctx, names[0], () if paths[0] == REF else paths[0])}, level)
                return
        if args and all(p is None for p in paths):
            return  # given nothing of the message: nothing to follow (`setRows(rows)`)
        if callee.type == "subscript_expression":  # `handlers[msg.type](msg)`: read by `_lookup`
            return
        if name.split(".", 1)[0] in GLOBAL_OBJECTS and "." in name:
            return  # `console.log(msg)`, `Object.assign(state, msg)`: no handler of the app's
        if callee.type == "member_expression" and any(_message(p) or p == RAW for p in paths) \
                and self._service_call(callee, paths, level):
            return  # `this.handler.handleMessage(msg)` of an injected service
        # a function of this file (`this.emit`, `handleMessage`): read with the message it gets
        target = handlers.callable_function(ctx, callee)
        head = name.split(".", 1)[0].split("?", 1)[0]
        handed = None if head in roots or target is not None else handlers.param_called(ctx, callee, fn)
        if handed is not None:
            # (`get().handleMessage(msg)`: a parameter called for an object, a store's `get`,
            # is handed nothing; the method called on what it gives is not the caller's handler)
            up = ctx.parent(n)
            getter = not args and up is not None and up.type == "member_expression" \
                and up.child_by_field_name("object") == n
            if any(p is not None for p in paths) or not args and not getter:
                r.hands.append(handed)
            return
        if target is not None and target.id != fn.id:
            mapped: dict[str, Path] = {}
            names = _param_names(ctx, target)
            for pattern, p in zip(names, paths):
                if p is not None:
                    mapped.update(_bind(ctx, pattern, p))
            if mapped:
                self._arm_call(n, target)
                self.read(target, mapped, level + 1)
            return
        if callee.type == "identifier" and any(_message(p) or p in (RAW, EVENT) for p in paths):
            # an imported function given the message, or its text or the socket's event to parse
            # itself (`processFrame(event.data as string)`, `handleSocketResponse(event, setX)`):
            # read with what it is given when linked
            # (a part of it, `handleWidget(registry, msg.data)`, is no message: what the function
            # tells apart in it are kinds of that part, not types of the socket's messages)
            at = next((i for i, p in enumerate(paths) if p == () or p in (RAW, EVENT)), -1)
            if name in ctx._imports and at >= 0:
                r.delegates.append(delegate(name, at))
            elif name not in ctx.local_functions() and any(_message(p) for p in paths):
                r.forwards = True  # `subscribers.forEach((cb) => cb(msg))`

    def _service_call(self, callee: Node, paths: list[Path | None], level: int) -> bool:
        """`this.handler.handleMessage(msg)` on a field or parameter typed as a class (an
        injected service, `constructor(private handler: ProjectHandler)`): that class's method
        reads the message, here when the class is this file's, when linked when it is imported.
        False when the receiver is no such class."""
        ctx = self.ctx
        obj, prop = callee.child_by_field_name("object"), callee.child_by_field_name("property")
        typed = ctx._receiver(obj) if obj is not None and obj.type != "this" and prop is not None else None
        if typed is None or prop is None or not typed.isidentifier():
            return False
        method = f"{typed}.{ctx.text(prop)}"
        target = ctx.local_functions().get(method)
        if target is not None:
            mapped: dict[str, Path] = {}
            for pattern, p in zip(_param_names(ctx, target), paths):
                if p is not None:
                    mapped.update(_bind(ctx, pattern, p))
            if mapped:
                self.read(target, mapped, level + 1)
            return True
        imported = ctx._imports.get(typed)
        if imported is None or _FRAMEWORK_PACKAGE.match(imported.source):
            return False
        self.result.delegates.append(method)
        return True

    def _parameter(self, callee: Node) -> Param | None:
        """The parameter of a named function around it that `callee` calls, if any."""
        return handlers.param_called(self.ctx, callee)


# packages whose classes are no app's message handlers (`this.http.post(…)` of Angular's HttpClient)
_FRAMEWORK_PACKAGE = re.compile(r"^(?:@angular/|rxjs|react|vue|@vue/|svelte)")
# methods whose calls say something of the message: membership, lookups, iteration
_METHODS_READ = frozenset(("includes", "has", "get")) | _ITERATORS


def delegate(name: str, at: int) -> str:
    """How a handler names an imported function it gives the message (or its text, or the
    socket's event) to as argument `at`: `handle`, or `handle@1` for `handle(socket, msg)`."""
    return f"{name}@{at}" if at else name


def delegated(entry: str) -> tuple[str, int]:
    """The function and the argument of a `delegate` entry: `handle@1` is (`handle`, 1)."""
    name, _, at = entry.partition("@")
    return name, int(at) if at.isdigit() else 0


def kept_state(ctx: _FileAnalysis, call: Node) -> str | None:
    """`last` when `call` is `setLast(…)` of `const [last, setLast] = useState(…)`."""
    callee = ctx.unwrap(call.child_by_field_name("function"))
    if callee is None or callee.type != "identifier":
        return None
    name = ctx.text(callee)
    decl = ctx.declarator_of(callee)
    if decl is None:
        return None
    pattern = decl.child_by_field_name("name")
    value = ctx.unwrap(decl.child_by_field_name("value"))
    fn = value.child_by_field_name("function") if value is not None and value.type == "call_expression" else None
    if pattern is None or pattern.type != "array_pattern" or fn is None or ctx.text(fn).rsplit(".", 1)[-1] not in _STATE_HOOKS:
        return None
    parts = [c for c in pattern.named_children if c.type != "comment"]
    if len(parts) < 2 or parts[0].type != "identifier" or ctx.text(parts[1]) != name:
        return None
    return ctx.text(parts[0])

def _mention(roots: dict[str, Path]) -> Callable[[bytes, int, int], re.Match[bytes] | None]:
    """A search for any of `roots`' names as a word, in a range of the source."""
    return _search_for(frozenset(roots))


@functools.lru_cache(maxsize=1024)
def _search_for(roots: frozenset[str]) -> Callable[[bytes, int, int], re.Match[bytes] | None]:
    names = sorted({n.encode() for n in roots}, key=len, reverse=True)
    return re.compile(rb"(?<![\w$])(?:" + b"|".join(re.escape(n) for n in names) + rb")(?![\w$])").search


def _args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None or args.type == "template_string":
        return []
    named = args.named_children
    return named if not any(a.type == "comment" for a in named) else [a for a in named if a.type != "comment"]


def guarded(ctx: _FileAnalysis, node: Node) -> bool:
    """Is `node` inside the body of a `try` of its own function?"""
    child = node
    p = ctx.parent(node)
    while p is not None and p.type not in FUNCTIONS:
        if p.type == "try_statement" and p.child_by_field_name("body") == child:
            return True
        child, p = p, ctx.parent(p)
    return False
