from enum import Enum

from fastapi import FastAPI, WebSocket

app = FastAPI()


class Kind(str, Enum): READY = "ready"


@app.websocket("/ws/status")
async def status(websocket: WebSocket):
    await websocket.send_json({"type": Kind.READY})
