import { useEffect, useState } from 'react';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export function useSecurityAlerts(): string[] {
  const [alerts, setAlerts] = useState<string[]>([]);
  useEffect(() => {
    void websocketService.subscribe([EventType.SECURITY_ALERT, EventType.THREAT_DETECTED, EventType.RPZ_UPDATED]);
    const onSecurityAlert = (payload: any) => {
      setAlerts((prev) => [...prev, String(payload)]);
    };
    const onRpzUpdated = (payload: any) => {
      console.info('rpz', payload);
    };
    websocketService.on(EventType.SECURITY_ALERT, onSecurityAlert);
    websocketService.on(EventType.THREAT_DETECTED, onSecurityAlert);
    websocketService.on(EventType.RPZ_UPDATED, onRpzUpdated);
    return () => {
      websocketService.off(EventType.SECURITY_ALERT, onSecurityAlert);
      websocketService.off(EventType.THREAT_DETECTED, onSecurityAlert);
      websocketService.off(EventType.RPZ_UPDATED, onRpzUpdated);
      websocketService.unsubscribe([EventType.SECURITY_ALERT, EventType.THREAT_DETECTED, EventType.RPZ_UPDATED]);
    };
  }, []);
  return alerts;
}
