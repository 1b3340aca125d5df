import { useEffect } from 'react';
import { useRealtime } from '@acme/realtime';

export function Panel() {
  const health = useRealtime('health');
  const { listen } = useRealtime('system');
  useEffect(() => {
    health.listen('forwarder_status', () => undefined);
    listen('bind_reload', () => undefined);
    listen('unknown_kind', () => undefined);
  }, [health, listen]);
  return null;
}
