"""Connection limits below the ASGI app, where `ws-migrate serve` runs it under uvicorn.

A client that opens connections and never finishes a request (slowloris) is invisible to the
app: it never gets a request to look at. So these limits live in uvicorn's own protocols, which
`uvicorn_config` subclasses (its HTTP protocol, `httptools` or `h11`, and `websockets-sansio`):

- `Limits.handshake_timeout`: a connection must deliver a whole request — a WebSocket
  handshake, or an HTTP request's headers and body — within this many seconds of opening, or of
  its previous response; else it is closed without an answer. (Idle keep-alive connections are
  closed after `Limits.idle_timeout`, uvicorn's `timeout_keep_alive`.)
- `Limits.max_connections_per_address`: connections open at once from one IP address, HTTP and
  WebSocket together; one more is answered `503` and closed at once (0: no cap).

An app mounted in another server (`create_app` in a FastAPI back end) gets that server's
limits instead: set them there (uvicorn's `--timeout-keep-alive`, `--limit-concurrency`, or the
proxy in front).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from ._protocol import Limits

log = logging.getLogger("ws_migrate.server")

_TOO_MANY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
             b"Content-Length: 40\r\nConnection: close\r\n\r\n"
             b"too many connections from this address\r\n")


class ConnectionGuard:
    """The connections open per address, shared by the protocols of one server."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.open: dict[str, int] = {}
        self._owner: dict[asyncio.BaseTransport, str] = {}
        self.refused = 0  # over the cap
        self.timed_out = 0  # no whole request in time

    def admit(self, transport: asyncio.BaseTransport, address: str) -> bool:
        cap = self.limits.max_connections_per_address
        if cap and self.open.get(address, 0) >= cap:
            self.refused += 1
            if self.refused == 1 or self.refused % 1000 == 0:
                log.warning("refused a connection from %s: %d open already (connections refused "
                            "so far: %d)", address, cap, self.refused)
            return False
        self.open[address] = self.open.get(address, 0) + 1
        self._owner[transport] = address
        return True

    def release(self, transport: asyncio.BaseTransport) -> None:
        """The connection is gone (idempotent: HTTP and then WebSocket may both say so)."""
        address = self._owner.pop(transport, None)
        if address is None:
            return
        left = self.open[address] - 1
        if left:
            self.open[address] = left
        else:
            del self.open[address]

    def protocols(self) -> tuple[type[asyncio.Protocol], type[asyncio.Protocol]]:
        """uvicorn's HTTP and WebSocket protocol classes, held to these limits."""
        from uvicorn.protocols.http.auto import AutoHTTPProtocol
        from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

        guard = self

        class GuardedHTTP(AutoHTTPProtocol):  # type: ignore[valid-type,misc]
            """uvicorn's HTTP protocol: a whole request in time, a cap per address."""

            _timer: asyncio.TimerHandle | None = None

            def connection_made(self, transport: Any) -> None:
                super().connection_made(transport)
                address = self.client[0] if self.client else ""
                if not guard.admit(transport, address):
                    transport.write(_TOO_MANY)
                    transport.close()
                    return
                self._arm()

            def connection_lost(self, exc: Exception | None) -> None:
                self._disarm()
                if self.transport.get_protocol() is self:  # not handed to a WebSocket
                    guard.release(self.transport)
                super().connection_lost(exc)

            def on_response_complete(self) -> None:
                super().on_response_complete()
                self._arm()  # the next request has as long as the first

            def _arm(self) -> None:
                self._disarm()
                loop = asyncio.get_running_loop()
                self._timer = loop.call_later(guard.limits.handshake_timeout, self._expire)

            def _disarm(self) -> None:
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None

            def _expire(self) -> None:
                self._timer = None
                transport = self.transport
                if transport.is_closing() or transport.get_protocol() is not self:
                    return  # closed, or a WebSocket now
                cycle = self.cycle
                if cycle is not None and not cycle.more_body and not cycle.response_complete:
                    return  # a whole request, being answered: re-armed when it is
                guard.timed_out += 1
                transport.close()

        class GuardedWebSocket(WebSocketsSansIOProtocol):
            """uvicorn's `websockets-sansio` protocol, counted against its address until closed."""

            def connection_lost(self, exc: Exception | None) -> None:
                guard.release(self.transport)
                super().connection_lost(exc)

        return GuardedHTTP, GuardedWebSocket


def uvicorn_config(app: Any, *, host: str, port: int, limits: Limits, **options: Any) -> Any:
    """The `uvicorn.Config` `ws-migrate serve` runs `app` with: `websockets-sansio` with
    protocol pings, frames cut at 4× the message limit (1009), and `ConnectionGuard`'s limits.
    `options` go to `uvicorn.Config` as they are (`log_level`, …)."""
    import uvicorn

    http, ws = ConnectionGuard(limits).protocols()
    settings: dict[str, Any] = {
        "lifespan": "on", "access_log": False,
        # frames far over the protocol's limit are cut at the WebSocket layer (1009)
        "ws_max_size": max(4 * limits.max_message_bytes, 1 << 20),
        "ws_ping_interval": 20.0, "ws_ping_timeout": 20.0,
        "timeout_keep_alive": limits.idle_timeout,
    }
    settings.update(options)
    return uvicorn.Config(app, host=host, port=port, http=http, ws=ws, **settings)
