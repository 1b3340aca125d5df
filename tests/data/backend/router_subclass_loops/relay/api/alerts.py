import tempfile

from fastapi import WebSocket

from relay.core import routing

router = routing.AuditedRouter(prefix="/alerts")
pager = routing.Pager(prefix="/pages")
scratch = tempfile.NamedTemporaryFile(prefix="alerts")


@router.websocket("/{zone}")
async def alerts(websocket: WebSocket, zone: str) -> None:
    await websocket.accept()
    await websocket.send_json({"type": "alert_raised", "zone": zone})
