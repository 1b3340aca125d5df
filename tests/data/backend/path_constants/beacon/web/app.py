from fastapi import FastAPI, WebSocket
from starlette.routing import Mount, WebSocketRoute

from beacon import paths
from beacon.paths import API_ROOT, FEED_PATH
from beacon.web import events

LIVE_PATH = "/live"
PREFIX = "/v2"

app = FastAPI()


@app.websocket(LIVE_PATH)
async def live(ws: WebSocket) -> None:
    await ws.accept()
    await ws.send_json({"type": "tick"})


@app.websocket(PREFIX + FEED_PATH)
async def feed(ws: WebSocket) -> None:
    await ws.accept()
    await ws.send_json({"type": "feed_line"})


@app.websocket(f"{PREFIX}/{paths.STATUS_SEGMENT}")
async def status(ws: WebSocket) -> None:
    await ws.accept()
    await ws.send_json({"type": "status_changed"})


def url(*parts: str) -> str:
    return "/" + "/".join(parts)


@app.websocket(url("hidden", "route"))
async def hidden(ws: WebSocket) -> None:
    await ws.send_json({"type": "unseen"})


async def board(ws: WebSocket) -> None:
    await ws.accept()
    await ws.send_json({"type": "board_update"})


BOARD = "board"
app.router.routes.append(Mount(PREFIX, routes=[WebSocketRoute("/" + BOARD, board)]))
app.include_router(events.router, prefix=API_ROOT)
app.include_router(events.other)
