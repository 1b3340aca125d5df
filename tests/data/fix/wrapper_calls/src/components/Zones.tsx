import { useEffect } from 'react';
import { useDnsSocket } from '../realtime/topic';

export function Zones({ userId, onChange }: { userId: string; onChange: (z: unknown) => void }) {
  const dns = useDnsSocket(userId);
  useEffect(() => {
    dns.subscribe('zone_updated', (zone) => {
      onChange(zone);
    });
  }, [dns, onChange]);
  return null;
}
