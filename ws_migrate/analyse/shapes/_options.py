"""Vue's options API: a component or a mixin written as an object of options, whose hooks and
methods share one `this`.

```js
// SocketMixin.vue — opens one socket per label the component lists
export default {
  created() {
    for (const label of this.sockets) {
      const ws = new WebSocket(`${base}/ws/${this.roomSlug}/${label}/`)
      ws.onmessage = (e) => this.receive(label, JSON.parse(e.data))
    }
  },
  methods: { receive(label, msg) { this.handleSocketMessage(label, msg) } },
}

// ScoreBoard.vue — a component made of it
export default {
  mixins: [SocketMixin],
  data() { return { sockets: ['scores', 'checkins'] } },
  computed: { roomSlug() { return this.room.slug } },
  methods: { handleSocketMessage(label, msg) { … } },
}
```

Every function of such an object (hooks, `methods`, `computed`, `watch`) is named after the
object and its key (`SocketMixin.created`), the object being the file's component (its file
name) for `export default {…}` (also through `defineComponent`/`Vue.extend`), the constant for
`const M = {…}`, with the owner kind `mixin`. `this.x` inside it is what the object itself gives `x` (its `data()` field, the value
its computed property returns, a prop: run time), and otherwise a parameter: a member that the
component mixing it in defines. Each `mixins: [A, B]` entry is a call of that mixin, given the
component's own members (each one unless a component mixing it in defines it in turn: Vue's
own precedence) and, for the rest, its own `this`. So the
linker treats a mixin like a wrapper: the components that mix it in are its connections, and a
mixin of mixins is a chain.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ws_migrate.analyse._model import Binding, Site
from ws_migrate.analyse._values import DEFINED, Obj, Param, Unknown, Value, choice, pick
from ws_migrate.analyse.shapes._kept import field_uses

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._evaluate import FileValues
    from ws_migrate.analyse._tree import FileTree
    from ws_migrate.analyse._typescript import _FileAnalysis

# keys only a Vue options object has (one of them makes an object literal one)
_OPTION_KEYS = frozenset({
    "data", "methods", "computed", "watch", "mixins", "created", "mounted", "beforeMount",
    "beforeCreate", "beforeDestroy", "destroyed", "beforeUnmount", "unmounted", "activated",
    "deactivated",
})
# the option groups whose entries are the object's functions too
_GROUPS = frozenset({"methods", "computed", "watch"})
# what a component is defined through, around its options
_DEFINERS = frozenset({"defineComponent", "Vue.extend", "Vue.component", "Vue.mixin", "extend"})
_WRAPPING = frozenset({"parenthesized_expression", "as_expression", "satisfies_expression"})


def component_name(rel: str) -> str:
    """The name a file's default-exported options go by: its file name (`SocketMixin.vue`:
    `SocketMixin`), its folder's for an `index` file. It is what the files that import it
    mention."""
    path = PurePosixPath(rel)
    stem = path.stem
    if stem == "index" and path.parent.name:
        return path.parent.name
    return stem


def _key_text(ctx: FileTree, member: Node) -> str:
    if member.type == "pair":
        k = member.child_by_field_name("key")
    elif member.type == "method_definition":
        k = member.child_by_field_name("name")
    elif member.type == "shorthand_property_identifier":
        return ctx.text(member)
    else:
        return ""
    return (ctx.string_value(k) or ctx.text(k)) if k is not None else ""


def _keys(ctx: FileTree, obj: Node) -> dict[str, Node]:
    """The members of an object literal by key: the pair, method or shorthand node."""
    out: dict[str, Node] = {}
    for member in obj.named_children:
        key = _key_text(ctx, member)
        if key:
            out.setdefault(key, member)
    return out


def options_name(ctx: FileTree, obj: Node) -> str:
    """The name of the options object `obj` is, or "" when it is none."""
    cached = ctx._options_names.get(obj.id)
    if cached is None:
        cached = ctx._options_names[obj.id] = _options_name(ctx, obj)
    return cached


def _options_name(ctx: FileTree, obj: Node) -> str:
    if obj.type != "object" or not any(
            _key_text(ctx, m) in _OPTION_KEYS for m in obj.named_children):
        return ""
    p = ctx.parent(obj)
    while p is not None and p.type in _WRAPPING:
        p = ctx.parent(p)
    if p is not None and p.type == "arguments":  # `defineComponent({ … })`
        call = ctx.parent(p)
        fn = call.child_by_field_name("function") if call is not None else None
        if call is None or fn is None or ctx.text(fn) not in _DEFINERS:
            return ""
        p = ctx.parent(call)
    if p is None:
        return ""
    if p.type == "export_statement" and any(c.type == "default" for c in p.children):
        return component_name(ctx.rel)
    if p.type == "variable_declarator":
        statement = ctx.parent(p)
        top = ctx.parent(statement) if statement is not None else None
        if top is not None and top.type == "export_statement":
            top = ctx.parent(top)
        n = p.child_by_field_name("name")
        if top is not None and top.type == "program" and n is not None and n.type == "identifier":
            return ctx.text(n)
    return ""


def owner_of(ctx: FileTree, fn: Node) -> str:
    """The options object `fn` is a hook, method, computed property or watcher of (its name),
    or "". `setup()` is not one: it is a composition function like any other."""
    parent = ctx.parent(fn)
    if parent is None:
        return ""
    obj: Node | None
    if fn.type == "method_definition":
        member, obj = fn, parent
    elif parent.type == "pair" and parent.child_by_field_name("value") == fn:
        member, obj = parent, ctx.parent(parent)
    else:
        return ""
    if obj is None or obj.type != "object" or _key_text(ctx, member) == "setup":
        return ""
    name = options_name(ctx, obj)
    if name:
        return name
    group = ctx.parent(obj)
    if group is not None and group.type == "pair" and _key_text(ctx, group) in _GROUPS:
        outer = ctx.parent(group)
        return options_name(ctx, outer) if outer is not None else ""
    return ""


def enclosing_options(ctx: FileTree, node: Node) -> tuple[Node, str] | None:
    """The options object whose function `node` is in, and its name."""
    p: Node | None = ctx.enclosing_function(node)
    while p is not None:
        name = owner_of(ctx, p)
        if name:
            obj = ctx.parent(p) if p.type == "method_definition" else ctx.parent(ctx.parent(p) or p)
            while obj is not None and not (obj.type == "object" and options_name(ctx, obj)):
                obj = ctx.parent(obj)
            return (obj, name) if obj is not None else None
        p = ctx.enclosing_function(p)
    return None


def _function_of(ctx: FileTree, member: Node) -> Node | None:
    if member.type == "method_definition":
        return member
    value = ctx.unwrap(member.child_by_field_name("value")) if member.type == "pair" else None
    return value if value is not None and value.type in ("function_expression", "function", "arrow_function") else None


def _returned(ctx: FileTree, fn: Node) -> Node | None:
    """The one expression `fn` returns (`() => ({ … })`, `{ return x }`), or None."""
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        return ctx.unwrap(body)
    returns = [s for s in body.named_children if s.type == "return_statement"]
    if len(returns) != 1 or not returns[0].named_children:
        return None
    return ctx.unwrap(returns[0].named_children[0])


def _own(ctx: FileTree, obj: Node) -> dict[str, tuple[str, Node | None]]:
    """What options object `obj` defines itself, by member: ("data", its value), ("computed",
    the expression it returns, if one), ("method", None) or ("prop", None). The first wins."""
    out: dict[str, tuple[str, Node | None]] = {}
    keys = _keys(ctx, obj)
    data = keys.get("data")
    fn = _function_of(ctx, data) if data is not None else None
    returned = _returned(ctx, fn) if fn is not None else None
    if returned is not None and returned.type == "object":
        for key, field in _keys(ctx, returned).items():
            out[key] = ("data", field.child_by_field_name("value") if field.type == "pair" else field)
    for group, kind in (("computed", "computed"), ("methods", "method")):
        for key, member in _group(ctx, keys, group).items():
            getter = _function_of(ctx, member) if kind == "computed" else None
            out.setdefault(key, (kind, _returned(ctx, getter) if getter is not None else None))
    props = keys.get("props")
    value = ctx.unwrap(props.child_by_field_name("value")) if props is not None and props.type == "pair" else None
    if value is not None and value.type == "array":
        for e in value.named_children:
            if (text := ctx.string_value(e)) is not None:
                out.setdefault(text, ("prop", None))
    for key in _group(ctx, keys, "props"):
        out.setdefault(key, ("prop", None))
    return out


def _group(ctx: FileTree, keys: dict[str, Node], group: str) -> dict[str, Node]:
    """The members of an option group written as an object (`methods: { … }`)."""
    holder = keys.get(group)
    value = ctx.unwrap(holder.child_by_field_name("value")) if holder is not None and holder.type == "pair" else None
    return _keys(ctx, value) if value is not None and value.type == "object" else {}


def this_value(ctx: FileValues, at: Node, prop: str, depth: int) -> Value | None:
    """What `this.prop` is in a function of an options object, or None outside one (or for a
    method, which the caller looks up itself)."""
    found = enclosing_options(ctx, at)
    if found is None:
        return None
    obj, name = found
    if prop.startswith("$"):
        return Unknown(prop)  # `this.$route`, `this.$store`: Vue's own, run time
    member = _own(ctx, obj).get(prop)
    if member is None:  # left to the component that mixes it in
        return Param(0, (prop,), prop, name)
    kind, node = member
    if kind == "data" and ctx.is_placeholder(node):
        # `data() { return { wsUrl: false } }`, set in `mounted()`: what the functions assign it
        got = ctx.assigned_this(obj, prop, depth)
        return got if got is not None else Unknown(prop)
    if kind in ("data", "computed") and node is not None:
        return list_value(ctx, node, depth) or ctx.evaluate(node, depth + 1)
    return None if kind == "method" else Unknown(prop)


def list_value(ctx: FileValues, node: Node, depth: int) -> Value | None:
    """A list the code spells out (`['scores', 'checkins']`, or one grown with `push`) as each
    of its elements, or None."""
    items = ctx.list_items(node, depth)
    return choice(*items) if items else None


def mixin_sites(ctx: _FileAnalysis) -> list[Site]:
    """Each `mixins: [A, B]` entry of the file's options objects, as a call of the mixin given
    the component's own members (and its own `this` for the rest)."""
    if b"mixins" not in ctx.src:
        return []
    out = []
    for node in ctx.descendants(ctx.root):
        if node.type != "pair" or _key_text(ctx, node) != "mixins":
            continue
        obj = ctx.parent(node)
        value = ctx.unwrap(node.child_by_field_name("value"))
        name = options_name(ctx, obj) if obj is not None else ""
        if obj is None or not name or value is None or value.type != "array":
            continue
        args = (_members(ctx, obj, name),)
        uses = field_uses(ctx, obj)
        for entry in value.named_children:
            if entry.type != "identifier":
                continue
            ctx._owners_used = []
            out.append(Site(kind="call", callee=ctx.text(entry), args=args, pos=ctx.pos(entry),
                            owner=name, owner_kind="mixin", binding=Binding("none"),
                            snippet=f"mixins:{ctx.text(entry)}", field_uses=uses))
    return out


def _members(ctx: FileValues, obj: Node, name: str) -> Obj:
    """The options object's own members as the one argument its mixins get: `data()` fields,
    what computed properties return, methods (run time); the rest is its own `this`, for the
    components that mix it in."""
    fields: list[tuple[str, Value]] = []
    for key, (kind, node) in _own(ctx, obj).items():
        if kind == "prop":
            continue
        value: Value = Unknown(key)
        if node is not None:
            value = list_value(ctx, node, 0) or ctx.evaluate(node)
        fields.append((key, value))
    # what the object defines is what those mixing it in do not define themselves
    given = tuple((k, pick(Param(0, (k,), k, name), v, Param(0, (k,), k, name), DEFINED)) for k, v in fields)
    return Obj(given, spread=True, spreads=(Param(0, (), "this", name),))
