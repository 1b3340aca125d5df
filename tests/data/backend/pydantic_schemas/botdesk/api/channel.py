import asyncio
import logging
from contextlib import asynccontextmanager
from uuid import uuid4

log = logging.getLogger(__name__)


class FeedChannel:
    """One client's connection, kept by the hub."""

    def __init__(self, websocket, send_throttle: float = 0.01):
        self.channel_id = uuid4().hex[:8]
        self._ws = websocket
        self._throttle = send_throttle
        self._topics: list[str] = []

    async def send(self, message, use_timeout: bool = False):
        await asyncio.wait_for(self._ws.send_json(message), timeout=3 if use_timeout else None)
        await asyncio.sleep(self._throttle)

    async def recv(self):
        return await self._ws.receive_json()

    def wants(self, kind) -> bool:
        return kind in self._topics


class FeedHub:
    def __init__(self):
        self.channels: list[FeedChannel] = []

    async def broadcast(self, message):
        for channel in list(self.channels):
            if channel.wants(message.get("type")):
                await channel.send(message, use_timeout=True)


hub = FeedHub()


@asynccontextmanager
async def open_channel(websocket):
    channel = FeedChannel(websocket)
    hub.channels.append(channel)
    try:
        yield channel
    finally:
        hub.channels.remove(channel)
        log.info("channel %s closed", channel.channel_id)
