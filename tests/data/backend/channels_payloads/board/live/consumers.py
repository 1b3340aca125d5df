import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer


class BoardConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.group = f"board-{self.scope['url_route']['kwargs']['board_id']}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def relay(self, event):
        await self.send_json(event["payload"])

    async def card_moved(self, event):
        message = event["message"]
        if event.get("skip") != self.channel_name:
            await self.send_json(message)

    async def notice(self, event):
        await self.send_json(event["data"])

    async def receive_json(self, content, **kwargs):
        await self.send_json(content["echo"])


class TickerConsumer(AsyncWebsocketConsumer):
    async def ticker_push(self, event):
        await self.send(text_data=json.dumps(event["body"]))
