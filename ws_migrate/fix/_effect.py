"""Transform: a legacy socket in a React effect becomes subscriptions on the unified service.

What it does, in one pass of non-overlapping edits:
- `const ws = new WebSocket(url)` → `void websocketService.subscribe([EventType.A, …])`, preceded
  by `void websocketService.connect(token)` when the URL carried the token (the token leaves the
  URL; `connect` is idempotent, so every component may call it);
- the message handler → one named handler and one `websocketService.on(...)` per EventType
  (`_dispatch.py`);
- `ws.onerror = fn` → `const offError = websocketService.onError(fn)`;
- `ws.onclose = …` that only reconnects → removed (the service reconnects with backoff);
- the cleanup's `ws.close()` → the matching `off(...)` calls and `unsubscribe([...])`; an effect
  with no cleanup gets one (this is the leak `missing-cleanup` reports).

Why: the guide's target — one connection, subscriptions per component, cleanup that cannot
cut another component off (`unsubscribe` is reference-counted).

Refuses: anything `_shape.read_effect_socket` or `_dispatch.read_dispatch` does not recognise,
`onopen` handlers, `onclose` handlers that do more than reconnect, two legacy types mapped to
one EventType.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ws_migrate.analyse import Connection
from ws_migrate.analyse._dispatch_shape import read_dispatch
from ws_migrate.analyse._effect_shape import (
    EffectSocket,
    NotCertain,
    Source,
    _unwrap,
    only_reconnects,
)
from ws_migrate.plan import Edit
from ws_migrate.rules import Rules

_TOKEN = re.compile(r"token|jwt|auth", re.IGNORECASE)


@dataclass(frozen=True)
class Rewrite:
    """The edits that migrate one effect, and the EventTypes it subscribes to after them."""

    edits: tuple[Edit, ...]
    event_types: tuple[str, ...]


def _pascal(event_type: str) -> str:
    return "".join(w.capitalize() for w in event_type.lower().split("_"))


def rewrite_effect_socket(src: Source, shape: EffectSocket, connection: Connection, rules: Rules,
                          typed: bool, newline: str) -> Rewrite:
    rule = rules.endpoint_rule(connection.endpoint)
    if rule is None:
        raise NotCertain(f"no rule for endpoint {connection.endpoint}")
    ind = src.indent_of(shape.declaration)
    unit = _indent_unit(src, shape)
    message = next(h for h in shape.handlers if h.event == "message")
    dispatch = read_dispatch(src, message.function, rules.envelope.type_field, rules.envelope.payload_field)
    # one handler per branch, registered for each EventType its legacy types map to
    handlers: list[tuple[tuple[str, ...], str, str, str]] = []  # (event types, name, param, body)
    taken = src.data.decode("utf-8", "surrogateescape")
    if dispatch.whole:
        if not rule.default_event:
            raise NotCertain(f"the handler uses the whole message but {rule.pattern} has no default_event")
        branch = dispatch.branches[0]
        handlers.append(((rule.default_event,), _fresh(taken, "on" + _pascal(rule.default_event)),
                         branch.param, branch.body))
    else:
        seen: set[str] = set()
        for branch in dispatch.branches:
            evs: list[str] = []
            for t in branch.types:
                ev = rules.event_for(connection.endpoint, t)
                if ev is None:
                    raise NotCertain(f"message type '{t}' has no EventType on {rule.pattern}")
                if ev in seen:
                    raise NotCertain(f"two legacy types map to {ev} in one handler")
                seen.add(ev)
                evs.append(ev)
            handlers.append((tuple(evs), _fresh(taken, "on" + _pascal(evs[0])), branch.param, branch.body))
    events = tuple(ev for h in handlers for ev in h[0])
    registrations = [(ev, name) for evs, name, _, _ in handlers for ev in evs]
    edits: list[Edit] = []
    cid = connection.id
    nl = newline
    types = ", ".join(f"EventType.{e}" for e in events)

    # the socket → connect (when the URL carried the token) + subscribe
    lines = []
    token = _token_expression(src, shape)
    if token is not None:
        lines.append(f"void websocketService.connect({token});")
    lines.append(f"void websocketService.subscribe([{types}]);")
    edits.append(Edit(shape.declaration.start_byte, shape.declaration.end_byte,
                      (nl + ind).join(lines), cid))

    # the message handler → named handlers + on(...)
    out: list[str] = []
    for _, name, param, body in handlers:
        sig = f"({param}: any)" if typed else f"({param})"
        out.append(f"const {name} = {sig} => {{")
        out.extend((unit + line) if line.strip() else "" for line in _lines(body))
        out.append("};")
    out.extend(f"websocketService.on(EventType.{ev}, {name});" for ev, name in registrations)
    edits.append(Edit(message.statement.start_byte, message.statement.end_byte,
                      _join(out, ind, nl), cid))

    cleanup = [f"websocketService.off(EventType.{ev}, {name});" for ev, name in registrations]
    for h in shape.handlers:
        if h.event == "message":
            continue
        if h.event == "open":
            raise NotCertain("an `onopen` handler has no unified equivalent `fix` can write")
        if h.event == "error":
            name = _fresh(taken, "offError")
            fn_text = src.text(h.function)
            edits.append(Edit(h.statement.start_byte, h.statement.end_byte,
                              f"const {name} = websocketService.onError({fn_text});", cid))
            cleanup.append(f"{name}();")
        elif h.event == "close":
            if not only_reconnects(src, h.function):
                raise NotCertain("the `onclose` handler does more than reconnect")
            start = src.line_start(h.statement.start_byte)
            end = h.statement.end_byte
            if src.data[end:end + len(nl)] == nl.encode():
                end += len(nl)
            if src.data[start:h.statement.start_byte].strip():
                start = h.statement.start_byte
            edits.append(Edit(start, end, "", cid))
    cleanup.append(f"websocketService.unsubscribe([{types}]);")
    edits.extend(_cleanup_edits(src, shape, cleanup, ind, unit, nl, cid))
    return Rewrite(tuple(edits), events)


def _cleanup_edits(src: Source, shape: EffectSocket, cleanup: list[str], ind: str, unit: str, nl: str,
                   cid: str) -> list[Edit]:
    ret, close = shape.cleanup_return, shape.close_statement
    if ret is None:
        closing = shape.body.end_byte - 1  # the effect body's `}`
        start = src.line_start(closing)
        if src.data[start:closing].strip():
            raise NotCertain("the effect's closing brace shares a line with code")
        text = ind + "return () => {" + nl + "".join(ind + unit + c + nl for c in cleanup) + ind + "};" + nl
        return [Edit(start, start, text, cid)]
    assert close is not None
    if close.type == "expression_statement":
        cind = src.indent_of(close)
        return [Edit(close.start_byte, close.end_byte, (nl + cind).join(cleanup), cid)]
    # `return () => ws.close();`: the arrow's expression body becomes a block
    fn = ret.named_children[0]
    body = fn.child_by_field_name("body")
    assert body is not None
    text = "{" + nl + "".join(ind + unit + c + nl for c in cleanup) + ind + "}"
    return [Edit(body.start_byte, body.end_byte, text, cid)]


def _token_expression(src: Source, shape: EffectSocket) -> str | None:
    """The source of the token the URL carried (`?token=${token}`), for `connect(token)`."""
    url = _unwrap(shape.url)
    if url is None or url.type != "template_string":
        return None
    for sub in url.named_children:
        if sub.type == "template_substitution" and sub.named_children:
            expr = sub.named_children[0]
            if _TOKEN.search(src.text(expr)):
                inner = _unwrap(expr)
                # `encodeURIComponent(token)` → `token`
                if inner is not None and inner.type == "call_expression":
                    args = inner.child_by_field_name("arguments")
                    if args is not None and len(args.named_children) == 1:
                        return src.text(args.named_children[0])
                return src.text(expr)
    return None


def _indent_unit(src: Source, shape: EffectSocket) -> str:
    outer = src.indent_of(shape.callback.parent.parent) if shape.callback.parent is not None and \
        shape.callback.parent.parent is not None else ""
    inner = src.indent_of(shape.declaration)
    if inner.startswith(outer) and len(inner) > len(outer):
        return inner[len(outer):]
    return "\t" if inner.startswith("\t") else "  "


def _lines(body: str) -> list[str]:
    return [line.rstrip("\r") for line in body.split("\n")] if body else []


def _join(lines: list[str], ind: str, nl: str) -> str:
    out = []
    for i, line in enumerate(lines):
        out.append(line if i == 0 else (ind + line if line else ""))
    return nl.join(out)


def _fresh(text: str, name: str) -> str:
    if not re.search(rf"\b{re.escape(name)}\b", text):
        return name
    n = 2
    while re.search(rf"\b{re.escape(name)}{n}\b", text):
        n += 1
    return f"{name}{n}"
