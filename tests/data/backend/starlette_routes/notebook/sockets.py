import json
import logging

from starlette.websockets import WebSocket

logger = logging.getLogger(__name__)


async def kernel_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_text(json.dumps({"op": "kernel_ready", "data": {"type": "python"}}))
    logger.debug("kernel", {"op": "ready"})


async def terminal_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_bytes(b"$ ")
