class Hub:
    def __init__(self):
        self.sockets = set()

    async def fan_out(self, message):
        for ws in list(self.sockets):
            await ws.send_json(message)


hub = Hub()
