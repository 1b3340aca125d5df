"""Message builders: functions and methods that return the typed message a send then sends.

```python
def make(kind, data):                        # the type is the argument the caller passes
    return {"type": kind, "data": data}
class Msgs:
    @staticmethod
    def deleted(i):                          # the type is the literal written there
        return {"type": "row_deleted", "id": i}
def snapshot():                              # a message object: its class's default types it,
    return SnapFrame()                       # or the `type=` given there (`SnapFrame(type=k)`)

await ws.send_json(make("hello", 1))         # → hello
await ws.send_json(Msgs.deleted(2))          # → row_deleted
await ws.send_json(snapshot().model_dump())  # → SnapFrame's default

async def emit(ws, kind, data):              # the builder given the sender's parameter:
    await ws.send_json(make(kind, data))     # typed by the constants `emit`'s callers pass
```

Read per file: a module-level function (by its name) or a method (`Class.method`) whose every
`return` gives the same discriminator — a literal or an enum member, or one parameter, in a dict
literal or a message class's call — is a builder: `(key, field, value, position, parameter)` as
`PySummary.schemas` has them; a builder returning a class's call that names no discriminator is
`(key, "", class, -1, "")`: the class says it. Linking types a send of a builder's call by what
the call passes there (a literal), or drops it when the builder says nothing certain.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tree_sitter

    from ws_migrate.analyse._python import _Reader

    Node = tree_sitter.Node

Builder = tuple[str, str, str, int, str]
# a `return` of a dict literal or of a class's call (`return {"type": k}`, `return SnapFrame(…)`)
_BUILDS = re.compile(rb"\breturn\s*\(?\s*(?:\{|dict\(|[A-Z]\w*(?:\.\w+)*\()")
_SKIP = ("function_definition", "class_definition", "decorated_definition", "lambda")


def key_of(node: Node) -> str | None:
    """`make` of a module-level `def make`, `Msgs.deleted` of a method; None for a nested def."""
    name = node.child_by_field_name("name")
    if name is None or name.text is None:
        return None
    at = node.parent
    if at is not None and at.type == "decorated_definition":
        at = at.parent
    if at is not None and at.type == "module":
        return name.text.decode("utf-8", "replace")
    owner = at.parent if at is not None and at.type == "block" else None
    if owner is not None and owner.type == "class_definition":
        klass = owner.child_by_field_name("name")
        if klass is not None and klass.text is not None and (owner.parent is not None and (
                owner.parent.type == "module" or (owner.parent.type == "decorated_definition"
                                                  and owner.parent.parent is not None
                                                  and owner.parent.parent.type == "module"))):
            return f"{klass.text.decode('utf-8', 'replace')}.{name.text.decode('utf-8', 'replace')}"
    return None


def _returns(function: Node) -> list[Node | None]:
    """The values of every `return` of a function (nested definitions not entered)."""
    body = function.child_by_field_name("body")
    todo = [c for c in body.named_children if not c.is_extra] if body is not None else []
    out: list[Node | None] = []
    while todo:
        node = todo.pop()
        if node.type == "return_statement":
            out.append(next((c for c in node.named_children if not c.is_extra), None))
        elif node.type not in _SKIP:
            todo.extend(c for c in node.named_children if not c.is_extra)
    return out


def _params(reader: _Reader, function: Node) -> list[str]:
    from ws_migrate.analyse._python import _plain_params

    return _plain_params(reader, function)


def builders(reader: _Reader, function: Node) -> list[Builder]:
    """What a function says of the message it returns, when every return says the same."""
    key = key_of(function)
    if key is None or function.text is None or not _BUILDS.search(function.text):
        return []  # (no `return {…}` or `return Frame(…)`: no builder; most functions)
    values = _returns(function)
    if not values:
        return []
    params = _params(reader, function)
    said: set[Builder] | None = None
    for value in values:
        one = _says(reader, key, value, params)
        if not one or (said is not None and one != said):
            return []
        said = one
    return sorted(said or ())


def _says(reader: _Reader, key: str, value: Node | None, params: list[str]) -> set[Builder]:
    from ws_migrate.analyse._python import _discriminator, _keyword, _unparen

    value = _unparen(value)
    if value is None:
        return set()
    out: set[Builder] = set()
    if value.type == "dictionary":
        pairs = [(k, v) for k, v in reader._pairs(value) if _discriminator(k, reader.type_field)]
    elif value.type == "call" and reader._schema(value) is not None:
        args = reader.args(value)
        pairs = [(k, v) for k, v, star in args if k and not star and _discriminator(k, reader.type_field)]
        if not pairs and not any(k is None or star for k, _, star in args):
            # `SnapFrame()`, `SnapFrame(payload=p)`: the class's default says the type
            return {(key, "", reader._schema(value) or "", -1, "")}
        if _keyword(args, reader.type_field) is None and any(k is None for k, _, _ in args):
            return set()  # (a positional argument may fill the discriminator)
    else:
        return set()
    for field, written in pairs:
        given = _unparen(written)
        if given is None:
            continue
        if given.type == "identifier" and reader.text(given) in params:
            name = reader.text(given)
            out.add((key, field, "", params.index(name), name))
        elif given.type in ("string", "attribute") and (wire := reader._wire(given)) is not None:
            out.add((key, field, wire, -1, ""))
        else:
            return set()  # a run-time value: the kind is not certain
    return out


def called(reader: _Reader, call: Node) -> str | None:
    """The builder a call may be: `make(…)` → "make", `Msgs.deleted(…)` → "Msgs.deleted",
    `messages.make(…)` → "messages.make", `self.frame()` → "Klass.frame"; None for anything else."""
    from ws_migrate.analyse._python import _unparen

    func = _unparen(call.child_by_field_name("function"))
    if func is None or func.type not in ("identifier", "attribute") or reader._schema(call) is not None:
        return None
    dotted = reader.dotted(func)
    if not dotted or dotted.startswith("."):
        return None
    head, _, rest = dotted.partition(".")
    if head in ("self", "cls"):
        if not reader.classes or "." in rest:
            return None
        return f"{reader.classes[-1][2]}.{rest}"
    return dotted if dotted.count(".") <= 2 else None


def handed(reader: _Reader, call: Node) -> tuple[tuple[str, str, int], ...]:
    """A builder call's arguments that are the enclosing function's parameters: (`#position` or
    keyword, the parameter, its position)."""
    out: list[tuple[str, str, int]] = []
    position = 0
    for keyword, value, star in reader.args(call):
        if star:
            continue
        given = reader._forward(value) if value.type in ("identifier", "attribute") else None
        if given is not None:
            out.append((keyword or f"#{position}", given[0], given[1]))
        if keyword is None:
            position += 1
    return tuple(out)


def forwards(reader: _Reader, klass: str, call: Node) -> bool:
    """`self.msg(t, c)` of a method of the class whose returns take the discriminator from a parameter."""
    from ws_migrate.analyse._python import _unparen

    func = _unparen(call.child_by_field_name("function"))
    info = reader.class_info.get(klass)
    if func is None or func.type != "attribute" or info is None or reader.dotted(func.child_by_field_name("object")) \
            != "self":
        return False
    method = info.methods.get(reader._attr(func))
    return method is not None and any(b[3] >= 0 for b in builders(reader, method))
