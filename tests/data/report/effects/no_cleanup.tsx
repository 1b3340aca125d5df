// expect: clean=0 leaks=2
import { useEffect } from 'react';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export function NoCleanup({ onHealth }: { onHealth: (p: unknown) => void }) {
  useEffect(() => {
    void websocketService.subscribe([EventType.HEALTH_STATUS]);
    websocketService.on(EventType.HEALTH_STATUS, onHealth);
  }, [onHealth]);
  return null;
}
