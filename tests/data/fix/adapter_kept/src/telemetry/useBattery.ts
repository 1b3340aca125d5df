import { useEffect, useState } from 'react';

import { useLink } from '../link/useLink';
import type { Battery } from './types';

/** The battery's last report, null until one arrives. */
export function useBattery(): Battery | null {
  const [battery, setBattery] = useState<Battery | null>(null);
  const stream = useLink<Battery>(setBattery);
  useEffect(() => {
    stream.open('/ws/link/battery');
    return () => {
      stream.close();
    };
  }, []);
  return battery;
}
