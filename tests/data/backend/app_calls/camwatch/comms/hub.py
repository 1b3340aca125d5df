import json

from fastapi import WebSocket


class Hub:
    """The browsers' sockets: every message is `{"topic": …, "payload": …}`."""

    def __init__(self) -> None:
        self.clients: list[WebSocket] = []
        self.cameras: list[str] = []

    async def connect(self, websocket: WebSocket) -> None:
        await websocket.accept()
        self.clients.append(websocket)

    def disconnect(self, websocket: WebSocket) -> None:
        self.clients.remove(websocket)

    async def send_personal(self, message: dict, websocket: WebSocket) -> None:
        await websocket.send_json(message)

    async def publish(self, topic: str, payload: str) -> None:
        text = json.dumps({"topic": topic, "payload": payload})
        for websocket in self.clients:
            await websocket.send_text(text)


hub = Hub()
