import { useEffect } from 'react';
import { getAuthToken } from './auth';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export function useAdminFeed(onMetrics: (m: unknown) => void) {
  useEffect(() => {
    const token = getAuthToken();
    void websocketService.connect(token);
    void websocketService.subscribe([EventType.ADMIN_METRICS]);
    const onAdminMetrics = (payload: any) => {
      onMetrics(payload);
    };
    websocketService.on(EventType.ADMIN_METRICS, onAdminMetrics);
    return () => {
      websocketService.off(EventType.ADMIN_METRICS, onAdminMetrics);
      websocketService.unsubscribe([EventType.ADMIN_METRICS]);
    };
  }, [onMetrics]);
}
