import { useEffect } from 'react';

const EventType = { local: true };

export function Clash({ onMetrics }: { onMetrics: (m: unknown) => void }) {
  useEffect(() => {
    const ws = new WebSocket('/ws/system');
    ws.onmessage = (event) => onMetrics(JSON.parse(event.data));
    return () => ws.close();
  }, [onMetrics]);
  return <i>{String(EventType.local)}</i>;
}
