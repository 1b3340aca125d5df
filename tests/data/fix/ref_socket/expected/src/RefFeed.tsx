import { useEffect, useRef, useState } from 'react';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export function RefFeed() {
  const wsRef = useRef<WebSocket | null>(null);
  const [last, setLast] = useState<unknown>(null);
  useEffect(() => {
    void websocketService.subscribe([EventType.SYSTEM_METRICS]);
    const onSystemMetrics = (payload: any) => {
      setLast(payload);
    };
    websocketService.on(EventType.SYSTEM_METRICS, onSystemMetrics);
    return () => {
      websocketService.off(EventType.SYSTEM_METRICS, onSystemMetrics);
      websocketService.unsubscribe([EventType.SYSTEM_METRICS]);
      wsRef.current = null;
    };
  }, []);
  return <i>{String(last)}</i>;
}
