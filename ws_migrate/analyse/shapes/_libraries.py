"""What opens a socket: `new WebSocket(…)`, and the openers of the libraries teams use.

```tsx
const ws = new WebSocket(url);                                   // the browser's own
const { lastJsonMessage } = useWebSocket(url, { onMessage });    // react-use-websocket
const { data } = useWebSocket(url, { onMessage(ws, e) {} });     // @vueuse/core
const rws = new ReconnectingWebSocket(url);                      // reconnecting-websocket
const socket = io('/chat');                                      // Socket.IO: not a WebSocket
Vue.use(VueNativeSock, url, { store, format: 'json' });         // a plugin: vue-native-websocket
```

The libraries come from the rules (`libraries:`; the shipped `rules/libraries.yaml` knows the
common ones), so a team can add its own. An opener is recognised by what the file imports:
`useWebSocket` from `react-use-websocket` opens a socket, an app's own `useWebSocket` is a call
like any other (a wrapper, when it opens one). A library imported under another name, or kept
in a local alias (`const useWS = mod.default ?? mod`), is still that library. A library the app
installs as a plugin (`plugin` in its entry) opens its socket at the `use(…)` call that names it. Socket.IO clients
are listed apart (`socketio`), never as legacy connections.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, TypeVar

from ws_migrate._openers import LibraryOpener

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._model import Import
    from ws_migrate.analyse._tree import FileTree
    from ws_migrate.analyse._typescript import _FileAnalysis

SOCKET_CTORS = frozenset(
    {"WebSocket", "window.WebSocket", "globalThis.WebSocket", "self.WebSocket", "global.WebSocket"}
)


Opener = LibraryOpener


def encode(openers: tuple[Opener, ...]) -> str:
    """`openers` as the text the workers get with each batch (and the cache keys hold)."""
    return json.dumps([o.__dict__ for o in openers], sort_keys=True, separators=(",", ":"))


_T = TypeVar("_T")


def _per_openers(fn: Callable[[tuple[Opener, ...]], _T]) -> Callable[[tuple[Opener, ...]], _T]:
    """`fn(openers)` kept per tuple of openers, by identity: every file of a scan is read with
    the same tuple (`decode`'s), and hashing its openers' fields for each file (what `@cache`
    does) cost more than `fn` itself."""
    known: dict[int, tuple[tuple[Opener, ...], _T]] = {}

    def kept(openers: tuple[Opener, ...]) -> _T:
        hit = known.get(id(openers))
        if hit is not None and hit[0] is openers:
            return hit[1]
        value = fn(openers)
        known[id(openers)] = (openers, value)  # (held: the id is not reused)
        return value

    return kept


@_per_openers
def package_roots(openers: tuple[Opener, ...]) -> frozenset[str]:
    """The packages (`@scope/pkg`, `pkg`) the openers come from, for a quick first check."""
    roots = set()
    for o in openers:
        for p in o.packages:
            parts = p.split("/", 2)
            roots.add("/".join(parts[:2]) if p.startswith("@") else parts[0])
    return frozenset(roots)


@_per_openers
def result_names(openers: tuple[Opener, ...]) -> frozenset[str]:
    """The names the openers' hooks give their last or raw message in (`lastJsonMessage`)."""
    return frozenset(n for o in openers for n in o.last_message + o.raw_message + o.ref_message)


@cache
@lru_cache(maxsize=8)  # one text per scan: every file of it is read with the same openers
def decode(text: str) -> tuple[Opener, ...]:
    if not text:
        return ()
    out = []
    for entry in json.loads(text):
        entry = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
        out.append(Opener(**entry))
    return tuple(out)


def opener_of(ctx: FileTree, callee: Node, new: bool, plugin: bool = False) -> Opener | None:
    """The library opener `callee` names, when the file imports it (or keeps it in a local);
    `plugin`: `callee` is what a `use(…)` call installs (`Vue.use(VueNativeSock, url)`)."""
    if callee.type == "identifier":
        name = ctx.text(callee)
        imp = ctx._imports.get(name)
        if imp is None:
            imp = _aliased(ctx, callee)
        if imp is None:
            return None if plugin else _global(ctx, callee, name, new)
        return _best(ctx, imp, new, plugin)
    if callee.type == "member_expression":  # `RWS.default`, `lib.useWebSocket` of a namespace import
        obj = callee.child_by_field_name("object")
        prop = callee.child_by_field_name("property")
        if obj is None or prop is None or obj.type != "identifier":
            return None
        imp = ctx._imports.get(ctx.text(obj))
        if imp is None or imp.imported not in ("*", "default"):
            return None
        from ws_migrate.analyse._model import Import as _Import

        return _best(ctx, _Import(ctx.text(prop), ctx.text(prop), imp.source), new, plugin)
    return None


@_per_openers
def _global_words(openers: tuple[Opener, ...]) -> tuple[bytes, ...]:
    return tuple(f"new {g}".encode() for o in openers for g in o.globals)


def uses_global(ctx: FileTree) -> bool:
    """Does the file make an opener known as a global (`new SockJS(`)? (a first, cheap look)"""
    return any(w in ctx.src for w in _global_words(ctx.openers))


def _global(ctx: FileTree, callee: Node, name: str, new: bool) -> Opener | None:
    """The opener a name the file does not import stands for, when an entry says it is a
    global (`new SockJS(url)`): not when the file defines the name itself (a `declare` only
    says its type; a UMD factory's parameter of that name is the library handed in)."""
    found = next((o for o in ctx.openers if o.new == new and not o.plugin and name in o.globals), None)
    if found is None:
        return None
    decl = ctx.declarator_of(callee)
    if decl is not None and decl.child_by_field_name("value") is not None:
        return None  # `const SockJS = makeFake()`: the file's own
    if name in ctx.local_functions():
        return None
    return found


def plugin_of(ctx: FileTree, call: Node) -> Opener | None:
    """The plugin opener a `use(…)` call installs (`Vue.use(VueNativeSock, url, opts)`,
    `app.use(VueNativeSock, url, opts)`, `createApp(App).use(…)`): its first argument, imported
    from a library whose entry says `plugin`."""
    callee = ctx.unwrap(call.child_by_field_name("function"))
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    if prop is None or ctx.text(prop) != "use":
        return None
    args = ctx.arg_nodes(call)
    first = ctx.unwrap(args[0]) if args else None
    if first is None or first.type not in ("identifier", "member_expression"):
        return None
    return opener_of(ctx, first, False, plugin=True)


def _best(ctx: FileTree, imp: Import, new: bool, plugin: bool = False) -> Opener | None:
    """The opener `imp` brings in: one naming its module exactly, else the first by prefix."""
    found = [o for o in ctx.openers if o.new == new and o.plugin == plugin and o.matches(imp)]
    return next((o for o in found if o.names_exactly(imp)), found[0] if found else None)


def _aliased(ctx: FileTree, callee: Node) -> Import | None:
    """`const useWS = (mod as any).default ?? mod` with `mod` imported: that import."""
    decl = ctx.declarator_of(callee)
    value = decl.child_by_field_name("value") if decl is not None else None
    if value is None or value.type in ("arrow_function", "function_expression", "call_expression"):
        return None
    for n in [value, *ctx.descendants(value)]:
        if n.type == "identifier":
            imp = ctx._imports.get(ctx.text(n))
            if imp is not None:
                return imp
    return None


def connect_call(ctx: _FileAnalysis, node: Node, opener: Opener | None) -> Node:
    """The call that gives the socket its URL: `node` itself, or for an opener whose instance
    opens on a method (`bridge = new WebSocketBridge(); bridge.connect(url)`) that method's
    first call on the variable it is kept in, after it."""
    if opener is None or not opener.connect:
        return node
    binding, _ = ctx.binding(node)
    if binding.kind not in ("variable", "member", "ref"):
        return node
    later = [c for method, c in ctx._member_calls.get(binding.text, ())
             if method == opener.connect and c.start_byte > node.start_byte]
    return min(later, key=lambda c: c.start_byte) if later else node


def url_argument(ctx: _FileAnalysis, call: Node, opener: Opener | None, spec: str = "0") -> Node | None:
    """The node holding the URL of a socket opened by `call` (by `opener`, else at `spec`)."""
    args = ctx.arg_nodes(call)
    spec = opener.url if opener is not None else spec
    index, _, key = spec.partition(".")
    if not index.isdigit() or int(index) >= len(args):
        return None
    arg = args[int(index)]
    if not key:
        # a library taking a URL or a config object (rxjs's `webSocket({ url, openObserver })`)
        inner = ctx.unwrap(arg)
        if opener is not None and inner is not None and inner.type == "object":
            return ctx.object_field(inner, "url")
        return arg
    return ctx.object_field(arg, key)
