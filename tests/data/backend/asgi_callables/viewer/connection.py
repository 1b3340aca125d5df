import json

from starlette.websockets import WebSocket


class Connection:
    def __init__(self, conn: WebSocket) -> None:
        self.conn = conn

    async def send(self, message: str) -> None:
        await self.conn.send_text(message)


class Session:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def send_message(self, message: dict) -> None:
        await self._conn.send(json.dumps(message))

    async def flush(self, values: dict) -> None:
        await self.send_message({"type": "values", "values": values})
