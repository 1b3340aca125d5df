// expect: clean=0 leaks=1
import React from 'react';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export function MissingUnsubscribe({ onHealth }: { onHealth: (p: unknown) => void }) {
  React.useEffect(() => {
    void websocketService.subscribe([EventType.HEALTH_STATUS]);
    websocketService.on(EventType.HEALTH_STATUS, onHealth);
    return function cleanup() {
      websocketService.off(EventType.HEALTH_STATUS, onHealth);
    };
  }, [onHealth]);
  return null;
}
