from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route, WebSocketRoute

from .sockets import kernel_socket, terminal_socket


async def health(request):
    return JSONResponse({"op": "health", "status": "ok"})


app = Starlette(routes=[
    Route("/health", health),
    Mount("/api", routes=[
        Mount("/kernel", routes=[WebSocketRoute("/ws/{session_id}", kernel_socket)]),
    ]),
    WebSocketRoute("/terminal/ws", endpoint=terminal_socket),
])
