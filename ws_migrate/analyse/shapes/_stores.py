"""Messages handed to a store by name: a Vuex action or mutation, a Pinia store's action.

```ts
// the socket's code: the message goes to the store by the action's (or mutation's) name
ws.onmessage = (e) => { const data = JSON.parse(e.data); this.store?.dispatch('socket/onMessage', data) };
store.commit('SOCKET_MESSAGE', data);  commit(types.SOCKET_MESSAGE, data);  dispatch('onMessage', data);
useSocketStore().onMessage(data);      const feed = useFeedStore(); feed.handle(data);   // Pinia

// store/socket/actions.ts: what the action tells apart in its payload (its second parameter)
export const actions: ActionTree<SocketState, RootState> = {
  onMessage({ commit }, payload) { switch (payload.method) { case 'notify_status_update': … } },
};
const mutations = { [SOCKET_ONMESSAGE](state, message) { if (message.event === 'notification') … } };
export const useSocketStore = defineStore('socket', { actions: { onMessage(payload) { … } } });
```

The message reader (`_messages`) notes each store entry a handler gives the whole message to
(`Handler.stores`: `dispatch:socket/onMessage`, `commit:SOCKET_MESSAGE`, `commit:#SOCKET_ONMESSAGE`
for an imported constant's name, `pinia:useSocketStore.onMessage`); a library that commits each
message itself (vue-native-websocket's `SOCKET_ONMESSAGE`, the `commits` of its `libraries:`
entry) gets one too. Each file's stores are read here (`store_handlers`): the functions of an
object kept as `actions` or `mutations` (a variable so named, the key of a module, of
`new Vuex.Store({…})`, of `defineStore(id, {…})`, or the default export of a module's
`actions.js` / `mutations.js`), each read as a handler of the payload it is given. When linked
(`stored`), a name is matched with the entries of that name (a computed key by its constant's
name or value); a namespace (`socket/onMessage`) picks the entries in files whose path names it
(`store/socket/actions.ts`, `store/modules/socket.js`, `store/modules/socketStore.ts`), all of
that name when none does (which module a `modules: { … }` registers under which key is not
followed). Only the whole message counts: `dispatch('updateShow', data.show)` hands on a
part, whose fields are no message types.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from ws_migrate.analyse._inventory import TypeSite
from ws_migrate.analyse._model import Handler, StoreHandler
from ws_migrate.analyse._values import literal_text
from ws_migrate.analyse.shapes import _constants as constants
from ws_migrate.analyse.shapes import _handlers as handlers
from ws_migrate.analyse.shapes import _messages as messages
from ws_migrate.analyse.shapes._nodes import WRAPPING

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate._openers import LibraryOpener
    from ws_migrate.analyse._link import _Linker
    from ws_migrate.analyse._model import Pos
    from ws_migrate.analyse._typescript import _FileAnalysis

# what a store is reached by: `store`, `this.$store`, `this.store?`, `rootStore`, `useStore()`,
# an action's `context`
_STORE_RECEIVER = re.compile(r"(?:^|[.$])(?:\w*[sS]tore(?:\(\))?|context|ctx)\??$")
_PINIA_HOOK = re.compile(r"^use\w*Store$")
_TABLES = {"actions": "action", "mutations": "mutation"}
# what tells message types apart (a registration or a parameter's value is another story)
_DISPATCHING = frozenset({"compare", "switch", "includes", "table", "label"})


# --- the socket's side: where a handler hands the message over ---------------------------------


def store_call(ctx: _FileAnalysis, callee: Node, name: str, args: list[Node],
               paths: list[tuple[str, ...] | None]) -> str | None:
    """The store entry a call hands the whole message to, `dispatch:socket/onMessage`, or None."""
    method = name.rsplit(".", 1)[-1]
    whole = [i for i, p in enumerate(paths) if p == ()]
    if not whole:
        return None
    if method in ("dispatch", "commit"):
        if whole != [1] or len(args) < 2:
            return None
        if callee.type == "identifier":  # `dispatch` of an action's context, not an import
            if name in ctx._imports:
                return None
        elif not _STORE_RECEIVER.search(name.rpartition(".")[0]):
            return None
        got = constants.value_of(ctx, args[0])
        if got is None:
            return None
        text, ref = got
        if text:
            return f"{method}:{text}"
        if ref is not None:  # an imported constant: matched by its name
            return f"{method}:#{ref.path[-1] if ref.path else ref.name}"
        return None
    if callee.type != "member_expression" or whole != [0]:
        return None
    hook = _pinia_hook(ctx, callee.child_by_field_name("object"))
    return f"pinia:{hook}.{method}" if hook else None


def _pinia_hook(ctx: _FileAnalysis, obj: Node | None) -> str:
    """`useSocketStore` of `useSocketStore()` or of a `const store = useSocketStore()`."""
    obj = ctx.unwrap(obj)
    if obj is not None and obj.type == "identifier":
        decl = ctx.declarator_of(obj)
        obj = ctx.unwrap(decl.child_by_field_name("value")) if decl is not None else None
    if obj is None or obj.type != "call_expression":
        return ""
    fn = ctx.unwrap(obj.child_by_field_name("function"))
    text = ctx.text(fn) if fn is not None and fn.type == "identifier" else ""
    return text if _PINIA_HOOK.match(text) else ""


def committed(ctx: _FileAnalysis, node: Node, opener: LibraryOpener, pos: Pos) -> list[Handler]:
    """The store mutations a library commits each message to (its entry's `commits`, renamed by
    the options' `mutations` map), when the options give it a `store` and say `format: 'json'`
    (the mutation then gets the parsed message; else the event, which is not followed), and a
    `passToStoreHandler` it is given hands the event on to the plugin's own commit (`next`)."""
    args = ctx.arg_nodes(node)
    if not opener.commits or opener.options is None or opener.options >= len(args):
        return []
    options = args[opener.options]
    if ctx.object_field(options, "store") is None or ctx.string_value(ctx.object_field(options, "format")) != "json":
        return []  # (no store given: nothing is committed)
    if _withheld(ctx, options):
        return []
    names: list[str] = []
    for commit in opener.commits:
        renamed = ctx.unwrap(ctx.object_field(options, f"mutations.{commit}"))
        if renamed is None:
            names.append(f"commit:{commit}")
            continue
        got = constants.value_of(ctx, renamed)
        if got is not None and got[0]:
            names.append(f"commit:{got[0]}")
        if renamed.type in ("identifier", "shorthand_property_identifier", "member_expression"):
            names.append(f"commit:#{ctx.text(renamed).rsplit('.', 1)[-1]}")
    return [Handler("message", "listener", f"store:{opener.library}", pos, stores=tuple(dict.fromkeys(names)))]


def _withheld(ctx: _FileAnalysis, options: Node) -> bool:
    """Does the options' `passToStoreHandler(eventName, event, next)` never call `next`, the
    plugin's own commit (so no message reaches the store's mutations but those it commits)?"""
    value = ctx.object_field(options, "passToStoreHandler")
    if value is None:
        return False
    _, fn, _ = handlers.handler_function(ctx, value)
    if fn is None:
        return False  # (not this file's: the plugin may well commit)
    params = messages._param_names(ctx, fn)
    if len(params) < 3 or params[2].type != "identifier":
        return True  # it takes no `next`: it never hands the event on
    name = ctx.text(params[2])
    return not any(ctx.text(callee) == name for call in ctx.nodes_in("call", fn)
                   if (callee := ctx.unwrap(call.child_by_field_name("function"))) is not None)


# --- the store's side: its actions and mutations ------------------------------------------------


def store_handlers(ctx: _FileAnalysis) -> tuple[StoreHandler, ...]:
    """The actions and mutations of the file's stores, with what each tells apart in its payload."""
    out: list[StoreHandler] = []
    seen: set[int] = set()
    for fn in ctx._nodes.get("fn", ()):
        entry = fn if fn.type == "method_definition" else ctx.parent(fn)
        if entry is None or entry.type not in ("method_definition", "pair"):
            continue
        if entry.type == "pair" and entry.child_by_field_name("value") != fn:
            continue
        table = ctx.parent(entry)
        if table is None or table.type != "object" or entry.id in seen:
            continue
        seen.add(entry.id)
        found = _table_kind(ctx, table)
        if found is None:
            continue
        kind, store = found
        handler = _read_entry(ctx, entry, fn, kind, store)
        if handler is not None:
            out.append(handler)
    return tuple(out)


def store_file(rel: str) -> bool:
    """Is `rel` a store module's `actions.js` / `mutations.ts` (whose default export is one)?"""
    return rel.rsplit("/", 1)[-1].split(".", 1)[0] in _TABLES


def _table_kind(ctx: _FileAnalysis, table: Node) -> tuple[Literal["action", "mutation", "pinia"], str] | None:
    """What object `table` is: a Vuex `actions`/`mutations` object, a Pinia store's `actions`
    (with the store's hook), or None."""
    holder = ctx.parent(table)
    while holder is not None and holder.type in WRAPPING:
        holder = ctx.parent(holder)
    if holder is None:
        return None
    if holder.type == "export_statement":  # `export default { … }` of a module's `mutations.js`
        stem = ctx.rel.rsplit("/", 1)[-1].split(".", 1)[0]
        kind = _TABLES.get(stem)
        return (kind, "") if kind is not None else None  # type: ignore[return-value]
    if holder.type == "variable_declarator":
        name = holder.child_by_field_name("name")
        key = ctx.text(name) if name is not None and name.type == "identifier" else ""
        for word, kind in _TABLES.items():
            if key == word or key.endswith(word.capitalize()):
                return kind, ""  # type: ignore[return-value]
        return None
    if holder.type != "pair":
        return None
    k = holder.child_by_field_name("key")
    key = (ctx.string_value(k) or ctx.text(k)) if k is not None else ""
    if key not in _TABLES:
        return None
    options = ctx.parent(holder)
    args = ctx.parent(options) if options is not None else None
    call = ctx.parent(args) if args is not None and args.type == "arguments" else None
    callee = ctx.unwrap(call.child_by_field_name("function")) if call is not None else None
    if callee is not None and ctx.text(callee).rsplit(".", 1)[-1] == "defineStore":
        if key != "actions":
            return None
        decl = ctx.parent(call) if call is not None else None
        while decl is not None and decl.type in WRAPPING:
            decl = ctx.parent(decl)
        name = decl.child_by_field_name("name") if decl is not None and decl.type == "variable_declarator" else None
        return "pinia", ctx.text(name) if name is not None else ""
    return _TABLES[key], ""  # type: ignore[return-value]


def _read_entry(ctx: _FileAnalysis, entry: Node, fn: Node, kind: Literal["action", "mutation", "pinia"],
                store: str) -> StoreHandler | None:
    key = entry.child_by_field_name("name" if entry.type == "method_definition" else "key")
    if key is None:
        return None
    ref = None
    constant = ""
    if key.type == "computed_property_name":  # `[SOCKET_ONMESSAGE](state, message)`
        inner = ctx.unwrap(key.named_children[0]) if key.named_children else None
        if inner is None or inner.type not in ("identifier", "member_expression"):
            return None
        name = constant = ctx.text(inner).rsplit(".", 1)[-1]
        got = constants.value_of(ctx, inner)
        if got is not None:
            name = got[0] or name
            ref = got[1]
    else:
        name = ctx.string_value(key) or ctx.text(key)
    params = messages._param_names(ctx, fn)
    at = 0 if kind == "pinia" else 1  # Vuex's first parameter is the context or the state
    if len(params) <= at:
        return None
    roots = messages._bind(ctx, params[at], ())
    if not roots:
        return None
    read = messages.read_handler(ctx, fn, roots=roots)
    uses = tuple(u for u in read.uses if u.how in _DISPATCHING and u.param is None)
    if not uses:
        return None
    return StoreHandler(kind, name, ctx.pos(entry), tuple(sorted(set(uses), key=lambda u: (u.pos.start, u.type))),
                        constant, ref, store)


# --- linked --------------------------------------------------------------------------------------


def stored(linker: _Linker, rel: str, entry: str) -> list[TypeSite]:
    """The types the store entries named `entry` (`dispatch:socket/onMessage`) tell apart."""
    how, _, target = entry.partition(":")
    index = _index(linker)
    out: list[TypeSite] = []
    if how == "pinia":
        hook, _, method = target.rpartition(".")
        for frel, h in index.get(("pinia", method), ()):
            if h.store == hook:
                out.extend(linker._type_sites(frel, h.uses))
        return out
    kind = "action" if how == "dispatch" else "mutation"
    *spaces, name = target.lstrip("#").split("/")
    # a name is a key as written, or a computed key's constant by its value or by its name
    found = list(dict.fromkeys(index.get((kind, name), []) + index.get((kind, "#" + name), [])))
    if spaces:
        named = [(frel, h) for frel, h in found if _names_space(frel, spaces)]
        found = named or found
    for frel, h in found:
        out.extend(linker._type_sites(frel, h.uses))
    return out


def wanted(entry: str) -> str:
    """The word a file defining store entry `entry` spells (`onMessage`, `SOCKET_ONMESSAGE`,
    `useSocketStore`): what makes a file the prefilter passed over worth reading."""
    how, _, target = entry.partition(":")
    if how == "pinia":
        return target.rpartition(".")[0]
    name = target.lstrip("#").rsplit("/", 1)[-1]
    return name if name.isidentifier() else ""


def _names_space(rel: str, spaces: list[str]) -> bool:
    """Does the path of `rel` name every module of a namespace, in order (`socket`, of
    `store/socket/actions.ts`, `store/modules/socket.js`, `store/modules/socketStore.ts`)?"""
    parts = [p.lower() for p in rel.split("/")]
    at = 0
    for space in spaces:
        space = space.lower()
        at = next((i + 1 for i in range(at, len(parts)) if parts[i].startswith(space)), -1)
        if at < 0:
            return False
    return True


def _index(linker: _Linker) -> dict[tuple[str, str], list[tuple[str, StoreHandler]]]:
    """Every store entry of the project by (kind, name); a computed key also by `#` and its
    constant's name, and by its constant's value."""
    cached: dict[tuple[str, str], list[tuple[str, StoreHandler]]] | None = getattr(linker, "_stores_index", None)
    if cached is not None:
        return cached
    index: dict[tuple[str, str], list[tuple[str, StoreHandler]]] = {}
    for rel in sorted(linker.summaries):
        for h in linker.summaries[rel].store_handlers:
            names = [h.name]
            if h.constant:
                names.append("#" + h.constant)
            if h.ref is not None:  # an imported constant's value
                text = literal_text(linker._ref(rel, h.ref, 0))
                if text:
                    names.append(text)
            for name in dict.fromkeys(names):
                index.setdefault((h.kind, name), []).append((rel, h))
    linker._stores_index = index  # type: ignore[attr-defined]
    return index
