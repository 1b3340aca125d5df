"""One socket multiplexed by subscriptions: the team's own unified client, by its shape.

```js
function subscribe(topic, callback) {
  (subscriptions[topic] ||= []).push(callback);            // filed under the topic…
  ws.send(JSON.stringify({ subscribe: topic }));           // …asked of the server by a frame
}
ws.onmessage = (e) => {                                     // routed: the callbacks filed under
  for (const t in subscriptions) if (matches(t, msg.topic)) subscriptions[t].forEach((cb) => cb(msg.data));
};
```

`subscribes` says whether a send is a subscribe frame built from a parameter of the named
function it is in (`Site.multiplexed`); `routed` whether the socket's message handlers read the
table such a function files a parameter of its own under the topic it subscribes to
(`Site.routed`): the handlers are looked up by topic, though no field is compared with a key
(a pattern tested on `msg.topic`, as MQTT-style topics are).

Case folder: `tests/data/scan/classic_helpers/`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes import _handlers as handlers_

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

# a frame asking a multiplexed socket for a subscription: `{ type: 'subscribe', … }`, `{ subscribe: … }`
_SUBSCRIBE_FRAME = re.compile(r"""['"`](?:subscribe|unsubscribe)['"`]|[{,]\s*(?:subscribe|subscriptions)\s*:""")
_CALLBACK = re.compile(r"^(?:fn|f|func|cb\w*|subscriber|observer|sink)$")
_TABLE = r"((?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)"


def _subscriber(ctx: _FileAnalysis, send: Node) -> tuple[Node, list[str]] | None:
    """The named function around `send` and its parameters' names."""
    fn = ctx.enclosing_function(send)
    while fn is not None and ctx.function_name(fn) is None:
        fn = ctx.enclosing_function(fn)
    return (fn, [local for _, _, local, _ in ctx.params(fn)]) if fn is not None else None


def _word(name: str) -> str:
    return rf"(?<![\w$.]){re.escape(name)}(?![\w$])"


def subscribes(ctx: _FileAnalysis, send: Node) -> bool:
    """Does this `send` ask for a subscription built from a parameter of the function it is
    in (`subscribe(types) { ws.send(JSON.stringify({ type: 'subscribe', events: types })) }`)?"""
    text = ctx.text(send)
    if not _SUBSCRIBE_FRAME.search(text):
        return False
    got = _subscriber(ctx, send)
    return got is not None and any(re.search(_word(n), text) for n in got[1])


def _filed(ctx: _FileAnalysis, fn: Node, names: list[str]) -> set[str]:
    """The tables `fn` files a callback parameter in under another: `T[topic].push(cb)`,
    `(T[topic] ||= []).push(cb)`, `T[topic] = cb`, `T.set(topic, cb)`."""
    text = ctx.text(fn)
    out: set[str] = set()
    callbacks = [q for q in names if handlers_.HANDLER_NAME.search(q) or _CALLBACK.match(q)]
    for p in names:
        for q in callbacks:  # (a label filed by topic, `labels[topic] = label`, routes nothing)
            if p == q:
                continue
            key, value = re.escape(p), _word(q)
            for pattern in (rf"{_TABLE}\s*\[\s*{key}\s*\]\s*\)?\s*(?:\.(?:push|add)\s*\(|(?:\|\||\?\?)?=(?!=))[^;\n]*?{value}",
                            rf"{_TABLE}\.set\s*\(\s*{key}\s*,[^;\n]*?{value}"):
                out.update(m.group(1) for m in re.finditer(pattern, text))
    return out


def routed(ctx: _FileAnalysis, sends: list[Node], message_values: list[Node]) -> bool:
    """Do the socket's message handlers (`message_values`) read a table its subscribe functions
    (those of `sends`, each a subscribe frame from a parameter) file callbacks in by topic?"""
    tables: set[str] = set()
    for send in sends:
        got = _subscriber(ctx, send)
        if got is not None:
            tables.update(_filed(ctx, *got))
    if not tables:
        return False
    reads = [re.compile(_word(t) + r"(?:\s*\[|\.(?:get|has|forEach)\s*\(|\s*\))") for t in tables]
    for value in message_values:
        _, fn, _ = handlers_.handler_function(ctx, value)
        if fn is not None and any(r.search(ctx.text(fn)) for r in reads):
            return True
    return False
