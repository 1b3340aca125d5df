from starlette.types import Receive, Scope, Send


class FileResponse:
    def __init__(self, path: str) -> None:
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with open(self.path, "rb") as f:
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": f.read(), "more_body": False})


def gzip_middleware(app):
    async def wrapped(scope, receive, send):
        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                message["headers"].append((b"content-encoding", b"gzip"))
            await send(message)

        await send({"type": "http.response.start", "status": 204, "headers": []})
        await app(scope, receive, send_wrapper)

    return wrapped
