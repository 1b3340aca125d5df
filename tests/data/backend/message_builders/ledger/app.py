import json
import logging

from fastapi import FastAPI, WebSocket

from ledger.hub import board, hub
from ledger.wire import messages, shapes
from ledger.wire.messages import alarm, snapshot
from ledger.wire.shapes import describe, envelope, from_row

log = logging.getLogger(__name__)
app = FastAPI()


class Session:
    def __init__(self, ws):
        self.ws = ws

    def _hello(self, name):
        return messages.HelloFrame(rows=[name])

    async def greet(self):
        await self.ws.send_json(self._hello("x").model_dump())


@app.websocket("/ws/rows")
async def rows(ws: WebSocket) -> None:
    await ws.accept()
    hub.sockets.add(ws)
    board.sockets.add(ws)
    await Session(ws).greet()
    await synced(ws)
    await ws.send_json(envelope("row_added", {"id": 1}))
    await ws.send_json(alarm(3))
    await ws.send_json(snapshot([]).model_dump())
    await ws.send_text(json.dumps(shapes.Frames.closed(1000)))
    await ws.send_json(shapes.page(2).model_dump())
    row = await ws.receive_json()
    await ws.send_json(describe(row))
    await ws.send_json(from_row(row))
    log.info("sent %s", envelope("log_only"))


async def removed(row_id: int) -> None:
    await hub.fan_out(envelope("row_removed", row_id))


async def tell(ws, kind, data):
    await ws.send_json(envelope(kind, data))


async def synced(ws) -> None:
    await tell(ws, "row_synced", {})
    board.push_frame("board_pushed")
