import { useEffect, useRef, useState } from 'react';

export function RefFeed() {
  const wsRef = useRef<WebSocket | null>(null);
  const [last, setLast] = useState<unknown>(null);
  useEffect(() => {
    wsRef.current = new WebSocket('/ws/system');
    wsRef.current.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      if (msg.type === 'system_metrics') setLast(msg.payload);
    };
    return () => {
      wsRef.current?.close();
      wsRef.current = null;
    };
  }, []);
  return <i>{String(last)}</i>;
}
