import socketio
from fastapi import FastAPI, WebSocket

from .config import ROOT_PATH

app = FastAPI()

sio = socketio.AsyncServer(cors_allowed_origins=[], async_mode="asgi")
asgi_app = socketio.ASGIApp(socketio_server=sio, socketio_path="")
SOCKET_IO_PATH = f"{ROOT_PATH}/ws/socket.io"
app.mount(SOCKET_IO_PATH, asgi_app)


@app.websocket("/ws/metrics")
async def metrics(ws: WebSocket) -> None:
    await ws.accept()
    await ws.send_json({"type": "metrics_snapshot", "cpu": 0.1})
