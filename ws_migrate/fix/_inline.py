"""Transform (`fix --inline`): the callers of a channel instance move onto the service itself.

After the adapter step, a class with one module instance per channel still opens its (adapted)
socket, and the app still calls the instance:

```ts
// src/lib/ChannelClient.ts                      // src/app/alerts.ts
export const alertsChannel =                     alertsChannel.connect(token);
  new ChannelClient('/ws/alerts');               alertsChannel.on('alert_raised', onRaised);
```

Where every use of the instance, in every file, has a counterpart on the service, this moves
them all at once and removes the instance:

- `alertsChannel.connect(token);` (the method that opens the socket, with the token the URL
  carried) → `void websocketService.connect(token);` and one `subscribe([...])` of every
  EventType registered on the instance anywhere;
- `alertsChannel.on('alert_raised', fn)` (the registration method the scan saw) →
  `websocketService.on(EventType.ALERT_RAISED, fn)`, which returns an unsubscribe function as
  an `on` declared `(): () => void` did;
- `alertsChannel.isConnected()` → `websocketService.isConnected()`;
- a method that closes the socket (its body calls `.close()`) → `unsubscribe([...])`;
- the instance's import goes from each file, and `export const alertsChannel = …` from its own.

Certain only when: the connection goes through the adapter, its endpoint has a rule mapping
each registered type, the wrapper hands its listeners the payload, the instance is opened by
exactly one call, and the name is used nowhere else (not in its own file, not re-exported, not
in a component file). Otherwise nothing of that instance moves, and the reason names the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ws_migrate.analyse import Connection
from ws_migrate.analyse._effect_shape import NotCertain, Source, find_node
from ws_migrate.analyse._wrapper_call_shape import read_wrapper_call
from ws_migrate.fix._imports import import_edits
from ws_migrate.fix._wrapper_call import rewrite_wrapper_call, service_handler, unused_import_edits
from ws_migrate.parse import first_error, parse
from ws_migrate.plan import Edit, EditConflict, apply_edits, check_edits
from ws_migrate.walk import language_for

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._model import FileSummary
    from ws_migrate.analyse._tsconfig import ModuleResolver
    from ws_migrate.rules import Rules
    from ws_migrate.rules._model import EndpointRule
    from ws_migrate.scan import ScanResult

_SCRIPT = ("typescript", "tsx", "javascript")


@dataclass
class InlinePlan:
    """The edits that move one instance's users onto the service, by file."""

    connection: Connection
    edits: dict[str, list[Edit]] = field(default_factory=dict)
    imported_in: dict[str, str] = field(default_factory=dict)  # file → the name it imports the instance as
    # where the socket was opened: (file, the block's start, the `connect(…)` line), so that two
    # instances opened side by side connect the service once
    opened: tuple[str, int, str] = ("", 0, "")
    # a hook's registering call (file, line): every connection through it moves with it
    site: tuple[str, int] = ("", 0)
    registered_at: frozenset[tuple[str, int]] = frozenset()
    also: list[Connection] = field(default_factory=list)
    callee: str = ""  # the hook whose import may go
    hook: bool = False  # the file needs `useWebSocketEvents`

    def registers(self, c: Connection) -> bool:
        """Does `c` get its types from this plan's registrations?"""
        return any(t.how == "register" and (t.file, t.line) in self.registered_at for t in c.type_sites)


@dataclass(frozen=True)
class _Class:
    """What the instance's class is, read from its declaration."""

    open_method: str
    open_params: tuple[str, ...]
    close_methods: frozenset[str]
    returns_off: frozenset[str]  # methods declared to return `() => void`


def plan_inline(result: ScanResult, busy: set[str]) -> tuple[list[InlinePlan], list[tuple[Connection, str]]]:
    """The certain inline moves of the scan's adapted connections, and those left with the
    reason. `busy`: files the other rewrites already patch (an instance used there waits)."""
    summaries: dict[str, FileSummary] = result.extra.get("summaries", {})  # type: ignore[assignment]
    resolver: ModuleResolver | None = result.extra.get("resolver")  # type: ignore[assignment]
    plans: list[InlinePlan] = []
    left: list[tuple[Connection, str]] = []
    groups: dict[tuple[str, int], list[InlinePlan]] = {}  # a hook's registering call, by its callers
    for c in result.inventory.adapted:
        try:
            if resolver is None:
                raise NotCertain("the scan kept no module resolution")
            try:
                plan = _plan_instance(result, c, summaries, resolver)
            except NotCertain as exc:
                if str(exc) != _NOT_YET:
                    raise
                plan = _plan_hook(result, c, summaries)
            touched = set(plan.edits)
            if touched & busy:
                raise NotCertain(f"{min(touched & busy)} has other rewrites in this run: "
                                 "apply them, then run `fix --inline` again")
        except NotCertain as exc:
            left.append((c, str(exc)))
            continue
        if plan.site[0]:
            groups.setdefault(plan.site, []).append(plan)
        else:
            plans.append(plan)
    # a hook's registrations move for every connection through them, or for none
    for (rel, line), group in groups.items():
        first = group[0]
        others = [(c, why) for c, why in left if first.registers(c)] + [
            (c, "it is not on the adapter") for c in result.inventory.connections if first.registers(c)]
        if others:
            c0, why = others[0]
            because = (f"the registrations on the call at {rel}:{line} serve {c0.file}:{c0.line} too, "
                       f"which stays ({why})")
            left.extend((p.connection, because) for p in group)
            continue
        first.also = [p.connection for p in group[1:]]
        plans.append(first)
    return plans, left


def _plan_instance(result: ScanResult, c: Connection, summaries: dict[str, FileSummary],
                   resolver: ModuleResolver) -> InlinePlan:
    root = result.root
    rules = result.rules
    if c.kind != "wrapper-call" or not c.binding or not re.fullmatch(r"[A-Za-z_$][\w$]*", c.binding):
        raise NotCertain(_NOT_YET)
    data = (root / c.file).read_bytes()
    language = language_for(c.file)
    if language not in _SCRIPT:
        raise NotCertain(_NOT_YET)
    src = Source(data, parse(data, language).root_node)
    new = find_node(src.root, c.start, c.end, "new_expression")
    declaration = _module_const(new, c.binding)
    if new is None or declaration is None:
        raise NotCertain(_NOT_YET)
    rule = _mapped_and_forwarding(rules, c, summaries)
    cls = _read_class(root, c.socket[0], c.socket[2], c)
    registers = {t.method for t in c.type_sites if t.how == "register" and t.method}
    if len(registers) != 1:
        raise NotCertain(f"{c.binding}'s message types are not all registered through one method")
    register = next(iter(registers))
    name = c.binding
    plan = InlinePlan(c)
    # every file that names the instance: each must import it from its module, and use it only so
    word = re.compile(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])")
    users: list[tuple[str, Source]] = []
    for rel in sorted(resolver.files):  # every file walked, not only those the prefilter passed
        if rel == c.file:
            continue
        try:
            text = (root / rel).read_bytes()
        except OSError:
            continue
        if not word.search(text):
            continue
        lang = language_for(rel)
        if lang not in _SCRIPT:
            raise NotCertain(f"{name} is used in {rel}:{_line(text, word)}, a file `fix --inline` does not rewrite yet")
        users.append((rel, Source(text, parse(text, lang).root_node)))
    own = [n for n in src.identifiers(src.root, name) if not _within(n, declaration)]
    if own:
        raise NotCertain(f"{name} is also used in its own module, {c.file}:{own[0].start_point[0] + 1}")
    events: list[str] = []
    opens: list[tuple[str, Node, Node | None]] = []
    for rel, usrc in users:
        local = _imported_as(usrc, rel, name, c.file, resolver)
        if local is None:
            line = _line(usrc.data, word)
            raise NotCertain(f"{name} is named in {rel}:{line} other than as an import of {c.file}")
        edits = plan.edits.setdefault(rel, [])
        plan.imported_in[rel] = local
        for ident in usrc.identifiers(usrc.root, local):
            if _within_import(ident):
                continue
            where = f"{rel}:{ident.start_point[0] + 1}"
            call, method = _method_call(ident)
            if call is None:
                raise NotCertain(f"{name} is used at {where} other than by calling a method on it")
            arguments = call.child_by_field_name("arguments")
            args = [a for a in (arguments.named_children if arguments else ()) if a.type != "comment"]
            if method == register:
                if len(args) != 2 or args[0].type != "string" or args[0].named_child_count > 1:
                    raise NotCertain(f"`{name}.{method}(…)` at {where} does not register a literal type")
                legacy = usrc.text(args[0])[1:-1]
                ev = rules.event_for(c.endpoint, legacy)
                if ev is None:
                    raise NotCertain(f"message type '{legacy}' has no EventType on {rule.pattern} ({where})")
                if not _statement(call) and method not in cls.returns_off:
                    raise NotCertain(f"the value of `{name}.{method}(…)` at {where} is used, and "
                                     f"{method} is not declared to return `() => void` as the service's `on` does")
                if ev not in events:
                    events.append(ev)
                handler = _handler(usrc, args[1], language_for(rel) != "javascript", where)
                edits.append(Edit(call.start_byte, call.end_byte, f"websocketService.on(EventType.{ev}, {handler})", c.id))
            elif method == cls.open_method:
                if not _statement(call):
                    raise NotCertain(f"the value of `{name}.{method}(…)` at {where} is used")
                if len(args) != len(cls.open_params):
                    raise NotCertain(f"`{name}.{method}(…)` at {where} does not give {method}'s parameters")
                opens.append((rel, call, args[0] if args else None))
            elif method == "isConnected" and not args:
                edits.append(Edit(call.start_byte, call.end_byte, "websocketService.isConnected()", c.id))
            elif method in cls.close_methods and not args and _statement(call):
                edits.append(Edit(call.start_byte, call.end_byte, "void websocketService.unsubscribe([{types}])", c.id))
            else:
                raise NotCertain(f"`{name}.{method}` at {where} has no counterpart on the service")
    if len(opens) != 1:
        at = ", ".join(f"{r}:{n.start_point[0] + 1}" for r, n, _ in opens)
        raise NotCertain(f"{name} is opened by {len(opens)} calls of `{cls.open_method}` ({at}), and "
                         "`fix --inline` moves an instance opened at one place only" if opens
                         else f"nothing calls `{name}.{cls.open_method}(…)`, which opens its socket")
    if not events:
        raise NotCertain(f"no message type is registered on {name}")
    types = ", ".join(f"EventType.{ev}" for ev in events)
    rel, call, token = opens[0]
    usrc = dict(users)[rel]
    statement = call.parent
    assert statement is not None
    lines = []
    if token is not None:
        if not c.token_in_url or f"{{{cls.open_params[0]}}}" not in c.url:
            raise NotCertain(f"`{cls.open_method}`'s parameter does not go to the socket's URL as its token "
                             f"({c.url}): what `{name}.{cls.open_method}(…)` at {rel}:{call.start_point[0] + 1} gives it")
        lines.append(f"void websocketService.connect({usrc.text(token)});")
        assert statement.parent is not None
        plan.opened = (rel, statement.parent.start_byte, lines[0])
    lines.append(f"void websocketService.subscribe([{types}]);")
    newline = "\r\n" if b"\r\n" in usrc.data else "\n"
    plan.edits[rel].append(Edit(statement.start_byte, statement.end_byte,
                                (newline + usrc.indent_of(statement)).join(lines), c.id))
    for rel_edits in plan.edits.values():
        rel_edits[:] = [Edit(e.start, e.end, e.text.replace("{types}", types), e.connection) for e in rel_edits]
    # the instance itself goes, with its line
    start, end = _whole_lines(src, declaration)
    plan.edits.setdefault(c.file, []).append(Edit(start, end, "", c.id))
    return plan


def _plan_hook(result: ScanResult, c: Connection, summaries: dict[str, FileSummary]) -> InlinePlan:
    """The call of a hook that registers handlers per type in an effect (`const { subscribe,
    isConnected } = useSystemSocket(id)`), rewritten onto the service as `fix` rewrites such a
    call where it opens its own socket; `isConnected` comes from `useWebSocketEvents([])`."""
    registered = {(t.file, t.line) for t in c.type_sites if t.how == "register"}
    files = {rel for rel, _ in registered}
    if not registered or len(files) != 1:
        raise NotCertain(_NOT_YET)
    rel = files.pop()
    summary = summaries.get(rel)
    sites = [s for s in (summary.calls if summary else ()) if s.registrations
             and {(rel, r.use.pos.line) for r in s.registrations} & registered]
    language = language_for(rel)
    if len(sites) != 1 or language not in ("typescript", "tsx", "javascript"):
        raise NotCertain(_NOT_YET)
    site = sites[0]
    _mapped_and_forwarding(result.rules, c, summaries)
    data = (result.root / rel).read_bytes()
    src = Source(data, parse(data, language).root_node)
    node = src.root.descendant_for_byte_range(site.pos.start, site.pos.end)
    while node is not None and not (node.type == "call_expression" and node.start_byte == site.pos.start):
        node = node.parent
    if node is None:
        raise NotCertain(f"{rel} changed since the scan")
    fn = node.child_by_field_name("function")
    try:
        shape = read_wrapper_call(src, node, state=("isConnected",))
    except NotCertain as exc:
        raise NotCertain(f"the call of {src.text(fn) if fn else 'the hook'} at {rel}:{site.pos.line}: {exc}") from None
    state = [n for n in shape.names if n == "isConnected"]
    keep = ""
    scope = shape.declaration.parent
    for use in src.identifiers(scope, "isConnected") if state and scope is not None else ():
        holder = use.parent
        if holder is not None and holder.type == "call_expression" and holder.child_by_field_name("function") == use:
            raise NotCertain(f"`isConnected` is called at {rel}:{use.start_point[0] + 1}: the wrapper's is a "
                             "function, useWebSocketEvents' a boolean")
    if state:
        if not Path(result.root / _hook_file(result)).is_file():
            raise NotCertain(f"`isConnected` at {rel}:{site.pos.line} needs useWebSocketEvents, which "
                             "`ws-migrate init` writes for a React package")
        keep = "const { isConnected } = useWebSocketEvents([]);"
    newline = "\r\n" if b"\r\n" in data else "\n"
    rewrite = rewrite_wrapper_call(src, shape, c, result.rules, language != "javascript", newline, keep)
    plan = InlinePlan(c, {rel: list(rewrite.edits)}, site=(rel, site.pos.line),
                      registered_at=frozenset(registered), hook=bool(state))
    if fn is not None and fn.type == "identifier":
        plan.imported_in[rel] = src.text(fn)
    return plan


def _mapped_and_forwarding(rules: Rules, c: Connection, summaries: dict[str, FileSummary]) -> EndpointRule:
    """The rule of `c`'s endpoint, when its socket is seen to hand its handlers the payload (as
    the service hands its handlers the event's data); else NotCertain."""
    rule = rules.endpoint_rule(c.endpoint)
    if rule is None:
        raise NotCertain(f"no rule for endpoint {c.endpoint}")
    socket_file, socket_line, socket_at = c.socket
    origin = summaries.get(socket_file)
    opened = next((s for s in origin.sockets if s.pos.start == socket_at), None) if origin else None
    if opened is None or not any(h.forwards_payload for h in opened.handlers if h.event == "message"):
        raise NotCertain(f"cannot tell that the socket at {socket_file}:{socket_line} hands its handlers "
                         "the payload, as the service hands its handlers the event's data")
    return rule


def _hook_file(result: ScanResult) -> str:
    from ws_migrate.scaffold import client_layout

    return client_layout(result.root, result.rules).hook_file


def _hook_module(result: ScanResult) -> str:
    from ws_migrate.scaffold import legacy_import
    from ws_migrate.scaffold._init import HOOK_MODULE

    return legacy_import(result.root, result.rules, HOOK_MODULE)


_NOT_YET = ("it is neither a class's module instance (`export const x = new C(…)`) nor a hook call "
            "with per-type registrations in an effect, the shapes whose users `fix --inline` moves yet")


_Patched = dict[str, tuple[bytes, bytes, tuple[str, ...]]]


def patch_inline(result: ScanResult, plans: list[InlinePlan]) -> tuple[_Patched, list[tuple[Connection, str]]]:
    """Each file's bytes before and after the plans' edits, with the imports. A plan is all or
    nothing: one whose file cannot be patched soundly is dropped (with the reason), and the
    files are patched again without it."""
    failed: list[tuple[Connection, str]] = []
    while True:
        out, bad = _patch_files(result, plans)
        if not bad:
            return out, failed
        failed.extend(bad)
        gone = {id(c) for c, _ in bad}
        plans = [p for p in plans if id(p.connection) not in gone]


def _patch_files(result: ScanResult, plans: list[InlinePlan]) -> tuple[_Patched, list[tuple[Connection, str]]]:
    rules = result.rules
    wanted = {"websocketService": rules.client.service_import, "EventType": rules.client.types_import}
    by_file: dict[str, list[Edit]] = {}
    names: dict[str, set[str]] = {}
    owners: dict[str, list[InlinePlan]] = {}
    for plan in plans:
        for rel, edits in plan.edits.items():
            by_file.setdefault(rel, []).extend(edits)
            owners.setdefault(rel, []).append(plan)
        for rel, local in plan.imported_in.items():
            names.setdefault(rel, set()).add(local)
    # the service connects once per block: a second instance opened beside the first only subscribes
    seen: set[tuple[str, int, str]] = set()
    for plan in sorted(plans, key=lambda p: p.opened):
        if not plan.opened[2]:
            continue
        if plan.opened in seen:
            rel, _, line = plan.opened
            by_file[rel] = [_without_line(e, line) if e.connection == plan.connection.id else e for e in by_file[rel]]
        seen.add(plan.opened)
    out: _Patched = {}
    failed: list[tuple[Connection, str]] = []
    bad: set[int] = set()
    for rel in sorted(by_file):
        before = (result.root / rel).read_bytes()
        language = language_for(rel) or "typescript"
        tree = parse(before, language)
        src = Source(before, tree.root_node)
        edits = list(by_file[rel])
        try:
            check_edits(edits)
            removed = [(e.start, e.end) for e in edits if e.end > e.start]
            dropped = unused_import_edits(src, names.get(rel, set()), removed)
            gone = {e.start for e in dropped if not e.text}
            newline = "\r\n" if b"\r\n" in before else "\n"
            uses_service = any(e.text for e in edits)
            edits.extend(dropped)
            if uses_service:
                here = dict(wanted)
                if any(p.hook for p in owners[rel]):
                    here["useWebSocketEvents"] = _hook_module(result)
                edits.extend(import_edits(src, rel, here, newline, gone))
            after = apply_edits(before, edits)
            if first_error(parse(after, language)) is not None and first_error(tree) is None:
                raise NotCertain(f"{rel} would not parse after the move")
        except (NotCertain, EditConflict) as exc:
            for plan in owners[rel]:
                if id(plan) not in bad:
                    bad.add(id(plan))
                    failed.append((plan.connection, f"the patch of {rel} failed: {exc}"))
            continue
        out[rel] = (before, after, tuple(dict.fromkeys(c.id for p in owners[rel] for c in (p.connection, *p.also))))
    return out, failed


def _handler(src: Source, node: Node, typed: bool, where: str) -> str:
    """The listener as the service's handler: called with the payload alone, as the channel
    called it (the service passes the event's meta second), typed as `service_handler` says."""
    if node.type == "identifier":
        return service_handler(src, node) if typed else f"(data) => {src.text(node)}(data)"
    if node.type not in ("arrow_function", "function_expression", "function"):
        raise NotCertain(f"the listener at {where} is not a function written there or a name")
    single = node.child_by_field_name("parameter")
    params = node.child_by_field_name("parameters")
    count = 1 if single is not None else sum(1 for p in (params.named_children if params else ()) if p.type != "comment")
    if count > 1:
        raise NotCertain(f"the listener at {where} takes {count} parameters, and the service hands its "
                         "handlers the event's meta as the second")
    return service_handler(src, node) if typed else src.text(node)


def _without_line(edit: Edit, line: str) -> Edit:
    """`edit` without its first line when that is `line` (the service's `connect(…)`)."""
    if not edit.text.startswith(line):
        return edit
    rest = edit.text[len(line):]
    return Edit(edit.start, edit.end, rest.lstrip("\r\n").lstrip(" \t"), edit.connection)


# --- reading ---------------------------------------------------------------------------------------


def _module_const(new: Node | None, name: str) -> Node | None:
    """The statement `[export] const name = new C(…);` at the top level of its module, or None."""
    if new is None:
        return None
    declarator = new.parent
    if declarator is None or declarator.type != "variable_declarator":
        return None
    target = declarator.child_by_field_name("name")
    if target is None or target.type != "identifier" or target.text != name.encode():
        return None
    statement = declarator.parent
    if statement is None or statement.type != "lexical_declaration" or statement.named_child_count != 1:
        return None
    top = statement.parent
    if top is not None and top.type == "export_statement":
        statement, top = top, top.parent
    return statement if top is not None and top.type == "program" else None


def _read_class(root: Path, rel: str, socket_at: int, c: Connection) -> _Class:
    data = (root / rel).read_bytes()
    src = Source(data, parse(data, language_for(rel) or "typescript").root_node)
    node = src.root.descendant_for_byte_range(socket_at, socket_at + 1)
    method = node
    while method is not None and method.type != "method_definition":
        method = method.parent
    cls = method
    while cls is not None and cls.type not in ("class_declaration", "class"):
        cls = cls.parent
    if method is None or cls is None:
        raise NotCertain(f"the socket at {rel}:{c.socket[1]} is not opened in a method of {c.via[0] if c.via else 'its class'}")
    name = method.child_by_field_name("name")
    params = method.child_by_field_name("parameters")
    open_params: list[str] = []
    for p in params.named_children if params is not None else ():
        pattern = p.child_by_field_name("pattern") if p.type != "identifier" else p
        if pattern is None or pattern.type != "identifier":
            raise NotCertain(f"`{src.text(name) if name else '?'}` at {rel}:{method.start_point[0] + 1} "
                             "takes a parameter that is not a plain name")
        open_params.append(src.text(pattern))
    if len(open_params) > 1:
        raise NotCertain(f"`{src.text(name) if name else '?'}` at {rel}:{method.start_point[0] + 1} takes "
                         "more than the token")
    close: set[str] = set()
    off: set[str] = set()
    body = cls.child_by_field_name("body")
    for m in body.named_children if body is not None else ():
        if m.type != "method_definition":
            continue
        mname = m.child_by_field_name("name")
        mbody = m.child_by_field_name("body")
        if mname is None or mbody is None:
            continue
        if re.search(rb"\.close\(\s*\)", data[mbody.start_byte:mbody.end_byte]) and m is not method:
            close.add(src.text(mname))
        returns = m.child_by_field_name("return_type")
        if returns is not None and re.fullmatch(r":\s*\(\s*\)\s*=>\s*void", src.text(returns)):
            off.add(src.text(mname))
    return _Class(src.text(name) if name is not None else "", tuple(open_params), frozenset(close), frozenset(off))


def _imported_as(src: Source, rel: str, name: str, module: str, resolver: ModuleResolver) -> str | None:
    """The local name `rel` imports `name` of `module` as, when that is the only way it names it."""
    local: str | None = None
    for stmt in src.root.named_children:
        if stmt.type != "import_statement":
            continue
        source = stmt.child_by_field_name("source")
        if source is None or resolver.resolve(rel, src.text(source)[1:-1]) != module:
            continue
        for spec in Source.walk(stmt):
            if spec.type == "import_specifier":
                imported = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias")
                if imported is not None and src.text(imported) == name:
                    local = src.text(alias or imported)
    if local is None:
        return None
    if local != name:  # the exported name must not occur elsewhere (a re-export, a comment is fine)
        for n in src.identifiers(src.root, name):
            if not _within_import(n):
                return None
    return local


def _method_call(ident: Node) -> tuple[Node | None, str]:
    member = ident.parent
    if member is None or member.type != "member_expression" or member.child_by_field_name("object") != ident:
        return None, ""
    prop = member.child_by_field_name("property")
    call = member.parent
    if prop is None or call is None or call.type != "call_expression" or call.child_by_field_name("function") != member:
        return None, ""
    return call, (prop.text or b"").decode()


def _statement(call: Node) -> bool:
    return call.parent is not None and call.parent.type == "expression_statement"


def _within(node: Node, outer: Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _within_import(node: Node) -> bool:
    n: Node | None = node
    while n is not None:
        if n.type == "import_statement":
            return True
        n = n.parent
    return False


def _whole_lines(src: Source, node: Node) -> tuple[int, int]:
    start, end = node.start_byte, node.end_byte
    line_start = src.line_start(start)
    if not src.data[line_start:start].strip():
        start = line_start
        if src.data[end:end + 2] == b"\r\n":
            end += 2
        elif src.data[end:end + 1] == b"\n":
            end += 1
    return start, end


def _line(data: bytes, word: re.Pattern[bytes]) -> int:
    m = word.search(data)
    return data.count(b"\n", 0, m.start()) + 1 if m else 1
