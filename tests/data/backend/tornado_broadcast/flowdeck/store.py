import logging

from flowdeck.web import handlers

log = logging.getLogger(__name__)


class ItemStore:
    def __init__(self) -> None:
        self.items: dict[int, dict] = {}

    def add(self, item: dict) -> None:
        self.items[item["id"]] = item
        handlers.LiveUpdates.broadcast_item("items/added", item)

    def clear(self) -> None:
        self.items.clear()
        handlers.LiveUpdates.broadcast(type="items/cleared")

    def set_theme(self, theme: str) -> None:
        log.info("theme", {"theme": theme})
        handlers.LiveUpdates.broadcast(
            type="settings/changed",
            payload={"theme": theme},
        )

    def reset_theme(self) -> None:
        handlers.LiveUpdates.broadcast(type="settings/reset", payload="default")
