"""Django Channels: a consumer's handler forwarding one key of the layer event, and the layer
events whose key holds a typed message.

```python
group_send("g", {"type": "relay", "payload": {"type": "row_created", "id": 1}})   # anywhere
payload = {"type": "row_deleted"}                                                # (or a variable
group_send("g", {"type": "relay", "payload": payload})                           #  of the function)

class Core(AsyncJsonWebsocketConsumer):
    async def relay(self, event):                 # the handler of events of type `relay`
        await self.send_json(event["payload"])    # sends what the event's `payload` holds
        # (or `p = event["payload"]; await self.send(json.dumps(p))`)
```

The wire types are the nested `type` literals of the events naming the handler (`relay`, or
`chat.message` for `chat_message`) under the key it forwards: `row_created`, `row_deleted`,
placed where the event is written. A key whose events hold no typed literal sends nothing known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tree_sitter

    from ws_migrate.analyse._python import _Reader

    Node = tree_sitter.Node

# (handler method, key, nested type, line, column): a layer event's typed message under a key
Payload = tuple[str, str, str, int, int]


def forwarded_key(reader: _Reader, expr: Node | None, event: str) -> str | None:
    """`event["payload"]` (as it is, encoded, or through the function's variables) → "payload"."""
    from ws_migrate.analyse._python import _ENCODER, _unparen

    for _ in range(5):
        expr = _unparen(expr)
        if expr is None:
            return None
        if expr.type == "subscript":
            owner = _unparen(expr.child_by_field_name("value"))
            key = reader.string(expr.child_by_field_name("subscript"))
            if owner is not None and owner.type == "identifier" and reader.text(owner) == event and key:
                return key
            return None
        if expr.type == "identifier" and reader.functions:
            expr = reader.functions[-1].assigned.get(reader.text(expr))
        elif expr.type == "call" and _ENCODER.search(reader.dotted(expr.child_by_field_name("function"))):
            expr = next((v for k, v, star in reader.args(expr) if k is None and not star), None)
        else:
            return None
    return None


def _layer_call(reader: _Reader, call: Node) -> bool:
    """`layer.group_send(…)`, `async_to_sync(layer.group_send)(…)`, `channel_layer.send(…)`."""
    from ws_migrate.analyse._python import _unparen

    func = _unparen(call.child_by_field_name("function"))
    if func is not None and func.type == "call":  # `async_to_sync(f)(…)`: f's
        func = next((v for k, v, star in reader.args(func) if k is None and not star), None)
    dotted = reader.dotted(func)
    last = dotted.rpartition(".")[2]
    return last == "group_send" or (last == "send" and ("layer" in dotted or "channel" in dotted))


def payloads(reader: _Reader, call: Node, values: list[Node]) -> list[Payload]:
    """A layer send given `{"type": "relay", "payload": {"type": "row_created", …}}`: each key
    whose value is a dict (written there or in a variable of the function) with a literal type."""
    from ws_migrate.analyse._python import _TYPE_WORD, _unparen

    out: list[Payload] = []
    if not _layer_call(reader, call):
        return out
    for value in values:
        if value.type != "dictionary":
            continue
        pairs = reader._pairs(value)
        kind = next((reader.string(v) for k, v in pairs if k == "type"), None)
        if not kind or not _TYPE_WORD.match(kind):
            continue
        for key, inner in pairs:
            if key == "type":
                continue
            held: Node | None = inner
            if inner.type == "identifier" and reader.functions:
                held = _unparen(reader.functions[-1].assigned.get(reader.text(inner)))
            if held is None or held.type != "dictionary":
                continue
            given = next((v for k, v in reader._pairs(held) if k == reader.type_field), None)
            wire = reader._wire(given) if given is not None and given.type in ("string", "attribute") else None
            if wire is not None and _TYPE_WORD.match(wire):
                line, column = reader.pos(call)
                out.append((kind.replace(".", "_"), key, wire, line, column))
    return out
