from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from relay.api import alerts, feeds, misc, status
