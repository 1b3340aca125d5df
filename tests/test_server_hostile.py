"""The server against hostile clients and bad input, on a real uvicorn (issue 17, "Server").

Each test is one way a client or a publisher tried to hurt the server or the other clients: the
rules are that no client ever sees a traceback, the server trusts nothing a client sends, and
one bad client never costs another anything.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from test_server_app import (
    KEY,
    LOOPS,
    assert_dropped_alone,
    authenticate,
    closed_code,
    http,
    login,
    recv,
    serving,
    subscribe,
)
from websockets.exceptions import ConnectionClosed

from ws_migrate.rules import load_rules
from ws_migrate.server import Limits, create_app
from ws_migrate.server._validate import publish_http

PORT_OF = lambda base: int(base.rsplit(":", 1)[1])


def raw_request(base: str, head: str, body: bytes = b"", *, read: bool = True,
                timeout: float = 5.0) -> tuple[int, bytes]:
    """Send `head` (request line and headers, without the blank line) and `body` as they are;
    the status and body of the answer."""
    with socket.create_connection(("127.0.0.1", PORT_OF(base)), timeout=timeout) as sock:
        sock.sendall(head.encode("latin-1") + b"\r\n\r\n" + body)
        return read_response(sock)


def read_response(sock: socket.socket) -> tuple[int, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before an answer: {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, rest


def publish_raw(base: str, body: bytes) -> tuple[int, Any]:
    """`POST /publish` with `body` exactly as given (what `json.dumps` would never write)."""
    status, answer = raw_request(
        base, f"POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {KEY}\r\n"
              f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close",
        body)
    try:
        return status, json.loads(answer)
    except ValueError:
        return status, answer.decode(errors="replace")


# --- connections that never finish a request --------------------------------------------------


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def from_another_address(base: str) -> socket.socket:
    """A connection from 127.0.0.2: another client than the 127.0.0.1 of the attacks."""
    sock = socket.socket()
    sock.settimeout(5)
    sock.bind(("127.0.0.2", 0))
    sock.connect(("127.0.0.1", PORT_OF(base)))
    return sock


def closed_by_server(sock: socket.socket, within: float) -> bool:
    """Whether the server ends `sock` (any answer read first) within `within` seconds."""
    deadline = time.monotonic() + within
    try:
        while time.monotonic() < deadline:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            if not sock.recv(65536):
                return True
    except TimeoutError:
        return False
    except OSError:
        return True  # reset
    return False


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
def test_half_requests_are_closed_in_time_and_capped_per_address_and_others_are_served() -> None:
    from websockets.sync.client import connect

    with serving(limits=Limits(handshake_timeout=1.0, max_connections_per_address=50)) as base:
        other = connect(base.replace("http", "ws") + "/ws", sock=from_another_address(base),
                        open_timeout=5, legacy=True)
        other.send(json.dumps({"type": "auth", "token": "viewer"}))
        assert recv(other)["type"] == "auth_ok"
        before = open_fds()
        attack: list[socket.socket] = []
        for n in range(300):  # slowloris: half a request each, HTTP or a WebSocket handshake
            sock = socket.create_connection(("127.0.0.1", PORT_OF(base)), timeout=5)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" if n % 2 else
                         b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n")
            attack.append(sock)
        # a body that never ends, and a keep-alive connection whose next request never does
        slow_body = socket.create_connection(("127.0.0.1", PORT_OF(base)), timeout=5)
        slow_body.sendall(f"POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                          f"{KEY}\r\nContent-Length: 100\r\n\r\n{{\"eventType\"".encode())
        # meanwhile another address is served
        with from_another_address(base) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            status, body = read_response(sock)
            assert status == 200 and json.loads(body)["status"] == "ok"
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # then half of one
            assert closed_by_server(sock, 3)
        # past the cap, connections are refused at once, with a 503
        over = [s for s in attack[50:] if closed_by_server(s, 0.5)]
        assert len(over) >= 240
        # and the others are closed after the handshake timeout
        assert all(closed_by_server(s, 3) for s in [*attack, slow_body])
        for sock in [*attack, slow_body]:
            sock.close()
        time.sleep(0.2)
        assert open_fds() <= before  # the server holds nothing of them
        other.send(json.dumps({"type": "ping"}))
        assert recv(other) == {"type": "pong"}  # the open WebSocket was never hurt
        other.close()


def test_the_cap_counts_open_websockets_and_frees_them_when_closed() -> None:
    with serving(limits=Limits(max_connections_per_address=3)) as base:
        sockets = [login(base) for _ in range(3)]
        with socket.create_connection(("127.0.0.1", PORT_OF(base)), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert read_response(sock)[0] == 503
        sockets.pop().close()
        time.sleep(0.2)
        assert http(base, "/healthz")[0] == 200
        for client in sockets:
            client.close()


# --- POST /publish: the body ---------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read() -> None:
    with serving(limits=Limits(max_publish_bytes=64 * 1024)) as base:
        # 500 MB announced, 64 KiB sent: the answer comes without the rest
        head = (f"POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {KEY}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {500 * 1024 * 1024}")
        with socket.create_connection(("127.0.0.1", PORT_OF(base)), timeout=5) as sock:
            sock.sendall(head.encode() + b"\r\n\r\n" + b"[" * 65536)
            status, body = read_response(sock)
        assert status == 413 and "65536 bytes" in json.loads(body)["error"]
        # no length announced (chunked): cut off once the limit is passed
        chunk = b"[" * 50_000
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3))
        with socket.create_connection(("127.0.0.1", PORT_OF(base)), timeout=5) as sock:
            sock.sendall(head.split("Content-Length")[0].encode() + b"Transfer-Encoding: chunked"
                         b"\r\n\r\n" + chunked)
            assert read_response(sock)[0] == 413
        # a body under the limit is published as always
        assert http(base, "/publish", {"eventType": "HEALTH_STATUS", "data": "x" * 60_000})[0] == 202


@pytest.mark.parametrize(("body", "why"), [
    (b'{"eventType": "HEALTH_STATUS", "data": "\\ud800"}', "lone surrogate"),
    (b'{"eventType": "HEALTH_STATUS", "data": {"v": "a\\udfffb"}}', "lone surrogate"),
    (b'{"eventType": "HEALTH_STATUS", "data": NaN}', "NaN"),
    (b'{"eventType": "HEALTH_STATUS", "data": [1, Infinity]}', "Infinity"),
    (b'{"eventType": "HEALTH_STATUS", "data": {"v": -Infinity}}', "Infinity"),
    (b'{"eventType": "HEALTH_STATUS", "data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
     "nested"),
    (b'{"eventType": "HEALTH_STATUS", "data": 1e999}', "Infinity"),
    (b'\xff\xfe{"eventType": "HEALTH_STATUS"}', "JSON"),
])
def test_data_a_browser_could_not_parse_is_refused_and_the_type_goes_on(body: bytes, why: str) -> None:
    with serving(limits=Limits(max_publish_bytes=1 << 20)) as base:
        clients = [login(base) for _ in range(2)]
        for client in clients:
            subscribe(client, "HEALTH_STATUS")
        status, answer = publish_raw(base, body)
        assert status == 400, answer
        assert why in answer["error"]
        # the type is not silenced: the next event reaches every subscriber, nothing else before it
        seq = publish_http(base, KEY, "HEALTH_STATUS", {"ok": True})
        for client in clients:
            event = recv(client)
            assert (event["type"], event["seq"], event["data"]) == ("event", seq, {"ok": True})
        _, health = http(base, "/healthz")
        assert health["connections"] == 2
        for client in clients:
            client.close()


def test_the_python_api_refuses_the_same_data() -> None:
    import asyncio

    from ws_migrate.rules import load_rules
    from ws_migrate.server import InvalidEventData, create_app

    app = create_app(load_rules(), auth=lambda token, now: None)  # type: ignore[arg-type,return-value]

    async def main() -> None:
        for data in ("\ud800", float("nan"), {"v": float("inf")}, object()):
            with pytest.raises(InvalidEventData):
                await app.state.events.publish("HEALTH_STATUS", data)
        assert await app.state.events.publish("HEALTH_STATUS", {"ok": 1}) == 1

    asyncio.run(main())


# --- subscriptions ---------------------------------------------------------------------------------


def test_subscribing_again_with_an_older_since_never_repeats_a_seq() -> None:
    with serving() as base:
        client = login(base)
        subscribe(client, "RPZ_UPDATED")
        seqs = [publish_http(base, KEY, "RPZ_UPDATED", {"n": n}) for n in range(3)]
        assert [recv(client)["seq"] for _ in seqs] == seqs
        answer = subscribe(client, "RPZ_UPDATED", id=2, since={"RPZ_UPDATED": seqs[0]})
        assert answer["recovered"] is True
        last = publish_http(base, KEY, "RPZ_UPDATED", {"n": 3})
        # the next frame is the new event: the two the client had are not sent again
        assert recv(client)["seq"] == last
        client.close()


def test_since_not_recovered_lets_the_live_events_through() -> None:
    # the client's `since` is past the server's sequence (it restarted, empty): recovered false,
    # and from then on it gets every event, though their seq are lower than its `since`
    with serving() as base:
        client = login(base)
        answer = subscribe(client, "RPZ_UPDATED", since={"RPZ_UPDATED": 750})
        assert answer["recovered"] is False
        seq = publish_http(base, KEY, "RPZ_UPDATED", {"n": 1})
        assert recv(client)["seq"] == seq == 1
        client.close()


# --- slow consumers ----------------------------------------------------------------------------------


def test_a_consumer_that_never_reads_is_dropped_with_4503_and_what_it_holds_is_bounded() -> None:
    from websockets.sync.client import connect

    app = create_app(load_rules(), auth=authenticate, api_key=KEY)  # the default limits
    with serving(app=app) as base:
        fast = login(base)
        subscribe(fast, "SYSTEM_METRICS")
        # a client that never reads, with a receive buffer as small as the system allows
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        sock.connect(("127.0.0.1", PORT_OF(base)))
        slow = connect(base.replace("http", "ws") + "/ws", sock=sock, open_timeout=5,
                       max_queue=1, compression=None, legacy=True)
        slow.send(json.dumps({"type": "auth", "token": "viewer"}))
        assert recv(slow)["type"] == "auth_ok"
        subscribe(slow, "SYSTEM_METRICS")
        pad = "y" * 2000

        async def burst(start: int) -> None:  # in the server's loop, as a back end publishes
            for n in range(start, start + 500):
                await app.state.events.publish("SYSTEM_METRICS", {"n": n, "pad": pad})

        received = 0
        for start in range(0, 20_000, 500):
            asyncio.run_coroutine_threadsafe(burst(start), LOOPS[base]).result(10)
            while received < start + 500:  # the fast client keeps up, and gets every one
                assert recv(fast)["data"]["n"] == received
                received += 1
        assert received == 20_000
        assert_dropped_alone(base)
        time.sleep(6)  # longer than the server waits for a close frame to go out
        # the slow client, reading at last: what was queued (bounded), then the close code
        frames = 0
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                slow.recv(timeout=10)
                frames += 1
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4503
        assert frames < 20_000 // 4, frames
        fast.close()


# --- DNS rebinding ------------------------------------------------------------------------------


def handshake_status(base: str, host: str, origin: str) -> int:
    """The status of a WebSocket handshake with this Host and Origin (101: accepted)."""
    status, _ = raw_request(
        base, f"GET /ws HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13")
    return status


def test_a_rebound_host_name_gets_no_socket_and_no_metrics() -> None:
    with serving() as base:  # no allowed origins, no allowed hosts: the defaults
        port = PORT_OF(base)
        evil = f"evil.example:{port}"
        assert handshake_status(base, evil, f"http://{evil}") == 403
        status, body = raw_request(base, f"GET /metrics HTTP/1.1\r\nHost: {evil}\r\n"
                                         "Connection: close")
        assert status == 400 and b"ws_migrate_" not in body and b"--allowed-host" in body
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"app.localhost:{port}"):
            assert handshake_status(base, host, f"http://{host}") == 101, host
            status, body = raw_request(base, f"GET /metrics HTTP/1.1\r\nHost: {host}\r\n"
                                             "Connection: close")
            assert status == 200 and b"ws_migrate_connections" in body, host
        # a page of another host, even one served, may not open a socket here
        assert handshake_status(base, f"127.0.0.1:{port}", f"http://{evil}") == 403
    with serving(allowed_hosts=["dash.example"]) as base:
        port = PORT_OF(base)
        assert handshake_status(base, f"dash.example:{port}", f"http://dash.example:{port}") == 101
        assert handshake_status(base, f"evil.example:{port}", f"http://evil.example:{port}") == 403
    with serving(allowed_origins=["https://app.example"]) as base:
        assert handshake_status(base, "app.example", "https://app.example") == 101


# --- what the log shows ------------------------------------------------------------------------------


def test_a_token_is_redacted_from_the_log_by_its_decoded_name() -> None:
    from test_server_e2e import KEY as E2E_KEY
    from test_server_e2e import SECRET, serve
    from websockets.sync.client import connect

    from ws_migrate.server._auth import make_jwt

    proc, base = serve("--legacy-bridge")
    token = make_jwt(SECRET, "vera", "viewer")
    try:
        # `%74oken` is `token` to the server: it authenticates, and must not be logged as it is
        with connect(base.replace("http", "ws") + f"/ws/health?%74oken={token}", open_timeout=5,
                     legacy=True) as legacy:
            seq = publish_http(base, E2E_KEY, "HEALTH_STATUS", {"ok": True})
            assert json.loads(legacy.recv(timeout=5))["payload"] == {"ok": True} and seq >= 1
        for query in (f"token%3D{token}", f"a=1&TOKEN={token}", f"%2574oken={token}",
                      f"api%5Fkey={token}"):
            with connect(base.replace("http", "ws") + f"/ws/health?{query}", open_timeout=5,
                         legacy=True) as refused:
                assert closed_code(refused) == 4401
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    log = err.decode()
    assert "/ws/health?token=***" in log and "/ws/health?a=1&TOKEN=***" in log
    assert token.split(".")[2] not in log  # not one of the five


# --- with Redis ----------------------------------------------------------------------------------


def test_with_redis_bad_data_is_400_and_a_poison_event_on_the_channel_silences_nothing(
        tmp_path: Path) -> None:
    import shutil

    from conftest import RedisServer

    from ws_migrate.server import RedisBroker

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (tests/run.sh installs it with apt as root)")
    redis = RedisServer(binary, tmp_path, persistent=False)
    redis.start()
    try:
        with serving(broker=RedisBroker(redis.url)) as base:
            clients = [login(base) for _ in range(2)]
            for client in clients:
                subscribe(client, "HEALTH_STATUS")
            status, answer = publish_raw(base, b'{"eventType": "HEALTH_STATUS", "data": "\\ud800"}')
            assert status == 400 and "lone surrogate" in answer["error"]  # was a 500
            # another writer on the channel: frames no browser can parse, and a malformed one
            for data in ('"\\ud800"', "NaN", "[" * 5000 + "]" * 5000):
                redis.command("PUBLISH", "ws-migrate:events",
                              f'{{"eventType":"HEALTH_STATUS","data":{data},"seq":1000,'
                              f'"ts":"2024-01-01T00:00:00.000Z"}}')
            redis.command("PUBLISH", "ws-migrate:events", "not json")
            seq = publish_http(base, KEY, "HEALTH_STATUS", {"ok": True})
            for client in clients:  # the next good event is the next frame, for everyone
                event = recv(client)
                assert (event["seq"], event["data"]) == (seq, {"ok": True})
            assert http(base, "/healthz")[1]["connections"] == 2
            for client in clients:
                client.close()
    finally:
        redis.stop()
