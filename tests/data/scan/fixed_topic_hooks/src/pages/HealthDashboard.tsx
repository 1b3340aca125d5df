import { useCallback, useEffect, useState } from 'react';
import { listForwarders, type ForwarderStatus } from '../api/zones';
import { FEATURE_FLAGS } from '../config';
import { useDnsSocket, useHealthSocket, type TopicHandler } from '../realtime';

type User = { id: string; name: string; isAdmin: boolean };

interface HealthSample {
  cpu: number;
  memory: number;
}

export function HealthDashboard({ user }: { user: User }) {
  const [forwarders, setForwarders] = useState<ForwarderStatus[]>([]);
  const [sample, setSample] = useState<HealthSample | null>(null);
  const [dirtyZones, setDirtyZones] = useState<string[]>([]);

  const health = useHealthSocket(user.id, { reconnect: true });
  const { subscribe: onDns, isConnected: dnsLive } = useDnsSocket(user.id);

  useEffect(() => {
    listForwarders()
      .then(setForwarders)
      .catch(() => setForwarders([]));
  }, []);

  const handleForwarder: TopicHandler<ForwarderStatus> = useCallback((status) => {
    setForwarders((prev) => {
      const rest = prev.filter((f) => f.address !== status.address);
      return [...rest, status].sort((a, b) => a.address.localeCompare(b.address));
    });
  }, []);

  const handleHealth = useCallback((data: HealthSample) => setSample(data), []);

  const handleZoneUpdated = useCallback((data: { zone: string }) => {
    setDirtyZones((prev) => (prev.includes(data.zone) ? prev : [...prev, data.zone]));
  }, []);

  useEffect(() => {
    health.subscribe('forwarder_status', handleForwarder);
    health.subscribe('system_health', handleHealth);
    return () => {
      health.unsubscribe('forwarder_status', handleForwarder);
      health.unsubscribe('system_health', handleHealth);
    };
  }, [health.subscribe, health.unsubscribe, handleForwarder, handleHealth]);

  useEffect(() => {
    onDns('zone_updated', handleZoneUpdated);
  }, [onDns, handleZoneUpdated]);

  return (
    <div className="health">
      <h2>Hello {user.name}</h2>
      {sample && (
        <p>
          CPU {sample.cpu.toFixed(1)}% · memory {sample.memory.toFixed(1)}%
        </p>
      )}
      {FEATURE_FLAGS.showLatencyGraph && (
        <table>
          <tbody>
            {forwarders.map((f) => (
              <tr key={f.address} className={f.healthy ? '' : 'bad'}>
                <td>{f.address}</td>
                <td>{f.latencyMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <footer>
        {dnsLive ? `${dirtyZones.length} zones changed since load` : 'DNS feed offline'}
      </footer>
    </div>
  );
}
