"""What a module says to other files: imports, exports, its functions, instances and constants.

```ts
import { useTopicSocket } from './useTopicSocket';          // an import
export const alertsWS = new WsClient('/ws/alerts');          // an exported instance
export const MESSAGE_TYPES = { AUTH_OK: 'auth_ok' } as const;  // a constant
export enum Op { Interrupt = 'interrupt' }                   // an enum
export function buildWsUrl(path: string) { return `${base()}/ws/${path}`; }  // a URL helper
export const useSystemSocket = defineStore('system', () => { … });          // a store hook
```

A file with no import or export is a classic script: its top-level functions are globals that
other classic scripts call by name. A function's `returns` is what it returns over its own
parameters (URL helpers), `reads` the message types it tells apart in a message it is given
(dispatchers imported by the file with the socket), `tables` the parameters it reads as handler
tables (`Object.entries(handlers).forEach(([type, fn]) => client.on(type, fn))`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ws_migrate.analyse._model import Export, FunctionInfo, Import, OwnerKind, TypeUse
from ws_migrate.analyse._values import Env, Lit, Obj, Param, Template, Value, choice
from ws_migrate.analyse.shapes import _constants as constants
from ws_migrate.analyse.shapes import _declared as declared
from ws_migrate.analyse.shapes import _escapes as escapes
from ws_migrate.analyse.shapes import _filters as filters
from ws_migrate.analyse.shapes import _messages as messages
from ws_migrate.analyse.shapes import _options as options_
from ws_migrate.analyse.shapes._lifecycle import own_returns
from ws_migrate.analyse.shapes._nodes import FUNCTIONS

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._tree import FileTree
    from ws_migrate.analyse._typescript import _FileAnalysis

_MAX_RETURNS = 4
# the keyword first, its bound before it checked after (`has_for_in`): a leading `\b` made `re`
# try every position of the file
_FOR_IN_TEXT = re.compile(rb"for\s*\(\s*(?:const|let|var)?\s*[\w$]+\s+in\b")
# what a function returns that is no URL: JSX, objects, arrays, functions
_NO_URL = frozenset({"jsx_element", "jsx_self_closing_element", "jsx_fragment", "object", "array",
                     "arrow_function", "function_expression", "parenthesized_expression", "null", "undefined",
                     "true", "false", "number"})


@dataclass
class Module:
    """The module-level facts of one file, as read before and after the query."""

    imports: dict[str, Import] = field(default_factory=dict)
    exports: list[Export] = field(default_factory=list)
    # (name, kind, the declaration, the function's node, whether every call gets the same)
    functions: list[tuple[str, OwnerKind, Node, Node, bool]] = field(default_factory=list)
    instances: list[tuple[str, str]] = field(default_factory=list)
    constants: list[tuple[str, Node]] = field(default_factory=list)
    has_module_syntax: bool = False


def has_for_in(src: bytes, start: int = 0, end: int | None = None) -> bool:
    r"""Does `src[start:end]` hold the head of a `for (k in table)` loop? The same answer as
    `\bfor\s*\(…\s+in\b` (a word's bound before `for`, the byte before `start` included):
    each place the rest matches is checked for it, and the next is looked for one byte on."""
    end = len(src) if end is None else end
    while (m := _FOR_IN_TEXT.search(src, start, end)) is not None:
        before = src[m.start() - 1:m.start()]
        if not (before.isalnum() or before == b"_"):  # (`\b` of a bytes pattern: ASCII words)
            return True
        start = m.start() + 1
    return False


def read_module(ctx: _FileAnalysis) -> Module:
    m = Module()
    for stmt in ctx.root.named_children:
        if stmt.type == "import_statement":
            m.has_module_syntax = True
            _read_import(ctx, stmt, m)
        elif stmt.type == "export_statement":
            m.has_module_syntax = True
            _read_export(ctx, stmt, m)
        else:
            _read_declaration(ctx, stmt, m)
    if not m.has_module_syntax and _requires(ctx):
        m.has_module_syntax = True  # CommonJS: `require(…)`, `module.exports`
    return m


def _requires(ctx: _FileAnalysis) -> bool:
    src = ctx.src
    return b"require(" in src or b"module.exports" in src or b"exports." in src


def _read_import(ctx: _FileAnalysis, stmt: Node, m: Module) -> None:
    src = ctx.string_value(stmt.child_by_field_name("source"))
    if src is None:
        return
    for clause in stmt.named_children:
        if clause.type != "import_clause":
            continue
        for c in clause.named_children:
            if c.type == "identifier":
                m.imports[ctx.text(c)] = Import(ctx.text(c), "default", src)
            elif c.type == "namespace_import":
                for i in c.named_children:
                    if i.type == "identifier":
                        m.imports[ctx.text(i)] = Import(ctx.text(i), "*", src)
            elif c.type == "named_imports":
                for spec in c.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    if name is None:
                        continue
                    local = ctx.text(alias) if alias is not None else ctx.text(name)
                    m.imports[local] = Import(local, ctx.string_value(name) or ctx.text(name), src)


def _read_export(ctx: _FileAnalysis, stmt: Node, m: Module) -> None:
    source = ctx.string_value(stmt.child_by_field_name("source"))
    decl = stmt.child_by_field_name("declaration")
    is_default = any(c.type == "default" for c in stmt.children)
    if decl is not None:
        for name in _read_declaration(ctx, decl, m):
            m.exports.append(Export("default" if is_default else name, name))
        return
    value = stmt.child_by_field_name("value")
    if is_default and value is not None:
        v = ctx.unwrap(value)
        if v is not None and v.type == "identifier":
            m.exports.append(Export("default", ctx.text(v)))
        elif v is not None and (name := _options_exported(ctx, v)):  # a Vue component or mixin
            m.exports.append(Export("default", name))
        elif v is not None and v.type == "object":  # `export default { WS_URL: … }`: a constant
            m.exports.append(Export("default", "default"))
            m.constants.append(("default", stmt))
        return
    clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
    if clause is None:
        if source is not None:
            m.exports.append(Export("*", None, source))
        return
    for spec in clause.named_children:
        if spec.type != "export_specifier":
            continue
        name_node = spec.child_by_field_name("name")
        alias = spec.child_by_field_name("alias")
        if name_node is None:
            continue
        local = ctx.text(name_node)
        exported = ctx.text(alias) if alias is not None else local
        m.exports.append(Export(exported, local, source))


def _options_exported(ctx: _FileAnalysis, value: Node) -> str:
    """The name of the Vue options object `export default` gives (`{ … }`, `defineComponent({ … })`)."""
    obj: Node | None = value
    if value.type == "call_expression":
        args = ctx.arg_nodes(value)
        obj = ctx.unwrap(args[-1]) if args else value
    return options_.options_name(ctx, obj) if obj is not None and obj.type == "object" else ""


def _read_declaration(ctx: _FileAnalysis, decl: Node, m: Module) -> list[str]:
    names: list[str] = []
    if decl.type in ("function_declaration", "generator_function_declaration", "class_declaration",
                     "abstract_class_declaration"):
        n = decl.child_by_field_name("name")
        if n is not None:
            names.append(ctx.text(n))
            kind: OwnerKind = "class" if "class" in decl.type or ctx.text(n) in ctx.prototype_classes() \
                else kind_of(ctx.text(n))
            m.functions.append((ctx.text(n), kind, decl, decl, False))
            body = decl.child_by_field_name("body") if kind == "class" else None
            for member in body.named_children if body is not None else ():
                meth = member.child_by_field_name("name") if member.type == "method_definition" else None
                if meth is not None and meth.type == "property_identifier" and ctx.text(meth) != "constructor":
                    # `manager.wsUrl(…)` on an instance: what the method returns (a URL helper)
                    m.functions.append((f"{ctx.text(n)}.{ctx.text(meth)}", "method", member, member, False))
    elif decl.type == "expression_statement" and (global_ := window_global(ctx, decl)) is not None:
        m.instances.append(global_)  # `window.app = new Client(…)`: a global instance
    elif decl.type == "expression_statement" and ctx.prototype_classes():
        # `Client.prototype.connect = function (url) { … }`: a method of class `Client`
        a = decl.named_children[0] if decl.named_children else None
        fn = ctx.unwrap(a.child_by_field_name("right")) if a is not None and a.type == "assignment_expression" else None
        method = ctx._prototype_method(a) if a is not None and fn is not None and fn.type in FUNCTIONS else None
        if method is not None and fn is not None:
            m.functions.append((method, "method", decl, fn, False))
    elif decl.type == "enum_declaration":
        n = decl.child_by_field_name("name")
        if n is not None:
            names.append(ctx.text(n))
            m.constants.append((ctx.text(n), decl))
    elif decl.type in ("lexical_declaration", "variable_declaration"):
        for d in decl.named_children:
            if d.type != "variable_declarator":
                continue
            n = d.child_by_field_name("name")
            if n is None or n.type != "identifier":
                continue
            name = ctx.text(n)
            names.append(name)
            v = ctx.unwrap(d.child_by_field_name("value"))
            if v is None:
                continue
            fn = v if v.type in FUNCTIONS else store_setup(ctx, v, name)
            if fn is not None:
                m.functions.append((name, "class" if name in ctx.prototype_classes() else kind_of(name), d, fn,
                                    fn is not v))
            elif v.type == "new_expression":
                ctor = v.child_by_field_name("constructor")
                if ctor is not None and ctor.type == "identifier":
                    m.instances.append((name, ctx.text(ctor)))
            elif v.type in ("string", "template_string", "object", "binary_expression", "call_expression",
                            "member_expression", "identifier"):
                m.constants.append((name, d))
                if v.type == "object":  # `const api = { wsUrl(path) { … }, connect: (t) => … }`
                    for key, member, fn in object_methods(ctx, v):
                        m.functions.append((f"{name}.{key}", method_kind(key), member, fn, False))
    return names


# a global of the page set by a script (`window.live = …`)
WINDOW_GLOBAL = re.compile(r"^(?:window|globalThis|self)\.([A-Za-z_$][\w$]*)$")


def window_global(ctx: FileTree, statement: Node) -> tuple[str, str] | None:
    """(name, class) of `window.app = new Client(…)` at a script's top level, else None."""
    a = statement.named_children[0] if statement.named_children else None
    if a is None or a.type != "assignment_expression":
        return None
    left, right = a.child_by_field_name("left"), ctx.unwrap(a.child_by_field_name("right"))
    m = WINDOW_GLOBAL.match(ctx.text(left)) if left is not None and left.type == "member_expression" else None
    ctor = right.child_by_field_name("constructor") if right is not None and right.type == "new_expression" else None
    if m is None or ctor is None or ctor.type != "identifier":
        return None
    return m.group(1), ctx.text(ctor)


def object_methods(ctx: FileTree, obj: Node) -> list[tuple[str, Node, Node]]:
    """(key, member, function) of the functions an object literal holds: `wsUrl(path) { … }`,
    `connect: (topic) => …`, `open: function (t) { … }`."""
    out = []
    for member in obj.named_children:
        if member.type == "method_definition":
            n = member.child_by_field_name("name")
            if n is not None and n.type == "property_identifier":
                out.append((ctx.text(n), member, member))
        elif member.type == "pair":
            k = member.child_by_field_name("key")
            v = ctx.unwrap(member.child_by_field_name("value"))
            if k is not None and k.type == "property_identifier" and v is not None and v.type in FUNCTIONS:
                out.append((ctx.text(k), member, v))
    return out


def method_kind(key: str) -> OwnerKind:
    """An object's function is a plain function, or a hook (`useFeed`)."""
    return "hook" if kind_of(key) == "hook" else "function"


def store_setup(ctx: FileTree, value: Node, name: str) -> Node | None:
    """The setup function of a hook made by a factory (`useBus = defineStore('bus', () => …)`,
    `useFeed = create((set) => …)`): the function the hook runs, named after it."""
    if value.type != "call_expression" or not name.startswith("use") or len(name) < 4 or not name[3].isupper():
        return None
    args = value.child_by_field_name("arguments")
    named = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    last = ctx.unwrap(named[-1]) if named else None
    return last if last is not None and last.type in FUNCTIONS else None


def class_names(m: Module) -> set[str]:
    """The classes the module declares: `new C()` of one may make a socket or a wrapper level."""
    return {name for name, _, _, fn, _ in m.functions if fn.type in ("class_declaration", "abstract_class_declaration")}


def param_names(ctx: _FileAnalysis, fn: Node) -> tuple[tuple[str, ...], ...]:
    if fn.type in ("class_declaration", "abstract_class_declaration"):
        body = fn.child_by_field_name("body")
        for member in body.named_children if body is not None else ():
            n = member.child_by_field_name("name") if member.type == "method_definition" else None
            if n is not None and ctx.text(n) == "constructor":
                fn = member
                break
        else:
            return ()
    by_index: dict[int, list[str]] = {}
    for index, path, local, _ in ctx.params(fn):
        by_index.setdefault(index, []).append(path[0] if path else local)
    return tuple(tuple(by_index[i]) for i in sorted(by_index))


def kind_of(name: str) -> OwnerKind:
    if len(name) > 3 and name.startswith("use") and (name[3].isupper() or name[3].isdigit()):
        return "hook"
    if name[:1].isupper():
        return "component"
    return "function"


# --- after the query: what functions return and read, what the constants hold ----------------


def finish(ctx: _FileAnalysis, m: Module, sockets: bool = True
           ) -> tuple[tuple[FunctionInfo, ...], tuple[tuple[str, Value], ...]]:
    """The module's functions with what they return, read and take as tables, and its constants
    with their values. `sockets`: the file opens a socket itself (then its exported functions
    are no dispatchers of another file's messages)."""
    infos = []
    exported = {e.local for e in m.exports if e.local is not None}
    exported |= {name for name, *_ in m.functions if name.split(".", 1)[0] in exported}  # an object's
    for name, kind, decl, fn, shared in m.functions:
        params = param_names(ctx, fn)
        if fn.type in ("class_declaration", "abstract_class_declaration"):
            infos.append(FunctionInfo(name, kind, params, ctx.pos(decl)))
            continue
        sends = escapes.hands_send(ctx, fn)
        passes = filters.passes(ctx, fn) if kind in ("function", "method") else -1
        if name not in exported:  # this file's own calls of it are read where they are
            infos.append(FunctionInfo(name, kind, params, ctx.pos(decl), tables=_tables(ctx, fn), shared=shared,
                                      hands_send=sends, passes=passes))
            continue
        # what another file can call: what it returns (a URL helper), the message types it
        # tells apart (a dispatcher: a module of helpers, not one that opens sockets itself)
        # (a file that only names `WebSocket`, in a comment or a type, opens none)
        reads, at = _reads(ctx, fn) if params and not sockets else ((), 0)
        # a URL helper is a plain function (`wsUrl(path)`) or a method, not a hook or a component
        returns = _returns(ctx, fn) if kind in ("function", "method") else None
        typed = declared.annotation_name(ctx, fn.child_by_field_name("return_type")) if kind != "component" else None
        infos.append(FunctionInfo(name, kind, params, ctx.pos(decl), returns=returns, reads=reads,
                                  tables=_tables(ctx, fn), shared=shared, returns_type=typed or "",
                                  hands_send=sends, reads_at=at, passes=passes))
    values: list[tuple[str, Value]] = []
    for name, node in m.constants:
        if node.type == "enum_declaration":
            value: Value = constants.enum_value(ctx, node)
        else:
            mark = len(ctx._owners_used)
            value = ctx.evaluate(node.child_by_field_name("value"))
            del ctx._owners_used[mark:]
        if _known(value):
            values.append((name, value))
    return tuple(infos), tuple(values)


def _known(value: Value) -> bool:
    """Does `value` hold any text the code spells out, or a variable of the environment (which
    an `.env` file may set)?"""
    if isinstance(value, Template):
        return any(isinstance(p, (Lit, Env)) for p in value.parts)
    if isinstance(value, Obj):
        return any(_known(v) for _, v in value.fields)
    return isinstance(value, Env)


def _returns(ctx: _FileAnalysis, fn: Node) -> Value | None:
    """What `fn` returns, over its own parameters, when it returns text it partly spells out."""
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        exprs = [body]
    else:
        exprs = []
        for ret in own_returns(ctx, fn):
            if not ret.named_children:
                return None
            exprs.append(ret.named_children[0])
            if len(exprs) > _MAX_RETURNS:
                return None
    if not exprs or any(e.type in _NO_URL for e in exprs):
        return None
    mark = len(ctx._owners_used)
    ctx._visiting.add(fn.id)
    try:
        values = [ctx.evaluate(e) for e in exprs]
    finally:
        ctx._visiting.discard(fn.id)
        del ctx._owners_used[mark:]
    value = choice(*values)
    return value if _spells(value) else None


def _spells(value: Value) -> bool:
    from ws_migrate.analyse._values import Choice

    if isinstance(value, Choice):
        return any(_spells(o) for o in value.options)
    # a parameter as it came (`return url.replace(/^http/, 'ws')`: the same path)
    return isinstance(value, Param) or (isinstance(value, Template) and any(isinstance(p, Lit) for p in value.parts))


def _reads(ctx: _FileAnalysis, fn: Node) -> tuple[tuple[TypeUse, ...], int]:
    """The message types `fn` tells apart in the message one of its first parameters receives,
    and that parameter's index: the first one read as a message (`handle(msg)`; 1 for
    `handle(socket, data, setRows)`, `handle(socket, event)` that parses `event.data`)."""
    params = ctx.params(fn)
    body = ctx.src[fn.start_byte:fn.end_byte]
    if not params or not (ctx.nodes_in("switch", fn) or ctx.nodes_in("binary", fn) or _LOOKUP.search(body)):
        return (), 0
    for at in range(min(_MAX_AT, params[-1][0]) + 1):
        names = [local for index, _, local, _ in params if index == at]
        if not names or b"JSON.parse" not in body and not _names_read(body, names):
            continue
        r = messages.read_handler(ctx, fn, "message", at=at)
        # one that parses what it is given was given the text: the text itself compared
        # (`raw === 'pong'`) is no field of a message, as where the socket's event is read
        uses = {u for u in r.uses if u.field or not r.parses}
        if uses:
            return tuple(sorted(uses, key=lambda u: (u.pos.start, u.type))), at
    return (), 0


_MAX_AT = 2  # the last parameter a dispatcher is read as given the message in
# a look-up by a field of a name: `routes.get(msg.type)`, `handlers[data.kind]`
_LOOKUP = re.compile(rb"(?:\.get\(|\[)\s*[\w$]+(?:\s*[?!]?\.[\w$]+)+\s*[\])]")


def _names_read(body: bytes, names: list[str]) -> bool:
    """Does `body` compare or switch on one of `names` (a parameter, or a field of it), or
    keep it under another name (`const data = raw as Frame`, `const { topic } = msg`), or
    parse it (`safeJsonParse(event.data)`), which the reader follows? A cheap test before the
    reader runs."""
    alt = b"|".join(re.escape(n.encode()) for n in names)
    word = rb"(?<![\w$.])(?:" + alt + rb")(?![\w$])"
    return re.search(rb"switch\s*\(\s*" + word + rb"|(?:\.get\(|\[)\s*" + word + rb"\s*[?!]?\.|" + word + rb"(?:\s*[?!]?\.[\w$.?]+)?\s*[!=]==?|[!=]==?\s*" + word
                     + rb"|(?<![=!<>])=(?![=>])\s*\(?\s*" + word
                     + rb"|(?:[pP]arse|[jJ]son|JSON|[dD]ecode)\w*\s*\(\s*" + word, body) is not None


def _tables(ctx: _FileAnalysis, fn: Node) -> tuple[int, ...]:
    """The parameters of `fn` it walks as handler tables (`Object.entries(handlers)`,
    `for (const t in handlers)`)."""
    found: list[int] = []
    if not ctx.walks_tables:
        return ()
    named = ctx.function_name(fn)
    owner = named[0] if named is not None else None
    mark = len(ctx._owners_used)
    try:
        for call in ctx.nodes_in("call", fn):
            callee = call.child_by_field_name("function")
            if callee is None or ctx.text(callee) not in ("Object.entries", "Object.keys"):
                continue
            value = ctx.evaluate(ctx._first_arg(call))
            if isinstance(value, Param) and value.owner == owner and not value.path:
                found.append(value.index)
        for loop in ctx.subtree(fn, "for_in_statement") if has_for_in(ctx.src, fn.start_byte, fn.end_byte) else ():
            op = loop.child_by_field_name("operator")
            if op is not None and ctx.text(op) == "in":
                value = ctx.evaluate(loop.child_by_field_name("right"))
                if isinstance(value, Param) and value.owner == owner and not value.path:
                    found.append(value.index)
    finally:
        del ctx._owners_used[mark:]
    return tuple(sorted(set(found)))
