import { useEffect, useState } from 'react';
import type { Zone } from './types';

// Zones refresh when the appliance reports a change.
export function Zones() {
  const [zones, setZones] = useState<Zone[]>([]);

  useEffect(() => {
    const ws = new WebSocket('/ws/dns_management');
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'zone_updated') {
        setZones((prev) => prev.map((z) => (z.id === msg.payload.id ? msg.payload : z)));
      } else if ('zone_deleted' === msg.type) {
        // keep the order of the others
        setZones((prev) => prev.filter((z) => z.id !== msg.payload.id));
      }
    };
    ws.onerror = (err) => console.error('dns socket', err);
    ws.onclose = () => setTimeout(() => connect(), 1000);
    return () => ws.close();
  }, []);

  return <ul>{zones.map((z) => <li key={z.id}>{z.name}</li>)}</ul>;
}

declare function connect(): void;
