from fastapi import FastAPI, WebSocket

from . import items, stock
from .live import hub

api = FastAPI()
api.include_router(items.router)
api.include_router(stock.router, prefix="/stock")


@api.websocket("/")
async def everything(websocket: WebSocket) -> None:
    await websocket.accept()
    hub.join("*", websocket)
    while True:
        await websocket.receive_text()
        await websocket.send_json({"type": "pong"})
