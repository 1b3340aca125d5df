from starlette.applications import Starlette
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from .connection import Connection, Session
from .files import FileResponse


async def on_connect(ws: WebSocket) -> None:
    await ws.accept()
    session = Session(Connection(ws))
    await session.flush({})


async def page(request):
    return FileResponse("index.html")


app = Starlette(routes=[
    WebSocketRoute("/websocket/", on_connect),
    Route("/", page),
])
