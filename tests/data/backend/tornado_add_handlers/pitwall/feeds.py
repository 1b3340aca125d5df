import logging

from tornado.websocket import WebSocketHandler

log = logging.getLogger(__name__)

watchers = set()


class LapFeed(WebSocketHandler):
    def open(self):
        watchers.add(self)

    def on_close(self):
        watchers.discard(self)


class TelemetryFeed(WebSocketHandler):
    def open(self, car):
        self.car = car
        self.write_message({"event": "hello", "car": car})

    def on_message(self, message):
        log.debug("telemetry socket got %s", message)


class ChatFeed(WebSocketHandler):
    members = set()

    def open(self):
        ChatFeed.members.add(self)

    def on_close(self):
        ChatFeed.members.discard(self)

    def on_message(self, message):
        log.info("chat: %s", message)
        self.write_message({"ok": True})
