from fastapi import WebSocket

from relay.core.routing import ServiceRouter

router: ServiceRouter = ServiceRouter(prefix="/feeds", tags=["feeds"])


@router.get("")
async def list_feeds() -> list[str]:
    return []


@router.websocket("/out")
async def feed_out(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_json({"type": "feed_item", "payload": {}})
