import logging

from botdesk.api.channel import hub
from botdesk.enums import FeedType

log = logging.getLogger(__name__)


class Stream:
    """Messages for consumers that poll: a future per message, not a socket."""

    def __init__(self, loop):
        self._loop = loop
        self._waiter = loop.create_future()

    def publish(self, message):
        waiter, self._waiter = self._waiter, self._loop.create_future()
        waiter.set_result(message)


class Bot:
    def __init__(self, stream: Stream):
        self.stream = stream

    async def started(self):
        msg = {"type": FeedType.STATUS.value, "status": "running"}
        await hub.broadcast(msg)

    async def filled(self, order):
        await self.notify(FeedType.FILL, {"pair": order.pair, "amount": order.amount})

    async def notify(self, kind, data):
        message = {"type": kind, "data": data}
        await hub.broadcast(message)

    def polled(self, order):
        # the stream is a future handed to whoever polls: nothing proves a socket gets it
        self.stream.publish({"type": FeedType.FILL, "data": order.pair})
