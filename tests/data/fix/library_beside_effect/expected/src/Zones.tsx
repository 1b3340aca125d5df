import { useEffect, useState } from 'react';
import { useAcmeSocket } from '@acme/realtime';
import type { Zone } from './types';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

// Who else is looking at the zones: the design system's socket hook.
function Watchers() {
  const [count, setCount] = useState(0);
  useAcmeSocket('/ws/presence', { onMessage: (e: MessageEvent) => setCount(JSON.parse(e.data).count) });
  return <span>{count} watching</span>;
}

export function Zones({ pageSize }: { pageSize: number }) {
  const [zones, setZones] = useState<Zone[]>([]);

  useEffect(() => {
    void websocketService.subscribe([EventType.DNS_ZONE_UPDATED, EventType.DNS_ZONE_DELETED]);
    const onDnsZoneUpdated = (payload: any) => {
      setZones((all) => [payload, ...all.filter((z) => z.id !== payload.id)].slice(0, pageSize));
    };
    const onDnsZoneDeleted = (payload: any) => {
      setZones((all) => all.filter((z) => z.id !== payload.id));
    };
    websocketService.on(EventType.DNS_ZONE_UPDATED, onDnsZoneUpdated);
    websocketService.on(EventType.DNS_ZONE_DELETED, onDnsZoneDeleted);
    return () => {
      websocketService.off(EventType.DNS_ZONE_UPDATED, onDnsZoneUpdated);
      websocketService.off(EventType.DNS_ZONE_DELETED, onDnsZoneDeleted);
      websocketService.unsubscribe([EventType.DNS_ZONE_UPDATED, EventType.DNS_ZONE_DELETED]);
    };
  }, [pageSize]);

  return (
    <section>
      <Watchers />
      <ul>{zones.map((z) => <li key={z.id}>{z.name}</li>)}</ul>
    </section>
  );
}
