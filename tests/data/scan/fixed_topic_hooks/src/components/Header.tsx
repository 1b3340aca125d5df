import { useCallback, useEffect, useState } from 'react';
import type { ServiceState } from '../api/zones';
import { useSystemSocket, useTopicSocket } from '../realtime';

interface SecurityAlert {
  id: string;
  severity: 'low' | 'high';
  summary: string;
}

const DISMISS_AFTER_MS = 15_000;

export function SecurityBanner({ userId }: { userId: string }) {
  const [alert, setAlert] = useState<SecurityAlert | null>(null);
  const [rpzSerial, setRpzSerial] = useState<number | undefined>();
  // There is no fixed-topic hook for security yet, so this goes through the generic one.
  const { subscribe, isConnected } = useTopicSocket('security', userId, { retryMs: 5000 });

  const onAlert = useCallback((a: SecurityAlert) => setAlert(a), []);
  const onRpzUpdated = useCallback((data: { serial: number }) => setRpzSerial(data.serial), []);

  useEffect(() => {
    subscribe('security_alert', onAlert);
    subscribe('rpz_updated', onRpzUpdated);
  }, [subscribe, onAlert, onRpzUpdated]);

  // auto-dismiss low-severity alerts
  useEffect(() => {
    if (!alert || alert.severity === 'high') return undefined;
    const t = setTimeout(() => setAlert(null), DISMISS_AFTER_MS);
    return () => clearTimeout(t);
  }, [alert]);

  if (!isConnected && !alert) return null;
  return (
    <div role="status" className={`banner banner--${alert?.severity ?? 'idle'}`}>
      {alert ? alert.summary : 'No active threats'}
      {rpzSerial !== undefined && <small> RPZ serial {rpzSerial}</small>}
    </div>
  );
}

export function SystemStatusBadge({ userId }: { userId: string }) {
  const [services, setServices] = useState<Record<string, ServiceState>>({});
  const { subscribe, isConnected } = useSystemSocket(userId);

  const onServiceStatus = useCallback((data: { service: string; state: ServiceState }) => {
    setServices((prev) => ({ ...prev, [data.service]: data.state }));
  }, []);

  useEffect(() => {
    subscribe('service_status', onServiceStatus);
  }, [subscribe, onServiceStatus]);

  const degraded = Object.values(services).filter((s) => s !== 'running').length;
  return (
    <span className="badge" title={isConnected ? 'live' : 'reconnecting'}>
      {degraded === 0 ? 'All services up' : `${degraded} degraded`}
    </span>
  );
}
