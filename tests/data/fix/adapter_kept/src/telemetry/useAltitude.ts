import { useEffect, useState } from 'react';

import { useLink } from '../link/useLink';
import type { Altitude } from './types';

// the altitude the drone last reported, 0 until then
export const useAltitude = (): number => {
  const [meters, setMeters] = useState(0);
  const link = useLink<Altitude>((a) => setMeters(a.meters));
  useEffect(() => {
    link.open('/ws/link/altitude');
    return () => link.close();
  }, []);
  return meters;
};
