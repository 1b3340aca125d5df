from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from .manager import manager

ws_router = APIRouter(prefix="/ws")


@ws_router.websocket("/{connection_type}")
async def legacy_socket(websocket: WebSocket, connection_type: str) -> None:
    await manager.connect(connection_type, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
