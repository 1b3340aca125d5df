import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer


class JobConsumer(AsyncWebsocketConsumer):
    group = "job_events"

    def _allowed(self, data) -> bool:
        user = self.scope.get("user")
        return user is not None and (user.is_staff or data.get("owner") == user.pk)

    async def connect(self):
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def job_progress(self, event):
        if self._allowed(event["data"]):
            await self.send(json.dumps(event))

    async def job_finished(self, event):
        await self.send(text_data=json.dumps(event))


class RoomConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.room = self.scope["url_route"]["kwargs"]["room"]
        await self.channel_layer.group_add(f"room_{self.room}", self.channel_name)
        await self.accept()
        await self.push({"type": "room_state", "room": self.room})

    async def push(self, payload):
        await self.send_json(payload)

    async def receive_json(self, content):
        await self.send_json(content)

    async def chat_message(self, event):
        await self.send_json(event)

    async def member_left(self, event):
        await self.send_json({"type": event["type"], "user": event["user"]})

    async def _relay(self, event):
        await self.send_json(event)
