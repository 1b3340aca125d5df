"""Messages to the browser."""

import json
import logging

from reelhub.live.sockets import connected, pending

log = logging.getLogger(__name__)


class Notice:
    """One message to every open socket."""

    def __init__(self, event, data):
        self.event = event
        self.data = data

    @property
    def body(self):
        return {"event": self.event, "data": self.data}

    def json(self):
        try:
            return json.dumps(self.body)
        except TypeError:
            log.warning("could not encode %r", self.event)
            return json.dumps(self.body, default=str)

    def push(self):
        text = self.json()
        if not connected:
            pending.append(text)
            return
        from reelhub.web.server import loop

        for sock in connected:
            loop().add_callback(sock.write_message, text)


class Draft:
    """Kept for the log: never sent."""

    def __init__(self, kind, data):
        self.kind = kind
        self.data = data

    def json(self):
        return json.dumps({"kind": self.kind, "data": self.data})
