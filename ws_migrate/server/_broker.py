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
import secrets
import time
from collections import deque
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from ._protocol import Event

log = logging.getLogger("ws_migrate.server")

Listener = Callable[[Event], None]
LostListener = Callable[[Sequence[str]], None]
"""Called with the event types of which this process missed events it cannot deliver any more
(a broker outage longer than the history, a broker that restarted empty): the clients of those
types are told `recovered: false` and reload; the types' `seq` may start again, lower."""


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

    def listen(self, listener: Listener, lost: LostListener | None = None) -> Callable[[], None]:
        """Call `listener` with every event published anywhere, and `lost` with the types of
        which events were lost on the way; returns the way to stop."""

    async def history(self, event_type: str, after: int) -> Sequence[Event] | None:
        """The events of `event_type` with `seq > after`, or None when some were lost."""

    @property
    def healthy(self) -> bool:
        """False while the broker is disconnected."""

    @property
    def resubscriptions(self) -> int:
        """How many times this process subscribed again after losing the broker."""


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

    @property
    def resubscriptions(self) -> int:
        return 0

    async def publish(self, event_type: str, data: Any) -> Event:
        seq = self._seq.get(event_type, 0) + 1
        self._seq[event_type] = seq
        event = Event(event_type, data, seq, _now_iso())
        self._history.setdefault(event_type, deque(maxlen=self._size)).append(event)
        _fan_out(self._listeners, event)
        return event

    def listen(self, listener: Listener, lost: LostListener | None = None) -> Callable[[], None]:
        self._listeners.append(listener)  # nothing is ever lost in one process
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
# can never interleave: history and the live feed have the same order as `seq`. Every event
# carries the data set's epoch, a random name given when the first key is written: a Redis
# that comes back without its data has another, so the nodes know its sequences started again.
_PUBLISH = """
local epoch = redis.call('GET', KEYS[4])
if not epoch then
  epoch = ARGV[5]
  redis.call('SET', KEYS[4], epoch)
end
local seq = redis.call('INCR', KEYS[1])
local event = '{"eventType":' .. cjson.encode(ARGV[1]) .. ',"data":' .. ARGV[2] ..
  ',"seq":' .. seq .. ',"ts":' .. cjson.encode(ARGV[3]) .. ',"epoch":' .. cjson.encode(epoch) .. '}'
redis.call('RPUSH', KEYS[2], event)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('PUBLISH', KEYS[3], event)
return seq
"""

_STALE = 3.0  # seconds an event this process published may take to come back through pub/sub
_POLL = 0.5  # how often the subscriber looks up from its connection to check that


class _Stale(Exception):
    """The pub/sub connection looks open but did not bring back what this process published."""


class RedisBroker:
    """Events shared by every process through Redis.

    One pub/sub connection per process (not per client) carries every event to `listen`ers;
    the sequence counter and history of each event type are Redis keys, so `since` recovery works
    on any node. When Redis goes away, local connections stay up, `publish` raises
    `BrokerUnavailable`, and the subscriber reconnects with backoff. Each (re)subscription is
    confirmed by Redis before it counts; then the events other nodes published meanwhile are
    fetched from history and delivered, and the types whose missed events history no longer
    holds, or all of them when Redis came back empty (another epoch), go to the `lost` listeners.
    A subscription that stops bringing back this process's own events is started again.
    """

    def __init__(self, url: str, *, history: int = 1000, prefix: str = "ws-migrate") -> None:
        self._url = url
        self._size = history
        self._prefix = prefix
        self._channel = f"{prefix}:events"
        self._epoch_key = f"{prefix}:epoch"
        self._listeners: list[Listener] = []
        self._lost: list[LostListener] = []
        self._client: Any = None
        self._pubsub_client: Any = None
        self._task: asyncio.Task[None] | None = None
        self._script: Any = None
        self._connected = False
        self._epoch: str | None = None  # of the data set the seqs below belong to
        self._seen: dict[str, int] = {}  # last seq delivered per type: gap repair on reconnect
        self._published: dict[str, tuple[int, float]] = {}  # this process's last, and when
        self._resubscriptions = 0
        self._lock = asyncio.Lock()

    @property
    def healthy(self) -> bool:
        return self._connected

    @property
    def resubscriptions(self) -> int:
        return self._resubscriptions

    async def start(self) -> None:
        async with self._lock:
            if self._client is not None:
                return
            import redis.asyncio as aioredis
            from redis.asyncio.retry import Retry
            from redis.backoff import NoBackoff

            settings: dict[str, Any] = {"decode_responses": True, "socket_connect_timeout": 2,
                                        "socket_timeout": 5, "health_check_interval": 10}
            self._client = aioredis.from_url(self._url, **settings)
            # pub/sub on a client of its own that never reconnects by itself: redis-py would
            # subscribe again unseen, and what was published meanwhile would be lost unrepaired
            self._pubsub_client = aioredis.from_url(self._url, retry=Retry(NoBackoff(), 0),
                                                    **settings)
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
            await self._pubsub_client.aclose()
            self._client = self._pubsub_client = None
        self._listeners.clear()
        self._lost.clear()
        self._connected = False

    def listen(self, listener: Listener, lost: LostListener | None = None) -> Callable[[], None]:
        self._listeners.append(listener)
        if lost is not None:
            self._lost.append(lost)

        def stop() -> None:
            self._listeners.remove(listener)
            if lost is not None:
                self._lost.remove(lost)

        return stop

    async def publish(self, event_type: str, data: Any) -> Event:
        from redis.exceptions import RedisError

        if self._client is None:
            await self.start()
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        ts = _now_iso()
        try:
            seq = await self._script(
                keys=[self._seq_key(event_type), self._history_key(event_type), self._channel,
                      self._epoch_key],
                args=[event_type, payload, ts, self._size, secrets.token_hex(8)],
            )
        except (RedisError, OSError) as err:
            raise BrokerUnavailable(f"Redis: {type(err).__name__}") from None
        # listeners hear it through pub/sub like every other node's events; the oldest one not
        # heard yet is watched (`_check_fresh`)
        watched = self._published.get(event_type)
        if watched is None or watched[0] <= self._seen.get(event_type, 0):
            self._published[event_type] = (int(seq), time.monotonic())
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
        events = [parsed[0] for parsed in map(_parse, raw) if parsed is not None]
        return _recoverable(events, after, int(current or 0))

    # --- the one subscriber connection ---------------------------------------------------------

    async def _subscriber(self, ready: asyncio.Future[None]) -> None:
        from redis.exceptions import RedisError

        delay = 0.1
        lost_at: float | None = None
        while True:
            pubsub = self._pubsub_client.pubsub()
            try:
                if self._epoch is None:
                    await self._baseline()
                await self._subscribe(pubsub)
                repaired = await self._repair()
                self._connected = True
                delay = 0.1
                if not ready.done():
                    ready.set_result(None)
                    log.info("Redis pub/sub connected")
                else:
                    self._resubscriptions += 1
                    down = f" after {time.monotonic() - lost_at:.1f} s" if lost_at else ""
                    log.warning("Redis pub/sub resubscribed%s: %d missed events delivered from "
                                "history%s", down, repaired[0],
                                f"; lost, clients told recovered:false: {', '.join(repaired[1])}"
                                if repaired[1] else "")
                lost_at = None
                await self._listen(pubsub)
            except asyncio.CancelledError:
                await _quietly_close(pubsub)
                raise
            except (RedisError, OSError, _Stale) as err:
                if self._connected:
                    log.warning("Redis connection lost (%s): serving local clients, reconnecting",
                                f"{type(err).__name__}: {err}" if isinstance(err, _Stale)
                                else type(err).__name__)
                    lost_at = time.monotonic()
                elif lost_at is None:
                    lost_at = time.monotonic()
                self._connected = False
            await _quietly_close(pubsub)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)

    async def _subscribe(self, pubsub: Any) -> None:
        """Subscribe and wait for Redis to confirm it: until then nothing is known to arrive."""
        from redis.exceptions import ConnectionError as RedisConnectionError

        await pubsub.subscribe(self._channel)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            message = await pubsub.get_message(timeout=1.0)
            if message is not None and message.get("type") == "subscribe":
                return
        raise RedisConnectionError("Redis did not confirm the subscription")

    async def _listen(self, pubsub: Any) -> None:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=_POLL)
            if message is None:
                self._check_fresh()  # caught up: what this process published should be here
                continue
            if message.get("type") != "message":
                continue
            parsed = _parse(message["data"])
            if parsed is None:
                continue
            event, epoch = parsed
            if epoch is not None and epoch != self._epoch:
                # the data set changed under a live subscription (emptied): start over with it
                raise _Stale(f"Redis's data set changed (epoch {epoch})")
            self._deliver(event)

    def _check_fresh(self) -> None:
        """Raise `_Stale` when an event this process published did not come back in time."""
        now = time.monotonic()
        for event_type, (seq, at) in self._published.items():
            if self._seen.get(event_type, 0) < seq and now - at > _STALE:
                raise _Stale(f"{event_type} seq {seq}, published here, did not come back")

    async def _repair(self) -> tuple[int, list[str]]:
        """After (re)subscribing: deliver what other nodes published while this one was cut off;
        the types whose missed events are gone go to the `lost` listeners first. Returns how
        many were delivered and the types lost."""
        epoch = await self._current_epoch()
        self._published.clear()
        types = await self._event_types()
        lost: list[str] = []
        if epoch != self._epoch:  # Redis came back without its data: every sequence restarted
            lost = sorted(t for t, seq in self._seen.items() if seq > 0)
            self._epoch = epoch
            self._seen = dict.fromkeys(self._seen, 0)
        missed: list[Event] = []
        for event_type in sorted(set(types) | set(self._seen)):
            events = await self.history(event_type, self._seen.get(event_type, 0))
            if events is None:  # more were missed than history keeps
                if event_type not in lost:
                    lost.append(event_type)
                current = await self._client.get(self._seq_key(event_type))
                self._seen[event_type] = int(current or 0)
            else:
                missed.extend(events)
        if lost:
            self._tell_lost(lost)
        for event in missed:
            self._deliver(event)
        return len(missed), lost

    async def _baseline(self) -> None:
        """Before the first subscription: where each sequence stands. What is published between
        this and the subscription is then delivered from history, like any missed event."""
        self._epoch = await self._current_epoch()
        for event_type in await self._event_types():
            current = await self._client.get(self._seq_key(event_type))
            self._seen.setdefault(event_type, int(current or 0))

    async def _event_types(self) -> list[str]:
        """The event types Redis has a sequence of."""
        marker = f"{self._prefix}:seq:"
        return [key[len(marker):] async for key in self._client.scan_iter(match=marker + "*")]

    async def _current_epoch(self) -> str:
        """The data set's epoch, named now if Redis has none yet (it came back empty)."""
        await self._client.set(self._epoch_key, secrets.token_hex(8), nx=True)
        return str(await self._client.get(self._epoch_key))

    def _tell_lost(self, event_types: Sequence[str]) -> None:
        for lost in list(self._lost):
            try:
                lost(event_types)
            except Exception:  # one broken listener must not starve the others
                log.exception("lost-events listener failed")

    def _deliver(self, event: Event) -> None:
        if event.seq <= self._seen.get(event.event_type, 0):
            return
        self._seen[event.event_type] = event.seq
        _fan_out(self._listeners, event)

    def _seq_key(self, event_type: str) -> str:
        return f"{self._prefix}:seq:{event_type}"

    def _history_key(self, event_type: str) -> str:
        return f"{self._prefix}:history:{event_type}"


def _parse(raw: str) -> tuple[Event, str | None] | None:
    """An event as the script wrote it, and its epoch; None for one no client could parse
    (written past `checked_data`, by another writer), which then counts as never published."""
    try:
        doc = json.loads(raw)
        event = Event(str(doc["eventType"]), doc["data"], int(doc["seq"]), str(doc["ts"]))
        event.wire.encode()  # serialised once here, and kept for every client
        epoch = doc.get("epoch")
        return event, epoch if isinstance(epoch, str) else None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        log.warning("ignoring an event from Redis that is malformed or no client could parse")
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
