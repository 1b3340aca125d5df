from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from camwatch.comms.hub import hub

app = FastAPI()


@app.websocket("/ws")
async def live(websocket: WebSocket) -> None:
    await hub.connect(websocket)
    await hub.send_personal({"type": "welcome", "cameras": len(hub.cameras)}, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        hub.disconnect(websocket)
