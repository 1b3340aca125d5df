import tornado.web
from tornado.websocket import WebSocketHandler

from beacon.paths import STATUS_SEGMENT

STREAM = r"_beacon/stream"


class StreamHandler(WebSocketHandler):
    def open(self) -> None:
        self.write_message({"type": "stream_open"})


class StatusHandler(WebSocketHandler):
    def open(self) -> None:
        self.write_message({"type": "legacy_status"})


def make_path(*parts: str) -> str:
    return r"^/%s/?$" % "/".join(p.strip("/") for p in parts if p)


def create(base: str) -> tornado.web.Application:
    routes = [
        ("/" + STREAM, StreamHandler),
        (r"/legacy/" + STATUS_SEGMENT, StatusHandler),
        (make_path(base, STREAM, "other"), StreamHandler),
    ]
    return tornado.web.Application(routes)
