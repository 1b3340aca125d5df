"""Route shapes of Python back ends read per file, beside `_python._Reader`: routers made by a
class deriving from one, routers included in a loop, paths held in constants, Flask blueprints.

```python
class AppRouter(APIRouter): ...                  # a router class of the project's own
router = AppRouter(prefix="/events")              # kept when linking shows it derives from one
router: AppRouter = AppRouter(prefix="/events")   # (annotated too)

API_ROUTERS = (events.router, logs.router)        # a module's sequence of routers
for r in API_ROUTERS:                             # each is included: `r` stands for every item
    api_app.include_router(r, prefix="/v1")

WS_PATH = "/live"                                 # a module constant, an imported one
@app.websocket(WS_PATH)                           # or `PREFIX + "/live"`, `f"/{STREAM}"`
WebSocketRoute("/" + STREAM, ep)                  # `("/" + STREAM, Handler)` in a Tornado table

bp = Blueprint("b", __name__, url_prefix="/bp")   # Flask: a blueprint's prefix,
sock = Sock(bp)  # or sock.init_app(bp)           # Flask-Sock's routes on it,
app.register_blueprint(bp, url_prefix="/api")     # and its registration under another prefix
@sock.route("/k/<kid>/<int:n>")                   # → /api/bp/k/{kid}/{n}
```

A path built by a call (`url(STREAM)`, `make_url_path_regex(base, STREAM)`) is not evaluated:
it stays unknown, and no endpoint is guessed. A constant imported from another module is left
in the path as `{=NAME}` (`NAME` as the file spells it), which linking replaces with the value
that module gives it, or drops the endpoint when none does (in a router's or an include's
prefix, `APIRouter(prefix=API_PREFIX)`, it is then the root, as a run-time base is).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tree_sitter

    from ws_migrate.analyse._python import _Reader

    Node = tree_sitter.Node

# the framework classes a router is made by; a class deriving from one (by its last name) is
# kept by linking
ROUTER_CTORS = frozenset({"APIRouter", "FastAPI", "Starlette", "Router", "Blueprint"})
_PREFIX_KEYWORDS = ("prefix", "root_path", "url_prefix")
# an include of a router or app under a prefix with no literal part at all (`app.mount(base(), api)`):
# another include of it with a literal prefix says more
UNKNOWN_PREFIX = "{?}"
# Flask: `register_blueprint(bp, url_prefix=…)` puts its prefix in place of the blueprint's own
REPLACES = "{!}"
# where an imported constant stands in a path until linking: `{=WS_PATH}`
PLACEHOLDER = re.compile(r"\{=([\w.]+)\}")
# a module constant worth keeping for other modules' routes: a short text of no spaces
_PATH_LIKE = re.compile(r"^[^\s]{0,160}$")
_FLASK_CONVERTER = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")
LOOP = "[*]"  # `API_ROUTERS[*]`: every item of the sequence `API_ROUTERS`


def router_made(reader: _Reader, target: str, call: Node) -> tuple[str, str, str] | None:
    """`router = AppRouter(prefix="/events")`: (name, prefix, the class's last name), for a
    framework router or any class given a prefix keyword (linking keeps those deriving from a
    framework router)."""
    func = call.child_by_field_name("function")
    ctor = reader.dotted(func).rpartition(".")[2]
    if not target or not ctor[:1].isupper():
        return None
    args = reader.args(call)
    prefix = next((v for k in _PREFIX_KEYWORDS for kw, v, _ in args if kw == k), None)
    if prefix is None:
        return None
    return target, _prefix(reader, prefix), ctor


def _prefix(reader: _Reader, expr: Node) -> str:
    """A prefix's literal parts (`reader.prefix`), or an imported constant as `{=NAME}`
    (linking fills it, or takes it as the root, as a run-time base)."""
    if expr.type in ("identifier", "attribute"):
        name = reader.dotted(expr)
        if name and name not in reader.constants and any(
                local == name.partition(".")[0] for local, _, _ in reader.imports):
            return "{=" + name + "}"
    return reader.prefix(expr)


def include_prefix(reader: _Reader, expr: Node | None) -> str:
    """An include's prefix: its literal parts, or `UNKNOWN_PREFIX` when it has none at all."""
    if expr is None:
        return ""
    text = _prefix(reader, expr)
    if not text and reader.string(expr) is None and not _has_literal(reader, expr):
        return UNKNOWN_PREFIX
    return text


def _has_literal(reader: _Reader, expr: Node) -> bool:
    todo = [expr]
    while todo:
        node = todo.pop()
        if node.type in ("string", "concatenated_string"):
            return True
        if node.type in ("binary_operator", "parenthesized_expression"):
            todo.extend(node.named_children)
        elif node.type == "identifier" and reader.text(node) in reader.constants:
            return True
    return False


def children(reader: _Reader, call: Node, child: Node) -> list[str]:
    """What an include call includes: the name written (`events.router`), or, for the variable
    of a `for` loop around the call, every item of what it loops over (a tuple or list written
    there, or a sequence named: `API_ROUTERS[*]`, expanded by linking)."""
    name = reader.dotted(child)
    if child.type != "identifier":
        return [name] if name else []
    at: Node | None = call.parent
    while at is not None and at.type not in ("function_definition", "module", "class_definition"):
        if at.type == "for_statement":
            left = at.child_by_field_name("left")
            if left is not None and left.type == "identifier" and reader.text(left) == name:
                over = at.child_by_field_name("right")
                while over is not None and over.type == "parenthesized_expression":
                    over = over.named_children[0] if over.named_children else None
                if over is not None and over.type == "identifier" and reader.functions:
                    # `routers = [a.router, b.router]` in the function, then `for r in routers:`
                    over = reader.functions[-1].assigned.get(reader.text(over), over)
                if over is None:
                    return []
                if over.type in ("tuple", "list"):
                    return [d for el in over.named_children if (d := reader.dotted(el))]
                seq = reader.dotted(over)
                return [seq + LOOP] if seq else []
        at = at.parent
    return [name] if name else []


def sequence(reader: _Reader, value: Node) -> tuple[str, ...] | None:
    """A module-level tuple or list of names (`(events.router, logs.router)`), or None."""
    if value.type not in ("tuple", "list"):
        return None
    items = [c for c in value.named_children if not c.is_extra and c.type != "comment"]
    names = tuple(reader.dotted(c) for c in items)
    return names if names and all(names) else None


def path_value(reader: _Reader, node: Node | None) -> str | None:
    """A route's path: a literal, a module constant, an imported constant (as `{=NAME}`), and
    `+` or an f-string of those; None for anything else (a call, a run-time value)."""
    while node is not None and node.type == "parenthesized_expression":
        node = node.named_children[0] if node.named_children else None
    if node is None:
        return None
    text = reader.string(node)
    if text is not None:
        return text
    if node.type in ("identifier", "attribute"):
        name = reader.dotted(node)
        if name in reader.constants:
            return reader.constants[name]
        head = name.partition(".")[0]
        if name and any(local == head for local, _, _ in reader.imports):
            return "{=" + name + "}"
        return None
    if node.type == "binary_operator":
        op = node.child_by_field_name("operator")
        if op is None or op.type != "+":
            return None
        left = path_value(reader, node.child_by_field_name("left"))
        right = path_value(reader, node.child_by_field_name("right")) if left is not None else None
        return left + right if left is not None and right is not None else None
    if node.type == "string":
        raw = reader.text(node)
        quote = min((i for i in (raw.find('"'), raw.find("'")) if i >= 0), default=-1)
        if quote <= 0 or "f" not in raw[:quote].lower() or "b" in raw[:quote].lower():
            return None
        out: list[str] = []
        kids = node.children
        at = kids[0].end_byte if kids else node.start_byte
        for c in kids[1:-1]:
            if c.type == "interpolation":
                out.append(reader.data[at:c.start_byte].decode("utf-8", "replace"))
                inner = next((x for x in c.named_children if not x.is_extra), None)
                if any(x.type in ("format_specifier", "type_conversion") for x in c.named_children):
                    return None
                value = path_value(reader, inner)
                if value is None:
                    return None
                out.append(value)
                at = c.end_byte
        if kids:
            out.append(reader.data[at:kids[-1].start_byte].decode("utf-8", "replace"))
        joined = "".join(out)
        return None if "{{" in joined or "}}" in joined or "\\" in joined else joined
    return None


def keep_constant(value: str) -> bool:
    """Is a module's string constant worth handing to other modules (a path or a part of one)?"""
    return _PATH_LIKE.match(value) is not None


def flask_path(path: str) -> str:
    """Flask's `<kid>`, `<int:n>`, `<path:rest>` → `{kid}`, `{n}`, `{rest}`."""
    return _FLASK_CONVERTER.sub(lambda m: "{" + m.group(1) + "}", path)


def fill(path: str, value_of: dict[str, str | None]) -> str | None:
    """A path with its imported constants' values, or None when one of them has none."""
    missing = False

    def sub(m: re.Match[str]) -> str:
        nonlocal missing
        got = value_of.get(m.group(1))
        if got is None:
            missing = True
            return ""
        return got

    out = PLACEHOLDER.sub(sub, path)
    return None if missing else out
