from fastapi import APIRouter, WebSocket

from beacon import paths
from beacon.settings import RUNTIME_PREFIX

router = APIRouter(prefix=paths.EVENTS_PREFIX)
other = APIRouter(prefix=RUNTIME_PREFIX)


@router.websocket("/out")
async def events_out(ws: WebSocket) -> None:
    await ws.accept()
    await ws.send_json({"type": "event_out"})


@other.websocket("/elsewhere")
async def elsewhere(ws: WebSocket) -> None:
    await ws.accept()
    await ws.send_json({"type": "elsewhere"})
