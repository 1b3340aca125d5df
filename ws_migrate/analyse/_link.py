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
    TypeSite,
    Wrapper,
)
from ws_migrate.analyse._model import FileSummary, FunctionInfo, Handler, Pos, Site
from ws_migrate.analyse._tsconfig import ModuleResolver
from ws_migrate.analyse._values import (
    Lit,
    Param,
    Template,
    Unknown,
    UrlInfo,
    Value,
    describe,
    substitute,
    url_info,
)
from ws_migrate.rules import EndpointRule, Rules

# Methods of a wrapper's result that register a handler per message type, unless the rules say.
DEFAULT_SUBSCRIBE_METHODS = frozenset(
    {"subscribe", "on", "addListener", "addHandler", "onMessage", "register", "listen", "handle",
     "onEvent", "addMessageListener"}
)
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


class _Linker:
    def __init__(self, summaries: dict[str, FileSummary], rules: Rules, resolver: ModuleResolver,
                 load: SummaryLookup) -> None:
        self.summaries = summaries
        self.rules = rules
        self.resolver = resolver
        self.load = load
        self.callers: dict[Key, list[tuple[str, Site]]] = defaultdict(list)
        self.by_name: dict[str, list[tuple[str, Site]]] = defaultdict(list)
        self._rule_of: dict[str | None, EndpointRule | None] = {}
        self._infos: dict[int, tuple[Value, UrlInfo]] = {}

    # --- symbol resolution -----------------------------------------------------------------------

    def summary(self, rel: str) -> FileSummary | None:
        s = self.summaries.get(rel)
        if s is None:
            s = self.load(rel)
            if s is not None:
                self.summaries[rel] = s
        return s

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
        return rel, name

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
        return any(f.name == key[1] for f in s.functions) or any(n == key[1] for n, _ in s.instances)

    def callee_key(self, rel: str, site: Site) -> Key | None:
        if site.kind in ("call", "new", "jsx"):
            return self.resolve_symbol(rel, site.callee)
        if site.kind == "member-call":
            obj, _, method = site.callee.rpartition(".")
            if site.receiver:  # a local instance: `const feed = new Feed(); feed.open(…)`
                crel, cname = self.resolve_symbol(rel, site.receiver)
                return crel, f"{cname}.{method}"
            if obj == "this":
                if site.owner is None:
                    return None
                return rel, f"{site.owner.split('.')[0]}.{method}"
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
        return None

    # --- the walk --------------------------------------------------------------------------------

    def url_info(self, url: Value) -> UrlInfo:
        """`url_info` of a value of the summaries, memoised by identity (hashing a nested value
        for `url_info`'s own cache cost more than the rest of its lookups)."""
        known = self._infos.get(id(url))
        if known is not None and known[0] is url:
            return known[1]
        info = url_info(url, self.rules.app_hosts)
        self._infos[id(url)] = (url, info)  # the value is kept: its id is not reused meanwhile
        return info

    def endpoint_rule(self, endpoint: str | None) -> EndpointRule | None:
        if endpoint not in self._rule_of:
            self._rule_of[endpoint] = self.rules.endpoint_rule(endpoint)
        return self._rule_of[endpoint]

    def event_for(self, endpoint: str | None, message_type: str) -> str | None:
        rule = self.endpoint_rule(endpoint)
        return rule.messages.get(message_type) if rule is not None else None

    def run(self, full: bool = True) -> Inventory:
        for rel in sorted(self.summaries):
            s = self.summaries[rel]
            for site in s.calls:
                key = self.callee_key(rel, site)
                if key is not None:
                    self.callers[key].append((rel, site))
                self.by_name[site.callee.rsplit(".", 1)[-1] if site.kind == "member-call" else site.callee].append((rel, site))
        connections: list[Connection] = []
        external: list[ExternalSocket] = []
        openings: list[_Opening] = []
        declared = {w.name: w for w in self.rules.wrappers}
        for rel in sorted(self.summaries):
            for site in self.summaries[rel].sockets:
                url = site.args[0] if site.args else _NO_URL
                info = self.url_info(url)
                key = (rel, site.owner) if site.owner else None
                if info.external:
                    external.append(ExternalSocket(rel, site.pos.line, site.pos.column, describe(url), info.host))
                    continue
                if (key is not None and site.owner not in declared and info.param_in_path
                        and self.eligible(key, site.owner_kind, url)):
                    openings.append(_Opening(key, site.owner_kind or "function", url,
                                             (site.owner or "",), site, rel, site, ()))
                elif full:
                    connections.append(self.connection(rel, site, "direct", None, url, rel, site, ()))
        openings.extend(self.declared_openings())
        wrappers: list[Wrapper] = []
        seen: set[tuple[Key, tuple[str, ...]]] = set()
        queue = list(openings)
        while queue:
            op = queue.pop(0)
            if (op.key, op.chain) in seen:
                continue
            seen.add((op.key, op.chain))
            wrappers.append(self.wrapper(op))
            for crel, csite in self.callers_of(op):
                t2 = substitute(op.template, csite.args)
                info = url_info(t2, self.rules.app_hosts)
                ckey = (crel, csite.owner) if csite.owner else None
                if csite.owner in declared and not op.declared:
                    continue  # inside a wrapper the rules declare: its own opening covers it
                if (ckey is not None and info.param_in_path and csite.owner not in op.chain
                        and len(op.chain) < _MAX_CHAIN and csite.owner not in declared
                        and self.eligible(ckey, csite.owner_kind, t2)):
                    queue.append(_Opening(ckey, csite.owner_kind or "function", t2,
                                          (csite.owner or "",) + op.chain, csite, op.origin_file,
                                          op.origin, op.inner_sites + ((crel, csite),),
                                          subscribe=op.subscribe))
                elif info.external:
                    external.append(ExternalSocket(crel, csite.pos.line, csite.pos.column, describe(t2), info.host))
                elif full:
                    connections.append(self.connection(crel, csite, "wrapper-call", op, t2,
                                                       op.origin_file, op.origin, op.inner_sites))
        if not full:
            return Inventory(wrappers=tuple(wrappers))
        connections.sort(key=lambda c: (c.file, c.start))
        connections = _with_ids(connections)
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
            suppressed=suppressed,
        )

    def callers_of(self, op: _Opening) -> list[tuple[str, Site]]:
        found = list(self.callers.get(op.key, ()))
        if op.declared and op.key[0] == "<declared>":
            found = [(r, s) for r, s in self.by_name.get(op.key[1].rsplit(".", 1)[-1], ())
                     if s.kind != "member-call" or "." in op.key[1]]
        return found

    def eligible(self, key: Key, kind: str | None, template: Value) -> bool:
        """Can `key` be a wrapper? Components only when a JSX use fills the path with a literal."""
        if kind != "component":
            return True
        before = url_info(template, self.rules.app_hosts).endpoint or ""
        for _, c in self.callers.get(key, ()):
            after = url_info(substitute(template, c.args), self.rules.app_hosts).endpoint or ""
            if after and after.count("{") < before.count("{"):
                return True
        return False

    def declared_openings(self) -> list[_Opening]:
        """Wrappers the rules declare: matched by name, their endpoint template taken as given."""
        out = []
        for w in self.rules.wrappers:
            key = self.find_definition(w.name)
            fn = self._function_info(key) if key else None
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

    def _function_info(self, key: Key) -> FunctionInfo | None:
        s = self.summary(key[0])
        for f in s.functions if s else ():
            if f.name == key[1]:
                return f
        return None

    def wrapper(self, op: _Opening) -> Wrapper:
        info = url_info(op.template, self.rules.app_hosts)
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

    def connection(self, rel: str, site: Site, kind: str, op: _Opening | None, url: Value,
                   origin_file: str, origin: Site, inner: tuple[tuple[str, Site], ...]) -> Connection:
        info = self.url_info(url)
        rule = self.endpoint_rule(info.endpoint)
        subscribe_methods = {op.subscribe} if op and op.subscribe else DEFAULT_SUBSCRIBE_METHODS
        handlers: list[HandlerRef] = []
        type_sites: list[TypeSite] = []
        reasons: list[str] = []
        whole = False
        # the call site's own handlers and registrations, then those inside the wrapper chain
        layers = [(rel, site)] + ([] if kind == "direct" else [(f, s) for f, s in reversed(inner)] + [(origin_file, origin)])
        for frel, fsite in layers:
            for h in fsite.handlers:
                handlers.append(_handler_ref(frel, h))
                whole = whole or h.whole_message
                type_sites.extend(TypeSite(u.type, frel, u.pos.line, u.pos.column, u.how) for u in h.type_uses)
                if h.target.startswith("unknown:") and frel == rel:
                    reasons.append(f"{h.event} handler {h.target[8:]} is not defined in this file")
            for r in fsite.registrations:
                if r.method in subscribe_methods:
                    type_sites.append(TypeSite(r.use.type, frel, r.use.pos.line, r.use.pos.column,
                                               "register", r.method))
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
        if kind == "direct" and site.binding.kind == "none":
            reasons.append("the socket is not kept in a variable, field or ref")
        elif kind == "direct" and site.blocker:
            reasons.append(site.blocker)
        if kind == "wrapper-call":
            if site.blocker:
                reasons.append(site.blocker)
            elif not site.registrations and site.handlers:
                reasons.append("its handlers are set on what the wrapper returns (`.onmessage`), not "
                               "registered per message type: `fix` rewrites per-type registrations only")
            elif not site.registrations:
                reasons.append("no handler is registered on the wrapper's result")
            elif not any(h.forwards_payload for h in origin.handlers if h.event == "message"):
                reasons.append("cannot tell that the wrapper hands its handlers the payload")
            elif any(r.method not in subscribe_methods for r in site.registrations):
                reasons.append("a method of the wrapper's result is not a known subscribe method")
        if not handlers and not type_sites:
            reasons.append("no message handler found for this connection")
        cleanup = origin.cleanup if kind == "wrapper-call" else site.cleanup
        if kind == "wrapper-call" and site.kind in ("new", "member-call") and site.in_react:
            cleanup = site.cleanup
        return Connection(
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
        )

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
                url = site.args[0] if site.args else _NO_URL
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
        # a handler shared by several sockets is one finding, not one per socket
        uniq: dict[tuple[str, str, int, int], Finding] = {}
        for f in out:
            if self.ignored(f.file, f.line, f.rule):
                suppressed += 1 if f.rule != "legacy-connection" else 0
                continue
            uniq.setdefault((f.rule, f.file, f.line, f.column), f)
        findings = sorted(uniq.values(), key=lambda f: (f.file, f.line, f.column, f.rule))
        return findings, suppressed, kept

    def ignored(self, rel: str, line: int, rule: str) -> bool:
        s = self.summaries.get(rel)
        return s is not None and is_ignored(s.ignores, line, rule)


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


def _handler_ref(rel: str, h: Handler) -> HandlerRef:
    return HandlerRef(h.event, h.style, h.target, rel, h.pos.line,
                      tuple(sorted({u.type for u in h.type_uses})), h.whole_message, h.reconnect)


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
    names = {w.name.split(".")[0] for w in inventory.wrappers}
    for w in inventory.wrappers:
        if "." in w.name:
            cls = w.name.split(".")[0]
            for s in linker.summaries.values():
                names.update(inst for inst, c in s.instances if c == cls)
    return {n for n in names if n}
