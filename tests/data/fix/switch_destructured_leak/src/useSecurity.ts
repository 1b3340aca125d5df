import { useEffect, useState } from 'react';

export function useSecurityAlerts(): string[] {
  const [alerts, setAlerts] = useState<string[]>([]);
  useEffect(() => {
    const sock = new WebSocket('/ws/security');
    sock.addEventListener('message', (ev: MessageEvent) => {
      const { type, payload } = JSON.parse(ev.data);
      switch (type) {
        case 'security_alert':
        case 'threat_detected':
          setAlerts((prev) => [...prev, String(payload)]);
          break;
        case 'rpz_updated':
          console.info('rpz', payload);
          break;
        default:
          break;
      }
    });
  }, []);
  return alerts;
}
