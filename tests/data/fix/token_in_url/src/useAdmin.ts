import { useEffect } from 'react';
import { getAuthToken } from './auth';

export function useAdminFeed(onMetrics: (m: unknown) => void) {
  useEffect(() => {
    const token = getAuthToken();
    const ws = new WebSocket(`wss://${location.host}/ws/admin?token=${encodeURIComponent(token)}`);
    ws.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.type === 'admin_metrics') {
        onMetrics(data.payload);
      }
    };
    return () => ws.close();
  }, [onMetrics]);
}
