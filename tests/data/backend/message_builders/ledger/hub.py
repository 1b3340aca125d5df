import json


class Hub:
    def __init__(self):
        self.sockets = set()

    async def fan_out(self, message):
        for ws in list(self.sockets):
            await ws.send_json(message)


hub = Hub()


class Board:
    def __init__(self):
        self.sockets = set()

    def _frame(self, kind, body):
        return {"type": kind, "body": body}

    def push_frame(self, kind, body=None):
        frame = self._frame(kind, body)
        for ws in list(self.sockets):
            ws.send_text(json.dumps(frame))


board = Board()
