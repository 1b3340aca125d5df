class Dispatcher:
    """Hands what the app publishes to every communicator (MQTT, the browsers' hub)."""

    def __init__(self, communicators: list) -> None:
        self.communicators = communicators

    async def publish(self, topic: str, payload: str, retain: bool = False) -> None:
        for comm in self.communicators:
            await comm.publish(topic, payload)
