"""The ASGI application: moves frames between sockets, sessions and the broker.

Routes: WebSocket `/ws` (the unified protocol, `_protocol.Session`), one WebSocket route per
legacy endpoint with `legacy_bridge` (`_legacy.LegacySession`), `POST /publish`, `GET /healthz`,
`GET /metrics`. Everything the protocol decides happens in the sessions; this module only reads
frames, runs timers, keeps the event type → connections index and writes through one bounded
queue per connection, so a slow reader is dropped alone (close 4503) instead of stalling the rest.

An event goes to every subscriber in one pass (`_Hub.on_event`): its frame is serialised once,
and each connection writes it at once, straight into uvicorn's sans-I/O connection (`_Direct`)
or else through the server's own ASGI `send`; only a connection whose socket pushes back gets a
writer task, and the frames after that queue behind it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Generator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope
from starlette.types import Send as AsgiSend
from starlette.websockets import WebSocket

from .._exceptions import WsMigrateError
from ..rules import Rules
from ._auth import AuthFailure
from ._broker import Broker, BrokerUnavailable, MemoryBroker
from ._inspector import Journal, inspector_routes
from ._legacy import LegacyFrames, LegacySession, legacy_routes
from ._protocol import (
    CLOSE_BAD_TOKEN,
    CLOSE_SLOW_CONSUMER,
    DEFAULT_LIMITS,
    Authenticate,
    Close,
    Denied,
    Event,
    InvalidEventData,
    Limits,
    Replay,
    Send,
    Session,
    Subscribe,
    Unsubscribe,
    checked_data,
)

log = logging.getLogger("ws_migrate.server")

CLOSE_GOING_AWAY = 1001

_SEND = "ws_migrate.send"  # scope key: the server's `send`, below Starlette's wrappers
_SENT = object()  # what `next` returns for a send that finished without waiting


class UnknownEventType(WsMigrateError):
    """An event type the rules do not declare."""


@dataclass
class Metrics:
    """Counters behind `/metrics` (gauges are computed from the live state)."""

    published: int = 0
    delivered: int = 0
    dropped: dict[str, int] = field(default_factory=lambda: {"slow_consumer": 0, "abuse": 0})
    connections_total: int = 0
    lost: int = 0  # times the broker reported events it could not deliver


class EventPublisher:
    """The Python API for back ends in the server's process: `await events.publish(type, data)`."""

    def __init__(self, hub: _Hub) -> None:
        self._hub = hub

    async def publish(self, event_type: str | Enum, data: Any) -> int:
        """Publish `data` as `event_type` (its name, its wire value, or an enum member whose
        value is either); returns its `seq`.

        Raises `UnknownEventType` for a type the rules do not declare, `InvalidEventData` for
        data a client could not parse (`checked_data`) and `BrokerUnavailable` when the broker
        cannot take it.
        """
        name = event_type.value if isinstance(event_type, Enum) else event_type
        wire = self._hub.wire_of(name) if isinstance(name, str) else None
        if wire is None:
            raise UnknownEventType(
                f"unknown event type {name!r}; valid: {', '.join(self._hub.event_roles)}"
            )
        checked_data(data)  # before the broker takes it: an event no client can parse is none
        await self._hub.start()
        event = await self._hub.broker.publish(wire, data)
        self._hub.metrics.published += 1
        return event.seq

    @property
    def event_types(self) -> tuple[str, ...]:
        return tuple(self._hub.event_roles)


class _Client:
    """One open socket, unified or legacy, and its bounded send queue.

    A frame is written at once while none waits before it; when the socket pushes back (the ASGI
    `send` has to wait), a writer task finishes that send, then the frames queued behind it. More
    than `limits.send_queue` of them and the client is dropped (4503), alone.
    """

    def __init__(self, hub: _Hub, websocket: WebSocket, session: Session | LegacySession) -> None:
        self.hub = hub
        self.websocket = websocket
        self.session = session
        self.queue: deque[str | Close] = deque()
        self.types: set[str] = set()
        self.gone = False
        self.closing = False  # a Close is queued: nothing more is sent
        self._send: AsgiSend = websocket.scope[_SEND]
        self._direct = _Direct.of(self._send)
        self._timer: asyncio.TimerHandle | None = None
        self._writer: asyncio.Task[None] | None = None  # while set, frames queue behind it
        # what the inspector shows (`_inspector.py`): the event path only counts frames and bytes
        hub.last_id += 1
        self.id = hub.last_id
        self.opened = time.time()
        peer = websocket.scope.get("client")
        self.remote = f"{peer[0]}:{peer[1]}" if peer else ""
        self.path: str = websocket.scope.get("path", "")
        self.frames_in = self.bytes_in = self.frames_out = self.bytes_out = 0
        self.close_code: int | None = None
        self.close_reason = ""
        self.who: dict[str, Any] | None = None  # how the inspector's stream names it

    async def run(self) -> None:
        self.arm()
        try:
            while True:
                message = await self.websocket.receive()
                if message["type"] == "websocket.disconnect":
                    if self.close_code is None:
                        self.close_code = message.get("code", 1005)
                        self.close_reason = str(message.get("reason") or "")
                    break
                data = message.get("text")
                if data is None:
                    data = message.get("bytes") or b""
                self.frames_in += 1
                self.bytes_in += len(data) if isinstance(data, bytes) else len(data.encode())
                if isinstance(self.session, Session):
                    self.apply(self.session.receive(data, time.time()))
                    self.arm()
        except Exception as err:  # noqa: BLE001 - a peer vanishing mid-frame is a disconnect
            log.debug("connection ended: %s", type(err).__name__)
        finally:
            self.end()
            if self._writer is not None:
                self._writer.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await self._writer

    def arm(self) -> None:
        """(Re)schedule the session's next deadline: auth timeout or token expiry."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        deadline = self.session.deadline()
        if deadline is not None and not self.gone:
            loop = asyncio.get_running_loop()
            self._timer = loop.call_later(max(0.0, deadline - time.time()), self._tick)

    def _tick(self) -> None:
        self._timer = None
        self.apply(self.session.tick(time.time()))
        self.arm()

    def apply(self, actions: Sequence[object]) -> None:
        for action in actions:
            if isinstance(action, Send):
                self.push(action.text)
            elif isinstance(action, Subscribe):
                self.hub.add(self, action.event_types)
            elif isinstance(action, Unsubscribe):
                self.hub.remove(self, action.event_types)
            elif isinstance(action, Close):
                if action.code == 1008:
                    self.hub.metrics.dropped["abuse"] += 1
                self._enqueue_close(action)
            elif isinstance(action, Denied):
                self.hub.journal.denied(self, action.event_types)
            elif isinstance(action, Replay):
                asyncio.create_task(self._replay(action))

    def push(self, text: str) -> bool:
        """Send `text` now, or queue it behind a send that waits; False when it will not go.

        With nothing queued, the ASGI `send` runs here up to its first wait: no task and no task
        switch per frame. A send that does not have to wait is done when this returns; one that
        does (the socket's buffer is full) is finished by a writer task, from where it stopped.
        """
        if self.gone or self.closing:
            return False
        data = self.hub.encoded(text)
        self.frames_out += 1
        self.bytes_out += len(data)
        if self._writer is not None:
            if len(self.queue) >= self.hub.limits.send_queue:
                self.drop()
                return False
            self.queue.append(text)
            return True
        direct = self._direct
        if direct is not None and direct.ready():
            try:
                direct.write(data)
            except Exception as err:  # noqa: BLE001 - the peer is gone
                self._lost(err)
                return False
            return True
        steps = self._send({"type": "websocket.send", "text": text}).__await__()
        try:
            waiting = next(steps, _SENT)  # cheaper than catching StopIteration
        except Exception as err:  # noqa: BLE001 - the peer is gone
            self._lost(err)
            return False
        if waiting is not _SENT:
            self._writer = asyncio.create_task(self._write(_Rest(steps, waiting)))
        return True

    def drop(self) -> None:
        """The client does not read fast enough: close it now, past the queue."""
        if self.gone:
            return
        self.hub.metrics.dropped["slow_consumer"] += 1
        self.close_code, self.close_reason = CLOSE_SLOW_CONSUMER, "slow consumer"
        log.info("dropping a slow consumer (%d frames queued)", len(self.queue))
        self.end()
        if self._writer is not None:
            self._writer.cancel()
        asyncio.create_task(self._close_now(CLOSE_SLOW_CONSUMER, "slow consumer"))

    def end(self) -> None:
        """Stop routing events here (idempotent)."""
        if self.gone:
            return
        self.gone = True
        if self._timer is not None:
            self._timer.cancel()
        self.hub.remove(self, tuple(self.types))
        self.hub.clients.discard(self)
        self.hub.journal.closed(self)

    def _lost(self, err: Exception) -> None:
        log.debug("send failed: %s", type(err).__name__)
        if self.close_code is None:
            self.close_code, self.close_reason = 1006, f"send failed: {type(err).__name__}"
        if not self.gone:
            self.end()
            # the peer is gone, most likely; if not, it must not stay open with nothing routed
            asyncio.create_task(self._close_now(1011, "send failed"))

    def fail(self, err: Exception) -> None:
        """Something went wrong for this client alone: close it (1011), so that it does not
        stay open while nothing is routed to it; the client reconnects with `since`."""
        if self.gone:
            return
        log.warning("closing connection %d: %s: %s", self.id, type(err).__name__, err)
        self.close_code, self.close_reason = 1011, "internal error"
        self.end()
        if self._writer is not None:
            self._writer.cancel()
        asyncio.create_task(self._close_now(1011, "internal error"))

    def _enqueue_close(self, close: Close) -> None:
        if self.gone or self.closing:
            return
        if len(self.queue) >= self.hub.limits.send_queue:
            self.drop()
            return
        self.queue.append(close)
        self.closing = True
        self.close_code, self.close_reason = close.code, close.reason
        # no more events for a closing session
        self.hub.remove(self, tuple(self.types))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write(None))

    async def _replay(self, action: Replay) -> None:
        try:
            events = await self.hub.broker.history(action.event_type, action.after)
        except Exception:  # history is best effort: the client hears `recovered: false`
            log.exception("history lookup failed")
            events = None
        if isinstance(self.session, Session) and not self.gone:
            self.apply(self.session.replayed(action.request, action.event_type, events))

    async def _write(self, first: _Rest | None) -> None:
        """Finish the send that had to wait, then send what queued meanwhile, in order."""
        try:
            if first is not None:
                await first
            while self.queue:
                item = self.queue.popleft()
                if isinstance(item, Close):
                    await self._close_now(item.code, item.reason)
                    return
                await self._send({"type": "websocket.send", "text": item})
        except Exception as err:  # noqa: BLE001 - the peer is gone
            self._lost(err)
            return
        self._writer = None  # caught up: write directly again

    async def _close_now(self, code: int, reason: str) -> None:
        if self._direct is not None:
            # past the backpressure: the close frame goes behind what the socket holds, so a
            # client that reads at last gets it; one that never does is cut off after a while
            self._direct.close(code, reason, self.hub.limits.close_timeout)
            return
        with contextlib.suppress(Exception):
            # a peer that stopped reading may never take the close frame: do not wait forever
            await asyncio.wait_for(self.websocket.close(code, reason), 5)


class _Rest:
    """Awaits the rest of an awaitable's steps, started by hand and stopped at `waiting`.

    `_Client.push` runs a `send` itself until it first waits; a writer task awaits this to go on
    from there, with cancellation passed in as if it had awaited the `send` itself.
    """

    def __init__(self, steps: Generator[Any, None, None], waiting: Any) -> None:
        self._steps = steps
        self._waiting = waiting

    def __await__(self) -> Generator[Any, None, None]:
        waiting = self._waiting
        while True:
            try:
                yield waiting
            except GeneratorExit:
                self._steps.close()
                raise
            except BaseException as err:  # noqa: BLE001 - cancelled: unwind the send too
                try:
                    waiting = self._steps.throw(err)
                except StopIteration:
                    return
            else:
                try:
                    waiting = self._steps.send(None)
                except StopIteration:
                    return


class _Direct:
    """uvicorn's `websockets-sansio` connection, written to without the ASGI `send`.

    The ASGI `send` of that protocol awaits a writable flag, encodes the text and frames it
    through the connection's sans-I/O `ServerProtocol`; per frame, the coroutine and its
    message dict cost about as much as the framing. This does the same steps synchronously
    (`websockets.broadcast` does the same), with the frame's bytes encoded once per event. Only
    while the ASGI `send` would not wait (`ready`); otherwise the frame takes the ASGI path and
    its backpressure. Any other ASGI server, or a uvicorn whose protocol does not have these
    attributes, gets `None` and the ASGI path throughout.
    """

    __slots__ = ("_conn", "_protocol", "_transport", "_writable")

    def __init__(self, protocol: Any) -> None:
        self._protocol = protocol
        self._conn = protocol.conn
        self._transport = protocol.transport
        self._writable = protocol.writable

    @classmethod
    def of(cls, send: AsgiSend) -> _Direct | None:
        protocol: Any = getattr(send, "__self__", None)
        if not any(c.__name__ == "WebSocketsSansIOProtocol" for c in type(protocol).__mro__):
            return None  # (`serve` runs a subclass of it: `_guard.py`)
        try:
            from websockets.server import ServerProtocol
        except ImportError:  # pragma: no cover - uvicorn's protocol needs it
            return None
        conn = getattr(protocol, "conn", None)
        attrs = ("transport", "writable", "close_sent", "disconnected", "initial_response",
                 "handshake_complete")
        if not isinstance(conn, ServerProtocol) or not all(hasattr(protocol, a) for a in attrs):
            return None
        if not protocol.handshake_complete or protocol.initial_response is not None:
            return None  # not accepted: the ASGI path says what is wrong
        return cls(protocol)

    def ready(self) -> bool:
        """True when the ASGI `send` would write this frame at once, without waiting."""
        # handshake_complete and no initial_response hold from `accept` on: checked in `of`
        protocol = self._protocol
        return self._writable.is_set() and not (protocol.close_sent or protocol.disconnected)

    def write(self, data: bytes) -> None:
        """Frame `data` (UTF-8 text) and write it; raises `InvalidState` when the peer is gone."""
        self._conn.send_text(data)
        for chunk in self._conn.data_to_send():
            self._transport.write(chunk)

    def close(self, code: int, reason: str, timeout: float) -> None:
        """Write the close frame now, even while the socket pushes back, and abort the
        connection if the peer has not closed it `timeout` seconds later.

        The ASGI `send` would wait for the socket to drain first, forever for a peer that does
        not read; and uvicorn's own close timer flushes before it closes, which such a peer
        never lets happen.
        """
        protocol = self._protocol
        if protocol.close_sent or protocol.disconnected:
            return
        protocol.close_sent = True  # as the ASGI close does: nothing is sent after it
        try:
            self._conn.send_close(code, reason)
            for chunk in self._conn.data_to_send():
                self._transport.write(chunk)
        except Exception:  # noqa: BLE001 - the peer is gone already
            self._transport.abort()
            return
        # uvicorn's: the peer's answering close cancels it and closes; losing the peer does too
        protocol.close_timer = asyncio.get_running_loop().call_later(timeout, self._transport.abort)


class _KeepSend:
    """ASGI middleware: leaves the server's own `send` in each WebSocket's scope.

    Frames go through it rather than `WebSocket.send_text`, whose state checks and
    exception-handling wrappers would otherwise cost more than the frame's own work, once per
    event and client.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: AsgiSend) -> None:
        if scope["type"] == "websocket":
            scope[_SEND] = send
        await self.app(scope, receive, send)


class _ServedHosts:
    """The names in a `Host` header the server answers to (`create_app`'s `allowed_hosts`)."""

    def __init__(self, names: Sequence[str], origins: Sequence[str]) -> None:
        self.any = "*" in names
        self.names = {n.lower().rstrip(".") for n in names}
        self.names |= {urlsplit(o).hostname or "" for o in origins if "://" in o} - {""}

    def allow(self, host_header: str | None) -> bool:
        if host_header is None or self.any:
            return True  # no Host: HTTP/1.0, not a browser
        try:
            host = (urlsplit(f"//{host_header}").hostname or "").rstrip(".")
        except ValueError:
            return False
        if host == "localhost" or host.endswith(".localhost") or host in self.names:
            return True
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return False  # a name nobody configured: a rebinding page's, maybe
        return True  # an address cannot be rebound to another


class _CheckHost:
    """ASGI middleware: requests for a host name the server does not serve are refused."""

    def __init__(self, app: ASGIApp, hosts: _ServedHosts) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: AsgiSend) -> None:
        if scope["type"] in ("http", "websocket"):
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), None)
            if not self.hosts.allow(host):
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})  # handshake: HTTP 403
                    return
                response = JSONResponse(
                    {"error": f"this server does not answer to the host {host!r}; start it "
                              "with --allowed-host NAME to serve that name"}, 400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _Hub:
    """Shared state of one app: the broker, the routing index, metrics."""

    def __init__(self, rules: Rules, authenticate: Authenticate, broker: Broker,
                 limits: Limits) -> None:
        # keyed by the wire value: what the protocol's `eventType` carries (the name by default)
        self.event_roles = {event.value: tuple(event.roles) for event in rules.events}
        self._wire = {event.name: event.value for event in rules.events} | {v: v for v in self.event_roles}
        self.authenticate = authenticate
        self.broker = broker
        self.limits = limits
        self.metrics = Metrics()
        self.clients: set[_Client] = set()
        self.by_type: dict[str, set[_Client]] = {}
        self.latest: dict[str, int] = {}  # the last seq seen per event type ("why not?")
        self.journal = Journal()
        self.last_id = 0  # of the connections, for the inspector
        self._started = False
        self._lock = asyncio.Lock()
        self._stop_listening: Any = None
        self._text = ""  # the last frame `encoded`, and its bytes: one encoding per event
        self._bytes = b""

    def wire_of(self, event_type: str) -> str | None:
        """The wire value of an EventType given by its name or its wire value; None when the
        rules declare no such type."""
        return self._wire.get(event_type)

    async def start(self) -> None:
        """Connect the broker on first use: a mounted app gets no lifespan events."""
        if self._started:
            return
        async with self._lock:
            if self._started:
                return
            await self.broker.start()
            self._stop_listening = self.broker.listen(self.on_event, self.on_lost)
            self._started = True

    async def stop(self) -> None:
        for client in list(self.clients):
            client.apply([Close(1012, "server restarting")])
        await asyncio.sleep(0)
        if self._stop_listening is not None:
            self._stop_listening()
        await self.broker.close()
        self.journal.stop()
        self._started = False

    def add(self, client: _Client, types: Sequence[str]) -> None:
        for event_type in types:
            self.by_type.setdefault(event_type, set()).add(client)
            client.types.add(event_type)

    def remove(self, client: _Client, types: Sequence[str]) -> None:
        for event_type in types:
            subscribers = self.by_type.get(event_type)
            if subscribers is not None:
                subscribers.discard(client)
            client.types.discard(event_type)

    def on_event(self, event: Event) -> None:
        try:
            self.encoded(event.wire)  # once here, so a frame no client can parse goes to none
        except ValueError:
            # published past `checked_data` (another writer on the broker): no client can read it
            log.warning("not delivering %s seq %d: its data is not JSON a client can parse",
                        event.event_type, event.seq)
            return
        self.latest[event.event_type] = event.seq
        journal = self.journal
        if journal.watching:  # an inspector is open: record who got it, and who did not
            self.metrics.delivered += journal.deliver(self, event)
            return
        delivered = 0
        for client in list(self.by_type.get(event.event_type, ())):
            try:
                text = client.session.deliver(event)
                if text is not None and client.push(text):
                    delivered += 1
            except Exception as err:  # noqa: BLE001 - one client's failure is not the others'
                client.fail(err)
        self.metrics.delivered += delivered
        journal.record(event, delivered)

    def on_lost(self, event_types: Sequence[str]) -> None:
        """The broker lost events of these types: their subscribers hear `recovered: false`."""
        self.metrics.lost += 1
        told = 0
        for client in {c for t in event_types for c in self.by_type.get(t, ())}:
            if isinstance(client.session, Session):
                text = client.session.lost(event_types)
                if text is not None and client.push(text):
                    told += 1
        log.warning("events of %s were lost by the broker: %d clients told recovered:false",
                    ", ".join(event_types), told)

    def encoded(self, text: str) -> bytes:
        if text is not self._text:
            self._text, self._bytes = text, text.encode()
        return self._bytes

    def subscriptions(self) -> int:
        return sum(len(clients) for clients in self.by_type.values())


def create_app(
    rules: Rules,
    *,
    auth: Authenticate,
    broker: Broker | None = None,
    api_key: str | None = None,
    allowed_origins: Sequence[str] | None = None,
    legacy_bridge: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    inspector: bool = True,
    allowed_hosts: Sequence[str] | None = None,
) -> Starlette:
    """The unified server as an ASGI app, to run under uvicorn or mount in a FastAPI app.

    `auth` checks tokens (`JwtAuth`, `TokenFileAuth` or your own); `broker` defaults to an
    in-memory one; `POST /publish` needs `api_key` (without one it answers 403);
    `allowed_origins` lists the browser origins that may open sockets (`*`: any; None or empty:
    same host only; clients without an Origin header, not browsers, are let in).
    `allowed_hosts` lists the host names the server answers to, in the `Host` header (`*`:
    any): an IP address, `localhost` and the hosts of `allowed_origins` always are; any other
    name is refused (400; a WebSocket handshake 403), so a page on a name that an attacker
    points at this server (DNS rebinding) can neither open a socket nor read `/metrics`.
    `app.state.events` is the `EventPublisher` for back ends in the same process.
    With `inspector`, `/inspector` and its API serve whoever shows `api_key` or a token of one
    of the rules' `admin_roles` (docs/server.md).
    """
    if not rules.events:
        raise WsMigrateError("the rules declare no `events`: the server would have nothing to serve")
    hub = _Hub(rules, auth, broker or MemoryBroker(limits.history), limits)
    events = EventPublisher(hub)
    origins = tuple(allowed_origins or ())

    async def unified(websocket: WebSocket) -> None:
        if not _origin_ok(websocket, origins):
            await websocket.close(code=1008)  # before accept: the handshake gets HTTP 403
            return
        await hub.start()
        await websocket.accept()
        client = _Client(hub, websocket, Session(hub.event_roles, auth, time.time(), limits))
        await _serve(hub, client)

    async def legacy(websocket: WebSocket, frames: LegacyFrames) -> None:
        if not _origin_ok(websocket, origins):
            await websocket.close(code=1008)
            return
        await hub.start()
        await websocket.accept()
        token = websocket.query_params.get("token", "")
        try:
            identity = auth(token, time.time()) if token else None
        except AuthFailure:
            identity = None
        if identity is None:
            await websocket.close(CLOSE_BAD_TOKEN, "a valid ?token= is required")
            return
        session = LegacySession(frames, identity, hub.event_roles)
        client = _Client(hub, websocket, session)
        hub.add(client, session.event_types)
        await _serve(hub, client)

    async def publish(request: Request) -> Response:
        if api_key is None:
            return JSONResponse({"error": "publishing is disabled: start the server with an API key"},
                                403)
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {api_key}".encode()):
            return JSONResponse({"error": "missing or wrong API key"}, 401)
        return await publish_body(request, events, limits.max_publish_bytes)

    async def healthz(request: Request) -> Response:
        broker_ok = hub.broker.healthy
        return JSONResponse({"status": "ok", "broker": "ok" if broker_ok else "down",
                             "connections": len(hub.clients)})

    async def metrics(request: Request) -> Response:
        return PlainTextResponse(_prometheus(hub), media_type="text/plain; version=0.0.4")

    routes: list[Route | WebSocketRoute] = [
        WebSocketRoute("/ws", unified),
        Route("/publish", publish, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]
    if inspector:
        routes += inspector_routes(hub, events, api_key, rules.admin_roles)
    if legacy_bridge:
        for route in legacy_routes(rules):
            frames = LegacyFrames(route, rules.envelope)
            for path in route.paths:
                routes.append(WebSocketRoute(path, _bind(legacy, frames)))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await hub.start()
        try:
            yield
        finally:
            await hub.stop()

    hosts = _ServedHosts(allowed_hosts or (), origins)
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(_CheckHost, hosts=hosts), Middleware(_KeepSend)])
    app.state.events = events
    app.state.hub = hub
    return app


async def publish_body(request: Request, events: EventPublisher, limit: int) -> Response:
    """Publish the `{"eventType": …, "data": …}` of an authorised request: 202 `{"seq": n}`.

    A body over `limit` bytes is refused with 413 as soon as that is known (its length, or the
    bytes read so far), and the connection closed: the rest is never read.
    """
    raw = await _body(request, limit)
    if raw is None:
        return JSONResponse({"error": f"the body is limited to {limit} bytes"}, 413,
                            headers={"Connection": "close"})
    try:
        body = json.loads(raw, parse_constant=_no_constant)
    except _Constant:
        return JSONResponse({"error": "the data holds NaN or Infinity, which JSON does not have"},
                            400)
    except RecursionError:
        return JSONResponse({"error": "the body is nested too deeply"}, 400)
    except ValueError:  # UnicodeDecodeError too
        return JSONResponse({"error": "the body must be JSON (UTF-8)"}, 400)
    if not isinstance(body, dict) or "eventType" not in body or "data" not in body:
        return JSONResponse({"error": 'expected {"eventType": …, "data": …}'}, 400)
    try:
        seq = await events.publish(body["eventType"], body["data"])
    except (UnknownEventType, InvalidEventData) as err:
        return JSONResponse({"error": str(err)}, 400)
    except BrokerUnavailable as err:
        return JSONResponse({"error": f"the broker is unavailable: {err}"}, 503)
    return JSONResponse({"seq": seq}, 202)


async def _body(request: Request, limit: int) -> bytes | None:
    """The request's body, or None as soon as it is known to be over `limit` bytes."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        return None
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                return None
    except ClientDisconnect:  # gone, or cut off for being too slow (`_guard.py`)
        return None
    return bytes(body)


class _Constant(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _Constant(name)


def _bind(handler: Any, frames: LegacyFrames) -> Any:
    async def endpoint(websocket: WebSocket) -> None:
        await handler(websocket, frames)

    return endpoint


async def _serve(hub: _Hub, client: _Client) -> None:
    hub.clients.add(client)
    hub.metrics.connections_total += 1
    await client.run()


def _origin_ok(websocket: WebSocket, allowed: Sequence[str]) -> bool:
    origin = websocket.headers.get("origin")
    if origin is None or "*" in allowed:
        return True  # not a browser: cross-site hijacking needs one
    if allowed:
        return origin.rstrip("/") in {a.rstrip("/") for a in allowed}
    host = websocket.headers.get("host", "")
    return urlsplit(origin).netloc == host


def _prometheus(hub: _Hub) -> str:
    m = hub.metrics
    lines = [
        "# HELP ws_migrate_connections Open WebSocket connections.",
        "# TYPE ws_migrate_connections gauge",
        f"ws_migrate_connections {len(hub.clients)}",
        "# HELP ws_migrate_connections_total WebSocket connections accepted.",
        "# TYPE ws_migrate_connections_total counter",
        f"ws_migrate_connections_total {m.connections_total}",
        "# HELP ws_migrate_subscriptions Subscriptions (connection, event type) in force.",
        "# TYPE ws_migrate_subscriptions gauge",
        f"ws_migrate_subscriptions {hub.subscriptions()}",
        "# HELP ws_migrate_events_published_total Events published through this process.",
        "# TYPE ws_migrate_events_published_total counter",
        f"ws_migrate_events_published_total {m.published}",
        "# HELP ws_migrate_events_delivered_total Event frames queued to connections.",
        "# TYPE ws_migrate_events_delivered_total counter",
        f"ws_migrate_events_delivered_total {m.delivered}",
        "# HELP ws_migrate_clients_dropped_total Connections closed by the server, by reason.",
        "# TYPE ws_migrate_clients_dropped_total counter",
    ]
    lines += [f'ws_migrate_clients_dropped_total{{reason="{reason}"}} {count}'
              for reason, count in sorted(m.dropped.items())]
    lines += [
        "# HELP ws_migrate_broker_up 1 when the broker is connected.",
        "# TYPE ws_migrate_broker_up gauge",
        f"ws_migrate_broker_up {1 if hub.broker.healthy else 0}",
        ("# HELP ws_migrate_broker_resubscriptions_total Subscriptions to the broker made again "
         "after losing it."),
        "# TYPE ws_migrate_broker_resubscriptions_total counter",
        f"ws_migrate_broker_resubscriptions_total {hub.broker.resubscriptions}",
        ("# HELP ws_migrate_broker_lost_total Times events were lost on the way from the broker "
         "(their subscribers were told recovered:false)."),
        "# TYPE ws_migrate_broker_lost_total counter",
        f"ws_migrate_broker_lost_total {m.lost}",
    ]
    return "\n".join(lines) + "\n"
