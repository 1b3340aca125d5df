from enum import Enum


class EventType(str, Enum):
    ZONE_CREATED = "zone_created"
    ZONE_DELETED = "zone_deleted"
    RECORD_CHANGED = "record_changed"
