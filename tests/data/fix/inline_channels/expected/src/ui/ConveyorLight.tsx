import { useEffect, useState } from 'react';
import { websocketService } from '../services/websocket';
import { EventType } from '../types/websocket';
import { useWebSocketEvents } from '../services/useWebSocketEvents';

type Belt = { belt: string; speed: number };

/** Green while the conveyor feed is live and no belt has jammed. */
export function ConveyorLight() {
  const { isConnected } = useWebSocketEvents([]);
  const [jammed, setJammed] = useState<string[]>([]);
  useEffect(() => {
    void websocketService.subscribe([EventType.BELT_JAMMED, EventType.BELT_CLEARED]);
    const onBeltJammed = ((belt: Belt) => setJammed((list) => [...list, belt.belt])) as (data: any) => void;
    websocketService.on(EventType.BELT_JAMMED, onBeltJammed);
    const onBeltCleared = (belt: any) => setJammed((list) => list.filter((b) => b !== belt.belt));
    websocketService.on(EventType.BELT_CLEARED, onBeltCleared);
    return () => {
      websocketService.off(EventType.BELT_JAMMED, onBeltJammed);
      websocketService.off(EventType.BELT_CLEARED, onBeltCleared);
      websocketService.unsubscribe([EventType.BELT_JAMMED, EventType.BELT_CLEARED]);
    };
  }, []);
  const ok = isConnected && jammed.length === 0;
  return <span className={ok ? 'green' : 'red'}>{jammed.join(', ') || 'running'}</span>;
}
