import logging

from tornado.websocket import WebSocketHandler

log = logging.getLogger(__name__)

connected = []
pending = []


class LiveSocket(WebSocketHandler):
    """Pushes the library's changes to the browser."""

    def check_origin(self, origin):
        return True

    def open(self, *args, **kwargs):
        connected.append(self)
        for text in list(pending):
            self.write_message(text)
            pending.remove(text)

    def on_message(self, message):
        log.debug("ignored %s", message)

    def on_close(self):
        connected.remove(self)
