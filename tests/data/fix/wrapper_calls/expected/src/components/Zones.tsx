import { useEffect } from 'react';
import { websocketService } from '../services/websocket';
import { EventType } from '../types/websocket';

export function Zones({ userId, onChange }: { userId: string; onChange: (z: unknown) => void }) {
  useEffect(() => {
    void websocketService.subscribe([EventType.DNS_ZONE_UPDATED]);
    const onDnsZoneUpdated = (zone: any) => {
      onChange(zone);
    };
    websocketService.on(EventType.DNS_ZONE_UPDATED, onDnsZoneUpdated);
    return () => {
      websocketService.off(EventType.DNS_ZONE_UPDATED, onDnsZoneUpdated);
      websocketService.unsubscribe([EventType.DNS_ZONE_UPDATED]);
    };
  }, [onChange]);
  return null;
}
