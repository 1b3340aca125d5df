import { useEffect, useState } from 'react';
import { useAcmeSocket } from '@acme/realtime';
import type { Zone } from './types';

// Who else is looking at the zones: the design system's socket hook.
function Watchers() {
  const [count, setCount] = useState(0);
  useAcmeSocket('/ws/presence', { onMessage: (e: MessageEvent) => setCount(JSON.parse(e.data).count) });
  return <span>{count} watching</span>;
}

export function Zones({ pageSize }: { pageSize: number }) {
  const [zones, setZones] = useState<Zone[]>([]);

  useEffect(() => {
    const dns = new WebSocket('/ws/dns_management');
    dns.onmessage = (event) => {
      const { type, payload } = JSON.parse(event.data);
      switch (type) {
        case 'zone_updated':
          setZones((all) => [payload, ...all.filter((z) => z.id !== payload.id)].slice(0, pageSize));
          break;
        case 'zone_deleted':
          setZones((all) => all.filter((z) => z.id !== payload.id));
          break;
      }
    };
    return () => dns.close();
  }, [pageSize]);

  return (
    <section>
      <Watchers />
      <ul>{zones.map((z) => <li key={z.id}>{z.name}</li>)}</ul>
    </section>
  );
}
