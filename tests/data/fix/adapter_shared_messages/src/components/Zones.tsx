import { useEffect, useState } from 'react';

export function Zones() {
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => {
    const ws = new WebSocket('/ws/zones');
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'zone_created') {
        setZones((z) => [...z, msg.payload.name]);
      }
    };
    return () => ws.close();
  }, []);
  return <ul>{zones.map((z) => <li key={z}>{z}</li>)}</ul>;
}
