"""The rules a migration follows: legacy endpoints and message types mapped to EventTypes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ws_migrate._openers import LibraryOpener

_PARAM = re.compile(r"^\{[^/{}]*\}$")


@dataclass(frozen=True)
class Envelope:
    """Shape of a legacy message: which field names its type and which carries its payload."""

    type_field: str = "type"
    payload_field: str = "payload"


@dataclass(frozen=True)
class EndpointRule:
    """One legacy endpoint pattern (`/ws/health`, `/ws/{topic}/{user_id}`) and its mapping."""

    pattern: str
    default_event: str | None = None
    messages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    line: int | None = None
    type_field: str | None = None  # this endpoint's own type field, over the envelope's
    payload_field: str | None = None  # ... and its own payload field
    # its connections keep their own socket (they send requests the unified service has no
    # counterpart for): the adapter opens the legacy socket for it, as before
    keep_socket: bool = False
    # the field its messages carry the event's time in (`date`): the adapter fills it with the
    # time the unified server gives the event (its `ts`, ISO 8601)
    time_field: str | None = None

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(s for s in self.pattern.split("/") if s)

    def matches(self, endpoint: str) -> bool:
        """True when `endpoint` matches this pattern.

        A `{param}` segment of the pattern matches any one segment. An endpoint may also carry
        trailing placeholder segments the pattern lacks (`/ws/health/{userId}` matches
        `/ws/health`): per-user suffixes route, they do not change the topic.
        """
        want = self.segments
        got = tuple(s for s in endpoint.split("/") if s)
        if len(got) < len(want):
            return False
        for w, g in zip(want, got):
            if _PARAM.match(w):
                continue
            if w != g:
                return False
        return all(_PARAM.match(g) for g in got[len(want):])

    @property
    def specificity(self) -> tuple[int, int]:
        """Sort key: more literal segments first, then longer patterns."""
        segs = self.segments
        return (sum(1 for s in segs if not _PARAM.match(s)), len(segs))


@dataclass(frozen=True)
class WrapperRule:
    """A wrapper declared by the user, for wrappers inference cannot resolve."""

    name: str
    endpoint: str | None = None
    subscribe: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class EventRule:
    """One EventType of the unified system and the roles that may receive it."""

    name: str
    roles: tuple[str, ...] = ()
    description: str | None = None
    wire: str | None = None  # its value on the wire (`zone_created`), when it is not the name

    @property
    def value(self) -> str:
        """What the unified protocol carries for it: its `wire` value, else its name."""
        return self.wire or self.name


@dataclass(frozen=True)
class ClientPaths:
    """Where the unified client lives in the migrated repo."""

    service_import: str = "src/services/websocket"
    types_import: str = "src/types/websocket"
    backend_module: str = "backend/ws_events"  # the Python EventType + publisher (`init --backend`)


@dataclass(frozen=True)
class ChecklistMark:
    """A person's verdict on one item of the guide's Migration Checklist (`checklist:` in the rules)."""

    done: bool
    by: str | None = None
    date: str | None = None  # as written (`2026-11-20`); YAML dates come back as ISO text
    note: str | None = None


@dataclass(frozen=True)
class Rules:
    """Everything read from the rule files, merged in order (later files override)."""

    version: int = 1
    envelope: Envelope = Envelope()
    endpoints: tuple[EndpointRule, ...] = ()
    # legacy type → EventType on any endpoint (`zone_created` of `/ws/system` and `/ws/dns`):
    # an endpoint's own `messages` win for its types
    messages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    wrappers: tuple[WrapperRule, ...] = ()
    events: tuple[EventRule, ...] = ()
    client: ClientPaths = ClientPaths()
    # Hosts that are the app's own back end when written literally in a URL (`ws://localhost:8000`).
    app_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "0.0.0.0", "[::1]")
    sources: tuple[str, ...] = ()
    libraries: tuple[LibraryOpener, ...] = ()  # the shipped pack's, then the rule files'
    unified_client: tuple[str, ...] = ()  # the team's own unified client, by name: not legacy
    # roles whose tokens open the server's inspector; no scan reads them (not in the repr)
    admin_roles: tuple[str, ...] = field(default=(), repr=False)
    # item id → mark; not in the repr, which fingerprints the scan cache: marks change no scan
    checklist: Mapping[str, ChecklistMark] = field(
        default_factory=lambda: MappingProxyType({}), repr=False
    )

    def endpoint_rule(self, endpoint: str | None) -> EndpointRule | None:
        """The most specific endpoint rule that matches `endpoint`, or None."""
        if endpoint is None:
            return None
        best: EndpointRule | None = None
        for rule in self.endpoints:
            if rule.matches(endpoint) and (best is None or rule.specificity > best.specificity):
                best = rule
        return best

    def event_for(self, endpoint: str | None, message_type: str) -> str | None:
        """The EventType a legacy message type on `endpoint` becomes, or None when unmapped:
        its endpoint rule's `messages`, else the top-level `messages` (for any endpoint known)."""
        if endpoint is None:
            return None
        return messages_of(self, self.endpoint_rule(endpoint)).get(message_type)

    def event_rule(self, name_or_value: str) -> EventRule | None:
        """The EventType named `name_or_value`, or whose wire value it is, or None."""
        for e in self.events:
            if e.name == name_or_value:
                return e
        return next((e for e in self.events if e.value == name_or_value), None)

    def wire_of(self, name: str) -> str:
        """The wire value of the EventType `name` (the name itself when it declares none)."""
        return next((e.value for e in self.events if e.name == name), name)

    def keeps_socket(self, endpoints: Iterable[str]) -> bool:
        """Does each of `endpoints` (one connection's) keep its own socket (`keep_socket: true`)?"""
        found = [self.endpoint_rule(e) for e in endpoints]
        return bool(found) and all(r is not None and r.keep_socket for r in found)

    def type_field_for(self, endpoint: str | None) -> str:
        """The field that names a message's type on `endpoint`: its rule's, else the envelope's."""
        rule = self.endpoint_rule(endpoint)
        return rule.type_field if rule is not None and rule.type_field else self.envelope.type_field

    def payload_field_for(self, endpoint: str | None) -> str:
        """The field that holds a message's data on `endpoint`: its rule's, else the envelope's."""
        rule = self.endpoint_rule(endpoint)
        return rule.payload_field if rule is not None and rule.payload_field else self.envelope.payload_field

    def wrapper_rule(self, name: str) -> WrapperRule | None:
        for w in self.wrappers:
            if w.name == name:
                return w
        return None

    @property
    def event_names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.events)


def messages_of(rules: Rules, rule: EndpointRule | None) -> Mapping[str, str]:
    """Legacy type → EventType on the endpoint of `rule` (None: an endpoint no rule matches):
    the top-level `messages`, overridden type by type by the endpoint's own."""
    if not rules.messages:
        return rule.messages if rule is not None else rules.messages
    if rule is None or not rule.messages:
        return rules.messages
    return {**rules.messages, **rule.messages}
