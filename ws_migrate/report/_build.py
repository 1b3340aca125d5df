"""`build_report`: scan, read the unified client's uses, measure the checklist, place the phase."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ws_migrate._exceptions import RulesError
from ws_migrate._words import count
from ws_migrate.analyse import Connection, MessageType
from ws_migrate.report._checklist import ITEM_IDS, Facts, measure_checklist
from ws_migrate.report._history import scan_history
from ws_migrate.report._model import (
    ChecklistSection,
    DirectoryCount,
    EndpointProgress,
    Phase,
    Report,
    Site,
)
from ws_migrate.report._usage import UnifiedUse, Usage, endpoint_of_events, read_usage
from ws_migrate.rules import Rules
from ws_migrate.scaffold import client_layout
from ws_migrate.scaffold._init import required_files
from ws_migrate.scan import ScanResult, scan

UNRESOLVED = "(unresolved)"
UNMAPPED = "(events of no endpoint)"


def build_report(
    root: Path, *, rules_files: Sequence[Path] = (), history: int = 0, use_cache: bool = True
) -> Report:
    """The measured Migration Checklist of the repo at `root`.

    `history` > 0 also scans the last `history` commits from git objects (never the work tree).
    `use_cache` is the scan's (`--no-cache`); history commits are always scanned without one.
    Raises `RulesError`/`ScanError` for bad input, as `scan` does.
    """
    root = Path(root)
    result = scan(root, rules_files=rules_files, use_cache=use_cache)
    base = result.root
    usage, client, problems = _usage(base, result.rules)
    # the team's own unified client: its users are on a multiplexed socket already
    team = tuple(UnifiedUse(Site(f, line, f"through {u.name}, the team's unified client"), ())
                 for u in result.inventory.unified for f, line in u.users)
    # connections through the adapter `fix` writes: on the service, their wrapper kept
    adapted = tuple(UnifiedUse(Site(c.file, c.line, f"through the adapter at {c.socket[0]}:{c.socket[1]}"),
                               c.event_types) for c in result.inventory.adapted)
    if team or adapted:
        usage = replace(usage, unified=usage.unified + team + adapted)
    endpoint_of = _event_endpoints(result)
    endpoints = _endpoint_progress(result, usage, endpoint_of)
    facts = Facts(
        scan=result,
        usage=usage,
        client_present=tuple(p for p in client if (base / p).is_file()),
        client_missing=tuple(p for p in client if not (base / p).is_file()),
        endpoints_cleared=(cleared := _cleared(result, usage, endpoints)),
        # endpoints the front end no longer connects to that the back end still serves
        served=_served(result, [k for k in cleared if not any(e.legacy for e in endpoints if e.endpoint == k)]),
    )
    sections = measure_checklist(facts, result.rules.checklist)
    problems += [f"rules: checklist: unknown item {k!r} (known: {', '.join(sorted(ITEM_IDS))})"
                 for k in result.rules.checklist if k not in ITEM_IDS]
    problems += [f"{p.file}:{p.line}: does not parse: {p.message}" for p in result.parse_errors]
    return Report(
        root=str(base),
        rules=result.rules.sources,
        files_scanned=result.files_scanned,
        phase=phase(len(result.connections), len(usage.unified), sections),
        sections=sections,
        endpoints=endpoints,
        directories=_directories(result.connections),
        legacy_connections=len(result.connections),
        replaced=len(usage.unified),
        through_adapter=len(adapted),
        history=scan_history(base, history, count_tree, rules_files) if history > 0 else None,
        problems=tuple(problems),
        cross_check=_cross_check(result),
    )


def count_tree(root: Path, rules_files: Sequence[Path]) -> tuple[int, int]:
    """(legacy connections, unified uses) of one tree: the numbers history charts."""
    result = scan(root, rules_files=rules_files, use_cache=False)
    usage, _, _ = _usage(result.root, result.rules)
    return len(result.connections), len(usage.unified)


def phase(legacy: int, replaced: int, sections: Sequence[ChecklistSection]) -> Phase:
    """The guide's Migration Timeline phase, from where the connections stand.

    1 Preparation while no connection uses the unified service yet; 2 Frontend migration
    while both kinds live side by side; 3 Cleanup once no legacy connection is left (complete
    when every measured checklist item is done too).
    """
    if replaced == 0:
        reason = (f"{count(legacy, 'legacy connection')}, none on the unified service yet" if legacy
                  else "no WebSocket use found yet")
        return Phase(1, "Preparation", reason, False)
    if legacy:
        return Phase(2, "Frontend migration",
                     f"{count(replaced, 'connection')} on the unified service, {legacy} legacy left", False)
    open_items = [i.title for s in sections for i in s.items
                  if i.measured and i.status not in ("done", "not_applicable")]
    if open_items:
        return Phase(3, "Cleanup", f"no legacy connection left; open: {'; '.join(open_items)}", False)
    return Phase(3, "Cleanup", "no legacy connection left and every measured item done", True)


def _usage(base: Path, rules: Rules) -> tuple[Usage, tuple[str, ...], list[str]]:
    """The lexical pass, skipping the generated client and the rule files; client paths too."""
    problems: list[str] = []
    try:
        layout = client_layout(base, rules)
        client: tuple[str, ...] = required_files(base, layout)
    except RulesError as exc:
        problems.append(f"unified client: {exc}")
        client = ()
    skip = set(client)
    if client:  # the hook and adapters are init's too (not required: only code that uses them needs them)
        skip.update((layout.hook_file, layout.legacy_file, layout.legacy_hooks_file, layout.legacy_vue_file))
    for source in rules.sources:
        try:
            skip.add(Path(source).resolve().relative_to(base.resolve()).as_posix())
        except ValueError:
            pass  # a rule file outside the repo is never read by the pass anyway
    return read_usage(base, skip=skip), client, problems


def _event_endpoints(result: ScanResult) -> dict[str, tuple[str, ...]]:
    """EventType → the legacy endpoint patterns whose messages become it: by their own rule,
    and by the top-level `messages` where the scan saw the type on the endpoint."""
    rules = result.rules
    found: dict[str, dict[str, None]] = {}
    for rule in rules.endpoints:
        events = list(rule.messages.values()) + ([rule.default_event] if rule.default_event else [])
        for event in events:
            found.setdefault(event, {})[rule.pattern] = None
    for c in result.connections:
        for t in c.message_types:
            shared = rules.event_for(c.endpoint, t)
            if shared is not None and t in rules.messages:
                found.setdefault(shared, {})[endpoint_key(rules, c.endpoint)] = None
    return {event: tuple(endpoints) for event, endpoints in found.items()}


def endpoint_key(rules: Rules, endpoint: str | None) -> str:
    """Connections group under their rule's pattern (`/ws/health/{userId}` is `/ws/health`)."""
    rule = rules.endpoint_rule(endpoint)
    if rule is not None:
        return rule.pattern
    return endpoint or UNRESOLVED


def _endpoint_progress(result: ScanResult, usage: Usage,
                       endpoint_of: dict[str, tuple[str, ...]]) -> tuple[EndpointProgress, ...]:
    legacy: dict[str, list[Site]] = {}
    replaced: dict[str, list[Site]] = {}
    for c in result.connections:
        legacy.setdefault(endpoint_key(result.rules, c.endpoint), []).append(
            Site(c.file, c.line, c.url))
    for u in usage.unified:
        # a subscription naming events of two endpoints replaces a connection to each
        for key in endpoint_of_events(u.event_types, endpoint_of) or (UNMAPPED,):
            replaced.setdefault(key, []).append(u.site)
    keys = sorted(set(legacy) | set(replaced), key=lambda k: (k.startswith("("), k))
    return tuple(
        EndpointProgress(k, len(legacy.get(k, [])), len(replaced.get(k, [])),
                         tuple(legacy.get(k, [])), tuple(replaced.get(k, [])))
        for k in keys
    )


def _cleared(result: ScanResult, usage: Usage, endpoints: Sequence[EndpointProgress]) -> dict[str, bool]:
    """Every known endpoint → True when no connection and no code string names it any more."""
    known = {r.pattern for r in result.rules.endpoints}
    known |= {e.endpoint for e in endpoints if not e.endpoint.startswith("(")}
    named = {endpoint_key(result.rules, s.path) for s in usage.legacy_strings if not s.doc}
    open_ = {e.endpoint for e in endpoints if e.legacy}
    return {k: k not in open_ and k not in named for k in sorted(known)}


def _served(result: ScanResult, keys: Iterable[str]) -> dict[str, tuple[Site, ...]]:
    """Endpoint key → the back end's legacy routes that still serve it (`/ws/{topic}` serves
    `/ws/alerts` too)."""
    from ws_migrate.analyse._backend import pattern_matches

    routes = result.backend.endpoints if result.backend is not None else ()
    out: dict[str, tuple[Site, ...]] = {}
    for key in keys:
        sites = tuple(Site(e.file, e.line, e.path) for e in routes
                      if endpoint_key(result.rules, e.path) == key or pattern_matches(e.path, key))
        if sites:
            out[key] = sites
    return out


def _directories(connections: Sequence[Connection]) -> tuple[DirectoryCount, ...]:
    counts = Counter(posixpath.dirname(c.file) or "." for c in connections)
    return tuple(DirectoryCount(d, n) for d, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _cross_check(result: ScanResult) -> dict[str, tuple[str, ...]] | None:
    """What one half does that the other never answers (issue 6's cross-check), as text lines."""
    cc = result.backend.cross_check if result.backend is not None else None
    if cc is None:
        return None

    def types(items: tuple[MessageType, ...], where: str) -> tuple[str, ...]:
        return tuple(f"'{m.type}' on {m.endpoint} ({', '.join(getattr(m, where)[:3])})" for m in items)

    return {
        "dead_events": types(cc.dead_events, "emitted_in"),
        "dead_handlers": types(cc.dead_handlers, "handled_in"),
        "connected_not_served": cc.unserved,
        "served_not_connected": cc.unconnected,
    }
