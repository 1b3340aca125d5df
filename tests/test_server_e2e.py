"""End to end: real `serve` processes, the generated TypeScript client under Node, real Redis.

`tests/node/e2e.test.ts` runs the client from `init` against `python -m ws_migrate.server serve`
processes it starts and restarts itself; the multi-node test runs two servers on one Redis. Redis
tests start their own `redis-server` on a free port (never a system service) and are skipped,
saying so, when it is not installed (`tests/run.sh` installs it where it can).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.sync.client import connect

from ws_migrate.rules import load_rules
from ws_migrate.scaffold import client_layout, init_client
from ws_migrate.server._auth import make_jwt
from ws_migrate.server._validate import free_port, publish_http

REPO = Path(__file__).resolve().parents[1]
NODE_DIR = REPO / "tests" / "node"
NODE_MODULES = NODE_DIR / "node_modules"
TSC = NODE_MODULES / "typescript" / "bin" / "tsc"
SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e"
KEY = "e2e-api-key"
SERVE = [sys.executable, "-m", "ws_migrate.server", "serve", "--jwt-secret", SECRET, "--api-key", KEY]


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str | None]:
    """A private redis-server on a free port, or None when it is not installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "redis-server did not start"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def serve(*extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen([*SERVE, "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, base
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "serve died")
        time.sleep(0.05)


def test_two_nodes_share_events_through_redis(redis_url: str | None) -> None:
    if redis_url is None:
        pytest.skip("redis-server is not installed (tests/run.sh installs it with apt as root)")
    nodes = [serve("--broker", redis_url) for _ in range(2)]
    try:
        clients = []
        for _, base in nodes:
            client = connect(base.replace("http", "ws") + "/ws", open_timeout=5, legacy=True)
            client.send(json.dumps({"type": "auth", "token": make_jwt(SECRET, "u", "viewer")}))
            assert json.loads(client.recv(timeout=5))["type"] == "auth_ok"
            client.send(json.dumps({"type": "subscribe", "id": 1, "eventTypes": ["HEALTH_STATUS"]}))
            assert json.loads(client.recv(timeout=5))["type"] == "subscribed"
            clients.append(client)
        seq = publish_http(nodes[0][1], KEY, "HEALTH_STATUS", {"from": "node-0"})
        for client in clients:
            got = json.loads(client.recv(timeout=5))
            assert (got["data"], got["seq"]) == ({"from": "node-0"}, seq)
        # one sequence across nodes: the next event, published on the other node, follows it
        assert publish_http(nodes[1][1], KEY, "HEALTH_STATUS", {"from": "node-1"}) == seq + 1
        for client in clients:
            assert json.loads(client.recv(timeout=5))["seq"] == seq + 1
            client.close()
    finally:
        for proc, _ in nodes:
            proc.terminate()
            proc.wait(10)


def test_generated_client_against_real_servers(tmp_path: Path, redis_url: str | None) -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (TSC.is_file() and (NODE_MODULES / "ws").is_dir()):
        pytest.skip("tests/node/node_modules is missing: run `(cd tests/node && npm ci)`")
    root = tmp_path / "app"
    root.mkdir()
    rules = load_rules()
    assert init_client(root, rules).written
    layout = client_layout(root, rules)
    build = tmp_path / "node-tests"
    build.mkdir()
    shutil.copy(NODE_DIR / "e2e.test.ts", build / "e2e.test.ts")
    (build / "generated.ts").write_text("".join(
        f"export * from '{os.path.relpath(root / f, build).removesuffix('.ts')}';\n"
        for f in (layout.service_file, layout.types_file)
    ), encoding="utf-8")
    out = tmp_path / "out"
    config = build / "tsconfig.json"
    config.write_text(json.dumps({
        "extends": str(NODE_DIR / "tsconfig.json"),
        "compilerOptions": {"noEmit": False, "outDir": str(out), "rootDir": str(tmp_path),
                            "typeRoots": [str(NODE_MODULES / "@types")], "types": ["node"]},
        "files": ["e2e.test.ts", "generated.ts"],
    }), encoding="utf-8")
    proc = subprocess.run(["node", str(TSC), "-p", str(config)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    env = {**os.environ, "NODE_PATH": str(NODE_MODULES), "WSM_SERVE": json.dumps(SERVE),
           "WSM_SECRET": SECRET, "WSM_KEY": KEY, "WSM_REDIS": redis_url or ""}
    proc = subprocess.run(
        ["node", "--test", "--test-reporter=tap", str(out / "node-tests" / "e2e.test.js")],
        capture_output=True, text=True, timeout=120, cwd=out, env=env, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    count = re.search(r"^# tests (\d+)$", proc.stdout, re.MULTILINE)
    passed = re.search(r"^# pass (\d+)$", proc.stdout, re.MULTILINE)
    skipped = re.search(r"^# skipped (\d+)$", proc.stdout, re.MULTILINE)
    assert count and passed and skipped, proc.stdout[-2000:]
    assert int(passed.group(1)) + int(skipped.group(1)) == int(count.group(1)) >= 4
    assert int(skipped.group(1)) == (0 if redis_url else 1)


def test_tokens_in_request_paths_are_not_logged() -> None:
    # legacy clients put `?token=` in the URL, and uvicorn logs each WebSocket request's path
    proc, base = serve()
    try:
        with connect(base.replace("http", "ws") + "/ws?token=s3cr3t-in-the-url", open_timeout=5,
                     legacy=True) as client:
            client.send(json.dumps({"type": "auth", "token": make_jwt(SECRET, "u", "viewer")}))
            assert json.loads(client.recv(timeout=5))["type"] == "auth_ok"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    log = err.decode()
    assert "/ws?token=***" in log
    assert "s3cr3t" not in log
