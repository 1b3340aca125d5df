// expect: clean=2 leaks=0
import { useEffect } from 'react';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export function Clean({ onZone }: { onZone: (p: unknown) => void }) {
  useEffect(() => {
    void websocketService.subscribe([EventType.DNS_ZONE_UPDATED]);
    websocketService.on(EventType.DNS_ZONE_UPDATED, onZone);
    return () => {
      websocketService.off(EventType.DNS_ZONE_UPDATED, onZone);
      websocketService.unsubscribe([EventType.DNS_ZONE_UPDATED]);
    };
  }, [onZone]);
  // a `)` in a string or a comment must not end the effect early: ")" /* ) */
  useEffect(() => {
    const label = "done :)";
    websocketService.on(EventType.SYSTEM_METRICS, () => console.log(label));
    return () => websocketService.off(EventType.SYSTEM_METRICS);
  }, []);
  return null;
}
