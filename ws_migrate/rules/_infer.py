"""`rules infer`: a draft rule file from what a scan found, for a person to review and edit."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING

import yaml

from ws_migrate._words import count

if TYPE_CHECKING:
    from pathlib import Path

    from ws_migrate.scan import ScanResult

_PLACEHOLDER = re.compile(r"^\{[^/{}]*\}$")


def endpoint_key(endpoint: str) -> str:
    """The rule key for a found endpoint: trailing per-user placeholders dropped. A segment
    that mixes text and placeholders (`room-{id}`, `command{path}`), which a rule cannot
    write, becomes one placeholder (`{id}`, `{path}`) that matches it, and is kept."""
    segs = [s for s in endpoint.split("/") if s]
    while segs and _PLACEHOLDER.match(segs[-1]) and len(segs) > 1:
        segs.pop()
    return "/" + "/".join(_segment_key(s) for s in segs)


def _has_literal_segment(template: str | None) -> bool:
    """Does a wrapper's endpoint template name a path (`/ws/{0}/feed`), not only run-time parts?"""
    return bool(template) and any(seg and "{" not in seg for seg in (template or "").split("/"))


def _segment_key(seg: str) -> str:
    if "{" not in seg and "}" not in seg or _PLACEHOLDER.match(seg):
        return seg
    names = [n for n in re.findall(r"\{([^/{}]*)\}", seg) if n] or ["param"]
    return "{" + "_".join(names) + "}"


def event_name(text: str) -> str:
    """`forwarder_status` → `FORWARDER_STATUS`, `zoneUpdated` → `ZONE_UPDATED`."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    name = re.sub(r"[^A-Za-z0-9]+", "_", words).strip("_").upper()
    if not name or not name[0].isalpha():
        name = "EVENT_" + name
    return name


def _client_paths(result: ScanResult) -> tuple[str, str, str]:
    """Where the unified client goes: the rules' paths, unless they are the defaults and every
    legacy connection sits in one package below the root (`frontend/`, `apps/web/`, a folder
    with its own package.json): then in that package's `src/` (or the package itself), where
    its code can import it. The third item names that package ("" when not moved)."""
    from ws_migrate.rules._model import ClientPaths

    client = result.rules.client
    if (client.service_import, client.types_import) != (ClientPaths().service_import, ClientPaths().types_import):
        return client.service_import, client.types_import, ""
    packages = {_package_of(result.root, c.file) for c in result.inventory.connections}
    package = packages.pop() if len(packages) == 1 else ""
    if not package:
        return client.service_import, client.types_import, ""
    base = f"{package}/src" if (result.root / package / "src").is_dir() else package
    return f"{base}/services/websocket", f"{base}/types/websocket", f"{package}/package.json"


def _package_of(root: Path, rel: str) -> str:
    """The nearest folder above `rel` (the root excluded) with a package.json, or ""."""
    parts = rel.split("/")[:-1]
    while parts:
        if (root.joinpath(*parts) / "package.json").is_file():
            return "/".join(parts)
        parts.pop()
    return ""


# fields that hold the time of an event
_TIME = re.compile(r"^(?:date|time|timestamp|ts|at|when|datetime|\w+_(?:at|time|date|ts)|[a-z]\w*(?:At|Time|Date|Timestamp))$")


def _topic(key: str) -> str:
    """The last literal segment of an endpoint (`pods` of `/api/v1/namespaces/{ns}/pods`)."""
    return next((s for s in reversed(key.split("/")) if s and not _PLACEHOLDER.match(s)), "ws")


def _q(value: str) -> str:
    return yaml.safe_dump(value, default_style=None, width=1000).strip().removesuffix("...").strip()


def infer_rules(result: ScanResult) -> str:
    """YAML text of a draft rule file; existing rules' names are kept where they already map."""
    rules = result.rules
    inv = result.inventory
    types: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    whole: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    fields: dict[str, Counter[str]] = defaultdict(Counter)  # the field handlers compare, per endpoint
    reads: dict[str, set[str]] = defaultdict(set)  # the message fields typed handlers read, per endpoint
    libraries: Counter[str] = Counter()
    sends: dict[str, str] = {}  # where a connection's own code sends on an endpoint (or may)
    for c in inv.connections:
        if c.library:
            libraries[c.library] += 1
        if c.endpoint is None:
            continue
        # each endpoint the connection may open (`/ns/{ns}/pods` or `/pods`) needs its rule
        for key in dict.fromkeys(endpoint_key(e) for e in c.endpoints or (c.endpoint,)):
            counts[key] += 1
            if c.send_line or c.escape_line:
                how = (f"sends on it at {c.send_file}:{c.send_line}" if c.send_file else
                       f"sends on it at line {c.send_line}") if c.send_line else \
                    f"hands it to code that may send on it ({c.escape_file}:{c.escape_line})" if c.escape_file else \
                    f"hands it to code that may send on it (line {c.escape_line})"
                sends.setdefault(key, f"{c.file}:{c.line} {how}")
            if c.message_field:
                fields[key][c.message_field] += 1
            for t in c.type_sites:
                types[key][t.type].append(f"{t.file}:{t.line}")
            if any(h.whole_message for h in c.handlers) or not c.message_types:
                whole[key] += 1
            if c.message_types:
                head = (c.message_field or rules.envelope.type_field).split(".")[0]
                reads[key].update(f for h in c.handlers if h.event == "message" for f in h.fields if f != head)
    # types only the back end sends still need an EventType: the unified server publishes them
    from ws_migrate.analyse._backend import topic_key

    for sent in result.backend.emitted if result.backend else ():
        if sent.endpoint is not None:
            key = endpoint_key(topic_key(sent.endpoint))
            counts.setdefault(key, 0)
            types[key][sent.type].append(f"{sent.file}:{sent.line}")
    events: dict[str, list[str]] = {}
    # the field most connections tell types apart by becomes the envelope's; others per endpoint
    overall = Counter[str]()
    for per in fields.values():
        overall.update(per)
    type_field = overall.most_common(1)[0][0] if overall else rules.envelope.type_field
    lines = [
        f"# Draft ws-migrate rules inferred from {len(inv.connections)} legacy connections in "
        f"{result.files_scanned} files on {date.today().isoformat()}.",
        "# Review every EventType name and every role, then validate: ws-migrate rules check FILE",
        "version: 1",
        "envelope: {type_field: %s, payload_field: %s}" % (_q(type_field), _q(rules.envelope.payload_field)),
    ]
    if libraries:
        lines.append("# libraries that open these sockets (known from rules/libraries.yaml): "
                     + ", ".join(f"{name} ({count(n, 'connection')})" for name, n in sorted(libraries.items())))
    if inv.unified:
        names = sorted({u.name for u in inv.unified})
        where = ", ".join(f"{u.file}:{u.line}" for u in inv.unified)
        lines.append(f"unified_client: [{', '.join(_q(n) for n in names)}]  # one multiplexed socket: {where}")
    lines.append("endpoints:" + ("" if counts else " {}"))
    # a type several topics send (`ADDED` of pods and of tasks) is one EventType per topic: one
    # name for all would hand each topic's subscribers the others' events
    topics: dict[str, set[str]] = defaultdict(set)
    for key in counts:
        for name in types[key]:
            topics[name].add(_topic(key))
    for key in sorted(counts):
        existing = rules.endpoint_rule(key)
        topic = _topic(key)
        default = existing.default_event if existing and existing.default_event else f"{event_name(topic)}_MESSAGE"
        roles = ["admin"] if "admin" in key else ["viewer", "admin"]
        lines.append(f"  {_q(key)}:  # {count(counts[key], 'connection')}" if counts[key] else f"  {_q(key)}:  # sent by the back end")
        if key in sends:  # its requests have no unified counterpart: the adapter keeps its socket
            lines.append(f"    keep_socket: true  # {sends[key]}")
            continue  # its messages stay on that socket: no EventType to publish them as
        field = fields[key].most_common(1)[0][0] if fields[key] else None
        if field and field != type_field:
            lines.append(f"    type_field: {_q(field)}  # what its handlers compare")
        # a field named as a time (`date`, `sent_at`) is the event's: the adapter fills it
        timed = sorted(f for f in reads[key] if _TIME.match(f))
        if timed:
            lines.append(f"    time_field: {_q(timed[0])}  # its handlers read the event's time there")
            reads[key].discard(timed[0])
        if len(reads[key]) == 1 and rules.envelope.payload_field not in reads[key]:
            lines.append(f"    payload_field: {_q(next(iter(reads[key])))}  # where its handlers read a message's data")
        elif len(reads[key]) > 1 and rules.envelope.payload_field not in reads[key]:
            lines.append(f"    payload_field: .  # flat messages: its handlers read {', '.join(sorted(reads[key]))}")
        if whole[key]:
            lines.append(f"    default_event: {default}  # {count(whole[key], 'handler')} {'uses' if whole[key] == 1 else 'use'} the whole message")
            events.setdefault(default, roles)
        if types[key]:
            lines.append("    messages:")
            for name in sorted(types[key]):
                ev = rules.event_for(key, name) or event_name(f"{topic}_{name}" if len(topics[name]) > 1 else name)
                where = ", ".join(sorted(set(types[key][name]))[:3])
                lines.append(f"      {_q(name)}: {ev}  # {where}")
                events.setdefault(ev, roles)
        if not whole[key] and not types[key]:
            lines.append(f"    default_event: {default}")
            events.setdefault(default, roles)
    # Wrappers whose calls left an endpoint unresolved need a declaration; the others are
    # followed by inference already and are listed commented out, to pin one if it ever breaks.
    unresolved = {name for c in inv.connections if c.endpoint is None for name in (c.via or ())[:1]}
    declared = [w for w in inv.wrappers
                if not w.declared and w.name in unresolved and _has_literal_segment(w.endpoint_template)]
    lines.append("wrappers:" + ("" if declared else " []"))
    for w in inv.wrappers:
        if w.declared:
            continue
        # a declaration needs a path: one with no literal segment (`{pathname}`, or none found)
        # would be a guess, so it is left for the team to write
        has_path = _has_literal_segment(w.endpoint_template)
        mark = "  " if w.name in unresolved and has_path else "  # "
        where = f"{w.file}:{w.line}, {count(w.calls, 'connection')}"
        if w.name in unresolved and not has_path:
            where += "; its path is not known: write it here, then uncomment"
        lines.append(f"{mark}- name: {_q(w.name)}  # {where}")
        lines.append(f"{mark}  endpoint: {_q(w.endpoint_template or '/ws/{0}')}")
        methods = sorted({t.method for c in inv.connections if c.via and w.name in c.via
                          for t in c.type_sites if t.how == "register"})
        if len(methods) == 1:
            lines.append(f"{mark}  subscribe: {_q(methods[0])}")
    lines.append("events:  # who may receive each event: review the roles" if events else "events: {}")
    for name in sorted(events):
        known = next((e for e in rules.events if e.name == name), None)
        roles = list(known.roles) if known and known.roles else events[name]
        wire = f", wire: {_q(known.wire)}" if known and known.wire else ""  # kept as the rules had it
        lines.append(f"  {name}: {{roles: [{', '.join(roles)}]{wire}}}")
    service_import, types_import, where = _client_paths(result)
    lines += [
        "client:" + (f"  # in the package of the sockets: {where}" if where else ""),
        f"  service_import: {_q(service_import)}",
        f"  types_import: {_q(types_import)}",
    ]
    return "\n".join(lines) + "\n"
