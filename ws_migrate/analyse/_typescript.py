"""Per-file analysis of TypeScript, TSX and JavaScript with tree-sitter.

`summarize(source, rel, language, type_field)` reads one file and returns a `FileSummary`: the
sockets it opens (`new WebSocket(url)`, `new window.WebSocket(url)`), every call that could go
through a wrapper (plain calls, `new C(...)`, `obj.method(...)`, JSX elements), with their
arguments as symbolic values, the handlers attached to each, and the file's imports/exports.
It knows nothing of other files; `_link.py` joins the summaries.

Comments and strings are never sites: only syntax nodes are read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from ws_migrate._openers import ADAPTER_NAMES, LibraryOpener
from ws_migrate._openers import ADAPTERS as ADAPTER_OF
from ws_migrate.analyse._dispatch_shape import read_dispatch
from ws_migrate.analyse._effect_shape import NotCertain, Source, only_reconnects, read_effect_socket
from ws_migrate.analyse._evaluate import FileValues
from ws_migrate.analyse._model import (
    Binding,
    FileSummary,
    Handler,
    OwnerKind,
    Pos,
    Registration,
    Site,
    TypeUse,
)
from ws_migrate.analyse._values import (
    Choice,
    Lit,
    Obj,
    Param,
    Template,
    Unknown,
    Value,
    concat,
    has_param,
    only_owner,
    url_info,
)
from ws_migrate.analyse._wrapper_call_shape import read_wrapper_call
from ws_migrate.analyse.shapes import _component_refs as component_refs
from ws_migrate.analyse.shapes import _context_state as context_state
from ws_migrate.analyse.shapes import _creators as creators
from ws_migrate.analyse.shapes import _declared as declared
from ws_migrate.analyse.shapes import _escapes as escapes
from ws_migrate.analyse.shapes import _exposure as exposure
from ws_migrate.analyse.shapes import _factories as factories
from ws_migrate.analyse.shapes import _handed_clients as handed
from ws_migrate.analyse.shapes import _handlers as handlers_
from ws_migrate.analyse.shapes import _kept as kept_
from ws_migrate.analyse.shapes import _libraries as libraries
from ws_migrate.analyse.shapes import _lifecycle as lifecycle
from ws_migrate.analyse.shapes import _listeners as listeners
from ws_migrate.analyse.shapes import _messages as messages
from ws_migrate.analyse.shapes import _module as module_
from ws_migrate.analyse.shapes import _multiplexer as multiplexer
from ws_migrate.analyse.shapes import _options as options_
from ws_migrate.analyse.shapes import _reemits as reemits
from ws_migrate.analyse.shapes import _registrations as registrations_
from ws_migrate.analyse.shapes import _relays as relays
from ws_migrate.analyse.shapes import _store_state as store_state
from ws_migrate.analyse.shapes import _stores as stores_
from ws_migrate.analyse.shapes._nodes import WRAPPING
from ws_migrate.parse import first_error, language, parse, parser, script_language

if TYPE_CHECKING:
    from tree_sitter import Node

_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
_BLOCKS = frozenset({"statement_block", "program", "switch_case", "switch_default", "class_body"})
_WRAPPING = WRAPPING
_SOCKET_CTORS = libraries.SOCKET_CTORS
_SOCKET_EVENTS = {"onmessage": "message", "onerror": "error", "onclose": "close", "onopen": "open"}
_CLOSE_METHODS = lifecycle.CLOSE_METHODS
_NOT_REGISTRATION = frozenset(
    {"addEventListener", "removeEventListener", "send", "close", "get", "set", "has", "delete",
     "emit", "log", "warn", "error", "info", "debug", "push", "includes", "startsWith", "endsWith",
     "split", "replace", "indexOf", "join", "querySelector", "getItem", "setItem", "then", "catch"}
)
_NON_HELPERS = frozenset(
    {"encodeURIComponent", "encodeURI", "String", "JSON.stringify", "Number", "decodeURIComponent"}
)
_IGNORE = re.compile(rb"^(?://|/\*)\s*ws-migrate-ignore\b(?:\s*:\s*([A-Za-z0-9_,\- ]*))?")
_MAX_DEPTH = 24
_CONTEXT_HOOKS = frozenset({"useContext", "React.useContext", "inject"})
_CONTEXT_CALLS = tuple(f"{h}:" for h in _CONTEXT_HOOKS)
# `rooms: RoomService`, `get(): Api`: a type after a `:` that follows a name, `)` or `?`; found
# from the `:` (`_annotations`), where a pattern starting at that character tried every word
_ANNOTATION = re.compile(rb":\s*([A-Z][\w$]*)\b")
_ANNOTATED = re.compile(rb"[\w$)?]")
_HOOK = re.compile(r"^use[A-Z]\w*$")
# `const { a, b: c } = name` (a pattern destructured from a name, not a call)
_DESTRUCTURED = re.compile(rb"(?:const|let|var)\s*\{([^{}=]*)\}\s*(?::[^=]*)?=\s*[\w$.]+\s*[;\n]")
_WORD = re.compile(rb"[A-Za-z_$][\w$]*")
_URL_ARGS = frozenset({"string", "template_string", "binary_expression", "identifier", "member_expression", "object",
                       "call_expression"})
_SCHEME_WORD = re.compile(r"^(?:wss?|https?)(?::(?://)?)?$")
# what a classic script calls that no script of the app declares
_BUILTINS = frozenset({"setTimeout", "setInterval", "clearTimeout", "clearInterval", "fetch", "alert", "confirm",
                       "prompt", "parseInt", "parseFloat", "isNaN", "isFinite", "require", "define", "Number",
                       "String", "Boolean", "Array", "Object", "Date", "RegExp", "Error", "Promise", "Symbol",
                       "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "escape", "unescape",
                       "requestAnimationFrame", "cancelAnimationFrame", "structuredClone", "queueMicrotask",
                       "$", "jQuery", "Math", "JSON", "atob", "btoa"})
# methods of strings and collections: what they return is no URL a helper builds
_STRING_METHODS = frozenset({"replace", "replaceAll", "split", "slice", "substring", "substr", "trim",
                             "trimEnd", "trimStart", "toLowerCase", "toUpperCase", "padStart", "padEnd",
                             "join", "map", "filter", "find", "at", "charAt", "repeat", "normalize"})
# attachment kinds for method calls on a socket (handlers use the event names themselves)
_CLOSES, _SENDS = "<close()>", "<send()>"
# calls that give their argument back, the same object: Vue's `markRaw(new WebSocket(…))`
_IDENTITY_CALLS = frozenset({"markRaw", "toRaw", "Vue.markRaw"})
# `const self = this`, `let sc = this`, `that: Shell = this` (not `x = this.y`): a superset of the
# names declared as `this`, each checked by `_is_this`
_THIS_ALIAS = re.compile(rb"(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?::[^=;\n]*)?=\s*this\b(?!\s*[.\w$(])")
# `class Files extends Model`, `export default class Tag extends base.Model<T>`: a class's base
_EXTENDS = re.compile(rb"\bclass\s+([A-Za-z_$][\w$]*)(?:\s*<[^>{]*>)?\s+extends\s+([A-Za-z_$][\w$.]*)")
_GENERATED = b"// Generated by ws-migrate init"  # the header of the client files init writes
# what `fix` rewrites `new WebSocket(url)` to when it keeps a legacy socket over the service
ADAPTERS = ADAPTER_NAMES  # what `fix` writes in place of `new WebSocket(`
_BRIDGE = LibraryOpener("", (), (), connect="connect")  # the adapted bridge opens on `connect(url)`
# Imports from these packages are frameworks, never the app's own socket wrappers.
_FRAMEWORKS = re.compile(
    r"^(react|react-dom|react-native|react-router(-dom)?|next|vue|svelte|preact|solid-js|rxjs|"
    r"lodash(-es)?|axios|redux|react-redux|zustand|mobx|jotai|recoil|@reduxjs/.*|@tanstack/.*|"
    r"@angular/.*|next/.*|react-dom/.*|lodash/.*)$"
)


_CAPTURED = {
    "new": ("new_expression",),
    "call": ("call_expression",),
    "assign": ("assignment_expression",),
    "augmented": ("augmented_assignment_expression",),
    "jsx": ("jsx_self_closing_element", "jsx_opening_element"),
    "fn": tuple(sorted(_FUNCTIONS)),
    "return": ("return_statement",),
    "binary": ("binary_expression",),
    "switch": ("switch_statement",),
    "subscript": ("subscript_expression",),
    "comment": ("comment",),
    "decl": ("variable_declarator",),
}


@cache
def _query(lang: str) -> object:
    """One query for every node kind the analysis reads: one C-speed pass instead of a Python walk."""
    import tree_sitter

    grammar = language(lang)
    # a grammar may lack a node kind (JSX in .ts, `function` in TS); asking costs nothing,
    # where a trial query per kind took ten times the real one
    patterns = [f"({kind}) @{capture}" for capture, kinds in _CAPTURED.items() for kind in kinds
                if grammar.id_for_node_kind(kind, True) is not None]
    return tree_sitter.Query(grammar, " ".join(patterns))


def prepare(langs: Iterable[str]) -> None:
    """Build the parsers and queries of `langs` now: worker processes forked afterwards inherit
    them instead of each building its own."""
    for lang in langs:
        parser(lang)
        _query(lang)


def summarize(source: bytes, rel: str, lang: str, type_field: str = "type",
              payload_field: str = "payload", openers: str | None = None, *,
              sites_only: bool = False) -> FileSummary:
    """Analyse one file. Never raises on bad input: syntax errors are recorded, the rest read.

    `openers`: the library openers (`_libraries.encode`), the shipped pack's when None. A Vue
    or Svelte component is read through its `<script>` blocks, at their places in the file.
    `sites_only`: the syntax error, sockets and calls only (the same as in a whole summary), none
    of what the module declares or a store reads: what `fix` checks a rewritten file by."""
    grammar = script_language(source, lang)
    tree = parse(source, lang)
    analysis = _FileAnalysis(source, tree.root_node, rel, grammar, type_field)
    analysis.payload_field = payload_field
    analysis.openers = libraries.decode(openers if openers is not None else default_openers())
    summary = analysis.run(first_error(tree), sites_only)
    if sites_only:
        return summary
    derived = registrations_.derived_reads(analysis) if b"derived" in source else ()
    if b"actions" in source or b"mutations" in source or stores_.store_file(rel):  # given messages by name
        summary = replace(summary, store_handlers=stores_.store_handlers(analysis))
    if grammar != lang:  # a component: a module, whatever its script imports
        summary = replace(summary, language=lang, classic=False,
                          store_reads=(registrations_.store_reads(analysis) if lang == "svelte" else ()) + derived)
    elif derived:
        summary = replace(summary, store_reads=derived)
    return summary


@cache
def default_openers() -> str:
    """The shipped pack's library openers, as `summarize` takes them."""
    from ws_migrate.rules import builtin_openers

    return libraries.encode(builtin_openers())


def _ignores(source: bytes, comments: list[Node]) -> tuple[tuple[int, tuple[str, ...], bool], ...]:
    """(line, ids, trailing) per `ws-migrate-ignore` comment; only real comments count.

    A comment alone on its line covers that line and the next; a trailing one only its own."""
    out: list[tuple[int, tuple[str, ...], bool]] = []
    for c in comments:
        text = source[c.start_byte:c.end_byte]
        m = _IGNORE.search(text)
        if m is None:
            continue
        line = c.start_point[0] + 1
        line_start = source.rfind(b"\n", 0, c.start_byte) + 1
        trailing = bool(source[line_start:c.start_byte].strip(b" \t{"))
        ids = m.group(1)
        words = ids.decode("ascii", "replace").replace(",", " ").split() if ids else []
        # `ws-migrate-ignore: <id> <reason…>`: the first word is the id, the rest the reason
        out.append((line, (words[0],) if words else ("*",), trailing))
    return tuple(out)


# a name (or a ref's value, `ws.value`) as the right-hand side of an `=`, followed by no more of a name
_RHS = re.compile(rb"=[ \t\r\n\f\v]*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?![\w$.])")


def _assigned_names(src: bytes) -> dict[str, list[int]]:
    """Where each name stands right after an `=` in `src` (`= ws.value!;`, `== x`, `= a.b(`): a
    superset of the places a variable is declared or set as that name, read in one pass (a
    search of the whole module per socket cost a module of thousands of sockets minutes)."""
    found: dict[str, list[int]] = {}
    for m in _RHS.finditer(src):
        found.setdefault(m.group(1).decode("utf-8", "replace"), []).append(m.start(1))
    return found


def _annotations(src: bytes) -> list[bytes]:
    """The type names of `[\\w$)?]\\s*:\\s*([A-Z][\\w$]*)\\b` in `src`, as `findall` gives them."""
    out: list[bytes] = []
    end = 0  # where the last match ended: the next one starts at or after it
    for m in _ANNOTATION.finditer(src):
        at = m.start() - 1
        while at >= end and src[at] in b" \t\n\r\f\v":
            at -= 1
        if at >= end and _ANNOTATED.match(src, at):
            out.append(m.group(1))
            end = m.end()
    return out


class _FileAnalysis(FileValues):
    """One file's analysis: `run` finds the sites (sockets, library openers, calls that may go
    through a wrapper) and reads each through the shapes (`shapes/`), over the tree
    (`FileTree`) and the values (`FileValues`) of the file."""

    def run(self, error: Node | None, sites_only: bool = False) -> FileSummary:
        module = module_.read_module(self)
        self._imports = module.imports
        self._instance_names = {name for name, _ in module.instances} | factories.made_names(self, module.constants)
        self._instance_names |= module_.class_names(module)  # (a class with no constructor is no function)
        self._annotated_types: frozenset[str] | None = None
        self._component_refs: dict[str, str] | None = None  # (`shapes/_component_refs`)
        self.reached_back: dict[tuple[str, str], frozenset[str]] = {}  # (`lifecycle.loops_back`)
        self._this_aliases: frozenset[str] | None = None  # (`this_text`)
        roots = libraries.package_roots(self.openers)
        # a named import of an opener, or the whole module (`import * as channels`, a default
        # import): its openers are reached as members (`new channels.WebSocketBridge()`)
        self._library_imports = any(
            _package_root(imp.source) in roots and any(
                o.matches(imp) or imp.imported in ("*", "default") and any(
                    imp.source == p or imp.source.startswith(p + "/") for p in o.packages)
                for o in self.openers)
            for imp in self._imports.values()) or libraries.uses_global(self)
        self._result_names = libraries.result_names(self.openers)
        self.opens_sockets = b"WebSocket" in self.src or self._library_imports or b"Legacy" in self.src
        # React code (its cleanups are effects'); Vue and Svelte have their own
        self.react = any(i.source in ("react", "preact", "preact/hooks", "react-native") for i in self._imports.values()) \
            or (b"useEffect" in self.src and not any(i.source in ("vue", "svelte") for i in self._imports.values()))
        self._classic = not module.has_module_syntax
        self.walks_tables = b"Object.entries" in self.src or b"Object.keys" in self.src or (
            module_.has_for_in(self.src))
        import tree_sitter

        cursor = tree_sitter.QueryCursor(_query(self.lang))  # type: ignore[arg-type]
        caps = cursor.captures(self.root)
        for name, nodes in caps.items():
            nodes.sort(key=lambda n: n.start_byte)
            self._nodes[name] = nodes
            self._starts[name] = [n.start_byte for n in nodes]
        self._index_functions()
        # a module object's methods (`Hub.subscribe(…)` in the file that declares `Hub`)
        self._instance_names |= {k.split(".", 1)[0] for k in self.local_functions() if "." in k and k[:5] != "this."}
        news = caps.get("new", [])
        calls = caps.get("call", [])
        heads = self._index_attachments(calls, caps.get("assign", []))
        sockets: list[Site] = []
        sites: list[Site] = []
        socketio: list[tuple[Pos, str]] = []
        local_news, field_news = self._local_news(news)
        for node in news:
            ctor = self.unwrap(node.child_by_field_name("constructor"))
            if ctor is None:
                continue
            name = self.text(ctor)
            opener = libraries.opener_of(self, ctor, True) if self._library_imports and name not in _SOCKET_CTORS else None
            if name in _SOCKET_CTORS or (opener is not None and opener.kind == "socket"):
                sockets.append(self.socket_site(node, opener))
            elif opener is not None:
                socketio.append((self.pos(node), self.text(node)[:80]))
            elif ctor.type == "identifier" and self._is_app_name(name):
                sites.append(self.site(node, "new", name, self._args(node)))
        for node, name, obj, target in heads:
            if self._library_imports:
                callee = self.unwrap(node.child_by_field_name("function"))
                opener = libraries.opener_of(self, callee, False) if callee is not None else None
                if opener is not None:
                    if opener.kind == "socket":
                        sockets.append(self.socket_site(node, opener))
                    else:
                        socketio.append((self.pos(node), self.text(node)[:80]))
                    continue
                if name == "use" and (opener := libraries.plugin_of(self, node)) is not None:
                    sockets.append(self.socket_site(node, opener))  # `Vue.use(VueNativeSock, url, …)`
                    continue
            if obj is not None and name == "use" and (plugin := self._installed_plugin(node)):
                # `Vue.use(SocketPlugin, { store })`, `app.use(…)`: `SocketPlugin.install(Vue, { store })`
                args = self._args(node)
                sites.append(self.site(node, "member-call", f"{plugin}.install", (Unknown(target), *args[1:])))
                continue
            if obj is None:
                if name in ADAPTERS and name in self._imports:  # a legacy socket `fix` adapted
                    if not self.src.startswith(_GENERATED):  # (not the adapters' own modules)
                        sockets.append(self.socket_site(node, None, adapted=True))
                elif self._is_app_name(name) or creators.param_call(self, node, name):
                    # (`this.socket = makeSocket(url)` of a constructor's parameter: a creator's call)
                    sites.append(self.site(node, "call", name, self._args(node)))
                elif name in _CONTEXT_HOOKS:
                    ctx_name = self._context_of(node)
                    if ctx_name:
                        sites.append(self.site(node, "call", f"{name}:{ctx_name}", ()))
            elif (obj.type == "this" or (obj.type == "identifier" and self._is_this(obj))) \
                    and lifecycle.loops_back(self, node, name):
                continue  # `this.connect()` in `connect` or its close handler's path: a re-open
            elif self._classic and obj.type == "identifier" and target in local_news \
                    and (cls := self._instance_class(obj, target)) is not None:
                # a classic script's global set to an instance (`conn = new ServerConnection()`)
                sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node), receiver=cls))
            elif obj.type == "this" or (obj.type == "identifier" and self._is_app_name(target)):
                sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node)))
            elif obj.type == "identifier" and target in local_news:
                cls = self._instance_class(obj, target)
                if cls is not None:
                    sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node),
                                           receiver=cls))
            elif field_news and target.startswith("this.") and obj.type == "member_expression":
                body = self._class_body(obj)
                cls = field_news.get((body.id, target[5:])) if body is not None else None
                if cls is not None:
                    sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node),
                                           receiver=cls))
            elif self.rel.endswith(".vue") and (component := component_refs.receiver(self, obj)) is not None:
                # `consoleRef.value!.open({ path })` of `<LiveConsole ref="consoleRef" />`
                sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node),
                                       receiver=component))
            elif obj.type in ("identifier", "member_expression") and self._annotated() \
                    and (typed := self._receiver(obj)) and typed in self._annotated():
                # `rooms.join('lobby')` of `rooms: RoomService`, `this.api.open(…)` of `private api: Api`
                sites.append(self.site(node, "member-call", f"{target}.{name}", self._args(node), receiver=typed))
            elif handed.receiver(self, node, obj, name):
                # `hub.registerHandler('card_moved', fn)` on a parameter, `this.$hub.on('x', fn)`
                glob = handed.global_name(target) if obj.type == "member_expression" else ""
                sites.append(replace(self.site(node, "member-call", f"{glob or target}.{name}", self._args(node)),
                                     on_param=-1 if glob else handed.parameter_index(self, node, obj)))
        for node in caps.get("jsx", []):
            n = node.child_by_field_name("name")
            if n is None or n.type != "identifier":
                continue
            name = self.text(n)
            if name[:1].isupper() and self._is_app_name(name):
                sites.append(self.site(node, "jsx", name, (self._jsx_props(node),)))
        sites.extend(options_.mixin_sites(self))  # `mixins: [SocketMixin]` of a Vue component
        sockets.sort(key=lambda s: s.pos.start)
        sites.sort(key=lambda s: s.pos.start)
        # (read after the sites, so they are the same without it)
        functions, constants = module_.finish(self, module, bool(sockets)) if not sites_only else ((), ())
        err_pos = self.pos(error) if error is not None else None
        err_msg = ""
        if error is not None:
            err_msg = (f"missing {error.type}" if error.is_missing
                       else f"unexpected {self.text(error)[:30].splitlines()[0] if self.text(error).strip() else 'input'!r}")
        return FileSummary(
            rel=self.rel,
            language=self.lang,
            sockets=tuple(sockets),
            calls=tuple(sites),
            functions=functions,
            imports=tuple(self._imports.values()),
            exports=tuple(module.exports),
            instances=tuple(module.instances),
            constants=constants,
            socketio=tuple(socketio),
            classic=not module.has_module_syntax,
            exposes=component_refs.exposes(self) if not sites_only else (),
            installs=handed.installs(self),
            bases=tuple(dict.fromkeys((m.group(1).decode(), m.group(2).decode()) for m in _EXTENDS.finditer(self.src))
                        ) if b"extends" in self.src else (),
            declared_types=declared.declared_types(self) if self.lang != "javascript" and not sites_only else (),
            ignores=_ignores(self.src, self._nodes.get("comment", [])),
            parse_error=err_pos,
            parse_error_message=err_msg,
            lines=self.src.count(b"\n") + 1,
        )

    def socket_site(self, node: Node, opener: libraries.Opener | None, adapted: bool = False) -> Site:
        """A socket opened here, by `new WebSocket(…)`, a library's opener, or the adapter
        `fix` writes (`adapted`)."""
        fn = node.child_by_field_name("function")
        # `openLegacySarus({ url, … })` takes Sarus's options, the URL in them
        spec = "0.url" if adapted and fn is not None and self.text(fn) == "openLegacySarus" else "0"
        # `openLegacyBridge()` connects later, as the bridge did: `bridge.connect(url)`
        later = _BRIDGE if adapted and fn is not None and self.text(fn) == ADAPTER_OF["bridge"] else opener
        url = libraries.url_argument(self, libraries.connect_call(self, node, later), opener, spec)
        args = (self.evaluate(url),) if url is not None else ()
        blocker = "" if adapted else self._blocker(node) if opener is None else (
            f"the socket is opened by installing the {opener.library} plugin (`use(…)`), which `fix` does not "
            "rewrite: its messages go to the plugin's store handlers" if opener.plugin else
            f"the socket is opened by {opener.library}, which `fix` does not rewrite yet")
        return self.site(node, "socket", "", args, blocker, opener=opener, adapted=adapted)

    def _context_of(self, call: Node) -> str:
        """The app's context `useContext(X)` reads, or ""."""
        first = self.unwrap(self._first_arg(call))
        if first is None or first.type != "identifier":
            return ""
        name = self.text(first)
        return name if self._is_app_name(name) or self.resolve_scope_of(name, first) is not None else ""

    def _blocker(self, node: Node) -> str:
        """Why `fix` would leave this socket alone, read from the same tree ("" if it would not)."""
        src = Source(self.src, self.root)
        try:
            shape = read_effect_socket(src, node)
            message = next(h for h in shape.handlers if h.event == "message")
            read_dispatch(src, message.function, self.type_field, self.payload_field)
        except NotCertain as exc:
            return str(exc)
        except Exception as exc:  # noqa: BLE001 - a recogniser bug must not cost the scan
            return f"not recognised ({type(exc).__name__})"
        for h in shape.handlers:
            if h.event == "open":
                return "an `onopen` handler has no unified equivalent `fix` can write"
            if h.event == "close" and not only_reconnects(src, h.function):
                return "the `onclose` handler does more than reconnect"
        return ""

    def _local_news(self, news: list[Node]) -> tuple[set[str], dict[tuple[int, str], str]]:
        """Where the file keeps instances of its app classes: the names a `const x = new C(…)`
        binds (the only ones `_instance_class` is asked about: looking a name up costs a walk up
        the tree), and the fields a class sets to one (`this.x = new C(…)`, `x = new C(…);` in
        its body), by (class body, field): C."""
        names: set[str] = set()
        fields: dict[tuple[int, str], str] = {}
        for node in news:
            ctor = self.unwrap(node.child_by_field_name("constructor"))
            if ctor is None or ctor.type != "identifier" or not self._is_app_name(self.text(ctor)):
                continue
            holder = self._holder(node)
            field = ""
            if holder is not None and holder.type == "variable_declarator":
                name = self._declared_name(node)
                if name:
                    names.add(name)
            elif holder is not None and holder.type == "assignment_expression":
                left = holder.child_by_field_name("left")
                if left is not None and left.type == "member_expression" and self.text(left).startswith("this."):
                    field = self.text(left)[5:]
                elif left is not None and left.type == "identifier":
                    names.add(self.text(left))  # `let conn; … conn = new ServerConnection()`
            elif holder is not None and holder.type in ("public_field_definition", "field_definition"):
                n = holder.child_by_field_name("name") or holder.child_by_field_name("property")
                field = self.text(n) if n is not None else ""
            body = self._class_body(node) if field else None  # (`this.protyle.ws = new Model()` too)
            if body is not None:
                fields[(body.id, field)] = self.text(ctor)
        return names, fields

    def _instance_class(self, obj: Node, name: str) -> str | None:
        """The app class whose instance `name` is where `obj` uses it: a `const name = new C(…)`
        in scope (not a parameter or another binding that shadows it)."""
        scope = self.parent(obj)
        child = obj
        while scope is not None:
            if scope.type in _FUNCTIONS and any(local == name for _, _, local, _ in self.params(scope)):
                return None
            if scope.type in _BLOCKS:
                decl = self._declaration_in(scope, name, child.start_byte)
                if decl is not None:
                    if decl.type != "variable_declarator":
                        return None
                    n = decl.child_by_field_name("name")
                    value = self.unwrap(decl.child_by_field_name("value"))
                    if value is None and n is not None and n.type == "identifier":
                        value = self._only_new(name, scope)  # `let conn;`, set once to a `new C()`
                    if n is None or n.type != "identifier" or value is None or value.type != "new_expression":
                        return None
                    ctor = self.unwrap(value.child_by_field_name("constructor"))
                    if ctor is None or ctor.type != "identifier":
                        return None
                    cls = self.text(ctor)
                    return cls if cls not in _SOCKET_CTORS and self._is_app_name(cls) else None
            child = scope
            scope = self.parent(scope)
        return None

    def _only_new(self, name: str, scope: Node) -> Node | None:
        """The `new C(…)` every assignment of `name` (declared in `scope` with no value) sets it
        to, when they all make one class; else None."""
        made: list[Node] = []
        for a in self.assignments_of(name):
            if not scope.start_byte <= a.start_byte < scope.end_byte or a.type != "assignment_expression":
                continue
            value = self.unwrap(a.child_by_field_name("right"))
            if value is None or value.type != "new_expression":
                return None
            made.append(value)
        ctors = {self.text(v.child_by_field_name("constructor") or v) for v in made}
        return made[0] if len(ctors) == 1 else None

    def _snippet(self, node: Node) -> str:
        """The first 160 characters of `node`'s text, its white space collapsed (read off a
        prefix of the text: a call can span the whole file)."""
        end = min(node.end_byte, node.start_byte + 1024)
        text = " ".join(self.src[node.start_byte:end].decode("utf-8", "replace").split())
        if len(text) <= 160 and end < node.end_byte:
            text = " ".join(self.text(node).split())
        return text[:160]

    def _path_owner(self, owners: list[Node], url: Value) -> Node | None:
        """Of the functions whose parameters `url` uses, the innermost whose own parameters
        fill its path, when the innermost fills none of it."""
        for fn in sorted({n.id: n for n in owners}.values(), key=lambda n: -n.start_byte):
            named = self.function_name(fn)
            if named is not None and url_info(only_owner(url, named[0])).param_in_path:
                return fn
        return None

    def _installed_plugin(self, call: Node) -> str:
        """The app's plugin object `X.use(Plugin, …)` installs (its `install` is called), or ""."""
        args = self.arg_nodes(call)
        first = self.unwrap(args[0]) if args else None
        if first is None or first.type != "identifier":
            return ""
        name = self.text(first)
        return name if self._is_app_name(name) and name not in self.local_functions() else ""

    def _is_app_name(self, name: str) -> bool:
        """Could `name` be a wrapper? Imported, declared in this file, or a module instance; in
        a classic script, any global another script may declare."""
        imported = self._imports.get(name)
        if imported is not None:
            return not _FRAMEWORKS.match(imported.source)
        if name in self.local_functions() or name in self._instance_names:
            return True
        return self._classic and name not in _BUILTINS and name[:1].isalpha()

    def _annotated(self) -> frozenset[str]:
        """The app's classes (imported or of this file) that the file names in a type annotation
        (`: RoomService`): the only types a typed receiver's member call can be a site of."""
        if self._annotated_types is None:
            named = {m.decode("utf-8", "replace") for m in _annotations(self.src)}
            self._annotated_types = frozenset(n for n in named if self._is_app_name(n))
        return self._annotated_types

    def _args(self, node: Node) -> tuple[Value, ...]:
        args = node.child_by_field_name("arguments")
        if args is None:
            return ()
        if args.type == "template_string":  # tagged template
            return ()
        return tuple(self.evaluate(a) for a in args.named_children if a.type != "comment")

    def _jsx_props(self, node: Node) -> Obj:
        fields: list[tuple[str, Value]] = []
        for attr in node.named_children:
            if attr.type != "jsx_attribute" or not attr.named_children:
                continue
            key = self.text(attr.named_children[0])
            val = attr.named_children[1] if len(attr.named_children) > 1 else None
            if val is None:
                fields.append((key, Unknown(key)))
            elif val.type == "jsx_expression":
                inner = val.named_children[0] if val.named_children else None
                fields.append((key, self.evaluate(inner)))
            else:
                fields.append((key, self.evaluate(val)))
        return Obj(tuple(fields))

    def site(self, node: Node, kind: str, callee: str, args: tuple[Value, ...], blocker: str = "",
             receiver: str = "", opener: libraries.Opener | None = None, adapted: bool = False) -> Site:
        """`blocker`: why `fix` would leave a socket alone (see `_blocker`); `receiver`: the class
        of the local instance a method is called on; `opener`: the library that opens a socket."""
        # `args` were evaluated just before; the parameters they used name the owner
        owners = self._owners_used
        self._owners_used = []
        owner_node: Node | None = None
        owner: str | None = None
        owner_kind: OwnerKind | None = None
        for fn in {n.id: n for n in owners}.values():
            lifted = self._returned_by(fn) if any(has_param(a) for a in args) else None
            if lifted is not None:  # `start(uri)` returned by `useWS`: the URL comes from useWS's callers
                outer, outer_name, _, prop = lifted
                named = self.function_name(fn)
                args = tuple(_lift(a, named[0] if named else "", f"{outer_name}#{prop}") for a in args)
                owners = [outer if n.id == fn.id else n for n in owners]
        if owners:
            owner_node = max(owners, key=lambda n: n.start_byte)
            if kind == "socket" and args and len({n.id for n in owners}) > 1:
                # `this.path` of the constructor in the path, `token` of `connect(token)` in the
                # query: the function whose parameters fill the path is the one callers pick it by
                owner_node = self._path_owner(owners, args[0]) or owner_node
            named = self.function_name(owner_node)
            if named is not None:
                owner, owner_kind = named
        # a socket a function handed to a call makes (`new LiveSocket(() => new WebSocket(url))`)
        # is no socket of the function around that call: the class it is handed to opens it
        made = creators.creator(self, node) if kind == "socket" and self.binding(node)[1] else ()
        if made:
            args = tuple(creators.as_params(self, node, a) for a in args)  # `(url) => new WebSocket(url)`
        if owner is None and not made:
            found = self.enclosing_named(node) or self._field_owner(node)
            if found is not None:
                owner_node, owner, owner_kind = found
        if len({n.id for n in owners}) > 1:
            args = tuple(only_owner(a, owner) for a in args)
        # `useLive((s) => s.socket)`, `useLive.getState().socket`: one property of a store's state
        selected = store_state.selection(self, node, kind, callee) if kind in ("call", "member-call") else None
        binding, returned = self.binding(selected[0] if selected is not None else node)
        handlers: list[Handler] = []
        registrations: list[Registration] = []
        closes = False
        sends = 0
        send_line = 0
        subscribe_sends: list[Node] = []
        message_values: list[Node] = []
        listen_via: list[tuple[str, str, int, int]] = []
        targets: list[str] = []
        scope = (0, 0)
        if binding.kind in ("variable", "member", "ref"):
            scope = self.binding_scope(node, binding)
            targets = self._aliases([binding.text, *self._chained_local(node)], scope)
        elif binding.kind == "destructured":
            scope = self.binding_scope(node, binding)
            targets = self._aliases(list(binding.names), scope)
        for attached in targets:
            for what, entry, target in self.attachments(attached, scope):
                if what in _SOCKET_EVENTS.values():
                    handlers.append(self.handler(what, entry, target, owner))
                    if what == "message":
                        message_values.append(target)
                elif what == listeners.LISTENS:  # `sock.addEventListener(type, callback)` of a helper's parameters
                    if kind == "socket":
                        registered, exposed = listeners.helper_handlers(self, entry, owner)
                        handlers.extend(registered)
                        listen_via.extend(exposed)
                elif what == _CLOSES:
                    closes = True
                elif what == _SENDS:
                    sends += 1
                    send_line = send_line or entry.start_point[0] + 1
                    if kind == "socket" and multiplexer.subscribes(self, entry):
                        subscribe_sends.append(entry)
                elif opener is not None and opener.subscribe and what in ("subscribe", "pipe"):
                    read, subscribed = relays.observed(self, what, entry)  # an observable socket's
                    handlers.extend(read)
                    message_values.extend(subscribed)
                elif binding.kind != "destructured":
                    registrations.extend(Registration(what, use) for use in registrations_.type_args(self, entry))
        for subject in relays.relayed(self, message_values) if message_values else ():
            # `this.received$.next(JSON.parse(e.data))`: read where the subject is piped
            body = self._class_body(node)
            handlers.extend(relays.handlers(self, subject, (body.start_byte, body.end_byte) if body is not None
                                            else (0, len(self.src))))
        multiplexed = bool(subscribe_sends)
        if kind == "socket" and not multiplexed:  # a `subscribe…` method of its object asks for them
            multiplexed = multiplexer.subscribed_by_object(self, owner_node, targets)
        listened = listeners.listened(self, node, kind, targets, scope, owner) if kind in ("call", "new") else ()
        relistened = reemits.relistened(self, node, kind, callee, targets, scope, owner) \
            if kind in ("call", "new", "member-call") else ()
        escape = 0
        if kind in ("socket", "call", "member-call", "new") and targets:
            # of a destructured result, only what may send (`ws`, `sendJsonMessage`; not `data`)
            held = targets if binding.kind != "destructured" else self._aliases(
                [n for n, p in zip(binding.names, binding.properties) if escapes.may_carry_send(p)], scope)
            # a socket returned is its callers' to follow (a wrapper's)
            escape = escapes.escape_line(self, node, held, scope, returns=kind != "socket") if held else 0
            if escape and not send_line and escapes.sends_at(self, escape, held):
                send_line, escape = escape, 0  # sent on where it is kept, not handed on
        kept_in = kept_.kept_in(self, targets, scope) if kind == "socket" and targets else ""
        store_key = store_state.store_key(self, node, binding, scope) if kind == "socket" and owner_kind == "hook" else ""
        selects = store_state.selects(self, kind, callee, binding, selected[1] if selected else "", scope) \
            if handlers and kind in ("call", "member-call") else ()
        holder = kept_.holder_of(self, node) if kept_in else None
        field_uses = kept_.field_uses(self, holder, kept_in) if holder is not None else ()
        if binding.kind == "destructured":
            for local, prop in zip(binding.names, binding.properties):
                for call in self._calls_by_name.get(local, ()):
                    if scope[0] <= call.start_byte < scope[1]:
                        if prop.startswith("send"):  # `const { sendJsonMessage } = useWS(…)`
                            send_line = send_line or call.start_point[0] + 1
                        registrations.extend(Registration(prop, use) for use in registrations_.type_args(self, call))
        if opener is not None:
            handlers.extend(registrations_.library_handlers(self, node, opener, binding))
        elif kind == "call" and binding.kind == "destructured" and set(binding.properties) & self._result_names:
            # an app wrapper may hand back a library's last message: read, kept if it does
            handlers.extend(registrations_.last_message(self, node, binding, self.openers))
        cleanup: bool | None = None
        in_react = False
        if kind in ("socket", "new", "member-call"):
            cleanup, in_react = lifecycle.cleanup(self, node, binding)
        if kind == "socket" and returned:
            binding = Binding("returned", binding.text, binding.names, binding.properties)
        if kind in ("call", "member-call", "new") and registrations:
            try:
                read_wrapper_call(Source(self.src, self.root), node)
            except NotCertain as exc:
                blocker = str(exc)
            except Exception as exc:  # noqa: BLE001 - a recogniser bug must not cost the scan
                blocker = f"not recognised ({type(exc).__name__})"
        arg_handlers: tuple[tuple[int, tuple[str, ...], Handler], ...] = ()
        arg_tables: tuple[tuple[int, tuple[str, ...], tuple[TypeUse, ...]], ...] = ()
        type_args: tuple[TypeUse, ...] = ()
        if kind in ("call", "new", "member-call", "jsx"):
            arg_handlers, arg_tables = registrations_.passed_in(self, node, kind)
            if kind != "jsx":
                type_args = tuple(registrations_.type_args(self, node))
        later: tuple[tuple[str, tuple[Value, ...]], ...] = ()
        if kind in ("call", "new", "member-call") and binding.kind in ("variable", "destructured"):
            later = self._later_calls(node, binding)
        exposes = exposure.exposes(self, node, binding, returned, handlers, arg_handlers, owner_node, owner)
        provides = exposure.provided_contexts(self, owner_node) if kind in ("socket", "call", "new") else ()
        kept = context_state.kept_as(self, owner_node, handlers) if provides else ()
        # a consumer of a context (or a hook that may return one): what it reads in each property
        reads = context_state.context_reads(self, binding, owner_node) if kind == "call" and (
            callee.startswith(_CONTEXT_CALLS) or _HOOK.match(callee)) else ()
        made_by = creators.calls_param(self, node, owner) if handlers and (
            kind == "member-call" and callee.startswith("this.") and callee.count(".") == 1
            or kind == "call" and "." not in callee) else None
        self._owners_used = []  # what reading the handlers evaluated names no owner of the next site
        return Site(
            kind=kind,  # type: ignore[arg-type]
            callee=callee,
            args=args,
            pos=self.pos(node),
            owner=owner,
            owner_kind=owner_kind,
            binding=binding,
            handlers=tuple(handlers),
            registrations=tuple(registrations),
            closes=closes,
            sends=sends,
            cleanup=cleanup,
            in_react=in_react,
            snippet=self._snippet(node),
            blocker=blocker,
            receiver=receiver,
            exposes=exposes,
            library=opener.library if opener is not None else "",
            type_args=type_args,
            arg_handlers=arg_handlers,
            arg_tables=arg_tables,
            provides=provides,
            kept_as=kept,
            context_reads=reads,
            later=later,
            multiplexed=multiplexed,
            routed=multiplexer.routed(self, subscribe_sends, message_values) if subscribe_sends else False,
            listen_via=tuple(dict.fromkeys(listen_via)),
            listened=listened,
            send_line=send_line,
            escape_line=escape,
            adapted=adapted,
            kept_in=kept_in,
            field_uses=field_uses,
            store_key=store_key,
            selects=selects,
            installed_as=handed.installed_as(self, node) if kind in ("new", "call") else "",
            creator=made,
            calls_param=made_by,
            relistened=relistened,
        )

    def _returned_by(self, fn: Node) -> tuple[Node, str, OwnerKind, str] | None:
        """(F, its name, its kind, P) when `fn` is a function F defines and returns as its
        result's property P (`return { start, stop }`)."""
        named = self.function_name(fn)
        outer = self.enclosing_named(self.parent(fn) or fn)
        if named is None or outer is None:
            return None
        local = named[0]
        for ret in lifecycle.own_returns(self, outer[0]):
            value = self.unwrap(ret.named_children[0]) if ret.named_children else None
            for c in value.named_children if value is not None and value.type == "object" else ():
                if c.type == "shorthand_property_identifier" and self.text(c) == local:
                    return outer[0], outer[1], outer[2], local
                if c.type == "pair":
                    v = self.unwrap(c.child_by_field_name("value"))
                    k = c.child_by_field_name("key")
                    if v is not None and k is not None and self.text(v) == local:
                        return outer[0], outer[1], outer[2], self.text(k)
        return None

    def _later_calls(self, node: Node, binding: Binding) -> tuple[tuple[str, tuple[Value, ...]], ...]:
        """The methods called on what `node` returns, in its scope, with their arguments:
        `stream.start('/api/gps')` on `const stream = useWS(…)`, `start('/x')` on `{ start }`."""
        scope = self.binding_scope(node, binding)
        found: list[tuple[str, Node]] = []
        if binding.kind == "variable":
            found = [(m, c) for m, c in self._member_calls.get(binding.text, ()) if scope[0] <= c.start_byte < scope[1]]
        else:
            for local, prop in zip(binding.names, binding.properties):
                found.extend((prop, c) for c in self._calls_by_name.get(local, ()) if scope[0] <= c.start_byte < scope[1])
        if not found:
            return ()
        mark = len(self._owners_used)
        try:
            # only what can spell out a URL is worth evaluating (`start('/api/gps')`)
            return tuple((m, tuple(self.evaluate(a) if a.type in _URL_ARGS else Unknown("") for a in self.arg_nodes(c)))
                         for m, c in found[:8])
        finally:
            del self._owners_used[mark:]

    def binding(self, node: Node) -> tuple[Binding, bool]:
        """Where the value of `node` is kept, and whether its function returns it."""
        child = node
        p = self.parent(node)
        while p is not None and (p.type in _WRAPPING or self._identity_call(p)):
            if p.type in _WRAPPING:
                child, p = p, self.parent(p)
                continue
            call = self.parent(p)  # `markRaw(new WebSocket(…))`: the call holds the same socket
            if call is None:
                break
            child, p = call, self.parent(call)
        if p is None:
            return Binding("none"), False
        b = Binding("none")
        if p.type == "variable_declarator" and p.child_by_field_name("value") == child:
            n = p.child_by_field_name("name")
            if n is not None and n.type == "identifier":
                decl = self.parent(p)
                holder = self.parent(decl) if decl is not None else None
                if holder is not None and holder.type == "export_statement":
                    holder = self.parent(holder)
                b = Binding("variable", self.text(n), module=holder is not None and holder.type == "program")
            elif n is not None and n.type == "object_pattern":
                pairs = self.pattern_names(n)
                return Binding("destructured", names=tuple(l for _, l in pairs),
                               properties=tuple(k for k, _ in pairs)), False
        elif p.type == "assignment_expression" and p.child_by_field_name("right") == child:
            left = p.child_by_field_name("left")
            if left is not None:
                text = self.text(left)
                if left.type == "identifier":
                    # a variable of the module set again (`ws = connect()` to reconnect)
                    scope = self.resolve_scope_of(text, left)
                    b = Binding("variable", text, assigned=scope is not None and scope.type == "program")
                elif left.type == "member_expression" and self._classic and module_.WINDOW_GLOBAL.match(text) \
                        and (top := self.parent(p)) is not None and self.parent(top) == self.root:
                    # `window.app = new Client(…)` at a script's top level: the global `app`
                    b = Binding("variable", text.split(".", 1)[1], module=True)
                elif left.type == "member_expression":
                    b = Binding("ref" if text.endswith(".current") else "member", self.this_text(left))
        elif p.type in ("public_field_definition", "field_definition"):
            n = p.child_by_field_name("name") or p.child_by_field_name("property")
            if n is not None:
                b = Binding("member", f"this.{self.text(n)}")
        elif p.type == "return_statement" or (p.type == "arrow_function" and p.child_by_field_name("body") == child):
            return Binding("returned"), True
        elif p.type == "arguments" and (call := self.parent(p)) is not None and call.type == "call_expression" \
                and len(self.arg_nodes(call)) == 1 and (state := messages.kept_state(self, call)) is not None:
            # `setWs(new WebSocket(url))` of `const [ws, setWs] = useState(…)`: kept in state,
            # its handlers set on `ws` (in an effect) where the state is declared
            return Binding("variable", state), False
        returned = False
        if b.kind == "variable":
            fn = self.enclosing_function(node)
            if fn is not None:
                for d in self.nodes_in("return", fn):
                    if d.named_children and self.text(d.named_children[0]) == b.text:
                        if self.enclosing_function(d) == fn:
                            returned = True
                            break
        return b, returned

    def _field_owner(self, node: Node) -> tuple[Node, str, OwnerKind] | None:
        """The class whose field initializer `node` is in (`private ws = new WebSocket(…)`), as
        its constructor would be: its constructor (or the class), its name, `class`."""
        body = self._class_body(node)
        if body is None or self.enclosing_function(node) is not None:
            return None
        cls = self.class_name(node)
        if cls is None:
            return None
        ctor = next((m for m in body.named_children if m.type == "method_definition"
                     and (n := m.child_by_field_name("name")) is not None and self.text(n) == "constructor"), None)
        holder = ctor if ctor is not None else self.parent(body)
        return (holder, cls, "class") if holder is not None else None

    def _identity_call(self, args: Node) -> bool:
        """Is `args` the arguments of a call that gives its one argument back (`markRaw(x)`)?"""
        call = self.parent(args) if args.type == "arguments" else None
        fn = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
        return fn is not None and self.text(fn) in _IDENTITY_CALLS and len(self.arg_nodes(call)) == 1  # type: ignore[arg-type]

    def _chained_local(self, node: Node) -> list[str]:
        """The variable a chained assignment also declares: `ws` of
        `const ws = (conn.current = new WebSocket(…))`, whose handlers go on `ws`."""
        p = self.parent(node)
        while p is not None and p.type in _WRAPPING:
            p = self.parent(p)
        if p is None or p.type != "assignment_expression":
            return []
        outer = self.parent(p)
        while outer is not None and outer.type in _WRAPPING:
            outer = self.parent(outer)
        n = outer.child_by_field_name("name") if outer is not None and outer.type == "variable_declarator" else None
        return [self.text(n)] if n is not None and n.type == "identifier" else []

    def _read_rhs(self) -> dict[str, list[int]]:
        self._rhs = _assigned_names(self.src)
        return self._rhs

    def _aliases(self, names: list[str], scope: tuple[int, int]) -> list[str]:
        """`names`, what they hold as a ref (`ws.value`, `ws.current`), and the variables of the
        scope declared or set as one of them (`const socket = ws.value!`, `socket = ws.value!`)."""
        if not names or names == [""]:
            return []
        out = list(dict.fromkeys(n for name in names for n in (name, f"{name}.value", f"{name}.current")))
        # a variable declared as one of them (`const socket = ws.value!`): looked for in the text
        # first, the tree only when it may be there
        places = self._rhs if self._rhs is not None else self._read_rhs()
        if not any(bisect_left(at, scope[1]) > bisect_left(at, scope[0])
                   for at in (places.get(name) for name in out) if at):
            return out
        index = self._alias_index
        if index is None:  # built once: the variables declared or set as a plain name or a ref's value
            index = self._alias_index = {}
            pairs = [(d, "name", "value") for d in self._nodes.get("decl", ())]
            pairs += [(a, "left", "right") for a in self._nodes.get("assign", ())]
            for node, left, right in pairs:
                value = self.unwrap(node.child_by_field_name(right))
                n = node.child_by_field_name(left)
                if value is not None and n is not None and n.type == "identifier" and value.type in (
                        "identifier", "member_expression"):
                    index.setdefault(self.text(value), []).append((node.start_byte, self.text(n)))
        for wanted in list(out):
            for start, name in index.get(wanted, ()):
                if scope[0] <= start < scope[1] and name not in out:
                    out.append(name)
        return out

    def _index_attachments(self, calls: list[Node], assigns: list[Node]
                           ) -> list[tuple[Node, str, Node | None, str]]:
        """One pass over calls and assignments: what is attached to which object text. Returns
        the calls of a name, (call, name, None, ""), and of a method, (call, method, object,
        object's text), in document order."""
        heads: list[tuple[Node, str, Node | None, str]] = []
        for a in assigns:
            left = a.child_by_field_name("left")
            right = a.child_by_field_name("right")
            if left is None or right is None or left.type != "member_expression":
                continue
            prop = left.child_by_field_name("property")
            obj = self.unwrap(left.child_by_field_name("object"))  # (`this.socket!.onmessage =`)
            if prop is None or obj is None:
                continue
            event = _SOCKET_EVENTS.get(self.text(prop))
            if event is not None and right.type not in ("null", "undefined"):
                self._attach.setdefault(self.this_text(obj), []).append((event, a, right))
        for c in calls:
            fn = self.unwrap(c.child_by_field_name("function"))
            if fn is None:
                continue
            if fn.type == "identifier":
                name = self.text(fn)
                self._calls_by_name.setdefault(name, []).append(c)
                heads.append((c, name, None, ""))
                continue
            if fn.type != "member_expression":
                continue
            prop = fn.child_by_field_name("property")
            obj = self.unwrap(fn.child_by_field_name("object"))  # (`ws!.addEventListener(…)`)
            if prop is None or obj is None:
                continue
            method = self.text(prop)
            target = self.text(obj)
            heads.append((c, method, obj, target))
            self._member_calls.setdefault(target, []).append((method, c))
            target = self.this_text(obj)  # (`sc.socket` of `let sc = this` is `this.socket`)
            if method == "addEventListener":
                ev = self.string_value(self._first_arg(c))
                args = c.child_by_field_name("arguments")
                named = [x for x in args.named_children if x.type != "comment"] if args else []
                if ev in ("message", "error", "close", "open") and len(named) > 1 and named[1].type != "string":
                    self._attach.setdefault(target, []).append((ev, c, named[1]))
                elif ev is None and len(named) > 1 and named[0].type == "identifier":
                    self._attach.setdefault(target, []).append((listeners.LISTENS, c, c))  # a helper's parameters
            elif method in _CLOSE_METHODS:
                self._attach.setdefault(target, []).append((_CLOSES, c, c))
            elif method == "subscribe" and not registrations_.may_register(self, c):
                self._attach.setdefault(target, []).append((method, c, c))  # `socket$.subscribe(fn)`
            elif method == "pipe":
                self._attach.setdefault(target, []).append((method, c, c))  # `socket$.pipe(filter(…))`
            elif method == "send" or method.startswith("send") and method[4:5].isupper():
                self._attach.setdefault(target, []).append((_SENDS, c, c))  # `.sendJsonMessage(…)` too
            elif method not in _NOT_REGISTRATION and method not in _SOCKET_EVENTS.values() \
                    and registrations_.may_register(self, c):
                # (`link.open(path)` opens: no handler of the socket's `open` event)
                self._attach.setdefault(target, []).append((method, c, c))
        return heads

    def this_text(self, node: Node) -> str:
        """The text of `node`, with a `const self = this` it starts with written `this`
        (`sc.socket` of `let sc = this` is `this.socket`): one name for one field."""
        text = self.text(node)
        head = node
        while head.type == "member_expression" and (obj := head.child_by_field_name("object")) is not None:
            head = obj
        if head is node or head.type != "identifier" or head.id == node.id:
            return text
        name = self.text(head)
        if name not in self._this_names() or not text.startswith(name + ".") or not self._is_this(head):
            return text
        return "this" + text[len(name):]

    def _this_names(self) -> frozenset[str]:
        """The names the file declares as `this` (`const self = this`): the only heads
        `this_text` looks up (it runs for every member call)."""
        if self._this_aliases is None:
            self._this_aliases = frozenset(m.decode() for m in _THIS_ALIAS.findall(self.src))
        return self._this_aliases

    def attachments(self, target: str, scope: tuple[int, int]) -> Iterator[tuple[str, Node, Node]]:
        for what, entry, value in self._attach.get(target, ()):
            if scope[0] <= entry.start_byte < scope[1]:
                yield what, entry, value

    # --- handlers --------------------------------------------------------------------------------

    def handler(self, event: str, entry: Node, value: Node, owner: str | None,
                root: messages.Root = "event") -> Handler:
        """The handler `value` set for `event` by `entry` (an assignment, a listener, an option)."""
        target, fn, param = handlers_.handler_function(self, value)
        style = "property" if entry.type == "assignment_expression" else (
            "listener" if entry.type == "call_expression" else "option")
        pos = self.pos(entry)
        if param is not None:  # the caller's own handler, handed in
            return Handler(event, style, target, pos, hands=(param,) if event == "message" else ())  # type: ignore[arg-type]
        if fn is None:
            if event == "message" and target.startswith("import:"):
                return Handler(event, style, target, pos, delegates=(target[7:],))  # type: ignore[arg-type]
            return Handler(event, style, target, pos)  # type: ignore[arg-type]
        if event == "message":
            if target.startswith("wrapped:"):
                root = "message"  # `receiveMessage(onWsMessage)` parses, then calls it
            read = messages.read_handler(self, fn, root)
            return messages.to_handler(read, event, style, target, pos)
        if event == "close":
            return Handler(event, style, target, pos, reconnect=lifecycle.reconnects(self, fn, owner))  # type: ignore[arg-type]
        return Handler(event, style, target, pos)  # type: ignore[arg-type]


def _lift(value: Value, inner: str, outer: str) -> Value:
    """`value` with the parameters of function `inner` named as those of `outer`."""
    if isinstance(value, Param):
        return Param(value.index, value.path, value.name, outer) if value.owner == inner else value
    if isinstance(value, Template):
        return concat(*(_lift(p, inner, outer) if not isinstance(p, (Lit, Unknown)) else Template((p,))
                        for p in value.parts))
    if isinstance(value, Choice):
        return Choice(tuple(_lift(o, inner, outer) for o in value.options), value.test, value.equals, value.negated,
                      value.each)
    return value


def _package_root(source: str) -> str:
    """`@scope/pkg` of `@scope/pkg/sub`, `pkg` of `pkg/sub`."""
    parts = source.split("/", 2)
    return "/".join(parts[:2]) if source.startswith("@") else parts[0]


