import asyncio
import json

from .watch import changed_files


async def _main(port: int, secret: str) -> None:
    import websockets
    import websockets.asyncio.server

    reload_now = asyncio.Event()

    async def reload_server(conn: websockets.asyncio.server.ServerConnection) -> None:
        try:
            if conn.request is None:
                raise RuntimeError("no request")
            elif conn.request.path == "/autoreload":
                while True:
                    await reload_now.wait()
                    await conn.send(json.dumps({"type": "reload", "files": changed_files()}))
            elif conn.request.path == "/notify":
                if conn.request.headers.get("X-Secret", "") != secret:
                    return
                data = await conn.recv()
                if data == "reload_end":
                    reload_now.set()
                    reload_now.clear()
        except websockets.exceptions.ConnectionClosed:
            pass

    async def process_request(connection, request):
        if request.path == "/health":
            return connection.respond(200, "ok")
        return None

    async with websockets.asyncio.server.serve(reload_server, "127.0.0.1", port,
                                               process_request=process_request):
        await asyncio.Future()
