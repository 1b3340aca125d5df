import json
from typing import ClassVar

import tornado.web
import tornado.websocket


class SessionMixin(tornado.web.RequestHandler):
    def get_current_user(self):
        return self.get_secure_cookie("user")


class IndexPage(SessionMixin):
    def get(self):
        self.write({"type": "page", "title": "flowdeck"})


class EventSocket(tornado.websocket.WebSocketHandler, SessionMixin):
    """Keeps its open sockets and writes a message to each of them."""

    clients: ClassVar[set["EventSocket"]]

    def open(self):
        self.clients.add(self)

    def on_close(self):
        self.clients.discard(self)

    @staticmethod
    def _encode(fields: dict) -> str:
        return json.dumps(fields, default=str)

    @classmethod
    def broadcast(cls, **fields):
        text = cls._encode(fields)
        for client in cls.clients:
            client.write_message(text)


class LiveUpdates(EventSocket):
    clients: ClassVar[set["LiveUpdates"]] = set()

    @classmethod
    def broadcast_item(cls, kind: str, item: dict) -> None:
        for client in cls.clients:
            client._send_item(kind, item)

    def _send_item(self, kind: str, item: dict) -> None:
        self.write_message({"type": kind, "item": item})

    async def on_message(self, raw):
        request = json.loads(raw)
        if request.get("type") == "ping":
            await self.write_message({"type": "pong"})
