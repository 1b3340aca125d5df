import logging

from dnsapp.realtime.events import EventType
from dnsapp.realtime.manager import manager

logger = logging.getLogger(__name__)


async def broadcast_zone_created(zone: dict) -> None:
    await manager.emit_event(EventType.ZONE_CREATED, zone, connection_type="dns_management")


async def delete_zone(db, zone_id: int) -> None:
    db.execute("DELETE FROM zones WHERE id = :id", {"id": zone_id})
    logger.warning("zone deleted", {"zone": zone_id})
    await manager.emit_event(EventType.ZONE_DELETED, {"id": zone_id}, "dns_management")


def audit(event: str, details: dict) -> None:
    logger.info(event, {"details": details})
