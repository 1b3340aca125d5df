"""The ASGI app on a real uvicorn (127.0.0.1, free port), driven by real WebSocket clients."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from ws_migrate.rules import Rules, load_rules
from ws_migrate.server import AuthFailure, Identity, Limits, create_app
from ws_migrate.server._guard import uvicorn_config
from ws_migrate.server._validate import free_port, publish_http

KEY = "test-api-key"


def authenticate(token: str, now: float) -> Identity:
    if token in ("viewer", "admin"):
        return Identity(f"{token}-user", token)
    if token.startswith("short:"):  # expires at the time after the colon
        return Identity("vera", "viewer", expires_at=float(token.split(":", 1)[1]))
    raise AuthFailure("invalid token")


@contextmanager
def serving(rules: Rules | None = None, **options: Any) -> Iterator[str]:
    """A uvicorn server in a thread; yields `http://127.0.0.1:port`."""
    import uvicorn

    app = options.pop("app", None)
    if app is None:
        options.setdefault("api_key", KEY)
        options.setdefault("auth", authenticate)
        app = create_app(rules or load_rules(), **options)
    port = free_port()
    # what `ws-migrate serve` runs: its protocols, timeouts and caps
    server = uvicorn.Server(uvicorn_config(app, host="127.0.0.1", port=port,
                                           limits=app.state.hub.limits, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.01)
    url = f"http://127.0.0.1:{port}"
    LOOPS[url] = server.servers[0].get_loop()
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(10)
        del LOOPS[url]


LOOPS: dict[str, asyncio.AbstractEventLoop] = {}  # the event loop of each server `serving` runs


def ws(base: str, path: str = "/ws", **options: Any) -> ClientConnection:
    return connect(base.replace("http", "ws", 1) + path, open_timeout=5, legacy=True, **options)


def recv(client: ClientConnection, timeout: float = 5.0) -> dict[str, Any]:
    return dict(json.loads(client.recv(timeout=timeout)))


def login(base: str, token: str = "viewer", **options: Any) -> ClientConnection:
    client = ws(base, **options)
    client.send(json.dumps({"type": "auth", "token": token}))
    assert recv(client)["type"] == "auth_ok"
    return client


def subscribe(client: ClientConnection, *types: str, id: int = 1, **extra: Any) -> dict[str, Any]:
    client.send(json.dumps({"type": "subscribe", "id": id, "eventTypes": list(types), **extra}))
    return recv(client)


def closed_code(client: ClientConnection, timeout: float = 5.0) -> int | None:
    """Read until the server closes; the close code."""
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            client.recv(timeout=end - time.monotonic())
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    except TimeoutError:
        return None
    return None


def http(base: str, path: str, body: Any = None, key: str | None = KEY) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method="POST" if data else "GET")
    if key is not None:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            raw = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as err:
        raw, status = err.read().decode(), err.code
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serving(allowed_origins=["https://app.example"],
                 limits=Limits(max_message_bytes=1024, auth_timeout=0.5)) as url:
        yield url


# --- auth -------------------------------------------------------------------------------------------


def test_auth_ok_then_bad_token_is_4401(base: str) -> None:
    client = ws(base)
    client.send(json.dumps({"type": "auth", "token": "admin"}))
    ok = recv(client)
    assert ok["type"] == "auth_ok" and ok["user"] == "admin-user" and ok["role"] == "admin"
    assert "AUDIT_EVENT" in ok["allowedEventTypes"]
    client.close()
    bad = ws(base)
    bad.send(json.dumps({"type": "auth", "token": "forged"}))
    assert recv(bad) == {"type": "auth_error", "reason": "invalid token"}
    assert closed_code(bad) == 4401


def test_silence_after_connecting_is_4408(base: str) -> None:
    assert closed_code(ws(base)) == 4408


def test_an_expiring_token_is_4403_unless_refreshed(base: str) -> None:
    client = login(base, f"short:{time.time() + 0.4}")
    assert closed_code(client) == 4403
    renewed = login(base, f"short:{time.time() + 0.4}")
    renewed.send(json.dumps({"type": "refresh", "token": f"short:{time.time() + 60}"}))
    assert recv(renewed)["type"] == "auth_ok"
    renewed.send(json.dumps({"type": "ping"}))
    time.sleep(0.6)
    assert recv(renewed) == {"type": "pong"}  # still open after the first token's expiry
    renewed.close()


# --- subscribe, publish, receive --------------------------------------------------------------------


def test_publish_reaches_granted_subscribers_and_roles_are_enforced(base: str) -> None:
    viewer = login(base, "viewer")
    admin = login(base, "admin")
    answer = subscribe(viewer, "DNS_ZONE_UPDATED", "AUDIT_EVENT", id=5)
    assert answer == {"type": "subscribed", "id": 5, "eventTypes": ["DNS_ZONE_UPDATED"],
                      "denied": ["AUDIT_EVENT"]}
    assert subscribe(admin, "AUDIT_EVENT")["eventTypes"] == ["AUDIT_EVENT"]
    status, body = http(base, "/publish", {"eventType": "AUDIT_EVENT", "data": {"who": "x"}})
    assert status == 202 and body["seq"] >= 1
    got = recv(admin)
    assert got["type"] == "event" and got["eventType"] == "AUDIT_EVENT"
    assert got["data"] == {"who": "x"} and got["seq"] == body["seq"] and got["ts"].endswith("Z")
    seq = publish_http(base, KEY, "DNS_ZONE_UPDATED", {"zone": "a"})
    event = recv(viewer)
    assert (event["eventType"], event["seq"], event["data"]) == ("DNS_ZONE_UPDATED", seq, {"zone": "a"})
    viewer.close()
    admin.close()


def test_unknown_event_type_is_an_error_and_the_connection_stays(base: str) -> None:
    client = login(base)
    error = subscribe(client, "NOT_A_TYPE", id=9)
    assert error["type"] == "error" and error["code"] == "unknown_event_type" and error["id"] == 9
    assert "HEALTH_STATUS" in error["message"]
    client.send("{oops")
    assert recv(client)["code"] == "bad_message"
    client.send(json.dumps({"type": "ping"}))
    assert recv(client) == {"type": "pong"}
    client.close()


def test_since_recovers_missed_events(base: str) -> None:
    first = publish_http(base, KEY, "RPZ_UPDATED", {"n": 1})
    publish_http(base, KEY, "RPZ_UPDATED", {"n": 2})
    publish_http(base, KEY, "RPZ_UPDATED", {"n": 3})
    client = login(base)
    answer = subscribe(client, "RPZ_UPDATED", since={"RPZ_UPDATED": first})
    assert answer["recovered"] is True and answer["eventTypes"] == ["RPZ_UPDATED"]
    assert [recv(client)["data"]["n"] for _ in range(2)] == [2, 3]
    publish_http(base, KEY, "RPZ_UPDATED", {"n": 4})
    assert recv(client)["data"] == {"n": 4}
    client.close()


def test_since_past_the_history_is_not_recovered() -> None:
    with serving(limits=Limits(history=2)) as url:
        for n in range(5):
            publish_http(url, KEY, "SECURITY_ALERT", {"n": n})
        client = login(url)
        answer = subscribe(client, "SECURITY_ALERT", since={"SECURITY_ALERT": 1})
        assert answer["recovered"] is False
        client.close()


# --- limits and security ----------------------------------------------------------------------------


def test_a_foreign_origin_is_refused_at_the_handshake(base: str) -> None:
    with pytest.raises(InvalidStatus) as info:
        ws(base, origin="https://evil.example")  # type: ignore[arg-type]
    assert info.value.response.status_code == 403
    login(base, origin="https://app.example").close()  # type: ignore[arg-type]


def test_an_oversized_message_is_refused_and_the_connection_stays(base: str) -> None:
    client = login(base)
    client.send(json.dumps({"type": "ping", "pad": "x" * 2000}))
    assert recv(client)["code"] == "message_too_big"
    client.send(json.dumps({"type": "ping"}))
    assert recv(client) == {"type": "pong"}
    client.close()


def test_publish_needs_the_key_and_a_known_type(base: str) -> None:
    assert http(base, "/publish", {"eventType": "HEALTH_STATUS", "data": 1}, key="wrong")[0] == 401
    assert http(base, "/publish", {"eventType": "HEALTH_STATUS", "data": 1}, key=None)[0] == 401
    status, body = http(base, "/publish", {"eventType": "NOPE", "data": 1})
    assert status == 400 and "HEALTH_STATUS" in body["error"]
    assert http(base, "/publish", {"data": 1})[0] == 400


def test_healthz_and_metrics(base: str) -> None:
    client = login(base)
    subscribe(client, "HEALTH_STATUS")
    assert http(base, "/healthz") == (200, {"status": "ok", "broker": "ok", "connections": 1})
    publish_http(base, KEY, "HEALTH_STATUS", {"ok": True})
    recv(client)
    status, text = http(base, "/metrics")
    assert status == 200
    values = dict(line.rsplit(" ", 1) for line in text.splitlines() if not line.startswith("#"))
    assert values["ws_migrate_connections"] == "1"
    assert values["ws_migrate_subscriptions"] == "1"
    assert int(values["ws_migrate_events_published_total"]) >= 1
    assert int(values["ws_migrate_events_delivered_total"]) >= 1
    assert 'ws_migrate_clients_dropped_total{reason="slow_consumer"}' in values
    client.close()


def assert_dropped_alone(url: str) -> None:
    """One client was dropped as a slow consumer, and one is still connected."""
    _, text = http(url, "/metrics")
    assert 'ws_migrate_clients_dropped_total{reason="slow_consumer"} 1' in text
    assert "ws_migrate_connections 1" in text


def test_a_slow_consumer_is_dropped_alone() -> None:
    with serving(limits=Limits(send_queue=8)) as url:
        fast = login(url)
        subscribe(fast, "SYSTEM_METRICS")
        # a client that never reads: its library stops taking frames after one
        slow = login(url, max_queue=1, compression=None)
        subscribe(slow, "SYSTEM_METRICS")
        blob = "x" * 64 * 1024
        received = 0
        for n in range(200):
            publish_http(url, KEY, "SYSTEM_METRICS", {"n": n, "blob": blob})
            assert recv(fast)["data"]["n"] == n
            received += 1
        assert received == 200
        assert_dropped_alone(url)
        assert closed_code(slow, timeout=10) == 4503
        fast.close()


# --- legacy bridge ----------------------------------------------------------------------------------


def test_legacy_clients_get_the_legacy_envelope(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(
        "version: 1\n"
        "envelope: {type_field: kind, payload_field: body}\n"
        "endpoints:\n"
        "  /ws/health:\n"
        "    default_event: HEALTH_STATUS\n"
        "    messages: {forwarder_status: FORWARDER_STATUS_CHANGED}\n"
        "  /ws/{topic}/{user_id}: {default_event: USER_EVENT}\n"
        "events:\n"
        "  HEALTH_STATUS: {roles: [viewer]}\n"
        "  FORWARDER_STATUS_CHANGED: {roles: [viewer]}\n"
        "  USER_EVENT: {roles: [admin]}\n",
        encoding="utf-8",
    )
    rules = load_rules([rules_file], tmp_path)
    with serving(rules, legacy_bridge=True) as url:
        health = ws(url, "/ws/health?token=viewer")
        per_user = ws(url, "/ws/health/42?token=viewer")
        topic = ws(url, "/ws/anything/7?token=admin")
        time.sleep(0.2)  # the bridge subscribes once the socket is accepted
        publish_http(url, KEY, "FORWARDER_STATUS_CHANGED", {"up": 2})
        publish_http(url, KEY, "HEALTH_STATUS", {"status": "green"})
        publish_http(url, KEY, "USER_EVENT", {"hello": 1})
        assert recv(health) == {"kind": "forwarder_status", "body": {"up": 2}}
        assert recv(health) == {"status": "green"}  # default_event: the whole data
        assert recv(per_user) == {"kind": "forwarder_status", "body": {"up": 2}}
        assert recv(topic) == {"hello": 1}
        refused = ws(url, "/ws/health?token=forged")
        assert closed_code(refused) == 4401
        for client in (health, per_user, topic):
            client.close()


WIRE_RULES = (
    "version: 1\n"
    "endpoints:\n"
    "  /ws/dns:\n"
    "    default_event: DNS_LOG\n"
    "    messages: {zone_created: ZONE_CREATED}\n"
    "events:\n"
    "  ZONE_CREATED: {roles: [viewer], wire: zone_created}\n"
    "  DNS_LOG: {roles: [admin], wire: dns.log}\n"
    "  PLAIN: {roles: [viewer]}\n"
)


def test_the_server_routes_and_authorizes_by_wire_value(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(WIRE_RULES, encoding="utf-8")
    rules = load_rules([rules_file], tmp_path)
    with serving(rules, legacy_bridge=True) as url:
        viewer = ws(url)
        viewer.send(json.dumps({"type": "auth", "token": "viewer"}))
        ok = recv(viewer)
        assert ok["allowedEventTypes"] == ["zone_created", "PLAIN"]
        assert subscribe(viewer, "zone_created", "dns.log", "PLAIN") == {
            "type": "subscribed", "id": 1, "eventTypes": ["zone_created", "PLAIN"], "denied": ["dns.log"]}
        # the name is no event type on the wire: a client asks by the value
        assert subscribe(viewer, "ZONE_CREATED", id=2)["code"] == "unknown_event_type"
        legacy = ws(url, "/ws/dns?token=viewer")
        time.sleep(0.2)  # the bridge subscribes once the socket is accepted
        first = publish_http(url, KEY, "ZONE_CREATED", {"zone": "a"})  # by name
        second = publish_http(url, KEY, "zone_created", {"zone": "b"})  # by wire value
        assert second == first + 1  # one sequence: one event type
        for zone, seq in (("a", first), ("b", second)):
            event = recv(viewer)
            assert (event["eventType"], event["seq"], event["data"]) == ("zone_created", seq, {"zone": zone})
            assert recv(legacy) == {"type": "zone_created", "payload": {"zone": zone}}
        status, body = http(url, "/publish", {"eventType": "ZONE_CREATE", "data": {}})
        assert status == 400 and "valid: zone_created, dns.log, PLAIN" in body["error"]
        why = http(url, "/inspector/api/why?user=viewer-user&eventType=ZONE_CREATED")[1]
        assert why["eventType"] == "zone_created" and why["verdict"] == "delivered"
        denied = http(url, "/inspector/api/why?user=viewer-user&eventType=dns.log")[1]
        assert denied["verdict"] == "role_denied"
        events = http(url, "/inspector/api/events?eventType=ZONE_CREATED")[1]["events"]
        assert [e["seq"] for e in events] == [first, second]
        viewer.close()
        legacy.close()


def test_create_app_publisher_api() -> None:
    app = create_app(load_rules(), auth=authenticate)

    async def go() -> int:
        from enum import Enum

        class EventType(str, Enum):
            HEALTH_STATUS = "HEALTH_STATUS"

        first = int(await app.state.events.publish(EventType.HEALTH_STATUS, {"ok": 1}))
        second = int(await app.state.events.publish("HEALTH_STATUS", {"ok": 2}))
        assert second == first + 1
        return first

    assert asyncio.run(go()) == 1


# --- commands (through `register` on a Typer of our own, as ws_migrate/cli.py will) -----------------


def _cli() -> Any:
    import typer

    from ws_migrate.server._cli import register

    app = typer.Typer()
    register(app)
    return app


def _validated(root: Path, subscribed: str, *options: str) -> list[str]:
    """The lines of a passing `validate --legacy-bridge` of an app that subscribes to
    `subscribed` (`EventType.A, EventType.B`)."""
    from typer.testing import CliRunner

    (root / "src").mkdir()
    (root / "src" / "Dash.tsx").write_text(
        "import { websocketService } from './services/websocket';\n"
        "import { EventType } from './types/websocket';\n"
        f"void websocketService.subscribe([{subscribed}]);\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(_cli(), ["validate", str(root), "--legacy-bridge", *options])
    assert result.exit_code == 0, result.output
    return list(result.stdout.splitlines())


def test_validate_starts_its_own_server_and_checks_roles(tmp_path: Path) -> None:
    lines = _validated(tmp_path, "EventType.HEALTH_STATUS, EventType.AUDIT_EVENT")
    assert "ok   AUDIT_EVENT deny [viewer]: denied" in lines
    assert "ok   AUDIT_EVENT receive [admin]: received seq 1" in lines
    assert "ok   HEALTH_STATUS receive [viewer]: received seq 1" in lines
    assert any(line.startswith("ok   HEALTH_STATUS legacy") for line in lines)
    assert not any(line.startswith("FAIL") for line in lines)


def test_validate_checks_event_types_by_their_wire_values(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(WIRE_RULES, encoding="utf-8")
    lines = _validated(tmp_path, "EventType.ZONE_CREATED, EventType.DNS_LOG", "--rules", str(tmp_path / "rules.yaml"))
    assert "ok   ZONE_CREATED receive [viewer]: received seq 1" in lines
    assert "ok   DNS_LOG deny [viewer]: denied" in lines
    assert "ok   DNS_LOG receive [admin]: received seq 1" in lines
    assert "ok   DNS_LOG legacy [admin]: /ws/dns: legacy envelope received" in lines  # one role per route
    assert not any(line.startswith("FAIL") for line in lines)


def test_publish_command_and_bad_input() -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    with serving() as url:
        ok = runner.invoke(_cli(), ["publish", "HEALTH_STATUS", '{"a": 1}', "--server", url,
                                    "--api-key", KEY])
        assert ok.exit_code == 0 and ok.stdout.strip() == "1"
        unknown = runner.invoke(_cli(), ["publish", "NOPE", "{}", "--server", url, "--api-key", KEY])
        assert unknown.exit_code == 2 and "unknown event type" in unknown.output
    bad_json = runner.invoke(_cli(), ["publish", "HEALTH_STATUS", "{nope", "--api-key", KEY])
    assert bad_json.exit_code == 2 and bad_json.output.startswith("error: JSON")
    no_auth = runner.invoke(_cli(), ["serve", "--port", "1"], env={"WS_MIGRATE_JWT_SECRET": ""})
    assert no_auth.exit_code == 2 and "--jwt-secret" in no_auth.output
    missing = runner.invoke(_cli(), ["validate", "/nonexistent/path"])
    assert missing.exit_code == 2 and len(missing.output.strip().splitlines()) == 1


# --- the write path: direct sends, the queue behind a send that waits -----------------------------


class FakeSocket:
    """What `_Client` uses of a Starlette WebSocket, with an ASGI `send` that can be held back."""

    def __init__(self) -> None:
        from ws_migrate.server._app import _SEND

        self.frames: list[str] = []
        self.closed: list[int] = []
        self.gate: asyncio.Future[None] | None = None  # while set, sends wait for it
        self.waited = 0  # sends that had to wait
        self.scope = {_SEND: self.send}

    async def send(self, message: dict[str, Any]) -> None:
        if self.gate is not None:
            self.waited += 1
            await self.gate
        self.frames.append(message["text"])

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        self.closed.append(code)

    def release(self) -> None:
        assert self.gate is not None
        self.gate.set_result(None)
        self.gate = None


async def hub_with(*sockets: FakeSocket, send_queue: int = 4) -> tuple[Any, list[Any]]:
    """A started hub of a fresh app with one subscribed viewer per socket (auth and subscribe
    already spoken)."""
    from ws_migrate.server import Session
    from ws_migrate.server._app import _Client

    app = create_app(load_rules(), auth=authenticate, limits=Limits(send_queue=send_queue))
    hub = app.state.hub
    await hub.start()
    clients = []
    for socket in sockets:
        client = _Client(hub, socket, Session(hub.event_roles, authenticate, 0.0, hub.limits))
        client.apply(client.session.receive('{"type":"auth","token":"viewer"}', 0.0))
        client.apply(client.session.receive(
            '{"type":"subscribe","eventTypes":["HEALTH_STATUS","DNS_RECORD_CHANGED"]}', 0.0))
        hub.clients.add(client)
        clients.append(client)
    for socket in sockets:
        socket.frames.clear()
    return hub, clients


def events_of(socket: FakeSocket) -> list[tuple[str, int, int]]:
    return [(m["eventType"], m["seq"], m["data"]["n"])
            for m in map(json.loads, socket.frames) if m["type"] == "event"]


def test_frames_go_out_directly_while_nothing_waits() -> None:
    async def go() -> None:
        socket = FakeSocket()
        hub, (client,) = await hub_with(socket)
        for n in range(5):
            await hub.broker.publish("HEALTH_STATUS", {"n": n})
            # written before publish returned: no writer task, no queue
            assert len(socket.frames) == n + 1 and client._writer is None
        assert [seq for _, seq, _ in events_of(socket)] == [1, 2, 3, 4, 5]
        assert hub.metrics.delivered == 5

    asyncio.run(go())


def test_a_send_that_waits_keeps_the_order_and_the_direct_path_resumes() -> None:
    async def go() -> None:
        socket = FakeSocket()
        hub, (client,) = await hub_with(socket, send_queue=8)
        types = ("HEALTH_STATUS", "DNS_RECORD_CHANGED")
        await hub.broker.publish(types[0], {"n": 0})
        socket.gate = asyncio.get_running_loop().create_future()  # the socket pushes back
        for n in range(1, 7):
            await hub.broker.publish(types[n % 2], {"n": n})
        assert socket.waited == 1 and len(client.queue) == 5 and client._writer is not None
        await asyncio.sleep(0)
        socket.release()
        while client._writer is not None:
            await asyncio.sleep(0)
        await hub.broker.publish(types[1], {"n": 7})  # caught up: direct again
        assert client._writer is None and socket.waited == 1
        got = events_of(socket)
        assert [n for _, _, n in got] == list(range(8))
        for event_type in types:
            seqs = [seq for t, seq, _ in got if t == event_type]
            assert seqs == list(range(1, len(seqs) + 1))  # per type: in order, none missing
        assert not socket.closed and not client.gone

    asyncio.run(go())


def test_a_slow_consumer_is_dropped_alone_through_the_direct_path() -> None:
    async def go() -> None:
        slow, fast = FakeSocket(), FakeSocket()
        hub, (slow_client, fast_client) = await hub_with(slow, fast, send_queue=4)
        slow.gate = asyncio.get_running_loop().create_future()  # never released
        for n in range(10):
            await hub.broker.publish("HEALTH_STATUS", {"n": n})
        # one send waiting + 4 queued; the 6th frame overflowed: dropped with its own code
        assert slow_client.gone and hub.metrics.dropped["slow_consumer"] == 1
        await asyncio.sleep(0.01)
        assert slow.closed == [4503]
        assert slow_client not in hub.clients and fast_client in hub.clients
        assert [n for _, _, n in events_of(fast)] == list(range(10))
        assert hub.metrics.delivered == 10 + 5
        assert fast.closed == [] and fast_client._writer is None

    asyncio.run(go())


def test_a_close_goes_out_after_the_queued_frames_and_nothing_after_it() -> None:
    async def go() -> None:
        from ws_migrate.server import Close

        socket = FakeSocket()
        hub, (client,) = await hub_with(socket, send_queue=8)
        socket.gate = asyncio.get_running_loop().create_future()
        for n in range(3):
            await hub.broker.publish("HEALTH_STATUS", {"n": n})
        client.apply([Close(1012, "server restarting")])
        await hub.broker.publish("HEALTH_STATUS", {"n": 3})  # not routed to a closing client
        assert not client.push("late")
        socket.release()
        while not socket.closed:
            await asyncio.sleep(0)
        assert [n for _, _, n in events_of(socket)] == [0, 1, 2] and socket.closed == [1012]

    asyncio.run(go())


def test_a_send_that_fails_ends_the_client_only() -> None:
    async def go() -> None:
        broken, fine = FakeSocket(), FakeSocket()
        hub, (broken_client, _) = await hub_with(broken, fine)

        async def gone(message: dict[str, Any]) -> None:
            raise OSError("peer vanished")

        broken_client._send = gone
        await hub.broker.publish("HEALTH_STATUS", {"n": 0})
        await hub.broker.publish("HEALTH_STATUS", {"n": 1})
        assert broken_client.gone and broken_client not in hub.clients
        assert hub.metrics.dropped["slow_consumer"] == 0
        assert [n for _, _, n in events_of(fine)] == [0, 1]

    asyncio.run(go())


# --- uvicorn's sans-I/O protocol, written to directly -------------------------------------------


class WebSocketsSansIOProtocol:
    """Stands in for uvicorn's protocol of that name (what `_Direct.of` looks for): a real
    `websockets` server connection, open, whose ASGI `send` waits while `writable` is clear."""

    def __init__(self, frames: list[str]) -> None:
        from websockets.client import ClientProtocol
        from websockets.protocol import State
        from websockets.server import ServerProtocol
        from websockets.uri import parse_uri

        self.conn = ServerProtocol(state=State.OPEN)
        self.writable = asyncio.Event()
        self.writable.set()
        self.close_sent = self.disconnected = False
        self.handshake_complete, self.initial_response = True, None
        self.asgi_sends = 0
        self._peer = ClientProtocol(parse_uri("ws://peer/"), state=State.OPEN)
        self._frames = frames
        self.transport = self  # what it writes, the peer reads

    def write(self, data: bytes) -> None:
        self._peer.receive_data(data)
        self._frames.extend(bytes(frame.data).decode() for frame in self._peer.events_received())

    async def send(self, message: dict[str, Any]) -> None:
        self.asgi_sends += 1
        await self.writable.wait()
        self.conn.send_text(message["text"].encode())
        self.transport.write(b"".join(self.conn.data_to_send()))


class SansIOSocket(FakeSocket):
    def __init__(self) -> None:
        from ws_migrate.server._app import _SEND

        super().__init__()
        self.protocol = WebSocketsSansIOProtocol(self.frames)
        self.scope = {_SEND: self.protocol.send}


def test_frames_skip_the_asgi_send_until_the_socket_pushes_back() -> None:
    async def go() -> None:
        socket = SansIOSocket()
        hub, (client,) = await hub_with(socket, send_queue=8)
        assert client._direct is not None
        for n in range(3):
            await hub.broker.publish("HEALTH_STATUS", {"n": n})
        assert len(socket.frames) == 3 and socket.protocol.asgi_sends == 0
        socket.protocol.writable.clear()  # the transport paused writing
        for n in range(3, 6):
            await hub.broker.publish("HEALTH_STATUS", {"n": n})
        assert len(socket.frames) == 3 and len(client.queue) == 2 and client._writer is not None
        socket.protocol.writable.set()
        while client._writer is not None:
            await asyncio.sleep(0)
        await hub.broker.publish("HEALTH_STATUS", {"n": 6})  # caught up: direct again
        assert socket.protocol.asgi_sends == 3
        assert [n for _, _, n in events_of(socket)] == list(range(7))
        assert [seq for _, seq, _ in events_of(socket)] == list(range(1, 8))

    asyncio.run(go())


def test_a_connection_closed_under_the_direct_path_ends_that_client_only() -> None:
    async def go() -> None:
        closing, fine = SansIOSocket(), SansIOSocket()
        hub, (closing_client, _) = await hub_with(closing, fine)
        closing.protocol.conn.send_close(1001)  # the peer went: `send_text` raises now
        await hub.broker.publish("HEALTH_STATUS", {"n": 0})
        assert closing_client.gone and closing_client not in hub.clients
        assert [n for _, _, n in events_of(fine)] == [0] and events_of(closing) == []

    asyncio.run(go())


def test_under_uvicorn_every_connection_takes_the_direct_path() -> None:
    app = create_app(load_rules(), auth=authenticate, api_key=KEY)
    with serving(app=app) as url:
        viewer, admin = login(url), login(url, "admin")
        # compressed frames too: the connection's own protocol applies its extensions
        assert "permessage-deflate" in viewer.response.headers.get("Sec-WebSocket-Extensions", "")
        subscribe(viewer, "SYSTEM_METRICS")
        subscribe(admin, "SYSTEM_METRICS", "ADMIN_METRICS")
        for n in range(20):
            publish_http(url, KEY, "SYSTEM_METRICS", {"n": n, "text": "é✓"})
        for client in (viewer, admin):
            got = [recv(client)["data"] for _ in range(20)]
            assert got == [{"n": n, "text": "é✓"} for n in range(20)]
        clients = list(app.state.hub.clients)
        assert len(clients) == 2 and all(c._direct is not None for c in clients)
        viewer.close()
        admin.close()
