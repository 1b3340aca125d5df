"""Where events go between publishers and the connections of every server process.

`Broker` is the one interface: `publish` numbers an event (a `seq` per event type) and keeps it in
a bounded history, every listener of every process gets it (`listen`), and `history` answers a
reconnecting client's `since`. `MemoryBroker` serves one process; `RedisBroker` lets several
processes share events, sequence numbers and history through Redis.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from ._protocol import Event

log = logging.getLogger("ws_migrate.server")

Listener = Callable[[Event], None]


class BrokerUnavailable(Exception):
    """The broker cannot take events right now (Redis is down); local connections stay up."""


class Broker(Protocol):
    """Publish, fan out and remember events."""

    async def start(self) -> None:
        """Connect; idempotent."""

    async def close(self) -> None:
        """Disconnect and stop delivering."""

    async def publish(self, event_type: str, data: Any) -> Event:
        """Number and store the event, deliver it to every listener of every process."""

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every event published anywhere; returns the way to stop."""

    async def history(self, event_type: str, after: int) -> Sequence[Event] | None:
        """The events of `event_type` with `seq > after`, or None when some were lost."""

    @property
    def healthy(self) -> bool:
        """False while the broker is disconnected."""


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _recoverable(events: Sequence[Event], after: int, current: int) -> Sequence[Event] | None:
    """The events after `after` if history still covers them all, else None."""
    if after >= current:
        # nothing new, unless the sequence went backwards (a broker restarted without history)
        return [] if after == current else None
    missed = [e for e in events if e.seq > after]
    if not missed or missed[0].seq != after + 1:
        return None
    return missed


class MemoryBroker:
    """One process, bounded history per event type; listeners are called synchronously."""

    def __init__(self, history: int = 1000) -> None:
        self._size = history
        self._seq: dict[str, int] = {}
        self._history: dict[str, deque[Event]] = {}
        self._listeners: list[Listener] = []

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        self._listeners.clear()

    @property
    def healthy(self) -> bool:
        return True

    async def publish(self, event_type: str, data: Any) -> Event:
        seq = self._seq.get(event_type, 0) + 1
        self._seq[event_type] = seq
        event = Event(event_type, data, seq, _now_iso())
        self._history.setdefault(event_type, deque(maxlen=self._size)).append(event)
        _fan_out(self._listeners, event)
        return event

    def listen(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def history(self, event_type: str, after: int) -> Sequence[Event] | None:
        return _recoverable(list(self._history.get(event_type, ())), after,
                            self._seq.get(event_type, 0))


def _fan_out(listeners: Sequence[Listener], event: Event) -> None:
    for listener in list(listeners):
        try:
            listener(event)
        except Exception:  # one broken listener must not starve the others
            log.exception("event listener failed")


# Numbers, stores and publishes in one step, so two processes publishing the same event type
# can never interleave: history and the live feed have the same order as `seq`.
_PUBLISH = """
local seq = redis.call('INCR', KEYS[1])
local event = '{"eventType":' .. cjson.encode(ARGV[1]) .. ',"data":' .. ARGV[2] ..
  ',"seq":' .. seq .. ',"ts":' .. cjson.encode(ARGV[3]) .. '}'
redis.call('RPUSH', KEYS[2], event)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('PUBLISH', KEYS[3], event)
return seq
"""


class RedisBroker:
    """Events shared by every process through Redis.

    One pub/sub connection per process (not per client) carries every event to `listen`ers;
    the sequence counter and history of each event type are Redis keys, so `since` recovery works
    on any node. When Redis goes away, local connections stay up, `publish` raises
    `BrokerUnavailable`, and the subscriber reconnects with backoff; on its return the events
    other nodes published meanwhile are fetched from history and delivered.
    """

    def __init__(self, url: str, *, history: int = 1000, prefix: str = "ws-migrate") -> None:
        self._url = url
        self._size = history
        self._prefix = prefix
        self._channel = f"{prefix}:events"
        self._listeners: list[Listener] = []
        self._client: Any = None
        self._task: asyncio.Task[None] | None = None
        self._script: Any = None
        self._connected = False
        self._seen: dict[str, int] = {}  # last seq delivered per type: gap repair on reconnect
        self._lock = asyncio.Lock()

    @property
    def healthy(self) -> bool:
        return self._connected

    async def start(self) -> None:
        async with self._lock:
            if self._client is not None:
                return
            import redis.asyncio as aioredis

            self._client = aioredis.from_url(
                self._url, decode_responses=True, socket_connect_timeout=2, socket_timeout=5,
                health_check_interval=10,
            )
            self._script = self._client.register_script(_PUBLISH)
            ready = asyncio.get_running_loop().create_future()
            self._task = asyncio.create_task(self._subscriber(ready), name="ws-migrate redis")
            try:
                # the first connection attempt decides whether the server starts healthy
                await asyncio.wait_for(asyncio.shield(ready), 3)
            except (TimeoutError, OSError):
                log.warning("Redis at %s is not reachable yet: retrying in the background",
                            _safe_url(self._url))

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001, S110 - stopping anyway
                pass
            self._task = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        self._listeners.clear()
        self._connected = False

    def listen(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def publish(self, event_type: str, data: Any) -> Event:
        from redis.exceptions import RedisError

        if self._client is None:
            await self.start()
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        ts = _now_iso()
        try:
            seq = await self._script(
                keys=[self._seq_key(event_type), self._history_key(event_type), self._channel],
                args=[event_type, payload, ts, self._size],
            )
        except (RedisError, OSError) as err:
            raise BrokerUnavailable(f"Redis: {type(err).__name__}") from None
        # listeners hear it through pub/sub like every other node's events
        return Event(event_type, data, int(seq), ts)

    async def history(self, event_type: str, after: int) -> Sequence[Event] | None:
        from redis.exceptions import RedisError

        if self._client is None:
            await self.start()
        try:
            pipe = self._client.pipeline(transaction=True)
            pipe.get(self._seq_key(event_type))
            pipe.lrange(self._history_key(event_type), 0, -1)
            current, raw = await pipe.execute()
        except (RedisError, OSError):
            return None  # cannot prove nothing was lost
        events = [_parse(item) for item in raw]
        return _recoverable([e for e in events if e is not None], after, int(current or 0))

    # --- the one subscriber connection ---------------------------------------------------------

    async def _subscriber(self, ready: asyncio.Future[None]) -> None:
        from redis.exceptions import RedisError

        delay = 0.1
        while True:
            pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self._channel)
                if self._seen:
                    await self._repair()
                self._connected = True
                delay = 0.1
                if not ready.done():
                    ready.set_result(None)
                log.info("Redis pub/sub connected")
                async for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    event = _parse(message["data"])
                    if event is not None:
                        self._deliver(event)
            except asyncio.CancelledError:
                await _quietly_close(pubsub)
                raise
            except (RedisError, OSError) as err:
                if self._connected:
                    log.warning("Redis connection lost (%s): serving local clients, reconnecting",
                                type(err).__name__)
                self._connected = False
            await _quietly_close(pubsub)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def _repair(self) -> None:
        """After a reconnect: deliver what other nodes published while this one was cut off."""
        for event_type, seen in list(self._seen.items()):
            current = int(await self._client.get(self._seq_key(event_type)) or 0)
            if current < seen:
                self._seen[event_type] = 0  # Redis lost its data: the sequence starts again
                continue
            missed = await self.history(event_type, seen)
            for event in missed or ():
                self._deliver(event)

    def _deliver(self, event: Event) -> None:
        if event.seq <= self._seen.get(event.event_type, 0):
            return
        self._seen[event.event_type] = event.seq
        _fan_out(self._listeners, event)

    def _seq_key(self, event_type: str) -> str:
        return f"{self._prefix}:seq:{event_type}"

    def _history_key(self, event_type: str) -> str:
        return f"{self._prefix}:history:{event_type}"


def _parse(raw: str) -> Event | None:
    try:
        doc = json.loads(raw)
        return Event(str(doc["eventType"]), doc["data"], int(doc["seq"]), str(doc["ts"]))
    except (ValueError, KeyError, TypeError):
        log.warning("ignoring a malformed event from Redis")
        return None


async def _quietly_close(pubsub: Any) -> None:
    try:
        await pubsub.aclose()
    except Exception:  # noqa: BLE001, S110 - the connection is already gone
        pass


def _safe_url(url: str) -> str:
    """The Redis URL without a password, for logs."""
    if "@" not in url:
        return url
    scheme, _, rest = url.partition("://")
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
