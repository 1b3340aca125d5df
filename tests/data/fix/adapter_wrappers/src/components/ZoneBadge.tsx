import { useEffect, useState } from 'react';
import { useSystemSocket } from '../hooks/useTopicSocket';

/** The number of zones created since the page opened, and whether the socket is up. */
export function useZoneCount(userId: string): { zones: number; live: boolean } {
  const { subscribe, isConnected } = useSystemSocket(userId);
  const [zones, setZones] = useState(0);
  useEffect(() => {
    subscribe('zone_created', () => setZones((n) => n + 1));
    subscribe('bind_reload', () => setZones(0));
  }, [subscribe]);
  return { zones, live: isConnected };
}

export function ZoneBadge({ userId }: { userId: string }) {
  const { zones, live } = useZoneCount(userId);
  return <span className={live ? 'live' : 'stale'}>{zones} new zones</span>;
}
