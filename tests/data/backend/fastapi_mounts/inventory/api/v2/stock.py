from fastapi import APIRouter, WebSocket
from fastapi.responses import StreamingResponse

from .live import hub

router = APIRouter()


@router.websocket("/{warehouse}/levels")
async def levels(websocket: WebSocket, warehouse: str) -> None:
    await websocket.accept()
    hub.join("stock", websocket)


async def _events():
    yield "data: {}\n\n"


@router.get("/stream")
async def stream() -> StreamingResponse:
    return StreamingResponse(_events(), media_type="text/event-stream")


async def restock(level: int) -> None:
    await hub.publish("stock", {"type": "stock_low", "payload": level})
