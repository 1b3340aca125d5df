import logging

from camwatch.comms.requestor import Requestor

logger = logging.getLogger(__name__)


class Describer:
    def __init__(self, requestor: Requestor) -> None:
        self.requestor = requestor

    def handle_request(self, topic: str, data: dict) -> dict | None:
        if topic != "regenerate_description":
            return None
        logger.debug("regenerating", {"event": data["event_id"]})
        return self.requestor.send_data("describe", data)
