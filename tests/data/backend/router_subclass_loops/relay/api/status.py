from fastapi import APIRouter, WebSocket

router = APIRouter(prefix="/status")


@router.websocket("/now")
async def now(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_json({"type": "status_now"})
