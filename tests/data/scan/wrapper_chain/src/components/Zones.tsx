import { useEffect } from 'react';
import { useDnsSocket, useTopic } from '../realtime';

export function Zones({ userId }: { userId: string }) {
  const dns = useDnsSocket(userId);
  const { subscribe: listen } = useTopic('security', userId);
  useEffect(() => {
    dns.subscribe('zone_updated', () => undefined);
    listen('security_alert', () => undefined);
  }, [dns, listen]);
  return null;
}
