from pydantic import BaseModel

from dnsapp.realtime import manager as realtime
from dnsapp.realtime.events import EventType


class RecordEvent(BaseModel):
    type: EventType
    record: dict


async def record_changed(record: dict, kind: EventType) -> None:
    await realtime.publish(("dns_records", str(record["id"])), RecordEvent(type=kind, record=record))


async def update_record(db, record: dict) -> None:
    db.execute("UPDATE records SET value = :v WHERE id = :id", {"v": record["value"], "id": record["id"]})
    await record_changed(record, EventType.RECORD_CHANGED)
