"""Helpers shared by the test modules."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: object, cwd: Path = REPO, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m ws_migrate ARGS` as a user would run it: no terminal, default width."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [sys.executable, "-m", "ws_migrate", *map(str, args)],
        cwd=cwd,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def load_benchmark(name: str) -> ModuleType:
    """`benchmarks/<name>.py` as a module (the benchmarks are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


class RedisServer:
    """A private `redis-server` on a free port that a test starts, kills and restarts.

    `persistent`: AOF with `appendfsync always`, so an event Redis accepted survives a kill -9;
    else no persistence at all, and a restart comes back empty. Never a system service.
    """

    def __init__(self, binary: str, data_dir: Path, *, persistent: bool) -> None:
        from ws_migrate.server._validate import free_port

        self.binary = binary
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._args = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                      "--dir", str(data_dir)]
        self._args += (["--appendonly", "yes", "--appendfsync", "always"] if persistent
                       else ["--appendonly", "no"])
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        import socket
        import time

        self.proc = subprocess.Popen(self._args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            assert time.monotonic() < deadline and self.proc.poll() is None, "redis-server did not start"
            time.sleep(0.02)

    def kill(self) -> None:
        """kill -9: no goodbye to the clients, nothing flushed that was not already."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(10)

    def stop(self) -> None:
        """A graceful stop (SIGTERM: Redis's SHUTDOWN)."""
        assert self.proc is not None
        self.proc.terminate()
        self.proc.wait(10)

    def command(self, *args: str) -> bytes:
        """One command in RESP, its raw reply (enough for PUBLISH and GET in tests)."""
        import socket

        parts = [f"*{len(args)}\r\n".encode()]
        for arg in args:
            data = arg.encode("utf-8", "surrogatepass")
            parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"".join(parts))
            return sock.recv(65536)
