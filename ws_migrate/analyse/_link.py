"""Linking: join per-file summaries into connections, wrappers and findings.

Works on `FileSummary` data only (no parsing), so unchanged files come from the cache. Steps:
1. resolve every call's callee across files (imports, re-exports, tsconfig aliases, instances);
2. classify each `new WebSocket(url)`: a parameter in the URL's path makes its function a
   wrapper; otherwise it is a direct connection (or an external socket);
3. walk outward from each wrapper through its callers: a caller that passes its own parameter
   into the path is a wrapper too (chains); any other caller is a connection;
4. map message types to EventTypes with the rules, decide auto/manual, emit findings.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ws_migrate.analyse._findings import is_ignored, severity_of
from ws_migrate.analyse._inventory import (
    Connection,
    ExternalSocket,
    Finding,
    HandlerRef,
    Inventory,
    MessageType,
    SocketIOClient,
    TypeSite,
    UnifiedClient,
    Wrapper,
)
from ws_migrate.analyse._model import FileSummary, FunctionInfo, Handler, Pos, Site, TypeUse
from ws_migrate.analyse._tsconfig import ModuleResolver
from ws_migrate.analyse._values import (
    Call,
    Choice,
    Env,
    Lit,
    Obj,
    Param,
    Ref,
    Template,
    Unknown,
    UrlInfo,
    Value,
    alternatives,
    apply_later,
    called,
    choice_like,
    concat,
    describe,
    has_param,
    literal,
    literal_text,
    needs_link,
    only_owner,
    pick,
    sockets_of,
    substitute,
    unknown_helper,
    url_info,
)
from ws_migrate.analyse.shapes import _emitters as emitters
from ws_migrate.analyse.shapes import _kept as kept_
from ws_migrate.analyse.shapes import _store_state as store_state
from ws_migrate.analyse.shapes import _stores as stores
from ws_migrate.analyse.shapes._creators import CREATOR
from ws_migrate.analyse.shapes._messages import delegated
from ws_migrate.rules import EndpointRule, Rules, messages_of

# the scheme and host of a URL an `.env` file holds
_ENV_HOST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]*")
# the environment files an Angular build replaces by the configuration's (`fileReplacements`)
_BUILD_ENVIRONMENT = re.compile(r"(?:^|/)environments/environment(?:\.[\w-]+)?\.[jt]s$")
# what publishes an event on a bus by its name (`bus.emit('x')`, `Event.publish('x')`)
_BUS_EMITS = re.compile(r"^(?:emit|publish|trigger|fire|dispatch|dispatchEvent|broadcast|notify)$")

# Methods of a wrapper's result that register a handler per message type, unless the rules say.
DEFAULT_SUBSCRIBE_METHODS = frozenset(
    {"subscribe", "on", "addListener", "addHandler", "onMessage", "register", "listen", "handle",
     "onEvent", "addMessageListener"}
)
# any method that reads as registering a handler for a type (`registerEventHandler`, `onEvent`)
_REGISTERS = re.compile(r"^(?:on|subscribe|listen|register|add)[A-Z]?\w*$")
# what sockets and emitters call their own events: never a message type
_GLOBAL = "<global>"  # the file of the app's global properties (`$hub`), `shapes/_handed_clients`
_SOCKET_EVENT_NAMES = frozenset({"message", "open", "close", "error", "connect", "disconnect", "reconnect"})
_CONTEXT = ("useContext:", "React.useContext:", "inject:")
# names of fields that say what kind of message it is
_DISCRIMINATORS = frozenset({"type", "kind", "event", "eventtype", "action", "op", "opcode", "status", "cmd",
                             "command", "method", "topic", "msgtype", "messagetype", "category", "subject", "t"})
_MAX_CHAIN = 12
_NO_URL = Unknown("")  # the URL of `new WebSocket()`

SummaryLookup = Callable[[str], "FileSummary | None"]
Key = tuple[str, str]  # (file, name) of a function, hook, class or `Class.method`


@dataclass(frozen=True)
class _Opening:
    """A wrapper level: calling `key` opens a socket whose URL is `template` over its params."""

    key: Key
    kind: str
    template: Value
    chain: tuple[str, ...]  # wrapper names, outermost first
    site: Site  # where this level opens: the socket, or its call into the next wrapper
    origin_file: str
    origin: Site  # the `new WebSocket` at the end of the chain
    inner_sites: tuple[tuple[str, Site], ...]  # the call sites between, innermost last
    declared: bool = False
    subscribe: str | None = None
    # parameters of `key` its callers' handlers arrive in (`onMessage`, `opts.onData`), and the
    # ones it reads as handler tables keyed by type
    hands: tuple[Param, ...] = ()
    tables: tuple[Param, ...] = ()
    dispatch: str | None = None  # the field it looks registered handlers up by
    # a level made only because it leaves its messages to its callers (its endpoint is fixed):
    # with no caller, its own site is the connection
    fixed: bool = False
    parent: _Opening | None = None
    site_file: str = ""  # the file of `site`
    exposes: bool = False  # its callers get the messages (the socket, a way to register, their handler called)


@dataclass(frozen=True)
class _Read:
    """What a connection's handlers tell apart, wherever they are."""

    sites: tuple[TypeSite, ...]
    field: str | None


class _Linker:
    def __init__(self, summaries: dict[str, FileSummary], rules: Rules, resolver: ModuleResolver,
                 load: SummaryLookup) -> None:
        self.summaries = summaries
        self.rules = rules
        self.resolver = resolver
        self.load = load
        self.callers: dict[Key, list[tuple[str, Site]]] = defaultdict(list)
        self.by_name: dict[str, list[tuple[str, Site]]] = defaultdict(list)
        self.on_object: dict[Key, list[tuple[str, Site]]] = defaultdict(list)  # `x.on(…)` by what x is
        self.members: dict[Key, list[tuple[str, Site]]] = defaultdict(list)  # `x.m(…)` by what x is
        # registrations (`x.on(…)`, `x.addListener(…)`) on an instance of a class, by the class
        self.on_class: dict[Key, list[tuple[str, Site]]] = defaultdict(list)
        self.consumers: dict[Key, list[tuple[str, Site]]] = defaultdict(list)  # `useContext(X)` by X
        self.store_readers: dict[Key, list[tuple[str, str]]] = defaultdict(list)  # `$x` by what x is
        self.passed: dict[Key, list[tuple[str, Site]]] = defaultdict(list)  # calls given x, by what x is
        # `socket.addListener(fn)`: a listener of every message handed to an instance, by what it is
        self.listeners_on: dict[Key, list[tuple[str, Site]]] = defaultdict(list)
        self._rule_of: dict[str | None, EndpointRule | None] = {}
        self._infos: dict[int, tuple[Value, UrlInfo]] = {}
        self._globals: dict[str, str] | None = None
        self._instances: dict[str, dict[str, list[str]]] = {}
        self.uncalled: set[str] = set()  # levels no file read so far calls (their callers are looked for)
        self.partial = False  # a first round's link: the callers in files not read yet are unknown
        for rel in sorted(summaries):
            self._filter(rel)

    # --- symbol resolution -----------------------------------------------------------------------

    def summary(self, rel: str) -> FileSummary | None:
        s = self.summaries.get(rel)
        if s is None:
            s = self.load(rel)
            if s is not None:
                self.summaries[rel] = s
                s = self._filter(rel)
        return s

    def _filter(self, rel: str) -> FileSummary:
        """The summary of `rel` with each handler that gives the message to filters
        (`const data = processMessage(msg)`) read as the filters do: where every one of them
        gives back the message it is given (`FunctionInfo.passes`), its `filtered` reading."""
        s = self.summaries[rel]
        if not any(h.filtered for site in s.sockets + s.calls for h in site.handlers):
            return s

        def site_of(site: Site) -> Site:
            if not any(h.filtered for h in site.handlers):
                return site
            return replace(site, handlers=tuple(h.filtered if h.filtered is not None and all(
                self._passes(rel, name) for name in h.filters) else h for h in site.handlers))

        s = replace(s, sockets=tuple(site_of(x) for x in s.sockets), calls=tuple(site_of(x) for x in s.calls))
        self.summaries[rel] = s
        return s

    def _passes(self, rel: str, name: str) -> bool:
        """Does function `name` (as `rel` sees it) give back its first parameter, the message?"""
        key = self.resolve_symbol(rel, name)
        info = self.function_info(key) if not key[0].startswith("<") else None
        return info is not None and info.passes == 0

    def resolve_symbol(self, rel: str, name: str, depth: int = 0) -> Key:
        """The (file, local name) that defines `name` as seen from `rel`."""
        s = self.summary(rel)
        if s is None or depth > 8:
            return rel, name
        for imp in s.imports:
            if imp.local != name:
                continue
            target = self.resolver.resolve(rel, imp.source)
            if target is None:
                return f"<package:{imp.source}>", imp.imported
            if imp.imported == "*":
                return target, "*"
            return self.resolve_export(target, imp.imported, depth + 1)
        if s.classic and not self._defines((rel, name)):
            found = self.global_definition(name)
            if found is not None:
                return found, name
        return rel, name

    def global_definition(self, name: str) -> str | None:
        """The classic script (no import or export) whose top level defines `name`."""
        if self._globals is None:
            self._globals = {}
            for rel in sorted(self.summaries):
                s = self.summaries[rel]
                if s.classic:
                    for f in s.functions:
                        self._globals.setdefault(f.name, rel)
                    for n, _ in s.instances + s.constants:
                        self._globals.setdefault(n, rel)
        return self._globals.get(name)

    def resolve_export(self, rel: str, exported: str, depth: int) -> Key:
        s = self.summary(rel)
        if s is None or depth > 8:
            return rel, exported
        for e in s.exports:
            if e.exported == exported and e.source is None and e.local is not None:
                return self.resolve_symbol(rel, e.local, depth + 1)
            if e.exported == exported and e.source is not None and e.local is not None:
                target = self.resolver.resolve(rel, e.source)
                if target is not None:
                    return self.resolve_export(target, e.local, depth + 1)
        for e in s.exports:
            if e.exported == "*" and e.source is not None:
                target = self.resolver.resolve(rel, e.source)
                if target is None:
                    continue
                found = self.resolve_export(target, exported, depth + 1)
                if self._defines(found):
                    return found
        return rel, exported

    def _defines(self, key: Key) -> bool:
        s = self.summary(key[0])
        if s is None:
            return False
        return (any(f.name == key[1] for f in s.functions) or any(n == key[1] for n, _ in s.instances)
                or any(n == key[1] for n, _ in s.constants))

    def callee_key(self, rel: str, site: Site) -> Key | None:
        if site.kind in ("call", "new", "jsx"):
            return self.resolve_symbol(rel, site.callee)
        if site.kind == "member-call":
            obj, _, method = site.callee.rpartition(".")
            if site.receiver:  # a local instance: `const feed = new Feed(); feed.open(…)`
                crel, cname = self.resolve_symbol(rel, site.receiver)
                cs = self.summary(crel) if crel.endswith(".vue") else None
                for exposed, local in cs.exposes if cs is not None else ():
                    if exposed == method:  # `consoleRef.value.open(…)`: what the component exposes
                        return crel, local
                return crel, f"{cname}.{method}"
            if obj == "this":
                if site.owner is None:
                    return None
                return self.inherited(rel, site.owner.split(".")[0], method)
            orel, oname = self.resolve_symbol(rel, obj)
            if "." in obj:
                return None
            os_ = self.summary(orel)
            if os_ is None:
                return None
            for inst, cls in os_.instances:
                if inst == oname:
                    crel, cname = self.resolve_symbol(orel, cls)
                    return crel, f"{cname}.{method}"
            if oname == "*":  # `import * as api from './api'; api.openSocket(...)`
                return self.resolve_export(orel, method, 1)
            if self.function_info((orel, f"{oname}.{method}")) is not None:
                return orel, f"{oname}.{method}"  # a function of an object: `socketService.connect(…)`
        return None

    def inherited(self, rel: str, cls: str, method: str) -> Key:
        """The method `this.method` names in class `cls`: its own, or else one a base class of
        it defines (`class Files extends Model` calling `this.connect(…)` of `Model`), in any file."""
        key: Key = (rel, f"{cls}.{method}")
        at, name = rel, cls
        for _ in range(4):
            if self.function_info((at, f"{name}.{method}")) is not None:
                return at, f"{name}.{method}"
            s = self.summary(at)
            base = next((b for c, b in s.bases if c == name), None) if s is not None else None
            if base is None:
                break
            at, name = self.resolve_symbol(at, base)
            if at.startswith("<"):
                break
        return key

    def _hands_send(self, op: _Opening | None) -> bool:
        """May what the wrapper `op` calls returns send (not only its state or data)?"""
        info = self.function_info(op.key) if op is not None else None
        return info is None or info.hands_send

    def function_info(self, key: Key) -> FunctionInfo | None:
        s = self.summary(key[0])
        for f in s.functions if s else ():
            if f.name == key[1]:
                return f
        return None

    # --- values other files tell -----------------------------------------------------------------

    def resolved(self, rel: str, value: Value, depth: int = 0) -> Value:
        """`value` with its `Ref`s and `Call`s replaced by what the files they name say."""
        if depth > 6 or not needs_link(value):
            return value
        if isinstance(value, Ref):
            return self._ref(rel, value, depth)
        if isinstance(value, Call):
            return self._call(rel, value, depth)
        if isinstance(value, Env):
            return self._env(rel, value)
        if isinstance(value, Param) and value.default is not None:  # its default, in its own file
            return replace(value, default=self.resolved(rel, value.default, depth + 1))
        if isinstance(value, Template):
            return concat(*(self.resolved(rel, p, depth) if isinstance(p, (Ref, Call, Choice, Env, Param))
                            else Template((p,)) for p in value.parts))
        if isinstance(value, Obj):
            return Obj(tuple((k, self.resolved(rel, v, depth)) for k, v in value.fields))
        if isinstance(value, Choice):
            if value.test is not None:
                return pick(self.resolved(rel, value.options[0], depth), self.resolved(rel, value.options[1], depth),
                            self.resolved(rel, value.test, depth), value.equals, value.negated)
            return choice_like(value, *(self.resolved(rel, o, depth) for o in value.options))
        return value

    def _env(self, rel: str, env: Env) -> Value:
        """An environment variable the package's `.env` sets: the path of its value (a base
        like `ws://localhost:8000/ws` is `/ws` wherever the app is deployed); else run time."""
        value = self.resolver.env_value(rel, env.name)
        if value is None or "${" in value:
            return Unknown(env.name)
        path = _ENV_HOST.sub("", value.strip())
        return literal(path) if path.startswith("/") else Unknown(env.name)

    def _ref(self, rel: str, ref: Ref, depth: int) -> Value:
        drel, name = self.resolve_symbol(rel, ref.name)
        s = self.summary(drel) if not drel.startswith("<") else None
        value: Value | None = None
        for n, v in s.constants if s else ():
            if n == name:
                value = v
                break
        for key in ref.path if value is not None else ():
            value = value.get(key) if isinstance(value, Obj) else None
        if value is None:
            return Unknown(ref.label)
        text = literal_text(value)
        if text is not None and _BUILD_ENVIRONMENT.search(drel):
            # a field of an Angular `environments/environment.ts`, which the build swaps for the
            # target's: like a `.env` value, its path holds wherever the app runs, its host
            # and scheme (`'localhost:8000'`, `'ws:'`) are the developer's own
            path = _ENV_HOST.sub("", text.strip())
            return literal(path) if path.startswith("/") else Unknown(ref.label)
        return self.resolved(drel, value, depth + 1)

    def _call(self, rel: str, call: Call, depth: int) -> Value:
        args = tuple(self.resolved(rel, a, depth + 1) for a in call.args)
        obj, _, method = call.callee.rpartition(".")
        if obj.endswith("()"):  # a method of what a function is declared to return (`getManager()`)
            frel, fname = self.resolve_symbol(rel, obj[:-2])
            made = self.function_info((frel, fname)) if not frel.startswith("<") else None
            obj, rel = (made.returns_type, frel) if made is not None and made.returns_type else ("", rel)
            if not obj:
                return unknown_helper(call.name, args)
        if obj:
            orel, oname = self.resolve_symbol(rel, obj)
            # `api.wsUrl(…)` of `import * as api`, or of an object of functions (`selfCheck.url()`)
            key = self.resolve_export(orel, method, 1) if oname == "*" else (orel, f"{oname}.{method}")
        else:
            key = self.resolve_symbol(rel, call.callee)
        info = self.function_info(key) if key is not None and not key[0].startswith("<") else None
        if info is None or info.returns is None or key is None:
            return unknown_helper(call.name, args)
        return self.resolved(key[0], substitute(info.returns, args), depth + 1)

    def url_info(self, url: Value) -> UrlInfo:
        """`url_info` of a value of the summaries, memoised by identity (hashing a nested value
        for `url_info`'s own cache cost more than the rest of its lookups), its alternatives
        read together: the endpoints of each, secure unless every one is insecure."""
        known = self._infos.get(id(url))
        if known is not None and known[0] is url:
            return known[1]
        if isinstance(url, Choice) or (isinstance(url, Template) and any(isinstance(p, Choice) for p in url.parts)):
            info = _together([url_info(o, self.rules.app_hosts) for o in alternatives(url)])
        else:
            info = url_info(url, self.rules.app_hosts)
        self._infos[id(url)] = (url, info)  # the value is kept: its id is not reused meanwhile
        return info

    def endpoint_rule(self, endpoint: str | None) -> EndpointRule | None:
        if endpoint not in self._rule_of:
            self._rule_of[endpoint] = self.rules.endpoint_rule(endpoint)
        return self._rule_of[endpoint]

    def event_for(self, endpoint: str | None, message_type: str) -> str | None:
        if endpoint is None:
            return None
        return messages_of(self.rules, self.endpoint_rule(endpoint)).get(message_type)

    # --- the walk --------------------------------------------------------------------------------

    def index(self) -> None:
        for rel in sorted(self.summaries):
            s = self.summaries[rel]
            for name, _ in s.store_reads:
                self.store_readers[self.resolve_symbol(rel, name)].append((rel, name))
            for site in s.calls:
                if site.callee.startswith(_CONTEXT):
                    self.consumers[self.resolve_symbol(rel, site.callee.split(":", 1)[1])].append((rel, site))
                    continue
                key = self.callee_key(rel, site)
                if key is not None:
                    self.callers[key].append((rel, site))
                    if site.kind == "member-call" and site.type_args and "." in key[1] \
                            and emitters.is_registration(key[1].rsplit(".", 1)[1]):
                        self.on_class[(key[0], key[1].rsplit(".", 1)[0])].append((rel, site))
                self.by_name[site.callee.rsplit(".", 1)[-1] if site.kind == "member-call" else site.callee].append((rel, site))
                if site.arg_tables:  # `useChannel(productionWS, { … })`: tables for what it is given
                    for a in site.args:
                        name = a.name if isinstance(a, (Unknown, Ref)) and not getattr(a, "path", ()) else ""
                        if name and name.isidentifier():
                            self.passed[self.resolve_symbol(rel, name)].append((rel, site))
                obj = site.callee.rpartition(".")[0] if site.kind == "member-call" and not site.receiver else ""
                if obj.isidentifier() and obj != "this":  # `feed.watch(…)`: calls on what `feed` is
                    self.members[self.resolve_symbol(rel, obj)].append((rel, site))
                if site.kind == "member-call" and site.type_args and not site.receiver:
                    obj = site.callee.rpartition(".")[0]
                    if obj.startswith("$"):  # `this.$hub.on(…)`: the app's global property
                        self.on_object[(_GLOBAL, obj)].append((rel, site))
                    elif obj and obj != "this" and "." not in obj:
                        self.on_object[self.resolve_symbol(rel, obj)].append((rel, site))
                elif site.kind == "member-call" and site.arg_handlers and not site.receiver \
                        and _REGISTERS.match(site.callee.rsplit(".", 1)[-1]):
                    obj = site.callee.rpartition(".")[0]
                    if obj.isidentifier() and obj != "this":  # `socket.addListener((data) => …)`
                        self.listeners_on[self.resolve_symbol(rel, obj)].append((rel, site))
        self._handed()

    def _handed(self) -> None:
        """Registrations on what is handed on (`shapes/_handed_clients`): made on a parameter,
        they count for what the function's callers pass there (a module instance, a global
        property); a module instance installed as a global property has those made on it."""
        for rel in sorted(self.summaries):
            for site in self.summaries[rel].calls:
                if site.on_param < 0 or not site.type_args or not site.owner:
                    continue
                for crel, c in self.callers.get((rel, site.owner), ()):
                    name = _handed_name(c.args[site.on_param] if site.on_param < len(c.args) else None)
                    if name.startswith("$"):
                        self.on_object[(_GLOBAL, name)].append((rel, site))
                    elif name:
                        self.on_object[self.resolve_symbol(crel, name)].append((rel, site))
        for rel in sorted(self.summaries):
            for glob, local in self.summaries[rel].installs:
                self.on_object[(rel, local)].extend(self.on_object.get((_GLOBAL, glob), ()))

    def run(self, full: bool = True) -> Inventory:
        self.partial = not full
        self.index()
        connections: list[Connection] = []
        external: list[ExternalSocket] = []
        openings: list[_Opening] = []
        unified: list[UnifiedClient] = []
        declared = {w.name: w for w in self.rules.wrappers}
        opened: set[tuple[str, str, str, str]] = set()
        for rel in sorted(self.summaries):
            for site in self.summaries[rel].sockets:
                url = self.resolved(rel, site.args[0]) if site.args else _NO_URL
                if site.creator and has_param(url):  # `(url) => new WebSocket(url)`: what the class gives it
                    url = self.created_url(rel, site, url)
                info = self.url_info(url)
                client = self.unified_client(rel, site, info)
                if client is not None:
                    unified.append(client)
                    continue
                if info.external:
                    external.append(ExternalSocket(rel, site.pos.line, site.pos.column, describe(url), info.host))
                    continue
                key = (rel, site.owner) if site.owner else None
                op = self.opening(rel, site, url, info, key, None) if key is not None and site.owner not in declared else None
                if op is not None:
                    openings.append(op)
                elif full and not self._opened_again(rel, site, url, opened):
                    # one connection per socket: a loop over topics opens several here
                    connections.extend(self.connections(rel, site, "direct", None, url, rel, site, ()))
        openings.extend(self.declared_openings())
        wrappers: list[Wrapper] = []
        seen: set[tuple[Key, tuple[str, ...], int, str, int, str]] = set()
        queue = list(openings)
        while queue:
            op = queue.pop(0)
            mark = (op.key, op.chain, op.site.pos.start, op.origin_file, op.origin.pos.start, describe(op.template))
            if mark in seen:
                continue
            seen.add(mark)
            callers = [(r, c) for r, c in self.callers_of(op) if c.owner not in op.chain or c.owner is None]
            # no caller (a mixin's level is fixed: a component nobody mixes in; a function taking
            # its topic that nothing here calls still opens a socket: its endpoint keeps `{id}`)
            if not callers and (op.fixed or full and op.parent is None and op.kind != "mixin"
                                and (_topic_in_path(info := self.url_info(self.resolved(op.origin_file, op.template)))
                                     or (info.endpoint is not None and _handles_own(op)))):
                if full:  # no caller: the level's own site is the connection
                    connections.extend(self.fallback(op))
                    self.uncalled.add(op.chain[0].split(".")[0])
                else:  # its callers may be in files not read yet: its name is looked for
                    wrappers.append(self.wrapper(op))
                continue
            wrappers.append(self.wrapper(op))
            steps = []
            for crel, csite in callers:
                members = self.instance_calls(crel, csite, op)
                if members:  # a module instance of a factory: the calls of its functions are the callers
                    steps.extend(members)
                else:
                    steps.append((crel, csite, self.resolved(crel, called(op.template, csite.args, csite.later))))
            reopened: set[tuple[str, str, str, str]] = set()
            for crel, csite, t2 in steps:
                # `ws = connectWebSocket()` again, to reconnect, or `this.ws = this.open()` in
                # another branch of a class (after it dropped): one connection
                member = csite.binding.kind == "member" and csite.binding.text.startswith("this.")
                if csite.binding.assigned or member:
                    cls = (csite.owner or "").split(".")[0] if member else ""
                    holder = (crel, cls, csite.binding.text, describe(t2))
                    if holder in reopened:
                        continue
                    reopened.add(holder)
                elif csite.kind == "member-call" and csite.receiver and csite.binding.kind == "none":
                    # `terminalRef.value.open({ endpoint: '/x' })` in two branches or functions
                    # of one file (a connect and a reconnect): the same object asked for the
                    # same socket, one connection
                    # (its query may differ: `?name=x`, `?name=x&fresh=1`)
                    holder = (crel, "", csite.callee, self.url_info(t2).endpoint or describe(t2))
                    if holder in reopened:
                        continue
                    reopened.add(holder)
                info = self.url_info(t2)
                ckey = (crel, csite.owner) if csite.owner else None
                if csite.owner in declared and not op.declared:
                    continue  # inside a wrapper the rules declare: its own opening covers it
                nxt = None
                if (ckey is not None and len(op.chain) < _MAX_CHAIN and csite.owner not in declared
                        and csite.owner not in op.chain):
                    nxt = self.opening(crel, csite, t2, info, ckey, op)
                if nxt is not None:
                    queue.append(nxt)
                elif info.external:
                    external.append(ExternalSocket(crel, csite.pos.line, csite.pos.column, describe(t2), info.host))
                elif full:
                    connections.extend(self.connections(crel, csite, "wrapper-call", op, t2,
                                                        op.origin_file, op.origin, op.inner_sites))
        if not full:
            return Inventory(wrappers=tuple(wrappers))
        connections.sort(key=lambda c: (c.file, c.start))
        connections = _with_ids(_one_per_site(connections))
        adapted = [c for c in connections if c.adapted]  # migrated: no legacy connection, no finding
        connections = [c for c in connections if not c.adapted]
        calls: dict[str, int] = defaultdict(int)
        for c in connections:
            for name in c.via or ():
                calls[name] += 1
        wrappers = _dedupe_wrappers(wrappers, calls)
        findings, suppressed, connections = self.findings(connections, wrappers)
        return Inventory(
            connections=tuple(connections),
            wrappers=tuple(wrappers),
            findings=tuple(findings),
            message_types=message_types_of(connections, self.rules),
            external=tuple(sorted(set(external), key=lambda e: (e.file, e.line))),
            socketio=tuple(SocketIOClient(rel, pos.line, pos.column, text)
                           for rel in sorted(self.summaries) for pos, text in self.summaries[rel].socketio),
            unified=tuple(unified),
            adapted=tuple(adapted),
            suppressed=suppressed,
        )

    @staticmethod
    def _opened_again(rel: str, site: Site, url: Value, opened: set[tuple[str, str, str, str]]) -> bool:
        """Is `site` the same socket as one before it: kept in the same variable or field, by
        the same function (a module variable: by any), to the same URL (the arms of an `if` with
        and without a subprotocol, a re-open after a drop)? `opened` remembers those seen."""
        b = site.binding
        if b.kind not in ("variable", "member") or not b.text:
            return False
        where = "" if b.assigned or b.module else (site.owner or "")
        if b.kind == "member" and b.text.startswith("this."):
            where = (site.owner or "").split(".")[0]  # a field of one class
        key = (rel, where, b.text, describe(url))
        if key in opened:
            return True
        opened.add(key)
        return False

    def instance_calls(self, rel: str, site: Site, op: _Opening) -> list[tuple[str, Site, Value]]:
        """(file, call, URL it opens) for each call of a function of the object a factory returns
        (`feed.watch({ topic })`, parameters `createFeed#watch`) on the module instance `site`
        keeps it in (`const feed = createFeed(base)`), in any function of any file; [] when
        `site` is no such instance or nothing calls those functions on it."""
        if site.binding.kind != "variable" or not site.binding.module or not site.binding.text:
            return []
        factory = op.key[1]
        methods = {p.owner.rsplit("#", 1)[1] for p in _params(op.template) if p.owner.startswith(factory + "#")}
        if not methods:
            return []
        own = substitute(op.template, site.args, factory)  # its own parameters, from this call
        out: list[tuple[str, Site, Value]] = []
        for mrel, msite in self.members.get((rel, site.binding.text), ()):
            method = msite.callee.rpartition(".")[2]
            if method in methods:
                out.append((mrel, msite, self.resolved(mrel, apply_later(own, ((method, msite.args),)))))
        return out

    def _instances_of(self, rel: str, s: FileSummary) -> dict[str, list[str]]:
        """The module instances of `rel` by their class, built once (a module of thousands of
        sockets asked it of each, a scan of the file for each: 36 million string splits)."""
        found = self._instances.get(rel)
        if found is None:
            found = self._instances[rel] = defaultdict(list)
            for inst, cls in s.instances:
                found[cls].append(inst)
        return found

    def unified_client(self, rel: str, site: Site, info: UrlInfo) -> UnifiedClient | None:
        """The team's own unified client, when `site` is its socket: named in the rules'
        `unified_client:` (its function, class or the instance it is kept in), or found: one
        endpoint, subscribe frames built from a parameter, handlers looked up by type."""
        names = set(self.rules.unified_client)
        owner = site.owner or ""
        candidates = {owner, owner.split(".")[0], site.binding.text}
        s = self.summaries.get(rel)
        if s is not None:
            candidates.update(self._instances_of(rel, s).get(owner.split(".")[0], ()))
        named = sorted(c for c in candidates if c and c in names)
        found = site.multiplexed and not info.param_in_path and (site.routed or any(
            h.dispatch or h.tables or h.routes for h in site.handlers if h.event == "message"))
        if not named and not found:
            return None
        users: list[tuple[str, int]] = []
        holders = [n for n in candidates if n and n != owner]
        for holder in holders:  # `realtime.subscribe(…)` on the instance, in any file
            users.extend((r, c.pos.line) for r, c in self.on_object.get((rel, holder), ()))
        obj = owner.split(".")[0] if "." in owner else ""
        # the object's own methods called from outside it (`Hub.subscribe(room, path, fn)`)
        users.extend((r, c.pos.line) for r, c in self.members.get((rel, obj), ())
                     if obj and not (c.owner or "").startswith(obj + "."))
        # the calls of it, through the hooks that only pass its result on (`useFeed = () => useBus('feed')`)
        todo = list({(rel, owner), (rel, owner.split(".")[0])}) if owner else []
        seen: set[Key] = set()
        while todo:
            key = todo.pop()
            if key in seen or len(seen) > 50:
                continue
            seen.add(key)
            for r, c in self.callers.get(key, ()):
                if c.owner == owner or c.kind == "new" and c.binding.module and c.binding.text in holders:
                    continue  # (its module instance: the users are those of the instance)
                if obj and r == rel and (c.owner or "").startswith(obj + "."):
                    continue  # its own methods' calls of it (`await this.connect()` in `subscribe`)
                if c.exposes == "returned" and c.owner:
                    todo.append((r, c.owner))
                else:
                    users.append((r, c.pos.line))
        name = named[0] if named else (owner.split(".")[0] or site.binding.text or "socket")
        # files that use it mention these: they are read in the next round
        self.uncalled.update(k[1].split(".")[0] for k in seen)
        self.uncalled.update(h for h in holders if "." not in h)
        return UnifiedClient(name, rel, site.pos.line, info.endpoint, bool(named), tuple(sorted(set(users))))

    def opening(self, rel: str, site: Site, url: Value, info: UrlInfo, key: Key,
                inner: _Opening | None) -> _Opening | None:
        """The wrapper level `site` makes of the function around it, or None when `site` is a
        connection: its URL's path takes a parameter of that function, or the function leaves
        the messages to its callers (returns the socket or the wrapper's result, calls their
        handler, returns a way to register), unless every call of it gets the same socket (a
        store's hook)."""
        fn = self.function_info(key)
        if fn is not None and fn.shared:
            return None
        hands, tables, dispatch = self._hands(site, inner)
        if site.owner_kind == "mixin" and self._mixed(key, url, hands, tables):
            # a Vue options object that leaves members to those mixing it in: its connections
            key = (key[0], key[1].split(".")[0])
            return self._level(key, "mixin", url, site, rel, inner, hands, tables, dispatch, True, True)
        # returning the result passes the messages on only when the result has them; a
        # component's socket is its own (a provider calling an `onX` prop included): only a JSX
        # use that fills the path makes a component a wrapper
        exposes = site.owner_kind != "component" and (bool(hands or tables) or site.exposes in ("hands", "registry") or (
            site.exposes == "returned" and (inner is None or inner.exposes)))
        if not info.param_in_path and not exposes:
            return None
        # a component is one only when some JSX use fills the path with a literal
        passes_on = site.owner_kind != "component" and self._passes_on(info, inner)
        if info.param_in_path and not exposes and not passes_on and not self.eligible(
                key, url, frozenset(), site.owner_kind == "component"):
            return None
        kind = site.owner_kind or "function"
        if not info.param_in_path and site.owner_kind == "method" and site.binding.kind == "member":
            key = (key[0], key[1].split(".")[0])  # a class's own socket: each `new` is a connection
            kind = "class"
        return self._level(key, kind, url, site, rel, inner, hands, tables, dispatch,
                           not info.param_in_path, exposes)

    def _mixed(self, key: Key, url: Value, hands: tuple[Param, ...], tables: tuple[Param, ...]) -> bool:
        """Is the Vue options object around a socket (`key` a function of it) a mixin: mixed into
        components, or leaving members of `this` its socket needs to them?"""
        name = key[1].split(".")[0]
        return bool(self.callers.get((key[0], name))) or any(
            p.owner == name for p in (*hands, *tables, *_params(url)))

    def _level(self, key: Key, kind: str, url: Value, site: Site, rel: str, inner: _Opening | None,
               hands: tuple[Param, ...], tables: tuple[Param, ...], dispatch: str | None,
               fixed: bool, exposes: bool) -> _Opening:
        if inner is None:
            return _Opening(key, kind, url, (key[1],), site, rel, site, (), hands=hands, tables=tables,
                            dispatch=dispatch, fixed=fixed, site_file=rel, exposes=exposes)
        return _Opening(key, kind, url, (key[1],) + inner.chain, site, inner.origin_file, inner.origin,
                        inner.inner_sites + ((rel, site),), subscribe=inner.subscribe, hands=hands,
                        tables=tables, dispatch=dispatch or inner.dispatch,
                        fixed=fixed, parent=inner, site_file=rel, exposes=exposes)

    def _hands(self, site: Site, inner: _Opening | None) -> tuple[tuple[Param, ...], tuple[Param, ...], str | None]:
        """The parameters of the function around `site` that its callers' handlers and tables
        arrive in, and the field registered handlers are looked up by."""
        owner = site.owner or ""
        own = (owner, owner.split(".")[0])
        hands: list[Param] = []
        tables: list[Param] = []
        dispatch: str | None = None
        inner_hands = {(p.index, p.path) for p in inner.hands} if inner is not None else set()
        # (a class's socket: what its methods' parameters get, `connect(onFrame)`, is handed in
        # to those methods on its instance, `_handed_later`)
        method_of = f"{owner}." if site.owner_kind == "class" and inner is None else "\0"
        for h, given in [(h, True) for h in site.handlers] + [
                (h, inner is None or (i, path) in inner_hands) for i, path, h in site.arg_handlers]:
            if h.event != "message":
                continue
            hands.extend(p for p in h.hands if p.owner in own or p.owner.startswith(method_of))
            tables.extend(p for p in h.tables if p.owner in own)
            # a function handed to a parameter the level inside never calls with a message
            # (an error callback) looks nothing up by a field of one
            if h.dispatch and dispatch is None and given:
                dispatch = h.dispatch[0]
        if inner is not None:  # what the level inside takes, passed on from this one's parameters
            for p in inner.hands:
                v = substitute(p, site.args)
                if isinstance(v, Param) and v.owner in own:
                    hands.append(v)
            for p in inner.tables:
                v = substitute(p, site.args)
                if isinstance(v, Param) and v.owner in own:
                    tables.append(v)
        return tuple(dict.fromkeys(hands)), tuple(dict.fromkeys(tables)), dispatch

    def fallback(self, op: _Opening) -> list[Connection]:
        """The connections at a fixed level's own site, when nothing calls it (a Vue component
        nobody mixes in: what it leaves to its includers is undefined)."""
        template = substitute(op.template, (), op.key[1]) if op.kind == "mixin" else op.template
        if op.parent is None:
            return self.connections(op.origin_file, op.origin, "direct", None, template, op.origin_file,
                                    op.origin, ())
        return self.connections(op.site_file, op.site, "wrapper-call", op.parent, template,
                                op.origin_file, op.origin, op.parent.inner_sites)

    def connections(self, rel: str, site: Site, kind: str, op: _Opening | None, url: Value,
                    origin_file: str, origin: Site, inner: tuple[tuple[str, Site], ...]) -> list[Connection]:
        """The connections of one place: one per socket it opens (a loop over a list of topics
        opens one per element, each its own connection to its own endpoint)."""
        urls = sockets_of(url)
        made = [self.connection(rel, site, kind, op, u, origin_file, origin, inner) for u in urls]
        if len(made) > 1:
            for c in made:
                c.__dict__["loop"] = True  # made for this list only (see `_with_ids`)
        return made

    def callers_of(self, op: _Opening) -> list[tuple[str, Site]]:
        found = list(self.callers.get(op.key, ()))
        if op.declared and op.key[0] == "<declared>":
            found = [(r, s) for r, s in self.by_name.get(op.key[1].rsplit(".", 1)[-1], ())
                     if s.kind != "member-call" or "." in op.key[1]]
        return found

    def _exported(self, key: Key) -> bool:
        """Can code outside the file call `key` (a function, a class, a class's method)?"""
        s = self.summary(key[0])
        name = key[1].split(".")[0]
        return s is not None and any(e.local == name for e in s.exports)

    def _passes_on(self, info: UrlInfo, inner: _Opening | None) -> bool:
        """Does this level only pass its parameters on, fixing no part of the path itself (its
        callers then pick the endpoint, even with run-time values)?"""
        if inner is None:
            return info.endpoint is None or all(s.startswith("{") for s in info.endpoint.split("/") if s)
        return _holes(info) >= _holes(self.url_info(inner.template))

    def eligible(self, key: Key, template: Value, seen: frozenset[Key], component: bool = False) -> bool:
        """Is `key`, whose parameters fill part of a socket's path, a wrapper whose callers pick
        the endpoint? Only when some caller fills the path further (`useTopic('health')`), or
        passes its own parameters on to a caller that does. A function always called with
        run-time values (`usePipelineRuns({ namespace })`) is no wrapper: the call in it is the
        connection, `{namespace}` a run-time part of its endpoint. One nobody calls is a wrapper
        (with no connection): it takes the endpoint, and only code outside the repo picks it."""
        if key in seen or len(seen) > _MAX_CHAIN:
            return False
        callers = self.callers.get(key, ())
        # an exported function nobody calls yet: its callers may be in files not read so far
        # (a first round looks for them), or outside the repo
        if not callers and (not seen or self.partial) and self._exported(key):
            if not component:
                return True
            if self.partial:  # its JSX uses may be in files not read yet: they are looked for
                self.uncalled.add(key[1].split(".")[0])
        before = _holes(self.url_info(template))
        for crel, c in callers:
            t2 = self.resolved(crel, called(template, c.args, c.later))
            info = self.url_info(t2)
            if _holes(info) < before:
                return True
            if c.owner and info.param_in_path and self.eligible((crel, c.owner), t2, seen | {key}):
                return True
        return False

    def declared_openings(self) -> list[_Opening]:
        """Wrappers the rules declare: matched by name, their endpoint template taken as given."""
        out = []
        for w in self.rules.wrappers:
            key = self.find_definition(w.name)
            fn = self.function_info(key) if key else None
            template = _template_from_rule(w.endpoint, fn.params if fn else ())
            where = fn.pos if fn else Pos(w.line or 0, 1, 0, 0)
            origin = Site(kind="socket", callee="", args=(template,),
                          pos=where, owner=w.name, owner_kind=fn.kind if fn else "function")
            out.append(_Opening(key or ("<declared>", w.name), fn.kind if fn else "function", template,
                                (w.name,), origin, key[0] if key else "<rules>", origin, (),
                                declared=True, subscribe=w.subscribe))
        return out

    def find_definition(self, name: str) -> Key | None:
        for rel in sorted(self.summaries):
            s = self.summaries[rel]
            if any(f.name == name for f in s.functions):
                return rel, name
            if "." in name and any(site.owner == name for site in s.sockets + s.calls):
                return rel, name
        return None

    def wrapper(self, op: _Opening) -> Wrapper:
        info = self.url_info(op.template)
        template = info.endpoint if info.endpoint is not None else (info.path_template or describe(op.template))
        return Wrapper(
            name=op.chain[0],
            file=op.key[0] if not op.key[0].startswith("<") else "",
            line=op.site.pos.line,
            column=op.site.pos.column,
            kind=op.kind,
            endpoint_template=template,
            calls=0,
            next=op.chain[1] if len(op.chain) > 1 else None,
            declared=op.declared,
            subscribe=op.subscribe,
        )

    # --- connections -----------------------------------------------------------------------------

    def read(self, rel: str, site: Site, kind: str, op: _Opening | None,
             inner: tuple[tuple[str, Site], ...], origin_file: str, origin: Site,
             subscribe_methods: frozenset[str] | set[str], endpoint: str | None = None
             ) -> tuple[list[HandlerRef], _Read, bool]:
        """The handlers of a connection and the message types they tell apart: those of the call
        site, of the levels inside the wrapper, those handed in that the wrapper hands messages
        to, and those registered on what the socket or wrapper gives back, wherever that is."""
        handlers: list[HandlerRef] = []
        found: list[TypeSite] = []
        whole = False
        fields: list[str] = []

        def sites(frel: str, uses: Iterable[TypeUse], method: str = "") -> list[TypeSite]:
            return self._type_sites(frel, uses, method, (rel, site))  # (a parameter's value: this call's)

        def take(frel: str, h: Handler) -> None:
            """A handler found elsewhere: it, and what it compares, reads as and delegates."""
            nonlocal whole
            handlers.append(_handler_ref(frel, h))
            whole = whole or h.whole_message
            found.extend(sites(frel, h.type_uses))
            found.extend(self._declared(frel, h))
            for name in h.delegates:
                found.extend(self._delegated(frel, name))

        rule = self.endpoint_rule(endpoint)
        forced = rule.type_field if rule is not None else None  # the rules name this endpoint's field
        configured = forced or self.rules.envelope.type_field
        layers = [(rel, site)] + ([] if kind == "direct" else
                                  [(f, s) for f, s in reversed(inner)] + [(origin_file, origin)])
        made = self.creator_calls(origin_file, origin)  # `this.ws = this.create()` of the class handed it
        layers.extend(made)
        for frel, fsite in layers:
            for h in fsite.handlers:
                handlers.append(_handler_ref(frel, h))
                whole = whole or h.whole_message
                if h.event == "message" and h.dispatch and not h.type_uses:
                    fields.append(h.dispatch[0])  # `(this.hs[m.op] || []).forEach(…)`: looked up by `op`
                found.extend(sites(frel, h.type_uses))
                found.extend(self._declared(frel, h))
                found.extend(self._emitted(frel, h, fsite, kind == "wrapper-call" and site.kind == "new"))
                for name in h.delegates:
                    found.extend(self._delegated(frel, name))
                for entry in h.stores:  # `store.dispatch('socket/onMessage', msg)`: the action's types
                    found.extend(stores.stored(self, frel, entry))
            for r in fsite.registrations:
                if r.method in subscribe_methods or _REGISTERS.match(r.method):
                    found.extend(sites(frel, (r.use,), r.method))
            for crel, h in self.listened_on(frel, fsite):  # `handler.addEventListener('message', key, fn)`
                take(crel, h)
        for frel, h in self.relistened(rel, site, layers):  # `socket.addEventListener(E, fn)` of a re-emitter
            take(frel, h)
        if op is not None:  # handlers and tables handed in where the wrapper takes them
            for hrel, h in _handed_down(rel, site, op) + self._handed_later(rel, site, op):
                take(hrel, h)
            tables = {(p.index, p.path) for p in op.tables}
            fn = self.function_info(op.key)
            tables.update((i, ()) for i in (fn.tables if fn else ()))
            for index, path, keys in site.arg_tables:
                if (index, path) in tables:
                    found.extend(sites(rel, keys))
            if op.dispatch:
                fields.append(op.dispatch)
        if site.binding.module and site.binding.kind == "variable":
            # handler tables given with it to a function that registers them on it
            for frel, fsite in self.passed.get((rel, site.binding.text), ()):
                key = self.callee_key(frel, fsite)
                fn = self.function_info(key) if key is not None else None
                for index, path, keys in fsite.arg_tables:
                    if fn is not None and index in fn.tables and not path:
                        found.extend(sites(frel, keys))
        if site.binding.module and site.binding.kind == "variable":  # Svelte's `$store` of it
            for frel, local in self.store_readers.get((rel, site.binding.text), ()):
                for name, uses in self.summaries[frel].store_reads:
                    if name == local:
                        found.extend(sites(frel, uses))
        # what consumers read of the last message kept in state and provided (by the component
        # around the socket, itself a wrapper whose JSX use is the connection, or this one)
        kept = (rel, site) if site.kept_as else (origin_file, origin)
        for frel, fsite in self.context_consumers(*kept) if kept[1].kept_as else ():
            for prop, uses in fsite.context_reads:
                if prop in kept[1].kept_as:
                    found.extend(sites(frel, uses))
        for frel, fsite in self.registration_sources(rel, site):
            for r in fsite.registrations:
                if r.method in subscribe_methods or _REGISTERS.match(r.method):
                    found.extend(sites(frel, (r.use,), r.method))
            method = fsite.callee.rsplit(".", 1)[-1] if fsite.kind == "member-call" else ""
            if method and (method in subscribe_methods or _REGISTERS.match(method)):
                found.extend(sites(frel, fsite.type_args, method))
        for frel, h in store_state.held_handlers(self, rel, site):  # `useLive((s) => s.socket)` elsewhere
            take(frel, h)
        listening = self.instance_listeners(rel, site, origin_file, origin)
        for crel, csite in made:  # the listeners of the instance the creator was handed to
            held = origin.creator[3] if origin.creator else ""
            listening.extend(self.instance_listeners(rel, site, crel, csite, (origin_file, held) if held else None))
        for frel, h in listening:
            # `socket.addListener((data) => this.onData(data))` on the instance whose class
            # hands each message to its listeners: the function reads the whole message
            take(frel, h)
        # `socket.on('message', fn)` registers for the socket's own event, not a message type,
        # and so does one for an event the class fires itself (`this.emit('frame', msg)`)
        own = self._fired_events(layers)
        found = [t for t in found if t.type and not (t.how == "register" and (
            t.type in _SOCKET_EVENT_NAMES or t.type in own))]
        return handlers, _pick_field(found, fields, configured, forced), whole

    def _handed_later(self, rel: str, site: Site, op: _Opening) -> list[tuple[str, Handler]]:
        """The functions handed to a method of the instance a `new` made, where that method's
        parameter gets the messages (`const s = new Feed(url); s.connect((msg) => …)` of
        `connect(onFrame) { … socket.onmessage = (e) => onFrame(JSON.parse(e.data)) }`)."""
        cls = op.key[1].split(".")[0]
        methods = {p.owner.split(".", 1)[1]: p for p in op.hands if p.owner.startswith(cls + ".")}
        s = self.summaries.get(rel)
        if site.kind != "new" or site.binding.kind != "variable" or not methods or s is None:
            return []
        out: list[tuple[str, Handler]] = []
        for c in s.calls:
            obj, _, method = c.callee.rpartition(".")
            p = methods.get(method)
            if c.kind == "member-call" and obj == site.binding.text and p is not None and c.owner == site.owner:
                out.extend((rel, h) for index, path, h in c.arg_handlers if (index, path) == (p.index, p.path))
        return out

    def relistened(self, rel: str, site: Site, layers: list[tuple[str, Site]]) -> list[tuple[str, Handler]]:
        """The listeners added, at the connection's call or on the module instance it is kept
        in, for an event the socket's class fires each message again as (`this.emit('message',
        msg)`), read in the way the class hands it over (`shapes/_reemits`)."""
        fired = {(self._event_text(frel, ev), how) for frel, fsite in layers for h in fsite.handlers
                 if h.event == "message" for ev, how in h.reemits}
        fired.discard(("", ""))
        if not fired:
            return []
        out: list[tuple[str, Handler]] = []
        for frel, fsite in [(rel, site), *self.registration_sources(rel, site)]:
            for ev, root, h in fsite.relistened:
                if (self._event_text(frel, ev), root) in fired:
                    out.append((frel, h))
        return out

    def _fired_events(self, layers: list[tuple[str, Site]]) -> frozenset[str]:
        """The events the class of a re-emitting socket fires itself: those it fires each message
        as, and any it emits with a literal (`this.emit('closed')`)."""
        out: set[str] = set()
        for frel, fsite in layers:
            again = [ev for h in fsite.handlers if h.event == "message" for ev, _ in h.reemits]
            if again and fsite.owner:
                out.update(self._event_text(frel, ev) for ev in again)
                out.update(emitters.own_events(self.summaries.get(frel), fsite.owner.split(".")[0]))
        return frozenset(out - {""})

    def _event_text(self, rel: str, spec: str) -> str:
        """The event name an `event_spec` stands for in file `rel` (a constant's value)."""
        how, _, text = spec.partition(":")
        if how == "lit":
            return text
        head, *path = text.split(".")
        value = self.resolved(rel, Ref(head, tuple(path))) if text else None
        return literal_text(value) or "" if value is not None else ""

    def listened_on(self, rel: str, site: Site) -> list[tuple[str, Handler]]:
        """The handlers registered on the socket `site` through a listener helper (`Site.listen_via`):
        by the calls of the module's helper in other files, and of the property a factory returns
        on what each call of the factory returned, in any file (`Site.listened`)."""
        out: list[tuple[str, Handler]] = []
        for factory, prop, ei, ci in site.listen_via:
            for crel, csite in self.callers.get((rel, factory), ()):
                if not prop and crel == rel:
                    continue  # (the helper's calls in its own file: read with the socket)
                out.extend((crel, h) for m, e, c, h in csite.listened if (m, e, c) == (prop, ei, ci))
        return out

    def _type_sites(self, rel: str, uses: Iterable[TypeUse], method: str = "",
                    at: tuple[str, Site] | None = None) -> list[TypeSite]:
        """The type sites of `uses`; a use compared with a parameter takes what the callers give,
        only that of the call `at` when it is one (each call of a filter hook: its own type)."""
        out = []
        for u in uses:
            text = u.type
            if u.param is not None:
                out.extend(self._given(rel, u, method, at))
                continue
            if not text and u.ref is not None:
                value = self._ref(rel, u.ref, 0)
                text = _text_of(value) or ""
            if text:
                how = "register" if method else u.how
                out.append(TypeSite(text, rel, u.pos.line, u.pos.column, how, method, u.field, u.within))
        return out

    def _given(self, rel: str, use: TypeUse, method: str, at: tuple[str, Site] | None,
               depth: int = 0) -> list[TypeSite]:
        """A field compared with a parameter (`$socket.kind == fallback.kind` in
        `createStore(fallback)`): the values the function's callers give it, where they do."""
        assert use.param is not None
        callers = self.callers.get((rel, use.param.owner), [])
        # each call of it a connection of its own (`useFeedEvent('price', fn)`): that call's value
        mine = [(r, c) for r, c in callers if at is not None and r == at[0] and c is at[1]]
        out: list[TypeSite] = []
        for crel, c in mine or callers:
            if use.keys:  # the keys of the table the call gives there (`createFeed({ [Ev.ADDED]: fn })`)
                keys = [k for index, path, ks in c.arg_tables if (index, path) == (use.param.index, use.param.path)
                        for k in ks]
                out.extend(replace(t, field=use.field) for t in self._type_sites(crel, keys, method))
                continue
            given = substitute(use.param, c.args)
            if isinstance(given, Param) and given.owner and given.owner == c.owner and depth < 3:
                # a hook passing its own parameter on (`useWs(topic)` → `subscribeTopic(topic, l)`):
                # what its callers give
                out.extend(self._given(crel, replace(use, param=given), method, None, depth + 1))
                continue
            text = _text_of(self.resolved(crel, given))
            if text:
                out.append(TypeSite(text, crel, c.pos.line, c.pos.column, "register" if method else use.how, method,
                                    use.field))
        return out

    def _emitted(self, rel: str, h: Handler, site: Site, one: bool = False) -> list[TypeSite]:
        """The types registered, in any file, on the objects handler `h` emits each message on
        by a field (`bus.emit(msg.event, msg.data)`; `bus.on('order_paid', fn)`), and on the
        instances of the emitter class around `site` that emits them on itself (`this.emit`),
        unless the connection is `one` instance (a `new C()` of its own: its registrations are
        those on it)."""
        out: list[TypeSite] = []
        by = h.dispatch[0] if h.dispatch else ""  # the field the message is emitted by
        if "this" in h.emits_to and site.owner and not one:
            cls = site.owner.split(".")[0]
            own = emitters.own_events(self.summaries.get(rel), cls)
            out.extend(replace(t, field=by) for t in emitters.registered(self, rel, cls) if t.type not in own)
        for name in h.emits_to:
            if name == "this":
                continue
            sites = self.on_object.get(self.resolve_symbol(rel, name), ())
            # what the app publishes on the bus itself, by name (`Event.publish('viewer.show')`),
            # is its own event, not one the socket brings: the bus carries both
            local = {t.type for frel, fsite in sites if _BUS_EMITS.match(fsite.callee.rsplit(".", 1)[-1])
                     for t in self._type_sites(frel, fsite.type_args, "")}
            for frel, fsite in sites:
                method = fsite.callee.rsplit(".", 1)[-1]
                if _REGISTERS.match(method) or method == "once":
                    # (mitt's `'*'` is every event, no type)
                    out.extend(replace(t, field=by) for t in self._type_sites(frel, fsite.type_args, method)
                               if t.type != "*" and t.type not in local)
        return out

    def _declared(self, rel: str, h: Handler) -> list[TypeSite]:
        """The string-literal properties of the types handler `h` reads its message as, in the
        file that declares each (`shapes/_declared.py`); which property counts is decided with
        the connection's discriminator. A handler that tells types apart itself handles the
        types it compares, not all those its type lists: then only a property whose value it
        hands on counts (`type = m.type === 'added' ? 'created' : m.type`)."""
        own = bool(h.type_uses)
        passed = {f for f, _ in h.passed}
        out = []
        for name in h.declared:
            drel, dname = self.resolve_symbol(rel, name)
            s = self.summary(drel) if not drel.startswith("<") else None
            for tname, prop, value, pos in s.declared_types if s else ():
                if tname == dname and (not own or prop in passed):
                    out.append(TypeSite(value, drel, pos.line, pos.column, "declared", "", prop))
        return out

    def _delegated(self, rel: str, name: str) -> list[TypeSite]:
        """The types an imported function (or a method of an imported class, `Router.route`)
        tells apart in the message it is given."""
        name, at = delegated(name)  # (`handle@1`: given it as its second argument)
        head, dot, method = name.partition(".")
        drel, dname = self.resolve_symbol(rel, head)
        dname = f"{dname}.{method}" if dot else dname
        info = self.function_info((drel, dname)) if not drel.startswith("<") else None
        return self._type_sites(drel, info.reads) if info is not None and info.reads_at == at else []

    def creator_calls(self, rel: str, site: Site) -> list[tuple[str, Site]]:
        """Where the class handed the function that makes the socket at `site` calls it
        (`new LiveSocket(() => new WebSocket(url))`: `this.ws = this.create()` of `LiveSocket`),
        with the handlers set on what it returns (`shapes/_creators`)."""
        if not site.creator:
            return []
        callee, index, path, _ = site.creator
        crel, cname = self.resolve_symbol(rel, callee)
        s = self.summary(crel) if not crel.startswith("<") else None
        return [(crel, c) for c in s.calls if c.calls_param == (index, path)
                and (c.owner or "").split(".")[0] == cname] if s is not None else []

    def created_url(self, rel: str, site: Site, url: Value) -> Value:
        """The URL of a socket its creator opens from its own parameters: the arguments the
        class calls it with (`makeSocket(url)`), those of the constructor's own parameters filled
        by the `new` the creator is handed to (`new StreamClient(streamUrl(), (url) => …)`)."""
        for crel, csite in self.creator_calls(rel, site):
            inner = self.resolved(crel, substitute(url, csite.args, CREATOR))
            cls = (csite.owner or "").split(".")[0]
            made = next((c for c in self.summaries[rel].calls if c.pos.start < site.pos.start < c.pos.end
                         and c.callee == site.creator[0]), None) if site.creator else None
            if made is not None and has_param(inner):
                inner = self.resolved(rel, substitute(inner, made.args, cls))
            return only_owner(inner, None)
        return only_owner(url, None)

    def instance_listeners(self, rel: str, site: Site, origin_file: str, origin: Site,
                           instance: Key | None = None) -> list[tuple[str, Handler]]:
        """The functions given, in any file, to a listener-adding method (`addListener(fn)`,
        `onMessage(fn)`) of the module instance the connection is (`site` kept in it, or
        `instance`), or of the file's instances of the class whose socket hands each message on
        (`this.callListeners(msg)`, `this.listeners.forEach((l) => l(msg))`): each reads the
        whole message."""
        messages = [h for h in origin.handlers if h.event == "message"]
        # (a socket whose handler tells the messages apart itself gives its listeners none)
        if not messages or any(h.type_uses or h.dispatch for h in messages):
            return []
        keys: list[Key] = [instance] if instance is not None else []
        if site.binding.module and site.binding.kind == "variable":
            keys.append((rel, site.binding.text))
        cls = (origin.owner or "").split(".")[0]
        summary = self.summaries.get(origin_file)
        if cls and summary is not None:
            keys.extend((origin_file, inst) for inst, c in summary.instances if c == cls)
        out: list[tuple[str, Handler]] = []
        for key in dict.fromkeys(keys):
            for frel, fsite in self.listeners_on.get(key, ()):
                out.extend((frel, h) for index, path, h in fsite.arg_handlers if index == 0 and not path)
        return out

    def registration_sources(self, rel: str, site: Site) -> list[tuple[str, Site]]:
        """Sites elsewhere whose registrations count for the connection at `site`: methods called
        on the module's instance it is kept in (`alertsWS.on(…)` in any file), calls of the
        store hook it is opened in, consumers of the context its component provides."""
        out: list[tuple[str, Site]] = []
        if site.binding.module and site.binding.kind == "variable":
            out.extend((r, s) for r, s in self.on_object.get((rel, site.binding.text), ())
                       if r != rel or not site.registrations)
        if site.installed_as:  # `inject('hub', new LiveHub(context))`: `this.$hub.on(…)` anywhere
            out.extend(self.on_object.get((_GLOBAL, site.installed_as), ()))
        if site.owner:
            fn = self.function_info((rel, site.owner))
            if fn is not None and fn.shared:
                out.extend(self.callers.get((rel, site.owner), ()))
        out.extend(self.context_consumers(rel, site))
        return out

    def context_consumers(self, rel: str, site: Site) -> list[tuple[str, Site]]:
        """The consumers of the contexts the component around `site` provides: `useContext(X)`,
        and the calls of a hook that returns what it gives (`useWs = () => useContext(X)`, or
        `const ctx = useContext(X); …; return ctx`)."""
        out: list[tuple[str, Site]] = []
        for ctx in site.provides:
            key = self.resolve_symbol(rel, ctx)
            for crel, consumer in self.consumers.get(key, ()):
                out.append((crel, consumer))
                if consumer.owner and consumer.exposes == "returned":
                    out.extend(self.callers.get((crel, consumer.owner), ()))
        return out

    def connection(self, rel: str, site: Site, kind: str, op: _Opening | None, url: Value,
                   origin_file: str, origin: Site, inner: tuple[tuple[str, Site], ...]) -> Connection:
        info = self.url_info(url)
        rule = self.endpoint_rule(info.endpoint)
        subscribe_methods = {op.subscribe} if op and op.subscribe else DEFAULT_SUBSCRIBE_METHODS
        reasons: list[str] = []
        handlers, read, whole = self.read(rel, site, kind, op, inner, origin_file, origin, subscribe_methods,
                                          info.endpoint)
        type_sites = list(read.sites)
        for h in site.handlers:
            if h.target.startswith("unknown:"):
                reasons.append(f"{h.event} handler {h.target[8:]} is not defined in this file")
        types = tuple(sorted({t.type for t in type_sites}))
        events: list[str] = []
        unmapped: list[str] = []
        for t in types:
            ev = self.event_for(info.endpoint, t)
            if ev is None:
                unmapped.append(t)
            elif ev not in events:
                events.append(ev)
        if rule is not None and rule.default_event and (whole or not types):
            if rule.default_event not in events:
                events.append(rule.default_event)
        if info.endpoint is None:
            reasons.append("endpoint could not be resolved")
        elif rule is None:
            reasons.append(f"no rule for endpoint {info.endpoint}")
        else:
            reasons.extend(f"message type '{t}' has no EventType on {rule.pattern}" for t in unmapped)
            if whole and not rule.default_event:
                reasons.append(f"a handler uses the whole message but {rule.pattern} has no default_event")
        summary = self.summaries.get(rel)
        if summary is not None and summary.parse_error is not None:
            reasons.append("file has syntax errors")
        if kind == "direct" and site.binding.kind == "none" and not site.library:
            reasons.append("the socket is not kept in a variable, field or ref")
        elif kind == "direct" and site.blocker:
            reasons.append(site.blocker)
        handed = [(path, h) for index, path, h in site.arg_handlers
                  if op is not None and any(p.index == index and p.path == path for p in op.hands)]
        if kind == "wrapper-call":
            if site.blocker:
                reasons.append(site.blocker)
            elif not site.registrations and handed:
                path, h = handed[0]
                name = ".".join(path) or "a function argument"
                reasons.append(f"its handlers are handed to {op.chain[0] if op else 'the wrapper'} as options "
                               f"(`{name}`, line {h.pos.line}), not registered per message type: `fix` "
                               "rewrites per-type registrations only")
            elif not site.registrations and site.handlers:
                reasons.append("its handlers are set on what the wrapper returns (`.onmessage`), not "
                               "registered per message type: `fix` rewrites per-type registrations only")
            elif not site.registrations and (elsewhere := self.registration_sources(rel, site)):
                frel, fsite = elsewhere[0]
                held = f"`{site.binding.text or site.installed_as}`" if site.binding.text or site.installed_as \
                    else "what the call returns"
                reasons.append(f"handlers are registered on {held} elsewhere ({frel}:{fsite.pos.line}), "
                               "not on the call's result where it is made: `fix` rewrites only "
                               "registrations next to the call")
            elif not site.registrations and origin.kept_as and (readers := self.context_consumers(origin_file, origin)):
                frel, fsite = next(((r, s) for r, s in readers if s.context_reads), readers[0])
                held = ", ".join(f"`{p}`" if p else "the value" for p in origin.kept_as)
                reasons.append(f"{op.chain[-1] if op else 'the wrapper'} keeps the last message in state and "
                               f"provides it ({held} of {origin.provides[0]}); its consumers read it elsewhere "
                               f"({frel}:{fsite.pos.line}): `fix` rewrites only handlers next to the socket or the call")
            elif site.owner_kind == "mixin" and op is not None:
                reasons.append(f"it is a Vue mixin entry (`mixins: [...]`, line {site.pos.line}): the socket is "
                               f"opened in {op.chain[-1]} for the members this component defines, and `fix` "
                               "does not rewrite mixins yet")
            elif not site.registrations and any(i in {p.index for p in (op.hands if op else ())}
                                                for i, _ in enumerate(site.args)):
                reasons.append(f"{op.chain[0] if op else 'the wrapper'} hands its messages to the functions "
                               f"the call passes in (line {site.pos.line}): `fix` rewrites per-type "
                               "registrations on the call's result only")
            elif not site.registrations and site.arg_handlers:
                _, _, h = site.arg_handlers[0]
                reasons.append(f"the functions the call hands {op.chain[0] if op else 'the wrapper'} (line "
                               f"{h.pos.line}) are not seen to get the message itself, and nothing is "
                               "registered per message type on its result")
            elif not site.registrations:
                reasons.append("no handler is registered on the wrapper's result")
            elif not any(h.forwards_payload for h in origin.handlers if h.event == "message"):
                reasons.append("cannot tell that the wrapper hands its handlers the payload")
            elif any(r.method not in subscribe_methods for r in site.registrations):
                reasons.append("a method of the wrapper's result is not a known subscribe method")
        emitter = emitters.emitting_class(origin)  # `this.emit(msg.event)`: on its instances
        if kind == "wrapper-call" and site.kind == "new":
            emitter = ""  # one instance: the connection is its own `new`
        handed_on = emitters.handed_on(self, origin_file, emitter) if emitter else None
        if handed_on is not None:
            made, line, at = handed_on
            reasons.append(f"the {emitter} made at {made}:{line} is handed on (line {at}): what is "
                           "registered on it where it is taken back (a store, a context, a parameter) is not "
                           "followed, so its message types may be incomplete")
        if not handlers and not type_sites:
            reasons.append("no message handler found for this connection")
        cleanup = origin.cleanup if kind == "wrapper-call" else site.cleanup
        if kind == "wrapper-call" and site.kind in ("new", "member-call") and site.in_react:
            cleanup = site.cleanup
        endpoints = info.endpoints or ((info.endpoint,) if info.endpoint else ())
        connection = Connection(
            id="",
            file=rel,
            line=site.pos.line,
            column=site.pos.column,
            kind=kind,  # type: ignore[arg-type]
            via=op.chain if op else None,
            endpoint=info.endpoint,
            external=False,
            message_types=types,
            event_types=tuple(events),
            token_in_url=info.token_in_url,
            cleanup=cleanup,
            fix="manual" if reasons else "auto",
            manual_reasons=tuple(dict.fromkeys(reasons)),
            url=describe(url),
            owner=site.owner,
            binding=site.binding.text or site.binding.kind,
            handlers=tuple(handlers),
            type_sites=_unique_sorted(type_sites),
            start=site.pos.start,
            end=site.pos.end,
            insecure=info.insecure,
            message_field=read.field,
            endpoints=endpoints,
            library=origin.library,
            socket=(origin_file, origin.pos.line, origin.pos.start),
            # over the adapter, unless its endpoint keeps its own socket (the adapter opens that)
            adapted=origin.adapted and not self.rules.keeps_socket(endpoints),
            send_line=site.send_line if kind == "wrapper-call" else 0,
            escape_line=site.escape_line if kind == "wrapper-call" and self._hands_send(op) else 0,
        )
        if origin.kept_in:  # a socket kept by key in a field of `this`: what reaches that key
            chain = [(rel, site), *((f, s) for f, s in inner if s is not origin)] if kind == "wrapper-call" else []
            sent, hand_off = kept_.sends_and_escapes(origin_file, origin, chain, connection.url,
                                                   kind == "wrapper-call" and op is not None and op.kind == "mixin")
            connection = replace(
                connection,
                send_line=connection.send_line or (sent[1] if sent else 0),
                send_file=sent[0] if sent and not connection.send_line and sent[0] != rel else "",
                escape_line=connection.escape_line or (hand_off[1] if hand_off else 0),
                escape_file=hand_off[0] if hand_off and not connection.escape_line and hand_off[0] != rel else "")
        if origin.adapted and self.rules.keeps_socket(endpoints):  # the adapter opens its socket as before
            c = connection
            keeps = "keep their own sockets" if len(endpoints) > 1 else "keeps its own socket"
            why = f": {c.send_file or rel}:{c.send_line} sends on it" if c.send_line else \
                f": {c.escape_file or rel}:{c.escape_line} hands it on" if c.escape_line else ""
            reason = (f"{' and '.join(endpoints)} {keeps} (`keep_socket: true` in the rules), which the adapter at "
                      f"{origin_file}:{origin.pos.line} opens as before{why}")
            connection = replace(c, fix="manual", manual_reasons=(*c.manual_reasons, reason))
        return connection

    # --- findings --------------------------------------------------------------------------------

    def findings(self, connections: list[Connection], wrappers: list[Wrapper]
                 ) -> tuple[list[Finding], int, list[Connection]]:
        out: list[Finding] = []
        kept: list[Connection] = []
        suppressed = 0

        def add(rule: str, file: str, line: int, column: int, message: str, anchor: str,
                connection: str | None = None) -> None:
            fp = hashlib.sha1(f"{rule}|{file}|{anchor}".encode()).hexdigest()[:16]
            out.append(Finding(rule, severity_of(rule), file, line, column, message, fp, connection))

        for c in connections:
            if self.ignored(c.file, c.line, "legacy-connection"):
                suppressed += 1
                continue
            kept.append(c)
            via = f" via {' → '.join(c.via)}" if c.via else ""
            where = c.endpoint or "an unresolved endpoint"
            add("legacy-connection", c.file, c.line, c.column, f"legacy connection to {where}{via}", c.id, c.id)
            if c.endpoint is None:
                add("unresolved-endpoint", c.file, c.line, c.column,
                    f"cannot tell which endpoint `{c.url}` connects to; declare the wrapper in the rules",
                    c.id, c.id)
            if c.token_in_url and c.kind == "direct":
                add("token-in-url", c.file, c.line, c.column,
                    f"auth token in the socket URL `{c.url}`; send it as the first message instead", c.id, c.id)
            if c.insecure and c.kind == "direct":
                add("insecure-ws", c.file, c.line, c.column, f"hard-coded ws:// URL `{c.url}`; use wss://", c.id, c.id)
            if c.cleanup is False and (c.kind == "direct" or c.binding not in ("destructured", "returned", "none")):
                add("missing-cleanup", c.file, c.line, c.column,
                    "socket opened in a React component/effect is never closed in the effect cleanup", c.id, c.id)
            for t in c.type_sites:
                if self.endpoint_rule(c.endpoint) is not None and self.event_for(c.endpoint, t.type) is None:
                    add("unmapped-message-type", t.file, t.line, t.column,
                        f"message type '{t.type}' on {c.endpoint} has no EventType in the rules",
                        f"{c.id}|{t.type}", c.id)
            for h in c.handlers:
                if h.reconnect:
                    add("manual-reconnect", h.file, h.line, 1,
                        "hand-written reconnect in onclose; the unified service reconnects with backoff",
                        f"{c.id}|{h.target}", c.id)
        # problems inside wrappers are reported once, where the wrapper opens its socket
        innermost = {(w.file, w.line) for w in wrappers if w.next is None}
        opened = {(c.file, c.start) for c in kept}
        for rel, s in sorted(self.summaries.items()):
            if s.parse_error is not None:
                add("parse-error", rel, s.parse_error.line, s.parse_error.column,
                    f"syntax error: {s.parse_error_message}; the rest of the file was still scanned",
                    "parse-error")
            for site in s.sockets:
                wrapped = (rel, site.pos.line) in innermost
                if not wrapped and (rel, site.pos.start) not in opened:
                    continue
                url = self.resolved(rel, site.args[0]) if site.args else _NO_URL
                info = self.url_info(url)
                anchor = f"{site.owner}|{site.snippet}"
                if wrapped:
                    if info.token_in_url:
                        add("token-in-url", rel, site.pos.line, site.pos.column,
                            f"auth token in the socket URL `{describe(url)}` of wrapper {site.owner}", anchor)
                    if info.insecure:
                        add("insecure-ws", rel, site.pos.line, site.pos.column,
                            f"hard-coded ws:// URL `{describe(url)}` in wrapper {site.owner}", anchor)
                    if site.cleanup is False:
                        add("missing-cleanup", rel, site.pos.line, site.pos.column,
                            f"wrapper {site.owner} opens a socket it never closes in the effect cleanup", anchor)
                    for sh in site.handlers:
                        if sh.reconnect:
                            add("manual-reconnect", rel, sh.pos.line, sh.pos.column,
                                "hand-written reconnect in onclose; the unified service reconnects with backoff",
                                f"{anchor}|{sh.target}")
                for sh in site.handlers:
                    for p in sh.unguarded_parse:
                        add("unguarded-json-parse", rel, p.line, p.column,
                            "socket data parsed with JSON.parse outside try/catch", f"{anchor}|{p.line - site.pos.line}")
                for hrel, sh in self.listened_on(rel, site):  # registered through a listener helper
                    for p in sh.unguarded_parse:
                        add("unguarded-json-parse", hrel, p.line, p.column,
                            "socket data parsed with JSON.parse outside try/catch", f"{anchor}|{hrel}:{p.line}")
                for hrel, sh in store_state.held_handlers(self, rel, site):  # read back from a store's state
                    for p in sh.unguarded_parse:
                        add("unguarded-json-parse", hrel, p.line, p.column,
                            "socket data parsed with JSON.parse outside try/catch", f"{anchor}|{hrel}:{p.line}")
        # a handler shared by several sockets is one finding, not one per socket (nor one from
        # the connection and one from the wrapper it goes through)
        uniq: dict[tuple[str, str, int], Finding] = {}
        for f in out:
            if self.ignored(f.file, f.line, f.rule):
                suppressed += 1 if f.rule != "legacy-connection" else 0
                continue
            uniq.setdefault((f.rule, f.file, f.line), f)
        findings = sorted(uniq.values(), key=lambda f: (f.file, f.line, f.column, f.rule))
        return findings, suppressed, kept

    def ignored(self, rel: str, line: int, rule: str) -> bool:
        s = self.summaries.get(rel)
        return s is not None and is_ignored(s.ignores, line, rule)


def _params(value: Value | Lit) -> list[Param]:
    """The parameters `value` is made of."""
    if isinstance(value, Param):
        return [value]
    if isinstance(value, Template):
        return [p for part in value.parts for p in _params(part)]
    if isinstance(value, Choice):
        return [p for o in value.options for p in _params(o)]
    if isinstance(value, Obj):
        return [p for _, v in value.fields for p in _params(v)]
    return []


def _together(infos: list[UrlInfo]) -> UrlInfo:
    """The alternatives of one URL read as one: every endpoint, the first for rules."""
    endpoints = tuple(dict.fromkeys(i.endpoint for i in infos if i.endpoint is not None))
    first = next((i for i in infos if i.endpoint is not None), infos[0])
    return UrlInfo(
        endpoint=first.endpoint,
        path_template=first.path_template,
        external=all(i.external for i in infos),
        host=first.host,
        insecure=all(i.insecure for i in infos),
        token_in_url=any(i.token_in_url for i in infos),
        param_in_path=any(i.param_in_path for i in infos),
        endpoints=endpoints,
    )


def _topic_in_path(info: UrlInfo) -> bool:
    """Does the path name its topic in a literal segment beside its prefix (`/ws/scores/{id}`)? A
    function taking the whole path (`open(path)`) or the topic (`/ws/{topic}`) that nothing calls
    is a utility, not a connection of the app."""
    if info.endpoint is None:
        return False
    literal = [s for s in info.endpoint.split("/") if s and "{" not in s]
    return len(literal) >= 2


def _holes(info: UrlInfo) -> int:
    """How much of an endpoint is not known: its run-time segments (an unknown path counts as
    many)."""
    if info.endpoint is None:
        return 99
    return min(e.count("{") for e in info.endpoints or (info.endpoint,))


def _text_of(value: Value) -> str | None:
    if isinstance(value, Template) and value.parts and all(isinstance(p, Lit) for p in value.parts):
        return "".join(p.text for p in value.parts)  # type: ignore[union-attr]
    return None


def _handles_own(op: _Opening) -> bool:
    """Does the socket of level `op` (a first level) tell its messages apart itself and hand
    them to no caller (`go(q)` opening `'/api/ws' + q`, its `onmessage` comparing `m.type`)? A
    function like that, which nothing here calls (a plugin's `install`, a store action run by
    name), still opens a connection of its own, to the path it spells (one all run time, whose
    host may be another server's, stays a wrapper nobody calls)."""
    if op.hands or op.tables or op.origin.exposes in ("hands", "registry"):
        return False  # (its callers' handlers get the messages)
    messages = [h for h in op.origin.handlers if h.event == "message"]
    return bool(messages) and all(not h.hands and not h.forwards for h in messages) \
        and any(h.type_uses or h.dispatch for h in messages)


def _pick_field(sites: list[TypeSite], dispatch: list[str], configured: str, forced: str | None = None) -> _Read:
    """The field a connection's handlers tell types apart by (the one compared with the most
    values; the configured one, then `type`, on a tie; the endpoint rule's `type_field` when it
    has one), and the type sites of that field plus the registrations (whose field is the one
    registered handlers are looked up by)."""
    counts: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    # what is compared only for one value of another field that tells several apart (`case
    # 'stream': switch (m.content.type)`) is a sub-kind of that one: it never picks the field (an
    # envelope checked for its one value, `if (raw.event === 'line')`, picks no sub-kind)
    outer: dict[str, set[str]] = defaultdict(set)
    for t in sites:
        if t.field and t.how not in ("declared", "label"):
            outer[t.field].add(t.type)
    for t in sites:
        if t.field and t.how != "declared" and len(outer.get(t.within, ())) < 2:  # (nor what a type declares)
            (labels if t.how == "label" else counts)[t.field].add(t.type)
    # a look-up in a table of display texts (`TEXTS[msg.data.message]`) is no dispatch where the
    # message is told apart by a field as shallow (`switch (msg.type)`); alone, it may pick
    shallowest = min((f.count(".") for f in counts), default=None)
    for f, values in labels.items():
        if shallowest is None or f.count(".") < shallowest:
            counts[f] |= values
    if forced:
        return _Read(tuple(t for t in sites if not t.field or t.field == forced), forced)
    if counts:
        best = max(counts, key=lambda f: (len(counts[f]), f == configured, f.rsplit(".", 1)[-1] == configured,
                                          f == "type", -len(f)))
    elif dispatch:
        best = dispatch[0]
    else:
        best = None
    # the other fields a handler tells kinds of messages apart by count too (`msg.status` and
    # `msg.type`); a state inside the message (`data.state === 'RECORDING'`) does not
    declared_field = best or configured  # a declared property counts when it is the discriminator
    # (not a kind of one kind of message: `case 'user': switch (m.kind)` under `m.type`, nor a
    # field deeper than it: `data.content.type` of a `reportStreamEvent` is a sub-kind of that one)
    depth = best.count(".") if best else None
    kept = tuple(t for t in sites if not t.field or t.field == best
                 or (t.how == "declared" and t.field == declared_field)
                 or (t.how not in ("declared", "label") and (not t.within or t.within != best)
                     and (depth is None or t.field.count(".") <= depth)
                     and t.field.rsplit(".", 1)[-1].replace("_", "").lower() in _DISCRIMINATORS))
    if best is None and any(t.how == "register" for t in kept):
        best = configured
    return _Read(kept, best)


def _one_per_site(connections: list[Connection]) -> list[Connection]:
    """One connection per place in the code (a socket reached through two wrappers' chains is
    one connection): the first found, with the message types and the endpoints of all."""
    by_site: dict[tuple[str, int, str], Connection] = {}
    for c in connections:
        key = (c.file, c.start, c.url if c.loop else "")  # a loop's sockets are one each
        first = by_site.get(key)
        if first is None:
            by_site[key] = c
            continue
        if first.endpoints and c.endpoints and set(c.endpoints) - set(first.endpoints):
            first = by_site[key] = replace(first, endpoints=tuple(dict.fromkeys(first.endpoints + c.endpoints)))
        if set(c.message_types) - set(first.message_types):
            types = tuple(sorted(set(first.message_types) | set(c.message_types)))
            by_site[key] = replace(first, message_types=types,
                                   type_sites=_unique_sorted(list(first.type_sites + c.type_sites)))
    return list(by_site.values())


def _template_from_rule(endpoint: str | None, params: tuple[tuple[str, ...], ...]) -> Value:
    """`/ws/{0}`, `/ws/{topic}` over the wrapper's parameters, as a template."""
    if not endpoint:
        return Unknown("")
    parts: list[Lit | Param | Unknown] = []
    for piece in re.split(r"(\{[^{}]*\})", endpoint):
        if not piece:
            continue
        if piece.startswith("{"):
            name = piece[1:-1]
            if name.isdigit():
                parts.append(Param(int(name), (), name))
                continue
            for i, names in enumerate(params):
                if names == (name,):
                    parts.append(Param(i, (), name))
                    break
                if name in names:
                    parts.append(Param(i, (name,), name))
                    break
            else:
                parts.append(Param(0, (name,), name) if params and len(params[0]) > 1 else Param(0, (), name))
        else:
            parts.append(Lit(piece))
    return Template(tuple(parts))


def _unique_sorted(sites: list[TypeSite]) -> tuple[TypeSite, ...]:
    """`sites` without repeats, by place: the first of equal ones kept, no dataclass hashed."""
    seen: dict[tuple[str, int, int, str, str, str], TypeSite] = {}
    for t in sites:
        seen.setdefault((t.file, t.line, t.column, t.type, t.how, t.method), t)
    return tuple(seen[k] for k in sorted(seen))


_HANDED_LEVELS = 16  # how many levels down a handler handed in is followed


def _handed_down(rel: str, site: Site, op: _Opening) -> list[tuple[str, Handler]]:
    """The functions `site`, a call of the level `op`, hands in where `op` calls them with its
    messages, and those each level of the chain hands the level inside it so
    (`stream(watchUrl, update, …)` in the function `update` is defined in: its parameter `cb`
    reaches `connectStream`'s, which the socket's handler calls with the parsed message)."""
    out: list[tuple[str, Handler]] = []
    call_rel, call, level = rel, site, op
    for _ in range(_HANDED_LEVELS):
        method = f"{level.key[1]}."  # (a method's parameter of a class level: not the `new`'s)
        out.extend((call_rel, h) for index, path, h in call.arg_handlers
                   if any(p.index == index and p.path == path and not p.owner.startswith(method)
                          for p in level.hands))
        if level.parent is None:
            break
        call_rel, call, level = level.site_file, level.site, level.parent
    return out


def _handler_ref(rel: str, h: Handler) -> HandlerRef:
    return HandlerRef(h.event, h.style, h.target, rel, h.pos.line,
                      tuple(sorted({u.type for u in h.type_uses if u.type})), h.whole_message, h.reconnect, h.fields, h.decodes,
                      # a field it looks handlers up by at run time (`emit(msg.type, …)`) is a dispatch
                      tuple(p for p in h.passed if p[0] not in h.dispatch))


def _with_ids(connections: list[Connection]) -> list[Connection]:
    """Ids from what a connection is, not where: stable when lines move."""
    counts: dict[str, int] = defaultdict(int)
    for c in connections:
        base = f"{c.file}|{c.kind}|{'>'.join(c.via or ())}|{c.endpoint}|{c.owner}|{c.url}"
        n = counts[base]
        counts[base] += 1
        # set in place: each was made by `connection` for this list only (a frozen dataclass's
        # `replace` runs `__init__` again, two dozen `object.__setattr__`: a sixth of linking)
        c.__dict__["id"] = "c-" + hashlib.sha1(f"{base}|{n}".encode()).hexdigest()[:12]
    return connections


def _dedupe_wrappers(wrappers: list[Wrapper], calls: dict[str, int]) -> list[Wrapper]:
    seen: dict[tuple[str, str, int], Wrapper] = {}
    for w in wrappers:
        seen.setdefault((w.name, w.file, w.line), replace(w, calls=calls.get(w.name, 0)))
    return sorted(seen.values(), key=lambda w: (w.file, w.line, w.name))


def message_types_of(connections: Iterable[Connection], rules: Rules) -> tuple[MessageType, ...]:
    """Every legacy message type the connections handle, with its EventType and where."""
    found: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for c in connections:
        for t in c.type_sites:
            found[(t.type, c.endpoint)].add(f"{t.file}:{t.line}")
    return tuple(
        MessageType(t, ep, rules.event_for(ep, t), tuple(sorted(where)))
        for (t, ep), where in sorted(found.items(), key=lambda kv: (kv[0][1] or "", kv[0][0]))
    )


def link(summaries: dict[str, FileSummary], rules: Rules, resolver: ModuleResolver,
         load: SummaryLookup = lambda rel: None) -> Inventory:
    """Connections, wrappers and findings of a repo from its file summaries."""
    return _Linker(dict(summaries), rules, resolver, load).run()


def wrapper_names(summaries: dict[str, FileSummary], rules: Rules, resolver: ModuleResolver,
                  load: SummaryLookup = lambda rel: None) -> set[str]:
    """Names whose mention makes a file worth analysing: wrappers and instances of wrapper classes."""
    linker = _Linker(dict(summaries), rules, resolver, load)
    return _names(linker, linker.run(full=False))


def link_and_names(summaries: dict[str, FileSummary], rules: Rules, resolver: ModuleResolver,
                   load: SummaryLookup = lambda rel: None) -> tuple[Inventory, set[str]]:
    """`link` and `wrapper_names` of the same summaries, in one pass."""
    linker = _Linker(dict(summaries), rules, resolver, load)
    inventory = linker.run()
    return inventory, _names(linker, inventory)


def _names(linker: _Linker, inventory: Inventory) -> set[str]:
    """Names whose mention makes a file worth reading: wrappers, instances of wrapper classes,
    and what registrations reach a connection through (the module variable a socket or a
    wrapper's result is kept in, a store's hook, a provided context, a hook that reads it)."""
    names = {w.name.split(".")[0] for w in inventory.wrappers} | linker.uncalled
    classes = {w.name.split(".")[0] for w in inventory.wrappers if "." in w.name or w.kind == "class"}
    for rel, s in list(linker.summaries.items()):
        if classes:
            names.update(inst for inst, c in s.instances if c in classes)
        shared = {f.name for f in s.functions if f.shared}
        for site in s.sockets:  # a multiplexed client's instances: their users are counted
            names.update(factory for factory, _, _, _ in site.listen_via)  # its listener helper's callers
            # a handler comparing with a parameter (`m.op === op` in `receive(op)`): its callers'
            names.update(u.param.owner.split(".")[0] for h in site.handlers for u in h.type_uses
                         if u.param is not None and u.param.owner)
            # a socket handing its messages on (`this.callListeners(msg)`): its class's instances,
            # whose listeners (`socket.addListener(fn)`) read them (`instance_listeners`)
            messages = [h for h in site.handlers if h.event == "message"]
            if messages and not any(h.type_uses or h.dispatch for h in messages) and site.owner:
                names.update(inst for inst, c in s.instances if c == site.owner.split(".")[0])
            if site.multiplexed and site.owner:
                names.update(inst for inst, c in s.instances if c == site.owner.split(".")[0])
            if site.creator:  # made by a function handed to a class: the class, its instance's listeners
                names.update((site.creator[0].split(".")[0], site.creator[3]))
        for site in s.sockets + s.calls:
            opens = not site.callee or site.callee.split(".")[0] in names
            if opens and site.binding.module and site.binding.kind == "variable":
                names.add(site.binding.text)
            if opens and site.owner in shared:
                names.add(site.owner)
            if opens:  # the event bus its handler emits messages on: registrations on it count
                names.update(n for h in site.handlers for n in h.emits_to if n != "this")
                names.update(stores.wanted(e) for h in site.handlers for e in h.stores)  # a store's
                emitter = emitters.emitting_class(site)  # `this.emit(msg.event)`: the class's instances
                if emitter:
                    names.add(emitter)
                    names.update(inst for inst, c in s.instances if c == emitter)
            names.update(site.provides)
            if site.owner_kind == "mixin" and site.owner and site.kind == "call":
                key = linker.callee_key(rel, site)  # a component made of a wrapper mixin: mixed in too?
                if key is not None and key[1] in names:
                    names.add(site.owner)
            if site.callee.startswith(_CONTEXT) and site.exposes == "returned" and site.owner:
                names.add(site.owner)
    names.update(_passing_hooks(linker))
    for rel, s in list(linker.summaries.items()):  # a function registering by its callers' names on one
        for site in s.calls:
            if site.kind == "member-call" and any(u.param is not None for u in site.type_args) and (
                    site.receiver in names or site.callee.split(".")[0] in names):
                names.update(u.param.owner.split(".")[0].split("#")[0] for u in site.type_args if u.param is not None)
    names.update(_handed_names(linker, names))
    return {n for n in names if n}


def _handed_names(linker: _Linker, names: set[str]) -> set[str]:
    """The global properties wrapper instances are installed as (`inject('hub', new LiveHub())`:
    `$hub`), and the functions called with one of them or with a module instance named in
    `names` (`registerBoardHandlers(context.app.$hub)`): registrations on their parameter count
    (`shapes/_handed_clients`)."""
    found: set[str] = set()
    for s in list(linker.summaries.values()):
        for site in s.sockets + s.calls:
            if site.installed_as and (not site.callee or site.callee.split(".")[0] in names):
                found.add(site.installed_as)
        found.update(glob for glob, local in s.installs if local in names)
    known = names | found
    for s in list(linker.summaries.values()):
        for site in s.calls:
            if site.kind != "call":
                continue
            if any((name := _handed_name(a)) and name in known for a in site.args):
                found.add(site.callee.split(".")[0])
    return found


def _handed_name(arg: Value | None) -> str:
    """The client a call's argument hands on: a global property (`$hub`, also the last part of
    `context.app.$hub` of a parameter), or a plain name (`liveHub`); else ""."""
    if isinstance(arg, Param):
        last = arg.path[-1] if arg.path else arg.name
        return last if last.startswith("$") else ""
    if isinstance(arg, (Unknown, Ref)):
        if arg.name.startswith("$"):
            return arg.name
        return arg.name if arg.name.isidentifier() and not getattr(arg, "path", ()) else ""
    return ""


def _passing_hooks(linker: _Linker) -> set[str]:
    """The functions whose callers give the types a dispatcher's registrations take (`watchTopic`
    of a module store, `shapes/_topic_stores`), and the hooks passing their own parameter on to them
    (`useTopic(t)` → `watchTopic(t, wake)`): files that call them give the literal types."""
    todo: list[Key] = []
    for rel, s in linker.summaries.items():
        for site in s.sockets:
            for h in site.handlers:
                for entry in h.delegates:
                    drel, dname = linker.resolve_symbol(rel, delegated(entry)[0])
                    info = linker.function_info((drel, dname)) if not drel.startswith("<") else None
                    reads = info.reads if info is not None else ()
                    todo.extend((drel, u.param.owner) for u in reads if u.param is not None)
    seen: set[Key] = set()
    while todo and len(seen) < 50:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        for crel, c in linker.callers.get(key, ()):
            if c.owner and any(isinstance(a, Param) and a.owner == c.owner for a in c.args):
                todo.append((crel, c.owner))
    return {k[1].split(".")[0] for k in seen}
