import logging
from datetime import datetime, timezone

from fastapi import WebSocket

from .events import EventType

logger = logging.getLogger(__name__)


class ConnectionManager:
    def __init__(self) -> None:
        self.active: dict[str, list[WebSocket]] = {}

    async def connect(self, connection_type: str, websocket: WebSocket) -> None:
        await websocket.accept()
        self.active.setdefault(connection_type, []).append(websocket)
        logger.info("connected", {"connection_type": connection_type})

    async def emit_event(self, event_type: EventType, data: dict, connection_type: str = "dns") -> None:
        message = {
            "type": event_type.value,
            "data": {"type": "nested-not-the-type", **data},
            "timestamp": datetime.now(timezone.utc).isoformat(),
        }
        for websocket in self.active.get(connection_type, []):
            await websocket.send_json(message)


manager = ConnectionManager()


async def publish(pool: tuple[str, ...], event) -> None:
    for websocket in manager.active.get(pool[0], []):
        await websocket.send_text(event.model_dump_json())
