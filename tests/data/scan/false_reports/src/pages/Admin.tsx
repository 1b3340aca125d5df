import { useEffect, useState } from 'react';
import { realtime } from '../realtime/RealtimeClient';
import { useTicker } from '../hooks/useTicker';

export function Admin() {
  const [alerts, setAlerts] = useState(0);
  const { live } = useTicker('otc');

  useEffect(() => {
    realtime.subscribe(['SECURITY_ALERT']);
    return realtime.on('SECURITY_ALERT', () => setAlerts((n) => n + 1));
  }, []);

  return <b data-live={live}>{alerts}</b>;
}
