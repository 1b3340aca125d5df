import tornado.web
import tornado.websocket

from buildbox.sockets.commands import CompileSocket, FlashSocket, LogsSocket


class HomePage(tornado.web.RequestHandler):
    def get(self):
        self.render("index.html")


class StatusSocket(tornado.websocket.WebSocketHandler):
    def open(self):
        self.write_message({"type": "status", "online": True, "event": self.request.path})


def make_app(base: str) -> tornado.web.Application:
    return tornado.web.Application(
        [
            (f"{base}", HomePage),
            (f"{base}compile", CompileSocket),
            (f"{base}flash", FlashSocket),
            (f"{base}logs", LogsSocket),
            (f"{base}status", StatusSocket),
        ],
        websocket_ping_interval=30.0,
    )
