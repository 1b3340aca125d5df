from fastapi import APIRouter, WebSocket

router = APIRouter(prefix="/misc")


@router.websocket("/ping")
async def ping(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_json({"type": "pong"})
