#!/usr/bin/env python3
"""Fan-out speed of `ws-migrate serve` against a bare `websockets` broadcast server.

    python benchmarks/server_bench.py [--clients 1000] [--events 2000] [--seconds 8] [--rounds 3]

In one run, on 127.0.0.1 only: a bare `websockets.serve` broadcast server (a subprocess: this
script with `--bare-server`) and `python -m ws_migrate serve` (a subprocess, in-memory broker,
built-in rules, JWT auth) each get the same N clients, every one authenticated and subscribed to
the same 3 event types, so each event goes to every client on both servers. The clients are
spread over `--client-procs` worker processes (this script with `--client-worker`), so that
reading a thousand sockets is not one process's bottleneck; this process publishes.

  1. bare, full speed: events sent over one publisher WebSocket, broadcast with
     `websockets.broadcast`, as fast as they are taken;
  2. serve, full speed: events through `POST /publish` (a few keep-alive HTTP connections);
  3. steps 1 and 2 again, `--rounds` times in all, both servers up with their clients connected
     throughout: each round's serve / bare ratio compares two passes a few seconds apart, and the
     goal takes the median round, so a burst of load from elsewhere on the machine during one
     pass does not decide the result;
  4. serve, rate-limited: events at half the median bare rate, latency measured from each
     event's scheduled time (so falling behind shows in the latency, not hidden by it).

With `--inspector`, each round has a third pass: serve again, at full speed, with an inspector
open (a poller asks `/inspector/api/connections`, `stats` and `events` twice a second, as the
page does, so the server names every recipient of every event); the goal compares it with the
serve pass of the same round (median of the rounds). Before each plain serve pass the run waits
until the inspector of the round before has been closed long enough for the server to stop
recording (`WATCH_SECONDS`).

Publishing keeps at most `--window` events per client in flight (published, not yet received),
below the server's send queue of 1,024 frames, so a client process that reads slower than the
server writes never gets itself dropped as a slow consumer. Each event's data carries
`time.monotonic_ns()` taken by the publisher (a system-wide clock: the same in every process).

Exit code: 0 every goal met, 1 a goal missed, 2 the benchmark could not run. See README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import mmap
import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

REPO = Path(__file__).resolve().parents[1]

# The goals, in one place: README.md explains each.
MIN_SERVE_OVER_BARE = 0.8  # deliveries per second at full speed
MAX_P99_MS_AT_HALF_RATE = 50.0  # publish-to-receive, at half the bare rate
MIN_INSPECTED_OVER_SERVE = 0.9  # deliveries per second with an inspector open, over without
INSPECTOR_POLL = 0.5  # seconds between the inspector's requests, as the page
INSPECTOR_IDLE = 10.5  # after this long without requests the server no longer records

# Three event types the built-in rules let a `viewer` receive.
EVENT_TYPES = ("HEALTH_STATUS", "DNS_RECORD_CHANGED", "SECURITY_ALERT")

CONNECT_CONCURRENCY = 50  # handshakes in flight at once, per client process
POLL = 0.001  # how often the publisher reads the client processes' counters, in seconds
START_TIMEOUT = 20.0  # a server process must answer within this
CONNECT_TIMEOUT = 60.0  # all clients connected, authenticated and subscribed
DRAIN_TIMEOUT = 10.0  # after the last publish, for the last frames to arrive
STALL_TIMEOUT = 5.0  # no progress for this long while the window is full: stop publishing
HTTP_TIMEOUT = 10.0


class BenchError(Exception):
    """The benchmark cannot run: one line saying why."""


# --- pure helpers (tests/test_server_bench_logic.py) ------------------------------------------


def percentile(ordered: Sequence[float], q: float) -> float:
    """The `q`-th percentile (0-100) of sorted values, linear between ranks; nan when empty."""
    if not ordered:
        return float("nan")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not within 0-100")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(value: float, base: float) -> float:
    return value / base if base else float("inf") if value else float("nan")


@dataclass(frozen=True)
class PassResult:
    """One measured pass: how much arrived, how fast, how late."""

    name: str
    clients: int
    published: int
    received: int
    seconds: float  # first publish to last frame received
    p50_ms: float
    p99_ms: float
    max_ms: float
    server_cpu: float | None = None  # CPU seconds of the server process in the pass
    bench_cpu: float | None = None  # CPU seconds of the benchmark's processes (clients, publisher)
    target_rate: float | None = None  # events per second asked for; None: full speed
    dropped: int = 0  # clients closed by the server or gone during the pass
    round: int | None = None  # which round of an interleaved run, from 1

    @property
    def label(self) -> str:
        label = self.name if self.round is None else f"{self.name} #{self.round}"
        return label if self.target_rate is None else f"{label} @ {self.target_rate:,.0f} ev/s"

    @property
    def expected(self) -> int:
        return self.published * self.clients

    @property
    def lost(self) -> int:
        return max(0, self.expected - self.received)

    @property
    def rate(self) -> float:
        """Deliveries per second."""
        return self.received / self.seconds if self.seconds > 0 else 0.0

    @property
    def event_rate(self) -> float:
        return self.published / self.seconds if self.seconds > 0 else 0.0

    @property
    def server_us(self) -> float | None:
        """Server CPU microseconds per delivery: its cost, whoever was the bottleneck."""
        if self.server_cpu is None or not self.received:
            return None
        return 1e6 * self.server_cpu / self.received


def latency_stats(latencies_ns: Sequence[int]) -> tuple[float, float, float]:
    """p50, p99 and max in milliseconds."""
    ordered = sorted(latencies_ns)
    if not ordered:
        return float("nan"), float("nan"), float("nan")
    return (percentile(ordered, 50) / 1e6, percentile(ordered, 99) / 1e6, ordered[-1] / 1e6)


@dataclass(frozen=True)
class Goal:
    key: str
    name: str
    shown: str
    target: str
    met: bool


def median(values: Sequence[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count); nan when empty."""
    return percentile(sorted(values), 50)


def speed_ratios(bare: Sequence[PassResult], serve: Sequence[PassResult]) -> list[float]:
    """serve / bare deliveries per second, round by round."""
    if len(bare) != len(serve):
        raise ValueError(f"{len(bare)} bare passes but {len(serve)} serve passes")
    return [ratio(s.rate, b.rate) for b, s in zip(bare, serve, strict=True)]


def evaluate(
    bare: Sequence[PassResult], serve: Sequence[PassResult], half: PassResult,
    inspected: Sequence[PassResult] = (),
) -> list[Goal]:
    """The issue's two goals, plus: every frame of every pass arrived and nobody was dropped;
    with `inspected` passes (one per round), the inspector's goal too.

    `bare` and `serve` are the full-speed passes, one of each per round; the speed goal takes
    the median of the rounds' ratios.
    """
    passes = [*bare, *serve, *inspected, half]
    speed = median(speed_ratios(bare, serve))
    complete = all(p.lost == 0 and p.dropped == 0 and p.published > 0 for p in passes)
    lost = sum(p.lost for p in passes)
    dropped = sum(p.dropped for p in passes)
    rounds = f" (median of {len(bare)})" if len(bare) > 1 else ""
    inspector = []
    if inspected:
        open_ratio = median(speed_ratios(serve, inspected))
        inspector = [Goal(
            "inspector",
            f"inspector open / closed deliveries{rounds}",
            f"{open_ratio:.2f}",
            f"≥ {MIN_INSPECTED_OVER_SERVE}",
            not math.isnan(open_ratio) and open_ratio >= MIN_INSPECTED_OVER_SERVE,
        )]
    return [
        Goal(
            "speed",
            f"serve / bare deliveries{rounds}",
            f"{speed:.2f}",
            f"≥ {MIN_SERVE_OVER_BARE}",
            not math.isnan(speed) and speed >= MIN_SERVE_OVER_BARE,
        ),
        Goal(
            "p99-half",
            "p99 at half the bare rate",
            f"{half.p99_ms:.1f} ms",
            f"< {MAX_P99_MS_AT_HALF_RATE:.0f} ms",
            half.p99_ms < MAX_P99_MS_AT_HALF_RATE,
        ),
        *inspector,
        Goal("complete", "frames lost / clients dropped", f"{lost} / {dropped}", "0 / 0", complete),
    ]


def exit_code(goals: Sequence[Goal]) -> int:
    return 0 if all(g.met for g in goals) else 1


def metric(text: str, name: str) -> float:
    """Sum of the samples of `name` (any labels) in Prometheus text; 0 when absent."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, _, value = line.rpartition(" ")
        if key == name or key.startswith(name + "{"):
            total += float(value)
    return total


def _cell(value: float | None, fmt: str) -> str:
    return "-" if value is None or math.isnan(value) else format(value, fmt)


def _percent(cpu: float | None, seconds: float) -> str:
    return "-" if cpu is None or seconds <= 0 else f"{100 * cpu / seconds:.0f}%"


def render(
    bare: Sequence[PassResult],
    serve: Sequence[PassResult],
    half: PassResult,
    goals: Sequence[Goal],
    inspected: Sequence[PassResult] = (),
) -> str:
    """The passes in the order they ran, the per-round ratios, the goals."""
    rounds: list[Sequence[PassResult]] = [bare, serve, *([inspected] if inspected else [])]
    results = [p for passes in zip(*rounds, strict=True) for p in passes] + [half]
    head = (
        f"{'pass':30}{'events':>7}{'deliveries':>12}{'lost':>7}{'s':>7}{'deliv/s':>10}"
        f"{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}{'srv CPU':>9}{'bench CPU':>10}"
        f"{'srv µs/d':>10}"
    )
    lines = [head]
    for r in results:
        lines.append(
            f"{r.label:30}{r.published:>7,}{r.received:>12,}{r.lost:>7,}{r.seconds:>7.2f}"
            f"{r.rate:>10,.0f}{_cell(r.p50_ms, '.1f'):>8}{_cell(r.p99_ms, '.1f'):>8}"
            f"{_cell(r.max_ms, '.1f'):>8}"
            f"{_percent(r.server_cpu, r.seconds):>9}{_percent(r.bench_cpu, r.seconds):>10}"
            f"{_cell(r.server_us, '.1f'):>10}"
        )
    if bare and serve:
        lines.append(
            "serve / bare deliveries, round by round: "
            + ", ".join(f"{r:.2f}" for r in speed_ratios(bare, serve))
        )
        if inspected:
            lines.append(
                "inspector open / closed deliveries, round by round: "
                + ", ".join(f"{r:.2f}" for r in speed_ratios(serve, inspected))
            )
            open_us = [p.server_us for p in inspected if p.server_us]
            closed_us = [p.server_us for p in serve if p.server_us]
            if open_us and closed_us:
                lines.append(
                    "server CPU per delivery (median), inspector open / closed: "
                    f"{ratio(median(open_us), median(closed_us)):.2f}x"
                )
        bare_us = [p.server_us for p in bare if p.server_us]
        serve_us = [p.server_us for p in serve if p.server_us]
        if bare_us and serve_us:
            lines.append(
                f"server CPU per delivery (median), {serve[0].name} / {bare[0].name}: "
                f"{ratio(median(serve_us), median(bare_us)):.1f}x"
            )
    width = max([32, *(len(g.name) + 2 for g in goals)])
    lines += ["", f"{'goal':{width}}{'value':>10}  {'target':>8}"]
    lines += [
        f"{g.name:{width}}{g.shown:>10}  {g.target:>8}  {'ok' if g.met else 'MISSED'}"
        for g in goals
    ]
    return "\n".join(lines)


# --- the clients ------------------------------------------------------------------------------


class Recorder:
    """What the clients of one process receive: counts and latencies, in one place.

    `shared`, when given, is this process's slot of the counters every client process shares
    with the publisher: [frames received, clients closed], kept up to date frame by frame.
    """

    def __init__(self, shared: memoryview | None = None) -> None:
        self.shared = shared
        self.reset()

    def reset(self) -> None:
        self.received = 0
        self.last_ns = 0
        self.latencies = array("q")
        self.closed = 0
        if self.shared is not None:
            self.shared[0] = self.shared[1] = 0

    def event(self, payload: bytes) -> None:
        now = time.monotonic_ns()
        sent = json.loads(payload)["data"]["t"]
        self.latencies.append(now - sent)
        self.received += 1
        self.last_ns = now
        if self.shared is not None:
            self.shared[0] = self.received

    def gone(self) -> None:
        self.closed += 1
        if self.shared is not None:
            self.shared[1] = self.closed


class BenchClient(asyncio.Protocol):
    """One WebSocket client on the `websockets` sans-I/O protocol.

    Much cheaper per frame than a connection object with a reader task, so the benchmark's one
    process can read what a server writes to a thousand sockets.
    """

    def __init__(self, url: str, recorder: Recorder) -> None:
        from websockets.client import ClientProtocol
        from websockets.uri import parse_uri

        self.protocol = ClientProtocol(parse_uri(url), max_size=1 << 20)
        self.recorder = recorder
        self.transport: asyncio.Transport | None = None
        self.open: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is not a subclass
        self.protocol.send_request(self.protocol.connect())
        self._flush()

    def data_received(self, data: bytes) -> None:
        from websockets.frames import Frame, Opcode
        from websockets.http11 import Response

        self.protocol.receive_data(data)
        for event in self.protocol.events_received():
            if isinstance(event, Response):
                if event.status_code == 101 and self.protocol.handshake_exc is None:
                    self.open.set_result(None)
                elif not self.open.done():
                    self.open.set_exception(BenchError(f"handshake: HTTP {event.status_code}"))
            elif isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                payload = bytes(event.data)  # the same object when it is bytes already
                if payload.startswith(b'{"type":"event"'):
                    self.recorder.event(payload)
                else:
                    self._replies.put_nowait(json.loads(payload))
        self._flush()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed:
            self.closed = True
            self.recorder.gone()
        if not self.open.done():
            self.open.set_exception(BenchError(f"connection lost: {exc!r}"))
        self._replies.put_nowait({"type": "closed"})

    def _flush(self) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        for chunk in self.protocol.data_to_send():
            if chunk:
                self.transport.write(chunk)
            elif self.transport.can_write_eof():
                self.transport.write_eof()

    def send(self, message: dict[str, Any]) -> None:
        self.protocol.send_text(json.dumps(message, separators=(",", ":")).encode())
        self._flush()

    async def reply(self, timeout: float = 10.0) -> dict[str, Any]:
        return await asyncio.wait_for(self._replies.get(), timeout)

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()


async def connect_client(port: int, path: str, recorder: Recorder) -> BenchClient:
    loop = asyncio.get_running_loop()
    url = f"ws://127.0.0.1:{port}{path}"
    _, client = await loop.create_connection(lambda: BenchClient(url, recorder), "127.0.0.1", port)
    await asyncio.wait_for(client.open, 10)
    return client


async def subscriber(port: int, token: str, recorder: Recorder) -> BenchClient:
    """A client of the unified protocol: connected, authenticated, subscribed to EVENT_TYPES."""
    client = await connect_client(port, "/ws", recorder)
    try:
        client.send({"type": "auth", "token": token})
        answer = await client.reply()
        if answer.get("type") != "auth_ok":
            raise BenchError(f"auth refused: {answer}")
        client.send({"type": "subscribe", "id": 1, "eventTypes": list(EVENT_TYPES)})
        answer = await client.reply()
        if answer.get("type") != "subscribed" or sorted(answer["eventTypes"]) != sorted(
            EVENT_TYPES
        ):
            raise BenchError(f"subscribe refused: {answer}")
    except BaseException:
        client.close()
        raise
    return client


async def connect_all(port: int, tokens: Sequence[str], recorder: Recorder) -> list[BenchClient]:
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(token: str) -> BenchClient:
        async with gate:
            return await subscriber(port, token, recorder)

    count = len(tokens)
    tasks = [asyncio.create_task(one(token)) for token in tokens]
    try:
        done = await asyncio.wait_for(asyncio.gather(*tasks), CONNECT_TIMEOUT)
    except (OSError, BenchError, TimeoutError) as exc:
        for task in tasks:
            task.cancel()
        for task in tasks:
            if task.done() and not task.cancelled() and task.exception() is None:
                task.result().close()
        raise BenchError(f"connecting {count} clients: {type(exc).__name__}: {exc}") from None
    return list(done)


async def client_worker(shared: memoryview) -> None:
    """`--client-worker FILE SLOT`: some of the clients, in a process of their own.

    Reads commands from stdin, one JSON line each, and answers on stdout: first
    `{"port", "tokens"}` (connect one client per token; answers `{"ready": true}` or
    `{"error": …}`), then `{"do": "reset"}` (answers `{}`) and `{"do": "report"}` (answers
    `{"received", "closed", "last_ns", "latencies": COUNT}`, then COUNT latencies as raw int64).
    `shared`, slot SLOT of the int64 counters in FILE, is kept at [received, closed] for the
    publisher. End of stdin: close the clients and exit.
    """
    loop = asyncio.get_running_loop()
    commands = asyncio.StreamReader(limit=1 << 26)  # the first line holds every token
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(commands), sys.stdin)
    out = sys.stdout.buffer

    def answer(message: dict[str, Any], raw: bytes = b"") -> None:
        out.write(json.dumps(message).encode() + b"\n" + raw)
        out.flush()

    setup = json.loads(await commands.readline())
    recorder = Recorder(shared)
    try:
        clients = await connect_all(setup["port"], setup["tokens"], recorder)
    except BenchError as exc:
        answer({"error": str(exc)})
        return
    answer({"ready": True})
    try:
        while line := await commands.readline():
            if json.loads(line)["do"] == "reset":
                recorder.reset()
                answer({})
            else:
                answer(
                    {
                        "received": recorder.received,
                        "closed": recorder.closed,
                        "last_ns": recorder.last_ns,
                        "latencies": len(recorder.latencies),
                    },
                    recorder.latencies.tobytes(),
                )
    finally:
        for client in clients:
            client.close()


@dataclass(frozen=True)
class Report:
    """What all the clients received in one pass."""

    received: int
    closed: int
    last_ns: int
    latencies: array[int]


class ClientPool:
    """The N clients, spread over worker processes; the publisher's view of them."""

    def __init__(self, work: Path, count: int, name: str) -> None:
        self.work = work
        self.procs: list[asyncio.subprocess.Process] = []
        self.name = name
        self.counters = work / f"{name}-counters"
        self._file = self.counters.open("w+b")
        self._file.write(bytes(16 * count))
        self._file.flush()
        self._memory = mmap.mmap(self._file.fileno(), 0)
        self._counters = memoryview(self._memory).cast("q")

    @classmethod
    async def start(
        cls,
        work: Path,
        port: int,
        tokens: Sequence[str],
        procs: int,
        env: dict[str, str],
        name: str,
    ) -> ClientPool:
        """Start `procs` client processes and connect one client per token, split evenly.

        `name` tells pools apart in `work`: their counters and logs.
        """
        procs = min(procs, len(tokens))
        pool = cls(work, procs, name)
        try:
            for slot in range(procs):
                with (work / f"{name}-{slot}.log").open("ab") as log:
                    proc = await asyncio.create_subprocess_exec(
                        sys.executable,
                        str(Path(__file__).resolve()),
                        "--client-worker",
                        str(pool.counters),
                        str(slot),
                        stdin=asyncio.subprocess.PIPE,
                        stdout=asyncio.subprocess.PIPE,
                        stderr=log,
                        env=env,
                    )
                pool.procs.append(proc)
                share = list(tokens[slot::procs])
                pool._tell(proc, {"port": port, "tokens": share})
            for proc in pool.procs:
                answer = await pool._answer(proc, CONNECT_TIMEOUT)
                if "error" in answer:
                    raise BenchError(answer["error"])
        except BaseException:
            await pool.close()
            raise
        return pool

    @property
    def received(self) -> int:
        return sum(self._counters[0 : 2 * len(self.procs) : 2])

    @property
    def closed(self) -> int:
        return sum(self._counters[1 : 2 * len(self.procs) : 2])

    def cpu(self) -> float | None:
        """CPU seconds of the client processes so far (Linux /proc), None elsewhere."""
        times = [process_cpu(proc.pid) for proc in self.procs]
        return None if None in times else sum(t for t in times if t is not None)

    async def reset(self) -> None:
        for proc in self.procs:
            self._tell(proc, {"do": "reset"})
        for proc in self.procs:
            await self._answer(proc, HTTP_TIMEOUT)

    async def until(self, received: int, timeout: float) -> bool:
        """Wait until `received` frames arrived in all; False on `timeout` seconds without
        progress, or at once when a client was closed."""
        closed, last, since = self.closed, self.received, time.monotonic()
        while last < received:
            await asyncio.sleep(POLL)
            if self.closed > closed:
                return False
            if self.received != last:
                last, since = self.received, time.monotonic()
            elif time.monotonic() - since > timeout:
                return False
        return True

    async def report(self) -> Report:
        received = closed = last_ns = 0
        latencies = array("q")
        for proc in self.procs:
            self._tell(proc, {"do": "report"})
        for proc in self.procs:
            answer = await self._answer(proc, HTTP_TIMEOUT)
            assert proc.stdout is not None
            raw = await asyncio.wait_for(
                proc.stdout.readexactly(8 * answer["latencies"]), HTTP_TIMEOUT
            )
            latencies.frombytes(raw)
            received += answer["received"]
            closed += answer["closed"]
            last_ns = max(last_ns, answer["last_ns"])
        return Report(received, closed, last_ns, latencies)

    async def close(self) -> None:
        for proc in self.procs:
            if proc.stdin is not None:
                proc.stdin.close()
        for proc in self.procs:
            try:
                await asyncio.wait_for(proc.wait(), 10)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        self._counters.release()
        self._memory.close()
        self._file.close()

    @staticmethod
    def _tell(proc: asyncio.subprocess.Process, message: dict[str, Any]) -> None:
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(message).encode() + b"\n")

    async def _answer(self, proc: asyncio.subprocess.Process, timeout: float) -> dict[str, Any]:
        assert proc.stdout is not None
        try:
            line = await asyncio.wait_for(proc.stdout.readline(), timeout)
        except TimeoutError:
            raise BenchError(f"a client process did not answer within {timeout:.0f} s") from None
        if not line:
            slot = self.procs.index(proc)
            log = (self.work / f"{self.name}-{slot}.log").read_text(errors="replace").strip()
            raise BenchError(f"a client process exited: {log.splitlines()[-1] if log else '?'}")
        answer: dict[str, Any] = json.loads(line)
        return answer


# --- publishing -------------------------------------------------------------------------------


Send = Callable[[int, int], Awaitable[None]]  # (index, send time in monotonic ns)


def event_body(index: int, sent_ns: int) -> dict[str, Any]:
    return {
        "eventType": EVENT_TYPES[index % len(EVENT_TYPES)],
        "data": {"t": sent_ns, "i": index, "zone": "bench.example"},
    }


class HttpPublisher:
    """`POST /publish` over one keep-alive HTTP/1.1 connection."""

    def __init__(self, port: int, key: str) -> None:
        self.port = port
        self.key = key
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        """(Re)connect: the server ends a keep-alive connection idle for a few seconds."""
        self.close()
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def send(self, index: int, sent_ns: int) -> None:
        assert self.reader is not None and self.writer is not None
        body = json.dumps(event_body(index, sent_ns), separators=(",", ":")).encode()
        self.writer.write(
            b"POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + self.key.encode() + b"\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        )
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), HTTP_TIMEOUT)
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        answer = await asyncio.wait_for(self.reader.readexactly(length), HTTP_TIMEOUT)
        if status != 202:
            raise BenchError(f"POST /publish: HTTP {status} {answer[:200]!r}")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def run_pass(
    name: str,
    sends: Sequence[Send],
    clients: int,
    pool: ClientPool,
    *,
    events: int,
    seconds: float,
    window: int,
    rate: float | None,
    server_pid: int | None,
    round: int | None = None,
) -> PassResult:
    """Publish up to `events` (for at most `seconds`), at `rate` events/s or as fast as taken."""
    await pool.reset()
    queue: asyncio.Queue[tuple[int, int | None] | None] = asyncio.Queue(len(sends))
    published = 0
    cpu0, srv0, pool0 = time.process_time(), process_cpu(server_pid), pool.cpu()
    start = time.monotonic_ns()
    stop_at = start + int(seconds * 1e9)

    async def schedule() -> None:
        nonlocal published
        for index in range(events):
            due: int | None = None
            if rate is not None:
                due = start + int(index * 1e9 / rate)
                delay = (due - time.monotonic_ns()) / 1e9
                if delay > 0:
                    await asyncio.sleep(delay)
            if time.monotonic_ns() >= stop_at:
                break
            # the window: at most `window` events per client not yet received
            if not await pool.until((index - window) * clients, STALL_TIMEOUT):
                print(
                    f"{name}: a client was closed or no progress for {STALL_TIMEOUT:.0f} s, "
                    "stopping",
                    file=sys.stderr,
                )
                break
            await queue.put((index, due))
            published += 1

    async def work(send: Send) -> None:
        while (item := await queue.get()) is not None:
            index, due = item
            await send(index, due if due is not None else time.monotonic_ns())

    async def feed() -> None:
        await schedule()
        for _ in workers:
            await queue.put(None)

    workers = [asyncio.create_task(work(send)) for send in sends]
    feeder = asyncio.create_task(feed())
    try:
        # a publisher that fails ends the pass with its error, not with the feeder stuck
        await asyncio.wait([feeder, *workers], return_when=asyncio.FIRST_EXCEPTION)
        for task in (feeder, *workers):
            error = task.exception() if task.done() else None
            if error is not None:
                raise error
        await feeder
        await asyncio.wait_for(asyncio.gather(*workers), HTTP_TIMEOUT)
    finally:
        for task in (feeder, *workers):
            task.cancel()
    await pool.until(published * clients, DRAIN_TIMEOUT)
    server_cpu, pool_cpu = process_cpu(server_pid), pool.cpu()
    bench_cpu = time.process_time() - cpu0
    report = await pool.report()
    end = report.last_ns or time.monotonic_ns()
    p50, p99, worst = latency_stats(report.latencies)
    return PassResult(
        name=name,
        clients=clients,
        published=published,
        received=report.received,
        seconds=(end - start) / 1e9,
        p50_ms=p50,
        p99_ms=p99,
        max_ms=worst,
        server_cpu=None if server_cpu is None or srv0 is None else server_cpu - srv0,
        bench_cpu=None if pool_cpu is None or pool0 is None else bench_cpu + pool_cpu - pool0,
        target_rate=rate,
        dropped=report.closed,
        round=round,
    )


# --- the server processes ---------------------------------------------------------------------


def process_cpu(pid: int | None) -> float | None:
    """User + system CPU seconds of a process (Linux /proc), None elsewhere."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def raise_fd_limit(clients: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = 2 * clients + 256  # children inherit it: the server holds one per client too
    if soft >= need:
        return
    if hard != resource.RLIM_INFINITY and hard < need:
        raise BenchError(
            f"{clients} clients need {need} file descriptors; the hard limit is {hard}"
        )
    resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))


class Child:
    """A server subprocess, its stderr kept in a file for the error message."""

    def __init__(self, argv: list[str], work: Path, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.log = work / f"{name}.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                argv, stdout=log, stderr=subprocess.STDOUT, cwd=work, env=env
            )

    def check(self) -> None:
        if self.proc.poll() is not None:
            raise BenchError(f"{self.name} exited ({self.proc.returncode}): {self.tail()}")

    def tail(self) -> str:
        lines = [ln for ln in self.log.read_text(errors="replace").splitlines() if ln.strip()]
        return lines[-1].strip() if lines else "no output"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


async def wait_ready(child: Child, port: int, path: str | None) -> None:
    """Until the port accepts (and `path` answers 200, when given), within START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        child.check()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 2)
            try:
                if path is None:
                    return
                writer.write(
                    f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
                )
                answer = await asyncio.wait_for(reader.read(), 2)
                if answer.startswith(b"HTTP/1.1 200"):
                    return
            finally:
                writer.close()
        except (OSError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise BenchError(
                f"{child.name} did not answer within {START_TIMEOUT:.0f} s: {child.tail()}"
            )
        await asyncio.sleep(0.1)


async def http_get(port: int, path: str, key: str | None = None) -> str:
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5)
    auth = f"Authorization: Bearer {key}\r\n" if key else ""
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Connection: close\r\n\r\n"
            .encode()
        )
        answer = await asyncio.wait_for(reader.read(), 5)
    finally:
        writer.close()
    return answer.partition(b"\r\n\r\n")[2].decode(errors="replace")


class InspectorPoller:
    """An open inspector: asks what the page asks (connections, stats, new events), twice a
    second, while a pass runs; checks that the server says it records."""

    def __init__(self, port: int, key: str) -> None:
        self.port, self.key = port, key
        self.after = 0
        self.polls = 0
        self.recorded = 0  # events the server named the recipients of
        self.last = 0.0  # monotonic time of the last request
        self._stopped = False
        self.version = ""
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        await self.poll()  # recording is on before the pass starts
        self._task = asyncio.create_task(self._loop())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._stopped = True  # the loop ends even if a cancellation gets lost in a wait_for
        if self._task is not None:
            self._task.cancel()
            await asyncio.wait([self._task], timeout=HTTP_TIMEOUT)
            if self._task.done() and not self._task.cancelled() and self._task.exception():
                raise BenchError(f"the inspector's poller failed: {self._task.exception()!r}")
        if self.recorded == 0:
            raise BenchError("the inspector recorded no event: the open pass measured nothing")

    async def _loop(self) -> None:
        while not self._stopped:
            await asyncio.sleep(INSPECTOR_POLL)
            if not self._stopped:
                await self.poll()

    async def poll(self) -> None:
        unless = "" if self.polls % 4 == 0 else f"&unless={self.version}"  # as the page
        answer = await http_get(self.port, f"/inspector/api/connections?limit=100&closes=20{unless}",
                                self.key)
        try:
            self.version = str(json.loads(answer)["version"])
        except (ValueError, KeyError, TypeError):
            raise BenchError(f"/inspector/api/connections: {answer[:200]!r}") from None
        await http_get(self.port, "/inspector/api/stats", self.key)
        raw = await http_get(self.port, f"/inspector/api/events?after={self.after}&limit=200",
                             self.key)
        self.last = time.monotonic()
        try:
            events = json.loads(raw)
            self.after = int(events["next"])
        except (ValueError, KeyError, TypeError):
            raise BenchError(f"/inspector/api/events: {raw[:200]!r}") from None
        if events.get("recording") is not True:
            raise BenchError("the inspector is open but the server does not record")
        self.recorded += sum(1 for e in events["events"] if e.get("recorded"))
        self.polls += 1


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


# --- the bare broadcast server (`--bare-server PORT`, in its own process) ---------------------


async def bare_server(port: int) -> None:
    """`websockets.serve` + `websockets.broadcast`: the ceiling of this stack.

    `/ws`: answers `auth` and `subscribe` like the unified server, then only receives events.
    `/pub`: each text frame `{"eventType", "data"}` becomes an `event` frame, with a `seq` per
    type and a timestamp, serialised once and broadcast to every `/ws` client.
    """
    from datetime import UTC, datetime

    from websockets.asyncio.server import broadcast, serve

    clients: set[Any] = set()
    seqs: dict[str, int] = {}

    async def handler(ws: Any) -> None:
        if ws.request.path == "/pub":
            async for message in ws:
                body = json.loads(message)
                event_type = body["eventType"]
                seq = seqs[event_type] = seqs.get(event_type, 0) + 1
                ts = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
                broadcast(
                    clients,
                    json.dumps(
                        {
                            "type": "event",
                            "eventType": event_type,
                            "data": body["data"],
                            "seq": seq,
                            "ts": ts,
                        },
                        separators=(",", ":"),
                        ensure_ascii=False,
                    ),
                )
            return
        auth = json.loads(await ws.recv())
        await ws.send(
            json.dumps(
                {
                    "type": "auth_ok",
                    "user": "bench",
                    "role": "viewer",
                    "allowedEventTypes": list(EVENT_TYPES),
                }
            )
        )
        sub = json.loads(await ws.recv())
        del auth
        await ws.send(
            json.dumps(
                {
                    "type": "subscribed",
                    "id": sub.get("id"),
                    "eventTypes": sub.get("eventTypes", []),
                    "denied": [],
                }
            )
        )
        clients.add(ws)
        try:
            await ws.wait_closed()
        finally:
            clients.discard(ws)

    async with serve(
        handler,
        "127.0.0.1",
        port,
        compression=None,
        max_queue=None,
        ping_interval=20,
        ping_timeout=20,
        backlog=4096,
    ) as server:
        await server.serve_forever()


# --- main -------------------------------------------------------------------------------------


def run_loop(coro: Awaitable[Any]) -> Any:
    try:
        import uvloop
    except ImportError:  # the plain loop works, only slower
        return asyncio.run(coro)  # type: ignore[arg-type]
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coro)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1000, help="WebSocket clients (1000)")
    parser.add_argument("--events", type=int, default=2000, help="events per pass at most (2000)")
    parser.add_argument(
        "--seconds", type=float, default=8.0, help="publishing time per pass at most (8)"
    )
    parser.add_argument(
        "--window",
        type=int,
        default=100,
        help="events in flight per client at most (100; the send queue is 1024)",
    )
    parser.add_argument(
        "--publishers", type=int, default=4, help="keep-alive HTTP connections to POST /publish (4)"
    )
    parser.add_argument(
        "--client-procs",
        type=int,
        default=2,
        help="processes the clients are spread over (2); the same for both servers",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="full-speed passes of each server, interleaved; the goal takes the median (3)",
    )
    parser.add_argument(
        "--inspector",
        action="store_true",
        help="a third pass per round with /inspector open; its ratio to the serve pass is a goal",
    )
    parser.add_argument("--bare-server", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument(
        "--client-worker", nargs=2, metavar=("FILE", "SLOT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.bare_server is not None:
        run_loop(bare_server(args.bare_server))
        return 0
    if args.client_worker is not None:
        path, slot = args.client_worker[0], int(args.client_worker[1])
        with open(path, "r+b") as file, mmap.mmap(file.fileno(), 0) as memory:
            counters = memoryview(memory).cast("q")
            shared = counters[2 * slot : 2 * slot + 2]
            try:
                run_loop(client_worker(shared))
            finally:
                shared.release()
                counters.release()
        return 0
    counts = (args.clients, args.events, args.window, args.publishers, args.client_procs,
              args.rounds)
    if min(counts) < 1 or args.seconds <= 0:
        parser.error(
            "--clients, --events, --window, --publishers, --client-procs, --rounds and --seconds "
            "must be positive"
        )
    if args.window >= 1024:
        parser.error("--window must stay below the server's send queue of 1024 frames")
    try:
        import websockets  # noqa: F401

        from ws_migrate.server import make_jwt  # noqa: F401
    except ImportError as exc:
        print(f"server_bench: {exc}; run it with the project's environment", file=sys.stderr)
        return 2
    try:
        raise_fd_limit(2 * args.clients)  # both servers' clients are connected at once
        with tempfile.TemporaryDirectory(prefix="ws-migrate-server-bench-") as tmp:
            return int(run_loop(_run(args, Path(tmp))))
    except BenchError as exc:
        print(f"server_bench: {exc}", file=sys.stderr)
        return 2


async def _run(args: argparse.Namespace, work: Path) -> int:
    from ws_migrate.server import make_jwt

    env = child_env()
    n = args.clients
    async with contextlib.AsyncExitStack() as stack:
        # both servers up, with their clients, for the whole run: the rounds interleave
        bare_port, serve_port = free_port(), free_port()
        bare = Child(
            [sys.executable, str(Path(__file__).resolve()), "--bare-server", str(bare_port)],
            work,
            "bare websockets",
            env,
        )
        stack.callback(bare.stop)
        secret, key = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        serve = Child(
            [
                sys.executable,
                "-m",
                "ws_migrate",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(serve_port),
                "--jwt-secret",
                secret,
                "--api-key",
                key,
                # every client comes from 127.0.0.1, as many as the run asks for
                "--max-connections-per-address",
                "0",
            ],
            work,
            "ws-migrate serve",
            env,
        )
        stack.callback(serve.stop)
        await wait_ready(bare, bare_port, None)
        await wait_ready(serve, serve_port, "/healthz")

        print(f"bare: connecting {n} clients ...", file=sys.stderr)
        bare_pool = await ClientPool.start(
            work, bare_port, ["bare"] * n, args.client_procs, env, "bare-clients"
        )
        stack.push_async_callback(bare_pool.close)
        publisher = await connect_client(bare_port, "/pub", Recorder())
        stack.callback(publisher.close)

        async def ws_send(index: int, sent_ns: int) -> None:
            publisher.send(event_body(index, sent_ns))
            if publisher.closed:
                raise BenchError("the bare server closed the publisher")

        print(f"serve: connecting {n} clients ...", file=sys.stderr)
        expires = time.time() + 3600
        tokens = [make_jwt(secret, f"bench-{i}", "viewer", expires) for i in range(n)]
        serve_pool = await ClientPool.start(
            work, serve_port, tokens, args.client_procs, env, "serve-clients"
        )
        stack.push_async_callback(serve_pool.close)
        publishers = [HttpPublisher(port=serve_port, key=key) for _ in range(args.publishers)]
        for http in publishers:
            stack.callback(http.close)
        http_sends = [http.send for http in publishers]

        async def reconnect() -> None:  # idle during the bare pass: uvicorn closed them
            for http in publishers:
                await http.open()

        bare_passes: list[PassResult] = []
        serve_passes: list[PassResult] = []
        inspected: list[PassResult] = []
        closed_at = 0.0  # when the last inspector was closed

        async def inspector_gone() -> None:  # the server records until it is idle long enough
            if closed_at:
                await asyncio.sleep(max(0.0, closed_at + INSPECTOR_IDLE - time.monotonic()))

        full_speed = {"events": args.events, "seconds": args.seconds, "window": args.window,
                      "rate": None}
        for number in range(1, args.rounds + 1):
            print(f"round {number}/{args.rounds}: bare, then serve"
                  f"{', then serve with an inspector open' if args.inspector else ''}, "
                  "at full speed ...", file=sys.stderr)
            bare_passes.append(
                await run_pass("bare websockets broadcast", [ws_send], n, bare_pool,
                               server_pid=bare.proc.pid, round=number, **full_speed)
            )
            if bare_passes[-1].received == 0:
                raise BenchError("the bare server delivered nothing")
            await inspector_gone()
            await reconnect()
            serve_passes.append(
                await run_pass("ws-migrate serve", http_sends, n, serve_pool,
                               server_pid=serve.proc.pid, round=number, **full_speed)
            )
            if args.inspector:
                async with InspectorPoller(serve_port, key) as poller:
                    inspected.append(
                        await run_pass("serve + inspector", http_sends, n, serve_pool,
                                       server_pid=serve.proc.pid, round=number, **full_speed)
                    )
                closed_at = poller.last
        half_rate = median([p.rate for p in bare_passes]) / n / 2  # events per second
        print(f"serve: publishing at {half_rate:,.0f} events/s ...", file=sys.stderr)
        await inspector_gone()
        await reconnect()
        half = await run_pass(
            "ws-migrate serve",
            http_sends,
            n,
            serve_pool,
            events=min(args.events, max(1, int(half_rate * args.seconds))),
            seconds=args.seconds,
            window=args.window,
            rate=half_rate,
            server_pid=serve.proc.pid,
        )
        metrics = await http_get(serve_port, "/metrics")
        dropped = int(metric(metrics, "ws_migrate_clients_dropped_total"))

    goals = evaluate(bare_passes, serve_passes, half, inspected)
    print(
        f"{n:,} clients, each subscribed to {len(EVENT_TYPES)} event types "
        f"({', '.join(EVENT_TYPES)}); every event goes to every client; window {args.window} "
        f"events; clients in {min(args.client_procs, n)} processes; {args.rounds} rounds; "
        "CPU % of one core"
    )
    if dropped:
        print(f"the server dropped {dropped} clients (/metrics ws_migrate_clients_dropped_total)")
    print(render(bare_passes, serve_passes, half, goals, inspected))
    return exit_code(goals)


if __name__ == "__main__":
    sys.exit(main())
