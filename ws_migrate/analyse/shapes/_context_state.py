"""The last message kept in React state and handed to the app through a context.

```tsx
function WsProvider({ children }) {
  const [lastMessage, setLastMessage] = useState<Msg | null>(null);
  useEffect(() => {
    const ws = new WebSocket('/ws/app');
    ws.onmessage = (e) => setLastMessage(JSON.parse(e.data));       // keeps it: `lastMessage`
  }, []);
  return <WsContext.Provider value={{ lastMessage, send }}>{children}</WsContext.Provider>;
}
export const useWs = () => useContext(WsContext);

// Chat.tsx
const { lastMessage } = useWs();
useEffect(() => { if (lastMessage?.type === 'chat_message') … }, [lastMessage]);
```

The handler's reader notes the state a message is kept in (`_messages.kept_state`); the
socket's site the properties of the provided value that hold it (`kept_as`: `lastMessage`, or
"" for the value itself); a consumer's site (`useContext(X)`, or a hook that may return it) the types its
component tells apart in each property it takes (`context_reads`). The linker joins them over
the consumers of the context the socket's component provides (`_Linker.read`).

Case folder: `tests/data/scan/context_state/`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse._model import TypeUse
from ws_migrate.analyse.shapes import _messages as messages
from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._model import Binding, Handler
    from ws_migrate.analyse._typescript import _FileAnalysis

# a comparison with a literal or a constant, a `case`, an `includes`: where a type may be told
_COMPARES = re.compile(rb"[!=]==?\s*['\"`A-Z]|['\"`]\s*[!=]==?|\bcase\s|\.includes\(")


def kept_as(ctx: _FileAnalysis, owner_node: Node | None, handlers: list[Handler]) -> tuple[str, ...]:
    """The properties of the value the component `owner_node` provides (`<X.Provider value=…>`)
    that hold the state its socket's handlers keep the last message in ("" for the value)."""
    states = {s for h in handlers for s in h.keeps}
    if owner_node is None or not states or b".Provider" not in ctx.src:
        return ()
    out: list[str] = []
    for jsx in ctx.nodes_in("jsx", owner_node):
        n = jsx.child_by_field_name("name")
        if n is None or not ctx.text(n).endswith(".Provider"):
            continue
        for attr in jsx.named_children:
            if attr.type != "jsx_attribute" or len(attr.named_children) < 2 or ctx.text(attr.named_children[0]) != "value":
                continue
            val = attr.named_children[1]
            inner = ctx.unwrap(val.named_children[0]) if val.type == "jsx_expression" and val.named_children else None
            out.extend(_holding(ctx, inner, states, 0))
    return tuple(dict.fromkeys(out))


def _holding(ctx: _FileAnalysis, value: Node | None, states: set[str], depth: int) -> list[str]:
    """The keys of provided value `value` that are one of `states` ("" when it is one)."""
    if value is None or depth > 2:
        return []
    if value.type == "identifier":
        if ctx.text(value) in states:
            return [""]
        init = ctx.initial_value(value)  # `const ctxValue = useMemo(() => ({ … }), [...])`
        return _holding(ctx, init, states, depth + 1) if init is not None else []
    if value.type == "call_expression":
        args = ctx.arg_nodes(value)
        fn = ctx.unwrap(args[0]) if args else None
        body = ctx.unwrap(fn.child_by_field_name("body")) if fn is not None and fn.type in FUNCTIONS else None
        return _holding(ctx, body, states, depth + 1)
    if value.type != "object":
        return []
    out = []
    for c in value.named_children:
        if c.type == "shorthand_property_identifier" and ctx.text(c) in states:
            out.append(ctx.text(c))
        elif c.type == "pair":
            k, v = c.child_by_field_name("key"), ctx.unwrap(c.child_by_field_name("value"))
            if k is not None and v is not None and v.type == "identifier" and ctx.text(v) in states:
                out.append(ctx.string_value(k) or ctx.text(k))
    return out


def context_reads(ctx: _FileAnalysis, binding: Binding, owner_node: Node | None
                  ) -> tuple[tuple[str, tuple[TypeUse, ...]], ...]:
    """What the component around a consumer's call (`const { lastMessage } = useWs()`, `const ws
    = useContext(X)`) tells apart in each property it takes, read as a message: (property, uses)."""
    if owner_node is None or binding.kind not in ("destructured", "variable"):
        return ()
    text = ctx.src[owner_node.start_byte:owner_node.end_byte]
    if not _COMPARES.search(text):
        return ()  # compares nothing with a literal: no type in it (a C-speed test)
    out: list[tuple[str, tuple[TypeUse, ...]]] = []
    if binding.kind == "destructured":
        for local, prop in zip(binding.names, binding.properties):
            if not re.search(rb"(?<![\w$.])" + re.escape(local.encode()) + rb"\s*\??\.", text):
                continue  # no field of it is read
            r = messages.read_handler(ctx, owner_node, roots={local: ()})
            if r.uses:
                out.append((prop, _sorted(r.uses)))
        return tuple(out)
    # `ws.lastMessage?.type`: the uses of the value's properties, by property
    r = messages.read_handler(ctx, owner_node, roots={binding.text: ()})
    if r.uses:  # the value itself (`const last = useContext(LastMessage)`)
        out.append(("", _sorted(r.uses)))
    by: dict[str, list[TypeUse]] = {}
    for u in r.uses:
        head, _, rest = u.field.partition(".")
        if rest:
            by.setdefault(head, []).append(TypeUse(u.type, u.pos, u.how, rest, u.ref, u.param))
    out.extend((prop, _sorted(uses)) for prop, uses in sorted(by.items()))
    return tuple(out)


def _sorted(uses: list[TypeUse]) -> tuple[TypeUse, ...]:
    return tuple(sorted(set(uses), key=lambda u: (u.pos.start, u.type)))
