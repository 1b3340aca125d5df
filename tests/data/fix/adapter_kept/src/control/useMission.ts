import { useEffect, useState } from 'react';

import { useLink } from '../link/useLink';
import type { Ack } from '../telemetry/types';

// the mission planner: its uplink is handed to the planner page, which uploads waypoints on it
export function useMission() {
  const [uploaded, setUploaded] = useState(0);
  const uplink = useLink<Ack>((ack) => setUploaded(ack.seq));
  useEffect(() => {
    uplink.open('/ws/link/mission');
    return () => uplink.close();
  }, []);
  return { uplink, uploaded };
}
