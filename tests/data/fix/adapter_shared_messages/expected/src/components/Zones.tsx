import { useEffect, useState } from 'react';
import { websocketService } from '../services/websocket';
import { EventType } from '../types/websocket';

export function Zones() {
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => {
    void websocketService.subscribe([EventType.ZONE_CREATED]);
    const onZoneCreated = (payload: any) => {
      setZones((z) => [...z, payload.name]);
    };
    websocketService.on(EventType.ZONE_CREATED, onZoneCreated);
    return () => {
      websocketService.off(EventType.ZONE_CREATED, onZoneCreated);
      websocketService.unsubscribe([EventType.ZONE_CREATED]);
    };
  }, []);
  return <ul>{zones.map((z) => <li key={z}>{z}</li>)}</ul>;
}
