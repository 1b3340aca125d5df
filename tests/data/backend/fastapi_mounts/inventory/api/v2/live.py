import json


class Hub:
    def __init__(self):
        self.rooms = {}

    def join(self, room, websocket):
        self.rooms.setdefault(room, set()).add(websocket)

    async def _deliver(self, room, text):
        for websocket in self.rooms.get(room, ()):
            await websocket.send_text(text)

    async def publish(self, room, message):
        await self._deliver(room, json.dumps(message))


hub = Hub()
