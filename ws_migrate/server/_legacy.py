"""The legacy bridge: unified events delivered to not-yet-migrated clients in the legacy envelope.

With `--legacy-bridge` the server also answers each legacy endpoint of the rules (`/ws/health`,
`/ws/{topic}/{user_id}`…). A client there gets, for each EventType its endpoint maps to, the
message it used to get: `{<type_field>: <legacy type>, <payload_field>: data}` for a type of the
endpoint's `messages`, or the event's data as the whole message for its `default_event`. Legacy
clients authenticate the legacy way, with `?token=` (the same tokens as `/ws`), and receive only
what their role may. Like `Session`, this module does no I/O.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from ..rules import Envelope, Rules
from ._auth import Identity
from ._protocol import (
    CLOSE_TOKEN_EXPIRED,
    Action,
    Close,
    Event,
    allowed_types,
)


@dataclass(frozen=True)
class LegacyRoute:
    """One legacy endpoint and what each EventType becomes on it (None: the whole data)."""

    pattern: str
    legacy_types: Mapping[str, str | None]
    type_field: str | None = None  # the endpoint's own type field (`kind`, `data.op`), over the envelope's
    payload_field: str | None = None  # ... and its own payload field (`object`)

    @property
    def paths(self) -> tuple[str, ...]:
        """Starlette paths: the pattern and, as the rules match, extra trailing segments."""
        base = "/" + "/".join(s for s in self.pattern.split("/") if s)
        return (base, base.rstrip("/") + "/{_extra:path}")


def legacy_routes(rules: Rules) -> tuple[LegacyRoute, ...]:
    """A route per legacy endpoint of the rules, most specific first (Starlette takes the first)."""
    routes: list[LegacyRoute] = []
    for rule in sorted(rules.endpoints, key=lambda r: r.specificity, reverse=True):
        mapping: dict[str, str | None] = {}
        for legacy_type, event_type in rule.messages.items():
            mapping.setdefault(rules.wire_of(event_type), legacy_type)  # the first legacy name wins
        if rule.default_event is not None:
            mapping.setdefault(rules.wire_of(rule.default_event), None)
        if rule.segments == ("ws",):
            continue  # `/ws` is the unified endpoint itself
        routes.append(LegacyRoute(rule.pattern, mapping, rule.type_field, rule.payload_field))
    return tuple(routes)


class LegacyFrames:
    """The frames of one route, each event's serialised once for all the route's clients.

    The hub hands an event to every subscriber before the next one, so remembering the last
    event is enough.
    """

    def __init__(self, route: LegacyRoute, envelope: Envelope) -> None:
        self.route = route
        self._envelope = envelope
        self._event: Event | None = None
        self._text = ""

    def frame(self, event: Event) -> str:
        if event is not self._event:
            self._text = legacy_message(self.route, self._envelope, event)
            self._event = event
        return self._text


class LegacySession:
    """One legacy client: a fixed set of event types, rewritten into the legacy envelope."""

    def __init__(self, frames: LegacyFrames, identity: Identity,
                 event_roles: Mapping[str, tuple[str, ...]]) -> None:
        allowed = set(allowed_types(event_roles, identity.role))
        self.identity = identity
        self.closed = False
        self._frames = frames
        self.event_types = tuple(t for t in frames.route.legacy_types if t in allowed)
        self._last_seq: dict[str, int] = {}

    def deliver(self, event: Event) -> str | None:
        """The legacy frame for a live event, or None when this client does not get it."""
        if self.closed or event.event_type not in self.event_types:
            return None
        self._last_seq[event.event_type] = event.seq
        return self._frames.frame(event)

    def last_seq(self, event_type: str) -> int | None:
        """The `seq` of the last `event_type` event sent to the client, None before any."""
        return self._last_seq.get(event_type)

    def tick(self, now: float) -> list[Action]:
        expires = self.identity.expires_at
        if not self.closed and expires is not None and now >= expires:
            self.closed = True
            return [Close(CLOSE_TOKEN_EXPIRED, "token expired")]
        return []

    def deadline(self) -> float | None:
        return None if self.closed else self.identity.expires_at


def legacy_message(route: LegacyRoute, envelope: Envelope, event: Event) -> str:
    """The frame a legacy client of `route` expects for `event`."""
    legacy_type = route.legacy_types.get(event.event_type)
    if legacy_type is None:
        if isinstance(event.data, str):
            return event.data  # a text the endpoint sent whole (a log line): the frame it was
        body = event.data
    else:
        # the type first, at its place (`data.op` on the wire is `{"data": {"op": …}}`), then the payload
        *outer, last = (route.type_field or envelope.type_field).split(".")
        payload = route.payload_field or envelope.payload_field
        flat = payload == "."  # the endpoint's messages are flat: the data's fields beside the type
        body = dict(event.data) if flat and isinstance(event.data, dict) else {}
        holder = body
        for key in outer:
            holder = holder.setdefault(key, {})
        holder[last] = legacy_type
        if flat:
            pass
        elif payload in body and isinstance(event.data, dict):
            body[payload] = {**event.data, **body[payload]}
        else:
            body[payload] = event.data
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)
