"""The guide's Migration Checklist, item by item, measured from a scan and the repo's text.

Titles are the guide's own words (its "Migration Checklist" section). An item the code can
answer gets a status from counts; the others need a person, who can mark them done in the
rules' `checklist:` (`{done: true, by: name, date: 2026-11-20, note: ...}`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from ws_migrate._words import count
from ws_migrate.analyse import Connection
from ws_migrate.report._model import ChecklistItem, ChecklistSection, Evidence, Site, Status
from ws_migrate.report._usage import Usage
from ws_migrate.rules._model import ChecklistMark
from ws_migrate.scan import ScanResult

# (section id, section title, ((item id, the guide's wording), ...)), in the guide's order
CHECKLIST: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("pre-migration", "Pre-Migration", (
        ("review-usage", "Review existing WebSocket usage"),
        ("identify-event-types", "Identify all event types and handlers"),
        ("document-auth", "Document current authentication patterns"),
        ("dev-environment", "Set up development environment"),
        ("migration-branch", "Create migration branch"),
    )),
    ("during-migration", "During Migration", (
        ("replace-connections", "Replace WebSocket connections with unified service"),
        ("update-event-handling", "Update event handling patterns"),
        ("migrate-auth", "Migrate authentication and authorization"),
        ("error-handling-reconnection", "Update error handling and reconnection logic"),
        ("test-functionality", "Test all WebSocket functionality"),
    )),
    ("post-migration", "Post-Migration", (
        ("remove-legacy-code", "Remove legacy WebSocket code"),
        ("update-docs", "Update documentation and examples"),
        ("monitor-performance", "Monitor performance and error rates"),
        ("deploy-feature-flags", "Deploy to production with feature flags"),
        ("collect-feedback", "Collect user feedback and iterate"),
    )),
    ("validation", "Validation", (
        ("event-types-working", "All event types working correctly"),
        ("auth-functional", "Authentication and authorization functional"),
        ("reconnection-working", "Reconnection working as expected"),
        ("no-memory-leaks", "No memory leaks detected"),
        ("performance-requirements", "Performance meets requirements"),
        ("error-handling-working", "Error handling working properly"),
        ("ux-maintained", "User experience maintained or improved"),
    )),
)

ITEM_IDS: frozenset[str] = frozenset(i for _, _, items in CHECKLIST for i, _ in items)
_MAX_SITES = 200  # evidence lists stay readable (and the HTML small) on a 10,000-file repo


@dataclass(frozen=True)
class Facts:
    """What the measurements read: the scan, the lexical pass, and the state of the client."""

    scan: ScanResult
    usage: Usage
    client_present: tuple[str, ...]
    client_missing: tuple[str, ...]
    # endpoint key (rule pattern, raw endpoint or "(unresolved)") → was it cleared of legacy code
    endpoints_cleared: Mapping[str, bool]
    # endpoint key → the back end's legacy routes to it, for endpoints no front-end code connects to
    served: Mapping[str, tuple[Site, ...]] = field(default_factory=dict)

    @property
    def idle(self) -> bool:
        """No WebSocket use at all, legacy or unified: most items have nothing to measure."""
        return not self.scan.connections and not self.usage.unified


@dataclass(frozen=True)
class _Measure:
    """How far one checklist item is, and the evidence for it."""

    status: Status
    percent: float
    summary: str
    evidence: tuple[Evidence, ...]


def measure_checklist(facts: Facts, marks: Mapping[str, ChecklistMark]) -> tuple[ChecklistSection, ...]:
    """Every checklist item with its status; person-judged items take the rules' marks."""
    sections = []
    for section_id, section_title, items in CHECKLIST:
        measured = []
        for item_id, title in items:
            measure = _MEASURES.get(item_id)
            item = (
                _measured(item_id, title, measure(facts)) if measure is not None
                else _for_person(item_id, title, _PERSON_EVIDENCE.get(item_id, _none)(facts))
            )
            measured.append(_with_mark(item, marks.get(item_id)))
        sections.append(ChecklistSection(section_id, section_title, tuple(measured)))
    return tuple(sections)


def _measured(item_id: str, title: str, m: _Measure) -> ChecklistItem:
    return ChecklistItem(item_id, title, m.status, round(m.percent, 1), True, m.summary, m.evidence)


def _for_person(item_id: str, title: str, evidence: tuple[Evidence, ...]) -> ChecklistItem:
    return ChecklistItem(
        item_id, title, "needs_person", None, False,
        f"only a person can judge this: when it is done, mark it under `checklist:` in the rules "
        f"(`{item_id}: true`)", evidence,
    )


def _vacuous(why: str) -> _Measure:
    """An item with nothing to measure: `not_applicable`, never a vacuous "done"."""
    return _Measure("not_applicable", 100.0, why, ())


_NO_SOCKETS = "n/a: no WebSocket use found"


def _with_mark(item: ChecklistItem, mark: ChecklistMark | None) -> ChecklistItem:
    if mark is None:
        return item
    marked = replace(item, marked_by=mark.by, marked_date=mark.date, note=mark.note)
    if item.measured:
        # the code is the judge of measured items; a mark that disagrees is shown, not obeyed
        if mark.done and item.status != "done":
            who = f" by {mark.by}" if mark.by else ""
            return replace(marked, summary=f"{item.summary} (marked done{who}; the code disagrees)")
        return marked
    if mark.done:
        who = f" by {mark.by}" if mark.by else ""
        when = f" on {mark.date}" if mark.date else ""
        return replace(marked, status="done", percent=100.0, summary=f"marked done{who}{when}")
    return marked


def _status(done: bool, progress: float) -> Status:
    if done:
        return "done"
    return "in_progress" if progress > 0 else "not_started"


def _ratio(good: int, bad: int) -> float:
    total = good + bad
    return 100.0 * good / total if total else 100.0


def _ev(label: str, sites: Iterable[Site]) -> Evidence:
    unique = sorted(set(sites), key=lambda s: (s.file, s.line))
    return Evidence(label, len(unique), tuple(unique[:_MAX_SITES]))


def _count(label: str, n: int) -> Evidence:
    return Evidence(label, n)


def _connection_sites(facts: Facts, keep: Callable[[Connection], bool] = lambda c: True) -> list[Site]:
    return [Site(c.file, c.line, c.url or c.endpoint or "") for c in facts.scan.connections if keep(c)]


def _finding_sites(facts: Facts, rule: str) -> list[Site]:
    return [Site(f.file, f.line, f.message) for f in facts.scan.findings if f.rule == rule]


def _review_usage(facts: Facts) -> _Measure:
    if facts.idle:
        return _vacuous(_NO_SOCKETS)
    scan = facts.scan
    unresolved = [c for c in scan.connections if c.endpoint is None]
    total = len(scan.connections)
    resolved = total - len(unresolved)
    errors = [Site(p.file, p.line, p.message) for p in scan.parse_errors]
    done = not unresolved and not errors
    percent = 100.0 if done else min(_ratio(resolved, len(unresolved)), 99.0)
    summary = (
        f"{count(total, 'legacy connection')} found, every endpoint resolved" if done else
        f"{count(len(unresolved), 'connection')} with an unresolved endpoint, "
        f"{count(len(errors), 'file')} that {'does' if len(errors) == 1 else 'do'} not parse"
    )
    return _Measure("done" if done else "in_progress", percent, summary, (
        _ev("legacy connections", _connection_sites(facts)),
        _ev("unresolved endpoints", [Site(c.file, c.line, c.url) for c in unresolved]),
        _ev("files with syntax errors", errors),
        _ev("wrappers", [Site(w.file, w.line, w.name) for w in scan.wrappers if w.file]),
        _ev("external sockets (not legacy)", [Site(e.file, e.line, e.url) for e in scan.inventory.external]),
    ))


def _identify_event_types(facts: Facts) -> _Measure:
    rules = facts.scan.rules
    types = facts.scan.inventory.message_types
    mapped = [m for m in types if m.event_type is not None]
    unmapped = [m for m in types if m.event_type is None]
    if facts.idle:
        return _vacuous(_NO_SOCKETS)
    # a connection whose endpoint is unknown has types nobody can map yet: not done either
    ruleless = [c for c in facts.scan.connections if rules.endpoint_rule(c.endpoint) is None]
    done = not unmapped and not ruleless
    percent = _ratio(len(mapped), len(unmapped) + len(ruleless))
    unresolved = sum(1 for c in ruleless if c.endpoint is None)
    summary = (
        f"{count(len(mapped), 'message type')}, every one mapped to an EventType" if done else
        f"{count(len(unmapped), 'message type')} unmapped, {count(len(ruleless), 'connection')} without a rule"
        + (f" ({unresolved} of them to an endpoint not resolved)" if unresolved else "")
    )
    return _Measure(_status(done, percent), percent, summary, (
        _ev("mapped message types", [_type_site(m.handled_in, f"{m.type} → {m.event_type}") for m in mapped]),
        _ev("unmapped message types", [_type_site(m.handled_in, f"{m.type} on {m.endpoint}") for m in unmapped]),
        _ev("connections whose endpoint has no rule", _connection_sites(
            facts, lambda c: rules.endpoint_rule(c.endpoint) is None)),
    ))


def _type_site(handled_in: tuple[str, ...], text: str) -> Site:
    first = handled_in[0] if handled_in else ":0"
    file, _, line = first.rpartition(":")
    return Site(file, int(line) if line.isdigit() else 0, text)


def _dev_environment(facts: Facts) -> _Measure:
    present, missing = facts.client_present, facts.client_missing
    percent = _ratio(len(present), len(missing))
    summary = (
        "the unified client is in place (ws-migrate init)" if not missing else
        f"{len(missing)} of the unified client's files missing: run `ws-migrate init`"
    )
    return _Measure(_status(not missing, len(present)), percent, summary, (
        _ev("unified client files present", [Site(p, 1) for p in present]),
        _ev("unified client files missing", [Site(p, 0) for p in missing]),
    ))


def _replace_connections(facts: Facts) -> _Measure:
    if facts.idle:
        return _vacuous(_NO_SOCKETS)
    legacy = len(facts.scan.connections)
    replaced = len(facts.usage.unified)
    percent = _ratio(replaced, legacy)
    summary = f"{replaced} of {count(legacy + replaced, 'connection')} on the unified service"
    return _Measure(_status(legacy == 0, replaced), percent, summary, (
        _ev("legacy connections left", _connection_sites(facts)),
        _ev("unified subscriptions (websocketService.subscribe, useWebSocketEvents)",
            [u.site for u in facts.usage.unified]),
    ))


def _update_event_handling(facts: Facts) -> _Measure:
    if facts.idle:
        return _vacuous(_NO_SOCKETS)
    legacy = [Site(h.file, h.line, f"{h.style} {h.target}") for c in facts.scan.connections
              for h in c.handlers if h.event == "message"]
    registrations = [Site(t.file, t.line, f"{t.method}('{t.type}')") for c in facts.scan.connections
                     for t in c.type_sites if t.how == "register"]
    unified = list(facts.usage.on) + [u.site for u in facts.usage.unified if "useWebSocketEvents" in u.site.text]
    left = len(set(legacy)) + len(set(registrations))
    percent = _ratio(len(set(unified)), left)
    summary = f"{count(left, 'legacy message handler')} left, {count(len(set(unified)), 'unified registration')}"
    # a legacy socket with no handler at all still has its handling to move
    done = left == 0 and (bool(unified) or not facts.scan.connections)
    return _Measure(_status(done, len(unified)), percent if done or left else 0.0, summary, (
        _ev("legacy message handlers", legacy),
        _ev("per-type registrations on legacy wrappers", registrations),
        _ev("websocketService.on / useWebSocketEvents", unified),
    ))


def _migrate_auth(facts: Facts) -> _Measure:
    if facts.idle:
        return _vacuous(_NO_SOCKETS)
    tokens = _connection_sites(facts, lambda c: c.token_in_url)
    connects = list(facts.usage.connect)
    percent = _ratio(len(connects), len(tokens))
    summary = (
        "no token in a socket URL" if not tokens else
        f"{count(len(tokens), 'connection')} still {'carries' if len(tokens) == 1 else 'carry'} a token in the URL"
    )
    return _Measure(_status(not tokens, len(connects)), percent, summary, (
        _ev("tokens in URLs", tokens),
        _ev("websocketService.connect(token)", connects),
    ))


def _error_handling(facts: Facts) -> _Measure:
    if facts.idle:
        return _vacuous(_NO_SOCKETS)
    reconnects = _finding_sites(facts, "manual-reconnect")
    onerror = [Site(h.file, h.line, f"{h.style} {h.target}") for c in facts.scan.connections
               for h in c.handlers if h.event == "error"]
    unified = list(facts.usage.on_error)
    left = len(set(reconnects)) + len(set(onerror))
    nothing_to_do = not facts.scan.connections and not facts.usage.unified
    done = left == 0 and (bool(unified) or nothing_to_do)
    percent = 100.0 if done else _ratio(len(unified), left) if left else 0.0
    summary = (
        f"{count(left, 'hand-written reconnect/onerror handler')} left, "
        f"websocketService.onError used {count(len(unified), 'time')}"
    )
    return _Measure(_status(done, len(unified)), percent, summary, (
        _ev("hand-written reconnects (manual-reconnect)", reconnects),
        _ev("legacy onerror handlers", onerror),
        _ev("websocketService.onError", unified),
    ))


def _remove_legacy_code(facts: Facts) -> _Measure:
    if facts.idle and not facts.served:
        return _vacuous(_NO_SOCKETS)
    wrappers = [Site(w.file, w.line, w.name) for w in facts.scan.wrappers if w.file]
    strings = [s.site for s in facts.usage.legacy_strings if not s.doc]
    connections = _connection_sites(facts)
    # a wrapper kept over the service through the adapter `fix` writes is legacy code still
    adapted = [Site(c.file, c.line, f"through the adapter at {c.socket[0]}:{c.socket[1]}")
               for c in facts.scan.inventory.adapted]
    cleared = sum(1 for v in facts.endpoints_cleared.values() if v)
    total = len(facts.endpoints_cleared)
    # an endpoint the front end no longer connects to is not cleared while the back end serves it
    served = sorted(k for k, done in facts.endpoints_cleared.items() if not done and k in facts.served)
    done = not wrappers and not strings and not connections and not adapted
    percent = 100.0 if done else min(100.0 * cleared / total if total else 0.0, 99.0)
    summary = (
        "no legacy connection, wrapper or /ws/ path left in code" if done else
        f"{cleared} of {count(total, 'endpoint')} cleared; {count(len(connections), 'connection')}, "
        f"{count(len(wrappers), 'wrapper')}, {count(len(set(strings)), 'line')} with a /ws/ path left in code"
        + (f", {count(len(adapted), 'connection')} through the adapter" if adapted else "")
        + (f"; the back end still serves {', '.join(served)} (remove the routes once no client needs "
           "them, or serve old clients with `serve --legacy-bridge`)" if served else "")
    )
    return _Measure(_status(done, cleared), percent, summary, (
        _ev("legacy connections", connections),
        _ev("wrapper definitions", wrappers),
        _ev("/ws/<topic> paths in code", strings),
        _count("endpoints cleared", cleared),
        _ev("connections through the adapter", adapted),
        _ev("legacy routes the back end still serves", [s for k in served for s in facts.served[k]]),
    ))


def _update_docs(facts: Facts) -> _Measure:
    strings = sorted({s.site for s in facts.usage.legacy_strings if s.doc}, key=lambda s: (s.file, s.line))
    dirty = {s.file for s in strings}
    docs = set(facts.usage.doc_files) | dirty
    if not docs:
        return _vacuous("n/a: no doc file mentions WebSockets")
    percent = _ratio(len(docs - dirty), len(dirty))
    summary = (
        f"no /ws/ path in {count(len(docs), 'doc file')} about WebSockets" if not strings else
        f"{count(len(strings), 'line')} with a /ws/ path in {len(dirty)} of {count(len(docs), 'doc file')}"
    )
    return _Measure(_status(not strings, len(docs - dirty)), percent, summary, (
        _ev("/ws/<topic> paths in docs", strings),
        _ev("doc files about WebSockets", [Site(d, 1) for d in docs]),
    ))


def _no_memory_leaks(facts: Facts) -> _Measure:
    if facts.idle:
        return _vacuous(_NO_SOCKETS)
    legacy_leaks = _finding_sites(facts, "missing-cleanup")
    unified_leaks = list(facts.usage.leaking_effects)
    clean = _connection_sites(facts, lambda c: c.cleanup is True) + list(facts.usage.clean_effects)
    leaks = len(set(legacy_leaks)) + len(set(unified_leaks))
    percent = _ratio(len(set(clean)), leaks)
    summary = (
        f"every socket and subscription in an effect is cleaned up ({len(set(clean))})" if not leaks
        else f"{count(leaks, 'effect')} without cleanup"
    )
    return _Measure(_status(leaks == 0, len(clean)), percent, summary, (
        _ev("legacy sockets never closed (missing-cleanup)", legacy_leaks),
        _ev("websocketService subscriptions without unsubscribe/off", unified_leaks),
        _ev("cleaned up", clean),
    ))


def _none(facts: Facts) -> tuple[Evidence, ...]:
    return ()


def _auth_evidence(facts: Facts) -> tuple[Evidence, ...]:
    return (_ev("tokens in URLs", _connection_sites(facts, lambda c: c.token_in_url)),)


def _event_types_evidence(facts: Facts) -> tuple[Evidence, ...]:
    declared = set(facts.scan.rules.event_names)
    unknown = [u.site for u in facts.usage.unified if any(e not in declared for e in u.event_types)]
    return (_ev("unified uses naming an EventType the rules do not declare", unknown),)


def _reconnect_evidence(facts: Facts) -> tuple[Evidence, ...]:
    return (_ev("hand-written reconnects (manual-reconnect)", _finding_sites(facts, "manual-reconnect")),)


_MEASURES: dict[str, Callable[[Facts], _Measure]] = {
    "review-usage": _review_usage,
    "identify-event-types": _identify_event_types,
    "dev-environment": _dev_environment,
    "replace-connections": _replace_connections,
    "update-event-handling": _update_event_handling,
    "migrate-auth": _migrate_auth,
    "error-handling-reconnection": _error_handling,
    "remove-legacy-code": _remove_legacy_code,
    "update-docs": _update_docs,
    "no-memory-leaks": _no_memory_leaks,
}

# evidence a person judging the item will want, although the code cannot decide it
_PERSON_EVIDENCE: dict[str, Callable[[Facts], tuple[Evidence, ...]]] = {
    "document-auth": _auth_evidence,
    "auth-functional": _auth_evidence,
    "event-types-working": _event_types_evidence,
    "reconnection-working": _reconnect_evidence,
}
