import json
import logging

from channels.generic.websocket import AsyncWebsocketConsumer, JsonWebsocketConsumer

logger = logging.getLogger(__name__)


class BoardConsumer(JsonWebsocketConsumer):
    def connect(self):
        self.accept()
        logger.info("joined", {"user": str(self.scope["user"])})

    def board_changed(self, event):
        self.send_json({"type": "board_changed", "board": event["pk"]})

    def receive_json(self, content):
        if content.get("action") == "ping":
            self.send_json({"type": "pong"})


class PresenceConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.send(text_data=json.dumps({"type": "presence_joined", "team": "x"}))
