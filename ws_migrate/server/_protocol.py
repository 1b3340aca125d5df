"""The unified protocol as a pure state machine: frames in, actions out, no I/O and no clock.

A `Session` is one client connection on `/ws`. The asyncio layer (`_app.py`) feeds it what the
client sends (`receive`), what the broker publishes (`deliver`), what history returned
(`replayed`) and the passing of time (`tick`), and carries out the actions it returns: `Send` a
frame, `Close` the connection, `Subscribe`/`Unsubscribe` it to event types, `Replay` history.
`deliver`, called once per event and subscriber, returns only the frame to send, if any: a live
event never leads to another action, and the hot path builds no action list.
The contract it implements is docs/protocol.md; every time is a float in seconds passed in by the
caller, so the tests drive it without sockets and without sleeping.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

from .._exceptions import WsMigrateError
from ._auth import AuthFailure, Identity

# --- close codes (docs/protocol.md lists them; the TypeScript client knows the 44xx ones) --------
CLOSE_NORMAL: Final = 1000
CLOSE_POLICY: Final = 1008  # repeated abuse: malformed frames, unknown types, flooding
CLOSE_TOO_BIG: Final = 1009  # a frame far over the limit (enforced by the WebSocket layer)
CLOSE_BAD_TOKEN: Final = 4401
CLOSE_TOKEN_EXPIRED: Final = 4403
CLOSE_AUTH_TIMEOUT: Final = 4408
CLOSE_SLOW_CONSUMER: Final = 4503  # the client did not read fast enough; it may reconnect + `since`


@dataclass(frozen=True)
class Limits:
    """What one connection may do; the defaults suit a dashboard front end."""

    auth_timeout: float = 5.0
    max_message_bytes: int = 64 * 1024
    rate: float = 20.0  # inbound frames per second, sustained
    burst: int = 60  # inbound frames allowed at once
    max_errors: int = 10  # bad frames within `error_window` before the connection is closed
    error_window: float = 60.0
    send_queue: int = 1024  # frames waiting for a slow client before it is dropped
    close_timeout: float = 10.0  # for a dropped client to take its close frame, then cut off
    history: int = 1000  # events kept per event type for `since` recovery
    max_publish_bytes: int = 1024 * 1024  # a `POST /publish` body; more is refused with 413
    # below the ASGI app, where `ws-migrate serve` runs it (`_guard.py`):
    handshake_timeout: float = 10.0  # for a request (a WebSocket handshake) to arrive whole
    idle_timeout: float = 5.0  # an HTTP keep-alive connection with no request is closed
    max_connections_per_address: int = 256  # open at once from one IP address (0: no cap)


DEFAULT_LIMITS: Final = Limits()


@dataclass(frozen=True)
class Event:
    """One published event: the unit the broker fans out and the session forwards."""

    event_type: str
    data: Any
    seq: int
    ts: str  # ISO 8601, UTC

    @cached_property
    def wire(self) -> str:
        """The `event` frame, serialised once and shared by every recipient."""
        return json.dumps(
            {"type": "event", "eventType": self.event_type, "data": self.data,
             "seq": self.seq, "ts": self.ts},
            separators=(",", ":"), ensure_ascii=False, allow_nan=False,
        )


class InvalidEventData(WsMigrateError):
    """Event data a browser's `JSON.parse` could not read: not JSON, NaN or Infinity, a lone
    surrogate (not UTF-8), or nested too deeply."""


def checked_data(data: Any) -> str:
    """`data` as the JSON text every client will parse; raises `InvalidEventData`."""
    try:
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidEventData("the data holds a lone surrogate (\\ud800-\\udfff alone is not "
                               "UTF-8): no client could read it") from None
    except RecursionError:
        raise InvalidEventData("the data is nested too deeply") from None
    except ValueError:
        raise InvalidEventData("the data holds NaN or Infinity, which JSON does not have") from None
    except TypeError as err:
        raise InvalidEventData(f"the data is not JSON: {err}") from None
    return text


# --- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Send:
    """Send this text frame to the client."""

    text: str


@dataclass(frozen=True)
class Close:
    """Close the connection (after the frames queued before it)."""

    code: int
    reason: str


@dataclass(frozen=True)
class Subscribe:
    """Start routing these event types to the session (`deliver`)."""

    event_types: tuple[str, ...]


@dataclass(frozen=True)
class Unsubscribe:
    """Stop routing these event types to the session."""

    event_types: tuple[str, ...]


@dataclass(frozen=True)
class Denied:
    """The client asked for these event types and its role may not receive them (for the
    inspector's log; the client has had its answer)."""

    event_types: tuple[str, ...]


@dataclass(frozen=True)
class Replay:
    """Fetch history of `event_type` after `after`; answer with `Session.replayed(request, …)`."""

    request: int
    event_type: str
    after: int


Action = Send | Close | Subscribe | Unsubscribe | Denied | Replay

Authenticate = Callable[[str, float], Identity]
"""Checks a token at a time; returns who it is or raises `AuthFailure`. Must not do I/O."""


def frame(message: Mapping[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


def allowed_types(roles: Mapping[str, tuple[str, ...]], role: str) -> tuple[str, ...]:
    """Event types `role` may receive, in the rules' order (an event with no roles: nobody)."""
    return tuple(name for name, allowed in roles.items() if role in allowed)


@dataclass
class _PendingSubscribe:
    """A `subscribe` with `since`, answered once history came back for every type in it."""

    id: int | None
    granted: tuple[str, ...]
    denied: tuple[str, ...]
    waiting: set[str]
    recovered: bool = True
    replayed: list[Event] = field(default_factory=list)


class Session:
    """One client connection on `/ws`: authentication, subscriptions, limits, event forwarding.

    `event_roles` maps every EventType to the roles that may receive it (the rules' `events`).
    """

    def __init__(
        self,
        event_roles: Mapping[str, tuple[str, ...]],
        authenticate: Authenticate,
        now: float,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self._roles = event_roles
        self._authenticate = authenticate
        self._limits = limits
        self._opened = now
        self.identity: Identity | None = None
        self.closed = False
        self.subscriptions: set[str] = set()
        self.denied: set[str] = set()  # asked for, refused by role (until granted)
        self._last_seq: dict[str, int] = {}
        # types whose live events wait until a pending subscribe's replay has been sent
        self._buffers: dict[str, list[Event]] = {}
        self._pending: dict[int, _PendingSubscribe] = {}
        self._next_request = 0
        self._tokens = float(limits.burst)
        self._refilled = now
        self._errors: deque[float] = deque()

    # --- inputs --------------------------------------------------------------------------------

    def receive(self, message: str | bytes, now: float) -> list[Action]:
        """A frame from the client."""
        if self.closed:
            return []
        size = len(message) if isinstance(message, bytes) else len(message.encode("utf-8"))
        if size > self._limits.max_message_bytes:
            return self._error(now, "message_too_big",
                               f"frames are limited to {self._limits.max_message_bytes} bytes")
        if not self._take_token(now):
            return self._error(now, "rate_limited",
                               f"more than {self._limits.rate:g} messages per second")
        try:
            parsed: Any = json.loads(message)
        except (ValueError, UnicodeDecodeError):
            parsed = None
        if not isinstance(parsed, dict) or not isinstance(parsed.get("type"), str):
            if self.identity is None:
                return self._refuse("the first message must be {\"type\": \"auth\", \"token\": …}")
            return self._error(now, "bad_message", "expected a JSON object with a string `type`")
        kind: str = parsed["type"]
        if self.identity is None:
            if kind != "auth":
                return self._refuse("the first message must be {\"type\": \"auth\", \"token\": …}")
            return self._auth(parsed, now)
        if kind == "subscribe":
            return self._subscribe(parsed, now)
        if kind == "unsubscribe":
            return self._unsubscribe(parsed, now)
        if kind == "refresh":
            return self._refresh(parsed, now)
        if kind == "ping":
            return [Send(frame({"type": "pong"}))]
        if kind == "pong":
            return []  # the answer to a server `ping`: proof of life, nothing to do
        if kind == "auth":
            return self._error(now, "already_authenticated", "use `refresh` to renew the token")
        return self._error(
            now, "unknown_message_type",
            f"unknown message type {kind!r}; expected subscribe, unsubscribe, refresh or ping",
        )

    def deliver(self, event: Event) -> str | None:
        """A live event from the broker: the frame to send now, or None (not subscribed, seen
        already, or held back until a pending subscribe's replay has been sent)."""
        event_type = event.event_type
        if self.closed or event_type not in self.subscriptions:
            return None
        if self._buffers:
            buffer = self._buffers.get(event_type)
            if buffer is not None:
                buffer.append(event)
                return None
        # `_fresh`, inline: this runs once per event and subscriber
        last = self._last_seq.get(event_type)
        if last is not None and event.seq <= last:
            return None
        self._last_seq[event_type] = event.seq
        return event.wire

    def replayed(self, request: int, event_type: str, events: Sequence[Event] | None) -> list[Action]:
        """History for a `Replay` action: the events after its `after`, or None when lost."""
        pending = self._pending.get(request)
        if pending is None or event_type not in pending.waiting:
            return []
        pending.waiting.discard(event_type)
        if events is None:
            pending.recovered = False
            # the client reloads its state: from here on it needs every event, whatever its seq
            # (a sequence that restarted is lower than the `since` it came with)
            self._last_seq.pop(event_type, None)
        else:
            pending.replayed.extend(events)
        if pending.waiting:
            return []
        del self._pending[request]
        if self.closed:
            return []
        reply: dict[str, Any] = {"type": "subscribed"}
        if pending.id is not None:
            reply["id"] = pending.id
        reply.update(eventTypes=list(pending.granted), denied=list(pending.denied),
                     recovered=pending.recovered)
        actions: list[Action] = [Send(frame(reply))]
        for event in sorted(pending.replayed, key=lambda e: (e.event_type, e.seq)):
            if event.event_type in self.subscriptions and self._fresh(event):
                actions.append(Send(event.wire))
        for granted in pending.granted:
            for event in self._buffers.pop(granted, []):
                if event.event_type in self.subscriptions and self._fresh(event):
                    actions.append(Send(event.wire))
        return actions

    def lost(self, event_types: Iterable[str]) -> str | None:
        """The broker lost events of these types: the frame that tells the client to reload
        (`subscribed` with `recovered: false`, no `id`), or None when it subscribes to none.
        From here on it gets every event of them, whatever its seq (a sequence may restart)."""
        if self.closed:
            return None
        types = [t for t in dict.fromkeys(event_types) if t in self.subscriptions]
        for event_type in types:
            self._last_seq.pop(event_type, None)
        for pending in self._pending.values():
            if pending.waiting.intersection(types):
                pending.recovered = False
        if not types:
            return None
        return frame({"type": "subscribed", "eventTypes": types, "denied": [], "recovered": False})

    def tick(self, now: float) -> list[Action]:
        """Time passed: the auth timeout and token expiry close the connection."""
        if self.closed:
            return []
        if self.identity is None:
            if now - self._opened >= self._limits.auth_timeout:
                return self._close(CLOSE_AUTH_TIMEOUT, "no auth message in time")
            return []
        expires = self.identity.expires_at
        if expires is not None and now >= expires:
            return self._close(CLOSE_TOKEN_EXPIRED, "token expired")
        return []

    def deadline(self) -> float | None:
        """When `tick` next has something to do, or None."""
        if self.closed:
            return None
        if self.identity is None:
            return self._opened + self._limits.auth_timeout
        return self.identity.expires_at

    def last_seq(self, event_type: str) -> int | None:
        """The `seq` of the last `event_type` event sent to the client (or the `since` it
        recovers from), None before any."""
        return self._last_seq.get(event_type)

    # --- messages ------------------------------------------------------------------------------

    def _auth(self, message: Mapping[str, Any], now: float) -> list[Action]:
        token = message.get("token")
        if not isinstance(token, str) or not token:
            return self._refuse("`token` must be a non-empty string")
        try:
            identity = self._authenticate(token, now)
        except AuthFailure as failure:
            return self._refuse(failure.reason)
        self.identity = identity
        return [Send(self._auth_ok(identity))]

    def _refresh(self, message: Mapping[str, Any], now: float) -> list[Action]:
        assert self.identity is not None
        token = message.get("token")
        if not isinstance(token, str) or not token:
            return [Send(frame({"type": "auth_error", "reason": "`token` must be a non-empty string"}))]
        try:
            identity = self._authenticate(token, now)
        except AuthFailure as failure:
            # the session goes on until the old token expires: the client may try again
            return [Send(frame({"type": "auth_error", "reason": failure.reason}))]
        if identity.user != self.identity.user:
            return [Send(frame({"type": "auth_error",
                                "reason": "the new token is for another user"}))]
        self.identity = identity
        actions: list[Action] = [Send(self._auth_ok(identity))]
        allowed = set(allowed_types(self._roles, identity.role))
        lost = tuple(sorted(t for t in self.subscriptions if t not in allowed))
        if lost:
            # a role that changed may no longer receive what it subscribed to
            self._drop(lost)
            self.denied.update(lost)
            actions += [Unsubscribe(lost), Denied(lost)]
        return actions

    def _request(self, message: Mapping[str, Any], now: float
                 ) -> tuple[int | None, list[str], list[Action]]:
        """The `id` and `eventTypes` of a (un)subscribe, or the error actions that answer it."""
        request_id = message.get("id")
        types = self._event_types(message)
        if request_id is not None and not isinstance(request_id, int):
            return None, [], self._error(now, "bad_message", "`id` must be an integer", None)
        if types is None:
            return request_id, [], self._error(
                now, "bad_message", "`eventTypes` must be a list of strings", request_id)
        unknown = [t for t in types if t not in self._roles]
        if unknown:
            return request_id, [], self._unknown(now, unknown, request_id)
        return request_id, types, []

    def _subscribe(self, message: Mapping[str, Any], now: float) -> list[Action]:
        assert self.identity is not None
        request_id, types, errors = self._request(message, now)
        if errors:
            return errors
        since = message.get("since")
        if since is not None and not (
            isinstance(since, dict)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in since.values())
        ):
            return self._error(now, "bad_message", "`since` must map event types to integers",
                               request_id)
        allowed = set(allowed_types(self._roles, self.identity.role))
        granted = tuple(t for t in types if t in allowed)
        denied = tuple(t for t in types if t not in allowed)
        fresh = tuple(t for t in granted if t not in self.subscriptions)
        self.subscriptions.update(granted)
        self.denied.difference_update(granted)
        self.denied.update(denied)
        actions: list[Action] = [Subscribe(fresh)] if fresh else []
        if denied:
            actions.append(Denied(denied))
        replays = {t: since[t] for t in granted if since is not None and t in since}
        if not replays:
            reply: dict[str, Any] = {"type": "subscribed"}
            if request_id is not None:
                reply["id"] = request_id
            reply.update(eventTypes=list(granted), denied=list(denied))
            actions.append(Send(frame(reply)))
            return actions
        self._next_request += 1
        request = self._next_request
        self._pending[request] = _PendingSubscribe(request_id, granted, denied, set(replays))
        for event_type in granted:
            self._buffers.setdefault(event_type, [])
        for event_type, after in replays.items():
            # what the client saw last: replayed and live events at or below it are duplicates;
            # an older `since` than what this connection was sent cannot make it send them again
            sent = self._last_seq.get(event_type)
            self._last_seq[event_type] = after if sent is None else max(sent, after)
            actions.append(Replay(request, event_type, after))
        return actions

    def _unsubscribe(self, message: Mapping[str, Any], now: float) -> list[Action]:
        request_id, types, errors = self._request(message, now)
        if errors:
            return errors
        gone = tuple(t for t in types if t in self.subscriptions)
        self._drop(gone)
        self.denied.difference_update(types)
        reply: dict[str, Any] = {"type": "unsubscribed"}
        if request_id is not None:
            reply["id"] = request_id
        reply["eventTypes"] = list(types)
        actions: list[Action] = [Unsubscribe(gone)] if gone else []
        actions.append(Send(frame(reply)))
        return actions

    # --- helpers -------------------------------------------------------------------------------

    def _fresh(self, event: Event) -> bool:
        """Whether `event` is new to the client (and from now on, it is not)."""
        last = self._last_seq.get(event.event_type)
        if last is not None and event.seq <= last:
            return False  # seen already: a replay and the live feed overlapped
        self._last_seq[event.event_type] = event.seq
        return True

    def _drop(self, types: Iterable[str]) -> None:
        for event_type in types:
            # `_last_seq` stays: subscribed again, the connection still never repeats a seq
            self.subscriptions.discard(event_type)
            self._buffers.pop(event_type, None)

    @staticmethod
    def _event_types(message: Mapping[str, Any]) -> list[str] | None:
        types = message.get("eventTypes")
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            return None
        return list(dict.fromkeys(types))

    def _auth_ok(self, identity: Identity) -> str:
        return frame({"type": "auth_ok", "user": identity.user, "role": identity.role,
                      "allowedEventTypes": list(allowed_types(self._roles, identity.role))})

    def _unknown(self, now: float, unknown: list[str], request_id: int | None) -> list[Action]:
        return self._error(
            now, "unknown_event_type",
            f"unknown event type{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"valid: {', '.join(self._roles)}",
            request_id,
        )

    def _error(self, now: float, code: str, message: str,
               request_id: int | None = None) -> list[Action]:
        reply: dict[str, Any] = {"type": "error", "code": code, "message": message}
        if request_id is not None:
            reply["id"] = request_id
        actions: list[Action] = [Send(frame(reply))]
        self._errors.append(now)
        while self._errors and now - self._errors[0] > self._limits.error_window:
            self._errors.popleft()
        if len(self._errors) >= self._limits.max_errors:
            actions.extend(self._close(CLOSE_POLICY, "too many bad messages"))
        return actions

    def _refuse(self, reason: str) -> list[Action]:
        return [Send(frame({"type": "auth_error", "reason": reason})),
                *self._close(CLOSE_BAD_TOKEN, "authentication failed")]

    def _close(self, code: int, reason: str) -> list[Action]:
        self.closed = True
        return [Close(code, reason)]

    def _take_token(self, now: float) -> bool:
        # token bucket: `burst` frames at once, refilled at `rate` per second
        elapsed = max(0.0, now - self._refilled)
        self._refilled = now
        self._tokens = min(float(self._limits.burst), self._tokens + elapsed * self._limits.rate)
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True
