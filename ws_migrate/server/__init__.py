"""`ws-migrate serve`: the reference unified WebSocket server (docs/protocol.md, docs/server.md).

    from ws_migrate.server import create_app, JwtAuth
    app = create_app(rules, auth=JwtAuth(secret), api_key=key)   # ASGI: uvicorn, or mount it
    await app.state.events.publish("DNS_RECORD_CHANGED", {...})  # from a back end in-process

`_protocol` is the pure session state machine, `_auth` the token checks, `_broker` the in-memory
and Redis brokers, `_legacy` the legacy bridge, `_app` the ASGI layer, `_cli` the commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate._lazy import lazy_exports

if TYPE_CHECKING:
    from ._app import EventPublisher, Metrics, UnknownEventType, create_app
    from ._auth import (
        JWT_SECRET_ENV,
        AuthFailure,
        Identity,
        JwtAuth,
        ServerConfigError,
        TokenFileAuth,
        make_jwt,
    )
    from ._broker import Broker, BrokerUnavailable, MemoryBroker, RedisBroker
    from ._legacy import LegacyFrames, LegacyRoute, LegacySession, legacy_message, legacy_routes
    from ._protocol import (
        CLOSE_AUTH_TIMEOUT,
        CLOSE_BAD_TOKEN,
        CLOSE_POLICY,
        CLOSE_SLOW_CONSUMER,
        CLOSE_TOKEN_EXPIRED,
        CLOSE_TOO_BIG,
        Action,
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
    )

# `ws-migrate scan` imports the CLI, which imports this package: Starlette, asyncio and the
# rest load only when a server name is first used.
_EXPORTS = {
    "EventPublisher": "._app",
    "InvalidEventData": "._protocol",
    "Metrics": "._app",
    "UnknownEventType": "._app",
    "create_app": "._app",
    "JWT_SECRET_ENV": "._auth",
    "AuthFailure": "._auth",
    "Identity": "._auth",
    "JwtAuth": "._auth",
    "ServerConfigError": "._auth",
    "TokenFileAuth": "._auth",
    "make_jwt": "._auth",
    "Broker": "._broker",
    "BrokerUnavailable": "._broker",
    "MemoryBroker": "._broker",
    "RedisBroker": "._broker",
    "LegacyFrames": "._legacy",
    "LegacyRoute": "._legacy",
    "LegacySession": "._legacy",
    "legacy_message": "._legacy",
    "legacy_routes": "._legacy",
    "CLOSE_AUTH_TIMEOUT": "._protocol",
    "CLOSE_BAD_TOKEN": "._protocol",
    "CLOSE_POLICY": "._protocol",
    "CLOSE_SLOW_CONSUMER": "._protocol",
    "CLOSE_TOKEN_EXPIRED": "._protocol",
    "CLOSE_TOO_BIG": "._protocol",
    "Action": "._protocol",
    "Close": "._protocol",
    "Denied": "._protocol",
    "Event": "._protocol",
    "Limits": "._protocol",
    "Replay": "._protocol",
    "Send": "._protocol",
    "Session": "._protocol",
    "Subscribe": "._protocol",
    "Unsubscribe": "._protocol",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "CLOSE_AUTH_TIMEOUT",
    "CLOSE_BAD_TOKEN",
    "CLOSE_POLICY",
    "CLOSE_SLOW_CONSUMER",
    "CLOSE_TOKEN_EXPIRED",
    "CLOSE_TOO_BIG",
    "JWT_SECRET_ENV",
    "Action",
    "AuthFailure",
    "Broker",
    "BrokerUnavailable",
    "Close",
    "Denied",
    "Event",
    "EventPublisher",
    "Identity",
    "InvalidEventData",
    "JwtAuth",
    "LegacyFrames",
    "LegacyRoute",
    "LegacySession",
    "Limits",
    "MemoryBroker",
    "Metrics",
    "RedisBroker",
    "Replay",
    "Send",
    "ServerConfigError",
    "Session",
    "Subscribe",
    "TokenFileAuth",
    "UnknownEventType",
    "Unsubscribe",
    "create_app",
    "legacy_message",
    "legacy_routes",
    "make_jwt",
]
