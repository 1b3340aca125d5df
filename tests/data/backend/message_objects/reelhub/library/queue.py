import logging

from reelhub import live
from reelhub.live import Draft, Notice

log = logging.getLogger(__name__)


class ScanQueue:
    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)
        live.Notice("queueItemAdded", {"id": item.id, "title": item.title}).push()

    def finish(self, item, result):
        message = Notice("queueItemFinished", result.to_json())
        message.push()

    def report(self, item, state):
        # the event is a run-time value: no type to list, nothing to report
        live.Notice(state.event_name, item.to_json()).push()

    def remember(self, item):
        # built and never pushed: no send
        kept = Notice("queueItemKept", item.to_json())
        log.info("kept %s", kept.json())
        log.info("draft %s", Draft("itemDrafted", item.to_json()).json())
