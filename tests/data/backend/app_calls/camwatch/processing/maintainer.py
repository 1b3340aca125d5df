import json

from camwatch.comms.dispatcher import Dispatcher
from camwatch.processing.describer import Describer


class Maintainer:
    def __init__(self, dispatcher: Dispatcher, processors: list[Describer]) -> None:
        self.dispatcher = dispatcher
        self.processors = processors

    def regenerate(self, event_id: str, force: bool) -> None:
        for processor in self.processors:
            processor.handle_request(
                "regenerate_description",
                {"event_id": event_id, "force": force},
            )

    async def alert(self, camera: str, message: str) -> None:
        payload = {"camera": camera, "message": message}
        await self.dispatcher.publish("camera_alert", json.dumps(payload))
        await self.dispatcher.publish("camera_state", {"camera": camera, "state": "alerting"})
