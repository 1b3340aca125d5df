"""A client handed on: to a function that registers handlers on its parameter, or to the whole
app as a global property. What is registered there counts for that client.

```js
export const registerBoardHandlers = (hub) => {          // registrations on a parameter
  hub.registerHandler('card_moved', onMoved);
};
registerBoardHandlers(liveHub);                          // … count for what the callers pass

export default (context, inject) => inject('hub', new LiveHub(context));   // Nuxt 2
Vue.prototype.$hub = liveHub;                                               // Vue 2
app.config.globalProperties.$hub = liveHub;                                 // Vue 3
this.$hub.registerHandler('user_renamed', fn);           // … and on `$hub` anywhere
registerBoardHandlers(context.app.$hub);
```

`receiver` says whether a member call is made on such a receiver (a parameter of the named
function around it, or a global property `$name`), so that the call is worth a site;
`installed_as` the global property the value at a node is installed as; `installs` the module
instances a file installs by name. The linker joins them (`_link._Linker.handed`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes import _walked as walked
from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

# `this.$hub`, `context.app.$hub`, `$nuxt.$hub`, `vm.$socket`: a global property of the app
_GLOBAL = re.compile(r"(?:^|\.)(\$[A-Za-z_]\w*)$")
# where Vue keeps the app's global properties
_PROTOTYPES = re.compile(r"^(?:Vue\.prototype|[\w$]+\.config\.globalProperties)\.(\$?[A-Za-z_]\w*)$")


def global_name(text: str) -> str:
    """`$hub` of `context.app.$hub` (or of `$hub`), else ""."""
    m = _GLOBAL.search(text.replace("?.", ".").replace(" ", ""))
    return m.group(1) if m else ""


def receiver(ctx: _FileAnalysis, call: Node, obj: Node, method: str) -> bool:
    """Is `obj.method(…)` at `call` a registration (`on`, `registerX`, … naming a type) made on
    a parameter of the named function around it, or on a global property (`this.$hub`)?"""
    if walked.REGISTERS.match(method) is None:
        return False
    from ws_migrate.analyse.shapes import _registrations as registrations

    args = ctx.arg_nodes(call)
    # a handler goes with the type (`subscribe('row', { id })` asks the server for a page)
    if not registrations.may_register(ctx, call) or not any(
            (a := ctx.unwrap(x)) is not None and (a.type in FUNCTIONS or a.type in ("identifier", "member_expression"))
            for x in args[1:]):
        return False
    if obj.type == "member_expression":
        return bool(global_name(ctx.text(obj)))
    if obj.type != "identifier":
        return False
    found = ctx.enclosing_named(call)
    return found is not None and any(local == ctx.text(obj) and not path for _, path, local, _ in ctx.params(found[0]))


def parameter_index(ctx: _FileAnalysis, call: Node, obj: Node) -> int:
    """The index of parameter `obj` in the named function around `call`, or -1."""
    found = ctx.enclosing_named(call)
    if found is None or obj.type != "identifier":
        return -1
    return next((i for i, path, local, _ in ctx.params(found[0]) if local == ctx.text(obj) and not path), -1)


def installed_as(ctx: _FileAnalysis, node: Node) -> str:
    """The global property the value at `node` is installed as: `inject('hub', node)` in a Nuxt
    plugin (`inject` its parameter), `Vue.prototype.$hub = node`,
    `app.config.globalProperties.$hub = node`; else ""."""
    parent = ctx.parent(node)
    if parent is not None and parent.type == "assignment_expression":
        right = ctx.unwrap(parent.child_by_field_name("right"))
        left = parent.child_by_field_name("left")
        if right is not None and right.id == node.id and left is not None:
            m = _PROTOTYPES.match(ctx.text(left).replace(" ", ""))
            return m.group(1) if m else ""
        return ""
    call = ctx.parent(parent) if parent is not None and parent.type == "arguments" else None
    fn = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if call is None or fn is None or fn.type != "identifier" or ctx.text(fn) != "inject":
        return ""
    args = ctx.arg_nodes(call)
    key = ctx.string_value(args[0]) if len(args) == 2 else None
    around = ctx.enclosing_function(call)
    if key is None or args[1].id != node.id or around is None:
        return ""
    # Nuxt's `inject` is the plugin's second parameter (Vue's own `inject` is imported)
    if not any(local == "inject" and i == 1 for i, _, local, _ in ctx.params(around)):
        return ""
    return "$" + key


def installs(ctx: _FileAnalysis) -> tuple[tuple[str, str], ...]:
    """(global property, module variable) of each module instance this file installs by name
    (`Vue.prototype.$socket = socket` of `const socket = new Client(…)`)."""
    out: list[tuple[str, str]] = []
    for a in ctx._nodes.get("assign", ()):
        right = ctx.unwrap(a.child_by_field_name("right"))
        if right is not None and right.type == "identifier" and (name := installed_as(ctx, right)):
            out.append((name, ctx.text(right)))
    for call in ctx._calls_by_name.get("inject", ()):
        args = ctx.arg_nodes(call)
        value = ctx.unwrap(args[1]) if len(args) == 2 else None
        if value is not None and value.type == "identifier" and (name := installed_as(ctx, value)):
            out.append((name, ctx.text(value)))
    return tuple(dict.fromkeys(out))
