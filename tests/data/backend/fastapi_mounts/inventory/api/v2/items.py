from fastapi import APIRouter, WebSocket
from fastapi.responses import JSONResponse

from .db import execute
from .live import hub

router = APIRouter(prefix="/items", tags=["items"])


@router.websocket("")
async def all_items(websocket: WebSocket) -> None:
    await websocket.accept()
    hub.join("items", websocket)


@router.websocket("/{item_id}")
async def one_item(websocket: WebSocket, item_id: int) -> None:
    await websocket.accept()
    hub.join(f"items/{item_id}", websocket)


@router.delete("/{item_id}")
async def delete_item(item_id: int) -> JSONResponse:
    execute("DELETE FROM items WHERE id = :id", {"id": item_id})
    await hub.publish("items", {"type": "item_deleted", "payload": {"id": item_id}})
    return JSONResponse({"type": "deleted", "id": item_id})
