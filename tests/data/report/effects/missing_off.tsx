// expect: clean=0 leaks=1
import { useEffect } from 'react';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export function MissingOff({ onAlert }: { onAlert: (p: unknown) => void }) {
  useEffect(() => {
    void websocketService.subscribe([EventType.SECURITY_ALERT, EventType.RPZ_UPDATED]);
    websocketService.on(EventType.SECURITY_ALERT, onAlert);
    websocketService.on(EventType.RPZ_UPDATED, onAlert);
    return () => {
      websocketService.off(EventType.SECURITY_ALERT, onAlert);
      websocketService.unsubscribe([EventType.SECURITY_ALERT, EventType.RPZ_UPDATED]);
    };
  }, [onAlert]);
  return null;
}
