import { useEffect, useState } from 'react';
import type { Zone } from './types';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

// Zones refresh when the appliance reports a change.
export function Zones() {
  const [zones, setZones] = useState<Zone[]>([]);

  useEffect(() => {
    void websocketService.subscribe([EventType.DNS_ZONE_UPDATED, EventType.DNS_ZONE_DELETED]);
    const onDnsZoneUpdated = (payload: any) => {
      setZones((prev) => prev.map((z) => (z.id === payload.id ? payload : z)));
    };
    const onDnsZoneDeleted = (payload: any) => {
      // keep the order of the others
      setZones((prev) => prev.filter((z) => z.id !== payload.id));
    };
    websocketService.on(EventType.DNS_ZONE_UPDATED, onDnsZoneUpdated);
    websocketService.on(EventType.DNS_ZONE_DELETED, onDnsZoneDeleted);
    const offError = websocketService.onError((err) => console.error('dns socket', err));
    return () => {
      websocketService.off(EventType.DNS_ZONE_UPDATED, onDnsZoneUpdated);
      websocketService.off(EventType.DNS_ZONE_DELETED, onDnsZoneDeleted);
      offError();
      websocketService.unsubscribe([EventType.DNS_ZONE_UPDATED, EventType.DNS_ZONE_DELETED]);
    };
  }, []);

  return <ul>{zones.map((z) => <li key={z.id}>{z.name}</li>)}</ul>;
}

declare function connect(): void;
